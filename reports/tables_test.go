package reports

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"branchledger/data"
)

// rawText is a table value as ReadWorkbook reads the printed cell back: dates as serial
// numbers, numbers unformatted, booleans as 是/否, nothing as "".
func rawText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		return yesNo(x)
	case data.Date:
		if x.IsZero() {
			return ""
		}
		return strconv.Itoa(int(x.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// TestTablesMatchPrintedReports re-opens R1, R3, R7 and R9 as written and finds, under the
// header row, exactly the table functions' headers and rows: what a group template is filled
// with is what the report prints.
func TestTablesMatchPrintedReports(t *testing.T) {
	pm := Meta{Branch: testMeta.Branch, Period: "2026年", Date: asOf}
	points, entries := testMemberPoints()
	findings := FindingRows(testFindings(), reviewTeam, asOf)
	items := testWelfareItems()
	dues, _, _ := testDuesView()
	duesRows := dues.YearRows(2026, asOf)
	table := func(h []string, r [][]any) func() ([]string, [][]any) {
		return func() ([]string, [][]any) { return h, r }
	}
	tests := []struct {
		name  string
		write func(w io.Writer) error
		table func() ([]string, [][]any)
	}{
		{"R1", func(w io.Writer) error { return WriteRoster(w, testMeta, testMembers()) }, table(RosterTable(testMeta, testMembers()))},
		{"R3", func(w io.Writer) error { return WriteRectifications(w, monthMeta, RectificationFilter{}, findings) }, table(RectificationsTable(findings))},
		{"R7", func(w io.Writer) error { return WriteWelfareItems(w, monthMeta, items) }, table(WelfareItemsTable(items, monthMeta.Date))},
		{"R9", func(w io.Writer) error { return WriteMemberPoints(w, pm, points, entries, pointsGroups) }, table(MemberPointsTable(points, pointsGroups))},
		{"R21", func(w io.Writer) error { return WriteDuesYear(w, pm, 2026, duesRows, nil) }, table(DuesYearTable(duesRows))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.name+".xlsx", func(f *os.File) error { return tt.write(f) })
			sheets, err := ReadWorkbook(path)
			if err != nil {
				t.Fatal(err)
			}
			headers, rows := tt.table()
			if len(rows) < 3 {
				t.Fatalf("the fixture has %d rows: too few to compare", len(rows))
			}
			printed := sheets[0].Rows
			at := slices.IndexFunc(printed, func(r []string) bool { return slices.Equal(r, headers) })
			if at < 0 {
				t.Fatalf("no printed row equals the headers %v", headers)
			}
			if len(printed) < at+1+len(rows) {
				t.Fatalf("%d rows printed under the headers, want at least %d", len(printed)-at-1, len(rows))
			}
			for i, r := range rows {
				want := make([]string, len(r))
				for j, v := range r {
					want[j] = rawText(v)
				}
				got := printed[at+1+i]
				for len(want) > 0 && want[len(want)-1] == "" { // ReadWorkbook trims empty trailing cells
					want = want[:len(want)-1]
				}
				if !slices.Equal(got, want) {
					t.Errorf("row %d printed %q\ntable gives   %q", i+1, got, want)
				}
			}
		})
	}
}
