package sqlite

import (
	"slices"
	"testing"

	"branchledger/data"
)

func TestSaveBranch(t *testing.T) {
	db := openTemp(t)

	err := db.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部"})
	if fe := fieldErrors(t, err); fe.For("所属党委") == "" {
		t.Errorf("missing 所属党委 not reported: %v", fe)
	}

	b := data.Branch{Name: "  综采一队党支部 ", Committee: "某矿党委", Unit: "某矿综采一队", Secretary: "李四",
		Phone: "0319-1234567", Code: "zc-01"}
	if err := db.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if b.ID != 1 || b.Name != "综采一队党支部" || b.Code != "ZC-01" {
		t.Errorf("saved branch = %+v, want ID 1 and normalised text", b)
	}
	got, err := db.Branch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != b {
		t.Errorf("Branch() = %+v, want %+v", got, b)
	}

	b.Deputy = "王五"
	if err := db.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Branch(ctx); got.Deputy != "王五" {
		t.Errorf("update lost: %+v", got)
	}

	missing := b
	missing.ID = 99
	wantCode(t, db.SaveBranch(ctx, &missing), data.ENotFound)

	// The code keys branches of a consolidated file: another branch's code is refused.
	if _, err := db.db.Exec(`INSERT INTO branch (name, code) VALUES ('掘进队党支部', 'JJ-02')`); err != nil {
		t.Fatal(err)
	}
	b.Code = "jj-02"
	fe := fieldErrors(t, db.SaveBranch(ctx, &b))
	if want := "支部代码「JJ-02」已被党支部「掘进队党支部」使用，请换一个"; fe.For("支部代码") != want {
		t.Errorf("code clash = %v, want %q", fe, want)
	}
	// The current branch is still the lowest id.
	if got, _ := db.Branch(ctx); got.ID != 1 || got.Code != "ZC-01" {
		t.Errorf("Branch() = %+v", got)
	}
}

func TestGroups(t *testing.T) {
	db := openTemp(t)
	leader := mustCreate(t, db, newMember("张三", 3))

	g2 := data.Group{Name: "第二党小组", Area: "综采二班、检修班"}
	g1 := data.Group{Name: " 第一党小组 ", LeaderID: leader.ID}
	g3 := data.Group{Name: "第三党小组"}
	saveAll(t, db.SaveGroup, &g3, &g2, &g1)
	if g1.ID == 0 || g1.BranchID != 1 || g1.Name != "第一党小组" {
		t.Errorf("saved group = %+v", g1)
	}
	gs, err := db.Groups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// By the numbers in the names (code-point order would put 三 U+4E09 before 二 U+4E8C).
	if want := []data.Group{g1, g2, g3}; !slices.Equal(gs, want) {
		t.Errorf("Groups() = %+v, want by name %+v", gs, want)
	}

	tests := []struct {
		name  string
		group data.Group
		field string
	}{
		{"empty name", data.Group{}, "名称"},
		{"name of another group", data.Group{Name: "第二党小组"}, "名称"},
		{"renamed onto another group", data.Group{ID: g1.ID, Name: "第二党小组"}, "名称"},
		{"leader who is not a member", data.Group{Name: "第四党小组", LeaderID: 9999}, "组长"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fe := fieldErrors(t, db.SaveGroup(ctx, &tt.group)); fe.For(tt.field) == "" {
				t.Errorf("no error on %s: %v", tt.field, fe)
			}
		})
	}

	// Saving a group under its own name is no clash.
	g1.Area = "综采一班"
	if err := db.SaveGroup(ctx, &g1); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SaveGroup(ctx, &data.Group{ID: 9999, Name: "不存在"}), data.ENotFound)
	wantCode(t, db.DeleteGroup(ctx, 9999), data.ENotFound)

	// Deleting a member who leads a group leaves the group without a leader.
	if err := db.DeleteMember(ctx, leader.ID); err != nil {
		t.Fatal(err)
	}
	gs, _ = db.Groups(ctx)
	if gs[0].LeaderID != 0 {
		t.Errorf("group still led by a deleted member: %+v", gs[0])
	}
}

func TestTeams(t *testing.T) {
	db := openTemp(t)
	g := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	tm := data.Team{Name: "综采一班", Category: "采煤", GroupID: g.ID}
	if err := db.SaveTeam(ctx, &tm); err != nil {
		t.Fatal(err)
	}
	other, third, second := data.Team{Name: "机电班"}, data.Team{Name: "综采三班"}, data.Team{Name: "综采二班"}
	saveAll(t, db.SaveTeam, &other, &third, &second)
	ts, err := db.Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// 机 ji before 综 zong; then by number (code-point order: 一 U+4E00, 三 U+4E09, 二 U+4E8C).
	if want := []data.Team{other, tm, second, third}; !slices.Equal(ts, want) {
		t.Errorf("Teams() = %+v, want %+v", ts, want)
	}

	tests := []struct {
		name  string
		team  data.Team
		field string
	}{
		{"empty name", data.Team{Category: "采煤"}, "名称"},
		{"name of another team", data.Team{Name: "机电班"}, "名称"},
		{"unknown category", data.Team{Name: "新班", Category: "采矿"}, "类别"},
		{"missing group", data.Team{Name: "新班", GroupID: 9999}, "所属党小组"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fe := fieldErrors(t, db.SaveTeam(ctx, &tt.team)); fe.For(tt.field) == "" {
				t.Errorf("no error on %s: %v", tt.field, fe)
			}
		})
	}

	tm.Category = "机电"
	if err := db.SaveTeam(ctx, &tm); err != nil {
		t.Fatal(err)
	}
	wantCode(t, db.SaveTeam(ctx, &data.Team{ID: 9999, Name: "不存在"}), data.ENotFound)
	wantCode(t, db.DeleteTeam(ctx, 9999), data.ENotFound)

	// A deleted group leaves its teams with no group.
	if err := db.DeleteGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	ts, _ = db.Teams(ctx)
	for _, x := range ts {
		if x.GroupID != 0 {
			t.Errorf("team %s keeps deleted group %d", x.Name, x.GroupID)
		}
	}
}

// Deleting a group or team keeps its members, with no group or team.
func TestDeleteGroupAndTeamKeepMembers(t *testing.T) {
	db := openTemp(t)
	g := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	tm := data.Team{Name: "综采一班", GroupID: g.ID}
	if err := db.SaveTeam(ctx, &tm); err != nil {
		t.Fatal(err)
	}
	m := newMember("张三", 3)
	m.GroupID, m.TeamID = g.ID, tm.ID
	m = mustCreate(t, db, m)

	if err := db.DeleteGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	got, err := db.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.GroupID != 0 || got.TeamID != tm.ID {
		t.Errorf("after deleting the group: group %d team %d, want 0 and %d", got.GroupID, got.TeamID, tm.ID)
	}
	if err := db.DeleteTeam(ctx, tm.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ = db.Member(ctx, m.ID); got.TeamID != 0 {
		t.Errorf("after deleting the team: team %d, want 0", got.TeamID)
	}
	if n := countMembers(t, db); n != 1 {
		t.Errorf("members = %d, want 1", n)
	}
}
