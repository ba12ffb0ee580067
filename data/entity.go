package data

import (
	"context"
	"slices"
)

// Entity is one kind of stored record, declared once: the table that holds it, what users call
// it, how the operation log and the recycle bin name it, and how the file check re-validates it.
// The recycle bin, the file check, the log's filter and consolidation all read Entities, so a new
// ledger adds its tables here and nowhere else (and its logged fields and label beside the others
// in logfields.go: <Kind>Fields, <Kind>Label).
type Entity struct {
	Table   string // its table in the data file
	Noun    string // what one row is called in messages: 党员
	Measure string // the noun's measure word: 名 (3 名党员)
	// Log is the record kind in the operation log and the recycle bin (one of the Ent… constants);
	// "" for rows logged as part of another record (an inspection's inspectors) or not at all.
	Log string
	// Scope says whether a branch's package carries the rows (see Scope…).
	Scope string
	// Stat, when set, is the column of 各党支部统计表 (C1, branch-stats) counting a branch's rows whose
	// Dated column (a date) lies in the period: 组织生活, 三重一大 ….
	Stat, Dated string
	// verify re-validates the saved records; nil when the schema alone holds the entity's rules.
	verify func(ctx context.Context, s Store, today Date) ([]recordError, error)
}

// Record kinds of the operation log and the recycle bin.
const (
	EntBranch         = "支部"
	EntGroup          = "党小组"
	EntTeam           = "班组"
	EntMember         = "党员"
	EntInspection     = "督查记录"
	EntFinding        = "问题"
	EntOption         = "选项"
	EntKeyPost        = "重点岗位"
	EntFacility       = "设施"
	EntChecklist      = "评分表"
	EntCheck          = "两堂一舍检查"
	EntWelfare        = "办实事事项"
	EntSurvey         = "满意度调查"
	EntGrades         = "等次分数线"
	EntAssessTemplate = "考核表"
	EntAssessment     = "考核"
	EntPointEntry     = "党员积分"
	EntRecruit        = "发展党员"
	EntAppraisal      = "民主评议党员"
	EntTalk           = "谈心谈话"
	EntTalkRule       = "谈话规则"
	EntTerm           = "支委会换届"
	EntDataFile       = "数据文件"
	EntActivity       = "组织生活"
	EntBriefing       = "班前教育"
	EntOrgRule        = "组织生活规则"
	EntPackage        = "上报数据包"
	EntBin            = "回收站"
	EntDues           = "党费"
	EntDuesRates      = "党费比例表"
	EntDuesBase       = "党费基数"
	EntDuesRelief     = "党费减免"
	EntDuesExtra      = "自愿多交党费"
	EntDuesMonth      = "党费月份"
	EntEmergency      = "应急防控"
	EntSupply         = "应急物资"
	EntConcern        = "思想疏导"
	EntDecision       = "三重一大事项"
)

// StatEntities are the entities counted per branch in 各党支部统计表 (Entity.Stat), in Entities order.
func StatEntities() []Entity {
	var out []Entity
	for _, e := range Entities {
		if e.Stat != "" {
			out = append(out, e)
		}
	}
	return out
}

// Scopes of an entity's rows.
const (
	ScopeBranch  = "branch"  // a branch's records: exported in its package, copied when consolidating
	ScopeShared  = "shared"  // lists of the file merged by value when consolidating (选项, 重点岗位)
	ScopeProgram = "program" // the program's own bookkeeping (settings, log, bin): never exported
)

// recordError is a broken rule of one saved record, ref naming the record after its noun.
type recordError struct {
	ref string
	err FieldError
}

// Entities are the stored records, parents before their children.
var Entities = []Entity{
	{Table: "branch", Noun: "党支部", Measure: "个", Log: EntBranch, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Branch, error) {
			b, err := s.Branch(ctx)
			if err != nil || b.Name == "" {
				return nil, err // a new file's branch is filled in on first start
			}
			return []Branch{b}, nil
		}, func(b *Branch) string { return quoted(b.Name) }, noDay(ValidateBranch))},
	{Table: "party_group", Noun: "党小组", Measure: "个", Log: EntGroup, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Group, error) { return s.Groups(ctx) },
			func(g *Group) string { return quoted(g.Name) }, noDay(ValidateGroup))},
	{Table: "team", Noun: "班组", Measure: "个", Log: EntTeam, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Team, error) { return s.Teams(ctx) },
			func(t *Team) string { return quoted(t.Name) }, noDay(ValidateTeam))},
	{Table: "member", Noun: "党员", Measure: "名", Log: EntMember, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Member, error) {
			return s.Members(ctx, MemberFilter{IncludeLeft: true})
		}, func(m *Member) string { return quoted(m.Name) + "（身份证号 " + m.IDNumber + "）" }, ValidateMember)},
	{Table: "key_post", Noun: "重点岗位", Measure: "个", Log: EntKeyPost, Scope: ScopeShared},
	{Table: "option_list", Noun: "选项", Measure: "个", Log: EntOption, Scope: ScopeShared},
	{Table: "inspection", Noun: "督查记录", Measure: "条", Log: EntInspection, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Inspection, error) {
			return s.Inspections(ctx, InspectionFilter{})
		}, func(in *Inspection) string { return "（" + in.Date.String() + " " + in.Unit + "）" }, ValidateInspection)},
	{Table: "inspector", Noun: "督查组成员", Measure: "名", Scope: ScopeBranch},
	// Before finding: a finding may name the emergency record it was raised from.
	{Table: "emergency", Noun: "应急防控记录", Measure: "条", Log: EntEmergency, Scope: ScopeBranch, Stat: "应急防控", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Emergency, error) { return s.Emergencies(ctx, EmergencyFilter{}) },
			func(e *Emergency) string { return quoted(EmergencyLabel(e)) }, ValidateEmergency)},
	{Table: "emergency_member", Noun: "参加党员", Measure: "名", Scope: ScopeBranch},
	{Table: "supply", Noun: "应急物资", Measure: "项", Log: EntSupply, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Supply, error) { return s.Supplies(ctx) },
			func(x *Supply) string { return quoted(SupplyLabel(x)) }, ValidateSupply)},
	{Table: "finding", Noun: "问题", Measure: "个", Log: EntFinding, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Finding, error) {
			fs, err := s.Findings(ctx, FindingFilter{})
			// An inspection's findings are checked with their inspection.
			return slices.DeleteFunc(fs, func(f Finding) bool { return f.InspectionID != 0 }), err
		}, func(f *Finding) string { return quoted(FindingLabel(f)) + "（" + f.FoundDate.String() + " 发现）" }, ValidateFinding)},
	{Table: "finding_history", Noun: "办理记录", Measure: "条", Scope: ScopeBranch},
	{Table: "facility", Noun: "设施", Measure: "处", Log: EntFacility, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Facility, error) { return s.Facilities(ctx, "") },
			func(f *Facility) string { return quoted(f.Name) }, noDay(ValidateFacility))},
	{Table: "template", Noun: "评分表", Measure: "张", Log: EntChecklist, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Checklist, error) { return s.Checklists(ctx, "") },
			func(t *Checklist) string { return quoted(t.Name) }, noDay(ValidateChecklist))},
	{Table: "template_item", Noun: "评分项目", Measure: "项", Scope: ScopeBranch},
	{Table: "facility_check", Noun: "两堂一舍检查", Measure: "次", Log: EntCheck, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Check, error) { return s.Checks(ctx, CheckFilter{}) },
			func(c *Check) string { return "（" + CheckLabel(c) + "）" }, ValidateCheck)},
	{Table: "check_item", Noun: "检查项目得分", Measure: "项", Scope: ScopeBranch},
	{Table: "welfare_item", Noun: "办实事事项", Measure: "件", Log: EntWelfare, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]WelfareItem, error) { return s.WelfareItems(ctx, WelfareFilter{}) },
			func(w *WelfareItem) string { return quoted(w.Title) }, ValidateWelfareItem)},
	{Table: "welfare_history", Noun: "办理记录", Measure: "条", Scope: ScopeBranch},
	{Table: "survey", Noun: "满意度调查", Measure: "次", Log: EntSurvey, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Survey, error) { return s.Surveys(ctx, SurveyFilter{}) },
			func(v *Survey) string { return quoted(v.Period.Label + v.Category) }, noDay(ValidateSurvey))},
	{Table: "survey_question", Noun: "调查问题", Measure: "个", Scope: ScopeBranch},
	{Table: "assess_template", Noun: "考核表", Measure: "张", Log: EntAssessTemplate, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]AssessTemplate, error) { return s.AssessTemplates(ctx, "") },
			func(t *AssessTemplate) string { return quoted(t.Name) }, noDay(ValidateAssessTemplate))},
	{Table: "assess_template_item", Noun: "考核项目", Measure: "项", Scope: ScopeBranch},
	{Table: "assessment", Noun: "考核", Measure: "次", Log: EntAssessment, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Assessment, error) {
			return s.Assessments(ctx, AssessmentFilter{})
		},
			func(a *Assessment) string { return quoted(AssessmentLabel(a)) }, noDay(ValidateAssessment))},
	{Table: "assessment_item", Noun: "考核项目得分", Measure: "项", Scope: ScopeBranch},
	{Table: "dues_rate", Noun: "党费比例", Measure: "档", Log: EntDuesRates, Scope: ScopeBranch},
	{Table: "dues_base", Noun: "党费计算基数", Measure: "条", Log: EntDuesBase, Scope: ScopeBranch, verify: verifyDuesBases},
	{Table: "dues_relief", Noun: "党费减免", Measure: "条", Log: EntDuesRelief, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]DuesRelief, error) { return s.DuesReliefs(ctx, 0) },
			func(r *DuesRelief) string {
				return quoted(r.MemberName + " " + r.From.String() + "至" + r.To.String())
			}, noDay(ValidateDuesRelief))},
	{Table: "dues_payment", Noun: "党费缴纳记录", Measure: "笔", Log: EntDues, Scope: ScopeBranch},
	{Table: "dues_extra", Noun: "自愿多交党费", Measure: "笔", Log: EntDuesExtra, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]DuesExtra, error) { return s.DuesExtras(ctx, 0) },
			func(e *DuesExtra) string { return quoted(e.MemberName + " " + e.Date.String()) }, ValidateDuesExtra)},
	{Table: "dues_month", Noun: "党费收缴月份", Measure: "个", Log: EntDuesMonth, Scope: ScopeBranch},
	{Table: "point_entry", Noun: "积分明细", Measure: "条", Log: EntPointEntry, Scope: ScopeBranch, verify: verifyPoints},
	{Table: "recruit", Noun: "入党申请人", Measure: "名", Log: EntRecruit, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Recruit, error) { return s.Recruits(ctx) },
			func(r *Recruit) string { return quoted(r.Name) + "（身份证号 " + r.IDNumber + "）" }, ValidateRecruit)},
	{Table: "recruit_step", Noun: "发展步骤", Measure: "步", Scope: ScopeBranch},
	{Table: "recruit_person", Noun: "培养联系人和入党介绍人", Measure: "名", Scope: ScopeBranch},
	{Table: "recruit_review", Noun: "考察记录", Measure: "条", Scope: ScopeBranch},
	{Table: "appraisal", Noun: "民主评议党员", Measure: "次", Log: EntAppraisal, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Appraisal, error) { return s.Appraisals(ctx) },
			func(a *Appraisal) string { return quoted(AppraisalLabel(a)) }, ValidateAppraisal)},
	{Table: "appraisal_member", Noun: "评议结果", Measure: "条", Scope: ScopeBranch},
	{Table: "talk", Noun: "谈心谈话记录", Measure: "条", Log: EntTalk, Scope: ScopeBranch, Stat: "谈心谈话", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Talk, error) { return s.Talks(ctx, TalkFilter{}) },
			func(t *Talk) string { return quoted(TalkLabel(t)) }, ValidateTalk)},
	{Table: "talk_rule", Noun: "谈话规则", Measure: "条", Log: EntTalkRule, Scope: ScopeBranch},
	{Table: "committee_term", Noun: "支委会届次", Measure: "届", Log: EntTerm, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]CommitteeTerm, error) { return s.Terms(ctx) },
			func(t *CommitteeTerm) string { return quoted(TermLabel(t)) }, ValidateCommitteeTerm)},
	{Table: "term_member", Noun: "支委会委员", Measure: "名", Scope: ScopeBranch},
	{Table: "activity", Noun: "组织生活", Measure: "次", Log: EntActivity, Scope: ScopeBranch, Stat: "组织生活", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Activity, error) { return s.Activities(ctx, ActivityFilter{}) },
			func(a *Activity) string { return quoted(ActivityLabel(a)) }, ValidateActivity)},
	{Table: "activity_absence", Noun: "缺勤登记", Measure: "条", Scope: ScopeBranch},
	{Table: "activity_makeup", Noun: "补学记录", Measure: "条", Scope: ScopeBranch},
	{Table: "briefing", Noun: "班前教育", Measure: "次", Log: EntBriefing, Scope: ScopeBranch},
	{Table: "org_rule", Noun: "组织生活规则", Measure: "条", Log: EntOrgRule, Scope: ScopeShared},
	{Table: "screening", Noun: "矛盾排查", Measure: "次", Log: EntScreening, Scope: ScopeBranch,
		verify: rules(func(ctx context.Context, s Store) ([]Screening, error) { return s.Screenings(ctx, PetitionFilter{}) },
			func(v *Screening) string { return quoted(ScreeningLabel(v)) }, ValidateScreening)},
	{Table: "screening_member", Noun: "排查人", Measure: "名", Scope: ScopeBranch},
	{Table: "petition", Noun: "信访事项", Measure: "件", Log: EntPetition, Scope: ScopeBranch, Stat: "信访事项", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Petition, error) { return s.Petitions(ctx, PetitionFilter{}) },
			func(p *Petition) string { return quoted(PetitionLabel(p)) }, ValidatePetition)},
	{Table: "petition_keeper", Noun: "包保责任人", Measure: "名", Scope: ScopeBranch},
	{Table: "concern", Noun: "思想疏导记录", Measure: "条", Log: EntConcern, Scope: ScopeBranch, Stat: "思想疏导", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Concern, error) { return s.Concerns(ctx, ConcernFilter{}) },
			func(c *Concern) string { return quoted(ConcernLabel(c)) }, ValidateConcern)},
	{Table: "decision", Noun: "“三重一大”决策事项", Measure: "项", Log: EntDecision, Scope: ScopeBranch, Stat: "三重一大", Dated: "date",
		verify: rules(func(ctx context.Context, s Store) ([]Decision, error) { return s.Decisions(ctx, DecisionFilter{}) },
			func(d *Decision) string { return quoted(d.Date.String() + " " + d.Topic) }, ValidateDecision)},
	// The settings hold the 两堂一舍 grade lines, the one setting users change and the log shows.
	{Table: "setting", Noun: "设置", Measure: "项", Log: EntGrades, Scope: ScopeProgram},
	{Table: "op_log", Noun: "操作日志", Measure: "条", Scope: ScopeProgram},
	{Table: "recycle_bin", Noun: "回收站记录", Measure: "项", Log: EntBin, Scope: ScopeProgram},
}

// EntityOf is the entity stored in table; ok is false for a table no entity declares.
func EntityOf(table string) (Entity, bool) {
	i := slices.IndexFunc(Entities, func(e Entity) bool { return e.Table == table })
	if i < 0 {
		return Entity{}, false
	}
	return Entities[i], true
}

// TableNoun is the Chinese noun and measure word of table's rows; an undeclared table (a test's
// fixture) gets a generic one, never its name.
func TableNoun(table string) (noun, measure string) {
	if e, ok := EntityOf(table); ok {
		return e.Noun, e.Measure
	}
	return "相关记录", "条"
}

// Verify re-validates the entity's saved records in s: one Chinese line per broken rule, naming the
// record (设施「一号食堂」：名称：…). An error means the records could not be read.
func (e *Entity) Verify(ctx context.Context, s Store, today Date) ([]string, error) {
	if e.verify == nil {
		return nil, nil
	}
	found, err := e.verify(ctx, s, today)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = e.Noun + f.ref + "：" + f.err.Label() + "：" + f.err.Message
	}
	return out, nil
}

// rules is the verify of an entity: load its records, name each, validate each.
func rules[T any](load func(context.Context, Store) ([]T, error), name func(*T) string,
	validate func(*T, Date) FieldErrors) func(context.Context, Store, Date) ([]recordError, error) {
	return func(ctx context.Context, s Store, today Date) ([]recordError, error) {
		recs, err := load(ctx, s)
		if err != nil {
			return nil, err
		}
		var out []recordError
		for i := range recs {
			for _, fe := range validate(&recs[i], today) {
				out = append(out, recordError{name(&recs[i]), fe})
			}
		}
		return out, nil
	}
}

// noDay adapts a validator that does not depend on the day.
func noDay[T any](v func(*T) FieldErrors) func(*T, Date) FieldErrors {
	return func(r *T, _ Date) FieldErrors { return v(r) }
}

func quoted(s string) string { return "「" + s + "」" }

// verifyPoints checks the manual point entries against the branch's 党员积分 catalogue, as saving
// them does; generated entries follow their records.
func verifyPoints(ctx context.Context, s Store, today Date) ([]recordError, error) {
	ts, err := s.AssessTemplates(ctx, AssessMemberPoints)
	if err != nil || len(ts) == 0 {
		return nil, err
	}
	t := ts[0]
	for _, c := range ts[1:] {
		if c.ID < t.ID {
			t = c // saving uses the first one made
		}
	}
	es, err := s.PointEntries(ctx, PointFilter{})
	if err != nil {
		return nil, err
	}
	var out []recordError
	for i := range es {
		if es[i].Generated {
			continue
		}
		for _, fe := range ValidatePointEntry(&es[i], &t, today) {
			out = append(out, recordError{quoted(PointEntryLabel(&es[i])), fe})
		}
	}
	return out, nil
}
