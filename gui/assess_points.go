package gui

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
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// PointsScreen is 党员积分 (A2) for one year: the members ranked by total (data.ScoreMembers), the
// selected member's entries, and a form adding a manual entry. Generated entries follow their
// records: they are brought up to date whenever the screen loads and cannot be deleted here.
type PointsScreen struct {
	env     *Env
	year    int
	tpl     data.AssessTemplate
	members []data.Member
	groups  map[int64]string  // member id → 党小组
	entries []data.PointEntry // the year's, every member
	ranked  []data.MemberPoints
	order   []int // indices into ranked, by rank
	member  int64 // selected member
	mine    []data.PointEntry

	yearSel  *widget.Select
	list     *widget.List
	entryBox *fyne.Container
	title    *widget.Label

	fields  widgets.Fields
	item    *widget.Select
	date    *widgets.DateEntry
	points  *widgets.Entry
	reason  *widgets.Entry
	addBtn  *widget.Button
	status  *widget.Label
	content fyne.CanvasObject
}

// Columns of the ranked list.
var pointsTitles = []string{"排名", "姓名", "党小组", data.FBase, data.FDeducted, data.FAdded, data.FTotal, data.FGrade}

// NewPointsScreen builds the screen on the current year.
func NewPointsScreen(env *Env) *PointsScreen {
	s := &PointsScreen{env: env, year: env.Today().Year}
	var years []string
	for y := s.year; y >= s.year-5; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.yearSel = widgets.NewSelect(years, func(v string) {
		if y, err := strconv.Atoi(v); err == nil && y != s.year {
			s.year = y
			s.Reload()
		}
	})
	s.yearSel.SetSelected(strconv.Itoa(s.year))
	export := widget.NewButtonWithIcon("导出积分汇总表", theme.DocumentPrintIcon(), s.export)

	s.list = widget.NewList(func() int { return len(s.order) },
		func() fyne.CanvasObject {
			objs := make([]fyne.CanvasObject, len(pointsTitles))
			for i := range objs {
				objs[i] = widget.NewLabel("")
			}
			return container.NewGridWithColumns(len(pointsTitles), objs...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			r := s.ranked[s.order[id]]
			cells := []string{strconv.Itoa(r.Rank), r.Name, s.groups[r.MemberID], data.FormatScore(r.Base),
				data.FormatScore(r.Deducted), data.FormatScore(r.Added), data.FormatScore(r.Total), r.Grade}
			for i, c := range o.(*fyne.Container).Objects {
				l := c.(*widget.Label)
				l.Importance = widget.MediumImportance
				if r.Grade == data.GradeFail {
					l.Importance = widget.DangerImportance
				}
				l.SetText(cells[i])
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < len(s.order) {
			s.member = s.ranked[s.order[id]].MemberID
			s.showEntries()
		}
	}
	head := make([]fyne.CanvasObject, len(pointsTitles))
	for i, t := range pointsTitles {
		head[i] = widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	left := container.NewBorder(container.NewGridWithColumns(len(pointsTitles), head...), nil, nil, nil, s.list)

	s.title = widget.NewLabelWithStyle("请在左边选择党员", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.entryBox = container.NewVBox()
	s.item = widgets.NewSelect(nil, func(string) { s.itemChanged() })
	s.date = widgets.NewDateEntry()
	s.date.Today = env.Today
	s.points = widgets.NewEntry()
	s.reason = widgets.NewEntry()
	s.reason.OnSubmitted = func(string) { s.AddEntry() }
	s.addBtn = widget.NewButtonWithIcon("添加积分", theme.ContentAddIcon(), func() { s.AddEntry() })
	s.status = widgets.Note("")
	s.status.Hide()
	form := widgets.Section("添加积分（手工）", 2,
		s.fields.Add(data.FPointItem, true, s.item), s.fields.Add(data.FPointDate, true, s.date),
		s.fields.Add(data.FPoints, true, s.points), s.fields.Add(data.FPointReason, true, s.reason))
	right := container.NewBorder(s.title, container.NewVBox(form, container.NewHBox(s.addBtn), s.status), nil, nil,
		container.NewVScroll(s.entryBox))
	split := container.NewHSplit(left, right)
	split.Offset = 0.55
	// The note goes under the bar: a wrapping label inside an HBox is squeezed to one character wide.
	top := container.NewVBox(container.NewHBox(widget.NewLabel("年度"), s.yearSel, export),
		widgets.Note("督查、办实事的积分由台账自动生成，随记录变化；其余积分手工添加。"))
	s.content = container.NewBorder(top, nil, nil, nil, split)
	s.Reload() // a tab is built when first shown: it must show its data at once
	return s
}

func (s *PointsScreen) Content() fyne.CanvasObject { return s.content }

// Reload brings the year's generated entries into step with the ledgers, then shows the points.
// Regeneration is one transaction over a branch's year of records, quick enough for the UI goroutine.
func (s *PointsScreen) Reload() {
	ctx := context.Background()
	st := s.env.Store
	v, err := data.LoadPoints(ctx, st, data.YearPeriod(s.year), true)
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.tpl, s.members, s.groups, s.entries, s.ranked = v.Template, v.Members, v.Groups, v.Entries, v.Rows
	s.order = make([]int, len(s.ranked))
	for i := range s.order {
		s.order[i] = i
	}
	slices.SortStableFunc(s.order, func(a, b int) int { return s.ranked[a].Rank - s.ranked[b].Rank })
	names := make([]string, len(s.tpl.Items))
	for i, it := range s.tpl.Items {
		names[i] = it.Name
	}
	setOptionsKeeping(s.item, names, s.item.Selected)
	if s.date.Text == "" {
		s.date.SetDate(s.env.Today())
	}
	s.list.UnselectAll()
	s.list.Refresh()
	for pos, i := range s.order {
		if s.ranked[i].MemberID == s.member {
			s.list.Select(pos)
		}
	}
	s.showEntries()
}

// Ranked is the members' points as listed, by rank.
func (s *PointsScreen) Ranked() []data.MemberPoints {
	out := make([]data.MemberPoints, len(s.order))
	for pos, i := range s.order {
		out[pos] = s.ranked[i]
	}
	return out
}

// SelectMember shows a member's entries.
func (s *PointsScreen) SelectMember(id int64) {
	for pos, i := range s.order {
		if s.ranked[i].MemberID == id {
			s.list.Select(pos)
			return
		}
	}
}

// Entries are the selected member's entries as shown.
func (s *PointsScreen) Entries() []data.PointEntry { return s.mine }

func (s *PointsScreen) showEntries() {
	s.mine = s.mine[:0]
	for _, e := range s.entries {
		if e.MemberID == s.member && s.member != 0 {
			s.mine = append(s.mine, e)
		}
	}
	objs := []fyne.CanvasObject{}
	if s.member == 0 {
		s.title.SetText("请在左边选择党员")
	} else {
		for _, r := range s.ranked {
			if r.MemberID == s.member {
				s.title.SetText(fmt.Sprintf("%s　%d年积分明细（总分 %s，%s）", r.Name, s.year, data.FormatScore(r.Total), r.Grade))
			}
		}
		if len(s.mine) == 0 {
			objs = append(objs, widgets.Note("本年度没有积分记录。"))
		}
	}
	for _, e := range s.mine {
		kind := "手工"
		if e.Generated {
			kind = "自动"
		}
		text := widgets.Note(fmt.Sprintf("%s　%s　%+g分　%s（%s）", e.Date, e.Item, e.Points, e.Reason, kind))
		var del fyne.CanvasObject = widget.NewLabel("")
		if !e.Generated {
			id := e.ID
			del = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), func() { s.deleteEntry(id) })
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, del, text))
	}
	s.entryBox.Objects = objs
	s.entryBox.Refresh()
	if s.member == 0 {
		s.addBtn.Disable()
	} else {
		s.addBtn.Enable()
	}
}

// itemChanged prefills the points of the catalogue item chosen.
func (s *PointsScreen) itemChanged() {
	if it := s.catalogueItem(); it != nil {
		s.points.SetText(data.FormatScore(data.NewPointEntry(0, data.Date{}, *it, "").Points))
	}
}

func (s *PointsScreen) catalogueItem() *data.AssessItem {
	for i := range s.tpl.Items {
		if s.tpl.Items[i].Name == s.item.Selected {
			return &s.tpl.Items[i]
		}
	}
	return nil
}

// AddEntry saves the manual entry of the form for the selected member.
func (s *PointsScreen) AddEntry() bool {
	if s.member == 0 {
		s.setStatus("请先在左边选择党员。", true)
		return false
	}
	var fe data.FieldErrors
	e := data.PointEntry{MemberID: s.member, Item: s.item.Selected, Reason: s.reason.Text}
	e.Date = readDate(&fe, data.FPointDate, s.date)
	v, ok := parseScore(s.points.Text)
	if !ok {
		fe = append(fe, data.FieldError{Field: data.FPoints, Message: "分值应为数字，如 2 或 -1.5"})
	}
	e.Points = v
	var err error = fe
	if fe == nil {
		err = s.env.Store.SavePointEntry(context.Background(), &e)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		rest := showErrors(&s.fields, ferr)
		s.setStatus(fmt.Sprintf("有 %d 处需要修改，没有保存。%s", len(ferr), strings.Join(rest, "；")), true)
		return false
	case err != nil:
		ShowError(s.env.Win, err)
		return false
	}
	s.fields.ClearErrors()
	s.reason.SetText("")
	s.setStatus(fmt.Sprintf("已添加积分：%s %+g分（%s）", e.Item, e.Points, time.Now().Format("15:04:05")), false)
	s.Reload()
	notify(s.env)
	return true
}

func (s *PointsScreen) deleteEntry(id int64) {
	ShowConfirm(s.env.Win, "删除积分", "删除这条手工积分？删除后可在回收站恢复。", "删除", func() {
		if err := s.env.Store.DeletePointEntry(context.Background(), id); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.setStatus("已删除积分。", false)
		s.Reload()
		notify(s.env)
	})
}

func (s *PointsScreen) export() {
	exportReport(s.env, catalog.ByID("R9"), catalog.Input{Period: data.YearPeriod(s.year)})
}

func (s *PointsScreen) setStatus(msg string, bad bool) { setStatusLine(s.status, msg, bad) }

// Status is the status line ("" when hidden).
func (s *PointsScreen) Status() string { return statusLineText(s.status) }
