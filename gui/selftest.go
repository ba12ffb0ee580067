package gui

// Self-tests of the Windows integration on the real window, run by the hidden commands
// selftest-ime and selftest-print (cmd/branchledger/selftest.go), under wine during development.
// They drive the main window as a user would, through the same code.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"

	"branchledger/data"
	"branchledger/gui/ime"
	"branchledger/reports/catalog"
)

var errNoMainWindow = errors.New("gui: the main window is not open")

const (
	// imeField is the member form's field the IME self-test types into: a wide field half way
	// down the form, below other fields and sections.
	imeField = data.FAddress
	imeText  = "河北省唐山市开平区"
)

// SelftestIME types into a field of the member form and reads back where the IME will open its
// composition window (ImmGetCompositionWindow): it succeeds only when that point lies in the
// field. What it finds goes to out. Off the UI goroutine.
func (s *Session) SelftestIME(out io.Writer) error {
	var field fyne.CanvasObject
	var err error
	fyne.DoAndWait(func() { field, err = s.TypeIntoMemberField(imeField, imeText) })
	if err != nil {
		return err
	}
	time.Sleep(5 * time.Second / 10) // the follower looks every 100 ms
	fyne.DoAndWait(func() { err = s.CheckIME(out, field, imeField, imeText) })
	return err
}

// SelftestPrint exports 党员花名册 beside the data file and presses 打印 in what follows, saying
// on out what it did. Off the UI goroutine.
func (s *Session) SelftestPrint(out io.Writer) error {
	var path string
	var printed bool
	var err error
	fyne.DoAndWait(func() { path, printed, err = s.ExportAndPrint(filepath.Dir(s.Path)) })
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "打印自检：已导出「%s」\n", path)
	if !printed {
		fmt.Fprintln(out, "  没有“打印”按钮（只在 Windows 上有）")
		return nil
	}
	fmt.Fprintln(out, "  已按“打印”：结果显示在窗口中")
	return nil
}

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

// CheckIME says on out where the caret of field (the form's field labelled label, into which text
// was typed) and the field are, and where the IME's windows will open: it fails unless the
// composition window opens in the field. On the UI goroutine.
func (s *Session) CheckIME(out io.Writer, field fyne.CanvasObject, label, text string) error {
	caret, rect, ok := ime.Caret(field)
	if !ok {
		return errors.New("selftest-ime: the field has no caret")
	}
	scale := s.Win.Canvas().Scale()
	cp, fp := caret.Pixels(scale), rect.Pixels(scale)
	fmt.Fprintf(out, "输入法自检：在党员表单的「%s」中输入了「%s」（框中现有「%s」）\n", label, text, ime.EntryOf(field).Text)
	fmt.Fprintf(out, "  画布缩放：%.2f，窗口 %v\n", scale, s.Win.Canvas().Size())
	fmt.Fprintf(out, "  输入框（客户区像素）：左 %d 上 %d 右 %d 下 %d\n", fp.Left, fp.Top, fp.Right, fp.Bottom)
	fmt.Fprintf(out, "  光标（计算）：x %d y %d，高 %d\n", cp.Left, cp.Top, cp.Bottom-cp.Top)
	comp, cand, err := ime.Placed(s.Win)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  合成窗口（ImmGetCompositionWindow）：x %d y %d\n", comp[0], comp[1])
	fmt.Fprintf(out, "  候选窗口（ImmGetCandidateWindow）：x %d y %d\n", cand[0], cand[1])
	if !fp.Contains(comp[0], comp[1]) {
		return data.Errorf(data.EInvalid, fmt.Sprintf("未通过：合成窗口的位置 (%d, %d) 不在输入框内", comp[0], comp[1]))
	}
	fmt.Fprintln(out, "通过：合成窗口的位置在输入框内")
	return nil
}
