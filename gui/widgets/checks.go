package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// PlainChecks shows the widget.Check boxes in o with a dark outline, like the check chips of the
// member pickers. Fyne's light theme draws an unticked box in the input border grey on the input
// grey, which reads as a disabled control. When o is a container whose checks are replaced later,
// Refresh the returned object so that the new ones are drawn the same way.
func PlainChecks(o fyne.CanvasObject) *container.ThemeOverride {
	return container.NewThemeOverride(o, checkTheme{})
}

// checkTheme is the program's theme with the input border in the text colour; asked at each use,
// so that it follows the theme the program sets.
type checkTheme struct{}

func (checkTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameInputBorder {
		n = theme.ColorNameForeground
	}
	return appTheme().Color(n, v)
}

func (checkTheme) Font(s fyne.TextStyle) fyne.Resource     { return appTheme().Font(s) }
func (checkTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return appTheme().Icon(n) }
func (checkTheme) Size(n fyne.ThemeSizeName) float32       { return appTheme().Size(n) }

func appTheme() fyne.Theme {
	if a := fyne.CurrentApp(); a != nil {
		return a.Settings().Theme()
	}
	return theme.DefaultTheme()
}
