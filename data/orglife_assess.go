package data

import (
	"fmt"
	"math"
	"strings"
)

// The A1 evidence of organisational life (SPEC §12.6): 政治理论学习靠前 from the study held and the
// members' attendance, 党建基础工作靠前 from the rhythm rules kept and the 党小组 coverage of the roster.

// A1 organisational life lines.
const (
	A1AttendanceLine = 90 // 党员出席率的达标线（%）
)

// Standards (评分标准) of the two items, as seeded.
const (
	A1StudyStandard   = "当月未学第一议题扣2分，支委会未学第一议题每次扣1分；党员出席率低于90%的，每低5个百分点扣1分（最多扣3分）"
	A1OrgWorkStandard = "“三会一课”等按组织生活规则到期未开的，每项扣2分；有党员未编入党小组的扣1分"
)

// OrgLifeEvidence is what the organisational life records show for one month.
type OrgLifeEvidence struct {
	FirstTopic, CentreGroup, SecretaryLead int    // activities of those kinds held in the month
	Briefings                              int    // 班前教育60秒 recorded in the month (a team on a day: one 班次)
	CommitteeLacking                       int    // 支部委员会 held without 第一议题学习
	Expected, Present                      int    // members' attendance: 应参加 and 出席 (person-times)
	PeriodsDue, PeriodsKept                int    // rule periods ending in the month (and over by then), and those kept
	PeriodsOpen                            int    // rule periods ending in the month, not over yet and not yet kept
	Missed                                 string // the periods missed: 党课（2026年第一季度）、…
	Members, Grouped                       int    // members on the roll at the month's end, and those in a 党小组
}

// orgLifeRule is A1Rule for AutoStudy and AutoOrgWork.
func orgLifeRule(key string, ev A1Evidence) (tallies []Tally, done string) {
	o := ev.OrgLife
	if key == AutoStudy {
		done = fmt.Sprintf("第一议题学习%d次，中心组学习%d次，书记领学%d次，班前教育%d班次", o.FirstTopic, o.CentreGroup, o.SecretaryLead, o.Briefings)
		if o.FirstTopic == 0 {
			tallies = append(tallies, Tally{What: "当月未开展第一议题学习", Count: 1, Per: 2})
		}
		if o.CommitteeLacking > 0 {
			tallies = append(tallies, Tally{What: fmt.Sprintf("支部委员会未学第一议题%d次", o.CommitteeLacking), Count: o.CommitteeLacking, Per: 1})
		}
		if o.Expected > 0 {
			pct := float64(o.Present) * 100 / float64(o.Expected)
			shown := FormatScore(math.Round(pct*10)/10) + "%"
			done += fmt.Sprintf("；党员出席率%s（应参加%d人次，出席%d人次）", shown, o.Expected, o.Present)
			if n := stepsBelow(pct, A1AttendanceLine, 3); n > 0 {
				tallies = append(tallies, Tally{What: fmt.Sprintf("党员出席率%s，低于%d%%", shown, A1AttendanceLine), Count: n, Per: 1})
			}
		} else {
			done += "；当月没有需要党员参加的组织生活"
		}
		return tallies, done
	}
	done = fmt.Sprintf("本月到期的组织生活%d项，已按期召开%d项", o.PeriodsDue+o.PeriodsOpen, o.PeriodsKept)
	if n := o.PeriodsDue - o.PeriodsKept; n > 0 {
		done += "，未开：" + o.Missed
		tallies = append(tallies, Tally{What: fmt.Sprintf("到期未开的组织生活%d项", n), Count: n, Per: 2})
	}
	if o.PeriodsOpen > 0 {
		done += fmt.Sprintf("，尚有%d项须在期末前召开", o.PeriodsOpen)
	}
	done += fmt.Sprintf("；在册党员%d名，编入党小组%d名", o.Members, o.Grouped)
	if o.Grouped < o.Members {
		tallies = append(tallies, Tally{What: fmt.Sprintf("%d名党员未编入党小组", o.Members-o.Grouped), Count: 1, Per: 1})
	}
	return tallies, done
}

// OrgLifeMonthEvidence works out the evidence for month p from the plan rows of its year
// (OrgLifePlan on the day asOf: the month's end, or today for the month under way), the month's
// activities (InScope filled), its briefings, and the roster (counted on asOf).
func OrgLifeMonthEvidence(p Period, asOf Date, rows []PlanRow, acts []Activity, briefings []Briefing, roster []Member, groups []Group) OrgLifeEvidence {
	var o OrgLifeEvidence
	var month []Activity
	for i := range acts {
		a := &acts[i]
		if !p.Contains(a.Date) {
			continue
		}
		month = append(month, *a)
		if a.HasKind(KindFirstTopic) {
			o.FirstTopic++
		}
		if a.HasKind(KindCentreGroup) {
			o.CentreGroup++
		}
		if a.HasKind(KindSecretaryLead) {
			o.SecretaryLead++
		}
		if LacksFirstTopic(a) {
			o.CommitteeLacking++
		}
	}
	for _, b := range briefings {
		if p.Contains(b.Date) {
			o.Briefings++
		}
	}
	t := AttendanceTotal(AttendanceStats(roster, groups, month))
	o.Expected, o.Present = t.Expected, t.Present
	var missed []string
	for _, r := range rows {
		for _, pp := range r.Periods {
			if !p.Contains(pp.To) {
				continue
			}
			if pp.Status == PlanPending {
				o.PeriodsOpen++
				continue
			}
			o.PeriodsDue++
			if pp.Status == PlanKept {
				o.PeriodsKept++
			} else {
				missed = append(missed, r.Label+"（"+pp.Label+"）")
			}
		}
	}
	o.Missed = strings.Join(missed, "、")
	for i := range roster {
		if OnRollOn(&roster[i], asOf) {
			o.Members++
			if roster[i].GroupID != 0 {
				o.Grouped++
			}
		}
	}
	return o
}

// PointEntriesForActivity are the 党员积分 entries an activity calls for: 讲党课 (+2) for its 授课人
// when a member and the activity is a 党课, and 无故缺席组织生活 (−2) for each member absent
// without leave (缺席; a 请假 costs nothing). Like the other generated entries they follow the
// record (ReconcilePointEntries).
func PointEntriesForActivity(a *Activity) []PointEntry {
	var out []PointEntry
	label := ActivityLabel(a)
	if a.LecturerID != 0 && a.HasKind(KindLecture) {
		out = append(out, PointEntry{BranchID: a.BranchID, MemberID: a.LecturerID, Date: a.Date, Item: PointLecture, Points: 2,
			Reason: "讲党课：" + clip(a.Topic), RecordKind: EntActivity, RecordID: a.ID, Generated: true})
	}
	for _, x := range a.Absences {
		if x.State == AttendAbsent {
			out = append(out, PointEntry{BranchID: a.BranchID, MemberID: x.MemberID, Date: a.Date, Item: PointAbsent, Points: -2,
				Reason: "无故缺席组织生活：" + label, RecordKind: EntActivity, RecordID: a.ID, Generated: true})
		}
	}
	return out
}
