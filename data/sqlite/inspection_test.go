package sqlite

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// clock is the fixed time of the finding tests: 23 November 2026, 10:00 UTC.
var clock = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// fixture is a data file with two teams and three members (the first a 督查队伍 lead), its clock
// fixed at clock.
type fixture struct {
	db           *DB
	team1, team2 data.Team
	lead, second data.Member
	worker       data.Member // no inspector, in team1
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fx := &fixture{db: openTemp(t)}
	fixClock(fx.db, clock)
	fx.team1, fx.team2 = data.Team{Name: "综采一班", Category: "采煤"}, data.Team{Name: "机电班", Category: "机电"}
	saveAll(t, fx.db.SaveTeam, &fx.team1, &fx.team2)
	fx.lead, fx.second = newMember("王建国", 1), newMember("李卫东", 3)
	fx.lead.Supervisor, fx.second.Supervisor = true, true
	fx.worker = newMember("赵志强", 5)
	fx.worker.TeamID = fx.team1.ID
	fx.lead, fx.second, fx.worker = mustCreate(t, fx.db, fx.lead), mustCreate(t, fx.db, fx.second), mustCreate(t, fx.db, fx.worker)
	return fx
}

// regenerated brings 2026's generated 党员积分 into step with the ledgers and lists the entries
// matching f.
func (fx *fixture) regenerated(t *testing.T, f data.PointFilter) []data.PointEntry {
	t.Helper()
	if err := fx.db.RegeneratePointEntries(ctx, 2026); err != nil {
		t.Fatal(err)
	}
	es, err := fx.db.PointEntries(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func day(d int) data.Date { return data.NewDate(2026, time.November, d) }

// inspection is a valid 四不两直 inspection of team1 on day d with the given findings.
func (fx *fixture) inspection(d int, findings ...data.Finding) data.Inspection {
	return data.Inspection{
		Date: data.Date{Year: 2026, Month: time.November, Day: d}, Kind: "四不两直督查", Shift: "夜班", TeamID: fx.team1.ID,
		Inspectors: []data.Inspector{{MemberID: fx.lead.ID, Lead: true}, {MemberID: fx.second.ID}},
		Place:      "2201综采工作面", Content: "检查工作面支护和班前会",
		Findings: findings,
	}
}

// problem is a valid finding with a description and a deadline days later than its inspection.
func problem(desc string, deadline int) data.Finding {
	return data.Finding{Category: "安全生产不实", Description: desc, Responsible: "赵志强", Measures: "立即整改", Deadline: day(deadline)}
}

func (fx *fixture) save(t *testing.T, in data.Inspection) data.Inspection {
	t.Helper()
	if err := fx.db.SaveInspection(ctx, &in); err != nil {
		t.Fatalf("SaveInspection: %v", err)
	}
	return in
}

// move walks a finding along the flow, failing the test on a refusal.
func (fx *fixture) move(t *testing.T, id int64, to, reason string, co *data.CloseOut) data.Finding {
	t.Helper()
	f, err := fx.db.ChangeState(ctx, id, to, reason, co)
	if err != nil {
		t.Fatalf("ChangeState(%d → %s): %v", id, to, err)
	}
	return f
}

func (fx *fixture) close(t *testing.T, id int64, on data.Date) data.Finding {
	t.Helper()
	fx.move(t, id, data.StateFixing, "", nil)
	fx.move(t, id, data.StateReview, "", nil)
	return fx.move(t, id, data.StateClosed, "", &data.CloseOut{Progress: "已整改到位", Acceptor: "王建国", ClosedDate: on})
}

func TestInspectionRoundTrip(t *testing.T) {
	fx := newFixture(t)
	in := fx.inspection(20, problem("端头支护不及时", 25), problem("班前会未传达安全措施", 22))
	in.Place = "　2201综采工作面 " // normalised
	in.Findings[1].MemberID, in.Findings[1].Level = fx.worker.ID, "较大"
	in = fx.save(t, in)

	if in.ID == 0 || in.BranchID != 1 || in.Unit != "综采一班" || in.Place != "2201综采工作面" || !in.CreatedAt.Equal(clock) {
		t.Errorf("saved inspection: %+v", in)
	}
	wantPeople := []data.Inspector{{MemberID: fx.lead.ID, Name: "王建国", Lead: true}, {MemberID: fx.second.ID, Name: "李卫东"}}
	if !slices.Equal(in.Inspectors, wantPeople) || in.Lead().Name != "王建国" {
		t.Errorf("inspectors %+v", in.Inspectors)
	}
	if len(in.Findings) != 2 {
		t.Fatalf("%d findings", len(in.Findings))
	}
	for i, f := range in.Findings {
		if f.ID == 0 || f.InspectionID != in.ID || f.Source != data.SourceInspection || f.State != data.StatePending ||
			f.FoundDate != in.Date || f.TeamID != fx.team1.ID || f.BranchID != 1 || !f.CreatedAt.Equal(clock) {
			t.Errorf("finding %d: %+v", i, f)
		}
		h, err := fx.db.History(ctx, f.ID)
		if err != nil || len(h) != 1 || h[0].From != "" || h[0].To != data.StatePending || !h[0].At.Equal(clock) || h[0].CloseOut != nil {
			t.Errorf("history of finding %d: %+v, %v", i, h, err)
		}
	}
	if f := in.Findings[1]; f.Level != "较大" || f.MemberID != fx.worker.ID || f.Description != "班前会未传达安全措施" {
		t.Errorf("second finding: %+v", f)
	}
	got, err := fx.db.Inspection(ctx, in.ID)
	if err != nil || !reflect.DeepEqual(got, in) {
		t.Fatalf("Inspection() =\n%+v, %v\nwant\n%+v", got, err, in)
	}
	if list, err := fx.db.Inspections(ctx, data.InspectionFilter{}); err != nil || len(list) != 1 || !reflect.DeepEqual(list[0], in) {
		t.Fatalf("Inspections() = %+v, %v", list, err)
	}

	// The unit follows a renamed team, and keeps its last name once the team is deleted.
	fx.team1.Name = "综采一班（甲）"
	if err := fx.db.SaveTeam(ctx, &fx.team1); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Inspection(ctx, in.ID); got.Unit != "综采一班（甲）" {
		t.Errorf("unit after renaming the team: %q", got.Unit)
	}
	if err := fx.db.DeleteTeam(ctx, fx.team1.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = fx.db.Inspection(ctx, in.ID)
	if got.TeamID != 0 || got.Unit != "综采一班（甲）" || got.Findings[0].TeamID != 0 {
		t.Errorf("after deleting the team: team %d unit %q, finding team %d", got.TeamID, got.Unit, got.Findings[0].TeamID)
	}

	// A unit that is not a team, and an inspection with no findings.
	other := fx.inspection(21)
	other.TeamID, other.Unit, other.Shift, other.Kind = 0, "职工食堂", "", "日常检查"
	other = fx.save(t, other)
	if other.Unit != "职工食堂" || other.TeamID != 0 || len(other.Findings) != 0 {
		t.Errorf("unit inspection: %+v", other)
	}

	_, err = fx.db.Inspection(ctx, 9999)
	wantCode(t, err, data.ENotFound)
	missing := fx.inspection(20)
	missing.ID = 9999
	wantCode(t, fx.db.SaveInspection(ctx, &missing), data.ENotFound)
}

func TestSaveInspectionUpdatesFindings(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("甲：端头支护不及时", 15), problem("乙：自救器未随身携带", 12), problem("丙：班前会记录不全", 14)))
	a, b, c := in.Findings[0], in.Findings[1], in.Findings[2]
	fx.move(t, a.ID, data.StateFixing, "", nil)
	fx.close(t, c.ID, day(13))

	later := clock.Add(time.Hour)
	fixClock(fx.db, later)
	in, _ = fx.db.Inspection(ctx, in.ID)
	in.Content = "复查"
	in.Inspectors = []data.Inspector{{MemberID: fx.second.ID, Lead: true}} // the team changes
	in.Findings[0].Description = "甲：端头支护不及时，超前支架未及时跟进"
	in.Findings[0].State, in.Findings[0].ClosedDate = data.StateClosed, day(20) // ignored: only ChangeState moves it
	in.Findings[2].Measures = "每班检查班前会记录"
	in.Findings = append(slices.Delete(in.Findings, 1, 2), problem("丁：风门未关闭", 16)) // b removed, d added
	in = fx.save(t, in)

	if len(in.Findings) != 3 || in.Content != "复查" || !in.UpdatedAt.Equal(later) || !in.CreatedAt.Equal(clock) {
		t.Fatalf("saved: %+v", in)
	}
	if !slices.Equal(in.Inspectors, []data.Inspector{{MemberID: fx.second.ID, Name: "李卫东", Lead: true}}) {
		t.Errorf("inspectors %+v", in.Inspectors)
	}
	gotA, gotC, d := in.Findings[0], in.Findings[1], in.Findings[2]
	if gotA.ID != a.ID || gotA.State != data.StateFixing || !gotA.ClosedDate.IsZero() || !strings.Contains(gotA.Description, "超前支架") {
		t.Errorf("kept finding: %+v", gotA)
	}
	if gotC.ID != c.ID || gotC.State != data.StateClosed || gotC.ClosedDate != day(13) || gotC.Acceptor != "王建国" || gotC.Measures != "每班检查班前会记录" {
		t.Errorf("closed finding: %+v", gotC)
	}
	if d.ID == 0 || d.State != data.StatePending || !d.CreatedAt.Equal(later) {
		t.Errorf("new finding: %+v", d)
	}
	_, err := fx.db.Finding(ctx, b.ID)
	wantCode(t, err, data.ENotFound)
	var orphans int
	if err := fx.db.db.QueryRow(`SELECT count(*) FROM finding_history WHERE finding_id = ?`, b.ID).Scan(&orphans); err != nil || orphans != 0 {
		t.Errorf("history of the removed finding: %d rows, %v", orphans, err)
	}
	if h, _ := fx.db.History(ctx, a.ID); len(h) != 2 { // creation and 开始整改; an edit is no change of state
		t.Errorf("history of the kept finding: %+v", h)
	}

	// A finding of another inspection cannot be slipped into this one, nor one listed twice.
	other := fx.save(t, fx.inspection(11, problem("戊：巷道积水", 13)))
	twice := in
	twice.Findings = append(slices.Clone(in.Findings), other.Findings[0])
	wantCode(t, fx.db.SaveInspection(ctx, &twice), data.ENotFound)
	if got, _ := fx.db.Finding(ctx, other.Findings[0].ID); got.InspectionID != other.ID {
		t.Errorf("finding moved to inspection %d", got.InspectionID)
	}
	twice.Findings = append(slices.Clone(in.Findings), in.Findings[0])
	wantCode(t, fx.db.SaveInspection(ctx, &twice), data.ENotFound)
}

// One bad finding refuses the whole save, and nothing of it is written.
func TestSaveInspectionRollsBack(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("端头支护不及时", 15)))
	before, _ := fx.db.Inspection(ctx, in.ID)
	countRows := func() (n int) {
		if err := fx.db.db.QueryRow(`SELECT (SELECT count(*) FROM finding) + (SELECT count(*) FROM finding_history) + (SELECT count(*) FROM inspection)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	rows := countRows()

	tests := []struct {
		name   string
		change func(in *data.Inspection)
		field  string
	}{
		{"finding without responsible", func(in *data.Inspection) { in.Findings[1].Responsible = "" }, "问题2：" + data.FResponsible},
		{"category not in the list", func(in *data.Inspection) { in.Findings[1].Category = "生产任务" }, "问题2：" + data.FCategoryF},
		{"level not in the list", func(in *data.Inspection) { in.Findings[0].Level = "特大" }, "问题1：" + data.FLevel},
		{"member not in the file", func(in *data.Inspection) { in.Findings[1].MemberID = 9999 }, "问题2：" + data.FMember},
		{"team not in the file", func(in *data.Inspection) { in.Findings[1].TeamID = 9999 }, "问题2：" + data.FTeam},
		{"found before the inspection", func(in *data.Inspection) { in.Findings[1].FoundDate = day(9) }, "问题2：" + data.FFoundDate},
		{"inspected team not in the file", func(in *data.Inspection) { in.TeamID = 9999 }, data.FInspUnit},
		{"inspector not in the file", func(in *data.Inspection) { in.Inspectors[1].MemberID = 9999 }, data.FInspectors},
		{"new date after the findings", func(in *data.Inspection) { in.Date = day(12) }, "问题1：" + data.FFoundDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edit, _ := fx.db.Inspection(ctx, in.ID)
			edit.Content = "改过的内容"
			edit.Findings[0].Description = "改过的描述"
			edit.Findings = append(edit.Findings, problem("新问题", 20))
			tt.change(&edit)
			err := fx.db.SaveInspection(ctx, &edit)
			if fe := fieldErrors(t, err); fe.ForLabel(tt.field) == "" {
				t.Errorf("no problem on %s: %v", tt.field, fe)
			}
			if got, _ := fx.db.Inspection(ctx, in.ID); !reflect.DeepEqual(got, before) {
				t.Errorf("refused save changed the inspection:\n%+v", got)
			}
			if n := countRows(); n != rows {
				t.Errorf("rows %d, want %d", n, rows)
			}
			// A new inspection with the same problem is not written either.
			edit.ID = 0
			for i := range edit.Findings {
				edit.Findings[i].ID = 0
			}
			if err := fx.db.SaveInspection(ctx, &edit); err == nil || edit.ID != 0 {
				t.Errorf("new inspection saved: %v, id %d", err, edit.ID)
			}
			if n := countRows(); n != rows {
				t.Errorf("rows %d after a refused new inspection, want %d", n, rows)
			}
		})
	}
}

func TestInspectorRules(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		name   string
		people []data.Inspector
		msg    string
	}{
		{"none", nil, "至少选择一名"},
		{"no lead", []data.Inspector{{MemberID: fx.lead.ID}, {MemberID: fx.second.ID}}, "牵头人"},
		{"two leads", []data.Inspector{{MemberID: fx.lead.ID, Lead: true}, {MemberID: fx.second.ID, Lead: true}}, "牵头人"},
		{"twice the same", []data.Inspector{{MemberID: fx.lead.ID, Lead: true}, {MemberID: fx.lead.ID}}, "重复"},
		{"unknown member", []data.Inspector{{MemberID: fx.lead.ID, Lead: true}, {MemberID: 9999}}, "不在本支部"},
		{"no member", []data.Inspector{{Lead: true}}, "不在本支部"},
	}
	for _, tt := range tests {
		in := fx.inspection(20)
		in.Inspectors = tt.people
		fe := fieldErrors(t, fx.db.SaveInspection(ctx, &in))
		if !strings.Contains(fe.For(data.FInspectors), tt.msg) {
			t.Errorf("%s: %v, want %q on %s", tt.name, fe, tt.msg, data.FInspectors)
		}
	}
	in := fx.save(t, fx.inspection(20))

	// The schema holds one lead per inspection even behind the store's back.
	if _, err := fx.db.db.Exec(`UPDATE inspector SET lead = 1 WHERE inspection_id = ?`, in.ID); err == nil {
		t.Error("a second lead accepted by the schema")
	}
	// A member who inspected cannot be deleted; one only named in a finding can, the finding stays.
	err := fx.db.DeleteMember(ctx, fx.second.ID)
	wantCode(t, err, data.EConflict)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "1 次督查") || !strings.Contains(msg, "转出") {
		t.Errorf("message %q", msg)
	}
	if _, err := fx.db.Member(ctx, fx.second.ID); err != nil {
		t.Errorf("refused delete removed the member: %v", err)
	}
	f := data.Finding{FoundDate: day(20), Category: "作风纪律", Description: "上班期间玩手机", Responsible: "赵志强", Deadline: day(21), MemberID: fx.worker.ID}
	if err := fx.db.CreateFinding(ctx, &f); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.DeleteMember(ctx, fx.worker.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Finding(ctx, f.ID); got.MemberID != 0 || got.Description != "上班期间玩手机" {
		t.Errorf("finding after deleting its member: %+v", got)
	}
	// Once the inspection is gone, so is the reason to keep the member.
	if err := fx.db.DeleteInspection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.DeleteMember(ctx, fx.second.ID); err != nil {
		t.Errorf("member of a deleted inspection: %v", err)
	}
}

func TestInspectionFilters(t *testing.T) {
	fx := newFixture(t)
	mk := func(d int, kind string, team int64, fs ...data.Finding) int64 {
		in := fx.inspection(d, fs...)
		in.Kind, in.TeamID = kind, team
		if team == 0 {
			in.Unit = "职工澡堂"
		}
		return fx.save(t, in).ID
	}
	a := mk(2, "四不两直督查", fx.team1.ID, problem("甲", 5))
	b := mk(9, "专项督查", fx.team2.ID, problem("乙", 12))
	c := mk(9, "四不两直督查", 0)
	d := mk(16, "日常检查", fx.team1.ID, problem("丁", 20), problem("丁二", 20))
	closedA := fx.db.mustFindings(t, data.FindingFilter{InspectionID: a})[0]
	fx.close(t, closedA.ID, day(4))
	dFindings := fx.db.mustFindings(t, data.FindingFilter{InspectionID: d})
	fx.close(t, dFindings[0].ID, day(18)) // one of two closed: still open

	tests := []struct {
		name string
		f    data.InspectionFilter
		want []int64
	}{
		{"all, newest first", data.InspectionFilter{}, []int64{d, c, b, a}},
		{"from", data.InspectionFilter{From: day(9)}, []int64{d, c, b}},
		{"to", data.InspectionFilter{To: day(9)}, []int64{c, b, a}},
		{"one day", data.InspectionFilter{From: day(9), To: day(9)}, []int64{c, b}},
		{"kind", data.InspectionFilter{Kind: "四不两直督查"}, []int64{c, a}},
		{"team", data.InspectionFilter{TeamID: fx.team1.ID}, []int64{d, a}},
		{"no team", data.InspectionFilter{TeamID: -1}, []int64{c}},
		{"open findings", data.InspectionFilter{OpenFindings: true}, []int64{d, b}},
		{"combined", data.InspectionFilter{From: day(3), TeamID: fx.team1.ID, OpenFindings: true}, []int64{d}},
		{"none", data.InspectionFilter{Kind: "安全检查"}, nil},
	}
	for _, tt := range tests {
		list, err := fx.db.Inspections(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, in := range list {
			got = append(got, in.ID)
			if len(in.Inspectors) != 2 {
				t.Errorf("%s: inspection %d has %d inspectors", tt.name, in.ID, len(in.Inspectors))
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// Each inspection carries its own findings.
	list, _ := fx.db.Inspections(ctx, data.InspectionFilter{})
	for _, in := range list {
		for _, f := range in.Findings {
			if f.InspectionID != in.ID {
				t.Errorf("inspection %d carries finding of %d", in.ID, f.InspectionID)
			}
		}
	}
	if n := len(list[0].Findings) + len(list[1].Findings) + len(list[2].Findings) + len(list[3].Findings); n != 4 {
		t.Errorf("%d findings in the list, want 4", n)
	}
}

func (db *DB) mustFindings(t *testing.T, f data.FindingFilter) []data.Finding {
	t.Helper()
	fs, err := db.Findings(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func TestDeleteInspection(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("甲", 15), problem("乙", 15)))
	keep := fx.save(t, fx.inspection(11, problem("丙", 15)))
	fx.close(t, in.Findings[0].ID, day(12))
	if err := fx.db.DeleteInspection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	_, err := fx.db.Inspection(ctx, in.ID)
	wantCode(t, err, data.ENotFound)
	var left int
	if err := fx.db.db.QueryRow(`
		SELECT (SELECT count(*) FROM finding) + (SELECT count(*) FROM finding_history) + (SELECT count(*) FROM inspector)`).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if left != 1+1+2 { // the other inspection's finding, its creation, its two inspectors
		t.Errorf("%d rows left", left)
	}
	if got, err := fx.db.Inspection(ctx, keep.ID); err != nil || len(got.Findings) != 1 {
		t.Errorf("other inspection: %+v, %v", got, err)
	}
	wantCode(t, fx.db.DeleteInspection(ctx, in.ID), data.ENotFound)
}
