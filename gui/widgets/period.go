package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// Period choices of the lists.
const (
	PeriodThisMonth   = "本月"
	PeriodLastMonth   = "上月"
	PeriodThisQuarter = "本季度"
	PeriodThisYear    = "本年"
	PeriodAll         = "全部日期"
	PeriodCustom      = "自选日期…"
)

// PeriodFilter is a list's date filter: a select of common periods and, for 自选日期, two date
// fields (From, To) shown under it. What a choice means is the caller's (see gui's span).
type PeriodFilter struct {
	Sel      *widget.Select
	From, To *DateEntry
	Custom   *fyne.Container // the two date fields; hidden unless 自选日期
}

// NewPeriodFilter builds the filter; changed runs on each change of choice or date.
func NewPeriodFilter(today func() data.Date, changed func()) *PeriodFilter {
	p := &PeriodFilter{}
	p.From, p.To = NewDateEntry(), NewDateEntry()
	for _, e := range []*DateEntry{p.From, p.To} {
		e.Today = today
		e.OnFocusLost = changed
		e.OnSubmitted = func(string) { changed() }
	}
	p.From.SetPlaceHolder("开始日期")
	p.To.SetPlaceHolder("结束日期")
	p.Custom = container.NewBorder(nil, nil, nil, nil,
		container.NewGridWithColumns(2, p.From, p.To))
	p.Custom.Hide()
	p.Sel = NewSelect([]string{PeriodThisMonth, PeriodLastMonth, PeriodThisQuarter, PeriodThisYear, PeriodAll, PeriodCustom},
		func(v string) {
			p.Custom.Hidden = v != PeriodCustom
			p.Custom.Refresh()
			changed()
		})
	p.Sel.SetSelected(PeriodAll)
	return p
}

// Reset shows every date, without calling changed.
func (p *PeriodFilter) Reset() {
	changed := p.Sel.OnChanged
	p.Sel.OnChanged = nil
	p.Sel.SetSelected(PeriodAll)
	p.Sel.OnChanged = changed
	p.Custom.Hide()
}
