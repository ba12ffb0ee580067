package gui

// The close-out flow of findings (问题整改销号, SPEC §3), shared by 问题整改, 督查记录 and 日清:
//
//	changeState     moves a finding to another state, first asking for what the move needs: a reason
//	                (验收不通过, 重新打开) or the close-out (验收销号: 整改情况, 验收人, 销号日期)
//	stateActions    one button per move allowed from the finding's state (data.NextStates)
//	historyView     a finding's history: time, from → to, reason, close-out
//	stateLabel      the state as lists show it, 逾期N天 in red when overdue
//
// Every path goes through store.ChangeState, which refuses moves the flow does not allow and changes
// nothing then; its refusal is shown in Chinese. After a move, env.Changed runs (other screens
// reload) and then the caller's done with the finding as saved.

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// changeState moves f to state `to`. A move that needs a reason or the close-out opens a dialog
// asking for it (its problems are shown in the dialog, which stays open); other moves happen at
// once. A refused move shows the store's message and changes nothing. On success env.Changed and
// then done(saved finding) run; done may be nil. Call it on the UI goroutine.
//
// The store call is one short transaction, so it runs on the UI goroutine like every other save.
func changeState(env *Env, f data.Finding, to string, done func(data.Finding)) {
	var tr data.Transition
	for _, t := range data.NextStates(f.State) {
		if t.To == to {
			tr = t
		}
	}
	move := func(reason string, co *data.CloseOut) error {
		saved, err := env.Store.ChangeState(context.Background(), f.ID, to, reason, co)
		if err != nil {
			return err
		}
		if env.Changed != nil {
			env.Changed()
		}
		if done != nil {
			done(saved)
		}
		return nil
	}
	switch {
	case tr.To == "":
		// Not a move of the flow: let the store say why (it refuses and changes nothing).
		ShowError(env.Win, move("", nil))
	case to == data.StateClosed:
		showCloseOutDialog(env, f, tr, move)
	case tr.NeedsReason:
		showReasonDialog(env, f, tr, move)
	default:
		ShowError(env.Win, move("", nil))
	}
}

// stateActions are the buttons of the moves allowed from f's state, in data.NextStates order:
// forward moves stand out, moves back are plain. Each calls changeState; done as there.
func stateActions(env *Env, f data.Finding, done func(data.Finding)) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, t := range data.NextStates(f.State) {
		out = append(out, moveButton(t, data.StateClosed, func() { changeState(env, f, t.To, done) }))
	}
	return out
}

// moveButton is the button of move t: the move to the final state (done) stands out, moves back
// (those needing a reason) are plain.
func moveButton(t data.Transition, done string, tapped func()) *widget.Button {
	b := widget.NewButton(t.Action, tapped)
	switch {
	case t.To == done:
		b.Importance = widget.HighImportance
		b.Icon = theme.ConfirmIcon()
	case t.NeedsReason:
		b.Icon = theme.ContentUndoIcon()
	default:
		b.Icon = theme.MediaPlayIcon()
	}
	return b
}

// flowDialog asks for what a move needs: fields in a form, an error line, 取消 and the move's
// action button. submit returns the store's answer: FieldErrors are shown under the fields (or on
// the error line) and keep the dialog open; any other error closes it and is shown; nil closes it.
type flowDialog struct {
	env    *Env
	fields widgets.Fields
	msg    *widget.Label
	d      *dialog.CustomDialog
	submit func() error
}

func newFlowDialog(env *Env, title, intro, action string, body func(fs *widgets.Fields) fyne.CanvasObject, submit func() error) *flowDialog {
	fd := &flowDialog{env: env, submit: submit}
	fd.msg = widget.NewLabel("")
	fd.msg.Importance = widget.DangerImportance
	fd.msg.Wrapping = fyne.TextWrapWord
	fd.msg.Hide()
	content := container.NewVBox(widgets.Note(intro), body(&fd.fields), fd.msg)
	fd.d = dialog.NewCustomWithoutButtons(title, content, env.Win)
	ok := widget.NewButtonWithIcon(action, theme.ConfirmIcon(), fd.confirm)
	ok.Importance = widget.HighImportance
	fd.d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("取消", theme.CancelIcon(), fd.d.Hide), ok})
	fd.d.Resize(widgets.DialogSize(env.Win, 560, content.MinSize().Height+120))
	return fd
}

func (fd *flowDialog) show(first fyne.Focusable) {
	fd.d.Show()
	if first != nil {
		fd.env.Win.Canvas().Focus(first)
	}
}

func (fd *flowDialog) confirm() {
	err := fd.submit()
	var fe data.FieldErrors
	if errors.As(err, &fe) {
		unplaced := showErrors(&fd.fields, fe)
		fd.msg.SetText(strings.Join(unplaced, "\n"))
		fd.msg.Hidden = len(unplaced) == 0
		fd.msg.Refresh()
		return
	}
	fd.d.Hide()
	ShowError(fd.env.Win, err)
}

// findingCaption names a finding in a dialog: its description, clipped.
func findingCaption(f data.Finding) string {
	return "“" + clip(f.Description, 40) + "”"
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// showCloseOutDialog asks for the close-out (整改情况, 验收人, 销号日期 defaulting to today) and
// closes the finding with it.
func showCloseOutDialog(env *Env, f data.Finding, tr data.Transition, move func(string, *data.CloseOut) error) {
	progress := widgets.NewTextArea(3)
	progress.SetText(f.Progress)
	progress.SetPlaceHolder("如：已更换损坏的托辊并试运转正常")
	acceptor := widgets.NewEntry()
	acceptor.SetText(f.Acceptor)
	acceptor.SetPlaceHolder("验收人姓名")
	closed := widgets.NewDateEntry()
	closed.Today = env.Today
	closed.SetDate(env.Today())
	fd := newFlowDialog(env, "验收销号", "验收问题"+findingCaption(f)+"：填写整改情况和验收人，确认后问题即为“已销号”。", tr.Action,
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.FieldColumn(fs.Add(data.FProgress, true, progress), fs.Add(data.FAcceptor, true, acceptor),
				fs.Add(data.FClosedDate, true, closed))
		},
		func() error {
			d, err := closed.Date()
			if err != nil {
				return data.FieldErrors{{Field: data.FClosedDate, Message: data.ErrorMessage(err)}}
			}
			return move("", &data.CloseOut{Progress: progress.Text, Acceptor: acceptor.Text, ClosedDate: d})
		})
	acceptor.OnSubmitted = func(string) { fd.confirm() }
	closed.OnSubmitted = func(string) { fd.confirm() }
	fd.show(progress)
}

// showReasonDialog asks why a finding goes back (验收不通过, 重新打开) and moves it.
func showReasonDialog(env *Env, f data.Finding, tr data.Transition, move func(string, *data.CloseOut) error) {
	reason := widgets.NewEntry()
	reason.SetPlaceHolder("如：复查发现支护仍不到位")
	intro := fmt.Sprintf("问题%s将从“%s”退回“%s”。请说明原因，原因会记入办理记录。", findingCaption(f), f.State, tr.To)
	fd := newFlowDialog(env, tr.Action, intro, tr.Action,
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.FieldColumn(fs.Add(data.FReason, true, reason))
		},
		func() error { return move(reason.Text, nil) })
	reason.OnSubmitted = func(string) { fd.confirm() }
	fd.show(reason)
}

// historyView shows a finding's history (store.History), oldest first: when, from → to, and the
// reason or close-out given.
type historyView struct {
	env *Env
	box *fyne.Container
}

func newHistoryView(env *Env) *historyView {
	return &historyView{env: env, box: container.NewVBox()}
}

// Content is the view's widget tree.
func (h *historyView) Content() fyne.CanvasObject { return h.box }

// Show loads the history of finding id (0: shows nothing).
func (h *historyView) Show(id int64) {
	h.box.Objects = nil
	if id != 0 {
		hs, err := h.env.Store.History(context.Background(), id)
		if err != nil {
			ShowError(h.env.Win, err)
		}
		for _, c := range hs {
			h.box.Add(historyRow(c))
		}
	}
	h.box.Refresh()
}

// Lines is the history as shown, one string per change (for tests and copying).
func (h *historyView) Lines() []string {
	var out []string
	for _, o := range h.box.Objects {
		out = append(out, o.(*widget.Label).Text)
	}
	return out
}

// historyRow is one change: "2026-11-23 14:05  整改中 → 待验收", then the reason or close-out.
func historyRow(c data.StateChange) fyne.CanvasObject {
	move := "登记问题（" + c.To + "）"
	if c.From != "" {
		move = c.From + " → " + c.To
	}
	text := c.At.Local().Format("2006-01-02 15:04") + "　" + move
	if c.Reason != "" {
		text += "\n原因：" + c.Reason
	}
	if co := c.CloseOut; co != nil {
		text += fmt.Sprintf("\n整改情况：%s\n验收人：%s　销号日期：%s", co.Progress, co.Acceptor, co.ClosedDate)
	}
	l := widgets.Note(text)
	return l
}

// stateLabel is a finding's state as lists show it on day today, with the importance to show it
// in: 逾期N天 (red) for an open finding past its deadline, else the state (已销号 green, 待验收
// orange).
func stateLabel(f *data.Finding, today data.Date) (string, widget.Importance) {
	if n := f.OverdueDays(today); n > 0 {
		return fmt.Sprintf("逾期%d天", n), widget.DangerImportance
	}
	switch f.State {
	case data.StateClosed:
		return f.State, widget.SuccessImportance
	case data.StateReview:
		return f.State, widget.WarningImportance
	}
	return f.State, widget.MediumImportance
}
