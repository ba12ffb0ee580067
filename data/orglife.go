package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds the rhythm rules of organisational life (组织生活规则, SPEC §12.1) and the calendar
// worked out from them: which period owed what, what was held, what is kept, due soon or missed
// (R14, the year view and the 工作台). Everything here is pure: the store only loads the records.

// Periods (per) of a rule.
const (
	PerMonth     = "月"
	PerQuarter   = "季度"
	PerHalf      = "半年"
	PerYear      = "年"
	PerCommittee = "每次支部委员会" // the kind is owed at every 支部委员会 (第一议题学习)
)

// OrgRulePers in the order selects show them.
var OrgRulePers = []string{PerMonth, PerQuarter, PerHalf, PerYear, PerCommittee}

// What a rule applies to.
const (
	AppliesBranch = "支部"
	AppliesGroups = "每个党小组"
)

// OrgRuleApplies in the order selects show them.
var OrgRuleApplies = []string{AppliesBranch, AppliesGroups}

// OrgRule is one line of the rhythm rule table: kind held at least AtLeast times per period, by the
// branch or by each Party group, reminded RemindDays before the period ends.
type OrgRule struct {
	ID         int64
	Kind       string // 类别*
	Per        string // 周期*: one of OrgRulePers
	AtLeast    int    // 至少次数 (1 for PerCommittee)
	Applies    string // 适用于*: one of OrgRuleApplies
	RemindDays int    // 提前提醒天数
}

// Rule field labels.
const (
	FRuleKind    = "类别"
	FRulePer     = "周期"
	FRuleAtLeast = "至少次数"
	FRuleApplies = "适用于"
	FRuleRemind  = "提前提醒天数"
	RowRule      = "条规则"
)

// DefaultOrgRules are the defaults of SPEC §12.1 (中国共产党支部工作条例（试行）2018 and common
// practice where it says only 按期).
var DefaultOrgRules = []OrgRule{
	{Kind: KindGeneral, Per: PerQuarter, AtLeast: 1, Applies: AppliesBranch, RemindDays: 15},
	{Kind: KindCommittee, Per: PerMonth, AtLeast: 1, Applies: AppliesBranch, RemindDays: 7},
	{Kind: KindGroupMeeting, Per: PerMonth, AtLeast: 1, Applies: AppliesGroups, RemindDays: 7},
	{Kind: KindLecture, Per: PerQuarter, AtLeast: 1, Applies: AppliesBranch, RemindDays: 15},
	{Kind: KindThemeDay, Per: PerMonth, AtLeast: 1, Applies: AppliesBranch, RemindDays: 7},
	{Kind: KindLifeMeeting, Per: PerYear, AtLeast: 1, Applies: AppliesBranch, RemindDays: 30},
	{Kind: KindAppraisal, Per: PerYear, AtLeast: 1, Applies: AppliesBranch, RemindDays: 30},
	{Kind: KindFirstTopic, Per: PerCommittee, AtLeast: 1, Applies: AppliesBranch},
}

// Normalize cleans the rule; a rule owed at every 支委会 is owed once there and by the branch.
func (r *OrgRule) Normalize() {
	r.Kind, r.Per, r.Applies = NormalizeText(r.Kind), NormalizeText(r.Per), NormalizeText(r.Applies)
	if r.Per == PerCommittee {
		r.AtLeast, r.Applies, r.RemindDays = 1, AppliesBranch, 0
	}
}

// Requirement is the rule as R14's 要求 column prints it: 每月至少1次.
func (r *OrgRule) Requirement() string {
	if r.Per == PerCommittee {
		return "每次支委会都学"
	}
	return fmt.Sprintf("每%s至少%d次", r.Per, r.AtLeast)
}

// OrgRuleLabel names a rule in the log: 党小组会（每个党小组，每月至少1次）.
func OrgRuleLabel(r *OrgRule) string {
	return r.Kind + "（" + r.Applies + "，" + r.Requirement() + "）"
}

// ValidateOrgRules checks a normalised rule table: kinds named, known periods and targets, counts
// in range, no rule twice.
func ValidateOrgRules(rules []OrgRule) FieldErrors {
	var fe FieldErrors
	seen := map[string]bool{}
	for i, r := range rules {
		var rf FieldErrors
		checkText(&rf, FRuleKind, r.Kind, 20, true)
		checkOneOf(&rf, FRulePer, r.Per, OrgRulePers)
		checkOneOf(&rf, FRuleApplies, r.Applies, OrgRuleApplies)
		if r.AtLeast < 1 || r.AtLeast > 31 {
			rf.add(FRuleAtLeast, "至少次数应在1到31之间")
		}
		if r.RemindDays < 0 || r.RemindDays > 90 {
			rf.add(FRuleRemind, "提前提醒天数应在0到90之间")
		}
		key := r.Kind + "|" + r.Per + "|" + r.Applies
		if r.Kind != "" && seen[key] {
			rf.add(FRuleKind, "与前面的一条规则重复，请删除这一行")
		}
		seen[key] = true
		fe = append(fe, rf.InRow(RowRule, i)...)
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// OrgRuleFields is the rule table as the log keeps it.
func OrgRuleFields(rules []OrgRule) Fields {
	parts := make([]string, len(rules))
	for i := range rules {
		parts[i] = OrgRuleLabel(&rules[i])
	}
	return Fields{{"组织生活规则", strings.Join(parts, "；")}}
}

// Calendar states of a period.
const (
	PlanKept    = "已开"
	PlanPending = "待开" // not yet over (the current or a later period): never 未开
	PlanMissed  = "未开" // over, and fewer held than owed
)

// PlanPeriod is one period of a rule in a year.
type PlanPeriod struct {
	Period
	Last    time.Month // the period's last month: where R14 prints 未开
	Need    int
	Held    int
	Status  string // PlanKept, PlanPending or PlanMissed
	DueSoon bool   // pending and within the rule's reminder days of its end
}

// PlanRow is one rule (per Party group for a per-group rule) in a year: R14's row.
type PlanRow struct {
	Rule    OrgRule
	GroupID int64  // the group of a per-group rule
	Label   string // 党小组会·第一党小组
	Months  [12]int
	Periods []PlanPeriod
	// For a PerCommittee rule: the 支委会 of each month held without the kind (flagged).
	Lacking [12]int
	Owed    int // 全年应开
	Held    int // 全年实开
}

// MonthCell is what R14 and the year view show for month m (1–12) of the row: the count held, 未开
// when a period ending that month owed one and held none (or a 支委会 lacked the kind), due soon.
func (r *PlanRow) MonthCell(m time.Month) (text string, missed, dueSoon bool) {
	held := r.Months[m-1]
	text = ""
	if held > 0 {
		text = fmt.Sprint(held)
	}
	if r.Rule.Per == PerCommittee {
		if lack := r.Lacking[m-1]; lack > 0 {
			if held == 0 {
				return PlanMissed, true, false
			}
			return fmt.Sprintf("%d（缺%d）", held, lack), true, false
		}
		return text, false, false
	}
	for _, p := range r.Periods {
		if p.Last != m {
			continue
		}
		switch {
		case p.Status == PlanMissed && held == 0:
			return PlanMissed, true, false
		case p.Status == PlanMissed:
			return text, true, false
		case p.DueSoon:
			return text, false, true
		}
	}
	return text, false, false
}

// PeriodsOf are the periods of per in year (none for PerCommittee).
func PeriodsOf(per string, year int) []Period {
	var out []Period
	switch per {
	case PerMonth:
		for m := time.January; m <= time.December; m++ {
			out = append(out, MonthPeriod(year, m))
		}
	case PerQuarter:
		for q := 1; q <= 4; q++ {
			out = append(out, QuarterPeriod(year, q))
		}
	case PerHalf:
		out = append(out, Period{NewDate(year, 1, 1), NewDate(year, 6, 30), fmt.Sprintf("%d年上半年", year)},
			Period{NewDate(year, 7, 1), NewDate(year, 12, 31), fmt.Sprintf("%d年下半年", year)})
	case PerYear:
		out = append(out, YearPeriod(year))
	}
	return out
}

// counts reports whether activity a counts for a rule's row (group 0: the branch).
func counts(a *Activity, kind string, group int64) bool {
	return a.HasKind(kind) && (group == 0 || a.Scope == ScopeGroup && a.ScopeID == group)
}

// OrgLifePlan works out the rule table for a year on day today: one row a rule, a per-group rule
// one row per group (in groups' order). acts and briefings may cover more than the year; briefings
// count as held 班前教育60秒.
func OrgLifePlan(year int, today Date, rules []OrgRule, groups []Group, acts []Activity, briefings []Briefing) []PlanRow {
	yp := YearPeriod(year)
	var rows []PlanRow
	for _, rule := range rules {
		targets := []PlanRow{{Rule: rule, Label: rule.Kind}}
		if rule.Applies == AppliesGroups {
			targets = targets[:0]
			for _, g := range groups {
				targets = append(targets, PlanRow{Rule: rule, GroupID: g.ID, Label: rule.Kind + "·" + g.Name})
			}
		}
		for _, row := range targets {
			var dates []Date
			for i := range acts {
				a := &acts[i]
				if !yp.Contains(a.Date) {
					continue
				}
				if rule.Per == PerCommittee {
					if a.HasKind(KindCommittee) {
						row.Owed++
						if a.HasKind(rule.Kind) {
							row.Held++
							row.Months[a.Date.Month-1]++
						} else {
							row.Lacking[a.Date.Month-1]++
						}
					}
					continue
				}
				if counts(a, rule.Kind, row.GroupID) {
					dates = append(dates, a.Date)
				}
			}
			if rule.Per == PerCommittee {
				rows = append(rows, row)
				continue
			}
			if rule.Kind == KindBriefing && row.GroupID == 0 {
				for _, b := range briefings {
					if yp.Contains(b.Date) {
						dates = append(dates, b.Date)
					}
				}
			}
			for _, d := range dates {
				row.Months[d.Month-1]++
			}
			row.Held = len(dates)
			for _, p := range PeriodsOf(rule.Per, year) {
				pp := PlanPeriod{Period: p, Last: p.To.Month, Need: rule.AtLeast}
				for _, d := range dates {
					if p.Contains(d) {
						pp.Held++
					}
				}
				switch {
				case pp.Held >= pp.Need:
					pp.Status = PlanKept
				case !p.To.Before(today):
					pp.Status = PlanPending
					pp.DueSoon = !p.From.After(today) && !today.Before(p.To.AddDays(-rule.RemindDays))
				default:
					pp.Status = PlanMissed
				}
				row.Owed += pp.Need
				row.Periods = append(row.Periods, pp)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// DueItem is one line of the 工作台 card 本月组织生活: a period owed now or missed.
type DueItem struct {
	Kind    string // the rule's kind: the new activity's kind
	GroupID int64  // the group of a per-group rule
	Label   string // 党小组会·第一党小组
	Period  string // 2026年第四季度
	Need    int
	Held    int
	Overdue bool // the period is over and was missed
	DueSoon bool
}

// Text is the item as the card lists it.
func (d *DueItem) Text() string {
	if d.Overdue {
		return fmt.Sprintf("%s：%s未开（应开%d次，已开%d次）", d.Label, d.Period, d.Need, d.Held)
	}
	s := fmt.Sprintf("%s：%s还须开%d次", d.Label, d.Period, d.Need-d.Held)
	if d.DueSoon {
		s += "（临近期限）"
	}
	return s
}

// OrgLifeDue lists what the branch owes on day today from the rows of today's year: the periods
// running now that are not kept (ending this month first), then those of the year already missed.
func OrgLifeDue(rows []PlanRow, today Date) []DueItem {
	var due, missed []DueItem
	for _, r := range rows {
		for _, p := range r.Periods {
			it := DueItem{Kind: r.Rule.Kind, GroupID: r.GroupID, Label: r.Label, Period: p.Label, Need: p.Need, Held: p.Held, DueSoon: p.DueSoon}
			switch {
			case p.Status == PlanMissed:
				it.Overdue = true
				missed = append(missed, it)
			case p.Status == PlanPending && p.Contains(today):
				due = append(due, it)
			}
		}
	}
	slices.SortStableFunc(due, func(a, b DueItem) int {
		if a.DueSoon != b.DueSoon {
			if a.DueSoon {
				return -1
			}
			return 1
		}
		return 0
	})
	return append(due, missed...)
}

// LacksFirstTopic reports whether a is a 支部委员会 held without 第一议题学习 (flagged).
func LacksFirstTopic(a *Activity) bool {
	return a.HasKind(KindCommittee) && !a.HasKind(KindFirstTopic)
}

// AttendanceRow is one member's line of R13.
type AttendanceRow struct {
	MemberID int64
	Name     string
	Group    string
	Expected int // 应参加
	Present  int // 出席
	Leave    int // 请假
	Absent   int // 缺席
	MadeUp   int // 补学
}

// Rate is 出席率 as a fraction (0 when nothing was expected).
func (r *AttendanceRow) Rate() float64 {
	if r.Expected == 0 {
		return 0
	}
	return float64(r.Present) / float64(r.Expected)
}

// AttendanceStats works out R13 from the activities (InScope filled): one row per roster member
// expected at least once, in roster order. A member is expected only at the activities of their
// scope held while on the roll, so one who joined mid-year is counted from then on.
func AttendanceStats(roster []Member, groups []Group, acts []Activity) []AttendanceRow {
	pos := make(map[int64]int, len(roster))
	rows := make([]AttendanceRow, len(roster))
	gname := make(map[int64]string, len(groups))
	for _, g := range groups {
		gname[g.ID] = g.Name
	}
	for i := range roster {
		pos[roster[i].ID] = i
		rows[i] = AttendanceRow{MemberID: roster[i].ID, Name: roster[i].Name, Group: gname[roster[i].GroupID]}
	}
	for i := range acts {
		a := &acts[i]
		for _, id := range a.InScope {
			if p, ok := pos[id]; ok {
				rows[p].Expected++
				rows[p].Present++
			}
		}
		for _, x := range a.Absences {
			p, ok := pos[x.MemberID]
			if !ok || !slices.Contains(a.InScope, x.MemberID) {
				continue
			}
			rows[p].Present--
			if x.State == AttendLeave {
				rows[p].Leave++
			} else {
				rows[p].Absent++
			}
		}
		for _, m := range a.MakeUps {
			if p, ok := pos[m.MemberID]; ok {
				rows[p].MadeUp++
			}
		}
	}
	return slices.DeleteFunc(rows, func(r AttendanceRow) bool { return r.Expected == 0 })
}

// AttendanceTotal sums the rows (for the total line and the assessment).
func AttendanceTotal(rows []AttendanceRow) AttendanceRow {
	t := AttendanceRow{Name: "合计"}
	for _, r := range rows {
		t.Expected += r.Expected
		t.Present += r.Present
		t.Leave += r.Leave
		t.Absent += r.Absent
		t.MadeUp += r.MadeUp
	}
	return t
}

// LoadOrgLifePlan reads what OrgLifePlan needs for a year from st and works it out on day today.
func LoadOrgLifePlan(ctx context.Context, st Store, year int, today Date) ([]PlanRow, error) {
	rules, err := st.OrgRules(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return nil, err
	}
	yp := YearPeriod(year)
	acts, err := st.Activities(ctx, ActivityFilter{From: yp.From, To: yp.To})
	if err != nil {
		return nil, err
	}
	bs, err := st.Briefings(ctx, yp.From, yp.To)
	if err != nil {
		return nil, err
	}
	return OrgLifePlan(year, today, rules, groups, acts, bs), nil
}

// LoadAttendance reads the activities of period p from st and works out R13 (AttendanceStats).
func LoadAttendance(ctx context.Context, st Store, p Period) ([]AttendanceRow, error) {
	roster, err := st.Members(ctx, MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, err
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return nil, err
	}
	acts, err := st.Activities(ctx, ActivityFilter{From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	return AttendanceStats(roster, groups, acts), nil
}
