package gui

// 两堂一舍 检查评分 (SPEC §4): the checks list and the scoring form, whose 实得分, 应得分, 标化分 and
// 等次 follow every keystroke. This file also holds what the other 两堂一舍 screens share
// (recordFrame, parseScore, itemFieldIndex).

import (
	"context"
	"errors"
	"fmt"
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
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// allFacilities is the facility filter's "no filter" choice (allCategories is members.go's).
const allFacilities = "全部设施"

// parseScore reads a score or points value as typed (full-width digits too): 8, 7.5, ８.５.
func parseScore(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(data.NormalizeText(s), " ", ""), 64)
	return v, err == nil
}

// itemFieldIndex is the item (0-based) and field of an error on an item row (data.RowItem) of
// data.ValidateCheck/ValidateChecklist/…; ok is false for other errors.
func itemFieldIndex(e data.FieldError) (i int, field string, ok bool) {
	if e.Row < 1 || e.List != data.RowItem {
		return 0, "", false
	}
	return e.Row - 1, e.Field, true
}

// notify tells the other screens that something was saved.
func notify(env *Env) {
	if env.Changed != nil {
		env.Changed()
	}
}

// checkColumns are the checks list's columns.
var checkColumns = widgets.Columns{{"检查日期", 0, "2026-11-23"}, {"设施", 1, ""}, {"评分表", 1, ""}, {"标化分", 0, "100.0"}, {"等次", 0, "不合格"}, {"关键项", 0, "※不合格"}}

// ChecksScreen is 检查评分: the checks (newest first) with filters on the left, the scoring form on
// the right. Checks are kept in memory (a year is a few hundred).
type ChecksScreen struct {
	// OnShowFinding, when set, opens a finding created from a deduction in 问题整改.
	OnShowFinding func(id int64)

	recordScreen[data.Check] // all: newest first

	scores     map[int64]data.CheckScore // by check ID
	facilities []data.Facility
	templates  []data.Checklist
	th         data.GradeThresholds

	catSel *widget.Select
	facSel *widget.Select

	form *CheckForm
}

// NewChecksScreen builds the screen and loads the checks.
func NewChecksScreen(env *Env) *ChecksScreen {
	s := &ChecksScreen{}
	s.catSel = s.filterSelect(allCategories, data.FacilityCategories...)
	s.facSel = s.filterSelect(allFacilities)
	s.form = NewCheckForm(env)
	s.initRecord(env, recordSpec[data.Check]{
		Columns: checkColumns,
		Cells:   s.cells,
		ID:      func(c *data.Check) int64 { return c.ID },
		Load:    s.load,
		Date:    func(c *data.Check) data.Date { return c.Date },
		Match:   s.match,
		Count:   "共 %d 次检查", NewLabel: "新建检查", What: "这次检查",
		Blank:    s.form.Blank,
		ToForm:   s.form.Set,
		FromForm: s.check,
		Title:    func(c *data.Check) string { return fmt.Sprintf("%s %s", c.Date, c.FacilityName) },
		NewTitle: "新检查",
		Focus:    s.form.FocusFirst,
		Save:     env.Store.SaveCheck,
		Saved: func(c *data.Check) string {
			sc := c.Score(s.th)
			return fmt.Sprintf("已保存检查：标化分 %.1f，%s（%s）", sc.Standard, sc.Grade, time.Now().Format("15:04:05"))
		},
		Refused: func(n int) string {
			return fmt.Sprintf("有 %d 处需要修改，请看标红的说明，没有保存。", n)
		},
		Delete: env.Store.DeleteCheck,
		Question: func(c *data.Check) string {
			return fmt.Sprintf("确定要删除 %s 对“%s”的检查评分吗？\n由扣分生成的问题会保留。", c.Date, c.FacilityName)
		},
		Entity:     data.EntCheck,
		Deleted:    func(c *data.Check) string { return fmt.Sprintf("已删除 %s 的检查", c.Date) },
		Dirty:      s.form.Dirty,
		ShowErrors: s.form.ShowErrors,
		Summary:    s.form.Summary(),
		Refresh:    true,
		Export:     s.export, ExportLabel: "导出评分表",
	})
	s.form.OnChanged = func() { s.frame.SetStatus("", false) }
	s.form.OnSubmit = s.Save
	s.form.OnMakeFinding = s.makeFinding
	s.buildFrame(s.periodRow(s.catSel, s.facSel),
		s.form.Content(), 0.36)
	return s
}

// Form is the scoring form (for tests and the lead's wiring).
func (s *ChecksScreen) Form() *CheckForm { return s.form }

// load reads checks, facilities, templates and thresholds; the form keeps what is typed.
func (s *ChecksScreen) load(ctx context.Context) ([]data.Check, error) {
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
		return nil, err
	}
	slices.Reverse(all) // the store lists oldest first
	s.facilities, s.templates, s.th = fs, ts, th
	s.scores = make(map[int64]data.CheckScore, len(all))
	for i := range all {
		s.scores[all[i].ID] = all[i].Score(th)
	}
	s.form.SetChoices(fs, ts, th)
	opts := []string{allFacilities}
	for _, f := range fs {
		opts = append(opts, f.Name)
	}
	keepSelect(s.facSel, opts)
	return all, nil
}

func (s *ChecksScreen) match(_ int, c *data.Check) bool {
	switch {
	case !lets(s.catSel, c.FacilityCategory):
	case !lets(s.facSel, c.FacilityName):
	default:
		return true
	}
	return false
}

func (s *ChecksScreen) cells(c *data.Check) ([]string, map[int]widget.Importance) {
	sc := s.scores[c.ID]
	key, imp := "", map[int]widget.Importance{}
	if sc.KeyFailed() {
		key = data.KeyMark + "不合格"
		imp[5] = widget.DangerImportance
	}
	if sc.Grade == data.GradeFail {
		imp[4] = widget.DangerImportance
	}
	return []string{c.Date.String(), c.FacilityName, c.ChecklistName,
		fmt.Sprintf("%.1f", sc.Standard), sc.Grade, key}, imp
}

// check is the form's check; typing errors come with the validator's other messages.
func (s *ChecksScreen) check() (data.Check, error) {
	c, fe := s.form.Check()
	if fe == nil {
		return c, nil
	}
	v := c
	v.Items = slices.Clone(c.Items)
	v.Normalize()
	return c, mergeErrors(fe, data.ValidateCheck(&v, s.env.Today()))
}

// Status is the status line over the form ("" when none).
func (s *ChecksScreen) Status() string { return s.frame.Status() }

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
		s.afterSave(c, fmt.Sprintf("已生成问题：%s", clip(f.Description, 40)))
		return nil
	})
}

// showDeductionFinding shows a finding prefilled from the deduction on item in the finding form;
// 保存 creates it linked to the item (one transaction), then runs linked with the saved finding.
func showDeductionFinding(env *Env, f data.Finding, item int, linked func(data.Finding) error) {
	showNewFinding(env, f, "由检查扣分生成的问题已按扣分情况填好，核对后保存，即进入问题整改销号流程。",
		func(ctx context.Context, nf *data.Finding) error { return env.Store.CreateCheckFinding(ctx, nf, item) }, linked)
}

// showNewFinding shows finding f, prefilled from the record that found it, in the finding form in a
// dialog with note over it; 保存 creates it with create, then runs linked with the saved finding.
// It returns the form shown (nil when the choices could not be read).
func showNewFinding(env *Env, f data.Finding, note string, create func(context.Context, *data.Finding) error, linked func(data.Finding) error) *FindingForm {
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
		return nil
	}
	form := NewFindingForm(env.Today)
	form.SetChoices(cats, levels, teams, members)
	form.Set(f)
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	body := container.NewVBox(widgets.Note(note), form.Content(), msg)
	d := dialog.NewCustomWithoutButtons("生成问题", container.NewVScroll(body), env.Win)
	save := func() {
		nf, fe := form.Finding()
		err := error(nil)
		if fe != nil {
			err = fe
		} else {
			err = create(ctx, &nf)
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
	d.Resize(widgets.DialogSize(env.Win, 760, 560))
	d.Show()
	form.FocusFirst()
	return form
}

// export writes the R5 评分表 of the check shown, as saved (unsaved edits are asked about first).
func (s *ChecksScreen) export() {
	if s.form.Dirty() || s.form.Loaded().ID == 0 {
		if !s.save() {
			return
		}
	}
	c := s.form.Loaded()
	exportReport(s.env, catalog.ByID("R5"), catalog.Input{CheckID: c.ID, Label: c.FacilityName + "_" + c.Date.String()})
}
