package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// The organisation screens (SPEC §1): 党小组 and 班组 as a list on the left and a form on the right,
// and the 党支部 details form hosted by 数据与设置. The store validates (data.ValidateGroup/Team/
// Branch and its own uniqueness checks) and its FieldErrors are shown under the fields.

// Field labels of the organisation forms: the Field names of the FieldErrors they receive.
const (
	lblName      = "名称"
	lblLeader    = "组长"
	lblArea      = "责任区说明"
	lblCount     = "党员人数"
	lblCategory  = "类别"
	lblTeamGroup = "所属党小组"

	noGroupOption = "（不属于任何党小组）"
)

// ---------------------------------------------------------------------------------------------
// 党小组

// GroupsScreen lists the Party groups with their member counts and edits one at a time.
type GroupsScreen struct {
	recordScreen[data.Group]               // all: in name order
	counts                   map[int64]int // members on the roll per group

	name    *widgets.Entry
	leader  *memberPicker
	area    *widgets.TextArea
	members *widget.Label // how many members the group has
}

// groupColumns are the groups list's columns.
var groupColumns = widgets.Columns{{"党小组", 1, ""}, {"人数", 0, "000 人"}}

// NewGroupsScreen builds the 党小组 screen and loads it.
func NewGroupsScreen(env *Env) *GroupsScreen {
	s := &GroupsScreen{counts: map[int64]int{}}
	s.initRecord(env, recordSpec[data.Group]{
		Columns: groupColumns,
		Cells: func(g *data.Group) ([]string, map[int]widget.Importance) {
			return []string{g.Name, fmt.Sprintf("%d 人", s.counts[g.ID])}, nil
		},
		ID:       func(g *data.Group) int64 { return g.ID },
		Load:     s.load,
		NewLabel: "新建党小组", What: "这个党小组",
		Blank:  func() data.Group { return data.Group{} },
		ToForm: s.toForm,
		FromForm: func() (data.Group, error) {
			g := s.loaded
			g.Name, g.LeaderID, g.Area = s.name.Text, s.leader.Selected(), s.area.Text
			return g, nil
		},
		Title:    func(g *data.Group) string { return "编辑党小组：" + g.Name },
		NewTitle: "新建党小组",
		Focus:    func() { focus(s.name) },
		Save:     env.Store.SaveGroup,
		Saved:    func(g *data.Group) string { return "已保存党小组“" + g.Name + "”" },
		Delete:   env.Store.DeleteGroup,
		Question: func(g *data.Group) string {
			return fmt.Sprintf("确定删除党小组“%s”吗？\n它的班组和党员都会保留，只是不再属于任何党小组。\n党小组会移入“回收站”，恢复后班组和党员会回到该党小组。", g.Name)
		},
		Entity:  data.EntGroup,
		Deleted: func(g *data.Group) string { return "已删除党小组“" + g.Name + "”" },
		Refresh: true,
	})
	s.name = s.newEntry(lblName, "如：第一党小组")
	s.name.OnSubmitted = func(string) { s.Save() }
	s.leader = newMemberPicker(env)
	s.leader.OnChanged = func() { s.changed(lblLeader) }
	s.area = s.newArea(lblArea, 4, "负责的班组、岗位或区域，如：综采一班、综采二班及回采工作面")
	s.members = widget.NewLabel("")
	form := widgets.Section("党小组信息", 1, s.fields.Add(lblName, true, s.name), s.fields.Add(lblLeader, false, s.leader.Content()),
		s.fields.Add(lblArea, false, s.area), s.fields.Add(lblCount, false, s.members))
	s.buildFrame(nil, form, 0.32)
	return s
}

// load reads groups, member counts and the leader choices.
func (s *GroupsScreen) load(ctx context.Context) ([]data.Group, error) {
	groups, err := s.env.Store.Groups(ctx)
	if err != nil {
		return nil, err
	}
	members, err := s.env.Store.Members(ctx, data.MemberFilter{})
	if err != nil {
		return nil, err
	}
	s.counts = map[int64]int{}
	for _, m := range members {
		if m.GroupID != 0 {
			s.counts[m.GroupID]++
		}
	}
	s.leader.SetMembers(members)
	return groups, nil // the store lists them in name order
}

func (s *GroupsScreen) toForm(g data.Group) {
	s.name.SetText(g.Name)
	s.leader.SetSelected(g.LeaderID)
	s.area.SetText(g.Area)
	if g.ID == 0 {
		s.members.SetText("保存后，在党员信息中把党员分到本小组")
	} else {
		s.members.SetText(fmt.Sprintf("%d 人", s.counts[g.ID]))
	}
}

// ---------------------------------------------------------------------------------------------
// 班组

// TeamsScreen lists the work teams and edits one at a time.
type TeamsScreen struct {
	recordScreen[data.Team] // all: in name order
	groups                  []data.Group

	name     *widgets.Entry
	category *widget.Select
	group    *widget.Select // option 0 is "no group", option i is groups[i-1]
}

// teamColumns are the teams list's columns.
var teamColumns = widgets.Columns{{"班组", 1, ""}, {"类别 · 党小组", 1, ""}}

// NewTeamsScreen builds the 班组 screen and loads it.
func NewTeamsScreen(env *Env) *TeamsScreen {
	s := &TeamsScreen{}
	s.initRecord(env, recordSpec[data.Team]{
		Columns: teamColumns,
		Cells: func(t *data.Team) ([]string, map[int]widget.Importance) {
			return []string{t.Name, s.teamDetail(*t)}, nil
		},
		ID:       func(t *data.Team) int64 { return t.ID },
		Load:     s.load,
		NewLabel: "新建班组", What: "这个班组",
		Blank:  func() data.Team { return data.Team{} },
		ToForm: s.toForm,
		FromForm: func() (data.Team, error) {
			t := s.loaded
			t.Name, t.Category, t.GroupID = s.name.Text, s.category.Selected, selectedID(s.group, s.groups, groupIDOf)
			return t, nil
		},
		Title:    func(t *data.Team) string { return "编辑班组：" + t.Name },
		NewTitle: "新建班组",
		Focus:    func() { focus(s.name) },
		Save:     env.Store.SaveTeam,
		Saved:    func(t *data.Team) string { return "已保存班组“" + t.Name + "”" },
		Delete:   env.Store.DeleteTeam,
		Question: func(t *data.Team) string {
			return fmt.Sprintf("确定删除班组“%s”吗？\n它的党员都会保留，只是不再属于任何班组。\n班组会移入“回收站”，恢复后党员会回到该班组。", t.Name)
		},
		Entity:  data.EntTeam,
		Deleted: func(t *data.Team) string { return "已删除班组“" + t.Name + "”" },
		Refresh: true,
	})
	s.name = s.newEntry(lblName, "如：综采一班")
	s.name.OnSubmitted = func(string) { s.Save() }
	s.category = widgets.NewSelect(data.TeamCategories, func(string) { s.changed(lblCategory) })
	s.group = widgets.NewSelect(nil, func(string) { s.changed(lblTeamGroup) })
	form := widgets.Section("班组信息", 1, s.fields.Add(lblName, true, s.name), s.fields.Add(lblCategory, false, s.category),
		s.fields.Add(lblTeamGroup, false, s.group))
	s.buildFrame(nil, form, 0.32)
	return s
}

// load reads the teams and the groups they may belong to.
func (s *TeamsScreen) load(ctx context.Context) ([]data.Team, error) {
	teams, err := s.env.Store.Teams(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := s.env.Store.Groups(ctx)
	if err != nil {
		return nil, err
	}
	s.groups = groups // the store lists them in name order
	opts := []string{noGroupOption}
	for _, g := range s.groups {
		opts = append(opts, g.Name)
	}
	s.group.SetOptions(opts)
	return teams, nil
}

func (s *TeamsScreen) toForm(t data.Team) {
	s.name.SetText(t.Name)
	if t.Category == "" {
		s.category.ClearSelected()
	} else {
		s.category.SetSelected(t.Category)
	}
	setIDSelect(s.group, s.groups, groupIDOf, t.GroupID)
}

// teamDetail is the list's second column: 类别 · 党小组.
func (s *TeamsScreen) teamDetail(t data.Team) string {
	d := t.Category
	if d == "" {
		d = "未分类"
	}
	for _, g := range s.groups {
		if g.ID == t.GroupID {
			return d + " · " + g.Name
		}
	}
	return d
}

// ---------------------------------------------------------------------------------------------
// 党支部

// BranchForm edits the branch's details; 数据与设置 hosts it.
type BranchForm struct {
	env *Env
	cur data.Branch

	entries map[string]*widgets.Entry // by field label
	form    *orgForm
	hint    *widget.Label // what the details are used for: a branch's, or a 汇总库's
	content fyne.CanvasObject
}

// branchFields are the form's fields in reading order.
var branchFields = []struct {
	label    string
	required bool
	hint     string
	value    func(b *data.Branch) *string
}{
	{"名称", true, "如：综采一队党支部", func(b *data.Branch) *string { return &b.Name }},
	{"所属党委", true, "如：某矿党委", func(b *data.Branch) *string { return &b.Committee }},
	{"所在单位", false, "如：某矿综采一队", func(b *data.Branch) *string { return &b.Unit }},
	{"支部代码", false, "字母、数字或“-”，汇总时区分支部", func(b *data.Branch) *string { return &b.Code }},
	{"书记", false, "", func(b *data.Branch) *string { return &b.Secretary }},
	{"副书记", false, "", func(b *data.Branch) *string { return &b.Deputy }},
	{"组织委员", false, "", func(b *data.Branch) *string { return &b.Organisation }},
	{"宣传委员", false, "", func(b *data.Branch) *string { return &b.Propaganda }},
	{"纪检委员", false, "", func(b *data.Branch) *string { return &b.Discipline }},
	{"联系电话", false, "手机号或 0319-1234567", func(b *data.Branch) *string { return &b.Phone }},
}

// NewBranchForm builds the 党支部 form and loads the branch.
func NewBranchForm(env *Env) *BranchForm {
	f := &BranchForm{env: env, entries: map[string]*widgets.Entry{}}
	f.form = newOrgForm(env, "党支部信息", 2, func(field func(string, bool, fyne.CanvasObject)) {
		for _, bf := range branchFields {
			e := widgets.NewEntry()
			e.SetPlaceHolder(bf.hint)
			e.OnSubmitted = func(string) { f.Save() }
			f.entries[bf.label] = e
			field(bf.label, bf.required, e)
		}
	})
	save := widget.NewButtonWithIcon("保存支部信息", theme.DocumentSaveIcon(), f.Save)
	save.Importance = widget.HighImportance
	f.hint = widgets.Note("")
	f.content = container.NewVBox(f.form.Content(),
		container.NewBorder(nil, nil, save, nil, f.hint))
	f.Reload()
	return f
}

// Content is the form (without a scroll: the host decides).
func (f *BranchForm) Content() fyne.CanvasObject { return f.content }

// Reload shows the saved branch (a new data file has an empty one).
func (f *BranchForm) Reload() {
	b, err := f.env.Store.Branch(context.Background())
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		ShowError(f.env.Win, err)
		return
	}
	f.cur = b
	for _, bf := range branchFields {
		f.entries[bf.label].SetText(*bf.value(&b))
	}
	f.form.ClearErrors()
	if isConsolidated(f.env.Store) {
		f.hint.SetText("这是汇总库：这里的“名称”是汇总报表和工作台的标题（不填时用各支部数据包中的所属党委）；各党支部的信息来自它们的上报数据包。")
	} else {
		f.hint.SetText("报表标题、“单位”栏和上报数据包都使用这里的支部信息。")
	}
}

// Save saves the branch; bad input shows under its field.
func (f *BranchForm) Save() {
	b := f.cur
	for _, bf := range branchFields {
		*bf.value(&b) = f.entries[bf.label].Text
	}
	if !f.form.Saved(f.env.Store.SaveBranch(context.Background(), &b)) {
		return
	}
	f.Reload()
	f.form.setStatus("已保存支部信息", false)
	if f.env.Changed != nil {
		f.env.Changed()
	}
}

// ---------------------------------------------------------------------------------------------
// Helpers of these forms.

// orgForm is a Section of Fields with a status line under it: a save's result, and the errors
// no field owns, in one place (widgets.SetStatusLine's colours).
type orgForm struct {
	env     *Env
	fields  widgets.Fields
	other   *widget.Label
	content fyne.CanvasObject
}

// newOrgForm builds a form whose fields add creates, in reading order, with its argument.
func newOrgForm(env *Env, title string, cols int, add func(field func(label string, required bool, input fyne.CanvasObject))) *orgForm {
	f := &orgForm{env: env, other: widget.NewLabel("")}
	var list []*widgets.Field
	add(func(label string, required bool, input fyne.CanvasObject) {
		list = append(list, f.fields.Add(label, required, input))
	})
	f.other.Wrapping = fyne.TextWrapWord
	f.other.Hide()
	f.content = container.NewVBox(widgets.Section(title, cols, list...), f.other)
	return f
}

func (f *orgForm) Content() fyne.CanvasObject { return f.content }

func (f *orgForm) ClearErrors() {
	f.fields.ClearErrors()
	f.setStatus("", false)
}

// setStatus shows a save's result, or an error no field owns, on the form's status line.
func (f *orgForm) setStatus(msg string, isErr bool) { widgets.SetStatusLine(f.other, msg, isErr) }

// Saved shows the outcome of a save and reports whether it succeeded: FieldErrors go under their
// fields, other errors to an error dialog.
func (f *orgForm) Saved(err error) bool {
	f.ClearErrors()
	if err == nil {
		return true
	}
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		ShowError(f.env.Win, err)
		return false
	}
	if unplaced := showErrors(&f.fields, fe); len(unplaced) > 0 {
		f.setStatus(strings.Join(unplaced, "\n"), true)
	}
	return false
}

// errorOf is the message under the field labelled label.
func (f *orgForm) errorOf(label string) string {
	if fl := f.fields.Get(label); fl != nil {
		return fl.Error()
	}
	return ""
}

// memberPicker chooses one member with the program's one member field (widgets.SuggestEntry, as
// 责任人 and 承办人): typing a name or its pinyin initials lists the members under the field, picking
// one (or leaving the field on pinyin that fits one) chooses him; 清除 chooses none.
type memberPicker struct {
	env     *Env
	people  *memberChoices
	id      int64
	name    string // shown for id (also when the member left the roll)
	setting bool   // the picker itself is writing the field

	entry   *widgets.SuggestEntry
	clear   *widget.Button
	content fyne.CanvasObject

	OnChanged func() // the user chose or cleared (may be nil)
}

func newMemberPicker(env *Env) *memberPicker {
	p := &memberPicker{env: env, people: newMemberChoices(nil, nil)}
	p.entry = widgets.NewSuggestEntry(func(q string) []string { return p.people.Suggest(q, 12, false, nil) })
	p.entry.SetPlaceHolder("姓名或拼音首字母") // as 责任人: a longer hint is cut
	p.entry.OnChanged = func(t string) {
		if p.setting {
			return
		}
		p.entry.Filter()
		if id, ok := p.people.IDOf(t); ok && id != p.id {
			p.choose(id, t)
		}
	}
	// Leaving the field keeps only a choice: an emptied field chooses none, other text that names
	// no member gives way to the member chosen.
	p.entry.OnFocusLost = func() {
		switch _, ok := p.people.IDOf(p.entry.Text); {
		case strings.TrimSpace(p.entry.Text) == "" && p.id != 0:
			p.choose(0, "")
		case !ok:
			p.set(p.id, p.name)
		}
	}
	p.clear = widget.NewButton("清除", func() { p.choose(0, "") })
	p.content = container.NewBorder(nil, nil, nil, p.clear, p.entry.Content())
	p.set(0, "")
	return p
}

func (p *memberPicker) Content() fyne.CanvasObject { return p.content }

// SetMembers sets the choices.
func (p *memberPicker) SetMembers(ms []data.Member) { p.people = newMemberChoices(ms, nil) }

// SetSelected shows the member with id (0 = none).
func (p *memberPicker) SetSelected(id int64) {
	if l := p.people.Label(id); l != "" || id == 0 {
		p.set(id, l)
		return
	}
	// Not among the choices (e.g. left the roll): still show who it is.
	name := "（已不在册的党员）"
	if m, err := p.env.Store.Member(context.Background(), id); err == nil {
		name = m.Name + "（已不在册）"
	}
	p.set(id, name)
}

// Selected is the chosen member's id, 0 for none.
func (p *memberPicker) Selected() int64 { return p.id }

func (p *memberPicker) set(id int64, name string) {
	p.id, p.name = id, name
	p.setting = true
	p.entry.SetText(name)
	p.setting = false
	if id == 0 {
		p.clear.Disable()
	} else {
		p.clear.Enable()
	}
}

// choose is the user's choice.
func (p *memberPicker) choose(id int64, name string) {
	p.set(id, name)
	if p.OnChanged != nil {
		p.OnChanged()
	}
}
