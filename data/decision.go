package data

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// This file holds the "三重一大" decisions of SPEC §12.2: the record, its checks (quorum, majority,
// 大额资金), its execution follow-up with overdue, and the lines it gives the 工作台.
//
// Choices where the SPEC is silent:
//   - A decision links to at most one activity of 组织生活 held on its date: a 支部委员会 or
//     支部党员大会 to an activity of that kind; a 党政联席会, which has no activity kind, to any
//     activity of that date the user picks (or none).
//   - The quorum (two thirds of 应到), the majority (more than half of 实到) and the 大额资金 amount
//     are the three settings of DecisionRules, defaults as the SPEC's rules; a branch whose rules
//     say otherwise (e.g. a quorum of four fifths for 人事任免) changes them on the 三重一大 screen.
//   - 逾期 is like a finding's: a 完成期限 before the day counted and not 已完成.

// Meetings that decide (会议).
const (
	MeetingCommittee = KindCommittee // 支部委员会
	MeetingJoint     = "党政联席会"
	MeetingGeneral   = KindGeneral // 支部党员大会
)

// DecisionMeetings in the order selects show them.
var DecisionMeetings = []string{MeetingCommittee, MeetingJoint, MeetingGeneral}

// DecisionLargeFund is the 事项类别 大额资金 must be decided as.
const DecisionLargeFund = "大额资金使用"

// DecisionCategories (事项类别).
var DecisionCategories = []string{"重大决策", "重要人事任免", "重大项目安排", DecisionLargeFund}

// DecisionContentExamples are the seed's examples of 内容, offered as suggestions.
var DecisionContentExamples = []string{"工资分配", "管技人员分工", "安全诚信管理", "专项资金使用", "班队长选聘", "减人提效", "岗位优化组合", "食堂采购"}

// Ways of making a decision public (公开方式); 不公开 needs a reason.
const PublicityNone = "不公开"

var DecisionPublicity = []string{"公示", "会议通报", PublicityNone}

// Decision states (状态).
const (
	DecisionDecided   = "已决策"
	DecisionExecuting = "执行中"
	DecisionDone      = "已完成"
)

var DecisionStates = []string{DecisionDecided, DecisionExecuting, DecisionDone}

// DefaultLargeFund is the 大额资金 amount (元) until the user sets another: the common threshold of
// the group's "三重一大" rules for a branch-level unit.
const DefaultLargeFund = 50000.0

// Decision is one "三重一大" matter decided at a meeting.
type Decision struct {
	ID       int64
	BranchID int64

	Meeting    string // 会议*: one of DecisionMeetings
	ActivityID int64  // the activity of 组织生活 that was this meeting, 0 = none
	Activity   string // its label (ActivityLabel), filled by the store
	Date       Date   // 日期*
	Topic      string // 议题*
	Category   string // 事项类别*: one of DecisionCategories
	Content    string // 内容
	Amount     float64
	Entitled   int // 应到: members entitled to vote
	Present    int // 实到
	For        int // 表决: 同意
	Against    int // 不同意
	Abstain    int // 弃权
	Resolution string
	Publicity  string // 公开方式: one of DecisionPublicity, "" = not said
	Reason     string // why 不公开
	ExecutorID int64  // 执行责任人 (member), 0 = none
	Executor   string // filled by the store
	Deadline   Date   // 完成期限
	Execution  string // 执行情况
	State      string // 状态: one of DecisionStates

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Decision field labels (the R17 header and the form).
const (
	FDecisionMeeting    = "会议"
	FDecisionActivity   = "会议记录"
	FDecisionDate       = "日期"
	FDecisionTopic      = "议题"
	FDecisionCategory   = "事项类别"
	FDecisionContent    = "内容"
	FDecisionAmount     = "金额(元)"
	FDecisionEntitled   = "应到"
	FDecisionPresent    = "实到"
	FDecisionFor        = "同意"
	FDecisionAgainst    = "不同意"
	FDecisionAbstain    = "弃权"
	FDecisionVotes      = "表决结果"
	FDecisionResolution = "决定事项"
	FDecisionPublicity  = "公开方式"
	FDecisionReason     = "不公开原因"
	FDecisionExecutor   = "执行责任人"
	FDecisionDeadline   = "完成期限"
	FDecisionExecution  = "执行情况"
	FDecisionState      = "状态"
	FLargeFund          = "大额资金标准(元)"
	FQuorum             = "法定人数"
	FMajority           = "通过比例"
)

// Normalize cleans the texts and fills the state (已决策) when empty.
func (d *Decision) Normalize() {
	d.Meeting, d.Topic, d.Category = NormalizeText(d.Meeting), NormalizeText(d.Topic), NormalizeText(d.Category)
	d.Publicity, d.Reason, d.State = NormalizeText(d.Publicity), NormalizeText(d.Reason), NormalizeText(d.State)
	d.Content, d.Resolution, d.Execution = strings.TrimSpace(d.Content), strings.TrimSpace(d.Resolution), strings.TrimSpace(d.Execution)
	if d.State == "" {
		d.State = DecisionDecided
	}
	if d.Publicity != PublicityNone {
		d.Reason = ""
	}
}

// ValidateDecision checks a normalised decision; today bounds the date. Whether the executor and
// the activity are of the branch (and the activity fits, DecisionActivityFits) is checked by the
// store.
func ValidateDecision(d *Decision, today Date) FieldErrors {
	var fe FieldErrors
	checkOneOf(&fe, FDecisionMeeting, d.Meeting, DecisionMeetings)
	checkPastDate(&fe, FDecisionDate, d.Date, today, "请填写会议日期")
	checkText(&fe, FDecisionTopic, d.Topic, 200, true)
	checkOneOf(&fe, FDecisionCategory, d.Category, DecisionCategories)
	checkText(&fe, FDecisionContent, d.Content, 2000, false)
	checkYuan(&fe, FDecisionAmount, "金额", d.Amount, 1e12)
	switch {
	case d.Entitled < 1 || d.Entitled > 99999:
		fe.add(FDecisionEntitled, "请填写应到人数（有表决权的人数，1以上）")
	case d.Present < 0:
		fe.add(FDecisionPresent, "实到人数不能为负数")
	case d.Present > d.Entitled:
		fe.add(FDecisionPresent, fmt.Sprintf("实到%d人，不能多于应到%d人", d.Present, d.Entitled))
	}
	for _, v := range []struct {
		field string
		n     int
	}{{FDecisionFor, d.For}, {FDecisionAgainst, d.Against}, {FDecisionAbstain, d.Abstain}} {
		if v.n < 0 {
			fe.add(v.field, v.field+"票数不能为负数")
		}
	}
	if n := d.For + d.Against + d.Abstain; n > d.Present && d.Present >= 0 {
		fe.add(FDecisionVotes, fmt.Sprintf("同意、不同意、弃权共%d票，不能多于实到%d人", n, d.Present))
	}
	checkText(&fe, FDecisionResolution, d.Resolution, 2000, true)
	if d.Publicity != "" && !slices.Contains(DecisionPublicity, d.Publicity) {
		fe.add(FDecisionPublicity, fmt.Sprintf("公开方式「%s」无法识别，应为：%s", d.Publicity, strings.Join(DecisionPublicity, "、")))
	}
	if d.Publicity == PublicityNone {
		checkText(&fe, FDecisionReason, d.Reason, 200, true)
	}
	if !d.Deadline.IsZero() && !d.Date.IsZero() && d.Deadline.Before(d.Date) {
		fe.add(FDecisionDeadline, "完成期限不能早于会议日期")
	}
	checkText(&fe, FDecisionExecution, d.Execution, 2000, false)
	if !slices.Contains(DecisionStates, d.State) {
		fe.add(FDecisionState, fmt.Sprintf("状态「%s」无法识别，应为：%s", d.State, strings.Join(DecisionStates, "、")))
	} else if d.State != DecisionDecided && d.ExecutorID == 0 {
		fe.add(FDecisionExecutor, "状态为“"+d.State+"”时请选择执行责任人")
	}
	return fe
}

// DecisionActivityFits says why activity a cannot be the meeting of d ("" when it can): it must be
// held on d's date and, for a 支部委员会 or 支部党员大会, be of that kind. A 党政联席会 has no activity
// kind of its own, so any activity of that date may be linked.
func DecisionActivityFits(d *Decision, a *Activity) string {
	if a.Date != d.Date {
		return fmt.Sprintf("所选会议记录的日期是%s，与决策日期%s不一致", a.Date, d.Date)
	}
	if d.Meeting != MeetingJoint && !a.HasKind(d.Meeting) {
		return fmt.Sprintf("所选会议记录不是%s（类别：%s）", d.Meeting, a.KindsText())
	}
	return ""
}

// DecisionLabel names a decision in the log and the recycle bin: 2026-03-05 支部委员会「议题」.
func DecisionLabel(d *Decision) string { return d.Date.String() + " " + d.Meeting + quoted(d.Topic) }

// VotesText is 表决结果 as printed: 同意7、不同意0、弃权1.
func (d *Decision) VotesText() string {
	return fmt.Sprintf("同意%d、不同意%d、弃权%d", d.For, d.Against, d.Abstain)
}

// Rules a decision can break (DecisionFlag.Rule).
const (
	FlagQuorum    = "不足法定人数"
	FlagMajority  = "未过半数"
	FlagLargeFund = "大额资金未按规定决策"
)

// DecisionFlag is one rule a decision breaks, with what the record shows.
type DecisionFlag struct {
	Rule string // one of the Flag… constants
	Text string // 实到5人，不足应到9人的三分之二
}

// Share is a fraction of the voters: 2/3.
type Share struct{ Num, Den int }

// Text is the share as the rules write it: 三分之二, 半数.
func (s Share) Text() string {
	if s.Num*2 == s.Den {
		return "半数"
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	if s.Num < 0 || s.Den < 1 || s.Num > 10 || s.Den > 10 {
		return fmt.Sprintf("%d/%d", s.Num, s.Den)
	}
	return digits[s.Den] + "分之" + digits[s.Num]
}

// The shares the settings offer: the quorum (实到 at least this share of 应到) and the majority
// (同意 more than this share of 实到).
var (
	QuorumShares   = []Share{{1, 2}, {2, 3}, {3, 4}, {4, 5}}
	MajorityShares = []Share{{1, 2}, {2, 3}}
)

// DecisionRules are what a decision's flags are judged by (the settings of the 三重一大 screen).
type DecisionRules struct {
	LargeFund float64 // 大额资金标准 (元)
	Quorum    Share   // 法定人数: 实到 at least Quorum of 应到
	Majority  Share   // 通过: 同意 more than Majority of 实到
}

// DefaultDecisionRules are the SPEC's: two thirds, more than half, DefaultLargeFund.
func DefaultDecisionRules() DecisionRules {
	return DecisionRules{LargeFund: DefaultLargeFund, Quorum: Share{2, 3}, Majority: Share{1, 2}}
}

// QuorumMet is whether present of entitled voters make the share a decision needs.
func (r DecisionRules) QuorumMet(entitled, present int) bool {
	return present*r.Quorum.Den >= entitled*r.Quorum.Num
}

// MajorityMet is whether votesFor is more than the share of those present.
func (r DecisionRules) MajorityMet(present, votesFor int) bool {
	return votesFor*r.Majority.Den > present*r.Majority.Num
}

// Flags are the rules d breaks under r: fewer than r.Quorum of 应到 present, 同意 not more than
// r.Majority of 实到, or an amount above r.LargeFund (元) not decided as 大额资金使用 by a meeting
// with its quorum.
func (d *Decision) Flags(r DecisionRules) []DecisionFlag {
	var out []DecisionFlag
	quorum := r.QuorumMet(d.Entitled, d.Present)
	if !quorum {
		out = append(out, DecisionFlag{FlagQuorum, fmt.Sprintf("实到%d人，不足应到%d人的%s", d.Present, d.Entitled, r.Quorum.Text())})
	}
	if !r.MajorityMet(d.Present, d.For) {
		out = append(out, DecisionFlag{FlagMajority, fmt.Sprintf("同意%d票，未超过实到%d人的%s", d.For, d.Present, r.Majority.Text())})
	}
	if largeFund := r.LargeFund; largeFund > 0 && d.Amount > largeFund {
		amount := fmt.Sprintf("金额%s元超过大额资金标准%s元", FormatScore(d.Amount), FormatScore(largeFund))
		switch {
		case d.Category != DecisionLargeFund:
			out = append(out, DecisionFlag{FlagLargeFund, amount + "，事项类别应为“" + DecisionLargeFund + "”"})
		case !slices.Contains(DecisionMeetings, d.Meeting) || !quorum:
			out = append(out, DecisionFlag{FlagLargeFund, amount + "，未经集体研究决策（会议不足法定人数）"})
		}
	}
	return out
}

// HasFlag is whether flags hold rule.
func HasFlag(flags []DecisionFlag, rule string) bool {
	return slices.ContainsFunc(flags, func(f DecisionFlag) bool { return f.Rule == rule })
}

// FlagsText is the flags in one line: 不足法定人数；未过半数.
func FlagsText(flags []DecisionFlag, long bool) string {
	parts := make([]string, len(flags))
	for i, f := range flags {
		parts[i] = f.Rule
		if long {
			parts[i] = f.Rule + "（" + f.Text + "）"
		}
	}
	return strings.Join(parts, "；")
}

// OverdueDays is how many days the execution is past its 完成期限 on asOf (0: not overdue).
func (d *Decision) OverdueDays(asOf Date) int {
	if d.State == DecisionDone || d.Deadline.IsZero() || !d.Deadline.Before(asOf) {
		return 0
	}
	return int(asOf.Time().Sub(d.Deadline.Time()).Hours() / 24)
}

// DueBy is whether the execution is still open, due on or before by and not overdue on today
// (本月到期: by the month's end).
func (d *Decision) DueBy(today, by Date) bool {
	return d.State != DecisionDone && !d.Deadline.IsZero() && !d.Deadline.After(by) && d.OverdueDays(today) == 0
}

// ValidateDecisionRules checks the settings: an amount above 0 and shares the settings offer.
func ValidateDecisionRules(r DecisionRules) FieldErrors {
	var fe FieldErrors
	if v := r.LargeFund; math.IsNaN(v) || v <= 0 || v > 1e12 {
		fe = append(fe, FieldError{Field: FLargeFund, Message: "大额资金标准应为大于0的金额（元），如 50000"})
	}
	if !slices.Contains(QuorumShares, r.Quorum) {
		fe = append(fe, FieldError{Field: FQuorum, Message: "请选择法定人数的比例，如 三分之二"})
	}
	if !slices.Contains(MajorityShares, r.Majority) {
		fe = append(fe, FieldError{Field: FMajority, Message: "请选择通过所需的比例，如 半数"})
	}
	return fe
}

// DecisionFilter narrows a decisions list. Zero fields do not filter.
type DecisionFilter struct {
	From, To Date // 日期 within [From, To]
}

// DecisionStore keeps the "三重一大" decisions and the 大额资金 setting.
type DecisionStore interface {
	// Decisions lists decisions by date then id, with the executor's name and the activity's label.
	Decisions(ctx context.Context, f DecisionFilter) ([]Decision, error)
	Decision(ctx context.Context, id int64) (Decision, error)
	// SaveDecision creates (ID 0) or updates a decision after Normalize and ValidateDecision; the
	// executor must be a member and the activity one of the branch that fits (FieldErrors).
	SaveDecision(ctx context.Context, d *Decision) error
	DeleteDecision(ctx context.Context, id int64) error
	// DecisionRules are the settings the flags are judged by: DefaultDecisionRules until set.
	DecisionRules(ctx context.Context) (DecisionRules, error)
	// SetDecisionRules saves them after ValidateDecisionRules, logged.
	SetDecisionRules(ctx context.Context, r DecisionRules) error
}

// decisionTodos: executions overdue today, and those open and due by the month's end.
func decisionTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	ds, err := st.Decisions(ctx, DecisionFilter{})
	if err != nil {
		return nil, err
	}
	overdue, due := 0, 0
	for i := range ds {
		switch {
		case ds[i].OverdueDays(today) > 0:
			overdue++
		case ds[i].DueBy(today, monthEnd(today)):
			due++
		}
	}
	return []Todo{
		{Entity: EntDecision, View: ViewOverdue, What: "逾期未完成的决策事项", Count: overdue, Overdue: true},
		{Entity: EntDecision, View: ViewDue, What: "本月到期待执行的决策事项", Count: due},
	}, nil
}
