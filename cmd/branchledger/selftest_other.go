//go:build !windows

package main

import "os"

// selftestExit ends the process with code.
func selftestExit(code int) { os.Exit(code) }
