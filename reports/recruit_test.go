package reports

import (
	"io"
	"strings"
	"testing"

	"branchledger/data"
)

// testRecruit is a person at step upto of the plan, step 1 on start, with named people.
func testRecruit(name, id17 string, start data.Date, upto int) data.Recruit {
	r := data.Recruit{Name: name, IDNumber: data.IDNumberWithCheck(id17), TeamID: 1, Job: "采煤机司机"}
	r.Normalize()
	data.PlanRecruit(&r, start, upto, testMeta.Date, data.PlanPeople{Talker: 1, Contact: 2, Intro1: 2, Intro2: 3, Entitled: 23})
	names := map[int64]string{1: "刘强", 2: "王建国", 3: "李卫东"}
	for i := range r.People {
		r.People[i].Name = names[r.People[i].MemberID]
	}
	return r
}

// testRecruits: an applicant whose talk is due, a 发展对象, a 预备党员 whose approval is overdue, one
// whose 预备期 was extended, and a 正式党员 with every step.
func testRecruits() []data.Recruit {
	applicant := testRecruit("赵小龙", "13020320010305121", data.NewDate(2026, 11, 10), 1)
	candidate := testRecruit("钱海燕", "13020319990812122", data.NewDate(2025, 1, 20), 9)
	late := testRecruit("孙志刚", "13020319980101123", data.NewDate(2023, 12, 1), 16)
	extended := testRecruit("李明", "13020319970615125", data.NewDate(2023, 12, 1), 21)
	extended.ExtendMonths, extended.ExtendDate = 6, data.NewDate(2026, 6, 1)
	extended.Reviews = append(extended.Reviews, data.RecruitReview{Step: data.StepContinue, Date: data.NewDate(2026, 11, 1), Note: "延长预备期后有进步"})
	full := testRecruit("周洋", "13020319960209127", data.NewDate(2022, 9, 1), 25)
	full.Step(data.StepDiscussFull).Note = "一致同意按期转为正式党员"
	full.GroupID = 1
	return []data.Recruit{applicant, candidate, late, extended, full}
}

var testRecruitTeams = map[int64]string{1: "综采一班"}

func TestGoldenRecruitReports(t *testing.T) {
	rs := testRecruits()
	for _, r := range rs {
		if fe := data.ValidateRecruit(&r, testMeta.Date); fe != nil {
			t.Fatalf("%s: %v", r.Name, fe)
		}
	}
	runGolden(t, []goldenCase{
		{"recruitment", func(w io.Writer) error { return WriteRecruitment(w, testMeta, rs, testRecruitTeams) }},
		{"recruitment_empty", func(w io.Writer) error { return WriteRecruitment(w, testMeta, nil, nil) }},
		{"recruit_record", func(w io.Writer) error {
			return WriteRecruitRecord(w, testMeta, rs[4], RecruitRecordNames{Team: "综采一班", Group: "第一党小组"})
		}},
		{"recruit_record_extended", func(w io.Writer) error {
			return WriteRecruitRecord(w, testMeta, rs[3], RecruitRecordNames{Team: "综采一班"})
		}},
	})
}

func TestRecruitNextText(t *testing.T) {
	rs := testRecruits()
	for _, c := range []struct {
		i    int
		want string
		late bool
	}{
		{0, "第2步“党组织派人谈话”，最早 2026-11-10，最迟 2026-12-10", false},
		{2, "第17步“上级党委审批”，最早 2025-10-10，最迟 2025-12-20（已逾期）", true},
		{3, "第22步“提出转正申请”，最早 2027-03-20", false},
		{4, "已完成全部步骤", false},
	} {
		got, late := RecruitNextText(&rs[c.i], testMeta.Date)
		if got != c.want || late != c.late {
			t.Errorf("%s: %q %v, want %q %v", rs[c.i].Name, got, late, c.want, c.late)
		}
	}
	_, rows := RecruitmentTable(rs, testRecruitTeams, testMeta.Date)
	if !strings.Contains(rows[3][12].(string), "预备期延长6个月") || rows[4][9] != rs[4].Date(data.StepAdmit).AddYears(1) {
		t.Errorf("rows %v / %v", rows[3], rows[4])
	}
}
