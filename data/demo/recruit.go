package demo

import (
	"context"
	"fmt"

	"branchledger/data"
)

// This file makes the 发展党员 demo data: about eight young workers at different stages of the 25
// steps, their dates along a timeline that keeps every rule (data.PlanRecruit), one with an
// extended 预备期. Those past step 15 become members when Load saves them.

// recruitStages are the demo people: the last step done, how many days ago, and whether the 预备期
// was extended. Several have something falling due within 30 days (谈话, a 考察 record, the
// approval, the end of the 预备期) so that the 工作台 shows them.
var recruitStages = []struct {
	upto, daysAgo int
	extended      bool
	job           string
}{
	{1, 5, false, "采煤机司机"},
	{3, 160, false, "支架工"},
	{6, 170, false, "电钳工"},
	{9, 10, false, "综采维修工"},
	{16, 50, false, "采煤机司机"},
	{21, 260, false, "支架工"},
	{21, 700, true, "电钳工"},
	{25, 90, false, "班组长"},
}

// recruits adds the demo people to ds (Dataset.Recruits): identities drawn like members', their
// teams the crews (positions in Teams), their people positions in Members.
func (g *generator) recruits(ds *Dataset) {
	var full []int64 // positions (from 1) of full members on the roll
	for i, m := range ds.Members {
		if m.Category == data.CategoryFull && m.RollStatus == data.RollIn {
			full = append(full, int64(i+1))
		}
	}
	if len(full) < 3 || len(ds.Teams) < 2 {
		return // too small a branch to recruit in
	}
	for i, st := range recruitStages {
		// Young workers: born 23 to 30 years before today, whatever g.member drew.
		var m data.Member
		var id string
		for id == "" || g.ids[id] {
			m = g.member(st.job, g.chance(0.85))
			id = data.IDNumberWithCheck(m.IDNumber[:6] + fmt.Sprint(g.today.Year-23-g.rnd.IntN(8)) + m.IDNumber[10:17])
		}
		g.ids[id] = true
		r := data.Recruit{Name: m.Name, IDNumber: id, Ethnicity: m.Ethnicity, Education: m.Education,
			Job: st.job, Mobile: m.Mobile, TeamID: int64(2 + i%(len(ds.Teams)-1))}
		pick := func(k int) int64 { return full[(i*3+k)%len(full)] }
		people := data.PlanPeople{Talker: pick(0), Contact: pick(1), Intro1: pick(1), Intro2: pick(2), Entitled: len(full)}
		start := data.PlanStart(g.today, st.upto, st.daysAgo)
		if st.extended {
			// The 预备期 extended by 6 months at its 11th month; the 考察 records go on every 6 months.
			start = data.AddMonths(g.today, -37)
		}
		data.PlanRecruit(&r, start, st.upto, g.today, people)
		if st.extended {
			admit := r.Date(data.StepAdmit)
			r.ExtendMonths, r.ExtendDate = 6, data.AddMonths(admit, 11)
			r.Reviews = append(r.Reviews, data.RecruitReview{Step: data.StepContinue, Date: data.AddMonths(start, 36),
				Note: "延长预备期后，能正视不足，按要求参加组织生活"})
			r.Step(data.StepContinue).Note = "预备期满前支部党员大会讨论：学习不够主动，决定延长预备期6个月"
		}
		if st.upto >= data.StepPlace {
			r.GroupID = ds.Teams[r.TeamID-1].GroupID
		}
		r.Step(data.StepApply).Note = "本人递交入党申请书，表达入党愿望"
		ds.Recruits = append(ds.Recruits, r)
	}
}

// loadRecruits saves the demo people, turning positions into ids; those past step 15 become
// members.
func loadRecruits(ctx context.Context, st data.Store, ds Dataset, memberIDs, teamIDs, groupIDs []int64) error {
	ref := func(ids []int64, pos int64) int64 {
		if pos <= 0 || int(pos) > len(ids) {
			return 0
		}
		return ids[pos-1]
	}
	for _, r := range ds.Recruits {
		r.TeamID, r.GroupID = ref(teamIDs, r.TeamID), ref(groupIDs, r.GroupID)
		r.People = append([]data.RecruitPerson(nil), r.People...)
		for i := range r.People {
			r.People[i].MemberID = ref(memberIDs, r.People[i].MemberID)
		}
		if err := st.SaveRecruit(ctx, &r); err != nil {
			return err
		}
	}
	return nil
}
