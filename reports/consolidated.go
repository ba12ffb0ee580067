package reports

import (
	"cmp"
	"context"
	"io"
	"slices"

	"branchledger/data"
)

// Consolidated reports of a 汇总库 (SPEC §9): the rosters of all branches, and inspection and
// close-out figures by branch, and the ranking of branches by their monthly assessments (A1).

// WriteConsolidatedRoster writes R1 for many branches: the branches in the given order, each
// branch's members together with 所在党支部 filled in, 序号 running throughout. meta.Branch names
// the whole (e.g. the Party committee) in the title and row 2. The columns are R1's, so the file
// can be imported again.
func WriteConsolidatedRoster(w io.Writer, meta Meta, branches []BranchRoster) error {
	meta.Committee = true
	return writeRoster(w, meta, branches)
}

// BranchStats are one branch's figures for the period of Stats.
type BranchStats struct {
	Code, Name string
	Stats      data.FindingStats
	Counts     []int // its records of each data.StatEntities entry dated in the period (nil: none)
}

var branchStatColumns = []Column{
	{Header: "序号", Width: 6, Kind: Int},
	{Header: "支部代码", Width: 10, Kind: Text, Align: AlignCenter},
	{Header: "党支部", Width: 24, Kind: Text},
	{Header: "督查次数", Width: 9, Kind: Int},
	{Header: "发现问题", Width: 9, Kind: Int},
	{Header: "已销号", Width: 9, Kind: Int},
	{Header: "销号率", Width: 9, Kind: Number, Align: AlignCenter, Format: "0.0%"},
	{Header: "逾期", Width: 9, Kind: Int},
}

// WriteBranchStats writes 各党支部工作统计表: one row per branch (督查次数, 发现问题, 已销号,
// 销号率, 逾期, as data.ComputeFindingStats counts them for R4, then the records of each ledger of
// data.StatEntities in the period) and a bold total row whose rate is that of the sums.
// meta.Period is the period's label; the figures are as of asOf.
func WriteBranchStats(w io.Writer, meta Meta, asOf data.Date, rows []BranchStats) error {
	meta.Committee = true
	b := NewBook(meta)
	cols := slices.Clone(branchStatColumns)
	ents := data.StatEntities()
	for _, e := range ents {
		cols = append(cols, Column{Header: e.Stat, Width: max(9, float64(2*len([]rune(e.Stat))+1)), Kind: Int})
	}
	s, err := b.AddSheet(SheetSpec{
		Name: "各支部工作统计", Title: meta.Branch + "各党支部工作统计表", Columns: cols,
		Info: []string{"已销号：本期发现的问题中截至" + asOf.Chinese() + "已销号的；逾期：截至" + asOf.Chinese() + "未销号且已过整改期限的（含以前发现的）；" +
			ents[0].Stat + "等：本期登记的记录数"},
	})
	if err != nil {
		return err
	}
	var total data.StatRow
	inspections := 0
	counts := make([]int, len(ents))
	out := make([]Row, 0, len(rows)+1)
	for i, r := range rows {
		st := r.Stats
		cells := []any{i + 1, r.Code, r.Name, st.Inspections, st.New, st.NewClosed, rateOf(st.New, st.ClosureRate),
			Cell{Value: st.Overdue, Red: st.Overdue > 0}}
		for j := range ents {
			n := 0
			if j < len(r.Counts) {
				n = r.Counts[j]
			}
			cells = append(cells, n)
			counts[j] += n
		}
		out = append(out, Row{Cells: cells})
		inspections += st.Inspections
		total.New, total.NewClosed, total.Overdue = total.New+st.New, total.NewClosed+st.NewClosed, total.Overdue+st.Overdue
	}
	rate := 0.0
	if total.New > 0 {
		rate = float64(total.NewClosed) / float64(total.New)
	}
	sum := []any{Cell{Value: "合计", Across: 2, Align: AlignCenter}, nil, nil,
		inspections, total.New, total.NewClosed, rateOf(total.New, rate), Cell{Value: total.Overdue, Red: total.Overdue > 0}}
	for _, n := range counts {
		sum = append(sum, n)
	}
	out = append(out, Row{Bold: true, Cells: sum})
	if err := s.Rows(out...); err != nil {
		return err
	}
	return b.Write(w)
}

// LoadConsolidatedRoster reads every branch of a consolidated file for WriteConsolidatedRoster,
// with the 所属党委 of the first branch naming one (the heading when the file's own branch details
// are empty) and the number of members.
func LoadConsolidatedRoster(ctx context.Context, st data.ExchangeStore) (rosters []BranchRoster, committee string, members int, err error) {
	branches, err := st.Branches(ctx)
	if err != nil {
		return nil, "", 0, err
	}
	rosters = make([]BranchRoster, len(branches))
	for i, b := range branches {
		ms, err := st.BranchMembers(ctx, b.ID)
		if err != nil {
			return nil, "", 0, err
		}
		rosters[i] = BranchRoster{Branch: b.Name, Members: ms}
		committee = cmp.Or(committee, b.Committee)
		members += len(ms)
	}
	return rosters, committee, members, nil
}

// LoadBranchStats works out each branch's figures for period p as seen on day today (as of the
// period's end, or today when it is not over), for WriteBranchStats; committee as above.
func LoadBranchStats(ctx context.Context, st data.ExchangeStore, p data.Period, today data.Date) (rows []BranchStats, asOf data.Date, committee string, err error) {
	branches, err := st.Branches(ctx)
	if err != nil {
		return nil, asOf, "", err
	}
	asOf = p.To
	if today.Before(asOf) {
		asOf = today
	}
	counts, err := st.BranchCounts(ctx, p)
	if err != nil {
		return nil, asOf, "", err
	}
	rows = make([]BranchStats, len(branches))
	for i, b := range branches {
		ins, err := st.BranchInspections(ctx, b.ID, p.From, p.To)
		if err != nil {
			return nil, asOf, "", err
		}
		fs, err := st.BranchFindings(ctx, b.ID, data.Date{}, p.To)
		if err != nil {
			return nil, asOf, "", err
		}
		rows[i] = BranchStats{Code: b.Code, Name: b.Name, Stats: data.ComputeFindingStats(p, today, ins, fs, nil, nil), Counts: counts[b.ID]}
		committee = cmp.Or(committee, b.Committee)
	}
	return rows, asOf, committee, nil
}

// BranchRanking is one branch's place by its 支部月度考核 (A1) of a period.
type BranchRanking struct {
	Code, Name string
	Months     int     // 考核月数: the branch's A1 assessments in the period; 0 = 未考核
	Average    float64 // 平均得分: data.MeanScore of their totals
	Lowest     float64 // 最低月份得分
	Grade      string  // 等次 of the average by the grade lines of the branch's latest A1 form
	Rank       int     // 排名 by the average (data.RankTotals); 0 when not assessed
}

// NotAssessed is printed as the 等次 of a branch with no A1 assessment in the period.
const NotAssessed = "未考核"

// LoadBranchRanking ranks the branches of a consolidated file by the average of their monthly A1
// totals in p: ranked branches by rank (ties by 支部代码), then the branches with none in p, by
// 支部代码; committee as for LoadBranchStats.
func LoadBranchRanking(ctx context.Context, st data.ExchangeStore, p data.Period) (rows []BranchRanking, committee string, err error) {
	branches, err := st.Branches(ctx)
	if err != nil {
		return nil, "", err
	}
	as, err := st.BranchAssessments(ctx, data.AssessBranchMonthly, p)
	if err != nil {
		return nil, "", err
	}
	totals := map[int64][]float64{}
	grades := map[int64][]data.GradeLine{} // the latest form's: assessments come by period
	for i := range as {
		a := &as[i]
		totals[a.BranchID] = append(totals[a.BranchID], a.Score().Total)
		grades[a.BranchID] = a.Grades
	}
	var ranked, unranked []BranchRanking
	for _, b := range branches {
		committee = cmp.Or(committee, b.Committee)
		r := BranchRanking{Code: b.Code, Name: b.Name, Months: len(totals[b.ID])}
		if r.Months == 0 {
			unranked = append(unranked, r)
			continue
		}
		r.Average, r.Lowest = data.MeanScore(totals[b.ID]), slices.Min(totals[b.ID])
		r.Grade = data.GradeOfScore(r.Average, grades[b.ID])
		ranked = append(ranked, r)
	}
	averages := make([]float64, len(ranked))
	for i, r := range ranked {
		averages[i] = r.Average
	}
	for i, rank := range data.RankTotals(averages) {
		ranked[i].Rank = rank
	}
	slices.SortStableFunc(ranked, func(a, b BranchRanking) int { return cmp.Compare(a.Rank, b.Rank) })
	return append(ranked, unranked...), committee, nil
}

var branchRankingColumns = []Column{
	{Header: "序号", Width: 6, Kind: Int},
	{Header: "支部代码", Width: 10, Kind: Text, Align: AlignCenter}, // as in 各党支部工作统计表
	{Header: "党支部", Width: 24, Kind: Text},
	{Header: "考核月数", Width: 9, Kind: Int},
	{Header: "平均得分", Width: 9, Kind: Number, Align: AlignCenter, Format: "0.0"},
	{Header: "最低得分", Width: 9, Kind: Number, Align: AlignCenter, Format: "0.0"},
	{Header: data.FGrade, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FRank, Width: 6, Kind: Int},
}

// branchRankingNote explains the figures above the table.
const branchRankingNote = "平均得分：期间内各月支部月度考核总分的平均数，保留一位小数（四舍五入）；最低得分：期间内得分最低的一个月的总分；" +
	"等次按考核表的等次分数线评定平均得分；平均得分相同的名次相同；期间内没有考核的党支部列在最后。"

// WriteBranchRanking writes 各党支部考核排名表: one row per branch in the given order
// (LoadBranchRanking), 不合格 rows red, branches not assessed with 等次 未考核 and no figures.
// meta.Period is the period's label.
func WriteBranchRanking(w io.Writer, meta Meta, rows []BranchRanking) error {
	meta.Committee = true
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "各支部考核排名", Title: meta.Branch + "各党支部考核排名表", Columns: branchRankingColumns, Info: []string{branchRankingNote},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeNone(w, b, s, "汇总库中还没有党支部")
	}
	out := make([]Row, 0, len(rows))
	for i, r := range rows {
		if r.Months == 0 {
			out = append(out, Row{Cells: []any{i + 1, r.Code, r.Name, 0, nil, nil, NotAssessed, nil}})
			continue
		}
		out = append(out, Row{Cells: []any{i + 1, r.Code, r.Name, r.Months, r.Average, r.Lowest, r.Grade, r.Rank},
			Red: r.Grade == data.GradeFail})
	}
	if err := s.Rows(out...); err != nil {
		return err
	}
	return b.Write(w)
}
