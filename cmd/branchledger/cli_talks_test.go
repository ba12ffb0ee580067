package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
)

// The demo's talks and last year's appraisal export as R16 and R15; an appraisal over two years
// is refused with what to do.
func TestExportTalksAndAppraisal(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", db, "--members", "30", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	last := strconv.Itoa(data.Today().Year - 1)
	for _, tt := range []struct {
		report, period, want string
	}{
		{"appraisal", last, "评定等次"},
		{"talks", last, "谈话对象"},
	} {
		out := filepath.Join(t.TempDir(), tt.report+".xlsx")
		code, stdout, stderr := run(t, "export", tt.report, "--db", db, "--out", out, "--period", tt.period)
		if code != 0 || !strings.Contains(stdout, "已导出") {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", tt.report, code, stdout, stderr)
		}
		rows := sheetRows(t, out)
		found := false
		for _, r := range rows {
			found = found || strings.Contains(strings.Join(r, "|"), tt.want)
		}
		if !found || len(rows) < 10 {
			t.Errorf("%s: %d rows: %q", tt.report, len(rows), rows)
		}
		if tt.report == "appraisal" && !strings.Contains(stdout, "参评") {
			t.Errorf("summary %q", stdout)
		}
	}
	code, _, stderr := run(t, "export", "appraisal", "--db", db, "--out", filepath.Join(t.TempDir(), "x.xlsx"),
		"--period", last+"-01-01至"+strconv.Itoa(data.Today().Year)+"-03-31")
	if code == 0 || !strings.Contains(stderr, "请选择一个年度") {
		t.Errorf("two years: exit %d, %q", code, stderr)
	}
}
