package gui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
)

func TestSettingsKeyPosts(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	s := NewSettingsScreen(env)
	show(env, s)
	e := s.posts
	if !slices.Equal(e.values, data.DefaultKeyPosts) {
		t.Fatalf("a new file lists %v, want the defaults", e.values)
	}
	stored := func() []string {
		ps, err := env.Store.KeyPosts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	n := len(data.DefaultKeyPosts)
	steps := []struct {
		name    string
		do      func()
		want    func(before []string) []string
		wantErr bool
	}{
		{"add", func() { e.entry.SetText(" 调度员 "); e.entry.OnSubmitted(e.entry.Text) },
			func(b []string) []string { return append(b, "调度员") }, false},
		{"add duplicate", func() { e.add("出纳") }, func(b []string) []string { return b }, true},
		{"add empty", func() { e.add("　") }, func(b []string) []string { return b }, true},
		{"rename", func() { e.list.Select(0); e.entry.SetText("区队管理人员"); e.rename.OnTapped() },
			func(b []string) []string { b[0] = "区队管理人员"; return b }, false},
		{"rename to an existing name", func() { e.list.Select(0); e.renameTo(0, "保管员") },
			func(b []string) []string { return b }, true},
		{"move down", func() { e.list.Select(0); e.down.OnTapped() },
			func(b []string) []string { b[0], b[1] = b[1], b[0]; return b }, false},
		{"move up at the top does nothing", func() { e.move(0, -1) }, func(b []string) []string { return b }, false},
		{"move last up", func() { e.list.Select(n); e.up.OnTapped() },
			func(b []string) []string { b[n-1], b[n] = b[n], b[n-1]; return b }, false},
		{"remove after confirmation", func() { e.list.Select(1); e.remove.OnTapped(); tapDialogButton(t, env.Win, "删除") },
			func(b []string) []string { return slices.Delete(b, 1, 2) }, false},
		{"remove cancelled", func() { e.list.Select(1); e.remove.OnTapped(); tapDialogButton(t, env.Win, "取消") },
			func(b []string) []string { return b }, false},
	}
	for _, st := range steps {
		before := slices.Clone(stored())
		want := st.want(slices.Clone(before))
		st.do()
		if got := stored(); !slices.Equal(got, want) {
			t.Fatalf("%s: stored %v, want %v", st.name, got, want)
		}
		if !slices.Equal(e.values, want) {
			t.Fatalf("%s: shown %v, want %v", st.name, e.values, want)
		}
		if shown := e.err.Visible() && e.err.Text != ""; shown != st.wantErr {
			t.Errorf("%s: message %q shown %v, want %v", st.name, e.err.Text, shown, st.wantErr)
		}
	}
	if *changed != 5 {
		t.Errorf("Changed called %d times, want 5", *changed)
	}
}

func TestSettingsShowsDataFile(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewSettingsScreen(env)
	if s.path.Text != env.Store.Path() || s.path.Text == "" {
		t.Errorf("path shown %q, want %q", s.path.Text, env.Store.Path())
	}
	if u := fileURL(`C:/Users/书记/AppData/Roaming/支部台账/ledger.db`); u.Scheme != "file" || u.Path != "/C:/Users/书记/AppData/Roaming/支部台账/ledger.db" {
		t.Errorf("file URL of a Windows path = %s", u)
	}
	if u := fileURL("/home/a/ledger.db"); u.String() != "file:///home/a/ledger.db" {
		t.Errorf("file URL = %s", u)
	}
}

// TestSettingsFindingLists edits 问题类别 and 问题等级 with the same editor as 重点岗位; each list is
// saved on its own, and the store's refusals (一般 is the default level) are shown under the list.
func TestSettingsFindingLists(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewSettingsScreen(env)
	show(env, s)
	stored := func(list string) []string {
		vs, err := env.Store.Options(context.Background(), list)
		if err != nil {
			t.Fatal(err)
		}
		return vs
	}
	if !slices.Equal(s.categories.values, data.DefaultFindingCategories) || !slices.Equal(s.levels.values, data.DefaultFindingLevels) {
		t.Fatalf("a new file lists %v and %v, want the defaults", s.categories.values, s.levels.values)
	}
	s.categories.entry.SetText("培训教育")
	s.categories.entry.OnSubmitted(s.categories.entry.Text)
	if got := stored(data.ListFindingCategories); !slices.Equal(got, append(slices.Clone(data.DefaultFindingCategories), "培训教育")) {
		t.Errorf("categories stored %v", got)
	}
	if got := stored(data.ListFindingLevels); !slices.Equal(got, data.DefaultFindingLevels) {
		t.Errorf("adding a category changed the levels: %v", got)
	}

	s.levels.list.Select(0)
	s.levels.remove.OnTapped()
	tapDialogButton(t, env.Win, "删除")
	if got := stored(data.ListFindingLevels); !slices.Equal(got, data.DefaultFindingLevels) {
		t.Errorf("removing 一般 stored %v", got)
	}
	if !s.levels.err.Visible() || !strings.Contains(s.levels.err.Text, "默认等级") {
		t.Errorf("removing 一般 says %q", s.levels.err.Text)
	}
	if s.categories.err.Visible() {
		t.Error("the message shows under the wrong list")
	}
}
