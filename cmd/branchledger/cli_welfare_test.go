package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// welfareSaver is how the tests put welfare records into a data file.
type welfareSaver interface {
	Checks(ctx context.Context, f data.CheckFilter) ([]data.Check, error)
	WelfareItems(ctx context.Context, f data.WelfareFilter) ([]data.WelfareItem, error)
	Surveys(ctx context.Context, f data.SurveyFilter) ([]data.Survey, error)
	SaveFacility(ctx context.Context, f *data.Facility) error
	Checklists(ctx context.Context, category string) ([]data.Checklist, error)
	SaveCheck(ctx context.Context, c *data.Check) error
	SaveWelfareItem(ctx context.Context, w *data.WelfareItem) error
	SaveSurvey(ctx context.Context, s *data.Survey) error
}

// welfareFixture is what welfareDemo adds to a demo data file.
type welfareFixture struct {
	path     string
	ws       welfareSaver
	check    data.Check  // a canteen check whose key item 食品留样 failed
	from, to data.Date   // a period holding every record added (and maybe some of the demo's)
	period   data.Period //  the same
}

// welfareDemo makes a demo data file and adds a facility, a failed check, an overdue welfare item
// and a survey through the store.
func welfareDemo(t *testing.T) welfareFixture {
	t.Helper()
	x := welfareFixture{path: filepath.Join(t.TempDir(), "demo.db")}
	if code, _, errOut := run(t, "demo", "--db", x.path, "--members", "10", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	db, err := sqlite.Open(x.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var ws welfareSaver = db
	x.ws = ws
	ctx, today := context.Background(), data.Today()
	x.from, x.to = today.AddDays(-60), today
	x.period, err = data.RangePeriod(x.from, x.to)
	if err != nil {
		t.Fatal(err)
	}

	f := data.Facility{Category: data.FacilityCanteen, Name: "测试职工食堂", Manager: "王师傅"}
	if err := ws.SaveFacility(ctx, &f); err != nil {
		t.Fatal(err)
	}
	tpls, err := ws.Checklists(ctx, data.FacilityCanteen)
	if err != nil || len(tpls) == 0 {
		t.Fatalf("canteen templates: %v, %v", tpls, err)
	}
	x.check = data.NewCheck(f, tpls[0], today, "张三")
	for i := range x.check.Items {
		if x.check.Items[i].Name == "食品留样" {
			x.check.Items[i].Score, x.check.Items[i].Reason = 0, "午餐未留样"
		}
	}
	if err := ws.SaveCheck(ctx, &x.check); err != nil {
		t.Fatal(err)
	}

	ms, err := db.Members(ctx, data.MemberFilter{})
	if err != nil || len(ms) == 0 {
		t.Fatalf("members: %v", err)
	}
	item := data.WelfareItem{Title: "测试：澡堂更换喷头", Category: data.FacilityBathhouse, ProposedDate: today.AddDays(-30),
		HandlerID: ms[0].ID, PlannedDate: today.AddDays(-10), Cost: 120.5}
	if err := ws.SaveWelfareItem(ctx, &item); err != nil {
		t.Fatal(err)
	}

	sv := data.NewSurvey(data.FacilityCanteen, data.Period{From: today.AddDays(-7), To: today})
	sv.Questions[0].Counts = [5]int{10, 20, 5, 3, 2}
	if err := ws.SaveSurvey(ctx, &sv); err != nil {
		t.Fatal(err)
	}
	return x
}

// numbered counts the body rows of a table: rows whose first cell is its 序号 1, 2, … in sequence
// (stacked tables restart at 1).
func numbered(rows [][]string) int {
	n, next := 0, 1
	for _, r := range rows {
		if len(r) == 0 {
			continue
		}
		switch r[0] {
		case strconv.Itoa(next):
			n, next = n+1, next+1
		case "1":
			n, next = n+1, 2
		}
	}
	return n
}

func TestExportWelfareRefusals(t *testing.T) {
	x := welfareDemo(t)
	path := x.path
	missing := strconv.FormatInt(x.check.ID+1000, 10)
	out := filepath.Join(t.TempDir(), "out.xlsx")
	tests := []struct {
		name string
		argv []string
		want string
	}{
		{"no check id", []string{"welfare-check"}, "--check"},
		{"check id not a number", []string{"welfare-check", "--check", "abc"}, "正整数"},
		{"unknown check id", []string{"welfare-check", "--check", missing}, "最近的检查记录有"},
		{"check export takes no period", []string{"welfare-check", "--check", "1", "--year", "2026"}, "不按期间导出"},
		{"summary takes no check id", []string{"welfare-summary", "--check", "1"}, "不能使用 --check"},
		{"bad period", []string{"satisfaction", "--period", "2026-13"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			argv := append([]string{"export"}, tt.argv...)
			code, stdout, stderr := run(t, append(argv, "--db", path, "--out", out)...)
			if code != 1 || !strings.Contains(stderr, "错误：") || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit 1 saying %q", code, stdout, stderr, tt.want)
			}
		})
	}
}

func TestExportWelfare(t *testing.T) {
	x := welfareDemo(t)
	ctx := context.Background()
	inPeriod, err := x.ws.Checks(ctx, data.CheckFilter{From: x.from, To: x.to})
	if err != nil {
		t.Fatal(err)
	}
	items, err := x.ws.WelfareItems(ctx, data.WelfareFilter{From: x.from, To: x.to})
	if err != nil {
		t.Fatal(err)
	}
	surveys, err := x.ws.Surveys(ctx, data.SurveyFilter{From: x.from, To: x.to})
	if err != nil {
		t.Fatal(err)
	}
	period := []string{"--from", x.from.String(), "--to", x.to.String()}
	has := func(rows [][]string, text string) bool {
		for _, r := range rows {
			for _, c := range r {
				if strings.Contains(c, text) {
					return true
				}
			}
		}
		return false
	}
	tests := []struct {
		report string
		argv   []string
		check  func(t *testing.T, rows [][]string)
	}{
		{"welfare-check", []string{"--check", strconv.FormatInt(x.check.ID, 10)}, func(t *testing.T, rows [][]string) {
			if !strings.Contains(rows[2][0], "测试职工食堂") || numbered(rows) != len(x.check.Items) || !has(rows, "关键项「食品留样」不合格") {
				t.Errorf("R5 rows %q", rows)
			}
		}},
		{"welfare-summary", period, func(t *testing.T, rows [][]string) {
			if numbered(rows) != len(inPeriod) || !has(rows, "测试职工食堂") {
				t.Errorf("%d checks listed, want %d: %q", numbered(rows), len(inPeriod), rows)
			}
		}},
		{"welfare-items", period, func(t *testing.T, rows [][]string) {
			if numbered(rows) != len(items) || !has(rows, "逾期10天") {
				t.Errorf("%d items listed, want %d: %q", numbered(rows), len(items), rows)
			}
		}},
		{"satisfaction", period, func(t *testing.T, rows [][]string) {
			totals := 0
			for _, r := range rows {
				if len(r) > 0 && r[0] == data.FSurveyTotal {
					totals++
				}
			}
			if totals != len(surveys) || !has(rows, "菜品口味") {
				t.Errorf("%d survey tables, want %d: %q", totals, len(surveys), rows)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.report, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tt.report+".xlsx")
			argv := append([]string{"export", tt.report, "--db", x.path, "--out", out}, tt.argv...)
			code, stdout, stderr := run(t, argv...)
			if code != 0 || !strings.Contains(stdout, "已导出") {
				t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			tt.check(t, sheetRows(t, out))
		})
	}
}
