package demo

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

// benchOrgLifeStore is a branch of 500 members with ten years of activities (about 60 a year, every
// member in scope).
func benchOrgLifeStore(b *testing.B) (*sqlite.DB, data.Date) {
	b.Helper()
	today := data.Today()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if err := LoadOrgLifeBench(context.Background(), db, 500, 10, today); err != nil {
		b.Fatal(err)
	}
	return db, today
}

// checkBudget fails the benchmark when one operation since start took longer than budget on
// average.
func checkBudget(b *testing.B, start time.Time, budget time.Duration) {
	if per := time.Since(start) / time.Duration(b.N); per > budget {
		b.Errorf("%v per operation, budget %v", per, budget)
	}
}

const budgetBenchmarkOrgLifeYear500 = 50 * time.Millisecond

// BenchmarkOrgLifeYear500 works out a year's view (R14 rows) and R13 figures from the file.
func BenchmarkOrgLifeYear500(b *testing.B) {
	db, today := benchOrgLifeStore(b)
	ctx := context.Background()
	year := today.Year - 1
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		rows, err := data.LoadOrgLifePlan(ctx, db, year, today)
		if err != nil || len(rows) == 0 {
			b.Fatal(rows, err)
		}
		stats, err := data.LoadAttendance(ctx, db, data.YearPeriod(year))
		if err != nil || len(stats) < 400 {
			b.Fatal(len(stats), err)
		}
	}
	checkBudget(b, start, budgetBenchmarkOrgLifeYear500)
}

const budgetBenchmarkExportAttendance500 = time.Second

// BenchmarkExportAttendance500 exports R13 for a year through the catalogue.
func BenchmarkExportAttendance500(b *testing.B) {
	db, today := benchOrgLifeStore(b)
	ctx := context.Background()
	in := catalog.Input{Meta: reports.Meta{Branch: "综采一队党支部", Date: today}, Period: data.YearPeriod(today.Year - 1)}
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		res, err := catalog.ByID("R13").Load(ctx, db, in)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := res.Write(&buf); err != nil {
			b.Fatal(err)
		}
	}
	checkBudget(b, start, budgetBenchmarkExportAttendance500)
}
