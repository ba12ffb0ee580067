package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"branchledger/data"
)

// OpenLocked refuses a missing file when it must exist, a file another program holds (or opens it
// read-only beside it when reading), and a damaged file; it gives the lock up on release.
func TestOpenLocked(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	if _, _, err := OpenLocked(ctx, path, OpenOptions{MustExist: true}); data.ErrorCode(err) != data.EInvalid ||
		!strings.Contains(data.ErrorMessage(err), "不存在") {
		t.Fatalf("a missing file: %v", err)
	}
	db, release, err := OpenLocked(ctx, path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := OpenLocked(ctx, path, OpenOptions{}); data.ErrorCode(err) != data.EConflict {
		t.Fatalf("a second writer: %v", err)
	}
	reader, closeReader, err := OpenLocked(ctx, path, OpenOptions{MustExist: true, BesideLock: true})
	if err != nil || !reader.ReadOnly() {
		t.Fatalf("a reader beside the writer: %v", err)
	}
	if b, err := reader.Branch(ctx); err != nil || b.Name != "综采一队党支部" {
		t.Errorf("the reader reads %+v, %v", b, err)
	}
	closeReader()
	release()
	again, releaseAgain, err := OpenLocked(ctx, path, OpenOptions{})
	if err != nil || again.ReadOnly() {
		t.Fatalf("after release: %v", err)
	}
	releaseAgain()

	damaged := filepath.Join(dir, "damaged.db")
	db, release, err = OpenLocked(ctx, damaged, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SaveBranch(ctx, &data.Branch{Name: "综采二队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	release()
	corrupt(t, damaged)
	if _, _, err := OpenLocked(ctx, damaged, OpenOptions{MustExist: true}); !errors.Is(err, data.ErrDamaged) {
		t.Fatalf("a damaged file: %v", err)
	}
	// The refusal gave the lock up.
	l, err := LockDataFile(damaged)
	if err != nil {
		t.Fatalf("the lock is still held after the refusal: %v", err)
	}
	l.Release()
}
