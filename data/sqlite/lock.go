package sqlite

import (
	"context"
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

// OpenOptions say how OpenLocked treats a data file.
type OpenOptions struct {
	// MustExist refuses a missing file instead of creating an empty ledger: a typo in a path must
	// not look like an empty ledger.
	MustExist bool
	// BesideLock opens the file read-only when another program holds its lock, for reading: that
	// program has brought the file up to date already. Without it, a held lock is refused.
	BesideLock bool
}

// OpenLocked takes the data file's lock, checks the file and opens it; release closes it and gives
// up the lock. A damaged file is never opened for writing: the error wraps data.ErrDamaged (EInvalid),
// so the caller can offer a way out.
func OpenLocked(ctx context.Context, path string, o OpenOptions) (db *DB, release func(), err error) {
	if o.MustExist {
		// Checked before the lock, which would create a lock file (and folder).
		if _, err := os.Stat(path); err != nil {
			return nil, nil, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」不存在，请检查路径", path))
		}
	}
	lock, err := LockDataFile(path)
	if o.BesideLock && data.ErrorCode(err) == data.EConflict {
		if db, err = OpenReadOnly(path); err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if db, err = openChecked(ctx, path); err != nil {
		lock.Release()
		return nil, nil, err
	}
	return db, func() { db.Close(); lock.Release() }, nil
}
