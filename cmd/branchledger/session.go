package main

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"

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
	db, savedAs, err := sqlite.RestoreAndOpen(s.path, from)
	fyne.Do(func() {
		if db == nil {
			s.showStopped(err)
		} else if serr := s.start(db); serr != nil {
			s.showStopped(serr)
		}
	})
	return savedAs, err
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
func (s *session) showStopped(err error) { gui.ShowStopped(s.a, s.w, err) }

// showDamaged is the window for a data file that failed the check at start (gui.ShowDamaged).
func (s *session) showDamaged(damage error) {
	d := gui.DamagedFile{Problem: damage}
	if newest, err := sqlite.NewestGoodBackup(s.path); err == nil {
		d.Backup, d.BackupTime = newest.Path, newest.Time
	} else {
		d.NoBackup = err
	}
	d.Restore = func(ctx context.Context) error {
		_, err := s.restore(ctx, d.Backup)
		return err
	}
	d.OpenReadOnly = func() error {
		db, err := sqlite.OpenReadOnly(s.path)
		if err != nil {
			return err
		}
		return s.start(db)
	}
	gui.ShowDamaged(s.a, s.w, d)
}
