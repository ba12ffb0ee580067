package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// optNoTeamFinding is the 班组 choice of a finding that concerns no team.
const optNoTeamFinding = "（不涉及班组）"

// FindingForm edits the fields of one finding that a user types (SPEC §3): 发现日期, 问题类别, 等级,
// 班组, 问题描述, 责任人, 整改期限, 整改措施, 涉及党员. Its state and close-out are not fields: they
// only change through the close-out flow (flow.go). 来源 is shown, not edited: findings typed here
// are 其他, those of an inspection or a welfare check come from there.
type FindingForm struct {
	Today func() data.Date
	// OnSubmit is called on Enter in the last field (整改措施).
	OnSubmit func()

	formState
	*findingEditor // the finding as loaded, and its fields but 来源, 发现日期 and 班组

	source *widget.Label
	found  *widgets.DateEntry
	team   *widget.Select

	categories, levels []string
	teams              []data.Team
	people             *memberChoices

	content fyne.CanvasObject
}

// defaultDeadlineDays is how long a finding gets to be put right unless the user says otherwise.
const defaultDeadlineDays = 7

// NewFindingForm builds an empty form; call SetChoices before use.
func NewFindingForm(today func() data.Date) *FindingForm {
	f := &FindingForm{Today: today, people: newMemberChoices(nil, nil)}
	fs := &f.fields
	f.source = widget.NewLabel("")
	fSource := fs.Add("来源", false, readOnlyBox(f.source))
	f.source.Importance = widget.MediumImportance
	f.found = widgets.NewDateEntry()
	f.found.Today = today
	f.found.OnChanged = func(string) { f.changed(data.FFoundDate); f.followFound() }
	f.found.OnFocusLost = f.followFound
	fFound := fs.Add(data.FFoundDate, true, f.found)
	f.team = widgets.NewSelect(nil, func(string) { f.changed(data.FTeam) })
	fTeam := fs.Add(data.FTeam, false, f.team)
	f.findingEditor = newFindingEditor(fs, today, func() *memberChoices { return f.people }, &f.loading,
		func() { f.changed("") }, 3, "整改措施（按回车键保存）")
	f.measures.OnSubmitted = func(string) {
		if f.OnSubmit != nil {
			f.OnSubmit()
		}
	}

	f.content = widgets.NewSections(2).
		Add("问题", fSource, fFound, fs.Get(data.FCategoryF), fs.Get(data.FLevel), fTeam, fs.Get(data.FMember), fs.Get(data.FDescription)).
		Add("整改要求", fs.Get(data.FResponsible), fs.Get(data.FDeadline), fs.Get(data.FMeasures)).
		Content()
	f.SetChoices(data.DefaultFindingCategories, data.DefaultFindingLevels, nil, nil)
	f.Set(f.Blank())
	return f
}

// Content is the form's widget tree.
func (f *FindingForm) Content() fyne.CanvasObject { return f.content }

// Field returns the field with the label (data.F… constants).
func (f *FindingForm) Field(label string) *widgets.Field { return f.fields.Get(label) }

// Loaded is the finding as last set (ID 0 for a new one).
func (f *FindingForm) Loaded() data.Finding { return f.finding }

// Blank is a new finding typed by hand: found today, due in a week.
func (f *FindingForm) Blank() data.Finding {
	today := f.Today()
	return data.Finding{Source: data.SourceOther, FoundDate: today, Deadline: today.AddDays(defaultDeadlineDays),
		Level: data.DefaultFindingLevels[0], State: data.StatePending}
}

// FocusFirst puts the cursor into 问题描述.
func (f *FindingForm) FocusFirst() { focus(f.desc) }

// SetChoices sets the configured categories and levels, the teams and the members that 涉及党员
// and 责任人 suggest, keeping what the form shows.
func (f *FindingForm) SetChoices(categories, levels []string, teams []data.Team, members []data.Member) {
	was := f.loading
	f.loading = true
	defer func() { f.loading = was }()
	f.categories, f.levels, f.teams = categories, levels, teams
	f.people = newMemberChoices(members, teams)
	tid := f.teamID()
	f.setChoices(categories, levels)
	f.team.SetOptions(teamOptions(teams, optNoTeamFinding))
	setIDSelect(f.team, teams, teamIDOf, tid)
}

// setOptionsKeeping sets a select's options to opts and keeps (or selects) v, adding it when the
// configured list no longer has it: a saved finding keeps a category that left the list.
func setOptionsKeeping(s *widget.Select, opts []string, v string) {
	if v != "" && !slices.Contains(opts, v) {
		opts = append(slices.Clone(opts), v)
	}
	s.SetOptions(opts)
	if v == "" {
		s.ClearSelected()
		return
	}
	s.SetSelected(v)
}

// teamOptions is none, then the teams' names.
func teamOptions(teams []data.Team, none string) []string {
	opts := []string{none}
	for _, t := range teams {
		opts = append(opts, t.Name)
	}
	return opts
}

// setIDSelect selects item id in a select whose option 0 is "none" and option i names items[i-1]
// (teamOptions): none for 0 or an item that is gone.
func setIDSelect[T any](s *widget.Select, items []T, idOf func(*T) int64, id int64) {
	i := slices.IndexFunc(items, func(x T) bool { return idOf(&x) == id })
	s.SetSelectedIndex(i + 1)
}

// selectedID is the item chosen in a select like setIDSelect's, 0 for none.
func selectedID[T any](s *widget.Select, items []T, idOf func(*T) int64) int64 {
	if i := s.SelectedIndex(); i > 0 && i <= len(items) {
		return idOf(&items[i-1])
	}
	return 0
}

func teamIDOf(t *data.Team) int64   { return t.ID }
func groupIDOf(g *data.Group) int64 { return g.ID }

func (f *FindingForm) teamID() int64 { return selectedID(f.team, f.teams, teamIDOf) }

// Set shows fd; the form is not dirty afterwards.
func (f *FindingForm) Set(fd data.Finding) {
	f.loading = true
	defer func() { f.loading = false }()
	f.source.SetText(fd.Source)
	f.found.SetDate(fd.FoundDate)
	f.set(fd, f.categories, f.levels)
	setIDSelect(f.team, f.teams, teamIDOf, fd.TeamID)
	f.fields.ClearErrors()
	f.dirty = false
}

func cmpOr(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// followFound keeps a new finding's 整改期限 a week after its 发现日期 until the user types one.
func (f *FindingForm) followFound() {
	if d, err := f.found.Date(); err == nil && !f.loading {
		f.findingEditor.followFound(d)
	}
}

// Finding reads the form over the finding loaded: dates that cannot be read and a 涉及党员 not on
// the roll come back as field errors.
func (f *FindingForm) Finding() (data.Finding, data.FieldErrors) {
	var fe data.FieldErrors
	found := readDate(&fe, data.FFoundDate, f.found)
	fd := f.read(&fe)
	fd.FoundDate, fd.TeamID = found, f.teamID()
	return fd, fe
}

// readDate parses a date field, adding its message to fe when it is not a date.
func readDate(fe *data.FieldErrors, label string, e *widgets.DateEntry) data.Date {
	d, err := e.Date()
	if err != nil {
		*fe = append(*fe, data.FieldError{Field: label, Message: data.ErrorMessage(err)})
	}
	return d
}

// readMember resolves the text of a member field to a member on the roll (0 for an empty text).
func readMember(fe *data.FieldErrors, label string, people *memberChoices, text string) int64 {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0
	}
	if id, ok := people.IDOf(text); ok {
		return id
	}
	*fe = append(*fe, data.FieldError{Field: label, Message: fmt.Sprintf("“%s”不在党员名单中，请从下拉列表中选择，或清空此栏", text)})
	return 0
}

// readResponsible is the text of a 责任人 field. Any name may be typed (a 责任人 need not be a
// Party member), but pinyin left as it was typed (zs) is refused with the members it stands for.
func readResponsible(fe *data.FieldErrors, label string, people *memberChoices, text string) string {
	t := strings.TrimSpace(text)
	if t == "" || !widgets.IsLatin(t) {
		return text
	}
	if names := people.Suggest(t, 5, false, nil); len(names) > 0 {
		*fe = append(*fe, data.FieldError{Field: label,
			Message: fmt.Sprintf("“%s”是拼音，请从下拉列表中选择，如：%s", t, strings.Join(names, "、"))})
	}
	return text
}

// ShowErrors shows fe under the fields (see showErrors).
func (f *FindingForm) ShowErrors(fe data.FieldErrors) (unplaced []string) {
	return showErrors(&f.fields, fe)
}

// focus puts the cursor into w, if it is on a canvas. A widget just added has not been drawn yet,
// so the driver does not know its canvas: then the canvas of anchor (shown already) is used.
func focus(w fyne.Focusable, anchor ...fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(w.(fyne.CanvasObject))
	for _, a := range anchor {
		if c == nil {
			c = d.CanvasForObject(a)
		}
	}
	if c != nil {
		c.Focus(w)
	}
}

// memberChoices are the members as member fields name them (widgets.Choices): the name, with the
// team added when two members share a name (and a number when that is not enough). It suggests
// members on the roll for a typed name or pinyin, supervisors (督查队伍) first when asked; members
// who left keep their name in saved records.
type memberChoices struct {
	*widgets.Choices
	members []data.Member // by name, as Choices lists them
	index   *data.MemberIndex
}

func newMemberChoices(members []data.Member, teams []data.Team) *memberChoices {
	ms := slices.Clone(members)
	data.SortMembersByName(ms)
	tname := map[int64]string{}
	for _, t := range teams {
		tname[t.ID] = t.Name
	}
	c := &memberChoices{members: ms, index: data.NewMemberIndex(ms)}
	ids, labels := make([]int64, len(ms)), make([]string, len(ms))
	names := map[string]int{}
	for _, m := range ms {
		names[m.Name]++
	}
	count := map[string]int{}
	for i, m := range ms {
		ids[i], labels[i] = m.ID, m.Name
		if names[m.Name] > 1 {
			labels[i] = fmt.Sprintf("%s（%s）", m.Name, cmpOr(tname[m.TeamID], "未分班组"))
		}
		count[labels[i]]++
	}
	seq := map[string]int{}
	for i, l := range labels {
		if count[l] > 1 {
			seq[l]++
			labels[i] = fmt.Sprintf("%s%d）", strings.TrimSuffix(l, "）"), seq[l])
		}
	}
	c.Choices = &widgets.Choices{IDs: ids, Labels: labels, Search: c.index.Search,
		Offer: func(i int) bool { return ms[i].RollStatus == data.RollIn },
		First: func(i int) bool { return ms[i].Supervisor }}
	return c
}
