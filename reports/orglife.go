package reports

import (
	"fmt"
	"io"
	"time"

	"branchledger/data"
)

// The organisational life reports of SPEC §12.6: R12 组织生活记录台账 (also the import format of an
// existing meeting ledger), R12a one activity's minutes, R13 members' attendance, R14 the rhythm
// rules kept in a year.

// Extra R12 headers (the others are the activity's field labels).
const (
	HeadActAbsences = "缺席人员(原因)"
	HeadActMakeUps  = "补学情况"
)

var activityColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FActDate, Width: 11, Kind: Date},
	{Header: data.FActKinds, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FActTopic, Width: 24, Kind: Text},
	{Header: data.FActHost, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FActScope, Width: 11, Kind: Text, Align: AlignCenter},
	{Header: data.FActExpected, Width: 6, Kind: Int},
	{Header: data.FActPresent, Width: 6, Kind: Int},
	{Header: HeadActAbsences, Width: 22, Kind: Text},
	{Header: HeadActMakeUps, Width: 20, Kind: Text},
	{Header: data.FActRecorder, Width: 8, Kind: Text, Align: AlignCenter},
}

// count is a derived count as a cell: empty when blank.
func count(n int, ok bool) any {
	if !ok {
		return nil
	}
	return n
}

// ActivitiesTable is R12's table: the headers and one row of cell values per activity, 序号 from 1.
func ActivitiesTable(acts []data.Activity) (headers []string, rows [][]any) {
	rows = make([][]any, len(acts))
	for i := range acts {
		a := &acts[i]
		rows[i] = []any{i + 1, a.Date, a.KindsText(), a.Topic, a.Host, a.ScopeText(), count(a.Expected()), count(a.Present()),
			a.AbsencesText(), a.MakeUpsText(), a.Recorder}
	}
	return columnHeaders(activityColumns), rows
}

// WriteActivities writes R12 组织生活记录台账: one row per activity in the given order (by date), a
// 支部委员会 held without 第一议题学习 in red with the note above the table saying why.
func WriteActivities(w io.Writer, meta Meta, acts []data.Activity) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "组织生活记录", Title: meta.Branch + "组织生活记录台账", Columns: activityColumns,
		Info: []string{"注：应到按参加范围和活动当天的党员名册计算（另行填写的以填写为准），实到＝应到－请假－缺席；红色为未学习第一议题的支部委员会。"},
	})
	if err != nil {
		return err
	}
	if len(acts) == 0 {
		return writeNone(w, b, s, "本期没有组织生活记录")
	}
	_, cells := ActivitiesTable(acts)
	for i := range acts {
		if err := s.Rows(Row{Cells: cells[i], Red: data.LacksFirstTopic(&acts[i])}); err != nil {
			return err
		}
	}
	return b.Write(w)
}

// minutesSignature signs R12a: the host and the recorder.
const minutesSignature = "主持人（签字）：________  记录人（签字）：________  日期：________"

var minutesColumns = []Column{
	{Header: "项目", Width: 11, Kind: Text, Align: AlignCenter},
	{Header: "内容", Width: 30, Kind: Text},
	{Header: "项目", Width: 11, Kind: Text, Align: AlignCenter},
	{Header: "内容", Width: 30, Kind: Text},
}

// WriteMinutes writes R12a 会议记录: one activity as printable minutes, a form of label and value
// cells (类别, 日期, 时间, 地点, 主持人, 记录人, 应到, 实到, 缺席人员; then 主题, 内容摘要, 决议事项)
// signed by the host and the recorder.
func WriteMinutes(w io.Writer, meta Meta, a data.Activity) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "会议记录", Title: meta.Branch + "会议记录", Columns: minutesColumns, NoHeader: true, Signature: minutesSignature,
	})
	if err != nil {
		return err
	}
	label := func(s string) Cell { return Cell{Value: s, Bold: true, Align: AlignCenter} }
	wide := func(l string, v any) Row { return Row{Cells: []any{label(l), Cell{Value: v, Across: 2}}} }
	absences := a.AbsencesText()
	if absences == "" {
		absences = "无"
	}
	rows := []Row{
		{Cells: []any{label(data.FActKinds), a.KindsText(), label(data.FActDate), a.Date.Chinese()}},
		{Cells: []any{label("时间"), a.TimeText(), label(data.FActPlace), a.Place}},
		{Cells: []any{label(data.FActHost), a.Host, label(data.FActRecorder), a.Recorder}},
		{Cells: []any{label(data.FActScope), a.ScopeText(), label(data.FActLecturer), a.Lecturer}},
		{Cells: []any{label(data.FActExpected), count(a.Expected()), label(data.FActPresent), count(a.Present())}},
		wide("缺席人员", absences),
	}
	if a.Guests != "" {
		rows = append(rows, wide(data.FActGuests, a.Guests))
	}
	if len(a.MakeUps) > 0 {
		rows = append(rows, wide(HeadActMakeUps, a.MakeUpsText()))
	}
	rows = append(rows, wide(data.FActTopic, a.Topic), wide(data.FActSummary, a.Summary), wide(data.FActResolve, a.Resolutions))
	if a.Remark != "" {
		rows = append(rows, wide(data.FRemark, a.Remark))
	}
	if err := s.Rows(rows...); err != nil {
		return err
	}
	return b.Write(w)
}

var attendanceColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FGroup, Width: 14, Kind: Text, Align: AlignCenter},
	{Header: "应参加", Width: 8, Kind: Int},
	{Header: data.AttendPresent, Width: 8, Kind: Int},
	{Header: data.AttendLeave, Width: 8, Kind: Int},
	{Header: data.AttendAbsent, Width: 8, Kind: Int},
	{Header: "补学", Width: 8, Kind: Int},
	{Header: "出席率", Width: 9, Kind: Number, Align: AlignCenter, Format: "0.0%"},
}

// attendanceRow is one R13 row's cells; the rate is empty when nothing was expected.
func attendanceRow(seq any, r *data.AttendanceRow) []any {
	var rate any
	if r.Expected > 0 {
		rate = r.Rate()
	}
	return []any{seq, r.Name, r.Group, r.Expected, r.Present, r.Leave, r.Absent, r.MadeUp, rate}
}

// AttendanceTable is R13's table without its 合计 row.
func AttendanceTable(rows []data.AttendanceRow) (headers []string, cells [][]any) {
	for i := range rows {
		cells = append(cells, attendanceRow(i+1, &rows[i]))
	}
	return columnHeaders(attendanceColumns), cells
}

// WriteAttendance writes R13 党员参加组织生活情况统计表 from data.AttendanceStats: one row per member
// expected at least once (a member with a 缺席 in red), then a bold 合计 row.
func WriteAttendance(w io.Writer, meta Meta, rows []data.AttendanceRow) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "参加组织生活情况", Title: meta.Branch + "党员参加组织生活情况统计表", Columns: attendanceColumns,
		Info: []string{"注：应参加只计入党员当天在册、且在参加范围内的活动；出席率＝出席÷应参加；缺席（无故）的党员标红。"},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeNone(w, b, s, "本期没有组织生活记录")
	}
	for i := range rows {
		if err := s.Rows(Row{Cells: attendanceRow(i+1, &rows[i]), Red: rows[i].Absent > 0}); err != nil {
			return err
		}
	}
	total := data.AttendanceTotal(rows)
	cells := attendanceRow(Cell{Value: "合计", Across: 2, Align: AlignCenter}, &total)
	cells[1], cells[2] = nil, nil
	if err := s.Rows(Row{Cells: cells, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}

func planColumns() []Column {
	cols := []Column{
		{Header: "类别", Width: 16, Kind: Text},
		{Header: "要求", Width: 13, Kind: Text},
	}
	for m := 1; m <= 12; m++ {
		cols = append(cols, Column{Header: fmt.Sprintf("%d月", m), Width: 5.5, Kind: Int, Align: AlignCenter})
	}
	return append(cols, Column{Header: "全年应开", Width: 7, Kind: Int}, Column{Header: "全年实开", Width: 7, Kind: Int})
}

// OrgLifePlanTable is R14's rows as printed: 类别, 要求, the twelve month cells (a count, or 未开),
// 全年应开, 全年实开, and which cells are red.
func OrgLifePlanTable(rows []data.PlanRow) (cells [][]any) {
	for i := range rows {
		r := &rows[i]
		line := []any{r.Label, r.Rule.Requirement()}
		for m := time.January; m <= time.December; m++ {
			text, missed, _ := r.MonthCell(m)
			var v any = text
			if n := r.Months[m-1]; text == fmt.Sprint(n) {
				v = n
			}
			if missed {
				v = Cell{Value: v, Red: true}
			}
			line = append(line, v)
		}
		cells = append(cells, append(line, r.Owed, r.Held))
	}
	return cells
}

// WriteOrgLifePlan writes R14 组织生活落实情况表 for a year from data.OrgLifePlan: one row per rule
// (a per-group rule one row per group), a month cell holding the count held, 未开 in red in the
// last month of a period that owed one and held none; periods not over on meta.Date are never 未开.
func WriteOrgLifePlan(w io.Writer, meta Meta, rows []data.PlanRow) error {
	asOf := meta.AsOf()
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "组织生活落实情况", Title: meta.Branch + "组织生活落实情况表", Columns: planColumns(),
		Info: []string{"注：月份下为当月实际召开次数；“未开”（红色）为该周期结束时仍未达到要求，标在周期的最后一个月；截至" +
			asOf.Chinese() + "尚未结束的周期不计为未开。"},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeNone(w, b, s, "没有组织生活规则：请在“组织生活 → 规则”中设置")
	}
	for _, line := range OrgLifePlanTable(rows) {
		if err := s.Rows(Row{Cells: line}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
