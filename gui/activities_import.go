package gui

import (
	"context"
	"errors"
	"fmt"
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

// The import of an existing meeting ledger in the R12 layout (SPEC §12.6), as the roster import
// does it: choose an .xlsx, see every row with its problems, then import the good rows in one
// transaction (rows saved already are skipped, bad rows left out and listed).

// activityImport holds one import: the parsed file and its preview dialog.
type activityImport struct {
	env   *Env
	done  func()
	path  string
	sheet string
	parse data.ActivityParse
	dlg   *dialog.CustomDialog
}

// showActivityImport lets the user pick a meeting ledger and previews it; done is called after an
// import saved something.
func showActivityImport(env *Env, done func()) {
	askOpenFile(env, "选择要导入的组织生活记录台账（.xlsx）", []string{".xlsx", ".xls"}, func(path string) {
		importActivitiesFile(env, path, done)
	})
}

// importActivitiesFile reads path behind a progress dialog and shows its preview.
func importActivitiesFile(env *Env, path string, done func()) {
	imp := &activityImport{env: env, done: done, path: path}
	RunWithProgress(env.Win, "正在读取“"+filepath.Base(path)+"”", func(ctx context.Context, _ Progress) error {
		ic, err := data.LoadImportContext(ctx, env.Store, env.Today())
		if err != nil {
			return err
		}
		imp.sheet, imp.parse, err = reports.ReadActivities(path, ic)
		return err
	}, func(err error) {
		if err == nil {
			imp.show()
		} else if !errors.Is(err, context.Canceled) {
			ShowError(env.Win, err)
		}
	})
}

// rowText is one preview line: 第5行 2026-03-05 主题党日、党课 学习… — 可导入 / 已存在 / the problems.
func (imp *activityImport) rowText(r *data.ActivityRow) (string, widget.Importance) {
	a := &r.Activity
	text := fmt.Sprintf("第%d行　%s　%s　%s", r.Row, a.Date, a.KindsText(), clip(a.Topic, 30))
	switch {
	case len(r.Problems) > 0:
		return text + "　— 有错误：" + data.ProblemsText(r.Problems), widget.DangerImportance
	case r.Exists:
		return text + "　— 已存在，跳过", widget.LowImportance
	}
	n, ok := a.Expected()
	return text + fmt.Sprintf("　— 可导入（应到 %s，缺勤 %d，补学 %d）", data.CountText(n, ok), len(a.Absences), len(a.MakeUps)),
		widget.MediumImportance
}

func (imp *activityImport) show() {
	pl := data.PlanActivities(&imp.parse)
	info := fmt.Sprintf("文件：%s　工作表：%s　表头在第 %d 行", filepath.Base(imp.path), imp.sheet, imp.parse.HeaderRow)
	if len(imp.parse.Ignored) > 0 {
		info += "\n未使用的列（不导入）：" + strings.Join(imp.parse.Ignored, "、")
	}
	infoLabel := widgets.Note(info)
	list := widget.NewList(func() int { return len(imp.parse.Rows) },
		func() fyne.CanvasObject { return widgets.NewCellLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Text, l.Importance = imp.rowText(&imp.parse.Rows[i])
			l.Refresh()
		})
	detail := widgets.Note("点击一行可查看全文。")
	list.OnSelected = func(i widget.ListItemID) {
		text, _ := imp.rowText(&imp.parse.Rows[i])
		detail.SetText(text)
	}
	summary := widget.NewLabel(fmt.Sprintf("共 %d 行：可导入 %d 行，已存在 %d 行，有错误 %d 行（不导入，可导出问题清单改正后再导入）。",
		len(imp.parse.Rows), len(pl.Activities), len(pl.Skipped), pl.ErrorRows))
	summary.Wrapping = fyne.TextWrapWord
	run := widget.NewButtonWithIcon(fmt.Sprintf("导入 %d 条", len(pl.Activities)), theme.ConfirmIcon(), func() { imp.run(pl) })
	run.Importance = widget.HighImportance
	if len(pl.Activities) == 0 {
		run.Disable()
	}
	problems := widget.NewButtonWithIcon("导出问题清单", theme.DocumentSaveIcon(), func() {
		exportProblemList(imp.env, imp.path, pl.Report())
	})
	if len(pl.Problems)+len(pl.Skipped) == 0 {
		problems.Disable()
	}
	cancel := widget.NewButton("取消", func() { imp.dlg.Hide() })
	bottom := container.NewVBox(detail, widget.NewSeparator(), summary, container.NewHBox(problems, layout.NewSpacer(), cancel, run))
	imp.dlg = dialog.NewCustomWithoutButtons("导入组织生活记录 — 预览", container.NewBorder(infoLabel, bottom, nil, nil, list), imp.env.Win)
	imp.dlg.Resize(widgets.DialogSize(imp.env.Win, 1100, 700))
	imp.dlg.Show()
}

// run imports the plan's activities in one transaction.
func (imp *activityImport) run(pl data.ActivityPlan) {
	imp.dlg.Hide()
	var n int
	RunToEnd(imp.env.Win, "正在导入组织生活记录", func(ctx context.Context, _ Progress) error {
		var err error
		n, err = imp.env.Store.ImportActivities(ctx, pl.Activities)
		return err
	}, func(err error) {
		if err != nil {
			ShowError(imp.env.Win, err)
			return
		}
		importSaved(imp.env, imp.done)
		dialog.ShowInformation("导入完成", pl.Summary(n), imp.env.Win)
	})
}
