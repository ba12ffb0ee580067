package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"branchledger/data"
)

// Scores print as typed (10, 7.5): every score is a multiple of 0.5 (data.ScoreAssessment).
const scoreFormat = "General"

// overrideMark tells a reader of R8 that a score was changed by hand; the details follow it in
// 扣分原因, since the 得分 cell must stay a number.
const overrideMark = "（人工调整）"

// vetoMark follows the 等次 of a vetoed assessment (R9, R10), which reads 不合格 whatever the points.
const vetoMark = "（一票否决）"

// R8 is a portrait form of seven columns, shrunk to one signed page like R5.
var branchAssessmentColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	// 考核项目 holds the longest of the ten fronts (“三重一大”决策靠前) on one line.
	{Header: data.FAssessItem, Width: 21, Kind: Text},
	{Header: data.FPoints, Width: 6, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FAssessStandard, Width: 24, Kind: Text},
	{Header: data.FDone + "(自动汇总)", Width: 18, Kind: Text},
	{Header: "扣分原因", Width: 16, Kind: Text},
	{Header: "得分", Width: 9, Kind: Number, Align: AlignCenter, Format: scoreFormat},
}

// WriteBranchAssessment writes R8 支部月度考核表 for one assessment (normally A1 "十个靠前"): one
// row per item — 完成情况 as the ledgers filled it, 扣分原因, 得分 from data.ScoreItem — then a bold
// 合计 row (满分 under 分值, data.ScoreAssessment's total under 得分, with what it is made of) and
// the 等次 row with the grade lines, the grade red when 不合格. An overridden score carries
// （人工调整） and the computed score, who and why in 扣分原因; items that fired a 一票否决 are red.
// 期间 is the assessment's period unless meta.Period is set.
func WriteBranchAssessment(w io.Writer, meta Meta, a data.Assessment) error {
	if meta.Period == "" {
		meta.Period = a.Period.Label
	}
	score := data.ScoreAssessment(&a)
	title := meta.Branch + strings.TrimPrefix(cmp.Or(a.TemplateName, "支部月度考核表"), "支部")
	b := NewBook(meta)
	var info []string
	if a.Draft {
		info = append(info, "草稿：本月还没有保存的考核，自动项目按台账汇总，人工评分项暂按满分计；以评分并保存后的考核为准。")
	}
	s, err := b.AddSheet(SheetSpec{Name: "支部月度考核表", Title: title, Columns: branchAssessmentColumns, OnePage: true, Info: info})
	if err != nil {
		return err
	}
	rows := make([]Row, 0, len(a.Items)+3)
	for i := range a.Items {
		it := &a.Items[i]
		is := score.Items[i]
		var points any
		if a.Scheme != data.SchemeBase {
			points = it.Points
		}
		rows = append(rows, Row{
			Cells: []any{i + 1, it.Name, points, it.Standard, it.Done, itemReason(a.Scheme, it, is), is.Score},
			Red:   is.Vetoed,
		})
	}
	if len(a.Items) == 0 {
		rows = append(rows, Row{Cells: []any{Cell{Value: "本次考核没有考核项目", Across: len(branchAssessmentColumns) - 1, Align: AlignCenter}}})
	}
	failed := score.Grade == data.GradeFail
	rows = append(rows,
		Row{Bold: true, Cells: []any{
			Cell{Value: "合计", Across: 1, Align: AlignCenter}, nil, score.Full,
			Cell{Value: totalNote(a.Scheme, score), Across: 2}, nil, nil, score.Total,
		}},
		Row{Bold: true, Cells: []any{
			Cell{Value: data.FGrade, Across: 1, Align: AlignCenter}, nil,
			Cell{Value: gradeRule(a.Grades), Across: 3, Align: AlignLeft}, nil, nil, nil,
			Cell{Value: score.Grade, Red: failed},
		}},
	)
	if err := s.Rows(rows...); err != nil {
		return err
	}
	return b.Write(w)
}

// itemReason is the 扣分原因 cell: the reason written, then a fired 一票否决 and an override with
// the score it replaced, who changed it and why.
func itemReason(scheme string, it *data.AssessmentItem, is data.ItemScore) string {
	var parts []string
	if it.Reason != "" {
		parts = append(parts, it.Reason)
	}
	if is.Vetoed {
		parts = append(parts, "一票否决")
	}
	if o := it.Override; o != nil {
		plain := *it
		plain.Override = nil
		computed := data.ScoreItem(scheme, &plain).Score
		parts = append(parts, fmt.Sprintf("%s由%s分调整为%s分，调整人：%s，理由：%s",
			overrideMark, data.FormatScore(computed), data.FormatScore(is.Score), o.By, o.Why))
	}
	return strings.Join(parts, "\n")
}

// totalNote says what the total of R8 is made of.
func totalNote(scheme string, s data.AssessScore) string {
	f := data.FormatScore
	note := fmt.Sprintf("满分%s分，扣%s分", f(s.Full), f(s.Deducted))
	if scheme == data.SchemeBase {
		note = fmt.Sprintf("基础分%s分，扣%s分，加%s分（加分最多计%s分）", f(s.Base), f(s.Deducted), f(s.Added), f(s.Full-s.Base))
	}
	if s.Vetoed {
		note += "；一票否决（" + strings.Join(s.Vetoes, "、") + "），总分计0分"
	}
	return note
}

// gradeRule prints grade lines: 90分及以上为优秀，75分及以上为合格，低于75分为不合格.
func gradeRule(lines []data.GradeLine) string {
	if len(lines) == 0 {
		return ""
	}
	parts := make([]string, 0, len(lines)+1)
	for _, l := range lines {
		parts = append(parts, fmt.Sprintf("%s分及以上为%s", data.FormatScore(l.Min), l.Grade))
	}
	last := lines[len(lines)-1].Min
	parts = append(parts, fmt.Sprintf("低于%s分为%s", data.FormatScore(last), data.GradeFail))
	return strings.Join(parts, "，") + "；一票否决的为" + data.GradeFail
}

// gradeCell prints a 等次, noting a veto; red when 不合格.
func gradeCell(grade string, vetoed bool) Cell {
	grade = gradeText(grade, vetoed)
	return Cell{Value: grade, Red: strings.HasPrefix(grade, data.GradeFail)}
}

// gradeText is a 等次 as printed: a veto noted after it.
func gradeText(grade string, vetoed bool) string {
	if vetoed {
		grade += vetoMark
	}
	return grade
}

// gradeSummary counts the grades for a summary row: 共5人：优秀1人，合格2人，不合格2人, the known
// grades in their order (best first), any others after them as they come.
func gradeSummary(grades []string) string {
	order := []string{data.GradeExcellent, data.GradePass, data.GradeBasicPass, data.GradeFail}
	count := map[string]int{}
	for _, g := range grades {
		if count[g] == 0 && !slices.Contains(order, g) {
			order = append(order, g)
		}
		count[g]++
	}
	var parts []string
	for _, g := range order {
		if n := count[g]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s%d人", cmp.Or(g, "未评定"), n))
		}
	}
	return fmt.Sprintf("共%d人：%s", len(grades), strings.Join(parts, "，"))
}

var memberPointsColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FGroup, Width: 14, Kind: Text},
	{Header: data.FBase, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FDeducted, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FAdded, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FTotal, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FGrade, Width: 18, Kind: Text, Align: AlignCenter},
	{Header: data.FRank, Width: 6, Kind: Int},
}

// memberPointsGradeColumn is 等次 in memberPointsColumns.
const memberPointsGradeColumn = 7

// MemberPointsTable is the table of R9's sheet 积分汇总 as WriteMemberPoints prints it (without
// the row counting the grades): the headers and one row of cell values per member, 序号 from 1,
// 党小组 from groups (member id → group name) and 等次 with a veto noted. It is also what a group
// template is filled with (TemplateData.Columns, Rows).
func MemberPointsTable(rows []data.MemberPoints, groups map[int64]string) (headers []string, cells [][]any) {
	cells = make([][]any, len(rows))
	for i, r := range rows {
		cells[i] = []any{i + 1, r.Name, groups[r.MemberID], r.Base, r.Deducted, r.Added, r.Total, gradeText(r.Grade, r.Vetoed), r.Rank}
	}
	return columnHeaders(memberPointsColumns), cells
}

var pointEntryColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FPointDate, Width: 11, Kind: Date},
	{Header: data.FPointItem, Width: 20, Kind: Text},
	{Header: data.FPoints, Width: 9, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FPointReason, Width: 40, Kind: Text},
}

// memberPointsNote explains the arithmetic above R9's table.
const memberPointsNote = "注：总分＝基础分－扣分＋加分，加分超过上限的按上限计；一票否决的总分计0分，等次为不合格。"

// WriteMemberPoints writes R9 党员积分考核汇总表: sheet 积分汇总, one row per member in the given
// order (data.ScoreMembers: roster order, ranked), 党小组 from groups (member id → group name;
// missing is empty), 加分 as counted, 不合格 rows red and a veto noted in 等次, then a bold row
// counting the grades; sheet 积分明细, the entries grouped by member in the rows' order (members
// not in rows last), by date within a member, 一票否决 entries red. 期间 is meta.Period.
func WriteMemberPoints(w io.Writer, meta Meta, rows []data.MemberPoints, entries []data.PointEntry, groups map[int64]string) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "积分汇总", Title: meta.Branch + "党员积分考核汇总表", Columns: memberPointsColumns, Info: []string{memberPointsNote},
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		if err := noneRow(s, "没有党员积分记录"); err != nil {
			return err
		}
	} else {
		out := make([]Row, 0, len(rows)+1)
		grades := make([]string, len(rows))
		_, cells := MemberPointsTable(rows, groups)
		for i, r := range rows {
			grade := gradeCell(r.Grade, r.Vetoed)
			grades[i] = r.Grade
			cells[i][memberPointsGradeColumn] = grade // the same text, red when 不合格
			out = append(out, Row{Cells: cells[i], Red: grade.Red})
		}
		out = append(out, Row{Bold: true, Cells: []any{Cell{Value: gradeSummary(grades), Across: len(memberPointsColumns) - 1, Align: AlignLeft}}})
		if err := s.Rows(out...); err != nil {
			return err
		}
	}

	s, err = b.AddSheet(SheetSpec{Name: "积分明细", Title: meta.Branch + "党员积分明细", Columns: pointEntryColumns})
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return writeNone(w, b, s, "本期没有积分记录")
	}
	pos, names := map[int64]int{}, map[int64]string{}
	for i, r := range rows {
		pos[r.MemberID], names[r.MemberID] = i, r.Name
	}
	place := func(id int64) int {
		if p, ok := pos[id]; ok {
			return p
		}
		return len(rows)
	}
	sorted := slices.Clone(entries)
	slices.SortStableFunc(sorted, func(a, b data.PointEntry) int {
		return cmp.Or(cmp.Compare(place(a.MemberID), place(b.MemberID)), cmp.Compare(a.MemberID, b.MemberID), a.Date.Compare(b.Date))
	})
	out := make([]Row, 0, len(sorted))
	for i, e := range sorted {
		// Only a 一票否决 item has no points (data.ValidatePointEntry).
		var points any = e.Points
		if e.Points == 0 {
			points = data.FVeto
		}
		out = append(out, Row{Cells: []any{i + 1, cmp.Or(e.MemberName, names[e.MemberID]), e.Date, e.Item, points, e.Reason}, Red: e.Points == 0})
	}
	if err := s.Rows(out...); err != nil {
		return err
	}
	return b.Write(w)
}

var threeInOneColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: "岗位", Width: 18, Kind: Text},
	{Header: data.PartParty, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.PartSafety, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.PartProduction, Width: 9, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FTotal, Width: 8, Kind: Number, Align: AlignCenter, Format: scoreFormat},
	{Header: data.FGrade, Width: 18, Kind: Text, Align: AlignCenter},
}

// WriteThreeInOne writes R10 "三位一体"考核表: one row per member's assessment (A3), ranked by 总分,
// highest first (equal totals keep the given order; 序号 is the place), 岗位 from posts (member
// id → post; missing is empty), 党建/安全/生产经营 the assessment's PartScore (empty when the form
// has no such 板块; items of other 板块 count only in 总分), 不合格 rows red with a veto noted, then
// a bold row counting the grades. 期间 is the first assessment's period unless meta.Period is set.
func WriteThreeInOne(w io.Writer, meta Meta, as []data.Assessment, posts map[int64]string) error {
	if meta.Period == "" && len(as) > 0 {
		meta.Period = as[0].Period.Label
	}
	type scored struct {
		a *data.Assessment
		s data.AssessScore
	}
	list := make([]scored, len(as))
	for i := range as {
		list[i] = scored{&as[i], data.ScoreAssessment(&as[i])}
	}
	slices.SortStableFunc(list, func(x, y scored) int { return cmp.Compare(y.s.Total, x.s.Total) })

	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "三位一体考核表", Title: meta.Branch + "“三位一体”考核表", Columns: threeInOneColumns})
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return writeNone(w, b, s, "没有“三位一体”考核记录")
	}
	out := make([]Row, 0, len(list)+1)
	grades := make([]string, len(list))
	for i, x := range list {
		cells := []any{i + 1, x.a.SubjectName, posts[x.a.SubjectID]}
		for _, part := range []string{data.PartParty, data.PartSafety, data.PartProduction} {
			var v any
			if j := slices.IndexFunc(x.s.Parts, func(p data.PartScore) bool { return p.Part == part }); j >= 0 {
				v = x.s.Parts[j].Score
			}
			cells = append(cells, v)
		}
		grade := gradeCell(x.s.Grade, x.s.Vetoed)
		grades[i] = x.s.Grade
		out = append(out, Row{Cells: append(cells, x.s.Total, grade), Red: grade.Red})
	}
	out = append(out, Row{Bold: true, Cells: []any{Cell{Value: gradeSummary(grades), Across: len(threeInOneColumns) - 1, Align: AlignLeft}}})
	if err := s.Rows(out...); err != nil {
		return err
	}
	return b.Write(w)
}
