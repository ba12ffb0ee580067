package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/sqlite"
)

func run(t *testing.T, argv ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = runCLI(argv, &out, &errOut)
	return code, out.String(), errOut.String()
}

func members(t *testing.T, path string) []data.Member {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, err := db.Members(context.Background(), data.MemberFilter{IncludeLeft: true})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// rosterFields keeps what R1 carries, so two files' members can be compared field by field.
func rosterFields(ms []data.Member) map[string]data.Member {
	out := map[string]data.Member{}
	for _, m := range ms {
		out[m.IDNumber] = data.Member{
			Name: m.Name, Sex: m.Sex, Ethnicity: m.Ethnicity, IDNumber: m.IDNumber, BirthDate: m.BirthDate,
			Education: m.Education, Category: m.Category, JoinDate: m.JoinDate, FullDate: m.FullDate, Job: m.Job,
			Mobile: m.Mobile, Landline: m.Landline, Address: m.Address, PartyStatus: m.PartyStatus,
			LostContact: m.LostContact, LostDate: m.LostDate, Floating: m.Floating, FloatingTo: m.FloatingTo, Remark: m.Remark,
		}
	}
	return out
}

// The R1 roster is also the import layout: exporting and importing it back must change nothing.
func TestRosterRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src, dst, roster := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db"), filepath.Join(dir, "花名册.xlsx")

	if code, _, errOut := run(t, "demo", "--db", src, "--members", "150"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	if code, out, errOut := run(t, "export", "members", "--db", src, "--out", roster); code != 0 || !strings.Contains(out, "已导出") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	code, out, errOut := run(t, "import", "members", roster, "--db", dst, "--strict")
	if code != 0 || errOut != "" {
		t.Fatalf("import into a new file: %d %s %s", code, out, errOut)
	}
	inRoll := 0
	for _, m := range members(t, src) {
		if m.RollStatus == data.RollIn {
			inRoll++
		}
	}
	if !strings.Contains(out, "新增 "+itoa(inRoll)+" 条") {
		t.Fatalf("summary %q, want %d added", out, inRoll)
	}
	want, got := rosterFields(members(t, src)), rosterFields(members(t, dst))
	for id, m := range got {
		if !reflect.DeepEqual(m, want[id]) {
			t.Fatalf("member %s changed on the way:\n got %+v\nwant %+v", id, m, want[id])
		}
	}

	// Importing the same roster back into its source in update mode changes nothing.
	before := members(t, src)
	code, out, errOut = run(t, "import", "members", roster, "--db", src, "--mode", "update", "--strict")
	if code != 0 || !strings.Contains(out, "新增 0 条，更新 0 条") {
		t.Fatalf("re-import: %d %s %s", code, out, errOut)
	}
	after := members(t, src)
	if !reflect.DeepEqual(before, after) {
		t.Fatal("re-importing the exported roster changed saved members")
	}
}

func TestImportReportsBadRows(t *testing.T) {
	dir := t.TempDir()
	db, xlsx, report := filepath.Join(dir, "t.db"), filepath.Join(dir, "roster.xlsx"), filepath.Join(dir, "问题.xlsx")
	f := excelize.NewFile()
	rows := [][]any{
		{"某某党支部党员花名册"},
		{"姓名", "身份证号", "入党时间", "转正时间", "人员类别", "民族"},
		{"张三", data.IDNumberWithCheck("13020319850512003"), "2008-07-01", "2009-07-01", "正式党员", "汉族"},
		{"李四", "130203198505120030", "2008-07-01", "2009-07-01", "正式党员", "汉族"},
		{"王五", data.IDNumberWithCheck("13020319900101002"), "2019.07", "", "预备党员", "回"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}

	// --strict: one bad row means nothing is imported, exit 1.
	code, _, errOut := run(t, "import", "members", xlsx, "--db", db, "--strict")
	if code != 1 || !strings.Contains(errOut, "第4行") || !strings.Contains(errOut, "校验位") {
		t.Fatalf("strict import: %d %q", code, errOut)
	}
	if n := len(members(t, db)); n != 0 {
		t.Fatalf("strict import saved %d members", n)
	}
	// Default: good rows in, bad rows reported, exit 0.
	code, out, errOut := run(t, "import", "members", xlsx, "--db", db, "--report", report)
	if code != 0 || !strings.Contains(out, "新增 2 条") || !strings.Contains(out, "1 行有错误") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	rf, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	all, _ := rf.GetRows(rf.GetSheetList()[0])
	found := false
	for _, r := range all {
		if strings.Contains(strings.Join(r, "|"), "4|公民身份证号|130203198505120030|") {
			found = true
		}
	}
	if !found {
		t.Fatalf("error report lacks row 4: %v", all)
	}
	// Again: both good rows exist now and are skipped (reported), exit 0.
	code, out, _ = run(t, "import", "members", xlsx, "--db", db)
	if code != 0 || !strings.Contains(out, "新增 0 条") || !strings.Contains(out, "跳过 2 条") {
		t.Fatalf("second import: %d %q", code, out)
	}
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		argv []string
		code int
		msg  string
	}{
		{[]string{"export", "members", "--db", filepath.Join(dir, "none.db"), "--out", filepath.Join(dir, "x.xlsx")}, 1, "不存在"},
		{[]string{"export", "members", "--db", "x.db"}, 1, "--out"},
		{[]string{"export", "inspections", "--db", "x.db", "--out", "y.xlsx"}, 1, "还没有提供"},
		{[]string{"import", "members", filepath.Join(dir, "old.xls"), "--db", filepath.Join(dir, "t.db")}, 1, ".xls"},
		{[]string{"import", "members", "a.xlsx", "--mode", "merge"}, 1, "--mode"},
		{[]string{"demo", "--members", "many"}, 1, "--members"},
		{[]string{"check", "--bogus"}, 1, "不认识的选项"},
	}
	os.WriteFile(filepath.Join(dir, "old.xls"), []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0o644)
	for _, c := range cases {
		code, _, errOut := run(t, c.argv...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.argv, code, errOut, c.code, c.msg)
		}
	}
	if code, out, _ := run(t, "help"); code != 0 || !strings.Contains(out, "branchledger demo") {
		t.Errorf("help: %d %q", code, out)
	}
}

func TestDemoCheckExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, out, errOut := run(t, "demo", "--db", db, "--members", "40"); code != 0 || !strings.Contains(out, "40 名党员") {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "demo", "--db", db); code != 1 || !strings.Contains(errOut, "已有") {
		t.Fatalf("second demo into the same file: %d %s", code, errOut)
	}
	if code, out, errOut := run(t, "check", "--db", db); code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check: %d %s %s", code, out, errOut)
	}
	out := filepath.Join(dir, "分布.xlsx")
	if code, _, errOut := run(t, "export", "distribution", "--db", db, "--out", out); code != 0 {
		t.Fatalf("export distribution: %d %s", code, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(f.GetSheetList()[0], "A1"); !strings.Contains(v, "党员分布表") {
		t.Fatalf("title %q", v)
	}
}

func TestParseArgs(t *testing.T) {
	a, err := parseArgs([]string{"members", "r.xlsx", "--db", "f.db", "--mode=update", "--strict"}, []string{"db", "mode"}, []string{"strict"})
	if err != nil || a.get("db") != "f.db" || a.get("mode") != "update" || !a.has("strict") || len(a.positional) != 2 {
		t.Fatalf("%+v %v", a, err)
	}
	if _, err := parseArgs([]string{"--db"}, []string{"db"}, nil); err == nil {
		t.Fatal("missing value accepted")
	}
}

func TestDefaultDataFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	p, err := defaultDataFile()
	if err != nil || p != filepath.Join("/tmp/xdg", "支部台账", "ledger.db") {
		t.Fatalf("%q %v", p, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
