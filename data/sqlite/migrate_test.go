package sqlite

import (
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"branchledger/data"
)

// A fake history: version 1 makes a table with a row, version 2 adds a column.
var (
	fakeV1 = fstest.MapFS{
		"0001_start.sql": {Data: []byte(`CREATE TABLE note (text TEXT NOT NULL); INSERT INTO note VALUES ('旧数据');`)},
	}
	fakeV2 = fstest.MapFS{
		"0001_start.sql": fakeV1["0001_start.sql"],
		"0002_more.sql":  {Data: []byte(`ALTER TABLE note ADD COLUMN extra TEXT NOT NULL DEFAULT ''; INSERT INTO note VALUES ('新数据', '有');`)},
		"README.txt":     {Data: []byte("not a migration")},
	}
)

func openFake(t *testing.T, path string, fsys fs.FS) (*DB, error) {
	t.Helper()
	db, err := open(path, fsys)
	if err == nil {
		t.Cleanup(func() { db.Close() })
	}
	return db, err
}

// rawQuery reads one value from a file without the store, as an outsider would.
func rawQuery(t *testing.T, path, query string) string {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s on %s: %v", query, filepath.Base(path), err)
	}
	return v
}

// fakeFile is a file of fsys's schema in a new folder, closed again: what a test then opens.
func fakeFile(t *testing.T, fsys fs.FS) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "ledger.db")
	db, err := openFake(t, path, fsys)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return dir, path
}

// checkRaw checks that query, read from the file at path as an outsider would, answers want;
// what names the value in the failure.
func checkRaw(t *testing.T, path, query, want, what string) {
	t.Helper()
	if v := rawQuery(t, path, query); v != want {
		t.Errorf("%s = %q, want %q", what, v, want)
	}
}

// migrationsBefore is the embedded migrations numbered below version ("0011"): the schema a file
// of an older program has.
func migrationsBefore(t *testing.T, version string) fstest.MapFS {
	t.Helper()
	names, err := fs.Glob(migrationsFS(), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	before := fstest.MapFS{}
	for _, n := range names {
		if n < version {
			b, err := fs.ReadFile(migrationsFS(), n)
			if err != nil {
				t.Fatal(err)
			}
			before[n] = &fstest.MapFile{Data: b}
		}
	}
	return before
}

// migrateFrom makes a new file of the schema before, lets change alter it as a user of that older
// program could, and opens it with this program, which migrates it.
func migrateFrom(t *testing.T, before fs.FS, change func(old *DB, path string)) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledger.db")
	old, err := openFake(t, path, before)
	if err != nil {
		t.Fatal(err)
	}
	change(old, path)
	old.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func backups(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "ledger.迁移前备份-*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestMigrationWritesBackupFirst(t *testing.T) {
	dir, path := fakeFile(t, fakeV1)
	if b := backups(t, dir); len(b) != 0 {
		t.Fatalf("a new file got a backup: %v", b)
	}

	if _, err := openFake(t, path, fakeV2); err != nil {
		t.Fatal(err)
	}
	b := backups(t, dir)
	if len(b) != 1 {
		t.Fatalf("backups = %v, want one", b)
	}
	if name := filepath.Base(b[0]); !regexp.MustCompile(`^ledger\.迁移前备份-v1-\d{8}-\d{6}\.db$`).MatchString(name) {
		t.Errorf("backup name %q", name)
	}
	// The backup is the file as it was: version 1, its row, no new column.
	checkRaw(t, b[0], `PRAGMA user_version`, "1", "backup version")
	checkRaw(t, b[0], `SELECT group_concat(text) FROM note`, "旧数据", "backup rows")
	checkRaw(t, b[0], `SELECT count(*) FROM pragma_table_info('note') WHERE name = 'extra'`, "0", "version 2's column in the backup")
	checkRaw(t, path, `PRAGMA user_version`, "2", "migrated version")
	checkRaw(t, path, `SELECT group_concat(text || extra) FROM note`, "旧数据,新数据有", "migrated rows")

	// An up-to-date file is opened without another backup.
	if _, err := openFake(t, path, fakeV2); err != nil {
		t.Fatal(err)
	}
	if b := backups(t, dir); len(b) != 1 {
		t.Errorf("backups after reopening = %v", b)
	}
}

func TestFailedMigrationChangesNothing(t *testing.T) {
	dir, path := fakeFile(t, fakeV1)
	broken := fstest.MapFS{
		"0001_start.sql": fakeV1["0001_start.sql"],
		"0002_broken.sql": {Data: []byte(`ALTER TABLE note ADD COLUMN extra TEXT NOT NULL DEFAULT '';
			UPDATE note SET extra = 'x'; INSERT INTO nowhere VALUES (1);`)},
	}
	if _, err := openFake(t, path, broken); err == nil {
		t.Fatal("a broken migration succeeded")
	}
	checkRaw(t, path, `PRAGMA user_version`, "1", "version after a failed migration")
	checkRaw(t, path, `SELECT count(*) FROM pragma_table_info('note') WHERE name = 'extra'`, "0", "the failed migration's column kept")
	if b := backups(t, dir); len(b) != 1 {
		t.Errorf("backups = %v, want the one written before trying", b)
	}
}

func TestNewerFileRefused(t *testing.T) {
	dir, path := fakeFile(t, fakeV2)
	_, err := openFake(t, path, fakeV1)
	wantCode(t, err, data.EInvalid)
	if want := "数据文件「ledger.db」由更新版本的支部台账创建（结构版本 2），请升级程序后再打开"; data.ErrorMessage(err) != want {
		t.Errorf("message = %q, want %q", data.ErrorMessage(err), want)
	}
	checkRaw(t, path, `PRAGMA user_version`, "2", "version")
	if b := backups(t, dir); len(b) != 0 {
		t.Errorf("a refused file got a backup: %v", b)
	}
}

func TestMigrationNumbering(t *testing.T) {
	sql := &fstest.MapFile{Data: []byte(`SELECT 1;`)}
	tests := []struct {
		name  string
		files []string
		ok    bool
	}{
		{"gap after 2", []string{"0001_a.sql", "0002_b.sql", "0010_j.sql"}, false},
		{"gap", []string{"0001_a.sql", "0003_c.sql"}, false},
		{"twice the same number", []string{"0001_a.sql", "0001_b.sql"}, false},
		{"no number", []string{"0001_a.sql", "init.sql"}, false},
		{"zero", []string{"0000_a.sql"}, false},
		{"contiguous", []string{"0002_b.sql", "0001_a.sql", "0003_c.sql"}, true},
		{"none", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys[f] = sql
			}
			ms, err := loadMigrations(fsys)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok = %v", err, tt.ok)
			}
			for i, m := range ms {
				if m.version != i+1 {
					t.Errorf("migration %d has version %d", i, m.version)
				}
			}
		})
	}
}

func TestEmbeddedMigrations(t *testing.T) {
	ms, err := loadMigrations(migrationsFS())
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].name != "0001_init.sql" {
		t.Fatalf("embedded migrations = %v", ms)
	}
	db := openTemp(t)
	var version, appID int
	if err := db.db.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)`).Scan(&version, &appID); err != nil {
		t.Fatal(err)
	}
	if version != len(ms) || appID != applicationID {
		t.Errorf("user_version = %d, application_id = %#x; want %d, %#x", version, appID, len(ms), applicationID)
	}
}

// The schema's CHECKs must accept every value the program offers and refuse anything else.
func TestSchemaChecks(t *testing.T) {
	db := openTemp(t)
	m := mustCreate(t, db, newMember("张三", 3))
	g, tm := groupAndTeam(t, db)
	set := func(table, column string, id int64, v any) error {
		_, err := db.db.Exec(`UPDATE `+table+` SET `+column+` = ? WHERE id = ?`, v, id)
		return err
	}
	accepted := []struct {
		table, column string
		values        []string
	}{
		{"member", "sex", data.Sexes},
		{"member", "ethnicity", data.Ethnicities},
		{"member", "education", append([]string{""}, data.Educations...)},
		{"member", "category", data.Categories},
		{"member", "party_status", data.PartyStates},
		{"member", "party_role", data.PartyRoles},
		{"member", "roll_status", data.RollStates},
		{"member", "full_date", []string{"", "2000-02-29", "2026-12-31"}},
		{"member", "id_number", []string{"13020319850512003X", "130203198505120030"}},
		{"team", "category", append([]string{""}, data.TeamCategories...)},
	}
	for _, a := range accepted {
		id := m.ID
		if a.table == "team" {
			id = tm.ID
		}
		for _, v := range a.values {
			if err := set(a.table, a.column, id, v); err != nil {
				t.Errorf("%s.%s = %q refused: %v", a.table, a.column, v, err)
			}
		}
	}
	refused := []struct {
		table, column string
		value         any
	}{
		{"member", "sex", "男性"},
		{"member", "ethnicity", "汉"},
		{"member", "ethnicity", ""},
		{"member", "education", "本科"},
		{"member", "category", "入党积极分子"},
		{"member", "party_status", ""},
		{"member", "party_role", "支委"},
		{"member", "roll_status", "离职"},
		{"member", "name", ""},
		{"member", "name", nil},
		{"member", "id_number", "13020319850512003x"},
		{"member", "id_number", "1302031985051200"},
		{"member", "birth_date", ""},
		{"member", "join_date", "2026/01/01"},
		{"member", "full_date", "2026-02-30"},
		{"member", "full_date", "2026-1-1"},
		{"member", "lost_date", "20260101"},
		{"member", "work_date", "2026-13-01"},
		{"member", "roll_date", " "},
		{"member", "lost_contact", 2},
		{"member", "floating", -1},
		{"member", "supervisor", "是"},
		{"member", "remark", nil},
		{"member", "group_id", 9999},
		{"member", "team_id", 9999},
		{"member", "branch_id", 9999},
		{"team", "category", "采矿"},
		{"team", "group_id", 9999},
		{"party_group", "leader_id", 9999},
		{"party_group", "name", ""},
	}
	for _, r := range refused {
		id := map[string]int64{"member": m.ID, "team": tm.ID, "party_group": g.ID}[r.table]
		if err := set(r.table, r.column, id, r.value); err == nil {
			t.Errorf("%s.%s = %#v accepted", r.table, r.column, r.value)
		}
	}
}

func TestNewFileHasBranchAndDefaultKeyPosts(t *testing.T) {
	db := openTemp(t)
	b, err := db.Branch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b != (data.Branch{ID: 1}) {
		t.Errorf("new file's branch = %+v, want an empty branch 1", b)
	}
	posts, err := db.KeyPosts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(posts, data.DefaultKeyPosts) {
		t.Errorf("key posts = %v, want %v", posts, data.DefaultKeyPosts)
	}
}

// A file of version 1 with data is migrated to 0002 on opening: a backup of version 1 first, every
// row kept, the new tables ready with their default lists.
func TestMigration0002OverVersion1(t *testing.T) {
	// Rows go in by hand: today's store methods also write tables of later versions (op_log).
	tm := data.Team{ID: 1, Name: "综采一班", Category: "采煤"}
	m := newMember("张三", 3)
	db := migrateFrom(t, migrationsBefore(t, "0002"), func(old *DB, _ string) {
		if _, err := old.db.Exec(`INSERT INTO team (id, branch_id, name, category) VALUES (1, 1, '综采一班', '采煤')`); err != nil {
			t.Fatal(err)
		}
		m.TeamID, m.Supervisor = tm.ID, true
		m = rawCreate(t, old, m)
		rawCreate(t, old, newMember("李四", 5))
	})
	dir, path := filepath.Dir(db.Path()), db.Path()
	defer db.Close()
	fixClock(db, clock)
	b := backups(t, dir)
	if len(b) != 1 || !strings.Contains(filepath.Base(b[0]), "迁移前备份-v1-") {
		t.Fatalf("backups %v", b)
	}
	checkRaw(t, b[0], `SELECT count(*) FROM member`, "2", "backup's members")
	checkRaw(t, b[0], `SELECT count(*) FROM sqlite_master WHERE name = 'finding'`, "0", "version 2's tables in the backup")
	if ms, _ := loadMigrations(migrationsFS()); rawQuery(t, path, `PRAGMA user_version`) != fmt.Sprint(len(ms)) {
		t.Errorf("version %s, want %d", rawQuery(t, path, `PRAGMA user_version`), len(ms))
	}
	if got, err := db.Member(ctx, m.ID); err != nil || got != m {
		t.Errorf("member after migrating: %+v, %v", got, err)
	}
	if n := countMembers(t, db); n != 2 {
		t.Errorf("%d members after migrating", n)
	}
	if cats, _ := db.Options(ctx, data.ListFindingCategories); !slices.Equal(cats, data.DefaultFindingCategories) {
		t.Errorf("categories %v", cats)
	}
	if levels, _ := db.Options(ctx, data.ListFindingLevels); !slices.Equal(levels, data.DefaultFindingLevels) {
		t.Errorf("levels %v", levels)
	}
	// The old members and teams take part in inspections.
	in := data.Inspection{Date: data.NewDate(2026, 11, 2), Kind: "四不两直督查", TeamID: tm.ID,
		Inspectors: []data.Inspector{{MemberID: m.ID, Lead: true}},
		Findings:   []data.Finding{{Category: "安全生产不实", Description: "端头支护不及时", Responsible: "张三", Deadline: data.NewDate(2026, 11, 5)}}}
	if err := db.SaveInspection(ctx, &in); err != nil {
		t.Fatal(err)
	}
	if in.Unit != "综采一班" || in.Inspectors[0].Name != "张三" || len(in.Findings) != 1 {
		t.Errorf("inspection in a migrated file: %+v", in)
	}
}

// rawCreate saves a member as CreateMember would, without the store's other tables.
func rawCreate(t *testing.T, db *DB, m data.Member) data.Member {
	t.Helper()
	m.Normalize()
	m.BranchID = 1
	stamp := db.stamp()
	res, err := db.db.Exec(insertMemberSQL, append([]any{m.BranchID, stamp, stamp}, memberValues(&m)...)...)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		t.Fatal(err)
	}
	m.CreatedAt, _ = parseStamp(stamp)
	m.UpdatedAt = m.CreatedAt
	return m
}
