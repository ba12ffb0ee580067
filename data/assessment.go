package data

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// This file holds the assessments of SPEC §5: one scoring engine for 支部月度考核 (A1, "十个靠前"),
// 党员积分 (A2) and "三位一体"考核 (A3).
//
// An assessment template (考核表) lists items; an assessment applies it to a subject (the branch or a
// member) for a period and keeps its own copy of the items, so editing a template never changes an
// assessment made with it.
//
// Exact arithmetic: every 分值, score, per-occurrence point, cap, 基础分 and grade threshold is a
// multiple of 0.5 (validation refuses anything else). Scoring works in whole half-points (int64), so
// totals and their comparison with the thresholds are exact and nothing is ever rounded.

// Kinds of assessment.
const (
	AssessBranchMonthly = "支部月度考核" // A1 "十个靠前"
	AssessMemberPoints  = "党员积分"   // A2
	AssessThreeInOne    = "三位一体考核" // A3
)

// Subjects of an assessment.
const (
	SubjectBranch = "支部"
	SubjectMember = "党员"
)

// Period kinds of an assessment.
const (
	PeriodMonth   = "月度"
	PeriodQuarter = "季度"
	PeriodYear    = "年度"
)

// Scoring methods of an item.
const (
	// MethodManual: the score is entered by hand (0..分值).
	MethodManual = "人工评分"
	// MethodDeduct: per-occurrence deduction with a cap: 分值 − min(occurrences × 每次分值, 封顶).
	MethodDeduct = "按次扣分"
	// MethodAdd: count of records × points with a cap: min(occurrences × 每次分值, 封顶).
	MethodAdd = "按次加分"
)

// Schemes for the total.
const (
	// SchemeSum: 总分 = the sum of the item scores (A1, A3).
	SchemeSum = "逐项得分合计"
	// SchemeBase: 总分 = 基础分 − 扣分 + min(加分, 加分上限), never below 0 (A2). Items are additions
	// (MethodAdd) or deductions (MethodDeduct) with no 分值 of their own.
	SchemeBase = "基础分加减分"
)

// Grades of an assessment: those of a check (优秀, 合格, 不合格) and 基本合格.
const GradeBasicPass = "基本合格"

var (
	AssessKinds   = []string{AssessBranchMonthly, AssessMemberPoints, AssessThreeInOne}
	Subjects      = []string{SubjectBranch, SubjectMember}
	PeriodKinds   = []string{PeriodMonth, PeriodQuarter, PeriodYear}
	AssessMethods = []string{MethodManual, MethodDeduct, MethodAdd}
	Schemes       = []string{SchemeSum, SchemeBase}
)

// Keys of the ledger evidence that fills A1's automatic items (AssessItem.Auto).
const (
	AutoInspection = "督查台账"   // 安全督查检查靠前 ← inspections, findings, closed on time, overdue
	AutoWelfare    = "两堂一舍台账" // 幸福指数提升靠前 ← checks' average 标化分, items done, 满意率
	AutoInHouse    = "自主完成"   // "四效"建设挖潜靠前 ← welfare items done in-house
	AutoDiscipline = "纪律谈话台账" // 作风纪律建设靠前 ← key-post talks, 作风纪律 findings (A1DisciplineRule)
	AutoStudy      = "组织生活学习" // 政治理论学习靠前 ← 第一议题/中心组/书记领学/班前教育 held, attendance (orglife_assess.go)
	AutoOrgWork    = "组织生活规则" // 党建基础工作靠前 ← rhythm rules kept, 党小组 coverage (orglife_assess.go)
	AutoEmergency  = "应急防控台账" // 应急防控冲锋靠前 ← drills held, supplies in date (emergency_assess.go)
	AutoPetition   = "信访维稳台账" // 信访维稳排查靠前 ← screenings, cases closed/overdue, 越级上访 veto (petition_assess.go)
	AutoConcern    = "思想疏导台账" // 人文关怀疏导靠前 ← concerns recorded, return visits done and overdue (concern_assess.go)
	AutoDecision   = "三重一大台账" // “三重一大”决策靠前 ← decisions recorded, flagged, executions overdue (decision_assess.go)
)

// Parts of an A3 assessment (R10 columns).
const (
	PartParty      = "党建"
	PartSafety     = "安全"
	PartProduction = "生产经营"
)

// Assessment field labels (forms, messages and the R8–R10 headers).
const (
	FAssessName     = "考核表名称"
	FAssessKind     = "考核类别"
	FSubject        = "考核对象"
	FPeriodKind     = "考核周期"
	FScheme         = "计分方式"
	FBase           = "基础分"
	FBonusCap       = "加分上限"
	FGradeLines     = "等次分数线"
	FAssessItem     = "考核项目"
	FAssessStandard = "考核内容及评分标准"
	FMethod         = "评分方法"
	FPer            = "每次分值"
	FCap            = "封顶分值"
	FVeto           = "一票否决"
	FPart           = "板块"
	FDone           = "完成情况"
	FDeducted       = "扣分"
	FAdded          = "加分"
	FTotal          = "总分"
	FRank           = "排名"
	FOverride       = "人工调整"
	FOverrideBy     = "调整人"
	FOverrideWhy    = "调整理由"
	FPeriod         = "期间"
	FPointItem      = "项目"
	FPoints         = "分值"
	FPointReason    = "事由"
	FPointDate      = "日期"
)

// GradeLine is one grade threshold: a total ≥ Min earns Grade.
type GradeLine struct {
	Min   float64
	Grade string
}

// AssessItem is one line of an assessment template.
type AssessItem struct {
	Seq      int     // 序号: 1, 2, … in list order (Normalize renumbers)
	Name     string  // 项目*
	Points   float64 // 分值: the full score (SchemeSum, > 0); 0 under SchemeBase
	Standard string  // 评分标准
	Method   string  // one of AssessMethods
	Per      float64 // 每次分值: points per occurrence (MethodDeduct, MethodAdd), > 0
	// Cap (封顶): the most the occurrences can deduct or add; 0 = the item's 分值 under SchemeSum,
	// no cap of its own under SchemeBase.
	Cap  float64
	Veto bool   // 一票否决: when it fires the whole assessment scores 0 and is 不合格
	Auto string // the ledger evidence that fills it (Auto… keys), "" = none
	Part string // 板块 (A3: 党建/安全/生产经营), "" = none
}

// AssessTemplate is an assessment form (考核表). Users edit the seeded ones and add their own.
type AssessTemplate struct {
	ItemTemplate[AssessItem] // 名称* and the items

	Kind       string  // 考核类别*: one of AssessKinds
	Subject    string  // 考核对象*: one of Subjects
	PeriodKind string  // 考核周期*: one of PeriodKinds
	Scheme     string  // 计分方式*: one of Schemes
	Base       float64 // 基础分 (SchemeBase)
	BonusCap   float64 // 加分上限 (SchemeBase)
	// Grades are the thresholds, highest first; a total below every line (or a veto) is 不合格.
	Grades []GradeLine
}

// EvidenceRef is one ledger record an automatic item counted, for the user to open from the form.
type EvidenceRef struct {
	Kind  string // the record kind: EntInspection, EntFinding, EntWelfare, EntCheck, EntSurvey, …
	ID    int64
	Label string // as the log names it
}

// Tally is one kind of occurrence an item counted: "逾期未销号问题" 2 × 1 分. An item's amount is the
// sum of its tallies' Count × Per (Per 0 means the item's 每次分值).
type Tally struct {
	What  string
	Count int
	Per   float64
	// NoVeto marks occurrences that cost points but never fire the item's 一票否决 (a veto item's
	// deductions beside the event that vetoes, as in A1PetitionRule).
	NoVeto bool `json:",omitempty"`
}

// Override is a manual change of a computed score (人工调整): marked in the form and the reports,
// and logged by the store.
type Override struct {
	Score float64 // the score that replaces the computed one (SchemeBase: the amount added or deducted)
	By    string  // 调整人*
	Why   string  // 调整理由*
	At    time.Time
}

// AssessmentItem is one scored line of an assessment: its copy of the template item and the score.
type AssessmentItem struct {
	AssessItem
	Tallies  []Tally       // what an automatic item counted (MethodDeduct, MethodAdd)
	Evidence []EvidenceRef // the records behind the tallies
	Done     string        // 完成情况: what the ledgers show, or what the user writes
	Score    float64       // 得分 entered by hand (MethodManual); ignored for the other methods
	Vetoed   bool          // a manual 一票否决 item marked as fired
	Override *Override     // nil = the computed score stands
	Reason   string        // 扣分原因: required whenever the score is below full
}

// Assessment is one template applied to one subject for one period (R8, R9, R10 rows).
type Assessment struct {
	ID       int64
	BranchID int64
	// Draft marks an assessment made from the ledgers for printing, never saved: its hand-scored
	// items are provisional (R8 says so).
	Draft bool

	// The template as it was: its id (0 once deleted), name, kind, scheme and grades.
	TemplateID   int64
	TemplateName string
	Kind         string
	Scheme       string
	Base         float64
	BonusCap     float64
	Grades       []GradeLine

	Subject     string // SubjectBranch or SubjectMember
	SubjectID   int64  // the branch's or the member's id
	SubjectName string // filled by the store when read
	Period      Period
	Items       []AssessmentItem

	CreatedAt time.Time
	UpdatedAt time.Time
}

// ItemScore is how one item scored.
type ItemScore struct {
	Amount float64 // what the occurrences add up to before the cap (Σ Count × Per)
	Capped bool    // the cap cut the amount
	// Score is 得分 under SchemeSum; under SchemeBase the points the item adds (MethodAdd) or takes
	// away (MethodDeduct), always ≥ 0.
	Score      float64
	Full       float64 // 分值 (SchemeSum), 0 under SchemeBase
	Overridden bool
	Vetoed     bool
}

// AssessScore is what an assessment adds up to.
type AssessScore struct {
	Items    []ItemScore // in item order
	Full     float64     // 满分: the items' 分值 (SchemeSum) or 基础分 + 加分上限 (SchemeBase)
	Base     float64     // 基础分 (SchemeBase)
	Deducted float64     // 扣分: SchemeSum: 满分 − the item scores; SchemeBase: the deductions
	Added    float64     // 加分 as earned, before 加分上限 (SchemeBase)
	Total    float64     // 总分 (0 on a veto)
	Vetoed   bool
	Vetoes   []string // the items that fired a veto
	Grade    string
	Parts    []PartScore // subtotals by 板块, in first-seen order (A3); nil when no item has a part
}

// PartScore is a 板块's subtotal.
type PartScore struct {
	Part        string
	Full, Score float64
}

// Limits that keep a form printable and its arithmetic small.
const (
	maxAssessItems  = 100
	maxAssessPoints = 1000
	maxOccurrences  = 1000000
)

// amountOf adds up an item's tallies in half-points; Count is bounded so that nothing overflows.
func amountOf(it *AssessmentItem) int64 {
	var sum int64
	for _, t := range it.Tallies {
		per := t.Per
		if per == 0 {
			per = it.Per
		}
		sum += int64(min(max(t.Count, 0), maxOccurrences)) * max(halfPoints(clampPoints(per)), 0)
	}
	return sum
}

// clampPoints keeps an unvalidated value from overflowing the half-point arithmetic.
func clampPoints(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return max(min(v, maxAssessPoints), -maxAssessPoints)
}

func occurrences(it *AssessmentItem) int {
	n := 0
	for _, t := range it.Tallies {
		n += max(t.Count, 0)
	}
	return n
}

// vetoOccurrences counts the occurrences that fire a veto item (tallies not marked NoVeto).
func vetoOccurrences(it *AssessmentItem) int {
	n := 0
	for _, t := range it.Tallies {
		if !t.NoVeto {
			n += max(t.Count, 0)
		}
	}
	return n
}

// ScoreOccurrences is an automatic item's score (SchemeSum) or amount (SchemeBase) for count
// occurrences at the item's 每次分值, caps applied. A manual item scores its full points.
func ScoreOccurrences(scheme string, def AssessItem, count int) float64 {
	it := AssessmentItem{AssessItem: def, Tallies: []Tally{{Count: count}}, Score: def.Points}
	return ScoreItem(scheme, &it).Score
}

// ScoreItem scores one item under a scheme:
//   - MethodManual: the entered score (SchemeSum only);
//   - MethodDeduct: SchemeSum 分值 − min(amount, cap or 分值); SchemeBase min(amount, cap) deducted;
//   - MethodAdd: SchemeSum min(amount, cap or 分值); SchemeBase min(amount, cap) added;
//   - an override replaces the result; a veto item fires when it counted an occurrence or (manual)
//     was marked Vetoed.
//
// Unvalidated input gives a meaningless score but never a panic.
func ScoreItem(scheme string, it *AssessmentItem) ItemScore {
	var s ItemScore
	full := int64(0)
	if scheme != SchemeBase {
		full = max(halfPoints(clampPoints(it.Points)), 0)
	}
	amount := amountOf(it)
	limit := halfPoints(clampPoints(it.Cap))
	if limit <= 0 {
		limit = full
		if scheme == SchemeBase {
			limit = math.MaxInt64
		}
	}
	if scheme != SchemeBase {
		limit = min(limit, full)
	}
	got := min(amount, limit)
	var score int64
	switch it.Method {
	case MethodDeduct:
		score = full - got
		if scheme == SchemeBase {
			score = got
		}
	case MethodAdd:
		score = got
	default: // manual; under SchemeBase only a veto item, which does not score
		if scheme != SchemeBase {
			score = halfPoints(clampPoints(it.Score))
		}
	}
	s.Amount, s.Capped = float64(amount)/2, amount > got
	s.Full = float64(full) / 2
	if it.Override != nil {
		score, s.Overridden = halfPoints(clampPoints(it.Override.Score)), true
	}
	s.Score = float64(score) / 2
	if it.Veto {
		if it.Method == MethodManual {
			s.Vetoed = it.Vetoed
		} else {
			s.Vetoed = vetoOccurrences(it) > 0
		}
	}
	return s
}

// ScoreAssessment works out the total, the veto and the 等次 (see the schemes). A veto sets the
// total to 0 and the grade to 不合格; otherwise the grade is the first line whose Min the total
// reaches, or 不合格 below them all.
func ScoreAssessment(a *Assessment) AssessScore {
	var s AssessScore
	var sum, full, deducted, added int64
	parts := map[string]int{}
	for i := range a.Items {
		it := &a.Items[i]
		is := ScoreItem(a.Scheme, it)
		s.Items = append(s.Items, is)
		if is.Vetoed {
			s.Vetoes = append(s.Vetoes, it.Name)
		}
		sc, fu := halfPoints(is.Score), halfPoints(is.Full)
		switch {
		case a.Scheme == SchemeBase && it.Method == MethodDeduct:
			deducted += sc
		case a.Scheme == SchemeBase:
			added += sc
		default:
			sum += sc
			full += fu
		}
		if it.Part != "" {
			j, ok := parts[it.Part]
			if !ok {
				j = len(s.Parts)
				parts[it.Part] = j
				s.Parts = append(s.Parts, PartScore{Part: it.Part})
			}
			s.Parts[j].Full += is.Full
			s.Parts[j].Score += is.Score
		}
	}
	total := sum
	if a.Scheme == SchemeBase {
		base, bonusCap := max(halfPoints(clampPoints(a.Base)), 0), max(halfPoints(clampPoints(a.BonusCap)), 0)
		total = max(base-deducted+min(added, bonusCap), 0)
		s.Base, s.Full = float64(base)/2, float64(base+bonusCap)/2
		s.Deducted, s.Added = float64(deducted)/2, float64(added)/2
	} else {
		s.Full, s.Deducted = float64(full)/2, float64(full-sum)/2
	}
	s.Vetoed = len(s.Vetoes) > 0
	if s.Vetoed {
		total = 0
	}
	s.Total = float64(total) / 2
	s.Grade = gradeOf(total, s.Vetoed, a.Grades)
	return s
}

// Score is ScoreAssessment of the assessment.
func (a *Assessment) Score() AssessScore { return ScoreAssessment(a) }

func gradeOf(total int64, vetoed bool, lines []GradeLine) string {
	if vetoed {
		return GradeFail
	}
	for _, l := range lines {
		if total >= halfPoints(clampPoints(l.Min)) {
			return l.Grade
		}
	}
	return GradeFail
}

// RankTotals ranks totals, highest first, in the input's order; equal totals share a rank and the
// next rank skips (competition ranking: 1, 2, 2, 4). Totals compare in tenths, which is exact both
// for totals (half-points) and for averages to one decimal (MeanScore).
func RankTotals(totals []float64) []int {
	order := make([]int, len(totals))
	for i := range order {
		order[i] = i
	}
	key := func(i int) int64 { return tenthsOf(clampPoints(totals[i])) }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key(b), key(a)) })
	ranks := make([]int, len(totals))
	for pos, i := range order {
		if pos > 0 && key(order[pos-1]) == key(i) {
			ranks[i] = ranks[order[pos-1]]
		} else {
			ranks[i] = pos + 1
		}
	}
	return ranks
}

// MeanScore is the mean of totals (multiples of 0.5, as ScoreAssessment gives them) to one decimal,
// half up. It is worked out in whole numbers, so 88.25 becomes 88.3 and never 88.2; 0 when there
// are none.
func MeanScore(totals []float64) float64 {
	if len(totals) == 0 {
		return 0
	}
	var sum int64
	for _, t := range totals {
		sum += halfPoints(clampPoints(t))
	}
	n := int64(len(totals))
	// tenths = sum/2 × 10 / n = 5·sum/n, rounded half up (away from zero below 0).
	num, den := 10*sum, 2*n
	tenths := (num + n) / den
	if num < 0 {
		tenths = -((-num + n) / den)
	}
	return float64(tenths) / 10
}

// GradeOfScore is the 等次 a score earns by lines (highest first): the first line it reaches, or
// 不合格 below them all. Unlike an assessment's own grade it takes any score to one decimal, such
// as a MeanScore.
func GradeOfScore(score float64, lines []GradeLine) string {
	for _, l := range lines {
		if tenthsOf(clampPoints(score)) >= tenthsOf(clampPoints(l.Min)) {
			return l.Grade
		}
	}
	return GradeFail
}

// NewAssessment applies template t to a subject for period p: the items are copied, manual items
// start at full points, so the user only enters what falls short.
func NewAssessment(t *AssessTemplate, subjectID int64, subjectName string, p Period) Assessment {
	a := Assessment{
		BranchID: t.BranchID, TemplateID: t.ID, TemplateName: t.Name, Kind: t.Kind, Scheme: t.Scheme,
		Base: t.Base, BonusCap: t.BonusCap, Grades: slices.Clone(t.Grades),
		Subject: t.Subject, SubjectID: subjectID, SubjectName: subjectName, Period: p,
	}
	for _, it := range t.Items {
		a.Items = append(a.Items, AssessmentItem{AssessItem: it, Score: it.Points})
	}
	return a
}

// FillReasons writes the 扣分原因 of automatic items that fall short (SchemeSum) or deduct
// (SchemeBase) from their tallies ("逾期未销号问题2条，扣2分"), leaving reasons the user wrote and
// overridden items alone.
func (a *Assessment) FillReasons() {
	for i := range a.Items {
		if it := &a.Items[i]; it.Reason == "" && it.Override == nil {
			it.Reason = autoReason(a.Scheme, it)
		}
	}
}

// autoReason is the 扣分原因 an automatic item's tallies give, "" when it loses nothing.
func autoReason(scheme string, it *AssessmentItem) string {
	if it.Method == MethodManual {
		return ""
	}
	is := ScoreItem(scheme, it)
	if scheme == SchemeBase && (it.Method != MethodDeduct || is.Score == 0) || scheme != SchemeBase && is.Score >= is.Full {
		return ""
	}
	verb := "扣"
	if it.Method == MethodAdd {
		verb = "得"
	}
	var parts []string
	for _, t := range it.Tallies {
		per := t.Per
		if per == 0 {
			per = it.Per
		}
		if t.Count <= 0 || per <= 0 {
			continue
		}
		what := t.What
		if what == "" {
			what = fmt.Sprintf("计%d次", t.Count)
		}
		parts = append(parts, fmt.Sprintf("%s，%s%s分", what, verb, FormatScore(float64(t.Count)*per)))
	}
	if is.Capped {
		parts = append(parts, fmt.Sprintf("合计%s分，以%s分封顶", FormatScore(is.Amount), FormatScore(capOf(scheme, it))))
	}
	if it.Method == MethodAdd {
		if len(parts) == 0 {
			return fmt.Sprintf("本期没有可计分的记录，得%s分（满分%s分）", FormatScore(is.Score), FormatScore(is.Full))
		}
		full := fmt.Sprintf("（满分%s分）", FormatScore(is.Full))
		if len(parts) == 1 { // the one tally already says what it earned
			return parts[0] + full
		}
		parts = append(parts, fmt.Sprintf("合计得%s分%s", FormatScore(is.Score), full))
	}
	return strings.Join(parts, "；")
}

// capOf is the effective cap of an item, for messages.
func capOf(scheme string, it *AssessmentItem) float64 {
	if it.Cap > 0 && (scheme == SchemeBase || it.Cap < it.Points) {
		return it.Cap
	}
	return it.Points
}

// Normalize cleans the texts and numbers the items.
func (t *AssessTemplate) Normalize() {
	normalizeTemplate(&t.ItemTemplate)
	t.Kind, t.Subject = NormalizeText(t.Kind), NormalizeText(t.Subject)
	t.PeriodKind, t.Scheme = NormalizeText(t.PeriodKind), NormalizeText(t.Scheme)
	for i := range t.Items {
		it := &t.Items[i]
		it.Method, it.Part = NormalizeText(it.Method), NormalizeText(it.Part)
		if it.Method == "" {
			it.Method = MethodManual
		}
	}
	for i := range t.Grades {
		t.Grades[i].Grade = NormalizeText(t.Grades[i].Grade)
	}
}

// Sum adds up the items' 分值.
func (t *AssessTemplate) Sum() float64 {
	var half int64
	for _, it := range t.Items {
		half += halfPoints(clampPoints(it.Points))
	}
	return float64(half) / 2
}

// Copy returns a new template (ID 0) like t under another name (the name plus （副本） when empty).
func (t *AssessTemplate) Copy(name string) AssessTemplate {
	c := *t
	c.ItemTemplate, c.Grades = copyTemplate(&t.ItemTemplate, name), slices.Clone(t.Grades)
	return c
}

// checkHalf reports a value that is not a multiple of 0.5 within 0..maxAssessPoints (or > 0 when
// positive is set).
func checkHalf(fe *FieldErrors, field, what string, v float64, positive bool) bool {
	switch {
	case math.IsNaN(v) || v < 0 || positive && v == 0:
		if positive {
			fe.add(field, what+"应大于0")
		} else {
			fe.add(field, what+"不能为负数")
		}
	case v > maxAssessPoints:
		fe.add(field, fmt.Sprintf("%s最多%d分", what, maxAssessPoints))
	case !isHalfStep(v):
		fe.add(field, what+"只能是0.5分的整数倍，如 2 或 1.5")
	default:
		return true
	}
	return false
}

func checkOneOf(fe *FieldErrors, field, v string, list []string) {
	switch {
	case v == "":
		fe.add(field, "请选择"+field)
	case !slices.Contains(list, v):
		fe.add(field, fmt.Sprintf("%s「%s」无法识别，应为：%s", field, v, strings.Join(list, "、")))
	}
}

// ValidateGradeLines checks grade thresholds: at least one line, grades named and distinct (不合格
// is the grade below them all and is not listed), Min in steps of 0.5, strictly decreasing.
func ValidateGradeLines(lines []GradeLine) FieldErrors {
	var fe FieldErrors
	if len(lines) == 0 {
		fe.add(FGradeLines, "请至少设置一条等次分数线，如 90分以上为优秀")
	}
	seen := map[string]bool{}
	for i, l := range lines {
		name := l.Grade
		if name == "" {
			name = fmt.Sprintf("第%d条", i+1)
		}
		switch {
		case l.Grade == "":
			fe.add(FGradeLines, fmt.Sprintf("第%d条分数线请填写等次名称", i+1))
		case l.Grade == GradeFail:
			fe.add(FGradeLines, "不合格是低于所有分数线的等次，不必单独设置")
		case seen[l.Grade]:
			fe.add(FGradeLines, fmt.Sprintf("等次「%s」重复了", l.Grade))
		}
		seen[l.Grade] = true
		if checkHalf(&fe, FGradeLines, name+"的分数线", l.Min, false) && i > 0 && l.Min >= lines[i-1].Min {
			fe.add(FGradeLines, fmt.Sprintf("分数线应从高到低排列：%s（%s分）应低于%s（%s分）", name, FormatScore(l.Min), lines[i-1].Grade, FormatScore(lines[i-1].Min)))
		}
	}
	return fe
}

// ValidateAssessTemplate checks a normalised template. An item's problems are reported on its row
// (RowItem). Whether the name is unique is checked by the store.
func ValidateAssessTemplate(t *AssessTemplate) FieldErrors {
	var fe FieldErrors
	checkTemplateName(&fe, &t.ItemTemplate, assessWords)
	checkOneOf(&fe, FAssessKind, t.Kind, AssessKinds)
	checkOneOf(&fe, FSubject, t.Subject, Subjects)
	checkOneOf(&fe, FPeriodKind, t.PeriodKind, PeriodKinds)
	checkOneOf(&fe, FScheme, t.Scheme, Schemes)
	base := t.Scheme == SchemeBase
	if base {
		checkHalf(&fe, FBase, FBase, t.Base, true)
		checkHalf(&fe, FBonusCap, FBonusCap, t.BonusCap, false)
	}
	checkTemplateItems(&fe, &t.ItemTemplate, assessWords, func(ie *FieldErrors, i int, it *AssessItem) { validateAssessItem(ie, i, *it, t.Scheme) })
	fe = append(fe, ValidateGradeLines(t.Grades)...)
	return fe
}

func validateAssessItem(fe *FieldErrors, i int, it AssessItem, scheme string) {
	name := itemName(i, it.Name)
	checkText(fe, FAssessItem, it.Name, 50, true)
	checkText(fe, FAssessStandard, it.Standard, 500, false)
	checkText(fe, FPart, it.Part, 20, false)
	checkOneOf(fe, FMethod, it.Method, AssessMethods)
	pointsOK := true
	if scheme == SchemeBase {
		if it.Method == MethodManual && !it.Veto {
			fe.add(FMethod, name+"：基础分加减分的考核表，各项只能按次加分或按次扣分")
		}
		if it.Points != 0 {
			fe.add(FItemPoints, name+"：基础分加减分的考核表各项不设分值，请填写每次分值")
		}
	} else {
		pointsOK = checkHalf(fe, FItemPoints, name+"的分值", it.Points, true)
	}
	if it.Method == MethodDeduct || it.Method == MethodAdd {
		// A veto item under SchemeBase may count with 0 points: it fires, it does not score.
		checkHalf(fe, FPer, name+"的每次分值", it.Per, !(it.Veto && scheme == SchemeBase))
		if checkHalf(fe, FCap, name+"的封顶分值", it.Cap, false) && pointsOK && scheme != SchemeBase && it.Cap > it.Points {
			fe.add(FCap, fmt.Sprintf("%s的封顶分值不能超过分值%s分", name, FormatScore(it.Points)))
		}
	}
}

// Normalize cleans the texts.
func (a *Assessment) Normalize() {
	a.TemplateName, a.Period.Label = NormalizeText(a.TemplateName), NormalizeText(a.Period.Label)
	for i := range a.Items {
		it := &a.Items[i]
		it.Name, it.Standard, it.Done, it.Reason = NormalizeText(it.Name), strings.TrimSpace(it.Standard), strings.TrimSpace(it.Done), NormalizeText(it.Reason)
		if o := it.Override; o != nil {
			o.By, o.Why = NormalizeName(o.By), NormalizeText(o.Why)
		}
	}
}

// ValidateAssessment checks a normalised assessment: subject, period, the items' copies of their
// definitions, manual scores (0..分值 in steps of 0.5), overrides (in range, with who and why), and
// a 扣分原因 for every item below full (SchemeSum) or deducting (SchemeBase). An item's problems are
// reported on its row (RowItem).
func ValidateAssessment(a *Assessment) FieldErrors {
	var fe FieldErrors
	checkText(&fe, FAssessName, a.TemplateName, 50, true)
	checkOneOf(&fe, FScheme, a.Scheme, Schemes)
	checkOneOf(&fe, FSubject, a.Subject, Subjects)
	if a.SubjectID == 0 {
		fe.add(FSubject, "请选择考核对象")
	}
	switch p := a.Period; {
	case p.From.IsZero() || p.To.IsZero():
		fe.add(FPeriod, "请选择考核期间")
	case p.To.Before(p.From):
		fe.add(FPeriod, fmt.Sprintf("期间的结束日期（%s）不能早于开始日期（%s）", p.To, p.From))
	}
	if a.Scheme == SchemeBase {
		checkHalf(&fe, FBase, FBase, a.Base, true)
		checkHalf(&fe, FBonusCap, FBonusCap, a.BonusCap, false)
	}
	switch {
	case len(a.Items) == 0:
		fe.add(FAssessItem, "考核没有考核项目，请选择考核表")
	case len(a.Items) > maxAssessItems:
		fe.add(FAssessItem, fmt.Sprintf("一次考核最多%d个考核项目", maxAssessItems))
	}
	fe = append(fe, ValidateGradeLines(a.Grades)...)
	for i := range a.Items {
		var ie FieldErrors
		validateAssessmentItem(&ie, i, &a.Items[i], a.Scheme)
		fe = append(fe, ie.InRow(RowItem, i)...)
	}
	return fe
}

// validateAssessmentItem checks item i of an assessment into fe (its own errors).
func validateAssessmentItem(fe *FieldErrors, i int, it *AssessmentItem, scheme string) {
	before := len(*fe)
	validateAssessItem(fe, i, it.AssessItem, scheme)
	defOK := len(*fe) == before
	name := itemName(i, it.Name)
	checkText(fe, FItemReason, it.Reason, 200, false)
	checkText(fe, FDone, it.Done, 500, false)
	for _, t := range it.Tallies {
		if t.Count < 0 || t.Count > maxOccurrences {
			fe.add(FDone, fmt.Sprintf("%s的计数%d不合理", name, t.Count))
		}
		if t.Per != 0 {
			checkHalf(fe, FPer, name+"的每次分值", t.Per, true)
		}
	}
	if it.Method == MethodManual && scheme == SchemeSum && it.Override == nil && defOK {
		checkScore(fe, FItemScore, name+"的得分", it.Score, it.Points)
	}
	if o := it.Override; o != nil {
		limit := it.Points
		if scheme == SchemeBase {
			limit = maxAssessPoints
		}
		if defOK {
			checkScore(fe, FOverride, name+"调整后的得分", o.Score, limit)
		}
		if o.By == "" {
			fe.add(FOverrideBy, name+"的人工调整须填写调整人")
		}
		if o.Why == "" {
			fe.add(FOverrideWhy, name+"的人工调整须填写调整理由")
		}
		checkText(fe, FOverrideBy, o.By, 20, false)
		checkText(fe, FOverrideWhy, o.Why, 200, false)
	}
	if !defOK || it.Reason != "" {
		return
	}
	is := ScoreItem(scheme, it)
	switch {
	case is.Vetoed:
		fe.add(FItemReason, name+"触发一票否决，请填写原因")
	case scheme == SchemeSum && is.Score < is.Full:
		fe.add(FItemReason, fmt.Sprintf("%s扣了%s分，请填写扣分原因", name, FormatScore(is.Full-is.Score)))
	case scheme == SchemeBase && it.Method == MethodDeduct && is.Score > 0:
		fe.add(FItemReason, fmt.Sprintf("%s扣了%s分，请填写扣分原因", name, FormatScore(is.Score)))
	}
}

func checkScore(fe *FieldErrors, field, what string, v, limit float64) {
	switch {
	case math.IsNaN(v) || v < 0:
		fe.add(field, what+"不能为负数")
	case v > limit:
		fe.add(field, fmt.Sprintf("%s不能超过分值%s分", what, FormatScore(limit)))
	case !isHalfStep(v):
		fe.add(field, what+"只能是0.5分的整数倍，如 7 或 7.5")
	}
}

// DefaultAssessGrades are the 等次 of SPEC §5 (A2), used by every seeded form: ≥ 90 优秀, ≥ 75 合格,
// ≥ 60 基本合格, below 不合格.
func DefaultAssessGrades() []GradeLine {
	return []GradeLine{{90, GradeExcellent}, {75, GradePass}, {60, GradeBasicPass}}
}

// A1 rule constants (documented in A1Rule).
const (
	A1MinInspections   = 4  // 每月督查不少于4次
	A1CheckLine        = 90 // 两堂一舍检查平均标化分的达标线
	A1SatisfactionLine = 90 // 满意率的达标线（%）
)

// DefaultA1Template is the 支部月度考核表 "十个靠前" of SPEC §5 (total 100). Every item is filled
// from its ledgers (A1Rule, SPEC §12.6); a user may switch one to 人工评分 in 考核表设置.
func DefaultA1Template() AssessTemplate {
	t := AssessTemplate{
		Kind: AssessBranchMonthly, Subject: SubjectBranch, PeriodKind: PeriodMonth, Scheme: SchemeSum,
		Grades: DefaultAssessGrades(),
		ItemTemplate: ItemTemplate[AssessItem]{Name: "支部月度考核表", Items: []AssessItem{
			{Name: "政治理论学习靠前", Points: 10, Method: MethodDeduct, Per: 1, Auto: AutoStudy, Standard: A1StudyStandard},
			{Name: "党建基础工作靠前", Points: 10, Method: MethodDeduct, Per: 1, Auto: AutoOrgWork, Standard: A1OrgWorkStandard},
			{Name: "“三重一大”决策靠前", Points: 10, Method: MethodDeduct, Per: 1, Auto: AutoDecision, Standard: A1DecisionStandard},
			{Name: "作风纪律建设靠前", Points: 10, Method: MethodDeduct, Per: 1, Auto: AutoDiscipline, Standard: A1DisciplineStandard},
			{Name: "安全督查检查靠前", Points: 15, Method: MethodDeduct, Per: 1, Auto: AutoInspection,
				Standard: fmt.Sprintf("党员督查每月不少于%d次，少1次扣2分；发现的问题按期整改销号，逾期未销号的每条扣1分；扣完为止", A1MinInspections)},
			{Name: "人文关怀疏导靠前", Points: 10, Method: MethodDeduct, Per: 2, Auto: AutoConcern, Standard: A1ConcernStandard},
			{Name: "应急防控冲锋靠前", Points: 5, Method: MethodDeduct, Per: 1, Auto: AutoEmergency, Standard: A1EmergencyStandard},
			{Name: "幸福指数提升靠前", Points: 10, Method: MethodDeduct, Per: 1, Auto: AutoWelfare,
				Standard: fmt.Sprintf("两堂一舍检查平均标化分不低于%d分，每低5分扣1分（最多扣4分），当月未检查扣2分；满意率不低于%d%%，每低5个百分点扣1分（最多扣3分）；当月无办结的办实事事项扣2分", A1CheckLine, A1SatisfactionLine)},
			{Name: "“四效”建设挖潜靠前", Points: 10, Method: MethodAdd, Per: 5, Auto: AutoInHouse,
				Standard: "能自己干的不外委：当月自主完成的办实事事项每项得5分，最高10分"},
			{Name: "信访维稳排查靠前", Points: 10, Method: MethodDeduct, Per: 1, Veto: true, Auto: AutoPetition, Standard: A1PetitionStandard},
		}},
	}
	t.Normalize()
	return t
}

// A1Evidence is what the ledgers show for one branch and month; the store fills it.
type A1Evidence struct {
	Inspections   int     // 督查次数: inspections held in the month
	Findings      int     // 发现问题: findings found in the month
	ClosedOnTime  int     // 按期销号: findings closed in the month on or before their deadline
	Overdue       int     // 逾期: findings open and past their deadline on AsOf
	AsOf          Date    // the month's end, or today for the month under way (逾期 is as of it)
	Checks        int     // 两堂一舍 checks made in the month
	AvgCheckScore float64 // their average 标化分 (0..100)
	WelfareDone   int     // 办实事 items finished in the month
	InHouse       int     // of those, done in-house (自主完成)
	Answers       int     // satisfaction survey answers in the month (0: no survey)
	Satisfaction  float64 // 满意率 of those answers, 0..1
	Discipline    A1DisciplineEvidence

	// OrgLife is what the organisational life records show (orglife_assess.go).
	OrgLife OrgLifeEvidence

	Emergency A1EmergencyEvidence // 应急防控 (emergency_assess.go)
	Petitions A1PetitionEvidence  // 信访维稳 (petition_assess.go)
	Concern   A1ConcernEvidence   // 思想疏导 (concern_assess.go)
	// Decisions is what the "三重一大" decisions show (decision_assess.go).
	Decisions A1DecisionEvidence
}

// A1Rule turns the month's evidence into the tallies and 完成情况 of an automatic A1 item (key one
// of the Auto… keys); ok is false for any other key. The rules (also the seeded 评分标准):
//   - AutoInspection (deductions): fewer than A1MinInspections inspections: 2 per missing one;
//     each overdue finding: 1.
//   - AutoWelfare (deductions): no check in the month: 2; else an average 标化分 below A1CheckLine:
//     1 per started 5 points below (at most 4); a 满意率 below A1SatisfactionLine %: 1 per started 5
//     percentage points below (at most 3; no survey, no deduction); no welfare item finished: 2.
//   - AutoInHouse (addition): each welfare item done in-house, at the item's 每次分值.
//
// The item's cap (or 分值) bounds the result, so "扣完为止".
func A1Rule(key string, ev A1Evidence) (tallies []Tally, done string, ok bool) {
	switch key {
	case AutoInspection:
		done = fmt.Sprintf("督查%d次，发现问题%d条，按期销号%d条，逾期未销号%d条", ev.Inspections, ev.Findings, ev.ClosedOnTime, ev.Overdue)
		if !ev.AsOf.IsZero() {
			done += fmt.Sprintf("（逾期截至%d月%d日）", ev.AsOf.Month, ev.AsOf.Day)
		}
		if short := A1MinInspections - ev.Inspections; short > 0 {
			tallies = append(tallies, Tally{What: fmt.Sprintf("督查%d次，少于%d次", ev.Inspections, A1MinInspections), Count: short, Per: 2})
		}
		if ev.Overdue > 0 {
			tallies = append(tallies, Tally{What: fmt.Sprintf("逾期未销号问题%d条", ev.Overdue), Count: ev.Overdue, Per: 1})
		}
	case AutoWelfare:
		parts := []string{}
		if ev.Checks == 0 {
			parts = append(parts, "两堂一舍未检查")
			tallies = append(tallies, Tally{What: "当月未开展两堂一舍检查", Count: 1, Per: 2})
		} else {
			avg := FormatScore(math.Round(ev.AvgCheckScore*10) / 10)
			parts = append(parts, fmt.Sprintf("两堂一舍检查%d次，平均标化分%s", ev.Checks, avg))
			if n := stepsBelow(ev.AvgCheckScore, A1CheckLine, 4); n > 0 {
				tallies = append(tallies, Tally{What: fmt.Sprintf("平均标化分%s，低于%d分", avg, A1CheckLine), Count: n, Per: 1})
			}
		}
		if ev.Answers == 0 {
			parts = append(parts, "未开展满意度调查")
		} else {
			pct := ev.Satisfaction * 100
			shown := FormatScore(math.Round(pct*10)/10) + "%"
			parts = append(parts, "满意率"+shown)
			if n := stepsBelow(pct, A1SatisfactionLine, 3); n > 0 {
				tallies = append(tallies, Tally{What: fmt.Sprintf("满意率%s，低于%d%%", shown, A1SatisfactionLine), Count: n, Per: 1})
			}
		}
		parts = append(parts, fmt.Sprintf("办结办实事%d项", ev.WelfareDone))
		if ev.WelfareDone == 0 {
			tallies = append(tallies, Tally{What: "当月无办结的办实事事项", Count: 1, Per: 2})
		}
		done = strings.Join(parts, "，")
	case AutoDiscipline:
		tallies, done = A1DisciplineRule(ev.Discipline)
	case AutoStudy, AutoOrgWork:
		tallies, done = orgLifeRule(key, ev)
	case AutoEmergency:
		tallies, done = A1EmergencyRule(ev.Emergency)
	case AutoPetition:
		tallies, done = A1PetitionRule(ev.Petitions, ev.AsOf)
	case AutoConcern:
		tallies, done = A1ConcernRule(ev.Concern)
	case AutoDecision:
		tallies, done = A1DecisionRule(ev.Decisions)
	case AutoInHouse:
		done = fmt.Sprintf("办结办实事%d项，其中自主完成%d项", ev.WelfareDone, ev.InHouse)
		if ev.InHouse > 0 {
			tallies = append(tallies, Tally{What: fmt.Sprintf("自主完成办实事%d项", ev.InHouse), Count: ev.InHouse})
		}
	default:
		return nil, "", false
	}
	return tallies, done, true
}

// stepsBelow counts the started 5-point steps by which v falls short of line, at most limit.
func stepsBelow(v, line float64, limit int) int {
	if math.IsNaN(v) || v >= line {
		return 0
	}
	return min(int(math.Ceil((line-v)/5-1e-9)), limit)
}

// ApplyA1Evidence fills every automatic item of an A1 assessment from the month's evidence (tallies,
// 完成情况 and, where it falls short, the 扣分原因 — unless the user wrote their own; a reason
// written from earlier evidence is rewritten) and attaches the
// records behind each key (refs[key], from the store). Manual items and overrides are untouched.
func (a *Assessment) ApplyA1Evidence(ev A1Evidence, refs map[string][]EvidenceRef) {
	for i := range a.Items {
		it := &a.Items[i]
		tallies, done, ok := A1Rule(it.Auto, ev)
		if !ok || it.Method == MethodManual {
			continue
		}
		if it.Reason == autoReason(a.Scheme, it) {
			it.Reason = "" // written from the old evidence: rewritten below
		}
		it.Tallies, it.Done, it.Evidence = tallies, done, slices.Clone(refs[it.Auto])
	}
	a.FillReasons()
}

// DefaultA3Template is the "三位一体"考核表 of SPEC §5: 党建 40 / 安全 30 / 生产经营 30, each with
// editable sub-items, for managers and members on key posts, per year.
func DefaultA3Template() AssessTemplate {
	m := func(part, name string, points float64, veto bool, standard string) AssessItem {
		return AssessItem{Name: name, Points: points, Method: MethodManual, Part: part, Veto: veto, Standard: standard}
	}
	t := AssessTemplate{
		Kind: AssessThreeInOne, Subject: SubjectMember, PeriodKind: PeriodYear, Scheme: SchemeSum,
		Grades: DefaultAssessGrades(),
		ItemTemplate: ItemTemplate[AssessItem]{Name: "“三位一体”考核表", Items: []AssessItem{
			m(PartParty, "政治学习", 10, false, "按时参加“三会一课”和集中学习，学习笔记完整"),
			m(PartParty, "组织生活", 10, false, "按时参加组织生活、按期缴纳党费，积极参加主题党日活动"),
			m(PartParty, "先锋作用", 10, false, "在岗位上亮身份、作表率，承诺践诺，承办事项按期办结"),
			m(PartParty, "廉洁自律", 10, true, "遵守廉洁从业规定；违纪受到处分的一票否决"),
			m(PartSafety, "安全责任落实", 10, true, "落实岗位安全生产责任制；负有责任的安全事故一票否决"),
			m(PartSafety, "隐患排查治理", 10, false, "按规定排查隐患，发现的问题按期整改销号"),
			m(PartSafety, "“三违”管控", 10, false, "本人及分管范围无“三违”；每发生一人次扣2分"),
			m(PartProduction, "生产任务完成", 15, false, "完成年度生产（工作）任务指标，未完成的按比例扣分"),
			m(PartProduction, "成本管控", 10, false, "材料、费用控制在预算内，修旧利废，能自己干的不外委"),
			m(PartProduction, "创新创效", 5, false, "开展合理化建议、技术革新、“四效”挖潜，取得实效"),
		}},
	}
	t.Normalize()
	return t
}

// A2 catalogue item names (SPEC §5).
const (
	PointInspection     = "参加督查"
	PointFinding        = "督查发现问题"
	PointSuggestion     = "合理化建议"
	PointAdopted        = "合理化建议被采纳"
	PointWelfareDone    = "办实事承办并办结"
	PointHonour         = "受集团/市级表彰"
	PointMinorViolation = "所在班组轻微“三违”"
	PointViolation      = "所在班组一般“三违”"
	PointOverdue        = "承办事项逾期"
	PointDues           = "未按期缴纳党费"
	PointDiscipline     = "违纪受处分"
	PointLecture        = "讲党课"      // generated from activities (PointEntriesForActivity)
	PointAbsent         = "无故缺席组织生活" // generated from activities (PointEntriesForActivity)
)

// DefaultA2Template is the 党员积分 scheme of SPEC §5 for a year: 基础分 80 with deductions only,
// 加分 capped at 20, and the default catalogue (每次分值 per entry; no item cap of its own).
func DefaultA2Template() AssessTemplate {
	add := func(name string, per float64, standard string) AssessItem {
		return AssessItem{Name: name, Method: MethodAdd, Per: per, Standard: standard}
	}
	sub := func(name string, per float64, standard string) AssessItem {
		return AssessItem{Name: name, Method: MethodDeduct, Per: per, Standard: standard}
	}
	t := AssessTemplate{
		Kind: AssessMemberPoints, Subject: SubjectMember, PeriodKind: PeriodYear, Scheme: SchemeBase,
		Base: 80, BonusCap: 20, Grades: DefaultAssessGrades(),
		ItemTemplate: ItemTemplate[AssessItem]{Name: "党员积分考核表", Items: []AssessItem{
			add(PointInspection, 1, "参加党员督查，每次加1分（由督查记录自动生成）"),
			add(PointFinding, 1, "督查中发现问题，每条加1分（由督查记录自动生成）"),
			add(PointSuggestion, 2, "提出合理化建议，每条加2分"),
			add(PointAdopted, 5, "合理化建议被采纳，每条加5分"),
			add(PointWelfareDone, 2, "承办办实事事项并办结，每项加2分（由办实事台账自动生成）"),
			add(PointHonour, 5, "受到集团公司或市级及以上表彰，每次加5分"),
			sub(PointMinorViolation, 1, "所在班组发生轻微“三违”，每人次扣1分"),
			sub(PointViolation, 2, "所在班组发生一般“三违”，每人次扣2分"),
			sub(PointOverdue, 2, "承办的事项逾期未办结，每项扣2分（由办实事台账自动生成）"),
			sub(PointDues, 2, "未按期缴纳党费，每次扣2分"),
			add(PointLecture, 2, "为党员讲党课，每次加2分（由组织生活记录自动生成）"),
			sub(PointAbsent, 2, "无故缺席组织生活，每次扣2分（由组织生活记录自动生成）"),
			add(PointPetition, 2, "包保的信访事项已化解或息诉罢访，每名包保责任人加2分（由信访维稳台账自动生成）"),
			{Name: PointDiscipline, Method: MethodDeduct, Veto: true, Standard: "违纪受到党纪政务处分的，一票否决，积分计0分、等次为不合格"},
		}},
	}
	t.Normalize()
	return t
}

// DefaultAssessTemplates are the forms a new data file is seeded with: A1, A2, A3.
func DefaultAssessTemplates() []AssessTemplate {
	return []AssessTemplate{DefaultA1Template(), DefaultA2Template(), DefaultA3Template()}
}

// PointEntry is one entry of a member's points (积分明细, R9 second sheet).
type PointEntry struct {
	ID       int64
	BranchID int64

	MemberID   int64
	MemberName string  // filled by the store when read
	Date       Date    // 日期*
	Item       string  // 项目*: a catalogue item's name
	Points     float64 // 分值: signed, + for additions, − for deductions, 0 for a veto item
	Reason     string  // 事由*
	RecordKind string  // the record it comes from (EntInspection, EntFinding, EntWelfare), "" = none
	RecordID   int64
	Generated  bool // made from a record and kept in step with it; not edited by hand

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalize cleans the texts.
func (e *PointEntry) Normalize() { e.Item, e.Reason = NormalizeText(e.Item), NormalizeText(e.Reason) }

// ValidatePointEntry checks an entry against the catalogue of template t: member, date (not in the
// future), a catalogue item, points in steps of 0.5 with the item's sign (additions > 0,
// deductions < 0, veto items 0), and a reason.
func ValidatePointEntry(e *PointEntry, t *AssessTemplate, today Date) FieldErrors {
	var fe FieldErrors
	if e.MemberID == 0 {
		fe.add(FName, "请选择党员")
	}
	checkPastDate(&fe, FPointDate, e.Date, today, "请填写日期")
	checkText(&fe, FPointReason, e.Reason, 200, true)
	i := slices.IndexFunc(t.Items, func(it AssessItem) bool { return it.Name == e.Item })
	if i < 0 {
		fe.add(FPointItem, fmt.Sprintf("积分项目「%s」不在积分目录中，请从目录中选择", e.Item))
		return fe
	}
	it := t.Items[i]
	switch p := e.Points; {
	case math.IsNaN(p) || math.Abs(p) > maxAssessPoints || !isHalfStep(p):
		fe.add(FPoints, "分值只能是0.5分的整数倍，如 2 或 -1.5")
	case it.Veto && p != 0:
		fe.add(FPoints, fmt.Sprintf("「%s」为一票否决项，不计分值，请填0", it.Name))
	case !it.Veto && it.Method == MethodAdd && p <= 0:
		fe.add(FPoints, fmt.Sprintf("「%s」是加分项，分值应大于0", it.Name))
	case !it.Veto && it.Method == MethodDeduct && p >= 0:
		fe.add(FPoints, fmt.Sprintf("「%s」是扣分项，分值应小于0，如 -%s", it.Name, FormatScore(it.Per)))
	}
	return fe
}

// NewPointEntry prefills a manual entry of catalogue item it: the points are the item's 每次分值
// with its sign.
func NewPointEntry(memberID int64, date Date, it AssessItem, reason string) PointEntry {
	p := it.Per
	if it.Method == MethodDeduct {
		p = -p
	}
	if it.Veto {
		p = 0
	}
	return PointEntry{MemberID: memberID, Date: date, Item: it.Name, Points: p, Reason: reason}
}

// MemberPointsAssessment builds a member's A2 assessment for period p from the template and the
// entries: each catalogue item tallies the member's entries in the period (one tally per entry, at
// the entry's own points, so an entry edited to another value counts as edited). Entries of items
// no longer in the catalogue are ignored. Deduction items get the entries' reasons as 扣分原因.
func MemberPointsAssessment(t *AssessTemplate, memberID int64, memberName string, p Period, entries []PointEntry) Assessment {
	a := NewAssessment(t, memberID, memberName, p)
	at := map[string]int{}
	for i, it := range a.Items {
		at[it.Name] = i
	}
	for _, e := range entries {
		i, ok := at[e.Item]
		if !ok || e.MemberID != memberID || !p.Contains(e.Date) {
			continue
		}
		it := &a.Items[i]
		it.Tallies = append(it.Tallies, Tally{What: e.Reason, Count: 1, Per: math.Abs(e.Points)})
		if e.RecordKind != "" {
			it.Evidence = append(it.Evidence, EvidenceRef{Kind: e.RecordKind, ID: e.RecordID, Label: e.Reason})
		}
		if it.Method == MethodDeduct {
			it.Reason = joinReason(it.Reason, e.Date.String()+" "+e.Reason)
		}
	}
	for i := range a.Items {
		if it := &a.Items[i]; len(it.Tallies) > 0 {
			it.Done = fmt.Sprintf("%d次", occurrences(it))
		}
	}
	return a
}

func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}

// MemberPoints is one row of R9.
type MemberPoints struct {
	MemberID int64
	Name     string
	Base     float64 // 基础分
	Deducted float64 // 扣分
	Added    float64 // 加分 counted (at most the 加分上限)
	Earned   float64 // 加分 as earned, before the cap
	Total    float64 // 总分
	Vetoed   bool
	Grade    string // 等次
	Rank     int    // 排名 within the list (ties share a rank)
}

// ScoreMembers works out every member's points for period p (normally YearPeriod) with template t,
// in the members' order, ranked by total.
func ScoreMembers(t *AssessTemplate, members []Member, p Period, entries []PointEntry) []MemberPoints {
	byMember := map[int64][]PointEntry{}
	for _, e := range entries {
		byMember[e.MemberID] = append(byMember[e.MemberID], e)
	}
	out := make([]MemberPoints, len(members))
	totals := make([]float64, len(members))
	for i, m := range members {
		a := MemberPointsAssessment(t, m.ID, m.Name, p, byMember[m.ID])
		s := ScoreAssessment(&a)
		out[i] = MemberPoints{MemberID: m.ID, Name: m.Name, Base: s.Base, Deducted: s.Deducted, Added: min(s.Added, s.Full-s.Base),
			Earned: s.Added, Total: s.Total, Vetoed: s.Vetoed, Grade: s.Grade}
		totals[i] = s.Total
	}
	for i, r := range RankTotals(totals) {
		out[i].Rank = r
	}
	return out
}

// Generated point entries: entries made from records are keyed by (RecordKind, RecordID, MemberID,
// Item); the store replaces a record's generated entries by PointEntriesFor… whenever the record
// is saved or deleted (ReconcilePointEntries says what to add, change and remove), so they are never
// duplicated and never stale.

// PointEntriesForInspection are the entries an inspection earns: 参加督查 for each inspector, and
// 督查发现问题 for each finding, credited to the lead inspector (who answers for what the team
// found). Findings need their ids (saved).
func PointEntriesForInspection(in *Inspection) []PointEntry {
	var out []PointEntry
	label := InspectionLabel(in)
	for _, ins := range in.Inspectors {
		out = append(out, PointEntry{BranchID: in.BranchID, MemberID: ins.MemberID, Date: in.Date, Item: PointInspection, Points: 1,
			Reason: "参加督查：" + label, RecordKind: EntInspection, RecordID: in.ID, Generated: true})
	}
	lead := in.Lead()
	if lead.MemberID == 0 {
		return out
	}
	for i := range in.Findings {
		f := &in.Findings[i]
		out = append(out, PointEntry{BranchID: in.BranchID, MemberID: lead.MemberID, Date: f.FoundDate, Item: PointFinding, Points: 1,
			Reason: "督查发现问题：" + clip(f.Description), RecordKind: EntFinding, RecordID: f.ID, Generated: true})
	}
	return out
}

// PointEntriesForWelfare are the entries a welfare item earns its handler on day today: 办实事承办
// 并办结 (+2, dated the 办结日期) once done, and 承办事项逾期 (−2, dated the day after the planned
// date) when it was finished late or is still open past its planned date.
func PointEntriesForWelfare(w *WelfareItem, today Date) []PointEntry {
	if w.HandlerID == 0 {
		return nil
	}
	var out []PointEntry
	entry := func(item string, points float64, date Date, reason string) {
		out = append(out, PointEntry{BranchID: w.BranchID, MemberID: w.HandlerID, Date: date, Item: item, Points: points,
			Reason: reason + "：" + clip(w.Title), RecordKind: EntWelfare, RecordID: w.ID, Generated: true})
	}
	late := w.PlannedDate.AddDays(1)
	switch {
	case w.State == WelfareDone && !w.DoneDate.IsZero():
		entry(PointWelfareDone, 2, w.DoneDate, "办实事办结")
		if !w.PlannedDate.IsZero() && w.DoneDate.After(w.PlannedDate) {
			entry(PointOverdue, -2, late, "承办事项逾期")
		}
	case w.OverdueDays(today) > 0:
		entry(PointOverdue, -2, late, "承办事项逾期")
	}
	return out
}

// pointKey identifies a generated entry.
type pointKey struct {
	kind     string
	id       int64
	memberID int64
	item     string
}

func keyOf(e *PointEntry) pointKey { return pointKey{e.RecordKind, e.RecordID, e.MemberID, e.Item} }

// ReconcilePointEntries compares the generated entries saved for some records (have) with those
// the records call for now (want): create are new, update are saved entries (with their ids) whose
// date, points or reason changed, remove are the ids of saved entries no longer called for (or
// duplicated). Manual entries in have are left alone.
func ReconcilePointEntries(have, want []PointEntry) (create, update []PointEntry, remove []int64) {
	saved := map[pointKey]PointEntry{}
	for _, e := range have {
		if !e.Generated {
			continue
		}
		k := keyOf(&e)
		if _, dup := saved[k]; dup {
			remove = append(remove, e.ID)
			continue
		}
		saved[k] = e
	}
	seen := map[pointKey]bool{}
	for _, w := range want {
		k := keyOf(&w)
		if seen[k] {
			continue
		}
		seen[k] = true
		s, ok := saved[k]
		switch {
		case !ok:
			create = append(create, w)
		case s.Date != w.Date || s.Points != w.Points || s.Reason != w.Reason:
			w.ID = s.ID
			update = append(update, w)
		}
	}
	for k, s := range saved {
		if !seen[k] {
			remove = append(remove, s.ID)
		}
	}
	slices.Sort(remove)
	return create, update, remove
}

// AssessmentFilter narrows an assessments list. Zero fields do not filter.
type AssessmentFilter struct {
	Kind      string
	SubjectID int64
	From, To  Date // assessments whose period overlaps [From, To]
}

// PointFilter narrows a point entries list. Zero fields do not filter.
type PointFilter struct {
	MemberID int64
	From, To Date // 日期 within [From, To]
	Item     string
}

// ActOverride is the log's action for a manual override of an assessment item.
const ActOverride = "人工调整"

// AssessmentStore keeps the assessment templates, the assessments with their items, and the
// members' point entries. A new data file is seeded with DefaultAssessTemplates.
type AssessmentStore interface {
	// AssessTemplates lists the templates of one kind ("" = all) with their items, by kind then name.
	AssessTemplates(ctx context.Context, kind string) ([]AssessTemplate, error)
	AssessTemplate(ctx context.Context, id int64) (AssessTemplate, error)
	// SaveAssessTemplate creates (ID 0) or updates a template with its items, after Normalize and
	// ValidateAssessTemplate; a name already used is refused (FieldErrors on 考核表名称). Saved
	// assessments keep their own items.
	SaveAssessTemplate(ctx context.Context, t *AssessTemplate) error
	// CopyAssessTemplate saves AssessTemplate.Copy(name) of template id and returns it.
	CopyAssessTemplate(ctx context.Context, id int64, name string) (AssessTemplate, error)
	DeleteAssessTemplate(ctx context.Context, id int64) error

	// Assessments lists assessments with their items and subject names, by period then subject.
	Assessments(ctx context.Context, f AssessmentFilter) ([]Assessment, error)
	Assessment(ctx context.Context, id int64) (Assessment, error)
	// SaveAssessment creates or updates an assessment with its items in one transaction, after
	// Normalize and ValidateAssessment; one assessment per template, subject and period (EConflict).
	// A new or changed Override is logged with its who and why.
	SaveAssessment(ctx context.Context, a *Assessment) error
	DeleteAssessment(ctx context.Context, id int64) error
	// A1Evidence reads the month's figures for A1 and the records behind each Auto… key.
	A1Evidence(ctx context.Context, p Period, today Date) (A1Evidence, map[string][]EvidenceRef, error)

	// PointEntries lists entries by date then id, with member names.
	PointEntries(ctx context.Context, f PointFilter) ([]PointEntry, error)
	// SavePointEntry creates or updates a manual entry after Normalize and ValidatePointEntry
	// (against the A2 template); generated entries are refused (EInvalid: they follow their record).
	SavePointEntry(ctx context.Context, e *PointEntry) error
	// DeletePointEntry moves a manual entry to the recycle bin; generated entries are refused.
	DeletePointEntry(ctx context.Context, id int64) error
	// RegeneratePointEntries brings the generated entries dated in year into step with the
	// inspections and welfare items (PointEntriesForInspection, PointEntriesForWelfare,
	// ReconcilePointEntries) in one transaction; a second run changes nothing.
	RegeneratePointEntries(ctx context.Context, year int) error
}
