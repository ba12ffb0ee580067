package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// inspectionEnv is a test Env with the team 综采一班 and the members 张三 and 李四 (督查队伍) and
// 王五.
func inspectionEnv(t *testing.T) (env *Env, changed *int, team data.Team, people map[string]data.Member) {
	t.Helper()
	env, changed, teams := rhythmEnv(t)
	people = map[string]data.Member{}
	for i, name := range []string{"张三", "李四", "王五"} {
		m := addTestMember(t, env, name, i+1, 0, teams[0].ID)
		if name != "王五" {
			m.Supervisor = true
			if err := env.Store.UpdateMember(context.Background(), &m); err != nil {
				t.Fatal(err)
			}
		}
		people[name] = m
	}
	return env, changed, teams[0], people
}

// pressKey sends a key to the focused widget, as the keyboard would.
func pressKey(t *testing.T, c fyne.Canvas, key fyne.KeyName) {
	t.Helper()
	if c.Focused() == nil {
		t.Fatalf("no widget has the focus for key %s", key)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: key})
}

// tapChip taps the chip with the text under root.
func tapChip(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if c, ok := o.(*widgets.Chip); ok && c.Text() == text && c.Visible() {
			test.Tap(c)
			return
		}
	}
	t.Fatalf("no chip %q", text)
}

// saveTestInspection saves in and returns it with its IDs (and its findings').
func saveTestInspection(t *testing.T, env *Env, in data.Inspection) data.Inspection {
	t.Helper()
	if err := env.Store.SaveInspection(context.Background(), &in); err != nil {
		t.Fatal(err)
	}
	return in
}

// shownInspections is the 督查记录 screen shown on env, and its form.
func shownInspections(env *Env) (*InspectionsScreen, *InspectionForm) {
	s := NewInspectionsScreen(env)
	show(env, s)
	return s, s.form
}

func inspectionsOf(t *testing.T, env *Env) []data.Inspection {
	t.Helper()
	ins, err := env.Store.Inspections(context.Background(), data.InspectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ins
}

// TestInspectionTypedWithTwoFindings records a 四不两直 inspection the way a secretary does, from
// the keyboard: inspectors picked by pinyin with Enter, the findings typed row after row (Enter in
// the last field of a row opens the next one), then saved.
func TestInspectionTypedWithTwoFindings(t *testing.T) {
	env, changed, team, people := inspectionEnv(t)
	s, f := shownInspections(env)
	c := env.Win.Canvas()

	if f.date.Text != orgTestToday.String() || f.kind.Selected != "四不两直督查" || f.Rows() != 1 {
		t.Fatalf("a new inspection starts on %q, %q with %d finding rows; want today, 四不两直督查, 1 row", f.date.Text, f.kind.Selected, f.Rows())
	}
	f.team.SetSelected(team.Name)
	typeInto(t, f.place, "8101综采工作面")
	typeInto(t, f.content, "班前会、岗位描述")
	// 督查组 is the same member field as 责任人: what is typed lists the members under it at once.
	typeInto(t, f.inspectors.entry, "zs")
	if got := hintTexts(f.inspectors.entry); !slices.Equal(got, []string{"张三"}) {
		t.Errorf("zs offers %v", got)
	}
	pressKey(t, c, fyne.KeyReturn)
	typeFocused(c, "ls")
	pressKey(t, c, fyne.KeyReturn)
	if got := f.inspectors.Inspectors(); len(got) != 2 || !got[0].Lead || got[1].Lead {
		t.Fatalf("picked %+v, want 张三 (牵头人) and 李四", got)
	}
	tapChip(t, f.inspectors.rows.Objects[1], "牵头人") // 李四 leads instead

	r1 := f.rows[0]
	typeInto(t, r1.desc, "3号转载机机尾浮煤未及时清理")
	c.Focus(r1.category)
	pressKey(t, c, fyne.KeyRight) // the first category
	typeInto(t, r1.responsible, "zs")
	c.Focus(r1.measures) // leaving 责任人 completes the pinyin
	if r1.responsible.Text != "张三" {
		t.Fatalf("责任人 zs became %q, want 张三", r1.responsible.Text)
	}
	typeFocused(c, "当班清理")
	pressKey(t, c, fyne.KeyReturn)
	if f.Rows() != 2 || c.Focused() != f.rows[1].desc {
		t.Fatalf("Enter in 整改措施 should open 问题2 with the cursor in it: %d rows, focus %T", f.Rows(), c.Focused())
	}
	r2 := f.rows[1]
	typeFocused(c, "岗位工手指口述不规范")
	r2.category.SetSelected("作风纪律")
	typeInto(t, r2.responsible, "王五")
	r2.deadline.SetText("")
	typeInto(t, r2.deadline, "20261130")
	typeInto(t, r2.member, "ww")
	c.Focus(r2.measures)
	s.Save()

	ins := inspectionsOf(t, env)
	if len(ins) != 1 {
		t.Fatalf("saved %d inspections (status %q)", len(ins), s.frame.StatusLine.Text)
	}
	in := ins[0]
	if in.Date != orgTestToday || in.Kind != "四不两直督查" || in.TeamID != team.ID || in.Place != "8101综采工作面" {
		t.Errorf("saved %+v", in)
	}
	if got := in.Inspectors; len(got) != 2 || got[0].MemberID != people["张三"].ID || got[0].Lead ||
		got[1].MemberID != people["李四"].ID || !got[1].Lead {
		t.Errorf("inspectors %+v, want 张三 and 李四 (牵头人)", got)
	}
	if len(in.Findings) != 2 {
		t.Fatalf("saved %d findings", len(in.Findings))
	}
	f1, f2 := in.Findings[0], in.Findings[1]
	if f1.Category != data.DefaultFindingCategories[0] || f1.Responsible != "张三" || f1.Deadline != orgTestToday.AddDays(7) ||
		f1.State != data.StatePending || f1.Source != data.SourceInspection || f1.TeamID != team.ID {
		t.Errorf("问题1 saved as %+v", f1)
	}
	if f2.Description != "岗位工手指口述不规范" || f2.Deadline != day(30) || f2.MemberID != people["王五"].ID {
		t.Errorf("问题2 saved as %+v", f2)
	}
	if *changed != 1 {
		t.Errorf("env.Changed ran %d times", *changed)
	}

	// The list shows it, selected, with its findings counted; the search finds it by inspector.
	if len(s.visible) != 1 || s.list == nil || s.rowOf(in.ID) != 0 {
		t.Fatalf("the list shows %d inspections", len(s.visible))
	}
	if text, _ := findingSummary(s.all[0].Findings, orgTestToday); text != "2个，未销号2个" {
		t.Errorf("问题 column %q", text)
	}
	for _, tc := range []struct {
		query string
		found bool
	}{{"ls", true}, {"李四", true}, {"综采一班", true}, {"班前会", true}, {"ww", false}, {"机电科", false}} {
		s.search.SetText(tc.query)
		if got := len(s.visible) == 1; got != tc.found {
			t.Errorf("search %q found it: %v, want %v", tc.query, got, tc.found)
		}
	}
}

func TestInspectionInvalidRowShowsItsErrorAndSavesNothing(t *testing.T) {
	env, changed, team, _ := inspectionEnv(t)
	s, f := shownInspections(env)
	f.team.SetSelected(team.Name)

	// No inspector; 问题1 fine; 问题2 without 责任人; 问题3 with a deadline that is no date.
	typeInto(t, f.rows[0].desc, "浮煤未清理")
	f.rows[0].category.SetSelected("安全生产不实")
	typeInto(t, f.rows[0].responsible, "张三")
	f.addRow(true)
	typeInto(t, f.rows[1].desc, "手指口述不规范")
	f.rows[1].category.SetSelected("作风纪律")
	f.addRow(true)
	typeInto(t, f.rows[2].desc, "安全帽未系帽带")
	f.rows[2].category.SetSelected("作风纪律")
	typeInto(t, f.rows[2].responsible, "李四")
	f.rows[2].deadline.SetText("2026-13-45")
	f.addRow(false) // an empty fourth row is not a finding
	s.Save()

	if n := len(inspectionsOf(t, env)); n != 0 || *changed != 0 {
		t.Fatalf("an invalid inspection was saved (%d, Changed %d)", n, *changed)
	}
	if msg := f.Field(data.FInspectors).Error(); msg == "" {
		t.Error("督查组成员 shows no message")
	}
	want := []struct {
		row   int
		field string
	}{{1, data.FResponsible}, {2, data.FDeadline}}
	for _, w := range want {
		if msg := f.rows[w.row].fields.Get(w.field).Error(); msg == "" {
			t.Errorf("问题%d %s shows no message", w.row+1, w.field)
		}
	}
	for _, l := range []string{data.FDescription, data.FResponsible, data.FCategoryF, data.FDeadline} {
		if msg := f.rows[0].fields.Get(l).Error(); msg != "" {
			t.Errorf("问题1 is fine but %s says %q", l, msg)
		}
	}
	if !s.frame.StatusLine.Visible() || !strings.Contains(s.frame.StatusLine.Text, "没有保存") {
		t.Errorf("status %q", s.frame.StatusLine.Text)
	}

	// Fixed, it saves: three findings, the empty row left out.
	typeInto(t, f.inspectors.entry, "zs")
	pressKey(t, env.Win.Canvas(), fyne.KeyReturn)
	typeInto(t, f.rows[1].responsible, "王五")
	f.rows[2].deadline.SetText("2026-12-01")
	s.Save()
	ins := inspectionsOf(t, env)
	if len(ins) != 1 || len(ins[0].Findings) != 3 {
		t.Fatalf("after fixing: %d inspections (status %q)", len(ins), s.frame.StatusLine.Text)
	}
}

// TestInspectionEditAndDelete edits a saved inspection (a finding removed, one added) and deletes it
// with its findings after a confirmation that says so.
func TestInspectionEditAndDelete(t *testing.T) {
	env, _, team, people := inspectionEnv(t)
	in := saveTestInspection(t, env, data.Inspection{Date: day(20), Kind: "专项督查", TeamID: team.ID,
		Inspectors: []data.Inspector{{MemberID: people["张三"].ID, Lead: true}},
		Findings: []data.Finding{
			{Category: "作风纪律", Description: "问题甲", Responsible: "王五", Deadline: day(27)},
			{Category: "作风纪律", Description: "问题乙", Responsible: "王五", Deadline: day(27)},
		}})
	s := NewInspectionsScreen(env)
	show(env, s)
	s.Select(in.ID)
	f := s.form
	if f.Rows() != 2 || f.rows[0].desc.Text != "问题甲" || f.Dirty() {
		t.Fatalf("the form shows %d rows, dirty %v", f.Rows(), f.Dirty())
	}
	tapChip(t, f.rows[0].box, "删除此问题")
	f.addRow(true)
	typeInto(t, f.rows[1].desc, "问题丙")
	f.rows[1].category.SetSelected("作风纪律")
	typeInto(t, f.rows[1].responsible, "李四")
	if f.rows[1].deadline.Text != day(27).String() {
		t.Errorf("a new row of an inspection of %s is due %q, want a week later", day(20), f.rows[1].deadline.Text)
	}
	s.Save()
	got := inspectionsOf(t, env)[0]
	var descs []string
	for _, fd := range got.Findings {
		descs = append(descs, fd.Description)
	}
	if !slices.Equal(descs, []string{"问题乙", "问题丙"}) {
		t.Fatalf("after editing the findings are %v (status %q)", descs, s.frame.StatusLine.Text)
	}

	s.deleteBtn.OnTapped()
	if text := dialogTexts(env.Win); !strings.Contains(text, "2 个问题") {
		t.Errorf("the confirmation does not say the findings go too: %q", text)
	}
	tapDialogButton(t, env.Win, "删除")
	if n := len(inspectionsOf(t, env)); n != 0 {
		t.Fatalf("%d inspections left", n)
	}
	fs, _ := env.Store.Findings(context.Background(), data.FindingFilter{})
	if len(fs) != 0 {
		t.Errorf("%d findings left after deleting their inspection", len(fs))
	}
}

func TestInspectionFilters(t *testing.T) {
	env, _, team, people := inspectionEnv(t)
	lead := []data.Inspector{{MemberID: people["张三"].ID, Lead: true}}
	save := func(in data.Inspection) data.Inspection {
		t.Helper()
		in.Inspectors = lead
		return saveTestInspection(t, env, in)
	}
	finding := data.Finding{Category: "作风纪律", Description: "问题", Responsible: "王五", Deadline: day(10)}
	old := save(data.Inspection{Date: data.NewDate(2026, 10, 12), Kind: "日常检查", Unit: "机电科"})
	open := save(data.Inspection{Date: day(3), Kind: "四不两直督查", TeamID: team.ID, Findings: []data.Finding{finding}})
	done := save(data.Inspection{Date: day(5), Kind: "四不两直督查", TeamID: team.ID, Findings: []data.Finding{finding}})
	for _, to := range []string{data.StateFixing, data.StateReview} {
		if _, err := env.Store.ChangeState(context.Background(), done.Findings[0].ID, to, "", nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.Store.ChangeState(context.Background(), done.Findings[0].ID, data.StateClosed, "",
		&data.CloseOut{Progress: "已整改", Acceptor: "李四", ClosedDate: day(8)}); err != nil {
		t.Fatal(err)
	}

	s := NewInspectionsScreen(env)
	show(env, s)
	ids := func() []int64 { return listed(&s.listPane, func(in *data.Inspection) int64 { return in.ID }) }
	if got := ids(); !slices.Equal(got, []int64{done.ID, open.ID, old.ID}) {
		t.Fatalf("the list is %v, want newest first", got)
	}
	row := inspectionColumns.Row(false)
	row.Resize(fyne.NewSize(700, row.MinSize().Height)) // as wide as the list
	s.setRow(row, &s.all[1])
	if texts := labelTexts(row); texts[4] != "1个，逾期1个" {
		t.Errorf("an inspection with an overdue finding shows %q", texts[4])
	}
	checkListSteps(t, ids, []listStep[int64]{
		{"本月", func() { s.period.Sel.SetSelected(periodThisMonth) }, []int64{done.ID, open.ID}},
		{"上月", func() { s.period.Sel.SetSelected(periodLastMonth) }, []int64{old.ID}},
		{"自选", func() {
			s.period.Sel.SetSelected(periodCustom)
			typeInto(t, s.period.From, "2026.11.4")
			typeInto(t, s.period.To, "20261130")
			env.Win.Canvas().Focus(s.search)
		}, []int64{done.ID}},
		{"全部", func() { s.period.Sel.SetSelected(periodAll) }, []int64{done.ID, open.ID, old.ID}},
		{"类型", func() { s.kindSel.SetSelected("日常检查") }, []int64{old.ID}},
		{"类型全部、其他单位", func() { s.kindSel.SetSelectedIndex(0); s.teamSel.SetSelected(otherUnit) }, []int64{old.ID}},
		{"班组", func() { s.teamSel.SetSelected(team.Name) }, []int64{done.ID, open.ID}},
		{"有未销号问题", func() { s.openOnly.SetChecked(true) }, []int64{open.ID}},
	})
}

// TestInspectionFormTabOrder: Tab goes through the form in reading order, skipping the calendar
// buttons, the disabled 被查单位 and the rows' controls.
func TestInspectionFormTabOrder(t *testing.T) {
	env, _, _, _ := inspectionEnv(t)
	_, f := shownInspections(env)
	r := f.rows[0]
	want := []fyne.Focusable{f.date, f.kind, f.team, f.shift, f.place, f.content, f.inspectors.entry,
		r.desc, r.category, r.level, r.responsible, r.deadline, r.member, r.measures, f.addBtn}
	c := env.Win.Canvas()
	c.Focus(f.date)
	for i := 1; i < len(want); i++ {
		test.FocusNext(c)
		if c.Focused() != want[i] {
			t.Fatalf("Tab %d went to %T, want %T", i, c.Focused(), want[i])
		}
	}
}

// BenchmarkFindingsOpen100000 builds 问题整改 over 100,000 findings and paints it once.
func BenchmarkFindingsOpen100000(b *testing.B) {
	env := findingsBenchEnv(b, 100000)
	for b.Loop() {
		env.Win = test.NewWindow(nil)
		s := NewFindingsScreen(env)
		env.Win.SetContent(s.Content())
		env.Win.Resize(fyne.NewSize(1280, 800))
		env.Win.Canvas().(test.WindowlessCanvas).Capture()
		env.Win.Close()
	}
}

// BenchmarkFindingsFilter100000 is one change of a filter of 问题整改 over 100,000 findings.
func BenchmarkFindingsFilter100000(b *testing.B) {
	env := findingsBenchEnv(b, 100000)
	env.Win = test.NewWindow(nil)
	s := NewFindingsScreen(env)
	env.Win.SetContent(s.Content())
	env.Win.Resize(fyne.NewSize(1280, 800))
	views := []FindingView{FindingsOverdue, FindingsOpen, FindingsToReview, FindingsAll}
	i := 0
	for b.Loop() {
		s.SetView(views[i%len(views)])
		i++
	}
}

// BenchmarkFindingsSearch100000 is one keystroke in the search box of 问题整改 over 100,000 findings.
func BenchmarkFindingsSearch100000(b *testing.B) {
	env := findingsBenchEnv(b, 100000)
	env.Win = test.NewWindow(nil)
	s := NewFindingsScreen(env)
	env.Win.SetContent(s.Content())
	queries := []string{"支", "支护", "张三", "第9999"}
	i := 0
	for b.Loop() {
		s.search.SetText(queries[i%len(queries)])
		i++
	}
}

// findingsBenchEnv is a data file with n findings from n/1000 inspections spread over two years.
func findingsBenchEnv(b *testing.B, n int) *Env {
	b.Helper()
	env := newBenchEnv(b)
	st, ctx, today := env.Store, context.Background(), env.Today()
	m := addTestMember(b, env, "张三", 1, 0, 0)
	const perInspection = 1000
	for k := 0; k < n/perInspection; k++ {
		date := today.AddDays(-7 * k)
		in := data.Inspection{Date: date, Kind: data.InspectionKinds[k%4], Unit: fmt.Sprintf("单位%d", k%10),
			Inspectors: []data.Inspector{{MemberID: m.ID, Lead: true}}}
		for i := range perInspection {
			in.Findings = append(in.Findings, data.Finding{
				Category:    data.DefaultFindingCategories[i%len(data.DefaultFindingCategories)],
				Description: fmt.Sprintf("第%d个问题：综采工作面端头支护不及时，超前支架未跟进", k*perInspection+i),
				Responsible: []string{"张三", "李四", "王五", "赵六"}[i%4], Measures: "立即整改，加强班前检查",
				Deadline: date.AddDays(i % 30)})
		}
		if err := st.SaveInspection(ctx, &in); err != nil {
			b.Fatal(err)
		}
	}
	return env
}

// TestInspectionShortcuts: Ctrl+N, Ctrl+F and Ctrl+S reach 督查记录 through the main menu, also
// while a field has the focus.
func TestInspectionShortcuts(t *testing.T) {
	env, _, team, _ := inspectionEnv(t)
	w := NewMainWindow(env, false)
	env.Navigate(Destination{Module: moduleInspections, Tab: tabInspections})
	s := w.inspections
	if s == nil || w.ability() != Screen(s) {
		t.Fatalf("Navigate showed %T", w.ability())
	}
	c := env.Win.Canvas()
	pressShortcut(env.Win, ctrl(fyne.KeyF))
	if c.Focused() != s.search {
		t.Errorf("Ctrl+F put the cursor in %T", c.Focused())
	}
	pressShortcut(env.Win, ctrl(fyne.KeyN))
	if c.Focused() != s.form.date {
		t.Errorf("Ctrl+N put the cursor in %T", c.Focused())
	}
	s.form.team.SetSelected(team.Name)
	typeInto(t, s.form.inspectors.entry, "zs")
	pressKey(t, c, fyne.KeyReturn)
	typeInto(t, s.form.rows[0].desc, "浮煤未清理")
	s.form.rows[0].category.SetSelected("安全生产不实")
	typeInto(t, s.form.rows[0].responsible, "李四")
	pressShortcut(env.Win, ctrl(fyne.KeyS))
	if ins := inspectionsOf(t, env); len(ins) != 1 || len(ins[0].Findings) != 1 {
		t.Fatalf("Ctrl+S saved %d inspections (status %q)", len(ins), s.frame.StatusLine.Text)
	}
}

// hintTexts are the suggestions listed under e.
func hintTexts(e *widgets.SuggestEntry) []string {
	var out []string
	for _, h := range e.Hints() {
		out = append(out, h.Text)
	}
	return out
}

// Picking a suggestion under 督查组 adds the member, and the team's members come first.
func TestInspectorPickedFromSuggestions(t *testing.T) {
	env, _, _, _ := inspectionEnv(t)
	_, f := shownInspections(env)
	typeInto(t, f.inspectors.entry, "l")
	hints := f.inspectors.entry.Hints()
	if len(hints) == 0 || hints[0].Text != "李四" {
		t.Fatalf("l offers %v, want 李四 (督查队伍) first", hintTexts(f.inspectors.entry))
	}
	test.Tap(hints[0])
	if got := f.inspectors.Inspectors(); len(got) != 1 || got[0].Name != "李四" || !got[0].Lead || f.inspectors.entry.Text != "" {
		t.Fatalf("picked %+v, field %q; want 李四 as 牵头人 and an empty field", got, f.inspectors.entry.Text)
	}
	typeInto(t, f.inspectors.entry, "ls")
	if got := hintTexts(f.inspectors.entry); len(got) != 0 {
		t.Errorf("李四, already chosen, is offered again: %v", got)
	}
}
