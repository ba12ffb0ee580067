package sqlite

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// handFinding is a valid finding typed by hand (来源 其他), found on day found.
func handFinding(desc string, found, deadline int) data.Finding {
	return data.Finding{FoundDate: day(found), Category: "食品卫生", Description: desc, Responsible: "孙丽", Deadline: day(deadline)}
}

func (fx *fixture) create(t *testing.T, f data.Finding) data.Finding {
	t.Helper()
	if err := fx.db.CreateFinding(ctx, &f); err != nil {
		t.Fatalf("CreateFinding(%s): %v", f.Description, err)
	}
	return f
}

// The whole close-out flow through the store, with a failed check and a reopening: every move is in
// the history with its time, reason and close-out.
func TestFindingFlow(t *testing.T) {
	fx := newFixture(t)
	f := fx.create(t, handFinding("职工食堂留样记录不全", 2, 9))
	if f.Source != data.SourceOther || f.State != data.StatePending || f.Level != "一般" {
		t.Fatalf("created: %+v", f)
	}
	steps := []struct {
		to, reason string
		co         *data.CloseOut
	}{
		{data.StateFixing, "", nil},
		{data.StateReview, "", nil},
		{data.StateFixing, "  留样柜温度记录仍缺两天 ", nil}, // 验收不通过
		{data.StateReview, "", nil},
		{data.StateClosed, "", &data.CloseOut{Progress: "已补全留样记录，专人负责", Acceptor: "王建国", ClosedDate: day(8)}},
		{data.StateFixing, "复查发现又有漏记", nil}, // 重新打开
		{data.StateReview, "", nil},
		{data.StateClosed, "", &data.CloseOut{Progress: "建立每日检查表", Acceptor: "李卫东", ClosedDate: day(20)}},
	}
	from := data.StatePending
	for i, s := range steps {
		at := clock.Add(time.Duration(i+1) * time.Minute)
		fixClock(fx.db, at)
		got := fx.move(t, f.ID, s.to, s.reason, s.co)
		if got.State != s.to || !got.UpdatedAt.Equal(at) || !got.CreatedAt.Equal(clock) {
			t.Errorf("step %d: %+v", i, got)
		}
		saved, _ := fx.db.Finding(ctx, f.ID)
		if !reflect.DeepEqual(saved, got) {
			t.Errorf("step %d: saved\n%+v\nreturned\n%+v", i, saved, got)
		}
		h, err := fx.db.History(ctx, f.ID)
		if err != nil || len(h) != i+2 {
			t.Fatalf("step %d: history %+v, %v", i, h, err)
		}
		last := h[len(h)-1]
		if last.From != from || last.To != s.to || last.Reason != strings.TrimSpace(s.reason) || !last.At.Equal(at) || last.FindingID != f.ID {
			t.Errorf("step %d: history entry %+v", i, last)
		}
		if (last.CloseOut != nil) != (s.co != nil) || s.co != nil && *last.CloseOut != *s.co {
			t.Errorf("step %d: close-out in history %+v, want %+v", i, last.CloseOut, s.co)
		}
		from = s.to

		switch i {
		case 4:
			if got.ClosedDate != day(8) || got.Acceptor != "王建国" || got.Progress != "已补全留样记录，专人负责" {
				t.Errorf("closed: %+v", got)
			}
		case 5: // reopened: no longer closed, the close-out stays in the history
			if !got.ClosedDate.IsZero() || got.Progress != "已补全留样记录，专人负责" {
				t.Errorf("reopened: %+v", got)
			}
			if h[5].CloseOut == nil || h[5].CloseOut.ClosedDate != day(8) {
				t.Errorf("first close-out lost: %+v", h[5])
			}
		}
	}
	got, _ := fx.db.Finding(ctx, f.ID)
	if got.State != data.StateClosed || got.ClosedDate != day(20) || got.Acceptor != "李卫东" {
		t.Errorf("final: %+v", got)
	}
	_, err := fx.db.ChangeState(ctx, 9999, data.StateFixing, "", nil)
	wantCode(t, err, data.ENotFound)
	_, err = fx.db.History(ctx, 9999)
	wantCode(t, err, data.ENotFound)
}

// A refused move changes neither the finding nor its history.
func TestRefusedTransitions(t *testing.T) {
	fx := newFixture(t)
	pending := fx.create(t, handFinding("留样柜未上锁", 2, 9))
	review := fx.create(t, handFinding("餐具消毒记录缺失", 2, 9))
	fx.move(t, review.ID, data.StateFixing, "", nil)
	fx.move(t, review.ID, data.StateReview, "", nil)
	closed := fx.close(t, fx.create(t, handFinding("后厨地面油污", 2, 9)).ID, day(5))

	good := &data.CloseOut{Progress: "已整改", Acceptor: "王建国", ClosedDate: day(10)}
	tests := []struct {
		name   string
		id     int64
		to     string
		reason string
		co     *data.CloseOut
		code   string
		msg    string
	}{
		{"skip a step", pending.ID, data.StateReview, "", nil, data.EInvalid, "不能直接改为"},
		{"close at once", pending.ID, data.StateClosed, "", good, data.EInvalid, "不能直接改为"},
		{"same state", pending.ID, data.StatePending, "", nil, data.EInvalid, "不能直接改为"},
		{"unknown state", pending.ID, "搁置", "", nil, data.EInvalid, "不能直接改为"},
		{"fail without reason", review.ID, data.StateFixing, " ", nil, data.EInvalid, "须说明原因"},
		{"close without details", review.ID, data.StateClosed, "", nil, data.EInvalid, "销号前须填写"},
		{"close before found", review.ID, data.StateClosed, "", &data.CloseOut{Progress: "x", Acceptor: "王建国", ClosedDate: day(1)}, data.EInvalid, "不能早于发现日期"},
		{"close in the future", review.ID, data.StateClosed, "", &data.CloseOut{Progress: "x", Acceptor: "王建国", ClosedDate: day(24)}, data.EInvalid, "不能晚于今天"},
		{"reopen without reason", closed.ID, data.StateFixing, "", nil, data.EInvalid, "须说明原因"},
		{"back to pending", closed.ID, data.StatePending, "有人要求", nil, data.EInvalid, "不能直接改为"},
	}
	for _, tt := range tests {
		before, _ := fx.db.Finding(ctx, tt.id)
		history, _ := fx.db.History(ctx, tt.id)
		fixClock(fx.db, clock.Add(time.Hour))
		f, err := fx.db.ChangeState(ctx, tt.id, tt.to, tt.reason, tt.co)
		fixClock(fx.db, clock)
		if data.ErrorCode(err) != tt.code || !strings.Contains(data.ErrorMessage(err), tt.msg) {
			t.Errorf("%s: %v, want %s with %q", tt.name, err, tt.code, tt.msg)
		}
		if f != (data.Finding{}) {
			t.Errorf("%s: refused move returned %+v", tt.name, f)
		}
		after, _ := fx.db.Finding(ctx, tt.id)
		if after != before {
			t.Errorf("%s: finding changed\n%+v\n%+v", tt.name, before, after)
		}
		if h, _ := fx.db.History(ctx, tt.id); !reflect.DeepEqual(h, history) {
			t.Errorf("%s: history changed: %+v", tt.name, h)
		}
	}
}

func TestCreateFinding(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10))

	// Typed the untidy way, naming a team and a member.
	f := handFinding(" 职工宿舍 私拉乱接电线 ", 20, 23)
	f.Category, f.Level, f.TeamID, f.MemberID, f.Responsible = "设施设备", "重大", fx.team2.ID, fx.worker.ID, "孙　丽"
	f = fx.create(t, f)
	if f.ID == 0 || f.BranchID != 1 || f.Description != "职工宿舍 私拉乱接电线" || f.Responsible != "孙丽" || !f.CreatedAt.Equal(clock) {
		t.Errorf("created: %+v", f)
	}
	if got, err := fx.db.Finding(ctx, f.ID); err != nil || got != f {
		t.Errorf("Finding() = %+v, %v\nwant %+v", got, err, f)
	}

	// A finding closed on the spot is created closed, its close-out in the history.
	spot := handFinding("灭火器压力不足", 20, 20)
	spot.State, spot.Progress, spot.Acceptor, spot.ClosedDate = data.StateClosed, "当场更换", "王建国", day(20)
	spot = fx.create(t, spot)
	if h, _ := fx.db.History(ctx, spot.ID); len(h) != 1 || h[0].To != data.StateClosed || h[0].CloseOut == nil || h[0].CloseOut.Acceptor != "王建国" {
		t.Errorf("history of a finding created closed: %+v", h)
	}

	// Added to an inspection on its own: the source follows.
	late := handFinding("复查发现风门未关", 12, 15)
	late.InspectionID = in.ID
	late = fx.create(t, late)
	if late.Source != data.SourceInspection {
		t.Errorf("source %q", late.Source)
	}
	if got, _ := fx.db.Inspection(ctx, in.ID); len(got.Findings) != 1 || got.Findings[0].ID != late.ID {
		t.Errorf("inspection's findings: %+v", got.Findings)
	}
	welfare := handFinding("澡堂地面湿滑", 12, 15)
	check := fx.savedCheck(t, 10)
	welfare.CheckID = check.ID
	if welfare = fx.create(t, welfare); welfare.Source != data.SourceWelfare || welfare.CheckID != check.ID {
		t.Errorf("welfare finding: %+v", welfare)
	}

	tests := []struct {
		name   string
		change func(f *data.Finding)
		field  string
	}{
		{"missing description", func(f *data.Finding) { f.Description = "" }, data.FDescription},
		{"category not in the list", func(f *data.Finding) { f.Category = "生产任务" }, data.FCategoryF},
		{"level not in the list", func(f *data.Finding) { f.Level = "特大" }, data.FLevel},
		{"team not in the file", func(f *data.Finding) { f.TeamID = 9999 }, data.FTeam},
		{"member not in the file", func(f *data.Finding) { f.MemberID = 9999 }, data.FMember},
		{"inspection not in the file", func(f *data.Finding) { f.InspectionID = 9999 }, "来源"},
		{"inspection with another source", func(f *data.Finding) { f.InspectionID, f.Source = in.ID, data.SourceOther }, "来源"},
		{"check with another source", func(f *data.Finding) { f.CheckID, f.Source = 3, data.SourceInspection }, "来源"},
		{"found before its inspection", func(f *data.Finding) { f.InspectionID, f.FoundDate = in.ID, day(9) }, data.FFoundDate},
		{"open with a close date", func(f *data.Finding) { f.ClosedDate = day(20) }, data.FClosedDate},
	}
	n := len(fx.db.mustFindings(t, data.FindingFilter{}))
	for _, tt := range tests {
		f := handFinding("后厨排风扇油污严重", 10, 20)
		tt.change(&f)
		if fe := fieldErrors(t, fx.db.CreateFinding(ctx, &f)); fe.For(tt.field) == "" {
			t.Errorf("%s: %v, want a problem on %s", tt.name, fe, tt.field)
		}
	}
	if got := len(fx.db.mustFindings(t, data.FindingFilter{})); got != n {
		t.Errorf("refused findings were saved: %d, want %d", got, n)
	}
}

// UpdateFinding edits everything but the state, the close-out and where the finding came from.
func TestUpdateFinding(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("端头支护不及时", 15)))
	f := fx.close(t, in.Findings[0].ID, day(14))
	history, _ := fx.db.History(ctx, f.ID)

	later := clock.Add(time.Hour)
	fixClock(fx.db, later)
	edit := f
	edit.Description, edit.Level, edit.Deadline, edit.MemberID = "端头支护不及时，超前段空顶", "较大", day(16), fx.worker.ID
	edit.State, edit.Progress, edit.Acceptor, edit.ClosedDate = data.StatePending, "", "", data.Date{}
	edit.InspectionID, edit.Source, edit.BranchID = 0, "", 5
	if err := fx.db.UpdateFinding(ctx, &edit); err != nil {
		t.Fatal(err)
	}
	want := f
	want.Description, want.Level, want.Deadline, want.MemberID, want.UpdatedAt = "端头支护不及时，超前段空顶", "较大", day(16), fx.worker.ID, later.Local()
	if edit != want {
		t.Errorf("updated\n%+v\nwant\n%+v", edit, want)
	}
	if got, _ := fx.db.Finding(ctx, f.ID); got != want {
		t.Errorf("saved\n%+v\nwant\n%+v", got, want)
	}
	if h, _ := fx.db.History(ctx, f.ID); !reflect.DeepEqual(h, history) {
		t.Errorf("an edit changed the history: %+v", h)
	}

	// A category that left the list stays acceptable on the finding that has it, not on others.
	if err := fx.db.SetOptions(ctx, data.ListFindingCategories, []string{"作风纪律", "其他"}); err != nil {
		t.Fatal(err)
	}
	edit.Measures = "加强支护管理"
	if err := fx.db.UpdateFinding(ctx, &edit); err != nil {
		t.Errorf("edit keeping a retired category: %v", err)
	}
	other := handFinding("留样不足", 10, 12)
	other.Category = "安全生产不实"
	if fe := fieldErrors(t, fx.db.CreateFinding(ctx, &other)); fe.For(data.FCategoryF) == "" {
		t.Errorf("retired category accepted for a new finding: %v", fe)
	}

	bad := edit
	bad.FoundDate = day(15) // after the close date
	if fe := fieldErrors(t, fx.db.UpdateFinding(ctx, &bad)); fe.For(data.FClosedDate) == "" {
		t.Errorf("found after closed: %v", fe)
	}
	bad = edit
	bad.FoundDate = day(9) // before its inspection
	if fe := fieldErrors(t, fx.db.UpdateFinding(ctx, &bad)); fe.For(data.FFoundDate) == "" {
		t.Errorf("found before the inspection: %v", fe)
	}
	bad = edit
	bad.Source = data.SourceOther
	if fe := fieldErrors(t, fx.db.UpdateFinding(ctx, &bad)); fe.For("来源") == "" {
		t.Errorf("an inspection's finding made 其他: %v", fe)
	}
	bad.ID = 9999
	wantCode(t, fx.db.UpdateFinding(ctx, &bad), data.ENotFound)
}

func TestDeleteFinding(t *testing.T) {
	fx := newFixture(t)
	f := fx.create(t, handFinding("留样不足", 10, 12))
	keep := fx.create(t, handFinding("餐具未消毒", 10, 12))
	fx.move(t, f.ID, data.StateFixing, "", nil)
	if err := fx.db.DeleteFinding(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	_, err := fx.db.Finding(ctx, f.ID)
	wantCode(t, err, data.ENotFound)
	wantCode(t, fx.db.DeleteFinding(ctx, f.ID), data.ENotFound)
	var n int
	if err := fx.db.db.QueryRow(`SELECT count(*) FROM finding_history`).Scan(&n); err != nil || n != 1 {
		t.Errorf("history rows %d, want the other finding's one: %v", n, err)
	}
	if got := fx.db.mustFindings(t, data.FindingFilter{}); len(got) != 1 || got[0].ID != keep.ID {
		t.Errorf("left: %+v", got)
	}
}

func TestFindingFilters(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(5, problem("甲 督查 待整改 期限8日", 8), problem("乙 督查 已销号", 8)))
	a, b := in.Findings[0].ID, in.Findings[1].ID
	fx.close(t, b, day(7))
	mk := func(desc string, found, deadline int, team int64, responsible, category string) int64 {
		f := handFinding(desc, found, deadline)
		f.TeamID, f.Responsible, f.Category = team, responsible, category
		return fx.create(t, f).ID
	}
	c := mk("丙 整改中 期限20日", 12, 20, fx.team2.ID, "钱海涛", "设施设备")
	fx.move(t, c, data.StateFixing, "", nil)
	d := mk("丁 待验收 期限22日", 20, 22, 0, "孙丽", "食品卫生")
	fx.move(t, d, data.StateFixing, "", nil)
	fx.move(t, d, data.StateReview, "", nil)
	e := mk("戊 待整改 期限23日", 20, 23, 0, "孙丽", "食品卫生")

	tests := []struct {
		name string
		f    data.FindingFilter
		want []int64
	}{
		{"all, by found date", data.FindingFilter{}, []int64{a, b, c, d, e}},
		{"from", data.FindingFilter{From: day(12)}, []int64{c, d, e}},
		{"to", data.FindingFilter{To: day(12)}, []int64{a, b, c}},
		{"range", data.FindingFilter{From: day(6), To: day(19)}, []int64{c}},
		{"one state", data.FindingFilter{States: []string{data.StateClosed}}, []int64{b}},
		{"states", data.FindingFilter{States: []string{data.StatePending, data.StateReview}}, []int64{a, d, e}},
		{"category", data.FindingFilter{Category: "食品卫生"}, []int64{d, e}},
		{"team", data.FindingFilter{TeamID: fx.team1.ID}, []int64{a, b}},
		{"no team", data.FindingFilter{TeamID: -1}, []int64{d, e}},
		{"source", data.FindingFilter{Source: data.SourceOther}, []int64{c, d, e}},
		{"inspection", data.FindingFilter{InspectionID: in.ID}, []int64{a, b}},
		{"responsible", data.FindingFilter{Responsible: " 孙 丽"}, []int64{d, e}},
		// Overdue on the 23rd: open and the deadline passed (a on the 8th, c on the 20th, d on the 22nd);
		// e is due that day, b is closed.
		{"overdue", data.FindingFilter{OverdueOn: day(23)}, []int64{a, c, d}},
		{"overdue on the 21st", data.FindingFilter{OverdueOn: day(21)}, []int64{a, c}},
		{"due by", data.FindingFilter{DueBy: day(22)}, []int64{a, c, d}},
		{"due by today", data.FindingFilter{DueBy: day(23)}, []int64{a, c, d, e}},
		{"due by, overdue excluded by from", data.FindingFilter{DueBy: day(23), From: day(20)}, []int64{d, e}},
		{"combined", data.FindingFilter{States: []string{data.StatePending}, Source: data.SourceInspection, OverdueOn: day(23)}, []int64{a}},
		{"none", data.FindingFilter{Category: "作风纪律"}, nil},
	}
	for _, tt := range tests {
		var got []int64
		for _, f := range fx.db.mustFindings(t, tt.f) {
			got = append(got, f.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOptions(t *testing.T) {
	db := openTemp(t)
	for list, want := range map[string][]string{
		data.ListFindingCategories: data.DefaultFindingCategories,
		data.ListFindingLevels:     data.DefaultFindingLevels,
		"未设置的列表":                   {},
	} {
		if got, err := db.Options(ctx, list); err != nil || !slices.Equal(got, want) {
			t.Errorf("Options(%s) = %v, %v; want %v", list, got, err, want)
		}
	}
	cats := []string{" 安全生产不实", "作风纪律", "ａｂ 类"}
	if err := db.SetOptions(ctx, data.ListFindingCategories, cats); err != nil {
		t.Fatal(err)
	}
	want := []string{"安全生产不实", "作风纪律", "ab 类"}
	if got, _ := db.Options(ctx, data.ListFindingCategories); !slices.Equal(got, want) {
		t.Errorf("categories %v, want %v", got, want)
	}
	if got, _ := db.Options(ctx, data.ListFindingLevels); !slices.Equal(got, data.DefaultFindingLevels) {
		t.Errorf("setting one list changed another: %v", got)
	}

	tests := []struct {
		list   string
		values []string
		msg    string
	}{
		{data.ListFindingCategories, []string{"作风纪律", " "}, "第2个问题类别为空"},
		{data.ListFindingCategories, []string{"作风纪律", "作风纪律 "}, "重复"},
		{data.ListFindingCategories, []string{strings.Repeat("长", 21)}, "超过20个字"},
		{data.ListFindingCategories, nil, "至少要保留一项"},
		{data.ListFindingLevels, []string{"较大", "重大"}, "默认等级"},
		{data.ListFindingLevels, []string{"一般", strings.Repeat("级", 11)}, "超过10个字"},
	}
	for _, tt := range tests {
		before, _ := db.Options(ctx, tt.list)
		fe := fieldErrors(t, db.SetOptions(ctx, tt.list, tt.values))
		if !strings.Contains(fe.For(tt.list), tt.msg) {
			t.Errorf("SetOptions(%s, %q): %v, want %q", tt.list, tt.values, fe, tt.msg)
		}
		if after, _ := db.Options(ctx, tt.list); !slices.Equal(after, before) {
			t.Errorf("a refused list changed the saved one: %v", after)
		}
	}
	wantCode(t, db.SetOptions(ctx, " ", []string{"x"}), data.EInvalid)

	// A list set survives reopening.
	if err := db.SetOptions(ctx, data.ListFindingLevels, []string{"重大", "一般"}); err != nil {
		t.Fatal(err)
	}
	db = reopen(t, db)
	if got, _ := db.Options(ctx, data.ListFindingLevels); !slices.Equal(got, []string{"重大", "一般"}) {
		t.Errorf("levels after reopening: %v", got)
	}
}

// The schema holds the finding rules even against writes that bypass the store.
func TestFindingSchemaChecks(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("端头支护不及时", 15)))
	open := in.Findings[0].ID
	closed := fx.close(t, fx.create(t, handFinding("留样不足", 10, 12)).ID, day(11)).ID
	set := func(table string, id int64, assign string, args ...any) error {
		_, err := fx.db.db.Exec(`UPDATE `+table+` SET `+assign+` WHERE id = ?`, append(args, id)...)
		return err
	}
	accepted := []struct {
		table string
		id    int64
		set   string
		args  []any
	}{
		{"finding", open, "state = ?", []any{data.StateReview}},
		{"finding", closed, "source = ?", []any{data.SourceWelfare}},
		{"inspection", in.ID, "shift = ''", nil},
	}
	for _, k := range data.InspectionKinds {
		accepted = append(accepted, struct {
			table string
			id    int64
			set   string
			args  []any
		}{"inspection", in.ID, "kind = ?", []any{k}})
	}
	for _, a := range accepted {
		if err := set(a.table, a.id, a.set, a.args...); err != nil {
			t.Errorf("%s %s %v refused: %v", a.table, a.set, a.args, err)
		}
	}
	refused := []struct {
		table string
		id    int64
		set   string
	}{
		{"finding", open, "state = '完成'"},
		{"finding", open, "closed_date = '2026-11-20'"},    // open with a close date
		{"finding", closed, "closed_date = ''"},            // closed without one
		{"finding", open, "state = '已销号'"},                 // likewise
		{"finding", closed, "closed_date = '2026-11-09'"},  // before found
		{"finding", open, "deadline = '2026-11-09'"},       // before found
		{"finding", open, "found_date = '2026-11-31'"},     // no such day
		{"finding", closed, "check_id = 12345"},            // no such check (a reference since 0004)
		{"finding", open, "source = '其他'"},                 // an inspection's finding
		{"finding", closed, "source = '督查', check_id = 1"}, // a check's finding from an inspection
		{"finding", open, "category = ''"},
		{"finding", open, "level = ''"},
		{"finding", open, "responsible = ''"},
		{"finding", open, "team_id = 9999"},
		{"finding", open, "member_id = 9999"},
		{"finding", open, "inspection_id = 9999"},
		{"inspection", in.ID, "kind = '抽查'"},
		{"inspection", in.ID, "shift = '白班'"},
		{"inspection", in.ID, "unit = ''"},
		{"inspection", in.ID, "date = '2026/11/10'"},
		{"inspection", in.ID, "team_id = 9999"},
	}
	for _, r := range refused {
		if err := set(r.table, r.id, r.set); err == nil {
			t.Errorf("%s %s accepted", r.table, r.set)
		}
	}
	for _, stmt := range []string{
		`UPDATE inspector SET lead = 2`,
		`UPDATE inspector SET member_id = 9999`,
		`INSERT INTO finding_history (finding_id, at, from_state, to_state) VALUES (9999, '2026-11-23 10:00:00', '', '待整改')`,
		`INSERT INTO finding_history (finding_id, at, from_state, to_state) VALUES (1, '2026-11-23 10:00:00', '待整改', '已完成')`,
		`INSERT INTO finding_history (finding_id, at, from_state, to_state) VALUES (1, '2026-11-23 10:00:00', '待验收', '已销号')`,
		`INSERT INTO option_list (list, value, sort) VALUES ('问题类别', '作风纪律', 10)`,
		`INSERT INTO option_list (list, value, sort) VALUES ('问题类别', '', 10)`,
	} {
		if _, err := fx.db.db.Exec(stmt); err == nil {
			t.Errorf("accepted: %s", stmt)
		}
	}
}

func TestCheckFindings(t *testing.T) {
	fx := newFixture(t)
	in := fx.save(t, fx.inspection(10, problem("端头支护不及时", 15)))
	f := fx.create(t, handFinding("留样不足", 10, 12))
	if problems, err := fx.db.Verify(ctx, day(23)); err != nil || len(problems) != 0 {
		t.Fatalf("sound file: %v %v", problems, err)
	}
	// Rules the schema cannot hold, broken behind the program's back.
	if _, err := fx.db.db.Exec(`UPDATE finding SET responsible = ? WHERE id = ?`, strings.Repeat("名", 21), in.Findings[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.db.db.Exec(`UPDATE finding SET description = category WHERE id = ?`, f.ID); err != nil {
		t.Fatal(err)
	}
	problems, err := fx.db.Verify(ctx, day(23))
	if err != nil || len(problems) != 2 ||
		!strings.Contains(problems[0], "督查记录（2026-11-10 综采一班）：问题1："+data.FResponsible) ||
		!strings.Contains(problems[1], "2026-11-10 发现") || !strings.Contains(problems[1], data.FDescription) {
		t.Fatalf("broken rules: %q %v", problems, err)
	}
}

// WithClock writes with its own clock (the stamps and the day moves are validated against) and
// leaves the store it came from on its clock: demo.Load writes past events at their times.
func TestWithClock(t *testing.T) {
	fx := newFixture(t)
	past := time.Date(2026, time.November, 3, 9, 40, 0, 0, time.Local)
	at := past
	st := fx.db.WithClock(func() time.Time { return at })
	f := handFinding("职工食堂留样记录不全", 3, 9)
	if err := st.CreateFinding(ctx, &f); err != nil {
		t.Fatal(err)
	}
	at = past.Add(26 * time.Hour)
	if _, err := st.ChangeState(ctx, f.ID, data.StateFixing, "", nil); err != nil {
		t.Fatal(err)
	}
	at = at.Add(time.Hour)
	if _, err := st.ChangeState(ctx, f.ID, data.StateReview, "", nil); err != nil {
		t.Fatal(err)
	}
	// Closing on the 5th is refused on the 4th (a date to come) by the clock's day, not by db's.
	co := &data.CloseOut{Progress: "已补全", Acceptor: "王书记", ClosedDate: day(5)}
	if _, err := st.ChangeState(ctx, f.ID, data.StateClosed, "", co); err == nil {
		t.Error("closed on a day after the clock's")
	}
	if _, err := fx.db.ChangeState(ctx, f.ID, data.StateClosed, "", co); err != nil {
		t.Fatal(err)
	}
	h, err := fx.db.History(ctx, f.ID)
	if err != nil || len(h) != 4 {
		t.Fatalf("history %v %v", h, err)
	}
	for i, want := range []time.Time{past, past.Add(26 * time.Hour), past.Add(27 * time.Hour), clock} {
		if !h[i].At.Equal(want) {
			t.Errorf("entry %d at %v, want %v", i, h[i].At.Local(), want)
		}
	}
}
