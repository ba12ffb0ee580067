package sqlite

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"branchledger/data"
)

// Setting keys of consolidation: the mark of a consolidated file (汇总库) and, per 支部代码, the
// record of the package it holds (a consolidatedRecord in JSON).
const (
	settingConsolidated = "exchange.consolidated"
	settingBranchPrefix = "exchange.branch."
)

// IsConsolidated reports whether the file is a consolidated file (汇总库): one that holds the
// branches of imported packages rather than a branch's own records.
func (db *DB) IsConsolidated(ctx context.Context) (bool, error) {
	return isConsolidated(ctx, db.db)
}

// CheckImportable refuses an import into a 汇总库 before it is planned (the imports refuse it
// again in their own transaction).
func (db *DB) CheckImportable(ctx context.Context) error { return refuseConsolidated(ctx, db.db) }

// refuseConsolidated refuses an import into a 汇总库: it keeps only the packages of its branches,
// and an import would land in whichever branch came first.
func refuseConsolidated(ctx context.Context, q querier) error {
	cons, err := isConsolidated(ctx, q)
	if err == nil && cons {
		err = refuse("这是汇总库，只保存各支部上报的数据，不能导入；请导入到党支部自己的数据文件")
	}
	return err
}

func isConsolidated(ctx context.Context, q querier) (bool, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM setting WHERE key = ?`, settingConsolidated).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return v == "1", err
}

// schemaVersion is the newest schema this program knows.
func schemaVersion() (int, error) {
	ms, err := loadMigrations(migrationsFS())
	return len(ms), err
}

// ExportPackage writes the 上报数据包 of the file's branch to path (SPEC §9): a zip of manifest.json
// and data.db, a consistent copy made with VACUUM INTO while the program keeps running. A branch
// without 支部代码 or 名称, or a consolidated file, is refused. The zip is written beside path and
// renamed over it only when complete, so a failed export never leaves half a package.
func (db *DB) ExportPackage(ctx context.Context, path, programVersion string) (data.Manifest, error) {
	var m data.Manifest
	if cons, err := db.IsConsolidated(ctx); err != nil || cons {
		return m, cmpErr(err, data.Errorf(data.EInvalid, "这是汇总库，不能导出上报数据包；请在支部自己的数据文件中导出"))
	}
	b, err := db.Branch(ctx)
	if err != nil {
		return m, err
	}
	if b.Code == "" || b.Name == "" {
		return m, data.Errorf(data.EInvalid, "导出上报数据包前，请先在“数据与设置 → 支部信息”中填写支部名称和支部代码（支部代码由上级党委统一分配）")
	}
	dir, err := os.MkdirTemp("", "branchledger-package-*")
	if err != nil {
		return m, err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, data.PackageData)
	if err := db.packageCopy(ctx, copyPath); err != nil {
		return m, err
	}
	m = data.Manifest{
		Format: data.PackageFormat, BranchCode: b.Code, BranchName: b.Name, Committee: b.Committee,
		ExportedAt: db.now().UTC().Truncate(time.Second), ProgramVersion: programVersion,
	}
	if m.SchemaVersion, err = schemaVersion(); err != nil {
		return m, err
	}
	if m.Counts, err = countRecords(ctx, copyPath); err != nil {
		return m, err
	}
	if m.DataSHA256, err = fileSHA256(copyPath); err != nil {
		return m, err
	}
	if err := writePackage(path, m, copyPath); err != nil {
		return m, data.Errorf(data.EInvalid, fmt.Sprintf("无法写入上报数据包「%s」：%v。请检查磁盘空间和文件夹的写入权限，或换一个位置", path, err))
	}
	return m, nil
}

// packageCopy writes the data.db of a package to path: a consistent copy of the file (VACUUM INTO)
// without the rows of the program's own bookkeeping that the registry says are never exported (the
// operation log and the recycle bin: data.ScopeProgram), which consolidation never reads and which
// made up most of a package. The settings stay: consolidation reads the mark of a consolidated file
// there.
func (db *DB) packageCopy(ctx context.Context, path string) error {
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("copy of the data file: %w", err)
	}
	f, err := sql.Open(driverName, path)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, e := range data.Entities {
		if e.Scope == data.ScopeProgram && e.Table != "setting" {
			if _, err := f.ExecContext(ctx, `DELETE FROM `+quote(e.Table)); err != nil {
				return fmt.Errorf("copy of the data file: %w", err)
			}
		}
	}
	if _, err := f.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("copy of the data file: %w", err)
	}
	return f.Close()
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// countRecords counts the rows of each branch table of the data file at path.
func countRecords(ctx context.Context, path string) (map[string]int, error) {
	f, err := sql.Open(driverName, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return countTables(ctx, f, "main")
}

func countTables(ctx context.Context, q querier, schema string) (map[string]int, error) {
	tables, err := branchTables(ctx, q, schema)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, t := range tables {
		if t.name == "branch" {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+schema+`.`+quote(t.name)).Scan(&n); err != nil {
			return nil, err
		}
		counts[t.name] = n
	}
	return counts, nil
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writePackage writes the zip to a temporary file beside path and renames it over path.
func writePackage(path string, m data.Manifest, dbPath string) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".上报数据包-*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	zw := zip.NewWriter(tmp)
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	hdr := &zip.FileHeader{Name: data.PackageManifest, Method: zip.Deflate, Modified: m.ExportedAt}
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	if _, err := w.Write(manifest); err != nil {
		return err
	}
	hdr = &zip.FileHeader{Name: data.PackageData, Method: zip.Deflate, Modified: m.ExportedAt}
	if w, err = zw.CreateHeader(hdr); err != nil {
		return err
	}
	src, err := os.Open(dbPath)
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := io.Copy(w, src); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// tableInfo is what the generic copy of consolidation needs to know of a table.
type tableInfo struct {
	name    string
	columns []string
	hasID   bool              // an INTEGER PRIMARY KEY named id
	refs    map[string]string // column → the branch table it refers to
	branch  bool              // has a branch_id column
}

// branchTables lists the tables holding a branch's records, found from the schema so that a table
// added by a later migration is carried along without changing this code: the branch table, every
// table with a branch_id column, and every table referring to one of those (inspector,
// finding_history). Settings, option lists and tables of the program itself (logs) are not among
// them.
func branchTables(ctx context.Context, q querier, schema string) ([]tableInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM `+schema+`.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	all := map[string]*tableInfo{}
	fks := map[string]map[string]string{} // table → column → referenced table
	for _, n := range names {
		t := &tableInfo{name: n, refs: map[string]string{}}
		cols, err := q.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?, ?)`, n, schema)
		if err != nil {
			return nil, err
		}
		for cols.Next() {
			var col, typ string
			var pk int
			if err := cols.Scan(&col, &typ, &pk); err != nil {
				cols.Close()
				return nil, err
			}
			t.columns = append(t.columns, col)
			t.hasID = t.hasID || col == "id" && pk == 1 && strings.EqualFold(typ, "INTEGER")
			t.branch = t.branch || col == "branch_id"
		}
		cols.Close()
		fk, err := q.QueryContext(ctx, `SELECT "from", "table" FROM pragma_foreign_key_list(?, ?)`, n, schema)
		if err != nil {
			return nil, err
		}
		fks[n] = map[string]string{}
		for fk.Next() {
			var from, to string
			if err := fk.Scan(&from, &to); err != nil {
				fk.Close()
				return nil, err
			}
			fks[n][from] = to
		}
		fk.Close()
		all[n] = t
	}
	in := map[string]bool{"branch": all["branch"] != nil}
	for _, t := range all {
		in[t.name] = in[t.name] || t.branch
	}
	for changed := true; changed; {
		changed = false
		for n, refs := range fks {
			for _, to := range refs {
				if in[to] && !in[n] {
					in[n], changed = true, true
				}
			}
		}
	}
	var out []tableInfo
	for _, n := range names {
		if !in[n] {
			continue
		}
		t := all[n]
		for col, to := range fks[n] {
			if in[to] {
				t.refs[col] = to
			}
		}
		out = append(out, *t)
	}
	return parentsFirst(out), nil
}

// parentsFirst orders tables so that a table comes after those it refers to. A cycle (groups and
// their leaders) is broken at the table on it with the fewest references to tables not yet placed:
// those references are the ones copyBranch sets afterwards.
func parentsFirst(tables []tableInfo) []tableInfo {
	slices.SortFunc(tables, func(a, b tableInfo) int { return strings.Compare(a.name, b.name) })
	byName := map[string]tableInfo{}
	for _, t := range tables {
		byName[t.name] = t
	}
	var out []tableInfo
	done := map[string]bool{}
	pending := func(t tableInfo) (n int) {
		for _, to := range t.refs {
			if to != t.name && !done[to] {
				n++
			}
		}
		return n
	}
	// onCycle reports whether t refers, through tables not yet placed, back to itself.
	onCycle := func(t tableInfo) bool {
		seen := map[string]bool{}
		var reach func(n string) bool
		reach = func(n string) bool {
			for _, to := range byName[n].refs {
				if to == t.name && n != t.name {
					return true
				}
				if to != n && !done[to] && !seen[to] {
					seen[to] = true
					if reach(to) {
						return true
					}
				}
			}
			return false
		}
		return reach(t.name)
	}
	for len(out) < len(tables) {
		progressed := false
		for _, t := range tables {
			if !done[t.name] && pending(t) == 0 {
				out, done[t.name], progressed = append(out, t), true, true
			}
		}
		if progressed {
			continue
		}
		pick := -1
		for i, t := range tables {
			if !done[t.name] && onCycle(t) && (pick < 0 || pending(t) < pending(tables[pick])) {
				pick = i
			}
		}
		out, done[tables[pick].name] = append(out, tables[pick]), true
	}
	return out
}

// quote quotes an identifier read from the schema.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
