package sqlite

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

func TestOpenCreatesFolderAndPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "用户 数据", "支部台账", "ledger#1.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	b := data.Branch{Name: "综采一队党支部", Committee: "某矿党委", Code: "zc-01"}
	if err := db.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	m := mustCreate(t, db, newMember("张三", 3))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Branch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != b {
		t.Errorf("branch after reopen = %+v, want %+v", got, b)
	}
	gm, err := db.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if gm != m {
		t.Errorf("member after reopen = %+v, want %+v", gm, m)
	}
}

func TestOpenRelativePathIsMadeAbsolute(t *testing.T) {
	t.Chdir(t.TempDir())
	db, err := Open("ledger.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !filepath.IsAbs(db.Path()) || filepath.Base(db.Path()) != "ledger.db" {
		t.Errorf("Path() = %q, want an absolute path to ledger.db", db.Path())
	}
}

// Every pooled connection must run with the pragmas of the DSN, not only the first one.
func TestPragmasOnEveryConnection(t *testing.T) {
	db := openTemp(t)
	want := map[string]string{
		"journal_mode": "wal",
		"synchronous":  "2", // FULL
		"foreign_keys": "1",
		"busy_timeout": "5000",
	}
	var conns []*sql.Conn
	for range 3 {
		c, err := db.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, v := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != v {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, v)
			}
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

// A save's transaction takes the write lock at BEGIN (_txlock=immediate): another writer cannot
// start until it ends.
func TestTransactionsAreImmediate(t *testing.T) {
	db := openTemp(t)
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	other, err := sql.Open("sqlite3", db.Path()+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`BEGIN IMMEDIATE`); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("second writer began while a transaction was open: err = %v", err)
	}
}

func TestOpenRefusesForeignFiles(t *testing.T) {
	dir := t.TempDir()
	foreignSQLite := func(name, setup string) string {
		path := filepath.Join(dir, name)
		db, err := sql.Open("sqlite3", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(setup); err != nil {
			t.Fatal(err)
		}
		db.Close()
		return path
	}
	write := func(name string, content []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name string
		path string
	}{
		{"text file", write("notes.db", []byte(strings.Repeat("这不是数据库。\n", 200)))},
		{"xlsx (zip) file", write("roster.xlsx", append([]byte("PK\x03\x04"), make([]byte, 2000)...))},
		{"other program's SQLite file", foreignSQLite("other.db", `CREATE TABLE contacts (name TEXT)`)},
		{"versioned SQLite file of another program", foreignSQLite("versioned.db", `PRAGMA user_version = 3; PRAGMA application_id = 42`)},
		{"damaged header", write("damaged.db", append([]byte("SQLite format 3\x00"), bytes.Repeat([]byte{0xFF}, 4000)...))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			db, err := Open(tt.path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			wantCode(t, err, data.EInvalid)
			if want := "「" + filepath.Base(tt.path) + "」不是支部台账的数据文件，或文件已损坏"; err.Error() != want {
				t.Errorf("message = %q, want %q", err.Error(), want)
			}
			after, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("the refused file was changed")
			}
		})
	}
}

func TestOpenRefusesPathWithQuestionMark(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "a?b.db"))
	wantCode(t, err, data.EInvalid)
}

func TestOpenReportsUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// The data file's folder would have to be created inside a regular file.
	_, err := Open(filepath.Join(blocker, "sub", "ledger.db"))
	wantCode(t, err, data.EInvalid)
	if !strings.Contains(data.ErrorMessage(err), "无法创建数据文件夹") {
		t.Errorf("message = %q", data.ErrorMessage(err))
	}
}

func TestParseStamp(t *testing.T) {
	for _, s := range []string{"2026-11-23 09:30:05", "2000-02-29 23:59:59", "2026-01-01 00:00:00"} {
		want, err := time.ParseInLocation(timestamp, s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := parseStamp(s); err != nil || !got.Equal(want) || got.Location() != time.Local {
			t.Errorf("parseStamp(%q) = %v, %v; want %v local", s, got, err, want)
		}
	}
	for _, s := range []string{"", "2026-11-23", "2026-11-23T09:30:05", "2026-11-23 24:00:00", "2026-02-30 10:00:00", "2026-11-23 09:3a:05", "2026-11-23 09:30:05Z"} {
		if _, err := parseStamp(s); err == nil {
			t.Errorf("parseStamp(%q) accepted", s)
		}
	}
}
