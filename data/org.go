package data

import "context"

// Branch is the 党支部 (SPEC §1). A database normally holds exactly one.
type Branch struct {
	ID           int64
	Name         string // 名称*
	Committee    string // 所属党委*
	Unit         string // 所在单位
	Secretary    string // 书记
	Deputy       string // 副书记
	Organisation string // 组织委员
	Propaganda   string // 宣传委员
	Discipline   string // 纪检委员
	Phone        string // 联系电话
	Code         string // 支部代码: short code that keys branches in a consolidated database
}

// Group is a 党小组.
type Group struct {
	ID       int64
	BranchID int64
	Name     string // 名称*
	LeaderID int64  // 组长 (a member), 0 = none
	Area     string // 责任区说明
}

// Team is a 班组.
type Team struct {
	ID       int64
	BranchID int64
	Name     string // 名称*
	Category string // one of TeamCategories
	GroupID  int64  // 所属党小组, 0 = none
}

// TeamCategories are the 班组 类别 of SPEC §1.
var TeamCategories = []string{"采煤", "掘进", "机电", "运输", "通风", "地面", "后勤", "其他"}

// OrgStore keeps the branch, its Party groups and its work teams.
type OrgStore interface {
	// Branch returns the database's branch. A new file already has one, with empty details, so the
	// program asks for them on first start.
	Branch(ctx context.Context) (Branch, error)
	// SaveBranch creates the branch or updates it (by ID), after ValidateBranch.
	SaveBranch(ctx context.Context, b *Branch) error

	Groups(ctx context.Context) ([]Group, error) // ordered by name
	SaveGroup(ctx context.Context, g *Group) error
	// DeleteGroup removes a group; its teams and members keep existing with no group.
	DeleteGroup(ctx context.Context, id int64) error

	Teams(ctx context.Context) ([]Team, error) // ordered by name
	SaveTeam(ctx context.Context, t *Team) error
	// DeleteTeam removes a team; its members keep existing with no team.
	DeleteTeam(ctx context.Context, id int64) error
}
