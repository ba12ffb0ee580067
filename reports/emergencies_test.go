package reports

import (
	"io"
	"os"
	"testing"

	"branchledger/data"
)

func testEmergencies() []data.Emergency {
	return []data.Emergency{
		{Date: day(10, 9), Kind: "应急演练", Subject: "井下避灾路线演练", Place: "2201工作面",
			Members: []data.EmergencyMember{{MemberID: 1, Name: "王建国", Commando: true}, {MemberID: 2, Name: "李卫东"}},
			Lead:    "党员突击队率先到达避灾硐室", Result: "全员12分钟撤至安全地点"},
		{Date: day(11, 3), Kind: "防汛防火", Subject: "雨季排水巡查",
			Members: []data.EmergencyMember{{MemberID: 3, Name: "赵志强", Commando: true}}, Result: "清理排水沟2处"},
	}
}

func testSupplies() []data.Supply {
	return []data.Supply{
		{Name: "灭火器", Quantity: 12, Unit: "具", Place: "井口库房", Checked: day(11, 1), Expires: data.NewDate(2028, 3, 1)},
		{Name: "自救器", Quantity: 30, Unit: "台", Place: "灯房", Checked: day(10, 1), Expires: day(11, 10)},
		{Name: "急救箱", Quantity: 2, Unit: "个", Expires: day(12, 10)},
		{Name: "担架", Quantity: 0, Unit: "副", Place: "井口库房"},
	}
}

func TestGoldenEmergencyReports(t *testing.T) {
	asOf := day(11, 30)
	runGolden(t, []goldenCase{
		{"emergencies", func(w io.Writer) error {
			return WriteEmergencies(w, monthMeta, testEmergencies(), testSupplies(), asOf)
		}},
		{"emergencies_empty", func(w io.Writer) error { return WriteEmergencies(w, monthMeta, nil, nil, asOf) }},
	})
}

// TestEmergencySheets reads R19 back: the 突击队 marked, the 合计, and the expired and missing
// supplies red, the one expiring flagged but not red.
func TestEmergencySheets(t *testing.T) {
	path := writeFile(t, "r19.xlsx", func(f *os.File) error {
		return WriteEmergencies(f, monthMeta, testEmergencies(), testSupplies(), day(11, 30))
	})
	f := openTest(t, path)
	rows := sheetRows(t, f, "应急防控工作台账")
	// 1 title, 2 meta, 3 header, 4–5 records, 6 合计.
	checkCells(t, rows, []cellWant{
		{3, 4, "王建国（突击队）、李卫东", "参加党员"},
		{5, 0, "合计：2次（应急演练1次、防汛防火1次），党员参加3人次，其中突击队2人次", "合计"},
	})
	const sheet = "应急物资"
	srows := sheetRows(t, f, sheet)
	// 1 title, 2 meta, 3 info, 4 header, 5–8 supplies.
	flags := map[int]string{}
	for r := 5; r <= 8; r++ {
		row := srows[r-1]
		if len(row) > 7 {
			flags[r] = row[7]
		}
	}
	if flags[5] != "" || flags[6] != "已过期" || flags[7] != "30天内到期" || flags[8] != "缺失" {
		t.Errorf("flags %v", flags)
	}
	for r, want := range map[int]bool{5: false, 6: true, 7: false, 8: true} {
		if got := redCell(t, f, sheet, cellName(2, r)); got != want {
			t.Errorf("supply row %d red = %v", r, got)
		}
	}
}
