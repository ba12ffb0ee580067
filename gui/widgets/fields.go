package widgets

// Form parts of every screen:
//
//	NewEntry            an Entry that reports focus loss (check a field when the user leaves it)
//	                    and closes its dialog on Esc (escape.go)
//	NewTextArea         a multi-line Entry in which Tab moves on
//	NewDateEntry        the date field (dateentry.go)
//	NewSelect           a Select whose placeholder is Chinese (Fyne's says "(Select one)")
//	NewField / Fields   a labelled input with a required mark (*) and a red message line under it;
//	                    Fields.ShowMessages spreads messages over the fields by label
//	Section, Sections   titled groups of fields in label/input columns, in reading (= Tab) order

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a widget.Entry that also reports focus loss, so a form can check a field as soon as the
// user leaves it.
type Entry struct {
	widget.Entry
	OnFocusLost func()
	// MinWidth, when set, is the narrowest the entry may be: a field whose whole value must show.
	MinWidth float32
}

// MinSize is the Entry's, at least MinWidth wide.
func (e *Entry) MinSize() fyne.Size {
	s := e.Entry.MinSize()
	return fyne.NewSize(max(s.Width, e.MinWidth), s.Height)
}

// WidthFor is the width an entry needs to show text whole.
func WidthFor(text string) float32 {
	return fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
}

// NewEntry returns a single-line Entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey makes Esc close the dialog the entry is in (Fyne's Entry ignores Esc), and Enter in a
// single-line entry that submits nothing press the dialog's default button.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if EscapeKey(e, k) {
		return
	}
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && !e.MultiLine && e.OnSubmitted == nil {
		if c := canvasOf(e); c != nil && PressDefault(c) {
			return
		}
	}
	e.Entry.TypedKey(k)
}

// FocusLost is called by Fyne when the entry loses focus.
func (e *Entry) FocusLost() {
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// Field is one labelled input of a form: the label (with a red * when required), the input, and a
// red message line under the input that is shown only when there is something to fix.
type Field struct {
	// Label is the field's Chinese name as data.FieldErrors name it (姓名, 公民身份证号, …).
	Label string
	Input fyne.CanvasObject
	// Wide makes the field take a whole line of its Section (addresses, remarks).
	Wide bool

	label fyne.CanvasObject
	body  *fyne.Container // Input over msgBox
	msg   *widget.Label
	// msgBox holds msg; once a message goes because the field was edited, it keeps the message's
	// height (hold) until the form is next checked or filled, so the fields below do not move
	// under the user's pointer.
	msgBox *fyne.Container
	hold   *holdHeight
}

// NewField builds a field. A *DateEntry input without an OnInvalid handler gets one that shows its
// "not a date" message on the field.
func NewField(label string, required bool, input fyne.CanvasObject) *Field {
	segs := []widget.RichTextSegment{&widget.TextSegment{Text: label, Style: widget.RichTextStyleInline}}
	if required {
		segs = append(segs, &widget.TextSegment{Text: " *", Style: widget.RichTextStyle{
			Inline: true, ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Bold: true}}})
	}
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	f := &Field{Label: label, Input: input, label: widget.NewRichText(segs...), msg: msg, hold: &holdHeight{}}
	f.msgBox = container.New(f.hold, msg)
	f.msgBox.Hide()
	f.body = container.NewVBox(input, f.msgBox)
	if de, ok := input.(*DateEntry); ok && de.OnInvalid == nil {
		de.OnInvalid = f.SetError
	}
	return f
}

// SetError shows msg under the field; "" removes the message but keeps its space until the form
// is next checked or filled (ShowMessages, ClearErrors).
func (f *Field) SetError(msg string) { f.setError(msg, false) }

// setError shows msg; release gives back the space an earlier message kept.
func (f *Field) setError(msg string, release bool) {
	if msg == "" && f.msg.Visible() && !release {
		f.hold.h = f.msgBox.MinSize().Height
	}
	if release || msg != "" {
		f.hold.h = 0
	}
	f.msg.SetText(msg)
	showIf(f.msg, msg != "")
	showIf(f.msgBox, msg != "" || f.hold.h > 0)
	f.body.Refresh()
}

func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

// holdHeight lays out one object over the whole space, at least h high.
type holdHeight struct{ h float32 }

func (l *holdHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
}

func (l *holdHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	if objs[0].Visible() {
		s = objs[0].MinSize()
	}
	return fyne.NewSize(s.Width, max(s.Height, l.h))
}

// Error is the message shown under the field ("" when none).
func (f *Field) Error() string { return f.msg.Text }

// Fields is the set of fields of one form, looked up by label.
type Fields struct {
	list []*Field
}

// Add creates a field (see NewField) and keeps it in the set.
func (fs *Fields) Add(label string, required bool, input fyne.CanvasObject) *Field {
	f := NewField(label, required, input)
	fs.list = append(fs.list, f)
	return f
}

// All are the fields, in the order added.
func (fs *Fields) All() []*Field { return fs.list }

// Get returns the field with the label, nil when there is none.
func (fs *Fields) Get(label string) *Field {
	for _, f := range fs.list {
		if f.Label == label {
			return f
		}
	}
	return nil
}

// Message is a problem with the field labelled Field.
type Message struct{ Field, Text string }

// ShowMessages shows each message under its field and clears the other fields. Messages for
// labels that have no field are returned as "label：message" lines for the caller to show elsewhere.
func (fs *Fields) ShowMessages(msgs []Message) (unplaced []string) {
	for _, f := range fs.list {
		msg := ""
		for _, m := range msgs {
			if m.Field == f.Label {
				msg = m.Text
				break
			}
		}
		f.setError(msg, true)
	}
	for _, m := range msgs {
		if fs.Get(m.Field) == nil {
			unplaced = append(unplaced, m.Field+"："+m.Text)
		}
	}
	return unplaced
}

// ClearErrors hides every field's message.
func (fs *Fields) ClearErrors() { fs.ShowMessages(nil) }

// Section is a titled block of fields, laid out cols fields per line (label, input, label, input…)
// in reading order, which is also the Tab order. A Wide field takes a line of its own.
func Section(title string, cols int, fields ...*Field) fyne.CanvasObject {
	return NewSections(cols).Add(title, fields...).Content()
}

// Sections is a form made of several titled blocks of fields (see Section) whose label and input
// columns line up from one block to the next.
type Sections struct {
	cols  int
	grids *[]*fyne.Container // shared by the blocks' layouts
	box   *fyne.Container
}

// NewSections starts a form with cols fields per line.
func NewSections(cols int) *Sections {
	return &Sections{cols: cols, grids: new([]*fyne.Container), box: container.NewVBox()}
}

// Add appends a titled block of fields.
func (s *Sections) Add(title string, fields ...*Field) *Sections {
	heading := widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameSubHeadingText,
		TextStyle: fyne.TextStyle{Bold: true}}})
	g := &fieldGrid{cols: s.cols, all: s.grids}
	objs := make([]fyne.CanvasObject, 0, 2*len(fields))
	for _, f := range fields {
		objs = append(objs, f.label, f.body)
		g.wide = append(g.wide, f.Wide)
	}
	grid := container.New(g, objs...)
	*s.grids = append(*s.grids, grid)
	s.box.Add(container.NewVBox(heading, grid))
	return s
}

// Content is the form's widget tree.
func (s *Sections) Content() fyne.CanvasObject { return s.box }

// fieldGrid lays out (label, body) pairs cols per line. Labels of one column share their width and
// sit level with the input; bodies share the rest of the width equally; wide fields fill a line.
type fieldGrid struct {
	cols int
	wide []bool             // per field
	all  *[]*fyne.Container // every grid of the form (this one too): labels line up across them
}

// cell is one field's place: its index, its column, and whether it fills the line.
type cell struct {
	field, col int
	wide       bool
}

func (g *fieldGrid) rows() [][]cell {
	var rows [][]cell
	var cur []cell
	for i, wide := range g.wide {
		if wide {
			if len(cur) > 0 {
				rows, cur = append(rows, cur), nil
			}
			rows = append(rows, []cell{{i, 0, true}})
			continue
		}
		cur = append(cur, cell{i, len(cur), false})
		if len(cur) == g.cols {
			rows, cur = append(rows, cur), nil
		}
	}
	if len(cur) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// labelWidths is the width of each label column: the widest label in that column of any grid of
// the form.
func (g *fieldGrid) labelWidths(objs []fyne.CanvasObject) []float32 {
	w := make([]float32, g.cols)
	g.addLabelWidths(w, objs)
	if g.all != nil {
		for _, c := range *g.all {
			if other := c.Layout.(*fieldGrid); other != g {
				other.addLabelWidths(w, c.Objects)
			}
		}
	}
	return w
}

func (g *fieldGrid) addLabelWidths(w []float32, objs []fyne.CanvasObject) {
	for _, row := range g.rows() {
		for _, c := range row {
			if c.col < len(w) {
				w[c.col] = max(w[c.col], objs[2*c.field].MinSize().Width)
			}
		}
	}
}

// bodyWidth is the width of a (non-wide) input column when the grid is total wide.
func (g *fieldGrid) bodyWidth(labels []float32, total float32) float32 {
	pad := theme.Padding()
	used := float32(0)
	for _, w := range labels {
		used += w
	}
	used += float32(g.cols)*pad + float32(g.cols-1)*2*pad
	return max((total-used)/float32(g.cols), 0)
}

func (g *fieldGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	labels := g.labelWidths(objs)
	bw := g.bodyWidth(labels, size.Width)
	pad := theme.Padding()
	y := float32(0)
	for _, row := range g.rows() {
		h := float32(0)
		x := float32(0)
		for _, c := range row {
			label, body := objs[2*c.field], objs[2*c.field+1]
			w := bw
			if c.wide {
				w = max(size.Width-labels[0]-pad, 0)
			}
			body.Resize(fyne.NewSize(w, body.MinSize().Height))
			bh := body.MinSize().Height // a wrapped message is taller once its width is known
			body.Resize(fyne.NewSize(w, bh))
			body.Move(fyne.NewPos(x+labels[c.col]+pad, y))
			lh := label.MinSize().Height
			label.Resize(fyne.NewSize(labels[c.col], lh))
			label.Move(fyne.NewPos(x, y+max(firstLineHeight(body)-lh, 0)/2))
			h = max(h, bh, lh)
			x += labels[c.col] + pad + bw + 2*pad
		}
		y += h + pad
	}
}

func (g *fieldGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	labels := g.labelWidths(objs)
	pad := theme.Padding()
	bodies := make([]float32, g.cols)
	var height, wideMin float32
	for _, row := range g.rows() {
		h := float32(0)
		for _, c := range row {
			ms := objs[2*c.field+1].MinSize()
			if c.wide {
				wideMin = max(wideMin, labels[0]+pad+ms.Width)
			} else {
				bodies[c.col] = max(bodies[c.col], ms.Width)
			}
			h = max(h, ms.Height, objs[2*c.field].MinSize().Height)
		}
		height += h + pad
	}
	// Columns get equal widths, so each must be as wide as the widest.
	widest := float32(0)
	for _, b := range bodies {
		widest = max(widest, b)
	}
	width := float32(g.cols-1) * 2 * pad
	for _, l := range labels {
		width += l + pad + widest
	}
	return fyne.NewSize(max(width, wideMin), max(height-pad, 0))
}

// firstLineHeight is the height of a field's input (the first object of its body).
func firstLineHeight(body fyne.CanvasObject) float32 {
	if c, ok := body.(*fyne.Container); ok && len(c.Objects) > 0 {
		return c.Objects[0].MinSize().Height
	}
	return body.MinSize().Height
}

// NewSelect is a widget.Select with a Chinese placeholder (Fyne's is "(Select one)").
func NewSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = "请选择"
	return s
}

// IconButton is a small tappable icon that, unlike widget.Button, takes no keyboard focus: placed in
// an Entry's ActionItem it opens a popup without adding a Tab stop between two fields.
type IconButton struct {
	widget.DisableableWidget
	icon  *widget.Icon
	res   fyne.Resource
	onTap func()
}

func NewIconButton(res fyne.Resource, onTap func()) *IconButton {
	b := &IconButton{res: res, icon: widget.NewIcon(res), onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *IconButton) Tapped(*fyne.PointEvent) {
	if !b.Disabled() && b.onTap != nil {
		b.onTap()
	}
}

func (b *IconButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *IconButton) MinSize() fyne.Size {
	s := theme.IconInlineSize() + 2*theme.InnerPadding()
	return fyne.NewSize(s, theme.IconInlineSize())
}

func (b *IconButton) Refresh() {
	if b.Disabled() {
		b.icon.SetResource(theme.NewDisabledResource(b.res))
	} else {
		b.icon.SetResource(b.res)
	}
	b.BaseWidget.Refresh()
}

func (b *IconButton) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewCenter(b.icon))
}

// OrderedBorder is container.NewBorder with its parts in reading order (top, left, centre, right,
// bottom): Fyne moves the focus in the order of a container's objects, and NewBorder puts the
// centre first, so Tab would visit a list before the search box above it.
func OrderedBorder(top, bottom, left, right, center fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, left, center, right, bottom} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(layout.NewBorderLayout(top, bottom, left, right), objs...)
}

// TextArea is a multi-line Entry in which Tab moves to the next field (Fyne's multi-line Entry
// types a tab character instead, which would break the keyboard flow of a form).
type TextArea struct{ Entry }

func NewTextArea(rows int) *TextArea {
	a := &TextArea{}
	a.ExtendBaseWidget(a)
	a.MultiLine = true
	a.Wrapping = fyne.TextWrapWord
	a.SetMinRowsVisible(rows)
	return a
}

// TypedKey makes Esc close the dialog the text area is in. It is the TextArea, not its inner Entry,
// that has the focus and that the driver knows: EscapeKey must be given the TextArea.
func (a *TextArea) TypedKey(k *fyne.KeyEvent) {
	if !EscapeKey(a, k) {
		a.Entry.Entry.TypedKey(k)
	}
}

// AcceptsTab lets Tab move the focus on.
func (a *TextArea) AcceptsTab() bool { return false }

// FieldColumn lays out fields one a line, labels beside inputs, as a Section without a title.
func FieldColumn(fields ...*Field) fyne.CanvasObject {
	g := &fieldGrid{cols: 1, wide: make([]bool, len(fields))}
	var objs []fyne.CanvasObject
	for _, f := range fields {
		objs = append(objs, f.label, f.body)
	}
	return container.New(g, objs...)
}

// FieldGrid lays fields out cols a line, as a Section without a title; its labels line up with
// those of every grid in *all (the caller adds the grid returned to it, and removes it when the
// grid goes).
func FieldGrid(cols int, all *[]*fyne.Container, fields ...*Field) *fyne.Container {
	g := &fieldGrid{cols: cols, all: all}
	var objs []fyne.CanvasObject
	for _, f := range fields {
		objs = append(objs, f.label, f.body)
		g.wide = append(g.wide, f.Wide)
	}
	return container.New(g, objs...)
}
