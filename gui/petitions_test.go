package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// pickMembers types each name into a members picker and presses Enter, as a user adds them.
func pickMembers(t *testing.T, p *inspectorPicker, names ...string) {
	t.Helper()
	for _, n := range names {
		typeInto(t, p.entry, n)
		pressKey(t, fyne.CurrentApp().Driver().CanvasForObject(p.entry), fyne.KeyReturn)
	}
}

func TestPetitionTypedSavedListed(t *testing.T) {
	env := newMembersTestEnv(t, "张三", "李四")
	ctx := context.Background()
	s := showNew(env, NewPetitionsScreen(env).(*PetitionsScreen))
	test.Type(s.petitioner, "孙德胜")
	test.Type(s.team, "综采一队")
	s.category.SetSelected("工资待遇")
	test.Type(s.content, "反映十月加班工资未足额发放")
	s.Save()
	if msg := s.fields.Get(data.FKeepers).Error(); msg == "" {
		t.Fatal("a case without 包保责任人 should be refused at 包保责任人")
	}
	pickMembers(t, s.keepers, "zs", "李四")
	if got := s.keepers.Inspectors(); len(got) != 2 || got[0].Lead || got[1].Lead {
		t.Fatalf("keepers %+v, want 张三 and 李四 as equals", got)
	}
	s.risk.SetSelected("较大")
	s.escalated.SetChecked(true)
	s.Save()
	ps, err := env.Store.Petitions(ctx, data.PetitionFilter{})
	if err != nil || len(ps) != 1 || ps[0].KeepersText() != "张三、李四" || ps[0].Risk != "较大" || !ps[0].Escalated || ps[0].Deadline != orgTestToday.AddDays(30) {
		t.Fatalf("Petitions = %+v, %v", ps, err)
	}
	test.Type(s.search, "孙德胜")
	if len(s.visible) != 1 || s.all[s.visible[0]].Content != "反映十月加班工资未足额发放" {
		t.Fatalf("the list shows %v:\n%s", s.visible, screenText(s))
	}
	// 越级上访 is shown red in the list.
	texts, imp := s.cells(&s.all[s.visible[0]])
	if !strings.Contains(texts[5], "越级上访") || imp[5] != widget.DangerImportance {
		t.Errorf("越级上访 shown as %q %v", texts[5], imp)
	}

	// Resolving needs 化解日期 and 结果.
	s.state.SetSelected(data.PetitionResolved)
	s.Save()
	if s.fields.Get(data.FPetitionResult).Error() == "" {
		t.Error("已化解 without 结果 should be refused at 结果")
	}
	s.resolved.SetDate(orgTestToday)
	test.Type(s.result, "已补发")
	s.Save()
	if p, _ := env.Store.Petition(ctx, ps[0].ID); p.State != data.PetitionResolved || p.Resolved != orgTestToday {
		t.Errorf("resolved %+v", p)
	}
}

// An overdue case is red in the list, and the 工作台 line opens the list showing only it.
func TestPetitionOverdueView(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	m := addTestMember(t, env, "张三", 1, 0, 0)
	keep := []data.PetitionMember{{MemberID: m.ID}}
	late := data.Petition{Date: orgTestToday.AddDays(-40), Petitioner: "周海涛", Content: "工伤认定", Keepers: keep, Deadline: orgTestToday.AddDays(-10)}
	due := data.Petition{Date: orgTestToday.AddDays(-5), Petitioner: "钱玉兰", Content: "住房", Keepers: keep, Deadline: orgTestToday.AddDays(5)}
	later := data.Petition{Date: orgTestToday.AddDays(-5), Petitioner: "吴", Content: "家庭", Keepers: keep, Deadline: orgTestToday.AddDays(60)}
	for _, p := range []*data.Petition{&late, &due, &later} {
		if err := env.Store.SavePetition(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	for _, td := range todosOf(t, env, data.EntPetition, data.EntScreening) {
		lines = append(lines, td.Text())
	}
	if got := strings.Join(lines, "|"); got != "逾期未化解的信访事项：1|本月到期的信访事项：1|本月尚未开展矛盾排查：1" {
		t.Errorf("todo lines %q", got)
	}

	w := NewMainWindow(env, false)
	s := openView[*PetitionsScreen](t, w, data.EntPetition, data.ViewOverdue)
	if len(s.visible) != 1 || s.all[s.visible[0]].Petitioner != "周海涛" {
		t.Fatalf("overdue view lists %v", s.visible)
	}
	if texts, imp := s.cells(&s.all[s.visible[0]]); texts[5] != "逾期10天" || imp[5] != widget.DangerImportance {
		t.Errorf("overdue shown as %q %v", texts[5], imp)
	}
	s.ShowView(data.ViewDue)
	if len(s.visible) != 1 || s.all[s.visible[0]].Petitioner != "钱玉兰" {
		t.Errorf("due view lists %v", s.visible)
	}
	openView[*ScreeningsScreen](t, w, data.EntScreening, "")
}

func TestScreeningTypedSavedListed(t *testing.T) {
	env := newMembersTestEnv(t, "张三", "李四")
	ctx := context.Background()
	addTestTeam(t, env, data.Team{Name: "综采一队", Category: "采煤"})
	s := showNew(env, NewScreeningsScreen(env).(*ScreeningsScreen))
	if len(s.scope.Objects) != 2 {
		t.Fatalf("scope options %v", s.scope.Objects)
	}
	s.scope.Objects[1].(*widget.Check).SetChecked(true) // 综采一队
	pickMembers(t, s.screeners, "ls")
	test.Type(s.factors, "1")
	s.Save()
	if s.fields.Get(data.FFactorText).Error() == "" {
		t.Fatal("a factor without its text should be refused")
	}
	test.Type(s.factorText, "一名职工因家庭困难情绪低落")
	s.Save()
	ss, err := env.Store.Screenings(ctx, data.PetitionFilter{})
	if err != nil || len(ss) != 1 || ss[0].ScopeText() != "综采一队" || ss[0].ScreenersText() != "李四" || ss[0].Factors != 1 {
		t.Fatalf("Screenings = %+v, %v", ss, err)
	}
	if len(s.visible) != 1 || !strings.Contains(screenText(s), "综采一队") {
		t.Fatalf("the list shows %v:\n%s", s.visible, screenText(s))
	}
	// A whole-branch round: nothing chosen.
	s.New()
	s.Save()
	ss, _ = env.Store.Screenings(ctx, data.PetitionFilter{})
	if len(ss) != 2 || ss[1].ScopeText() != data.ScopeWholeBranch {
		t.Fatalf("whole branch %+v", ss)
	}
}
