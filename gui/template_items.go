package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// itemList is the ordered items a template editor (评分表, 考核表) edits: added, removed and
// moved, the screen showing them again and marking the form changed after each.
type itemList[I any] struct {
	items   []I
	rebuild func() // shows the items again
	edited  func() // marks the form changed
}

func (l *itemList[I]) appendItem(it I) {
	l.items = append(l.items, it)
	l.rebuild()
	l.edited()
}

func (l *itemList[I]) removeItem(i int) {
	l.items = slices.Delete(l.items, i, i+1)
	l.rebuild()
	l.edited()
}

func (l *itemList[I]) moveItem(i, by int) {
	j := i + by
	if j < 0 || j >= len(l.items) {
		return
	}
	l.items[i], l.items[j] = l.items[j], l.items[i]
	l.rebuild()
	l.edited()
}

// rowTools are item i's 序号 and its 上移, 下移 and 删除 chips.
func (l *itemList[I]) rowTools(i int) (seq *widget.Label, tools []fyne.CanvasObject) {
	seq = widget.NewLabelWithStyle(fmt.Sprintf("%d.", i+1), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return seq, []fyne.CanvasObject{
		widgets.NewChip("上移", theme.MoveUpIcon(), func() { l.moveItem(i, -1) }),
		widgets.NewChip("下移", theme.MoveDownIcon(), func() { l.moveItem(i, 1) }),
		widgets.NewChip("删除", theme.DeleteIcon(), func() { l.removeItem(i) }),
	}
}

// rowErrors sorts the store's errors into those about item i of n (by row) and the rest.
func rowErrors(fe data.FieldErrors, n int) (rows [][]string, rest data.FieldErrors) {
	rows = make([][]string, n)
	for _, e := range fe {
		if i, _, ok := itemFieldIndex(e); ok && i < n {
			rows[i] = append(rows[i], e.Message)
		} else {
			rest = append(rest, e)
		}
	}
	return rows, rest
}

// templateHooks configure a templateEditor for one kind of template (评分表, 考核表).
type templateHooks[T, I any] struct {
	noun      string // 评分表
	nameField string // the name's field label
	// deleteNote follows the delete question: what happens to the records made with the template.
	deleteNote string
	shared     func(t *T) *data.ItemTemplate[I]
	blank      func() T // the form when there is no template yet

	list   func(ctx context.Context) ([]T, error)
	save   func(ctx context.Context, t *T) error
	copy   func(ctx context.Context, id int64, name string) (T, error)
	delete func(ctx context.Context, id int64) error

	// fill shows the template's own fields (the editor shows its name and items); buildRows shows
	// the items being edited.
	fill      func(t *T)
	buildRows func()
	// read takes the screen's own fields and the items' numbers into t (name and items are set).
	read func(t *T) data.FieldErrors
	// rowMsg is item i's error label.
	rowMsg func(i int) *widget.Label
	// place shows the errors the screen places itself and returns the others (nil: none).
	place func(fe data.FieldErrors) data.FieldErrors
	// canSave tells whether the form can be saved at all (nil: always).
	canSave func() bool
}

// templateEditor is what both template screens (评分表, 考核表) are made of: the list of templates,
// the name, the ordered items (added, moved, removed), 保存, 复制, 删除 and the tracking of unsaved
// edits. Each screen embeds it, configures it with templateHooks and adds its own fields.
type templateEditor[T, I any] struct {
	env   *Env
	hooks templateHooks[T, I]

	listPane[T]
	count *widget.Label

	fields widgets.Fields
	loaded T
	itemList[I]
	loading bool
	dirty   bool

	name    *widgets.Entry
	rowsBox *fyne.Container
	total   *widget.Label

	frame     *widgets.RecordFrame
	deleteBtn *widget.Button
	copyBtn   *widget.Button
}

// initEditor makes the list (columns cols, filled by row), the name and the items' widgets.
func (e *templateEditor[T, I]) initEditor(env *Env, h templateHooks[T, I], cols widgets.Columns, row func(t *T) []string) {
	e.env, e.hooks = env, h
	e.itemList = itemList[I]{rebuild: h.buildRows, edited: func() { e.changed("") }}
	e.count = widget.NewLabel("")
	e.listPane.init(env, listSpec[T]{
		ID:     func(t *T) int64 { return h.shared(t).ID },
		NewRow: func() fyne.CanvasObject { return cols.Row(false) },
		SetRow: func(o fyne.CanvasObject, i int) { cols.Set(o, row(&e.all[i]), nil) },
		Dirty:  func() bool { return e.dirty },
		Save:   e.save,
		What:   func() string { return "这张" + h.noun },
		Show:   func(t T) { e.show(t, false) },
	})
	e.name = widgets.NewEntry()
	e.name.OnChanged = func(string) { e.changed(h.nameField) }
	e.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.rowsBox = container.NewVBox()
}

// finishEditor lays the screen out (left: the list pane, form: the editing form) with the 删除,
// 复制 and 保存 buttons, loads the templates and shows the first one.
func (e *templateEditor[T, I]) finishEditor(left, form fyne.CanvasObject, offset float64) {
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() { e.save() })
	saveBtn.Importance = widget.HighImportance
	e.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), e.deleteTemplate)
	e.copyBtn = widget.NewButtonWithIcon("复制", theme.ContentCopyIcon(), e.copyTemplate)
	e.frame = widgets.NewRecordFrame(left, form, widgets.OrderedBorder(nil, nil, container.NewHBox(e.deleteBtn, e.copyBtn), saveBtn, nil), offset)
	e.Reload()
	e.showFirst()
}

// Content implements Screen.
func (e *templateEditor[T, I]) Content() fyne.CanvasObject { return e.frame.Split }

// Status is the status line's text.
func (e *templateEditor[T, I]) Status() string { return e.frame.Status() }

// Reload re-reads the templates.
func (e *templateEditor[T, I]) Reload() {
	all, err := e.hooks.list(context.Background())
	if err != nil {
		ShowError(e.env.Win, err)
		return
	}
	e.all = all
	e.count.SetText(fmt.Sprintf("共 %d 张%s", len(all), e.hooks.noun))
	vis := e.visible[:0]
	for i := range all {
		vis = append(vis, i)
	}
	e.setVisible(vis)
}

// showFirst shows the first template, or a blank form when there is none.
func (e *templateEditor[T, I]) showFirst() {
	if len(e.all) > 0 {
		e.show(e.all[0], false)
	} else {
		e.show(e.hooks.blank(), false)
	}
}

func (e *templateEditor[T, I]) show(t T, keepStatus bool) {
	h := e.hooks.shared(&t)
	e.loading = true
	e.loaded, e.selected = t, h.ID
	e.name.SetText(h.Name)
	e.items = slices.Clone(h.Items)
	e.fields.ClearErrors()
	e.hooks.fill(&t)
	e.rebuild()
	e.loading, e.dirty = false, false
	if h.ID == 0 {
		e.frame.Title.SetText("新" + e.hooks.noun)
		e.deleteBtn.Disable()
		e.copyBtn.Disable()
	} else {
		e.frame.Title.SetText(h.Name)
		e.deleteBtn.Enable()
		e.copyBtn.Enable()
	}
	if !keepStatus {
		e.frame.SetStatus("", false)
	}
	e.syncSelection()
}

// changed marks the form edited and clears the error of field label.
func (e *templateEditor[T, I]) changed(label string) {
	if e.loading {
		return
	}
	e.dirty = true
	if f := e.fields.Get(label); f != nil {
		f.SetError("")
	}
	e.frame.SetStatus("", false)
}

// template reads the form.
func (e *templateEditor[T, I]) template() (T, data.FieldErrors) {
	t := e.loaded
	h := e.hooks.shared(&t)
	h.Name, h.Items = e.name.Text, slices.Clone(e.items)
	return t, e.hooks.read(&t)
}

// Save saves the template with its items (Ctrl+S).
func (e *templateEditor[T, I]) Save() { e.save() }

func (e *templateEditor[T, I]) save() bool {
	if e.hooks.canSave != nil && !e.hooks.canSave() {
		return false
	}
	t, fe := e.template()
	var err error
	if fe != nil {
		err = fe
	} else {
		err = e.hooks.save(context.Background(), &t)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		e.showErrors(ferr)
		return false
	case err != nil:
		ShowError(e.env.Win, err)
		return false
	}
	h := e.hooks.shared(&t)
	e.selected = h.ID
	e.Reload()
	e.show(t, true)
	e.frame.SetStatus("已保存"+e.hooks.noun+"“"+h.Name+"”", false)
	notify(e.env)
	return true
}

// showErrors puts each error by what it is about: an item (on its row), what the screen places
// itself, or a field.
func (e *templateEditor[T, I]) showErrors(fe data.FieldErrors) {
	rowMsgs, rest := rowErrors(fe, len(e.items))
	for i, msgs := range rowMsgs {
		setError(e.hooks.rowMsg(i), strings.Join(msgs, "；"))
	}
	if e.hooks.place != nil {
		rest = e.hooks.place(rest)
	}
	e.rowsBox.Refresh()
	unplaced := showErrors(&e.fields, rest)
	e.frame.SetStatus("请按标红的说明修改，没有保存。"+strings.Join(unplaced, "；"), true)
}

// deleteTemplate asks, moves the template shown to the recycle bin and shows the first one left.
func (e *templateEditor[T, I]) deleteTemplate() {
	t := e.loaded
	h := e.hooks.shared(&t)
	if h.ID == 0 {
		return
	}
	ShowConfirm(e.env.Win, "删除"+e.hooks.noun, fmt.Sprintf("确定要删除“%s”吗？\n%s", h.Name, e.hooks.deleteNote), "删除", func() {
		if err := e.hooks.delete(context.Background(), h.ID); err != nil {
			ShowError(e.env.Win, err)
			return
		}
		e.selected = 0
		e.Reload()
		e.showFirst()
		e.frame.SetStatus("已删除"+e.hooks.noun+"“"+h.Name+"”", false)
		notify(e.env)
	})
}

// copyName is the name a copy of from starts with: 原名（副本）, or 原名（副本2）, … when a template
// listed already has it, so that copying twice needs no renaming.
func (e *templateEditor[T, I]) copyName(from string) string {
	taken := map[string]bool{}
	for i := range e.all {
		taken[e.hooks.shared(&e.all[i]).Name] = true
	}
	name := from + "（副本）"
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s（副本%d）", from, n)
	}
	return name
}

// copyTemplate asks for a name (原名（副本） to start) and saves a copy of the template shown (as
// saved), which it then shows.
func (e *templateEditor[T, I]) copyTemplate() {
	t := e.loaded
	h := e.hooks.shared(&t)
	if h.ID == 0 {
		return
	}
	name := widgets.NewEntry()
	name.SetText(e.copyName(h.Name))
	fd := newFlowDialog(e.env, "复制"+e.hooks.noun, "以“"+h.Name+"”为底稿另存一张"+e.hooks.noun+"，再按需要修改。", "复制",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(e.hooks.nameField, true, name))
		},
		func() error {
			c, err := e.hooks.copy(context.Background(), h.ID, name.Text)
			if err != nil {
				return err
			}
			e.selected = e.hooks.shared(&c).ID
			e.Reload()
			e.show(c, false)
			e.frame.SetStatus("已复制为“"+e.hooks.shared(&c).Name+"”", false)
			notify(e.env)
			return nil
		})
	name.OnSubmitted = func(string) { fd.confirm() }
	fd.show(name)
}
