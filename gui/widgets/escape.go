package widgets

// Esc closes the topmost dialog (SPEC §11) and Enter presses its default button. Fyne 2.7's dialogs ignore Escape: the window hands an
// unmodified Esc to the focused widget's TypedKey, or to the canvas's OnTypedKey when nothing is
// focused. So HandleEscape (installed by the main window) covers the second case, and the program's
// text fields (Entry, textArea, DateEntry, the suggestion and 民族 fields) forward Esc (EscapeKey)
// for the first; both end in CloseTopDialog.
//
// CloseTopDialog presses the dialog's own cancel button rather than keeping a registry of dialogs:
// it covers Fyne's built-in dialogs (information, error, confirm, file) and every screen's dialogs
// without each call site having to register, so a new dialog cannot silently miss Esc, and the
// press runs exactly the code a click runs (confirm callbacks get false, OnClosed runs, a progress
// dialog asks its work to stop and closes only when the work has returned).

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// HandleEscape makes Esc close the topmost dialog of win, and Enter press its default button, when
// no widget has the focus. It replaces the canvas's OnTypedKey (the program sets no other), so
// calling it again on the same window, as a restore does, is harmless.
func HandleEscape(win fyne.Window) {
	c := win.Canvas()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		switch k.Name {
		case fyne.KeyEscape:
			CloseTopDialog(c)
		case fyne.KeyReturn, fyne.KeyEnter:
			PressDefault(c)
		}
	})
}

// PressDefault presses the default button of the topmost dialog of c and reports whether it did:
// the emphasised button of its button row (保存, 确定 of a confirm, the action of a form dialog),
// else the row's only button (确定 of an information or error dialog), else the one emphasised
// button of a dialog that lays out its own button line (打开文件 beside 关闭). A danger button
// (删除, 彻底删除, 替换) is never the default: a stray Enter must not destroy anything.
func PressDefault(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	row := dialogButtonRow(top)
	if row == nil {
		return false
	}
	def := emphasised(buttonsIn(row))
	if bs := buttonsIn(row); def == nil && len(bs) == 1 {
		def = bs[0]
	}
	if def == nil && len(buttonsIn(row)) == 0 {
		def = emphasised(buttonsIn(top))
	}
	if def == nil || def.Disabled() || def.OnTapped == nil || def.Importance == widget.DangerImportance {
		return false
	}
	def.OnTapped()
	return true
}

// emphasised is the one button of bs drawn as the default (high or danger importance), nil when
// there is none or several. PressDefault refuses a danger one, so a confirm does not fall back to
// its 取消 either: Enter there does nothing.
func emphasised(bs []*widget.Button) *widget.Button {
	var def *widget.Button
	for _, b := range bs {
		if b.Importance == widget.HighImportance || b.Importance == widget.DangerImportance {
			if def != nil {
				return nil
			}
			def = b
		}
	}
	return def
}

// EscapeKey handles Esc typed into the focused widget o: it closes the topmost dialog of o's
// canvas and reports true; for any other key it reports false (the widget handles it).
func EscapeKey(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape {
		return false
	}
	if c := canvasOf(o); c != nil {
		CloseTopDialog(c)
	}
	return true
}

// canvasOf is the canvas of the window where o has the focus, else the driver's idea of o's canvas
// (which is nil for an object the driver has not drawn under that name, and a guess in tests).
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if c := w.Canvas(); c != nil && c.Focused() != nil && any(c.Focused()) == any(o) {
			return c
		}
	}
	return fyne.CurrentApp().Driver().CanvasForObject(o)
}

// CloseTopDialog closes the topmost overlay of c as its cancel button would, and reports whether
// it did: a popup marked hideOnEscape (the calendar) is hidden; a dialog gets its cancel-like
// button pressed (escapeButton). A dialog without one, or whose cancel button is disabled (a
// progress dialog already cancelling), is left alone, as is a canvas without overlays.
func CloseTopDialog(c fyne.Canvas) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	if p, ok := top.(*widget.PopUp); ok {
		if _, ok := p.Content.(*hideOnEscape); ok {
			p.Hide()
			return true
		}
	}
	b := escapeButton(top)
	if b == nil || b.Disabled() || b.OnTapped == nil {
		return false
	}
	b.OnTapped()
	return true
}

// escapeButton is the button Esc presses in the dialog top, nil when there is none. In order:
//  1. in the button row of a Fyne dialog, a button labelled 取消, 关闭 or 否;
//  2. the only button of that row: Fyne puts just the dismiss button there in information and
//     error dialogs (确定) and in dialog.NewCustom (its dismiss text, e.g. 稍后再填);
//  3. the one button labelled 取消/关闭/否 anywhere in the dialog (dialogs that lay out their own
//     button line, the progress dialog, Fyne's file dialog). Several such buttons: none, since
//     which one cancels is then a guess.
//
// Disabled buttons count, so that a disabled 取消 keeps Esc from pressing anything else.
func escapeButton(top fyne.CanvasObject) *widget.Button {
	if row := dialogButtonRow(top); row != nil {
		bs := buttonsIn(row)
		if cs := cancelLike(bs); len(cs) > 0 {
			return cs[0]
		}
		if len(bs) == 1 {
			return bs[0]
		}
	}
	if cs := cancelLike(buttonsIn(top)); len(cs) == 1 {
		return cs[0]
	}
	return nil
}

// dialogButtonRow is the button row of a dialog made by Fyne's dialog package, nil for any other
// overlay. Such a dialog is a PopUp whose content is a container laid out by the (unexported)
// dialog layout: icon, background, content, buttons, title (dialog/base.go in Fyne 2.7).
func dialogButtonRow(top fyne.CanvasObject) fyne.CanvasObject {
	p, ok := top.(*widget.PopUp)
	if !ok {
		return nil
	}
	c, ok := p.Content.(*fyne.Container)
	if !ok || len(c.Objects) != 5 || fmt.Sprintf("%T", c.Layout) != "*dialog.dialogLayout" {
		return nil
	}
	return c.Objects[3]
}

// buttonsIn lists the visible buttons in o, in tree order. It looks through containers and the
// widgets that hold other objects in public fields (popup, scroll, split), which is where dialogs
// keep their buttons; it does not look inside other widgets' renderers.
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	if o == nil || !o.Visible() {
		return nil
	}
	switch x := o.(type) {
	case *widget.Button:
		return []*widget.Button{x}
	case *fyne.Container:
		var out []*widget.Button
		for _, c := range x.Objects {
			out = append(out, buttonsIn(c)...)
		}
		return out
	case *widget.PopUp:
		return buttonsIn(x.Content)
	case *container.Scroll:
		return buttonsIn(x.Content)
	case *container.Split:
		return append(buttonsIn(x.Leading), buttonsIn(x.Trailing)...)
	}
	return nil
}

// cancelLike keeps the buttons whose label says cancel or close: the program's 取消/关闭/否 and
// Fyne's own Cancel/No/Close in the language in use.
func cancelLike(bs []*widget.Button) []*widget.Button {
	labels := map[string]bool{"取消": true, "关闭": true, "否": true,
		lang.L("Cancel"): true, lang.L("No"): true, lang.L("Close"): true}
	var out []*widget.Button
	for _, b := range bs {
		if labels[b.Text] {
			out = append(out, b)
		}
	}
	return out
}

// hideOnEscape wraps the content of a popup that Esc simply hides (the date field's calendar): it
// has no cancel button, and closing it loses nothing.
type hideOnEscape struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newHideOnEscape(content fyne.CanvasObject) *hideOnEscape {
	h := &hideOnEscape{content: content}
	h.ExtendBaseWidget(h)
	return h
}

func (h *hideOnEscape) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(h.content)
}
