package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/gui"
	"branchledger/reports/catalog"
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
		{[]string{"export", "party-dues", "--db", "x.db", "--out", "y.xlsx"}, 1, "还没有提供"},
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

func itoa(n int) string { return strconv.Itoa(n) }

// addFindings saves, on top of a demo file, last month's inspections with known findings: one
// with three (one closed, two open and overdue), one with none, and a finding typed by hand for
// another team. It returns last month as --period takes it, and the team of the inspection.
func addFindings(t *testing.T, path string) (period string, team data.Team) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	teams, err := db.Teams(ctx)
	if err != nil || len(teams) < 2 {
		t.Fatalf("teams %v %v", teams, err)
	}
	ms, err := db.Members(ctx, data.MemberFilter{})
	if err != nil || len(ms) < 3 {
		t.Fatalf("members %d %v", len(ms), err)
	}
	today := data.Today()
	last := data.NewDate(today.Year, today.Month, 1).AddDays(-1)
	day := func(n int) data.Date { return data.NewDate(last.Year, last.Month, n) }
	finding := func(desc, cat string) data.Finding {
		return data.Finding{Category: cat, Description: desc, Responsible: "刘强", Deadline: day(3)}
	}
	full := data.Inspection{Date: day(1), Kind: "四不两直督查", Shift: "夜班", TeamID: teams[0].ID, Place: "工作面",
		Inspectors: []data.Inspector{{MemberID: ms[0].ID}, {MemberID: ms[1].ID, Lead: true}},
		Findings: []data.Finding{finding("皮带机头防护罩缺失", "设施设备"), finding("班前会未传达安全措施", "安全生产不实"),
			finding("一名党员迟到", "作风纪律")}}
	none := data.Inspection{Date: day(2), Kind: "日常检查", Unit: "机修车间", Inspectors: []data.Inspector{{MemberID: ms[2].ID, Lead: true}}}
	for _, in := range []*data.Inspection{&full, &none} {
		if err := db.SaveInspection(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	id := full.Findings[0].ID
	for _, to := range []string{data.StateFixing, data.StateReview, data.StateClosed} {
		co := &data.CloseOut{Progress: "已加装防护罩", Acceptor: ms[1].Name, ClosedDate: day(2)}
		if _, err := db.ChangeState(ctx, id, to, "", co); err != nil {
			t.Fatal(err)
		}
	}
	typed := finding("宿舍走廊堆放杂物", "环境卫生")
	typed.FoundDate, typed.TeamID = day(2), teams[1].ID
	if err := db.CreateFinding(ctx, &typed); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d-%02d", last.Year, int(last.Month)), teams[0]
}

// sheetRows reads the first sheet of an exported workbook.
func sheetRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// bodyRows are the rows between the header row and the signature row.
func bodyRows(rows [][]string, header int) [][]string {
	var body [][]string
	for _, r := range rows[header+1:] {
		if len(r) > 0 && strings.HasPrefix(r[0], "填表人") {
			break
		}
		if len(r) > 0 {
			body = append(body, r)
		}
	}
	return body
}

func col(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// TestExportFindingReports exports R2, R3 and R4 for last month from a demo file with known
// inspections and checks them against what the store holds.
func TestExportFindingReports(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	if code, _, errOut := run(t, "demo", "--db", path, "--members", "40"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	period, team := addFindings(t, path)
	p, err := data.ParsePeriod(period)
	if err != nil {
		t.Fatal(err)
	}
	ctx, today := context.Background(), data.Today()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ins, err1 := db.Inspections(ctx, data.InspectionFilter{From: p.From, To: p.To})
	inPeriod, err2 := db.Findings(ctx, data.FindingFilter{From: p.From, To: p.To})
	ofTeam, err3 := db.Findings(ctx, data.FindingFilter{From: p.From, To: p.To, TeamID: team.ID})
	db.Close()
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	overdue := func(fs []data.Finding) int {
		n := 0
		for i := range fs {
			if fs[i].OverdueDays(today) > 0 {
				n++
			}
		}
		return n
	}
	export := func(report string, extra ...string) [][]string {
		t.Helper()
		out := filepath.Join(dir, report+".xlsx")
		argv := append([]string{"export", report, "--db", path, "--out", out}, extra...)
		if code, stdout, errOut := run(t, argv...); code != 0 || !strings.Contains(stdout, "已导出") {
			t.Fatalf("%v: %d %s %s", argv, code, stdout, errOut)
		}
		return sheetRows(t, out)
	}

	t.Run("inspections", func(t *testing.T) {
		rows := export("inspections", "--period", period)
		if !strings.HasSuffix(rows[0][0], "党员督查检查台账") || !strings.Contains(strings.Join(rows[1], ""), "期间："+p.Label) {
			t.Fatalf("title rows %q", rows[:2])
		}
		want := []string{"序号", "督查日期", "督查类型", "班次", "督查组成员", "被查单位(班组)", "地点/岗位", "发现问题", "问题类别",
			"责任人", "整改期限", "整改情况", "状态", "验收人", "销号日期"}
		if !reflect.DeepEqual(rows[3], want) {
			t.Fatalf("header %q", rows[3])
		}
		lines, findings, none := 0, 0, 0
		for _, in := range ins {
			lines += max(1, len(in.Findings))
			findings += len(in.Findings)
		}
		body := bodyRows(rows, 3)
		late := 0
		for _, r := range body {
			if strings.HasPrefix(col(r, 12), "逾期") {
				late++
			}
			if col(r, 7) == "未发现问题" {
				none++
			}
		}
		var all []data.Finding
		for _, in := range ins {
			all = append(all, in.Findings...)
		}
		if len(body) != lines || late != overdue(all) || none != lines-findings || none == 0 || late < 2 {
			t.Fatalf("%d rows (%d overdue, %d without findings); store: %d inspections, %d findings, %d overdue",
				len(body), late, none, len(ins), findings, overdue(all))
		}
	})

	t.Run("rectifications", func(t *testing.T) {
		rows := export("rectifications", "--period", period)
		// Without a filter: title, 单位/期间, the as-of note, the header.
		if !strings.HasSuffix(rows[0][0], "问题整改销号台账") || !strings.HasPrefix(rows[2][0], "注：") || rows[3][0] != "序号" || rows[3][12] != "状态" {
			t.Fatalf("title %q note %q header %q", rows[0], rows[2], rows[3])
		}
		body := bodyRows(rows, 3)
		late := 0
		for _, r := range body {
			if strings.HasPrefix(col(r, 12), "逾期") {
				late++
			}
		}
		if len(body) != len(inPeriod) || late != overdue(inPeriod) {
			t.Fatalf("%d rows, %d overdue; store %d, %d", len(body), late, len(inPeriod), overdue(inPeriod))
		}
		// With one: the filter line comes first.
		rows = export("rectifications", "--period", period, "--team", team.Name)
		if rows[2][0] != "班组："+team.Name || len(bodyRows(rows, 4)) != len(ofTeam) {
			t.Fatalf("--team: info %q, %d rows, store %d", rows[2], len(bodyRows(rows, 4)), len(ofTeam))
		}
		rows = export("rectifications", "--period", period, "--category", "环境卫生")
		if body := bodyRows(rows, 4); rows[2][0] != "问题类别：环境卫生" || len(body) == 0 || col(body[0], 4) != "环境卫生" {
			t.Fatalf("--category: %q %q", rows[2], body)
		}
	})

	t.Run("monthly-review", func(t *testing.T) {
		rows := export("monthly-review", "--period", period)
		if !strings.HasSuffix(rows[0][0], "月度讲评表") || rows[2][0] != "一、总体情况" {
			t.Fatalf("title %q %q", rows[0], rows[2])
		}
		// Rows 5 and 6 hold 督查次数 and 发现问题 in column D.
		if rows[4][0] != "督查次数" || rows[4][3] != strconv.Itoa(len(ins)) || rows[5][0] != "发现问题" || rows[5][3] != strconv.Itoa(len(inPeriod)) {
			t.Fatalf("summary %q %q; store %d inspections, %d findings", rows[4], rows[5], len(ins), len(inPeriod))
		}
	})

	t.Run("default periods", func(t *testing.T) {
		month := data.MonthPeriod(today.Year, today.Month).Label
		year := data.YearPeriod(today.Year).Label
		for report, label := range map[string]string{"inspections": month, "monthly-review": month, "rectifications": year} {
			if rows := export(report); !strings.Contains(strings.Join(rows[1], ""), "期间："+label) {
				t.Errorf("%s: row 2 %q, want 期间：%s", report, rows[1], label)
			}
		}
	})
}

func TestExportErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	if code, _, errOut := run(t, "demo", "--db", path, "--members", "20"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	next := data.Today().Year + 1
	cases := []struct {
		argv []string
		msg  []string
	}{
		{[]string{"rectifications", "--period", "2026-11", "--year", "2026"}, []string{"只能选用一种"}},
		{[]string{"rectifications", "--year", "2026", "--from", "2026-11-01", "--to", "2026-11-30"}, []string{"只能选用一种"}},
		{[]string{"inspections", "--from", "2026-11-01"}, []string{"--from 和 --to 要一起使用"}},
		{[]string{"inspections", "--from", "2026-11-30", "--to", "2026-11-01"}, []string{"不能早于"}},
		{[]string{"inspections", "--from", "2026-02-30", "--to", "2026-03-01"}, []string{"--from「2026-02-30」"}},
		{[]string{"monthly-review", "--period", "2026-13"}, []string{"无法识别"}},
		{[]string{"monthly-review", "--year", "26"}, []string{"--year"}},
		{[]string{"monthly-review", "--period", strconv.Itoa(next)}, []string{"还没有开始"}},
		{[]string{"rectifications", "--team", "不存在的班组"}, []string{"班组「不存在的班组」不存在", "可选的班组有："}},
		{[]string{"rectifications", "--category", "乱写"}, []string{"可选的问题类别有：", "作风纪律"}},
		{[]string{"inspections", "--team", "采煤一班"}, []string{"不能使用 --team"}},
		{[]string{"members", "--period", "2026-11"}, []string{"不按期间导出"}},
		{[]string{"inspections", "--template", "t.xlsx"}, []string{"不能使用 --template"}},
	}
	for _, c := range cases {
		argv := append([]string{"export", c.argv[0], "--db", path, "--out", filepath.Join(dir, "x.xlsx")}, c.argv[1:]...)
		code, _, errOut := run(t, argv...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1 (%s)", c.argv, code, errOut)
		}
		for _, m := range c.msg {
			if !strings.Contains(errOut, m) {
				t.Errorf("%v: stderr %q lacks %q", c.argv, errOut, m)
			}
		}
	}
	// The list of valid teams names the demo's teams.
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	teams, err := db.Teams(context.Background())
	db.Close()
	if err != nil || len(teams) == 0 {
		t.Fatal(teams, err)
	}
	if _, _, errOut := run(t, "export", "rectifications", "--db", path, "--out", filepath.Join(dir, "x.xlsx"), "--team", "无"); !strings.Contains(errOut, teams[0].Name) {
		t.Errorf("stderr %q does not list %s", errOut, teams[0].Name)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.xlsx")); err == nil {
		t.Error("a failed export left a file")
	}
	if code, out, _ := run(t, "help"); code != 0 || !strings.Contains(out, "monthly-review") || !strings.Contains(out, "--team") {
		t.Errorf("help lacks the new exports: %q", out)
	}
}

// TestExportList lists every report of the catalogue, as the help does, with its name and title.
func TestExportList(t *testing.T) {
	code, out, errOut := run(t, "export", "--list")
	if code != 0 || errOut != "" {
		t.Fatalf("export --list: %d %q", code, errOut)
	}
	_, help, _ := run(t, "--help")
	for _, r := range catalog.All() {
		if !strings.Contains(out, r.CLI) || !strings.Contains(out, r.Title) || !strings.Contains(out, r.ID) {
			t.Errorf("export --list lacks %s %s %s:\n%s", r.ID, r.CLI, r.Title, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(help, line) {
			t.Errorf("help lacks the line %q of export --list", line)
		}
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != len(catalog.All()) {
		t.Errorf("export --list has %d lines for %d reports", n, len(catalog.All()))
	}
}

// Usage mistakes are bad input: a plain message and the command's usage, exit 1; --help on any
// command prints its usage and exits 0; an unknown command says so (and opens no window).
func TestUsageMistakes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		argv []string
		want string
	}{
		{[]string{"demo", "--members", "abc", "--db", db}, "--members 应为 1 到 100000 之间的整数"},
		{[]string{"export", "frob", "--db", db, "--out", "x.xlsx"}, "报表「frob」还没有提供"},
		{[]string{"export", "members", "--db", db}, "请用 --out 指定输出的 .xlsx 文件"},
		{[]string{"import", "members", "--db", db}, "请写成：branchledger import members 花名册.xlsx"},
		{[]string{"demo", "--frob"}, "不认识的选项 --frob"},
		{[]string{"import", "members", "a.xlsx", "--mode", "merge", "--db", db}, "--mode 只能是 skip、update 或 add"},
		{[]string{"export", "inspections", "--team", "采煤一班", "--db", db, "--out", "x.xlsx"}, "不能使用 --team"},
		{[]string{"export", "monthly-review", "--year", "26", "--db", db, "--out", "x.xlsx"}, "--year 应为四位的年份"},
	} {
		code, _, errOut := run(t, tc.argv...)
		if code != 1 || !strings.Contains(errOut, tc.want) || strings.Contains(errOut, "程序内部错误") ||
			!strings.Contains(errOut, "用法：\n  branchledger "+tc.argv[0]) {
			t.Errorf("%v: exit %d, %q; want exit 1 saying %q and the command's usage", tc.argv, code, errOut, tc.want)
		}
	}
	for _, name := range []string{"demo", "import", "export", "check", "backup", "restore", "package", "consolidate"} {
		code, out, errOut := run(t, name, "--help")
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "用法：\n  branchledger "+name) {
			t.Errorf("%s --help: exit %d, %q %q", name, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, "frob"); code != 1 || !strings.Contains(errOut, "不认识的命令「frob」") {
		t.Errorf("frob: exit %d, %q", code, errOut)
	}
	for argv, want := range map[string]bool{"frob": true, "help": true, "/?": true, "--db": false, "台账.db": false, "D:\\台账\\a.DB": false} {
		if got := isCommand([]string{argv}); got != want {
			t.Errorf("isCommand(%q) = %v", argv, got)
		}
	}
}

// Without a display the window cannot open: one Chinese line and exit code 1, no stack trace.
func TestGUIWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	if msg := gui.NoDisplay(); !strings.Contains(msg, "没有可用的图形显示") {
		t.Fatalf("NoDisplay() = %q", msg)
	}
	if code := runGUI([]string{"--db", filepath.Join(t.TempDir(), "x.db")}); code != 1 {
		t.Errorf("runGUI without a display: exit %d, want 1", code)
	}
}
