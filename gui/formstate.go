package gui

import (
	"branchledger/data"
	"branchledger/gui/widgets"
)

// formState is the edit state every form keeps: filling the form (loading) is not an edit; an
// edit by the user makes it dirty, clears the message of the field edited (it is about the old
// value) and is reported to OnChanged.
type formState struct {
	// OnChanged is called when the user edits a field.
	OnChanged func()

	fields  widgets.Fields
	loading bool
	dirty   bool
	// keepMessage, when set, says which fields keep their message while edited (a form that checks
	// a field when the user leaves it).
	keepMessage func(*widgets.Field) bool
}

// Dirty reports whether the user changed something since the form was last filled.
func (f *formState) Dirty() bool { return f.dirty }

// changed records an edit of the field labelled label ("" for none in particular).
func (f *formState) changed(label string) {
	if f.loading {
		return
	}
	f.dirty = true
	if field := f.fields.Get(label); field != nil && field.Error() != "" && (f.keepMessage == nil || !f.keepMessage(field)) {
		field.SetError("")
	}
	if f.OnChanged != nil {
		f.OnChanged()
	}
}

// The fields below are the form's own: every edit is changed(label), so the dirty state and the
// field's message follow the user without each form wiring it field by field.

// newEntry is a one-line text field labelled label with placeholder hint ("" for none).
func (f *formState) newEntry(label, hint string) *widgets.Entry {
	e := widgets.NewEntry()
	e.SetPlaceHolder(hint)
	e.OnChanged = func(string) { f.changed(label) }
	return e
}

// newArea is a text field of lines lines labelled label with placeholder hint.
func (f *formState) newArea(label string, lines int, hint string) *widgets.TextArea {
	e := widgets.NewTextArea(lines)
	e.SetPlaceHolder(hint)
	e.OnChanged = func(string) { f.changed(label) }
	return e
}

// newDate is a date field labelled label whose 今天 is today.
func (f *formState) newDate(label string, today func() data.Date) *widgets.DateEntry {
	e := widgets.NewDateEntry()
	e.Today = today
	e.OnChanged = func(string) { f.changed(label) }
	return e
}

// newMemberEntry is a member field labelled label with placeholder hint, suggesting the members
// of *people as the user types (read then: the screen loads them again on each reload).
func (f *formState) newMemberEntry(label, hint string, people **memberChoices) *widgets.SuggestEntry {
	e := widgets.NewSuggestEntry(func(q string) []string { return (*people).Suggest(q, 12, false, nil) })
	e.SetPlaceHolder(hint)
	e.OnChanged = func(string) { e.Filter(); f.changed(label) }
	return e
}
