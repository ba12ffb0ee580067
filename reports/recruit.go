package reports

import (
	"fmt"
	"io"
	"strings"

	"branchledger/data"
)

// This file writes the 发展党员 reports of SPEC §14: R23 发展党员工作台账 (everyone in the pipeline)
// and R24 发展党员纪实表 (one person's 25 steps).

var recruitmentColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 8, Kind: Text, Align: AlignCenter},
	{Header: data.FSex, Width: 5, Kind: Text, Align: AlignCenter},
	{Header: data.FBirthDate, Width: 11, Kind: Date},
	{Header: data.FTeam, Width: 10, Kind: Text},
	{Header: "申请入党日期", Width: 11, Kind: Date},
	{Header: "确定积极分子日期", Width: 11, Kind: Date},
	{Header: "确定发展对象日期", Width: 11, Kind: Date},
	{Header: "接收预备党员日期", Width: 11, Kind: Date},
	{Header: "转正日期", Width: 11, Kind: Date},
	{Header: data.RoleContact, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.RoleIntroducer, Width: 10, Kind: Text, Align: AlignCenter},
	{Header: data.FStage, Width: 12, Kind: Text, Align: AlignCenter},
	{Header: data.FNextStep, Width: 24, Kind: Text},
}

// RecruitStageText is 当前阶段: what the person is, with the last step done.
func RecruitStageText(r *data.Recruit) string {
	s := r.Stage()
	if s == 0 {
		return "未开始"
	}
	text := fmt.Sprintf("%s\n（第%d步%s）", r.StageName(), s, data.RecruitStepNames[s-1])
	if r.ExtendMonths > 0 {
		text += fmt.Sprintf("\n预备期延长%d个月", r.ExtendMonths)
	}
	return text
}

// RecruitNextText is 下一步及期限 on day asOf, and whether it is overdue (its latest day has
// passed, or something falls due that has).
func RecruitNextText(r *data.Recruit, asOf data.Date) (string, bool) {
	next := data.NextStep(r)
	text := next.String()
	late := false
	for _, d := range data.RecruitDue(r, asOf, 0) {
		if d.Overdue(asOf) {
			late = true
			if !strings.Contains(text, d.What) && !strings.Contains(d.What, data.StepName(next.Step)) {
				text += "\n" + d.What + "（" + d.Date.String() + "）"
			}
		}
	}
	if late && next.Step != 0 && !next.Latest.IsZero() && next.Latest.Before(asOf) {
		text += "（已逾期）"
	}
	return text, late
}

// RecruitmentTable is R23's table as WriteRecruitment prints it: headers and one row per person,
// teams by name (teams maps team ids to names), 下一步及期限 as of asOf.
func RecruitmentTable(rs []data.Recruit, teams map[int64]string, asOf data.Date) (headers []string, rows [][]any) {
	rows = make([][]any, len(rs))
	for i := range rs {
		r := &rs[i]
		next, _ := RecruitNextText(r, asOf)
		rows[i] = []any{i + 1, r.Name, r.Sex, r.BirthDate, teams[r.TeamID], r.Date(data.StepApply), r.Date(data.StepActivist),
			r.Date(data.StepCandidate), r.Date(data.StepAdmit), r.FullDate(), r.Names(data.RoleContact),
			r.Names(data.RoleIntroducer), RecruitStageText(r), next}
	}
	return columnHeaders(recruitmentColumns), rows
}

// WriteRecruitment writes R23 发展党员工作台账: one row per person in the given order, a row whose
// next step is past its latest day (or owes a 考察 record or a 转正 past due) in red, as of
// meta.Date (the 填报日期, today when zero).
func WriteRecruitment(w io.Writer, meta Meta, rs []data.Recruit, teams map[int64]string) error {
	asOf := meta.AsOf()
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "发展党员工作台账", Title: meta.Branch + "发展党员工作台账", Columns: recruitmentColumns,
		Info: []string{"注：下一步及期限按《中国共产党发展党员工作细则》的时间要求，截至" + asOf.Chinese() + "（填报日期）计算；逾期的标红。"},
	})
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return writeNone(w, b, s, "还没有入党申请人")
	}
	_, cells := RecruitmentTable(rs, teams, asOf)
	counts := map[string]int{}
	for i := range rs {
		_, late := RecruitNextText(&rs[i], asOf)
		counts[rs[i].StageName()]++
		if err := s.Rows(Row{Cells: cells[i], Red: late}); err != nil {
			return err
		}
	}
	var parts []string
	for _, st := range []string{"入党申请人", "入党积极分子", "发展对象", "预备党员", "正式党员"} {
		parts = append(parts, fmt.Sprintf("%s%d名", st, counts[st]))
	}
	total := make([]any, len(recruitmentColumns))
	total[0] = Cell{Value: fmt.Sprintf("合计：共%d名（%s）", len(rs), strings.Join(parts, "，")), Across: len(recruitmentColumns) - 1, Align: AlignCenter}
	if err := s.Rows(Row{Cells: total, Bold: true}); err != nil {
		return err
	}
	return b.Write(w)
}

var recruitRecordColumns = []Column{
	{Header: "步骤", Width: 5, Kind: Int},
	{Header: "工作内容", Width: 20, Kind: Text},
	{Header: data.FStepDate, Width: 11, Kind: Date},
	{Header: "有关人员及表决", Width: 22, Kind: Text},
	{Header: data.FStepNote, Width: 34, Kind: Text},
}

// RecruitRecordNames are what R24 needs besides the person: the names of the team and the group.
type RecruitRecordNames struct {
	Team, Group string
}

// recruitStepPeople is the 有关人员及表决 cell of step n.
func recruitStepPeople(r *data.Recruit, n int, names RecruitRecordNames) string {
	var parts []string
	for _, role := range data.RecruitRoles {
		if role.Step == n {
			if s := r.Names(role.Role); s != "" {
				parts = append(parts, role.Role+"："+s)
			}
		}
	}
	switch n {
	case data.StepAdmit:
		parts = append(parts, r.Vote15.String())
	case data.StepDiscussFull:
		parts = append(parts, r.Vote23.String())
	case data.StepTraining:
		if r.TrainDays+r.TrainHours > 0 {
			parts = append(parts, fmt.Sprintf("培训%d天、%d学时", r.TrainDays, r.TrainHours))
		}
	case data.StepPlace:
		if names.Group != "" {
			parts = append(parts, "编入"+names.Group)
		}
	}
	return strings.Join(nonEmpty(parts), "\n")
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// recruitStepNote is the 情况记录 cell of step n: the note, the 考察 records of steps 6 and 21, and
// the extension at step 23.
func recruitStepNote(r *data.Recruit, n int) string {
	parts := []string{r.Step(n).Note}
	for _, v := range r.Reviews {
		if v.Step == n {
			parts = append(parts, strings.TrimSpace(v.Date.String()+" 考察："+v.Note))
		}
	}
	if n == data.StepDiscussFull && r.ExtendMonths > 0 {
		parts = append(parts, fmt.Sprintf("%s 决定延长预备期%d个月，预备期至 %s", r.ExtendDate, r.ExtendMonths, r.ProbationEnd()))
	}
	return strings.Join(nonEmpty(parts), "\n")
}

// WriteRecruitRecord writes R24 发展党员纪实表 of one person: the identity under the title, then the
// 25 steps with their dates, people, votes and notes, and what is next.
func WriteRecruitRecord(w io.Writer, meta Meta, r data.Recruit, names RecruitRecordNames) error {
	asOf := meta.AsOf()
	info := []string{
		fmt.Sprintf("%s：%s　　%s：%s　　%s：%s　　%s：%s", data.FName, r.Name, data.FSex, r.Sex, data.FEthnicity, r.Ethnicity,
			data.FBirthDate, r.BirthDate),
		fmt.Sprintf("%s：%s　　%s：%s　　%s：%s　　%s：%s", data.FIDNumber, r.IDNumber, data.FEducation, r.Education,
			data.FTeam, names.Team, "岗位", r.Job),
	}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "发展党员纪实表", Title: meta.Branch + "发展党员纪实表", Columns: recruitRecordColumns, Info: info, OnePage: true,
	})
	if err != nil {
		return err
	}
	rows := make([]Row, 0, data.RecruitSteps+2)
	for n := 1; n <= data.RecruitSteps; n++ {
		rows = append(rows, Row{Cells: []any{n, data.RecruitStepNames[n-1], r.Date(n), recruitStepPeople(&r, n, names), recruitStepNote(&r, n)}})
	}
	next, late := RecruitNextText(&r, asOf)
	rows = append(rows,
		Row{Cells: []any{Cell{Value: data.FStage, Across: 1, Align: AlignCenter}, nil, Cell{Value: strings.ReplaceAll(strings.ReplaceAll(RecruitStageText(&r), "\n（", "（"), "\n", "，"), Across: 2}}, Bold: true},
		Row{Cells: []any{Cell{Value: data.FNextStep, Across: 1, Align: AlignCenter}, nil, Cell{Value: next, Across: 2, Red: late}}, Bold: true})
	if err := s.Rows(rows...); err != nil {
		return err
	}
	return b.Write(w)
}
