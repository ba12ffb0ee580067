package gui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// Helpers of the 日清, 周分析, 工作台 and report tests, which need findings in the data file.

// rhythmEnv is a test Env (today 2026-11-23, a Monday) whose data file has a branch and the teams
// 综采一班 and 综采二班.
func rhythmEnv(t *testing.T) (env *Env, changed *int, teams []data.Team) {
	t.Helper()
	env, changed = newOrgTestEnv(t)
	ctx := context.Background()
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"综采一班", "综采二班"} {
		teams = append(teams, addTestTeam(t, env, data.Team{Name: name}))
	}
	return env, changed, teams
}

// day is a date of November 2026.
func day(d int) data.Date { return data.NewDate(2026, time.November, d) }

// rf describes a finding of a test: when found, its deadline, and its state; closed findings
// are closed on the day given.
type rf struct {
	desc, person, category string
	team                   int64
	found, deadline        data.Date
	state                  string
	closed                 data.Date
}

// addRhythmFindings saves the findings through the store and returns them as saved.
func addRhythmFindings(t *testing.T, env *Env, specs ...rf) []data.Finding {
	t.Helper()
	var out []data.Finding
	for _, s := range specs {
		f := data.Finding{
			Source: data.SourceOther, FoundDate: s.found, Category: s.category, Description: s.desc,
			Responsible: s.person, Deadline: s.deadline, TeamID: s.team, State: s.state,
		}
		if f.Category == "" {
			f.Category = "安全生产不实"
		}
		if f.Responsible == "" {
			f.Responsible = "张三"
		}
		if s.state == data.StateClosed {
			f.Progress, f.Acceptor, f.ClosedDate = "已整改", "王书记", s.closed
		}
		if err := env.Store.CreateFinding(context.Background(), &f); err != nil {
			t.Fatalf("CreateFinding %q: %v", s.desc, err)
		}
		out = append(out, f)
	}
	return out
}

// labelTexts are the texts of every label shown under o, in layout order.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

// buttonTexts are the texts of buttons.
func buttonTexts(objs []fyne.CanvasObject) []string {
	var out []string
	for _, o := range objs {
		out = append(out, o.(*widget.Button).Text)
	}
	return out
}

func TestDailyListsDueAndOverdueByPerson(t *testing.T) {
	env, _, teams := rhythmEnv(t)
	fs := addRhythmFindings(t, env,
		rf{desc: "皮带机托辊损坏未及时更换", person: "张三", team: teams[0].ID, found: day(16), deadline: day(20), state: data.StatePending},
		rf{desc: "交接班记录不全", person: "张三", found: day(18), deadline: day(23), state: data.StateFixing},
		rf{desc: "支护材料堆放混乱", person: "李四", team: teams[1].ID, found: day(2), deadline: day(10), state: data.StateReview},
		rf{desc: "明天到期的问题", person: "李四", found: day(20), deadline: day(24), state: data.StatePending},
		rf{desc: "已销号的逾期问题", person: "王五", found: day(1), deadline: day(5), state: data.StateClosed, closed: day(4)},
		rf{desc: "今天发现的问题", person: "赵六", found: day(23), deadline: day(30), state: data.StatePending},
	)
	s := NewDailyScreen(env)
	show(env, s)

	type group struct {
		person string
		descs  []string
	}
	var got []group
	for _, g := range s.groups {
		var descs []string
		for _, f := range g.findings {
			descs = append(descs, f.Description)
		}
		got = append(got, group{g.person, descs})
	}
	// 李四 (li) before 张三 (zhang); within a person the longest overdue first.
	want := []group{
		{"李四", []string{"支护材料堆放混乱"}},
		{"张三", []string{"皮带机托辊损坏未及时更换", "交接班记录不全"}},
	}
	if !slices.EqualFunc(got, want, func(a, b group) bool { return a.person == b.person && slices.Equal(a.descs, b.descs) }) {
		t.Errorf("groups = %v, want %v", got, want)
	}
	if len(s.newToday) != 1 || s.newToday[0].ID != fs[5].ID {
		t.Errorf("今日新发现 = %v, want only %q", s.newToday, fs[5].Description)
	}

	shown := strings.Join(labelTexts(s.Content()), "|")
	for _, w := range []string{"逾期13天", "逾期3天", "今天到期", "班组：综采一班", "班组：未指定班组", "责任人：赵六", "今天发现的问题",
		"到期和逾期未销号的问题共 3 项（其中逾期 2 项），涉及 2 名责任人"} {
		if !strings.Contains(shown, w) {
			t.Errorf("日清 does not show %q:\n%s", w, shown)
		}
	}
	var titles []string
	for _, o := range test.LaidOutObjects(s.Content()) {
		if rt, ok := o.(*widget.RichText); ok {
			titles = append(titles, rt.String())
		}
	}
	for _, w := range []string{"李四（1 项，其中逾期 1 项）", "张三（2 项，其中逾期 1 项）"} {
		if !slices.Contains(titles, w) {
			t.Errorf("no heading %q among %v", w, titles)
		}
	}
	if strings.Contains(shown, "明天到期的问题") || strings.Contains(shown, "已销号的逾期问题") {
		t.Error("日清 lists a finding that is neither due nor overdue")
	}
	if got := buttonTexts(s.actions[fs[2].ID]); !slices.Equal(got, []string{"验收销号", "验收不通过"}) {
		t.Errorf("buttons of a 待验收 finding = %v", got)
	}
}

func TestDailyOneClickStateChanges(t *testing.T) {
	env, changed, _ := rhythmEnv(t)
	fs := addRhythmFindings(t, env,
		rf{desc: "皮带机托辊损坏未及时更换", person: "张三", found: day(16), deadline: day(20), state: data.StatePending},
		rf{desc: "交接班记录不全", person: "张三", found: day(18), deadline: day(23), state: data.StateFixing},
	)
	s := NewDailyScreen(env)
	show(env, s)
	id := fs[0].ID
	stateOf := func() string {
		f, err := env.Store.Finding(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return f.State
	}
	tap := func(action string) {
		t.Helper()
		for _, o := range s.actions[id] {
			if b := o.(*widget.Button); b.Text == action {
				test.Tap(b)
				return
			}
		}
		t.Fatalf("no button %q, only %v", action, buttonTexts(s.actions[id]))
	}

	tap("开始整改")
	if st := stateOf(); st != data.StateFixing {
		t.Fatalf("after 开始整改 the state is %s", st)
	}
	if *changed != 1 {
		t.Errorf("env.Changed ran %d times, want 1", *changed)
	}
	tap("提请验收") // the screen reloaded: the row now offers the next move
	if st := stateOf(); st != data.StateReview {
		t.Fatalf("after 提请验收 the state is %s", st)
	}

	// 验收销号 asks for the close-out in a dialog.
	tap("验收销号")
	entries := dialogFields(t, env)
	if len(entries) < 2 {
		t.Fatalf("the close-out dialog has %d text fields", len(entries))
	}
	entries[0].SetText("已更换托辊并试运转正常")
	entries[1].SetText("王书记")
	tapDialogButton(t, env.Win, "验收销号")
	if st := stateOf(); st != data.StateClosed {
		t.Fatalf("after 验收销号 the state is %s (dialog says %q)", st, dialogTexts(env.Win))
	}
	if len(s.groups) != 1 || len(s.groups[0].findings) != 1 || s.groups[0].findings[0].ID != fs[1].ID {
		t.Errorf("after closing, 日清 still lists %v", s.groups)
	}
}

func TestDailyEmpty(t *testing.T) {
	env, _, _ := rhythmEnv(t)
	addRhythmFindings(t, env, rf{desc: "下周到期的问题", found: day(20), deadline: day(30), state: data.StatePending})
	s := NewDailyScreen(env)
	show(env, s)
	shown := strings.Join(labelTexts(s.Content()), "|")
	for _, w := range []string{"今天没有到期或逾期的问题。", "今天还没有登记新发现的问题。"} {
		if !strings.Contains(shown, w) {
			t.Errorf("empty 日清 does not say %q: %s", w, shown)
		}
	}
}
