package demo

import (
	"context"
	"slices"
	"testing"

	"branchledger/data"
)

// withoutRecruited drops the members made from the demo's people in the pipeline.
func withoutRecruited(ms []data.Member, ds Dataset) []data.Member {
	return slices.DeleteFunc(ms, func(m data.Member) bool {
		return slices.ContainsFunc(ds.Recruits, func(r data.Recruit) bool { return r.IDNumber == m.IDNumber })
	})
}

// The demo people are at different stages with consistent dates, one with an extended 预备期; those
// past step 15 are in the roster with the dates of their steps, and the 工作台 has something due.
func TestDemoRecruits(t *testing.T) {
	ctx := context.Background()
	today := data.Today()
	ds := Generate(5, 60, today)
	if len(ds.Recruits) != len(recruitStages) {
		t.Fatalf("%d people", len(ds.Recruits))
	}
	db := loadDataset(t, ds)
	rs, err := db.Recruits(ctx)
	if err != nil || len(rs) != len(recruitStages) {
		t.Fatalf("%d saved, %v", len(rs), err)
	}
	stages, extended, due := map[int]bool{}, 0, 0
	for i := range rs {
		r := &rs[i]
		stages[r.Stage()] = true
		if fe := data.ValidateRecruit(r, today); fe != nil {
			t.Errorf("%s: %v", r.Name, fe)
		}
		if r.ExtendMonths > 0 {
			extended++
		}
		due += len(data.RecruitDue(r, today, 30))
		if (r.Stage() >= data.StepAdmit) != (r.MemberID != 0) {
			t.Errorf("%s at step %d: member %d", r.Name, r.Stage(), r.MemberID)
		}
		if r.MemberID == 0 {
			continue
		}
		m, err := db.Member(ctx, r.MemberID)
		if err != nil || m.JoinDate != r.Date(data.StepAdmit) || m.FullDate != r.FullDate() || m.IDNumber != r.IDNumber {
			t.Errorf("%s: member %+v %v", r.Name, m, err)
		}
	}
	if len(stages) < 7 || extended != 1 || due < 4 {
		t.Errorf("stages %v, %d extended, %d due within 30 days", stages, extended, due)
	}
}
