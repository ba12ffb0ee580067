package gui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Choices of the inspection form's selects.
const (
	optOtherUnit = "其他单位（在右侧填写）" // 被查班组: a unit that is not one of the branch's teams
	optNoShift   = "（未填）"
)

// InspectionForm edits one inspection (督查记录, SPEC §3) with its findings, in reading (and Tab)
// order: 督查日期, 督查类型, 被查班组 or 被查单位, 班次, 地点/岗位, 督查内容, the 督查组 (members
// picked by name or pinyin, 督查队伍 first, one marked 牵头人), and one row per finding. Rows are
// added and removed in the form; Enter in a row's last field (整改措施) adds the next one; a new
// row left empty is not saved.
type InspectionForm struct {
	Today func() data.Date
	// OnShowFinding, when set, opens a saved finding in 问题整改 (a row's 办理整改).
	OnShowFinding func(id int64)
	// OnRowAdded, when set, is called after the user added a finding row (to scroll to it).
	OnRowAdded func()

	formState
	insp data.Inspection // as loaded

	date       *widgets.DateEntry
	kind       *widget.Select
	team       *widget.Select
	unit       *widgets.Entry
	shift      *widget.Select
	place      *widgets.Entry
	content    *widgets.TextArea
	inspectors *inspectorPicker

	rows      []*findingRow
	rowGrids  []*fyne.Container // the rows' field grids: their labels line up
	rowsBox   *fyne.Container
	rowsTitle *widget.Label
	addBtn    *widget.Button

	categories, levels []string
	teams              []data.Team
	people             *memberChoices

	box fyne.CanvasObject
}

// NewInspectionForm builds an empty form; call SetChoices before use.
func NewInspectionForm(today func() data.Date) *InspectionForm {
	f := &InspectionForm{Today: today, people: newMemberChoices(nil, nil)}
	fs := &f.fields
	f.date = f.newDate(data.FInspDate, today)
	f.date.OnFocusLost = f.followDate
	fDate := fs.Add(data.FInspDate, true, f.date)
	f.kind = widgets.NewSelect(data.InspectionKinds, func(string) { f.changed(data.FInspKind) })
	fKind := fs.Add(data.FInspKind, true, f.kind)
	f.team = widgets.NewSelect(nil, func(string) {
		f.updateUnit()
		f.changed(data.FInspUnit)
	})
	f.unit = f.newEntry(data.FInspUnit, "被查单位名称，如：机电科")
	fUnit := fs.Add(data.FInspUnit, true, container.NewGridWithColumns(2, f.team, f.unit))
	fUnit.Wide = true
	f.shift = widgets.NewSelect(append([]string{optNoShift}, data.Shifts...), func(string) { f.changed(data.FShift) })
	fShift := fs.Add(data.FShift, false, f.shift)
	f.place = f.newEntry(data.FPlace, "如：8101综采工作面")
	fPlace := fs.Add(data.FPlace, false, f.place)
	f.content = f.newArea(data.FInspContent, 2, "督查了什么，如：检查班前会、岗位描述和手指口述")
	fContent := fs.Add(data.FInspContent, false, f.content)
	fContent.Wide = true
	f.inspectors = newInspectorPicker(func() { f.changed(data.FInspectors) })
	fInspectors := fs.Add(data.FInspectors, true, f.inspectors.Content())
	fInspectors.Wide = true

	f.rowsBox = container.NewVBox()
	f.rowsTitle = widget.NewLabel("")
	f.rowsTitle.Importance = widget.LowImportance
	f.addBtn = widget.NewButtonWithIcon("添加问题", theme.ContentAddIcon(), func() { f.addRow(true) })
	f.box = container.NewVBox(
		widgets.NewSections(2).
			Add("督查信息", fDate, fKind, fUnit, fShift, fPlace, fContent).
			Add("督查组", fInspectors).
			Content(),
		container.NewHBox(widgets.Heading("发现的问题"), f.rowsTitle),
		f.rowsBox,
		container.NewHBox(f.addBtn),
	)
	f.SetChoices(data.DefaultFindingCategories, data.DefaultFindingLevels, nil, nil)
	f.Set(f.Blank())
	return f
}

// Content is the form's widget tree (put it in a scroll container).
func (f *InspectionForm) Content() fyne.CanvasObject { return f.box }

// Field returns the inspection's field with the label (data.FInsp… constants).
func (f *InspectionForm) Field(label string) *widgets.Field { return f.fields.Get(label) }

// Loaded is the inspection as last set (ID 0 for a new one).
func (f *InspectionForm) Loaded() data.Inspection { return f.insp }

// Blank is a new inspection: today, 四不两直督查.
func (f *InspectionForm) Blank() data.Inspection {
	return data.Inspection{Date: f.Today(), Kind: data.InspectionKinds[0]}
}

// FocusFirst puts the cursor into 督查日期.
func (f *InspectionForm) FocusFirst() { focus(f.date) }

// SetChoices sets the configured categories and levels, the teams and the members (all, also those
// who left: saved inspections name them), keeping what the form shows.
func (f *InspectionForm) SetChoices(categories, levels []string, teams []data.Team, members []data.Member) {
	was := f.loading
	f.loading = true
	defer func() { f.loading = was }()
	tid, other := f.teamID(), f.team.Selected == optOtherUnit
	f.categories, f.levels, f.teams = categories, levels, teams
	f.people = newMemberChoices(members, teams)
	opts := teamOptions(teams, "")[1:]
	f.team.SetOptions(append(opts, optOtherUnit))
	f.setTeam(tid, other)
	f.inspectors.setPeople(f.people)
	for _, r := range f.rows {
		r.setChoices(f.categories, f.levels)
	}
}

// teamID is the team chosen as 被查班组, 0 for none or another unit.
func (f *InspectionForm) teamID() int64 {
	if i := f.team.SelectedIndex(); i >= 0 && i < len(f.teams) {
		return f.teams[i].ID
	}
	return 0
}

// setTeam selects team id, or 其他单位 when other, or nothing.
func (f *InspectionForm) setTeam(id int64, other bool) {
	i := slices.IndexFunc(f.teams, func(t data.Team) bool { return t.ID == id })
	switch {
	case i >= 0:
		f.team.SetSelectedIndex(i)
	case other:
		f.team.SetSelected(optOtherUnit)
	default:
		f.team.ClearSelected()
	}
	f.updateUnit()
}

// updateUnit enables 被查单位 only for a unit that is not a team.
func (f *InspectionForm) updateUnit() {
	if f.team.Selected == optOtherUnit {
		f.unit.Enable()
		return
	}
	if f.unit.Text != "" {
		f.unit.SetText("")
	}
	f.unit.Disable()
}

// Set shows in with its findings; the form is not dirty afterwards.
func (f *InspectionForm) Set(in data.Inspection) {
	f.loading = true
	defer func() { f.loading = false }()
	f.insp = in
	f.date.SetDate(in.Date)
	selectOr(f.kind, in.Kind, "")
	f.setTeam(in.TeamID, in.TeamID == 0 && in.Unit != "")
	if in.TeamID == 0 {
		f.unit.SetText(in.Unit)
	}
	selectOr(f.shift, in.Shift, optNoShift)
	f.place.SetText(in.Place)
	f.content.SetText(in.Content)
	f.inspectors.Set(in.Inspectors)
	f.rows, f.rowGrids = nil, nil
	f.rowsBox.Objects = nil
	for _, fd := range in.Findings {
		f.appendRow(fd)
	}
	if in.ID == 0 && len(in.Findings) == 0 {
		f.appendRow(f.blankFinding()) // most inspections find something: start typing at once
	}
	f.renumber()
	f.fields.ClearErrors()
	f.dirty = false
}

// blankFinding is a new row's finding: due a week after the inspection.
func (f *InspectionForm) blankFinding() data.Finding {
	fd := data.Finding{Level: data.DefaultFindingLevels[0], State: data.StatePending}
	if d, err := f.date.Date(); err == nil && !d.IsZero() {
		fd.Deadline = d.AddDays(defaultDeadlineDays)
	}
	return fd
}

// addRow adds an empty finding row (and puts the cursor in it).
func (f *InspectionForm) addRow(focusIt bool) {
	r := f.appendRow(f.blankFinding()) // an empty row changes nothing: it is not saved
	f.renumber()
	if f.OnRowAdded != nil {
		f.OnRowAdded()
	}
	if focusIt {
		focus(r.desc, f.addBtn)
	}
}

func (f *InspectionForm) appendRow(fd data.Finding) *findingRow {
	r := newFindingRow(f, fd)
	f.rows = append(f.rows, r)
	f.rowsBox.Add(r.box)
	return r
}

func (f *InspectionForm) removeRow(r *findingRow) {
	i := slices.Index(f.rows, r)
	if i < 0 {
		return
	}
	f.rows = slices.Delete(f.rows, i, i+1)
	f.rowGrids = slices.DeleteFunc(f.rowGrids, func(g *fyne.Container) bool { return g == r.grid })
	f.rowsBox.Remove(r.box)
	f.renumber()
	if !r.blank() {
		f.changed("")
	}
}

// renumber titles the rows 问题1, 问题2, … and counts them.
func (f *InspectionForm) renumber() {
	for i, r := range f.rows {
		r.title.SetText("问题" + strconv.Itoa(i+1))
	}
	switch len(f.rows) {
	case 0:
		f.rowsTitle.SetText("没有发现问题时不用添加")
	default:
		f.rowsTitle.SetText("空着的新问题不会保存")
	}
}

// Rows is the number of finding rows shown.
func (f *InspectionForm) Rows() int { return len(f.rows) }

// followDate moves the default 整改期限 of new rows along with 督查日期.
func (f *InspectionForm) followDate() {
	d, err := f.date.Date()
	if err != nil || d.IsZero() {
		return
	}
	for _, r := range f.rows {
		r.followFound(d)
	}
}

// Inspection reads the form over the inspection loaded. Rows of new findings left empty are left
// out; rowOf maps the index of each finding sent to its row, so that the store's errors on finding
// rows (data.RowFinding) can be shown at the right row. Dates that cannot be read and members not on the roll come back as
// field errors, numbered the same way.
func (f *InspectionForm) Inspection() (in data.Inspection, fe data.FieldErrors, rowOf []int) {
	in = f.insp
	in.Date = readDate(&fe, data.FInspDate, f.date)
	in.Kind = f.kind.Selected
	in.TeamID, in.Unit = f.teamID(), ""
	if f.team.Selected == optOtherUnit {
		in.Unit = f.unit.Text
	}
	in.Shift = f.shift.Selected
	if in.Shift == optNoShift {
		in.Shift = ""
	}
	in.Place, in.Content = f.place.Text, f.content.Text
	in.Inspectors = f.inspectors.Inspectors()
	in.Findings = nil
	for i, r := range f.rows {
		if r.blank() {
			continue
		}
		var rfe data.FieldErrors
		fd := r.read(&rfe)
		// Findings of an inspection are found on its day and concern its team: they follow it
		// unless they were set apart in 问题整改.
		if fd.ID == 0 || fd.FoundDate == f.insp.Date {
			fd.FoundDate = in.Date
		}
		if fd.ID == 0 || fd.TeamID == f.insp.TeamID {
			fd.TeamID = in.TeamID
		}
		fe = append(fe, rfe.InRow(data.RowFinding, len(in.Findings))...)
		in.Findings = append(in.Findings, fd)
		rowOf = append(rowOf, i)
	}
	return in, fe, rowOf
}

// ShowErrors shows each message at its field: the inspection's under its fields, those of finding
// row N in the row of the N-th finding sent (rowOf, from Inspection). Messages with no place are returned.
func (f *InspectionForm) ShowErrors(fe data.FieldErrors, rowOf []int) (unplaced []string) {
	var own data.FieldErrors
	perRow := make([]data.FieldErrors, len(f.rows))
	for _, e := range fe {
		if n := e.Row; e.List == data.RowFinding && n >= 1 && n <= len(rowOf) {
			perRow[rowOf[n-1]] = append(perRow[rowOf[n-1]], data.FieldError{Field: e.Field, Message: e.Message})
			continue
		}
		own = append(own, e)
	}
	unplaced = showErrors(&f.fields, own)
	for i, r := range f.rows {
		for _, u := range showErrors(&r.fields, perRow[i]) {
			unplaced = append(unplaced, r.title.Text+"："+u)
		}
	}
	return unplaced
}

// findingRow is one finding in the inspection form: a framed block titled 问题N with its fields (a
// findingEditor), the state of a saved finding with a link to 问题整改, and a 删除 control.
type findingRow struct {
	*findingEditor
	form   *InspectionForm
	fields widgets.Fields

	title *widget.Label
	state *widget.Label
	grid  *fyne.Container
	box   fyne.CanvasObject
}

func newFindingRow(f *InspectionForm, fd data.Finding) *findingRow {
	r := &findingRow{form: f}
	r.findingEditor = newFindingEditor(&r.fields, f.Today, func() *memberChoices { return f.people }, &f.loading,
		func() { f.changed("") }, 2, "整改措施（按回车键添加下一个问题）")
	r.measures.OnSubmitted = func(string) { r.next() }
	fs := &r.fields
	r.grid = widgets.FieldGrid(2, &f.rowGrids, fs.Get(data.FDescription), fs.Get(data.FCategoryF), fs.Get(data.FLevel),
		fs.Get(data.FResponsible), fs.Get(data.FDeadline), fs.Get(data.FMember), fs.Get(data.FMeasures))
	f.rowGrids = append(f.rowGrids, r.grid)

	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.state = widget.NewLabel("")
	remove := widgets.NewChip("删除此问题", theme.DeleteIcon(), func() { f.removeRow(r) })
	head := container.NewHBox(r.title, r.state)
	if fd.ID != 0 {
		text, imp := stateLabel(&fd, f.Today())
		if text != fd.State {
			text = fd.State + "，" + text
		}
		r.state.SetText("（" + text + "）")
		r.state.Importance = imp
		if f.OnShowFinding != nil {
			id := fd.ID
			head.Add(widgets.NewChip("办理整改", theme.NavigateNextIcon(), func() { f.OnShowFinding(id) }))
		}
	}
	frame := canvas.NewRectangle(nil)
	frame.StrokeColor = theme.Color(theme.ColorNameSeparator)
	frame.StrokeWidth = 1
	frame.CornerRadius = theme.InputRadiusSize()
	r.box = container.NewStack(frame, container.NewPadded(container.NewVBox(
		widgets.OrderedBorder(nil, nil, head, remove, nil), r.grid)))

	was := f.loading
	f.loading = true
	r.set(fd, f.categories, f.levels)
	f.loading = was
	return r
}

// next goes on from the row's last field: to the next row, or a new one after the last (unless
// this one is still empty).
func (r *findingRow) next() {
	rows := r.form.rows
	switch i := slices.Index(rows, r); {
	case i >= 0 && i < len(rows)-1:
		focus(rows[i+1].desc)
	case !r.blank():
		r.form.addRow(true)
	}
}

// inspectorPicker chooses the 督查组: chosen members as rows (name, 牵头人 radio, 移除), then the
// program's one member field (widgets.SuggestEntry, as 责任人): typing a name or its pinyin initials
// lists the members not yet chosen (督查队伍 first) under it; picking one or Enter (the first) adds
// him. The first member chosen is the 牵头人 until another is marked. With multi (newMarkPicker)
// the mark is a check any number of members carry (党员突击队), none at first.
type inspectorPicker struct {
	people   *memberChoices
	chosen   []data.Inspector
	onChange func()
	mark     string // the mark's text: 牵头人 ("": no mark, the members are equals)
	multi    bool   // the mark is a check of its own on each row, not one radio

	rows     *fyne.Container
	entry    *widgets.SuggestEntry
	hintNote *widget.Label
	box      fyne.CanvasObject
}

// pickerHints is how many members the picker offers at a time.
const pickerHints = 6

func newInspectorPicker(onChange func()) *inspectorPicker {
	return newMarkPicker("牵头人", false, onChange)
}

// newMarkPicker is a member picker whose rows carry the mark: one radio (multi false), or a check
// on each (Inspector.Lead holds the mark).
func newMarkPicker(mark string, multi bool, onChange func()) *inspectorPicker {
	p := &inspectorPicker{onChange: onChange, people: newMemberChoices(nil, nil), mark: mark, multi: multi}
	p.rows = container.NewGridWithColumns(2)
	p.entry = widgets.NewSuggestEntry(func(q string) []string {
		return p.people.Suggest(q, pickerHints, true, p.isChosen)
	})
	p.entry.SetPlaceHolder("输入姓名或拼音首字母（如 zs），回车添加")
	p.entry.OnChanged = func(string) { p.showHints() }
	p.entry.OnPicked = func(t string) {
		if id, ok := p.people.IDOf(t); ok && !p.isChosen(id) {
			p.add(p.people.members[slices.Index(p.people.IDs, id)])
		}
	}
	p.entry.OnSubmitted = func(string) {
		if m := p.matches(); len(m) > 0 {
			p.add(p.people.members[m[0]])
		}
	}
	p.entry.OnFocusLost = func() { p.hintNote.Hide() }
	p.hintNote = widget.NewLabel("")
	p.hintNote.Importance = widget.LowImportance
	p.hintNote.Hide()
	p.box = container.NewVBox(p.rows, p.entry.Content(), p.hintNote)
	return p
}

// newMembersPicker is the picker for members who are equals (排查人, 包保责任人): chosen the same
// way, with no mark.
func newMembersPicker(onChange func()) *inspectorPicker {
	return newMarkPicker("", true, onChange)
}

func (p *inspectorPicker) isChosen(id int64) bool {
	return slices.ContainsFunc(p.chosen, func(c data.Inspector) bool { return c.MemberID == id })
}

func (p *inspectorPicker) Content() fyne.CanvasObject { return p.box }

func (p *inspectorPicker) setPeople(c *memberChoices) {
	p.people = c
	p.showRows()
	p.showHints()
}

// Set shows the inspectors chosen.
func (p *inspectorPicker) Set(in []data.Inspector) {
	p.chosen = slices.Clone(in)
	p.entry.SetText("")
	p.showRows()
	p.showHints()
}

// Inspectors are the members chosen, in order, the 牵头人 marked.
func (p *inspectorPicker) Inspectors() []data.Inspector { return slices.Clone(p.chosen) }

func (p *inspectorPicker) matches() []int {
	return p.people.Matches(p.entry.Text, pickerHints, true, p.isChosen)
}

func (p *inspectorPicker) add(m data.Member) {
	p.chosen = append(p.chosen, data.Inspector{MemberID: m.ID, Name: m.Name, Lead: !p.multi && len(p.chosen) == 0})
	p.entry.SetText("") // shows the hints again
	p.showRows()
	p.onChange()
}

func (p *inspectorPicker) remove(i int) {
	lead := p.chosen[i].Lead
	p.chosen = slices.Delete(p.chosen, i, i+1)
	if lead && !p.multi && len(p.chosen) > 0 {
		p.chosen[0].Lead = true // a team always has a lead; the user may mark another
	}
	p.showRows()
	p.showHints()
	p.onChange()
}

func (p *inspectorPicker) setLead(i int) {
	for k := range p.chosen {
		if !p.multi {
			p.chosen[k].Lead = k == i
		}
	}
	if p.multi {
		p.chosen[i].Lead = !p.chosen[i].Lead
	}
	p.showRows()
	p.onChange()
}

func (p *inspectorPicker) showRows() {
	p.rows.Objects = nil
	for i, c := range p.chosen {
		name := c.Name
		if l := p.people.Label(c.MemberID); l != "" {
			name = l
		}
		off, on := theme.RadioButtonIcon(), theme.RadioButtonCheckedIcon()
		if p.multi {
			off, on = theme.CheckButtonIcon(), theme.CheckButtonCheckedIcon()
		}
		lead := widgets.NewChip(p.mark, off, func() { p.setLead(i) })
		if c.Lead {
			lead.Set(p.mark, on)
		}
		remove := widgets.NewChip("", theme.CancelIcon(), func() { p.remove(i) })
		if p.mark == "" {
			lead.Hide()
		}
		p.rows.Add(container.NewHBox(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: c.Lead}), lead, remove))
	}
	p.rows.Refresh()
}

// showHints lists the members fitting what is typed under the field, or says none does.
func (p *inspectorPicker) showHints() {
	p.entry.Filter()
	if strings.TrimSpace(p.entry.Text) != "" && len(p.matches()) == 0 {
		p.hintNote.SetText("没有找到这个党员：请检查姓名或拼音")
		p.hintNote.Show()
	} else {
		p.hintNote.Hide()
	}
}
