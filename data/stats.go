package data

import (
	"math"
	"sort"
)

// FindingStats are the figures of 周分析 and 月讲评 (SPEC §3) for one period.
//
// Definitions (as of AsOf = the period's end, or today when the period is not over):
//   - New: findings found in the period; Closed: findings closed (销号日期) in the period;
//   - NewClosed: of New, those closed by AsOf; ClosureRate = NewClosed / New (0 when New is 0);
//   - Open: found by AsOf and not closed by AsOf; Overdue: of Open, those past their deadline on AsOf;
//   - AvgDaysToClose: mean of 销号日期 − 发现日期 over Closed.
type FindingStats struct {
	Period         Period
	AsOf           Date
	Inspections    int // inspections held in the period
	New            int
	Closed         int
	NewClosed      int
	Open           int
	Overdue        int
	ClosureRate    float64
	AvgDaysToClose float64
	ByCategory     []StatRow // in the order of the configured categories, then others by name
	ByTeam         []StatRow // teams by name, then 未指定班组
}

// StatRow is one line of a breakdown.
type StatRow struct {
	Name                                  string
	New, Closed, NewClosed, Open, Overdue int
	ClosureRate                           float64
}

// ComputeFindingStats works out the figures from the lists in memory (fast: a year of findings is
// a few thousand records). categories orders the category rows; teams names the team rows.
func ComputeFindingStats(p Period, today Date, inspections []Inspection, findings []Finding, categories []string, teams []Team) FindingStats {
	asOf := p.To
	if today.Before(asOf) {
		asOf = today
	}
	st := FindingStats{Period: p, AsOf: asOf}
	for i := range inspections {
		if p.Contains(inspections[i].Date) {
			st.Inspections++
		}
	}
	teamName := map[int64]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	byCat, byTeam := map[string]*StatRow{}, map[string]*StatRow{}
	row := func(m map[string]*StatRow, name string) *StatRow {
		if m[name] == nil {
			m[name] = &StatRow{Name: name}
		}
		return m[name]
	}
	days := 0
	var tot StatRow
	for i := range findings {
		f := &findings[i]
		closedBy := !f.ClosedDate.IsZero() && !f.ClosedDate.After(asOf) && f.State == StateClosed
		team := teamName[f.TeamID]
		if team == "" {
			team = "未指定班组"
		}
		c, t := row(byCat, f.Category), row(byTeam, team)
		add := func(fn func(r *StatRow)) { fn(&tot); fn(c); fn(t) }
		if p.Contains(f.FoundDate) {
			add(func(r *StatRow) { r.New++ })
			if closedBy {
				add(func(r *StatRow) { r.NewClosed++ })
			}
		}
		if f.State == StateClosed && !f.ClosedDate.IsZero() && p.Contains(f.ClosedDate) {
			add(func(r *StatRow) { r.Closed++ })
			days += int(f.ClosedDate.Time().Sub(f.FoundDate.Time()).Hours() / 24)
		}
		if !f.FoundDate.After(asOf) && !closedBy {
			add(func(r *StatRow) { r.Open++ })
			if !f.Deadline.IsZero() && f.Deadline.Before(asOf) {
				add(func(r *StatRow) { r.Overdue++ })
			}
		}
	}
	st.New, st.Closed, st.NewClosed, st.Open, st.Overdue = tot.New, tot.Closed, tot.NewClosed, tot.Open, tot.Overdue
	st.ClosureRate = rate(st.NewClosed, st.New)
	if st.Closed > 0 {
		st.AvgDaysToClose = math.Round(float64(days)/float64(st.Closed)*10) / 10
	}
	order := map[string]int{}
	for i, name := range categories {
		order[name] = i + 1
	}
	st.ByCategory = sortedRows(byCat, func(a, b string) bool {
		oa, ob := order[a], order[b]
		switch {
		case oa != 0 && ob != 0:
			return oa < ob
		case oa != 0 || ob != 0:
			return oa != 0
		}
		return CompareNames(a, b) < 0
	})
	st.ByTeam = sortedRows(byTeam, func(a, b string) bool {
		if (a == "未指定班组") != (b == "未指定班组") {
			return b == "未指定班组"
		}
		return CompareNames(a, b) < 0
	})
	return st
}

func sortedRows(m map[string]*StatRow, less func(a, b string) bool) []StatRow {
	out := make([]StatRow, 0, len(m))
	for _, r := range m {
		if r.New+r.Closed+r.Open == 0 {
			continue
		}
		r.ClosureRate = rate(r.NewClosed, r.New)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return less(out[i].Name, out[j].Name) })
	return out
}

func rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}
