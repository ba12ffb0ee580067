package gui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports"
)

// reportInput is what a report is built from.
type reportInput struct {
	Store data.Store
	Meta  reports.Meta // branch name, 填报日期 (today) and, for reports with a period, its label
	reportOptions
}

// reportOptions are what the user chose before exporting a report that asks for them.
type reportOptions struct {
	Period data.Period // for reports with a period
	// R3's filters: TeamID 0 is every team, -1 findings of no team; Team is the name printed.
	TeamID   int64
	Team     string
	Category string // "" = every category
}

// reportKind is one report the 报表 screen offers. A new report is one more entry in reportKinds.
type reportKind struct {
	ID          string // R1, R1b, … as in SPEC §6
	Name        string // also the middle of the default file name
	Description string
	// Period makes the screen ask for the period (本月, 上月, 本季度, 本年 or any range) first;
	// Filters asks for a team and a category too.
	Period, Filters bool
	// write loads what the report needs and writes the workbook to w. It runs off the UI goroutine.
	write func(ctx context.Context, in reportInput, w io.Writer) error
	// table, when set, is the report's table (headers and rows, as the report prints them) for
	// filling a group template (按上级模板导出, template_export.go).
	table func(ctx context.Context, in reportInput) ([]string, [][]any, error)
}

var reportKinds = []reportKind{
	{
		ID: "R1", Name: "党员花名册",
		Description: "在册党员的标准花名册（党员信息采集表的各项），也是导入党员时使用的格式。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			ms, err := in.Store.Members(ctx, data.MemberFilter{})
			if err != nil {
				return err
			}
			return reports.WriteRoster(w, in.Meta, ms)
		},
		table: func(ctx context.Context, in reportInput) ([]string, [][]any, error) {
			ms, err := in.Store.Members(ctx, data.MemberFilter{})
			if err != nil {
				return nil, nil, err
			}
			h, rows := reports.RosterTable(in.Meta, ms)
			return h, rows, nil
		},
	},
	{
		ID: "R1b", Name: "党员分布表",
		Description: "在册党员所在的党小组、班组、岗位、党内职务、重点岗位和督查队伍。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			ms, err := in.Store.Members(ctx, data.MemberFilter{})
			if err != nil {
				return err
			}
			groups, err := in.Store.Groups(ctx)
			if err != nil {
				return err
			}
			teams, err := in.Store.Teams(ctx)
			if err != nil {
				return err
			}
			return reports.WriteDistribution(w, in.Meta, reports.DistributionRows(ms, groups, teams))
		},
	},
	{
		ID: "R2", Name: "党员督查检查台账", Period: true,
		Description: "期间内的每次督查及其发现的问题、整改和销号情况（每个问题一行）。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			ins, err := in.Store.Inspections(ctx, data.InspectionFilter{From: in.Period.From, To: in.Period.To})
			if err != nil {
				return err
			}
			teams, err := in.Store.Teams(ctx)
			if err != nil {
				return err
			}
			return reports.WriteInspections(w, in.Meta, reports.InspectionRows(ins, teams, in.Meta.Date))
		},
	},
	{
		ID: "R3", Name: "问题整改销号台账", Period: true, Filters: true,
		Description: "期间内发现的全部问题（督查、两堂一舍检查及其他来源）的整改和销号情况，可按班组、问题类别筛选。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			rows, err := rectificationRows(ctx, in)
			if err != nil {
				return err
			}
			filter := reports.RectificationFilter{Team: in.Team, Category: in.Category}
			return reports.WriteRectifications(w, in.Meta, filter, rows)
		},
		table: func(ctx context.Context, in reportInput) ([]string, [][]any, error) {
			rows, err := rectificationRows(ctx, in)
			if err != nil {
				return nil, nil, err
			}
			h, cells := reports.RectificationsTable(rows)
			return h, cells, nil
		},
	},
	{
		ID: "R4", Name: "月度讲评表", Period: true,
		Description: "月讲评会上使用：督查次数、发现问题、销号率、逾期，按问题类别和班组的统计，以及未销号的问题清单。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			return writeReview(ctx, in.Store, in.Meta, in.Period, w)
		},
	},
	{
		ID: "R6", Name: "两堂一舍检查汇总表", Period: true,
		Description: "期间内食堂、澡堂、宿舍等设施的每次检查：标化分、等次、扣分项数和不合格的关键项，以及按类别的汇总。" +
			"单次检查的评分表请在“两堂一舍 → 检查评分”中导出。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			checks, err := in.Store.Checks(ctx, data.CheckFilter{From: in.Period.From, To: in.Period.To})
			if err != nil {
				return err
			}
			th, err := in.Store.GradeThresholds(ctx)
			if err != nil {
				return err
			}
			return reports.WriteCheckSummary(w, in.Meta, reports.CheckSummaryRows(checks, th))
		},
	},
	{
		ID: "R7", Name: "办实事(福利事项)台账", Period: true,
		Description: "期间内提出的办实事和职工诉求：承办人、计划完成日期、办理状态、职工评价和费用（逾期未办结的标红）。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			items, err := in.Store.WelfareItems(ctx, data.WelfareFilter{From: in.Period.From, To: in.Period.To})
			if err != nil {
				return err
			}
			return reports.WriteWelfareItems(w, in.Meta, items)
		},
		table: func(ctx context.Context, in reportInput) ([]string, [][]any, error) {
			items, err := in.Store.WelfareItems(ctx, data.WelfareFilter{From: in.Period.From, To: in.Period.To})
			if err != nil {
				return nil, nil, err
			}
			h, rows := reports.WelfareItemsTable(items, in.Meta.Date)
			return h, rows, nil
		},
	},
	{
		ID: "R9", Name: "党员积分考核汇总表", Period: true,
		Description: "期间内（通常为全年）每名党员的基础分、扣分、加分、总分、等次和名次，以及积分明细。" +
			"积分的录入和排名在“考核 → 党员积分”中。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			mp, err := loadMemberPoints(ctx, in)
			if err != nil {
				return err
			}
			return reports.WriteMemberPoints(w, in.Meta, mp.rows, mp.entries, mp.groups)
		},
		table: func(ctx context.Context, in reportInput) ([]string, [][]any, error) {
			mp, err := loadMemberPoints(ctx, in)
			if err != nil {
				return nil, nil, err
			}
			h, rows := reports.MemberPointsTable(mp.rows, mp.groups)
			return h, rows, nil
		},
	},
	{
		ID: "R11", Name: "满意度调查统计表", Period: true,
		Description: "调查期间与所选期间有重叠的满意度调查：各问题的回答人数和满意率，每次调查一张表。",
		write: func(ctx context.Context, in reportInput, w io.Writer) error {
			surveys, err := in.Store.Surveys(ctx, data.SurveyFilter{From: in.Period.From, To: in.Period.To})
			if err != nil {
				return err
			}
			return reports.WriteSurveys(w, in.Meta, surveys)
		},
	},
}

// rectificationRows are R3's findings: found in the period, narrowed by the filters, lateness as
// of the 填报日期.
func rectificationRows(ctx context.Context, in reportInput) ([]reports.FindingRow, error) {
	fs, err := in.Store.Findings(ctx, data.FindingFilter{From: in.Period.From, To: in.Period.To,
		TeamID: in.TeamID, Category: in.Category})
	if err != nil {
		return nil, err
	}
	teams, err := in.Store.Teams(ctx)
	if err != nil {
		return nil, err
	}
	return reports.FindingRows(fs, teams, in.Meta.Date), nil
}

// memberPoints is what R9 prints for a period.
type memberPoints struct {
	rows    []data.MemberPoints
	entries []data.PointEntry
	groups  map[int64]string // member id → 党小组
}

// loadMemberPoints scores the members with the first 党员积分 form (the default when there is
// none) over the period's entries, as the CLI's member-points export does: the generated entries
// of the period's years are first brought into step with the ledgers (as 党员积分 does on Reload).
func loadMemberPoints(ctx context.Context, in reportInput) (memberPoints, error) {
	v, err := data.LoadPoints(ctx, in.Store, in.Period, true)
	return memberPoints{v.Rows, v.Entries, v.Groups}, err
}

// writeReview writes R4 月度讲评表 for period p (also used by 周分析's 月讲评). Every finding found by
// the period's end is loaded: 未销号 and 逾期 count older findings still open then.
func writeReview(ctx context.Context, st data.Store, meta reports.Meta, p data.Period, w io.Writer) error {
	fs, err := st.Findings(ctx, data.FindingFilter{To: p.To})
	if err != nil {
		return err
	}
	ins, err := st.Inspections(ctx, data.InspectionFilter{From: p.From, To: p.To})
	if err != nil {
		return err
	}
	categories, err := st.Options(ctx, data.ListFindingCategories)
	if err != nil {
		return err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return err
	}
	stats := data.ComputeFindingStats(p, meta.Date, ins, fs, categories, teams)
	meta.Period = p.Label
	return reports.WriteMonthlyReview(w, meta, stats, reports.OpenFindingRows(fs, teams, stats.AsOf))
}

// ReportsScreen lists the reports; each can be exported to an .xlsx file.
type ReportsScreen struct {
	env     *Env
	kinds   []reportKind
	warning *widget.Label // shown when the branch has no name yet
	content fyne.CanvasObject
}

// NewReportsScreen builds the 报表 screen.
func NewReportsScreen(env *Env) *ReportsScreen {
	s := &ReportsScreen{env: env, kinds: reportKinds}
	s.warning = widget.NewLabel("还没有填写党支部名称：报表的标题和“单位”栏将是空的。请先在“数据与设置”中填写支部信息。")
	s.warning.Importance = widget.WarningImportance
	s.warning.Wrapping = fyne.TextWrapWord
	s.warning.Hide()

	rows := container.NewVBox()
	for _, k := range s.kinds {
		title := widget.NewLabelWithStyle(k.ID+"　"+k.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		desc := widgets.Note(k.Description)
		export := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() { s.askExport(k) })
		buttons := container.NewVBox(export)
		if k.table != nil {
			buttons.Add(widget.NewButtonWithIcon("按上级模板导出…", theme.FileIcon(), func() { s.askTemplateExport(k) }))
		}
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(buttons), container.NewVBox(title, desc)))
		rows.Add(widget.NewSeparator())
	}
	top := container.NewVBox(widgets.Heading("报表"),
		widgets.Note("每张报表导出为一个 Excel 文件（.xlsx），按 A4 纸排好版，可直接打印，也可在 Excel 或 WPS 中修改。"),
		s.warning, widget.NewSeparator())
	s.content = container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewVScroll(rows)))
	s.Reload()
	return s
}

// Content implements Screen.
func (s *ReportsScreen) Content() fyne.CanvasObject { return s.content }

// Reload implements Screen: warns when reports would print without a branch name.
func (s *ReportsScreen) Reload() {
	b, err := s.env.Store.Branch(context.Background())
	if err == nil && b.Name != "" {
		s.warning.Hide()
	} else {
		s.warning.Show()
	}
}

// askExport asks where to save report k (after its period and filters, for a report that has
// them), writes it behind a progress dialog and offers to open it.
func (s *ReportsScreen) askExport(k reportKind) {
	if !k.Period {
		s.exportTo(k, reportOptions{})
		return
	}
	s.askOptions(k, func(opts reportOptions) { s.exportTo(k, opts) })
}

func (s *ReportsScreen) exportTo(k reportKind, opts reportOptions) {
	exportWorkbook(s.env, k.Name, s.fileName(k, opts), func(ctx context.Context, path string) error {
		return s.export(ctx, k, opts, path)
	})
}

// export writes report k to path; it does no UI work.
func (s *ReportsScreen) export(ctx context.Context, k reportKind, opts reportOptions, path string) error {
	in, err := s.input(ctx, k, opts)
	if err != nil {
		return err
	}
	return writeWorkbook(ctx, path, func(w io.Writer) error { return k.write(ctx, in, w) })
}

// input is what report k is built from with the options chosen.
func (s *ReportsScreen) input(ctx context.Context, k reportKind, opts reportOptions) (reportInput, error) {
	meta, err := reportMeta(ctx, s.env)
	if err != nil {
		return reportInput{}, err
	}
	if k.Period {
		meta.Period = opts.Period.Label
	}
	return reportInput{Store: s.env.Store, Meta: meta, reportOptions: opts}, nil
}

// defaultFileName is “<支部名称>-<报表>-20261123.xlsx”.
func (s *ReportsScreen) defaultFileName(k reportKind) string {
	return reportFileName(s.env, k.Name, strings.ReplaceAll(s.env.Today().String(), "-", ""))
}

// fileName is the file name offered for report k: a report with a period has the period's label
// in place of the date, “<支部名称>-月度讲评表-2026年11月.xlsx”.
func (s *ReportsScreen) fileName(k reportKind, opts reportOptions) string {
	if k.Period {
		return reportFileName(s.env, k.Name, opts.Period.Label)
	}
	return s.defaultFileName(k)
}

// reportFileName is “<支部名称>-<name>-<suffix>.xlsx” (without the branch while it has no name).
func reportFileName(env *Env, name, suffix string) string {
	if b, err := env.Store.Branch(context.Background()); err == nil && b.Name != "" {
		name = b.Name + "-" + name
	}
	return safeFileName(name + "-" + suffix + ".xlsx")
}

// askOptions asks for report k's period (and team and category when it has filters), then calls
// chosen with them.
func (s *ReportsScreen) askOptions(k reportKind, chosen func(reportOptions)) {
	ctx := context.Background()
	period := newPeriodChoice(s.env)
	form := widget.NewForm(widget.NewFormItem("期间", period.Content()))
	var team, category *widget.Select
	var teams []data.Team
	if k.Filters {
		var err error
		if teams, err = s.env.Store.Teams(ctx); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		categories, err := s.env.Store.Options(ctx, data.ListFindingCategories)
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		names := []string{allTeams}
		for _, t := range teams {
			names = append(names, t.Name)
		}
		team = widgets.NewSelect(append(names, noTeam), nil)
		team.SetSelectedIndex(0)
		category = widgets.NewSelect(append([]string{allCategories}, categories...), nil)
		category.SetSelectedIndex(0)
		form.Append("班组", team)
		form.Append("问题类别", category)
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()

	var d *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() })
	next := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() {
		p, err := period.Period()
		if err != nil {
			msg.SetText(data.ErrorMessage(err))
			msg.Show()
			return
		}
		opts := reportOptions{Period: p}
		if team != nil {
			switch i := team.SelectedIndex(); {
			case i > 0 && i <= len(teams):
				opts.TeamID, opts.Team = teams[i-1].ID, teams[i-1].Name
			case i == len(teams)+1:
				opts.TeamID, opts.Team = -1, "未指定班组"
			}
			if category.SelectedIndex() > 0 {
				opts.Category = category.Selected
			}
		}
		d.Hide()
		chosen(opts)
	})
	next.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("导出"+k.Name, container.NewVBox(form, msg), s.env.Win)
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
