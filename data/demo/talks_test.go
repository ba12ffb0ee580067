package demo

import (
	"context"
	"reflect"
	"testing"
	"time"

	"branchledger/data"
)

// withIDs is ds's members as saved: ids 1, 2, … in order.
func withIDs(ds Dataset) []data.Member {
	ms := make([]data.Member, len(ds.Members))
	for i, m := range ds.Members {
		m.ID = int64(i + 1)
		ms[i] = m
	}
	return ms
}

// checkGenerator runs gen, a later ledger's generator, on the 120-member demo (seed 5, members
// numbered) as of each day, twice: the runs must agree, and check looks at the first.
func checkGenerator[T any](t *testing.T, days []data.Date, gen func(ds Dataset, ms []data.Member, day data.Date) T,
	check func(day data.Date, ds Dataset, ms []data.Member, got T)) {
	t.Helper()
	for _, day := range days {
		ds := Generate(5, 120, day)
		ms := withIDs(ds)
		got := gen(ds, ms, day)
		check(day, ds, ms, got)
		if !reflect.DeepEqual(gen(ds, ms, day), got) {
			t.Errorf("%s: not deterministic", day)
		}
	}
}

func TestGenerateTalks(t *testing.T) {
	gen := func(ds Dataset, ms []data.Member, day data.Date) TalksDemo { return GenerateTalks(ms, ds.Teams, day) }
	days := []data.Date{today, data.NewDate(2026, time.March, 31), data.NewDate(2025, time.November, 30), data.NewDate(2024, time.January, 2)}
	checkGenerator(t, days, gen, func(day data.Date, ds Dataset, ms []data.Member, td TalksDemo) {
		if len(td.Talks) < 100 {
			t.Fatalf("%s: only %d talks", day, len(td.Talks))
		}
		first := td.Talks[0].Date
		if first.Before(data.DateOf(day.Time().AddDate(-2, 0, 0))) || daysBetween(first, day) < 600 {
			t.Errorf("%s: talks begin %s, want about two years back", day, first)
		}
		workers := 0
		for i := range td.Talks {
			tk := td.Talks[i]
			tk.Normalize()
			if fe := data.ValidateTalk(&tk, day); fe != nil {
				t.Fatalf("%s: talk %+v: %v", day, tk, fe)
			}
			if tk.SubjectID == 0 {
				workers++
			}
		}
		if workers < 10 {
			t.Errorf("%s: %d talks with workers", day, workers)
		}
		a := td.Appraisal
		a.Normalize()
		if fe := data.ValidateAppraisal(&a, day); fe != nil || a.Year != day.Year-1 || len(a.Rows) < 100 {
			t.Fatalf("%s: appraisal of %d, %d rows: %v", day, a.Year, len(a.Rows), fe)
		}
		if rated, excellent := a.Counts(); excellent == 0 || excellent > data.ExcellentCap(rated) {
			t.Errorf("%s: %d 优秀 of %d", day, excellent, rated)
		}
		if len(td.Terms) != 2 {
			t.Fatalf("terms %+v", td.Terms)
		}
		now := td.Terms[1]
		now.Normalize()
		if fe := data.ValidateCommitteeTerm(&now, day); fe != nil || len(now.Members) < 3 || now.Members[0].Post != "书记" {
			t.Errorf("%s: term %+v: %v", day, now, fe)
		}
		if level, msg := data.TermReminder(&now, day); level != data.TermDue {
			t.Errorf("%s: elected %s, reminder %d %q, want the 3-month one", day, now.ElectedDate, level, msg)
		}
		// A few key-post members are owed their talk this quarter; the past quarters are mostly kept.
		rules := []data.TalkRule{{Rule: data.TalkRuleKeyPost, Per: data.TalkPerQuarter, AtLeast: 1}}
		if owed := data.TalksOwed(rules, ms, td.Talks, data.TalkPeriodOf(data.TalkPerQuarter, day), day); len(owed) < owedKeyPosts || len(owed) > owedKeyPosts+2 {
			t.Errorf("%s: %d key-post members owed this quarter", day, len(owed))
		}
	})
}

func TestLoadTalks(t *testing.T) {
	ctx := context.Background()
	db, now := ledgersDemo(t)
	talks, _ := db.Talks(ctx, data.TalkFilter{})
	terms, _ := db.Terms(ctx)
	a, err := db.AppraisalOf(ctx, now.Year-1)
	if len(talks) < 30 || len(terms) != 2 || err != nil || len(a.Rows) == 0 {
		t.Fatalf("%d talks, %d terms, appraisal %v", len(talks), len(terms), err)
	}
	if level, _ := data.TermReminder(&terms[0], now); level != data.TermDue {
		t.Errorf("current term %+v", terms[0])
	}
	if talks[0].CreatedAt.Year() != talks[0].Date.Year {
		t.Errorf("a talk of %s was entered at %s", talks[0].Date, talks[0].CreatedAt)
	}
}
