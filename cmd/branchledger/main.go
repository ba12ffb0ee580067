// Command branchledger is 支部台账: with no sub-command it opens the window; with one (demo, import,
// export, check) it works on the command line (SPEC §10). This file only wires the packages together.
package main

import (
	"os"
	"runtime/debug"

	"branchledger/internal/winconsole"

	_ "branchledger/internal/posixlocale"
)

func main() {
	argv := os.Args[1:]
	if isCommand(argv) {
		// A command holds its rows once (an export of 10,000 members: ~40 MiB live); Go's default
		// lets the heap double between collections, which would be the larger part of its peak.
		// The window keeps the default: it lives long and allocates in small steps. GOGC, when
		// set, still wins.
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(cliGCPercent)
		}
		winconsole.Attach()
		os.Exit(runCLI(argv, os.Stdout, os.Stderr))
	}
	os.Exit(runGUI(argv))
}

// cliGCPercent is the GOGC of the command-line commands: the heap grows by 30 % of what is live
// before a collection, which keeps an export's peak near the floor of its libraries (issue 17).
const cliGCPercent = 30
