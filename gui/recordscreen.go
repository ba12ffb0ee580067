package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// recordScreen is a list+form screen: the records listed on the left (searched and filtered by
// the screen's Match), the form of one on the right, and its lifecycle: new, show, dirty
// tracking with the question before unsaved edits are dropped, save and delete. Screens embed
// it and give their form and their domain through a recordSpec; env, all, visible, list,
// selected, fields, loaded, dirty and frame read as the screen's own fields.
type recordScreen[T any] struct {
	listPane[T]
	rec recordSpec[T]

	formState   // of the screen's own form (a form component keeps its own: see recordSpec.Dirty)
	loaded    T // the record in the form, as loaded
	count     *widget.Label
	empty     *widget.Label  // over the list when it lists nothing: why
	search    *widgets.Entry // nil unless the spec gives a Search placeholder
	period    *periodFilter  // nil unless the spec gives a Date

	frame     *widgets.RecordFrame
	newBtn    *widget.Button
	saveBtn   *widget.Button
	deleteBtn *widget.Button
	exportOne *widget.Button // exports the record in the form (nil without spec.Export)
	undoBtn   *widget.Button // 撤销删除: restores the record just deleted from the 回收站
	binID     int64          // its bin entry
	undoID    int64          // its ID
}

// recordSpec is what a screen tells its recordScreen. Load, ID, Cells, Columns, ToForm, FromForm,
// Save and Blank are required; the rest may be left zero.
type recordSpec[T any] struct {
	Columns  widgets.Columns
	Cells    func(*T) ([]string, map[int]widget.Importance) // a list row's texts and colours
	ID       func(*T) int64
	Load     func(context.Context) ([]T, error) // all records, as listed
	Match    func(i int, r *T) bool             // whether the search and filters list all[i] (nil: all); asked only within the period
	Prepare  func()                             // reads the search and filters before Match is asked (may be nil)
	Count    string                             // the count under the new button: 共 %d 处
	NewLabel string                             // the new button: 新建设施
	What     string                             // the record in the discard question: 这个设施
	Unhide   func(id int64)                     // clears the filters hiding id (see listPane.reveal)
	Search   string                             // the search box's placeholder ("": no search box)
	Date     func(*T) data.Date                 // the date the list's period filter tests (nil: no period filter)
	Visible  func() []int                       // lists the records itself, in its order (instead of Match)
	Describe func() string                      // names the record in the discard question (instead of What)
	Tools    []fyne.CanvasObject                // buttons beside the new button

	Blank       func() T          // a new record
	ToForm      func(T)           // fills the form (loaded is already set)
	FromForm    func() (T, error) // the form's record (over loaded); FieldErrors for typing
	Title       func(*T) string   // the form's title for a stored record
	NewTitle    string            // the form's title for a new one: 新设施
	Focus       func()            // puts the cursor in the form after 新建 (may be nil)
	Save        func(context.Context, *T) error
	Saved       func(*T) string                    // the status after saving
	Refused     func(n int) string                 // the status before n errors' unplaced ones (default 请按标红的说明修改，没有保存。)
	Delete      func(context.Context, int64) error // deletes the record of the ID (nil: no delete button)
	Question    func(*T) string                    // the delete question
	Deleted     func(*T) string                    // the status after deleting
	Export      func()                             // exports the record in the form (nil: no such button)
	ExportLabel string                             // the export button's text: 导出评分表
	Entity      string                             // data.Ent… of the records: 撤销删除 finds them in the 回收站 ("": no undo)
	// Noun names the record in the default messages (决策事项): Saved 已保存…, Deleted 已删除… and
	// Question 确定要删除“Title”吗？ when they are nil.
	Noun string

	// For a form that is a component of its own (CheckForm…): its dirty state and its errors.
	Dirty      func() bool
	ShowErrors func(data.FieldErrors) []string
	Summary    fyne.CanvasObject // shown over the button bar (may be nil)
	// Refresh: Reload shows the stored copy of the record in the form unless it has unsaved edits.
	Refresh bool
}

// initRecord builds the list and the buttons; call buildFrame once the form is built.
func (s *recordScreen[T]) initRecord(env *Env, spec recordSpec[T]) {
	if spec.Noun != "" {
		if spec.Saved == nil {
			spec.Saved = func(*T) string { return "已保存" + spec.Noun }
		}
		if spec.Deleted == nil {
			spec.Deleted = func(*T) string { return "已删除" + spec.Noun }
		}
		if spec.Question == nil {
			spec.Question = func(r *T) string { return fmt.Sprintf("确定要删除“%s”吗？", spec.Title(r)) }
		}
	}
	s.rec = spec
	s.OnChanged = func() { s.frame.SetStatus("", false) }
	s.count = widget.NewLabel("")
	s.listPane.init(env, listSpec[T]{
		ID:     spec.ID,
		NewRow: func() fyne.CanvasObject { return spec.Columns.Row(false) },
		SetRow: func(o fyne.CanvasObject, i int) { s.setRow(o, &s.all[i]) },
		Dirty:  s.isDirty,
		Save:   s.save,
		What: func() string {
			if spec.Describe != nil {
				return spec.Describe()
			}
			return spec.What
		},
		Show:   func(r T) { s.show(r, false) },
		Unhide: spec.Unhide,
	})
	if spec.Date != nil {
		s.period = newPeriodFilter(env.Today, s.refilter)
	}
	if spec.Search != "" {
		s.search = widgets.NewEntry()
		s.search.SetPlaceHolder(spec.Search)
		s.search.OnChanged = func(string) { s.refilter() }
		s.search.OnSubmitted = func(string) {
			if len(s.visible) > 0 {
				s.list.Select(0)
			}
		}
		s.search.ActionItem = widgets.NewIconButton(theme.SearchIcon(), s.focusSearch)
	}
	s.newBtn = widget.NewButtonWithIcon(spec.NewLabel, theme.ContentAddIcon(), s.New)
	s.saveBtn = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	s.saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteRecord)
	if spec.Delete == nil {
		s.deleteBtn.Hide()
	}
	if spec.Export != nil {
		s.exportOne = widget.NewButtonWithIcon(spec.ExportLabel, theme.DocumentIcon(), spec.Export)
	}
	s.undoBtn = widget.NewButtonWithIcon("撤销删除", theme.ContentUndoIcon(), s.undoDelete)
	s.undoBtn.Hide()
}

// filterSelect is a filter of the list: all (chosen) then opts; a choice refilters.
func (s *recordScreen[T]) filterSelect(all string, opts ...string) *widget.Select {
	sel := widgets.NewSelect(append([]string{all}, opts...), func(string) { s.refilter() })
	sel.SetSelectedIndex(0)
	return sel
}

// lets is whether filter sel (made by filterSelect: its first choice lists all) lists a record
// whose value is v.
func lets(sel *widget.Select, v string) bool {
	return sel.SelectedIndex() <= 0 || sel.Selected == v
}

// clearFilters resets the search, the period and the filters sels to their first choice (all)
// without refiltering on each: the caller refilters once (a 工作台 line's view, Unhide).
func (s *recordScreen[T]) clearFilters(sels ...*widget.Select) {
	for _, sel := range sels {
		clearSelect(sel, sel.Options[0])
	}
	if s.period != nil {
		s.period.Reset()
	}
	if s.search != nil {
		changed := s.search.OnChanged
		s.search.OnChanged = nil
		s.search.SetText("")
		s.search.OnChanged = changed
	}
}

// clearSelect selects v without the select's change callback.
func clearSelect(sel *widget.Select, v string) {
	changed := sel.OnChanged
	sel.OnChanged = nil
	sel.SetSelected(v)
	sel.OnChanged = changed
}

// periodRow is the period filter's row of the list's filters, sels beside its choice, and its
// custom dates under them.
func (s *recordScreen[T]) periodRow(sels ...fyne.CanvasObject) []fyne.CanvasObject {
	row := container.NewGridWithColumns(1+len(sels), append([]fyne.CanvasObject{s.period.Sel}, sels...)...)
	return []fyne.CanvasObject{row, s.period.Custom}
}

// setRow fills list row o with r.
func (s *recordScreen[T]) setRow(o fyne.CanvasObject, r *T) {
	texts, imp := s.rec.Cells(r)
	s.rec.Columns.Set(o, texts, imp)
}

// isDirty is whether the form has unsaved edits.
func (s *recordScreen[T]) isDirty() bool {
	if s.rec.Dirty != nil {
		return s.rec.Dirty()
	}
	return s.dirty
}

// buildFrame lays the screen out: the new button and count over filters and the list, and form
// over the button bar; it loads the records and shows a new one.
func (s *recordScreen[T]) buildFrame(filters []fyne.CanvasObject, form fyne.CanvasObject, offset float64) {
	top := []fyne.CanvasObject{widgets.OrderedBorder(nil, nil, container.NewHBox(append([]fyne.CanvasObject{s.newBtn}, s.rec.Tools...)...), s.count, nil)}
	if s.search != nil {
		top = append(top, s.search)
	}
	top = append(top, filters...)
	top = append(top, s.rec.Columns.Row(true))
	s.empty = widget.NewLabel("")
	left := widgets.OrderedBorder(container.NewVBox(top...), nil, nil, nil, overList(s.list, s.empty))
	buttons := []fyne.CanvasObject{s.deleteBtn, s.undoBtn}
	if s.exportOne != nil {
		buttons = append(buttons, s.exportOne)
	}
	bar := widgets.OrderedBorder(nil, nil, container.NewHBox(buttons...), s.saveBtn, nil)
	if s.rec.Summary != nil {
		bar = container.NewVBox(s.rec.Summary, bar)
	}
	s.frame = widgets.NewRecordFrame(left, form, bar, offset)
	s.Reload()
	s.show(s.rec.Blank(), false)
}

// Content implements Screen.
func (s *recordScreen[T]) Content() fyne.CanvasObject { return s.frame.Split }

// Reload re-reads the records.
func (s *recordScreen[T]) Reload() {
	all, err := s.rec.Load(context.Background())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.all = all
	s.refilter()
	if s.rec.Refresh && s.selected != 0 && !s.isDirty() {
		if r, ok := s.byID(s.selected); ok {
			s.show(r, true)
		} else {
			s.show(s.rec.Blank(), false) // deleted elsewhere
		}
	}
}

// refilter lists the records the search and filters match.
func (s *recordScreen[T]) refilter() {
	if s.list == nil {
		return
	}
	if s.rec.Prepare != nil {
		s.rec.Prepare()
	}
	var vis []int
	if s.rec.Visible != nil {
		vis = s.rec.Visible()
	} else {
		var from, to data.Date
		if s.period != nil {
			from, to = s.period.span()
		}
		vis = s.visible[:0]
		for i := range s.all {
			if s.period != nil && !within(s.rec.Date(&s.all[i]), from, to) {
				continue
			}
			if s.rec.Match == nil || s.rec.Match(i, &s.all[i]) {
				vis = append(vis, i)
			}
		}
	}
	if s.rec.Count != "" {
		s.count.SetText(fmt.Sprintf(s.rec.Count, len(vis)))
	}
	if s.empty != nil {
		switch {
		case len(vis) > 0:
			s.empty.SetText("")
		case len(s.all) == 0:
			s.empty.SetText(fmt.Sprintf("还没有记录。点“%s”添加。", s.rec.NewLabel))
		default:
			s.empty.SetText("没有符合搜索和筛选条件的记录。")
		}
	}
	s.setVisible(vis)
	if s.search != nil {
		s.list.ScrollToTop()
	}
}

// query is the search text, normalised and lower case ("" without a search box).
func (s *recordScreen[T]) query() string {
	if s.search == nil {
		return ""
	}
	return strings.ToLower(data.NormalizeText(s.search.Text))
}

// searched is whether the search text is in texts (joined by spaces), case folded (true without
// search text): the search test of the lists that look in a few texts of a record.
func (s *recordScreen[T]) searched(texts ...string) bool {
	q := s.query()
	return q == "" || strings.Contains(strings.ToLower(strings.Join(texts, " ")), q)
}

// focusSearch puts the cursor into the search box. Screens with one offer it as FocusSearch
// (Ctrl+F; the menu offers 查找 only on screens that can).
func (s *recordScreen[T]) focusSearch() {
	if s.search == nil {
		return
	}
	focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// show puts r into the form; keepStatus keeps the status line (after a save).
func (s *recordScreen[T]) show(r T, keepStatus bool) {
	s.loading = true
	if s.rec.ID(&r) != s.selected || s.selected == 0 {
		defer s.frame.Scroll.ScrollToTop() // another record: from its top
	}
	s.loaded, s.selected = r, s.rec.ID(&r)
	s.undoBtn.Hide()
	s.rec.ToForm(r)
	s.fields.ClearErrors()
	s.loading, s.dirty = false, false
	if s.selected == 0 {
		s.frame.Title.SetText(s.rec.NewTitle)
		s.deleteBtn.Disable()
	} else {
		s.frame.Title.SetText(s.rec.Title(&r))
		s.deleteBtn.Enable()
	}
	if !keepStatus {
		s.frame.SetStatus("", false)
	}
	s.syncSelection()
}

// errorOf is the message under the field labelled label.
func (s *recordScreen[T]) errorOf(label string) string {
	if f := s.fields.Get(label); f != nil {
		return f.Error()
	}
	return ""
}

// Select shows record id in the form (from another screen); unsaved changes are asked about.
func (s *recordScreen[T]) Select(id int64) {
	s.open(id, func(r T) {
		s.revealIfHidable(id)
		s.show(r, false)
	})
}

// revealIfHidable lists record id, clearing the filters that hide it, when the screen can.
func (s *recordScreen[T]) revealIfHidable(id int64) {
	if s.rec.Unhide != nil {
		s.reveal(id)
	}
}

// ConfirmLeave asks about unsaved edits before the screen is left; edits dropped leave the form
// as it was loaded, so that coming back does not find them again.
func (s *recordScreen[T]) ConfirmLeave(next, back func()) {
	s.confirmDiscard(func() {
		if s.isDirty() {
			s.show(s.loaded, false)
		}
		next()
	}, back)
}

// New clears the form for a new record (Ctrl+N).
func (s *recordScreen[T]) New() {
	s.confirmDiscard(func() {
		s.show(s.rec.Blank(), false)
		if s.rec.Focus != nil {
			s.rec.Focus()
		}
	}, nil)
}

// Save saves the form's record (Ctrl+S, Enter in a field).
func (s *recordScreen[T]) Save() { s.save() }

// save saves the form's record; it reports whether it saved.
func (s *recordScreen[T]) save() bool {
	r, err := s.rec.FromForm()
	if err == nil {
		err = s.rec.Save(context.Background(), &r)
	}
	if !s.showSaveError(err) {
		return false
	}
	msg := ""
	if s.rec.Saved != nil {
		msg = s.rec.Saved(&r)
	}
	s.afterSave(r, msg)
	return true
}

// formRecord is what a FromForm returns for record r read from the form with the typing errors
// fe: without any, r (the store validates it on saving); with some, r and fe together with what
// validate says of a normalised copy of r, so that the user sees every mistake at once.
func formRecord[T any, P interface {
	*T
	Normalize()
}](r T, fe data.FieldErrors, validate func(*T, data.Date) data.FieldErrors, today data.Date) (T, error) {
	if fe == nil {
		return r, nil
	}
	v := r
	P(&v).Normalize()
	return r, mergeErrors(fe, validate(&v, today))
}

// showSaveError shows err at the fields (or in a dialog); it reports whether err is nil.
func (s *recordScreen[T]) showSaveError(err error) bool {
	var fe data.FieldErrors
	switch {
	case errors.As(err, &fe):
		show := func(fe data.FieldErrors) []string { return showErrors(&s.fields, fe) }
		if s.rec.ShowErrors != nil {
			show = s.rec.ShowErrors
		}
		unplaced := show(fe)
		refused := "请按标红的说明修改，没有保存。"
		if s.rec.Refused != nil {
			refused = s.rec.Refused(len(fe))
		}
		s.frame.SetStatus(refused+strings.Join(unplaced, "；"), true)
		return false
	case err != nil:
		ShowError(s.env.Win, err)
		return false
	}
	return true
}

// afterSave lists and shows saved record r with msg in the status line, and tells the other
// screens.
func (s *recordScreen[T]) afterSave(r T, msg string) {
	s.selected = s.rec.ID(&r)
	s.Reload()
	s.revealIfHidable(s.selected)
	s.show(r, true)
	s.frame.SetStatus(msg, false)
	notify(s.env)
}

// deleteRecord asks, then deletes the record in the form (to the 回收站 where the store keeps one).
func (s *recordScreen[T]) deleteRecord() {
	r := s.loaded
	if s.rec.ID(&r) == 0 || s.rec.Delete == nil {
		return
	}
	ShowConfirm(s.env.Win, "删除", s.rec.Question(&r), "删除", func() {
		if err := s.rec.Delete(context.Background(), s.rec.ID(&r)); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.selected = 0
		s.Reload()
		s.show(s.rec.Blank(), false)
		s.frame.SetStatus(s.rec.Deleted(&r), false)
		s.offerUndo(s.rec.ID(&r))
		notify(s.env)
	})
}

// offerUndo shows 撤销删除 when record id is in the 回收站.
func (s *recordScreen[T]) offerUndo(id int64) {
	if s.rec.Entity == "" {
		return
	}
	bin, err := s.env.Store.RecycleBin(context.Background())
	if err != nil {
		return // the deletion stands; the 回收站 screen can still restore it
	}
	for _, e := range bin { // most recent first
		if e.Entity == s.rec.Entity && e.EntityID == id {
			s.binID, s.undoID = e.ID, id
			s.undoBtn.Show()
			return
		}
	}
}

// undoDelete restores the record just deleted and shows it (after asking about unsaved edits).
func (s *recordScreen[T]) undoDelete() {
	s.confirmDiscard(func() {
		if err := s.env.Store.RestoreFromBin(context.Background(), s.binID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.Reload()
		if r, ok := s.byID(s.undoID); ok {
			s.revealIfHidable(s.undoID)
			s.show(r, false)
		}
		s.frame.SetStatus("已恢复", false)
		notify(s.env)
	}, nil)
}

// within is whether d lies between from and to (a span), a zero end being open.
func within(d, from, to data.Date) bool {
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}
