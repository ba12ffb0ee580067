package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/data/demo"
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

// Open shows the main window on a sound file and, for one that fails the check at start, the
// window that offers the ways out, without opening (or migrating) the damaged file.
func TestSessionOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(context.Background(), db, demo.GenerateMonths(1, 8, 1, orgTestToday)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s := &Session{App: test.NewTempApp(t), Path: path, Files: sqlite.Files{}}
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	if s.main == nil || s.Win == nil || strings.Contains(s.Win.Title(), "已损坏") {
		t.Fatalf("no main window on a sound file (title %q)", s.Win.Title())
	}
	s.Close()

	// Three pages in the middle overwritten, as a failing disk or an unplugged USB stick leaves them.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	mid := len(raw) / 2 / 4096 * 4096
	for i := mid; i < mid+3*4096 && i < len(raw); i++ {
		raw[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s = &Session{App: test.NewTempApp(t), Path: path, Files: sqlite.Files{}}
	t.Cleanup(s.Close)
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	if s.main != nil || !strings.Contains(s.Win.Title(), "数据文件已损坏") {
		t.Fatalf("a damaged file opened in the main window (title %q)", s.Win.Title())
	}
	if after, err := os.ReadFile(path); err != nil || !bytes.Equal(after, raw) {
		t.Errorf("the damaged file was changed by opening it (%v)", err)
	}
}
