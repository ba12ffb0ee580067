package gui

// 操作日志 (SPEC §8): every change saved to the data file, newest first, filtered by date range,
// object type, action and text, with the selected entry's change in full below, exportable to xlsx.

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports"
)

const filterAll = "全部"

// OpLogScreen lists the operation log.
type OpLogScreen struct {
	env *Env
	ops []data.Op

	From, To      *widgets.DateEntry
	EntitySel     *widget.Select
	ActionSel     *widget.Select
	Search        *widgets.Entry
	List          *widget.List
	Count, Detail *widget.Label
	Empty         *widget.Label // over the list when nothing matches
	ExportBtn     *widget.Button
	selected      int
	content       fyne.CanvasObject
}

// opColumns are the list's columns.
var opColumns = widgets.Columns{{"时间", 2.2, ""}, {"操作", 1.2, ""}, {"对象", 3, ""}, {"内容/变更", 6, ""}}

// NewOpLogScreen builds the screen with its data.
func NewOpLogScreen(env *Env) *OpLogScreen {
	s := &OpLogScreen{env: env, selected: -1}
	reload := func(string) { s.Reload() }
	s.From, s.To = widgets.NewDateEntry(), widgets.NewDateEntry()
	s.From.SetPlaceHolder("开始日期")
	s.To.SetPlaceHolder("结束日期")
	s.From.OnSubmitted, s.To.OnSubmitted = reload, reload
	s.From.OnChanged = func(t string) { s.dateChanged(t) }
	s.To.OnChanged = func(t string) { s.dateChanged(t) }
	s.EntitySel = widgets.NewSelect(append([]string{filterAll}, data.OpEntities...), reload)
	s.ActionSel = widgets.NewSelect(append([]string{filterAll}, data.OpActions...), reload)
	s.EntitySel.SetSelectedIndex(0)
	s.ActionSel.SetSelectedIndex(0)
	s.Search = widgets.NewEntry()
	s.Search.SetPlaceHolder("搜索对象或内容")
	s.Search.OnChanged = reload
	s.Count = widget.NewLabel("")
	s.Detail = widgets.Note("选择一条记录查看完整内容")
	s.ExportBtn = widget.NewButtonWithIcon("导出", theme.DocumentSaveIcon(), s.Export)

	s.List = widget.NewList(
		func() int { return len(s.ops) },
		func() fyne.CanvasObject { return opColumns.Row(false) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			op := &s.ops[id]
			opColumns.Set(o, []string{op.At.Format("2006-01-02 15:04"), op.Action, op.Object(), op.Summary()}, nil)
		})
	s.List.OnSelected = func(id widget.ListItemID) { s.selected = id; s.showDetail() }
	s.List.OnUnselected = func(widget.ListItemID) { s.selected = -1; s.showDetail() }

	filters := container.NewHBox(widget.NewLabel("日期"), sized(s.From, 130), widget.NewLabel("至"), sized(s.To, 130),
		widget.NewLabel("对象"), s.EntitySel, widget.NewLabel("操作"), s.ActionSel)
	top := container.NewVBox(widgets.Heading("操作日志"), filters,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.Count, s.ExportBtn), s.Search),
		opColumns.Row(true))
	detail := container.NewVScroll(s.Detail)
	detail.SetMinSize(fyne.NewSize(0, 110))
	s.Empty = widget.NewLabel("")
	s.content = container.NewBorder(top, detail, nil, nil, overList(s.List, s.Empty))
	s.Reload() // a tab is built when first shown: it must show its data at once
	return s
}

// sized gives o a minimum width.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.New(&minWidth{w}, o)
}

type minWidth struct{ w float32 }

func (m *minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (m *minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(max(s.Width, m.w), s.Height)
}

// Content is the screen's root.
func (s *OpLogScreen) Content() fyne.CanvasObject { return s.content }

// dateChanged reloads once a date field holds a whole date or nothing.
func (s *OpLogScreen) dateChanged(text string) {
	if _, err := data.ParseDate(text); err == nil && (text == "" || len([]rune(text)) >= 8) {
		s.Reload()
	}
}

// filter is the filter the controls describe; a date that cannot be read is ignored.
func (s *OpLogScreen) filter() data.OpFilter {
	f := data.OpFilter{Text: s.Search.Text}
	f.From, _ = s.From.Date()
	f.To, _ = s.To.Date()
	if v := s.EntitySel.Selected; v != filterAll {
		f.Entity = v
	}
	if v := s.ActionSel.Selected; v != filterAll {
		f.Action = v
	}
	return f
}

// Reload reads the log with the current filter.
func (s *OpLogScreen) Reload() {
	if s.List == nil {
		return // still being built
	}
	ops, err := s.env.Store.OpLog(context.Background(), s.filter())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.ops = ops
	s.selected = -1
	s.List.UnselectAll()
	s.List.Refresh()
	s.Count.SetText(fmt.Sprintf("共 %d 条", len(ops)))
	s.Empty.SetText("")
	if len(ops) == 0 {
		s.Empty.SetText("没有符合条件的操作记录。")
	}
	s.ExportBtn.Disable()
	if len(ops) > 0 {
		s.ExportBtn.Enable()
	}
	s.showDetail()
}

// showDetail shows the selected entry in full: its change, and the record before and after.
func (s *OpLogScreen) showDetail() {
	if s.selected < 0 || s.selected >= len(s.ops) {
		s.Detail.SetText("选择一条记录查看完整内容")
		return
	}
	op := &s.ops[s.selected]
	var b strings.Builder
	fmt.Fprintf(&b, "%s　%s　%s", op.At.Format("2006-01-02 15:04:05"), op.Action, op.Object())
	if op.Detail != "" {
		b.WriteString("\n" + op.Detail)
	}
	for _, side := range []struct {
		name string
		fs   data.Fields
	}{{"原记录", op.Before}, {"新记录", op.After}} {
		if side.fs == nil || op.Action == data.ActUpdate || op.Action == data.ActState {
			continue // an update's diff says it all
		}
		var parts []string
		for _, f := range side.fs {
			if f.Value != "" {
				parts = append(parts, f.Label+"："+f.Value)
			}
		}
		b.WriteString("\n" + side.name + "：" + strings.Join(parts, "；"))
	}
	s.Detail.SetText(b.String())
}

// Export saves the entries listed as an xlsx workbook.
func (s *OpLogScreen) Export() {
	ops, f := s.ops, s.filter()
	rf := reports.OpLogFilter{Entity: f.Entity, Action: f.Action, Text: strings.TrimSpace(f.Text)}
	if !f.From.IsZero() || !f.To.IsZero() {
		rf.Period = strings.TrimSpace(f.From.String() + " 至 " + f.To.String())
	}
	exportWorkbook(s.env, "操作日志", "操作日志-"+s.env.Today().String()+".xlsx", func(ctx context.Context, path string) error {
		meta, err := reportMeta(ctx, s.env)
		if err != nil {
			return err
		}
		return writeWorkbook(ctx, path, func(w io.Writer) error { return reports.WriteOpLog(w, meta, rf, ops) })
	})
}
