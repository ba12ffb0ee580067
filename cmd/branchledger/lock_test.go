package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// A second lock on the same data file fails with the Chinese message, in this process and in
// another one, until the first is released; another data file is not affected.
func TestLockDataFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	first, err := sqlite.LockDataFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.LockDataFile(path); data.ErrorCode(err) != data.EConflict || !strings.Contains(data.ErrorMessage(err), "该数据文件已在另一个支部台账窗口中打开") {
		t.Fatalf("second lock in the same process: %v", err)
	}
	other, err := sqlite.LockDataFile(filepath.Join(dir, "other.db"))
	if err != nil {
		t.Fatalf("another data file: %v", err)
	}
	other.Release()

	// The CLI's demo is refused with exit code 1 and writes nothing.
	code, _, stderr := run(t, "demo", "--db", path, "--members", "5")
	if code != 1 || !strings.Contains(stderr, "该数据文件已在另一个支部台账窗口中打开") {
		t.Fatalf("demo under the lock: %d %s", code, stderr)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatal("demo created the data file under the lock")
	}
	// Another process sees the lock too.
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BRANCHLEDGER_LOCK_CHILD="+path)
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "locked") {
		t.Fatalf("child process: %v %s", err, out)
	}

	first.Release()
	again, err := sqlite.LockDataFile(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again.Release()
	if code, _, stderr := run(t, "demo", "--db", path, "--members", "5"); code != 0 {
		t.Fatalf("demo after release: %d %s", code, stderr)
	}
}

// TestLockChild tries the lock of the file named by BRANCHLEDGER_LOCK_CHILD from a second process
// and prints "locked" when it is held.
func TestLockChild(t *testing.T) {
	path := os.Getenv("BRANCHLEDGER_LOCK_CHILD")
	if path == "" {
		t.Skip("the child process of TestLockDataFile")
	}
	if _, err := sqlite.LockDataFile(path); data.ErrorCode(err) == data.EConflict {
		os.Stdout.WriteString("locked\n")
		return
	}
	t.Fatal("the lock was free in the child")
}

// backup writes a restorable copy; restore puts it back and keeps the replaced file; both refuse
// bad input with exit code 1; restore is refused while the file is locked.
func TestBackupRestoreCLI(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	if code, _, stderr := run(t, "demo", "--db", path, "--members", "8"); code != 0 {
		t.Fatal(stderr)
	}
	want := len(members(t, path))
	out := filepath.Join(dir, "备份", "手动.db")
	if code, stdout, stderr := run(t, "backup", "--db", path, "--out", out); code != 0 || !strings.Contains(stdout, "备份到") {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	if err := sqlite.IsBackup(out); err != nil {
		t.Fatal(err)
	}
	// A change after the backup, then restore.
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := db.Branch(t.Context())
	name := b.Name
	b.Name = "备份后改名党支部"
	if err := db.SaveBranch(t.Context(), &b); err != nil {
		t.Fatal(err)
	}
	db.Close()
	lock, err := sqlite.LockDataFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "restore", "--db", path, "--from", out); code != 1 || !strings.Contains(stderr, "另一个支部台账窗口") {
		t.Fatalf("restore under the lock: %d %s", code, stderr)
	}
	lock.Release()
	code, stdout, stderr := run(t, "restore", "--db", path, "--from", out)
	if code != 0 || !strings.Contains(stdout, "恢复前的数据文件已保存为") {
		t.Fatalf("restore: %d %s %s", code, stdout, stderr)
	}
	if n := len(members(t, path)); n != want {
		t.Fatalf("after restore: %d members, want %d", n, want)
	}
	db, err = sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := db.Branch(t.Context()); b.Name != name {
		t.Errorf("branch after restore: %s, want %s", b.Name, name)
	}
	db.Close()

	notes := filepath.Join(dir, "笔记.txt")
	os.WriteFile(notes, []byte("重要的笔记"), 0o644)
	tests := []struct {
		argv []string
		msg  string
	}{
		{[]string{"backup", "--db", path}, "--out"},
		{[]string{"backup", "--db", path, "--out", notes}, "不是支部台账的备份"},
		{[]string{"backup", "--db", path, "--out", path}, "数据文件本身"},
		{[]string{"backup", "--db", filepath.Join(dir, "没有.db"), "--out", filepath.Join(dir, "b.db")}, "不存在"},
		{[]string{"restore", "--db", path}, "--from"},
		{[]string{"restore", "--db", path, "--from", notes}, "不是支部台账的数据文件"},
	}
	for _, tc := range tests {
		code, _, stderr := run(t, tc.argv...)
		if code != 1 || !strings.Contains(stderr, tc.msg) {
			t.Errorf("%v: %d %s", tc.argv, code, stderr)
		}
	}
	if b, _ := os.ReadFile(notes); string(b) != "重要的笔记" {
		t.Error("the notes were overwritten")
	}
}

// On a new PC the data folder does not exist yet: the first start (here the CLI's demo, which
// takes the lock like the window does) creates it instead of failing on the lock file.
func TestFirstStartCreatesDataFolder(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "new", "home"))
	if code, _, stderr := run(t, "demo", "--members", "3"); code != 0 {
		t.Fatalf("demo into a missing default folder: %d %s", code, stderr)
	}
	p, _ := sqlite.DefaultDataFile()
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("data file not created: %v", err)
	}
	if code, _, stderr := run(t, "demo", "--db", filepath.Join(t.TempDir(), "a", "b", "x.db"), "--members", "3"); code != 0 {
		t.Fatalf("demo into a missing --db folder: %d %s", code, stderr)
	}
}

// The reading commands work beside an open window: they read the file without the lock, read-only.
func TestReadingCommandsBesideTheWindow(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledger.db")
	if code, _, stderr := run(t, "demo", "--db", path, "--members", "5"); code != 0 {
		t.Fatal(stderr)
	}
	window, err := sqlite.LockDataFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer window.Release()
	if code, _, stderr := run(t, "export", "members", "--db", path, "--out", filepath.Join(dir, "r1.xlsx")); code != 0 {
		t.Fatalf("export beside the window: %d %s", code, stderr)
	}
	if code, out, stderr := run(t, "check", "--db", path); code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check beside the window: %d %s %s", code, out, stderr)
	}
	if code, _, stderr := run(t, "backup", "--db", path, "--out", filepath.Join(dir, "b.db")); code != 0 {
		t.Fatalf("backup beside the window: %d %s", code, stderr)
	}
}
