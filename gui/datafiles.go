package gui

// Other data files: a committee keeps its 汇总库 in a file of its own, and a secretary may keep the
// ledgers of another branch. Each file opens in a window of its own process, so that each keeps
// its lock (SPEC §8: one instance per data file; a second start on the same file says so).

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// startWindow starts the program on the data file at path, in a new window (startProgram; tests
// replace it); a missing file is created there as a new, empty data file.
var startWindow = startProgram

// startProgram runs this program again with --db path.
func startProgram(path string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "--db", path)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reaped when it ends; its window is its own
	return nil
}

// askOpenDataFile opens another existing data file in a new window.
func askOpenDataFile(env *Env) {
	askOpenFileIn(env, dataFolder(env), "打开其他数据文件", []string{sqlite.DataFileExt}, func(path string) { openDataFile(env, path) })
}

// askNewDataFile makes a new data file (a 汇总库, or another branch's ledgers) and opens it in a
// new window; an existing file is refused, never replaced.
func askNewDataFile(env *Env) {
	askNewFile(env, dataFolder(env), "新建数据文件", "新数据文件"+sqlite.DataFileExt, sqlite.DataFileExt,
		"要打开它，请用“文件 → 打开其他数据文件”；要新建，请换一个文件名。", func(path string) { openDataFile(env, path) })
}

// dataFolder is the folder of this window's data file, where its neighbours are looked for and
// made first ("" when unknown): not the last folder used, often a USB stick of exports.
func dataFolder(env *Env) string {
	if dir := filepath.Dir(env.DataFile); env.DataFile != "" && isDir(dir) {
		return dir
	}
	return ""
}

// openDataFile opens the data file at path in a new window, unless it is this window's, a backup,
// or open in another window already.
func openDataFile(env *Env, path string) {
	if sameFilePath(path, env.DataFile) {
		dialog.ShowInformation("打开数据文件", "这就是当前窗口打开的数据文件。", env.Win)
		return
	}
	if err := sqlite.RefuseBackup(path); err != nil {
		ShowError(env.Win, err)
		return
	}
	// Said here, not by a second window that would only say it and close. Only a probe: the new
	// window takes the lock itself (and the .lock file it leaves is the one that window uses).
	lock, err := sqlite.LockDataFile(path)
	if err != nil {
		ShowError(env.Win, err)
		return
	}
	lock.Release()
	if err := startWindow(path); err != nil {
		ShowError(env.Win, data.Errorf(data.EInternal, fmt.Sprintf("无法在新窗口中打开「%s」：%v", path, err)))
		return
	}
	dialog.ShowInformation("打开数据文件", fmt.Sprintf("正在新窗口中打开「%s」。\n两个窗口可以同时使用，各自保存各自的数据文件。", path), env.Win)
}
