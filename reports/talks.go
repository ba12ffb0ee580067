package reports

import (
	"fmt"
	"io"
	"strings"

	"branchledger/data"
)

// This file prints R15 民主评议党员结果汇总表 and R16 谈心谈话记录台账 (SPEC §12.6).

var appraisalColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FGroup, Width: 14, Kind: Text},
	{Header: data.VoteLabel(0), Width: 8, Kind: Int},
	{Header: data.VoteLabel(1), Width: 8, Kind: Int},
	{Header: data.VoteLabel(2), Width: 10, Kind: Int},
	{Header: data.VoteLabel(3), Width: 9, Kind: Int},
	{Header: data.FAppraisalGrade, Width: 10, Kind: Text, Align: AlignCenter},
}

// AppraisalTable is R15's table: the headers and one row per member rated, in the appraisal's
// order; 评定等次 is empty for a member not rated yet.
func AppraisalTable(a *data.Appraisal) (headers []string, rows [][]any) {
	if a != nil {
		rows = make([][]any, len(a.Rows))
		for i, r := range a.Rows {
			rows[i] = []any{i + 1, r.Name, r.Group, r.Votes[0], r.Votes[1], r.Votes[2], r.Votes[3], r.Grade}
		}
	}
	return columnHeaders(appraisalColumns), rows
}

// WriteAppraisal writes R15 民主评议党员结果汇总表 of one year's appraisal (nil: none yet, said in
// the table): a row per member, 基本合格 and 不合格 red, a bold 合计 row counting each grade, and
// under it the 帮扶措施 of the members rated 基本合格 or 不合格.
func WriteAppraisal(w io.Writer, meta Meta, year int, a *data.Appraisal) error {
	b := NewBook(meta)
	info := []string{fmt.Sprintf("评议年度：%d年", year)}
	if a != nil && !a.Date.IsZero() {
		info[0] += "　　评议日期：" + a.Date.Chinese()
	}
	s, err := b.AddSheet(SheetSpec{Name: "民主评议党员结果", Title: meta.Branch + "民主评议党员结果汇总表", Columns: appraisalColumns, Info: info})
	if err != nil {
		return err
	}
	if a == nil || len(a.Rows) == 0 {
		if err := noneRow(s, fmt.Sprintf("%d年度还没有民主评议党员记录", year)); err != nil {
			return err
		}
		return b.Write(w)
	}
	_, cells := AppraisalTable(a)
	var counts [4]int
	var followUps []string
	for i, r := range a.Rows {
		weak := r.Grade == data.AppraisalBasic || r.Grade == data.AppraisalFailed
		for g, name := range data.AppraisalGrades {
			if r.Grade == name {
				counts[g]++
			}
		}
		if weak {
			followUps = append(followUps, r.Name+"（"+r.Grade+"）："+r.FollowUp)
		}
		if err := s.Rows(Row{Cells: cells[i], Red: weak}); err != nil {
			return err
		}
	}
	rated, _ := a.Counts()
	parts := make([]string, len(counts))
	for g, n := range counts {
		parts[g] = fmt.Sprintf("%s%d人", data.AppraisalGrades[g], n)
	}
	total := fmt.Sprintf("合计：参评%d人，其中%s", rated, strings.Join(parts, "、"))
	if n := len(a.Rows) - rated; n > 0 {
		total += fmt.Sprintf("；未评定%d人", n)
	}
	if err := s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(appraisalColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
		return err
	}
	if len(followUps) > 0 {
		text := "帮扶措施：" + strings.Join(followUps, "；")
		if err := s.Rows(Row{Cells: []any{Cell{Value: text, Across: len(appraisalColumns) - 1, Align: AlignLeft}}}); err != nil {
			return err
		}
	}
	return b.Write(w)
}

var talkColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FTalkDate, Width: 11, Kind: Date},
	{Header: data.FTalker, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FTalkSubject, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FTalkKind, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FTalkContent, Width: 30, Kind: Text},
	{Header: data.FTalkIssues, Width: 22, Kind: Text},
	{Header: data.FTalkRecorder, Width: 8, Kind: Text, Align: AlignCenter},
}

// TalkSubject is the 谈话对象 as printed: a member's name, or a worker's with the team.
func TalkSubject(t *data.Talk) string {
	if t.SubjectID == 0 && t.SubjectTeam != "" {
		return t.Subject + "（" + t.SubjectTeam + "）"
	}
	return t.Subject
}

// TalksTable is R16's table: the headers and one row per talk in the given order.
func TalksTable(talks []data.Talk) (headers []string, rows [][]any) {
	rows = make([][]any, len(talks))
	for i := range talks {
		t := &talks[i]
		rows[i] = []any{i + 1, t.Date, t.Talker, TalkSubject(t), t.Kind, t.Content, t.Issues, t.Recorder}
	}
	return columnHeaders(talkColumns), rows
}

// WriteTalks writes R16 谈心谈话记录台账: one row per talk in the given order (by date), and a 合计
// row counting the talks of each kind.
func WriteTalks(w io.Writer, meta Meta, talks []data.Talk) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "谈心谈话记录台账", Title: meta.Branch + "谈心谈话记录台账", Columns: talkColumns})
	if err != nil {
		return err
	}
	if len(talks) == 0 {
		return writeNone(w, b, s, "本期没有谈心谈话记录")
	}
	_, cells := TalksTable(talks)
	byKind := map[string]int{}
	for i := range talks {
		byKind[talks[i].Kind]++
		if err := s.Rows(Row{Cells: cells[i]}); err != nil {
			return err
		}
	}
	var parts []string
	for _, k := range data.TalkKinds {
		if n := byKind[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d次", k, n))
		}
	}
	total := fmt.Sprintf("合计：%d次（%s）", len(talks), strings.Join(parts, "、"))
	if err := s.Rows(Row{Cells: []any{Cell{Value: total, Across: len(talkColumns) - 1, Align: AlignCenter}}, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}
