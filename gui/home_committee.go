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
	"branchledger/reports"
	"branchledger/reports/catalog"
)

// committeeHome is 工作台 on a 汇总库: the branches it holds, when each last reported, and this
// month's figures of each as 各党支部工作统计表 counts them. A 汇总库 has no branch of its own, so
// the branch's cards (all zero there) are not shown.
type committeeHome struct {
	today     data.Date
	committee string
	asOf      data.Date
	rows      []committeeRow
}

type committeeRow struct {
	branch data.ConsolidatedBranch
	stats  data.FindingStats // this month's
	// late: the branch's newest package was exported before this month began.
	late bool
}

// loadCommitteeHome reads the 工作台 of st, a 汇总库 (so an ExchangeStore).
func loadCommitteeHome(ctx context.Context, st data.Store, today data.Date) (committeeHome, error) {
	month := data.MonthPeriod(today.Year, today.Month)
	ex := st.(data.ExchangeStore)
	branches, err := ex.Branches(ctx)
	if err != nil {
		return committeeHome{}, err
	}
	stats, asOf, _, err := reports.LoadBranchStats(ctx, ex, month, today)
	if err != nil {
		return committeeHome{}, err
	}
	committee, err := catalog.CommitteeOf(ctx, st)
	if err != nil {
		return committeeHome{}, err
	}
	byCode := map[string]data.FindingStats{}
	for _, s := range stats {
		byCode[s.Code] = s.Stats
	}
	h := committeeHome{today: today, committee: committee, asOf: asOf}
	for _, b := range branches {
		h.rows = append(h.rows, committeeRow{branch: b, stats: byCode[b.Code],
			late: !b.ReportedSince(month.From)})
	}
	return h, nil
}

// late counts the branches that have not reported this month.
func (h committeeHome) late() int {
	n := 0
	for _, r := range h.rows {
		if r.late {
			n++
		}
	}
	return n
}

var committeeColumns = widgets.Columns{
	{Title: "支部代码", Fit: "ZC-0000"},
	{Title: "党支部", Weight: 1},
	{Title: "最近上报", Fit: "2026-12-04 08:00"},
	{Title: "党员", Fit: "0000"},
	{Title: "本月督查", Fit: "000"},
	{Title: "本月问题", Fit: "000"},
	{Title: "已销号", Fit: "000"},
	{Title: "逾期问题", Fit: "000"},
}

// cards are the 工作台 of a 汇总库: 上报情况 with a line a branch, and the way to consolidate.
func (h committeeHome) cards(navigate func(Destination)) fyne.CanvasObject {
	exchange := widget.NewButtonWithIcon("汇总数据包…", theme.DownloadIcon(), func() {
		if navigate != nil {
			navigate(Destination{Module: moduleSettings, Tab: tabExchange})
		}
	})
	if len(h.rows) == 0 {
		return card("上报情况", container.NewVBox(widget.NewLabel("汇总库中还没有党支部。"), container.NewHBox(exchange)),
			"在“数据与设置 → 上报与汇总”中添加各支部的上报数据包并汇总。")
	}
	summary := widget.NewLabelWithStyle(fmt.Sprintf("共 %d 个党支部，本月已上报 %d 个", len(h.rows), len(h.rows)-h.late()),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	lines := []fyne.CanvasObject{summary}
	if n := h.late(); n > 0 {
		late := widget.NewLabel(fmt.Sprintf("本月尚未上报：%d 个（红色）", n))
		late.Importance = widget.DangerImportance
		lines = append(lines, late)
	}
	lines = append(lines, committeeColumns.Row(true))
	for _, r := range h.rows {
		row := committeeColumns.Row(false)
		imp := map[int]widget.Importance{}
		if r.late {
			imp[1], imp[2] = widget.DangerImportance, widget.DangerImportance
		}
		if r.stats.Overdue > 0 {
			imp[7] = widget.DangerImportance
		}
		committeeColumns.Set(row, []string{r.branch.Code, r.branch.Name, data.ShowTime(r.branch.ExportedAt),
			strconv.Itoa(r.branch.Counts[data.CountMembers]), strconv.Itoa(r.stats.Inspections),
			strconv.Itoa(r.stats.New), strconv.Itoa(r.stats.NewClosed), strconv.Itoa(r.stats.Overdue)}, imp)
		lines = append(lines, row)
	}
	lines = append(lines, container.NewHBox(exchange))
	return card("上报情况", container.NewVBox(lines...), fmt.Sprintf(
		"数据为各支部最近一次上报的数据包中的内容，督查和问题按%s统计，截至%s。“已销号”指本月发现且已销号的问题；“逾期问题”也包括以前月份发现、至今逾期未销号的问题。"+
			"各支部的明细请在“报表”中导出各党支部工作统计表、考核排名表和党员花名册。",
		data.MonthPeriod(h.today.Year, h.today.Month).Label, h.asOf.Chinese()))
}

// title heads the 汇总库's 工作台 with its name (catalog.CommitteeName), as its sheets are headed.
func (h committeeHome) title() string {
	name := "汇总库"
	if h.committee != "" {
		name = h.committee + " 汇总库"
	}
	return name + " · " + dayText(h.today)
}
