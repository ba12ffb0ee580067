package data

import (
	"testing"
	"time"

	"branchledger/internal/benchkit"
)

// A hand-counted fixture: November 2026, looked at on the 23rd.
func statsFixture() ([]Inspection, []Finding, []Team) {
	teams := []Team{{ID: 1, Name: "采煤一班"}, {ID: 2, Name: "机电班"}}
	ins := []Inspection{{Date: Date{2026, 11, 2}}, {Date: Date{2026, 11, 12}}, {Date: Date{2026, 10, 1}}}
	closed := func(found, deadline, closedOn Date, cat string, team int64) Finding {
		return Finding{FoundDate: found, Deadline: deadline, ClosedDate: closedOn, State: StateClosed, Category: cat, TeamID: team}
	}
	open := func(found, deadline Date, state, cat string, team int64) Finding {
		return Finding{FoundDate: found, Deadline: deadline, State: state, Category: cat, TeamID: team}
	}
	fs := []Finding{
		closed(Date{2026, 10, 20}, Date{2026, 10, 30}, Date{2026, 11, 5}, "A", 1), // closed in Nov (16 days), found in Oct
		closed(Date{2026, 11, 2}, Date{2026, 11, 9}, Date{2026, 11, 8}, "A", 1),   // new and closed in Nov (6 days)
		open(Date{2026, 11, 10}, Date{2026, 11, 30}, StateFixing, "B", 2),         // new, open, not due
		open(Date{2026, 11, 12}, Date{2026, 11, 15}, StatePending, "B", 0),        // new, open, overdue, no team
		open(Date{2026, 10, 1}, Date{2026, 10, 15}, StateReview, "A", 1),          // old, open, overdue
	}
	return ins, fs, teams
}

func TestComputeFindingStats(t *testing.T) {
	ins, fs, teams := statsFixture()
	st := ComputeFindingStats(MonthPeriod(2026, time.November), Date{2026, 11, 23}, ins, fs, []string{"A", "B"}, teams)
	want := FindingStats{Inspections: 2, New: 3, Closed: 2, NewClosed: 1, Open: 3, Overdue: 2, AvgDaysToClose: 11}
	if st.Inspections != want.Inspections || st.New != want.New || st.Closed != want.Closed || st.NewClosed != want.NewClosed ||
		st.Open != want.Open || st.Overdue != want.Overdue || st.AvgDaysToClose != want.AvgDaysToClose || st.AsOf != (Date{2026, 11, 23}) {
		t.Fatalf("got %+v", st)
	}
	if st.ClosureRate < 0.333 || st.ClosureRate > 0.334 {
		t.Fatalf("closure rate %v, want 1/3", st.ClosureRate)
	}
	wantCat := []StatRow{
		{Name: "A", New: 1, Closed: 2, NewClosed: 1, Open: 1, Overdue: 1, ClosureRate: 1},
		{Name: "B", New: 2, Open: 2, Overdue: 1},
	}
	wantTeam := []StatRow{
		{Name: "采煤一班", New: 1, Closed: 2, NewClosed: 1, Open: 1, Overdue: 1, ClosureRate: 1},
		{Name: "机电班", New: 1, Open: 1},
		{Name: "未指定班组", New: 1, Open: 1, Overdue: 1},
	}
	if !equalRows(st.ByCategory, wantCat) || !equalRows(st.ByTeam, wantTeam) {
		t.Fatalf("breakdowns:\n%+v\n%+v", st.ByCategory, st.ByTeam)
	}

	// The same findings seen for October, a finished period: counted as they stood on the 31st.
	oct := ComputeFindingStats(MonthPeriod(2026, time.October), Date{2026, 11, 23}, ins, fs, []string{"A", "B"}, teams)
	if oct.Inspections != 1 || oct.New != 2 || oct.Closed != 0 || oct.Open != 2 || oct.Overdue != 2 || oct.AsOf != (Date{2026, 10, 31}) {
		t.Fatalf("October: %+v", oct)
	}

	// An empty period has zeros, not NaN.
	empty := ComputeFindingStats(MonthPeriod(2025, time.January), Date{2026, 11, 23}, nil, nil, nil, nil)
	if empty.New != 0 || empty.ClosureRate != 0 || empty.AvgDaysToClose != 0 || len(empty.ByCategory) != 0 {
		t.Fatalf("empty: %+v", empty)
	}
}

func equalRows(a, b []StatRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

const budgetBenchmarkFindingStatsYear = 50 * time.Millisecond

// BenchmarkFindingStatsYear is 周分析 over a year of data: 5,000 findings (target < 50 ms).
func BenchmarkFindingStatsYear(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkFindingStatsYear, 0)
	cats := DefaultFindingCategories
	fs := make([]Finding, 5000)
	start := Date{2026, 1, 1}
	for i := range fs {
		found := start.AddDays(i % 330)
		fs[i] = Finding{FoundDate: found, Deadline: found.AddDays(7), Category: cats[i%len(cats)], TeamID: int64(i%9 + 1), State: StateFixing}
		if i%3 == 0 {
			fs[i].State, fs[i].ClosedDate = StateClosed, found.AddDays(i%10)
		}
	}
	teams := make([]Team, 9)
	for i := range teams {
		teams[i] = Team{ID: int64(i + 1), Name: "班组" + string(rune('一'+i))}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ComputeFindingStats(WeekOf(Date{2026, 6, 10}), Date{2026, 11, 23}, nil, fs, cats, teams)
	}
}
