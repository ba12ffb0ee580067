package demo

import (
	"context"
	"slices"
	"testing"
	"time"

	"branchledger/data"
)

func TestGenerateConcerns(t *testing.T) {
	gen := func(ds Dataset, ms []data.Member, day data.Date) []ConcernDemo {
		return GenerateConcerns(ms, ds.Teams, day)
	}
	days := []data.Date{today, data.NewDate(2026, time.March, 31), data.NewDate(2025, time.December, 1), data.NewDate(2024, time.January, 2)}
	checkGenerator(t, days, gen, func(day data.Date, ds Dataset, ms []data.Member, cs []ConcernDemo) {
		if len(cs) < 30 {
			t.Fatalf("%s: only %d concerns", day, len(cs))
		}
		if first := cs[0].Date; daysBetween(first, day) < 600 || daysBetween(first, day) > 2*366 {
			t.Errorf("%s: concerns begin %s, want about two years back", day, first)
		}
		names := map[string]bool{}
		for _, m := range ms {
			names[m.Name] = true
		}
		teams := map[string]bool{"": true}
		for _, tm := range ds.Teams {
			teams[tm.Name] = true
		}
		months := map[string]bool{}
		members, workers, transferred, done, overdue, due := 0, 0, 0, 0, 0, 0
		for i := range cs {
			c := cs[i].Concern
			c.Normalize()
			if fe := data.ValidateConcern(&c, day); fe != nil {
				t.Fatalf("%s: concern %+v: %v", day, c, fe)
			}
			if !teams[c.Team] {
				t.Errorf("%s: team %q not in the roster", day, c.Team)
			}
			if names[c.Worker] {
				members++
			} else {
				workers++
			}
			if c.Result == data.ConcernTransferred {
				transferred++
				if !cs[i].Item.Done.IsZero() {
					done++
				}
			}
			if c.Visit != "" && !fitsConcern(c) {
				t.Errorf("%s: %q (%s) visited: %q", day, c.Situation, c.Result, c.Visit)
			}
			if c.VisitOverdueDays(day) > 0 {
				overdue++
			}
			if c.VisitDueBy(day, data.MonthPeriod(day.Year, day.Month).To) {
				due++
			}
			months[c.Date.String()[:7]] = true
		}
		if members == 0 || workers < members {
			t.Errorf("%s: %d members, %d other workers", day, members, workers)
		}
		if transferred < 2 || done == 0 {
			t.Errorf("%s: %d handed on, %d of them done", day, transferred, done)
		}
		if overdue != 1 || due == 0 {
			t.Errorf("%s: %d visits overdue (want 1), %d due this month", day, overdue, due)
		}
		if !months[day.String()[:7]] || len(months) < concernDemoMonths {
			t.Errorf("%s: concerns in %d months (this month: %v)", day, len(months), months[day.String()[:7]])
		}
	})
}

// Loaded, the concerns handed on have their welfare items, linked and walked like the rest; the
// month's A1 item finds its evidence.
func TestLoadConcerns(t *testing.T) {
	ctx := context.Background()
	db, now := ledgersDemo(t)
	cs, err := db.Concerns(ctx, data.ConcernFilter{})
	if err != nil || len(cs) < 30 {
		t.Fatalf("%d concerns, %v", len(cs), err)
	}
	linked, doneItems := 0, 0
	for i := range cs {
		if cs[i].WelfareID == 0 {
			continue
		}
		linked++
		w, err := db.WelfareItem(ctx, cs[i].WelfareID)
		if err != nil || w.Source != "职工反映" || w.Category == "" {
			t.Errorf("welfare item of %s: %+v, %v", data.ConcernLabel(&cs[i]), w, err)
		}
		if w.State == data.WelfareDone {
			doneItems++
		}
	}
	if linked < 2 || doneItems == 0 {
		t.Errorf("%d concerns handed on, %d items done", linked, doneItems)
	}
	if overdue, _ := db.Concerns(ctx, data.ConcernFilter{VisitOverdueOn: now}); len(overdue) != 1 {
		t.Errorf("%d visits overdue, want 1", len(overdue))
	}
	if cs[0].CreatedAt.Year() != cs[0].Date.Year {
		t.Errorf("a concern of %s was entered at %s", cs[0].Date, cs[0].CreatedAt)
	}
	ev, refs, err := db.A1Evidence(ctx, data.MonthPeriod(now.Year, now.Month), now)
	if err != nil || ev.Concern.Handled == 0 || ev.Concern.VisitsOverdue != 1 || len(refs[data.AutoConcern]) == 0 {
		t.Errorf("A1 evidence %+v, %v", ev.Concern, err)
	}
}

// fitsConcern is whether c's return visit is one the demo writes after what c raised and c's
// result.
func fitsConcern(c data.Concern) bool {
	for _, tp := range concernTopics {
		if slices.Contains(tp.situations, c.Situation) && tp.category == c.Category {
			return c.Result == data.ConcernCounselled && c.Visit == tp.visit || c.Result == data.ConcernWatching && c.Visit == tp.watching
		}
	}
	for _, tr := range concernTransfers {
		if tr.situation == c.Situation {
			return c.Result == data.ConcernTransferred && (c.Visit == tr.visit || c.Visit == concernPending)
		}
	}
	return false
}
