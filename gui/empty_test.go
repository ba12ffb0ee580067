package gui

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEmptyResultsSaySo: a search that matches nothing, an empty 回收站 and an empty 操作日志
// filter say so over the list; 打开文件 of a file that is gone says why (issue 10 #23).
func TestEmptyResultsSaySo(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewMembersScreen(env)
	show(env, s)
	if got := s.empty.Text; !strings.Contains(got, "还没有") {
		t.Errorf("an empty roster says %q", got)
	}
	addTestMember(t, env, "张三", 1, 0, 0)
	s.Reload()
	if s.empty.Text != "" {
		t.Errorf("a roster with a member says %q over the list", s.empty.Text)
	}
	s.search.SetText("没有这个人")
	if got := s.empty.Text; !strings.Contains(got, "没有符合") {
		t.Errorf("a search without a match says %q", got)
	}

	bin := NewRecycleScreen(env)
	if !strings.Contains(bin.EmptyNote.Text, "回收站是空的") {
		t.Errorf("an empty 回收站 says %q", bin.EmptyNote.Text)
	}
	log := NewOpLogScreen(env)
	log.Search.SetText("没有这个人")
	if !strings.Contains(log.Empty.Text, "没有符合") {
		t.Errorf("操作日志 without a match says %q", log.Empty.Text)
	}

	openInShell(env, filepath.Join(t.TempDir(), "花名册.xlsx"))
	if got := dialogTexts(env.Win); !strings.Contains(got, "找不到") {
		t.Errorf("opening a file that is gone says %q", got)
	}
}
