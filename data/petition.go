package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds 信访维稳 (SPEC §12.5): the screening rounds (矛盾排查) and the petition cases
// (信访事项) with their 包保责任人, states and overdue; the A1 rule is in petition_assess.go.

// Record kinds of the operation log and the recycle bin for this ledger.
const (
	EntPetition  = "信访事项"
	EntScreening = "矛盾排查"
)

// ScopeWholeBranch is the 范围 of a screening that covers every team.
const ScopeWholeBranch = "全支部"

// Petition categories (类别), risk levels (风险等级) and states (状态).
var (
	PetitionCategories = []string{"工资待遇", "工伤", "劳动关系", "住房", "家庭", "其他"}
	PetitionRisks      = []string{"一般", "较大", "重大"}
)

// States of a petition case: 已登记 → 化解中 → 已化解 or 息诉罢访 (the last two close it).
const (
	PetitionRegistered = "已登记"
	PetitionHandling   = "化解中"
	PetitionResolved   = "已化解"
	PetitionSettled    = "息诉罢访"
)

// PetitionStates in the order selects show them.
var PetitionStates = []string{PetitionRegistered, PetitionHandling, PetitionResolved, PetitionSettled}

// PetitionClosed is whether state ends a case (已化解, 息诉罢访).
func PetitionClosed(state string) bool { return state == PetitionResolved || state == PetitionSettled }

// PetitionMember is a member named on a screening (排查人) or a case (包保责任人).
type PetitionMember struct {
	MemberID int64
	Name     string // filled by the store when read
}

// Screening is one round of 矛盾纠纷排查.
type Screening struct {
	ID       int64
	BranchID int64

	Date       Date             // 日期*
	Teams      []string         // 范围: the teams screened; none = ScopeWholeBranch
	Screeners  []PetitionMember // 排查人 (members)
	Factors    int              // 发现不稳定因素: how many
	FactorText string           // 发现不稳定因素: what

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Petition is one 信访事项 followed until it is resolved.
type Petition struct {
	ID       int64
	BranchID int64

	Date       Date             // 登记日期*
	Petitioner string           // 信访人*
	Team       string           // 班组/单位
	Category   string           // 类别: one of PetitionCategories or ""
	Content    string           // 诉求内容*
	Risk       string           // 风险等级: one of PetitionRisks (一般 when empty)
	Keepers    []PetitionMember // 包保责任人*: one (一包一) or several (多包一)
	Measures   string           // 化解措施
	Deadline   Date             // 办理期限* (≥ 登记日期)
	State      string           // 状态: one of PetitionStates (已登记 when empty)
	Resolved   Date             // 化解日期: when it was closed (已化解/息诉罢访 only)
	Result     string           // 结果
	Escalated  bool             // 越级上访

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Field labels of the two records (the forms, messages and the R20 header).
const (
	FScreeningDate    = "排查日期"
	FScreeningScope   = "范围"
	FScreeners        = "排查人"
	FFactors          = "不稳定因素个数"
	FFactorText       = "发现不稳定因素"
	FPetitionDate     = "登记日期"
	FPetitioner       = "信访人"
	FPetitionTeam     = "班组"
	FPetitionCategory = "类别"
	FPetitionContent  = "诉求内容"
	FPetitionRisk     = "风险等级"
	FKeepers          = "包保责任人"
	FPetitionMeasures = "化解措施"
	FPetitionDeadline = "办理期限"
	FPetitionState    = "状态"
	FResolvedDate     = "化解日期"
	FPetitionResult   = "结果"
	FEscalated        = "越级上访"
)

// ScopeText is the 范围 as lists and reports show it.
func (s *Screening) ScopeText() string {
	if len(s.Teams) == 0 {
		return ScopeWholeBranch
	}
	return strings.Join(s.Teams, "、")
}

// Names are the members' names joined for lists and reports.
func memberNames(ms []PetitionMember) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	return strings.Join(names, "、")
}

// ScreenersText names the 排查人.
func (s *Screening) ScreenersText() string { return memberNames(s.Screeners) }

// KeepersText names the 包保责任人.
func (p *Petition) KeepersText() string { return memberNames(p.Keepers) }

// Normalize cleans the texts; a scope naming 全支部 (or nothing) is the whole branch.
func (s *Screening) Normalize() {
	var teams []string
	for _, t := range s.Teams {
		if t = NormalizeText(t); t != "" && !slices.Contains(teams, t) {
			teams = append(teams, t)
		}
	}
	if slices.Contains(teams, ScopeWholeBranch) {
		teams = nil
	}
	s.Teams = teams
	s.FactorText = strings.TrimSpace(s.FactorText)
}

// ValidateScreening checks a normalised screening; today bounds the date. Whether the members are
// of the branch is checked by the store.
func ValidateScreening(s *Screening, today Date) FieldErrors {
	var fe FieldErrors
	checkPastDate(&fe, FScreeningDate, s.Date, today, "请填写排查日期")
	for _, t := range s.Teams {
		checkText(&fe, FScreeningScope, t, 30, false)
	}
	checkMembers(&fe, FScreeners, s.Screeners, "")
	switch {
	case s.Factors < 0 || s.Factors > 999:
		fe.add(FFactors, "不稳定因素个数应在0到999之间")
	case s.Factors > 0 && s.FactorText == "":
		fe.add(FFactorText, fmt.Sprintf("发现不稳定因素%d个，请简要写明是哪些", s.Factors))
	case s.Factors == 0 && s.FactorText != "":
		fe.add(FFactors, "写明了发现的不稳定因素，请填写个数")
	}
	checkText(&fe, FFactorText, s.FactorText, 2000, false)
	return fe
}

// checkMembers refuses a member chosen twice or a list that must not be empty (missing ≠ "").
func checkMembers(fe *FieldErrors, field string, ms []PetitionMember, missing string) {
	if len(ms) == 0 && missing != "" {
		fe.add(field, missing)
	}
	seen := map[int64]bool{}
	for _, m := range ms {
		if msg := memberProblem(seen, m.MemberID, "请从本支部党员中选择"+field, fmt.Sprintf("%s「%s」选了两次", field, m.Name)); msg != "" {
			fe.add(field, msg)
		}
	}
}

// Normalize cleans the texts and fills the risk level and state; only a closed case keeps its
// 化解日期.
func (p *Petition) Normalize() {
	p.Petitioner, p.Team = NormalizeName(p.Petitioner), NormalizeText(p.Team)
	p.Category, p.Risk, p.State = NormalizeText(p.Category), NormalizeText(p.Risk), NormalizeText(p.State)
	p.Content, p.Measures, p.Result = strings.TrimSpace(p.Content), strings.TrimSpace(p.Measures), strings.TrimSpace(p.Result)
	if p.Risk == "" {
		p.Risk = PetitionRisks[0]
	}
	if p.State == "" {
		p.State = PetitionRegistered
	}
	if !PetitionClosed(p.State) {
		p.Resolved = Date{}
	}
}

// ValidatePetition checks a normalised case; today bounds the dates. Whether the 包保责任人 are
// members of the branch is checked by the store.
func ValidatePetition(p *Petition, today Date) FieldErrors {
	var fe FieldErrors
	checkPastDate(&fe, FPetitionDate, p.Date, today, "请填写登记日期")
	checkText(&fe, FPetitioner, p.Petitioner, 20, true)
	checkText(&fe, FPetitionTeam, p.Team, 30, false)
	if p.Category != "" {
		checkOneOf(&fe, FPetitionCategory, p.Category, PetitionCategories)
	}
	checkText(&fe, FPetitionContent, p.Content, 2000, true)
	checkOneOf(&fe, FPetitionRisk, p.Risk, PetitionRisks)
	checkMembers(&fe, FKeepers, p.Keepers, "请选择包保责任人（本支部党员，一人或多人）")
	checkText(&fe, FPetitionMeasures, p.Measures, 2000, false)
	switch {
	case p.Deadline.IsZero():
		fe.add(FPetitionDeadline, "请填写办理期限")
	case !p.Date.IsZero() && p.Deadline.Before(p.Date):
		fe.add(FPetitionDeadline, fmt.Sprintf("办理期限不能早于登记日期（%s）", p.Date))
	}
	checkOneOf(&fe, FPetitionState, p.State, PetitionStates)
	if PetitionClosed(p.State) {
		switch {
		case p.Resolved.IsZero():
			fe.add(FResolvedDate, "“"+p.State+"”须填写化解日期")
		case !p.Date.IsZero() && p.Resolved.Before(p.Date):
			fe.add(FResolvedDate, fmt.Sprintf("化解日期不能早于登记日期（%s）", p.Date))
		case p.Resolved.After(today):
			fe.add(FResolvedDate, "化解日期不能晚于今天")
		}
		if p.Result == "" {
			fe.add(FPetitionResult, "“"+p.State+"”须写明结果")
		}
	}
	checkText(&fe, FPetitionResult, p.Result, 2000, false)
	return fe
}

// ClosedBy is whether the case was closed (已化解/息诉罢访) on or before day d.
func (p *Petition) ClosedBy(d Date) bool {
	return PetitionClosed(p.State) && !p.Resolved.IsZero() && !p.Resolved.After(d)
}

// OverdueDays is how many days past its 办理期限 the case is on day asOf (0: not overdue): like a
// finding's 逾期 it is never stored, and a case closed after asOf counts as open then.
func (p *Petition) OverdueDays(asOf Date) int {
	if p.Deadline.IsZero() || !p.Deadline.Before(asOf) || p.Date.After(asOf) || p.ClosedBy(asOf) {
		return 0
	}
	return int(asOf.Time().Sub(p.Deadline.Time()).Hours() / 24)
}

// DueIn is whether the case is open on day today, not yet overdue, and due by the end of today's
// month (本月到期).
func (p *Petition) DueIn(today Date) bool {
	return !p.ClosedBy(today) && !p.Deadline.IsZero() && !p.Deadline.Before(today) && !p.Deadline.After(monthEnd(today))
}

// ClosedOnTime is whether the case was closed by its 办理期限.
func (p *Petition) ClosedOnTime() bool {
	return PetitionClosed(p.State) && !p.Resolved.IsZero() && !p.Resolved.After(p.Deadline)
}

// PetitionLabel names a case in the log and the recycle bin: 2026-03-05 张三反映工资待遇问题.
func PetitionLabel(p *Petition) string {
	what := p.Category + "问题"
	if p.Category == "" || p.Category == "其他" { // "反映其他" says nothing
		what = "诉求"
	}
	return p.Date.String() + " " + p.Petitioner + "反映" + what
}

// ScreeningLabel names a screening: 2026-03-05 矛盾排查（全支部）.
func ScreeningLabel(s *Screening) string {
	return s.Date.String() + " 矛盾排查（" + s.ScopeText() + "）"
}

// PointPetition is the A2 catalogue item a 包保责任人 earns when a case is closed (SPEC §12.6).
const PointPetition = "包保化解信访事项"

// PointEntriesForPetition are the 党员积分 entries a case calls for: 包保化解信访事项 (+2, dated the
// 化解日期) for each 包保责任人 once it is 已化解 or 息诉罢访. Like the other generated entries they
// follow the record (ReconcilePointEntries): reopening the case removes them.
func PointEntriesForPetition(p *Petition) []PointEntry {
	if !PetitionClosed(p.State) || p.Resolved.IsZero() {
		return nil
	}
	var out []PointEntry
	for _, k := range p.Keepers {
		out = append(out, PointEntry{BranchID: p.BranchID, MemberID: k.MemberID, Date: p.Resolved, Item: PointPetition, Points: 2,
			Reason: "包保化解信访事项：" + clip(PetitionLabel(p)), RecordKind: EntPetition, RecordID: p.ID, Generated: true})
	}
	return out
}

// PetitionFilter narrows the lists of cases (登记日期) and screenings (日期). Zero fields do not
// filter.
type PetitionFilter struct {
	From, To Date
}

// PetitionStore keeps the screenings and the cases.
type PetitionStore interface {
	// Petitions lists cases by 登记日期 then id, with the 包保责任人's names.
	Petitions(ctx context.Context, f PetitionFilter) ([]Petition, error)
	Petition(ctx context.Context, id int64) (Petition, error)
	// SavePetition creates (ID 0) or updates a case after Normalize and ValidatePetition; the
	// 包保责任人 must be members of the branch (FieldErrors).
	SavePetition(ctx context.Context, p *Petition) error
	DeletePetition(ctx context.Context, id int64) error
	// Screenings lists screenings by date then id, with the 排查人's names.
	Screenings(ctx context.Context, f PetitionFilter) ([]Screening, error)
	Screening(ctx context.Context, id int64) (Screening, error)
	// SaveScreening creates (ID 0) or updates a screening after Normalize and ValidateScreening.
	SaveScreening(ctx context.Context, s *Screening) error
	DeleteScreening(ctx context.Context, id int64) error
}

// petitionTodos: cases overdue today, cases due by the month's end, and a month with no screening
// yet (Count 1).
func petitionTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	ps, err := st.Petitions(ctx, PetitionFilter{To: today})
	if err != nil {
		return nil, err
	}
	overdue, due := 0, 0
	for i := range ps {
		switch {
		case ps[i].OverdueDays(today) > 0:
			overdue++
		case ps[i].DueIn(today):
			due++
		}
	}
	month := MonthPeriod(today.Year, today.Month)
	ss, err := st.Screenings(ctx, PetitionFilter{From: month.From, To: month.To})
	if err != nil {
		return nil, err
	}
	none := 0
	if len(ss) == 0 {
		none = 1
	}
	return []Todo{
		{Entity: EntPetition, View: ViewOverdue, What: "逾期未化解的信访事项", Count: overdue, Overdue: true},
		{Entity: EntPetition, View: ViewDue, What: "本月到期的信访事项", Count: due},
		{Entity: EntScreening, What: "本月尚未开展矛盾排查", Count: none},
	}, nil
}
