package reports

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestSaveFileKeepsOldFileOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "花名册.xlsx")
	if err := SaveFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "old"); return err }); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("saved file mode %v, %v; want an ordinary 0644 document", st.Mode(), err)
	}
	boom := errors.New("boom")
	if err := SaveFile(path, func(w io.Writer) error { io.WriteString(w, "half"); return boom }); !errors.Is(err, boom) {
		t.Fatalf("error = %v, want boom", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Fatalf("old file changed to %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
	if err := SaveFile(filepath.Join(dir, "无此目录", "x.xlsx"), func(io.Writer) error { return nil }); err == nil {
		t.Fatal("saving into a missing folder succeeded")
	}
}
