package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

func testDecision() Decision {
	return Decision{Meeting: MeetingCommittee, Date: NewDate(2026, time.March, 5), Topic: "综采一队工资二次分配方案",
		Category: "重大决策", Entitled: 5, Present: 5, For: 5, Resolution: "同意按方案执行", State: DecisionDecided}
}

func TestValidateDecision(t *testing.T) {
	today := NewDate(2026, time.March, 31)
	cases := []struct {
		name   string
		change func(d *Decision)
		field  string // "" = valid
		msg    string
	}{
		{"valid", func(*Decision) {}, "", ""},
		{"no meeting", func(d *Decision) { d.Meeting = "" }, FDecisionMeeting, "请选择会议"},
		{"unknown meeting", func(d *Decision) { d.Meeting = "班组会" }, FDecisionMeeting, "会议「班组会」无法识别"},
		{"no date", func(d *Decision) { d.Date = Date{} }, FDecisionDate, "请填写会议日期"},
		{"future date", func(d *Decision) { d.Date = NewDate(2026, time.April, 1) }, FDecisionDate, "不能晚于今天"},
		{"no topic", func(d *Decision) { d.Topic = "" }, FDecisionTopic, "请填写议题"},
		{"no category", func(d *Decision) { d.Category = "" }, FDecisionCategory, "请选择事项类别"},
		{"negative amount", func(d *Decision) { d.Amount = -1 }, FDecisionAmount, "不能为负数"},
		{"fractions of a fen", func(d *Decision) { d.Amount = 1.005 }, FDecisionAmount, "两位小数"},
		{"no 应到", func(d *Decision) { d.Entitled = 0 }, FDecisionEntitled, "请填写应到人数"},
		{"实到 above 应到", func(d *Decision) { d.Present = 6 }, FDecisionPresent, "实到6人，不能多于应到5人"},
		{"votes above 实到", func(d *Decision) { d.Present, d.For, d.Against = 4, 4, 1 }, FDecisionVotes, "共5票，不能多于实到4人"},
		{"negative votes", func(d *Decision) { d.Abstain = -1 }, FDecisionAbstain, "不能为负数"},
		{"no resolution", func(d *Decision) { d.Resolution = "" }, FDecisionResolution, "请填写决定事项"},
		{"不公开 without reason", func(d *Decision) { d.Publicity = PublicityNone }, FDecisionReason, "请填写不公开原因"},
		{"unknown publicity", func(d *Decision) { d.Publicity = "张贴" }, FDecisionPublicity, "无法识别"},
		{"deadline before date", func(d *Decision) { d.Deadline = NewDate(2026, time.March, 1) }, FDecisionDeadline, "不能早于会议日期"},
		{"执行中 without executor", func(d *Decision) { d.State = DecisionExecuting }, FDecisionExecutor, "请选择执行责任人"},
		{"执行中 with executor", func(d *Decision) { d.State, d.ExecutorID = DecisionExecuting, 3 }, "", ""},
		{"unknown state", func(d *Decision) { d.State = "搁置" }, FDecisionState, "无法识别"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := testDecision()
			c.change(&d)
			d.Normalize()
			fe := ValidateDecision(&d, today)
			if c.field == "" {
				if fe != nil {
					t.Fatalf("errors %v", fe)
				}
				return
			}
			for _, e := range fe {
				if e.Field == c.field && strings.Contains(e.Message, c.msg) {
					return
				}
			}
			t.Errorf("want %s: %q, got %v", c.field, c.msg, fe)
		})
	}
}

func TestDecisionNormalize(t *testing.T) {
	d := Decision{Publicity: "公示", Reason: "涉及个人隐私"}
	d.Normalize()
	if d.State != DecisionDecided || d.Reason != "" {
		t.Errorf("state %q, reason %q", d.State, d.Reason)
	}
}

func TestQuorumAndMajority(t *testing.T) {
	cases := []struct {
		entitled, present, votesFor int
		quorum, majority            bool
	}{
		{9, 6, 4, true, true},    // exactly two thirds; 4 of 6 is more than half
		{9, 5, 5, false, true},   // 5 of 9 is short of two thirds
		{7, 5, 3, true, true},    // 15 ≥ 14
		{7, 4, 3, false, true},   // 12 < 14
		{6, 6, 3, true, false},   // half is not more than half
		{5, 5, 0, true, false},   // no votes for
		{3, 2, 2, true, true},    // 2 of 3
		{1, 1, 1, true, true},    // a single voter
		{10, 0, 0, false, false}, // nobody came
	}
	r := DefaultDecisionRules()
	for _, c := range cases {
		if got := r.QuorumMet(c.entitled, c.present); got != c.quorum {
			t.Errorf("QuorumMet(%d, %d) = %v", c.entitled, c.present, got)
		}
		if got := r.MajorityMet(c.present, c.votesFor); got != c.majority {
			t.Errorf("MajorityMet(%d, %d) = %v", c.present, c.votesFor, got)
		}
	}
	// Stricter settings: a quorum of four fifths, a two-thirds majority.
	strict := DecisionRules{LargeFund: DefaultLargeFund, Quorum: Share{4, 5}, Majority: Share{2, 3}}
	for _, c := range []struct {
		entitled, present, votesFor int
		quorum, majority            bool
	}{
		{10, 8, 6, true, true},  // 8 of 10 is four fifths; 6 of 8 is more than two thirds
		{10, 7, 7, false, true}, // 7 of 10 is short of four fifths
		{9, 9, 6, true, false},  // 6 of 9 is two thirds, not more
	} {
		if got := strict.QuorumMet(c.entitled, c.present); got != c.quorum {
			t.Errorf("4/5: QuorumMet(%d, %d) = %v", c.entitled, c.present, got)
		}
		if got := strict.MajorityMet(c.present, c.votesFor); got != c.majority {
			t.Errorf("2/3: MajorityMet(%d, %d) = %v", c.present, c.votesFor, got)
		}
	}
	if got := (Share{4, 5}).Text() + (Share{1, 2}).Text() + (Share{2, 3}).Text(); got != "五分之四半数三分之二" {
		t.Errorf("share texts %q", got)
	}
}

func TestDecisionFlags(t *testing.T) {
	line := DefaultDecisionRules()
	cases := []struct {
		name   string
		change func(d *Decision)
		want   []string // rules
		text   string   // one flag's text, when set
	}{
		{"kept", func(*Decision) {}, nil, ""},
		{"below quorum", func(d *Decision) { d.Entitled, d.Present, d.For = 9, 5, 5 }, []string{FlagQuorum}, "实到5人，不足应到9人的三分之二"},
		{"no majority", func(d *Decision) { d.For, d.Against = 2, 3 }, []string{FlagMajority}, "同意2票，未超过实到5人的半数"},
		{"half is no majority", func(d *Decision) { d.Entitled, d.Present, d.For, d.Against = 6, 6, 3, 3 }, []string{FlagMajority}, ""},
		{"large fund as another category", func(d *Decision) { d.Amount = 80000 }, []string{FlagLargeFund}, "事项类别应为“大额资金使用”"},
		{"large fund below quorum", func(d *Decision) {
			d.Amount, d.Category, d.Entitled, d.Present, d.For = 80000, DecisionLargeFund, 9, 5, 5
		},
			[]string{FlagQuorum, FlagLargeFund}, "未经集体研究决策"},
		{"large fund decided properly", func(d *Decision) { d.Amount, d.Category = 80000, DecisionLargeFund }, nil, ""},
		{"at the line is not above it", func(d *Decision) { d.Amount = 50000 }, nil, ""},
		{"small amount, any category", func(d *Decision) { d.Amount = 3000 }, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := testDecision()
			c.change(&d)
			flags := d.Flags(line)
			var rules []string
			for _, f := range flags {
				rules = append(rules, f.Rule)
				if c.text != "" && !strings.Contains(FlagsText(flags, true), c.text) {
					t.Errorf("texts %q, want %q", FlagsText(flags, true), c.text)
				}
			}
			if strings.Join(rules, ",") != strings.Join(c.want, ",") {
				t.Errorf("flags %v, want %v", rules, c.want)
			}
		})
	}
	d := testDecision()
	d.Amount = 60000
	if flags := d.Flags(DecisionRules{LargeFund: 100000, Quorum: line.Quorum, Majority: line.Majority}); len(flags) != 0 {
		t.Errorf("a higher line still flags: %v", flags)
	}
}

func TestDecisionOverdue(t *testing.T) {
	deadline := NewDate(2026, time.March, 20)
	monthEnd := NewDate(2026, time.March, 31)
	cases := []struct {
		name     string
		deadline Date
		state    string
		today    Date
		overdue  int
		due      bool
	}{
		{"no deadline", Date{}, DecisionExecuting, NewDate(2026, time.March, 25), 0, false},
		{"due later this month", deadline, DecisionExecuting, NewDate(2026, time.March, 10), 0, true},
		{"due today", deadline, DecisionDecided, deadline, 0, true},
		{"a day late", deadline, DecisionExecuting, NewDate(2026, time.March, 21), 1, false},
		{"done is never late", deadline, DecisionDone, NewDate(2026, time.March, 25), 0, false},
		{"due next month", NewDate(2026, time.April, 2), DecisionExecuting, NewDate(2026, time.March, 10), 0, false},
	}
	for _, c := range cases {
		d := Decision{Deadline: c.deadline, State: c.state}
		if got := d.OverdueDays(c.today); got != c.overdue {
			t.Errorf("%s: overdue %d, want %d", c.name, got, c.overdue)
		}
		if got := d.DueBy(c.today, monthEnd); got != c.due {
			t.Errorf("%s: due %v, want %v", c.name, got, c.due)
		}
	}
}

func TestDecisionActivityFits(t *testing.T) {
	day := NewDate(2026, time.March, 5)
	committee := Activity{Date: day, Kinds: []string{KindCommittee, KindFirstTopic}}
	general := Activity{Date: day, Kinds: []string{KindGeneral}}
	cases := []struct {
		meeting string
		a       Activity
		want    string
	}{
		{MeetingCommittee, committee, ""},
		{MeetingCommittee, general, "所选会议记录不是支部委员会（类别：支部党员大会）"},
		{MeetingGeneral, general, ""},
		{MeetingJoint, general, ""}, // a 党政联席会 has no kind of its own
		{MeetingCommittee, Activity{Date: day.AddDays(1), Kinds: []string{KindCommittee}}, "与决策日期2026-03-05不一致"},
	}
	for _, c := range cases {
		d := Decision{Meeting: c.meeting, Date: day}
		if got := DecisionActivityFits(&d, &c.a); !strings.Contains(got, c.want) || (c.want == "") != (got == "") {
			t.Errorf("%s with %v: %q, want %q", c.meeting, c.a.Kinds, got, c.want)
		}
	}
}

func TestValidateDecisionRules(t *testing.T) {
	for v, ok := range map[float64]bool{50000: true, 0.5: true, 0: false, -1: false, 2e12: false} {
		r := DefaultDecisionRules()
		r.LargeFund = v
		if got := ValidateDecisionRules(r) == nil; got != ok {
			t.Errorf("ValidateDecisionRules(大额资金 %v) ok = %v", v, got)
		}
	}
	r := DefaultDecisionRules()
	r.Quorum, r.Majority = Share{5, 3}, Share{0, 0}
	fe := ValidateDecisionRules(r)
	if fe.For(FQuorum) == "" || fe.For(FMajority) == "" || fe.For(FLargeFund) != "" {
		t.Errorf("shares not offered: %v", fe)
	}
}

func TestDecisionTodos(t *testing.T) {
	today := NewDate(2026, time.March, 15)
	st := decisionsOnly{ds: []Decision{
		{Deadline: NewDate(2026, time.March, 1), State: DecisionExecuting},  // overdue
		{Deadline: NewDate(2026, time.March, 10), State: DecisionDone},      // done
		{Deadline: NewDate(2026, time.March, 31), State: DecisionDecided},   // due this month
		{Deadline: NewDate(2026, time.April, 30), State: DecisionExecuting}, // later
		{State: DecisionDecided}, // no deadline
	}}
	got, err := decisionTodos(context.Background(), st, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Count != 1 || !got[0].Overdue || got[0].View != ViewOverdue || got[1].Count != 1 || got[1].View != ViewDue ||
		got[0].Text() != "逾期未完成的决策事项：1" || got[1].What != "本月到期待执行的决策事项" {
		t.Errorf("todos %+v", got)
	}
}

// decisionsOnly is a Store that holds only decisions.
type decisionsOnly struct {
	Store
	ds []Decision
}

func (s decisionsOnly) Decisions(context.Context, DecisionFilter) ([]Decision, error) {
	return s.ds, nil
}

func TestA1DecisionRule(t *testing.T) {
	cases := []struct {
		name    string
		ev      A1DecisionEvidence
		deduct  float64
		done    string
		tallies int
	}{
		{"nothing recorded", A1DecisionEvidence{}, 0, "当月未记录“三重一大”决策事项（不扣分）；当月到期执行事项0项，已完成0项；逾期未完成0项", 0},
		{"all kept", A1DecisionEvidence{Recorded: 3, DueInMonth: 2, DoneDue: 2}, 0, "当月决策事项3项，均符合集体决策规定；当月到期执行事项2项，已完成2项；逾期未完成0项", 0},
		{"flagged and overdue", A1DecisionEvidence{Recorded: 4, Flagged: 2, ByRule: [3]int{1, 0, 2}, Overdue: 3},
			13, "当月决策事项4项，其中不符合规定2项（不足法定人数1项、大额资金未按规定决策2项）；当月到期执行事项0项，已完成0项；逾期未完成3项", 2},
		{"none recorded but overdue", A1DecisionEvidence{Overdue: 1}, 1, "当月未记录“三重一大”决策事项（不扣分）；当月到期执行事项0项，已完成0项；逾期未完成1项", 1},
	}
	for _, c := range cases {
		tallies, done := A1DecisionRule(c.ev)
		var sum float64
		for _, tl := range tallies {
			sum += float64(tl.Count) * tl.Per
		}
		if done != c.done || sum != c.deduct || len(tallies) != c.tallies {
			t.Errorf("%s: %q, %v deducted in %d tallies", c.name, done, sum, len(tallies))
		}
	}
	if _, _, ok := A1Rule(AutoDecision, A1Evidence{}); !ok {
		t.Error("A1Rule does not know AutoDecision")
	}
}

func TestCountDecisions(t *testing.T) {
	p := MonthPeriod(2026, time.March)
	asOf := NewDate(2026, time.March, 31)
	ok := testDecision()
	flagged := testDecision()
	flagged.Entitled, flagged.Present, flagged.For = 9, 5, 5
	lastMonth := testDecision()
	lastMonth.Date = NewDate(2026, time.February, 10)
	lastMonth.Deadline, lastMonth.State, lastMonth.ExecutorID = NewDate(2026, time.February, 28), DecisionExecuting, 1
	dueDone := testDecision()
	dueDone.Deadline, dueDone.State = NewDate(2026, time.March, 20), DecisionDone
	ev := CountDecisions([]Decision{ok, flagged, lastMonth, dueDone}, p, asOf, DefaultDecisionRules())
	if ev.Recorded != 3 || ev.Flagged != 1 || ev.ByRule != [3]int{1, 0, 0} || ev.Overdue != 1 || ev.DueInMonth != 1 || ev.DoneDue != 1 {
		t.Errorf("evidence %+v", ev)
	}
}
