package reports

import (
	"cmp"
	"io"
	"slices"

	"branchledger/data"
)

// InspectionRow is one inspection of R2 党员督查检查台账 with its findings.
type InspectionRow struct {
	Date       data.Date
	Kind       string // 督查类型
	Shift      string // 班次
	Inspectors string // 督查组成员, the lead first and marked: 张三（牵头）、李四, broken into lines between names
	Unit       string // 被查单位(班组)
	Place      string // 地点/岗位
	Findings   []FindingRow
}

// InspectionRows maps inspections to R2 rows in date order (the store lists the newest first; a
// ledger reads oldest first), findings in their given order with lateness as of day asOf. The
// 被查单位 is the team's current name when the team is known, else the inspection's Unit.
func InspectionRows(ins []data.Inspection, teams []data.Team, asOf data.Date) []InspectionRow {
	names := teamNames(teams)
	sorted := slices.Clone(ins)
	slices.SortStableFunc(sorted, func(a, b data.Inspection) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	rows := make([]InspectionRow, len(sorted))
	for i := range sorted {
		in := &sorted[i]
		unit := names[in.TeamID]
		if unit == "" {
			unit = in.Unit
		}
		rows[i] = InspectionRow{
			Date: in.Date, Kind: in.Kind, Shift: in.Shift, Inspectors: inspectorNames(in.Inspectors),
			Unit: unit, Place: in.Place, Findings: FindingRows(in.Findings, teams, asOf),
		}
	}
	return rows
}

// inspectorNames lists the team lead first, marked （牵头）, then the others in their order, with
// line breaks between names where the 督查组成员 column needs them.
func inspectorNames(ps []data.Inspector) string {
	names := make([]string, 0, len(ps))
	for _, p := range ps {
		if p.Lead {
			names = append(names, p.Name+"（牵头）")
		}
	}
	for _, p := range ps {
		if !p.Lead {
			names = append(names, p.Name)
		}
	}
	return joinWrapped(names, "、", inspectionColumns[inspectorsColumn].Width, bodyPt)
}

// Widths let the longest 督查类型 (四不两直督查), 问题类别 (围绕中心不紧) and the header
// 被查单位(班组) stand on one line.
var inspectionColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: "督查日期", Width: 11, Kind: Date},
	{Header: "督查类型", Width: 13, Kind: Text, Align: AlignCenter},
	{Header: "班次", Width: 5.5, Kind: Text, Align: AlignCenter},
	{Header: "督查组成员", Width: 17, Kind: Text}, // a three-character lead with （牵头）、 on one line
	{Header: "被查单位(班组)", Width: 15, Kind: Text},
	{Header: "地点/岗位", Width: 10, Kind: Text},
	{Header: "发现问题", Width: 24, Kind: Text},
	{Header: "问题类别", Width: 13, Kind: Text, Align: AlignCenter},
	{Header: "责任人", Width: 7, Kind: Text, Align: AlignCenter},
	{Header: "整改期限", Width: 11, Kind: Date},
	{Header: "整改情况", Width: 18, Kind: Text},
	{Header: "状态", Width: 9, Kind: Text, Align: AlignCenter},
	{Header: "验收人", Width: 7, Kind: Text, Align: AlignCenter},
	{Header: "销号日期", Width: 11, Kind: Date},
}

// inspectorsColumn is 督查组成员, whose names InspectionRows breaks into lines.
const inspectorsColumn = 4

// inspectionCells is the number of leading columns that describe the inspection (merged down
// over its findings' rows).
const inspectionCells = 7

// WriteInspections writes R2 党员督查检查台账: one row per finding, an inspection without findings
// as one row reading 未发现问题, the inspection's own cells merged down over its findings' rows.
// Overdue findings are red with 状态 逾期N天; the rows' lateness should be as of meta.Date, which the
// sheet prints as the day the states stand on.
func WriteInspections(w io.Writer, meta Meta, rows []InspectionRow) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "党员督查检查台账", Title: meta.Branch + "党员督查检查台账", Columns: inspectionColumns,
		Info: []string{asOfNote(meta)},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		if err := noneRow(s, "本期没有督查记录"); err != nil {
			return err
		}
	}
	for i, in := range rows {
		n := max(len(in.Findings), 1)
		block := make([]Row, n)
		head := []any{i + 1, in.Date, in.Kind, in.Shift, in.Inspectors, in.Unit, in.Place}
		for j := range block {
			cells := make([]any, len(inspectionColumns))
			if j == 0 {
				for c, v := range head {
					cells[c] = Cell{Value: v, Down: n - 1}
				}
			}
			if len(in.Findings) == 0 {
				cells[inspectionCells] = "未发现问题"
			} else {
				f := in.Findings[j]
				red := f.OverdueDays > 0
				for c, v := range []any{f.Description, f.Category, f.Responsible, f.Deadline, f.Progress,
					f.Status(), f.Acceptor, f.ClosedDate} {
					cells[inspectionCells+c] = Cell{Value: v, Red: red}
				}
			}
			block[j] = Row{Cells: cells}
		}
		if err := s.Rows(block...); err != nil {
			return err
		}
	}
	return b.Write(w)
}
