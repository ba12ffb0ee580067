// Package ime puts the Windows input method's composition and candidate windows at the caret of
// the focused text field. Fyne (through GLFW) tells the IME nothing, so on Windows a pinyin IME
// opens its windows at a corner of the screen (Fyne issue 618) and the user reads the pinyin far
// from the field.
//
//	caret.go           where the caret of the focused Entry is, in canvas units and client pixels
//	                   (plain Go, tested everywhere with Fyne's test driver)
//	follow.go          the follower: after focus or caret changes it places the IME windows
//	follow_windows.go  imm32: ImmSetCompositionWindow / ImmSetCandidateWindow on the window's HWND
//	follow_other.go    nothing: other systems place their IME windows themselves
package ime

import (
	"math"
	"reflect"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Rect is a rectangle in canvas units (Fyne's coordinates, before DPI scaling).
type Rect struct {
	Pos  fyne.Position
	Size fyne.Size
}

// PixelRect is a rectangle in the window's client pixels, the unit of the Win32 IME calls.
type PixelRect struct{ Left, Top, Right, Bottom int32 }

// Contains reports whether the pixel (x, y) lies in r (right and bottom edges excluded).
func (r PixelRect) Contains(x, y int32) bool {
	return x >= r.Left && x < r.Right && y >= r.Top && y < r.Bottom
}

// Pixels is r in client pixels for a canvas of the given scale (Canvas.Scale: the display's DPI
// factor times the user's Fyne scale). Fyne draws canvas position p at pixel p×scale, and on
// Windows the canvas fills the client area from its top-left corner (the menu bar is drawn by Fyne,
// inside the canvas).
func (r Rect) Pixels(scale float32) PixelRect {
	px := func(v float32) int32 { return int32(math.Round(float64(v * scale))) }
	return PixelRect{Left: px(r.Pos.X), Top: px(r.Pos.Y),
		Right: px(r.Pos.X + r.Size.Width), Bottom: px(r.Pos.Y + r.Size.Height)}
}

// EntryOf is the widget.Entry of a text field: the object itself, or the Entry it embeds (the
// program's widgets.Entry, TextArea and DateEntry, Fyne's SelectEntry), at any depth. Nil when o
// is not a text field.
func EntryOf(o any) *widget.Entry {
	if e, ok := o.(*widget.Entry); ok {
		return e
	}
	v := reflect.ValueOf(o)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	return embeddedEntry(v.Elem())
}

var entryType = reflect.TypeFor[widget.Entry]()

// embeddedEntry looks through the embedded (anonymous, exported) fields of the struct v.
func embeddedEntry(v reflect.Value) *widget.Entry {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if !f.Anonymous || !f.IsExported() || f.Type.Kind() != reflect.Struct {
			continue
		}
		if f.Type == entryType {
			return v.Field(i).Addr().Interface().(*widget.Entry)
		}
		if e := embeddedEntry(v.Field(i)); e != nil {
			return e
		}
	}
	return nil
}

// Caret is the caret of the text field o in canvas coordinates: its top-left corner where the
// next character goes, one text line high, and the field's own rectangle. ok is false when o is
// not a text field or not on a canvas. Call it on the UI goroutine.
//
// The caret is placed as Fyne's Entry places its cursor (Entry.CursorPosition, relative to the
// text content, which starts at the Entry's leading inset and input border) minus how far the
// Entry has scrolled its own text (a long line, or more lines than a text area shows); everything
// around the field (a scrolled form, a dialog, the window's size) is in the field's absolute
// position.
func Caret(o fyne.CanvasObject) (caret, field Rect, ok bool) {
	e := EntryOf(o)
	if e == nil || fyne.CurrentApp() == nil {
		return Rect{}, Rect{}, false
	}
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(o) == nil {
		return Rect{}, Rect{}, false
	}
	abs := d.AbsolutePositionForObject(o)
	field = Rect{abs, o.Size()}

	th := e.Theme()
	border := th.Size(theme.SizeNameInputBorder)
	content := abs.Add(fyne.NewPos(0, border))
	if e.Icon != nil { // Fyne's entryRenderer.leadingInset
		content.X += th.Size(theme.SizeNameInlineIcon) + th.Size(theme.SizeNameLineSpacing)
	}
	pos := content.Add(e.CursorPosition()).Subtract(ownScrollOffset(e))
	// The cursor is drawn an input border left of the insertion point (CursorPosition centres it
	// on the gap); the IME's text starts at the gap itself.
	pos.X += border / 2
	height := fyne.MeasureText("国", th.Size(theme.SizeNameText), e.TextStyle).Height

	// The Entry keeps its cursor in view; keep the point in the field whatever rounding does.
	pos.X = clamp(pos.X, field.Pos.X, field.Pos.X+field.Size.Width-1)
	pos.Y = clamp(pos.Y, field.Pos.Y, field.Pos.Y+field.Size.Height-1)
	return Rect{pos, fyne.NewSize(border, height)}, field, true
}

func clamp(v, lo, hi float32) float32 { return max(lo, min(v, max(lo, hi))) }

// ownScrollOffset is how far the Entry has scrolled its text. Fyne 2.7 keeps that scroller in the
// unexported field "scroll" and offers no accessor; it is read (never written) here. Were the
// field renamed, the offset reads as zero: the caret of unscrolled text is still exact and
// scrolled text is clamped into the field, and TestCaretScrolledText fails to say so.
func ownScrollOffset(e *widget.Entry) fyne.Position {
	f := reflect.ValueOf(e).Elem().FieldByName("scroll")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
		return fyne.Position{}
	}
	s, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*container.Scroll)
	if !ok || s.Content == nil { // no scroller: the Entry neither wraps nor scrolls
		return fyne.Position{}
	}
	return s.Offset
}
