package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// The 两堂一舍 exports (SPEC §4, reports R5, R6, R7, R11), dispatched from cli.go's exports table.

// welfareStore is what these exports read from the data file (*sqlite.DB).
type welfareStore interface {
	Checks(ctx context.Context, f data.CheckFilter) ([]data.Check, error)
	Check(ctx context.Context, id int64) (data.Check, error)
	GradeThresholds(ctx context.Context) (data.GradeThresholds, error)
	WelfareItems(ctx context.Context, f data.WelfareFilter) ([]data.WelfareItem, error)
	Surveys(ctx context.Context, f data.SurveyFilter) ([]data.Survey, error)
}

// recentChecks is how many checks an unknown --check lists, so that the user can pick one.
const recentChecks = 5

// exportWelfareCheck writes R5 for the check given by --check, scored with the configured thresholds.
func (c *cli) exportWelfareCheck(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	if !x.a.has("check") {
		return nil, "", usageErr("请用 --check 指定检查记录的编号，例如 --check 12")
	}
	id, err := strconv.ParseInt(x.a.get("check"), 10, 64)
	if err != nil || id <= 0 {
		return nil, "", usageErr("--check 应为检查记录的编号（正整数），不能是「%s」", x.a.get("check"))
	}
	var ws welfareStore = db
	check, err := ws.Check(c.ctx, id)
	if data.ErrorCode(err) == data.ENotFound {
		return nil, "", c.unknownCheck(ws, id)
	}
	if err != nil {
		return nil, "", err
	}
	th, err := ws.GradeThresholds(c.ctx)
	if err != nil {
		return nil, "", err
	}
	score := check.Score(th)
	return func(w io.Writer) error { return reports.WriteCheckSheet(w, x.meta, check, th) },
		fmt.Sprintf("%s的两堂一舍检查评分表（%s，标化分 %.1f，%s）", check.FacilityName, check.Date, score.Standard, score.Grade), nil
}

// unknownCheck says that check id does not exist and lists the latest ones.
func (c *cli) unknownCheck(ws welfareStore, id int64) error {
	checks, err := ws.Checks(c.ctx, data.CheckFilter{})
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("编号为 %d 的检查记录不存在", id)
	if len(checks) == 0 {
		return data.Errorf(data.EInvalid, msg+"：数据文件中还没有两堂一舍检查记录")
	}
	var latest []string
	for i := len(checks) - 1; i >= 0 && len(latest) < recentChecks; i-- { // listed oldest first
		ch := checks[i]
		latest = append(latest, fmt.Sprintf("%d（%s %s）", ch.ID, ch.Date, ch.FacilityName))
	}
	return data.Errorf(data.EInvalid, msg+"；最近的检查记录有："+strings.Join(latest, "、"))
}

// exportWelfareSummary writes R6 for the checks made in the period.
func (c *cli) exportWelfareSummary(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	var ws welfareStore = db
	checks, err := ws.Checks(c.ctx, data.CheckFilter{From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	th, err := ws.GradeThresholds(c.ctx)
	if err != nil {
		return nil, "", err
	}
	rows := reports.CheckSummaryRows(checks, th)
	failed := 0
	for _, r := range rows {
		if r.Score.Grade == data.GradeFail {
			failed++
		}
	}
	return func(w io.Writer) error { return reports.WriteCheckSummary(w, x.meta, rows) },
		fmt.Sprintf("%s的两堂一舍检查汇总表（%d 次检查，其中不合格 %d 次）", x.period.Label, len(rows), failed), nil
}

// exportWelfareItems writes R7 for the items proposed in the period; states and lateness are
// today's, as the sheet says.
func (c *cli) exportWelfareItems(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	var ws welfareStore = db
	items, err := ws.WelfareItems(c.ctx, data.WelfareFilter{From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	overdue := 0
	for i := range items {
		if items[i].OverdueDays(c.today) > 0 {
			overdue++
		}
	}
	write := func(w io.Writer) error { return reports.WriteWelfareItems(w, x.meta, items) }
	return c.orTemplate(x, write, func() ([]string, [][]any) { return reports.WelfareItemsTable(items, c.today) }),
		fmt.Sprintf("%s的办实事（福利事项）台账（%d 项，其中逾期 %d 项）", x.period.Label, len(items), overdue), nil
}

// exportSatisfaction writes R11 for the surveys whose period overlaps the chosen one, stacked on
// one sheet.
func (c *cli) exportSatisfaction(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	var ws welfareStore = db
	surveys, err := ws.Surveys(c.ctx, data.SurveyFilter{From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	return func(w io.Writer) error { return reports.WriteSurveys(w, x.meta, surveys) },
		fmt.Sprintf("%s的满意度调查统计表（%d 次调查）", x.period.Label, len(surveys)), nil
}
