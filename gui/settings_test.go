package gui

import (
	"context"
	"slices"
	"testing"

	"branchledger/data"
)

func TestSettingsKeyPosts(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	s := NewSettingsScreen(env)
	show(env, s)
	e := s.posts
	if !slices.Equal(e.posts, data.DefaultKeyPosts) {
		t.Fatalf("a new file lists %v, want the defaults", e.posts)
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
		if !slices.Equal(e.posts, want) {
			t.Fatalf("%s: shown %v, want %v", st.name, e.posts, want)
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
