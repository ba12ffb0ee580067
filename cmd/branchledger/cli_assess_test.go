package main

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// assessDemo makes a demo data file (with the demo's assessments) and returns its path.
func assessDemo(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", path, "--members", "30", "--months", "2"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	return path
}

// sheetOf reads one sheet of an exported workbook.
func sheetOf(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	return rows
}

// rowStarting is the first row whose first cell is first.
func rowStarting(t *testing.T, rows [][]string, first string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	t.Fatalf("no row starting with %q in %q", first, rows)
	return nil
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestExportAssessments(t *testing.T) {
	path := assessDemo(t)
	dir := t.TempDir()
	today := data.Today()
	ctx := context.Background()
	year := strconv.Itoa(today.Year)

	// This month has no saved A1: a draft, said so.
	out := filepath.Join(dir, "draft.xlsx")
	code, stdout, errOut := run(t, "export", "branch-assessment", "--db", path, "--out", out, "--period", today.String()[:7])
	if code != 0 || !strings.Contains(stdout, "草稿") {
		t.Fatalf("draft: %d %q %q", code, stdout, errOut)
	}
	rows := sheetOf(t, out, "支部月度考核表")
	if !strings.Contains(rows[0][0], "月度考核表（草稿）") {
		t.Errorf("draft title %q", rows[0][0])
	}

	// A past month's saved A1: its total.
	if today.Month > 1 {
		p := data.MonthPeriod(today.Year, today.Month-1)
		as, err := openDB(t, path).Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly, From: p.From, To: p.To})
		if err != nil || len(as) != 1 {
			t.Fatalf("saved A1 of %s: %d, %v", p.Label, len(as), err)
		}
		out := filepath.Join(dir, "a1.xlsx")
		code, stdout, errOut := run(t, "export", "branch-assessment", "--db", path, "--out", out, "--period", p.From.String()[:7])
		if code != 0 || strings.Contains(stdout, "草稿") {
			t.Fatalf("saved A1: %d %q %q", code, stdout, errOut)
		}
		rows := sheetOf(t, out, "支部月度考核表")
		total := rowStarting(t, rows, "合计")
		if got, want := number(t, total[len(total)-1]), as[0].Score().Total; got != want {
			t.Errorf("R8 总分 %v, the saved assessment's %v", got, want)
		}
	}

	// R9: the first member's total is the engine's over the store's entries.
	out = filepath.Join(dir, "points.xlsx")
	if code, stdout, errOut := run(t, "export", "member-points", "--db", path, "--out", out, "--year", year); code != 0 {
		t.Fatalf("member-points: %d %q %q", code, stdout, errOut)
	}
	db := openDB(t, path)
	tpls, err := db.AssessTemplates(ctx, data.AssessMemberPoints)
	if err != nil || len(tpls) == 0 {
		t.Fatal(tpls, err)
	}
	ms, err := db.Members(ctx, data.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	yp := data.YearPeriod(today.Year)
	entries, err := db.PointEntries(ctx, data.PointFilter{From: yp.From, To: yp.To})
	if err != nil {
		t.Fatal(err)
	}
	want := data.ScoreMembers(&tpls[0], ms, yp, entries)
	first := rowStarting(t, sheetOf(t, out, "积分汇总"), "1")
	if first[1] != want[0].Name || number(t, first[6]) != want[0].Total {
		t.Errorf("R9 first row %q, want %s with %v", first, want[0].Name, want[0].Total)
	}
	detail := sheetOf(t, out, "积分明细")
	if !slices.ContainsFunc(detail, func(r []string) bool { return len(r) > 1 && r[0] == strconv.Itoa(len(entries)) }) {
		t.Errorf("积分明细 lacks row %d", len(entries))
	}

	// R10: one row per saved A3 of the year; none in another year is an error.
	a3, err := db.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne, From: yp.From, To: yp.To})
	if err != nil || len(a3) == 0 {
		t.Fatalf("A3: %d, %v", len(a3), err)
	}
	out = filepath.Join(dir, "a3.xlsx")
	if code, stdout, errOut := run(t, "export", "three-in-one", "--db", path, "--out", out, "--year", year); code != 0 {
		t.Fatalf("three-in-one: %d %q %q", code, stdout, errOut)
	}
	rows = sheetOf(t, out, "三位一体考核表")
	rowStarting(t, rows, strconv.Itoa(len(a3)))
	if !strings.Contains(rows[0][0], "三位一体") {
		t.Errorf("R10 title %q", rows[0][0])
	}
}

func TestExportAssessmentErrors(t *testing.T) {
	path := assessDemo(t)
	out := filepath.Join(t.TempDir(), "out.xlsx")
	last := strconv.Itoa(data.Today().Year - 1)
	for _, tc := range []struct {
		argv []string
		want string
	}{
		{[]string{"three-in-one", "--year", last}, "没有保存的“三位一体”考核"},
		{[]string{"branch-assessment", "--year", last}, "按月导出"},
		{[]string{"three-in-one", "--template", "t.xlsx"}, "不能使用 --template"},
		{[]string{"member-points", "--template", filepath.Join(t.TempDir(), "none.xlsx")}, "请检查 --template 后的路径"},
	} {
		code, _, errOut := run(t, append([]string{"export", tc.argv[0], "--db", path, "--out", out}, tc.argv[1:]...)...)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 1 and %q", tc.argv, code, errOut, tc.want)
		}
	}
}

// writeTemplate writes a group template: a title with {{支部名称}} and one repeating row.
func writeTemplate(t *testing.T, fields ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", "{{支部名称}}汇总（{{期间}}）"); err != nil {
		t.Fatal(err)
	}
	for i, fld := range fields {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		if err := f.SetCellValue("Sheet1", cell, "{{列:"+fld+"}}"); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "模板.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExportTemplate(t *testing.T) {
	path := assessDemo(t)
	db := openDB(t, path)
	ctx := context.Background()
	ms, err := db.Members(ctx, data.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Branch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	year := strconv.Itoa(data.Today().Year)
	for _, tc := range []struct {
		report string
		extra  []string
		fields []string
		rows   int // records expected, -1 = at least one
	}{
		{"members", nil, []string{"序号", data.FName, data.FIDNumber}, len(ms)},
		{"member-points", []string{"--year", year}, []string{data.FName, data.FTotal, data.FRank}, len(ms)},
		{"rectifications", []string{"--year", year}, []string{"问题描述", "状态"}, -1},
		{"welfare-items", []string{"--year", year}, []string{data.FWelfareTitle, data.FState}, -1},
	} {
		out := filepath.Join(t.TempDir(), tc.report+".xlsx")
		argv := append([]string{"export", tc.report, "--db", path, "--out", out, "--template", writeTemplate(t, tc.fields...)}, tc.extra...)
		if code, stdout, errOut := run(t, argv...); code != 0 {
			t.Fatalf("%s: %d %q %q", tc.report, code, stdout, errOut)
		}
		rows := sheetOf(t, out, "Sheet1")
		if !strings.HasPrefix(rows[0][0], b.Name+"汇总") {
			t.Errorf("%s: title %q", tc.report, rows[0][0])
		}
		records := rows[2:]
		if tc.rows >= 0 && len(records) != tc.rows || len(records) == 0 || len(records[0]) != len(tc.fields) {
			t.Errorf("%s: %d records of %d cells, want %d of %d", tc.report, len(records), len(records[0]), tc.rows, len(tc.fields))
		}
		if tc.report == "members" && (records[0][1] != ms[0].Name || records[0][2] != ms[0].IDNumber) {
			t.Errorf("members: first record %q, want %s %s", records[0], ms[0].Name, ms[0].IDNumber)
		}
	}

	// An unknown placeholder is named, and nothing is written.
	out := filepath.Join(t.TempDir(), "bad.xlsx")
	code, _, errOut := run(t, "export", "members", "--db", path, "--out", out, "--template", writeTemplate(t, data.FName, "不存在的列"))
	if code != 1 || !strings.Contains(errOut, "不存在的列") {
		t.Errorf("unknown placeholder: exit %d, %q", code, errOut)
	}
	if _, err := excelize.OpenFile(out); err == nil {
		t.Errorf("a failed fill left %s", out)
	}
}
