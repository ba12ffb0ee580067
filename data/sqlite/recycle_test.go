package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"branchledger/data"
)

// binEntry is the only entry of the bin for entity, failing the test otherwise.
func binEntry(t *testing.T, db *DB, entity string) data.BinEntry {
	t.Helper()
	bin, err := db.RecycleBin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found []data.BinEntry
	for _, e := range bin {
		if e.Entity == entity {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		t.Fatalf("bin entries of %s: %+v, want one", entity, found)
	}
	return found[0]
}

func restore(t *testing.T, db *DB, id int64) {
	t.Helper()
	if err := db.RestoreFromBin(ctx, id); err != nil {
		t.Fatalf("RestoreFromBin: %v", err)
	}
}

// A deleted member leaves every list and count, and comes back with everything: placement, roles,
// the group it led and the findings naming it.
func TestBinMember(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	g := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	m := newMember("孙丽", 9)
	m.GroupID, m.TeamID, m.PartyRole, m.KeyPost, m.Supervisor, m.Mobile = g.ID, fx.team2.ID, "党小组长", "出纳", true, "13912345678"
	m = mustCreate(t, db, m)
	g.LeaderID = m.ID
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	f := handFinding("工具摆放混乱", 21, 24)
	f.MemberID = m.ID
	f = fx.create(t, f)
	before := countMembers(t, db)

	if err := db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if countMembers(t, db) != before-1 {
		t.Error("the member is still counted")
	}
	if ms, _ := db.Members(ctx, data.MemberFilter{IncludeLeft: true}); len(ms) != before-1 {
		t.Errorf("list has %d members, want %d", len(ms), before-1)
	}
	if _, err := db.MemberByIDNumber(ctx, m.IDNumber); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the binned member is still found: %v", err)
	}
	if gs, _ := db.Groups(ctx); gs[0].LeaderID != 0 {
		t.Error("the group still has the deleted leader")
	}
	if got, _ := db.Finding(ctx, f.ID); got.MemberID != 0 {
		t.Error("the finding still names the deleted member")
	}
	e := binEntry(t, db, data.EntMember)
	if e.Label != "孙丽" || e.EntityID != m.ID || e.Object() != "党员「孙丽」" || !e.DeletedAt.Equal(clock) {
		t.Errorf("bin entry %+v", e)
	}

	restore(t, db, e.ID)
	got, err := db.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != m {
		t.Errorf("restored member\n got %+v\nwant %+v", got, m)
	}
	if gs, _ := db.Groups(ctx); gs[0].LeaderID != m.ID {
		t.Error("the group's leader is not back")
	}
	if got, _ := db.Finding(ctx, f.ID); got.MemberID != m.ID {
		t.Error("the finding's member is not back")
	}
	if bin, _ := db.RecycleBin(ctx); len(bin) != 0 {
		t.Errorf("bin after restoring: %+v", bin)
	}
}

// A deleted inspection takes its findings, their history and its inspectors to the bin and brings
// them all back.
func TestBinInspection(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	in := fx.save(t, fx.inspection(20, problem("端头支护不及时", 25), problem("班前会未点名", 26)))
	fx.close(t, in.Findings[0].ID, day(22))
	in, _ = db.Inspection(ctx, in.ID)
	hist, _ := db.History(ctx, in.Findings[0].ID)

	if err := db.DeleteInspection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	if ins, _ := db.Inspections(ctx, data.InspectionFilter{}); len(ins) != 0 {
		t.Errorf("inspections after deleting: %d", len(ins))
	}
	if fs, _ := db.Findings(ctx, data.FindingFilter{}); len(fs) != 0 {
		t.Errorf("findings after deleting the inspection: %d", len(fs))
	}
	// The inspectors were set free: they may be deleted now, but that is not what this test is about.
	e := binEntry(t, db, data.EntInspection)
	if want := "连同 2 个问题、5 条办理记录、2 名督查组成员"; e.Detail != want {
		t.Errorf("detail = %q, want %q", e.Detail, want)
	}
	if e.Label != "2026-11-20 综采一班 四不两直督查" {
		t.Errorf("label %q", e.Label)
	}

	restore(t, db, e.ID)
	got, err := db.Inspection(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, in) {
		t.Errorf("restored inspection\n got %+v\nwant %+v", got, in)
	}
	if h, _ := db.History(ctx, in.Findings[0].ID); !reflect.DeepEqual(h, hist) {
		t.Errorf("restored history\n got %+v\nwant %+v", h, hist)
	}
	// An inspector of the restored inspection is again protected from deletion.
	wantCode(t, db.DeleteMember(ctx, fx.lead.ID), data.EConflict)
}

// A finding dropped from an inspection goes to the bin and can be restored into it; one whose
// inspection is in the bin too cannot, and says so.
func TestBinFindings(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	in := fx.save(t, fx.inspection(20, problem("端头支护不及时", 25), problem("班前会未点名", 26)))
	dropped := in.Findings[1]
	in.Findings = in.Findings[:1]
	fx.save(t, in)
	e := binEntry(t, db, data.EntFinding)
	if e.Label != "班前会未点名" {
		t.Errorf("label %q", e.Label)
	}
	restore(t, db, e.ID)
	if got, _ := db.Inspection(ctx, in.ID); len(got.Findings) != 2 || got.Findings[1] != dropped {
		t.Errorf("findings after restoring: %+v", got.Findings)
	}

	if err := db.DeleteFinding(ctx, dropped.ID); err != nil {
		t.Fatal(err)
	}
	fe := binEntry(t, db, data.EntFinding)
	if err := db.DeleteInspection(ctx, in.ID); err != nil {
		t.Fatal(err)
	}
	err := db.RestoreFromBin(ctx, fe.ID)
	wantCode(t, err, data.EConflict)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "督查记录") || !strings.Contains(msg, "先恢复") {
		t.Errorf("message %q", msg)
	}
	restore(t, db, binEntry(t, db, data.EntInspection).ID)
	restore(t, db, fe.ID)
	if got, _ := db.Inspection(ctx, in.ID); len(got.Findings) != 2 {
		t.Errorf("findings after restoring both: %d", len(got.Findings))
	}
}

// A deleted group comes back with its leader and its members' and teams' group.
func TestBinGroup(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	g := data.Group{Name: "第一党小组", LeaderID: fx.lead.ID, Area: "综采工作面"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	for _, m := range []*data.Member{&fx.lead, &fx.worker} {
		m.GroupID = g.ID
		if err := db.UpdateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	tm := fx.team1
	tm.GroupID = g.ID
	if err := db.SaveTeam(ctx, &tm); err != nil {
		t.Fatal(err)
	}

	if err := db.DeleteGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if ms, _ := db.Members(ctx, data.MemberFilter{GroupID: g.ID}); len(ms) != 0 {
		t.Errorf("%d members still in the deleted group", len(ms))
	}
	// A member moved meanwhile keeps the new choice: the restore only fills what is still empty.
	g2 := data.Group{Name: "第二党小组"}
	if err := db.SaveGroup(ctx, &g2); err != nil {
		t.Fatal(err)
	}
	worker, _ := db.Member(ctx, fx.worker.ID)
	worker.GroupID = g2.ID
	if err := db.UpdateMember(ctx, &worker); err != nil {
		t.Fatal(err)
	}

	restore(t, db, binEntry(t, db, data.EntGroup).ID)
	// g's id (the highest) went to g2, so g came back under a new one, and its references followed.
	gs, _ := db.Groups(ctx)
	var back data.Group
	for _, x := range gs {
		if x.Name == g.Name {
			back = x
		}
	}
	if back.ID == g2.ID || back.ID == 0 {
		t.Fatalf("restored group %+v clashes with %+v", back, g2)
	}
	if g.ID = back.ID; back != g {
		t.Errorf("restored group %+v, want %+v", back, g)
	}
	if m, _ := db.Member(ctx, fx.lead.ID); m.GroupID != g.ID {
		t.Error("the leader's group is not back")
	}
	if m, _ := db.Member(ctx, fx.worker.ID); m.GroupID != g2.ID {
		t.Error("the restore overwrote a member's later group")
	}
	if tm, _ := getTeam(ctx, db.db, fx.team1.ID); tm.GroupID != g.ID {
		t.Errorf("team after restoring: %+v", tm)
	}
}

// A restore that would clash with saved data is refused with the reason and changes nothing; a
// restored record whose id went to a new record meanwhile gets a new id.
func TestBinRestoreClash(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	if err := db.DeleteMember(ctx, fx.worker.ID); err != nil {
		t.Fatal(err)
	}
	e := binEntry(t, db, data.EntMember)
	again := newMember("赵志刚", 5) // the same ID number, typed again
	again = mustCreate(t, db, again)
	if again.ID != fx.worker.ID {
		t.Logf("SQLite gave the new member id %d (the deleted one had %d)", again.ID, fx.worker.ID)
	}
	n := opCount(t, db)
	err := db.RestoreFromBin(ctx, e.ID)
	wantCode(t, err, data.EConflict)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, again.IDNumber) || !strings.Contains(msg, "赵志刚") {
		t.Errorf("message %q", msg)
	}
	if opCount(t, db) != n || countMembers(t, db) != 3 {
		t.Error("a refused restore changed something")
	}
	binEntry(t, db, data.EntMember) // still there

	// Once the other record is gone, the member comes back; its old id was reused, so it gets another.
	if err := db.DeleteMember(ctx, again.ID); err != nil {
		t.Fatal(err)
	}
	third := mustCreate(t, db, newMember("钱多多", 15))
	if third.ID != fx.worker.ID {
		t.Fatalf("test assumes SQLite reuses the highest id: got %d, want %d", third.ID, fx.worker.ID)
	}
	bin, _ := db.RecycleBin(ctx)
	var worker data.BinEntry
	for _, b := range bin {
		if b.Label == "赵志强" {
			worker = b
		}
	}
	restore(t, db, worker.ID)
	m, err := db.MemberByIDNumber(ctx, fx.worker.IDNumber)
	if err != nil || m.ID == fx.worker.ID || m.Name != "赵志强" || m.TeamID != fx.team1.ID {
		t.Errorf("restored member %+v, %v", m, err)
	}
	if op := lastOp(t, db); op.EntityID != m.ID {
		t.Errorf("log names id %d, want the new id %d", op.EntityID, m.ID)
	}

	// A group whose name was taken meanwhile.
	g := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	g2 := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g2); err != nil {
		t.Fatal(err)
	}
	err = db.RestoreFromBin(ctx, binEntry(t, db, data.EntGroup).ID)
	wantCode(t, err, data.EConflict)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "同名的党小组「第一党小组」") {
		t.Errorf("message %q", msg)
	}
}

func TestPurgeAndEmptyBin(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	for _, id := range []int64{fx.worker.ID, fx.second.ID} {
		if err := db.DeleteMember(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.DeleteTeam(ctx, fx.team2.ID); err != nil {
		t.Fatal(err)
	}
	bin, _ := db.RecycleBin(ctx)
	if len(bin) != 3 {
		t.Fatalf("bin %+v", bin)
	}
	if err := db.PurgeBin(ctx, bin[0].ID, bin[1].ID); err != nil {
		t.Fatal(err)
	}
	left, _ := db.RecycleBin(ctx)
	if len(left) != 1 || left[0].ID != bin[2].ID {
		t.Errorf("bin after purging two: %+v", left)
	}
	wantCode(t, db.RestoreFromBin(ctx, bin[0].ID), data.ENotFound)
	wantCode(t, db.PurgeBin(ctx, bin[0].ID), data.ENotFound)
	if err := db.EmptyBin(ctx); err != nil {
		t.Fatal(err)
	}
	if left, _ := db.RecycleBin(ctx); len(left) != 0 {
		t.Errorf("bin after emptying: %+v", left)
	}
	n := opCount(t, db)
	if err := db.EmptyBin(ctx); err != nil || opCount(t, db) != n {
		t.Errorf("emptying an empty bin: %v, logged %d", err, opCount(t, db)-n)
	}
	if countMembers(t, db) != 1 {
		t.Errorf("%d members left", countMembers(t, db))
	}
}

// A facility binned, then replaced by a new one of the same name, is not restored over it: the
// user gets the reason in Chinese, not the database's constraint error.
func TestBinRestoreFacilityClash(t *testing.T) {
	db := openTemp(t)
	old := data.Facility{Category: data.FacilityCanteen, Name: "一号食堂"}
	if err := db.SaveFacility(ctx, &old); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteFacility(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	again := data.Facility{Category: data.FacilityCanteen, Name: "一号食堂"}
	if err := db.SaveFacility(ctx, &again); err != nil {
		t.Fatal(err)
	}
	bin, err := db.RecycleBin(ctx)
	if err != nil || len(bin) != 1 {
		t.Fatalf("bin %v %v", bin, err)
	}
	err = db.RestoreFromBin(ctx, bin[0].ID)
	if data.ErrorCode(err) != data.EConflict || !strings.Contains(data.ErrorMessage(err), "同名的设施「一号食堂」") {
		t.Fatalf("restore over a new facility of the same name: %v", err)
	}
}
