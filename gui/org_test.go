package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func groupsOf(t *testing.T, env *Env) []data.Group {
	t.Helper()
	gs, err := env.Store.Groups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return gs
}

func teamsOf(t *testing.T, env *Env) []data.Team {
	t.Helper()
	ts, err := env.Store.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestGroupsScreenCreateEditDelete(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	ctx := context.Background()
	leader := addTestMember(t, env, "张三", 1, 0, 0)
	s := NewGroupsScreen(env)
	show(env, s)

	// Create: the form is ready for a new group; the leader is picked by pinyin initials.
	test.Type(s.name, "第一党小组")
	s.area.SetText("综采一班、综采二班")
	// 组长 is the same member field as 责任人: typing pinyin lists the members under it at once.
	typeInto(t, s.leader.entry, "zs")
	hints := s.leader.entry.Hints()
	if len(hints) != 1 || hints[0].Text != "张三" {
		t.Fatalf("typing zs into 组长 lists %d suggestions, want 张三", len(hints))
	}
	test.Tap(hints[0])
	if s.leader.Selected() != leader.ID || s.leader.entry.Text != "张三" {
		t.Fatalf("leader = %d %q, want %d 张三", s.leader.Selected(), s.leader.entry.Text, leader.ID)
	}
	s.Save()
	gs := groupsOf(t, env)
	if len(gs) != 1 || gs[0].Name != "第一党小组" || gs[0].LeaderID != leader.ID || gs[0].Area != "综采一班、综采二班" {
		t.Fatalf("saved groups = %+v", gs)
	}
	if *changed != 1 {
		t.Errorf("Changed called %d times, want 1", *changed)
	}
	if s.frame.Title.Text != "编辑党小组：第一党小组" || s.deleteBtn.Disabled() {
		t.Errorf("after saving, the form should edit the group: heading %q, delete disabled %v", s.frame.Title.Text, s.deleteBtn.Disabled())
	}

	// A member put in the group shows in the count.
	m := addTestMember(t, env, "李四", 2, gs[0].ID, 0)
	s.Reload()
	if s.members.Text != "1 人" {
		t.Errorf("member count = %q, want 1 人", s.members.Text)
	}

	// Edit.
	s.name.SetText("第一党小组（采煤）")
	s.leader.clear.OnTapped()
	// Pinyin that fits one member becomes him on leaving the field; other text gives way to the choice.
	typeInto(t, s.leader.entry, "ls")
	env.Win.Canvas().Focus(s.name)
	if s.leader.Selected() != m.ID || s.leader.entry.Text != "李四" {
		t.Fatalf("ls then Tab: leader %d %q, want 李四", s.leader.Selected(), s.leader.entry.Text)
	}
	typeInto(t, s.leader.entry, "xx")
	env.Win.Canvas().Focus(s.name)
	if s.leader.Selected() != m.ID || s.leader.entry.Text != "李四" {
		t.Fatalf("xx then Tab: leader %d %q, want 李四 kept", s.leader.Selected(), s.leader.entry.Text)
	}
	s.leader.clear.OnTapped()
	s.Save()
	gs = groupsOf(t, env)
	if len(gs) != 1 || gs[0].Name != "第一党小组（采煤）" || gs[0].LeaderID != 0 {
		t.Fatalf("after edit groups = %+v", gs)
	}

	// Delete, confirmed in the dialog that says teams and members stay.
	addTestTeam(t, env, data.Team{Name: "综采一班", Category: "采煤", GroupID: gs[0].ID})
	s.deleteRecord()
	if msg := dialogTexts(env.Win); !strings.Contains(msg, "班组和党员都会保留") {
		t.Errorf("delete confirmation says %q", msg)
	}
	tapDialogButton(t, env.Win, "删除")
	if gs := groupsOf(t, env); len(gs) != 0 {
		t.Fatalf("after delete groups = %+v", gs)
	}
	if ts := teamsOf(t, env); len(ts) != 1 || ts[0].GroupID != 0 {
		t.Errorf("the team should stay without a group: %+v", ts)
	}
	if got, err := env.Store.Member(ctx, m.ID); err != nil || got.GroupID != 0 {
		t.Errorf("the member should stay without a group: %+v, %v", got, err)
	}
	if s.frame.Title.Text != "新建党小组" {
		t.Errorf("after delete the form should be new, heading %q", s.frame.Title.Text)
	}
}

func TestGroupsScreenDeleteCancelled(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	g := data.Group{Name: "第二党小组"}
	if err := env.Store.SaveGroup(context.Background(), &g); err != nil {
		t.Fatal(err)
	}
	s := NewGroupsScreen(env)
	show(env, s)
	s.list.Select(0)
	s.deleteRecord()
	tapDialogButton(t, env.Win, "取消")
	if gs := groupsOf(t, env); len(gs) != 1 {
		t.Fatalf("cancelled delete removed the group: %+v", gs)
	}
}

func TestGroupsScreenValidation(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	if err := env.Store.SaveGroup(context.Background(), &data.Group{Name: "第一党小组"}); err != nil {
		t.Fatal(err)
	}
	s := NewGroupsScreen(env)
	show(env, s)
	tests := []struct {
		name, typed, want string
	}{
		{"empty name", "  ", "名称"},
		{"duplicate name", "第一党小组", "已存在"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.New()
			s.name.SetText(tc.typed)
			s.Save()
			msg := s.errorOf(lblName)
			if !strings.Contains(msg, tc.want) {
				t.Errorf("message under 名称 = %q, want it to mention %q", msg, tc.want)
			}
			if len(groupsOf(t, env)) != 1 {
				t.Error("a bad group was saved")
			}
			// Fixing the input clears the message.
			s.name.SetText("第九党小组" + tc.name)
			s.Save()
			if msg := s.errorOf(lblName); msg != "" {
				t.Errorf("message after a good save = %q", msg)
			}
			if err := env.Store.DeleteGroup(context.Background(), s.loaded.ID); err != nil {
				t.Fatal(err)
			}
			s.Reload()
		})
	}
	if *changed != 2 {
		t.Errorf("Changed called %d times, want 2 (only good saves)", *changed)
	}
}

func TestTeamsScreenCreateEditDelete(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	g1, g2 := data.Group{Name: "第一党小组"}, data.Group{Name: "第二党小组"}
	for _, g := range []*data.Group{&g1, &g2} {
		if err := env.Store.SaveGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	s := NewTeamsScreen(env)
	show(env, s)
	if got := s.group.Options; len(got) != 3 || got[0] != noGroupOption {
		t.Fatalf("group options = %v", got)
	}
	if s.category.PlaceHolder != "请选择" || s.group.PlaceHolder != "请选择" {
		t.Errorf("placeholders %q, %q; want Chinese ones", s.category.PlaceHolder, s.group.PlaceHolder)
	}

	test.Type(s.name, "掘进二班")
	s.category.SetSelected("掘进")
	s.group.SetSelected("第二党小组")
	s.Save()
	ts := teamsOf(t, env)
	if len(ts) != 1 || ts[0].Name != "掘进二班" || ts[0].Category != "掘进" || ts[0].GroupID != g2.ID {
		t.Fatalf("saved teams = %+v", ts)
	}
	if d := s.teamDetail(ts[0]); d != "掘进 · 第二党小组" {
		t.Errorf("list detail = %q", d)
	}

	// Edit: another group, then none.
	s.group.SetSelected("第一党小组")
	s.Save()
	if ts := teamsOf(t, env); ts[0].GroupID != g1.ID {
		t.Fatalf("group after edit = %d, want %d", ts[0].GroupID, g1.ID)
	}
	s.group.SetSelected(noGroupOption)
	s.name.SetText("掘进三班")
	s.Save()
	if ts := teamsOf(t, env); ts[0].GroupID != 0 || ts[0].Name != "掘进三班" {
		t.Fatalf("after edit teams = %+v", ts)
	}

	// Validation: no name.
	s.New()
	s.category.SetSelected("机电")
	s.Save()
	if msg := s.errorOf(lblName); msg == "" {
		t.Error("no message under 名称 for a team without a name")
	}
	if len(teamsOf(t, env)) != 1 {
		t.Error("a team without a name was saved")
	}

	// Delete keeps the members (the new team typed is dropped).
	s.list.Select(0)
	tapDialogButton(t, env.Win, "放弃修改")
	m := addTestMember(t, env, "王五", 3, 0, s.loaded.ID)
	s.deleteRecord()
	tapDialogButton(t, env.Win, "删除")
	if ts := teamsOf(t, env); len(ts) != 0 {
		t.Fatalf("after delete teams = %+v", ts)
	}
	if got, err := env.Store.Member(ctx, m.ID); err != nil || got.TeamID != 0 {
		t.Errorf("the member should stay without a team: %+v, %v", got, err)
	}
}

func TestBranchForm(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	f := NewBranchForm(env)
	show(env, &SettingsScreen{Branch: f, content: f.Content()})
	set := func(vals map[string]string) {
		for _, bf := range branchFields {
			f.entries[bf.label].SetText(vals[bf.label])
		}
	}
	tests := []struct {
		name      string
		vals      map[string]string
		badFields []string // fields that must show a message; none means it saves
	}{
		{"missing required", map[string]string{"所在单位": "某矿综采一队"}, []string{"名称", "所属党委"}},
		{"bad phone and code", map[string]string{"名称": "综采一队党支部", "所属党委": "某矿党委", "联系电话": "12345", "支部代码": "综采1"},
			[]string{"联系电话", "支部代码"}},
		{"good", map[string]string{"名称": "综采一队党支部", "所属党委": "某矿党委", "所在单位": "某矿综采一队",
			"书记": "赵六", "联系电话": "0319-1234567", "支部代码": "ZC-01"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			set(tc.vals)
			f.Save()
			for _, bf := range branchFields {
				msg := f.form.errorOf(bf.label)
				want := false
				for _, b := range tc.badFields {
					want = want || b == bf.label
				}
				if want != (msg != "") {
					t.Errorf("%s: message %q, want a message: %v", bf.label, msg, want)
				}
			}
			b, err := env.Store.Branch(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tc.badFields == nil {
				if b.Name != "综采一队党支部" || b.Secretary != "赵六" || b.Code != "ZC-01" || b.Phone != "0319-1234567" {
					t.Errorf("saved branch = %+v", b)
				}
				// The result shows where the form's errors do, in the success colour (issue 10 #22).
				if l := f.form.other; !l.Visible() || l.Text != "已保存支部信息" || l.Importance != widget.SuccessImportance {
					t.Errorf("status line %q (shown %v, importance %v), want 已保存支部信息 in the success colour", l.Text, l.Visible(), l.Importance)
				}
			} else if b.Name != "" {
				t.Errorf("bad input was saved: %+v", b)
			}
		})
	}
	// A new form shows what was saved.
	if g := NewBranchForm(env); g.entries["所属党委"].Text != "某矿党委" {
		t.Errorf("reloaded 所属党委 = %q", g.entries["所属党委"].Text)
	}
}

func TestOrgListsInNaturalOrder(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	for _, n := range []string{"第十党小组", "第二党小组", "第一党小组"} {
		if err := env.Store.SaveGroup(ctx, &data.Group{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"采煤十班", "采煤二班"} {
		if err := env.Store.SaveTeam(ctx, &data.Team{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	var groups []string
	for _, g := range NewGroupsScreen(env).all {
		groups = append(groups, g.Name)
	}
	if strings.Join(groups, ",") != "第一党小组,第二党小组,第十党小组" {
		t.Errorf("groups listed as %v", groups)
	}
	ts := NewTeamsScreen(env)
	if got := strings.Join(ts.group.Options, ","); got != noGroupOption+",第一党小组,第二党小组,第十党小组" {
		t.Errorf("group choices %s", got)
	}
	if ts.all[0].Name != "采煤二班" {
		t.Errorf("teams listed as %+v", ts.all)
	}
}
