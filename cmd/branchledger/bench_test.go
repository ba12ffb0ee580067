package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/internal/benchkit"
	"branchledger/reports"
)

const budgetBenchmarkImportRoster10000 = 2 * time.Second

// BenchmarkImportRoster10000 is the whole import of a 10,000-row roster as the CLI and the GUI do it:
// read the workbook, parse and check every row, then save in one transaction (target < 2 s).
func BenchmarkImportRoster10000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkImportRoster10000, 0)
	dir := b.TempDir()
	today := data.Today()
	ds := demo.Generate(7, 10000, today)
	roster := filepath.Join(dir, "roster.xlsx")
	if err := reports.SaveFile(roster, func(w io.Writer) error {
		return reports.WriteRoster(w, reports.Meta{Branch: ds.Branch.Name, Date: today}, ds.Members)
	}); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(filepath.Join(dir, fmt.Sprintf("t%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		_, p, err := reports.ReadRoster(roster, today)
		if err != nil {
			b.Fatal(err)
		}
		saved, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
		if err != nil {
			b.Fatal(err)
		}
		data.MarkExisting(&p, saved)
		plan := data.PlanImport(&p, data.ImportSkip)
		res, err := db.ImportMembers(ctx, plan.Members, plan.Mode, nil)
		if err != nil || res.Added != len(ds.Members) {
			b.Fatalf("imported %+v of %d: %v (problems %v)", res, len(ds.Members), err, plan.Problems[:min(3, len(plan.Problems))])
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}
