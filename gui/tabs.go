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
		ts.ensure(ts.tabs.SelectedIndex())
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
