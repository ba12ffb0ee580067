package sqlite

import (
	"path/filepath"
	"testing"
)

func TestDefaultDataFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	p, err := DefaultDataFile()
	if err != nil || p != filepath.Join("/tmp/xdg", "支部台账", "ledger.db") {
		t.Fatalf("%q %v", p, err)
	}
}
