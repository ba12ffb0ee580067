package gui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/reports/catalog"
)

// writeGroupTemplate writes a small group template: a title of single values in A1 and a
// repeating row 3 of the given fields.
func writeGroupTemplate(t *testing.T, dir, title string, fields ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", title); err != nil {
		t.Fatal(err)
	}
	for i, fld := range fields {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		if err := f.SetCellValue("Sheet1", cell, "{{列:"+fld+"}}"); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "上级模板.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func reportKindOf(t *testing.T, s *ReportsScreen, id string) *catalog.Report {
	t.Helper()
	i := slices.IndexFunc(s.kinds, func(k *catalog.Report) bool { return k.ID == id })
	if i < 0 {
		t.Fatalf("the screen does not offer %s", id)
	}
	return s.kinds[i]
}

// TestTemplateExportRoster runs the 按上级模板导出 flow for R1 without its dialogs: check the
// template, save it for reuse, fill it, and find the members in the result.
func TestTemplateExportRoster(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	env.DataFile = filepath.Join(t.TempDir(), "台账.db")
	ctx := context.Background()
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, 0, 0)
	addTestMember(t, env, "李四", 2, 0, 0)
	ms, err := env.Store.Members(ctx, data.MemberFilter{}) // the roster's order
	if err != nil || len(ms) != 2 {
		t.Fatalf("members %v, %v", ms, err)
	}
	s := NewReportsScreen(env)
	k := reportKindOf(t, s, "R1")
	for _, id := range []string{"R1", "R3", "R7", "R9"} {
		if !reportKindOf(t, s, id).Fills {
			t.Errorf("%s cannot fill a group template", id)
		}
	}

	tpl := writeGroupTemplate(t, t.TempDir(), "{{支部名称}}党员名单", "序号", data.FName, data.FIDNumber)
	summary, err := s.checkTemplate(ctx, k, catalog.Input{}, tpl)
	if err != nil {
		t.Fatalf("a good template is refused: %v", err)
	}
	for _, want := range []string{"第 3 行", "{{列:" + data.FName + "}}", "{{支部名称}}"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary %q lacks %q", summary, want)
		}
	}

	saved, err := saveTemplate(env, k.ID, tpl)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(saved) != filepath.Join(filepath.Dir(env.DataFile), TemplateFolder) {
		t.Errorf("the template was saved as %s, not in the templates folder", saved)
	}
	orig, _ := os.ReadFile(tpl)
	if copied, err := os.ReadFile(saved); err != nil || !bytes.Equal(copied, orig) {
		t.Errorf("the saved copy differs from the template (%v)", err)
	}
	if got := savedTemplates(env, k.ID); len(got) != 1 || got[0] != filepath.Base(tpl) {
		t.Errorf("saved templates = %v", got)
	}

	out := filepath.Join(t.TempDir(), "花名册.xlsx")
	if err := writeWorkbook(ctx, out, func(w io.Writer) error { return s.fillTemplate(ctx, k, catalog.Input{}, saved, w) }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "综采一队党支部党员名单" {
		t.Fatalf("filled rows %q", rows)
	}
	for i, m := range ms {
		if want := []string{strconv.Itoa(i + 1), m.Name, m.IDNumber}; !slices.Equal(rows[2+i], want) {
			t.Errorf("record %d = %q, want %q", i+1, rows[2+i], want)
		}
	}
}

// TestTemplateSavedLastFirst: the template last used for a report is offered first.
func TestTemplateSavedLastFirst(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	if got := savedTemplates(env, "R1"); got != nil {
		t.Errorf("without a data file: %v", got)
	}
	env.DataFile = filepath.Join(t.TempDir(), "台账.db")
	var names []string
	for _, name := range []string{"甲.xlsx", "乙.xlsx"} {
		dir := t.TempDir()
		src := writeGroupTemplate(t, dir, "{{支部名称}}", data.FName)
		renamed := filepath.Join(dir, name)
		if err := os.Rename(src, renamed); err != nil {
			t.Fatal(err)
		}
		if _, err := saveTemplate(env, "R1", renamed); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	if got := savedTemplates(env, "R1"); !slices.Equal(got, []string{"乙.xlsx", "甲.xlsx"}) {
		t.Errorf("R1's templates = %v, want the last used first", got)
	}
	if _, err := saveTemplate(env, "R7", filepath.Join(templateDir(env), "甲.xlsx")); err != nil {
		t.Errorf("choosing a saved template again: %v", err)
	}
	if got := savedTemplates(env, "R7"); !slices.Equal(got, names) {
		t.Errorf("R7's templates = %v, want %v", got, names)
	}
}

// TestTemplateUnknownPlaceholders: a template naming what the report does not have is refused
// with the names, before any file is chosen to save.
func TestTemplateUnknownPlaceholders(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewReportsScreen(env)
	for _, id := range []string{"R1", "R9"} {
		k := reportKindOf(t, s, id)
		opts := catalog.Input{Period: data.YearPeriod(2026)}
		tpl := writeGroupTemplate(t, t.TempDir(), "{{支部名称}}{{党委书记}}", data.FName, "不存在的列")
		summary, err := s.checkTemplate(context.Background(), k, opts, tpl)
		if err == nil {
			t.Fatalf("%s: a template with unknown placeholders is accepted", id)
		}
		msg := data.ErrorMessage(err)
		for _, want := range []string{"{{党委书记}}", "{{列:不存在的列}}"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the message %q does not name %s", id, msg, want)
			}
		}
		if !strings.Contains(summary, "{{列:不存在的列}}") {
			t.Errorf("%s: the summary %q does not show the template's fields", id, summary)
		}

		// The check dialog shows the names, and offers no 导出… (no save dialog follows).
		s.confirmTemplate(k, opts, tpl)
		texts := dialogTexts(env.Win)
		for _, want := range []string{"这个模板不能使用", "{{党委书记}}", "{{列:不存在的列}}"} {
			if !strings.Contains(texts, want) {
				t.Errorf("%s: the dialog %q does not show %s", id, texts, want)
			}
		}
		for _, o := range test.LaidOutObjects(env.Win.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "导出…" && !b.Disabled() {
				t.Errorf("%s: 导出… is offered for a template that cannot be filled", id)
			}
		}
		tapDialogButton(t, env.Win, "取消")
	}
}
