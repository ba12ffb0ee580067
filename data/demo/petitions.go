package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"branchledger/data"
)

// This file makes the demo's 信访维稳 records from the members and teams as saved: two years of
// monthly 矛盾排查 with a few months missed, and about one 信访事项 a month kept by one or two
// members (一包一/多包一), those past their 办理期限 resolved, except ONE case left overdue; one
// 越级上访 in an older month.

// petitionDemoMonths is how far back the records go.
const petitionDemoMonths = 24

// missedScreenings are the months (counted back from this one) with no screening.
var missedScreenings = []int{5, 13, 19}

// escalatedMonth is how many months back the one 越级上访 was registered.
const escalatedMonth = 14

var (
	petitionContents = map[string][]string{
		"工资待遇": {"反映加班工资未足额发放", "对绩效工资分配有异议", "要求补发夜班津贴"},
		"工伤":   {"工伤认定进度慢，要求加快", "工伤医疗费报销未到位", "要求落实工伤后的岗位安排"},
		"劳动关系": {"劳务派遣转正诉求", "对岗位调整有意见", "要求续签劳动合同"},
		"住房":   {"单身宿舍分配诉求", "职工家属房维修诉求"},
		"家庭":   {"家属就业安置诉求", "子女入学困难求助", "家庭矛盾影响工作，请求调解"},
		"其他":   {"对班组长管理方式有意见", "反映通勤班车时间不合理"},
	}
	petitionMeasures = []string{"包保责任人上门谈心，协调相关科室核实办理", "与劳资科、工会共同研究解决方案，定期回访",
		"讲清政策，帮助准备材料，陪同办理", "召开协调会，当面答复诉求人"}
	petitionResults  = []string{"已按政策解决，诉求人表示满意", "经解释说明，诉求人表示理解，不再反映", "已协调办结，回访无异议"}
	screeningFactors = []string{"职工对工资调整有怨言", "个别职工家庭矛盾突出，情绪不稳", "劳务工对续签合同有顾虑",
		"工伤职工对待遇有意见", "班组内部人际矛盾"}
	petitionerNames = []string{"孙德胜", "周海涛", "钱玉兰", "吴建军", "郑桂芳", "冯国强", "褚志明", "卫红梅", "蒋卫国", "沈秀英"}
)

// PetitionsDemo is what the demo adds for 信访维稳.
type PetitionsDemo struct {
	Screenings []data.Screening
	Petitions  []data.Petition
}

// GeneratePetitions makes the records from ms (saved members: IDs set), teams and today. The same
// arguments give the same records; every one passes the data package's validation on today.
func GeneratePetitions(ms []data.Member, teams []data.Team, today data.Date) PetitionsDemo {
	rnd := rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), 0x5e7a))
	var roll []data.Member
	for _, m := range ms {
		if m.RollStatus == data.RollIn {
			roll = append(roll, m)
		}
	}
	var out PetitionsDemo
	if len(roll) == 0 {
		return out
	}
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	// members are n different members on the roll by day d.
	members := func(d data.Date, n int) []data.PetitionMember {
		var got []data.PetitionMember
		for tries := 0; len(got) < n && tries < 50; tries++ {
			m := roll[rnd.IntN(len(roll))]
			if m.JoinDate.After(d) || slices.ContainsFunc(got, func(p data.PetitionMember) bool { return p.MemberID == m.ID }) {
				continue
			}
			got = append(got, data.PetitionMember{MemberID: m.ID, Name: m.Name})
		}
		return got
	}
	team := func() string {
		if len(teams) == 0 {
			return ""
		}
		return teams[rnd.IntN(len(teams))].Name
	}
	monthStart := func(back int) data.Date {
		return data.DateOf(data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, -back, 0))
	}
	// day is a day of the month back months ago between its days lo and hi, never after today.
	day := func(back, lo, hi int) (data.Date, bool) {
		d := monthStart(back).AddDays(lo - 1 + rnd.IntN(hi-lo+1))
		return d, !d.After(today)
	}

	for back := petitionDemoMonths - 1; back >= 0; back-- {
		if slices.Contains(missedScreenings, back) {
			continue
		}
		d, ok := day(back, 3, 20)
		if !ok {
			continue
		}
		s := data.Screening{Date: d, Screeners: members(d, 1+rnd.IntN(3))}
		if rnd.IntN(2) == 0 {
			for _, t := range []string{team(), team()}[:1+rnd.IntN(2)] {
				if t != "" && !slices.Contains(s.Teams, t) {
					s.Teams = append(s.Teams, t)
				}
			}
		}
		if rnd.Float64() < 0.3 {
			s.Factors = 1 + rnd.IntN(2)
			s.FactorText = pick(screeningFactors)
			if s.Factors > 1 {
				s.FactorText += "；" + pick(screeningFactors)
			}
		}
		out.Screenings = append(out.Screenings, s)
	}

	newCase := func(d data.Date) data.Petition {
		cat := data.PetitionCategories[rnd.IntN(len(data.PetitionCategories))]
		keepers := members(d, 1+rnd.IntN(2))
		i := rnd.IntN(len(petitionerNames))
		return data.Petition{Date: d, Petitioner: petitionerNames[i], Team: petitionerTeam(teams, i), Category: cat, Content: pick(petitionContents[cat]),
			Risk: data.PetitionRisks[min(rnd.IntN(5), 2)], Keepers: keepers, Measures: pick(petitionMeasures),
			Deadline: d.AddDays(15 + rnd.IntN(30)), State: data.PetitionRegistered}
	}
	for back := petitionDemoMonths - 1; back >= 0; back-- {
		if back != escalatedMonth && rnd.Float64() < 0.25 {
			continue
		}
		d, ok := day(back, 2, 26)
		if !ok {
			continue
		}
		p := newCase(d)
		switch {
		case p.Deadline.Before(today):
			// Closed, mostly on time, now and then a few days late.
			closed := d.AddDays(3 + rnd.IntN(daysBetween(d, p.Deadline)-2))
			if rnd.Float64() < 0.15 {
				closed = p.Deadline.AddDays(1 + rnd.IntN(7))
			}
			p.Resolved, p.Result = earlier(closed, today), pick(petitionResults)
			p.State = data.PetitionResolved
			if rnd.IntN(3) == 0 {
				p.State = data.PetitionSettled
			}
		case rnd.IntN(2) == 0:
			p.State = data.PetitionHandling
		}
		if back == escalatedMonth {
			p.Escalated, p.Risk = true, "重大"
			p.Category, p.Content = "家庭", "家属就业安置诉求未获答复，到集团公司越级上访"
		}
		out.Petitions = append(out.Petitions, p)
	}
	// The one overdue case: registered seven weeks ago, due three weeks ago, still being handled.
	late := newCase(today.AddDays(-50))
	late.Deadline, late.State, late.Risk = today.AddDays(-20), data.PetitionHandling, "较大"
	out.Petitions = append(out.Petitions, late)
	slices.SortStableFunc(out.Petitions, func(a, b data.Petition) int { return a.Date.Compare(b.Date) })
	return out
}

// loadPetitions saves the 信访维稳 records of GeneratePetitions for the members and teams saved:
// each at the time it was entered (entered), a closed case first as registered, then closed on its
// 化解日期.
func loadPetitions(ctx context.Context, st data.Store, today data.Date, entered func(data.Date) data.Store) error {
	if today.IsZero() {
		return nil
	}
	ms, teams, err := savedRoster(ctx, st)
	if err != nil {
		return err
	}
	pd := GeneratePetitions(ms, teams, today)
	for i := range pd.Screenings {
		if err := entered(pd.Screenings[i].Date).SaveScreening(ctx, &pd.Screenings[i]); err != nil {
			return fmt.Errorf("矛盾排查 %s: %w", data.ScreeningLabel(&pd.Screenings[i]), err)
		}
	}
	for i := range pd.Petitions {
		p := pd.Petitions[i]
		open := p
		if data.PetitionClosed(p.State) {
			open.State, open.Resolved, open.Result = data.PetitionHandling, data.Date{}, ""
		}
		if err := entered(p.Date).SavePetition(ctx, &open); err != nil {
			return fmt.Errorf("信访事项 %s: %w", data.PetitionLabel(&p), err)
		}
		if data.PetitionClosed(p.State) {
			p.ID = open.ID
			if err := entered(p.Resolved).SavePetition(ctx, &p); err != nil {
				return fmt.Errorf("信访事项 %s: %w", data.PetitionLabel(&p), err)
			}
		}
	}
	return nil
}

// petitionerTeam is the team of the i-th of petitionerNames: a petitioner keeps one team.
func petitionerTeam(teams []data.Team, i int) string {
	if len(teams) == 0 {
		return ""
	}
	return teams[i%len(teams)].Name
}

// savedRoster is the members (as the roster lists them) and the teams as saved, which the demo's later
// records name.
func savedRoster(ctx context.Context, st data.Store) ([]data.Member, []data.Team, error) {
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return nil, nil, err
	}
	teams, err := st.Teams(ctx)
	return ms, teams, err
}
