package reports

import (
	"context"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

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
	counts := make([]int, len(data.StatEntities()))
	for j := range counts {
		counts[j] = 2*j + 3
	}
	return []BranchStats{
		{Code: "ZC01", Name: "综采一队党支部", Stats: data.ComputeFindingStats(p, asOf, ins, fs, nil, reviewTeam), Counts: counts},
		{Code: "JJ02", Name: "掘进二队党支部", Stats: data.ComputeFindingStats(p, asOf, nil, nil, nil, nil)},
	}
}

func TestGoldenConsolidated(t *testing.T) {
	tests := []goldenCase{
		{"consolidated_roster", func(w io.Writer) error { return WriteConsolidatedRoster(w, committeeMeta, testBranchRosters()) }},
		{"branch_stats", func(w io.Writer) error {
			meta := committeeMeta
			meta.Period = "2026年11月"
			return WriteBranchStats(w, meta, asOf, testBranchStats())
		}},
		{"branch_stats_empty", func(w io.Writer) error { return WriteBranchStats(w, committeeMeta, asOf, nil) }},
		{"branch_ranking", func(w io.Writer) error {
			rows, _, err := LoadBranchRanking(context.Background(), testRankingStore(), data.YearPeriod(2026))
			if err != nil {
				return err
			}
			meta := committeeMeta
			meta.Period = "2026年"
			return WriteBranchRanking(w, meta, rows)
		}},
		{"branch_ranking_empty", func(w io.Writer) error { return WriteBranchRanking(w, committeeMeta, nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.name+".xlsx", func(f *os.File) error { return tt.write(f) })
			checkGolden(t, path, tt.name)
			// Issued by the committee: signed by its secretary and sealed, never by a branch's.
			sheets, err := ReadWorkbook(path)
			if err != nil {
				t.Fatal(err)
			}
			rows := sheets[0].Rows
			last := strings.Join(rows[len(rows)-1], " ")
			if !strings.Contains(last, "党委书记（签字）") || !strings.Contains(last, "党委（盖章）") || strings.Contains(last, "支部书记") {
				t.Errorf("signed %q", last)
			}
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
	got := sheetRows(t, f, "各支部工作统计")
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
	// The ledgers' counts follow, one column each, the total summing them.
	for j, e := range data.StatEntities() {
		if got[3][8+j] != e.Stat || first[8+j] != itoa(rows[0].Counts[j]) || got[5][8+j] != "0" || total[8+j] != first[8+j] {
			t.Errorf("%s column: header %q, rows %q %q, total %q", e.Stat, got[3][8+j], first[8+j], got[5][8+j], total[8+j])
		}
	}
	if got[5][6] != "" {
		t.Errorf("a branch with no findings shows a closure rate %q", got[5][6])
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// rankingStore is a consolidated file with the branches and A1 assessments it is given; the other
// reads are not used by LoadBranchRanking.
type rankingStore struct {
	data.ExchangeStore
	branches []data.ConsolidatedBranch
	as       []data.Assessment
}

func (s rankingStore) Branches(context.Context) ([]data.ConsolidatedBranch, error) {
	return s.branches, nil
}

func (s rankingStore) BranchAssessments(_ context.Context, kind string, p data.Period) ([]data.Assessment, error) {
	var out []data.Assessment
	for _, a := range s.as {
		if a.Kind == kind && p.Contains(a.Period.From) && p.Contains(a.Period.To) {
			out = append(out, a)
		}
	}
	return out, nil
}

// a1 is branch's A1 assessment of month m of 2026 totalling total (one manual item of 100).
func a1(branch int64, m int, total float64, grades []data.GradeLine) data.Assessment {
	return data.Assessment{BranchID: branch, Kind: data.AssessBranchMonthly, Scheme: data.SchemeSum, Grades: grades,
		Period: data.MonthPeriod(2026, time.Month(m)),
		Items:  []data.AssessmentItem{{AssessItem: data.AssessItem{Name: "合计", Points: 100, Method: data.MethodManual}, Score: total}}}
}

// testRankingStore: 5 branches; JJ02 and TF05 tie on 88.3 (88 and 88.5 → 88.25; 88.5, 88, 88.5 →
// 88.333…), ZC01 leads, BD03 fails, JD04 has nothing in 2026 (one A1 in 2025 only).
func testRankingStore() rankingStore {
	g := data.DefaultAssessGrades()
	br := func(id int64, code, name string) data.ConsolidatedBranch {
		return data.ConsolidatedBranch{Branch: data.Branch{ID: id, Code: code, Name: name, Committee: "某某煤矿党委"}}
	}
	return rankingStore{
		branches: []data.ConsolidatedBranch{br(3, "BD03", "变电所党支部"), br(4, "JD04", "机电队党支部"), br(2, "JJ02", "掘进二队党支部"),
			br(5, "TF05", "通风队党支部"), br(1, "ZC01", "综采一队党支部")},
		as: []data.Assessment{
			a1(1, 1, 95, g), a1(1, 2, 92.5, g),
			a1(2, 1, 88, g), a1(2, 2, 88.5, g),
			a1(3, 3, 55, g), a1(3, 4, 58.5, g),
			{BranchID: 4, Kind: data.AssessBranchMonthly, Period: data.MonthPeriod(2025, 12), Grades: g},
			a1(5, 1, 88.5, g), a1(5, 2, 88, g), a1(5, 3, 88.5, g),
			{BranchID: 5, Kind: data.AssessThreeInOne, Period: data.YearPeriod(2026)},
		},
	}
}

// TestLoadBranchRanking checks the places, the averages worked out by hand and the order.
func TestLoadBranchRanking(t *testing.T) {
	rows, committee, err := LoadBranchRanking(context.Background(), testRankingStore(), data.YearPeriod(2026))
	if err != nil {
		t.Fatal(err)
	}
	want := []BranchRanking{
		{Code: "ZC01", Name: "综采一队党支部", Months: 2, Average: 93.8, Lowest: 92.5, Grade: data.GradeExcellent, Rank: 1},
		{Code: "JJ02", Name: "掘进二队党支部", Months: 2, Average: 88.3, Lowest: 88, Grade: data.GradePass, Rank: 2},
		{Code: "TF05", Name: "通风队党支部", Months: 3, Average: 88.3, Lowest: 88, Grade: data.GradePass, Rank: 2},
		{Code: "BD03", Name: "变电所党支部", Months: 2, Average: 56.8, Lowest: 55, Grade: data.GradeFail, Rank: 4},
		{Code: "JD04", Name: "机电队党支部"},
	}
	if !slices.Equal(rows, want) || committee != "某某煤矿党委" {
		t.Errorf("rows\n%+v\nwant\n%+v\ncommittee %q", rows, want, committee)
	}
	// In January only ZC01, TF05 (88.5) and JJ02 (88) were assessed.
	rows, _, _ = LoadBranchRanking(context.Background(), testRankingStore(), data.MonthPeriod(2026, 1))
	var got []string
	for _, r := range rows {
		got = append(got, r.Code+":"+itoa(r.Rank))
	}
	if want := []string{"ZC01:1", "TF05:2", "JJ02:3", "BD03:0", "JD04:0"}; !slices.Equal(got, want) {
		t.Errorf("January: %q, want %q", got, want)
	}
}

// TestBranchRankingRows reads the sheet back: 未考核 rows last with no figures.
func TestBranchRankingRows(t *testing.T) {
	rows, _, err := LoadBranchRanking(context.Background(), testRankingStore(), data.YearPeriod(2026))
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "r.xlsx", func(f *os.File) error { return WriteBranchRanking(f, committeeMeta, rows) })
	got := sheetRows(t, openTest(t, path), "各支部考核排名")
	// title, meta, info, header, then the branches
	if h := got[3]; !slices.Equal(h, []string{"序号", "支部代码", "党支部", "考核月数", "平均得分", "最低得分", "等次", "排名"}) {
		t.Fatalf("header %q", h)
	}
	if r := got[4]; !slices.Equal(r, []string{"1", "ZC01", "综采一队党支部", "2", "93.8", "92.5", "优秀", "1"}) {
		t.Errorf("first row %q", r)
	}
	// One number format a column: 88 prints 88.0 beside 88.3, as every score of the column does.
	shown, err := excelize.OpenFile(path) // the values as formatted for a reader
	if err != nil {
		t.Fatal(err)
	}
	defer shown.Close()
	avg, _ := shown.GetCellValue("各支部考核排名", "E6")
	low, _ := shown.GetCellValue("各支部考核排名", "F6")
	if got[5][1] != "JJ02" || avg != "88.3" || low != "88.0" {
		t.Errorf("second row %q shows 平均得分 %q, 最低得分 %q: want one decimal in both", got[5], avg, low)
	}
	if r := got[8]; len(r) < 7 || r[1] != "JD04" || r[4] != "" || r[6] != NotAssessed {
		t.Errorf("last row %q", r)
	}
}
