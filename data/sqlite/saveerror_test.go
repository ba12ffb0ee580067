package sqlite

import (
	"errors"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"branchledger/data"
)

// What the disk does wrong during a save reaches the user as a Chinese message, not SQLite's English.
func TestSaveError(t *testing.T) {
	for code, want := range map[sqlite3.ErrNo]string{
		sqlite3.ErrFull:     "磁盘已满",
		sqlite3.ErrBusy:     "正被其他程序使用",
		sqlite3.ErrReadonly: "不可写",
		sqlite3.ErrIoErr:    "读写磁盘出错",
		sqlite3.ErrCorrupt:  "已损坏",
	} {
		err := saveError(sqlite3.Error{Code: code})
		if data.ErrorCode(err) == data.EInternal || !strings.Contains(data.ErrorMessage(err), want) {
			t.Errorf("%v: %v", code, err)
		}
	}
	other := errors.New("x")
	if saveError(other) != other || saveError(nil) != nil {
		t.Error("other errors must pass through unchanged")
	}
}
