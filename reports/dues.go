package reports

import (
	"fmt"
	"io"

	"branchledger/data"
)

// The 党费 reports of SPEC §13: R21 党费收缴登记表 (a year, one row per member) and R22
// 党费收缴情况汇总表 (a month or a year, by 党小组 and in total). Amounts are printed in 元 with two
// decimals from whole fen, so every total is exact.

var duesYearColumns = func() []Column {
	cols := []Column{
		{Header: "序号", Width: 4, Kind: Int},
		{Header: data.FName, Width: 7, Kind: Text, Align: AlignCenter},
		{Header: data.FDuesCategory, Width: 8, Kind: Text, Align: AlignCenter},
		{Header: data.FDuesBase, Width: 9, Kind: Number},
		{Header: data.FDuesRate, Width: 5, Kind: Text, Align: AlignCenter},
		{Header: data.FDuesDue, Width: 7, Kind: Number},
	}
	for m := 1; m <= 12; m++ {
		cols = append(cols, Column{Header: fmt.Sprintf("%d月", m), Width: 6.5, Kind: Number})
	}
	return append(cols, Column{Header: "合计", Width: 8, Kind: Number}, Column{Header: "欠缴月数", Width: 6, Kind: Int})
}()

// duesFirstMonth is the column of 1月 in R21.
const duesFirstMonth = 6

// DuesYearTable is R21's table as WriteDuesYear prints it (without the 合计 row): 比例 as a
// percentage (empty for a fixed amount), each month what was paid (empty when nothing was).
func DuesYearTable(rows []data.DuesYearRow) (headers []string, cells [][]any) {
	for _, c := range duesYearColumns {
		headers = append(headers, c.Header)
	}
	cells = make([][]any, len(rows))
	for i := range rows {
		r := &rows[i]
		line := []any{i + 1, r.Member.Name, r.Category, nil, "", nil}
		if r.HasBase {
			line[5] = data.Yuan(r.Monthly)
			if data.DuesByRate(r.Category) {
				line[3], line[4] = data.Yuan(r.Base), data.RateText(r.Rate)
			}
		}
		for m := range 12 {
			var v any
			if r.PaidAny[m] {
				v = data.Yuan(r.Paid[m])
			}
			line = append(line, v)
		}
		cells[i] = append(line, data.Yuan(r.Total), r.Behind)
	}
	return headers, cells
}

// WriteDuesYear writes R21 党费收缴登记表 for year: one row per member in roster order (月应缴 that of
// the year's last month with a base; 1月…12月 what was paid; 合计; 欠缴月数 counting the months that
// ended before the 填报日期 with their 应缴 not fully paid, red when any), a bold 合计 row, and a line with the
// voluntary payments (自愿多交), which are kept apart from the monthly dues.
func WriteDuesYear(w io.Writer, meta Meta, year int, rows []data.DuesYearRow, extras []data.DuesExtra) error {
	b := NewBook(meta)
	asOf := meta.AsOf()
	info := []string{fmt.Sprintf("注：1月至12月为各月实缴金额（元）；欠缴月数为截至%s（填报日期）已过去而未缴足的月数。", asOf.Chinese())}
	if len(extras) > 0 {
		var sum int64
		for _, e := range extras {
			sum += e.Amount
		}
		info = append(info, fmt.Sprintf("另有自愿多交党费 %d 笔，共 %s 元，未计入上表。", len(extras), data.FormatYuan(sum)))
	}
	s, err := b.AddSheet(SheetSpec{Name: "党费收缴登记表", Title: fmt.Sprintf("%s%d年党费收缴登记表", meta.Branch, year),
		Columns: duesYearColumns, Info: info})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeNone(w, b, s, "没有在册党员")
	}
	_, cells := DuesYearTable(rows)
	var months [12]int64
	var due, total int64
	behind := 0
	for i := range rows {
		r := &rows[i]
		line := make([]any, len(cells[i]))
		copy(line, cells[i])
		if r.Behind > 0 {
			line[len(line)-1] = Cell{Value: r.Behind, Red: true}
			behind++
		}
		if err := s.Rows(Row{Cells: line}); err != nil {
			return err
		}
		due += r.Monthly
		total += r.Total
		for m := range 12 {
			months[m] += r.Paid[m]
		}
	}
	sum := make([]any, len(duesYearColumns))
	sum[0] = Cell{Value: fmt.Sprintf("合计（%d人）", len(rows)), Across: 4, Align: AlignCenter}
	sum[5] = data.Yuan(due)
	for m := range 12 {
		sum[duesFirstMonth+m] = data.Yuan(months[m])
	}
	sum[duesFirstMonth+12] = data.Yuan(total)
	sum[duesFirstMonth+13] = fmt.Sprintf("%d人欠缴", behind)
	if err := s.Rows(Row{Cells: sum, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}

var duesSummaryColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: "党小组", Width: 16, Kind: Text},
	{Header: "应缴人数", Width: 8, Kind: Int},
	{Header: "应缴金额(元)", Width: 11, Kind: Number},
	{Header: "实缴人数", Width: 8, Kind: Int},
	{Header: "实缴金额(元)", Width: 11, Kind: Number},
	{Header: "欠缴人数", Width: 8, Kind: Int},
	{Header: "欠缴金额(元)", Width: 11, Kind: Number},
}

// WriteDuesSummary writes R22 党费收缴情况汇总表 for a month or a year: one row per 党小组 and a
// bold 合计 row (the last of rows, as DuesView.Summary gives them); a member is counted once in each
// count; 欠缴 in red where any.
func WriteDuesSummary(w io.Writer, meta Meta, rows []data.DuesSummaryRow) error {
	b := NewBook(meta)
	asOf := meta.AsOf()
	s, err := b.AddSheet(SheetSpec{Name: "党费收缴情况汇总", Title: meta.Branch + "党费收缴情况汇总表", Columns: duesSummaryColumns,
		Info: []string{fmt.Sprintf("注：统计期间内截至%s（填报日期）已开始的月份，欠缴含收缴中月份尚未缴纳的；一名党员在各项人数中只计一次。", asOf.Chinese())}})
	if err != nil {
		return err
	}
	for i, r := range rows {
		last := i == len(rows)-1
		line := []any{i + 1, r.Group, r.DueCount, data.Yuan(r.DueSum), r.PaidCount, data.Yuan(r.PaidSum), r.BehindCount, data.Yuan(r.Owing)}
		if last {
			line[0], line[1] = Cell{Value: "合计", Across: 1, Align: AlignCenter}, nil
		}
		if r.BehindCount > 0 {
			line[6], line[7] = Cell{Value: r.BehindCount, Red: true}, Cell{Value: data.Yuan(r.Owing), Red: true}
		}
		if err := s.Rows(Row{Cells: line, Bold: last}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
