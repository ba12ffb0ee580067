package data

import (
	"fmt"
	"strconv"
	"strings"
)

// The records as the operation log and the recycle bin keep them: each entity's logged fields in
// form order and its readable label, in one place (see Entities for the kinds that use them).

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// MemberFields is a member as the log keeps it, its group and team by name.
func MemberFields(m *Member, group, team string) Fields {
	return Fields{
		{FName, m.Name}, {FSex, m.Sex}, {FEthnicity, m.Ethnicity}, {FIDNumber, m.IDNumber},
		{FBirthDate, m.BirthDate.String()}, {FEducation, m.Education}, {FCategory, m.Category},
		{FJoinDate, m.JoinDate.String()}, {FFullDate, m.FullDate.String()}, {FJob, m.Job}, {FMobile, m.Mobile},
		{FLandline, m.Landline}, {FAddress, m.Address}, {FPartyStatus, m.PartyStatus},
		{FLostContact, yesNo(m.LostContact)}, {FLostDate, m.LostDate.String()}, {FFloating, yesNo(m.Floating)},
		{FFloatingTo, m.FloatingTo}, {FRemark, m.Remark}, {FGroup, group}, {FTeam, team},
		{FPartyRole, m.PartyRole}, {FKeyPost, m.KeyPost}, {FSupervisor, yesNo(m.Supervisor)},
		{FWorkDate, m.WorkDate.String()}, {FRollStatus, m.RollStatus}, {FRollDate, m.RollDate.String()},
	}
}

// BranchFields is the branch as the log keeps it.
func BranchFields(b *Branch) Fields {
	return Fields{
		{"名称", b.Name}, {"所属党委", b.Committee}, {"所在单位", b.Unit}, {"书记", b.Secretary},
		{"副书记", b.Deputy}, {"组织委员", b.Organisation}, {"宣传委员", b.Propaganda}, {"纪检委员", b.Discipline},
		{"联系电话", b.Phone}, {"支部代码", b.Code},
	}
}

// GroupFields is a Party group as the log keeps it, its leader by name.
func GroupFields(g *Group, leader string) Fields {
	return Fields{{"名称", g.Name}, {"组长", leader}, {"责任区说明", g.Area}}
}

// TeamFields is a team as the log keeps it, its group by name.
func TeamFields(t *Team, group string) Fields {
	return Fields{{"名称", t.Name}, {"类别", t.Category}, {"所属党小组", group}}
}

// InspectionFields is an inspection as the log keeps it (inspector names filled in), with its
// findings (问题1, 问题2, …: their own fields in one line each).
func InspectionFields(in *Inspection) Fields {
	names := make([]string, len(in.Inspectors))
	for i, p := range in.Inspectors {
		names[i] = p.Name
		if p.Lead {
			names[i] += "（牵头）"
		}
	}
	fs := Fields{
		{FInspDate, in.Date.String()}, {FInspKind, in.Kind}, {FShift, in.Shift}, {FInspUnit, in.Unit},
		{FPlace, in.Place}, {FInspContent, in.Content}, {FInspectors, strings.Join(names, "、")},
		{"问题数", fmt.Sprint(len(in.Findings))},
	}
	// Each finding in a line, its description last: a diff clips long values at the end.
	for i, f := range in.Findings {
		fs = append(fs, Field{fmt.Sprintf("问题%d", i+1), fmt.Sprintf("%s｜%s｜责任人 %s｜期限 %s｜%s",
			f.Category, f.Level, f.Responsible, f.Deadline, f.Description)})
	}
	return fs
}

// InspectionLabel names an inspection in the log and the recycle bin.
func InspectionLabel(in *Inspection) string {
	return strings.TrimSpace(in.Date.String() + " " + in.Unit + " " + in.Kind)
}

// FindingFields is a finding as the log keeps it, its team and member by name.
func FindingFields(f *Finding, team, member string) Fields {
	return Fields{
		{"来源", f.Source}, {FFoundDate, f.FoundDate.String()}, {FCategoryF, f.Category}, {FLevel, f.Level},
		{FDescription, f.Description}, {FTeam, team}, {FMember, member}, {FResponsible, f.Responsible},
		{FMeasures, f.Measures}, {FDeadline, f.Deadline.String()}, {FProgress, f.Progress},
		{FAcceptor, f.Acceptor}, {FClosedDate, f.ClosedDate.String()}, {FState, f.State},
	}
}

// FindingLabel names a finding in the log and the recycle bin: the start of its description.
func FindingLabel(f *Finding) string {
	const n = 20
	if r := []rune(f.Description); len(r) > n {
		return string(r[:n]) + "…"
	}
	return f.Description
}

// ListFields is a configured list (问题类别, 重点岗位, …) as the log keeps it: one field, the values
// joined by 、.
func ListFields(list string, values []string) Fields {
	return Fields{{list, strings.Join(values, "、")}}
}

// gradesText lists grade lines for the log: 优秀≥90；良好≥80.
func gradesText(lines []GradeLine) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = fmt.Sprintf("%s≥%s", l.Grade, FormatScore(l.Min))
	}
	return strings.Join(parts, "；")
}

// assessItemsText lists a template's items for the log: 1.安全督查检查靠前（15分，按次扣分）；…
func assessItemsText(items []AssessItem) string {
	parts := make([]string, len(items))
	for i, it := range items {
		detail := it.Method
		if it.Points > 0 {
			detail = FormatScore(it.Points) + "分，" + detail
		}
		if it.Per > 0 {
			detail += "，每次" + FormatScore(it.Per) + "分"
		}
		if it.Veto {
			detail += "，一票否决"
		}
		parts[i] = fmt.Sprintf("%d.%s（%s）", it.Seq, it.Name, detail)
	}
	return strings.Join(parts, "；")
}

// AssessTemplateFields is an assessment template as the log keeps it.
func AssessTemplateFields(t *AssessTemplate) Fields {
	return fieldsOf(FAssessName, t.Name, FAssessKind, t.Kind, FSubject, t.Subject, FPeriodKind, t.PeriodKind,
		FScheme, t.Scheme, FBase, FormatScore(t.Base), FBonusCap, FormatScore(t.BonusCap),
		FGradeLines, gradesText(t.Grades), FAssessItem, assessItemsText(t.Items))
}

// AssessmentLabel names an assessment in the log and the recycle bin.
func AssessmentLabel(a *Assessment) string {
	return strings.TrimSpace(a.Period.Label + " " + a.SubjectName + " " + a.TemplateName)
}

// AssessmentFields is an assessment as the log keeps it: its figures, the items below full with
// their reasons, and the overrides with who and why.
func AssessmentFields(a *Assessment) Fields {
	s := a.Score()
	var lost, overrides []string
	for i, it := range a.Items {
		is := s.Items[i]
		switch {
		case a.Scheme == SchemeBase && is.Score > 0 && it.Method == MethodDeduct:
			lost = append(lost, fmt.Sprintf("%s扣%s分（%s）", it.Name, FormatScore(is.Score), it.Reason))
		case a.Scheme != SchemeBase && is.Score < is.Full:
			lost = append(lost, fmt.Sprintf("%s扣%s分（%s）", it.Name, FormatScore(is.Full-is.Score), it.Reason))
		}
		if o := it.Override; o != nil {
			overrides = append(overrides, fmt.Sprintf("%s调整为%s分（%s：%s）", it.Name, FormatScore(o.Score), o.By, o.Why))
		}
	}
	return fieldsOf(FAssessName, a.TemplateName, FSubject, a.SubjectName, FPeriod, a.Period.Label,
		FTotal, FormatScore(s.Total), "等次", s.Grade, "扣分情况", strings.Join(lost, "；"),
		FOverride, strings.Join(overrides, "；"))
}

// PointEntryLabel names a point entry in the log and the recycle bin.
func PointEntryLabel(e *PointEntry) string {
	return fmt.Sprintf("%s %s %s", e.MemberName, e.Date, e.Item)
}

// PointEntryFields is a point entry as the log keeps it.
func PointEntryFields(e *PointEntry) Fields {
	source := "手工登记"
	if e.Generated {
		source = "自动生成"
	}
	return fieldsOf(FName, e.MemberName, FPointDate, e.Date.String(), FPointItem, e.Item,
		FPoints, FormatScore(e.Points), FPointReason, e.Reason, "来源", source)
}

// itemsText lists items for the log: 1.食品留样※（10分）；2.…
func itemsText(items []ChecklistItem) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = fmt.Sprintf("%d.%s", it.Seq, it.Name)
		if it.Key {
			parts[i] += KeyMark
		}
		parts[i] += "（" + FormatScore(it.Points) + "分）"
	}
	return strings.Join(parts, "；")
}

// ChecklistFields is a 评分表 as the log keeps it.
func ChecklistFields(t *Checklist) Fields {
	return fieldsOf(FChecklistName, t.Name, FChecklistCategory, t.Category,
		FChecklistTotal, FormatScore(t.Total), FItemName, itemsText(t.Items))
}

// CheckFields is a 两堂一舍 check as the log keeps it: its scores and deductions.
func CheckFields(c *Check) Fields {
	s := c.Score(DefaultGradeThresholds)
	var deductions []string
	for _, it := range c.Items {
		switch {
		case it.NA:
			deductions = append(deductions, it.Name+"不适用")
		case it.Score < it.Points:
			deductions = append(deductions, fmt.Sprintf("%s扣%s分", it.Name, FormatScore(it.Points-it.Score)))
		}
	}
	return fieldsOf(FCheckFacility, c.FacilityName, FCheckChecklist, c.ChecklistName,
		FCheckDate, c.Date.String(), FChecker, c.Checker, FGot, FormatScore(s.Got),
		FMax, FormatScore(s.Max), FStandard, FormatScore(s.Standard), "扣分情况", strings.Join(deductions, "；"))
}

// CheckLabel names a check in the log and the recycle bin.
func CheckLabel(c *Check) string {
	return strings.TrimSpace(c.Date.String() + " " + c.FacilityName)
}

// GradeThresholdFields are the check grade lines as the log keeps them.
func GradeThresholdFields(th GradeThresholds) Fields {
	return fieldsOf(FExcellentLine, FormatScore(th.Excellent), FPassLine, FormatScore(th.Pass))
}

// FacilityFields is a facility as the log keeps it.
func FacilityFields(f *Facility) Fields {
	rooms := ""
	if f.Rooms > 0 {
		rooms = strconv.Itoa(f.Rooms)
	}
	return fieldsOf(FFacilityCategory, f.Category, FFacilityName, f.Name, FLocation, f.Location,
		FManager, f.Manager, FRemark, f.Remark, FRooms, rooms)
}

// fieldsOf makes the log's record of label, value pairs.
func fieldsOf(pairs ...string) Fields {
	fs := make(Fields, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		fs = append(fs, Field{Label: pairs[i], Value: pairs[i+1]})
	}
	return fs
}

// FacilityLabel names a facility in the log: 职工食堂（食堂）.
func FacilityLabel(f *Facility) string { return f.Name + "（" + f.Category + "）" }

// SurveyLabel names a survey in the log and the recycle bin.
func SurveyLabel(s *Survey) string { return s.Period.Label + s.Category + "满意度调查" }

// SurveyFields is a survey as the log keeps it.
func SurveyFields(s *Survey) Fields {
	pairs := []string{FSurveyPeriod, s.Period.From.String() + "至" + s.Period.To.String() + "（" + s.Period.Label + "）",
		FSurveyCategory, s.Category}
	for _, q := range s.Questions {
		counts := make([]string, len(q.Counts))
		for i, c := range q.Counts {
			counts[i] = fmt.Sprintf("%s%d", SurveyAnswers[i], c)
		}
		pairs = append(pairs, q.Text, strings.Join(counts, "、"))
	}
	return fieldsOf(pairs...)
}

// WelfareFields is a 办实事 item as the log keeps it.
func WelfareFields(w *WelfareItem) Fields {
	return fieldsOf(FWelfareTitle, w.Title, FWelfareCategory, w.Category, FWelfareSource, w.Source,
		FProposer, w.Proposer, FProposedDate, w.ProposedDate.String(), FHandler, w.Handler,
		FPlannedDate, w.PlannedDate.String(), FState, w.State, FReason, w.Reason,
		FDoneDate, w.DoneDate.String(), FRating, w.Rating, FCost, fmt.Sprintf("%.2f", w.Cost),
		FInHouse, yesNo(w.InHouse))
}

// OverrideFields is an assessment item's manual override as the log keeps it.
func OverrideFields(item string, o *Override) Fields {
	return fieldsOf(FAssessItem, item, FOverride, FormatScore(o.Score), FOverrideBy, o.By, FOverrideWhy, o.Why)
}

// RecruitFields is a person in the recruitment pipeline as the log keeps it: identity, then each
// step done in one line (date, note), the people, votes, training, 考察 records and extension.
func RecruitFields(r *Recruit, team, group string) Fields {
	pairs := []string{FName, r.Name, FSex, r.Sex, FEthnicity, r.Ethnicity, FIDNumber, r.IDNumber,
		FBirthDate, r.BirthDate.String(), FEducation, r.Education, FTeam, team, FJob, r.Job, FMobile, r.Mobile,
		FRemark, r.Remark}
	for n := 1; n <= RecruitSteps; n++ {
		s := r.Step(n)
		if s.Date.IsZero() && s.Note == "" {
			continue
		}
		pairs = append(pairs, StepName(n), strings.TrimSpace(s.Date.String()+" "+s.Note))
	}
	for _, role := range RecruitRoles {
		if names := r.Names(role.Role); names != "" {
			pairs = append(pairs, role.Role, names)
		}
	}
	if v := r.Vote15.String(); v != "" {
		pairs = append(pairs, "接收预备党员表决", v)
	}
	if v := r.Vote23.String(); v != "" {
		pairs = append(pairs, "转正表决", v)
	}
	if r.TrainDays+r.TrainHours > 0 {
		pairs = append(pairs, FTraining, fmt.Sprintf("%d天、%d学时", r.TrainDays, r.TrainHours))
	}
	if group != "" {
		pairs = append(pairs, FRecruitGroup, group)
	}
	for i, v := range r.Reviews {
		pairs = append(pairs, fmt.Sprintf("考察%d", i+1), strings.TrimSpace(fmt.Sprintf("第%d步 %s %s", v.Step, v.Date, v.Note)))
	}
	if r.ExtendMonths > 0 {
		pairs = append(pairs, FExtension, fmt.Sprintf("%d个月（%s决定）", r.ExtendMonths, r.ExtendDate))
	}
	return fieldsOf(pairs...)
}

// AppraisalFields is a 民主评议党员 as the log keeps it: one line per member.
func AppraisalFields(a *Appraisal) Fields {
	pairs := []string{FAppraisalYear, strconv.Itoa(a.Year), FAppraisalDate, a.Date.String()}
	for _, r := range a.Rows {
		votes := make([]string, len(r.Votes))
		for i, v := range r.Votes {
			votes[i] = fmt.Sprintf("%s%d", VoteLabel(i), v)
		}
		line := strings.Join(votes, "、") + "，" + FAppraisalGrade + "：" + r.Grade
		if r.FollowUp != "" {
			line += "，" + FAppraisalFollowUp + "：" + r.FollowUp
		}
		if r.SelfReview != "" {
			line += "，" + FAppraisalSelf + "：" + r.SelfReview
		}
		pairs = append(pairs, r.Name, line)
	}
	return fieldsOf(pairs...)
}

// TalkFields is a 谈心谈话 as the log keeps it.
func TalkFields(t *Talk) Fields {
	return fieldsOf(FTalkDate, t.Date.String(), FTalker, t.Talker, FTalkSubject, t.Subject, FTalkTeam, t.SubjectTeam,
		FTalkKind, t.Kind, FTalkPlace, t.Place, FTalkContent, t.Content, FTalkIssues, t.Issues, FTalkRecorder, t.Recorder)
}

// EmergencyFields is a 应急防控 record as the log keeps it.
func EmergencyFields(e *Emergency) Fields {
	return fieldsOf(FEmKind, e.Kind, FEmDate, e.Date.String(), FEmSubject, e.Subject, FEmPlace, e.Place,
		FEmMembers, e.MemberNames(), FEmLead, e.Lead, FEmResult, e.Result)
}

// SupplyFields is an emergency supply as the log keeps it.
func SupplyFields(s *Supply) Fields {
	return fieldsOf(FSupName, s.Name, FSupQuantity, strconv.Itoa(s.Quantity), FSupUnit, s.Unit, FSupPlace, s.Place,
		FSupChecked, s.Checked.String(), FSupExpires, s.Expires.String())
}

// ConcernLabel names a concern in the log and the recycle bin: 2026-03-05 张三（综采一队）思想疏导.
func ConcernLabel(c *Concern) string {
	return c.Date.String() + " " + ConcernWorkerText(c) + "思想疏导"
}

// ConcernFields is a 思想疏导 record as the log keeps it.
func ConcernFields(c *Concern) Fields {
	return fieldsOf(FConcernDate, c.Date.String(), FConcernWorker, c.Worker, FConcernTeam, c.Team, FConcernChannel, c.Channel,
		FConcernCategory, c.Category, FConcernSituation, c.Situation, FCounselor, c.Counselor, FConcernMeasures, c.Measures,
		FConcernResult, c.Result, FVisitDate, c.VisitDate.String(), FVisit, c.Visit, FConcernWelfare, c.Welfare)
}

// DecisionFields is a "三重一大" decision as the log keeps it.
func DecisionFields(d *Decision) Fields {
	amount := ""
	if d.Amount != 0 {
		amount = fmt.Sprintf("%.2f", d.Amount)
	}
	return fieldsOf(FDecisionMeeting, d.Meeting, FDecisionActivity, d.Activity, FDecisionDate, d.Date.String(), FDecisionTopic, d.Topic,
		FDecisionCategory, d.Category, FDecisionContent, d.Content, FDecisionAmount, amount,
		FDecisionEntitled, strconv.Itoa(d.Entitled), FDecisionPresent, strconv.Itoa(d.Present), FDecisionVotes, d.VotesText(),
		FDecisionResolution, d.Resolution, FDecisionPublicity, d.Publicity, FDecisionReason, d.Reason, FDecisionExecutor, d.Executor,
		FDecisionDeadline, d.Deadline.String(), FDecisionExecution, d.Execution, FDecisionState, d.State)
}

// DecisionRulesFields are the 三重一大 settings as the log keeps them.
func DecisionRulesFields(r DecisionRules) Fields {
	return fieldsOf(FLargeFund, FormatScore(r.LargeFund), FQuorum, "应到的"+r.Quorum.Text(), FMajority, "超过实到的"+r.Majority.Text())
}

// TalkRulesFields are the talk rules as the log keeps them.
func TalkRulesFields(rules []TalkRule) Fields {
	var pairs []string
	for _, r := range rules {
		pairs = append(pairs, r.Rule, fmt.Sprintf("每%s至少%d次", r.Per, r.AtLeast))
	}
	return fieldsOf(pairs...)
}

// TermFields is a committee term as the log keeps it.
func TermFields(t *CommitteeTerm) Fields {
	members := make([]string, len(t.Members))
	for i, m := range t.Members {
		members[i] = m.Post + " " + m.Name
	}
	return fieldsOf(FTermNumber, strconv.Itoa(t.Number), FTermElected, t.ElectedDate.String(), FTermYears, strconv.Itoa(t.Years),
		FTermMember, strings.Join(members, "、"), FRemark, t.Remark)
}

// ActivityFields is an activity as the log keeps it (names filled in), with its exceptions and
// make-ups in one line each.
func ActivityFields(a *Activity) Fields {
	expected := ""
	if a.ExpectedSet {
		expected = fmt.Sprint(a.ExpectedTyped)
	}
	return fieldsOf(FActKinds, a.KindsText(), FActDate, a.Date.String(), FActStart, a.Start, FActEnd, a.End,
		FActPlace, a.Place, FActTopic, a.Topic, FActHost, a.Host, FActRecorder, a.Recorder, FActLecturer, a.Lecturer,
		FActScope, a.ScopeText(), FActExpected, expected, FActGuests, a.Guests, FActSummary, a.Summary,
		FActResolve, a.Resolutions, FRemark, a.Remark, "缺勤", a.AbsencesText(), "补学", a.MakeUpsText())
}

// BriefingFields is a 班前教育60秒 record as the log keeps it.
func BriefingFields(b *Briefing) Fields {
	return fieldsOf(FBriefTeam, b.Team, FBriefDate, b.Date.String(), FBriefTopic, b.Topic, FBriefCount, fmt.Sprint(b.Count))
}

// PetitionFields is a case as the log keeps it.
func PetitionFields(p *Petition) Fields {
	return fieldsOf(FPetitionDate, p.Date.String(), FPetitioner, p.Petitioner, FPetitionTeam, p.Team, FPetitionCategory, p.Category,
		FPetitionContent, p.Content, FPetitionRisk, p.Risk, FKeepers, p.KeepersText(), FPetitionMeasures, p.Measures,
		FPetitionDeadline, p.Deadline.String(), FPetitionState, p.State, FResolvedDate, p.Resolved.String(),
		FPetitionResult, p.Result, FEscalated, yesNo(p.Escalated))
}

// ScreeningFields is a screening as the log keeps it.
func ScreeningFields(s *Screening) Fields {
	return fieldsOf(FScreeningDate, s.Date.String(), FScreeningScope, s.ScopeText(), FScreeners, s.ScreenersText(),
		FFactors, strconv.Itoa(s.Factors), FFactorText, s.FactorText)
}
