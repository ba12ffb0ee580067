package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadDuesYear is R21 for the period's year (a period within one year; the whole year is printed).
func loadDuesYear(ctx context.Context, st data.Store, in *Input) (Result, error) {
	year, err := yearOf(in.Period, "党费收缴登记表按年导出，请选择一个年份，例如 2026")
	if err != nil {
		return Result{}, err
	}
	in.Meta.Period = fmt.Sprintf("%d年", year)
	v, err := data.LoadDues(ctx, st, data.Month{Year: year, Month: 1}, data.Month{Year: year, Month: 12})
	if err != nil {
		return Result{}, err
	}
	extras, err := st.DuesExtras(ctx, year)
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	rows := v.YearRows(year, meta.AsOf())
	behind := 0
	for _, r := range rows {
		if r.Behind > 0 {
			behind++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteDuesYear(w, meta, year, rows, extras) },
		Table:   func() ([]string, [][]any) { return reports.DuesYearTable(rows) },
		Summary: fmt.Sprintf("%d年的党费收缴登记表（%d 名党员，其中有欠缴的 %d 名）", year, len(rows), behind),
	}, nil
}

// loadDuesSummary is R22 for the months of the period (a month or a year).
func loadDuesSummary(ctx context.Context, st data.Store, in *Input) (Result, error) {
	from, to := data.MonthOf(in.Period.From), data.MonthOf(in.Period.To)
	v, err := data.LoadDues(ctx, st, from, to)
	if err != nil {
		return Result{}, err
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	rows := v.Summary(from, to, meta.AsOf(), groups)
	total := rows[len(rows)-1]
	return Result{
		Write: func(w io.Writer) error { return reports.WriteDuesSummary(w, meta, rows) },
		Summary: fmt.Sprintf("%s的党费收缴情况汇总表（应缴 %s 元，实缴 %s 元，欠缴 %d 人）", in.Period.Label,
			data.FormatYuan(total.DueSum), data.FormatYuan(total.PaidSum), total.BehindCount),
	}, nil
}
