package gui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// This file is 信访维稳 (SPEC §12.5): 信访事项, the cases with their 包保责任人 followed to 已化解 or
// 息诉罢访 (overdue and 越级上访 in red), and 矛盾排查, the screening rounds.

// Filter texts of the petitions list.
const (
	allPetitionStates = "全部状态"
	petitionOpen      = "未化解"
	petitionOverdue   = "逾期未化解"
	petitionDue       = "本月到期"
	petitionEscalated = "越级上访"
)

// petitionColumns are the cases list's columns: 诉求内容 takes the width the others leave, so they
// are sized for the usual three-character name and 包保责任人 shows the first one (等 for more).
var petitionColumns = widgets.Columns{{"登记日期", 0, "2026-11-23"}, {"信访人", 0, "王建国"}, {"诉求内容", 1, ""},
	{"包保责任人", 0, "王建国等"}, {"办理期限", 0, "2026-11-23"}, {"状态", 0, "逾期10天·越级上访"}}

// PetitionsScreen is 信访事项: the cases, newest first, and the form of one.
type PetitionsScreen struct {
	recordScreen[data.Petition]

	today    data.Date
	stateSel *widget.Select

	people     *memberChoices
	date       *widgets.DateEntry
	petitioner *widgets.Entry
	team       *widgets.Entry
	category   *widget.Select
	content    *widgets.TextArea
	risk       *widget.Select
	keepers    *inspectorPicker
	measures   *widgets.TextArea
	deadline   *widgets.DateEntry
	state      *widget.Select
	resolved   *widgets.DateEntry
	result     *widgets.TextArea
	escalated  *widget.Check
	form       fyne.CanvasObject // laid out again when the picker's rows change height
}

// NewPetitionsScreen builds the screen and loads the cases.
func NewPetitionsScreen(env *Env) Screen {
	s := &PetitionsScreen{people: newMemberChoices(nil, nil)}
	s.stateSel = s.filterSelect(allPetitionStates, append([]string{petitionOpen, petitionOverdue, petitionDue, petitionEscalated}, data.PetitionStates...)...)
	s.initRecord(env, recordSpec[data.Petition]{
		Columns: petitionColumns,
		Cells:   s.cells,
		ID:      func(p *data.Petition) int64 { return p.ID },
		Load:    s.load,
		Date:    func(p *data.Petition) data.Date { return p.Date },
		Match:   s.match,
		Search:  "搜索信访人、班组、诉求或包保责任人",
		Count:   "共 %d 件", NewLabel: "登记信访事项", What: "这件信访事项",
		Blank: func() data.Petition {
			today := env.Today()
			return data.Petition{Date: today, Deadline: today.AddDays(30), Risk: data.PetitionRisks[0], State: data.PetitionRegistered}
		},
		ToForm:   s.toForm,
		FromForm: s.petition,
		Title:    data.PetitionLabel,
		NewTitle: "新信访事项",
		Focus:    func() { focus(s.petitioner) },
		Save:     env.Store.SavePetition,
		Delete:   env.Store.DeletePetition,
		Entity:   data.EntPetition,
		Noun:     "信访事项",
	})

	fs := &s.fields
	s.date = s.newDate(data.FPetitionDate, env.Today)
	s.petitioner = s.newEntry(data.FPetitioner, "姓名")
	s.team = s.newEntry(data.FPetitionTeam, "如 综采一队")
	s.category = widgets.NewSelect(append([]string{optNone}, data.PetitionCategories...), func(string) { s.changed(data.FPetitionCategory) })
	s.content = s.newArea(data.FPetitionContent, 3, "")
	s.risk = widgets.NewSelect(data.PetitionRisks, func(string) { s.changed(data.FPetitionRisk) })
	s.keepers = newMembersPicker(func() { s.changed(data.FKeepers); s.form.Refresh() })
	s.measures = s.newArea(data.FPetitionMeasures, 3, "")
	s.deadline = s.newDate(data.FPetitionDeadline, env.Today)
	s.resolved = s.newDate(data.FResolvedDate, env.Today)
	s.state = widgets.NewSelect(data.PetitionStates, func(v string) {
		if data.PetitionClosed(v) {
			s.resolved.Enable()
		} else {
			s.resolved.Disable()
		}
		s.changed(data.FPetitionState)
	})
	s.result = s.newArea(data.FPetitionResult, 2, "")
	s.escalated = widget.NewCheck("是（一票否决）", func(bool) { s.changed(data.FEscalated) })
	fContent, fKeepers, fMeasures, fResult := fs.Add(data.FPetitionContent, true, s.content), fs.Add(data.FKeepers, true, s.keepers.Content()),
		fs.Add(data.FPetitionMeasures, false, s.measures), fs.Add(data.FPetitionResult, false, s.result)
	fContent.Wide, fKeepers.Wide, fMeasures.Wide, fResult.Wide = true, true, true, true
	s.form = widgets.NewSections(2).
		Add("信访事项", fs.Add(data.FPetitionDate, true, s.date), fs.Add(data.FPetitioner, true, s.petitioner),
			fs.Add(data.FPetitionTeam, false, s.team), fs.Add(data.FPetitionCategory, false, s.category), fContent,
			fs.Add(data.FPetitionRisk, false, s.risk), fs.Add(data.FEscalated, false, widgets.PlainChecks(s.escalated))).
		Add("包保化解", fKeepers, fMeasures, fs.Add(data.FPetitionDeadline, true, s.deadline), fs.Add(data.FPetitionState, false, s.state),
			fs.Add(data.FResolvedDate, false, s.resolved), fResult).
		Content()
	s.buildFrame(s.periodRow(s.stateSel), s.form, 0.55)
	return s
}

// load reads the cases, newest first, and the members 包保责任人 are chosen from.
func (s *PetitionsScreen) load(ctx context.Context) ([]data.Petition, error) {
	all, err := s.env.Store.Petitions(ctx, data.PetitionFilter{})
	if err == nil {
		s.people, _, err = loadPeople(ctx, s.env.Store)
	}
	if err != nil {
		return nil, err
	}
	s.keepers.setPeople(s.people)
	slices.Reverse(all)
	s.today = s.env.Today()
	return all, nil
}

// petitionStateText is the 状态 as the list shows it: 逾期N天 for an overdue case, 越级上访 added.
func petitionStateText(p *data.Petition, today data.Date) string {
	state := p.State
	if n := p.OverdueDays(today); n > 0 {
		state = fmt.Sprintf("逾期%d天", n)
	}
	if p.Escalated {
		state += "·" + petitionEscalated
	}
	return state
}

func (s *PetitionsScreen) cells(p *data.Petition) ([]string, map[int]widget.Importance) {
	imp := map[int]widget.Importance{}
	switch {
	case p.OverdueDays(s.today) > 0 || p.Escalated:
		imp[5] = widget.DangerImportance
	case data.PetitionClosed(p.State):
		imp[5] = widget.SuccessImportance
	}
	if p.Escalated {
		imp[1] = widget.DangerImportance
	}
	keepers := ""
	if len(p.Keepers) > 0 {
		keepers = p.Keepers[0].Name
	}
	if len(p.Keepers) > 1 {
		keepers += "等"
	}
	return []string{p.Date.String(), p.Petitioner, p.Content, keepers, p.Deadline.String(), petitionStateText(p, s.today)}, imp
}

func (s *PetitionsScreen) match(_ int, p *data.Petition) bool {
	switch state := s.stateSel.Selected; {
	case state == petitionOpen && p.ClosedBy(s.today):
	case state == petitionOverdue && p.OverdueDays(s.today) == 0:
	case state == petitionDue && !p.DueIn(s.today):
	case state == petitionEscalated && !p.Escalated:
	case slices.Contains(data.PetitionStates, state) && p.State != state:
	case !s.searched(p.Petitioner, p.Team, p.Content, p.KeepersText()):
	default:
		return true
	}
	return false
}

// ShowView shows the cases a 工作台 line counts: data.ViewOverdue (open past 办理期限) or
// data.ViewDue (open, due by the month's end); every other filter is cleared.
func (s *PetitionsScreen) ShowView(view string) {
	state := allPetitionStates
	switch view {
	case data.ViewOverdue:
		state = petitionOverdue
	case data.ViewDue:
		state = petitionDue
	}
	s.clearFilters()
	clearSelect(s.stateSel, state)
	s.refilter()
}

// toPicker and fromPicker convert the members of a record to and from a members picker.
func toPicker(ms []data.PetitionMember) []data.Inspector {
	out := make([]data.Inspector, len(ms))
	for i, m := range ms {
		out[i] = data.Inspector{MemberID: m.MemberID, Name: m.Name}
	}
	return out
}

func fromPicker(p *inspectorPicker) []data.PetitionMember {
	var out []data.PetitionMember
	for _, c := range p.Inspectors() {
		out = append(out, data.PetitionMember{MemberID: c.MemberID, Name: c.Name})
	}
	return out
}

func (s *PetitionsScreen) toForm(p data.Petition) {
	s.date.SetDate(p.Date)
	s.petitioner.SetText(p.Petitioner)
	s.team.SetText(p.Team)
	selectOr(s.category, p.Category, optNone)
	s.content.SetText(p.Content)
	selectOr(s.risk, p.Risk, data.PetitionRisks[0])
	s.keepers.Set(toPicker(p.Keepers))
	s.measures.SetText(p.Measures)
	s.deadline.SetDate(p.Deadline)
	selectOr(s.state, p.State, data.PetitionRegistered)
	s.resolved.SetDate(p.Resolved)
	s.result.SetText(p.Result)
	s.escalated.SetChecked(p.Escalated)
	s.form.Refresh()
}

// petition reads the form over the case loaded.
func (s *PetitionsScreen) petition() (data.Petition, error) {
	p := s.loaded
	var fe data.FieldErrors
	p.Date = readDate(&fe, data.FPetitionDate, s.date)
	p.Deadline = readDate(&fe, data.FPetitionDeadline, s.deadline)
	p.Resolved = data.Date{}
	if data.PetitionClosed(s.state.Selected) {
		p.Resolved = readDate(&fe, data.FResolvedDate, s.resolved)
	}
	p.Petitioner, p.Team, p.Content = s.petitioner.Text, s.team.Text, s.content.Text
	p.Category, p.Risk, p.State = selectedOr(s.category, optNone), s.risk.Selected, s.state.Selected
	p.Keepers = fromPicker(s.keepers)
	p.Measures, p.Result, p.Escalated = s.measures.Text, s.result.Text, s.escalated.Checked
	return formRecord(p, fe, data.ValidatePetition, s.env.Today())
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *PetitionsScreen) FocusSearch() { s.focusSearch() }

// screeningColumns are the screenings list's columns.
var screeningColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"范围", 1, ""}, {"排查人", 1, ""}, {"不稳定因素", 0, "不稳定因素"}}

// ScreeningsScreen is 矛盾排查: the screening rounds, newest first, and the form of one.
type ScreeningsScreen struct {
	recordScreen[data.Screening]

	people     *memberChoices
	teams      []string // the roster's teams, the choices of 范围
	date       *widgets.DateEntry
	scope      *fyne.Container          // one widget.Check per choice of 范围, four to a row
	scopeBox   *container.ThemeOverride // scope drawn as plain checks
	screeners  *inspectorPicker
	factors    *widgets.Entry
	factorText *widgets.TextArea
	form       fyne.CanvasObject // laid out again when the picker's rows change height
}

// NewScreeningsScreen builds the screen and loads the screenings.
func NewScreeningsScreen(env *Env) Screen {
	s := &ScreeningsScreen{people: newMemberChoices(nil, nil)}
	s.initRecord(env, recordSpec[data.Screening]{
		Columns: screeningColumns,
		Cells: func(v *data.Screening) ([]string, map[int]widget.Importance) {
			found := "未发现"
			var imp map[int]widget.Importance
			if v.Factors > 0 {
				found, imp = fmt.Sprintf("%d个", v.Factors), map[int]widget.Importance{3: widget.WarningImportance}
			}
			return []string{v.Date.String(), v.ScopeText(), v.ScreenersText(), found}, imp
		},
		ID:     func(v *data.Screening) int64 { return v.ID },
		Load:   s.load,
		Date:   func(v *data.Screening) data.Date { return v.Date },
		Match:  s.match,
		Search: "搜索范围、排查人或不稳定因素",
		Count:  "共 %d 次", NewLabel: "记录排查", What: "这次排查",
		Blank:    func() data.Screening { return data.Screening{Date: env.Today()} },
		ToForm:   s.toForm,
		FromForm: s.screening,
		Title:    data.ScreeningLabel,
		NewTitle: "新排查记录",
		Focus:    func() { focus(s.screeners.entry) },
		Save:     env.Store.SaveScreening,
		Delete:   env.Store.DeleteScreening,
		Entity:   data.EntScreening,
		Noun:     "排查记录",
	})
	fs := &s.fields
	s.date = s.newDate(data.FScreeningDate, env.Today)
	s.scope = container.NewGridWithColumns(4)
	s.scopeBox = widgets.PlainChecks(s.scope)
	s.screeners = newMembersPicker(func() { s.changed(data.FScreeners); s.form.Refresh() })
	s.factors = s.newEntry(data.FFactors, "个数，未发现不填")
	s.factorText = s.newArea(data.FFactorText, 3, "")
	fScope, fScreeners, fText := fs.Add(data.FScreeningScope, false, s.scopeBox), fs.Add(data.FScreeners, false, s.screeners.Content()),
		fs.Add(data.FFactorText, false, s.factorText)
	fScope.Wide, fScreeners.Wide, fText.Wide = true, true, true
	s.form = widgets.NewSections(2).
		Add("矛盾排查", fs.Add(data.FScreeningDate, true, s.date), fs.Add(data.FFactors, false, s.factors), fScope, fScreeners, fText).
		Content()
	s.buildFrame(s.periodRow(), s.form, 0.45)
	return s
}

// load reads the screenings, newest first, the members and the teams.
func (s *ScreeningsScreen) load(ctx context.Context) ([]data.Screening, error) {
	all, err := s.env.Store.Screenings(ctx, data.PetitionFilter{})
	var teams []data.Team
	if err == nil {
		s.people, _, err = loadPeople(ctx, s.env.Store)
	}
	if err == nil {
		teams, err = s.env.Store.Teams(ctx)
	}
	if err != nil {
		return nil, err
	}
	s.screeners.setPeople(s.people)
	s.teams = nil
	for _, t := range teams {
		s.teams = append(s.teams, t.Name)
	}
	slices.Reverse(all)
	return all, nil
}

func (s *ScreeningsScreen) match(_ int, v *data.Screening) bool {
	return s.searched(v.ScopeText(), v.ScreenersText(), v.FactorText)
}

func (s *ScreeningsScreen) toForm(v data.Screening) {
	s.date.SetDate(v.Date)
	// The choices: 全支部, the roster's teams and any team the record names that is gone since.
	opts := append([]string{data.ScopeWholeBranch}, s.teams...)
	for _, t := range v.Teams {
		if !slices.Contains(opts, t) {
			opts = append(opts, t)
		}
	}
	chosen := v.Teams
	if len(chosen) == 0 && v.ID != 0 {
		chosen = []string{data.ScopeWholeBranch}
	}
	s.scope.Objects = nil
	for _, o := range opts {
		c := widget.NewCheck(o, func(bool) { s.changed(data.FScreeningScope) })
		c.Checked = slices.Contains(chosen, o)
		s.scope.Add(c)
	}
	s.scopeBox.Refresh()
	s.screeners.Set(toPicker(v.Screeners))
	s.factors.SetText("")
	if v.Factors != 0 {
		s.factors.SetText(strconv.Itoa(v.Factors))
	}
	s.factorText.SetText(v.FactorText)
	s.form.Refresh()
}

// screening reads the form over the screening loaded; no team (or 全支部) chosen is the whole
// branch.
func (s *ScreeningsScreen) screening() (data.Screening, error) {
	v := s.loaded
	var fe data.FieldErrors
	v.Date = readDate(&fe, data.FScreeningDate, s.date)
	v.Teams = s.scopeChosen()
	v.Screeners = fromPicker(s.screeners)
	v.Factors = 0
	if t := strings.TrimSpace(data.NormalizeText(s.factors.Text)); t != "" {
		n, err := strconv.Atoi(strings.TrimSuffix(t, "个"))
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FFactors, Message: "不稳定因素个数应为整数，如 2；未发现不填"})
		}
		v.Factors = n
	}
	v.FactorText = s.factorText.Text
	return formRecord(v, fe, data.ValidateScreening, s.env.Today())
}

// scopeChosen are the choices of 范围 ticked, in their order.
func (s *ScreeningsScreen) scopeChosen() []string {
	var out []string
	for _, o := range s.scope.Objects {
		if c := o.(*widget.Check); c.Checked {
			out = append(out, c.Text)
		}
	}
	return out
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *ScreeningsScreen) FocusSearch() { s.focusSearch() }
