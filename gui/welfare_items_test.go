package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func TestWelfareItemFlow(t *testing.T) {
	env := newMembersTestEnv(t, "张三")
	ctx := context.Background()
	s := showNew(env, NewWelfareItemsScreen(env))
	test.Type(s.title, "更换一号食堂破损餐桌椅")
	s.category.SetSelected(data.FacilityCanteen)
	test.Type(s.handler, "zs")
	s.handler.FocusLost() // pinyin that fits one member becomes the name
	if s.handler.Text != "张三" {
		t.Fatalf("handler %q after typing zs, want 张三", s.handler.Text)
	}
	s.cost.SetText("abc")
	s.Save()
	if s.fields.Get(data.FCost).Error() == "" {
		t.Fatal("a cost that is not a number should be refused at 费用")
	}
	if ws, _ := env.Store.WelfareItems(ctx, data.WelfareFilter{}); len(ws) != 0 {
		t.Fatalf("an invalid item was saved: %+v", ws)
	}
	s.cost.SetText("1250.5")
	s.Save()
	ws, err := env.Store.WelfareItems(ctx, data.WelfareFilter{})
	if err != nil || len(ws) != 1 || ws[0].State != data.WelfareRegistered || ws[0].Handler != "张三" || ws[0].Cost != 1250.5 {
		t.Fatalf("WelfareItems = %+v, %v", ws, err)
	}
	if !s.rating.Disabled() {
		t.Error("职工评价 should wait until the item is done")
	}

	tapButton(t, s.actions.Objects, "开始办理")
	if s.loaded.State != data.WelfareHandling {
		t.Fatalf("state %q after 开始办理", s.loaded.State)
	}
	tapButton(t, s.actions.Objects, "办结")
	tapDialogButton(t, env.Win, "办结")
	w, err := env.Store.WelfareItem(ctx, ws[0].ID)
	if err != nil || w.State != data.WelfareDone || w.DoneDate != orgTestToday {
		t.Fatalf("after 办结: %+v, %v", w, err)
	}
	if s.rating.Disabled() {
		t.Fatal("职工评价 should be open once the item is done")
	}
	s.rating.SetSelected("满意")
	s.Save()
	if w, _ = env.Store.WelfareItem(ctx, w.ID); w.Rating != "满意" {
		t.Fatalf("rating %q, want 满意", w.Rating)
	}

	// 重新打开 needs a reason; the dialog stays open without one.
	tapButton(t, s.actions.Objects, "重新打开")
	tapDialogButton(t, env.Win, "重新打开")
	if w, _ = env.Store.WelfareItem(ctx, w.ID); w.State != data.WelfareDone {
		t.Fatalf("reopened without a reason: %+v", w)
	}
	if !strings.Contains(dialogTexts(env.Win), "原因") {
		t.Fatalf("the reason dialog should stay open, texts %q", dialogTexts(env.Win))
	}
}

func TestWelfareItemOverdueInList(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	m := addTestMember(t, env, "李四", 2, 0, 0)
	ctx := context.Background()
	for _, w := range []data.WelfareItem{
		{Title: "澡堂更换喷头", Category: data.FacilityBathhouse, ProposedDate: orgTestToday.AddDays(-40), PlannedDate: orgTestToday.AddDays(-5), HandlerID: m.ID},
		{Title: "宿舍加装晾衣架", Category: data.FacilityDormitory, ProposedDate: orgTestToday.AddDays(-3), PlannedDate: orgTestToday.AddDays(20), HandlerID: m.ID},
	} {
		if err := env.Store.SaveWelfareItem(ctx, &w); err != nil {
			t.Fatal(err)
		}
	}
	s := NewWelfareItemsScreen(env)
	show(env, s)
	s.overdue.SetChecked(true)
	if len(s.visible) != 1 || s.all[s.visible[0]].Title != "澡堂更换喷头" {
		t.Fatalf("overdue filter keeps %v", s.visible)
	}
	row := welfareColumns.Row(false)
	s.setRow(row, &s.all[s.visible[0]])
	// 逾期 goes in 状态 beside the date, as 问题整改 shows it (issue 10 #22).
	cells := row.(*fyne.Container).Objects
	planned, state := cells[3].(*widget.Label), cells[4].(*widget.Label)
	if want := s.all[s.visible[0]].PlannedDate.String(); planned.Text != want {
		t.Errorf("计划完成 shows %q, want the date %s", planned.Text, want)
	}
	if state.Text != "逾期5天" || state.Importance != widget.DangerImportance {
		t.Fatalf("状态 shows %q (importance %v), want 逾期5天 in red", state.Text, state.Importance)
	}
}
