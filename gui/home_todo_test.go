package gui

import (
	"context"
	"maps"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// todoButtons are the lines of 本月待办 by text.
func todoButtons(h *HomeScreen) map[string]*widget.Button {
	out := map[string]*widget.Button{}
	for _, o := range test.LaidOutObjects(h.todos) {
		if b, ok := o.(*widget.Button); ok {
			out[b.Text] = b
		}
	}
	return out
}

// 本月待办 counts what the ledgers owe and a line opens the list of those records, filtered.
func TestHomeTodosOpenFilteredLists(t *testing.T) {
	env, _ := homeFixture(t) // today 11-23: A and B overdue, C due 11-27, D due 12-05
	w := NewMainWindow(env, false)
	env.Navigate = w.Navigate
	h := w.Shown().(*HomeScreen)
	show(env, h)
	lines := todoButtons(h)
	overdue, due := lines["逾期未销号的问题：2"], lines["本月到期待销号的问题：1"]
	if overdue == nil || due == nil {
		t.Fatalf("本月待办 lines %v", slices.Sorted(maps.Keys(lines)))
	}
	if overdue.Importance != widget.DangerImportance || due.Importance == widget.DangerImportance {
		t.Errorf("overdue line importance %v, due line %v", overdue.Importance, due.Importance)
	}
	todos, err := data.LoadTodos(context.Background(), env.Store, env.Today())
	if err != nil {
		t.Fatal(err)
	}
	for _, td := range todos {
		if _, ok := entityPlaces[td.Entity]; !ok {
			t.Errorf("本月待办 counts %s, which opens no screen", td.Entity)
		}
	}
	test.Tap(overdue)
	if w.modules[w.current].id != moduleInspections || w.findings == nil {
		t.Fatalf("the overdue line opened module %d", w.modules[w.current].id)
	}
	if got := w.findings.stateSel.Selected; got != stateOverdue {
		t.Errorf("the findings list opened with state filter %q, want %q", got, stateOverdue)
	}
	if n := len(w.findings.visible); n != 2 {
		t.Errorf("the findings list shows %d findings, want the 2 overdue", n)
	}
}

// A line for each kind of record opens a screen the navigation registry knows.
func TestEntityPlacesAreRegistered(t *testing.T) {
	for kind, to := range entityPlaces {
		if err := checkDestination(to); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
}
