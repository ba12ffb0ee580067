package gui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// checklistColumns are the templates list's columns.
var checklistColumns = widgets.Columns{{"评分表", 1, ""}, {"适用类别", 0, "宿舍"}, {"项目数", 0, "100"}, {"总分", 0, "100"}}

// ChecklistsScreen is 评分表: the checklists with their items (added, removed, moved, edited), 复制,
// and the grade thresholds (优秀线, 合格线) that every check is graded with.
type ChecklistsScreen struct {
	templateEditor[data.Checklist, data.ChecklistItem]
	rows     []*checklistRow
	category *widget.Select

	thFields  widgets.Fields
	excellent *widgets.Entry
	pass      *widgets.Entry
}

// checklistRow is the widgets of one item being edited.
type checklistRow struct {
	name     *widgets.Entry
	points   *widgets.Entry
	key, opt *widget.Check
	standard *widgets.TextArea
	msg      *widget.Label
}

// NewChecklistsScreen builds the screen and loads the checklists and thresholds.
func NewChecklistsScreen(env *Env) *ChecklistsScreen {
	s := &ChecklistsScreen{}
	st := env.Store
	s.initEditor(env, templateHooks[data.Checklist, data.ChecklistItem]{
		noun: "评分表", nameField: data.FChecklistName, deleteNote: "用它完成的检查保留各自的评分项目，不受影响。",
		shared: func(t *data.Checklist) *data.ItemTemplate[data.ChecklistItem] { return &t.ItemTemplate },
		blank:  func() data.Checklist { return data.Checklist{Category: data.FacilityCanteen} },
		list:   func(ctx context.Context) ([]data.Checklist, error) { return st.Checklists(ctx, "") },
		save:   st.SaveChecklist, copy: st.CopyChecklist, delete: st.DeleteChecklist,
		fill:      func(t *data.Checklist) { s.category.SetSelected(t.Category) },
		buildRows: s.buildRows,
		read:      s.read,
		rowMsg:    func(i int) *widget.Label { return s.rows[i].msg },
	}, checklistColumns, func(t *data.Checklist) []string {
		return []string{t.Name, t.Category, fmt.Sprint(len(t.Items)), data.FormatScore(t.Total)}
	})

	s.name.SetPlaceHolder("如 食堂卫生检查评分表")
	s.category = widgets.NewSelect(data.FacilityCategories, func(string) { s.changed(data.FChecklistCategory) })
	addBtn := widget.NewButtonWithIcon("添加项目", theme.ContentAddIcon(), s.addItem)
	form := container.NewVBox(
		widgets.Section("评分表", 2, s.fields.Add(data.FChecklistName, true, s.name), s.fields.Add(data.FChecklistCategory, true, s.category)),
		widgets.Note("修改评分表只影响今后新建的检查：已完成的检查保留当时的检查项目、分值和得分，不会改变。"),
		widgets.Heading("检查项目"), s.rowsBox,
		widgets.OrderedBorder(nil, nil, addBtn, s.total, nil))

	// Grade thresholds.
	s.excellent, s.pass = widgets.NewEntry(), widgets.NewEntry()
	s.excellent.OnSubmitted = func(string) { s.saveThresholds() }
	s.pass.OnSubmitted = func(string) { s.saveThresholds() }
	thBtn := widget.NewButtonWithIcon("保存分数线", theme.DocumentSaveIcon(), s.saveThresholds)
	thBox := container.NewVBox(widget.NewSeparator(),
		widgets.Section("等次分数线（所有检查通用）", 2, s.thFields.Add(data.FExcellentLine, true, s.excellent), s.thFields.Add(data.FPassLine, true, s.pass)),
		widgets.Note("标化分不低于优秀线为优秀，不低于合格线为合格，否则不合格；关键项（※）扣分的检查一律不合格。"),
		container.NewHBox(thBtn))

	newBtn := widget.NewButtonWithIcon("新建评分表", theme.ContentAddIcon(), s.New)
	left := widgets.OrderedBorder(container.NewVBox(widgets.OrderedBorder(nil, nil, newBtn, s.count, nil), checklistColumns.Row(true)),
		thBox, nil, nil, s.list)
	s.finishEditor(left, form, 0.34)
	s.loadThresholds()
	return s
}

// Reload re-reads the checklists and the thresholds.
func (s *ChecklistsScreen) Reload() {
	s.templateEditor.Reload()
	s.loadThresholds()
}

func (s *ChecklistsScreen) loadThresholds() {
	th, err := s.env.Store.GradeThresholds(context.Background())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.excellent.SetText(data.FormatScore(th.Excellent))
	s.pass.SetText(data.FormatScore(th.Pass))
}

// buildRows shows the items being edited.
func (s *ChecklistsScreen) buildRows() {
	s.rows = make([]*checklistRow, len(s.items))
	var objs []fyne.CanvasObject
	for i, it := range s.items {
		r := &checklistRow{name: widgets.NewEntry(), points: widgets.NewEntry(), standard: widgets.NewTextArea(2), msg: errorLabel()}
		r.name.SetText(it.Name)
		r.name.SetPlaceHolder("检查项目")
		r.name.OnChanged = func(v string) { s.items[i].Name = v; s.changed("") }
		r.points.SetText(data.FormatScore(it.Points))
		r.points.OnChanged = func(v string) {
			p, _ := parseScore(v)
			s.items[i].Points = p
			s.updateTotal()
			s.changed("")
		}
		r.key = widget.NewCheck(data.FItemKey+data.KeyMark, func(b bool) { s.items[i].Key = b; s.changed("") })
		r.key.SetChecked(it.Key)
		r.opt = widget.NewCheck(data.FItemOptional, func(b bool) { s.items[i].Optional = b; s.changed("") })
		r.opt.SetChecked(it.Optional)
		r.standard.SetText(it.Standard)
		r.standard.SetPlaceHolder("检查内容及标准")
		r.standard.OnChanged = func(v string) { s.items[i].Standard = v; s.changed("") }
		s.rows[i] = r
		seq, tools := s.rowTools(i)
		pointsBox := container.NewBorder(nil, nil, widget.NewLabel(data.FItemPoints), nil, r.points)
		controls := []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(130, r.points.MinSize().Height), pointsBox), r.key, r.opt}
		line := widgets.OrderedBorder(nil, nil, seq, container.NewHBox(append(controls, tools...)...), r.name)
		objs = append(objs, container.NewVBox(line, r.standard, r.msg), widget.NewSeparator())
	}
	s.rowsBox.Objects = objs
	s.rowsBox.Refresh()
	s.updateTotal()
}

func (s *ChecklistsScreen) updateTotal() {
	var t data.Checklist
	t.Items = s.items
	s.total.SetText(fmt.Sprintf("共 %d 项，合计 %s 分", len(s.items), data.FormatScore(t.Sum())))
}

func (s *ChecklistsScreen) addItem() {
	s.appendItem(data.ChecklistItem{Points: 10})
	focus(s.rows[len(s.rows)-1].name)
}

// New starts a new checklist (Ctrl+N).
func (s *ChecklistsScreen) New() {
	s.confirmDiscard(func() {
		c := s.hooks.blank()
		c.Items = []data.ChecklistItem{{Points: 10}}
		s.show(c, false)
		focus(s.name)
	}, nil)
}

// read takes the category and the items' points; the total is the items' sum (shown under them).
func (s *ChecklistsScreen) read(t *data.Checklist) data.FieldErrors {
	t.Category = s.category.Selected
	var fe data.FieldErrors
	for i, r := range s.rows {
		p, ok := parseScore(r.points.Text)
		if !ok {
			fe = append(fe, data.FieldError{Field: data.FItemPoints, Row: i + 1, List: data.RowItem, Message: "分值应为数字，如 10 或 7.5"})
		}
		t.Items[i].Points = p
	}
	t.Total = t.Sum()
	return fe
}

// saveThresholds saves 优秀线 and 合格线.
func (s *ChecklistsScreen) saveThresholds() {
	var fe data.FieldErrors
	read := func(label string, e *widgets.Entry) float64 {
		v, ok := parseScore(e.Text)
		if !ok {
			fe = append(fe, data.FieldError{Field: label, Message: label + "应为数字，如 90"})
		}
		return v
	}
	th := data.GradeThresholds{Excellent: read(data.FExcellentLine, s.excellent), Pass: read(data.FPassLine, s.pass)}
	var err error
	if fe != nil {
		err = fe
	} else {
		err = s.env.Store.SetGradeThresholds(context.Background(), th)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		showErrors(&s.thFields, ferr)
		s.frame.SetStatus("分数线没有保存：请按提示修改", true)
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	s.thFields.ClearErrors()
	// The result shows where every save's does: the frame's status line (issue 10 #22).
	s.frame.SetStatus(fmt.Sprintf("已保存分数线：%s分以上优秀，%s分以上合格", data.FormatScore(th.Excellent), data.FormatScore(th.Pass)), false)
	notify(s.env)
}
