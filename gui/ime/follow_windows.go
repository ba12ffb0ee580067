//go:build windows

package ime

import (
	"errors"
	"fmt"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// imm32 is the Input Method Manager; x/sys/windows does not wrap it. Windows maps these calls
// onto the text services (TSF) of today's IMEs (微软拼音, 搜狗, WPS).
var (
	imm32                       = windows.NewLazySystemDLL("imm32.dll")
	procImmGetContext           = imm32.NewProc("ImmGetContext")
	procImmReleaseContext       = imm32.NewProc("ImmReleaseContext")
	procImmSetCompositionWindow = imm32.NewProc("ImmSetCompositionWindow")
	procImmGetCompositionWindow = imm32.NewProc("ImmGetCompositionWindow")
	procImmSetCandidateWindow   = imm32.NewProc("ImmSetCandidateWindow")
	procImmGetCandidateWindow   = imm32.NewProc("ImmGetCandidateWindow")
)

// Styles of COMPOSITIONFORM and CANDIDATEFORM (imm.h).
const (
	cfsPoint         = 0x0002
	cfsForcePosition = 0x0020
	cfsExclude       = 0x0080
)

// point is POINT (x/sys/windows has RECT only).
type point struct{ X, Y int32 }

// compositionForm is COMPOSITIONFORM.
type compositionForm struct {
	style uint32
	pos   point
	area  windows.Rect
}

// candidateForm is CANDIDATEFORM.
type candidateForm struct {
	index uint32
	style uint32
	pos   point
	area  windows.Rect
}

// Follow keeps the IME's composition and candidate windows of w at the caret of its focused text
// field until stop is called (or the program ends).
func Follow(w fyne.Window) (stop func()) {
	return (&follower{win: w, place: func(p Placement) error { return place(w, p) }}).start()
}

// place puts the composition window at the caret (CFS_POINT, forced: the IME may not move it
// elsewhere) and the candidate list just under the caret, never over the caret's line
// (CFS_EXCLUDE). On the UI goroutine, which is the thread that owns the window, as imm32 wants.
func place(w fyne.Window, p Placement) error {
	return withContext(w, func(himc uintptr) error {
		comp := compositionForm{style: cfsPoint | cfsForcePosition,
			pos: point{X: p.Caret.Left, Y: p.Caret.Top}}
		if r, _, err := procImmSetCompositionWindow.Call(himc, uintptr(unsafe.Pointer(&comp))); r == 0 {
			return fmt.Errorf("ImmSetCompositionWindow: %w", err)
		}
		cand := candidateForm{index: 0, style: cfsExclude,
			pos:  point{X: p.Caret.Left, Y: p.Caret.Bottom},
			area: windows.Rect{Left: p.Caret.Left, Top: p.Caret.Top, Right: p.Caret.Right, Bottom: p.Caret.Bottom}}
		if r, _, err := procImmSetCandidateWindow.Call(himc, uintptr(unsafe.Pointer(&cand))); r == 0 {
			return fmt.Errorf("ImmSetCandidateWindow: %w", err)
		}
		return nil
	})
}

// Placed reads back where the IME will open its windows for w: the composition window's point and
// the candidate window's point, in client pixels (the self-test's check). On the UI goroutine.
func Placed(w fyne.Window) (comp, cand [2]int32, err error) {
	err = withContext(w, func(himc uintptr) error {
		var cf compositionForm
		if r, _, err := procImmGetCompositionWindow.Call(himc, uintptr(unsafe.Pointer(&cf))); r == 0 {
			return fmt.Errorf("ImmGetCompositionWindow: %w", err)
		}
		var cd candidateForm
		if r, _, err := procImmGetCandidateWindow.Call(himc, 0, uintptr(unsafe.Pointer(&cd))); r == 0 {
			return fmt.Errorf("ImmGetCandidateWindow: %w", err)
		}
		comp, cand = [2]int32{cf.pos.X, cf.pos.Y}, [2]int32{cd.pos.X, cd.pos.Y}
		return nil
	})
	return comp, cand, err
}

// withContext runs fn with the input context of w's window and releases it afterwards.
func withContext(w fyne.Window, fn func(himc uintptr) error) error {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return errors.New("ime: not a native window")
	}
	var err error
	nw.RunNative(func(ctx any) {
		c, ok := ctx.(driver.WindowsWindowContext)
		if !ok || c.HWND == 0 {
			err = errors.New("ime: the window has no handle yet")
			return
		}
		if err = imm32.Load(); err != nil {
			return
		}
		himc, _, _ := procImmGetContext.Call(c.HWND)
		if himc == 0 {
			err = errors.New("ime: the window has no input context") // no IME installed
			return
		}
		defer procImmReleaseContext.Call(c.HWND, himc)
		err = fn(himc)
	})
	return err
}
