package sqlite

// Backups and restore (SPEC §8). A backup is always written with VACUUM INTO, a consistent copy made
// inside a read transaction, never a raw copy of a file whose -wal may hold the latest saves. It is
// written to a temporary name, flushed to disk and then renamed, so a backup file is either whole
// or absent.
//
// Automatic backups live in the folder 备份 beside the data file, named <stem>-yyyy-mm-dd-hhmm.db
// (ledger-2026-11-23-0910.db); the newest KeepBackups of them are kept. Restore keeps the file it
// replaces there as <stem>-恢复前-yyyy-mm-dd-hhmm.db, which rotation never deletes.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"branchledger/data"
)

const (
	// BackupFolder is the folder beside the data file that holds its backups.
	BackupFolder = "备份"
	// KeepBackups is how many automatic backups are kept.
	KeepBackups = 30
	// beforeRestore marks the copy Restore keeps of the file it replaced; manual a backup the user
	// asked for (立即备份); automatic ones have no mark.
	beforeRestore = "恢复前"
	manual        = "手动"
	nameStamp     = "2006-01-02-1504"
)

// BackupInfo is one backup file of a data file.
type BackupInfo struct {
	Path string
	Time time.Time // when it was made, read from its name (local time)
	Size int64     // bytes
	// BeforeRestore marks the copy that a restore kept of the file it replaced; Manual a backup the
	// user made (立即备份), not the automatic one of the day.
	BeforeRestore, Manual bool
}

// BackupDir is the folder of dataFile's backups.
func BackupDir(dataFile string) string {
	return filepath.Join(filepath.Dir(dataFile), BackupFolder)
}

// RefuseBackup refuses to open path as the data file of a window when it lies in a 备份 folder:
// the changes made in it would be lost when old backups are pruned. A backup is used by restoring.
func RefuseBackup(path string) error {
	if filepath.Base(filepath.Dir(path)) != BackupFolder {
		return nil
	}
	return data.Errorf(data.EInvalid, fmt.Sprintf("「%s」在“%s”文件夹中，是备份文件，不能直接作为数据文件打开："+
		"在它上面做的修改会在清理旧备份时被删除。要用它恢复数据，请到“数据与设置 → 备份与恢复”。", path, BackupFolder))
}

func stem(dataFile string) string {
	base := filepath.Base(dataFile)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// backupPattern matches the names of dataFile's backups: <stem>-[恢复前-|手动-]yyyy-mm-dd-hhmm[-n].db.
func backupPattern(dataFile string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem(dataFile)) + `-(?:(` + beforeRestore + `)-|(` + manual + `)-)?(\d{4}-\d\d-\d\d-\d{4})(?:-(\d+))?\.db$`)
}

// newBackupPath is a path in dataFile's backup folder for a backup made at t that no file has yet.
func newBackupPath(dataFile string, t time.Time, kind string) string {
	name := stem(dataFile) + "-"
	if kind != "" {
		name += kind + "-"
	}
	name += t.Format(nameStamp)
	dir := BackupDir(dataFile)
	p := filepath.Join(dir, name+DataFileExt)
	for i := 2; fileExists(p); i++ {
		p = filepath.Join(dir, name+"-"+strconv.Itoa(i)+DataFileExt)
	}
	return p
}

// ListBackups lists dataFile's backups, newest first (none when the folder does not exist).
func ListBackups(dataFile string) ([]BackupInfo, error) {
	entries, err := os.ReadDir(BackupDir(dataFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("无法读取备份文件夹「%s」：%v", BackupDir(dataFile), err))
	}
	type listed struct {
		BackupInfo
		seq int
	}
	var list []listed
	pat := backupPattern(dataFile)
	for _, e := range entries {
		m := pat.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.ParseInLocation(nameStamp, m[3], time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // deleted meanwhile
		}
		seq, _ := strconv.Atoi(m[4])
		list = append(list, listed{BackupInfo{filepath.Join(BackupDir(dataFile), e.Name()), t, info.Size(), m[1] != "", m[2] != ""}, seq})
	}
	slices.SortFunc(list, func(a, b listed) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return b.seq - a.seq
	})
	out := make([]BackupInfo, len(list))
	for i, l := range list {
		out[i] = l.BackupInfo
	}
	return out, nil
}

// BackupTo is Backup to a place the user named (another folder, a USB stick): it refuses the data
// file itself, and an existing file that is not a backup of this program, so that a typo cannot
// overwrite some other document.
func (db *DB) BackupTo(ctx context.Context, dst string) error {
	if a, err := os.Stat(dst); err == nil {
		if b, err := os.Stat(db.path); err == nil && os.SameFile(a, b) {
			return data.Errorf(data.EInvalid, "备份文件不能是数据文件本身，请换一个备份文件名")
		}
		if IsBackup(dst) != nil {
			return data.Errorf(data.EInvalid, fmt.Sprintf("「%s」已存在，且不是支部台账的备份；为免覆盖其他文件，请换一个文件名", dst))
		}
	}
	return db.Backup(ctx, dst)
}

// Backup writes a consistent copy of the data file to dst, replacing a file there only once the
// copy is complete. Saves may go on meanwhile (WAL): the copy holds what was committed when it began.
func (db *DB) Backup(ctx context.Context, dst string) error {
	return vacuumInto(ctx, db.db, dst)
}

// vacuumInto writes the database of src to dst through a temporary file in dst's folder.
func vacuumInto(ctx context.Context, src *sql.DB, dst string) error {
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return backupError(dst, err)
	}
	// VACUUM INTO accepts an empty file, so CreateTemp reserves a unique name.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return backupError(dst, err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // after a failure; gone already after the rename
	if _, err := src.ExecContext(ctx, `VACUUM INTO ?`, tmp.Name()); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return backupError(dst, err)
	}
	// SQLite does not flush what VACUUM INTO wrote; a power cut must not leave a half backup.
	if err := syncFile(tmp.Name()); err != nil {
		return backupError(dst, err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return backupError(dst, err)
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}

func backupError(dst string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull {
		return data.Errorf(data.EInvalid, fmt.Sprintf("磁盘已满，无法写入备份「%s」，请清理磁盘空间后再试", dst))
	}
	return data.Errorf(data.EInvalid, fmt.Sprintf("无法写入备份「%s」（%v）。请检查磁盘空间和文件夹的写入权限，或换一个位置", dst, err))
}

// BackupNow writes a backup the user asked for (立即备份) into the backup folder and removes
// backups beyond the newest KeepBackups. It returns the backup's path.
func (db *DB) BackupNow(ctx context.Context) (string, error) { return db.backupInFolder(ctx, manual) }

// backupInFolder writes a backup of kind ("" automatic, or manual) into the backup folder and
// removes backups beyond the newest KeepBackups.
func (db *DB) backupInFolder(ctx context.Context, kind string) (string, error) {
	dst := newBackupPath(db.path, db.now(), kind)
	if err := db.Backup(ctx, dst); err != nil {
		return "", err
	}
	return dst, pruneBackups(db.path)
}

// DailyBackup is the backup at start: BackupNow unless a backup was made today already. It returns
// the new backup's path, "" when none was needed. A read-only file is not backed up.
func (db *DB) DailyBackup(ctx context.Context) (string, error) {
	if db.readOnly {
		return "", nil
	}
	list, err := ListBackups(db.path)
	if err != nil {
		return "", err
	}
	y, m, d := db.now().Date()
	for _, b := range list {
		if by, bm, bd := b.Time.Date(); !b.BeforeRestore && by == y && bm == m && bd == d {
			return "", nil
		}
	}
	return db.backupInFolder(ctx, "")
}

// pruneBackups deletes the automatic backups older than the newest KeepBackups; files not named
// as ours and the copies kept by restores stay.
func pruneBackups(dataFile string) error {
	list, err := ListBackups(dataFile)
	if err != nil {
		return err
	}
	kept := 0
	for _, b := range list {
		if b.BeforeRestore {
			continue
		}
		if kept++; kept > KeepBackups {
			if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return data.Errorf(data.EInvalid, fmt.Sprintf("无法删除过期的备份「%s」：%v", b.Path, err))
			}
		}
	}
	return nil
}

// damaged is the error of a damaged file: data.ErrDamaged with the problems SQLite found.
func damaged(path string, problems []string) error {
	const shown = 3
	detail := ""
	if len(problems) > 0 {
		ps := problems[:min(shown, len(problems))]
		detail = "（" + strings.Join(ps, "；")
		if len(problems) > shown {
			detail += fmt.Sprintf("……共 %d 处", len(problems))
		}
		detail += "）"
	}
	return fmt.Errorf("%w: %w", data.ErrDamaged, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」已损坏%s", path, detail)))
}

// quickCheck runs PRAGMA quick_check and returns what it found wrong (nothing: sound).
func quickCheck(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `PRAGMA quick_check(20)`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	return problems, rows.Err()
}

// CheckFile checks the data file at path before it is opened, without writing to it: nil when it
// is sound or does not exist yet; an error wrapping data.ErrDamaged when SQLite finds it damaged; another
// error when it is not a data file of this program or comes from a newer one.
func CheckFile(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	_, err = checkFile(ctx, abs)
	return err
}

// checkFile opens abs read-only and checks it is ours, not newer than this program, sound and of
// exactly our schema for its version (verifySchema); it returns its schema version.
func checkFile(ctx context.Context, abs string) (int, error) {
	return boundedCheck(ctx, filepath.Base(abs), func(ctx context.Context) (int, error) { return checkOpenedRO(ctx, abs) })
}

func checkOpenedRO(ctx context.Context, abs string) (int, error) {
	sdb, err := openRO(abs)
	if err != nil {
		return 0, err
	}
	defer sdb.Close()
	version, err := identifyWith(ctx, sdb, abs)
	if err != nil {
		var se sqlite3.Error
		switch {
		case errors.As(err, &se) && se.Code == sqlite3.ErrNotADB: // a damaged header, or not SQLite at all
			return 0, fmt.Errorf("%w: %w", data.ErrDamaged, notLedgerFile(filepath.Base(abs)))
		case errors.As(err, &se) && se.Code == sqlite3.ErrCorrupt:
			return 0, damaged(abs, nil)
		}
		return 0, openError(abs, err)
	}
	if version > latestVersion() {
		return 0, newerVersion(abs, version)
	}
	problems, err := quickCheck(ctx, sdb)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
			return 0, damaged(abs, []string{se.Error()})
		}
		return 0, openError(abs, err)
	}
	if len(problems) > 0 {
		return 0, damaged(abs, problems)
	}
	// Sound, but is it what this program writes (issue 16)? Read before a restore or an open.
	return verifySchema(ctx, sdb, "main", ourMigrations, filepath.Base(abs))
}

// IsBackup checks that path can be restored from: a data file of this program (not of another
// program, not empty), not from a newer version, and sound. The error says why not, in Chinese.
// The file is only read.
func IsBackup(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	switch {
	case err != nil:
		return data.Errorf(data.EInvalid, fmt.Sprintf("备份文件「%s」不存在或无法读取", abs))
	case !st.Mode().IsRegular() || st.Size() == 0:
		return notLedgerFile(filepath.Base(abs))
	}
	version, err := checkFile(context.Background(), abs)
	if err == nil && version == 0 {
		err = notLedgerFile(filepath.Base(abs))
	}
	return err
}

// NewestGoodBackup is the newest of dataFile's backups that IsBackup accepts; ENotFound when none.
func NewestGoodBackup(dataFile string) (BackupInfo, error) {
	list, err := ListBackups(dataFile)
	if err != nil {
		return BackupInfo{}, err
	}
	for _, b := range list {
		if IsBackup(b.Path) == nil {
			return b, nil
		}
	}
	return BackupInfo{}, data.Errorf(data.ENotFound, fmt.Sprintf("备份文件夹「%s」中没有可用的备份", BackupDir(dataFile)))
}

// RestoreAndOpen is Restore, then opens the data file again: the restored one, or the old one when
// restoring failed (err says why). db is nil when no file can be opened; an empty ledger is never
// created where the user's file should be.
func RestoreAndOpen(dataFile, from string) (db *DB, savedAs string, err error) {
	savedAs, err = Restore(dataFile, from)
	if _, serr := os.Stat(dataFile); serr != nil {
		if err == nil {
			err = data.Errorf(data.EInternal, "恢复后找不到数据文件「"+dataFile+"」")
		}
		return nil, savedAs, err
	}
	db, oerr := Open(dataFile)
	if oerr != nil {
		return nil, savedAs, cmp.Or(err, oerr)
	}
	return db, savedAs, err
}

// Restore replaces the data file with the backup from. The data file must not be open. The file it
// replaces is kept in the backup folder (savedAs, "" when there was none); its stale -wal/-shm go
// with it. A file IsBackup refuses changes nothing. The result is checked before Restore returns.
func Restore(dataFile, from string) (savedAs string, err error) {
	absData, err := filepath.Abs(dataFile)
	if err != nil {
		return "", err
	}
	absFrom, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	if sameFile(absData, absFrom) {
		return "", data.Errorf(data.EInvalid, "不能用正在使用的数据文件本身来恢复，请选择一个备份文件")
	}
	if err := IsBackup(absFrom); err != nil {
		return "", err
	}
	// The new file is made beside the data file first (VACUUM INTO folds in a -wal of the backup),
	// so the data file is replaced by a rename.
	src, err := openRO(absFrom)
	if err != nil {
		return "", err
	}
	fresh := absData + ".恢复中.db"
	os.Remove(fresh) // left by an interrupted restore
	err = vacuumInto(context.Background(), src, fresh)
	src.Close()
	if err != nil {
		return "", err
	}
	defer os.Remove(fresh) // after a failure
	if err := IsBackup(fresh); err != nil {
		return "", err
	}

	if fileExists(absData) {
		savedAs = newBackupPath(absData, time.Now(), beforeRestore)
		if err := os.MkdirAll(filepath.Dir(savedAs), 0o755); err != nil {
			return "", backupError(savedAs, err)
		}
		if err := moveWithWAL(absData, savedAs); err != nil {
			return "", data.Errorf(data.EInvalid, fmt.Sprintf("无法把当前数据文件移到「%s」（%v），没有恢复。请关闭正在使用数据文件的程序后再试", savedAs, err))
		}
		settle(savedAs)
	}
	if err := renameRetry(fresh, absData); err != nil {
		if savedAs != "" {
			if berr := moveWithWAL(savedAs, absData); berr != nil { // put the old file back
				return savedAs, data.Errorf(data.EInvalid, fmt.Sprintf("无法写入数据文件「%s」（%v），没有恢复；原数据文件也没能放回原处，它完好地保存在「%s」，请把它复制回「%s」", absData, err, savedAs, absData))
			}
		}
		return "", data.Errorf(data.EInvalid, fmt.Sprintf("无法写入数据文件「%s」（%v），没有恢复", absData, err))
	}
	if err := IsBackup(absData); err != nil {
		return savedAs, data.Errorf(data.EInternal, fmt.Sprintf("恢复后的数据文件未通过检查（%s）；原数据文件已保存为「%s」", data.ErrorMessage(err), savedAs))
	}
	// The restored file's own log says where its contents came from (SPEC §8: restores are logged).
	detail := "用备份「" + absFrom + "」恢复数据文件"
	if savedAs != "" {
		detail += "；原数据文件另存为「" + savedAs + "」"
	}
	db, err := Open(absData)
	if err != nil {
		return savedAs, err
	}
	defer db.Close()
	return savedAs, db.LogEvent(context.Background(), data.ActRestoreFile, data.EntDataFile, filepath.Base(absFrom), detail)
}

// moveWithWAL renames a closed data file with its -wal (which may hold its latest saves); the -shm
// is only an index and is removed.
// The two move together or not at all: a -wal left beside another file would be paired with it.
func moveWithWAL(from, to string) error {
	if err := renameRetry(from, to); err != nil {
		return err
	}
	if fileExists(from + "-wal") {
		if err := renameRetry(from+"-wal", to+"-wal"); err != nil {
			if uerr := renameRetry(to, from); uerr != nil {
				return fmt.Errorf("%w (and moving %s back failed: %v)", err, to, uerr)
			}
			return err
		}
	}
	os.Remove(from + "-shm")
	return nil
}

// renameRetry renames, trying again for a moment: on Windows a virus scanner or the search indexer
// often holds a file that was just written, and such a sharing violation passes within a second.
func renameRetry(from, to string) error {
	var err error
	for i := 0; i < 20; i++ {
		if err = os.Rename(from, to); err == nil || errors.Is(err, os.ErrNotExist) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return err
}

// settle opens and closes a moved data file so that SQLite folds its -wal into it, leaving one
// file for the user to see. A damaged file keeps its -wal beside it.
func settle(path string) {
	if !fileExists(path + "-wal") {
		return
	}
	sdb, err := sql.Open(driverName, path)
	if err != nil {
		return
	}
	sdb.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	sdb.Close()
}

func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// Files are this package's operations on whole data files (data.LedgerFiles), for the window.
type Files struct{}

// OpenReadOnly opens the data file at path read-only (OpenReadOnly).
func (Files) OpenReadOnly(path string) (data.Ledger, error) {
	db, err := OpenReadOnly(path)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// Open checks the data file at path (CheckFile) and opens it (Open); a damaged one is not opened.
func (Files) Open(path string) (data.Ledger, error) {
	db, err := openChecked(context.Background(), path)
	if err != nil {
		return nil, err // no typed nil in the interface
	}
	return db, nil
}

// openChecked opens the data file at path after CheckFile finds it sound: a damaged file is never
// opened for writing.
func openChecked(ctx context.Context, path string) (*DB, error) {
	if err := CheckFile(ctx, path); err != nil {
		return nil, err
	}
	return Open(path)
}

// IsBackup refuses a file that is not a backup of this program (IsBackup).
func (Files) IsBackup(path string) error { return IsBackup(path) }

// RestoreAndOpen restores and reopens the data file (RestoreAndOpen).
func (Files) RestoreAndOpen(path, from string) (data.Ledger, string, error) {
	db, savedAs, err := RestoreAndOpen(path, from)
	if db == nil {
		return nil, savedAs, err // no typed nil in the interface
	}
	return db, savedAs, err
}

// NewestGoodBackup is the newest good backup of the data file and when it was made.
func (Files) NewestGoodBackup(path string) (string, time.Time, error) {
	b, err := NewestGoodBackup(path)
	return b.Path, b.Time, err
}
