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

func TestEmergencyTypedSavedListed(t *testing.T) {
	env := newMembersTestEnv(t, "张三", "李四")
	ctx := context.Background()
	s := newEmergenciesScreen(env)
	show(env, s)
	s.Reload()
	s.New()
	if s.kind.Selected != "应急演练" || s.date.Text != orgTestToday.String() || !s.raise.Disabled() {
		t.Fatalf("a new record: %q, %q, raise enabled %v", s.kind.Selected, s.date.Text, !s.raise.Disabled())
	}
	s.Save()
	if msg := s.fields.Get(data.FEmSubject).Error(); msg == "" {
		t.Fatal("a record without 事项 should be refused at 事项")
	}
	typeInto(t, s.subject, "井下避灾路线演练")
	typeInto(t, s.place, "2201工作面")
	c := fyne.CurrentApp().Driver().CanvasForObject(s.subject)
	typeInto(t, s.members.entry, "zs")
	pressKey(t, c, fyne.KeyReturn)
	typeFocused(c, "ls")
	pressKey(t, c, fyne.KeyReturn)
	if got := s.members.Inspectors(); len(got) != 2 || got[0].Lead || got[1].Lead {
		t.Fatalf("picked %+v: nobody is marked 突击队 at first", got)
	}
	tapChip(t, s.members.rows.Objects[0], data.FEmCommando) // 张三 is of the 突击队
	test.Type(s.lead, "党员突击队率先到达避灾硐室")
	test.Type(s.result, "全员12分钟撤至安全地点")
	s.Save()
	es, err := env.Store.Emergencies(ctx, data.EmergencyFilter{})
	if err != nil || len(es) != 1 || es[0].MemberNames() != "张三（突击队）、李四" || es[0].Place != "2201工作面" {
		t.Fatalf("Emergencies = %+v, %v", es, err)
	}
	if len(s.visible) != 1 || s.all[s.visible[0]].Subject != "井下避灾路线演练" {
		t.Fatalf("the list shows %v", s.visible)
	}
	if s.raise.Disabled() {
		t.Error("a saved record can raise a finding")
	}
	// A finding raised from it: 来源 应急防控, found on the record's day; saved, it is counted in the list.
	form := s.raiseFinding()
	if form == nil || form.source.Text != data.SourceEmergency || form.found.Text != es[0].Date.String() {
		t.Fatalf("the finding form: %+v", form)
	}
	test.Type(form.desc, "自救器佩戴不熟练")
	test.Type(form.responsible, "张三")
	form.OnSubmit()
	fs, err := env.Store.Findings(ctx, data.FindingFilter{EmergencyID: es[0].ID})
	if err != nil || len(fs) != 1 || fs[0].Source != data.SourceEmergency || fs[0].State != data.StatePending {
		t.Fatalf("findings of the record: %+v, %v", fs, err)
	}
	if txt := screenText(s); !strings.Contains(txt, "问题 1") {
		t.Errorf("the list does not count the finding:\n%s", txt)
	}
	s.kindSel.SetSelected("防汛防火")
	if len(s.visible) != 0 {
		t.Errorf("kind filter lists %v", s.visible)
	}
}

// supplyRowColour is the importance of the 状态 cell of the supply named name in the list.
func supplyRowColour(t *testing.T, s *SuppliesScreen, name string) (string, widget.Importance) {
	t.Helper()
	for _, i := range s.visible {
		if s.all[i].Name == name {
			texts, imp := s.cells(&s.all[i])
			return texts[supFlags], imp[supFlags]
		}
	}
	t.Fatalf("%s is not listed", name)
	return "", 0
}

func TestSupplyTypedAndFlagged(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	s := newSuppliesScreen(env)
	show(env, s)
	s.Reload()
	s.New()
	// 数量 starts empty (0 would be 缺失) and must be typed.
	if s.quantity.Text != "" {
		t.Fatalf("a new supply's 数量 is %q", s.quantity.Text)
	}
	typeInto(t, s.name, "灭火器")
	s.Save()
	if msg := s.fields.Get(data.FSupQuantity).Error(); !strings.Contains(msg, "请填写数量") || s.loaded.ID != 0 {
		t.Fatalf("an empty 数量: %q, saved as %d", msg, s.loaded.ID)
	}
	typeInto(t, s.quantity, "十")
	typeInto(t, s.unit, "具")
	s.Save()
	if msg := s.fields.Get(data.FSupQuantity).Error(); msg == "" {
		t.Fatal("数量 十 should be refused at 数量")
	}
	s.quantity.SetText("")
	typeInto(t, s.quantity, "12")
	typeInto(t, s.expires, orgTestToday.AddYears(2).String())
	s.Save()
	// An expired one, typed too.
	s.New()
	typeInto(t, s.name, "自救器")
	typeInto(t, s.quantity, "30")
	typeInto(t, s.expires, orgTestToday.AddDays(-1).String())
	s.Save()
	if got := s.frame.Status(); got != "已保存应急物资" { // recordSpec.Noun's default message
		t.Errorf("status after saving %q", got)
	}
	ss, err := env.Store.Supplies(ctx)
	if err != nil || len(ss) != 2 {
		t.Fatalf("Supplies = %+v, %v", ss, err)
	}
	if flag, imp := supplyRowColour(t, s, "自救器"); flag != data.SupplyExpired || imp != widget.DangerImportance {
		t.Errorf("expired: %q %v", flag, imp)
	}
	if flag, imp := supplyRowColour(t, s, "灭火器"); flag != "" || imp == widget.DangerImportance {
		t.Errorf("in date: %q %v", flag, imp)
	}
	// Missing (数量 0) and stale (检查日期 over a year ago) are red too, in the cell that causes
	// them; expiring soon is not.
	for _, x := range []data.Supply{{Name: "担架", Quantity: 0}, {Name: "急救箱", Quantity: 2, Expires: orgTestToday.AddDays(10)},
		{Name: "呼吸器", Quantity: 4, Checked: orgTestToday.AddYears(-1).AddDays(-1)}} {
		if err := env.Store.SaveSupply(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	s.Reload()
	if flag, imp := supplyRowColour(t, s, "担架"); flag != data.SupplyMissing || imp != widget.DangerImportance {
		t.Errorf("missing: %q %v", flag, imp)
	}
	if flag, imp := supplyRowColour(t, s, "急救箱"); flag != data.SupplyExpiring || imp != widget.WarningImportance {
		t.Errorf("expiring: %q %v", flag, imp)
	}
	if flag, imp := supplyRowColour(t, s, "呼吸器"); flag != data.SupplyStale || imp != widget.DangerImportance {
		t.Errorf("stale: %q %v", flag, imp)
	}
	for _, x := range s.all {
		if x.Name == "呼吸器" {
			texts, imp := s.cells(&x)
			if texts[supChecked] != orgTestToday.AddYears(-1).AddDays(-1).String() || imp[supChecked] != widget.DangerImportance || imp[supExpires] != widget.MediumImportance {
				t.Errorf("stale supply listed as %q %v", texts, imp)
			}
		}
	}
	// The red row shows in the list (a Danger label).
	found := false
	for _, o := range test.LaidOutObjects(s.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == data.SupplyExpired && l.Importance == widget.DangerImportance {
			found = true
		}
	}
	if !found {
		t.Errorf("no red 已过期 in the list:\n%s", screenText(s))
	}
}

// The 工作台 lines open the supplies list filtered.
func TestSupplyTodoOpensView(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	for _, x := range []data.Supply{{Name: "灭火器", Quantity: 12}, {Name: "担架", Quantity: 0},
		{Name: "急救箱", Quantity: 2, Expires: orgTestToday.AddDays(10)}} {
		if err := env.Store.SaveSupply(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	todos := todosOf(t, env, data.EntSupply)
	w := NewMainWindow(env, false)
	for _, td := range todos {
		s := openView[*SuppliesScreen](t, w, td.Entity, td.View)
		if len(s.visible) != td.Count {
			t.Errorf("%s lists %d supplies", td.Text(), len(s.visible))
		}
	}
	if len(todos) != 2 {
		t.Errorf("%d supply lines in %+v", len(todos), todos)
	}
}
