package ime

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// followEvery is how often the follower looks at the focused field. Fyne has no event for focus
// changes or caret moves that covers every text field (the program's, Fyne's own in dialogs), nor
// for a form scrolled or a window resized under the caret; looking ten times a second costs a tree
// walk and is quicker than anyone starts typing after clicking a field. An IME moves a composition
// already open when its position is set again, so a late update still lands.
const followEvery = 100 * time.Millisecond

// Placement is where the IME windows were put: the caret and the field, in client pixels.
type Placement struct {
	Caret, Field PixelRect
}

// follower places the IME windows of one window at the caret of its focused text field.
type follower struct {
	win fyne.Window
	// place tells the system (imm32 on Windows); it runs on the UI goroutine.
	place func(p Placement) error

	mu      sync.Mutex
	last    Placement
	focused fyne.Focusable // the field last placed for; nil when none
}

// update places the IME windows when the focused field or its caret moved since the last time.
// On the UI goroutine.
func (f *follower) update() {
	o := f.win.Canvas().Focused()
	co, isObject := o.(fyne.CanvasObject)
	if !isObject {
		f.setLast(Placement{}, nil)
		return
	}
	caret, field, ok := Caret(co)
	if !ok {
		f.setLast(Placement{}, nil)
		return
	}
	scale := f.win.Canvas().Scale()
	p := Placement{Caret: caret.Pixels(scale), Field: field.Pixels(scale)}
	if last, lastFocused := f.get(); lastFocused == o && last == p {
		return
	}
	if err := f.place(p); err != nil {
		return // tried again on the next look
	}
	f.setLast(p, o)
}

func (f *follower) setLast(p Placement, o fyne.Focusable) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.last, f.focused = p, o
}

// get is the last placement and the field it was for.
func (f *follower) get() (Placement, fyne.Focusable) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last, f.focused
}

// run looks every followEvery until stop is closed.
func (f *follower) run(stop <-chan struct{}) {
	t := time.NewTicker(followEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			fyne.Do(f.update)
		}
	}
}

// start runs the follower; the function returned stops it (more calls do nothing).
func (f *follower) start() (stop func()) {
	ch := make(chan struct{})
	go f.run(ch)
	var once sync.Once
	return func() { once.Do(func() { close(ch) }) }
}
