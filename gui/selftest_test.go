package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/gui/ime"
)

// selftestSession is the main window on a small demo branch, as the hidden self-tests open it.
func selftestSession(t *testing.T) *Session {
	t.Helper()
	a := test.NewTempApp(t)
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "自检.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(context.Background(), db, demo.GenerateMonths(1, 8, 1, orgTestToday)); err != nil {
		t.Fatal(err)
	}
	s := &Session{App: a, Win: test.NewTempWindow(t, nil), Path: db.Path(), Files: sqlite.Files{}}
	t.Cleanup(s.Close)
	if err := s.Start(db); err != nil {
		t.Fatal(err)
	}
	s.Win.Resize(fyne.NewSize(1280, 800))
	return s
}

// TestSelftestIMEField drives the member form as selftest-ime does: the text arrives in 家庭住址
// and the caret the IME is placed at lies in that field, in the scrolled member form.
func TestSelftestIMEField(t *testing.T) {
	s := selftestSession(t)
	field, err := s.TypeIntoMemberField(data.FAddress, "河北省唐山市")
	if err != nil {
		t.Fatal(err)
	}
	focused := s.Win.Canvas().Focused() == field.(fyne.Focusable)
	if e := ime.EntryOf(field); e == nil || e.Text != "河北省唐山市" || !focused {
		t.Fatalf("the field holds %v (focused: %v)", e, focused)
	}
	caret, rect, ok := ime.Caret(field)
	if !ok {
		t.Fatal("no caret")
	}
	px, fp := caret.Pixels(1), rect.Pixels(1)
	if !fp.Contains(px.Left, px.Top) || px.Left <= fp.Left+20 {
		t.Errorf("caret %v, want inside %v after six characters", px, fp)
	}
	if win := s.Win.Canvas().Size(); rect.Pos.X < 200 || rect.Pos.Y <= 0 || rect.Pos.Y > win.Height {
		t.Errorf("家庭住址 at %v: not in the form on the right of the window %v", rect, win)
	}
	if _, err := s.TypeIntoMemberField("没有这个字段", "x"); err == nil {
		t.Error("no error for a field the form lacks")
	}
}

// TestSelftestPrint runs selftest-print's drive (off the UI goroutine, as the command does): the
// report is exported beside the data file and said; outside Windows there is no 打印 to press.
func TestSelftestPrint(t *testing.T) {
	s := selftestSession(t)
	var out bytes.Buffer
	if err := s.SelftestPrint(&out); err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(out.String(), "已导出「")
	path, _, _ := strings.Cut(rest, "」")
	if st, err := os.Stat(path); err != nil || st.Size() == 0 || filepath.Dir(path) != filepath.Dir(s.Path) {
		t.Errorf("export %q beside %s: %v\n%s", path, s.Path, err, out.String())
	}
	if printed := strings.Contains(out.String(), "已按“打印”"); printed != (runtime.GOOS == "windows") {
		t.Errorf("打印 pressed: %v on %s\n%s", printed, runtime.GOOS, out.String())
	}
}
