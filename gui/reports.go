package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// ReportsScreen lists the reports of the catalogue (reports/catalog); each can be exported to an
// .xlsx file, and those that print one table can fill a group's own template.
type ReportsScreen struct {
	env     *Env
	kinds   []*catalog.Report
	exports map[string][]*widget.Button // report id → its buttons, disabled where the file cannot print it
	scopes  map[string]*widget.Label    // report id → why it cannot be printed from this file
	warning *widget.Label               // shown when the branch has no name yet
	// rows holds a row per report (entries, in the catalogue's order): those this file can print
	// first, then under unavailable those it cannot (on a 汇总库, most of them).
	rows        *fyne.Container
	entries     map[string]fyne.CanvasObject
	unavailable *widget.Label
	content     fyne.CanvasObject
}

// NewReportsScreen builds the 报表 screen.
func NewReportsScreen(env *Env) *ReportsScreen {
	s := &ReportsScreen{env: env, kinds: catalog.All(), exports: map[string][]*widget.Button{}, scopes: map[string]*widget.Label{}}
	s.warning = widget.NewLabel("还没有填写党支部名称：报表的标题和“单位”栏将是空的。请先在“数据与设置”中填写支部信息。")
	s.warning.Importance = widget.WarningImportance
	s.warning.Wrapping = fyne.TextWrapWord
	s.warning.Hide()

	s.rows, s.entries = container.NewVBox(), map[string]fyne.CanvasObject{}
	s.unavailable = widget.NewLabelWithStyle("以下报表不能从当前数据文件导出：", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	for _, k := range s.kinds {
		title := widget.NewLabelWithStyle(k.ID+"　"+k.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		scope := hint("")
		scope.Hide()
		s.scopes[k.ID] = scope
		export := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() { s.askExport(k) })
		buttons := container.NewVBox(export)
		s.exports[k.ID] = []*widget.Button{export}
		if k.Fills {
			fill := widget.NewButtonWithIcon("按上级模板导出…", theme.FileIcon(), func() { s.askTemplateExport(k) })
			buttons.Add(fill)
			s.exports[k.ID] = append(s.exports[k.ID], fill)
		}
		s.entries[k.ID] = container.NewVBox(
			container.NewBorder(nil, nil, nil, container.NewCenter(buttons), container.NewVBox(title, widgets.Note(k.Description), scope)),
			widget.NewSeparator())
	}
	top := container.NewVBox(widgets.Heading("报表"),
		widgets.Note("每张报表导出为一个 Excel 文件（.xlsx），按 A4 纸排好版，可直接打印，也可在 Excel 或 WPS 中修改。"),
		s.warning, widget.NewSeparator())
	s.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.rows)))
	s.Reload()
	return s
}

// Content implements Screen.
func (s *ReportsScreen) Content() fyne.CanvasObject { return s.content }

// Reload implements Screen: warns when a branch's reports would print without its name, and disables
// the reports this kind of file (a branch's, or a 汇总库) cannot print, saying why.
func (s *ReportsScreen) Reload() {
	ctx := context.Background()
	// A 汇总库's sheets are headed by its own name, else by the 所属党委 its packages give.
	cons := isConsolidated(s.env.Store)
	b, err := s.env.Store.Branch(ctx)
	if cons || err == nil && b.Name != "" {
		s.warning.Hide()
	} else {
		s.warning.Show()
	}
	var can, cannot []fyne.CanvasObject
	for _, k := range s.kinds {
		why := ""
		switch {
		case k.Scope == catalog.Consolidated && !cons:
			why = "只能在汇总库上导出（在“数据与设置 → 上报与汇总”中汇总各支部的数据包）。"
		case k.Scope == catalog.BranchFile && cons:
			why = "汇总库不导出这张表：请在各支部自己的数据文件中导出。"
		}
		s.scopes[k.ID].SetText(why)
		for _, b := range s.exports[k.ID] {
			if why == "" {
				b.Enable()
			} else {
				b.Disable()
			}
		}
		if why == "" {
			s.scopes[k.ID].Hide()
			can = append(can, s.entries[k.ID])
		} else {
			s.scopes[k.ID].Show()
			cannot = append(cannot, s.entries[k.ID])
		}
	}
	if len(cannot) > 0 {
		can = append(append(can, s.unavailable), cannot...)
	}
	s.rows.Objects = can
	s.rows.Refresh()
}

// askExport asks where to save report k (after its period and options, for a report that has
// them), writes it behind a progress dialog and offers to open it.
func (s *ReportsScreen) askExport(k *catalog.Report) {
	if k.Period == catalog.NoPeriod && len(k.Options) == 0 {
		s.exportTo(k, catalog.Input{})
		return
	}
	s.askOptions(k, func(in catalog.Input) { s.exportTo(k, in) })
}

func (s *ReportsScreen) exportTo(k *catalog.Report, in catalog.Input) { exportReport(s.env, k, in) }

// export writes report k to path; it does no UI work.
func (s *ReportsScreen) export(ctx context.Context, k *catalog.Report, in catalog.Input, path string) error {
	return writeReport(ctx, s.env, k, in, path)
}

// input completes the options chosen with the heading (branch name, today).
func (s *ReportsScreen) input(ctx context.Context, in catalog.Input) catalog.Input {
	return reportInput(ctx, s.env, in)
}

// reportInput completes in with the heading of env's file (branch name, today) and whether
// derived records may be brought into step (not on a file opened read-only).
func reportInput(ctx context.Context, env *Env, in catalog.Input) catalog.Input {
	meta, err := reportMeta(ctx, env)
	if err == nil {
		in.Meta = meta
	} else {
		in.Meta.Date = env.Today()
	}
	ro, ok := env.Store.(interface{ ReadOnly() bool })
	in.Writable = !ok || !ro.ReadOnly()
	return in
}

// exportReport asks where to save report k with the options in (suggesting its file name), then
// loads and writes it behind a progress dialog and offers to open it. The 报表 screen and every
// screen's own 导出 of a catalogue report come here.
func exportReport(env *Env, k *catalog.Report, in catalog.Input) {
	name := k.FileName(reportInput(context.Background(), env, in))
	exportWorkbook(env, k.Title, name, func(ctx context.Context, path string) error {
		return writeReport(ctx, env, k, in, path)
	})
}

// writeReport loads report k from env's store with the options in and writes it to path; it does
// no UI work.
func writeReport(ctx context.Context, env *Env, k *catalog.Report, in catalog.Input, path string) error {
	res, err := k.Load(ctx, env.Store, reportInput(ctx, env, in))
	if err != nil {
		return err
	}
	return writeWorkbook(ctx, path, res.Write)
}

// defaultFileName is the file name offered for report k with no period chosen:
// “<支部名称>-<报表>-20261123.xlsx”.
func (s *ReportsScreen) defaultFileName(k *catalog.Report) string {
	return k.FileName(s.input(context.Background(), catalog.Input{}))
}

// fileName is the file name offered for report k with the options in: a report with a period has
// the period's label in place of the date, “<支部名称>-月度讲评表-2026年11月.xlsx”.
func (s *ReportsScreen) fileName(k *catalog.Report, in catalog.Input) string {
	return k.FileName(s.input(context.Background(), in))
}

// askOptions asks for report k's period, team and category, or check, as it takes them, then
// calls chosen with them.
func (s *ReportsScreen) askOptions(k *catalog.Report, chosen func(catalog.Input)) {
	ctx := context.Background()
	form := widget.NewForm()
	var period *periodChoice
	if k.Period != catalog.NoPeriod {
		period = newPeriodChoice(s.env)
		if k.Period == catalog.ThisYear && !k.MonthOnly {
			period.Select(periodThisYear)
		}
		form.Append("期间", period.Content())
	}
	var team, category, check, activity *widget.Select
	var teams []data.Team
	var checks []data.Check
	var acts []data.Activity
	if k.Takes(catalog.OptTeam) {
		var err error
		if teams, err = s.env.Store.Teams(ctx); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		names := []string{allTeams}
		for _, t := range teams {
			names = append(names, t.Name)
		}
		team = widgets.NewSelect(append(names, noTeam), nil)
		team.SetSelectedIndex(0)
		form.Append("班组", team)
	}
	if k.Takes(catalog.OptCategory) {
		categories, err := catalog.Categories(ctx, s.env.Store)
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		category = widgets.NewSelect(append([]string{allCategories}, categories...), nil)
		category.SetSelectedIndex(0)
		form.Append("问题类别", category)
	}
	if k.Takes(catalog.OptCheck) {
		all, err := s.env.Store.Checks(ctx, data.CheckFilter{})
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		if len(all) == 0 {
			ShowError(s.env.Win, data.Errorf(data.EInvalid, "还没有两堂一舍检查记录：请先在“两堂一舍 → 检查评分”中录入检查。"))
			return
		}
		var names []string
		for i := len(all) - 1; i >= 0; i-- { // the latest first
			checks = append(checks, all[i])
			names = append(names, fmt.Sprintf("%s　%s（编号 %d）", all[i].Date, all[i].FacilityName, all[i].ID))
		}
		check = widgets.NewSelect(names, nil)
		check.SetSelectedIndex(0)
		form.Append("检查记录", check)
	}
	person, people := personOption(s.env, k, form)
	if person == nil && k.Takes(catalog.OptPerson) {
		return
	}
	if k.Takes(catalog.OptActivity) {
		all, err := s.env.Store.Activities(ctx, data.ActivityFilter{})
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		if len(all) == 0 {
			ShowError(s.env.Win, data.Errorf(data.EInvalid, "还没有组织生活记录：请先在“组织生活 → 活动记录”中录入。"))
			return
		}
		var names []string
		for i := len(all) - 1; i >= 0; i-- { // the latest first
			acts = append(acts, all[i])
			names = append(names, fmt.Sprintf("%s　%s　%s（编号 %d）", all[i].Date, all[i].KindsText(), all[i].Topic, all[i].ID))
		}
		activity = widgets.NewSelect(names, nil)
		activity.SetSelectedIndex(0)
		form.Append("组织生活", activity)
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()

	var d *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() })
	next := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() {
		var in catalog.Input
		if period != nil {
			p, err := period.Period()
			if err == nil && k.MonthOnly && p != data.MonthPeriod(p.From.Year, p.From.Month) {
				err = data.Errorf(data.EInvalid, k.Title+"按月导出：请选择本月、上月，或从某月1日到该月末日")
			}
			if err != nil {
				msg.SetText(data.ErrorMessage(err))
				msg.Show()
				return
			}
			in.Period = p
		}
		if team != nil {
			switch i := team.SelectedIndex(); {
			case i > 0 && i <= len(teams):
				in.TeamID, in.Team = teams[i-1].ID, teams[i-1].Name
			case i == len(teams)+1:
				in.TeamID, in.Team = -1, "未指定班组"
			}
		}
		if category != nil && category.SelectedIndex() > 0 {
			in.Category = category.Selected
		}
		if check != nil {
			in.CheckID = checks[check.SelectedIndex()].ID
		}
		if person != nil {
			in.PersonID, in.Label = people[person.SelectedIndex()].ID, people[person.SelectedIndex()].Name
		}
		if activity != nil {
			a := acts[activity.SelectedIndex()]
			in.ActivityID, in.Label = a.ID, a.Date.String()+"_"+a.Kinds[0]
		}
		d.Hide()
		chosen(in)
	})
	next.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("导出"+k.Title, container.NewVBox(form, msg), s.env.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, next})
	d.Resize(widgets.DialogSize(s.env.Win, 620, d.MinSize().Height))
	d.Show()
}

// noTeam is R3's filter choice for findings of no team (全部班组 and 全部类别 are the member
// list's).
const noTeam = "（未指定班组）"

// periodChoice picks a report's period: this month, last month, this quarter, this year, or any
// range typed in two date fields; the period chosen is spelled out under the choice. (The choices
// are those of the lists' periodFilter, findings.go.)
type periodChoice struct {
	today    data.Date
	radio    *widget.RadioGroup
	from, to *widgets.DateEntry
	custom   *fyne.Container
	label    *widget.Label
	content  fyne.CanvasObject
}

func newPeriodChoice(env *Env) *periodChoice {
	p := &periodChoice{today: env.Today(), from: widgets.NewDateEntry(), to: widgets.NewDateEntry(), label: hint("")}
	p.from.Today, p.to.Today = env.Today, env.Today
	month := data.MonthPeriod(p.today.Year, p.today.Month)
	p.from.SetDate(month.From)
	p.to.SetDate(p.today)
	p.from.OnChanged = func(string) { p.update() }
	p.to.OnChanged = func(string) { p.update() }
	p.custom = container.NewHBox(widget.NewLabel("从"), container.NewGridWrap(fyne.NewSize(170, p.from.MinSize().Height), p.from),
		widget.NewLabel("至"), container.NewGridWrap(fyne.NewSize(170, p.to.MinSize().Height), p.to))
	p.radio = widget.NewRadioGroup([]string{periodThisMonth, periodLastMonth, periodThisQuarter, periodThisYear, periodCustom},
		func(string) { p.update() })
	p.radio.Horizontal, p.radio.Required = true, true
	p.radio.SetSelected(periodThisMonth)
	p.content = container.NewVBox(p.radio, p.custom, p.label)
	p.update()
	return p
}

func (p *periodChoice) Content() fyne.CanvasObject { return p.content }

// Select chooses one of the presets (periodThisMonth, …) or periodCustom.
func (p *periodChoice) Select(choice string) { p.radio.SetSelected(choice) }

// SetRange chooses periodCustom from..to.
func (p *periodChoice) SetRange(from, to data.Date) {
	p.from.SetDate(from)
	p.to.SetDate(to)
	p.radio.SetSelected(periodCustom)
}

// Period is the period chosen; an error (Chinese) when the range is not one.
func (p *periodChoice) Period() (data.Period, error) {
	if per, ok := presetPeriod(p.radio.Selected, p.today); ok {
		return per, nil
	}
	from, err := p.from.Date()
	if err != nil {
		return data.Period{}, data.Errorf(data.EInvalid, "开始日期："+data.ErrorMessage(err))
	}
	to, err := p.to.Date()
	if err != nil {
		return data.Period{}, data.Errorf(data.EInvalid, "结束日期："+data.ErrorMessage(err))
	}
	return data.RangePeriod(from, to)
}

// presetPeriod is the period of a preset choice (本月, 上月, 本季度, 本年) on day today; false for
// any other choice.
func presetPeriod(choice string, today data.Date) (data.Period, bool) {
	switch choice {
	case periodThisMonth:
		return data.MonthPeriod(today.Year, today.Month), true
	case periodLastMonth:
		last := data.DateOf(data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, -1, 0))
		return data.MonthPeriod(last.Year, last.Month), true
	case periodThisQuarter:
		return data.QuarterPeriod(today.Year, (int(today.Month)-1)/3+1), true
	case periodThisYear:
		return data.YearPeriod(today.Year), true
	}
	return data.Period{}, false
}

// update shows the date fields for a custom range and spells out the period chosen.
func (p *periodChoice) update() {
	if p.radio == nil {
		return // still being built
	}
	if p.radio.Selected == periodCustom {
		p.custom.Show()
	} else {
		p.custom.Hide()
	}
	if per, err := p.Period(); err != nil {
		p.label.SetText(data.ErrorMessage(err))
	} else {
		p.label.SetText(fmt.Sprintf("期间：%s（%s 至 %s）", per.Label, per.From.Chinese(), per.To.Chinese()))
	}
}
