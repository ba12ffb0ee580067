package demo

import (
	"fmt"
	"slices"
	"time"

	"branchledger/data"
)

// DefaultMonths is how many months of inspections Generate makes.
const DefaultMonths = 12

// Inspection is a generated inspection with its findings as they stand on the day of generation.
// References are positions counted from 1, as in Dataset: TeamID (inspection and findings) in
// Teams, Inspector.MemberID and Finding.MemberID in Members.
type Inspection struct {
	data.Inspection
	// Steps[i] are the moves Findings[i] made through the close-out flow after its creation, in
	// order (none: it is still 待整改). Load replays them with ChangeState.
	Steps [][]Step
}

// Finding is a generated finding typed by hand (来源 其他), as it stands, with its moves.
type Finding struct {
	data.Finding
	Steps []Step
}

// Step is one move through the close-out flow, as FindingStore.ChangeState takes it, with the time
// it is imagined to be made at (a working hour of its day, after the record's entry, see enteredAt,
// and the moves before it), which Load gives the history.
type Step struct {
	To       string
	Reason   string
	CloseOut *data.CloseOut
	At       time.Time
}

// enteredAt is when the records of day d (inspections, checks, findings typed by hand) are entered:
// a morning time, 09:00–11:29, that depends on the day only.
func enteredAt(d data.Date) time.Time {
	minutes := (d.Year*372 + int(d.Month)*31 + d.Day) * 37 % 150
	return time.Date(d.Year, d.Month, d.Day, 9, minutes, 0, 0, time.Local)
}

// stepAt is the time of a move made on day d (at most today) after the one at prev: a working hour,
// 08:00–17:29, and at least a few minutes after prev.
func (g *generator) stepAt(d data.Date, prev time.Time) time.Time {
	if d.After(g.today) {
		d = g.today
	}
	t := time.Date(d.Year, d.Month, d.Day, 8, g.clock.IntN(570), 0, 0, time.Local)
	if after := prev.Add(time.Duration(5+g.clock.IntN(90)) * time.Minute); t.Before(after) {
		t = after
	}
	return t
}

// problem is a kind of problem inspectors find, with what is done about it. where lists the team
// categories (data.TeamCategories) or units (units) where it is found; nil means any team.
type problem struct {
	category, description, measures, progress string
	where                                     []string
}

var (
	production = []string{"采煤", "机电", "运输"}
	problems   = []problem{
		{"安全生产不实", "综采工作面端头支护不及时，超前支架滞后", "立即补齐端头支护，班组长跟班盯守", "已补齐端头及超前支护，复查符合作业规程", []string{"采煤"}},
		{"安全生产不实", "部分液压支架初撑力不足", "对初撑力不足的支架逐架补液，加强泵站压力监测", "已逐架补液，抽查初撑力达到规定值", []string{"采煤"}},
		{"安全生产不实", "煤壁片帮处未及时打出护帮板", "片帮区域及时伸出护帮板，严禁空顶作业", "已打出护帮板，班中专人巡查煤壁", []string{"采煤"}},
		{"安全生产不实", "采煤机司机离开岗位未闭锁采煤机", "对当事人进行安全教育，严格执行离岗闭锁制度", "已对当事人帮教，班前会重申离岗闭锁要求", []string{"采煤"}},
		{"安全生产不实", "刮板输送机机头压柱不牢固", "重新打设压柱并加装防倒措施", "压柱已重新打设牢固，加装防倒链", []string{"采煤"}},
		{"安全生产不实", "班前会未传达本班安全技术措施", "班组长班前会必须传达安全措施，队部抽查班前会记录", "已补充传达并签字确认，班前会记录规范", nil},
		{"安全生产不实", "个别职工未随身携带自救器", "对当事人进行安全教育，入井检身严格检查自救器", "已对当事人帮教，入井检查未再发现类似问题", nil},
		{"安全生产不实", "手指口述安全确认流于形式", "班组长现场示范，逐岗位开展手指口述培训", "已组织全员培训，现场抽查确认规范", production},
		{"安全生产不实", "交接班未进行现场隐患排查", "严格执行现场交接班制度，交接双方签字", "已规范交接班记录，现场交接落实到位", production},
		{"设施设备", "移动变电站电缆吊挂不整齐", "按标准重新吊挂电缆，明确专人维护", "电缆已按标准吊挂整齐", []string{"机电"}},
		{"设施设备", "乳化液泵站压力表损坏未及时更换", "立即更换压力表，每班检查仪表完好", "压力表已更换，纳入班检内容", []string{"机电"}},
		{"设施设备", "带式输送机跑偏保护失灵", "立即检修跑偏保护装置并试验", "跑偏保护已修复，试验动作可靠", []string{"运输", "机电"}},
		{"设施设备", "工作面配电点电气设备存在失爆隐患", "立即停电处理失爆部位，开展防爆检查", "失爆部位已处理，防爆检查合格", []string{"机电"}},
		{"设施设备", "检修记录填写不全，无检修人签字", "规范检修记录填写，队部每周检查", "检修记录已补全，检修人逐项签字", []string{"机电"}},
		{"设施设备", "绞车信号装置声光信号不清", "更换信号装置，试验合格后方可使用", "信号装置已更换，试验声光清晰", []string{"运输"}},
		{"作风纪律", "个别职工班中脱岗、串岗", "对当事人批评教育，纳入绩效考核", "已对当事人谈话教育并按规定考核", nil},
		{"作风纪律", "交接班迟到、提前升井", "严格考勤管理，班组长负责监督", "已对当事人考核，考勤记录规范", production},
		{"作风纪律", "上班期间在岗位玩手机", "对当事人批评教育，重申岗位纪律", "已谈话教育，当事人写出书面检查", nil},
		{"发挥作用不强", "党员责任区内隐患未及时发现和制止", "党小组长督促责任区党员每班巡查并记录", "责任区党员已建立巡查记录，每班签字", nil},
		{"发挥作用不强", "党员示范岗现场安全确认不到位，未起带头作用", "对示范岗党员谈话提醒，党小组跟踪帮带", "已谈话提醒，示范岗党员带头落实安全确认", nil},
		{"发挥作用不强", "党员未按规定佩戴党员标识", "重申党员亮身份要求，班前会检查", "党员标识已按规定佩戴", nil},
		{"围绕中心不紧", "班组安全生产目标未分解到人", "班组重新分解安全生产目标，落实到岗到人", "目标已分解到人并上墙公示", nil},
		{"围绕中心不紧", "班组政治学习与安全生产结合不紧", "学习内容结合本班组安全生产实际，党小组长把关", "已调整学习计划，结合事故案例开展学习", nil},
		{"问题整改不力", "上次督查发现的问题未按期整改", "明确责任人和期限，队部跟踪督办", "遗留问题已全部整改，经复查销号", nil},
		{"问题整改不力", "隐患整改台账记录不全，未闭环销号", "完善隐患整改台账，逐条闭环销号", "台账已补全，问题逐条闭环", nil},
		{"环境卫生", "顺槽浮煤积尘未及时清理", "组织人员清理浮煤，落实每班清扫责任", "浮煤已清理，文明生产达到标准", []string{"采煤", "运输"}},
		{"环境卫生", "材料码放杂乱，未挂牌管理", "按定置管理要求重新码放并挂牌", "材料已分类码放，挂牌管理", []string{"后勤", "机电"}},
		{"食品卫生", "班中餐送到井下时保温不到位，饭菜已凉", "更换保温箱，缩短送餐时间", "已更换保温箱，职工反映饭菜温度合适", []string{"后勤"}},
		{"食品卫生", "职工食堂留样记录不全", "严格执行食品留样制度，专人登记", "已补全留样记录，专人负责每餐留样", []string{"职工食堂"}},
		{"食品卫生", "食堂从业人员未佩戴口罩、帽子", "对从业人员培训，班前检查着装", "从业人员着装规范，已纳入每日检查", []string{"职工食堂"}},
		{"食品卫生", "后厨生熟食品混放", "生熟食品分区存放，标识清楚", "已分区存放，冷柜张贴标识", []string{"职工食堂"}},
		{"设施设备", "职工澡堂部分淋浴喷头损坏", "更换损坏喷头，建立每日巡查制度", "喷头已全部更换", []string{"职工澡堂"}},
		{"设施设备", "更衣室更衣柜门锁损坏", "更换损坏门锁", "门锁已更换", []string{"职工澡堂"}},
		{"环境卫生", "宿舍走廊杂物堆放，存在消防隐患", "清理走廊杂物，宿舍管理员每日检查", "杂物已清理，通道畅通", []string{"单身职工宿舍"}},
		{"环境卫生", "宿舍内私拉乱接电线", "拆除私接电线，开展用电安全教育", "私接电线已拆除，住宿职工签订用电承诺", []string{"单身职工宿舍"}},
		{"其他", "班组园地宣传栏内容未及时更新", "每月更新宣传栏内容，宣传委员把关", "宣传栏已更新本月内容", nil},
	}
)

// handProblem is a problem found outside the branch's inspections, in the team named (or none).
type handProblem struct{ category, description, measures, progress, team string }

// units are the places inspected that are not teams of the branch, with their places.
var units = []struct {
	name   string
	places []string
}{
	{"职工食堂", []string{"后厨操作间", "食品留样间", "就餐大厅"}},
	{"职工澡堂", []string{"淋浴间", "更衣室"}},
	{"单身职工宿舍", []string{"3号宿舍楼", "5号宿舍楼"}},
}

var placesOf = map[string][]string{
	"采煤": {"2201综采工作面", "2201工作面运输顺槽", "2201工作面回风顺槽", "工作面上端头", "工作面下端头"},
	"机电": {"乳化液泵站", "移动变电站", "工作面配电点", "运输顺槽带式输送机机头", "检修硐室"},
	"运输": {"运输顺槽带式输送机机头", "转载机、破碎机处", "绞车房", "运输顺槽"},
	"后勤": {"地面材料库", "井下材料运送线路", "材料码放区"},
	"其他": {"队部办公室", "调度值班室", "班前会会场"},
}

var (
	inspectionKinds = []string{"四不两直督查", "四不两直督查", "四不两直督查", "四不两直督查", "四不两直督查", "四不两直督查",
		"四不两直督查", "专项督查", "日常检查", "安全检查"}
	topics        = []string{"机电设备完好", "党员先锋岗履职", "隐患排查治理", "班组建设", "“一通三防”"}
	failReasons   = []string{"验收时发现整改不到位，需继续整改", "现场复查仍有遗留问题", "整改资料不全，需补充完善"}
	reopenReasons = []string{"复查时发现问题反弹，整改不彻底", "矿安监处复查发现同类问题再次出现", "回访发现整改措施未落实到位"}
	handProblems  = []handProblem{
		{"围绕中心不紧", "矿党委检查发现：“三会一课”记录不规范", "按规定补充完善会议记录，组织委员把关", "记录已补充完善", ""},
		{"发挥作用不强", "党员积分公示不及时", "每月5日前公示上月党员积分", "已公示，并明确专人负责", ""},
		{"环境卫生", "矿安监处检查：运输顺槽行人侧浮煤较多", "组织清理浮煤，落实每班清扫", "浮煤已清理", "运输班"},
		{"安全生产不实", "群众反映：夜班个别岗位交接班不清", "规范交接班制度，班组长现场交接", "交接班已规范，签字记录齐全", "采煤三班"},
		{"其他", "党员责任区公示牌内容未更新", "及时更新责任区公示牌，党小组长负责", "公示牌已更新", ""},
		{"作风纪律", "职工反映：材料发放存在拖延现象", "规范材料发放流程，限时办结", "已公开发放流程，材料按时发放", "材料班"},
		{"食品卫生", "矿工会检查：职工食堂餐具消毒记录不全", "督促食堂落实餐具消毒登记制度", "消毒记录已规范，每餐登记", ""},
	}
)

// inspections makes the supervision team's inspections of the months before today, oldest first,
// and the findings typed by hand.
func (g *generator) inspections(ds *Dataset, months int) {
	var supervisors []int
	for i, m := range ds.Members {
		if m.Supervisor {
			supervisors = append(supervisors, i)
		}
	}
	if len(supervisors) == 0 || months <= 0 {
		return
	}
	from := g.today.Time().AddDate(0, -months, 1)
	hand := g.rnd.Perm(len(handProblems))
	for month := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC); !month.After(g.today.Time()); month = month.AddDate(0, 1, 0) {
		first, last := month, month.AddDate(0, 1, -1)
		days := last.Day()
		first, last = later(first, from), earlier(last, g.today.Time())
		span := int(last.Sub(first).Hours()/24) + 1
		count := ((15+g.rnd.IntN(11))*span + days/2) / days // 15–25 a month, fewer in a part of one
		dates := make([]data.Date, count)
		for i := range dates {
			dates[i] = data.DateOf(first.AddDate(0, 0, g.rnd.IntN(span)))
		}
		slices.SortFunc(dates, data.Date.Compare)
		for _, d := range dates {
			if in, ok := g.inspection(ds, supervisors, d); ok {
				ds.Inspections = append(ds.Inspections, in)
			}
		}
		// One finding a month comes from elsewhere (矿党委, 安监处, 工会, 群众反映) and is typed by
		// hand; the kinds take turns so that a year shows each.
		p := handProblems[hand[len(ds.Findings)%len(hand)]]
		ds.Findings = append(ds.Findings, g.handFinding(ds, p, data.DateOf(first.AddDate(0, 0, g.rnd.IntN(span)))))
	}
	g.coverStates(ds)
}

// recentDays is how far back coverStates looks: the findings a 日清 list shows.
const recentDays = 30

// coverStates makes sure the findings of the last recentDays days show every open state, as a real
// branch's list does, which chance alone may not give: for a missing state, a recent finding closed
// (or in a state others share) is walked afresh to it; the newest for 待整改 (just found), the
// oldest for the others (work under way, now overdue).
func (g *generator) coverStates(ds *Dataset) {
	type ref struct {
		f     *data.Finding
		steps *[]Step
	}
	var recent []ref
	add := func(f *data.Finding, steps *[]Step) {
		if daysBetween(f.FoundDate, g.today) <= recentDays {
			recent = append(recent, ref{f, steps})
		}
	}
	for k := range ds.Inspections {
		for i := range ds.Inspections[k].Findings {
			add(&ds.Inspections[k].Findings[i], &ds.Inspections[k].Steps[i])
		}
	}
	for k := range ds.Findings {
		add(&ds.Findings[k].Finding, &ds.Findings[k].Steps)
	}
	slices.SortStableFunc(recent, func(a, b ref) int { return a.f.FoundDate.Compare(b.f.FoundDate) })
	count := map[string]int{}
	for _, r := range recent {
		count[r.f.State]++
	}
	for _, want := range []string{data.StatePending, data.StateFixing, data.StateReview} {
		if count[want] > 0 {
			continue
		}
		order := slices.Clone(recent)
		if want == data.StatePending {
			slices.Reverse(order)
		}
		for _, r := range order {
			if s := r.f.State; s == data.StateClosed || count[s] > 1 {
				count[s], count[want] = count[s]-1, count[want]+1
				*r.steps = g.walk(r.f, want)
				break
			}
		}
	}
}

// walk takes f back to 待整改 without a close-out and forward to the open state `to`.
func (g *generator) walk(f *data.Finding, to string) []Step {
	f.State, f.Progress, f.Acceptor, f.ClosedDate = data.StatePending, "", "", data.Date{}
	var steps []Step
	at := enteredAt(f.FoundDate)
	for i, s := range []string{data.StateFixing, data.StateReview} {
		if f.State == to {
			break
		}
		if err := data.ApplyTransition(f, s, "", nil, g.today); err != nil {
			panic(fmt.Sprintf("demo: %v", err)) // a bug of the generator
		}
		at = g.stepAt(f.FoundDate.AddDays(i+1), at)
		steps = append(steps, Step{To: s, At: at})
	}
	return steps
}

// inspection makes one inspection on day d by members of the supervision team who had joined the
// Party by then (false when there are none).
func (g *generator) inspection(ds *Dataset, supervisors []int, d data.Date) (Inspection, bool) {
	in := data.Inspection{Date: d, Kind: g.pick(inspectionKinds)}

	// Where: mostly a team of the branch (the crews most), now and then the canteen, bath or dormitory.
	var where, subject string // the problem scope, and what the content calls the place
	ti := -1                  // the team's position in teams, -1 for a unit
	if g.chance(0.1) {
		u := units[g.rnd.IntN(len(units))]
		in.Unit, in.Place, where, subject = u.name, g.pick(u.places), u.name, u.name
		in.Kind = g.pick([]string{"日常检查", "日常检查", "专项督查"})
		in.Shift = g.pick([]string{"", "早班", "中班"})
	} else {
		ti = g.pickTeam()
		t := teams[ti]
		in.TeamID, in.Place, where, subject = int64(ti+1), g.pick(placesOf[t.category]), t.category, t.name
		in.Shift = g.pick(data.Shifts)
		if t.category == "后勤" || t.category == "其他" {
			in.Shift = g.pick([]string{"", "早班"})
		}
	}

	// Who: members of the supervision team who had joined the Party by then, not of the team
	// inspected (unless too few others can go), led by the 书记, 纪检委员, a 党小组长 or the 安全员.
	var able, others, leads []int
	for _, i := range supervisors {
		if m := ds.Members[i]; !m.JoinDate.After(d) {
			able = append(able, i)
			if in.TeamID == 0 || m.TeamID != in.TeamID {
				others = append(others, i)
			}
		}
	}
	if len(others) >= min(2, len(able)) {
		able = others
	}
	if len(able) == 0 {
		return Inspection{}, false
	}
	for _, i := range able {
		if m := ds.Members[i]; m.PartyRole == "书记" || m.PartyRole == "纪检委员" || m.PartyRole == "党小组长" || m.Job == "安全员" {
			leads = append(leads, i)
		}
	}
	if len(leads) == 0 {
		leads = able
	}
	lead := leads[g.rnd.IntN(len(leads))]
	in.Inspectors = []data.Inspector{{MemberID: int64(lead + 1), Lead: true}}
	size := 2 + g.rnd.IntN(3)
	for _, k := range g.rnd.Perm(len(able)) {
		if len(in.Inspectors) < size && able[k] != lead {
			in.Inspectors = append(in.Inspectors, data.Inspector{MemberID: int64(able[k] + 1)})
		}
	}

	switch in.Kind {
	case "四不两直督查":
		in.Content = fmt.Sprintf("不发通知、不打招呼，直奔%s现场，检查班前会安全措施传达、岗位安全确认、党员责任区履职和劳动纪律情况", subject)
	case "专项督查":
		in.Content = fmt.Sprintf("开展%s专项督查，检查%s落实情况", g.topic(d), subject)
	case "日常检查":
		in.Content = fmt.Sprintf("日常检查%s现场管理、制度执行和劳动纪律", subject)
	default:
		in.Content = fmt.Sprintf("检查%s安全设施、隐患排查和整改落实情况", subject)
	}

	// 0–3 findings, different problems of the place.
	var fit []int
	for i, p := range problems {
		if p.where == nil && ti >= 0 || slices.Contains(p.where, where) {
			fit = append(fit, i)
		}
	}
	n := []int{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3}[g.rnd.IntN(11)]
	res := Inspection{Inspection: in}
	acceptor := ds.Members[lead].Name
	for _, k := range g.rnd.Perm(len(fit))[:min(n, len(fit))] {
		p := problems[fit[k]]
		f := data.Finding{
			Source: data.SourceInspection, TeamID: in.TeamID, FoundDate: d, Category: p.category,
			Level: g.level(), Description: p.description, Measures: p.measures,
			Responsible: g.responsible(ds, ti, in.Unit), Deadline: d.AddDays(3 + g.rnd.IntN(13)), State: data.StatePending,
		}
		if involved := g.involved(ds, ti, d); involved >= 0 && (p.category == "作风纪律" || p.category == "发挥作用不强" || g.chance(0.1)) {
			f.MemberID = int64(involved + 1)
		}
		steps := g.flow(&f, p.progress, acceptor)
		res.Findings = append(res.Findings, f)
		res.Steps = append(res.Steps, steps)
	}
	return res, true
}

// topic draws the subject of a 专项督查 on day d, with the season's own.
func (g *generator) topic(d data.Date) string {
	list := topics
	switch m := d.Month; {
	case m == time.June:
		list = append(slices.Clone(list), "“安全生产月”", "“安全生产月”")
	case m >= time.July && m <= time.September:
		list = append(slices.Clone(list), "雨季“三防”", "雨季“三防”")
	case m >= time.November || m <= time.March:
		list = append(slices.Clone(list), "冬季防火", "冬季防火")
	}
	return g.pick(list)
}

// pickTeam draws a team, the production crews more often, as supervision goes where the risk is.
func (g *generator) pickTeam() int {
	total := 0
	for _, t := range teams {
		total += t.weight + 1
	}
	r := g.rnd.IntN(total)
	for i, t := range teams {
		if r -= t.weight + 1; r < 0 {
			return i
		}
	}
	return 0
}

// level is mostly 一般, sometimes 较大, rarely 重大.
func (g *generator) level() string {
	switch r := g.rnd.IntN(100); {
	case r < 3:
		return data.DefaultFindingLevels[2]
	case r < 20:
		return data.DefaultFindingLevels[1]
	}
	return data.DefaultFindingLevels[0]
}

// responsible names who answers for a problem: the team's leader (班长, or 队长 for the 队部) or
// one of its members; a team without Party members, and a unit, has a leader who is not one.
func (g *generator) responsible(ds *Dataset, ti int, unit string) string {
	key := unit
	if ti >= 0 {
		key = teams[ti].name
		var leader string
		var others []string
		for _, m := range ds.Members {
			switch {
			case m.TeamID != int64(ti+1) || m.RollStatus != data.RollIn:
			case leader == "" && (m.Job == "班长" || m.Job == "队长"):
				leader = m.Name
			default:
				others = append(others, m.Name)
			}
		}
		if len(others) > 0 && g.chance(0.3) {
			return g.pick(others)
		}
		if leader != "" {
			return leader
		}
	}
	if g.heads[key] == "" {
		g.heads[key] = g.name(true)
	}
	return g.heads[key]
}

// involved draws a Party member of team ti who had joined by day d (-1: none), for 涉及党员.
func (g *generator) involved(ds *Dataset, ti int, d data.Date) int {
	var in []int
	for i, m := range ds.Members {
		if ti >= 0 && m.TeamID == int64(ti+1) && !m.JoinDate.After(d) && !m.LostContact && !m.Floating {
			in = append(in, i)
		}
	}
	if len(in) == 0 {
		return -1
	}
	return in[g.rnd.IntN(len(in))]
}

// flow decides how far finding f (found, with its deadline) got through the close-out flow by
// today, moves it there with data.ApplyTransition, and returns the moves. Work starts within two
// days (now and then much later), is handed in for checking a day or three before it is accepted,
// and is accepted mostly within the deadline, one time in five late, a few times long after or not
// yet; some fail a check once, and a few are reopened after closing.
func (g *generator) flow(f *data.Finding, progress, acceptor string) []Step {
	var steps []Step
	at := enteredAt(f.FoundDate)
	move := func(on data.Date, to, reason string, co *data.CloseOut) {
		if err := data.ApplyTransition(f, to, reason, co, g.today); err != nil {
			panic(fmt.Sprintf("demo: %s → %s: %v", f.State, to, err)) // a bug of the generator
		}
		at = g.stepAt(on, at)
		steps = append(steps, Step{To: to, Reason: reason, CloseOut: co, At: at})
	}
	closeOut := func(progress string, on data.Date) *data.CloseOut {
		return &data.CloseOut{Progress: progress, Acceptor: acceptor, ClosedDate: on}
	}
	span := daysBetween(f.FoundDate, f.Deadline)
	var took int // days from found to accepted
	switch r := g.rnd.IntN(100); {
	case r < 72:
		took = span/2 + 1 + g.rnd.IntN(span-span/2)
	case r < 92:
		took = span + 1 + g.rnd.IntN(12)
	case r < 97:
		took = span + 20 + g.rnd.IntN(60)
	default:
		took = 1000 // not done yet
	}
	start := g.rnd.IntN(3)
	if g.chance(0.15) {
		start = g.rnd.IntN(took)
	}
	submit := max(start, took-1-g.rnd.IntN(3))
	age := daysBetween(f.FoundDate, g.today)
	startOn, submitOn := f.FoundDate.AddDays(start), f.FoundDate.AddDays(submit)
	if age < took { // still open
		if age >= start {
			move(startOn, data.StateFixing, "", nil)
			if age >= submit {
				move(submitOn, data.StateReview, "", nil)
			}
		}
		return steps
	}
	closeOn := f.FoundDate.AddDays(took)
	move(startOn, data.StateFixing, "", nil)
	move(submitOn, data.StateReview, "", nil)
	if g.chance(0.06) { // the check on the day handed in fails; handed in again on the day accepted
		move(submitOn, data.StateFixing, g.pick(failReasons), nil)
		move(closeOn, data.StateReview, "", nil)
	}
	move(closeOn, data.StateClosed, "", closeOut(progress, closeOn))
	if reopenOn := closeOn.AddDays(2 + g.rnd.IntN(10)); g.chance(0.04) && !reopenOn.After(g.today) {
		move(reopenOn, data.StateFixing, g.pick(reopenReasons), nil)
		switch again := reopenOn.AddDays(2 + g.rnd.IntN(8)); {
		case !again.After(g.today):
			move(again, data.StateReview, "", nil)
			move(again, data.StateClosed, "", closeOut(progress+"；已建立长效机制，专人盯守", again))
		case g.chance(0.5):
			move(reopenOn.AddDays(1), data.StateReview, "", nil)
		}
	}
	return steps
}

// handFinding is problem p, found elsewhere (上级检查, 群众反映) on day d and typed by hand.
func (g *generator) handFinding(ds *Dataset, p handProblem, d data.Date) Finding {
	f := data.Finding{Source: data.SourceOther, FoundDate: d, Category: p.category, Level: g.level(), Description: p.description,
		Measures: p.measures, Deadline: d.AddDays(5 + g.rnd.IntN(11)), State: data.StatePending}
	ti := slices.IndexFunc(teams, func(t team) bool { return t.name == p.team })
	switch {
	case ti >= 0:
		f.TeamID = int64(ti + 1)
		f.Responsible = g.responsible(ds, ti, "")
	case ds.Branch.Organisation != "":
		f.Responsible = ds.Branch.Organisation // the branch's own work falls to the 组织委员
	default:
		f.Responsible = g.responsible(ds, -1, "党支部")
	}
	acceptor := ds.Branch.Secretary
	if acceptor == "" {
		acceptor = f.Responsible
	}
	steps := g.flow(&f, p.progress, acceptor)
	return Finding{Finding: f, Steps: steps}
}
