package data

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// This file holds the 两堂一舍 checks of SPEC §4: the checklist templates (评分表), the checks made
// with them, and their scoring.
//
// Scores and points are float64 in steps of 0.5 (7, 7.5). Scoring turns them into whole half-points,
// so sums, the 标化分 and its rounding are exact integer arithmetic, with no binary-fraction surprises
// at the grade edges.

// ChecklistItem is one line of a checklist.
type ChecklistItem struct {
	Seq      int     // 序号: 1, 2, … in list order (Normalize renumbers)
	Name     string  // 检查项目*
	Standard string  // 检查内容及标准
	Points   float64 // 分值*: > 0, in steps of 0.5
	Key      bool    // 关键项 (※): scoring below full points makes the whole check 不合格
	Optional bool    // 可缺项: may be marked 不适用 in a check
}

// Checklist is a 评分表 for one facility category. Users copy, edit and add checklists; a check
// keeps its own copy of the items, so editing a checklist never changes checks made with it.
type Checklist struct {
	ItemTemplate[ChecklistItem] // 名称*, e.g. 食堂卫生检查评分表, and the items

	Category string  // 适用类别*: one of FacilityCategories
	Total    float64 // 总分: the total printed on the sheet; the items' 分值 must add up to it
}

// CheckItem is one scored line of a check: a copy of the template item it was scored against (its
// 检查项目, standard, points and flags as they were at scoring time), and the score.
type CheckItem struct {
	ChecklistItem
	Score     float64 // 得分: 0..Points in steps of 0.5 (ignored when NA)
	NA        bool    // 不适用 (only where Optional)
	Reason    string  // 扣分原因: required when Score < Points
	FindingID int64   // the finding created from this deduction, 0 = none
}

// Check is one scored check of a facility (report R5).
type Check struct {
	ID       int64
	BranchID int64

	FacilityID       int64  // 设施*
	FacilityName     string // filled by the store when read
	FacilityCategory string // filled by the store when read
	ChecklistID      int64  // the checklist it was made with, 0 once that checklist is deleted
	ChecklistName    string // 评分表: the checklist's name, copied
	Date             Date   // 检查日期*
	Checker          string // 检查人*: one or more names as printed
	Items            []CheckItem

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Checklist, check and item field labels (the R5 and R6 headers).
const (
	FChecklistName     = "评分表名称"
	FChecklistCategory = "适用类别"
	FChecklistTotal    = "总分"
	FItemSeq           = "序号"
	FItemName          = "检查项目"
	FItemStandard      = "检查内容及标准"
	FItemPoints        = "分值"
	FItemKey           = "关键项"
	FItemOptional      = "可缺项"
	FItemScore         = "得分"
	FItemNA            = "不适用"
	FItemReason        = "扣分原因"

	FCheckFacility  = "设施"
	FCheckChecklist = "评分表"
	FCheckDate      = "检查日期"
	FChecker        = "检查人"

	FGot        = "实得分"
	FMax        = "应得分"
	FStandard   = "标化分"
	FGrade      = "等次"
	FDeductions = "扣分项数"
	FKeyFailed  = "关键项不合格"
)

// KeyMark is printed after the name of a key item: 食品留样※.
const KeyMark = "※"

// Grades of a check.
const (
	GradeExcellent = "优秀"
	GradePass      = "合格"
	GradeFail      = "不合格"
)

var Grades = []string{GradeExcellent, GradePass, GradeFail}

// Limits that keep a checklist printable and its arithmetic small.
const (
	maxItems  = 100
	maxPoints = 1000
)

// GradeThresholds are the lowest 标化分 of 优秀 and of 合格 (configurable, SPEC §4).
type GradeThresholds struct {
	Excellent float64 // 优秀: 标化分 ≥ Excellent
	Pass      float64 // 合格: 标化分 ≥ Pass
}

// DefaultGradeThresholds are SPEC §4's: ≥ 90 优秀, ≥ 75 合格, below 不合格.
var DefaultGradeThresholds = GradeThresholds{Excellent: 90, Pass: 75}

// Threshold field labels.
const (
	FExcellentLine = "优秀分数线"
	FPassLine      = "合格分数线"
)

// ValidateGradeThresholds checks configured thresholds: one decimal at most, 0 < 合格 < 优秀 ≤ 100.
func ValidateGradeThresholds(th GradeThresholds) FieldErrors {
	var fe FieldErrors
	for _, f := range []struct {
		label string
		v     float64
	}{{FExcellentLine, th.Excellent}, {FPassLine, th.Pass}} {
		switch {
		case math.IsNaN(f.v) || f.v <= 0 || f.v > 100:
			fe.add(f.label, f.label+"应大于0且不超过100")
		case math.Abs(f.v*10-math.Round(f.v*10)) > 1e-9:
			fe.add(f.label, f.label+"最多保留一位小数")
		}
	}
	if fe == nil && th.Pass >= th.Excellent {
		fe.add(FPassLine, "合格分数线应低于优秀分数线")
	}
	return fe
}

// CheckScore is what a check's scores add up to (SPEC §4; the R5 footer and the R6 columns).
type CheckScore struct {
	Got        float64 // 实得分: the scores of the applicable items
	Max        float64 // 应得分: the points of the applicable items
	Standard   float64 // 标化分 = 实得分 ÷ 应得分 × 100, rounded to one decimal
	Grade      string  // 等次: one of Grades; "" when no item applies
	Applicable int     // items not marked 不适用
	Deductions int     // 扣分项数: applicable items scored below their points
	// KeyFailures are the 检查项目 of the key items scored below their full points, in order
	// (R6 关键项不合格). A key item marked 不适用 does not fail.
	KeyFailures []string
}

// KeyFailed reports whether a key item failed, which makes the check 不合格 whatever its total.
func (s CheckScore) KeyFailed() bool { return len(s.KeyFailures) > 0 }

// ScoreCheck works out a check's derived figures; th zero means DefaultGradeThresholds, and
// thresholds count to one decimal (as ValidateGradeThresholds allows).
//
// Decisions:
//   - 标化分 is rounded to one decimal half away from zero (for these non-negative figures: half
//     up, 93.75 → 93.8), computed exactly on half-points; the 等次 is decided on the rounded value
//     (89.95 → 90.0 → 优秀), so the figure printed on the sheet and its 等次 always agree.
//   - A key item (※) fails when it scores anything below its full points: a key item is a
//     pass-or-fail requirement (no food samples kept is no food samples kept), and a partial
//     deduction on it means the requirement was not fully met.
//   - With no applicable item there is nothing to divide by: Standard is 0 and Grade "";
//     ValidateCheck refuses such a check.
//
// Items that ValidateCheck would refuse give meaningless figures but never a panic.
func ScoreCheck(items []CheckItem, th GradeThresholds) CheckScore {
	if th == (GradeThresholds{}) {
		th = DefaultGradeThresholds
	}
	var s CheckScore
	var got, full int64 // half-points
	for _, it := range items {
		if it.NA {
			continue
		}
		s.Applicable++
		g, p := halfPoints(it.Score), halfPoints(it.Points)
		got += g
		full += p
		if g < p {
			s.Deductions++
			if it.Key {
				s.KeyFailures = append(s.KeyFailures, it.Name)
			}
		}
	}
	s.Got, s.Max = float64(got)/2, float64(full)/2
	if full <= 0 {
		return s
	}
	// Tenths of the 标化分, rounded half up: floor(got/full × 1000 + ½).
	tenths := (2000*got + full) / (2 * full)
	s.Standard = float64(tenths) / 10
	switch {
	case s.KeyFailed() || tenths < tenthsOf(th.Pass):
		s.Grade = GradeFail
	case tenths < tenthsOf(th.Excellent):
		s.Grade = GradePass
	default:
		s.Grade = GradeExcellent
	}
	return s
}

// Score is ScoreCheck of the check's items.
func (c *Check) Score(th GradeThresholds) CheckScore { return ScoreCheck(c.Items, th) }

func halfPoints(v float64) int64 { return int64(math.Round(v * 2)) }
func tenthsOf(v float64) int64   { return int64(math.Round(v * 10)) }

// isHalfStep reports whether v is a whole multiple of 0.5.
func isHalfStep(v float64) bool { return !math.IsInf(v, 0) && v*2 == math.Trunc(v*2) }

// FormatScore prints a score or points value as people write it: 10, 7.5, 94.4.
func FormatScore(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Sum adds up the items' points.
func (t *Checklist) Sum() float64 {
	var half int64
	for _, it := range t.Items {
		half += halfPoints(it.Points)
	}
	return float64(half) / 2
}

// Normalize cleans the texts, numbers the items 1, 2, … in their order, and sets an unset total to
// the items' sum.
func (t *Checklist) Normalize() {
	normalizeTemplate(&t.ItemTemplate)
	t.Category = NormalizeText(t.Category)
	if t.Total == 0 {
		t.Total = t.Sum()
	}
}

// ValidateChecklist checks a normalised checklist: name and category, at least one item, each item's
// name (unique), standard and points, the numbering, and that the points add up to the total.
// An item's problems are reported on its row (RowItem). Whether the name is unique is checked by the
// store.
func ValidateChecklist(t *Checklist) FieldErrors {
	var fe FieldErrors
	checkTemplateName(&fe, &t.ItemTemplate, checklistWords)
	checkCategory(&fe, FChecklistCategory, t.Category, true)
	pointsOK := true
	checkTemplateItems(&fe, &t.ItemTemplate, checklistWords, func(ie *FieldErrors, i int, it *ChecklistItem) {
		pointsOK = validateItemDef(ie, i, *it) && pointsOK
	})
	switch sum := t.Sum(); {
	case len(t.Items) == 0 || !pointsOK: // a sum of bad points would only confuse
	case math.IsNaN(t.Total) || t.Total <= 0:
		fe.add(FChecklistTotal, "请填写总分")
	case sum != t.Total:
		fe.add(FChecklistTotal, fmt.Sprintf("各项分值合计%s分，与总分%s分不符", FormatScore(sum), FormatScore(t.Total)))
	}
	return fe
}

// itemName names an item in a message: 「食品留样」, or 第3项 when it has no name yet.
func itemName(i int, name string) string {
	if name == "" {
		return fmt.Sprintf("第%d项", i+1)
	}
	return "「" + name + "」"
}

// validateItemDef checks what a template item and a check item's copy of it share, and reports
// whether its points are usable. fe holds the item's own errors (Row 0: the caller moves them to
// its row).
func validateItemDef(fe *FieldErrors, i int, it ChecklistItem) bool {
	checkText(fe, FItemName, it.Name, 50, true)
	checkText(fe, FItemStandard, it.Standard, 500, false)
	switch p := it.Points; {
	case math.IsNaN(p) || p <= 0:
		fe.add(FItemPoints, itemName(i, it.Name)+"的分值应大于0")
	case p > maxPoints:
		fe.add(FItemPoints, fmt.Sprintf("%s的分值最多%d分", itemName(i, it.Name), maxPoints))
	case !isHalfStep(p):
		fe.add(FItemPoints, itemName(i, it.Name)+"的分值只能是0.5分的整数倍，如 10 或 7.5")
	default:
		return true
	}
	return false
}

// Copy returns a new checklist (ID 0) like t under another name (the name plus （副本） when name
// is empty), for users who make their own from a seeded one.
func (t *Checklist) Copy(name string) Checklist {
	c := *t
	c.ItemTemplate = copyTemplate(&t.ItemTemplate, name)
	return c
}

// NewCheck starts a check of facility f with template t: the items are copied from the template and
// every score starts at full points, so the inspector only enters deductions.
func NewCheck(f Facility, t Checklist, date Date, checker string) Check {
	c := Check{
		BranchID: f.BranchID, FacilityID: f.ID, FacilityName: f.Name, FacilityCategory: f.Category,
		ChecklistID: t.ID, ChecklistName: t.Name, Date: date, Checker: checker,
	}
	for _, it := range t.Items {
		c.Items = append(c.Items, CheckItem{ChecklistItem: it, Score: it.Points})
	}
	return c
}

// Normalize cleans the texts; an item marked 不适用 scores 0.
func (c *Check) Normalize() {
	c.ChecklistName, c.Checker = NormalizeText(c.ChecklistName), NormalizeText(c.Checker)
	for i := range c.Items {
		it := &c.Items[i]
		it.Name, it.Standard, it.Reason = NormalizeText(it.Name), strings.TrimSpace(it.Standard), NormalizeText(it.Reason)
		if it.NA {
			it.Score = 0
		}
	}
}

// ValidateCheck checks a normalised check: facility, template, date (not in the future), checker,
// each item's copy of its definition and its score (0..分值 in steps of 0.5, or 不适用 on a 可缺项
// only; a 扣分原因 for every deduction), and at least one applicable item. An item's problems are
// reported on its row (RowItem).
func ValidateCheck(c *Check, today Date) FieldErrors {
	var fe FieldErrors
	if c.FacilityID == 0 {
		fe.add(FCheckFacility, "请选择被检查的设施")
	}
	checkText(&fe, FCheckChecklist, c.ChecklistName, 50, true)
	checkPastDate(&fe, FCheckDate, c.Date, today, "请填写检查日期")
	checkText(&fe, FChecker, c.Checker, 50, true)
	switch {
	case len(c.Items) == 0:
		fe.add(FItemName, "检查没有评分项目，请选择评分表")
	case len(c.Items) > maxItems:
		fe.add(FItemName, fmt.Sprintf("一次检查最多%d个检查项目", maxItems))
	}
	applicable := 0
	for i, it := range c.Items {
		var ie FieldErrors
		if validateCheckItem(&ie, i, it) {
			applicable++
		}
		fe = append(fe, ie.InRow(RowItem, i)...)
	}
	if len(c.Items) > 0 && applicable == 0 {
		fe.add(FItemName, "所有检查项目都标为不适用，无法计算标化分：请至少为一项打分")
	}
	return fe
}

// validateCheckItem checks item i of a check into fe (its own errors) and reports whether the
// item is scored (not 不适用).
func validateCheckItem(fe *FieldErrors, i int, it CheckItem) bool {
	pointsOK := validateItemDef(fe, i, it.ChecklistItem)
	name := itemName(i, it.Name)
	checkText(fe, FItemReason, it.Reason, 200, false)
	if it.NA {
		if !it.Optional {
			fe.add(FItemNA, name+"不是可缺项，不能标为不适用，请打分")
		}
		return false
	}
	switch s := it.Score; {
	case !pointsOK: // the score cannot be judged against broken points
	case math.IsNaN(s) || s < 0:
		fe.add(FItemScore, name+"的得分不能为负数")
	case s > it.Points:
		fe.add(FItemScore, fmt.Sprintf("%s的得分不能超过分值%s分", name, FormatScore(it.Points)))
	case !isHalfStep(s):
		fe.add(FItemScore, name+"的得分只能是0.5分的整数倍，如 7 或 7.5")
	case s < it.Points && it.Reason == "":
		fe.add(FItemReason, fmt.Sprintf("%s扣了%s分，请填写扣分原因", name, FormatScore(it.Points-s)))
	}
	return true
}

// FindingFromDeduction prefills the finding (SPEC §3) that one click on a deducted item creates,
// for the user to check and save:
//   - 来源 两堂一舍检查, the check's id, 发现日期 = the check's date, 责任人 = the facility's 负责人;
//   - 问题描述: facility, item and deduction, then the 扣分原因 (一号职工食堂「食品留样」扣10分：午餐未留样);
//   - 等级 较大 for a key item, else 一般;
//   - 整改期限 7 days from today (or from the check's date if that is later), so that a check typed
//     in late does not create a finding that is overdue at once;
//   - 问题类别 from the facility: 食堂 → 食品卫生 (whatever the item: what the workers eat is at
//     stake); 绿化 → 环境卫生; 澡堂 and 宿舍 → 环境卫生 for items about cleanliness (卫生, 清洁,
//     定置), otherwise 设施设备; any other facility → 其他.
func FindingFromDeduction(c Check, item CheckItem, facility Facility, today Date) Finding {
	desc := fmt.Sprintf("%s「%s」", facility.Name, item.Name)
	if item.Key {
		desc += "（关键项）"
	}
	desc += "扣" + FormatScore(item.Points-item.Score) + "分"
	if item.Reason != "" {
		desc += "：" + item.Reason
	}
	level := DefaultFindingLevels[0]
	if item.Key {
		level = DefaultFindingLevels[1]
	}
	from := today
	if c.Date.After(from) {
		from = c.Date
	}
	f := Finding{
		BranchID: c.BranchID, Source: SourceWelfare, CheckID: c.ID, FoundDate: c.Date,
		Category: findingCategoryFor(facility.Category, item.Name), Level: level, Description: desc,
		Responsible: facility.Manager, Deadline: from.AddDays(7),
	}
	f.Normalize()
	return f
}

func findingCategoryFor(facilityCategory, item string) string {
	switch facilityCategory {
	case FacilityCanteen:
		return "食品卫生"
	case FacilityGreen:
		return "环境卫生"
	case FacilityBathhouse, FacilityDormitory:
		for _, w := range []string{"卫生", "清洁", "定置"} {
			if strings.Contains(item, w) {
				return "环境卫生"
			}
		}
		return "设施设备"
	}
	return "其他"
}

// DefaultChecklists are the four checklists of SPEC §4 that a new data file is seeded with, each
// totalling 100, with the standards an inspector of a coal mine's canteen, bathhouse and
// dormitories checks against. 可缺项 are the items that some facilities genuinely lack: 原料索证索票
// at a serving point that gets its meals ready-made from the central kitchen and buys no raw
// materials, 更衣柜完好 where no lockers are provided, 设施完好 of a green area without benches,
// railings or lights.
func DefaultChecklists() []Checklist {
	tpl := func(name, category string, items ...ChecklistItem) Checklist {
		t := Checklist{ItemTemplate: ItemTemplate[ChecklistItem]{Name: name, Items: items}, Category: category}
		t.Normalize()
		return t
	}
	it := func(name string, points float64, key, optional bool, standard string) ChecklistItem {
		return ChecklistItem{Name: name, Points: points, Key: key, Optional: optional, Standard: standard}
	}
	const key, opt, no = true, true, false
	return []Checklist{
		tpl("食堂卫生检查评分表", FacilityCanteen,
			it("食品留样", 10, key, no, "每餐每样成品留样不少于125克，装入专用密闭容器，0～8℃冷藏48小时以上；留样记录（品名、餐次、时间、留样人）齐全"),
			it("从业人员健康证", 10, key, no, "从业人员持有效健康证明上岗并公示；每日晨检有记录，患有碍食品安全疾病或手部有伤口者调离接触直接入口食品的岗位"),
			it("餐具消毒", 10, key, no, "餐饮具用后洗净、消毒，存放在专用密闭保洁柜内；消毒设施正常运转，消毒记录完整"),
			it("原料索证索票", 10, no, opt, "采购原料查验并留存供货方资质和每批次检验合格证明或票据，进货台账齐全；无“三无”、过期、变质原料"),
			it("生熟分开", 10, no, no, "刀、墩、盆、容器、冰箱生熟分开并有明显标识；生熟食品分开存放、分开加工，无交叉污染"),
			it("操作间卫生", 10, no, no, "操作间地面、墙面、灶台无油污积水；防蝇、防鼠、防尘设施齐全有效；垃圾桶加盖，垃圾日产日清"),
			it("饭菜质量", 10, no, no, "饭菜品种丰富、荤素搭配、熟透可口；班中餐按时保温送达井口和作业地点，满足倒班职工就餐"),
			it("价格公示", 10, no, no, "饭菜价格、份量在醒目位置公示，明码标价，按公示价格收费，不缺斤短两"),
			it("服务态度", 10, no, no, "工作人员衣帽整洁、文明用语、热情服务；设意见簿，职工意见有记录、有答复"),
			it("就餐环境", 10, no, no, "就餐区桌椅完好整洁，地面干净无积水，通风照明良好；冬季取暖、夏季降温设施正常"),
		),
		tpl("澡堂检查评分表", FacilityBathhouse,
			it("水温水压", 20, no, no, "淋浴水温保持在38～42℃，水压稳定；喷头完好率不低于95%，各班次升井后均有热水供应"),
			it("地面防滑", 20, key, no, "浴室、更衣室地面防滑处理到位，无积水、无油污、无皂液；通道畅通，台阶、坡道处有防滑警示标识"),
			it("更衣柜完好", 15, no, opt, "更衣柜（箱）柜门、锁具、挂钩完好，编号清晰，一人一柜，柜内外清洁"),
			it("通风照明", 15, no, no, "排风设施运转正常，无异味、无霉变、无冷凝水滴落；照明充足，灯具、开关为防潮防水型且完好"),
			it("卫生清洁", 20, no, no, "每班清扫、定期消毒并有记录；地漏、排水沟畅通无堵塞；池浴按规定换水，公用拖鞋一用一消毒"),
			it("服务管理", 10, no, no, "开放时间公示并与各班次升井时间衔接；有专人值班，管理制度上墙，职工意见及时处理"),
		),
		tpl("宿舍检查评分表", FacilityDormitory,
			it("室内卫生", 25, no, no, "地面、门窗、床铺整洁，被褥叠放整齐；无异味、无蚊蝇，垃圾及时清理，卫生值日表落实"),
			it("安全用电", 20, key, no, "不私拉乱接电线，不使用电炉、热得快、电热毯等违规大功率电器；充电规范，人走断电，线路、插座无破损"),
			it("消防器材", 15, no, no, "灭火器配备齐全、在有效期内、压力正常、取用方便；疏散通道和安全出口畅通，应急照明、疏散指示完好"),
			it("设施完好", 20, no, no, "门窗、床铺、桌椅、衣柜完好；水、暖、电、卫浴设施正常使用，损坏的及时报修、按时修复"),
			it("舍长制度落实", 10, no, no, "每间宿舍明确舍长，舍长职责上墙；入住人员登记准确，卫生值日和安全自查有记录"),
			it("物品定置", 10, no, no, "个人物品、工作服、劳保用品定点摆放；鞋物、洗漱用品摆放整齐，走廊和楼梯间无杂物堆放"),
		),
		tpl("绿化环境检查表", FacilityGreen,
			it("绿地养护", 40, no, no, "草坪、树木、花卉按时浇水、修剪、施肥、防治病虫害；无枯死缺株、无黄土裸露，缺株及时补植"),
			it("环境卫生", 40, no, no, "道路、广场、绿地内无垃圾杂物、无积水积煤、无乱堆乱放；垃圾箱完好、及时清运，落叶及时清扫"),
			it("设施完好", 20, no, opt, "座椅、护栏、路灯、宣传牌、喷灌等设施完好整洁，损坏的及时维修"),
		),
	}
}

// CheckFilter narrows a checks list. Zero fields do not filter.
type CheckFilter struct {
	From, To   Date // 检查日期 within [From, To]
	FacilityID int64
	Category   string // the facility's category
}

// CheckStore keeps the checklist templates, the checks with their items, and the grade thresholds.
// A new data file is seeded with DefaultChecklists and DefaultGradeThresholds.
type CheckStore interface {
	// Checks lists checks with their items (so that ScoreCheck works on them) and facility names,
	// by 检查日期 then id.
	Checks(ctx context.Context, f CheckFilter) ([]Check, error)
	Check(ctx context.Context, id int64) (Check, error)
	// SaveCheck creates (ID 0) or updates a check with all its items in one transaction, after
	// Normalize and ValidateCheck. The items are saved as given: they are the check's own copy.
	SaveCheck(ctx context.Context, c *Check) error
	// DeleteCheck removes a check; findings created from it stay, without the link.
	DeleteCheck(ctx context.Context, id int64) error
	// CreateCheckFinding creates f (source 两堂一舍检查, CheckID set) from the deduction on item
	// (0-based, in the check's order) and links the item to it, in one transaction: a finding is
	// never left unlinked, so it cannot be made twice from the same deduction.
	CreateCheckFinding(ctx context.Context, f *Finding, item int) error

	// Checklists lists the checklists of one category ("" = all) with their items, by category then name.
	Checklists(ctx context.Context, category string) ([]Checklist, error)
	Checklist(ctx context.Context, id int64) (Checklist, error)
	// SaveChecklist creates (ID 0) or updates a checklist with its items in one transaction, after
	// Normalize and ValidateChecklist; a name already used is refused (FieldErrors on 评分表名称).
	SaveChecklist(ctx context.Context, t *Checklist) error
	// CopyChecklist saves Checklist.Copy(name) of checklist id and returns it.
	CopyChecklist(ctx context.Context, id int64, name string) (Checklist, error)
	// DeleteChecklist removes a checklist; checks made with it keep their items and its name.
	DeleteChecklist(ctx context.Context, id int64) error

	GradeThresholds(ctx context.Context) (GradeThresholds, error)
	// SetGradeThresholds saves thresholds after ValidateGradeThresholds.
	SetGradeThresholds(ctx context.Context, th GradeThresholds) error
}
