package gui

// 回收站 (SPEC §8): deleted records, newest first, with 恢复 (put back whole) and 彻底删除, and
// 清空回收站 after a confirmation that it cannot be undone.

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// RecycleScreen lists the recycle bin.
type RecycleScreen struct {
	env      *Env
	entries  []data.BinEntry
	selected int

	List                           *widget.List
	Count, Status                  *widget.Label
	EmptyNote                      *widget.Label // over the list when the bin is empty
	RestoreBtn, PurgeBtn, EmptyBtn *widget.Button
	content                        fyne.CanvasObject
}

// binColumns are the list's columns.
var binColumns = widgets.Columns{{"删除时间", 2.2, ""}, {"类型", 1.3, ""}, {"名称", 4, ""}, {"连同删除", 4, ""}}

// NewRecycleScreen builds the screen with its data.
func NewRecycleScreen(env *Env) *RecycleScreen {
	s := &RecycleScreen{env: env, selected: -1}
	s.Count, s.Status = widget.NewLabel(""), widget.NewLabel("")
	s.List = widget.NewList(
		func() int { return len(s.entries) },
		func() fyne.CanvasObject { return binColumns.Row(false) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := &s.entries[id]
			binColumns.Set(o, []string{e.DeletedAt.Format("2006-01-02 15:04"), e.Entity, e.Label, e.Detail}, nil)
		})
	s.List.OnSelected = func(id widget.ListItemID) { s.selected = id; s.updateButtons() }
	s.List.OnUnselected = func(widget.ListItemID) { s.selected = -1; s.updateButtons() }
	s.RestoreBtn = widget.NewButtonWithIcon("恢复", theme.HistoryIcon(), s.Restore)
	s.RestoreBtn.Importance = widget.HighImportance
	s.PurgeBtn = widget.NewButtonWithIcon("彻底删除", theme.DeleteIcon(), s.Purge)
	s.EmptyBtn = widget.NewButtonWithIcon("清空回收站", theme.ContentClearIcon(), s.Empty)

	top := container.NewVBox(widgets.Heading("回收站"),
		widgets.Note("删除的记录先放在回收站里，恢复后连同它的相关记录一起回到原处；彻底删除后无法恢复。"),
		container.NewBorder(nil, nil, nil, s.Count, container.NewHBox(s.RestoreBtn, s.PurgeBtn, s.EmptyBtn)),
		binColumns.Row(true))
	s.EmptyNote = widget.NewLabel("")
	s.content = container.NewBorder(top, s.Status, nil, nil, overList(s.List, s.EmptyNote))
	s.Reload() // a tab is built when first shown: it must show its data at once
	return s
}

// Content is the screen's root.
func (s *RecycleScreen) Content() fyne.CanvasObject { return s.content }

// Reload reads the bin.
func (s *RecycleScreen) Reload() {
	es, err := s.env.Store.RecycleBin(context.Background())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.entries, s.selected = es, -1
	s.List.UnselectAll()
	s.List.Refresh()
	s.Count.SetText(fmt.Sprintf("共 %d 项", len(es)))
	s.EmptyNote.SetText("")
	if len(es) == 0 {
		s.EmptyNote.SetText("回收站是空的。")
	}
	s.updateButtons()
}

func (s *RecycleScreen) updateButtons() {
	for _, b := range []*widget.Button{s.RestoreBtn, s.PurgeBtn} {
		if s.selected >= 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if len(s.entries) > 0 {
		s.EmptyBtn.Enable()
	} else {
		s.EmptyBtn.Disable()
	}
}

func (s *RecycleScreen) current() (data.BinEntry, bool) {
	if s.selected < 0 || s.selected >= len(s.entries) {
		return data.BinEntry{}, false
	}
	return s.entries[s.selected], true
}

// done reloads after a change and tells the other screens.
func (s *RecycleScreen) done(status string) {
	s.Reload()
	s.Status.SetText(status)
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

// Restore puts the selected entry back; a refusal says why.
func (s *RecycleScreen) Restore() {
	e, ok := s.current()
	if !ok {
		return
	}
	if err := s.env.Store.RestoreFromBin(context.Background(), e.ID); err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.done(fmt.Sprintf("已恢复%s", e.Object()))
}

// Purge deletes the selected entry for good, after a confirmation.
func (s *RecycleScreen) Purge() {
	e, ok := s.current()
	if !ok {
		return
	}
	msg := fmt.Sprintf("确定要彻底删除%s吗？", e.Object())
	if e.Detail != "" {
		msg += "\n（" + e.Detail + "）"
	}
	msg += "\n\n彻底删除后无法恢复。"
	ShowConfirm(s.env.Win, "彻底删除", msg, "彻底删除", func() {
		if err := s.env.Store.PurgeBin(context.Background(), e.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.done(fmt.Sprintf("已彻底删除%s", e.Object()))
	})
}

// Empty deletes every entry for good, after a confirmation that it cannot be undone.
func (s *RecycleScreen) Empty() {
	if len(s.entries) == 0 {
		return
	}
	msg := fmt.Sprintf("确定要清空回收站吗？\n\n回收站中的 %d 项记录将被彻底删除，此操作无法撤销。", len(s.entries))
	ShowConfirm(s.env.Win, "清空回收站", msg, "清空回收站", func() {
		if err := s.env.Store.EmptyBin(context.Background()); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.done("回收站已清空")
	})
}
