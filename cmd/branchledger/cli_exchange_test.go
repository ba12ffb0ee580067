package main

import (
	"context"
	"os"
	"path/filepath"
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
	if code != 1 || !strings.Contains(stdout, "综采一队党支部：已汇总，党员 20 名") || !strings.Contains(stdout, "掘进二队党支部：已汇总") ||
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
	empty := filepath.Join(dir, "empty.db")
	if db, err := sqlite.Open(empty); err == nil {
		db.Close()
	}
	if code, _, stderr = run(t, "package", "--db", empty, "--out", filepath.Join(dir, "e.zip")); code != 1 || !strings.Contains(stderr, "支部信息") {
		t.Errorf("package without code: %d %s", code, stderr)
	}
}
