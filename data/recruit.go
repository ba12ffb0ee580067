package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds 发展党员 (SPEC §14): a person in the recruitment pipeline, the 25 steps of the
// 《中国共产党发展党员工作细则》(2014) with their dates, people, votes and notes, and the time rules of
// the steps as pure functions. The store turns the person into a roster member at step 15 (预备党员)
// and at step 24 (正式党员).
//
// Choices where the SPEC is silent:
//   - A step may be dated only when every earlier step is; dates never go back (a step on the same
//     day as the one before is allowed: several are often done at one meeting).
//   - 培养教育考察 (step 6) and 继续教育考察 (step 21) are dated by their start; their 考察 records
//     must follow each other (from that start) at most 6 months apart, and the step closing the
//     phase (7 or 22) must come within 6 months of the last record.
//   - 上级党委审批 (step 17) later than 3 months after step 15 is saved with a warning (RecruitWarnings);
//     later than 6 months it is refused.
//   - 转正日期 in the roster is the day the 预备期 ends (党章: 党龄从预备期满转为正式党员之日算起), which
//     step 24 approves; the 加入党组织日期 is the day of step 15.
//   - 预备期 may be extended once, by 6 to 12 months, decided within the 预备期; step 22 then waits for
//     the extended end.

// RecruitSteps is the number of steps of the 细则.
const RecruitSteps = 25

// Steps whose rules or people this file names.
const (
	StepApply        = 1  // 递交入党申请书
	StepTalk         = 2  // 党组织派人谈话
	StepActivist     = 3  // 推荐和确定入党积极分子
	StepContacts     = 5  // 指定培养联系人
	StepEducation    = 6  // 培养教育考察
	StepCandidate    = 7  // 确定发展对象
	StepIntroducers  = 9  // 确定入党介绍人
	StepTraining     = 11 // 集中培训
	StepAdmit        = 15 // 支部党员大会讨论 (接收预备党员)
	StepApprove      = 17 // 上级党委审批
	StepPlace        = 19 // 编入党支部和党小组
	StepContinue     = 21 // 继续教育考察
	StepApplyFull    = 22 // 提出转正申请
	StepDiscussFull  = 23 // 支部党员大会讨论转正
	StepApproveFull  = 24 // 上级党委审批转正
	StepArchive      = 25 // 材料归档
	recruitMinAge    = 18
	reviewEveryMonth = 6
)

// RecruitStepNames are the 25 steps in order (index 0 is step 1).
var RecruitStepNames = [RecruitSteps]string{
	"递交入党申请书", "党组织派人谈话", "推荐和确定入党积极分子", "上级党委备案", "指定培养联系人",
	"培养教育考察", "确定发展对象", "报上级党委备案", "确定入党介绍人", "政治审查",
	"集中培训", "支部委员会审查", "上级党委预审", "填写入党志愿书", "支部党员大会讨论",
	"上级党委派人谈话", "上级党委审批", "再上级党委组织部门备案", "编入党支部和党小组", "入党宣誓",
	"继续教育考察", "提出转正申请", "支部党员大会讨论转正", "上级党委审批转正", "材料归档",
}

// StepName is "第15步“支部党员大会讨论”".
func StepName(n int) string {
	if n < 1 || n > RecruitSteps {
		return fmt.Sprintf("第%d步", n)
	}
	return fmt.Sprintf("第%d步“%s”", n, RecruitStepNames[n-1])
}

// Roles of the people picked from the roster.
const (
	RoleTalker     = "谈话人"   // step 2
	RoleContact    = "培养联系人" // step 5: 1–2 full members
	RoleIntroducer = "入党介绍人" // step 9: 2 full members
)

// RecruitRoles are the roles in form order, with the step each belongs to.
var RecruitRoles = []struct {
	Role     string
	Step     int
	Min, Max int
	Full     bool // must be 正式党员
}{
	{RoleTalker, StepTalk, 1, 3, false},
	{RoleContact, StepContacts, 1, 2, true},
	{RoleIntroducer, StepIntroducers, 2, 2, true},
}

// Recruit field labels.
const (
	FStepDate      = "日期"
	FStepNote      = "情况记录"
	FVote          = "表决"
	FTraining      = "培训"
	FReviewDate    = "考察日期"
	FExtension     = "延长预备期"
	FExtensionDate = "延长决定日期"
	FRecruitGroup  = "编入党小组"
	FStage         = "当前阶段"
	FNextStep      = "下一步及期限"
)

// Lists of rows a recruit's FieldError can point into (see FieldError.Label).
const (
	RowStep   = "步"   // 第15步：日期
	RowReview = "次考察" // 第2次考察：考察日期
)

// RecruitStep is one step as done: its day and what the branch noted.
type RecruitStep struct {
	Date Date   // zero: not done yet
	Note string // 情况记录
}

// RecruitPerson is a member picked from the roster for a role.
type RecruitPerson struct {
	Role     string // one of the Role… constants
	MemberID int64
	Name     string // filled by the store when read
}

// Vote is a 支部党员大会 vote (steps 15 and 23).
type Vote struct {
	Entitled int // 应到会有表决权的正式党员
	For      int // 赞成
	Against  int // 反对
	Abstain  int // 弃权
}

// Passed says whether 赞成 is more than half of those entitled.
func (v Vote) Passed() bool { return v.For*2 > v.Entitled }

// String is 应到9人，赞成7人，反对1人，弃权0人.
func (v Vote) String() string {
	if v == (Vote{}) {
		return ""
	}
	return fmt.Sprintf("应到%d人，赞成%d人，反对%d人，弃权%d人", v.Entitled, v.For, v.Against, v.Abstain)
}

// RecruitReview is one half-yearly 考察 record of step 6 or 21.
type RecruitReview struct {
	Step int // StepEducation or StepContinue
	Date Date
	Note string // 考察情况
}

// Recruit is a person in the recruitment pipeline (SPEC §14), from 入党申请人 to 正式党员.
type Recruit struct {
	ID       int64
	BranchID int64

	Name      string // 姓名*
	Sex       string // 性别: derived from the ID number
	Ethnicity string // 民族 (汉族 by default)
	IDNumber  string // 公民身份证号*
	BirthDate Date   // derived from the ID number
	Education string // 学历
	TeamID    int64  // 班组
	Job       string // 岗位
	Mobile    string // 手机号
	Remark    string // 备注

	Steps                 [RecruitSteps]RecruitStep // index n-1 is step n
	People                []RecruitPerson
	Reviews               []RecruitReview // by step, then date
	Vote15                Vote            // 接收预备党员的表决
	Vote23                Vote            // 转正的表决
	TrainDays, TrainHours int             // 集中培训 (step 11)
	GroupID               int64           // the 党小组 of step 19

	ExtendMonths int  // 延长预备期 (0: not extended; else 6–12)
	ExtendDate   Date // the day the extension was decided

	MemberID int64 // the roster member made at step 15 (0: none yet); kept by the store

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Step is step n (1-based).
func (r *Recruit) Step(n int) *RecruitStep { return &r.Steps[n-1] }

// Date is the date of step n (zero when not done).
func (r *Recruit) Date(n int) Date { return r.Steps[n-1].Date }

// Stage is the last step done (0: none).
func (r *Recruit) Stage() int {
	for n := RecruitSteps; n >= 1; n-- {
		if !r.Date(n).IsZero() {
			return n
		}
	}
	return 0
}

// StageName is what the person is now: 入党申请人, 入党积极分子, 发展对象, 预备党员 or 正式党员.
func (r *Recruit) StageName() string {
	switch s := r.Stage(); {
	case s >= StepApproveFull:
		return "正式党员"
	case s >= StepAdmit:
		return "预备党员"
	case s >= StepCandidate:
		return "发展对象"
	case s >= StepActivist:
		return "入党积极分子"
	default:
		return "入党申请人"
	}
}

// PeopleIn are the members of role, in order.
func (r *Recruit) PeopleIn(role string) []RecruitPerson {
	var out []RecruitPerson
	for _, p := range r.People {
		if p.Role == role {
			out = append(out, p)
		}
	}
	return out
}

// Names are the names of the members of role, joined by 、.
func (r *Recruit) Names(role string) string {
	var names []string
	for _, p := range r.PeopleIn(role) {
		names = append(names, p.Name)
	}
	return strings.Join(names, "、")
}

// ProbationEnd is the day the 预备期 ends: one year after step 15, plus the extension (zero before
// step 15).
func (r *Recruit) ProbationEnd() Date {
	d := r.Date(StepAdmit)
	if d.IsZero() {
		return d
	}
	return AddMonths(d.AddYears(1), r.ExtendMonths)
}

// FullDate is the 转正日期 the roster gets at step 24: the end of the 预备期 (zero before step 24).
func (r *Recruit) FullDate() Date {
	if r.Date(StepApproveFull).IsZero() {
		return Date{}
	}
	return r.ProbationEnd()
}

// AddMonths moves d by n months; a day the month lacks becomes its last day (01-31 + 1 month is
// 02-28), as "within one month" is counted.
func AddMonths(d Date, n int) Date {
	if d.IsZero() {
		return d
	}
	first := time.Date(d.Year, d.Month, 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return Date{first.Year(), first.Month(), min(d.Day, last)}
}

// Normalize cleans the text fields, derives 性别 and 出生日期 from the ID number, drops empty people
// and 考察 rows, and sorts the 考察 records.
func (r *Recruit) Normalize() {
	normalizeIdentity(&r.Name, &r.IDNumber, &r.Sex, &r.Ethnicity, &r.Education, &r.BirthDate)
	if r.Ethnicity == "" {
		r.Ethnicity = Ethnicities[0]
	}
	r.Job, r.Mobile, r.Remark = NormalizeText(r.Job), NormalizeMobile(r.Mobile), strings.TrimSpace(r.Remark)
	for i := range r.Steps {
		r.Steps[i].Note = strings.TrimSpace(r.Steps[i].Note)
	}
	r.People = slices.DeleteFunc(slices.Clone(r.People), func(p RecruitPerson) bool { return p.MemberID == 0 })
	var rs []RecruitReview
	for _, v := range r.Reviews {
		v.Note = strings.TrimSpace(v.Note)
		if !v.Date.IsZero() || v.Note != "" {
			rs = append(rs, v)
		}
	}
	slices.SortStableFunc(rs, func(a, b RecruitReview) int {
		if a.Step != b.Step {
			return a.Step - b.Step
		}
		return a.Date.Compare(b.Date)
	})
	r.Reviews = rs
	if r.ExtendMonths == 0 {
		r.ExtendDate = Date{}
	}
}

// ValidateRecruit checks a normalised person: the identity fields as for members, and every rule of
// the steps (CheckRecruitSteps). Whether the ID number is new, and whether the people picked are
// members (full ones where required), needs the data file and is checked by the store.
func ValidateRecruit(r *Recruit, today Date) FieldErrors {
	var fe FieldErrors
	checkIdentity(&fe, r.Name, r.IDNumber, r.Sex, r.BirthDate, r.Ethnicity, r.Education, today)
	checkText(&fe, FJob, r.Job, 50, false)
	if err := CheckMobile(r.Mobile); err != nil {
		fe.add(FMobile, ErrorMessage(err))
	}
	checkText(&fe, FRemark, r.Remark, 500, false)
	fe = append(fe, CheckRecruitSteps(r, today)...)
	if fe == nil {
		return nil
	}
	return fe
}

// stepErr is a broken rule of step n's date.
func stepErr(fe *FieldErrors, n int, field, msg string) {
	fe.addRow(RowStep, n-1, field, msg)
}

// CheckRecruitSteps checks the steps' rules on day today: their order, the interval rules of SPEC §14,
// the age at step 1, the votes, the training, the people, the 考察 records and the extension. Each
// message names the rule and the earliest or latest day that keeps it.
func CheckRecruitSteps(r *Recruit, today Date) FieldErrors {
	var fe FieldErrors
	prev := 0 // the last step dated so far
	for n := 1; n <= RecruitSteps; n++ {
		s := r.Step(n)
		if k := utf8.RuneCountInString(s.Note); k > 500 {
			stepErr(&fe, n, FStepNote, fmt.Sprintf("情况记录最多500个字，现在是%d个字", k))
		}
		if s.Date.IsZero() {
			continue
		}
		switch {
		case !s.Date.Valid():
			stepErr(&fe, n, FStepDate, "日期无效")
			continue
		case s.Date.After(today):
			stepErr(&fe, n, FStepDate, StepName(n)+"的日期不能晚于今天")
			continue
		}
		if prev != n-1 {
			stepErr(&fe, n, FStepDate, fmt.Sprintf("发展党员须按步骤进行：请先填写%s的日期", StepName(prev+1)))
		} else if prev > 0 && s.Date.Before(r.Date(prev)) {
			stepErr(&fe, n, FStepDate, fmt.Sprintf("%s须在%s之后，最早为 %s", StepName(n), StepName(prev), r.Date(prev)))
		}
		prev = n
		if msg := intervalRule(r, n, s.Date); msg != "" {
			stepErr(&fe, n, FStepDate, msg)
		}
	}
	for _, v := range []struct {
		step int
		vote Vote
	}{{StepAdmit, r.Vote15}, {StepDiscussFull, r.Vote23}} {
		if msg := CheckVote(v.vote, !r.Date(v.step).IsZero()); msg != "" {
			stepErr(&fe, v.step, FVote, msg)
		}
	}
	if msg := CheckTraining(r.TrainDays, r.TrainHours, !r.Date(StepTraining).IsZero()); msg != "" {
		stepErr(&fe, StepTraining, FTraining, msg)
	}
	for _, role := range RecruitRoles {
		n := len(r.PeopleIn(role.Role))
		dated := !r.Date(role.Step).IsZero()
		switch {
		case dated && n < role.Min, n > role.Max:
			want := fmt.Sprintf("%d–%d名", role.Min, role.Max)
			if role.Min == role.Max {
				want = fmt.Sprintf("%d名", role.Min)
			}
			if role.Full {
				want += "正式党员"
			}
			stepErr(&fe, role.Step, role.Role, fmt.Sprintf("%s须有%s，现在是%d名", role.Role, want, n))
		case !dated && n > 0:
			stepErr(&fe, role.Step, role.Role, fmt.Sprintf("请先填写%s的日期，再选%s", StepName(role.Step), role.Role))
		}
	}
	for i, p := range r.People {
		if slices.ContainsFunc(r.People[:i], func(q RecruitPerson) bool { return q.Role == p.Role && q.MemberID == p.MemberID }) {
			stepErr(&fe, stepOfRole(p.Role), p.Role, fmt.Sprintf("%s「%s」选了两次", p.Role, p.Name))
		}
	}
	fe = append(fe, checkReviews(r)...)
	if msg := CheckExtension(r, r.ExtendMonths, r.ExtendDate); msg != "" {
		fe.add(FExtension, msg)
	}
	return fe
}

func stepOfRole(role string) int {
	for _, r := range RecruitRoles {
		if r.Role == role {
			return r.Step
		}
	}
	return 0
}

// intervalRule is the message of the interval rule step n breaks when done on d ("" when kept).
// The steps before it are taken as dated in order.
func intervalRule(r *Recruit, n int, d Date) string {
	lo, hi, rule := StepWindow(r, n)
	switch {
	case !lo.IsZero() && d.Before(lo):
		return fmt.Sprintf("%s，最早为 %s", rule, lo)
	case !hi.IsZero() && d.After(hi):
		return fmt.Sprintf("%s，最迟为 %s", rule, hi)
	}
	return ""
}

// StepWindow is the interval rule of step n: the earliest and latest day it allows (zero: no
// bound) and the rule in Chinese. The order rule (not before the step before) is not part of it.
func StepWindow(r *Recruit, n int) (earliest, latest Date, rule string) {
	switch n {
	case StepApply:
		if !r.BirthDate.IsZero() {
			return r.BirthDate.AddYears(recruitMinAge), Date{}, "递交入党申请书时须年满18周岁"
		}
	case StepTalk:
		if d := r.Date(StepApply); !d.IsZero() {
			return Date{}, AddMonths(d, 1), "党组织须在收到入党申请书后1个月内派人谈话"
		}
	case StepCandidate:
		if d := r.Date(StepActivist); !d.IsZero() {
			return d.AddYears(1), Date{}, "确定发展对象须在确定为入党积极分子满一年后"
		}
	case StepApprove:
		if d := r.Date(StepAdmit); !d.IsZero() {
			return Date{}, AddMonths(d, 6), "上级党委须在支部党员大会讨论后3个月内审批，最长不超过6个月"
		}
	case StepApplyFull:
		if end := r.ProbationEnd(); !end.IsZero() {
			rule := "提出转正申请须在一年预备期满后"
			if r.ExtendMonths > 0 {
				rule = fmt.Sprintf("提出转正申请须在预备期（一年，延长%d个月）满后", r.ExtendMonths)
			}
			return end, Date{}, rule
		}
	}
	return Date{}, Date{}, ""
}

// approveSoon is the day by which step 17 should come (3 months after step 15); later is flagged.
func approveSoon(r *Recruit) Date { return AddMonths(r.Date(StepAdmit), 3) }

// RecruitWarnings are rules bent but not broken, shown when saving: 上级党委审批 later than 3 months
// after step 15 (allowed up to 6).
func RecruitWarnings(r *Recruit) []string {
	var out []string
	if d, soon := r.Date(StepApprove), approveSoon(r); !d.IsZero() && !soon.IsZero() && d.After(soon) && !d.After(AddMonths(r.Date(StepAdmit), 6)) {
		out = append(out, fmt.Sprintf("上级党委审批一般应在支部党员大会讨论后3个月内（最迟 %s），本次超过3个月，请在情况记录中注明原因", soon))
	}
	return out
}

// CheckVote is the message of a vote that breaks the rules ("" when kept); held says whether its
// step is dated (a vote is required then).
func CheckVote(v Vote, held bool) string {
	switch {
	case !held && v != Vote{}:
		return "请先填写会议日期，再填写表决情况"
	case !held:
		return ""
	case v.Entitled <= 0:
		return "请填写应到会有表决权的正式党员人数"
	case v.For < 0 || v.Against < 0 || v.Abstain < 0:
		return "表决人数不能为负数"
	case v.For+v.Against+v.Abstain > v.Entitled:
		return fmt.Sprintf("赞成、反对、弃权合计%d人，超过了应到会有表决权的正式党员%d人", v.For+v.Against+v.Abstain, v.Entitled)
	case !v.Passed():
		return fmt.Sprintf("表决未通过：赞成人数须超过应到会有表决权的正式党员的半数，应到%d人，至少须%d人赞成，现在%d人",
			v.Entitled, v.Entitled/2+1, v.For)
	}
	return ""
}

// CheckTraining is the message of a 集中培训 that is too short ("" when kept).
func CheckTraining(days, hours int, held bool) string {
	switch {
	case days < 0 || hours < 0:
		return "培训天数和学时不能为负数"
	case !held && days+hours > 0:
		return "请先填写集中培训的日期，再填写天数和学时"
	case held && days < 3 && hours < 24:
		return fmt.Sprintf("集中培训须不少于3天或24学时，现在是%d天、%d学时", days, hours)
	}
	return ""
}

// reviewPhase is the span of the 考察 records of step: its start and the step that closes it.
func reviewPhase(step int) (closing int) {
	if step == StepEducation {
		return StepCandidate
	}
	return StepApplyFull
}

// checkReviews checks the 考察 records: within their phase, and at most 6 months apart.
func checkReviews(r *Recruit) FieldErrors {
	var fe FieldErrors
	for _, step := range []int{StepEducation, StepContinue} {
		start, end := r.Date(step), r.Date(reviewPhase(step))
		last := start
		for i, v := range r.Reviews {
			if v.Step != step {
				continue
			}
			row := func(msg string) { fe.addRow(RowReview, i, FReviewDate, msg) }
			switch {
			case v.Date.IsZero():
				row("请填写考察日期")
			case start.IsZero():
				row(fmt.Sprintf("请先填写%s的日期", StepName(step)))
			case v.Date.Before(start):
				row(fmt.Sprintf("考察记录须在%s开始之后，最早为 %s", StepName(step), start))
			case !end.IsZero() && v.Date.After(end):
				row(fmt.Sprintf("考察记录须在%s之前，最迟为 %s", StepName(reviewPhase(step)), end))
			case v.Date.After(AddMonths(last, reviewEveryMonth)):
				row(fmt.Sprintf("%s每半年须有一次考察记录：距上次（%s）超过6个月，最迟应为 %s", RecruitStepNames[step-1], last, AddMonths(last, reviewEveryMonth)))
			}
			if !v.Date.IsZero() && v.Date.After(last) {
				last = v.Date
			}
		}
		if !start.IsZero() && !end.IsZero() && end.After(AddMonths(last, reviewEveryMonth)) {
			stepErr(&fe, reviewPhase(step), FStepDate, fmt.Sprintf("%s每半年须有一次考察记录：%s之前最后一次考察为 %s，请补记 %s 前的考察记录",
				RecruitStepNames[step-1], StepName(reviewPhase(step)), last, AddMonths(last, reviewEveryMonth)))
		}
	}
	for i, v := range r.Reviews {
		if v.Step != StepEducation && v.Step != StepContinue {
			fe.addRow(RowReview, i, FReviewDate, "考察记录只属于第6步或第21步")
		}
		if k := utf8.RuneCountInString(v.Note); k > 500 {
			fe.addRow(RowReview, i, FStepNote, fmt.Sprintf("考察情况最多500个字，现在是%d个字", k))
		}
	}
	return fe
}

// CheckExtension is the message of an extension of the 预备期 that breaks the rules ("" when kept):
// 6–12 months, decided within the 预备期 (after step 15, by the end of the first year).
func CheckExtension(r *Recruit, months int, decided Date) string {
	if months == 0 {
		return ""
	}
	admit := r.Date(StepAdmit)
	switch {
	case months < 6 || months > 12:
		return fmt.Sprintf("预备期只能延长一次，时间不少于6个月、不超过1年（6–12个月），现在是%d个月", months)
	case admit.IsZero():
		return "尚未接收为预备党员（第15步），不能延长预备期"
	case decided.IsZero():
		return "请填写延长预备期的决定日期"
	case decided.Before(admit):
		return fmt.Sprintf("延长预备期须在接收为预备党员之后决定，最早为 %s", admit)
	case decided.After(admit.AddYears(1)):
		return fmt.Sprintf("延长预备期须在一年预备期内决定，最迟为 %s", admit.AddYears(1))
	}
	return ""
}

// ExtendProbation extends the 预备期 of r by months, decided on day decided: once only, 6–12 months.
// r is unchanged when it is refused.
func ExtendProbation(r *Recruit, months int, decided Date) error {
	if r.ExtendMonths != 0 {
		return Errorf(EInvalid, fmt.Sprintf("预备期只能延长一次：已于 %s 延长%d个月", r.ExtendDate, r.ExtendMonths))
	}
	if months == 0 {
		return Errorf(EInvalid, "请填写延长的月数（6–12个月）")
	}
	if msg := CheckExtension(r, months, decided); msg != "" {
		return FieldErrors{{Field: FExtension, Message: msg}}
	}
	r.ExtendMonths, r.ExtendDate = months, decided
	return nil
}

// Next is the next step of a person: which, and the days its rules allow.
type Next struct {
	Step     int  // 0: all 25 steps done
	Earliest Date // zero: no bound
	Latest   Date // zero: no bound
	Rule     string
}

// NextStep is the step after the last one done, with its earliest day (the step before it, or its
// interval rule) and its latest day (its interval rule).
func NextStep(r *Recruit) Next {
	n := r.Stage() + 1
	if n > RecruitSteps {
		return Next{}
	}
	lo, hi, rule := StepWindow(r, n)
	if n == StepApprove && !r.Date(StepAdmit).IsZero() {
		hi, rule = approveSoon(r), "上级党委须在支部党员大会讨论后3个月内审批"
	}
	if prev := n - 1; prev > 0 && r.Date(prev).After(lo) {
		lo = r.Date(prev)
	}
	return Next{Step: n, Earliest: lo, Latest: hi, Rule: rule}
}

// String is 第7步“确定发展对象”，最早 2026-03-01.
func (x Next) String() string {
	if x.Step == 0 {
		return "已完成全部步骤"
	}
	s := StepName(x.Step)
	if !x.Earliest.IsZero() {
		s += "，最早 " + x.Earliest.String()
	}
	if !x.Latest.IsZero() {
		s += "，最迟 " + x.Latest.String()
	}
	return s
}

// Due is something of a person that falls due: a step's last day, a 考察 record owed, the end of
// the 预备期, or a step that may now be taken.
type Due struct {
	RecruitID int64
	Name      string
	What      string
	Date      Date
}

// Overdue says whether the day has passed on day today.
func (d Due) Overdue(today Date) bool { return d.Date.Before(today) }

// RecruitDue lists what of r falls due on or before today+within days (past days included), by date.
func RecruitDue(r *Recruit, today Date, within int) []Due {
	limit := today.AddDays(within)
	var out []Due
	add := func(what string, d Date) {
		if !d.IsZero() && !d.After(limit) {
			out = append(out, Due{RecruitID: r.ID, Name: r.Name, What: what, Date: d})
		}
	}
	next := NextStep(r)
	switch {
	case next.Step == 0:
	case !next.Latest.IsZero():
		what := StepName(next.Step) + "最迟 " + next.Latest.String()
		if next.Latest.Before(today) {
			what = StepName(next.Step) + "已超过期限（" + next.Latest.String() + "）"
		}
		add(what, next.Latest)
	case next.Step == StepApplyFull:
		add("预备期满（"+r.ProbationEnd().String()+"），应提出转正申请", r.ProbationEnd())
	case next.Step == StepCandidate && !next.Earliest.IsZero() && !next.Earliest.Before(today):
		add("确定为入党积极分子满一年，可确定为发展对象", next.Earliest)
	}
	for _, step := range []int{StepEducation, StepContinue} {
		start := r.Date(step)
		if start.IsZero() || !r.Date(reviewPhase(step)).IsZero() {
			continue
		}
		last := start
		for _, v := range r.Reviews {
			if v.Step == step && v.Date.After(last) {
				last = v.Date
			}
		}
		add(RecruitStepNames[step-1]+"应有半年考察记录", AddMonths(last, reviewEveryMonth))
	}
	slices.SortStableFunc(out, func(a, b Due) int { return a.Date.Compare(b.Date) })
	return out
}

// RecruitLabel names a person in the log and the recycle bin: 张三（入党积极分子）.
func RecruitLabel(r *Recruit) string { return r.Name + "（" + r.StageName() + "）" }

// RecruitStore keeps the people in the recruitment pipeline and makes them members at steps 15 and
// 24.
type RecruitStore interface {
	// Recruits lists everyone in the pipeline (with steps, people and 考察 records) by the date of
	// step 1, then name.
	Recruits(ctx context.Context) ([]Recruit, error)
	Recruit(ctx context.Context, id int64) (Recruit, error)
	// RecruitOfMember is the person the member was recruited as (ENotFound when none).
	RecruitOfMember(ctx context.Context, memberID int64) (Recruit, error)
	// SaveRecruit creates (ID 0) or updates a person after Normalize and ValidateRecruit; an ID
	// number already in the roster or the pipeline is refused, and the people picked must be members
	// (正式党员 for 培养联系人 and 入党介绍人). With step 15 dated the person becomes a 预备党员 in the
	// roster, with step 24 a 正式党员; clearing step 15 removes the member made then, and is refused
	// while that member has other records. All in one transaction with the log.
	SaveRecruit(ctx context.Context, r *Recruit) error
	// DeleteRecruit moves a person typed by mistake to the 回收站; one who is a member already is
	// refused (clear step 15 first).
	DeleteRecruit(ctx context.Context, id int64) error
}
