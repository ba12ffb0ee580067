package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// BranchAssessScreen is 支部月度考核 (A1 "十个靠前") for one month: the month's saved assessment, or
// a new one from the A1 template with the automatic items filled from the ledgers. One row per item
// (the itemRowLayout of the check form): 序号, 考核项目 with its 评分标准 and 完成情况, 分值, 得分,
// 一票否决 or 人工调整 mark, 扣分原因, 查看依据. The total and 等次 follow the typing.
type BranchAssessScreen struct {
	assessItemEditor
	env   *Env
	month data.Date // first day of the month shown

	monthLabel                     *widget.Label
	saveBtn, exportBtn, refreshBtn *widget.Button

	// The open 人工调整 dialog's inputs (tests fill them).
	overrideBy, overrideWhy *widgets.Entry
	// The open 查看依据 list's links, one per record that opens (tests tap them).
	evidenceLinks []*widget.Hyperlink
}

// NewBranchAssessScreen builds the screen on the current month.
func NewBranchAssessScreen(env *Env) *BranchAssessScreen {
	s := &BranchAssessScreen{env: env}
	t := env.Today()
	s.month = data.NewDate(t.Year, t.Month, 1)
	s.monthLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("上月", theme.NavigateBackIcon(), func() { s.moveMonth(-1) })
	next := widget.NewButtonWithIcon("下月", theme.NavigateNextIcon(), func() { s.moveMonth(1) })
	s.saveBtn = widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), func() { s.Save() })
	s.saveBtn.Importance = widget.HighImportance
	s.exportBtn = widget.NewButtonWithIcon("导出考核表", theme.DocumentPrintIcon(), s.export)
	s.refreshBtn = widget.NewButtonWithIcon("按台账重新汇总", theme.ViewRefreshIcon(), s.refreshEvidence)
	bottom := s.initEditor(s.load, s.save)
	top := container.NewVBox(
		container.NewHBox(prev, s.monthLabel, next, widget.NewSeparator(), s.saveBtn, s.exportBtn, s.refreshBtn),
		widgets.Note("带“自动”的项目按各自的台账（组织生活、三重一大、谈心谈话、督查、思想疏导、应急防控、两堂一舍、办实事、信访维稳）汇总并预填得分，点“查看依据”可看计入的记录；改动自动得分须填写调整理由。低于满分的项目须填写扣分原因。"))
	s.content = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(s.rowsBox))
	s.load() // a tab is built when first shown: it must show its data at once
	return s
}

// Assessment is the assessment as edited.
func (s *BranchAssessScreen) Assessment() data.Assessment { return s.a }

func (s *BranchAssessScreen) period() data.Period {
	return data.MonthPeriod(s.month.Year, s.month.Month)
}

func (s *BranchAssessScreen) moveMonth(delta int) {
	to := func() {
		s.month = data.NewDate(s.month.Year, s.month.Month+time.Month(delta), 1)
		s.dirty = false
		s.load()
	}
	s.ConfirmLeave(to, nil)
}

// ConfirmLeave asks about unsaved scores before another month, tab or module is shown; scores
// dropped are reloaded as saved.
func (s *BranchAssessScreen) ConfirmLeave(next, back func()) {
	if !s.dirty {
		next()
		return
	}
	askUnsaved(s.env, "本月考核", s.save, func() {
		if s.dirty {
			s.load()
		}
		next()
	}, back)
}

// load shows the month's saved assessment, or builds a new one; a saved one is never rebuilt from
// the template (it keeps the items it was scored with).
func (s *BranchAssessScreen) load() {
	p := s.period()
	s.monthLabel.SetText(p.Label)
	a, err := s.loadAssessment(context.Background(), p)
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.a = a
	s.buildRows()
	s.dirty = false
	if a.ID != 0 {
		s.setStatus("本月考核已保存（"+a.UpdatedAt.Local().Format("2006-01-02 15:04")+"），修改后请再保存。", false)
	} else {
		s.setStatus("本月考核尚未保存：自动项目已按台账预填，请补齐其余项目后保存。", false)
	}
}

func (s *BranchAssessScreen) loadAssessment(ctx context.Context, p data.Period) (data.Assessment, error) {
	st := s.env.Store
	saved, err := st.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly, From: p.From, To: p.To})
	if err != nil {
		return data.Assessment{}, err
	}
	for _, a := range saved {
		if a.Period.From == p.From && a.Period.To == p.To {
			return a, nil
		}
	}
	ts, err := st.AssessTemplates(ctx, data.AssessBranchMonthly)
	if err != nil {
		return data.Assessment{}, err
	}
	if len(ts) == 0 {
		return data.Assessment{}, data.Errorf(data.ENotFound, "没有支部月度考核表：请在考核表中添加一个")
	}
	b, err := st.Branch(ctx)
	if err != nil {
		return data.Assessment{}, err
	}
	a := data.NewAssessment(&ts[0], b.ID, b.Name, p)
	ev, refs, err := st.A1Evidence(ctx, p, s.env.Today())
	if err != nil {
		return data.Assessment{}, err
	}
	a.ApplyA1Evidence(ev, refs)
	return a, nil
}

// refreshEvidence applies the ledgers as they are now to the automatic items (a saved assessment
// keeps the figures it was saved with until the user asks for this).
func (s *BranchAssessScreen) refreshEvidence() {
	ev, refs, err := s.env.Store.A1Evidence(context.Background(), s.period(), s.env.Today())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.readRows()
	s.a.ApplyA1Evidence(ev, refs)
	s.buildRows()
	s.changed()
	s.setStatus("已按台账重新汇总自动项目，请检查后保存。", false)
}

func isAuto(it *data.AssessmentItem) bool { return it.Method != data.MethodManual }

func (s *BranchAssessScreen) buildRows() {
	all := make([]int, len(s.a.Items))
	for i := range all {
		all[i] = i
	}
	s.layRows(s.newRow, itemGroup{items: all})
	s.updateSummary()
}

func (s *BranchAssessScreen) newRow(i int) fyne.CanvasObject {
	it := &s.a.Items[i]
	r := &assessRow{}
	s.rows[i] = r
	name := it.Name
	if isAuto(it) {
		name += "（自动）"
	}
	text := itemText(name, it.Standard)
	if isAuto(it) {
		done := widgets.Note(data.FDone + "：" + it.Done)
		text.Add(done)
	} else {
		r.done = s.doneEntry(i)
		text.Add(r.done)
	}
	r.score = widgets.NewEntry()
	r.score.SetText(data.FormatScore(data.ScoreItem(s.a.Scheme, it).Score))
	if isAuto(it) {
		// An automatic score changes only through 人工调整, asked for once the user is done typing.
		r.score.OnSubmitted = func(string) { s.commitOverride(i) }
		r.score.OnFocusLost = func() { s.commitOverride(i) }
	} else {
		r.score.OnChanged = func(string) { s.manualScoreChanged(i) }
	}
	r.reason = widgets.NewEntry()
	r.reason.SetText(it.Reason)
	r.reason.OnChanged = func(v string) {
		if s.loading {
			return
		}
		s.a.Items[i].Reason = v
		if strings.TrimSpace(v) != "" {
			s.setRowError(i, "")
		}
		s.changed()
	}
	r.reason.OnFocusLost = func() { s.checkReason(i) }
	r.msg = newRowMsg()
	r.mark = widget.NewLabel("")
	r.mark.Importance = widget.WarningImportance
	r.mark.Wrapping = fyne.TextWrapWord
	markBox := container.NewVBox(r.mark)
	if it.Veto && !isAuto(it) {
		r.veto = widget.NewCheck("否决", func(on bool) {
			if !s.loading {
				s.a.Items[i].Vetoed = on
				s.updateSummary()
				s.changed()
			}
		})
		r.veto.SetChecked(it.Vetoed)
		markBox.Add(r.veto)
	}
	r.evidence = widget.NewButton("查看依据", func() { s.showEvidence(i) })
	if len(it.Evidence) == 0 {
		r.evidence.Hide()
	}
	s.updateMark(i)
	return container.New(&itemRowLayout{width: &s.width},
		widget.NewLabel(fmt.Sprint(i+1)), text, widget.NewLabel(data.FormatScore(it.Points)),
		container.NewVBox(r.score), markBox, container.NewVBox(r.reason, r.msg), container.NewVBox(r.evidence))
}

func (s *BranchAssessScreen) updateMark(i int) {
	it, r := &s.a.Items[i], s.rows[i]
	// A 一票否决 item is marked only when its veto fires: the mark on an item that merely can
	// veto read as a vetoed branch.
	text, importance := "", widget.WarningImportance
	if it.Veto && isAuto(it) && slices.Contains(s.a.Score().Vetoes, it.Name) {
		text, importance = "已"+data.FVeto, widget.DangerImportance
	}
	if o := it.Override; o != nil {
		text, importance = fmt.Sprintf("人工调整（%s）", o.By), widget.WarningImportance
	}
	r.mark.Importance = importance
	r.mark.SetText(text)
	r.mark.Hidden = text == ""
	s.updateHint(i)
}

func (s *BranchAssessScreen) manualScoreChanged(i int) {
	if s.loading {
		return
	}
	s.readScore(i)
	s.updateMark(i)
	s.updateSummary()
	s.changed()
}

// commitOverride asks for 调整人 and 调整理由 when the typed score of an automatic item differs from
// its score now; typing back the computed score removes the adjustment. 取消 restores the score.
func (s *BranchAssessScreen) commitOverride(i int) {
	if s.loading || s.overrideWhy != nil {
		return
	}
	it, r := &s.a.Items[i], s.rows[i]
	current := data.ScoreItem(s.a.Scheme, it).Score
	v, ok := parseScore(r.score.Text)
	restore := func() {
		s.loading = true
		r.score.SetText(data.FormatScore(data.ScoreItem(s.a.Scheme, it).Score))
		s.loading = false
	}
	switch {
	case !ok || v < 0 || v > it.Points:
		s.setRowError(i, fmt.Sprintf("得分应为0到%s之间的数字", data.FormatScore(it.Points)))
		restore()
		return
	case v == current:
		return
	}
	computed := *it
	computed.Override = nil
	if it.Override != nil && v == data.ScoreItem(s.a.Scheme, &computed).Score {
		it.Override = nil // back to what the ledgers give
		s.afterOverride(i)
		return
	}
	b, _ := s.env.Store.Branch(context.Background())
	s.overrideBy, s.overrideWhy = widgets.NewEntry(), widgets.NewEntry()
	s.overrideBy.SetText(b.Secretary)
	s.overrideWhy.SetPlaceHolder("如：有1次督查记录补录在下月")
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Hide()
	info := widget.NewLabel(fmt.Sprintf("「%s」按台账得%s分，改为%s分属于人工调整，将记入操作日志。", it.Name,
		data.FormatScore(current), data.FormatScore(v)))
	info.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	form := container.NewVBox(info, widget.NewLabel(data.FOverrideBy+"*"), s.overrideBy, widget.NewLabel(data.FOverrideWhy+"*"), s.overrideWhy, msg)
	d = dialog.NewCustomConfirm("人工调整得分", "确定调整", "取消", form, func(yes bool) {
		by, why := strings.TrimSpace(s.overrideBy.Text), strings.TrimSpace(s.overrideWhy.Text)
		s.overrideBy, s.overrideWhy = nil, nil
		if !yes {
			restore()
			return
		}
		if by == "" || why == "" {
			ShowError(s.env.Win, errorText("人工调整须填写调整人和调整理由，得分未改动"))
			restore()
			return
		}
		it.Override = &data.Override{Score: v, By: by, Why: why, At: time.Now()}
		s.afterOverride(i)
	}, s.env.Win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
}

func (s *BranchAssessScreen) afterOverride(i int) {
	s.loading = true
	s.rows[i].score.SetText(data.FormatScore(data.ScoreItem(s.a.Scheme, &s.a.Items[i]).Score))
	s.loading = false
	s.setRowError(i, "")
	s.updateMark(i)
	s.updateSummary()
	s.changed()
}

// showEvidence lists the records item i counted; with the main window around (env.Navigate) each
// is a link that closes the list and opens the record in its own screen.
func (s *BranchAssessScreen) showEvidence(i int) {
	it := &s.a.Items[i]
	box := container.NewVBox()
	s.evidenceLinks = s.evidenceLinks[:0]
	var d *dialog.CustomDialog
	for j, e := range it.Evidence {
		text := fmt.Sprintf("%d. %s：%s", j+1, e.Kind, e.Label)
		to, ok := evidenceDestination(e)
		if !ok || s.env.Navigate == nil {
			l := widgets.Note(text)
			box.Add(l)
			continue
		}
		h := widget.NewHyperlink(text, nil)
		h.Wrapping = fyne.TextWrapWord
		h.OnTapped = func() {
			d.Hide()
			s.env.Navigate(to)
		}
		s.evidenceLinks = append(s.evidenceLinks, h)
		box.Add(h)
	}
	sc := container.NewVScroll(box)
	sc.SetMinSize(fyne.NewSize(520, 300))
	hint := data.FDone + "：" + it.Done
	if len(s.evidenceLinks) > 0 {
		hint += "（点记录可打开）"
	}
	d = dialog.NewCustom(it.Name+"：计入的记录", "关闭", container.NewVBox(widget.NewLabel(hint), sc), s.env.Win)
	d.Show()
}

// evidenceDestination is where a counted record is kept; ok is false for a kind no screen opens.
func evidenceDestination(e data.EvidenceRef) (to Destination, ok bool) {
	to, ok = entityPlaces[e.Kind]
	to.RecordID = e.ID
	return to, ok && e.ID != 0
}

func (s *BranchAssessScreen) updateSummary() {
	s.showTotal(s.Score())
}

// readRows copies what is typed into the assessment (scores of manual items were copied as typed).
func (s *BranchAssessScreen) readRows() {
	for i, r := range s.rows {
		s.a.Items[i].Reason = r.reason.Text
	}
}

func (s *BranchAssessScreen) save() bool {
	s.readRows()
	if !s.store(s.env) {
		return false
	}
	s.showSaved(s.a.Period.Label)
	notify(s.env)
	return true
}

// export prints R8 of the month as saved (the catalogue's), saving the form first when it has
// unsaved scores.
func (s *BranchAssessScreen) export() {
	s.readRows()
	if (s.dirty || s.a.ID == 0) && !s.save() {
		return
	}
	exportReport(s.env, catalog.ByID("R8"), catalog.Input{Period: s.a.Period})
}
