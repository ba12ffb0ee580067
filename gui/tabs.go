package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// tab is one tab of a tabsScreen; its screen is built when the tab is first shown.
type tab struct {
	title string
	build func() Screen
}

// tabsScreen is a module made of tabs (党员: 党员名单, 党小组, 班组). A tab reloads when shown after
// data changed elsewhere.
type tabsScreen struct {
	tabs    *container.AppTabs
	builds  []func() Screen
	screens []Screen // nil until first shown
	stale   []bool
	current int // the tab shown, whose screen is asked before another is shown
	guard   leaveGuard
	// onSelected runs after the user switched tabs (the main menu follows the shown tab).
	onSelected func()
}

func newTabsScreen(tabs ...tab) *tabsScreen {
	ts := &tabsScreen{tabs: container.NewAppTabs(), screens: make([]Screen, len(tabs)), stale: make([]bool, len(tabs))}
	for _, t := range tabs {
		ts.builds = append(ts.builds, t.build)
		ts.tabs.Append(container.NewTabItem(t.title, container.NewStack()))
	}
	ts.tabs.OnSelected = func(*container.TabItem) {
		i, cur := ts.tabs.SelectedIndex(), ts.current
		if i != cur && !ts.guard.allow(ts.screens[cur], func() { ts.tabs.SelectIndex(cur) }, func() { ts.tabs.SelectIndex(i) }) {
			return
		}
		ts.current = i
		ts.ensure(i)
		if ts.onSelected != nil {
			ts.onSelected()
		}
	}
	ts.ensure(0)
	return ts
}

// ensure builds tab i's screen if needed, or reloads it when data changed since it last loaded.
func (ts *tabsScreen) ensure(i int) {
	switch {
	case i < 0:
		return
	case ts.screens[i] == nil:
		ts.screens[i] = ts.builds[i]()
		holder := ts.tabs.Items[i].Content.(*fyne.Container)
		holder.Objects = []fyne.CanvasObject{ts.screens[i].Content()}
		holder.Refresh()
	case ts.stale[i]:
		ts.screens[i].Reload()
	}
	ts.stale[i] = false
}

func (ts *tabsScreen) Content() fyne.CanvasObject { return ts.tabs }

// Reload reloads the shown tab and marks the others.
func (ts *tabsScreen) Reload() {
	ts.markStale()
	i := ts.tabs.SelectedIndex()
	ts.stale[i] = true
	ts.ensure(i)
}

// markStale makes every tab but the shown one reload when shown.
func (ts *tabsScreen) markStale() {
	cur := ts.tabs.SelectedIndex()
	for i := range ts.stale {
		ts.stale[i] = i != cur
	}
}

// selectTitle shows the tab titled title (building it if needed).
func (ts *tabsScreen) selectTitle(title string) {
	for i, it := range ts.tabs.Items {
		if it.Text == title {
			if ts.tabs.SelectedIndex() == i {
				ts.ensure(i)
			} else {
				ts.tabs.SelectIndex(i) // OnSelected builds or reloads it
			}
			return
		}
	}
}

// Shown is the screen of the selected tab.
func (ts *tabsScreen) Shown() Screen { return ts.screens[ts.tabs.SelectedIndex()] }

// leaveAsker is a screen that may hold unsaved work: it asks (保存 / 放弃修改 / 取消) before it is
// left, then runs next, or back when the user stays.
type leaveAsker interface{ ConfirmLeave(next, back func()) }

// leaveGuard asks the shown screen before a switch to another tab or module. The widgets switch
// first and tell afterwards, so the guard puts the old choice back, asks, and redoes the switch
// once the screen agreed.
type leaveGuard struct{ passing bool }

// allow reports whether the switch just made away from screen from (may be nil) can go on now;
// otherwise revert has put the widget back and redo will make the switch when the user agrees.
func (g *leaveGuard) allow(from Screen, revert, redo func()) bool {
	l, ok := from.(leaveAsker)
	if g.passing || !ok {
		return true
	}
	revert()
	l.ConfirmLeave(func() {
		g.passing = true
		defer func() { g.passing = false }()
		redo()
	}, nil)
	return false
}
