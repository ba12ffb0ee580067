package demo

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

var today = data.NewDate(2026, time.November, 23)

func TestGenerateValid(t *testing.T) {
	for seed := range int64(20) {
		for _, n := range []int{300, 0, 1, 5, 8, 12, 31} {
			ds := Generate(seed, n, today)
			if len(ds.Members) != n {
				t.Fatalf("n=%d: %d members", n, len(ds.Members))
			}
			checkDataset(t, ds, n, today)
		}
	}
	// Another day: everyone is still adult and every date before it.
	day := data.NewDate(2024, time.February, 29)
	checkDataset(t, Generate(1, 300, day), 300, day)
}

// checkDataset asserts what Generate promises about any dataset.
func checkDataset(t *testing.T, ds Dataset, n int, today data.Date) {
	t.Helper()
	if fe := data.ValidateBranch(&ds.Branch); fe != nil {
		t.Errorf("branch: %v", fe)
	}
	if len(ds.Groups) < 4 || len(ds.Groups) > 6 {
		t.Errorf("%d groups, want 4–6", len(ds.Groups))
	}
	for i := range ds.Groups {
		if fe := data.ValidateGroup(&ds.Groups[i]); fe != nil || !strings.Contains(ds.Groups[i].Area, "责任区") {
			t.Errorf("group %+v: %v", ds.Groups[i], fe)
		}
	}
	groupOfTeam := map[int64]int64{}
	for i, tm := range ds.Teams {
		if fe := data.ValidateTeam(&tm); fe != nil || tm.Category == "" || tm.GroupID < 1 || int(tm.GroupID) > len(ds.Groups) {
			t.Errorf("team %+v: %v", tm, fe)
		}
		groupOfTeam[int64(i+1)] = tm.GroupID
	}

	checkInspections(t, ds, today)

	ids := map[string]bool{}
	roles := map[string]int{}
	var supervisors, probation, lost, floating, men int
	for i := range ds.Members {
		m := ds.Members[i]
		if fe := data.ValidateMember(&m, today); fe != nil {
			t.Errorf("member %d %s: %v", i, m.Name, fe)
		}
		before := m
		m.Normalize()
		if !reflect.DeepEqual(before, m) {
			t.Errorf("member %d is not normalised: %+v became %+v", i, before, m)
		}
		if ids[m.IDNumber] {
			t.Errorf("ID number %s twice", m.IDNumber)
		}
		ids[m.IDNumber] = true
		if y := m.BirthDate.Year; y < 1966 || y > 2002 {
			t.Errorf("%s born %v", m.Name, m.BirthDate)
		}
		if m.TeamID < 1 || int(m.TeamID) > len(ds.Teams) || m.GroupID != groupOfTeam[m.TeamID] {
			t.Errorf("%s: team %d, group %d", m.Name, m.TeamID, m.GroupID)
		}
		if m.Mobile == "" && !m.LostContact || m.Job == "" || m.Address == "" || m.Education == "" || m.WorkDate.IsZero() {
			t.Errorf("%s lacks details: %+v", m.Name, m)
		}
		roles[m.PartyRole]++
		if m.Supervisor {
			supervisors++
		}
		if m.Sex == data.SexMale {
			men++
		}
		switch m.Category {
		case data.CategoryProbation:
			probation++
			if m.JoinDate.Before(today.AddYears(-1)) {
				t.Errorf("probationary member %s joined %v, more than a year ago", m.Name, m.JoinDate)
			}
		case data.CategoryFull:
			if m.FullDate != m.JoinDate.AddYears(1) {
				t.Errorf("%s: 转正 %v, joined %v", m.Name, m.FullDate, m.JoinDate)
			}
		}
		if m.LostContact {
			lost++
		}
		if m.Floating {
			floating++
		}
	}
	if n == 0 {
		return
	}
	if roles["书记"] != 1 || ds.Branch.Secretary != ds.Members[0].Name || ds.Members[0].PartyRole != "书记" {
		t.Errorf("书记: %d members, branch says %q", roles["书记"], ds.Branch.Secretary)
	}
	if n >= 10 && probation == 0 {
		t.Errorf("no probationary member among %d", n)
	}
	if n < 30 {
		return
	}
	for _, r := range []string{"副书记", "组织委员", "宣传委员", "纪检委员"} {
		if roles[r] != 1 {
			t.Errorf("%d members are %s", roles[r], r)
		}
	}
	if b := ds.Branch; b.Deputy == "" || b.Organisation == "" || b.Propaganda == "" || b.Discipline == "" {
		t.Errorf("branch committee incomplete: %+v", b)
	}
	if roles["党小组长"] != len(ds.Groups) {
		t.Errorf("%d 党小组长 for %d groups", roles["党小组长"], len(ds.Groups))
	}
	for gi, g := range ds.Groups {
		l := ds.Members[g.LeaderID-1]
		if l.PartyRole != "党小组长" || l.GroupID != int64(gi+1) {
			t.Errorf("group %s: leader %s is %s of group %d", g.Name, l.Name, l.PartyRole, l.GroupID)
		}
	}
	if pct := supervisors * 100 / n; pct < 12 || pct > 20 {
		t.Errorf("%d%% supervisors, want about 15%%", pct)
	}
	if probation == 0 || probation > n/5 {
		t.Errorf("%d probationary members of %d", probation, n)
	}
	if lost != 1 || floating != 2 {
		t.Errorf("%d lost, %d floating; want 1 and 2", lost, floating)
	}
	if men*100/n < 75 {
		t.Errorf("only %d of %d are men in a mine", men, n)
	}
	checkSpread(t, ds, today)
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(42, 300, today), Generate(42, 300, today)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different data")
	}
	c := Generate(43, 300, today)
	if reflect.DeepEqual(a.Members, c.Members) {
		t.Error("another seed gave the same members")
	}
	// Realistic names: mostly distinct, two or three characters.
	names := map[string]bool{}
	for _, m := range a.Members {
		names[m.Name] = true
		if n := len([]rune(m.Name)); n < 2 || n > 3 {
			t.Errorf("name %q", m.Name)
		}
	}
	if len(names) < 290 {
		t.Errorf("only %d distinct names among 300", len(names))
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	// The store validates with the real clock.
	ds := Generate(3, 120, data.Today())
	db := loadDataset(t, ds)

	b, err := db.Branch(ctx)
	if err != nil || b.Name != ds.Branch.Name || b.Secretary != ds.Branch.Secretary || b.Committee != ds.Branch.Committee {
		t.Fatalf("branch %+v, %v", b, err)
	}
	groups, err := db.Groups(ctx)
	if err != nil || len(groups) != len(ds.Groups) {
		t.Fatalf("%d groups, %v", len(groups), err)
	}
	teams, err := db.Teams(ctx)
	if err != nil || len(teams) != len(ds.Teams) {
		t.Fatalf("%d teams, %v", len(teams), err)
	}
	saved, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
	saved = withoutRecruited(saved, ds) // recruit_test.go checks those
	if err != nil || len(saved) != len(ds.Members) {
		t.Fatalf("%d members saved, %v", len(saved), err)
	}
	groupName := map[int64]string{}
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	teamName := map[int64]string{}
	for _, tm := range teams {
		teamName[tm.ID] = tm.Name
		want := ds.Groups[ds.Teams[slices.IndexFunc(ds.Teams, func(x data.Team) bool { return x.Name == tm.Name })].GroupID-1].Name
		if groupName[tm.GroupID] != want {
			t.Errorf("team %s in group %q, want %q", tm.Name, groupName[tm.GroupID], want)
		}
	}
	byID := map[int64]data.Member{}
	for _, m := range saved {
		byID[m.ID] = m
		i := slices.IndexFunc(ds.Members, func(x data.Member) bool { return x.IDNumber == m.IDNumber })
		if i < 0 {
			t.Fatalf("saved member %s was not generated", m.Name)
		}
		w := ds.Members[i]
		if m.Name != w.Name || m.JoinDate != w.JoinDate || m.PartyRole != w.PartyRole || m.KeyPost != w.KeyPost ||
			m.Supervisor != w.Supervisor || m.WorkDate != w.WorkDate || m.LostContact != w.LostContact || m.FloatingTo != w.FloatingTo ||
			groupName[m.GroupID] != ds.Groups[w.GroupID-1].Name || teamName[m.TeamID] != ds.Teams[w.TeamID-1].Name {
			t.Errorf("member saved as %+v, generated as %+v", m, w)
		}
	}
	for _, g := range groups {
		i := slices.IndexFunc(ds.Groups, func(x data.Group) bool { return x.Name == g.Name })
		if l := byID[g.LeaderID]; l.IDNumber != ds.Members[ds.Groups[i].LeaderID-1].IDNumber || l.GroupID != g.ID {
			t.Errorf("group %s led by %+v", g.Name, l)
		}
	}

	// A second load is refused and changes nothing.
	err = Load(ctx, db, Generate(4, 10, data.Today()))
	if data.ErrorCode(err) != data.EConflict {
		t.Fatalf("second load: %v, want EConflict", err)
	}
	if again, _ := db.Members(ctx, data.MemberFilter{IncludeLeft: true}); len(withoutRecruited(again, ds)) != len(saved) {
		t.Errorf("second load changed the members: %d, then %d", len(saved), len(again))
	}
}

func TestSeedFor(t *testing.T) {
	if SeedFor("") != 1 {
		t.Errorf("SeedFor(\"\") = %d, want 1", SeedFor(""))
	}
	a, b := SeedFor("JJ02"), SeedFor("JJ03")
	if a == b || a != SeedFor("JJ02") || a <= 0 || b <= 0 {
		t.Errorf("SeedFor: JJ02 %d, JJ03 %d: want two different positive seeds, the same each time", a, b)
	}
}

func TestRename(t *testing.T) {
	tests := []struct {
		name, code                   string
		wantName, wantUnit, wantCode string
	}{
		{"掘进二队党支部", "JJ02", "掘进二队党支部", "某某煤矿掘进二队", "JJ02"},
		{"　机电队支部 ", "", "机电队支部", "某某煤矿机电队", "ZC01"},
		{"", "ＺＣ09", "综采一队党支部", "某某煤矿综采一队", "ZC09"},
	}
	for _, tt := range tests {
		ds := Generate(1, 5, data.NewDate(2026, 11, 23))
		ds.Rename(tt.name, tt.code)
		if b := ds.Branch; b.Name != tt.wantName || b.Unit != tt.wantUnit || b.Code != tt.wantCode {
			t.Errorf("Rename(%q, %q) = %s / %s / %s, want %s / %s / %s", tt.name, tt.code, b.Name, b.Unit, b.Code, tt.wantName, tt.wantUnit, tt.wantCode)
		}
		if fe := data.ValidateBranch(&ds.Branch); fe != nil {
			t.Errorf("Rename(%q, %q): %v", tt.name, tt.code, fe)
		}
	}
}
