package gui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// importTestIDs are the ID numbers of the test workbook's rows.
var (
	idGood     = data.IDNumberWithCheck("13020319900101011")
	idExisting = data.IDNumberWithCheck("13020319800202022")
	idBad      = badCheck(data.IDNumberWithCheck("13020319750303033"))
)

// badCheck changes the check digit so that the number is invalid.
func badCheck(id string) string {
	last := byte('0')
	if id[17] == '0' {
		last = '1'
	}
	return id[:17] + string(last)
}

// writeTestRoster writes a roster like those secretaries keep: a title row, the header on row 2
// with a column the program does not know, then one good row, one bad row and one whose member is
// saved already.
func writeTestRoster(t *testing.T, dir string) string {
	t.Helper()
	rows := [][]any{
		{"综采一队党支部党员花名册"},
		{"序号", "姓名", "身份证号", "民族", "人员类别", "入党时间", "转正时间", "工作岗位", "工号"},
		{1, "张三", idGood, "汉族", "正式党员", "2015-07-01", "2016-07-01", "采煤机司机", "A01"},
		{2, "李四", idBad, "汉族", "正式党员", "2001.07.01", "2002.07.01", "支架工", "A02"},
		{3, "王五", idExisting, "汉族", "正式党员", "2005年7月1日", "2006年7月1日", "班长", "A03"},
	}
	path := filepath.Join(dir, "花名册.xlsx")
	writeTestSheet(t, path, rows)
	return path
}

// writeTestSheet saves rows as the first sheet of a new workbook at path.
func writeTestSheet(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// newImportTest is an env whose data file already holds 王五 (with no job), and the test roster.
func newImportTest(t *testing.T) (*Env, *importer, data.Member) {
	t.Helper()
	env, _ := newOrgTestEnv(t)
	w := data.Member{Name: "王五", Ethnicity: "汉族", IDNumber: idExisting, Category: data.CategoryFull,
		JoinDate: data.NewDate(2005, 7, 1), FullDate: data.NewDate(2006, 7, 1)}
	if err := env.Store.CreateMember(context.Background(), &w); err != nil {
		t.Fatal(err)
	}
	imp := newImporter(env, nil)
	if err := imp.load(writeTestRoster(t, t.TempDir())); err != nil {
		t.Fatalf("load: %v", err)
	}
	return env, imp, w
}

func TestImportPreview(t *testing.T) {
	env, imp, _ := newImportTest(t)
	imp.show()
	defer imp.dlg.Hide()

	if imp.parse.HeaderRow != 2 || imp.sheet != "Sheet1" {
		t.Errorf("header found on row %d of %q, want row 2 of Sheet1", imp.parse.HeaderRow, imp.sheet)
	}
	if len(imp.parse.Ignored) != 1 || imp.parse.Ignored[0] != "工号" {
		t.Errorf("ignored columns = %v, want [工号]", imp.parse.Ignored)
	}
	want := []struct {
		row     string
		name    string
		status  string
		problem string // part of the 问题 column
	}{
		{"3", "张三", statusOK, ""},
		{"4", "李四", statusBad, "公民身份证号"},
		{"5", "王五", statusExists, ""},
	}
	if rows, _ := imp.table.Length(); rows != len(want) {
		t.Fatalf("the table shows %d rows, want %d", rows, len(want))
	}
	cell := func(row, col int) string {
		l := widget.NewLabel("")
		imp.updateCell(widget.TableCellID{Row: row, Col: col}, l)
		return l.Text
	}
	for i, w := range want {
		if got := cell(i, 0); got != w.row {
			t.Errorf("row %d 行号 = %q, want %s", i, got, w.row)
		}
		if got := cell(i, 1); got != w.name {
			t.Errorf("row %d 姓名 = %q, want %s", i, got, w.name)
		}
		if got := cell(i, 4); got != w.status {
			t.Errorf("row %d 状态 = %q, want %s", i, got, w.status)
		}
		got := cell(i, 5)
		if (w.problem == "") != (got == "") || !strings.Contains(got, w.problem) {
			t.Errorf("row %d 问题 = %q, want it to mention %q", i, got, w.problem)
		}
	}
	if c := imp.countsLabel().Text; c != "共 3 行：可导入 1 行，已存在 1 行，有错误 1 行" {
		t.Errorf("counts = %q", c)
	}

	// Only bad rows.
	imp.onlyBad.SetChecked(true)
	if len(imp.shown) != 1 || cell(0, 1) != "李四" {
		t.Errorf("with 只显示有错误的行 the table shows %d rows", len(imp.shown))
	}
	imp.onlyBad.SetChecked(false)

	// Unchecking 跳过有错误的行 blocks the import and says why.
	imp.skipBad.SetChecked(false)
	if !imp.run.Disabled() || !strings.Contains(imp.hint.Text, "1 行有错误") {
		t.Errorf("with bad rows not skipped: run disabled %v, hint %q", imp.run.Disabled(), imp.hint.Text)
	}
	imp.skipBad.SetChecked(true)
	if imp.run.Disabled() {
		t.Error("the import button stays disabled when bad rows are skipped")
	}

	// Running through the button: done is called and the result is shown.
	finished := make(chan struct{})
	imp.done = func() { close(finished) }
	imp.run.OnTapped()
	select {
	case <-finished:
	case <-time.After(10 * time.Second):
		t.Fatal("the import did not finish")
	}
	if !strings.Contains(imp.summary.Text, "新增 1 条") || imp.close.Text != "关闭" {
		t.Errorf("after the import: summary %q, close button %q", imp.summary.Text, imp.close.Text)
	}
	ms, err := env.Store.Members(context.Background(), data.MemberFilter{})
	if err != nil || len(ms) != 2 {
		t.Fatalf("members after import: %d, %v", len(ms), err)
	}
}

func TestImportModes(t *testing.T) {
	tests := []struct {
		mode        data.ImportMode
		skipBad     bool
		wantErr     bool
		wantAdded   int
		wantUpdated int
		wantMembers []string // names saved afterwards
		wantWangJob string   // 王五's 工作岗位 afterwards
		errorRows   int
	}{
		{data.ImportSkip, true, false, 1, 0, []string{"张三", "王五"}, "", 1},
		{data.ImportUpdate, true, false, 1, 1, []string{"张三", "王五"}, "班长", 1},
		{data.ImportAdd, true, false, 1, 0, []string{"张三", "王五"}, "", 2},
		{data.ImportSkip, false, true, 0, 0, []string{"王五"}, "", 1},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s skipBad=%v", tc.mode, tc.skipBad), func(t *testing.T) {
			env, imp, wang := newImportTest(t)
			imp.setMode(tc.mode)
			if imp.selectedMode() != tc.mode {
				t.Fatalf("mode = %s", imp.selectedMode())
			}
			pl := imp.plan()
			if pl.ErrorRows != tc.errorRows {
				t.Errorf("error rows = %d, want %d", pl.ErrorRows, tc.errorRows)
			}
			res, err := imp.runImport(context.Background(), pl, tc.skipBad, nil)
			if (err != nil) != tc.wantErr {
				t.Fatalf("runImport error = %v, want error %v", err, tc.wantErr)
			}
			if res.Added != tc.wantAdded || res.Updated != tc.wantUpdated {
				t.Errorf("result = %+v, want %d added, %d updated", res, tc.wantAdded, tc.wantUpdated)
			}
			ms, err := env.Store.Members(context.Background(), data.MemberFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, m := range ms {
				names = append(names, m.Name)
			}
			slices.Sort(names)
			if !slices.Equal(names, tc.wantMembers) {
				t.Errorf("saved members = %v, want %v", names, tc.wantMembers)
			}
			got, err := env.Store.Member(context.Background(), wang.ID)
			if err != nil || got.Job != tc.wantWangJob {
				t.Errorf("王五's job = %q (%v), want %q", got.Job, err, tc.wantWangJob)
			}
		})
	}
}

func TestImportProblemsReport(t *testing.T) {
	_, imp, _ := newImportTest(t)
	imp.setMode(data.ImportAdd)
	path := filepath.Join(t.TempDir(), "问题清单.xlsx")
	if err := exportImportProblems(context.Background(), imp.env, path, imp.plan().Problems); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the report does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	// Row 4 (李四) has a bad ID number, row 5 (王五) exists, which 仅新增 counts as an error.
	for _, want := range []string{"|4|公民身份证号|" + idBad + "|", "|5|公民身份证号|" + idExisting + "|"} {
		if !strings.Contains(all, want) {
			t.Errorf("the problems report lacks %q:\n%s", want, all)
		}
	}
}

func TestImportRefusesFiles(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := t.TempDir()
	xls := filepath.Join(dir, "老花名册.xls")
	if err := os.WriteFile(xls, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0o644); err != nil {
		t.Fatal(err)
	}
	noHeader := filepath.Join(dir, "其他表.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"日期", "事项"})
	if err := f.SaveAs(noHeader); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		path, want string
	}{
		{xls, "另存为"},
		{noHeader, "姓名"},
		{filepath.Join(dir, "不存在.xlsx"), "找不到"},
	}
	for _, tc := range tests {
		err := newImporter(env, nil).load(tc.path)
		if err == nil || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("load(%s) = %v, want a message about %q", filepath.Base(tc.path), err, tc.want)
		}
	}
}

func TestImportCancelSavesNothing(t *testing.T) {
	env, imp, _ := newImportTest(t)
	imp.show()
	if env.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("the preview is not shown")
	}
	tapDialogButton(t, env.Win, "取消")
	if env.Win.Canvas().Overlays().Top() != nil {
		t.Error("the preview is still open after 取消")
	}
	ms, err := env.Store.Members(context.Background(), data.MemberFilter{IncludeLeft: true})
	if err != nil || len(ms) != 1 {
		t.Errorf("members after cancelling: %d (%v), want the 1 saved before", len(ms), err)
	}
}
