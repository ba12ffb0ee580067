package data

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScoreItem(t *testing.T) {
	deduct := AssessItem{Name: "扣", Points: 15, Method: MethodDeduct, Per: 2}
	deductCap := AssessItem{Name: "扣", Points: 15, Method: MethodDeduct, Per: 2, Cap: 5}
	add := AssessItem{Name: "加", Points: 10, Method: MethodAdd, Per: 5}
	addCap := AssessItem{Name: "加", Points: 10, Method: MethodAdd, Per: 1.5, Cap: 4}
	manual := AssessItem{Name: "人", Points: 10, Method: MethodManual}
	baseAdd := AssessItem{Name: "督查", Method: MethodAdd, Per: 1}
	baseAddCap := AssessItem{Name: "督查", Method: MethodAdd, Per: 1, Cap: 3}
	baseSub := AssessItem{Name: "逾期", Method: MethodDeduct, Per: 2}
	veto := AssessItem{Name: "违纪", Method: MethodDeduct, Veto: true}
	manualVeto := AssessItem{Name: "廉洁", Points: 10, Method: MethodManual, Veto: true}
	tests := []struct {
		name     string
		scheme   string
		item     AssessmentItem
		score    float64
		amount   float64
		capped   bool
		vetoed   bool
		override bool
	}{
		{"deduct none", SchemeSum, AssessmentItem{AssessItem: deduct}, 15, 0, false, false, false},
		{"deduct 3 × 2", SchemeSum, AssessmentItem{AssessItem: deduct, Tallies: []Tally{{Count: 3}}}, 9, 6, false, false, false},
		{"deduct to exactly 0", SchemeSum, AssessmentItem{AssessItem: deduct, Tallies: []Tally{{Count: 7}, {Count: 1, Per: 1}}}, 0, 15, false, false, false},
		{"deduct beyond 分值 stops at 0", SchemeSum, AssessmentItem{AssessItem: deduct, Tallies: []Tally{{Count: 9}}}, 0, 18, true, false, false},
		{"deduct cap 5", SchemeSum, AssessmentItem{AssessItem: deductCap, Tallies: []Tally{{Count: 4}}}, 10, 8, true, false, false},
		{"deduct at cap exactly", SchemeSum, AssessmentItem{AssessItem: deductCap, Tallies: []Tally{{Count: 2}, {Count: 1, Per: 1}}}, 10, 5, false, false, false},
		{"tallies at own points", SchemeSum, AssessmentItem{AssessItem: deduct, Tallies: []Tally{{Count: 1, Per: 0.5}, {Count: 2, Per: 1}}}, 12.5, 2.5, false, false, false},
		{"add 1 × 5", SchemeSum, AssessmentItem{AssessItem: add, Tallies: []Tally{{Count: 1}}}, 5, 5, false, false, false},
		{"add capped by 分值", SchemeSum, AssessmentItem{AssessItem: add, Tallies: []Tally{{Count: 3}}}, 10, 15, true, false, false},
		{"add none", SchemeSum, AssessmentItem{AssessItem: add}, 0, 0, false, false, false},
		{"add cap 4 with halves", SchemeSum, AssessmentItem{AssessItem: addCap, Tallies: []Tally{{Count: 3}}}, 4, 4.5, true, false, false},
		{"add under cap with halves", SchemeSum, AssessmentItem{AssessItem: addCap, Tallies: []Tally{{Count: 1}}}, 1.5, 1.5, false, false, false},
		{"manual", SchemeSum, AssessmentItem{AssessItem: manual, Score: 7.5}, 7.5, 0, false, false, false},
		{"override replaces computed", SchemeSum, AssessmentItem{AssessItem: deduct, Tallies: []Tally{{Count: 3}}, Override: &Override{Score: 14, By: "张三", Why: "两次督查补录"}}, 14, 6, false, false, true},
		{"override replaces manual", SchemeSum, AssessmentItem{AssessItem: manual, Score: 10, Override: &Override{Score: 6}}, 6, 0, false, false, true},
		{"base add, no cap of its own", SchemeBase, AssessmentItem{AssessItem: baseAdd, Tallies: []Tally{{Count: 30}}}, 30, 30, false, false, false},
		{"base add, cap 3", SchemeBase, AssessmentItem{AssessItem: baseAddCap, Tallies: []Tally{{Count: 5}}}, 3, 5, true, false, false},
		{"base deduct", SchemeBase, AssessmentItem{AssessItem: baseSub, Tallies: []Tally{{Count: 2}}}, 4, 4, false, false, false},
		{"veto counted", SchemeBase, AssessmentItem{AssessItem: veto, Tallies: []Tally{{Count: 1}}}, 0, 0, false, true, false},
		{"veto not counted", SchemeBase, AssessmentItem{AssessItem: veto}, 0, 0, false, false, false},
		{"manual veto marked", SchemeSum, AssessmentItem{AssessItem: manualVeto, Score: 0, Vetoed: true}, 0, 0, false, true, false},
		{"manual veto at 0 but not marked", SchemeSum, AssessmentItem{AssessItem: manualVeto, Score: 0}, 0, 0, false, false, false},
	}
	for _, tt := range tests {
		s := ScoreItem(tt.scheme, &tt.item)
		if s.Score != tt.score || s.Amount != tt.amount || s.Capped != tt.capped || s.Vetoed != tt.vetoed || s.Overridden != tt.override {
			t.Errorf("%s: got %+v, want score %v amount %v capped %v vetoed %v overridden %v", tt.name, s, tt.score, tt.amount, tt.capped, tt.vetoed, tt.override)
		}
	}
	if got := ScoreOccurrences(SchemeSum, deductCap, 1); got != 13 {
		t.Errorf("ScoreOccurrences deduct 1 = %v, want 13", got)
	}
	if got := ScoreOccurrences(SchemeSum, add, 2); got != 10 {
		t.Errorf("ScoreOccurrences add 2 = %v, want 10", got)
	}
	if got := ScoreOccurrences(SchemeSum, manual, 5); got != 10 {
		t.Errorf("ScoreOccurrences manual = %v, want its full points", got)
	}
}

// sumAssessment is a one-item SchemeSum assessment of 100 points scored s by hand.
func sumAssessment(s float64, veto bool) Assessment {
	return Assessment{Scheme: SchemeSum, Grades: DefaultAssessGrades(), Items: []AssessmentItem{
		{AssessItem: AssessItem{Name: "甲", Points: 60, Method: MethodManual}, Score: min(s, 60)},
		{AssessItem: AssessItem{Name: "乙", Points: 40, Method: MethodManual, Veto: true}, Score: max(s-60, 0), Vetoed: veto},
	}}
}

func TestScoreAssessmentGrades(t *testing.T) {
	tests := []struct {
		score float64
		veto  bool
		total float64
		grade string
	}{
		{100, false, 100, GradeExcellent},
		{90, false, 90, GradeExcellent},
		{89.5, false, 89.5, GradePass},
		{75, false, 75, GradePass},
		{74.5, false, 74.5, GradeBasicPass},
		{60, false, 60, GradeBasicPass},
		{59.5, false, 59.5, GradeFail},
		{0, false, 0, GradeFail},
		{100, true, 0, GradeFail},
	}
	for _, tt := range tests {
		a := sumAssessment(tt.score, tt.veto)
		s := ScoreAssessment(&a)
		if s.Total != tt.total || s.Grade != tt.grade || s.Vetoed != tt.veto || s.Full != 100 {
			t.Errorf("score %v veto %v: got total %v grade %s vetoed %v full %v, want %v %s", tt.score, tt.veto, s.Total, s.Grade, s.Vetoed, s.Full, tt.total, tt.grade)
		}
		if tt.veto && !slices.Equal(s.Vetoes, []string{"乙"}) {
			t.Errorf("vetoes = %v", s.Vetoes)
		}
		if !tt.veto && s.Deducted != 100-tt.score {
			t.Errorf("score %v: 扣分 %v", tt.score, s.Deducted)
		}
	}
	// Custom lines with a half point, and a total below every line.
	a := sumAssessment(85.5, false)
	a.Grades = []GradeLine{{85.5, "好"}, {70, "较好"}}
	if g := ScoreAssessment(&a).Grade; g != "好" {
		t.Errorf("85.5 on a 85.5 line: %s", g)
	}
	a = sumAssessment(85, false)
	a.Grades = []GradeLine{{85.5, "好"}, {70, "较好"}}
	if g := ScoreAssessment(&a).Grade; g != "较好" {
		t.Errorf("85 below a 85.5 line: %s", g)
	}
	a.Grades = nil
	if g := ScoreAssessment(&a).Grade; g != GradeFail {
		t.Errorf("no lines: %s", g)
	}
}

func TestA3Parts(t *testing.T) {
	tpl := DefaultA3Template()
	a := NewAssessment(&tpl, 5, "张三", YearPeriod(2026))
	a.Items[1].Score, a.Items[1].Reason = 8, "组织生活缺席一次"
	a.Items[8].Score, a.Items[8].Reason = 7.5, "材料超支"
	s := ScoreAssessment(&a)
	want := []PartScore{{PartParty, 40, 38}, {PartSafety, 30, 30}, {PartProduction, 30, 27.5}}
	if !slices.Equal(s.Parts, want) || s.Total != 95.5 || s.Grade != GradeExcellent {
		t.Errorf("parts %+v total %v %s, want %+v 95.5 优秀", s.Parts, s.Total, s.Grade, want)
	}
	if fe := ValidateAssessment(&a); fe != nil {
		t.Errorf("valid A3 refused: %v", fe)
	}
	a.Items[3].Vetoed, a.Items[3].Reason = true, "受党内警告处分"
	if s := ScoreAssessment(&a); s.Total != 0 || s.Grade != GradeFail || !slices.Equal(s.Vetoes, []string{"廉洁自律"}) {
		t.Errorf("A3 veto: %+v", s)
	}
}

func entry(member int64, d Date, item string, points float64) PointEntry {
	return PointEntry{MemberID: member, Date: d, Item: item, Points: points, Reason: item + "事由"}
}

func TestMemberPoints(t *testing.T) {
	tpl := DefaultA2Template()
	d := Date{2026, time.March, 5}
	times := func(n int, e PointEntry) []PointEntry {
		out := make([]PointEntry, n)
		for i := range out {
			out[i] = e
		}
		return out
	}
	tests := []struct {
		name                           string
		entries                        []PointEntry
		deducted, added, earned, total float64
		grade                          string
		vetoed                         bool
	}{
		{"nothing: 80 合格", nil, 0, 0, 0, 80, GradePass, false},
		{"deductions only", []PointEntry{entry(1, d, PointMinorViolation, -1), entry(1, d, PointViolation, -2), entry(1, d, PointDues, -2)}, 5, 0, 0, 75, GradePass, false},
		{"74.5 基本合格", []PointEntry{entry(1, d, PointMinorViolation, -1), entry(1, d, PointViolation, -2), entry(1, d, PointDues, -2), entry(1, d, PointMinorViolation, -0.5)}, 5.5, 0, 0, 74.5, GradeBasicPass, false},
		{"additions to 90", []PointEntry{entry(1, d, PointAdopted, 5), entry(1, d, PointHonour, 5)}, 0, 10, 10, 90, GradeExcellent, false},
		{"additions above the cap", append(times(25, entry(1, d, PointInspection, 1)), entry(1, d, PointOverdue, -2)), 2, 20, 25, 98, GradeExcellent, false},
		{"deduction not offset beyond the cap", append(times(30, entry(1, d, PointInspection, 1)), times(11, entry(1, d, PointOverdue, -2))...), 22, 20, 30, 78, GradePass, false},
		{"below 60", times(11, entry(1, d, PointOverdue, -2)), 22, 0, 0, 58, GradeFail, false},
		{"deductions beyond 80 stop at 0", times(50, entry(1, d, PointOverdue, -2)), 100, 0, 0, 0, GradeFail, false},
		{"veto", append(times(20, entry(1, d, PointInspection, 1)), entry(1, d, PointDiscipline, 0)), 0, 20, 20, 0, GradeFail, true},
		{"other members, other years and unknown items ignored", []PointEntry{entry(2, d, PointHonour, 5), entry(1, Date{2025, time.December, 31}, PointHonour, 5), entry(1, d, "已删除的项目", 5)}, 0, 0, 0, 80, GradePass, false},
	}
	for _, tt := range tests {
		rows := ScoreMembers(&tpl, []Member{{ID: 1, Name: "张三"}}, YearPeriod(2026), tt.entries)
		r := rows[0]
		if r.Base != 80 || r.Deducted != tt.deducted || r.Added != tt.added || r.Earned != tt.earned || r.Total != tt.total || r.Grade != tt.grade || r.Vetoed != tt.vetoed || r.Rank != 1 {
			t.Errorf("%s: got %+v, want 扣分 %v 加分 %v (earned %v) 总分 %v %s veto %v", tt.name, r, tt.deducted, tt.added, tt.earned, tt.total, tt.grade, tt.vetoed)
		}
	}
	// Deduction reasons come from the entries, so the member's assessment validates as built.
	a := MemberPointsAssessment(&tpl, 1, "张三", YearPeriod(2026), tests[1].entries)
	if fe := ValidateAssessment(&a); fe != nil {
		t.Errorf("A2 assessment from entries refused: %v", fe)
	}
	if r := a.Items[slices.IndexFunc(a.Items, func(it AssessmentItem) bool { return it.Name == PointDues })].Reason; !strings.Contains(r, "2026-03-05") {
		t.Errorf("deduction reason %q lacks the entry", r)
	}
}

func TestScoreMembersRanking(t *testing.T) {
	tpl := DefaultA2Template()
	d := Date{2026, time.June, 1}
	members := []Member{{ID: 1, Name: "甲"}, {ID: 2, Name: "乙"}, {ID: 3, Name: "丙"}, {ID: 4, Name: "丁"}}
	entries := []PointEntry{
		entry(1, d, PointHonour, 5), entry(2, d, PointHonour, 5), entry(2, d, PointSuggestion, 2),
		entry(3, d, PointHonour, 5), entry(4, d, PointOverdue, -2),
	}
	var ranks []int
	for _, r := range ScoreMembers(&tpl, members, YearPeriod(2026), entries) {
		ranks = append(ranks, r.Rank)
	}
	if want := []int{2, 1, 2, 4}; !slices.Equal(ranks, want) {
		t.Errorf("ranks %v, want %v", ranks, want)
	}
}

func TestRankTotals(t *testing.T) {
	tests := []struct {
		totals []float64
		want   []int
	}{
		{nil, []int{}},
		{[]float64{80}, []int{1}},
		{[]float64{90, 95, 90, 80}, []int{2, 1, 2, 4}},
		{[]float64{70, 70, 70}, []int{1, 1, 1}},
		{[]float64{90.5, 90, 90.5, 91}, []int{2, 4, 2, 1}},
		{[]float64{0, 100, 50, 50, 50, 0}, []int{5, 1, 2, 2, 2, 5}},
		// averages to one decimal: 88.3 and 88.4 differ (half-points would merge them)
		{[]float64{88.3, 88.4, 88.3, 88.1}, []int{2, 1, 2, 4}},
	}
	for _, tt := range tests {
		if got := RankTotals(tt.totals); !slices.Equal(got, tt.want) {
			t.Errorf("RankTotals(%v) = %v, want %v", tt.totals, got, tt.want)
		}
	}
}

func TestDefaultAssessTemplates(t *testing.T) {
	for _, tpl := range DefaultAssessTemplates() {
		if fe := ValidateAssessTemplate(&tpl); fe != nil {
			t.Errorf("%s refused: %v", tpl.Name, fe)
		}
	}
	a1 := DefaultA1Template()
	if a1.Sum() != 100 || len(a1.Items) != 10 || a1.Subject != SubjectBranch || a1.PeriodKind != PeriodMonth {
		t.Errorf("A1: sum %v, %d items, %s %s", a1.Sum(), len(a1.Items), a1.Subject, a1.PeriodKind)
	}
	wantA1 := map[string]float64{"政治理论学习靠前": 10, "党建基础工作靠前": 10, "“三重一大”决策靠前": 10, "作风纪律建设靠前": 10,
		"安全督查检查靠前": 15, "人文关怀疏导靠前": 10, "应急防控冲锋靠前": 5, "幸福指数提升靠前": 10, "“四效”建设挖潜靠前": 10, "信访维稳排查靠前": 10}
	autos := map[string]string{}
	for _, it := range a1.Items {
		if wantA1[it.Name] != it.Points || it.Standard == "" {
			t.Errorf("A1 item %s: %v points, standard %q", it.Name, it.Points, it.Standard)
		}
		if it.Auto != "" {
			autos[it.Auto] = it.Name
		}
	}
	wantAutos := map[string]string{
		AutoInspection: "安全督查检查靠前",
		AutoWelfare:    "幸福指数提升靠前",
		AutoInHouse:    "“四效”建设挖潜靠前",
		AutoDiscipline: "作风纪律建设靠前",
		AutoStudy:      "政治理论学习靠前",
		AutoOrgWork:    "党建基础工作靠前",
		AutoDecision:   "“三重一大”决策靠前",
		AutoConcern:    "人文关怀疏导靠前",
		AutoEmergency:  "应急防控冲锋靠前",
		AutoPetition:   "信访维稳排查靠前",
	}
	if len(wantAutos) != 10 {
		t.Errorf("the ten fronts: %d automatic items listed", len(wantAutos))
	}
	if !maps.Equal(autos, wantAutos) {
		t.Errorf("A1 automatic items: %v, want %v", autos, wantAutos)
	}

	a3 := DefaultA3Template()
	s := ScoreAssessment(&Assessment{Scheme: a3.Scheme, Grades: a3.Grades, Items: NewAssessment(&a3, 1, "", YearPeriod(2026)).Items})
	if want := []PartScore{{PartParty, 40, 40}, {PartSafety, 30, 30}, {PartProduction, 30, 30}}; !slices.Equal(s.Parts, want) || a3.Sum() != 100 {
		t.Errorf("A3 parts %+v, sum %v", s.Parts, a3.Sum())
	}

	a2 := DefaultA2Template()
	if a2.Base != 80 || a2.BonusCap != 20 || a2.Scheme != SchemeBase || !slices.Equal(a2.Grades, DefaultAssessGrades()) {
		t.Errorf("A2 scheme: %+v", a2)
	}
	wantA2 := map[string]float64{PointInspection: 1, PointFinding: 1, PointSuggestion: 2, PointAdopted: 5, PointWelfareDone: 2, PointHonour: 5,
		PointMinorViolation: -1, PointViolation: -2, PointOverdue: -2, PointDues: -2, PointDiscipline: 0, PointLecture: 2, PointAbsent: -2,
		PointPetition: 2}
	for _, it := range a2.Items {
		e := NewPointEntry(1, testToday, it, "事由")
		if p, ok := wantA2[it.Name]; !ok || e.Points != p || it.Veto != (it.Name == PointDiscipline) {
			t.Errorf("A2 item %s: entry points %v, veto %v", it.Name, e.Points, it.Veto)
		}
		if fe := ValidatePointEntry(&e, &a2, testToday); fe != nil {
			t.Errorf("default entry of %s refused: %v", it.Name, fe)
		}
	}
	if len(a2.Items) != len(wantA2) {
		t.Errorf("A2 catalogue has %d items, want %d", len(a2.Items), len(wantA2))
	}
}

func TestTemplateSnapshot(t *testing.T) {
	tpl := DefaultA1Template()
	a := NewAssessment(&tpl, 1, "综采一队党支部", MonthPeriod(2026, time.November))
	a.Items[0].Score, a.Items[0].Reason = 8, "学习记录不全"
	a.ApplyA1Evidence(A1Evidence{Inspections: 3, Overdue: 1, Checks: 2, AvgCheckScore: 92, WelfareDone: 1, InHouse: 1, Answers: 40, Satisfaction: 0.95,
		Petitions: A1PetitionEvidence{Screenings: 1}, Concern: A1ConcernEvidence{Handled: 1}}, nil)
	before := ScoreAssessment(&a)

	// Edit the template in every way a user can: points, caps, per, names, grades, removing items.
	tpl.Items[0].Points = 20
	tpl.Items[4].Per, tpl.Items[4].Cap = 5, 5
	tpl.Items[8].Per = 10
	tpl.Items[1].Name = "改名"
	tpl.Grades[0].Min = 99
	tpl.Items = tpl.Items[:5]

	after := ScoreAssessment(&a)
	if after.Total != before.Total || after.Grade != before.Grade || !slices.Equal(after.Items, before.Items) {
		t.Errorf("editing the template changed the assessment: %+v → %+v", before, after)
	}
	if before.Total != 100-2-2-1-5 || before.Grade != GradeExcellent {
		t.Errorf("A1 total %v %s, want 90 优秀", before.Total, before.Grade)
	}
}

func TestA1Rule(t *testing.T) {
	tests := []struct {
		name                     string
		ev                       A1Evidence
		inspection, welfare, own float64
		doneInspection           string
	}{
		{"all well", A1Evidence{Inspections: 6, Findings: 9, ClosedOnTime: 9, Checks: 3, AvgCheckScore: 95.3, WelfareDone: 3, InHouse: 2, Answers: 100, Satisfaction: 0.96},
			15, 10, 10, "督查6次，发现问题9条，按期销号9条，逾期未销号0条"},
		{"exactly at the lines", A1Evidence{Inspections: 4, Checks: 1, AvgCheckScore: 90, WelfareDone: 1, Answers: 10, Satisfaction: 0.9},
			15, 10, 0, "督查4次，发现问题0条，按期销号0条，逾期未销号0条"},
		{"just below the lines", A1Evidence{Inspections: 3, Overdue: 2, Checks: 1, AvgCheckScore: 89.9, WelfareDone: 1, InHouse: 1, Answers: 10, Satisfaction: 0.89},
			11, 8, 5, "督查3次，发现问题0条，按期销号0条，逾期未销号2条"},
		{"nothing done", A1Evidence{}, 7, 6, 0, "督查0次，发现问题0条，按期销号0条，逾期未销号0条"},
		{"deductions capped at the points", A1Evidence{Inspections: 0, Overdue: 30, Checks: 2, AvgCheckScore: 40, Answers: 5, Satisfaction: 0.1},
			0, 1, 0, "督查0次，发现问题0条，按期销号0条，逾期未销号30条"},
		{"check score 85 is one step, 84.9 two", A1Evidence{Inspections: 4, Checks: 1, AvgCheckScore: 85, WelfareDone: 1, InHouse: 3}, 15, 9, 10, "督查4次，发现问题0条，按期销号0条，逾期未销号0条"},
	}
	tpl := DefaultA1Template()
	for _, tt := range tests {
		a := NewAssessment(&tpl, 1, "支部", MonthPeriod(2026, time.November))
		refs := map[string][]EvidenceRef{AutoInspection: {{Kind: EntInspection, ID: 3, Label: "2026-11-20 综采一队"}}}
		a.ApplyA1Evidence(tt.ev, refs)
		s := ScoreAssessment(&a)
		got := []float64{s.Items[4].Score, s.Items[7].Score, s.Items[8].Score}
		if want := []float64{tt.inspection, tt.welfare, tt.own}; !slices.Equal(got, want) {
			t.Errorf("%s: scores %v, want %v", tt.name, got, want)
		}
		if a.Items[4].Done != tt.doneInspection || len(a.Items[4].Evidence) != 1 || a.Items[7].Evidence != nil {
			t.Errorf("%s: 完成情况 %q, evidence %v", tt.name, a.Items[4].Done, a.Items[4].Evidence)
		}
		// The automatic reasons make every automatic item valid; only manual items are left.
		for _, e := range ValidateAssessment(&a) {
			t.Errorf("%s: %s", tt.name, e.Field+"："+e.Message)
		}
	}
	if _, _, ok := A1Rule("", A1Evidence{}); ok {
		t.Error("A1Rule accepted an unknown key")
	}
	// 84.9 is two started steps below 90.
	if tallies, _, _ := A1Rule(AutoWelfare, A1Evidence{Checks: 1, AvgCheckScore: 84.9, WelfareDone: 1}); len(tallies) != 1 || tallies[0].Count != 2 {
		t.Errorf("84.9: %+v", tallies)
	}
}

func TestA1ReasonsFollowEvidence(t *testing.T) {
	tpl := DefaultA1Template()
	a := NewAssessment(&tpl, 1, "支部", MonthPeriod(2026, time.November))
	a.ApplyA1Evidence(A1Evidence{Inspections: 2, Overdue: 1, Checks: 1, AvgCheckScore: 95, WelfareDone: 1}, nil)
	if r := a.Items[4].Reason; r != "督查2次，少于4次，扣4分；逾期未销号问题1条，扣1分" {
		t.Errorf("reason %q", r)
	}
	if r := a.Items[8].Reason; r != "本期没有可计分的记录，得0分（满分10分）" {
		t.Errorf("四效 reason %q", r)
	}
	// New evidence rewrites a generated reason; a reason the user wrote stays.
	a.Items[8].Reason = "本月外委一项，已说明"
	a.ApplyA1Evidence(A1Evidence{Inspections: 4, Checks: 1, AvgCheckScore: 95, WelfareDone: 1}, nil)
	if a.Items[4].Reason != "" || a.Items[8].Reason != "本月外委一项，已说明" {
		t.Errorf("reasons after new evidence: %q, %q", a.Items[4].Reason, a.Items[8].Reason)
	}
	// Capped deductions say so.
	a.ApplyA1Evidence(A1Evidence{Overdue: 20, Checks: 1, AvgCheckScore: 95, WelfareDone: 1}, nil)
	if r := a.Items[4].Reason; !strings.HasSuffix(r, "合计28分，以15分封顶") {
		t.Errorf("capped reason %q", r)
	}
}

func validA1() Assessment {
	tpl := DefaultA1Template()
	// Items 3 and 7 scored by hand, as a user may set them, for the manual cases of the tests.
	for _, i := range []int{2, 6} {
		tpl.Items[i].Method, tpl.Items[i].Auto, tpl.Items[i].Per = MethodManual, "", 0
	}
	a := NewAssessment(&tpl, 1, "支部", MonthPeriod(2026, time.November))
	a.ApplyA1Evidence(A1Evidence{Inspections: 5, Checks: 1, AvgCheckScore: 95, WelfareDone: 2, InHouse: 2, OrgLife: OrgLifeEvidence{FirstTopic: 1},
		Petitions: A1PetitionEvidence{Screenings: 1}, Concern: A1ConcernEvidence{Handled: 1}}, nil)
	return a
}

func TestValidateAssessment(t *testing.T) {
	a := validA1()
	if fe := ValidateAssessment(&a); fe != nil {
		t.Fatalf("valid A1 refused: %v", fe)
	}
	tests := []struct {
		name   string
		change func(a *Assessment)
		field  string
		msg    string
	}{
		{"manual below full needs a reason", func(a *Assessment) { a.Items[2].Score = 8 }, "第3项：扣分原因", "扣了2分，请填写扣分原因"},
		{"half-point deduction needs a reason", func(a *Assessment) { a.Items[5].Method, a.Items[5].Score = MethodManual, 9.5 }, "第6项：扣分原因", "扣了0.5分"},
		{"manual score above 分值", func(a *Assessment) { a.Items[2].Score = 11 }, "第3项：得分", "不能超过分值10分"},
		{"manual score negative", func(a *Assessment) { a.Items[2].Score = -1 }, "第3项：得分", "不能为负数"},
		{"manual score not a half step", func(a *Assessment) { a.Items[2].Score = 7.3 }, "第3项：得分", "0.5分的整数倍"},
		{"override below full needs a reason", func(a *Assessment) {
			a.Items[4].Override = &Override{Score: 12, By: "李书记", Why: "督查记录漏登"}
		}, "第5项：扣分原因", "扣了3分"},
		{"override needs who", func(a *Assessment) { a.Items[4].Override = &Override{Score: 15, Why: "复核"} }, "第5项：调整人", "须填写调整人"},
		{"override needs why", func(a *Assessment) { a.Items[4].Override = &Override{Score: 15, By: "李书记"} }, "第5项：调整理由", "须填写调整理由"},
		{"override above 分值", func(a *Assessment) { a.Items[4].Override = &Override{Score: 16, By: "李书记", Why: "复核"} }, "第5项：人工调整", "不能超过分值15分"},
		{"veto needs a reason", func(a *Assessment) {
			a.Items[2].Veto, a.Items[2].Vetoed = true, true
		}, "第3项：扣分原因", "一票否决"},
		{"no subject", func(a *Assessment) { a.SubjectID = 0 }, FSubject, "请选择考核对象"},
		{"no period", func(a *Assessment) { a.Period = Period{} }, FPeriod, "请选择考核期间"},
		{"no grades", func(a *Assessment) { a.Grades = nil }, FGradeLines, "至少设置一条"},
		{"no items", func(a *Assessment) { a.Items = nil }, FAssessItem, "请选择考核表"},
		{"negative count", func(a *Assessment) { a.Items[4].Tallies = []Tally{{Count: -1}} }, "第5项：完成情况", "不合理"},
	}
	for _, tt := range tests {
		a := validA1()
		tt.change(&a)
		a.Normalize()
		fe := ValidateAssessment(&a)
		if msg := fe.ForLabel(tt.field); !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: %s = %q, want …%s… (all: %v)", tt.name, tt.field, msg, tt.msg, fe)
		}
	}
	// With the reasons given, the same changes pass.
	a = validA1()
	a.Items[2].Score, a.Items[2].Reason = 8, "缺会议纪要"
	a.Items[4].Override, a.Items[4].Reason = &Override{Score: 12, By: " 李书记 ", Why: "督查记录漏登"}, "一次督查无记录"
	a.Normalize()
	if fe := ValidateAssessment(&a); fe != nil || a.Items[4].Override.By != "李书记" {
		t.Errorf("valid changes refused: %v", fe)
	}
	if s := ScoreAssessment(&a); s.Total != 95 || !s.Items[4].Overridden {
		t.Errorf("total %v, overridden %v", s.Total, s.Items[4].Overridden)
	}
}

func TestValidateAssessTemplate(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *AssessTemplate)
		field  string
		msg    string
	}{
		{"no name", func(t *AssessTemplate) { t.Name = "" }, FAssessName, "请填写"},
		{"bad kind", func(t *AssessTemplate) { t.Kind = "年终" }, FAssessKind, "无法识别"},
		{"bad scheme", func(t *AssessTemplate) { t.Scheme = "" }, FScheme, "请选择"},
		{"duplicate item", func(t *AssessTemplate) { t.Items[1].Name = t.Items[0].Name }, "第2项：考核项目", "重复"},
		{"points zero", func(t *AssessTemplate) { t.Items[0].Points = 0 }, "第1项：分值", "应大于0"},
		{"points not half", func(t *AssessTemplate) { t.Items[0].Points = 9.9 }, "第1项：分值", "0.5分"},
		{"bad method", func(t *AssessTemplate) { t.Items[0].Method = "随便" }, "第1项：评分方法", "无法识别"},
		{"auto needs per", func(t *AssessTemplate) { t.Items[4].Per = 0 }, "第5项：每次分值", "应大于0"},
		{"cap above points", func(t *AssessTemplate) { t.Items[4].Cap = 16 }, "第5项：封顶分值", "不能超过分值15分"},
		{"cap negative", func(t *AssessTemplate) { t.Items[4].Cap = -1 }, "第5项：封顶分值", "不能为负数"},
		{"seq", func(t *AssessTemplate) { t.Items[2].Seq = 9 }, "第3项：序号", "应为3"},
		{"grades not descending", func(t *AssessTemplate) { t.Grades[1].Min = 90 }, FGradeLines, "从高到低"},
		{"grade line not half", func(t *AssessTemplate) { t.Grades[0].Min = 89.9 }, FGradeLines, "0.5分"},
		{"grade named 不合格", func(t *AssessTemplate) { t.Grades[2].Grade = GradeFail }, FGradeLines, "不必单独设置"},
		{"grade duplicated", func(t *AssessTemplate) { t.Grades[1].Grade = GradeExcellent }, FGradeLines, "重复"},
		{"no items", func(t *AssessTemplate) { t.Items = nil }, FAssessItem, "至少要有一个"},
	}
	for _, tt := range tests {
		tpl := DefaultA1Template()
		tt.change(&tpl)
		if msg := ValidateAssessTemplate(&tpl).ForLabel(tt.field); !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: %s = %q, want …%s…", tt.name, tt.field, msg, tt.msg)
		}
	}
	base := []struct {
		name   string
		change func(t *AssessTemplate)
		field  string
		msg    string
	}{
		{"base zero", func(t *AssessTemplate) { t.Base = 0 }, FBase, "应大于0"},
		{"bonus cap negative", func(t *AssessTemplate) { t.BonusCap = -5 }, FBonusCap, "不能为负数"},
		{"manual item in a base scheme", func(t *AssessTemplate) { t.Items[0].Method = MethodManual }, "第1项：评分方法", "只能按次加分或按次扣分"},
		{"points in a base scheme", func(t *AssessTemplate) { t.Items[0].Points = 5 }, "第1项：分值", "不设分值"},
	}
	for _, tt := range base {
		tpl := DefaultA2Template()
		tt.change(&tpl)
		if msg := ValidateAssessTemplate(&tpl).ForLabel(tt.field); !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: %s = %q, want …%s…", tt.name, tt.field, msg, tt.msg)
		}
	}
	// Copy is independent of its source.
	tpl := DefaultA1Template()
	c := tpl.Copy("")
	c.Items[0].Points, c.Grades[0].Min = 1, 1
	if c.Name != tpl.Name+"（副本）" || tpl.Items[0].Points != 10 || tpl.Grades[0].Min != 90 {
		t.Errorf("copy shares its items: %s, %v, %v", c.Name, tpl.Items[0].Points, tpl.Grades[0].Min)
	}
}

func TestValidatePointEntry(t *testing.T) {
	tpl := DefaultA2Template()
	d := Date{2026, time.May, 4}
	tests := []struct {
		name  string
		e     PointEntry
		field string
		msg   string
	}{
		{"addition with a minus", entry(1, d, PointHonour, -5), FPoints, "应大于0"},
		{"deduction with a plus", entry(1, d, PointDues, 2), FPoints, "应小于0，如 -2"},
		{"veto with points", entry(1, d, PointDiscipline, -10), FPoints, "请填0"},
		{"not half", entry(1, d, PointHonour, 1.2), FPoints, "0.5分"},
		{"unknown item", entry(1, d, "乱写", 1), FPointItem, "不在积分目录中"},
		{"no member", entry(0, d, PointHonour, 5), FName, "请选择党员"},
		{"future date", entry(1, testToday.AddDays(1), PointHonour, 5), FPointDate, "不能晚于今天"},
		{"no reason", PointEntry{MemberID: 1, Date: d, Item: PointHonour, Points: 5}, FPointReason, "请填写事由"},
	}
	for _, tt := range tests {
		if msg := ValidatePointEntry(&tt.e, &tpl, testToday).For(tt.field); !strings.Contains(msg, tt.msg) {
			t.Errorf("%s: %s = %q, want …%s…", tt.name, tt.field, msg, tt.msg)
		}
	}
	ok := entry(1, d, PointAdopted, 4.5) // a deliberately edited value is allowed
	if fe := ValidatePointEntry(&ok, &tpl, testToday); fe != nil {
		t.Errorf("valid entry refused: %v", fe)
	}
}

func TestGeneratedPointEntries(t *testing.T) {
	in := Inspection{ID: 7, Date: Date{2026, time.November, 2}, Kind: "四不两直督查", Unit: "综采一队",
		Inspectors: []Inspector{{MemberID: 1, Name: "甲"}, {MemberID: 2, Name: "乙", Lead: true}},
		Findings:   []Finding{{ID: 31, FoundDate: Date{2026, time.November, 2}, Description: "皮带机护罩缺失"}, {ID: 32, FoundDate: Date{2026, time.November, 2}, Description: "未戴自救器"}}}
	got := PointEntriesForInspection(&in)
	type k struct {
		member int64
		item   string
		kind   string
		id     int64
	}
	var keys []k
	for _, e := range got {
		keys = append(keys, k{e.MemberID, e.Item, e.RecordKind, e.RecordID})
		if !e.Generated || e.Reason == "" || e.Date != in.Date {
			t.Errorf("entry %+v", e)
		}
	}
	want := []k{{1, PointInspection, EntInspection, 7}, {2, PointInspection, EntInspection, 7}, {2, PointFinding, EntFinding, 31}, {2, PointFinding, EntFinding, 32}}
	if !slices.Equal(keys, want) {
		t.Errorf("inspection entries %v, want %v", keys, want)
	}

	w := WelfareItem{ID: 9, Title: "澡堂更换喷头", HandlerID: 4, ProposedDate: Date{2026, time.October, 1}, PlannedDate: Date{2026, time.October, 20}, State: WelfareHandling}
	welfare := []struct {
		name   string
		change func(w *WelfareItem)
		today  Date
		want   []string
	}{
		{"open, not due", func(w *WelfareItem) {}, Date{2026, time.October, 20}, nil},
		{"open, overdue", func(w *WelfareItem) {}, Date{2026, time.October, 21}, []string{PointOverdue + "@2026-10-21"}},
		{"done on time", func(w *WelfareItem) { w.State, w.DoneDate = WelfareDone, Date{2026, time.October, 20} }, testToday, []string{PointWelfareDone + "@2026-10-20"}},
		{"done late", func(w *WelfareItem) { w.State, w.DoneDate = WelfareDone, Date{2026, time.October, 25} }, testToday, []string{PointWelfareDone + "@2026-10-25", PointOverdue + "@2026-10-21"}},
		{"refused", func(w *WelfareItem) { w.State = WelfareRejected }, testToday, nil},
		{"no handler", func(w *WelfareItem) { w.HandlerID = 0 }, testToday, nil},
	}
	for _, tt := range welfare {
		w := w
		tt.change(&w)
		var got []string
		for _, e := range PointEntriesForWelfare(&w, tt.today) {
			got = append(got, e.Item+"@"+e.Date.String())
			if e.MemberID != 4 || e.RecordKind != EntWelfare || e.RecordID != 9 || !e.Generated {
				t.Errorf("%s: entry %+v", tt.name, e)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReconcilePointEntries(t *testing.T) {
	d := Date{2026, time.November, 2}
	gen := func(id, member int64, item string, recID int64, points float64, reason string) PointEntry {
		return PointEntry{ID: id, MemberID: member, Date: d, Item: item, Points: points, Reason: reason, RecordKind: EntInspection, RecordID: recID, Generated: true}
	}
	have := []PointEntry{
		gen(1, 1, PointInspection, 7, 1, "参加督查"),                                  // unchanged
		gen(2, 2, PointInspection, 7, 1, "参加督查"),                                  // member 2 left the team
		gen(3, 3, PointInspection, 7, 1, "参加督查"),                                  // reason changed
		gen(4, 3, PointInspection, 7, 1, "参加督查"),                                  // a duplicate
		{ID: 5, MemberID: 2, Date: d, Item: PointHonour, Points: 5, Reason: "表彰"}, // manual: untouched
	}
	want := []PointEntry{
		gen(0, 1, PointInspection, 7, 1, "参加督查"),
		gen(0, 3, PointInspection, 7, 1, "参加督查：改了地点"),
		gen(0, 4, PointInspection, 7, 1, "参加督查"), // joined
		gen(0, 4, PointInspection, 7, 1, "参加督查"), // asked twice, made once
	}
	create, update, remove := ReconcilePointEntries(have, want)
	if len(create) != 1 || create[0].MemberID != 4 || create[0].ID != 0 {
		t.Errorf("create %+v", create)
	}
	if len(update) != 1 || update[0].ID != 3 || update[0].Reason != "参加督查：改了地点" {
		t.Errorf("update %+v", update)
	}
	if !slices.Equal(remove, []int64{2, 4}) {
		t.Errorf("remove %v, want [2 4]", remove)
	}
	// Applying the result and reconciling again changes nothing.
	var after []PointEntry
	for _, e := range have {
		if e.ID != 2 && e.ID != 4 {
			if e.ID == 3 {
				e = update[0]
			}
			after = append(after, e)
		}
	}
	after = append(after, create...)
	if c, u, r := ReconcilePointEntries(after, want); c != nil || u != nil || r != nil {
		t.Errorf("second reconcile: %v %v %v", c, u, r)
	}
	// A deleted record wants nothing: all its entries go.
	if _, _, r := ReconcilePointEntries(have, nil); !slices.Equal(r, []int64{1, 2, 3, 4}) {
		t.Errorf("record deleted: remove %v", r)
	}
}

// FuzzScoreAssessment: scoring never panics, whatever the items; for an assessment that validates,
// each item scores within 0..分值, the total within 0..满分 (SchemeSum) or 0..基础分+加分上限
// (SchemeBase), a veto gives 0 and 不合格, and the grade follows the lines.
func FuzzScoreAssessment(f *testing.F) {
	f.Add([]byte{20, 3, 0, 4, 10, 1, 1, 2}, false, 80.0, 20.0, 7.5, math.NaN())
	f.Add([]byte{1, 200, 2, 0, 0, 5}, true, 80.0, 20.0, 0.0, 3.0)
	f.Add([]byte{}, false, -1.0, math.Inf(1), 1e300, -7.0)
	f.Fuzz(func(t *testing.T, spec []byte, base bool, basePts, bonusCap, score, cap float64) {
		scheme := SchemeSum
		if base {
			scheme = SchemeBase
		}
		// Three bytes an item: points in half-points less one, count, flags (method in bits 0–1,
		// 4 veto, 8 vetoed, 16 capped at half the points); then one item of arbitrary floats.
		a := Assessment{TemplateName: "表", Scheme: scheme, Subject: SubjectMember, SubjectID: 1, Period: YearPeriod(2026),
			Base: basePts, BonusCap: bonusCap, Grades: DefaultAssessGrades()}
		for i := 0; i+2 < len(spec) && len(a.Items) < maxAssessItems-1; i += 3 {
			half, flags := int(spec[i])+1, spec[i+2]
			it := AssessmentItem{AssessItem: AssessItem{Name: string(rune('A' + len(a.Items))), Points: float64(half) / 2,
				Method: AssessMethods[int(flags&3)%3], Per: float64(half%7+1) / 2, Veto: flags&4 != 0},
				Tallies: []Tally{{Count: int(spec[i+1])}}, Vetoed: flags&8 != 0, Reason: "原因"}
			if flags&16 != 0 {
				it.Cap = float64(half/2) / 2
			}
			if base {
				it.Points = 0
				if it.Method == MethodManual {
					it.Method = MethodAdd
				}
			} else {
				it.Score = float64(int(spec[i+1])%(half+1)) / 2
			}
			a.Items = append(a.Items, it)
		}
		a.Items = append(a.Items, AssessmentItem{AssessItem: AssessItem{Name: "任意", Points: score, Method: MethodDeduct, Per: cap, Cap: cap},
			Tallies: []Tally{{Count: 3, Per: score}}, Score: score, Reason: "原因"})
		s := ScoreAssessment(&a) // must not panic
		if ValidateAssessment(&a) != nil {
			return
		}
		for i, is := range s.Items {
			if is.Score < 0 || !base && is.Score > is.Full {
				t.Fatalf("item %d scored %+v", i, is)
			}
		}
		limit := s.Full
		if s.Total < 0 || s.Total > limit || math.IsNaN(s.Total) {
			t.Fatalf("total %v outside 0..%v: %+v", s.Total, limit, s)
		}
		if s.Vetoed && (s.Total != 0 || s.Grade != GradeFail) {
			t.Fatalf("veto scored %v %s", s.Total, s.Grade)
		}
		want := GradeFail
		for _, l := range a.Grades {
			if !s.Vetoed && s.Total >= l.Min {
				want = l.Grade
				break
			}
		}
		if s.Grade != want {
			t.Fatalf("grade %s for %v, want %s", s.Grade, s.Total, want)
		}
	})
}

func TestMeanScore(t *testing.T) {
	tests := []struct {
		totals []float64
		want   float64
	}{
		{nil, 0},
		{[]float64{90}, 90},
		{[]float64{90, 95}, 92.5},
		{[]float64{88, 88.5}, 88.3},              // 88.25 → 88.3, half up
		{[]float64{90, 90, 91}, 90.3},            // 90.333…
		{[]float64{90, 91, 91}, 90.7},            // 90.666…
		{[]float64{80.5, 80, 80, 80}, 80.1},      // 80.125
		{[]float64{99.5, 99.5, 99.5, 100}, 99.6}, // 99.625
		{[]float64{0, 0, 0.5}, 0.2},              // 0.1666…
	}
	for _, tt := range tests {
		if got := MeanScore(tt.totals); got != tt.want {
			t.Errorf("MeanScore(%v) = %v, want %v", tt.totals, got, tt.want)
		}
	}
}

func TestGradeOfScore(t *testing.T) {
	lines := DefaultAssessGrades()
	tests := []struct {
		score float64
		want  string
	}{
		{100, GradeExcellent}, {90, GradeExcellent}, {89.9, GradePass}, {75, GradePass},
		{74.9, GradeBasicPass}, {60, GradeBasicPass}, {59.9, GradeFail}, {0, GradeFail},
	}
	for _, tt := range tests {
		if got := GradeOfScore(tt.score, lines); got != tt.want {
			t.Errorf("GradeOfScore(%v) = %q, want %q", tt.score, got, tt.want)
		}
	}
	if got := GradeOfScore(95, nil); got != GradeFail {
		t.Errorf("no lines: %q", got)
	}
}
