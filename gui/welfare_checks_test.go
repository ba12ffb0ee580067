package gui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// addFacility saves a facility.
func addFacility(t *testing.T, env *Env, category, name, manager string) data.Facility {
	t.Helper()
	f := data.Facility{Category: category, Name: name, Manager: manager}
	if err := env.Store.SaveFacility(context.Background(), &f); err != nil {
		t.Fatalf("SaveFacility: %v", err)
	}
	return f
}

// startCheck opens 检查评分 on a new check of the facility and returns the screen.
func startCheck(t *testing.T, env *Env, fac data.Facility) *ChecksScreen {
	t.Helper()
	s := showNew(env, NewChecksScreen(env))
	i := slices.IndexFunc(s.form.facilities, func(f data.Facility) bool { return f.ID == fac.ID })
	if i < 0 {
		t.Fatalf("facility %s is not offered", fac.Name)
	}
	s.form.facility.SetSelectedIndex(i)
	return s
}

// itemIndex is the row of the item named name.
func itemIndex(t *testing.T, f *CheckForm, name string) int {
	t.Helper()
	i := slices.IndexFunc(f.items, func(it data.CheckItem) bool { return it.Name == name })
	if i < 0 {
		t.Fatalf("no item %s", name)
	}
	return i
}

// typeScore replaces the text of item i's score as a user would.
func typeScore(f *CheckForm, i int, score string) {
	e := f.rows[i].score
	e.SetText("")
	test.Type(e, score)
}

func TestCheckScoringCanteen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	fac := addFacility(t, env, data.FacilityCanteen, "一号职工食堂", "王建国")
	s := startCheck(t, env, fac)
	f := s.form
	if f.template.Selected != "食堂卫生检查评分表" {
		t.Fatalf("suggested template %q, want the canteen one", f.template.Selected)
	}
	if len(f.rows) != 10 {
		t.Fatalf("%d item rows, want the template's 10", len(f.rows))
	}
	if got := f.SummaryText(); !strings.Contains(got, "标化分 100.0") || !strings.Contains(got, "等次 优秀") {
		t.Fatalf("a fresh check should start at full marks, summary %q", got)
	}
	test.Type(f.checker, "李明、张华")

	// 不适用 is offered only on 可缺项.
	na := itemIndex(t, f, "原料索证索票")
	for i, r := range f.rows {
		if (r.na != nil) != f.items[i].Optional {
			t.Errorf("item %s: 不适用 offered %v, 可缺项 %v", f.items[i].Name, r.na != nil, f.items[i].Optional)
		}
	}
	test.Tap(f.rows[na].na)
	if got := f.SummaryText(); !strings.Contains(got, "应得分 90") {
		t.Fatalf("after 不适用: %q, want 应得分 90", got)
	}

	ded := itemIndex(t, f, "生熟分开")
	typeScore(f, ded, "7.5")
	if got := f.SummaryText(); !strings.Contains(got, "实得分 87.5") || !strings.Contains(got, "标化分 97.2") || !strings.Contains(got, "等次 优秀") {
		t.Fatalf("live summary %q, want 实得分 87.5, 标化分 97.2, 优秀", got)
	}
	if !f.rows[ded].finding.Visible() {
		t.Error("a deduction row should offer 生成问题")
	}

	// No reason: shown on the row, nothing saved.
	s.Save()
	if f.RowError(ded) == "" || !strings.Contains(s.Status(), "没有保存") {
		t.Fatalf("missing reason: row error %q, status %q", f.RowError(ded), s.Status())
	}
	if cs, _ := env.Store.Checks(ctx, data.CheckFilter{}); len(cs) != 0 {
		t.Fatalf("an invalid check was saved: %+v", cs)
	}

	test.Type(f.rows[ded].reason, "生熟砧板混用")
	if f.RowError(ded) != "" {
		t.Errorf("the row error should go once a reason is typed: %q", f.RowError(ded))
	}
	s.Save()
	cs, err := env.Store.Checks(ctx, data.CheckFilter{})
	if err != nil || len(cs) != 1 {
		t.Fatalf("Checks = %v, %v; want the saved check (status %q)", cs, err, s.Status())
	}
	c := cs[0]
	if !c.Items[na].NA || c.Items[ded].Score != 7.5 || c.Items[ded].Reason != "生熟砧板混用" || c.Checker != "李明、张华" || c.Date != orgTestToday {
		t.Fatalf("saved check %+v", c)
	}
	if sc := c.Score(data.DefaultGradeThresholds); sc.Standard != 97.2 || sc.Grade != data.GradeExcellent {
		t.Fatalf("saved check scores %+v", sc)
	}

	// 生成问题 from the deduction.
	test.Tap(f.rows[ded].finding)
	if !strings.Contains(dialogTexts(env.Win), "两堂一舍检查") {
		t.Fatalf("the finding dialog should show its source; texts %q", dialogTexts(env.Win))
	}
	tapDialogButton(t, env.Win, "保存问题")
	fs, err := env.Store.Findings(ctx, data.FindingFilter{})
	if err != nil || len(fs) != 1 {
		t.Fatalf("Findings = %v, %v; want the one from the deduction", fs, err)
	}
	fd := fs[0]
	if fd.Source != data.SourceWelfare || fd.CheckID != c.ID || !strings.Contains(fd.Description, "生熟分开") ||
		!strings.Contains(fd.Description, "生熟砧板混用") || fd.Responsible != "王建国" {
		t.Fatalf("finding %+v", fd)
	}
	c, err = env.Store.Check(ctx, c.ID)
	if err != nil || c.Items[ded].FindingID != fd.ID {
		t.Fatalf("the check item should link the finding %d: %+v, %v", fd.ID, c.Items[ded], err)
	}
	if f.Dirty() || !strings.Contains(s.Status(), "已生成问题") {
		t.Errorf("after 生成问题: dirty %v, status %q", f.Dirty(), s.Status())
	}
}

func TestCheckScoringGrades(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	fac := addFacility(t, env, data.FacilityCanteen, "二号食堂", "")
	for _, tc := range []struct {
		name   string
		scores map[string]string
		want   []string
		avoid  []string
	}{
		{"minor deduction", map[string]string{"价格公示": "8"}, []string{"标化分 98.0", "等次 优秀"}, []string{"关键项不合格"}},
		{"key item deduction", map[string]string{"食品留样": "9.5"}, []string{"标化分 99.5", "等次 不合格", "关键项不合格：食品留样"}, nil},
		{"pass band", map[string]string{"饭菜质量": "2", "服务态度": "2", "就餐环境": "4"}, []string{"标化分 78.0", "等次 合格"}, nil},
		{"fail band", map[string]string{"饭菜质量": "0", "服务态度": "0", "就餐环境": "0"}, []string{"标化分 70.0", "等次 不合格"}, []string{"关键项不合格"}},
		{"not a number", map[string]string{"价格公示": "八"}, []string{"标化分 —"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startCheck(t, env, fac)
			for name, v := range tc.scores {
				typeScore(s.form, itemIndex(t, s.form, name), v)
			}
			checkSays(t, "the summary", s.form.SummaryText(), tc.want, tc.avoid)
		})
	}
}

func TestCheckGradeThresholdsFromTemplatesScreen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ts := NewChecklistsScreen(env)
	show(env, ts)
	ts.excellent.SetText("99")
	ts.pass.SetText("95")
	ts.saveThresholds()
	if th, _ := env.Store.GradeThresholds(context.Background()); th != (data.GradeThresholds{Excellent: 99, Pass: 95}) {
		t.Fatalf("thresholds saved %+v", th)
	}
	// Saved, it says so where every save does: the status line over the form (issue 10 #22).
	if got := ts.frame.Status(); !strings.Contains(got, "已保存分数线") || ts.frame.StatusLine.Importance != widget.SuccessImportance {
		t.Errorf("status %q in importance %v", got, ts.frame.StatusLine.Importance)
	}
	fac := addFacility(t, env, data.FacilityCanteen, "三号食堂", "")
	s := startCheck(t, env, fac)
	typeScore(s.form, itemIndex(t, s.form, "价格公示"), "8")
	if got := s.form.SummaryText(); !strings.Contains(got, "等次 合格") {
		t.Fatalf("98.0 with 优秀线 99 should be 合格: %q", got)
	}

	// Refused thresholds stay unsaved and are explained at their field.
	ts.excellent.SetText("80")
	ts.pass.SetText("85")
	ts.saveThresholds()
	if ts.thFields.Get(data.FPassLine).Error() == "" || !strings.Contains(ts.frame.Status(), "没有保存") {
		t.Errorf("合格线 above 优秀线 should be refused at the field (status %q)", ts.frame.Status())
	}
}
