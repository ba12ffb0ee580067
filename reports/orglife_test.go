package reports

import (
	"io"
	"os"
	"strings"
	"testing"

	"branchledger/data"
)

// testActivities: a 主题党日 that is also a 党课 with a leave, an absence and a make-up; a 支委会
// without 第一议题 (red); a group meeting with a typed 应到; a committee scope naming nobody.
func testActivities() []data.Activity {
	theme := data.Activity{ID: 1, Kinds: []string{data.KindThemeDay, data.KindLecture}, Date: day(11, 5), Start: "09:00", End: "11:00",
		Place: "队部会议室", Topic: "学习《煤矿安全规程》修订内容", Host: "刘强", Recorder: "王芳", Lecturer: "刘强", Scope: data.ScopeAll,
		Summary: "书记讲专题党课，结合本队顶板事故案例讲解规程修订要点。", Resolutions: "一、开展为期一个月的隐患排查；二、党员责任区每周检查一次。",
		Guests: "队长 张建军", InScope: []int64{1, 2, 3, 4, 5, 6, 7, 8}}
	theme.Absences = []data.Absence{{MemberID: 3, Name: "赵志强", State: data.AttendLeave, Reason: "夜班"}, {MemberID: 4, Name: "孙立", State: data.AttendAbsent}}
	theme.MakeUps = []data.MakeUp{{MemberID: 3, Name: "赵志强", Date: day(11, 7), Way: "自学", Confirmer: "王芳"}}
	committee := data.Activity{ID: 2, Kinds: []string{data.KindCommittee}, Date: day(11, 10), Topic: "研究十一月党员积分", Host: "刘强",
		Recorder: "王芳", Scope: data.ScopeCommittee, InScope: []int64{1, 2, 3}}
	group := data.Activity{ID: 3, Kinds: []string{data.KindGroupMeeting}, Date: day(11, 12), Topic: "学习班组安全承诺", Host: "李明",
		Scope: data.ScopeGroup, ScopeName: "第一党小组", ExpectedSet: true, ExpectedTyped: 6, InScope: []int64{5, 6, 7}}
	nobody := data.Activity{ID: 4, Kinds: []string{data.KindCommittee, data.KindFirstTopic}, Date: day(11, 20), Topic: "第一议题：学习重要讲话精神",
		Scope: data.ScopeTeam, ScopeName: "机电班"}
	return []data.Activity{theme, committee, group, nobody}
}

func testPlan() []data.PlanRow {
	acts := testActivities()
	acts = append(acts, data.Activity{Kinds: []string{data.KindGeneral}, Date: day(2, 3), Scope: data.ScopeAll},
		data.Activity{Kinds: []string{data.KindGroupMeeting}, Date: day(10, 3), Scope: data.ScopeGroup, ScopeID: 1})
	acts[2].ScopeID = 1
	groups := []data.Group{{ID: 1, Name: "第一党小组"}, {ID: 2, Name: "第二党小组"}}
	return data.OrgLifePlan(2026, asOf, data.DefaultOrgRules, groups, acts, nil)
}

func TestGoldenOrgLifeReports(t *testing.T) {
	acts := testActivities()
	yearMeta := Meta{Branch: testMeta.Branch, Period: "2026年", Date: asOf}
	roster := []data.Member{{ID: 1, Name: "刘强", GroupID: 1}, {ID: 2, Name: "王芳", GroupID: 1}, {ID: 3, Name: "赵志强", GroupID: 2},
		{ID: 4, Name: "孙立", GroupID: 2}, {ID: 5, Name: "李明", GroupID: 1}}
	stats := data.AttendanceStats(roster, []data.Group{{ID: 1, Name: "第一党小组"}, {ID: 2, Name: "第二党小组"}}, acts)
	runGolden(t, []goldenCase{
		{"org_life", func(w io.Writer) error { return WriteActivities(w, yearMeta, acts) }},
		{"org_life_empty", func(w io.Writer) error { return WriteActivities(w, yearMeta, nil) }},
		{"minutes", func(w io.Writer) error { return WriteMinutes(w, testMeta, acts[0]) }},
		{"attendance", func(w io.Writer) error { return WriteAttendance(w, yearMeta, stats) }},
		{"attendance_empty", func(w io.Writer) error { return WriteAttendance(w, yearMeta, nil) }},
		{"org_life_plan", func(w io.Writer) error { return WriteOrgLifePlan(w, yearMeta, testPlan()) }},
	})
}

// TestOrgLifePlanCells reads R14 back: 未开 where a period ended unkept, never in the current one.
func TestOrgLifePlanCells(t *testing.T) {
	path := writeFile(t, "r14.xlsx", func(f *os.File) error { return WriteOrgLifePlan(f, monthMeta, testPlan()) })
	f := openTest(t, path)
	rows := sheetRows(t, f, "组织生活落实情况")
	find := func(label string) []string {
		for _, r := range rows {
			if len(r) > 0 && r[0] == label {
				return r
			}
		}
		t.Fatalf("no row %s in %q", label, rows)
		return nil
	}
	general := find("支部党员大会")
	// Q1 held in February; Q2 and Q3 missed (June, September); Q4 runs until December: not 未开.
	if general[3] != "1" || general[7] != data.PlanMissed || general[10] != data.PlanMissed || len(general) > 13 && general[13] == data.PlanMissed {
		t.Errorf("支部党员大会 %q", general)
	}
	if g := find("党小组会·第一党小组"); g[11] != "1" || g[12] != "1" || g[10] != data.PlanMissed {
		t.Errorf("第一党小组 %q", g)
	}
	if g := find("党小组会·第二党小组"); g[12] != "" || g[11] != data.PlanMissed {
		t.Errorf("第二党小组 (November is current) %q", g)
	}
	if ft := find("第一议题学习"); ft[12] != "1（缺1）" || ft[14] != "2" || ft[15] != "1" {
		t.Errorf("第一议题学习 %q", ft)
	}
	if !strings.Contains(rows[2][0], "未开") {
		t.Errorf("note %q", rows[2])
	}
}
