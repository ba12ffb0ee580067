package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// A member deleted on the members screen is in 回收站; 恢复 brings it back to the members list.
func TestRecycleRestoresDeletedMember(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	m := addTestMember(t, env, "王五", 3, 0, 0)
	members := NewMembersScreen(env)
	show(env, members)
	members.list.Select(0)
	test.Tap(members.deleteBtn)
	if txt := dialogTexts(env.Win); !strings.Contains(txt, "回收站") {
		t.Errorf("the confirmation should say the member goes to 回收站: %q", txt)
	}
	tapDialogButton(t, env.Win, "删除")
	if n := len(membersOf(t, env)); n != 0 {
		t.Fatalf("%d members after deleting", n)
	}

	bin := NewRecycleScreen(env)
	show(env, bin)
	bin.Reload()
	if len(bin.entries) != 1 || bin.entries[0].Label != "王五" || bin.Count.Text != "共 1 项" {
		t.Fatalf("bin lists %+v (%s)", bin.entries, bin.Count.Text)
	}
	if !bin.RestoreBtn.Disabled() {
		t.Error("恢复 is enabled with nothing selected")
	}
	bin.List.Select(0)
	before := *changed
	test.Tap(bin.RestoreBtn)
	if len(bin.entries) != 0 || !strings.Contains(bin.Status.Text, "已恢复党员「王五」") || *changed != before+1 {
		t.Errorf("after 恢复: %d entries, status %q, changed %d", len(bin.entries), bin.Status.Text, *changed-before)
	}

	show(env, members)
	members.Reload()
	got := membersOf(t, env)
	if len(got) != 1 || got[0].ID != m.ID || got[0].IDNumber != m.IDNumber {
		t.Fatalf("members after restoring: %+v", got)
	}
	members.list.Select(0)
	if members.form.name.Text != "王五" {
		t.Errorf("the members screen shows %q", members.form.name.Text)
	}
}

// 彻底删除 and 清空回收站 ask first, saying it cannot be undone.
func TestRecyclePurgeAndEmptyAsk(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	for i, name := range []string{"甲", "乙", "丙"} {
		m := addTestMember(t, env, name, 10+i, 0, 0)
		if err := env.Store.DeleteMember(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	s := NewRecycleScreen(env)
	show(env, s)
	s.Reload()
	s.List.Select(0)
	test.Tap(s.PurgeBtn)
	if txt := dialogTexts(env.Win); !strings.Contains(txt, "无法恢复") || !strings.Contains(txt, "丙") {
		t.Errorf("purge confirmation %q", txt)
	}
	tapDialogButton(t, env.Win, "彻底删除")
	if len(s.entries) != 2 {
		t.Fatalf("%d entries after purging one", len(s.entries))
	}
	test.Tap(s.EmptyBtn)
	if txt := dialogTexts(env.Win); !strings.Contains(txt, "无法撤销") || !strings.Contains(txt, "2 项") {
		t.Errorf("empty confirmation %q", txt)
	}
	tapDialogButton(t, env.Win, "取消")
	if len(s.entries) != 2 {
		t.Fatal("取消 emptied the bin")
	}
	test.Tap(s.EmptyBtn)
	tapDialogButton(t, env.Win, "清空回收站")
	if bin, _ := env.Store.RecycleBin(ctx); len(bin) != 0 || len(s.entries) != 0 || !s.EmptyBtn.Disabled() {
		t.Errorf("after 清空回收站: %d in store, %d listed", len(bin), len(s.entries))
	}
}

// The log lists what was done, newest first, and its filters narrow it.
func TestOpLogScreen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	m := addTestMember(t, env, "李四", 5, 0, 0)
	m.Mobile = "13912345678"
	if err := env.Store.UpdateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	g := data.Group{Name: "第一党小组"}
	if err := env.Store.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	s := NewOpLogScreen(env)
	show(env, s)
	s.Reload()
	rows := func() string {
		var r []string
		for _, op := range s.ops {
			r = append(r, op.Action+" "+op.Object())
		}
		return strings.Join(r, ",")
	}
	if got, want := rows(), "新增 党小组「第一党小组」,修改 党员「李四」,新增 党员「李四」"; got != want || s.Count.Text != "共 3 条" {
		t.Errorf("log %q (%s), want %q", got, s.Count.Text, want)
	}
	s.List.Select(1)
	if !strings.Contains(s.Detail.Text, "手机号：（空） → 13912345678") {
		t.Errorf("detail %q", s.Detail.Text)
	}
	s.EntitySel.SetSelected(data.EntMember)
	if got := rows(); got != "修改 党员「李四」,新增 党员「李四」" {
		t.Errorf("党员 only: %q", got)
	}
	s.ActionSel.SetSelected(data.ActUpdate)
	if got := rows(); got != "修改 党员「李四」" {
		t.Errorf("修改 党员: %q", got)
	}
	s.ActionSel.SetSelected(filterAll)
	s.EntitySel.SetSelected(filterAll)
	test.Type(s.Search, "第一")
	if got := rows(); got != "新增 党小组「第一党小组」" {
		t.Errorf("search: %q", got)
	}
	s.Search.SetText("")
	s.From.SetText("2000-01-01")
	s.To.SetText("2000-12-31")
	if len(s.ops) != 0 || !s.ExportBtn.Disabled() {
		t.Errorf("a past year lists %d entries", len(s.ops))
	}
}
