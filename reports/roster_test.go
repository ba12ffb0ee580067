package reports

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"branchledger/data"
)

var testMeta = Meta{Branch: "综采一队党支部", Date: data.NewDate(2026, time.November, 23)}

// testMembers covers the R1 cases worth printing: a full member, a probationary one with a long
// address that wraps, a lost-contact member, a floating member, another ethnicity.
func testMembers() []data.Member {
	return []data.Member{
		{
			Name: "张三", Sex: "男", Ethnicity: "汉族", IDNumber: data.IDNumberWithCheck("13050219850312001"),
			BirthDate: data.NewDate(1985, 3, 12), Education: "大学本科", Category: data.CategoryFull,
			JoinDate: data.NewDate(2008, 7, 1), FullDate: data.NewDate(2009, 7, 1), Job: "综采队队长",
			Mobile: "13812345678", Landline: "0319-1234567", Address: "邢台市信都区钢铁路1号",
			PartyStatus: data.PartyStatusNormal,
			GroupID:     1, TeamID: 11, PartyRole: "书记", KeyPost: "班组长以上管理人员", Supervisor: true,
		},
		{
			Name: "李梅", Sex: "女", Ethnicity: "汉族", IDNumber: data.IDNumberWithCheck("13050219960805002"),
			BirthDate: data.NewDate(1996, 8, 5), Education: "大学专科", Category: data.CategoryProbation,
			JoinDate: data.NewDate(2025, 12, 20), Job: "材料员", Mobile: "15932123456",
			Address:     "河北省邢台市信都区钢铁北路矿区生活区七号楼三单元502室（职工宿舍东侧，靠近矿区医院）",
			PartyStatus: data.PartyStatusNormal, GroupID: 2, TeamID: 12, PartyRole: data.RoleNone, KeyPost: "材料员",
		},
		{
			Name: "王建国", Sex: "男", Ethnicity: "汉族", IDNumber: data.IDNumberWithCheck("13052119700101003"),
			BirthDate: data.NewDate(1970, 1, 1), Education: "初中及以下", Category: data.CategoryFull,
			JoinDate: data.NewDate(1995, 6, 30), FullDate: data.NewDate(1996, 6, 30), Job: "采煤工",
			PartyStatus: data.PartyStatusNormal, LostContact: true, LostDate: data.NewDate(2024, 3, 1),
			Remark: "多次联系未果", GroupID: 1, PartyRole: data.RoleNone,
		},
		{
			Name: "赵小龙", Sex: "男", Ethnicity: "回族", IDNumber: data.IDNumberWithCheck("13050219900214005"),
			BirthDate: data.NewDate(1990, 2, 14), Education: "高中", Category: data.CategoryFull,
			JoinDate: data.NewDate(2015, 7, 1), FullDate: data.NewDate(2016, 7, 1), Job: "掘进工",
			Mobile: "18603190000", PartyStatus: data.PartyStatusNormal, Floating: true,
			FloatingTo: "江苏省苏州市工业园区", TeamID: 99, PartyRole: "党小组长", Supervisor: true,
		},
		{
			Name: "买买提·艾力", Sex: "男", Ethnicity: "维吾尔族", IDNumber: data.IDNumberWithCheck("65010219880909007"),
			BirthDate: data.NewDate(1988, 9, 9), Education: "中等专科", Category: data.CategoryFull,
			JoinDate: data.NewDate(2012, 5, 4), FullDate: data.NewDate(2013, 5, 4), Job: "机电维修工",
			PartyStatus: data.PartyStatusSuspended, GroupID: 2, TeamID: 11, PartyRole: data.RoleNone,
		},
	}
}

var (
	testGroups = []data.Group{{ID: 1, Name: "第一党小组"}, {ID: 2, Name: "机电党小组"}}
	testTeams  = []data.Team{{ID: 11, Name: "综采一班"}, {ID: 12, Name: "材料组"}}
)

func TestGoldenReports(t *testing.T) {
	runGolden(t, []goldenCase{
		{"roster", func(w io.Writer) error { return WriteRoster(w, testMeta, testMembers()) }},
		{"roster_empty", func(w io.Writer) error { return WriteRoster(w, testMeta, nil) }},
		{"distribution", func(w io.Writer) error {
			return WriteDistribution(w, testMeta, DistributionRows(testMembers(), testGroups, testTeams))
		}},
		{"import_problems", func(w io.Writer) error {
			return WriteImportProblems(w, testMeta, []data.RowProblem{
				{Row: 5, Field: data.FIDNumber, Value: "1.30502198505E+17", Reason: "身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为文本格式后重新填写"},
				{Row: 7, Field: data.FJoinDate, Value: "2031-07-01", Reason: "加入党组织日期不能晚于今天"},
				{Row: 9, Field: "", Value: "", Reason: "姓名和身份证号都为空"},
			})
		}},
	})
}

// TestRosterRoundTrip reads an exported R1 back the way the importer does: the header row is
// exactly data.RosterHeaders, ID numbers and phones stay text, dates come back as serials that
// parse to the same days, and the whole roster parses back to the same members.
func TestRosterRoundTrip(t *testing.T) {
	ms := testMembers()
	path := writeFile(t, "roster.xlsx", func(f *os.File) error { return WriteRoster(f, testMeta, ms) })
	sheets, err := ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(sheets) != 1 || sheets[0].Name != "党员花名册" {
		t.Fatalf("sheets = %+v", sheets)
	}
	rows := sheets[0].Rows
	if !slices.Equal(rows[2], data.RosterHeaders) {
		t.Fatalf("header row = %q", rows[2])
	}
	for i, m := range ms {
		row := rows[3+i]
		col := func(h string) string { return row[slices.Index(data.RosterHeaders, h)] }
		if col("序号") != fmt.Sprint(i+1) || col(data.FIDNumber) != m.IDNumber || col(data.FMobile) != m.Mobile {
			t.Errorf("row %d = %q", 4+i, row)
		}
		if col(data.FBranch) != testMeta.Branch {
			t.Errorf("row %d 所在党支部 = %q", 4+i, col(data.FBranch))
		}
		d, err := data.ParseDateCell(col(data.FJoinDate))
		if err != nil || d != m.JoinDate {
			t.Errorf("row %d 加入党组织日期 %q → %v, %v; want %v", 4+i, col(data.FJoinDate), d, err, m.JoinDate)
		}
	}

	parsed, err := data.ParseRoster(rows, testMeta.Date)
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Rows) != len(ms) {
		t.Fatalf("parsed %d rows, want %d", len(parsed.Rows), len(ms))
	}
	for i, r := range parsed.Rows {
		if len(r.Problems) > 0 {
			t.Errorf("row %d problems: %+v", r.Row, r.Problems)
		}
		want := rosterOnly(ms[i])
		if got := rosterOnly(r.Member); !reflect.DeepEqual(got, want) {
			t.Errorf("row %d:\n got %+v\nwant %+v", r.Row, got, want)
		}
	}
}

// rosterOnly keeps the R1 fields of a member (placement is not part of the roster).
func rosterOnly(m data.Member) data.Member {
	return data.Member{
		Name: m.Name, Sex: m.Sex, Ethnicity: m.Ethnicity, IDNumber: m.IDNumber, BirthDate: m.BirthDate,
		Education: m.Education, Category: m.Category, JoinDate: m.JoinDate, FullDate: m.FullDate,
		Job: m.Job, Mobile: m.Mobile, Landline: m.Landline, Address: m.Address, PartyStatus: m.PartyStatus,
		LostContact: m.LostContact, LostDate: m.LostDate, Floating: m.Floating, FloatingTo: m.FloatingTo,
		Remark: m.Remark,
	}
}

// TestRosterWrappedHeight checks that the row with the long address is high enough for the
// lines the address needs in its column, and taller than the row above.
func TestRosterWrappedHeight(t *testing.T) {
	path := writeFile(t, "roster.xlsx", func(f *os.File) error { return WriteRoster(f, testMeta, testMembers()) })
	f := openTest(t, path)
	short, err := f.GetRowHeight("党员花名册", 4) // 张三
	if err != nil {
		t.Fatal(err)
	}
	long, err := f.GetRowHeight("党员花名册", 5) // 李梅: the long address
	if err != nil {
		t.Fatal(err)
	}
	lines := lineCount(testMembers()[1].Address, rosterFields[data.FAddress].width, bodyPt)
	if lines < 3 || long < lineHeight(lines, bodyPt) || long <= short {
		t.Errorf("address needs %d lines; row height = %g (row above %g), want ≥ %g", lines, long, short, lineHeight(lines, bodyPt))
	}
}

func TestDistributionRows(t *testing.T) {
	rows := DistributionRows(testMembers(), testGroups, testTeams)
	tests := []struct {
		i                 int
		group, team, name string
		supervisor        bool
	}{
		{0, "第一党小组", "综采一班", "张三", true},
		{1, "机电党小组", "材料组", "李梅", false},
		{2, "第一党小组", "", "王建国", false}, // no team
		{3, "", "", "赵小龙", true},       // no group, unknown team id 99
		{4, "机电党小组", "综采一班", "买买提·艾力", false},
	}
	if len(rows) != len(tests) {
		t.Fatalf("got %d rows", len(rows))
	}
	for _, tt := range tests {
		r := rows[tt.i]
		if r.Name != tt.name || r.Group != tt.group || r.Team != tt.team || r.Supervisor != tt.supervisor {
			t.Errorf("row %d = %+v", tt.i, r)
		}
	}
	m := testMembers()[0]
	if r := rows[0]; r.Job != m.Job || r.PartyRole != m.PartyRole || r.KeyPost != m.KeyPost ||
		r.JoinDate != m.JoinDate || r.Mobile != m.Mobile || r.Category != m.Category || r.Sex != m.Sex {
		t.Errorf("row 0 fields = %+v", r)
	}
}

// The usual jobs of a coal face (the longest, 7 characters) print on one line in R1b's 岗位, so a
// row is one line high wherever it is printed: a width at the edge of the text prints on one line
// in one office and two in another.
func TestDistributionJobsOnOneLine(t *testing.T) {
	col := distributionColumns[5]
	for _, job := range []string{"刮板输送机司机", "液压支架检修工", "带式输送机司机", "采煤机司机", "超前支护工"} {
		if n := lineCount(job, col.Width-1, bodyPt); n != 1 {
			t.Errorf("%s takes %d lines in %s (width %g), with a unit to spare", job, n, col.Header, col.Width)
		}
	}
}
