package data

import (
	"strings"
	"testing"
	"time"
)

func yuan(t *testing.T, s string) int64 {
	t.Helper()
	f, err := ParseYuan(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The rate engine at every boundary the rule names and for every category; bounds are inclusive
// and amounts round half up to the fen.
func TestDuesRateTable(t *testing.T) {
	r := DefaultDuesRates()
	for _, c := range []struct {
		category    string
		base, fixed string
		rate        int64
		due         string
		rateText    string
	}{
		{DuesWorking, "0.01", "", 50, "0.00", "0.5%"},
		{DuesWorking, "1", "", 50, "0.01", "0.5%"}, // 0.005 rounds up
		{DuesWorking, "0.99", "", 50, "0.00", "0.5%"},
		{DuesWorking, "2999.99", "", 50, "15.00", "0.5%"},
		{DuesWorking, "3000", "", 50, "15.00", "0.5%"},
		{DuesWorking, "3000.01", "", 100, "30.00", "1%"},
		{DuesWorking, "4523.50", "", 100, "45.24", "1%"}, // 45.235 half up
		{DuesWorking, "5000", "", 100, "50.00", "1%"},
		{DuesWorking, "5000.01", "", 150, "75.00", "1.5%"},
		{DuesWorking, "7777.77", "", 150, "116.67", "1.5%"}, // 116.66655
		{DuesWorking, "10000", "", 150, "150.00", "1.5%"},
		{DuesWorking, "10000.01", "", 200, "200.00", "2%"},
		{DuesWorking, "23456.78", "", 200, "469.14", "2%"}, // 469.1356
		{DuesRetired, "3000", "", 50, "15.00", "0.5%"},
		{DuesRetired, "5000", "", 50, "25.00", "0.5%"},
		{DuesRetired, "5000.01", "", 100, "50.00", "1%"},
		{DuesRetired, "12000", "", 100, "120.00", "1%"},
		{DuesFarmer, "", "", 0, "0.20", "0%"},
		{DuesFarmer, "", "0.50", 0, "0.50", "0%"},
		{DuesFarmer, "", "1", 0, "1.00", "0%"},
		{DuesStudent, "", "", 0, "0.20", "0%"},
		{DuesUnemployed, "", "", 0, "0.20", "0%"},
		{DuesLowIncome, "", "", 0, "0.20", "0%"},
		{DuesLowIncome, "", "5", 0, "0.20", "0%"}, // a fixed category pays the table's amount
		{DuesFixed, "", "3", 0, "3.00", "0%"},
	} {
		b := DuesBase{MemberID: 1, From: Month{2026, 1}, Category: c.category}
		if c.base != "" {
			b.Base = yuan(t, c.base)
		}
		if c.fixed != "" {
			b.Fixed = yuan(t, c.fixed)
		}
		rate, due := r.Due(&b)
		if rate != c.rate || FormatYuan(due) != c.due || RateText(rate) != c.rateText {
			t.Errorf("%s base %s fixed %s: rate %d (%s) due %s; want %d (%s) %s", c.category, c.base, c.fixed,
				rate, RateText(rate), FormatYuan(due), c.rate, c.rateText, c.due)
		}
	}
}

// An edited table is used as it is, and a bad one is refused with the row named.
func TestDuesRatesEdited(t *testing.T) {
	r := DefaultDuesRates()
	r[0].UpTo = 350000 // the first band up to 3500
	if fe := ValidateDuesRates(r); fe != nil {
		t.Fatal(fe)
	}
	if _, due := r.Due(&DuesBase{Category: DuesWorking, Base: 350000}); due != 1750 {
		t.Errorf("3500 at 0.5%% = %d fen, want 1750", due)
	}
	for _, c := range []struct {
		edit  func(DuesRates) DuesRates
		label string
	}{
		{func(r DuesRates) DuesRates { r[1].UpTo = 200000; return r }, "第2档：上限(元)"},
		{func(r DuesRates) DuesRates { r[3].UpTo = 2000000; return r }, "第4档：上限(元)"},
		{func(r DuesRates) DuesRates { r[2].Rate = 0; return r }, "第3档：比例"},
		{func(r DuesRates) DuesRates { r[7].Fixed = 0; return r }, "第8档：固定金额"},
		{func(r DuesRates) DuesRates { return r[:9] }, "缴费类别"},
		{func(r DuesRates) DuesRates { r[0].Category = "干部"; return r }, "第1档：缴费类别"},
	} {
		fe := ValidateDuesRates(c.edit(DefaultDuesRates()))
		if fe.ForLabel(c.label) == "" {
			t.Errorf("want an error on %s, got %v", c.label, fe)
		}
	}
}

// A new base applies from its month; earlier months keep the old one.
func TestDuesBaseHistory(t *testing.T) {
	r := DefaultDuesRates()
	bases := []DuesBase{
		{MemberID: 7, From: Month{2026, 5}, Category: DuesWorking, Base: 600000},
		{MemberID: 7, From: Month{2025, 11}, Category: DuesWorking, Base: 420000},
		{MemberID: 7, From: Month{2026, 10}, Category: DuesRetired, Base: 480000},
	}
	v := NewDuesView(Month{2025, 1}, Month{2026, 12}, r, []Member{{ID: 7, Name: "张三"}}, nil, bases, nil, nil, nil)
	for _, c := range []struct {
		m   Month
		due int64
	}{
		{Month{2025, 10}, 0}, // before any base: nothing owed
		{Month{2025, 11}, 4200},
		{Month{2026, 4}, 4200},
		{Month{2026, 5}, 9000},
		{Month{2026, 9}, 9000},
		{Month{2026, 10}, 2400},
		{Month{2026, 12}, 2400},
	} {
		if d := v.DueOf(7, c.m); d.Due != c.due {
			t.Errorf("%s: due %d, want %d", c.m, d.Due, c.due)
		}
	}
	rows := v.YearRows(2026, NewDate(2027, 1, 1))
	if rows[0].Category != DuesRetired || rows[0].Monthly != 2400 || rows[0].Behind != 12 {
		t.Errorf("R21 row %+v", rows[0])
	}
}

// Reliefs: 免交 owes nothing, 减交 the reduced amount, only in their months; the approval fields
// are required.
func TestDuesRelief(t *testing.T) {
	bases := []DuesBase{{MemberID: 1, From: Month{2026, 1}, Category: DuesWorking, Base: 400000}}
	reliefs := []DuesRelief{
		{MemberID: 1, Kind: ReliefExempt, From: Month{2026, 3}, To: Month{2026, 4}},
		{MemberID: 1, Kind: ReliefReduce, From: Month{2026, 6}, To: Month{2026, 6}, Amount: 1000},
	}
	v := NewDuesView(Month{2026, 1}, Month{2026, 12}, DefaultDuesRates(), []Member{{ID: 1}}, nil, bases, reliefs, nil, nil)
	for m, want := range map[time.Month]int64{2: 4000, 3: 0, 4: 0, 5: 4000, 6: 1000, 7: 4000} {
		if d := v.DueOf(1, Month{2026, m}); d.Due != want {
			t.Errorf("month %d: due %d, want %d", m, d.Due, want)
		}
	}
	fe := ValidateDuesRelief(&DuesRelief{MemberID: 1, Kind: ReliefReduce, From: Month{2026, 1}, To: Month{2026, 2}})
	for _, f := range []string{FDuesAmount, FDuesApply, FDuesCommittee, FDuesApproval} {
		if fe.For(f) == "" {
			t.Errorf("no error on %s: %v", f, fe)
		}
	}
	ok := DuesRelief{MemberID: 1, Kind: ReliefExempt, From: Month{2026, 1}, To: Month{2026, 2}, ApplyDate: NewDate(2026, 1, 3),
		CommitteeDate: NewDate(2026, 1, 10), ApprovalNo: "矿党委〔2026〕3号"}
	if fe := ValidateDuesRelief(&ok); fe != nil {
		t.Error(fe)
	}
	ok.CommitteeDate = NewDate(2026, 1, 1)
	if ValidateDuesRelief(&ok).For(FDuesCommittee) == "" {
		t.Error("a committee date before the application passed")
	}
}

// Paying more than 6 months after the month needs a reason; 6 months late does not.
func TestDuesSixMonthRule(t *testing.T) {
	today := NewDate(2026, 12, 20)
	for _, c := range []struct {
		months []Month
		date   Date
		reason string
		ok     bool
	}{
		{[]Month{{2026, 6}}, NewDate(2026, 12, 20), "", true},           // 6 months late
		{[]Month{{2026, 5}}, NewDate(2026, 11, 30), "", true},           // 6
		{[]Month{{2026, 5}}, NewDate(2026, 12, 1), "", false},           // 7
		{[]Month{{2026, 5}}, NewDate(2026, 12, 1), "外出务工返回后补缴", true},   // 7 with a reason
		{[]Month{{2025, 12}, {2026, 7}, {2026, 8}}, today, "", false},   // one of several
		{[]Month{{2026, 12}, {2027, 1}}, today, "", true},               // paid ahead
		{[]Month{{2026, 1}, {2026, 2}}, NewDate(2026, 2, 10), "", true}, // on time
	} {
		p := DuesPay{MemberID: 1, Months: c.months, Date: c.date, Method: "现金", LateReason: c.reason}
		fe := ValidateDuesPay(&p, today)
		if got := fe.For(FDuesLate) == ""; got != c.ok {
			t.Errorf("%v paid %s reason %q: ok %v, want %v (%v)", c.months, c.date, c.reason, got, c.ok, fe)
		}
	}
	if MonthsLate(Month{2026, 6}, NewDate(2026, 12, 31)) != 6 || MonthsLate(Month{2026, 12}, NewDate(2026, 1, 1)) != 0 {
		t.Error("MonthsLate")
	}
	fe := ValidateDuesPay(&DuesPay{MemberID: 1, Months: []Month{{2026, 1}, {2026, 2}}, Amount: 100, Date: NewDate(2027, 1, 1)}, today)
	for _, f := range []string{FDuesPaid, FDuesPaidDate, FDuesMethod} {
		if fe.For(f) == "" {
			t.Errorf("no error on %s: %v", f, fe)
		}
	}
}

func TestParseYuan(t *testing.T) {
	for in, want := range map[string]int64{
		"4523.5": 452350, "4,523.50": 452350, "４５２３": 452300, "4523.50元": 452350, "¥4523": 452300,
		" 3 000 ": 300000, "3000.005": 300001, "3000.004": 300000, "0": 0, ".5": 50, "1.2E+4": 1200000,
		"１２，３４５．６７元": 1234567, "4523.4999999999": 452350, "+12": 1200,
	} {
		got, err := ParseYuan(in)
		if err != nil || got != want {
			t.Errorf("ParseYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-100", "abc", "12.3.4", "五千", "1e400"} {
		if _, err := ParseYuan(in); err == nil || !strings.Contains(err.Error(), "金额") {
			t.Errorf("ParseYuan(%q) = %v, want a Chinese error", in, err)
		}
	}
}

func FuzzParseYuan(f *testing.F) {
	for _, s := range []string{"4523.5", "4,523.50元", "４５２３", "-1", "1e3", "", "0.005", "¥1,000,000.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fen, err := ParseYuan(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "金额") {
				t.Fatalf("ParseYuan(%q): error not in Chinese: %v", s, err)
			}
			return
		}
		if fen < 0 {
			t.Fatalf("ParseYuan(%q) = %d < 0", s, fen)
		}
		// What FormatYuan shows reads back the same.
		if back, err := ParseYuan(FormatYuan(fen)); err != nil || back != fen {
			t.Fatalf("ParseYuan(%q) = %d; FormatYuan → %q → %d, %v", s, fen, FormatYuan(fen), back, err)
		}
	})
}

func TestParseMonth(t *testing.T) {
	for in, want := range map[string]Month{"2026-01": {2026, 1}, "2026.1": {2026, 1}, "2026年11月": {2026, 11}, "202612": {2026, 12}, "２０２６-０３": {2026, 3}} {
		if got, err := ParseMonth(in); err != nil || got != want {
			t.Errorf("ParseMonth(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"2026-13", "26-01", "", "2026"} {
		if _, err := ParseMonth(in); err == nil {
			t.Errorf("ParseMonth(%q) passed", in)
		}
	}
	if m := (Month{2026, 12}).Add(1); m != (Month{2027, 1}) {
		t.Error(m)
	}
	if d := (Month{2026, 2}).Last(); d != NewDate(2026, 2, 28) {
		t.Error(d)
	}
}

// The sheet, R22 and the A2 entries read the same ledger: who owes what, by group and in total.
func TestDuesViewSummaryAndPoints(t *testing.T) {
	members := []Member{{ID: 1, Name: "甲", GroupID: 10}, {ID: 2, Name: "乙", GroupID: 10}, {ID: 3, Name: "丙", GroupID: 20},
		{ID: 4, Name: "丁", RollStatus: "转出"}}
	groups := []Group{{ID: 10, Name: "第一党小组"}, {ID: 20, Name: "第二党小组"}}
	var bases []DuesBase
	for _, m := range members {
		bases = append(bases, DuesBase{MemberID: m.ID, From: Month{2026, 1}, Category: DuesWorking, Base: 400000})
	}
	var pays []DuesPayment
	for mo := 1; mo <= 11; mo++ {
		pays = append(pays, DuesPayment{MemberID: 1, Month: Month{2026, time.Month(mo)}, Due: 4000, Paid: 4000})
		if mo <= 8 {
			pays = append(pays, DuesPayment{MemberID: 2, Month: Month{2026, time.Month(mo)}, Due: 4000, Paid: 4000})
		}
	}
	pays = append(pays, DuesPayment{MemberID: 3, Month: Month{2026, 1}, Due: 4000, Paid: 4000})
	v := NewDuesView(Month{2026, 1}, Month{2026, 12}, DefaultDuesRates(), members, groups, bases, nil, pays, nil)
	if len(v.Members) != 3 {
		t.Fatalf("members %d: one who left and paid nothing is out", len(v.Members))
	}
	today := NewDate(2026, 11, 20)
	sheet := v.Sheet(Month{2026, 11})
	tot := Totals(sheet)
	if tot.Owing != 3 || tot.Done != 1 || strings.Join(tot.Behind, "") != "乙丙" || tot.Due != 12000 || tot.Paid != 4000 {
		t.Errorf("totals %+v", tot)
	}
	sum := v.Summary(Month{2026, 11}, Month{2026, 11}, today, groups)
	if len(sum) != 3 || sum[0] != (DuesSummaryRow{Group: "第一党小组", DueCount: 2, PaidCount: 1, BehindCount: 1, DueSum: 8000, PaidSum: 4000, Owing: 4000}) ||
		sum[2].Group != "合计" || sum[2].DueSum != 12000 || sum[2].BehindCount != 2 {
		t.Errorf("summary %+v", sum)
	}
	year := v.Summary(Month{2026, 1}, Month{2026, 12}, today, groups)
	// 11 months started by 2026-11-20: 甲 paid them all, 乙 owes 9–11, 丙 owes 2–11.
	if year[2].DueSum != 3*11*4000 || year[2].Owing != (3+10)*4000 || year[2].BehindCount != 2 {
		t.Errorf("year summary %+v", year[2])
	}
	es := PointEntriesForDues(v, 2026, today)
	if len(es) != 1 || es[0].MemberID != 3 || es[0].Date != NewDate(2026, 5, 1) || es[0].Points != -2 ||
		es[0].Reason != "未按期缴纳党费：2026年欠缴9个月（2月、3月、4月、5月、6月、7月、8月、9月、10月）" {
		t.Errorf("entries %+v", es)
	}
	// 乙 is 3 months behind once November has ended.
	es = PointEntriesForDues(v, 2026, NewDate(2026, 12, 1))
	if len(es) != 2 || es[0].MemberID != 2 || es[0].Date != NewDate(2026, 12, 1) {
		t.Errorf("entries on 12-01 %+v", es)
	}
	// After the year the entries keep their dates.
	es = PointEntriesForDues(v, 2026, NewDate(2027, 2, 1))
	if len(es) != 2 || es[0].Date != NewDate(2026, 12, 1) {
		t.Errorf("entries after the year %+v", es)
	}
}
