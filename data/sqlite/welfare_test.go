package sqlite

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

func (fx *fixture) welfare(t *testing.T, w data.WelfareItem) data.WelfareItem {
	t.Helper()
	if err := fx.db.SaveWelfareItem(ctx, &w); err != nil {
		t.Fatalf("SaveWelfareItem(%s): %v", w.Title, err)
	}
	return w
}

func newWelfare(fx *fixture, title string, proposed, planned int) data.WelfareItem {
	return data.WelfareItem{Title: title, Category: "澡堂", Source: "职工反映", Proposer: "采煤一班职工",
		ProposedDate: day(proposed), HandlerID: fx.lead.ID, PlannedDate: day(planned), Cost: 1234.56, InHouse: true}
}

// The whole flow with a refusal and a reopening: every move is in the history with its reason,
// and the saved item is what ChangeWelfareState returned.
func TestWelfareFlow(t *testing.T) {
	fx := newFixture(t)
	w := fx.welfare(t, newWelfare(fx, "澡堂更换防滑地垫", 2, 20))
	if w.State != data.WelfareRegistered || w.Handler != "王建国" || w.Cost != 1234.56 || !w.CreatedAt.Equal(clock) {
		t.Fatalf("created %+v", w)
	}
	steps := []struct {
		to, reason string
		done       data.Date
	}{
		{data.WelfareRejected, "已列入矿统一改造计划", data.Date{}},
		{data.WelfareHandling, "矿改造推迟，支部先行办理", data.Date{}},
		{data.WelfareDone, "", day(15)},
		{data.WelfareHandling, "职工反映地垫仍打滑", data.Date{}},
		{data.WelfareDone, "", day(21)},
	}
	from := data.WelfareRegistered
	for i, s := range steps {
		at := clock.Add(time.Duration(i+1) * time.Minute)
		fixClock(fx.db, at)
		got, err := fx.db.ChangeWelfareState(ctx, w.ID, s.to, s.reason, s.done)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if saved, _ := fx.db.WelfareItem(ctx, w.ID); !reflect.DeepEqual(saved, got) || got.State != s.to || got.DoneDate != s.done || !got.UpdatedAt.Equal(at) {
			t.Errorf("step %d: saved %+v\nreturned %+v", i, saved, got)
		}
		h, err := fx.db.WelfareHistory(ctx, w.ID)
		if err != nil || len(h) != i+2 {
			t.Fatalf("step %d: history %+v, %v", i, h, err)
		}
		if last := h[len(h)-1]; last.From != from || last.To != s.to || last.Reason != s.reason || !last.At.Equal(at) {
			t.Errorf("step %d: history entry %+v", i, last)
		}
		from = s.to
	}
	// A rating for the done item is an ordinary edit; the state stays whatever the form says.
	w, _ = fx.db.WelfareItem(ctx, w.ID)
	w.Rating, w.State, w.DoneDate = "满意", data.WelfareRegistered, day(1)
	if err := fx.db.SaveWelfareItem(ctx, &w); err != nil {
		t.Fatal(err)
	}
	if w.State != data.WelfareDone || w.DoneDate != day(21) || w.Rating != "满意" {
		t.Errorf("edit changed the flow: %+v", w)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntWelfare, Action: data.ActState})
	if len(ops) != len(steps) || !strings.Contains(ops[len(ops)-1].Detail, "已登记 → 不予办理，原因：已列入矿统一改造计划") {
		t.Errorf("log %+v", ops)
	}

	refused := []struct {
		name, to, reason string
		done             data.Date
		msg              string
	}{
		{"reopen without reason", data.WelfareHandling, " ", data.Date{}, "须说明原因"},
		{"not allowed", data.WelfareRegistered, "", data.Date{}, "不能直接改为"},
	}
	for _, r := range refused {
		_, err := fx.db.ChangeWelfareState(ctx, w.ID, r.to, r.reason, r.done)
		if err == nil || !strings.Contains(err.Error(), r.msg) {
			t.Errorf("%s: %v, want %q", r.name, err, r.msg)
		}
	}
	if h, _ := fx.db.WelfareHistory(ctx, w.ID); len(h) != len(steps)+1 {
		t.Errorf("refused moves recorded: %d entries", len(h))
	}
	open := fx.welfare(t, newWelfare(fx, "宿舍热水器维修", 3, 5))
	_, err := fx.db.ChangeWelfareState(ctx, open.ID, data.WelfareHandling, "", data.Date{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.ChangeWelfareState(ctx, open.ID, data.WelfareDone, "", day(24))
	if fe := fieldErrors(t, err); fe.For(data.FDoneDate) == "" {
		t.Errorf("done in the future: %v", fe)
	}
	_, err = fx.db.ChangeWelfareState(ctx, 999, data.WelfareHandling, "", data.Date{})
	wantCode(t, err, data.ENotFound)
}

func TestWelfareSaveAndFilter(t *testing.T) {
	fx := newFixture(t)
	a := fx.welfare(t, newWelfare(fx, "食堂增设夜班热饭", 1, 10))
	b := newWelfare(fx, "宿舍加装晾衣架", 5, 30)
	b.HandlerID, b.Category, b.Cost, b.InHouse = fx.second.ID, "宿舍", 0.1, false
	b = fx.welfare(t, b)
	// Past work typed in as done.
	c := newWelfare(fx, "绿化带补植", 8, 15)
	c.State, c.DoneDate, c.Rating, c.Category = data.WelfareDone, day(14), "基本满意", "绿化"
	c = fx.welfare(t, c)
	if got, _ := fx.db.WelfareItem(ctx, b.ID); !reflect.DeepEqual(got, b) || got.Handler != "李卫东" || got.Cost != 0.1 {
		t.Errorf("round trip %+v\nwant %+v", got, b)
	}
	if h, _ := fx.db.WelfareHistory(ctx, c.ID); len(h) != 1 || h[0].From != "" || h[0].To != data.WelfareDone {
		t.Errorf("creation history %+v", h)
	}
	cases := []struct {
		f    data.WelfareFilter
		want []int64
	}{
		{data.WelfareFilter{}, []int64{a.ID, b.ID, c.ID}},
		{data.WelfareFilter{From: day(2), To: day(8)}, []int64{b.ID, c.ID}},
		{data.WelfareFilter{States: []string{data.WelfareDone}}, []int64{c.ID}},
		{data.WelfareFilter{Category: "宿舍"}, []int64{b.ID}},
		{data.WelfareFilter{HandlerID: fx.lead.ID}, []int64{a.ID, c.ID}},
		{data.WelfareFilter{OverdueOn: day(23)}, []int64{a.ID}},
	}
	for _, k := range cases {
		ws, err := fx.db.WelfareItems(ctx, k.f)
		var got []int64
		for _, w := range ws {
			got = append(got, w.ID)
		}
		if err != nil || !reflect.DeepEqual(got, k.want) {
			t.Errorf("WelfareItems(%+v) = %v, %v; want %v", k.f, got, err, k.want)
		}
	}

	refused := []struct {
		name  string
		edit  func(*data.WelfareItem)
		field string
		msg   string
	}{
		{"no title", func(w *data.WelfareItem) { w.Title = "" }, data.FWelfareTitle, ""},
		{"planned before proposed", func(w *data.WelfareItem) { w.PlannedDate = day(1) }, data.FPlannedDate, "不能早于提出日期"},
		{"no handler", func(w *data.WelfareItem) { w.HandlerID = 0 }, data.FHandler, "请选择承办人"},
		{"unknown handler", func(w *data.WelfareItem) { w.HandlerID = 999 }, data.FHandler, "不在本支部党员名单中"},
		{"cost in fen fractions", func(w *data.WelfareItem) { w.Cost = 1.005 }, data.FCost, "两位小数"},
		{"rejected without reason", func(w *data.WelfareItem) { w.State = data.WelfareRejected }, data.FReason, "须说明原因"},
	}
	for _, r := range refused {
		w := newWelfare(fx, "新事项", 5, 9)
		r.edit(&w)
		fe := fieldErrors(t, fx.db.SaveWelfareItem(ctx, &w))
		if msg := fe.For(r.field); msg == "" || !strings.Contains(msg, r.msg) {
			t.Errorf("%s: %v, want %q on %s", r.name, fe, r.msg, r.field)
		}
	}

	// A member who handles items cannot be deleted.
	err := fx.db.DeleteMember(ctx, fx.second.ID)
	wantCode(t, err, data.EConflict)
	if msg, err := welfareHandlerInUse(ctx, fx.db.db, fx.second.ID); err != nil || !strings.Contains(msg, "1 件办实事事项的承办人") {
		t.Errorf("welfareHandlerInUse = %q, %v", msg, err)
	}
	if err := fx.db.DeleteWelfareItem(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.WelfareItem(ctx, b.ID)
	wantCode(t, err, data.ENotFound)
	if n := rawCount(t, fx.db, `SELECT count(*) FROM welfare_history WHERE item_id = ?`, b.ID); n != 0 {
		t.Errorf("history of a deleted item kept: %d", n)
	}
	if err := fx.db.DeleteMember(ctx, fx.second.ID); err != nil {
		t.Errorf("member handling nothing any more: %v", err)
	}
}
