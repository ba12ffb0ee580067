package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/widget"
)

// dialogButtons is the visible buttons of the topmost dialog, in order.
func dialogButtons(t *testing.T, env *Env) []*widget.Button {
	t.Helper()
	var bs []*widget.Button
	for _, o := range topDialog(t, env) {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			bs = append(bs, b)
		}
	}
	return bs
}

// TestUnsavedWorkIsAskedAboutWhereverItWouldBeLeft: 新建, another tab and another module all ask
// 保存 / 放弃修改 / 取消 with 保存 the default; 取消 stays, 保存 saves and goes on (issue 10 #18).
func TestUnsavedWorkIsAskedAboutWhereverItWouldBeLeft(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	m := addTestMember(t, env, "王五", 3, 0, 0)
	w := NewMainWindow(env, false)
	w.ShowMember(m.ID)
	s := w.members
	typeInto(t, s.form.job, "采煤机司机")

	s.New()
	var texts []string
	for _, b := range dialogButtons(t, env) {
		texts = append(texts, b.Text)
		if b.Text == "保存" && b.Importance != widget.HighImportance {
			t.Error("保存 is not the default button of the question")
		}
	}
	if len(texts) != 3 || texts[0] != "取消" || texts[1] != "放弃修改" || texts[2] != "保存" {
		t.Fatalf("the question offers %v, want 取消 放弃修改 保存", texts)
	}
	tapDialogButton(t, env.Win, "取消")

	ts := w.Shown().(*tabsScreen)
	ts.tabs.SelectIndex(1) // 党小组
	if env.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("leaving the tab with unsaved edits did not ask")
	}
	if got := ts.tabs.Selected().Text; got != "党员名单" {
		t.Errorf("while asking, the tab shown is %s", got)
	}
	tapDialogButton(t, env.Win, "取消")
	if ts.tabs.Selected().Text != "党员名单" || s.form.job.Text != "采煤机司机" {
		t.Fatalf("取消 should stay on 党员名单 with the edit: %s %q", ts.tabs.Selected().Text, s.form.job.Text)
	}

	w.ShowModule(moduleReports)
	if env.Win.Canvas().Overlays().Top() == nil || w.modules[w.current].id != moduleMembers {
		t.Fatal("leaving the module with unsaved edits did not ask, or left at once")
	}
	tapDialogButton(t, env.Win, "保存")
	if w.modules[w.current].id != moduleReports {
		t.Errorf("保存 should go on to 报表, shows %s", w.modules[w.current].title)
	}
	got, err := env.Store.Member(context.Background(), m.ID)
	if err != nil || got.Job != "采煤机司机" {
		t.Errorf("保存 did not save the edit: %q %v", got.Job, err)
	}

	// Dropped edits are gone when the user comes back.
	w.ShowMember(m.ID)
	typeInto(t, s.form.job, "掘进机司机")
	w.ShowModule(moduleHome)
	tapDialogButton(t, env.Win, "放弃修改")
	w.ShowMember(m.ID)
	if s.form.job.Text != "采煤机司机" || s.form.Dirty() {
		t.Errorf("after 放弃修改 the form shows %q (dirty %v)", s.form.job.Text, s.form.Dirty())
	}
}

// TestLeavingAnUnsavedAssessmentAsks: 支部月度考核 with a changed score asks before another tab is
// shown; 放弃修改 goes on and drops the change.
func TestLeavingAnUnsavedAssessmentAsks(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	scoreA1ItemByHand(t, env, "“三重一大”决策靠前")
	w := NewMainWindow(env, false)
	w.Navigate(Destination{Module: moduleAssess, Tab: tabBranchAssess})
	s := w.shownTab().(*BranchAssessScreen)
	s.rows[2].score.SetText("1") // “三重一大”决策靠前, scored by hand
	if !s.dirty {
		t.Fatal("a changed score did not make the assessment dirty")
	}
	w.Navigate(Destination{Module: moduleAssess, Tab: tabPoints})
	ts := w.Shown().(*tabsScreen)
	if env.Win.Canvas().Overlays().Top() == nil || ts.tabs.Selected().Text != tabTitle(tabBranchAssess) {
		t.Fatalf("leaving the unsaved assessment did not ask (tab %s)", ts.tabs.Selected().Text)
	}
	tapDialogButton(t, env.Win, "放弃修改")
	if ts.tabs.Selected().Text != tabTitle(tabPoints) || s.dirty {
		t.Errorf("放弃修改: tab %s, still dirty %v", ts.tabs.Selected().Text, s.dirty)
	}
}
