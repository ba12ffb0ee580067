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

// Filter and option texts of the welfare items screen.
const (
	allWelfareStates = "全部状态"
	welfareOpen      = "未办结"
	optNone          = "（未填）"
	optNoRating      = "（未评价）"
)

// welfareColumns are the welfare items list's columns.
var welfareColumns = widgets.Columns{{"事项", 1, ""}, {"类别", 0, "宿舍"}, {"承办人", 0, "欧阳建国"}, {"计划完成", 0, "2026-11-23"}, {"状态", 0, "逾期100天"}}

// WelfareItemsScreen is 办实事: the welfare items and workers' requests, followed from 已登记 to
// 已办结 (or 不予办理), with the form and the state buttons.
type WelfareItemsScreen struct {
	recordScreen[data.WelfareItem] // all: newest first

	today    data.Date
	stateSel *widget.Select
	catSel   *widget.Select
	overdue  *widget.Check

	people   *memberChoices
	title    *widgets.TextArea
	category *widget.Select
	source   *widget.Select
	proposer *widgets.Entry
	proposed *widgets.DateEntry
	handler  *widgets.SuggestEntry
	planned  *widgets.DateEntry
	cost     *widgets.Entry
	inHouse  *widget.Check
	rating   *widget.Select
	state    *widget.Label
	actions  *fyne.Container
}

// NewWelfareItemsScreen builds the screen and loads the items.
func NewWelfareItemsScreen(env *Env) *WelfareItemsScreen {
	s := &WelfareItemsScreen{people: newMemberChoices(nil, nil)}
	s.stateSel = widgets.NewSelect(append([]string{allWelfareStates, welfareOpen}, data.WelfareStates...), func(string) { s.refilter() })
	s.stateSel.SetSelectedIndex(0)
	s.catSel = s.filterSelect(allCategories, data.FacilityCategories...)
	s.overdue = widget.NewCheck("只看逾期", func(bool) { s.refilter() })
	s.initRecord(env, recordSpec[data.WelfareItem]{
		Columns: welfareColumns,
		Cells:   s.cells,
		ID:      func(w *data.WelfareItem) int64 { return w.ID },
		Load:    s.load,
		Date:    func(w *data.WelfareItem) data.Date { return w.ProposedDate },
		Match:   s.match,
		Count:   "共 %d 件", NewLabel: "登记事项", What: "这件事项",
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.item,
		Title:    func(w *data.WelfareItem) string { return clip(w.Title, 30) },
		NewTitle: "新事项",
		Focus:    func() { focus(s.title) },
		Save: func(ctx context.Context, w *data.WelfareItem) error {
			if err := env.Store.SaveWelfareItem(ctx, w); err != nil {
				return err
			}
			if saved, err := env.Store.WelfareItem(ctx, w.ID); err == nil {
				*w = saved // with the handler's name
			}
			return nil
		},
		Saved:  func(*data.WelfareItem) string { return "已保存事项" },
		Delete: env.Store.DeleteWelfareItem,
		Question: func(w *data.WelfareItem) string {
			return fmt.Sprintf("确定要删除事项“%s”吗？", clip(w.Title, 30))
		},
		Entity:  data.EntWelfare,
		Deleted: func(*data.WelfareItem) string { return "已删除事项" },
	})

	fs := &s.fields
	s.title = s.newArea(data.FWelfareTitle, 2, "如 更换一号食堂破损餐桌椅")
	fTitle := fs.Add(data.FWelfareTitle, true, s.title)
	fTitle.Wide = true
	s.category = widgets.NewSelect(append([]string{optNone}, data.FacilityCategories...), func(string) { s.changed(data.FWelfareCategory) })
	s.source = widgets.NewSelect(append([]string{optNone}, data.WelfareSources...), func(string) { s.changed(data.FWelfareSource) })
	s.proposer = s.newEntry(data.FProposer, "个人或群体，如 综采一队职工")
	s.proposed = s.newDate(data.FProposedDate, env.Today)
	s.handler = s.newMemberEntry(data.FHandler, "姓名或拼音首字母", &s.people) // as 责任人: a longer hint is cut
	s.planned = s.newDate(data.FPlannedDate, env.Today)
	s.cost = s.newEntry(data.FCost, "元，如 1250.50")
	s.cost.OnSubmitted = func(string) { s.Save() }
	s.inHouse = widget.NewCheck("能自己干的不外委", func(bool) { s.changed(data.FInHouse) })
	s.rating = widgets.NewSelect(append([]string{optNoRating}, data.WelfareRatings...), func(string) { s.changed(data.FRating) })
	s.state = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.state.Wrapping = fyne.TextWrapWord
	s.actions = container.NewHBox()
	form := widgets.NewSections(2).
		Add("事项", fTitle, fs.Add(data.FWelfareCategory, false, s.category), fs.Add(data.FWelfareSource, false, s.source),
			fs.Add(data.FProposer, false, s.proposer), fs.Add(data.FProposedDate, true, s.proposed),
			fs.Add(data.FHandler, true, s.handler.Content()), fs.Add(data.FPlannedDate, true, s.planned)).
		Add("办理", fs.Add(data.FCost, false, s.cost), fs.Add(data.FInHouse, false, s.inHouse),
			fs.Add(data.FRating, false, s.rating)).
		Content()

	body := container.NewVBox(form, widget.NewSeparator(), widgets.Heading("办理状态"), s.state, s.actions)
	s.buildFrame(append(s.periodRow(s.stateSel, s.catSel), s.overdue),
		body, 0.45)
	return s
}

func (s *WelfareItemsScreen) blank() data.WelfareItem {
	today := s.env.Today()
	return data.WelfareItem{ProposedDate: today, PlannedDate: today.AddDays(30), State: data.WelfareRegistered}
}

// load reads the items and the members 承办人 is chosen from.
func (s *WelfareItemsScreen) load(ctx context.Context) ([]data.WelfareItem, error) {
	all, err := s.env.Store.WelfareItems(ctx, data.WelfareFilter{})
	var members []data.Member
	var teams []data.Team
	if err == nil {
		members, err = s.env.Store.Members(ctx, data.MemberFilter{IncludeLeft: true})
	}
	if err == nil {
		teams, err = s.env.Store.Teams(ctx)
	}
	if err != nil {
		return nil, err
	}
	slices.Reverse(all) // newest first
	s.today = s.env.Today()
	s.people = newMemberChoices(members, teams)
	return all, nil
}

func (s *WelfareItemsScreen) match(_ int, w *data.WelfareItem) bool {
	state := s.stateSel.Selected
	switch {
	case state == welfareOpen && (w.State == data.WelfareDone || w.State == data.WelfareRejected):
	case s.stateSel.SelectedIndex() > 1 && w.State != state:
	case !lets(s.catSel, w.Category):
	case s.overdue.Checked && w.OverdueDays(s.today) == 0:
	default:
		return true
	}
	return false
}

func (s *WelfareItemsScreen) cells(w *data.WelfareItem) ([]string, map[int]widget.Importance) {
	state, imp := w.State, map[int]widget.Importance{}
	if n := w.OverdueDays(s.today); n > 0 { // in 状态, beside the date, as 问题整改 shows it
		state = fmt.Sprintf("逾期%d天", n)
		imp[4] = widget.DangerImportance
	}
	if w.State == data.WelfareDone {
		imp[4] = widget.SuccessImportance
	}
	return []string{w.Title, w.Category, w.Handler, w.PlannedDate.String(), state}, imp
}

func selectedOr(sel *widget.Select, none string) string {
	if sel.Selected == none {
		return ""
	}
	return sel.Selected
}

func (s *WelfareItemsScreen) toForm(w data.WelfareItem) {
	s.title.SetText(w.Title)
	selectOr(s.category, w.Category, optNone)
	selectOr(s.source, w.Source, optNone)
	s.proposer.SetText(w.Proposer)
	s.proposed.SetDate(w.ProposedDate)
	s.handler.SetText(s.people.Label(w.HandlerID))
	if s.handler.Text == "" && w.HandlerID != 0 {
		s.handler.SetText(w.Handler) // no longer on the roll
	}
	s.planned.SetDate(w.PlannedDate)
	s.cost.SetText("")
	if w.Cost != 0 {
		s.cost.SetText(strconv.FormatFloat(w.Cost, 'f', -1, 64))
	}
	s.inHouse.SetChecked(w.InHouse)
	selectOr(s.rating, w.Rating, optNoRating)
	// 职工评价 is asked once the item is done.
	if w.State == data.WelfareDone {
		s.rating.Enable()
	} else {
		s.rating.Disable()
	}
	s.showState()
}

// showState shows the state, its reason and 办结日期, and one button per allowed move.
func (s *WelfareItemsScreen) showState() {
	w := s.loaded
	text := "状态：" + w.State
	s.state.Importance = widget.MediumImportance
	if n := w.OverdueDays(s.env.Today()); n > 0 {
		text += fmt.Sprintf("（已逾期%d天）", n)
		s.state.Importance = widget.DangerImportance
	}
	if w.State == data.WelfareDone {
		text += "，办结日期 " + w.DoneDate.String()
	}
	if w.Reason != "" {
		text += "\n原因：" + w.Reason
	}
	if w.ID == 0 {
		text = "保存后即为“已登记”，再按办理进度点“开始办理”“办结”。"
	}
	s.state.SetText(text)
	s.actions.RemoveAll()
	if w.ID == 0 {
		return
	}
	for _, t := range data.NextWelfareStates(w.State) {
		s.actions.Add(moveButton(t, data.WelfareDone, func() { s.move(t) }))
	}
	if b := concernLink(s.env, w.ID); b != nil {
		s.actions.Add(b) // handed on from 思想疏导 (concerns.go)
	}
}

// item reads the form over the item loaded.
func (s *WelfareItemsScreen) item() (data.WelfareItem, error) {
	w := s.loaded
	var fe data.FieldErrors
	w.Title, w.Proposer = s.title.Text, s.proposer.Text
	w.Category, w.Source = selectedOr(s.category, optNone), selectedOr(s.source, optNone)
	w.ProposedDate = readDate(&fe, data.FProposedDate, s.proposed)
	w.PlannedDate = readDate(&fe, data.FPlannedDate, s.planned)
	w.HandlerID = readMember(&fe, data.FHandler, s.people, s.handler.Text)
	if w.HandlerID == 0 && s.loaded.HandlerID != 0 && s.handler.Text == s.loaded.Handler {
		w.HandlerID = s.loaded.HandlerID // a handler who has left the roll since
		fe = slices.DeleteFunc(fe, func(e data.FieldError) bool { return e.Field == data.FHandler })
	}
	w.Cost = 0
	if t := strings.TrimSpace(data.NormalizeText(s.cost.Text)); t != "" {
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(t, ",", ""), "元"), 64)
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FCost, Message: "费用应为数字（元），如 1250.50"})
		}
		w.Cost = v
	}
	w.InHouse = s.inHouse.Checked
	w.Rating = selectedOr(s.rating, optNoRating)
	return formRecord(w, fe, data.ValidateWelfareItem, s.env.Today())
}

// move asks for what the move needs (a reason, or 办结日期) and makes it; unsaved edits are saved
// first.
func (s *WelfareItemsScreen) move(tr data.Transition) {
	if s.dirty && !s.save() {
		return
	}
	w := s.loaded
	do := func(reason string, done data.Date) error {
		saved, err := s.env.Store.ChangeWelfareState(context.Background(), w.ID, tr.To, reason, done)
		if err != nil {
			return err
		}
		if full, err := s.env.Store.WelfareItem(context.Background(), saved.ID); err == nil {
			saved = full // with the handler's name
		}
		s.afterSave(saved, fmt.Sprintf("已%s：现为“%s”", tr.Action, saved.State))
		return nil
	}
	caption := "“" + clip(w.Title, 30) + "”"
	switch {
	case tr.To == data.WelfareDone:
		date := widgets.NewDateEntry()
		date.Today = s.env.Today
		date.SetDate(s.env.Today())
		var fd *flowDialog
		fd = newFlowDialog(s.env, tr.Action, "事项"+caption+"办结后可填写职工评价。", tr.Action,
			func(fs *widgets.Fields) fyne.CanvasObject {
				return widgets.Section("", 1, fs.Add(data.FDoneDate, true, date))
			},
			func() error {
				d, err := date.Date()
				if err != nil {
					return data.FieldErrors{{Field: data.FDoneDate, Message: data.ErrorMessage(err)}}
				}
				return do("", d)
			})
		date.OnSubmitted = func(string) { fd.confirm() }
		fd.show(date)
	case tr.NeedsReason:
		reason := widgets.NewEntry()
		var fd *flowDialog
		fd = newFlowDialog(s.env, tr.Action, fmt.Sprintf("事项%s将改为“%s”，请说明原因。", caption, tr.To), tr.Action,
			func(fs *widgets.Fields) fyne.CanvasObject {
				return widgets.Section("", 1, fs.Add(data.FReason, true, reason))
			},
			func() error { return do(reason.Text, data.Date{}) })
		reason.OnSubmitted = func(string) { fd.confirm() }
		fd.show(reason)
	default:
		ShowError(s.env.Win, do("", data.Date{}))
	}
}
