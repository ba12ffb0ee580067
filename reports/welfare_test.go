package reports

import (
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
)

// testWelfareItems covers every state on asOf (2026-11-23): registered and not yet due,
// registered and overdue, in hand and overdue, in hand and due later, done (rated, with a cost,
// in-house), done outsourced with a cost of cents, refused with its reason.
func testWelfareItems() []data.WelfareItem {
	item := func(title, category, source string, proposed, planned data.Date, state string) data.WelfareItem {
		return data.WelfareItem{Title: title, Category: category, Source: source, Proposer: "综采一队职工",
			ProposedDate: proposed, HandlerID: 1, Handler: "刘强", PlannedDate: planned, State: state}
	}
	done := item("澡堂更换淋浴喷头12个，解决夜班升井后水压不足问题", data.FacilityBathhouse, "职工反映", day(10, 8), day(10, 31), data.WelfareDone)
	done.DoneDate, done.Rating, done.Cost, done.InHouse = day(10, 25), "满意", 1234.5, true
	outsourced := item("宿舍楼加装电动车充电桩", data.FacilityDormitory, "满意度调查", day(10, 12), day(11, 15), data.WelfareDone)
	outsourced.DoneDate, outsourced.Rating, outsourced.Cost = day(11, 14), "基本满意", 8600.15
	refused := item("食堂增设夜宵窗口", data.FacilityCanteen, "职工反映", day(11, 2), day(11, 30), data.WelfareRejected)
	refused.Reason, refused.Proposer = "夜班人数少，已改为班中餐送到井口", "王师傅"
	fixing := item("宿舍走廊照明改为声控灯", data.FacilityDormitory, "检查发现", day(11, 1), day(11, 20), data.WelfareHandling)
	fixing.Cost, fixing.InHouse = 0.1, true
	later := item("职工食堂更换餐桌椅", data.FacilityCanteen, "支部提出", day(11, 5), day(12, 20), data.WelfareHandling)
	later.Cost = 0.2
	return []data.WelfareItem{
		done, outsourced,
		item("绿地补种草坪", data.FacilityGreen, "支部提出", day(10, 20), day(11, 10), data.WelfareRegistered),
		fixing, refused, later,
		item("澡堂更衣柜加锁", data.FacilityBathhouse, "", day(11, 20), day(11, 30), data.WelfareRegistered),
	}
}

// testSurveys: two in November (given newest first), one question nobody answered.
func testSurveys() []data.Survey {
	canteen := data.NewSurvey(data.FacilityCanteen, data.MonthPeriod(2026, 11))
	for i, c := range [][5]int{{32, 41, 12, 4, 1}, {18, 30, 25, 15, 2}, {40, 38, 8, 3, 1}, {25, 45, 15, 4, 1}, {35, 40, 10, 5, 0}} {
		canteen.Questions[i].Counts = c
	}
	dorm := data.NewSurvey(data.FacilityDormitory, data.Period{From: day(11, 10), To: day(11, 20)})
	for i, c := range [][5]int{{10, 12, 3, 0, 0}, {8, 10, 5, 2, 0}, {}, {12, 10, 3, 0, 0}, {9, 11, 4, 1, 0}} {
		dorm.Questions[i].Counts = c
	}
	dorm.Normalize()
	canteen.Normalize()
	return []data.Survey{dorm, canteen}
}

func TestGoldenWelfareReports(t *testing.T) {
	surveys := testSurveys()
	runGolden(t, []goldenCase{
		{"welfare_items", func(w io.Writer) error { return WriteWelfareItems(w, monthMeta, testWelfareItems()) }},
		{"welfare_items_empty", func(w io.Writer) error { return WriteWelfareItems(w, monthMeta, nil) }},
		{"survey", func(w io.Writer) error { return WriteSurveys(w, testMeta, surveys[1:]) }},
		{"surveys", func(w io.Writer) error { return WriteSurveys(w, monthMeta, surveys) }},
		{"surveys_empty", func(w io.Writer) error { return WriteSurveys(w, monthMeta, nil) }},
	})
}

func TestWelfareStatus(t *testing.T) {
	items := testWelfareItems()
	want := []string{"已办结", "已办结", "逾期13天", "逾期3天", "不予办理\n（夜班人数少，已改为班中餐送到井口）", "办理中", "已登记"}
	for i := range items {
		if got := welfareStatus(&items[i], items[i].OverdueDays(asOf)); got != want[i] {
			t.Errorf("%s: %q, want %q", items[i].Title, got, want[i])
		}
	}
}

// TestWelfareTotals reads R7 back: overdue rows red, the costs added up exactly in cents
// (0.1 + 0.2 must not print as 0.30000000000000004), the counts in the 合计 row.
func TestWelfareTotals(t *testing.T) {
	path := writeFile(t, "r7.xlsx", func(f *os.File) error { return WriteWelfareItems(f, monthMeta, testWelfareItems()) })
	f := openTest(t, path)
	const sheet = "办实事台账"
	rows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 note, 4 header, 5–11 items, 12 合计, 13 计划中, 15 signatures. 合计 adds
	// up what the items done cost; the open ones (0.1 + 0.2) are apart; the refused one counts in
	// neither.
	total := rows[11]
	if total[0] != "合计（已办结）：共7项，已办结2项，逾期2项" || total[11] != "9834.65" || total[12] != "自主2项" {
		t.Errorf("合计 row %q", total)
	}
	if planned := rows[12]; !strings.HasPrefix(planned[0], "计划中") || planned[11] != "0.3" {
		t.Errorf("计划中 row %q", planned)
	}
	for r := 5; r <= 11; r++ {
		id, err := f.GetCellStyle(sheet, cellName(2, r))
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		overdue := r == 7 || r == 8
		if got := st.Font.Color == red; got != overdue {
			t.Errorf("row %d (%s) red = %v, want %v", r, rows[r-1][1], got, overdue)
		}
	}
	if cost := rows[8][11]; cost != "" {
		t.Errorf("a refused item without cost shows %q, want empty", cost)
	}
}

// TestSurveyFigures reads R11 back: counts, 合计 and 满意率 per question and for the survey, the
// stacked tables oldest first.
func TestSurveyFigures(t *testing.T) {
	path := writeFile(t, "r11.xlsx", func(f *os.File) error { return WriteSurveys(f, monthMeta, testSurveys()) })
	f := openTest(t, path)
	rows := sheetRows(t, f, "满意度调查统计表")
	tests := []struct {
		row  int // 1-based
		want []string
	}{
		{3, []string{"一、设施类别：食堂\u3000\u3000调查期间：2026年11月（2026-11-01至2026-11-30）"}},
		{5, []string{"1", "菜品口味", "32", "41", "12", "4", "1", "90", "0.811111111111111"}},
		{10, []string{"合计", "", "150", "194", "70", "31", "5", "450", "0.764444444444444"}},
		{12, []string{"二、设施类别：宿舍\u3000\u3000调查期间：2026-11-10至2026-11-20"}},
		{16, []string{"3", "安全管理", "0", "0", "0", "0", "0", "0"}}, // nobody answered: no rate
		{19, []string{"合计", "", "39", "43", "15", "3", "0", "100", "0.82"}},
	}
	for _, tt := range tests {
		if got := rows[tt.row-1]; !slices.Equal(got, tt.want) {
			t.Errorf("row %d = %q, want %q", tt.row, got, tt.want)
		}
	}
}

func TestSurveyPeriod(t *testing.T) {
	tests := []struct {
		p    data.Period
		want string
	}{
		{data.MonthPeriod(2026, 11), "2026年11月（2026-11-01至2026-11-30）"},
		{data.Period{From: day(11, 10), To: day(11, 20), Label: "2026-11-10至2026-11-20"}, "2026-11-10至2026-11-20"},
		{data.Period{From: day(11, 10), To: day(11, 20)}, "2026-11-10至2026-11-20"},
		{data.Period{Label: "2026年冬季"}, "2026年冬季"},
	}
	for _, tt := range tests {
		if got := surveyPeriod(tt.p); got != tt.want {
			t.Errorf("surveyPeriod(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}
