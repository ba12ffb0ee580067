package reports

import (
	"fmt"
	"io"

	"branchledger/data"
)

// This file prints R18 职工思想疏导台账 (SPEC §12.6).

var concernColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FConcernDate, Width: 11, Kind: Date},
	{Header: data.FConcernWorker, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FConcernTeam, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FConcernChannel, Width: 6, Kind: Text, Align: AlignCenter},
	{Header: data.FConcernCategory, Width: 11, Kind: Text, Align: AlignCenter},
	{Header: data.FConcernSituation, Width: 22, Kind: Text},
	{Header: data.FCounselor, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FConcernMeasures, Width: 20, Kind: Text},
	{Header: data.FConcernResult, Width: 13, Kind: Text, Align: AlignCenter},
	{Header: data.FVisit, Width: 20, Kind: Text},
}

// ConcernVisitText is the 回访情况 as printed on day asOf: the visit made with its date, one planned
// (待回访), one overdue (逾期N天未回访), or empty when none is planned.
func ConcernVisitText(c *data.Concern, asOf data.Date) string {
	switch {
	case c.Visit != "":
		return c.VisitDate.String() + " " + c.Visit
	case c.VisitDate.IsZero():
		return ""
	case c.VisitOverdueDays(asOf) > 0:
		return fmt.Sprintf("逾期%d天未回访（应于%s回访）", c.VisitOverdueDays(asOf), c.VisitDate)
	}
	return "待回访（" + c.VisitDate.String() + "）"
}

// concernResultText is the 结果 as printed: 转办实事 names the welfare item it became.
func concernResultText(c *data.Concern) string {
	if c.Result == data.ConcernTransferred && c.Welfare != "" {
		return c.Result + "（见办实事台账）"
	}
	return c.Result
}

// ConcernsTable is R18's table: the headers and one row per concern in the given order, 回访情况 as
// of day asOf. It is also what a group template is filled with.
func ConcernsTable(concerns []data.Concern, asOf data.Date) (headers []string, rows [][]any) {
	rows = make([][]any, len(concerns))
	for i := range concerns {
		c := &concerns[i]
		rows[i] = []any{i + 1, c.Date, c.Worker, c.Team, c.Channel, c.Category, c.Situation, c.Counselor, c.Measures,
			concernResultText(c), ConcernVisitText(c, asOf)}
	}
	return columnHeaders(concernColumns), rows
}

// WriteConcerns writes R18 职工思想疏导台账: one row per concern in the given order (by date), a
// return visit overdue on meta.Date (the 填报日期, today when zero) red, as the note above the table
// says, and a bold 合计 row counting the concerns, those handed on as welfare items and the visits.
func WriteConcerns(w io.Writer, meta Meta, concerns []data.Concern) error {
	asOf := meta.AsOf()
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "职工思想疏导台账", Title: meta.Branch + "职工思想疏导台账", Columns: concernColumns,
		Info: []string{"注：回访情况截至" + asOf.Chinese() + "（填报日期），逾期未回访的标红。"}})
	if err != nil {
		return err
	}
	if len(concerns) == 0 {
		return writeNone(w, b, s, "本期没有职工思想疏导记录")
	}
	_, cells := ConcernsTable(concerns, asOf)
	transferred, visited, overdue := 0, 0, 0
	for i := range concerns {
		c := &concerns[i]
		late := c.VisitOverdueDays(asOf) > 0
		switch {
		case c.Visit != "":
			visited++
		case late:
			overdue++
		}
		if c.Result == data.ConcernTransferred {
			transferred++
		}
		if err := s.Rows(Row{Cells: cells[i], Red: late}); err != nil {
			return err
		}
	}
	total := fmt.Sprintf("合计：思想疏导%d人次，其中转办实事%d件；已回访%d次，逾期未回访%d次", len(concerns), transferred, visited, overdue)
	if err := s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(concernColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}
