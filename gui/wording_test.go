package gui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// TestWordingAndColours (issue 10 #22): 基本合格 is not green; links (查看依据) are not red;
// success text reads on white; 承办人's hint fits its field.
func TestWordingAndColours(t *testing.T) {
	e := &assessItemEditor{total: widget.NewLabel(""), grade: widget.NewLabel("")}
	for grade, want := range map[string]widget.Importance{data.GradeBasicPass: widget.WarningImportance,
		data.GradePass: widget.SuccessImportance, data.GradeFail: widget.DangerImportance} {
		e.showTotal(data.AssessScore{Grade: grade}, true)
		if e.grade.Importance != want {
			t.Errorf("%s is shown with importance %v, want %v", grade, e.grade.Importance, want)
		}
	}

	th := NewTheme()
	if r, _, b, _ := th.Color(theme.ColorNameHyperlink, theme.VariantLight).RGBA(); r > b {
		t.Error("links are red: 查看依据 lists every record as if it were an error")
	}
	white := color.White
	if c := contrast(th.Color(theme.ColorNameSuccess, theme.VariantLight), white); c < 4.5 {
		t.Errorf("success text has contrast %.1f on white, want at least 4.5", c)
	}

	env, _ := newOrgTestEnv(t)
	env.App.Settings().SetTheme(th)
	s := NewWelfareItemsScreen(env)
	show(env, s)
	hint := fyne.MeasureText(s.handler.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
	if room := s.handler.Size().Width - 2*theme.InnerPadding() - theme.IconInlineSize(); hint > room {
		t.Errorf("承办人's hint %q needs %.0f px, the field has %.0f", s.handler.PlaceHolder, hint, room)
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		lin := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(bl)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
