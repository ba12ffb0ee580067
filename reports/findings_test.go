package reports

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// The fixtures below are seen on testMeta.Date, 2026-11-23.
var (
	asOf       = testMeta.Date
	monthMeta  = Meta{Branch: testMeta.Branch, Period: "2026年11月", Date: asOf}
	reviewTeam = []data.Team{{ID: 11, Name: "综采一班"}, {ID: 12, Name: "材料组"}, {ID: 13, Name: "机电班"}}
)

func day(m time.Month, n int) data.Date { return data.NewDate(2026, m, n) }

// closedFinding, openFinding build findings of the fixtures.
func closedFinding(found, deadline, closed data.Date, cat, desc string, team int64) data.Finding {
	return data.Finding{Source: data.SourceInspection, FoundDate: found, Category: cat, Level: "一般", Description: desc,
		Responsible: "刘强", Measures: "立即整改", Deadline: deadline, Progress: "已整改到位", Acceptor: "张三",
		ClosedDate: closed, State: data.StateClosed, TeamID: team}
}

func openFinding(found, deadline data.Date, state, cat, desc string, team int64) data.Finding {
	return data.Finding{Source: data.SourceInspection, FoundDate: found, Category: cat, Level: "一般", Description: desc,
		Responsible: "陈刚", Measures: "限期整改", Deadline: deadline, State: state, TeamID: team}
}

// testInspections: three findings (closed, overdue, not yet due), none, one (long text that wraps);
// given newest first, as the store lists them.
func testInspections() []data.Inspection {
	return []data.Inspection{
		{ID: 3, Date: day(11, 20), Kind: "专项督查", Shift: "中班", TeamID: 12, Unit: "旧名称", Place: "材料库",
			Inspectors: []data.Inspector{{MemberID: 5, Name: "赵小龙", Lead: true}},
			Findings: []data.Finding{openFinding(day(11, 20), day(11, 27), data.StateReview, "问题整改不力",
				"上次督查指出的材料码放不整齐问题仍未整改，消防通道被占用，灭火器过期未更换", 12)}},
		{ID: 2, Date: day(11, 12), Kind: "日常检查", Shift: "早班", Unit: "机修车间", Place: "车床区",
			Inspectors: []data.Inspector{{MemberID: 2, Name: "李梅"}, {MemberID: 4, Name: "王建国", Lead: true}}},
		{ID: 1, Date: day(11, 3), Kind: "四不两直督查", Shift: "夜班", TeamID: 11, Place: "3105工作面",
			Inspectors: []data.Inspector{{MemberID: 2, Name: "李四"}, {MemberID: 1, Name: "张三", Lead: true}, {MemberID: 3, Name: "王五"}},
			Findings: []data.Finding{
				closedFinding(day(11, 3), day(11, 10), day(11, 8), "设施设备", "皮带机头防护罩缺失", 11),
				openFinding(day(11, 3), day(11, 10), data.StateFixing, "安全生产不实", "班前会未传达安全措施", 11),
				openFinding(day(11, 3), day(11, 30), data.StatePending, "作风纪律", "一名党员迟到", 11),
			}},
	}
}

// testFindings for R3: two overdue, a closed one, a reopened one (整改中 again, its earlier
// 整改情况 kept), one not yet due.
func testFindings() []data.Finding {
	reopened := openFinding(day(11, 2), day(11, 30), data.StateFixing, "食品卫生", "食堂留样记录不全", 12)
	reopened.Source, reopened.Progress, reopened.Acceptor = data.SourceWelfare, "已补记录（复查发现仍有缺项，重新打开）", "张三"
	welfare := openFinding(day(11, 5), day(11, 15), data.StatePending, "环境卫生", "宿舍走廊堆放杂物", 0)
	welfare.Source, welfare.Level = data.SourceWelfare, "较大"
	return []data.Finding{
		closedFinding(day(11, 1), day(11, 10), day(11, 8), "设施设备", "皮带机头防护罩缺失", 11),
		reopened,
		openFinding(day(11, 3), day(11, 10), data.StateFixing, "安全生产不实", "班前会未传达安全措施，部分职工不清楚当班作业的安全重点", 11),
		welfare,
		openFinding(day(11, 20), day(11, 27), data.StatePending, "作风纪律", "一名党员迟到", 13),
	}
}

// reviewFixture is a month with data: November's inspections and findings plus October's, one of
// which is still open and overdue, one closed in November.
func reviewFixture() ([]data.Inspection, []data.Finding) {
	ins := append(testInspections(), data.Inspection{ID: 9, Date: day(10, 15), Kind: "安全检查"})
	var fs []data.Finding
	for _, in := range ins {
		fs = append(fs, in.Findings...)
	}
	fs = append(fs, testFindings()...)
	fs = append(fs,
		openFinding(day(10, 10), day(10, 20), data.StateFixing, "发挥作用不强", "党员先锋岗未挂牌", 13),
		closedFinding(day(10, 12), day(10, 30), day(11, 4), "围绕中心不紧", "支部活动未结合生产任务", 11),
	)
	return ins, fs
}

func reviewStats(p data.Period, ins []data.Inspection, fs []data.Finding) data.FindingStats {
	return data.ComputeFindingStats(p, asOf, ins, fs, data.DefaultFindingCategories, reviewTeam)
}

func TestGoldenFindingReports(t *testing.T) {
	november := data.MonthPeriod(2026, time.November)
	empty := data.MonthPeriod(2026, time.February)
	ins, fs := reviewFixture()
	runGolden(t, []goldenCase{
		{"inspections", func(w io.Writer) error {
			return WriteInspections(w, monthMeta, InspectionRows(testInspections(), reviewTeam, asOf))
		}},
		{"inspections_empty", func(w io.Writer) error { return WriteInspections(w, monthMeta, nil) }},
		{"rectifications", func(w io.Writer) error {
			return WriteRectifications(w, monthMeta, RectificationFilter{}, FindingRows(testFindings(), reviewTeam, asOf))
		}},
		{"rectifications_empty", func(w io.Writer) error {
			return WriteRectifications(w, monthMeta, RectificationFilter{Team: "采煤一班", Category: "作风纪律"}, nil)
		}},
		{"review", func(w io.Writer) error {
			st := reviewStats(november, ins, fs)
			return WriteMonthlyReview(w, Meta{Branch: testMeta.Branch, Date: asOf}, st, OpenFindingRows(fs, reviewTeam, st.AsOf))
		}},
		{"review_empty", func(w io.Writer) error {
			return WriteMonthlyReview(w, Meta{Branch: testMeta.Branch, Date: asOf}, reviewStats(empty, nil, nil), nil)
		}},
	})
}

func TestFindingRowsOverdue(t *testing.T) {
	tests := []struct {
		name string
		f    data.Finding
		on   data.Date
		days int
	}{
		{"open, past its deadline", openFinding(day(11, 1), day(11, 10), data.StateFixing, "", "", 0), day(11, 23), 13},
		{"open, due today", openFinding(day(11, 1), day(11, 23), data.StatePending, "", "", 0), day(11, 23), 0},
		{"waiting for acceptance counts", openFinding(day(11, 1), day(11, 22), data.StateReview, "", "", 0), day(11, 23), 1},
		{"closed late is not overdue", closedFinding(day(11, 1), day(11, 5), day(11, 20), "", "", 0), day(11, 23), 0},
		{"closed after a past day was overdue then", closedFinding(day(10, 1), day(10, 20), day(11, 5), "", "", 0), day(10, 31), 11},
		{"not found yet on that day", openFinding(day(11, 1), day(11, 2), data.StatePending, "", "", 0), day(10, 31), 0},
		{"no deadline", openFinding(day(11, 1), data.Date{}, data.StatePending, "", "", 0), day(11, 23), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := FindingRows([]data.Finding{tt.f}, nil, tt.on)[0]
			if r.OverdueDays != tt.days {
				t.Fatalf("OverdueDays = %d, want %d", r.OverdueDays, tt.days)
			}
			// For today's view the rows agree with the domain's own rule.
			if tt.on == asOf && tt.days != tt.f.OverdueDays(asOf) {
				t.Fatalf("differs from data.Finding.OverdueDays = %d", tt.f.OverdueDays(asOf))
			}
			want := tt.f.State
			if tt.days > 0 {
				want = fmt.Sprintf("逾期%d天", tt.days)
			}
			if r.Status() != want {
				t.Fatalf("Status = %q, want %q", r.Status(), want)
			}
		})
	}
}

func TestInspectionRows(t *testing.T) {
	rows := InspectionRows(testInspections(), reviewTeam, asOf)
	var dates []data.Date
	for _, r := range rows {
		dates = append(dates, r.Date)
	}
	if !slices.Equal(dates, []data.Date{day(11, 3), day(11, 12), day(11, 20)}) {
		t.Fatalf("dates %v, want oldest first", dates)
	}
	tests := []struct {
		i                int
		inspectors, unit string
		findings         int
	}{
		{0, "张三（牵头）、\n李四、王五", "综采一班", 3},
		{1, "王建国（牵头）、\n李梅", "机修车间", 0}, // no team: the typed unit
		{2, "赵小龙（牵头）", "材料组", 1},       // the team's current name wins over the stored one
	}
	for _, tt := range tests {
		r := rows[tt.i]
		if r.Inspectors != tt.inspectors || r.Unit != tt.unit || len(r.Findings) != tt.findings {
			t.Errorf("row %d = %+v", tt.i, r)
		}
	}
	if got := rows[0].Findings[1]; got.OverdueDays != 13 || got.Team != "综采一班" {
		t.Errorf("overdue finding = %+v", got)
	}
}

// The list of R4 agrees with the counts of data.ComputeFindingStats, for the current month and
// for a finished one.
func TestOpenFindingRowsMatchStats(t *testing.T) {
	ins, fs := reviewFixture()
	for _, p := range []data.Period{data.MonthPeriod(2026, time.November), data.MonthPeriod(2026, time.October)} {
		st := reviewStats(p, ins, fs)
		rows := OpenFindingRows(fs, reviewTeam, st.AsOf)
		overdue := 0
		for i, r := range rows {
			if r.OverdueDays > 0 {
				overdue++
			}
			if i > 0 && r.OverdueDays > rows[i-1].OverdueDays {
				t.Errorf("%s: row %d overdue %d days follows one of %d", p.Label, i, r.OverdueDays, rows[i-1].OverdueDays)
			}
		}
		if len(rows) != st.Open || overdue != st.Overdue || st.Open == 0 || st.Overdue == 0 {
			t.Errorf("%s: %d rows, %d overdue; stats say %d open, %d overdue", p.Label, len(rows), overdue, st.Open, st.Overdue)
		}
	}
}

// TestInspectionMerges checks the merged inspection cells of R2: the first seven columns span the
// rows of an inspection's findings; an inspection with one finding or none has no merge down.
func TestInspectionMerges(t *testing.T) {
	path := writeFile(t, "r2.xlsx", func(f *os.File) error {
		return WriteInspections(f, monthMeta, InspectionRows(testInspections(), reviewTeam, asOf))
	})
	f := openTest(t, path)
	merges, err := f.GetMergeCells("党员督查检查台账", true)
	if err != nil {
		t.Fatal(err)
	}
	var down []string
	for _, m := range merges {
		if m.GetStartAxis()[1:] != m.GetEndAxis()[1:] && !strings.HasPrefix(m.GetStartAxis(), "A1") {
			down = append(down, m.GetStartAxis()+":"+m.GetEndAxis())
		}
	}
	// Row 1 title, 2 meta, 3 note, 4 header: the three findings are rows 5–7.
	want := []string{"A5:A7", "B5:B7", "C5:C7", "D5:D7", "E5:E7", "F5:F7", "G5:G7"}
	if !slices.Equal(down, want) {
		t.Fatalf("merges down %v, want %v", down, want)
	}
	for ref, want := range map[string]string{"E5": "张三（牵头）、\n李四、王五", "H8": "未发现问题", "M6": "逾期13天", "A9": "3"} {
		if v, _ := f.GetCellValue("党员督查检查台账", ref); v != want {
			t.Errorf("%s = %q, want %q", ref, v, want)
		}
	}
}

func TestSetColumns(t *testing.T) {
	b := NewBook(testMeta)
	s, err := b.AddSheet(SheetSpec{Name: "表", Title: "表", NoHeader: true, Columns: []Column{{Width: 8}, {Width: 9}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetColumns([]Column{{Kind: Int}}); err == nil || !strings.Contains(err.Error(), "1 columns") {
		t.Errorf("wrong count: %v", err)
	}
	if err := s.SetColumns([]Column{{Kind: Int, Width: 50}, {Kind: Number, Format: "0.0%"}}); err != nil {
		t.Fatal(err)
	}
	if s.cols[0].Width != 8 || s.cols[1].Format != "0.0%" {
		t.Errorf("columns %+v: widths must stay, kinds change", s.cols)
	}
	if err := b.Write(io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := s.SetColumns([]Column{{}, {}}); err != errClosed {
		t.Errorf("after Write: %v", err)
	}
}

func TestJoinWrapped(t *testing.T) {
	tests := []struct {
		parts []string
		width float64
		want  string
	}{
		{nil, 10, ""},
		{[]string{"张三"}, 3, "张三"}, // too long for a line, but never cut
		{[]string{"张三", "李四", "王五"}, 17, "张三、李四、王五"},
		{[]string{"张三", "李四", "王五"}, 8, "张三、\n李四、\n王五"},
		{[]string{"江世杰（牵头）", "叶满仓", "郑振华"}, 17, "江世杰（牵头）、\n叶满仓、郑振华"},
		{[]string{"Li", "Wang", "Zhang"}, 11, "Li、Wang、\nZhang"},
	}
	for _, tt := range tests {
		got := joinWrapped(tt.parts, "、", tt.width, bodyPt)
		if got != tt.want {
			t.Errorf("joinWrapped(%q, %g) = %q, want %q", tt.parts, tt.width, got, tt.want)
		}
		for line := range strings.SplitSeq(got, "\n") {
			// A line of several names fits the width, its trailing 、 included.
			if strings.Contains(strings.TrimSuffix(line, "、"), "、") && lineCount(line, tt.width, bodyPt) > 1 {
				t.Errorf("line %q of %q overflows width %g", line, got, tt.width)
			}
		}
	}
}

// TestReviewOpenListHasItsOwnHeader: R4's list of open problems is on a sheet of its own whose
// header repeats on every printed page and stays in view (frozen) on screen.
func TestReviewOpenListHasItsOwnHeader(t *testing.T) {
	ins, fs := reviewFixture()
	p := data.MonthPeriod(2026, time.November)
	path := writeFile(t, "r4.xlsx", func(f *os.File) error {
		return WriteMonthlyReview(f, monthMeta, reviewStats(p, ins, fs), OpenFindingRows(fs, reviewTeam, asOf))
	})
	f := openTest(t, path)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"月度讲评表", "未销号问题"}) {
		t.Fatalf("sheets %v", got)
	}
	titles := ""
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == "未销号问题" {
			titles = dn.RefersTo
		}
	}
	panes, err := f.GetPanes("未销号问题")
	if err != nil || titles != "'未销号问题'!$4:$4" || !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("print titles %q, panes %+v (%v): want row 4, the header, repeated and frozen", titles, panes, err)
	}
	if v, _ := f.GetCellValue("未销号问题", "D4"); v != "问题描述" {
		t.Errorf("header D4 = %q", v)
	}
}
