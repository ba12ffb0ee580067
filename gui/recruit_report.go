package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// personOption adds the choice of a person of the 发展党员 pipeline (R24) to form when report k
// takes one: the select and the people it lists (nil when k takes none, or when there is nobody
// to choose, which is then said).
func personOption(env *Env, k *catalog.Report, form *widget.Form) (*widget.Select, []data.Recruit) {
	if !k.Takes(catalog.OptPerson) {
		return nil, nil
	}
	rs, err := env.Store.Recruits(context.Background())
	if err != nil {
		ShowError(env.Win, err)
		return nil, nil
	}
	if len(rs) == 0 {
		ShowError(env.Win, data.Errorf(data.EInvalid, "还没有入党申请人：请先在“党员 → 发展党员”中登记。"))
		return nil, nil
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = fmt.Sprintf("%s（%s）", r.Name, r.StageName())
	}
	sel := widgets.NewSelect(names, nil)
	sel.SetSelectedIndex(0)
	form.Append("入党申请人", sel)
	return sel, rs
}
