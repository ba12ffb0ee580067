//go:build !windows

package sqlite

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock without waiting. flock belongs to the open file, so a second
// open in the same process conflicts too.
func lockFile(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return errLocked
	}
	return err
}
