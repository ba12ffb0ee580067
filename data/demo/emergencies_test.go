package demo

import (
	"context"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

func TestGenerateEmergencies(t *testing.T) {
	gen := func(ds Dataset, ms []data.Member, day data.Date) EmergencyDemo { return GenerateEmergencies(ms, day) }
	days := []data.Date{today, data.NewDate(2026, time.March, 31), data.NewDate(2024, time.January, 2)}
	checkGenerator(t, days, gen, func(day data.Date, ds Dataset, ms []data.Member, ed EmergencyDemo) {
		if len(ed.Records) < 12 {
			t.Fatalf("%s: only %d records", day, len(ed.Records))
		}
		first := ed.Records[0].Date
		if daysBetween(first, day) < 500 || daysBetween(first, day) > 2*366 {
			t.Errorf("%s: records begin %s, want about two years back", day, first)
		}
		kinds, commandos := map[string]int{}, 0
		for i := range ed.Records {
			e := ed.Records[i]
			e.Normalize()
			if fe := data.ValidateEmergency(&e, day); fe != nil {
				t.Fatalf("%s: record %+v: %v", day, e, fe)
			}
			if i > 0 && e.Date.Before(ed.Records[i-1].Date) {
				t.Errorf("%s: records out of order at %d", day, i)
			}
			kinds[e.Kind]++
			commandos += e.Commandos()
			if m, ok := matterOf(e.Subject); !ok || e.Lead != m.lead || !strings.HasPrefix(e.Result, "已完成，发现不足") && e.Result != m.result {
				t.Errorf("%s: %s has 带头情况 %q and 结果 %q", day, e.Subject, e.Lead, e.Result)
			}
		}
		if kinds[data.EmergencyDrill] < 8 || len(kinds) < 3 || commandos == 0 {
			t.Errorf("%s: kinds %v, %d 突击队", day, kinds, commandos)
		}
		if len(ed.Findings) != 2 || !ed.Findings[0].Close || ed.Findings[1].Close {
			t.Errorf("%s: findings %+v", day, ed.Findings)
		}
		faults, expiring := 0, 0
		for i := range ed.Supplies {
			x := ed.Supplies[i]
			if fe := data.ValidateSupply(&x, day); fe != nil {
				t.Fatalf("%s: supply %+v: %v", day, x, fe)
			}
			if data.SupplyFault(&x, day) {
				faults++
			}
			if data.SupplyInView(&x, data.ViewSupplyExpiring, day) {
				expiring++
			}
		}
		if faults != 1 || expiring != 1 {
			t.Errorf("%s: %d supplies in fault, %d expiring; want 1 and 1", day, faults, expiring)
		}
	})
}

func TestLoadEmergencies(t *testing.T) {
	ctx := context.Background()
	db, now := ledgersDemo(t)
	es, _ := db.Emergencies(ctx, data.EmergencyFilter{})
	ss, _ := db.Supplies(ctx)
	fs, _ := db.Findings(ctx, data.FindingFilter{Source: data.SourceEmergency})
	if len(es) < 12 || len(ss) != len(supplyItems) || len(fs) != 2 {
		t.Fatalf("%d records, %d supplies, %d findings", len(es), len(ss), len(fs))
	}
	if fs[0].State != data.StateClosed || fs[0].EmergencyID == 0 || fs[1].State != data.StateFixing {
		t.Errorf("findings %+v", fs)
	}
	if es[0].CreatedAt.Year() != es[0].Date.Year {
		t.Errorf("a record of %s was entered at %s", es[0].Date, es[0].CreatedAt)
	}
	// The month's A1 evidence reads the records.
	ev, refs, err := db.A1Evidence(ctx, data.MonthPeriod(now.Year, now.Month), now)
	if err != nil {
		t.Fatal(err)
	}
	_, done, _ := data.A1Rule(data.AutoEmergency, ev)
	if ev.Emergency.Supplies != len(supplyItems) || ev.Emergency.Faults != 1 || len(refs[data.AutoEmergency]) == 0 || !strings.Contains(done, "应急物资8项") {
		t.Errorf("evidence %+v, %q", ev.Emergency, done)
	}
}

// matterOf is the demo matter of the subject.
func matterOf(subject string) (emergencyMatter, bool) {
	for _, ms := range append([][]emergencyMatter{drillMatters}, eventMatters["突发事件处置"], eventMatters["疫情防控"], eventMatters["防汛防火"]) {
		for _, m := range ms {
			if m.subject == subject {
				return m, true
			}
		}
	}
	return emergencyMatter{}, false
}
