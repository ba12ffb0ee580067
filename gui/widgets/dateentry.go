package widgets

import (
	"fmt"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// DateEntry is the date field of every form. It takes what people type (2026-11-23, 20261123,
// 2026.11.23, 2026/11/23, 2026年11月23日 — anything data.ParseDate reads), rewrites it as 2026-11-23
// when the field loses focus, and has a calendar button for picking a day. Fyne's DateEntry is not
// used: for zh it shows DD/MM/YYYY and English month names.
type DateEntry struct {
	widget.Entry
	// Today marks today in the calendar; data.Today when nil.
	Today func() data.Date
	// OnInvalid is called when the field loses focus or a day is picked: with data.ParseDate's message
	// when the text is not a date, "" when it is one or is empty. NewField sets it to show the message.
	OnInvalid func(msg string)
	// OnFocusLost is called after the text has been normalised.
	OnFocusLost func()

	popup *widget.PopUp
	cal   *Calendar
}

// NewDateEntry returns an empty date field.
func NewDateEntry() *DateEntry {
	e := &DateEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("如 2026-11-23")
	e.ActionItem = NewIconButton(theme.CalendarIcon(), e.ShowCalendar)
	return e
}

// Disable greys out the field and its calendar button.
func (e *DateEntry) Disable() {
	e.ActionItem.(fyne.Disableable).Disable()
	e.Entry.Disable()
}

// Enable makes the field and its calendar button usable again.
func (e *DateEntry) Enable() {
	e.ActionItem.(fyne.Disableable).Enable()
	e.Entry.Enable()
}

// Date parses the text; the zero Date for an empty field.
func (e *DateEntry) Date() (data.Date, error) { return data.ParseDate(e.Text) }

// SetDate shows d as yyyy-mm-dd ("" for the zero Date).
func (e *DateEntry) SetDate(d data.Date) { e.SetText(d.String()) }

// TypedKey makes Esc close the calendar or the dialog the field is in.
func (e *DateEntry) TypedKey(k *fyne.KeyEvent) {
	if !EscapeKey(e, k) {
		e.Entry.TypedKey(k)
	}
}

// FocusLost normalises the text and reports whether it is a date.
func (e *DateEntry) FocusLost() {
	e.Entry.FocusLost()
	e.normalise()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

func (e *DateEntry) normalise() {
	d, err := e.Date()
	if err == nil && d.String() != e.Text {
		e.SetText(d.String())
	}
	if e.OnInvalid != nil {
		e.OnInvalid(data.ErrorMessage(err))
	}
}

func (e *DateEntry) today() data.Date {
	if e.Today != nil {
		return e.Today()
	}
	return data.Today()
}

// CalendarOpen is whether the calendar popup shows.
func (e *DateEntry) CalendarOpen() bool { return e.popup != nil && e.popup.Visible() }

// ShowCalendar opens the calendar under the field, at the month of the date typed (or today's).
func (e *DateEntry) ShowCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	selected, _ := e.Date()
	e.cal = NewCalendar(selected, e.today(), func(d data.Date) {
		e.popup.Hide()
		e.SetDate(d)
		if e.OnInvalid != nil {
			e.OnInvalid("")
		}
		c.Focus(e)
	})
	e.popup = widget.NewPopUp(newHideOnEscape(e.cal.Content()), c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	below := pos.Add(fyne.NewPos(0, e.Size().Height))
	if ps := e.popup.MinSize(); below.Y+ps.Height > c.Size().Height && pos.Y-ps.Height >= 0 {
		below = pos.Subtract(fyne.NewPos(0, ps.Height)) // no room below: open above the field
	}
	e.popup.ShowAtPosition(below)
}

// Calendar is a month view in Chinese: a "2026年11月" heading between previous/next month and year
// buttons, weeks starting on Monday (一 二 三 四 五 六 日), today and the selected day marked, and
// buttons for today and for clearing the date. A tap on a day calls OnPick.
type Calendar struct {
	OnPick func(data.Date)

	year      int
	month     time.Month
	selected  data.Date
	today     data.Date
	title     *widget.Label
	days      [42]*widget.Button
	dayOf     [42]data.Date
	content   fyne.CanvasObject
	todayBtn  *widget.Button
	clearBtn  *widget.Button
	prevMonth *widget.Button
	nextMonth *widget.Button
	prevYear  *widget.Button
	nextYear  *widget.Button
}

// calendarWeekdays are the column headings, Monday first as Chinese calendars print them.
var calendarWeekdays = []string{"一", "二", "三", "四", "五", "六", "日"}

// NewCalendar shows the month of selected (of today when selected is zero).
func NewCalendar(selected, today data.Date, onPick func(data.Date)) *Calendar {
	c := &Calendar{OnPick: onPick, selected: selected, today: today}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.prevYear = widget.NewButtonWithIcon("", theme.MediaFastRewindIcon(), func() { c.ShowMonth(c.year-1, c.month) })
	c.prevMonth = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.ShowMonth(c.year, c.month-1) })
	c.nextMonth = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.ShowMonth(c.year, c.month+1) })
	c.nextYear = widget.NewButtonWithIcon("", theme.MediaFastForwardIcon(), func() { c.ShowMonth(c.year+1, c.month) })
	for _, b := range []*widget.Button{c.prevYear, c.prevMonth, c.nextMonth, c.nextYear} {
		b.Importance = widget.LowImportance
	}
	header := container.NewBorder(nil, nil,
		container.NewHBox(c.prevYear, c.prevMonth), container.NewHBox(c.nextMonth, c.nextYear), c.title)

	grid := container.NewGridWithColumns(7)
	for _, w := range calendarWeekdays {
		grid.Add(widget.NewLabelWithStyle(w, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for i := range c.days {
		c.days[i] = widget.NewButton("", func() { c.pick(c.dayOf[i]) })
		grid.Add(c.days[i])
	}
	c.todayBtn = widget.NewButton("今天 "+today.String(), func() { c.pick(c.today) })
	c.clearBtn = widget.NewButton("清除", func() { c.pick(data.Date{}) })
	c.todayBtn.Importance, c.clearBtn.Importance = widget.LowImportance, widget.LowImportance
	footer := container.NewBorder(nil, nil, nil, c.clearBtn, c.todayBtn)
	c.content = container.NewBorder(header, footer, nil, nil, grid)

	shown := selected
	if shown.IsZero() {
		shown = today
	}
	c.ShowMonth(shown.Year, shown.Month)
	return c
}

// Content is the calendar's widget tree.
func (c *Calendar) Content() fyne.CanvasObject { return c.content }

// Title is the heading, e.g. 2026年11月.
func (c *Calendar) Title() string { return c.title.Text }

// ShowMonth shows the month; months outside 1–12 roll over into the previous or next year.
func (c *Calendar) ShowMonth(year int, month time.Month) {
	first := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	c.year, c.month = first.Year(), first.Month()
	c.title.SetText(fmt.Sprintf("%d年%d月", c.year, int(c.month)))
	// Monday-first column of the 1st: Go's Sunday is 0, ours is 6.
	offset := (int(first.Weekday()) + 6) % 7
	for i, b := range c.days {
		d := data.DateOf(first.AddDate(0, 0, i-offset))
		c.dayOf[i] = d
		b.SetText(strconv.Itoa(d.Day))
		inMonth := d.Month == c.month
		switch {
		case d == c.selected:
			b.Importance = widget.HighImportance
		case d == c.today:
			b.Importance = widget.MediumImportance
		default:
			b.Importance = widget.LowImportance
		}
		if inMonth {
			b.Enable()
		} else {
			b.Disable() // days of the neighbouring months are shown greyed, as on paper calendars
		}
		b.Refresh()
	}
}

func (c *Calendar) pick(d data.Date) {
	if c.OnPick != nil {
		c.OnPick(d)
	}
}
