package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds 谈心谈话 (SPEC §12.1): the talks, the editable rules of who must be talked with
// how often, and TalksOwed, which says who is still owed a talk.

// Talk kinds (类型).
var TalkKinds = []string{"谈心谈话", "提醒谈话", "任前谈话", "思想疏导"}

// Talk is one talk: a member (谈话人) with a member or a worker (谈话对象).
type Talk struct {
	ID       int64
	BranchID int64

	Date        Date   // 日期*
	TalkerID    int64  // 谈话人*: a member
	Talker      string // the talker's name, filled by the store when read
	SubjectID   int64  // 谈话对象 when a member (0 for a worker)
	Subject     string // 谈话对象*: the member's name (filled by the store) or the worker's
	SubjectTeam string // 班组 of a worker (not for a member)
	Kind        string // 类型: one of TalkKinds (谈心谈话 when empty)
	Place       string // 地点
	Content     string // 主要内容*
	Issues      string // 对象反映的问题
	Recorder    string // 记录人

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Talk field labels (the R16 header and the form).
const (
	FTalkDate     = "日期"
	FTalker       = "谈话人"
	FTalkSubject  = "谈话对象"
	FTalkTeam     = "对象班组"
	FTalkKind     = "类型"
	FTalkPlace    = "地点"
	FTalkContent  = "主要内容"
	FTalkIssues   = "反映问题"
	FTalkRecorder = "记录人"
)

// Normalize cleans the texts and fills the kind; a member subject has no team of its own.
func (t *Talk) Normalize() {
	t.Subject, t.Recorder = NormalizeName(t.Subject), NormalizeName(t.Recorder)
	t.SubjectTeam, t.Kind, t.Place = NormalizeText(t.SubjectTeam), NormalizeText(t.Kind), NormalizeText(t.Place)
	t.Content, t.Issues = strings.TrimSpace(t.Content), strings.TrimSpace(t.Issues)
	if t.Kind == "" {
		t.Kind = TalkKinds[0]
	}
	if t.SubjectID != 0 {
		t.SubjectTeam = ""
	}
}

// ValidateTalk checks a normalised talk; today bounds the date. Whether the members are of the
// branch is checked by the store.
func ValidateTalk(t *Talk, today Date) FieldErrors {
	var fe FieldErrors
	checkPastDate(&fe, FTalkDate, t.Date, today, "请填写谈话日期")
	if t.TalkerID == 0 {
		fe.add(FTalker, "请选择谈话人（本支部党员）")
	}
	switch {
	case t.SubjectID == 0 && t.Subject == "":
		fe.add(FTalkSubject, "请填写谈话对象：选择党员，或填写职工姓名")
	case t.SubjectID != 0 && t.SubjectID == t.TalkerID:
		fe.add(FTalkSubject, "谈话对象不能是谈话人本人")
	default:
		checkText(&fe, FTalkSubject, t.Subject, 20, false)
	}
	checkText(&fe, FTalkTeam, t.SubjectTeam, 30, false)
	if !slices.Contains(TalkKinds, t.Kind) {
		fe.add(FTalkKind, fmt.Sprintf("类型「%s」无法识别，应为：%s", t.Kind, strings.Join(TalkKinds, "、")))
	}
	checkText(&fe, FTalkPlace, t.Place, 50, false)
	checkText(&fe, FTalkContent, t.Content, 2000, true)
	checkText(&fe, FTalkIssues, t.Issues, 2000, false)
	checkText(&fe, FTalkRecorder, t.Recorder, 20, false)
	return fe
}

// TalkLabel names a talk in the log and the recycle bin: 2026-03-05 张三与李四谈话.
func TalkLabel(t *Talk) string {
	return t.Date.String() + " " + t.Talker + "与" + t.Subject + "谈话"
}

// Rules of 谈心谈话 (TalkRule.Rule).
const (
	TalkRuleSecretary = "书记与支委谈话"  // the secretary with every other committee member
	TalkRuleCommittee = "支委与党员谈话"  // a committee member with every other member
	TalkRuleKeyPost   = "重点岗位党员谈话" // anyone with every member on a key post
)

// Periods a talk rule counts over.
const (
	TalkPerMonth   = "月"
	TalkPerQuarter = "季度"
	TalkPerHalf    = "半年"
	TalkPerYear    = "年"
)

// TalkPers in the order selects show them.
var TalkPers = []string{TalkPerMonth, TalkPerQuarter, TalkPerHalf, TalkPerYear}

// TalkRule says that a kind of talk is owed at least AtLeast times per period (0: the rule is off).
type TalkRule struct {
	Rule    string // one of the TalkRule… constants
	Per     string // one of TalkPers
	AtLeast int
}

// DefaultTalkRules are those of SPEC §12.1: committee coverage once a year, key posts once a
// quarter.
var DefaultTalkRules = []TalkRule{
	{TalkRuleSecretary, TalkPerYear, 1},
	{TalkRuleCommittee, TalkPerYear, 1},
	{TalkRuleKeyPost, TalkPerQuarter, 1},
}

// Talk rule field labels.
const (
	FTalkRulePer     = "周期"
	FTalkRuleAtLeast = "至少次数"
)

// ValidateTalkRules checks the rules: each of the three once, a known period, a count 0–99.
func ValidateTalkRules(rules []TalkRule) FieldErrors {
	var fe FieldErrors
	seen := map[string]bool{}
	for i, r := range rules {
		if !slices.ContainsFunc(DefaultTalkRules, func(d TalkRule) bool { return d.Rule == r.Rule }) || seen[r.Rule] {
			fe.addRow(RowMember, i, FTalkRule, fmt.Sprintf("规则「%s」无法识别或重复", r.Rule))
		}
		seen[r.Rule] = true
		if !slices.Contains(TalkPers, r.Per) {
			fe.addRow(RowMember, i, FTalkRulePer, "周期应为："+strings.Join(TalkPers, "、"))
		}
		if r.AtLeast < 0 || r.AtLeast > 99 {
			fe.addRow(RowMember, i, FTalkRuleAtLeast, "至少次数应在0到99之间（0为不检查）")
		}
	}
	return fe
}

// FTalkRule is the label of a rule's name.
const FTalkRule = "谈话规则"

// TalkPeriodOf is the period of kind per (TalkPers) holding d.
func TalkPeriodOf(per string, d Date) Period {
	switch per {
	case TalkPerMonth:
		return MonthPeriod(d.Year, d.Month)
	case TalkPerHalf:
		if d.Month <= time.June {
			return Period{Date{d.Year, time.January, 1}, Date{d.Year, time.June, 30}, fmt.Sprintf("%d年上半年", d.Year)}
		}
		return Period{Date{d.Year, time.July, 1}, Date{d.Year, time.December, 31}, fmt.Sprintf("%d年下半年", d.Year)}
	case TalkPerYear:
		return YearPeriod(d.Year)
	}
	return QuarterPeriod(d.Year, (int(d.Month)+2)/3)
}

// Committee roles: the secretary and the other committee members (支委), by 党内职务.
var committeeRoles = []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员"}

const secretaryRole = "书记"

// OwedTalk is one member still owed a talk under a rule in a period.
type OwedTalk struct {
	Rule     string // the TalkRule… constant
	Period   Period // the rule's period (up to AsOf when it is not over)
	AsOf     Date   // the day the count was made: the period's end or today, whichever is first
	TalkerID int64  // who must talk (0: any committee member, or anyone for a key post)
	Talker   string
	MemberID int64 // who is owed the talk
	Member   string
	KeyPost  string
	Held     int // talks held so far
	Need     int // talks the rule asks for
}

// OnRoll is whether m was on the branch's roll on day d: joined by then (a member without a join
// date counts) and not left before it.
func OnRoll(m *Member, d Date) bool {
	if !m.JoinDate.IsZero() && m.JoinDate.After(d) {
		return false
	}
	return m.RollStatus == RollIn || m.RollStatus == "" || m.RollDate.After(d)
}

// TalksOwed lists who is still owed a talk under rules in period p, counted as of p's end or
// today, whichever is first (nothing when p has not begun). A rule over a shorter period than p
// is checked in each of its periods that has begun (a quarterly rule in a year: each quarter so
// far); a rule over a longer one in the period holding that day (a yearly rule in a quarter: the
// year so far). Members count when on the roll on the last day counted, so a member who joined
// in the period is owed a talk by its end, and one who left is not. Roles and key posts are the
// members' current ones. The list is by rule, period, then members in the order given.
func TalksOwed(rules []TalkRule, members []Member, talks []Talk, p Period, today Date) []OwedTalk {
	asOf := p.To
	if today.Before(asOf) {
		asOf = today
	}
	if asOf.Before(p.From) {
		return nil
	}
	var out []OwedTalk
	for _, r := range rules {
		if r.AtLeast <= 0 {
			continue
		}
		for u := TalkPeriodOf(r.Per, p.From); !u.From.After(asOf); u = TalkPeriodOf(r.Per, u.To.AddDays(1)) {
			end := u.To
			if asOf.Before(end) {
				end = asOf
			}
			out = append(out, owedInPeriod(r, members, talks, u, end)...)
		}
	}
	return out
}

// owedInPeriod applies rule r to the talks in u up to end.
func owedInPeriod(r TalkRule, members []Member, talks []Talk, u Period, end Date) []OwedTalk {
	var roll []*Member
	committee := map[int64]bool{}
	for i := range members {
		m := &members[i]
		if OnRoll(m, end) {
			roll = append(roll, m)
			if slices.Contains(committeeRoles, m.PartyRole) {
				committee[m.ID] = true
			}
		}
	}
	// The period's talks by subject: a roll of thousands would otherwise scan every talk per member.
	bySubject := map[int64][]*Talk{}
	for i := range talks {
		if t := &talks[i]; !t.Date.Before(u.From) && !t.Date.After(end) {
			bySubject[t.SubjectID] = append(bySubject[t.SubjectID], t)
		}
	}
	held := func(talker int64, subject int64) int {
		n := 0
		for _, t := range bySubject[subject] {
			if talker == 0 || t.TalkerID == talker || (talker < 0 && committee[t.TalkerID]) {
				n++
			}
		}
		return n
	}
	var out []OwedTalk
	owe := func(talker *Member, m *Member, n int) {
		if n >= r.AtLeast {
			return
		}
		o := OwedTalk{Rule: r.Rule, Period: u, AsOf: end, MemberID: m.ID, Member: m.Name, KeyPost: m.KeyPost, Held: n, Need: r.AtLeast}
		if talker != nil {
			o.TalkerID, o.Talker = talker.ID, talker.Name
		}
		out = append(out, o)
	}
	switch r.Rule {
	case TalkRuleSecretary:
		for _, sec := range roll {
			if sec.PartyRole != secretaryRole {
				continue
			}
			for _, m := range roll {
				if committee[m.ID] && m.ID != sec.ID && m.PartyRole != secretaryRole {
					owe(sec, m, held(sec.ID, m.ID))
				}
			}
		}
	case TalkRuleCommittee:
		for _, m := range roll {
			if !committee[m.ID] {
				owe(nil, m, held(-1, m.ID))
			}
		}
	case TalkRuleKeyPost:
		for _, m := range roll {
			if m.KeyPost != "" {
				owe(nil, m, held(0, m.ID))
			}
		}
	}
	return out
}

// TalkFilter narrows a talks list. Zero fields do not filter.
type TalkFilter struct {
	From, To Date  // 日期 within [From, To]
	MemberID int64 // talks the member took part in, as talker or subject
}

// TalkStore keeps the talks and their rules.
type TalkStore interface {
	// Talks lists talks by date then id, with the members' names.
	Talks(ctx context.Context, f TalkFilter) ([]Talk, error)
	Talk(ctx context.Context, id int64) (Talk, error)
	// SaveTalk creates (ID 0) or updates a talk after Normalize and ValidateTalk; the talker and a
	// member subject must be members of the branch (FieldErrors).
	SaveTalk(ctx context.Context, t *Talk) error
	DeleteTalk(ctx context.Context, id int64) error
	// TalkRules are the branch's rules, DefaultTalkRules until changed, in DefaultTalkRules order.
	TalkRules(ctx context.Context) ([]TalkRule, error)
	// SetTalkRules replaces the rules after ValidateTalkRules.
	SetTalkRules(ctx context.Context, rules []TalkRule) error
}
