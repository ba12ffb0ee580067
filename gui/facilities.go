package gui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// facilityColumns are the facilities list's columns.
var facilityColumns = columns{{"类别", 0, "宿舍"}, {"名称", 1.5, ""}, {"位置", 1.3, ""}, {"负责人", 0, "欧阳建国"}}

// FacilitiesScreen is 设施: the canteens, bathhouses, dormitories and green areas the branch
// checks, with their form.
type FacilitiesScreen struct {
	env *Env

	listPane[data.Facility]
	catSel *widget.Select
	count  *widget.Label

	fields   Fields
	loaded   data.Facility
	loading  bool
	dirty    bool
	category *widget.Select
	name     *Entry
	location *Entry
	manager  *Entry
	rooms    *Entry
	roomsRow *fyne.Container
	remark   *textArea

	frame     *recordFrame
	deleteBtn *widget.Button
}

// NewFacilitiesScreen builds the screen and loads the facilities.
func NewFacilitiesScreen(env *Env) *FacilitiesScreen {
	s := &FacilitiesScreen{env: env}
	s.catSel = NewSelect(append([]string{allCategories}, data.FacilityCategories...), func(string) { s.refilter() })
	s.catSel.SetSelectedIndex(0)
	s.count = widget.NewLabel("")
	s.listPane.init(env, listSpec[data.Facility]{
		ID:     func(f *data.Facility) int64 { return f.ID },
		NewRow: func() fyne.CanvasObject { return facilityColumns.row(false) },
		SetRow: func(o fyne.CanvasObject, i int) {
			f := &s.all[i]
			facilityColumns.set(o, []string{f.Category, f.Name, f.Location, f.Manager}, nil)
		},
		Dirty: func() bool { return s.dirty },
		What:  func() string { return "这个设施" },
		Show:  func(f data.Facility) { s.show(f, false) },
	})

	fs := &s.fields
	s.category = NewSelect(data.FacilityCategories, func(v string) {
		s.showRooms()
		s.changed(data.FFacilityCategory)
	})
	s.name = s.entry(data.FFacilityName, "如 一号职工食堂")
	s.location = s.entry(data.FLocation, "如 矿区生活区2号楼")
	s.manager = s.entry(data.FManager, "由检查扣分生成的问题默认由负责人整改")
	s.rooms = s.entry(data.FRooms, "宿舍的房间数")
	s.remark = newTextArea(3)
	s.remark.OnChanged = func(string) { s.changed(data.FRemark) }
	fRemark := fs.Add(data.FRemark, false, s.remark)
	fRemark.Wide = true
	for _, e := range []*Entry{s.name, s.location, s.manager, s.rooms} {
		e.OnSubmitted = func(string) { s.Save() }
	}
	fRooms := fs.Add(data.FRooms, false, s.rooms)
	s.roomsRow = container.NewVBox(Section("宿舍", 1, fRooms))
	form := container.NewVBox(
		Section("设施", 1, fs.Add(data.FFacilityCategory, true, s.category), fs.Add(data.FFacilityName, true, s.name),
			fs.Add(data.FLocation, false, s.location), fs.Add(data.FManager, false, s.manager)),
		s.roomsRow,
		Section("其他", 1, fRemark))

	newBtn := widget.NewButtonWithIcon("新建设施", theme.ContentAddIcon(), s.New)
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteFacility)
	left := orderedBorder(container.NewVBox(orderedBorder(nil, nil, newBtn, s.count, nil), s.catSel, facilityColumns.row(true)),
		nil, nil, nil, s.list)
	s.frame = newRecordFrame(left, form, orderedBorder(nil, nil, s.deleteBtn, saveBtn, nil), 0.5)
	s.Reload()
	s.show(data.Facility{Category: data.FacilityCanteen}, false)
	return s
}

func (s *FacilitiesScreen) entry(label, placeholder string) *Entry {
	e := NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { s.changed(label) }
	return e
}

// Content implements Screen.
func (s *FacilitiesScreen) Content() fyne.CanvasObject { return s.frame.split }

// Reload re-reads the facilities.
func (s *FacilitiesScreen) Reload() {
	all, err := s.env.Store.Facilities(context.Background(), "")
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.all = all
	s.refilter()
}

func (s *FacilitiesScreen) refilter() {
	if s.list == nil {
		return
	}
	vis := s.visible[:0]
	for i, f := range s.all {
		if s.catSel.SelectedIndex() <= 0 || f.Category == s.catSel.Selected {
			vis = append(vis, i)
		}
	}
	s.count.SetText(fmt.Sprintf("共 %d 处", len(vis)))
	s.setVisible(vis)
}

func (s *FacilitiesScreen) show(f data.Facility, keepStatus bool) {
	s.loading = true
	s.loaded, s.selected = f, f.ID
	s.category.SetSelected(f.Category)
	s.name.SetText(f.Name)
	s.location.SetText(f.Location)
	s.manager.SetText(f.Manager)
	s.rooms.SetText("")
	if f.Rooms > 0 {
		s.rooms.SetText(strconv.Itoa(f.Rooms))
	}
	s.remark.SetText(f.Remark)
	s.fields.ClearErrors()
	s.showRooms()
	s.loading, s.dirty = false, false
	if f.ID == 0 {
		s.frame.title.SetText("新设施")
		s.deleteBtn.Disable()
	} else {
		s.frame.title.SetText(f.Name)
		s.deleteBtn.Enable()
	}
	if !keepStatus {
		s.frame.setStatus("", false)
	}
	s.syncSelection()
}

// showRooms shows 房间数 for a dormitory only.
func (s *FacilitiesScreen) showRooms() {
	if s.roomsRow == nil {
		return
	}
	s.roomsRow.Hidden = s.category.Selected != data.FacilityDormitory
	s.roomsRow.Refresh()
}

func (s *FacilitiesScreen) changed(label string) {
	if s.loading {
		return
	}
	s.dirty = true
	if f := s.fields.Get(label); f != nil {
		f.SetError("")
	}
	s.frame.setStatus("", false)
}

// New clears the form for a new facility (Ctrl+N).
func (s *FacilitiesScreen) New() {
	s.confirmDiscard(func() {
		cat := data.FacilityCanteen
		if s.catSel.SelectedIndex() > 0 {
			cat = s.catSel.Selected
		}
		s.show(data.Facility{Category: cat}, false)
		focus(s.name)
	}, nil)
}

// Save saves the facility (Ctrl+S, Enter in a field).
func (s *FacilitiesScreen) Save() {
	f := s.loaded
	f.Category, f.Name, f.Location, f.Manager, f.Remark = s.category.Selected, s.name.Text, s.location.Text, s.manager.Text, s.remark.Text
	var err error
	f.Rooms = 0
	if t := strings.TrimSpace(data.NormalizeText(s.rooms.Text)); t != "" && f.Category == data.FacilityDormitory {
		n, convErr := strconv.Atoi(t)
		if convErr != nil {
			err = data.FieldErrors{{Field: data.FRooms, Message: "房间数应为整数，如 24"}}
		}
		f.Rooms = n
	}
	if err == nil {
		err = s.env.Store.SaveFacility(context.Background(), &f)
	}
	var fe data.FieldErrors
	switch {
	case errors.As(err, &fe):
		unplaced := s.fields.ShowErrors(fe)
		s.frame.setStatus("请按标红的说明修改，没有保存。"+strings.Join(unplaced, "；"), true)
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	s.selected = f.ID
	s.Reload()
	s.show(f, true)
	s.frame.setStatus("已保存设施“"+f.Name+"”", false)
	notify(s.env)
}

func (s *FacilitiesScreen) deleteFacility() {
	f := s.loaded
	if f.ID == 0 {
		return
	}
	ShowConfirm(s.env.Win, "删除设施", fmt.Sprintf("确定要删除“%s”吗？\n已有检查记录的设施不能删除。", f.Name), "删除", func() {
		if err := s.env.Store.DeleteFacility(context.Background(), f.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.show(data.Facility{Category: f.Category}, false)
		s.Reload()
		s.frame.setStatus("已删除设施“"+f.Name+"”", false)
		notify(s.env)
	})
}
