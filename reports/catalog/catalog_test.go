package catalog

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

func TestCatalogNamesAreUnique(t *testing.T) {
	ids, clis, titles := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, r := range All() {
		for _, k := range []struct {
			seen map[string]bool
			v    string
		}{{ids, r.ID}, {clis, r.CLI}, {titles, r.Title}} {
			if k.v == "" || k.seen[k.v] {
				t.Errorf("report %s: empty or repeated name %q", r.ID, k.v)
			}
			k.seen[k.v] = true
		}
		if r.Description == "" || r.load == nil {
			t.Errorf("report %s has no description or loader", r.ID)
		}
		if got, ok := ByCLI(r.CLI); !ok || got != r {
			t.Errorf("ByCLI(%q) = %v, %v", r.CLI, got, ok)
		}
		if ByID(r.ID) != r {
			t.Errorf("ByID(%q) is another report", r.ID)
		}
	}
	if _, ok := ByCLI("frob"); ok {
		t.Error("ByCLI found a report that does not exist")
	}
}

// demoStore is a demo branch of a year, written to a real data file.
func demoStore(t *testing.T) (*sqlite.DB, data.Date) {
	t.Helper()
	today := data.NewDate(2026, 11, 20)
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := demo.Load(context.Background(), db, demo.GenerateMonths(3, 30, 12, today)); err != nil {
		t.Fatal(err)
	}
	return db, today
}

// TestEveryBranchReportLoadsAndWrites loads every report a branch's file prints, in its default
// period, and writes a workbook whose title row holds the report's title.
func TestEveryBranchReportLoadsAndWrites(t *testing.T) {
	db, today := demoStore(t)
	ctx := context.Background()
	checks, err := db.Checks(ctx, data.CheckFilter{})
	if err != nil || len(checks) == 0 {
		t.Fatalf("demo checks: %v %v", len(checks), err)
	}
	for _, r := range All() {
		t.Run(r.CLI, func(t *testing.T) {
			in := Input{Meta: reports.Meta{Branch: "测试党支部", Date: today}, Writable: true}
			if r.Takes(OptCheck) {
				in.CheckID = checks[0].ID
			}
			if r.Takes(OptPerson) {
				in.Person = demoPerson(t, db)
			}
			if r.Takes(OptActivity) {
				acts, err := db.Activities(ctx, data.ActivityFilter{})
				if err != nil || len(acts) == 0 {
					t.Fatalf("demo activities: %v %v", len(acts), err)
				}
				in.ActivityID = acts[0].ID
			}
			res, err := r.Load(ctx, db, in)
			if r.Scope == Consolidated {
				if err == nil || !strings.Contains(data.ErrorMessage(err), "只能从汇总库导出") {
					t.Fatalf("a branch's file exported %s: %v", r.Title, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.Summary == "" || (res.Table != nil) != r.Fills {
				t.Errorf("summary %q, table %v, Fills %v", res.Summary, res.Table != nil, r.Fills)
			}
			f := openResult(t, res)
			title, err := f.GetCellValue(f.GetSheetName(0), "A1")
			if err != nil || !strings.Contains(strings.NewReplacer("(", "（", ")", "）").Replace(title),
				strings.NewReplacer("(", "（", ")", "）").Replace(r.Title)) {
				t.Errorf("title %q does not name %s (%v)", title, r.Title, err)
			}
		})
	}
}

func TestReportInputChecks(t *testing.T) {
	db, today := demoStore(t)
	ctx := context.Background()
	meta := reports.Meta{Date: today}
	year := data.YearPeriod(2026)
	cases := []struct {
		id, want string
		in       Input
	}{
		{"R8", "按月导出", Input{Meta: meta, Period: year}},
		{"R3", "班组「不存在的班组」不存在；可选的班组有：", Input{Meta: meta, Team: "不存在的班组"}},
		{"R3", "问题类别「乱写」不存在", Input{Meta: meta, Category: "乱写"}},
		{"R5", "编号为 999999 的检查记录不存在；最近的检查记录有：", Input{Meta: meta, CheckID: 999999}},
	}
	for _, c := range cases {
		_, err := ByID(c.id).Load(ctx, db, c.in)
		if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), c.want) {
			t.Errorf("%s %+v: %v, want a refusal saying %q", c.id, c.in, err, c.want)
		}
	}
	// A known team by name narrows R3 to it, and the sheet says so.
	teams, err := db.Teams(ctx)
	if err != nil || len(teams) == 0 {
		t.Fatal(teams, err)
	}
	res, err := ByID("R3").Load(ctx, db, Input{Meta: meta, Team: teams[0].Name})
	if err != nil {
		t.Fatal(err)
	}
	_, rows := res.Table()
	all, err := ByID("R3").Load(ctx, db, Input{Meta: meta})
	if err != nil {
		t.Fatal(err)
	}
	_, allRows := all.Table()
	if len(rows) == 0 || len(rows) >= len(allRows) {
		t.Errorf("team %s: %d of %d findings", teams[0].Name, len(rows), len(allRows))
	}
}

func TestDefaultPeriodAndFileName(t *testing.T) {
	today := data.NewDate(2026, 11, 20)
	if p := ByID("R2").DefaultPeriod(today); p != data.MonthPeriod(2026, 11) {
		t.Errorf("R2 default %v", p)
	}
	if p := ByID("R3").DefaultPeriod(today); p != data.YearPeriod(2026) {
		t.Errorf("R3 default %v", p)
	}
	in := Input{Meta: reports.Meta{Branch: "综采一队党支部", Date: today}, Period: data.MonthPeriod(2026, 11)}
	if got, want := ByID("R4").FileName(in), "综采一队党支部-月度讲评表-2026年11月.xlsx"; got != want {
		t.Errorf("file name %q, want %q", got, want)
	}
	if got, want := ByID("R1").FileName(in), "综采一队党支部-党员花名册-20261120.xlsx"; got != want {
		t.Errorf("file name %q, want %q", got, want)
	}
	in.Label = "一号/职工食堂_2026-11-20"
	if got, want := ByID("R5").FileName(in), "综采一队党支部-两堂一舍检查评分表-一号_职工食堂_2026-11-20.xlsx"; got != want {
		t.Errorf("file name %q, want %q", got, want)
	}
	if got := SafeFileName(`a/b:c*?.xlsx`); got != "a_b_c__.xlsx" {
		t.Errorf("SafeFileName %q", got)
	}
}

func TestChoosePeriod(t *testing.T) {
	today := data.NewDate(2026, 11, 20)
	r3, r2 := ByID("R3"), ByID("R2")
	nov := data.MonthPeriod(2026, 11)
	range1, _ := data.RangePeriod(data.NewDate(2026, 11, 1), data.NewDate(2026, 11, 15))
	cases := []struct {
		r    *Report
		a    PeriodArgs
		want data.Period
		err  string
	}{
		{r3, PeriodArgs{}, data.YearPeriod(2026), ""},
		{r2, PeriodArgs{}, nov, ""},
		{r2, PeriodArgs{Period: "2026-11"}, nov, ""},
		{r2, PeriodArgs{Year: "2025"}, data.YearPeriod(2025), ""},
		{r2, PeriodArgs{From: "2026-11-01", To: "2026-11-15"}, range1, ""},
		{r2, PeriodArgs{Period: "2026-11", Year: "2026"}, data.Period{}, "只能选用一种"},
		{r2, PeriodArgs{From: "2026-11-01"}, data.Period{}, "要一起使用"},
		{r2, PeriodArgs{Year: "26"}, data.Period{}, "四位的年份"},
		{r2, PeriodArgs{From: "2026-13-01", To: "2026-12-01"}, data.Period{}, "--from「2026-13-01」"},
		{r2, PeriodArgs{Period: "2026-12"}, data.Period{}, "还没有开始"},
		{r2, PeriodArgs{Period: "十一月"}, data.Period{}, ""},
	}
	for _, c := range cases {
		got, err := c.r.ChoosePeriod(c.a, today)
		switch {
		case c.want == (data.Period{}) && err == nil:
			t.Errorf("%+v: %v, want a refusal", c.a, got)
		case c.want == (data.Period{}) && (data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), c.err)):
			t.Errorf("%+v: %v, want a refusal saying %q", c.a, err, c.err)
		case c.want != (data.Period{}) && (err != nil || got != c.want):
			t.Errorf("%+v = %v, %v; want %v", c.a, got, err, c.want)
		}
	}
}

// TestReadArgs: the command line's options reach the input, and those a report does not take are
// refused naming the option.
func TestReadArgs(t *testing.T) {
	today := data.NewDate(2026, 11, 20)
	tpl := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := os.WriteFile(tpl, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		cli  string
		args map[string]string
		want Input
		err  string
	}{
		{"rectifications", map[string]string{"team": "采煤一班", "category": "安全", "year": "2026"},
			Input{Team: "采煤一班", Category: "安全", Period: data.YearPeriod(2026)}, ""},
		{"welfare-check", map[string]string{"check": "12"}, Input{CheckID: 12}, ""},
		{"welfare-check", map[string]string{"check": "十二"}, Input{}, "--check 应为检查记录的编号"},
		{"welfare-check", map[string]string{"check": "1", "year": "2026"}, Input{}, "不按期间导出，请去掉 --year"},
		{"inspections", map[string]string{"team": "采煤一班"}, Input{}, "不能使用 --team"},
		{"inspections", map[string]string{"template": tpl}, Input{}, "不能使用 --template"},
		{"member-points", map[string]string{"template": tpl}, Input{Period: data.YearPeriod(2026)}, ""},
		{"member-points", map[string]string{"template": tpl + "x"}, Input{}, "请检查 --template 后的路径"},
		{"monthly-review", map[string]string{"period": "2026-12"}, Input{}, "还没有开始"},
	}
	for _, c := range cases {
		r, ok := ByCLI(c.cli)
		if !ok {
			t.Fatalf("no report %s", c.cli)
		}
		got, err := r.ReadArgs(func(name string) string { return c.args[name] }, today)
		if c.err != "" {
			if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), c.err) {
				t.Errorf("%s %v: %v, want a refusal saying %q", c.cli, c.args, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %v = %+v, %v; want %+v", c.cli, c.args, got, err, c.want)
		}
	}
}

// TestMemberPointsOnlyMembersOfThePeriod: R9 for a year scores only the members who had joined by
// its end.
func TestMemberPointsOnlyMembersOfThePeriod(t *testing.T) {
	db, today := demoStore(t)
	ctx := context.Background()
	ms, err := db.Members(ctx, data.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	year := data.YearPeriod(2025)
	joinedLater := map[string]bool{}
	for _, m := range ms {
		if m.JoinDate.After(year.To) {
			joinedLater[m.Name] = true
		}
	}
	if len(joinedLater) == 0 {
		t.Fatal("the demo has no member who joined in 2026")
	}
	res, err := ByID("R9").Load(ctx, db, Input{Meta: reports.Meta{Date: today}, Period: year, Writable: true})
	if err != nil {
		t.Fatal(err)
	}
	_, rows := res.Table()
	if len(rows) == 0 || len(rows) != len(ms)-len(joinedLater) {
		t.Errorf("R9 for 2025 scores %d members, want %d (of %d, %d joined in 2026)", len(rows), len(ms)-len(joinedLater), len(ms), len(joinedLater))
	}
	for _, r := range rows {
		if name, _ := r[1].(string); joinedLater[name] {
			t.Errorf("R9 for 2025 scores %s, who joined in 2026", name)
		}
	}
}

// A month with no saved assessment prints R8 as a draft that says its hand-scored items are
// provisional, and its 逾期 is as of today for the month under way.
func TestBranchAssessmentDraft(t *testing.T) {
	db, today := demoStore(t)
	res, err := ByID("R8").Load(context.Background(), db, Input{Meta: reports.Meta{Date: today}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Notice, "草稿") || !strings.HasPrefix(res.Summary, "（草稿）") {
		t.Errorf("notice %q, summary %q", res.Notice, res.Summary)
	}
	f := openResult(t, res)
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"人工评分项暂按满分计", fmt.Sprintf("（逾期截至%d月%d日）", today.Month, today.Day)} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft R8 does not say %q:\n%s", want, text)
		}
	}
}

// openResult writes res to memory and opens what it wrote, as a reader of the exported file would.
func openResult(t *testing.T, res Result) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := res.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestInputSet(t *testing.T) {
	tests := []struct {
		o       Option
		value   string
		want    Input
		wantErr string
	}{
		{OptTeam, "综采一班", Input{Team: "综采一班"}, ""},
		{OptCategory, "顶板", Input{Category: "顶板"}, ""},
		{OptPerson, "3", Input{Person: "3"}, ""},
		{OptCheck, "12", Input{CheckID: 12}, ""},
		{OptActivity, "7", Input{ActivityID: 7}, ""},
		{OptCheck, "0", Input{}, "--check 应为检查记录的编号（正整数），不能是「0」"},
		{OptActivity, "七", Input{}, "--activity 应为组织生活记录的编号（正整数），不能是「七」"},
	}
	for _, tt := range tests {
		var in Input
		err := in.Set(tt.o, tt.value)
		if got := data.ErrorMessage(err); err != nil && got != tt.wantErr || err == nil && tt.wantErr != "" {
			t.Errorf("Set(%s, %q): error %q, want %q", tt.o, tt.value, got, tt.wantErr)
		}
		if in != tt.want {
			t.Errorf("Set(%s, %q) = %+v, want %+v", tt.o, tt.value, in, tt.want)
		}
	}
	for _, r := range All() {
		for _, o := range r.Options {
			if !slices.Contains(Options, o) {
				t.Errorf("%s takes %s, which Options leaves out", r.ID, o)
			}
		}
	}
	// Every option Options lists is read by Set; one it does not know is an error, not dropped.
	for _, o := range Options {
		var in Input
		if err := in.Set(o, "1"); err != nil || in == (Input{}) {
			t.Errorf("Set(%s, \"1\") = %+v, %v: the option is not read", o, in, err)
		}
	}
	var in Input
	if err := in.Set("unit", "1"); data.ErrorCode(err) != data.EInternal {
		t.Errorf("Set of an unknown option: %v", err)
	}
}
