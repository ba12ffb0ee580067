package gui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// rateWeeks is how many weeks the closure-rate chart shows, the week shown last.
const rateWeeks = 8

// reviewMonths is how many months back 月讲评 offers.
const reviewMonths = 24

// WeeklyScreen is 周分析 (and 月讲评): the figures of any week (data.ComputeFindingStats), charts by
// category and team, the closure rate of the last weeks, and the monthly review sheet (R4).
//
// Reload loads every finding once; moving between weeks computes from memory (a year of 5,000
// findings takes well under a millisecond per week). Only the week's inspections are queried.
type WeeklyScreen struct {
	env  *Env
	week data.Period

	weekLabel        *widget.Label
	prev, next, this *widget.Button
	jump             *widgets.DateEntry
	tiles            *fyne.Container
	explain          *widget.Label
	byCategory       *BarChart
	byTeam           *BarChart
	rates            *BarChart

	month        *widget.Select
	months       []data.Period // newest first, as the select lists them
	monthSummary *widget.Label
	export       *widget.Button

	// Loaded by Reload.
	findings   []data.Finding
	categories []string
	teams      []data.Team
	stats      data.FindingStats // of the week shown

	content fyne.CanvasObject
}

// NewWeeklyScreen builds 周分析 on this week and this month.
func NewWeeklyScreen(env *Env) *WeeklyScreen {
	s := &WeeklyScreen{env: env}
	s.weekLabel = widgets.FormHeading()
	s.prev = widget.NewButtonWithIcon("上一周", theme.NavigateBackIcon(), func() { s.step(-7) })
	s.next = widget.NewButtonWithIcon("下一周", theme.NavigateNextIcon(), func() { s.step(7) })
	s.next.IconPlacement = widget.ButtonIconTrailingText
	s.this = widget.NewButton("本周", func() { s.jump.SetText(""); s.ShowWeek(data.WeekOf(s.env.Today())) })
	s.jump = widgets.NewDateEntry()
	s.jump.Today = env.Today
	s.jump.SetPlaceHolder("输入日期，看那一周")
	// A whole date typed or picked in the calendar jumps at once; a partial one ("2026-11") waits.
	s.jump.OnChanged = func(text string) {
		if d, err := data.ParseDate(text); err == nil && !d.IsZero() && len([]rune(text)) >= 8 {
			s.ShowWeek(data.WeekOf(d))
		}
	}
	s.tiles = container.NewStack()
	s.explain = hint("")
	s.byCategory = newBarChart(false, "这一周没有发现问题。", seriesFound, seriesClosed)
	s.byTeam = newBarChart(false, "这一周没有发现问题。", seriesFound, seriesClosed)
	s.rates = newBarChart(true, "", chartSeries{"销号率", colorClosed})
	s.rates.full, s.rates.highlight = 1, rateWeeks-1 // the week shown is the last column

	s.month = widget.NewSelect(nil, func(string) { s.showMonth() })
	s.monthSummary = widgets.Note("")
	s.export = widget.NewButtonWithIcon("导出月度讲评表…", theme.DocumentSaveIcon(), s.exportReview)
	s.export.Importance = widget.HighImportance

	jumpField := container.NewGridWrap(fyne.NewSize(200, s.jump.MinSize().Height), s.jump)
	nav := container.NewHBox(s.prev, s.this, s.next, widget.NewLabel("跳到"), jumpField)
	charts := container.NewGridWithColumns(2,
		card("按问题类别", s.byCategory, ""),
		card("按班组", s.byTeam, ""))
	rates := card("近8周销号率", s.rates, "每周发现的问题中，到该周末（本周到今天）已销号的比例；“—”表示那一周没有发现问题。")
	review := container.NewVBox(widgets.Heading("月讲评"),
		widgets.Note("选择月份，导出月度讲评表（总体情况、按问题类别和班组的统计、未销号问题清单），供支部月度讲评会使用。"),
		container.NewHBox(widget.NewLabel("月份"), s.month, s.export), s.monthSummary)
	body := container.NewVBox(
		widgets.OrderedBorder(nil, nil, widgets.Heading("周分析"), nav, nil),
		s.weekLabel, s.tiles, s.explain, charts, rates,
		widget.NewSeparator(), review)
	s.content = container.NewVScroll(container.NewPadded(body))
	s.week = data.WeekOf(env.Today())
	s.Reload()
	return s
}

// Content implements Screen.
func (s *WeeklyScreen) Content() fyne.CanvasObject { return s.content }

// Reload loads the findings, categories and teams again and shows the same week and month.
func (s *WeeklyScreen) Reload() {
	ctx := context.Background()
	st := s.env.Store
	var err error
	if s.findings, err = st.Findings(ctx, data.FindingFilter{}); err == nil {
		if s.categories, err = st.Options(ctx, data.ListFindingCategories); err == nil {
			s.teams, err = st.Teams(ctx)
		}
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.fillMonths()
	s.ShowWeek(s.week)
	s.showMonth()
}

// ShowWeek shows the figures of week p (a Monday-to-Sunday data.WeekOf).
func (s *WeeklyScreen) ShowWeek(p data.Period) {
	s.week = p
	today := s.env.Today()
	ins, err := s.env.Store.Inspections(context.Background(), data.InspectionFilter{From: p.From, To: p.To})
	if err != nil {
		ShowError(s.env.Win, err)
	}
	s.stats = data.ComputeFindingStats(p, today, ins, s.findings, s.categories, s.teams)
	st := s.stats

	s.weekLabel.SetText(p.Label)
	if s.next.Disabled() != !p.To.Before(today) {
		if p.To.Before(today) {
			s.next.Enable()
		} else {
			s.next.Disable()
		}
	}
	s.tiles.Objects = []fyne.CanvasObject{statTiles(
		stat{caption: "督查次数", value: strconv.Itoa(st.Inspections)},
		stat{caption: "新发现", value: strconv.Itoa(st.New)},
		stat{caption: "已销号", value: strconv.Itoa(st.NewClosed)},
		stat{caption: "未销号", value: strconv.Itoa(st.Open)},
		stat{caption: "逾期", value: strconv.Itoa(st.Overdue), alert: st.Overdue > 0},
		stat{caption: "销号率", value: percent(st.New, st.ClosureRate)},
		stat{caption: "平均销号天数", value: avgDays(st)},
	)}
	s.tiles.Refresh()
	s.explain.SetText(fmt.Sprintf("截至%s。已销号、销号率只计本周发现的问题；未销号、逾期含以前发现、当时仍未销号的问题；"+
		"平均销号天数按本周销号的 %d 个问题（含以前发现的）计算。", st.AsOf.Chinese(), st.Closed))
	s.byCategory.SetRows(statChartRows(st.ByCategory))
	s.byTeam.SetRows(statChartRows(st.ByTeam))
	s.rates.SetRows(s.rateRows(p, today))
}

// step moves the week shown by days (±7).
func (s *WeeklyScreen) step(days int) {
	s.jump.SetText("")
	s.ShowWeek(data.WeekOf(s.week.From.AddDays(days)))
}

// rateRows are the closure rates of the rateWeeks weeks ending with week p.
func (s *WeeklyScreen) rateRows(p data.Period, today data.Date) []chartRow {
	rows := make([]chartRow, rateWeeks)
	for i := range rows {
		w := data.WeekOf(p.From.AddDays(-7 * (rateWeeks - 1 - i)))
		st := data.ComputeFindingStats(w, today, nil, s.findings, nil, nil)
		rows[i] = chartRow{
			label:  fmt.Sprintf("%d月%d日", int(w.From.Month), w.From.Day),
			values: []float64{st.ClosureRate},
			texts:  []string{percent(st.New, st.ClosureRate)},
		}
	}
	return rows
}

// percent is a closure rate as shown: 75%, or — when nothing was found (0 % would read as a bad
// result).
func percent(found int, rate float64) string {
	if found == 0 {
		return "—"
	}
	return strconv.FormatFloat(rate*100, 'f', 0, 64) + "%"
}

func avgDays(st data.FindingStats) string {
	if st.Closed == 0 {
		return "—"
	}
	return strconv.FormatFloat(st.AvgDaysToClose, 'f', 1, 64)
}

// fillMonths offers the reviewMonths months up to this one, keeping the month chosen.
func (s *WeeklyScreen) fillMonths() {
	today := s.env.Today()
	first := data.NewDate(today.Year, today.Month, 1)
	s.months = s.months[:0]
	labels := make([]string, reviewMonths)
	for i := range labels {
		d := data.DateOf(first.Time().AddDate(0, -i, 0))
		s.months = append(s.months, data.MonthPeriod(d.Year, d.Month))
		labels[i] = s.months[i].Label
	}
	chosen := s.month.Selected
	s.month.SetOptions(labels)
	if i := s.month.SelectedIndex(); chosen == "" || i < 0 {
		s.month.SetSelectedIndex(0)
	}
}

// reviewMonth is the month chosen for 月讲评.
func (s *WeeklyScreen) reviewMonth() data.Period {
	if i := s.month.SelectedIndex(); i >= 0 && i < len(s.months) {
		return s.months[i]
	}
	today := s.env.Today()
	return data.MonthPeriod(today.Year, today.Month)
}

// showMonth sums up the chosen month as R4 will print it.
func (s *WeeklyScreen) showMonth() {
	p := s.reviewMonth()
	ins, err := s.env.Store.Inspections(context.Background(), data.InspectionFilter{From: p.From, To: p.To})
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	st := data.ComputeFindingStats(p, s.env.Today(), ins, s.findings, s.categories, s.teams)
	s.monthSummary.SetText(fmt.Sprintf("%s：督查 %d 次，发现问题 %d 项，已销号 %d 项（销号率 %s），截至%s未销号 %d 项，其中逾期 %d 项。",
		p.Label, st.Inspections, st.New, st.NewClosed, percent(st.New, st.ClosureRate), st.AsOf.Chinese(), st.Open, st.Overdue))
}

// exportReview exports R4 月度讲评表 of the chosen month.
func (s *WeeklyScreen) exportReview() {
	exportReport(s.env, catalog.ByID("R4"), catalog.Input{Period: s.reviewMonth()})
}
