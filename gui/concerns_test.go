package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// A concern typed into the form for a worker who is no member, saved and found in the list; then
// handed on with 转办实事, which makes the linked welfare item that the form opens in 办实事.
func TestConcernTypedSavedListed(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	team := addTestTeam(t, env, data.Team{Name: "综采一队", Category: "采煤"})
	addTestMember(t, env, "张三", 1, 0, 0)
	addTestMember(t, env, "李四", 2, 0, team.ID)
	w := NewMainWindow(env, false)
	w.Navigate(Destination{Module: moduleFronts, Tab: tabConcerns})
	s, ok := w.shownTab().(*ConcernsScreen)
	if !ok {
		t.Fatalf("思想疏导 shows %T", w.shownTab())
	}
	s.New()
	test.Type(s.worker, "陈小军")
	s.team.SetSelected("综采一队")
	s.channel.SetSelected("线下")
	s.category.SetSelected("家庭困难")
	test.Type(s.counselor, "张三")
	s.Save()
	if msg := s.errorOf(data.FConcernSituation); msg == "" {
		t.Fatal("a concern without 反映情况 should be refused at 反映情况")
	}
	test.Type(s.situation, "宿舍热水器坏了一周，夜班回来洗不上热水澡")
	test.Type(s.measures, "向区队反映")
	s.visitDate.SetDate(orgTestToday.AddDays(5))
	s.Save()
	cs, err := env.Store.Concerns(ctx, data.ConcernFilter{})
	if err != nil || len(cs) != 1 || cs[0].Worker != "陈小军" || cs[0].Team != "综采一队" || cs[0].Counselor != "张三" ||
		cs[0].Category != "家庭困难" || cs[0].VisitDate != orgTestToday.AddDays(5) || cs[0].WelfareID != 0 {
		t.Fatalf("Concerns = %+v, %v", cs, err)
	}
	test.Type(s.search, "陈小军")
	if len(s.visible) != 1 || data.ConcernWorkerText(&s.all[s.visible[0]]) != "陈小军（综采一队）" {
		t.Fatalf("search for the worker lists %v:\n%s", s.visible, screenText(s))
	}
	if !s.transfer.Visible() || s.openWelfare.Visible() {
		t.Fatalf("buttons of a saved concern: 转办实事 %v, 打开 %v", s.transfer.Visible(), s.openWelfare.Visible())
	}

	// 转办实事: one welfare item, linked, handled by the counsellor; the form says so.
	test.Tap(s.transfer)
	ws, err := env.Store.WelfareItems(ctx, data.WelfareFilter{})
	if err != nil || len(ws) != 1 || ws[0].Title != "宿舍热水器坏了一周，夜班回来洗不上热水澡" || ws[0].Handler != "张三" ||
		ws[0].Proposer != "陈小军（综采一队）" {
		t.Fatalf("WelfareItems = %+v, %v", ws, err)
	}
	if s.loaded.WelfareID != ws[0].ID || s.loaded.Result != data.ConcernTransferred || !s.openWelfare.Visible() || s.transfer.Visible() ||
		!strings.Contains(s.link.Text, "已转办为办实事事项：宿舍热水器") {
		t.Fatalf("after 转办实事: %+v, link %q", s.loaded, s.link.Text)
	}
	if !strings.Contains(s.frame.StatusLine.Text, "转办为办实事事项") {
		t.Errorf("status %q", s.frame.StatusLine.Text)
	}
	test.Tap(s.openWelfare)
	wi, ok := w.shownTab().(*WelfareItemsScreen)
	if !ok || wi.loaded.ID != ws[0].ID {
		t.Fatalf("打开办实事事项 shows %T", w.shownTab())
	}
	// And back: the welfare item names the concern it came from and opens it.
	var back *widget.Button
	for _, o := range wi.actions.Objects {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "来自思想疏导：") {
			back = b
		}
	}
	if back == nil || !strings.Contains(back.Text, "陈小军（综采一队）思想疏导") {
		t.Fatalf("no way back to the concern: %v", wi.actions.Objects)
	}
	test.Tap(back)
	if c, ok := w.shownTab().(*ConcernsScreen); !ok || c.loaded.ID != s.loaded.ID {
		t.Fatalf("来自思想疏导 shows %T", w.shownTab())
	}

	// A new concern saved as 转办实事 makes its item at once.
	w.Navigate(Destination{Module: moduleFronts, Tab: tabConcerns})
	s.New()
	test.Type(s.worker, "李四") // a member's name is fine too, and brings the member's team
	if s.team.Selected != "综采一队" {
		t.Errorf("team of a member %q", s.team.Selected)
	}
	test.Type(s.counselor, "张三")
	test.Type(s.situation, "孩子上学接送困难")
	s.result.SetSelected(data.ConcernTransferred)
	s.Save()
	if ws, _ := env.Store.WelfareItems(ctx, data.WelfareFilter{}); len(ws) != 2 || s.loaded.WelfareID == 0 {
		t.Errorf("%d welfare items, link %d (%s)", len(ws), s.loaded.WelfareID, s.frame.StatusLine.Text)
	}
	if s.loaded.Worker != "李四" || s.loaded.Team != "综采一队" {
		t.Errorf("saved %+v", s.loaded)
	}
}

// The 工作台 lines of return visits open the list filtered to those concerns; the overdue visit is
// red in the list.
func TestConcernVisitViews(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	m := addTestMember(t, env, "张三", 1, 0, 0)
	save := func(worker string, visit data.Date, done string) data.Concern {
		c := data.Concern{Date: orgTestToday.AddDays(-20), Worker: worker, Situation: "工作压力大", CounselorID: m.ID,
			VisitDate: visit, Visit: done}
		if err := env.Store.SaveConcern(ctx, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	late := save("陈小军", orgTestToday.AddDays(-3), "")
	due := save("刘红霞", orgTestToday.AddDays(4), "")
	save("马东", orgTestToday.AddDays(-10), "已回访，情绪稳定")
	save("杨建平", data.Date{}, "")

	todos := todosOf(t, env, data.EntConcern)
	lines := map[string]*data.Todo{}
	for i, td := range todos {
		lines[td.View] = &todos[i]
	}
	if len(lines) != 2 {
		t.Fatalf("todos %+v", todos)
	}
	if lines[data.ViewOverdue].Text() != "逾期未回访的思想疏导：1" || !lines[data.ViewOverdue].Overdue || lines[data.ViewDue].Text() != "本月待回访的思想疏导：1" {
		t.Fatalf("todos %+v", lines)
	}
	w := NewMainWindow(env, false)
	for view, want := range map[string]data.Concern{data.ViewOverdue: late, data.ViewDue: due} {
		s := openView[*ConcernsScreen](t, w, data.EntConcern, view)
		if len(s.visible) != 1 || s.all[s.visible[0]].ID != want.ID {
			t.Fatalf("%s lists %v", view, s.visible)
		}
	}
	s := w.shownTab().(*ConcernsScreen)
	s.ShowView("")
	if len(s.visible) != 4 {
		t.Errorf("all: %d listed", len(s.visible))
	}
	for i := range s.all {
		texts, imp := s.cells(&s.all[i])
		switch s.all[i].ID {
		case late.ID:
			if texts[4] != "逾期3天" || imp[4] != widget.DangerImportance {
				t.Errorf("overdue visit shown %q %v", texts[4], imp[4])
			}
		case due.ID:
			if texts[4] != "待回访 11-27" || imp[4] == widget.DangerImportance {
				t.Errorf("due visit shown %q %v", texts[4], imp[4])
			}
		}
	}
}

// 查看依据 of 人文关怀疏导靠前 opens a counted concern in 思想疏导.
func TestConcernEvidenceOpensConcerns(t *testing.T) {
	to, ok := evidenceDestination(data.EvidenceRef{Kind: data.EntConcern, ID: 7, Label: "2026-11-03 陈小军思想疏导"})
	if !ok || to != (Destination{Module: moduleFronts, Tab: tabConcerns, RecordID: 7}) {
		t.Errorf("destination %+v, %v", to, ok)
	}
	if err := checkDestination(to); err != nil {
		t.Error(err)
	}
}
