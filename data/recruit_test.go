package data

import (
	"strings"
	"testing"
)

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

// recruitDates are a timeline that keeps every rule.
var recruitDates = [RecruitSteps]string{
	"2023-03-01", "2023-03-20", "2023-09-01", "2023-09-10", "2023-09-15",
	"2023-09-15", "2024-09-10", "2024-09-20", "2024-10-08", "2024-10-20",
	"2024-11-04", "2024-11-20", "2024-12-01", "2024-12-10", "2024-12-20",
	"2025-01-10", "2025-02-20", "2025-03-01", "2025-03-05", "2025-03-10",
	"2025-03-15", "2025-12-22", "2025-12-28", "2026-01-15", "2026-01-20",
}

var recruitToday = d("2026-12-04")

// timeline is a person (born 1998-05-10) with steps 1..upto done as recruitDates says, with the
// people, votes, training and 考察 records those steps need.
func timeline(upto int) Recruit {
	r := Recruit{Name: "李明", IDNumber: IDNumberWithCheck("13020319980510123")}
	r.Normalize()
	for n := 1; n <= upto; n++ {
		r.Step(n).Date = d(recruitDates[n-1])
	}
	if upto >= StepTalk {
		r.People = append(r.People, RecruitPerson{Role: RoleTalker, MemberID: 1, Name: "王一"})
	}
	if upto >= StepContacts {
		r.People = append(r.People, RecruitPerson{Role: RoleContact, MemberID: 2, Name: "王二"})
	}
	if upto >= StepEducation {
		r.Reviews = append(r.Reviews, RecruitReview{Step: StepEducation, Date: d("2024-03-10")})
	}
	if upto >= StepCandidate {
		r.Reviews = append(r.Reviews, RecruitReview{Step: StepEducation, Date: d("2024-09-05")})
	}
	if upto >= StepIntroducers {
		r.People = append(r.People, RecruitPerson{Role: RoleIntroducer, MemberID: 3, Name: "张三"},
			RecruitPerson{Role: RoleIntroducer, MemberID: 4, Name: "张四"})
	}
	if upto >= StepTraining {
		r.TrainDays = 3
	}
	if upto >= StepAdmit {
		r.Vote15 = Vote{Entitled: 10, For: 9, Against: 1}
	}
	if upto >= StepContinue {
		r.Reviews = append(r.Reviews, RecruitReview{Step: StepContinue, Date: d("2025-09-10")})
	}
	if upto >= StepDiscussFull {
		r.Vote23 = Vote{Entitled: 10, For: 10}
	}
	return r
}

func TestRecruitTimelineKeepsEveryRule(t *testing.T) {
	for upto := 0; upto <= RecruitSteps; upto++ {
		r := timeline(upto)
		if fe := ValidateRecruit(&r, recruitToday); fe != nil {
			t.Fatalf("steps 1..%d: %v", upto, fe)
		}
	}
}

// stepMsg is the message on step n's date, "" when none.
func stepMsg(r *Recruit, n int) string {
	return CheckRecruitSteps(r, recruitToday).At(n, FStepDate)
}

// TestRecruitIntervalRules checks every interval rule on its boundary day and one day either side.
func TestRecruitIntervalRules(t *testing.T) {
	cases := []struct {
		name string
		step int
		upto int
		date string
		prep func(*Recruit)
		want string // "" when kept; else a part of the message
	}{
		{"年满18周岁 前一天", StepApply, 1, "2016-05-09", nil, "递交入党申请书时须年满18周岁，最早为 2016-05-10"},
		{"年满18周岁 当天", StepApply, 1, "2016-05-10", nil, ""},
		{"年满18周岁 后一天", StepApply, 1, "2016-05-11", nil, ""},
		{"谈话 1个月内 前一天", StepTalk, 2, "2023-03-31", nil, ""},
		{"谈话 1个月内 当天", StepTalk, 2, "2023-04-01", nil, ""},
		{"谈话 1个月内 后一天", StepTalk, 2, "2023-04-02", nil, "党组织须在收到入党申请书后1个月内派人谈话，最迟为 2023-04-01"},
		{"谈话 月末", StepTalk, 2, "2023-02-28", func(r *Recruit) { r.Step(1).Date = d("2023-01-31") }, ""},
		{"谈话 月末 后一天", StepTalk, 2, "2023-03-01", func(r *Recruit) { r.Step(1).Date = d("2023-01-31") }, "最迟为 2023-02-28"},
		{"发展对象 满一年 前一天", StepCandidate, 7, "2024-08-31", nil, "确定发展对象须在确定为入党积极分子满一年后，最早为 2024-09-01"},
		{"发展对象 满一年 当天", StepCandidate, 7, "2024-09-01", nil, ""},
		{"发展对象 满一年 后一天", StepCandidate, 7, "2024-09-02", nil, ""},
		{"审批 6个月 前一天", StepApprove, 17, "2025-06-19", nil, ""},
		{"审批 6个月 当天", StepApprove, 17, "2025-06-20", nil, ""},
		{"审批 6个月 后一天", StepApprove, 17, "2025-06-21", nil, "上级党委须在支部党员大会讨论后3个月内审批，最长不超过6个月，最迟为 2025-06-20"},
		{"转正申请 预备期满 前一天", StepApplyFull, 22, "2025-12-19", nil, "提出转正申请须在一年预备期满后，最早为 2025-12-20"},
		{"转正申请 预备期满 当天", StepApplyFull, 22, "2025-12-20", nil, ""},
		{"转正申请 预备期满 后一天", StepApplyFull, 22, "2025-12-21", nil, ""},
		{"转正申请 延长后 前一天", StepApplyFull, 22, "2026-06-19", extend6, "提出转正申请须在预备期（一年，延长6个月）满后，最早为 2026-06-20"},
		{"转正申请 延长后 当天", StepApplyFull, 22, "2026-06-20", extend6, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := timeline(c.upto)
			if c.prep != nil {
				c.prep(&r)
			}
			r.Step(c.step).Date = d(c.date)
			got := stepMsg(&r, c.step)
			switch {
			case c.want == "" && got != "":
				t.Errorf("%s on %s: refused: %s", StepName(c.step), c.date, got)
			case c.want != "" && !strings.Contains(got, c.want):
				t.Errorf("%s on %s: got %q, want %q", StepName(c.step), c.date, got, c.want)
			}
		})
	}
}

func extend6(r *Recruit) {
	r.ExtendMonths, r.ExtendDate = 6, d("2025-11-01")
	r.Reviews = append(r.Reviews, RecruitReview{Step: StepContinue, Date: d("2026-03-01")})
}

// TestRecruitApprovalWarning: 上级党委审批 after 3 months is saved with a warning.
func TestRecruitApprovalWarning(t *testing.T) {
	for _, c := range []struct {
		date string
		warn bool
	}{{"2025-03-19", false}, {"2025-03-20", false}, {"2025-03-21", true}, {"2025-06-20", true}} {
		r := timeline(17)
		r.Step(StepApprove).Date = d(c.date)
		if got := len(RecruitWarnings(&r)) > 0; got != c.warn {
			t.Errorf("审批 on %s: warning %v, want %v", c.date, got, c.warn)
		}
		if fe := ValidateRecruit(&r, recruitToday); fe != nil {
			t.Errorf("审批 on %s refused: %v", c.date, fe)
		}
	}
}

func TestRecruitReviewEverySixMonths(t *testing.T) {
	for _, c := range []struct {
		date string
		ok   bool
	}{{"2024-03-14", true}, {"2024-03-15", true}, {"2024-03-16", false}} {
		r := timeline(6)
		r.Reviews = []RecruitReview{{Step: StepEducation, Date: d(c.date)}}
		msg := CheckRecruitSteps(&r, recruitToday).At(1, FReviewDate)
		if (msg == "") != c.ok {
			t.Errorf("first 考察 on %s: %q", c.date, msg)
		}
		if !c.ok && !strings.Contains(msg, "培养教育考察每半年须有一次考察记录：距上次（2023-09-15）超过6个月，最迟应为 2024-03-15") {
			t.Errorf("message %q", msg)
		}
	}
	// The step closing the phase must come within 6 months of the last record.
	for _, c := range []struct {
		date string
		ok   bool
	}{{"2025-03-04", true}, {"2025-03-05", true}, {"2025-03-06", false}} {
		r := timeline(7)
		r.Step(StepCandidate).Date = d(c.date)
		msg := stepMsg(&r, StepCandidate)
		if (msg == "") != c.ok {
			t.Errorf("第7步 on %s: %q", c.date, msg)
		}
		if !c.ok && !strings.Contains(msg, "请补记 2025-03-05 前的考察记录") {
			t.Errorf("message %q", msg)
		}
	}
	// Before the phase began.
	r := timeline(6)
	r.Reviews = []RecruitReview{{Step: StepEducation, Date: d("2023-09-14")}}
	if msg := CheckRecruitSteps(&r, recruitToday).At(1, FReviewDate); !strings.Contains(msg, "最早为 2023-09-15") {
		t.Errorf("考察 before step 6: %q", msg)
	}
}

func TestRecruitOrderRule(t *testing.T) {
	r := timeline(3)
	r.Step(3).Date = d("2023-03-19") // before step 2 (2023-03-20)
	if msg := stepMsg(&r, 3); msg != "第3步“推荐和确定入党积极分子”须在第2步“党组织派人谈话”之后，最早为 2023-03-20" {
		t.Errorf("step before the one before: %q", msg)
	}
	r.Step(3).Date = d("2023-03-20") // the same day is allowed
	if msg := stepMsg(&r, 3); msg != "" {
		t.Errorf("same day refused: %q", msg)
	}
	r = timeline(3)
	r.Step(5).Date = d("2023-10-01") // step 4 skipped
	if msg := stepMsg(&r, 5); msg != "发展党员须按步骤进行：请先填写第4步“上级党委备案”的日期" {
		t.Errorf("skipped step: %q", msg)
	}
	r = timeline(3)
	r.Step(4).Date = recruitToday.AddDays(1)
	if msg := stepMsg(&r, 4); !strings.Contains(msg, "不能晚于今天") {
		t.Errorf("future date: %q", msg)
	}
}

func TestRecruitMajorityRule(t *testing.T) {
	for _, c := range []struct {
		v    Vote
		want string
	}{
		{Vote{Entitled: 10, For: 5, Against: 5}, "表决未通过：赞成人数须超过应到会有表决权的正式党员的半数，应到10人，至少须6人赞成，现在5人"},
		{Vote{Entitled: 10, For: 6, Against: 4}, ""},
		{Vote{Entitled: 9, For: 4, Abstain: 5}, "至少须5人赞成，现在4人"},
		{Vote{Entitled: 9, For: 5}, ""},
		{Vote{Entitled: 9, For: 6, Against: 4}, "超过了应到会有表决权的正式党员9人"},
		{Vote{}, "请填写应到会有表决权的正式党员人数"},
	} {
		for _, step := range []int{StepAdmit, StepDiscussFull} {
			r := timeline(23)
			if step == StepAdmit {
				r.Vote15 = c.v
			} else {
				r.Vote23 = c.v
			}
			got := CheckRecruitSteps(&r, recruitToday).At(step, FVote)
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Errorf("第%d步 vote %+v: got %q, want %q", step, c.v, got, c.want)
			}
		}
	}
	r := timeline(14)
	r.Vote15 = Vote{Entitled: 9, For: 9}
	if got := CheckRecruitSteps(&r, recruitToday).At(StepAdmit, FVote); !strings.Contains(got, "请先填写会议日期") {
		t.Errorf("vote without its meeting: %q", got)
	}
}

func TestRecruitTraining(t *testing.T) {
	for _, c := range []struct {
		days, hours int
		ok          bool
	}{{3, 0, true}, {2, 23, false}, {0, 24, true}, {2, 24, true}, {0, 0, false}} {
		r := timeline(11)
		r.TrainDays, r.TrainHours = c.days, c.hours
		got := CheckRecruitSteps(&r, recruitToday).At(StepTraining, FTraining)
		if (got == "") != c.ok {
			t.Errorf("%d天 %d学时: %q", c.days, c.hours, got)
		}
	}
}

func TestRecruitPeople(t *testing.T) {
	r := timeline(9)
	r.People = r.People[:len(r.People)-1] // one 入党介绍人
	if got := CheckRecruitSteps(&r, recruitToday).At(StepIntroducers, RoleIntroducer); got != "入党介绍人须有2名正式党员，现在是1名" {
		t.Errorf("one introducer: %q", got)
	}
	r = timeline(4)
	r.People = append(r.People, RecruitPerson{Role: RoleContact, MemberID: 2})
	if got := CheckRecruitSteps(&r, recruitToday).At(StepContacts, RoleContact); !strings.Contains(got, "请先填写第5步") {
		t.Errorf("contact before step 5: %q", got)
	}
}

func TestRecruitExtension(t *testing.T) {
	for _, c := range []struct {
		months int
		ok     bool
	}{{5, false}, {6, true}, {12, true}, {13, false}} {
		r := timeline(21)
		err := ExtendProbation(&r, c.months, d("2025-12-01"))
		if (err == nil) != c.ok {
			t.Errorf("extend %d months: %v", c.months, err)
		}
	}
	r := timeline(21)
	if err := ExtendProbation(&r, 6, d("2025-12-01")); err != nil {
		t.Fatal(err)
	}
	if r.ProbationEnd() != d("2026-06-20") {
		t.Errorf("probation end %s", r.ProbationEnd())
	}
	if err := ExtendProbation(&r, 6, d("2025-12-02")); err == nil || !strings.Contains(ErrorMessage(err), "预备期只能延长一次") {
		t.Errorf("second extension: %v", err)
	}
	// Decided within the first year of the 预备期.
	for _, c := range []struct {
		date string
		ok   bool
	}{{"2024-12-19", false}, {"2024-12-20", true}, {"2025-12-20", true}, {"2025-12-21", false}} {
		r := timeline(21)
		if msg := CheckExtension(&r, 6, d(c.date)); (msg == "") != c.ok {
			t.Errorf("extension decided %s: %q", c.date, msg)
		}
	}
}

func TestRecruitNextAndDue(t *testing.T) {
	r := timeline(3)
	next := NextStep(&r)
	if next.Step != 4 || next.Earliest != d("2023-09-01") || !next.Latest.IsZero() {
		t.Errorf("next after 3: %+v", next)
	}
	r = timeline(1)
	if got := NextStep(&r).String(); got != "第2步“党组织派人谈话”，最早 2023-03-01，最迟 2023-04-01" {
		t.Errorf("next after 1: %q", got)
	}
	r = timeline(6)
	if next := NextStep(&r); next.Earliest != d("2024-09-01") {
		t.Errorf("next after 6: %+v", next)
	}
	r = timeline(16)
	if next := NextStep(&r); next.Step != 17 || next.Latest != d("2025-03-20") {
		t.Errorf("next after 16: %+v", next)
	}
	r = timeline(25)
	if NextStep(&r).Step != 0 || RecruitDue(&r, recruitToday, 30) != nil {
		t.Errorf("done: %+v", NextStep(&r))
	}

	// 预备期 ending within 30 days.
	r = timeline(21)
	due := RecruitDue(&r, d("2025-11-25"), 30)
	if len(due) != 1 || due[0].Date != d("2025-12-20") || !strings.Contains(due[0].What, "预备期满") {
		t.Errorf("due before the end of 预备期: %+v", due)
	}
	if due := RecruitDue(&r, d("2025-11-19"), 30); len(due) != 0 {
		t.Errorf("31 days before: %+v", due)
	}
	// A 考察 record owed: 6 months after the last one.
	r = timeline(21)
	r.Reviews = r.Reviews[:2]
	due = RecruitDue(&r, d("2025-09-01"), 30)
	if len(due) != 1 || due[0].Date != d("2025-09-15") || due[0].What != "继续教育考察应有半年考察记录" {
		t.Errorf("考察 owed: %+v", due)
	}
	// An approval past 3 months is overdue.
	r = timeline(16)
	due = RecruitDue(&r, d("2025-04-01"), 30)
	if len(due) != 1 || !due[0].Overdue(d("2025-04-01")) || !strings.Contains(due[0].What, "已超过期限") {
		t.Errorf("approval past 3 months: %+v", due)
	}
}

func TestRecruitIdentity(t *testing.T) {
	r := Recruit{Name: " 李 明 ", IDNumber: "130203199805101234"}
	r.Normalize()
	fe := ValidateRecruit(&r, recruitToday)
	if fe.For(FIDNumber) == "" {
		t.Errorf("bad check digit accepted")
	}
	r = timeline(0)
	if r.Sex != SexMale || r.BirthDate != d("1998-05-10") || r.Ethnicity != "汉族" {
		t.Errorf("derived: %+v", r)
	}
	r.Sex = SexFemale
	if ValidateRecruit(&r, recruitToday).For(FSex) == "" {
		t.Errorf("sex against the ID accepted")
	}
}

func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		from string
		n    int
		want string
	}{{"2026-01-31", 1, "2026-02-28"}, {"2024-01-31", 1, "2024-02-29"}, {"2026-03-15", 6, "2026-09-15"}, {"2026-08-31", 6, "2027-02-28"}, {"2026-12-10", 3, "2027-03-10"}} {
		if got := AddMonths(d(c.from), c.n); got != d(c.want) {
			t.Errorf("%s + %d months = %s, want %s", c.from, c.n, got, c.want)
		}
	}
}

func TestPlanRecruitKeepsEveryRule(t *testing.T) {
	for _, start := range []string{"2021-01-31", "2020-02-29", "2022-08-31", "2023-12-15"} {
		for upto := 0; upto <= RecruitSteps; upto++ {
			r := timeline(0)
			PlanRecruit(&r, d(start), upto, recruitToday, PlanPeople{1, 2, 3, 4, 9})
			if fe := ValidateRecruit(&r, recruitToday); fe != nil {
				t.Fatalf("start %s, steps 1..%d: %v", start, upto, fe)
			}
		}
	}
}
