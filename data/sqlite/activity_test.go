package sqlite

import (
	"strings"
	"testing"

	"branchledger/data"
)

// themeDay is a valid 主题党日 of the whole branch on day d of November 2026, hosted by the lead.
func (fx *fixture) themeDay(d int) data.Activity {
	return data.Activity{Kinds: []string{data.KindThemeDay, data.KindLecture}, Date: day(d), Start: "9:00", End: "11:00",
		Place: "会议室", Topic: "学习安全生产条例", HostID: fx.lead.ID, RecorderID: fx.second.ID, LecturerID: fx.lead.ID,
		Scope: data.ScopeAll, Summary: "书记讲党课", Resolutions: "开展隐患排查"}
}

func TestActivitySaveReadDelete(t *testing.T) {
	fx := newFixture(t)
	late := newMember("新党员", 7)
	late.JoinDate, late.FullDate = day(10), data.Date{}
	late.Category = data.CategoryProbation
	late = mustCreate(t, fx.db, late)

	a := fx.themeDay(5)
	a.Absences = []data.Absence{{MemberID: fx.worker.ID, State: data.AttendAbsent}, {MemberID: fx.second.ID, State: data.AttendLeave, Reason: "夜班"}}
	a.MakeUps = []data.MakeUp{{MemberID: fx.worker.ID, Date: day(8), Way: "自学", ConfirmerID: fx.lead.ID}}
	if err := fx.db.SaveActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	got, err := fx.db.Activity(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Host != "王建国" || got.Recorder != "李卫东" || got.Lecturer != "王建国" || got.Start != "09:00" || got.KindsText() != "主题党日、党课" {
		t.Errorf("read back %+v", got)
	}
	// The member who joined on the 10th is not expected on the 5th.
	if n, ok := got.Expected(); !ok || n != 3 {
		t.Errorf("应到 %d %v, want 3", n, ok)
	}
	if n, _ := got.Present(); n != 1 {
		t.Errorf("实到 %d, want 1", n)
	}
	if got.AbsencesText() != "赵志强（缺席）、李卫东（请假：夜班）" || got.MakeUpsText() != "赵志强 2026-11-08 自学（王建国确认）" {
		t.Errorf("texts %q %q", got.AbsencesText(), got.MakeUpsText())
	}

	// A member who was not on the roll that day cannot be absent.
	b := fx.themeDay(6)
	b.Absences = []data.Absence{{MemberID: late.ID, State: data.AttendAbsent}}
	if msg := fieldErrors(t, fx.db.SaveActivity(ctx, &b)).ForLabel("第1条缺勤登记：党员"); !strings.Contains(msg, "不在本次活动的参加范围内") {
		t.Errorf("out of scope: %q", msg)
	}

	// Updating replaces the exceptions and logs the change.
	got.Absences = got.Absences[:1]
	got.ExpectedSet, got.ExpectedTyped = true, 5
	if err := fx.db.SaveActivity(ctx, &got); err != nil {
		t.Fatal(err)
	}
	again, _ := fx.db.Activity(ctx, a.ID)
	if len(again.Absences) != 1 || len(again.MakeUps) != 1 {
		t.Errorf("after update %+v", again)
	}
	if n, _ := again.Present(); n != 4 {
		t.Errorf("实到 with typed 应到: %d", n)
	}
	ops, err := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntActivity})
	if err != nil || len(ops) != 2 || !strings.Contains(ops[0].Detail, "应到") {
		t.Errorf("log %+v %v", ops, err)
	}

	// A committee scope naming nobody is accepted with 应到 blank.
	c := fx.themeDay(7)
	c.Kinds, c.Scope, c.LecturerID = []string{data.KindCommittee}, data.ScopeCommittee, 0
	if err := fx.db.SaveActivity(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Expected(); ok || data.ScopeNote(&c) == "" {
		t.Errorf("committee scope with nobody: %v", c.InScope)
	}

	list, err := fx.db.Activities(ctx, data.ActivityFilter{Kind: data.KindLecture})
	if err != nil || len(list) != 1 || list[0].ID != a.ID {
		t.Errorf("by kind: %+v %v", list, err)
	}

	// Deleting goes to the recycle bin with the rows, and comes back.
	if err := fx.db.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.Activity(ctx, a.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("after delete: %v", err)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || !strings.Contains(bin[0].Detail, "1 条缺勤登记、1 条补学记录") {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if back, err := fx.db.Activity(ctx, a.ID); err != nil || len(back.Absences) != 1 || len(back.MakeUps) != 1 {
		t.Errorf("restored %+v %v", back, err)
	}
	// A member with attendance records cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.worker.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("deleting an absentee: %v", err)
	}
}

func TestBriefingsAndRules(t *testing.T) {
	fx := newFixture(t)
	n, err := fx.db.SaveBriefings(ctx, &data.BriefingBatch{TeamID: fx.team1.ID, From: day(1), To: day(3), Topics: []string{"顶板", "防尘", "机电"}, Count: 15})
	if err != nil || n != 3 {
		t.Fatalf("SaveBriefings %d %v", n, err)
	}
	// The same days again replace the topics.
	if _, err := fx.db.SaveBriefings(ctx, &data.BriefingBatch{TeamID: fx.team1.ID, From: day(3), To: day(3), Topics: []string{"运输"}, Count: 14}); err != nil {
		t.Fatal(err)
	}
	bs, err := fx.db.Briefings(ctx, day(2), data.Date{})
	if err != nil || len(bs) != 2 || bs[1].Topic != "运输" || bs[1].Count != 14 || bs[0].Team != "综采一班" {
		t.Errorf("briefings %+v %v", bs, err)
	}
	if _, err := fx.db.SaveBriefings(ctx, &data.BriefingBatch{TeamID: 999, From: day(1), To: day(1), Topics: []string{"x"}}); err == nil {
		t.Error("unknown team saved")
	}
	if err := fx.db.DeleteBriefing(ctx, bs[0].ID); err != nil {
		t.Fatal(err)
	}

	rules, err := fx.db.OrgRules(ctx)
	if err != nil || len(rules) != len(data.DefaultOrgRules) {
		t.Fatalf("rules %+v %v", rules, err)
	}
	for i := range rules {
		rules[i].ID = 0
		if rules[i] != data.DefaultOrgRules[i] {
			t.Errorf("rule %d: %+v, want %+v", i, rules[i], data.DefaultOrgRules[i])
		}
	}
	rules[0].AtLeast = 2
	if err := fx.db.SetOrgRules(ctx, rules); err != nil {
		t.Fatal(err)
	}
	if again, _ := fx.db.OrgRules(ctx); again[0].AtLeast != 2 {
		t.Errorf("after set %+v", again[0])
	}
	if err := fx.db.SetOrgRules(ctx, append(rules, rules[0])); !strings.Contains(data.ErrorMessage(err), "重复") {
		t.Errorf("duplicate rule: %v", err)
	}
	kinds, err := fx.db.Options(ctx, data.ListActivityKinds)
	if err != nil || strings.Join(kinds, ",") != strings.Join(data.DefaultActivityKinds, ",") {
		t.Errorf("kinds %v %v", kinds, err)
	}
}

// 讲党课 (+2) and 无故缺席组织生活 (−2) are generated from activities and follow them.
func TestActivityPointEntries(t *testing.T) {
	fx := newFixture(t)
	a := fx.themeDay(5) // a 党课 given by the lead
	a.Absences = []data.Absence{{MemberID: fx.worker.ID, State: data.AttendAbsent}, {MemberID: fx.second.ID, State: data.AttendLeave, Reason: "夜班"}}
	if err := fx.db.SaveActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	entries := func() string {
		t.Helper()
		var out []string
		for _, e := range fx.regenerated(t, data.PointFilter{}) {
			out = append(out, e.MemberName+" "+e.Item+" "+data.FormatScore(e.Points))
		}
		return strings.Join(out, "；")
	}
	if got := entries(); got != "王建国 讲党课 2；赵志强 无故缺席组织生活 -2" {
		t.Errorf("entries %q", got)
	}
	a.Absences[0].State, a.Absences[0].Reason = data.AttendLeave, "补请假"
	if err := fx.db.SaveActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got := entries(); got != "王建国 讲党课 2" {
		t.Errorf("after the absence became a leave: %q", got)
	}
	if err := fx.db.DeleteActivity(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := entries(); got != "" {
		t.Errorf("after deleting the activity: %q", got)
	}
	tpl, err := fx.db.AssessTemplates(ctx, data.AssessMemberPoints)
	if err != nil || len(tpl) != 1 {
		t.Fatal(tpl, err)
	}
	var names []string
	for _, it := range tpl[0].Items {
		names = append(names, it.Name)
	}
	if got := strings.Join(names, ","); !strings.HasSuffix(got, "未按期缴纳党费,讲党课,无故缺席组织生活,包保化解信访事项,违纪受处分") {
		t.Errorf("A2 catalogue %s", got)
	}
}
