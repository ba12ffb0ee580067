package data

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"
)

// Finding (问题) is one problem found, whatever found it (SPEC §3): an inspection, a welfare check,
// or typed by hand. It is followed until it is closed out (销号).
type Finding struct {
	ID       int64
	BranchID int64

	Source       string // 来源: one of FindingSources
	InspectionID int64  // the inspection that found it (Source 督查), 0 = none
	CheckID      int64  // the welfare check that found it (Source 两堂一舍检查), 0 = none
	EmergencyID  int64  // the emergency record it was raised from (Source 应急防控), 0 = none
	TeamID       int64  // the team it concerns (for statistics by team), 0 = none

	FoundDate   Date   // 发现日期*
	Category    string // 问题类别*: one of the configured categories (DefaultFindingCategories)
	Level       string // 等级: one of the configured levels (DefaultFindingLevels), "" = 一般
	Description string // 问题描述*
	MemberID    int64  // 涉及党员 (optional)
	Responsible string // 责任人*
	Measures    string // 整改措施
	Deadline    Date   // 整改期限*
	Progress    string // 整改情况 (required to close)
	Acceptor    string // 验收人 (required to close)
	ClosedDate  Date   // 销号日期 (required to close, ≥ 发现日期)
	State       string // 状态: one of FindingStates; changed only through the close-out flow

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Finding field labels.
const (
	FFoundDate   = "发现日期"
	FCategoryF   = "问题类别"
	FLevel       = "等级"
	FDescription = "问题描述"
	FMember      = "涉及党员"
	FResponsible = "责任人"
	FMeasures    = "整改措施"
	FDeadline    = "整改期限"
	FProgress    = "整改情况"
	FAcceptor    = "验收人"
	FClosedDate  = "销号日期"
	FState       = "状态"
	FReason      = "原因"
)

// Sources of findings.
const (
	SourceInspection = "督查"
	SourceWelfare    = "两堂一舍检查"
	SourceOther      = "其他"
)

// States of the close-out flow: 待整改 → 整改中 → 待验收 → 已销号.
const (
	StatePending = "待整改"
	StateFixing  = "整改中"
	StateReview  = "待验收"
	StateClosed  = "已销号"
)

var (
	FindingSources = []string{SourceInspection, SourceWelfare, SourceOther, SourceEmergency}
	FindingStates  = []string{StatePending, StateFixing, StateReview, StateClosed}

	DefaultFindingCategories = []string{"围绕中心不紧", "发挥作用不强", "安全生产不实", "问题整改不力", "作风纪律", "食品卫生", "设施设备", "环境卫生", "其他"}
	DefaultFindingLevels     = []string{"一般", "较大", "重大"}
)

// Names of the configurable option lists (OptionStore).
const (
	ListFindingCategories = "问题类别"
	ListFindingLevels     = "问题等级"
)

// Transition is one allowed move of the close-out flow.
type Transition struct {
	From, To    string
	Action      string // the button's text
	NeedsReason bool   // going back needs a reason, kept in the history
}

// Transitions are every allowed move; any other is refused. Forward one step at a time; a check
// that fails sends the finding back to 整改中; a closed finding can be reopened (重新打开).
var Transitions = []Transition{
	{StatePending, StateFixing, "开始整改", false},
	{StateFixing, StateReview, "提请验收", false},
	{StateReview, StateClosed, "验收销号", false},
	{StateReview, StateFixing, "验收不通过", true},
	{StateClosed, StateFixing, "重新打开", true},
}

// NextStates lists the moves allowed from a state, in the order buttons show them.
func NextStates(from string) []Transition {
	var out []Transition
	for _, t := range Transitions {
		if t.From == from {
			out = append(out, t)
		}
	}
	return out
}

// CloseOut is what closing a finding (已销号) requires.
type CloseOut struct {
	Progress   string // 整改情况
	Acceptor   string // 验收人
	ClosedDate Date   // 销号日期
}

// ApplyTransition checks moving f to state `to` on day today, with a reason where one is needed and
// the close-out details when closing, and applies it to f. On a refusal f is unchanged and the
// error says why in Chinese (*Error for a move the flow forbids, FieldErrors for missing details).
func ApplyTransition(f *Finding, to, reason string, co *CloseOut, today Date) error {
	var tr *Transition
	for i := range Transitions {
		if Transitions[i].From == f.State && Transitions[i].To == to {
			tr = &Transitions[i]
		}
	}
	if tr == nil {
		return Errorf(EInvalid, fmt.Sprintf("问题当前为“%s”，不能直接改为“%s”：%s", f.State, to, flowHint(f.State)))
	}
	reason = NormalizeText(reason)
	if tr.NeedsReason && reason == "" {
		return FieldErrors{{Field: FReason, Message: "“" + tr.Action + "”须说明原因"}}
	}
	next := *f
	next.State = to
	if to == StateClosed {
		if co == nil {
			co = &CloseOut{}
		}
		next.Progress, next.Acceptor, next.ClosedDate = NormalizeText(co.Progress), NormalizeName(co.Acceptor), co.ClosedDate
		var fe FieldErrors
		checkCloseOut(&fe, &next, today, "销号前")
		if fe != nil {
			return fe
		}
	}
	if f.State == StateClosed {
		next.ClosedDate = Date{} // reopened: no longer closed; the history keeps the old close-out
	}
	*f = next
	return nil
}

func flowHint(from string) string {
	next := NextStates(from)
	if len(next) == 0 {
		return "请按 待整改 → 整改中 → 待验收 → 已销号 的顺序办理"
	}
	s := "现在可以"
	for i, t := range next {
		if i > 0 {
			s += "或"
		}
		s += "“" + t.Action + "”"
	}
	return s
}

// OverdueDays is how many days past its deadline an open finding is on day today (0: not overdue).
// 逾期 is derived, never stored (SPEC §3).
func (f *Finding) OverdueDays(today Date) int {
	if f.State == StateClosed || f.Deadline.IsZero() || !f.Deadline.Before(today) {
		return 0
	}
	return int(today.Time().Sub(f.Deadline.Time()).Hours() / 24)
}

// DueBy reports whether an open finding is due between today and end, both included, without being
// overdue: 工作台's and 问题整改's 本周到期 (end the week's Sunday) leave the overdue ones to 逾期, so
// the two figures never count one finding twice (issue 10 #20).
func (f *Finding) DueBy(today, end Date) bool {
	return f.State != StateClosed && !f.Deadline.IsZero() && !f.Deadline.Before(today) && !f.Deadline.After(end)
}

// Normalize cleans the text fields and fills defaults (来源 其他, 等级 一般, 状态 待整改).
func (f *Finding) Normalize() {
	f.Category, f.Level = NormalizeText(f.Category), NormalizeText(f.Level)
	f.Description, f.Measures, f.Progress = NormalizeText(f.Description), NormalizeText(f.Measures), NormalizeText(f.Progress)
	f.Responsible, f.Acceptor = NormalizeName(f.Responsible), NormalizeName(f.Acceptor)
	if f.Source == "" {
		f.Source = SourceOther
	}
	if f.Level == "" {
		f.Level = DefaultFindingLevels[0]
	}
	if f.State == "" {
		f.State = StatePending
	}
}

// ValidateFinding checks a normalised finding's own fields (SPEC §3). Whether its category and level
// are in the configured lists is checked by the store.
func ValidateFinding(f *Finding, today Date) FieldErrors {
	var fe FieldErrors
	if !slices.Contains(FindingSources, f.Source) {
		fe.add("来源", fmt.Sprintf("来源「%s」无法识别", f.Source))
	}
	checkPastDate(&fe, FFoundDate, f.FoundDate, today, "请填写发现日期")
	checkText(&fe, FCategoryF, f.Category, 20, true)
	checkText(&fe, FLevel, f.Level, 10, false)
	checkText(&fe, FDescription, f.Description, 500, true)
	checkText(&fe, FResponsible, f.Responsible, 20, true)
	checkText(&fe, FMeasures, f.Measures, 500, false)
	switch {
	case f.Deadline.IsZero():
		fe.add(FDeadline, "请填写整改期限")
	case !f.FoundDate.IsZero() && f.Deadline.Before(f.FoundDate):
		fe.add(FDeadline, fmt.Sprintf("整改期限不能早于发现日期（%s）", f.FoundDate))
	}
	checkText(&fe, FProgress, f.Progress, 500, false)
	checkText(&fe, FAcceptor, f.Acceptor, 20, false)
	switch {
	case !slices.Contains(FindingStates, f.State):
		fe.add(FState, fmt.Sprintf("状态「%s」无法识别", f.State))
	case f.State == StateClosed:
		checkCloseOut(&fe, f, today, "已销号的问题")
	case !f.ClosedDate.IsZero():
		fe.add(FClosedDate, "问题尚未销号，不应填写销号日期")
	}
	if utf8.RuneCountInString(f.Description) > 0 && f.Description == f.Category {
		fe.add(FDescription, "请具体描述发现的问题，不要只写问题类别")
	}
	return fe
}

// StateChange is one entry of a finding's history: every change of state, with its time.
type StateChange struct {
	ID        int64
	FindingID int64
	At        time.Time
	From, To  string // From is "" for the creation
	Reason    string
	// CloseOut is the close-out given on a move to 已销号 (nil otherwise): the history keeps it when
	// the finding is reopened.
	CloseOut *CloseOut
}

// FindingFilter narrows a findings list. Zero fields do not filter.
type FindingFilter struct {
	From, To     Date     // 发现日期 within [From, To]
	States       []string // any of
	Category     string
	TeamID       int64 // -1: findings with no team
	Source       string
	InspectionID int64
	EmergencyID  int64
	Responsible  string
	// OverdueOn, when set, keeps only findings overdue on that day (open and past their deadline).
	OverdueOn Date
	// DueBy, when set, keeps only open findings whose deadline is on or before that day (日清).
	DueBy Date
}

// FindingStore keeps findings and their history.
type FindingStore interface {
	// Findings lists findings by 发现日期 then id.
	Findings(ctx context.Context, f FindingFilter) ([]Finding, error)
	Finding(ctx context.Context, id int64) (Finding, error)
	// CreateFinding saves a new finding (state 待整改 unless given) and records its creation in the
	// history; UpdateFinding edits every field but the state. Both validate (FieldErrors).
	CreateFinding(ctx context.Context, f *Finding) error
	UpdateFinding(ctx context.Context, f *Finding) error
	DeleteFinding(ctx context.Context, id int64) error
	// ChangeState moves a finding along the close-out flow (ApplyTransition) and records the change
	// with its time and reason, in one transaction; a refused move changes nothing.
	ChangeState(ctx context.Context, id int64, to, reason string, co *CloseOut) (Finding, error)
	History(ctx context.Context, findingID int64) ([]StateChange, error)
}

// OptionStore keeps the configurable lists (问题类别, 问题等级, …), each seeded with its defaults.
type OptionStore interface {
	Options(ctx context.Context, list string) ([]string, error)
	SetOptions(ctx context.Context, list string, values []string) error
}

// checkCloseOut adds to fe what a closed finding's close-out lacks (整改情况, 验收人, a 销号日期
// from the day it was found up to today): the same rules when closing and when validating a closed
// one, whose messages begin with when ("销号前", "已销号的问题").
func checkCloseOut(fe *FieldErrors, f *Finding, today Date, when string) {
	if f.Progress == "" {
		fe.add(FProgress, when+"须填写整改情况")
	}
	if f.Acceptor == "" {
		fe.add(FAcceptor, when+"须填写验收人")
	}
	switch {
	case f.ClosedDate.IsZero():
		fe.add(FClosedDate, when+"须填写销号日期")
	case f.ClosedDate.Before(f.FoundDate):
		fe.add(FClosedDate, fmt.Sprintf("销号日期不能早于发现日期（%s）", f.FoundDate))
	case f.ClosedDate.After(today):
		fe.add(FClosedDate, "销号日期不能晚于今天")
	}
}
