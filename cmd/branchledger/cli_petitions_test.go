package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
)

// The demo's 信访维稳 records export as R20, with both sheets and the summary counting them.
func TestExportPetitions(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", db, "--members", "30", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	out := filepath.Join(t.TempDir(), "petitions.xlsx")
	year := strconv.Itoa(data.Today().Year - 1)
	code, stdout, stderr := run(t, "export", "petitions", "--db", db, "--out", out, "--period", year)
	if code != 0 || !strings.Contains(stdout, "已导出") || !strings.Contains(stdout, "信访事项") || !strings.Contains(stdout, "矛盾排查") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	rows := sheetRows(t, out)
	found := false
	for _, r := range rows {
		found = found || strings.Contains(strings.Join(r, "|"), "包保责任人")
	}
	if !found || len(rows) < 10 {
		t.Errorf("%d rows: %q", len(rows), rows)
	}
	code, stdout, _ = run(t, "export", "--list")
	if code != 0 || !strings.Contains(stdout, "petitions") {
		t.Errorf("export --list: %d %q", code, stdout)
	}
}
