package data

import (
	"fmt"
	"strings"
)

// This file holds the A1 evidence rule of “三重一大”决策靠前 (SPEC §12.6): the decisions recorded in
// the month, those breaking a rule (Decision.Flags), and the executions overdue or due and done.

// A1DecisionStandard is the seeded 评分标准 of “三重一大”决策靠前.
const A1DecisionStandard = "“三重一大”事项集体研究决策：不足法定人数、同意未过半数或大额资金未经集体研究的每项扣5分；执行逾期未完成的每项扣1分；当月无决策事项不扣分；扣完为止"

// A1DecisionSeedStandard is the item's seeded 评分标准 before it was filled from the ledger: the
// migration switches only an item still carrying it.
const A1DecisionSeedStandard = "重大事项、重要人事、重大项目和大额资金使用集体研究决策，会议纪要完整；未经集体研究的每项扣5分"

// Deductions of the rule.
const (
	A1DecisionFlaggedPer = 5 // each decision of the month breaking a rule
	A1DecisionOverduePer = 1 // each execution overdue on AsOf
)

// A1DecisionRules are the rules A1DecisionEvidence.ByRule counts, in its order.
var A1DecisionRules = [3]string{FlagQuorum, FlagMajority, FlagLargeFund}

// A1DecisionEvidence is what the decisions ledger shows for a month.
type A1DecisionEvidence struct {
	Recorded   int    // decisions dated in the month
	Flagged    int    // of those, breaking at least one rule
	ByRule     [3]int // of those, per rule: FlagQuorum, FlagMajority, FlagLargeFund (A1DecisionRules)
	Overdue    int    // executions open and past their 完成期限 on AsOf (whenever decided)
	DueInMonth int    // executions whose 完成期限 falls in the month
	DoneDue    int    // of those, 已完成
}

// A1DecisionRule is the tallies and 完成情况 of “三重一大”决策靠前 (see A1DecisionStandard).
func A1DecisionRule(ev A1DecisionEvidence) (tallies []Tally, done string) {
	if ev.Recorded == 0 {
		done = "当月未记录“三重一大”决策事项（不扣分）"
	} else {
		done = fmt.Sprintf("当月决策事项%d项", ev.Recorded)
		if ev.Flagged == 0 {
			done += "，均符合集体决策规定"
		} else {
			var parts []string
			for i, r := range A1DecisionRules {
				if n := ev.ByRule[i]; n > 0 {
					parts = append(parts, fmt.Sprintf("%s%d项", r, n))
				}
			}
			done += fmt.Sprintf("，其中不符合规定%d项（%s）", ev.Flagged, strings.Join(parts, "、"))
			tallies = append(tallies, Tally{What: fmt.Sprintf("决策事项不符合规定%d项", ev.Flagged), Count: ev.Flagged, Per: A1DecisionFlaggedPer})
		}
	}
	done += fmt.Sprintf("；当月到期执行事项%d项，已完成%d项；逾期未完成%d项", ev.DueInMonth, ev.DoneDue, ev.Overdue)
	if ev.Overdue > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("决策执行逾期未完成%d项", ev.Overdue), Count: ev.Overdue, Per: A1DecisionOverduePer})
	}
	return tallies, done
}

// CountDecisions fills the evidence from the decisions of interest to period p (dated in it, or
// with an execution due in it or overdue on asOf), flagged under rules.
func CountDecisions(ds []Decision, p Period, asOf Date, rules DecisionRules) A1DecisionEvidence {
	var ev A1DecisionEvidence
	for i := range ds {
		d := &ds[i]
		if p.Contains(d.Date) && !d.Date.After(asOf) {
			ev.Recorded++
			if flags := d.Flags(rules); len(flags) > 0 {
				ev.Flagged++
				for i, r := range A1DecisionRules {
					if HasFlag(flags, r) {
						ev.ByRule[i]++
					}
				}
			}
		}
		if !d.Deadline.IsZero() && p.Contains(d.Deadline) {
			ev.DueInMonth++
			if d.State == DecisionDone {
				ev.DoneDue++
			}
		}
		if !d.Date.After(asOf) && d.OverdueDays(asOf) > 0 {
			ev.Overdue++
		}
	}
	return ev
}
