package reports

import (
	"fmt"
	"io"
	"strings"

	"branchledger/data"
)

// This file prints R17 "三重一大"事项决策台账 (SPEC §12.6).

var decisionColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FDecisionDate, Width: 11, Kind: Date},
	{Header: data.FDecisionMeeting, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FDecisionTopic, Width: 22, Kind: Text},
	{Header: data.FDecisionCategory, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FDecisionAmount, Width: 12, Kind: Number, Format: "#,##0.00"},
	{Header: data.FDecisionEntitled, Width: 6, Kind: Int},
	{Header: data.FDecisionPresent, Width: 6, Kind: Int},
	{Header: data.FDecisionVotes, Width: 21, Kind: Text, Align: AlignCenter},
	{Header: data.FDecisionResolution, Width: 22, Kind: Text},
	{Header: data.FDecisionExecutor, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FDecisionExecution, Width: 18, Kind: Text},
	{Header: data.FDecisionState, Width: 14, Kind: Text, Align: AlignCenter},
}

// Columns of R17 a broken rule turns red.
const (
	decCategory = 4
	decAmount   = 5
	decEntitled = 6
	decPresent  = 7
	decVotes    = 8
	decState    = 12
)

// DecisionState is 状态 as R17 and the list show it on day asOf: 执行中（逾期3天） when overdue.
func DecisionState(d *data.Decision, asOf data.Date) string {
	if n := d.OverdueDays(asOf); n > 0 {
		return fmt.Sprintf("%s（逾期%d天）", d.State, n)
	}
	return d.State
}

// DecisionsTable is R17's table: the headers and one row per decision in the given order, states
// as of asOf.
func DecisionsTable(ds []data.Decision, asOf data.Date) (headers []string, rows [][]any) {
	rows = make([][]any, len(ds))
	for i := range ds {
		d := &ds[i]
		var amount any
		if d.Amount != 0 {
			amount = d.Amount
		}
		rows[i] = []any{i + 1, d.Date, d.Meeting, d.Topic, d.Category, amount, d.Entitled, d.Present, d.VotesText(),
			d.Resolution, d.Executor, d.Execution, DecisionState(d, asOf)}
	}
	return columnHeaders(decisionColumns), rows
}

// WriteDecisions writes R17 "三重一大"事项决策台账: one row per decision in the given order (by
// date), the cells of a broken rule red (应到/实到 below the quorum, 表决结果 without a majority,
// 金额 and 事项类别 of 大额资金 not decided as the rules say, 状态 of an overdue execution), a 合计
// row, and under it what each flagged decision breaks, under rules (the file's settings); states
// are as of the 填报日期.
func WriteDecisions(w io.Writer, meta Meta, ds []data.Decision, rules data.DecisionRules) error {
	asOf := meta.AsOf()
	b := NewBook(meta)
	info := []string{fmt.Sprintf("决策规则：实到不少于应到的%s，同意超过实到的%s；大额资金标准：超过%s元。", rules.Quorum.Text(), rules.Majority.Text(),
		data.FormatScore(rules.LargeFund)) + strings.TrimPrefix(asOfNote(meta), "注：")}
	s, err := b.AddSheet(SheetSpec{Name: "三重一大事项决策台账", Title: meta.Branch + "“三重一大”事项决策台账", Columns: decisionColumns, Info: info})
	if err != nil {
		return err
	}
	if len(ds) == 0 {
		return writeNone(w, b, s, "本期没有“三重一大”决策事项记录")
	}
	_, cells := DecisionsTable(ds, asOf)
	var notes []string
	flagged, overdue := 0, 0
	for i := range ds {
		d := &ds[i]
		flags := d.Flags(rules)
		red := map[int]bool{}
		if data.HasFlag(flags, data.FlagQuorum) {
			red[decEntitled], red[decPresent] = true, true
		}
		if data.HasFlag(flags, data.FlagMajority) {
			red[decVotes] = true
		}
		if data.HasFlag(flags, data.FlagLargeFund) {
			red[decAmount], red[decCategory] = true, true
		}
		if d.OverdueDays(asOf) > 0 {
			red[decState] = true
			overdue++
		}
		if len(flags) > 0 {
			flagged++
			notes = append(notes, fmt.Sprintf("第%d项%s", i+1, data.FlagsText(flags, true)))
		}
		row := cells[i]
		for c := range red {
			row[c] = Cell{Value: row[c], Red: true}
		}
		if err := s.Rows(Row{Cells: row}); err != nil {
			return err
		}
	}
	total := fmt.Sprintf("合计：%d项，其中不符合决策规定%d项，执行逾期未完成%d项", len(ds), flagged, overdue)
	if err := s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(decisionColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
		return err
	}
	if len(notes) > 0 {
		text := "不符合决策规定的事项：" + strings.Join(notes, "；")
		if err := s.Rows(Row{Cells: []any{Cell{Value: text, Across: len(decisionColumns) - 1, Align: AlignLeft}}}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
