package catalog

import (
	"context"
	"fmt"
	"io"
	"strings"

	"branchledger/data"
	"branchledger/reports"
)

// The loads of the organisational life reports R12, R12a, R13 and R14.

func loadActivities(ctx context.Context, st data.Store, in *Input) (Result, error) {
	acts, err := st.Activities(ctx, data.ActivityFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteActivities(w, meta, acts) },
		Table:   func() ([]string, [][]any) { return reports.ActivitiesTable(acts) },
		Summary: fmt.Sprintf(" %d 次组织生活", len(acts)),
	}, nil
}

// recentActivities is how many activities a refusal lists.
const recentActivities = 5

func loadMinutes(ctx context.Context, st data.Store, in *Input) (Result, error) {
	if in.ActivityID <= 0 {
		return Result{}, UnknownActivity(ctx, st, "请指定要导出会议记录的组织生活（编号）")
	}
	a, err := st.Activity(ctx, in.ActivityID)
	if data.ErrorCode(err) == data.ENotFound {
		return Result{}, UnknownActivity(ctx, st, fmt.Sprintf("编号为 %d 的组织生活记录不存在", in.ActivityID))
	}
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteMinutes(w, meta, a) },
		Summary: fmt.Sprintf("%s %s的会议记录", a.Date, a.KindsText()),
	}, nil
}

// UnknownActivity is msg with the latest activities listed, so that the user can pick one.
func UnknownActivity(ctx context.Context, st data.Store, msg string) error {
	acts, err := st.Activities(ctx, data.ActivityFilter{})
	if err != nil {
		return err
	}
	if len(acts) == 0 {
		return data.Errorf(data.EInvalid, msg+"：数据文件中还没有组织生活记录")
	}
	var latest []string
	for i := len(acts) - 1; i >= 0 && len(latest) < recentActivities; i-- {
		latest = append(latest, fmt.Sprintf("%d（%s %s）", acts[i].ID, acts[i].Date, acts[i].KindsText()))
	}
	return data.Errorf(data.EInvalid, msg+"；最近的组织生活有："+strings.Join(latest, "、"))
}

func loadAttendance(ctx context.Context, st data.Store, in *Input) (Result, error) {
	rows, err := data.LoadAttendance(ctx, st, in.Period)
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	total := data.AttendanceTotal(rows)
	return Result{
		Write: func(w io.Writer) error { return reports.WriteAttendance(w, meta, rows) },
		Table: func() ([]string, [][]any) { return reports.AttendanceTable(rows) },
		Summary: fmt.Sprintf(" %d 名党员的组织生活参加情况（应参加 %d 人次，缺席 %d 人次）", len(rows), total.Expected,
			total.Absent),
	}, nil
}

// loadOrgLifePlan prints the year of the period's start (R14 is a year's table).
func loadOrgLifePlan(ctx context.Context, st data.Store, in *Input) (Result, error) {
	year := in.Period.From.Year
	rows, err := data.LoadOrgLifePlan(ctx, st, year, in.Meta.Date)
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	meta.Period = data.YearPeriod(year).Label
	missed := 0
	for _, d := range data.OrgLifeDue(rows, in.Meta.Date) {
		if d.Overdue {
			missed++
		}
	}
	return Result{Meta: meta,
		Write:   func(w io.Writer) error { return reports.WriteOrgLifePlan(w, meta, rows) },
		Summary: fmt.Sprintf("%d年的组织生活落实情况表（%d 项规则，%d 个周期未开）", year, len(rows), missed),
	}, nil
}
