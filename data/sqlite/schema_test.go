package sqlite

import (
	"cmp"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// craftedSchemas are data files changed as an attacker would (issue 16): each is refused by
// consolidation, restore and open, with what is wrong said in Chinese.
var craftedSchemas = []struct {
	name, stmt, want string
	pkgWant          string // what consolidation says, when it differs
}{
	// A view that never ends in place of the member table: reading it would hang the program.
	{"member view", `DROP TABLE member; CREATE VIEW member AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n AS id FROM r`,
		"多出视图「member」", ""},
	{"extra table", `CREATE TABLE extra (x TEXT)`, "多出表「extra」", ""},
	{"trigger", `CREATE TRIGGER spy AFTER INSERT ON branch BEGIN SELECT 1; END`, "多出触发器「spy」", ""},
	{"missing column", `ALTER TABLE member DROP COLUMN remark`, "表「member」的定义不同", ""},
	// A package's manifest names the version its data must have.
	{"newer version", `PRAGMA user_version = 999`, "更新版本", "结构版本不同"},
	// Not SQLite at all: the file is replaced by notSQLite (stmt empty).
	{"not SQLite", "", "不是支部台账的数据文件", ""},
}

// notSQLite is what a crafted file holds in place of a data file: text of a data file's size.
var notSQLite = []byte(strings.Repeat("这不是数据库文件。", 1000))

// within runs f and fails the test when f has not returned after 20 s: a crafted file must be
// refused within seconds, whichever path reads it.
func within(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); f() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%s of a crafted file still runs after 20 s", what)
	}
}

// craftFile runs stmt on the data file at path with foreign keys off, as another program could.
func craftFile(t *testing.T, path, stmt string) {
	t.Helper()
	f, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

func wantRefused(t *testing.T, what string, err error, want string) {
	t.Helper()
	if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), want) {
		t.Errorf("%s: error %v, want EInvalid with %q", what, err, want)
	}
}

func TestSchemaVerifierRefusesCraftedPackages(t *testing.T) {
	dir := t.TempDir()
	src := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 8, 1)
	good := exportAt(t, src, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	target := openTemp(t)
	before := fingerprint(t, target)
	for _, c := range craftedSchemas {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "包.zip")
			if c.stmt == "" {
				packageWithData(t, good, p, notSQLite)
			} else {
				craftPackage(t, good, p, c.stmt)
			}
			var err error
			within(t, "consolidation", func() { _, err = target.Consolidate(ctx, p) })
			wantRefused(t, "consolidate", err, cmp.Or(c.pkgWant, c.want))
			if c.pkgWant == "" && !strings.Contains(data.ErrorMessage(err), "包.zip") {
				t.Errorf("the refusal does not name the package: %v", err)
			}
			if fingerprint(t, target) != before {
				t.Error("the package was refused, yet the target changed")
			}
		})
	}
	if _, err := target.Consolidate(ctx, good); err != nil {
		t.Fatalf("the untouched package: %v", err)
	}
}

func TestSchemaVerifierRefusesCraftedFiles(t *testing.T) {
	db := demoFile(t, 10)
	good := db.Path()
	db.Close()
	want := fileHash(t, good)
	for _, c := range craftedSchemas {
		t.Run(c.name, func(t *testing.T) {
			crafted := filepath.Join(t.TempDir(), "备份.db")
			if c.stmt == "" {
				os.WriteFile(crafted, notSQLite, 0o644)
			} else {
				copyFile(t, good, crafted)
				craftFile(t, crafted, c.stmt)
			}
			craftedHash := fileHash(t, crafted)

			var err error
			within(t, "restore", func() { _, err = Restore(good, crafted) })
			wantRefused(t, "restore", err, c.want)
			if !strings.Contains(data.ErrorMessage(err), "备份.db") {
				t.Errorf("the refusal does not name the file: %v", err)
			}
			if fileHash(t, good) != want {
				t.Error("restore was refused, yet the data file changed")
			}
			within(t, "the check at start", func() { err = CheckFile(ctx, crafted) })
			wantRefused(t, "check at start", err, c.want)
			var opened *DB
			within(t, "opening", func() { opened, err = Open(crafted) })
			if err == nil {
				opened.Close()
			}
			wantRefused(t, "open", err, c.want)
			if fileHash(t, crafted) != craftedHash {
				t.Error("the refused file was changed by opening it")
			}
		})
	}
	if _, err := os.Stat(good); err != nil {
		t.Fatal(err)
	}
}

// The expected schema is the migrations' own: a file this program wrote, of every version, passes.
func TestSchemaVerifierAcceptsOurFiles(t *testing.T) {
	want, err := expectedSchemas(ctx, ourMigrations, -1)
	if err != nil || len(want) != latestVersion()+1 {
		t.Fatalf("%d schemas: %v", len(want), err)
	}
	db := openTemp(t)
	if v, err := verifySchema(ctx, db.db, "main", ourMigrations, "x.db"); err != nil || v != latestVersion() {
		t.Errorf("a new file: version %d, %v", v, err)
	}
}

// Every connection of the store runs with trusted_schema off (issue 16): a file's views, triggers
// and CHECK rules cannot call functions with side effects.
func TestUntrustedSchema(t *testing.T) {
	db := openTemp(t)
	var on int
	if err := db.db.QueryRowContext(ctx, `PRAGMA trusted_schema`).Scan(&on); err != nil || on != 0 {
		t.Errorf("trusted_schema = %d (%v), want 0", on, err)
	}
}

// A check of a file from outside that takes longer than outsideReadLimit is cut short and refused,
// naming the file, with nothing changed (issue 16: bounded work).
func TestOutsideChecksAreBounded(t *testing.T) {
	dir := t.TempDir()
	good := exportAt(t, branchFile(t, dir, "综采一队党支部", "ZC01", 1, 8, 1), dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	db := demoFile(t, 10)
	file := db.Path()
	db.Close()
	target := openTemp(t)
	before := fingerprint(t, target)
	want := fileHash(t, file)

	defer func(limit time.Duration) { outsideReadLimit = limit }(outsideReadLimit)
	outsideReadLimit = time.Nanosecond
	_, err := target.Consolidate(ctx, good)
	wantRefused(t, "consolidate", err, "超过了")
	if fingerprint(t, target) != before {
		t.Error("the package was refused, yet the target changed")
	}
	wantRefused(t, "check", CheckFile(ctx, file), "超过了")
	_, err = Restore(filepath.Join(dir, "台账.db"), file)
	wantRefused(t, "restore", err, "超过了")
	if _, err := Open(file); !strings.Contains(data.ErrorMessage(err), "超过了") {
		t.Errorf("open: %v", err)
	}
	if fileHash(t, file) != want {
		t.Error("the file changed")
	}
}

// The copy of a package's rows runs under a deadline too (issue 16: bounded work): a copy cut short
// is refused naming the package and leaves nothing of it; the batch's other packages, before and
// after it, go in.
func TestConsolidateCopyIsBounded(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	var pkgs []string
	for i, code := range []string{"ZC01", "JJ02", "JD03"} {
		pkgs = append(pkgs, exportAt(t, branchFile(t, dir, fmt.Sprintf("第%d党支部", i+1), code, int64(i+1), 8, 2), dir, at))
	}
	slow := filepath.Base(pkgs[1])
	defer func(limit func(string) time.Duration) { packageCopyLimit = limit }(packageCopyLimit)
	packageCopyLimit = func(file string) time.Duration {
		if file == slow {
			return time.Nanosecond
		}
		return outsideReadLimit
	}

	alone := openTemp(t)
	before := fingerprint(t, alone)
	_, err := alone.Consolidate(ctx, pkgs[1])
	wantRefused(t, "consolidate", err, "汇总「"+slow+"」超过了")
	if fingerprint(t, alone) != before {
		t.Error("the copy was cut short, yet the target changed")
	}

	target := openTemp(t)
	var got []int
	err = target.ConsolidateAll(ctx, pkgs, func(i int, res data.ConsolidateResult, err error) {
		got = append(got, i)
		if i == 1 {
			wantRefused(t, res.File, err, "汇总「"+slow+"」超过了")
		} else if err != nil {
			t.Errorf("%s: %v", res.File, err)
		}
	})
	if err != nil || !slices.Equal(got, []int{0, 1, 2}) {
		t.Fatalf("%v, results reported for %v", err, got)
	}
	bs, err := target.Branches(ctx)
	var codes []string
	for _, b := range bs {
		codes = append(codes, b.Code)
	}
	if err != nil || !slices.Equal(codes, []string{"JD03", "ZC01"}) {
		t.Errorf("branches %v (%v), want JD03 and ZC01", codes, err)
	}
	var members int
	target.db.QueryRow(`SELECT count(*) FROM member`).Scan(&members)
	if want := bs[0].Counts[data.CountMembers] + bs[1].Counts[data.CountMembers]; members != want {
		t.Errorf("%d members, want %d: the cut-short package left rows", members, want)
	}
	if problems, err := target.Verify(ctx, data.Today()); err != nil || len(problems) != 0 {
		t.Errorf("Verify: %v, %v", problems, err)
	}
}
