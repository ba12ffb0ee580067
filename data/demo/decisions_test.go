package demo

import (
	"context"
	"path/filepath"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// loadedDemo is a new file in t's temp dir with the demo of 60 members (3 months of inspections)
// loaded as of today.
func loadedDemo(t *testing.T, today data.Date) *sqlite.DB {
	t.Helper()
	return loadDataset(t, GenerateMonths(3, 60, 3, today))
}

// ledgersDemo is the demo the later ledgers' load tests read back (40 members, two months of
// inspections) loaded as of today, the day the store validates with, and that day.
func ledgersDemo(t *testing.T) (*sqlite.DB, data.Date) {
	t.Helper()
	now := data.Today()
	return loadDataset(t, GenerateMonths(9, 40, 2, now)), now
}

// loadDataset is a new file in t's temp dir with ds loaded, closed when t ends: the start of every
// test that reads the demo back from a real file.
func loadDataset(t testing.TB, ds Dataset) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := Load(context.Background(), db, ds); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestDecisionsDemo loads the demo into a real file: two years of decisions at the three kinds of
// meeting, linked to the 组织生活 records that fit, three flagged and one execution overdue.
func TestDecisionsDemo(t *testing.T) {
	today := data.NewDate(2026, 11, 20)
	db := loadedDemo(t, today)
	ctx := context.Background()
	ds, err := db.Decisions(ctx, data.DecisionFilter{})
	if err != nil || len(ds) < 24 {
		t.Fatalf("%d decisions, %v", len(ds), err)
	}
	if first := ds[0].Date; daysBetween(first, today) < 600 || daysBetween(first, today) > 731 {
		t.Errorf("decisions begin %s, want about two years back", first)
	}
	acts, err := db.Activities(ctx, data.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]data.Activity{}
	for _, a := range acts {
		byID[a.ID] = a
	}
	meetings := map[string]int{}
	linked, overdue := 0, 0
	flags := map[string]int{}
	for i := range ds {
		d := &ds[i]
		meetings[d.Meeting]++
		if d.ActivityID != 0 {
			linked++
			if a := byID[d.ActivityID]; data.DecisionActivityFits(d, &a) != "" {
				t.Errorf("%s linked to %s", data.DecisionLabel(d), data.ActivityLabel(&a))
			}
		}
		if d.OverdueDays(today) > 0 {
			overdue++
		}
		for _, f := range d.Flags(data.DefaultDecisionRules()) {
			flags[f.Rule]++
			if f.Rule == data.FlagMajority && (d.State != data.DecisionDecided || d.Execution != "" || !d.Deadline.IsZero()) {
				t.Errorf("%s voted down but %s, %q due %s", data.DecisionLabel(d), d.State, d.Execution, d.Deadline)
			}
		}
	}
	if meetings[data.MeetingCommittee] < 8 || meetings[data.MeetingJoint] < 8 || linked < meetings[data.MeetingCommittee] {
		t.Errorf("meetings %v, %d linked", meetings, linked)
	}
	if overdue != 1 {
		t.Errorf("%d overdue executions, want 1", overdue)
	}
	if flags[data.FlagLargeFund] != 2 || flags[data.FlagQuorum] != 1 || flags[data.FlagMajority] != 1 {
		t.Errorf("flags %v", flags)
	}
	// The month's assessment has the item's evidence.
	ev, refs, err := db.A1Evidence(ctx, data.MonthPeriod(today.Year, today.Month), today)
	if err != nil || ev.Decisions.Overdue != 1 || len(refs[data.AutoDecision]) == 0 {
		t.Errorf("A1 evidence %+v, %d refs, %v", ev.Decisions, len(refs[data.AutoDecision]), err)
	}
}
