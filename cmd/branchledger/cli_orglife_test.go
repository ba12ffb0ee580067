package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// An R12 export imports back with no changes: every row is read as the activity it printed (kinds,
// date, topic, host, recorder, scope, 应到, exceptions, make-ups), and importing it into the same
// file skips every row.
func TestActivitiesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "demo.db"), filepath.Join(dir, "r12.xlsx")
	if code, _, errOut := run(t, "demo", "--db", db, "--members", "40", "--months", "2"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	year := data.Today().Year
	if code, _, errOut := run(t, "export", "org-life", "--db", db, "--out", out, "--year", itoa(year-1)); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ic, err := data.LoadImportContext(ctx, st, data.Today())
	if err != nil {
		t.Fatal(err)
	}
	saved := ic.Saved
	ic.Saved = nil
	_, parse, err := reports.ReadActivities(out, ic)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.DeleteFunc(slices.Clone(saved), func(a data.Activity) bool { return a.Date.Year != year-1 })
	if len(parse.Rows) != len(want) || len(want) < 50 {
		t.Fatalf("%d rows read, %d activities in %d", len(parse.Rows), len(want), year-1)
	}
	for i, r := range parse.Rows {
		got, w := r.Activity, want[i]
		if len(r.Problems) > 0 {
			t.Fatalf("row %d: %v", r.Row, r.Problems)
		}
		same := got.KindsText() == w.KindsText() && got.Date == w.Date && got.Topic == w.Topic && got.HostID == w.HostID &&
			got.RecorderID == w.RecorderID && got.Scope == w.Scope && got.ScopeID == w.ScopeID && got.ExpectedSet == w.ExpectedSet &&
			got.AbsencesText() == w.AbsencesText() && got.MakeUpsText() == w.MakeUpsText()
		if !same || len(got.Absences) != len(w.Absences) || len(got.MakeUps) != len(w.MakeUps) {
			t.Fatalf("row %d read as\n%+v\nsaved\n%+v", r.Row, got, w)
		}
		for k := range got.MakeUps {
			if got.MakeUps[k].ConfirmerID != w.MakeUps[k].ConfirmerID {
				t.Fatalf("row %d make-up confirmer", r.Row)
			}
		}
	}
	st.Close()
	code, stdout, errOut := run(t, "import", "activities", out, "--db", db)
	if code != 0 || !strings.Contains(stdout, "导入 0 条组织生活记录，跳过 "+itoa(len(want))+" 条") {
		t.Fatalf("import of the export: %d %q %q", code, stdout, errOut)
	}
}

// A messy ledger: a title over a merged row, synonyms for the headers, dates as an Excel serial
// number and as text in several forms, kinds split on / and spaces, a note row; unknown names and
// kinds are reported per row, never guessed; --strict imports nothing.
func TestImportMessyActivities(t *testing.T) {
	dir := t.TempDir()
	dbPath, xlsx, report := filepath.Join(dir, "t.db"), filepath.Join(dir, "会议记录.xlsx"), filepath.Join(dir, "问题.xlsx")
	st, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	grp := data.Group{Name: "第一党小组"}
	if err := st.SaveGroup(ctx, &grp); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"张三", "李四", "王五"} {
		m := data.Member{Name: name, IDNumber: data.IDNumberWithCheck("13020319850512" + itoa(101+2*i)), Ethnicity: "汉族",
			Category: data.CategoryFull, JoinDate: data.NewDate(2010, 7, 1), FullDate: data.NewDate(2011, 7, 1), GroupID: grp.ID}
		if i == 0 {
			m.PartyRole = "书记"
		}
		if err := st.CreateMember(ctx, &m); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	f := excelize.NewFile()
	rows := [][]any{
		{"某某党支部2025年会议记录"},
		{},
		{"序号", "会议时间", "会议类型", "会议主题", "主持人", "参加范围", "应到人数", "缺席人员及原因", "补学", "记录人"},
		{1, 46000, "主题党日/党课", "  重温入党誓词 ", "张三", "全体党员", "", "李四(夜班)", "李四 2025.12.10 自学（张三确认）", "王五"},
		{2, "2025年12月1日", "支部委员会 第一议题学习", "研究发展党员", "张三", "支委", "", "", "", ""},
		{3, "20251115", "党小组会，", "学习安全承诺", "李四", "第一党小组", "3", "王小明（缺席）", "", ""},
		{4, "2025/11/3", "联欢会", "迎新联欢", "张三", "", "", "", "", ""},
		{5, "2025.10", "主题党日", "安全警示教育", "赵六", "全体党员", "", "", "", ""},
		{"填表人：王五"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell("Sheet1", "A1", "J1"); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(xlsx); err != nil {
		t.Fatal(err)
	}

	code, _, errOut := run(t, "import", "activities", xlsx, "--db", dbPath, "--strict")
	if code != 1 || !strings.Contains(errOut, "第6行") || !strings.Contains(errOut, "王小明") || !strings.Contains(errOut, "联欢会") ||
		!strings.Contains(errOut, "赵六") {
		t.Fatalf("strict import: %d %q", code, errOut)
	}
	code, out, errOut := run(t, "import", "activities", xlsx, "--db", dbPath, "--report", report)
	if code != 0 || !strings.Contains(out, "导入 2 条组织生活记录，跳过 0 条，3 行有错误未导入") {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	st, err = sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acts, err := st.Activities(ctx, data.ActivityFilter{})
	if err != nil || len(acts) != 2 {
		t.Fatalf("saved %+v %v", acts, err)
	}
	theme, committee := acts[1], acts[0]
	if theme.Date != data.NewDate(2025, 12, 9) || theme.KindsText() != "主题党日、党课" || theme.Topic != "重温入党誓词" ||
		theme.AbsencesText() != "李四（请假：夜班）" || theme.MakeUpsText() != "李四 2025-12-10 自学（张三确认）" || theme.Recorder != "王五" {
		t.Errorf("theme day %+v", theme)
	}
	if n, _ := theme.Present(); n != 2 {
		t.Errorf("实到 %d", n)
	}
	if committee.Scope != data.ScopeCommittee || committee.Date != data.NewDate(2025, 12, 1) || len(committee.InScope) != 1 {
		t.Errorf("committee %+v", committee)
	}
	rf, err := excelize.OpenFile(report)
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	all, _ := rf.GetRows(rf.GetSheetList()[0])
	text := ""
	for _, r := range all {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"6|缺席人员|王小明|", "7|类别|联欢会|", "8|主持人|赵六|"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}
