package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// SettingsScreen is 数据与设置: the branch's details, the configurable lists (重点岗位, 问题类别,
// 问题等级) and where the data file is.
type SettingsScreen struct {
	env *Env

	Branch     *BranchForm
	posts      *optionListEditor
	categories *optionListEditor
	levels     *optionListEditor
	lists      []fyne.CanvasObject // the three lists: of no use on a 汇总库, which keeps no branch records
	path       *widget.Label

	content fyne.CanvasObject
}

// NewSettingsScreen builds the 数据与设置 screen and loads it.
func NewSettingsScreen(env *Env) *SettingsScreen {
	s := &SettingsScreen{env: env, Branch: NewBranchForm(env)}
	s.posts = newOptionListEditor(env, optionList{
		name: "重点岗位", item: "岗位名称", example: "调度员", kept: "已设为这个岗位的党员信息不变。",
		load: env.Store.KeyPosts, save: env.Store.SetKeyPosts})
	s.categories = newOptionListEditor(env, optionsOf(env, data.ListFindingCategories, "类别名称", "培训教育", "已登记的问题仍保留原来的类别。"))
	levels := optionsOf(env, data.ListFindingLevels, "等级名称", "特别重大", "已登记的问题仍保留原来的等级。")
	levels.rows = 4
	s.levels = newOptionListEditor(env, levels)
	s.path = widget.NewLabel("")
	s.path.Wrapping = fyne.TextWrapBreak
	s.path.TextStyle = fyne.TextStyle{Monospace: true}
	openDir := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() {
		showInFolder(env, env.Store.Path())
	})
	list := func(title, explain string, e *optionListEditor) fyne.CanvasObject {
		return container.NewVBox(widgets.Heading(title), widgets.Note(explain), e.Content())
	}
	file := container.NewVBox(
		widgets.Heading("数据文件"),
		widgets.Note("所有台账都保存在这一个文件中。复制到别的电脑前，请先关闭本程序。"),
		s.path,
		container.NewHBox(openDir),
	)
	s.lists = []fyne.CanvasObject{
		list("重点岗位", "党员信息中“重点岗位”的可选项。改名或删除不会改动已保存的党员信息。", s.posts),
		list("问题类别", "督查和整改中“问题类别”的可选项。改名或删除不会改动已登记的问题。", s.categories),
		list("问题等级", "问题“等级”的可选项；“一般”是默认等级，不能删除。", s.levels)}
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		s.Branch.Content(),
		widget.NewSeparator(),
		container.NewGridWithColumns(2, append(s.lists, file)...), // a grid leaves hidden cells out
	)))
	s.Reload()
	return s
}

// optionsOf is a list kept by the OptionStore (问题类别, 问题等级).
func optionsOf(env *Env, list, item, example, kept string) optionList {
	return optionList{name: list, item: item, example: example, kept: kept,
		load: func(ctx context.Context) ([]string, error) { return env.Store.Options(ctx, list) },
		save: func(ctx context.Context, v []string) error { return env.Store.SetOptions(ctx, list, v) }}
}

// Content implements Screen.
func (s *SettingsScreen) Content() fyne.CanvasObject { return s.content }

// Reload implements Screen.
func (s *SettingsScreen) Reload() {
	s.Branch.Reload()
	s.posts.Reload()
	s.categories.Reload()
	s.levels.Reload()
	s.path.SetText(s.env.Store.Path())
	cons := isConsolidated(s.env.Store)
	for _, l := range s.lists {
		if cons {
			l.Hide()
		} else {
			l.Show()
		}
	}
}

// Save implements Saver: Ctrl+S saves the branch form, the only form here with a save button.
func (s *SettingsScreen) Save() { s.Branch.Save() }

// optionList is a configurable list of names: what it is called and where it is kept.
type optionList struct {
	name    string // the list: 重点岗位, 问题类别, …
	item    string // one entry: 岗位名称, 类别名称, …
	example string // an example entry for the placeholder
	kept    string // what removing an entry leaves alone (the records that use it)
	rows    int    // entries shown without scrolling (7 when 0)
	load    func(ctx context.Context) ([]string, error)
	save    func(ctx context.Context, values []string) error
}

// optionListEditor edits a configurable list (重点岗位, 问题类别, 问题等级): add, rename, remove,
// reorder. Every change is saved at once; the store checks the whole list and its messages are
// shown under the editor.
type optionListEditor struct {
	env      *Env
	opts     optionList
	values   []string
	selected int // -1 = none

	list    *widget.List
	entry   *widgets.Entry
	err     *widget.Label
	rename  *widget.Button
	remove  *widget.Button
	up      *widget.Button
	down    *widget.Button
	content fyne.CanvasObject
}

func newOptionListEditor(env *Env, opts optionList) *optionListEditor {
	e := &optionListEditor{env: env, opts: opts, selected: -1}
	e.list = widget.NewList(
		func() int { return len(e.values) },
		func() fyne.CanvasObject { return widget.NewLabel("班组长以上管理人员") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("%d. %s", id+1, e.values[id]))
		})
	e.list.OnSelected = func(id widget.ListItemID) {
		e.selected = id
		e.entry.SetText(e.values[id])
		e.err.Hide()
		e.updateButtons()
	}
	e.list.OnUnselected = func(widget.ListItemID) {
		e.selected = -1
		e.updateButtons()
	}
	e.entry = widgets.NewEntry()
	e.entry.SetPlaceHolder(opts.item + "，如：" + opts.example)
	e.entry.OnSubmitted = func(string) { e.add(e.entry.Text) }
	e.err = widget.NewLabel("")
	e.err.Importance = widget.DangerImportance
	e.err.Wrapping = fyne.TextWrapWord
	e.err.Hide()

	add := widget.NewButtonWithIcon("添加", theme.ContentAddIcon(), func() { e.add(e.entry.Text) })
	e.rename = widget.NewButton("改名", func() { e.renameTo(e.selected, e.entry.Text) })
	e.remove = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { e.confirmRemove(e.selected) })
	e.up = widget.NewButtonWithIcon("上移", theme.MoveUpIcon(), func() { e.move(e.selected, -1) })
	e.down = widget.NewButtonWithIcon("下移", theme.MoveDownIcon(), func() { e.move(e.selected, 1) })

	// A List has no height of its own inside a VBox: give it room for its entries.
	rows := opts.rows
	if rows == 0 {
		rows = 7
	}
	space := canvas.NewRectangle(nil)
	space.SetMinSize(fyne.NewSize(320, float32(rows)*(widget.NewLabel("岗").MinSize().Height+theme.Padding())))
	buttons := container.NewVBox(e.rename, e.remove, e.up, e.down)
	e.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, buttons, container.NewStack(space, e.list)),
		container.NewBorder(nil, nil, nil, add, e.entry),
		e.err,
	)
	e.updateButtons()
	return e
}

func (e *optionListEditor) Content() fyne.CanvasObject { return e.content }

func (e *optionListEditor) Reload() {
	values, err := e.opts.load(context.Background())
	if err != nil {
		ShowError(e.env.Win, err)
		return
	}
	e.values = values
	e.list.UnselectAll()
	e.selected = -1
	e.list.Refresh()
	e.updateButtons()
}

func (e *optionListEditor) updateButtons() {
	for _, b := range []*widget.Button{e.rename, e.remove, e.up, e.down} {
		b.Disable()
	}
	if e.selected < 0 || e.selected >= len(e.values) {
		return
	}
	e.rename.Enable()
	e.remove.Enable()
	if e.selected > 0 {
		e.up.Enable()
	}
	if e.selected < len(e.values)-1 {
		e.down.Enable()
	}
}

// checkName returns the cleaned name, or shows why it cannot be used (except at index self). Only
// what the action makes clear is checked here; the store checks the whole list.
func (e *optionListEditor) checkName(name string, self int) (string, bool) {
	name = data.NormalizeText(name)
	msg := ""
	switch i := slices.Index(e.values, name); {
	case name == "":
		msg = "请输入" + e.opts.item
	case i >= 0 && i != self:
		msg = fmt.Sprintf("“%s”已在列表中", name)
	}
	if msg != "" {
		e.err.SetText(msg)
		e.err.Show()
		return "", false
	}
	e.err.Hide()
	return name, true
}

func (e *optionListEditor) add(name string) {
	name, ok := e.checkName(name, -1)
	if !ok {
		return
	}
	if e.save(append(slices.Clone(e.values), name), len(e.values)) {
		e.entry.SetText("")
	}
}

func (e *optionListEditor) renameTo(i int, name string) {
	if i < 0 || i >= len(e.values) {
		return
	}
	name, ok := e.checkName(name, i)
	if !ok {
		return
	}
	values := slices.Clone(e.values)
	values[i] = name
	e.save(values, i)
}

func (e *optionListEditor) confirmRemove(i int) {
	if i < 0 || i >= len(e.values) {
		return
	}
	msg := fmt.Sprintf("确定从%s列表中删除“%s”吗？\n%s", e.opts.name, e.values[i], e.opts.kept)
	ShowConfirm(e.env.Win, "删除"+e.opts.name, msg, "删除", func() { e.removeAt(i) })
}

func (e *optionListEditor) removeAt(i int) {
	e.save(slices.Delete(slices.Clone(e.values), i, i+1), -1)
}

func (e *optionListEditor) move(i, delta int) {
	j := i + delta
	if i < 0 || i >= len(e.values) || j < 0 || j >= len(e.values) {
		return
	}
	values := slices.Clone(e.values)
	values[i], values[j] = values[j], values[i]
	e.save(values, j)
}

// save stores values and selects index sel afterwards (-1: none); it reports success.
func (e *optionListEditor) save(values []string, sel int) bool {
	if err := e.opts.save(context.Background(), values); err != nil {
		var fe data.FieldErrors
		if !errors.As(err, &fe) {
			ShowError(e.env.Win, err)
			return false
		}
		msgs := make([]string, len(fe))
		for i, x := range fe {
			msgs[i] = x.Message
		}
		e.err.SetText(strings.Join(msgs, "\n"))
		e.err.Show()
		return false
	}
	e.Reload()
	if sel >= 0 && sel < len(e.values) {
		e.list.Select(sel)
	}
	if e.env.Changed != nil {
		e.env.Changed()
	}
	return true
}
