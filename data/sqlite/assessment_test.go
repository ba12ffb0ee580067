package sqlite

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// A new file holds the three default templates exactly as data.DefaultAssessTemplates builds them.
func TestAssessTemplatesSeeded(t *testing.T) {
	db := openTemp(t)
	got, err := db.AssessTemplates(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := data.DefaultAssessTemplates()
	if len(got) != len(want) {
		t.Fatalf("%d templates, want %d", len(got), len(want))
	}
	for i := range want {
		g := got[i]
		g.ID, g.BranchID, g.CreatedAt, g.UpdatedAt = 0, 0, time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, want[i]) {
			t.Errorf("template %d:\n got %+v\nwant %+v", i, g, want[i])
		}
	}
	if a2, err := db.AssessTemplates(ctx, data.AssessMemberPoints); err != nil || len(a2) != 1 || a2[0].Base != 80 {
		t.Errorf("A2 templates %+v, %v", a2, err)
	}
}

func templateOf(t *testing.T, db *DB, kind string) data.AssessTemplate {
	t.Helper()
	ts, err := db.AssessTemplates(ctx, kind)
	if err != nil || len(ts) == 0 {
		t.Fatalf("templates of %s: %v, %v", kind, ts, err)
	}
	return ts[0]
}

func TestAssessTemplateCRUD(t *testing.T) {
	fx := newFixture(t)
	a3 := templateOf(t, fx.db, data.AssessThreeInOne)
	cp, err := fx.db.CopyAssessTemplate(ctx, a3.ID, "")
	if err != nil || cp.Name != a3.Name+"（副本）" || len(cp.Items) != len(a3.Items) || cp.ID == a3.ID {
		t.Fatalf("copy %+v, %v", cp, err)
	}
	if _, err := fx.db.CopyAssessTemplate(ctx, a3.ID, ""); fieldErrors(t, err)[0].Field != data.FAssessName {
		t.Errorf("second copy under the same name: %v", err)
	}
	cp.Items[0].Points = 0.3
	if fe := fieldErrors(t, fx.db.SaveAssessTemplate(ctx, &cp)); !strings.Contains(fe.Error(), "0.5") {
		t.Errorf("points not in half steps: %v", fe)
	}
	cp.Items[0].Points = 10
	cp.Items = cp.Items[:3]
	if err := fx.db.SaveAssessTemplate(ctx, &cp); err != nil {
		t.Fatal(err)
	}
	if got, err := fx.db.AssessTemplate(ctx, cp.ID); err != nil || len(got.Items) != 3 {
		t.Errorf("saved %+v, %v", got, err)
	}
	if op := lastOp(t, fx.db); op.Entity != data.EntAssessTemplate || op.Action != data.ActUpdate || !strings.Contains(op.Detail, data.FAssessItem) {
		t.Errorf("log %+v", op)
	}
	if err := fx.db.DeleteAssessTemplate(ctx, cp.ID); err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.AssessTemplate(ctx, cp.ID)
	wantCode(t, err, data.ENotFound)
	restore(t, fx.db, binEntry(t, fx.db, data.EntAssessTemplate).ID)
	if got, err := fx.db.AssessTemplate(ctx, cp.ID); err != nil || len(got.Items) != 3 {
		t.Errorf("restored %+v, %v", got, err)
	}
}

// An assessment keeps its copy of the template: editing or deleting the template changes nothing
// in it. One assessment per template, subject and period; overrides are logged with who and why.
func TestAssessmentSnapshot(t *testing.T) {
	fx := newFixture(t)
	a3 := templateOf(t, fx.db, data.AssessThreeInOne)
	a := data.NewAssessment(&a3, fx.worker.ID, "", data.YearPeriod(2026))
	a.Items[0].Score, a.Items[0].Reason = 8, "缺学习笔记"
	if err := fx.db.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if a.SubjectName != "赵志强" || a.ID == 0 {
		t.Fatalf("saved %+v", a)
	}
	saved, err := fx.db.Assessment(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(saved, a) {
		t.Fatalf("read back\n got %+v\nwant %+v (%v)", saved, a, err)
	}

	a3.Items[0].Name, a3.Items[0].Points, a3.Items[1].Points = "理论学习", 15, 5
	a3.Grades[0].Min = 95
	if err := fx.db.SaveAssessTemplate(ctx, &a3); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Assessment(ctx, a.ID); !reflect.DeepEqual(got, saved) {
		t.Errorf("template edit changed the assessment:\n got %+v\nwant %+v", got, saved)
	}

	dup := data.NewAssessment(&a3, fx.worker.ID, "", data.YearPeriod(2026))
	wantCode(t, fx.db.SaveAssessment(ctx, &dup), data.EConflict)
	other := data.NewAssessment(&a3, fx.worker.ID, "", data.YearPeriod(2025))
	if err := fx.db.SaveAssessment(ctx, &other); err != nil {
		t.Errorf("another year: %v", err)
	}

	// An override: logged once with who and why; saving again unchanged keeps its time and logs nothing.
	a.Items[2].Override = &data.Override{Score: 7, By: "王建国", Why: "支委会研究决定"}
	a.Items[2].Reason = "承办事项延期"
	fixClock(fx.db, clock.Add(time.Hour))
	if err := fx.db.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	ops, err := fx.db.OpLog(ctx, data.OpFilter{Action: data.ActOverride})
	if err != nil || len(ops) != 1 || !strings.Contains(ops[0].Detail, "王建国") || !strings.Contains(ops[0].Detail, "支委会研究决定") ||
		!strings.Contains(ops[0].Detail, "由10分调整为7分") {
		t.Fatalf("override log %+v, %v", ops, err)
	}
	fixClock(fx.db, clock.Add(2*time.Hour))
	if err := fx.db.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, _ := fx.db.Assessment(ctx, a.ID)
	if o := got.Items[2].Override; o == nil || !o.At.Equal(clock.Add(time.Hour)) || got.Score().Total != a.Score().Total {
		t.Errorf("override after a second save %+v", got.Items[2])
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Action: data.ActOverride}); len(ops) != 1 {
		t.Errorf("unchanged override logged again: %d entries", len(ops))
	}

	// A member assessed cannot be deleted; the template can, and the assessment keeps its name.
	wantCode(t, fx.db.DeleteMember(ctx, fx.worker.ID), data.EConflict)
	if err := fx.db.DeleteAssessTemplate(ctx, a3.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = fx.db.Assessment(ctx, a.ID)
	if got.TemplateID != 0 || got.TemplateName != saved.TemplateName || !reflect.DeepEqual(got.Items[0], saved.Items[0]) {
		t.Errorf("after deleting the template %+v", got)
	}
	if err := fx.db.DeleteAssessment(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, err := fx.db.Assessments(ctx, data.AssessmentFilter{SubjectID: fx.worker.ID}); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("list after delete %+v, %v", list, err)
	}
}

func TestAssessmentRefused(t *testing.T) {
	fx := newFixture(t)
	a1 := templateOf(t, fx.db, data.AssessBranchMonthly)
	branch, _ := fx.db.Branch(ctx)
	a := data.NewAssessment(&a1, branch.ID+100, "", data.MonthPeriod(2026, 11)) // not the branch
	a.FillReasons()                                                             // 挖潜 counted nothing
	if fe := fieldErrors(t, fx.db.SaveAssessment(ctx, &a)); fe[0].Field != data.FSubject {
		t.Errorf("member as branch subject: %v", fe)
	}
	a.SubjectID = branch.ID
	a.Items[2].Method, a.Items[2].Auto = data.MethodManual, "" // scored by hand, as a user may set it
	a.Items[2].Score = 9                                       // below full without a reason
	if fe := fieldErrors(t, fx.db.SaveAssessment(ctx, &a)); !strings.Contains(fe.Error(), "扣分原因") {
		t.Errorf("missing reason: %v", fe)
	}
	a.Items[2].Reason = "记录不全"
	if err := fx.db.SaveAssessment(ctx, &a); err != nil || a.SubjectName != branch.Name {
		t.Errorf("branch assessment %+v, %v", a, err)
	}
}

func entryKeys(es []data.PointEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, strings.Join([]string{e.MemberName, e.Date.String(), e.Item, data.FormatScore(e.Points), e.RecordKind}, " "))
	}
	slices.Sort(out)
	return out
}

func TestPointEntriesManual(t *testing.T) {
	fx := newFixture(t)
	a2 := templateOf(t, fx.db, data.AssessMemberPoints)
	i := slices.IndexFunc(a2.Items, func(it data.AssessItem) bool { return it.Name == data.PointSuggestion })
	e := data.NewPointEntry(fx.worker.ID, day(10), a2.Items[i], "提出综采面支护改进建议")
	if err := fx.db.SavePointEntry(ctx, &e); err != nil || e.MemberName != "赵志强" || e.Points != 2 {
		t.Fatalf("saved %+v, %v", e, err)
	}
	e.Points = -2
	if fe := fieldErrors(t, fx.db.SavePointEntry(ctx, &e)); fe[0].Field != data.FPoints {
		t.Errorf("negative addition: %v", fe)
	}
	e.Points = 2.5
	if err := fx.db.SavePointEntry(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if op := lastOp(t, fx.db); op.Entity != data.EntPointEntry || !strings.Contains(op.Detail, "2.5") {
		t.Errorf("log %+v", op)
	}
	gen := e
	gen.ID, gen.Generated = 0, true
	wantCode(t, fx.db.SavePointEntry(ctx, &gen), data.EInvalid)
	wantCode(t, fx.db.DeleteMember(ctx, fx.worker.ID), data.EConflict)
	if err := fx.db.DeletePointEntry(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if es, _ := fx.db.PointEntries(ctx, data.PointFilter{}); len(es) != 0 {
		t.Errorf("left %+v", es)
	}
	if err := fx.db.DeleteMember(ctx, fx.worker.ID); err != nil {
		t.Errorf("member without entries: %v", err)
	}
}

// Regenerating follows the records exactly: editing an inspection changes its entries only,
// deleting it removes them, a second run changes nothing, and generated entries cannot be edited.
func TestRegeneratePointEntries(t *testing.T) {
	fx := newFixture(t)
	in1 := fx.save(t, fx.inspection(5, problem("端头支护不及时", 10)))
	in2 := fx.save(t, fx.inspection(12))
	w := fx.welfare(t, newWelfare(fx, "澡堂更换防滑地垫", 2, 8)) // handled by lead, overdue on 23 November
	regen := func() []data.PointEntry { return fx.regenerated(t, data.PointFilter{}) }
	first := regen()
	want := []string{
		"李卫东 2026-11-05 参加督查 1 督查记录", "李卫东 2026-11-12 参加督查 1 督查记录",
		"王建国 2026-11-05 参加督查 1 督查记录", "王建国 2026-11-05 督查发现问题 1 问题",
		"王建国 2026-11-09 承办事项逾期 -2 办实事事项", "王建国 2026-11-12 参加督查 1 督查记录",
	}
	if got := entryKeys(first); !slices.Equal(got, want) {
		t.Fatalf("entries\n got %q\nwant %q", got, want)
	}
	ops := opCount(t, fx.db)
	if again := regen(); !reflect.DeepEqual(again, first) || opCount(t, fx.db) != ops {
		t.Errorf("second run changed something:\n%+v\n%+v", again, first)
	}
	gen := first[0]
	wantCode(t, fx.db.SavePointEntry(ctx, &gen), data.EInvalid)
	wantCode(t, fx.db.DeletePointEntry(ctx, gen.ID), data.EInvalid)

	// in2 gets the worker instead of the second inspector and moves to the 13th; in1 is untouched.
	in2.Inspectors[1].MemberID, in2.Date = fx.worker.ID, day(13)
	in2 = fx.save(t, in2)
	after := regen()
	byID := map[int64]data.PointEntry{}
	for _, e := range first {
		byID[e.ID] = e
	}
	var kept, changed int
	for _, e := range after {
		old, ok := byID[e.ID]
		switch {
		case ok && reflect.DeepEqual(old, e):
			kept++
		case ok:
			changed++
		}
	}
	wantAfter := []string{
		"李卫东 2026-11-05 参加督查 1 督查记录", "王建国 2026-11-05 参加督查 1 督查记录", "王建国 2026-11-05 督查发现问题 1 问题",
		"王建国 2026-11-09 承办事项逾期 -2 办实事事项", "王建国 2026-11-13 参加督查 1 督查记录", "赵志强 2026-11-13 参加督查 1 督查记录",
	}
	if got := entryKeys(after); !slices.Equal(got, wantAfter) || kept != 4 || changed != 1 {
		t.Errorf("after the edit (kept %d, changed %d)\n got %q\nwant %q", kept, changed, got, wantAfter)
	}

	// Finished late: the done entry joins the overdue one.
	if _, err := fx.db.ChangeWelfareState(ctx, w.ID, data.WelfareHandling, "", data.Date{}); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.ChangeWelfareState(ctx, w.ID, data.WelfareDone, "", day(20)); err != nil {
		t.Fatal(err)
	}
	got := entryKeys(regen())
	if !slices.Contains(got, "王建国 2026-11-20 办实事承办并办结 2 办实事事项") || !slices.Contains(got, "王建国 2026-11-09 承办事项逾期 -2 办实事事项") {
		t.Errorf("after finishing late %q", got)
	}

	// Deleting in1 takes its entries with it; regenerating then changes nothing more.
	if err := fx.db.DeleteInspection(ctx, in1.ID); err != nil {
		t.Fatal(err)
	}
	es, _ := fx.db.PointEntries(ctx, data.PointFilter{})
	ops = opCount(t, fx.db)
	if got := regen(); len(got) != 4 || !reflect.DeepEqual(got, es) || opCount(t, fx.db) != ops {
		t.Errorf("after deleting in1 %q", entryKeys(got))
	}
	if es, _ := fx.db.PointEntries(ctx, data.PointFilter{MemberID: fx.lead.ID, Item: data.PointInspection}); len(es) != 1 || es[0].RecordID != in2.ID {
		t.Errorf("lead's inspections %+v", es)
	}
}

// A1Evidence against a month counted by hand.
func TestA1Evidence(t *testing.T) {
	fx := newFixture(t)
	// November: 3 inspections with 3 findings; one more finding found in October, still open.
	in1 := fx.save(t, fx.inspection(3, problem("端头支护不及时", 6), problem("班前会未传达", 20)))
	fx.save(t, fx.inspection(10, problem("风筒破损", 12)))
	fx.save(t, fx.inspection(17))
	old := problem("十月遗留问题", 31)
	old.Deadline = data.NewDate(2026, time.October, 31)
	octIn := fx.inspection(1, old)
	octIn.Date = data.NewDate(2026, time.October, 25)
	octIn = fx.save(t, octIn)
	fx.close(t, in1.Findings[0].ID, day(5))  // closed on time
	fx.close(t, in1.Findings[1].ID, day(22)) // closed late? deadline 20: late, not on time
	// Open: 风筒破损 (deadline 12, overdue at 30 Nov) and 十月遗留问题 (overdue).

	// Two checks: 100 and 80 → average 90.
	c1 := fx.savedCheck(t, 4)
	c2 := fx.savedCheck(t, 18)
	c2.Items[0].Score, c2.Items[0].Reason = 0, "水温不足"
	if err := fx.db.SaveCheck(ctx, &c2); err != nil {
		t.Fatal(err)
	}
	// Welfare: two done in November (one in-house), one open.
	done := func(title string, inHouse bool, on int) data.WelfareItem {
		w := newWelfare(fx, title, 1, 25)
		w.InHouse = inHouse
		w = fx.welfare(t, w)
		fx.db.ChangeWelfareState(ctx, w.ID, data.WelfareHandling, "", data.Date{})
		if _, err := fx.db.ChangeWelfareState(ctx, w.ID, data.WelfareDone, "", day(on)); err != nil {
			t.Fatal(err)
		}
		return w
	}
	w1 := done("更换喷头", true, 9)
	done("维修更衣柜", false, 19)
	fx.welfare(t, newWelfare(fx, "增设晾衣架", 3, 28))
	// Surveys: an older and a newer 澡堂 survey overlapping November (the newer counts), one 宿舍.
	survey := func(cat string, p data.Period, counts [5]int) data.Survey {
		s := data.Survey{Period: p, Category: cat, Questions: []data.SurveyQuestion{{Text: "总体满意度", Counts: counts}}}
		if err := fx.db.SaveSurvey(ctx, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	survey("澡堂", data.Period{From: data.NewDate(2026, time.October, 15), To: day(15)}, [5]int{1, 1, 8, 0, 0})
	s2 := survey("澡堂", data.MonthPeriod(2026, 11), [5]int{10, 6, 2, 1, 1}) // 16 of 20
	s3 := survey("宿舍", data.MonthPeriod(2026, 11), [5]int{5, 3, 2, 0, 0})  // 8 of 10

	ev, refs, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 11), data.NewDate(2026, time.December, 4))
	if err != nil {
		t.Fatal(err)
	}
	want := data.A1Evidence{Inspections: 3, Findings: 3, ClosedOnTime: 1, Overdue: 2, AsOf: day(30), Checks: 2, AvgCheckScore: 90,
		WelfareDone: 2, InHouse: 1, Answers: 30, Satisfaction: 24.0 / 30,
		// November over, its 支部委员会 and 主题党日 were not held: missed, not still to come.
		OrgLife: data.OrgLifeEvidence{Members: 3, PeriodsDue: 2, Missed: "支部委员会（2026年11月）、主题党日（2026年11月）"}}
	want.Emergency.Quarter = "2026年第四季度"  // no emergency record or supply (emergency_test.go tests them)
	want.Discipline.Quarter = "2026年第四季度" // no key post, no 作风纪律 finding (talks_test.go tests them)
	want.Concern.AsOf = day(30)           // no 思想疏导 (concern_test.go tests them)
	if ev != want {
		t.Errorf("evidence\n got %+v\nwant %+v", ev, want)
	}
	kinds := func(key string) []string {
		var out []string
		for _, r := range refs[key] {
			out = append(out, r.Kind)
		}
		return out
	}
	if got := kinds(data.AutoInspection); len(got) != 5 || got[3] != data.EntFinding || refs[data.AutoInspection][3].ID != octIn.Findings[0].ID {
		t.Errorf("inspection refs %+v", refs[data.AutoInspection])
	}
	if got := refs[data.AutoInHouse]; len(got) != 1 || got[0].ID != w1.ID {
		t.Errorf("in-house refs %+v", got)
	}
	ids := map[int64]bool{}
	for _, r := range refs[data.AutoWelfare] {
		ids[r.ID] = true
	}
	if len(refs[data.AutoWelfare]) != 6 || !ids[c1.ID] || !ids[c2.ID] || !ids[s2.ID] || !ids[s3.ID] {
		t.Errorf("welfare refs %+v", refs[data.AutoWelfare])
	}

	// Applied to the A1 form: 3 inspections (−2) and 2 overdue (−2) on 安全督查; 满意率 80% (−2);
	// one item in-house earns 5 of the 10 points of 挖潜; no 第一议题 (−2) and members in no 党小组
	// (−1) and two meetings missed (−4) from 组织生活; no 矛盾排查 (−3) on 信访维稳; no 思想疏导
	// recorded (−2, the migrated 人文关怀疏导靠前).
	a1 := templateOf(t, fx.db, data.AssessBranchMonthly)
	branch, _ := fx.db.Branch(ctx)
	a := data.NewAssessment(&a1, branch.ID, branch.Name, data.MonthPeriod(2026, 11))
	a.ApplyA1Evidence(ev, refs)
	if err := fx.db.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if s := a.Score(); s.Total != 100-4-2-5-2-1-4-3-2 {
		t.Errorf("A1 total %v (%+v)", s.Total, s.Items)
	}
}

// In the month under way, 逾期 counts only the deadlines before today, not those still to come
// before the month's end.
func TestA1EvidenceOverdueAsOfToday(t *testing.T) {
	fx := newFixture(t)
	fx.save(t, fx.inspection(3, problem("端头支护不及时", 6), problem("班前会未传达", 20), problem("风筒破损", 25)))
	today := day(21) // November under way: 6 and 20 have passed, 25 has not
	ev, refs, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 11), today)
	if err != nil {
		t.Fatal(err)
	}
	if ev.Overdue != 2 || ev.AsOf != today {
		t.Errorf("overdue %d as of %s, want 2 as of %s", ev.Overdue, ev.AsOf, today)
	}
	findings := 0
	for _, r := range refs[data.AutoInspection] {
		if r.Kind == data.EntFinding {
			findings++
		}
	}
	if findings != 2 {
		t.Errorf("%d overdue findings among the evidence, want 2", findings)
	}
	_, done, _ := data.A1Rule(data.AutoInspection, ev)
	if !strings.Contains(done, "逾期未销号2条（逾期截至11月21日）") {
		t.Errorf("完成情况 %q does not say as of when", done)
	}
}
