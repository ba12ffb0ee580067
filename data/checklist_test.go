package data

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// items builds check items from "name:points:score" with flags: a leading ※ marks a key item,
// a trailing "?" an optional one, a score "-" 不适用.
func items(t testing.TB, specs ...string) []CheckItem {
	t.Helper()
	var out []CheckItem
	for i, s := range specs {
		parts := strings.Split(s, ":")
		if len(parts) != 3 {
			t.Fatalf("bad item spec %q", s)
		}
		it := CheckItem{ChecklistItem: ChecklistItem{Seq: i + 1, Name: parts[0]}}
		if strings.HasPrefix(it.Name, KeyMark) {
			it.Key, it.Name = true, strings.TrimPrefix(it.Name, KeyMark)
		}
		if strings.HasSuffix(it.Name, "?") {
			it.Optional, it.Name = true, strings.TrimSuffix(it.Name, "?")
		}
		it.Points = mustFloat(t, parts[1])
		if parts[2] == "-" {
			it.NA = true
		} else {
			it.Score = mustFloat(t, parts[2])
		}
		if it.Score < it.Points && !it.NA {
			it.Reason = "扣分原因"
		}
		out = append(out, it)
	}
	return out
}

func mustFloat(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
}

// canteenItems is the seeded canteen checklist scored at full marks.
func canteenItems(t testing.TB) []CheckItem {
	t.Helper()
	c := NewCheck(Facility{ID: 1, Name: "一号职工食堂", Category: FacilityCanteen}, DefaultChecklists()[0], testToday, "张三")
	return c.Items
}

func TestScoreCheck(t *testing.T) {
	full := canteenItems(t)
	withNA := canteenItems(t)
	withNA[3].NA = true // 原料索证索票 不适用: 90 applicable
	withNA[6].Score = 5 // 饭菜质量 loses 5: 85 of 90
	keyFailed := canteenItems(t)
	keyFailed[0].Score = 9.5 // 食品留样※ loses half a point: 99.5 overall
	tests := []struct {
		name       string
		items      []CheckItem
		th         GradeThresholds
		got, max   float64
		standard   float64
		grade      string
		applicable int
		deductions int
		keyFailed  []string
	}{
		{"full marks", full, GradeThresholds{}, 100, 100, 100, GradeExcellent, 10, 0, nil},
		{"N/A normalises: 85 of 90", withNA, GradeThresholds{}, 85, 90, 94.4, GradeExcellent, 9, 1, nil},
		{"failed key item, high total", keyFailed, GradeThresholds{}, 99.5, 100, 99.5, GradeFail, 10, 1, []string{"食品留样"}},
		{"key item at zero among others", items(t, "※安全用电:20:0", "室内卫生:25:25", "消防器材:15:15"), GradeThresholds{}, 40, 60, 66.7, GradeFail, 3, 1, []string{"安全用电"}},
		{"key item N/A does not fail", items(t, "※更衣柜?:15:-", "水温:20:20"), GradeThresholds{}, 20, 20, 100, GradeExcellent, 1, 0, nil},
		{"edge 90.0 excellent", items(t, "a:1000:900"), GradeThresholds{}, 900, 1000, 90, GradeExcellent, 1, 1, nil},
		{"edge 89.95 rounds to 90.0", items(t, "a:1000:899.5"), GradeThresholds{}, 899.5, 1000, 90, GradeExcellent, 1, 1, nil},
		{"edge 89.9 pass", items(t, "a:1000:899"), GradeThresholds{}, 899, 1000, 89.9, GradePass, 1, 1, nil},
		{"edge 75.0 pass", items(t, "a:1000:750"), GradeThresholds{}, 750, 1000, 75, GradePass, 1, 1, nil},
		{"edge 74.95 rounds to 75.0", items(t, "a:1000:749.5"), GradeThresholds{}, 749.5, 1000, 75, GradePass, 1, 1, nil},
		{"edge 74.9 fail", items(t, "a:1000:749"), GradeThresholds{}, 749, 1000, 74.9, GradeFail, 1, 1, nil},
		{"2/3 rounds up", items(t, "a:3:2"), GradeThresholds{}, 2, 3, 66.7, GradeFail, 1, 1, nil},
		{"1/3 rounds down", items(t, "a:3:1"), GradeThresholds{}, 1, 3, 33.3, GradeFail, 1, 1, nil},
		{".x5 half up: 37.5 of 40", items(t, "a:20:17.5", "b:20:20"), GradeThresholds{}, 37.5, 40, 93.8, GradeExcellent, 2, 1, nil},
		{".x5 half up: 0.5 of 40", items(t, "a:40:0.5"), GradeThresholds{}, 0.5, 40, 1.3, GradeFail, 1, 1, nil},
		{"all zero", items(t, "a:10:0", "b:10:0"), GradeThresholds{}, 0, 20, 0, GradeFail, 2, 2, nil},
		{"custom: 85.0 excellent", items(t, "a:1000:850"), GradeThresholds{85, 60}, 850, 1000, 85, GradeExcellent, 1, 1, nil},
		{"custom: 84.9 pass", items(t, "a:1000:849"), GradeThresholds{85, 60}, 849, 1000, 84.9, GradePass, 1, 1, nil},
		{"custom: 60.0 pass", items(t, "a:1000:600"), GradeThresholds{85, 60}, 600, 1000, 60, GradePass, 1, 1, nil},
		{"custom: 59.9 fail", items(t, "a:1000:599"), GradeThresholds{85, 60}, 599, 1000, 59.9, GradeFail, 1, 1, nil},
		{"custom thresholds with a decimal", items(t, "a:1000:925"), GradeThresholds{92.5, 80}, 925, 1000, 92.5, GradeExcellent, 1, 1, nil},
		{"default thresholds given explicitly", items(t, "a:1000:899"), DefaultGradeThresholds, 899, 1000, 89.9, GradePass, 1, 1, nil},
		{"no applicable item", items(t, "a?:10:-", "b?:5:-"), GradeThresholds{}, 0, 0, 0, "", 0, 0, nil},
		{"no items", nil, GradeThresholds{}, 0, 0, 0, "", 0, 0, nil},
	}
	for _, tt := range tests {
		s := ScoreCheck(tt.items, tt.th)
		if s.Got != tt.got || s.Max != tt.max || s.Standard != tt.standard || s.Grade != tt.grade ||
			s.Applicable != tt.applicable || s.Deductions != tt.deductions || !slices.Equal(s.KeyFailures, tt.keyFailed) {
			t.Errorf("%s: got %+v, want 实得分 %v 应得分 %v 标化分 %v %s, %d applicable, %d deductions, key failures %v",
				tt.name, s, tt.got, tt.max, tt.standard, tt.grade, tt.applicable, tt.deductions, tt.keyFailed)
		}
		if s.KeyFailed() != (len(tt.keyFailed) > 0) {
			t.Errorf("%s: KeyFailed() = %v", tt.name, s.KeyFailed())
		}
	}
}

func validCheck() Check {
	c := NewCheck(Facility{ID: 7, Name: "一号职工食堂", Category: FacilityCanteen, Manager: "王师傅"},
		DefaultChecklists()[0], Date{2026, time.November, 20}, " 张三、李四 ")
	c.Normalize()
	return c
}

// Every rule of a check broken once: exactly the named field reports, with a message saying what to do.
func TestValidateCheck(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Check)
		field  string
		msg    string
	}{
		{"facility", func(c *Check) { c.FacilityID = 0 }, FCheckFacility, "请选择"},
		{"template", func(c *Check) { c.ChecklistName = "" }, FCheckChecklist, "请填写"},
		{"date missing", func(c *Check) { c.Date = Date{} }, FCheckDate, "请填写检查日期"},
		{"date future", func(c *Check) { c.Date = testToday.AddDays(1) }, FCheckDate, "不能晚于今天"},
		{"checker", func(c *Check) { c.Checker = "" }, FChecker, "请填写"},
		{"no items", func(c *Check) { c.Items = nil }, FItemName, "请选择评分表"},
		{"score above points", func(c *Check) { c.Items[4].Score = 10.5 }, "第5项：得分", "不能超过分值10分"},
		{"negative score", func(c *Check) { c.Items[4].Score = -1 }, "第5项：得分", "不能为负数"},
		{"NaN score", func(c *Check) { c.Items[4].Score = math.NaN() }, "第5项：得分", "不能为负数"},
		{"not a 0.5 step", func(c *Check) { c.Items[4].Score, c.Items[4].Reason = 7.3, "生熟混放" }, "第5项：得分", "0.5分的整数倍"},
		{"N/A on a non-optional item", func(c *Check) { c.Items[0].NA = true }, "第1项：不适用", "「食品留样」不是可缺项"},
		{"missing reason", func(c *Check) { c.Items[1].Score = 6 }, "第2项：扣分原因", "「从业人员健康证」扣了4分，请填写扣分原因"},
		{"reason too long", func(c *Check) { c.Items[1].Score, c.Items[1].Reason = 6, strings.Repeat("证", 201) }, "第2项：扣分原因", "最多200个字"},
		{"no applicable items", func(c *Check) {
			c.Items = items(t, "原料索证索票?:10:-", "设施完好?:20:-")
		}, FItemName, "无法计算标化分"},
		{"snapshot points", func(c *Check) { c.Items[2].Points = 0 }, "第3项：分值", "应大于0"},
		{"snapshot name", func(c *Check) { c.Items[2].Name = "" }, "第3项：检查项目", "请填写"},
	}
	for _, tt := range tests {
		c := validCheck()
		tt.change(&c)
		fe := ValidateCheck(&c, testToday)
		if !strings.Contains(fe.ForLabel(tt.field), tt.msg) {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
		if len(fe) != 1 {
			t.Errorf("%s: want exactly one problem, got %v", tt.name, fe)
		}
	}

	c := validCheck()
	if fe := ValidateCheck(&c, testToday); fe != nil {
		t.Fatalf("valid check rejected: %v", fe)
	}
	if c.Checker != "张三、李四" {
		t.Errorf("checker not normalised: %q", c.Checker)
	}
	// 不适用 on a 可缺项, half points with a reason, zero with a reason: all fine.
	c.Items[3].NA, c.Items[3].Score = true, 8
	c.Items[4].Score, c.Items[4].Reason = 7.5, "生熟刀具未分开"
	c.Items[5].Score, c.Items[5].Reason = 0, "操作间地面大量积水，防蝇设施缺失"
	c.Normalize()
	if fe := ValidateCheck(&c, testToday); fe != nil {
		t.Fatalf("valid scores rejected: %v", fe)
	}
	if c.Items[3].Score != 0 {
		t.Errorf("N/A item keeps a score after Normalize: %v", c.Items[3].Score)
	}
	if s := c.Score(GradeThresholds{}); s.Got != 77.5 || s.Max != 90 || s.Standard != 86.1 || s.Grade != GradePass || s.Deductions != 2 {
		t.Errorf("score of the edited check: %+v", s)
	}
}

func validChecklist() Checklist {
	t := Checklist{Category: FacilityCanteen, ItemTemplate: ItemTemplate[ChecklistItem]{Name: "井口食堂检查表", Items: []ChecklistItem{
		{Name: "食品留样", Points: 40, Key: true}, {Name: "价格公示", Points: 30}, {Name: "就餐环境", Points: 30, Optional: true},
	}}}
	t.Normalize()
	return t
}

func TestValidateChecklist(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *Checklist)
		field  string
		msg    string
	}{
		{"name", func(t *Checklist) { t.Name = "" }, FChecklistName, "请填写"},
		{"category missing", func(t *Checklist) { t.Category = "" }, FChecklistCategory, "请选择"},
		{"category unknown", func(t *Checklist) { t.Category = "车间" }, FChecklistCategory, "无法识别"},
		{"no items", func(t *Checklist) { t.Items = nil }, FItemName, "至少要有一个"},
		{"points zero", func(t *Checklist) { t.Items[1].Points, t.Total = 0, 70 }, "第2项：分值", "应大于0"},
		{"points negative", func(t *Checklist) { t.Items[1].Points, t.Total = -30, 40 }, "第2项：分值", "应大于0"},
		{"points not a 0.5 step", func(t *Checklist) { t.Items[1].Points = 29.7 }, "第2项：分值", "0.5分的整数倍"},
		{"points too many", func(t *Checklist) { t.Items[1].Points, t.Total = 1001, 1071 }, "第2项：分值", "最多1000分"},
		{"item name", func(t *Checklist) { t.Items[2].Name = "" }, "第3项：检查项目", "请填写"},
		{"item name repeated", func(t *Checklist) { t.Items[2].Name = "价格公示" }, "第3项：检查项目", "重复"},
		{"sequence", func(t *Checklist) { t.Items[1].Seq = 5 }, "第2项：序号", "应为2"},
		{"total differs", func(t *Checklist) { t.Items[2].Points = 25 }, FChecklistTotal, "各项分值合计95分，与总分100分不符"},
	}
	for _, tt := range tests {
		tpl := validChecklist()
		tt.change(&tpl)
		fe := ValidateChecklist(&tpl)
		if !strings.Contains(fe.ForLabel(tt.field), tt.msg) {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
		if len(fe) != 1 {
			t.Errorf("%s: want exactly one problem, got %v", tt.name, fe)
		}
	}
	tpl := validChecklist()
	if fe := ValidateChecklist(&tpl); fe != nil {
		t.Fatalf("valid template rejected: %v", fe)
	}
	// Reordered items are renumbered; an empty total becomes the sum of the points.
	tpl.Items[0], tpl.Items[2] = tpl.Items[2], tpl.Items[0]
	tpl.Items[1].Points, tpl.Total = 35.5, 0
	tpl.Normalize()
	if tpl.Items[0].Seq != 1 || tpl.Items[0].Name != "就餐环境" || tpl.Items[2].Seq != 3 || tpl.Total != 105.5 {
		t.Fatalf("Normalize: %+v", tpl)
	}
	if fe := ValidateChecklist(&tpl); fe != nil {
		t.Fatalf("renumbered template rejected: %v", fe)
	}
}

// The seeded templates, written out from SPEC §4 independently of checklist.go.
func TestDefaultChecklistsFollowSpec(t *testing.T) {
	type item struct {
		name   string
		points float64
		key    bool
	}
	spec := []struct {
		name, category string
		items          []item
	}{
		{"食堂卫生检查评分表", "食堂", []item{{"食品留样", 10, true}, {"从业人员健康证", 10, true}, {"餐具消毒", 10, true},
			{"原料索证索票", 10, false}, {"生熟分开", 10, false}, {"操作间卫生", 10, false}, {"饭菜质量", 10, false},
			{"价格公示", 10, false}, {"服务态度", 10, false}, {"就餐环境", 10, false}}},
		{"澡堂检查评分表", "澡堂", []item{{"水温水压", 20, false}, {"地面防滑", 20, true}, {"更衣柜完好", 15, false},
			{"通风照明", 15, false}, {"卫生清洁", 20, false}, {"服务管理", 10, false}}},
		{"宿舍检查评分表", "宿舍", []item{{"室内卫生", 25, false}, {"安全用电", 20, true}, {"消防器材", 15, false},
			{"设施完好", 20, false}, {"舍长制度落实", 10, false}, {"物品定置", 10, false}}},
		{"绿化环境检查表", "绿化", []item{{"绿地养护", 40, false}, {"环境卫生", 40, false}, {"设施完好", 20, false}}},
	}
	// The 可缺项 decided in DefaultChecklists' documentation; none of them is a key item.
	optional := map[string]bool{"食堂卫生检查评分表/原料索证索票": true, "澡堂检查评分表/更衣柜完好": true, "绿化环境检查表/设施完好": true}

	got := DefaultChecklists()
	if len(got) != len(spec) {
		t.Fatalf("%d templates, want %d", len(got), len(spec))
	}
	for i, want := range spec {
		tpl := got[i]
		if tpl.Name != want.name || tpl.Category != want.category || tpl.Total != 100 || tpl.Sum() != 100 || len(tpl.Items) != len(want.items) {
			t.Errorf("template %d: %s %s total %v sum %v, %d items; want %s %s 100, %d items",
				i, tpl.Name, tpl.Category, tpl.Total, tpl.Sum(), len(tpl.Items), want.name, want.category, len(want.items))
			continue
		}
		if fe := ValidateChecklist(&tpl); fe != nil {
			t.Errorf("%s invalid: %v", tpl.Name, fe)
		}
		for j, w := range want.items {
			it := tpl.Items[j]
			if it.Seq != j+1 || it.Name != w.name || it.Points != w.points || it.Key != w.key {
				t.Errorf("%s item %d: %+v, want %+v", tpl.Name, j+1, it, w)
			}
			if it.Optional != optional[tpl.Name+"/"+it.Name] {
				t.Errorf("%s %s: optional %v", tpl.Name, it.Name, it.Optional)
			}
			if n := len([]rune(it.Standard)); n < 20 || n > 500 {
				t.Errorf("%s %s: standard of %d characters: %q", tpl.Name, it.Name, n, it.Standard)
			}
		}
	}
	if s := got[0].Items[0].Standard; !strings.Contains(s, "125克") || !strings.Contains(s, "48小时") {
		t.Errorf("食品留样 standard: %q", s)
	}
	// Each call gives fresh templates: editing one does not touch the seed.
	got[0].Items[0].Points = 50
	if DefaultChecklists()[0].Items[0].Points != 10 {
		t.Fatal("DefaultChecklists shares its items between calls")
	}
}

// A check keeps the items it was scored against: editing, reordering or copying the template
// afterwards changes neither its items nor its score.
func TestCheckKeepsItsSnapshot(t *testing.T) {
	tpl := DefaultChecklists()[1] // 澡堂
	tpl.ID = 2
	f := Facility{ID: 3, Name: "主井浴室", Category: FacilityBathhouse, Manager: "赵六"}
	c := NewCheck(f, tpl, Date{2026, 11, 20}, "张三")
	if c.ChecklistID != 2 || c.ChecklistName != "澡堂检查评分表" || c.FacilityID != 3 || len(c.Items) != 6 {
		t.Fatalf("NewCheck: %+v", c)
	}
	for i, it := range c.Items {
		if it.ChecklistItem != tpl.Items[i] || it.Score != it.Points || it.NA {
			t.Fatalf("item %d not copied at full marks: %+v", i+1, it)
		}
	}
	c.Items[0].Score, c.Items[0].Reason = 15, "3号、7号喷头不出水"
	before := c.Score(GradeThresholds{})

	copied := tpl.Copy("")
	copied.Items[0].Name = "热水供应"
	tpl.Items[0].Points, tpl.Items[4].Points = 30, 10
	tpl.Items[1], tpl.Items[2] = tpl.Items[2], tpl.Items[1]
	tpl.Normalize()

	if c.Items[0].Name != "水温水压" || c.Items[0].Points != 20 || c.Items[1].Name != "地面防滑" || !c.Items[1].Key {
		t.Fatalf("editing the template changed the check: %+v", c.Items[:2])
	}
	if after := c.Score(GradeThresholds{}); after.Standard != before.Standard || after.Standard != 95 {
		t.Fatalf("score moved: %+v → %+v", before, after)
	}
	if copied.ID != 0 || copied.Name != "澡堂检查评分表（副本）" || copied.Total != 100 || tpl.Items[0].Name != "水温水压" {
		t.Fatalf("Copy: %+v (original item %q)", copied, tpl.Items[0].Name)
	}
	if named := tpl.Copy(" 副井浴室检查表 "); named.Name != "副井浴室检查表" {
		t.Errorf("Copy with a name: %q", named.Name)
	}
}

func TestFindingFromDeduction(t *testing.T) {
	canteen := Facility{ID: 1, Name: "一号职工食堂", Category: FacilityCanteen, Manager: "王师傅"}
	c := NewCheck(canteen, DefaultChecklists()[0], Date{2026, 11, 20}, "张三")
	c.ID = 42
	c.Items[0].Score, c.Items[0].Reason = 0, "午餐未留样"
	f := FindingFromDeduction(c, c.Items[0], canteen, testToday)
	want := Finding{
		Source: SourceWelfare, CheckID: 42, FoundDate: Date{2026, 11, 20}, Category: "食品卫生", Level: "较大",
		Description: "一号职工食堂「食品留样」（关键项）扣10分：午餐未留样", Responsible: "王师傅",
		Deadline: Date{2026, 11, 30}, State: StatePending,
	}
	if f != want {
		t.Fatalf("finding:\n got %+v\nwant %+v", f, want)
	}
	if fe := ValidateFinding(&f, testToday); fe != nil {
		t.Fatalf("prefilled finding invalid: %v", fe)
	}

	// A check typed in a month late: the deadline is a week from today, not already past.
	c.Date = Date{2026, 10, 20}
	c.Items[6].Score, c.Items[6].Reason = 7.5, "米饭夹生"
	f = FindingFromDeduction(c, c.Items[6], canteen, testToday)
	if f.Deadline != (Date{2026, 11, 30}) || f.FoundDate != c.Date || f.Level != "一般" || f.Description != "一号职工食堂「饭菜质量」扣2.5分：米饭夹生" {
		t.Fatalf("late check: %+v", f)
	}
	if f.OverdueDays(testToday) != 0 {
		t.Fatal("a new finding is overdue")
	}

	categories := []struct {
		facility, item, want string
	}{
		{FacilityCanteen, "就餐环境", "食品卫生"},
		{FacilityBathhouse, "卫生清洁", "环境卫生"},
		{FacilityBathhouse, "水温水压", "设施设备"},
		{FacilityBathhouse, "地面防滑", "设施设备"},
		{FacilityDormitory, "室内卫生", "环境卫生"},
		{FacilityDormitory, "物品定置", "环境卫生"},
		{FacilityDormitory, "安全用电", "设施设备"},
		{FacilityGreen, "设施完好", "环境卫生"},
		{FacilityOther, "设施完好", "其他"},
	}
	for _, tt := range categories {
		fac := Facility{Name: "设施", Category: tt.facility, Manager: "李四"}
		it := CheckItem{ChecklistItem: ChecklistItem{Name: tt.item, Points: 10}, Score: 8, Reason: "不达标"}
		if got := FindingFromDeduction(Check{Date: Date{2026, 11, 20}}, it, fac, testToday).Category; got != tt.want {
			t.Errorf("%s %s: %s, want %s", tt.facility, tt.item, got, tt.want)
		}
	}
}

func TestValidateGradeThresholds(t *testing.T) {
	tests := []struct {
		th    GradeThresholds
		field string
		msg   string
	}{
		{DefaultGradeThresholds, "", ""},
		{GradeThresholds{92.5, 80}, "", ""},
		{GradeThresholds{100, 0.5}, "", ""},
		{GradeThresholds{101, 75}, FExcellentLine, "不超过100"},
		{GradeThresholds{90, 0}, FPassLine, "应大于0"},
		{GradeThresholds{90, 75.25}, FPassLine, "一位小数"},
		{GradeThresholds{75, 75}, FPassLine, "应低于优秀分数线"},
		{GradeThresholds{80, 90}, FPassLine, "应低于优秀分数线"},
	}
	for _, tt := range tests {
		fe := ValidateGradeThresholds(tt.th)
		if tt.field == "" {
			if fe != nil {
				t.Errorf("%+v rejected: %v", tt.th, fe)
			}
			continue
		}
		if !strings.Contains(fe.ForLabel(tt.field), tt.msg) || len(fe) != 1 {
			t.Errorf("%+v: got %v, want %s containing %q", tt.th, fe, tt.field, tt.msg)
		}
	}
}

func TestFormatScore(t *testing.T) {
	for v, want := range map[float64]string{10: "10", 7.5: "7.5", 94.4: "94.4", 0: "0", 100: "100"} {
		if got := FormatScore(v); got != want {
			t.Errorf("FormatScore(%v) = %q, want %q", v, got, want)
		}
	}
}

// FuzzScoreCheck: ScoreCheck never panics, whatever the items; for items that ValidateCheck
// accepts, 标化分 lies in 0..100, is 实得分 ÷ 应得分 × 100 to one decimal, and the grade is consistent.
func FuzzScoreCheck(f *testing.F) {
	f.Add([]byte{20, 20, 0, 40, 31, 1, 10, 0, 6}, 10.0, 7.5, 90.0, 75.0)
	f.Add([]byte{2, 0, 4}, math.NaN(), math.Inf(1), 0.0, 0.0)
	f.Add([]byte{}, -3.0, 1e300, 85.0, 60.0)
	f.Fuzz(func(t *testing.T, spec []byte, points, score, excellent, pass float64) {
		// Three bytes an item: points in half-points less one (0.5–128), score in half-points up to
		// the points, flags (1 key, 2 optional, 4 不适用); then one item of arbitrary floats.
		var its []CheckItem
		for i := 0; i+2 < len(spec) && len(its) < maxItems-1; i += 3 {
			half := int(spec[i]) + 1
			its = append(its, CheckItem{
				ChecklistItem: ChecklistItem{Seq: len(its) + 1, Name: fmt.Sprintf("项目%d", len(its)+1),
					Points: float64(half) / 2, Key: spec[i+2]&1 != 0, Optional: spec[i+2]&2 != 0},
				Score: float64(int(spec[i+1])%(half+1)) / 2, NA: spec[i+2]&4 != 0, Reason: "原因"})
		}
		its = append(its, CheckItem{ChecklistItem: ChecklistItem{Seq: len(its) + 1, Name: "任意", Points: points}, Score: score, Reason: "原因"})
		th := GradeThresholds{excellent, pass}
		s := ScoreCheck(its, th) // must not panic
		c := Check{FacilityID: 1, ChecklistName: "表", Date: testToday, Checker: "张三", Items: its}
		if ValidateCheck(&c, testToday) != nil || ValidateGradeThresholds(th) != nil && th != (GradeThresholds{}) {
			return
		}
		if s.Standard < 0 || s.Standard > 100 || s.Got < 0 || s.Got > s.Max || s.Max <= 0 {
			t.Fatalf("valid items scored out of range: %+v", s)
		}
		if exact := s.Got / s.Max * 100; math.Abs(s.Standard-exact) > 0.05+1e-9 {
			t.Fatalf("标化分 %v is not %v to one decimal", s.Standard, exact)
		}
		if th == (GradeThresholds{}) {
			th = DefaultGradeThresholds
		}
		// Thresholds have one decimal at most (ValidateGradeThresholds), so compare in tenths.
		tenths := func(v float64) float64 { return math.Round(v * 10) }
		var want string
		switch {
		case s.KeyFailed() || tenths(s.Standard) < tenths(th.Pass):
			want = GradeFail
		case tenths(s.Standard) < tenths(th.Excellent):
			want = GradePass
		default:
			want = GradeExcellent
		}
		if s.Grade != want {
			t.Fatalf("grade %s for %+v with %+v, want %s", s.Grade, s, th, want)
		}
	})
}
