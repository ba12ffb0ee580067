package data

import "fmt"

// This file holds the A1 evidence rule of 人文关怀疏导靠前 (SPEC §12.6): the 思想疏导 records of the
// month and their return visits.

// A1 deductions of 人文关怀疏导靠前, in points (the item's 每次分值 is 2).
const (
	A1ConcernNonePoints    = 2 // 当月未记录任何思想疏导
	A1ConcernOverduePoints = 2 // each return visit overdue at the month's end (or today)
)

// A1ConcernStandard is the seeded 评分标准 of 人文关怀疏导靠前. A month with no 思想疏导 recorded is
// deducted: the front asks the branch to reach out to the workers (靠前), not to wait for them, so
// an empty ledger is not full marks.
const A1ConcernStandard = "每月主动开展职工思想疏导，当月未记录思想疏导的扣2分；约定回访的按期回访，逾期未回访的每人次扣2分；帮扶不到位的人工调整；扣完为止"

// A1ConcernEvidence is what the 思想疏导 ledger shows for one month.
type A1ConcernEvidence struct {
	Handled       int // concerns recorded in the month
	Transferred   int // of those, handed on as welfare items (转办实事)
	VisitsDone    int // return visits done in the month (回访日期 in it, 回访情况 written)
	VisitsPending int // return visits planned after AsOf, not yet due
	VisitsOverdue int // return visits open and past their date on AsOf
	AsOf          Date
}

// A1ConcernRule is the tallies and 完成情况 of 人文关怀疏导靠前 (see A1ConcernStandard): no concern in
// the month costs A1ConcernNonePoints, each overdue return visit A1ConcernOverduePoints.
func A1ConcernRule(ev A1ConcernEvidence) (tallies []Tally, done string) {
	if ev.Handled == 0 {
		done = "当月未记录思想疏导"
		tallies = append(tallies, Tally{What: "当月未开展职工思想疏导", Count: 1, Per: A1ConcernNonePoints})
	} else {
		done = fmt.Sprintf("当月思想疏导%d人次", ev.Handled)
		if ev.Transferred > 0 {
			done += fmt.Sprintf("（转办实事%d件）", ev.Transferred)
		}
	}
	done += fmt.Sprintf("；回访完成%d次", ev.VisitsDone)
	if ev.VisitsPending > 0 {
		done += fmt.Sprintf("，待回访%d次", ev.VisitsPending)
	}
	done += fmt.Sprintf("，逾期未回访%d次", ev.VisitsOverdue)
	if !ev.AsOf.IsZero() {
		done += fmt.Sprintf("（截至%d月%d日）", ev.AsOf.Month, ev.AsOf.Day)
	}
	if ev.VisitsOverdue > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("逾期未回访%d人次", ev.VisitsOverdue), Count: ev.VisitsOverdue, Per: A1ConcernOverduePoints})
	}
	return tallies, done
}
