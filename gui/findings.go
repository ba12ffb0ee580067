package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Filter choices of the findings list.
const (
	allStates      = "全部状态"
	stateOpen      = "未销号"
	stateOverdue   = "逾期"
	stateDueWeek   = "本周到期"
	allFindingCats = "全部类别"
	allSources     = "全部来源"
	allPeople      = "全部责任人"
)

var findingStateFilters = append([]string{allStates, stateOpen, stateOverdue, stateDueWeek}, data.FindingStates...)

// findingColumns are the findings list's columns.
var findingColumns = widgets.Columns{{"发现日期", 0, "2026-11-23"}, {"问题描述", 2.4, ""}, {"类别", 1.2, ""}, {"责任人", 0.8, ""},
	{"整改期限", 0, "2026-11-23"}, {"状态", 0, "逾期999天"}}

// FindingsScreen is 问题整改: every finding, whatever its source, in a list (newest first) with
// filters, and on the right the finding's form with its state, the close-out buttons and its
// history. Findings are kept in memory, so filtering 100,000 of them never waits for the file.
type FindingsScreen struct {
	// OnShowInspection, when set, opens the inspection that found a finding (查看督查记录).
	OnShowInspection func(id int64)

	recordScreen[data.Finding] // all: newest first

	teams []data.Team
	today data.Date

	stateSel    *widget.Select
	categorySel *widget.Select
	teamSel     *widget.Select
	sourceSel   *widget.Select
	personSel   *widget.Select
	where       findingQuery

	form      *FindingForm
	stateText *widget.Label
	actions   *fyne.Container
	pending   *widget.Label // why the actions wait (unsaved edits, a new finding)
	closeOut  *widget.Label
	history   *historyView
	inspLink  *widget.Button
}

// NewFindingsScreen builds the screen and loads the findings.
func NewFindingsScreen(env *Env) *FindingsScreen {
	s := &FindingsScreen{}
	s.stateSel = s.filterSelect(findingStateFilters[0], findingStateFilters[1:]...)
	s.categorySel = s.filterSelect(allFindingCats)
	s.teamSel = s.filterSelect(allTeams)
	s.sourceSel = s.filterSelect(allSources, data.FindingSources...)
	s.personSel = s.filterSelect(allPeople)
	s.form = NewFindingForm(env.Today)
	s.initRecord(env, recordSpec[data.Finding]{
		Columns: findingColumns,
		Cells: func(f *data.Finding) ([]string, map[int]widget.Importance) {
			state, imp := stateLabel(f, s.today)
			return []string{f.FoundDate.String(), f.Description, f.Category, f.Responsible, f.Deadline.String(), state},
				map[int]widget.Importance{5: imp}
		},
		ID:      func(f *data.Finding) int64 { return f.ID },
		Load:    s.load,
		Date:    func(f *data.Finding) data.Date { return f.FoundDate },
		Prepare: s.prepare,
		Match:   s.match,
		Count:   "共 %d 个问题", NewLabel: "登记问题", What: "这个问题",
		Search: "搜索：问题描述、责任人、整改措施",
		Unhide: func(int64) {
			s.clearAll()
			s.refilter()
		},
		Blank:    s.form.Blank,
		ToForm:   s.toForm,
		FromForm: s.finding,
		Title:    func(f *data.Finding) string { return "问题：" + clip(f.Description, 24) },
		NewTitle: "登记问题（来源：其他）",
		Focus:    s.form.FocusFirst,
		Save: func(ctx context.Context, f *data.Finding) error {
			if f.ID == 0 {
				return env.Store.CreateFinding(ctx, f)
			}
			return env.Store.UpdateFinding(ctx, f)
		},
		Saved:   func(*data.Finding) string { return fmt.Sprintf("已保存（%s）", time.Now().Format("15:04:05")) },
		Refused: func(n int) string { return fmt.Sprintf("有 %d 处需要修改，请看标红的说明。", n) },
		Delete:  env.Store.DeleteFinding,
		Question: func(f *data.Finding) string {
			return fmt.Sprintf("确定要删除问题%s吗？\n它和它的办理记录会移入“回收站”，可在那里恢复。\n删除只用于纠正录错的记录；整改完成的问题请“验收销号”。", findingCaption(*f))
		},
		Entity:     data.EntFinding,
		Deleted:    func(f *data.Finding) string { return "已删除问题" + findingCaption(*f) },
		Dirty:      s.form.Dirty,
		ShowErrors: s.form.ShowErrors,
		Refresh:    true,
	})
	s.form.OnSubmit = s.Save
	s.form.OnChanged = func() {
		s.frame.SetStatus("", false)
		s.showActions()
	}
	s.stateText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.actions = container.NewHBox()
	s.pending = widget.NewLabel("")
	s.pending.Importance = widget.LowImportance
	s.closeOut = widgets.Note("")
	s.history = newHistoryView(env)
	s.inspLink = widget.NewButtonWithIcon("查看督查记录", theme.NavigateNextIcon(), func() {
		if id := s.form.Loaded().InspectionID; id != 0 && s.OnShowInspection != nil {
			s.OnShowInspection(id)
		}
	})
	s.inspLink.Importance = widget.LowImportance

	flow := container.NewVBox(
		widgets.Heading("整改与销号"),
		container.NewHBox(widget.NewLabel("状态："), s.stateText, s.inspLink),
		s.actions, s.pending, s.closeOut,
		widgets.Heading("办理记录"),
		s.history.Content(),
	)
	s.buildFrame(append(s.periodRow(s.stateSel, s.categorySel), container.NewGridWithColumns(3, s.teamSel, s.sourceSel, s.personSel)),
		container.NewVBox(s.form.Content(), flow), 0.55)
	return s
}

// load reads the findings, teams, members and option lists; the form keeps what is typed.
func (s *FindingsScreen) load(ctx context.Context) ([]data.Finding, error) {
	all, teams, members, cats, levels, err := loadWithFindingChoices(ctx, s.env.Store, func() ([]data.Finding, error) {
		return s.env.Store.Findings(ctx, data.FindingFilter{})
	})
	if err != nil {
		return nil, err
	}
	slices.Reverse(all) // the store lists oldest first; the newest matter most
	s.teams, s.today = teams, s.env.Today()
	s.form.SetChoices(cats, levels, teams, members)

	// Filters offer what is configured plus what the findings hold (a category that left the list).
	catOpts := slices.Clone(cats)
	people := map[string]bool{}
	for i := range all {
		if c := all[i].Category; !slices.Contains(catOpts, c) {
			catOpts = append(catOpts, c)
		}
		people[all[i].Responsible] = true
	}
	names := make([]string, 0, len(people))
	for p := range people {
		names = append(names, p)
	}
	slices.SortFunc(names, data.ComparePersonNames)
	keepSelect(s.categorySel, append([]string{allFindingCats}, catOpts...))
	keepSelect(s.teamSel, teamFilterOptions(teams))
	keepSelect(s.personSel, append([]string{allPeople}, names...))
	return all, nil
}

// loadWithFindingChoices reads records with load, then what finding forms choose from (see
// loadFindingChoices).
func loadWithFindingChoices[T any](ctx context.Context, st data.Store, load func() ([]T, error)) (
	all []T, teams []data.Team, members []data.Member, cats, levels []string, err error) {
	if all, err = load(); err == nil {
		teams, members, cats, levels, err = loadFindingChoices(ctx, st)
	}
	return all, teams, members, cats, levels, err
}

// loadFindingChoices reads what finding forms choose from: the teams, the members (also those who
// left) and the 问题类别 and 问题等级 lists.
func loadFindingChoices(ctx context.Context, st data.Store) (teams []data.Team, members []data.Member, cats, levels []string, err error) {
	teams, err = st.Teams(ctx)
	if err == nil {
		members, err = st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	}
	if err == nil {
		cats, err = st.Options(ctx, data.ListFindingCategories)
	}
	if err == nil {
		levels, err = st.Options(ctx, data.ListFindingLevels)
	}
	return teams, members, cats, levels, err
}

// keepSelect sets a filter's options without calling its OnChanged, keeping the choice when it is
// still offered (else the first option, "all").
func keepSelect(sel *widget.Select, opts []string) {
	was, changed := sel.Selected, sel.OnChanged
	sel.OnChanged = nil
	sel.SetOptions(opts)
	if !slices.Contains(opts, was) {
		was = opts[0]
	}
	sel.SetSelected(was)
	sel.OnChanged = changed
}

// teamFilterOptions are all teams, none, then the teams.
func teamFilterOptions(teams []data.Team) []string {
	return append([]string{allTeams}, teamOptions(teams, optNoTeam)...)
}

// teamFilter reads a team filter built by teamFilterOptions: 0 any, -1 none, else the ID.
func teamFilter(sel *widget.Select, teams []data.Team) int64 {
	return orgFilter(sel, len(teams), func(i int) int64 { return teams[i].ID })
}

// ShowView shows the findings a 工作台 line counts (data.ViewOverdue, data.ViewDue: still open).
func (s *FindingsScreen) ShowView(view string) {
	switch view {
	case data.ViewOverdue:
		s.SetView(FindingsOverdue)
	case data.ViewDue:
		s.SetView(FindingsOpen)
	}
}

// SetView applies a preset of the list (工作台's cards and Navigate): every other filter is cleared.
func (s *FindingsScreen) SetView(v FindingView) {
	state := allStates
	switch v {
	case FindingsOpen:
		state = stateOpen
	case FindingsOverdue:
		state = stateOverdue
	case FindingsDueThisWeek:
		state = stateDueWeek
	case FindingsToReview:
		state = data.StateReview
	}
	s.clearAll()
	s.stateSel.SetSelected(state)
	s.refilter()
}

// clearAll resets the search and every filter (the caller refilters).
func (s *FindingsScreen) clearAll() {
	s.clearFilters(s.stateSel, s.categorySel, s.teamSel, s.sourceSel, s.personSel)
}

// findingQuery is what the search and filters ask, read once per refilter.
type findingQuery struct {
	weekEnd                       data.Date
	team                          int64
	cat, source, person, state, q string
	fold                          bool // the query has Latin letters: texts are lower-cased
}

func (s *FindingsScreen) prepare() {
	pick := func(sel *widget.Select) string {
		if sel.SelectedIndex() > 0 {
			return sel.Selected
		}
		return ""
	}
	w := findingQuery{team: teamFilter(s.teamSel, s.teams), weekEnd: data.WeekOf(s.today).To, q: s.query(),
		cat: pick(s.categorySel), source: pick(s.sourceSel), person: pick(s.personSel), state: s.stateSel.Selected}
	// Chinese has no case: texts are lower-cased (a copy each) only for a query with Latin letters.
	w.fold = strings.ContainsFunc(w.q, func(r rune) bool { return r >= 'a' && r <= 'z' })
	s.where = w
}

func (s *FindingsScreen) match(_ int, f *data.Finding) bool {
	w := &s.where
	has := func(text string) bool {
		if w.fold {
			text = strings.ToLower(text)
		}
		return strings.Contains(text, w.q)
	}
	switch {
	case w.cat != "" && f.Category != w.cat, w.source != "" && f.Source != w.source, w.person != "" && f.Responsible != w.person:
	case w.team > 0 && f.TeamID != w.team, w.team < 0 && f.TeamID != 0:
	case !stateMatches(f, w.state, s.today, w.weekEnd):
	case w.q != "" && !has(f.Description) && !has(f.Responsible) && !has(f.Measures):
	default:
		return true
	}
	return false
}

// stateMatches applies the state filter (a state, or 未销号, 逾期, 本周到期).
func stateMatches(f *data.Finding, state string, today, weekEnd data.Date) bool {
	switch state {
	case allStates, "":
		return true
	case stateOpen:
		return f.State != data.StateClosed
	case stateOverdue:
		return f.OverdueDays(today) > 0
	case stateDueWeek:
		return f.DueBy(today, weekEnd)
	}
	return f.State == state
}

// toForm puts f in the form, with its state, close-out buttons and history.
func (s *FindingsScreen) toForm(f data.Finding) {
	s.form.Set(f)
	if f.InspectionID != 0 && s.OnShowInspection != nil {
		s.inspLink.Show()
	} else {
		s.inspLink.Hide()
	}
	s.history.Show(f.ID)
	s.showActions()
}

// showActions shows the state and the moves allowed now; they wait while the form has unsaved edits
// (a move saves only the state, and would drop them).
func (s *FindingsScreen) showActions() {
	f := s.form.Loaded()
	s.actions.Objects = nil
	s.pending.Hide()
	switch {
	case f.ID == 0:
		s.stateText.SetText("新问题")
		s.stateText.Importance = widget.MediumImportance
		s.pending.SetText("保存后即为“待整改”，再按整改进度办理")
		s.pending.Show()
	default:
		text, imp := stateLabel(&f, s.env.Today())
		if text != f.State {
			text = f.State + "（" + text + "）"
		}
		s.stateText.SetText(text)
		s.stateText.Importance = imp
		if s.form.Dirty() {
			s.pending.SetText("修改尚未保存：请先保存，再办理整改")
			s.pending.Show()
			break
		}
		s.actions.Objects = stateActions(s.env, f, s.afterMove)
	}
	s.stateText.Refresh()
	s.actions.Refresh()
	if f.State == data.StateClosed || f.Progress != "" {
		s.closeOut.SetText(fmt.Sprintf("整改情况：%s\n验收人：%s　销号日期：%s", cmpOr(f.Progress, "—"), cmpOr(f.Acceptor, "—"),
			cmpOr(f.ClosedDate.String(), "—")))
		s.closeOut.Show()
	} else {
		s.closeOut.Hide()
	}
}

// afterMove shows a finding after a change of state.
func (s *FindingsScreen) afterMove(f data.Finding) {
	s.selected = f.ID
	s.Reload()
	s.reveal(f.ID)
	s.show(f, true)
	s.frame.SetStatus(fmt.Sprintf("已改为“%s”（%s）", f.State, time.Now().Format("15:04:05")), false)
}

// finding is the form's finding; what could not be read comes with the validator's other
// messages.
func (s *FindingsScreen) finding() (data.Finding, error) {
	f, fe := s.form.Finding()
	return formRecord(f, fe, data.ValidateFinding, s.env.Today())
}

// mergeErrors is first followed by the messages of more about fields first says nothing about: a
// field that could not be read keeps that message, not one about its (then empty) value.
func mergeErrors(first, more data.FieldErrors) data.FieldErrors {
	out := slices.Clone(first)
	for _, e := range more {
		if first.For(e.Field) == "" {
			out = append(out, e)
		}
	}
	return out
}

// Period choices of the lists (and of the 报表 screen's period).
const (
	periodThisMonth   = widgets.PeriodThisMonth
	periodLastMonth   = widgets.PeriodLastMonth
	periodThisQuarter = widgets.PeriodThisQuarter
	periodThisYear    = widgets.PeriodThisYear
	periodAll         = widgets.PeriodAll
	periodCustom      = widgets.PeriodCustom
)

// periodFilter is a list's date filter (widgets.PeriodFilter) with what its choices mean.
type periodFilter struct {
	*widgets.PeriodFilter
	today func() data.Date
}

func newPeriodFilter(today func() data.Date, changed func()) *periodFilter {
	return &periodFilter{PeriodFilter: widgets.NewPeriodFilter(today, changed), today: today}
}

// span is the chosen period; zero ends are open (a custom date not yet typed, or not a date).
func (p *periodFilter) span() (from, to data.Date) {
	today := p.today()
	switch p.Sel.Selected {
	case periodThisMonth:
		r := data.MonthPeriod(today.Year, today.Month)
		return r.From, r.To
	case periodLastMonth:
		prev := data.DateOf(data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, -1, 0))
		r := data.MonthPeriod(prev.Year, prev.Month)
		return r.From, r.To
	case periodThisQuarter:
		r := data.QuarterPeriod(today.Year, (int(today.Month)-1)/3+1)
		return r.From, r.To
	case periodThisYear:
		r := data.YearPeriod(today.Year)
		return r.From, r.To
	case periodCustom:
		from, _ = p.From.Date()
		to, _ = p.To.Date()
	}
	return from, to
}

// FocusSearch puts the cursor into the search box with its text selected (Ctrl+F).
func (s *FindingsScreen) FocusSearch() { s.focusSearch() }
