package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"branchledger/data"
)

// This file makes the demo's "三重一大" decisions from the members and the activities as saved:
// two years of them, most taken at the 支部委员会 of the demo's 组织生活 (linked to it), some at a
// 支部党员大会 (linked too) and some at a 党政联席会 (which has no activity kind, so not linked).
// Three break a rule (大额资金 filed as another category, 大额资金 decided below the quorum, a
// vote without a majority, which stays 已决策 with nothing to execute), and one execution is
// overdue; every other execution past its 完成期限 is 已完成.

// decisionDemoMonths is how far back the decisions go.
const decisionDemoMonths = 24

// jointMeetingSize is how many sit with a vote on the demo's 党政联席会 (the unit's and the
// branch's leaders).
const jointMeetingSize = 7

// decisionTopic is one kind of matter the demo decides, after the seed's examples.
type decisionTopic struct {
	topic, category, content string
	amount                   [2]int // 金额 range in 元, zero: none
	resolution, done         string
}

var (
	committeeMatters = []decisionTopic{
		{"%d月工资二次分配方案", "重大决策", "工资分配", [2]int{}, "同意按绩效考核结果进行二次分配，结果张榜公示", "已按方案发放并公示"},
		{"管技人员分工调整", "重要人事任免", "管技人员分工", [2]int{}, "同意调整技术员和安全员分工，报区队备案", "已调整到位"},
		{"安全诚信管理考核细则修订", "重大决策", "安全诚信管理", [2]int{}, "同意修订后的考核细则，自下月起执行", "已印发执行"},
		{"专项安全奖励资金使用", "大额资金使用", "专项资金使用", [2]int{60000, 150000}, "同意按安全无事故天数分档奖励", "已按档次发放完毕"},
		{"职工食堂季度食材集中采购", "大额资金使用", "食堂采购", [2]int{55000, 90000}, "同意三家比价后集中采购，纪检委员全程监督", "已完成采购和验收"},
		{"减人提效岗位调整方案", "重大项目安排", "减人提效", [2]int{}, "同意合并两个辅助岗位，富余人员转岗培训", "转岗人员已培训上岗"},
	}
	generalMatters = []decisionTopic{
		{"班队长选聘", "重要人事任免", "班队长选聘", [2]int{}, "同意推荐人选，按程序聘任", "已聘任到岗"},
		{"岗位优化组合方案", "重大项目安排", "岗位优化组合", [2]int{}, "同意岗位优化组合方案", "已完成岗位调整"},
	}
	jointMatters = []decisionTopic{
		{"井下防爆电器更新采购", "大额资金使用", "专项资金使用", [2]int{80000, 200000}, "同意公开招标采购", "已完成招标和安装"},
		{"职工宿舍维修改造", "重大项目安排", "专项资金使用", [2]int{20000, 45000}, "同意维修方案，由后勤组织实施", "已维修完毕并验收"},
		{"年度评先推优", "重要人事任免", "工资分配", [2]int{}, "同意推荐名单，公示5天", "已公示并上报"},
	}
)

// GenerateDecisions makes the decisions from ms (saved members: IDs set), acts (saved activities)
// and today. The same arguments give the same records; every one passes the data package's
// validation on today, and those linked fit their activity.
func GenerateDecisions(ms []data.Member, acts []data.Activity, today data.Date) []data.Decision {
	rnd := rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), 0xdec1))
	var roll, committee []data.Member
	for _, m := range ms {
		if m.RollStatus != data.RollIn {
			continue
		}
		roll = append(roll, m)
		if slices.Contains(committeeRoles, m.PartyRole) {
			committee = append(committee, m)
		}
	}
	if len(committee) == 0 {
		return nil
	}
	start := data.DateOf(today.Time().AddDate(0, -decisionDemoMonths, 1))
	var out []data.Decision
	add := func(meeting string, d data.Date, activity int64, t decisionTopic, entitled int) {
		present := entitled - rnd.IntN(max(entitled/8, 1)+1)
		abstain := 0
		if present >= 4 { // a majority either way
			abstain = rnd.IntN(2)
		}
		dec := data.Decision{Meeting: meeting, Date: d, ActivityID: activity, Topic: t.topic, Category: t.category, Content: t.content,
			Entitled: entitled, Present: present, For: present - abstain, Abstain: abstain, Resolution: t.resolution,
			Publicity: "会议通报", State: data.DecisionDecided}
		if t.category == "重要人事任免" || t.content == "工资分配" {
			dec.Publicity = "公示"
		}
		if dec.Topic == committeeMatters[0].topic {
			dec.Topic = fmt.Sprintf(t.topic, int(d.Month))
		}
		if t.amount[1] > 0 {
			dec.Amount = float64(t.amount[0] + rnd.IntN(t.amount[1]-t.amount[0]+1)/100*100)
		}
		exec := committee[rnd.IntN(len(committee))]
		dec.ExecutorID, dec.Executor = exec.ID, exec.Name
		dec.Deadline = d.AddDays(20 + rnd.IntN(60))
		switch {
		case dec.Deadline.Before(today):
			dec.State, dec.Execution = data.DecisionDone, t.done
		case rnd.IntN(2) == 0:
			dec.State, dec.Execution = data.DecisionExecuting, "正在按决定推进"
		}
		out = append(out, dec)
	}
	for i := range acts {
		a := &acts[i]
		if a.Date.Before(start) || a.Date.After(today) {
			continue
		}
		switch {
		case a.HasKind(data.KindGeneral):
			add(data.MeetingGeneral, a.Date, a.ID, generalMatters[rnd.IntN(len(generalMatters))], len(roll))
		case a.HasKind(data.KindCommittee) && rnd.Float64() < 0.5:
			add(data.MeetingCommittee, a.Date, a.ID, committeeMatters[rnd.IntN(len(committeeMatters))], len(committee))
		}
	}
	// A 党政联席会 about every other month, on a weekday of its middle.
	for m := 1; m <= decisionDemoMonths; m += 2 {
		d := data.DateOf(start.Time().AddDate(0, m, 10+rnd.IntN(8)))
		if !d.After(today) {
			add(data.MeetingJoint, d, 0, jointMatters[rnd.IntN(len(jointMatters))], jointMeetingSize)
		}
	}
	slices.SortStableFunc(out, func(a, b data.Decision) int { return a.Date.Compare(b.Date) })
	breakRules(out, today)
	return out
}

// breakRules makes three of ds (by date, all executions past their deadline done) break a rule and
// one execution overdue, spread over the two years: 大额资金 filed as 重大项目安排 (about 15 months
// back), 大额资金 decided below the quorum (about 9 months back), a vote without a majority (about 3
// months back), and an execution due 10 days ago not done.
func breakRules(ds []data.Decision, today data.Date) {
	at := func(monthsBack int) *data.Decision {
		when := data.DateOf(today.Time().AddDate(0, -monthsBack, 0))
		for i := range ds {
			if !ds[i].Date.Before(when) {
				return &ds[i]
			}
		}
		return nil
	}
	if d := at(15); d != nil {
		d.Topic, d.Category, d.Content, d.Amount = "食堂厨房设备更新", "重大项目安排", "食堂采购", 68000
	}
	if d := at(9); d != nil {
		d.Topic, d.Category, d.Content, d.Amount = "综采设备配件应急采购", data.DecisionLargeFund, "专项资金使用", 120000
		d.Present = max(d.Entitled*2/3-1, 0)
		if d.Present*3 >= d.Entitled*2 { // a very small meeting: one short of it anyway
			d.Present = d.Entitled - 1
		}
		d.For, d.Abstain, d.Against = d.Present, 0, 0
	}
	failed := at(3)
	if d := failed; d != nil && d.Present >= 2 {
		d.For, d.Against, d.Abstain = d.Present/2, d.Present-d.Present/2, 0
		d.Resolution = "同意票未过半数，方案不予通过，修改后另行研究"
		// Nothing was decided, so nothing is executed.
		d.State, d.Execution, d.Deadline, d.ExecutorID, d.Executor = data.DecisionDecided, "", data.Date{}, 0, ""
	}
	// The overdue execution: the latest decision more than 10 days old (and less than 100), due 10
	// days ago, not the one voted down.
	for i := len(ds) - 1; i >= 0; i-- {
		d := &ds[i]
		due := today.AddDays(-10)
		if d != failed && d.Date.Before(due) && d.Date.After(today.AddDays(-100)) {
			d.Deadline, d.State, d.Execution = due, data.DecisionExecuting, "资金未到位，尚在协调"
			break
		}
	}
}

// loadDecisions generates the decisions from the members and activities saved and saves them,
// each at the time of its date.
func loadDecisions(ctx context.Context, st data.Store, today data.Date, entered func(data.Date) data.Store) error {
	if today.IsZero() {
		return nil
	}
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	acts, err := st.Activities(ctx, data.ActivityFilter{})
	if err != nil {
		return err
	}
	ds := GenerateDecisions(ms, acts, today)
	for i := range ds {
		if err := entered(ds[i].Date).SaveDecision(ctx, &ds[i]); err != nil {
			return fmt.Errorf("“三重一大”决策 %s: %w", data.DecisionLabel(&ds[i]), err)
		}
	}
	return nil
}
