package gui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
)

// selectA3 shows the seeded A3 template in the screen.
func selectA3(t *testing.T, s *AssessTemplatesScreen) data.AssessTemplate {
	t.Helper()
	i := slices.IndexFunc(s.all, func(a data.AssessTemplate) bool { return a.Kind == data.AssessThreeInOne })
	if i < 0 {
		t.Fatal("no A3 template listed")
	}
	s.show(s.all[i], false)
	return s.all[i]
}

// A3 edited in the screen: a sub-item's points lowered and a 党建 sub-item added keep the total at
// 100 and save; a new A3 assessment uses the new items while one saved before keeps its own; a
// total other than 100 is refused inline and saves nothing.
func TestAssessTemplatesEditA3(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	zhang := addPostedMember(t, env, "张班长", 1, data.DefaultKeyPosts[0], data.RoleNone, "综采队队长")
	li := addPostedMember(t, env, "李委员", 2, "", "组织委员", "技术员")

	s := NewAssessTemplatesScreen(env)
	show(env, s)
	before := selectA3(t, s)

	// An assessment saved with the template as seeded.
	old := data.NewAssessment(&before, zhang.ID, zhang.Name, data.YearPeriod(orgTestToday.Year))
	if err := env.Store.SaveAssessment(ctx, &old); err != nil {
		t.Fatalf("SaveAssessment: %v", err)
	}

	study := slices.IndexFunc(before.Items, func(it data.AssessItem) bool { return it.Name == "政治学习" })
	if study < 0 {
		t.Fatal("seeded A3 has no 政治学习")
	}
	s.rows[study].points.SetText("7")
	if !strings.Contains(s.TotalText(), "合计 97 分") || !strings.Contains(s.TotalText(), data.PartParty+" 37") {
		t.Fatalf("live total %q after 10 → 7", s.TotalText())
	}
	s.addItem()
	n := len(s.rows) - 1
	s.rows[n].name.SetText("党员教育")
	s.rows[n].part.SetSelected(data.PartParty)
	s.rows[n].standard.SetText("参加党员教育培训")

	// Invalid total: 97 + 5 = 102.
	if s.save() || !strings.Contains(s.ItemsError(), "100") || !strings.Contains(s.Status(), "没有保存") {
		t.Fatalf("saved with total %q: items error %q, status %q", s.TotalText(), s.ItemsError(), s.Status())
	}
	if got, err := env.Store.AssessTemplate(ctx, before.ID); err != nil || !slices.Equal(got.Items, before.Items) {
		t.Fatalf("a refused save changed the template (%v)", err)
	}

	s.rows[n].points.SetText("3")
	if !strings.Contains(s.TotalText(), "合计 100 分") || !strings.Contains(s.TotalText(), data.PartParty+" 40") {
		t.Fatalf("live total %q", s.TotalText())
	}
	if !s.save() {
		t.Fatalf("not saved: %q, items %q", s.Status(), s.ItemsError())
	}
	after, err := env.Store.AssessTemplate(ctx, before.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Sum() != 100 || after.Items[study].Points != 7 || len(after.Items) != len(before.Items)+1 {
		t.Fatalf("saved items %+v", after.Items)
	}
	added := after.Items[len(after.Items)-1]
	if added.Name != "党员教育" || added.Part != data.PartParty || added.Points != 3 || added.Method != data.MethodManual {
		t.Fatalf("added item saved as %+v", added)
	}

	// A new A3 assessment uses the edited items.
	three := NewThreeInOneScreen(env)
	three.Select(li.ID)
	names := func(items []data.AssessmentItem) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.Name)
		}
		return out
	}
	if !slices.Contains(names(three.a.Items), "党员教育") || three.a.Items[study].Points != 7 {
		t.Fatalf("new assessment items %v", names(three.a.Items))
	}
	// The assessment saved before keeps its own items.
	kept, err := env.Store.Assessment(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(names(kept.Items), "党员教育") || len(kept.Items) != len(before.Items) || kept.Items[study].Points != 10 {
		t.Fatalf("saved assessment changed: %v", names(kept.Items))
	}
}

// Counting methods show 每次分值 and 上限; manual ones hide them; A1's ledger items show 按台账自动.
func TestAssessTemplatesMethodsAndAuto(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewAssessTemplatesScreen(env)
	i := slices.IndexFunc(s.all, func(a data.AssessTemplate) bool { return a.Kind == data.AssessBranchMonthly })
	if i < 0 {
		t.Fatal("no A1 template")
	}
	a1 := s.all[i]
	s.show(a1, false)
	autos := 0
	for j, it := range a1.Items {
		r := s.rows[j]
		if it.Auto != "" {
			autos++
			if r.method != nil {
				t.Errorf("auto item %s has a method choice", it.Name)
			}
			continue
		}
		for _, m := range []string{data.MethodDeduct, data.MethodManual, data.MethodAdd} {
			r.method.SetSelected(m)
			if r.counting.Hidden != (m == data.MethodManual) {
				t.Errorf("%s: counting hidden %v for %s", it.Name, r.counting.Hidden, m)
			}
		}
	}
	if autos == 0 {
		t.Fatal("A1 has no auto items")
	}
}
