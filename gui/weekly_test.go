package gui

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/internal/benchkit"
	"branchledger/reports/catalog"
)

// tileValue is the big number shown over caption under o ("" when there is none).
func tileValue(o fyne.CanvasObject, caption string) string {
	objs := test.LaidOutObjects(o)
	for i, obj := range objs {
		if l, ok := obj.(*widget.Label); ok && l.Text == caption {
			for j := i - 1; j >= 0; j-- {
				if txt := textOf(objs[j]); txt != "" {
					return txt
				}
			}
		}
	}
	return ""
}

// chartTexts are a chart's row labels and, per row, the numbers its bars show.
func chartTexts(t *testing.T, c *BarChart) (labels []string, values [][]string) {
	t.Helper()
	r := test.TempWidgetRenderer(t, c).(*barChartRenderer)
	for i, l := range r.labels {
		labels = append(labels, l.Text)
		var vs []string
		for _, v := range r.values[i] {
			vs = append(vs, v.Text)
		}
		values = append(values, vs)
	}
	return labels, values
}

// addTestInspection saves an inspection of the day by member m, without findings.
func addTestInspection(t *testing.T, env *Env, d data.Date, m data.Member) {
	t.Helper()
	saveTestInspection(t, env, data.Inspection{Date: d, Kind: data.InspectionKinds[0], Unit: "综采一队",
		Inspectors: []data.Inspector{{MemberID: m.ID, Lead: true}}})
}

// weekFixture is the hand-counted week of 2026-11-09 to 11-15 (today is 11-23):
//
//	1 found 11-10, 安全生产不实, 综采一班, closed 11-11        new, closed in the week (1 day)
//	2 found 11-11, 安全生产不实, 综采二班, due 11-13, closed 11-20  new, open and overdue on 11-15
//	3 found 11-14, 作风纪律, 综采一班, due 11-30, open          new, open
//	4 found 11-02, 环境卫生, 综采二班, closed 11-12            closed in the week (10 days)
//	5 found 11-03, 作风纪律, no team, due 11-05, open          open and overdue
//	6 found 11-18                                              after the week
//
// and one inspection on 11-10 (another on 11-18).
func weekFixture(t *testing.T) *Env {
	env, _, teams := rhythmEnv(t)
	t1, t2 := teams[0].ID, teams[1].ID
	addRhythmFindings(t, env,
		rf{desc: "问题一", team: t1, found: day(10), deadline: day(12), state: data.StateClosed, closed: day(11)},
		rf{desc: "问题二", team: t2, found: day(11), deadline: day(13), state: data.StateClosed, closed: day(20)},
		rf{desc: "问题三", category: "作风纪律", team: t1, found: day(14), deadline: day(30), state: data.StateFixing},
		rf{desc: "问题四", category: "环境卫生", team: t2, found: day(2), deadline: day(9), state: data.StateClosed, closed: day(12)},
		rf{desc: "问题五", category: "作风纪律", found: day(3), deadline: day(5), state: data.StatePending},
		rf{desc: "问题六", team: t1, found: day(18), deadline: day(25), state: data.StatePending},
	)
	m := addTestMember(t, env, "王督查", 1, 0, 0)
	addTestInspection(t, env, day(10), m)
	addTestInspection(t, env, day(18), m)
	return env
}

func TestWeeklyShowsHandCountedWeek(t *testing.T) {
	env := weekFixture(t)
	s := NewWeeklyScreen(env)
	show(env, s)
	if s.week != data.WeekOf(day(23)) {
		t.Fatalf("周分析 opens on %s, want this week", s.week.Label)
	}
	if !s.next.Disabled() {
		t.Error("下一周 is enabled on this week")
	}
	test.Tap(s.prev)
	test.Tap(s.prev)
	if !strings.HasPrefix(s.weekLabel.Text, "2026年11月9日至2026年11月15日") {
		t.Fatalf("two weeks back shows %q", s.weekLabel.Text)
	}
	if s.next.Disabled() {
		t.Error("下一周 is disabled on a past week")
	}

	for _, c := range []struct{ caption, want string }{
		{"督查次数", "1"}, {"新发现", "3"}, {"已销号", "1"}, {"未销号", "3"}, {"逾期", "2"},
		{"销号率", "33%"}, {"平均销号天数", "5.5"},
	} {
		if got := tileValue(s.Content(), c.caption); got != c.want {
			t.Errorf("%s shows %q, want %q", c.caption, got, c.want)
		}
	}

	charts := []struct {
		name   string
		chart  *BarChart
		labels []string
		values [][]string
	}{
		{"按问题类别", s.byCategory, []string{"安全生产不实", "作风纪律"}, [][]string{{"2", "1"}, {"1", "0"}}},
		{"按班组", s.byTeam, []string{"综采一班", "综采二班"}, [][]string{{"2", "1"}, {"1", "0"}}},
	}
	for _, c := range charts {
		labels, values := chartTexts(t, c.chart)
		if !slices.Equal(labels, c.labels) || !slices.EqualFunc(values, c.values, slices.Equal) {
			t.Errorf("%s: %v %v, want %v %v", c.name, labels, values, c.labels, c.values)
		}
		// Bars are as long as their numbers say: 2 fills the area, 1 is half of it, 0 is nothing.
		r := test.TempWidgetRenderer(t, c.chart).(*barChartRenderer)
		full := r.bars[0][0].Size().Width
		if full < 50 {
			t.Fatalf("%s: the longest bar is %v wide", c.name, full)
		}
		for _, b := range []struct {
			row, series int
			share       float32
		}{{0, 1, 0.5}, {1, 0, 0.5}, {1, 1, 0}} {
			if w := r.bars[b.row][b.series].Size().Width; math.Abs(float64(w-full*b.share)) > 1 {
				t.Errorf("%s: bar %d/%d is %v wide, want %v", c.name, b.row, b.series, w, full*b.share)
			}
		}
	}

	// The closure rate of the 8 weeks ending with the week shown: 11-02's week found 4 and 5, none
	// closed by its end; weeks before found nothing.
	labels, values := chartTexts(t, s.rates)
	if len(labels) != rateWeeks || labels[rateWeeks-1] != "11月9日" || labels[0] != "9月21日" {
		t.Errorf("rate weeks = %v", labels)
	}
	wantRates := []string{"—", "—", "—", "—", "—", "—", "0%", "33%"}
	var rates []string
	for _, v := range values {
		rates = append(rates, v[0])
	}
	if !slices.Equal(rates, wantRates) {
		t.Errorf("rates = %v, want %v", rates, wantRates)
	}
}

func TestWeeklyJumpToDate(t *testing.T) {
	env := weekFixture(t)
	s := NewWeeklyScreen(env)
	show(env, s)
	for _, tc := range []struct {
		typed, week string
	}{
		{"2026-11", "2026年11月23日至"}, // a month is not a day: stays
		{"2026-11-11", "2026年11月9日至2026年11月15日"},
		{"20261103", "2026年11月2日至2026年11月8日"},
	} {
		s.jump.SetText("")
		test.Type(s.jump, tc.typed)
		if !strings.HasPrefix(s.weekLabel.Text, tc.week) {
			t.Errorf("after typing %s the week is %q, want %s…", tc.typed, s.weekLabel.Text, tc.week)
		}
	}
	test.Tap(s.this)
	if s.week != data.WeekOf(day(23)) {
		t.Errorf("本周 shows %s", s.week.Label)
	}
}

func TestWeeklyReloadKeepsWeek(t *testing.T) {
	env := weekFixture(t)
	s := NewWeeklyScreen(env)
	show(env, s)
	s.ShowWeek(data.WeekOf(day(11)))
	addRhythmFindings(t, env, rf{desc: "补登的问题", found: day(12), deadline: day(20), state: data.StatePending})
	s.Reload()
	if !strings.HasPrefix(s.weekLabel.Text, "2026年11月9日") {
		t.Fatalf("reload moved to %q", s.weekLabel.Text)
	}
	if got := tileValue(s.Content(), "新发现"); got != "4" {
		t.Errorf("新发现 after adding one = %s, want 4", got)
	}
}

func TestWeeklyMonthlyReview(t *testing.T) {
	env := weekFixture(t)
	s := NewWeeklyScreen(env)
	show(env, s)
	if s.month.Selected != "2026年11月" {
		t.Errorf("月讲评 month = %q, want this month", s.month.Selected)
	}
	// November: inspections 11-10 and 11-18; found 1,2,3,4,5,6; closed by today 1,2,4.
	if want := "2026年11月：督查 2 次，发现问题 6 项，已销号 3 项（销号率 50%）"; !strings.HasPrefix(s.monthSummary.Text, want) {
		t.Errorf("month summary = %q, want %s…", s.monthSummary.Text, want)
	}
	s.month.SetSelected("2026年10月")
	if !strings.Contains(s.monthSummary.Text, "发现问题 0 项") {
		t.Errorf("October summary = %q", s.monthSummary.Text)
	}

	path := filepath.Join(t.TempDir(), "review.xlsx")
	if err := writeReport(context.Background(), s.env, catalog.ByID("R4"), catalog.Input{Period: s.reviewMonth()}, path); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "综采一队党支部月度讲评表" {
		t.Errorf("title = %q", rows[0][0])
	}
	if !strings.Contains(strings.Join(rows[1], "|"), "2026年10月") {
		t.Errorf("row 2 = %v, want the period 2026年10月", rows[1])
	}
}

const budgetBenchmarkWeeklyReload5000 = 50 * time.Millisecond

// BenchmarkWeeklyReload5000 reloads 周分析 over a year of 5,000 findings (every finding read from
// the file, the week's figures, the charts and the 8 weeks' closure rates).
func BenchmarkWeeklyReload5000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkWeeklyReload5000, 0)
	env := benchFindingsEnv(b, 5000)
	s := NewWeeklyScreen(env)
	for b.Loop() {
		s.Reload()
	}
}

// benchFindingsEnv is a data file with n findings spread over the year before today, saved as the
// inspections that found them (20 a visit). They are all 待整改: what Reload costs does not depend on
// the states, and a state change is one transaction per finding.
func benchFindingsEnv(b *testing.B, n int) *Env {
	b.Helper()
	env := newBenchEnv(b)
	st, ctx, today := env.Store, context.Background(), env.Today()
	if err := st.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		b.Fatal(err)
	}
	var teams []data.Team
	for i := range 6 {
		tm := data.Team{Name: fmt.Sprintf("综采%d班", i+1)}
		if err := st.SaveTeam(ctx, &tm); err != nil {
			b.Fatal(err)
		}
		teams = append(teams, tm)
	}
	m := addTestMember(b, env, "王督查", 1, 0, 0)
	const perVisit = 20
	for v := 0; v < n/perVisit; v++ {
		found := today.AddDays(-365 + v*365*perVisit/n)
		in := data.Inspection{Date: found, Kind: data.InspectionKinds[v%4], TeamID: teams[v%len(teams)].ID,
			Inspectors: []data.Inspector{{MemberID: m.ID, Lead: true}}}
		for i := range perVisit {
			in.Findings = append(in.Findings, data.Finding{
				Category: data.DefaultFindingCategories[(v+i)%len(data.DefaultFindingCategories)], Responsible: "张三",
				Description: fmt.Sprintf("第%d次督查发现的第%d个问题", v+1, i+1), Deadline: found.AddDays(7),
			})
		}
		if err := st.SaveInspection(ctx, &in); err != nil {
			b.Fatal(err)
		}
	}
	env.Win = test.NewWindow(nil)
	return env
}
