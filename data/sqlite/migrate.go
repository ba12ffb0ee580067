package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"branchledger/data"
)

// Migrations are numbered files migrations/NNNN_what.sql, applied in order, each in one transaction,
// forward only: a released migration is never edited, a change is a new file. The version reached
// is kept in PRAGMA user_version.
//
//go:embed migrations/*.sql
var embedded embed.FS

func migrationsFS() fs.FS {
	sub, err := fs.Sub(embedded, "migrations")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// latestVersion is the schema version this program writes: the number of its migrations.
func latestVersion() int {
	ms, err := loadMigrations(migrationsFS())
	if err != nil {
		panic(err) // the embedded migrations are tested
	}
	return len(ms)
}

// applicationID marks a file as a 支部台账 data file (PRAGMA application_id, "ZBTZ"), so that some
// other program's SQLite file is refused instead of being migrated.
const applicationID = 0x5A42545A

type migration struct {
	version int
	name    string
}

// loadMigrations lists the *.sql files of fsys, which must be numbered 1, 2, 3… without gaps.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil || v < 1 {
			return nil, fmt.Errorf("migration %q: the name must start with its number, e.g. 0002_what.sql", e.Name())
		}
		ms = append(ms, migration{v, e.Name()})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %q: expected number %d (no gaps or duplicates)", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate brings the file to the newest version in fsys. A file with a schema is backed up first;
// one from a newer program is refused untouched.
func (db *DB) migrate(ctx context.Context, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	// One connection throughout: foreign_keys is per connection, and must be off (outside any
	// transaction) for a migration that rebuilds a table, as SQLite's ALTER TABLE guide says.
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()

	var version int
	if err := conn.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	switch {
	case version > len(ms):
		return newerVersion(db.path, version)
	case version == len(ms):
		return nil
	}
	if version > 0 {
		if err := db.backupBeforeMigration(ctx, conn, version); err != nil {
			return err
		}
	}

	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	for _, m := range ms[version:] {
		if err := applyMigration(ctx, conn, fsys, m); err != nil {
			return err
		}
	}
	_, err = conn.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	return err
}

func applyMigration(ctx context.Context, conn *sql.Conn, fsys fs.FS, m migration) error {
	script, err := fs.ReadFile(fsys, m.name)
	if err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(script)); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	// Foreign keys are off while migrating, so check what the migration left behind.
	var violations int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&violations); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if violations > 0 {
		return fmt.Errorf("migration %s leaves %d foreign key violations", m.name, violations)
	}
	// PRAGMAs take no parameters; both values are integers of ours.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, applicationID, m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// backupBeforeMigration writes a consistent copy of the file beside it with VACUUM INTO:
// <name>.迁移前备份-v<old>-<yyyymmdd-hhmmss>.db.
// identify refuses a file that is not ours: not SQLite at all, another program's SQLite file (tables
// but no version, or a foreign application_id), or a damaged one. It looks through a connection
// without the DSN pragmas, since journal_mode=WAL would already rewrite a foreign file's header.
// When migrations is not nil, a file of a version they know must also hold exactly the schema they
// create for it (verifySchema); a newer one is left to migrate's refusal.
func identify(ctx context.Context, path string, migrations fs.FS) error {
	probe, err := sql.Open(driverName, path)
	if err != nil {
		return err
	}
	defer probe.Close()
	version, err := identifyWith(ctx, probe, path)
	if err != nil || version == 0 || migrations == nil {
		return err
	}
	if ms, err := loadMigrations(migrations); err != nil || version > len(ms) {
		return err
	}
	_, err = verifySchema(ctx, probe, "main", migrations, filepath.Base(path))
	return err
}

// identifyWith is identify's test on an open connection; it returns the file's schema version (0 for
// a new, empty file).
func identifyWith(ctx context.Context, q querier, path string) (version int, err error) {
	var appID, objects int
	err = q.QueryRowContext(ctx, `
		SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),
			(SELECT count(*) FROM sqlite_master)`).Scan(&version, &appID, &objects)
	switch {
	case err != nil:
		return 0, err
	case version == 0 && (objects > 0 || appID != 0), version > 0 && appID != applicationID:
		return 0, notLedgerFile(filepath.Base(path))
	}
	return version, nil
}

// newerVersion refuses a file written by a newer program.
func newerVersion(path string, version int) error {
	return data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」由更新版本的支部台账创建（结构版本 %d），请升级程序后再打开", filepath.Base(path), version))
}

func (db *DB) backupBeforeMigration(ctx context.Context, conn *sql.Conn, version int) error {
	dir, base := filepath.Split(db.path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	name := fmt.Sprintf("%s.迁移前备份-v%d-%s", stem, version, db.now().Format("20060102-150405"))
	target := filepath.Join(dir, name+DataFileExt)
	// VACUUM INTO refuses an existing file; two starts within a second get numbered names.
	for i := 2; fileExists(target); i++ {
		target = filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, i))
	}
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, target); err != nil {
		return data.Errorf(data.EInvalid, fmt.Sprintf("升级数据文件前无法写入备份「%s」（%v）。数据文件没有改动；请检查磁盘空间和文件夹的写入权限后再打开", target, err))
	}
	return nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
