// Package sqlite keeps the ledger in one SQLite file (SPEC §8): WAL, synchronous=FULL, foreign keys
// on, every save one transaction, numbered forward-only migrations embedded in the program.
//
// One file normally holds one branch. "The current branch" is the branch row with the lowest id; the
// first migration inserts it (empty) so that a new file always has one, and every list (groups, teams,
// members, ID-number lookups) is scoped to it.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"branchledger/data"
)

var _ data.Store = (*DB)(nil)

// dsnParams are go-sqlite3's connection parameters, applied to every pooled connection.
// _synchronous must come after _journal_mode is parsed (go-sqlite3 lowers it to NORMAL for WAL
// unless told otherwise); _txlock=immediate takes the write lock at BEGIN, so two writers wait on
// busy_timeout instead of failing with SQLITE_BUSY halfway through a transaction.
const dsnParams = "_journal_mode=WAL&_synchronous=FULL&_foreign_keys=on&_busy_timeout=5000&_txlock=immediate"

// driverName is go-sqlite3 with SQLite's trusted_schema off on every connection (issue 16): the
// views, triggers and CHECK rules of a file, an attached package's included, cannot call a function
// with side effects; a file from outside is not trusted even after its schema was checked.
// SQLITE_DBCONFIG_DEFENSIVE, the other defensive setting, is not on: at run time SQLite sets it
// only through sqlite3_db_config (there is no PRAGMA), which go-sqlite3 does not expose (no method
// on SQLiteConn, whose sqlite3 handle is unexported). Only a build of SQLite with
// -DSQLITE_DEFAULT_DEFENSIVE in CGO_CFLAGS would have it, which `go build` alone does not give. The
// exact schema check and the deadlines on every read of a file from outside stand in for it.
const driverName = "sqlite3_ledger"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(`PRAGMA trusted_schema = OFF`, nil)
		return err
	}})
}

// DB is the data file. It implements data.Store; its public methods own their transactions.
type DB struct {
	db   *sql.DB
	path string
	// now is the clock of created_at/updated_at and migration backup names; tests may replace it.
	now func() time.Time
	// readOnly is a file opened by OpenReadOnly: every save is refused with errReadOnly.
	readOnly bool
}

// WithClock is the store on the same file and connections writing with the clock now instead of the
// computer's: its stamps (history, created_at, the log) and the day it validates against. It is
// for demo.Load, which writes imagined past events with their own times; db itself is unchanged.
func (db *DB) WithClock(now func() time.Time) data.Store {
	c := *db
	c.now = now
	return &c
}

// Open opens the data file at path, creating it (and its folder) when missing, and migrates it to
// the newest schema, after writing a backup of a file that already had one.
func Open(path string) (*DB, error) { return open(path, ourMigrations) }

func open(path string, migrations fs.FS) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("data file path %q: %w", path, err)
	}
	// go-sqlite3 cuts the DSN at the first "?"; Windows forbids it in names anyway.
	if strings.Contains(abs, "?") {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件路径「%s」中含有“?”，请换一个文件夹或文件名", abs))
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("无法创建数据文件夹「%s」：%v。请检查磁盘空间和访问权限，或换一个位置", filepath.Dir(abs), err))
	}
	if _, err := boundedCheck(context.Background(), filepath.Base(abs), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, identify(ctx, abs, migrations)
	}); err != nil {
		return nil, openError(abs, err)
	}
	sdb, err := sql.Open(driverName, abs+"?"+dsnParams)
	if err != nil {
		return nil, err
	}
	db := &DB{db: sdb, path: abs, now: time.Now}
	if err := db.migrate(context.Background(), migrations); err != nil {
		sdb.Close()
		return nil, openError(abs, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing data file without writing to it (mode=ro): for a damaged file,
// so that what can still be read can be exported. Every save fails with a Chinese message. The file
// must be of this program's newest schema, since an older one would need migrating.
func OpenReadOnly(path string) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("data file path %q: %w", path, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」不存在", abs))
	}
	sdb, err := openRO(abs)
	if err != nil {
		return nil, err
	}
	version, err := identifyWith(context.Background(), sdb, abs)
	if err == nil {
		switch latest := latestVersion(); {
		case version > latest:
			err = newerVersion(abs, version)
		case version < latest:
			err = data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」来自旧版本的程序，需要升级后才能使用，不能只读打开", abs))
		}
	}
	if err != nil {
		sdb.Close()
		return nil, openError(abs, err)
	}
	return &DB{db: sdb, path: abs, now: time.Now, readOnly: true}, nil
}

// openRO is a read-only connection pool on path (an SQLite URI with mode=ro, which never creates
// or changes the file).
func openRO(abs string) (*sql.DB, error) {
	return sql.Open(driverName, fileURI(abs)+"?mode=ro&_foreign_keys=on&_busy_timeout=5000")
}

// fileURI is path as an SQLite URI: file:///C:/… on Windows, file:///home/… elsewhere, with the
// characters URIs reserve (%, #, ?, spaces) escaped.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// ReadOnly reports whether the file was opened with OpenReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

var errReadOnly error = data.Errorf(data.EInvalid, "数据文件已损坏，现在是只读打开：可以查看和导出报表，但不能保存修改。请先导出需要的数据，再到“数据与设置”中从备份恢复")

// openError turns the SQLite errors a user can cause (a wrong or damaged file, no access) into
// Chinese messages; others pass unchanged.
func openError(path string, err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	name := filepath.Base(path)
	switch se.Code {
	case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
		return notLedgerFile(name)
	case sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAuth:
		return data.Errorf(data.EInvalid, fmt.Sprintf("无法打开数据文件「%s」：请检查文件位置和访问权限", path))
	case sqlite3.ErrReadonly:
		return data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」是只读的：请取消文件的只读属性，或把它复制到可写的文件夹后再打开", path))
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return data.Errorf(data.EConflict, fmt.Sprintf("数据文件「%s」正被其他程序使用，请关闭其他程序后再试", path))
	case sqlite3.ErrFull:
		return data.Errorf(data.EInvalid, "磁盘已满，无法打开数据文件，请清理磁盘空间后再试")
	}
	return err
}

func notLedgerFile(name string) error {
	return data.Errorf(data.EInvalid, fmt.Sprintf("「%s」不是支部台账的数据文件，或文件已损坏", name))
}

// Path is the absolute path of the data file.
func (db *DB) Path() string { return db.path }

// Close closes the file; SQLite checkpoints the WAL into it when the last connection closes.
func (db *DB) Close() error { return db.db.Close() }

// querier is what *sql.DB and *sql.Tx have in common, so helpers serve reads and transactions.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in one (immediate) transaction, committed only when fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.readOnly {
		return errReadOnly
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return saveError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return saveError(err)
	}
	return saveError(tx.Commit())
}

// saveError turns what the disk or the file did wrong during a save into a Chinese message that says
// what to do; the save did not happen (its transaction was rolled back). Other errors pass through.
func saveError(err error) error {
	var se sqlite3.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return data.Errorf(data.EInvalid, "磁盘已满，刚才的内容没有保存。请清理磁盘空间后再保存")
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return data.Errorf(data.EConflict, "数据文件正被其他程序使用，刚才的内容没有保存。请稍后再保存")
	case sqlite3.ErrReadonly, sqlite3.ErrPerm:
		return data.Errorf(data.EInvalid, "数据文件不可写（只读或没有权限），刚才的内容没有保存。请检查文件属性和文件夹权限")
	case sqlite3.ErrIoErr:
		return data.Errorf(data.EInvalid, "读写磁盘出错，刚才的内容没有保存。请检查磁盘或 U 盘是否已拔出，然后再保存")
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return data.Errorf(data.EInvalid, "数据文件已损坏，刚才的内容没有保存。请到“数据与设置 → 备份与恢复”从备份恢复")
	}
	return err
}

// timestamp is the stored form of created_at/updated_at: UTC, as SQLite's CURRENT_TIMESTAMP.
const timestamp = "2006-01-02 15:04:05"

func (db *DB) stamp() string { return db.now().UTC().Format(timestamp) }

// dateCol is a scanned date column and the field it parses into.
type dateCol struct {
	text string
	to   *data.Date
}

// finishRow parses what a record's scan left as text, once the scan itself went well (err): its
// date columns, then its created and updated stamps.
func finishRow(err error, created, updated string, c, u *time.Time, dates ...dateCol) error {
	for _, d := range dates {
		if err != nil {
			return err
		}
		*d.to, err = parseDate(d.text)
	}
	if err == nil {
		if *c, err = parseStamp(created); err == nil {
			*u, err = parseStamp(updated)
		}
	}
	return err
}

// parseStamp reads a stored timestamp into local time. It reads the fixed form by hand: long lists
// hold two a row, and time.Parse was a tenth of the time of listing 100,000 findings.
func parseStamp(s string) (time.Time, error) {
	if len(s) == len(timestamp) && s[10] == ' ' && s[13] == ':' && s[16] == ':' {
		if d, err := parseDate(s[:10]); err == nil {
			h, ok1 := digits(s[11:13])
			m, ok2 := digits(s[14:16])
			sec, ok3 := digits(s[17:19])
			if ok1 && ok2 && ok3 && h < 24 && m < 60 && sec < 60 {
				return time.Date(d.Year, d.Month, d.Day, h, m, sec, 0, time.UTC).Local(), nil
			}
		}
	}
	return time.Time{}, fmt.Errorf("bad timestamp %q in data file", s)
}

// listFilter is the WHERE of a list of the current branch's records, built from the fields of
// its filter that are set: every list starts with the branch, and most keep a period.
type listFilter struct {
	where []string
	args  []any
}

// branchFilter keeps the current branch's rows; alias is the table's ("c." or "").
func branchFilter(alias string) *listFilter {
	return &listFilter{where: []string{alias + `branch_id = (SELECT min(id) FROM branch)`}}
}

// add keeps the rows matching cond, with its arguments.
func (w *listFilter) add(cond string, args ...any) {
	w.where, w.args = append(w.where, cond), append(w.args, args...)
}

// dated keeps the rows whose date column col lies within [from, to]; a zero end is open.
func (w *listFilter) dated(col string, from, to data.Date) {
	if !from.IsZero() {
		w.add(col+` >= ?`, from.String())
	}
	if !to.IsZero() {
		w.add(col+` <= ?`, to.String())
	}
}

// overlapping keeps the rows whose period [fromCol, toCol] overlaps [from, to]; a zero end is open.
func (w *listFilter) overlapping(fromCol, toCol string, from, to data.Date) {
	if !from.IsZero() {
		w.add(toCol+` >= ?`, from.String())
	}
	if !to.IsZero() {
		w.add(fromCol+` <= ?`, to.String())
	}
}

// sql is the conditions joined, for after WHERE.
func (w *listFilter) sql() string { return strings.Join(w.where, ` AND `) }

// anys is vs as arguments of a query.
func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

// nullID stores the "none" id 0 as NULL, which foreign keys accept.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// parseDate reads the stored yyyy-mm-dd form ("" is the zero Date). The schema's CHECKs guarantee
// the form, so anything else means a damaged file.
func parseDate(s string) (data.Date, error) {
	if s == "" {
		return data.Date{}, nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if ok1 && ok2 && ok3 {
			if date := data.NewDate(y, time.Month(m), d); date.Valid() {
				return date, nil
			}
		}
	}
	return data.Date{}, fmt.Errorf("bad date %q in data file", s)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// currentBranchID is the id of the current branch (the lowest), 0 when the file has none.
func currentBranchID(ctx context.Context, q querier) (int64, error) {
	var id sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT min(id) FROM branch`).Scan(&id); err != nil {
		return 0, err
	}
	return id.Int64, nil
}

// requireBranch is currentBranchID for work that needs a branch.
func requireBranch(ctx context.Context, q querier) (int64, error) {
	id, err := currentBranchID(ctx, q)
	if err == nil && id == 0 {
		err = errNoBranch
	}
	return id, err
}

var errNoBranch error = data.Errorf(data.ENotFound, "数据文件中没有党支部信息，请先在“数据与设置”中填写党支部")

// isForeignKey reports whether err is a FOREIGN KEY constraint failure.
func isForeignKey(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey
}
