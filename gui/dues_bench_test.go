package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/reports/catalog"
)

// seedDues fills env's file with n members, each with a base and a year of payments up to last
// month (every tenth member three months behind).
func seedDues(b *testing.B, env *Env, n int) data.Month {
	b.Helper()
	ctx := context.Background()
	today := env.Today()
	ds := demo.Generate(11, n, today)
	ms := ds.Members
	for i := range ms {
		ms[i].GroupID, ms[i].TeamID = 0, 0
	}
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		b.Fatal(err)
	}
	if _, err := env.Store.ImportMembers(ctx, ms, data.ImportSkip, nil); err != nil {
		b.Fatal(err)
	}
	saved, err := env.Store.Members(ctx, data.MemberFilter{})
	if err != nil || len(saved) != n {
		b.Fatalf("%d members: %v", len(saved), err)
	}
	now := data.MonthOf(today)
	bases := make([]data.DuesBase, n)
	for i, m := range saved {
		bases[i] = data.DuesBase{MemberID: m.ID, From: now.Add(-12), Category: data.DuesWorking, Base: int64(300000 + i*1700%900000)}
	}
	if _, err := env.Store.ImportDuesBases(ctx, bases, nil); err != nil {
		b.Fatal(err)
	}
	for i, m := range saved {
		var months []data.Month
		for k := -11; k < -3 || k < 0 && i%10 != 0; k++ {
			months = append(months, now.Add(k))
		}
		if _, err := env.Store.PayDues(ctx, data.DuesPay{MemberID: m.ID, Months: months, Date: today, Method: "转账",
			LateReason: "集中补缴"}); err != nil {
			b.Fatal(err)
		}
	}
	return now
}

// checkBudget fails the benchmark when an operation took longer than budget on average.
func checkBudget(b *testing.B, budget time.Duration) {
	b.Helper()
	if per := b.Elapsed() / time.Duration(b.N); per > budget {
		b.Errorf("%v per operation, budget %v", per, budget)
	}
}

// budgetBenchmarkDuesMonthSheet500 is how long opening the month sheet of a 500-member branch may take.
const budgetBenchmarkDuesMonthSheet500 = 200 * time.Millisecond

// BenchmarkDuesMonthSheet500 opens 月度收缴 on a branch of 500 members with a year of payments:
// read the month's ledger, build the sheet and its list.
func BenchmarkDuesMonthSheet500(b *testing.B) {
	env := newBenchEnv(b)
	seedDues(b, env, 500)
	NewDuesMonthScreen(env) // the fonts' first measuring, which every screen of the window shares
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := NewDuesMonthScreen(env)
		if len(s.rows) != 500 {
			b.Fatalf("%d rows", len(s.rows))
		}
	}
	b.StopTimer()
	checkBudget(b, budgetBenchmarkDuesMonthSheet500)
}

// budgetBenchmarkDuesYearExport500 is how long exporting R21 for a year of a 500-member branch may take.
const budgetBenchmarkDuesYearExport500 = time.Second

// BenchmarkDuesYearExport500 exports R21 党费收缴登记表 for a year of a 500-member branch, as the 报表
// screen does: read the ledger, build and write the workbook.
func BenchmarkDuesYearExport500(b *testing.B) {
	env := newBenchEnv(b)
	now := seedDues(b, env, 500)
	k, _ := catalog.ByCLI("dues")
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := writeReport(context.Background(), env, k, catalog.Input{Period: data.YearPeriod(now.Year)}, filepath.Join(dir, "r21.xlsx")); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	checkBudget(b, budgetBenchmarkDuesYearExport500)
}
