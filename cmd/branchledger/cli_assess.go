package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// The assessment exports (SPEC §5, reports R8, R9, R10) and the filling of the group's own
// templates (--template, SPEC §6), dispatched from cli.go's exports table.

// assessStore is what these exports read from the data file (*sqlite.DB).
type assessStore interface {
	data.AssessmentStore
	Branch(ctx context.Context) (data.Branch, error)
	Members(ctx context.Context, f data.MemberFilter) ([]data.Member, error)
	Groups(ctx context.Context) ([]data.Group, error)
}

// exportBranchAssessment writes R8 for the month's saved A1 assessment; without one it prints a
// draft made from the default A1 form and the month's ledgers, marked as such on paper and here.
func (c *cli) exportBranchAssessment(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	p := x.period
	if p != data.MonthPeriod(p.From.Year, p.From.Month) {
		return nil, "", usageErr("支部月度考核按月导出，请用 --period 指定月份，例如 --period 2026-11")
	}
	var st assessStore = db
	saved, err := st.Assessments(c.ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly, From: p.From, To: p.To})
	if err != nil {
		return nil, "", err
	}
	var a *data.Assessment
	for i := range saved {
		if saved[i].Period.From == p.From && saved[i].Period.To == p.To {
			a = &saved[i]
			break
		}
	}
	draft := a == nil
	if draft {
		if a, err = c.draftA1(st, p); err != nil {
			return nil, "", err
		}
		fmt.Fprintf(c.out, "%s还没有保存的支部月度考核：以下是按台账自动汇总的草稿，人工评分项暂按满分计；请在程序的“考核”中评分并保存后再正式打印\n", p.Label)
	}
	s := data.ScoreAssessment(a)
	done := fmt.Sprintf("%s的支部月度考核表（总分 %s 分，%s）", p.Label, data.FormatScore(s.Total), s.Grade)
	if draft {
		done = "（草稿）" + done
	}
	return func(w io.Writer) error { return reports.WriteBranchAssessment(w, x.meta, *a) }, done, nil
}

// draftA1 is a fresh A1 assessment of the branch for month p: the first A1 form of the data file
// (the default when there is none) with the ledgers' evidence applied; its name says 草稿.
func (c *cli) draftA1(st assessStore, p data.Period) (*data.Assessment, error) {
	b, err := st.Branch(c.ctx)
	if err != nil {
		return nil, err
	}
	ts, err := st.AssessTemplates(c.ctx, data.AssessBranchMonthly)
	if err != nil {
		return nil, err
	}
	t := data.DefaultA1Template()
	if len(ts) > 0 {
		t = ts[0]
	}
	ev, refs, err := st.A1Evidence(c.ctx, p)
	if err != nil {
		return nil, err
	}
	a := data.NewAssessment(&t, b.ID, b.Name, p)
	a.ApplyA1Evidence(ev, refs)
	a.TemplateName += "（草稿）"
	return &a, nil
}

// exportMemberPoints writes R9 for the period (normally a year). The generated entries of its
// years are first brought into step with the ledgers, unless the window holds the file (it keeps
// them in step itself).
func (c *cli) exportMemberPoints(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	v, err := data.LoadPoints(c.ctx, db, x.period, !db.ReadOnly())
	if err != nil {
		return nil, "", err
	}
	rows, entries, groups := v.Rows, v.Entries, v.Groups
	write := func(w io.Writer) error { return reports.WriteMemberPoints(w, x.meta, rows, entries, groups) }
	return c.orTemplate(x, write, func() ([]string, [][]any) { return reports.MemberPointsTable(rows, groups) }),
		fmt.Sprintf("%s的党员积分考核汇总表（%d 名党员，积分明细 %d 条）", x.period.Label, len(rows), len(entries)), nil
}

// exportThreeInOne writes R10 from the A3 assessments saved for the period.
func (c *cli) exportThreeInOne(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	var st assessStore = db
	as, err := st.Assessments(c.ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne, From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	if len(as) == 0 {
		return nil, "", data.Errorf(data.EInvalid, fmt.Sprintf("%s没有保存的“三位一体”考核：请先在程序的“考核”中为重点岗位党员和管理人员评分，或换一个期间", x.period.Label))
	}
	ms, err := st.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, "", err
	}
	posts := make(map[int64]string, len(ms))
	for _, m := range ms {
		posts[m.ID] = m.Job
	}
	return func(w io.Writer) error { return reports.WriteThreeInOne(w, x.meta, as, posts) },
		fmt.Sprintf("%s的“三位一体”考核表（%d 人）", x.period.Label, len(as)), nil
}

// orTemplate is write, or with --template a writer that fills the group's template with the
// report's table (the reports package's, as the report prints it; made only then).
func (c *cli) orTemplate(x exportInput, write func(io.Writer) error, table func() (columns []string, rows [][]any)) func(io.Writer) error {
	if !x.a.has("template") {
		return write
	}
	path := x.a.get("template")
	return func(w io.Writer) error {
		f, err := os.Open(path)
		if err != nil {
			return data.Errorf(data.EInvalid, fmt.Sprintf("无法打开模板文件「%s」：%v。请检查 --template 后的路径", path, err))
		}
		defer f.Close()
		columns, rows := table()
		_, err = reports.FillTemplate(f, w, reports.TemplateData{Meta: x.meta, Columns: columns, Rows: rows})
		return err
	}
}
