package data

import (
	"context"
	"fmt"
	"time"
)

// Member is a Party member (党员) with every field of SPEC §2. Enumerated fields hold their Chinese
// value as printed (男, 正式党员, …); the database stores the same strings under CHECK constraints.
type Member struct {
	ID       int64
	BranchID int64

	// The national standard collection form (the R1 columns).
	Name        string // 姓名*
	Sex         string // 性别*: 男/女, derived from the ID number
	Ethnicity   string // 民族*: one of Ethnicities
	IDNumber    string // 公民身份证号*: 18 characters, X upper-case
	BirthDate   Date   // 出生日期*: derived from the ID number
	Education   string // 学历: one of Educations or ""
	Category    string // 人员类别*: 正式党员/预备党员
	JoinDate    Date   // 加入党组织日期*
	FullDate    Date   // 转为正式党员日期 (正式党员 only)
	Job         string // 工作岗位 (also the 岗位 of R1b)
	Mobile      string // 手机号
	Landline    string // 固定电话
	Address     string // 家庭住址
	PartyStatus string // 党籍状态: 正常/停止党籍
	LostContact bool   // 是否为失联党员
	LostDate    Date   // 失去联系日期 (required when LostContact)
	Floating    bool   // 是否为流动党员
	FloatingTo  string // 外出流向 (required when Floating)
	Remark      string // 备注

	// Placement and roles.
	GroupID    int64  // 党小组, 0 = none
	TeamID     int64  // 班组, 0 = none
	PartyRole  string // 党内职务: one of PartyRoles
	KeyPost    string // 重点岗位: one of the configured key posts, "" = not a key post
	Supervisor bool   // 督查队伍成员
	WorkDate   Date   // 参加工作日期
	RollStatus string // 在册状态: 在册/转出/去世/出党
	RollDate   Date   // date of leaving the roll (required unless 在册)

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Field labels: the Chinese names used in forms, error messages and the R1 header.
const (
	FName        = "姓名"
	FBranch      = "所在党支部"
	FIDNumber    = "公民身份证号"
	FSex         = "性别"
	FEthnicity   = "民族"
	FBirthDate   = "出生日期"
	FEducation   = "学历"
	FCategory    = "人员类别"
	FJoinDate    = "加入党组织日期"
	FFullDate    = "转为正式党员日期"
	FJob         = "工作岗位"
	FMobile      = "手机号"
	FLandline    = "固定电话"
	FAddress     = "家庭住址"
	FPartyStatus = "党籍状态"
	FLostContact = "是否为失联党员"
	FLostDate    = "失去联系日期"
	FFloating    = "是否为流动党员"
	FFloatingTo  = "外出流向"
	FRemark      = "备注"
	FGroup       = "党小组"
	FTeam        = "班组"
	FPartyRole   = "党内职务"
	FKeyPost     = "重点岗位"
	FSupervisor  = "督查队伍"
	FWorkDate    = "参加工作日期"
	FRollStatus  = "在册状态"
	FRollDate    = "在册状态变动日期"
)

// Enumerations of SPEC §2.
const (
	SexMale   = "男"
	SexFemale = "女"

	CategoryFull      = "正式党员"
	CategoryProbation = "预备党员"

	PartyStatusNormal    = "正常"
	PartyStatusSuspended = "停止党籍"

	RollIn       = "在册"
	RollOut      = "转出"
	RollDeceased = "去世"
	RollExpelled = "出党"

	RoleNone = "无"
)

var (
	Sexes           = []string{SexMale, SexFemale}
	Categories      = []string{CategoryFull, CategoryProbation}
	Educations      = []string{"研究生", "大学本科", "大学专科", "中等专科", "高中", "初中及以下"}
	PartyStates     = []string{PartyStatusNormal, PartyStatusSuspended}
	RollStates      = []string{RollIn, RollOut, RollDeceased, RollExpelled}
	PartyRoles      = []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员", "党小组长", RoleNone}
	DefaultKeyPosts = []string{"班组长以上管理人员", "保管员", "核算员", "办事员", "采购员", "材料员", "出纳"}
)

// Ethnicities are the 56 ethnic groups in the order of GB 3304, 汉族 first (the default).
var Ethnicities = []string{
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
	"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
	"佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
	"达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
	"塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
	"独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
}

// MemberFilter narrows a member list. The zero filter means every member on the roll (在册).
type MemberFilter struct {
	IncludeLeft bool   // also members who left the roll (转出/去世/出党)
	GroupID     int64  // 0 = any; -1 = members with no group
	TeamID      int64  // 0 = any; -1 = members with no team
	Category    string // "" = any
	KeyPostOnly bool   // only members on a key post
	Supervisors bool   // only members of the supervision team
}

// ImportMode says what an import does with a row whose ID number is already in the file.
type ImportMode string

const (
	ImportSkip   ImportMode = "skip"   // keep the saved member, report the row as skipped (default)
	ImportUpdate ImportMode = "update" // overwrite the saved member's roster fields, keep its placement
	ImportAdd    ImportMode = "add"    // only new members; an existing ID number is an error for the row
)

// ParseImportMode reads a mode as typed (--mode skip): "" is ImportSkip; anything else unknown is
// refused in Chinese.
func ParseImportMode(s string) (ImportMode, error) {
	switch m := ImportMode(s); m {
	case "":
		return ImportSkip, nil
	case ImportSkip, ImportUpdate, ImportAdd:
		return m, nil
	}
	return "", Errorf(EInvalid, fmt.Sprintf("导入方式 --mode 只能是 skip、update 或 add，不能是 %s", s))
}

// ImportResult counts what one import transaction did.
type ImportResult struct {
	Added   int
	Updated int
	Skipped int // rows whose ID number existed (ImportSkip) or that were identical already (ImportUpdate)
}

// MemberStore keeps members.
type MemberStore interface {
	// Members lists members in roster order, that of SortMembers: by 党小组, then 班组, then name,
	// in the collation of CompareNames/ComparePersonNames (pinyin, numbers in group and team
	// names by value); members without a group or team come last.
	Members(ctx context.Context, f MemberFilter) ([]Member, error)
	Member(ctx context.Context, id int64) (Member, error)
	MemberByIDNumber(ctx context.Context, idNumber string) (Member, error)
	// CreateMember and UpdateMember validate (ValidateMember with today's date) and enforce the
	// uniqueness of the ID number, returning FieldErrors when input is bad.
	CreateMember(ctx context.Context, m *Member) error
	UpdateMember(ctx context.Context, m *Member) error
	// DeleteMember removes a member typed by mistake; members who leave get a RollStatus instead.
	DeleteMember(ctx context.Context, id int64) error
	// ImportMembers saves already validated members in one transaction: all or nothing.
	// progress, when not nil, is called now and then with the rows done so far.
	ImportMembers(ctx context.Context, ms []Member, mode ImportMode, progress func(done, total int)) (ImportResult, error)

	// KeyPosts is the configurable list of 重点岗位 (DefaultKeyPosts in a new file).
	KeyPosts(ctx context.Context) ([]string, error)
	SetKeyPosts(ctx context.Context, posts []string) error
}

// Store is everything the program keeps in one data file.
type Store interface {
	OrgStore
	MemberStore
	InspectionStore
	FindingStore
	OptionStore
	OpLogStore
	RecycleStore
	FacilityStore
	CheckStore
	WelfareItemStore
	SurveyStore
	AssessmentStore
	RecruitStore
	DuesStore
	AppraisalStore
	TalkStore
	EmergencyStore
	TermStore
	ActivityStore
	PetitionStore
	ConcernStore
	DecisionStore
	// Path is the data file's location (shown in 数据与设置 and window title).
	Path() string
	Close() error
}

// Ledger is an open data file as the window's session uses it.
type Ledger interface {
	Store
	ReadOnly() bool
	// DailyBackup makes the day's backup unless there is one already.
	DailyBackup(ctx context.Context) (string, error)
}

// LedgerFiles are the operations on whole data files the window needs.
type LedgerFiles interface {
	OpenReadOnly(path string) (Ledger, error)
	// Open checks the data file at path and opens it for writing. When the check finds it damaged
	// it is not opened (never migrated, never replaced) and the error wraps ErrDamaged.
	Open(path string) (Ledger, error)
	// IsBackup refuses a file that is not a backup of this program, before anything is closed.
	IsBackup(path string) error
	// RestoreAndOpen replaces the data file with the backup from and opens it again (the old file
	// when restoring failed; nil when none can be opened).
	RestoreAndOpen(path, from string) (Ledger, string, error)
	// NewestGoodBackup is the newest backup of the data file that passes the check.
	NewestGoodBackup(path string) (backup string, made time.Time, err error)
}
