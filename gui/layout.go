package gui

// Small layout helpers shared by the screens:
//
//	heading      a section title in the style of Section's (parts of a screen that are not field sections)
//	formHeading  the title of a form that says which record it shows
//	note         a wrapped line of explanation
//	dialogSize   a dialog size that fits inside the window

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// heading is a title in the style of Section's, for parts of a screen that are not field sections.
func heading(title string) fyne.CanvasObject {
	return widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePrimary, SizeName: theme.SizeNameSubHeadingText,
		TextStyle: fyne.TextStyle{Bold: true}}})
}

// formHeading says which record a form shows (set its text), styled as the 党员 form's title.
func formHeading() *widget.Label {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// note is a wrapped line of explanation.
func note(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// dialogSize is w×h, shrunk to fit inside the window.
func dialogSize(env *Env, w, h float32) fyne.Size {
	ws := env.Win.Canvas().Size()
	if ws.Width > 0 && w > ws.Width*0.95 {
		w = ws.Width * 0.95
	}
	if ws.Height > 0 && h > ws.Height*0.95 {
		h = ws.Height * 0.95
	}
	return fyne.NewSize(w, h)
}
