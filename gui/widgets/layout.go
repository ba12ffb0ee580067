package widgets

// Small layout helpers shared by the screens:
//
//	Heading      a section title in the style of Section's (parts of a screen that are not field sections)
//	FormHeading  the title of a form that says which record it shows
//	Note         a wrapped line of explanation
//	DialogSize   a dialog size that fits inside the window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Heading is a title in the style of Section's, for parts of a screen that are not field sections.
func Heading(title string) fyne.CanvasObject {
	return widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameSubHeadingText,
		TextStyle: fyne.TextStyle{Bold: true}}})
}

// FormHeading says which record a form shows (set its text), styled as the 党员 form's title.
func FormHeading() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Note is a wrapped line of explanation.
func Note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// DialogSize is w×h, shrunk to fit inside the window.
func DialogSize(win fyne.Window, w, h float32) fyne.Size {
	ws := win.Canvas().Size()
	if ws.Width > 0 && w > ws.Width*0.95 {
		w = ws.Width * 0.95
	}
	if ws.Height > 0 && h > ws.Height*0.95 {
		h = ws.Height * 0.95
	}
	return fyne.NewSize(w, h)
}
