package reports

import (
	"io"
	"strings"
)

// RectificationFilter is how the caller chose R3's rows, printed above the table; "" = all.
// (期间 is Meta.Period.)
type RectificationFilter struct {
	Team     string // 班组
	Category string // 问题类别
}

func (f RectificationFilter) info() string {
	var parts []string
	if f.Team != "" {
		parts = append(parts, "班组："+f.Team)
	}
	if f.Category != "" {
		parts = append(parts, "问题类别："+f.Category)
	}
	return strings.Join(parts, "　")
}

var rectificationColumns = []Column{
	{Header: "序号", Width: 6, Kind: Int},
	{Header: "发现日期", Width: 11, Kind: Date},
	{Header: "来源", Width: 7, Kind: Text, Align: AlignCenter},
	{Header: "问题描述", Width: 26, Kind: Text},
	{Header: "问题类别", Width: 13, Kind: Text, Align: AlignCenter},
	{Header: "等级", Width: 5.5, Kind: Text, Align: AlignCenter},
	{Header: "责任人", Width: 7, Kind: Text, Align: AlignCenter},
	{Header: "整改措施", Width: 20, Kind: Text},
	{Header: "整改期限", Width: 11, Kind: Date},
	{Header: "整改情况", Width: 20, Kind: Text},
	{Header: "验收人", Width: 7, Kind: Text, Align: AlignCenter},
	{Header: "销号日期", Width: 11, Kind: Date},
	{Header: "状态", Width: 9, Kind: Text, Align: AlignCenter},
}

// WriteRectifications writes R3 问题整改销号台账: one row per finding in the given order, overdue
// rows red with 状态 逾期N天. The filter is printed above the table with the day the states stand
// on: only current states are stored, so a past period shows today's states and lateness, and the
// rows' lateness should be as of meta.Date.
func WriteRectifications(w io.Writer, meta Meta, filter RectificationFilter, rows []FindingRow) error {
	var info []string
	if f := filter.info(); f != "" {
		info = append(info, f)
	}
	info = append(info, asOfNote(meta))
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "问题整改销号台账", Title: meta.Branch + "问题整改销号台账", Columns: rectificationColumns,
		Info: info,
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		if err := noneRow(s, "没有符合条件的问题"); err != nil {
			return err
		}
	}
	_, cells := RectificationsTable(rows)
	for i := range rows {
		if err := s.Rows(Row{Cells: cells[i], Red: rows[i].OverdueDays > 0}); err != nil {
			return err
		}
	}
	return b.Write(w)
}

// RectificationsTable is R3's table as WriteRectifications prints it: the headers and one row of
// cell values per finding, 序号 from 1 and 状态 as FindingRow.Status. It is also what a group
// template is filled with (TemplateData.Columns, Rows).
func RectificationsTable(rows []FindingRow) (headers []string, cells [][]any) {
	cells = make([][]any, len(rows))
	for i := range rows {
		r := &rows[i]
		cells[i] = []any{i + 1, r.FoundDate, r.Source, r.Description, r.Category, r.Level, r.Responsible,
			r.Measures, r.Deadline, r.Progress, r.Acceptor, r.ClosedDate, r.Status()}
	}
	return columnHeaders(rectificationColumns), cells
}

// columnHeaders are the headers of a table's columns.
func columnHeaders(cols []Column) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.Header
	}
	return h
}
