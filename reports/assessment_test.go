package reports

import (
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"branchledger/data"

	"github.com/xuri/excelize/v2"
)

// testA1 is November's 支部月度考核 filled from the ledgers (3 inspections, 2 overdue findings,
// checks below the line, 满意率 below the line, one item done in-house, a decision below quorum),
// a manual item short,
// and the "四效" item overridden to full marks.
func testA1() data.Assessment { return testA1With(testA1Evidence()) }

// testA1With is testA1 filled from the evidence ev.
func testA1With(ev data.A1Evidence) data.Assessment {
	t := data.DefaultA1Template()
	a := data.NewAssessment(&t, 1, testMeta.Branch, data.MonthPeriod(2026, time.November))
	a.TemplateName = t.Name
	a.ApplyA1Evidence(ev, nil)
	a.Items[0].Score, a.Items[0].Reason, a.Items[0].Done = 8, "11月集中学习缺1次", "集中学习3次，缺1次"
	a.Items[8].Override = &data.Override{Score: 10, By: "张书记", Why: "自主完成井口暖风机改造，经党委认定按满分计"}
	return a
}

// testA1Evidence is what testA1's ledgers show: also one screening, and one case closed on time.
func testA1Evidence() data.A1Evidence {
	return data.A1Evidence{Inspections: 3, Findings: 5, ClosedOnTime: 3, Overdue: 2, Checks: 2, AvgCheckScore: 86.5,
		WelfareDone: 2, InHouse: 1, Answers: 100, Satisfaction: 0.88,
		Discipline: data.A1DisciplineEvidence{KeyPosts: 7, KeyPostOwed: 1, Quarter: "2026年第四季度", Found: 1},
		Petitions:  data.A1PetitionEvidence{Screenings: 1, Factors: 1, Registered: 2, Closed: 1, ClosedOnTime: 1},
		Concern:    data.A1ConcernEvidence{Handled: 4, Transferred: 1, VisitsDone: 2, VisitsOverdue: 1, AsOf: asOf},
		Decisions:  data.A1DecisionEvidence{Recorded: 2, Flagged: 1, ByRule: [3]int{1, 0, 0}, DueInMonth: 1, DoneDue: 1}}
}

// testA1Veto is testA1 with a 越级上访 in the month: 信访维稳排查靠前 (a 一票否决 item by default)
// fires.
func testA1Veto() data.Assessment {
	ev := testA1Evidence()
	ev.Petitions.Escalated = 1
	return testA1With(ev)
}

var pointsMembers = []data.Member{{ID: 1, Name: "张三"}, {ID: 2, Name: "李四"}, {ID: 3, Name: "王五"}, {ID: 4, Name: "赵六"}, {ID: 5, Name: "孙七"}}

var pointsGroups = map[int64]string{1: "第一党小组", 2: "第一党小组", 3: "第二党小组", 5: "第二党小组"}

// testPointEntries: 张三 earns 23 (capped at 20), 李四 +1 −2, 王五 a veto, 赵六 nothing, 孙七 −22;
// given by date as the store lists them.
func testPointEntries() []data.PointEntry {
	e := func(id int64, m time.Month, d int, item string, points float64, reason string) data.PointEntry {
		return data.PointEntry{MemberID: id, MemberName: pointsMembers[id-1].Name, Date: data.NewDate(2026, m, d), Item: item, Points: points, Reason: reason}
	}
	out := []data.PointEntry{
		e(3, time.February, 10, data.PointDiscipline, 0, "违反工作纪律受到党内警告处分"),
		e(2, time.March, 3, data.PointInspection, 1, "参加督查：3105工作面四不两直督查"),
		e(1, time.March, 3, data.PointInspection, 1, "参加督查：3105工作面四不两直督查"),
		e(1, time.April, 8, data.PointHonour, 5, "被评为集团公司优秀共产党员"),
		e(2, time.June, 30, data.PointOverdue, -2, "承办事项逾期：宿舍走廊照明改造"),
	}
	for i := 1; i <= 3; i++ {
		out = append(out, e(1, time.Month(4+i), 12, data.PointAdopted, 5, "合理化建议被采纳：皮带机头清扫器改进"+strconv.Itoa(i)))
	}
	for i := 1; i <= 8; i++ {
		out = append(out, e(5, time.Month(i), 20, data.PointViolation, -2, "所在班组一般“三违”"))
	}
	for i := 1; i <= 3; i++ {
		out = append(out, e(5, time.Month(9+i), 5, data.PointDues, -2, "未按期缴纳党费"))
	}
	return out
}

func testMemberPoints() ([]data.MemberPoints, []data.PointEntry) {
	t := data.DefaultA2Template()
	entries := testPointEntries()
	return data.ScoreMembers(&t, pointsMembers, data.YearPeriod(2026), entries), entries
}

// testThreeInOne: three members' A3 forms in roster order, not in rank order; 王五's 廉洁自律 veto fired.
func testThreeInOne() []data.Assessment {
	t := data.DefaultA3Template()
	a := func(id int64, name string, scores map[int]float64) data.Assessment {
		x := data.NewAssessment(&t, id, name, data.YearPeriod(2026))
		for i, s := range scores {
			x.Items[i].Score, x.Items[i].Reason = s, "未达标准"
		}
		return x
	}
	zhang := a(1, "张三", map[int]float64{0: 8, 6: 6, 7: 12})
	li := a(2, "李四", map[int]float64{2: 9.5})
	wang := a(3, "王五", nil)
	wang.Items[3].Vetoed = true
	return []data.Assessment{zhang, wang, li}
}

var threeInOnePosts = map[int64]string{1: "综采一队队长", 2: "综采一队安全副队长", 3: "机电副队长"}

func TestGoldenAssessmentReports(t *testing.T) {
	pm := Meta{Branch: testMeta.Branch, Period: "2026年", Date: asOf}
	rows, entries := testMemberPoints()
	empty := data.Assessment{TemplateName: "支部月度考核表", Scheme: data.SchemeSum, Period: data.MonthPeriod(2026, time.November),
		Grades: data.DefaultAssessGrades()}
	runGolden(t, []goldenCase{
		{"branch_assessment", func(w io.Writer) error { return WriteBranchAssessment(w, testMeta, testA1()) }},
		{"branch_assessment_veto", func(w io.Writer) error { return WriteBranchAssessment(w, testMeta, testA1Veto()) }},
		{"branch_assessment_empty", func(w io.Writer) error { return WriteBranchAssessment(w, testMeta, empty) }},
		{"member_points", func(w io.Writer) error { return WriteMemberPoints(w, pm, rows, entries, pointsGroups) }},
		{"member_points_empty", func(w io.Writer) error { return WriteMemberPoints(w, pm, nil, nil, nil) }},
		{"three_in_one", func(w io.Writer) error { return WriteThreeInOne(w, testMeta, testThreeInOne(), threeInOnePosts) }},
		{"three_in_one_empty", func(w io.Writer) error { return WriteThreeInOne(w, pm, nil, nil) }},
	})
}

// isRed reports whether a cell's font is red.
func isRed(t *testing.T, path, sheet, cell string) bool {
	t.Helper()
	return redCell(t, openTest(t, path), sheet, cell)
}

// redCell reports whether cell of sheet in the open file f is printed in red (a flag).
func redCell(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Font != nil && st.Font.Color == red
}

// TestBranchAssessmentTotal reads R8 back: the 合计 row holds data.ScoreAssessment's 满分 and
// total, the 等次 row its grade (red when 不合格), overridden items carry the mark and fired
// vetoes are red.
func TestBranchAssessmentTotal(t *testing.T) {
	points := data.DefaultA2Template()
	base := data.MemberPointsAssessment(&points, 1, "张三", data.YearPeriod(2026), testPointEntries())
	tests := []struct {
		name string
		a    data.Assessment
	}{
		{"A1", testA1()},
		{"A1 veto", testA1Veto()},
		{"A1 untouched", func() data.Assessment {
			tpl := data.DefaultA1Template()
			return data.NewAssessment(&tpl, 1, "", data.MonthPeriod(2026, 11))
		}()},
		{"A3", testThreeInOne()[0]},
		{"A2 base scheme", base},
	}
	const sheet = "支部月度考核表"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := data.ScoreAssessment(&tt.a)
			path := writeFile(t, "r8.xlsx", func(f *os.File) error { return WriteBranchAssessment(f, testMeta, tt.a) })
			rows := sheetRows(t, openTest(t, path), sheet)
			// 1 title, 2 meta, 3 header, items, 合计, 等次
			total, grade := rows[3+len(tt.a.Items)], rows[4+len(tt.a.Items)]
			if total[0] != "合计" || grade[0] != data.FGrade {
				t.Fatalf("total row %q, grade row %q", total, grade)
			}
			if got, _ := strconv.ParseFloat(total[6], 64); got != want.Total || total[6] == "" {
				t.Errorf("得分 total %q, want %v", total[6], want.Total)
			}
			if got, _ := strconv.ParseFloat(total[2], 64); got != want.Full {
				t.Errorf("分值 total %q, want %v", total[2], want.Full)
			}
			if grade[6] != want.Grade {
				t.Errorf("等次 %q, want %q", grade[6], want.Grade)
			}
			gradeRow := 5 + len(tt.a.Items)
			if got := isRed(t, path, sheet, cellName(7, gradeRow)); got != (want.Grade == data.GradeFail) {
				t.Errorf("等次 %s red = %v", want.Grade, got)
			}
			for i, it := range tt.a.Items {
				r := rows[3+i]
				if got, _ := strconv.ParseFloat(r[6], 64); got != want.Items[i].Score {
					t.Errorf("item %s score %q, want %v", it.Name, r[6], want.Items[i].Score)
				}
				if marked := strings.Contains(r[5], overrideMark); marked != (it.Override != nil) {
					t.Errorf("item %s reason %q: override mark = %v", it.Name, r[5], marked)
				}
				if got := isRed(t, path, sheet, cellName(2, 4+i)); got != want.Items[i].Vetoed {
					t.Errorf("item %s red = %v, vetoed %v", it.Name, got, want.Items[i].Vetoed)
				}
			}
		})
	}
}

func TestItemReasonOverride(t *testing.T) {
	a := testA1()
	it := &a.Items[8]
	got := itemReason(a.Scheme, it, data.ScoreItem(a.Scheme, it))
	want := it.Reason + "\n（人工调整）由5分调整为10分，调整人：张书记，理由：自主完成井口暖风机改造，经党委认定按满分计"
	if got != want {
		t.Errorf("itemReason = %q, want %q", got, want)
	}
}

func TestGradeRuleAndSummary(t *testing.T) {
	if got, want := gradeRule(data.DefaultAssessGrades()), "90分及以上为优秀，75分及以上为合格，60分及以上为基本合格，低于60分为不合格；一票否决的为不合格"; got != want {
		t.Errorf("gradeRule = %q, want %q", got, want)
	}
	tests := []struct {
		grades []string
		want   string
	}{
		{nil, "共0人："},
		{[]string{"不合格", "优秀", "甲等", "不合格", "合格"}, "共5人：优秀1人，合格1人，不合格2人，甲等1人"},
	}
	for _, tt := range tests {
		if got := gradeSummary(tt.grades); got != tt.want {
			t.Errorf("gradeSummary(%q) = %q, want %q", tt.grades, got, tt.want)
		}
	}
}

// TestMemberPointsRows reads R9 back: every member's figures as scored, the veto noted and red,
// the detail grouped by member in the summary's order.
func TestMemberPointsRows(t *testing.T) {
	rows, entries := testMemberPoints()
	path := writeFile(t, "r9.xlsx", func(f *os.File) error { return WriteMemberPoints(f, monthMeta, rows, entries, pointsGroups) })
	f := openTest(t, path)
	sum := sheetRows(t, f, "积分汇总")
	// 1 title, 2 meta, 3 note, 4 header, 5… members
	for i, r := range rows {
		got := sum[4+i]
		f := data.FormatScore
		want := []string{strconv.Itoa(i + 1), r.Name, pointsGroups[r.MemberID], f(r.Base), f(r.Deducted), f(r.Added), f(r.Total), got[7], strconv.Itoa(r.Rank)}
		if !slices.Equal(got, want) {
			t.Errorf("row %d = %q, want %q", i+1, got, want)
		}
		wantGrade := r.Grade
		if r.Vetoed {
			wantGrade += vetoMark
		}
		if got[7] != wantGrade {
			t.Errorf("%s 等次 %q, want %q", r.Name, got[7], wantGrade)
		}
		if red := isRed(t, path, "积分汇总", cellName(2, 5+i)); red != (r.Grade == data.GradeFail) {
			t.Errorf("%s (%s) red = %v", r.Name, r.Grade, red)
		}
	}
	if got := sum[4+len(rows)][0]; got != "共5人：优秀1人，合格2人，不合格2人" {
		t.Errorf("summary %q", got)
	}
	detail := sheetRows(t, f, "积分明细")
	var names []string
	for _, r := range detail[3 : 3+len(entries)] {
		if len(names) == 0 || names[len(names)-1] != r[1] {
			names = append(names, r[1])
		}
	}
	if want := []string{"张三", "李四", "王五", "孙七"}; !slices.Equal(names, want) {
		t.Errorf("detail members in order %q, want %q", names, want)
	}
}

// TestThreeInOneRows reads R10 back: ranked by total, each 板块 as scored.
func TestThreeInOneRows(t *testing.T) {
	as := testThreeInOne()
	path := writeFile(t, "r10.xlsx", func(f *os.File) error { return WriteThreeInOne(f, testMeta, as, threeInOnePosts) })
	rows := sheetRows(t, openTest(t, path), "三位一体考核表")
	order := []int{2, 0, 1} // 李四 99.5, 张三 91, 王五 vetoed 0
	for place, i := range order {
		s := data.ScoreAssessment(&as[i])
		got := rows[3+place]
		f := data.FormatScore
		want := []string{strconv.Itoa(place + 1), as[i].SubjectName, threeInOnePosts[as[i].SubjectID],
			f(s.Parts[0].Score), f(s.Parts[1].Score), f(s.Parts[2].Score), f(s.Total), got[7]}
		if !slices.Equal(got, want) {
			t.Errorf("place %d = %q, want %q", place+1, got, want)
		}
		if s.Vetoed != strings.HasSuffix(got[7], vetoMark) {
			t.Errorf("%s 等次 %q, vetoed %v", as[i].SubjectName, got[7], s.Vetoed)
		}
	}
}

// TestBranchAssessmentItemsOnOneLine: every front of the default A1 form prints on one line in
// 考核项目, never with a lone 靠前 on a second.
func TestBranchAssessmentItemsOnOneLine(t *testing.T) {
	tpl := data.DefaultA1Template()
	for _, it := range tpl.Items {
		if n := lineCount(it.Name, branchAssessmentColumns[1].Width, bodyPt); n != 1 {
			t.Errorf("%s takes %d lines in 考核项目", it.Name, n)
		}
	}
}
