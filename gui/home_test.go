package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// textOf is the text of a canvas.Text, "" for anything else.
func textOf(o any) string {
	if t, ok := o.(*canvas.Text); ok {
		return t.Text
	}
	return ""
}

func TestComputeHomeStats(t *testing.T) {
	today := data.NewDate(2026, time.November, 23)
	full := func(groupID, teamID int64) data.Member {
		return data.Member{Category: data.CategoryFull, GroupID: groupID, TeamID: teamID, PartyStatus: data.PartyStatusNormal}
	}
	probation := func(joined data.Date) data.Member {
		return data.Member{Category: data.CategoryProbation, JoinDate: joined, GroupID: 1}
	}
	special := full(2, 0)
	special.KeyPost, special.Supervisor, special.LostContact, special.Floating = "出纳", true, true, true
	special.PartyStatus = data.PartyStatusSuspended
	ms := []data.Member{
		full(1, 10), full(1, 10), full(2, 11), special,
		probation(data.NewDate(2025, time.November, 30)), // due 2026-11-30: this month
		probation(data.NewDate(2025, time.November, 1)),  // due 2026-11-01: this month
		probation(data.NewDate(2025, time.October, 31)),  // due 2026-10-31: overdue
		probation(data.NewDate(2025, time.December, 1)),  // due next month
	}
	st := computeHomeStats(data.Branch{}, ms, nil, nil, today)
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"正式党员", st.full, 4}, {"预备党员", st.probation, 4}, {"本月预备期满", st.dueThisMonth, 2}, {"预备期已满", st.overdue, 1},
		{"重点岗位", st.keyPost, 1}, {"督查队伍", st.supervisors, 1}, {"失联", st.lost, 1}, {"流动", st.floating, 1},
		{"停止党籍", st.suspended, 1}, {"第1组", st.byGroup[1], 6}, {"第2组", st.byGroup[2], 2}, {"班组10", st.byTeam[10], 2},
		{"无班组", st.byTeam[0], 5},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}

func TestHomeScreenShowsCounts(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	g := data.Group{Name: "第一党小组"}
	if err := env.Store.SaveGroup(context.Background(), &g); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, g.ID, 0)
	addTestMember(t, env, "李四", 2, 0, 0)
	h := NewHomeScreen(env)
	show(env, h)
	if n := findStat(t, h, "合计"); n != "2" {
		t.Errorf("合计 shows %s, want 2", n)
	}
	if n := findStat(t, h, "正式党员"); n != "2" {
		t.Errorf("正式党员 shows %s, want 2", n)
	}
	if !strings.Contains(h.title.Text, "2026年11月23日 星期一") {
		t.Errorf("heading %q should name the day", h.title.Text)
	}
	var labels []string
	for _, o := range test.LaidOutObjects(h.Content()) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	}
	all := strings.Join(labels, "|")
	for _, want := range []string{"第一党小组|1 人", "（未分党小组）|1 人", "（未分班组）|2 人"} {
		if !strings.Contains(all, want) {
			t.Errorf("工作台 lacks %q: %s", want, all)
		}
	}
}
