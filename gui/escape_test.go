package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// pressEscape sends Esc as the window does.
func pressEscape(w fyne.Window) { sendKey(w, fyne.KeyEscape) }

// sendKey sends key as the window does: to the focused widget, else to the canvas's handler.
func sendKey(w fyne.Window, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// TestEscapeClosesDialogsWithNothingFocused opens each kind of dialog the program shows and
// presses Esc with no widget focused: the dialog closes as through its cancel button (the
// callbacks see a cancel), or stays when it has no cancel button.
func TestEscapeClosesDialogsWithNothingFocused(t *testing.T) {
	tests := []struct {
		name string
		// open shows the dialog and returns a check of what closing it did ("" when right).
		open     func(env *Env) func() string
		stays    bool
		stayText string
	}{
		{name: "confirm (否) answers false", open: func(env *Env) func() string {
			var answers []bool
			dialog.NewConfirm("放弃修改？", "放弃这些修改吗？", func(ok bool) { answers = append(answers, ok) }, env.Win).Show()
			return func() string {
				if len(answers) != 1 || answers[0] {
					return fmt.Sprintf("the callback got %v, want one false", answers)
				}
				return ""
			}
		}},
		{name: "ShowConfirm (取消) does not act", open: func(env *Env) func() string {
			acted := false
			ShowConfirm(env.Win, "删除党员", "删除张三？", "删除", func() { acted = true })
			return func() string {
				if acted {
					return "Esc deleted"
				}
				return ""
			}
		}},
		{name: "information (确定)", open: func(env *Env) func() string {
			dialog.ShowInformation("备份完成", "已备份。", env.Win)
			return nil
		}},
		{name: "error (确定)", open: func(env *Env) func() string {
			ShowError(env.Win, errors.New("文件被占用"))
			return nil
		}},
		{name: "custom dismiss (稍后再填) runs OnClosed", open: func(env *Env) func() string {
			closed := false
			d := dialog.NewCustom("新建台账：支部信息", "稍后再填", widget.NewLabel("请填写"), env.Win)
			d.SetOnClosed(func() { closed = true })
			d.Show()
			return func() string {
				if !closed {
					return "OnClosed did not run"
				}
				return ""
			}
		}},
		{name: "own button line (关闭 beside 打开文件)", open: func(env *Env) func() string {
			offerOpen(env, "导出完成", filepath.Join(t.TempDir(), "花名册.xlsx"))
			return nil
		}},
		{name: "no cancel button", stays: true, stayText: "请选择", open: func(env *Env) func() string {
			d := dialog.NewCustomWithoutButtons("欢迎", container.NewVBox(widget.NewLabel("请选择"),
				widget.NewButton("新建空白台账", nil), widget.NewButton("载入演示数据", nil)), env.Win)
			d.Show()
			return nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := newOrgTestEnv(t)
			widgets.HandleEscape(env.Win)
			check := tc.open(env)
			c := env.Win.Canvas()
			if c.Overlays().Top() == nil || c.Focused() != nil {
				t.Fatalf("setup: dialog open %v, focused %T", c.Overlays().Top() != nil, c.Focused())
			}
			pressEscape(env.Win)
			switch open := c.Overlays().Top() != nil; {
			case tc.stays && !open:
				t.Error("Esc closed a dialog that has no cancel button")
			case tc.stays && !strings.Contains(dialogTexts(env.Win), tc.stayText):
				t.Errorf("after Esc the top dialog shows %q", dialogTexts(env.Win))
			case !tc.stays && open:
				t.Errorf("Esc left the dialog open: %q", dialogTexts(env.Win))
			}
			if check != nil {
				if msg := check(); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// TestEscapeClosesOnlyTheTopDialog: with a confirm over a form dialog, Esc closes the confirm, a
// second Esc the form.
func TestEscapeClosesOnlyTheTopDialog(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	c := env.Win.Canvas()
	dialog.NewCustom("选择组长", "取消", widget.NewLabel("名单"), env.Win).Show()
	ShowConfirm(env.Win, "删除", "删除吗？", "删除", func() { t.Error("Esc confirmed") })
	pressEscape(env.Win)
	if !strings.Contains(dialogTexts(env.Win), "名单") {
		t.Fatalf("after one Esc the top dialog shows %q, want the first dialog", dialogTexts(env.Win))
	}
	pressEscape(env.Win)
	if c.Overlays().Top() != nil {
		t.Errorf("after two Esc a dialog is open: %q", dialogTexts(env.Win))
	}
}

// TestEscapeInFocusedFieldCancelsFlowDialog types into the close-out and reason dialogs, then
// presses Esc in a focused field (multi-line, date, single-line): the dialog closes and the finding
// is unchanged.
func TestEscapeInFocusedFieldCancelsFlowDialog(t *testing.T) {
	tests := []struct {
		name   string
		state  string // of the finding
		to     string
		field  int // index of the dialog's field that has the focus when Esc comes
		wantTy string
	}{
		{"close-out, Esc in 整改情况", data.StateReview, data.StateClosed, 0, "*gui.textArea"},
		{"close-out, Esc in 验收人", data.StateReview, data.StateClosed, 1, "*gui.Entry"},
		{"close-out, Esc in 销号日期", data.StateReview, data.StateClosed, 2, "*gui.DateEntry"},
		{"验收不通过, Esc in 原因", data.StateReview, data.StateFixing, 0, "*gui.Entry"},
		{"重新打开, Esc in 原因", data.StateClosed, data.StateFixing, 0, "*gui.Entry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, changed, _ := rhythmEnv(t)
			f := addRhythmFindings(t, env, rf{desc: "皮带机托辊损坏", found: day(10), deadline: day(20), state: tc.state, closed: day(21)})[0]
			before := findingOf(t, env, f.ID)
			widgets.HandleEscape(env.Win)
			done := false
			changeState(env, before, tc.to, func(data.Finding) { done = true })
			c := env.Win.Canvas()
			if c.Overlays().Top() == nil {
				t.Fatal("the move opened no dialog")
			}
			for range tc.field {
				test.FocusNext(c)
			}
			focused := c.Focused()
			if got := typeName(focused); got != tc.wantTy {
				t.Fatalf("focused %s, want %s", got, tc.wantTy)
			}
			test.Type(focused, "2026")
			pressEscape(env.Win)
			if c.Overlays().Top() != nil {
				t.Fatalf("Esc left the dialog open: %q", dialogTexts(env.Win))
			}
			after := findingOf(t, env, f.ID)
			if after.State != before.State || after.Progress != before.Progress || after.Acceptor != before.Acceptor ||
				done || *changed != 0 {
				t.Errorf("Esc saved: state %s → %s, progress %q, acceptor %q, done %v, changed %d",
					before.State, after.State, after.Progress, after.Acceptor, done, *changed)
			}
			hs, err := env.Store.History(context.Background(), f.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hs {
				if h.From != "" {
					t.Errorf("Esc recorded a move: %s → %s", h.From, h.To)
				}
			}
		})
	}
}

func typeName(o any) string {
	switch o.(type) {
	case *widgets.TextArea:
		return "*gui.textArea"
	case *widgets.Entry:
		return "*gui.Entry"
	case *widgets.DateEntry:
		return "*gui.DateEntry"
	case nil:
		return "nothing"
	}
	return "another widget"
}

// TestEscapeClosesCalendarFirst: Esc in a date field with its calendar open closes the calendar,
// a second Esc the dialog.
func TestEscapeClosesCalendarFirst(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	de := widgets.NewDateEntry()
	d := dialog.NewCustom("导出", "取消", de, env.Win)
	d.Show()
	c := env.Win.Canvas()
	c.Focus(de)
	de.ShowCalendar()
	if !de.CalendarOpen() {
		t.Fatal("the calendar did not open")
	}
	pressEscape(env.Win)
	if de.CalendarOpen() || c.Overlays().Top() == nil {
		t.Fatalf("after one Esc: calendar open %v, dialog open %v", de.CalendarOpen(), c.Overlays().Top() != nil)
	}
	c.Focus(de)
	pressEscape(env.Win)
	if c.Overlays().Top() != nil {
		t.Error("the second Esc left the dialog open")
	}
}

// TestEscapeCancelsProgress: Esc on a progress dialog asks the work to stop, like 取消; the dialog
// stays until the work has returned (a second Esc does nothing more), then finished sees the
// cancellation.
func TestEscapeCancelsProgress(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	c := env.Win.Canvas()
	stopped, release, finished := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	RunWithProgress(env.Win, "正在导出", func(ctx context.Context, _ Progress) error {
		<-ctx.Done()
		close(stopped)
		<-release // cleaning up takes a moment
		return ctx.Err()
	}, func(err error) { finished <- err })
	progress := c.Overlays().Top()
	pressEscape(env.Win)
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatalf("Esc did not ask the work to stop; the top dialog shows %q", dialogTexts(env.Win))
	}
	if c.Overlays().Top() != progress || !strings.Contains(dialogTexts(env.Win), "正在取消") {
		t.Errorf("while the work stops, the top dialog shows %q, want the progress dialog saying 正在取消", dialogTexts(env.Win))
	}
	pressEscape(env.Win)
	if c.Overlays().Top() != progress {
		t.Error("a second Esc closed the progress dialog before the work returned")
	}
	close(release)
	if err := <-finished; !errors.Is(err, context.Canceled) {
		t.Errorf("finished got %v, want the cancellation", err)
	}
	waitFor(t, "the progress dialog to close", func() bool { return c.Overlays().Top() == nil })
}

// TestEscapeWithoutDialog: the main window installs the handler; Esc with no dialog open, with
// nothing focused or in the search box, changes nothing; the welcome dialog, which has no cancel
// button, stays.
func TestEscapeWithoutDialog(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	w := NewMainWindow(env, false)
	c := env.Win.Canvas()
	if c.OnTypedKey() == nil {
		t.Fatal("the main window installs no key handler")
	}
	pressEscape(env.Win)
	w.ShowModule(moduleMembers)
	w.members.FocusSearch()
	test.Type(c.Focused(), "zs")
	pressEscape(env.Win)
	if c.Overlays().Top() != nil || w.members.search.Text != "zs" || *changed != 0 {
		t.Errorf("Esc without a dialog: overlay %v, search %q, changed %d", c.Overlays().Top() != nil, w.members.search.Text, *changed)
	}

	env2, _ := newOrgTestEnv(t)
	NewMainWindow(env2, true)
	pressEscape(env2.Win)
	if !strings.Contains(dialogTexts(env2.Win), "欢迎使用支部台账") {
		t.Errorf("Esc closed the welcome dialog, which has no cancel button; top shows %q", dialogTexts(env2.Win))
	}
}

// Work that must run to its end (a restore) shows no 取消, and Esc does not stop it.
func TestRunToEndIgnoresEscape(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	c := env.Win.Canvas()
	release, finished := make(chan struct{}), make(chan error, 1)
	var cancelled atomic.Bool
	RunToEnd(env.Win, "正在从备份恢复", func(ctx context.Context, _ Progress) error {
		<-release
		cancelled.Store(ctx.Err() != nil)
		return nil
	}, func(err error) { finished <- err })
	if strings.Contains(dialogTexts(env.Win), "取消") {
		t.Errorf("the dialog offers 取消: %q", dialogTexts(env.Win))
	}
	pressEscape(env.Win)
	close(release)
	if err := <-finished; err != nil || cancelled.Load() {
		t.Errorf("finished %v, cancelled %v", err, cancelled.Load())
	}
	waitFor(t, "the progress dialog to close", func() bool { return c.Overlays().Top() == nil })
}

// TestEscapeFromFieldClosesItsOwnDialog: one Esc in a field of 验收销号 or 重新打开 closes the
// dialog, even when the driver cannot tell which window the field is in (issue 10 #15).
func TestEscapeFromFieldClosesItsOwnDialog(t *testing.T) {
	for _, tc := range []struct{ state, to string }{{data.StateReview, data.StateClosed}, {data.StateClosed, data.StateFixing}} {
		env, _, _ := rhythmEnv(t)
		f := addRhythmFindings(t, env, rf{desc: "皮带机托辊损坏", found: day(10), deadline: day(20), state: tc.state, closed: day(21)})[0]
		widgets.HandleEscape(env.Win)
		changeState(env, findingOf(t, env, f.ID), tc.to, func(data.Finding) {})
		c := env.Win.Canvas()
		if c.Overlays().Top() == nil || c.Focused() == nil {
			t.Fatalf("%s: no dialog, or no field focused", tc.to)
		}
		test.NewTempWindow(t, widget.NewLabel("另一个窗口")) // the test driver now guesses this one
		pressEscape(env.Win)
		if c.Overlays().Top() != nil {
			t.Errorf("%s: one Esc in %s left the dialog open", tc.to, typeName(c.Focused()))
		}
	}
}

// TestEnterPressesTheDefaultButton: Enter closes 备份完成, saves from the unsaved-changes question,
// and Esc there is 取消 (issue 10 #15).
func TestEnterPressesTheDefaultButton(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	c := env.Win.Canvas()
	dialog.ShowInformation("备份完成", "已备份到：\n备份.db", env.Win)
	sendKey(env.Win, fyne.KeyReturn)
	if c.Overlays().Top() != nil {
		t.Fatal("Enter left 备份完成 open")
	}

	m := addTestMember(t, env, "王五", 3, 0, 0)
	s := NewMembersScreen(env)
	show(env, s)
	widgets.HandleEscape(env.Win)
	s.Select(m.ID)
	typeInto(t, s.form.job, "采煤机司机")
	s.New()
	c.Unfocus()
	pressEscape(env.Win)
	if c.Overlays().Top() != nil || s.form.job.Text != "采煤机司机" {
		t.Fatalf("Esc on the question: open %v, job %q; want closed, edit kept", c.Overlays().Top() != nil, s.form.job.Text)
	}
	s.New()
	c.Unfocus()
	sendKey(env.Win, fyne.KeyReturn)
	if got, _ := env.Store.Member(context.Background(), m.ID); got.Job != "采煤机司机" || c.Overlays().Top() != nil {
		t.Errorf("Enter on the question did not save: job %q, open %v", got.Job, c.Overlays().Top() != nil)
	}
}

// Enter on a delete confirmation presses nothing: 删除 is destructive, so it is no default (issue 10 #15).
func TestEnterDoesNotPressDelete(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	widgets.HandleEscape(env.Win)
	c := env.Win.Canvas()
	deleted := false
	ShowConfirm(env.Win, "删除", "删除党员「王五」？", "删除", func() { deleted = true })
	sendKey(env.Win, fyne.KeyReturn)
	if deleted || c.Overlays().Top() == nil {
		t.Fatalf("Enter on 删除: deleted %v, dialog open %v; want nothing pressed", deleted, c.Overlays().Top() != nil)
	}
	pressEscape(env.Win)
	if deleted || c.Overlays().Top() != nil {
		t.Errorf("Esc on 删除: deleted %v, open %v; want cancelled", deleted, c.Overlays().Top() != nil)
	}
}
