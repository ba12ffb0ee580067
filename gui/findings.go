package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
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
var findingColumns = columns{{"发现日期", 0, "2026-11-23"}, {"问题描述", 2.4, ""}, {"类别", 1.2, ""}, {"责任人", 0.8, ""},
	{"整改期限", 0, "2026-11-23"}, {"状态", 0, "逾期999天"}}

// FindingsScreen is 问题整改: every finding, whatever its source, in a list (newest first) with
// filters, and on the right the finding's form with its state, the close-out buttons and its
// history. Findings are kept in memory, so filtering 100,000 of them never waits for the file.
type FindingsScreen struct {
	env *Env
	// OnShowInspection, when set, opens the inspection that found a finding (查看督查记录).
	OnShowInspection func(id int64)

	listPane[data.Finding] // all: newest first

	teams []data.Team
	today data.Date

	search      *Entry
	period      *periodFilter
	stateSel    *widget.Select
	categorySel *widget.Select
	teamSel     *widget.Select
	sourceSel   *widget.Select
	personSel   *widget.Select
	count       *widget.Label

	form      *FindingForm
	frame     *recordFrame
	stateText *widget.Label
	actions   *fyne.Container
	pending   *widget.Label // why the actions wait (unsaved edits, a new finding)
	closeOut  *widget.Label
	history   *historyView
	inspLink  *widget.Button
	deleteBtn *widget.Button
	content   fyne.CanvasObject
}

// NewFindingsScreen builds the screen and loads the findings.
func NewFindingsScreen(env *Env) *FindingsScreen {
	s := &FindingsScreen{env: env}
	s.search = NewEntry()
	s.search.SetPlaceHolder("搜索：问题描述、责任人、整改措施")
	s.search.OnChanged = func(string) { s.refilter() }
	s.search.OnSubmitted = func(string) {
		if len(s.visible) > 0 {
			s.list.Select(0)
		}
	}
	s.search.ActionItem = newIconButton(theme.SearchIcon(), s.FocusSearch)
	onFilter := func(string) { s.refilter() }
	s.period = newPeriodFilter(env.Today, s.refilter)
	s.stateSel = NewSelect(findingStateFilters, onFilter)
	s.stateSel.SetSelectedIndex(0)
	s.categorySel = NewSelect([]string{allFindingCats}, onFilter)
	s.categorySel.SetSelectedIndex(0)
	s.teamSel = NewSelect([]string{allTeams}, onFilter)
	s.teamSel.SetSelectedIndex(0)
	s.sourceSel = NewSelect(append([]string{allSources}, data.FindingSources...), onFilter)
	s.sourceSel.SetSelectedIndex(0)
	s.personSel = NewSelect([]string{allPeople}, onFilter)
	s.personSel.SetSelectedIndex(0)
	s.count = widget.NewLabel("")

	s.listPane.init(env, listSpec[data.Finding]{
		ID:     func(f *data.Finding) int64 { return f.ID },
		NewRow: func() fyne.CanvasObject { return findingColumns.row(false) },
		SetRow: func(o fyne.CanvasObject, i int) { s.setRow(o, &s.all[i]) },
		Dirty:  func() bool { return s.form.Dirty() },
		What:   func() string { return "这个问题" },
		Show:   func(f data.Finding) { s.showForm(f, false) },
		Unhide: func(int64) {
			s.clearFilters()
			s.refilter()
		},
	})

	s.form = NewFindingForm(env.Today)
	s.form.OnSubmit = s.Save
	s.form.OnChanged = func() {
		s.frame.setStatus("", false)
		s.showActions()
	}
	s.stateText = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.actions = container.NewHBox()
	s.pending = widget.NewLabel("")
	s.pending.Importance = widget.LowImportance
	s.closeOut = note("")
	s.history = newHistoryView(env)
	s.inspLink = widget.NewButtonWithIcon("查看督查记录", theme.NavigateNextIcon(), func() {
		if id := s.form.Loaded().InspectionID; id != 0 && s.OnShowInspection != nil {
			s.OnShowInspection(id)
		}
	})
	s.inspLink.Importance = widget.LowImportance

	newBtn := widget.NewButtonWithIcon("登记问题", theme.ContentAddIcon(), s.New)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteFinding)

	filters := container.NewVBox(
		orderedBorder(nil, nil, newBtn, s.count, nil),
		s.search,
		container.NewGridWithColumns(3, s.period.sel, s.stateSel, s.categorySel),
		s.period.custom,
		container.NewGridWithColumns(3, s.teamSel, s.sourceSel, s.personSel),
		findingColumns.row(true),
	)
	left := orderedBorder(filters, nil, nil, nil, s.list)

	flow := container.NewVBox(
		heading("整改与销号"),
		container.NewHBox(widget.NewLabel("状态："), s.stateText, s.inspLink),
		s.actions, s.pending, s.closeOut,
		heading("办理记录"),
		s.history.Content(),
	)
	s.frame = newRecordFrame(left, container.NewVBox(s.form.Content(), flow), orderedBorder(nil, nil, s.deleteBtn, saveBtn, nil), 0.55)
	s.content = s.frame.split
	s.Reload()
	s.showForm(s.form.Blank(), false)
	return s
}

// Content implements Screen.
func (s *FindingsScreen) Content() fyne.CanvasObject { return s.content }

// Reload re-reads the findings, teams, members and option lists; the form keeps what is typed.
func (s *FindingsScreen) Reload() {
	ctx := context.Background()
	st := s.env.Store
	all, err := st.Findings(ctx, data.FindingFilter{})
	var teams []data.Team
	var members []data.Member
	var cats, levels []string
	if err == nil {
		teams, members, cats, levels, err = loadFindingChoices(ctx, st)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	slices.Reverse(all) // the store lists oldest first; the newest matter most
	s.all, s.teams, s.today = all, teams, s.env.Today()
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
	s.refilter()
	if id := s.form.Loaded().ID; id != 0 && !s.form.Dirty() {
		if f, ok := s.byID(id); ok {
			s.showForm(f, true)
		} else {
			s.showForm(s.form.Blank(), false) // deleted elsewhere
		}
	}
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
	s.clearFilters()
	s.stateSel.SetSelected(state)
	s.refilter()
}

// clearFilters resets search and filters without refiltering on each.
func (s *FindingsScreen) clearFilters() {
	for _, sel := range []*widget.Select{s.stateSel, s.categorySel, s.teamSel, s.sourceSel, s.personSel} {
		changed := sel.OnChanged
		sel.OnChanged = nil
		sel.SetSelectedIndex(0)
		sel.OnChanged = changed
	}
	s.period.reset()
	changed := s.search.OnChanged
	s.search.OnChanged = nil
	s.search.SetText("")
	s.search.OnChanged = changed
}

// refilter recomputes the listed findings from the search text and the filters.
func (s *FindingsScreen) refilter() {
	if s.list == nil || s.stateSel == nil {
		return
	}
	from, to := s.period.span()
	team := teamFilter(s.teamSel, s.teams)
	pick := func(sel *widget.Select) string {
		if sel.SelectedIndex() > 0 {
			return sel.Selected
		}
		return ""
	}
	cat, source, person, state := pick(s.categorySel), pick(s.sourceSel), pick(s.personSel), s.stateSel.Selected
	weekEnd := data.WeekOf(s.today).To
	q := strings.ToLower(data.NormalizeText(s.search.Text))
	// Chinese has no case: texts are lower-cased (a copy each) only for a query with Latin letters.
	fold := strings.ContainsFunc(q, func(r rune) bool { return r >= 'a' && r <= 'z' })
	has := func(text string) bool {
		if fold {
			text = strings.ToLower(text)
		}
		return strings.Contains(text, q)
	}
	vis := s.visible[:0]
	for i := range s.all {
		f := &s.all[i]
		switch {
		case !from.IsZero() && f.FoundDate.Before(from), !to.IsZero() && f.FoundDate.After(to):
		case cat != "" && f.Category != cat, source != "" && f.Source != source, person != "" && f.Responsible != person:
		case team > 0 && f.TeamID != team, team < 0 && f.TeamID != 0:
		case !stateMatches(f, state, s.today, weekEnd):
		case q != "" && !has(f.Description) && !has(f.Responsible) && !has(f.Measures):
		default:
			vis = append(vis, i)
		}
	}
	s.count.SetText(fmt.Sprintf("共 %d 个问题", len(vis)))
	s.setVisible(vis)
	s.list.ScrollToTop()
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
		return f.State != data.StateClosed && !f.Deadline.IsZero() && !f.Deadline.After(weekEnd)
	}
	return f.State == state
}

func (s *FindingsScreen) setRow(o fyne.CanvasObject, f *data.Finding) {
	state, imp := stateLabel(f, s.today)
	findingColumns.set(o, []string{f.FoundDate.String(), f.Description, f.Category, f.Responsible, f.Deadline.String(), state},
		map[int]widget.Importance{5: imp})
}

// showForm puts f in the form, with its state, close-out buttons and history.
func (s *FindingsScreen) showForm(f data.Finding, keepStatus bool) {
	s.form.Set(f)
	s.selected = f.ID
	if f.ID == 0 {
		s.frame.title.SetText("登记问题（来源：其他）")
		s.deleteBtn.Disable()
	} else {
		s.frame.title.SetText("问题：" + clip(f.Description, 24))
		s.deleteBtn.Enable()
	}
	if f.InspectionID != 0 && s.OnShowInspection != nil {
		s.inspLink.Show()
	} else {
		s.inspLink.Hide()
	}
	s.history.Show(f.ID)
	s.showActions()
	if !keepStatus {
		s.frame.setStatus("", false)
	}
	s.syncSelection()
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
	s.showForm(f, true)
	s.frame.setStatus(fmt.Sprintf("已改为“%s”（%s）", f.State, time.Now().Format("15:04:05")), false)
}

// Select shows finding id in the form and the list (clearing filters that hide it).
func (s *FindingsScreen) Select(id int64) {
	s.open(id, func(f data.Finding) {
		s.reveal(id)
		s.showForm(f, false)
	})
}

// New clears the form for a finding typed by hand (Ctrl+N).
func (s *FindingsScreen) New() {
	s.confirmDiscard(func() {
		s.showForm(s.form.Blank(), false)
		s.form.FocusFirst()
	}, nil)
}

// Save saves the form (Ctrl+S, 保存, Enter in 整改措施); problems are shown under their fields.
func (s *FindingsScreen) Save() {
	f, fe := s.form.Finding()
	ctx := context.Background()
	var err error
	switch {
	case fe != nil:
		// Something could not be read: show it with every other problem, without saving.
		check := f
		check.Normalize()
		err = mergeErrors(fe, data.ValidateFinding(&check, s.env.Today()))
	case f.ID == 0:
		err = s.env.Store.CreateFinding(ctx, &f)
	default:
		err = s.env.Store.UpdateFinding(ctx, &f)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		unplaced := s.form.ShowErrors(ferr)
		s.frame.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明。%s", len(ferr), strings.Join(unplaced, "；")), true)
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	s.selected = f.ID
	s.form.Set(f) // not dirty: Reload may show it
	s.Reload()
	s.reveal(f.ID)
	s.showForm(f, true)
	s.frame.setStatus(fmt.Sprintf("已保存（%s）", time.Now().Format("15:04:05")), false)
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

func (s *FindingsScreen) deleteFinding() {
	f := s.form.Loaded()
	if f.ID == 0 {
		return
	}
	msg := fmt.Sprintf("确定要删除问题%s吗？\n它和它的办理记录会移入“回收站”，可在那里恢复。\n删除只用于纠正录错的记录；整改完成的问题请“验收销号”。", findingCaption(f))
	ShowConfirm(s.env.Win, "删除问题", msg, "删除", func() {
		if err := s.env.Store.DeleteFinding(context.Background(), f.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.showForm(s.form.Blank(), false)
		s.Reload()
		s.frame.setStatus("已删除问题"+findingCaption(f), false)
		if s.env.Changed != nil {
			s.env.Changed()
		}
	})
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

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *FindingsScreen) FocusSearch() {
	focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// columns describe a list's columns: titles and widths. A column with a fit text (a date) is as wide
// as that text; the others share the rest by weight. row builds a row (or the bold header) whose
// labels line up with the other rows; set fills one.
type columns []struct {
	title  string
	weight float32
	fit    string
}

func (cs columns) row(header bool) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(cs))
	for i := range objs {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateClip // not Ellipsis: slow with a CJK font (see members.go)
		if header {
			l.SetText(cs[i].title)
			l.TextStyle.Bold = true
		}
		objs[i] = l
	}
	return container.New(cs, objs...)
}

// set shows texts in a row, with the importance given for some columns (medium for the others).
func (cs columns) set(o fyne.CanvasObject, texts []string, imp map[int]widget.Importance) {
	for i, obj := range o.(*fyne.Container).Objects {
		l := obj.(*widget.Label)
		want := imp[i]
		if l.Text != texts[i] || l.Importance != want {
			l.Text, l.Importance = texts[i], want
			l.Refresh()
		}
	}
}

// widths are the columns' widths in a row size wide.
func (cs columns) widths(size float32) []float32 {
	w := make([]float32, len(cs))
	rest, weights := size, float32(0)
	for i, c := range cs {
		if c.fit == "" {
			weights += c.weight
			continue
		}
		style := fyne.TextStyle{Bold: true}
		w[i] = max(fyne.MeasureText(c.fit, theme.TextSize(), style).Width, fyne.MeasureText(c.title, theme.TextSize(), style).Width) +
			2*theme.InnerPadding()
		rest -= w[i]
	}
	for i, c := range cs {
		if c.fit == "" {
			w[i] = max(rest, 0) * c.weight / weights
		}
	}
	return w
}

func (cs columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range cs.widths(size.Width) {
		objs[i].Resize(fyne.NewSize(w, size.Height))
		objs[i].Move(fyne.NewPos(x, 0))
		x += w
	}
}

func (cs columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	width := float32(0)
	for _, w := range cs.widths(0) {
		width += max(w, 36)
	}
	return fyne.NewSize(width, h)
}

// Period choices of the lists.
const (
	periodThisMonth   = "本月"
	periodLastMonth   = "上月"
	periodThisQuarter = "本季度"
	periodThisYear    = "本年"
	periodAll         = "全部日期"
	periodCustom      = "自选日期…"
)

// periodFilter is a list's date filter: a select of common periods and, for 自选日期, two date
// fields (from, to) shown under it.
type periodFilter struct {
	today    func() data.Date
	sel      *widget.Select
	from, to *DateEntry
	custom   *fyne.Container // the two date fields; hidden unless 自选日期
}

func newPeriodFilter(today func() data.Date, changed func()) *periodFilter {
	p := &periodFilter{today: today}
	p.from, p.to = NewDateEntry(), NewDateEntry()
	for _, e := range []*DateEntry{p.from, p.to} {
		e.Today = today
		e.OnFocusLost = changed
		e.OnSubmitted = func(string) { changed() }
	}
	p.from.SetPlaceHolder("开始日期")
	p.to.SetPlaceHolder("结束日期")
	p.custom = container.NewBorder(nil, nil, nil, nil,
		container.NewGridWithColumns(2, p.from, p.to))
	p.custom.Hide()
	p.sel = NewSelect([]string{periodThisMonth, periodLastMonth, periodThisQuarter, periodThisYear, periodAll, periodCustom},
		func(v string) {
			p.custom.Hidden = v != periodCustom
			p.custom.Refresh()
			changed()
		})
	p.sel.SetSelected(periodAll)
	return p
}

// reset shows every date, without calling changed.
func (p *periodFilter) reset() {
	changed := p.sel.OnChanged
	p.sel.OnChanged = nil
	p.sel.SetSelected(periodAll)
	p.sel.OnChanged = changed
	p.custom.Hide()
}

// span is the chosen period; zero ends are open (a custom date not yet typed, or not a date).
func (p *periodFilter) span() (from, to data.Date) {
	today := p.today()
	switch p.sel.Selected {
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
		from, _ = p.from.Date()
		to, _ = p.to.Date()
	}
	return from, to
}

// chip is a small tappable text (with an optional icon) that takes no keyboard focus: choices
// offered under a field and the controls of rows, which would otherwise add Tab stops between
// fields.
type chip struct {
	widget.BaseWidget
	text  *widget.Label
	icon  *widget.Icon
	bg    *canvas.Rectangle
	OnTap func()
}

func newChip(text string, icon fyne.Resource, onTap func()) *chip {
	c := &chip{text: widget.NewLabel(text), icon: widget.NewIcon(icon), OnTap: onTap}
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameButton))
	c.bg.CornerRadius = theme.InputRadiusSize()
	if icon == nil {
		c.icon.Hide()
	}
	c.ExtendBaseWidget(c)
	return c
}

// Set changes the chip's text and icon (nil: none).
func (c *chip) Set(text string, icon fyne.Resource) {
	c.text.SetText(text)
	c.icon.SetResource(icon)
	c.icon.Hidden = icon == nil
	c.Refresh()
}

func (c *chip) Tapped(*fyne.PointEvent) {
	if c.OnTap != nil {
		c.OnTap()
	}
}

func (c *chip) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *chip) CreateRenderer() fyne.WidgetRenderer {
	box := container.NewHBox(c.icon, c.text)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, box))
}
