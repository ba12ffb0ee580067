package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"branchledger/assets"
)

// Bundled resources, wrapped once: Fyne caches shaped fonts by resource name.
var (
	fontRegular = fyne.NewStaticResource("NotoSansCJKsc-Regular.otf", assets.FontRegular)
	fontBold    = fyne.NewStaticResource("NotoSansCJKsc-Bold.otf", assets.FontBold)
	// AppIcon is the program's icon (window icon and About dialog).
	AppIcon = fyne.NewStaticResource("Icon.png", assets.Icon)
)

// Party red, a little darker than Fyne's red so that it is told apart from error red.
var (
	colorPrimary   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	colorFocus     = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0x7f}
	colorSelection = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0x30}
	// Links are blue: in red, a list of records (查看依据) read as a list of errors.
	colorLink = color.NRGBA{R: 0x15, G: 0x65, B: 0xc0, A: 0xff}
	// Success text is a dark green: Fyne's light green is hard to read on white.
	colorSuccess = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
)

// ledgerTheme is Fyne's light theme with the bundled Chinese faces and a red primary colour. It is
// light whatever the OS prefers: the program is used in bright offices and printed sheets are white.
type ledgerTheme struct{}

// NewTheme returns the program's theme; set it with app.Settings().SetTheme.
func NewTheme() fyne.Theme { return ledgerTheme{} }

func (ledgerTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return colorPrimary
	case theme.ColorNameHyperlink:
		return colorLink
	case theme.ColorNameSuccess:
		return colorSuccess
	case theme.ColorNameForegroundOnPrimary:
		return color.White
	case theme.ColorNameFocus:
		return colorFocus
	case theme.ColorNameSelection:
		return colorSelection
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Font returns the bundled faces for all text (also monospace: Fyne's monospace face has no
// Chinese); the symbol font stays Fyne's own.
func (ledgerTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return fontBold
	}
	return fontRegular
}

func (ledgerTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (ledgerTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }
