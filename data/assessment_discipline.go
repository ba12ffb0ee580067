package data

import "fmt"

// This file holds the A1 evidence rule of 作风纪律建设靠前 (SPEC §12.6): 谈心谈话 coverage of the
// key posts, and the 作风纪律 findings with their close-out.

// FindingCategoryDiscipline is the finding category the rule counts.
const FindingCategoryDiscipline = "作风纪律"

// A1DisciplineStandard is the seeded 评分标准 of 作风纪律建设靠前.
const A1DisciplineStandard = "重点岗位党员每季度至少谈话1次，季度末未谈的每人扣1分；当月发现作风纪律问题每条扣1分，逾期未销号的每条扣1分；通报批评、违纪案件人工调整；扣完为止"

// A1DisciplineEvidence is what the ledgers show for 作风纪律 in a month.
type A1DisciplineEvidence struct {
	KeyPosts     int    // members on a key post, on the roll on AsOf
	KeyPostOwed  int    // of those, not talked with in the quarter up to AsOf (data.TalksOwed)
	Quarter      string // the period of the key-post rule counted (a quarter by default): 2026年第四季度
	QuarterEnded bool   // AsOf is that period's last day: only then is a missing talk deducted
	Found        int    // 作风纪律 findings found in the month
	Closed       int    // 作风纪律 findings closed in the month
	Overdue      int    // 作风纪律 findings open and past their deadline on AsOf
}

// A1DisciplineRule is the tallies and 完成情况 of 作风纪律建设靠前 (see A1DisciplineStandard): each
// key-post member still owed a quarter's talk when the quarter has ended, each 作风纪律 finding
// found in the month and each one overdue, 1 point each (the item's 每次分值).
func A1DisciplineRule(ev A1DisciplineEvidence) (tallies []Tally, done string) {
	talked := ev.KeyPosts - ev.KeyPostOwed
	done = fmt.Sprintf("%s重点岗位党员%d人，已谈心谈话%d人", ev.Quarter, ev.KeyPosts, talked)
	if ev.KeyPostOwed > 0 {
		if ev.QuarterEnded {
			done += fmt.Sprintf("，季度末仍有%d人未谈", ev.KeyPostOwed)
			tallies = append(tallies, Tally{What: fmt.Sprintf("重点岗位党员%d人本季度未谈心谈话", ev.KeyPostOwed), Count: ev.KeyPostOwed})
		} else {
			done += fmt.Sprintf("，尚有%d人待谈（季度末考核）", ev.KeyPostOwed)
		}
	}
	done += fmt.Sprintf("；作风纪律问题发现%d条，销号%d条，逾期未销号%d条", ev.Found, ev.Closed, ev.Overdue)
	if ev.Found > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("发现作风纪律问题%d条", ev.Found), Count: ev.Found})
	}
	if ev.Overdue > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("作风纪律问题逾期未销号%d条", ev.Overdue), Count: ev.Overdue})
	}
	return tallies, done
}
