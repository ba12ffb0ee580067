package main

import (
	"fmt"
	"os"
	"path/filepath"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// dataPath is the data file of a command: --db, else the default one.
func dataPath(a args) (string, error) {
	if p := a.get("db"); p != "" {
		return filepath.Abs(p)
	}
	return defaultDataFile()
}

// openForWrite is open for the commands that write (demo, import): it takes the data file's lock
// first, so that a command never writes under an open window. close closes the file and unlocks.
func (c *cli) openForWrite(a args, mustExist bool) (db *sqlite.DB, close func(), err error) {
	path, err := dataPath(a)
	if err != nil {
		return nil, nil, err
	}
	lock, err := sqlite.LockDataFile(path)
	if err != nil {
		return nil, nil, err
	}
	if db, err = c.open(a, mustExist); err != nil {
		lock.Release()
		return nil, nil, err
	}
	return db, func() { db.Close(); lock.Release() }, nil
}

// openForRead is open for the commands that only read (export, check, backup, package). Opening
// may migrate an older file, which writes, so it takes the lock like openForWrite; when a window
// holds the lock, that window has brought the file up to date already, and the command reads it
// read-only beside it.
func (c *cli) openForRead(a args) (db *sqlite.DB, close func(), err error) {
	path, err := dataPath(a)
	if err != nil {
		return nil, nil, err
	}
	// Reading needs a file: check before the lock, which would create a lock file (and folder).
	if _, serr := os.Stat(path); serr != nil {
		return nil, nil, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」不存在，请检查 --db 后的路径", path))
	}
	lock, err := sqlite.LockDataFile(path)
	switch {
	case data.ErrorCode(err) == data.EConflict:
		if db, err = sqlite.OpenReadOnly(path); err != nil {
			return nil, nil, err
		}
		return db, func() { db.Close() }, nil
	case err != nil:
		return nil, nil, err
	}
	if db, err = c.open(a, true); err != nil {
		lock.Release()
		return nil, nil, err
	}
	return db, func() { db.Close(); lock.Release() }, nil
}

// backup writes a consistent copy of the data file to --out. An existing file there is replaced
// only when it is a backup itself, so a typo cannot overwrite some other document.
func (c *cli) backup(a args) error {
	out := a.get("out")
	if out == "" || len(a.positional) > 0 {
		return usageErr("请写成：branchledger backup --db 数据文件 --out 备份文件.db")
	}
	db, closeDB, err := c.openForRead(a)
	if err != nil {
		return err
	}
	defer closeDB()
	if sameFile(out, db.Path()) {
		return usageErr("--out 不能是数据文件本身，请换一个备份文件名")
	}
	if fileExists(out) && sqlite.IsBackup(out) != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("「%s」已存在，且不是支部台账的备份；为免覆盖其他文件，请换一个文件名", out))
	}
	if err := db.Backup(c.ctx, out); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已把数据文件「%s」备份到「%s」\n", db.Path(), out)
	return nil
}

// restore replaces the data file with the backup --from, keeping the replaced file in the backup
// folder. It takes the lock: no window may have the file open meanwhile.
func (c *cli) restore(a args) error {
	from := a.get("from")
	if from == "" || len(a.positional) > 0 {
		return usageErr("请写成：branchledger restore --db 数据文件 --from 备份文件.db")
	}
	path, err := dataPath(a)
	if err != nil {
		return err
	}
	lock, err := sqlite.LockDataFile(path)
	if err != nil {
		return err
	}
	defer lock.Release()
	savedAs, err := sqlite.Restore(path, from)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已用「%s」恢复数据文件「%s」\n", from, path)
	if savedAs != "" {
		fmt.Fprintf(c.out, "恢复前的数据文件已保存为「%s」\n", savedAs)
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
