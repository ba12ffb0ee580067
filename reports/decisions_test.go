package reports

import (
	"os"
	"testing"
	"time"

	"branchledger/data"
)

func testDecisions() []data.Decision {
	return []data.Decision{
		{Date: day(time.October, 9), Meeting: data.MeetingCommittee, Topic: "综采一队工资二次分配方案", Category: "重大决策", Entitled: 7, Present: 7,
			For: 6, Abstain: 1, Resolution: "同意按方案执行，张榜公示", Executor: "李卫东", ExecutorID: 2, Deadline: day(time.October, 31),
			Execution: "已公示并发放", State: data.DecisionDone},
		{Date: day(time.October, 20), Meeting: data.MeetingJoint, Topic: "采购井下防爆电器", Category: "重大项目安排", Amount: 86000, Entitled: 9,
			Present: 5, For: 5, Resolution: "同意采购", Executor: "王建国", ExecutorID: 1, Deadline: day(time.November, 10),
			Execution: "已询价", State: data.DecisionExecuting},
		{Date: day(time.November, 3), Meeting: data.MeetingGeneral, Topic: "班队长选聘", Category: "重要人事任免", Entitled: 40, Present: 36,
			For: 18, Against: 10, Abstain: 8, Resolution: "未通过，重新推荐人选", State: data.DecisionDecided},
	}
}

func TestGoldenDecisions(t *testing.T) {
	for name, ds := range map[string][]data.Decision{"decisions": testDecisions(), "decisions_empty": nil} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, name+".xlsx", func(f *os.File) error { return WriteDecisions(f, monthMeta, ds, data.DefaultDecisionRules()) })
			checkGolden(t, path, name)
		})
	}
}

// TestDecisionsSheet reads R17 back: 表决结果 in words, the flagged cells red and the others not,
// the 合计 and the notes.
func TestDecisionsSheet(t *testing.T) {
	path := writeFile(t, "r17.xlsx", func(f *os.File) error {
		return WriteDecisions(f, monthMeta, testDecisions(), data.DefaultDecisionRules())
	})
	f := openTest(t, path)
	const sheet = "三重一大事项决策台账"
	rows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 info, 4 header, 5–7 decisions, 8 合计, 9 notes.
	checkCells(t, rows, []cellWant{
		{4, 8, "同意6、不同意0、弃权1", "表决结果"},
		{5, 12, "执行中（逾期13天）", "状态"},
		{7, 0, "合计：3项，其中不符合决策规定2项，执行逾期未完成1项", "合计"},
		{8, 0, "不符合决策规定的事项：第2项不足法定人数（实到5人，不足应到9人的三分之二）；大额资金未按规定决策（金额86000元超过大额资金标准50000元，事项类别应为“大额资金使用”）；第3项未过半数（同意18票，未超过实到36人的半数）", "notes"},
	})
	for _, c := range []struct {
		col, row int
		red      bool
	}{
		{7, 5, false}, {8, 5, false}, {13, 5, false}, // a kept decision
		{5, 6, true}, {6, 6, true}, {7, 6, true}, {8, 6, true}, {9, 6, false}, {13, 6, true}, // quorum, 大额资金, overdue
		{9, 7, true}, {7, 7, false}, // no majority
	} {
		if got := redCell(t, f, sheet, cellName(c.col, c.row)); got != c.red {
			t.Errorf("%s red = %v", cellName(c.col, c.row), got)
		}
	}
}
