package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
)

func TestChecklistEditing(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	s := NewChecklistsScreen(env)
	show(env, s)
	if len(s.all) != len(data.DefaultChecklists()) {
		t.Fatalf("%d templates listed, want the seeded %d", len(s.all), len(data.DefaultChecklists()))
	}
	green := s.all[checklistIndex(s.all, "绿化环境检查表")]
	s.show(green, false)

	// Copy, then edit the copy: move the last item up, add one, see the total follow.
	s.copyTemplate()
	tapDialogButton(t, env.Win, "复制")
	if s.loaded.Name != "绿化环境检查表（副本）" || s.loaded.ID == green.ID {
		t.Fatalf("after 复制 the form shows %q (id %d)", s.loaded.Name, s.loaded.ID)
	}
	s.moveItem(2, -1)
	s.addItem()
	last := s.rows[len(s.rows)-1]
	test.Type(last.name, "水景设施")
	last.points.SetText("5")
	if !strings.Contains(s.total.Text, "合计 105 分") {
		t.Fatalf("total %q, want 合计 105 分", s.total.Text)
	}
	last.key.SetChecked(true)
	s.Save()
	got, err := env.Store.Checklist(ctx, s.loaded.ID)
	if err != nil || len(got.Items) != 4 || got.Items[1].Name != "设施完好" || got.Items[3].Name != "水景设施" || !got.Items[3].Key || got.Total != 105 {
		t.Fatalf("saved copy %+v, %v", got, err)
	}
	if orig, _ := env.Store.Checklist(ctx, green.ID); orig.Items[1].Name != "环境卫生" {
		t.Fatal("editing the copy changed the original")
	}

	// An item without a name is refused on its row.
	s.addItem()
	s.Save()
	if r := s.rows[len(s.rows)-1]; !r.msg.Visible() || r.msg.Text == "" {
		t.Fatal("an item without a name should be refused on its row")
	}
}

func checklistIndex(ts []data.Checklist, name string) int {
	for i, t := range ts {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// A second copy starts with a name no template has yet, so it can be saved as it is.
func TestChecklistCopyTwice(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewChecklistsScreen(env)
	show(env, s)
	green := s.all[checklistIndex(s.all, "绿化环境检查表")]
	for _, want := range []string{"绿化环境检查表（副本）", "绿化环境检查表（副本2）"} {
		s.show(green, false)
		s.copyTemplate()
		tapDialogButton(t, env.Win, "复制")
		if s.loaded.Name != want {
			t.Fatalf("after 复制 the form shows %q, want %q", s.loaded.Name, want)
		}
	}
}
