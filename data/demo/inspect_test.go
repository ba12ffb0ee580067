package demo

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// checkInspections asserts what Generate promises about every inspection and finding, whatever the
// size of the branch: valid and normalised records, inspectors of the supervision team who had
// joined the Party, one lead, default categories, deadlines 3–15 days, and moves that replay from
// 待整改 to the state the finding is in.
func checkInspections(t *testing.T, ds Dataset, today data.Date) {
	t.Helper()
	for k, gen := range ds.Inspections {
		in := gen.Inspection
		if k > 0 && in.Date.Before(ds.Inspections[k-1].Date) {
			t.Errorf("inspections out of order: %v after %v", in.Date, ds.Inspections[k-1].Date)
		}
		if fe := data.ValidateInspection(&in, today); fe != nil {
			t.Errorf("inspection %d on %v: %v", k, in.Date, fe)
		}
		norm := in
		norm.Findings = slices.Clone(in.Findings)
		norm.Normalize()
		if !reflect.DeepEqual(norm, in) {
			t.Errorf("inspection %d is not normalised:\n%+v\n%+v", k, in, norm)
		}
		if (in.TeamID == 0) == (in.Unit == "") || in.TeamID > int64(len(ds.Teams)) || in.Place == "" || in.Content == "" {
			t.Errorf("inspection %d: team %d unit %q place %q content %q", k, in.TeamID, in.Unit, in.Place, in.Content)
		}
		if len(in.Inspectors) > 4 || len(in.Findings) > 3 || len(gen.Steps) != len(in.Findings) {
			t.Errorf("inspection %d: %d inspectors, %d findings, %d step lists", k, len(in.Inspectors), len(in.Findings), len(gen.Steps))
		}
		for _, p := range in.Inspectors {
			m := ds.Members[p.MemberID-1]
			if !m.Supervisor || m.JoinDate.After(in.Date) {
				t.Errorf("inspector %s on %v: supervisor %v, joined %v", m.Name, in.Date, m.Supervisor, m.JoinDate)
			}
		}
		for i, f := range in.Findings {
			if d := daysBetween(f.FoundDate, f.Deadline); d < 3 || d > 15 {
				t.Errorf("inspection %d finding %d: deadline %d days after found", k, i, d)
			}
			checkFinding(t, f, gen.Steps[i], ds, today)
		}
	}
	for _, gen := range ds.Findings {
		f := gen.Finding
		if f.Source != data.SourceOther || f.InspectionID != 0 || f.Responsible == "" {
			t.Errorf("hand finding %+v", f)
		}
		if fe := data.ValidateFinding(&f, today); fe != nil {
			t.Errorf("hand finding %s: %v", f.Description, fe)
		}
		checkFinding(t, f, gen.Steps, ds, today)
	}
}

// checkFinding asserts one finding's references and its moves.
func checkFinding(t *testing.T, f data.Finding, steps []Step, ds Dataset, today data.Date) {
	t.Helper()
	if !slices.Contains(data.DefaultFindingCategories, f.Category) || !slices.Contains(data.DefaultFindingLevels, f.Level) {
		t.Errorf("%s: category %q level %q", f.Description, f.Category, f.Level)
	}
	if f.MemberID < 0 || f.MemberID > int64(len(ds.Members)) || f.TeamID < 0 || f.TeamID > int64(len(ds.Teams)) {
		t.Errorf("%s: member %d team %d", f.Description, f.MemberID, f.TeamID)
	}
	if f.MemberID > 0 && ds.Members[f.MemberID-1].JoinDate.After(f.FoundDate) {
		t.Errorf("%s: involves a member who joined later", f.Description)
	}
	norm := f
	norm.Normalize()
	if norm != f {
		t.Errorf("finding is not normalised: %+v", f)
	}
	replayed := f
	replayed.State, replayed.Progress, replayed.Acceptor, replayed.ClosedDate = data.StatePending, "", "", data.Date{}
	for _, s := range steps {
		if err := data.ApplyTransition(&replayed, s.To, s.Reason, s.CloseOut, today); err != nil {
			t.Errorf("%s: move to %s refused: %v", f.Description, s.To, err)
			return
		}
	}
	if replayed != f {
		t.Errorf("moves do not lead to the finding:\n%+v\n%+v", replayed, f)
	}
}

// checkSpread asserts, for a branch of 30 or more, that the year looks like a real one.
func checkSpread(t *testing.T, ds Dataset, today data.Date) {
	t.Helper()
	perMonth := map[string]int{}
	kinds, shifts, categories := map[string]int{}, map[string]int{}, map[string]bool{}
	var none, units, findings int
	for _, gen := range ds.Inspections {
		in := gen.Inspection
		perMonth[in.Date.String()[:7]]++
		kinds[in.Kind]++
		shifts[in.Shift]++
		if len(in.Findings) == 0 {
			none++
		}
		if in.TeamID == 0 {
			units++
		}
		if n := len(in.Inspectors); n < 2 {
			t.Errorf("inspection on %v by %d people", in.Date, n)
		}
		for _, f := range in.Findings {
			categories[f.Category] = true
			findings++
		}
	}
	for _, f := range ds.Findings {
		categories[f.Category] = true
	}
	first := today.Time().AddDate(0, -DefaultMonths, 1)
	for m := first.AddDate(0, 1, 1-first.Day()); m.Year() < today.Year || m.Month() < today.Month; m = m.AddDate(0, 1, 0) {
		if n := perMonth[m.Format("2006-01")]; n < 15 || n > 25 {
			t.Errorf("%d inspections in %s, want 15–25", n, m.Format("2006-01"))
		}
	}
	if kinds["四不两直督查"]*2 < len(ds.Inspections) || len(kinds) != len(data.InspectionKinds) {
		t.Errorf("kinds %v", kinds)
	}
	for _, s := range data.Shifts {
		if shifts[s] == 0 {
			t.Errorf("no inspection on the %s", s)
		}
	}
	if none == 0 || none*2 > len(ds.Inspections) || units == 0 || units*5 > len(ds.Inspections) {
		t.Errorf("%d of %d inspections without findings, %d of units", none, len(ds.Inspections), units)
	}
	if len(categories) < len(data.DefaultFindingCategories) {
		t.Errorf("categories used: %v", categories)
	}
	if len(ds.Findings) < 5 {
		t.Errorf("%d findings typed by hand", len(ds.Findings))
	}

	// Old findings are mostly closed; recent ones are in every open state, and some closed lately;
	// some are overdue, a few reopened, some failed a check.
	var old, oldClosed, closedLately, overdue, reopened, failed int
	recent := map[string]int{}
	all := func(fn func(f data.Finding, steps []Step)) {
		for _, gen := range ds.Inspections {
			for i, f := range gen.Findings {
				fn(f, gen.Steps[i])
			}
		}
		for _, gen := range ds.Findings {
			fn(gen.Finding, gen.Steps)
		}
	}
	all(func(f data.Finding, steps []Step) {
		age := daysBetween(f.FoundDate, today)
		if age > 90 {
			old++
			if f.State == data.StateClosed {
				oldClosed++
			}
		}
		if age <= recentDays {
			recent[f.State]++
		}
		if f.State == data.StateClosed && daysBetween(f.ClosedDate, today) <= 60 {
			closedLately++
		}
		if f.OverdueDays(today) > 0 {
			overdue++
		}
		for i, s := range steps {
			if s.Reason != "" && i > 0 && steps[i-1].To == data.StateClosed {
				reopened++
			} else if s.Reason != "" {
				failed++
			}
		}
	})
	if oldClosed*100 < old*90 {
		t.Errorf("%d of %d findings older than 90 days closed", oldClosed, old)
	}
	for _, s := range []string{data.StatePending, data.StateFixing, data.StateReview} {
		if recent[s] == 0 {
			t.Errorf("no recent finding %s: %v", s, recent)
		}
	}
	if closedLately == 0 {
		t.Error("nothing closed in the last 60 days")
	}
	if overdue == 0 || overdue*5 > findings || reopened == 0 || reopened*8 > findings || failed == 0 {
		t.Errorf("%d findings: %d overdue, %d reopened, %d failed a check", findings, overdue, reopened, failed)
	}
}

func TestGenerateMonths(t *testing.T) {
	year := Generate(42, 300, today)
	quarter := GenerateMonths(42, 300, 3, today)
	if !reflect.DeepEqual(year.Members, quarter.Members) || !reflect.DeepEqual(year.Groups, quarter.Groups) {
		t.Error("the months changed the members")
	}
	from := data.NewDate(2026, time.August, 24)
	if len(quarter.Inspections) == 0 || quarter.Inspections[0].Date.Before(from) || len(quarter.Inspections)*3 > len(year.Inspections) {
		t.Errorf("3 months: %d inspections from %v; a year: %d", len(quarter.Inspections), quarter.Inspections[0].Date, len(year.Inspections))
	}
	if last := quarter.Inspections[len(quarter.Inspections)-1].Date; last.After(today) {
		t.Errorf("inspection on %v, after today", last)
	}
	checkInspections(t, quarter, today)
	if none := GenerateMonths(42, 300, 0, today); len(none.Inspections)+len(none.Findings) != 0 {
		t.Error("0 months gave inspections")
	}
}

// Load saves every inspection and finding and walks each finding through its moves, so the file
// holds the generated states and a history of every move.
func TestLoadInspections(t *testing.T) {
	ctx := context.Background()
	now := data.Today()
	ds := GenerateMonths(5, 60, 4, now)
	db := loadDataset(t, ds)
	saved, err := db.Inspections(ctx, data.InspectionFilter{})
	if err != nil || len(saved) != len(ds.Inspections) {
		t.Fatalf("%d inspections saved of %d: %v", len(saved), len(ds.Inspections), err)
	}
	members, _ := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
	nameOf := map[int64]string{}
	for _, m := range members {
		nameOf[m.ID] = m.Name
	}
	// key names a finding independently of ids.
	key := func(f data.Finding, member string) string {
		return strings.Join([]string{f.FoundDate.String(), f.Description, f.Source, f.Category, f.Level, f.Responsible, member,
			f.Deadline.String(), f.State, f.Progress, f.Acceptor, f.ClosedDate.String()}, "|")
	}
	var want, got []string
	moves := map[string]int{}
	for _, gen := range ds.Inspections {
		for i, f := range gen.Findings {
			k := key(f, memberName(ds, f.MemberID))
			want, moves[k] = append(want, k), len(gen.Steps[i])
		}
	}
	for _, gen := range ds.Findings {
		k := key(gen.Finding, memberName(ds, gen.MemberID))
		want, moves[k] = append(want, k), len(gen.Steps)
	}
	for _, c := range ds.Checks { // raised from 两堂一舍 deductions
		for _, cf := range c.Findings {
			k := key(cf.Finding, "")
			want, moves[k] = append(want, k), len(cf.Steps)
		}
	}
	fs, err := db.Findings(ctx, data.FindingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	reopened := 0
	for _, f := range fs {
		if f.Source == data.SourceEmergency {
			continue // raised from 应急防控 records (emergencies_test.go)
		}
		k := key(f, nameOf[f.MemberID])
		got = append(got, k)
		h, err := db.History(ctx, f.ID)
		if err != nil || len(h) != 1+moves[k] {
			t.Errorf("%s: %d history entries, want %d (%v)", f.Description, len(h), 1+moves[k], err)
		}
		checkHistoryTimes(t, f, h, now)
		for _, c := range h {
			if c.From == data.StateClosed && c.Reason != "" {
				reopened++
			}
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("saved findings differ from the generated ones:\n%v\n%v", got, want)
	}
	// Inspections keep their inspectors, with a lead each.
	for _, in := range saved {
		if in.Lead().Name == "" || in.Unit == "" || len(in.Inspectors) < 2 {
			t.Errorf("inspection on %v: %+v", in.Date, in)
		}
	}
	t.Logf("%d inspections, %d findings, %d reopened", len(saved), len(fs), reopened)

	// The file passes its own check.
	if problems, err := db.Verify(ctx, now); err != nil || len(problems) != 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// checkHistoryTimes: a finding's 办理记录 carry the times of the events they record (issue 10 #25),
// not the time of loading: the entry on the day found, in the morning; the moves in order, on
// working days' hours, none after today; the close-out on the 销号日期.
func checkHistoryTimes(t *testing.T, f data.Finding, h []data.StateChange, today data.Date) {
	t.Helper()
	if len(h) == 0 {
		return
	}
	for i, c := range h {
		at := c.At.Local()
		day := data.DateOf(at)
		switch {
		case i > 0 && at.Before(h[i-1].At):
			t.Errorf("%s (found %v): move %d at %v before the one before it, %v", f.Description, f.FoundDate, i, at, h[i-1].At.Local())
		case day.Before(f.FoundDate) || day.After(today):
			t.Errorf("%s (found %v): move %d on %v", f.Description, f.FoundDate, i, day)
		case day != today && (at.Hour() < 8 || at.Hour() > 21):
			t.Errorf("%s: move %d at %v, out of working hours", f.Description, i, at)
		case i == 0 && f.FoundDate != today && (day != f.FoundDate || at.Hour() < 9 || at.Hour() > 11):
			t.Errorf("%s (found %v): entered at %v, want the morning of the day found", f.Description, f.FoundDate, at)
		case c.To == data.StateClosed && c.CloseOut != nil && day != c.CloseOut.ClosedDate && c.CloseOut.ClosedDate != today:
			t.Errorf("%s: closed on %v, recorded at %v", f.Description, c.CloseOut.ClosedDate, at)
		}
	}
}

func memberName(ds Dataset, pos int64) string {
	if pos <= 0 {
		return ""
	}
	return ds.Members[pos-1].Name
}
