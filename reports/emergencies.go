package reports

import (
	"fmt"
	"io"
	"strings"

	"branchledger/data"
)

// This file prints R19 应急防控工作台账 (SPEC §12.6) and, on a second sheet, the emergency supplies
// with their flags as of the report's day.

var emergencyColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FEmDate, Width: 11, Kind: Date},
	{Header: data.FEmKind, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FEmSubject, Width: 20, Kind: Text},
	{Header: data.FEmMembers, Width: 20, Kind: Text},
	{Header: data.FEmLead, Width: 22, Kind: Text},
	{Header: data.FEmResult, Width: 16, Kind: Text},
}

// EmergenciesTable is R19's table: the headers and one row per record in the given order; 参加党员
// lists names, the 突击队 marked: 张三（突击队）.
func EmergenciesTable(es []data.Emergency) (headers []string, rows [][]any) {
	rows = make([][]any, len(es))
	for i := range es {
		e := &es[i]
		rows[i] = []any{i + 1, e.Date, e.Kind, e.Subject, e.MemberNames(), e.Lead, e.Result}
	}
	return columnHeaders(emergencyColumns), rows
}

var supplyColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FSupName, Width: 16, Kind: Text},
	{Header: data.FSupQuantity, Width: 8, Kind: Int},
	{Header: data.FSupUnit, Width: 6, Kind: Text, Align: AlignCenter},
	{Header: data.FSupPlace, Width: 16, Kind: Text},
	{Header: data.FSupChecked, Width: 11, Kind: Date},
	{Header: data.FSupExpires, Width: 11, Kind: Date},
	{Header: data.FSupFlags, Width: 16, Kind: Text, Align: AlignCenter},
}

// WriteEmergencies writes R19 应急防控工作台账: one row per record in the given order (by date) and
// a 合计 row counting each kind; then the sheet 应急物资 of the supplies with their flags on day
// asOf (expired, missing or stale rows red).
func WriteEmergencies(w io.Writer, meta Meta, es []data.Emergency, supplies []data.Supply, asOf data.Date) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "应急防控工作台账", Title: meta.Branch + "应急防控工作台账", Columns: emergencyColumns})
	if err != nil {
		return err
	}
	if len(es) == 0 {
		if err := noneRow(s, "本期没有应急防控记录"); err != nil {
			return err
		}
	} else {
		_, cells := EmergenciesTable(es)
		var byKind [5]int
		members, commandos := 0, 0
		for i := range es {
			for k, name := range data.EmergencyKinds {
				if es[i].Kind == name {
					byKind[k]++
				}
			}
			members += len(es[i].Members)
			commandos += es[i].Commandos()
			if err := s.Rows(Row{Cells: cells[i]}); err != nil {
				return err
			}
		}
		var parts []string
		for k, n := range byKind {
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%s%d次", data.EmergencyKinds[k], n))
			}
		}
		total := fmt.Sprintf("合计：%d次（%s），党员参加%d人次，其中突击队%d人次", len(es), strings.Join(parts, "、"), members, commandos)
		if err := s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(emergencyColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
			return err
		}
	}
	ss, err := b.AddSheet(SheetSpec{Name: "应急物资", Title: meta.Branch + "应急物资储备表", Columns: supplyColumns,
		Info: []string{"状态截至" + asOf.Chinese() + "：有效期已过为“已过期”，数量为0为“缺失”，检查日期超过一年为“超一年未检查”（以上标红），" +
			fmt.Sprintf("%d天内到期为“%s”", data.SupplyExpiringDays, data.SupplyExpiring)}})
	if err != nil {
		return err
	}
	if len(supplies) == 0 {
		return writeNone(w, b, ss, "还没有登记应急物资")
	}
	for i := range supplies {
		x := &supplies[i]
		cells := []any{i + 1, x.Name, x.Quantity, x.Unit, x.Place, x.Checked, x.Expires, strings.Join(data.SupplyFlags(x, asOf), "、")}
		if err := ss.Rows(Row{Cells: cells, Red: data.SupplyFault(x, asOf)}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
