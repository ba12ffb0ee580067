package data

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the organisational life records of SPEC §12.1: activities (三会一课, 主题党日,
// 学习) with their attendance exceptions and make-ups, and the 班前教育60秒 typed in bulk. The rhythm
// rules and the calendar are in orglife.go.
//
// Choices where the SPEC is silent:
//   - 应到 counts the members of the scope on the roll on the activity's day (joined by then, not
//     left before or on it, not 停止党籍); their 党小组, 班组 and 党内职务 are taken as they are now,
//     since the roster keeps no history of them.
//   - 班前教育60秒 is kept apart (one row a team and day, no attendance): it is not in R12, and counts
//     for a 班前教育60秒 rule and for A1's 政治理论学习.
//   - A branch rule counts every activity of its kind, whatever the scope; a per-group rule only the
//     activities whose scope is that group.
//   - 无故缺席 is 缺席 (a 请假 costs no points); a make-up does not cancel it.
//   - An imported row whose date and topic are saved already is skipped.

// Kinds of activity (类别), the defaults of the configurable list ListActivityKinds.
const (
	KindGeneral       = "支部党员大会"
	KindCommittee     = "支部委员会"
	KindGroupMeeting  = "党小组会"
	KindLecture       = "党课"
	KindThemeDay      = "主题党日"
	KindLifeMeeting   = "组织生活会"
	KindAppraisal     = "民主评议党员"
	KindFirstTopic    = "第一议题学习"
	KindCentreGroup   = "中心组学习"
	KindSecretaryLead = "书记领学"
	KindBriefing      = "班前教育60秒"
	KindTopical       = "专题学习"
	KindOther         = "其他"
)

// ListActivityKinds names the configurable list of activity kinds (OptionStore).
const ListActivityKinds = "组织生活类别"

// DefaultActivityKinds seed ListActivityKinds.
var DefaultActivityKinds = []string{KindGeneral, KindCommittee, KindGroupMeeting, KindLecture, KindThemeDay,
	KindLifeMeeting, KindAppraisal, KindFirstTopic, KindCentreGroup, KindSecretaryLead, KindBriefing, KindTopical, KindOther}

// Scopes (参加范围) of an activity: who is expected.
const (
	ScopeAll       = "全体党员"
	ScopeGroup     = "党小组" // one Party group (ScopeID)
	ScopeCommittee = "支委"  // the members holding a committee post (CommitteeRoles)
	ScopeTeam      = "班组"  // one work team (ScopeID)
)

// ActivityScopes in the order selects show them.
var ActivityScopes = []string{ScopeAll, ScopeGroup, ScopeCommittee, ScopeTeam}

// CommitteeRoles are the 党内职务 that make a member part of the 支委 (the branch committee).
var CommitteeRoles = []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员"}

// Attendance states typed as exceptions; everyone else in scope attended (出席).
const (
	AttendPresent = "出席"
	AttendLeave   = "请假"
	AttendAbsent  = "缺席"
)

// AbsenceStates are the states an exception can have.
var AbsenceStates = []string{AttendLeave, AttendAbsent}

// MakeUpWays are the ways of a make-up study (补学).
var MakeUpWays = []string{"自学", "集中补学", "线上学习"}

// Activity is one meeting or study session; one record can count for several kinds at once.
type Activity struct {
	ID       int64
	BranchID int64

	Kinds      []string // 类别*: one or more of ListActivityKinds
	Date       Date     // 日期*
	Start, End string   // 开始/结束时间: HH:MM or ""
	Place      string   // 地点
	Topic      string   // 主题*
	HostID     int64    // 主持人 (member), 0 = none
	Host       string   // filled by the store
	RecorderID int64    // 记录人 (member), 0 = none
	Recorder   string   // filled by the store
	LecturerID int64    // 授课人 when a member (党课), 0 = none or typed as text
	Lecturer   string   // 授课人: the member's name (filled by the store) or a text
	Scope      string   // 参加范围*: one of ActivityScopes
	ScopeID    int64    // the group (ScopeGroup) or team (ScopeTeam)
	ScopeName  string   // the group's or team's name, filled by the store
	// ExpectedSet says 应到 was typed (ExpectedTyped) instead of derived from the roster.
	ExpectedSet   bool
	ExpectedTyped int
	Guests        string // 列席人员
	Summary       string // 内容摘要
	Resolutions   string // 决议事项
	Remark        string // 备注

	Absences []Absence // attendance exceptions, one per member
	MakeUps  []MakeUp  // 补学

	// InScope are the members expected on the activity's date (ScopeMembers), filled by the store.
	InScope []int64

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Absence is one member who did not attend: 请假 (with a reason) or 缺席.
type Absence struct {
	MemberID int64
	Name     string // filled by the store
	State    string // AttendLeave or AttendAbsent
	Reason   string // 原因 (required for 请假)
}

// MakeUp is a make-up study (补学) of a member who missed the activity.
type MakeUp struct {
	MemberID    int64
	Name        string // filled by the store
	Date        Date   // 补学日期*
	Way         string // 方式*: one of MakeUpWays
	ConfirmerID int64  // 确认人 (member), 0 = none
	Confirmer   string // filled by the store
}

// Activity field labels (the R12/R12a headers and form labels).
const (
	FActKinds     = "类别"
	FActDate      = "日期"
	FActStart     = "开始时间"
	FActEnd       = "结束时间"
	FActPlace     = "地点"
	FActTopic     = "主题"
	FActHost      = "主持人"
	FActRecorder  = "记录人"
	FActLecturer  = "授课人"
	FActScope     = "参加范围"
	FActExpected  = "应到"
	FActPresent   = "实到"
	FActGuests    = "列席人员"
	FActSummary   = "内容摘要"
	FActResolve   = "决议事项"
	FAttendMember = "党员"
	FAttendState  = "出勤情况"
	FAttendReason = "原因"
	FMakeUpDate   = "补学日期"
	FMakeUpWay    = "补学方式"
	FMakeUpBy     = "确认人"
)

// Lists of rows an activity's FieldError can point into.
const (
	RowAbsence = "条缺勤登记"
	RowMakeUp  = "条补学记录"
)

var reClock = regexp.MustCompile(`^([01]?\d|2[0-3])[:：]([0-5]\d)$`)

// NormalizeClock reads a time of day typed as 9:00, 09：00 or 0900 into HH:MM; anything else is
// returned as typed (trimmed) so that validation can name it.
func NormalizeClock(s string) string {
	s = strings.ReplaceAll(NormalizeText(s), " ", "")
	if len(s) == 4 && !strings.ContainsAny(s, ":：") {
		s = s[:2] + ":" + s[2:]
	}
	if m := reClock.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		return fmt.Sprintf("%02d:%s", h, m[2])
	}
	return s
}

// Normalize cleans the texts, drops empty and repeated kinds, and clears the scope's id where the
// scope names none.
func (a *Activity) Normalize() {
	var kinds []string
	for _, k := range a.Kinds {
		if k = NormalizeText(k); k != "" && !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	a.Kinds = kinds
	a.Start, a.End = NormalizeClock(a.Start), NormalizeClock(a.End)
	a.Place, a.Topic, a.Scope = NormalizeText(a.Place), NormalizeText(a.Topic), NormalizeText(a.Scope)
	if a.LecturerID == 0 {
		a.Lecturer = NormalizeName(a.Lecturer)
	}
	a.Guests, a.Remark = NormalizeText(a.Guests), strings.TrimSpace(a.Remark)
	a.Summary, a.Resolutions = strings.TrimSpace(a.Summary), strings.TrimSpace(a.Resolutions)
	if a.Scope != ScopeGroup && a.Scope != ScopeTeam {
		a.ScopeID = 0
	}
	if !a.ExpectedSet {
		a.ExpectedTyped = 0
	}
	for i := range a.Absences {
		a.Absences[i].Reason = NormalizeText(a.Absences[i].Reason)
	}
	for i := range a.MakeUps {
		a.MakeUps[i].Way = NormalizeText(a.MakeUps[i].Way)
	}
}

// HasKind reports whether the activity counts as kind.
func (a *Activity) HasKind(kind string) bool { return slices.Contains(a.Kinds, kind) }

// KindsText is the kinds as printed: 主题党日、党课.
func (a *Activity) KindsText() string { return strings.Join(a.Kinds, "、") }

// ScopeText is the scope as printed: 全体党员, 党小组：第一党小组.
func (a *Activity) ScopeText() string {
	if (a.Scope == ScopeGroup || a.Scope == ScopeTeam) && a.ScopeName != "" {
		return a.Scope + "：" + a.ScopeName
	}
	return a.Scope
}

// TimeText is the time as printed: 09:00—11:00, 09:00, or "".
func (a *Activity) TimeText() string {
	switch {
	case a.Start != "" && a.End != "":
		return a.Start + "—" + a.End
	case a.Start != "":
		return a.Start
	}
	return a.End
}

// Expected is the 应到 count: typed, or the members in scope on the day; ok is false when it is
// blank (derived and the scope names nobody in the roster).
func (a *Activity) Expected() (n int, ok bool) {
	if a.ExpectedSet {
		return a.ExpectedTyped, true
	}
	return len(a.InScope), len(a.InScope) > 0
}

// Present is the 实到 count: 应到 less the exceptions; ok as for Expected.
func (a *Activity) Present() (n int, ok bool) {
	n, ok = a.Expected()
	if !ok {
		return 0, false
	}
	return max(n-len(a.Absences), 0), true
}

// CountText is a count as printed: "" when blank.
func CountText(n int, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(n)
}

// AbsenceOf is the exception of a member, nil when they attended (or were not in scope).
func (a *Activity) AbsenceOf(memberID int64) *Absence {
	for i := range a.Absences {
		if a.Absences[i].MemberID == memberID {
			return &a.Absences[i]
		}
	}
	return nil
}

// AbsencesText lists the exceptions as R12 prints them: 张三（请假：出差）、李四（缺席）.
func (a *Activity) AbsencesText() string {
	parts := make([]string, len(a.Absences))
	for i, x := range a.Absences {
		parts[i] = x.Name + "（" + x.State
		if x.Reason != "" {
			parts[i] += "：" + x.Reason
		}
		parts[i] += "）"
	}
	return strings.Join(parts, "、")
}

// MakeUpsText lists the make-ups as R12 prints them: 张三 2026-03-05 自学.
func (a *Activity) MakeUpsText() string {
	parts := make([]string, len(a.MakeUps))
	for i, m := range a.MakeUps {
		parts[i] = m.Name + " " + m.Date.String() + " " + m.Way
		if m.Confirmer != "" {
			parts[i] += "（" + m.Confirmer + "确认）"
		}
	}
	return strings.Join(parts, "；")
}

// ActivityLabel names an activity in the log and messages: 2026-03-05 主题党日「学习…」.
func ActivityLabel(a *Activity) string {
	return a.Date.String() + " " + a.KindsText() + quoted(a.Topic)
}

// ValidateActivity checks a normalised activity on day today. Whether its members exist and whether
// the exceptions are members in scope is checked by the store (CheckActivityScope).
func ValidateActivity(a *Activity, today Date) FieldErrors {
	var fe FieldErrors
	if len(a.Kinds) == 0 {
		fe.add(FActKinds, "请至少选择一个类别，如 主题党日")
	}
	for _, k := range a.Kinds {
		checkText(&fe, FActKinds, k, 20, true)
	}
	switch {
	case a.Date.IsZero():
		fe.add(FActDate, "请填写日期")
	case a.Date.After(today):
		fe.add(FActDate, "日期不能晚于今天：台账记录已经开过的活动")
	}
	for _, c := range []struct{ field, v string }{{FActStart, a.Start}, {FActEnd, a.End}} {
		if c.v != "" && !reClock.MatchString(c.v) {
			fe.add(c.field, fmt.Sprintf("%s「%s」无法识别，请写成 09:00 的样式", c.field, c.v))
		}
	}
	if reClock.MatchString(a.Start) && reClock.MatchString(a.End) && a.End <= a.Start {
		fe.add(FActEnd, "结束时间应晚于开始时间")
	}
	checkText(&fe, FActTopic, a.Topic, 100, true)
	checkText(&fe, FActPlace, a.Place, 50, false)
	checkText(&fe, FActLecturer, a.Lecturer, 20, false)
	checkText(&fe, FActGuests, a.Guests, 200, false)
	checkText(&fe, FActSummary, a.Summary, 5000, false)
	checkText(&fe, FActResolve, a.Resolutions, 2000, false)
	checkText(&fe, FRemark, a.Remark, 500, false)
	checkOneOf(&fe, FActScope, a.Scope, ActivityScopes)
	if (a.Scope == ScopeGroup || a.Scope == ScopeTeam) && a.ScopeID == 0 {
		fe.add(FActScope, "参加范围为"+a.Scope+"时，请选择是哪一个"+a.Scope)
	}
	if a.ExpectedSet && (a.ExpectedTyped < 1 || a.ExpectedTyped > 10000) {
		fe.add(FActExpected, "应到人数应在1到10000之间；不填则按参加范围从党员名册计算")
	}
	seen := map[int64]bool{}
	for i, x := range a.Absences {
		if msg := memberProblem(seen, x.MemberID, "请选择党员", "该党员已登记过一次，请删除重复的一行"); msg != "" {
			fe.addRow(RowAbsence, i, FAttendMember, msg)
		}
		switch {
		case !slices.Contains(AbsenceStates, x.State):
			fe.addRow(RowAbsence, i, FAttendState, "请选择 请假 或 缺席（出席的党员不用登记）")
		case x.State == AttendLeave && x.Reason == "":
			fe.addRow(RowAbsence, i, FAttendReason, "请假须写明原因")
		}
		if n := len([]rune(x.Reason)); n > 50 {
			fe.addRow(RowAbsence, i, FAttendReason, fmt.Sprintf("原因最多50个字，现在是%d个字", n))
		}
	}
	if n, ok := a.Expected(); a.ExpectedSet && ok && len(a.Absences) > n {
		fe.add(FActExpected, fmt.Sprintf("应到%d人，却登记了%d人请假或缺席，请核对", n, len(a.Absences)))
	}
	made := map[int64]bool{}
	for i, m := range a.MakeUps {
		switch {
		case m.MemberID == 0:
			fe.addRow(RowMakeUp, i, FAttendMember, "请选择补学的党员")
		case !seen[m.MemberID]:
			fe.addRow(RowMakeUp, i, FAttendMember, "补学的党员应是本次请假或缺席的党员，请先在缺勤登记中登记")
		case made[m.MemberID]:
			fe.addRow(RowMakeUp, i, FAttendMember, "该党员已有一条补学记录，请删除重复的一行")
		}
		made[m.MemberID] = true
		switch {
		case m.Date.IsZero():
			fe.addRow(RowMakeUp, i, FMakeUpDate, "请填写补学日期")
		case !a.Date.IsZero() && m.Date.Before(a.Date):
			fe.addRow(RowMakeUp, i, FMakeUpDate, fmt.Sprintf("补学日期不能早于活动日期（%s）", a.Date))
		case m.Date.After(today):
			fe.addRow(RowMakeUp, i, FMakeUpDate, "补学日期不能晚于今天")
		}
		if !slices.Contains(MakeUpWays, m.Way) {
			fe.addRow(RowMakeUp, i, FMakeUpWay, "请选择补学方式："+strings.Join(MakeUpWays, "、"))
		}
	}
	return fe
}

// OnRollOn reports whether m was an active member of the branch on day d: joined by then, not yet
// left the roll, and not with 停止党籍. Groups, teams and posts are taken as they are now (the roster
// keeps no history of them).
func OnRollOn(m *Member, d Date) bool {
	return OnRoll(m, d) && m.PartyStatus != PartyStatusSuspended
}

// InScopeOf reports whether m belongs to the scope of a (ignoring the date).
func InScopeOf(m *Member, scope string, scopeID int64) bool {
	switch scope {
	case ScopeAll:
		return true
	case ScopeGroup:
		return m.GroupID == scopeID
	case ScopeTeam:
		return m.TeamID == scopeID
	case ScopeCommittee:
		return slices.Contains(CommitteeRoles, m.PartyRole)
	}
	return false
}

// ScopeMembers are the ids of the roster's members expected at a: in its scope and on the roll on
// its date (members who joined later or left earlier are not expected).
func ScopeMembers(roster []Member, a *Activity) []int64 {
	var out []int64
	for i := range roster {
		if InScopeOf(&roster[i], a.Scope, a.ScopeID) && OnRollOn(&roster[i], a.Date) {
			out = append(out, roster[i].ID)
		}
	}
	return out
}

// CheckActivityScope checks the exceptions against the members in scope (a.InScope): a member who
// was not expected cannot be absent.
func CheckActivityScope(a *Activity, names map[int64]string) FieldErrors {
	var fe FieldErrors
	for i, x := range a.Absences {
		if x.MemberID != 0 && !slices.Contains(a.InScope, x.MemberID) {
			fe.addRow(RowAbsence, i, FAttendMember, fmt.Sprintf("%s不在本次活动的参加范围内（%s，%s），不用登记", names[x.MemberID], a.ScopeText(), a.Date))
		}
	}
	return fe
}

// ScopeNote is what a form or preview says about the scope: a scope naming nobody leaves 应到 blank.
func ScopeNote(a *Activity) string {
	if len(a.InScope) > 0 || a.Scope == "" {
		return ""
	}
	what := map[string]string{
		ScopeCommittee: "党员名册中还没有人担任支委职务（书记、副书记、组织委员、宣传委员、纪检委员）",
		ScopeGroup:     "党员名册中还没有党员编入这个党小组",
		ScopeTeam:      "党员名册中还没有党员编入这个班组",
		ScopeAll:       "党员名册中还没有当天在册的党员",
	}[a.Scope]
	return what + "，应到暂时空着；可在党员名册中补录后再看，或直接填写应到人数"
}

// ActivityFilter narrows an activity list. The zero filter means all.
type ActivityFilter struct {
	From, To Date   // by date, inclusive; zero = open
	Kind     string // "" = any
}

// Briefing is one day's 班前教育60秒 of a team, typed in bulk; it has no attendance list.
type Briefing struct {
	ID       int64
	BranchID int64
	TeamID   int64  // 班组*
	Team     string // filled by the store
	Date     Date   // 日期*
	Topic    string // 主题*
	Count    int    // 参加人数
}

// Briefing field labels.
const (
	FBriefTeam  = "班组"
	FBriefDate  = "日期"
	FBriefTopic = "主题"
	FBriefCount = "参加人数"
	FBriefFrom  = "开始日期"
	FBriefTo    = "结束日期"
)

// RowBriefing is the list of a bulk entry's days.
const RowBriefing = "天"

// BriefingBatch is a bulk entry of 班前教育60秒: one team, a range of days, a topic per day (one
// line a day, in order; a day left empty is skipped), and a count per day.
type BriefingBatch struct {
	TeamID   int64
	From, To Date
	Topics   []string
	Count    int
}

// Briefings expands the batch into one record a day, after checking it on day today.
func (b *BriefingBatch) Briefings(today Date) ([]Briefing, FieldErrors) {
	var fe FieldErrors
	if b.TeamID == 0 {
		fe.add(FBriefTeam, "请选择班组")
	}
	switch {
	case b.From.IsZero():
		fe.add(FBriefFrom, "请填写开始日期")
	case b.To.IsZero():
		fe.add(FBriefTo, "请填写结束日期")
	case b.To.Before(b.From):
		fe.add(FBriefTo, "结束日期不能早于开始日期")
	case b.To.After(today):
		fe.add(FBriefTo, "结束日期不能晚于今天")
	case b.To.Time().Sub(b.From.Time()) > 366*24*time.Hour:
		fe.add(FBriefTo, "一次最多录入一年")
	}
	if b.Count < 0 || b.Count > 1000 {
		fe.add(FBriefCount, "参加人数应在0到1000之间")
	}
	if fe != nil {
		return nil, fe
	}
	var out []Briefing
	for i, d := 0, b.From; !d.After(b.To); i, d = i+1, d.AddDays(1) {
		topic := ""
		if i < len(b.Topics) {
			topic = NormalizeText(b.Topics[i])
		}
		if topic == "" {
			continue
		}
		if n := len([]rune(topic)); n > 100 {
			fe.addRow(RowBriefing, i, FBriefTopic, fmt.Sprintf("%s的主题最多100个字，现在是%d个字", d, n))
		}
		out = append(out, Briefing{TeamID: b.TeamID, Date: d, Topic: topic, Count: b.Count})
	}
	if len(out) == 0 && fe == nil {
		fe.add(FBriefTopic, "请每天写一行主题（空行的那一天不录入）")
	}
	return out, fe
}

// ActivityStore keeps the organisational life records and the rhythm rules.
type ActivityStore interface {
	// Activities lists the current branch's activities matching f by date then id, with their
	// exceptions, make-ups, names and InScope filled.
	Activities(ctx context.Context, f ActivityFilter) ([]Activity, error)
	Activity(ctx context.Context, id int64) (Activity, error)
	// SaveActivity creates (ID 0) or updates an activity after Normalize, ValidateActivity with
	// the store's day and CheckActivityScope; on success a holds what was saved.
	SaveActivity(ctx context.Context, a *Activity) error
	// ImportActivities saves new activities (an import's) in one transaction, all or none.
	ImportActivities(ctx context.Context, acts []Activity) (int, error)
	// DeleteActivity moves an activity, with its attendance and make-ups, to the recycle bin.
	DeleteActivity(ctx context.Context, id int64) error

	// Briefings lists the 班前教育60秒 records between from and to (zero = open) by date, team.
	Briefings(ctx context.Context, from, to Date) ([]Briefing, error)
	// SaveBriefings saves a bulk entry in one transaction: a day the team already has is replaced.
	SaveBriefings(ctx context.Context, b *BriefingBatch) (int, error)
	DeleteBriefing(ctx context.Context, id int64) error

	// OrgRules is the rhythm rule table in its order (DefaultOrgRules in a new file).
	OrgRules(ctx context.Context) ([]OrgRule, error)
	// SetOrgRules replaces the rule table after ValidateOrgRules.
	SetOrgRules(ctx context.Context, rules []OrgRule) error
}
