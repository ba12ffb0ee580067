package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadEmergencies is R19 of the records of the period, with the supplies as they stand on the
// report's day (the list keeps no history).
func loadEmergencies(ctx context.Context, st data.Store, in *Input) (Result, error) {
	es, err := st.Emergencies(ctx, data.EmergencyFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	ss, err := st.Supplies(ctx)
	if err != nil {
		return Result{}, err
	}
	asOf := in.Meta.AsOf()
	faults := 0
	for i := range ss {
		if data.SupplyFault(&ss[i], asOf) {
			faults++
		}
	}
	return Result{
		Write: func(w io.Writer) error { return reports.WriteEmergencies(w, in.Meta, es, ss, asOf) },
		Table: func() ([]string, [][]any) { return reports.EmergenciesTable(es) },
		Summary: fmt.Sprintf("%s的应急防控工作台账（%d 次；应急物资 %d 项，过期或缺失 %d 项）",
			in.Period.Label, len(es), len(ss), faults),
	}, nil
}
