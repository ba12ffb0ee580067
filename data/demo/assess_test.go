package demo

import (
	"context"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// TestLoadAssessments checks what Load adds for the demo year: an A1 for every past month, valid
// and carrying the month's ledger evidence; the manual and generated A2 entries; an A3 for every
// member on a key post; and the same marks for the same data.
func TestLoadAssessments(t *testing.T) {
	ctx := context.Background()
	load := func() *sqlite.DB { return loadDataset(t, GenerateMonths(3, 40, 6, today)) }
	db := load()
	a1s, err := db.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly})
	if err != nil {
		t.Fatal(err)
	}
	// Six months of records up to today: an A1 for each past one of them, none for months before.
	if want := min(int(today.Month)-1, 6-1); len(a1s) != want {
		t.Fatalf("%d A1 assessments, want one for each of the %d past months with records", len(a1s), want)
	}
	totals := map[string]float64{}
	for i := range a1s {
		a := &a1s[i]
		if fe := data.ValidateAssessment(a); fe != nil {
			t.Errorf("A1 %s: %v", a.Period.Label, fe)
		}
		if a.Period.From.Year != today.Year || !a.Period.To.Before(data.NewDate(today.Year, today.Month, 1)) {
			t.Errorf("A1 period %s is not a past month of %d", a.Period.Label, today.Year)
		}
		ev, _, err := db.A1Evidence(ctx, a.Period, today)
		if err != nil {
			t.Fatal(err)
		}
		if ev.Inspections == 0 {
			t.Errorf("A1 %s is scored from a month with no inspection", a.Period.Label)
		}
		for _, it := range a.Items {
			if it.Auto == "" {
				continue
			}
			_, done, _ := data.A1Rule(it.Auto, ev)
			if it.Done != done {
				t.Errorf("A1 %s %s: 完成情况 %q, ledgers say %q", a.Period.Label, it.Name, it.Done, done)
			}
		}
		totals[a.Period.Label] = a.Score().Total
	}

	entries, err := db.PointEntries(ctx, data.PointFilter{From: data.YearPeriod(today.Year).From, To: today})
	if err != nil {
		t.Fatal(err)
	}
	manual, generated := 0, 0
	for _, e := range entries {
		if e.Generated {
			generated++
		} else {
			manual++
		}
	}
	if manual != len(demoPoints) || generated == 0 {
		t.Errorf("%d manual and %d generated point entries, want %d manual and some generated", manual, generated, len(demoPoints))
	}

	key, err := db.Members(ctx, data.MemberFilter{KeyPostOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	a3s, err := db.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne})
	if err != nil {
		t.Fatal(err)
	}
	if len(key) == 0 || len(a3s) != len(key) {
		t.Fatalf("%d A3 assessments for %d members on key posts", len(a3s), len(key))
	}
	for i := range a3s {
		if fe := data.ValidateAssessment(&a3s[i]); fe != nil || a3s[i].Period != data.YearPeriod(today.Year) {
			t.Errorf("A3 of %s (%s): %v", a3s[i].SubjectName, a3s[i].Period.Label, fe)
		}
	}

	// Deterministic: a second load gives the same A1 totals.
	again, err := load().Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range again {
		if got := a.Score().Total; got != totals[a.Period.Label] {
			t.Errorf("A1 %s: total %v on a second load, %v on the first", a.Period.Label, got, totals[a.Period.Label])
		}
	}
}
