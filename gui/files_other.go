//go:build !windows

package gui

// File dialogs where there is no native one wired up (Linux, macOS: development and tests). Opening
// uses Fyne's file dialog. Saving does not: Fyne's save dialog empties an existing file before its
// callback runs (storage.Writer truncates), so a failed export would destroy the old report. Instead
// a small 保存为 dialog takes the file name, Fyne's folder dialog (which only reads) picks the folder,
// and overwriting is asked in Chinese; the file is first written by the export itself.

import (
	"cmp"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// askOpenFile asks for an existing file with one of exts (".xlsx"); fn runs on the UI goroutine with
// its path, and not at all when the user cancels.
func askOpenFile(env *Env, title string, exts []string, fn func(path string)) {
	askOpenFileIn(env, "", title, exts, fn)
}

// askOpenFileIn is askOpenFile starting in the folder dir ("": the last folder used).
func askOpenFileIn(env *Env, dir, title string, exts []string, fn func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ShowError(env.Win, data.Errorf(data.EInvalid, "无法打开所选的文件："+err.Error()))
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		chosen(env, path, fn)
	}, env.Win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	setDialogFolder(d, cmp.Or(dir, startFolder(env)))
	d.SetTitleText(title)
	d.SetConfirmText("打开")
	d.SetDismissText("取消")
	d.Resize(widgets.DialogSize(env.Win, 900, 600))
	d.Show()
}

// askOpenFiles is askOpenFile for several files; Fyne's dialog picks one at a time.
func askOpenFiles(env *Env, title string, exts []string, fn func(paths []string)) {
	askOpenFile(env, title, exts, func(path string) { fn([]string{path}) })
}

// setDialogFolder makes d start in dir (when it can be listed).
func setDialogFolder(d *dialog.FileDialog, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// askSaveFile asks where to save a file of type ext (".xlsx"), suggesting defaultName; fn runs on the
// UI goroutine with the path (ext added when the user left it out) after the user agreed to replace
// an existing file, and not at all when the user cancels. No file is created or changed here.
func askSaveFile(env *Env, title, defaultName, ext string, fn func(path string)) {
	sd := newSaveDialog(env, title, defaultName, ext, fn)
	sd.dlg.Show()
	env.Win.Canvas().Focus(sd.name)
}

// askNewFile is askSaveFile for a file that must not exist yet, starting in the folder dir ("": the
// last folder used): an existing name is refused in the dialog (taken says what to do instead),
// never offered for replacing.
func askNewFile(env *Env, dir, title, defaultName, ext, taken string, fn func(path string)) {
	sd := newSaveDialog(env, title, defaultName, ext, fn)
	sd.taken = taken
	if dir != "" {
		sd.dir = dir
		sd.folder.SetText(dir)
	}
	sd.dlg.Show()
	env.Win.Canvas().Focus(sd.name)
}

// saveDialog is the 保存为 dialog of askSaveFile.
type saveDialog struct {
	env    *Env
	ext    string
	fn     func(path string)
	dir    string
	folder *widget.Label
	name   *widgets.Entry
	msg    *widget.Label
	dlg    *dialog.CustomDialog
	taken  string // askNewFile: an existing file is refused with this, not replaced
}

func newSaveDialog(env *Env, title, defaultName, ext string, fn func(path string)) *saveDialog {
	sd := &saveDialog{env: env, ext: ext, fn: fn, dir: startFolder(env)}
	sd.folder = widget.NewLabel(sd.dir)
	sd.folder.Wrapping = fyne.TextWrapBreak
	sd.name = widgets.NewEntry()
	sd.name.SetText(defaultName)
	sd.name.OnSubmitted = func(string) { sd.save() }
	sd.msg = widget.NewLabel("")
	sd.msg.Importance = widget.DangerImportance
	sd.msg.Wrapping = fyne.TextWrapWord
	sd.msg.Hide()

	change := widget.NewButtonWithIcon("更改文件夹…", theme.FolderOpenIcon(), sd.chooseFolder)
	save := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), sd.save)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("取消", func() { sd.dlg.Hide() })
	form := widget.NewForm(
		widget.NewFormItem("保存到", container.NewBorder(nil, nil, nil, change, sd.folder)),
		widget.NewFormItem("文件名", sd.name))
	body := container.NewVBox(form, sd.msg, container.NewHBox(layout.NewSpacer(), cancel, save))
	sd.dlg = dialog.NewCustomWithoutButtons(title, body, env.Win)
	sd.fit()
	return sd
}

// fit sizes the dialog to its content (which grows with a message).
func (sd *saveDialog) fit() {
	sd.dlg.Resize(fyne.NewSize(widgets.DialogSize(sd.env.Win, 640, 0).Width, sd.dlg.MinSize().Height))
}

// chooseFolder lets the user pick the folder with Fyne's folder dialog.
func (sd *saveDialog) chooseFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil || l == nil {
			return
		}
		sd.dir = l.Path()
		sd.folder.SetText(sd.dir)
		sd.setMessage("")
	}, sd.env.Win)
	setDialogFolder(d, sd.dir)
	d.SetTitleText("选择保存文件的文件夹")
	d.SetConfirmText("选择")
	d.SetDismissText("取消")
	d.Resize(widgets.DialogSize(sd.env.Win, 900, 600))
	d.Show()
}

// save checks the name and, once the user agreed to replace an existing file, closes the dialog and
// runs fn.
func (sd *saveDialog) save() {
	name := strings.TrimSpace(sd.name.Text)
	switch {
	case name == "" || name == sd.ext:
		sd.setMessage("请输入文件名")
		return
	case strings.ContainsAny(name, badNameChars):
		sd.setMessage(`文件名中不能有 \ / : * ? " < > | 这些字符`)
		return
	case sd.dir == "" || !isDir(sd.dir):
		sd.setMessage("请用“更改文件夹…”选择保存文件的文件夹")
		return
	}
	path := withExt(filepath.Join(sd.dir, name), sd.ext)
	if isDir(path) {
		sd.setMessage("“" + filepath.Base(path) + "”是一个文件夹，请换一个文件名")
		return
	}
	if _, err := os.Stat(path); err == nil && sd.taken != "" {
		sd.setMessage("“" + filepath.Base(path) + "”已经存在。" + sd.taken)
		return
	}
	confirmReplace(sd.env, path, func() { sd.done(path) })
}

func (sd *saveDialog) done(path string) {
	sd.dlg.Hide()
	chosen(sd.env, path, sd.fn)
}

func (sd *saveDialog) setMessage(msg string) {
	sd.msg.SetText(msg)
	if msg == "" {
		sd.msg.Hide()
	} else {
		sd.msg.Show()
	}
	sd.fit()
}

// openInShell opens a file or folder with the program the system uses for it.
func openInShell(env *Env, path string) {
	msg := ""
	if _, err := os.Stat(path); err != nil {
		msg = "找不到“" + path + "”：它可能已被移动或删除"
	} else if err := env.App.OpenURL(fileURL(path)); err != nil {
		msg = "无法打开“" + path + "”：这台电脑上可能没有能打开它的程序（请安装 WPS 或 LibreOffice）。系统的说明：" + err.Error()
	}
	if msg != "" {
		ShowError(env.Win, data.Errorf(data.EInvalid, msg))
	}
}

// printButton is nil: 打印 is offered on Windows only, where the program registered for the file
// prints it (files_windows.go).
func printButton(*Env, string, func()) *widget.Button { return nil }

// showInFolder opens the folder that holds path.
func showInFolder(env *Env, path string) { openInShell(env, filepath.Dir(path)) }
