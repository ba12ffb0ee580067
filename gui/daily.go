package gui

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// DailyScreen is 日清 (SPEC §3): the open problems due today or overdue, grouped by 责任人, each
// with one-click buttons for its next states (flow.go), and the problems found today.
type DailyScreen struct {
	env     *Env
	summary *widget.Label
	due     *fyne.Container // a card per person
	found   *fyne.Container // today's new findings
	content fyne.CanvasObject

	// What is shown, for the buttons and tests.
	groups   []dailyGroup
	newToday []data.Finding
	// actions are the state buttons of each finding shown (by id), in data.NextStates order.
	actions map[int64][]fyne.CanvasObject
}

// dailyGroup is one 责任人's due and overdue findings, the longest overdue first.
type dailyGroup struct {
	person   string
	findings []data.Finding
	overdue  int
}

// NewDailyScreen builds 日清 and loads it.
func NewDailyScreen(env *Env) *DailyScreen {
	s := &DailyScreen{env: env}
	s.summary = widgets.Note("")
	s.due = container.NewVBox()
	s.found = container.NewVBox()
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		widgets.Heading("日清：今日到期和逾期的问题"), s.summary, s.due,
		widget.NewSeparator(),
		widgets.Heading("今日新发现"), s.found)))
	s.Reload()
	return s
}

// Content implements Screen.
func (s *DailyScreen) Content() fyne.CanvasObject { return s.content }

// Reload loads the open findings due by today and today's new findings.
func (s *DailyScreen) Reload() {
	ctx := context.Background()
	today := s.env.Today()
	due, err := s.env.Store.Findings(ctx, data.FindingFilter{DueBy: today})
	var found []data.Finding
	var teams []data.Team
	if err == nil {
		found, err = s.env.Store.Findings(ctx, data.FindingFilter{From: today, To: today})
	}
	if err == nil {
		teams, err = s.env.Store.Teams(ctx)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	teamName := map[int64]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	s.groups, s.newToday = groupByPerson(due, today), found
	s.actions = map[int64][]fyne.CanvasObject{}

	overdue := 0
	s.due.Objects = nil
	for _, g := range s.groups {
		overdue += g.overdue
		title := fmt.Sprintf("%s（%d 项）", g.person, len(g.findings))
		if g.overdue > 0 {
			title = fmt.Sprintf("%s（%d 项，其中逾期 %d 项）", g.person, len(g.findings), g.overdue)
		}
		rows := container.NewVBox()
		for i, f := range g.findings {
			if i > 0 {
				rows.Add(widget.NewSeparator())
			}
			rows.Add(s.row(f, teamName[f.TeamID], false, today))
		}
		s.due.Add(card(title, rows, ""))
	}
	if len(s.groups) == 0 {
		done := widget.NewLabelWithStyle("今天没有到期或逾期的问题。", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		done.Importance = widget.SuccessImportance
		s.due.Add(container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), done))
	}
	s.due.Refresh()
	s.summary.SetText(s.summaryText(today, len(due), overdue))

	s.found.Objects = nil
	for _, f := range found {
		s.found.Add(s.row(f, teamName[f.TeamID], true, today))
	}
	if len(found) == 0 {
		s.found.Add(widgets.Note("今天还没有登记新发现的问题。"))
	}
	s.found.Refresh()
}

func (s *DailyScreen) summaryText(today data.Date, due, overdue int) string {
	day := dayText(today)
	if due == 0 {
		return day + "。未销号的问题都还没有到整改期限。"
	}
	return fmt.Sprintf("%s。到期和逾期未销号的问题共 %d 项（其中逾期 %d 项），涉及 %d 名责任人。"+
		"点问题右边的按钮即可办理：开始整改、提请验收、验收销号。", day, due, overdue, len(s.groups))
}

// groupByPerson groups findings by 责任人 (in name order), each person's longest overdue first.
func groupByPerson(fs []data.Finding, today data.Date) []dailyGroup {
	byName := map[string]*dailyGroup{}
	var names []string
	for _, f := range fs {
		g := byName[f.Responsible]
		if g == nil {
			g = &dailyGroup{person: f.Responsible}
			byName[f.Responsible] = g
			names = append(names, f.Responsible)
		}
		g.findings = append(g.findings, f)
		if f.OverdueDays(today) > 0 {
			g.overdue++
		}
	}
	slices.SortFunc(names, data.CompareNames)
	out := make([]dailyGroup, len(names))
	for i, n := range names {
		g := byName[n]
		slices.SortStableFunc(g.findings, func(a, b data.Finding) int {
			return cmp.Or(a.Deadline.Compare(b.Deadline), a.FoundDate.Compare(b.FoundDate), cmp.Compare(a.ID, b.ID))
		})
		out[i] = *g
	}
	return out
}

// row is one finding: its description over 班组 (and 责任人 for new findings), 整改期限 with
// 逾期N天 in red, and its state; the buttons of its next states on the right.
func (s *DailyScreen) row(f data.Finding, team string, withPerson bool, today data.Date) fyne.CanvasObject {
	desc := widgets.Note(f.Description)
	var meta []fyne.CanvasObject
	small := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Importance = imp
		meta = append(meta, l)
	}
	if team == "" {
		team = "未指定班组"
	}
	small("班组："+team, widget.MediumImportance)
	if withPerson {
		small("责任人："+f.Responsible, widget.MediumImportance)
	}
	small(f.Category, widget.MediumImportance)
	small("整改期限："+f.Deadline.String(), widget.MediumImportance)
	switch n := f.OverdueDays(today); {
	case n > 0:
		small(fmt.Sprintf("逾期%d天", n), widget.DangerImportance)
	case f.State != data.StateClosed && f.Deadline == today:
		small("今天到期", widget.WarningImportance)
	}
	state := widget.NewLabelWithStyle(f.State, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	meta = append(meta, state)

	actions := stateActions(s.env, f, func(data.Finding) { s.Reload() })
	s.actions[f.ID] = actions
	buttons := container.New(layout.NewCustomPaddedHBoxLayout(theme.Padding()), actions...)
	return widgets.OrderedBorder(nil, nil, nil, container.NewCenter(buttons),
		container.NewVBox(desc, container.New(layout.NewCustomPaddedHBoxLayout(0), meta...)))
}
