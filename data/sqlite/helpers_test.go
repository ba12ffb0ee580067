package sqlite

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
)

var ctx = context.Background()

// openTemp opens a new data file in a test folder, closed at the end of the test.
func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "ledger.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// idNumber builds a valid ID number: born on birth, with sequence seq (odd = 男, even = 女).
func idNumber(birth data.Date, seq int) string {
	return data.IDNumberWithCheck(fmt.Sprintf("130203%04d%02d%02d%03d", birth.Year, int(birth.Month), birth.Day, seq%1000))
}

// newMember is a valid 正式党员 born 1985-05-12 with ID sequence seq; callers change what they test.
func newMember(name string, seq int) data.Member {
	return data.Member{
		Name:      name,
		IDNumber:  idNumber(data.NewDate(1985, 5, 12), seq),
		Ethnicity: "汉族",
		Category:  data.CategoryFull,
		JoinDate:  data.NewDate(2010, 7, 1),
		FullDate:  data.NewDate(2011, 7, 1),
	}
}

// manyMembers builds n valid members with distinct ID numbers (1000 per birth day).
func manyMembers(n int) []data.Member {
	ms := make([]data.Member, n)
	for i := range ms {
		birth := data.NewDate(1970, 1, 1).AddDays(i / 1000 * 37)
		join := birth.AddYears(25)
		ms[i] = data.Member{
			Name:      fmt.Sprintf("党员%05d", i),
			IDNumber:  idNumber(birth, i%1000),
			Ethnicity: data.Ethnicities[i%len(data.Ethnicities)],
			Education: data.Educations[i%len(data.Educations)],
			Category:  data.CategoryFull,
			JoinDate:  join,
			FullDate:  join.AddYears(1),
			Job:       "综采工",
			Mobile:    fmt.Sprintf("138%08d", i),
			Address:   "河北省唐山市路北区",
		}
	}
	return ms
}

func mustCreate(t testing.TB, db *DB, m data.Member) data.Member {
	t.Helper()
	if err := db.CreateMember(ctx, &m); err != nil {
		t.Fatalf("CreateMember(%s): %v", m.Name, err)
	}
	return m
}

func fieldErrors(t *testing.T, err error) data.FieldErrors {
	t.Helper()
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("want FieldErrors, got %T %v", err, err)
	}
	return fe
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := data.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

// fixClock makes the store's clock read t.
func fixClock(db *DB, t time.Time) { db.now = func() time.Time { return t } }

func countMembers(t testing.TB, db *DB) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM member`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// saveAll saves each record with save (a store's Save…), failing the test at the first refusal.
func saveAll[T any](t *testing.T, save func(context.Context, *T) error, recs ...*T) {
	t.Helper()
	for _, r := range recs {
		if err := save(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}

// novemberEvidence is db's A1 evidence of November 2026 as of the 23rd, the month the ledgers'
// tests fill.
func novemberEvidence(t *testing.T, db *DB) (data.A1Evidence, map[string][]data.EvidenceRef) {
	t.Helper()
	ev, refs, err := db.A1Evidence(ctx, data.MonthPeriod(2026, 11), day(23))
	if err != nil {
		t.Fatal(err)
	}
	return ev, refs
}

// reopen closes db and opens its file again, closed when t ends: what a save leaves after the
// program restarts.
func reopen(t *testing.T, db *DB) *DB {
	t.Helper()
	db.Close()
	again, err := Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

// groupAndTeam saves 第一党小组 and 综采一班 in db, for tests whose members belong to both.
func groupAndTeam(t *testing.T, db *DB) (data.Group, data.Team) {
	t.Helper()
	g, tm := data.Group{Name: "第一党小组"}, data.Team{Name: "综采一班"}
	saveAll(t, db.SaveGroup, &g)
	saveAll(t, db.SaveTeam, &tm)
	return g, tm
}
