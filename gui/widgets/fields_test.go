package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestFieldsBelowStayWhenAMessageGoes: editing a field away from its message does not move the
// fields under it; the space is given back when the form is next checked or filled (issue 10 #19).
func TestFieldsBelowStayWhenAMessageGoes(t *testing.T) {
	test.NewTempApp(t)
	var fs Fields
	name := fs.Add("姓名", true, NewEntry())
	job := fs.Add("工作岗位", false, NewEntry())
	w := test.NewTempWindow(t, FieldColumn(name, job))
	w.Resize(fyne.NewSize(400, 400))
	y := func() float32 {
		w.Content().Refresh() // lays the form out again, as the window does on its next frame
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(job.Input).Y
	}
	before := y()
	fs.ShowMessages([]Message{{"姓名", "请填写姓名。姓名是必填项，填写后才能保存这位党员的信息。"}})
	shown := y()
	if shown <= before {
		t.Fatalf("the message did not push 工作岗位 down: %v → %v", before, shown)
	}
	name.SetError("") // the user typed a name
	if got := y(); got != shown {
		t.Errorf("工作岗位 moved from %v to %v when the message went", shown, got)
	}
	fs.ClearErrors() // the form is filled again
	if got := y(); got != before {
		t.Errorf("after ClearErrors 工作岗位 is at %v, want %v", got, before)
	}
}
