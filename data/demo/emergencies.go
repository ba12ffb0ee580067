package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"branchledger/data"
)

// This file makes the demo's 应急防控 records from the members as saved: two years of drills (one or
// two a quarter, but one quarter without any, so that A1 deducts once), events (防汛 in the rainy
// months, a few 突发事件处置 and 疫情防控), each with members of whom a fixed few are the 党员突击队;
// two records raise a finding (the older one closed out, the recent one open); and a supplies list
// with one item expired and one expiring within 30 days.

// emergencyDemoQuarters is how far back the records go.
const emergencyDemoQuarters = 8

// emergencyMatter is one 事项 of the demo with the places it happens at and its own 带头情况 and
// 结果, so that a record reads as one story.
type emergencyMatter struct {
	subject      string
	places       []string
	lead, result string
}

var (
	drillMatters = []emergencyMatter{
		{"井下避灾路线应急演练", []string{"2201综采工作面", "主斜井"}, "党员突击队率先到位，带领职工沿避灾路线有序撤离", "全员按时撤至安全地点，演练达到预期"},
		{"顶板事故应急救援演练", []string{"2201综采工作面"}, "突击队员带头进入模拟冒顶区域，协助救护队施救", "模拟被困人员按时救出，演练达到预期"},
		{"矿井火灾应急演练", []string{"主斜井", "2201综采工作面"}, "党员示范正确佩戴自救器，带动班组熟练操作", "全员在规定时间内佩戴自救器撤离，演练达到预期"},
		{"透水事故应急演练", []string{"中央水泵房", "2201综采工作面"}, "党员突击队率先到位，组织职工向高处撤离", "全员按时撤至安全地点，排水设备启动正常"},
		{"瓦斯超限撤人演练", []string{"2201综采工作面"}, "党员班长第一时间断电撤人，带头清点人数", "超限区域人员3分钟内全部撤出，演练达到预期"},
		{"消防器材使用培训和演练", []string{"工业广场", "井口候车室"}, "党员带头示范灭火器和消防水带的使用", "参训职工均能正确使用灭火器"},
	}
	eventMatters = map[string][]emergencyMatter{
		"突发事件处置": {
			{"皮带机着火初期处置", []string{"主斜井"}, "党员突击队率先到位，用灭火器扑灭初期火情", "火情及时扑灭，未造成人员伤亡，恢复正常生产"},
			{"暴雨导致工业广场积水处置", []string{"工业广场"}, "突击队员冒雨疏通排水沟，带头转移怕水物资", "积水两小时内排除，未影响生产"},
			{"主扇停风应急处置", []string{"主通风机房"}, "党员带头组织井下人员撤离，配合倒换备用风机", "备用风机及时启动，井下人员全部安全升井"},
		},
		"疫情防控": {
			{"流感高发期井口测温和消杀", []string{"井口候车室"}, "党员志愿者带头值守测温点，每班消杀", "入井人员全部测温登记，未发生聚集性感染"},
			{"职工食堂疫情防控检查", []string{"职工食堂"}, "党员带头检查食堂消毒和分餐落实情况", "查出的问题当场整改，食堂防控措施落实到位"},
		},
		"防汛防火": {
			{"雨季排水系统巡查和清淤", []string{"中央水泵房", "工业广场"}, "突击队员连续值守，带头完成清淤", "排水沟和水仓清淤完成，排水能力满足要求"},
			{"汛期防洪物资清点和值守", []string{"工业广场"}, "党员带头24小时值守，清点补齐防汛物资", "防汛物资齐全，汛期未发生险情"},
			{"秋冬防火安全检查", []string{"工业广场", "职工食堂"}, "党员带头排查电气线路和易燃物存放隐患", "排查出的火灾隐患已当场整改"},
		},
	}
	supplyItems = []data.Supply{
		{Name: "灭火器", Quantity: 24, Unit: "具", Place: "井口库房"},
		{Name: "压缩氧自救器", Quantity: 40, Unit: "台", Place: "灯房"},
		{Name: "急救箱", Quantity: 6, Unit: "个", Place: "区队办公室"},
		{Name: "担架", Quantity: 4, Unit: "副", Place: "井口库房"},
		{Name: "防汛沙袋", Quantity: 300, Unit: "条", Place: "工业广场物资库"},
		{Name: "潜水泵", Quantity: 3, Unit: "台", Place: "中央水泵房"},
		{Name: "应急照明灯", Quantity: 20, Unit: "盏", Place: "井口库房"},
		{Name: "医用口罩", Quantity: 2000, Unit: "只", Place: "区队办公室"},
	}
)

// EmergencyFinding is a finding raised from the demo record Record (an index of Records), put in
// hand (整改中) and, with Close, closed out.
type EmergencyFinding struct {
	Record  int
	Finding data.Finding
	Close   bool // closed out (开始整改, 提请验收, 验收销号) within its deadline
}

// EmergencyDemo is what the demo adds for 应急防控.
type EmergencyDemo struct {
	Records  []data.Emergency
	Findings []EmergencyFinding
	Supplies []data.Supply
}

// GenerateEmergencies makes the records from ms (saved members: IDs set) and today. The same
// arguments give the same records; every one passes the data package's validation on today.
func GenerateEmergencies(ms []data.Member, today data.Date) EmergencyDemo {
	rnd := rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), 0xe3e7))
	var roll []data.Member
	for _, m := range ms {
		if m.RollStatus == data.RollIn || m.RollStatus == "" {
			roll = append(roll, m)
		}
	}
	var out EmergencyDemo
	if len(roll) == 0 {
		return out
	}
	// The 突击队: every fourth member on the roll.
	commando := func(i int) bool { return i%4 == 0 }
	members := func(d data.Date) []data.EmergencyMember {
		n := min(3+rnd.IntN(6), len(roll))
		var picked []data.EmergencyMember
		for _, i := range rnd.Perm(len(roll)) {
			m := roll[i]
			if len(picked) == n {
				break
			}
			if !m.JoinDate.IsZero() && m.JoinDate.After(d) {
				continue
			}
			picked = append(picked, data.EmergencyMember{MemberID: m.ID, Name: m.Name, Commando: commando(i)})
		}
		return picked
	}
	add := func(kind string, m emergencyMatter, d data.Date) {
		if d.After(today) {
			return
		}
		out.Records = append(out.Records, data.Emergency{Kind: kind, Date: d, Subject: m.subject,
			Place: m.places[rnd.IntN(len(m.places))], Members: members(d), Lead: m.lead, Result: m.result})
	}
	thisQuarter := data.TalkPeriodOf(data.TalkPerQuarter, today)
	for q := emergencyDemoQuarters - 1; q >= 0; q-- {
		p := data.TalkPeriodOf(data.TalkPerQuarter, data.DateOf(thisQuarter.From.Time().AddDate(0, -3*q, 0)))
		dayIn := func() data.Date { return p.From.AddDays(rnd.IntN(daysBetween(p.From, p.To) + 1)) }
		if q != 5 { // one quarter holds no drill
			for range 1 + rnd.IntN(2) {
				add(data.EmergencyDrill, drillMatters[rnd.IntN(len(drillMatters))], dayIn())
			}
		}
		// The rainy season (the quarter holding July) has its 防汛 duty.
		if p.Contains(data.NewDate(p.From.Year, 7, 15)) {
			add("防汛防火", eventMatters["防汛防火"][rnd.IntN(2)], data.NewDate(p.From.Year, 7, 1+rnd.IntN(28)))
		}
		switch rnd.IntN(3) {
		case 0:
			add("突发事件处置", eventMatters["突发事件处置"][rnd.IntN(3)], dayIn())
		case 1:
			add("疫情防控", eventMatters["疫情防控"][rnd.IntN(2)], dayIn())
		}
	}
	slices.SortStableFunc(out.Records, func(a, b data.Emergency) int { return a.Date.Compare(b.Date) })
	// Two records raise a finding: a drill a year or more ago (closed) and the latest record (open).
	raise := func(i int, desc, responsible string, closed bool) {
		out.Records[i].Result = "已完成，发现不足已安排整改：" + desc // the record tells of what it raised
		e := out.Records[i]
		deadline := e.Date.AddDays(15)
		out.Findings = append(out.Findings, EmergencyFinding{Record: i, Close: closed && deadline.Before(today),
			Finding: data.Finding{Source: data.SourceEmergency, FoundDate: e.Date, Category: "安全生产不实", Level: "一般",
				Description: desc, Responsible: responsible, Measures: "组织专项培训并复演", Deadline: deadline}})
	}
	if n := len(out.Records); n > 2 {
		old := 0
		for i, e := range out.Records {
			if e.Kind == data.EmergencyDrill && daysBetween(e.Date, today) > 365 {
				old = i
			}
		}
		raise(old, "部分职工自救器佩戴不熟练，超过规定时间", roll[0].Name, true)
		raise(n-1, "应急物资存放点标识不清，取用耽误时间", roll[min(1, len(roll)-1)].Name, false)
	}
	for i, x := range supplyItems {
		x.Checked = today.AddDays(-20 - 30*(i%6))
		x.Expires = data.DateOf(today.Time().AddDate(1+i%3, 0, 0))
		switch x.Name {
		case "压缩氧自救器":
			x.Expires = today.AddDays(-12) // expired: the red line of the 工作台
		case "医用口罩":
			x.Expires = today.AddDays(20) // expiring within 30 days
		case "担架", "潜水泵":
			x.Expires = data.Date{} // does not expire
		}
		out.Supplies = append(out.Supplies, x)
	}
	return out
}

// loadEmergencies saves the 应急防控 records, their findings (the closed one walked through the flow)
// and the supplies; entered(d) is the store writing at the time the records of day d are entered.
func loadEmergencies(ctx context.Context, st data.Store, today data.Date, entered func(data.Date) data.Store) error {
	if today.IsZero() {
		return nil
	}
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	ed := GenerateEmergencies(ms, today)
	for i := range ed.Records {
		if err := entered(ed.Records[i].Date).SaveEmergency(ctx, &ed.Records[i]); err != nil {
			return fmt.Errorf("应急防控 %s: %w", data.EmergencyLabel(&ed.Records[i]), err)
		}
	}
	for _, ef := range ed.Findings {
		f := ef.Finding
		f.EmergencyID = ed.Records[ef.Record].ID
		if err := entered(f.FoundDate).CreateFinding(ctx, &f); err != nil {
			return fmt.Errorf("应急防控问题 %s: %w", f.Description, err)
		}
		moves := []string{data.StateFixing}
		if ef.Close {
			moves = append(moves, data.StateReview, data.StateClosed)
		}
		for k, to := range moves {
			d := f.FoundDate.AddDays(3 + 4*k)
			var co *data.CloseOut
			if to == data.StateClosed {
				co = &data.CloseOut{Progress: "已组织专项培训并复演，全员达标", Acceptor: ms[0].Name, ClosedDate: d}
			}
			if d.After(today) {
				break
			}
			if _, err := entered(d).ChangeState(ctx, f.ID, to, "", co); err != nil {
				return err
			}
		}
	}
	for i := range ed.Supplies {
		if err := entered(ed.Supplies[i].Checked).SaveSupply(ctx, &ed.Supplies[i]); err != nil {
			return err
		}
	}
	return nil
}
