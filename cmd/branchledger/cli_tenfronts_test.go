package main

import (
	"path/filepath"
	"strconv"
	"testing"

	"branchledger/data"
)

// For a demo month, R8 shows what the records say on every one of the ten items (issue 12): the
// 完成情况(自动汇总) column of each item row is filled, in the draft of this month and in last
// month's saved assessment alike.
func TestBranchAssessmentEvidenceOnAllTen(t *testing.T) {
	path := assessDemo(t)
	today := data.Today()
	last := data.MonthPeriod(today.Year, today.Month).From.AddDays(-1)
	for _, month := range []data.Date{today, last} {
		out := filepath.Join(t.TempDir(), "a1.xlsx")
		if code, stdout, errOut := run(t, "export", "branch-assessment", "--db", path, "--out", out, "--period", month.String()[:7]); code != 0 {
			t.Fatalf("%s: %d %q %q", month, code, stdout, errOut)
		}
		rows := sheetOf(t, out, "支部月度考核表")
		items := 0
		for _, it := range data.DefaultA1Template().Items {
			r := rowStarting(t, rows, strconv.Itoa(it.Seq))
			if len(r) < 5 || r[1] != it.Name || r[4] == "" {
				t.Errorf("%s: row of %s: %q, want its 完成情况", month, it.Name, r)
			}
			items++
		}
		if items != 10 {
			t.Errorf("%d items, want the ten fronts", items)
		}
	}
}
