package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"branchledger/data"
)

// This file makes the demo's 谈心谈话, 民主评议党员 and 换届 records from the members as saved: two
// years of talks (the committee's yearly coverage, the key posts every quarter, a few workers), with
// a few key-post members still owed a talk this quarter; last year's appraisal; and the committee
// elected 2 years 9 months ago (so that the 3-month reminder shows), with the term before it.

// talkDemoMonths is how far back the talks go.
const talkDemoMonths = 24

// owedKeyPosts is how many key-post members the current quarter leaves without their talk.
const owedKeyPosts = 3

// committeeRoles are the posts of the branch committee, secretary first.
var committeeRoles = []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员"}

var (
	keyPostTalks = []string{"廉洁从业提醒，重申物资领用和出入库签字制度", "提醒严格执行采购比价和验收程序",
		"了解岗位风险点，提醒不得收受礼品礼金", "结合典型案例开展警示教育，要求账物相符", "提醒严守财经纪律，按时对账"}
	memberTalks = []string{"了解思想和工作情况，交流学习体会", "肯定在班组安全生产中的带头作用，提出改进要求",
		"了解家庭情况和工作困难", "交流对支部工作的意见建议"}
	probationTalk  = "谈预备期表现，提出努力方向"
	committeeTalks = []string{"交流分工履职情况，查找不足", "沟通支部年度重点工作", "听取对书记和支委会工作的意见"}
	workerTalks    = []string{"了解家中老人住院的困难", "班组调整后有情绪，做思想工作", "反映夜班交通不便", "工伤后复工前谈心"}
	talkIssues     = []string{"", "", "", "班组人手紧，交接班时间短", "希望增加技能培训", "宿舍热水供应不稳定", "建议调整夜班补贴"}
	talkPlaces     = []string{"支部活动室", "区队办公室", "井口候车室", "班前会议室"}
	workerNames    = []string{"陈小军", "刘红霞", "马东", "杨建平", "吴海涛", "郭秀兰"}
)

// TalksDemo is what the demo adds for talks, the appraisal and the committee's terms.
type TalksDemo struct {
	Talks     []data.Talk
	Appraisal data.Appraisal // of last year
	Terms     []data.CommitteeTerm
}

// GenerateTalks makes the records from ms (saved members: IDs set), teams and today. The same
// arguments give the same records; every one passes the data package's validation on today.
func GenerateTalks(ms []data.Member, teams []data.Team, today data.Date) TalksDemo {
	rnd := rand.New(rand.NewPCG(uint64(today.Year*10000+int(today.Month)*100+today.Day), 0x7a1c))
	var roll, committee, keyPosts, plain []data.Member
	var secretary *data.Member
	for _, m := range ms {
		if m.RollStatus != data.RollIn {
			continue
		}
		roll = append(roll, m)
		switch {
		case m.PartyRole == committeeRoles[0]:
			secretary = &roll[len(roll)-1]
			committee = append(committee, m)
		case slices.Contains(committeeRoles, m.PartyRole):
			committee = append(committee, m)
		default:
			plain = append(plain, m)
		}
		if m.KeyPost != "" {
			keyPosts = append(keyPosts, m)
		}
	}
	var out TalksDemo
	if len(committee) == 0 {
		return out
	}
	start := data.DateOf(today.Time().AddDate(0, -talkDemoMonths, 1))
	// day is a random day of [from, to] (to capped at today), or false when none is left.
	day := func(from, to data.Date) (data.Date, bool) {
		from, to = later(from, start), earlier(to, today)
		if to.Before(from) {
			return data.Date{}, false
		}
		return from.AddDays(rnd.IntN(daysBetween(from, to) + 1)), true
	}
	pick := func(list []string) string { return list[rnd.IntN(len(list))] }
	recorder := func(talker data.Member, subject *data.Member) string {
		if r := committee[rnd.IntN(len(committee))]; r.ID != talker.ID && (subject == nil || r.ID != subject.ID) {
			return r.Name
		}
		return ""
	}
	// The key-post members left owed this quarter have no talk of any kind in it.
	thisQuarter := data.TalkPeriodOf(data.TalkPerQuarter, today)
	owed := map[int64]bool{}
	for _, m := range keyPosts[:min(owedKeyPosts, len(keyPosts))] {
		owed[m.ID] = true
	}
	add := func(d data.Date, talker data.Member, subject *data.Member, kind, content string) {
		if subject != nil && (subject.ID == talker.ID || subject.JoinDate.After(d) || owed[subject.ID] && thisQuarter.Contains(d)) ||
			talker.JoinDate.After(d) {
			return
		}
		t := data.Talk{Date: d, TalkerID: talker.ID, Talker: talker.Name, Kind: kind, Place: pick(talkPlaces), Content: content,
			Issues: pick(talkIssues), Recorder: recorder(talker, subject)}
		if subject != nil {
			t.SubjectID, t.Subject = subject.ID, subject.Name
		}
		out.Talks = append(out.Talks, t)
	}
	talker := func() data.Member { return committee[rnd.IntN(len(committee))] }

	// Each quarter, every key-post member; the current quarter leaves a few owed, and an old one
	// now and then was missed.
	for q := data.TalkPeriodOf(data.TalkPerQuarter, start); !q.From.After(today); q = data.TalkPeriodOf(data.TalkPerQuarter, q.To.AddDays(1)) {
		for i := range keyPosts {
			current := q == thisQuarter
			if current && i < owedKeyPosts || !current && rnd.Float64() < 0.05 {
				continue
			}
			if d, ok := day(q.From, q.To); ok {
				add(d, talker(), &keyPosts[i], "提醒谈话", pick(keyPostTalks))
			}
		}
	}
	// Each year, the secretary with every committee member and the committee with every member;
	// this year's coverage is under way.
	for y := start.Year; y <= today.Year; y++ {
		year := data.YearPeriod(y)
		done := 1.0
		if y == today.Year {
			done = 0.7
		}
		for i := range committee {
			if secretary != nil && committee[i].ID != secretary.ID && rnd.Float64() < done {
				if d, ok := day(year.From, year.To); ok {
					add(d, *secretary, &committee[i], "谈心谈话", pick(committeeTalks))
				}
			}
		}
		for i := range plain {
			if rnd.Float64() < done {
				if d, ok := day(year.From, year.To); ok {
					content := pick(memberTalks)
					if plain[i].Category == data.CategoryProbation {
						content = probationTalk
					}
					add(d, talker(), &plain[i], "谈心谈话", content)
				}
			}
		}
	}
	// About one worker a month.
	for m := 0; m < talkDemoMonths; m++ {
		month := data.DateOf(start.Time().AddDate(0, m, 0))
		p := data.MonthPeriod(month.Year, month.Month)
		if d, ok := day(p.From, p.To); ok && rnd.Float64() < 0.8 {
			add(d, talker(), nil, "思想疏导", pick(workerTalks))
			t := &out.Talks[len(out.Talks)-1]
			t.Subject = pick(workerNames)
			if len(teams) > 0 {
				t.SubjectTeam = teams[rnd.IntN(len(teams))].Name
			}
		}
	}
	slices.SortStableFunc(out.Talks, func(a, b data.Talk) int { return a.Date.Compare(b.Date) })

	out.Appraisal = appraisalDemo(rnd, roll, today)
	out.Terms = termsDemo(committee, today)
	return out
}

// appraisalDemo is last year's appraisal of the members then on the roll: everyone votes for
// everyone; about a fifth 优秀 (never above the cap), one 基本合格 with its 帮扶措施.
func appraisalDemo(rnd *rand.Rand, roll []data.Member, today data.Date) data.Appraisal {
	year := today.Year - 1
	a := data.Appraisal{Year: year, Date: earlier(data.NewDate(today.Year, time.January, 15), today)}
	end := data.YearPeriod(year).To
	var rated []data.Member
	for _, m := range roll {
		if !m.JoinDate.After(end) {
			rated = append(rated, m)
		}
	}
	voters := len(rated)
	excellent := min(data.ExcellentCap(len(rated)), (len(rated)+4)/5)
	for i, m := range rated {
		present := voters - rnd.IntN(max(voters/10, 1)+1)
		var v [4]int
		grade := data.AppraisalQualified
		switch {
		case i%5 == 2 && excellent > 0:
			excellent--
			grade = data.AppraisalExcellent
			v[0] = present*2/3 + rnd.IntN(present/3+1)
		case i == len(rated)-1 && len(rated) >= 5:
			grade = data.AppraisalBasic
			v[2] = present/2 + 1
			v[0] = 0
		default:
			v[0] = rnd.IntN(present/4 + 1)
		}
		v[3] = 0
		v[1] = max(present-v[0]-v[2], 0)
		r := data.AppraisalRow{MemberID: m.ID, Name: m.Name, Votes: v, Grade: grade,
			SelfReview: fmt.Sprintf("%d年认真学习，完成岗位任务，在%s中发挥了作用；不足是理论学习不够系统。", year, pick1(rnd, []string{"安全生产", "班组管理", "技术革新", "急难险重任务"}))}
		if grade == data.AppraisalBasic {
			r.FollowUp = "支委结对帮扶，每月谈心一次，督促按时参加组织生活"
		}
		a.Rows = append(a.Rows, r)
	}
	return a
}

func pick1(rnd *rand.Rand, list []string) string { return list[rnd.IntN(len(list))] }

// termsDemo is the current committee, elected 2 years 9 months before today (a few days more when
// the months' lengths would leave it short of its 3-month reminder), and the term before it.
func termsDemo(committee []data.Member, today data.Date) []data.CommitteeTerm {
	now := data.CommitteeTerm{Number: 3, ElectedDate: data.DateOf(today.Time().AddDate(-2, -9, 0)), Years: data.DefaultTermYears,
		Remark: "支部党员大会差额选举产生"}
	for i := 0; i < 5; i++ {
		if level, _ := data.TermReminder(&now, today); level == data.TermDue {
			break
		}
		now.ElectedDate = now.ElectedDate.AddDays(-1)
	}
	for _, post := range committeeRoles {
		for _, m := range committee {
			if m.PartyRole == post {
				now.Members = append(now.Members, data.TermMember{MemberID: m.ID, Name: m.Name, Post: post})
			}
		}
	}
	before := data.CommitteeTerm{Number: 2, ElectedDate: now.ElectedDate.AddYears(-3), Years: data.DefaultTermYears}
	if len(now.Members) > 0 {
		before.Members = []data.TermMember{{MemberID: now.Members[0].MemberID, Name: now.Members[0].Name, Post: "书记"}}
	}
	return []data.CommitteeTerm{before, now}
}

// loadTalks generates the records from the members and teams saved and saves them, each talk
// through entered(its date) so that it is stamped with its own time.
func loadTalks(ctx context.Context, st data.Store, today data.Date, entered func(data.Date) data.Store) error {
	if today.IsZero() {
		return nil
	}
	ms, teams, err := savedRoster(ctx, st)
	if err != nil {
		return err
	}
	td := GenerateTalks(ms, teams, today)
	for i := range td.Talks {
		if err := entered(td.Talks[i].Date).SaveTalk(ctx, &td.Talks[i]); err != nil {
			return fmt.Errorf("谈心谈话 %s: %w", data.TalkLabel(&td.Talks[i]), err)
		}
	}
	for i := range td.Terms {
		if err := entered(td.Terms[i].ElectedDate).SaveTerm(ctx, &td.Terms[i]); err != nil {
			return err
		}
	}
	if len(td.Appraisal.Rows) > 0 {
		return entered(td.Appraisal.Date).SaveAppraisal(ctx, &td.Appraisal)
	}
	return nil
}
