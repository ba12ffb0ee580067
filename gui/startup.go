package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// The windows shown instead of the main window when the data file cannot be worked on: a problem
// that keeps the program from starting, one that stops it, and a damaged data file.

// ShowFatal shows a problem that keeps the program from starting, in Chinese, and waits for 退出.
func ShowFatal(a fyne.App, err error) {
	w := a.NewWindow(AppTitle + " — 无法启动")
	w.SetContent(fatalContent(a, err))
	w.Resize(fyne.NewSize(520, 200))
	w.ShowAndRun()
}

// fatalContent is err over 退出. The note is in a scroll: a wrapping note asks for the height of its
// narrowest wrap, which made the window taller than the screen, 退出 below its edge.
func fatalContent(a fyne.App, err error) fyne.CanvasObject {
	quit := widget.NewButton("退出", func() { a.Quit() })
	return container.NewBorder(nil, container.NewCenter(quit), nil, nil, container.NewVScroll(widgets.Note(data.ErrorMessage(err))))
}

// ShowStopped replaces the window's content with a problem that leaves nothing to work on.
func ShowStopped(a fyne.App, w fyne.Window, err error) {
	msg := widgets.Note(data.ErrorMessage(err))
	w.SetMainMenu(nil)
	w.SetContent(container.NewBorder(nil, container.NewCenter(widget.NewButton("退出", a.Quit)), nil, nil, msg))
}

// DamagedFile is a data file that failed the check at start, and the ways out of it.
type DamagedFile struct {
	Problem error
	// Backup is the newest backup that passes the check, made at BackupTime; NoBackup says why
	// there is none (then Backup is "").
	Backup     string
	BackupTime time.Time
	NoBackup   error
	// Restore replaces the file with Backup and opens the main window on it; OpenReadOnly opens the
	// main window on the damaged file, read-only.
	Restore      func(ctx context.Context) error
	OpenReadOnly func() error
}

// ShowDamaged fills w with what is wrong with a damaged data file and the ways out: restore the
// newest backup that passes the check, open read-only to export what can be read, or quit. The
// damaged file is never replaced without the user choosing so, and restoring keeps it in the
// backup folder.
func ShowDamaged(a fyne.App, w fyne.Window, d DamagedFile) {
	text := data.ErrorMessage(d.Problem) + "\n\n这通常是在保存时断电、强行关机或磁盘出错造成的。"
	if d.Backup != "" {
		text += fmt.Sprintf("\n\n最近的可用备份：%s（%s）。从备份恢复后，备份之后录入的内容需要重新录入；损坏的文件会保存在“备份”文件夹中。",
			d.BackupTime.Format("2006年1月2日 15:04"), d.Backup)
	} else {
		text += "\n\n" + data.ErrorMessage(d.NoBackup) + "。可以只读打开，导出还能读出的数据。"
	}
	msg := widgets.Note(text)

	restore := widget.NewButton("从最近的备份恢复", func() {
		RunWithProgress(w, "正在从备份恢复", func(ctx context.Context, _ Progress) error {
			return d.Restore(ctx)
		}, func(err error) {
			if err != nil {
				ShowError(w, err)
				return
			}
			dialog.ShowInformation("已从备份恢复", fmt.Sprintf("已用 %s 的备份恢复数据文件。\n请核对备份之后录入的内容，需要时重新录入。",
				d.BackupTime.Format("2006年1月2日 15:04")), w)
		})
	})
	restore.Importance = widget.HighImportance
	if d.Backup == "" {
		restore.Disable()
	}
	readOnly := widget.NewButton("只读打开", func() {
		if err := d.OpenReadOnly(); err != nil {
			ShowError(w, err)
			return
		}
		dialog.ShowInformation("只读打开", "数据文件已损坏，现在只能查看和导出，不能保存修改。\n请导出需要的数据后，在“数据与设置”中从备份恢复。", w)
	})
	quit := widget.NewButton("退出", a.Quit)
	title := widget.NewLabelWithStyle("数据文件已损坏", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.SetTitle(AppTitle + " — 数据文件已损坏")
	w.SetContent(container.NewBorder(title, container.NewCenter(container.NewHBox(restore, readOnly, quit)), nil, nil, msg))
	w.Resize(fyne.NewSize(640, 320))
}

// NoDisplay says, in one Chinese line, why no window can open here: on X11/Wayland systems, no
// display to open it on (Fyne would stop with a stack trace). "" when a window can open.
func NoDisplay() string {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios":
		return ""
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return "无法打开图形界面：没有可用的图形显示（未设置 DISPLAY）。命令行用法见：branchledger help"
	}
	return ""
}

// RecordCrash records an unexpected failure of the window next to the data file, so that it can
// be reported instead of vanishing with the window, and says so on stderr.
func RecordCrash(dataFile, version string, r any) {
	report := fmt.Sprintf("%s 支部台账 %s 意外出错：%v\n\n%s\n", time.Now().Format(time.DateTime), version, r, debug.Stack())
	log := filepath.Join(filepath.Dir(dataFile), "错误记录.txt")
	if f, err := os.OpenFile(log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644); err == nil {
		f.WriteString(report)
		f.Close()
	}
	fmt.Fprintf(os.Stderr, "支部台账意外出错，已保存的数据不受影响。错误记录见 %s\n", log)
}
