package sqlite

import (
	"strings"
	"testing"

	"branchledger/data"
)

func (fx *fixture) facility(t *testing.T, f data.Facility) data.Facility {
	t.Helper()
	if err := fx.db.SaveFacility(ctx, &f); err != nil {
		t.Fatalf("SaveFacility(%s): %v", f.Name, err)
	}
	return f
}

func TestFacilityCRUD(t *testing.T) {
	fx := newFixture(t)
	dorm := fx.facility(t, data.Facility{Category: "宿舍", Name: " 单身宿舍１号楼 ", Location: "工业广场东侧", Manager: "刘 强", Rooms: 48})
	canteen := fx.facility(t, data.Facility{Category: "食堂", Name: "职工食堂", Manager: "孙丽", Rooms: 5})
	fx.facility(t, data.Facility{Category: "澡堂", Name: "单身宿舍1号楼"}) // the same name in another category
	if dorm.ID == 0 || dorm.BranchID != 1 || dorm.Name != "单身宿舍1号楼" || dorm.Rooms != 48 || canteen.Rooms != 0 {
		t.Fatalf("saved: %+v %+v", dorm, canteen)
	}
	if got, err := fx.db.Facility(ctx, dorm.ID); err != nil || got != dorm {
		t.Errorf("Facility = %+v, %v; want %+v", got, err, dorm)
	}
	all, _ := fx.db.Facilities(ctx, "")
	if len(all) != 3 || all[0].Name != "职工食堂" || all[1].Category != "澡堂" || all[2] != dorm {
		t.Errorf("Facilities() = %+v", all)
	}
	if ds, _ := fx.db.Facilities(ctx, "宿舍"); len(ds) != 1 || ds[0].ID != dorm.ID {
		t.Errorf("Facilities(宿舍) = %+v", ds)
	}

	dorm.Rooms, dorm.Remark = 50, "三楼改为活动室"
	if err := fx.db.SaveFacility(ctx, &dorm); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Facility(ctx, dorm.ID); got.Rooms != 50 || got.Remark != "三楼改为活动室" {
		t.Errorf("updated: %+v", got)
	}

	refused := []struct {
		name  string
		f     data.Facility
		field string
		msg   string
	}{
		{"duplicate name", data.Facility{Category: "宿舍", Name: "单身宿舍1号楼"}, data.FFacilityName, "已有名为「单身宿舍1号楼」的宿舍"},
		{"no category", data.Facility{Name: "锅炉房"}, data.FFacilityCategory, "请选择类别"},
		{"unknown category", data.Facility{Category: "车库", Name: "车库"}, data.FFacilityCategory, "无法识别"},
		{"negative rooms", data.Facility{Category: "宿舍", Name: "3号楼", Rooms: -1}, data.FRooms, "房间数"},
	}
	for _, r := range refused {
		fe := fieldErrors(t, fx.db.SaveFacility(ctx, &r.f))
		if !strings.Contains(fe.For(r.field), r.msg) {
			t.Errorf("%s: %v, want %q on %s", r.name, fe, r.msg, r.field)
		}
	}
	wantCode(t, fx.db.SaveFacility(ctx, &data.Facility{ID: 999, Category: "食堂", Name: "x"}), data.ENotFound)

	if err := fx.db.DeleteFacility(ctx, canteen.ID); err != nil {
		t.Fatal(err)
	}
	_, err := fx.db.Facility(ctx, canteen.ID)
	wantCode(t, err, data.ENotFound)
	wantCode(t, fx.db.DeleteFacility(ctx, canteen.ID), data.ENotFound)
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntFacility})
	if len(ops) != 5 || ops[0].Action != data.ActDelete || ops[1].Action != data.ActUpdate || !strings.Contains(ops[1].Detail, "房间数：48 → 50") {
		t.Errorf("log: %+v", ops)
	}
}
