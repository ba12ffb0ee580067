package gui

import (
	"context"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/reports"
)

// reportInput is what a report is built from.
type reportInput struct {
	Store data.Store
	Meta  reports.Meta // branch name and 填报日期 (today)
}

// reportKind is one report the 报表 screen offers. A new report is one more entry in reportKinds.
type reportKind struct {
	ID          string // R1, R1b, … as in SPEC §6
	Name        string // also the middle of the default file name
	Description string
	// write loads what the report needs and writes the workbook to w. It runs off the UI goroutine.
	write func(ctx context.Context, in reportInput, w io.Writer) error
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
		desc := note(k.Description)
		export := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() { s.askExport(k) })
		rows.Add(container.NewBorder(nil, nil, nil, container.NewCenter(export), container.NewVBox(title, desc)))
		rows.Add(widget.NewSeparator())
	}
	top := container.NewVBox(heading("报表"),
		note("每张报表导出为一个 Excel 文件（.xlsx），按 A4 纸排好版，可直接打印，也可在 Excel 或 WPS 中修改。"),
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

// askExport asks where to save report k, writes it behind a progress dialog and offers to open it.
func (s *ReportsScreen) askExport(k reportKind) {
	exportWorkbook(s.env, k.Name, s.defaultFileName(k), func(ctx context.Context, path string) error {
		return s.export(ctx, k, path)
	})
}

// export writes report k to path; it does no UI work.
func (s *ReportsScreen) export(ctx context.Context, k reportKind, path string) error {
	meta, err := reportMeta(ctx, s.env)
	if err != nil {
		return err
	}
	in := reportInput{Store: s.env.Store, Meta: meta}
	return writeWorkbook(ctx, path, func(w io.Writer) error { return k.write(ctx, in, w) })
}

// defaultFileName is “<支部名称>-<报表>-20261123.xlsx”.
func (s *ReportsScreen) defaultFileName(k reportKind) string {
	name := k.Name
	if b, err := s.env.Store.Branch(context.Background()); err == nil && b.Name != "" {
		name = b.Name + "-" + name
	}
	d := s.env.Today()
	return safeFileName(name + "-" + strings.ReplaceAll(d.String(), "-", "") + ".xlsx")
}
