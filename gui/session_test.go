package gui

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// A session opens the main window on the file and makes the day's backup; restoring a backup
// through the window closes the file, replaces it and builds the window again on the restored one.
func TestSessionStartAndRestore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	s := &Session{App: test.NewTempApp(t), Win: test.NewTempWindow(t, nil), Path: path, Files: sqlite.Files{}}
	if err := s.Start(db); err != nil {
		t.Fatal(err)
	}
	s.bg.Wait() // the daily backup
	backups, err := sqlite.ListBackups(path)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups after start: %v %v", backups, err)
	}
	if err := db.SaveBranch(ctx, &data.Branch{ID: 1, Name: "改名后的党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.restore(ctx, filepath.Join(t.TempDir(), "none.db")); err == nil {
		t.Fatal("a file that is not a backup was restored")
	}
	savedAs, err := s.restore(ctx, backups[0].Path)
	if err != nil || savedAs == "" {
		t.Fatalf("restore: %q %v", savedAs, err)
	}
	waitFor(t, "the window on the restored file", func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.db == nil || s.db == data.Ledger(db) {
			return false
		}
		b, err := s.db.Branch(ctx)
		return err == nil && b.Name == "综采一队党支部"
	})
	s.Close()
}
