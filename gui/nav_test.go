package gui

import (
	"testing"
)

// A link to a module or tab the registry does not know fails the test that follows it.
func init() { navigationFailed = func(err error) { panic(err) } }

func TestNavigationRegistry(t *testing.T) {
	modules, tabs := map[ModuleID]bool{}, map[TabID]bool{}
	for _, m := range navigation {
		if m.title == "" || m.icon == nil || modules[m.id] {
			t.Errorf("module %d: no title or icon, or listed twice", m.id)
		}
		modules[m.id] = true
		for _, tb := range m.tabs {
			if tb.title == "" || tabs[tb.id] {
				t.Errorf("tab %d of %s: no title, or listed twice", tb.id, m.title)
			}
			tabs[tb.id] = true
		}
	}
	if len(modules) != int(moduleSettings) || len(tabs) != int(tabTerm) {
		t.Errorf("the registry lists %d modules and %d tabs, the ids run to %d and %d", len(modules), len(tabs), moduleSettings, tabTerm)
	}
	if err := checkDestination(Destination{Module: moduleMembers, Tab: tabFindings}); err == nil {
		t.Error("a tab of another module was accepted")
	}
	if err := checkDestination(Destination{Module: ModuleID(99)}); err == nil {
		t.Error("an unknown module was accepted")
	}
}

// TestNavigateEveryTab goes to every module and tab of the registry and finds it shown; a
// destination that is not in the registry is reported and changes nothing.
func TestNavigateEveryTab(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	w := NewMainWindow(env, false)
	for _, m := range navigation {
		dests := []Destination{{Module: m.id}}
		for _, tb := range m.tabs {
			dests = append(dests, Destination{Module: m.id, Tab: tb.id})
		}
		for _, to := range dests {
			w.Navigate(to)
			if w.modules[w.current].id != m.id {
				t.Fatalf("Navigate(%+v) shows %s", to, w.modules[w.current].title)
			}
			if ts, ok := w.Shown().(*tabsScreen); ok {
				want := tabTitle(to.Tab)
				if to.Tab == 0 {
					want = m.tabs[0].title
				}
				if got := ts.tabs.Selected().Text; got != want {
					t.Errorf("Navigate(%+v) shows tab %s, want %s", to, got, want)
				}
			} else if len(m.tabs) > 0 {
				t.Errorf("module %s shows %T, not its tabs", m.title, w.Shown())
			}
		}
	}
	var failed error
	navigationFailed = func(err error) { failed = err }
	defer func() { navigationFailed = func(err error) { panic(err) } }()
	w.Navigate(Destination{Module: moduleHome})
	w.Navigate(Destination{Module: moduleMembers, Tab: tabSurveys})
	if failed == nil || w.modules[w.current].id != moduleHome {
		t.Errorf("a link to a tab of another module: %v, shows %s", failed, w.modules[w.current].title)
	}
	failed = nil
	w.ShowModule(ModuleID(42))
	if failed == nil {
		t.Error("showing an unknown module was not reported")
	}
}
