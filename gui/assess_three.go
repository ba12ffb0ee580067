package gui

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// ThreeInOneScreen is "三位一体"考核 (A3) for one year: on the left the managers and members on key
// posts with their saved total and 等次 (or 未考核); on the right the selected member's assessment —
// the saved one, or a new one from the first A3 template — as item rows grouped by 板块 with the
// 板块 subtotals, total and 等次 following the typing.
//
// Who is assessed: members on the roll with a 重点岗位 (the configured key posts include
// 班组长以上管理人员) or a 党内职务 other than 无 (the branch's own managers), plus anyone who already
// has an A3 assessment that year, so that a saved one never disappears from the list.
type ThreeInOneScreen struct {
	listPane[threeSubject]
	assessItemEditor // a: the assessment in the form; rows by item index
	env              *Env
	year             int
	tpl              *data.AssessTemplate      // the first A3 template; nil when there is none
	saved            map[int64]data.Assessment // the year's A3 assessments by member
	parts            map[string]*widget.Label  // 板块 subtotals

	yearSel            *widget.Select
	title              *widget.Label
	saveBtn, exportBtn *widget.Button
}

// threeSubject is one member of the list.
type threeSubject struct {
	data.Member
}

// Columns of the member list.
var threeTitles = []string{"姓名", "岗位", data.FTotal, data.FGrade}

// NewThreeInOneScreen builds the screen on the current year.
func NewThreeInOneScreen(env *Env) *ThreeInOneScreen {
	s := &ThreeInOneScreen{env: env, year: env.Today().Year}
	s.init(env, listSpec[threeSubject]{
		ID: func(m *threeSubject) int64 { return m.ID },
		NewRow: func() fyne.CanvasObject {
			objs := make([]fyne.CanvasObject, len(threeTitles))
			for i := range objs {
				objs[i] = widget.NewLabel("")
			}
			return container.NewGridWithColumns(len(threeTitles), objs...)
		},
		SetRow: s.setRow,
		Dirty:  func() bool { return s.dirty },
		Save:   s.save,
		What:   func() string { return s.a.SubjectName + "的考核" },
		Show:   func(m threeSubject) { s.show(m.ID) },
	})
	var years []string
	for y := s.year; y >= s.year-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.yearSel = widgets.NewSelect(years, nil)
	s.yearSel.SetSelected(strconv.Itoa(s.year))
	s.yearSel.OnChanged = s.yearChanged
	s.saveBtn = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() { s.Save() })
	s.saveBtn.Importance = widget.HighImportance
	s.exportBtn = widget.NewButtonWithIcon("导出三位一体考核表", theme.DocumentPrintIcon(), s.export)

	head := make([]fyne.CanvasObject, len(threeTitles))
	for i, t := range threeTitles {
		head[i] = widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	left := container.NewBorder(container.NewGridWithColumns(len(threeTitles), head...), nil, nil, nil, s.list)

	s.title = widget.NewLabelWithStyle("请在左边选择党员", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bottom := s.initEditor(s.load, s.save)
	right := container.NewBorder(container.NewHBox(s.title, s.saveBtn), bottom, nil, nil, container.NewVScroll(s.rowsBox))
	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	// The note goes under the bar: a wrapping label inside an HBox is squeezed to one character wide.
	top := container.NewVBox(container.NewHBox(widget.NewLabel("年度"), s.yearSel, s.exportBtn),
		widgets.Note("考核对象：有重点岗位或党内职务的党员。低于满分的项目须填写扣分原因。"))
	s.content = container.NewBorder(top, nil, nil, nil, split)
	s.load() // a tab is built when first shown: it must show its data at once
	return s
}

func (s *ThreeInOneScreen) period() data.Period { return data.YearPeriod(s.year) }

func (s *ThreeInOneScreen) yearChanged(v string) {
	y, err := strconv.Atoi(v)
	if err != nil || y == s.year {
		return
	}
	back := func() {
		s.yearSel.OnChanged = nil
		s.yearSel.SetSelected(strconv.Itoa(s.year))
		s.yearSel.OnChanged = s.yearChanged
	}
	s.confirmDiscard(func() {
		s.year, s.dirty = y, false
		s.load()
	}, back)
}

// isThreeInOneSubject says whether a member is assessed by A3 (see ThreeInOneScreen).
func isThreeInOneSubject(m *data.Member) bool {
	return m.KeyPost != "" || (m.PartyRole != "" && m.PartyRole != data.RoleNone)
}

// yearAssessments are the saved A3 assessments of year y.
func yearAssessments(ctx context.Context, st data.AssessmentStore, y int) ([]data.Assessment, error) {
	p := data.YearPeriod(y)
	all, err := st.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne, From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, a := range all {
		if a.Period.From == p.From && a.Period.To == p.To {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *ThreeInOneScreen) load() {
	ctx := context.Background()
	st := s.env.Store
	members, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	var saved []data.Assessment
	if err == nil {
		saved, err = yearAssessments(ctx, st, s.year)
	}
	var ts []data.AssessTemplate
	if err == nil {
		ts, err = st.AssessTemplates(ctx, data.AssessThreeInOne)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.tpl = nil
	if len(ts) > 0 {
		s.tpl = &ts[0]
	}
	s.saved = make(map[int64]data.Assessment, len(saved))
	for _, a := range saved {
		s.saved[a.SubjectID] = a
	}
	s.all = s.all[:0]
	vis := []int{}
	for _, m := range members {
		_, has := s.saved[m.ID]
		onRoll := m.RollStatus == "" || m.RollStatus == data.RollIn
		if has || (onRoll && isThreeInOneSubject(&m)) {
			vis = append(vis, len(s.all))
			s.all = append(s.all, threeSubject{m})
		}
	}
	id := s.selected
	s.selected = 0
	s.setVisible(vis)
	if _, ok := s.byID(id); ok {
		s.show(id)
		s.syncSelection()
	} else {
		s.clearForm()
	}
}

func (s *ThreeInOneScreen) setRow(o fyne.CanvasObject, i int) {
	m := &s.all[i]
	cells := []string{m.Name, cmp.Or(m.Job, m.KeyPost, m.PartyRole), "", "未考核"}
	fail := false
	if a, ok := s.saved[m.ID]; ok {
		sc := data.ScoreAssessment(&a)
		cells[2], cells[3], fail = data.FormatScore(sc.Total), sc.Grade, sc.Grade == data.GradeFail
	}
	for j, c := range o.(*fyne.Container).Objects {
		l := c.(*widget.Label)
		l.Importance = widget.MediumImportance
		if fail {
			l.Importance = widget.DangerImportance
		}
		l.SetText(cells[j])
	}
}

// ListedTotal is the total the list shows for a member ("" when not assessed, false when not listed).
func (s *ThreeInOneScreen) ListedTotal(memberID int64) (string, bool) {
	if _, ok := s.byID(memberID); !ok {
		return "", false
	}
	if a, ok := s.saved[memberID]; ok {
		return data.FormatScore(data.ScoreAssessment(&a).Total), true
	}
	return "", true
}

// Select shows a member's assessment, as a choice in the list does.
func (s *ThreeInOneScreen) Select(memberID int64) {
	if row := s.rowOf(memberID); row >= 0 {
		s.list.Select(row)
	}
}

func (s *ThreeInOneScreen) clearForm() {
	s.selected, s.a, s.rows, s.dirty = 0, data.Assessment{}, nil, false
	s.title.SetText("请在左边选择党员")
	s.rowsBox.Objects = nil
	s.rowsBox.Refresh()
	s.total.SetText("")
	s.grade.SetText("")
	s.saveBtn.Disable()
	s.setStatus("", false)
}

// show puts a member's assessment in the form: the saved one, or a new one from the template.
func (s *ThreeInOneScreen) show(memberID int64) {
	m, _ := s.byID(memberID)
	a, ok := s.saved[memberID]
	switch {
	case ok:
		s.setStatus("已保存（"+a.UpdatedAt.Local().Format("2006-01-02 15:04")+"），修改后请再保存。", false)
	case s.tpl == nil:
		s.clearForm()
		s.setStatus("没有“三位一体”考核表：请在考核表中添加一个。", true)
		return
	default:
		a = data.NewAssessment(s.tpl, m.ID, m.Name, s.period())
		s.setStatus("尚未考核：各项预填满分，请给扣分的项目填写得分和扣分原因后保存。", false)
	}
	s.selected, s.a, s.dirty = memberID, a, false
	s.title.SetText(fmt.Sprintf("%s　%s“三位一体”考核", m.Name, s.period().Label))
	s.saveBtn.Enable()
	s.buildRows()
}

// buildRows lays the items out by 板块 (in first-seen order, as data.ScoreAssessment's Parts), each
// 板块 headed by its name and live subtotal, the rows as the A1 form's (itemRowLayout).
func (s *ThreeInOneScreen) buildRows() {
	var groups []itemGroup
	at := map[string]int{} // a 板块's group
	s.parts = map[string]*widget.Label{}
	for i, it := range s.a.Items {
		g, ok := at[it.Part]
		if !ok {
			l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			l.Importance = widget.HighImportance
			s.parts[it.Part] = l
			g, at[it.Part] = len(groups), len(groups)
			groups = append(groups, itemGroup{head: l})
		}
		groups[g].items = append(groups[g].items, i)
	}
	s.layRows(s.newRow, groups...)
	s.updateSummary()
}

// newRow is one item: 序号, 项目 with its standard and 完成情况, 分值, 得分, 否决, 扣分原因. The A1
// form's row builder is a method of BranchAssessScreen (with automatic items and overrides), so A3
// has this smaller one; A3 items are scored by hand, other methods show their computed score.
func (s *ThreeInOneScreen) newRow(i int) fyne.CanvasObject {
	it := &s.a.Items[i]
	r := &assessRow{}
	s.rows[i] = r
	r.done = s.doneEntry(i)
	text := itemText(it.Name, it.Standard)
	text.Add(r.done)
	r.score = widgets.NewEntry()
	r.score.SetText(data.FormatScore(data.ScoreItem(s.a.Scheme, it).Score))
	if isAuto(it) {
		r.score.Disable()
	}
	r.score.OnChanged = func(string) { s.scoreChanged(i) }
	r.reason = widgets.NewEntry()
	r.reason.SetText(it.Reason)
	r.reason.OnChanged = func(v string) {
		s.a.Items[i].Reason = v
		if strings.TrimSpace(v) != "" && !r.bad {
			s.setRowError(i, "")
		}
		s.changed()
	}
	r.reason.OnFocusLost = func() { s.checkReason(i) }
	r.msg = newRowMsg()
	var mark fyne.CanvasObject = widget.NewLabel("")
	if it.Veto {
		r.veto = widget.NewCheck(data.FVeto, func(on bool) {
			if s.loading {
				return
			}
			s.a.Items[i].Vetoed = on
			s.updateSummary()
			s.changed()
		})
		r.veto.SetChecked(it.Vetoed)
		mark = r.veto
	}
	s.updateHint(i)
	return container.New(&itemRowLayout{width: &s.width},
		widget.NewLabel(strconv.Itoa(it.Seq)), text, widget.NewLabel(data.FormatScore(it.Points)),
		container.NewVBox(r.score), mark, container.NewVBox(r.reason, r.msg), widget.NewLabel(""))
}

func (s *ThreeInOneScreen) scoreChanged(i int) {
	if s.loading {
		return
	}
	s.readScore(i)
	s.updateHint(i)
	s.updateSummary()
	s.changed()
}

func (s *ThreeInOneScreen) updateSummary() {
	sc, ok := s.Score()
	for part, l := range s.parts {
		name := cmp.Or(part, "其他")
		if !ok {
			l.SetText(name)
			continue
		}
		for _, p := range sc.Parts {
			if p.Part == part {
				l.SetText(fmt.Sprintf("%s（%s分）　小计 %s", name, data.FormatScore(p.Full), data.FormatScore(p.Score)))
			}
		}
		if part == "" {
			l.SetText("其他项目")
		}
	}
	s.showTotal(sc, ok)
}

// PartText is the heading of a 板块 as shown (tests).
func (s *ThreeInOneScreen) PartText(part string) string {
	if l := s.parts[part]; l != nil {
		return l.Text
	}
	return ""
}

func (s *ThreeInOneScreen) save() bool {
	if s.selected == 0 {
		s.setStatus("请先在左边选择党员。", true)
		return false
	}
	if !s.store(s.env) {
		return false
	}
	s.saved[s.a.SubjectID] = s.a
	s.list.Refresh()
	s.showSaved(s.a.SubjectName + s.a.Period.Label)
	notify(s.env)
	return true
}

// export writes R10 for the year's saved assessments, 岗位 being the members' 工作岗位.
func (s *ThreeInOneScreen) export() {
	exportReport(s.env, catalog.ByID("R10"), catalog.Input{Period: data.YearPeriod(s.year)})
}
