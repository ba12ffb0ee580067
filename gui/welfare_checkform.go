package gui

import (
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

// CheckForm is the scoring form of one check: 设施, 评分表, 检查日期, 检查人, then one row per item
// (序号, 检查项目 with ※ and its standard, 分值, 得分, 不适用 where the item is 可缺项, 扣分原因, and
// 生成问题 on a deduction). Summary shows 实得分, 应得分, 标化分 and 等次 as they follow the typing.
//
// Tab goes 得分 → 扣分原因 → next 得分: 不适用 and 生成问题 are chips, which take no focus.
type CheckForm struct {
	env *Env
	// OnSubmit runs on Enter in a score or a reason; OnMakeFinding when 生成问题 is tapped on item i.
	OnSubmit      func()
	OnMakeFinding func(i int)

	formState
	check      data.Check       // as loaded
	items      []data.CheckItem // as edited; definitions from the template, scores from the rows
	facilities []data.Facility
	templates  []data.Checklist
	th         data.GradeThresholds

	facility *widget.Select
	template *widget.Select
	date     *widgets.DateEntry
	checker  *widgets.Entry
	empty    *widget.Label
	rows     []*checkRow
	rowsBox  *fyne.Container
	width    float32 // of the rows, shared by their layouts

	got, max, std, grade, keyFail *widget.Label
	summary                       fyne.CanvasObject
	content                       fyne.CanvasObject
}

// checkRow is the widgets of one item.
type checkRow struct {
	score   *widgets.Entry
	na      *widgets.Chip
	reason  *widgets.Entry
	msg     *widget.Label
	finding *widgets.Chip
	bad     bool // the score text is not a number
}

// NewCheckForm builds an empty form; call SetChoices before use.
func NewCheckForm(env *Env) *CheckForm {
	f := &CheckForm{env: env}
	fs := &f.fields
	f.facility = widgets.NewSelect(nil, func(string) { f.facilityChanged() })
	fFac := fs.Add(data.FCheckFacility, true, f.facility)
	f.template = widgets.NewSelect(nil, func(string) { f.templateChanged() })
	fTpl := fs.Add(data.FCheckChecklist, true, f.template)
	f.date = f.newDate(data.FCheckDate, env.Today)
	fDate := fs.Add(data.FCheckDate, true, f.date)
	f.checker = f.newEntry(data.FChecker, "检查人姓名，多人用顿号隔开")
	f.checker.OnSubmitted = func(string) {
		if len(f.rows) > 0 {
			focus(f.rows[0].score)
		}
	}
	fChecker := fs.Add(data.FChecker, true, f.checker)

	f.empty = widgets.Note("请先选择被检查的设施：会自动带出其类别的评分表（也可选其他评分表），各项默认满分，只需录入扣分。")
	f.rowsBox = container.NewVBox()
	f.content = container.NewVBox(
		widgets.Section("检查信息", 2, fFac, fTpl, fDate, fChecker),
		widgets.Heading("逐项评分"), f.empty, f.rowsBox)

	f.got, f.max, f.std = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	f.grade = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.keyFail = widget.NewLabel("")
	f.keyFail.Importance = widget.DangerImportance
	f.keyFail.Wrapping = fyne.TextWrapWord
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	f.summary = container.NewBorder(nil, nil,
		container.NewHBox(bold(data.FGot), f.got, bold(data.FMax), f.max, bold(data.FStandard), f.std, bold(data.FGrade), f.grade),
		nil, f.keyFail)
	f.Set(f.Blank())
	return f
}

// Content is the form's widget tree; Summary the live figures (placed by the screen, always visible).
func (f *CheckForm) Content() fyne.CanvasObject { return f.content }
func (f *CheckForm) Summary() fyne.CanvasObject { return f.summary }

// Loaded is the check as last set.
func (f *CheckForm) Loaded() data.Check { return f.check }

// Blank is a new check dated today.
func (f *CheckForm) Blank() data.Check { return data.Check{Date: f.env.Today()} }

// FocusFirst puts the cursor on 设施.
func (f *CheckForm) FocusFirst() { focus(f.facility) }

// SetChoices sets the facilities, templates and thresholds, keeping what the form shows.
func (f *CheckForm) SetChoices(fs []data.Facility, ts []data.Checklist, th data.GradeThresholds) {
	f.facilities, f.templates, f.th = fs, ts, th
	f.loading = true
	defer func() { f.loading = false }()
	facID := f.facilityID()
	if facID == 0 {
		facID = f.check.FacilityID
	}
	tplName := f.template.Selected
	opts := make([]string, len(fs))
	for i, fc := range fs {
		opts[i] = facilityLabel(fc)
	}
	f.facility.SetOptions(opts)
	f.setFacility(facID)
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	setOptionsKeeping(f.template, names, tplName)
	f.updateSummary()
}

// facilityLabel names a facility in selects: 一号职工食堂（食堂）.
func facilityLabel(fc data.Facility) string { return fc.Name + "（" + fc.Category + "）" }

func (f *CheckForm) setFacility(id int64) {
	f.facility.ClearSelected()
	for i, fc := range f.facilities {
		if fc.ID == id {
			f.facility.SetSelectedIndex(i)
		}
	}
}

func (f *CheckForm) facilityID() int64 {
	if i := f.facility.SelectedIndex(); i >= 0 && i < len(f.facilities) {
		return f.facilities[i].ID
	}
	return 0
}

// Set shows c; the form is not dirty afterwards.
func (f *CheckForm) Set(c data.Check) {
	f.loading = true
	defer func() { f.loading = false }()
	f.check = c
	f.items = slices.Clone(c.Items)
	f.setFacility(c.FacilityID)
	if c.ChecklistName != "" && !slices.Contains(f.template.Options, c.ChecklistName) {
		// The template was renamed or deleted since: the check keeps its own items and name.
		f.template.SetOptions(append(slices.Clone(f.template.Options), c.ChecklistName))
	}
	if c.ChecklistName == "" {
		f.template.ClearSelected()
	} else {
		f.template.SetSelected(c.ChecklistName)
	}
	// A saved check keeps the items it was scored with: another template would be another check.
	if c.ID != 0 {
		f.template.Disable()
	} else {
		f.template.Enable()
	}
	f.date.SetDate(c.Date)
	f.checker.SetText(c.Checker)
	f.fields.ClearErrors()
	f.buildRows()
	f.dirty = false
}

// facilityChanged suggests, for a new check, the template of the facility's category.
func (f *CheckForm) facilityChanged() {
	if f.loading {
		return
	}
	f.changed(data.FCheckFacility)
	i := f.facility.SelectedIndex()
	if f.check.ID != 0 || i < 0 || i >= len(f.facilities) {
		return
	}
	cat := f.facilities[i].Category
	if cur := f.templateByName(f.template.Selected); cur != nil && cur.Category == cat {
		return
	}
	for _, t := range f.templates {
		if t.Category == cat {
			f.template.SetSelected(t.Name) // calls templateChanged
			return
		}
	}
}

func (f *CheckForm) templateByName(name string) *data.Checklist {
	for i := range f.templates {
		if f.templates[i].Name == name {
			return &f.templates[i]
		}
	}
	return nil
}

// templateChanged starts the items afresh from the chosen template, every one at full marks.
func (f *CheckForm) templateChanged() {
	if f.loading {
		return
	}
	t := f.templateByName(f.template.Selected)
	if t == nil || f.check.ID != 0 {
		return
	}
	nc := data.NewCheck(data.Facility{}, *t, data.Date{}, "")
	f.check.ChecklistID, f.check.ChecklistName = t.ID, t.Name
	f.items = nc.Items
	f.buildRows()
	f.changed(data.FCheckChecklist)
}

// buildRows makes one row per item.
func (f *CheckForm) buildRows() {
	f.rows = make([]*checkRow, len(f.items))
	objs := []fyne.CanvasObject{}
	if len(f.items) > 0 {
		objs = append(objs, f.headerRow())
	}
	for i := range f.items {
		r, obj := f.newRow(i)
		f.rows[i] = r
		objs = append(objs, obj, widget.NewSeparator())
	}
	f.empty.Hidden = len(f.items) > 0
	f.empty.Refresh()
	f.rowsBox.Objects = objs
	f.rowsBox.Refresh()
	f.updateSummary()
}

// Column titles of the item rows; their widths are in itemRowLayout.
var checkItemTitles = []string{"序号", "检查项目及检查内容、标准", "分值", "得分", "不适用", "扣分原因", ""}

func (f *CheckForm) headerRow() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(checkItemTitles))
	for i, t := range checkItemTitles {
		objs[i] = widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.New(&itemRowLayout{width: &f.width}, objs...)
}

func (f *CheckForm) newRow(i int) (*checkRow, fyne.CanvasObject) {
	it := f.items[i]
	r := &checkRow{}
	name := it.Name
	if it.Key {
		name += data.KeyMark
	}
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	if it.Key {
		title.Importance = widget.DangerImportance
	}
	std := widgets.Note(it.Standard)
	std.SizeName = theme.SizeNameCaptionText
	r.score = widgets.NewEntry()
	r.score.SetText(data.FormatScore(it.Score))
	r.score.OnChanged = func(string) { f.scoreChanged(i) }
	r.score.OnSubmitted = func(string) { f.submit() }
	r.reason = widgets.NewEntry()
	r.reason.SetText(it.Reason)
	r.reason.OnChanged = func(s string) {
		if f.loading {
			return
		}
		f.items[i].Reason = s
		if strings.TrimSpace(s) != "" {
			f.setRowError(i, "")
		}
		f.changed("")
	}
	r.reason.OnSubmitted = func(string) { f.submit() }
	r.reason.OnFocusLost = func() { f.checkReason(i) }
	r.msg = widget.NewLabel("")
	r.msg.Importance = widget.DangerImportance
	r.msg.Wrapping = fyne.TextWrapWord
	r.msg.Hide()
	var na fyne.CanvasObject = widget.NewLabel("")
	if it.Optional {
		r.na = widgets.NewChip("不适用", theme.CheckButtonIcon(), func() { f.toggleNA(i) })
		na = container.NewVBox(r.na)
	}
	r.finding = widgets.NewChip("生成问题", theme.ContentAddIcon(), func() {
		if f.OnMakeFinding != nil {
			f.OnMakeFinding(i)
		}
	})
	obj := container.New(&itemRowLayout{width: &f.width},
		widget.NewLabel(fmt.Sprint(it.Seq)),
		container.NewVBox(title, std),
		widget.NewLabel(data.FormatScore(it.Points)),
		container.NewVBox(r.score),
		na,
		container.NewVBox(r.reason, r.msg),
		container.NewVBox(r.finding),
	)
	f.rows[i] = r
	f.updateRow(i)
	return r, obj
}

// updateRow shows item i's 不适用, the hint of its reason, and its 生成问题.
func (f *CheckForm) updateRow(i int) {
	it, r := f.items[i], f.rows[i]
	if r.na != nil {
		icon := theme.CheckButtonIcon()
		if it.NA {
			icon = theme.CheckButtonCheckedIcon()
		}
		r.na.Set("不适用", icon)
	}
	if it.NA {
		r.score.Disable()
		r.reason.Disable()
	} else {
		r.score.Enable()
		r.reason.Enable()
	}
	deducted := !it.NA && !r.bad && it.Score < it.Points
	if deducted {
		r.reason.SetPlaceHolder(fmt.Sprintf("扣%s分，请填写原因", data.FormatScore(it.Points-it.Score)))
	} else {
		r.reason.SetPlaceHolder("")
	}
	switch {
	case !deducted:
		r.finding.Hide()
	case it.FindingID != 0:
		r.finding.Set("查看问题", theme.InfoIcon())
		r.finding.Show()
	default:
		r.finding.Set("生成问题", theme.ContentAddIcon())
		r.finding.Show()
	}
}

func (f *CheckForm) scoreChanged(i int) {
	if f.loading {
		return
	}
	r := f.rows[i]
	v, ok := parseScore(r.score.Text)
	r.bad = !ok
	switch {
	case !ok:
		f.setRowError(i, fmt.Sprintf("得分应为数字，如 %s 或 7.5", data.FormatScore(f.items[i].Points)))
	case v < 0 || v > f.items[i].Points:
		f.items[i].Score = v
		f.setRowError(i, fmt.Sprintf("得分应在0到%s分之间", data.FormatScore(f.items[i].Points)))
	default:
		f.items[i].Score = v
		f.setRowError(i, "")
	}
	f.updateRow(i)
	f.updateSummary()
	f.changed("")
}

func (f *CheckForm) toggleNA(i int) {
	f.items[i].NA = !f.items[i].NA
	f.setRowError(i, "")
	f.updateRow(i)
	f.updateSummary()
	f.changed("")
}

// checkReason says at once, when the user leaves an empty reason of a deduction, that it is needed.
func (f *CheckForm) checkReason(i int) {
	it, r := f.items[i], f.rows[i]
	if !it.NA && !r.bad && it.Score < it.Points && strings.TrimSpace(r.reason.Text) == "" {
		f.setRowError(i, fmt.Sprintf("扣了%s分，请填写扣分原因", data.FormatScore(it.Points-it.Score)))
	}
}

func (f *CheckForm) setRowError(i int, msg string) {
	r := f.rows[i]
	if r.msg.Text == msg && r.msg.Visible() == (msg != "") {
		return
	}
	r.msg.SetText(msg)
	r.msg.Hidden = msg == ""
	r.msg.Refresh()
	f.rowsBox.Refresh()
}

// RowError is the message shown on item i ("" when none).
func (f *CheckForm) RowError(i int) string {
	if !f.rows[i].msg.Visible() {
		return ""
	}
	return f.rows[i].msg.Text
}

func (f *CheckForm) submit() {
	if f.OnSubmit != nil {
		f.OnSubmit()
	}
}

// Score is the live scoring of the items as typed; ok is false while a score is not a number.
func (f *CheckForm) Score() (sc data.CheckScore, ok bool) {
	for _, r := range f.rows {
		if r.bad {
			return data.CheckScore{}, false
		}
	}
	return data.ScoreCheck(f.items, f.th), true
}

func (f *CheckForm) updateSummary() {
	sc, ok := f.Score()
	switch {
	case len(f.items) == 0:
		f.got.SetText("—")
		f.max.SetText("—")
		f.std.SetText("—")
		f.grade.SetText("—")
	case !ok:
		f.got.SetText("—")
		f.max.SetText(data.FormatScore(sc.Max))
		f.std.SetText("—")
		f.grade.SetText("（有得分不是数字）")
	default:
		f.got.SetText(data.FormatScore(sc.Got))
		f.max.SetText(data.FormatScore(sc.Max))
		f.std.SetText(fmt.Sprintf("%.1f", sc.Standard))
		f.grade.SetText(sc.Grade)
	}
	imp := widget.SuccessImportance
	if sc.Grade == data.GradeFail || !ok {
		imp = widget.DangerImportance
	}
	f.grade.Importance = imp
	f.grade.Refresh()
	key := ""
	if ok && sc.KeyFailed() {
		key = "关键项不合格：" + strings.Join(sc.KeyFailures, "、") + "，本次检查评为不合格"
	}
	f.keyFail.SetText(key)
	f.keyFail.Hidden = key == ""
}

// SummaryText is the live figures as one line (tests, screen readers): 实得分 86 应得分 90 标化分 95.6 等次 优秀.
func (f *CheckForm) SummaryText() string {
	s := fmt.Sprintf("%s %s %s %s %s %s %s %s", data.FGot, f.got.Text, data.FMax, f.max.Text, data.FStandard, f.std.Text, data.FGrade, f.grade.Text)
	if f.keyFail.Visible() && f.keyFail.Text != "" {
		s += " " + f.keyFail.Text
	}
	return s
}

// Check reads the form over the check loaded; scores that are not numbers and an unreadable date
// come back as field errors (on the item's row for a score).
func (f *CheckForm) Check() (data.Check, data.FieldErrors) {
	c := f.check
	var fe data.FieldErrors
	if i := f.facility.SelectedIndex(); i >= 0 && i < len(f.facilities) {
		fc := f.facilities[i]
		c.FacilityID, c.FacilityName, c.FacilityCategory, c.BranchID = fc.ID, fc.Name, fc.Category, fc.BranchID
	} else {
		c.FacilityID = 0
	}
	c.Date = readDate(&fe, data.FCheckDate, f.date)
	c.Checker = f.checker.Text
	c.Items = slices.Clone(f.items)
	for i, r := range f.rows {
		c.Items[i].Reason = r.reason.Text
		if c.Items[i].NA {
			continue
		}
		v, ok := parseScore(r.score.Text)
		if !ok {
			fe = append(fe, data.FieldError{Field: data.FItemScore, Row: i + 1, List: data.RowItem,
				Message: fmt.Sprintf("「%s」的得分应为数字，如 %s 或 7.5", c.Items[i].Name, data.FormatScore(c.Items[i].Points))})
			continue
		}
		c.Items[i].Score = v
	}
	return c, fe
}

// ShowErrors shows fe: the check's fields under them, an item's under its row. What has no place
// is returned as "label：message" lines.
func (f *CheckForm) ShowErrors(fe data.FieldErrors) (unplaced []string) {
	rowMsgs := make([][]string, len(f.rows))
	var rest data.FieldErrors
	for _, e := range fe {
		if i, _, ok := itemFieldIndex(e); ok && i < len(f.rows) {
			rowMsgs[i] = append(rowMsgs[i], e.Message)
			continue
		}
		rest = append(rest, e)
	}
	for i := range f.rows {
		f.setRowError(i, strings.Join(rowMsgs[i], "；"))
	}
	return showErrors(&f.fields, rest)
}

// Field returns the field with the label (data.FCheck…).
func (f *CheckForm) Field(label string) *widgets.Field { return f.fields.Get(label) }

// itemRowLayout lays out an item row's cells (checkItemTitles) side by side: fixed widths for the
// short columns, the rest shared by the item's text (wrapped) and the reason. All rows of a form
// share the width, so their columns line up; a row is as tall as its tallest cell.
type itemRowLayout struct{ width *float32 }

var itemColFixed = []float32{36, 0, 44, 64, 84, 0, 92}

const itemTextShare = 0.5 // of the flexible width, for 检查项目及标准 (it wraps); the rest for 扣分原因

func (l *itemRowLayout) widths(total float32) []float32 {
	pad := theme.Padding()
	flex := total - pad*float32(len(itemColFixed)-1)
	for _, w := range itemColFixed {
		flex -= w
	}
	flex = max(flex, 320)
	ws := slices.Clone(itemColFixed)
	ws[1], ws[5] = flex*itemTextShare, flex*(1-itemTextShare)
	return ws
}

func (l *itemRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	*l.width = size.Width
	x := float32(0)
	for i, o := range objs {
		w := l.widths(size.Width)[i]
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		o.Resize(fyne.NewSize(w, o.MinSize().Height)) // wrapped text knows its height once it has its width
		o.Move(fyne.NewPos(x, 0))
		x += w + theme.Padding()
	}
}

func (l *itemRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	total := *l.width
	if total <= 0 {
		total = 800
	}
	ws := l.widths(total)
	h := float32(0)
	for i, o := range objs {
		if o.Size().Width != ws[i] {
			o.Resize(fyne.NewSize(ws[i], o.MinSize().Height))
		}
		h = max(h, o.MinSize().Height)
	}
	minW := float32(320) + theme.Padding()*float32(len(itemColFixed)-1)
	for _, w := range itemColFixed {
		minW += w
	}
	return fyne.NewSize(minW, h)
}
