package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Filter choices of the inspections list.
const (
	allKinds  = "全部类型"
	otherUnit = "（其他单位）"
)

// inspectionColumns are the inspections list's columns.
var inspectionColumns = widgets.Columns{{"督查日期", 0, "2026-11-23"}, {"督查类型", 0, "四不两直督查"}, {"被查单位", 1, ""},
	{"牵头人", 0.7, ""}, {"问题", 1.35, ""}}

// InspectionsScreen is 督查记录: the inspections (newest first) with filters and a search on the
// left, the inspection form with its findings on the right. Inspections are kept in memory (a year
// is a few hundred), so filtering never waits for the file.
type InspectionsScreen struct {
	// OnShowFinding, when set, opens a finding in 问题整改 (a row's 办理整改).
	OnShowFinding func(id int64)

	recordScreen[data.Inspection] // all: newest first

	texts  []string // per inspection: what the search looks in, lower case
	teams  []data.Team
	people *memberChoices
	today  data.Date

	kindSel  *widget.Select
	teamSel  *widget.Select
	openOnly *widget.Check

	form        *InspectionForm
	where       inspectionQuery
	findingRows []int // the form's finding row of each finding read (see InspectionForm.Inspection)
}

// NewInspectionsScreen builds the screen and loads the inspections.
func NewInspectionsScreen(env *Env) *InspectionsScreen {
	s := &InspectionsScreen{people: newMemberChoices(nil, nil)}
	s.kindSel = s.filterSelect(allKinds, data.InspectionKinds...)
	s.teamSel = s.filterSelect(allTeams)
	s.openOnly = widget.NewCheck("有未销号问题", func(bool) { s.refilter() })
	s.form = NewInspectionForm(env.Today)
	s.initRecord(env, recordSpec[data.Inspection]{
		Columns: inspectionColumns,
		Cells: func(in *data.Inspection) ([]string, map[int]widget.Importance) {
			summary, imp := findingSummary(in.Findings, s.today)
			return []string{in.Date.String(), in.Kind, in.Unit, in.Lead().Name, summary}, map[int]widget.Importance{4: imp}
		},
		ID:    func(in *data.Inspection) int64 { return in.ID },
		Load:  s.load,
		Date:  func(in *data.Inspection) data.Date { return in.Date },
		Match: s.match, Prepare: s.prepare,
		Count: "共 %d 次督查", NewLabel: "新建督查记录", What: "这条督查记录",
		Search: "搜索：被查班组、督查内容、督查组成员（可用拼音首字母）",
		Unhide: func(int64) {
			s.clearFilters(s.kindSel, s.teamSel)
			s.openOnly.SetChecked(false)
			s.refilter()
		},
		Blank:    s.form.Blank,
		ToForm:   s.form.Set,
		FromForm: s.inspection,
		Title:    func(in *data.Inspection) string { return fmt.Sprintf("%s %s：%s", in.Date, in.Kind, in.Unit) },
		NewTitle: "新督查记录",
		Focus:    s.form.FocusFirst,
		Save:     env.Store.SaveInspection,
		Saved: func(in *data.Inspection) string {
			return fmt.Sprintf("已保存督查记录（%d 个问题，%s）", len(in.Findings), time.Now().Format("15:04:05"))
		},
		Refused: func(n int) string {
			return fmt.Sprintf("有 %d 处需要修改，请看标红的说明，没有保存。", n)
		},
		Delete: env.Store.DeleteInspection,
		Question: func(in *data.Inspection) string {
			msg := fmt.Sprintf("确定要删除 %s 对“%s”的%s记录吗？", in.Date, in.Unit, in.Kind)
			if n := len(in.Findings); n > 0 {
				msg += fmt.Sprintf("\n\n这次督查发现的 %d 个问题及其整改、销号记录会一并移入“回收站”，可在那里恢复。", n)
			}
			return msg
		},
		Entity:     data.EntInspection,
		Deleted:    func(in *data.Inspection) string { return fmt.Sprintf("已删除 %s 的督查记录", in.Date) },
		Dirty:      s.form.Dirty,
		ShowErrors: func(fe data.FieldErrors) []string { return s.form.ShowErrors(fe, s.findingRows) },
		Refresh:    true,
	})

	s.form.OnChanged = func() { s.frame.SetStatus("", false) }
	s.form.OnShowFinding = func(id int64) {
		if s.OnShowFinding != nil {
			s.confirmDiscard(func() { s.OnShowFinding(id) }, nil)
		}
	}

	s.buildFrame(append(s.periodRow(s.kindSel, s.teamSel), s.openOnly),
		s.form.Content(), 0.45)
	s.form.OnRowAdded = func() { // rows are added at the end: show the new one
		s.frame.Scroll.Refresh()
		s.frame.Scroll.ScrollToBottom()
	}
	return s
}

// load reads inspections, teams, members and option lists; the form keeps what is typed.
func (s *InspectionsScreen) load(ctx context.Context) ([]data.Inspection, error) {
	all, teams, members, cats, levels, err := loadWithFindingChoices(ctx, s.env.Store, func() ([]data.Inspection, error) {
		return s.env.Store.Inspections(ctx, data.InspectionFilter{})
	})
	if err != nil {
		return nil, err
	}
	s.teams, s.today = teams, s.env.Today()
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
	return all, nil
}

// inspectionQuery is what the search and filters ask, read once per refilter.
type inspectionQuery struct {
	kind, q  string
	team     int64
	byPinyin map[int64]bool // the members a pinyin query spells
}

// prepare reads the search text and the filters. The search looks in the unit, place, content and
// inspectors' names; a query in pinyin also finds the inspections of the members it spells (zs:
// 张三's).
func (s *InspectionsScreen) prepare() {
	w := inspectionQuery{team: teamFilter(s.teamSel, s.teams), q: s.query()}
	if s.kindSel.SelectedIndex() > 0 {
		w.kind = s.kindSel.Selected
	}
	if w.q != "" && widgets.IsLatin(strings.ReplaceAll(w.q, " ", "")) {
		w.byPinyin = map[int64]bool{}
		for _, i := range s.people.index.Search(w.q) {
			w.byPinyin[s.people.members[i].ID] = true
		}
	}
	s.where = w
}

func (s *InspectionsScreen) match(i int, in *data.Inspection) bool {
	w := &s.where
	switch {
	case w.kind != "" && in.Kind != w.kind:
	case w.team > 0 && in.TeamID != w.team, w.team < 0 && in.TeamID != 0:
	case s.openOnly.Checked && !slices.ContainsFunc(in.Findings, func(f data.Finding) bool { return f.State != data.StateClosed }):
	case w.q != "" && !strings.Contains(s.texts[i], w.q) &&
		!slices.ContainsFunc(in.Inspectors, func(p data.Inspector) bool { return w.byPinyin[p.MemberID] }):
	default:
		return true
	}
	return false
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

// inspection is the form's inspection; what could not be read comes with the validator's other
// messages.
func (s *InspectionsScreen) inspection() (data.Inspection, error) {
	in, fe, rowOf := s.form.Inspection()
	s.findingRows = rowOf
	if fe == nil {
		return in, nil
	}
	check := in
	check.Findings = slices.Clone(in.Findings)
	check.Normalize()
	return in, mergeErrors(fe, data.ValidateInspection(&check, s.env.Today()))
}

// FocusSearch puts the cursor into the search box with its text selected (Ctrl+F).
func (s *InspectionsScreen) FocusSearch() { s.focusSearch() }
