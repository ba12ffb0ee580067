package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadConcerns is R18 of the concerns recorded in the period, return visits as of the 填报日期.
func loadConcerns(ctx context.Context, st data.Store, in *Input) (Result, error) {
	cs, err := st.Concerns(ctx, data.ConcernFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	overdue := 0
	for i := range cs {
		if cs[i].VisitOverdueDays(meta.Date) > 0 {
			overdue++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteConcerns(w, meta, cs) },
		Table:   func() ([]string, [][]any) { return reports.ConcernsTable(cs, meta.Date) },
		Summary: fmt.Sprintf("%s的职工思想疏导台账（%d 人次，其中逾期未回访 %d 人次）", in.Period.Label, len(cs), overdue),
	}, nil
}
