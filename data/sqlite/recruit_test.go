package sqlite

import (
	"strings"
	"testing"

	"branchledger/data"
)

var recruitStart = data.NewDate(2023, 1, 10)

// recruit is a valid person (born 2000-03-08, ID sequence seq) at step upto of the plan, with the
// fixture's members as 谈话人 (worker), 培养联系人 (lead) and 入党介绍人 (lead, second).
func (fx *fixture) recruit(name string, seq, upto int) data.Recruit {
	r := data.Recruit{Name: name, IDNumber: idNumber(data.NewDate(2000, 3, 8), seq), TeamID: fx.team1.ID, Job: "综采工", Mobile: "13912345678"}
	data.PlanRecruit(&r, recruitStart, upto, data.DateOf(clock), data.PlanPeople{Talker: fx.worker.ID, Contact: fx.lead.ID, Intro1: fx.lead.ID, Intro2: fx.second.ID, Entitled: 3})
	return r
}

func (fx *fixture) saveRecruit(t *testing.T, r *data.Recruit) {
	t.Helper()
	if err := fx.db.SaveRecruit(ctx, r); err != nil {
		t.Fatalf("SaveRecruit(%s, stage %d): %v", r.Name, r.Stage(), err)
	}
}

// A person walked from step 1 to 25, saved at every step: the member appears at step 15 as 预备党员,
// is placed in the group of step 19, and becomes 正式党员 at step 24; every save is logged.
func TestRecruitWalkIntoRoster(t *testing.T) {
	fx := newFixture(t)
	g := data.Group{Name: "第一党小组"}
	if err := fx.db.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	r := fx.recruit("孙小磊", 11, 1)
	for upto := 1; upto <= data.RecruitSteps; upto++ {
		plan := fx.recruit("孙小磊", 11, upto)
		r.Steps, r.People, r.Reviews, r.Vote15, r.Vote23, r.TrainDays, r.TrainHours = plan.Steps, plan.People, plan.Reviews, plan.Vote15, plan.Vote23, plan.TrainDays, plan.TrainHours
		if upto >= data.StepPlace {
			r.GroupID = g.ID
		}
		fx.saveRecruit(t, &r)
		switch {
		case upto < data.StepAdmit && r.MemberID != 0:
			t.Fatalf("member before step 15 (step %d)", upto)
		case upto >= data.StepAdmit && r.MemberID == 0:
			t.Fatalf("no member at step %d", upto)
		}
	}
	got, err := fx.db.Recruit(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Stage() != 25 || got.Names(data.RoleIntroducer) != "王建国、李卫东" || got.Names(data.RoleTalker) != "赵志强" || len(got.Reviews) != 3 {
		t.Errorf("read back %+v", got)
	}
	m, err := fx.db.Member(ctx, r.MemberID)
	if err != nil {
		t.Fatal(err)
	}
	admit := r.Date(data.StepAdmit)
	if m.Category != data.CategoryFull || m.JoinDate != admit || m.FullDate != admit.AddYears(1) || m.GroupID != g.ID ||
		m.TeamID != fx.team1.ID || m.IDNumber != r.IDNumber || m.Mobile != "13912345678" {
		t.Errorf("member %+v", m)
	}
	back, err := fx.db.RecruitOfMember(ctx, m.ID)
	if err != nil || back.ID != r.ID {
		t.Errorf("RecruitOfMember: %v %v", back.ID, err)
	}
	ops, _ := fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntMember, Text: "发展党员第15步"})
	if len(ops) != 1 || ops[0].Action != data.ActCreate {
		t.Errorf("member creation log: %+v", ops)
	}
	ops, _ = fx.db.OpLog(ctx, data.OpFilter{Entity: data.EntRecruit})
	if len(ops) != data.RecruitSteps {
		t.Errorf("%d recruit log entries, want %d", len(ops), data.RecruitSteps)
	}
	// The member cannot be deleted from the roster while the link stands.
	if err := fx.db.DeleteMember(ctx, m.ID); err == nil || !strings.Contains(data.ErrorMessage(err), "由发展党员台账接收") {
		t.Errorf("delete linked member: %v", err)
	}
	if err := fx.db.DeleteRecruit(ctx, r.ID); err == nil || !strings.Contains(data.ErrorMessage(err), "已接收为预备党员") {
		t.Errorf("delete recruit with member: %v", err)
	}
}

// Clearing step 15 removes the member made then; while the member has other records it is refused
// and nothing changes.
func TestRecruitUndoAdmission(t *testing.T) {
	fx := newFixture(t)
	r := fx.recruit("周洋", 13, 16)
	fx.saveRecruit(t, &r)
	memberID := r.MemberID
	// Another person names the new member as 谈话人: a record of the member's own.
	other := fx.recruit("吴涛", 15, 2)
	other.People[0].MemberID = memberID
	fx.saveRecruit(t, &other)

	undo := r
	undo.Steps[data.StepAdmit-1].Date, undo.Steps[data.StepAdmit].Date = data.Date{}, data.Date{}
	undo.Vote15 = data.Vote{}
	err := fx.db.SaveRecruit(ctx, &undo)
	if msg := fieldErrors(t, err).At(data.StepAdmit, data.FStepDate); !strings.Contains(msg, "不能撤销第15步") {
		t.Fatalf("undo refused with %q", msg)
	}
	if _, err := fx.db.Member(ctx, memberID); err != nil {
		t.Fatalf("member gone after a refusal: %v", err)
	}
	other.People[0].MemberID = fx.worker.ID
	fx.saveRecruit(t, &other)
	undo = r
	undo.Steps[data.StepAdmit-1].Date, undo.Steps[data.StepAdmit].Date = data.Date{}, data.Date{}
	undo.Vote15 = data.Vote{}
	fx.saveRecruit(t, &undo)
	if undo.MemberID != 0 {
		t.Errorf("link kept: %d", undo.MemberID)
	}
	if _, err := fx.db.Member(ctx, memberID); data.ErrorCode(err) != data.ENotFound {
		t.Errorf("member kept: %v", err)
	}
	// Step 15 again: a new member.
	fx.saveRecruit(t, &r)
	if r.MemberID == 0 {
		t.Errorf("no member after redoing step 15")
	}
}

func TestRecruitRefusals(t *testing.T) {
	fx := newFixture(t)
	// An ID number of the roster.
	r := fx.recruit("王建国二", 1, 2)
	r.IDNumber = fx.lead.IDNumber
	if msg := fieldErrors(t, fx.db.SaveRecruit(ctx, &r)).For(data.FIDNumber); !strings.Contains(msg, "已登记为党员「王建国」") {
		t.Errorf("roster ID: %q", msg)
	}
	// An ID number of the pipeline.
	a := fx.recruit("甲", 21, 2)
	fx.saveRecruit(t, &a)
	b := fx.recruit("乙", 21, 2)
	if msg := fieldErrors(t, fx.db.SaveRecruit(ctx, &b)).For(data.FIDNumber); !strings.Contains(msg, "已在发展党员台账中（「甲」）") {
		t.Errorf("pipeline ID: %q", msg)
	}
	// A 预备党员 as 入党介绍人.
	p := newMember("钱预备", 7)
	p.Category, p.FullDate = data.CategoryProbation, data.Date{}
	p = mustCreate(t, fx.db, p)
	c := fx.recruit("丙", 23, 9)
	c.People[len(c.People)-1].MemberID = p.ID
	if msg := fieldErrors(t, fx.db.SaveRecruit(ctx, &c)).At(data.StepIntroducers, data.RoleIntroducer); msg != "入党介绍人须为正式党员：「钱预备」是预备党员" {
		t.Errorf("probationer introducer: %q", msg)
	}
	// A rule broken is refused with the step named.
	e := fx.recruit("丁", 25, 7)
	e.Steps[data.StepCandidate-1].Date = data.NewDate(2023, 12, 1)
	if msg := fieldErrors(t, fx.db.SaveRecruit(ctx, &e)).At(data.StepCandidate, data.FStepDate); !strings.Contains(msg, "确定发展对象须在确定为入党积极分子满一年后，最早为 2024-07-10") {
		t.Errorf("interval rule: %q", msg)
	}
	// Deleting one who is no member goes to the 回收站 and comes back with the steps.
	if err := fx.db.DeleteRecruit(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	bin, err := fx.db.RecycleBin(ctx)
	if err != nil || len(bin) != 1 || bin[0].Entity != data.EntRecruit {
		t.Fatalf("bin %+v %v", bin, err)
	}
	if err := fx.db.RestoreFromBin(ctx, bin[0].ID); err != nil {
		t.Fatal(err)
	}
	back, err := fx.db.Recruit(ctx, a.ID)
	if err != nil || back.Stage() != 2 || back.Names(data.RoleTalker) != "赵志强" {
		t.Errorf("restored %+v %v", back, err)
	}
	// A member named as 培养联系人 cannot be deleted.
	if err := fx.db.DeleteMember(ctx, fx.worker.ID); err == nil || !strings.Contains(data.ErrorMessage(err), "谈话人、培养联系人或入党介绍人") {
		t.Errorf("delete talker: %v", err)
	}
}
