package gui

// 按上级模板导出 (SPEC §6, the group's own templates): a report's table (R1, R3, R7, R9) fills an
// .xlsx template made by the group. The template is checked first — its repeating row and
// placeholders are shown, unknown placeholders by name — and only then is the user asked where to
// save. A chosen template is copied into the 模板 folder beside the data file, so that it can be
// picked again later (even after the USB stick it came from is gone); the one last used for each
// report is remembered in the app's preferences and offered first.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

// TemplateFolder is the folder beside the data file that keeps the saved group templates.
const TemplateFolder = "模板"

// prefTemplate + report ID is the preference holding the file name (in TemplateFolder) of the
// template last used for that report.
const prefTemplate = "reportTemplate."

// templateDir is the saved templates' folder; "" when no data file is open (tests of a lone screen).
func templateDir(env *Env) string {
	if env.DataFile == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(env.DataFile), TemplateFolder)
}

// savedTemplates lists the saved templates' file names, the one last used for report id first.
func savedTemplates(env *Env, id string) []string {
	dir := templateDir(env)
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		// ~$… are the lock files Excel leaves beside an open workbook.
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") && !strings.HasPrefix(e.Name(), "~$") {
			names = append(names, e.Name())
		}
	}
	if last := env.App.Preferences().String(prefTemplate + id); last != "" {
		if i := slices.Index(names, last); i > 0 {
			names = append(append([]string{last}, names[:i]...), names[i+1:]...)
		}
	}
	return names
}

// saveTemplate keeps the template at path for report id: copied into the templates folder (a
// saved one of the same name is replaced) unless it is there already, and remembered as the
// report's last template. It returns the saved copy's path; without a data file, path itself.
func saveTemplate(env *Env, id, path string) (string, error) {
	dir := templateDir(env)
	if dir == "" {
		return path, nil
	}
	saved := filepath.Join(dir, filepath.Base(path))
	if !sameFilePath(path, saved) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", data.Errorf(data.EInvalid, fmt.Sprintf("无法读取模板“%s”：%v", filepath.Base(path), err))
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", data.Errorf(data.EInternal, fmt.Sprintf("无法创建模板文件夹“%s”：%v", dir, err))
		}
		if err := reports.SaveFile(saved, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return "", err
		}
	}
	env.App.Preferences().SetString(prefTemplate+id, filepath.Base(saved))
	return saved, nil
}

// fillTemplate fills the template at tplPath with report k's table for the options chosen (the
// same data and period as its normal export) and writes the workbook to w.
func (s *ReportsScreen) fillTemplate(ctx context.Context, k *catalog.Report, in catalog.Input, tplPath string, w io.Writer) error {
	res, err := k.Load(ctx, s.env.Store, s.input(ctx, in))
	if err != nil {
		return err
	}
	return res.FillTemplate(tplPath, w)
}

// checkTemplate reads the template at tplPath and says what it found; err (Chinese) tells why
// it cannot be filled with report k, naming any unknown placeholders. A dry fill with the
// report's columns and no records finds them.
func (s *ReportsScreen) checkTemplate(ctx context.Context, k *catalog.Report, in catalog.Input, tplPath string) (summary string, err error) {
	f, err := reports.OpenInput(tplPath, "模板文件")
	if err != nil {
		return "", err
	}
	info, err := reports.InspectTemplate(f)
	f.Close()
	if err != nil {
		return "", err
	}
	summary = templateSummary(info)
	res, err := k.Load(ctx, s.env.Store, s.input(ctx, in))
	if err != nil {
		return summary, err
	}
	return summary, res.CheckTemplate(tplPath)
}

// templateSummary says what a template holds: its repeating row and its placeholders.
func templateSummary(info reports.TemplateInfo) string {
	var lines []string
	if info.Sheet == "" {
		lines = append(lines, "模板中没有重复行（{{列:字段}}）：只填写单项内容，不列出记录。")
	} else {
		fields := make([]string, len(info.Fields))
		for i, f := range info.Fields {
			fields[i] = "{{列:" + f + "}}"
		}
		lines = append(lines, fmt.Sprintf("重复行：工作表“%s”第 %d 行，每条记录一行；列：%s", info.Sheet, info.Row, strings.Join(fields, "、")))
	}
	if len(info.Values) > 0 {
		values := make([]string, len(info.Values))
		for i, v := range info.Values {
			values[i] = "{{" + v + "}}"
		}
		lines = append(lines, "单项内容："+strings.Join(values, "、"))
	}
	return strings.Join(lines, "\n")
}

// askTemplateExport asks for report k's options (for a report with a period), then a template,
// checks it and exports the filled template.
func (s *ReportsScreen) askTemplateExport(k *catalog.Report) {
	if k.Period == catalog.NoPeriod && len(k.Options) == 0 {
		s.askTemplate(k, catalog.Input{})
		return
	}
	s.askOptions(k, func(in catalog.Input) { s.askTemplate(k, in) })
}

// askTemplate offers the saved templates (the last used first) or another file.
func (s *ReportsScreen) askTemplate(k *catalog.Report, opts catalog.Input) {
	pickFile := func() {
		askOpenFile(s.env, "选择上级下发的"+k.Title+"模板", []string{".xlsx"}, func(path string) { s.confirmTemplate(k, opts, path) })
	}
	saved := savedTemplates(s.env, k.ID)
	if len(saved) == 0 {
		pickFile()
		return
	}
	list := widgets.NewSelect(saved, nil)
	list.SetSelectedIndex(0)
	var d *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() })
	other := widget.NewButtonWithIcon("选择其他文件…", theme.FolderOpenIcon(), func() { d.Hide(); pickFile() })
	use := widget.NewButtonWithIcon("使用此模板", theme.ConfirmIcon(), func() {
		d.Hide()
		s.confirmTemplate(k, opts, filepath.Join(templateDir(s.env), list.Selected))
	})
	use.Importance = widget.HighImportance
	body := container.NewVBox(
		widgets.Note("已保存的模板（在数据文件旁的“"+TemplateFolder+"”文件夹中）："), list)
	d = dialog.NewCustomWithoutButtons("按上级模板导出"+k.Title, body, s.env.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, other, use})
	d.Resize(widgets.DialogSize(s.env.Win, 560, d.MinSize().Height))
	d.Show()
}

// confirmTemplate checks the template at path and shows what it found; when it can be filled,
// 导出… saves the template for reuse and asks where to save the filled workbook.
func (s *ReportsScreen) confirmTemplate(k *catalog.Report, opts catalog.Input, path string) {
	summary, err := s.checkTemplate(context.Background(), k, opts, path)
	text := widgets.Note(summary)
	if summary == "" {
		text.Hide()
	}
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	problem.Hide()
	if err != nil {
		problem.SetText("这个模板不能使用：" + data.ErrorMessage(err) + "\n请在 Excel 或 WPS 中改正模板后重新选择。")
		problem.Show()
	}
	var d *dialog.CustomDialog
	cancel := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() })
	next := widget.NewButtonWithIcon("导出…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		tpl, err := saveTemplate(s.env, k.ID, path)
		if err != nil {
			ShowError(s.env.Win, err)
			return
		}
		exportWorkbook(s.env, k.Title, s.fileName(k, opts), func(ctx context.Context, out string) error {
			return writeWorkbook(ctx, out, func(w io.Writer) error { return s.fillTemplate(ctx, k, opts, tpl, w) })
		})
	})
	next.Importance = widget.HighImportance
	if err != nil {
		next.Disable()
	}
	body := container.NewVBox(widget.NewLabel("模板：“"+filepath.Base(path)+"”"), text, problem)
	d = dialog.NewCustomWithoutButtons("检查模板", body, s.env.Win)
	d.SetButtons([]fyne.CanvasObject{cancel, next})
	d.Resize(widgets.DialogSize(s.env.Win, 640, d.MinSize().Height))
	d.Show()
}
