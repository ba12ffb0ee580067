package reports

import (
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
)

// testTemplate returns the seeded template of a facility category.
func testTemplate(t *testing.T, category string) data.Checklist {
	t.Helper()
	for _, tp := range data.DefaultChecklists() {
		if tp.Category == category {
			return tp
		}
	}
	t.Fatalf("no seeded template for %s", category)
	return data.Checklist{}
}

// deduct scores the item named name of c (score < points needs a reason); na marks it 不适用.
func deduct(t *testing.T, c *data.Check, name string, score float64, reason string, na bool) {
	t.Helper()
	for i := range c.Items {
		if c.Items[i].Name == name {
			c.Items[i].Score, c.Items[i].Reason, c.Items[i].NA = score, reason, na
			return
		}
	}
	t.Fatalf("no item %s", name)
}

// testCheck makes a validated check of a new facility of the category.
func testCheck(t *testing.T, id int64, category, facility string, date data.Date, edit func(c *data.Check)) data.Check {
	t.Helper()
	f := data.Facility{ID: id * 10, Category: category, Name: facility, Manager: "王师傅"}
	c := data.NewCheck(f, testTemplate(t, category), date, "张三、李四")
	c.ID = id
	if edit != nil {
		edit(&c)
	}
	c.Normalize()
	if fe := data.ValidateCheck(&c, asOf); fe != nil {
		t.Fatalf("fixture check %d is invalid: %v", id, fe)
	}
	return c
}

// canteenCheck has an N/A item, deductions (one of half a point) and a failed key item: 77.5 of
// 90 → 86.1, 不合格.
func canteenCheck(t *testing.T) data.Check {
	return testCheck(t, 1, data.FacilityCanteen, "一号职工食堂", day(11, 20), func(c *data.Check) {
		deduct(t, c, "原料索证索票", 0, "", true) // the serving point buys no raw materials
		deduct(t, c, "食品留样", 0, "午餐未留样，留样记录缺11月19日晚餐", false)
		deduct(t, c, "生熟分开", 8, "熟食冰箱内存放生肉一盒", false)
		deduct(t, c, "价格公示", 9.5, "公示牌有两个菜价未更新", false)
	})
}

// testChecks for R6: given out of date order; one of each 等次, 不合格 by a key item and by score.
func testChecks(t *testing.T) []data.Check {
	return []data.Check{
		canteenCheck(t),
		testCheck(t, 2, data.FacilityBathhouse, "主井澡堂", day(11, 3), func(c *data.Check) {
			deduct(t, c, "通风照明", 13, "两盏灯不亮", false)
		}),
		testCheck(t, 3, data.FacilityDormitory, "单身职工公寓3号楼", day(11, 10), func(c *data.Check) {
			deduct(t, c, "室内卫生", 15, "312、315室卫生差", false)
			deduct(t, c, "物品定置", 6, "鞋物乱放", false)
		}),
		testCheck(t, 4, data.FacilityDormitory, "单身职工公寓5号楼", day(11, 10), func(c *data.Check) {
			deduct(t, c, "室内卫生", 10, "多个房间未打扫", false)
			deduct(t, c, "设施完好", 8, "门窗损坏未报修", false)
			deduct(t, c, "消防器材", 10, "灭火器过期", false)
		}),
		testCheck(t, 5, data.FacilityCanteen, "二号职工食堂", day(11, 21), func(c *data.Check) {
			deduct(t, c, "餐具消毒", 9, "消毒记录缺一天", false)
			deduct(t, c, "从业人员健康证", 5, "一人健康证过期", false)
		}),
	}
}

func TestGoldenCheckReports(t *testing.T) {
	checks := testChecks(t)
	runGolden(t, []goldenCase{
		{"check_sheet", func(w io.Writer) error {
			return WriteCheckSheet(w, testMeta, canteenCheck(t), data.GradeThresholds{})
		}},
		{"check_summary", func(w io.Writer) error {
			return WriteCheckSummary(w, monthMeta, CheckSummaryRows(checks, data.DefaultGradeThresholds))
		}},
		{"check_summary_empty", func(w io.Writer) error { return WriteCheckSummary(w, monthMeta, nil) }},
	})
}

// TestCheckSheetFigures reads R5 back for checks of each outcome: the figures under the items, the
// 等次, what is red, and the thresholds in the note.
func TestCheckSheetFigures(t *testing.T) {
	tests := []struct {
		name     string
		check    func(t *testing.T) data.Check
		th       data.GradeThresholds
		figures  [4]string // 实得分, 应得分, 标化分, 等次 as shown
		redRows  []int     // item rows (1-based 序号) printed red
		gradeRed bool
		note     string
	}{
		{"key item failed", canteenCheck, data.GradeThresholds{}, [4]string{"77.5", "90", "86.1", "不合格"}, []int{1}, true,
			"关键项「食品留样」不合格"},
		{"excellent", func(t *testing.T) data.Check {
			return testCheck(t, 7, data.FacilityGreen, "工业广场绿地", day(11, 2), func(c *data.Check) {
				deduct(t, c, "绿地养护", 36.5, "草坪局部枯黄", false)
			})
		}, data.GradeThresholds{}, [4]string{"96.5", "100", "96.5", "优秀"}, nil, false, "标化分≥90为优秀"},
		{"configured thresholds", func(t *testing.T) data.Check {
			return testCheck(t, 8, data.FacilityBathhouse, "副井澡堂", day(11, 2), func(c *data.Check) {
				deduct(t, c, "水温水压", 12, "水温偏低", false)
			})
		}, data.GradeThresholds{Excellent: 95, Pass: 85}, [4]string{"92", "100", "92", "合格"}, nil, false, "标化分≥95为优秀，≥85为合格"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.check(t)
			path := writeFile(t, "r5.xlsx", func(f *os.File) error { return WriteCheckSheet(f, testMeta, c, tt.th) })
			f := openTest(t, path)
			const sheet = "检查评分表"
			// rows: 1 title, 2 meta, 3–4 info, 5 header, items, then the four figures
			first := 6 + len(c.Items)
			for i, want := range tt.figures {
				got, err := f.GetCellValue(sheet, cellName(4, first+i))
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s = %q, want %q", []string{"实得分", "应得分", "标化分", "等次"}[i], got, want)
				}
			}
			for i := range c.Items {
				want := slices.Contains(tt.redRows, i+1)
				if got := redCell(t, f, sheet, cellName(2, 6+i)); got != want {
					t.Errorf("item %d (%s) red = %v, want %v", i+1, c.Items[i].Name, got, want)
				}
			}
			if got := redCell(t, f, sheet, cellName(4, first+3)); got != tt.gradeRed {
				t.Errorf("等次 red = %v, want %v", got, tt.gradeRed)
			}
			note, _ := f.GetCellValue(sheet, cellName(1, first+3))
			beside, _ := f.GetCellValue(sheet, cellName(6, first+3))
			note += beside
			if !strings.Contains(note, tt.note) {
				t.Errorf("等次 note %q lacks %q", note, tt.note)
			}
			layout, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if *layout.Orientation != "portrait" || *layout.FitToHeight != 1 {
				t.Errorf("page %s, %d pages tall: want one portrait page", *layout.Orientation, *layout.FitToHeight)
			}
		})
	}
}

func TestCheckSummaryRows(t *testing.T) {
	rows := CheckSummaryRows(testChecks(t), data.GradeThresholds{})
	type got struct {
		facility string
		standard float64
		grade    string
		ded      int
		keys     string
	}
	want := []got{
		{"主井澡堂", 98, data.GradeExcellent, 1, ""},
		{"单身职工公寓3号楼", 86, data.GradePass, 2, ""},
		{"单身职工公寓5号楼", 68, data.GradeFail, 3, ""},
		{"一号职工食堂", 86.1, data.GradeFail, 3, "食品留样"},
		{"二号职工食堂", 94, data.GradeFail, 2, "从业人员健康证、餐具消毒"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, r := range rows {
		g := got{r.Facility, r.Score.Standard, r.Score.Grade, r.Score.Deductions, strings.Join(r.Score.KeyFailures, "、")}
		if g != want[i] {
			t.Errorf("row %d = %+v, want %+v", i+1, g, want[i])
		}
	}
}

// The bottom block of R6: per category in FacilityCategories order, the mean 标化分 rounded half up
// from exact tenths, and the 合计 over every check.
func TestCheckCategoryBlock(t *testing.T) {
	path := writeFile(t, "r6.xlsx", func(f *os.File) error {
		return WriteCheckSummary(f, monthMeta, CheckSummaryRows(testChecks(t), data.GradeThresholds{}))
	})
	f := openTest(t, path)
	rows := sheetRows(t, f, "检查汇总表")
	var block [][]string
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "按设施类别汇总") {
			block = rows[i+2 : i+2+4]
		}
	}
	if block == nil {
		t.Fatal("no category block")
	}
	want := [][]string{
		// (86.1 + 94.0) / 2 = 90.05 → 90.1; 98; (86 + 68) / 2 = 77
		{"食堂", "", "", "2", "90.1", "0", "0", "2", "2"},
		{"澡堂", "", "", "1", "98", "1", "0", "0", "0"},
		{"宿舍", "", "", "2", "77", "0", "1", "1", "0"},
		{"合计", "", "", "5", "86.4", "1", "1", "3", "2"},
	}
	for i, w := range want {
		if !slices.Equal(block[i], w) {
			t.Errorf("block row %d = %q, want %q", i+1, block[i], w)
		}
	}
}

func TestCheckTallyMean(t *testing.T) {
	tests := []struct {
		standards []float64
		want      any
	}{
		{nil, nil},
		{[]float64{86.7, 94}, 90.4},         // 90.35 half up
		{[]float64{90.1, 90.2, 90.2}, 90.2}, // 90.1666…
		{[]float64{74.9, 75}, 75.0},         // 74.95 half up
	}
	for _, tt := range tests {
		tally := &checkTally{grades: map[string]int{}}
		for _, s := range tt.standards {
			tally.add(data.CheckScore{Standard: s, Applicable: 1})
		}
		if got := tally.cells()[4]; got != tt.want {
			t.Errorf("mean of %v = %v, want %v", tt.standards, got, tt.want)
		}
	}
}
