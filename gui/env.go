// Package gui holds the screens of 支部台账. A screen is a struct whose widgets are fields, built from
// an Env, so tests can drive it with fyne.io/fyne/v2/test. No SQL here: screens talk to data.Store.
package gui

import (
	"context"

	"fyne.io/fyne/v2"

	"branchledger/data"
)

// Env is what every screen needs.
type Env struct {
	App   fyne.App
	Win   fyne.Window // parent of dialogs
	Store data.Store
	// Today is the current day; tests fix it.
	Today func() data.Date
	// Changed is called after a screen saved something, so other screens (工作台 counts, lists) reload.
	Changed func()
	// Navigate shows another screen, e.g. from a 工作台 card; set by the main window (nil in tests
	// of a lone screen).
	Navigate func(to Destination)
	// DataFile is the path of the open data file ("" in tests of a lone screen); its backups are in
	// the 备份 folder beside it.
	DataFile string
	// Restore replaces the data file with the backup at from and reopens the main window on it; it
	// returns where the replaced file was kept. It runs off the UI goroutine; nil when the program
	// cannot restore (the backup screen then hides 从备份恢复).
	Restore func(ctx context.Context, from string) (savedAs string, err error)
}

// Destination is a place Navigate can go to.
type Destination struct {
	Module ModuleID // a navigation entry (nav.go)
	Tab    TabID    // a tab of that module, 0 for the first
	// Findings is the preset filter of the 问题整改 list when going there.
	Findings FindingView
	// RecordID, when not 0, is the record to open on the tab (its screen's Select), e.g. an
	// inspection a 考核 item counted.
	RecordID int64
	// NewKind, when set, opens a new activity of that kind (组织生活), for the Party group
	// NewGroupID when set (the 工作台 card 本月组织生活).
	NewKind    string
	NewGroupID int64
	// View, when set, is a preset filter of the tab's list (data.View…), for a screen that offers
	// it (viewSetter): the 工作台 card 本月待办 opens the records it counts.
	View string
}

// FindingView is a preset filter of the findings list that other screens jump to.
type FindingView int

const (
	FindingsAll         FindingView = iota
	FindingsOpen                    // not yet 已销号
	FindingsOverdue                 // 逾期
	FindingsDueThisWeek             // open and due by the end of this week (本周到期)
	FindingsToReview                // 待验收
)

// Screen is one page of the main window's content area.
type Screen interface {
	// Content is the screen's root object, built once.
	Content() fyne.CanvasObject
	// Reload refreshes what the screen shows from the store (called when it is shown and after changes).
	Reload()
}

// Optional abilities a screen may have; the main menu's shortcuts (Ctrl+N, Ctrl+S, Ctrl+F) call them on
// the screen that is shown, because a focused widgets.Entry would swallow the keys otherwise.
type (
	Creator  interface{ New() }
	Saver    interface{ Save() }
	Searcher interface{ FocusSearch() }
)
