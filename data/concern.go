package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// This file holds 人文关怀疏导 (SPEC §12.3): the 思想疏导 records of workers' concerns, their return
// visits (回访) and 转办实事, which hands a concern on to the 办实事 ledger (§4) as a linked welfare
// item.

// Channels (渠道), categories (类别) and results (结果) of a concern, as SPEC §12.3 lists them.
var (
	ConcernChannels   = []string{"线上", "线下", "讲解", "交流"}
	ConcernCategories = []string{"家庭困难", "工作压力", "伤病", "待遇", "安全顾虑", "疫情等突发事件", "其他"}
	ConcernResults    = []string{ConcernCounselled, ConcernWatching, ConcernTransferred}
)

// Results of a concern.
const (
	ConcernCounselled  = "已疏导"
	ConcernWatching    = "持续关注"
	ConcernTransferred = "转办实事" // handed on as a welfare item (Concern.WelfareID)
)

// Concern is one 思想疏导 record: a worker (a member or not) who raised a concern, the member who
// counselled them, what was done, and the return visit.
type Concern struct {
	ID       int64
	BranchID int64

	Date        Date   // 日期*
	Worker      string // 职工姓名*: any worker, not necessarily a member
	Team        string // 班组 (the roster's teams, as text: a worker may be of a team renamed since)
	Channel     string // 渠道: one of ConcernChannels or ""
	Category    string // 类别: one of ConcernCategories or ""
	Situation   string // 反映情况*
	CounselorID int64  // 疏导人*: a member
	Counselor   string // the counsellor's name, filled by the store when read
	Measures    string // 疏导措施
	Result      string // 结果: one of ConcernResults or ""
	VisitDate   Date   // 回访日期: planned, or the day of the visit once 回访情况 is written
	Visit       string // 回访情况: what the return visit found ("" = not yet visited)
	// WelfareID is the welfare item the concern was handed on to (转办实事), 0 when none; the store
	// fills Welfare with its 事项. Deleting the welfare item clears the link, deleting the concern
	// leaves the item.
	WelfareID int64
	Welfare   string

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Concern field labels (the R18 header and the form).
const (
	FConcernDate      = "日期"
	FConcernWorker    = "职工姓名"
	FConcernTeam      = "班组"
	FConcernChannel   = "渠道"
	FConcernCategory  = "类别"
	FConcernSituation = "反映情况"
	FCounselor        = "疏导人"
	FConcernMeasures  = "疏导措施"
	FConcernResult    = "结果"
	FVisitDate        = "回访日期"
	FVisit            = "回访情况"
	FConcernWelfare   = "转办事项"
)

// Normalize cleans the text fields.
func (c *Concern) Normalize() {
	c.Worker, c.Team = NormalizeName(c.Worker), NormalizeText(c.Team)
	c.Channel, c.Category, c.Result = NormalizeText(c.Channel), NormalizeText(c.Category), NormalizeText(c.Result)
	c.Situation, c.Measures, c.Visit = strings.TrimSpace(c.Situation), strings.TrimSpace(c.Measures), strings.TrimSpace(c.Visit)
}

// ValidateConcern checks a normalised concern; today bounds the dates. A 回访日期 may lie ahead (the
// visit planned) until 回访情况 is written. Whether the counsellor is a member of the branch is
// checked by the store.
func ValidateConcern(c *Concern, today Date) FieldErrors {
	var fe FieldErrors
	checkPastDate(&fe, FConcernDate, c.Date, today, "请填写疏导日期")
	checkText(&fe, FConcernWorker, c.Worker, 20, true)
	checkText(&fe, FConcernTeam, c.Team, 30, false)
	checkConcernChoice(&fe, FConcernChannel, c.Channel, ConcernChannels)
	checkConcernChoice(&fe, FConcernCategory, c.Category, ConcernCategories)
	checkText(&fe, FConcernSituation, c.Situation, 2000, true)
	if c.CounselorID == 0 {
		fe.add(FCounselor, "请选择疏导人（本支部党员）")
	}
	checkText(&fe, FConcernMeasures, c.Measures, 2000, false)
	checkConcernChoice(&fe, FConcernResult, c.Result, ConcernResults)
	if c.WelfareID != 0 && c.Result != ConcernTransferred {
		fe.add(FConcernResult, "已转办为办实事事项，结果应为“转办实事”；如转办有误，请先删除那件办实事事项")
	}
	switch {
	case c.VisitDate.IsZero():
		if c.Visit != "" {
			fe.add(FVisitDate, "填写回访情况时，请填写回访日期")
		}
	case !c.Date.IsZero() && c.VisitDate.Before(c.Date):
		fe.add(FVisitDate, fmt.Sprintf("回访日期不能早于疏导日期（%s）", c.Date))
	case c.Visit != "" && c.VisitDate.After(today):
		fe.add(FVisitDate, "回访日期晚于今天：回访后再填写回访情况")
	}
	checkText(&fe, FVisit, c.Visit, 2000, false)
	return fe
}

// checkChoice checks an optional field whose value must be one of opts.
func checkConcernChoice(fe *FieldErrors, field, v string, opts []string) {
	if v != "" && !slices.Contains(opts, v) {
		fe.add(field, fmt.Sprintf("%s「%s」无法识别，应为：%s", field, v, strings.Join(opts, "、")))
	}
}

// ConcernWorkerText is the worker as lists show them: the name with the team.
func ConcernWorkerText(c *Concern) string {
	if c.Team != "" {
		return c.Worker + "（" + c.Team + "）"
	}
	return c.Worker
}

// VisitOpen is whether a return visit is planned and not yet done (回访日期 without 回访情况).
func (c *Concern) VisitOpen() bool { return !c.VisitDate.IsZero() && c.Visit == "" }

// VisitOverdueDays is how many days past its date an open return visit is on day today (0: not
// overdue). Like a finding's 逾期 it is derived, never stored.
func (c *Concern) VisitOverdueDays(today Date) int {
	if !c.VisitOpen() || !c.VisitDate.Before(today) {
		return 0
	}
	return int(today.Time().Sub(c.VisitDate.Time()).Hours() / 24)
}

// VisitDueBy is whether an open return visit falls due on or before day by without being overdue
// on today: due today or later, up to by (本月待回访: by is the month's end).
func (c *Concern) VisitDueBy(today, by Date) bool {
	return c.VisitOpen() && !c.VisitDate.Before(today) && !c.VisitDate.After(by)
}

// ConcernWelfareItem is the welfare item 转办实事 makes of concern c on day today: the 事项 is what
// the worker raised, 来源 职工反映 with the worker as 提出人 (the 办实事 record has no 备注; its 提出人
// and the concern's link say where it came from), the counsellor as 承办人, 提出日期 the concern's
// date, and 30 days from then (or from today, for a concern handed on later) to get it done.
func ConcernWelfareItem(c *Concern, today Date) WelfareItem {
	title := c.Situation
	if utf8.RuneCountInString(title) > 100 {
		title = string([]rune(title)[:99]) + "…"
	}
	proposer := ConcernWorkerText(c)
	if utf8.RuneCountInString(proposer) > 30 {
		proposer = c.Worker
	}
	start := c.Date
	if start.Before(today) {
		start = today
	}
	return WelfareItem{BranchID: c.BranchID, Title: title, Source: "职工反映", Proposer: proposer, ProposedDate: c.Date,
		HandlerID: c.CounselorID, PlannedDate: start.AddDays(30), State: WelfareRegistered}
}

// ConcernFilter narrows a concerns list. Zero fields do not filter.
type ConcernFilter struct {
	From, To Date // 日期 within [From, To]
	// VisitOverdueOn, when set, keeps only the concerns whose return visit is overdue on that day.
	VisitOverdueOn Date
	// WelfareID, when set, keeps the concern handed on as that welfare item (the link back).
	WelfareID int64
}

// ConcernStore keeps the 思想疏导 records.
type ConcernStore interface {
	// Concerns lists concerns by date then id, with the counsellor's name and the welfare item's 事项.
	Concerns(ctx context.Context, f ConcernFilter) ([]Concern, error)
	Concern(ctx context.Context, id int64) (Concern, error)
	// SaveConcern creates (ID 0) or updates a concern after Normalize and ValidateConcern; the
	// counsellor must be a member of the branch (FieldErrors). When the result is 转办实事 and no
	// welfare item is linked yet, it creates one (ConcernWelfareItem) and links it, in the same
	// transaction: both are saved and logged, or neither.
	SaveConcern(ctx context.Context, c *Concern) error
	// DeleteConcern moves a concern to the recycle bin; its welfare item stays.
	DeleteConcern(ctx context.Context, id int64) error
}

// concernTodos: the return visits overdue today, and those due by the month's end.
func concernTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	cs, err := st.Concerns(ctx, ConcernFilter{})
	if err != nil {
		return nil, err
	}
	overdue, due := 0, 0
	for i := range cs {
		switch {
		case cs[i].VisitOverdueDays(today) > 0:
			overdue++
		case cs[i].VisitDueBy(today, monthEnd(today)):
			due++
		}
	}
	return []Todo{
		{Entity: EntConcern, View: ViewOverdue, What: "逾期未回访的思想疏导", Count: overdue, Overdue: true},
		{Entity: EntConcern, View: ViewDue, What: "本月待回访的思想疏导", Count: due},
	}, nil
}
