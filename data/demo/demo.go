// Package demo makes realistic demo data: a coal-mine fully-mechanised mining team's Party branch
// (综采一队党支部) with its Party groups, work teams and members. The CLI (`branchledger demo`) and the
// GUI both fill a new data file with it through Load, for trying the program and for screenshots.
//
// Every person is invented: names are drawn from common surnames and given names, and ID numbers are
// built from real region codes of Hebei and Shanxi coal areas with a valid GB 11643 check digit, so
// they look real but belong to nobody in particular.
package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"branchledger/data"
)

// Dataset is the generated data before it is saved. References between records are positions in
// the slices, counted from 1 so that 0 keeps meaning "none", until Load turns them into ids:
//   - Group.LeaderID is the index+1 in Members of the group's leader;
//   - Team.GroupID and Member.GroupID are the index+1 in Groups;
//   - Member.TeamID is the index+1 in Teams;
//   - Inspection.TeamID and Finding.TeamID are the index+1 in Teams, Inspector.MemberID and
//     Finding.MemberID the index+1 in Members.
//
// Record ids (ID, BranchID, InspectionID) are 0.
type Dataset struct {
	Branch  data.Branch
	Groups  []data.Group
	Teams   []data.Team
	Members []data.Member
	// Inspections of the supervision team, oldest first, with their findings.
	Inspections []Inspection
	// Findings typed by hand (来源 其他), found elsewhere: by the Party committee, the safety
	// office, or reported by workers.
	Findings []Finding

	// 两堂一舍 (welfare.go): the facilities; their checks, oldest first, with the findings their
	// deductions raised (Check.FacilityID a position in Facilities); the welfare items, oldest
	// first (HandlerID a position in Members); the canteen surveys.
	Facilities   []data.Facility
	Checks       []Check
	WelfareItems []WelfareItem
	Surveys      []data.Survey
	// 发展党员 (recruit.go): TeamID and GroupID positions in Teams and Groups, people in Members.
	Recruits []data.Recruit
	// OrgLife is two years of organisational life (orglife.go).
	OrgLife OrgLife

	// Today is the day the data was generated for: Load scores the assessments of its year
	// (assess.go) up to it; zero = none.
	Today data.Date
	// Months is how many months up to Today hold records: no assessment is made for a month
	// before them (it would be scored from a month with no records).
	Months int
}

// team is a work team of the demo branch, with the jobs of its members and the responsibility area
// (党员责任区) its Party group answers for.
type team struct {
	name, category, area string
	weight               int      // share of the members
	jobs                 []string // the first job goes to the first members, the rest at random
}

// The teams of a 综采队: the 队部 (managers) and the shifts and crews of one longwall face.
var teams = []team{
	{"队部", "其他", "队部办公室、调度值班", 0, nil},
	{"采煤一班", "采煤", "工作面上端头至60号支架", 3, []string{"班长", "采煤机司机", "支架工", "支架工", "刮板输送机司机", "端头维护工", "超前支护工"}},
	{"采煤二班", "采煤", "工作面60号至120号支架", 3, []string{"班长", "采煤机司机", "支架工", "支架工", "刮板输送机司机", "端头维护工", "超前支护工"}},
	{"采煤三班", "采煤", "工作面120号支架至下端头", 3, []string{"班长", "采煤机司机", "支架工", "支架工", "刮板输送机司机", "端头维护工", "超前支护工"}},
	{"检修班", "机电", "采煤机、液压支架、刮板输送机检修", 2, []string{"班长", "电钳工", "电钳工", "机电维修工", "液压支架检修工"}},
	{"机电班", "机电", "工作面供电、移动变电站、通信信号", 2, []string{"班长", "维修电工", "电钳工", "移变司机"}},
	{"运输班", "运输", "顺槽转载机、破碎机、带式输送机", 2, []string{"班长", "带式输送机司机", "转载机司机", "绞车司机", "运输工"}},
	{"泵站班", "机电", "乳化液泵站、喷雾泵站", 1, []string{"班长", "泵站司机", "泵站司机", "电钳工"}},
	{"材料班", "后勤", "地面材料库、井下材料运送", 1, []string{"班长", "材料员", "保管员", "材料工"}},
}

// The 队部 in order: the branch committee comes first (书记, then the 队长 as 副书记, …).
var office = []struct{ job, role, keyPost, education string }{
	{"党支部书记", "书记", "班组长以上管理人员", "大学本科"},
	{"队长", "副书记", "班组长以上管理人员", "大学本科"},
	{"生产副队长", "组织委员", "班组长以上管理人员", "大学专科"},
	{"技术员", "宣传委员", "班组长以上管理人员", "研究生"},
	{"核算员", "纪检委员", "核算员", "大学专科"},
	{"机电副队长", data.RoleNone, "班组长以上管理人员", "大学本科"},
	{"安全员", data.RoleNone, "班组长以上管理人员", "中等专科"},
}

var keyPostOfJob = map[string]string{"班长": "班组长以上管理人员", "材料员": "材料员", "保管员": "保管员"}

// region is a county-level division whose code opens ID numbers, with the address prefix of its
// people and, for a rural one, some of its townships.
type region struct {
	code, place string
	towns       []string
}

// home regions: the mine lies in 邢台 (area code 0319); most miners come from around it, the others
// from the coal areas of 邯郸, 唐山 and Shanxi.
var (
	localRegions = []region{
		{"130502", "河北省邢台市襄都区", nil}, {"130503", "河北省邢台市信都区", nil},
		{"130521", "河北省邢台市信都区", []string{"羊范镇", "将军墓镇", "皇寺镇", "宋家庄镇", "冀家村乡", "会宁镇", "城计头乡"}},
		{"130582", "河北省沙河市", []string{"册井乡", "白塔镇", "綦村镇", "新城镇"}},
		{"130523", "河北省邢台市内丘县", []string{"柳林镇", "金店镇", "官庄镇"}},
		{"130522", "河北省邢台市临城县", []string{"临城镇", "西竖镇", "郝庄镇"}},
		{"130526", "河北省邢台市任泽区", []string{"任城镇", "邢家湾镇"}},
		{"130527", "河北省邢台市南和区", []string{"和阳镇", "贾宋镇"}},
	}
	otherRegions = []region{
		{"130406", "河北省邯郸市峰峰矿区", nil}, {"130481", "河北省武安市", nil}, {"130427", "河北省邯郸市磁县", nil},
		{"130204", "河北省唐山市古冶区", nil}, {"130205", "河北省唐山市开平区", nil},
		{"140303", "山西省阳泉市矿区", nil}, {"140322", "山西省阳泉市盂县", nil}, {"140525", "山西省晋城市泽州县", nil},
		{"140581", "山西省高平市", nil}, {"140423", "山西省长治市襄垣县", nil}, {"141181", "山西省孝义市", nil},
		{"140781", "山西省介休市", nil}, {"140211", "山西省大同市云冈区", nil},
	}
	// Streets of 邢台's urban districts.
	streets = []string{"中兴西大街", "钢铁路", "新华南路", "团结西大街", "泉北大街", "冶金南路", "守敬路", "襄都路"}
)

var (
	// Surnames in rough order of frequency in northern China, repeated to weight them; 单, 解, 仇 and
	// 曾 are read differently as surnames, which the member search must cope with.
	surnames = []rune("王王王李李李张张张刘刘刘陈杨杨赵赵黄周吴徐孙孙胡朱高高林何郭郭马马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文牛耿申霍单解仇")
	// Given names of men and women of these generations in the north.
	maleGiven = []string{"建国", "建军", "国强", "志强", "海涛", "永明", "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "鹏", "超",
		"刚", "明", "辉", "亮", "波", "宁", "浩", "宇", "晓东", "海军", "文斌", "志刚", "建华", "立新", "卫东", "红兵",
		"振华", "春生", "保平", "二虎", "宝山", "满仓", "立军", "志勇", "俊峰", "永强", "海龙", "建伟", "国庆", "金宝",
		"小龙", "宏伟", "志军", "晓峰", "军辉", "新民", "国华", "学军", "占军", "胜利", "世杰", "云飞", "子豪", "浩然",
		"嘉伟", "思远", "博文", "天宇", "一鸣", "晨阳", "瑞", "凯", "鑫", "帅"}
	femaleGiven = []string{"丽", "娜", "静", "敏", "艳", "芳", "秀英", "红梅", "丽娟", "晓燕", "玉兰", "桂芳", "婷", "雪", "慧",
		"海燕", "晓丽", "春梅", "佳琪", "雨萱"}
	minorities     = []string{"回族", "满族", "蒙古族"}
	mobilePrefixes = []string{"134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
		"182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "189", "177", "199"}
	floatingPlaces = []string{"内蒙古自治区鄂尔多斯市（借调兄弟单位）", "山西省大同市（外出务工）", "陕西省榆林市神木市（外出务工）"}
)

// Generate makes a branch with n members and DefaultMonths months of inspections; see
// GenerateMonths.
func Generate(seed int64, n int, today data.Date) Dataset {
	return GenerateMonths(seed, n, DefaultMonths, today)
}

// GenerateMonths makes a branch with n members and the inspections of the `months` months up to
// today: 15–25 a month by the supervision team (督查队伍), mostly 四不两直, on every shift, with 0–3
// findings each, and about one finding a month typed by hand; and the 两堂一舍 records of those
// months (welfare.go): five facilities, 2–4 scored checks a month with findings from deductions,
// about two welfare items a month in every state, two canteen surveys. Findings found long ago are mostly
// closed (已销号); recent ones are in every state, some overdue, a few were reopened. The same seed,
// n, months and today give the same data, and the members do not depend on months. All dates fall
// on or before today; members are born 1966–2002 (earlier when today is before 2022, so that
// everyone is at least 20). Every record passes the data package's validation.
func GenerateMonths(seed int64, n, months int, today data.Date) Dataset {
	g := &generator{
		rnd:   rand.New(rand.NewPCG(uint64(seed), 0x5eed_0f_5eed)),
		clock: rand.New(rand.NewPCG(uint64(seed), 0xc10c)),
		today: today,
		names: map[string]bool{},
		ids:   map[string]bool{},
		heads: map[string]string{},
	}
	ds := g.dataset(max(n, 0))
	g.inspections(&ds, months)
	g.welfare(&ds, months)
	g.recruits(&ds)
	g.orgLife(&ds)
	ds.Today, ds.Months = today, months
	return ds
}

type generator struct {
	rnd *rand.Rand
	// clock draws the times of day of the moves (Step.At), apart from rnd so that they leave the
	// records drawn from rnd as they are.
	clock *rand.Rand
	today data.Date
	names map[string]bool // names given so far: a branch rarely has two people of one name
	ids   map[string]bool
	heads map[string]string // leaders who are not Party members, of teams without one and of units
}

func (g *generator) pick(list []string) string { return list[g.rnd.IntN(len(list))] }
func (g *generator) chance(p float64) bool     { return g.rnd.Float64() < p }

func (g *generator) dataset(n int) Dataset {
	ds := Dataset{Branch: data.Branch{
		Name:      "综采一队党支部",
		Committee: "某某煤矿党委",
		Unit:      "某某煤矿综采一队",
		Phone:     fmt.Sprintf("0319-%d", 5000000+g.rnd.IntN(1000000)),
		Code:      "ZC01",
	}}

	// Groups: the 队部 with the first teams, the others spread in order.
	groups := 4 + g.rnd.IntN(3)
	chinese := []string{"一", "二", "三", "四", "五", "六"}
	areas := make([][]string, groups)
	teamNames := make([][]string, groups)
	for i, t := range teams {
		gi := i * groups / len(teams)
		ds.Teams = append(ds.Teams, data.Team{Name: t.name, Category: t.category, GroupID: int64(gi + 1)})
		teamNames[gi] = append(teamNames[gi], t.name)
		areas[gi] = append(areas[gi], t.area)
	}
	for i := range groups {
		ds.Groups = append(ds.Groups, data.Group{
			Name: "第" + chinese[i] + "党小组",
			Area: "班组：" + strings.Join(teamNames[i], "、") + "；责任区：" + strings.Join(areas[i], "，"),
		})
	}

	// Members per team: the 队部 first, the rest by weight.
	sizes := make([]int, len(teams))
	sizes[0] = min(n, len(office))
	weights := 0
	for _, t := range teams {
		weights += t.weight
	}
	rest, given := n-sizes[0], 0
	for i, t := range teams[1:] {
		sizes[i+1] = rest * t.weight / weights
		given += sizes[i+1]
	}
	for i := 0; given < rest; i, given = i+1, given+1 { // the remainder, one each from the first crew on
		sizes[1+i%(len(teams)-1)]++
	}

	for ti, t := range teams {
		for k := range sizes[ti] {
			var m data.Member
			if ti == 0 {
				o := office[k]
				m = g.member(o.job, k < 2 || g.chance(0.9))
				m.PartyRole, m.KeyPost, m.Education = o.role, o.keyPost, o.education
				m.Supervisor = o.role == "书记" || o.role == "纪检委员" || o.job == "安全员"
			} else {
				job := t.jobs[0]
				if k > 0 {
					job = t.jobs[1+g.rnd.IntN(len(t.jobs)-1)]
				}
				m = g.member(job, t.category != "后勤" || g.chance(0.6))
				m.KeyPost = keyPostOfJob[job]
			}
			m.TeamID = int64(ti + 1)
			m.GroupID = ds.Teams[ti].GroupID
			ds.Members = append(ds.Members, m)
		}
	}
	g.branchCommittee(&ds)
	g.groupLeaders(&ds)
	g.supervisors(ds.Members)
	g.specialCases(ds.Members)
	return ds
}

// member makes one member with the given job: a man unless male is false, with every §2 field.
func (g *generator) member(job string, male bool) data.Member {
	birthMax := min(2002, g.today.Year-20)
	birthMin := min(1966, birthMax-36)
	birth := data.NewDate(birthMin+g.rnd.IntN(birthMax-birthMin+1), time.Month(1+g.rnd.IntN(12)), 1+g.rnd.IntN(28))

	home := g.home()
	var id string
	for {
		seq := g.rnd.IntN(500) * 2 // the 17th digit is odd for men, even for women
		if male {
			seq++
		}
		id = data.IDNumberWithCheck(fmt.Sprintf("%s%04d%02d%02d%03d", home.code, birth.Year, int(birth.Month), birth.Day, seq))
		if !g.ids[id] {
			break
		}
	}
	g.ids[id] = true

	m := data.Member{
		Name:        g.name(male),
		Sex:         data.SexFemale,
		Ethnicity:   "汉族",
		IDNumber:    id,
		BirthDate:   birth,
		Education:   g.education(birth.Year),
		Category:    data.CategoryFull,
		Job:         job,
		Mobile:      g.pick(mobilePrefixes) + fmt.Sprintf("%08d", g.rnd.IntN(100000000)),
		Address:     g.address(home),
		PartyStatus: data.PartyStatusNormal,
		PartyRole:   data.RoleNone,
		RollStatus:  data.RollIn,
	}
	if male {
		m.Sex = data.SexMale
	}
	if g.chance(0.04) {
		m.Ethnicity = g.pick(minorities)
	}
	if g.chance(0.15) {
		m.Landline = fmt.Sprintf("0319-%d", 2000000+g.rnd.IntN(7000000))
	}
	m.WorkDate = earlier(birth.AddYears(18+g.rnd.IntN(4)).AddDays(g.rnd.IntN(365)), g.today)

	// Most joined the Party between 22 and 35; a few are probationary members who joined this year.
	lastFull := g.today.AddYears(-1).AddDays(-1) // 转正 one year after joining, not after today
	adult := birth.AddYears(18)
	if birth.Year >= g.today.Year-40 && g.chance(0.1) {
		m.Category = data.CategoryProbation
		m.JoinDate = later(g.today.AddDays(-(20 + g.rnd.IntN(330))), adult)
		return m
	}
	lo := later(earlier(birth.AddYears(22), lastFull), adult)
	hi := earlier(birth.AddYears(36), lastFull)
	join := lo.AddDays(g.rnd.IntN(daysBetween(lo, hi) + 1))
	if july := data.NewDate(join.Year, time.July, 1); g.chance(0.3) && !july.Before(lo) && !july.After(hi) {
		join = july // many branches admit members around 1 July
	}
	m.JoinDate = join
	m.FullDate = join.AddYears(1)
	return m
}

// home draws the region a member comes from: three in four from around the mine.
func (g *generator) home() region {
	if g.chance(0.75) {
		return localRegions[g.rnd.IntN(len(localRegions))]
	}
	return otherRegions[g.rnd.IntN(len(otherRegions))]
}

// name draws a name not given yet (after a few tries a repeat is allowed, as in real life).
func (g *generator) name(male bool) string {
	var name string
	for try := 0; try < 20; try++ {
		given := femaleGiven
		if male {
			given = maleGiven
		}
		name = string(surnames[g.rnd.IntN(len(surnames))]) + g.pick(given)
		if !g.names[name] {
			break
		}
	}
	g.names[name] = true
	return name
}

// education follows the generations: older miners went to junior school or a mining technical
// school, younger ones to college.
func (g *generator) education(birthYear int) string {
	var spread []string
	switch {
	case birthYear < 1976:
		spread = []string{"初中及以下", "初中及以下", "高中", "高中", "中等专科", "大学专科"}
	case birthYear < 1990:
		spread = []string{"初中及以下", "高中", "高中", "中等专科", "中等专科", "大学专科", "大学专科", "大学本科"}
	default:
		spread = []string{"高中", "中等专科", "大学专科", "大学专科", "大学专科", "大学本科", "大学本科"}
	}
	return g.pick(spread)
}

// address: people from around the mine live in its residential area, their village or the town;
// the others in the mine's apartments.
func (g *generator) address(home region) string {
	switch {
	case !strings.HasPrefix(home.code, "1305"): // not from 邢台 (prefecture code 1305)
		return fmt.Sprintf("河北省邢台市信都区某某煤矿职工公寓%d号楼%d室", 1+g.rnd.IntN(6), 101+g.rnd.IntN(5)*100+g.rnd.IntN(20))
	case home.towns != nil && g.chance(0.6):
		village := g.pick([]string{"东", "西", "南", "北", "前", "后", "大", "小"}) + g.pick([]string{"王", "庄", "河", "岭", "寨", "营"})
		return fmt.Sprintf("%s%s%s村%d号", home.place, g.pick(home.towns), village, 1+g.rnd.IntN(200))
	case home.towns == nil && g.chance(0.5):
		return fmt.Sprintf("%s%s%d号", home.place, g.pick(streets), 1+g.rnd.IntN(300))
	}
	return fmt.Sprintf("河北省邢台市信都区某某煤矿生活区%d号楼%d单元%d", 1+g.rnd.IntN(30), 1+g.rnd.IntN(4), 101+g.rnd.IntN(6)*100+g.rnd.IntN(3))
}

// branchCommittee writes the committee members' names into the branch.
func (g *generator) branchCommittee(ds *Dataset) {
	for _, m := range ds.Members {
		switch m.PartyRole {
		case "书记":
			ds.Branch.Secretary = m.Name
		case "副书记":
			ds.Branch.Deputy = m.Name
		case "组织委员":
			ds.Branch.Organisation = m.Name
		case "宣传委员":
			ds.Branch.Propaganda = m.Name
		case "纪检委员":
			ds.Branch.Discipline = m.Name
		}
	}
}

// groupLeaders makes one member of each group, without another Party role, its 党小组长: a 班长
// where there is one, since that is how branches usually choose.
func (g *generator) groupLeaders(ds *Dataset) {
	for gi := range ds.Groups {
		leader := -1
		for i, m := range ds.Members {
			if m.GroupID != int64(gi+1) || m.PartyRole != data.RoleNone {
				continue
			}
			if leader < 0 || m.Job == "班长" && ds.Members[leader].Job != "班长" {
				leader = i
			}
		}
		if leader >= 0 {
			ds.Members[leader].PartyRole = "党小组长"
			ds.Groups[gi].LeaderID = int64(leader + 1)
		}
	}
}

// supervisors puts about 15% of the members in the supervision team (督查队伍): the 书记, 纪检委员
// and 安全员 already are; group leaders and 班长 first, then others at random.
func (g *generator) supervisors(ms []data.Member) {
	want := (len(ms)*15 + 50) / 100
	count := 0
	for _, m := range ms {
		if m.Supervisor {
			count++
		}
	}
	for i := range ms {
		if count >= want {
			return
		}
		if !ms[i].Supervisor && (ms[i].PartyRole == "党小组长" || ms[i].Job == "班长") {
			ms[i].Supervisor = true
			count++
		}
	}
	for count < want {
		i := g.rnd.IntN(len(ms))
		if !ms[i].Supervisor {
			ms[i].Supervisor = true
			count++
		}
	}
}

// specialCases makes sure a branch of 10 or more has a probationary member, and marks, in a branch
// of 30 or more, one lost-contact member and two floating members (among those with no role), with
// the details §2 requires.
func (g *generator) specialCases(ms []data.Member) {
	var noRole, plain []int
	probation := false
	for i, m := range ms {
		probation = probation || m.Category == data.CategoryProbation
		if m.PartyRole == data.RoleNone {
			noRole = append(noRole, i)
		}
	}
	if len(ms) >= 10 && !probation && len(noRole) > 0 { // the youngest without a role joined this year instead
		y := slices.MaxFunc(noRole, func(a, b int) int { return ms[a].BirthDate.Compare(ms[b].BirthDate) })
		ms[y].Category, ms[y].FullDate = data.CategoryProbation, data.Date{}
		ms[y].JoinDate = g.today.AddDays(-(20 + g.rnd.IntN(330)))
	}
	for _, i := range noRole {
		if m := ms[i]; m.KeyPost == "" && !m.Supervisor && m.Category == data.CategoryFull {
			plain = append(plain, i)
		}
	}
	if len(ms) < 30 || len(plain) < 3 {
		return
	}
	g.rnd.Shuffle(len(plain), func(a, b int) { plain[a], plain[b] = plain[b], plain[a] })
	lost := &ms[plain[0]]
	lost.LostContact = true
	lost.LostDate = later(g.today.AddDays(-(200 + g.rnd.IntN(900))), lost.FullDate)
	lost.Mobile = ""
	lost.Remark = "多次电话、上门联系未果，已报矿党委"
	for k, i := range plain[1:3] {
		ms[i].Floating = true
		ms[i].FloatingTo = floatingPlaces[k%len(floatingPlaces)]
		ms[i].Remark = "已与流入地党组织建立联系，按月汇报思想"
	}
}

func daysBetween(a, b data.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// moment is what earlier and later compare: a data.Date or a time.Time.
type moment[T any] interface{ Before(T) bool }

// earlier is the earlier of a and b, later the later: for dates and times alike.
func earlier[T moment[T]](a, b T) T {
	if b.Before(a) {
		return b
	}
	return a
}

func later[T moment[T]](a, b T) T {
	if a.Before(b) {
		return b
	}
	return a
}

// Rename makes ds another branch, for trying consolidation with several demo branches: the name
// (e.g. 掘进二队党支部), the 支部代码, and the 所在单位 derived from the name (某某煤矿掘进二队).
// An empty argument keeps the generated value.
func (ds *Dataset) Rename(name, code string) {
	if name = data.NormalizeText(name); name != "" {
		ds.Branch.Name = name
		ds.Branch.Unit = "某某煤矿" + strings.TrimSuffix(strings.TrimSuffix(name, "党支部"), "支部")
	}
	if code = data.NormalizeText(code); code != "" {
		ds.Branch.Code = code
	}
}

// SeedFor is the seed of the branch with 支部代码 code, when none is given: every code gets its own
// people, so demo branches made for trying consolidation differ (1 for no code).
func SeedFor(code string) int64 {
	if code == "" {
		return 1
	}
	h := fnv.New64a()
	h.Write([]byte(code))
	return int64(h.Sum64() >> 2)
}

// Load saves ds into a data file that holds no branch data yet (a new file): the branch, the groups
// and teams, the members in one ImportMembers transaction, the group leaders, then each inspection
// (SaveInspection) and hand-typed finding (CreateFinding) with its findings as found, which are
// then moved through the close-out flow by ChangeState, one transaction a move (about 1,200 for a
// year), and the 两堂一舍 records (loadWelfare). The history thus records every move; when st can
// write with another clock (sqlite.DB.WithClock), the records are entered and the moves made at the
// times they are imagined at (enteredAt, Step.At, never later than now), else at the time of
// loading. References are turned from positions
// into the ids the store gives. A file that has a named branch, groups, teams, members or findings
// is refused (EConflict) so that demo data never mixes with real records. The store validates with
// its own clock, so ds should be generated for today (or earlier).
func Load(ctx context.Context, st data.Store, ds Dataset) error {
	if err := checkEmpty(ctx, st); err != nil {
		return err
	}
	// The records of the past are written at their own times: at is the time of the next write
	// (zero: now) and past the store with that clock.
	var at time.Time
	past := st
	if c, ok := st.(interface {
		WithClock(func() time.Time) data.Store
	}); ok {
		past = c.WithClock(func() time.Time {
			if now := time.Now(); at.IsZero() || at.After(now) {
				return now
			}
			return at
		})
	}
	b := ds.Branch
	if err := st.SaveBranch(ctx, &b); err != nil {
		return err
	}
	groupIDs := make([]int64, len(ds.Groups))
	for i, grp := range ds.Groups {
		grp.LeaderID = 0 // members are saved later
		if err := st.SaveGroup(ctx, &grp); err != nil {
			return err
		}
		groupIDs[i] = grp.ID
	}
	ref := func(ids []int64, pos int64) int64 {
		if pos <= 0 || int(pos) > len(ids) {
			return 0
		}
		return ids[pos-1]
	}
	teamIDs := make([]int64, len(ds.Teams))
	for i, t := range ds.Teams {
		t.GroupID = ref(groupIDs, t.GroupID)
		if err := st.SaveTeam(ctx, &t); err != nil {
			return err
		}
		teamIDs[i] = t.ID
	}
	ms := make([]data.Member, len(ds.Members))
	for i, m := range ds.Members {
		m.BranchID = b.ID
		m.GroupID = ref(groupIDs, m.GroupID)
		m.TeamID = ref(teamIDs, m.TeamID)
		ms[i] = m
	}
	if _, err := st.ImportMembers(ctx, ms, data.ImportAdd, nil); err != nil {
		return err
	}
	saved, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	idOf := make(map[string]int64, len(saved))
	for _, m := range saved {
		idOf[m.IDNumber] = m.ID
	}
	for i, grp := range ds.Groups {
		if grp.LeaderID <= 0 || int(grp.LeaderID) > len(ds.Members) {
			continue
		}
		grp.ID = groupIDs[i]
		grp.LeaderID = idOf[ds.Members[grp.LeaderID-1].IDNumber]
		if err := st.SaveGroup(ctx, &grp); err != nil {
			return err
		}
	}

	memberIDs := make([]int64, len(ds.Members))
	for i, m := range ds.Members {
		memberIDs[i] = idOf[m.IDNumber]
	}
	// A finding is saved as found (待整改) and walked through its moves, so that its history is
	// the store's own (stamped with the times of the moves, see past above).
	found := func(f data.Finding) data.Finding {
		f.TeamID, f.MemberID = ref(teamIDs, f.TeamID), ref(memberIDs, f.MemberID)
		f.State, f.Progress, f.Acceptor, f.ClosedDate = "", "", "", data.Date{}
		return f
	}
	replay := func(id int64, steps []Step) error {
		for _, s := range steps {
			at = s.At
			if _, err := past.ChangeState(ctx, id, s.To, s.Reason, s.CloseOut); err != nil {
				return err
			}
		}
		return nil
	}
	for _, gen := range ds.Inspections {
		in := gen.Inspection
		in.TeamID = ref(teamIDs, in.TeamID)
		in.Inspectors = slices.Clone(in.Inspectors)
		for i := range in.Inspectors {
			in.Inspectors[i].MemberID = ref(memberIDs, in.Inspectors[i].MemberID)
		}
		in.Findings = make([]data.Finding, len(gen.Findings))
		for i, f := range gen.Findings {
			in.Findings[i] = found(f)
		}
		at = enteredAt(in.Date)
		if err := past.SaveInspection(ctx, &in); err != nil {
			return err
		}
		for i, steps := range gen.Steps {
			if err := replay(in.Findings[i].ID, steps); err != nil {
				return err
			}
		}
	}
	for _, gen := range ds.Findings {
		f := found(gen.Finding)
		at = enteredAt(f.FoundDate)
		if err := past.CreateFinding(ctx, &f); err != nil {
			return err
		}
		if err := replay(f.ID, gen.Steps); err != nil {
			return err
		}
	}
	entered := func(d data.Date) data.Store { at = enteredAt(d); return past }
	if err := loadWelfare(ctx, st, ds, memberIDs, found, replay, entered); err != nil {
		return err
	}
	if err := loadOrgLife(ctx, ds, memberIDs, groupIDs, teamIDs, entered); err != nil {
		return err
	}
	if err := loadTalks(ctx, st, ds.Today, entered); err != nil {
		return err
	}
	if err := loadEmergencies(ctx, st, ds.Today, entered); err != nil {
		return err
	}
	if err := loadPetitions(ctx, st, ds.Today, entered); err != nil {
		return err
	}
	if err := loadConcerns(ctx, st, ds.Today, entered); err != nil {
		return err
	}
	if err := loadDecisions(ctx, st, ds.Today, entered); err != nil {
		return err
	}
	at = time.Time{}
	if err := loadRecruits(ctx, st, ds, memberIDs, teamIDs, groupIDs); err != nil {
		return err
	}
	// After the recruits: the 预备党员 they became pay 党费 too.
	if err := loadDues(ctx, st, ds, memberIDs, entered); err != nil {
		return err
	}
	at = time.Time{}
	return loadAssessments(ctx, st, ds.Today, ds.Months)
}

// loadWelfare saves the 两堂一舍 part of ds: the facilities, each check (then the findings of its
// deductions, walked through their flow, and the check again with the links), the welfare items
// (saved as 已登记, walked through their moves, then rated) and the surveys. entered(d) is the store
// writing at the time the records of day d are entered (Load's clock).
func loadWelfare(ctx context.Context, st data.Store, ds Dataset, memberIDs []int64, found func(data.Finding) data.Finding,
	replay func(int64, []Step) error, entered func(data.Date) data.Store) error {
	facilities := make([]data.Facility, len(ds.Facilities))
	for i, f := range ds.Facilities {
		if err := st.SaveFacility(ctx, &f); err != nil {
			return err
		}
		facilities[i] = f
	}
	templates, err := st.Checklists(ctx, "")
	if err != nil {
		return err
	}
	templateID := map[string]int64{}
	for _, t := range templates {
		templateID[t.Name] = t.ID
	}
	for _, gen := range ds.Checks {
		c := gen.Check
		c.Items = slices.Clone(c.Items)
		if c.FacilityID <= 0 || int(c.FacilityID) > len(facilities) {
			return fmt.Errorf("demo: check of facility %d", c.FacilityID)
		}
		c.FacilityID = facilities[c.FacilityID-1].ID
		c.ChecklistID = templateID[c.ChecklistName]
		if err := entered(c.Date).SaveCheck(ctx, &c); err != nil {
			return err
		}
		if len(gen.Findings) == 0 {
			continue
		}
		for _, cf := range gen.Findings {
			f := found(cf.Finding)
			f.CheckID = c.ID
			if err := entered(c.Date).CreateFinding(ctx, &f); err != nil {
				return err
			}
			if err := replay(f.ID, cf.Steps); err != nil {
				return err
			}
			c.Items[cf.Item].FindingID = f.ID
		}
		if err := entered(c.Date).SaveCheck(ctx, &c); err != nil {
			return err
		}
	}
	for _, gen := range ds.WelfareItems {
		w := gen.WelfareItem
		rating := w.Rating
		w.HandlerID = 0
		if pos := gen.HandlerID; pos > 0 && int(pos) <= len(memberIDs) {
			w.HandlerID = memberIDs[pos-1]
		}
		w.State, w.Reason, w.DoneDate, w.Rating = "", "", data.Date{}, ""
		if err := st.SaveWelfareItem(ctx, &w); err != nil {
			return err
		}
		for _, s := range gen.Steps {
			if w, err = st.ChangeWelfareState(ctx, w.ID, s.To, s.Reason, s.Done); err != nil {
				return err
			}
		}
		if rating != "" {
			w.Rating = rating
			if err := st.SaveWelfareItem(ctx, &w); err != nil {
				return err
			}
		}
	}
	for _, s := range ds.Surveys {
		s.Questions = slices.Clone(s.Questions)
		if err := st.SaveSurvey(ctx, &s); err != nil {
			return err
		}
	}
	return nil
}

// checkEmpty refuses a data file that already holds branch data.
func checkEmpty(ctx context.Context, st data.Store) error {
	refuse := data.Errorf(data.EConflict, "数据文件中已有支部数据，演示数据只能装入新的空数据文件。请换一个新的文件名再试，以免与真实数据混在一起")
	b, err := st.Branch(ctx)
	switch {
	case err == nil && b.Name != "":
		return refuse
	case err != nil && data.ErrorCode(err) != data.ENotFound:
		return err
	}
	if gs, err := st.Groups(ctx); err != nil {
		return err
	} else if len(gs) > 0 {
		return refuse
	}
	if ts, err := st.Teams(ctx); err != nil {
		return err
	} else if len(ts) > 0 {
		return refuse
	}
	if ms, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true}); err != nil {
		return err
	} else if len(ms) > 0 {
		return refuse
	}
	if fs, err := st.Findings(ctx, data.FindingFilter{}); err != nil {
		return err
	} else if len(fs) > 0 {
		return refuse
	}
	if fs, err := st.Facilities(ctx, ""); err != nil {
		return err
	} else if len(fs) > 0 {
		return refuse
	}
	return nil
}
