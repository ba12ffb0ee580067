//go:build !windows

package gui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/lang"

	"branchledger/data/sqlite"
)

// TestNewDataFile: 新建数据文件 starts a window on a new file in the folder chosen and refuses a
// name that exists; 打开 does not open this window's own file, a backup, or a file open elsewhere.
// (Fyne's save dialog: the Windows build uses the system's.)
func TestNewDataFile(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := useFolder(t, env)
	var started []string
	startWindow = func(path string) error { started = append(started, path); return nil }
	t.Cleanup(func() { startWindow = startProgram })

	askNewDataFile(env)
	tapDialogButton(t, env.Win, "保存")
	want := filepath.Join(dir, "新数据文件.db")
	if len(started) != 1 || started[0] != want {
		t.Fatalf("started %v, want %s", started, want)
	}
	checkSays(t, "the dialog", dialogTexts(env.Win), []string{"正在新窗口中打开", want}, nil)
	tapDialogButton(t, env.Win, lang.L("OK"))

	if err := os.WriteFile(want, []byte("已有的文件"), 0o644); err != nil {
		t.Fatal(err)
	}
	askNewDataFile(env)
	tapDialogButton(t, env.Win, "保存")
	checkSays(t, "the save dialog", dialogTexts(env.Win), []string{"“新数据文件.db”已经存在", "打开其他数据文件"}, []string{"替换"})
	tapDialogButton(t, env.Win, "取消")
	if b, err := os.ReadFile(want); err != nil || string(b) != "已有的文件" || len(started) != 1 {
		t.Errorf("the existing file: %q %v; started %v", b, err, started)
	}

	refused := func(path, says string) {
		t.Helper()
		openDataFile(env, path)
		checkSays(t, "opening "+path, dialogTexts(env.Win), []string{says}, nil)
		if len(started) != 1 {
			t.Errorf("%s was opened: %v", path, started)
		}
		tapDialogButton(t, env.Win, lang.L("OK"))
	}
	env.DataFile = want
	refused(filepath.Join(dir, ".", "新数据文件.db"), "这就是当前窗口打开的数据文件")
	refused(filepath.Join(dir, sqlite.BackupFolder, "ledger-2026-11-01-0900.db"), "是备份文件")
	other := filepath.Join(dir, "另一个.db")
	lock, err := sqlite.LockDataFile(other)
	if err != nil {
		t.Fatal(err)
	}
	refused(other, "已在另一个支部台账窗口中打开")
	lock.Release()
	openDataFile(env, other)
	if len(started) != 2 || started[1] != other {
		t.Errorf("started %v, want %s last", started, other)
	}
	tapDialogButton(t, env.Win, lang.L("OK"))

	// The dialog starts beside this window's data file, not in the last folder used.
	env.DataFile = filepath.Join(t.TempDir(), "ledger.db")
	askNewDataFile(env)
	checkSays(t, "the save dialog", dialogTexts(env.Win), []string{filepath.Dir(env.DataFile)}, []string{dir})
	tapDialogButton(t, env.Win, "取消")
}
