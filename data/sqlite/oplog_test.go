package sqlite

import (
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// opCount is the number of log entries.
func opCount(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(`SELECT count(*) FROM op_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// lastOp is the newest log entry.
func lastOp(t *testing.T, db *DB) data.Op {
	t.Helper()
	ops, err := db.OpLog(ctx, data.OpFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) == 0 {
		t.Fatal("the log is empty")
	}
	return ops[0]
}

// Every write path logs exactly one entry, in its transaction, with the record before and after.
func TestOpLogWritePaths(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	var member data.Member
	var group data.Group
	var insp data.Inspection
	var finding data.Finding
	type want struct {
		action, entity, label string
		before, after         map[string]string // fields checked; nil: must be nil
		detail                string            // substring of Detail
	}
	for _, c := range []struct {
		name string
		do   func(t *testing.T)
		want want
	}{
		{"create member", func(t *testing.T) {
			m := newMember("张三", 7)
			m.Mobile, m.TeamID = "13800000000", fx.team1.ID
			member = mustCreate(t, db, m)
		}, want{data.ActCreate, data.EntMember, "张三", nil, map[string]string{"姓名": "张三", "手机号": "13800000000", "班组": "综采一班"}, ""}},
		{"update member", func(t *testing.T) {
			member.Mobile, member.TeamID = "13900000000", fx.team2.ID
			if err := db.UpdateMember(ctx, &member); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntMember, "张三", map[string]string{"手机号": "13800000000"}, map[string]string{"手机号": "13900000000"},
			"手机号：13800000000 → 13900000000；班组：综采一班 → 机电班"}},
		{"create group", func(t *testing.T) {
			group = data.Group{Name: "第一党小组", LeaderID: member.ID}
			if err := db.SaveGroup(ctx, &group); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActCreate, data.EntGroup, "第一党小组", nil, map[string]string{"组长": "张三"}, ""}},
		{"update group", func(t *testing.T) {
			group.Area = "综采工作面"
			if err := db.SaveGroup(ctx, &group); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntGroup, "第一党小组", map[string]string{"责任区说明": ""}, map[string]string{"责任区说明": "综采工作面"}, "责任区说明：（空） → 综采工作面"}},
		{"update team", func(t *testing.T) {
			tm := fx.team2
			tm.GroupID = group.ID
			if err := db.SaveTeam(ctx, &tm); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntTeam, "机电班", nil, nil, "所属党小组：（空） → 第一党小组"}},
		{"save branch", func(t *testing.T) {
			b := data.Branch{Name: "综采一队党支部", Committee: "开滦集团党委"}
			if err := db.SaveBranch(ctx, &b); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntBranch, "综采一队党支部", nil, map[string]string{"名称": "综采一队党支部"}, "名称：（空） → 综采一队党支部"}},
		{"create inspection", func(t *testing.T) {
			insp = fx.save(t, fx.inspection(20, problem("端头支护不及时", 25)))
		}, want{data.ActCreate, data.EntInspection, "2026-11-20 综采一班 四不两直督查", nil,
			map[string]string{"督查组成员": "王建国（牵头）、李卫东", "问题数": "1"}, ""}},
		{"update inspection", func(t *testing.T) {
			insp.Findings = append(insp.Findings, problem("班前会未点名", 26))
			insp = fx.save(t, insp)
		}, want{data.ActUpdate, data.EntInspection, "2026-11-20 综采一班 四不两直督查", map[string]string{"问题数": "1"}, map[string]string{"问题数": "2"}, "问题数：1 → 2"}},
		{"create finding", func(t *testing.T) {
			finding = fx.create(t, handFinding("食堂地面湿滑", 21, 24))
		}, want{data.ActCreate, data.EntFinding, "食堂地面湿滑", nil, map[string]string{"状态": data.StatePending}, ""}},
		{"update finding", func(t *testing.T) {
			finding.Responsible = "周强"
			if err := db.UpdateFinding(ctx, &finding); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntFinding, "食堂地面湿滑", map[string]string{"责任人": "孙丽"}, map[string]string{"责任人": "周强"}, "责任人：孙丽 → 周强"}},
		{"change state", func(t *testing.T) {
			fx.move(t, finding.ID, data.StateFixing, "", nil)
		}, want{data.ActState, data.EntFinding, "食堂地面湿滑", map[string]string{"状态": data.StatePending}, map[string]string{"状态": data.StateFixing}, "状态：待整改 → 整改中"}},
		{"delete finding", func(t *testing.T) {
			if err := db.DeleteFinding(ctx, finding.ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActDelete, data.EntFinding, "食堂地面湿滑", map[string]string{"问题描述": "食堂地面湿滑"}, nil, "回收站"}},
		{"set options", func(t *testing.T) {
			if err := db.SetOptions(ctx, data.ListFindingLevels, []string{"一般", "较大"}); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntOption, data.ListFindingLevels, nil, nil, "问题等级：一般、较大、重大 → 一般、较大"}},
		{"set key posts", func(t *testing.T) {
			if err := db.SetKeyPosts(ctx, []string{"出纳"}); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActUpdate, data.EntKeyPost, data.FKeyPost, nil, map[string]string{"重点岗位": "出纳"}, "→ 出纳"}},
		{"import", func(t *testing.T) {
			ms := manyMembers(3)
			if _, err := db.ImportMembers(ctx, ms, data.ImportSkip, nil); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActImport, data.EntMember, "党员名单 3 行", nil, nil, "新增 3 人，更新 0 人，跳过 0 人"}},
		{"delete inspection", func(t *testing.T) {
			if err := db.DeleteInspection(ctx, insp.ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActDelete, data.EntInspection, "2026-11-20 综采一班 四不两直督查", map[string]string{"问题数": "2"}, nil, "回收站"}},
		{"delete group", func(t *testing.T) {
			if err := db.DeleteGroup(ctx, group.ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActDelete, data.EntGroup, "第一党小组", map[string]string{"组长": "张三"}, nil, "回收站"}},
		{"delete team", func(t *testing.T) {
			if err := db.DeleteTeam(ctx, fx.team1.ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActDelete, data.EntTeam, "综采一班", map[string]string{"名称": "综采一班"}, nil, "回收站"}},
		{"delete member", func(t *testing.T) {
			if err := db.DeleteMember(ctx, member.ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActDelete, data.EntMember, "张三", map[string]string{"手机号": "13900000000"}, nil, "回收站"}},
		{"restore", func(t *testing.T) {
			bin, err := db.RecycleBin(ctx)
			if err != nil || len(bin) == 0 {
				t.Fatal(bin, err)
			}
			if err := db.RestoreFromBin(ctx, bin[0].ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActRestore, data.EntMember, "张三", nil, map[string]string{"姓名": "张三"}, "从回收站恢复"}},
		{"purge", func(t *testing.T) {
			bin, _ := db.RecycleBin(ctx)
			if err := db.PurgeBin(ctx, bin[0].ID); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActPurge, data.EntTeam, "综采一班", map[string]string{"名称": "综采一班"}, nil, "彻底删除"}},
		{"empty bin", func(t *testing.T) {
			if err := db.EmptyBin(ctx); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActEmptyBin, "回收站", "", nil, nil, "彻底删除 3 项"}},
		{"event", func(t *testing.T) {
			if err := db.LogEvent(ctx, data.ActRestoreFile, data.EntDataFile, "ledger-备份.db", "从备份还原"); err != nil {
				t.Fatal(err)
			}
		}, want{data.ActRestoreFile, data.EntDataFile, "ledger-备份.db", nil, nil, "从备份还原"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := opCount(t, db)
			c.do(t)
			if got := opCount(t, db); got != n+1 {
				t.Fatalf("%d log entries written, want 1", got-n)
			}
			op := lastOp(t, db)
			w := c.want
			if op.Action != w.action || op.Entity != w.entity || op.Label != w.label {
				t.Errorf("entry = %s %s %q, want %s %s %q", op.Action, op.Entity, op.Label, w.action, w.entity, w.label)
			}
			if !strings.Contains(op.Detail, w.detail) {
				t.Errorf("detail = %q, want it to contain %q", op.Detail, w.detail)
			}
			for _, side := range []struct {
				name string
				got  data.Fields
				want map[string]string
			}{{"before", op.Before, w.before}, {"after", op.After, w.after}} {
				for label, v := range side.want {
					if g := side.got.Get(label); g != v {
						t.Errorf("%s %s = %q, want %q", side.name, label, g, v)
					}
				}
			}
			if (w.action == data.ActCreate || w.action == data.ActRestore) && op.Before != nil {
				t.Errorf("a creation has a before: %v", op.Before)
			}
			if (w.action == data.ActDelete || w.action == data.ActPurge) && op.After != nil {
				t.Errorf("a deletion has an after: %v", op.After)
			}
			if want := clock.Local(); !op.At.Equal(want) || op.At.Location() != time.Local {
				t.Errorf("time = %v, want %v in local time", op.At, want)
			}
		})
	}
}

// A refused or failed save logs nothing and bins nothing; a save that changes nothing logs nothing.
func TestOpLogFailedSaves(t *testing.T) {
	fx := newFixture(t)
	db := fx.db
	fx.save(t, fx.inspection(20))
	dup := newMember("重复", 1) // the ID number of fx.lead
	bad := fx.worker
	bad.IDNumber = fx.lead.IDNumber
	same := fx.worker
	for _, c := range []struct {
		name string
		do   func() error
		fail bool
	}{
		{"invalid member", func() error { m := newMember("", 9); return db.CreateMember(ctx, &m) }, true},
		{"duplicate ID number", func() error { return db.CreateMember(ctx, &dup) }, true},
		{"update to a taken ID number", func() error { return db.UpdateMember(ctx, &bad) }, true},
		{"delete an inspector", func() error { return db.DeleteMember(ctx, fx.lead.ID) }, true},
		{"delete a missing member", func() error { return db.DeleteMember(ctx, 999) }, true},
		{"import clash", func() error {
			_, err := db.ImportMembers(ctx, []data.Member{newMember("新人", 11), newMember("王建国", 1)}, data.ImportAdd, nil)
			return err
		}, true},
		{"refused move", func() error {
			f := fx.create(t, handFinding("灯不亮", 21, 24))
			n := opCount(t, db)
			_, err := db.ChangeState(ctx, f.ID, data.StateClosed, "", nil)
			if opCount(t, db) != n {
				t.Error("a refused move was logged")
			}
			return err
		}, true},
		{"unchanged member", func() error { return db.UpdateMember(ctx, &same) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := opCount(t, db)
			bin, _ := db.RecycleBin(ctx)
			err := c.do()
			if (err != nil) != c.fail {
				t.Fatalf("err = %v, want failure %v", err, c.fail)
			}
			if c.name == "refused move" {
				n++ // the finding's creation
			}
			if got := opCount(t, db); got != n {
				t.Errorf("%d entries logged, want none", got-n)
			}
			if after, _ := db.RecycleBin(ctx); len(after) != len(bin) {
				t.Errorf("bin grew from %d to %d", len(bin), len(after))
			}
		})
	}
	wantCode(t, db.DeleteMember(ctx, fx.lead.ID), data.EConflict)
}

func TestOpLogFilter(t *testing.T) {
	db := openTemp(t)
	days := []time.Time{
		time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local),
		time.Date(2026, 11, 10, 23, 30, 0, 0, time.Local), // late evening: the local day counts, not UTC's
		time.Date(2026, 11, 20, 0, 10, 0, 0, time.Local),
	}
	names := []string{"张三", "李四", "王五"}
	var ms []data.Member
	for i, d := range days {
		fixClock(db, d)
		ms = append(ms, mustCreate(t, db, newMember(names[i], 2*i+1)))
	}
	ms[0].Mobile = "13812345678"
	if err := db.UpdateMember(ctx, &ms[0]); err != nil {
		t.Fatal(err)
	}
	g := data.Group{Name: "第二党小组"}
	if err := db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	labels := func(ops []data.Op) string {
		var s []string
		for _, o := range ops {
			s = append(s, o.Action+o.Label)
		}
		return strings.Join(s, ",")
	}
	for _, c := range []struct {
		name string
		f    data.OpFilter
		want string
	}{
		{"all, newest first", data.OpFilter{}, "新增第二党小组,修改张三,新增王五,新增李四,新增张三"},
		{"one day", data.OpFilter{From: data.NewDate(2026, 11, 10), To: data.NewDate(2026, 11, 10)}, "新增李四"},
		{"from", data.OpFilter{From: data.NewDate(2026, 11, 11)}, "新增第二党小组,修改张三,新增王五"},
		{"to", data.OpFilter{To: data.NewDate(2026, 11, 9)}, "新增张三"},
		{"entity", data.OpFilter{Entity: data.EntGroup}, "新增第二党小组"},
		{"action", data.OpFilter{Action: data.ActUpdate}, "修改张三"},
		{"text in label", data.OpFilter{Text: "王五"}, "新增王五"},
		{"text in change", data.OpFilter{Text: "13812345678"}, "修改张三"},
		{"nothing", data.OpFilter{Entity: data.EntMember, Action: data.ActDelete}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ops, err := db.OpLog(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := labels(ops); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}
