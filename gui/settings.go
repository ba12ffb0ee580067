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
)

// SettingsScreen is 数据与设置: the branch's details, the list of 重点岗位 and where the data file is.
type SettingsScreen struct {
	env *Env

	Branch *BranchForm
	posts  *keyPostsEditor
	path   *widget.Label

	content fyne.CanvasObject
}

// NewSettingsScreen builds the 数据与设置 screen and loads it.
func NewSettingsScreen(env *Env) *SettingsScreen {
	s := &SettingsScreen{env: env, Branch: NewBranchForm(env), posts: newKeyPostsEditor(env)}
	s.path = widget.NewLabel("")
	s.path.Wrapping = fyne.TextWrapBreak
	s.path.TextStyle = fyne.TextStyle{Monospace: true}
	openDir := widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), func() {
		showInFolder(env, env.Store.Path())
	})
	posts := container.NewVBox(
		heading("重点岗位"),
		note("党员信息中“重点岗位”的可选项。改名或删除不会改动已保存的党员信息。"),
		s.posts.Content(),
	)
	file := container.NewVBox(
		heading("数据文件"),
		note("所有台账都保存在这一个文件中。复制到别的电脑前，请先关闭本程序。"),
		s.path,
		container.NewHBox(openDir),
	)
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		s.Branch.Content(),
		widget.NewSeparator(),
		container.NewGridWithColumns(2, posts, file),
	)))
	s.Reload()
	return s
}

// Content implements Screen.
func (s *SettingsScreen) Content() fyne.CanvasObject { return s.content }

// Reload implements Screen.
func (s *SettingsScreen) Reload() {
	s.Branch.Reload()
	s.posts.Reload()
	s.path.SetText(s.env.Store.Path())
}

// Save implements Saver: Ctrl+S saves the branch form, the only form here with a save button.
func (s *SettingsScreen) Save() { s.Branch.Save() }

// keyPostsEditor edits the list of 重点岗位; every change is saved at once (SetKeyPosts).
type keyPostsEditor struct {
	env      *Env
	posts    []string
	selected int // -1 = none

	list    *widget.List
	entry   *widget.Entry
	err     *widget.Label
	rename  *widget.Button
	remove  *widget.Button
	up      *widget.Button
	down    *widget.Button
	content fyne.CanvasObject
}

func newKeyPostsEditor(env *Env) *keyPostsEditor {
	e := &keyPostsEditor{env: env, selected: -1}
	e.list = widget.NewList(
		func() int { return len(e.posts) },
		func() fyne.CanvasObject { return widget.NewLabel("班组长以上管理人员") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(fmt.Sprintf("%d. %s", id+1, e.posts[id]))
		})
	e.list.OnSelected = func(id widget.ListItemID) {
		e.selected = id
		e.entry.SetText(e.posts[id])
		e.err.Hide()
		e.updateButtons()
	}
	e.list.OnUnselected = func(widget.ListItemID) {
		e.selected = -1
		e.updateButtons()
	}
	e.entry = widget.NewEntry()
	e.entry.SetPlaceHolder("岗位名称，如：调度员")
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

	// A List has no height of its own inside a VBox: give it room for the seven default posts.
	space := canvas.NewRectangle(nil)
	space.SetMinSize(fyne.NewSize(320, 290))
	buttons := container.NewVBox(e.rename, e.remove, e.up, e.down)
	e.content = container.NewVBox(
		container.NewBorder(nil, nil, nil, buttons, container.NewStack(space, e.list)),
		container.NewBorder(nil, nil, nil, add, e.entry),
		e.err,
	)
	e.updateButtons()
	return e
}

func (e *keyPostsEditor) Content() fyne.CanvasObject { return e.content }

func (e *keyPostsEditor) Reload() {
	posts, err := e.env.Store.KeyPosts(context.Background())
	if err != nil {
		ShowError(e.env.Win, err)
		return
	}
	e.posts = posts
	e.list.UnselectAll()
	e.selected = -1
	e.list.Refresh()
	e.updateButtons()
}

func (e *keyPostsEditor) updateButtons() {
	for _, b := range []*widget.Button{e.rename, e.remove, e.up, e.down} {
		b.Disable()
	}
	if e.selected < 0 || e.selected >= len(e.posts) {
		return
	}
	e.rename.Enable()
	e.remove.Enable()
	if e.selected > 0 {
		e.up.Enable()
	}
	if e.selected < len(e.posts)-1 {
		e.down.Enable()
	}
}

// checkName returns the cleaned name, or shows why it cannot be used (except at index self). Only
// what the action makes clear is checked here; the store checks the whole list.
func (e *keyPostsEditor) checkName(name string, self int) (string, bool) {
	name = data.NormalizeText(name)
	msg := ""
	switch i := slices.Index(e.posts, name); {
	case name == "":
		msg = "请输入岗位名称"
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

func (e *keyPostsEditor) add(name string) {
	name, ok := e.checkName(name, -1)
	if !ok {
		return
	}
	if e.save(append(slices.Clone(e.posts), name), len(e.posts)) {
		e.entry.SetText("")
	}
}

func (e *keyPostsEditor) renameTo(i int, name string) {
	if i < 0 || i >= len(e.posts) {
		return
	}
	name, ok := e.checkName(name, i)
	if !ok {
		return
	}
	posts := slices.Clone(e.posts)
	posts[i] = name
	e.save(posts, i)
}

func (e *keyPostsEditor) confirmRemove(i int) {
	if i < 0 || i >= len(e.posts) {
		return
	}
	msg := fmt.Sprintf("确定从重点岗位列表中删除“%s”吗？\n已设为这个岗位的党员信息不变。", e.posts[i])
	ShowConfirm(e.env.Win, "删除重点岗位", msg, "删除", func() { e.removeAt(i) })
}

func (e *keyPostsEditor) removeAt(i int) {
	e.save(slices.Delete(slices.Clone(e.posts), i, i+1), -1)
}

func (e *keyPostsEditor) move(i, delta int) {
	j := i + delta
	if i < 0 || i >= len(e.posts) || j < 0 || j >= len(e.posts) {
		return
	}
	posts := slices.Clone(e.posts)
	posts[i], posts[j] = posts[j], posts[i]
	e.save(posts, j)
}

// save stores posts and selects index sel afterwards (-1: none); it reports success.
func (e *keyPostsEditor) save(posts []string, sel int) bool {
	if err := e.env.Store.SetKeyPosts(context.Background(), posts); err != nil {
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
	if sel >= 0 && sel < len(e.posts) {
		e.list.Select(sel)
	}
	if e.env.Changed != nil {
		e.env.Changed()
	}
	return true
}
