package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

func TestFacilityForm(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	s := NewFacilitiesScreen(env)
	show(env, s)
	if s.roomsRow.Visible() {
		t.Error("房间数 should be shown for a 宿舍 only")
	}
	s.New()
	s.category.SetSelected(data.FacilityDormitory)
	if !s.roomsRow.Visible() {
		t.Fatal("房间数 should be shown for a 宿舍")
	}
	test.Type(s.name, "单身职工宿舍一号楼")
	test.Type(s.rooms, "二十")
	s.Save()
	if s.fields.Get(data.FRooms).Error() == "" {
		t.Fatal("房间数 that is not a number should be refused at the field")
	}
	s.rooms.SetText("24")
	test.Type(s.manager, "赵六")
	s.Save()
	fs, err := env.Store.Facilities(ctx, "")
	if err != nil || len(fs) != 1 || fs[0].Rooms != 24 || fs[0].Manager != "赵六" {
		t.Fatalf("Facilities = %+v, %v", fs, err)
	}

	// One with checks cannot be deleted: the store's message is shown, nothing deleted.
	tpls, _ := env.Store.Checklists(ctx, data.FacilityDormitory)
	c := data.NewCheck(fs[0], tpls[0], orgTestToday, "检查人")
	if err := env.Store.SaveCheck(ctx, &c); err != nil {
		t.Fatal(err)
	}
	s.deleteRecord()
	tapDialogButton(t, env.Win, "删除")
	if got, _ := env.Store.Facilities(ctx, ""); len(got) != 1 {
		t.Fatal("a facility with checks was deleted")
	}
	if txt := dialogTexts(env.Win); !strings.Contains(txt, "检查") {
		t.Errorf("the refusal should say why, texts %q", txt)
	}
}

// TestRecordScreenUndoDelete: a deleted record can be brought back from the 回收站 at once with
// 撤销删除, which then goes away.
func TestRecordScreenUndoDelete(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	f := data.Facility{Category: data.FacilityCanteen, Name: "一号职工食堂"}
	if err := env.Store.SaveFacility(ctx, &f); err != nil {
		t.Fatal(err)
	}
	s := NewFacilitiesScreen(env)
	show(env, s)
	if s.undoBtn.Visible() {
		t.Fatal("撤销删除 shows before anything was deleted")
	}
	s.Select(f.ID)
	s.deleteRecord()
	tapDialogButton(t, env.Win, "删除")
	if got, _ := env.Store.Facilities(ctx, ""); len(got) != 0 || !s.undoBtn.Visible() {
		t.Fatalf("after delete: %d facilities, 撤销删除 shown %v", len(got), s.undoBtn.Visible())
	}
	test.Tap(s.undoBtn)
	if got, _ := env.Store.Facilities(ctx, ""); len(got) != 1 || s.loaded.ID != f.ID || s.name.Text != "一号职工食堂" {
		t.Fatalf("after 撤销删除: facilities %+v, form shows %d %q", got, s.loaded.ID, s.name.Text)
	}
	if s.undoBtn.Visible() || !strings.Contains(s.frame.Status(), "已恢复") {
		t.Errorf("after 撤销删除: button shown %v, status %q", s.undoBtn.Visible(), s.frame.Status())
	}
}
