package demo

import (
	"context"
	"testing"

	"branchledger/data"
)

// The demo's 党费: a base for every member (a few retirees, incomes in every band a coal mine pays),
// twelve months of collection with one member three months behind (and the A2 deduction for it),
// one a month behind, the older months settled.
func TestLoadDues(t *testing.T) {
	ctx := context.Background()
	today := data.Today()
	db := loadDataset(t, Generate(5, 60, today))
	now := data.MonthOf(today)
	v, err := data.LoadDues(ctx, db, now.Add(-11), now)
	if err != nil {
		t.Fatal(err)
	}
	retirees, bands := 0, map[int64]bool{}
	behind := map[int]int{}
	for _, m := range v.Members {
		d := v.DueOf(m.ID, now)
		if d.Base == nil || d.Due <= 0 {
			t.Errorf("%s owes nothing this month: %+v", m.Name, d)
			continue
		}
		if d.Base.Category == data.DuesRetired {
			retirees++
		}
		bands[d.Rate] = true
		n := 0
		for k := now.Add(-11).Index(); k < now.Index(); k++ {
			if v.Owes(m.ID, data.MonthAt(k)) {
				n++
			}
		}
		behind[n]++
	}
	if retirees < 2 || retirees > 8 || len(bands) < 4 {
		t.Errorf("%d retirees, rates %v", retirees, bands)
	}
	if behind[3] != 1 || behind[1] != 1 || behind[0] != len(v.Members)-2 {
		t.Errorf("months behind: %v", behind)
	}
	for y := now.Add(-3).Year; y <= now.Year; y++ {
		if err := db.RegeneratePointEntries(ctx, y); err != nil {
			t.Fatal(err)
		}
	}
	es, err := db.PointEntries(ctx, data.PointFilter{Item: data.PointDues})
	if err != nil || len(es) != 1 {
		t.Errorf("A2 dues entries %+v %v", es, err)
	}
	states, err := db.DuesMonths(ctx, now.Add(-3).Year)
	if err != nil || states[now.Add(-3).Month-1].State != data.DuesSettled {
		t.Errorf("states %+v %v", states, err)
	}
	if extras, _ := db.DuesExtras(ctx, 0); len(extras) == 0 {
		t.Error("no voluntary payments")
	}
}
