package gui

// Test helpers shared by the screens' tests.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/gui/widgets"
)

// orgTestToday is the fixed "today" of these tests.
var orgTestToday = data.NewDate(2026, time.November, 23)

// newOrgTestEnv is an Env on a new data file in a temp dir, with a headless app and window.
// changed counts the calls of Env.Changed.
func newOrgTestEnv(t *testing.T) (env *Env, changed *int) {
	t.Helper()
	a := test.NewTempApp(t)
	st, err := sqlite.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1200, 800))
	changed = new(int)
	env = &Env{App: a, Win: w, Store: st, Today: func() data.Date { return orgTestToday },
		Changed: func() { *changed++ }}
	return env, changed
}

// show puts a screen in the window, as the main window would.
func show(env *Env, s Screen) {
	env.Win.SetContent(s.Content())
	env.Win.Resize(fyne.NewSize(1200, 800))
}

// newBenchEnv is an Env on a new data file for a benchmark: a headless app, no window, and the
// real date as today.
func newBenchEnv(b *testing.B) *Env {
	b.Helper()
	a := test.NewTempApp(b)
	st, err := sqlite.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	today := data.Today()
	return &Env{App: a, Store: st, Today: func() data.Date { return today }}
}

// newMembersTestEnv is newOrgTestEnv's Env with the members names in it, in their order (seq 1,
// 2…), in no 党小组 or 班组.
func newMembersTestEnv(t *testing.T, names ...string) *Env {
	t.Helper()
	env, _ := newOrgTestEnv(t)
	for i, name := range names {
		addTestMember(t, env, name, i+1, 0, 0)
	}
	return env
}

// showNew shows record screen s with a new record in its form.
func showNew[S interface {
	Screen
	New()
}](env *Env, s S) S {
	show(env, s)
	s.New()
	return s
}

// addTestMember saves a valid member; seq makes the ID number unique.
func addTestMember(t testing.TB, env *Env, name string, seq int, groupID, teamID int64) data.Member {
	t.Helper()
	m := data.Member{
		Name: name, Ethnicity: "汉族", IDNumber: data.IDNumberWithCheck(fmt.Sprintf("13020319850312%03d", seq)),
		Category: data.CategoryFull, JoinDate: data.NewDate(2008, 7, 1), FullDate: data.NewDate(2009, 7, 1),
		GroupID: groupID, TeamID: teamID,
	}
	if err := env.Store.CreateMember(context.Background(), &m); err != nil {
		t.Fatalf("CreateMember %s: %v", name, err)
	}
	return m
}

// addPostedMember saves a valid member (addTestMember) with a 重点岗位, 党内职务 and 岗位.
func addPostedMember(t *testing.T, env *Env, name string, seq int, keyPost, role, job string) data.Member {
	t.Helper()
	m := addTestMember(t, env, name, seq, 0, 0)
	m.KeyPost, m.PartyRole, m.Job = keyPost, role, job
	if err := env.Store.UpdateMember(context.Background(), &m); err != nil {
		t.Fatalf("UpdateMember %s: %v", name, err)
	}
	return m
}

// checkSays checks that text (what names it in the messages) has each of want and none of not.
func checkSays(t *testing.T, what, text string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
	for _, w := range not {
		if strings.Contains(text, w) {
			t.Errorf("%s has %q:\n%s", what, w, text)
		}
	}
}

// addTestTeam saves team and returns it with its ID.
func addTestTeam(t *testing.T, env *Env, team data.Team) data.Team {
	t.Helper()
	if err := env.Store.SaveTeam(context.Background(), &team); err != nil {
		t.Fatalf("SaveTeam %s: %v", team.Name, err)
	}
	return team
}

// tapDialogButton taps the visible button labelled text in the topmost dialog of the window.
func tapDialogButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open (looking for button %q)", text)
	}
	tapButton(t, test.LaidOutObjects(top), text)
}

// tapButton taps the visible, enabled button labelled text among objs (a dialog's, a button bar's).
func tapButton(t *testing.T, objs []fyne.CanvasObject, text string) {
	t.Helper()
	var texts []string
	for _, o := range objs {
		if b, ok := o.(*widget.Button); ok && b.Visible() {
			if b.Text == text && !b.Disabled() {
				test.Tap(b)
				return
			}
			texts = append(texts, b.Text)
		}
	}
	t.Fatalf("no enabled button %q; the buttons are %v", text, texts)
}

// dialogTexts is every label text of the topmost dialog.
func dialogTexts(w fyne.Window) string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.Join(labelTexts(top), "\n")
}

// uiMu stands in for the UI goroutine the test driver lacks: what work on another goroutine hands
// to the UI (onUI) runs under it, and so does every look of waitFor at the widgets, so the two
// never touch Fyne's caches at once (that is a fatal concurrent map access).
var uiMu sync.Mutex

func init() {
	onUI = func(f func()) {
		uiMu.Lock()
		defer uiMu.Unlock()
		f()
	}
}

// waitFor polls cond (work finishing on another goroutine) until it holds, failing after 10 s.
// cond runs under uiMu: never while that work updates the widgets.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	holds := func() bool {
		uiMu.Lock()
		defer uiMu.Unlock()
		return cond()
	}
	for deadline := time.Now().Add(10 * time.Second); !holds(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// useFolder makes a temp dir the folder file dialogs start in and points the home folder at another,
// so that no test ever writes into the real one.
func useFolder(t *testing.T, env *Env) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("USERPROFILE", t.TempDir())
	env.App.Preferences().SetString(prefLastFolder, dir)
	return dir
}

// todosOf is the 工作台's lines (today orgTestToday) about the records of the given entities.
func todosOf(t *testing.T, env *Env, entities ...string) []data.Todo {
	t.Helper()
	todos, err := data.LoadTodos(context.Background(), env.Store, orgTestToday)
	if err != nil {
		t.Fatal(err)
	}
	var of []data.Todo
	for _, td := range todos {
		if slices.Contains(entities, td.Entity) {
			of = append(of, td)
		}
	}
	return of
}

// openView opens entity's screen in w with its list filtered to view, as a 工作台 line does, and
// returns the screen (failing unless it is an S).
func openView[S Screen](t *testing.T, w *MainWindow, entity, view string) S {
	t.Helper()
	to := entityPlaces[entity]
	to.View = view
	w.Navigate(to)
	s, ok := w.shownTab().(S)
	if !ok {
		t.Fatalf("%s %q opens %T", entity, view, w.shownTab())
	}
	return s
}

// topDialog is the laid-out objects of the window's topmost dialog; the test fails when none is open.
func topDialog(t *testing.T, env *Env) []fyne.CanvasObject {
	t.Helper()
	top := env.Win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return test.LaidOutObjects(top)
}

// dialogFields are the text fields of the topmost dialog, in reading order.
func dialogFields(t *testing.T, env *Env) []*widget.Entry {
	t.Helper()
	var out []*widget.Entry
	for _, o := range topDialog(t, env) {
		switch e := o.(type) {
		case *widgets.TextArea:
			out = append(out, &e.Entry.Entry)
		case *widgets.Entry:
			out = append(out, &e.Entry)
		case *widgets.DateEntry:
			out = append(out, &e.Entry)
		}
	}
	return out
}

// listed is what list p shows, in its order: of of each record listed.
func listed[T, V any](p *listPane[T], of func(*T) V) []V {
	var out []V
	for _, i := range p.visible {
		out = append(out, of(&p.all[i]))
	}
	return out
}

// listStep is a step of a list's filter test: do sets filters, after which the list shows want.
type listStep[V comparable] struct {
	name string
	do   func()
	want []V
}

// checkListSteps takes steps in turn, checking after each what shown (a listed closure) gives.
func checkListSteps[V comparable](t *testing.T, shown func() []V, steps []listStep[V]) {
	t.Helper()
	for _, st := range steps {
		st.do()
		if got := shown(); !slices.Equal(got, st.want) {
			t.Errorf("%s: listed %v, want %v", st.name, got, st.want)
		}
	}
}
