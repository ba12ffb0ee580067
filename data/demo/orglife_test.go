package demo

import (
	"context"
	"testing"

	"branchledger/data"
)

// TestOrgLifeDemo loads the demo into a real file: two years of activities, most rules kept, a
// few gaps, leaves with reasons, absences and make-ups, and the 班前教育 of the crews.
func TestOrgLifeDemo(t *testing.T) {
	today := data.NewDate(2026, 11, 20)
	db := loadedDemo(t, today)
	ctx := context.Background()
	acts, err := db.Activities(ctx, data.ActivityFilter{})
	if err != nil || len(acts) < 24*5 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	leaves, absences, makeUps := 0, 0, 0
	for _, a := range acts {
		for _, x := range a.Absences {
			if x.State == data.AttendLeave {
				leaves++
			} else {
				absences++
			}
		}
		makeUps += len(a.MakeUps)
	}
	if leaves == 0 || absences == 0 || makeUps == 0 {
		t.Errorf("leaves %d, absences %d, make-ups %d", leaves, absences, makeUps)
	}
	rows, err := data.LoadOrgLifePlan(ctx, db, 2025, today)
	if err != nil {
		t.Fatal(err)
	}
	kept, missed := 0, 0
	for _, r := range rows {
		for _, p := range r.Periods {
			switch p.Status {
			case data.PlanKept:
				kept++
			case data.PlanMissed:
				missed++
			}
		}
	}
	if missed == 0 || missed*10 > kept {
		t.Errorf("2025: %d periods kept, %d missed: want most kept and a few gaps", kept, missed)
	}
	bs, err := db.Briefings(ctx, data.NewDate(2026, 9, 1), today)
	if err != nil || len(bs) < 60 {
		t.Errorf("%d briefings, %v", len(bs), err)
	}
}
