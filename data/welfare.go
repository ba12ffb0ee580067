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

// This file holds the 两堂一舍 welfare records of SPEC §4 other than the checks: the facilities,
// the welfare items (办实事/职工诉求) and the satisfaction surveys. Checks and their scoring
// checklists are in checklist.go.

// Facility categories (类别) of SPEC §4, shared by facilities, checklist templates, welfare items and
// surveys.
const (
	FacilityCanteen   = "食堂"
	FacilityBathhouse = "澡堂"
	FacilityDormitory = "宿舍"
	FacilityGreen     = "绿化"
	FacilityOther     = "其他"
)

// FacilityCategories in the order lists and selects show them.
var FacilityCategories = []string{FacilityCanteen, FacilityBathhouse, FacilityDormitory, FacilityGreen, FacilityOther}

// Facility is a canteen, bathhouse, dormitory, green area or other place that the branch checks.
type Facility struct {
	ID       int64
	BranchID int64

	Category string // 类别*: one of FacilityCategories
	Name     string // 名称*, e.g. 一号职工食堂
	Location string // 位置
	Manager  string // 负责人: the person a finding from a check of it is assigned to
	Remark   string // 备注
	Rooms    int    // 房间数 (宿舍 only; 0 = not given)
}

// Facility field labels.
const (
	FFacilityCategory = "类别"
	FFacilityName     = "名称"
	FLocation         = "位置"
	FManager          = "负责人"
	FRooms            = "房间数"
)

// Normalize cleans the text fields; 房间数 is dropped for anything but a dormitory.
func (f *Facility) Normalize() {
	f.Category, f.Name, f.Location = NormalizeText(f.Category), NormalizeText(f.Name), NormalizeText(f.Location)
	f.Manager, f.Remark = NormalizeName(f.Manager), strings.TrimSpace(f.Remark)
	if f.Category != FacilityDormitory {
		f.Rooms = 0
	}
}

// ValidateFacility checks a normalised facility. Whether its name is unique within its category is
// checked by the store.
func ValidateFacility(f *Facility) FieldErrors {
	var fe FieldErrors
	checkCategory(&fe, FFacilityCategory, f.Category, true)
	checkText(&fe, FFacilityName, f.Name, 30, true)
	checkText(&fe, FLocation, f.Location, 50, false)
	checkText(&fe, FManager, f.Manager, 20, false)
	checkText(&fe, FRemark, f.Remark, 500, false)
	if f.Rooms < 0 || f.Rooms > 10000 {
		fe.add(FRooms, "房间数应在0到10000之间")
	}
	return fe
}

// checkCategory checks a facility category field ("" allowed unless required).
func checkCategory(fe *FieldErrors, field, v string, required bool) {
	switch {
	case v == "" && required:
		fe.add(field, "请选择"+field+"："+strings.Join(FacilityCategories, "、"))
	case v != "" && !slices.Contains(FacilityCategories, v):
		fe.add(field, fmt.Sprintf("%s「%s」无法识别，应为：%s", field, v, strings.Join(FacilityCategories, "、")))
	}
}

// SortFacilities orders facilities as lists show them: by category in FacilityCategories order
// (unknown categories last), then by name (CompareNames), then by ID.
func SortFacilities(fs []Facility) {
	sortByKey(fs, func(f *Facility) string {
		rank := slices.Index(FacilityCategories, f.Category)
		if rank < 0 {
			rank = len(FacilityCategories)
		}
		return fmt.Sprintf("%02d", rank) + NameKey(f.Name)
	}, func(a, b *Facility) int { return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
}

// FacilityStore keeps the facilities.
type FacilityStore interface {
	// Facilities lists the facilities of one category ("" = all) in SortFacilities order.
	Facilities(ctx context.Context, category string) ([]Facility, error)
	Facility(ctx context.Context, id int64) (Facility, error)
	// SaveFacility creates (ID 0) or updates a facility after Normalize and ValidateFacility; a name
	// already used in the same category is refused (FieldErrors on 名称).
	SaveFacility(ctx context.Context, f *Facility) error
	// DeleteFacility removes a facility typed by mistake; one that has checks is refused (EConflict),
	// so that no check loses the place it scored.
	DeleteFacility(ctx context.Context, id int64) error
}

// WelfareItem is one practical thing done for the workers (我为群众办实事) or one workers' request
// (职工诉求), followed until it is done (SPEC §4, report R7).
type WelfareItem struct {
	ID       int64
	BranchID int64

	Title        string  // 事项*
	Category     string  // 类别: one of FacilityCategories or ""
	Source       string  // 来源: one of WelfareSources or ""
	Proposer     string  // 提出人 (a person or a group, e.g. 综采一队职工)
	ProposedDate Date    // 提出日期*
	HandlerID    int64   // 承办人*: a member
	Handler      string  // the handler's name, filled by the store when read
	PlannedDate  Date    // 计划完成日期* (≥ 提出日期)
	State        string  // 状态: one of WelfareStates; changed only through ApplyWelfareTransition
	Reason       string  // 原因: the reason of the last move that needed one (不予办理, reopening)
	DoneDate     Date    // 办结日期 (已办结 only)
	Rating       string  // 职工评价: one of WelfareRatings or "" (已办结 only)
	Cost         float64 // 费用(元): ≥ 0, at most two decimals
	InHouse      bool    // 自主完成: done by the unit itself rather than outsourced (能自己干的不外委)

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Welfare item field labels (the R7 header).
const (
	FWelfareTitle    = "事项"
	FWelfareCategory = "类别"
	FWelfareSource   = "来源"
	FProposer        = "提出人"
	FProposedDate    = "提出日期"
	FHandler         = "承办人"
	FPlannedDate     = "计划完成日期"
	FDoneDate        = "办结日期"
	FRating          = "职工评价"
	FCost            = "费用(元)"
	FInHouse         = "自主完成"
)

// States of a welfare item: 已登记 → 办理中 → 已办结, or 不予办理.
const (
	WelfareRegistered = "已登记"
	WelfareHandling   = "办理中"
	WelfareDone       = "已办结"
	WelfareRejected   = "不予办理"
)

var (
	WelfareStates  = []string{WelfareRegistered, WelfareHandling, WelfareDone, WelfareRejected}
	WelfareSources = []string{"职工反映", "检查发现", "满意度调查", "支部提出"}
	WelfareRatings = []string{"满意", "基本满意", "不满意"}
)

// WelfareTransitions are every allowed move of a welfare item; any other is refused. Refusing
// (不予办理) and taking up again what was refused or done both need a reason.
var WelfareTransitions = []Transition{
	{WelfareRegistered, WelfareHandling, "开始办理", false},
	{WelfareHandling, WelfareDone, "办结", false},
	{WelfareRegistered, WelfareRejected, "不予办理", true},
	{WelfareHandling, WelfareRejected, "不予办理", true},
	{WelfareRejected, WelfareHandling, "重新办理", true},
	{WelfareDone, WelfareHandling, "重新打开", true},
}

// NextWelfareStates lists the moves allowed from a state, in the order buttons show them.
func NextWelfareStates(from string) []Transition { return transitionsFrom(WelfareTransitions, from) }

func transitionsFrom(table []Transition, from string) []Transition {
	var out []Transition
	for _, t := range table {
		if t.From == from {
			out = append(out, t)
		}
	}
	return out
}

// ApplyWelfareTransition checks moving w to state `to` on day today, with a reason where one is
// needed and the 办结日期 when finishing, and applies it to w: the reason is kept in w.Reason;
// reopening a finished item clears its 办结日期 and 职工评价 (they were about the old result).
// On a refusal w is unchanged and the error says why in Chinese (*Error for a move the flow
// forbids, FieldErrors for missing details).
func ApplyWelfareTransition(w *WelfareItem, to, reason string, done Date, today Date) error {
	var tr *Transition
	for i, t := range WelfareTransitions {
		if t.From == w.State && t.To == to {
			tr = &WelfareTransitions[i]
		}
	}
	if tr == nil {
		hint := "请按 已登记 → 办理中 → 已办结 的顺序办理"
		if next := NextWelfareStates(w.State); len(next) > 0 {
			actions := make([]string, len(next))
			for i, t := range next {
				actions[i] = "“" + t.Action + "”"
			}
			hint = "现在可以" + strings.Join(actions, "或")
		}
		return Errorf(EInvalid, fmt.Sprintf("事项当前为“%s”，不能直接改为“%s”：%s", w.State, to, hint))
	}
	reason = NormalizeText(reason)
	if tr.NeedsReason && reason == "" {
		return FieldErrors{{Field: FReason, Message: "“" + tr.Action + "”须说明原因"}}
	}
	next := *w
	next.State = to
	if tr.NeedsReason {
		next.Reason = reason
	}
	if to == WelfareDone {
		if fe := checkDoneDate(done, w.ProposedDate, today, "请填写办结日期"); fe != nil {
			return fe
		}
		next.DoneDate = done
	}
	if w.State == WelfareDone {
		next.DoneDate, next.Rating = Date{}, ""
	}
	*w = next
	return nil
}

func checkDoneDate(done, proposed, today Date, missing string) FieldErrors {
	var fe FieldErrors
	switch {
	case done.IsZero():
		fe.add(FDoneDate, missing)
	case !proposed.IsZero() && done.Before(proposed):
		fe.add(FDoneDate, fmt.Sprintf("办结日期不能早于提出日期（%s）", proposed))
	case done.After(today):
		fe.add(FDoneDate, "办结日期不能晚于今天")
	}
	return fe
}

// OverdueDays is how many days past its planned date an open item is on day today (0: not
// overdue). Items done or refused are never overdue; like a finding's 逾期 it is never stored.
func (w *WelfareItem) OverdueDays(today Date) int {
	if w.State == WelfareDone || w.State == WelfareRejected || w.PlannedDate.IsZero() || !w.PlannedDate.Before(today) {
		return 0
	}
	return int(today.Time().Sub(w.PlannedDate.Time()).Hours() / 24)
}

// Normalize cleans the text fields and fills the state (已登记) when empty.
func (w *WelfareItem) Normalize() {
	w.Title, w.Category, w.Source = NormalizeText(w.Title), NormalizeText(w.Category), NormalizeText(w.Source)
	w.Proposer, w.State, w.Reason, w.Rating = NormalizeText(w.Proposer), NormalizeText(w.State), NormalizeText(w.Reason), NormalizeText(w.Rating)
	if w.State == "" {
		w.State = WelfareRegistered
	}
}

// ValidateWelfareItem checks a normalised welfare item; today bounds the dates. Whether the handler
// is a member of the branch is checked by the store.
func ValidateWelfareItem(w *WelfareItem, today Date) FieldErrors {
	var fe FieldErrors
	checkText(&fe, FWelfareTitle, w.Title, 100, true)
	checkCategory(&fe, FWelfareCategory, w.Category, false)
	if w.Source != "" && !slices.Contains(WelfareSources, w.Source) {
		fe.add(FWelfareSource, fmt.Sprintf("来源「%s」无法识别，应为：%s", w.Source, strings.Join(WelfareSources, "、")))
	}
	checkText(&fe, FProposer, w.Proposer, 30, false)
	checkPastDate(&fe, FProposedDate, w.ProposedDate, today, "请填写提出日期")
	if w.HandlerID == 0 {
		fe.add(FHandler, "请选择承办人")
	}
	switch {
	case w.PlannedDate.IsZero():
		fe.add(FPlannedDate, "请填写计划完成日期")
	case !w.ProposedDate.IsZero() && w.PlannedDate.Before(w.ProposedDate):
		fe.add(FPlannedDate, fmt.Sprintf("计划完成日期不能早于提出日期（%s）", w.ProposedDate))
	}
	checkText(&fe, FReason, w.Reason, 200, false)
	switch {
	case !slices.Contains(WelfareStates, w.State):
		fe.add(FState, fmt.Sprintf("状态「%s」无法识别，应为：%s", w.State, strings.Join(WelfareStates, "、")))
	case w.State == WelfareRejected && w.Reason == "":
		fe.add(FReason, "不予办理的事项须说明原因")
	}
	if w.State == WelfareDone {
		fe = append(fe, checkDoneDate(w.DoneDate, w.ProposedDate, today, "已办结的事项须填写办结日期")...)
	} else {
		if !w.DoneDate.IsZero() {
			fe.add(FDoneDate, "事项尚未办结，不应填写办结日期")
		}
		if w.Rating != "" {
			fe.add(FRating, "事项办结后才能填写职工评价")
		}
	}
	if w.Rating != "" && !slices.Contains(WelfareRatings, w.Rating) {
		fe.add(FRating, fmt.Sprintf("职工评价应为：%s", strings.Join(WelfareRatings, "、")))
	}
	checkYuan(&fe, FCost, "费用", w.Cost, 1e9)
	return fe
}

// checkYuan checks an amount of money in 元 named what: not negative, at most limit, to the 分.
func checkYuan(fe *FieldErrors, field, what string, v, limit float64) {
	switch {
	case math.IsNaN(v) || v < 0:
		fe.add(field, what+"不能为负数")
	case v > limit:
		fe.add(field, what+"过大，请以元为单位填写")
	case math.Abs(v*100-math.Round(v*100)) > 1e-6:
		fe.add(field, what+"最多保留两位小数（精确到分）")
	}
}

// WelfareFilter narrows a welfare items list. Zero fields do not filter.
type WelfareFilter struct {
	From, To  Date     // 提出日期 within [From, To]
	States    []string // any of
	Category  string
	HandlerID int64
	// OverdueOn, when set, keeps only items overdue on that day (open and past their planned date).
	OverdueOn Date
}

// WelfareItemStore keeps the welfare items.
type WelfareItemStore interface {
	// WelfareItems lists items by 提出日期 then id, with the handler's name.
	WelfareItems(ctx context.Context, f WelfareFilter) ([]WelfareItem, error)
	WelfareItem(ctx context.Context, id int64) (WelfareItem, error)
	// SaveWelfareItem creates (ID 0; state 已登记 unless given, so that past work can be typed in as
	// 已办结) or updates an item after Normalize and ValidateWelfareItem. An update keeps the saved
	// 状态, 原因 and 办结日期: those change only through ChangeWelfareState.
	SaveWelfareItem(ctx context.Context, w *WelfareItem) error
	// ChangeWelfareState moves an item (ApplyWelfareTransition) and records the change in the
	// operation log, in one transaction; a refused move changes nothing.
	ChangeWelfareState(ctx context.Context, id int64, to, reason string, done Date) (WelfareItem, error)
	DeleteWelfareItem(ctx context.Context, id int64) error
}

// Answers of a satisfaction survey, best first: the columns of R11 and the indexes of
// SurveyQuestion.Counts.
const (
	AnswerVerySatisfied = iota
	AnswerSatisfied
	AnswerNeutral
	AnswerDissatisfied
	AnswerVeryDissatisfied
)

// SurveyAnswers are the labels of the answers, in index order.
var SurveyAnswers = [5]string{"非常满意", "满意", "一般", "不满意", "非常不满意"}

// DefaultSurveyQuestions are the canteen questions of SPEC §4.
var DefaultSurveyQuestions = []string{"菜品口味", "饭菜价格", "服务态度", "就餐环境", "卫生状况"}

// SurveyQuestionsFor returns the questions a new survey of a facility category starts with (the
// user edits them): the SPEC list for a canteen, and the like for the other facilities, since a
// bathhouse survey asking about 菜品口味 would make no sense.
func SurveyQuestionsFor(category string) []string {
	switch category {
	case FacilityCanteen:
		return slices.Clone(DefaultSurveyQuestions)
	case FacilityBathhouse:
		return []string{"水温水压", "开放时间", "更衣设施", "服务态度", "卫生状况"}
	case FacilityDormitory:
		return []string{"住宿条件", "设施维修", "安全管理", "服务态度", "卫生状况"}
	default:
		return []string{"环境整洁", "设施完好", "服务态度", "卫生状况"}
	}
}

// Survey is one satisfaction survey of a facility category over a period (report R11).
type Survey struct {
	ID       int64
	BranchID int64

	Period    Period // 期间*: From and To required; Label filled by Normalize when empty
	Category  string // 设施类别*: one of FacilityCategories
	Questions []SurveyQuestion

	CreatedAt time.Time
	UpdatedAt time.Time
}

// SurveyQuestion is one question with the number of answers of each kind.
type SurveyQuestion struct {
	Text   string // 问题*
	Counts [5]int // indexed by AnswerVerySatisfied … AnswerVeryDissatisfied; each ≥ 0
}

// Survey field labels (the R11 header).
const (
	FSurveyPeriod   = "期间"
	FSurveyCategory = "设施类别"
	FQuestion       = "问题"
	FSurveyTotal    = "合计"
	FSatisfaction   = "满意率"
)

// NewSurvey starts a survey of a category over a period with that category's default questions.
func NewSurvey(category string, p Period) Survey {
	s := Survey{Period: p, Category: category}
	for _, q := range SurveyQuestionsFor(category) {
		s.Questions = append(s.Questions, SurveyQuestion{Text: q})
	}
	return s
}

// Total is 合计: every answer to the question.
func (q SurveyQuestion) Total() int {
	n := 0
	for _, c := range q.Counts {
		n += c
	}
	return n
}

// Rate is 满意率 = (非常满意 + 满意) ÷ 合计, a fraction in 0..1 (0 when nobody answered).
func (q SurveyQuestion) Rate() float64 {
	return rate(q.Counts[AnswerVerySatisfied]+q.Counts[AnswerSatisfied], q.Total())
}

// Overall is the totals row of R11: every question's counts added up, named 合计, so that its Total
// and Rate are the survey's overall figures (over all answers, not an average of the rates).
func (s *Survey) Overall() SurveyQuestion {
	sum := SurveyQuestion{Text: FSurveyTotal}
	for _, q := range s.Questions {
		for i, c := range q.Counts {
			sum.Counts[i] += c
		}
	}
	return sum
}

// Normalize cleans the texts, drops question rows left wholly empty, and labels the period when it
// has no label (2026年11月, 2026年第四季度, 2026年, or 2026-11-01至2026-11-15).
func (s *Survey) Normalize() {
	s.Category, s.Period.Label = NormalizeText(s.Category), NormalizeText(s.Period.Label)
	var qs []SurveyQuestion // a new slice: a form may still hold the old rows
	for _, q := range s.Questions {
		q.Text = NormalizeText(q.Text)
		if q.Text != "" || q.Total() != 0 {
			qs = append(qs, q)
		}
	}
	s.Questions = qs
	if s.Period.Label == "" && !s.Period.From.IsZero() && !s.Period.To.IsZero() {
		s.Period.Label = periodLabel(s.Period.From, s.Period.To)
	}
}

// periodLabel names a span of days as the month, quarter or year it is, else as a range.
func periodLabel(from, to Date) string {
	y := from.Year
	candidates := []Period{MonthPeriod(y, from.Month), QuarterPeriod(y, (int(from.Month)+2)/3), YearPeriod(y)}
	for _, p := range candidates {
		if p.From == from && p.To == to {
			return p.Label
		}
	}
	return from.String() + "至" + to.String()
}

// ValidateSurvey checks a normalised survey; a question's problems are reported as "问题N".
func ValidateSurvey(s *Survey) FieldErrors {
	var fe FieldErrors
	switch p := s.Period; {
	case p.From.IsZero() || p.To.IsZero():
		fe.add(FSurveyPeriod, "请填写调查期间的开始和结束日期")
	case p.To.Before(p.From):
		fe.add(FSurveyPeriod, fmt.Sprintf("期间的结束日期（%s）不能早于开始日期（%s）", p.To, p.From))
	default:
		checkText(&fe, FSurveyPeriod, p.Label, 50, false)
	}
	checkCategory(&fe, FSurveyCategory, s.Category, true)
	if len(s.Questions) == 0 {
		fe.add(FQuestion, "请至少列出一个调查问题")
	}
	seen := map[string]bool{}
	for i, q := range s.Questions {
		field := fmt.Sprintf("%s%d", FQuestion, i+1)
		checkText(&fe, field, q.Text, 50, true)
		if q.Text != "" && seen[q.Text] {
			fe.add(field, fmt.Sprintf("问题「%s」重复了，请删去重复的一行", q.Text))
		}
		seen[q.Text] = true
		for a, c := range q.Counts {
			if c < 0 || c > 1000000 {
				fe.add(field, fmt.Sprintf("「%s」的“%s”人数应在0到1000000之间", q.Text, SurveyAnswers[a]))
			}
		}
	}
	return fe
}

// SurveyFilter narrows a surveys list. Zero fields do not filter.
type SurveyFilter struct {
	From, To Date // surveys whose period overlaps [From, To]
	Category string
}

// SurveyStore keeps the satisfaction surveys with their questions.
type SurveyStore interface {
	// Surveys lists surveys (with their questions, in order) by period start, newest first.
	Surveys(ctx context.Context, f SurveyFilter) ([]Survey, error)
	Survey(ctx context.Context, id int64) (Survey, error)
	// SaveSurvey creates (ID 0) or updates a survey with its questions in one transaction, after
	// Normalize and ValidateSurvey.
	SaveSurvey(ctx context.Context, s *Survey) error
	DeleteSurvey(ctx context.Context, id int64) error
}
