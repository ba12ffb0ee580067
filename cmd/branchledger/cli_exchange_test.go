package main

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

var ctx0 = context.Background()

// TestPackageConsolidate runs the whole flow of SPEC §9 on the command line: two demo branches,
// their packages, a consolidated file with both, a refused file, and the consolidated exports.
func TestPackageConsolidate(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, tt := range []struct{ db, name, code string }{{a, "综采一队党支部", "ZC01"}, {b, "掘进二队党支部", "JJ02"}} {
		if code, _, stderr := run(t, "demo", "--db", tt.db, "--members", "20", "--months", "2", "--branch", tt.name, "--code", tt.code); code != 0 {
			t.Fatalf("demo %s: %s", tt.code, stderr)
		}
	}
	pa := filepath.Join(dir, "a.zip")
	code, stdout, stderr := run(t, "package", "--db", a, "--out", pa)
	if code != 0 || !strings.Contains(stdout, "综采一队党支部的上报数据包") {
		t.Fatalf("package: %d %s %s", code, stdout, stderr)
	}
	// --out a folder: the default name.
	code, _, stderr = run(t, "package", "--db", b, "--out", dir)
	pb := filepath.Join(dir, data.PackageFileName(data.Branch{Name: "掘进二队党支部", Code: "JJ02"}, data.Today()))
	if code != 0 {
		t.Fatalf("package b: %s", stderr)
	}
	if _, err := os.Stat(pb); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "说明.zip")
	os.WriteFile(junk, []byte("not a zip"), 0o644)

	target := filepath.Join(dir, "汇总.db")
	code, stdout, _ = run(t, "consolidate", "--db", target, pa, junk, pb)
	// 20 members and the 4 the demo's 发展党员 made members (data/demo/recruit.go).
	if code != 1 || !strings.Contains(stdout, "综采一队党支部：已汇总，党员 24 名") || !strings.Contains(stdout, "掘进二队党支部：已汇总") ||
		!strings.Contains(stdout, "文件「说明.zip」：已拒绝，原因：") {
		t.Fatalf("consolidate: %d\n%s", code, stdout)
	}
	// The same packages again: refused, exit 1.
	if code, stdout, _ = run(t, "consolidate", "--db", target, pa); code != 1 || !strings.Contains(stdout, "已汇总过") {
		t.Errorf("again: %d %s", code, stdout)
	}

	out := filepath.Join(dir, "花名册.xlsx")
	if code, stdout, stderr = run(t, "export", "members", "--db", target, "--out", out); code != 0 || !strings.Contains(stdout, "2 个党支部的 ") {
		t.Fatalf("export members: %d %s %s", code, stdout, stderr)
	}
	// A 汇总库 keeps the branches' packages only: a roster is not imported into it.
	if code, _, stderr = run(t, "import", "members", out, "--db", target); code != 1 || !strings.Contains(stderr, "是汇总库，只保存各支部上报的数据，不能导入") {
		t.Errorf("import into the 汇总库: %d %s", code, stderr)
	}
	if code, stdout, stderr = run(t, "export", "members", "--db", target, "--out", out); code != 0 || !strings.Contains(stdout, "2 个党支部的 ") {
		t.Fatalf("export members: %d %s %s", code, stdout, stderr)
	}
	sheets, err := reports.ReadWorkbook(out)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	branches, _ := db.Branches(ctx0)
	want := 0
	for _, br := range branches {
		ms, _ := db.BranchMembers(ctx0, br.ID)
		want += len(ms)
	}
	db.Close()
	if got := len(sheets[0].Rows) - 3 - 2; want == 0 || got != want { // title, meta, header; blank and signature rows
		t.Errorf("consolidated roster has %d rows, want %d", got, want)
	}
	if !strings.Contains(strings.Join(sheets[0].Rows[0], ""), "某某煤矿党委") {
		t.Errorf("title %q", sheets[0].Rows[0])
	}
	stats := filepath.Join(dir, "统计.xlsx")
	if code, stdout, stderr = run(t, "export", "branch-stats", "--db", target, "--out", stats, "--year", itoa(data.Today().Year)); code != 0 || !strings.Contains(stdout, "2 个党支部") {
		t.Fatalf("branch-stats: %d %s %s", code, stdout, stderr)
	}
	// A branch's own file has no branch-stats, and exports no package without its code.
	if code, _, stderr = run(t, "export", "branch-stats", "--db", a, "--out", stats); code != 1 || !strings.Contains(stderr, "汇总库") {
		t.Errorf("branch-stats on a branch file: %d %s", code, stderr)
	}
	checkBranchRanking(t, target, filepath.Join(dir, "排名.xlsx"))
	for _, argv := range [][]string{
		{"export", "branch-ranking", "--db", a, "--out", filepath.Join(dir, "r.xlsx")},                         // a branch's own file
		{"export", "branch-ranking", "--db", target, "--out", filepath.Join(dir, "r.xlsx"), "--period", "13月"}, // no such period
	} {
		if code, _, stderr = run(t, argv...); code != 1 || stderr == "" {
			t.Errorf("%q: %d %s", argv, code, stderr)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	if db, err := sqlite.Open(empty); err == nil {
		db.Close()
	}
	if code, _, stderr = run(t, "package", "--db", empty, "--out", filepath.Join(dir, "e.zip")); code != 1 || !strings.Contains(stderr, "支部信息") {
		t.Errorf("package without code: %d %s", code, stderr)
	}
}

// checkBranchRanking exports the ranking of this year from the consolidated file target and
// compares each branch's row with its A1 assessments as the store holds them, averaged by hand.
func checkBranchRanking(t *testing.T, target, out string) {
	t.Helper()
	today := data.Today()
	p := data.YearPeriod(today.Year)
	code, stdout, stderr := run(t, "export", "branch-ranking", "--db", target, "--out", out, "--period", itoa(today.Year))
	if code != 0 || !strings.Contains(stdout, "2 个党支部的考核排名表") {
		t.Fatalf("branch-ranking: %d %s %s", code, stdout, stderr)
	}
	db, err := sqlite.Open(target)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	branches, _ := db.Branches(ctx0)
	as, err := db.BranchAssessments(ctx0, data.AssessBranchMonthly, p)
	if err != nil {
		t.Fatal(err)
	}
	// The demos hold two months of records: an A1 for the past one of them, none for months before.
	if want := 2 * min(int(today.Month)-1, 1); len(as) != want {
		t.Fatalf("%d A1 assessments in the consolidated file, want %d (the demo's past months with records)", len(as), want)
	}
	type figures struct{ months, average, lowest string }
	want := map[string]figures{}
	for _, b := range branches {
		sum, n, lowest := 0.0, 0, math.Inf(1)
		for _, a := range as {
			if a.BranchID == b.ID {
				total := a.Score().Total
				sum, n, lowest = sum+total, n+1, math.Min(lowest, total)
			}
		}
		f := figures{months: itoa(n)}
		if n > 0 {
			f.average = strconv.FormatFloat(math.Floor(sum/float64(n)*10+0.5)/10, 'f', 1, 64)
			f.lowest = data.FormatScore(lowest)
		}
		want[b.Code] = f
	}
	sheets, err := reports.ReadWorkbook(out)
	if err != nil {
		t.Fatal(err)
	}
	rows := sheets[0].Rows[4:] // title, meta, note, header
	got := map[string]figures{}
	for _, r := range rows {
		if len(r) < 6 || want[r[1]] == (figures{}) {
			continue // blank and signature rows
		}
		f := figures{months: r[3], lowest: r[5]}
		if r[4] != "" {
			v, err := strconv.ParseFloat(r[4], 64)
			if err != nil {
				t.Fatalf("平均得分 %q", r[4])
			}
			f.average = strconv.FormatFloat(v, 'f', 1, 64)
		}
		got[r[1]] = f
	}
	if len(got) != 2 || got["ZC01"] != want["ZC01"] || got["JJ02"] != want["JJ02"] {
		t.Errorf("ranking rows %+v, want %+v", got, want)
	}
}
