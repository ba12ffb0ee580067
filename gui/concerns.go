package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Views of the concerns list (its 显示 filter): the 工作台's two (data.ViewOverdue, data.ViewDue)
// and the concerns handed on as welfare items.
const (
	concernViewAll         = "全部记录"
	concernViewOverdue     = "逾期未回访"
	concernViewDue         = "本月待回访"
	concernViewTransferred = "已转办实事"
)

var concernViews = []string{concernViewAll, concernViewOverdue, concernViewDue, concernViewTransferred}

// concernColumns are the concerns list's columns.
var concernColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"职工", 1, ""}, {"类别", 0, "疫情等突发事件"}, {"疏导人", 0, "欧阳建国"},
	{"回访", 0, "待回访 12-30"}}

// ConcernsScreen is 思想疏导: the workers' concerns, newest first, and the form of one, with the
// return visit and 转办实事 (the welfare item made of the concern, opened from the form).
type ConcernsScreen struct {
	recordScreen[data.Concern] // all: newest first

	today   data.Date
	viewSel *widget.Select
	catSel  *widget.Select

	people    *memberChoices
	teams     map[int64]string // the roster's teams by id
	date      *widgets.DateEntry
	worker    *widgets.SuggestEntry
	team      *widget.Select
	channel   *widget.Select
	category  *widget.Select
	situation *widgets.TextArea
	counselor *widgets.SuggestEntry
	measures  *widgets.TextArea
	result    *widget.Select
	visitDate *widgets.DateEntry
	visit     *widgets.TextArea

	link        *widget.Label  // the welfare item the concern was handed on to
	openWelfare *widget.Button // opens it in 办实事
	transfer    *widget.Button // 转办实事 of a saved concern
}

// NewConcernsScreen builds the screen and loads the concerns.
func NewConcernsScreen(env *Env) Screen { return newConcernsScreen(env) }

func newConcernsScreen(env *Env) *ConcernsScreen {
	s := &ConcernsScreen{people: newMemberChoices(nil, nil)}
	s.viewSel = s.filterSelect(concernViews[0], concernViews[1:]...)
	s.catSel = s.filterSelect(allCategories, data.ConcernCategories...)
	// The link to the welfare item, over the button bar: always in sight, however long the form.
	s.link = widgets.Note("")
	s.openWelfare = widget.NewButtonWithIcon("打开办实事事项", theme.NavigateNextIcon(), s.showWelfare)
	s.transfer = widget.NewButtonWithIcon("转办实事", theme.MailForwardIcon(), s.transferConcern)
	s.initRecord(env, recordSpec[data.Concern]{
		Columns: concernColumns,
		Cells:   s.cells,
		ID:      func(c *data.Concern) int64 { return c.ID },
		Load:    s.load,
		Date:    func(c *data.Concern) data.Date { return c.Date },
		Match:   s.match,
		Search:  "搜索职工、班组、疏导人或内容",
		Count:   "共 %d 人次", NewLabel: "记录疏导", What: "这条思想疏导记录",
		Unhide:   func(int64) { s.clearFilters(s.viewSel, s.catSel); s.refilter() },
		Blank:    func() data.Concern { return data.Concern{Date: env.Today()} },
		ToForm:   s.toForm,
		FromForm: s.concern,
		Title:    data.ConcernLabel,
		NewTitle: "新思想疏导记录",
		Focus:    func() { focus(s.worker) },
		Save:     env.Store.SaveConcern,
		Saved: func(c *data.Concern) string {
			if c.WelfareID != 0 && s.loaded.WelfareID == 0 {
				return "已保存，并转办为办实事事项“" + clip(c.Welfare, 20) + "”"
			}
			return "已保存思想疏导记录"
		},
		Delete: env.Store.DeleteConcern,
		Question: func(c *data.Concern) string {
			q := fmt.Sprintf("确定要删除“%s”的记录吗？", data.ConcernLabel(c))
			if c.WelfareID != 0 {
				q += "\n转办的办实事事项不会删除。"
			}
			return q
		},
		Entity:  data.EntConcern,
		Deleted: func(*data.Concern) string { return "已删除思想疏导记录" },
		Summary: container.NewBorder(nil, nil, nil, container.NewHBox(s.transfer, s.openWelfare), s.link),
	})

	fs := &s.fields
	s.date = s.newDate(data.FConcernDate, env.Today)
	s.worker = widgets.NewSuggestEntry(func(q string) []string { return s.people.Suggest(q, 12, false, nil) })
	s.worker.SetPlaceHolder("职工姓名（可不是党员）")
	s.worker.OnChanged = func(string) { s.worker.Filter(); s.fillTeam(); s.changed(data.FConcernWorker) }
	s.team = widgets.NewSelect([]string{optNone}, func(string) { s.changed(data.FConcernTeam) })
	s.channel = widgets.NewSelect(append([]string{optNone}, data.ConcernChannels...), func(string) { s.changed(data.FConcernChannel) })
	s.category = widgets.NewSelect(append([]string{optNone}, data.ConcernCategories...), func(string) { s.changed(data.FConcernCategory) })
	s.situation = s.newArea(data.FConcernSituation, 3, "职工反映的困难、想法或情绪")
	s.counselor = s.newMemberEntry(data.FCounselor, "姓名或拼音首字母", &s.people)
	s.measures = s.newArea(data.FConcernMeasures, 3, "")
	s.result = widgets.NewSelect(append([]string{optNone}, data.ConcernResults...), func(string) { s.changed(data.FConcernResult) })
	s.visitDate = s.newDate(data.FVisitDate, env.Today)
	s.visitDate.SetPlaceHolder("约定的回访日期")
	s.visit = s.newArea(data.FVisit, 2, "回访后填写")

	wide := func(f *widgets.Field) *widgets.Field { f.Wide = true; return f }
	form := widgets.NewSections(2).
		Add("职工反映", fs.Add(data.FConcernDate, true, s.date), fs.Add(data.FConcernWorker, true, s.worker.Content()),
			fs.Add(data.FConcernTeam, false, s.team), fs.Add(data.FConcernChannel, false, s.channel),
			fs.Add(data.FConcernCategory, false, s.category), wide(fs.Add(data.FConcernSituation, true, s.situation))).
		Add("疏导", fs.Add(data.FCounselor, true, s.counselor.Content()), fs.Add(data.FConcernResult, false, s.result),
			wide(fs.Add(data.FConcernMeasures, false, s.measures))).
		Add("回访", fs.Add(data.FVisitDate, false, s.visitDate), wide(fs.Add(data.FVisit, false, s.visit))).
		Content()
	s.buildFrame(s.periodRow(s.viewSel, s.catSel), form, 0.45)
	return s
}

// load reads the concerns, newest first, the members the fields offer and the roster's teams.
func (s *ConcernsScreen) load(ctx context.Context) ([]data.Concern, error) {
	all, err := s.env.Store.Concerns(ctx, data.ConcernFilter{})
	if err != nil {
		return nil, err
	}
	members, err := s.env.Store.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, err
	}
	teams, err := s.env.Store.Teams(ctx)
	if err != nil {
		return nil, err
	}
	s.people = newMemberChoices(members, teams)
	opts := []string{optNone}
	s.teams = map[int64]string{}
	for _, t := range teams {
		opts = append(opts, t.Name)
		s.teams[t.ID] = t.Name
	}
	s.team.Options = opts
	s.today = s.env.Today()
	slices.Reverse(all)
	return all, nil
}

// visitText is the 回访 column: 逾期N天 (red), 待回访 with the date, 已回访, or nothing planned.
func (s *ConcernsScreen) visitText(c *data.Concern) (string, widget.Importance) {
	switch {
	case c.Visit != "":
		return "已回访", widget.SuccessImportance
	case c.VisitDate.IsZero():
		return "", widget.MediumImportance
	case c.VisitOverdueDays(s.today) > 0:
		return fmt.Sprintf("逾期%d天", c.VisitOverdueDays(s.today)), widget.DangerImportance
	}
	return "待回访 " + c.VisitDate.String()[5:], widget.MediumImportance
}

func (s *ConcernsScreen) cells(c *data.Concern) ([]string, map[int]widget.Importance) {
	visit, imp := s.visitText(c)
	category := c.Category
	if c.Result == data.ConcernTransferred {
		category = cmpOr(category, "其他") + "·转办"
	}
	return []string{c.Date.String(), data.ConcernWorkerText(c), category, c.Counselor, visit}, map[int]widget.Importance{4: imp}
}

func (s *ConcernsScreen) match(_ int, c *data.Concern) bool {
	switch {
	case !lets(s.catSel, c.Category):
	case s.viewSel.Selected == concernViewOverdue && c.VisitOverdueDays(s.today) == 0:
	case s.viewSel.Selected == concernViewDue && !c.VisitDueBy(s.today, data.MonthPeriod(s.today.Year, s.today.Month).To):
	case s.viewSel.Selected == concernViewTransferred && c.Result != data.ConcernTransferred:
	case !s.searched(c.Worker, c.Team, c.Counselor, c.Situation, c.Measures, c.Visit):
	default:
		return true
	}
	return false
}

// ShowView lists the concerns a 工作台 line counts: return visits overdue (data.ViewOverdue) or
// due this month (data.ViewDue), every other filter cleared.
func (s *ConcernsScreen) ShowView(view string) {
	s.clearFilters(s.viewSel, s.catSel)
	switch view {
	case data.ViewOverdue:
		s.viewSel.SetSelected(concernViewOverdue)
	case data.ViewDue:
		s.viewSel.SetSelected(concernViewDue)
	}
	s.refilter()
}

func (s *ConcernsScreen) toForm(c data.Concern) {
	s.date.SetDate(c.Date)
	s.worker.SetText(c.Worker)
	if c.Team != "" && !slices.Contains(s.team.Options, c.Team) {
		s.team.Options = append(s.team.Options, c.Team) // a team renamed or removed since
	}
	selectOr(s.team, c.Team, optNone)
	selectOr(s.channel, c.Channel, optNone)
	selectOr(s.category, c.Category, optNone)
	s.situation.SetText(c.Situation)
	s.counselor.SetText(cmpOr(s.people.Label(c.CounselorID), c.Counselor)) // the name as saved when no longer listed
	s.measures.SetText(c.Measures)
	selectOr(s.result, c.Result, optNone)
	s.visitDate.SetDate(c.VisitDate)
	s.visit.SetText(c.Visit)
	s.showLink(c)
}

// fillTeam puts a member's team into an empty 班组 when the worker named is a member.
func (s *ConcernsScreen) fillTeam() {
	if s.loading || s.team.SelectedIndex() > 0 {
		return
	}
	if m := s.workerMember(); m != nil && s.teams[m.TeamID] != "" {
		s.team.SetSelected(s.teams[m.TeamID])
	}
}

// workerMember is the member the 职工姓名 names, or nil for any other worker.
func (s *ConcernsScreen) workerMember() *data.Member {
	id, ok := s.people.IDOf(strings.TrimSpace(s.worker.Text))
	if !ok {
		return nil
	}
	if i := slices.IndexFunc(s.people.members, func(m data.Member) bool { return m.ID == id }); i >= 0 {
		return &s.people.members[i]
	}
	return nil
}

// showLink shows the welfare item the concern became, or how to hand it on.
func (s *ConcernsScreen) showLink(c data.Concern) {
	s.openWelfare.Hide()
	s.transfer.Hide()
	switch {
	case c.WelfareID != 0:
		s.link.SetText("已转办为办实事事项：" + clip(c.Welfare, 30) + "（在“两堂一舍 › 办实事”中办理）")
		s.openWelfare.Show()
	case c.Result == data.ConcernTransferred:
		s.link.SetText("转办的办实事事项已删除。")
	case c.ID == 0:
		s.link.SetText("结果选“转办实事”并保存，即登记一件办实事事项（承办人为疏导人），两边相互关联。")
	default:
		s.link.SetText("需要为职工办理实事的，可转办为办实事事项（承办人为疏导人）。")
		s.transfer.Show()
	}
}

// concern reads the form over the concern loaded. 疏导人 must be a member; 职工姓名 is any name
// (members are offered, pinyin left as typed is refused as for a 责任人).
func (s *ConcernsScreen) concern() (data.Concern, error) {
	c := s.loaded
	var fe data.FieldErrors
	c.Date = readDate(&fe, data.FConcernDate, s.date)
	c.Worker = readResponsible(&fe, data.FConcernWorker, s.people, s.worker.Text)
	if m := s.workerMember(); m != nil {
		c.Worker = m.Name // a member picked: the name, not the label with the team
	}
	c.Team, c.Channel = selectedOr(s.team, optNone), selectedOr(s.channel, optNone)
	c.Category, c.Result = selectedOr(s.category, optNone), selectedOr(s.result, optNone)
	c.Situation, c.Measures, c.Visit = s.situation.Text, s.measures.Text, s.visit.Text
	c.CounselorID = readMember(&fe, data.FCounselor, s.people, s.counselor.Text)
	if c.CounselorID == 0 && s.loaded.CounselorID != 0 && s.counselor.Text == s.loaded.Counselor {
		c.CounselorID = s.loaded.CounselorID // a counsellor who has left the roll since
		fe = slices.DeleteFunc(fe, func(e data.FieldError) bool { return e.Field == data.FCounselor })
	}
	c.VisitDate = readDate(&fe, data.FVisitDate, s.visitDate)
	return formRecord(c, fe, data.ValidateConcern, s.env.Today())
}

// transferConcern is 转办实事 of a saved concern: the result becomes 转办实事 and the concern is
// saved with the form's edits, which makes the welfare item.
func (s *ConcernsScreen) transferConcern() {
	if s.loaded.ID == 0 || s.loaded.WelfareID != 0 {
		return
	}
	s.result.SetSelected(data.ConcernTransferred)
	s.Save()
}

// showWelfare opens the welfare item the concern became in 办实事 (unsaved edits are asked about
// by the main window's navigation).
func (s *ConcernsScreen) showWelfare() {
	if s.loaded.WelfareID == 0 || s.env.Navigate == nil {
		return
	}
	to := entityPlaces[data.EntWelfare]
	to.RecordID = s.loaded.WelfareID
	s.env.Navigate(to)
}

// concernLink is the way back from a welfare item to the concern it was handed on from: a button
// naming the concern that opens it in 思想疏导, or nil when the item came from elsewhere.
func concernLink(env *Env, welfareID int64) *widget.Button {
	cs, err := env.Store.Concerns(context.Background(), data.ConcernFilter{WelfareID: welfareID})
	if err != nil || len(cs) == 0 {
		return nil
	}
	c := cs[0]
	return widget.NewButtonWithIcon("来自思想疏导："+data.ConcernLabel(&c), theme.NavigateBackIcon(), func() {
		if env.Navigate != nil {
			to := entityPlaces[data.EntConcern]
			to.RecordID = c.ID
			env.Navigate(to)
		}
	})
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *ConcernsScreen) FocusSearch() { s.focusSearch() }
