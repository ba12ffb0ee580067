package widgets

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// dateTestWindow shows a date field (inside a Field, as forms use it) and a second entry to move
// the focus to.
func dateTestWindow(t *testing.T) (*DateEntry, *Field, *widget.Entry, fyne.Window) {
	test.NewTempApp(t)
	de := NewDateEntry()
	de.Today = func() data.Date { return data.NewDate(2026, time.November, 23) }
	f := NewField("加入党组织日期", true, de)
	other := widget.NewEntry()
	w := test.NewTempWindow(t, container.NewVBox(Section("测试", 1, f), other))
	w.Resize(fyne.NewSize(500, 600))
	return de, f, other, w
}

func TestDateEntryTyping(t *testing.T) {
	de, f, other, w := dateTestWindow(t)
	for _, c := range []struct {
		typed, shown string
		bad          bool
	}{
		{"2026-11-23", "2026-11-23", false},
		{"20261123", "2026-11-23", false},
		{"2026.11.23", "2026-11-23", false},
		{"2026/11/23", "2026-11-23", false},
		{"2026年11月23日", "2026-11-23", false},
		{"2026.1.5", "2026-01-05", false},
		{"２０２６－１１－２３", "2026-11-23", false}, // typed with a full-width IME
		{"", "", false},
		{"2026-02-30", "2026-02-30", true},
		{"明天", "明天", true},
	} {
		de.SetText("")
		w.Canvas().Focus(de)
		typeFocused(w.Canvas(), c.typed)
		w.Canvas().Focus(other)
		if de.Text != c.shown {
			t.Errorf("typed %q: shows %q, want %q", c.typed, de.Text, c.shown)
		}
		if (f.Error() != "") != c.bad {
			t.Errorf("typed %q: message %q, want a message: %v", c.typed, f.Error(), c.bad)
		}
		d, err := de.Date()
		if (err != nil) != c.bad || !c.bad && d.String() != c.shown {
			t.Errorf("typed %q: Date() = %v, %v", c.typed, d, err)
		}
	}
}

// calendarLabels lists the texts of the calendar's labels (heading and weekday names) in order.
func calendarLabels(c *Calendar) []string {
	var out []string
	for _, o := range test.LaidOutObjects(c.Content()) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

func TestCalendarIsChineseAndStartsOnMonday(t *testing.T) {
	test.NewTempApp(t)
	today := data.NewDate(2026, time.November, 23)
	c := NewCalendar(data.Date{}, today, nil)
	test.NewTempWindow(t, c.Content())
	if c.Title() != "2026年11月" {
		t.Errorf("heading %q, want 2026年11月", c.Title())
	}
	var weekdays []string
	for _, l := range calendarLabels(c) {
		if l != c.Title() {
			weekdays = append(weekdays, l)
		}
	}
	if got := strings.Join(weekdays, " "); got != "一 二 三 四 五 六 日" {
		t.Errorf("weekday headings %q, want 一 二 三 四 五 六 日 (Monday first)", got)
	}
	// 1 November 2026 is a Sunday: the first week runs Monday 26 October to Sunday 1 November.
	if c.dayOf[0] != data.NewDate(2026, time.October, 26) || c.dayOf[6] != data.NewDate(2026, time.November, 1) {
		t.Errorf("first week %v … %v", c.dayOf[0], c.dayOf[6])
	}
	if !c.days[0].Disabled() || c.days[6].Disabled() || c.days[6].Text != "1" {
		t.Errorf("26 Oct should be greyed and 1 Nov enabled with text 1: %v %v %q", c.days[0].Disabled(), c.days[6].Disabled(), c.days[6].Text)
	}
	for i, d := range c.dayOf {
		if d == today && c.days[i].Importance != widget.MediumImportance {
			t.Error("today is not marked")
		}
	}

	for _, step := range []struct {
		tap  *widget.Button
		want string
	}{
		{c.prevMonth, "2026年10月"},
		{c.nextYear, "2027年10月"},
		{c.nextMonth, "2027年11月"},
		{c.nextMonth, "2027年12月"},
		{c.nextMonth, "2028年1月"},
		{c.prevYear, "2027年1月"},
		{c.prevMonth, "2026年12月"},
	} {
		test.Tap(step.tap)
		if c.Title() != step.want {
			t.Errorf("after a tap, heading %q, want %q", c.Title(), step.want)
		}
	}
}

func TestDateEntryCalendarPick(t *testing.T) {
	de, f, _, w := dateTestWindow(t)
	de.SetText("2008-07-01")
	de.ShowCalendar()
	if de.popup == nil || !de.popup.Visible() {
		t.Fatal("the calendar did not open")
	}
	if de.cal.Title() != "2008年7月" {
		t.Errorf("the calendar opens at %q, want the month typed (2008年7月)", de.cal.Title())
	}
	test.Tap(de.cal.nextMonth)
	var day15 *widget.Button
	for i, d := range de.cal.dayOf {
		if d == data.NewDate(2008, time.August, 15) {
			day15 = de.cal.days[i]
		}
	}
	test.Tap(day15)
	if de.Text != "2008-08-15" || de.popup.Visible() {
		t.Errorf("picking 15 August: text %q, calendar open %v", de.Text, de.popup.Visible())
	}
	if w.Canvas().Focused() != de || f.Error() != "" {
		t.Errorf("after picking, the field should have the focus (has %v) and no message (%q)", w.Canvas().Focused(), f.Error())
	}
	de.ShowCalendar()
	test.Tap(de.cal.clearBtn)
	if de.Text != "" {
		t.Errorf("清除 left %q", de.Text)
	}
	de.ShowCalendar()
	test.Tap(de.cal.todayBtn)
	if de.Text != "2026-11-23" {
		t.Errorf("今天 gave %q", de.Text)
	}
}

// typeFocused types text into the focused widget, as the keyboard does.
func typeFocused(c fyne.Canvas, text string) {
	for _, r := range text {
		c.Focused().TypedRune(r)
	}
}
