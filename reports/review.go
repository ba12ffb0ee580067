package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"branchledger/data"
)

// OpenFindingRows lists the findings that were open on day asOf (found by then and not closed by
// then, as data.ComputeFindingStats counts 未销号), the overdue ones first, longest overdue first,
// then by 发现日期: the order a monthly review reads them out.
func OpenFindingRows(fs []data.Finding, teams []data.Team, asOf data.Date) []FindingRow {
	var open []data.Finding
	for i := range fs {
		if openOn(&fs[i], asOf) {
			open = append(open, fs[i])
		}
	}
	rows := FindingRows(open, teams, asOf)
	slices.SortStableFunc(rows, func(a, b FindingRow) int {
		return cmp.Or(cmp.Compare(b.OverdueDays, a.OverdueDays), a.FoundDate.Compare(b.FoundDate))
	})
	return rows
}

// R4 is one sheet holding four tables on one grid of eight columns, laid out for the widest, the
// list of open problems (序号, 发现日期, 班组, 问题描述 over two columns, 责任人, 整改期限, 状态);
// each table sets its own column kinds (Sheet.SetColumns) and spans columns where it needs width.
var reviewWidths = []float64{6, 11, 12, 15, 14, 8, 11, 11}

func reviewColumns(kinds []Kind, aligns []Align, formats map[int]string) []Column {
	cols := make([]Column, len(reviewWidths))
	for i := range cols {
		cols[i] = Column{Width: reviewWidths[i], Kind: kinds[i], Align: aligns[i], Format: formats[i]}
	}
	return cols
}

var (
	// 项目 (A:C) | 数值 (D) | 说明 (E:H)
	reviewSummaryColumns = reviewColumns(
		[]Kind{Text, Text, Text, Number, Text, Text, Text, Text},
		[]Align{AlignLeft, 0, 0, AlignCenter, AlignLeft, 0, 0, 0},
		map[int]string{3: "0"})
	// 序号 | 名称 (B:C) | 发现 | 已销号 | 销号率 | 未销号 | 逾期
	reviewStatColumns = reviewColumns(
		[]Kind{Int, Text, Text, Int, Int, Number, Int, Int},
		[]Align{0, AlignLeft, 0, 0, 0, AlignCenter, 0, 0},
		map[int]string{5: "0.0%"})
	// 序号 | 发现日期 | 班组 | 问题描述 (D:E) | 责任人 | 整改期限 | 状态
	reviewListColumns = reviewColumns(
		[]Kind{Int, Date, Text, Text, Text, Text, Date, Text},
		[]Align{0, 0, 0, 0, 0, AlignCenter, 0, AlignCenter},
		nil)
)

// WriteMonthlyReview writes R4 月度讲评表 for the period of st (Meta.Period defaults to its label):
// a summary with what each figure means, the figures by 问题类别 and by 班组 with total rows, and
// the problems open on st.AsOf (from OpenFindingRows over the same findings, so that the list and
// the counts agree), overdue ones in red.
func WriteMonthlyReview(w io.Writer, meta Meta, st data.FindingStats, open []FindingRow) error {
	if meta.Period == "" {
		meta.Period = st.Period.Label
	}
	asOf := st.AsOf.Chinese()
	cols := reviewSummaryColumns
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "月度讲评表", Title: meta.Branch + "月度讲评表", Columns: cols, NoHeader: true})
	if err != nil {
		return err
	}
	avg, avgNote := any(st.AvgDaysToClose), fmt.Sprintf("本期销号的%d个问题从发现到销号的平均天数", st.Closed)
	if st.Closed == 0 {
		avg, avgNote = nil, "本期没有销号的问题"
	}
	summary := []struct {
		name  string
		value any
		note  string
	}{
		{"督查次数", st.Inspections, "本期开展的督查检查"},
		{"发现问题", st.New, "本期发现的问题（各种来源）"},
		{"已销号", st.NewClosed, "本期发现的问题中，截至" + asOf + "已销号的"},
		{"销号率", Cell{Value: rateOf(st.New, st.ClosureRate), Format: "0.0%"}, "已销号 ÷ 发现问题"},
		{"未销号", st.Open, "含以前发现、截至" + asOf + "仍未销号的问题"},
		{"逾期", Cell{Value: st.Overdue, Red: st.Overdue > 0}, "未销号的问题中已过整改期限的"},
		{"平均销号天数", Cell{Value: avg, Format: "0.0"}, avgNote},
	}
	rows := make([]Row, len(summary))
	for i, it := range summary {
		rows[i] = Row{Cells: []any{Cell{Value: it.name, Across: 2}, nil, nil, it.value, Cell{Value: it.note, Across: 3}}}
	}
	steps := []func() error{
		func() error { return s.Caption("一、总体情况") },
		func() error {
			return s.HeaderRows(Row{Cells: []any{Cell{Value: "项目", Across: 2}, nil, nil, "数值", Cell{Value: "说明", Across: 3}}})
		},
		func() error { return s.Rows(rows...) },
		func() error { return s.Skip(1) },
		func() error { return writeStatTable(s, "二、按问题类别", "问题类别", st.ByCategory, st) },
		func() error { return s.Skip(1) },
		func() error { return writeStatTable(s, "三、按班组", "班组", st.ByTeam, st) },
		func() error { return s.Skip(1) },
		func() error {
			return s.Caption(openListCaption(asOf, open) + "，见工作表“" + openListSheet + "”")
		},
		func() error { return writeOpenList(b, meta, asOf, open) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return b.Write(w)
}

// writeStatTable writes one breakdown with its total row (the period's totals: every finding has
// one category and one team, so they are the column sums).
func writeStatTable(s *Sheet, caption, name string, rows []data.StatRow, st data.FindingStats) error {
	if err := s.SetColumns(reviewStatColumns); err != nil {
		return err
	}
	if err := s.Caption(caption); err != nil {
		return err
	}
	err := s.HeaderRows(Row{Cells: []any{"序号", Cell{Value: name, Across: 1}, nil, "发现", "已销号", "销号率", "未销号", "逾期"}})
	if err != nil {
		return err
	}
	out := make([]Row, 0, len(rows)+1)
	line := func(first any, r data.StatRow) []any {
		return []any{first, Cell{Value: r.Name, Across: 1}, nil, r.New, r.NewClosed, rateOf(r.New, r.ClosureRate), r.Open,
			Cell{Value: r.Overdue, Red: r.Overdue > 0}}
	}
	for _, r := range rows {
		// A row only closed this period (found before, nothing open) would print as zeros: its
		// closing counts in 平均销号天数 and the totals stay the column sums without it.
		if r.New == 0 && r.Open == 0 {
			continue
		}
		out = append(out, Row{Cells: line(len(out)+1, r)})
	}
	total := data.StatRow{New: st.New, NewClosed: st.NewClosed, ClosureRate: st.ClosureRate, Open: st.Open, Overdue: st.Overdue}
	cells := line(nil, total)
	cells[0], cells[1] = Cell{Value: "合计", Across: 2, Align: AlignCenter}, nil
	out = append(out, Row{Cells: cells, Bold: true})
	return s.Rows(out...)
}

// openListSheet is the sheet of R4's list of open problems: a long list, on a sheet of its own so
// that its header repeats on every printed page and stays in view on screen.
const openListSheet = "未销号问题"

// openListCaption counts the open problems: 四、截至…未销号的问题（共 N 项，其中逾期 M 项）.
func openListCaption(asOf string, open []FindingRow) string {
	overdue := 0
	for _, r := range open {
		if r.OverdueDays > 0 {
			overdue++
		}
	}
	return fmt.Sprintf("四、截至%s未销号的问题（共 %d 项，其中逾期 %d 项）", asOf, len(open), overdue)
}

// writeOpenList writes the problems open on asOf on a sheet of their own, overdue ones in red.
func writeOpenList(b *Book, meta Meta, asOf string, open []FindingRow) error {
	s, err := b.AddSheet(SheetSpec{
		Name: openListSheet, Title: meta.Branch + "月度讲评表（未销号问题）", Columns: reviewListColumns,
		Info:   []string{openListCaption(asOf, open)},
		Header: []Row{{Cells: []any{"序号", "发现日期", "班组", Cell{Value: "问题描述", Across: 1}, nil, "责任人", "整改期限", "状态"}}},
	})
	if err != nil {
		return err
	}
	if len(open) == 0 {
		return noneRow(s, "没有未销号的问题")
	}
	rows := make([]Row, len(open))
	for i, r := range open {
		status := r.Status()
		if r.OverdueDays == 0 && r.State == data.StateClosed {
			status = "已销号\n" + r.ClosedDate.String() // open on asOf, closed since
		}
		rows[i] = Row{Cells: []any{i + 1, r.FoundDate, r.Team, Cell{Value: r.Description, Across: 1}, nil,
			r.Responsible, r.Deadline, status}, Red: r.OverdueDays > 0}
	}
	return s.Rows(rows...)
}

// rateOf leaves a closure rate empty when nothing was found: 0 % would read as a bad result.
func rateOf(found int, rate float64) any {
	if found == 0 {
		return nil
	}
	return rate
}
