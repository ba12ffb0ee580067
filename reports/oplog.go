package reports

import (
	"io"
	"strings"

	"branchledger/data"
)

var opLogColumns = []Column{
	{Header: "序号", Width: 6, Kind: Int},
	{Header: "时间", Width: 17, Kind: Text, Align: AlignCenter},
	{Header: "操作", Width: 10, Kind: Text, Align: AlignCenter},
	{Header: "对象", Width: 26, Kind: Text},
	{Header: "内容/变更", Width: 60, Kind: Text},
}

// OpLogFilter describes how the caller chose the entries, printed above the table; "" = all.
type OpLogFilter struct {
	Period string // e.g. 2026-11-01 至 2026-11-30
	Entity string
	Action string
	Text   string
}

func (f OpLogFilter) info() string {
	var parts []string
	for _, p := range [][2]string{{"期间", f.Period}, {"对象", f.Entity}, {"操作", f.Action}, {"包含", f.Text}} {
		if p[1] != "" {
			parts = append(parts, p[0]+"："+p[1])
		}
	}
	return strings.Join(parts, "　")
}

// WriteOpLog writes the operation log (操作日志) export: one row per entry in the given order, with
// its local time, action, object (党员「张三」) and change (Op.Summary).
func WriteOpLog(w io.Writer, meta Meta, filter OpLogFilter, ops []data.Op) error {
	var info []string
	if f := filter.info(); f != "" {
		info = append(info, f)
	}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "操作日志", Title: meta.Branch + "操作日志", Columns: opLogColumns, Info: info})
	if err != nil {
		return err
	}
	if len(ops) == 0 {
		if err := noneRow(s, "没有符合条件的操作记录"); err != nil {
			return err
		}
	}
	cells := make([]any, len(opLogColumns))
	for i := range ops {
		op := &ops[i]
		copy(cells, []any{i + 1, op.At.Format("2006-01-02 15:04:05"), op.Action, op.Object(), op.Summary()})
		if err := s.Rows(Row{Cells: cells}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
