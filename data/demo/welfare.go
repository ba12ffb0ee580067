package demo

import (
	"slices"
	"time"

	"branchledger/data"
)

// This file makes the 两堂一舍 demo data: the team's canteen, bathhouse, two dormitories and green
// area, a year of scored checks with the findings their deductions raised, the welfare items
// (办实事) in every state, and two canteen satisfaction surveys.

// Check is a generated check as it stands, with the findings raised from its deductions.
// FacilityID is a position in Dataset.Facilities (from 1); TemplateName names one of
// data.DefaultChecklists (TemplateID is 0: Load finds the seeded template by name).
type Check struct {
	data.Check
	Findings []CheckFinding
}

// CheckFinding is a finding raised from the deduction of Items[Item] (data.FindingFromDeduction),
// as it stands, with its moves through the close-out flow. Its CheckID is 0 until Load saves the
// check.
type CheckFinding struct {
	Item    int
	Finding data.Finding
	Steps   []Step
}

// WelfareItem is a generated welfare item as it stands (HandlerID a position in Members) with the
// moves that brought it there from 已登记; Load saves it as 已登记, replays the moves with
// ChangeWelfareState, then saves the rating.
type WelfareItem struct {
	data.WelfareItem
	Steps []WelfareStep
}

// WelfareStep is one move of a welfare item, as WelfareItemStore.ChangeWelfareState takes it.
type WelfareStep struct {
	To, Reason string
	Done       data.Date
}

// facilities of the demo branch; the managers are the canteen's, bathhouse's and dormitories'
// staff, not Party members.
var facilities = []data.Facility{
	{Category: data.FacilityCanteen, Name: "职工食堂", Location: "工业广场综合楼一层"},
	{Category: data.FacilityBathhouse, Name: "澡堂", Location: "井口联合建筑二层"},
	{Category: data.FacilityDormitory, Name: "单身宿舍1号楼", Location: "生活区东侧", Rooms: 48},
	{Category: data.FacilityDormitory, Name: "单身宿舍2号楼", Location: "生活区西侧", Rooms: 36},
	{Category: data.FacilityGreen, Name: "绿化区", Location: "工业广场及生活区"},
}

// deductionReasons are what inspectors write when an item loses points; items not listed get a
// general reason.
var deductionReasons = map[string][]string{
	"食品留样":    {"午餐有一个菜品未留样", "留样记录未填写留样人", "留样量不足125克"},
	"从业人员健康证": {"一名帮厨健康证过期", "晨检记录缺两天"},
	"餐具消毒":    {"消毒柜未通电，餐具未消毒", "消毒记录不全"},
	"原料索证索票":  {"一批豆制品无合格证明", "进货台账未及时登记"},
	"生熟分开":    {"冰箱内生熟食品混放", "生熟案板标识不清"},
	"操作间卫生":   {"操作间地面有积水", "灶台油污未清理", "垃圾桶未加盖"},
	"饭菜质量":    {"夜班班中餐送到井口时已凉", "菜品品种单一"},
	"价格公示":    {"新增菜品未公示价格"},
	"服务态度":    {"意见簿上两条意见未答复", "工作人员未戴帽"},
	"就餐环境":    {"部分餐桌破损未修", "就餐区通风不好"},
	"水温水压":    {"夜班升井后水温偏低", "三个喷头损坏"},
	"地面防滑":    {"浴室地面防滑垫缺失，地面湿滑", "台阶处无防滑警示标识"},
	"更衣柜完好":   {"五个更衣柜锁具损坏", "部分柜门变形关不严"},
	"通风照明":    {"排风扇损坏，浴室有霉味", "两处灯具不亮"},
	"卫生清洁":    {"地漏堵塞积水", "公用拖鞋未消毒"},
	"服务管理":    {"开放时间未公示", "值班人员脱岗"},
	"室内卫生":    {"个别宿舍地面脏乱", "卫生值日表未落实"},
	"安全用电":    {"宿舍内使用热得快", "私拉电线给电动车电池充电"},
	"消防器材":    {"一具灭火器压力不足", "二楼安全出口堆放杂物"},
	"设施完好":    {"三楼卫生间水龙头漏水", "两处窗户玻璃破损", "座椅破损未修"},
	"舍长制度落实":  {"两间宿舍未明确舍长", "安全自查记录缺失"},
	"物品定置":    {"走廊堆放杂物", "工作服随意晾挂"},
	"绿地养护":    {"草坪有黄土裸露", "部分绿篱未修剪"},
	"环境卫生":    {"绿地内有积煤和垃圾", "落叶未及时清扫"},
}

// welfareTitles are practical things a mine's Party branch does for its workers, by category.
var welfareTitles = []struct{ category, title string }{
	{data.FacilityCanteen, "食堂增设夜班热饭窗口"}, {data.FacilityCanteen, "班中餐增加保温箱"},
	{data.FacilityCanteen, "食堂更换破损餐桌椅"}, {data.FacilityCanteen, "增设清真窗口"},
	{data.FacilityBathhouse, "澡堂更换防滑地垫"}, {data.FacilityBathhouse, "澡堂维修损坏喷头"},
	{data.FacilityBathhouse, "更衣室增设吹风机"}, {data.FacilityBathhouse, "澡堂延长开放时间"},
	{data.FacilityDormitory, "宿舍楼加装电动车充电桩"}, {data.FacilityDormitory, "宿舍更换老化热水器"},
	{data.FacilityDormitory, "宿舍楼道加装声控灯"}, {data.FacilityDormitory, "宿舍增设晾衣架"},
	{data.FacilityGreen, "生活区补植绿篱"}, {data.FacilityGreen, "工业广场增设休息座椅"},
	{data.FacilityOther, "井口候车室加装空调"}, {data.FacilityOther, "为倒班职工办理体检预约"},
	{data.FacilityOther, "职工书屋添置新书"}, {data.FacilityOther, "井口增设饮水机"},
}

// welfare fills the 两堂一舍 part of ds for the `months` months up to today.
func (g *generator) welfare(ds *Dataset, months int) {
	if len(ds.Members) == 0 || months <= 0 {
		return
	}
	for _, f := range facilities {
		f.Manager = g.name(g.chance(0.5))
		ds.Facilities = append(ds.Facilities, f)
	}
	g.checks(ds, months)
	g.welfareItems(ds, months)
	g.surveys(ds)
}

// monthsBack calls fn for each month of the `months` months up to today with its first and last
// day (the first month cut at months ago, the last at today).
func (g *generator) monthsBack(months int, fn func(first, last data.Date)) {
	from := g.today.Time().AddDate(0, -months, 1)
	for month := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !month.After(g.today.Time()); month = month.AddDate(0, 1, 0) {
		fn(data.DateOf(later(month, from)), data.DateOf(earlier(month.AddDate(0, 1, -1), g.today.Time())))
	}
}

func (g *generator) dayIn(first, last data.Date) data.Date {
	return first.AddDays(g.rnd.IntN(daysBetween(first, last) + 1))
}

// checks makes 2–4 checks a month, the canteen most often, scored with realistic deductions.
func (g *generator) checks(ds *Dataset, months int) {
	templates := map[string]data.Checklist{}
	for _, t := range data.DefaultChecklists() {
		templates[t.Category] = t
	}
	var checkers []string
	for _, m := range ds.Members {
		if m.Supervisor {
			checkers = append(checkers, m.Name)
		}
	}
	if len(checkers) == 0 {
		checkers = []string{ds.Members[0].Name}
	}
	acceptor := cmpOr(ds.Branch.Secretary, checkers[0])
	weights := []int{4, 2, 2, 2, 1} // the canteen is checked most
	g.monthsBack(months, func(first, last data.Date) {
		n := 2 + g.rnd.IntN(3)
		dates := make([]data.Date, n)
		for i := range dates {
			dates[i] = g.dayIn(first, last)
		}
		slices.SortFunc(dates, data.Date.Compare)
		for k, d := range dates {
			fi := weighted(g, weights)
			// No facility is checked twice on one day: another facility, the next one not yet
			// checked that day, takes the check.
			for j := k - 1; j >= 0 && dates[j] == d; j-- {
				if ds.Checks[len(ds.Checks)-k+j].FacilityID == int64(fi+1) {
					fi, j = (fi+1)%len(ds.Facilities), k
				}
			}
			f := ds.Facilities[fi]
			f.ID = int64(fi + 1)
			checker := g.pick(checkers)
			if other := g.pick(checkers); other != checker && g.chance(0.6) {
				checker += "、" + other
			}
			c := data.NewCheck(f, templates[f.Category], d, checker)
			c.ChecklistID, c.BranchID, c.FacilityName, c.FacilityCategory = 0, 0, "", ""
			gen := Check{}
			for i := range c.Items {
				it := &c.Items[i]
				switch r := g.rnd.Float64(); {
				case it.Optional && r < 0.12:
					it.NA, it.Score = true, 0
				case it.Key && r < 0.05:
					it.Score, it.Reason = 0, g.reason(it.Name)
				case !it.Key && r < 0.2:
					cut := float64(1 + g.rnd.IntN(int(it.Points)/4+1)) // whole points, at most a quarter and one
					if g.chance(0.3) {
						cut -= 0.5
					}
					it.Score, it.Reason = it.Points-min(cut, it.Points), g.reason(it.Name)
				}
			}
			gen.Check = c
			// Key failures always, other deductions now and then, become findings to close out.
			for i, it := range c.Items {
				if !it.NA && it.Score < it.Points && (it.Key || g.chance(0.3)) {
					gen.Findings = append(gen.Findings, g.raise(c, f, i, acceptor))
				}
			}
			ds.Checks = append(ds.Checks, gen)
		}
	})
	g.failKeyItem(ds, acceptor)
}

// raise makes the finding of the deduction on item i of check c of facility f, walked through its
// flow.
func (g *generator) raise(c data.Check, f data.Facility, i int, acceptor string) CheckFinding {
	fd := data.FindingFromDeduction(c, c.Items[i], f, c.Date)
	fd.CheckID = 0
	steps := g.flow(&fd, "已按要求整改到位，复查合格", acceptor)
	return CheckFinding{Item: i, Finding: fd, Steps: steps}
}

// failKeyItem makes sure a key item failed at least once in the year, as chance alone may not
// give: the newest check with a key item still scored in full fails it.
func (g *generator) failKeyItem(ds *Dataset, acceptor string) {
	for _, gen := range ds.Checks {
		if gen.Score(data.DefaultGradeThresholds).KeyFailed() {
			return
		}
	}
	for k := len(ds.Checks) - 1; k >= 0; k-- {
		gen := &ds.Checks[k]
		for i := range gen.Items {
			if it := &gen.Items[i]; it.Key && !it.NA {
				it.Score, it.Reason = 0, g.reason(it.Name)
				f := ds.Facilities[gen.FacilityID-1]
				f.ID = gen.FacilityID
				gen.Findings = slices.DeleteFunc(gen.Findings, func(cf CheckFinding) bool { return cf.Item == i })
				gen.Findings = append(gen.Findings, g.raise(gen.Check, f, i, acceptor))
				return
			}
		}
	}
}

func (g *generator) reason(item string) string {
	if rs := deductionReasons[item]; len(rs) > 0 {
		return g.pick(rs)
	}
	return "检查发现不符合标准要求"
}

// weighted picks an index with the given weights.
func weighted(g *generator, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	r := g.rnd.IntN(total)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	return len(weights) - 1
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// welfareItems makes about two items a month: old ones mostly done (about half in-house, rated),
// recent ones registered or under way, a few overdue, one refused.
func (g *generator) welfareItems(ds *Dataset, months int) {
	var handlers []int
	for i, m := range ds.Members {
		if m.RollStatus == data.RollIn && (m.PartyRole != data.RoleNone || m.Supervisor || g.chance(0.1)) {
			handlers = append(handlers, i)
		}
	}
	if len(handlers) == 0 {
		handlers = []int{0}
	}
	var teamNames []string
	for _, t := range ds.Teams[1:] {
		teamNames = append(teamNames, t.Name+"职工")
	}
	titles := g.rnd.Perm(len(welfareTitles))
	g.monthsBack(months, func(first, last data.Date) {
		for range 1 + g.rnd.IntN(2) {
			wt := welfareTitles[titles[len(ds.WelfareItems)%len(titles)]]
			proposed := g.dayIn(first, last)
			w := data.WelfareItem{
				Title: wt.title, Category: wt.category, Source: g.pick(data.WelfareSources), Proposer: g.pick(teamNames),
				ProposedDate: proposed, HandlerID: int64(g.pick2(handlers) + 1), PlannedDate: proposed.AddDays(15 + g.rnd.IntN(46)),
				State: data.WelfareRegistered,
			}
			if w.Source == "支部提出" {
				w.Proposer = ds.Branch.Name
			}
			if g.chance(0.7) {
				w.Cost = float64(200+g.rnd.IntN(7800)) + float64(g.rnd.IntN(2))/2
			}
			ds.WelfareItems = append(ds.WelfareItems, g.advance(w))
		}
	})
	// Listed by 提出日期, as the store lists them.
	slices.SortStableFunc(ds.WelfareItems, func(a, b WelfareItem) int { return a.ProposedDate.Compare(b.ProposedDate) })
	items := ds.WelfareItems
	if len(items) == 0 {
		return
	}
	// Every state shows: the newest is just registered, one older one was refused, and the one
	// from about two months ago is still under way past its planned date.
	newest := &items[len(items)-1]
	newest.WelfareItem = g.reset(newest.WelfareItem)
	newest.Steps = nil
	if len(items) > 3 {
		r := &items[len(items)/3]
		r.WelfareItem = g.reset(r.WelfareItem)
		r.Reason, r.State = "经核实属矿后勤服务中心职责，已转交办理并告知职工", data.WelfareRejected
		r.Steps = []WelfareStep{{To: data.WelfareRejected, Reason: r.Reason}}
	}
	if len(items) > 5 {
		o := &items[len(items)-5]
		if o.PlannedDate.Before(g.today) {
			o.WelfareItem = g.reset(o.WelfareItem)
			o.State, o.Steps = data.WelfareHandling, []WelfareStep{{To: data.WelfareHandling}}
		}
	}
}

func (g *generator) pick2(list []int) int { return list[g.rnd.IntN(len(list))] }

// reset takes an item back to 已登记.
func (g *generator) reset(w data.WelfareItem) data.WelfareItem {
	w.State, w.Reason, w.DoneDate, w.Rating, w.InHouse = data.WelfareRegistered, "", data.Date{}, "", false
	return w
}

// advance moves a registered item as far as it got by today.
func (g *generator) advance(w data.WelfareItem) WelfareItem {
	age := daysBetween(w.ProposedDate, g.today)
	start := 1 + g.rnd.IntN(5)
	if age < start {
		return WelfareItem{WelfareItem: w}
	}
	steps := []WelfareStep{{To: data.WelfareHandling}}
	took := daysBetween(w.ProposedDate, w.PlannedDate) - 5 + g.rnd.IntN(15)
	if g.chance(0.1) {
		took += 30 // late
	}
	done := w.ProposedDate.AddDays(max(took, start))
	if done.After(g.today) {
		w.State = data.WelfareHandling
		return WelfareItem{WelfareItem: w, Steps: steps}
	}
	w.State, w.DoneDate, w.InHouse = data.WelfareDone, done, g.chance(0.5)
	switch r := g.rnd.IntN(20); {
	case r < 14:
		w.Rating = "满意"
	case r < 19:
		w.Rating = "基本满意"
	default:
		w.Rating = "不满意"
	}
	return WelfareItem{WelfareItem: w, Steps: append(steps, WelfareStep{To: data.WelfareDone, Done: done})}
}

// surveys makes the canteen surveys of the last two whole quarters, the later a little better.
func (g *generator) surveys(ds *Dataset) {
	y, q := g.today.Year, (int(g.today.Month)+2)/3
	var periods []data.Period
	for range 2 {
		if q--; q == 0 {
			y, q = y-1, 4
		}
		periods = append([]data.Period{data.QuarterPeriod(y, q)}, periods...)
	}
	for k, p := range periods {
		s := data.NewSurvey(data.FacilityCanteen, p)
		for i := range s.Questions {
			n := 80 + g.rnd.IntN(40)
			very := n * (28 + 5*k + g.rnd.IntN(12)) / 100
			sat := n * (36 + g.rnd.IntN(10)) / 100
			dis := n * (2 + g.rnd.IntN(5)) / 100
			vdis := n * g.rnd.IntN(3) / 100
			s.Questions[i].Counts = [5]int{very, sat, n - very - sat - dis - vdis, dis, vdis}
		}
		s.Normalize()
		ds.Surveys = append(ds.Surveys, s)
	}
}
