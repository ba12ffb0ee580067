package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/internal/benchkit"
)

// pressShortcut does what Fyne's desktop driver does with a key combination
// (internal/driver/glfw/window.go, triggersShortcut): main-menu items first, then the focused widget.
func pressShortcut(w fyne.Window, sc fyne.Shortcut) {
	var inMenu func(m *fyne.Menu) bool
	inMenu = func(m *fyne.Menu) bool {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && inMenu(it.ChildMenu) {
				return true
			}
		}
		return false
	}
	if mm := w.MainMenu(); mm != nil {
		for _, m := range mm.Items {
			if inMenu(m) {
				return
			}
		}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
	}
}

func ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierControl}
}

func TestMainWindowMenuShortcutsReachTheShownScreen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, false)
	if w.saveItem.Disabled == false {
		t.Error("保存 should be disabled on 工作台, which saves nothing")
	}
	w.ShowModule(moduleMembers)
	s := w.members
	if s == nil || w.saveItem.Disabled {
		t.Fatal("党员 did not open, or 保存 is still disabled")
	}
	f := s.form
	typeInto(t, f.name, "张三")
	typeInto(t, f.idNumber, zhangSanID)
	f.category.SetSelected(data.CategoryFull)
	typeInto(t, f.fullDate, "20090701")
	typeInto(t, f.joinDate, "2008.7.1") // still focused: not normalised yet
	if env.Win.Canvas().Focused() != f.joinDate {
		t.Fatal("the date field should have the focus")
	}
	pressShortcut(env.Win, ctrl(fyne.KeyS))
	ms := membersOf(t, env)
	if len(ms) != 1 || ms[0].JoinDate != data.NewDate(2008, 7, 1) {
		t.Fatalf("Ctrl+S with the focus in a field saved %+v (status %q)", ms, s.frame.StatusLine.Text)
	}

	pressShortcut(env.Win, ctrl(fyne.KeyF))
	if env.Win.Canvas().Focused() != s.search {
		t.Error("Ctrl+F should put the cursor in the search box")
	}
	pressShortcut(env.Win, ctrl(fyne.KeyN))
	if f.Loaded().ID != 0 || f.name.Text != "" || env.Win.Canvas().Focused() != f.name {
		t.Errorf("Ctrl+N should clear the form and focus 姓名: member %d, name %q", f.Loaded().ID, f.name.Text)
	}
}

func TestMainWindowTitleAndNavigation(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	b, _ := env.Store.Branch(context.Background())
	b.Name, b.Committee = "综采一队党支部", "某矿党委"
	if err := env.Store.SaveBranch(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	w := NewMainWindow(env, false)
	if got := env.Win.Title(); got != "支部台账 — 综采一队党支部" {
		t.Errorf("title %q", got)
	}
	var titles []string
	for _, m := range w.modules {
		titles = append(titles, m.title)
	}
	if want := []string{"工作台", "党员", "督查整改", "两堂一舍", "组织生活", "重点工作", "考核", "党费", "报表", "数据与设置"}; !equalStrings(titles, want) {
		t.Errorf("navigation %v, want %v", titles, want)
	}
	if _, ok := w.Shown().(*HomeScreen); !ok {
		t.Errorf("the window opens on %T, want 工作台", w.Shown())
	}
	// A member saved on 党员 marks 工作台 for reloading; showing it again shows the new count.
	w.ShowModule(moduleMembers)
	addTestMember(t, env, "李四", 2, 0, 0)
	env.Changed()
	w.ShowModule(moduleHome)
	home := w.Shown().(*HomeScreen)
	if n := findStat(t, home, "合计"); n != "1" {
		t.Errorf("工作台 shows 合计 %s after a member was added, want 1", n)
	}
}

// TestUnnamedWindowTitle: two unnamed files open side by side are told apart by their file names.
func TestUnnamedWindowTitle(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	env.DataFile = filepath.Join(t.TempDir(), "二〇二六年台账.db")
	NewMainWindow(env, false)
	if got := env.Win.Title(); got != "支部台账 — 二〇二六年台账" {
		t.Errorf("an unnamed branch's window is titled %q, want its file's name", got)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFirstRunBlankLedger(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, true)
	tapDialogButton(t, env.Win, "新建空白台账")
	c := env.Win.Canvas()
	// Tab order in the branch dialog is reading order: 名称, then 所属党委.
	test.FocusNext(c)
	typeFocused(c, "综采一队党支部")
	test.FocusNext(c)
	typeFocused(c, "某矿党委")
	tapDialogButton(t, env.Win, "保存支部信息")
	if got := env.Win.Title(); got != "支部台账 — 综采一队党支部" {
		t.Errorf("after the branch details, title %q (dialog: %q)", got, dialogTexts(env.Win))
	}
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("the dialog is still open: %q", dialogTexts(env.Win))
	}
	if _, ok := w.ability().(*MembersScreen); !ok {
		t.Errorf("after setting up, %T is shown, want 党员名单", w.ability())
	}
}

// TestFirstRunCommittee: a new file meant for a 汇总库 goes from the greeting to 上报与汇总.
func TestFirstRunCommittee(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, true)
	tapDialogButton(t, env.Win, "用作汇总库")
	if top := env.Win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the greeting is still open: %q", dialogTexts(env.Win))
	}
	if ts, ok := w.Shown().(*tabsScreen); !ok || ts.tabs.Selected().Text != "上报与汇总" {
		t.Errorf("用作汇总库 shows %T, want 上报与汇总", w.Shown())
	}
	// The file is a 汇总库 from now on: this window's and the next start's (no greeting).
	checkConsolidatedWindow(t, w, "支部台账 — 汇总库")
	if empty, err := IsEmptyLedger(context.Background(), env.Store); empty || err != nil {
		t.Errorf("after 用作汇总库 the file would be greeted again: %v %v", empty, err)
	}
}

func TestFirstRunDemoData(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	env.Today = data.Today // the store validates with its own clock
	w := NewMainWindow(env, true)
	loaded := make(chan struct{})
	w.loadDemo(func() { close(loaded) })
	select {
	case <-loaded:
	case <-time.After(30 * time.Second):
		t.Fatal("loading the demo data did not finish")
	}
	if n := len(membersOf(t, env)); n < demoMembers*9/10 {
		t.Errorf("demo data has %d members, want about %d", n, demoMembers)
	}
	if n := findStat(t, w.Shown().(*HomeScreen), "合计"); n == "0" {
		t.Error("工作台 still shows 0 members after loading the demo data")
	}
}

// findStat returns the number shown over caption on 工作台.
func findStat(t *testing.T, h *HomeScreen, caption string) string {
	t.Helper()
	objs := test.LaidOutObjects(h.Content())
	for i, o := range objs {
		if l, ok := o.(*widget.Label); ok && l.Text == caption {
			for j := i - 1; j >= 0; j-- {
				if txt := textOf(objs[j]); txt != "" {
					return txt
				}
			}
		}
	}
	t.Fatalf("工作台 has no figure captioned %q", caption)
	return ""
}

// benchEnv is a data file with n demo members, made once per benchmark.
func benchEnv(b *testing.B, n int) *Env {
	b.Helper()
	env := newBenchEnv(b)
	if err := demo.Load(context.Background(), env.Store, demo.Generate(1, n, env.Today())); err != nil {
		b.Fatal(err)
	}
	return env
}

const budgetBenchmarkOpenMembers10000 = time.Second

// BenchmarkOpenMembers10000 opens the main window on 10,000 members, shows 党员 and paints it once
// (target: well under 1 s).
func BenchmarkOpenMembers10000(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkOpenMembers10000, 0)
	env := benchEnv(b, 10000)
	for b.Loop() {
		env.Win = test.NewWindow(nil)
		env.Changed = nil
		w := NewMainWindow(env, false)
		w.ShowModule(moduleMembers)
		env.Win.Canvas().(test.WindowlessCanvas).Capture()
		env.Win.Close()
	}
}

const budgetBenchmarkMembersSearchKeystroke = 20 * time.Millisecond

// BenchmarkMembersSearchKeystroke is one keystroke in the search box over 10,000 members.
func BenchmarkMembersSearchKeystroke(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkMembersSearchKeystroke, 0)
	env := benchEnv(b, 10000)
	env.Win = test.NewWindow(nil)
	s := NewMembersScreen(env)
	env.Win.SetContent(s.Content())
	env.Win.Resize(fyne.NewSize(1280, 800))
	queries := []string{"z", "zh", "zha", "zhan", "zhang"}
	i := 0
	for b.Loop() {
		s.search.SetText(queries[i%len(queries)])
		i++
	}
}

func TestIsEmptyLedger(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	if empty, err := IsEmptyLedger(ctx, env.Store); err != nil || !empty {
		t.Fatalf("a new data file: empty %v, %v", empty, err)
	}
	addTestMember(t, env, "张三", 1, 0, 0)
	if empty, err := IsEmptyLedger(ctx, env.Store); err != nil || empty {
		t.Fatalf("a file with a member: empty %v, %v", empty, err)
	}

	// A 汇总库 has no branch of its own and no members of it, but it is not a new file.
	cons := newConsolidatedStore(t)
	if empty, err := IsEmptyLedger(ctx, cons); err != nil || empty {
		t.Fatalf("a 汇总库: empty %v, %v", empty, err)
	}
}

// newBranchPackage is the package of a branch with no records, 掘进二队党支部 (JJ02).
func newBranchPackage(t *testing.T) string {
	t.Helper()
	ctx, dir := context.Background(), t.TempDir()
	branch, err := sqlite.Open(filepath.Join(dir, "branch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer branch.Close()
	if err := branch.SaveBranch(ctx, &data.Branch{Name: "掘进二队党支部", Code: "JJ02", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	pkg := filepath.Join(dir, "JJ02.zip")
	if _, err := branch.ExportPackage(ctx, pkg, "test"); err != nil {
		t.Fatal(err)
	}
	return pkg
}

// newConsolidatedStore is a 汇总库 holding the package of newBranchPackage.
func newConsolidatedStore(t *testing.T) *sqlite.DB {
	t.Helper()
	cons, err := sqlite.Open(filepath.Join(t.TempDir(), "汇总.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cons.Close() })
	if _, err := cons.Consolidate(context.Background(), newBranchPackage(t)); err != nil {
		t.Fatal(err)
	}
	return cons
}

// checkConsolidatedWindow checks that w shows a 汇总库: only the modules that read it (no branch
// ledgers to keep), no roster to import, and the title: the name its 工作台 and sheets go by.
func checkConsolidatedWindow(t *testing.T, w *MainWindow, title string) {
	t.Helper()
	var titles []string
	for _, m := range w.modules {
		titles = append(titles, m.title)
	}
	if want := []string{"工作台", "报表", "数据与设置"}; !equalStrings(titles, want) {
		t.Errorf("navigation %v, want %v", titles, want)
	}
	if !w.importItem.Disabled || w.importItem.Label != "导入花名册…" {
		t.Errorf("the menu offers %s (disabled %v) on a 汇总库", w.importItem.Label, w.importItem.Disabled)
	}
	if got := w.env.Win.Title(); got != title {
		t.Errorf("title %q, want %q", got, title)
	}
}

// TestConsolidatedWindow: a 汇总库 opens on its 工作台 of branches.
func TestConsolidatedWindow(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	env.Store = newConsolidatedStore(t)
	env.DataFile = filepath.Join(t.TempDir(), "汇总.db")
	w := NewMainWindow(env, false)
	// Unnamed, it goes by its packages' 所属党委 in the title as on its 工作台, not by its file.
	checkConsolidatedWindow(t, w, "支部台账 — 某矿党委 汇总库")
	home, ok := w.Shown().(*HomeScreen)
	if !ok {
		t.Fatalf("the window opens on %T, want 工作台", w.Shown())
	}
	checkSays(t, "the 汇总库's 工作台", strings.Join(labelTexts(home.Content()), "\n"), []string{"共 1 个党支部", "掘进二队党支部"}, nil)
	w.Navigate(Destination{Module: moduleSettings, Tab: tabExchange})
	if ts, ok := w.Shown().(*tabsScreen); !ok || ts.tabs.Selected().Text != "上报与汇总" {
		t.Errorf("汇总数据包 does not reach 上报与汇总: %T", w.Shown())
	}
	// Its 支部与设置 says what its 名称 is for, and drops the branch ledgers' option lists.
	w.Navigate(Destination{Module: moduleSettings, Tab: tabBranchSettings})
	if ss, ok := w.ability().(*SettingsScreen); !ok || !strings.Contains(ss.Branch.hint.Text, "这是汇总库") || ss.lists[0].Visible() {
		t.Errorf("支部与设置 on a 汇总库 (%T) does not say it is one, or lists the option lists", w.ability())
	}
	// Its sheets are headed by the 所属党委 of its packages: no warning of a missing branch name.
	w.ShowModule(moduleReports)
	rs, ok := w.Shown().(*ReportsScreen)
	if !ok || rs.warning.Visible() {
		t.Fatalf("报表 on a 汇总库 (%T) warns of a missing branch name", w.Shown())
	}
	// Its own reports come first; the branches' own, which it cannot print, after them.
	at := func(o fyne.CanvasObject) int { return slices.Index(rs.rows.Objects, o) }
	if c1, c2, sep, r2 := at(rs.entries["C1"]), at(rs.entries["C2"]), at(rs.unavailable), at(rs.entries["R2"]); c1 < 0 || c2 < c1 || sep < c2 || r2 < sep {
		t.Errorf("报表's order on a 汇总库: C1 at %d, C2 at %d, the unavailable ones from %d, R2 at %d", c1, c2, sep, r2)
	}
}

// TestWindowBecomesConsolidated: a new file's window, once a package is consolidated into the file
// from 上报与汇总, becomes a 汇总库's, still showing 上报与汇总.
func TestWindowBecomesConsolidated(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, false)
	if len(w.modules) != len(navigation) || w.importItem.Disabled {
		t.Fatalf("a new file: %d modules, import disabled %v", len(w.modules), w.importItem.Disabled)
	}
	w.Navigate(Destination{Module: moduleSettings, Tab: tabExchange})
	if _, err := env.Store.(*sqlite.DB).Consolidate(context.Background(), newBranchPackage(t)); err != nil {
		t.Fatal(err)
	}
	env.Changed()
	checkConsolidatedWindow(t, w, "支部台账 — 某矿党委 汇总库")
	if ts, ok := w.Shown().(*tabsScreen); !ok || ts.tabs.Selected().Text != "上报与汇总" || w.modules[w.current].id != moduleSettings {
		t.Errorf("the window left 上报与汇总 for %T", w.Shown())
	}
	w.ShowModule(moduleHome)
	checkSays(t, "the 工作台", strings.Join(labelTexts(w.Shown().Content()), "\n"), []string{"共 1 个党支部"}, []string{"本月待办"})
}
