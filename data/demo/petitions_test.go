package demo

import (
	"context"
	"testing"
	"time"

	"branchledger/data"
)

func TestGeneratePetitions(t *testing.T) {
	gen := func(ds Dataset, ms []data.Member, day data.Date) PetitionsDemo {
		return GeneratePetitions(ms, ds.Teams, day)
	}
	days := []data.Date{today, data.NewDate(2026, time.March, 31), data.NewDate(2025, time.November, 30), data.NewDate(2024, time.January, 2)}
	checkGenerator(t, days, gen, func(day data.Date, ds Dataset, ms []data.Member, pd PetitionsDemo) {
		if n := len(pd.Screenings); n < petitionDemoMonths-len(missedScreenings)-1 || n > petitionDemoMonths-len(missedScreenings) {
			t.Errorf("%s: %d screenings", day, n)
		}
		if len(pd.Petitions) < 12 {
			t.Fatalf("%s: only %d cases", day, len(pd.Petitions))
		}
		first := pd.Screenings[0].Date
		if first.Before(data.DateOf(day.Time().AddDate(-2, 0, 0))) || daysBetween(first, day) < 600 {
			t.Errorf("%s: screenings begin %s, want about two years back", day, first)
		}
		for i := range pd.Screenings {
			s := pd.Screenings[i]
			s.Normalize()
			if fe := data.ValidateScreening(&s, day); fe != nil {
				t.Fatalf("%s: screening %+v: %v", day, s, fe)
			}
		}
		overdue, escalated, closed, several := 0, 0, 0, 0
		teamOf := map[string]string{}
		for i := range pd.Petitions {
			p := pd.Petitions[i]
			p.Normalize()
			if t0, ok := teamOf[p.Petitioner]; ok && t0 != p.Team {
				t.Errorf("%s: %s in %s and in %s", day, p.Petitioner, t0, p.Team)
			}
			teamOf[p.Petitioner] = p.Team
			if fe := data.ValidatePetition(&p, day); fe != nil {
				t.Fatalf("%s: case %+v: %v", day, p, fe)
			}
			if p.OverdueDays(day) > 0 {
				overdue++
			}
			if p.Escalated {
				escalated++
				if daysBetween(p.Date, day) < 365 {
					t.Errorf("%s: the 越级上访 is recent (%s)", day, p.Date)
				}
			}
			if data.PetitionClosed(p.State) {
				closed++
			}
			if len(p.Keepers) > 1 {
				several++
			}
		}
		if overdue != 1 || escalated != 1 || closed < 8 || several == 0 {
			t.Errorf("%s: %d overdue, %d 越级上访, %d closed, %d 多包一", day, overdue, escalated, closed, several)
		}
	})
}

func TestLoadPetitions(t *testing.T) {
	ctx := context.Background()
	db, now := ledgersDemo(t)
	ps, _ := db.Petitions(ctx, data.PetitionFilter{})
	ss, _ := db.Screenings(ctx, data.PetitionFilter{})
	if len(ps) < 12 || len(ss) < 18 {
		t.Fatalf("%d cases, %d screenings", len(ps), len(ss))
	}
	if ps[0].CreatedAt.Year() != ps[0].Date.Year {
		t.Errorf("a case of %s was entered at %s", ps[0].Date, ps[0].CreatedAt)
	}
	// The closed cases earned their keepers 包保化解信访事项 this year.
	y := data.YearPeriod(now.Year)
	es, err := db.PointEntries(ctx, data.PointFilter{Item: data.PointPetition, From: y.From, To: y.To})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for i := range ps {
		if data.PetitionClosed(ps[i].State) && ps[i].Resolved.Year == now.Year {
			want += len(ps[i].Keepers)
		}
	}
	if len(es) != want {
		t.Errorf("%d 包保化解信访事项 entries, want %d", len(es), want)
	}
}
