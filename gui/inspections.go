package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// Filter choices of the inspections list.
const (
	allKinds  = "全部类型"
	otherUnit = "（其他单位）"
)

// inspectionColumns are the inspections list's columns.
var inspectionColumns = columns{{"督查日期", 0, "2026-11-23"}, {"督查类型", 0, "四不两直督查"}, {"被查单位", 1, ""},
	{"牵头人", 0.7, ""}, {"问题", 1.35, ""}}

// InspectionsScreen is 督查记录: the inspections (newest first) with filters and a search on the
// left, the inspection form with its findings on the right. Inspections are kept in memory (a year
// is a few hundred), so filtering never waits for the file.
type InspectionsScreen struct {
	env *Env
	// OnShowFinding, when set, opens a finding in 问题整改 (a row's 办理整改).
	OnShowFinding func(id int64)

	listPane[data.Inspection] // all: newest first

	texts  []string // per inspection: what the search looks in, lower case
	teams  []data.Team
	people *memberChoices
	today  data.Date

	search   *Entry
	period   *periodFilter
	kindSel  *widget.Select
	teamSel  *widget.Select
	openOnly *widget.Check
	count    *widget.Label

	form      *InspectionForm
	frame     *recordFrame
	deleteBtn *widget.Button
	content   fyne.CanvasObject
}

// NewInspectionsScreen builds the screen and loads the inspections.
func NewInspectionsScreen(env *Env) *InspectionsScreen {
	s := &InspectionsScreen{env: env, people: newMemberChoices(nil, nil)}
	s.search = NewEntry()
	s.search.SetPlaceHolder("搜索：被查班组、督查内容、督查组成员（可用拼音首字母）")
	s.search.OnChanged = func(string) { s.refilter() }
	s.search.OnSubmitted = func(string) {
		if len(s.visible) > 0 {
			s.list.Select(0)
		}
	}
	s.search.ActionItem = newIconButton(theme.SearchIcon(), s.FocusSearch)
	onFilter := func(string) { s.refilter() }
	s.period = newPeriodFilter(env.Today, s.refilter)
	s.kindSel = NewSelect(append([]string{allKinds}, data.InspectionKinds...), onFilter)
	s.kindSel.SetSelectedIndex(0)
	s.teamSel = NewSelect([]string{allTeams}, onFilter)
	s.teamSel.SetSelectedIndex(0)
	s.openOnly = widget.NewCheck("有未销号问题", func(bool) { s.refilter() })
	s.count = widget.NewLabel("")

	s.listPane.init(env, listSpec[data.Inspection]{
		ID:     func(in *data.Inspection) int64 { return in.ID },
		NewRow: func() fyne.CanvasObject { return inspectionColumns.row(false) },
		SetRow: func(o fyne.CanvasObject, i int) { s.setRow(o, &s.all[i]) },
		Dirty:  func() bool { return s.form.Dirty() },
		What:   func() string { return "这条督查记录" },
		Show:   func(in data.Inspection) { s.showForm(in, false) },
		Unhide: func(int64) {
			s.search.SetText("")
			s.period.reset()
			s.kindSel.SetSelectedIndex(0)
			s.teamSel.SetSelectedIndex(0)
			s.openOnly.SetChecked(false)
			s.refilter()
		},
	})

	s.form = NewInspectionForm(env.Today)
	s.form.OnChanged = func() { s.frame.setStatus("", false) }
	s.form.OnShowFinding = func(id int64) {
		if s.OnShowFinding != nil {
			s.confirmDiscard(func() { s.OnShowFinding(id) }, nil)
		}
	}

	newBtn := widget.NewButtonWithIcon("新建督查记录", theme.ContentAddIcon(), s.New)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteInspection)

	filters := container.NewVBox(
		orderedBorder(nil, nil, newBtn, s.count, nil),
		s.search,
		container.NewGridWithColumns(3, s.period.sel, s.kindSel, s.teamSel),
		s.period.custom,
		s.openOnly,
		inspectionColumns.row(true),
	)
	left := orderedBorder(filters, nil, nil, nil, s.list)
	s.frame = newRecordFrame(left, s.form.Content(), orderedBorder(nil, nil, s.deleteBtn, saveBtn, nil), 0.45)
	s.form.OnRowAdded = func() { // rows are added at the end: show the new one
		s.frame.scroll.Refresh()
		s.frame.scroll.ScrollToBottom()
	}
	s.content = s.frame.split
	s.Reload()
	s.showForm(s.form.Blank(), false)
	return s
}

// Content implements Screen.
func (s *InspectionsScreen) Content() fyne.CanvasObject { return s.content }

// Reload re-reads inspections, teams, members and option lists; the form keeps what is typed.
func (s *InspectionsScreen) Reload() {
	ctx := context.Background()
	st := s.env.Store
	all, err := st.Inspections(ctx, data.InspectionFilter{})
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
	s.all, s.teams, s.today = all, teams, s.env.Today()
	s.people = newMemberChoices(members, teams)
	s.texts = make([]string, len(all))
	for i, in := range all {
		parts := []string{in.Unit, in.Place, in.Content, in.Kind}
		for _, p := range in.Inspectors {
			parts = append(parts, p.Name)
		}
		s.texts[i] = strings.ToLower(strings.Join(parts, "\n"))
	}
	s.form.SetChoices(cats, levels, teams, members)
	opts := append([]string{allTeams}, teamOptions(teams, otherUnit)...)
	keepSelect(s.teamSel, opts)
	s.refilter()
	if id := s.form.Loaded().ID; id != 0 && !s.form.Dirty() {
		if in, ok := s.byID(id); ok {
			s.showForm(in, true)
		} else {
			s.showForm(s.form.Blank(), false)
		}
	}
}

// refilter recomputes the listed inspections from the search text and the filters. The search
// looks in the unit, place, content and inspectors' names; a query in pinyin also finds the
// inspections of the members it spells (zs: 张三's).
func (s *InspectionsScreen) refilter() {
	if s.list == nil {
		return
	}
	from, to := s.period.span()
	kind := ""
	if s.kindSel.SelectedIndex() > 0 {
		kind = s.kindSel.Selected
	}
	team := teamFilter(s.teamSel, s.teams)
	q := strings.ToLower(data.NormalizeText(s.search.Text))
	var byPinyin map[int64]bool
	if q != "" && isLatin(strings.ReplaceAll(q, " ", "")) {
		byPinyin = map[int64]bool{}
		for _, i := range s.people.index.Search(q) {
			byPinyin[s.people.members[i].ID] = true
		}
	}
	vis := s.visible[:0]
	for i := range s.all {
		in := &s.all[i]
		switch {
		case !from.IsZero() && in.Date.Before(from), !to.IsZero() && in.Date.After(to):
		case kind != "" && in.Kind != kind:
		case team > 0 && in.TeamID != team, team < 0 && in.TeamID != 0:
		case s.openOnly.Checked && !slices.ContainsFunc(in.Findings, func(f data.Finding) bool { return f.State != data.StateClosed }):
		case q != "" && !strings.Contains(s.texts[i], q) &&
			!slices.ContainsFunc(in.Inspectors, func(p data.Inspector) bool { return byPinyin[p.MemberID] }):
		default:
			vis = append(vis, i)
		}
	}
	s.count.SetText(fmt.Sprintf("共 %d 次督查", len(vis)))
	s.setVisible(vis)
	s.list.ScrollToTop()
}

// findingSummary is the 问题 column: how many, and how many are open or overdue.
func findingSummary(fs []data.Finding, today data.Date) (string, widget.Importance) {
	open, overdue := 0, 0
	for i := range fs {
		if fs[i].State != data.StateClosed {
			open++
		}
		if fs[i].OverdueDays(today) > 0 {
			overdue++
		}
	}
	switch {
	case len(fs) == 0:
		return "无", widget.LowImportance
	case overdue > 0:
		return fmt.Sprintf("%d个，逾期%d个", len(fs), overdue), widget.DangerImportance
	case open > 0:
		return fmt.Sprintf("%d个，未销号%d个", len(fs), open), widget.WarningImportance
	}
	return fmt.Sprintf("%d个，已全部销号", len(fs)), widget.SuccessImportance
}

func (s *InspectionsScreen) setRow(o fyne.CanvasObject, in *data.Inspection) {
	summary, imp := findingSummary(in.Findings, s.today)
	inspectionColumns.set(o, []string{in.Date.String(), in.Kind, in.Unit, in.Lead().Name, summary},
		map[int]widget.Importance{4: imp})
}

// showForm puts in into the form.
func (s *InspectionsScreen) showForm(in data.Inspection, keepStatus bool) {
	s.form.Set(in)
	s.selected = in.ID
	if in.ID == 0 {
		s.frame.title.SetText("新督查记录")
		s.deleteBtn.Disable()
	} else {
		s.frame.title.SetText(fmt.Sprintf("%s %s：%s", in.Date, in.Kind, in.Unit))
		s.deleteBtn.Enable()
	}
	if !keepStatus {
		s.frame.setStatus("", false)
	}
	s.syncSelection()
	s.frame.scroll.ScrollToTop()
}

// Select shows inspection id (clearing filters that hide it); unsaved changes are asked about.
func (s *InspectionsScreen) Select(id int64) {
	s.open(id, func(in data.Inspection) {
		s.reveal(id)
		s.showForm(in, false)
	})
}

// New clears the form for a new inspection (Ctrl+N) and puts the cursor in 督查日期.
func (s *InspectionsScreen) New() {
	s.confirmDiscard(func() {
		s.showForm(s.form.Blank(), false)
		s.form.FocusFirst()
	}, nil)
}

// Save saves the inspection with its findings in one transaction (Ctrl+S, 保存). Problems are
// shown at their fields, those of a finding in its row; nothing is saved then.
func (s *InspectionsScreen) Save() {
	in, fe, rowOf := s.form.Inspection()
	var err error
	if fe == nil {
		err = s.env.Store.SaveInspection(context.Background(), &in)
	} else {
		// Something could not be read: show it with every other problem, without saving.
		check := in
		check.Findings = slices.Clone(in.Findings)
		check.Normalize()
		err = mergeErrors(fe, data.ValidateInspection(&check, s.env.Today()))
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		unplaced := s.form.ShowErrors(ferr, rowOf)
		s.frame.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明，没有保存。%s", len(ferr), strings.Join(unplaced, "；")), true)
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	s.selected = in.ID
	s.form.Set(in)
	s.Reload()
	s.reveal(in.ID)
	s.showForm(in, true)
	s.frame.setStatus(fmt.Sprintf("已保存督查记录（%d 个问题，%s）", len(in.Findings), time.Now().Format("15:04:05")), false)
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

func (s *InspectionsScreen) deleteInspection() {
	in := s.form.Loaded()
	if in.ID == 0 {
		return
	}
	msg := fmt.Sprintf("确定要删除 %s 对“%s”的%s记录吗？", in.Date, in.Unit, in.Kind)
	if n := len(in.Findings); n > 0 {
		msg += fmt.Sprintf("\n\n这次督查发现的 %d 个问题及其整改、销号记录会一并移入“回收站”，可在那里恢复。", n)
	}
	ShowConfirm(s.env.Win, "删除督查记录", msg, "删除", func() {
		if err := s.env.Store.DeleteInspection(context.Background(), in.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.showForm(s.form.Blank(), false)
		s.Reload()
		s.frame.setStatus(fmt.Sprintf("已删除 %s 的督查记录", in.Date), false)
		if s.env.Changed != nil {
			s.env.Changed()
		}
	})
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *InspectionsScreen) FocusSearch() {
	focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}
