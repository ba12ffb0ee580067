package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// listPane is the list half of a list+form screen: the records loaded, those listed, the list
// widget, and which record the form shows. It keeps the list's selection on that record, and asks
// before a choice in the list drops unsaved edits. Screens embed it, so all, visible, list and
// selected read as the screen's own fields; the list's cells are reused, and filling one allocates
// nothing here.
type listPane[T any] struct {
	list      *widget.List
	all       []T   // the records loaded
	visible   []int // indices into all, as listed
	selected  int64 // ID of the record in the form (0: a new one)
	selecting bool  // the program is changing the list's selection: not the user's choice

	env  *Env
	spec listSpec[T]
}

// listSpec is what a screen tells its listPane.
type listSpec[T any] struct {
	ID     func(*T) int64
	NewRow func() fyne.CanvasObject
	SetRow func(o fyne.CanvasObject, i int) // fills a row with all[i]
	Dirty  func() bool                      // the form has unsaved edits
	Save   func() bool                      // saves the form (errors shown in it); reports whether it saved
	What   func() string                    // names the record in the discard question: 这个问题
	Show   func(T)                          // puts the record picked in the list into the form
	// Unhide clears the search and filters that hide record id (for reveal; may be nil when the
	// screen never calls reveal).
	Unhide func(id int64)
}

// init builds the list; call it once, before the list is used.
func (p *listPane[T]) init(env *Env, spec listSpec[T]) {
	p.env, p.spec = env, spec
	p.list = widget.NewList(
		func() int { return len(p.visible) },
		spec.NewRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(p.visible) {
				spec.SetRow(o, p.visible[id])
			}
		})
	p.list.OnSelected = p.listSelected
}

// setVisible lists the records at indices vis of all, keeping the selection on the record shown.
func (p *listPane[T]) setVisible(vis []int) {
	p.visible = vis
	p.syncSelection()
	p.list.Refresh()
}

// rowOf is the row listing record id, -1 when it is not listed (or id is 0).
func (p *listPane[T]) rowOf(id int64) int {
	if id == 0 {
		return -1
	}
	for row, i := range p.visible {
		if p.spec.ID(&p.all[i]) == id {
			return row
		}
	}
	return -1
}

// byID is the loaded record id.
func (p *listPane[T]) byID(id int64) (T, bool) {
	for i := range p.all {
		if p.spec.ID(&p.all[i]) == id {
			return p.all[i], true
		}
	}
	var zero T
	return zero, false
}

// syncSelection selects the row of the record shown (none when it is not listed) without taking
// it for the user's choice.
func (p *listPane[T]) syncSelection() {
	p.selecting = true
	defer func() { p.selecting = false }()
	if row := p.rowOf(p.selected); row >= 0 {
		p.list.Select(row)
		return
	}
	p.list.UnselectAll()
}

func (p *listPane[T]) listSelected(row widget.ListItemID) {
	if p.selecting || row >= len(p.visible) {
		return
	}
	r := p.all[p.visible[row]]
	if p.spec.ID(&r) == p.selected {
		return
	}
	p.confirmDiscard(func() { p.spec.Show(r) }, p.syncSelection)
}

// confirmDiscard runs next at once when the form has no unsaved edits, else after the user saved
// them or chose to drop them; back (may be nil) runs when the user keeps editing, or saving failed
// (the form then shows why).
func (p *listPane[T]) confirmDiscard(next, back func()) {
	if !p.spec.Dirty() {
		next()
		return
	}
	askUnsaved(p.env, p.spec.What(), p.spec.Save, next, back)
}

// ConfirmLeave is asked by the navigation before the screen is left (another tab or module);
// edits dropped leave the record shown as stored.
func (p *listPane[T]) ConfirmLeave(next, back func()) {
	p.confirmDiscard(func() {
		if r, ok := p.byID(p.selected); ok && p.spec.Dirty() {
			p.spec.Show(r)
		}
		next()
	}, back)
}

// open shows record id with show, after the unsaved-edits question, unless it is missing or shown
// already.
func (p *listPane[T]) open(id int64, show func(T)) {
	r, ok := p.byID(id)
	if !ok || id == p.selected {
		return
	}
	p.confirmDiscard(func() { show(r) }, nil)
}

// reveal makes record id the selected one, listed (clearing filters that hide it) and scrolled to.
func (p *listPane[T]) reveal(id int64) {
	p.selected = id
	if p.rowOf(id) < 0 {
		p.spec.Unhide(id)
	}
	if row := p.rowOf(id); row >= 0 {
		p.list.ScrollTo(row)
	}
}

// askUnsaved asks what to do with the unsaved changes of what (a record's name) before next:
// 保存 (the default: save, then next when it saved), 放弃修改 (next) or 取消 (back, may be nil).
func askUnsaved(env *Env, what string, save func() bool, next, back func()) {
	if back == nil {
		back = func() {}
	}
	var d *dialog.CustomDialog
	button := func(text string, imp widget.Importance, then func()) *widget.Button {
		b := widget.NewButton(text, func() { d.Hide(); then() })
		b.Importance = imp
		return b
	}
	saveBtn := button("保存", widget.HighImportance, func() {
		if save() {
			next()
		} else {
			back()
		}
	})
	msg := widget.NewLabel(fmt.Sprintf("%s的修改还没有保存。", what))
	d = dialog.NewCustomWithoutButtons("保存修改？", msg, env.Win)
	d.SetButtons([]fyne.CanvasObject{button("取消", widget.MediumImportance, back),
		button("放弃修改", widget.MediumImportance, next), saveBtn})
	d.Show()
}
