package catalog

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"branchledger/data"
	"branchledger/reports"
)

// The loaders of the 发展党员 reports, R23 and R24.

// teamNames maps the branch's team ids to their names.
func teamNames(ctx context.Context, st data.Store) (map[int64]string, error) {
	teams, err := st.Teams(ctx)
	names := map[int64]string{}
	for _, t := range teams {
		names[t.ID] = t.Name
	}
	return names, err
}

func loadRecruitment(ctx context.Context, st data.Store, in *Input) (Result, error) {
	rs, err := st.Recruits(ctx)
	if err != nil {
		return Result{}, err
	}
	teams, err := teamNames(ctx, st)
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteRecruitment(w, meta, rs, teams) },
		Table:   func() ([]string, [][]any) { return reports.RecruitmentTable(rs, teams, meta.Date) },
		Summary: fmt.Sprintf(" %d 名入党申请人的发展党员工作台账", len(rs)),
	}, nil
}

func loadRecruitRecord(ctx context.Context, st data.Store, in *Input) (Result, error) {
	r, err := findRecruit(ctx, st, in.PersonID, in.Person)
	if err != nil {
		return Result{}, err
	}
	teams, err := teamNames(ctx, st)
	if err != nil {
		return Result{}, err
	}
	names := reports.RecruitRecordNames{Team: teams[r.TeamID]}
	if r.GroupID != 0 {
		groups, err := st.Groups(ctx)
		if err != nil {
			return Result{}, err
		}
		for _, g := range groups {
			if g.ID == r.GroupID {
				names.Group = g.Name
			}
		}
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteRecruitRecord(w, meta, r, names) },
		Summary: fmt.Sprintf("%s的发展党员纪实表（%s）", r.Name, r.StageName()),
	}, nil
}

// findRecruit is the person with id, else the one whose 公民身份证号 or number is typed; a Chinese
// refusal lists the people when none is found.
func findRecruit(ctx context.Context, st data.Store, id int64, typed string) (data.Recruit, error) {
	rs, err := st.Recruits(ctx)
	if err != nil {
		return data.Recruit{}, err
	}
	typed = strings.TrimSpace(typed)
	if n, err := strconv.ParseInt(typed, 10, 64); err == nil && id == 0 && len(typed) < 18 {
		id = n
	}
	idNumber := data.NormalizeIDNumber(typed)
	for _, r := range rs {
		if id != 0 && r.ID == id || id == 0 && typed != "" && r.IDNumber == idNumber {
			return r, nil
		}
	}
	msg := "请指定入党申请人（--person 编号或公民身份证号）"
	if id != 0 || typed != "" {
		msg = fmt.Sprintf("没有找到入党申请人「%s」", typed)
		if typed == "" {
			msg = fmt.Sprintf("没有找到编号为 %d 的入党申请人", id)
		}
	}
	if len(rs) == 0 {
		return data.Recruit{}, data.Errorf(data.EInvalid, msg+"：数据文件中还没有入党申请人")
	}
	var list []string
	for i, r := range rs {
		if i == 10 {
			list = append(list, fmt.Sprintf("等共 %d 名", len(rs)))
			break
		}
		list = append(list, fmt.Sprintf("%d %s", r.ID, r.Name))
	}
	return data.Recruit{}, data.Errorf(data.EInvalid, msg+"；可选的有（编号 姓名）："+strings.Join(list, "、"))
}
