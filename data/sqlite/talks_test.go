package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"branchledger/data"
)

func TestAppraisalRoundTrip(t *testing.T) {
	fx := newFixture(t)
	a := data.Appraisal{Year: 2025, Date: data.NewDate(2026, 1, 12), Rows: []data.AppraisalRow{
		{MemberID: fx.lead.ID, SelfReview: "认真履职", Votes: [4]int{8, 2, 0, 0}, Grade: data.AppraisalExcellent},
		{MemberID: fx.second.ID, Votes: [4]int{1, 9, 0, 0}, Grade: data.AppraisalQualified},
		{MemberID: fx.worker.ID, Votes: [4]int{0, 3, 6, 1}, Grade: data.AppraisalBasic, FollowUp: "支委结对帮扶"},
	}}
	if err := fx.db.SaveAppraisal(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Rows[0].Name != "王建国" || a.Rows[2].Name != "赵志强" {
		t.Fatalf("saved %+v", a)
	}
	got, err := fx.db.AppraisalOf(ctx, 2025)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("AppraisalOf = %+v, %v\nwant %+v", got, err, a)
	}
	if _, err := fx.db.AppraisalOf(ctx, 2024); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("AppraisalOf(2024): %v", err)
	}

	// A second 优秀 of three rated is above the cap, refused with the counts and nothing saved.
	b := a
	b.Rows = append([]data.AppraisalRow(nil), a.Rows...)
	b.Rows[1].Grade = data.AppraisalExcellent
	fe := fieldErrors(t, fx.db.SaveAppraisal(ctx, &b))
	if msg := fe.For(data.FAppraisalGrade); !strings.Contains(msg, "评为优秀的 2 人，超过参评 3 人的三分之一（最多 1 人）") {
		t.Errorf("cap message %q", msg)
	}
	if got, _ := fx.db.AppraisalOf(ctx, 2025); got.Rows[1].Grade != data.AppraisalQualified {
		t.Errorf("a refused save changed the rows: %+v", got.Rows)
	}

	// The same year twice is refused.
	dup := data.Appraisal{Year: 2025, Rows: []data.AppraisalRow{{MemberID: fx.lead.ID}}}
	if fe := fieldErrors(t, fx.db.SaveAppraisal(ctx, &dup)); fe.For(data.FAppraisalYear) == "" {
		t.Errorf("second 2025: %v", fe)
	}

	// An update replaces the rows and is logged.
	a.Rows = a.Rows[1:]
	if err := fx.db.SaveAppraisal(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.AppraisalOf(ctx, 2025); len(got.Rows) != 2 {
		t.Errorf("rows after update: %+v", got.Rows)
	}
	ops, err := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntAppraisal})
	if err != nil || len(ops) != 2 || ops[0].Action != data.ActUpdate {
		t.Errorf("log %+v, %v", ops, err)
	}

	// Delete: to the bin with its rows, and back.
	if err := fx.db.DeleteAppraisal(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if as, _ := fx.db.Appraisals(ctx); len(as) != 0 {
		t.Fatalf("after delete: %+v", as)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if len(bin) != 1 || bin[0].Entity != data.EntAppraisal || !strings.Contains(bin[0].Detail, "2 条评议结果") {
		t.Fatalf("bin %+v", bin)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.AppraisalOf(ctx, 2025); len(got.Rows) != 2 {
		t.Errorf("restored %+v", got)
	}
	// A member in an appraisal cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.second.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("DeleteMember of an appraised member: %v", err)
	}
}

func TestTalkRoundTrip(t *testing.T) {
	fx := newFixture(t)
	withMember := data.Talk{Date: data.NewDate(2026, 11, 3), TalkerID: fx.lead.ID, SubjectID: fx.worker.ID, Kind: "提醒谈话",
		Place: "支部活动室", Content: "提醒按规程操作", Issues: "班组人手紧", Recorder: "李卫东"}
	withWorker := data.Talk{Date: data.NewDate(2026, 11, 5), TalkerID: fx.second.ID, Subject: "孙 小 军", SubjectTeam: "综采一班",
		Content: "了解家庭困难"}
	saveAll(t, fx.db.SaveTalk, &withMember, &withWorker)
	if withMember.Talker != "王建国" || withMember.Subject != "赵志强" || withWorker.Subject != "孙小军" || withWorker.Kind != "谈心谈话" {
		t.Fatalf("saved %+v / %+v", withMember, withWorker)
	}
	got, err := fx.db.Talk(ctx, withMember.ID)
	if err != nil || !reflect.DeepEqual(got, withMember) {
		t.Fatalf("Talk = %+v, %v\nwant %+v", got, err, withMember)
	}
	for _, c := range []struct {
		f    data.TalkFilter
		want int
	}{
		{data.TalkFilter{}, 2},
		{data.TalkFilter{From: data.NewDate(2026, 11, 4)}, 1},
		{data.TalkFilter{MemberID: fx.worker.ID}, 1},
		{data.TalkFilter{MemberID: fx.second.ID}, 1},
	} {
		if ts, err := fx.db.Talks(ctx, c.f); err != nil || len(ts) != c.want {
			t.Errorf("Talks(%+v) = %d, %v; want %d", c.f, len(ts), err, c.want)
		}
	}
	bad := data.Talk{Date: data.NewDate(2026, 11, 5), TalkerID: 9999, Subject: "某人", Content: "x"}
	if fe := fieldErrors(t, fx.db.SaveTalk(ctx, &bad)); fe.For(data.FTalker) == "" {
		t.Errorf("unknown talker: %v", fe)
	}
	withWorker.Content = "了解家庭困难，已转办实事"
	if err := fx.db.SaveTalk(ctx, &withWorker); err != nil {
		t.Fatal(err)
	}
	if err := fx.db.DeleteTalk(ctx, withMember.ID); err != nil {
		t.Fatal(err)
	}
	if ts, _ := fx.db.Talks(ctx, data.TalkFilter{}); len(ts) != 1 || ts[0].Content != withWorker.Content {
		t.Errorf("after update and delete: %+v", ts)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntTalk})
	if len(ops) != 4 {
		t.Errorf("%d log entries, want 4 (2 created, 1 changed, 1 deleted)", len(ops))
	}
}

func TestTalkRules(t *testing.T) {
	fx := newFixture(t)
	rules, err := fx.db.TalkRules(ctx)
	if err != nil || !reflect.DeepEqual(rules, data.DefaultTalkRules) {
		t.Fatalf("TalkRules in a new file = %+v, %v", rules, err)
	}
	rules[2].Per, rules[2].AtLeast = data.TalkPerMonth, 2
	if err := fx.db.SetTalkRules(ctx, rules); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.TalkRules(ctx); !reflect.DeepEqual(got, rules) {
		t.Errorf("after set: %+v", got)
	}
	rules[0].Per = "周"
	if fe := fieldErrors(t, fx.db.SetTalkRules(ctx, rules)); len(fe) != 1 {
		t.Errorf("bad period: %v", fe)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntTalkRule}); len(ops) != 1 {
		t.Errorf("log %+v", ops)
	}
}

func TestTermRoundTrip(t *testing.T) {
	fx := newFixture(t)
	old := data.CommitteeTerm{Number: 2, ElectedDate: data.NewDate(2020, 5, 1), Members: []data.TermMember{{MemberID: fx.second.ID, Post: "书记"}}}
	now := data.CommitteeTerm{Number: 3, ElectedDate: data.NewDate(2023, 5, 1), Members: []data.TermMember{
		{MemberID: fx.lead.ID, Post: "书记"}, {MemberID: fx.second.ID, Post: "组织委员"}}, Remark: "差额选举"}
	saveAll(t, fx.db.SaveTerm, &old, &now)
	terms, err := fx.db.Terms(ctx)
	if err != nil || len(terms) != 2 || !reflect.DeepEqual(terms[0], now) || terms[0].Years != 3 || terms[0].Members[1].Name != "李卫东" {
		t.Fatalf("Terms = %+v, %v", terms, err)
	}
	dup := data.CommitteeTerm{Number: 3, ElectedDate: data.NewDate(2023, 6, 1)}
	if fe := fieldErrors(t, fx.db.SaveTerm(ctx, &dup)); fe.For(data.FTermNumber) == "" {
		t.Errorf("届次 twice: %v", fe)
	}
	now.Years = 5
	if err := fx.db.SaveTerm(ctx, &now); err != nil || now.End() != data.NewDate(2028, 5, 1) {
		t.Fatalf("update: %v, ends %s", err, now.End())
	}
	if err := fx.db.DeleteTerm(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if terms, _ := fx.db.Terms(ctx); len(terms) != 1 {
		t.Errorf("after delete: %+v", terms)
	}
}

// The file check re-validates the new records like the others.
func TestVerifyTalks(t *testing.T) {
	fx := newFixture(t)
	tk := data.Talk{Date: data.NewDate(2026, 11, 3), TalkerID: fx.lead.ID, SubjectID: fx.worker.ID, Content: "谈心"}
	if err := fx.db.SaveTalk(ctx, &tk); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.db.Exec(`UPDATE talk SET date = '2027-01-01'`); err != nil {
		t.Fatal(err)
	}
	problems, err := fx.db.Verify(ctx, data.DateOf(clock))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range problems {
		found = found || strings.Contains(p, "谈心谈话记录「2027-01-01 王建国与赵志强谈话」：日期：日期不能晚于今天")
	}
	if !found {
		t.Errorf("check found %q", problems)
	}
}

// A1's 作风纪律建设靠前 counts the key-post members' talks of the quarter up to the month's end
// and the 作风纪律 findings; the records are its evidence.
func TestA1DisciplineEvidence(t *testing.T) {
	fx := newFixture(t) // today is 2026-11-23
	fx.worker.KeyPost = "保管员"
	fx.second.KeyPost = "出纳"
	saveAll(t, fx.db.UpdateMember, &fx.worker, &fx.second)
	tk := data.Talk{Date: day(3), TalkerID: fx.lead.ID, SubjectID: fx.worker.ID, Content: "廉洁从业提醒"}
	before := data.Talk{Date: data.NewDate(2026, 9, 30), TalkerID: fx.lead.ID, SubjectID: fx.second.ID, Content: "上季度谈话"}
	saveAll(t, fx.db.SaveTalk, &tk, &before)
	late := handFinding("违规接受宴请", 2, 10)
	late.Category = data.FindingCategoryDiscipline
	late = fx.create(t, late)
	fx.create(t, handFinding("食堂地面湿滑", 2, 10)) // another category: not counted

	ev, refs := novemberEvidence(t, fx.db)
	want := data.A1DisciplineEvidence{KeyPosts: 2, KeyPostOwed: 1, Quarter: "2026年第四季度", Found: 1, Overdue: 1}
	if ev.Discipline != want {
		t.Errorf("evidence %+v\nwant     %+v", ev.Discipline, want)
	}
	got := refs[data.AutoDiscipline]
	if len(got) != 2 || got[0].Kind != data.EntTalk || got[0].ID != tk.ID || got[1].Kind != data.EntFinding || got[1].ID != late.ID {
		t.Errorf("refs %+v", got)
	}
	// December, the quarter's last month, counted after its end: the missing talk is deducted.
	fixClock(fx.db, clock.AddDate(0, 1, 20))
	ev, _, err := fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 12), data.NewDate(2027, 1, 5))
	if err != nil || !ev.Discipline.QuarterEnded || ev.Discipline.KeyPostOwed != 1 {
		t.Errorf("December: %+v, %v", ev.Discipline, err)
	}
}
