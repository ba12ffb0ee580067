package catalog

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"branchledger/data"
	"branchledger/reports"
)

// reportList is the catalogue, in the order it is shown.
var reportList = []*Report{
	{
		ID: "R1", CLI: "members", Title: "党员花名册", Fills: true,
		Description: "在册党员的标准花名册（党员信息采集表的各项），也是导入党员时使用的格式。在汇总库上导出各党支部的花名册。",
		load:        loadRoster,
	},
	{
		ID: "R1b", CLI: "distribution", Title: "党员分布表", Scope: BranchFile,
		Description: "在册党员所在的党小组、班组、岗位、党内职务、重点岗位和督查队伍。",
		load:        loadDistribution,
	},
	{
		ID: "R2", CLI: "inspections", Title: "党员督查检查台账", Period: ThisMonth, Scope: BranchFile,
		Description: "期间内的每次督查及其发现的问题、整改和销号情况（每个问题一行）。",
		load:        loadInspections,
	},
	{
		ID: "R3", CLI: "rectifications", Title: "问题整改销号台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Options:     []Option{OptTeam, OptCategory},
		Description: "期间内发现的全部问题（督查、两堂一舍检查及其他来源）的整改和销号情况，可按班组、问题类别筛选。",
		load:        loadRectifications,
	},
	{
		ID: "R4", CLI: "monthly-review", Title: "月度讲评表", Period: ThisMonth, Scope: BranchFile,
		Description: "月讲评会上使用：督查次数、发现问题、销号率、逾期，按问题类别和班组的统计，以及未销号的问题清单。",
		load:        loadReview,
	},
	{
		ID: "R5", CLI: "welfare-check", Title: "两堂一舍检查评分表", Scope: BranchFile, Options: []Option{OptCheck},
		Description: "一次食堂、澡堂、宿舍等设施检查的评分表：每项的分值、得分和扣分原因，实得分、标化分和等次。",
		load:        loadCheckSheet,
	},
	{
		ID: "R6", CLI: "welfare-summary", Title: "两堂一舍检查汇总表", Period: ThisMonth, Scope: BranchFile,
		Description: "期间内食堂、澡堂、宿舍等设施的每次检查：标化分、等次、扣分项数和不合格的关键项，以及按类别的汇总。",
		load:        loadCheckSummary,
	},
	{
		ID: "R7", CLI: "welfare-items", Title: "办实事(福利事项)台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内提出的办实事和职工诉求：承办人、计划完成日期、办理状态、职工评价和费用（逾期未办结的标红）。",
		load:        loadWelfareItems,
	},
	{
		ID: "R8", CLI: "branch-assessment", Title: "支部月度考核表", Period: ThisMonth, MonthOnly: true, Scope: BranchFile,
		Description: "“十个靠前”支部月度考核：各项的分值、完成情况、扣分原因和得分，总分和等次。该月还没有保存的考核时，导出按台账汇总的草稿。",
		load:        loadBranchAssessment,
	},
	{
		ID: "R9", CLI: "member-points", Title: "党员积分考核汇总表", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内（通常为全年）每名党员的基础分、扣分、加分、总分、等次和名次，以及积分明细。",
		load:        loadMemberPoints,
	},
	{
		ID: "R10", CLI: "three-in-one", Title: "“三位一体”考核表", Period: ThisYear, Scope: BranchFile,
		Description: "期间内保存的管理人员和重点岗位党员“三位一体”考核：党建、安全、生产经营得分，总分和等次。",
		load:        loadThreeInOne,
	},
	{
		ID: "R11", CLI: "satisfaction", Title: "满意度调查统计表", Period: ThisYear, Scope: BranchFile,
		Description: "调查期间与所选期间有重叠的满意度调查：各问题的回答人数和满意率，每次调查一张表。",
		load:        loadSurveys,
	},
	{
		ID: "R12", CLI: "org-life", Title: "组织生活记录台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内的三会一课、主题党日和学习：类别、主题、主持人、参加范围、应到实到、缺席人员及原因、补学情况（也是导入会议记录台账的格式）。",
		load:        loadActivities,
	},
	{
		ID: "R12a", CLI: "minutes", Title: "会议记录", Scope: BranchFile, Options: []Option{OptActivity},
		Description: "一次组织生活的会议记录：类别、日期、时间、地点、主持人、记录人、应到实到、缺席人员、主题、内容摘要和决议事项，主持人和记录人签字。",
		load:        loadMinutes,
	},
	{
		ID: "R13", CLI: "attendance", Title: "党员参加组织生活情况统计表", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内每名党员应参加、出席、请假、缺席和补学的次数及出席率（只计党员当天在册且在参加范围内的活动）。",
		load:        loadAttendance,
	},
	{
		ID: "R14", CLI: "org-life-plan", Title: "组织生活落实情况表", Period: ThisYear, Scope: BranchFile,
		Description: "一年中每条组织生活规则（每个党小组一行）每月召开的次数、全年应开和实开，周期结束仍未召开的标“未开”（红色）。",
		load:        loadOrgLifePlan,
	},
	{
		ID: "R15", CLI: "appraisal", Title: "民主评议党员结果汇总表", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "一个年度的民主评议党员：每名党员的优秀、合格、基本合格、不合格票数和评定等次，以及基本合格、不合格党员的帮扶措施。",
		load:        loadAppraisal,
	},
	{
		ID: "R16", CLI: "talks", Title: "谈心谈话记录台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内的谈心谈话：日期、谈话人、谈话对象、类型、主要内容、反映的问题和记录人。",
		load:        loadTalks,
	},
	{
		ID: "R17", CLI: "decisions", Title: "“三重一大”事项决策台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内的“三重一大”决策事项：会议、议题、事项类别、金额、应到实到、表决结果、决定事项和执行情况；不足法定人数、未过半数、大额资金未按规定决策和执行逾期的标红。",
		load:        loadDecisions,
	},
	{
		ID: "R18", CLI: "concerns", Title: "职工思想疏导台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内的职工思想疏导：职工、班组、渠道、类别、反映情况、疏导人、疏导措施、结果和回访情况（逾期未回访的标红）。",
		load:        loadConcerns,
	},
	{
		ID: "R19", CLI: "emergencies", Title: "应急防控工作台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内的应急演练和突发事件处置：日期、类型、事项、参加党员（标明党员突击队）、带头情况和结果；另附应急物资储备表（过期、缺失的标红）。",
		load:        loadEmergencies,
	},
	{
		ID: "R20", CLI: "petitions", Title: "信访维稳排查化解台账", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "期间内登记的信访事项：信访人、诉求、风险等级、包保责任人、化解措施、办理期限和状态（逾期未化解、越级上访的标红），以及矛盾排查记录。",
		load:        loadPetitions,
	},
	{
		ID: "R21", CLI: "dues", Title: "党费收缴登记表", Period: ThisYear, Scope: BranchFile, Fills: true,
		Description: "全年每名党员的缴费类别、计算基数、比例、月应缴，1至12月的实缴金额、合计和欠缴月数。",
		load:        loadDuesYear,
	},
	{
		ID: "R22", CLI: "dues-summary", Title: "党费收缴情况汇总表", Period: ThisMonth, Scope: BranchFile,
		Description: "一个月或全年按党小组和合计的应缴、实缴、欠缴人数和金额。",
		load:        loadDuesSummary,
	},
	{
		ID: "R23", CLI: "recruitment", Title: "发展党员工作台账", Scope: BranchFile, Fills: true,
		Description: "每名入党申请人的申请、确定积极分子、确定发展对象、接收预备党员和转正日期，培养联系人、入党介绍人，当前阶段和下一步的期限（逾期的标红）。",
		load:        loadRecruitment,
	},
	{
		ID: "R24", CLI: "recruitment-record", Title: "发展党员纪实表", Scope: BranchFile, Options: []Option{OptPerson},
		Description: "一名入党申请人从递交入党申请书到材料归档的25个步骤：每步的日期、有关人员、表决情况和情况记录。",
		load:        loadRecruitRecord,
	},
	{
		ID: "C1", CLI: "branch-stats", Title: "各党支部工作统计表", Period: ThisMonth, Scope: Consolidated,
		Description: "汇总库中各党支部期间内的督查次数、发现问题、销号和逾期。",
		load:        loadBranchStats,
	},
	{
		ID: "C2", CLI: "branch-ranking", Title: "各党支部考核排名表", Period: ThisYear, Scope: Consolidated,
		Description: "汇总库中各党支部按期间内支部月度考核的平均得分排名。",
		load:        loadBranchRanking,
	},
}

func loadRoster(ctx context.Context, st data.Store, in *Input) (Result, error) {
	cons, err := data.IsConsolidated(ctx, st)
	if err != nil {
		return Result{}, err
	}
	if cons {
		rosters, committee, n, err := reports.LoadConsolidatedRoster(ctx, exchange(st))
		if err != nil {
			return Result{}, err
		}
		meta := committeeMeta(in, committee)
		return Result{Meta: meta,
			Write:   func(w io.Writer) error { return reports.WriteConsolidatedRoster(w, meta, rosters) },
			Summary: fmt.Sprintf(" %d 个党支部的 %d 名党员（汇总）", len(rosters), n),
		}, nil
	}
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteRoster(w, meta, ms) },
		Table:   func() ([]string, [][]any) { return reports.RosterTable(meta, ms) },
		Summary: fmt.Sprintf(" %d 名党员", len(ms)),
	}, nil
}

func loadDistribution(ctx context.Context, st data.Store, in *Input) (Result, error) {
	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return Result{}, err
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return Result{}, err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return Result{}, err
	}
	rows, meta := reports.DistributionRows(ms, groups, teams), in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteDistribution(w, meta, rows) },
		Summary: fmt.Sprintf(" %d 名党员", len(ms)),
	}, nil
}

func loadInspections(ctx context.Context, st data.Store, in *Input) (Result, error) {
	ins, err := st.Inspections(ctx, data.InspectionFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return Result{}, err
	}
	rows, meta := reports.InspectionRows(ins, teams, in.Meta.Date), in.Meta
	findings := 0
	for _, x := range ins {
		findings += len(x.Findings)
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteInspections(w, meta, rows) },
		Summary: fmt.Sprintf("%s的党员督查检查台账（%d 次督查，发现问题 %d 个）", in.Period.Label, len(ins), findings),
	}, nil
}

// loadRectifications lists the findings found in the period, narrowed by team and category; states
// and lateness are today's (the only ones stored), as the sheet says.
func loadRectifications(ctx context.Context, st data.Store, in *Input) (Result, error) {
	teams, err := st.Teams(ctx)
	if err != nil {
		return Result{}, err
	}
	filter := data.FindingFilter{From: in.Period.From, To: in.Period.To, TeamID: in.TeamID}
	printed := reports.RectificationFilter{Team: in.Team}
	if in.Team != "" && in.TeamID == 0 {
		names := make([]string, len(teams))
		for i, t := range teams {
			names[i] = t.Name
		}
		if printed.Team, err = pickName("班组", in.Team, names); err != nil {
			return Result{}, err
		}
		filter.TeamID = teams[slices.Index(names, printed.Team)].ID
	}
	if in.Category != "" {
		cats, err := Categories(ctx, st)
		if err != nil {
			return Result{}, err
		}
		if printed.Category, err = pickName("问题类别", in.Category, cats); err != nil {
			return Result{}, err
		}
		filter.Category = printed.Category
	}
	fs, err := st.Findings(ctx, filter)
	if err != nil {
		return Result{}, err
	}
	rows, meta := reports.FindingRows(fs, teams, in.Meta.Date), in.Meta
	overdue := 0
	for _, r := range rows {
		if r.OverdueDays > 0 {
			overdue++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteRectifications(w, meta, printed, rows) },
		Table:   func() ([]string, [][]any) { return reports.RectificationsTable(rows) },
		Summary: fmt.Sprintf("%s的问题整改销号台账（%d 个问题，其中逾期 %d 个）", in.Period.Label, len(rows), overdue),
	}, nil
}

// loadReview works out the period's figures from its inspections and every finding found by its
// end (those found earlier and still open count as 未销号).
func loadReview(ctx context.Context, st data.Store, in *Input) (Result, error) {
	ins, err := st.Inspections(ctx, data.InspectionFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	fs, err := st.Findings(ctx, data.FindingFilter{To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return Result{}, err
	}
	cats, err := Categories(ctx, st)
	if err != nil {
		return Result{}, err
	}
	s := data.ComputeFindingStats(in.Period, in.Meta.Date, ins, fs, cats, teams)
	open, meta := reports.OpenFindingRows(fs, teams, s.AsOf), in.Meta
	return Result{
		Write: func(w io.Writer) error { return reports.WriteMonthlyReview(w, meta, s, open) },
		Summary: fmt.Sprintf("%s的月度讲评表（督查 %d 次，发现问题 %d 个，未销号 %d 个，逾期 %d 个）",
			in.Period.Label, s.Inspections, s.New, s.Open, s.Overdue),
	}, nil
}

// recentChecks is how many checks an unknown check id lists, so that the user can pick one.
const recentChecks = 5

// loadCheckSheet is R5 of check in.CheckID, scored with the configured thresholds.
func loadCheckSheet(ctx context.Context, st data.Store, in *Input) (Result, error) {
	if in.CheckID <= 0 {
		return Result{}, unknownCheck(ctx, st, "请指定要导出的检查记录（命令行用 --check 编号，例如 --check 12）")
	}
	check, err := st.Check(ctx, in.CheckID)
	if data.ErrorCode(err) == data.ENotFound {
		return Result{}, unknownCheck(ctx, st, fmt.Sprintf("编号为 %d 的检查记录不存在", in.CheckID))
	}
	if err != nil {
		return Result{}, err
	}
	th, err := st.GradeThresholds(ctx)
	if err != nil {
		return Result{}, err
	}
	score, meta := check.Score(th), in.Meta
	return Result{
		Write: func(w io.Writer) error { return reports.WriteCheckSheet(w, meta, check, th) },
		Summary: fmt.Sprintf("%s的两堂一舍检查评分表（%s，标化分 %.1f，%s）", check.FacilityName, check.Date,
			score.Standard, score.Grade),
	}, nil
}

// unknownCheck is msg with the latest checks listed, so that the user can pick one.
func unknownCheck(ctx context.Context, st data.Store, msg string) error {
	checks, err := st.Checks(ctx, data.CheckFilter{})
	if err != nil {
		return err
	}
	if len(checks) == 0 {
		return data.Errorf(data.EInvalid, msg+"：数据文件中还没有两堂一舍检查记录")
	}
	var latest []string
	for i := len(checks) - 1; i >= 0 && len(latest) < recentChecks; i-- { // listed oldest first
		ch := checks[i]
		latest = append(latest, fmt.Sprintf("%d（%s %s）", ch.ID, ch.Date, ch.FacilityName))
	}
	return data.Errorf(data.EInvalid, msg+"；最近的检查记录有："+strings.Join(latest, "、"))
}

func loadCheckSummary(ctx context.Context, st data.Store, in *Input) (Result, error) {
	checks, err := st.Checks(ctx, data.CheckFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	th, err := st.GradeThresholds(ctx)
	if err != nil {
		return Result{}, err
	}
	rows, meta := reports.CheckSummaryRows(checks, th), in.Meta
	failed := 0
	for _, r := range rows {
		if r.Score.Grade == data.GradeFail {
			failed++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteCheckSummary(w, meta, rows) },
		Summary: fmt.Sprintf("%s的两堂一舍检查汇总表（%d 次检查，其中不合格 %d 次）", in.Period.Label, len(rows), failed),
	}, nil
}

// loadWelfareItems is R7 for the items proposed in the period; states and lateness are today's,
// as the sheet says.
func loadWelfareItems(ctx context.Context, st data.Store, in *Input) (Result, error) {
	items, err := st.WelfareItems(ctx, data.WelfareFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	today, meta := in.Meta.Date, in.Meta
	overdue := 0
	for i := range items {
		if items[i].OverdueDays(today) > 0 {
			overdue++
		}
	}
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteWelfareItems(w, meta, items) },
		Table:   func() ([]string, [][]any) { return reports.WelfareItemsTable(items, today) },
		Summary: fmt.Sprintf("%s的办实事（福利事项）台账（%d 项，其中逾期 %d 项）", in.Period.Label, len(items), overdue),
	}, nil
}

// loadBranchAssessment is R8 of the month's saved A1 assessment; without one, a draft made from the
// file's first A1 form (the default when there is none) and the month's ledgers, marked as such on
// paper and in the notice.
func loadBranchAssessment(ctx context.Context, st data.Store, in *Input) (Result, error) {
	p := in.Period
	saved, err := st.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly, From: p.From, To: p.To})
	if err != nil {
		return Result{}, err
	}
	var a *data.Assessment
	for i := range saved {
		if saved[i].Period.From == p.From && saved[i].Period.To == p.To {
			a = &saved[i]
			break
		}
	}
	var res Result
	if a == nil {
		if a, err = DraftA1(ctx, st, p, in.Meta.Date); err != nil {
			return res, err
		}
		res.Notice = p.Label + "还没有保存的支部月度考核：以下是按台账自动汇总的草稿，人工评分项暂按满分计；请在程序的“考核”中评分并保存后再正式打印"
	}
	s := data.ScoreAssessment(a)
	res.Summary = fmt.Sprintf("%s的支部月度考核表（总分 %s 分，%s）", p.Label, data.FormatScore(s.Total), s.Grade)
	if res.Notice != "" {
		res.Summary = "（草稿）" + res.Summary
	}
	meta, sheet := in.Meta, *a
	res.Write = func(w io.Writer) error { return reports.WriteBranchAssessment(w, meta, sheet) }
	return res, nil
}

// DraftA1 is a fresh A1 assessment of the branch for month p: the file's first A1 form (the
// default when there is none) with the ledgers' evidence applied; its name says 草稿.
func DraftA1(ctx context.Context, st data.Store, p data.Period, today data.Date) (*data.Assessment, error) {
	b, err := st.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return nil, err
	}
	ts, err := st.AssessTemplates(ctx, data.AssessBranchMonthly)
	if err != nil {
		return nil, err
	}
	t := data.DefaultA1Template()
	if len(ts) > 0 {
		t = ts[0]
	}
	ev, refs, err := st.A1Evidence(ctx, p, today)
	if err != nil {
		return nil, err
	}
	a := data.NewAssessment(&t, b.ID, b.Name, p)
	a.ApplyA1Evidence(ev, refs)
	a.TemplateName += "（草稿）"
	a.Draft = true
	return &a, nil
}

// loadMemberPoints is R9 for the period (normally a year), the generated entries of its years first
// brought into step with the ledgers when the file may be written.
func loadMemberPoints(ctx context.Context, st data.Store, in *Input) (Result, error) {
	v, err := data.LoadPoints(ctx, st, in.Period, in.Writable)
	if err != nil {
		return Result{}, err
	}
	rows, entries, groups, meta := v.Rows, v.Entries, v.Groups, in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteMemberPoints(w, meta, rows, entries, groups) },
		Table:   func() ([]string, [][]any) { return reports.MemberPointsTable(rows, groups) },
		Summary: fmt.Sprintf("%s的党员积分考核汇总表（%d 名党员，积分明细 %d 条）", in.Period.Label, len(rows), len(entries)),
	}, nil
}

// loadThreeInOne is R10 from the A3 assessments saved for the period (of exactly that period, so
// that a year does not list a member's quarterly assessments too), 岗位 being the members' 工作岗位.
func loadThreeInOne(ctx context.Context, st data.Store, in *Input) (Result, error) {
	all, err := st.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne, From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	as := slices.DeleteFunc(all, func(a data.Assessment) bool { return a.Period.From != in.Period.From || a.Period.To != in.Period.To })
	if len(as) == 0 {
		return Result{}, data.Errorf(data.EInvalid, fmt.Sprintf("%s没有保存的“三位一体”考核：请先在“考核”中为重点岗位党员和管理人员评分，或换一个期间", in.Period.Label))
	}
	ms, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return Result{}, err
	}
	posts := make(map[int64]string, len(ms))
	for _, m := range ms {
		posts[m.ID] = m.Job
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteThreeInOne(w, meta, as, posts) },
		Summary: fmt.Sprintf("%s的“三位一体”考核表（%d 人）", in.Period.Label, len(as)),
	}, nil
}

// loadSurveys is R11 for the surveys whose period overlaps the chosen one, stacked on one sheet.
func loadSurveys(ctx context.Context, st data.Store, in *Input) (Result, error) {
	surveys, err := st.Surveys(ctx, data.SurveyFilter{From: in.Period.From, To: in.Period.To})
	if err != nil {
		return Result{}, err
	}
	meta := in.Meta
	return Result{
		Write:   func(w io.Writer) error { return reports.WriteSurveys(w, meta, surveys) },
		Summary: fmt.Sprintf("%s的满意度调查统计表（%d 次调查）", in.Period.Label, len(surveys)),
	}, nil
}

func loadBranchStats(ctx context.Context, st data.Store, in *Input) (Result, error) {
	rows, asOf, committee, err := reports.LoadBranchStats(ctx, exchange(st), in.Period, in.Meta.Date)
	if err != nil {
		return Result{}, err
	}
	meta := committeeMeta(in, committee)
	return Result{Meta: meta,
		Write:   func(w io.Writer) error { return reports.WriteBranchStats(w, meta, asOf, rows) },
		Summary: fmt.Sprintf("%s %d 个党支部的工作统计表", in.Period.Label, len(rows)),
	}, nil
}

func loadBranchRanking(ctx context.Context, st data.Store, in *Input) (Result, error) {
	rows, committee, err := reports.LoadBranchRanking(ctx, exchange(st), in.Period)
	if err != nil {
		return Result{}, err
	}
	assessed := 0
	for _, r := range rows {
		if r.Months > 0 {
			assessed++
		}
	}
	meta := committeeMeta(in, committee)
	return Result{Meta: meta,
		Write:   func(w io.Writer) error { return reports.WriteBranchRanking(w, meta, rows) },
		Summary: fmt.Sprintf("%s %d 个党支部的考核排名表（%d 个有考核）", in.Period.Label, len(rows), assessed),
	}, nil
}
