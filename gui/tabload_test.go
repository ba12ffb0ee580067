package gui

import (
	"context"
	"testing"

	"branchledger/data/sqlite"
)

// TestTabsShowTheirDataWhenFirstShown opens 数据与设置's 备份与恢复, 操作日志 and 回收站 for the first
// time through the navigation and finds their rows there without any other action (issue 10 #13).
func TestTabsShowTheirDataWhenFirstShown(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	db := env.Store.(*sqlite.DB)
	env.DataFile = db.Path()
	m := addTestMember(t, env, "张三", 1, 0, 0)
	addTestMember(t, env, "李四", 2, 0, 0)
	if err := env.Store.DeleteMember(context.Background(), m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BackupNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	w := NewMainWindow(env, false)

	w.Navigate(Destination{Module: moduleSettings, Tab: tabBackup})
	if b := w.shownTab().(*BackupScreen); b.List.Length() != 1 {
		t.Errorf("备份与恢复 lists %d backups the first time it is shown, want 1", b.List.Length())
	}
	w.Navigate(Destination{Module: moduleSettings, Tab: tabOpLog})
	if l := w.shownTab().(*OpLogScreen); l.List.Length() < 3 {
		t.Errorf("操作日志 lists %d entries the first time it is shown, want at least 3", l.List.Length())
	}
	w.Navigate(Destination{Module: moduleSettings, Tab: tabRecycle})
	if r := w.shownTab().(*RecycleScreen); r.List.Length() != 1 {
		t.Errorf("回收站 lists %d entries the first time it is shown, want 1", r.List.Length())
	}
}
