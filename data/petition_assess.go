package data

import "fmt"

// This file holds the A1 evidence rule of 信访维稳排查靠前 (SPEC §12.6): screenings held in the month,
// cases closed on time or overdue, and 越级上访, which is a 一票否决 by default.
//
// The veto design: the item stays one line of 10 points (the A1 total stays 100) with its
// 一票否决 ticked in DefaultA1Template. Its deductions (no screening, overdue cases) are tallies
// marked NoVeto, so they cost points but never fire the veto; only the 越级上访 tally fires it. A
// user who unticks 一票否决 in the template keeps the item automatic, and a 越级上访 then simply
// deducts its 5 points like the others.

// A1PetitionStandard is the seeded 评分标准 of 信访维稳排查靠前.
const A1PetitionStandard = "每月至少开展1次矛盾纠纷排查，未排查扣3分；逾期未化解的信访事项每件扣2分；发生越级上访一票否决（取消否决的每起扣5分）；扣完为止"

// Points of the rule's deductions.
const (
	A1NoScreeningPoints = 3 // 当月未开展矛盾排查
	A1PetitionLatePer   = 2 // 每件逾期未化解的信访事项
	A1EscalatedPer      = 5 // 每起越级上访 (when the veto is switched off)
)

// A1PetitionEvidence is what the 信访维稳 ledger shows for a month.
type A1PetitionEvidence struct {
	Screenings   int // screenings held in the month
	Factors      int // 不稳定因素 they found
	Registered   int // cases registered in the month
	Closed       int // cases closed (已化解/息诉罢访) in the month
	ClosedOnTime int // of those, by their 办理期限
	Overdue      int // cases open and past their 办理期限 on AsOf
	Escalated    int // cases registered in the month with 越级上访
}

// A1PetitionRule is the tallies and 完成情况 of 信访维稳排查靠前 (see A1PetitionStandard) as of day
// asOf (the month's end, or today for the month under way).
func A1PetitionRule(ev A1PetitionEvidence, asOf Date) (tallies []Tally, done string) {
	if ev.Screenings == 0 {
		done = "当月未开展矛盾排查"
		tallies = append(tallies, Tally{What: "当月未开展矛盾排查", Count: 1, Per: A1NoScreeningPoints, NoVeto: true})
	} else {
		done = fmt.Sprintf("矛盾排查%d次，发现不稳定因素%d个", ev.Screenings, ev.Factors)
	}
	done += fmt.Sprintf("；信访事项登记%d件，化解%d件（按期%d件），逾期未化解%d件", ev.Registered, ev.Closed, ev.ClosedOnTime, ev.Overdue)
	if !asOf.IsZero() {
		done += fmt.Sprintf("（截至%d月%d日）", asOf.Month, asOf.Day)
	}
	if ev.Overdue > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("逾期未化解信访事项%d件", ev.Overdue), Count: ev.Overdue, Per: A1PetitionLatePer, NoVeto: true})
	}
	if ev.Escalated > 0 {
		done += fmt.Sprintf("；发生越级上访%d起", ev.Escalated)
		tallies = append(tallies, Tally{What: fmt.Sprintf("发生越级上访%d起", ev.Escalated), Count: ev.Escalated, Per: A1EscalatedPer})
	} else {
		done += "；未发生越级上访"
	}
	return tallies, done
}
