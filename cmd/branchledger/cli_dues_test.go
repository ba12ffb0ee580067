package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/sqlite"
)

// payrollMembers saves the members a payroll fixture names, by ID sequence.
func payrollMembers(t *testing.T, path string, names ...string) []string {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids := make([]string, len(names))
	for i, n := range names {
		ids[i] = data.IDNumberWithCheck("13020319800101" + itoa(100 + i*2)[:3])
		m := data.Member{Name: n, IDNumber: ids[i], Ethnicity: "汉族", Category: data.CategoryFull,
			JoinDate: data.NewDate(2005, 7, 1), FullDate: data.NewDate(2006, 7, 1)}
		if err := db.CreateMember(context.Background(), &m); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// writeSheet saves rows as the first sheet of a new workbook, merging the title across.
func writeSheet(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell("Sheet1", "A1", "F1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// A messy payroll: a title, synonyms in the header, amounts as numbers and as text with full-width
// digits, thousands separators and 元; an unknown ID, a name that disagrees with the roster, a
// negative and a non-numeric amount, notes under the table.
func TestImportDuesBase(t *testing.T) {
	dir := t.TempDir()
	db, xlsx, report := filepath.Join(dir, "t.db"), filepath.Join(dir, "工资表.xlsx"), filepath.Join(dir, "问题.xlsx")
	ids := payrollMembers(t, db, "张三", "李四", "王五", "刘七", "陈八", "孙九")
	unknown := data.IDNumberWithCheck("13020319800101998")
	writeSheet(t, xlsx, [][]any{
		{"综采一队2026年1月职工工资表"},
		{"单位：综采一队", "", "", "", "制表日期：2026-01-31"},
		{"序号", "职工姓名", "身份证号码", "月收入（税后）", "缴费类别", "备注"},
		{1, "张三", ids[0], 4523.5, "", ""},
		{2, "李 四", ids[1], "４，８００．００元", "在职", ""},
		{3, "王五", ids[2], "5,000.01", "退休", ""},
		{4, "赵六", unknown, 3200, "", "外单位借调"},
		{5, "刘琦", ids[3], 3000, "", ""},
		{6, "陈八", ids[4], "-300", "", ""},
		{7, "孙九", ids[5], "待定", "", ""},
		{},
		{"合计", "", "", 28000},
		{"填表人：王会计"},
	})
	if code, _, errOut := run(t, "import", "dues-base", xlsx, "--db", db, "--from", "2026-01", "--strict"); code != 1 || !strings.Contains(errOut, "--strict") {
		t.Fatalf("strict: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "import", "dues-base", xlsx, "--db", db); code != 1 || !strings.Contains(errOut, "--from") {
		t.Fatalf("without --from: %d %s", code, errOut)
	}
	code, out, errOut := run(t, "import", "dues-base", xlsx, "--db", db, "--from", "2026-01", "--report", report)
	if code != 0 || !strings.Contains(out, "新增 3 条") || !strings.Contains(out, "4 行有错误") || !strings.Contains(out, "2026年1月") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	for _, want := range []string{"第7行 公民身份证号「" + unknown + "」：台账中没有这个身份证号的党员", "第8行 姓名「刘琦」：姓名与台账不符：台账中身份证号 " + ids[3] + " 的党员是「刘七」",
		"第9行 计算基数「-300」：金额「-300」为负数", "第10行 计算基数「待定」：金额「待定」无法识别"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("problems lack %q:\n%s", want, errOut)
		}
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bs, err := st.DuesBases(context.Background(), 0)
	if err != nil || len(bs) != 3 {
		t.Fatalf("bases %+v %v", bs, err)
	}
	got := map[string]string{}
	for _, b := range bs {
		got[b.MemberName] = b.From.String() + " " + b.Category + " " + data.FormatYuan(b.Base)
	}
	want := map[string]string{"张三": "2026-01 在职 4523.50", "李四": "2026-01 在职 4800.00", "王五": "2026-01 离退休 5000.01"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	rf, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	rows, _ := rf.GetRows(rf.GetSheetList()[0])
	if text := strings.Join(flatten(rows), "|"); !strings.Contains(text, "姓名与台账不符") || !strings.Contains(text, "为负数") {
		t.Errorf("report lacks the problems: %s", text)
	}
	// The same payroll again changes nothing.
	if code, out, _ := run(t, "import", "dues-base", xlsx, "--db", db, "--from", "2026-01"); code != 0 || !strings.Contains(out, "跳过 3 条") {
		t.Errorf("again: %d %s", code, out)
	}
	st.Close()

	// R21 and R22 from the command line.
	r21, r22 := filepath.Join(dir, "r21.xlsx"), filepath.Join(dir, "r22.xlsx")
	if code, out, errOut := run(t, "export", "dues", "--db", db, "--out", r21, "--year", "2026"); code != 0 || !strings.Contains(out, "2026年的党费收缴登记表（6 名党员") {
		t.Fatalf("export dues: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := run(t, "export", "dues-summary", "--db", db, "--out", r22, "--period", "2026-11"); code != 0 ||
		!strings.Contains(out, "应缴 143.24 元，实缴 0.00 元，欠缴 3 人") {
		t.Fatalf("export dues-summary: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "export", "dues", "--db", db, "--out", r21, "--period", "2026-11~2027-02"); code != 1 || !strings.Contains(errOut, "按年导出") {
		t.Fatalf("export dues over two years: %d %s", code, errOut)
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}
