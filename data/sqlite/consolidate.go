package sqlite

import (
	"archive/zip"
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"branchledger/data"
)

// consolidatedRecord is kept per branch of a consolidated file (setting exchange.branch.<code>).
type consolidatedRecord struct {
	Manifest   data.Manifest `json:"manifest"`
	File       string        `json:"file"`
	ImportedAt time.Time     `json:"imported_at"`
}

// maxPackageData bounds the data.db a package may unpack to, against zip bombs: far above any
// branch's file (10,000 members and years of records are a few tens of MiB).
const maxPackageData = 2 << 30

func refuse(msg string) error { return data.Errorf(data.EInvalid, msg) }

// Consolidate imports the package at pkgPath into this consolidated file (SPEC §9), in one
// transaction: the branch's records are copied with new ids and every reference remapped. A package
// of a branch already there replaces that branch's records when it was exported later; an older or
// the same one is refused. A file that is not a sound package (not a zip, damaged, truncated, a
// wrong checksum, a manifest that does not match its data, a newer schema) is refused with the
// reason as a *data.Error (EInvalid), and the file is left as it was. A data file that is a
// branch's own (one with branch details or records) cannot become a consolidated file; a new or
// empty one is marked as one by the first package it takes.
func (db *DB) Consolidate(ctx context.Context, pkgPath string) (data.ConsolidateResult, error) {
	res := data.ConsolidateResult{File: filepath.Base(pkgPath)}
	var refused error
	err := db.ConsolidateAll(ctx, []string{pkgPath}, func(_ int, r data.ConsolidateResult, err error) { res, refused = r, err })
	return res, cmp.Or(err, refused)
}

// attachLimit is how many packages go in by one transaction: SQLite attaches at most 10 databases
// (SQLITE_MAX_ATTACHED), and one read in a transaction cannot be detached before it ends.
const attachLimit = 10

// errRetryAlone says that a transaction of several packages failed at COMMIT on a rule only COMMIT
// checks (a deferred foreign key): its packages go in again one by one, so that only the broken one
// is refused.
var errRetryAlone = errors.New("retry the packages one by one")

// consolidateCacheKiB is the page cache of the connection that consolidates (SQLite's default is
// 2 MiB): a package's rows go into indexes by date and state all over the file, and with the small
// cache most of those inserts read and spill pages again. It bounds the memory whatever the number
// of packages.
const consolidateCacheKiB = 64 << 10

// consolidateWALPages is the size of the WAL (in pages: 256 MiB of 4 KiB pages) at which
// consolidation copies it into the file, which bounds the disk it takes beside the file.
const consolidateWALPages = 65536

// ConsolidateAll imports the packages at paths as Consolidate does each, and calls each with every
// package's result in order (err is the refusal, a *data.Error with EInvalid, when it was refused)
// once its data is committed. Packages go in by transactions of up to ten (one fsync each rather
// than one a package), each package within its own savepoint, so a refused one leaves nothing and
// the others are kept. A cancelled ctx stops before the next package; those done are kept and
// ctx's error is returned. Any other error stops the batch: those reported before it are kept.
//
// The packages are unpacked and checked (unpackAhead) on a second core while the ones before them
// are copied: the checks read only the package's own temporary file.
func (db *DB) ConsolidateAll(ctx context.Context, paths []string, each func(i int, res data.ConsolidateResult, err error)) error {
	if db.readOnly {
		return errReadOnly
	}
	// Cancelling interrupts no statement (an interrupt rolls back the whole transaction): it is
	// checked between packages.
	work := context.WithoutCancel(ctx)
	conn, err := db.db.Conn(work)
	if err != nil {
		return err
	}
	defer conn.Close()
	// The schema does not change during the batch: its branch tables are read once.
	tables, err := branchTables(work, conn, "main")
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(work, fmt.Sprintf(`PRAGMA cache_size = -%d`, consolidateCacheKiB)); err != nil {
		return err
	}
	// The connection goes back to the pool with the default cache, which frees the pages above it.
	defer conn.ExecContext(work, `PRAGMA cache_size = -2000`)
	// copyUnchecked sets it back; a connection where that failed must not serve anything else.
	defer func() {
		if _, err := conn.ExecContext(work, `PRAGMA ignore_check_constraints = OFF`); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	// Each batch's COMMIT writes and syncs the WAL (synchronous=FULL), so what is committed survives
	// a crash whenever the WAL is copied into the file. Copied after every batch (the default, at
	// 1,000 pages), the index pages that every batch touches all over the file were written twice
	// a batch; copied once at the end, or when the WAL reaches consolidateWALPages, they are written
	// once more in all.
	if _, err := conn.ExecContext(work, fmt.Sprintf(`PRAGMA wal_autocheckpoint = %d`, consolidateWALPages)); err != nil {
		return err
	}
	defer conn.ExecContext(work, `PRAGMA wal_autocheckpoint = 1000`)
	// TRUNCATE leaves no large WAL behind; with a reader in the way it copies what it can, and the
	// next checkpoint of the program does the rest.
	defer conn.ExecContext(work, `PRAGMA wal_checkpoint(TRUNCATE)`)
	dir, err := os.MkdirTemp("", "branchledger-consolidate-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir) // after unpackAhead has stopped (deferred calls run last first)
	ready, stop := unpackAhead(work, paths, dir)
	defer stop()
	var queue []*unpacked
	for start := 0; start < len(paths); {
		if err := ctx.Err(); err != nil {
			return err
		}
		for len(queue) < min(attachLimit, len(paths)-start) {
			queue = append(queue, <-ready)
		}
		n, err := db.consolidateRange(ctx, conn, tables, queue, start, each)
		for _, u := range queue[:n] {
			u.remove()
		}
		if err != nil {
			return err
		}
		queue = queue[n:]
		start += n
	}
	return nil
}

// unpacked is a package unpacked into a temporary folder and checked (readPackage,
// preparePackage) before its transaction: res holds its file name and manifest, err the refusal
// or the error that stopped it.
type unpacked struct {
	dir, dbPath string
	res         data.ConsolidateResult
	err         error
}

func (u *unpacked) remove() { os.RemoveAll(u.dir) }

// unpackAhead unpacks and checks the packages at paths in order, each into its own folder under
// dir, keeping up to two batches ready on the channel. stop ends it and waits for it, so that it
// writes nothing more under dir.
func unpackAhead(ctx context.Context, paths []string, dir string) (ready <-chan *unpacked, stop func()) {
	out := make(chan *unpacked, 2*attachLimit-1)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i, p := range paths {
			u := unpack(ctx, p, filepath.Join(dir, strconv.Itoa(i)))
			select {
			case out <- u:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, func() { cancel(); <-done }
}

// unpack reads the package at path into dir and checks it, as consolidateOne needs it.
func unpack(ctx context.Context, path, dir string) *unpacked {
	u := &unpacked{dir: dir, res: data.ConsolidateResult{File: filepath.Base(path)}}
	if u.err = os.Mkdir(dir, 0o700); u.err != nil {
		return u
	}
	var m data.Manifest
	if m, u.dbPath, u.err = readPackage(path, dir); u.err != nil {
		return u
	}
	u.res.Manifest = m
	_, u.err = boundedCheck(ctx, u.res.File, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, preparePackage(ctx, u.dbPath, u.res.File, m)
	})
	return u
}

// consolidateRange imports pkgs (pkgs[0] is number first) as one batch, going through them again
// as consolidateBatch asks, and returns how many it went through (fewer when ctx was cancelled).
func (db *DB) consolidateRange(ctx context.Context, conn *sql.Conn, tables []tableInfo, pkgs []*unpacked, first int,
	each func(int, data.ConsolidateResult, error)) (int, error) {
	n, err := db.consolidateBatch(ctx, conn, tables, pkgs, first, each)
	var cut *copyCutShort
	switch {
	case errors.Is(err, errRetryAlone):
		n, err = 0, nil
		for i := range pkgs {
			if ctx.Err() != nil {
				break
			}
			var k int
			if k, err = db.consolidateRange(ctx, conn, tables, pkgs[i:i+1], first+i, each); err != nil || k == 0 {
				break
			}
			n++
		}
	case errors.As(err, &cut):
		// The whole transaction was given up: the packages before the cut one go in again.
		n, err = 0, nil
		if cut.at > 0 {
			n, err = db.consolidateRange(ctx, conn, tables, pkgs[:cut.at], first, each)
		}
		if err == nil && n == cut.at {
			each(first+cut.at, cut.res, cut.refusal)
			n++
		}
	}
	return n, err
}

// copyCutShort is a package whose copy was cut short by packageCopyLimit. An interrupted write may
// have rolled back the whole transaction (SQLite does so), so the batch is rolled back whatever
// happened: the package leaves nothing, and the ones before it in the batch go in again.
type copyCutShort struct {
	at      int // its place in the batch
	res     data.ConsolidateResult
	refusal error
}

func (c *copyCutShort) Error() string { return c.refusal.Error() }

// consolidateBatch imports pkgs (at most attachLimit; pkgs[0] is number first of the batch) in
// one transaction on conn, and returns how many it went through (fewer when ctx was cancelled).
func (db *DB) consolidateBatch(ctx context.Context, conn *sql.Conn, tables []tableInfo, pkgs []*unpacked, first int,
	each func(int, data.ConsolidateResult, error)) (int, error) {
	work := context.WithoutCancel(ctx)
	var attached []string
	defer func() {
		// After the transaction has ended (deferred calls run last first): only then are they free.
		for _, a := range attached {
			if _, err := conn.ExecContext(work, `DETACH DATABASE `+a); err != nil {
				// A connection left with a package attached would refuse every later one: drop it.
				conn.Raw(func(any) error { return driver.ErrBadConn })
				return
			}
		}
	}()
	tx, err := conn.BeginTx(work, nil)
	if err != nil {
		return 0, saveError(err)
	}
	defer tx.Rollback()
	// Foreign keys are checked at COMMIT: the copy goes table by table; it keeps them satisfied
	// after each table, so no violation is outstanding while it inserts (see copyBranch).
	if _, err := tx.ExecContext(work, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return 0, err
	}
	type result struct {
		res data.ConsolidateResult
		err error
	}
	var results []result
	var stop error
	for j, u := range pkgs {
		if ctx.Err() != nil {
			break
		}
		res := u.res
		schema := fmt.Sprintf("pkg%d", j)
		err := db.consolidateOne(work, tx, tables, u, schema, &res, &attached)
		if cut := (*copyCutShort)(nil); errors.As(err, &cut) {
			cut.at, cut.res = j, res
			return 0, cut // the deferred Rollback undoes the whole batch
		}
		if err != nil && data.ErrorCode(err) != data.EInvalid {
			stop = fmt.Errorf("%s: %w", res.File, err)
			break
		}
		results = append(results, result{res, err})
	}
	if err := tx.Commit(); err != nil {
		var se sqlite3.Error
		switch {
		case len(pkgs) > 1 && errors.As(err, &se) && se.Code == sqlite3.ErrConstraint:
			return 0, errRetryAlone
		case len(results) == 1 && results[0].err == nil && data.ErrorCode(badData(err)) == data.EInvalid:
			results[0].err = badData(err)
		default:
			return 0, saveError(err)
		}
	}
	for j, r := range results {
		each(first+j, r.res, r.err)
	}
	return len(results), stop
}

// consolidateOne imports the unpacked package u within tx: attached as schema and copied within a
// savepoint, so that a refusal leaves nothing of it.
func (db *DB) consolidateOne(ctx context.Context, tx *sql.Tx, tables []tableInfo, u *unpacked, schema string,
	res *data.ConsolidateResult, attached *[]string) error {
	if u.err != nil {
		return u.err
	}
	if _, err := tx.ExecContext(ctx, `ATTACH DATABASE ? AS `+schema, u.dbPath); err != nil {
		return refuse("数据包中的数据文件无法打开：" + err.Error())
	}
	*attached = append(*attached, schema)
	if _, err := tx.ExecContext(ctx, `SAVEPOINT package`); err != nil {
		return err
	}
	// The copy reads the package too: it runs under a deadline of its own, so that nothing of a
	// package can hang the program.
	limit := packageCopyLimit(res.File)
	copyCtx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	err := db.importPackage(copyCtx, tx, tables, schema, res)
	if err != nil && copyCtx.Err() != nil {
		return &copyCutShort{refusal: cutShortRefusal("汇总", res.File, limit)}
	}
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO package; RELEASE package`); rerr != nil {
			return fmt.Errorf("rollback of a refused package (%v): %w", err, rerr)
		}
		return badData(err)
	}
	_, err = tx.ExecContext(ctx, `RELEASE package`)
	return err
}

// badData turns what a package's data can cause while copying into a refusal: a damaged file, or
// rows that break the schema's rules (a reference to a missing record, at COMMIT).
func badData(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return refuse("数据包中的数据文件已损坏，请让支部重新导出")
	case sqlite3.ErrConstraint:
		return refuse("数据包中的数据不完整或不符合规则（" + se.Error() + "），请让支部检查数据文件后重新导出")
	}
	return err
}

// readPackage checks the zip at path and its manifest, and unpacks data.db into dir checking its
// size, CRC and SHA-256.
func readPackage(path, dir string) (data.Manifest, string, error) {
	var m data.Manifest
	zr, err := zip.OpenReader(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return m, "", refuse("文件不存在")
		}
		return m, "", refuse("不是有效的上报数据包（不是 zip 文件，或文件不完整、已损坏）")
	}
	defer zr.Close()
	var manifest, dbFile *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case data.PackageManifest:
			if manifest != nil {
				return m, "", refuse("不是有效的上报数据包（manifest.json 重复）")
			}
			manifest = f
		case data.PackageData:
			if dbFile != nil {
				return m, "", refuse("不是有效的上报数据包（data.db 重复）")
			}
			dbFile = f
		}
	}
	if manifest == nil || dbFile == nil {
		return m, "", refuse("不是支部台账的上报数据包（缺少 manifest.json 或 data.db）")
	}
	if m, err = readManifest(manifest); err != nil {
		return m, "", err
	}
	if dbFile.UncompressedSize64 > maxPackageData {
		return m, "", refuse("数据包中的数据文件过大，不是正常的上报数据包")
	}
	rc, err := dbFile.Open()
	if err != nil {
		return m, "", refuse("数据包已损坏，无法读取其中的数据（" + err.Error() + "）")
	}
	defer rc.Close()
	out := filepath.Join(dir, data.PackageData)
	f, err := os.Create(out)
	if err != nil {
		return m, "", err
	}
	h := sha256.New()
	// The zip reader checks the size and CRC it declares when the copy reaches its end.
	_, err = io.Copy(io.MultiWriter(f, h), io.LimitReader(rc, maxPackageData+1))
	if cerr := f.Close(); err == nil && cerr != nil {
		return m, "", cerr
	}
	if err != nil {
		return m, "", refuse("数据包已损坏或不完整（" + err.Error() + "），请让支部重新导出")
	}
	if hex.EncodeToString(h.Sum(nil)) != strings.ToLower(m.DataSHA256) {
		return m, "", refuse("数据包的校验值不符，文件在传送中已损坏或被改动，请让支部重新导出")
	}
	return m, out, nil
}

func readManifest(f *zip.File) (data.Manifest, error) {
	var m data.Manifest
	bad := refuse("不是支部台账的上报数据包（manifest.json 无法识别）")
	if f.UncompressedSize64 > 1<<20 {
		return m, bad
	}
	rc, err := f.Open()
	if err != nil {
		return m, bad
	}
	defer rc.Close()
	raw, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil || json.Unmarshal(raw, &m) != nil || m.Format != data.PackageFormat {
		return m, bad
	}
	switch {
	case m.BranchCode == "" || m.BranchName == "":
		return m, refuse("数据包的清单中没有支部代码或支部名称")
	case m.ExportedAt.IsZero():
		return m, refuse("数据包的清单中没有导出时间")
	case m.SchemaVersion < 1:
		return m, refuse("数据包的清单中没有结构版本")
	case len(m.DataSHA256) != sha256.Size*2:
		return m, refuse("数据包的清单中没有校验值")
	}
	return m, nil
}

// preparePackage checks the unpacked data file (of the package named pkg) against the manifest and
// against the schema of its version, soundness included, before any row is read (issue 16), and
// migrates an older one (it is a temporary copy) to this program's schema.
func preparePackage(ctx context.Context, path, pkg string, m data.Manifest) error {
	ours, err := schemaVersion()
	if err != nil {
		return err
	}
	if m.SchemaVersion > ours {
		return refuse(fmt.Sprintf("数据包由更新版本的支部台账导出（结构版本 %d，本程序为 %d），请先升级本程序再汇总", m.SchemaVersion, ours))
	}
	// One connection, without the DSN pragmas (see identify), does every check.
	probe, err := sql.Open(driverName, path)
	if err != nil {
		return err
	}
	defer probe.Close()
	version, err := identifyWith(ctx, probe, path)
	if err != nil {
		return refuse("数据包「" + pkg + "」中的数据不是支部台账的数据文件，或已损坏")
	}
	if version != m.SchemaVersion {
		return refuse("数据包的清单与其中的数据不符（结构版本不同）")
	}
	if _, err := verifySchema(ctx, probe, "main", ourMigrations, pkg+" 中的 data.db"); err != nil {
		return err
	}
	if problems, err := quickCheck(ctx, probe); err != nil || len(problems) > 0 {
		return refuse("数据包「" + pkg + "」中的数据文件已损坏，请让支部重新导出")
	}
	if version < ours {
		probe.Close()
		old, err := Open(path)
		if err != nil {
			return refuse("数据包中的旧版本数据无法升级：" + data.ErrorMessage(err))
		}
		if err := old.Close(); err != nil {
			return err
		}
		if probe, err = sql.Open(driverName, path); err != nil {
			return err
		}
		defer probe.Close()
	}
	var branches int
	var code string
	err = probe.QueryRowContext(ctx, `SELECT count(*), coalesce(min(code), '') FROM branch`).Scan(&branches, &code)
	switch {
	case err != nil:
		return refuse("数据包中的数据文件已损坏")
	case branches != 1:
		return refuse("数据包中应当只有一个党支部的数据（汇总库不能作为上报数据包）")
	case code != m.BranchCode:
		return refuse(fmt.Sprintf("数据包的清单与其中的数据不符（清单中的支部代码为「%s」，数据中为「%s」）", m.BranchCode, code))
	}
	if cons, err := isConsolidated(ctx, probe); err != nil || cons {
		return cmpErr(err, refuse("数据包中是汇总库，不能再作为支部数据汇总"))
	}
	return nil
}

// checkCounts compares the rows copied of each table (counts) with the package's manifest: the
// copy has read every row, so the check needs no reading of its own (it did cost a count of every
// table).
func checkCounts(m data.Manifest, counts map[string]int) error {
	for table, n := range m.Counts {
		if got, ok := counts[table]; ok && got != n {
			noun, measure := data.TableNoun(table)
			return refuse(fmt.Sprintf("数据包的清单与其中的数据不符（%s：清单 %d %s，数据 %d %s）", noun, n, measure, got, measure))
		}
	}
	return nil
}

// importPackage copies the branch of the package attached as schema into the file, in tx; tables
// are the file's branch tables.
func (db *DB) importPackage(ctx context.Context, tx *sql.Tx, tables []tableInfo, schema string, res *data.ConsolidateResult) error {
	m := res.Manifest
	if err := db.claimTarget(ctx, tx); err != nil {
		return err
	}
	key := settingBranchPrefix + m.BranchCode
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT value FROM setting WHERE key = ?`, key).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM branch WHERE code = ?`, m.BranchCode).Scan(&name)
		if err == nil {
			return refuse(fmt.Sprintf("汇总库中已有使用支部代码「%s」的党支部「%s」，它不是由上报数据包汇总来的", m.BranchCode, name))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	case err != nil:
		return err
	default:
		var prev consolidatedRecord
		if err := json.Unmarshal([]byte(raw), &prev); err != nil {
			return fmt.Errorf("consolidated record of %s: %w", m.BranchCode, err)
		}
		switch {
		case m.ExportedAt.Equal(prev.Manifest.ExportedAt):
			return refuse(fmt.Sprintf("已汇总过%s同一时间导出的数据（导出于 %s），无需重复汇总", prev.Manifest.BranchName, data.ShowTime(prev.Manifest.ExportedAt)))
		case m.ExportedAt.Before(prev.Manifest.ExportedAt):
			return refuse(fmt.Sprintf("已有%s更新的数据（导出于 %s），这个数据包导出于 %s，较旧", prev.Manifest.BranchName,
				data.ShowTime(prev.Manifest.ExportedAt), data.ShowTime(m.ExportedAt)))
		}
		if err := deleteBranch(ctx, tx, tables, m.BranchCode); err != nil {
			return err
		}
		res.Replaced, res.Previous = true, prev.Manifest.ExportedAt
	}
	var counts map[string]int
	if res.BranchID, counts, err = copyUnchecked(ctx, tx, tables, schema); err != nil {
		return err
	}
	if err := checkCounts(m, counts); err != nil {
		return err
	}
	if err := mergeLists(ctx, tx, schema); err != nil {
		return err
	}
	rec, err := json.Marshal(consolidatedRecord{Manifest: m, File: res.File, ImportedAt: db.now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	if _, err = tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, string(rec)); err != nil {
		return err
	}
	// Logged in the same transaction: a consolidation that fails logs nothing.
	return db.logOp(ctx, tx, data.Op{Action: data.ActConsolidate, Entity: data.EntPackage, Label: m.BranchName,
		Detail: res.File + "：" + strings.TrimPrefix(res.Line(), m.BranchName+"：")})
}

// MakeConsolidated marks a new, empty data file as a 汇总库 (claimTarget), as 用作汇总库 asks.
func (db *DB) MakeConsolidated(ctx context.Context) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		cons, err := isConsolidated(ctx, tx)
		if err != nil || cons {
			return err
		}
		if err := db.claimTarget(ctx, tx); err != nil {
			return err
		}
		// A consolidation logs itself; marking the file alone is logged here.
		return db.logOp(ctx, tx, data.Op{Action: data.ActState, Entity: data.EntDataFile, Label: filepath.Base(db.path), Detail: "设为汇总库"})
	})
}

// claimTarget accepts a consolidated file, and marks as one a file with no branch details and no
// records; a branch's own data file is refused, so that packages never mix into real records.
func (db *DB) claimTarget(ctx context.Context, tx *sql.Tx) error {
	cons, err := isConsolidated(ctx, tx)
	if err != nil || cons {
		return err
	}
	var used bool
	err = tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM branch WHERE name <> '' OR code <> '')
		OR EXISTS (SELECT 1 FROM member) OR EXISTS (SELECT 1 FROM inspection) OR EXISTS (SELECT 1 FROM finding)`).Scan(&used)
	if err != nil {
		return err
	}
	if used {
		return refuse(fmt.Sprintf("「%s」是党支部自己的数据文件（已有支部信息或记录），不能作为汇总库；请为汇总另选一个新的数据文件", filepath.Base(db.path)))
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE SET value = '1'`, settingConsolidated)
	return err
}

// deleteBranch removes the branch with code and every record of it (their children go by ON DELETE
// CASCADE).
func deleteBranch(ctx context.Context, tx *sql.Tx, tables []tableInfo, code string) error {
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM branch WHERE code = ?`, code).Scan(&id); err != nil {
		return fmt.Errorf("branch %s of the consolidated record: %w", code, err)
	}
	for _, t := range tables {
		if t.branch {
			if _, err := tx.ExecContext(ctx, `DELETE FROM main.`+quote(t.name)+` WHERE branch_id = ?`, id); err != nil {
				return err
			}
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM main.branch WHERE id = ?`, id)
	return err
}

// copyUnchecked is copyBranch with the CHECK constraints of the file not evaluated: quick_check has
// evaluated every one of them on the package's rows (preparePackage), whose schema is ours
// (verifySchema), and the copy changes no value a CHECK reads but ids, which it only moves by a
// positive offset (NULL stays NULL). They were a tenth of the copy. Foreign keys, NOT NULL and
// UNIQUE are still enforced. The setting is the connection's: it is set back whatever happens.
func copyUnchecked(ctx context.Context, tx *sql.Tx, tables []tableInfo, schema string) (int64, map[string]int, error) {
	if _, err := tx.ExecContext(ctx, `PRAGMA ignore_check_constraints = ON`); err != nil {
		return 0, nil, err
	}
	id, counts, err := copyBranch(ctx, tx, tables, schema)
	// Without a deadline: a copy cut short by its own must still set it back.
	if _, rerr := tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA ignore_check_constraints = OFF`); rerr != nil {
		return 0, nil, cmp.Or(err, rerr)
	}
	return id, counts, err
}

// copyBranch copies every branch table of the package attached as schema into main, and returns
// the new id of its branch and the rows copied of each table but branch. Each row goes with
// a new id: the old id plus the largest id of its table in main, so ids never collide, and every
// reference to a branch table moves by that table's offset. One INSERT … SELECT a table, whatever
// the rows. Tables come parents first; a reference to a table not yet copied (a cycle: groups and
// their leaders) is set afterwards by an UPDATE, so that no foreign key is ever outstanding — while
// one is, SQLite searches the children of every parent row inserted, in the whole file.
func copyBranch(ctx context.Context, tx *sql.Tx, tables []tableInfo, schema string) (int64, map[string]int, error) {
	offset := map[string]int64{}
	counts := map[string]int{}
	for _, t := range tables {
		if t.hasID {
			var max int64
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM main.`+quote(t.name)).Scan(&max); err != nil {
				return 0, nil, err
			}
			offset[t.name] = max
		}
	}
	moved := func(c, table string) string {
		if offset[table] == 0 {
			return quote(c)
		}
		return fmt.Sprintf("%s + %d", quote(c), offset[table]) // NULL stays NULL
	}
	done := map[string]bool{}
	var later []string
	for _, t := range tables {
		cols := make([]string, len(t.columns))
		exprs := make([]string, len(t.columns))
		var sets []string
		for i, c := range t.columns {
			cols[i], exprs[i] = quote(c), quote(c)
			switch to := t.refs[c]; {
			case c == "id" && t.hasID:
				exprs[i] = moved(c, t.name)
			case to != "" && to != t.name && !done[to]:
				exprs[i] = "NULL"
				sets = append(sets, quote(c)+" = p."+moved(c, to))
			case to != "":
				exprs[i] = moved(c, to)
			}
		}
		q := `INSERT INTO main.` + quote(t.name) + ` (` + strings.Join(cols, ", ") + `) SELECT ` + strings.Join(exprs, ", ") +
			` FROM ` + schema + `.` + quote(t.name)
		r, err := tx.ExecContext(ctx, q)
		if err != nil {
			return 0, nil, fmt.Errorf("copy of %s: %w", t.name, err)
		}
		n, err := r.RowsAffected()
		if err != nil {
			return 0, nil, err
		}
		if t.name != "branch" {
			counts[t.name] = int(n) // as countTables counts
		}
		if len(sets) > 0 {
			if !t.hasID {
				return 0, nil, fmt.Errorf("copy of %s: a table in a cycle of references needs an id", t.name)
			}
			later = append(later, `UPDATE main.`+quote(t.name)+` AS t SET `+strings.Join(sets, ", ")+` FROM `+schema+`.`+
				quote(t.name)+` AS p WHERE t.id = p.`+moved("id", t.name))
		}
		done[t.name] = true
	}
	for _, q := range later {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return 0, nil, fmt.Errorf("copy of references: %w", err)
		}
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id + ? FROM `+schema+`.branch`, offset["branch"]).Scan(&id)
	return id, counts, err
}

// mergeLists adds the package's option values and key posts that the file lacks, after its own.
func mergeLists(ctx context.Context, tx *sql.Tx, schema string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO main.option_list (list, value, sort)
		SELECT p.list, p.value, p.sort + coalesce((SELECT max(sort) FROM main.option_list o WHERE o.list = p.list), 0)
		FROM `+schema+`.option_list p WHERE NOT EXISTS (SELECT 1 FROM main.option_list o WHERE o.list = p.list AND o.value = p.value)`)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO main.key_post (name, sort)
		SELECT p.name, p.sort + (SELECT coalesce(max(sort), 0) FROM main.key_post)
		FROM `+schema+`.key_post p WHERE p.name NOT IN (SELECT name FROM main.key_post)`)
	return err
}

// Branches lists the branches of a consolidated file with the packages they came from, by 支部代码.
// A branch's own file has none.
func (db *DB) Branches(ctx context.Context) ([]data.ConsolidatedBranch, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT s.value, b.id, b.name, b.committee, b.unit, b.secretary, b.deputy, b.organisation, b.propaganda,
			b.discipline, b.phone, b.code
		FROM setting s JOIN branch b ON b.code = substr(s.key, ?) WHERE s.key LIKE ?`,
		len(settingBranchPrefix)+1, settingBranchPrefix+"%")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.ConsolidatedBranch
	for rows.Next() {
		var raw string
		var cb data.ConsolidatedBranch
		b := &cb.Branch
		if err := rows.Scan(&raw, &b.ID, &b.Name, &b.Committee, &b.Unit, &b.Secretary, &b.Deputy, &b.Organisation,
			&b.Propaganda, &b.Discipline, &b.Phone, &b.Code); err != nil {
			return nil, err
		}
		var rec consolidatedRecord
		if err := json.Unmarshal([]byte(raw), &rec); err != nil {
			return nil, fmt.Errorf("consolidated record of %s: %w", b.Code, err)
		}
		cb.ExportedAt, cb.ImportedAt, cb.File, cb.Counts = rec.Manifest.ExportedAt, rec.ImportedAt, rec.File, rec.Manifest.Counts
		out = append(out, cb)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b data.ConsolidatedBranch) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

// The reads below take an explicit branch, for the consolidated reports; the store's other lists
// keep to the current branch.

// BranchMembers lists the members on the roll (在册) of branch id in roster order.
func (db *DB) BranchMembers(ctx context.Context, id int64) ([]data.Member, error) {
	return db.listMembers(ctx, id, []string{`roll_status = ?`}, []any{data.RollIn})
}

// BranchGroups lists the Party groups of branch id in name order.
func (db *DB) BranchGroups(ctx context.Context, id int64) ([]data.Group, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, branch_id, name, leader_id, area FROM party_group WHERE branch_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gs []data.Group
	for rows.Next() {
		var g data.Group
		var leader sql.NullInt64
		if err := rows.Scan(&g.ID, &g.BranchID, &g.Name, &leader, &g.Area); err != nil {
			return nil, err
		}
		g.LeaderID = leader.Int64
		gs = append(gs, g)
	}
	data.SortGroups(gs)
	return gs, rows.Err()
}

// BranchTeams lists the work teams of branch id in name order.
func (db *DB) BranchTeams(ctx context.Context, id int64) ([]data.Team, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, branch_id, name, category, group_id FROM team WHERE branch_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []data.Team
	for rows.Next() {
		var t data.Team
		var group sql.NullInt64
		if err := rows.Scan(&t.ID, &t.BranchID, &t.Name, &t.Category, &group); err != nil {
			return nil, err
		}
		t.GroupID = group.Int64
		ts = append(ts, t)
	}
	data.SortTeams(ts)
	return ts, rows.Err()
}

// BranchInspections lists the inspections of branch id held in [from, to] (zero dates do not
// limit), newest first, with their inspectors and findings.
func (db *DB) BranchInspections(ctx context.Context, id int64, from, to data.Date) ([]data.Inspection, error) {
	where, args := []string{`i.branch_id = ?`}, []any{id}
	if !from.IsZero() {
		where, args = append(where, `i.date >= ?`), append(args, from.String())
	}
	if !to.IsZero() {
		where, args = append(where, `i.date <= ?`), append(args, to.String())
	}
	return loadInspections(ctx, db.db, strings.Join(where, ` AND `), args...)
}

// BranchCounts counts each branch's records of data.StatEntities dated in p (a branch with none
// of any is left out: its counts are all 0).
func (db *DB) BranchCounts(ctx context.Context, p data.Period) (map[int64][]int, error) {
	ents := data.StatEntities()
	out := map[int64][]int{}
	for i, e := range ents {
		rows, err := db.db.QueryContext(ctx, `SELECT branch_id, count(*) FROM `+e.Table+` WHERE `+e.Dated+` BETWEEN ? AND ?
			GROUP BY branch_id`, p.From.String(), p.To.String())
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return nil, err
			}
			if out[id] == nil {
				out[id] = make([]int, len(ents))
			}
			out[id][i] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// BranchFindings lists the findings of branch id found in [from, to] (zero dates do not limit) by
// 发现日期, then id.
func (db *DB) BranchFindings(ctx context.Context, id int64, from, to data.Date) ([]data.Finding, error) {
	where, args := []string{`branch_id = ?`}, []any{id}
	if !from.IsZero() {
		where, args = append(where, `found_date >= ?`), append(args, from.String())
	}
	if !to.IsZero() {
		where, args = append(where, `found_date <= ?`), append(args, to.String())
	}
	return queryFindings(ctx, db.db, `WHERE `+strings.Join(where, ` AND `)+` ORDER BY found_date, id`, args...)
}

// BranchAssessments lists the assessments of kind of every branch whose period lies in p, with
// their items and subject names, by branch id, then period, then id.
func (db *DB) BranchAssessments(ctx context.Context, kind string, p data.Period) ([]data.Assessment, error) {
	as, err := loadAssessments(ctx, db.db, `a.kind = ? AND a.period_from >= ? AND a.period_to <= ?`,
		kind, p.From.String(), p.To.String())
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(as, func(a, b data.Assessment) int {
		return cmp.Or(cmp.Compare(a.BranchID, b.BranchID), cmp.Compare(a.Period.From.String(), b.Period.From.String()),
			cmp.Compare(a.Period.To.String(), b.Period.To.String()), cmp.Compare(a.ID, b.ID))
	})
	return as, nil
}

var _ data.ExchangeStore = (*DB)(nil)
