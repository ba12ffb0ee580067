package sqlite

import (
	"reflect"
	"testing"
	"time"

	"branchledger/data"
)

// concern is a valid 思想疏导 of a worker who is not a member, counselled by the fixture's lead.
func (fx *fixture) concern(d data.Date, worker string) data.Concern {
	return data.Concern{Date: d, Worker: worker, Team: "综采一班", Channel: "线下", Category: "家庭困难",
		Situation: "家中老人住院，夜班难以照顾", CounselorID: fx.lead.ID, Measures: "协调班组调整班次", Result: data.ConcernWatching}
}

func TestConcernRoundTrip(t *testing.T) {
	fx := newFixture(t) // today is 2026-11-23
	a := fx.concern(day(3), "陈 小军")
	a.VisitDate = day(20)
	b := fx.concern(day(10), "赵志强") // a member's name is just a name here
	b.CounselorID, b.Team = fx.second.ID, ""
	saveAll(t, fx.db.SaveConcern, &a, &b)
	if a.Worker != "陈小军" || a.Counselor != "王建国" || b.Counselor != "李卫东" || a.ID == 0 || a.CreatedAt.IsZero() {
		t.Fatalf("saved %+v / %+v", a, b)
	}
	got, err := fx.db.Concern(ctx, a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("Concern = %+v, %v\nwant %+v", got, err, a)
	}
	for _, c := range []struct {
		f    data.ConcernFilter
		want int
	}{
		{data.ConcernFilter{}, 2},
		{data.ConcernFilter{From: day(4)}, 1},
		{data.ConcernFilter{To: day(4)}, 1},
		{data.ConcernFilter{VisitOverdueOn: day(23)}, 1},
		{data.ConcernFilter{VisitOverdueOn: day(20)}, 0},
		{data.ConcernFilter{WelfareID: 1}, 0},
	} {
		if cs, err := fx.db.Concerns(ctx, c.f); err != nil || len(cs) != c.want {
			t.Errorf("Concerns(%+v) = %d, %v; want %d", c.f, len(cs), err, c.want)
		}
	}
	bad := fx.concern(day(3), "某人")
	bad.CounselorID = 9999
	if fe := fieldErrors(t, fx.db.SaveConcern(ctx, &bad)); fe.For(data.FCounselor) == "" {
		t.Errorf("unknown counsellor: %v", fe)
	}
	bad = fx.concern(day(24), "某人")
	if fe := fieldErrors(t, fx.db.SaveConcern(ctx, &bad)); fe.For(data.FConcernDate) == "" {
		t.Errorf("a day ahead: %v", fe)
	}
	a.Visit, a.Result = "老人已出院，情绪稳定", data.ConcernCounselled
	if err := fx.db.SaveConcern(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if cs, _ := fx.db.Concerns(ctx, data.ConcernFilter{VisitOverdueOn: day(23)}); len(cs) != 0 {
		t.Errorf("a visit done is still overdue: %+v", cs)
	}
	if err := fx.db.DeleteConcern(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if cs, _ := fx.db.Concerns(ctx, data.ConcernFilter{}); len(cs) != 1 || cs[0].Visit != a.Visit {
		t.Errorf("after update and delete: %+v", cs)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntConcern})
	if len(ops) != 4 {
		t.Errorf("%d log entries, want 4 (2 created, 1 changed, 1 deleted)", len(ops))
	}
	// Restored from the 回收站 as it was.
	bin, err := fx.db.RecycleBin(ctx)
	if err != nil || len(bin) != 1 || bin[0].Entity != data.EntConcern {
		t.Fatalf("bin %+v, %v", bin, err)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, err := fx.db.Concern(ctx, b.ID); err != nil || got.Worker != "赵志强" || got.Counselor != "李卫东" {
		t.Errorf("restored %+v, %v", got, err)
	}
	// The counsellor named in a concern cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.second.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("deleting the counsellor: %v", err)
	}
}

// 转办实事 makes the welfare item and links it in the concern's transaction; the link survives
// neither the item's deletion nor does the item go with the concern.
func TestConcernTransfer(t *testing.T) {
	fx := newFixture(t)
	c := fx.concern(day(5), "刘红霞")
	c.Situation = "宿舍热水器坏了一周，夜班回来洗不上热水澡"
	c.Result = data.ConcernTransferred
	if err := fx.db.SaveConcern(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if c.WelfareID == 0 || c.Welfare != c.Situation {
		t.Fatalf("no welfare item linked: %+v", c)
	}
	if back, err := fx.db.Concerns(ctx, data.ConcernFilter{WelfareID: c.WelfareID}); err != nil || len(back) != 1 || back[0].ID != c.ID {
		t.Errorf("the concern of the welfare item: %+v, %v", back, err)
	}
	w, err := fx.db.WelfareItem(ctx, c.WelfareID)
	if err != nil {
		t.Fatal(err)
	}
	if w.Title != c.Situation || w.Source != "职工反映" || w.Proposer != "刘红霞（综采一班）" || w.HandlerID != fx.lead.ID ||
		w.ProposedDate != day(5) || w.PlannedDate != day(23).AddDays(30) || w.State != data.WelfareRegistered {
		t.Errorf("welfare item %+v", w)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntWelfare}); len(ops) != 1 || ops[0].Action != data.ActCreate {
		t.Errorf("welfare log %+v", ops)
	}
	if hs, _ := fx.db.WelfareHistory(ctx, w.ID); len(hs) != 1 {
		t.Errorf("welfare history %+v", hs)
	}
	// Saving again keeps the one item; a link given by the caller is ignored.
	c.Measures, c.WelfareID = "已报区队维修", 9999
	if err := fx.db.SaveConcern(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if ws, _ := fx.db.WelfareItems(ctx, data.WelfareFilter{}); len(ws) != 1 || c.WelfareID != w.ID {
		t.Errorf("after saving again: %d items, link %d", len(ws), c.WelfareID)
	}
	// Once handed on, the result stays 转办实事.
	c.Result = data.ConcernCounselled
	if fe := fieldErrors(t, fx.db.SaveConcern(ctx, &c)); fe.For(data.FConcernResult) == "" {
		t.Errorf("result changed away from 转办实事: %v", fe)
	}
	// A saved concern handed on later (the form's button): its item starts from then.
	later := fx.concern(day(1), "马东")
	if err := fx.db.SaveConcern(ctx, &later); err != nil || later.WelfareID != 0 {
		t.Fatalf("%+v, %v", later, err)
	}
	later.Result = data.ConcernTransferred
	if err := fx.db.SaveConcern(ctx, &later); err != nil || later.WelfareID == 0 || later.WelfareID == w.ID {
		t.Fatalf("handed on later: %+v, %v", later, err)
	}
	// Deleting the concern leaves the item.
	if err := fx.db.DeleteConcern(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.WelfareItem(ctx, w.ID); err != nil {
		t.Errorf("the welfare item went with the concern: %v", err)
	}
	// Deleting the item clears the link of the other concern; restoring the item sets it again.
	if err := fx.db.DeleteWelfareItem(ctx, later.WelfareID); err != nil {
		t.Fatal(err)
	}
	got, err := fx.db.Concern(ctx, later.ID)
	if err != nil || got.WelfareID != 0 || got.Result != data.ConcernTransferred {
		t.Errorf("after deleting its item: %+v, %v", got, err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Concern(ctx, later.ID); got.WelfareID == 0 {
		t.Errorf("restoring the item did not link it again: %+v", got)
	}
}

// A failure after the welfare item is written leaves neither the item nor the concern, nor their
// log entries: one transaction.
func TestConcernTransferAtomic(t *testing.T) {
	fx := newFixture(t)
	if _, err := fx.db.db.Exec(`CREATE TRIGGER fail_concern BEFORE INSERT ON concern BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`); err != nil {
		t.Fatal(err)
	}
	c := fx.concern(day(5), "刘红霞")
	c.Result = data.ConcernTransferred
	if err := fx.db.SaveConcern(ctx, &c); err == nil {
		t.Fatal("saved despite the failure")
	}
	if ws, _ := fx.db.WelfareItems(ctx, data.WelfareFilter{}); len(ws) != 0 {
		t.Errorf("the welfare item was kept: %+v", ws)
	}
	if cs, _ := fx.db.Concerns(ctx, data.ConcernFilter{}); len(cs) != 0 {
		t.Errorf("the concern was kept: %+v", cs)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{})
	for _, op := range ops {
		if op.Entity == data.EntWelfare || op.Entity == data.EntConcern {
			t.Errorf("logged %+v", op)
		}
	}
	// Without the failure the same save makes both.
	if _, err := fx.db.db.Exec(`DROP TRIGGER fail_concern`); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.SaveConcern(ctx, &c); err != nil || c.WelfareID == 0 {
		t.Errorf("saved %+v, %v", c, err)
	}
}

func TestA1ConcernEvidence(t *testing.T) {
	fx := newFixture(t) // today is 2026-11-23
	old := fx.concern(data.NewDate(2026, 10, 10), "陈小军")
	old.VisitDate = data.NewDate(2026, 10, 30) // overdue since October
	visited := fx.concern(data.NewDate(2026, 10, 20), "马东")
	visited.VisitDate, visited.Visit = day(5), "已回访，情绪稳定" // done in November
	handed := fx.concern(day(2), "刘红霞")
	handed.Result = data.ConcernTransferred
	due := fx.concern(day(12), "杨建平")
	due.VisitDate = day(28) // due later this month
	lateThisMonth := fx.concern(day(6), "吴海涛")
	lateThisMonth.VisitDate = day(16)
	saveAll(t, fx.db.SaveConcern, &old, &visited, &handed, &due, &lateThisMonth)
	ev, refs := novemberEvidence(t, fx.db)
	want := data.A1ConcernEvidence{Handled: 3, Transferred: 1, VisitsDone: 1, VisitsPending: 1, VisitsOverdue: 2, AsOf: day(23)}
	if ev.Concern != want {
		t.Errorf("evidence %+v\nwant     %+v", ev.Concern, want)
	}
	var ids []int64
	for _, r := range refs[data.AutoConcern] {
		if r.Kind != data.EntConcern {
			t.Errorf("ref %+v", r)
		}
		ids = append(ids, r.ID)
	}
	// The month's concerns by date, then the overdue one of October.
	if wantIDs := []int64{handed.ID, lateThisMonth.ID, due.ID, old.ID}; !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("refs %v, want %v", ids, wantIDs)
	}
	// October, counted at its end: 陈小军's visit was overdue on 31 October; 马东's was made in
	// November and counts there.
	ev, _, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 10), day(23))
	if err != nil {
		t.Fatal(err)
	}
	if want := (data.A1ConcernEvidence{Handled: 2, VisitsOverdue: 1, AsOf: data.NewDate(2026, time.October, 31)}); ev.Concern != want {
		t.Errorf("October %+v\nwant    %+v", ev.Concern, want)
	}
}

// Migration 0011 makes the seeded 人文关怀疏导靠前 automatic only where the user left it as seeded.
func TestMigration0011SwitchesUnchangedItem(t *testing.T) {
	before := migrationsBefore(t, "0011")
	for _, changed := range []bool{false, true} {
		db := migrateFrom(t, before, func(old *DB, _ string) {
			if changed {
				if _, err := old.db.Exec(`UPDATE assess_template_item SET standard = '每月走访困难职工不少于2户' WHERE name = '人文关怀疏导靠前'`); err != nil {
					t.Fatal(err)
				}
			}
		})
		var item data.AssessItem
		for _, it := range templateOf(t, db, data.AssessBranchMonthly).Items {
			if it.Name == "人文关怀疏导靠前" {
				item = it
			}
		}
		db.Close()
		switch {
		case changed && (item.Auto != "" || item.Method != data.MethodManual || item.Standard != "每月走访困难职工不少于2户"):
			t.Errorf("a changed item was switched: %+v", item)
		case !changed && (item.Auto != data.AutoConcern || item.Method != data.MethodDeduct || item.Per != 2 || item.Standard != data.A1ConcernStandard):
			t.Errorf("the seeded item was not switched: %+v", item)
		}
	}
}
