//go:build windows

// Package winconsole lets a GUI-subsystem Windows program print in the console it was started from.
package winconsole

import (
	"log"
	"os"
	"syscall"
)

var (
	kernel32          = syscall.NewLazyDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
	procSetStdHandle  = kernel32.NewProc("SetStdHandle")
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = uintptr(^uint32(0))

// Attach lets the command-line sub-commands print in the cmd or PowerShell window the
// program was started from. The release exe is a GUI-subsystem program (-H=windowsgui), which
// Windows starts without a console, so its output would otherwise vanish. Started from Explorer
// there is no parent console and nothing changes; a console build already has one and keeps it.
// Output redirected to a file or pipe (> out.txt, | more) stays where it was sent.
//
// Limits of a GUI-subsystem exe: cmd does not wait for it (its prompt appears before our output;
// "start /wait" makes it wait), and reading CONIN$ competes with the shell for keystrokes.
//
// Call it first thing in main, before logging is set up.
func Attach() {
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return
	}
	oldStderr := os.Stderr
	reopen(&os.Stdout, syscall.STD_OUTPUT_HANDLE, "CONOUT$")
	reopen(&os.Stderr, syscall.STD_ERROR_HANDLE, "CONOUT$")
	reopen(&os.Stdin, syscall.STD_INPUT_HANDLE, "CONIN$")
	// The standard logger holds the *os.File it was created with.
	if log.Writer() == oldStderr {
		log.SetOutput(os.Stderr)
	}
}

// reopen points *f and the process's standard handle at the console device name, unless *f
// already is a usable handle (redirected by the shell). The process handle matters for the Go
// runtime's panic output and C code, which look it up on every write.
func reopen(f **os.File, std int, device string) {
	if usable(*f) {
		return
	}
	con, err := os.OpenFile(device, os.O_RDWR, 0)
	if err != nil {
		return
	}
	*f = con
	procSetStdHandle.Call(uintptr(uint32(std)), con.Fd())
}

// usable reports whether f wraps a real file, pipe or console handle; a GUI program without
// redirection gets a NULL handle there.
func usable(f *os.File) bool {
	if f == nil {
		return false
	}
	t, err := syscall.GetFileType(syscall.Handle(f.Fd()))
	return err == nil && t != syscall.FILE_TYPE_UNKNOWN
}
