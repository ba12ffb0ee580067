package sqlite

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
)

// A package carries the branch's records and settings, but not the operation log nor the recycle
// bin (data.ScopeProgram: never exported); the branch's file keeps both.
func TestPackageLeavesOutProgramRows(t *testing.T) {
	db := openTemp(t)
	b := data.Branch{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: "ZC01"}
	if err := db.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, newMember("张三", 1))
	gone := mustCreate(t, db, newMember("李四", 3))
	if err := db.DeleteMember(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	pkg := exportAt(t, db, t.TempDir(), time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	path := filepath.Join(t.TempDir(), "data.db")
	if err := os.WriteFile(path, packageData(t, pkg), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := sql.Open(driverName, path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	count := func(q querier, table string) int {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for table, want := range map[string]int{"member": 1, "op_log": 0, "recycle_bin": 0} {
		if got := count(f, table); got != want {
			t.Errorf("package: %d rows in %s, want %d", got, table, want)
		}
	}
	if count(f, "setting") == 0 {
		t.Error("package without settings")
	}
	if count(db.db, "op_log") == 0 || count(db.db, "recycle_bin") != 1 {
		t.Error("the export changed the branch's own log or bin")
	}
	// The package still goes in.
	if _, err := openTemp(t).Consolidate(ctx, pkg); err != nil {
		t.Fatal(err)
	}
}
