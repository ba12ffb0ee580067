package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"branchledger/data"
	"branchledger/reports/catalog"
)

// r21Row is the printed R21 row of the member named name (from the 报表 screen's export).
func r21Row(t *testing.T, env *Env, name string) []string {
	t.Helper()
	k, ok := catalog.ByCLI("dues")
	if !ok {
		t.Fatal("no dues report in the catalogue")
	}
	path := filepath.Join(t.TempDir(), "r21.xlsx")
	if err := writeReport(context.Background(), env, k, catalog.Input{Period: data.YearPeriod(2026)}, path); err != nil {
		t.Fatal(err)
	}
	header, rows := headerRow(t, path)
	if !slices.Contains(header, "11月") {
		t.Fatalf("R21 header %v", header)
	}
	for _, r := range rows {
		if len(r) > 1 && r[1] == name {
			return r
		}
	}
	t.Fatalf("R21 has no row of %s: %v", name, rows)
	return nil
}

// Recording a payment of two months on the month sheet: the sheet, 工作台's figures and R21 change;
// a settled month takes no payment until reopened with a reason.
func TestDuesMonthPayment(t *testing.T) {
	env, changed := newOrgTestEnv(t)
	ctx := context.Background()
	zhang := addTestMember(t, env, "张三", 1, 0, 0)
	addTestMember(t, env, "李四", 3, 0, 0)
	for _, b := range []data.DuesBase{
		{MemberID: zhang.ID, From: data.Month{Year: 2026, Month: 1}, Category: data.DuesWorking, Base: 452350},
	} {
		if err := env.Store.SaveDuesBase(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	s := NewDuesMonthScreen(env)
	show(env, s)
	if s.title.Text != "2026年11月党费收缴" || !strings.Contains(s.totals.Text, "已收齐 0/1") {
		t.Fatalf("sheet %q %q", s.title.Text, s.totals.Text)
	}
	before := r21Row(t, env, "张三")
	if before[16] != "" || before[18] != "0.00" || before[19] != "10" {
		t.Fatalf("R21 before: %v", before)
	}

	test.Type(s.search, "zs")
	if len(s.shown) != 1 {
		t.Fatalf("search zs shows %d rows", len(s.shown))
	}
	s.list.Select(0)
	test.Tap(s.payBtn)
	f := s.pay
	if f == nil || f.member.ID != zhang.ID {
		t.Fatal("no payment dialog for 张三")
	}
	// November is checked; October too. Paid today, neither is more than 6 months late.
	var october string
	for i, m := range f.choices {
		if m == (data.Month{Year: 2026, Month: 10}) {
			october = f.months.Options[i]
		}
	}
	f.months.SetSelected(append(f.months.Selected, october))
	f.method.SetSelected("转账")
	tapDialogButton(t, env.Win, "登记")
	if s.pay != nil {
		t.Fatalf("the dialog stayed open: %s", dialogTexts(env.Win))
	}
	if !strings.Contains(s.totals.Text, "已收齐 1/1") || !strings.Contains(s.totals.Text, "缴纳 2 个月党费，共 90.48 元") || *changed == 0 {
		t.Errorf("after paying: %q (changed %d)", s.totals.Text, *changed)
	}
	after := r21Row(t, env, "张三")
	if after[15] != "45.24" || after[16] != "45.24" || after[18] != "90.48" || after[19] != "9" {
		t.Errorf("R21 after: %v", after)
	}

	// 工作台: 收齐 1/1, nobody behind.
	d, err := loadDuesHome(ctx, env.Store, env.Today())
	if err != nil || d.totals.Done != 1 || d.totals.Owing != 1 || d.noBase != 1 {
		t.Errorf("home %+v %v", d, err)
	}

	// Settle: no more payments; reopen needs a reason.
	test.Tap(s.settleBtn)
	tapDialogButton(t, env.Win, "结算")
	if s.view.State(s.month).State != data.DuesSettled || !s.payBtn.Disabled() {
		t.Fatalf("after settling: %+v", s.view.State(s.month))
	}
	test.Tap(s.settleBtn)
	tapDialogButton(t, env.Win, "重新打开")
	if !strings.Contains(dialogTexts(env.Win), "须写明原因") {
		t.Errorf("reopen without a reason: %s", dialogTexts(env.Win))
	}
}

// The profile form saves a base from a month; the list shows its 比例 and 月应缴; a bad amount is
// refused at its field.
func TestDuesProfileForm(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	zhang := addTestMember(t, env, "张三", 1, 0, 0)
	s := showNew(env, NewDuesProfilesScreen(env))
	s.member.SetSelected(zhang.ID)
	s.from.SetText("2026-07")
	s.category.SetSelected(data.DuesRetired)
	s.base.SetText("五千")
	s.Save()
	if s.fields.Get(data.FDuesBase).Error() == "" {
		t.Fatal("a base that is not a number was not refused at 计算基数")
	}
	s.base.SetText("５，０００．０１元")
	if s.due.Text != "比例 1%，月应缴 50.00 元" {
		t.Errorf("due shown %q", s.due.Text)
	}
	s.Save()
	bs, err := env.Store.DuesBases(ctx, zhang.ID)
	if err != nil || len(bs) != 1 || bs[0].Base != 500001 || bs[0].Category != data.DuesRetired || bs[0].From != (data.Month{Year: 2026, Month: 7}) {
		t.Fatalf("saved %+v %v", bs, err)
	}
	if len(s.visible) != 1 {
		t.Fatalf("list shows %d", len(s.visible))
	}
	if cells, _ := s.cells(&s.all[0]); strings.Join(cells, "|") != "张三|2026-07|离退休|5000.01|1%|50.00" {
		t.Errorf("row %v", cells)
	}
}

// The rate table: an edited bound is saved and used; a bound out of order is refused with the band named.
func TestDuesRatesScreen(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewDuesRatesScreen(env)
	show(env, s)
	if len(s.rows) != len(data.DefaultDuesRates()) || s.rows[0].upTo.Text != "3000.00" || s.rows[0].rate.Text != "0.5" || !s.rows[3].upTo.Disabled() {
		t.Fatalf("rows %+v", s.rows[0])
	}
	s.rows[0].upTo.SetText("3500")
	s.rows[1].rate.SetText("1.2")
	s.Save()
	r, _ := env.Store.DuesRates(context.Background())
	if r[0].UpTo != 350000 || r[1].Rate != 120 || !strings.Contains(s.status.Text, "已保存") {
		t.Fatalf("saved %+v, status %q", r[:2], s.status.Text)
	}
	s.rows[1].upTo.SetText("3000")
	s.Save()
	if !strings.Contains(s.status.Text, "第2档：上限(元)") {
		t.Errorf("status %q", s.status.Text)
	}
}

// The payroll import preview: rows with problems shown and left out, the rest saved in one go.
func TestDuesImportPreview(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	zhang := addTestMember(t, env, "张三", 1, 0, 0)
	li := addTestMember(t, env, "李四", 3, 0, 0)
	path := filepath.Join(t.TempDir(), "工资表.xlsx")
	writeTestSheet(t, path, [][]any{
		{"2026年11月工资表"},
		{"姓名", "身份证号", "月工资收入"},
		{"张三", zhang.IDNumber, "6,200.50元"},
		{"李斯", li.IDNumber, 5000},
		{"王五", data.IDNumberWithCheck("13020319850312999"), 4000},
	})
	imp := &duesImporter{env: env, path: path, month: data.Month{Year: 2026, Month: 11}}
	if err := imp.load(); err != nil {
		t.Fatal(err)
	}
	imp.show()
	if !strings.Contains(imp.summary.Text, "将导入 1 行，2 行有错误") || imp.run.Disabled() {
		t.Fatalf("summary %q", imp.summary.Text)
	}
	test.Tap(imp.run)
	waitFor(t, "the import", func() bool { return imp.ran })
	bs, _ := env.Store.DuesBases(context.Background(), 0)
	if len(bs) != 1 || bs[0].MemberID != zhang.ID || bs[0].Base != 620050 {
		t.Errorf("bases %+v", bs)
	}
}
