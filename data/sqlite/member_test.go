package sqlite

import (
	"slices"
	"testing"
	"time"

	"branchledger/data"
)

func TestMemberRoundTrip(t *testing.T) {
	db := openTemp(t)
	fixClock(db, time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC))
	g := data.Group{Name: "第一党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	tm := data.Team{Name: "综采一班", Category: "采煤"}
	if err := db.SaveTeam(ctx, &tm); err != nil {
		t.Fatal(err)
	}

	// Every field set, typed the untidy way: full-width spaces and digits, lower-case x.
	id := idEndingInX(t, data.NewDate(1985, 5, 12), 0) // even sequence: 女
	in := data.Member{
		Name: "王　小红", IDNumber: "１３" + id[2:17] + "x", Ethnicity: "回族", Education: "大学本科",
		Category: data.CategoryFull, JoinDate: data.NewDate(2008, 6, 30), FullDate: data.NewDate(2009, 7, 1),
		Job: "综采队 技术员", Mobile: "13812345678", Landline: "0319-1234567", Address: "河北省唐山市",
		PartyStatus: data.PartyStatusNormal, LostContact: true, LostDate: data.NewDate(2025, 3, 1),
		Floating: true, FloatingTo: "北京市朝阳区", Remark: "备注\n第二行",
		GroupID: g.ID, TeamID: tm.ID, PartyRole: "组织委员", KeyPost: "保管员", Supervisor: true,
		WorkDate: data.NewDate(2005, 8, 1),
	}
	m := in
	if err := db.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || m.BranchID != 1 {
		t.Errorf("created member has ID %d branch %d", m.ID, m.BranchID)
	}
	if m.IDNumber != id || m.Sex != data.SexFemale || m.BirthDate != data.NewDate(1985, 5, 12) || m.RollStatus != data.RollIn {
		t.Errorf("not normalised: ID %q sex %q birth %v roll %q", m.IDNumber, m.Sex, m.BirthDate, m.RollStatus)
	}
	stamp := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	if !m.CreatedAt.Equal(stamp) || !m.UpdatedAt.Equal(stamp) {
		t.Errorf("timestamps %v %v, want %v", m.CreatedAt, m.UpdatedAt, stamp)
	}
	got, err := db.Member(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != m {
		t.Errorf("Member() =\n%+v\nwant\n%+v", got, m)
	}
	byID, err := db.MemberByIDNumber(ctx, " "+id[:17]+"x　")
	if err != nil || byID != m {
		t.Errorf("MemberByIDNumber() = %+v, %v", byID, err)
	}

	// An update changes the record and updated_at, not created_at.
	later := stamp.Add(48 * time.Hour)
	fixClock(db, later)
	m.RollStatus, m.RollDate, m.Mobile = data.RollOut, data.NewDate(2026, 11, 1), "13987654321"
	m.CreatedAt = time.Time{}
	if err := db.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	if !m.CreatedAt.Equal(stamp) || !m.UpdatedAt.Equal(later) {
		t.Errorf("after update: created %v updated %v", m.CreatedAt, m.UpdatedAt)
	}
	if got, _ = db.Member(ctx, m.ID); got != m {
		t.Errorf("after update Member() =\n%+v\nwant\n%+v", got, m)
	}

	if err := db.DeleteMember(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	_, err = db.Member(ctx, m.ID)
	wantCode(t, err, data.ENotFound)
	wantCode(t, db.DeleteMember(ctx, m.ID), data.ENotFound)
	wantCode(t, db.UpdateMember(ctx, &m), data.ENotFound)
	_, err = db.MemberByIDNumber(ctx, id)
	wantCode(t, err, data.ENotFound)
}

// idEndingInX is a valid ID number whose check character is X, with a sequence of parity seq%2.
func idEndingInX(t *testing.T, birth data.Date, seq int) string {
	for ; seq < 1000; seq += 2 {
		if id := idNumber(birth, seq); id[17] == 'X' {
			return id
		}
	}
	t.Fatal("no ID number ending in X")
	return ""
}

func TestMemberValidation(t *testing.T) {
	db := openTemp(t)
	saved := mustCreate(t, db, newMember("张三", 3))
	tests := []struct {
		name   string
		change func(m *data.Member)
		field  string
	}{
		{"no name", func(m *data.Member) { m.Name = "　" }, data.FName},
		{"bad check digit", func(m *data.Member) { m.IDNumber = m.IDNumber[:17] + "0" }, data.FIDNumber},
		{"unknown ethnicity", func(m *data.Member) { m.Ethnicity = "火星族" }, data.FEthnicity},
		{"probationer with full date", func(m *data.Member) { m.Category = data.CategoryProbation }, data.FFullDate},
		{"joined before 18", func(m *data.Member) { m.JoinDate = data.NewDate(2000, 1, 1) }, data.FJoinDate},
		{"bad mobile", func(m *data.Member) { m.Mobile = "12345" }, data.FMobile},
		{"lost without date", func(m *data.Member) { m.LostContact = true }, data.FLostDate},
		{"missing group", func(m *data.Member) { m.GroupID = 9999 }, data.FGroup},
		{"missing team", func(m *data.Member) { m.TeamID = 9999 }, data.FTeam},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMember("李四", 5)
			tt.change(&m)
			if fe := fieldErrors(t, db.CreateMember(ctx, &m)); fe.For(tt.field) == "" {
				t.Errorf("create: no error on %s: %v", tt.field, fe)
			}
			u := saved
			tt.change(&u)
			if fe := fieldErrors(t, db.UpdateMember(ctx, &u)); fe.For(tt.field) == "" {
				t.Errorf("update: no error on %s: %v", tt.field, fe)
			}
		})
	}
	if n := countMembers(t, db); n != 1 {
		t.Errorf("members = %d, want only the valid one", n)
	}
	if got, _ := db.Member(ctx, saved.ID); got != saved {
		t.Errorf("refused updates changed the member: %+v", got)
	}
}

func TestIDNumberUnique(t *testing.T) {
	db := openTemp(t)
	zhang := mustCreate(t, db, newMember("张三", 3))
	li := mustCreate(t, db, newMember("李四", 5))
	const want = "该身份证号已登记为党员「张三」，不能重复录入"

	dup := newMember("张三丰", 3)
	dup.IDNumber = "１" + dup.IDNumber[1:] + " " // the same number, typed differently
	if fe := fieldErrors(t, db.CreateMember(ctx, &dup)); fe.For(data.FIDNumber) != want {
		t.Errorf("create duplicate: %v, want %q", fe, want)
	}
	li.IDNumber = zhang.IDNumber
	if fe := fieldErrors(t, db.UpdateMember(ctx, &li)); fe.For(data.FIDNumber) != want {
		t.Errorf("update onto another's number: %v, want %q", fe, want)
	}
	// A member keeps his own number.
	zhang.Job = "班长"
	if err := db.UpdateMember(ctx, &zhang); err != nil {
		t.Fatal(err)
	}
	if n := countMembers(t, db); n != 2 {
		t.Errorf("members = %d, want 2", n)
	}
}

func TestMemberFilters(t *testing.T) {
	db := openTemp(t)
	var groups [2]data.Group
	for i, name := range []string{"乙党小组", "甲党小组"} {
		groups[i] = data.Group{Name: name}
		if err := db.SaveGroup(ctx, &groups[i]); err != nil {
			t.Fatal(err)
		}
	}
	yi, jia := groups[0].ID, groups[1].ID
	team := data.Team{Name: "机电班", Category: "机电"}
	if err := db.SaveTeam(ctx, &team); err != nil {
		t.Fatal(err)
	}
	type spec struct {
		name                  string
		group, team           int64
		probation, key, super bool
		roll                  string
	}
	specs := []spec{
		{name: "甲一", group: jia, team: team.ID, key: true},
		{name: "甲二", group: jia, probation: true, super: true},
		{name: "乙一", group: yi, team: team.ID, super: true},
		{name: "无组一", team: team.ID, probation: true},
		{name: "无组二", key: true, super: true},
		{name: "转出者", group: jia, roll: data.RollOut},
		{name: "去世者", roll: data.RollDeceased, key: true},
	}
	for i, s := range specs {
		m := newMember(s.name, 11+2*i)
		m.GroupID, m.TeamID, m.Supervisor, m.RollStatus = s.group, s.team, s.super, s.roll
		if s.probation {
			m.Category, m.FullDate = data.CategoryProbation, data.Date{}
		}
		if s.key {
			m.KeyPost = "出纳"
		}
		if s.roll != "" {
			m.RollDate = data.NewDate(2026, 1, 1)
		}
		mustCreate(t, db, m)
	}

	tests := []struct {
		name   string
		filter data.MemberFilter
		want   []string // in list order
	}{
		// Groups by pinyin (甲 jia before 乙 yi, though 乙 U+4E59 < 甲 U+7532), then teams, then names.
		{"on the roll, by group name, team name, name", data.MemberFilter{}, []string{"甲一", "甲二", "乙一", "无组一", "无组二"}},
		{"include left", data.MemberFilter{IncludeLeft: true}, []string{"甲一", "甲二", "转出者", "乙一", "无组一", "去世者", "无组二"}},
		{"group", data.MemberFilter{GroupID: jia}, []string{"甲一", "甲二"}},
		{"group incl. left", data.MemberFilter{GroupID: jia, IncludeLeft: true}, []string{"甲一", "甲二", "转出者"}},
		{"no group", data.MemberFilter{GroupID: -1}, []string{"无组一", "无组二"}},
		{"team", data.MemberFilter{TeamID: team.ID}, []string{"甲一", "乙一", "无组一"}},
		{"no team", data.MemberFilter{TeamID: -1}, []string{"甲二", "无组二"}},
		{"category", data.MemberFilter{Category: data.CategoryProbation}, []string{"甲二", "无组一"}},
		{"key posts", data.MemberFilter{KeyPostOnly: true}, []string{"甲一", "无组二"}},
		{"key posts incl. left", data.MemberFilter{KeyPostOnly: true, IncludeLeft: true}, []string{"甲一", "去世者", "无组二"}},
		{"supervisors", data.MemberFilter{Supervisors: true}, []string{"甲二", "乙一", "无组二"}},
		{"combined", data.MemberFilter{GroupID: jia, TeamID: -1, Supervisors: true, Category: data.CategoryProbation}, []string{"甲二"}},
		{"nothing matches", data.MemberFilter{GroupID: yi, Category: data.CategoryProbation}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := db.Members(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range ms {
				names = append(names, m.Name)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("Members(%+v) = %v, want %v", tt.filter, names, tt.want)
			}
		})
	}
}
