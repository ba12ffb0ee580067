package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// activityColumns are the activities list's columns.
var activityColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"类别", 0, "主题党日、党课"}, {"主题", 1, ""}, {"应到/实到", 0, "120/118"}}

// Form labels of the activity screen besides the data field labels.
const (
	labelAbsences    = "缺勤登记"
	labelMakeUps     = "补学"
	allActivityKinds = "全部类别"
)

// ActivitiesScreen is 组织生活 → 活动记录: the activities with their attendance exceptions (everyone
// in scope attended unless listed as 请假 or 缺席) and make-ups, the 班前教育60秒 bulk entry, and R12a
// from the form.
type ActivitiesScreen struct {
	recordScreen[data.Activity] // all: newest first

	kindSel *widget.Select

	roster []data.Member // leavers included: 应到 as the roll stood on the day
	groups []data.Group
	teams  []data.Team
	kinds  []string
	people *memberChoices
	scopes []scopeChoice

	kindsBox *kindChecks
	date     *widgets.DateEntry
	start    *widgets.Entry
	end      *widgets.Entry
	place    *widgets.Entry
	topic    *widgets.TextArea
	host     *widgets.SuggestEntry
	recorder *widgets.SuggestEntry
	lecturer *widgets.SuggestEntry
	scope    *widget.Select
	expected *widgets.Entry
	counts   *widget.Label // 应到/实到 as derived, and the scope's note
	absences *fyne.Container
	absRows  []*absenceRow
	makeUps  *fyne.Container
	makeRows []*makeUpRow
	guests   *widgets.Entry
	summary  *widgets.TextArea
	resolve  *widgets.TextArea
	remark   *widgets.Entry
}

type scopeChoice struct {
	label string
	scope string
	id    int64
}

type absenceRow struct {
	member *widgets.SuggestEntry
	state  *widget.Select
	reason *widgets.Entry
	box    fyne.CanvasObject
}

type makeUpRow struct {
	member    *widgets.SuggestEntry
	date      *widgets.DateEntry
	way       *widget.Select
	confirmer *widgets.SuggestEntry
	box       fyne.CanvasObject
}

// NewActivitiesScreen builds the screen and loads the activities.
func NewActivitiesScreen(env *Env) *ActivitiesScreen {
	s := &ActivitiesScreen{people: newMemberChoices(nil, nil)}
	s.kindSel = s.filterSelect(allActivityKinds, data.DefaultActivityKinds...)
	s.initRecord(env, recordSpec[data.Activity]{
		Columns: activityColumns,
		Cells:   s.cells,
		ID:      func(a *data.Activity) int64 { return a.ID },
		Load:    s.load,
		Date:    func(a *data.Activity) data.Date { return a.Date },
		Match:   s.match,
		Search:  "主题、主持人",
		Count:   "共 %d 次", NewLabel: "登记活动", What: "这次活动",
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.activity,
		Title:    func(a *data.Activity) string { return a.Date.String() + " " + clip(a.KindsText(), 20) },
		NewTitle: "新活动",
		Focus:    func() { focus(s.topic) },
		Save:     env.Store.SaveActivity,
		Saved:    func(*data.Activity) string { return "已保存活动记录" },
		Delete:   env.Store.DeleteActivity,
		Question: func(a *data.Activity) string {
			return fmt.Sprintf("确定要删除 %s 的“%s”吗？", a.Date, clip(a.Topic, 30))
		},
		Entity:      data.EntActivity,
		Deleted:     func(*data.Activity) string { return "已删除活动记录" },
		Export:      s.exportMinutes,
		ExportLabel: "导出会议记录",
		Tools: []fyne.CanvasObject{widget.NewButtonWithIcon("班前教育录入", theme.ListIcon(), s.briefingDialog),
			widget.NewButtonWithIcon("导入台账", theme.UploadIcon(), func() { showActivityImport(env, s.Reload) })},
	})

	fs := &s.fields
	s.kindsBox = newKindChecks(func() { s.changed(data.FActKinds) })
	s.kindsBox.SetOptions(data.DefaultActivityKinds)
	fKinds := fs.Add(data.FActKinds, true, s.kindsBox.box)
	fKinds.Wide = true
	s.date = widgets.NewDateEntry()
	s.date.Today = env.Today
	s.date.OnChanged = func(string) { s.changed(data.FActDate); s.showCounts() }
	s.start, s.end = s.newEntry(data.FActStart, "如 09:00"), s.newEntry(data.FActEnd, "如 11:00")
	s.place = s.newEntry(data.FActPlace, "")
	s.topic = s.newArea(data.FActTopic, 2, "如 学习《煤矿安全规程》修订内容")
	fTopic := fs.Add(data.FActTopic, true, s.topic)
	fTopic.Wide = true
	s.host = s.memberEntry(data.FActHost)
	s.recorder = s.memberEntry(data.FActRecorder)
	s.lecturer = s.memberEntry(data.FActLecturer)
	s.lecturer.SetPlaceHolder("党员姓名，或外请人员的姓名")
	s.scope = widgets.NewSelect(nil, func(string) { s.changed(data.FActScope); s.showCounts() })
	s.expected = widgets.NewEntry()
	s.expected.OnChanged = func(string) { s.changed(data.FActExpected); s.showCounts() }
	s.counts = widgets.Note("")
	fCounts := fs.Add(data.FActPresent, false, s.counts)
	fCounts.Wide = true
	s.absences = container.NewVBox()
	s.makeUps = container.NewVBox()
	addAbs := widget.NewButtonWithIcon("添加请假或缺席的党员", theme.ContentAddIcon(), func() { s.addAbsence(data.Absence{State: data.AttendLeave}, true) })
	addMake := widget.NewButtonWithIcon("添加补学", theme.ContentAddIcon(), func() { s.addMakeUp(data.MakeUp{Date: env.Today(), Way: data.MakeUpWays[0]}, true) })
	fAbs := fs.Add(labelAbsences, false, container.NewVBox(hint("全体在参加范围内的党员默认出席，只登记请假（写明原因）和缺席的党员。"), s.absences, container.NewHBox(addAbs)))
	fAbs.Wide = true
	fMake := fs.Add(labelMakeUps, false, container.NewVBox(s.makeUps, container.NewHBox(addMake)))
	fMake.Wide = true
	s.guests = s.newEntry(data.FActGuests, "")
	s.summary = s.newArea(data.FActSummary, 4, "")
	s.resolve = s.newArea(data.FActResolve, 2, "")
	s.remark = s.newEntry(data.FRemark, "")
	fSummary, fResolve := fs.Add(data.FActSummary, false, s.summary), fs.Add(data.FActResolve, false, s.resolve)
	fSummary.Wide, fResolve.Wide = true, true
	form := widgets.NewSections(2).
		Add("活动", fKinds, fs.Add(data.FActDate, true, s.date), fs.Add(data.FActPlace, false, s.place),
			fs.Add(data.FActStart, false, s.start), fs.Add(data.FActEnd, false, s.end), fTopic,
			fs.Add(data.FActHost, false, s.host.Content()), fs.Add(data.FActRecorder, false, s.recorder.Content()),
			fs.Add(data.FActLecturer, false, s.lecturer.Content())).
		Add("参加情况", fs.Add(data.FActScope, true, s.scope), fs.Add(data.FActExpected, false, s.expected), fCounts, fAbs, fMake,
			fs.Add(data.FActGuests, false, s.guests)).
		Add("内容", fSummary, fResolve, fs.Add(data.FRemark, false, s.remark)).
		Content()
	s.buildFrame(s.periodRow(s.kindSel), form, 0.4)
	return s
}

func (s *ActivitiesScreen) memberEntry(label string) *widgets.SuggestEntry {
	return s.newMemberEntry(label, "姓名或拼音首字母", &s.people)
}

func (s *ActivitiesScreen) blank() data.Activity {
	return data.Activity{Date: s.env.Today(), Scope: data.ScopeAll}
}

// load reads the activities and what the form chooses from: kinds, roster, groups and teams.
func (s *ActivitiesScreen) load(ctx context.Context) ([]data.Activity, error) {
	st := s.env.Store
	all, err := st.Activities(ctx, data.ActivityFilter{})
	if err == nil {
		s.roster, err = st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	}
	if err == nil {
		s.groups, err = st.Groups(ctx)
	}
	if err == nil {
		s.teams, err = st.Teams(ctx)
	}
	if err == nil {
		s.kinds, err = st.Options(ctx, data.ListActivityKinds)
	}
	if err != nil {
		return nil, err
	}
	slices.Reverse(all)
	s.people = newMemberChoices(s.roster, s.teams)
	s.scopes = []scopeChoice{{data.ScopeAll, data.ScopeAll, 0}, {data.ScopeCommittee, data.ScopeCommittee, 0}}
	for _, g := range s.groups {
		s.scopes = append(s.scopes, scopeChoice{data.ScopeGroup + "：" + g.Name, data.ScopeGroup, g.ID})
	}
	for _, t := range s.teams {
		s.scopes = append(s.scopes, scopeChoice{data.ScopeTeam + "：" + t.Name, data.ScopeTeam, t.ID})
	}
	labels := make([]string, len(s.scopes))
	for i, c := range s.scopes {
		labels[i] = c.label
	}
	s.scope.SetOptions(labels)
	s.kindsBox.SetOptions(s.kinds)
	s.kindSel.SetOptions(append([]string{allActivityKinds}, s.kinds...))
	return all, nil
}

func (s *ActivitiesScreen) match(_ int, a *data.Activity) bool {
	return (s.kindSel.SelectedIndex() <= 0 || a.HasKind(s.kindSel.Selected)) &&
		s.searched(a.Topic, a.Host)
}

func (s *ActivitiesScreen) cells(a *data.Activity) ([]string, map[int]widget.Importance) {
	imp := map[int]widget.Importance{}
	if data.LacksFirstTopic(a) {
		imp[1] = widget.DangerImportance // a 支委会 without 第一议题
	}
	counts := data.CountText(a.Expected()) + "/" + data.CountText(a.Present())
	if counts == "/" {
		counts = "—"
	}
	return []string{a.Date.String(), a.KindsText(), a.Topic, counts}, imp
}

func (s *ActivitiesScreen) toForm(a data.Activity) {
	s.kindsBox.SetSelected(slices.Clone(a.Kinds))
	s.date.SetDate(a.Date)
	s.start.SetText(a.Start)
	s.end.SetText(a.End)
	s.place.SetText(a.Place)
	s.topic.SetText(a.Topic)
	s.host.SetText(s.nameOf(a.HostID, a.Host))
	s.recorder.SetText(s.nameOf(a.RecorderID, a.Recorder))
	s.lecturer.SetText(s.nameOf(a.LecturerID, a.Lecturer))
	s.scope.SetSelectedIndex(0)
	for i, c := range s.scopes {
		if c.scope == a.Scope && c.id == a.ScopeID {
			s.scope.SetSelectedIndex(i)
		}
	}
	s.expected.SetText("")
	if a.ExpectedSet {
		s.expected.SetText(strconv.Itoa(a.ExpectedTyped))
	}
	s.absences.RemoveAll()
	s.absRows = nil
	for _, x := range a.Absences {
		s.addAbsence(x, false)
	}
	s.makeUps.RemoveAll()
	s.makeRows = nil
	for _, m := range a.MakeUps {
		s.addMakeUp(m, false)
	}
	s.guests.SetText(a.Guests)
	s.summary.SetText(a.Summary)
	s.resolve.SetText(a.Resolutions)
	s.remark.SetText(a.Remark)
	s.showCounts()
}

// nameOf is a member's label in a member field, or the saved name (left the roll, or a text).
func (s *ActivitiesScreen) nameOf(id int64, saved string) string {
	if l := s.people.Label(id); l != "" {
		return l
	}
	return saved
}

func (s *ActivitiesScreen) addAbsence(x data.Absence, edit bool) {
	r := &absenceRow{member: s.memberEntry(labelAbsences), reason: widgets.NewEntry()}
	r.state = widgets.NewSelect(data.AbsenceStates, func(string) { s.changed(labelAbsences); s.showCounts() })
	r.member.SetText(s.nameOf(x.MemberID, x.Name))
	r.state.SetSelected(x.State)
	r.reason.SetText(x.Reason)
	r.reason.SetPlaceHolder("原因（请假必填）")
	r.reason.OnChanged = func(string) { s.changed(labelAbsences) }
	del := widgets.NewIconButton(theme.DeleteIcon(), func() {
		s.absRows = slices.DeleteFunc(s.absRows, func(o *absenceRow) bool { return o == r })
		s.absences.Remove(r.box)
		s.changed(labelAbsences)
		s.showCounts()
	})
	r.box = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(3, r.member.Content(), r.state, r.reason))
	s.absRows = append(s.absRows, r)
	s.absences.Add(r.box)
	if edit {
		s.changed(labelAbsences)
		s.showCounts()
		focus(r.member, s.absences)
	}
}

func (s *ActivitiesScreen) addMakeUp(m data.MakeUp, edit bool) {
	r := &makeUpRow{member: s.memberEntry(labelMakeUps), date: widgets.NewDateEntry(), confirmer: s.memberEntry(labelMakeUps)}
	r.date.Today = s.env.Today
	r.date.OnChanged = func(string) { s.changed(labelMakeUps) }
	r.way = widgets.NewSelect(data.MakeUpWays, func(string) { s.changed(labelMakeUps) })
	r.member.SetText(s.nameOf(m.MemberID, m.Name))
	r.date.SetDate(m.Date)
	r.way.SetSelected(m.Way)
	r.confirmer.SetText(s.nameOf(m.ConfirmerID, m.Confirmer))
	r.confirmer.SetPlaceHolder("确认人")
	del := widgets.NewIconButton(theme.DeleteIcon(), func() {
		s.makeRows = slices.DeleteFunc(s.makeRows, func(o *makeUpRow) bool { return o == r })
		s.makeUps.Remove(r.box)
		s.changed(labelMakeUps)
	})
	r.box = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(4, r.member.Content(), r.date, r.way, r.confirmer.Content()))
	s.makeRows = append(s.makeRows, r)
	s.makeUps.Add(r.box)
	if edit {
		s.changed(labelMakeUps)
		focus(r.member, s.makeUps)
	}
}

// showCounts shows 应到/实到 as the roster gives them for the date and scope, and the scope's note.
func (s *ActivitiesScreen) showCounts() {
	a := data.Activity{Date: s.loaded.Date}
	if d, err := s.date.Date(); err == nil {
		a.Date = d
	}
	if i := s.scope.SelectedIndex(); i >= 0 && i < len(s.scopes) {
		a.Scope, a.ScopeID = s.scopes[i].scope, s.scopes[i].id
	}
	a.InScope = data.ScopeMembers(s.roster, &a)
	s.expected.SetPlaceHolder(fmt.Sprintf("不填按名册计算：%d 人", len(a.InScope)))
	if n, err := strconv.Atoi(strings.TrimSpace(s.expected.Text)); err == nil {
		a.ExpectedSet, a.ExpectedTyped = true, n
	}
	a.Absences = make([]data.Absence, len(s.absRows))
	text := fmt.Sprintf("应到 %s 人，实到 %s 人（请假和缺席 %d 人）", data.CountText(a.Expected()), data.CountText(a.Present()), len(a.Absences))
	if note := data.ScopeNote(&a); note != "" {
		text = note
	}
	s.counts.SetText(text)
}

// activity reads the form over the activity loaded.
func (s *ActivitiesScreen) activity() (data.Activity, error) {
	a := s.loaded
	var fe data.FieldErrors
	a.Kinds = s.kindsBox.Selected()
	a.Date = readDate(&fe, data.FActDate, s.date)
	a.Start, a.End, a.Place, a.Topic = s.start.Text, s.end.Text, s.place.Text, s.topic.Text
	a.HostID = readMember(&fe, data.FActHost, s.people, s.host.Text)
	a.RecorderID = readMember(&fe, data.FActRecorder, s.people, s.recorder.Text)
	a.LecturerID, a.Lecturer = 0, strings.TrimSpace(s.lecturer.Text)
	if id, ok := s.people.IDOf(a.Lecturer); ok {
		a.LecturerID = id // a member; anyone else is kept as typed
	}
	if i := s.scope.SelectedIndex(); i >= 0 && i < len(s.scopes) {
		a.Scope, a.ScopeID = s.scopes[i].scope, s.scopes[i].id
	}
	a.ExpectedSet, a.ExpectedTyped = false, 0
	if t := strings.TrimSpace(data.NormalizeText(s.expected.Text)); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FActExpected, Message: "应到应为人数（整数）；不填则按名册计算"})
		}
		a.ExpectedSet, a.ExpectedTyped = true, n
	}
	a.Absences = nil
	for i, r := range s.absRows {
		x := data.Absence{State: r.state.Selected, Reason: r.reason.Text}
		x.MemberID = readMember(&fe, labelAbsences, s.people, r.member.Text)
		if x.MemberID == 0 && strings.TrimSpace(r.member.Text) == "" {
			fe = append(fe, data.FieldError{Field: labelAbsences, Message: fmt.Sprintf("第%d行：请填写党员，或删除这一行", i+1)})
		}
		a.Absences = append(a.Absences, x)
	}
	a.MakeUps = nil
	for i, r := range s.makeRows {
		m := data.MakeUp{Way: r.way.Selected}
		m.MemberID = readMember(&fe, labelMakeUps, s.people, r.member.Text)
		m.ConfirmerID = readMember(&fe, labelMakeUps, s.people, r.confirmer.Text)
		if d, err := r.date.Date(); err != nil {
			fe = append(fe, data.FieldError{Field: labelMakeUps, Message: fmt.Sprintf("第%d行补学日期：%s", i+1, data.ErrorMessage(err))})
		} else {
			m.Date = d
		}
		a.MakeUps = append(a.MakeUps, m)
	}
	a.Guests, a.Summary, a.Resolutions, a.Remark = s.guests.Text, s.summary.Text, s.resolve.Text, s.remark.Text
	return formRecord(a, fe, data.ValidateActivity, s.env.Today())
}

// NewWithKind opens a new activity of kind (from the 工作台 card), for the group of a per-group
// rule when groupID is set. A form with unsaved edits is left alone.
func (s *ActivitiesScreen) NewWithKind(kind string, groupID int64) {
	if s.dirty {
		return
	}
	s.New()
	s.loading = true
	defer func() { s.loading = false }()
	s.kindsBox.SetSelected([]string{kind})
	for i, c := range s.scopes {
		if groupID != 0 && c.scope == data.ScopeGroup && c.id == groupID {
			s.scope.SetSelectedIndex(i)
		}
	}
	if kind == data.KindCommittee {
		s.kindsBox.SetSelected([]string{kind, data.KindFirstTopic})
		s.scope.SetSelected(data.ScopeCommittee)
	}
	s.showCounts()
}

// exportMinutes exports R12a of the activity in the form (saved first when edited).
func (s *ActivitiesScreen) exportMinutes() {
	if s.dirty && !s.save() {
		return
	}
	a := s.loaded
	if a.ID == 0 {
		ShowError(s.env.Win, data.Errorf(data.EInvalid, "请先保存这次活动，再导出会议记录"))
		return
	}
	exportReport(s.env, catalog.ByID("R12a"), catalog.Input{ActivityID: a.ID, Label: a.Date.String() + "_" + a.Kinds[0]})
}

// briefingDialog types a team's 班前教育60秒 for a range of days: one line of topic a day.
func (s *ActivitiesScreen) briefingDialog() {
	var fields widgets.Fields
	names := make([]string, len(s.teams))
	for i, t := range s.teams {
		names[i] = t.Name
	}
	if len(names) == 0 {
		ShowError(s.env.Win, data.Errorf(data.EInvalid, "还没有班组：请先在“党员 → 班组”中建立班组"))
		return
	}
	team := widgets.NewSelect(names, nil)
	team.SetSelectedIndex(0)
	today := s.env.Today()
	from, to := widgets.NewDateEntry(), widgets.NewDateEntry()
	from.Today, to.Today = s.env.Today, s.env.Today
	from.SetDate(data.NewDate(today.Year, today.Month, 1))
	to.SetDate(today)
	topics := widgets.NewTextArea(8)
	topics.SetPlaceHolder("每天一行主题，第一行为开始日期；空行的那天不录入")
	count := widgets.NewEntry()
	count.SetPlaceHolder("每天参加人数")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(widgets.Section("", 2, fields.Add(data.FBriefTeam, true, team), fields.Add(data.FBriefCount, false, count),
		fields.Add(data.FBriefFrom, true, from), fields.Add(data.FBriefTo, true, to)), widgets.Section("", 1, fields.Add(data.FBriefTopic, true, topics)), msg)
	var d *dialog.CustomDialog
	save := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() {
		b := data.BriefingBatch{TeamID: s.teams[team.SelectedIndex()].ID, Topics: strings.Split(topics.Text, "\n")}
		var fe data.FieldErrors
		b.From, b.To = readDate(&fe, data.FBriefFrom, from), readDate(&fe, data.FBriefTo, to)
		if t := strings.TrimSpace(count.Text); t != "" {
			n, err := strconv.Atoi(t)
			if err != nil {
				fe = append(fe, data.FieldError{Field: data.FBriefCount, Message: "参加人数应为整数"})
			}
			b.Count = n
		}
		var n int
		var err error
		if fe != nil {
			err = fe
		} else {
			n, err = s.env.Store.SaveBriefings(context.Background(), &b)
		}
		if err != nil {
			var fe data.FieldErrors
			if !errors.As(err, &fe) || len(showErrors(&fields, fe)) > 0 {
				msg.SetText(data.ErrorMessage(err))
			}
			return
		}
		d.Hide()
		s.frame.SetStatus(fmt.Sprintf("已录入%s的班前教育 %d 天", team.Selected, n), false)
		if s.env.Changed != nil {
			s.env.Changed()
		}
	})
	save.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons("班前教育60秒录入", body, s.env.Win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() { d.Hide() }), save})
	d.Resize(widgets.DialogSize(s.env.Win, 640, 560))
	d.Show()
}

// kindChecks are the kinds of an activity as check boxes in rows of four (a horizontal CheckGroup
// does not wrap and would widen the form beyond the window).
type kindChecks struct {
	box     *fyne.Container
	checks  []*widget.Check
	changed func()
	quiet   bool // SetSelected is not an edit
}

func newKindChecks(changed func()) *kindChecks {
	return &kindChecks{box: container.NewGridWithColumns(4), changed: changed}
}

// SetOptions shows one box per kind, keeping the kinds chosen that are still offered.
func (k *kindChecks) SetOptions(kinds []string) {
	keep := k.Selected()
	k.checks = nil
	k.box.RemoveAll()
	for _, kind := range kinds {
		c := widget.NewCheck(kind, func(bool) {
			if !k.quiet {
				k.changed()
			}
		})
		k.checks = append(k.checks, c)
		k.box.Add(c)
	}
	k.SetSelected(keep)
}

// Selected are the kinds checked, in the list's order.
func (k *kindChecks) Selected() []string {
	var out []string
	for _, c := range k.checks {
		if c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

// SetSelected checks exactly kinds; a saved kind no longer in the list gets a box of its own.
func (k *kindChecks) SetSelected(kinds []string) {
	k.quiet = true
	defer func() { k.quiet = false }()
	for _, kind := range kinds {
		if !slices.ContainsFunc(k.checks, func(c *widget.Check) bool { return c.Text == kind }) {
			c := widget.NewCheck(kind, func(bool) {
				if !k.quiet {
					k.changed()
				}
			})
			k.checks = append(k.checks, c)
			k.box.Add(c)
		}
	}
	for _, c := range k.checks {
		c.SetChecked(slices.Contains(kinds, c.Text))
	}
}
