package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports"
)

// The payroll import (SPEC §13): choose the payroll's .xlsx and the month its incomes apply from,
// see every row with its problems, then save the bases in one transaction. It is the roster
// import's preview (importer.go) for another sheet: the same table, problem texts, problem list
// and progress.

var duesPreviewColumns = []previewColumn{{"行号", 60}, {"姓名", 90}, {"公民身份证号", 190}, {"缴费类别", 90},
	{"计算基数", 100}, {"月应缴", 80}, {"状态", 80}, {"问题", 420}}

// ShowDuesImportDialog lets the user pick a payroll workbook and import its bases; done runs after
// an import saved something.
func ShowDuesImportDialog(env *Env, done func()) {
	askOpenFile(env, "选择工资表（.xlsx）", []string{".xlsx", ".xls"}, func(path string) {
		ImportDuesFile(env, path, done)
	})
}

// ImportDuesFile shows the month question and the preview of the payroll workbook at path.
func ImportDuesFile(env *Env, path string, done func()) {
	imp := &duesImporter{env: env, done: done, path: path}
	imp.from = widgets.NewEntry()
	imp.from.SetText(data.MonthOf(env.Today()).String())
	fd := newFlowDialog(env, "导入工资表", "工资表中的月工资收入（计算基数）从哪个月起执行？之前各月仍按原计算基数计算。", "预览",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FDuesFrom, true, imp.from))
		}, func() error {
			m, err := data.ParseMonth(imp.from.Text)
			if err != nil {
				return data.FieldErrors{{Field: data.FDuesFrom, Message: data.ErrorMessage(err)}}
			}
			imp.month = m
			RunWithProgress(env.Win, "正在读取“"+filepath.Base(path)+"”", func(context.Context, Progress) error {
				return imp.load()
			}, func(err error) {
				if err == nil {
					imp.show()
				} else if !errors.Is(err, context.Canceled) {
					ShowError(env.Win, err)
				}
			})
			return nil
		})
	fd.show(imp.from)
}

// duesImporter is one payroll import.
type duesImporter struct {
	env   *Env
	done  func()
	path  string
	from  *widgets.Entry
	month data.Month
	rates data.DuesRates
	sheet string
	parse data.DuesBaseParse
	ran   bool

	table   *widget.Table
	summary *widget.Label
	hint    *widget.Label
	run     *widget.Button
	close   *widget.Button
	dlg     *dialog.CustomDialog
}

// load reads and checks the file against the roster and the saved bases; no UI work.
func (imp *duesImporter) load() error {
	basis, err := data.LoadDuesImportBasis(context.Background(), imp.env.Store)
	if err != nil {
		return err
	}
	imp.rates = basis.Rates
	imp.sheet, imp.parse, err = reports.ReadDuesBases(imp.path, imp.month, basis)
	return err
}

func duesRowStatus(r *data.DuesBaseRow) string {
	switch {
	case len(r.Problems) > 0:
		return statusBad
	case r.Same:
		return "无变化"
	}
	return statusOK
}

func (imp *duesImporter) show() {
	info := widget.NewLabel(fmt.Sprintf("文件：%s　工作表：%s　表头在第 %d 行　计算基数自%s起执行", filepath.Base(imp.path), imp.sheet,
		imp.parse.HeaderRow, imp.month.Chinese()))
	info.Wrapping = fyne.TextWrapWord
	imp.table = newPreviewTable(duesPreviewColumns, func() int { return len(imp.parse.Rows) }, imp.updateCell)
	imp.summary = widgets.Note("")
	imp.hint = widgets.Note("")
	imp.run = widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), imp.startImport)
	imp.run.Importance = widget.HighImportance
	problems := widget.NewButtonWithIcon("导出问题清单", theme.DocumentSaveIcon(), imp.askExportProblems)
	imp.close = widget.NewButton("取消", func() { imp.dlg.Hide() })
	pl := data.PlanDuesImport(&imp.parse)
	imp.summary.SetText(fmt.Sprintf("共 %d 行：将导入 %d 行，%d 行有错误不导入（可导出问题清单，在工资表中改正后重新导入）。",
		len(imp.parse.Rows), len(pl.Bases), pl.ErrorRows))
	if len(pl.Problems) == 0 {
		problems.Disable()
	}
	if len(pl.Bases) == 0 {
		imp.hint.SetText("没有可导入的行。")
		imp.hint.Importance = widget.DangerImportance
		imp.run.Disable()
	} else {
		imp.hint.SetText("导入在一个事务中完成：要么全部保存，要么什么都不改。")
	}
	bottom := container.NewVBox(imp.summary, imp.hint, container.NewHBox(problems, layout.NewSpacer(), imp.close, imp.run))
	imp.dlg = dialog.NewCustomWithoutButtons("导入工资表 — 预览", container.NewBorder(info, bottom, nil, nil, imp.table), imp.env.Win)
	imp.dlg.Resize(widgets.DialogSize(imp.env.Win, 1100, 700))
	imp.dlg.Show()
}

func (imp *duesImporter) updateCell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(imp.parse.Rows) {
		return
	}
	r := &imp.parse.Rows[id.Row]
	b := &r.Base
	importance := widget.MediumImportance
	var text string
	switch id.Col {
	case 0:
		text = fmt.Sprint(r.Row)
	case 1:
		text = r.Name
	case 2:
		text = r.IDNumber
	case 3:
		text = b.Category
	case 4:
		text = yuanText(b.Base + b.Fixed)
	case 5:
		if len(r.Problems) == 0 {
			_, due := imp.rates.Due(b)
			text = data.FormatYuan(due)
		}
	case 6:
		text = duesRowStatus(r)
		importance = map[string]widget.Importance{statusOK: widget.SuccessImportance, statusBad: widget.DangerImportance}[text]
	case 7:
		text = data.ProblemsText(r.Problems)
	}
	l.Text, l.Importance = text, importance
	l.Refresh()
}

func (imp *duesImporter) startImport() {
	pl := data.PlanDuesImport(&imp.parse)
	var res data.ImportResult
	RunWithProgress(imp.env.Win, "正在导入计算基数", func(ctx context.Context, progress Progress) error {
		var err error
		res, err = imp.env.Store.ImportDuesBases(ctx, pl.Bases, progress)
		return err
	}, func(err error) {
		if err != nil {
			imp.hint.SetText("导入失败，没有保存任何内容：" + data.ErrorMessage(err))
			imp.hint.Importance = widget.DangerImportance
			imp.hint.Refresh()
			return
		}
		imp.ran = true
		imp.run.Disable()
		imp.close.SetText("关闭")
		imp.summary.SetText("导入完成：" + pl.Summary(res) + "。")
		imp.hint.SetText("")
		importSaved(imp.env, imp.done)
	})
}

func (imp *duesImporter) askExportProblems() {
	problems := data.PlanDuesImport(&imp.parse).Report()
	exportProblemList(imp.env, imp.path, problems)
}
