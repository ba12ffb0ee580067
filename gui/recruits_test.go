package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// typeDate types a date into step n's field, as the user does, rune by rune.
func (s *RecruitsScreen) typeDate(n int, text string) {
	s.dates[n-1].SetText("")
	test.Type(s.dates[n-1], text)
}

// A date that breaks a rule shows the rule at once under its step; a date that keeps it clears the
// message and saves.
func TestRecruitRuleShownWhileTyping(t *testing.T) {
	env := newMembersTestEnv(t, "张三")
	ctx := context.Background()
	s := showNew(env, NewRecruitsScreen(env))
	test.Type(s.name, "李明")
	test.Type(s.idNumber, data.IDNumberWithCheck("13020320000308011"))
	if s.derived.Text != "男，2000-03-08" {
		t.Errorf("derived %q", s.derived.Text)
	}
	s.typeDate(1, "2026-01-10")
	s.typeDate(2, "2026-02-11")
	msg := s.fields.Get(stepLabel(2)).Error()
	if msg != "党组织须在收到入党申请书后1个月内派人谈话，最迟为 2026-02-10" {
		t.Fatalf("message under step 2: %q", msg)
	}
	// Saving keeps refusing, with the message where it was.
	s.talker.SetText("张三")
	s.Save()
	if rs, _ := env.Store.Recruits(ctx); len(rs) != 0 {
		t.Fatalf("saved with a rule broken: %+v", rs)
	}
	if got := s.fields.Get(stepLabel(2)).Error(); got != msg {
		t.Errorf("after save: %q", got)
	}
	s.typeDate(2, "2026-02-10")
	if got := s.fields.Get(stepLabel(2)).Error(); got != "" {
		t.Errorf("a kept rule still shows %q", got)
	}
	if !strings.Contains(s.next.Text, "第3步“推荐和确定入党积极分子”，最早 2026-02-10") {
		t.Errorf("next %q", s.next.Text)
	}
	s.Save()
	rs, err := env.Store.Recruits(ctx)
	if err != nil || len(rs) != 1 || rs[0].Stage() != 2 || rs[0].Names(data.RoleTalker) != "张三" || rs[0].Sex != data.SexMale {
		t.Fatalf("saved %+v %v", rs, err)
	}
	if len(s.visible) != 1 || s.frame.Title.Text != "李明（入党申请人）" {
		t.Errorf("list %d, title %q", len(s.visible), s.frame.Title.Text)
	}

	// A step out of order, and an applicant under 18.
	s.typeDate(4, "2026-03-01")
	if got := s.fields.Get(stepLabel(4)).Error(); got != "发展党员须按步骤进行：请先填写第3步“推荐和确定入党积极分子”的日期" {
		t.Errorf("step 4 before 3: %q", got)
	}
	s.New()
	tapDialogButton(t, env.Win, "放弃修改")
	test.Type(s.name, "小王")
	test.Type(s.idNumber, data.IDNumberWithCheck("13020320090308011"))
	s.typeDate(1, "2026-11-01")
	if got := s.fields.Get(stepLabel(1)).Error(); got != "递交入党申请书时须年满18周岁，最早为 2027-03-08" {
		t.Errorf("under 18: %q", got)
	}
}

// Step 15 typed with a vote that fails is refused at 表决; with a majority the person is saved and
// is a 预备党员 in the roster.
func TestRecruitAdmissionFromScreen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	a := addTestMember(t, env, "张三", 1, 0, 0)
	b := addTestMember(t, env, "李四", 3, 0, 0)
	r := data.Recruit{Name: "孙小磊", IDNumber: data.IDNumberWithCheck("13020320000308011")}
	start := data.PlanStart(orgTestToday, data.StepAdmit, 2)
	data.PlanRecruit(&r, start, data.StepAdmit-1, orgTestToday, data.PlanPeople{Talker: a.ID, Contact: a.ID, Intro1: a.ID, Intro2: b.ID, Entitled: 2})
	if err := env.Store.SaveRecruit(ctx, &r); err != nil {
		t.Fatal(err)
	}
	s := NewRecruitsScreen(env)
	show(env, s)
	s.Select(r.ID)
	day := r.Date(data.StepAdmit - 1).AddDays(1)
	s.typeDate(data.StepAdmit, day.String())
	test.Type(s.vote15, "2/1/1/0")
	s.Save()
	if got := s.fields.Get(voteLabel(data.StepAdmit)).Error(); !strings.Contains(got, "表决未通过") {
		t.Fatalf("vote without a majority: %q", got)
	}
	s.vote15.SetText("2/2/0/0")
	s.Save()
	if !strings.Contains(s.frame.StatusLine.Text, "已接收为预备党员") {
		t.Errorf("status %q", s.frame.StatusLine.Text)
	}
	got, err := env.Store.Recruit(ctx, r.ID)
	if err != nil || got.MemberID == 0 {
		t.Fatalf("after step 15: %+v %v", got, err)
	}
	m, err := env.Store.Member(ctx, got.MemberID)
	if err != nil || m.Category != data.CategoryProbation || m.JoinDate != day {
		t.Errorf("member %+v %v", m, err)
	}
}

func TestHomeRecruitCard(t *testing.T) {
	r := data.Recruit{ID: 7, Name: "李明", IDNumber: data.IDNumberWithCheck("13020320000308011")}
	r.Normalize()
	data.PlanRecruit(&r, orgTestToday.AddDays(-20), 1, orgTestToday, data.PlanPeople{})
	st := &homeStats{today: orgTestToday}
	st.addRecruits([]data.Recruit{r})
	if len(st.recruitDue) != 1 || st.recruitDue[0].RecruitID != 7 || !strings.Contains(st.recruitDue[0].What, "党组织派人谈话") {
		t.Fatalf("due %+v", st.recruitDue)
	}
	var went Destination
	st.navigate = func(d Destination) { went = d }
	c := test.NewTempWindow(t, cardRecruits(st))
	var texts []string
	var name *widget.Button
	for _, o := range test.LaidOutObjects(c.Content()) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			if w.Text == "李明" {
				name = w
			}
		}
	}
	if !strings.Contains(strings.Join(texts, "\n"), "第2步“党组织派人谈话”最迟 2026-12-03") || name == nil {
		t.Fatalf("card texts %q", texts)
	}
	test.Tap(name)
	if err := checkDestination(went); err != nil || went.RecordID != 7 || went.Tab != tabRecruitment {
		t.Errorf("went %+v %v", went, err)
	}
}
