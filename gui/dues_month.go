package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// duesSheetColumns are the month sheet's columns.
var duesSheetColumns = widgets.Columns{{"姓名", 1, ""}, {"党小组", 1.2, ""}, {"缴费类别", 0, "其他固定额"}, {"计算基数", 0, "12345.67"},
	{"比例", 0, "1.5%"}, {"应缴", 0, "123.45"}, {"实缴", 0, "123.45"}, {"缴纳日期", 0, "2026-11-23"}, {"状态", 0, "未定基数"}}

// Row states of the month sheet.
const (
	duesPaid    = "已缴"
	duesShort   = "未缴足"
	duesUnpaid  = "未缴"
	duesExempt  = "免交"
	duesNoBase  = "未定基数"
	duesNothing = "无需缴纳"
)

// DuesMonthScreen is 月度收缴: a month's sheet of every member with 应缴 and what was paid, where a
// payment of one or several months and a voluntary payment are recorded, and the month is settled
// or reopened.
type DuesMonthScreen struct {
	env   *Env
	month data.Month
	view  *data.DuesView
	rows  []data.DuesSheetRow
	shown []int
	sel   int // index into rows of the selected member, -1 for none
	index *data.MemberIndex

	title      *widget.Label
	state      *widget.Label
	totals     *widget.Label
	search     *widgets.Entry
	onlyBehind *widget.Check
	list       *widget.List
	payBtn     *widget.Button
	extraBtn   *widget.Button
	settleBtn  *widget.Button
	content    fyne.CanvasObject

	// The open payment dialog's fields (tests fill them).
	pay *duesPayForm
}

// NewDuesMonthScreen builds the sheet of today's month.
func NewDuesMonthScreen(env *Env) *DuesMonthScreen {
	s := &DuesMonthScreen{env: env, month: data.MonthOf(env.Today()), sel: -1}
	s.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.state = widget.NewLabel("")
	s.totals = widgets.Note("")
	prev := widgets.NewIconButton(theme.NavigateBackIcon(), func() { s.SetMonth(s.month.Add(-1)) })
	next := widgets.NewIconButton(theme.NavigateNextIcon(), func() { s.SetMonth(s.month.Add(1)) })
	this := widget.NewButton("本月", func() { s.SetMonth(data.MonthOf(s.env.Today())) })
	s.search = widgets.NewEntry()
	s.search.SetPlaceHolder("按姓名或拼音首字母查找")
	s.search.OnChanged = func(string) { s.filter() }
	s.onlyBehind = widget.NewCheck("只看未缴", func(bool) { s.filter() })
	s.list = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject { return duesSheetColumns.Row(false) },
		func(i widget.ListItemID, o fyne.CanvasObject) { s.setRow(o, i) })
	s.list.OnSelected = func(i widget.ListItemID) {
		if i < len(s.shown) {
			s.sel = s.shown[i]
		}
		s.updateButtons()
	}
	s.payBtn = widget.NewButtonWithIcon("登记缴费", theme.ContentAddIcon(), s.showPay)
	s.payBtn.Importance = widget.HighImportance
	s.extraBtn = widget.NewButton("自愿多交", s.showExtra)
	s.settleBtn = widget.NewButton("结算本月", s.settleOrReopen)
	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(prev, s.title, next, this), container.NewHBox(s.state, s.settleBtn)),
		s.totals,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.onlyBehind, s.extraBtn, s.payBtn), s.search),
		duesSheetColumns.Row(true))
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	s.Reload()
	return s
}

func (s *DuesMonthScreen) Content() fyne.CanvasObject { return s.content }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (s *DuesMonthScreen) FocusSearch() { focus(s.search) }

// SetMonth shows month m.
func (s *DuesMonthScreen) SetMonth(m data.Month) {
	s.month = m
	s.Reload()
}

// duesWindow is how many months before the shown one the payment dialog offers (paying late).
const duesWindow = 12

// Reload reads the ledger of the shown month (the payment dialog reads the months around it).
func (s *DuesMonthScreen) Reload() {
	v, err := data.LoadDues(context.Background(), s.env.Store, s.month, s.month)
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.view = v
	s.rows = v.Sheet(s.month)
	s.index = data.NewMemberIndex(v.Members) // the rows are the view's members, in order
	st := v.State(s.month)
	s.title.SetText(s.month.Chinese() + "党费收缴")
	s.state.SetText("状态：" + st.State)
	if st.Reason != "" && !st.Settled {
		s.state.SetText("状态：" + st.State + "（曾重新打开：" + clip(st.Reason, 20) + "）")
	}
	s.settleBtn.SetText(map[bool]string{true: "重新打开", false: "结算本月"}[st.Settled])
	t := data.Totals(s.rows)
	text := fmt.Sprintf("应缴 %d 人 %s 元；已收齐 %d/%d，实缴 %s 元", t.Owing, data.FormatYuan(t.Due), t.Done, t.Owing, data.FormatYuan(t.Paid))
	if len(t.Behind) > 0 {
		text += fmt.Sprintf("；未缴 %d 人：%s", len(t.Behind), clip(strings.Join(t.Behind, "、"), 60))
	}
	s.totals.SetText(text)
	s.filter()
}

// filter chooses the rows shown by the search and 只看未缴.
func (s *DuesMonthScreen) filter() {
	var hit map[int]bool
	if q := strings.TrimSpace(s.search.Text); q != "" && s.index != nil {
		hit = map[int]bool{}
		for _, i := range s.index.Search(q) {
			hit[i] = true
		}
	}
	s.shown = s.shown[:0]
	for i := range s.rows {
		r := &s.rows[i]
		if s.onlyBehind.Checked && !r.Owes() || hit != nil && !hit[i] {
			continue
		}
		s.shown = append(s.shown, i)
	}
	s.list.UnselectAll()
	s.sel = -1
	s.list.Refresh()
	s.updateButtons()
}

func (s *DuesMonthScreen) updateButtons() {
	settled := s.view != nil && s.view.State(s.month).Settled
	if s.sel < 0 || settled {
		s.payBtn.Disable()
		s.extraBtn.Disable()
	} else {
		s.payBtn.Enable()
		s.extraBtn.Enable()
	}
}

// rowState is a sheet row's 状态.
func rowState(r *data.DuesSheetRow) (string, widget.Importance) {
	switch {
	case r.Base == nil:
		return duesNoBase, widget.WarningImportance
	case r.Relief != nil && r.Due == 0:
		return duesExempt, widget.MediumImportance
	case r.Due == 0:
		return duesNothing, widget.MediumImportance
	case !r.Owes():
		return duesPaid, widget.SuccessImportance
	case r.Paid:
		return duesShort, widget.DangerImportance
	}
	return duesUnpaid, widget.DangerImportance
}

func (s *DuesMonthScreen) setRow(o fyne.CanvasObject, i int) {
	if i >= len(s.shown) {
		return
	}
	r := &s.rows[s.shown[i]]
	state, imp := rowState(r)
	cells := []string{r.Member.Name, r.Group, "", "", "", "", "", "", state}
	if r.Base != nil {
		cells[2] = r.Base.Category
		if data.DuesByRate(r.Base.Category) {
			cells[3], cells[4] = data.FormatYuan(r.Base.Base), data.RateText(r.Rate)
		}
		cells[5] = data.FormatYuan(r.Due)
	}
	if r.Paid {
		cells[6], cells[7] = data.FormatYuan(r.Payment.Paid), r.Payment.Date.String()
	}
	duesSheetColumns.Set(o, cells, map[int]widget.Importance{8: imp})
}

// Select shows the row of member id (Destination.RecordID).
func (s *DuesMonthScreen) Select(id int64) {
	for k, i := range s.shown {
		if s.rows[i].Member.ID == id {
			s.list.Select(k)
			return
		}
	}
}

// duesPayForm is the payment dialog's fields.
type duesPayForm struct {
	member  data.Member
	months  *widget.CheckGroup
	choices []data.Month // the months behind the check labels, in order
	amount  *widgets.Entry
	date    *widgets.DateEntry
	method  *widget.Select
	late    *widgets.Entry
	remark  *widgets.Entry
	dlg     *flowDialog
}

// showPay asks for a payment of the selected member: the months (this one and those still owed
// before it, or ahead), the date, method, and a reason when a month is paid more than 6 months late.
func (s *DuesMonthScreen) showPay() {
	if s.sel < 0 {
		return
	}
	r := s.rows[s.sel]
	around, err := data.LoadDues(context.Background(), s.env.Store, s.month.Add(-duesWindow), s.month.Add(2))
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	f := &duesPayForm{member: r.Member}
	var labels, checked []string
	for k := s.month.Add(-duesWindow).Index(); k <= s.month.Add(2).Index(); k++ {
		m := data.MonthAt(k)
		d := around.DueOf(r.Member.ID, m)
		_, paid := around.PaidOf(r.Member.ID, m)
		if m != s.month && (d.Base == nil || paid || d.Due == 0 || around.State(m).Settled) {
			continue
		}
		label := fmt.Sprintf("%s（应缴 %s 元）", m.Chinese(), data.FormatYuan(d.Due))
		if paid {
			label += "，已缴，将改为本次"
		}
		labels = append(labels, label)
		f.choices = append(f.choices, m)
		if m == s.month {
			checked = append(checked, label)
		}
	}
	f.months = widget.NewCheckGroup(labels, nil)
	f.months.SetSelected(checked)
	f.amount = widgets.NewEntry()
	f.amount.SetPlaceHolder("留空按应缴；只缴一个月时可填")
	f.date = widgets.NewDateEntry()
	f.date.Today = s.env.Today
	f.date.SetDate(s.env.Today())
	f.method = widgets.NewSelect(data.DuesMethods, nil)
	f.method.SetSelected(data.DuesMethods[0])
	f.late = widgets.NewEntry()
	f.late.SetPlaceHolder("超过6个月补缴时必填")
	f.remark = widgets.NewEntry()
	s.pay = f
	f.dlg = newFlowDialog(s.env, "登记缴费", fmt.Sprintf("%s：可一次缴纳多个月，各月按其应缴金额收取。", r.Member.Name), "登记",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FDuesMonth, true, container.NewVScroll(f.months)),
				fs.Add(data.FDuesPaid, false, f.amount), fs.Add(data.FDuesPaidDate, true, f.date),
				fs.Add(data.FDuesMethod, true, f.method), fs.Add(data.FDuesLate, false, f.late), fs.Add(data.FRemark, false, f.remark))
		}, func() error { return s.submitPay(f) })
	f.dlg.show(f.amount)
}

// submitPay records the dialog's payment.
func (s *DuesMonthScreen) submitPay(f *duesPayForm) error {
	p := data.DuesPay{MemberID: f.member.ID, Method: f.method.Selected, LateReason: f.late.Text, Remark: f.remark.Text}
	var fe data.FieldErrors
	for i, c := range f.months.Options {
		if slices.Contains(f.months.Selected, c) {
			p.Months = append(p.Months, f.choices[i])
		}
	}
	p.Date = readDate(&fe, data.FDuesPaidDate, f.date)
	if t := strings.TrimSpace(f.amount.Text); t != "" {
		fen, err := data.ParseYuan(t)
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FDuesPaid, Message: data.ErrorMessage(err)})
		}
		p.Amount = fen
	}
	if fe != nil {
		return fe
	}
	pays, err := s.env.Store.PayDues(context.Background(), p)
	if err != nil {
		return err
	}
	s.pay = nil
	s.afterChange()
	var total int64
	for _, x := range pays {
		total += x.Paid
	}
	s.totals.SetText(fmt.Sprintf("已登记：%s缴纳 %d 个月党费，共 %s 元。", f.member.Name, len(pays), data.FormatYuan(total)) + "\n" + s.totals.Text)
	return nil
}

// afterChange reloads the sheet and tells the other screens.
func (s *DuesMonthScreen) afterChange() {
	s.Reload()
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

// showExtra records a voluntary payment (自愿多交) of the selected member, kept apart from the dues.
func (s *DuesMonthScreen) showExtra() {
	if s.sel < 0 {
		return
	}
	m := s.rows[s.sel].Member
	amount, remark := widgets.NewEntry(), widgets.NewEntry()
	amount.SetPlaceHolder("元，如 500")
	date := widgets.NewDateEntry()
	date.Today = s.env.Today
	date.SetDate(s.env.Today())
	method := widgets.NewSelect(data.DuesMethods, nil)
	method.SetSelected(data.DuesMethods[0])
	fd := newFlowDialog(s.env, "自愿多交党费", m.Name+"自愿多交的党费单独记载，不计入按月应缴和实缴。", "登记",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FDuesExtra, true, amount), fs.Add(data.FDuesPaidDate, true, date),
				fs.Add(data.FDuesMethod, true, method), fs.Add(data.FRemark, false, remark))
		}, func() error {
			e := data.DuesExtra{MemberID: m.ID, Method: method.Selected, Remark: remark.Text}
			var fe data.FieldErrors
			e.Date = readDate(&fe, data.FDuesPaidDate, date)
			fen, err := data.ParseYuan(amount.Text)
			if err != nil {
				fe = append(fe, data.FieldError{Field: data.FDuesExtra, Message: data.ErrorMessage(err)})
			}
			e.Amount = fen
			if fe != nil {
				return fe
			}
			if err := s.env.Store.SaveDuesExtra(context.Background(), &e); err != nil {
				return err
			}
			s.afterChange()
			return nil
		})
	fd.show(amount)
}

// settleOrReopen settles the shown month, or reopens a settled one with a reason.
func (s *DuesMonthScreen) settleOrReopen() {
	ctx := context.Background()
	if !s.view.State(s.month).Settled {
		t := data.Totals(s.rows)
		msg := fmt.Sprintf("结算后%s的缴费记录不能再修改（须重新打开并写明原因）。", s.month.Chinese())
		if len(t.Behind) > 0 {
			msg += fmt.Sprintf("\n尚有 %d 人未缴，结算后仍记为欠缴。", len(t.Behind))
		}
		ShowConfirm(s.env.Win, "结算"+s.month.Chinese(), msg+"\n确定结算吗？", "结算", func() {
			if err := s.env.Store.SettleDuesMonth(ctx, s.month); err != nil {
				ShowError(s.env.Win, err)
				return
			}
			s.afterChange()
		})
		return
	}
	reason := widgets.NewEntry()
	fd := newFlowDialog(s.env, "重新打开"+s.month.Chinese(), "重新打开已结算的月份须写明原因，并记入操作日志。", "重新打开",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FDuesReason, true, reason))
		}, func() error {
			if err := s.env.Store.ReopenDuesMonth(ctx, s.month, reason.Text); err != nil {
				return err
			}
			s.afterChange()
			return nil
		})
	fd.show(reason)
}

// newDuesModule is 党费: the month's collection first (the monthly work), then the members' dues
// profiles and the rate table.
func newDuesModule(env *Env, w *MainWindow) func() Screen {
	return func() Screen {
		ts := moduleTabs(moduleDues, map[TabID]func() Screen{
			tabDuesMonth:    func() Screen { return NewDuesMonthScreen(env) },
			tabDuesProfiles: func() Screen { return NewDuesProfilesScreen(env) },
			tabDuesRates:    func() Screen { return NewDuesRatesScreen(env) },
		})
		ts.onSelected = w.updateMenu
		return ts
	}
}
