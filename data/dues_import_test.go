package data

import (
	"strings"
	"testing"
)

// A payroll without 缴费类别 keeps each member's category in effect; a fixed category's amount is its
// fixed amount; a sheet without an amount column is refused saying which column is missing.
func TestParseDuesBases(t *testing.T) {
	a, b := IDNumberWithCheck("13020319600101001"), IDNumberWithCheck("13020319800101003")
	members := []Member{{ID: 1, Name: "老周", IDNumber: a}, {ID: 2, Name: "小吴", IDNumber: b, RollStatus: "转出"}}
	history := []DuesBase{{MemberID: 1, From: Month{2025, 1}, Category: DuesRetired, Base: 400000}}
	rows := [][]string{
		{"姓名", "公民身份证号", "计算基数"},
		{"老周", a, "4200"},
		{"小吴", b, "5000"},
	}
	p, err := ParseDuesBases(rows, Month{2026, 1}, members, history, DefaultDuesRates())
	if err != nil {
		t.Fatal(err)
	}
	if r := p.Rows[0]; len(r.Problems) != 0 || r.Base.Category != DuesRetired || r.Base.Base != 420000 || r.Base.MemberID != 1 {
		t.Errorf("row 2 %+v", r)
	}
	if r := p.Rows[1]; len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Reason, "已转出") {
		t.Errorf("row 3 %+v", r)
	}
	pl := PlanDuesImport(&p)
	if len(pl.Bases) != 1 || pl.ErrorRows != 1 || pl.Rows[0] != 2 {
		t.Errorf("plan %+v", pl)
	}
	rows[1] = []string{"老周", a, "0.5"}
	rows[0] = append(rows[0], "缴费类别")
	rows[1] = append(rows[1], "农民")
	p, _ = ParseDuesBases(rows, Month{2026, 1}, members, history, DefaultDuesRates())
	if r := p.Rows[0]; len(r.Problems) != 0 || r.Base.Fixed != 50 || r.Base.Base != 0 {
		t.Errorf("farmer %+v", r)
	}
	rows[1][2] = "3"
	p, _ = ParseDuesBases(rows, Month{2026, 1}, members, history, DefaultDuesRates())
	if r := p.Rows[0]; len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Reason, "0.20 至 1.00 元") {
		t.Errorf("farmer 3 元 %+v", r)
	}
	_, err = ParseDuesBases([][]string{{"姓名", "身份证号", "备注"}}, Month{2026, 1}, members, nil, DefaultDuesRates())
	if err == nil || !strings.Contains(err.Error(), "缺少“计算基数”列") {
		t.Errorf("no amount column: %v", err)
	}
}
