package reports

import (
	"io"
	"os"
	"testing"
	"time"

	"branchledger/data"
)

func testPetitions() []data.Petition {
	keeper := func(names ...string) []data.PetitionMember {
		var out []data.PetitionMember
		for i, n := range names {
			out = append(out, data.PetitionMember{MemberID: int64(i + 1), Name: n})
		}
		return out
	}
	return []data.Petition{
		{Date: day(time.October, 8), Petitioner: "孙德胜", Team: "综采一队", Category: "工资待遇", Content: "反映九月加班工资未足额发放",
			Risk: "一般", Keepers: keeper("王建国"), Measures: "核对考勤，协调劳资科补发", Deadline: day(time.October, 31),
			State: data.PetitionResolved, Resolved: day(time.October, 25), Result: "已补发，本人满意"},
		{Date: day(time.November, 3), Petitioner: "周海涛", Team: "掘进二队", Category: "工伤", Content: "工伤认定进度慢，要求加快",
			Risk: "较大", Keepers: keeper("李卫东", "王建国"), Measures: "陪同到人社部门了解进度", Deadline: day(time.November, 15),
			State: data.PetitionHandling},
		{Date: day(time.November, 12), Petitioner: "钱玉兰", Team: "机电队", Category: "家庭", Content: "家属就业安置诉求，已到集团公司上访",
			Risk: "重大", Keepers: keeper("欧阳建国", "李卫东"), Deadline: day(time.December, 12), State: data.PetitionRegistered, Escalated: true},
	}
}

func testScreenings() []data.Screening {
	return []data.Screening{
		{Date: day(time.November, 5), Screeners: []data.PetitionMember{{MemberID: 1, Name: "王建国"}, {MemberID: 2, Name: "李卫东"}}},
		{Date: day(time.November, 20), Teams: []string{"综采一队", "掘进二队"}, Screeners: []data.PetitionMember{{MemberID: 2, Name: "李卫东"}},
			Factors: 2, FactorText: "两名职工对工资调整有怨言"},
	}
}

func TestGoldenPetitions(t *testing.T) {
	asOf := data.NewDate(2026, 11, 23)
	runGolden(t, []goldenCase{
		{"petitions", func(w io.Writer) error { return WritePetitions(w, monthMeta, testPetitions(), testScreenings(), asOf) }},
		{"petitions_empty", func(w io.Writer) error { return WritePetitions(w, monthMeta, nil, nil, asOf) }},
	})
}

// TestPetitionsSheet reads R20 back: the columns in the SPEC's order, the overdue and the 越级上访
// rows red, the resolved one not, and the 合计.
func TestPetitionsSheet(t *testing.T) {
	path := writeFile(t, "r20.xlsx", func(f *os.File) error {
		return WritePetitions(f, monthMeta, testPetitions(), testScreenings(), data.NewDate(2026, 11, 23))
	})
	f := openTest(t, path)
	const sheet = "信访事项"
	rows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 info, 4 header, 5–7 cases, 8 合计.
	want := []string{"序号", "登记日期", "信访人", "班组", "类别", "诉求内容", "风险等级", "包保责任人", "化解措施", "办理期限", "状态", "结果"}
	for i, h := range want {
		if rows[3][i] != h {
			t.Errorf("header %d = %q, want %q", i, rows[3][i], h)
		}
	}
	if got := rows[5]; got[7] != "李卫东、王建国" || got[10] != "化解中（逾期8天）" {
		t.Errorf("overdue row %q", got)
	}
	checkCells(t, rows, []cellWant{
		{6, 10, "已登记\n越级上访", "越级上访 状态"},
		{7, 0, "合计：信访事项3件，已化解（含息诉罢访）1件，逾期未化解1件，越级上访1起", "合计"},
	})
	for r, want := range map[int]bool{5: false, 6: true, 7: true} {
		if got := redCell(t, f, sheet, cellName(3, r)); got != want {
			t.Errorf("row %d red = %v", r, got)
		}
	}
}
