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

// templateColumns are the templates list's columns.
var templateColumns = widgets.Columns{{"评分表", 1, ""}, {"适用类别", 0, "宿舍"}, {"项目数", 0, "100"}, {"总分", 0, "100"}}

// TemplatesScreen is 评分表: the checklists with their items (added, removed, moved, edited), 复制,
// and the grade thresholds (优秀线, 合格线) that every check is graded with.
type TemplatesScreen struct {
	env *Env

	listPane[data.Template] // lists every template
	count                   *widget.Label

	fields widgets.Fields
	loaded data.Template
	itemList[data.TemplateItem]
	rows     []*templateRow
	loading  bool
	dirty    bool
	name     *widgets.Entry
	category *widget.Select
	rowsBox  *fyne.Container
	total    *widget.Label

	thFields  widgets.Fields
	excellent *widgets.Entry
	pass      *widgets.Entry
	thStatus  *widget.Label

	frame     *widgets.RecordFrame
	deleteBtn *widget.Button
	copyBtn   *widget.Button
}

// templateRow is the widgets of one item being edited.
type templateRow struct {
	name     *widgets.Entry
	points   *widgets.Entry
	key, opt *widget.Check
	standard *widgets.TextArea
	msg      *widget.Label
}

// NewTemplatesScreen builds the screen and loads the templates and thresholds.
func NewTemplatesScreen(env *Env) *TemplatesScreen {
	s := &TemplatesScreen{env: env}
	s.itemList = itemList[data.TemplateItem]{rebuild: s.buildRows, edited: func() { s.changed("") }}
	s.count = widget.NewLabel("")
	s.listPane.init(env, listSpec[data.Template]{
		ID:     func(t *data.Template) int64 { return t.ID },
		NewRow: func() fyne.CanvasObject { return templateColumns.Row(false) },
		SetRow: func(o fyne.CanvasObject, i int) {
			t := &s.all[i]
			templateColumns.Set(o, []string{t.Name, t.Category, fmt.Sprint(len(t.Items)), data.FormatScore(t.Total)}, nil)
		},
		Dirty: func() bool { return s.dirty },
		Save:  s.save,
		What:  func() string { return "这张评分表" },
		Show:  func(t data.Template) { s.show(t, false) },
	})

	s.name = widgets.NewEntry()
	s.name.SetPlaceHolder("如 食堂卫生检查评分表")
	s.name.OnChanged = func(string) { s.changed(data.FTemplateName) }
	s.category = widgets.NewSelect(data.FacilityCategories, func(string) { s.changed(data.FTemplateCategory) })
	s.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.rowsBox = container.NewVBox()
	addBtn := widget.NewButtonWithIcon("添加项目", theme.ContentAddIcon(), s.addItem)
	form := container.NewVBox(
		widgets.Section("评分表", 2, s.fields.Add(data.FTemplateName, true, s.name), s.fields.Add(data.FTemplateCategory, true, s.category)),
		widgets.Note("修改评分表只影响今后新建的检查：已完成的检查保留当时的检查项目、分值和得分，不会改变。"),
		widgets.Heading("检查项目"), s.rowsBox,
		widgets.OrderedBorder(nil, nil, addBtn, s.total, nil))

	// Grade thresholds.
	s.excellent, s.pass = widgets.NewEntry(), widgets.NewEntry()
	s.excellent.OnSubmitted = func(string) { s.saveThresholds() }
	s.pass.OnSubmitted = func(string) { s.saveThresholds() }
	s.thStatus = widgets.Note("")
	s.thStatus.Hide()
	thBtn := widget.NewButtonWithIcon("保存分数线", theme.DocumentSaveIcon(), s.saveThresholds)
	thBox := container.NewVBox(widget.NewSeparator(),
		widgets.Section("等次分数线（所有检查通用）", 2, s.thFields.Add(data.FExcellentLine, true, s.excellent), s.thFields.Add(data.FPassLine, true, s.pass)),
		widgets.Note("标化分不低于优秀线为优秀，不低于合格线为合格，否则不合格；关键项（※）扣分的检查一律不合格。"),
		container.NewHBox(thBtn), s.thStatus)

	newBtn := widget.NewButtonWithIcon("新建评分表", theme.ContentAddIcon(), s.New)
	left := widgets.OrderedBorder(container.NewVBox(widgets.OrderedBorder(nil, nil, newBtn, s.count, nil), templateColumns.Row(true)),
		thBox, nil, nil, s.list)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteTemplate)
	s.copyBtn = widget.NewButtonWithIcon("复制", theme.ContentCopyIcon(), s.copyTemplate)
	s.frame = widgets.NewRecordFrame(left, form, widgets.OrderedBorder(nil, nil, container.NewHBox(s.deleteBtn, s.copyBtn), saveBtn, nil), 0.34)
	s.Reload()
	if len(s.all) > 0 {
		s.show(s.all[0], false)
	} else {
		s.show(data.Template{Category: data.FacilityCanteen}, false)
	}
	return s
}

// Content implements Screen.
func (s *TemplatesScreen) Content() fyne.CanvasObject { return s.frame.Split }

// Reload re-reads the templates and the thresholds.
func (s *TemplatesScreen) Reload() {
	ctx := context.Background()
	all, err := s.env.Store.Templates(ctx, "")
	var th data.GradeThresholds
	if err == nil {
		th, err = s.env.Store.GradeThresholds(ctx)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.all = all
	s.count.SetText(fmt.Sprintf("共 %d 张", len(all)))
	s.excellent.SetText(data.FormatScore(th.Excellent))
	s.pass.SetText(data.FormatScore(th.Pass))
	vis := s.visible[:0]
	for i := range all {
		vis = append(vis, i)
	}
	s.setVisible(vis)
}

func (s *TemplatesScreen) show(t data.Template, keepStatus bool) {
	s.loading = true
	s.loaded, s.selected = t, t.ID
	s.name.SetText(t.Name)
	s.category.SetSelected(t.Category)
	s.items = slices.Clone(t.Items)
	s.fields.ClearErrors()
	s.buildRows()
	s.loading, s.dirty = false, false
	if t.ID == 0 {
		s.frame.Title.SetText("新评分表")
		s.deleteBtn.Disable()
		s.copyBtn.Disable()
	} else {
		s.frame.Title.SetText(t.Name)
		s.deleteBtn.Enable()
		s.copyBtn.Enable()
	}
	if !keepStatus {
		s.frame.SetStatus("", false)
	}
	s.syncSelection()
}

// buildRows shows the items being edited.
func (s *TemplatesScreen) buildRows() {
	s.rows = make([]*templateRow, len(s.items))
	var objs []fyne.CanvasObject
	for i, it := range s.items {
		r := &templateRow{name: widgets.NewEntry(), points: widgets.NewEntry(), standard: widgets.NewTextArea(2)}
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
		r.msg = widget.NewLabel("")
		r.msg.Importance = widget.DangerImportance
		r.msg.Wrapping = fyne.TextWrapWord
		r.msg.Hide()
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

func (s *TemplatesScreen) updateTotal() {
	t := data.Template{Items: s.items}
	s.total.SetText(fmt.Sprintf("共 %d 项，合计 %s 分", len(s.items), data.FormatScore(t.Sum())))
}

func (s *TemplatesScreen) addItem() {
	s.appendItem(data.TemplateItem{Points: 10})
	focus(s.rows[len(s.rows)-1].name)
}

func (s *TemplatesScreen) changed(label string) {
	if s.loading {
		return
	}
	s.dirty = true
	if f := s.fields.Get(label); f != nil {
		f.SetError("")
	}
	s.frame.SetStatus("", false)
}

// New starts a new template (Ctrl+N).
func (s *TemplatesScreen) New() {
	s.confirmDiscard(func() {
		s.show(data.Template{Category: data.FacilityCanteen, Items: []data.TemplateItem{{Points: 10}}}, false)
		focus(s.name)
	}, nil)
}

// template reads the form: the total is the items' sum (shown under them).
func (s *TemplatesScreen) template() (data.Template, data.FieldErrors) {
	t := s.loaded
	t.Name, t.Category = s.name.Text, s.category.Selected
	t.Items = slices.Clone(s.items)
	var fe data.FieldErrors
	for i, r := range s.rows {
		p, ok := parseScore(r.points.Text)
		if !ok {
			fe = append(fe, data.FieldError{Field: data.FItemPoints, Row: i + 1, List: data.RowItem, Message: "分值应为数字，如 10 或 7.5"})
		}
		t.Items[i].Points = p
	}
	t.Total = t.Sum()
	return t, fe
}

// Save saves the template with its items (Ctrl+S).
func (s *TemplatesScreen) Save() { s.save() }

// save saves the template; it reports whether it saved.
func (s *TemplatesScreen) save() bool {
	t, fe := s.template()
	var err error
	if fe != nil {
		err = fe
	} else {
		err = s.env.Store.SaveTemplate(context.Background(), &t)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		rowMsgs, rest := rowErrors(ferr, len(s.rows))
		for i, r := range s.rows {
			setError(r.msg, strings.Join(rowMsgs[i], "；"))
		}
		s.rowsBox.Refresh()
		unplaced := showErrors(&s.fields, rest)
		s.frame.SetStatus("请按标红的说明修改，没有保存。"+strings.Join(unplaced, "；"), true)
		return false
	case err != nil:
		ShowError(s.env.Win, err)
		return false
	}
	s.selected = t.ID
	s.Reload()
	s.show(t, true)
	s.frame.SetStatus("已保存评分表“"+t.Name+"”", false)
	notify(s.env)
	return true
}

func (s *TemplatesScreen) deleteTemplate() {
	t := s.loaded
	if t.ID == 0 {
		return
	}
	confirmDeleteTemplate(s.env, "删除评分表", fmt.Sprintf("确定要删除“%s”吗？\n用它完成的检查保留各自的评分项目，不受影响。", t.Name),
		func(ctx context.Context) error { return s.env.Store.DeleteTemplate(ctx, t.ID) },
		func() {
			s.selected = 0
			s.Reload()
			s.show(data.Template{Category: t.Category}, false)
			s.frame.SetStatus("已删除评分表“"+t.Name+"”", false)
		})
}

// copyTemplate asks for a name and saves a copy of the template shown (as saved).
func (s *TemplatesScreen) copyTemplate() {
	t := s.loaded
	if t.ID == 0 {
		return
	}
	copyTemplateDialog(s.env, "评分表", data.FTemplateName, t.Name, func(ctx context.Context, name string) error {
		c, err := s.env.Store.CopyTemplate(ctx, t.ID, name)
		if err != nil {
			return err
		}
		s.selected = c.ID
		s.Reload()
		s.show(c, false)
		s.frame.SetStatus("已复制为“"+c.Name+"”", false)
		return nil
	})
}

// saveThresholds saves 优秀线 and 合格线.
func (s *TemplatesScreen) saveThresholds() {
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
		s.thStatus.Hide()
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	s.thFields.ClearErrors()
	s.thStatus.Importance = widget.SuccessImportance
	s.thStatus.SetText(fmt.Sprintf("已保存：%s分以上优秀，%s分以上合格", data.FormatScore(th.Excellent), data.FormatScore(th.Pass)))
	s.thStatus.Show()
	notify(s.env)
}
