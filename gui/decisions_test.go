package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// typeDecision types a decision's 议题 and 类别 and its vote: 应到, 实到 and 同意.
func typeDecision(s *DecisionsScreen, topic, category, entitled, present, votesFor string) {
	test.Type(s.topic, topic)
	s.category.SetSelected(category)
	test.Type(s.entitled, entitled)
	test.Type(s.present, present)
	test.Type(s.votesFor, votesFor)
}

func TestDecisionTypedSavedListed(t *testing.T) {
	env := newMembersTestEnv(t, "张三")
	ctx := context.Background()
	meeting := data.Activity{Kinds: []string{data.KindCommittee}, Date: data.NewDate(2026, 11, 20), Topic: "研究工资分配", Scope: data.ScopeAll}
	if err := env.Store.SaveActivity(ctx, &meeting); err != nil {
		t.Fatal(err)
	}
	s := showNew(env, newDecisionsScreen(env))
	s.meeting.SetSelected(data.MeetingCommittee)
	s.date.SetText("2026-11-20")
	if len(s.activity.Options) != 2 || s.activity.Options[1] != data.ActivityLabel(&meeting) {
		t.Fatalf("activities offered %q", s.activity.Options)
	}
	// A 支部党员大会 is not that activity; a 党政联席会, with no kind of its own, may link to it.
	s.meeting.SetSelected(data.MeetingGeneral)
	if len(s.activity.Options) != 1 {
		t.Errorf("支部党员大会 offered %q", s.activity.Options)
	}
	s.meeting.SetSelected(data.MeetingJoint)
	if len(s.activity.Options) != 2 {
		t.Errorf("党政联席会 offered %q", s.activity.Options)
	}
	s.meeting.SetSelected(data.MeetingCommittee)
	s.activity.SetSelectedIndex(1)
	typeDecision(s, "综采一队工资二次分配方案", "重大决策", "7", "7", "6")
	test.Type(s.abstain, "1")
	s.Save()
	if msg := s.fields.Get(data.FDecisionResolution).Error(); msg == "" {
		t.Fatal("a decision without 决定事项 should be refused at 决定事项")
	}
	test.Type(s.resolution, "同意按方案执行")
	test.Type(s.executor, "张三")
	s.deadline.SetText("2026-11-30")
	s.state.SetSelected(data.DecisionExecuting)
	s.Save()
	ds, err := env.Store.Decisions(ctx, data.DecisionFilter{})
	if err != nil || len(ds) != 1 || ds[0].ActivityID != meeting.ID || ds[0].Executor != "张三" || ds[0].VotesText() != "同意6、不同意0、弃权1" {
		t.Fatalf("Decisions = %+v, %v", ds, err)
	}
	if len(s.visible) != 1 {
		t.Fatalf("the list shows %v", s.visible)
	}
	texts, imp := s.cells(&s.all[s.visible[0]])
	if texts[2] != "综采一队工资二次分配方案" || texts[4] != data.DecisionExecuting || imp[4] == widget.DangerImportance {
		t.Errorf("kept decision listed as %q %v", texts, imp)
	}

	// Below the quorum: flagged red in the list and above the form.
	s.New()
	typeDecision(s, "班队长选聘", "重要人事任免", "9", "5", "5")
	test.Type(s.resolution, "同意聘任")
	s.Save()
	if s.loaded.ID == 0 {
		t.Fatalf("not saved: %s", screenText(s))
	}
	test.Type(s.search, "班队长")
	if len(s.visible) != 1 {
		t.Fatalf("search lists %v", s.visible)
	}
	texts, imp = s.cells(&s.all[s.visible[0]])
	if texts[1] != "支委会" || texts[4] != "人数不足·已决策" || imp[4] != widget.DangerImportance {
		t.Errorf("flagged decision listed as %q %v", texts, imp)
	}
	if !strings.Contains(s.flags.Text, "实到5人，不足应到9人的三分之二") || s.flags.Hidden {
		t.Errorf("form flags %q", s.flags.Text)
	}
}

func TestDecisionLargeFundAndViews(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	m := addTestMember(t, env, "张三", 1, 0, 0)
	late := data.Decision{Meeting: data.MeetingJoint, Date: data.NewDate(2026, 10, 9), Topic: "采购防爆电器", Category: "重大项目安排",
		Amount: 60000, Entitled: 5, Present: 5, For: 5, Resolution: "同意", ExecutorID: m.ID, Deadline: data.NewDate(2026, 11, 1),
		State: data.DecisionExecuting}
	due := data.Decision{Meeting: data.MeetingCommittee, Date: data.NewDate(2026, 11, 2), Topic: "宿舍维修", Category: "重大决策",
		Entitled: 5, Present: 5, For: 5, Resolution: "同意", ExecutorID: m.ID, Deadline: data.NewDate(2026, 11, 28), State: data.DecisionExecuting}
	for _, d := range []*data.Decision{&late, &due} {
		if err := env.Store.SaveDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// The 工作台 lines open the list filtered.
	todos := todosOf(t, env, data.EntDecision)
	w := NewMainWindow(env, false)
	for _, td := range todos {
		s := openView[*DecisionsScreen](t, w, td.Entity, td.View)
		want := due.ID
		if td.View == data.ViewOverdue {
			want = late.ID
		}
		if td.Count != 1 || len(s.visible) != 1 || s.all[s.visible[0]].ID != want {
			t.Errorf("%s (%d) lists %v", td.Text(), td.Count, s.visible)
		}
	}
	if len(todos) != 2 {
		t.Fatalf("todos %+v", todos)
	}

	// 60000 above the default 50000, not as 大额资金使用: red; at a 100000 line it is not.
	s := newDecisionsScreen(env)
	show(env, s)
	s.ShowView(decisionsFlagged)
	if len(s.visible) != 1 || s.all[s.visible[0]].ID != late.ID {
		t.Fatalf("flagged lists %v", s.visible)
	}
	if texts, imp := s.cells(&s.all[s.visible[0]]); texts[4] != "大额资金违规·逾期22天" || imp[4] != widget.DangerImportance {
		t.Errorf("late 大额资金 listed as %q %v", texts, imp)
	}
	s.editRules()
	amount, ok := env.Win.Canvas().Focused().(*widgets.Entry)
	if !ok {
		t.Fatalf("the dialog focuses %T", env.Win.Canvas().Focused())
	}
	amount.SetText("100000")
	tapDialogButton(t, env.Win, "保存")
	if r, _ := env.Store.DecisionRules(ctx); r.LargeFund != 100000 || r.Quorum != (data.Share{Num: 2, Den: 3}) || s.fundBtn.Text != "决策规则：法定人数三分之二，大额资金100000元" {
		t.Fatalf("rules %v, button %q", r, s.fundBtn.Text)
	}
	if len(s.visible) != 0 {
		t.Errorf("flagged at 100000 lists %v", s.visible)
	}
}

// scoreA1ItemByHand makes item name of the seeded 支部月度考核表 scored by hand, as a user may, for
// the tests of manual scores (every seeded item is filled from a ledger now).
func scoreA1ItemByHand(t *testing.T, env *Env, name string) {
	t.Helper()
	ctx := context.Background()
	ts, err := env.Store.AssessTemplates(ctx, data.AssessBranchMonthly)
	if err != nil || len(ts) == 0 {
		t.Fatalf("A1 templates %v, %v", ts, err)
	}
	tpl := ts[0]
	for i := range tpl.Items {
		if it := &tpl.Items[i]; it.Name == name {
			it.Method, it.Auto, it.Per = data.MethodManual, "", 0
		}
	}
	if err := env.Store.SaveAssessTemplate(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
}

// TestDecisionOpenedFromEvidence: a record opened from elsewhere (查看依据) is listed even when the
// filters hid it.
func TestDecisionOpenedFromEvidence(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	d := data.Decision{Meeting: data.MeetingCommittee, Date: data.NewDate(2025, 3, 9), Topic: "食堂采购", Category: "重大决策",
		Entitled: 5, Present: 5, For: 5, Resolution: "同意"}
	if err := env.Store.SaveDecision(context.Background(), &d); err != nil {
		t.Fatal(err)
	}
	s := newDecisionsScreen(env)
	show(env, s)
	s.ShowView(data.ViewOverdue)
	if len(s.visible) != 0 {
		t.Fatalf("overdue lists %v", s.visible)
	}
	s.Select(d.ID)
	if s.loaded.ID != d.ID || len(s.visible) != 1 || s.viewSel.Selected != allDecisions {
		t.Errorf("opened %d, listed %v, view %q", s.loaded.ID, s.visible, s.viewSel.Selected)
	}
}
