package data

// recruitPlan is a timeline that keeps every rule of the steps: step n is recruitPlan[n-1] months and
// days after step 1 (months first, then days, so that "one year after" holds from any start).
var recruitPlan = [RecruitSteps][2]int{
	{0, 0}, {0, 19}, {6, 0}, {6, 9}, {6, 14},
	{6, 14}, {18, 9}, {18, 19}, {19, 7}, {19, 19},
	{20, 3}, {20, 19}, {21, 0}, {21, 9}, {21, 19},
	{22, 9}, {23, 19}, {24, 0}, {24, 4}, {24, 9},
	{24, 14}, {33, 21}, {33, 27}, {34, 14}, {34, 19},
}

// recruitPlanReviews are the 考察 records of the plan: step, months and days after step 1.
var recruitPlanReviews = [][3]int{{StepEducation, 12, 9}, {StepEducation, 18, 4}, {StepContinue, 30, 9}}

// PlanRecruit fills r's steps 1..upto along a timeline that keeps every rule, step 1 on start (for
// demo data and tests): the people (talker, contact, two introducers, members of the roster; the
// last two 正式党员), 考察 records, training and votes of the steps reached. entitled is the number
// of full members who vote.
func PlanRecruit(r *Recruit, start Date, upto int, talker, contact, intro1, intro2 int64, entitled int) {
	at := func(months, days int) Date { return AddMonths(start, months).AddDays(days) }
	for n := 1; n <= RecruitSteps; n++ {
		r.Steps[n-1].Date = Date{}
		if n <= upto {
			r.Steps[n-1].Date = at(recruitPlan[n-1][0], recruitPlan[n-1][1])
		}
	}
	r.People, r.Reviews = nil, nil
	r.Vote15, r.Vote23, r.TrainDays, r.TrainHours = Vote{}, Vote{}, 0, 0
	for _, p := range []struct {
		step int
		role string
		id   int64
	}{{StepTalk, RoleTalker, talker}, {StepContacts, RoleContact, contact}, {StepIntroducers, RoleIntroducer, intro1}, {StepIntroducers, RoleIntroducer, intro2}} {
		if upto >= p.step {
			r.People = append(r.People, RecruitPerson{Role: p.role, MemberID: p.id})
		}
	}
	for _, v := range recruitPlanReviews {
		if d := at(v[1], v[2]); !r.Date(v[0]).IsZero() && (upto >= reviewPhase(v[0]) || !d.After(r.Date(upto))) {
			r.Reviews = append(r.Reviews, RecruitReview{Step: v[0], Date: d, Note: "表现良好，能按要求学习党的理论，工作积极"})
		}
	}
	if upto >= StepTraining {
		r.TrainDays, r.TrainHours = 3, 24
	}
	if upto >= StepAdmit {
		r.Vote15 = Vote{Entitled: entitled, For: entitled}
	}
	if upto >= StepDiscussFull {
		r.Vote23 = Vote{Entitled: entitled, For: entitled}
	}
}
