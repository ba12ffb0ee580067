package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// headerRow returns the first row of the file's first sheet that starts with 序号, and all rows.
func headerRow(t *testing.T, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer f.Close()
	rows, err = f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == "序号" {
			return r, rows
		}
	}
	t.Fatalf("no header row in %v", rows)
	return nil, nil
}

func TestReportsExport(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	g := data.Group{Name: "第一党小组"}
	if err := env.Store.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, g.ID, 0)
	addTestMember(t, env, "李四", 2, 0, 0)
	s := NewReportsScreen(env)
	show(env, s)
	if s.warning.Visible() {
		t.Error("the missing-branch warning shows although the branch has a name")
	}

	tests := []struct {
		id     string
		header []string
	}{
		{"R1", data.RosterHeaders},
		{"R1b", []string{"序号", "姓名", "性别", "党小组", "班组", "岗位", "党内职务", "重点岗位", "督查队伍", "人员类别", "入党日期", "手机号"}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			k := reportKindOf(t, s, tc.id)
			name := s.defaultFileName(k)
			if want := "综采一队党支部-" + k.Title + "-20261123.xlsx"; name != want {
				t.Errorf("default file name = %q, want %q", name, want)
			}
			path := filepath.Join(dir, name)
			if err := s.export(ctx, k, catalog.Input{}, path); err != nil {
				t.Fatal(err)
			}
			header, rows := headerRow(t, path)
			if !slices.Equal(header, tc.header) {
				t.Errorf("header = %v\nwant     %v", header, tc.header)
			}
			all := ""
			for _, r := range rows {
				all += strings.Join(r, "|") + "\n"
			}
			for _, want := range []string{"张三", "李四", "综采一队党支部"} {
				if !strings.Contains(all, want) {
					t.Errorf("the file lacks %q", want)
				}
			}
		})
	}
	// Only the two files: no temporary file is left beside them.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files in the folder: %v", names)
	}
}

func TestReportsWarnWithoutBranchName(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewReportsScreen(env)
	if !s.warning.Visible() {
		t.Error("no warning although the branch has no name")
	}
	if name := s.defaultFileName(s.kinds[0]); name != "党员花名册-20261123.xlsx" {
		t.Errorf("default file name without a branch = %q", name)
	}
}

// exportedText exports report k with opts to path from the 报表 screen s and checks its title; all
// is its text (sheetText).
func exportedText(t *testing.T, s *ReportsScreen, k *catalog.Report, opts catalog.Input, path, title string) (all string) {
	t.Helper()
	if err := s.export(context.Background(), k, opts, path); err != nil {
		t.Fatal(err)
	}
	got, all := sheetText(t, path)
	if got != title {
		t.Errorf("title = %q, want %q", got, title)
	}
	return all
}

// sheetText is the title of the file's first sheet and every row of its sheets, cells joined by |,
// one row a line.
func sheetText(t *testing.T, path string) (title string, all string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer f.Close()
	var lines []string
	for i, sheet := range f.GetSheetList() { // every sheet: R4 lists its open problems on a second
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			title = rows[0][0]
		}
		for _, r := range rows {
			lines = append(lines, strings.Join(r, "|"))
		}
	}
	return title, strings.Join(lines, "\n")
}

func TestReportsExportFindingReports(t *testing.T) {
	env, _, teams := rhythmEnv(t)
	m := addTestMember(t, env, "王督查", 1, 0, 0)
	saveTestInspection(t, env, data.Inspection{Date: day(10), Kind: "四不两直督查", Shift: "夜班", TeamID: teams[0].ID,
		Inspectors: []data.Inspector{{MemberID: m.ID, Lead: true}},
		Findings:   []data.Finding{{Category: "安全生产不实", Description: "皮带机托辊损坏未及时更换", Responsible: "张三", Deadline: day(15)}}})
	addRhythmFindings(t, env,
		rf{desc: "二班交接班记录不全", category: "作风纪律", team: teams[1].ID, found: day(12), deadline: day(30), state: data.StateFixing},
		rf{desc: "十月份的问题", team: teams[1].ID, found: data.NewDate(2026, 10, 12), deadline: data.NewDate(2026, 10, 20), state: data.StatePending},
	)
	s := NewReportsScreen(env)
	show(env, s)
	november := data.MonthPeriod(2026, time.November)

	tests := []struct {
		id         string
		opts       catalog.Input
		title      string
		want, not  []string
		wantHeader string
	}{
		{"R2", catalog.Input{Period: november}, "综采一队党支部党员督查检查台账",
			[]string{"2026年11月", "王督查（牵头）", "综采一班", "皮带机托辊损坏未及时更换", "逾期8天"}, []string{"二班交接班记录不全"}, "督查日期"},
		{"R3", catalog.Input{Period: november}, "综采一队党支部问题整改销号台账",
			[]string{"2026年11月", "皮带机托辊损坏未及时更换", "二班交接班记录不全"}, []string{"十月份的问题"}, "问题描述"},
		{"R3", catalog.Input{Period: november, TeamID: teams[1].ID, Team: "综采二班", Category: "作风纪律"}, "综采一队党支部问题整改销号台账",
			[]string{"班组：综采二班", "问题类别：作风纪律", "二班交接班记录不全"}, []string{"皮带机托辊损坏未及时更换"}, "问题描述"},
		{"R4", catalog.Input{Period: november}, "综采一队党支部月度讲评表",
			// 未销号 on 11-23 counts October's open finding too.
			[]string{"2026年11月", "督查次数|||1", "发现问题|||2", "未销号|||3", "十月份的问题"}, nil, "问题类别"},
	}
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			k := reportKindOf(t, s, tc.id)
			if k.Period == catalog.NoPeriod {
				t.Errorf("%s does not ask for a period", tc.id)
			}
			if name, want := s.fileName(k, tc.opts), "综采一队党支部-"+k.Title+"-2026年11月.xlsx"; name != want {
				t.Errorf("file name = %q, want %q", name, want)
			}
			all := exportedText(t, s, k, tc.opts, filepath.Join(dir, fmt.Sprintf("%d.xlsx", i)), tc.title)
			checkSays(t, "the file", all, append(tc.want, tc.wantHeader), tc.not) // not: outside the period or filter
		})
	}
}

func TestPeriodChoice(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	for _, tc := range []struct {
		today            data.Date
		choice           string
		from, to         string // custom range typed
		want             string // label, or the error's start
		wantFrom, wantTo data.Date
	}{
		{day(23), periodThisMonth, "", "", "2026年11月", day(1), day(30)},
		{day(23), periodLastMonth, "", "", "2026年10月", data.NewDate(2026, 10, 1), data.NewDate(2026, 10, 31)},
		{data.NewDate(2027, 1, 5), periodLastMonth, "", "", "2026年12月", data.NewDate(2026, 12, 1), data.NewDate(2026, 12, 31)},
		{day(23), periodThisQuarter, "", "", "2026年第四季度", data.NewDate(2026, 10, 1), data.NewDate(2026, 12, 31)},
		{day(23), periodThisYear, "", "", "2026年", data.NewDate(2026, 1, 1), data.NewDate(2026, 12, 31)},
		{day(23), periodCustom, "2026.11.1", "20261115", "2026-11-01至2026-11-15", day(1), day(15)},
		{day(23), periodCustom, "2026-11-15", "2026-11-01", "期间的结束日期", data.Date{}, data.Date{}},
		{day(23), periodCustom, "", "2026-11-01", "请填写期间的开始和结束日期", data.Date{}, data.Date{}},
		{day(23), periodCustom, "2026-13-45", "2026-11-01", "开始日期：", data.Date{}, data.Date{}},
	} {
		today := tc.today
		env.Today = func() data.Date { return today }
		p := newPeriodChoice(env)
		p.Select(tc.choice)
		if tc.choice == periodCustom {
			p.from.SetText(tc.from)
			p.to.SetText(tc.to)
		}
		got, err := p.Period()
		switch {
		case tc.wantFrom.IsZero():
			if err == nil || !strings.HasPrefix(data.ErrorMessage(err), tc.want) {
				t.Errorf("%s %s–%s: error %v, want %s…", tc.choice, tc.from, tc.to, err, tc.want)
			}
			if !p.custom.Visible() {
				t.Error("the date fields are hidden while 自选日期 is chosen")
			}
		case err != nil:
			t.Errorf("%s on %s: %v", tc.choice, today, err)
		case got.Label != tc.want || got.From != tc.wantFrom || got.To != tc.wantTo:
			t.Errorf("%s on %s = %+v, want %s %s–%s", tc.choice, today, got, tc.want, tc.wantFrom, tc.wantTo)
		}
	}
}

func TestReportsAskOptions(t *testing.T) {
	env, _, teams := rhythmEnv(t)
	s := NewReportsScreen(env)
	show(env, s)
	k := reportKindOf(t, s, "R3")
	var got []catalog.Input
	s.askOptions(k, func(o catalog.Input) { got = append(got, o) })
	top := env.Win.Canvas().Overlays().Top()
	var selects []*widget.Select
	var radio *widget.RadioGroup
	for _, o := range test.LaidOutObjects(top) {
		switch w := o.(type) {
		case *widget.Select:
			selects = append(selects, w)
		case *widget.RadioGroup:
			radio = w
		}
	}
	if radio == nil || len(selects) != 2 {
		t.Fatalf("the R3 dialog has %d selects and radio %v", len(selects), radio)
	}
	radio.SetSelected(periodLastMonth)
	selects[0].SetSelected("综采二班")
	selects[1].SetSelected("作风纪律")
	tapDialogButton(t, env.Win, "导出…")
	want := catalog.Input{Period: data.MonthPeriod(2026, time.October), TeamID: teams[1].ID, Team: "综采二班", Category: "作风纪律"}
	if len(got) != 1 || got[0] != want {
		t.Errorf("chosen %+v, want %+v", got, want)
	}

	// A range that is not one keeps the dialog open with the reason.
	got = nil
	s.askOptions(k, func(o catalog.Input) { got = append(got, o) })
	top = env.Win.Canvas().Overlays().Top()
	for _, o := range test.LaidOutObjects(top) {
		if r, ok := o.(*widget.RadioGroup); ok {
			r.SetSelected(periodCustom)
		}
	}
	var dates []*widgets.DateEntry
	for _, o := range test.LaidOutObjects(top) {
		if d, ok := o.(*widgets.DateEntry); ok {
			dates = append(dates, d)
		}
	}
	dates[0].SetText("2026-11-20")
	dates[1].SetText("2026-11-01")
	tapDialogButton(t, env.Win, "导出…")
	if len(got) != 0 {
		t.Errorf("an impossible range was accepted: %+v", got)
	}
	if !strings.Contains(dialogTexts(env.Win), "不能早于开始日期") {
		t.Errorf("the dialog does not say what is wrong: %s", dialogTexts(env.Win))
	}
}

func TestReportsExportWelfareReports(t *testing.T) {
	env := welfareFixture(t)
	ctx := context.Background()
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	s := NewReportsScreen(env)
	show(env, s)
	november, q4 := data.MonthPeriod(2026, time.November), data.QuarterPeriod(2026, 4)

	tests := []struct {
		id        string
		period    data.Period
		title     string
		want, not []string
	}{
		{"R6", november, "综采一队党支部两堂一舍检查汇总表",
			[]string{"期间：2026年11月", "关键项不合格", "2026-11-10|食堂|一号职工食堂|李明|90.0|不合格|1|食品留样", "职工澡堂|李明|100.0|优秀|0|无"},
			[]string{"一号宿舍楼"}},
		{"R7", november, "综采一队党支部办实事（福利事项）台账",
			[]string{"计划完成日期", "食堂增设夜班热饭窗口", "逾期5天", "澡堂更换喷头", "宿舍加装晾衣架|", "共3项，已办结1项，逾期1项"}, nil},
		{"R11", q4, "综采一队党支部食堂满意度调查统计表",
			[]string{"2026年第四季度", "调查期间：2026年10月", "1|菜品口味|10|20|5|3|2|40|75.0%", "合计||15|35|15|8|7|80|62.5%"},
			[]string{"第三季度"}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			k := reportKindOf(t, s, tc.id)
			if k.Period == catalog.NoPeriod {
				t.Errorf("%s does not ask for a period", tc.id)
			}
			opts := catalog.Input{Period: tc.period}
			all := exportedText(t, s, k, opts, filepath.Join(dir, s.fileName(k, opts)), tc.title)
			checkSays(t, "the file", all, tc.want, tc.not) // not: outside the period
		})
	}
	// R5 asks which check to print, the latest first.
	checks, err := env.Store.Checks(ctx, data.CheckFilter{})
	if err != nil || len(checks) < 2 {
		t.Fatalf("checks: %d %v", len(checks), err)
	}
	var chosen []catalog.Input
	s.askOptions(catalog.ByID("R5"), func(in catalog.Input) { chosen = append(chosen, in) })
	var pick *widget.Select
	for _, o := range test.LaidOutObjects(env.Win.Canvas().Overlays().Top()) {
		if sel, ok := o.(*widget.Select); ok {
			pick = sel
		}
	}
	latest := checks[len(checks)-1]
	if pick == nil || !strings.Contains(pick.Selected, latest.FacilityName) || len(pick.Options) != len(checks) {
		t.Fatalf("the R5 dialog offers %v, want the %d checks, %s first", pick, len(checks), latest.FacilityName)
	}
	tapDialogButton(t, env.Win, "导出…")
	if len(chosen) != 1 || chosen[0].CheckID != latest.ID {
		t.Errorf("chosen %+v, want check %d", chosen, latest.ID)
	}
	r6 := catalog.ByID("R6")
	if name := s.fileName(r6, catalog.Input{Period: november}); name != "综采一队党支部-两堂一舍检查汇总表-2026年11月.xlsx" {
		t.Errorf("R6 file name = %q", name)
	}
}
