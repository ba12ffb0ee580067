package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

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

// The roster import (SPEC §7): choose an .xlsx, see every row with its problems, choose what to do
// with members that are saved already and with bad rows, then import in one transaction.

// importModes are the choices offered, in the order shown; the first is the default.
var importModes = []struct {
	label string
	mode  data.ImportMode
}{
	{"跳过已存在的党员", data.ImportSkip},
	{"按身份证号更新已存在的党员", data.ImportUpdate},
	{"仅新增（已存在的算错误）", data.ImportAdd},
}

// Row statuses of the preview.
const (
	statusOK     = "可导入"
	statusExists = "已存在"
	statusBad    = "有错误"
)

// ShowImportDialog lets the user pick a roster workbook and import it (see ImportFile for done).
func ShowImportDialog(env *Env, done func()) {
	// .xls is listed too, so that such a file is not invisible: choosing it explains what to do.
	askOpenFile(env, "选择要导入的党员花名册（.xlsx）", []string{".xlsx", ".xls"}, func(path string) {
		ImportFile(env, path, done)
	})
}

// ImportFile reads the roster workbook at path behind a progress dialog and shows its preview (also
// for a file dropped on the window). After an import saved something the dialog calls env.Changed
// once (other screens are marked for reloading) and then done, the caller's own refresh of the shown
// screen (may be nil); done must not call env.Changed again.
func ImportFile(env *Env, path string, done func()) {
	imp := newImporter(env, done)
	RunWithProgress(env.Win, "正在读取“"+filepath.Base(path)+"”", func(context.Context, Progress) error {
		return imp.load(path)
	}, func(err error) {
		if err == nil {
			imp.show()
		} else if !errors.Is(err, context.Canceled) {
			ShowError(env.Win, err)
		}
	})
}

// importer holds one import: the parsed file, the user's choices and the preview dialog.
type importer struct {
	env  *Env
	done func()

	path   string
	sheet  string
	parse  data.RosterParse
	shown  []int // indices into parse.Rows of the rows the table shows
	counts map[string]int
	ran    bool // the import has run: nothing more to do but close

	mode     *widget.RadioGroup
	skipBad  *widget.Check
	onlyBad  *widget.Check
	table    *widget.Table
	detail   *widget.Label
	summary  *widget.Label
	hint     *widget.Label
	run      *widget.Button
	problems *widget.Button
	close    *widget.Button
	dlg      *dialog.CustomDialog
}

func newImporter(env *Env, done func()) *importer {
	imp := &importer{env: env, done: done}
	labels := make([]string, len(importModes))
	for i, m := range importModes {
		labels[i] = m.label
	}
	imp.mode = widget.NewRadioGroup(labels, func(string) { imp.refresh() })
	imp.mode.Required = true
	imp.mode.Horizontal = true
	imp.mode.SetSelected(labels[0])
	imp.skipBad = widget.NewCheck("跳过有错误的行，只导入无误的行", func(bool) { imp.refresh() })
	imp.skipBad.SetChecked(true)
	imp.onlyBad = widget.NewCheck("只显示有错误的行", func(bool) { imp.filter() })
	return imp
}

// load reads path, parses the first sheet that has a roster header and marks the rows whose ID
// number is saved already. It does no UI work, so it may run off the UI goroutine.
func (imp *importer) load(path string) error {
	imp.path = path
	sheet, p, err := reports.ReadRoster(path, imp.env.Today())
	if err != nil {
		return err
	}
	imp.sheet, imp.parse = sheet, p
	saved, err := imp.env.Store.Members(context.Background(), data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	data.MarkExisting(&imp.parse, saved)
	imp.counts = map[string]int{}
	for _, r := range imp.parse.Rows {
		imp.counts[rowStatus(r)]++
	}
	return nil
}

func rowStatus(r data.RosterRow) string {
	switch {
	case len(r.Problems) > 0:
		return statusBad
	case r.Exists:
		return statusExists
	}
	return statusOK
}

// problemText is every problem of a row in one line.
func problemText(r data.RosterRow) string { return data.ProblemsText(r.Problems) }

// selectedMode is the ImportMode of the chosen radio option.
func (imp *importer) selectedMode() data.ImportMode {
	for _, m := range importModes {
		if m.label == imp.mode.Selected {
			return m.mode
		}
	}
	return data.ImportSkip
}

// setMode chooses mode (as if the user had clicked it).
func (imp *importer) setMode(mode data.ImportMode) {
	for _, m := range importModes {
		if m.mode == mode {
			imp.mode.SetSelected(m.label)
		}
	}
}

// plan is what importing with the current choices would do.
func (imp *importer) plan() data.ImportPlan { return data.PlanImport(&imp.parse, imp.selectedMode()) }

// blocked says why the import cannot run with plan pl ("" when it can); skipBad is the user's
// choice to leave bad rows out.
func blocked(pl data.ImportPlan, skipBad bool) string {
	switch {
	case pl.ErrorRows > 0 && !skipBad:
		return fmt.Sprintf("有 %d 行有错误：请在原表中改正后重新导入，或勾选“跳过有错误的行”。", pl.ErrorRows)
	case len(pl.Members) == 0:
		return "按当前选择没有可导入的党员。"
	}
	return ""
}

// runImport saves the members of pl in one transaction; it does no UI work.
func (imp *importer) runImport(ctx context.Context, pl data.ImportPlan, skipBad bool, progress func(done, total int)) (data.ImportResult, error) {
	if msg := blocked(pl, skipBad); msg != "" {
		return data.ImportResult{}, data.Errorf(data.EInvalid, msg)
	}
	return imp.env.Store.ImportMembers(ctx, pl.Members, pl.Mode, progress)
}

// exportImportProblems writes an import's problem list (问题清单) to path; it does no UI work.
func exportImportProblems(ctx context.Context, env *Env, path string, problems []data.RowProblem) error {
	meta, err := reportMeta(ctx, env)
	if err != nil {
		return err
	}
	return writeWorkbook(ctx, path, func(w io.Writer) error {
		return reports.WriteImportProblems(w, meta, problems)
	})
}

// ---------------------------------------------------------------------------------------------
// The preview dialog.

// previewColumn is a column of an import preview table.
type previewColumn struct {
	title string
	width float32
}

// newPreviewTable is an import preview's table: columns with their titles, rows() rows, each cell a
// label that update fills.
func newPreviewTable(columns []previewColumn, rows func() int, update func(id widget.TableCellID, l *widget.Label)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(columns) },
		func() fyne.CanvasObject { return widgets.NewCellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) { update(id, o.(*widget.Label)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(columns[id.Col].title)
		}
	}
	for i, c := range columns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

var previewColumns = []previewColumn{{"行号", 60}, {"姓名", 90}, {"公民身份证号", 190}, {"人员类别", 90}, {"状态", 80}, {"问题", 520}}

func (imp *importer) show() {
	info := fmt.Sprintf("文件：%s　工作表：%s　表头在第 %d 行", filepath.Base(imp.path), imp.sheet, imp.parse.HeaderRow)
	if len(imp.parse.Ignored) > 0 {
		info += "\n未使用的列（不导入）：" + strings.Join(imp.parse.Ignored, "、")
	}
	infoLabel := widgets.Note(info)

	imp.table = newPreviewTable(previewColumns, func() int { return len(imp.shown) }, imp.updateCell)
	imp.detail = widgets.Note("点击一行可查看它的全部问题。")
	imp.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(imp.shown) {
			return
		}
		r := imp.parse.Rows[imp.shown[id.Row]]
		text := fmt.Sprintf("第 %d 行 %s：%s", r.Row, r.Member.Name, rowStatus(r))
		if len(r.Problems) > 0 {
			text += "\n" + problemText(r)
		}
		imp.detail.SetText(text)
	}

	imp.summary = widgets.Note("")
	imp.hint = widgets.Note("")

	imp.run = widget.NewButtonWithIcon("导入", theme.ConfirmIcon(), imp.startImport)
	imp.run.Importance = widget.HighImportance
	imp.problems = widget.NewButtonWithIcon("导出问题清单", theme.DocumentSaveIcon(), imp.askExportProblems)
	imp.close = widget.NewButton("取消", func() { imp.dlg.Hide() })

	choices := container.NewVBox(
		widget.NewLabelWithStyle("身份证号已在台账中的党员：", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		imp.mode, imp.skipBad)
	bottom := container.NewVBox(
		imp.detail, widget.NewSeparator(), choices, imp.summary, imp.hint,
		container.NewHBox(imp.problems, layout.NewSpacer(), imp.close, imp.run))
	top := container.NewVBox(infoLabel, container.NewBorder(nil, nil, nil, imp.onlyBad, imp.countsLabel()))
	body := container.NewBorder(top, bottom, nil, nil, imp.table)

	imp.dlg = dialog.NewCustomWithoutButtons("导入党员 — 预览", body, imp.env.Win)
	imp.filter()
	imp.dlg.Resize(widgets.DialogSize(imp.env.Win, 1100, 760))
	imp.dlg.Show()
}

func (imp *importer) countsLabel() *widget.Label {
	return widget.NewLabel(fmt.Sprintf("共 %d 行：%s %d 行，%s %d 行，%s %d 行",
		len(imp.parse.Rows), statusOK, imp.counts[statusOK], statusExists, imp.counts[statusExists],
		statusBad, imp.counts[statusBad]))
}

// updateCell shows one cell of the preview table.
func (imp *importer) updateCell(id widget.TableCellID, l *widget.Label) {
	if id.Row >= len(imp.shown) {
		return
	}
	r := imp.parse.Rows[imp.shown[id.Row]]
	var text string
	importance := widget.MediumImportance
	switch id.Col {
	case 0:
		text = fmt.Sprint(r.Row)
	case 1:
		text = r.Member.Name
	case 2:
		text = r.Member.IDNumber
	case 3:
		text = r.Member.Category
	case 4:
		text = rowStatus(r)
		importance = map[string]widget.Importance{
			statusOK: widget.SuccessImportance, statusExists: widget.WarningImportance, statusBad: widget.DangerImportance,
		}[text]
	case 5:
		text = problemText(r)
	}
	l.Text, l.Importance = text, importance
	l.Refresh()
}

// filter chooses the rows the table shows.
func (imp *importer) filter() {
	imp.shown = imp.shown[:0]
	for i, r := range imp.parse.Rows {
		if !imp.onlyBad.Checked || len(r.Problems) > 0 {
			imp.shown = append(imp.shown, i)
		}
	}
	if imp.table != nil {
		imp.table.UnselectAll()
		imp.table.Refresh()
	}
	imp.refresh()
}

// refresh shows what the current choices would do and enables the buttons accordingly.
func (imp *importer) refresh() {
	if imp.summary == nil || imp.ran {
		return
	}
	pl := imp.plan()
	imp.summary.SetText(fmt.Sprintf("按当前选择：将导入 %d 行，跳过 %d 行（已存在），%d 行有错误不导入。",
		len(pl.Members), len(pl.Skipped), pl.ErrorRows))
	if msg := blocked(pl, imp.skipBad.Checked); msg != "" {
		imp.hint.SetText(msg)
		imp.hint.Importance = widget.DangerImportance
		imp.run.Disable()
	} else {
		imp.hint.SetText("导入在一个事务中完成：要么全部保存，要么什么都不改。")
		imp.hint.Importance = widget.MediumImportance
		imp.run.Enable()
	}
	imp.hint.Refresh()
	if len(pl.Problems) > 0 {
		imp.problems.Enable()
	} else {
		imp.problems.Disable()
	}
}

func (imp *importer) startImport() {
	pl, skipBad := imp.plan(), imp.skipBad.Checked // widgets are read on the UI goroutine only
	var res data.ImportResult
	RunWithProgress(imp.env.Win, "正在导入党员", func(ctx context.Context, progress Progress) error {
		var err error
		res, err = imp.runImport(ctx, pl, skipBad, progress)
		return err
	}, func(err error) { imp.finish(pl, res, err) })
}

// finish shows the outcome of the import in the preview dialog.
func (imp *importer) finish(pl data.ImportPlan, res data.ImportResult, err error) {
	if err != nil {
		msg := "导入失败，没有保存任何内容：" + data.ErrorMessage(err)
		if errors.Is(err, context.Canceled) {
			msg = "已取消导入，没有保存任何内容。"
		}
		imp.hint.SetText(msg)
		imp.hint.Importance = widget.DangerImportance
		imp.hint.Refresh()
		return
	}
	imp.ran = true
	imp.run.Disable()
	imp.mode.Disable()
	imp.skipBad.Disable()
	imp.close.SetText("关闭")
	imp.summary.SetText("导入完成：" + pl.Summary(res) + "。")
	imp.summary.TextStyle = fyne.TextStyle{Bold: true}
	imp.summary.Refresh()
	imp.hint.SetText("")
	importSaved(imp.env, imp.done)
}

func (imp *importer) askExportProblems() {
	problems := imp.plan().Report() // errors and skipped rows, as the command line's --report
	exportProblemList(imp.env, imp.path, problems)
}

// exportProblemList asks where to save the 问题清单 (problems) of an import of the file src, named
// after it, and writes it there. Every import offers one.
func exportProblemList(env *Env, src string, problems []data.RowProblem) {
	exportWorkbook(env, "问题清单", strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"-导入问题清单.xlsx",
		func(ctx context.Context, path string) error { return exportImportProblems(ctx, env, path, problems) })
}

// importSaved tells the screens, and the import's caller (done, may be nil), that an import saved
// records.
func importSaved(env *Env, done func()) {
	notify(env)
	if done != nil {
		done()
	}
}
