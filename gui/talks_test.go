package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// screenText is every label text shown on s, joined by |.
func screenText(s Screen) string { return strings.Join(labelTexts(s.Content()), "|") }

func TestTalkTypedSavedListed(t *testing.T) {
	env := newMembersTestEnv(t, "张三", "李四")
	ctx := context.Background()
	s := showNew(env, NewTalksScreen(env))
	test.Type(s.talker, "张三")
	test.Type(s.subject, "李四")
	s.kind.SetSelected("提醒谈话")
	s.Save()
	if msg := s.fields.Get(data.FTalkContent).Error(); msg == "" {
		t.Fatal("a talk without 主要内容 should be refused at 主要内容")
	}
	test.Type(s.content, "提醒严守入井检身制度")
	test.Type(s.issues, "交接班时间短")
	s.Save()
	ts, err := env.Store.Talks(ctx, data.TalkFilter{})
	if err != nil || len(ts) != 1 || ts[0].Talker != "张三" || ts[0].Subject != "李四" || ts[0].SubjectID == 0 || ts[0].Kind != "提醒谈话" {
		t.Fatalf("Talks = %+v, %v", ts, err)
	}
	if len(s.visible) != 1 || s.all[s.visible[0]].Content != "提醒严守入井检身制度" {
		t.Fatalf("the list shows %+v", s.visible)
	}

	// A worker: any name, with the team.
	s.New()
	test.Type(s.talker, "李四")
	test.Type(s.subject, "陈小军")
	test.Type(s.team, "综采一队")
	test.Type(s.content, "了解家庭困难")
	s.Save()
	ts, _ = env.Store.Talks(ctx, data.TalkFilter{})
	if len(ts) != 2 || ts[1].SubjectID != 0 || ts[1].Subject != "陈小军" || ts[1].SubjectTeam != "综采一队" {
		t.Fatalf("worker talk %+v", ts)
	}
	test.Type(s.search, "陈小军")
	if len(s.visible) != 1 || talkSubjectText(&s.all[s.visible[0]]) != "陈小军（综采一队）" {
		t.Errorf("search for the worker lists %v:\n%s", s.visible, screenText(s))
	}
}

func TestAppraisalCapRefused(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	for i, name := range []string{"张三", "李四", "王五", "赵六", "孙七", "周八"} {
		addTestMember(t, env, name, i+1, 0, 0)
	}
	s := NewAppraisalScreen(env)
	show(env, s)
	if s.selectedYear() != orgTestToday.Year {
		t.Fatalf("year %d", s.selectedYear())
	}
	s.addMembers()
	if len(s.rows) != 6 {
		t.Fatalf("%d rows after 列入在册党员", len(s.rows))
	}
	for i, r := range s.rows {
		r.grade.SetSelected(data.AppraisalQualified)
		if i < 3 {
			r.grade.SetSelected(data.AppraisalExcellent)
			r.votes[0].SetText("5")
		}
	}
	const capMsg = "评为优秀的 3 人，超过参评 6 人的三分之一（最多 2 人）"
	if s.counter.Text != capMsg || s.counter.Importance != widget.DangerImportance {
		t.Errorf("counter %q (%v), want %q in red", s.counter.Text, s.counter.Importance, capMsg)
	}
	s.Save()
	if !strings.Contains(s.status.Text, capMsg) {
		t.Errorf("status after a refused save: %q", s.status.Text)
	}
	if _, err := env.Store.AppraisalOf(ctx, orgTestToday.Year); data.ErrorCode(err) != data.ENotFound {
		t.Fatalf("the refused appraisal was saved: %v", err)
	}

	// One back to 合格, one 基本合格 without 帮扶措施: refused naming the member; with it, saved.
	s.rows[2].grade.SetSelected(data.AppraisalQualified)
	s.rows[5].grade.SetSelected(data.AppraisalBasic)
	s.Save()
	if !strings.Contains(s.status.Text, s.rows[5].row.Name+"：帮扶措施：评为基本合格的党员须填写帮扶措施") {
		t.Errorf("status %q", s.status.Text)
	}
	s.rows[5].followUp.SetText("支委结对帮扶")
	s.Save()
	a, err := env.Store.AppraisalOf(ctx, orgTestToday.Year)
	if err != nil || len(a.Rows) != 6 || a.Rows[0].Votes[0] != 5 || a.Rows[5].FollowUp != "支委结对帮扶" {
		t.Fatalf("saved %+v, %v", a, err)
	}
	if !strings.Contains(s.counter.Text, "参评 6 人，评为优秀 2 人（最多 2 人）") || s.counter.Importance == widget.DangerImportance {
		t.Errorf("counter after saving %q", s.counter.Text)
	}
}

func TestTalksOwedView(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	sec := addPostedMember(t, env, "张书记", 1, "", "书记", "")
	keeper := addPostedMember(t, env, "李保管", 2, "保管员", data.RoleNone, "")
	s := NewTalksOwedScreen(env)
	show(env, s)
	if len(s.owed) != 2 || !strings.Contains(s.summary.Text, "2026年第四季度") {
		t.Fatalf("owed %+v, summary %q", s.owed, s.summary.Text)
	}
	tk := data.Talk{Date: orgTestToday, TalkerID: sec.ID, SubjectID: keeper.ID, Content: "季度谈话"}
	if err := env.Store.SaveTalk(ctx, &tk); err != nil {
		t.Fatal(err)
	}
	s.Reload()
	if len(s.owed) != 0 || !strings.Contains(s.summary.Text, "都已落实") {
		t.Fatalf("after the talk: %+v %q", s.owed, s.summary.Text)
	}
	// Monthly key-post talks: October is owed too when the year is shown.
	s.pers[2].SetSelected(data.TalkPerMonth)
	s.saveRules()
	s.period.SetSelected(owedThisYear)
	if len(s.owed) != 10 { // January to October; November has its talk
		t.Errorf("%d owed monthly talks in the year, want 10: %+v", len(s.owed), s.owed)
	}
	s.counts[0].SetText("x")
	s.saveRules()
	if !strings.Contains(s.status.Text, "没有保存") {
		t.Errorf("status %q", s.status.Text)
	}
}

func TestTermFormAndHomeReminder(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	addPostedMember(t, env, "张书记", 1, "", "书记", "")
	addPostedMember(t, env, "李组委", 2, "", "组织委员", "")
	s := showNew(env, NewTermsScreen(env))
	s.number.SetText("3")
	s.elected.SetDate(orgTestToday.AddYears(-3).AddDays(60)) // ends in 60 days
	s.fromRoster()
	if len(s.rows) != 2 || s.rows[0].post.Selected != "书记" {
		t.Fatalf("rows from the roster: %d", len(s.rows))
	}
	s.Save()
	terms, err := env.Store.Terms(ctx)
	if err != nil || len(terms) != 1 || len(terms[0].Members) != 2 || terms[0].Members[1].Post != "组织委员" {
		t.Fatalf("Terms = %+v, %v", terms, err)
	}
	if !strings.Contains(s.reminder.Text, "还有60天），请着手换届选举") {
		t.Errorf("reminder %q", s.reminder.Text)
	}
	addPostedMember(t, env, "王保管", 3, "保管员", data.RoleNone, "")
	h := NewHomeScreen(env)
	show(env, h)
	if texts := screenText(h); !strings.Contains(texts, "第3届支部委员会任期将于") {
		t.Errorf("工作台 lacks the term reminder:\n%s", texts)
	}
	// 王保管 is owed this quarter's talk; 李组委 the secretary's, 王保管 a committee member's this year.
	if n := statNumber(t, h, "重点岗位待谈话"); n.Text != "1" {
		t.Errorf("重点岗位待谈话 %s", n.Text)
	}
	if n := statNumber(t, h, "支委谈话待完成"); n.Text != "2" {
		t.Errorf("支委谈话待完成 %s", n.Text)
	}
}

// 查看依据 of 作风纪律建设靠前 opens a counted talk in 谈心谈话.
func TestTalkEvidenceOpensTalks(t *testing.T) {
	to, ok := evidenceDestination(data.EvidenceRef{Kind: data.EntTalk, ID: 7, Label: "2026-11-03 张三与李四谈话"})
	if !ok || to != (Destination{Module: moduleOrgLife, Tab: tabTalks, RecordID: 7}) {
		t.Errorf("destination %+v, %v", to, ok)
	}
	if err := checkDestination(to); err != nil {
		t.Error(err)
	}
}
