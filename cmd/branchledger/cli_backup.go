package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// dataPath is the data file of a command: --db, else the default one.
func dataPath(a args) (string, error) {
	if p := a.get("db"); p != "" {
		return filepath.Abs(p)
	}
	return sqlite.DefaultDataFile()
}

// openForWrite opens the data file of a command that writes (demo, import, consolidate): under its
// lock, so that a command never writes under an open window.
func (c *cli) openForWrite(a args, mustExist bool) (*sqlite.DB, func(), error) {
	return c.openFile(a, sqlite.OpenOptions{MustExist: mustExist})
}

// openForRead opens the data file of a command that only reads (export, check, backup, package):
// under its lock, since opening may migrate an older file; beside a window that holds the lock, it
// reads the file read-only (that window has brought it up to date).
func (c *cli) openForRead(a args) (*sqlite.DB, func(), error) {
	return c.openFile(a, sqlite.OpenOptions{MustExist: true, BesideLock: true})
}

// openFile opens --db (else the default data file). A damaged file is bad input with a way out,
// not an internal error: the newest good backup and the command that restores it are named.
func (c *cli) openFile(a args, o sqlite.OpenOptions) (*sqlite.DB, func(), error) {
	path, err := dataPath(a)
	if err != nil {
		return nil, nil, err
	}
	db, release, err := sqlite.OpenLocked(c.ctx, path, o)
	if !errors.Is(err, data.ErrDamaged) {
		return db, release, err
	}
	msg := data.ErrorMessage(err)
	if b, berr := sqlite.NewestGoodBackup(path); berr == nil {
		msg += fmt.Sprintf("。可以用最近的完好备份（%s）恢复：branchledger restore --db \"%s\" --from \"%s\"",
			b.Time.Format("2006-01-02 15:04"), path, b.Path)
	} else {
		msg += "。没有找到完好的备份：请先复制一份该文件交技术人员处理，不要继续往里写数据"
	}
	return nil, nil, data.Errorf(data.EInvalid, msg)
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
	if err := db.BackupTo(c.ctx, out); err != nil {
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
