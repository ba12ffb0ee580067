package gui

// 两堂一舍 检查评分 (SPEC §4): the checks list and the scoring form, whose 实得分, 应得分, 标化分 and
// 等次 follow every keystroke. This file also holds what the other 两堂一舍 screens share
// (recordFrame, parseScore, itemFieldIndex).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/reports"
)

// allFacilities is the facility filter's "no filter" choice (allCategories is members.go's).
const allFacilities = "全部设施"

// recordFrame is the right-hand side of a list+form screen: the form's title, a status line, the
// form in a scroll, and a button bar under it; and the split holding the list on the left.
type recordFrame struct {
	title  *widget.Label
	status *widget.Label
	scroll *container.Scroll
	right  *fyne.Container
	split  *container.Split
}

func newRecordFrame(left, form, bottom fyne.CanvasObject, offset float64) *recordFrame {
	f := &recordFrame{title: formHeading(), status: note("")}
	f.status.Hide()
	f.scroll = container.NewVScroll(container.NewPadded(form))
	f.right = orderedBorder(container.NewVBox(f.title, f.status), bottom, nil, nil, f.scroll)
	f.split = container.NewHSplit(left, f.right)
	f.split.Offset = offset
	return f
}

// setStatus shows msg (green, or red for an error) over the form; "" hides it.
func (f *recordFrame) setStatus(msg string, isErr bool) {
	if msg == f.status.Text && msg != "" == f.status.Visible() {
		return
	}
	f.status.Importance = widget.SuccessImportance
	if isErr {
		f.status.Importance = widget.DangerImportance
	}
	f.status.SetText(msg)
	f.status.Hidden = msg == ""
	f.status.Refresh()
	f.right.Refresh()
}

// Status is the status line's text ("" when hidden).
func (f *recordFrame) Status() string {
	if !f.status.Visible() {
		return ""
	}
	return f.status.Text
}

// parseScore reads a score or points value as typed (full-width digits too): 8, 7.5, ８.５.
func parseScore(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(data.NormalizeText(s), " ", ""), 64)
	return v, err == nil
}

// itemFieldIndex splits a "第N项：field" label of data.ValidateCheck/ValidateChecklist into N-1 and
// field; ok is false for other labels.
func itemFieldIndex(label string) (i int, field string, ok bool) {
	rest, found := strings.CutPrefix(label, "第")
	if !found {
		return 0, "", false
	}
	num, field, found := strings.Cut(rest, "项：")
	n, err := strconv.Atoi(num)
	if !found || err != nil || n < 1 {
		return 0, "", false
	}
	return n - 1, field, true
}

// notify tells the other screens that something was saved.
func notify(env *Env) {
	if env.Changed != nil {
		env.Changed()
	}
}

// checkColumns are the checks list's columns.
var checkColumns = columns{{"检查日期", 0, "2026-11-23"}, {"设施", 1, ""}, {"评分表", 1, ""}, {"标化分", 0, "100.0"}, {"等次", 0, "不合格"}, {"关键项", 0, "※不合格"}}

// ChecksScreen is 检查评分: the checks (newest first) with filters on the left, the scoring form on
// the right. Checks are kept in memory (a year is a few hundred).
type ChecksScreen struct {
	env *Env
	// OnShowFinding, when set, opens a finding created from a deduction in 问题整改.
	OnShowFinding func(id int64)

	listPane[data.Check] // all: newest first

	scores     []data.CheckScore
	facilities []data.Facility
	templates  []data.Checklist
	th         data.GradeThresholds

	period *periodFilter
	catSel *widget.Select
	facSel *widget.Select
	count  *widget.Label

	form      *CheckForm
	frame     *recordFrame
	deleteBtn *widget.Button
	exportBtn *widget.Button
	content   fyne.CanvasObject
}

// NewChecksScreen builds the screen and loads the checks.
func NewChecksScreen(env *Env) *ChecksScreen {
	s := &ChecksScreen{env: env}
	s.period = newPeriodFilter(env.Today, s.refilter)
	s.catSel = NewSelect(append([]string{allCategories}, data.FacilityCategories...), func(string) { s.refilter() })
	s.catSel.SetSelectedIndex(0)
	s.facSel = NewSelect([]string{allFacilities}, func(string) { s.refilter() })
	s.facSel.SetSelectedIndex(0)
	s.count = widget.NewLabel("")
	s.listPane.init(env, listSpec[data.Check]{
		ID:     func(c *data.Check) int64 { return c.ID },
		NewRow: func() fyne.CanvasObject { return checkColumns.row(false) },
		SetRow: s.setRow,
		Dirty:  func() bool { return s.form.Dirty() },
		What:   func() string { return "这次检查" },
		Show:   func(c data.Check) { s.showForm(c, false) },
	})

	s.form = NewCheckForm(env)
	s.form.OnChanged = func() { s.frame.setStatus("", false) }
	s.form.OnSubmit = s.Save
	s.form.OnMakeFinding = s.makeFinding

	newBtn := widget.NewButtonWithIcon("新建检查", theme.ContentAddIcon(), s.New)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteCheck)
	s.exportBtn = widget.NewButtonWithIcon("导出评分表", theme.DocumentIcon(), s.export)

	filters := container.NewVBox(
		orderedBorder(nil, nil, newBtn, s.count, nil),
		container.NewGridWithColumns(3, s.period.sel, s.catSel, s.facSel),
		s.period.custom,
		checkColumns.row(true),
	)
	left := orderedBorder(filters, nil, nil, nil, s.list)
	bottom := container.NewVBox(s.form.Summary(),
		orderedBorder(nil, nil, container.NewHBox(s.deleteBtn, s.exportBtn), saveBtn, nil))
	s.frame = newRecordFrame(left, s.form.Content(), bottom, 0.36)
	s.content = s.frame.split
	s.Reload()
	s.showForm(s.form.Blank(), false)
	return s
}

// Content implements Screen.
func (s *ChecksScreen) Content() fyne.CanvasObject { return s.content }

// Form is the scoring form (for tests and the lead's wiring).
func (s *ChecksScreen) Form() *CheckForm { return s.form }

// Reload re-reads checks, facilities, templates and thresholds; the form keeps what is typed.
func (s *ChecksScreen) Reload() {
	ctx := context.Background()
	st := s.env.Store
	all, err := st.Checks(ctx, data.CheckFilter{})
	var fs []data.Facility
	var ts []data.Checklist
	var th data.GradeThresholds
	if err == nil {
		fs, err = st.Facilities(ctx, "")
	}
	if err == nil {
		ts, err = st.Checklists(ctx, "")
	}
	if err == nil {
		th, err = st.GradeThresholds(ctx)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	slices.Reverse(all) // the store lists oldest first
	s.all, s.facilities, s.templates, s.th = all, fs, ts, th
	s.scores = make([]data.CheckScore, len(all))
	for i := range all {
		s.scores[i] = all[i].Score(th)
	}
	s.form.SetChoices(fs, ts, th)
	opts := []string{allFacilities}
	for _, f := range fs {
		opts = append(opts, f.Name)
	}
	keepSelect(s.facSel, opts)
	s.refilter()
	if id := s.form.Loaded().ID; id != 0 && !s.form.Dirty() {
		if c, ok := s.byID(id); ok {
			s.showForm(c, true)
		}
	}
}

func (s *ChecksScreen) refilter() {
	if s.list == nil {
		return
	}
	from, to := s.period.span()
	cat, fac := "", ""
	if s.catSel.SelectedIndex() > 0 {
		cat = s.catSel.Selected
	}
	if s.facSel.SelectedIndex() > 0 {
		fac = s.facSel.Selected
	}
	vis := s.visible[:0]
	for i := range s.all {
		c := &s.all[i]
		switch {
		case !from.IsZero() && c.Date.Before(from), !to.IsZero() && c.Date.After(to):
		case cat != "" && c.FacilityCategory != cat:
		case fac != "" && c.FacilityName != fac:
		default:
			vis = append(vis, i)
		}
	}
	s.count.SetText(fmt.Sprintf("共 %d 次检查", len(vis)))
	s.setVisible(vis)
}

func (s *ChecksScreen) setRow(o fyne.CanvasObject, i int) {
	c, sc := &s.all[i], s.scores[i]
	key, imp := "", map[int]widget.Importance{}
	if sc.KeyFailed() {
		key = data.KeyMark + "不合格"
		imp[5] = widget.DangerImportance
	}
	if sc.Grade == data.GradeFail {
		imp[4] = widget.DangerImportance
	}
	checkColumns.set(o, []string{c.Date.String(), c.FacilityName, c.ChecklistName,
		fmt.Sprintf("%.1f", sc.Standard), sc.Grade, key}, imp)
}

func (s *ChecksScreen) showForm(c data.Check, keepStatus bool) {
	s.form.Set(c)
	s.selected = c.ID
	if c.ID == 0 {
		s.frame.title.SetText("新检查")
		s.deleteBtn.Disable()
	} else {
		s.frame.title.SetText(fmt.Sprintf("%s %s", c.Date, c.FacilityName))
		s.deleteBtn.Enable()
	}
	if !keepStatus {
		s.frame.setStatus("", false)
	}
	s.syncSelection()
	s.frame.scroll.ScrollToTop()
}

// Select shows check id.
func (s *ChecksScreen) Select(id int64) {
	s.open(id, func(c data.Check) { s.showForm(c, false) })
}

// New starts a new check (Ctrl+N): today, every item at full marks once a facility is chosen.
func (s *ChecksScreen) New() {
	s.confirmDiscard(func() {
		s.showForm(s.form.Blank(), false)
		s.form.FocusFirst()
	}, nil)
}

// Save saves the check with all its items (Ctrl+S, 保存, Enter in a score or reason); problems are
// shown at their fields and rows, and nothing is saved then. It reports whether it saved.
func (s *ChecksScreen) Save() { s.save() }

func (s *ChecksScreen) save() bool {
	c, fe := s.form.Check()
	var err error
	if fe == nil {
		err = s.env.Store.SaveCheck(context.Background(), &c)
	} else {
		v := c
		v.Items = slices.Clone(c.Items)
		v.Normalize()
		err = mergeErrors(fe, data.ValidateCheck(&v, s.env.Today()))
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		unplaced := s.form.ShowErrors(ferr)
		s.frame.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明，没有保存。%s", len(ferr), strings.Join(unplaced, "；")), true)
		return false
	case err != nil:
		ShowError(s.env.Win, err)
		return false
	}
	s.selected = c.ID
	s.form.Set(c)
	s.Reload()
	s.showForm(c, true)
	sc := c.Score(s.th)
	s.frame.setStatus(fmt.Sprintf("已保存检查：标化分 %.1f，%s（%s）", sc.Standard, sc.Grade, time.Now().Format("15:04:05")), false)
	notify(s.env)
	return true
}

// Status is the status line over the form ("" when none).
func (s *ChecksScreen) Status() string { return s.frame.Status() }

func (s *ChecksScreen) deleteCheck() {
	c := s.form.Loaded()
	if c.ID == 0 {
		return
	}
	msg := fmt.Sprintf("确定要删除 %s 对“%s”的检查评分吗？\n由扣分生成的问题会保留。", c.Date, c.FacilityName)
	ShowConfirm(s.env.Win, "删除检查", msg, "删除", func() {
		if err := s.env.Store.DeleteCheck(context.Background(), c.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.showForm(s.form.Blank(), false)
		s.Reload()
		s.frame.setStatus(fmt.Sprintf("已删除 %s 的检查", c.Date), false)
		notify(s.env)
	})
}

// makeFinding creates the finding of item i's deduction: the check is saved first (so the finding
// can point at it), then a dialog shows the finding prefilled by data.FindingFromDeduction; saving
// it links the finding to the item.
func (s *ChecksScreen) makeFinding(i int) {
	if c := s.form.Loaded(); c.ID != 0 && i < len(c.Items) && c.Items[i].FindingID != 0 && !s.form.Dirty() {
		if s.OnShowFinding != nil {
			s.OnShowFinding(c.Items[i].FindingID)
		}
		return
	}
	if (s.form.Dirty() || s.form.Loaded().ID == 0) && !s.save() {
		return
	}
	c := s.form.Loaded()
	if i >= len(c.Items) {
		return
	}
	item := c.Items[i]
	if item.NA || item.Score >= item.Points {
		return
	}
	fac := data.Facility{ID: c.FacilityID, Name: c.FacilityName, Category: c.FacilityCategory}
	if f, err := s.env.Store.Facility(context.Background(), c.FacilityID); err == nil {
		fac = f
	}
	showDeductionFinding(s.env, data.FindingFromDeduction(c, item, fac, s.env.Today()), i, func(f data.Finding) error {
		// The store linked the item in the same transaction; show the check as saved.
		c, err := s.env.Store.Check(context.Background(), c.ID)
		if err != nil {
			return err
		}
		s.form.Set(c)
		s.Reload()
		s.showForm(c, true)
		s.frame.setStatus(fmt.Sprintf("已生成问题：%s", clip(f.Description, 40)), false)
		notify(s.env)
		return nil
	})
}

// showDeductionFinding shows a finding prefilled from the deduction on item in the finding form;
// 保存 creates it linked to the item (one transaction), then runs linked with the saved finding.
func showDeductionFinding(env *Env, f data.Finding, item int, linked func(data.Finding) error) {
	ctx := context.Background()
	cats, err := env.Store.Options(ctx, data.ListFindingCategories)
	var levels []string
	var teams []data.Team
	var members []data.Member
	if err == nil {
		levels, err = env.Store.Options(ctx, data.ListFindingLevels)
	}
	if err == nil {
		teams, err = env.Store.Teams(ctx)
	}
	if err == nil {
		members, err = env.Store.Members(ctx, data.MemberFilter{})
	}
	if err != nil {
		ShowError(env.Win, err)
		return
	}
	form := NewFindingForm(env.Today)
	form.SetChoices(cats, levels, teams, members)
	form.Set(f)
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	body := container.NewVBox(note("由检查扣分生成的问题已按扣分情况填好，核对后保存，即进入问题整改销号流程。"), form.Content(), msg)
	d := dialog.NewCustomWithoutButtons("生成问题", container.NewVScroll(body), env.Win)
	save := func() {
		nf, fe := form.Finding()
		err := error(nil)
		if fe != nil {
			err = fe
		} else {
			err = env.Store.CreateCheckFinding(ctx, &nf, item)
		}
		var ferr data.FieldErrors
		if errors.As(err, &ferr) {
			unplaced := form.ShowErrors(ferr)
			msg.SetText(strings.Join(unplaced, "\n"))
			msg.Hidden = len(unplaced) == 0
			msg.Refresh()
			return
		}
		if err == nil {
			err = linked(nf)
		}
		d.Hide()
		ShowError(env.Win, err)
	}
	form.OnSubmit = save
	ok := widget.NewButtonWithIcon("保存问题", theme.ConfirmIcon(), save)
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("取消", theme.CancelIcon(), d.Hide), ok})
	d.Resize(dialogSize(env, 760, 560))
	d.Show()
	form.FocusFirst()
}

// export writes the R5 评分表 of the check shown, as saved (unsaved edits are asked about first).
func (s *ChecksScreen) export() {
	if s.form.Dirty() || s.form.Loaded().ID == 0 {
		if !s.save() {
			return
		}
	}
	c, th := s.form.Loaded(), s.th
	name := safeFileName(fmt.Sprintf("%s检查评分表_%s.xlsx", c.FacilityName, c.Date))
	exportWorkbook(s.env, "检查评分表", name, func(ctx context.Context, path string) error {
		meta, err := reportMeta(ctx, s.env)
		if err != nil {
			return err
		}
		return writeWorkbook(ctx, path, func(w io.Writer) error { return reports.WriteCheckSheet(w, meta, c, th) })
	})
}
