package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Columns describe a list's columns: titles and widths. A column with a fit text (a date) is as wide
// as that text; the others share the rest by weight. Row builds a row (or the bold header) whose
// labels line up with the other rows; Set fills one.
type Columns []struct {
	Title  string
	Weight float32
	Fit    string
}

func (cs Columns) Row(header bool) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(cs))
	row := &rowLayout{cs: cs, full: make([]string, len(cs))}
	for i := range objs {
		l := NewCellLabel() // fit puts the … itself, once per change
		if header {
			l.TextStyle.Bold = true
			row.full[i] = cs[i].Title
			l.Text = cs[i].Title
		}
		objs[i] = l
	}
	return container.New(row, objs...)
}

// NewCellLabel is an empty label for a list row or a table cell, clipped: not Fyne's Ellipsis,
// which shapes the text again on every update, slow with a CJK font.
func NewCellLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateClip
	return l
}

// Set shows texts in a row, with the importance given for some columns (medium for the others).
// A text too long for its column ends with …; the full text is the record's, shown in its form.
func (cs Columns) Set(o fyne.CanvasObject, texts []string, imp map[int]widget.Importance) {
	c := o.(*fyne.Container)
	row := c.Layout.(*rowLayout)
	for i, obj := range c.Objects {
		l := obj.(*widget.Label)
		row.full[i] = texts[i]
		shown, want := fit(l, texts[i], l.Size().Width), imp[i]
		if l.Text != shown || l.Importance != want {
			l.Text, l.Importance = shown, want
			l.Refresh()
		}
	}
}

// rowLayout lays out one row of Columns and keeps its full texts, cut again to the new widths.
type rowLayout struct {
	cs   Columns
	full []string
}

func (r *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	r.cs.Layout(objs, size)
	for i, o := range objs {
		l := o.(*widget.Label)
		if shown := fit(l, r.full[i], l.Size().Width); shown != l.Text {
			l.Text = shown
			l.Refresh()
		}
	}
}

func (r *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return r.cs.MinSize(objs) }

// fit is text as label l shows it in width w: whole when it fits (or w is not known yet), else
// as many leading characters as fit followed by ….
func fit(l *widget.Label, text string, w float32) string {
	avail := w - 2*theme.InnerPadding()
	measure := func(s string) float32 { return fyne.MeasureText(s, theme.TextSize(), l.TextStyle).Width }
	if w <= 0 || measure(text) <= avail {
		return text
	}
	r := []rune(text)
	lo, hi := 0, len(r) // the longest prefix that fits with … is lo runes
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(r[:mid])+"…") <= avail {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// widths are the columns' widths in a row size wide.
func (cs Columns) widths(size float32) []float32 {
	w := make([]float32, len(cs))
	rest, weights := size, float32(0)
	for i, c := range cs {
		if c.Fit == "" {
			weights += c.Weight
			continue
		}
		style := fyne.TextStyle{Bold: true}
		w[i] = max(fyne.MeasureText(c.Fit, theme.TextSize(), style).Width, fyne.MeasureText(c.Title, theme.TextSize(), style).Width) +
			2*theme.InnerPadding()
		rest -= w[i]
	}
	for i, c := range cs {
		if c.Fit == "" {
			w[i] = max(rest, 0) * c.Weight / weights
		}
	}
	return w
}

func (cs Columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range cs.widths(size.Width) {
		objs[i].Resize(fyne.NewSize(w, size.Height))
		objs[i].Move(fyne.NewPos(x, 0))
		x += w
	}
}

func (cs Columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	width := float32(0)
	for _, w := range cs.widths(0) {
		width += max(w, 36)
	}
	return fyne.NewSize(width, h)
}

// Chip is a small tappable text (with an optional icon) that takes no keyboard focus: choices
// offered under a field and the controls of rows, which would otherwise add Tab stops between
// fields.
type Chip struct {
	widget.BaseWidget
	text  *widget.Label
	icon  *widget.Icon
	bg    *canvas.Rectangle
	OnTap func()
}

func NewChip(text string, icon fyne.Resource, onTap func()) *Chip {
	c := &Chip{text: widget.NewLabel(text), icon: widget.NewIcon(icon), OnTap: onTap}
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	c.bg.CornerRadius = theme.InputRadiusSize()
	if icon == nil {
		c.icon.Hide()
	}
	c.ExtendBaseWidget(c)
	return c
}

// Text is the chip's text.
func (c *Chip) Text() string { return c.text.Text }

// Set changes the chip's text and icon (nil: none).
func (c *Chip) Set(text string, icon fyne.Resource) {
	c.text.SetText(text)
	c.icon.SetResource(icon)
	c.icon.Hidden = icon == nil
	c.Refresh()
}

func (c *Chip) Tapped(*fyne.PointEvent) {
	if c.OnTap != nil {
		c.OnTap()
	}
}

func (c *Chip) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *Chip) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewHBox(c.icon, c.text)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, box))
}
