package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadDecisions is R17 of the decisions taken in the period, flagged under the file's 三重一大
// settings, states as of the 填报日期.
func loadDecisions(ctx context.Context, st data.Store, in *Input) (Result, error) {
	ds, err := st.Decisions(ctx, data.DecisionFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	rules, err := st.DecisionRules(ctx)
	if err != nil {
		return Result{}, err
	}
	asOf := in.Meta.AsOf()
	flagged := 0
	for i := range ds {
		if len(ds[i].Flags(rules)) > 0 {
			flagged++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteDecisions(w, in.Meta, ds, rules) },
		Table:   func() ([]string, [][]any) { return reports.DecisionsTable(ds, asOf) },
		Summary: fmt.Sprintf("%s的“三重一大”事项决策台账（%d 项，不符合决策规定 %d 项）", in.Period.Label, len(ds), flagged),
	}, nil
}
