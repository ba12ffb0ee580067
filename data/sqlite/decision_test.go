package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"branchledger/data"
)

// committeeMeeting is a 支部委员会 activity on day d.
func (fx *fixture) committeeMeeting(t *testing.T, d int) data.Activity {
	t.Helper()
	a := data.Activity{Kinds: []string{data.KindCommittee, data.KindFirstTopic}, Date: day(d), Topic: "研究工资二次分配", HostID: fx.lead.ID,
		Scope: data.ScopeAll}
	if err := fx.db.SaveActivity(ctx, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// decision is a valid 支部委员会 decision on day d, all present and for.
func (fx *fixture) decision(d int, topic string) data.Decision {
	return data.Decision{Meeting: data.MeetingCommittee, Date: day(d), Topic: topic, Category: "重大决策",
		Entitled: 5, Present: 5, For: 5, Resolution: "同意", State: data.DecisionDecided}
}

func TestDecisionRoundTrip(t *testing.T) {
	fx := newFixture(t) // today is 2026-11-23
	meeting := fx.committeeMeeting(t, 5)
	d := fx.decision(5, " 综采一队 工资二次分配方案 ")
	d.ActivityID, d.Content, d.Amount, d.Against, d.For, d.Abstain = meeting.ID, "工资分配", 12000.5, 1, 3, 1
	d.Publicity, d.ExecutorID, d.Deadline, d.State, d.Execution = data.PublicityNone, fx.second.ID, day(30), data.DecisionExecuting, "已下发"
	d.Reason = "涉及个人收入"
	if err := fx.db.SaveDecision(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if d.Topic != "综采一队 工资二次分配方案" || d.Executor != "李卫东" || d.Activity != data.ActivityLabel(&meeting) {
		t.Fatalf("saved %+v", d)
	}
	got, err := fx.db.Decision(ctx, d.ID)
	if err != nil || !reflect.DeepEqual(got, d) {
		t.Fatalf("Decision = %+v, %v\nwant %+v", got, err, d)
	}
	other := fx.decision(12, "食堂采购")
	if err := fx.db.SaveDecision(ctx, &other); err != nil {
		t.Fatal(err)
	}
	if ds, err := fx.db.Decisions(ctx, data.DecisionFilter{From: day(6)}); err != nil || len(ds) != 1 || ds[0].ID != other.ID {
		t.Errorf("Decisions from day 6 = %+v, %v", ds, err)
	}

	// The activity must be of the meeting's kind and date, the executor a member.
	bad := fx.decision(6, "岗位优化组合")
	bad.ActivityID = meeting.ID
	if msg := fieldErrors(t, fx.db.SaveDecision(ctx, &bad)).For(data.FDecisionActivity); !strings.Contains(msg, "与决策日期2026-11-06不一致") {
		t.Errorf("activity of another day: %q", msg)
	}
	bad = fx.decision(5, "岗位优化组合")
	bad.Meeting, bad.ActivityID = data.MeetingGeneral, meeting.ID
	if msg := fieldErrors(t, fx.db.SaveDecision(ctx, &bad)).For(data.FDecisionActivity); !strings.Contains(msg, "不是支部党员大会") {
		t.Errorf("activity of another kind: %q", msg)
	}
	bad.Meeting = data.MeetingJoint // a 党政联席会 may link to any activity of its day
	if err := fx.db.SaveDecision(ctx, &bad); err != nil {
		t.Errorf("党政联席会 with the day's activity: %v", err)
	}
	bad = fx.decision(5, "班队长选聘")
	bad.ExecutorID = 9999
	if fe := fieldErrors(t, fx.db.SaveDecision(ctx, &bad)); fe.For(data.FDecisionExecutor) == "" {
		t.Errorf("unknown executor: %v", fe)
	}

	// Deleting the activity clears the link; restoring it sets the link again.
	if err := fx.db.DeleteActivity(ctx, meeting.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Decision(ctx, d.ID); got.ActivityID != 0 || got.Activity != "" {
		t.Errorf("after the activity's deletion: %d %q", got.ActivityID, got.Activity)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Decision(ctx, d.ID); got.ActivityID != meeting.ID {
		t.Errorf("after the activity's restore: %d", got.ActivityID)
	}

	// A decision goes to the bin and comes back.
	if err := fx.db.DeleteDecision(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.Decision(ctx, d.ID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("deleted decision: %v", err)
	}
	bin, _ = fx.db.RecycleBin(ctx)
	if bin[0].Entity != data.EntDecision {
		t.Fatalf("bin %+v", bin[0])
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, err := fx.db.Decision(ctx, d.ID); err != nil || got.Topic != d.Topic {
		t.Errorf("restored %+v, %v", got, err)
	}
	// A member named as executor cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.second.ID); data.ErrorCode(err) != data.EConflict {
		t.Errorf("DeleteMember of an executor: %v", err)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntDecision})
	if len(ops) != 5 { // 3 created, 1 deleted, 1 restored
		t.Errorf("%d log entries, want 5", len(ops))
	}
}

func TestDecisionRulesSetting(t *testing.T) {
	fx := newFixture(t)
	if r, err := fx.db.DecisionRules(ctx); err != nil || r != data.DefaultDecisionRules() {
		t.Fatalf("default %v, %v", r, err)
	}
	bad := data.DefaultDecisionRules()
	bad.LargeFund = 0
	if fe := fieldErrors(t, fx.db.SetDecisionRules(ctx, bad)); fe.For(data.FLargeFund) == "" {
		t.Errorf("0 accepted: %v", fe)
	}
	want := data.DecisionRules{LargeFund: 100000, Quorum: data.Share{Num: 4, Den: 5}, Majority: data.Share{Num: 2, Den: 3}}
	if err := fx.db.SetDecisionRules(ctx, want); err != nil {
		t.Fatal(err)
	}
	if r, err := fx.db.DecisionRules(ctx); err != nil || r != want {
		t.Errorf("after set %v, %v", r, err)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntDecision})
	if len(ops) != 1 || !strings.Contains(ops[0].Detail+ops[0].Label, "大额资金标准") {
		t.Errorf("log %+v", ops)
	}
}

func TestVerifyDecisions(t *testing.T) {
	fx := newFixture(t)
	d := fx.decision(5, "食堂采购")
	if err := fx.db.SaveDecision(ctx, &d); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.db.ExecContext(ctx, `UPDATE decision SET date = '2027-01-01' WHERE id = ?`, d.ID); err != nil {
		t.Fatal(err)
	}
	e, _ := data.EntityOf("decision")
	got, err := e.Verify(ctx, fx.db, day(23))
	if err != nil || len(got) != 1 || !strings.Contains(got[0], "日期不能晚于今天") {
		t.Errorf("Verify = %q, %v", got, err)
	}
}

func TestA1DecisionEvidence(t *testing.T) {
	fx := newFixture(t) // today is 2026-11-23
	kept := fx.decision(3, "安全诚信管理办法")
	short := fx.decision(10, "专项资金使用")
	short.Category, short.Amount, short.Entitled, short.Present, short.For = data.DecisionLargeFund, 80000, 9, 5, 5
	late := fx.decision(20, "宿舍维修") // decided in October, due in November, not done
	late.Date = data.NewDate(2026, 10, 20)
	late.ExecutorID, late.Deadline, late.State = fx.second.ID, day(15), data.DecisionExecuting
	done := fx.decision(4, "班队长选聘")
	done.ExecutorID, done.Deadline, done.State = fx.lead.ID, day(18), data.DecisionDone
	old := fx.decision(1, "去年的事项")
	old.Date = data.NewDate(2025, 6, 1)
	saveAll(t, fx.db.SaveDecision, &kept, &short, &late, &done, &old)
	ev, refs := novemberEvidence(t, fx.db)
	want := data.A1DecisionEvidence{Recorded: 3, Flagged: 1, ByRule: [3]int{1, 0, 1}, Overdue: 1, DueInMonth: 2, DoneDue: 1}
	if ev.Decisions != want {
		t.Errorf("evidence %+v\nwant     %+v", ev.Decisions, want)
	}
	got := refs[data.AutoDecision]
	if len(got) != 4 || got[0].Kind != data.EntDecision || got[0].ID != late.ID {
		t.Errorf("refs %+v", got)
	}
	// A higher line: the 80000 is no longer 大额资金, the quorum still fails.
	if err := fx.db.SetDecisionRules(ctx, data.DecisionRules{LargeFund: 100000, Quorum: data.Share{Num: 2, Den: 3}, Majority: data.Share{Num: 1, Den: 2}}); err != nil {
		t.Fatal(err)
	}
	ev, _, _ = fx.db.A1Evidence(ctx, data.MonthPeriod(2026, 11), day(23))
	if ev.Decisions.ByRule != [3]int{1, 0, 0} {
		t.Errorf("with 100000: %+v", ev.Decisions)
	}
}

// Migration 0010 makes “三重一大”决策靠前 of the seeded 支部月度考核表 automatic, as DefaultA1Template
// has it, only where the user left the item as seeded.
func TestMigration0010SwitchesUnchangedItem(t *testing.T) {
	v9 := migrationsBefore(t, "0010")
	const item = `name = '“三重一大”决策靠前' AND template_id IN (SELECT id FROM assess_template WHERE kind = '支部月度考核')`
	for _, changed := range []bool{false, true} {
		db := migrateFrom(t, v9, func(old *DB, path string) {
			if got := rawQuery(t, path, `SELECT standard FROM assess_template_item WHERE `+item); got != data.A1DecisionSeedStandard {
				t.Fatalf("seeded standard %q", got)
			}
			if changed {
				if _, err := old.db.Exec(`UPDATE assess_template_item SET standard = '自定标准' WHERE ` + item); err != nil {
					t.Fatal(err)
				}
			}
		})
		a1 := templateOf(t, db, data.AssessBranchMonthly)
		it := a1.Items[2]
		want := data.DefaultA1Template().Items[2]
		if changed {
			want.Standard, want.Method, want.Per, want.Auto = "自定标准", data.MethodManual, 0, ""
		}
		if it.Name != want.Name || it.Standard != want.Standard || it.Method != want.Method || it.Per != want.Per || it.Auto != want.Auto {
			t.Errorf("changed %v: item %+v\nwant %+v", changed, it, want)
		}
		db.Close()
	}
}
