package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"branchledger/data"
)

// One program at a time per data file (SPEC §8): while it runs, the program holds an OS lock on a
// file beside the data file (<data file>.lock). The OS drops the lock when the process ends, however
// it ends, so a crash never leaves the data file locked. The lock file itself stays; it is empty.

// FileLock is a held lock; Release gives it up.
type FileLock struct{ f *os.File }

// errLocked is what lockFile returns when another process holds the lock.
var errLocked = errors.New("locked")

// LockDataFile takes the lock of dataFile, failing at once with a Chinese EConflict message when
// another 支部台账 (window or command) has the file open.
func LockDataFile(dataFile string) (*FileLock, error) {
	path := dataFile + ".lock"
	// On a new PC the data folder (%APPDATA%\支部台账) does not exist yet: the lock comes first.
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("无法创建数据文件夹「%s」：%v。请检查磁盘空间和访问权限，或换一个位置", filepath.Dir(path), err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("无法在数据文件旁建立锁文件「%s」（%v）。请检查文件夹的写入权限，或把数据文件放到可写的文件夹", path, err))
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, data.Errorf(data.EConflict, fmt.Sprintf("该数据文件已在另一个支部台账窗口中打开（或正被命令行使用）：%s\n请切换到那个窗口，或关闭它后再试。", dataFile))
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &FileLock{f}, nil
}

// Release unlocks (closing the file releases the OS lock).
func (l *FileLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
