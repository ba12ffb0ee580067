package catalog

import (
	"context"
	"fmt"
	"io"

	"branchledger/data"
	"branchledger/reports"
)

// loadPetitions is R20 of the cases registered and the screenings held in the period; 逾期 is as of
// the period's end, or the 填报日期 for a period not over.
func loadPetitions(ctx context.Context, st data.Store, in *Input) (Result, error) {
	f := data.PetitionFilter{From: in.Period.From, To: in.Period.To}
	ps, err := st.Petitions(ctx, f)
	if err != nil {
		return Result{}, err
	}
	ss, err := st.Screenings(ctx, f)
	if err != nil {
		return Result{}, err
	}
	asOf := in.Period.To
	if today := in.Meta.Date; !today.IsZero() && today.Before(asOf) {
		asOf = today
	}
	overdue, escalated := 0, 0
	for i := range ps {
		if ps[i].OverdueDays(asOf) > 0 {
			overdue++
		}
		if ps[i].Escalated {
			escalated++
		}
	}
	return Result{
		Write: func(w io.Writer) error { return reports.WritePetitions(w, in.Meta, ps, ss, asOf) },
		Table: func() ([]string, [][]any) { return reports.PetitionsTable(ps, asOf) },
		Summary: fmt.Sprintf("%s的信访维稳排查化解台账（信访事项 %d 件，其中逾期 %d 件、越级上访 %d 起；矛盾排查 %d 次）",
			in.Period.Label, len(ps), overdue, escalated, len(ss)),
	}, nil
}
