package sqlite

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/internal/benchkit"
)

// Budgets of the consolidation benchmarks (issue 17), on a 2-core machine: 300 packages in 5 s,
// 1,000 in 20 s, with a peak of memory that does not grow with the number of packages.
const (
	budgetBenchmarkConsolidate300   = 5 * time.Second
	peakMiBBenchmarkConsolidate300  = 250
	budgetBenchmarkConsolidate1000  = 20 * time.Second
	peakMiBBenchmarkConsolidate1000 = 250
	// The checks alone are held to the whole consolidation's budget: what is left of it is the copy's.
	budgetBenchmarkCheckPackages300 = 5 * time.Second
)

// BenchmarkConsolidate300 consolidates (in one batch) 300 packages of a 100-member branch holding a
// year of every ledger into a new file.
func BenchmarkConsolidate300(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkConsolidate300, peakMiBBenchmarkConsolidate300)
	benchmarkConsolidate(b, 300)
}

// BenchmarkConsolidate1000 is BenchmarkConsolidate300 at 1,000 packages: the time grows with the
// packages, the peak memory does not.
func BenchmarkConsolidate1000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkConsolidate1000, peakMiBBenchmarkConsolidate1000)
	benchmarkConsolidate(b, 1000)
}

// BenchmarkCheckPackages300 unpacks and checks the 300 packages of BenchmarkConsolidate300 one
// after the other, as ConsolidateAll does before it reads a row of each (unzip, size, CRC and
// SHA-256; the schema against the migrations and quick_check: issue 16), and copies nothing. It
// is the floor under BenchmarkConsolidate300, whatever the copy costs.
func BenchmarkCheckPackages300(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkCheckPackages300, 0)
	dir := b.TempDir()
	pkgs := benchPackages(b, dir, 300)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, p := range pkgs {
			u := unpack(ctx, p, filepath.Join(dir, fmt.Sprintf("unpacked%d-%d", i, j)))
			if u.err != nil {
				b.Fatalf("%s: %v", p, u.err)
			}
			u.remove()
		}
	}
}

// benchmarkConsolidate consolidates n packages into a new file per op, and reports the peak
// resident memory of the consolidation (peak-MiB) and its processor time (cpu-s/op, which a loaded
// machine inflates less than the wall time).
func benchmarkConsolidate(b *testing.B, n int) {
	dir := b.TempDir()
	pkgs := benchPackages(b, dir, n)
	var peak float64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		target, err := Open(filepath.Join(dir, fmt.Sprintf("target%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		debug.FreeOSMemory()
		benchkit.ResetPeak()
		start := benchkit.CPUTime()
		b.StartTimer()
		err = target.ConsolidateAll(ctx, pkgs, func(i int, _ data.ConsolidateResult, err error) {
			if err != nil {
				b.Fatalf("%s: %v", pkgs[i], err)
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += benchkit.CPUTime() - start
		peak = max(peak, benchkit.PeakMiB())
		target.Close()
		os.Remove(filepath.Join(dir, fmt.Sprintf("target%d.db", i)))
		b.StartTimer()
	}
	b.ReportMetric(peak, "peak-MiB")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// benchPackages writes n packages of one demo branch (100 members, a year of every ledger demo.Load
// fills, so that a ledger added later rides along), each under its own 支部代码 and name, as
// ExportPackage writes them: the branch's data file copied once (packageCopy), then per package the
// copy renamed, counted and zipped (two at a time).
func benchPackages(b *testing.B, dir string, n int) []string {
	b.Helper()
	base := branchFile(b, dir, "综采一队党支部", "B000", 1, 100, 12)
	baseData := filepath.Join(dir, "base-data.db")
	if err := base.packageCopy(ctx, baseData); err != nil {
		b.Fatal(err)
	}
	base.Close()
	raw, err := os.ReadFile(baseData)
	if err != nil {
		b.Fatal(err)
	}
	m := data.Manifest{Format: data.PackageFormat, Committee: "某某煤矿党委", ProgramVersion: "bench",
		ExportedAt: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	if m.SchemaVersion, err = schemaVersion(); err != nil {
		b.Fatal(err)
	}
	if m.Counts, err = countRecords(ctx, baseData); err != nil {
		b.Fatal(err)
	}
	pkgs := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Go(func() {
			for i := range next {
				pkgs[i], errs[i] = benchPackage(dir, raw, m, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	return pkgs
}

// benchPackage writes package number i: the data file raw with the branch renamed B<i>.
func benchPackage(dir string, raw []byte, m data.Manifest, i int) (string, error) {
	m.BranchCode, m.BranchName = fmt.Sprintf("B%04d", i), fmt.Sprintf("第%d党支部", i+1)
	dbPath := filepath.Join(dir, fmt.Sprintf("data%04d.db", i))
	defer os.Remove(dbPath)
	if err := os.WriteFile(dbPath, raw, 0o600); err != nil {
		return "", err
	}
	f, err := sql.Open(driverName, dbPath)
	if err != nil {
		return "", err
	}
	_, err = f.ExecContext(ctx, `UPDATE branch SET code = ?, name = ?`, m.BranchCode, m.BranchName)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	if m.DataSHA256, err = fileSHA256(dbPath); err != nil {
		return "", err
	}
	path := filepath.Join(dir, m.BranchCode+".zip")
	return path, writePackage(path, m, dbPath)
}
