package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"branchledger/data/sqlite"
	"branchledger/gui"
	"branchledger/gui/ime"
)

// appID must match FyneApp.toml: Fyne keys preferences and storage by it.
const appID = "cn.zhibutaizhang.ledger"

// runGUI opens the window on the data file named by --db (or dropped on the program), else the
// default one, and returns the exit code when the window closes.
func runGUI(argv []string) int {
	if msg := gui.NoDisplay(); msg != "" {
		fmt.Fprintln(os.Stderr, msg)
		return 1
	}
	path, err := guiDataFile(argv)
	return openWindow(path, err, nil)
}

// openWindow opens the main window on the data file path (err: a problem found before, shown
// instead) and returns the exit code when the window closes. ready, when set, runs on the UI
// goroutine once the app runs (the hidden self-tests drive the window from there).
func openWindow(path string, err error, ready func(s *gui.Session)) (code int) {
	// A plain `go build` binary does not read FyneApp.toml; give Fyne the same facts.
	app.SetMetadata(fyne.AppMetadata{ID: appID, Name: gui.AppTitle, Version: version, Release: true})
	a := app.NewWithID(appID)
	if err2 := gui.SetupApp(a); err2 != nil && err == nil {
		err = err2
	}
	if err != nil {
		return showFatal(a, err)
	}
	defer func() {
		if r := recover(); r != nil {
			gui.RecordCrash(path, version, r)
			code = 2
		}
	}()
	if err := sqlite.RefuseBackup(path); err != nil {
		return showFatal(a, err)
	}
	// The lock first: a second window on the same file stops here without opening it.
	lock, err := sqlite.LockDataFile(path)
	if err != nil {
		return showFatal(a, err)
	}
	defer lock.Release()
	s := &gui.Session{App: a, Path: path, Files: sqlite.Files{}}
	defer s.Close()
	if err := s.Open(); err != nil {
		return showFatal(a, err)
	}
	s.Win.SetMaster()
	// Windows: the IME's composition and candidate windows follow the caret (gui/ime).
	defer ime.Follow(s.Win)()
	if ready != nil {
		a.Lifecycle().SetOnStarted(func() { ready(s) })
	}
	s.Win.ShowAndRun()
	return 0
}

// guiDataFile reads --db FILE (or one .db file given alone, as when a file is dropped on the exe).
func guiDataFile(argv []string) (string, error) {
	a, err := parseArgs(argv, []string{"db"}, nil)
	if err != nil {
		return "", err
	}
	switch {
	case a.has("db") && len(a.positional) == 0:
		return a.get("db"), nil
	case len(a.positional) == 1 && !a.has("db") && strings.EqualFold(filepath.Ext(a.positional[0]), sqlite.DataFileExt):
		return a.positional[0], nil
	case len(argv) == 0:
		return sqlite.DefaultDataFile()
	}
	return "", usageErr("不认识的参数：%s。打开图形界面请用 --db 数据文件；命令行用法请运行 branchledger help", strings.Join(argv, " "))
}

// showFatal shows a problem that keeps the program from starting and waits for 退出.
func showFatal(a fyne.App, err error) int {
	gui.ShowFatal(a, err)
	return 1
}
