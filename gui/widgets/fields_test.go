package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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

// TestColumnsEndCutTextsWithEllipsis: a text too long for its column ends with …, so that
// 单身宿舍1号楼 and 2号楼 never read the same (issue 10 #14); a text that fits is shown whole.
func TestColumnsEndCutTextsWithEllipsis(t *testing.T) {
	test.NewTempApp(t)
	cs := Columns{{"设施", 1, ""}, {"得分", 0, "100.0"}}
	row := cs.Row(false)
	row.Resize(fyne.NewSize(110, row.MinSize().Height))
	cs.Set(row, []string{"单身宿舍1号楼", "95.5"}, nil)
	cells := row.(*fyne.Container).Objects
	name := cells[0].(*widget.Label).Text
	if !strings.HasSuffix(name, "…") || !strings.HasPrefix("单身宿舍1号楼", strings.TrimSuffix(name, "…")) {
		t.Errorf("the cut name shows %q, want a prefix ending with …", name)
	}
	if got := cells[1].(*widget.Label).Text; got != "95.5" {
		t.Errorf("the score shows %q", got)
	}
	row.Resize(fyne.NewSize(600, row.MinSize().Height))
	if got := cells[0].(*widget.Label).Text; got != "单身宿舍1号楼" {
		t.Errorf("in a wide row the name shows %q", got)
	}
}

// Every form shows a save's result in one colour: success green, errors red (issue 10 #22).
func TestStatusLineColours(t *testing.T) {
	l := widget.NewLabel("")
	SetStatusLine(l, "已保存", false)
	if !l.Visible() || l.Importance != widget.SuccessImportance {
		t.Errorf("success: shown %v, importance %v", l.Visible(), l.Importance)
	}
	SetStatusLine(l, "没有保存", true)
	if l.Importance != widget.DangerImportance || l.Text != "没有保存" {
		t.Errorf("error: %q importance %v", l.Text, l.Importance)
	}
	SetStatusLine(l, "", false)
	if l.Visible() {
		t.Error("an empty status is shown")
	}
}
