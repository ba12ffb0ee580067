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

// PlanPeople are the members a planned person meets: 谈话人, 培养联系人 and the two 入党介绍人 (the
// last three 正式党员), and how many full members vote at the meetings.
type PlanPeople struct {
	Talker, Contact, Intro1, Intro2 int64
	Entitled                        int
}

// PlanRecruit fills r's steps 1..upto along a timeline that keeps every rule, step 1 on start (for
// demo data and tests), with the people, training and votes of the steps reached and the 考察
// records of the plan up to the step closing their phase (up to today while it is open).
func PlanRecruit(r *Recruit, start Date, upto int, today Date, p PlanPeople) {
	at := func(months, days int) Date { return AddMonths(start, months).AddDays(days) }
	for n := 1; n <= RecruitSteps; n++ {
		r.Steps[n-1].Date = Date{}
		if n <= upto {
			r.Steps[n-1].Date = at(recruitPlan[n-1][0], recruitPlan[n-1][1])
		}
	}
	r.People, r.Reviews = nil, nil
	r.Vote15, r.Vote23, r.TrainDays, r.TrainHours = Vote{}, Vote{}, 0, 0
	for _, x := range []struct {
		step int
		role string
		id   int64
	}{{StepTalk, RoleTalker, p.Talker}, {StepContacts, RoleContact, p.Contact}, {StepIntroducers, RoleIntroducer, p.Intro1}, {StepIntroducers, RoleIntroducer, p.Intro2}} {
		if upto >= x.step {
			r.People = append(r.People, RecruitPerson{Role: x.role, MemberID: x.id})
		}
	}
	for _, v := range recruitPlanReviews {
		bound := r.Date(reviewPhase(v[0]))
		if bound.IsZero() {
			bound = today
		}
		if d := at(v[1], v[2]); !r.Date(v[0]).IsZero() && !d.After(bound) {
			r.Reviews = append(r.Reviews, RecruitReview{Step: v[0], Date: d, Note: "表现良好，能按要求学习党的理论，工作积极"})
		}
	}
	if upto >= StepTraining {
		r.TrainDays, r.TrainHours = 3, 24
	}
	if upto >= StepAdmit {
		r.Vote15 = Vote{Entitled: p.Entitled, For: p.Entitled}
	}
	if upto >= StepDiscussFull {
		r.Vote23 = Vote{Entitled: p.Entitled, For: p.Entitled}
	}
}

// PlanStart is the day step 1 falls on when step upto of the plan is days days before today.
func PlanStart(today Date, upto, days int) Date {
	return AddMonths(today.AddDays(-days-recruitPlan[upto-1][1]), -recruitPlan[upto-1][0])
}
