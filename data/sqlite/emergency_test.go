package sqlite

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

func (fx *fixture) emergency(t *testing.T, e data.Emergency) data.Emergency {
	t.Helper()
	if err := fx.db.SaveEmergency(ctx, &e); err != nil {
		t.Fatalf("SaveEmergency: %v", err)
	}
	return e
}

func TestEmergencyRoundTrip(t *testing.T) {
	fx := newFixture(t)
	drill := fx.emergency(t, data.Emergency{Kind: "应急演练", Date: day(5), Subject: " 井下 避灾 演练", Place: "2201工作面",
		Members: []data.EmergencyMember{{MemberID: fx.lead.ID, Commando: true}, {MemberID: fx.worker.ID}},
		Lead:    "党员带头撤离", Result: "10分钟撤至安全地点"})
	flood := fx.emergency(t, data.Emergency{Kind: "防汛防火", Date: day(12), Subject: "雨季排水",
		Members: []data.EmergencyMember{{MemberID: fx.second.ID, Commando: true}}})
	if drill.Subject != "井下 避灾 演练" && drill.Subject != "井下避灾演练" {
		t.Errorf("subject not normalised: %q", drill.Subject)
	}
	if drill.MemberNames() != "王建国（突击队）、赵志强" || drill.Commandos() != 1 {
		t.Errorf("members %+v → %s", drill.Members, drill.MemberNames())
	}
	got, err := fx.db.Emergency(ctx, drill.ID)
	if err != nil || !reflect.DeepEqual(got, drill) {
		t.Fatalf("Emergency = %+v, %v\nwant %+v", got, err, drill)
	}
	for _, c := range []struct {
		f    data.EmergencyFilter
		want int
	}{
		{data.EmergencyFilter{}, 2},
		{data.EmergencyFilter{From: day(6)}, 1},
		{data.EmergencyFilter{Kind: "应急演练"}, 1},
		{data.EmergencyFilter{MemberID: fx.second.ID}, 1},
	} {
		if es, err := fx.db.Emergencies(ctx, c.f); err != nil || len(es) != c.want {
			t.Errorf("Emergencies(%+v) = %d, %v; want %d", c.f, len(es), err, c.want)
		}
	}
	// Refusals: an unknown member, the same member twice, no subject.
	bad := data.Emergency{Date: day(6), Subject: "x", Members: []data.EmergencyMember{{MemberID: 9999}}}
	if fe := fieldErrors(t, fx.db.SaveEmergency(ctx, &bad)); !strings.Contains(fe.Error(), "不在本支部") {
		t.Errorf("unknown member: %v", fe)
	}
	bad.Members = []data.EmergencyMember{{MemberID: fx.lead.ID}, {MemberID: fx.lead.ID}}
	bad.Subject = ""
	fe := fieldErrors(t, fx.db.SaveEmergency(ctx, &bad))
	if fe.For(data.FEmSubject) == "" || !strings.Contains(fe.Error(), "重复") {
		t.Errorf("twice and no subject: %v", fe)
	}
	// Update replaces the members.
	flood.Members = append(flood.Members, data.EmergencyMember{MemberID: fx.worker.ID})
	flood.Result = "排水通畅"
	if err := fx.db.SaveEmergency(ctx, &flood); err != nil {
		t.Fatal(err)
	}
	if len(flood.Members) != 2 || flood.Result != "排水通畅" {
		t.Errorf("updated %+v", flood)
	}
	// A member in a record cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.second.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("DeleteMember of a member in a record: %v", err)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntEmergency}); len(ops) != 3 {
		t.Errorf("%d log entries, want 3", len(ops))
	}
}

// A finding raised from a record reads 来源 应急防控, lives in 问题整改 with its close-out, and
// outlives the record (unlinked; the bin restores the link).
func TestEmergencyFindings(t *testing.T) {
	fx := newFixture(t)
	drill := fx.emergency(t, data.Emergency{Kind: "应急演练", Date: day(5), Subject: "井下避灾演练",
		Members: []data.EmergencyMember{{MemberID: fx.lead.ID, Commando: true}}})
	f := problem("自救器佩戴不熟练", 20)
	f.FoundDate, f.EmergencyID = day(5), drill.ID
	if err := fx.db.CreateFinding(ctx, &f); err != nil {
		t.Fatal(err)
	}
	if f.Source != data.SourceEmergency {
		t.Errorf("source %q", f.Source)
	}
	early := problem("早于演练", 20)
	early.FoundDate, early.EmergencyID = day(4), drill.ID
	if fe := fieldErrors(t, fx.db.CreateFinding(ctx, &early)); fe.For(data.FFoundDate) == "" {
		t.Errorf("found before the drill: %v", fe)
	}
	wrong := problem("来源不对", 20)
	wrong.FoundDate, wrong.EmergencyID, wrong.Source = day(5), drill.ID, data.SourceOther
	if fe := fieldErrors(t, fx.db.CreateFinding(ctx, &wrong)); fe.For("来源") == "" {
		t.Errorf("wrong source: %v", fe)
	}
	// An edit keeps the link.
	f.EmergencyID, f.Description = 0, "自救器佩戴不熟练，需培训"
	if err := fx.db.UpdateFinding(ctx, &f); err != nil || f.EmergencyID != drill.ID {
		t.Fatalf("update: %v, %+v", err, f)
	}
	if fs, err := fx.db.Findings(ctx, data.FindingFilter{EmergencyID: drill.ID}); err != nil || len(fs) != 1 {
		t.Errorf("findings of the drill: %v, %v", fs, err)
	}
	if got, _ := fx.db.Emergency(ctx, drill.ID); got.Findings != 1 {
		t.Errorf("findings count %d", got.Findings)
	}
	// The record cannot move after its findings.
	drill.Date = day(6)
	if fe := fieldErrors(t, fx.db.SaveEmergency(ctx, &drill)); fe.For(data.FEmDate) == "" {
		t.Errorf("date after its finding: %v", fe)
	}
	// Close-out works as for any finding.
	fx.move(t, f.ID, data.StateFixing, "", nil)
	fx.move(t, f.ID, data.StateReview, "", nil)
	closed := fx.move(t, f.ID, data.StateClosed, "", &data.CloseOut{Progress: "已培训", Acceptor: "王建国", ClosedDate: day(10)})
	if closed.EmergencyID != drill.ID || closed.Source != data.SourceEmergency {
		t.Errorf("closed %+v", closed)
	}
	if err := fx.db.DeleteEmergency(ctx, drill.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := fx.db.Finding(ctx, f.ID); err != nil || got.EmergencyID != 0 || got.Source != data.SourceEmergency {
		t.Errorf("finding after the record's delete: %+v, %v", got, err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || bin[0].Entity != data.EntEmergency || !strings.Contains(bin[0].Detail, "1 名参加党员") {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Finding(ctx, f.ID); got.EmergencyID != drill.ID {
		t.Errorf("link not restored: %+v", got)
	}
	if got, _ := fx.db.Emergency(ctx, drill.ID); len(got.Members) != 1 || !got.Members[0].Commando {
		t.Errorf("restored %+v", got)
	}
}

func TestSupplies(t *testing.T) {
	fx := newFixture(t)
	today := data.DateOf(clock)
	ok := data.Supply{Name: "灭火器", Quantity: 10, Unit: "具", Place: "井口库房", Checked: day(1), Expires: data.NewDate(2028, 1, 1)}
	expired := data.Supply{Name: "自救器", Quantity: 5, Unit: "台", Expires: day(20)}
	soon := data.Supply{Name: "急救箱", Quantity: 2, Unit: "个", Expires: day(30)}
	missing := data.Supply{Name: "担架", Quantity: 0, Unit: "副"}
	saveAll(t, fx.db.SaveSupply, &ok, &expired, &soon, &missing)
	got, err := fx.db.Supply(ctx, ok.ID)
	if err != nil || !reflect.DeepEqual(got, ok) {
		t.Fatalf("Supply = %+v, %v\nwant %+v", got, err, ok)
	}
	bad := data.Supply{Name: "", Quantity: -1, Checked: day(30)}
	fe := fieldErrors(t, fx.db.SaveSupply(ctx, &bad))
	if fe.For(data.FSupName) == "" || fe.For(data.FSupQuantity) == "" || fe.For(data.FSupChecked) == "" {
		t.Errorf("bad supply: %v", fe)
	}
	todos, err := data.LoadTodos(ctx, fx.db, today)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, td := range todos {
		if td.Entity == data.EntSupply {
			lines = append(lines, td.Text())
		}
	}
	if want := []string{"过期或缺失的应急物资：2", "30天内到期的应急物资：1"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("todos %v, want %v", lines, want)
	}
	ok.Quantity = 8
	if err := fx.db.SaveSupply(ctx, &ok); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.DeleteSupply(ctx, missing.ID); err != nil {
		t.Fatal(err)
	}
	if ss, _ := fx.db.Supplies(ctx); len(ss) != 3 {
		t.Errorf("after delete: %+v", ss)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntSupply}); len(ops) != 6 {
		t.Errorf("%d log entries, want 6", len(ops))
	}
}

func TestEmergencyA1Evidence(t *testing.T) {
	fx := newFixture(t)
	// October: a drill (counts for the quarter); November: an event with two members, one 突击队.
	oct := fx.emergency(t, data.Emergency{Kind: "应急演练", Date: data.NewDate(2026, time.October, 8), Subject: "消防演练"})
	nov := fx.emergency(t, data.Emergency{Kind: "突发事件处置", Date: day(9), Subject: "皮带机着火处置",
		Members: []data.EmergencyMember{{MemberID: fx.lead.ID, Commando: true}, {MemberID: fx.second.ID}}})
	fx.emergency(t, data.Emergency{Kind: "疫情防控", Date: data.NewDate(2026, time.September, 9), Subject: "上季度"})
	expired := data.Supply{Name: "自救器", Quantity: 5, Expires: day(20)}
	fine := data.Supply{Name: "灭火器", Quantity: 5}
	saveAll(t, fx.db.SaveSupply, &expired, &fine)
	ev, refs, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, time.November), data.NewDate(2026, time.December, 4))
	if err != nil {
		t.Fatal(err)
	}
	want := data.A1EmergencyEvidence{Records: 1, Members: 2, Commandos: 1, Quarter: "2026年第四季度", Drills: 1, Supplies: 2, Faults: 1}
	want.ByKind[1] = 1
	if ev.Emergency != want {
		t.Errorf("evidence\n got %+v\nwant %+v", ev.Emergency, want)
	}
	var ids []int64
	for _, r := range refs[data.AutoEmergency] {
		ids = append(ids, r.ID)
	}
	if want := []int64{oct.ID, nov.ID, expired.ID}; !reflect.DeepEqual(ids, want) {
		t.Errorf("refs %+v, want ids %v", refs[data.AutoEmergency], want)
	}
	tallies, done, _ := data.A1Rule(data.AutoEmergency, ev)
	if len(tallies) != 1 || !strings.Contains(done, "当月应急防控1次（突发事件处置1次），党员参加2人次，其中突击队1人次") {
		t.Errorf("rule: %v, %q", tallies, done)
	}
}
