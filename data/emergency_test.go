package data

import (
	"reflect"
	"strings"
	"testing"
)

func TestValidateEmergency(t *testing.T) {
	today := NewDate(2026, 11, 23)
	valid := func() Emergency {
		return Emergency{Kind: "应急演练", Date: NewDate(2026, 11, 5), Subject: "井下避灾演练",
			Members: []EmergencyMember{{MemberID: 1, Commando: true}, {MemberID: 2}}}
	}
	tests := []struct {
		name   string
		change func(*Emergency)
		field  string
		msg    string
	}{
		{"valid", func(*Emergency) {}, "", ""},
		{"kind defaults", func(e *Emergency) { e.Kind = "" }, "", ""},
		{"unknown kind", func(e *Emergency) { e.Kind = "演习" }, FEmKind, "无法识别"},
		{"no date", func(e *Emergency) { e.Date = Date{} }, FEmDate, "请填写日期"},
		{"future date", func(e *Emergency) { e.Date = NewDate(2026, 12, 1) }, FEmDate, "晚于"},
		{"no subject", func(e *Emergency) { e.Subject = " " }, FEmSubject, "请填写事项"},
		{"member twice", func(e *Emergency) { e.Members[1].MemberID = 1 }, FEmMembers, "重复"},
		{"member unset", func(e *Emergency) { e.Members[0].MemberID = 0 }, FEmMembers, "请选择"},
	}
	for _, tt := range tests {
		e := valid()
		tt.change(&e)
		e.Normalize()
		fe := ValidateEmergency(&e, today)
		if tt.field == "" {
			if fe != nil {
				t.Errorf("%s: %v", tt.name, fe)
			}
			continue
		}
		if !strings.Contains(fe.Error(), tt.field) || !strings.Contains(fe.Error(), tt.msg) {
			t.Errorf("%s: %v, want %s …%s…", tt.name, fe, tt.field, tt.msg)
		}
	}
}

func TestSupplyFlags(t *testing.T) {
	d := NewDate(2026, 11, 23)
	tests := []struct {
		name  string
		s     Supply
		flags []string
		fault bool
	}{
		{"in order", Supply{Quantity: 3, Checked: NewDate(2026, 1, 1), Expires: NewDate(2027, 1, 1)}, nil, false},
		{"no dates", Supply{Quantity: 3}, nil, false},
		{"expired yesterday", Supply{Quantity: 3, Expires: NewDate(2026, 11, 22)}, []string{SupplyExpired}, true},
		{"expires today", Supply{Quantity: 3, Expires: d}, []string{SupplyExpiring}, false},
		{"expires in 30 days", Supply{Quantity: 3, Expires: NewDate(2026, 12, 23)}, []string{SupplyExpiring}, false},
		{"expires in 31 days", Supply{Quantity: 3, Expires: NewDate(2026, 12, 24)}, nil, false},
		{"missing", Supply{Quantity: 0}, []string{SupplyMissing}, true},
		{"checked a year ago to the day", Supply{Quantity: 1, Checked: NewDate(2025, 11, 23)}, nil, false},
		{"checked over a year ago", Supply{Quantity: 1, Checked: NewDate(2025, 11, 22)}, []string{SupplyStale}, true},
		{"everything", Supply{Quantity: 0, Checked: NewDate(2024, 1, 1), Expires: NewDate(2025, 1, 1)},
			[]string{SupplyExpired, SupplyMissing, SupplyStale}, true},
	}
	for _, tt := range tests {
		if got := SupplyFlags(&tt.s, d); !reflect.DeepEqual(got, tt.flags) {
			t.Errorf("%s: flags %v, want %v", tt.name, got, tt.flags)
		}
		if got := SupplyFault(&tt.s, d); got != tt.fault {
			t.Errorf("%s: fault %v", tt.name, got)
		}
		if SupplyInView(&tt.s, ViewSupplyFault, d) != tt.fault || !SupplyInView(&tt.s, "", d) {
			t.Errorf("%s: views", tt.name)
		}
	}
}

func TestValidateSupply(t *testing.T) {
	today := NewDate(2026, 11, 23)
	s := Supply{Name: " 灭火器 ", Quantity: 10, Unit: "具"}
	s.Normalize()
	if fe := ValidateSupply(&s, today); fe != nil || s.Name != "灭火器" {
		t.Errorf("valid: %v %q", fe, s.Name)
	}
	bad := Supply{Quantity: 1000000, Checked: NewDate(2026, 11, 24)}
	fe := ValidateSupply(&bad, today)
	for _, f := range []string{FSupName, FSupQuantity, FSupChecked} {
		if fe.For(f) == "" {
			t.Errorf("%s not refused: %v", f, fe)
		}
	}
}

func TestA1EmergencyRule(t *testing.T) {
	tests := []struct {
		name    string
		ev      A1EmergencyEvidence
		deduct  float64
		done    string
		tallies int
	}{
		{"nothing, quarter under way", A1EmergencyEvidence{Quarter: "2026年第四季度"}, 0,
			"当月未开展应急演练或应急处置；2026年第四季度应急演练0次（季度末考核）；未登记应急物资", 0},
		{"nothing, quarter ended", A1EmergencyEvidence{Quarter: "2026年第四季度", QuarterEnded: true}, 2,
			"当月未开展应急演练或应急处置；2026年第四季度应急演练0次，季度末未达要求；未登记应急物资", 1},
		{"drill and faults", A1EmergencyEvidence{Records: 2, ByKind: [5]int{1, 0, 0, 1}, Members: 5, Commandos: 2,
			Quarter: "2026年第四季度", Drills: 1, QuarterEnded: true, Supplies: 6, Faults: 2}, 2,
			"当月应急防控2次（应急演练1次、防汛防火1次），党员参加5人次，其中突击队2人次；2026年第四季度应急演练1次；应急物资6项，过期、缺失或超一年未检查2项", 1},
	}
	for _, tt := range tests {
		tallies, done := A1EmergencyRule(tt.ev)
		var deduct float64
		for _, tl := range tallies {
			per := tl.Per
			if per == 0 {
				per = 1
			}
			deduct += float64(tl.Count) * per
		}
		if done != tt.done || len(tallies) != tt.tallies || deduct != tt.deduct {
			t.Errorf("%s: %v (%v), %q\nwant %q, %v", tt.name, tallies, deduct, done, tt.done, tt.deduct)
		}
	}
}
