package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"branchledger/data"
)

// R5 is a portrait form of six columns: the standards column takes the width the long texts of
// the seeded templates need, and the whole sheet is shrunk to one page, since it is signed.
var checkSheetColumns = []Column{
	{Header: data.FItemSeq, Width: 5, Kind: Int},
	{Header: data.FItemName, Width: 13, Kind: Text},
	{Header: data.FItemStandard, Width: 42, Kind: Text},
	{Header: data.FItemPoints, Width: 6, Kind: Number, Align: AlignCenter, Format: "General"},
	{Header: data.FItemScore, Width: 7, Kind: Number, Align: AlignCenter, Format: "General"},
	{Header: data.FItemReason, Width: 18, Kind: Text},
}

// checkSignature: the inspector and the facility's manager sign the score sheet.
const checkSignature = "检查人（签字）：________  设施负责人（签字）：________  日期：________"

// WriteCheckSheet writes R5 两堂一舍检查评分表 for one check, scored with thresholds th (zero:
// data.DefaultGradeThresholds): 设施, 评分表, 检查日期 and 检查人 above the table, one row per
// item (key items marked ※, 不适用 items reading 不适用 in 得分), then 实得分, 应得分, 标化分 and
// 等次 with what each means, bold. Key items that failed are red, and so is 等次 when 不合格. The
// sheet prints on one portrait page with the inspector's and the manager's signatures.
func WriteCheckSheet(w io.Writer, meta Meta, c data.Check, th data.GradeThresholds) error {
	if th == (data.GradeThresholds{}) {
		th = data.DefaultGradeThresholds
	}
	score := data.ScoreCheck(c.Items, th)
	facility := c.FacilityName
	if c.FacilityCategory != "" {
		facility += "（" + c.FacilityCategory + "）"
	}
	info := []string{
		fmt.Sprintf("%s：%s　　%s：%s", data.FCheckFacility, facility, data.FCheckChecklist, c.ChecklistName),
		fmt.Sprintf("%s：%s　　%s：%s", data.FCheckDate, c.Date.Chinese(), data.FChecker, c.Checker),
	}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "检查评分表", Title: meta.Branch + "两堂一舍检查评分表", Columns: checkSheetColumns, Info: info,
		OnePage: true, Signature: checkSignature,
	})
	if err != nil {
		return err
	}
	rows := make([]Row, 0, len(c.Items)+4)
	na := 0
	for i, it := range c.Items {
		name := it.Name
		if it.Key {
			name += data.KeyMark
		}
		var got any = it.Score
		if it.NA {
			got, na = data.FItemNA, na+1
		}
		failed := it.Key && !it.NA && it.Score < it.Points
		rows = append(rows, Row{Cells: []any{i + 1, name, it.Standard, it.Points, got, it.Reason}, Red: failed})
	}
	if len(c.Items) == 0 {
		rows = append(rows, Row{Cells: []any{Cell{Value: "这次检查没有评分项目", Across: len(checkSheetColumns) - 1, Align: AlignCenter}}})
	}
	// Under the items: each figure's name with what it means (in the wide columns A:C), the figure
	// under 分值/得分, and for 等次 the failed key items beside it.
	maxNote := "各适用项分值之和"
	if na > 0 {
		maxNote += fmt.Sprintf("，%d项不适用不计入", na)
	}
	gradeNote := fmt.Sprintf("标化分≥%s为优秀，≥%s为合格，低于%s为不合格；关键项（%s）扣分即为不合格",
		data.FormatScore(th.Excellent), data.FormatScore(th.Pass), data.FormatScore(th.Pass), data.KeyMark)
	var keyNote any
	if score.KeyFailed() {
		keyNote = Cell{Value: "关键项「" + strings.Join(score.KeyFailures, "」「") + "」不合格", Red: true}
	}
	var standard, grade any
	if score.Applicable > 0 {
		standard, grade = score.Standard, score.Grade
	}
	failed := score.Grade == data.GradeFail
	for _, f := range []struct {
		label, note string
		value       any
		format      string
		red         bool
		beside      any
	}{
		{data.FGot, "各适用项得分之和", score.Got, "", false, nil},
		{data.FMax, maxNote, score.Max, "", false, nil},
		{data.FStandard, "实得分÷应得分×100", standard, "0.0", failed, nil},
		{data.FGrade, gradeNote, grade, "", failed, keyNote},
	} {
		rows = append(rows, Row{Cells: []any{
			Cell{Value: f.label + "（" + f.note + "）", Across: 2, Bold: true}, nil, nil,
			Cell{Value: f.value, Across: 1, Bold: true, Red: f.red, Format: f.format}, nil,
			f.beside,
		}})
	}
	if err := s.Rows(rows...); err != nil {
		return err
	}
	return b.Write(w)
}

// CheckSummaryRow is one check of R6 两堂一舍检查汇总表.
type CheckSummaryRow struct {
	Date      data.Date
	Category  string // the facility's 类别
	Facility  string
	Checker   string
	Checklist string // 评分表
	Score     data.CheckScore
}

// CheckSummaryRows scores checks with thresholds th (zero: the defaults) in date order.
func CheckSummaryRows(checks []data.Check, th data.GradeThresholds) []CheckSummaryRow {
	sorted := slices.Clone(checks)
	slices.SortStableFunc(sorted, func(a, b data.Check) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	rows := make([]CheckSummaryRow, len(sorted))
	for i, c := range sorted {
		rows[i] = CheckSummaryRow{Date: c.Date, Category: c.FacilityCategory, Facility: c.FacilityName,
			Checker: c.Checker, Checklist: c.ChecklistName, Score: data.ScoreCheck(c.Items, th)}
	}
	return rows
}

var checkSummaryColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FCheckDate, Width: 11, Kind: Date},
	{Header: "类别", Width: 6, Kind: Text, Align: AlignCenter},
	{Header: data.FCheckFacility, Width: 18, Kind: Text},
	{Header: data.FChecker, Width: 12, Kind: Text},
	{Header: data.FStandard, Width: 7, Kind: Number, Align: AlignCenter, Format: "0.0"},
	{Header: data.FGrade, Width: 7, Kind: Text, Align: AlignCenter},
	{Header: data.FDeductions, Width: 7, Kind: Int},
	{Header: data.FKeyFailed, Width: 16, Kind: Text},
}

// The bottom block by facility category reuses the grid: 类别 (A:C) | 检查次数 (D) | 平均标化分 (E)
// | 优秀 (F) | 合格 (G) | 不合格 (H) | 关键项不合格 (I, a count here).
var checkCategoryColumns = []Column{
	{Kind: Text, Align: AlignCenter}, {Kind: Text}, {Kind: Text},
	{Kind: Int}, {Kind: Number, Align: AlignCenter, Format: "0.0"},
	{Kind: Int}, {Kind: Int}, {Kind: Int}, {Kind: Int},
}

// WriteCheckSummary writes R6 两堂一舍检查汇总表 for a period (Meta.Period): one row per check, 关键项
// 不合格 naming the failed key items (无 when none), 不合格 checks in red; then a block by facility
// category with the number of checks, the average 标化分 (the plain mean of the checks' 标化分,
// one decimal) and the count of each 等次, and a 合计 row over all checks.
func WriteCheckSummary(w io.Writer, meta Meta, rows []CheckSummaryRow) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "检查汇总表", Title: meta.Branch + "两堂一舍检查汇总表", Columns: checkSummaryColumns})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return writeNone(w, b, s, "本期没有两堂一舍检查记录")
	}
	keyWidth := checkSummaryColumns[len(checkSummaryColumns)-1].Width
	out := make([]Row, len(rows))
	for i, r := range rows {
		key := "无"
		if r.Score.KeyFailed() {
			key = joinWrapped(r.Score.KeyFailures, "、", keyWidth, bodyPt)
		}
		var standard any
		if r.Score.Applicable > 0 {
			standard = r.Score.Standard
		}
		out[i] = Row{Cells: []any{i + 1, r.Date, r.Category, r.Facility, r.Checker, standard, r.Score.Grade,
			r.Score.Deductions, key}, Red: r.Score.Grade == data.GradeFail}
	}
	if err := s.Rows(out...); err != nil {
		return err
	}
	if err := writeCheckCategories(s, rows); err != nil {
		return err
	}
	return b.Write(w)
}

// checkTally is what the bottom block counts for a category or for all checks.
type checkTally struct {
	name           string
	checks, scored int
	tenths         int64 // sum of 标化分 in tenths, so that the mean is exact before rounding
	grades         map[string]int
	keyFailed      int
}

func (t *checkTally) add(sc data.CheckScore) {
	t.checks++
	if sc.Applicable > 0 {
		t.scored++
		t.tenths += int64(sc.Standard*10 + 0.5)
	}
	t.grades[sc.Grade]++
	if sc.KeyFailed() {
		t.keyFailed++
	}
}

func (t *checkTally) cells() []any {
	var avg any
	if t.scored > 0 {
		// half up on tenths, as data.ScoreCheck rounds 标化分
		avg = float64((2*t.tenths+int64(t.scored))/(2*int64(t.scored))) / 10
	}
	fail := Cell{Value: t.grades[data.GradeFail], Red: t.grades[data.GradeFail] > 0}
	return []any{Cell{Value: t.name, Across: 2}, nil, nil, t.checks, avg,
		t.grades[data.GradeExcellent], t.grades[data.GradePass], fail, Cell{Value: t.keyFailed, Red: t.keyFailed > 0}}
}

func writeCheckCategories(s *Sheet, rows []CheckSummaryRow) error {
	total := &checkTally{name: "合计", grades: map[string]int{}}
	byCat := map[string]*checkTally{}
	var cats []string
	for _, r := range rows {
		t := byCat[r.Category]
		if t == nil {
			name := r.Category
			if name == "" {
				name = "未分类"
			}
			t = &checkTally{name: name, grades: map[string]int{}}
			byCat[r.Category] = t
			cats = append(cats, r.Category)
		}
		t.add(r.Score)
		total.add(r.Score)
	}
	// FacilityCategories order; unknown categories after them, by name.
	rank := func(c string) int {
		if i := slices.Index(data.FacilityCategories, c); i >= 0 {
			return i
		}
		return len(data.FacilityCategories)
	}
	slices.SortFunc(cats, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b)) })
	steps := []func() error{
		func() error { return s.Skip(1) },
		func() error { return s.SetColumns(checkCategoryColumns) },
		func() error {
			return s.Caption("按设施类别汇总（平均标化分为各次检查标化分的平均值）")
		},
		func() error {
			return s.HeaderRows(Row{Cells: []any{Cell{Value: "类别", Across: 2}, nil, nil, "检查次数", "平均标化分",
				data.GradeExcellent, data.GradePass, data.GradeFail, data.FKeyFailed}})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	out := make([]Row, 0, len(cats)+1)
	for _, c := range cats {
		out = append(out, Row{Cells: byCat[c].cells()})
	}
	out = append(out, Row{Cells: total.cells(), Bold: true})
	return s.Rows(out...)
}
