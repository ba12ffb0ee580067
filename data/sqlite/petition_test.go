package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"branchledger/data"
)

// petitionCase is a valid case registered on day d (November 2026), due on day due, kept by the
// given members.
func petitionCase(d, due int, keepers ...data.Member) data.Petition {
	p := data.Petition{Date: day(d), Petitioner: "孙德胜", Team: "综采一班", Category: "工资待遇", Content: "反映十月加班工资未足额发放",
		Deadline: day(due)}
	for _, k := range keepers {
		p.Keepers = append(p.Keepers, data.PetitionMember{MemberID: k.ID})
	}
	return p
}

func TestPetitionRoundTrip(t *testing.T) {
	fx := newFixture(t)
	p := petitionCase(2, 20, fx.lead, fx.second)
	p.Escalated = true
	if err := fx.db.SavePetition(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if p.ID == 0 || p.KeepersText() != "王建国、李卫东" || p.State != data.PetitionRegistered || p.Risk != "一般" {
		t.Fatalf("saved %+v", p)
	}
	got, err := fx.db.Petition(ctx, p.ID)
	if err != nil || !reflect.DeepEqual(got, p) {
		t.Fatalf("Petition = %+v, %v\nwant %+v", got, err, p)
	}

	// Resolving needs a date and a result; an update replaces the keepers and is logged.
	p.State = data.PetitionResolved
	if fe := fieldErrors(t, fx.db.SavePetition(ctx, &p)); fe.For(data.FResolvedDate) == "" || fe.For(data.FPetitionResult) == "" {
		t.Errorf("resolved without date and result: %v", fe)
	}
	p.Resolved, p.Result, p.Keepers = day(18), "已补发加班工资", p.Keepers[:1]
	if err := fx.db.SavePetition(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Petition(ctx, p.ID); len(got.Keepers) != 1 || got.Resolved != day(18) || !got.ClosedOnTime() {
		t.Errorf("after update %+v", got)
	}
	ops, err := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntPetition})
	if err != nil || len(ops) != 2 || ops[0].Action != data.ActUpdate || !strings.Contains(ops[0].Label, "孙德胜反映工资待遇") {
		t.Errorf("log %+v, %v", ops, err)
	}

	// A keeper not of the branch is refused on the field.
	bad := petitionCase(3, 20)
	bad.Keepers = []data.PetitionMember{{MemberID: 9999}}
	if fe := fieldErrors(t, fx.db.SavePetition(ctx, &bad)); len(fe) != 1 || fe[0].Field != data.FKeepers {
		t.Errorf("foreign keeper: %v", fe)
	}
	if fe := fieldErrors(t, fx.db.SavePetition(ctx, &data.Petition{})); fe.For(data.FKeepers) == "" || fe.For(data.FPetitioner) == "" {
		t.Errorf("empty case: %v", fe)
	}

	// Filter by 登记日期.
	other := petitionCase(10, 30, fx.worker)
	if err := fx.db.SavePetition(ctx, &other); err != nil {
		t.Fatal(err)
	}
	if list, err := fx.db.Petitions(ctx, data.PetitionFilter{From: day(5)}); err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("from day 5: %+v %v", list, err)
	}

	// Deleting goes to the recycle bin with the keepers and comes back; a keeper cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.worker.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("deleting a keeper: %v", err)
	}
	if err := fx.db.DeletePetition(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.Petition(ctx, p.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("after delete: %v", err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || !strings.Contains(bin[0].Detail, "1 名包保责任人") {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if back, err := fx.db.Petition(ctx, p.ID); err != nil || len(back.Keepers) != 1 || back.State != data.PetitionResolved {
		t.Errorf("restored %+v %v", back, err)
	}
}

func TestScreeningRoundTrip(t *testing.T) {
	fx := newFixture(t)
	s := data.Screening{Date: day(5), Teams: []string{fx.team1.Name, fx.team2.Name},
		Screeners: []data.PetitionMember{{MemberID: fx.second.ID}, {MemberID: fx.lead.ID}}, Factors: 1, FactorText: "一名职工家庭困难情绪低落"}
	if err := fx.db.SaveScreening(ctx, &s); err != nil {
		t.Fatal(err)
	}
	if s.ScopeText() != "综采一班、机电班" || s.ScreenersText() != "李卫东、王建国" {
		t.Fatalf("saved %+v", s)
	}
	got, err := fx.db.Screening(ctx, s.ID)
	if err != nil || !reflect.DeepEqual(got, s) {
		t.Fatalf("Screening = %+v, %v\nwant %+v", got, err, s)
	}
	whole := data.Screening{Date: day(20)}
	if err := fx.db.SaveScreening(ctx, &whole); err != nil {
		t.Fatal(err)
	}
	if list, _ := fx.db.Screenings(ctx, data.PetitionFilter{From: day(10), To: day(30)}); len(list) != 1 || list[0].ScopeText() != data.ScopeWholeBranch {
		t.Errorf("screenings %+v", list)
	}
	if fe := fieldErrors(t, fx.db.SaveScreening(ctx, &data.Screening{Date: day(6), Factors: 2})); fe.For(data.FFactorText) == "" {
		t.Errorf("count without text: %v", fe)
	}
	if err := fx.db.DeleteScreening(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || bin[0].Entity != data.EntScreening || !strings.Contains(bin[0].Detail, "2 名排查人") {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if back, err := fx.db.Screening(ctx, s.ID); err != nil || len(back.Screeners) != 2 {
		t.Errorf("restored %+v %v", back, err)
	}
}

func TestPetitionPointEntries(t *testing.T) {
	fx := newFixture(t)
	entries := func() string {
		t.Helper()
		var out []string
		for _, e := range fx.regenerated(t, data.PointFilter{Item: data.PointPetition}) {
			out = append(out, e.MemberName+" "+e.Date.String()+" "+data.FormatScore(e.Points)+" "+e.RecordKind)
		}
		return strings.Join(out, "; ")
	}
	p := petitionCase(2, 20, fx.lead, fx.second)
	if err := fx.db.SavePetition(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if got := entries(); got != "" {
		t.Errorf("open case: %q", got)
	}
	// Resolving it credits both keepers.
	p.State, p.Resolved, p.Result = data.PetitionSettled, day(15), "息诉罢访"
	if err := fx.db.SavePetition(ctx, &p); err != nil {
		t.Fatal(err)
	}
	want := "王建国 2026-11-15 2 信访事项; 李卫东 2026-11-15 2 信访事项"
	if got := entries(); got != want {
		t.Errorf("resolved: %q, want %q", got, want)
	}
	// A second regenerate changes nothing (and logs nothing).
	before, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntPointEntry})
	if got := entries(); got != want {
		t.Errorf("second run: %q", got)
	}
	if after, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntPointEntry}); len(after) != len(before) {
		t.Errorf("second run logged %d entries", len(after)-len(before))
	}
	// Reopening removes them.
	p.State = data.PetitionHandling
	if err := fx.db.SavePetition(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if got := entries(); got != "" {
		t.Errorf("reopened: %q", got)
	}
}

func TestPetitionA1Evidence(t *testing.T) {
	fx := newFixture(t)
	save := func(p data.Petition) data.Petition {
		t.Helper()
		if err := fx.db.SavePetition(ctx, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	onTime := petitionCase(2, 10, fx.lead)
	onTime.State, onTime.Resolved, onTime.Result = data.PetitionResolved, day(9), "已解决"
	save(onTime)
	late := save(petitionCase(3, 12, fx.second)) // open past its deadline on the 23rd (the clock)
	save(petitionCase(4, 28, fx.second))         // open, not due yet
	escalated := petitionCase(5, 25, fx.lead)
	escalated.Escalated = true
	escalated = save(escalated)
	old := data.Petition{Date: data.NewDate(2026, 9, 1), Petitioner: "钱", Content: "住房", Keepers: []data.PetitionMember{{MemberID: fx.lead.ID}},
		Deadline: data.NewDate(2026, 9, 30), Escalated: true, State: data.PetitionResolved, Resolved: data.NewDate(2026, 9, 20), Result: "已解决"}
	save(old) // an older 越级上访 does not count in November
	s := data.Screening{Date: day(6), Factors: 2, FactorText: "两起工资纠纷"}
	if err := fx.db.SaveScreening(ctx, &s); err != nil {
		t.Fatal(err)
	}
	ev, refs, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 11), data.DateOf(clock))
	if err != nil {
		t.Fatal(err)
	}
	want := data.A1PetitionEvidence{Screenings: 1, Factors: 2, Registered: 4, Closed: 1, ClosedOnTime: 1, Overdue: 1, Escalated: 1}
	if ev.Petitions != want {
		t.Errorf("evidence %+v, want %+v", ev.Petitions, want)
	}
	ids := map[string]bool{}
	for _, r := range refs[data.AutoPetition] {
		ids[r.Kind+" "+r.Label] = true
	}
	if len(refs[data.AutoPetition]) != 3 || !ids[data.EntScreening+" "+data.ScreeningLabel(&s)] || !ids[data.EntPetition+" "+data.PetitionLabel(&late)] ||
		!ids[data.EntPetition+" "+data.PetitionLabel(&escalated)] {
		t.Errorf("refs %+v", refs[data.AutoPetition])
	}
	// On the seeded form the 越级上访 vetoes the month.
	a1 := templateOf(t, fx.db, data.AssessBranchMonthly)
	a := data.NewAssessment(&a1, 1, "支部", data.MonthPeriod(2026, 11))
	a.ApplyA1Evidence(ev, refs)
	if sc := a.Score(); !sc.Vetoed || sc.Total != 0 || sc.Grade != data.GradeFail || len(sc.Vetoes) != 1 || sc.Vetoes[0] != "信访维稳排查靠前" {
		t.Errorf("score %+v", sc)
	}
	// Saved and read back, the deductions still do not veto on their own (Tally.NoVeto is kept).
	i := len(a.Items) - 1
	a.Items[i].Tallies = a.Items[i].Tallies[:len(a.Items[i].Tallies)-1] // without the 越级上访
	a.Items[i].Reason = ""
	a.FillReasons()
	if err := fx.db.SaveAssessment(ctx, &a); err != nil {
		t.Fatal(err)
	}
	back, err := fx.db.Assessment(ctx, a.ID)
	if sc := back.Score(); err != nil || sc.Vetoed || sc.Items[i].Score != 8 {
		t.Errorf("read back %+v, %v", sc, err)
	}
	// September: the old 越级上访, no screening.
	ev, _, _ = fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 9), data.DateOf(clock))
	if want := (data.A1PetitionEvidence{Registered: 1, Closed: 1, ClosedOnTime: 1, Escalated: 1}); ev.Petitions != want {
		t.Errorf("September %+v", ev.Petitions)
	}
}

// A file of version 12 migrates through 0013: a manual point entry survives the rebuild of
// point_entry, the A2 catalogue gains 包保化解信访事项 before the veto item, and an A1 item the user
// has changed stays as the user left it.
func TestMigration0013OverVersion12(t *testing.T) {
	db := migrateFrom(t, migrationsBefore(t, "0013"), func(old *DB, _ string) {
		m := rawCreate(t, old, newMember("张三", 3))
		if _, err := old.db.Exec(`INSERT INTO point_entry (branch_id, member_id, date, item, points, reason) VALUES (1, ?, '2026-03-01', '受集团/市级表彰', 5, '表彰');
		UPDATE assess_template_item SET standard = '本支部自定的标准' WHERE name = '信访维稳排查靠前'`, m.ID); err != nil {
			t.Fatal(err)
		}
	})
	defer db.Close()
	es, err := db.PointEntries(ctx, data.PointFilter{})
	if err != nil || len(es) != 1 || es[0].Reason != "表彰" || es[0].RecordKind != "" {
		t.Errorf("entries after migrating: %+v, %v", es, err)
	}
	a1 := templateOf(t, db, data.AssessBranchMonthly)
	if it := a1.Items[9]; it.Method != data.MethodManual || it.Auto != "" || it.Veto || it.Standard != "本支部自定的标准" {
		t.Errorf("changed A1 item migrated: %+v", it)
	}
	a2 := templateOf(t, db, data.AssessMemberPoints)
	n := len(a2.Items)
	if a2.Items[n-2].Name != data.PointPetition || a2.Items[n-1].Name != data.PointDiscipline {
		t.Errorf("A2 catalogue ends %+v", a2.Items[n-2:])
	}
}
