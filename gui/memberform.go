package gui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Option texts of selects whose empty value means "none".
const (
	optNoEducation = "（未填）"
	optNoGroup     = "（未分党小组）"
	optNoTeam      = "（未分班组）"
	optNoKeyPost   = "（非重点岗位）"
)

// MemberForm edits one member: every field of SPEC §2, grouped as 基本信息, 党籍信息, 联系方式,
// 组织与岗位, 在册状态 and 备注, in reading (and Tab) order. 性别 and 出生日期 follow the ID number;
// fields that only apply in some cases (转为正式党员日期, 失去联系日期, 外出流向, 在册状态变动日期) are
// enabled only then.
type MemberForm struct {
	// Today bounds dates in validation.
	Today func() data.Date
	// OnSubmit is called when Enter is pressed in the last field (备注).
	OnSubmit func()

	formState
	member data.Member              // as loaded; keeps ID, branch and timestamps
	stash  map[*widget.Entry]string // text of a field while its condition is off

	name, idNumber, job, mobile, landline, address, floatingTo, remark *widgets.Entry
	sex, birth                                                         *widget.Label // derived, read-only
	ethnicity                                                          *ethnicityEntry
	education, category, partyStatus, group, team, partyRole           *widget.Select
	keyPost, rollStatus                                                *widget.Select
	joinDate, fullDate, lostDate, workDate, rollDate                   *widgets.DateEntry
	lost, floating, supervisor                                         *widget.Check

	groups   []data.Group
	teams    []data.Team
	keyPosts []string

	content fyne.CanvasObject
}

// NewMemberForm builds an empty form; call SetOrg before use so that the selects list the groups,
// teams and key posts.
func NewMemberForm(today func() data.Date) *MemberForm {
	f := &MemberForm{Today: today, stash: map[*widget.Entry]string{}}
	// Fields are checked when the user leaves them; a choice cannot be half-typed, so its message
	// is out of date at once.
	f.keepMessage = func(field *widgets.Field) bool {
		_, isSelect := field.Input.(*widget.Select)
		return !isSelect
	}
	fs := &f.fields

	entry := func(label string, required bool, placeholder string) (*widgets.Entry, *widgets.Field) {
		e := f.newEntry(label, placeholder)
		e.OnFocusLost = func() { f.checkField(label) }
		return e, fs.Add(label, required, e)
	}
	date := func(label string, required bool) (*widgets.DateEntry, *widgets.Field) {
		e := f.newDate(label, today)
		e.OnFocusLost = func() { f.checkField(label) }
		return e, fs.Add(label, required, e)
	}
	sel := func(label string, required bool, opts []string, then func()) (*widget.Select, *widgets.Field) {
		s := widgets.NewSelect(opts, nil)
		s.OnChanged = func(string) {
			f.changed(label)
			if then != nil {
				then()
			}
		}
		return s, fs.Add(label, required, s)
	}
	check := func(label, text string, then func()) (*widget.Check, *widgets.Field) {
		c := widget.NewCheck(text, func(bool) {
			f.changed(label)
			if then != nil {
				then()
			}
		})
		return c, fs.Add(label, false, c)
	}
	derived := func(label string) (*widget.Label, *widgets.Field) {
		l := widget.NewLabel("")
		return l, fs.Add(label, false, readOnlyBox(l))
	}

	var fName, fID, fSex, fBirth, fEth, fEdu, fCat, fPS, fJoin, fFull, fMob, fLand, fAddr,
		fGroup, fTeam, fJob, fRole, fKey, fSup, fWork, fRoll, fRollDate, fLost, fLostDate,
		fFloat, fFloatTo, fRemark *widgets.Field
	f.name, fName = entry(data.FName, true, "")
	f.idNumber, fID = entry(data.FIDNumber, true, "18位，末位可为X")
	f.idNumber.MinWidth = widgets.WidthFor("13020319850312001X") // all 18 characters show
	f.idNumber.OnChanged = func(string) {
		f.deriveFromID(false)
		f.changed(data.FIDNumber)
	}
	f.idNumber.OnFocusLost = func() {
		if n := data.NormalizeIDNumber(f.idNumber.Text); n != f.idNumber.Text {
			f.idNumber.SetText(n)
		}
		f.deriveFromID(true)
		f.checkField(data.FIDNumber)
	}
	f.sex, fSex = derived(data.FSex)
	f.birth, fBirth = derived(data.FBirthDate)
	f.ethnicity = newEthnicityEntry()
	f.ethnicity.OnChanged = func(string) {
		f.ethnicity.filter()
		f.changed(data.FEthnicity)
	}
	f.ethnicity.onFocusLost = func() { f.checkField(data.FEthnicity) }
	fEth = fs.Add(data.FEthnicity, true, f.ethnicity)
	f.education, fEdu = sel(data.FEducation, false, append([]string{optNoEducation}, data.Educations...), nil)

	f.category, fCat = sel(data.FCategory, true, data.Categories, f.updateConditional)
	f.partyStatus, fPS = sel(data.FPartyStatus, false, data.PartyStates, nil)
	f.joinDate, fJoin = date(data.FJoinDate, true)
	f.fullDate, fFull = date(data.FFullDate, false)

	f.mobile, fMob = entry(data.FMobile, false, "11位手机号")
	f.landline, fLand = entry(data.FLandline, false, "如 0319-1234567")
	f.address, fAddr = entry(data.FAddress, false, "")
	fAddr.Wide = true

	f.group, fGroup = sel(data.FGroup, false, nil, nil)
	f.team, fTeam = sel(data.FTeam, false, nil, nil)
	f.job, fJob = entry(data.FJob, false, "如 采煤机司机")
	f.partyRole, fRole = sel(data.FPartyRole, false, data.PartyRoles, nil)
	f.keyPost, fKey = sel(data.FKeyPost, false, nil, nil)
	f.supervisor, fSup = check(data.FSupervisor, "督查队伍成员", nil)
	f.workDate, fWork = date(data.FWorkDate, false)

	f.rollStatus, fRoll = sel(data.FRollStatus, false, data.RollStates, f.updateConditional)
	f.rollDate, fRollDate = date(data.FRollDate, false)
	f.lost, fLost = check(data.FLostContact, "是", f.updateConditional)
	f.lostDate, fLostDate = date(data.FLostDate, false)
	f.floating, fFloat = check(data.FFloating, "是", f.updateConditional)
	f.floatingTo, fFloatTo = entry(data.FFloatingTo, false, "如 外出务工至天津")

	f.remark, fRemark = entry(data.FRemark, false, "按回车键保存")
	f.remark.OnSubmitted = func(string) {
		if f.OnSubmit != nil {
			f.OnSubmit()
		}
	}
	fRemark.Wide = true

	f.content = widgets.NewSections(2).
		Add("基本信息", fName, fID, fSex, fBirth, fEth, fEdu).
		Add("党籍信息", fCat, fPS, fJoin, fFull).
		Add("联系方式", fMob, fLand, fAddr).
		Add("组织与岗位", fGroup, fTeam, fJob, fRole, fKey, fSup, fWork).
		Add("在册状态", fRoll, fRollDate, fLost, fLostDate, fFloat, fFloatTo).
		Add("备注", fRemark).
		Content()
	f.SetOrg(nil, nil, data.DefaultKeyPosts)
	f.Clear()
	return f
}

// Content is the form's widget tree (put it in a scroll container).
func (f *MemberForm) Content() fyne.CanvasObject { return f.content }

// Field returns the field with the label (data.F… constants), for tests and focus.
func (f *MemberForm) Field(label string) *widgets.Field { return f.fields.Get(label) }

// Loaded is the member as last set (ID 0 for a new one).
func (f *MemberForm) Loaded() data.Member { return f.member }

// FocusFirst puts the cursor into 姓名.
func (f *MemberForm) FocusFirst() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.name); c != nil {
		c.Focus(f.name)
	}
}

// SetOrg sets the choices of 党小组, 班组 and 重点岗位, keeping what is selected.
func (f *MemberForm) SetOrg(groups []data.Group, teams []data.Team, keyPosts []string) {
	was := f.loading
	f.loading = true
	defer func() { f.loading = was }()
	gid, tid, kp := f.groupID(), f.teamID(), f.keyPostValue()
	f.groups, f.teams, f.keyPosts = groups, teams, keyPosts
	opts := []string{optNoGroup}
	for _, g := range groups {
		opts = append(opts, g.Name)
	}
	f.group.SetOptions(opts)
	opts = []string{optNoTeam}
	for _, t := range teams {
		opts = append(opts, t.Name)
	}
	f.team.SetOptions(opts)
	f.setGroupID(gid)
	f.setTeamID(tid)
	f.setKeyPost(kp)
}

func (f *MemberForm) groupID() int64 { return selectedID(f.group, f.groups, groupIDOf) }

func (f *MemberForm) setGroupID(id int64) { setIDSelect(f.group, f.groups, groupIDOf, id) }

func (f *MemberForm) teamID() int64 { return selectedID(f.team, f.teams, teamIDOf) }

func (f *MemberForm) setTeamID(id int64) { setIDSelect(f.team, f.teams, teamIDOf, id) }

func (f *MemberForm) keyPostValue() string {
	if f.keyPost.Selected == optNoKeyPost {
		return ""
	}
	return f.keyPost.Selected
}

// setKeyPost selects post, adding it to the choices when the configured list no longer has it.
func (f *MemberForm) setKeyPost(post string) {
	opts := append([]string{optNoKeyPost}, f.keyPosts...)
	if post != "" && !slices.Contains(opts, post) {
		opts = append(opts, post)
	}
	f.keyPost.SetOptions(opts)
	if post == "" {
		post = optNoKeyPost
	}
	f.keyPost.SetSelected(post)
}

// Clear shows an empty form for a new member, with the usual defaults (汉族, 正常, 无, 在册).
func (f *MemberForm) Clear() {
	f.Set(data.Member{Ethnicity: data.Ethnicities[0], PartyStatus: data.PartyStatusNormal,
		PartyRole: data.RoleNone, RollStatus: data.RollIn})
}

// Set shows m; the form is not dirty afterwards.
func (f *MemberForm) Set(m data.Member) {
	f.loading = true
	defer func() { f.loading = false }()
	f.member = m
	clear(f.stash)
	f.name.SetText(m.Name)
	f.idNumber.SetText(m.IDNumber)
	f.ethnicity.SetText(m.Ethnicity)
	f.ethnicity.filter()
	selectOr(f.education, m.Education, optNoEducation)
	selectOr(f.category, m.Category, "")
	selectOr(f.partyStatus, m.PartyStatus, data.PartyStatusNormal)
	f.joinDate.SetDate(m.JoinDate)
	f.fullDate.SetDate(m.FullDate)
	f.mobile.SetText(m.Mobile)
	f.landline.SetText(m.Landline)
	f.address.SetText(m.Address)
	f.setGroupID(m.GroupID)
	f.setTeamID(m.TeamID)
	f.job.SetText(m.Job)
	selectOr(f.partyRole, m.PartyRole, data.RoleNone)
	f.setKeyPost(m.KeyPost)
	f.supervisor.SetChecked(m.Supervisor)
	f.workDate.SetDate(m.WorkDate)
	selectOr(f.rollStatus, m.RollStatus, data.RollIn)
	f.rollDate.SetDate(m.RollDate)
	f.lost.SetChecked(m.LostContact)
	f.lostDate.SetDate(m.LostDate)
	f.floating.SetChecked(m.Floating)
	f.floatingTo.SetText(m.FloatingTo)
	f.remark.SetText(m.Remark)
	f.deriveFromID(false)
	f.updateConditional()
	f.fields.ClearErrors()
	f.dirty = false
}

// selectOr selects v, or def when v is empty or not a choice ("" def clears the select).
func selectOr(s *widget.Select, v, def string) {
	if v == "" || !slices.Contains(s.Options, v) {
		v = def
	}
	if v == "" {
		s.ClearSelected()
		return
	}
	s.SetSelected(v)
}

// Member reads the form. Sex and birth date are left empty for Normalize to derive from the ID
// number. Dates that cannot be read are returned as field errors.
func (f *MemberForm) Member() (data.Member, data.FieldErrors) {
	m := f.member
	var fe data.FieldErrors
	date := func(label string, e *widgets.DateEntry) data.Date {
		d, err := e.Date()
		if err != nil {
			fe = append(fe, data.FieldError{Field: label, Message: data.ErrorMessage(err)})
		}
		return d
	}
	m.Name = f.name.Text
	m.IDNumber = f.idNumber.Text
	m.Sex, m.BirthDate = "", data.Date{}
	m.Ethnicity = f.ethnicity.Text
	m.Education = f.education.Selected
	if m.Education == optNoEducation {
		m.Education = ""
	}
	m.Category = f.category.Selected
	m.PartyStatus = f.partyStatus.Selected
	m.JoinDate = date(data.FJoinDate, f.joinDate)
	m.FullDate = date(data.FFullDate, f.fullDate)
	m.Mobile = f.mobile.Text
	m.Landline = f.landline.Text
	m.Address = f.address.Text
	m.GroupID = f.groupID()
	m.TeamID = f.teamID()
	m.Job = f.job.Text
	m.PartyRole = f.partyRole.Selected
	m.KeyPost = f.keyPostValue()
	m.Supervisor = f.supervisor.Checked
	m.WorkDate = date(data.FWorkDate, f.workDate)
	m.RollStatus = f.rollStatus.Selected
	m.RollDate = date(data.FRollDate, f.rollDate)
	m.LostContact = f.lost.Checked
	m.LostDate = date(data.FLostDate, f.lostDate)
	m.Floating = f.floating.Checked
	m.FloatingTo = f.floatingTo.Text
	m.Remark = f.remark.Text
	return m, fe
}

// Validate normalises m and checks it. Messages about 性别 and 出生日期 are dropped while the ID
// number itself is wrong: they follow from it, and the ID number's message says what to fix.
func (f *MemberForm) Validate(m *data.Member) data.FieldErrors {
	m.Normalize()
	fe := data.ValidateMember(m, f.Today())
	if fe.For(data.FIDNumber) == "" {
		return fe
	}
	var out data.FieldErrors
	for _, e := range fe {
		if e.Field != data.FSex && e.Field != data.FBirthDate {
			out = append(out, e)
		}
	}
	return out
}

// Check reads and validates the form, shows every message under its field and returns the member
// (normalised) with the messages; messages for fields the form lacks come back in unplaced. A date
// that cannot be read gets its own message, not the one about its (then empty) value.
func (f *MemberForm) Check() (m data.Member, fe data.FieldErrors, unplaced []string) {
	m, fe = f.check()
	return m, fe, f.ShowErrors(fe)
}

func (f *MemberForm) check() (m data.Member, fe data.FieldErrors) {
	m, fe = f.Member()
	for _, e := range f.Validate(&m) {
		if fe.For(e.Field) == "" {
			fe = append(fe, e)
		}
	}
	return m, fe
}

// ShowErrors shows fe under the fields (see showErrors).
func (f *MemberForm) ShowErrors(fe data.FieldErrors) (unplaced []string) {
	return showErrors(&f.fields, fe)
}

// checkField re-checks one field when the user leaves it: format problems show at once, but an
// empty required field is only reported when the form is saved (or was reported already).
func (f *MemberForm) checkField(label string) {
	field := f.fields.Get(label)
	if field == nil || f.loading {
		return
	}
	if fieldIsEmpty(field.Input) && field.Error() == "" {
		return
	}
	_, fe := f.check()
	field.SetError(fe.For(label))
}

func fieldIsEmpty(o fyne.CanvasObject) bool {
	switch w := o.(type) {
	case *widgets.Entry:
		return strings.TrimSpace(w.Text) == ""
	case *widgets.DateEntry:
		return strings.TrimSpace(w.Text) == ""
	case *ethnicityEntry:
		return strings.TrimSpace(w.Text) == ""
	}
	return false
}

// deriveFromID shows 性别 and 出生日期 from a complete, valid ID number; with report, a complete
// but wrong number gets its message at once.
func (f *MemberForm) deriveFromID(report bool) {
	id := data.NormalizeIDNumber(f.idNumber.Text)
	info, err := data.ParseIDNumber(id)
	if err != nil {
		setDerived(f.sex, "")
		setDerived(f.birth, "")
		if len(id) == 18 && (report || !f.loading) {
			f.fields.Get(data.FIDNumber).SetError(data.ErrorMessage(err))
		}
		return
	}
	setDerived(f.sex, info.Sex)
	setDerived(f.birth, info.BirthDate.String())
	f.fields.Get(data.FIDNumber).SetError("")
}

// readOnlyBox shows a label in a box the size of an input: a value the program fills in.
func readOnlyBox(l *widget.Label) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
	bg.CornerRadius = theme.InputRadiusSize()
	setDerived(l, "")
	return container.NewStack(bg, l)
}

// setDerived shows a derived value, or a grey hint when there is none yet.
func setDerived(l *widget.Label, v string) {
	if v == "" {
		l.Importance = widget.LowImportance
		v = "按身份证号自动填写"
	} else {
		l.Importance = widget.MediumImportance
	}
	l.SetText(v)
}

// updateConditional enables the fields that apply to the current choices and empties the others,
// keeping their text in case the choice is undone before saving.
func (f *MemberForm) updateConditional() {
	f.enableIf(f.fullDate, &f.fullDate.Entry, f.category.Selected != data.CategoryProbation)
	f.enableIf(f.lostDate, &f.lostDate.Entry, f.lost.Checked)
	f.enableIf(f.floatingTo, &f.floatingTo.Entry, f.floating.Checked)
	f.enableIf(f.rollDate, &f.rollDate.Entry, f.rollStatus.Selected != "" && f.rollStatus.Selected != data.RollIn)
}

func (f *MemberForm) enableIf(w fyne.Disableable, e *widget.Entry, on bool) {
	if on == !w.Disabled() {
		return
	}
	if on {
		w.Enable()
		if e.Text == "" {
			e.SetText(f.stash[e])
		}
		delete(f.stash, e)
		return
	}
	if e.Text != "" {
		f.stash[e] = e.Text
		e.SetText("")
	}
	w.Disable()
	for _, fl := range f.fields.All() {
		if fl.Input == w.(fyne.CanvasObject) {
			fl.SetError("")
		}
	}
}

// ethnicityEntry is the searchable 民族 field: typing narrows the drop-down list (蒙 → 蒙古族), and
// leaving the field completes a text that matches exactly one group (回 → 回族).
type ethnicityEntry struct {
	widget.SelectEntry
	onFocusLost func()
}

func newEthnicityEntry() *ethnicityEntry {
	e := &ethnicityEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(data.Ethnicities)
	// The drop-down button must not be a Tab stop between 民族 and 学历.
	if b, ok := e.ActionItem.(*widget.Button); ok {
		e.ActionItem = widgets.NewIconButton(b.Icon, b.OnTapped)
	}
	return e
}

// matches lists the groups whose name contains the text (all of them for an empty or exact text).
func (e *ethnicityEntry) matches() []string {
	t := strings.TrimSpace(e.Text)
	if t == "" || slices.Contains(data.Ethnicities, t) {
		return data.Ethnicities
	}
	var out []string
	for _, n := range data.Ethnicities {
		if strings.Contains(n, t) {
			out = append(out, n)
		}
	}
	return out
}

func (e *ethnicityEntry) filter() { e.SetOptions(e.matches()) }

// TypedKey makes Esc close the dialog the field is in.
func (e *ethnicityEntry) TypedKey(k *fyne.KeyEvent) {
	if !widgets.EscapeKey(e, k) {
		e.SelectEntry.TypedKey(k)
	}
}

func (e *ethnicityEntry) FocusLost() {
	e.SelectEntry.FocusLost()
	if m := e.matches(); len(m) == 1 && m[0] != e.Text {
		e.SetText(m[0])
	}
	if e.onFocusLost != nil {
		e.onFocusLost()
	}
}
