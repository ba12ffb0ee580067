package main

// The hidden self-tests of the Windows integration (issue 15; not in the help). Each opens the
// main window on a new data file in a temporary folder, drives it as a user would
// (gui/selftest.go) and says what it found. Developers run them under wine:
//
//	shared/tools/wine-run.sh dist/支部台账.exe selftest-ime
//	shared/tools/wine-run.sh --shot 打印.png 25 dist/支部台账.exe selftest-print

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/gui"
)

const (
	// selftestSettle is how long the window gets to open and lay out before it is driven (wine
	// starts slowly).
	selftestSettle = 3 * time.Second
	// imeField is the member form's field the IME self-test types into: a wide field half way
	// down the form, below other fields and sections.
	imeField = data.FAddress
	imeText  = "河北省唐山市开平区"
)

// selftestIME types into a field of the member form and reads back where the IME will open its
// composition window (ImmGetCompositionWindow): it succeeds only when that point lies in the field.
func (c *cli) selftestIME(args) error {
	return c.selftest(0, func(s *gui.Session) error {
		var field fyne.CanvasObject
		var err error
		fyne.DoAndWait(func() { field, err = s.TypeIntoMemberField(imeField, imeText) })
		if err != nil {
			return err
		}
		time.Sleep(5 * time.Second / 10) // the follower looks every 100 ms
		fyne.DoAndWait(func() { err = s.CheckIME(c.out, field, imeField, imeText) })
		return err
	})
}

// selftestPrint exports 党员花名册 and presses 打印 in the dialog that follows; the window stays
// open (for a screenshot) until it is closed, or for --wait seconds.
func (c *cli) selftestPrint(a args) error {
	wait, err := intOpt(a, "wait", -1, 0, 3600)
	if err != nil {
		return err
	}
	return c.selftest(time.Duration(wait)*time.Second, func(s *gui.Session) error {
		var path string
		var printed bool
		var err error
		fyne.DoAndWait(func() { path, printed, err = s.ExportAndPrint(filepath.Dir(s.Path)) })
		if err != nil {
			return err
		}
		fmt.Fprintf(c.out, "打印自检：已导出「%s」\n", path)
		if !printed {
			fmt.Fprintln(c.out, "  没有“打印”按钮（只在 Windows 上有）")
			return nil
		}
		fmt.Fprintln(c.out, "  已按“打印”：结果显示在窗口中")
		return nil
	})
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
