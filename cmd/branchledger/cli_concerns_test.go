package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"branchledger/data"
)

// The demo's concerns export as R18 with the SPEC's columns, and this month's draft R8 fills
// 人文关怀疏导靠前 from them.
func TestExportConcerns(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := run(t, "demo", "--db", db, "--members", "30", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	today := data.Today()
	out := filepath.Join(t.TempDir(), "concerns.xlsx")
	code, stdout, stderr := run(t, "export", "concerns", "--db", db, "--out", out, "--year", strconv.Itoa(today.Year))
	if code != 0 || !strings.Contains(stdout, "已导出") || !strings.Contains(stdout, "职工思想疏导台账") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	rows := sheetRows(t, out)
	if got := strings.Join(rows[3], "|"); got != "序号|日期|职工姓名|班组|渠道|类别|反映情况|疏导人|疏导措施|结果|回访情况" {
		t.Errorf("header %q", got)
	}
	total := false
	for _, r := range rows {
		total = total || len(r) > 0 && strings.HasPrefix(r[0], "合计：思想疏导")
	}
	if len(rows) < 10 || !total {
		t.Errorf("%d rows: %q", len(rows), rows)
	}

	out = filepath.Join(t.TempDir(), "a1.xlsx")
	if code, _, stderr := run(t, "export", "branch-assessment", "--db", db, "--out", out, "--period", today.String()[:7]); code != 0 {
		t.Fatalf("branch-assessment: %d %q", code, stderr)
	}
	item := rowStarting(t, sheetOf(t, out, "支部月度考核表"), "6")
	if item[1] != "人文关怀疏导靠前" || !strings.Contains(item[4], "思想疏导") || !strings.Contains(item[4], "逾期未回访") {
		t.Errorf("R8 item 6 %q", item)
	}
}
