//go:build windows

package gui

// The system's own file dialogs (comdlg32 GetOpenFileNameW / GetSaveFileNameW) and shell (ShellExecuteW),
// called directly: a few calls do not justify a dependency. The dialogs are Chinese on a Chinese
// Windows, show the Desktop and USB sticks, and ask before replacing a file; they only return a path.
//
// A modal system dialog runs its own message loop. It runs on a thread of its own, owned by the Fyne
// window (which Windows disables meanwhile), so that Fyne's main loop keeps drawing and pumping messages;
// the result comes back to the UI goroutine through onUI (fyne.Do).

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"unicode/utf16"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// comdlg32, ole32 and shell32 are KnownDLLs: Windows loads them from the system folder only.
var (
	comdlg32                 = syscall.NewLazyDLL("comdlg32.dll")
	procGetOpenFileNameW     = comdlg32.NewProc("GetOpenFileNameW")
	procGetSaveFileNameW     = comdlg32.NewProc("GetSaveFileNameW")
	procCommDlgExtendedError = comdlg32.NewProc("CommDlgExtendedError")
	ole32                    = syscall.NewLazyDLL("ole32.dll")
	procCoInitializeEx       = ole32.NewProc("CoInitializeEx")
	procCoUninitialize       = ole32.NewProc("CoUninitialize")
	shell32                  = syscall.NewLazyDLL("shell32.dll")
	procShellExecuteW        = shell32.NewProc("ShellExecuteW")
)

// openFileName is OPENFILENAMEW (commdlg.h); Go lays the fields out as C does.
type openFileName struct {
	structSize      uint32
	owner           uintptr
	instance        uintptr
	filter          *uint16
	customFilter    *uint16
	maxCustomFilter uint32
	filterIndex     uint32
	file            *uint16
	maxFile         uint32
	fileTitle       *uint16
	maxFileTitle    uint32
	initialDir      *uint16
	title           *uint16
	flags           uint32
	fileOffset      uint16
	fileExtension   uint16
	defExt          *uint16
	custData        uintptr
	hook            uintptr
	templateName    *uint16
	reserved        uintptr
	reserved2       uint32
	flagsEx         uint32
}

const (
	ofnOverwritePrompt  = 0x00000002
	ofnHideReadOnly     = 0x00000004
	ofnNoChangeDir      = 0x00000008
	ofnPathMustExist    = 0x00000800
	ofnFileMustExist    = 0x00001000
	ofnNoReadOnlyReturn = 0x00008000
	ofnExplorer         = 0x00080000
	ofnAllowMultiSelect = 0x00000200

	coinitApartmentThreaded = 0x2
	coinitDisableOLE1DDE    = 0x4

	swShowNormal = 1
)

// fileDialogOpen is set while a system file dialog is up, so a second click does not open another.
var fileDialogOpen atomic.Bool

// askOpenFile asks for an existing file with one of exts (".xlsx"); fn runs on the UI goroutine with
// its path, and not at all when the user cancels.
func askOpenFile(env *Env, title string, exts []string, fn func(path string)) {
	askOpenFileIn(env, "", title, exts, fn)
}

// askOpenFileIn is askOpenFile starting in the folder start ("": the last folder used).
func askOpenFileIn(env *Env, start, title string, exts []string, fn func(path string)) {
	runFileDialog(env, func(owner uintptr, dir string) ([]string, error) {
		return fileDialog(procGetOpenFileNameW, owner, title, cmp.Or(start, dir), "", exts, "",
			ofnFileMustExist|ofnPathMustExist|ofnNoChangeDir|ofnHideReadOnly|ofnExplorer)
	}, func(paths []string) { chosen(env, paths[0], fn) })
}

// askOpenFiles is askOpenFile for several files at once (Ctrl or Shift in the dialog).
func askOpenFiles(env *Env, title string, exts []string, fn func(paths []string)) {
	runFileDialog(env, func(owner uintptr, dir string) ([]string, error) {
		parts, err := fileDialog(procGetOpenFileNameW, owner, title, dir, "", exts, "",
			ofnFileMustExist|ofnPathMustExist|ofnNoChangeDir|ofnHideReadOnly|ofnExplorer|ofnAllowMultiSelect)
		return openDialogPaths(parts), err
	}, func(paths []string) {
		chosen(env, paths[0], func(string) { fn(paths) })
	})
}

// askSaveFile asks where to save a file of type ext (".xlsx"), suggesting defaultName; fn runs on the
// UI goroutine with the path (ext added when the user left it out) after the user agreed to replace
// an existing file, and not at all when the user cancels. No file is created or changed here.
func askSaveFile(env *Env, title, defaultName, ext string, fn func(path string)) {
	runFileDialog(env, func(owner uintptr, dir string) ([]string, error) {
		return fileDialog(procGetSaveFileNameW, owner, title, dir, defaultName, []string{ext}, strings.TrimPrefix(ext, "."),
			ofnOverwritePrompt|ofnPathMustExist|ofnNoChangeDir|ofnHideReadOnly|ofnNoReadOnlyReturn|ofnExplorer)
	}, func(paths []string) {
		path := paths[0]
		// Windows adds ext only when no extension was typed ("报表.2026" stays) and asked about
		// replacing the name it returned; ask again when adding ext names another existing file.
		if p := withExt(path, ext); p != path {
			confirmReplace(env, p, func() { chosen(env, p, fn) })
			return
		}
		chosen(env, path, fn)
	})
}

// askNewFile is askSaveFile for a file that must not exist yet, starting in the folder start ("":
// the last folder used): the system's dialog does not offer to replace one, and an existing name is
// refused with taken (what to do instead).
func askNewFile(env *Env, start, title, defaultName, ext, taken string, fn func(path string)) {
	runFileDialog(env, func(owner uintptr, dir string) ([]string, error) {
		return fileDialog(procGetSaveFileNameW, owner, title, cmp.Or(start, dir), defaultName, []string{ext}, strings.TrimPrefix(ext, "."),
			ofnPathMustExist|ofnNoChangeDir|ofnHideReadOnly|ofnNoReadOnlyReturn|ofnExplorer)
	}, func(paths []string) {
		path := withExt(paths[0], ext)
		if _, err := os.Stat(path); err == nil {
			ShowError(env.Win, data.Errorf(data.EInvalid, "“"+filepath.Base(path)+"”已经存在。"+taken))
			return
		}
		chosen(env, path, fn)
	})
}

// runFileDialog runs show on a thread of its own with the window's handle and the last folder, then
// fn with the chosen paths on the UI goroutine (not when cancelled; an error is shown).
func runFileDialog(env *Env, show func(owner uintptr, dir string) ([]string, error), fn func(paths []string)) {
	if !fileDialogOpen.CompareAndSwap(false, true) {
		return
	}
	owner, dir := windowHandle(env.Win), lastFolder(env)
	onShellThread(func() {
		paths, err := show(owner, dir)
		fileDialogOpen.Store(false)
		onUI(func() {
			switch {
			case err != nil:
				ShowError(env.Win, err)
			case len(paths) > 0:
				fn(paths)
			}
		})
	})
}

// fileDialog shows the open or save dialog (proc) and returns what it wrote: the chosen path, or with
// ofnAllowMultiSelect the folder followed by the names (see openDialogPaths); nothing when cancelled.
func fileDialog(proc *syscall.LazyProc, owner uintptr, title, dir, name string, exts []string, defExt string, flags uint32) ([]string, error) {
	label, patterns := fileFilter(exts)
	filter := utf16.Encode([]rune(label + "\x00" + patterns + "\x00\x00")) // pairs of NUL-ended strings, then NUL
	buf := make([]uint16, 32*1024)                                         // room for long paths
	copy(buf[:len(buf)-1], utf16.Encode([]rune(name)))
	ofn := openFileName{
		owner:       owner,
		filter:      &filter[0],
		filterIndex: 1,
		file:        &buf[0],
		maxFile:     uint32(len(buf)),
		initialDir:  utf16Ptr(dir),
		title:       utf16Ptr(title),
		flags:       flags,
		defExt:      utf16Ptr(defExt),
	}
	ofn.structSize = uint32(unsafe.Sizeof(ofn))
	if ok, _, _ := proc.Call(uintptr(unsafe.Pointer(&ofn))); ok != 0 {
		// NUL-separated strings ending in an empty one.
		var parts []string
		for start, i := 0, 0; i < len(buf); i++ {
			if buf[i] != 0 {
				continue
			}
			if i == start {
				break
			}
			parts = append(parts, string(utf16.Decode(buf[start:i])))
			start = i + 1
		}
		return parts, nil
	}
	if code, _, _ := procCommDlgExtendedError.Call(); code != 0 {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("无法打开 Windows 的文件对话框（错误代码 0x%X），请重试", code))
	}
	return nil, nil // cancelled
}

// utf16Ptr is s as a NUL-ended UTF-16 string, nil for "".
func utf16Ptr(s string) *uint16 {
	if s == "" {
		return nil
	}
	p, err := syscall.UTF16PtrFromString(s)
	if err != nil {
		return nil
	}
	return p
}

// windowHandle is the HWND of a Fyne window, 0 when it has none (yet).
func windowHandle(w fyne.Window) (hwnd uintptr) {
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				hwnd = c.HWND
			}
		})
	}
	return hwnd
}

// onShellThread runs f on a new OS thread initialised for the shell (COM, single-threaded apartment),
// as file dialogs and ShellExecute want. The goroutine ends still locked to its thread, so the thread
// ends with it, together with whatever the shell left on it.
func onShellThread(f func()) {
	go func() {
		runtime.LockOSThread()
		if hr, _, _ := procCoInitializeEx.Call(0, coinitApartmentThreaded|coinitDisableOLE1DDE); int32(hr) >= 0 {
			defer procCoUninitialize.Call()
		}
		f()
	}()
}

// openInShell opens a file or folder with the program Windows uses for it. ShellExecute takes the
// path itself: a file:// URL of a Chinese path (Fyne's OpenURL) depends on how Windows decodes it.
func openInShell(env *Env, path string) {
	owner := windowHandle(env.Win)
	onShellThread(func() {
		r, _, _ := procShellExecuteW.Call(owner, uintptr(unsafe.Pointer(utf16Ptr("open"))),
			uintptr(unsafe.Pointer(utf16Ptr(path))), 0, 0, swShowNormal)
		if r > 32 {
			return
		}
		var msg string
		switch r {
		case seErrNoAssoc:
			msg = "这台电脑上没有能打开“" + filepath.Ext(path) + "”文件的程序：请安装 Excel 或 WPS，或把文件复制到别的电脑上打开"
		case seErrNotFound:
			msg = "找不到“" + path + "”：它可能已被移动或删除"
		case seErrAccess:
			msg = "没有权限打开“" + path + "”"
		default:
			msg = fmt.Sprintf("无法打开“%s”（错误代码 %d）", path, r)
		}
		onUI(func() { ShowError(env.Win, data.Errorf(data.EInvalid, msg)) })
	})
}

// printButton is 打印 of the dialog after an export: it sends the file to the default printer
// through the program registered to print it; hide closes that dialog.
func printButton(env *Env, path string, hide func()) *widget.Button {
	return widget.NewButtonWithIcon("打印", theme.DocumentPrintIcon(), func() {
		hide()
		printFile(env, path)
	})
}

// printFile prints path as Explorer's 打印 does (ShellExecute, verb "print"); the outcome is
// shown: the Chinese message of printFailure, or that the file went to the printing program.
func printFile(env *Env, path string) {
	owner := windowHandle(env.Win)
	onShellThread(func() {
		r, _, _ := procShellExecuteW.Call(owner, uintptr(unsafe.Pointer(utf16Ptr("print"))),
			uintptr(unsafe.Pointer(utf16Ptr(path))), 0, uintptr(unsafe.Pointer(utf16Ptr(filepath.Dir(path)))), swShowNormal)
		onUI(func() {
			if r <= 32 {
				ShowError(env.Win, data.Errorf(data.EInvalid, printFailure(r, path)))
				return
			}
			dialog.ShowInformation("打印", "已把“"+filepath.Base(path)+"”交给打印程序，将用默认打印机打印。", env.Win)
		})
	})
}

// showInFolder opens the folder that holds path in Explorer, with the file selected.
func showInFolder(env *Env, path string) {
	cmd := exec.Command("explorer.exe")
	// Explorer parses its own command line: /select, then the quoted path, as written here.
	cmd.SysProcAttr = &syscall.SysProcAttr{CmdLine: `explorer.exe /select,"` + path + `"`}
	if err := cmd.Start(); err != nil {
		openInShell(env, filepath.Dir(path))
		return
	}
	go cmd.Wait() // Explorer's exit code means nothing; this only releases the process handle
}
