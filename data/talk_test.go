package data

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestExcellentCap(t *testing.T) {
	row := func(grade string) AppraisalRow {
		r := AppraisalRow{MemberID: int64(len(grade)), Grade: grade}
		if grade == AppraisalBasic || grade == AppraisalFailed {
			r.FollowUp = "结对帮扶"
		}
		return r
	}
	appraisal := func(rated, excellent, unrated int) Appraisal {
		a := Appraisal{Year: 2025}
		for i := 0; i < rated+unrated; i++ {
			r := row(AppraisalQualified)
			switch {
			case i < excellent:
				r.Grade = AppraisalExcellent
			case i >= rated:
				r.Grade = ""
			}
			r.MemberID = int64(i + 1)
			a.Rows = append(a.Rows, r)
		}
		return a
	}
	cases := []struct {
		name                      string
		rated, excellent, unrated int
		wantErr                   string
	}{
		{"12 rated, 4 excellent: exactly a third", 12, 4, 0, ""},
		{"12 rated, 5 excellent", 12, 5, 0, "评为优秀的 5 人，超过参评 12 人的三分之一（最多 4 人）"},
		{"13 rated, 4 excellent: a third rounded down", 13, 4, 0, ""},
		{"11 rated, 4 excellent", 11, 4, 0, "评为优秀的 4 人，超过参评 11 人的三分之一（最多 3 人）"},
		{"2 rated, 1 excellent", 2, 1, 0, "最多 0 人"},
		{"3 rated, 1 excellent", 3, 1, 0, ""},
		{"unrated rows do not count: 3 rated of 9, 2 excellent", 3, 2, 6, "超过参评 3 人的三分之一（最多 1 人）"},
		{"nobody rated yet", 0, 0, 5, ""},
	}
	today := NewDate(2026, 1, 20)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := appraisal(c.rated, c.excellent, c.unrated)
			a.Normalize()
			got := ValidateAppraisal(&a, today).For(FAppraisalGrade)
			if c.wantErr == "" && got != "" || c.wantErr != "" && !strings.Contains(got, c.wantErr) {
				t.Errorf("评定等次 error %q, want %q", got, c.wantErr)
			}
		})
	}
}

// validationCase is one edit of a valid record and the FieldError.Label() it must cause ("" =
// still valid).
type validationCase[T any] struct {
	name  string
	edit  func(*T)
	label string
}

// checkValidation runs the cases on copies of valid(), normalised with norm and checked by validate.
func checkValidation[T any](t *testing.T, valid func() T, norm func(*T), validate func(*T) FieldErrors, cases []validationCase[T]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := valid()
			c.edit(&r)
			norm(&r)
			fe := validate(&r)
			if c.label == "" && fe != nil || c.label != "" && fe.ForLabel(c.label) == "" {
				t.Fatalf("want an error at %q (none: valid), got %v", c.label, fe)
			}
		})
	}
}

func TestValidateAppraisal(t *testing.T) {
	today := NewDate(2026, 1, 20)
	valid := func() Appraisal {
		return Appraisal{Year: 2025, Date: NewDate(2026, 1, 10), Rows: []AppraisalRow{
			{MemberID: 1, Name: "张三", Votes: [4]int{3, 9, 0, 0}, Grade: AppraisalQualified},
			{MemberID: 2, Name: "李四", Votes: [4]int{0, 2, 8, 2}, Grade: AppraisalBasic, FollowUp: "支委结对帮扶，每月谈心一次"},
		}}
	}
	checkValidation(t, valid, (*Appraisal).Normalize, func(a *Appraisal) FieldErrors { return ValidateAppraisal(a, today) }, []validationCase[Appraisal]{
		{"valid", func(*Appraisal) {}, ""},
		{"no year", func(a *Appraisal) { a.Year = 0 }, FAppraisalYear},
		{"a future year", func(a *Appraisal) { a.Year = 2027 }, FAppraisalYear},
		{"a future date", func(a *Appraisal) { a.Date = NewDate(2026, 2, 1) }, FAppraisalDate},
		{"no rows", func(a *Appraisal) { a.Rows = nil }, FAppraisalRows},
		{"no member", func(a *Appraisal) { a.Rows[1].MemberID = 0 }, "第2行：" + FAppraisalMember},
		{"a member twice", func(a *Appraisal) { a.Rows[1].MemberID = 1 }, "第2行：" + FAppraisalMember},
		{"negative ballots", func(a *Appraisal) { a.Rows[0].Votes[2] = -1 }, "第1行：基本合格票"},
		{"unknown grade", func(a *Appraisal) { a.Rows[0].Grade = "良好" }, "第1行：" + FAppraisalGrade},
		{"基本合格 without follow-up", func(a *Appraisal) { a.Rows[1].FollowUp = " " }, "第2行：" + FAppraisalFollowUp},
		{"不合格 without follow-up", func(a *Appraisal) { a.Rows[0].Grade = AppraisalFailed }, "第1行：" + FAppraisalFollowUp},
		{"follow-up may stay on 合格", func(a *Appraisal) { a.Rows[0].FollowUp = "继续关注" }, ""},
		{"one excellent of two is above a third", func(a *Appraisal) { a.Rows[0].Grade = AppraisalExcellent }, FAppraisalGrade},
	})
}

func TestValidateTalk(t *testing.T) {
	today := NewDate(2026, 3, 20)
	valid := func() Talk {
		return Talk{Date: NewDate(2026, 3, 5), TalkerID: 1, SubjectID: 2, Content: "了解思想和工作情况"}
	}
	checkValidation(t, valid, (*Talk).Normalize, func(tk *Talk) FieldErrors { return ValidateTalk(tk, today) }, []validationCase[Talk]{
		{"valid member subject", func(*Talk) {}, ""},
		{"valid worker subject", func(t *Talk) { t.SubjectID, t.Subject, t.SubjectTeam = 0, "王 小明", "综采一队" }, ""},
		{"no date", func(t *Talk) { t.Date = Date{} }, FTalkDate},
		{"a future date", func(t *Talk) { t.Date = NewDate(2026, 3, 21) }, FTalkDate},
		{"no talker", func(t *Talk) { t.TalkerID = 0 }, FTalker},
		{"no subject", func(t *Talk) { t.SubjectID = 0 }, FTalkSubject},
		{"talking with oneself", func(t *Talk) { t.SubjectID = 1 }, FTalkSubject},
		{"no content", func(t *Talk) { t.Content = "  " }, FTalkContent},
		{"unknown kind", func(t *Talk) { t.Kind = "闲聊" }, FTalkKind},
	})
	tk := valid()
	if tk.Normalize(); tk.Kind != TalkKinds[0] {
		t.Errorf("kind %q, want the default %s", tk.Kind, TalkKinds[0])
	}
}

// owedKey is one OwedTalk as "rule period member" for comparing.
func owedKeys(os []OwedTalk) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.Rule + " " + o.Period.Label + " " + o.Member
		if o.Talker != "" {
			out[i] += "←" + o.Talker
		}
	}
	return out
}

func TestTalksOwed(t *testing.T) {
	join := NewDate(2010, 7, 1)
	ms := []Member{
		{ID: 1, Name: "书记", PartyRole: "书记", JoinDate: join, RollStatus: RollIn},
		{ID: 2, Name: "组委", PartyRole: "组织委员", JoinDate: join, RollStatus: RollIn},
		{ID: 3, Name: "保管", PartyRole: RoleNone, KeyPost: "保管员", JoinDate: join, RollStatus: RollIn},
		{ID: 4, Name: "新人", PartyRole: RoleNone, KeyPost: "出纳", JoinDate: NewDate(2026, 5, 10), RollStatus: RollIn},
		{ID: 5, Name: "转出", PartyRole: RoleNone, KeyPost: "采购员", JoinDate: join, RollStatus: RollOut, RollDate: NewDate(2026, 2, 15)},
	}
	talk := func(d Date, talker, subject int64) Talk { return Talk{Date: d, TalkerID: talker, SubjectID: subject} }
	keyOnly := []TalkRule{{TalkRuleKeyPost, TalkPerQuarter, 1}}
	cases := []struct {
		name  string
		rules []TalkRule
		talks []Talk
		p     Period
		today Date
		want  []string
	}{
		{"key posts, Q2 over: the newcomer joined mid-quarter and is owed; the one who left is not",
			keyOnly, []Talk{talk(NewDate(2026, 6, 30), 2, 3)}, QuarterPeriod(2026, 2), NewDate(2026, 11, 1),
			[]string{"重点岗位党员谈话 2026年第二季度 新人"}},
		{"a talk on the first day of the next quarter does not count for the last",
			keyOnly, []Talk{talk(NewDate(2026, 7, 1), 2, 3)}, QuarterPeriod(2026, 2), NewDate(2026, 11, 1),
			[]string{"重点岗位党员谈话 2026年第二季度 保管", "重点岗位党员谈话 2026年第二季度 新人"}},
		{"Q1 over: the member who left on 15 February is no longer owed",
			keyOnly, nil, QuarterPeriod(2026, 1), NewDate(2026, 11, 1),
			[]string{"重点岗位党员谈话 2026年第一季度 保管"}},
		{"Q1 counted on 10 February, before the member left: both owed so far",
			keyOnly, nil, QuarterPeriod(2026, 1), NewDate(2026, 2, 10),
			[]string{"重点岗位党员谈话 2026年第一季度 保管", "重点岗位党员谈话 2026年第一季度 转出"}},
		{"a year of a quarterly rule: each quarter begun so far",
			keyOnly, []Talk{talk(NewDate(2026, 1, 5), 1, 3), talk(NewDate(2026, 8, 5), 1, 3), talk(NewDate(2026, 8, 6), 1, 4)},
			YearPeriod(2026), NewDate(2026, 8, 10),
			[]string{"重点岗位党员谈话 2026年第二季度 保管", "重点岗位党员谈话 2026年第二季度 新人"}},
		{"a period not begun owes nothing", keyOnly, nil, QuarterPeriod(2026, 4), NewDate(2026, 9, 30), nil},
		{"a rule set to 0 is off", []TalkRule{{TalkRuleKeyPost, TalkPerQuarter, 0}}, nil, QuarterPeriod(2026, 2), NewDate(2026, 11, 1), nil},
		{"twice a quarter", []TalkRule{{TalkRuleKeyPost, TalkPerQuarter, 2}}, []Talk{talk(NewDate(2026, 4, 5), 1, 3), talk(NewDate(2026, 5, 20), 1, 4)},
			QuarterPeriod(2026, 2), NewDate(2026, 11, 1),
			[]string{"重点岗位党员谈话 2026年第二季度 保管", "重点岗位党员谈话 2026年第二季度 新人"}},
		{"the secretary with each committee member, yearly, counted in a quarter view",
			[]TalkRule{{TalkRuleSecretary, TalkPerYear, 1}}, []Talk{talk(NewDate(2026, 3, 1), 2, 1)},
			QuarterPeriod(2026, 4), NewDate(2026, 11, 1),
			[]string{"书记与支委谈话 2026年 组委←书记"}},
		{"the secretary's talk covers it",
			[]TalkRule{{TalkRuleSecretary, TalkPerYear, 1}}, []Talk{talk(NewDate(2026, 3, 1), 1, 2)},
			YearPeriod(2026), NewDate(2026, 11, 1), nil},
		{"committee with members: a talk by a committee member counts, one by a plain member does not",
			[]TalkRule{{TalkRuleCommittee, TalkPerYear, 1}}, []Talk{talk(NewDate(2026, 6, 1), 2, 3), talk(NewDate(2026, 6, 1), 3, 4)},
			YearPeriod(2026), NewDate(2026, 12, 31),
			[]string{"支委与党员谈话 2026年 新人"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := owedKeys(TalksOwed(c.rules, ms, c.talks, c.p, c.today))
			if !slices.Equal(got, c.want) {
				t.Errorf("owed %q\nwant  %q", got, c.want)
			}
		})
	}
}

func TestTalkPeriodOf(t *testing.T) {
	d := NewDate(2026, time.August, 15)
	for per, want := range map[string]string{TalkPerMonth: "2026年8月", TalkPerQuarter: "2026年第三季度", TalkPerHalf: "2026年下半年", TalkPerYear: "2026年"} {
		if got := TalkPeriodOf(per, d); got.Label != want || !got.Contains(d) {
			t.Errorf("%s: %+v, want %s", per, got, want)
		}
	}
	if h := TalkPeriodOf(TalkPerHalf, NewDate(2026, 6, 30)); h.To != NewDate(2026, 6, 30) {
		t.Errorf("first half ends %s", h.To)
	}
}

func TestValidateTalkRules(t *testing.T) {
	if fe := ValidateTalkRules(DefaultTalkRules); fe != nil {
		t.Fatalf("defaults refused: %v", fe)
	}
	for _, bad := range [][]TalkRule{
		{{TalkRuleKeyPost, "周", 1}},
		{{TalkRuleKeyPost, TalkPerMonth, -1}},
		{{"其他", TalkPerMonth, 1}},
		{{TalkRuleKeyPost, TalkPerMonth, 1}, {TalkRuleKeyPost, TalkPerYear, 1}},
	} {
		if ValidateTalkRules(bad) == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestTermReminder(t *testing.T) {
	term := CommitteeTerm{Number: 3, ElectedDate: NewDate(2024, 3, 15)}
	term.Normalize()
	if term.Years != 3 || term.End() != NewDate(2027, 3, 15) {
		t.Fatalf("term %+v ends %s", term, term.End())
	}
	cases := []struct {
		today Date
		level int
		msg   string
	}{
		{NewDate(2026, 9, 14), TermOK, ""},
		{NewDate(2026, 9, 15), TermSoon, "第3届支部委员会任期将于2027年3月15日届满（还有181天），请准备换届"},
		{NewDate(2026, 12, 14), TermSoon, "还有91天"},
		{NewDate(2026, 12, 15), TermDue, "还有90天），请着手换届选举"},
		{NewDate(2027, 3, 14), TermDue, "还有1天"},
		{NewDate(2027, 3, 15), TermExpired, "任期已于2027年3月15日届满，请及时换届"},
	}
	for _, c := range cases {
		level, msg := TermReminder(&term, c.today)
		if level != c.level || !strings.Contains(msg, c.msg) || (c.msg == "") != (msg == "") {
			t.Errorf("%s: %d %q, want %d %q", c.today, level, msg, c.level, c.msg)
		}
	}
}

func TestValidateCommitteeTerm(t *testing.T) {
	today := NewDate(2026, 3, 1)
	valid := func() CommitteeTerm {
		return CommitteeTerm{Number: 4, ElectedDate: NewDate(2024, 3, 1), Members: []TermMember{{MemberID: 1, Post: "书记"}, {MemberID: 2, Post: "组织委员"}}}
	}
	checkValidation(t, valid, (*CommitteeTerm).Normalize, func(c *CommitteeTerm) FieldErrors { return ValidateCommitteeTerm(c, today) }, []validationCase[CommitteeTerm]{
		{"valid", func(*CommitteeTerm) {}, ""},
		{"no number", func(c *CommitteeTerm) { c.Number = 0 }, FTermNumber},
		{"a future election", func(c *CommitteeTerm) { c.ElectedDate = NewDate(2026, 3, 2) }, FTermElected},
		{"a term of 11 years", func(c *CommitteeTerm) { c.Years = 11 }, FTermYears},
		{"a member twice", func(c *CommitteeTerm) { c.Members[1].MemberID = 1 }, "第2行：" + FTermMember},
		{"no post", func(c *CommitteeTerm) { c.Members[1].Post = "" }, "第2行：" + FTermPost},
		{"two secretaries", func(c *CommitteeTerm) { c.Members[1].Post = "书记" }, FTermPost},
	})
}
