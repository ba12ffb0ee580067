//go:build !windows

package ime

import (
	"errors"

	"fyne.io/fyne/v2"
)

// Follow does nothing outside Windows: there the input method places its own windows (or Fyne
// tells it where), and nothing changes.
func Follow(fyne.Window) (stop func()) { return func() {} }

// Placed has nothing to read back outside Windows.
func Placed(fyne.Window) (comp, cand [2]int32, err error) {
	return comp, cand, errors.New("ime: the IME position is only set on Windows")
}
