package reports

import (
	"io"
	"os"
	"testing"

	"branchledger/data"
)

func testAppraisal() *data.Appraisal {
	return &data.Appraisal{Year: 2025, Date: data.NewDate(2026, 1, 16), Rows: []data.AppraisalRow{
		{MemberID: 1, Name: "王建国", Group: "第一党小组", Votes: [4]int{9, 3, 0, 0}, Grade: data.AppraisalExcellent},
		{MemberID: 2, Name: "李卫东", Group: "第一党小组", Votes: [4]int{2, 10, 0, 0}, Grade: data.AppraisalQualified},
		{MemberID: 3, Name: "赵志强", Group: "第二党小组", Votes: [4]int{0, 4, 7, 1}, Grade: data.AppraisalBasic, FollowUp: "支委结对帮扶，每月谈心一次"},
		{MemberID: 4, Name: "欧阳建国", Group: "第二党小组", Votes: [4]int{1, 11, 0, 0}, Grade: data.AppraisalQualified},
		{MemberID: 5, Name: "孙丽", Group: "", Votes: [4]int{0, 0, 0, 0}},
	}}
}

func testTalks() []data.Talk {
	return []data.Talk{
		{Date: day(10, 9), TalkerID: 1, Talker: "王建国", SubjectID: 2, Subject: "李卫东", Kind: "谈心谈话",
			Content: "交流支部工作分工和年度目标", Recorder: "孙丽"},
		{Date: day(11, 3), TalkerID: 2, Talker: "李卫东", SubjectID: 3, Subject: "赵志强", Kind: "提醒谈话",
			Content: "近期两次违反入井检身制度，提醒严守规程", Issues: "班组人手紧，交接班时间短", Recorder: "孙丽"},
		{Date: day(11, 20), TalkerID: 1, Talker: "王建国", Subject: "陈小军", SubjectTeam: "综采一队", Kind: "思想疏导",
			Content: "了解家中老人住院的困难", Issues: "希望调整夜班"},
	}
}

func TestGoldenTalkReports(t *testing.T) {
	yearMeta := monthMeta
	yearMeta.Period = "2025年"
	runGolden(t, []goldenCase{
		{"appraisal", func(w io.Writer) error { return WriteAppraisal(w, yearMeta, 2025, testAppraisal()) }},
		{"appraisal_empty", func(w io.Writer) error { return WriteAppraisal(w, yearMeta, 2025, nil) }},
		{"talks", func(w io.Writer) error { return WriteTalks(w, monthMeta, testTalks()) }},
		{"talks_empty", func(w io.Writer) error { return WriteTalks(w, monthMeta, nil) }},
	})
}

// TestAppraisalSheet reads R15 back: the ballots as numbers, 基本合格 red, the 合计 counts and the
// 帮扶措施 line.
func TestAppraisalSheet(t *testing.T) {
	path := writeFile(t, "r15.xlsx", func(f *os.File) error { return WriteAppraisal(f, monthMeta, 2025, testAppraisal()) })
	f := openTest(t, path)
	const sheet = "民主评议党员结果"
	rows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 info, 4 header, 5–9 members, 10 合计, 11 帮扶措施.
	if got := rows[6]; got[1] != "赵志强" || got[5] != "7" || got[7] != "基本合格" {
		t.Errorf("row 7 %q", got)
	}
	checkCells(t, rows, []cellWant{
		{9, 0, "合计：参评4人，其中优秀1人、合格2人、基本合格1人、不合格0人；未评定1人", "合计"},
		{10, 0, "帮扶措施：赵志强（基本合格）：支委结对帮扶，每月谈心一次", "帮扶措施"},
	})
	for r, want := range map[int]bool{6: false, 7: true} {
		if got := redCell(t, f, sheet, cellName(2, r)); got != want {
			t.Errorf("row %d red = %v", r, got)
		}
	}
}

func TestTalkSubject(t *testing.T) {
	ts := testTalks()
	if got := TalkSubject(&ts[2]); got != "陈小军（综采一队）" {
		t.Errorf("worker %q", got)
	}
	if got := TalkSubject(&ts[0]); got != "李卫东" {
		t.Errorf("member %q", got)
	}
}
