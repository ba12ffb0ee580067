package gui

import (
	"testing"

	"branchledger/gui/widgets"
)

// TestNarrowFieldsAreWideEnough: the 18-character ID number shows whole, and 扣分原因 of a check
// is at least 200 px wide where the form has the width it has beside the list (issue 10 #24).
func TestNarrowFieldsAreWideEnough(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	f := NewMemberForm(env.Today)
	if got, want := f.idNumber.MinSize().Width, widgets.WidthFor("130203198503120010"); got < want {
		t.Errorf("公民身份证号 may shrink to %.0f px; 18 digits need %.0f", got, want)
	}
	l := &itemRowLayout{width: new(float32)}
	if w := l.widths(760)[5]; w < 200 {
		t.Errorf("扣分原因 is %.0f px wide in a 760 px form", w)
	}
}
