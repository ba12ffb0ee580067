package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewDataFile: 新建数据文件 starts a window on a new file in the folder chosen, and leaves a file
// that exists alone; this window's own file is not opened twice.
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
	tapDialogButton(t, env.Win, "OK")

	if err := os.WriteFile(want, []byte("已有的文件"), 0o644); err != nil {
		t.Fatal(err)
	}
	askNewDataFile(env)
	tapDialogButton(t, env.Win, "保存")
	tapDialogButton(t, env.Win, "替换")
	checkSays(t, "the refusal", dialogTexts(env.Win), []string{"已经存在，没有改动它", "打开其他数据文件"}, nil)
	if b, err := os.ReadFile(want); err != nil || string(b) != "已有的文件" || len(started) != 1 {
		t.Errorf("the existing file: %q %v; started %v", b, err, started)
	}

	env.DataFile = want
	openDataFile(env, filepath.Join(dir, ".", "新数据文件.db"))
	if len(started) != 1 || !strings.Contains(dialogTexts(env.Win), "这就是当前窗口打开的数据文件") {
		t.Errorf("this window's file: started %v, dialog %q", started, dialogTexts(env.Win))
	}
}
