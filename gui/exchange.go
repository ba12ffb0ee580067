package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// ExchangeScreen is 上报与汇总 (SPEC §9) in 数据与设置: a branch exports its 上报数据包; on a
// consolidated file (汇总库) the committee adds many packages, sees a result line for each, the
// branches held with their export times, and exports the consolidated reports.
//
// The native Windows open dialog of files.go takes one file, so packages are added to a list one
// or a few at a time (the last folder is remembered, so the next one is a click away).
type ExchangeScreen struct {
	env *Env
	st  data.ExchangeStore // nil when the store cannot exchange (then the screen says so)

	branchInfo *widget.Label
	exportBtn  *widget.Button
	report     *fyne.Container // 上报: hidden on a 汇总库, which reports nothing upward

	files      []string
	fileList   *widget.List
	addBtn     *widget.Button
	removeBtn  *widget.Button
	clearBtn   *widget.Button
	runBtn     *widget.Button
	selected   int
	results    []string
	resultList *widget.List

	branches     []data.ConsolidatedBranch
	branchList   *widget.List
	branchNote   *widget.Label
	period       *widget.Select
	rosterBtn    *widget.Button
	statsBtn     *widget.Button
	rankBtn      *widget.Button
	consolidated bool

	content fyne.CanvasObject
}

// Periods offered for the statistics by branch.
var exchangePeriods = []string{"本月", "上月", "本季度", "本年", "上一年"}

// NewExchangeScreen builds the screen on env.
func NewExchangeScreen(env *Env) *ExchangeScreen {
	s := &ExchangeScreen{env: env, selected: -1}
	s.st, _ = env.Store.(data.ExchangeStore)

	s.branchInfo = widgets.Note("")
	s.exportBtn = widget.NewButtonWithIcon("导出上报数据包…", theme.UploadIcon(), s.askExport)
	s.exportBtn.Importance = widget.HighImportance
	s.report = container.NewVBox(widgets.Heading("上报"),
		widgets.Note("把本支部的全部数据导出为一个上报数据包（.zip），通过U盘或办公网交给上级党委汇总。"),
		s.branchInfo, container.NewHBox(s.exportBtn), widget.NewSeparator())

	s.fileList = widget.NewList(func() int { return len(s.files) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(filepath.Base(s.files[i])) })
	s.fileList.OnSelected = func(i widget.ListItemID) { s.selected = i; s.refreshButtons() }
	s.fileList.OnUnselected = func(widget.ListItemID) { s.selected = -1; s.refreshButtons() }
	s.addBtn = widget.NewButtonWithIcon("添加数据包…", theme.ContentAddIcon(), func() {
		askOpenFiles(env, "选择上报数据包（可多选）", []string{data.PackageExt}, func(paths []string) {
			for _, p := range paths {
				s.AddFile(p)
			}
		})
	})
	s.removeBtn = widget.NewButtonWithIcon("移除", theme.ContentRemoveIcon(), func() {
		if s.selected >= 0 && s.selected < len(s.files) {
			s.files = slices.Delete(s.files, s.selected, s.selected+1)
			s.fileList.UnselectAll()
			s.refreshButtons()
		}
	})
	s.clearBtn = widget.NewButton("清空", func() { s.files = nil; s.fileList.UnselectAll(); s.refreshButtons() })
	s.runBtn = widget.NewButtonWithIcon("开始汇总", theme.ConfirmIcon(), s.runConsolidation)
	s.runBtn.Importance = widget.HighImportance
	s.resultList = widget.NewList(func() int { return len(s.results) },
		func() fyne.CanvasObject { return widgets.Note("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(s.results[i])
			s.resultList.SetItemHeight(i, o.MinSize().Height)
		})

	s.branchList = widget.NewList(func() int { return len(s.branches) },
		func() fyne.CanvasObject { return widgets.NewCellLabel() }, // a long line of counts is cut, not wrapped out of its row
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := s.branches[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s　%s　导出于 %s　%s", b.Code, b.Name, data.ShowTime(b.ExportedAt), data.CountsText(b.Counts)))
		})
	s.branchNote = widgets.Note("")
	s.period = widget.NewSelect(exchangePeriods, nil)
	s.period.SetSelected(exchangePeriods[0])
	s.rosterBtn = widget.NewButtonWithIcon("导出各支部党员花名册…", theme.DocumentSaveIcon(), s.exportRoster)
	s.statsBtn = widget.NewButtonWithIcon("导出"+catalog.ByID("C1").Title+"…", theme.DocumentSaveIcon(), s.exportStats)
	s.rankBtn = widget.NewButtonWithIcon("导出各党支部考核排名…", theme.DocumentSaveIcon(), s.exportRanking)

	files := container.NewBorder(nil, container.NewHBox(s.addBtn, s.removeBtn, s.clearBtn, s.runBtn), nil, nil, s.fileList)
	consolidate := container.NewBorder(
		container.NewVBox(widgets.Heading("汇总"), widgets.Note("在汇总库中汇总各支部的上报数据包：同一支部较新的数据包替换旧的，损坏或不相符的文件会被拒绝并说明原因。汇总库是一个单独的数据文件，不要用支部自己的数据文件汇总。")),
		nil, nil, nil,
		container.NewGridWithRows(3,
			container.NewBorder(widget.NewLabel("待汇总的数据包"), nil, nil, nil, files),
			container.NewBorder(widget.NewLabel("汇总结果"), nil, nil, nil, s.resultList),
			container.NewBorder(container.NewVBox(widget.NewLabel("汇总库中的党支部"), s.branchNote),
				container.NewHBox(s.rosterBtn, widget.NewLabel("期间"), s.period, s.statsBtn, s.rankBtn), nil, nil, s.branchList)))
	s.content = container.NewBorder(s.report, nil, nil, nil, consolidate)
	s.Reload()
	return s
}

// Content is the screen's root.
func (s *ExchangeScreen) Content() fyne.CanvasObject { return s.content }

// Reload shows the branch details and the consolidated branches anew.
func (s *ExchangeScreen) Reload() {
	ctx := context.Background()
	if s.st == nil {
		s.branchInfo.SetText("当前数据文件不支持上报与汇总。")
		s.refreshButtons()
		return
	}
	b, err := s.env.Store.Branch(ctx)
	cons, cerr := s.st.IsConsolidated(ctx)
	branches, berr := s.st.Branches(ctx)
	s.branches = branches
	// A 汇总库 hides the 上报 section below, so branchInfo speaks only of a branch's file.
	s.consolidated = cons && cerr == nil
	switch {
	case err != nil && data.ErrorCode(err) != data.ENotFound:
		s.branchInfo.SetText(data.ErrorMessage(err))
	case b.Code == "" || b.Name == "":
		s.branchInfo.SetText("导出前请先在“支部信息”中填写支部名称和支部代码（支部代码由上级党委统一分配）。")
	default:
		s.branchInfo.SetText(fmt.Sprintf("支部名称：%s　支部代码：%s", b.Name, b.Code))
	}
	switch {
	case berr != nil:
		s.branchNote.SetText(data.ErrorMessage(berr))
	case len(s.branches) == 0:
		s.branchNote.SetText("还没有汇总任何数据包。")
	default:
		s.branchNote.SetText(fmt.Sprintf("共 %d 个党支部。", len(s.branches)))
	}
	if s.consolidated {
		s.report.Hide()
	} else {
		s.report.Show()
	}
	s.branchList.Refresh()
	s.refreshButtons()
}

func (s *ExchangeScreen) canExport() bool {
	return s.st != nil && !s.consolidated && strings.HasPrefix(s.branchInfo.Text, "支部名称：")
}

func (s *ExchangeScreen) refreshButtons() {
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	enable(s.exportBtn, s.canExport())
	enable(s.addBtn, s.st != nil)
	enable(s.removeBtn, s.selected >= 0 && s.selected < len(s.files))
	enable(s.clearBtn, len(s.files) > 0)
	enable(s.runBtn, s.st != nil && len(s.files) > 0)
	enable(s.rosterBtn, len(s.branches) > 0)
	enable(s.statsBtn, len(s.branches) > 0)
	enable(s.rankBtn, len(s.branches) > 0)
	s.fileList.Refresh()
}

// AddFile puts a package on the list to consolidate (once).
func (s *ExchangeScreen) AddFile(path string) {
	if !slices.Contains(s.files, path) {
		s.files = append(s.files, path)
	}
	s.refreshButtons()
}

func (s *ExchangeScreen) askExport() {
	b, err := s.env.Store.Branch(context.Background())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	askSaveFile(s.env, "导出上报数据包", data.PackageFileName(b, s.env.Today()), data.PackageExt, s.ExportTo)
}

// ExportTo writes the package to path behind a progress dialog, then offers to open its folder.
func (s *ExchangeScreen) ExportTo(path string) {
	version := s.env.App.Metadata().Version
	var m data.Manifest
	RunWithProgress(s.env.Win, "正在导出上报数据包", func(ctx context.Context, _ Progress) (err error) {
		m, err = s.st.ExportPackage(ctx, path, version)
		return err
	}, func(err error) {
		switch {
		case err == nil:
			offerOpen(s.env, "上报数据包已导出（"+data.CountsText(m.Counts)+"）", path)
		case !errors.Is(err, context.Canceled):
			ShowError(s.env.Win, err)
		}
	})
}

// runConsolidation imports the listed packages as one batch behind a progress dialog; each gets a
// result line. Cancelling stops before the next package (those done stay done).
func (s *ExchangeScreen) runConsolidation() {
	files := slices.Clone(s.files)
	var lines []string
	RunWithProgress(s.env.Win, "正在汇总", func(ctx context.Context, progress Progress) error {
		progress(0, len(files))
		return s.st.ConsolidateAll(ctx, files, func(i int, res data.ConsolidateResult, err error) {
			lines = append(lines, res.ResultLine(err))
			progress(i+1, len(files))
		})
	}, func(err error) {
		s.results = append(lines, s.results...)
		s.files = nil
		s.fileList.UnselectAll()
		s.resultList.Refresh()
		s.Reload()
		if s.env.Changed != nil {
			s.env.Changed()
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			ShowError(s.env.Win, err)
		}
	})
}

func (s *ExchangeScreen) exportRoster() { exportReport(s.env, catalog.ByID("R1"), catalog.Input{}) }

// WriteRoster writes the consolidated R1 to path.
func (s *ExchangeScreen) WriteRoster(ctx context.Context, path string) error {
	return writeReport(ctx, s.env, catalog.ByID("R1"), catalog.Input{}, path)
}

func (s *ExchangeScreen) exportStats() {
	exportReport(s.env, catalog.ByID("C1"), catalog.Input{Period: s.Period()})
}

// Period is the chosen period of the statistics.
func (s *ExchangeScreen) Period() data.Period {
	t := s.env.Today()
	switch s.period.Selected {
	case "上月":
		prev := data.NewDate(t.Year, t.Month, 1).AddDays(-1)
		return data.MonthPeriod(prev.Year, prev.Month)
	case "本季度":
		p, _ := data.ParsePeriod(fmt.Sprintf("%d-Q%d", t.Year, (int(t.Month)+2)/3))
		return p
	case "本年":
		return data.YearPeriod(t.Year)
	case "上一年":
		return data.YearPeriod(t.Year - 1)
	}
	return data.MonthPeriod(t.Year, t.Month)
}

// WriteStats writes the statistics by branch for the chosen period to path.
func (s *ExchangeScreen) WriteStats(ctx context.Context, path string) error {
	return writeReport(ctx, s.env, catalog.ByID("C1"), catalog.Input{Period: s.Period()}, path)
}

func (s *ExchangeScreen) exportRanking() {
	exportReport(s.env, catalog.ByID("C2"), catalog.Input{Period: s.Period()})
}
