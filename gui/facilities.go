package gui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// facilityColumns are the facilities list's columns.
var facilityColumns = widgets.Columns{{"类别", 0, "宿舍"}, {"名称", 1.5, ""}, {"位置", 1.3, ""}, {"负责人", 0, "欧阳建国"}}

// FacilitiesScreen is 设施: the canteens, bathhouses, dormitories and green areas the branch
// checks, with their form.
type FacilitiesScreen struct {
	recordScreen[data.Facility]
	catSel *widget.Select

	category *widget.Select
	name     *widgets.Entry
	location *widgets.Entry
	manager  *widgets.Entry
	rooms    *widgets.Entry
	roomsRow *fyne.Container
	remark   *widgets.TextArea
}

// NewFacilitiesScreen builds the screen and loads the facilities.
func NewFacilitiesScreen(env *Env) *FacilitiesScreen {
	s := &FacilitiesScreen{}
	s.catSel = s.filterSelect(allCategories, data.FacilityCategories...)
	s.initRecord(env, recordSpec[data.Facility]{
		Columns: facilityColumns,
		Cells: func(f *data.Facility) ([]string, map[int]widget.Importance) {
			return []string{f.Category, f.Name, f.Location, f.Manager}, nil
		},
		ID:    func(f *data.Facility) int64 { return f.ID },
		Load:  func(ctx context.Context) ([]data.Facility, error) { return env.Store.Facilities(ctx, "") },
		Match: func(_ int, f *data.Facility) bool { return lets(s.catSel, f.Category) },
		Count: "共 %d 处", NewLabel: "新建设施", What: "这个设施",
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.facility,
		Title:    func(f *data.Facility) string { return f.Name },
		NewTitle: "新设施",
		Focus:    func() { focus(s.name) },
		Save:     env.Store.SaveFacility,
		Saved:    func(f *data.Facility) string { return "已保存设施“" + f.Name + "”" },
		Delete:   env.Store.DeleteFacility,
		Question: func(f *data.Facility) string {
			return fmt.Sprintf("确定要删除“%s”吗？\n已有检查记录的设施不能删除。", f.Name)
		},
		Entity:  data.EntFacility,
		Deleted: func(f *data.Facility) string { return "已删除设施“" + f.Name + "”" },
	})

	fs := &s.fields
	s.category = widgets.NewSelect(data.FacilityCategories, func(v string) {
		s.showRooms()
		s.changed(data.FFacilityCategory)
	})
	s.name = s.newEntry(data.FFacilityName, "如 一号职工食堂")
	s.location = s.newEntry(data.FLocation, "如 矿区生活区2号楼")
	s.manager = s.newEntry(data.FManager, "由检查扣分生成的问题默认由负责人整改")
	s.rooms = s.newEntry(data.FRooms, "宿舍的房间数")
	s.remark = s.newArea(data.FRemark, 3, "")
	fRemark := fs.Add(data.FRemark, false, s.remark)
	fRemark.Wide = true
	for _, e := range []*widgets.Entry{s.name, s.location, s.manager, s.rooms} {
		e.OnSubmitted = func(string) { s.Save() }
	}
	fRooms := fs.Add(data.FRooms, false, s.rooms)
	s.roomsRow = container.NewVBox(widgets.Section("宿舍", 1, fRooms))
	form := container.NewVBox(
		widgets.Section("设施", 1, fs.Add(data.FFacilityCategory, true, s.category), fs.Add(data.FFacilityName, true, s.name),
			fs.Add(data.FLocation, false, s.location), fs.Add(data.FManager, false, s.manager)),
		s.roomsRow,
		widgets.Section("其他", 1, fRemark))
	s.buildFrame([]fyne.CanvasObject{s.catSel}, form, 0.5)
	return s
}

// blank is a new facility of the category filtered on (食堂 when none is).
func (s *FacilitiesScreen) blank() data.Facility {
	cat := data.FacilityCanteen
	if s.catSel.SelectedIndex() > 0 {
		cat = s.catSel.Selected
	}
	return data.Facility{Category: cat}
}

func (s *FacilitiesScreen) toForm(f data.Facility) {
	s.category.SetSelected(f.Category)
	s.name.SetText(f.Name)
	s.location.SetText(f.Location)
	s.manager.SetText(f.Manager)
	s.rooms.SetText("")
	if f.Rooms > 0 {
		s.rooms.SetText(strconv.Itoa(f.Rooms))
	}
	s.remark.SetText(f.Remark)
	s.showRooms()
}

// showRooms shows 房间数 for a dormitory only.
func (s *FacilitiesScreen) showRooms() {
	if s.roomsRow == nil {
		return
	}
	s.roomsRow.Hidden = s.category.Selected != data.FacilityDormitory
	s.roomsRow.Refresh()
}

// facility reads the form over the facility loaded.
func (s *FacilitiesScreen) facility() (data.Facility, error) {
	f := s.loaded
	f.Category, f.Name, f.Location, f.Manager, f.Remark = s.category.Selected, s.name.Text, s.location.Text, s.manager.Text, s.remark.Text
	f.Rooms = 0
	if t := strings.TrimSpace(data.NormalizeText(s.rooms.Text)); t != "" && f.Category == data.FacilityDormitory {
		n, err := strconv.Atoi(t)
		if err != nil {
			return f, data.FieldErrors{{Field: data.FRooms, Message: "房间数应为整数，如 24"}}
		}
		f.Rooms = n
	}
	return f, nil
}
