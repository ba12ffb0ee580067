package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"branchledger/data"
)

// This file makes the organisational life demo data (SPEC §12.1): two years up to today of the
// branch's 三会一课 as a branch keeps them — a 支委会 with its 第一议题 and a 主题党日 every month, a
// 党小组会 a month in each group, a 支部党员大会 and a 党课 every quarter, the 组织生活会 with the
// 民主评议 every January — with a few gaps (a month without a 支委会, a group that skipped a month,
// a 支委会 without 第一议题), leaves with reasons, a few absences, make-ups, and three months of
// 班前教育60秒 of every crew.

// OrgLifeYears is how many years of organisational life the demo holds.
const OrgLifeYears = 2

var (
	themeTopics = []string{"学习贯彻党的二十大精神", "重温入党誓词", "安全生产警示教育", "学习《中国共产党章程》", "学习《煤矿安全规程》",
		"“我为群众办实事”实践活动", "党员责任区安全隐患排查", "学习先进典型事迹", "廉洁从业教育", "学习《中国共产党纪律处分条例》",
		"党员示范岗评比", "“安全生产月”主题活动"}
	lectureTopics   = []string{"坚守安全红线，做合格共产党员", "以党建引领安全生产", "新时代煤矿党员的责任担当", "从事故案例看党员作用发挥"}
	committeeTopics = []string{"研究本月党员积分和督查情况", "研究发展党员工作", "研究“三重一大”事项", "研究职工诉求办理", "部署下月党建工作",
		"研究安全生产重点工作"}
	groupTopics  = []string{"学习班组安全承诺", "交流岗位安全经验", "学习支部党员大会精神", "讨论责任区隐患整改", "学习典型事故案例"}
	leaveReasons = []string{"夜班", "出差", "病假", "公休", "井下值班", "家中有事", "外出培训"}
	briefTopics  = []string{"顶板管理要点", "瓦斯检查制度", "防尘措施", "机电设备停送电", "运输安全“行车不行人”", "自救器使用", "敲帮问顶",
		"交接班安全确认", "支架操作规范", "防灭火措施", "雨季三防", "劳保用品佩戴"}
)

// OrgLife is the organisational life of the demo branch. Member, group and team ids in the
// activities are positions in Dataset.Members, Groups and Teams (from 1).
type OrgLife struct {
	Activities []data.Activity
	Briefings  []data.BriefingBatch
}

// orgLife generates the two years up to g.today, from its own random source (drawn once from rnd,
// after every other record) so that it changes nothing drawn before it.
func (g *generator) orgLife(ds *Dataset) {
	r := rand.New(rand.NewPCG(g.rnd.Uint64(), 0x0f9_11fe))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	role := func(name string) int64 {
		i := slices.IndexFunc(ds.Members, func(m data.Member) bool { return m.PartyRole == name })
		return int64(i + 1) // 0 when none
	}
	secretary, deputy, organiser := role("书记"), role("副书记"), role("组织委员")
	var acts []data.Activity
	add := func(a data.Activity) {
		if a.Date.After(g.today) {
			return
		}
		a.InScope = data.ScopeMembers(positions(ds.Members), &a)
		for _, id := range a.InScope {
			switch p := r.Float64(); {
			case p < 0.06:
				a.Absences = append(a.Absences, data.Absence{MemberID: id, State: data.AttendLeave, Reason: pick(leaveReasons)})
			case p < 0.07:
				a.Absences = append(a.Absences, data.Absence{MemberID: id, State: data.AttendAbsent})
			}
		}
		for _, x := range a.Absences {
			if d := a.Date.AddDays(1 + r.IntN(10)); r.Float64() < 0.7 && !d.After(g.today) {
				a.MakeUps = append(a.MakeUps, data.MakeUp{MemberID: x.MemberID, Date: d, Way: data.MakeUpWays[r.IntN(3)], ConfirmerID: organiser})
			}
		}
		a.InScope = nil
		acts = append(acts, a)
	}
	start := data.NewDate(g.today.Year-OrgLifeYears, g.today.Month, 1).AddDays(31)
	start = data.NewDate(start.Year, start.Month, 1)
	skipCommittee := start.AddDays(200).Month // one month without a 支委会
	for d := start; !d.After(g.today); d = data.NewDate(d.Year, d.Month, 1).AddDays(32) {
		d = data.NewDate(d.Year, d.Month, 1)
		day := func(from, span int) data.Date { return data.NewDate(d.Year, d.Month, from+r.IntN(span)) }
		if !(d.Year == start.Year && d.Month == skipCommittee) {
			kinds := []string{data.KindCommittee, data.KindFirstTopic}
			if r.IntN(12) == 0 {
				kinds = kinds[:1] // now and then the 第一议题 is forgotten: flagged
			}
			add(data.Activity{Kinds: kinds, Date: day(3, 6), Start: "15:00", End: "16:30", Place: "队部会议室",
				Topic: pick(committeeTopics), HostID: secretary, RecorderID: organiser, Scope: data.ScopeCommittee,
				Summary: "学习第一议题，通报上月督查和整改情况，研究本月工作。", Resolutions: "按分工落实，月底前报支部。"})
		}
		theme := data.Activity{Kinds: []string{data.KindThemeDay}, Date: day(15, 10), Start: "14:00", End: "16:00", Place: "队部会议室",
			Topic: pick(themeTopics), HostID: secretary, RecorderID: organiser, Scope: data.ScopeAll,
			Summary: "全体党员集中学习，交流心得，开展主题实践活动。"}
		if d.Month%3 == 2 {
			theme.Kinds = append(theme.Kinds, data.KindLecture)
			theme.Topic, theme.LecturerID = "党课："+pick(lectureTopics), secretary
			if r.IntN(2) == 0 {
				theme.LecturerID = deputy
			}
		}
		if r.IntN(3) == 0 {
			theme.Kinds = append(theme.Kinds, data.KindSecretaryLead)
		}
		add(theme)
		for gi, grp := range ds.Groups {
			if gi == 1 && d.Month == skipCommittee+2 {
				continue // this group skipped a month
			}
			add(data.Activity{Kinds: []string{data.KindGroupMeeting}, Date: day(20, 8), Place: "班组学习室", Topic: pick(groupTopics),
				HostID: grp.LeaderID, Scope: data.ScopeGroup, ScopeID: int64(gi + 1), Summary: "组长传达支部要求，党员逐一发言。"})
		}
		if d.Month%3 == 0 {
			add(data.Activity{Kinds: []string{data.KindGeneral}, Date: day(25, 3), Start: "14:00", End: "16:00", Place: "矿会议中心",
				Topic: fmt.Sprintf("%d年第%d季度支部党员大会", d.Year, int(d.Month)/3), HostID: secretary, RecorderID: organiser,
				Scope: data.ScopeAll, Summary: "通报本季度支部工作，讨论下季度重点。", Resolutions: "通过本季度党员积分结果。"})
		}
		if d.Month == time.January {
			add(data.Activity{Kinds: []string{data.KindLifeMeeting, data.KindAppraisal}, Date: day(12, 10), Start: "08:30", End: "12:00",
				Place: "队部会议室", Topic: fmt.Sprintf("%d年度组织生活会暨民主评议党员", d.Year-1), HostID: secretary, RecorderID: organiser,
				Scope: data.ScopeAll, Summary: "开展批评和自我批评，民主评议党员。", Resolutions: "评议结果报党委组织部。"})
		}
	}
	slices.SortStableFunc(acts, func(a, b data.Activity) int { return a.Date.Compare(b.Date) })
	ds.OrgLife.Activities = acts

	// 班前教育60秒 of every crew (not the 队部) for the last three months, typed a month at a time.
	for ti := 1; ti < len(ds.Teams); ti++ {
		size := 0
		for _, m := range ds.Members {
			if m.TeamID == int64(ti+1) {
				size++
			}
		}
		for k := 2; k >= 0; k-- {
			month := time.Date(g.today.Year, g.today.Month-time.Month(k), 1, 12, 0, 0, 0, time.Local)
			from, to := data.DateOf(month), data.DateOf(month.AddDate(0, 1, -1))
			if to.After(g.today) {
				to = g.today
			}
			var topics []string
			for d := from; !d.After(to); d = d.AddDays(1) {
				topics = append(topics, pick(briefTopics))
			}
			ds.OrgLife.Briefings = append(ds.OrgLife.Briefings, data.BriefingBatch{TeamID: int64(ti + 1), From: from, To: to,
				Topics: topics, Count: min(size+8+r.IntN(10), 60)}) // one shift's meeting: a big roster (the benchmarks') still gives a real count
		}
	}
}

// positions is the members with their positions (from 1) as ids, as ScopeMembers reads them.
func positions(ms []data.Member) []data.Member {
	out := slices.Clone(ms)
	for i := range out {
		out[i].ID = int64(i + 1)
	}
	return out
}

// loadOrgLife saves the organisational life of ds, each activity entered on the day of its last
// make-up (so that the store's clock accepts it), with ids turned from positions.
func loadOrgLife(ctx context.Context, ds Dataset, memberIDs, groupIDs, teamIDs []int64, entered func(data.Date) data.Store) error {
	ref := func(ids []int64, pos int64) int64 {
		if pos <= 0 || int(pos) > len(ids) {
			return 0
		}
		return ids[pos-1]
	}
	for _, a := range ds.OrgLife.Activities {
		a.HostID, a.RecorderID, a.LecturerID = ref(memberIDs, a.HostID), ref(memberIDs, a.RecorderID), ref(memberIDs, a.LecturerID)
		switch a.Scope {
		case data.ScopeGroup:
			a.ScopeID = ref(groupIDs, a.ScopeID)
		case data.ScopeTeam:
			a.ScopeID = ref(teamIDs, a.ScopeID)
		}
		a.Absences, a.MakeUps = slices.Clone(a.Absences), slices.Clone(a.MakeUps)
		last := a.Date
		for i := range a.Absences {
			a.Absences[i].MemberID = ref(memberIDs, a.Absences[i].MemberID)
		}
		for i := range a.MakeUps {
			m := &a.MakeUps[i]
			m.MemberID, m.ConfirmerID = ref(memberIDs, m.MemberID), ref(memberIDs, m.ConfirmerID)
			if m.Date.After(last) {
				last = m.Date
			}
		}
		if err := entered(last).SaveActivity(ctx, &a); err != nil {
			return fmt.Errorf("组织生活 %s: %w", data.ActivityLabel(&a), err)
		}
	}
	for _, b := range ds.OrgLife.Briefings {
		b.TeamID = ref(teamIDs, b.TeamID)
		if _, err := entered(b.To).SaveBriefings(ctx, &b); err != nil {
			return err
		}
	}
	return nil
}

// LoadOrgLifeBench fills an empty store for the organisational life benchmarks: the demo branch of
// n members with a month of other records and two years of organisational life (Load), then the
// years before those back to `years` in all, five activities a month of the whole branch (about 60
// a year, every member in scope) with a leave, an absence and a make-up each.
func LoadOrgLifeBench(ctx context.Context, st data.Store, n, years int, today data.Date) error {
	if err := Load(ctx, st, GenerateMonths(1, n, 1, today)); err != nil {
		return err
	}
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil || len(ms) < 3 {
		return err
	}
	first := data.NewDate(today.Year-years+1, 1, 1)
	last := data.NewDate(today.Year-OrgLifeYears, 12, 31)
	var acts []data.Activity
	for d := first; !d.After(last); d = d.AddDays(32) {
		d = data.NewDate(d.Year, d.Month, 1)
		var on []data.Member // the members on the roll that month
		for i := range ms {
			if data.OnRollOn(&ms[i], d) {
				on = append(on, ms[i])
			}
		}
		if len(on) < 2 {
			continue
		}
		for k, kinds := range [][]string{{data.KindThemeDay}, {data.KindLecture}, {data.KindGeneral}, {data.KindTopical}, {data.KindCentreGroup}} {
			i := (d.Year*12 + int(d.Month) + k) % (len(on) - 1)
			acts = append(acts, data.Activity{Kinds: kinds, Date: d.AddDays(3 + 5*k), Topic: "学习" + kinds[0], Scope: data.ScopeAll,
				Absences: []data.Absence{{MemberID: on[i].ID, State: data.AttendLeave, Reason: "夜班"}, {MemberID: on[i+1].ID, State: data.AttendAbsent}},
				MakeUps:  []data.MakeUp{{MemberID: on[i].ID, Date: d.AddDays(4 + 5*k), Way: "自学"}}})
		}
	}
	_, err = st.ImportActivities(ctx, acts)
	return err
}
