package sqlite

import (
	"os"
	"path/filepath"
	"runtime"
)

// DataFileExt is the ending of data files (and of their backups).
const DataFileExt = ".db"

const (
	appDirName   = "支部台账"
	dataFileName = "ledger" + DataFileExt
	portableMark = "portable"
)

// DefaultDataFile is where the data file lives when no --db is given (SPEC §8): beside the program
// when a file named "portable" sits there (USB sticks), else %APPDATA%\支部台账\ledger.db on Windows
// and the XDG data directory elsewhere.
func DefaultDataFile() (string, error) {
	if exe, err := os.Executable(); err == nil {
		dir := filepath.Dir(exe)
		if _, err := os.Stat(filepath.Join(dir, portableMark)); err == nil {
			return filepath.Join(dir, dataFileName), nil
		}
	}
	base, err := userDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, appDirName, dataFileName), nil
}

func userDataDir() (string, error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return os.UserConfigDir() // %APPDATA% on Windows
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share"), nil
}
