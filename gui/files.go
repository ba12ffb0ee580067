package gui

// Files the user chooses, and what follows an export. The open and save dialogs are the system's own
// on Windows (files_windows.go: Chinese on a Chinese Windows, with the Desktop, USB sticks and the
// overwrite question) and Fyne's elsewhere (files_other.go). Both only return a path: nothing is
// created or emptied before an export has written the whole file (reports.SaveFile).
//
//	askOpenFile     choose an existing file                (per OS)
//	askSaveFile     choose where to save a file            (per OS)
//	exportWorkbook  askSaveFile, export behind a progress dialog, then offerOpen
//	writeWorkbook   reports.SaveFile that stops when the export is cancelled
//	offerOpen       "已保存到 …" with 打开文件 / 打开所在文件夹 (and 打印 on Windows: print.go)
//	openInShell     open a file or folder with the system's program (per OS)
//	showInFolder    open the folder of a file, the file selected where the system can (per OS)
//
// The folder of the last file chosen is remembered in the app's preferences and offered next time.

import (
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/reports"
	"branchledger/reports/catalog"
)

// prefLastFolder is the preference holding the folder of the last file opened or saved.
const prefLastFolder = "lastFolder"

// lastFolder is the folder of the last file chosen, "" when none or when it is gone (a USB stick).
func lastFolder(env *Env) string {
	dir := env.App.Preferences().String(prefLastFolder)
	if dir == "" {
		return ""
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// startFolder is where a file dialog starts: the last folder used, else the user's 文档 (Documents)
// folder, else the home folder ("" when even that is unknown).
func startFolder(env *Env) string {
	if dir := lastFolder(env); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// chosen remembers the folder of path and runs fn with it; on the UI goroutine.
func chosen(env *Env, path string, fn func(path string)) {
	env.App.Preferences().SetString(prefLastFolder, filepath.Dir(path))
	fn(path)
}

// confirmReplace runs then at once when there is no file at path, else after the user agreed to
// replace it.
func confirmReplace(env *Env, path string, then func()) {
	if _, err := os.Stat(path); err != nil {
		then()
		return
	}
	ShowConfirm(env.Win, "文件已存在", "“"+filepath.Base(path)+"”已经存在。\n要替换它吗？", "替换", then)
}

// badNameChars are the characters Windows forbids in file names.
const badNameChars = catalog.BadNameChars

// withExt adds ext (".xlsx") to path unless path ends with it already, in any case.
func withExt(path, ext string) string {
	if ext == "" || strings.EqualFold(filepath.Ext(path), ext) {
		return path
	}
	return path + ext
}

// fileFilter is the file type line of a file dialog for exts (".xlsx", ".xls"): the label shown,
// e.g. "Excel 工作簿 (*.xlsx)", and the patterns, e.g. "*.xlsx".
func fileFilter(exts []string) (label, patterns string) {
	kind := "Excel 工作簿"
	pats := make([]string, len(exts))
	for i, e := range exts {
		pats[i] = "*" + e
		switch strings.ToLower(e) {
		case ".xlsx", ".xls", ".xlsm":
		default:
			kind = "文件"
		}
	}
	patterns = strings.Join(pats, ";")
	return kind + " (" + patterns + ")", patterns
}

// ---------------------------------------------------------------------------------------------
// Exports.

// exportWorkbook asks where to save an .xlsx workbook, suggesting defaultName, runs export behind a
// progress dialog and then offers to open the file; what names the document (党员花名册, 问题清单).
// An error is shown; a cancelled export says nothing.
func exportWorkbook(env *Env, what, defaultName string, export func(ctx context.Context, path string) error) {
	askSaveFile(env, "导出"+what, defaultName, ".xlsx", func(path string) {
		RunWithProgress(env.Win, "正在导出"+what, func(ctx context.Context, _ Progress) error {
			return export(ctx, path)
		}, func(err error) {
			switch {
			case err == nil:
				offerOpen(env, what+"已导出", path)
			case !errors.Is(err, context.Canceled):
				ShowError(env.Win, err)
			}
		})
	})
}

// writeWorkbook writes a file with reports.SaveFile (a temporary file renamed into place when
// complete, so a failed export keeps the old file). When ctx is cancelled, writing stops and nothing
// replaces the old file.
func writeWorkbook(ctx context.Context, path string, write func(w io.Writer) error) error {
	return reports.SaveFile(path, func(w io.Writer) error {
		if err := write(ctxWriter{ctx, w}); err != nil {
			return err
		}
		return ctx.Err()
	})
}

// ctxWriter fails its writes once ctx is done, which ends a long export early.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// reportMeta is the Meta every report of this data file prints: the branch name and today.
func reportMeta(ctx context.Context, env *Env) (reports.Meta, error) {
	return catalog.Heading(ctx, env.Store, env.Today())
}

// offerOpen tells where a file was saved and offers to open it or its folder, and on Windows to
// print it; it returns the 打印 button (nil where there is none).
func offerOpen(env *Env, title, path string) (printBtn *widget.Button) {
	msg := widget.NewLabel("已保存到：\n" + path)
	msg.Wrapping = fyne.TextWrapBreak
	var d *dialog.CustomDialog
	open := widget.NewButtonWithIcon("打开文件", theme.FileIcon(), func() {
		d.Hide()
		openInShell(env, path)
	})
	open.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() {
		d.Hide()
		showInFolder(env, path)
	})
	buttons := container.NewHBox(open, folder)
	if printBtn = printButton(env, path, func() { d.Hide() }); printBtn != nil {
		buttons.Add(printBtn)
	}
	buttons.Add(widget.NewButton("关闭", func() { d.Hide() }))
	d = dialog.NewCustomWithoutButtons(title, container.NewVBox(msg, container.NewCenter(buttons)), env.Win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
	return printBtn
}

// fileURL is the file:// URL of a local path (Windows paths get the leading slash URLs need).
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// openDialogPaths turns what a multiple-selection open dialog returns into paths: one string is
// the path of the one file chosen; several are the folder followed by the names chosen in it.
func openDialogPaths(parts []string) []string {
	if len(parts) < 2 {
		return parts
	}
	paths := make([]string, len(parts)-1)
	for i, name := range parts[1:] {
		paths[i] = filepath.Join(parts[0], name)
	}
	return paths
}
