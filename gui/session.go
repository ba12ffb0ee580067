package gui

import (
	"context"
	"errors"
	"sync"

	"fyne.io/fyne/v2"

	"branchledger/data"
)

// Session is the window's life on one data file: the open store, the main window built on it, the
// daily backup running in the background, and restore, which closes the store, replaces the file and
// builds the main window again on the restored file. Rebuilding the window (rather than asking for
// a restart) keeps the program in one piece: every screen gets its store from the Env, so a fresh
// Env and main window are all it takes, and no screen holds on to the closed store afterwards.
type Session struct {
	App   fyne.App
	Win   fyne.Window
	Path  string
	Files data.LedgerFiles

	mu sync.Mutex
	db data.Ledger
	bg sync.WaitGroup // the daily backup, which restore and close wait for

	main *MainWindow // the main window as last built (the self-tests drive it)
}

// Open opens the data file at Path in a new window: the main window, or for a file that failed the
// check (ShowDamaged) the window that lets the user choose what happens to it. An error is one
// that keeps the program from starting. On the UI goroutine.
func (s *Session) Open() error {
	db, err := s.Files.Open(s.Path)
	if err != nil && !errors.Is(err, data.ErrDamaged) {
		return err
	}
	s.Win = s.App.NewWindow(AppTitle)
	if err != nil {
		s.ShowDamaged(err)
		return nil
	}
	return s.Start(db)
}

// Start shows the main window on db (taking it over) and, unless it is read-only, starts the daily
// backup. On the UI goroutine.
func (s *Session) Start(db data.Ledger) error {
	s.mu.Lock()
	s.db = db
	s.mu.Unlock()
	firstRun, err := IsEmptyLedger(context.Background(), db)
	if err != nil {
		return err
	}
	// Restoring is the way out of a read-only (damaged) file too.
	env := &Env{App: s.App, Win: s.Win, Store: db, Today: data.Today, DataFile: db.Path(), Restore: s.restore}
	s.main = NewMainWindow(env, firstRun && !db.ReadOnly())
	if db.ReadOnly() {
		s.Win.SetTitle(s.Win.Title() + "（只读：数据文件已损坏）")
		return nil
	}
	s.dailyBackup(db)
	return nil
}

// dailyBackup makes the day's backup on a goroutine, so the window opens at once, then brings the
// generated point entries up to date; a failure is shown, since the user should know.
func (s *Session) dailyBackup(db data.Ledger) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		if _, err := db.DailyBackup(context.Background()); err != nil {
			onUI(func() {
				ShowError(s.Win, data.Errorf(data.EInvalid, "今天的自动备份没有完成："+data.ErrorMessage(err)))
			})
		}
		// Generated 党员积分 entries depend on the date too (承办事项逾期): bring this year's up to
		// date once a start, after the backup; the 考核 screens and exports do it again when read.
		if err := db.RegeneratePointEntries(context.Background(), data.Today().Year); err != nil {
			onUI(func() {
				ShowError(s.Win, data.Errorf(data.EInvalid, "党员积分的自动记分没有更新："+data.ErrorMessage(err)))
			})
		}
	}()
}

// restore is Env.Restore: off the UI goroutine, it closes the store, replaces the data file with
// from and reopens the main window on it (on the old file when restoring failed).
func (s *Session) restore(_ context.Context, from string) (string, error) {
	if err := s.Files.IsBackup(from); err != nil {
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
	db, savedAs, err := s.Files.RestoreAndOpen(s.Path, from)
	onUI(func() {
		if db == nil {
			ShowStopped(s.App, s.Win, err)
		} else if serr := s.Start(db); serr != nil {
			ShowStopped(s.App, s.Win, serr)
		}
	})
	return savedAs, err
}

// Close waits for the daily backup and closes the store.
func (s *Session) Close() {
	s.bg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// ShowDamaged is the window for a data file that failed the check at start (see ShowDamaged).
func (s *Session) ShowDamaged(damage error) {
	d := DamagedFile{Problem: damage}
	if backup, made, err := s.Files.NewestGoodBackup(s.Path); err == nil {
		d.Backup, d.BackupTime = backup, made
	} else {
		d.NoBackup = err
	}
	d.Restore = func(ctx context.Context) error {
		_, err := s.restore(ctx, d.Backup)
		return err
	}
	d.OpenReadOnly = func() error {
		db, err := s.Files.OpenReadOnly(s.Path)
		if err != nil {
			return err
		}
		return s.Start(db)
	}
	ShowDamaged(s.App, s.Win, d)
}
