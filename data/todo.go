package data

import (
	"context"
	"fmt"
)

// Todo is one line of the 工作台 card 本月待办: what one ledger still owes this month, counted, and
// the list that shows those records (Entity's screen with its preset filter View).
type Todo struct {
	Entity  string // the records' kind (Ent…): the screen a tap opens
	View    string // the preset filter of that screen's list that shows them ("" = the whole list)
	What    string // 到期未开的组织生活
	Count   int
	Overdue bool // past due: shown in red
}

// Text is the line as the card shows it: 逾期未销号的问题：3.
func (t *Todo) Text() string { return fmt.Sprintf("%s：%d", t.What, t.Count) }

// Preset filters (Todo.View) the ledgers' lists offer to the 工作台; each screen reads its own.
const (
	ViewOverdue = "逾期"   // open records past their deadline
	ViewDue     = "本月到期" // open records due by the month's end, not yet overdue
)

// TodoSource reads what one ledger owes on day today (lines with a zero count are dropped).
type TodoSource func(ctx context.Context, st Store, today Date) ([]Todo, error)

// TodoSources are the ledgers the card 本月待办 gathers, in its order. A new ledger adds one line.
var TodoSources = []TodoSource{
	orgLifeTodos,
	talkTodos,
	findingTodos,
	welfareTodos,
	recruitTodos,
	supplyTodos,
	petitionTodos,
	concernTodos,
	decisionTodos,
}

// LoadTodos gathers what every ledger owes on day today, in TodoSources order, non-zero lines only.
func LoadTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	var out []Todo
	for _, src := range TodoSources {
		ts, err := src(ctx, st, today)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if t.Count > 0 {
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// monthEnd is the last day of today's month.
func monthEnd(today Date) Date { return MonthPeriod(today.Year, today.Month).To }

// orgLifeTodos: the rule periods still owed this month and those missed this year (OrgLifeDue).
func orgLifeTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	rows, err := LoadOrgLifePlan(ctx, st, today.Year, today)
	if err != nil {
		return nil, err
	}
	due, missed := 0, 0
	for _, d := range OrgLifeDue(rows, today) {
		if d.Overdue {
			missed++
		} else {
			due++
		}
	}
	return []Todo{
		{Entity: EntOrgRule, View: ViewOverdue, What: "今年到期未开的组织生活", Count: missed, Overdue: true},
		{Entity: EntOrgRule, View: ViewDue, What: "本月（本期）还须召开的组织生活", Count: due},
	}, nil
}

// talkTodos: the talks the rules still owe in this quarter (yearly rules: the year so far).
func talkTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	rules, err := st.TalkRules(ctx)
	if err != nil {
		return nil, err
	}
	ms, err := st.Members(ctx, MemberFilter{})
	if err != nil {
		return nil, err
	}
	talks, err := st.Talks(ctx, TalkFilter{From: YearPeriod(today.Year).From, To: today})
	if err != nil {
		return nil, err
	}
	n := len(TalksOwed(rules, ms, talks, TalkPeriodOf(TalkPerQuarter, today), today))
	return []Todo{{Entity: EntTalkRule, What: "本季度应谈未谈的谈心谈话", Count: n}}, nil
}

// findingTodos: findings overdue today, and those open and due by the month's end.
func findingTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	overdue, err := st.Findings(ctx, FindingFilter{OverdueOn: today})
	if err != nil {
		return nil, err
	}
	due, err := st.Findings(ctx, FindingFilter{DueBy: monthEnd(today)})
	if err != nil {
		return nil, err
	}
	return []Todo{
		{Entity: EntFinding, View: ViewOverdue, What: "逾期未销号的问题", Count: len(overdue), Overdue: true},
		{Entity: EntFinding, View: ViewDue, What: "本月到期待销号的问题", Count: len(due) - len(overdue)},
	}, nil
}

// welfareTodos: welfare items open past their planned date.
func welfareTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	items, err := st.WelfareItems(ctx, WelfareFilter{OverdueOn: today})
	if err != nil {
		return nil, err
	}
	return []Todo{{Entity: EntWelfare, View: ViewOverdue, What: "逾期未办结的办实事事项", Count: len(items), Overdue: true}}, nil
}

// recruitTodos: the steps of 发展党员 due by the month's end (past ones included).
func recruitTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	rs, err := st.Recruits(ctx)
	if err != nil {
		return nil, err
	}
	within := monthEnd(today).Day - today.Day
	n, late := 0, 0
	for i := range rs {
		for _, d := range RecruitDue(&rs[i], today, within) {
			n++
			if d.Overdue(today) {
				late++
			}
		}
	}
	return []Todo{{Entity: EntRecruit, What: "本月到期的发展党员工作", Count: n, Overdue: late > 0}}, nil
}
