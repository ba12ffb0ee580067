package main

// The hidden self-tests of the Windows integration (issue 15; not in the help). Each opens the
// main window on a new data file in a temporary folder, drives it as a user would
// (gui/selftest.go) and says what it found. Developers run them under wine:
//
//	shared/tools/wine-run.sh dist/支部台账.exe selftest-ime
//	shared/tools/wine-run.sh --shot 打印.png 25 dist/支部台账.exe selftest-print

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/gui"
)

// selftestSettle is how long the window gets to open and lay out before it is driven (wine starts
// slowly).
const selftestSettle = 3 * time.Second

// selftestIME: gui.Session.SelftestIME on a new window.
func (c *cli) selftestIME(args) error {
	return c.selftest(0, func(s *gui.Session) error { return s.SelftestIME(c.out) })
}

// selftestPrint: gui.Session.SelftestPrint on a new window, which stays open (for a screenshot)
// until it is closed, or for --wait seconds.
func (c *cli) selftestPrint(a args) error {
	wait, err := intOpt(a, "wait", -1, 0, 3600)
	if err != nil {
		return err
	}
	return c.selftest(time.Duration(wait)*time.Second, func(s *gui.Session) error { return s.SelftestPrint(c.out) })
}

// selftest opens the main window on a new data file holding a small demo branch and runs drive
// on a goroutine once the window settled. Then, after stay (never when stay < 0: the window stays
// for a screenshot until it is closed or the process is stopped), the process ends at once with
// the command's exit code (selftestExit): under wine 8 Fyne's own quit hangs in the OpenGL
// teardown, which would keep the check from ever ending.
func (c *cli) selftest(stay time.Duration, drive func(s *gui.Session) error) error {
	dir, err := os.MkdirTemp("", "branchledger-selftest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "自检.db")
	if err := selftestData(c.ctx, path, c.today); err != nil {
		return err
	}
	openWindow(path, nil, func(s *gui.Session) {
		go func() {
			time.Sleep(selftestSettle)
			code := c.exitCode(drive(s), command{}) // drive makes no usage errors
			if stay < 0 {
				return
			}
			time.Sleep(stay)
			s.Close()
			os.RemoveAll(dir) // what the open window still holds stays in the temporary folder
			selftestExit(code)
		}()
	})
	return data.Errorf(data.EInvalid, "自检没有完成：窗口已关闭")
}

// selftestData writes a small demo branch into a new data file, so the window opens on its
// 工作台 (not the greeting of an empty file) and reports have rows.
func selftestData(ctx context.Context, path string, today data.Date) error {
	db, err := sqlite.Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	return demo.Load(ctx, db, demo.GenerateMonths(1, 8, 1, today))
}
