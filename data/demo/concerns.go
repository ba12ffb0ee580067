package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"branchledger/data"
)

// This file makes the demo's 思想疏导 records from the members as saved: two years of workers'
// concerns, one to three a month (every month has one, so 人文关怀疏导靠前 is not docked for an
// empty month), raised by workers who are no members and now and then by members, each with the
// roster's teams; most with a return visit made on its day, the latest ones with a visit still to
// come this month, and exactly one visit overdue. A few are handed on (转办实事): the store makes
// their welfare items, which are then given their 类别 and walked to 已办结 like the demo's other
// welfare items (loadConcerns).

// concernDemoMonths is how far back the concerns go.
const concernDemoMonths = 24

// concernTopic is a concern the demo draws from: its category, what was raised (a few wordings,
// used in turn, so that workers do not all say the same), what was done, and what the return visit
// found after 已疏导 (visit) or 持续关注 (watching).
type concernTopic struct {
	category        string
	situations      []string
	measures        string
	visit, watching string
}

var (
	concernTopics = []concernTopic{
		{"家庭困难", []string{"家中老人住院，夜班难以照顾", "母亲做手术需要陪护，倒不开班", "父亲摔伤卧床，家里缺人照顾"},
			"协调班组临时调整为白班，工会送去慰问", "老人已出院，恢复正常倒班，感谢组织关心", "老人仍在康复，班次继续照顾，定期了解"},
		{"家庭困难", []string{"爱人下岗，孩子上学开销大，情绪低落", "爱人长期患病，家里开支紧张，心事重", "两个孩子同时上学，学费压力大"},
			"讲解困难职工帮扶政策，帮助申请困难补助", "困难补助已发放，情绪明显好转", "补助正在审批，家庭负担仍重，继续关注"},
		{"工作压力", []string{"新调整到综采岗位，担心技术跟不上", "刚转岗到机电班，对设备不熟悉，压力大", "新分配到掘进岗位，怕拖班组后腿"},
			"安排师傅结对帮带，参加岗位技能培训", "已适应岗位，干劲足", "操作还不够熟练，师傅继续帮带"},
		{"工作压力", []string{"连续加班，身体吃不消，有怨言", "检修任务集中，连着几个周末没休息"},
			"与区队沟通合理安排轮休，做好解释", "已安排轮休，精神状态恢复", "任务仍然较重，继续跟踪轮休落实"},
		{"伤病", []string{"工伤后复工，担心身体不适应井下作业", "腰椎病复发，干重活吃力"},
			"协调暂时安排辅助岗位，定期了解恢复情况", "身体恢复良好，已回原岗位", "仍在康复，暂留辅助岗位，继续关注"},
		{"待遇", []string{"对本月绩效工资分配有疑问", "觉得自己的岗位系数定低了"},
			"请区队核算员当面讲解分配办法和计算明细", "弄清了计算办法，表示认可", "对分配仍有看法，已请区队下次调整时研究"},
		{"待遇", []string{"认为夜班补贴偏低", "反映班中餐补助标准多年未调"},
			"如实解释补贴标准，意见已向区队反映", "理解现行标准，情绪平稳", "仍希望提高标准，等待区队答复"},
		{"安全顾虑", []string{"担心新工作面顶板条件，心里不踏实", "听说工作面要过断层，担心片帮冒顶"},
			"请技术员讲解支护方案和应急措施", "了解了支护措施，心里踏实了", "仍有顾虑，安排党员骨干同班作业"},
		{"安全顾虑", []string{"对新上设备操作不熟，怕出事故", "新换的采煤机操作方式变了，怕操作失误"},
			"组织现场实操培训，党员骨干跟班指导", "已能熟练操作，顾虑打消", "操作还不熟练，继续跟班指导"},
		{"疫情等突发事件", []string{"家乡遭受洪灾，惦记家人安危", "老家房屋在暴雨中受损，急着回去处理"},
			"准假回家探望，支部送去慰问金", "家里已安顿好，安心上班", "灾后重建还要一段时间，继续关注"},
		{"其他", []string{"和班组同事闹矛盾，不愿一起上班", "与班长因派活有分歧，心里有气"},
			"分别谈心化解矛盾，班长做好协调", "矛盾已化解，相处融洽", "关系有所缓和，继续观察"},
		{"其他", []string{"咨询子女入学和户口迁移政策", "咨询异地就医报销办法"},
			"当面解答，帮助联系相关部门", "问题已办妥，表示满意", "手续还在办理中，继续帮助跟进"},
	}
	// concernTransfers are concerns handed on as welfare items: what was raised, the item's 类别,
	// whether the unit did it itself, its cost, and what the return visit found once it was done.
	concernTransfers = []struct {
		situation, category string
		inHouse             bool
		cost                float64
		visit               string
	}{
		{"宿舍热水器损坏，夜班回来洗不上热水澡", data.FacilityDormitory, true, 380, "热水器已修好，表示满意"},
		{"澡堂更衣柜锁坏了，担心物品丢失", data.FacilityBathhouse, true, 120, "更衣柜锁已更换，表示满意"},
		{"夜班食堂饭菜品种少，下井前吃不好", data.FacilityCanteen, false, 0, "夜班饭菜增加了品种，表示满意"},
		{"通勤车班次少，夜班下班后没有车回家", data.FacilityOther, false, 0, "已增开夜班通勤车，表示满意"},
		{"宿舍窗户漏风，冬天夜里太冷", data.FacilityDormitory, true, 260, "窗户已修缮，宿舍暖和了"},
	}
	// concernPending is the return visit of a concern handed on whose item is not done yet.
	concernPending = "已转办，正在办理，职工表示理解"
	concernWorkers = []string{"陈小军", "刘红霞", "马东", "杨建平", "吴海涛", "郭秀兰", "孙立伟", "何长江", "田秀英", "罗志刚",
		"高峰", "梁晓东", "宋建业", "韩红梅"}
)

// ConcernDemo is one concern of the demo: the record as it stands today. A concern whose Visit is
// written was visited on its VisitDate (saved then); one handed on is followed by its welfare item
// (Item: its category, in-house, cost, and the day it was done, zero while still open).
type ConcernDemo struct {
	data.Concern
	Item struct {
		Category string
		InHouse  bool
		Cost     float64
		Done     data.Date
	}
}

// GenerateConcerns makes the concerns from ms (saved members: IDs set), teams and today. The same
// arguments give the same records; every one passes the data package's validation on today, and
// exactly one return visit is overdue on today.
func GenerateConcerns(ms []data.Member, teams []data.Team, today data.Date) []ConcernDemo {
	rnd := rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), 0xc0c5))
	var roll []data.Member
	for _, m := range ms {
		if m.RollStatus == data.RollIn {
			roll = append(roll, m)
		}
	}
	if len(roll) == 0 {
		return nil
	}
	teamName := map[int64]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	// A worker stays in one team: the i-th name of concernWorkers in the i-th team, round.
	teamOf := func(i int) string {
		if len(teams) == 0 {
			return ""
		}
		return teams[i%len(teams)].Name
	}
	start := data.DateOf(today.Time().AddDate(0, -concernDemoMonths, 1))
	var out []ConcernDemo
	transfers := 0
	used := make([]int, len(concernTopics)) // times each topic was drawn: its wordings in turn
	var visit string                        // what the return visit of the concern at hand finds
	for m := 0; m <= concernDemoMonths; m++ {
		first := data.DateOf(start.Time().AddDate(0, m, 0))
		p := data.MonthPeriod(first.Year, first.Month)
		from, to := later(p.From, start), earlier(p.To, today)
		if to.Before(from) {
			continue
		}
		for n := 1 + rnd.IntN(3); n > 0; n-- {
			d := from.AddDays(rnd.IntN(daysBetween(from, to) + 1))
			var c ConcernDemo
			c.Date = d
			// The counsellor: a member on the roll by then.
			for range 10 {
				if cm := roll[rnd.IntN(len(roll))]; !cm.JoinDate.After(d) {
					c.CounselorID, c.Counselor = cm.ID, cm.Name
					break
				}
			}
			if c.CounselorID == 0 {
				continue
			}
			// Now and then a member raises the concern; mostly a worker who is none.
			if w := roll[rnd.IntN(len(roll))]; rnd.IntN(4) == 0 && w.ID != c.CounselorID {
				c.Worker, c.Team = w.Name, teamName[w.TeamID]
			} else {
				i := rnd.IntN(len(concernWorkers))
				c.Worker, c.Team = concernWorkers[i], teamOf(i)
			}
			c.Channel = pick(data.ConcernChannels)
			ti := rnd.IntN(len(concernTopics))
			topic := concernTopics[ti]
			c.Category, c.Situation, c.Measures = topic.category, topic.situations[used[ti]%len(topic.situations)], topic.measures
			used[ti]++
			c.Result, visit = data.ConcernCounselled, topic.visit
			if rnd.IntN(3) == 0 {
				c.Result, visit = data.ConcernWatching, topic.watching
			}
			// About one in eight is handed on as a welfare item.
			if rnd.IntN(8) == 0 {
				tr := concernTransfers[transfers%len(concernTransfers)]
				transfers++
				// Living conditions, not pay: 其他.
				c.Category, c.Situation, c.Measures = "其他", tr.situation, "转办实事，由疏导人承办"
				c.Result = data.ConcernTransferred
				c.Item.Category, c.Item.InHouse, c.Item.Cost = tr.category, tr.inHouse, tr.cost
				if done := d.AddDays(10 + rnd.IntN(15)); !done.After(today) {
					c.Item.Done = done
				}
				visit = tr.visit
			}
			// A return visit one to three weeks later: made on its day when that day has come.
			if c.Result != data.ConcernCounselled || rnd.IntN(3) > 0 {
				c.VisitDate = d.AddDays(7 + rnd.IntN(15))
				if c.Result == data.ConcernTransferred && (c.Item.Done.IsZero() || c.Item.Done.After(c.VisitDate)) {
					visit = concernPending
				}
				if !c.VisitDate.After(today) {
					c.Visit = visit
				}
			}
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b ConcernDemo) int { return a.Date.Compare(b.Date) })
	// The latest concern's visit is still to come this month; the one about five weeks old has its
	// visit overdue (the only one: every other past visit is made).
	monthEnd := data.MonthPeriod(today.Year, today.Month).To
	if n := len(out); n > 0 {
		last := &out[n-1].Concern
		last.VisitDate, last.Visit = earlier(last.Date.AddDays(7), monthEnd), ""
		if last.VisitDate.Before(today) {
			last.VisitDate = today
		}
	}
	for i := len(out) - 2; i >= 0; i-- {
		if c := &out[i].Concern; daysBetween(c.Date, today) >= 30 {
			c.VisitDate, c.Visit = later(c.Date.AddDays(14), today.AddDays(-20)), ""
			if !c.VisitDate.Before(today) {
				c.VisitDate = today.AddDays(-1)
			}
			break
		}
	}
	return out
}

// loadConcerns generates the concerns from the members and teams saved and saves them, each at
// the time of its day (entered): the concern as raised (a 转办实事 makes its welfare item then),
// the welfare item given its category and walked to 已办结 on its day, and the return visit
// written on the day it was made.
func loadConcerns(ctx context.Context, st data.Store, today data.Date, entered func(data.Date) data.Store) error {
	if today.IsZero() {
		return nil
	}
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return err
	}
	for _, gen := range GenerateConcerns(ms, teams, today) {
		c := gen.Concern
		c.Visit = ""
		if err := entered(c.Date).SaveConcern(ctx, &c); err != nil {
			return fmt.Errorf("思想疏导 %s: %w", data.ConcernLabel(&c), err)
		}
		if c.WelfareID != 0 {
			if err := followTransfer(ctx, entered, &gen, c.WelfareID); err != nil {
				return err
			}
		}
		if gen.Visit != "" {
			c.Visit = gen.Visit
			if err := entered(c.VisitDate).SaveConcern(ctx, &c); err != nil {
				return fmt.Errorf("思想疏导回访 %s: %w", data.ConcernLabel(&c), err)
			}
		}
	}
	return nil
}

// followTransfer gives the welfare item made of a concern its category, in-house and cost, and
// walks it to 已办结 (rated 满意) when the demo has it done.
func followTransfer(ctx context.Context, entered func(data.Date) data.Store, gen *ConcernDemo, id int64) error {
	st := entered(gen.Date)
	w, err := st.WelfareItem(ctx, id)
	if err != nil {
		return err
	}
	w.Category, w.InHouse, w.Cost = gen.Item.Category, gen.Item.InHouse, gen.Item.Cost
	if err := st.SaveWelfareItem(ctx, &w); err != nil {
		return err
	}
	if gen.Item.Done.IsZero() {
		return nil
	}
	if _, err := entered(gen.Date.AddDays(2)).ChangeWelfareState(ctx, id, data.WelfareHandling, "", data.Date{}); err != nil {
		return err
	}
	done := gen.Item.Done
	if w, err = entered(done).ChangeWelfareState(ctx, id, data.WelfareDone, "", done); err != nil {
		return err
	}
	w.Rating = "满意"
	return entered(done).SaveWelfareItem(ctx, &w)
}
