//go:build !windows

package winconsole

// Attach does nothing: outside Windows a program always writes to the terminal that
// started it.
func Attach() {}
