package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadAppraisal is R15 of one year's appraisal: the period must lie within one calendar year.
func loadAppraisal(ctx context.Context, st data.Store, in *Input) (Result, error) {
	year, err := yearOf(in.Period, "民主评议党员结果汇总表按年度导出，请选择一个年度（如 2025）")
	if err != nil {
		return Result{}, err
	}
	var a *data.Appraisal
	found, err := st.AppraisalOf(ctx, year)
	switch {
	case err == nil:
		a = &found
	case data.ErrorCode(err) != data.ENotFound:
		return Result{}, err
	}
	meta := in.Meta
	meta.Period = fmt.Sprintf("%d年", year)
	summary := fmt.Sprintf("%d年度的民主评议党员结果汇总表（还没有评议记录）", year)
	if a != nil {
		rated, excellent := a.Counts()
		summary = fmt.Sprintf("%d年度的民主评议党员结果汇总表（参评 %d 人，优秀 %d 人）", year, rated, excellent)
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteAppraisal(w, meta, year, a) },
		Table:   func() ([]string, [][]any) { return reports.AppraisalTable(a) },
		Summary: summary,
		Meta:    meta,
	}, nil
}

// loadTalks is R16 of the talks held in the period.
func loadTalks(ctx context.Context, st data.Store, in *Input) (Result, error) {
	talks, err := st.Talks(ctx, data.TalkFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteTalks(w, in.Meta, talks) },
		Table:   func() ([]string, [][]any) { return reports.TalksTable(talks) },
		Summary: fmt.Sprintf("%s的谈心谈话记录台账（%d 次）", in.Period.Label, len(talks)),
	}, nil
}
