package reports

import (
	"io"
	"testing"
	"time"

	"branchledger/data"
)

// testDuesView is a branch of six on 2026-11-23: a worker paid up, one whose pay rose in July and who
// owes since September, a retiree exempt for two months, a farmer paying 0.50 元, a 其他固定额 member
// who paid nothing, and one who left in June after paying the first half year.
func testDuesView() (*data.DuesView, []data.Group, []data.DuesExtra) {
	groups := []data.Group{{ID: 1, Name: "综采一队第一党小组"}, {ID: 2, Name: "综采一队第二党小组"}}
	members := []data.Member{
		{ID: 1, Name: "王建国", GroupID: 1}, {ID: 2, Name: "李卫东", GroupID: 1}, {ID: 3, Name: "赵志强", GroupID: 2},
		{ID: 4, Name: "孙小梅", GroupID: 2}, {ID: 5, Name: "周海"}, {ID: 6, Name: "钱进", GroupID: 2, RollStatus: "转出", RollDate: data.NewDate(2026, 6, 28)},
	}
	m := func(mo int) data.Month { return data.Month{Year: 2026, Month: time.Month(mo)} }
	bases := []data.DuesBase{
		{MemberID: 1, From: m(1), Category: data.DuesWorking, Base: 852360},
		{MemberID: 2, From: m(1), Category: data.DuesWorking, Base: 480000},
		{MemberID: 2, From: m(7), Category: data.DuesWorking, Base: 1000001},
		{MemberID: 3, From: data.Month{Year: 2025, Month: 3}, Category: data.DuesRetired, Base: 500000},
		{MemberID: 4, From: m(1), Category: data.DuesFarmer, Fixed: 50},
		{MemberID: 5, From: m(4), Category: data.DuesFixed, Fixed: 1000},
		{MemberID: 6, From: m(1), Category: data.DuesWorking, Base: 300000},
	}
	reliefs := []data.DuesRelief{{MemberID: 3, Kind: data.ReliefExempt, From: m(5), To: m(6), ApprovalNo: "矿党委〔2026〕8号"}}
	v := data.NewDuesView(m(1), m(12), data.DefaultDuesRates(), members, groups, bases, reliefs, nil, nil)
	var pays []data.DuesPayment
	pay := func(id int64, mo int) {
		d := v.DueOf(id, m(mo))
		pays = append(pays, data.DuesPayment{MemberID: id, Month: m(mo), Due: d.Due, Paid: d.Due})
	}
	for mo := 1; mo <= 11; mo++ {
		pay(1, mo)
		pay(4, mo)
		if mo <= 8 {
			pay(2, mo)
		}
		if mo != 5 && mo != 6 {
			pay(3, mo)
		}
		if mo <= 6 {
			pay(6, mo)
		}
	}
	pay(1, 12) // paid ahead
	extras := []data.DuesExtra{{MemberID: 1, Amount: 100000}, {MemberID: 3, Amount: 20000}}
	return data.NewDuesView(m(1), m(12), data.DefaultDuesRates(), members, groups, bases, reliefs, pays, nil), groups, extras
}

func TestGoldenDuesReports(t *testing.T) {
	v, groups, extras := testDuesView()
	m := func(mo int) data.Month { return data.Month{Year: 2026, Month: time.Month(mo)} }
	yearMeta := Meta{Branch: testMeta.Branch, Period: "2026年", Date: asOf}
	runGolden(t, []goldenCase{
		{"dues_year", func(w io.Writer) error { return WriteDuesYear(w, yearMeta, 2026, v.YearRows(2026, asOf), extras) }},
		{"dues_year_empty", func(w io.Writer) error { return WriteDuesYear(w, yearMeta, 2026, nil, nil) }},
		{"dues_summary_month", func(w io.Writer) error { return WriteDuesSummary(w, monthMeta, v.Summary(m(11), m(11), asOf, groups)) }},
		{"dues_summary_year", func(w io.Writer) error { return WriteDuesSummary(w, yearMeta, v.Summary(m(1), m(12), asOf, groups)) }},
	})
}
