package sqlite

import (
	"path/filepath"
	"testing"

	"branchledger/data"
)

// BenchmarkImportMembers10000 imports a 10,000-member roster into a new file (target < 2 s per op).
func BenchmarkImportMembers10000(b *testing.B) {
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
