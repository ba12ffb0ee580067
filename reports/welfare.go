package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"

	"branchledger/data"
)

var welfareColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FWelfareTitle, Width: 24, Kind: Text},
	{Header: data.FWelfareCategory, Width: 6, Kind: Text, Align: AlignCenter},
	{Header: data.FWelfareSource, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FProposer, Width: 13, Kind: Text},
	{Header: data.FProposedDate, Width: 11, Kind: Date},
	{Header: data.FHandler, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FPlannedDate, Width: 11, Kind: Date},
	{Header: data.FState, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FDoneDate, Width: 11, Kind: Date},
	{Header: data.FRating, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FCost, Width: 11, Kind: Number},
	{Header: data.FInHouse, Width: 9, Kind: Bool},
}

// welfareCostColumn is 费用(元), added up in the 合计 row; 自主完成 follows it.
const welfareCostColumn = 11

// welfareStatus is the 状态 cell: 逾期N天 for an overdue item (as R3 prints findings), 不予办理 with
// its reason below (R7 has no column for it, and a refusal without its reason reads as neglect).
func welfareStatus(it *data.WelfareItem, overdue int) string {
	switch {
	case overdue > 0:
		return fmt.Sprintf("逾期%d天", overdue)
	case it.State == data.WelfareRejected && it.Reason != "":
		return it.State + "\n（" + it.Reason + "）"
	}
	return it.State
}

// WriteWelfareItems writes R7 办实事(福利事项)台账: one row per item in the given order, open items
// past their 计划完成日期 on meta.Date (the 填报日期, today when zero) red with 状态 逾期N天, as the
// note above the table says; 费用(元) with two decimals (empty when 0), a bold 合计（已办结） row adding
// up what the items done cost and counting the items done, overdue and done in-house, and a 计划中
// row with what the open items are to cost (refused items cost nothing).
func WriteWelfareItems(w io.Writer, meta Meta, items []data.WelfareItem) error {
	asOf := meta.AsOf()
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "办实事台账", Title: meta.Branch + "办实事（福利事项）台账", Columns: welfareColumns,
		Info: []string{asOfNote(meta)},
	})
	if err != nil {
		return err
	}
	if len(items) == 0 {
		return writeNone(w, b, s, "本期没有办实事（福利事项）记录")
	}
	// Whole cents: the sum of two-decimal costs stays exact. Spent is what items done cost; planned
	// what open items are to cost; a refused item costs nothing.
	var spent, planned int64
	done, overdueN, inHouse := 0, 0, 0
	_, cells := WelfareItemsTable(items, asOf)
	for i := range items {
		it := &items[i]
		overdue := it.OverdueDays(asOf)
		cents := int64(it.Cost*100 + 0.5)
		switch it.State {
		case data.WelfareDone:
			done++
			spent += cents
		case data.WelfareRejected:
		default:
			planned += cents
		}
		if overdue > 0 {
			overdueN++
		}
		if it.InHouse {
			inHouse++
		}
		if err := s.Rows(Row{Cells: cells[i], Red: overdue > 0}); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("合计（已办结）：共%d项，已办结%d项，逾期%d项", len(items), done, overdueN)
	total := make([]any, len(welfareColumns))
	total[0] = Cell{Value: summary, Across: welfareCostColumn - 1, Align: AlignCenter}
	total[welfareCostColumn] = float64(spent) / 100
	total[welfareCostColumn+1] = fmt.Sprintf("自主%d项", inHouse)
	open := make([]any, len(welfareColumns))
	open[0] = Cell{Value: "计划中（已登记、办理中事项的费用，不计入合计）", Across: welfareCostColumn - 1, Align: AlignCenter}
	open[welfareCostColumn] = float64(planned) / 100
	if err := s.Rows(Row{Cells: total, Bold: true}, Row{Cells: open}); err != nil {
		return err
	}
	return b.Write(w)
}

// WelfareItemsTable is R7's table as WriteWelfareItems prints it (without the 合计 row): the
// headers and one row of cell values per item, 序号 from 1, 状态 with lateness on day asOf and a
// refusal's reason, 费用(元) empty when 0. It is also what a group template is filled with
// (TemplateData.Columns, Rows).
func WelfareItemsTable(items []data.WelfareItem, asOf data.Date) (headers []string, rows [][]any) {
	rows = make([][]any, len(items))
	for i := range items {
		it := &items[i]
		var cost any
		if it.Cost != 0 {
			cost = it.Cost
		}
		rows[i] = []any{i + 1, it.Title, it.Category, it.Source, it.Proposer, it.ProposedDate, it.Handler,
			it.PlannedDate, welfareStatus(it, it.OverdueDays(asOf)), it.DoneDate, it.Rating, cost, it.InHouse}
	}
	return columnHeaders(welfareColumns), rows
}

var surveyColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FQuestion, Width: 16, Kind: Text},
	{Header: data.SurveyAnswers[0], Width: 9, Kind: Int},
	{Header: data.SurveyAnswers[1], Width: 9, Kind: Int},
	{Header: data.SurveyAnswers[2], Width: 9, Kind: Int},
	{Header: data.SurveyAnswers[3], Width: 9, Kind: Int},
	{Header: data.SurveyAnswers[4], Width: 9, Kind: Int},
	{Header: data.FSurveyTotal, Width: 8, Kind: Int},
	{Header: data.FSatisfaction, Width: 9, Kind: Number, Align: AlignCenter, Format: "0.0%"},
}

// WriteSurveys writes R11 满意度调查统计表: one table per survey, stacked on one sheet when a period
// holds several (oldest first, then by facility category), each under a caption naming its 设施类别
// and 期间, with a bold 合计 row (data.Survey.Overall: the rate over all answers). 满意率 =
// (非常满意 + 满意) ÷ 合计, one decimal; empty for a question nobody answered. With one survey the
// title names its category and row 2 its period unless Meta.Period is set.
func WriteSurveys(w io.Writer, meta Meta, surveys []data.Survey) error {
	sorted := slices.Clone(surveys)
	rank := func(c string) int {
		if i := slices.Index(data.FacilityCategories, c); i >= 0 {
			return i
		}
		return len(data.FacilityCategories)
	}
	slices.SortStableFunc(sorted, func(a, b data.Survey) int {
		return cmp.Or(a.Period.From.Compare(b.Period.From), cmp.Compare(rank(a.Category), rank(b.Category)))
	})
	title := meta.Branch + "满意度调查统计表"
	if len(sorted) == 1 {
		title = meta.Branch + sorted[0].Category + "满意度调查统计表"
		if meta.Period == "" {
			meta.Period = sorted[0].Period.Label
		}
	}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "满意度调查统计表", Title: title, Columns: surveyColumns, NoHeader: true})
	if err != nil {
		return err
	}
	header := Row{Cells: make([]any, len(surveyColumns))}
	for i, c := range surveyColumns {
		header.Cells[i] = c.Header
	}
	if len(sorted) == 0 {
		if err := s.HeaderRows(header); err != nil {
			return err
		}
		return writeNone(w, b, s, "本期没有满意度调查")
	}
	for i := range sorted {
		sv := &sorted[i]
		caption := fmt.Sprintf("设施类别：%s　　调查期间：%s", sv.Category, surveyPeriod(sv.Period))
		if len(sorted) > 1 {
			caption = fmt.Sprintf("%s、%s", chineseNumber(i+1), caption)
		}
		if i > 0 {
			if err := s.Skip(1); err != nil {
				return err
			}
		}
		if err := s.Caption(caption); err != nil {
			return err
		}
		if err := s.HeaderRows(header); err != nil {
			return err
		}
		rows := make([]Row, 0, len(sv.Questions)+1)
		for j, q := range sv.Questions {
			rows = append(rows, Row{Cells: surveyCells(j+1, q)})
		}
		total := surveyCells(nil, sv.Overall())
		total[0], total[1] = Cell{Value: data.FSurveyTotal, Across: 1, Align: AlignCenter}, nil
		rows = append(rows, Row{Cells: total, Bold: true})
		if err := s.Rows(rows...); err != nil {
			return err
		}
	}
	return b.Write(w)
}

func surveyCells(seq any, q data.SurveyQuestion) []any {
	cells := []any{seq, q.Text}
	for _, c := range q.Counts {
		cells = append(cells, c)
	}
	var rate any
	if q.Total() > 0 {
		rate = q.Rate()
	}
	return append(cells, q.Total(), rate)
}

// surveyPeriod prints a period's label with its days, unless the label is the days already.
func surveyPeriod(p data.Period) string {
	days := p.From.String() + "至" + p.To.String()
	switch {
	case p.Label == "":
		return days
	case p.Label == days || p.From.IsZero():
		return p.Label
	}
	return p.Label + "（" + days + "）"
}

// chineseNumber numbers the stacked tables 一, 二, …, 十, then 11, 12, ….
func chineseNumber(n int) string {
	digits := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if n >= 1 && n <= len(digits) {
		return digits[n-1]
	}
	return fmt.Sprint(n)
}
