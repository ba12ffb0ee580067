package gui

// Dialogs every screen uses (the form widgets are in package widgets):
//
//	ShowConfirm         "are you sure" before deleting, with the action named on the button
//	ShowError           an error dialog with data.ErrorMessage(err)
//	RunWithProgress     long work on a goroutine behind a progress dialog, back on the UI via fyne.Do
//	showErrors          data.FieldErrors under the fields of a widgets.Fields

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// ShowConfirm asks before an action that cannot be undone. action names the action on the button
// (删除, 覆盖, …); onConfirm runs only when the user chose it. Esc or 取消 does nothing.
func ShowConfirm(win fyne.Window, title, message, action string, onConfirm func()) {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			onConfirm()
		}
	}, win)
	d.SetConfirmText(action)
	d.SetDismissText("取消")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// ShowError shows err's Chinese message (data.ErrorMessage) in an error dialog; nil does nothing.
func ShowError(win fyne.Window, err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errorText(data.ErrorMessage(err)), win)
}

type errorText string

func (e errorText) Error() string { return string(e) }

// onUI runs f on the UI goroutine: fyne.Do, for work finishing on another goroutine. Fyne's test
// driver runs fyne.Do at once on the calling goroutine, so the tests replace it with a call that
// never overlaps their own reading of the widgets (helpers_test.go).
var onUI = fyne.Do

// Progress reports how far long work has come; total ≤ 0 means unknown. Safe to call from any
// goroutine, as often as wanted: the dialog is updated at most every 100 ms.
type Progress func(done, total int)

// RunWithProgress runs work on a goroutine while a modal dialog titled title shows a progress bar
// and a 取消 button (which cancels ctx). When work returns, the dialog closes and, on the UI
// goroutine, finished(err) runs; with a nil finished, an error other than cancellation is shown
// with ShowError. Call it from the UI goroutine.
func RunWithProgress(win fyne.Window, title string, work func(ctx context.Context, progress Progress) error, finished func(err error)) {
	runWithProgress(win, title, true, work, finished)
}

// RunToEnd is RunWithProgress for work that must not stop half-way (restoring a backup): the
// dialog has no 取消, so neither a click nor Esc suggests it could be cancelled.
func RunToEnd(win fyne.Window, title string, work func(ctx context.Context, progress Progress) error, finished func(err error)) {
	runWithProgress(win, title, false, work, finished)
}

func runWithProgress(win fyne.Window, title string, cancellable bool, work func(ctx context.Context, progress Progress) error, finished func(err error)) {
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel("请稍候……")
	bar := widget.NewProgressBar()
	busy := widget.NewProgressBarInfinite()
	bar.Hide()
	cancelBtn := widget.NewButtonWithIcon("取消", theme.CancelIcon(), nil)
	box := container.NewVBox(status, busy, bar, container.NewCenter(cancelBtn))
	if !cancellable {
		cancelBtn.Hide()
	}
	d := dialog.NewCustomWithoutButtons(title, box, win)
	cancelBtn.OnTapped = func() {
		cancel()
		cancelBtn.Disable()
		status.SetText("正在取消……")
	}
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	d.Show()

	var mu sync.Mutex
	var last time.Time
	progress := func(done, total int) {
		mu.Lock()
		now := time.Now()
		if now.Sub(last) < 100*time.Millisecond && done < total {
			mu.Unlock()
			return
		}
		last = now
		mu.Unlock()
		onUI(func() {
			if total <= 0 {
				return
			}
			if busy.Visible() {
				busy.Stop()
				busy.Hide()
				bar.Show()
			}
			bar.SetValue(float64(done) / float64(total))
			if cancelBtn.Disabled() {
				return
			}
			status.SetText("已完成 " + strconv.Itoa(done) + " / " + strconv.Itoa(total))
		})
	}
	go func() {
		err := work(ctx, progress)
		cancel()
		onUI(func() {
			busy.Stop()
			d.Hide()
			switch {
			case finished != nil:
				finished(err)
			case err != nil && !errors.Is(err, context.Canceled):
				ShowError(win, err)
			}
		})
	}()
}

// showErrors shows each message of fe under its field of fs and clears the other fields; the
// messages for labels that have no field come back as "label：message" lines.
func showErrors(fs *widgets.Fields, fe data.FieldErrors) (unplaced []string) {
	msgs := make([]widgets.Message, len(fe))
	for i, e := range fe {
		// A row's error (问题2：发现日期) names no field of this form: it is listed with its row.
		msgs[i] = widgets.Message{Field: e.Label(), Text: e.Message}
	}
	return fs.ShowMessages(msgs)
}

// overList lays note over the middle of list: it says why the list is empty ("" when it is not).
func overList(list fyne.CanvasObject, note *widget.Label) fyne.CanvasObject {
	note.Importance = widget.LowImportance
	return container.NewStack(list, container.NewCenter(note))
}
