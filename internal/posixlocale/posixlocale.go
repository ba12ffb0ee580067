// Package posixlocale keeps Fyne quiet on Unix machines whose locale is C.UTF-8 (CI machines,
// minimal containers): Fyne's lang package reads the locale while it initialises and logs an error
// for the language "C", on every start of the command line too. Setting LANGUAGE, which gettext
// rules consult after such a locale, gives it a language it can parse; the program shows Chinese
// anyway. main imports this package for its init, which Go runs before Fyne's: unrelated packages
// initialise in the order of their import paths, and "branchledger/…" sorts before "fyne.io/…".
package posixlocale

import (
	"os"
	"runtime"
	"strings"
)

func init() {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || os.Getenv("LANGUAGE") != "" {
		return
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
				os.Setenv("LANGUAGE", "zh_CN")
			}
			return
		}
	}
}
