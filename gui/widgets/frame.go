package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// RecordFrame is the right-hand side of a list+form screen: the form's title, a status line, the
// form in a scroll, and a button bar under it; and the split holding the list on the left.
type RecordFrame struct {
	Title      *widget.Label
	StatusLine *widget.Label
	Scroll     *container.Scroll
	Right      *fyne.Container
	Split      *container.Split
}

// NewRecordFrame builds the frame; offset is the split's.
func NewRecordFrame(left, form, bottom fyne.CanvasObject, offset float64) *RecordFrame {
	f := &RecordFrame{Title: FormHeading(), StatusLine: Note("")}
	f.StatusLine.Hide()
	f.Scroll = container.NewVScroll(container.NewPadded(form))
	f.Right = OrderedBorder(container.NewVBox(f.Title, f.StatusLine), bottom, nil, nil, f.Scroll)
	f.Split = container.NewHSplit(left, f.Right)
	f.Split.Offset = offset
	return f
}

// SetStatus shows msg (green, or red for an error) over the form; "" hides it.
func (f *RecordFrame) SetStatus(msg string, isErr bool) {
	if msg == f.StatusLine.Text && msg != "" == f.StatusLine.Visible() {
		return
	}
	SetStatusLine(f.StatusLine, msg, isErr)
	f.Right.Refresh()
}

// SetStatusLine shows a save's result (or another outcome) on l as every form does: one line, in
// the theme's success colour, or its error colour when isErr; "" hides it.
func SetStatusLine(l *widget.Label, msg string, isErr bool) {
	l.Importance = widget.SuccessImportance
	if isErr {
		l.Importance = widget.DangerImportance
	}
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// Status is the status line's text ("" when hidden).
func (f *RecordFrame) Status() string {
	if !f.StatusLine.Visible() {
		return ""
	}
	return f.StatusLine.Text
}
