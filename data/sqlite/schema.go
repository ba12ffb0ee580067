package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"branchledger/data"
)

// A file from outside (a package, a backup, a data file found on a USB stick) is used only when its
// schema is exactly what this program's migrations create for its version (issue 16): a view in
// place of a table, an extra table, a trigger or a changed column could make a query run for hours
// or do what the program never meant, and a checksum proves only that the file was not damaged.

// outsideReadLimit bounds the checks of a file from outside (opening, restoring, each package): a
// query go-sqlite3 runs under a context past its deadline is interrupted, so that even a crafted
// file a check misses cannot hang the program. Tests shorten it.
var outsideReadLimit = 2 * time.Minute

// packageCopyLimit bounds the copy of one package's rows (named by its file) into the consolidated
// file, after its checks passed: the copy reads outside data too. Tests shorten it for one package.
var packageCopyLimit = func(file string) time.Duration { return outsideReadLimit }

// boundedCheck runs check under outsideReadLimit; when the limit cut it short, the error is a
// refusal naming the file instead of the interrupted query's.
func boundedCheck[T any](ctx context.Context, name string, check func(context.Context) (T, error)) (T, error) {
	return bounded(ctx, "检查", name, outsideReadLimit, check)
}

// bounded runs work (what it does to the file named name, in Chinese: verb) under limit; when the
// limit cut it short, the error is a refusal naming the file instead of the interrupted query's.
func bounded[T any](ctx context.Context, verb, name string, limit time.Duration, work func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	v, err := work(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return v, cutShortRefusal(verb, name, limit)
	}
	return v, err
}

// cutShortRefusal is the refusal of a file whose reading (verb, in Chinese) limit cut short.
func cutShortRefusal(verb, name string, limit time.Duration) error {
	return data.Errorf(data.EInvalid, fmt.Sprintf("%s「%s」超过了 %d 秒仍未完成，文件可能被改动过，已拒绝使用；没有任何改动", verb, name, int(limit/time.Second)))
}

// schemaObject is one row of sqlite_master: what the schema holds, with its CREATE statement (empty
// for SQLite's automatic indexes).
type schemaObject struct {
	typ, name, table, sql string
}

// ourMigrations is the embedded migrations that Open applies; the schemas they create are built
// once (expectedSchemas).
var ourMigrations = migrationsFS()

var ourSchemas struct {
	once     sync.Once
	versions [][]schemaObject
	err      error
}

// expectedSchemas returns, for each version v of fsys's migrations up to upTo (all: -1), the
// objects of a fresh database migrated to v (index 0: none), built by applying the migrations
// themselves to an in-memory database rather than from a hand-written list. Those of this
// program's own migrations are built once; other sets are tests' and are built up to upTo only.
func expectedSchemas(ctx context.Context, fsys fs.FS, upTo int) ([][]schemaObject, error) {
	if fsys != ourMigrations {
		return buildSchemas(ctx, fsys, upTo)
	}
	ourSchemas.once.Do(func() {
		ourSchemas.versions, ourSchemas.err = buildSchemas(context.Background(), ourMigrations, -1)
	})
	return ourSchemas.versions, ourSchemas.err
}

func buildSchemas(ctx context.Context, fsys fs.FS, upTo int) ([][]schemaObject, error) {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return nil, err
	}
	if upTo >= 0 && upTo < len(ms) {
		ms = ms[:upTo]
	}
	mem, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	defer mem.Close()
	// An in-memory database lives in its connection: one connection throughout.
	conn, err := mem.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return nil, err
	}
	versions := make([][]schemaObject, len(ms)+1)
	for i, m := range ms {
		if err := applyMigration(ctx, conn, fsys, m); err != nil {
			return nil, err
		}
		if versions[i+1], err = readSchema(ctx, conn, "main"); err != nil {
			return nil, err
		}
	}
	return versions, nil
}

// readSchema lists the objects of the database attached as schema (main or a name of ours). The
// statistics tables ANALYZE may leave are left out: they change no result.
func readSchema(ctx context.Context, q querier, schema string) ([]schemaObject, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, coalesce(sql, '') FROM `+schema+`.sqlite_master
		WHERE name NOT LIKE 'sqlite\_stat%' ESCAPE '\' ORDER BY type, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var objs []schemaObject
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		objs = append(objs, o)
	}
	return objs, rows.Err()
}

// verifySchema checks the database attached as schema (main for an opened one) against what the
// migrations of fsys create: a known version (newer: upgrade the program first) and exactly the
// same tables, columns, indexes, views and triggers. It reads only the schema, never a row, so a
// crafted view or trigger is not run. name is the file as the user knows it, for the refusal.
func verifySchema(ctx context.Context, q querier, schema string, fsys fs.FS, name string) (version int, err error) {
	if err := q.QueryRowContext(ctx, `PRAGMA `+schema+`.user_version`).Scan(&version); err != nil {
		return 0, err
	}
	want, err := expectedSchemas(ctx, fsys, version)
	if err != nil {
		return 0, err
	}
	if version < 0 || version >= len(want) {
		return 0, newerVersion(name, version)
	}
	got, err := readSchema(ctx, q, schema)
	if err != nil {
		return 0, err
	}
	if diffs := schemaDiff(want[version], got); len(diffs) > 0 {
		return 0, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」的结构与本程序（结构版本 %d）创建的不符：%s。"+
			"它可能被其他程序改动过，不能使用；文件没有改动", name, version, strings.Join(diffs, "；")))
	}
	return version, nil
}

// schemaDiff says, in Chinese, how got differs from want: the objects missing, the extra ones and the
// changed ones (the first few).
func schemaDiff(want, got []schemaObject) []string {
	key := func(o schemaObject) string { return o.typ + "\x00" + o.name }
	wants := make(map[string]schemaObject, len(want))
	for _, o := range want {
		wants[key(o)] = o
	}
	var diffs []string
	seen := map[string]bool{}
	for _, o := range got {
		k := key(o)
		seen[k] = true
		w, ok := wants[k]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("多出%s「%s」", objectNoun(o.typ), o.name))
		case w != o:
			diffs = append(diffs, fmt.Sprintf("%s「%s」的定义不同", objectNoun(o.typ), o.name))
		}
	}
	for _, o := range want {
		if !seen[key(o)] {
			diffs = append(diffs, fmt.Sprintf("缺少%s「%s」", objectNoun(o.typ), o.name))
		}
	}
	const shown = 5
	if len(diffs) > shown {
		diffs = append(diffs[:shown], fmt.Sprintf("等共 %d 处", len(diffs)))
	}
	return diffs
}

func objectNoun(typ string) string {
	switch typ {
	case "table":
		return "表"
	case "index":
		return "索引"
	case "view":
		return "视图"
	case "trigger":
		return "触发器"
	}
	return "对象"
}
