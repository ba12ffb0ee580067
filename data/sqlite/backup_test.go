package sqlite

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/internal/benchkit"
)

// demoFile is a data file in a test folder filled with the demo data set: a branch, groups, teams,
// members, a year of inspections and findings in every state with their history, and option lists.
func demoFile(t testing.TB, members int) *DB {
	t.Helper()
	db := openTemp(t)
	if err := demo.Load(ctx, db, demo.GenerateMonths(7, members, 6, data.NewDate(2026, 11, 23))); err != nil {
		t.Fatal(err)
	}
	if err := db.SetOptions(ctx, data.ListFindingCategories, []string{"安全生产", "食品卫生", "自定义类别"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// dump is every row of every table of the file, each table's rows as sorted text, so that two
// files can be compared whatever their row order.
func dump(t testing.TB, db *sql.DB) map[string][]string {
	t.Helper()
	return dumpTables(t, db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
		func(vals []any) string { return fmt.Sprintf("%q", vals) })
}

// dumpTables is every row of every table that tablesQuery names, each row as format writes it,
// sorted: the contents of a file, to compare before and after.
func dumpTables(t testing.TB, db *sql.DB, tablesQuery string, format func([]any) string) map[string][]string {
	t.Helper()
	rows, err := db.Query(tablesQuery)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	out := map[string][]string{}
	for _, tb := range tables {
		rs, err := db.Query(`SELECT * FROM ` + quote(tb))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		var lines []string
		for rs.Next() {
			vals, err := scanValues(rs, len(cols))
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, format(vals))
		}
		rs.Close()
		slices.Sort(lines)
		out[tb] = lines
	}
	return out
}

func dumpFile(t testing.TB, path string) map[string][]string {
	t.Helper()
	db, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return dump(t, db.db)
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// A backup holds every record of every kind; restoring it brings them all back, and the file it
// replaced is kept with the changes made after the backup.
func TestBackupRestoreRoundTrip(t *testing.T) {
	db := demoFile(t, 40)
	before := dump(t, db.db)
	for _, tb := range []string{"branch", "party_group", "team", "member", "inspection", "inspector", "finding", "finding_history", "option_list"} {
		if len(before[tb]) == 0 {
			t.Fatalf("the test file has no rows in %s", tb)
		}
	}
	dst := filepath.Join(t.TempDir(), "某支部-台账备份-20261123.db")
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	if err := IsBackup(dst); err != nil {
		t.Fatalf("IsBackup(backup): %v", err)
	}
	// Saved after the backup: gone after the restore, kept in the replaced file.
	late := mustCreate(t, db, newMember("备份后新增", 901))
	path := db.Path()
	db.Close()

	savedAs, err := Restore(path, dst)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(filepath.Base(savedAs), beforeRestore) || filepath.Dir(savedAs) != BackupDir(path) {
		t.Errorf("savedAs = %s", savedAs)
	}
	for _, stale := range []string{path + "-wal", path + "-shm", savedAs + "-wal"} {
		if fileExists(stale) {
			t.Errorf("%s left behind", stale)
		}
	}
	after := dumpFile(t, path)
	// The restore itself is the one new entry of the operation log.
	if n := len(after["op_log"]); n != len(before["op_log"])+1 || !strings.Contains(fmt.Sprint(after["op_log"][n-1]), "用备份") {
		t.Errorf("operation log after the restore: %d entries (before %d), last %v", n, len(before["op_log"]), after["op_log"][n-1])
	}
	after["op_log"] = after["op_log"][:len(before["op_log"])]
	for tb, rows := range before {
		if !slices.Equal(rows, after[tb]) {
			t.Errorf("table %s: %d rows before the backup, %d after the restore, or they differ", tb, len(rows), len(after[tb]))
		}
	}
	old, err := OpenReadOnly(savedAs)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if m, err := old.Member(ctx, late.ID); err != nil || m.Name != "备份后新增" {
		t.Errorf("the replaced file lost the late save: %+v %v", m, err)
	}
	// The restored file opens for writing again.
	re, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	mustCreate(t, re, newMember("恢复后新增", 902))
	list, err := ListBackups(path)
	if err != nil || len(list) != 1 || !list[0].BeforeRestore || list[0].Path != savedAs || list[0].Size == 0 {
		t.Errorf("ListBackups = %+v, %v", list, err)
	}
}

// Files that are not backups of this program are refused, and nothing changes.
func TestRestoreRefuses(t *testing.T) {
	dir := t.TempDir()
	random := filepath.Join(dir, "随机.db")
	noise := make([]byte, 8192)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	os.WriteFile(random, noise, 0o644)

	foreign := filepath.Join(dir, "别的程序.db")
	fdb, err := sql.Open("sqlite3", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')`); err != nil {
		t.Fatal(err)
	}
	fdb.Close()

	newer := filepath.Join(dir, "新版本.db")
	ndb, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	ndb.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, latestVersion()+1))
	ndb.Close()

	empty := filepath.Join(dir, "空文件.db")
	os.WriteFile(empty, nil, 0o644)
	blank := filepath.Join(dir, "空库.db") // an SQLite file with nothing in it
	bdb, _ := sql.Open("sqlite3", blank)
	bdb.Exec(`PRAGMA user_version = 0; VACUUM`)
	bdb.Close()

	db := demoFile(t, 10)
	path := db.Path()
	db.Close()
	want := fileHash(t, path)

	tests := []struct {
		name, file, msg string
	}{
		{"random bytes", random, "不是支部台账的数据文件"},
		{"another program's SQLite file", foreign, "不是支部台账的数据文件"},
		{"a newer version", newer, "更新版本"},
		{"an empty file", empty, "不是支部台账的数据文件"},
		{"an empty SQLite file", blank, "不是支部台账的数据文件"},
		{"a missing file", filepath.Join(dir, "没有.db"), "不存在"},
		{"the data file itself", path, "数据文件本身"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sum := [32]byte{}
			if fileExists(tc.file) {
				sum = fileHash(t, tc.file)
			}
			if tc.file != path {
				if err := IsBackup(tc.file); err == nil || !strings.Contains(data.ErrorMessage(err), tc.msg) {
					t.Errorf("IsBackup = %v, want a message with %q", err, tc.msg)
				}
			}
			savedAs, err := Restore(path, tc.file)
			if err == nil || savedAs != "" || !strings.Contains(data.ErrorMessage(err), tc.msg) {
				t.Errorf("Restore = %q, %v; want a message with %q", savedAs, err, tc.msg)
			}
			if fileHash(t, path) != want {
				t.Error("the data file changed")
			}
			if fileExists(tc.file) && fileHash(t, tc.file) != sum {
				t.Error("the refused file changed")
			}
			if fileExists(BackupDir(path)) {
				t.Error("a backup folder was made")
			}
		})
	}
}

// corrupt overwrites a few pages in the middle of a closed data file with noise.
func corrupt(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 16*4096 {
		t.Fatalf("%s is too small (%d bytes) to damage in the middle", path, len(b))
	}
	mid := len(b) / 2 / 4096 * 4096
	rand.NewChaCha8([32]byte{2}).Read(b[mid : mid+3*4096])
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A file damaged in the middle fails the check at start; the newest backup that passes it is
// found (skipping a damaged newer one); the damaged file still opens read-only, refusing saves.
func TestDamagedFile(t *testing.T) {
	db := demoFile(t, 300)
	path := db.Path()
	fixClock(db, time.Date(2026, 11, 20, 9, 10, 0, 0, time.Local))
	good, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fixClock(db, time.Date(2026, 11, 22, 9, 10, 0, 0, time.Local))
	bad, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := CheckFile(ctx, path); err != nil {
		t.Fatalf("sound file: %v", err)
	}
	corrupt(t, bad)
	corrupt(t, path)

	err = CheckFile(ctx, path)
	if !errors.Is(err, data.ErrDamaged) || !strings.Contains(data.ErrorMessage(err), "已损坏") {
		t.Fatalf("CheckFile(damaged) = %v", err)
	}
	if err := IsBackup(bad); !errors.Is(err, data.ErrDamaged) {
		t.Errorf("IsBackup(damaged backup) = %v", err)
	}
	newest, err := NewestGoodBackup(path)
	if err != nil || newest.Path != good {
		t.Fatalf("NewestGoodBackup = %+v, %v; want %s", newest, err, good)
	}

	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.Branch(ctx); err != nil {
		t.Errorf("reading the branch of the damaged file: %v", err)
	}
	m := newMember("只读", 5)
	if err := ro.CreateMember(ctx, &m); err == nil || !strings.Contains(data.ErrorMessage(err), "只读") {
		t.Errorf("a save in read-only mode: %v", err)
	}
	if _, err := ro.DailyBackup(ctx); err != nil {
		t.Error(err)
	}
	ro.Close()

	if _, err := Restore(path, newest.Path); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(ctx, path); err != nil {
		t.Errorf("after restoring: %v", err)
	}
}

// The daily backup is made once a day and the newest 30 are kept; other files in the folder and the
// copies kept by restores stay.
func TestDailyBackupRotation(t *testing.T) {
	db := openTemp(t)
	mustCreate(t, db, newMember("张三", 3))
	dir := BackupDir(db.Path())
	os.MkdirAll(dir, 0o755)
	mine := []string{filepath.Join(dir, "笔记.db"), filepath.Join(dir, "ledger-恢复前-2026-01-01-0800.db"), filepath.Join(dir, "other-2026-01-01-0800.db")}
	for _, f := range mine {
		os.WriteFile(f, []byte("x"), 0o644)
	}
	start := time.Date(2026, 1, 1, 9, 10, 0, 0, time.Local)
	const days = 35
	for d := range days {
		fixClock(db, start.AddDate(0, 0, d))
		made, err := db.DailyBackup(ctx)
		if err != nil || made == "" {
			t.Fatalf("day %d: %q %v", d, made, err)
		}
		fixClock(db, start.AddDate(0, 0, d).Add(5*time.Hour))
		if again, err := db.DailyBackup(ctx); again != "" || err != nil {
			t.Fatalf("day %d, second start: %q %v", d, again, err)
		}
	}
	list, err := ListBackups(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	var auto []time.Time
	for _, b := range list {
		if !b.BeforeRestore {
			auto = append(auto, b.Time)
		}
	}
	if len(auto) != KeepBackups || !auto[0].Equal(start.AddDate(0, 0, days-1)) || !auto[KeepBackups-1].Equal(start.AddDate(0, 0, days-KeepBackups)) {
		t.Errorf("kept %d automatic backups: %v", len(auto), auto)
	}
	for _, f := range mine {
		if !fileExists(f) {
			t.Errorf("%s was deleted", f)
		}
	}
	if want := "ledger-2026-02-04-0910.db"; filepath.Base(list[0].Path) != want {
		t.Errorf("newest = %s, want %s", list[0].Path, want)
	}
	if list[0].Manual {
		t.Error("the daily backup is listed as made by hand")
	}
	// A backup the user asks for (立即备份) is listed as made by hand, newest first.
	fixClock(db, start.AddDate(0, 0, days-1).Add(time.Minute))
	p, err := db.BackupNow(ctx)
	if err != nil || filepath.Base(p) != "ledger-手动-2026-02-04-0911.db" {
		t.Errorf("BackupNow = %s, %v", p, err)
	}
	if list, _ := ListBackups(db.Path()); list[0].Path != p || !list[0].Manual || list[0].BeforeRestore {
		t.Errorf("newest after 立即备份: %+v", list[0])
	}
	// A second backup in the same minute gets its own name.
	p2, err := db.BackupNow(ctx)
	if err != nil || filepath.Base(p2) != "ledger-手动-2026-02-04-0911-2.db" {
		t.Errorf("second BackupNow = %s, %v", p2, err)
	}
}

// crashChildEnv names the data file a re-executed test binary writes to until it is killed.
const crashChildEnv = "BRANCHLEDGER_CRASH_CHILD"

// TestCrashChild is the child of TestCrashSafety: it saves members and findings in a loop and
// prints "member N" / "finding N" after each committed save. Without the variable it does nothing.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("the child process of TestCrashSafety")
	}
	db, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	fmt.Println("ready") // the parent kills at a random moment after this
	base := 0
	if ms, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true}); err == nil {
		base = len(ms)
	}
	for i := base; ; i++ {
		m := newMember(fmt.Sprintf("崩溃%05d", i), 0)
		m.IDNumber = idNumber(data.NewDate(1970, 1, 1).AddDays(i/1000), i%1000)
		if err := db.CreateMember(ctx, &m); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("member", m.ID)
		f := handFinding(fmt.Sprintf("崩溃测试问题%05d", i), 2, 9)
		f.MemberID = m.ID
		if err := db.CreateFinding(ctx, &f); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("finding", f.ID)
	}
}

// execSelf is the test binary run again for the one test named, with env added.
func execSelf(t *testing.T, test string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// A process killed at random moments while saving leaves a sound file that holds every save it
// reported as committed.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	path := filepath.Join(t.TempDir(), "ledger.db")
	rnd := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	members, findings := map[int64]bool{}, map[int64]bool{}
	const trials = 12
	for trial := range trials {
		var out bytes.Buffer
		cmd := execSelf(t, "TestCrashChild", crashChildEnv+"="+path)
		pipe, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The child takes a while to start (more under the race detector); once it has opened the
		// file and says so, kill it at a random moment while it saves.
		ready, copied := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(copied)
			sc := bufio.NewScanner(pipe)
			for sc.Scan() {
				if sc.Text() == "ready" {
					close(ready)
					continue
				}
				out.WriteString(sc.Text() + "\n")
			}
		}()
		select {
		case <-ready:
		case <-time.After(60 * time.Second):
			t.Fatalf("trial %d: the child did not start", trial)
		}
		time.Sleep(time.Duration(5+rnd.IntN(100)) * time.Millisecond)
		cmd.Process.Kill()
		<-copied
		cmd.Wait()
		for _, line := range strings.Split(out.String(), "\n") {
			var kind string
			var id int64
			if _, err := fmt.Sscan(line, &kind, &id); err != nil {
				continue
			}
			switch kind {
			case "member":
				members[id] = true
			case "finding":
				findings[id] = true
			default:
				t.Fatalf("trial %d: child says %s", trial, line)
			}
		}
		if err := CheckFile(ctx, path); err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
	}
	if len(members) == 0 {
		t.Fatal("the child committed nothing")
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if problems, err := db.Verify(ctx, data.NewDate(2026, 11, 23)); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
	for id := range members {
		if _, err := db.Member(ctx, id); err != nil {
			t.Errorf("committed member %d: %v", id, err)
		}
	}
	for id := range findings {
		if _, err := db.Finding(ctx, id); err != nil {
			t.Errorf("committed finding %d: %v", id, err)
		}
	}
	t.Logf("%d trials, %d members and %d findings committed", trials, len(members), len(findings))
}

const budgetBenchmarkDailyBackup = 2 * time.Second

// BenchmarkDailyBackup is the backup at start of a file with 10,000 members and 100,000 findings
// (target < 2 s).
func BenchmarkDailyBackup(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkDailyBackup, 0)
	db := openTemp(b)
	if _, err := db.ImportMembers(ctx, manyMembers(10000), data.ImportAdd, nil); err != nil {
		b.Fatal(err)
	}
	manyFindings(b, db, 100000)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := db.Backup(ctx, filepath.Join(dir, fmt.Sprintf("b%d.db", i))); err != nil {
			b.Fatal(err)
		}
	}
}

// RestoreAndOpen opens the restored file; when the restore is refused, the old file, unchanged,
// with the reason.
func TestRestoreAndOpen(t *testing.T) {
	db := openTemp(t)
	mustCreate(t, db, newMember("张三", 3))
	dst := filepath.Join(t.TempDir(), "备份.db")
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	late := mustCreate(t, db, newMember("李四", 4))
	path := db.Path()
	db.Close()

	notBackup := filepath.Join(t.TempDir(), "笔记.db")
	os.WriteFile(notBackup, []byte("not a ledger"), 0o644)
	old, savedAs, err := RestoreAndOpen(path, notBackup)
	if err == nil || old == nil || savedAs != "" {
		t.Fatalf("a refused restore: %v, %v, %q", old, err, savedAs)
	}
	if m, err := old.Member(ctx, late.ID); err != nil || m.Name != "李四" {
		t.Errorf("the old file is not the one reopened: %+v %v", m, err)
	}
	old.Close()

	restored, savedAs, err := RestoreAndOpen(path, dst)
	if err != nil || restored == nil || savedAs == "" {
		t.Fatalf("restore: %v, %q", err, savedAs)
	}
	defer restored.Close()
	if _, err := restored.Member(ctx, late.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("the member saved after the backup is still there: %v", err)
	}
}
