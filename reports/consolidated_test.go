package reports

import (
	"io"
	"os"
	"slices"
	"strconv"
	"testing"

	"branchledger/data"
)

var committeeMeta = Meta{Branch: "某某煤矿党委", Date: testMeta.Date}

func testBranchRosters() []BranchRoster {
	ms := testMembers()
	return []BranchRoster{{Branch: "综采一队党支部", Members: ms[:3]}, {Branch: "掘进二队党支部", Members: ms[3:]}}
}

// testBranchStats: a branch with findings in every state, one with nothing in the period.
func testBranchStats() []BranchStats {
	p := data.MonthPeriod(2026, 11)
	ins := testInspections()
	var fs []data.Finding
	for _, in := range ins {
		fs = append(fs, in.Findings...)
	}
	fs = append(fs, testFindings()...)
	return []BranchStats{
		{Code: "ZC01", Name: "综采一队党支部", Stats: data.ComputeFindingStats(p, asOf, ins, fs, nil, reviewTeam)},
		{Code: "JJ02", Name: "掘进二队党支部", Stats: data.ComputeFindingStats(p, asOf, nil, nil, nil, nil)},
	}
}

func TestGoldenConsolidated(t *testing.T) {
	tests := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"consolidated_roster", func(w io.Writer) error { return WriteConsolidatedRoster(w, committeeMeta, testBranchRosters()) }},
		{"branch_stats", func(w io.Writer) error {
			meta := committeeMeta
			meta.Period = "2026年11月"
			return WriteBranchStats(w, meta, asOf, testBranchStats())
		}},
		{"branch_stats_empty", func(w io.Writer) error { return WriteBranchStats(w, committeeMeta, asOf, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.name+".xlsx", func(f *os.File) error { return tt.write(f) })
			checkGolden(t, path, tt.name)
		})
	}
}

// TestConsolidatedRosterBranches reads the roster back: 所在党支部 is each member's branch, 序号
// runs throughout, and the header stays R1's so the file imports again.
func TestConsolidatedRosterBranches(t *testing.T) {
	brs := testBranchRosters()
	path := writeFile(t, "all.xlsx", func(f *os.File) error { return WriteConsolidatedRoster(f, committeeMeta, brs) })
	sheets, err := ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := sheets[0].Rows
	if !slices.Equal(rows[2], data.RosterHeaders) {
		t.Fatalf("header %q", rows[2])
	}
	col := func(row []string, h string) string { return row[slices.Index(data.RosterHeaders, h)] }
	n := 0
	for _, br := range brs {
		for _, m := range br.Members {
			row := rows[3+n]
			n++
			if col(row, data.FBranch) != br.Branch || col(row, data.FName) != m.Name || col(row, "序号") != itoa(n) {
				t.Errorf("row %d = %q, want %s of %s", n, row[:4], m.Name, br.Branch)
			}
		}
	}
	if _, err := data.ParseRoster(rows, asOf); err != nil {
		t.Errorf("the consolidated roster does not import: %v", err)
	}
}

// TestBranchStatsTotals checks the figures printed against the stats, and the total row.
func TestBranchStatsTotals(t *testing.T) {
	rows := testBranchStats()
	path := writeFile(t, "s.xlsx", func(f *os.File) error { return WriteBranchStats(f, committeeMeta, asOf, rows) })
	f := openTest(t, path)
	got, err := f.GetRows("各支部督查整改统计")
	if err != nil {
		t.Fatal(err)
	}
	// title, meta, info, header, 2 branches, total
	st := rows[0].Stats
	if st.New == 0 || st.Overdue == 0 || st.Inspections == 0 {
		t.Fatalf("fixture too thin: %+v", st)
	}
	first, total := got[4], got[6]
	want := []string{"1", "ZC01", "综采一队党支部", itoa(st.Inspections), itoa(st.New), itoa(st.NewClosed)}
	if !slices.Equal(first[:6], want) || first[7] != itoa(st.Overdue) {
		t.Errorf("first row %q, want %q … %d", first, want, st.Overdue)
	}
	if total[0] != "合计" || total[3] != itoa(st.Inspections) || total[4] != itoa(st.New) || total[7] != itoa(st.Overdue) {
		t.Errorf("total row %q", total)
	}
	if got[5][6] != "" {
		t.Errorf("a branch with no findings shows a closure rate %q", got[5][6])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
