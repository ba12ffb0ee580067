package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
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

// homeFixture: today is Monday 2026-11-23, this week ends 11-29.
//
//	A due 11-20, 待整改       overdue (not 本周到期: issue 10 #20)
//	B due 11-10, 待验收       overdue, to review
//	C due 11-27, 整改中       due this week
//	D due 12-05, 待验收       to review
//	E due 11-05, 已销号       nothing
//
// and inspections on 11-10 and 10-30 (last month).
func homeFixture(t *testing.T) (*Env, []data.Finding) {
	env, _, teams := rhythmEnv(t)
	fs := addRhythmFindings(t, env,
		rf{desc: "问题A", found: day(16), deadline: day(20), state: data.StatePending},
		rf{desc: "问题B", category: "作风纪律", found: day(2), deadline: day(10), state: data.StateReview},
		rf{desc: "问题C", team: teams[0].ID, found: day(20), deadline: day(27), state: data.StateFixing},
		rf{desc: "问题D", found: day(21), deadline: data.NewDate(2026, 12, 5), state: data.StateReview},
		rf{desc: "问题E", category: "作风纪律", found: day(1), deadline: day(5), state: data.StateClosed, closed: day(4)},
	)
	m := addTestMember(t, env, "王督查", 1, 0, 0)
	addTestInspection(t, env, day(10), m)
	addTestInspection(t, env, data.NewDate(2026, 10, 30), m)
	return env, fs
}

func TestHomeFindingCountsChange(t *testing.T) {
	env, fs := homeFixture(t)
	h := NewHomeScreen(env)
	show(env, h)
	check := func(when string, want map[string]string) {
		t.Helper()
		for caption, w := range want {
			if got := findStat(t, h, caption); got != w {
				t.Errorf("%s: %s shows %s, want %s", when, caption, got, w)
			}
		}
	}
	check("at first", map[string]string{"逾期问题": "2", "本周到期": "1", "待验收": "2", "本月督查": "1"})
	labels, values := chartTexts(t, findChart(t, h))
	if !slices.Equal(labels, []string{"安全生产不实", "作风纪律"}) ||
		!slices.EqualFunc(values, [][]string{{"3", "0"}, {"2", "1"}}, slices.Equal) {
		t.Errorf("this month by category: %v %v", labels, values)
	}

	// Close B (overdue, 待验收) as 日清 or 问题整改 would, then reload as env.Changed makes it.
	_, err := env.Store.ChangeState(context.Background(), fs[1].ID, data.StateClosed, "",
		&data.CloseOut{Progress: "已整改", Acceptor: "王书记", ClosedDate: day(23)})
	if err != nil {
		t.Fatal(err)
	}
	h.Reload()
	check("after closing one", map[string]string{"逾期问题": "1", "本周到期": "1", "待验收": "1", "本月督查": "1"})
	if _, values := chartTexts(t, findChart(t, h)); !slices.Equal(values[1], []string{"2", "2"}) {
		t.Errorf("作风纪律 after closing B = %v, want 2 found, 2 closed", values[1])
	}
}

// findChart is the first chart of 工作台.
func findChart(t *testing.T, h *HomeScreen) *BarChart {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.Content()) {
		if c, ok := o.(*BarChart); ok {
			return c
		}
	}
	t.Fatal("工作台 has no chart")
	return nil
}

func TestHomeCardsNavigate(t *testing.T) {
	env, _ := homeFixture(t)
	tiles, went := checkHomeTiles(t, env, []tileTap{
		{"逾期问题", Destination{Module: moduleInspections, Tab: tabFindings, Findings: FindingsOverdue}},
		{"本周到期", Destination{Module: moduleInspections, Tab: tabFindings, Findings: FindingsDueThisWeek}},
		{"待验收", Destination{Module: moduleInspections, Tab: tabFindings, Findings: FindingsToReview}},
		{"本月督查", Destination{Module: moduleInspections, Tab: tabInspections}},
	})
	// The keyboard reaches the figures too: Enter on a focused one opens its list.
	*went = nil
	env.Win.Canvas().Focus(tiles["待验收"])
	env.Win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := *went; len(got) != 1 || got[0].Findings != FindingsToReview {
		t.Errorf("Enter on 待验收 navigated to %v", got)
	}
	// Member figures are not buttons.
	if tiles["合计"] != nil {
		t.Error("合计 is tappable but opens nothing")
	}
}

// tileTap is a figure of the 工作台 (by its caption) and where tapping it goes.
type tileTap struct {
	caption string
	want    Destination
}

// checkHomeTiles shows the 工作台 and taps each figure of taps, checking where it navigates. It
// returns the tappable figures by caption and the navigation record, for further checks.
func checkHomeTiles(t *testing.T, env *Env, taps []tileTap) (map[string]*tapTile, *[]Destination) {
	t.Helper()
	var got []Destination
	env.Navigate = func(d Destination) { got = append(got, d) }
	h := NewHomeScreen(env)
	show(env, h)
	tiles := map[string]*tapTile{}
	for _, o := range test.LaidOutObjects(h.Content()) {
		if tt, ok := o.(*tapTile); ok {
			tiles[tt.content.(*fyne.Container).Objects[1].(*widget.Label).Text] = tt
		}
	}
	for _, tc := range taps {
		got = nil
		if tiles[tc.caption] == nil {
			t.Errorf("no tappable figure %q", tc.caption)
			continue
		}
		test.Tap(tiles[tc.caption])
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("tapping %s navigated to %v, want %v", tc.caption, got, tc.want)
		}
	}
	return tiles, &got
}

// addScoredCheck saves a check of fac on d with the first template of its category, every item at
// full points but those in lost (item name → points lost).
func addScoredCheck(t *testing.T, env *Env, fac data.Facility, d data.Date, lost map[string]float64) {
	t.Helper()
	ctx := context.Background()
	tpls, err := env.Store.Checklists(ctx, fac.Category)
	if err != nil || len(tpls) == 0 {
		t.Fatalf("no template for %s: %v", fac.Category, err)
	}
	c := data.NewCheck(fac, tpls[0], d, "李明")
	for name, n := range lost {
		i := slices.IndexFunc(c.Items, func(it data.CheckItem) bool { return it.Name == name })
		if i < 0 {
			t.Fatalf("%s has no item %s", tpls[0].Name, name)
		}
		c.Items[i].Score -= n
		c.Items[i].Reason = "检查时发现不符合标准"
	}
	if err := env.Store.SaveCheck(ctx, &c); err != nil {
		t.Fatalf("SaveCheck: %v", err)
	}
}

// welfareFixture is a hand-made November 2026 of 两堂一舍 (today 11-23):
//
//	一号职工食堂  11-10: 食品留样※ lost all 10 → 标化分 90.0 but 不合格 (a key item failed)
//	职工澡堂      11-05: full marks, 100.0 优秀; 09-10: 卫生清洁 lost 20 → 80.0 (6-month mean 90.0)
//	一号宿舍楼    not checked this month; 10-15: 95.0; 05-20: 80.0 (before the 6 months of the chart)
//
// welfare items: one 已登记 past its planned 11-18 (overdue), one 办理中 due in December, one 已办结;
// surveys of the canteen: 2026年第三季度 (all 非常满意) and the latest, 2026年10月, 50 of 80 satisfied.
func welfareFixture(t *testing.T) *Env {
	t.Helper()
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	m := addTestMember(t, env, "张三", 1, 0, 0)
	canteen := addFacility(t, env, data.FacilityCanteen, "一号职工食堂", "王建国")
	bath := addFacility(t, env, data.FacilityBathhouse, "职工澡堂", "赵六")
	dorm := addFacility(t, env, data.FacilityDormitory, "一号宿舍楼", "孙七")
	addScoredCheck(t, env, canteen, day(10), map[string]float64{"食品留样": 10})
	addScoredCheck(t, env, bath, day(5), nil)
	addScoredCheck(t, env, bath, data.NewDate(2026, time.September, 10), map[string]float64{"卫生清洁": 20})
	addScoredCheck(t, env, dorm, data.NewDate(2026, time.October, 15), map[string]float64{"室内卫生": 5})
	addScoredCheck(t, env, dorm, data.NewDate(2026, time.May, 20), map[string]float64{"室内卫生": 20})
	for _, w := range []data.WelfareItem{
		{Title: "食堂增设夜班热饭窗口", ProposedDate: day(1), PlannedDate: day(18), HandlerID: m.ID},
		{Title: "澡堂更换喷头", State: data.WelfareHandling, ProposedDate: day(2), PlannedDate: data.NewDate(2026, time.December, 10), HandlerID: m.ID},
		{Title: "宿舍加装晾衣架", State: data.WelfareDone, ProposedDate: day(3), PlannedDate: day(10), DoneDate: day(9), HandlerID: m.ID},
	} {
		if err := env.Store.SaveWelfareItem(ctx, &w); err != nil {
			t.Fatalf("SaveWelfareItem %s: %v", w.Title, err)
		}
	}
	q3 := data.NewSurvey(data.FacilityCanteen, data.QuarterPeriod(2026, 3))
	q3.Questions[0].Counts = [5]int{12}
	oct := data.NewSurvey(data.FacilityCanteen, data.MonthPeriod(2026, time.October))
	oct.Questions[0].Counts = [5]int{10, 20, 5, 3, 2}
	oct.Questions[1].Counts = [5]int{5, 15, 10, 5, 5}
	for _, s := range []*data.Survey{&q3, &oct} {
		if err := env.Store.SaveSurvey(ctx, s); err != nil {
			t.Fatalf("SaveSurvey: %v", err)
		}
	}
	return env
}

// statNumber is the big number over caption on 工作台.
func statNumber(t *testing.T, h *HomeScreen, caption string) *canvas.Text {
	t.Helper()
	objs := test.LaidOutObjects(h.Content())
	for i, o := range objs {
		if l, ok := o.(*widget.Label); ok && l.Text == caption {
			for j := i - 1; j >= 0; j-- {
				if txt, ok := objs[j].(*canvas.Text); ok {
					return txt
				}
			}
		}
	}
	t.Fatalf("工作台 has no figure captioned %q", caption)
	return nil
}

func TestHomeWelfareCard(t *testing.T) {
	env := welfareFixture(t)
	h := NewHomeScreen(env)
	show(env, h)
	red := theme.Color(theme.ColorNameError)
	for _, tc := range []struct {
		caption, want string
		red           bool
	}{
		{"本月检查", "2", false}, {"未检查设施", "1", false}, {"在办实事", "2", false}, {"逾期实事", "1", true},
	} {
		n := statNumber(t, h, tc.caption)
		if n.Text != tc.want || (n.Color == red) != tc.red {
			t.Errorf("%s shows %s (red %v), want %s (red %v)", tc.caption, n.Text, n.Color == red, tc.want, tc.red)
		}
	}

	// Each facility with this month's results, in the facilities' order; 不合格 in red.
	var labels []string
	importance := map[string]widget.Importance{}
	for _, o := range test.LaidOutObjects(h.Content()) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
			importance[l.Text] = l.Importance
		}
	}
	all := strings.Join(labels, "|")
	for _, want := range []string{
		"一号职工食堂|11月10日 90.0分 不合格|职工澡堂|11月5日 100.0分 优秀|一号宿舍楼|本月未检查",
		"最近满意率：62.5%（2026年10月食堂满意度调查，80人次）",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("工作台 lacks %q:\n%s", want, all)
		}
	}
	for text, want := range map[string]widget.Importance{
		"11月10日 90.0分 不合格": widget.DangerImportance,
		"11月5日 100.0分 优秀":  widget.MediumImportance,
		"本月未检查":            widget.WarningImportance,
	} {
		if importance[text] != want {
			t.Errorf("%q has importance %v, want %v", text, importance[text], want)
		}
	}

	// The chart: the mean 标化分 of June to November, so May's dormitory check is left out.
	var chart *BarChart
	for _, o := range test.LaidOutObjects(h.Content()) {
		if c, ok := o.(*BarChart); ok && c.series[0] == seriesScore {
			chart = c
		}
	}
	if chart == nil {
		t.Fatal("工作台 has no 标化分 chart")
	}
	names, values := chartTexts(t, chart)
	wantNames := []string{"一号职工食堂", "职工澡堂", "一号宿舍楼"}
	wantValues := [][]string{{"90.0（1次）"}, {"90.0（2次）"}, {"95.0（1次）"}}
	if !slices.Equal(names, wantNames) || !slices.EqualFunc(values, wantValues, slices.Equal) {
		t.Errorf("chart = %v %v, want %v %v", names, values, wantNames, wantValues)
	}

	// Reload picks up a check made since: every facility is checked now.
	dorms, err := env.Store.Facilities(context.Background(), data.FacilityDormitory)
	if err != nil || len(dorms) != 1 {
		t.Fatalf("Facilities = %v, %v", dorms, err)
	}
	addScoredCheck(t, env, dorms[0], day(23), nil)
	h.Reload()
	if n := findStat(t, h, "未检查设施"); n != "0" {
		t.Errorf("未检查设施 shows %s after the dormitory was checked, want 0", n)
	}
	if n := findStat(t, h, "本月检查"); n != "3" {
		t.Errorf("本月检查 shows %s after a third check, want 3", n)
	}
}

func TestHomeWelfareNavigates(t *testing.T) {
	checkHomeTiles(t, welfareFixture(t), []tileTap{
		{"逾期实事", Destination{Module: moduleWelfare, Tab: tabWelfareItems}},
		{"在办实事", Destination{Module: moduleWelfare, Tab: tabWelfareItems}},
		{"未检查设施", Destination{Module: moduleWelfare, Tab: tabChecks}},
		{"本月检查", Destination{Module: moduleWelfare, Tab: tabChecks}},
	})
}

func TestHomeWelfareEmpty(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	h := NewHomeScreen(env)
	show(env, h)
	texts := strings.Join(labelTexts(h.Content()), "|")
	for _, want := range []string{"还没有登记设施", "还没有满意度调查"} {
		if !strings.Contains(texts, want) {
			t.Errorf("an empty 工作台 does not say %q: %s", want, texts)
		}
	}
}
