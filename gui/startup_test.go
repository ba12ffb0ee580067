package gui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

// A damaged data file shows what is wrong and the ways out; with a backup 从最近的备份恢复 restores it,
// without one it is disabled and says why; 只读打开 opens the file read-only.
func TestShowDamaged(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	restored, readOnly := false, false
	d := DamagedFile{
		Problem:    data.Errorf(data.EInvalid, "数据文件「ledger.db」已损坏"),
		Backup:     "/备份/ledger-20261203.db",
		BackupTime: time.Date(2026, 12, 3, 18, 0, 0, 0, time.Local),
		Restore:    func(context.Context) error { restored = true; return nil },
		OpenReadOnly: func() error {
			readOnly = true
			return nil
		},
	}
	ShowDamaged(a, w, d)
	if !strings.Contains(w.Title(), "数据文件已损坏") {
		t.Errorf("title %q", w.Title())
	}
	text := strings.Join(labelTexts(w.Content()), "\n")
	for _, want := range []string{"已损坏", "2026年12月3日 18:00", "/备份/ledger-20261203.db"} {
		if !strings.Contains(text, want) {
			t.Errorf("the window does not say %q:\n%s", want, text)
		}
	}
	test.Tap(findButton(t, w.Content(), "从最近的备份恢复"))
	waitFor(t, "the restore", func() bool { return strings.Contains(dialogTexts(w), "已从备份恢复") })
	if !restored {
		t.Error("Restore was not called")
	}
	test.Tap(findButton(t, w.Content(), "只读打开"))
	if !readOnly {
		t.Error("OpenReadOnly was not called")
	}

	d.Backup, d.NoBackup = "", errors.New("没有找到完好的备份")
	ShowDamaged(a, w, d)
	if b := findButton(t, w.Content(), "从最近的备份恢复"); !b.Disabled() {
		t.Error("restore is enabled without a backup")
	}
	if text := strings.Join(labelTexts(w.Content()), "\n"); !strings.Contains(text, "没有找到完好的备份") {
		t.Errorf("the window does not say why there is no backup:\n%s", text)
	}
}

// TestFatalContentFits: the window that says why the program cannot start keeps 退出 on the screen,
// however long the message.
func TestFatalContentFits(t *testing.T) {
	a := test.NewTempApp(t)
	msg := strings.Repeat("「备份/ledger-2026-12-01-0900.db」在“备份”文件夹中，是备份文件，不能直接作为数据文件打开。", 4)
	c := fatalContent(a, data.Errorf(data.EInvalid, msg))
	// Shown, a wrapping note is first laid out narrow, one character a line, and the new window
	// takes the height that asks for.
	test.NewTempWindow(t, c)
	if h := c.MinSize().Height; h > 200 {
		t.Errorf("the content asks for %.0f px of height: 退出 would fall below a 200 px window", h)
	}
	if !strings.Contains(strings.Join(labelTexts(c), ""), "是备份文件") {
		t.Error("the message is not shown")
	}
}
