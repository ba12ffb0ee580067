package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/assets"
	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// AppTitle is the program's name, first in every window title.
const AppTitle = "支部台账"

// demoMembers is the size of the branch that 载入演示数据 makes: a typical 综采队 branch.
const demoMembers = 120

// SetupApp prepares the Fyne app before any window is made: Chinese built-in texts whatever the OS
// language (UseChinese), the light theme with the bundled Chinese font, and the icon.
func SetupApp(a fyne.App) error {
	if err := UseChinese(); err != nil {
		return err
	}
	a.Settings().SetTheme(NewTheme())
	a.SetIcon(AppIcon)
	return nil
}

// IsEmptyLedger reports whether the data file holds nothing yet (no branch name, no members): when
// it is, pass firstRun to NewMainWindow so that the user is greeted. A 汇总库 is never empty: it
// holds the branches of its packages, and must not be offered the demo branch.
func IsEmptyLedger(ctx context.Context, st data.Store) (bool, error) {
	if cons, err := data.IsConsolidated(ctx, st); err != nil || cons {
		return false, err
	}
	b, err := st.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return false, err
	}
	if b.Name != "" {
		return false, nil
	}
	ms, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	return err == nil && len(ms) == 0, err
}

// module is one entry of the left navigation; its screen is built when first shown.
type module struct {
	id        ModuleID
	title     string
	icon      fyne.Resource
	build     func() Screen
	screen    Screen
	stale     bool // data changed since the screen last loaded
	committee bool // shown on a 汇总库 too
}

// MainWindow is the program's window: the navigation on the left, the shown module's screen on the
// right, and the main menu whose shortcuts (Ctrl+N/S/F) act on the shown screen.
type MainWindow struct {
	env *Env
	// all are the modules of the registry; modules those in the navigation: on a 汇总库 only the
	// committee's (nav.go).
	all, modules []*module
	consolidated bool
	importItem   *fyne.MenuItem // 导入花名册…, not on a 汇总库
	current      int
	nav          *widget.List
	stack        *fyne.Container
	menu         *fyne.MainMenu
	// Menu items enabled according to the shown screen's abilities.
	newItem, saveItem, findItem *fyne.MenuItem
	// members is the 党员名单 screen once built (the menu's 导入/导出 use it).
	members *MembersScreen
	// inspections and findings are the 督查记录 and 问题整改 tabs once built (Navigate and the
	// links between them use them).
	inspections *InspectionsScreen
	findings    *FindingsScreen
	guard       leaveGuard // asks the shown screen before another module is shown
}

// NewMainWindow fills env.Win with the main window: title, menu, navigation and 工作台. It sets
// env.Changed (keeping a handler the caller set) so that screens reload after any save. With
// firstRun (a new, empty data file) it greets the user with 新建空白台账 / 载入演示数据. The caller
// shows the window (env.Win.ShowAndRun()).
func NewMainWindow(env *Env, firstRun bool) *MainWindow {
	w := &MainWindow{env: env, current: -1}
	if env.Today == nil {
		env.Today = data.Today
	}
	outer := env.Changed
	env.Changed = func() {
		w.changed()
		if outer != nil {
			outer()
		}
	}

	// The navigation, in the registry's order (nav.go); each module's screen is built when first shown.
	builds := map[ModuleID]func() Screen{
		moduleHome:        func() Screen { return NewHomeScreen(env) },
		moduleMembers:     w.newMembersModule,
		moduleInspections: w.newInspectionsModule,
		moduleWelfare:     w.newWelfareModule,
		moduleOrgLife:     w.newOrgLifeModule,
		moduleAssess:      w.newAssessModule,
		moduleReports:     func() Screen { return NewReportsScreen(env) },
		moduleSettings:    w.newSettingsModule,
		moduleDues:        newDuesModule(env, w),
		moduleFronts:      w.newFrontsModule,
	}
	for _, m := range navigation {
		build, ok := builds[m.id]
		if !ok {
			navigationFailed(fmt.Errorf("gui: module %s has no screen", m.title))
			continue
		}
		w.all = append(w.all, &module{id: m.id, title: m.title, icon: m.icon(), build: build, committee: m.committee})
	}

	w.nav = widget.NewList(
		func() int { return len(w.modules) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("数据与设置")
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Icon).SetResource(w.modules[id].icon)
			c.Objects[1].(*widget.Label).SetText(w.modules[id].title)
		})
	w.nav.OnSelected = func(id widget.ListItemID) {
		cur := w.current
		if cur >= 0 && id != cur && !w.guard.allow(w.shownTab(), func() { w.nav.Select(cur) }, func() { w.nav.Select(id) }) {
			return
		}
		w.show(id)
	}
	heading := widget.NewLabelWithStyle(AppTitle, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	left := container.NewBorder(container.NewVBox(heading, widget.NewSeparator()), nil, nil, widget.NewSeparator(), w.nav)
	w.stack = container.NewStack()
	env.Win.SetContent(widgets.OrderedBorder(nil, nil, left, nil, w.stack))
	env.Navigate = w.Navigate
	env.Win.SetMainMenu(w.buildMenu())
	w.setConsolidated(isConsolidated(env.Store))
	widgets.HandleEscape(env.Win)
	env.Win.SetIcon(AppIcon)
	env.Win.Resize(fyne.NewSize(1280, 800))
	w.updateTitle()
	w.nav.Select(0)
	if firstRun {
		w.showWelcome()
	}
	return w
}

// newMembersModule is 党员: tabs 党员名单, 党小组 and 班组.
func (w *MainWindow) newMembersModule() Screen {
	w.members = NewMembersScreen(w.env)
	w.members.OnExport = func() { w.ShowModule(moduleReports) }
	ts := moduleTabs(moduleMembers, map[TabID]func() Screen{
		tabMembers:     func() Screen { return w.members },
		tabGroups:      func() Screen { return NewGroupsScreen(w.env) },
		tabTeams:       func() Screen { return NewTeamsScreen(w.env) },
		tabRecruitment: func() Screen { return NewRecruitsScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// newInspectionsModule is 督查整改: tabs 督查记录 and 问题整改, which link to each other, then 日清
// and 周分析.
func (w *MainWindow) newInspectionsModule() Screen {
	var ts *tabsScreen
	ts = moduleTabs(moduleInspections, map[TabID]func() Screen{
		tabInspections: func() Screen {
			w.inspections = NewInspectionsScreen(w.env)
			w.inspections.OnShowFinding = func(id int64) {
				ts.selectTitle(tabTitle(tabFindings))
				w.findings.Select(id)
			}
			return w.inspections
		},
		tabFindings: func() Screen {
			w.findings = NewFindingsScreen(w.env)
			w.findings.OnShowInspection = func(id int64) {
				ts.selectTitle(tabTitle(tabInspections))
				w.inspections.Select(id)
			}
			return w.findings
		},
		tabDaily:  func() Screen { return NewDailyScreen(w.env) },
		tabWeekly: func() Screen { return NewWeeklyScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// Navigate shows a module and tab (Env.Navigate): the tab to.Tab (the first when 0), for 问题整改
// the findings list with the preset to.Findings, and the record to.RecordID when set. A
// destination the registry does not know is a programming error (navigationFailed).
func (w *MainWindow) Navigate(to Destination) {
	if err := checkDestination(to); err != nil {
		navigationFailed(err)
		return
	}
	w.ShowModule(to.Module)
	if w.Shown() == nil || w.modules[w.current].id != to.Module {
		return
	}
	if ts, ok := w.Shown().(*tabsScreen); ok {
		if to.Tab == 0 {
			ts.tabs.SelectIndex(0)
		} else {
			ts.selectTitle(tabTitle(to.Tab))
		}
		if to.Tab != 0 && ts.tabs.Selected().Text != tabTitle(to.Tab) {
			return // the shown tab has unsaved work: the user is being asked
		}
	}
	if to.Module == moduleInspections && to.Tab == tabFindings && w.findings != nil {
		w.findings.SetView(to.Findings)
	}
	if to.View != "" {
		if v, ok := w.shownTab().(viewShower); ok {
			v.ShowView(to.View)
		}
	}
	if to.RecordID != 0 {
		if r, ok := w.shownTab().(recordSelector); ok {
			r.Select(to.RecordID)
		}
	}
	if to.NewKind != "" {
		if a, ok := w.shownTab().(*ActivitiesScreen); ok {
			a.NewWithKind(to.NewKind, to.NewGroupID)
		}
	}
	w.updateMenu()
}

// recordSelector is a screen that can show one of its records (Destination.RecordID).
type recordSelector interface{ Select(id int64) }

// viewShower is a screen whose list has preset filters (Destination.View, data.View…).
type viewShower interface{ ShowView(view string) }

// shownTab is the screen shown now: the selected tab's for a module with tabs.
func (w *MainWindow) shownTab() Screen {
	if ts, ok := w.Shown().(*tabsScreen); ok {
		return ts.Shown()
	}
	return w.Shown()
}

// newWelfareModule is 两堂一舍: scoring checks first (the daily work), then what they rest on.
// A finding made from a deduction opens in 督查整改 → 问题整改, where every finding is followed up.
func (w *MainWindow) newWelfareModule() Screen {
	ts := moduleTabs(moduleWelfare, map[TabID]func() Screen{
		tabChecks: func() Screen {
			c := NewChecksScreen(w.env)
			c.OnShowFinding = func(id int64) {
				w.Navigate(Destination{Module: moduleInspections, Tab: tabFindings, RecordID: id})
			}
			return c
		},
		tabFacilities:   func() Screen { return NewFacilitiesScreen(w.env) },
		tabChecklists:   func() Screen { return NewChecklistsScreen(w.env) },
		tabWelfareItems: func() Screen { return NewWelfareItemsScreen(w.env) },
		tabSurveys:      func() Screen { return NewSurveysScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// newSettingsModule is 数据与设置: the branch and lists, then everything that keeps data safe and
// carries it upward.
func (w *MainWindow) newSettingsModule() Screen {
	ts := moduleTabs(moduleSettings, map[TabID]func() Screen{
		tabBranchSettings: func() Screen { return NewSettingsScreen(w.env) },
		tabBackup:         func() Screen { return NewBackupScreen(w.env) },
		tabOpLog:          func() Screen { return NewOpLogScreen(w.env) },
		tabRecycle:        func() Screen { return NewRecycleScreen(w.env) },
		tabExchange:       func() Screen { return NewExchangeScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// newAssessModule is 考核: 支部月度考核 (A1), 党员积分 (A2) and 三位一体考核 (A3); its tabs keep the menu's
// Ctrl+N/S/F in step like the other modules.
func (w *MainWindow) newAssessModule() Screen {
	ts := moduleTabs(moduleAssess, map[TabID]func() Screen{
		tabBranchAssess:    func() Screen { return NewBranchAssessScreen(w.env) },
		tabPoints:          func() Screen { return NewPointsScreen(w.env) },
		tabThreeInOne:      func() Screen { return NewThreeInOneScreen(w.env) },
		tabAssessTemplates: func() Screen { return NewAssessTemplatesScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}

// ShowModule shows module id (工作台, 党员, 报表, 数据与设置, …).
func (w *MainWindow) ShowModule(id ModuleID) {
	for i, m := range w.modules {
		if m.id == id {
			w.nav.Select(i) // calls show
			return
		}
	}
	navigationFailed(fmt.Errorf("gui: no module %d", id))
}

// ShowMember opens 党员名单 on the member with the id (from 工作台 or, later, other modules).
func (w *MainWindow) ShowMember(id int64) {
	w.Navigate(Destination{Module: moduleMembers, Tab: tabMembers, RecordID: id})
}

// Shown is the screen shown now.
func (w *MainWindow) Shown() Screen {
	if w.current < 0 {
		return nil
	}
	return w.modules[w.current].screen
}

func (w *MainWindow) show(i int) {
	m := w.modules[i]
	switch {
	case m.screen == nil:
		m.screen = m.build()
	case m.stale:
		m.screen.Reload()
	}
	m.stale = false
	w.current = i
	w.stack.Objects = []fyne.CanvasObject{m.screen.Content()}
	w.stack.Refresh()
	w.updateMenu()
}

// isConsolidated says whether st is a 汇总库; a file that cannot be asked is shown as a branch's,
// the error logged (its screens will say what is wrong when they load).
func isConsolidated(st data.Store) bool {
	cons, err := data.IsConsolidated(context.Background(), st)
	if err != nil {
		fyne.LogError("gui: is the file a 汇总库", err)
	}
	return cons
}

// setConsolidated shows the modules of a 汇总库 (cons) or of a branch's file in the navigation,
// keeping the shown module where it stays. A window starts with either; within it a new file only
// becomes a 汇总库 (上报与汇总 consolidates into it, or 用作汇总库), both from 数据与设置, which
// stays, so no screen with unsaved work is left without asking. A restore opens a new window.
func (w *MainWindow) setConsolidated(cons bool) {
	shown := ModuleID(0)
	if w.current >= 0 {
		shown = w.modules[w.current].id
	}
	w.consolidated, w.modules = cons, nil
	for _, m := range w.all {
		if m.committee || !cons {
			w.modules = append(w.modules, m)
		}
	}
	w.importItem.Disabled = cons
	w.menu.Refresh()
	w.current = -1
	for i, m := range w.modules {
		if m.id == shown {
			w.current = i
		}
	}
	w.nav.Refresh()
	switch {
	case w.current >= 0:
		w.nav.Select(w.current)
	case shown != 0:
		w.nav.Select(0)
	}
}

// changed marks every screen for reloading when next shown and refreshes the title.
func (w *MainWindow) changed() {
	var shown *module
	if w.current >= 0 {
		shown = w.modules[w.current]
	}
	for _, m := range w.all { // the hidden ones too, so that none shows what it read before
		if m.screen == nil {
			continue
		}
		if m != shown {
			m.stale = true
		}
		if ts, ok := m.screen.(*tabsScreen); ok {
			ts.markStale()
		}
	}
	if cons := isConsolidated(w.env.Store); cons != w.consolidated {
		w.setConsolidated(cons)
	}
	w.updateTitle()
}

func (w *MainWindow) updateTitle() {
	ctx := context.Background()
	b, err := w.env.Store.Branch(ctx)
	name := b.Name
	if w.consolidated {
		// As its 工作台 and its sheets call it: its own name, else its packages' 所属党委.
		name, err = catalog.CommitteeOf(ctx, w.env.Store)
	}
	if err != nil {
		name = ""
	}
	if name == "" && w.env.DataFile != "" {
		// Two unnamed files open side by side must not share one title: name the window after its file.
		name = strings.TrimSuffix(filepath.Base(w.env.DataFile), filepath.Ext(w.env.DataFile))
	}
	if w.consolidated {
		name = strings.TrimSpace(name + " 汇总库")
	}
	if name == "" {
		w.env.Win.SetTitle(AppTitle)
		return
	}
	w.env.Win.SetTitle(AppTitle + " — " + name)
}

// shortcut is Ctrl+key (Cmd+key on a Mac).
func shortcut(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// buildMenu makes 文件/编辑/帮助. The shortcuts live on menu items because the window checks them
// before a focused widgets.Entry gets the key (which would swallow Ctrl+S).
func (w *MainWindow) buildMenu() *fyne.MainMenu {
	w.newItem = fyne.NewMenuItem("新建", func() {
		if c, ok := w.ability().(Creator); ok {
			c.New()
		}
	})
	w.newItem.Shortcut = shortcut(fyne.KeyN)
	w.saveItem = fyne.NewMenuItem("保存", func() {
		if s, ok := w.ability().(Saver); ok {
			s.Save()
		}
	})
	w.saveItem.Shortcut = shortcut(fyne.KeyS)
	w.findItem = fyne.NewMenuItem("查找", func() {
		if s, ok := w.ability().(Searcher); ok {
			s.FocusSearch()
		}
	})
	w.findItem.Shortcut = shortcut(fyne.KeyF)
	w.importItem = fyne.NewMenuItem("导入花名册…", func() {
		// The dialog calls env.Changed, which marks the other screens; the shown one reloads here.
		ShowImportDialog(w.env, func() { w.Shown().Reload() })
	})
	exportItem := fyne.NewMenuItem("导出报表…", func() { w.ShowModule(moduleReports) })
	openItem := fyne.NewMenuItem("打开其他数据文件…", func() { askOpenDataFile(w.env) })
	newFileItem := fyne.NewMenuItem("新建数据文件…", func() { askNewDataFile(w.env) })
	quit := fyne.NewMenuItem("退出", func() { w.env.App.Quit() })
	quit.IsQuit = true

	file := fyne.NewMenu("文件", w.newItem, w.saveItem, fyne.NewMenuItemSeparator(), w.importItem, exportItem,
		fyne.NewMenuItemSeparator(), openItem, newFileItem, fyne.NewMenuItemSeparator(), quit)
	edit := fyne.NewMenu("编辑", w.findItem)
	help := fyne.NewMenu("帮助",
		fyne.NewMenuItem("快捷键", w.showShortcuts),
		fyne.NewMenuItem("关于支部台账", w.showAbout))
	w.menu = fyne.NewMainMenu(file, edit, help)
	return w.menu
}

// ability is the screen the menu's 新建/保存/查找 act on: the shown screen, or its shown tab.
func (w *MainWindow) ability() Screen {
	s := w.Shown()
	if ts, ok := s.(*tabsScreen); ok {
		return ts.Shown()
	}
	return s
}

func (w *MainWindow) updateMenu() {
	s := w.ability()
	_, c := s.(Creator)
	_, sv := s.(Saver)
	_, f := s.(Searcher)
	if w.newItem.Disabled == !c && w.saveItem.Disabled == !sv && w.findItem.Disabled == !f {
		return
	}
	w.newItem.Disabled, w.saveItem.Disabled, w.findItem.Disabled = !c, !sv, !f
	w.menu.Refresh()
}

func (w *MainWindow) showShortcuts() {
	text := "Ctrl+N\t新建（当前页面的新记录）\n" +
		"Ctrl+S\t保存\n" +
		"Ctrl+F\t查找（光标移到搜索框）\n" +
		"Tab / Shift+Tab\t下一个 / 上一个输入框\n" +
		"回车\t在表单最后一栏按回车即保存\n" +
		"日期\t可输入 2026-11-23、20261123、2026.11.23、2026年11月23日，或点日历按钮选择"
	dialog.ShowInformation("快捷键", text, w.env.Win)
}

func (w *MainWindow) showAbout() {
	version := w.env.App.Metadata().Version
	if version == "" {
		version = "开发版"
	}
	info := widget.NewLabel(fmt.Sprintf("%s %s\n党支部书记的离线台账：党员、督查整改、两堂一舍、考核与报表。\n\n数据文件：%s",
		AppTitle, version, w.env.Store.Path()))
	info.Wrapping = fyne.TextWrapWord
	licence := widgets.Note(assets.FontLicence)
	fonts := widget.NewAccordion(widget.NewAccordionItem("字体许可（思源黑体 / Noto Sans CJK，SIL OFL 1.1）",
		container.NewGridWrap(fyne.NewSize(560, 240), container.NewVScroll(licence))))
	d := dialog.NewCustom("关于支部台账", "关闭", container.NewVBox(info, fonts), w.env.Win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}

// showWelcome greets a new data file: start an empty ledger (after the branch details), load the
// demo branch to try things out, or consolidate the branches' packages in it (a 汇总库).
func (w *MainWindow) showWelcome() {
	var d *dialog.CustomDialog
	blank := widget.NewButtonWithIcon("新建空白台账", theme.DocumentCreateIcon(), func() {
		d.Hide()
		w.showBranchSetup()
	})
	blank.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon("载入演示数据", theme.ViewRefreshIcon(), func() {
		d.Hide()
		w.loadDemo(nil)
	})
	committee := widget.NewButtonWithIcon("用作汇总库", theme.DownloadIcon(), func() {
		d.Hide()
		// Marked now, so that the window and the next start treat the file as one at once.
		if ex, ok := w.env.Store.(data.ExchangeStore); ok {
			if err := ex.MakeConsolidated(context.Background()); err != nil {
				ShowError(w.env.Win, err)
				return
			}
			w.env.Changed()
		}
		w.Navigate(Destination{Module: moduleSettings, Tab: tabExchange})
	})
	text := widget.NewLabel("这是一个新的数据文件，里面还没有台账。\n\n" +
		"新建空白台账：先填写本支部的信息，然后录入或导入党员。\n" +
		fmt.Sprintf("载入演示数据：生成一个虚构的综采队党支部（%d 名党员），先看看各项功能；\n", demoMembers) +
		"本文件留作正式台账时，请用“文件 → 新建数据文件”另建一个文件，在那里载入演示数据。\n" +
		"用作汇总库：上级党委在这个文件中汇总各支部的上报数据包。")
	d = dialog.NewCustomWithoutButtons("欢迎使用支部台账", container.NewVBox(text,
		container.NewGridWithColumns(3, blank, sample, committee)), w.env.Win)
	d.Show()
}

// showBranchSetup asks for the branch details of a new ledger.
func (w *MainWindow) showBranchSetup() {
	form := NewBranchForm(w.env)
	hint := widgets.Note("请先填写本支部的信息（带 * 的必填），保存后即可录入党员。以后可在“数据与设置”中修改。")
	d := dialog.NewCustom("新建台账：支部信息", "稍后再填", container.NewVBox(hint, form.Content()), w.env.Win)
	// The form calls env.Changed after a successful save: that closes the dialog and opens 党员.
	outer, saved := w.env.Changed, false
	w.env.Changed = func() {
		saved = true
		outer()
		d.Hide()
	}
	d.SetOnClosed(func() {
		w.env.Changed = outer
		if saved {
			w.ShowModule(moduleMembers)
		}
	})
	d.Resize(fyne.NewSize(760, d.MinSize().Height))
	d.Show()
}

// loadDemo fills the new data file with the demo branch, off the UI goroutine and without a 取消
// (a demo stopped half-way could not be loaded again); done (for tests)
// runs at the end.
func (w *MainWindow) loadDemo(done func()) {
	today := w.env.Today()
	RunToEnd(w.env.Win, "正在生成演示数据", func(ctx context.Context, _ Progress) error {
		return demo.Load(ctx, w.env.Store, demo.Generate(int64(today.Year*10000+int(today.Month)*100+today.Day), demoMembers, today))
	}, func(err error) {
		if done != nil {
			defer done()
		}
		if err != nil {
			ShowError(w.env.Win, err)
			return
		}
		w.env.Changed()
		if s := w.Shown(); s != nil {
			s.Reload()
		}
	})
}
