package gui

import (
	"strings"

	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// findingEditor edits what a user types of one finding: 问题描述, 问题类别, 等级, 责任人, 整改期限,
// 涉及党员 and 整改措施. The finding form (问题整改) embeds one and adds 来源, 发现日期 and 班组;
// the inspection form embeds one in each finding row.
type findingEditor struct {
	finding data.Finding // as loaded (ID 0: new)

	desc         *widgets.TextArea
	category     *widget.Select
	level        *widget.Select
	responsible  *widgets.SuggestEntry
	deadline     *widgets.DateEntry
	member       *widgets.SuggestEntry
	measures     *widgets.Entry
	deadlineAuto bool // 整改期限 follows the day found + 7 until the user types one

	into    *widgets.Fields // the fields' set (the owner's)
	people  func() *memberChoices
	filling *bool  // the owner is filling the form: edits are not the user's
	edited  func() // the user changed a field
}

// newFindingEditor builds the fields into fs (look them up by label to lay them out); people are
// the members 责任人 and 涉及党员 suggest; measuresHint is 整改措施's placeholder (what Enter does).
func newFindingEditor(fs *widgets.Fields, today func() data.Date, people func() *memberChoices, loading *bool,
	edited func(), descRows int, measuresHint string) *findingEditor {
	e := &findingEditor{into: fs, people: people, filling: loading, edited: edited}
	e.desc = widgets.NewTextArea(descRows)
	e.desc.SetPlaceHolder("发现的问题，如：3号转载机机尾浮煤未及时清理")
	e.desc.OnChanged = func(string) { e.edit(data.FDescription) }
	fs.Add(data.FDescription, true, e.desc).Wide = true
	e.category = widgets.NewSelect(nil, func(string) { e.edit(data.FCategoryF) })
	fs.Add(data.FCategoryF, true, e.category)
	e.level = widgets.NewSelect(nil, func(string) { e.edit(data.FLevel) })
	fs.Add(data.FLevel, false, e.level)
	e.responsible = e.memberField(data.FResponsible, true, "姓名或拼音首字母")
	e.deadline = widgets.NewDateEntry()
	e.deadline.Today = today
	e.deadline.OnChanged = func(string) {
		if !*e.filling {
			e.deadlineAuto = false
		}
		e.edit(data.FDeadline)
	}
	fs.Add(data.FDeadline, true, e.deadline)
	e.member = e.memberField(data.FMember, false, "可不填")
	e.measures = widgets.NewEntry()
	e.measures.SetPlaceHolder(measuresHint)
	e.measures.OnChanged = func(string) { e.edit(data.FMeasures) }
	fs.Add(data.FMeasures, false, e.measures).Wide = true // a sentence: room to read it
	return e
}

// memberField adds a field that suggests members for what is typed.
func (e *findingEditor) memberField(label string, required bool, hint string) *widgets.SuggestEntry {
	w := widgets.NewSuggestEntry(func(s string) []string { return e.people().Suggest(s, 12, false, nil) })
	w.SetPlaceHolder(hint)
	w.OnChanged = func(string) { w.Filter(); e.edit(label) }
	e.into.Add(label, required, w.Content())
	return w
}

// edit clears the message of the field the user edited (it is about the old value).
func (e *findingEditor) edit(label string) {
	if *e.filling {
		return
	}
	if field := e.into.Get(label); field != nil && field.Error() != "" {
		field.SetError("")
	}
	e.edited()
}

// setChoices sets the configured categories and levels, keeping the choices (a new editor takes
// its finding's).
func (e *findingEditor) setChoices(categories, levels []string) {
	cat, lvl := e.category.Selected, e.level.Selected
	if cat == "" {
		cat = e.finding.Category
	}
	setOptionsKeeping(e.category, categories, cat)
	setOptionsKeeping(e.level, levels, lvl)
}

// set shows fd (call it while loading).
func (e *findingEditor) set(fd data.Finding, categories, levels []string) {
	e.finding = fd
	setOptionsKeeping(e.category, categories, fd.Category)
	setOptionsKeeping(e.level, levels, cmpOr(fd.Level, data.DefaultFindingLevels[0]))
	e.desc.SetText(fd.Description)
	e.responsible.SetText(fd.Responsible)
	e.setDeadline(fd.Deadline)
	e.deadlineAuto = fd.ID == 0
	e.member.SetText(e.people().Label(fd.MemberID))
	e.measures.SetText(fd.Measures)
}

// setDeadline shows d as 整改期限 without taking it for the user's.
func (e *findingEditor) setDeadline(d data.Date) {
	was := *e.filling
	*e.filling = true
	e.deadline.SetDate(d)
	*e.filling = was
}

// followFound keeps a new finding's 整改期限 a week after the day it was found until the user
// types one.
func (e *findingEditor) followFound(found data.Date) {
	if e.deadlineAuto && !found.IsZero() {
		e.setDeadline(found.AddDays(defaultDeadlineDays))
	}
}

// read is the edited finding over the one loaded, with the problems of reading it in fe: a date
// that cannot be read, 责任人 left in pinyin, a 涉及党员 not on the roll.
func (e *findingEditor) read(fe *data.FieldErrors) data.Finding {
	fd := e.finding
	fd.Description, fd.Category, fd.Level = e.desc.Text, e.category.Selected, e.level.Selected
	fd.Measures = e.measures.Text
	fd.Deadline = readDate(fe, data.FDeadline, e.deadline)
	fd.Responsible = readResponsible(fe, data.FResponsible, e.people(), e.responsible.Text)
	fd.MemberID = readMember(fe, data.FMember, e.people(), e.member.Text)
	return fd
}

// blank reports whether this is a new finding nothing was typed into.
func (e *findingEditor) blank() bool {
	return e.finding.ID == 0 && strings.TrimSpace(e.desc.Text) == "" && strings.TrimSpace(e.responsible.Text) == "" &&
		strings.TrimSpace(e.measures.Text) == "" && strings.TrimSpace(e.member.Text) == "" && e.category.Selected == ""
}
