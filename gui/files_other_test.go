//go:build !windows

package gui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

func TestSaveDialog(t *testing.T) {
	tests := []struct {
		name     string
		typed    string // "" keeps the suggested 报表.xlsx
		existing string // a file ("x.xlsx") or folder ("x/") made beforehand
		answer   string // button of the replace question, when one is expected
		want     string // file name fn gets; "" = fn not called
		wantMsg  string // part of the message shown in the dialog
	}{
		{"suggested name", "", "", "", "报表.xlsx", ""},
		{"extension added", "花名册", "", "", "花名册.xlsx", ""},
		{"extension in capitals", "花名册.XLSX", "", "", "花名册.XLSX", ""},
		{"no name", "  ", "", "", "", "请输入文件名"},
		{"forbidden character", "一队/二队", "", "", "", "不能有"},
		{"a folder of that name", "旧报表", "旧报表.xlsx/", "", "", "是一个文件夹"},
		{"replace an existing file", "", "报表.xlsx", "替换", "报表.xlsx", ""},
		{"do not replace", "", "报表.xlsx", "取消", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := newOrgTestEnv(t)
			dir := useFolder(t, env)
			switch {
			case strings.HasSuffix(tc.existing, "/"):
				os.Mkdir(filepath.Join(dir, tc.existing), 0o755)
			case tc.existing != "":
				os.WriteFile(filepath.Join(dir, tc.existing), []byte("old"), 0o644)
			}
			got := ""
			askSaveFile(env, "导出党员花名册", "报表.xlsx", ".xlsx", func(p string) { got = p })
			sd := env.Win.Canvas().Overlays().Top()
			name := findEntry(t, sd)
			if name.Text != "报表.xlsx" || env.Win.Canvas().Focused() != name {
				t.Errorf("file name %q (focused %v), want the suggested name, focused", name.Text, env.Win.Canvas().Focused() == name)
			}
			if texts := dialogTexts(env.Win); !strings.Contains(texts, dir) {
				t.Errorf("the dialog does not show the folder %s: %q", dir, texts)
			}
			if tc.typed != "" {
				name.SetText(tc.typed)
			}
			tapDialogButton(t, env.Win, "保存")
			if tc.answer != "" {
				if !strings.Contains(dialogTexts(env.Win), "要替换它吗") {
					t.Fatalf("no replace question, dialog says %q", dialogTexts(env.Win))
				}
				tapDialogButton(t, env.Win, tc.answer)
			}
			want := ""
			if tc.want != "" {
				want = filepath.Join(dir, tc.want)
			}
			if got != want {
				t.Errorf("fn got %q, want %q", got, want)
			}
			open := env.Win.Canvas().Overlays().Top() == sd
			if open != (tc.want == "") {
				t.Errorf("the dialog is open: %v, want %v", open, tc.want == "")
			}
			if tc.wantMsg != "" && !strings.Contains(dialogTexts(env.Win), tc.wantMsg) {
				t.Errorf("message %q not shown: %q", tc.wantMsg, dialogTexts(env.Win))
			}
			// The dialog never creates or changes a file: only the export writes.
			entries, _ := os.ReadDir(dir)
			if len(entries) != len(slices.DeleteFunc([]string{tc.existing}, func(s string) bool { return s == "" })) {
				t.Errorf("files in the folder: %v", entries)
			}
			if b, err := os.ReadFile(filepath.Join(dir, tc.existing)); tc.existing != "" && !strings.HasSuffix(tc.existing, "/") && (err != nil || string(b) != "old") {
				t.Errorf("the existing file now holds %q (%v)", b, err)
			}
		})
	}
}

// findEntry is the first text field (the program's widgets.Entry) in o.
func findEntry(t *testing.T, o fyne.CanvasObject) *widgets.Entry {
	t.Helper()
	for _, x := range test.LaidOutObjects(o) {
		if e, ok := x.(*widgets.Entry); ok {
			return e
		}
	}
	t.Fatal("no entry in the dialog")
	return nil
}

// TestReportExportThroughDialog exports through the buttons: save dialog, progress, 已保存到.
func TestReportExportThroughDialog(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := useFolder(t, env)
	if err := env.Store.SaveBranch(context.Background(), &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, 0, 0)
	s := NewReportsScreen(env)
	show(env, s)
	s.askExport(s.kinds[0])
	tapDialogButton(t, env.Win, "保存")
	waitFor(t, "the saved message", func() bool { return strings.Contains(dialogTexts(env.Win), "已保存到") })
	path := filepath.Join(dir, "综采一队党支部-党员花名册-20261123.xlsx")
	if !strings.Contains(dialogTexts(env.Win), path) {
		t.Errorf("the message does not name %s: %q", path, dialogTexts(env.Win))
	}
	if _, rows := headerRow(t, path); !strings.Contains(strings.Join(slices.Concat(rows...), "|"), "张三") {
		t.Error("the exported roster lacks 张三")
	}
	tapDialogButton(t, env.Win, "关闭")
}

// TestReportExportFailureKeepsOldFile: replacing a report and failing half way leaves the old one.
func TestReportExportFailureKeepsOldFile(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := useFolder(t, env)
	s := NewReportsScreen(env)
	show(env, s)
	name := "测试报表.xlsx"
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("old report"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A report whose writer fails half way, exported the way every report is.
	exportWorkbook(env, "测试报表", name, func(ctx context.Context, path string) error {
		return writeWorkbook(ctx, path, func(w io.Writer) error {
			io.WriteString(w, "half")
			return data.Errorf(data.EInvalid, "磁盘已满")
		})
	})
	tapDialogButton(t, env.Win, "保存")
	tapDialogButton(t, env.Win, "替换")
	waitFor(t, "the error", func() bool { return strings.Contains(dialogTexts(env.Win), "磁盘已满") })
	if b, err := os.ReadFile(path); err != nil || string(b) != "old report" {
		t.Errorf("the old report now holds %q (%v)", b, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files in the folder: %v", entries)
	}
}

// TestImportThroughOpenDialog picks a roster in Fyne's open dialog, which starts in the last folder.
func TestImportThroughOpenDialog(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	dir := useFolder(t, env)
	writeTestRoster(t, dir)
	done := make(chan struct{})
	ShowImportDialog(env, func() { close(done) })
	top := env.Win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(dialogTexts(env.Win), "选择要导入的党员花名册") {
		t.Fatalf("no open dialog: %q", dialogTexts(env.Win))
	}
	if s := top.Size(); s.Width < 880 || s.Height < 580 {
		t.Errorf("the dialog is %v, want about 900×600", s)
	}
	tapItemLabelled(t, top, "花名册") // the grid view shows names without the extension
	tapDialogButton(t, env.Win, "打开")
	waitFor(t, "the preview", func() bool { return strings.Contains(dialogTexts(env.Win), "工作表：Sheet1") })
	tapDialogButton(t, env.Win, "导入")
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the import did not finish")
	}
	if ms, err := env.Store.Members(context.Background(), data.MemberFilter{}); err != nil || len(ms) != 2 {
		t.Errorf("members after the import: %d (%v), want the 2 good rows", len(ms), err)
	}
	if *changed != 1 {
		t.Errorf("env.Changed called %d times, want once", *changed)
	}
}

// tapItemLabelled taps the innermost tappable object in o that shows a label reading text.
func tapItemLabelled(t *testing.T, o fyne.CanvasObject, text string) {
	t.Helper()
	var hit fyne.Tappable
	for _, x := range test.LaidOutObjects(o) { // parents come before their children
		tap, ok := x.(fyne.Tappable)
		if !ok {
			continue
		}
		for _, y := range test.LaidOutObjects(x) {
			if l, ok := y.(*widget.Label); ok && l.Text == text {
				hit = tap
			}
		}
	}
	if hit == nil {
		t.Fatalf("nothing labelled %q to tap", text)
	}
	test.Tap(hit)
}
