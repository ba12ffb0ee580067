package gui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// newOrgLifeModule is 组织生活: the activities (the daily work), the year view of the rules kept,
// the rule table, then the talks, who is still owed one, the yearly appraisal and the committee's
// terms.
func (w *MainWindow) newOrgLifeModule() Screen {
	ts := moduleTabs(moduleOrgLife, map[TabID]func() Screen{
		tabActivities: func() Screen { return NewActivitiesScreen(w.env) },
		tabOrgYear:    func() Screen { return NewOrgLifeYearScreen(w.env) },
		tabOrgRules:   func() Screen { return NewOrgRulesScreen(w.env) },
		tabTalks:      func() Screen { return NewTalksScreen(w.env) },
		tabTalksOwed:  func() Screen { return NewTalksOwedScreen(w.env) },
		tabAppraisal:  func() Screen { return NewAppraisalScreen(w.env) },
		tabTerm:       func() Screen { return NewTermsScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// OrgLifeYearScreen is 年度落实: one row per rule (per group for a per-group rule), a column per
// month with the count held, 未开 in red where a period ended unkept, amber where one is due soon.
type OrgLifeYearScreen struct {
	env     *Env
	year    *widget.Select
	table   *widget.Table
	note    *widget.Label
	content fyne.CanvasObject
	rows    []data.PlanRow
}

// yearColumns are the year view's column titles and widths.
var yearColumns = func() (cols []struct {
	title string
	width float32
}) {
	add := func(t string, w float32) {
		cols = append(cols, struct {
			title string
			width float32
		}{t, w})
	}
	add("类别", 170)
	add("要求", 130)
	for m := 1; m <= 12; m++ {
		add(fmt.Sprintf("%d月", m), 52)
	}
	add("应开", 52)
	add("实开", 52)
	return cols
}()

// NewOrgLifeYearScreen builds the year view and works out the current year.
func NewOrgLifeYearScreen(env *Env) *OrgLifeYearScreen {
	s := &OrgLifeYearScreen{env: env}
	this := env.Today().Year
	var years []string
	for y := this; y > this-10; y-- {
		years = append(years, strconv.Itoa(y)+"年")
	}
	s.year = widgets.NewSelect(years, func(string) { s.Reload() })
	s.year.SetSelectedIndex(0)
	s.note = hint("数字为当月召开的次数；红色“未开”为周期结束仍未达到要求，橙色为临近期限；尚未结束的周期不算未开。")
	export := widget.NewButtonWithIcon("导出落实情况表", theme.DocumentIcon(), func() {
		exportReport(env, catalog.ByID("R14"), catalog.Input{Period: data.YearPeriod(s.selectedYear())})
	})
	exportAttendance := widget.NewButtonWithIcon("导出党员参加情况", theme.DocumentIcon(), func() {
		exportReport(env, catalog.ByID("R13"), catalog.Input{Period: data.YearPeriod(s.selectedYear())})
	})
	s.table = widget.NewTable(func() (int, int) { return len(s.rows) + 1, len(yearColumns) },
		func() fyne.CanvasObject { return widgets.NewCellLabel() },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Text, l.Importance, l.TextStyle = s.cell(id.Row, id.Col)
			l.Refresh()
		})
	for i, c := range yearColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	top := container.NewHBox(widget.NewLabel("年份"), s.year, export, exportAttendance)
	s.content = container.NewBorder(container.NewVBox(top, s.note), nil, nil, nil, s.table)
	s.Reload()
	return s
}

// cell is the text and colour of a cell (row 0: the titles).
func (s *OrgLifeYearScreen) cell(row, col int) (string, widget.Importance, fyne.TextStyle) {
	if row == 0 {
		return yearColumns[col].title, widget.MediumImportance, fyne.TextStyle{Bold: true}
	}
	r := &s.rows[row-1]
	switch {
	case col == 0:
		return r.Label, widget.MediumImportance, fyne.TextStyle{}
	case col == 1:
		return r.Rule.Requirement(), widget.MediumImportance, fyne.TextStyle{}
	case col == 14:
		return strconv.Itoa(r.Owed), widget.MediumImportance, fyne.TextStyle{}
	case col == 15:
		return strconv.Itoa(r.Held), widget.MediumImportance, fyne.TextStyle{}
	}
	text, missed, soon := r.MonthCell(time.Month(col - 1))
	switch {
	case missed:
		return text, widget.DangerImportance, fyne.TextStyle{}
	case soon && text == "":
		return "待开", widget.WarningImportance, fyne.TextStyle{}
	case soon:
		return text, widget.WarningImportance, fyne.TextStyle{}
	}
	return text, widget.MediumImportance, fyne.TextStyle{}
}

func (s *OrgLifeYearScreen) selectedYear() int {
	y, err := strconv.Atoi(strings.TrimSuffix(s.year.Selected, "年"))
	if err != nil {
		return s.env.Today().Year
	}
	return y
}

// Content is the screen's root.
func (s *OrgLifeYearScreen) Content() fyne.CanvasObject { return s.content }

// Reload works the year out again from the store.
func (s *OrgLifeYearScreen) Reload() {
	if s.table == nil {
		return // the year chosen while building
	}
	rows, err := data.LoadOrgLifePlan(context.Background(), s.env.Store, s.selectedYear(), s.env.Today())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.rows = rows
	s.table.Refresh()
}

func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// OrgRulesScreen is 组织生活规则: the editable rule table (kind, period, at least, by the branch
// or each group, remind days), saved as a whole.
type OrgRulesScreen struct {
	env     *Env
	kindsEd *optionListEditor // the configurable list of kinds
	kinds   []string
	rows    []*ruleRow
	box     *fyne.Container
	msg     *widget.Label
	dirty   bool
	content fyne.CanvasObject
}

type ruleRow struct {
	kind, per, applies *widget.Select
	atLeast, remind    *widgets.Entry
	box                fyne.CanvasObject
}

// NewOrgRulesScreen builds the rule editor and the kinds list, filled from the store.
func NewOrgRulesScreen(env *Env) *OrgRulesScreen {
	s := &OrgRulesScreen{env: env, box: container.NewVBox()}
	s.msg = widgets.Note("")
	add := widget.NewButtonWithIcon("添加规则", theme.ContentAddIcon(), func() {
		s.addRow(data.OrgRule{Per: data.PerMonth, AtLeast: 1, Applies: data.AppliesBranch, RemindDays: 7})
		s.dirty = true
	})
	save := widget.NewButtonWithIcon("保存规则", theme.DocumentSaveIcon(), s.Save)
	save.Importance = widget.HighImportance
	defaults := widget.NewButtonWithIcon("恢复默认规则", theme.ViewRefreshIcon(), func() {
		ShowConfirm(env.Win, "恢复默认规则", "用《中国共产党支部工作条例（试行）》的默认规则替换现在的规则表吗？保存后生效。", "恢复", func() {
			s.fill(data.DefaultOrgRules)
			s.dirty = true
		})
	})
	head := container.NewGridWithColumns(5, bold(data.FRuleKind), bold(data.FRulePer), bold(data.FRuleAtLeast), bold(data.FRuleApplies), bold(data.FRuleRemind))
	intro := hint("每条规则：某类组织生活每个周期至少开几次，由支部开还是每个党小组各开，在周期结束前几天提醒。“每次支部委员会”表示每次支委会都要有这一类（如第一议题学习）。")
	s.kindsEd = newOptionListEditor(env, optionsOf(env, data.ListActivityKinds, "类别名称", "廉政教育", "已登记的活动仍保留原来的类别。"))
	rules := container.NewBorder(container.NewVBox(intro, container.NewBorder(nil, nil, nil, widget.NewLabel("      "), head)),
		container.NewVBox(s.msg, container.NewHBox(add, defaults, save)), nil, nil, container.NewVScroll(s.box))
	kinds := container.NewBorder(container.NewVBox(widgets.Heading("组织生活类别"), widgets.Note("活动“类别”的可选项。改名或删除不会改动已登记的活动。")),
		nil, nil, nil, s.kindsEd.Content())
	split := container.NewHSplit(rules, kinds)
	split.Offset = 0.72
	s.content = split
	s.Reload()
	return s
}

// Content is the screen's root.
func (s *OrgRulesScreen) Content() fyne.CanvasObject { return s.content }

// Reload shows the saved rules (unsaved edits are kept) and the kinds.
func (s *OrgRulesScreen) Reload() {
	s.kindsEd.Reload()
	if s.dirty {
		return
	}
	ctx := context.Background()
	kinds, err := s.env.Store.Options(ctx, data.ListActivityKinds)
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	rules, err := s.env.Store.OrgRules(ctx)
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.kinds = kinds
	s.fill(rules)
}

func (s *OrgRulesScreen) fill(rules []data.OrgRule) {
	s.box.RemoveAll()
	s.rows = nil
	for _, r := range rules {
		s.addRow(r)
	}
	s.msg.SetText("")
}

func (s *OrgRulesScreen) addRow(r data.OrgRule) {
	mark := func(string) { s.dirty = true }
	row := &ruleRow{
		kind: widgets.NewSelect(s.kinds, mark), per: widgets.NewSelect(data.OrgRulePers, mark),
		applies: widgets.NewSelect(data.OrgRuleApplies, mark), atLeast: widgets.NewEntry(), remind: widgets.NewEntry(),
	}
	row.kind.SetSelected(r.Kind)
	row.per.SetSelected(r.Per)
	row.applies.SetSelected(r.Applies)
	row.atLeast.SetText(strconv.Itoa(r.AtLeast))
	row.remind.SetText(strconv.Itoa(r.RemindDays))
	row.atLeast.OnChanged, row.remind.OnChanged = mark, mark
	del := widgets.NewIconButton(theme.DeleteIcon(), func() {
		for i, o := range s.rows {
			if o == row {
				s.rows = append(s.rows[:i], s.rows[i+1:]...)
			}
		}
		s.box.Remove(row.box)
		s.dirty = true
	})
	row.box = container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(5, row.kind, row.per, row.atLeast, row.applies, row.remind))
	s.rows = append(s.rows, row)
	s.box.Add(row.box)
}

// Rules reads the table as typed; a count that is not a number is a FieldErrors of its row.
func (s *OrgRulesScreen) Rules() ([]data.OrgRule, data.FieldErrors) {
	var fe data.FieldErrors
	out := make([]data.OrgRule, len(s.rows))
	for i, r := range s.rows {
		n, err1 := strconv.Atoi(strings.TrimSpace(r.atLeast.Text))
		d, err2 := strconv.Atoi(strings.TrimSpace(r.remind.Text))
		if err1 != nil || err2 != nil {
			fe = append(fe, data.FieldError{Field: data.FRuleAtLeast, Row: i + 1, List: data.RowRule, Message: "至少次数和提前提醒天数应为整数"})
		}
		out[i] = data.OrgRule{Kind: r.kind.Selected, Per: r.per.Selected, AtLeast: n, Applies: r.applies.Selected, RemindDays: d}
	}
	return out, fe
}

// Save saves the table; a refusal is shown under it and keeps the edits.
func (s *OrgRulesScreen) Save() {
	rules, fe := s.Rules()
	var err error
	if fe != nil {
		err = fe
	} else {
		err = s.env.Store.SetOrgRules(context.Background(), rules)
	}
	if err != nil {
		s.msg.Importance = widget.DangerImportance
		var list data.FieldErrors
		if errors.As(err, &list) {
			s.msg.SetText("没有保存：" + strings.ReplaceAll(list.Error(), "；", "\n"))
		} else {
			s.msg.SetText("没有保存：" + data.ErrorMessage(err))
		}
		return
	}
	s.dirty = false
	s.msg.Importance = widget.SuccessImportance
	s.msg.SetText("已保存组织生活规则")
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

// cardOrgLife is 本月组织生活 on 工作台: what the rules still ask this month and what was missed
// this year; a tap on a line opens a new activity of that kind.
func cardOrgLife(st *homeStats) fyne.CanvasObject {
	box := container.NewVBox()
	if len(st.orgLife) == 0 {
		box.Add(widget.NewLabel("本月的组织生活都已按规则召开。"))
	}
	const shown = 8
	for i, d := range st.orgLife {
		if i == shown {
			box.Add(hint(fmt.Sprintf("……还有 %d 项，见“组织生活 → 年度落实”", len(st.orgLife)-shown)))
			break
		}
		b := widget.NewButton(d.Text(), st.goTo(Destination{Module: moduleOrgLife, Tab: tabActivities, NewKind: d.Kind, NewGroupID: d.GroupID}))
		b.Alignment = widget.ButtonAlignLeading
		switch {
		case d.Overdue:
			b.Importance = widget.DangerImportance
		case d.DueSoon:
			b.Importance = widget.WarningImportance
		default:
			b.Importance = widget.LowImportance
		}
		box.Add(b)
	}
	return card("本月组织生活", box, "按组织生活规则，本月（本周期）还须召开的和今年已过期未开的。点击一项可登记该类活动。")
}

// loadOrgLifeDue is what cardOrgLife lists on day today.
func loadOrgLifeDue(ctx context.Context, st data.Store, today data.Date) ([]data.DueItem, error) {
	rows, err := data.LoadOrgLifePlan(ctx, st, today.Year, today)
	if err != nil {
		return nil, err
	}
	return data.OrgLifeDue(rows, today), nil
}
