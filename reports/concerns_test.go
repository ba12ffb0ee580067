package reports

import (
	"io"
	"os"
	"testing"
	"time"

	"branchledger/data"
)

// testConcerns are seen on 2026-11-23: one visited, one handed on as a welfare item, one visit
// overdue, one planned, one with no visit.
func testConcerns() []data.Concern {
	return []data.Concern{
		{Date: day(time.October, 28), Worker: "陈小军", Team: "综采一队", Channel: "线下", Category: "家庭困难",
			Situation: "家中老人住院，夜班难以照顾", Counselor: "王建国", Measures: "协调班组临时调整为白班",
			Result: data.ConcernCounselled, VisitDate: day(time.November, 10), Visit: "老人已出院，情绪稳定"},
		{Date: day(time.November, 3), Worker: "刘红霞", Team: "机电班", Channel: "交流", Category: "待遇",
			Situation: "宿舍热水器坏了一周，夜班回来洗不上热水澡", Counselor: "李卫东", Measures: "报区队维修",
			Result: data.ConcernTransferred, WelfareID: 7, Welfare: "宿舍热水器坏了一周，夜班回来洗不上热水澡"},
		{Date: day(time.November, 5), Worker: "马东", Team: "掘进二队", Channel: "线上", Category: "安全顾虑",
			Situation: "担心新工作面顶板条件", Counselor: "王建国", Measures: "请技术员讲解支护方案",
			Result: data.ConcernWatching, VisitDate: day(time.November, 15)},
		{Date: day(time.November, 18), Worker: "杨建平", Team: "综采一队", Channel: "讲解", Category: "工作压力",
			Situation: "新岗位不熟悉，压力大", Counselor: "赵志强", Result: data.ConcernWatching, VisitDate: day(time.November, 30)},
		{Date: day(time.November, 20), Worker: "吴海涛", Category: "其他", Situation: "咨询子女入学政策", Counselor: "李卫东",
			Measures: "当面解答", Result: data.ConcernCounselled},
	}
}

func TestGoldenConcerns(t *testing.T) {
	runGolden(t, []goldenCase{
		{"concerns", func(w io.Writer) error { return WriteConcerns(w, monthMeta, testConcerns()) }},
		{"concerns_empty", func(w io.Writer) error { return WriteConcerns(w, monthMeta, nil) }},
	})
}

// TestConcernsSheet reads R18 back: the SPEC's columns in order, the overdue visit red and said so,
// the 合计 counts.
func TestConcernsSheet(t *testing.T) {
	path := writeFile(t, "r18.xlsx", func(f *os.File) error { return WriteConcerns(f, monthMeta, testConcerns()) })
	f := openTest(t, path)
	const sheet = "职工思想疏导台账"
	rows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 note, 4 header, 5–9 concerns, 10 合计.
	want := []string{"序号", "日期", "职工姓名", "班组", "渠道", "类别", "反映情况", "疏导人", "疏导措施", "结果", "回访情况"}
	for i, h := range want {
		if rows[3][i] != h {
			t.Errorf("header %d %q, want %q", i+1, rows[3][i], h)
		}
	}
	if got := rows[6]; got[2] != "马东" || got[10] != "逾期8天未回访（应于2026-11-15回访）" {
		t.Errorf("row 7 %q", got)
	}
	checkCells(t, rows, []cellWant{
		{4, 10, "2026-11-10 老人已出院，情绪稳定", "visit done"},
		{5, 9, "转办实事（见办实事台账）", "result"},
		{7, 10, "待回访（2026-11-30）", "visit planned"},
		{9, 0, "合计：思想疏导5人次，其中转办实事1件；已回访1次，逾期未回访1次", "合计"},
	})
	for r, red := range map[int]bool{6: false, 7: true, 8: false} {
		if got := isRed(t, path, sheet, cellName(11, r)); got != red {
			t.Errorf("row %d red = %v", r, got)
		}
	}
}
