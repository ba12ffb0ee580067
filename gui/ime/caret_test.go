package ime

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/gui/widgets"
)

// drawnCaret is where Fyne drew the cursor of the focused entry o: the one visible cursor-wide
// rectangle inside it at the entry's cursor position, as absolute canvas coordinates. It is the
// independent answer Caret must agree with: it goes through Fyne's renderers and scrollers.
func drawnCaret(t *testing.T, o fyne.CanvasObject) fyne.Position {
	t.Helper()
	e := EntryOf(o)
	border := theme.InputBorderSize()
	var found []fyne.CanvasObject
	for _, x := range rendered(o) {
		if r, ok := x.(*canvas.Rectangle); ok && r.Visible() && r.Size().Width == border &&
			r.Size().Height > 0 && r.Position() == e.CursorPosition() {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("found %d drawn cursors, want 1", len(found))
	}
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(found[0])
	return p.Add(fyne.NewPos(border/2, 0))
}

// checkCaret compares Caret with the drawn cursor and checks that it lies in the field, which
// lies in the window.
func checkCaret(t *testing.T, w fyne.Window, o fyne.CanvasObject) Rect {
	t.Helper()
	caret, field, ok := Caret(o)
	if !ok {
		t.Fatal("Caret found no text field")
	}
	want := drawnCaret(t, o)
	if d := caret.Pos.Subtract(want); abs(d.X) > 0.5 || abs(d.Y) > 0.5 {
		t.Errorf("caret at %v, Fyne drew it at %v", caret.Pos, want)
	}
	if field.Pos != fyne.CurrentApp().Driver().AbsolutePositionForObject(o) || field.Size != o.Size() {
		t.Errorf("field %v, want the entry's absolute rectangle", field)
	}
	px, fpx := caret.Pixels(w.Canvas().Scale()), field.Pixels(w.Canvas().Scale())
	if !fpx.Contains(px.Left, px.Top) {
		t.Errorf("caret %v outside its field %v", px, fpx)
	}
	if win := w.Canvas().Size(); field.Pos.Y < 0 || field.Pos.Y+field.Size.Height > win.Height {
		t.Errorf("field %v is not in the window (%v)", field, win)
	}
	if caret.Size.Height < theme.TextSize() {
		t.Errorf("caret height %v, want at least a line of text", caret.Size.Height)
	}
	return caret
}

func abs(v float32) float32 { return max(v, -v) }

// form is a scrolled form of 30 labelled fields, like the member form in its scroll container.
func form(n int) (*container.Scroll, []*widgets.Entry) {
	var entries []*widgets.Entry
	box := container.NewVBox()
	for i := range n {
		e := widgets.NewEntry()
		entries = append(entries, e)
		box.Add(container.NewBorder(nil, nil, widget.NewLabel(fmt.Sprintf("字段%02d", i)), nil, e))
	}
	return container.NewVScroll(box), entries
}

// formWindow is a test app's window of width×height showing form(n).
func formWindow(t *testing.T, n int, width, height float32) (fyne.Window, *container.Scroll, []*widgets.Entry) {
	test.NewTempApp(t)
	scroll, entries := form(n)
	w := test.NewTempWindow(t, scroll)
	w.Resize(fyne.NewSize(width, height))
	return w, scroll, entries
}

func focus(w fyne.Window, o fyne.Focusable) { w.Canvas().Focus(o) }

// rendered is o and everything its current renderers draw. (test.LaidOutObjects makes new
// renderers, which would give an Entry a new cursor and scroller.)
func rendered(o fyne.CanvasObject) []fyne.CanvasObject {
	all := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			all = append(all, rendered(child)...)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			all = append(all, rendered(child)...)
		}
	}
	return all
}

func TestCaretInScrolledForm(t *testing.T) {
	w, scroll, entries := formWindow(t, 30, 500, 400)
	e := entries[20]
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(e).Y - d.AbsolutePositionForObject(scroll).Y
	scroll.ScrollToOffset(fyne.NewPos(0, top-10)) // field 20 near the top of the view
	if scroll.Offset.Y < 300 {
		t.Fatalf("the form did not scroll (offset %v)", scroll.Offset)
	}
	focus(w, e)
	test.Type(e, "张三丰ab")
	c := checkCaret(t, w, e)
	if abs(c.Pos.Y-(top-scroll.Offset.Y)) > e.Size().Height {
		t.Errorf("caret y %v does not follow the scrolled form (offset %v)", c.Pos.Y, scroll.Offset)
	}
	// The caret moves with the text: after two more characters it is further right.
	test.Type(e, "矿区")
	if c2 := checkCaret(t, w, e); c2.Pos.X <= c.Pos.X {
		t.Errorf("caret did not move right after typing: %v then %v", c.Pos.X, c2.Pos.X)
	}
	// Home puts it at the start of the text.
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if c3 := checkCaret(t, w, e); c3.Pos.X >= c.Pos.X {
		t.Errorf("caret after Home at %v, want left of %v", c3.Pos.X, c.Pos.X)
	}
}

func TestCaretAfterResize(t *testing.T) {
	w, _, entries := formWindow(t, 12, 400, 300)
	e := entries[3]
	focus(w, e)
	test.Type(e, "中共某矿委员会")
	before := checkCaret(t, w, e)
	_, fieldBefore, _ := Caret(e)
	w.Resize(fyne.NewSize(900, 700))
	after := checkCaret(t, w, e)
	_, fieldAfter, _ := Caret(e)
	if fieldAfter.Size.Width <= fieldBefore.Size.Width {
		t.Errorf("field did not widen with the window: %v then %v", fieldBefore, fieldAfter)
	}
	if before.Pos == after.Pos && fieldBefore.Pos == fieldAfter.Pos {
		t.Log("caret unchanged by the resize (the field kept its place)")
	}
}

// TestCaretScrolledText: a text area with more lines than it shows, and a line longer than its
// field, scroll their own text; the caret follows (this reads Fyne's private scroller).
func TestCaretScrolledText(t *testing.T) {
	test.NewTempApp(t)
	area := widgets.NewTextArea(2)
	long := widgets.NewEntry()
	w := test.NewTempWindow(t, container.NewVBox(area, long))
	w.Resize(fyne.NewSize(300, 400))
	focus(w, area)
	for i := range 8 {
		if i > 0 {
			area.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		test.Type(area, fmt.Sprintf("第%d行备注", i+1))
	}
	if off := ownScrollOffset(EntryOf(area)); off.Y <= 0 {
		t.Fatalf("the text area did not scroll its text (offset %v): the test proves nothing", off)
	}
	checkCaret(t, w, area)
	for range 3 {
		area.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	}
	checkCaret(t, w, area)

	focus(w, long)
	test.Type(long, strings.Repeat("中国共产党", 12))
	if off := ownScrollOffset(EntryOf(long)); off.X <= 0 {
		t.Fatalf("the long line did not scroll (offset %v)", off)
	}
	checkCaret(t, w, long)
}

func TestEntryOf(t *testing.T) {
	test.NewTempApp(t)
	plain := widget.NewEntry()
	area := widgets.NewTextArea(2)
	tests := []struct {
		name string
		o    any
		want *widget.Entry
	}{
		{"widget.Entry", plain, plain},
		{"widgets.Entry", widgets.NewEntry(), nil}, // any embedded Entry: checked below
		{"text area (two levels)", area, &area.Entry.Entry},
		{"button", widget.NewButton("保存", nil), nil},
		{"nil", nil, nil},
	}
	for _, tc := range tests {
		got := EntryOf(tc.o)
		switch {
		case tc.name == "widgets.Entry":
			if e := tc.o.(*widgets.Entry); got != &e.Entry {
				t.Errorf("%s: got %p, want its embedded Entry", tc.name, got)
			}
		case got != tc.want:
			t.Errorf("%s: got %p, want %p", tc.name, got, tc.want)
		}
	}
	if _, _, ok := Caret(widget.NewLabel("x")); ok {
		t.Error("Caret of a label")
	}
}

func TestPixels(t *testing.T) {
	r := Rect{fyne.NewPos(10.4, 20), fyne.NewSize(2, 17)}
	if got, want := r.Pixels(1.5), (PixelRect{16, 30, 19, 56}); got != want {
		t.Errorf("at 150%%: %v, want %v", got, want)
	}
	if got, want := r.Pixels(1), (PixelRect{10, 20, 12, 37}); got != want {
		t.Errorf("at 100%%: %v, want %v", got, want)
	}
	p := PixelRect{10, 20, 30, 40}
	for _, c := range []struct {
		x, y int32
		in   bool
	}{{10, 20, true}, {29, 39, true}, {30, 25, false}, {15, 40, false}, {9, 25, false}} {
		if p.Contains(c.x, c.y) != c.in {
			t.Errorf("Contains(%d,%d) = %v", c.x, c.y, !c.in)
		}
	}
}

// TestFollower: the follower places once per focus or caret change, not on every look, and tries
// again after a failure.
func TestFollower(t *testing.T) {
	test.NewTempApp(t)
	scroll, entries := form(10)
	btn := widget.NewButton("保存", nil)
	w := test.NewTempWindow(t, container.NewBorder(nil, btn, nil, nil, scroll))
	w.Resize(fyne.NewSize(500, 400))
	var placed []Placement
	fail := false
	f := &follower{win: w, place: func(p Placement) error {
		if fail {
			return errors.New("no context")
		}
		placed = append(placed, p)
		return nil
	}}
	f.update()
	if len(placed) != 0 {
		t.Fatalf("placed %v with nothing focused", placed)
	}
	focus(w, entries[2])
	f.update()
	f.update()
	if len(placed) != 1 {
		t.Fatalf("placed %d times after focusing a field, want 1", len(placed))
	}
	c, field, _ := Caret(entries[2])
	if want := (Placement{c.Pixels(1), field.Pixels(1)}); placed[0] != want {
		t.Errorf("placed %v, want %v", placed[0], want)
	}
	test.Type(entries[2], "党")
	f.update()
	if len(placed) != 2 || placed[1].Caret.Left <= placed[0].Caret.Left {
		t.Errorf("after typing: %v", placed)
	}
	fail = true
	focus(w, entries[5])
	f.update()
	fail = false
	f.update()
	if len(placed) != 3 || placed[2].Field.Top <= placed[1].Field.Top {
		t.Errorf("after a failure and a retry on the next field: %v", placed)
	}
	// A form scrolled under the caret moves it.
	scroll.ScrollToOffset(fyne.NewPos(0, 40))
	f.update()
	if len(placed) != 4 || placed[3].Caret.Top >= placed[2].Caret.Top {
		t.Errorf("after scrolling the form: %v", placed)
	}
	focus(w, btn)
	f.update()
	if len(placed) != 4 {
		t.Errorf("placed for a button: %v", placed[4:])
	}
	stop := f.start()
	stop()
	stop()
}
