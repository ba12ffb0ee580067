package data

import (
	"strings"
	"testing"
	"time"
)

func act(d Date, kinds ...string) Activity {
	return Activity{Date: d, Kinds: kinds, Topic: "学习", Scope: ScopeAll}
}

func groupAct(d Date, group int64, kinds ...string) Activity {
	a := act(d, kinds...)
	a.Scope, a.ScopeID = ScopeGroup, group
	return a
}

// cells renders a row's twelve month cells: "." for empty, the text, "!" after a missed one, "~"
// after a due-soon one.
func cells(r *PlanRow) string {
	var parts []string
	for m := time.January; m <= time.December; m++ {
		text, missed, soon := r.MonthCell(m)
		if text == "" {
			text = "."
		}
		if missed {
			text += "!"
		}
		if soon {
			text += "~"
		}
		parts = append(parts, text)
	}
	return strings.Join(parts, " ")
}

func TestOrgLifePlan(t *testing.T) {
	d := NewDate
	groups := []Group{{ID: 1, Name: "第一党小组"}, {ID: 2, Name: "第二党小组"}}
	quarterly := OrgRule{Kind: KindLecture, Per: PerQuarter, AtLeast: 1, Applies: AppliesBranch, RemindDays: 15}
	monthly := OrgRule{Kind: KindThemeDay, Per: PerMonth, AtLeast: 1, Applies: AppliesBranch, RemindDays: 7}
	half := OrgRule{Kind: KindTopical, Per: PerHalf, AtLeast: 2, Applies: AppliesBranch, RemindDays: 10}
	yearly := OrgRule{Kind: KindLifeMeeting, Per: PerYear, AtLeast: 1, Applies: AppliesBranch, RemindDays: 30}
	perGroup := OrgRule{Kind: KindGroupMeeting, Per: PerMonth, AtLeast: 1, Applies: AppliesGroups, RemindDays: 7}
	firstTopic := OrgRule{Kind: KindFirstTopic, Per: PerCommittee, AtLeast: 1, Applies: AppliesBranch}
	tests := []struct {
		name   string
		year   int
		today  Date
		rule   OrgRule
		acts   []Activity
		labels []string
		cells  []string
		owed   []int
		held   []int
	}{
		{"quarter: kept, missed, current pending, future", 2026, d(2026, 8, 15), quarterly,
			[]Activity{act(d(2026, 2, 10), KindLecture, KindThemeDay), act(d(2025, 12, 1), KindLecture)},
			[]string{"党课"}, []string{". 1 . . . 未开! . . . . . ."}, []int{4}, []int{1}},
		{"quarter due soon in its last weeks", 2026, d(2026, 9, 20), quarterly, nil,
			[]string{"党课"}, []string{". . 未开! . . 未开! . . .~ . . ."}, []int{4}, []int{0}},
		{"a quarter with its one held in the last month", 2026, d(2026, 12, 31), quarterly,
			[]Activity{act(d(2026, 3, 31), KindLecture), act(d(2026, 4, 1), KindLecture), act(d(2026, 5, 1), KindLecture),
				act(d(2026, 9, 30), KindLecture), act(d(2026, 12, 31), KindLecture)},
			[]string{"党课"}, []string{". . 1 1 1 . . . 1 . . 1"}, []int{4}, []int{5}},
		{"month: the current month is pending, never 未开", 2026, d(2026, 3, 31), monthly,
			[]Activity{act(d(2026, 1, 5), KindThemeDay)},
			[]string{"主题党日"}, []string{"1 未开! .~ . . . . . . . . ."}, []int{12}, []int{1}},
		{"month: a past year is over", 2025, d(2026, 3, 1), monthly,
			[]Activity{act(d(2025, 1, 5), KindThemeDay), act(d(2025, 1, 25), KindThemeDay)},
			[]string{"主题党日"}, []string{"2 未开! 未开! 未开! 未开! 未开! 未开! 未开! 未开! 未开! 未开! 未开!"}, []int{12}, []int{2}},
		{"half year: two owed, one held is missed but shows its count", 2026, d(2026, 8, 1), half,
			[]Activity{act(d(2026, 6, 3), KindTopical)},
			[]string{"专题学习"}, []string{". . . . . 1! . . . . . ."}, []int{4}, []int{1}},
		{"year: pending all year, due soon in December", 2026, d(2026, 12, 5), yearly, nil,
			[]string{"组织生活会"}, []string{". . . . . . . . . . . .~"}, []int{1}, []int{0}},
		{"year: missed when over", 2025, d(2026, 1, 2), yearly, nil,
			[]string{"组织生活会"}, []string{". . . . . . . . . . . 未开!"}, []int{1}, []int{0}},
		{"per group: one row a group, only its own meetings count", 2026, d(2026, 3, 10), perGroup,
			[]Activity{groupAct(d(2026, 1, 8), 1, KindGroupMeeting), groupAct(d(2026, 2, 8), 1, KindGroupMeeting),
				groupAct(d(2026, 1, 9), 2, KindGroupMeeting), act(d(2026, 2, 9), KindGroupMeeting)},
			[]string{"党小组会·第一党小组", "党小组会·第二党小组"},
			[]string{"1 1 . . . . . . . . . .", "1 未开! . . . . . . . . . ."}, []int{12, 12}, []int{2, 1}},
		{"第一议题 at every 支委会: one lacking is flagged", 2026, d(2026, 6, 30), firstTopic,
			[]Activity{act(d(2026, 1, 5), KindCommittee, KindFirstTopic), act(d(2026, 2, 5), KindCommittee),
				act(d(2026, 3, 5), KindCommittee, KindFirstTopic), act(d(2026, 3, 20), KindCommittee), act(d(2026, 4, 1), KindFirstTopic)},
			[]string{"第一议题学习"}, []string{"1 未开! 1（缺1）! . . . . . . . . ."}, []int{4}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := OrgLifePlan(tt.year, tt.today, []OrgRule{tt.rule}, groups, tt.acts, nil)
			if len(rows) != len(tt.labels) {
				t.Fatalf("%d rows, want %d", len(rows), len(tt.labels))
			}
			for i := range rows {
				if rows[i].Label != tt.labels[i] {
					t.Errorf("row %d label %q, want %q", i, rows[i].Label, tt.labels[i])
				}
				if got := cells(&rows[i]); got != tt.cells[i] {
					t.Errorf("row %d cells\n got %s\nwant %s", i, got, tt.cells[i])
				}
				if rows[i].Owed != tt.owed[i] || rows[i].Held != tt.held[i] {
					t.Errorf("row %d 应开/实开 %d/%d, want %d/%d", i, rows[i].Owed, rows[i].Held, tt.owed[i], tt.held[i])
				}
			}
		})
	}
}

func TestOrgLifePlanBriefingsAndDue(t *testing.T) {
	rules := []OrgRule{
		{Kind: KindBriefing, Per: PerMonth, AtLeast: 20, Applies: AppliesBranch, RemindDays: 5},
		{Kind: KindLecture, Per: PerQuarter, AtLeast: 1, Applies: AppliesBranch, RemindDays: 15},
		{Kind: KindThemeDay, Per: PerMonth, AtLeast: 1, Applies: AppliesBranch, RemindDays: 3},
	}
	var bs []Briefing
	for d := NewDate(2026, 4, 1); d.Month == 4; d = d.AddDays(1) {
		bs = append(bs, Briefing{Date: d, Topic: "安全"})
	}
	today := NewDate(2026, 5, 28)
	rows := OrgLifePlan(2026, today, rules, nil, []Activity{act(NewDate(2026, 4, 20), KindThemeDay)}, bs)
	if rows[0].Months[3] != 30 || rows[0].Periods[3].Status != PlanKept {
		t.Errorf("briefings of April: %d, %s", rows[0].Months[3], rows[0].Periods[3].Status)
	}
	due := OrgLifeDue(rows, today)
	var texts []string
	for _, d := range due {
		texts = append(texts, d.Text())
	}
	got := strings.Join(texts, "\n")
	want := strings.Join([]string{
		"班前教育60秒：2026年5月还须开20次（临近期限）",
		"主题党日：2026年5月还须开1次（临近期限）",
		"党课：2026年第二季度还须开1次",
		"班前教育60秒：2026年1月未开（应开20次，已开0次）",
		"班前教育60秒：2026年2月未开（应开20次，已开0次）",
		"班前教育60秒：2026年3月未开（应开20次，已开0次）",
		"党课：2026年第一季度未开（应开1次，已开0次）",
		"主题党日：2026年1月未开（应开1次，已开0次）",
		"主题党日：2026年2月未开（应开1次，已开0次）",
		"主题党日：2026年3月未开（应开1次，已开0次）",
	}, "\n")
	if got != want {
		t.Errorf("due:\n%s\nwant:\n%s", got, want)
	}
}

func TestAttendanceStats(t *testing.T) {
	d := NewDate
	roster := []Member{
		{ID: 1, Name: "张三", GroupID: 1, JoinDate: d(2000, 7, 1), PartyRole: "书记"},
		{ID: 2, Name: "李四", GroupID: 1, JoinDate: d(2026, 5, 1)}, // joined mid-year
		{ID: 3, Name: "王五", GroupID: 2, JoinDate: d(2001, 7, 1), RollStatus: RollOut, RollDate: d(2026, 3, 1)},
		{ID: 4, Name: "赵六", GroupID: 2, JoinDate: d(2001, 7, 1), PartyStatus: PartyStatusSuspended},
	}
	groups := []Group{{ID: 1, Name: "一组"}, {ID: 2, Name: "二组"}}
	acts := []Activity{act(d(2026, 2, 1), KindThemeDay), act(d(2026, 6, 1), KindThemeDay), groupAct(d(2026, 7, 1), 1, KindGroupMeeting)}
	committee := act(d(2026, 7, 2), KindCommittee)
	committee.Scope = ScopeCommittee
	acts = append(acts, committee)
	for i := range acts {
		acts[i].InScope = ScopeMembers(roster, &acts[i])
	}
	if got := acts[0].InScope; len(got) != 2 || got[0] != 1 || got[1] != 3 {
		t.Errorf("February in scope %v, want [1 3] (李四 not joined, 赵六 suspended)", got)
	}
	if got := acts[1].InScope; len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("June in scope %v, want [1 2] (王五 left in March)", got)
	}
	if got := acts[3].InScope; len(got) != 1 || got[0] != 1 {
		t.Errorf("支委 in scope %v, want [1]", got)
	}
	acts[1].Absences = []Absence{{MemberID: 2, State: AttendAbsent}, {MemberID: 1, State: AttendLeave, Reason: "出差"}}
	acts[1].MakeUps = []MakeUp{{MemberID: 2, Date: d(2026, 6, 3), Way: "自学"}}
	acts[2].Absences = []Absence{{MemberID: 2, State: AttendLeave, Reason: "夜班"}}
	rows := AttendanceStats(roster, groups, acts)
	got := ""
	for _, r := range rows {
		got += r.Name + r.Group + " " + strings.Join([]string{itoa(r.Expected), itoa(r.Present), itoa(r.Leave), itoa(r.Absent), itoa(r.MadeUp)}, "/") + "\n"
	}
	want := "张三一组 4/3/1/0/0\n李四一组 2/0/1/1/1\n王五二组 1/1/0/0/0\n"
	if got != want {
		t.Errorf("stats:\n%s want:\n%s", got, want)
	}
	if r := rows[0].Rate(); r != 0.75 {
		t.Errorf("rate %v", r)
	}
	empty := act(d(2026, 7, 3), KindCommittee)
	empty.Scope = ScopeTeam
	empty.ScopeID = 9
	if n, ok := empty.Expected(); ok || n != 0 || ScopeNote(&empty) == "" {
		t.Errorf("a scope naming nobody: %d %v %q", n, ok, ScopeNote(&empty))
	}
}

func itoa(n int) string { return CountText(n, true) }

func TestValidateActivity(t *testing.T) {
	today := NewDate(2026, 6, 30)
	valid := func() Activity {
		a := act(NewDate(2026, 6, 1), KindThemeDay)
		a.Start, a.End = "9:00", "1100"
		a.Absences = []Absence{{MemberID: 1, State: AttendLeave, Reason: "出差"}, {MemberID: 2, State: AttendAbsent}}
		a.MakeUps = []MakeUp{{MemberID: 2, Date: NewDate(2026, 6, 3), Way: "自学"}}
		return a
	}
	tests := []struct {
		name   string
		change func(a *Activity)
		label  string
		msg    string
	}{
		{"valid", func(a *Activity) {}, "", ""},
		{"no kind", func(a *Activity) { a.Kinds = nil }, "类别", "请至少选择一个类别"},
		{"future", func(a *Activity) { a.Date = today.AddDays(1) }, "日期", "不能晚于今天"},
		{"bad time", func(a *Activity) { a.Start = "9点" }, "开始时间", "09:00"},
		{"end before start", func(a *Activity) { a.End = "08:00" }, "结束时间", "晚于开始时间"},
		{"no topic", func(a *Activity) { a.Topic = "" }, "主题", "请填写主题"},
		{"group scope without group", func(a *Activity) { a.Scope = ScopeGroup }, "参加范围", "哪一个党小组"},
		{"leave without reason", func(a *Activity) { a.Absences[0].Reason = "" }, "第1条缺勤登记：原因", "请假须写明原因"},
		{"member twice", func(a *Activity) { a.Absences[1].MemberID = 1 }, "第2条缺勤登记：党员", "登记过一次"},
		{"present typed", func(a *Activity) { a.Absences[1].State = AttendPresent }, "第2条缺勤登记：出勤情况", "不用登记"},
		{"make-up of one who attended", func(a *Activity) { a.MakeUps[0].MemberID = 3 }, "第1条补学记录：党员", "请假或缺席"},
		{"make-up before the activity", func(a *Activity) { a.MakeUps[0].Date = NewDate(2026, 5, 1) }, "第1条补学记录：补学日期", "不能早于活动日期"},
		{"make-up way", func(a *Activity) { a.MakeUps[0].Way = "听说" }, "第1条补学记录：补学方式", "自学"},
		{"typed 应到 below the absences", func(a *Activity) { a.ExpectedSet, a.ExpectedTyped = true, 1 }, "应到", "请核对"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.change(&a)
			a.Normalize()
			fe := ValidateActivity(&a, today)
			if tt.label == "" {
				if fe != nil {
					t.Fatalf("valid activity refused: %v", fe)
				}
				if a.Start != "09:00" || a.End != "11:00" {
					t.Errorf("times %q %q", a.Start, a.End)
				}
				return
			}
			if msg := fe.ForLabel(tt.label); !strings.Contains(msg, tt.msg) {
				t.Errorf("%s: %q, want %q (all: %v)", tt.label, msg, tt.msg, fe)
			}
		})
	}
}

func TestValidateOrgRules(t *testing.T) {
	rules := append([]OrgRule(nil), DefaultOrgRules...)
	for i := range rules {
		rules[i].Normalize()
	}
	if fe := ValidateOrgRules(rules); fe != nil {
		t.Fatalf("defaults refused: %v", fe)
	}
	bad := append(rules, rules[1], OrgRule{Kind: "党课", Per: "周", AtLeast: 0, Applies: AppliesBranch, RemindDays: 100})
	fe := ValidateOrgRules(bad)
	for label, want := range map[string]string{
		"第9条规则：类别":      "重复",
		"第10条规则：周期":     "无法识别",
		"第10条规则：至少次数":   "1到31",
		"第10条规则：提前提醒天数": "0到90",
	} {
		if msg := fe.ForLabel(label); !strings.Contains(msg, want) {
			t.Errorf("%s: %q, want %q", label, msg, want)
		}
	}
}

func TestBriefingBatch(t *testing.T) {
	today := NewDate(2026, 6, 30)
	b := BriefingBatch{TeamID: 3, From: NewDate(2026, 6, 1), To: NewDate(2026, 6, 4), Topics: []string{"顶板管理", "", " 防尘 ", "机电安全"}, Count: 12}
	bs, fe := b.Briefings(today)
	if fe != nil || len(bs) != 3 || bs[1].Topic != "防尘" || bs[1].Date != NewDate(2026, 6, 3) || bs[2].Count != 12 {
		t.Fatalf("briefings %+v %v", bs, fe)
	}
	b.To = NewDate(2026, 5, 1)
	if _, fe := b.Briefings(today); !strings.Contains(fe.For(FBriefTo), "不能早于") {
		t.Errorf("range: %v", fe)
	}
	b = BriefingBatch{TeamID: 3, From: today, To: today}
	if _, fe := b.Briefings(today); !strings.Contains(fe.For(FBriefTopic), "主题") {
		t.Errorf("no topic: %v", fe)
	}
}

func TestOrgLifeA1Evidence(t *testing.T) {
	d := NewDate
	p := MonthPeriod(2026, 3)
	roster := []Member{{ID: 1, Name: "甲", GroupID: 1}, {ID: 2, Name: "乙", GroupID: 1}, {ID: 3, Name: "丙"}, {ID: 4, Name: "丁", JoinDate: d(2026, 4, 1)}}
	groups := []Group{{ID: 1, Name: "一组"}}
	acts := []Activity{act(d(2026, 3, 5), KindCommittee, KindFirstTopic), act(d(2026, 3, 20), KindCommittee), act(d(2026, 3, 15), KindThemeDay, KindSecretaryLead),
		act(d(2026, 2, 15), KindThemeDay)}
	for i := range acts {
		acts[i].InScope = ScopeMembers(roster, &acts[i])
	}
	acts[2].Absences = []Absence{{MemberID: 1, State: AttendAbsent}, {MemberID: 2, State: AttendLeave, Reason: "病"}}
	rules := []OrgRule{{Kind: KindThemeDay, Per: PerMonth, AtLeast: 2, Applies: AppliesBranch}, {Kind: KindLecture, Per: PerQuarter, AtLeast: 1, Applies: AppliesBranch}}
	rows := OrgLifePlan(2026, d(2026, 4, 2), rules, groups, acts, nil)
	o := OrgLifeMonthEvidence(p, p.To, rows, acts, []Briefing{{Date: d(2026, 3, 2)}}, roster, groups)
	want := OrgLifeEvidence{FirstTopic: 1, SecretaryLead: 1, Briefings: 1, CommitteeLacking: 1, Expected: 9, Present: 7, PeriodsDue: 2,
		Missed: "主题党日（2026年3月）、党课（2026年第一季度）", Members: 3, Grouped: 2}
	if o != want {
		t.Fatalf("evidence\n got %+v\nwant %+v", o, want)
	}
	tallies, done, _ := A1Rule(AutoStudy, A1Evidence{OrgLife: o})
	// 出席率 7/9 = 77.8%: three started steps of 5 below 90 (February's 主题党日 is not counted).
	if len(tallies) != 2 || tallies[0].Count != 1 || tallies[0].Per != 1 || tallies[1].Count != 3 || !strings.Contains(done, "出席率77.8%") {
		t.Errorf("study: %+v %q", tallies, done)
	}
	tallies, done, _ = A1Rule(AutoOrgWork, A1Evidence{OrgLife: o})
	if len(tallies) != 2 || tallies[0].Count != 2 || tallies[0].Per != 2 || !strings.Contains(done, "未开：主题党日（2026年3月）") || !strings.Contains(done, "编入党小组2名") {
		t.Errorf("org work: %+v %q", tallies, done)
	}
	if tallies, _, _ := A1Rule(AutoStudy, A1Evidence{}); len(tallies) != 1 || tallies[0].Per != 2 {
		t.Errorf("no 第一议题: %+v", tallies)
	}
}

func TestPointEntriesForActivity(t *testing.T) {
	a := act(NewDate(2026, 3, 5), KindThemeDay, KindLecture)
	a.ID, a.LecturerID = 7, 1
	a.Absences = []Absence{{MemberID: 2, State: AttendAbsent}, {MemberID: 3, State: AttendLeave, Reason: "病"}}
	es := PointEntriesForActivity(&a)
	if len(es) != 2 || es[0].MemberID != 1 || es[0].Points != 2 || es[0].Item != PointLecture || es[1].MemberID != 2 || es[1].Points != -2 ||
		es[1].Item != PointAbsent || es[1].RecordKind != EntActivity || es[1].RecordID != 7 || !es[1].Generated {
		t.Errorf("entries %+v", es)
	}
	a.Kinds = []string{KindThemeDay} // not a 党课: the lecturer earns nothing
	if es := PointEntriesForActivity(&a); len(es) != 1 {
		t.Errorf("entries without a 党课 %+v", es)
	}
}
