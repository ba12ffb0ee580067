package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

func assessItemIndex(t *testing.T, a data.Assessment, name string) int {
	t.Helper()
	i := slices.IndexFunc(a.Items, func(it data.AssessmentItem) bool { return it.Name == name })
	if i < 0 {
		t.Fatalf("no item %q", name)
	}
	return i
}

// A month's A1: 3 inspections (one short of 4: −2) and one overdue finding (−1) pre-fill
// 安全督查检查靠前 with 12 of 15; a manual score below full needs a reason before anything is saved;
// an override of an automatic score asks who and why; R8's total is data.ScoreAssessment's.
func TestBranchAssessmentScoredAndExported(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	dir := useFolder(t, env)
	m := addTestMember(t, env, "王督查", 1, 0, 0)
	for _, d := range []int{2, 3, 4} {
		addTestInspection(t, env, day(d), m)
	}
	addRhythmFindings(t, env, rf{desc: "逾期的问题", found: day(3), deadline: day(5), state: data.StatePending})
	ctx := context.Background()
	scoreA1ItemByHand(t, env, "“三重一大”决策靠前")

	s := NewBranchAssessScreen(env)
	show(env, s)
	s.Reload()
	if s.monthLabel.Text != data.MonthPeriod(2026, 11).Label {
		t.Fatalf("month shown %q", s.monthLabel.Text)
	}
	a := s.Assessment()
	insp := assessItemIndex(t, a, "安全督查检查靠前")
	if got := s.rows[insp].score.Text; got != "12" {
		t.Errorf("安全督查检查靠前 pre-filled with %q, want 12 (15 − 2 for a missing inspection − 1 overdue)", got)
	}
	if !s.rows[insp].evidence.Visible() {
		t.Error("no 查看依据 on an automatic item with records")
	}
	n := 0
	for _, e := range a.Items[insp].Evidence {
		if e.Kind == data.EntInspection {
			n++
		}
	}
	if n != 3 || a.Items[insp].Reason == "" {
		t.Errorf("evidence lists %d inspections (want 3), reason %q", n, a.Items[insp].Reason)
	}
	before, _ := s.Score()

	// A manual score of 8 without a reason: the total follows at once; saving says what is missing.
	study := assessItemIndex(t, a, "“三重一大”决策靠前") // a manual item
	s.rows[study].score.SetText("8")
	if after, _ := s.Score(); after.Total != before.Total-2 || !strings.Contains(s.SummaryText(), data.FormatScore(after.Total)) {
		t.Fatalf("live total %v after −2 (was %v), summary %q", after.Total, before.Total, s.SummaryText())
	}
	if s.save() || s.RowError(study) == "" || !strings.Contains(s.Status(), "没有保存") {
		t.Fatalf("saved without a reason: row error %q, status %q", s.RowError(study), s.Status())
	}
	if saved, err := env.Store.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly}); err != nil || len(saved) != 0 {
		t.Fatalf("%d assessments saved after a refused save (%v)", len(saved), err)
	}
	s.rows[study].reason.SetText("学习记录缺1次")
	if s.RowError(study) != "" {
		t.Error("the row error stays after a reason was typed")
	}

	// Overriding the automatic score asks 调整人 and 调整理由.
	s.rows[insp].score.SetText("14")
	s.rows[insp].score.OnSubmitted("14")
	if s.overrideWhy == nil {
		t.Fatal("changing an automatic score asked nothing")
	}
	s.overrideBy.SetText("王书记")
	s.overrideWhy.SetText("一次督查记录补录在下月")
	tapDialogButton(t, env.Win, "确定调整")
	if o := s.Assessment().Items[insp].Override; o == nil || o.Score != 14 || o.Why == "" {
		t.Fatalf("override %+v", o)
	}
	if !s.save() {
		t.Fatalf("save refused: %s", s.Status())
	}
	// A save's result is in the success colour, as on every other form (issue 10 #22).
	if !strings.Contains(s.Status(), "已保存") || s.status.Importance != widget.SuccessImportance {
		t.Errorf("status %q in importance %v, want 已保存… in the success colour", s.Status(), s.status.Importance)
	}
	saved, err := env.Store.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly})
	if err != nil || len(saved) != 1 {
		t.Fatalf("%d assessments saved (%v)", len(saved), err)
	}
	want := data.ScoreAssessment(&saved[0])
	if want.Total != before.Total-2+2 {
		t.Errorf("saved total %v, want %v", want.Total, before.Total)
	}

	// A reload shows the saved assessment, not a new one.
	s.Reload()
	if s.Assessment().ID != saved[0].ID || s.rows[study].score.Text != "8" {
		t.Fatalf("reload shows assessment %d with score %q", s.Assessment().ID, s.rows[study].score.Text)
	}

	test.Tap(s.exportBtn)
	tapDialogButton(t, env.Win, "保存")
	path := filepath.Join(dir, catalog.ByID("R8").FileName(reportInput(ctx, env, catalog.Input{Period: saved[0].Period})))
	// The export's last step shows 已保存到 from its goroutine: wait for it, so that nothing of the
	// export still draws while the test goes on.
	waitFor(t, "the R8 export", func() bool { return strings.Contains(dialogTexts(env.Win), "已保存到") })
	sheets, err := reports.ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	total := ""
	for _, r := range sheets[0].Rows {
		if len(r) > 0 && r[0] == "合计" {
			total = r[len(r)-1]
		}
	}
	if total != data.FormatScore(want.Total) {
		t.Errorf("R8 合计 %q, want %s", total, data.FormatScore(want.Total))
	}
}

// A2: a manual entry changes the member's total and rank; an inspection added later appears as a
// generated entry, which has no 删除.
func TestMemberPointsManualAndGenerated(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	a := addTestMember(t, env, "甲党员", 1, 0, 0)
	b := addTestMember(t, env, "乙党员", 2, 0, 0)
	addTestInspection(t, env, day(2), a)

	s := NewPointsScreen(env)
	show(env, s)
	s.Reload()
	rank := func(id int64) data.MemberPoints {
		for _, r := range s.Ranked() {
			if r.MemberID == id {
				return r
			}
		}
		t.Fatalf("member %d not listed", id)
		return data.MemberPoints{}
	}
	if ra, rb := rank(a.ID), rank(b.ID); ra.Total != 81 || ra.Rank != 1 || rb.Total != 80 || rb.Rank != 2 {
		t.Fatalf("before: 甲 %v (#%d), 乙 %v (#%d)", ra.Total, ra.Rank, rb.Total, rb.Rank)
	}

	s.SelectMember(b.ID)
	s.item.SetSelected(data.PointHonour)
	if s.points.Text != "5" {
		t.Errorf("points prefilled %q for %s", s.points.Text, data.PointHonour)
	}
	if s.AddEntry() {
		t.Fatal("an entry without a reason was saved")
	}
	if s.fields.Get(data.FPointReason).Error() == "" {
		t.Error("no inline message on 事由")
	}
	s.reason.SetText("受集团公司表彰")
	if !s.AddEntry() {
		t.Fatalf("entry refused: %s", s.Status())
	}
	if rb := rank(b.ID); rb.Total != 85 || rb.Rank != 1 || rank(a.ID).Rank != 2 {
		t.Fatalf("after: 乙 %v (#%d)", rb.Total, rb.Rank)
	}

	addTestInspection(t, env, day(5), b)
	s.Reload()
	var generated, manual int
	for _, e := range s.Entries() {
		if e.Generated {
			generated++
		} else {
			manual++
		}
	}
	if generated != 1 || manual != 1 || rank(b.ID).Total != 86 {
		t.Fatalf("乙 has %d generated and %d manual entries, total %v", generated, manual, rank(b.ID).Total)
	}
	if got := strings.Count(entryButtons(s), "删除"); got != 1 {
		t.Errorf("%d 删除 buttons for one manual and one generated entry", got)
	}
}

// entryButtons is the texts of the buttons in the entries pane.
func entryButtons(s *PointsScreen) string {
	var out []string
	for _, o := range test.LaidOutObjects(s.entryBox) {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			out = append(out, b.Text)
		}
	}
	return strings.Join(out, "\n")
}

// Every tab shows its data as soon as it is first opened from the navigation, not only after a reload.
func TestAssessTabsShowDataWhenFirstOpened(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, false)
	w.Navigate(Destination{Module: moduleAssess})
	ts, ok := w.Shown().(*tabsScreen)
	if !ok {
		t.Fatalf("考核 is not a tabs screen: %T", w.Shown())
	}
	a1, ok := ts.screens[0].(*BranchAssessScreen)
	if !ok || a1.monthLabel.Text == "" || len(a1.Assessment().Items) == 0 {
		t.Fatalf("支部月度考核 opened empty: %+v", a1)
	}
	ts.tabs.SelectIndex(1)
	a2, ok := ts.screens[1].(*PointsScreen)
	if !ok || a2.tpl.Name == "" {
		t.Fatalf("党员积分 opened without its template: %+v", a2)
	}
}

// Tapping a record 查看依据 lists closes the list and opens that record in its own screen: an
// inspection counted by 安全督查检查靠前 in 督查记录, the overdue finding in 问题整改.
func TestBranchAssessEvidenceOpensRecord(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	m := addTestMember(t, env, "王督查", 1, 0, 0)
	for _, d := range []int{2, 3} {
		addTestInspection(t, env, day(d), m)
	}
	found := addRhythmFindings(t, env, rf{desc: "逾期的问题", found: day(3), deadline: day(5), state: data.StatePending})
	ins, err := env.Store.Inspections(context.Background(), data.InspectionFilter{})
	if err != nil || len(ins) != 2 {
		t.Fatalf("%d inspections saved (%v)", len(ins), err)
	}
	w := NewMainWindow(env, false)

	for _, tc := range []struct {
		kind     string
		tab      TabID
		id       int64
		selected func() int64
	}{
		{data.EntInspection, tabInspections, ins[0].ID, func() int64 { return w.inspections.selected }},
		{data.EntFinding, tabFindings, found[0].ID, func() int64 { return w.findings.selected }},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			w.Navigate(Destination{Module: moduleAssess})
			s := w.shownTab().(*BranchAssessScreen)
			insp := assessItemIndex(t, s.Assessment(), "安全督查检查靠前")
			s.showEvidence(insp)
			if len(s.evidenceLinks) != 3 {
				t.Fatalf("%d links for 2 inspections and 1 overdue finding", len(s.evidenceLinks))
			}
			want := -1
			for j, e := range s.Assessment().Items[insp].Evidence {
				if e.Kind == tc.kind && e.ID == tc.id {
					want = j
				}
			}
			if want < 0 {
				t.Fatalf("%s %d not among the evidence %+v", tc.kind, tc.id, s.Assessment().Items[insp].Evidence)
			}
			// On the text: a hyperlink ignores taps on its padding.
			pad := theme.InnerPadding() + 2
			test.TapAt(s.evidenceLinks[want], fyne.NewPos(pad, pad))

			if top := env.Win.Canvas().Overlays().Top(); top != nil {
				t.Error("the evidence list stays open after a record was tapped")
			}
			ts, ok := w.Shown().(*tabsScreen)
			if !ok || w.modules[w.current].title != "督查整改" || ts.tabs.Selected().Text != tabTitle(tc.tab) {
				t.Fatalf("the tap showed %T", w.Shown())
			}
			if got := tc.selected(); got != tc.id {
				t.Errorf("%s shows record %d, want %d", tabTitle(tc.tab), got, tc.id)
			}
		})
	}
}

// 信访维稳排查靠前 can veto: it is marked only in a month when a 越级上访 fires the veto.
func TestBranchAssessVetoMarkedOnlyWhenFired(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	m := addTestMember(t, env, "王包保", 1, 0, 0)
	mark := func() *widget.Label {
		s := NewBranchAssessScreen(env)
		show(env, s)
		s.Reload()
		return s.rows[assessItemIndex(t, s.Assessment(), "信访维稳排查靠前")].mark
	}
	if l := mark(); l.Visible() && l.Text != "" {
		t.Errorf("a month without 越级上访 marks the item %q", l.Text)
	}
	p := data.Petition{Date: day(10), Petitioner: "孙德胜", Content: "反映加班工资未足额发放",
		Keepers: []data.PetitionMember{{MemberID: m.ID}}, Deadline: day(30), Escalated: true}
	if err := env.Store.SavePetition(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	if l := mark(); !l.Visible() || l.Text != "已一票否决" || l.Importance != widget.DangerImportance {
		t.Errorf("a 越级上访 in the month marks the item %q (visible %v, %v)", l.Text, l.Visible(), l.Importance)
	}
}
