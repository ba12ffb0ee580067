package sqlite

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/internal/benchkit"
)

const budgetBenchmarkImportMembers10000 = 2 * time.Second

// BenchmarkImportMembers10000 imports a 10,000-member roster into a new file (target < 2 s per op).
func BenchmarkImportMembers10000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkImportMembers10000, 0)
	ms := manyMembers(10000)
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := Open(filepath.Join(dir, filepath.Base(b.Name())+string(rune('a'+i%26))+".db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := db.ImportMembers(ctx, ms, data.ImportAdd, nil)
		if err != nil || res.Added != len(ms) {
			b.Fatal(res, err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkMembers10000 lists 10,000 members placed in groups and teams.
func BenchmarkMembers10000(b *testing.B) {
	db := openTemp(b)
	var groups, teams []int64
	for i := range 10 {
		g := data.Group{Name: string(rune('甲' + i))}
		if err := db.SaveGroup(ctx, &g); err != nil {
			b.Fatal(err)
		}
		tm := data.Team{Name: string(rune('子' + i)), GroupID: g.ID}
		if err := db.SaveTeam(ctx, &tm); err != nil {
			b.Fatal(err)
		}
		groups, teams = append(groups, g.ID), append(teams, tm.ID)
	}
	ms := manyMembers(10000)
	for i := range ms {
		ms[i].GroupID, ms[i].TeamID = groups[i%10], teams[i%10]
	}
	if _, err := db.ImportMembers(ctx, ms, data.ImportAdd, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, err := db.Members(ctx, data.MemberFilter{})
		if err != nil || len(list) != len(ms) {
			b.Fatal(len(list), err)
		}
	}
}

// manyFindings fills db with n findings (a quarter closed) spread over teams and two years, written
// in one transaction the way the store writes them.
func manyFindings(b *testing.B, db *DB, n int) {
	b.Helper()
	fixClock(db, clock)
	var teams []int64
	for i := range 10 {
		tm := data.Team{Name: fmt.Sprintf("班组%d", i)}
		if err := db.SaveTeam(ctx, &tm); err != nil {
			b.Fatal(err)
		}
		teams = append(teams, tm.ID)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		for i := range n {
			found := day(23).AddDays(-(i % 700))
			f := data.Finding{
				BranchID: 1, Source: data.SourceOther, TeamID: teams[i%len(teams)], FoundDate: found,
				Category: data.DefaultFindingCategories[i%len(data.DefaultFindingCategories)], Level: "一般",
				Description: fmt.Sprintf("第%d个问题：综采工作面端头支护不及时，超前支架未跟进", i), Responsible: "张三",
				Measures: "立即整改，加强班前检查", Deadline: found.AddDays(7), State: data.FindingStates[i%3],
			}
			if i%4 == 0 {
				f.State, f.Progress, f.Acceptor, f.ClosedDate = data.StateClosed, "已整改到位", "李四", found.AddDays(5)
			}
			if err := db.insertFinding(ctx, tx, &f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

const budgetBenchmarkFindings100000 = time.Second

// BenchmarkFindings100000 lists 100,000 findings (target: well under a second).
func BenchmarkFindings100000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkFindings100000, 0)
	db := openTemp(b)
	manyFindings(b, db, 100000)
	for b.Loop() {
		fs, err := db.Findings(ctx, data.FindingFilter{})
		if err != nil || len(fs) != 100000 {
			b.Fatal(len(fs), err)
		}
	}
}

// BenchmarkFindingsOverdue100000 is the 日清 view over 100,000 findings: the open ones past their deadline.
func BenchmarkFindingsOverdue100000(b *testing.B) {
	db := openTemp(b)
	manyFindings(b, db, 100000)
	for b.Loop() {
		if _, err := db.Findings(ctx, data.FindingFilter{OverdueOn: day(23)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInspectionsYear lists a year of inspections (200, with 1,000 findings) with their
// inspectors and findings.
func BenchmarkInspectionsYear(b *testing.B) {
	db := openTemp(b)
	fixClock(db, clock)
	tm := data.Team{Name: "综采一班"}
	if err := db.SaveTeam(ctx, &tm); err != nil {
		b.Fatal(err)
	}
	var people []int64
	for i := range 4 {
		m := newMember(fmt.Sprintf("督查员%d", i), 2*i+1)
		if err := db.CreateMember(ctx, &m); err != nil {
			b.Fatal(err)
		}
		people = append(people, m.ID)
	}
	for i := range 200 {
		date := day(23).AddDays(-i * 365 / 200)
		in := data.Inspection{Date: date, Kind: "四不两直督查", Shift: "夜班", TeamID: tm.ID, Content: "检查工作面支护",
			Inspectors: []data.Inspector{{MemberID: people[0], Lead: true}, {MemberID: people[1+i%3]}}}
		for k := range 5 {
			in.Findings = append(in.Findings, data.Finding{Category: "安全生产不实", Description: fmt.Sprintf("问题%d", k),
				Responsible: "张三", Deadline: date.AddDays(7)})
		}
		if err := db.SaveInspection(ctx, &in); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		ins, err := db.Inspections(ctx, data.InspectionFilter{})
		if err != nil || len(ins) != 200 || len(ins[0].Findings) != 5 || ins[0].Inspectors[1].Name == "" {
			b.Fatal(len(ins), err)
		}
	}
}

// BenchmarkChangeState moves a finding back and forth between 整改中 and 待验收: one transaction
// with its history row per move.
func BenchmarkChangeState(b *testing.B) {
	db := openTemp(b)
	fixClock(db, clock)
	f := data.Finding{FoundDate: day(2), Category: "安全生产不实", Description: "端头支护不及时", Responsible: "张三", Deadline: day(9)}
	if err := db.CreateFinding(ctx, &f); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ChangeState(ctx, f.ID, data.StateFixing, "", nil); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		to, reason := data.StateReview, ""
		if i%2 == 1 {
			to, reason = data.StateFixing, "验收不通过"
		}
		if _, err := db.ChangeState(ctx, f.ID, to, reason, nil); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
