package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestMemberFieldsSuggestAsYouType: typing pinyin initials into 责任人 lists the members at once,
// without the arrow, inside the form (an overlay would take the keyboard and may run off the
// window); picking one puts the name in (issue 10 #16).
func TestMemberFieldsSuggestAsYouType(t *testing.T) {
	env, _, teams := rhythmEnv(t)
	addTestMember(t, env, "张三", 1, 0, teams[0].ID)
	addTestMember(t, env, "张山", 2, 0, teams[0].ID)
	s := NewFindingsScreen(env)
	show(env, s)
	f := s.form.responsible
	typeInto(t, f, "zs")
	hints := f.Hints()
	if len(hints) != 2 {
		t.Fatalf("typing zs lists %d members, want 张三 and 张山", len(hints))
	}
	if env.Win.Canvas().Overlays().Top() != nil || env.Win.Canvas().Focused() != f {
		t.Error("the list is an overlay, or took the keyboard from the field")
	}
	hints[1].Tapped(&fyne.PointEvent{})
	if f.Text != hints[1].Text || f.Hints() != nil {
		t.Errorf("picking %s: the field says %q, list shown %v", hints[1].Text, f.Text, f.Hints() != nil)
	}

}
