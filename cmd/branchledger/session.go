package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/gui"
)

// session is the window's life on one data file: the open store, the main window built on it, the
// daily backup running in the background, and restore, which closes the store, replaces the file and
// builds the main window again on the restored file. Rebuilding the window (rather than asking for
// a restart) keeps the program in one piece: every screen gets its store from the Env, so a fresh
// Env and main window are all it takes, and no screen holds on to the closed store afterwards.
type session struct {
	a    fyne.App
	w    fyne.Window
	path string

	mu sync.Mutex
	db *sqlite.DB
	bg sync.WaitGroup // the daily backup, which restore and close wait for
}

// start shows the main window on db (taking it over) and, unless it is read-only, starts the daily
// backup. On the UI goroutine.
func (s *session) start(db *sqlite.DB) error {
	s.mu.Lock()
	s.db = db
	s.mu.Unlock()
	firstRun, err := gui.IsEmptyLedger(context.Background(), db)
	if err != nil {
		return err
	}
	// Restoring is the way out of a read-only (damaged) file too.
	env := &gui.Env{App: s.a, Win: s.w, Store: db, Today: data.Today, DataFile: db.Path(), Restore: s.restore}
	gui.NewMainWindow(env, firstRun && !db.ReadOnly())
	if db.ReadOnly() {
		s.w.SetTitle(s.w.Title() + "（只读：数据文件已损坏）")
		return nil
	}
	s.dailyBackup(db)
	return nil
}

// dailyBackup makes the day's backup on a goroutine, so the window opens at once, then brings the
// generated point entries up to date; a failure is shown, since the user should know.
func (s *session) dailyBackup(db *sqlite.DB) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if _, err := db.DailyBackup(context.Background()); err != nil {
			fyne.Do(func() {
				gui.ShowError(s.w, data.Errorf(data.EInvalid, "今天的自动备份没有完成："+data.ErrorMessage(err)))
			})
		}
		// Generated 党员积分 entries depend on the date too (承办事项逾期): bring this year's up to
		// date once a start, after the backup; the 考核 screens and exports do it again when read.
		if err := db.RegeneratePointEntries(context.Background(), data.Today().Year); err != nil {
			fyne.Do(func() {
				gui.ShowError(s.w, data.Errorf(data.EInvalid, "党员积分的自动记分没有更新："+data.ErrorMessage(err)))
			})
		}
	}()
}

// restore is Env.Restore: off the UI goroutine, it closes the store, replaces the data file with
// from and reopens the main window on it (on the old file when restoring failed).
func (s *session) restore(ctx context.Context, from string) (string, error) {
	if err := sqlite.IsBackup(from); err != nil {
		return "", err // refused before anything is closed
	}
	s.bg.Wait()
	s.mu.Lock()
	old := s.db
	s.db = nil
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	savedAs, rerr := sqlite.Restore(s.path, from)
	if _, err := os.Stat(s.path); err != nil {
		// Never open (and so create) an empty ledger where the user's file should be.
		if rerr == nil {
			rerr = data.Errorf(data.EInternal, "恢复后找不到数据文件「"+s.path+"」")
		}
		fyne.Do(func() { s.showStopped(rerr) })
		return savedAs, rerr
	}
	db, err := sqlite.Open(s.path)
	if err != nil {
		fyne.Do(func() { s.showStopped(err) })
		if rerr == nil {
			rerr = err
		}
		return savedAs, rerr
	}
	fyne.Do(func() {
		if err := s.start(db); err != nil {
			s.showStopped(err)
		}
	})
	return savedAs, rerr
}

// close waits for the daily backup and closes the store.
func (s *session) close() {
	s.bg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// showStopped replaces the window's content with a problem that leaves nothing to work on.
func (s *session) showStopped(err error) {
	msg := widget.NewLabel(data.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	s.w.SetMainMenu(nil)
	s.w.SetContent(container.NewBorder(nil, container.NewCenter(widget.NewButton("退出", s.a.Quit)), nil, nil, msg))
}

// showDamaged is the window for a data file that failed the check at start: what is wrong, and the
// ways out: restore the newest backup that passes the check, open read-only to export what can be
// read, or quit. The damaged file is never replaced without the user choosing so, and restoring
// keeps it in the backup folder.
func (s *session) showDamaged(damage error) {
	newest, berr := sqlite.NewestGoodBackup(s.path)
	text := data.ErrorMessage(damage) + "\n\n这通常是在保存时断电、强行关机或磁盘出错造成的。"
	if berr == nil {
		text += fmt.Sprintf("\n\n最近的可用备份：%s（%s）。从备份恢复后，备份之后录入的内容需要重新录入；损坏的文件会保存在“备份”文件夹中。",
			newest.Time.Format("2006年1月2日 15:04"), newest.Path)
	} else {
		text += "\n\n" + data.ErrorMessage(berr) + "。可以只读打开，导出还能读出的数据。"
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord

	restore := widget.NewButton("从最近的备份恢复", func() {
		gui.RunWithProgress(s.w, "正在从备份恢复", func(context.Context, gui.Progress) error {
			_, err := s.restore(context.Background(), newest.Path)
			return err
		}, func(err error) {
			if err != nil {
				gui.ShowError(s.w, err)
				return
			}
			dialog.ShowInformation("已从备份恢复", fmt.Sprintf("已用 %s 的备份恢复数据文件。\n请核对备份之后录入的内容，需要时重新录入。", newest.Time.Format("2006年1月2日 15:04")), s.w)
		})
	})
	restore.Importance = widget.HighImportance
	if berr != nil {
		restore.Disable()
	}
	readOnly := widget.NewButton("只读打开", func() {
		db, err := sqlite.OpenReadOnly(s.path)
		if err != nil {
			gui.ShowError(s.w, err)
			return
		}
		if err := s.start(db); err != nil {
			gui.ShowError(s.w, err)
			return
		}
		dialog.ShowInformation("只读打开", "数据文件已损坏，现在只能查看和导出，不能保存修改。\n请导出需要的数据后，在“数据与设置”中从备份恢复。", s.w)
	})
	quit := widget.NewButton("退出", s.a.Quit)
	title := widget.NewLabelWithStyle("数据文件已损坏", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.w.SetTitle(gui.AppTitle + " — 数据文件已损坏")
	s.w.SetContent(container.NewBorder(title, container.NewCenter(container.NewHBox(restore, readOnly, quit)), nil, nil, msg))
	s.w.Resize(fyne.NewSize(640, 320))
}
