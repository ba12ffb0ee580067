package gui

// Self-tests of the Windows integration on the real window, run by the hidden commands
// selftest-ime and selftest-print (cmd/branchledger/selftest.go), under wine during development.
// They drive the main window as a user would, through the same code.

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"

	"branchledger/reports/catalog"
)

var errNoMainWindow = errors.New("gui: the main window is not open")

// TypeIntoMemberField shows 党员名单, starts a new member, focuses the field labelled label and
// types text into it as the driver delivers text an IME committed: rune by rune to the focused
// field. It returns the field's input. On the UI goroutine.
func (s *Session) TypeIntoMemberField(label, text string) (fyne.CanvasObject, error) {
	w := s.main
	if w == nil {
		return nil, errNoMainWindow
	}
	w.Navigate(Destination{Module: moduleMembers, Tab: tabMembers})
	if w.members == nil {
		return nil, errors.New("gui: 党员名单 did not open")
	}
	w.members.New()
	f := w.members.form.Field(label)
	if f == nil {
		return nil, errors.New("gui: the member form has no field " + label)
	}
	in, ok := f.Input.(fyne.Focusable)
	if !ok {
		return nil, errors.New("gui: " + label + " is not a text field")
	}
	s.Win.Canvas().Focus(in)
	for _, r := range text {
		in.TypedRune(r)
	}
	return f.Input, nil
}

// ExportAndPrint exports 党员花名册 into dir, shows what follows every export (已保存到 … with its
// buttons) and presses 打印 when there is one. It returns the file's path and whether 打印 was
// there. On the UI goroutine.
func (s *Session) ExportAndPrint(dir string) (path string, printed bool, err error) {
	if s.main == nil {
		return "", false, errNoMainWindow
	}
	env := s.main.env
	k := catalog.ByID("R1")
	path = filepath.Join(dir, k.FileName(reportInput(context.Background(), env, catalog.Input{})))
	if err := writeReport(context.Background(), env, k, catalog.Input{}, path); err != nil {
		return "", false, err
	}
	b := offerOpen(env, k.Title+"已导出", path)
	if b == nil {
		return path, false, nil
	}
	b.Tapped(&fyne.PointEvent{})
	return path, true, nil
}
