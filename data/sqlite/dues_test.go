package sqlite

import (
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

func month(y, m int) data.Month { return data.Month{Year: y, Month: time.Month(m)} }

func (fx *fixture) base(t *testing.T, memberID int64, from data.Month, category string, base int64) data.DuesBase {
	t.Helper()
	b := data.DuesBase{MemberID: memberID, From: from, Category: category, Base: base}
	if err := fx.db.SaveDuesBase(ctx, &b); err != nil {
		t.Fatalf("SaveDuesBase: %v", err)
	}
	return b
}

// Bases, payments of several months at once, the 6-month rule, settling and reopening, against a
// real file; every change is in the operation log.
func TestDuesLedger(t *testing.T) {
	fx := newFixture(t)
	if r, err := fx.db.DuesRates(ctx); err != nil || len(r) != len(data.DefaultDuesRates()) {
		t.Fatalf("rates of a new file: %v, %v", r, err)
	}
	b := fx.base(t, fx.lead.ID, month(2026, 1), data.DuesWorking, 450000)
	fx.base(t, fx.lead.ID, month(2026, 7), data.DuesWorking, 520000)
	if b.MemberName != "王建国" {
		t.Errorf("base %+v", b)
	}
	// A second entry for the same month replaces the first's values.
	again := data.DuesBase{MemberID: fx.lead.ID, From: month(2026, 1), Category: data.DuesWorking, Base: 460000}
	if err := fx.db.SaveDuesBase(ctx, &again); err != nil || again.ID != b.ID {
		t.Fatalf("same month again: id %d (first %d), %v", again.ID, b.ID, err)
	}
	if bs, _ := fx.db.DuesBases(ctx, fx.lead.ID); len(bs) != 2 || bs[0].Base != 460000 {
		t.Fatalf("history %+v", bs)
	}
	fe := fieldErrors(t, fx.db.SaveDuesBase(ctx, &data.DuesBase{MemberID: fx.lead.ID, From: month(2026, 2), Category: data.DuesWorking}))
	if fe.For(data.FDuesBase) == "" {
		t.Errorf("a base of 0 passed: %v", fe)
	}

	// Three months at once: each at its own 应缴 (the base changed in July).
	pays, err := fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.lead.ID, Months: []data.Month{month(2026, 5), month(2026, 6), month(2026, 7)},
		Date: data.NewDate(2026, 11, 20), Method: "现金"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pays) != 3 || pays[0].Paid != 4600 || pays[2].Paid != 7800 || pays[2].Due != 7800 {
		t.Fatalf("payments %+v", pays)
	}
	// January 2026 paid in November is 10 months late: a reason is needed.
	_, err = fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.lead.ID, Months: []data.Month{month(2026, 1)}, Date: data.NewDate(2026, 11, 20), Method: "现金"})
	if fieldErrors(t, err).For(data.FDuesLate) == "" {
		t.Fatalf("late payment without a reason: %v", err)
	}
	pays, err = fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.lead.ID, Months: []data.Month{month(2026, 1)}, Date: data.NewDate(2026, 11, 20),
		Method: "转账", LateReason: "长期外派，返矿后补缴"})
	if err != nil || pays[0].LateReason != "长期外派，返矿后补缴" {
		t.Fatalf("late payment with a reason: %+v %v", pays, err)
	}
	// No base yet: the month's 应缴 is unknown.
	_, err = fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.second.ID, Months: []data.Month{month(2026, 11)}, Date: data.NewDate(2026, 11, 20), Method: "现金"})
	if fieldErrors(t, err).For(data.FDuesMonth) == "" {
		t.Fatalf("payment without a base: %v", err)
	}

	// States: May–July and January are 收缴中; settling refuses changes until reopened with a reason.
	states, err := fx.db.DuesMonths(ctx, 2026)
	if err != nil || states[4].State != data.DuesCollecting || states[1].State != data.DuesUncollected {
		t.Fatalf("states %+v %v", states, err)
	}
	if err := fx.db.SettleDuesMonth(ctx, month(2026, 6)); err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.lead.ID, Months: []data.Month{month(2026, 6)}, Amount: 5000, Date: data.NewDate(2026, 11, 20), Method: "现金"})
	wantCode(t, err, data.EConflict)
	june := pays6(t, fx)
	wantCode(t, fx.db.DeleteDuesPayment(ctx, june.ID), data.EConflict)
	if fieldErrors(t, fx.db.ReopenDuesMonth(ctx, month(2026, 6), " ")).For(data.FDuesReason) == "" {
		t.Error("reopened without a reason")
	}
	if err := fx.db.ReopenDuesMonth(ctx, month(2026, 6), "王建国六月多缴，更正"); err != nil {
		t.Fatal(err)
	}
	states, _ = fx.db.DuesMonths(ctx, 2026)
	if states[5].State != data.DuesCollecting || states[5].Reason != "王建国六月多缴，更正" {
		t.Errorf("reopened state %+v", states[5])
	}
	if _, err := fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.lead.ID, Months: []data.Month{month(2026, 6)}, Amount: 5000,
		Date: data.NewDate(2026, 11, 20), Method: "现金"}); err != nil {
		t.Fatal(err)
	}
	if p := pays6(t, fx); p.ID != june.ID || p.Paid != 5000 {
		t.Errorf("June paid again: %+v (was %+v)", p, june)
	}
	ops, err := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntDuesMonth})
	if err != nil || len(ops) != 2 || !strings.Contains(ops[0].Detail+ops[1].Detail, "重新打开，原因：王建国六月多缴，更正") {
		t.Errorf("month log %+v %v", ops, err)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntDues}); len(ops) != 5 {
		t.Errorf("payments logged %d times, want 5", len(ops))
	}

	// Deleting a payment bins it; restoring brings it back.
	if err := fx.db.DeleteDuesPayment(ctx, june.ID); err != nil {
		t.Fatal(err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || bin[0].Entity != data.EntDues {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if p := pays6(t, fx); p.Paid != 5000 {
		t.Errorf("restored %+v", p)
	}
}

func pays6(t *testing.T, fx *fixture) data.DuesPayment {
	t.Helper()
	ps, err := fx.db.DuesPayments(ctx, month(2026, 6), month(2026, 6))
	if err != nil || len(ps) != 1 {
		t.Fatalf("June payments %+v %v", ps, err)
	}
	return ps[0]
}

// The rate table is editable; a changed table changes what unpaid months owe, and bad tables are
// refused.
func TestDuesRatesStore(t *testing.T) {
	fx := newFixture(t)
	r := data.DefaultDuesRates()
	r[0].UpTo = 350000
	if err := fx.db.SetDuesRates(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, _ := fx.db.DuesRates(ctx)
	if got[0].UpTo != 350000 || len(got) != len(r) {
		t.Errorf("saved %+v", got)
	}
	fx.base(t, fx.worker.ID, month(2026, 1), data.DuesWorking, 350000)
	pays, err := fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.worker.ID, Months: []data.Month{month(2026, 11)}, Date: data.NewDate(2026, 11, 20), Method: "现金"})
	if err != nil || pays[0].Due != 1750 {
		t.Fatalf("due with edited table %+v %v", pays, err)
	}
	r[1].UpTo = 100
	if fe := fieldErrors(t, fx.db.SetDuesRates(ctx, r)); fe.ForLabel("第2档：上限(元)") == "" {
		t.Errorf("bad table: %v", fe)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntDuesRates}); len(ops) != 1 || !strings.Contains(ops[0].Detail, "≤3500.00") {
		t.Errorf("log %+v", ops)
	}
}

// Reliefs and voluntary payments are kept and logged; an exemption makes a month owe nothing.
func TestDuesReliefAndExtra(t *testing.T) {
	fx := newFixture(t)
	fx.base(t, fx.worker.ID, month(2026, 1), data.DuesRetired, 300000)
	r := data.DuesRelief{MemberID: fx.worker.ID, Kind: data.ReliefExempt, From: month(2026, 10), To: month(2026, 12),
		ApplyDate: data.NewDate(2026, 9, 20), CommitteeDate: data.NewDate(2026, 9, 25), ApprovalNo: "矿党委〔2026〕12号", Reason: "重病住院"}
	if err := fx.db.SaveDuesRelief(ctx, &r); err != nil {
		t.Fatal(err)
	}
	bad := r
	bad.ID, bad.ApprovalNo = 0, ""
	if fieldErrors(t, fx.db.SaveDuesRelief(ctx, &bad)).For(data.FDuesApproval) == "" {
		t.Error("a relief without an approval number passed")
	}
	v, err := data.LoadDues(ctx, fx.db, month(2026, 1), month(2026, 12))
	if err != nil {
		t.Fatal(err)
	}
	if d := v.DueOf(fx.worker.ID, month(2026, 11)); d.Due != 0 || d.Full != 1500 || d.Relief == nil {
		t.Errorf("exempt month %+v", d)
	}
	e := data.DuesExtra{MemberID: fx.worker.ID, Date: data.NewDate(2026, 7, 1), Amount: 100000, Method: "转账", Remark: "建党节自愿多交"}
	if err := fx.db.SaveDuesExtra(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if es, _ := fx.db.DuesExtras(ctx, 2026); len(es) != 1 || es[0].Amount != 100000 || es[0].MemberName != "赵志强" {
		t.Errorf("extras %+v", es)
	}
	if es, _ := fx.db.DuesExtras(ctx, 2025); len(es) != 0 {
		t.Errorf("2025 extras %+v", es)
	}
	if err := fx.db.DeleteDuesExtra(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.DeleteDuesRelief(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if bin, _ := fx.db.RecycleBin(ctx); len(bin) != 2 {
		t.Errorf("bin %+v", bin)
	}
}

// The A2 entry follows the ledger: generated for a member 3 months behind, gone once they pay.
func TestDuesPointEntries(t *testing.T) {
	fx := newFixture(t)
	for _, m := range []data.Member{fx.lead, fx.second, fx.worker} {
		fx.base(t, m.ID, month(2026, 1), data.DuesWorking, 400000)
		var months []data.Month
		for mo := 1; mo <= 10; mo++ {
			if m.ID != fx.worker.ID || mo <= 7 {
				months = append(months, month(2026, mo))
			}
		}
		if _, err := fx.db.PayDues(ctx, data.DuesPay{MemberID: m.ID, Months: months, Date: data.NewDate(2026, 10, 30), Method: "现金",
			LateReason: "年初未建立党费台账，集中补缴"}); err != nil {
			t.Fatal(err)
		}
	}
	// On 2026-11-23 the worker owes August–October: three months ended unpaid.
	dues := data.PointFilter{Item: data.PointDues}
	es := fx.regenerated(t, dues)
	if len(es) != 1 || es[0].MemberID != fx.worker.ID || es[0].Points != -2 || !es[0].Generated ||
		es[0].Date != data.NewDate(2026, 11, 1) || es[0].RecordKind != data.EntDues || es[0].RecordID != 2026 {
		t.Fatalf("entries %+v", es)
	}
	if es := fx.regenerated(t, dues); len(es) != 1 {
		t.Fatalf("a second run duplicated: %+v", es)
	}
	wantCode(t, fx.db.DeletePointEntry(ctx, es[0].ID), data.EInvalid)
	if _, err := fx.db.PayDues(ctx, data.DuesPay{MemberID: fx.worker.ID, Months: []data.Month{month(2026, 8)}, Date: data.NewDate(2026, 11, 20), Method: "现金"}); err != nil {
		t.Fatal(err)
	}
	if es := fx.regenerated(t, dues); len(es) != 0 {
		t.Fatalf("entries after paying %+v", es)
	}
}

// Importing bases: one transaction, a month's entry replaced, identical rows skipped.
func TestImportDuesBases(t *testing.T) {
	fx := newFixture(t)
	fx.base(t, fx.lead.ID, month(2026, 1), data.DuesWorking, 450000)
	bs := []data.DuesBase{
		{MemberID: fx.lead.ID, From: month(2026, 1), Category: data.DuesWorking, Base: 480000},
		{MemberID: fx.second.ID, From: month(2026, 1), Category: data.DuesWorking, Base: 620000},
		{MemberID: fx.worker.ID, From: month(2026, 1), Category: data.DuesRetired, Base: 380000},
	}
	res, err := fx.db.ImportDuesBases(ctx, bs, nil)
	if err != nil || res != (data.ImportResult{Added: 2, Updated: 1}) {
		t.Fatalf("import %+v %v", res, err)
	}
	res, err = fx.db.ImportDuesBases(ctx, bs, nil)
	if err != nil || res != (data.ImportResult{Skipped: 3}) {
		t.Fatalf("again %+v %v", res, err)
	}
	// A bad entry fails the whole import.
	bad := append(bs[:1:1], data.DuesBase{MemberID: fx.second.ID, From: month(2026, 2), Category: data.DuesWorking})
	bad[0].Base = 1
	if _, err := fx.db.ImportDuesBases(ctx, bad, nil); err == nil {
		t.Fatal("a bad entry imported")
	}
	if got, _ := fx.db.DuesBases(ctx, fx.lead.ID); got[0].Base != 480000 {
		t.Errorf("a failed import changed %+v", got)
	}
}
