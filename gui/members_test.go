package gui

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// zhangSanID is a valid ID number: born 1985-03-12, male (17th digit odd).
var zhangSanID = data.IDNumberWithCheck("13020319850312001")

// typeInto focuses e on its canvas (so that leaving it later runs FocusLost) and types text.
func typeInto(t *testing.T, e fyne.Focusable, text string) {
	t.Helper()
	c := fyne.CurrentApp().Driver().CanvasForObject(e.(fyne.CanvasObject))
	if c == nil {
		t.Fatal("the widget is not on a canvas")
	}
	c.Focus(e)
	typeFocused(c, text)
}

// typeFocused types text into the widget that has the focus, key by key, as a keyboard would.
func typeFocused(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}

// findButton returns the visible button labelled text under root.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

func membersOf(t *testing.T, env *Env) []data.Member {
	t.Helper()
	ms, err := env.Store.Members(context.Background(), data.MemberFilter{IncludeLeft: true})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// fillZhangSan types a complete, valid member into the form the way a user would.
func fillZhangSan(t *testing.T, s *MembersScreen) {
	t.Helper()
	f := s.form
	typeInto(t, f.name, "张三")
	typeInto(t, f.idNumber, zhangSanID)
	f.category.SetSelected(data.CategoryFull)
	typeInto(t, f.joinDate, "2008.7.1")
	typeInto(t, f.fullDate, "20090701")
	typeInto(t, f.mobile, "13812345678")
	typeInto(t, f.remark, "测试")
}

func TestMembersScreenTypeSaveAndSearch(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)

	fillZhangSan(t, s)
	// Leaving the date fields rewrote them in the standard form; the ID filled 性别 and 出生日期.
	if s.form.joinDate.Text != "2008-07-01" || s.form.fullDate.Text != "2009-07-01" {
		t.Errorf("dates shown as %q and %q, want 2008-07-01 and 2009-07-01", s.form.joinDate.Text, s.form.fullDate.Text)
	}
	if s.form.sex.Text != "男" || s.form.birth.Text != "1985-03-12" {
		t.Errorf("derived 性别 %q, 出生日期 %q, want 男, 1985-03-12", s.form.sex.Text, s.form.birth.Text)
	}

	test.Tap(findButton(t, s.Content(), "保存"))
	ms := membersOf(t, env)
	if len(ms) != 1 {
		t.Fatalf("saved %d members, want 1 (status: %q)", len(ms), s.frame.StatusLine.Text)
	}
	m := ms[0]
	if m.Name != "张三" || m.IDNumber != zhangSanID || m.Sex != "男" || m.BirthDate != data.NewDate(1985, 3, 12) ||
		m.Ethnicity != "汉族" || m.JoinDate != data.NewDate(2008, 7, 1) || m.FullDate != data.NewDate(2009, 7, 1) ||
		m.Mobile != "13812345678" || m.RollStatus != data.RollIn || m.Remark != "测试" {
		t.Errorf("saved member = %+v", m)
	}
	if *changed != 1 {
		t.Errorf("Changed called %d times, want 1", *changed)
	}
	if s.count.Text != "共 1 人" || s.selected != m.ID || s.form.Loaded().ID != m.ID || s.form.Dirty() {
		t.Errorf("after saving: count %q, selected %d, form member %d (dirty %v); want 共 1 人 and %d",
			s.count.Text, s.selected, s.form.Loaded().ID, s.form.Dirty(), m.ID)
	}

	addTestMember(t, env, "李四", 2, 0, 0)
	s.Reload()
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"李四", "张三"}}, // pinyin order: li < zhang
		{"zs", []string{"张三"}},
		{"zhangs", []string{"张三"}},
		{"ls", []string{"李四"}},
		{"138123", []string{"张三"}},
		{"wq", nil},
	} {
		s.search.SetText("")
		typeInto(t, s.search, c.query)
		got := listed(&s.listPane, func(m *data.Member) string { return m.Name })
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("search %q lists %v, want %v", c.query, got, c.want)
		}
		if want := "共 " + strconv.Itoa(len(c.want)) + " 人"; s.count.Text != want {
			t.Errorf("search %q: count %q, want %q", c.query, s.count.Text, want)
		}
	}
	// Enter in the search box opens the first match.
	s.search.SetText("ls")
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.form.name.Text != "李四" {
		t.Errorf("Enter after searching ls shows %q, want 李四", s.form.name.Text)
	}
}

func TestMembersScreenValidationSavesNothing(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)

	bad := zhangSanID[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", zhangSanID[17])+1)%11])
	typeInto(t, s.form.name, "张三")
	typeInto(t, s.form.idNumber, bad)
	typeInto(t, s.form.joinDate, "2008-13-01")
	s.Save()

	if n := len(membersOf(t, env)); n != 0 || *changed != 0 {
		t.Fatalf("an invalid member was saved (%d members, Changed %d times)", n, *changed)
	}
	for _, label := range []string{data.FIDNumber, data.FJoinDate} {
		if s.form.Field(label).Error() == "" {
			t.Errorf("no message under %s", label)
		}
	}
	if s.form.Field(data.FName).Error() != "" {
		t.Errorf("姓名 is fine but shows %q", s.form.Field(data.FName).Error())
	}
	// 性别 follows the ID number: its own message would only repeat the ID number's.
	if msg := s.form.Field(data.FSex).Error(); msg != "" {
		t.Errorf("性别 shows %q while the ID number is wrong", msg)
	}
	if !s.frame.StatusLine.Visible() || !strings.Contains(s.frame.StatusLine.Text, "需要修改") {
		t.Errorf("status line %q should say that fields need fixing", s.frame.StatusLine.Text)
	}

	// Fixing the date alone and saving again: the category is still missing.
	s.form.joinDate.SetText("2008-07-01")
	s.form.idNumber.SetText(zhangSanID)
	s.Save()
	if msg := s.form.Field(data.FCategory).Error(); msg == "" {
		t.Error("no message under 人员类别 when none is chosen")
	}
	if n := len(membersOf(t, env)); n != 0 {
		t.Fatalf("saved %d members without 人员类别", n)
	}
	s.form.category.SetSelected(data.CategoryProbation)
	s.Save()
	if n := len(membersOf(t, env)); n != 1 {
		t.Fatalf("after fixing everything, %d members saved, want 1 (status %q)", n, s.frame.StatusLine.Text)
	}
}

func TestMemberFormCheckOnFocusLoss(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)
	f := s.form
	cases := []struct {
		name  string
		input fyne.Focusable
		label string
		text  string
		bad   bool
	}{
		{"mobile too short", f.mobile, data.FMobile, "1381234", true},
		{"mobile fine", f.mobile, data.FMobile, "13812345678", false},
		{"date not a date", f.workDate, data.FWorkDate, "去年", true},
		{"date in the future", f.workDate, data.FWorkDate, "2030-01-01", true},
		{"landline fine", f.landline, data.FLandline, "0319-1234567", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.input.(interface{ SetText(string) }).SetText("")
			typeInto(t, c.input, c.text)
			env.Win.Canvas().Focus(f.remark) // leave the field
			if got := f.Field(c.label).Error(); (got != "") != c.bad {
				t.Errorf("%s = %q: message %q, want a message: %v", c.label, c.text, got, c.bad)
			}
		})
	}
	// An empty required field is not reported just because the cursor passed through it.
	env.Win.Canvas().Focus(f.name)
	env.Win.Canvas().Focus(f.remark)
	if msg := f.Field(data.FName).Error(); msg != "" {
		t.Errorf("passing through the empty 姓名 shows %q", msg)
	}
}

func TestMemberFormConditionalFields(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)
	f := s.form
	if !f.lostDate.Disabled() || !f.floatingTo.Disabled() || !f.rollDate.Disabled() {
		t.Fatal("失去联系日期, 外出流向 and the roll date should start disabled")
	}
	f.category.SetSelected(data.CategoryFull)
	typeInto(t, f.fullDate, "2009-07-01")
	f.category.SetSelected(data.CategoryProbation)
	if !f.fullDate.Disabled() || f.fullDate.Text != "" {
		t.Errorf("预备党员: 转为正式党员日期 disabled %v, text %q; want disabled and empty", f.fullDate.Disabled(), f.fullDate.Text)
	}
	f.category.SetSelected(data.CategoryFull)
	if f.fullDate.Disabled() || f.fullDate.Text != "2009-07-01" {
		t.Errorf("back to 正式党员: the date typed before should come back, got %q (disabled %v)", f.fullDate.Text, f.fullDate.Disabled())
	}
	f.lost.SetChecked(true)
	f.floating.SetChecked(true)
	f.rollStatus.SetSelected(data.RollOut)
	if f.lostDate.Disabled() || f.floatingTo.Disabled() || f.rollDate.Disabled() {
		t.Error("checking 失联/流动 and choosing 转出 should enable their fields")
	}
}

func TestMembersScreenEthnicitySearch(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)
	e := s.form.ethnicity
	if e.Text != "汉族" {
		t.Fatalf("民族 defaults to %q, want 汉族", e.Text)
	}
	e.SetText("")
	typeInto(t, e, "蒙")
	if got := e.matches(); len(got) != 1 || got[0] != "蒙古族" {
		t.Errorf("typing 蒙 offers %v, want [蒙古族]", got)
	}
	env.Win.Canvas().Focus(s.form.name)
	if e.Text != "蒙古族" {
		t.Errorf("leaving 民族 with 蒙 gives %q, want 蒙古族", e.Text)
	}
}

func TestMembersScreenDeleteAsks(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	m := addTestMember(t, env, "王五", 3, 0, 0)
	s := NewMembersScreen(env)
	show(env, s)
	s.list.Select(0)
	if s.form.Loaded().ID != m.ID || s.form.name.Text != "王五" {
		t.Fatalf("selecting the row shows %q", s.form.name.Text)
	}
	test.Tap(s.deleteBtn)
	if txt := dialogTexts(env.Win); !strings.Contains(txt, "王五") || !strings.Contains(txt, "在册状态") {
		t.Errorf("the confirmation should name the member and explain 在册状态, says %q", txt)
	}
	tapDialogButton(t, env.Win, "取消")
	if len(membersOf(t, env)) != 1 {
		t.Fatal("取消 deleted the member")
	}
	test.Tap(s.deleteBtn)
	tapDialogButton(t, env.Win, "删除")
	if n := len(membersOf(t, env)); n != 0 || s.count.Text != "共 0 人" {
		t.Fatalf("after 删除: %d members, count %q", n, s.count.Text)
	}
}

func TestMembersScreenFilters(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	g := data.Group{Name: "第一党小组"}
	if err := env.Store.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "赵一", 4, g.ID, 0)
	addTestMember(t, env, "钱二", 5, 0, 0)
	left := addTestMember(t, env, "孙三", 6, g.ID, 0)
	left.RollStatus, left.RollDate = data.RollOut, data.NewDate(2020, 1, 1)
	if err := env.Store.UpdateMember(ctx, &left); err != nil {
		t.Fatal(err)
	}
	s := NewMembersScreen(env)
	show(env, s)
	names := func() string {
		var out []string
		for _, i := range s.visible {
			out = append(out, s.rows[i][0])
		}
		return strings.Join(out, ",")
	}
	for _, c := range []struct {
		name  string
		setup func()
		want  string
	}{
		{"on the roll", func() {}, "钱二,赵一"},
		{"group", func() { s.groupSel.SetSelected("第一党小组") }, "赵一"},
		{"no group", func() { s.groupSel.SetSelected(optNoGroup) }, "钱二"},
		{"with those who left", func() { s.groupSel.SetSelectedIndex(0); s.includeLeft.SetChecked(true) }, "钱二,孙三（转出）,赵一"},
		{"by group", func() { s.sortSel.SetSelected(sortByGroup) }, "孙三（转出）,赵一,钱二"},
	} {
		c.setup()
		if got := names(); got != c.want {
			t.Errorf("%s: listed %s, want %s", c.name, got, c.want)
		}
	}
}

func TestMemberFormTabOrderIsReadingOrder(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)
	f := s.form
	c := env.Win.Canvas()
	// Fields that do not apply yet (变动日期, 失去联系日期, 外出流向) and the derived 性别/出生日期 are skipped.
	want := []fyne.Focusable{f.idNumber, f.ethnicity, f.education, f.category, f.partyStatus, f.joinDate, f.fullDate,
		f.mobile, f.landline, f.address, f.group, f.team, f.job, f.partyRole, f.keyPost, f.supervisor, f.workDate,
		f.rollStatus, f.lost, f.floating, f.remark}
	c.Focus(f.name)
	for i, w := range want {
		test.FocusNext(c)
		if got := c.Focused(); got != w {
			t.Fatalf("Tab %d from 姓名 goes to %T, want %T", i+1, got, w)
		}
	}
	// Tab from the list side: the search box comes before the list.
	c.Focus(s.search)
	for i := 0; i < 10 && c.Focused() != s.list; i++ {
		if c.Focused() == f.name {
			t.Fatal("Tab reached the form before the list")
		}
		test.FocusNext(c)
	}
	if c.Focused() != s.list {
		t.Error("Tab from the search box never reached the list")
	}
}

func TestMembersScreenAsksBeforeDroppingEdits(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	addTestMember(t, env, "王五", 3, 0, 0)
	addTestMember(t, env, "赵六", 4, 0, 0)
	s := NewMembersScreen(env)
	show(env, s)
	s.list.Select(0) // 王五
	typeInto(t, s.form.job, "采煤机司机")
	s.list.Select(1)
	if !strings.Contains(dialogTexts(env.Win), "王五") {
		t.Fatalf("switching members with unsaved edits should ask, dialog says %q", dialogTexts(env.Win))
	}
	tapDialogButton(t, env.Win, "取消")
	if s.form.name.Text != "王五" || s.form.job.Text != "采煤机司机" || s.rowOf(s.selected) != 0 {
		t.Fatalf("取消 should keep the edits and the selection: %q %q row %d", s.form.name.Text, s.form.job.Text, s.rowOf(s.selected))
	}
	s.list.Select(1)
	tapDialogButton(t, env.Win, "放弃修改")
	if s.form.name.Text != "赵六" || s.form.Dirty() {
		t.Fatalf("放弃修改 should show 赵六, shows %q (dirty %v)", s.form.name.Text, s.form.Dirty())
	}
}
