package reports

import (
	"fmt"
	"io"

	"branchledger/data"
)

// This file prints R20 信访维稳排查化解台账 (SPEC §12.6): the cases with their 包保责任人 and states
// (overdue and 越级上访 red), and on a second sheet the month's screening rounds.

var petitionColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FPetitionDate, Width: 11, Kind: Date},
	{Header: data.FPetitioner, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FPetitionTeam, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FPetitionCategory, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FPetitionContent, Width: 20, Kind: Text},
	{Header: data.FPetitionRisk, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FKeepers, Width: 14, Kind: Text, Align: AlignCenter},
	{Header: data.FPetitionMeasures, Width: 17, Kind: Text},
	{Header: data.FPetitionDeadline, Width: 11, Kind: Date},
	{Header: data.FPetitionState, Width: 14, Kind: Text, Align: AlignCenter},
	{Header: data.FPetitionResult, Width: 13, Kind: Text},
}

var screeningColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FScreeningDate, Width: 11, Kind: Date},
	{Header: data.FScreeningScope, Width: 20, Kind: Text},
	{Header: data.FScreeners, Width: 18, Kind: Text},
	{Header: data.FFactors, Width: 9, Kind: Int},
	{Header: data.FFactorText, Width: 36, Kind: Text},
}

// PetitionStatus is the 状态 cell on day asOf: the state, with （逾期N天） for an overdue case, and
// 越级上访 on a line of its own.
func PetitionStatus(p *data.Petition, asOf data.Date) string {
	s := p.State
	if n := p.OverdueDays(asOf); n > 0 {
		s += fmt.Sprintf("（逾期%d天）", n)
	}
	if p.Escalated {
		s += "\n越级上访"
	}
	return s
}

// PetitionsTable is R20's table as WritePetitions prints it (without the 合计 row): the headers and
// one row per case in the given order, 状态 on day asOf.
func PetitionsTable(ps []data.Petition, asOf data.Date) (headers []string, rows [][]any) {
	rows = make([][]any, len(ps))
	for i := range ps {
		p := &ps[i]
		rows[i] = []any{i + 1, p.Date, p.Petitioner, p.Team, p.Category, p.Content, p.Risk, p.KeepersText(), p.Measures, p.Deadline,
			PetitionStatus(p, asOf), p.Result}
	}
	return columnHeaders(petitionColumns), rows
}

// WritePetitions writes R20 信访维稳排查化解台账: one row per case in the given order, those overdue
// on day asOf (the period's end, or the 填报日期 for a period not over) and those with 越级上访 red,
// a bold 合计 row, and on the sheet 矛盾排查记录 one row per screening with its own 合计.
func WritePetitions(w io.Writer, meta Meta, ps []data.Petition, ss []data.Screening, asOf data.Date) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "信访事项", Title: meta.Branch + "信访维稳排查化解台账", Columns: petitionColumns,
		Info: []string{"注：状态和逾期天数均截至" + asOf.Chinese() + "。"}})
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		err = noneRow(s, "本期没有登记信访事项")
	} else {
		_, cells := PetitionsTable(ps, asOf)
		closed, overdue, escalated := 0, 0, 0
		for i := range ps {
			p := &ps[i]
			late := p.OverdueDays(asOf) > 0
			if p.ClosedBy(asOf) {
				closed++
			}
			if late {
				overdue++
			}
			if p.Escalated {
				escalated++
			}
			if err := s.Rows(Row{Cells: cells[i], Red: late || p.Escalated}); err != nil {
				return err
			}
		}
		total := fmt.Sprintf("合计：信访事项%d件，已化解（含息诉罢访）%d件，逾期未化解%d件，越级上访%d起", len(ps), closed, overdue, escalated)
		err = s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(petitionColumns) - 1, Align: AlignCenter}}, Bold: true})
	}
	if err != nil {
		return err
	}
	sc, err := b.AddSheet(SheetSpec{Name: "矛盾排查记录", Title: meta.Branch + "矛盾纠纷排查记录", Columns: screeningColumns})
	if err != nil {
		return err
	}
	if len(ss) == 0 {
		return writeNone(w, b, sc, "本期没有矛盾排查记录")
	}
	factors := 0
	for i := range ss {
		v := &ss[i]
		factors += v.Factors
		if err := sc.Rows(Row{Cells: []any{i + 1, v.Date, v.ScopeText(), v.ScreenersText(), v.Factors, v.FactorText}}); err != nil {
			return err
		}
	}
	total := fmt.Sprintf("合计：排查%d次，发现不稳定因素%d个", len(ss), factors)
	if err := sc.Rows(Row{Cells: []any{Cell{Value: total, Across: len(screeningColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}
