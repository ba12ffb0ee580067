package gui

import (
	"branchledger/reports/catalog"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWithExt(t *testing.T) {
	tests := []struct{ path, ext, want string }{
		{"报表", ".xlsx", "报表.xlsx"},
		{"报表.xlsx", ".xlsx", "报表.xlsx"},
		{"报表.XLSX", ".xlsx", "报表.XLSX"},
		{"报表.2026", ".xlsx", "报表.2026.xlsx"},
		{"报表.xls", ".xlsx", "报表.xls.xlsx"},
		{"报表", "", "报表"},
	}
	for _, tc := range tests {
		if got := withExt(tc.path, tc.ext); got != tc.want {
			t.Errorf("withExt(%q, %q) = %q, want %q", tc.path, tc.ext, got, tc.want)
		}
	}
}

func TestFileFilter(t *testing.T) {
	tests := []struct {
		exts                []string
		wantLabel, wantPats string
	}{
		{[]string{".xlsx"}, "Excel 工作簿 (*.xlsx)", "*.xlsx"},
		{[]string{".xlsx", ".xls"}, "Excel 工作簿 (*.xlsx;*.xls)", "*.xlsx;*.xls"},
		{[]string{".db"}, "文件 (*.db)", "*.db"},
	}
	for _, tc := range tests {
		label, pats := fileFilter(tc.exts)
		if label != tc.wantLabel || pats != tc.wantPats {
			t.Errorf("fileFilter(%v) = %q, %q; want %q, %q", tc.exts, label, pats, tc.wantLabel, tc.wantPats)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	if got := catalog.SafeFileName("综采/一队:党支部?-花名册\t.xlsx"); got != "综采_一队_党支部_-花名册_.xlsx" {
		t.Errorf("SafeFileName = %q", got)
	}
}

func TestStartFolder(t *testing.T) {
	tests := []struct {
		name      string
		last      string // "ok": an existing folder, "gone": a removed one, "": none
		documents bool   // the home folder has Documents
		want      string // "last", "documents" or "home"
	}{
		{"last folder", "ok", true, "last"},
		{"last folder gone (USB stick)", "gone", true, "documents"},
		{"nothing remembered", "", true, "documents"},
		{"no Documents folder", "", false, "home"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := newOrgTestEnv(t)
			home, last := t.TempDir(), t.TempDir()
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			if tc.documents {
				if err := os.Mkdir(filepath.Join(home, "Documents"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			switch tc.last {
			case "ok":
				env.App.Preferences().SetString(prefLastFolder, last)
			case "gone":
				env.App.Preferences().SetString(prefLastFolder, filepath.Join(last, "已拔出的U盘"))
			}
			want := map[string]string{"last": last, "documents": filepath.Join(home, "Documents"), "home": home}[tc.want]
			if got := startFolder(env); got != want {
				t.Errorf("startFolder = %q, want %q", got, want)
			}
		})
	}
}

func TestChosenRemembersFolder(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := t.TempDir()
	var got string
	chosen(env, filepath.Join(dir, "花名册.xlsx"), func(p string) { got = p })
	if got != filepath.Join(dir, "花名册.xlsx") {
		t.Errorf("fn got %q", got)
	}
	if last := lastFolder(env); last != dir {
		t.Errorf("last folder = %q, want %q", last, dir)
	}
}

// TestWriteWorkbook checks what the GUI adds to reports.SaveFile: a cancelled export stops and
// leaves the old file as it was.
func TestWriteWorkbook(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		cancel  bool
		write   func(w io.Writer) error
		wantErr error
		want    string // the file afterwards
	}{
		{"writes", false, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, nil, "new"},
		{"failure keeps the old file", false, func(w io.Writer) error { io.WriteString(w, "half"); return boom }, boom, "old"},
		{"cancelled keeps the old file", true, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, context.Canceled, "old"},
		{"cancelled without writing keeps the old file", true, func(io.Writer) error { return nil }, context.Canceled, "old"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "花名册.xlsx")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancel {
				cancel()
			}
			defer cancel()
			err := writeWorkbook(ctx, path, tc.write)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.want {
				t.Errorf("file holds %q, want %q", b, tc.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("files left in the folder: %v", entries)
			}
		})
	}
}

func TestOpenDialogPaths(t *testing.T) {
	dir := filepath.Join("汇总", "十一月")
	tests := []struct {
		parts, want []string
	}{
		{nil, nil},
		{[]string{filepath.Join(dir, "ZC01.zip")}, []string{filepath.Join(dir, "ZC01.zip")}},
		{[]string{dir, "ZC01.zip", "JJ02.zip"}, []string{filepath.Join(dir, "ZC01.zip"), filepath.Join(dir, "JJ02.zip")}},
	}
	for _, tt := range tests {
		if got := openDialogPaths(tt.parts); !slices.Equal(got, tt.want) {
			t.Errorf("openDialogPaths(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}
