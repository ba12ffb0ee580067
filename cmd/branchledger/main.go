// Command branchledger is 支部台账: with no sub-command it opens the window; with one (demo, import,
// export, check) it works on the command line (SPEC §10). This file only wires the packages together.
package main

import (
	"os"

	_ "branchledger/cmd/branchledger/internal/posixlocale"
)

func main() {
	argv := os.Args[1:]
	if isCommand(argv) {
		attachConsole()
		os.Exit(runCLI(argv, os.Stdout, os.Stderr))
	}
	os.Exit(runGUI(argv))
}
