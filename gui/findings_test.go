package gui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func findingOf(t *testing.T, env *Env, id int64) data.Finding {
	t.Helper()
	f, err := env.Store.Finding(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestFindingTypedByHandAndClosedOut types a finding (来源 其他), then takes it through the whole
// close-out flow with the buttons, and reopens it, which needs a reason. The history shows each move.
func TestFindingTypedByHandAndClosedOut(t *testing.T) {
	env, changed, teams := rhythmEnv(t)
	addTestMember(t, env, "张三", 1, 0, teams[0].ID)
	s := NewFindingsScreen(env)
	show(env, s)
	f := s.form
	if f.source.Text != data.SourceOther || f.found.Text != orgTestToday.String() || f.deadline.Text != orgTestToday.AddDays(7).String() {
		t.Fatalf("a new finding: source %q, found %q, deadline %q", f.source.Text, f.found.Text, f.deadline.Text)
	}
	if len(s.actions.Objects) != 0 {
		t.Error("a finding not yet saved offers close-out buttons")
	}
	f.found.SetText("")
	typeInto(t, f.found, "2026.11.20") // the deadline follows
	typeInto(t, f.desc, "材料库消防器材过期")
	env.Win.Canvas().Focus(f.responsible)
	if f.deadline.Text != day(27).String() {
		t.Errorf("整改期限 %q, want a week after 发现日期", f.deadline.Text)
	}
	f.category.SetSelected("设施设备")
	f.team.SetSelected(teams[0].Name)
	typeInto(t, f.responsible, "zs")
	typeInto(t, f.measures, "更换灭火器")
	pressKey(t, env.Win.Canvas(), fyne.KeyReturn)
	if len(s.all) != 1 {
		t.Fatalf("Enter in 整改措施 saved %d findings (status %q)", len(s.all), s.frame.StatusLine.Text)
	}
	id := s.all[0].ID
	saved := findingOf(t, env, id)
	if saved.Source != data.SourceOther || saved.Responsible != "张三" || saved.TeamID != teams[0].ID || saved.State != data.StatePending {
		t.Errorf("saved %+v", saved)
	}
	if got := buttonTexts(s.actions.Objects); !slices.Equal(got, []string{"开始整改"}) {
		t.Errorf("a 待整改 finding offers %v", got)
	}

	tapButton(t, s.actions.Objects, "开始整改")
	tapButton(t, s.actions.Objects, "提请验收")
	if st := findingOf(t, env, id).State; st != data.StateReview {
		t.Fatalf("state %s after 开始整改, 提请验收", st)
	}
	if got := buttonTexts(s.actions.Objects); !slices.Equal(got, []string{"验收销号", "验收不通过"}) {
		t.Errorf("a 待验收 finding offers %v", got)
	}

	// 验收销号 asks for the close-out; an empty one is refused in the dialog, which stays open.
	tapButton(t, s.actions.Objects, "验收销号")
	fields := dialogFields(t, env)
	if len(fields) != 3 || fields[2].Text != orgTestToday.String() {
		t.Fatalf("the close-out dialog has %d fields (销号日期 %q)", len(fields), fields[len(fields)-1].Text)
	}
	tapDialogButton(t, env.Win, "验收销号")
	if text := dialogTexts(env.Win); !strings.Contains(text, "销号前须填写整改情况") || !strings.Contains(text, "销号前须填写验收人") {
		t.Fatalf("the dialog does not say what is missing: %q", text)
	}
	if st := findingOf(t, env, id).State; st != data.StateReview {
		t.Fatalf("a refused close-out changed the state to %s", st)
	}
	fields[0].SetText("已更换全部过期灭火器")
	fields[1].SetText("王书记")
	tapDialogButton(t, env.Win, "验收销号")
	closed := findingOf(t, env, id)
	if closed.State != data.StateClosed || closed.Acceptor != "王书记" || closed.ClosedDate != orgTestToday {
		t.Fatalf("after 验收销号: %+v", closed)
	}
	if env.Win.Canvas().Overlays().Top() != nil {
		t.Error("the close-out dialog is still open")
	}
	if !strings.Contains(s.closeOut.Text, "已更换全部过期灭火器") || !strings.Contains(s.stateText.Text, data.StateClosed) {
		t.Errorf("the form shows %q / %q", s.stateText.Text, s.closeOut.Text)
	}

	// 重新打开 needs a reason.
	tapButton(t, s.actions.Objects, "重新打开")
	tapDialogButton(t, env.Win, "重新打开")
	if text := dialogTexts(env.Win); !strings.Contains(text, "须说明原因") {
		t.Fatalf("reopening without a reason: %q", text)
	}
	if st := findingOf(t, env, id).State; st != data.StateClosed {
		t.Fatalf("reopening without a reason changed the state to %s", st)
	}
	dialogFields(t, env)[0].SetText("复查发现仍有一具过期")
	tapDialogButton(t, env.Win, "重新打开")
	if st := findingOf(t, env, id).State; st != data.StateFixing {
		t.Fatalf("after 重新打开 the state is %s", st)
	}

	lines := s.history.Lines()
	want := []string{"登记问题（待整改）", "待整改 → 整改中", "整改中 → 待验收", "待验收 → 已销号", "已销号 → 整改中"}
	if len(lines) != len(want) {
		t.Fatalf("history %q", lines)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("history line %d %q, want %q", i, lines[i], w)
		}
	}
	if !strings.Contains(lines[3], "验收人：王书记") || !strings.Contains(lines[4], "原因：复查发现仍有一具过期") {
		t.Errorf("the history lacks the close-out or the reason: %q", lines)
	}
	if *changed != 5 {
		t.Errorf("env.Changed ran %d times, want 5 (a save and four moves)", *changed)
	}
}

// TestFindingEditsWaitBeforeMoves: while the form has unsaved edits the moves wait, so that a
// change of state cannot drop them.
func TestFindingEditsWaitBeforeMoves(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	fs := addRhythmFindings(t, env, rf{desc: "交接班记录不全", found: day(18), deadline: day(25), state: data.StatePending})
	s := NewFindingsScreen(env)
	show(env, s)
	s.Select(fs[0].ID)
	if len(s.actions.Objects) != 1 {
		t.Fatalf("buttons %v", buttonTexts(s.actions.Objects))
	}
	typeInto(t, s.form.measures, "，补记录")
	if len(s.actions.Objects) != 0 || !s.pending.Visible() {
		t.Fatal("the moves are offered while the form has unsaved edits")
	}
	s.Save()
	if got := findingOf(t, env, fs[0].ID); got.Measures != "，补记录" || len(s.actions.Objects) != 1 {
		t.Errorf("after saving: measures %q, buttons %v", got.Measures, buttonTexts(s.actions.Objects))
	}
}

// TestFindingRefusedMoveShowsWhy: a move the store refuses (the finding changed meanwhile) shows the
// store's Chinese message and changes nothing.
func TestFindingRefusedMoveShowsWhy(t *testing.T) {
	env, changed, _ := rhythmEnv(t)
	fs := addRhythmFindings(t, env, rf{desc: "交接班记录不全", found: day(18), deadline: day(25), state: data.StatePending})
	called := false
	changeState(env, fs[0], data.StateReview, func(data.Finding) { called = true })
	if text := dialogTexts(env.Win); !strings.Contains(text, "不能直接改为") {
		t.Errorf("the refusal says %q", text)
	}
	if called || *changed != 0 || findingOf(t, env, fs[0].ID).State != data.StatePending {
		t.Error("a refused move changed something")
	}
}

func TestFindingsListOverdueAndPresets(t *testing.T) {
	env, _, teams := rhythmEnv(t)
	fs := addRhythmFindings(t, env,
		rf{desc: "逾期的问题", person: "张三", team: teams[0].ID, found: day(2), deadline: day(10), state: data.StateFixing},
		rf{desc: "本周到期的问题", person: "李四", found: day(20), deadline: day(27), state: data.StatePending},
		rf{desc: "待验收的问题", person: "李四", team: teams[1].ID, found: day(16), deadline: day(30), state: data.StateReview},
		rf{desc: "已销号的问题", person: "王五", found: day(1), deadline: day(5), state: data.StateClosed, closed: day(4)},
		rf{desc: "下月到期的问题", person: "王五", found: day(22), deadline: data.NewDate(2026, 12, 20), state: data.StatePending},
	)
	s := NewFindingsScreen(env)
	show(env, s)
	descs := func() []string { return listed(&s.listPane, func(f *data.Finding) string { return f.Description }) }
	if got := descs(); !slices.Equal(got, []string{"下月到期的问题", "本周到期的问题", "待验收的问题", "逾期的问题", "已销号的问题"}) {
		t.Fatalf("the list is %v, want newest first", got)
	}

	// The overdue finding's row says 逾期13天 in red; the others show their state.
	row := findingColumns.Row(false)
	for _, tc := range []struct {
		f     data.Finding
		state string
		imp   widget.Importance
	}{{fs[0], "逾期13天", widget.DangerImportance}, {fs[3], data.StateClosed, widget.SuccessImportance},
		{fs[2], data.StateReview, widget.WarningImportance}, {fs[1], data.StatePending, widget.MediumImportance}} {
		s.setRow(row, &tc.f)
		l := row.(*fyne.Container).Objects[5].(*widget.Label)
		if l.Text != tc.state || l.Importance != tc.imp {
			t.Errorf("%s: 状态 %q (importance %v), want %q (%v)", tc.f.Description, l.Text, l.Importance, tc.state, tc.imp)
		}
	}

	presets := []struct {
		view FindingView
		want []string
	}{
		{FindingsOverdue, []string{"逾期的问题"}},
		{FindingsToReview, []string{"待验收的问题"}},
		{FindingsDueThisWeek, []string{"本周到期的问题"}}, // not the overdue one (issue 10 #20)
		{FindingsOpen, []string{"下月到期的问题", "本周到期的问题", "待验收的问题", "逾期的问题"}},
		{FindingsAll, []string{"下月到期的问题", "本周到期的问题", "待验收的问题", "逾期的问题", "已销号的问题"}},
	}
	for _, p := range presets {
		s.search.SetText("问题") // a preset clears what else filters the list
		s.personSel.SetSelected("王五")
		s.SetView(p.view)
		if got := descs(); !slices.Equal(got, p.want) {
			t.Errorf("view %d lists %v, want %v", p.view, got, p.want)
		}
		if s.search.Text != "" || s.personSel.SelectedIndex() != 0 {
			t.Errorf("view %d keeps the search %q / 责任人 %q", p.view, s.search.Text, s.personSel.Selected)
		}
	}

	checkListSteps(t, descs, []listStep[string]{
		{"责任人", func() { s.personSel.SetSelected("李四") }, []string{"本周到期的问题", "待验收的问题"}},
		{"班组", func() { s.personSel.SetSelectedIndex(0); s.teamSel.SetSelected(teams[1].Name) }, []string{"待验收的问题"}},
		{"未分班组", func() { s.teamSel.SetSelected(optNoTeam) }, []string{"下月到期的问题", "本周到期的问题", "已销号的问题"}},
		{"本月之前", func() {
			s.teamSel.SetSelectedIndex(0)
			s.period.Sel.SetSelected(periodCustom)
			typeInto(t, s.period.To, "2026-11-02")
			env.Win.Canvas().Focus(s.search)
		}, []string{"逾期的问题", "已销号的问题"}},
		{"状态", func() { s.stateSel.SetSelected(data.StateClosed) }, []string{"已销号的问题"}},
		{"来源", func() { s.stateSel.SetSelectedIndex(0); s.sourceSel.SetSelected(data.SourceInspection) }, nil},
		{"搜索", func() {
			s.sourceSel.SetSelectedIndex(0)
			s.period.Sel.SetSelected(periodAll)
			s.search.SetText("王五")
		},
			[]string{"下月到期的问题", "已销号的问题"}},
	})
}

// TestNavigateToOverdueFindings goes from the main window to 问题整改 with the 逾期 preset, as a
// 工作台 card does, and from a finding to its inspection and back.
func TestNavigateToOverdueFindings(t *testing.T) {
	env, _, team, people := inspectionEnv(t)
	in := saveTestInspection(t, env, data.Inspection{Date: day(2), Kind: "四不两直督查", TeamID: team.ID,
		Inspectors: []data.Inspector{{MemberID: people["张三"].ID, Lead: true}},
		Findings: []data.Finding{
			{Category: "作风纪律", Description: "逾期的问题", Responsible: "王五", Deadline: day(9)},
			{Category: "作风纪律", Description: "未到期的问题", Responsible: "王五", Deadline: day(30)},
		}})
	w := NewMainWindow(env, false)
	env.Navigate(Destination{Module: moduleInspections, Tab: tabFindings, Findings: FindingsOverdue})
	ts, ok := w.Shown().(*tabsScreen)
	if !ok || ts.tabs.Selected().Text != "问题整改" || w.findings == nil || w.ability() != Screen(w.findings) {
		t.Fatalf("Navigate showed %T", w.Shown())
	}
	s := w.findings
	if len(s.visible) != 1 || s.all[s.visible[0]].Description != "逾期的问题" || s.stateSel.Selected != stateOverdue {
		t.Fatalf("问题整改 lists %d findings with state filter %q", len(s.visible), s.stateSel.Selected)
	}
	if w.saveItem.Disabled || w.newItem.Disabled || w.findItem.Disabled {
		t.Error("the menu does not follow the 问题整改 tab")
	}

	// 查看督查记录 opens the inspection; its row's 办理整改 comes back to the finding.
	s.list.Select(0)
	if !s.inspLink.Visible() {
		t.Fatal("a finding of an inspection has no 查看督查记录")
	}
	test.Tap(s.inspLink)
	if ts.tabs.Selected().Text != "督查记录" || w.inspections.form.Loaded().ID != in.ID {
		t.Fatalf("查看督查记录 shows tab %q, inspection %d", ts.tabs.Selected().Text, w.inspections.form.Loaded().ID)
	}
	tapChip(t, w.inspections.form.rows[1].box, "办理整改")
	if ts.tabs.Selected().Text != "问题整改" || s.form.Loaded().Description != "未到期的问题" {
		t.Errorf("办理整改 shows tab %q, finding %q", ts.tabs.Selected().Text, s.form.Loaded().Description)
	}

	// Back to 工作台 and again to the list of all findings: the preset is applied each time.
	env.Navigate(Destination{Module: moduleHome})
	env.Navigate(Destination{Module: moduleInspections, Tab: tabFindings, Findings: FindingsAll})
	if len(s.visible) != 2 {
		t.Errorf("FindingsAll lists %d findings", len(s.visible))
	}
}

// TestResponsibleRefusesPinyinLeftAsTyped: pinyin that stands for several members is not saved as
// a name; the message names them. Other names are kept (a 责任人 need not be a member).
func TestResponsibleRefusesPinyinLeftAsTyped(t *testing.T) {
	env, _, _, _ := inspectionEnv(t)
	s := NewFindingsScreen(env)
	show(env, s)
	for _, tc := range []struct {
		typed, want, msg string
	}{
		{"s", "s", "李四、张三"}, // 三 san, 四 si; by name
		{"zs", "张三", ""},    // one member: completed when leaving the field
		{"Tom", "Tom", ""},
		{"赵六", "赵六", ""},
	} {
		s.form.responsible.SetText("")
		typeInto(t, s.form.responsible, tc.typed)
		env.Win.Canvas().Focus(s.form.measures)
		f, fe := s.form.Finding()
		if f.Responsible != tc.want || !strings.Contains(fe.For(data.FResponsible), tc.msg) || (tc.msg == "") != (fe.For(data.FResponsible) == "") {
			t.Errorf("责任人 %q: read %q with message %q, want %q and a message naming %q", tc.typed, f.Responsible, fe.For(data.FResponsible), tc.want, tc.msg)
		}
	}
}
