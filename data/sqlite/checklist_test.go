package sqlite

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// withoutIDs is ts with the store's ids and times cleared, to compare with data.DefaultChecklists.
func withoutIDs(ts []data.Checklist) []data.Checklist {
	out := make([]data.Checklist, len(ts))
	for i, t := range ts {
		t.ID, t.BranchID = 0, 0
		t.CreatedAt, t.UpdatedAt = time.Time{}, time.Time{}
		out[i] = t
	}
	return out
}

func TestNewFileSeededWithDefaultChecklists(t *testing.T) {
	db := openTemp(t)
	ts, err := db.Checklists(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := data.DefaultChecklists(); !reflect.DeepEqual(withoutIDs(ts), want) {
		t.Errorf("seeded templates\n%+v\nwant\n%+v", withoutIDs(ts), want)
	}
	for _, tp := range ts {
		if tp.BranchID != 1 || tp.CreatedAt.IsZero() {
			t.Errorf("%s: branch %d, created %v", tp.Name, tp.BranchID, tp.CreatedAt)
		}
	}
	if cs, _ := db.Checklists(ctx, "澡堂"); len(cs) != 1 || cs[0].Name != "澡堂检查评分表" {
		t.Errorf("Templates(澡堂) = %+v", cs)
	}
	if th, err := db.GradeThresholds(ctx); err != nil || th != data.DefaultGradeThresholds {
		t.Errorf("thresholds %+v, %v", th, err)
	}
}

// A file of version 2 with data is migrated through 0003 and 0004: a backup first, findings and
// their history kept, the templates and thresholds seeded, and finding.check_id now a reference.
func TestMigration0004OverVersion2(t *testing.T) {
	db := migrateFrom(t, migrationsBefore(t, "0003"), func(old *DB, _ string) {
		// What version 2 of the program saved: a finding with its history.
		stamp := clock.UTC().Format(timestamp)
		if _, err := old.db.Exec(`
		INSERT INTO finding (id, branch_id, source, found_date, category, level, description, responsible, deadline, created_at, updated_at)
		VALUES (1, 1, '其他', '2026-11-02', '食品卫生', '一般', '职工食堂留样记录不全', '孙丽', '2026-11-09', ?, ?);
		INSERT INTO finding_history (finding_id, at, from_state, to_state) VALUES (1, ?, '', '待整改')`, stamp, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	})
	f := handFinding("职工食堂留样记录不全", 2, 9)
	f.ID, f.BranchID, f.Source, f.Level, f.State, f.CreatedAt, f.UpdatedAt = 1, 1, data.SourceOther, "一般", data.StatePending, clock.Local(), clock.Local()
	dir := filepath.Dir(db.Path())
	defer db.Close()
	fixClock(db, clock)
	if b := backups(t, dir); len(b) != 1 || !strings.Contains(filepath.Base(b[0]), "迁移前备份-v2-") {
		t.Fatalf("backups %v", b)
	} else if v := rawQuery(t, b[0], `SELECT count(*) FROM finding`); v != "1" {
		t.Errorf("backup has %s findings", v)
	}
	if got, err := db.Finding(ctx, f.ID); err != nil || !reflect.DeepEqual(got, f) {
		t.Errorf("finding after migrating: %+v, %v\nwant %+v", got, err, f)
	}
	if h, err := db.History(ctx, f.ID); err != nil || len(h) != 1 {
		t.Errorf("history after migrating: %+v, %v", h, err)
	}
	ts, _ := db.Checklists(ctx, "")
	if !reflect.DeepEqual(withoutIDs(ts), data.DefaultChecklists()) {
		t.Errorf("templates in a migrated file: %+v", ts)
	}
	if th, _ := db.GradeThresholds(ctx); th != data.DefaultGradeThresholds {
		t.Errorf("thresholds %+v", th)
	}
	if v := rawQuery(t, db.Path(), `SELECT "table" FROM pragma_foreign_key_list('finding') WHERE "from" = 'check_id'`); v != "facility_check" {
		t.Errorf("finding.check_id refers to %q", v)
	}
}

// checkFixture is a fixture with a canteen and the seeded canteen template.
func checkFixture(t *testing.T) (*fixture, data.Facility, data.Checklist) {
	fx := newFixture(t)
	canteen := fx.facility(t, data.Facility{Category: "食堂", Name: "职工食堂", Manager: "孙丽"})
	ts, err := fx.db.Checklists(ctx, "食堂")
	if err != nil || len(ts) != 1 {
		t.Fatalf("canteen templates %+v, %v", ts, err)
	}
	return fx, canteen, ts[0]
}

// savedCheck saves a full-marks check of a new bathhouse on day d with the seeded template.
func (fx *fixture) savedCheck(t *testing.T, d int) data.Check {
	t.Helper()
	f := fx.facility(t, data.Facility{Category: "澡堂", Name: fmt.Sprintf("%d号澡堂", d)})
	ts, err := fx.db.Checklists(ctx, "澡堂")
	if err != nil || len(ts) == 0 {
		t.Fatalf("bathhouse templates %v, %v", ts, err)
	}
	c := data.NewCheck(f, ts[0], day(d), "王建国")
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckSaveAndScore(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	c := data.NewCheck(canteen, tpl, day(20), "王建国、李卫东")
	c.Items[0].Score, c.Items[0].Reason = 0, "午餐未留样" // a key item fails
	c.Items[3].NA = true                             // 原料索证索票: optional
	c.Items[5].Score, c.Items[5].Reason = 7.5, "地面有积水"
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	got, err := fx.db.Check(ctx, c.ID)
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("Check = %+v, %v\nwant %+v", got, err, c)
	}
	if got.FacilityName != "职工食堂" || got.FacilityCategory != "食堂" || got.ChecklistID != tpl.ID {
		t.Errorf("names: %+v", got)
	}
	s := got.Score(data.DefaultGradeThresholds)
	if s.Got != 77.5 || s.Max != 90 || s.Standard != 86.1 || s.Grade != data.GradeFail || len(s.KeyFailures) != 1 {
		t.Errorf("score %+v", s)
	}

	// Update: a better score, same id, items replaced.
	c.Items[0].Score, c.Items[0].Reason = 10, ""
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Check(ctx, c.ID); got.Score(data.GradeThresholds{}).Grade != data.GradeExcellent || len(got.Items) != 10 {
		t.Errorf("updated: %+v", got.Score(data.GradeThresholds{}))
	}

	refused := []struct {
		name  string
		edit  func(*data.Check)
		field string
		msg   string
	}{
		{"deduction without reason", func(c *data.Check) { c.Items[2].Score = 5 }, "第3项：扣分原因", "请填写扣分原因"},
		{"score above points", func(c *data.Check) { c.Items[1].Score = 11 }, "第2项：得分", "不能超过分值"},
		{"N/A on a required item", func(c *data.Check) { c.Items[0].NA = true }, "第1项：不适用", "不是可缺项"},
		{"future date", func(c *data.Check) { c.Date = day(24) }, data.FCheckDate, ""},
		{"no checker", func(c *data.Check) { c.Checker = " " }, data.FChecker, ""},
		{"unknown facility", func(c *data.Check) { c.FacilityID = 999 }, data.FCheckFacility, "所选设施不存在"},
	}
	for _, r := range refused {
		bad := c
		bad.ID = 0
		bad.Items = append([]data.CheckItem(nil), c.Items...)
		r.edit(&bad)
		fe := fieldErrors(t, fx.db.SaveCheck(ctx, &bad))
		if msg := fe.ForLabel(r.field); msg == "" || !strings.Contains(msg, r.msg) {
			t.Errorf("%s: %v, want %q on %s", r.name, fe, r.msg, r.field)
		}
	}
	if cs, _ := fx.db.Checks(ctx, data.CheckFilter{}); len(cs) != 1 {
		t.Errorf("%d checks after refusals", len(cs))
	}
}

func TestChecksFilter(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	dorm := fx.facility(t, data.Facility{Category: "宿舍", Name: "单身宿舍1号楼", Rooms: 40})
	dormTpl, _ := fx.db.Checklists(ctx, "宿舍")
	var want []int64
	for _, s := range []struct {
		f    data.Facility
		t    data.Checklist
		date int
	}{{canteen, tpl, 5}, {dorm, dormTpl[0], 3}, {canteen, tpl, 12}} {
		c := data.NewCheck(s.f, s.t, day(s.date), "王建国")
		if err := fx.db.SaveCheck(ctx, &c); err != nil {
			t.Fatal(err)
		}
		want = append(want, c.ID)
	}
	cases := []struct {
		f    data.CheckFilter
		want []int64
	}{
		{data.CheckFilter{}, []int64{want[1], want[0], want[2]}},
		{data.CheckFilter{Category: "食堂"}, []int64{want[0], want[2]}},
		{data.CheckFilter{FacilityID: dorm.ID}, []int64{want[1]}},
		{data.CheckFilter{From: day(4), To: day(12)}, []int64{want[0], want[2]}},
	}
	for _, c := range cases {
		cs, err := fx.db.Checks(ctx, c.f)
		var got []int64
		for _, ch := range cs {
			got = append(got, ch.ID)
			if len(ch.Items) == 0 || ch.FacilityName == "" {
				t.Errorf("check %d listed without items or facility name", ch.ID)
			}
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("Checks(%+v) = %v, %v; want %v", c.f, got, err, c.want)
		}
	}
	// A facility with checks cannot be deleted.
	err := fx.db.DeleteFacility(ctx, dorm.ID)
	wantCode(t, err, data.EConflict)
	if !strings.Contains(err.Error(), "已有 1 次检查记录") {
		t.Errorf("refusal: %v", err)
	}
}

// Editing or deleting a template never changes the checks made with it; copies are new templates.
func TestTemplateVersioning(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	c := data.NewCheck(canteen, tpl, day(10), "王建国")
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	before, _ := fx.db.Check(ctx, c.ID)

	cp, err := fx.db.CopyChecklist(ctx, tpl.ID, "")
	if err != nil || cp.ID == 0 || cp.Name != "食堂卫生检查评分表（副本）" || !reflect.DeepEqual(cp.Items, tpl.Items) {
		t.Fatalf("copy %+v, %v", cp, err)
	}
	_, err = fx.db.CopyChecklist(ctx, tpl.ID, "")
	if fe := fieldErrors(t, err); !strings.Contains(fe.For(data.FChecklistName), "已有名为") {
		t.Errorf("second copy: %v", fe)
	}

	tpl.Items[0].Points, tpl.Items[1].Points = 15, 5
	tpl.Items[0].Standard = "留样不少于150克"
	tpl.Items = append(tpl.Items[:9], data.ChecklistItem{Name: "节约粮食", Points: 0}) // replaces 就餐环境 (points fixed below)
	tpl.Items[9].Points = 10
	if err := fx.db.SaveChecklist(ctx, &tpl); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Checklist(ctx, tpl.ID); !reflect.DeepEqual(got.Items, tpl.Items) || got.Items[9].Seq != 10 {
		t.Errorf("edited template %+v", got.Items)
	}
	after, _ := fx.db.Check(ctx, c.ID)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("editing the template changed the check:\n%+v\n%+v", after.Items, before.Items)
	}

	tpl.Items[0].Points = 20 // the total no longer adds up
	if fe := fieldErrors(t, fx.db.SaveChecklist(ctx, &tpl)); fe.For(data.FChecklistTotal) == "" {
		t.Errorf("bad total: %v", fe)
	}
	if err := fx.db.DeleteChecklist(ctx, tpl.ID); err != nil {
		t.Fatal(err)
	}
	after, _ = fx.db.Check(ctx, c.ID)
	if after.ChecklistID != 0 || after.ChecklistName != before.ChecklistName || !reflect.DeepEqual(after.Items, before.Items) {
		t.Errorf("deleting the template changed the check: %+v", after)
	}
	// The check can still be edited and saved without its template.
	after.Checker = "李卫东"
	if err := fx.db.SaveCheck(ctx, &after); err != nil {
		t.Fatal(err)
	}
	if ts, _ := fx.db.Checklists(ctx, "食堂"); len(ts) != 1 || ts[0].ID != cp.ID {
		t.Errorf("templates after delete: %+v", ts)
	}
}

// A finding made from a deduction is linked both ways; deleting the check keeps the finding
// without the link, deleting the finding clears the item's link.
func TestCheckFindingLink(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	c := data.NewCheck(canteen, tpl, day(10), "王建国")
	c.Items[0].Score, c.Items[0].Reason = 0, "晚餐未留样"
	c.Items[1].Score, c.Items[1].Reason = 8, "一人健康证过期"
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	var fs []data.Finding
	for i := range 2 {
		f := data.FindingFromDeduction(c, c.Items[i], canteen, day(23))
		if err := fx.db.CreateFinding(ctx, &f); err != nil {
			t.Fatal(err)
		}
		c.Items[i].FindingID = f.ID
		fs = append(fs, f)
	}
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Check(ctx, c.ID); got.Items[0].FindingID != fs[0].ID || got.Items[1].FindingID != fs[1].ID {
		t.Fatalf("links %+v", got.Items[:2])
	}
	if err := fx.db.DeleteFinding(ctx, fs[1].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Check(ctx, c.ID); got.Items[1].FindingID != 0 {
		t.Errorf("link to a deleted finding kept: %+v", got.Items[1])
	}
	if err := fx.db.DeleteCheck(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	_, err := fx.db.Check(ctx, c.ID)
	wantCode(t, err, data.ENotFound)
	f, err := fx.db.Finding(ctx, fs[0].ID)
	if err != nil || f.CheckID != 0 || f.Source != data.SourceWelfare {
		t.Errorf("finding after its check was deleted: %+v, %v", f, err)
	}
}

// A finding made from a deduction is created and linked in one transaction, once.
func TestCreateCheckFinding(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	c := data.NewCheck(canteen, tpl, day(10), "王建国")
	c.Items[2].Score, c.Items[2].Reason = 5, "消毒柜未通电"
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	f := data.FindingFromDeduction(c, c.Items[2], canteen, day(23))
	if err := fx.db.CreateCheckFinding(ctx, &f, 2); err != nil {
		t.Fatal(err)
	}
	got, _ := fx.db.Check(ctx, c.ID)
	if got.Items[2].FindingID != f.ID || f.ID == 0 || f.CheckID != c.ID {
		t.Fatalf("item %+v, finding %+v", got.Items[2], f)
	}
	again := data.FindingFromDeduction(c, c.Items[2], canteen, day(23))
	wantCode(t, fx.db.CreateCheckFinding(ctx, &again, 2), data.EConflict)
	wantCode(t, fx.db.CreateCheckFinding(ctx, &again, 99), data.ENotFound)
	if fs, _ := fx.db.Findings(ctx, data.FindingFilter{Source: data.SourceWelfare}); len(fs) != 1 {
		t.Fatalf("refused attempts left findings: %d", len(fs))
	}
}

func TestGradeThresholds(t *testing.T) {
	fx := newFixture(t)
	th := data.GradeThresholds{Excellent: 92.5, Pass: 80}
	if err := fx.db.SetGradeThresholds(ctx, th); err != nil {
		t.Fatal(err)
	}
	if got, err := fx.db.GradeThresholds(ctx); err != nil || got != th {
		t.Errorf("thresholds %+v, %v", got, err)
	}
	if fe := fieldErrors(t, fx.db.SetGradeThresholds(ctx, data.GradeThresholds{Excellent: 70, Pass: 80})); fe.For(data.FPassLine) == "" {
		t.Errorf("pass above excellent: %v", fe)
	}
	if got, _ := fx.db.GradeThresholds(ctx); got != th {
		t.Errorf("refused thresholds saved: %+v", got)
	}
	if ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntGrades}); len(ops) != 1 || !strings.Contains(ops[0].Detail, "优秀分数线：90 → 92.5") {
		t.Errorf("log %+v", ops)
	}
}

// Editing a check keeps its items' rows, so a finding in the 回收站 restores with its item link.
func TestCheckEditKeepsItemRows(t *testing.T) {
	fx, canteen, tpl := checkFixture(t)
	c := data.NewCheck(canteen, tpl, day(10), "王建国")
	c.Items[0].Score, c.Items[0].Reason = 5, "晚餐留样不足125克"
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	f := data.FindingFromDeduction(c, c.Items[0], canteen, day(23))
	if err := fx.db.CreateCheckFinding(ctx, &f, 0); err != nil {
		t.Fatal(err)
	}
	ids := func() []int64 {
		rows, err := fx.db.db.Query(`SELECT id FROM check_item WHERE check_id = ? ORDER BY sort`, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			out = append(out, id)
		}
		return out
	}
	before := ids()
	if err := fx.db.DeleteFinding(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	c, _ = fx.db.Check(ctx, c.ID)
	c.Items[1].Score, c.Items[1].Reason = 9, "一人健康证将到期"
	if err := fx.db.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	if after := ids(); !slices.Equal(before, after) {
		t.Fatalf("item rows changed: %v → %v", before, after)
	}
	bin, _ := fx.db.RecycleBin(ctx)
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Check(ctx, c.ID); got.Items[0].FindingID != f.ID {
		t.Fatalf("restored finding lost its item link: %+v", got.Items[0])
	}
}
