package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/reports"
)

// attendanceOf is R13's row of the member named name ("" when not listed).
func attendanceOf(t *testing.T, env *Env, name string) data.AttendanceRow {
	t.Helper()
	rows, err := data.LoadAttendance(context.Background(), env.Store, data.YearPeriod(orgTestToday.Year))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Name == name {
			return r
		}
	}
	return data.AttendanceRow{}
}

// Recording an activity with two absentees (one on leave with a reason) and a make-up changes
// R13: everyone is expected, the two are not present, the make-up counts.
func TestActivityRecordChangesAttendance(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	for i, n := range []string{"张三", "李四", "王五", "赵六"} {
		addTestMember(t, env, n, i+1, 0, 0)
	}
	s := NewActivitiesScreen(env)
	show(env, s)
	s.Reload()
	if r := attendanceOf(t, env, "李四"); r.Expected != 0 {
		t.Fatalf("before: %+v", r)
	}
	s.New()
	s.kindsBox.SetSelected([]string{data.KindThemeDay, data.KindLecture})
	test.Type(s.topic, "学习安全生产条例")
	test.Type(s.host, "张三")
	s.host.FocusLost()
	s.addAbsence(data.Absence{State: data.AttendLeave}, true)
	s.addAbsence(data.Absence{State: data.AttendLeave}, true)
	test.Type(s.absRows[0].member, "李四")
	test.Type(s.absRows[1].member, "王五")
	s.absRows[1].state.SetSelected(data.AttendAbsent)
	if !strings.Contains(s.counts.Text, "应到 4 人，实到 2 人") {
		t.Errorf("counts %q", s.counts.Text)
	}
	// 请假 without a reason is refused and nothing is saved.
	s.Save()
	if acts, _ := env.Store.Activities(ctx, data.ActivityFilter{}); len(acts) != 0 {
		t.Fatalf("saved without the reason of a leave: %+v", acts)
	}
	if !strings.Contains(s.frame.Status(), "请假须写明原因") {
		t.Errorf("status %q", s.frame.Status())
	}
	test.Type(s.absRows[0].reason, "夜班")
	s.addMakeUp(data.MakeUp{Date: orgTestToday, Way: "自学"}, true)
	test.Type(s.makeRows[0].member, "王五")
	s.Save()
	acts, err := env.Store.Activities(ctx, data.ActivityFilter{})
	if err != nil || len(acts) != 1 || len(acts[0].Absences) != 2 || len(acts[0].MakeUps) != 1 || acts[0].Host != "张三" {
		t.Fatalf("saved %+v %v (status %q)", acts, err, s.frame.Status())
	}
	if s.dirty {
		t.Error("the form is still dirty after saving")
	}
	li, wang, zhang := attendanceOf(t, env, "李四"), attendanceOf(t, env, "王五"), attendanceOf(t, env, "张三")
	if li.Expected != 1 || li.Leave != 1 || li.Present != 0 || wang.Absent != 1 || wang.MadeUp != 1 || zhang.Present != 1 {
		t.Errorf("R13 after: 李四 %+v 王五 %+v 张三 %+v", li, wang, zhang)
	}
	if got := s.list.Length(); got != 1 {
		t.Errorf("list shows %d", got)
	}
}

// The year view marks a missed month red and the 工作台 card opens a new activity of the kind.
func TestOrgLifeYearAndCard(t *testing.T) {
	env := newMembersTestEnv(t, "张三")
	y := NewOrgLifeYearScreen(env)
	show(env, y)
	y.Reload()
	found := false
	for row := 1; row <= len(y.rows); row++ {
		for col := 2; col < 14; col++ {
			if text, imp, _ := y.cell(row, col); text == data.PlanMissed && imp == widget.DangerImportance {
				found = true
			}
		}
	}
	if !found {
		t.Error("no 未开 in red in a year with no activities")
	}
	w := NewMainWindow(env, false)
	w.Navigate(Destination{Module: moduleOrgLife, Tab: tabActivities, NewKind: data.KindThemeDay})
	a, ok := w.shownTab().(*ActivitiesScreen)
	if !ok || strings.Join(a.kindsBox.Selected(), ",") != data.KindThemeDay || a.loaded.ID != 0 {
		t.Fatalf("new activity from the card: %T %v", w.shownTab(), a.kindsBox.Selected())
	}
	st := &homeStats{orgLife: []data.DueItem{{Kind: data.KindThemeDay, Label: "主题党日", Period: "2026年11月", Need: 1}}}
	if c := cardOrgLife(st); c == nil {
		t.Fatal("no card")
	}

	r := NewOrgRulesScreen(env)
	show(env, r)
	r.Reload()
	if len(r.rows) != len(data.DefaultOrgRules) {
		t.Fatalf("%d rule rows", len(r.rows))
	}
	r.rows[0].atLeast.SetText("x")
	r.Save()
	if !strings.Contains(r.msg.Text, "整数") {
		t.Errorf("msg %q", r.msg.Text)
	}
	r.rows[0].atLeast.SetText("2")
	r.Save()
	rules, _ := env.Store.OrgRules(context.Background())
	if rules[0].AtLeast != 2 {
		t.Errorf("rules %+v", rules[0])
	}
}

// The import preview lists each row with its status; importing saves the good rows only.
func TestActivityImportPreview(t *testing.T) {
	env := newMembersTestEnv(t, "张三", "李四")
	ctx := context.Background()
	f := excelize.NewFile()
	rows := [][]any{
		{"会议记录"},
		{"日期", "类别", "主题", "主持人", "缺席人员(原因)"},
		{"2026.11.05", "主题党日", "学习规程", "张三", "李四（请假：夜班）"},
		{"2026-11-06", "主题党日", "学习条例", "王小明", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "会议记录.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	imp := &activityImport{env: env, path: path}
	ic, err := data.LoadImportContext(ctx, env.Store, orgTestToday)
	if err != nil {
		t.Fatal(err)
	}
	if imp.sheet, imp.parse, err = reports.ReadActivities(path, ic); err != nil {
		t.Fatal(err)
	}
	imp.show()
	good, imp1 := imp.rowText(&imp.parse.Rows[0])
	bad, imp2 := imp.rowText(&imp.parse.Rows[1])
	if !strings.Contains(good, "可导入") || imp1 != widget.MediumImportance || !strings.Contains(bad, "王小明") || imp2 != widget.DangerImportance {
		t.Fatalf("preview %q %q", good, bad)
	}
	tapDialogButton(t, env.Win, "导入 1 条")
	waitFor(t, "the import", func() bool {
		acts, _ := env.Store.Activities(ctx, data.ActivityFilter{})
		return len(acts) == 1 && acts[0].AbsencesText() == "李四（请假：夜班）"
	})
}
