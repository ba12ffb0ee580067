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

// assessTemplateColumns are the assessment templates list's columns.
var assessTemplateColumns = widgets.Columns{{"考核表", 1, ""}, {"类别", 0, "支部月度考核"}, {"满分", 0, "100"}}

// a3Parts are the 板块 an A3 item may belong to.
var a3Parts = []string{data.PartParty, data.PartSafety, data.PartProduction}

// fullScore is the score every A1/A3 template must total (SPEC §5).
const fullScore = 100

// autoLabel stands for the method of an item filled from the ledgers, which the user cannot change.
const autoLabel = "按台账自动"

// AssessTemplatesScreen is 考核表设置: the assessment templates (A1, A2's catalogue, A3) with their
// items added, removed, moved and edited, their grade lines, 复制 and 删除.
type AssessTemplatesScreen struct {
	env *Env

	listPane[data.AssessTemplate]
	count *widget.Label

	fields widgets.Fields
	loaded data.AssessTemplate
	itemList[data.AssessItem]
	rows     []*assessTemplateRow
	grades   []data.GradeLine
	gradeRow []*gradeRow
	loading  bool
	dirty    bool

	name      *widgets.Entry
	kind      *widget.Label
	rowsBox   *fyne.Container
	total     *widget.Label
	itemsMsg  *widget.Label
	gradesBox *fyne.Container
	gradesMsg *widget.Label

	frame     *widgets.RecordFrame
	deleteBtn *widget.Button
	copyBtn   *widget.Button
}

// assessTemplateRow is the widgets of one item being edited.
type assessTemplateRow struct {
	name, points, per, cap *widgets.Entry
	method                 *widget.Select // nil for an Auto item
	veto                   *widget.Check
	part                   *widget.Select // nil unless A3
	standard               *widgets.TextArea
	counting               *fyne.Container // 每次分值 and 封顶: shown for the counting methods only
	msg                    *widget.Label
}

// gradeRow is the widgets of one grade line.
type gradeRow struct{ min, grade *widgets.Entry }

// NewAssessTemplatesScreen builds the screen and loads the templates.
func NewAssessTemplatesScreen(env *Env) *AssessTemplatesScreen {
	s := &AssessTemplatesScreen{env: env}
	s.itemList = itemList[data.AssessItem]{rebuild: s.buildRows, edited: func() { s.changed("") }}
	s.count = widget.NewLabel("")
	s.listPane.init(env, listSpec[data.AssessTemplate]{
		ID:     func(t *data.AssessTemplate) int64 { return t.ID },
		NewRow: func() fyne.CanvasObject { return assessTemplateColumns.Row(false) },
		SetRow: func(o fyne.CanvasObject, i int) {
			t := &s.all[i]
			assessTemplateColumns.Set(o, []string{t.Name, t.Kind, data.FormatScore(templateFull(t))}, nil)
		},
		Dirty: func() bool { return s.dirty },
		Save:  s.save,
		What:  func() string { return "这张考核表" },
		Show:  func(t data.AssessTemplate) { s.show(t, false) },
	})

	s.name = widgets.NewEntry()
	s.name.OnChanged = func(string) { s.changed(data.FAssessName) }
	s.kind = widget.NewLabel("")
	s.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.itemsMsg, s.gradesMsg = errorLabel(), errorLabel()
	s.rowsBox, s.gradesBox = container.NewVBox(), container.NewVBox()
	addBtn := widget.NewButtonWithIcon("添加项目", theme.ContentAddIcon(), s.addItem)
	addGrade := widget.NewButtonWithIcon("添加分数线", theme.ContentAddIcon(), s.addGrade)
	form := container.NewVBox(
		widgets.Section("考核表", 2, s.fields.Add(data.FAssessName, true, s.name), s.fields.Add(data.FAssessKind, false, s.kind)),
		widgets.Note("修改考核表只影响今后新建的考核：已保存的考核保留当时的考核项目、分值和得分，不会改变。"),
		widgets.Heading("考核项目"), s.rowsBox,
		widgets.OrderedBorder(nil, nil, addBtn, s.total, nil), s.itemsMsg,
		widgets.Heading(data.FGradeLines), widgets.Note("总分不低于分数线即为该等次（从高到低排列）；低于所有分数线或一票否决为不合格。"),
		s.gradesBox, container.NewHBox(addGrade), s.gradesMsg)

	left := widgets.OrderedBorder(container.NewVBox(s.count, assessTemplateColumns.Row(true)), nil, nil, nil, s.list)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteTemplate)
	s.copyBtn = widget.NewButtonWithIcon("复制", theme.ContentCopyIcon(), s.copyTemplate)
	s.frame = widgets.NewRecordFrame(left, form, widgets.OrderedBorder(nil, nil, container.NewHBox(s.deleteBtn, s.copyBtn), saveBtn, nil), 0.3)
	s.Reload()
	if len(s.all) > 0 {
		s.show(s.all[0], false)
	} else {
		s.show(data.AssessTemplate{}, false)
	}
	return s
}

func errorLabel() *widget.Label {
	l := widgets.Note("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// templateFull is a template's 满分: the items' sum, or 基础分 + 加分上限 for the A2 scheme.
func templateFull(t *data.AssessTemplate) float64 {
	if t.Scheme == data.SchemeBase {
		return t.Base + t.BonusCap
	}
	return t.Sum()
}

// needsFullScore tells whether the items of t must total fullScore (A1 and A3).
func needsFullScore(t *data.AssessTemplate) bool {
	return t.Scheme == data.SchemeSum && (t.Kind == data.AssessBranchMonthly || t.Kind == data.AssessThreeInOne)
}

// Content implements Screen.
func (s *AssessTemplatesScreen) Content() fyne.CanvasObject { return s.frame.Split }

// Reload re-reads the templates.
func (s *AssessTemplatesScreen) Reload() {
	all, err := s.env.Store.AssessTemplates(context.Background(), "")
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.all = all
	s.count.SetText(fmt.Sprintf("共 %d 张考核表", len(all)))
	vis := s.visible[:0]
	for i := range all {
		vis = append(vis, i)
	}
	s.setVisible(vis)
}

func (s *AssessTemplatesScreen) show(t data.AssessTemplate, keepStatus bool) {
	s.loading = true
	s.loaded, s.selected = t, t.ID
	s.name.SetText(t.Name)
	s.kind.SetText(t.Kind)
	s.items, s.grades = slices.Clone(t.Items), slices.Clone(t.Grades)
	s.fields.ClearErrors()
	setError(s.itemsMsg, "")
	setError(s.gradesMsg, "")
	s.buildRows()
	s.buildGrades()
	s.loading, s.dirty = false, false
	s.frame.Title.SetText(t.Name)
	if t.ID == 0 {
		s.deleteBtn.Disable()
		s.copyBtn.Disable()
	} else {
		s.deleteBtn.Enable()
		s.copyBtn.Enable()
	}
	if !keepStatus {
		s.frame.SetStatus("", false)
	}
	s.syncSelection()
}

// buildRows shows the items being edited.
func (s *AssessTemplatesScreen) buildRows() {
	s.rows = make([]*assessTemplateRow, len(s.items))
	var objs []fyne.CanvasObject
	for i := range s.items {
		objs = append(objs, s.newRow(i), widget.NewSeparator())
	}
	s.rowsBox.Objects = objs
	s.rowsBox.Refresh()
	s.updateTotal()
}

func (s *AssessTemplatesScreen) newRow(i int) fyne.CanvasObject {
	it := s.items[i]
	sum := s.loaded.Scheme != data.SchemeBase
	r := &assessTemplateRow{name: widgets.NewEntry(), points: widgets.NewEntry(), per: widgets.NewEntry(), cap: widgets.NewEntry(), standard: widgets.NewTextArea(2), msg: errorLabel()}
	s.rows[i] = r
	r.name.SetText(it.Name)
	r.name.SetPlaceHolder(data.FAssessItem)
	r.name.OnChanged = func(v string) { s.items[i].Name = v; s.changed("") }
	number := func(e *widgets.Entry, v float64, set func(float64)) {
		e.SetText(data.FormatScore(v))
		e.OnChanged = func(t string) {
			p, _ := parseScore(t)
			set(p)
			s.updateTotal()
			s.changed("")
		}
	}
	number(r.points, it.Points, func(p float64) { s.items[i].Points = p })
	number(r.per, it.Per, func(p float64) { s.items[i].Per = p })
	number(r.cap, it.Cap, func(p float64) { s.items[i].Cap = p })
	r.cap.SetPlaceHolder("0 = 不另封顶")
	r.standard.SetText(it.Standard)
	r.standard.SetPlaceHolder(data.FAssessStandard)
	r.standard.OnChanged = func(v string) { s.items[i].Standard = v; s.changed("") }
	r.veto = widget.NewCheck(data.FVeto, func(b bool) { s.items[i].Veto = b; s.changed("") })
	r.veto.SetChecked(it.Veto)

	labelled := func(label string, e *widgets.Entry) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(150, e.MinSize().Height), container.NewBorder(nil, nil, widget.NewLabel(label), nil, e))
	}
	r.counting = container.NewHBox(labelled(data.FPer, r.per), labelled("上限", r.cap))
	var method fyne.CanvasObject
	if it.Auto != "" {
		// The ledgers fill it: its method follows the evidence and is not the user's to change.
		method = widget.NewLabel(autoLabel + "（" + it.Auto + "）")
	} else {
		r.method = widgets.NewSelect(data.AssessMethods, func(v string) {
			s.items[i].Method = v
			r.counting.Hidden = v == data.MethodManual
			r.counting.Refresh()
			s.changed("")
		})
		r.method.SetSelected(it.Method)
		method = r.method
	}
	r.counting.Hidden = it.Method == data.MethodManual
	controls := []fyne.CanvasObject{method, r.counting, r.veto}
	if sum {
		controls = append([]fyne.CanvasObject{labelled(data.FItemPoints, r.points)}, controls...)
	}
	if s.loaded.Kind == data.AssessThreeInOne {
		r.part = widgets.NewSelect(a3Parts, func(v string) { s.items[i].Part = v; s.updateTotal(); s.changed("") })
		r.part.SetSelected(it.Part)
		controls = append(controls, widget.NewLabel(data.FPart), r.part)
	}
	seq, tools := s.rowTools(i)
	line := widgets.OrderedBorder(nil, nil, seq, container.NewHBox(tools...), r.name)
	return container.NewVBox(line, container.NewHBox(controls...), r.standard, r.msg)
}

// updateTotal shows the live 满分, and for A3 each 板块's share.
func (s *AssessTemplatesScreen) updateTotal() {
	if s.loaded.Scheme == data.SchemeBase {
		s.total.SetText(fmt.Sprintf("共 %d 项；基础分 %s，加分上限 %s", len(s.items), data.FormatScore(s.loaded.Base), data.FormatScore(s.loaded.BonusCap)))
		return
	}
	t := data.AssessTemplate{Items: s.items}
	text := fmt.Sprintf("共 %d 项，合计 %s 分", len(s.items), data.FormatScore(t.Sum()))
	if s.loaded.Kind == data.AssessThreeInOne {
		var parts []string
		for _, p := range a3Parts {
			var sum float64
			for _, it := range s.items {
				if it.Part == p {
					sum += it.Points
				}
			}
			parts = append(parts, p+" "+data.FormatScore(sum))
		}
		text += "（" + strings.Join(parts, "，") + "）"
	}
	s.total.SetText(text)
}

// TotalText is the live total line.
func (s *AssessTemplatesScreen) TotalText() string { return s.total.Text }

func (s *AssessTemplatesScreen) addItem() {
	it := data.AssessItem{Method: data.MethodManual}
	if s.loaded.Scheme == data.SchemeBase {
		it = data.AssessItem{Method: data.MethodAdd, Per: 1}
	} else {
		it.Points = 5
	}
	s.appendItem(it)
	focus(s.rows[len(s.rows)-1].name)
}

// buildGrades shows the grade lines being edited.
func (s *AssessTemplatesScreen) buildGrades() {
	s.gradeRow = make([]*gradeRow, len(s.grades))
	var objs []fyne.CanvasObject
	for i, g := range s.grades {
		r := &gradeRow{min: widgets.NewEntry(), grade: widgets.NewEntry()}
		r.min.SetText(data.FormatScore(g.Min))
		r.min.OnChanged = func(string) { s.changed("") }
		r.grade.SetText(g.Grade)
		r.grade.SetPlaceHolder("如 优秀")
		r.grade.OnChanged = func(string) { s.changed("") }
		s.gradeRow[i] = r
		del := widgets.NewChip("删除", theme.DeleteIcon(), func() { s.readGrades(); s.grades = slices.Delete(s.grades, i, i+1); s.buildGrades(); s.changed("") })
		size := fyne.NewSize(160, r.min.MinSize().Height)
		objs = append(objs, container.NewHBox(
			container.NewGridWrap(size, container.NewBorder(nil, nil, widget.NewLabel("分数线"), widget.NewLabel("分以上"), r.min)),
			container.NewGridWrap(size, container.NewBorder(nil, nil, widget.NewLabel("等次"), nil, r.grade)), del))
	}
	s.gradesBox.Objects = objs
	s.gradesBox.Refresh()
}

func (s *AssessTemplatesScreen) addGrade() {
	s.readGrades()
	s.grades = append(s.grades, data.GradeLine{})
	s.buildGrades()
	s.changed("")
	focus(s.gradeRow[len(s.gradeRow)-1].min)
}

// readGrades takes the grade lines from their entries; a threshold that is not a number is reported.
func (s *AssessTemplatesScreen) readGrades() (fe data.FieldErrors) {
	for i, r := range s.gradeRow {
		v, ok := parseScore(r.min.Text)
		if !ok {
			fe = append(fe, data.FieldError{Field: data.FGradeLines, Message: fmt.Sprintf("第%d条分数线应为数字，如 90", i+1)})
		}
		s.grades[i] = data.GradeLine{Min: v, Grade: r.grade.Text}
	}
	return fe
}

func (s *AssessTemplatesScreen) changed(label string) {
	if s.loading {
		return
	}
	s.dirty = true
	if f := s.fields.Get(label); f != nil {
		f.SetError("")
	}
	s.frame.SetStatus("", false)
}

// template reads the form; numbers that do not parse and an A1/A3 total other than 100 are errors.
func (s *AssessTemplatesScreen) template() (data.AssessTemplate, data.FieldErrors) {
	t := s.loaded
	t.Name = s.name.Text
	fe := s.readGrades()
	t.Items, t.Grades = slices.Clone(s.items), slices.Clone(s.grades)
	for i, r := range s.rows {
		read := func(e *widgets.Entry, label string) float64 {
			v, ok := parseScore(e.Text)
			if !ok {
				fe = append(fe, data.FieldError{Field: label, Row: i + 1, List: data.RowItem, Message: label + "应为数字，如 10 或 2.5"})
			}
			return v
		}
		it := &t.Items[i]
		if t.Scheme != data.SchemeBase {
			it.Points = read(r.points, data.FItemPoints)
		}
		if it.Method == data.MethodManual {
			it.Per, it.Cap = 0, 0 // hidden: not the user's to keep
		} else {
			it.Per, it.Cap = read(r.per, data.FPer), read(r.cap, data.FCap)
		}
	}
	if sum := t.Sum(); needsFullScore(&t) && sum != fullScore {
		fe = append(fe, data.FieldError{Field: data.FAssessItem,
			Message: fmt.Sprintf("%s各项分值合计应为%d分，现为%s分，请调整分值", t.Kind, fullScore, data.FormatScore(sum))})
	}
	return t, fe
}

// Save saves the template with its items and grade lines (Ctrl+S).
func (s *AssessTemplatesScreen) Save() { s.save() }

func (s *AssessTemplatesScreen) save() bool {
	if s.loaded.Kind == "" {
		return false
	}
	t, fe := s.template()
	var err error
	if fe != nil {
		err = fe
	} else {
		err = s.env.Store.SaveAssessTemplate(context.Background(), &t)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		s.showErrors(ferr)
		return false
	case err != nil:
		ShowError(s.env.Win, err)
		return false
	}
	s.selected = t.ID
	s.Reload()
	s.show(t, true)
	s.frame.SetStatus("已保存考核表“"+t.Name+"”", false)
	notify(s.env)
	return true
}

// showErrors puts each error by what it is about: an item, the items as a whole, the grade lines or
// a field.
func (s *AssessTemplatesScreen) showErrors(fe data.FieldErrors) {
	rowMsgs, others := rowErrors(fe, len(s.rows))
	var items, grades []string
	var rest data.FieldErrors
	for _, e := range others {
		switch e.Field {
		case data.FAssessItem:
			items = append(items, e.Message)
		case data.FGradeLines:
			grades = append(grades, e.Message)
		default:
			rest = append(rest, e)
		}
	}
	for i, r := range s.rows {
		setError(r.msg, strings.Join(rowMsgs[i], "；"))
	}
	setError(s.itemsMsg, strings.Join(items, "；"))
	setError(s.gradesMsg, strings.Join(grades, "；"))
	s.rowsBox.Refresh()
	unplaced := showErrors(&s.fields, rest)
	s.frame.SetStatus("请按标红的说明修改，没有保存。"+strings.Join(unplaced, "；"), true)
}

// ItemsError is the message about the items as a whole (such as their total).
func (s *AssessTemplatesScreen) ItemsError() string {
	if s.itemsMsg.Hidden {
		return ""
	}
	return s.itemsMsg.Text
}

// Status is the status line's text.
func (s *AssessTemplatesScreen) Status() string { return s.frame.Status() }

func (s *AssessTemplatesScreen) deleteTemplate() {
	t := s.loaded
	if t.ID == 0 {
		return
	}
	confirmDeleteTemplate(s.env, "删除考核表", fmt.Sprintf("确定要删除“%s”吗？\n已保存的考核保留各自的考核项目和得分，不受影响。", t.Name),
		func(ctx context.Context) error { return s.env.Store.DeleteAssessTemplate(ctx, t.ID) },
		func() {
			s.selected = 0
			s.Reload()
			if len(s.all) > 0 {
				s.show(s.all[0], false)
			} else {
				s.show(data.AssessTemplate{}, false)
			}
			s.frame.SetStatus("已删除考核表“"+t.Name+"”", false)
		})
}

// copyTemplate asks for a name and saves a copy of the template shown (as saved).
func (s *AssessTemplatesScreen) copyTemplate() {
	t := s.loaded
	if t.ID == 0 {
		return
	}
	copyTemplateDialog(s.env, "考核表", data.FAssessName, t.Name, func(ctx context.Context, name string) error {
		c, err := s.env.Store.CopyAssessTemplate(ctx, t.ID, name)
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
