package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

// TestExchangeScreen exports a branch's package from one file, then consolidates it (and a file
// that is not a package) in a new file, and exports the consolidated reports.
func TestExchangeScreen(t *testing.T) {
	ctx := context.Background()
	env, _ := newOrgTestEnv(t)
	dir := useFolder(t, env)
	s := NewExchangeScreen(env)
	show(env, s)
	if !s.exportBtn.Disabled() || !strings.Contains(s.branchInfo.Text, "支部信息") {
		t.Fatalf("no code yet: export enabled=%v, text %q", !s.exportBtn.Disabled(), s.branchInfo.Text)
	}
	b := data.Branch{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: "ZC01"}
	if err := env.Store.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, 0, 0)
	addTestMember(t, env, "李四", 3, 0, 0)
	s.Reload()
	if s.exportBtn.Disabled() || !strings.Contains(s.branchInfo.Text, "ZC01") {
		t.Fatalf("with a code: export enabled=%v, text %q", !s.exportBtn.Disabled(), s.branchInfo.Text)
	}
	pkg := filepath.Join(dir, data.PackageFileName(b, env.Today()))
	s.ExportTo(pkg)
	waitFor(t, "the package", func() bool { return strings.Contains(dialogTexts(env.Win), "已保存到") })
	if _, err := os.Stat(pkg); err != nil {
		t.Fatal(err)
	}
	tapDialogButton(t, env.Win, "关闭")

	// The committee's file.
	cenv, changed := newOrgTestEnv(t)
	cdir := useFolder(t, cenv)
	c := NewExchangeScreen(cenv)
	show(cenv, c)
	junk := filepath.Join(dir, "笔记.zip")
	os.WriteFile(junk, []byte("不是压缩包"), 0o644)
	if !c.runBtn.Disabled() || !c.rosterBtn.Disabled() {
		t.Fatal("nothing to consolidate or export yet, yet the buttons are enabled")
	}
	c.AddFile(pkg)
	c.AddFile(junk)
	c.AddFile(pkg) // once only
	if len(c.files) != 2 || c.runBtn.Disabled() {
		t.Fatalf("files %v", c.files)
	}
	test.Tap(c.runBtn)
	waitFor(t, "the consolidation", func() bool { return len(c.results) == 2 })
	if !strings.Contains(c.results[0], "综采一队党支部：已汇总，党员 2 名") || !strings.Contains(c.results[1], "文件「笔记.zip」：已拒绝") {
		t.Errorf("results %q", c.results)
	}
	// The test driver runs fyne.Do on the worker's goroutine: wait for the last step of the callback.
	waitFor(t, "the branches list", func() bool { return len(c.branches) == 1 && *changed > 0 })
	if len(c.files) != 0 || *changed == 0 || c.rosterBtn.Disabled() || !c.exportBtn.Disabled() {
		t.Errorf("after consolidating: files %v, changed %d, roster enabled %v, export enabled %v",
			c.files, *changed, !c.rosterBtn.Disabled(), !c.exportBtn.Disabled())
	}

	roster := filepath.Join(dir, "花名册.xlsx")
	if err := c.WriteRoster(ctx, roster); err != nil {
		t.Fatal(err)
	}
	sheets, err := reports.ReadWorkbook(roster)
	if err != nil {
		t.Fatal(err)
	}
	p, err := data.ParseRoster(sheets[0].Rows, env.Today())
	if err != nil || len(p.Rows) != 2 || !strings.Contains(strings.Join(sheets[0].Rows[0], ""), "某某煤矿党委") {
		t.Errorf("roster: %d rows, title %q, %v", len(p.Rows), sheets[0].Rows[0], err)
	}
	c.period.SetSelected("本年")
	if got := c.Period(); got != data.YearPeriod(2026) {
		t.Errorf("period %+v", got)
	}
	stats := filepath.Join(dir, "统计.xlsx")
	if err := c.WriteStats(ctx, stats); err != nil {
		t.Fatal(err)
	}
	if sheets, err = reports.ReadWorkbook(stats); err != nil || !strings.Contains(strings.Join(sheets[0].Rows[4], " "), "ZC01") {
		t.Errorf("stats: %v %v", sheets, err)
	}

	// The ranking through its button, for the chosen year: the branch has no A1 assessments.
	if c.rankBtn.Disabled() {
		t.Fatal("the ranking button is disabled with a branch consolidated")
	}
	test.Tap(c.rankBtn)
	tapDialogButton(t, cenv.Win, "保存")
	waitFor(t, "the ranking", func() bool { return strings.Contains(dialogTexts(cenv.Win), "已保存到") })
	ranking := filepath.Join(cdir, catalog.ByID("C2").FileName(reportInput(ctx, cenv, catalog.Input{Period: c.Period()})))
	if sheets, err = reports.ReadWorkbook(ranking); err != nil || !strings.Contains(strings.Join(sheets[0].Rows[4], " "), "ZC01 综采一队党支部 0") ||
		!strings.Contains(strings.Join(sheets[0].Rows[4], " "), reports.NotAssessed) {
		t.Errorf("ranking: %v %v", sheets, err)
	}
	tapDialogButton(t, cenv.Win, "关闭")

	// The 汇总库's 工作台: the branch and its last report, not the committee's own (empty) branch.
	var went []Destination
	cenv.Navigate = func(d Destination) { went = append(went, d) }
	h := NewHomeScreen(cenv)
	show(cenv, h)
	home := func() string { return h.title.Text + "\n" + strings.Join(labelTexts(h.Content()), "\n") }
	checkSays(t, "the 汇总库's 工作台", home(), []string{"某某煤矿党委 汇总库", "共 1 个党支部，本月已上报 1 个", "ZC01", "综采一队党支部", "逾期问题"},
		[]string{"本月待办", "本支部", "尚未上报"})
	tapButton(t, test.LaidOutObjects(h.Content()), "汇总数据包…")
	if len(went) != 1 || went[0] != (Destination{Module: moduleSettings, Tab: tabExchange}) {
		t.Errorf("汇总数据包 went to %+v", went)
	}
	// A month after the newest package the branch is behind (the package says when it was made: now).
	cenv.Today = func() data.Date { return data.NewDate(2099, 1, 10) }
	h.Reload()
	checkSays(t, "the 工作台 a month on", home(), []string{"本月已上报 0 个", "本月尚未上报：1 个"}, nil)
	// Named in 数据与设置, the 汇总库 goes by that name, on its 工作台 as on its sheets.
	if err := cenv.Store.SaveBranch(ctx, &data.Branch{Name: "某某煤矿党委组织部", Committee: "某某煤矿党委"}); err != nil {
		t.Fatal(err)
	}
	h.Reload()
	checkSays(t, "the named 汇总库's 工作台", home(), []string{"某某煤矿党委组织部 汇总库"}, nil)

	// A 汇总库 reports nothing upward: 上报 is not shown there, only on a branch's file.
	if c.report.Visible() || !s.report.Visible() {
		t.Errorf("上报 shown on the 汇总库 %v, on the branch's file %v", c.report.Visible(), s.report.Visible())
	}
}
