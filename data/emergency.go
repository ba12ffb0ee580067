package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds 应急防控 (SPEC §12.4): the drills and events with the members who took part (党员突击队
// marked), findings raised from them (Finding.EmergencyID, source 应急防控), and the supplies list
// with its flags.

// Emergency kinds (类型).
var EmergencyKinds = []string{"应急演练", "突发事件处置", "疫情防控", "防汛防火", "其他"}

// EmergencyDrill is the kind the A1 rule counts.
const EmergencyDrill = "应急演练"

// SourceEmergency is the 来源 of a finding raised from an emergency record.
const SourceEmergency = "应急防控"

// Emergency is one drill or event (应急防控记录).
type Emergency struct {
	ID       int64
	BranchID int64

	Kind    string            // 类型*: one of EmergencyKinds
	Date    Date              // 日期*
	Subject string            // 事项*
	Place   string            // 地点
	Members []EmergencyMember // 参加党员, in the order given
	Lead    string            // 带头情况
	Result  string            // 结果
	// Findings is how many findings were raised from it (filled by the store when read).
	Findings int

	CreatedAt time.Time
	UpdatedAt time.Time
}

// EmergencyMember is a member who took part; Commando marks the 党员突击队.
type EmergencyMember struct {
	MemberID int64
	Name     string // filled by the store when read
	Commando bool
}

// Emergency field labels (the R19 header and the form).
const (
	FEmKind     = "类型"
	FEmDate     = "日期"
	FEmSubject  = "事项"
	FEmPlace    = "地点"
	FEmMembers  = "参加党员"
	FEmLead     = "带头情况"
	FEmResult   = "结果"
	FEmCommando = "突击队"
)

// Normalize cleans the texts and fills the kind.
func (e *Emergency) Normalize() {
	e.Kind, e.Subject, e.Place = NormalizeText(e.Kind), NormalizeText(e.Subject), NormalizeText(e.Place)
	e.Lead, e.Result = strings.TrimSpace(e.Lead), strings.TrimSpace(e.Result)
	if e.Kind == "" {
		e.Kind = EmergencyKinds[0]
	}
}

// ValidateEmergency checks a normalised record; today bounds the date. Whether the members are of
// the branch is checked by the store.
func ValidateEmergency(e *Emergency, today Date) FieldErrors {
	var fe FieldErrors
	if !slices.Contains(EmergencyKinds, e.Kind) {
		fe.add(FEmKind, fmt.Sprintf("类型「%s」无法识别，应为：%s", e.Kind, strings.Join(EmergencyKinds, "、")))
	}
	checkPastDate(&fe, FEmDate, e.Date, today, "请填写日期")
	checkText(&fe, FEmSubject, e.Subject, 100, true)
	checkText(&fe, FEmPlace, e.Place, 50, false)
	seen := map[int64]bool{}
	for i, m := range e.Members {
		if msg := memberProblem(seen, m.MemberID, "请选择参加的党员", "该党员已在参加党员中，请勿重复添加"); msg != "" {
			fe.addRow(RowMember, i, FEmMembers, msg)
		}
	}
	checkText(&fe, FEmLead, e.Lead, 2000, false)
	checkText(&fe, FEmResult, e.Result, 2000, false)
	return fe
}

// EmergencyLabel names a record in the log and the recycle bin: 2026-03-05 应急演练 井下避灾演练.
func EmergencyLabel(e *Emergency) string {
	return e.Date.String() + " " + e.Kind + " " + e.Subject
}

// MemberNames lists the members taking part, the 突击队 marked: 张三（突击队）、李四.
func (e *Emergency) MemberNames() string {
	names := make([]string, len(e.Members))
	for i, m := range e.Members {
		names[i] = m.Name
		if m.Commando {
			names[i] += "（突击队）"
		}
	}
	return strings.Join(names, "、")
}

// Commandos counts the 突击队 members taking part.
func (e *Emergency) Commandos() int {
	n := 0
	for _, m := range e.Members {
		if m.Commando {
			n++
		}
	}
	return n
}

// EmergencyFilter narrows the records list. Zero fields do not filter.
type EmergencyFilter struct {
	From, To Date   // 日期 within [From, To]
	Kind     string // 类型
	MemberID int64  // records the member took part in
}

// Supply is one item of the emergency supplies (物资储备).
type Supply struct {
	ID       int64
	BranchID int64

	Name     string // 物资*
	Quantity int    // 数量 (0 = missing)
	Unit     string // 单位
	Place    string // 存放地点
	Checked  Date   // 检查日期 (zero = never checked)
	Expires  Date   // 有效期 (zero = does not expire)

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Supply field labels.
const (
	FSupName     = "物资"
	FSupQuantity = "数量"
	FSupUnit     = "单位"
	FSupPlace    = "存放地点"
	FSupChecked  = "检查日期"
	FSupExpires  = "有效期"
	FSupFlags    = "状态"
)

// Normalize cleans the texts.
func (s *Supply) Normalize() {
	s.Name, s.Unit, s.Place = NormalizeText(s.Name), NormalizeText(s.Unit), NormalizeText(s.Place)
}

// ValidateSupply checks a normalised supply; today bounds the check date.
func ValidateSupply(s *Supply, today Date) FieldErrors {
	var fe FieldErrors
	checkText(&fe, FSupName, s.Name, 50, true)
	if s.Quantity < 0 || s.Quantity > 999999 {
		fe.add(FSupQuantity, "数量应为0到999999之间的整数（0表示缺失）")
	}
	checkText(&fe, FSupUnit, s.Unit, 10, false)
	checkText(&fe, FSupPlace, s.Place, 50, false)
	if !s.Checked.IsZero() && s.Checked.After(today) {
		fe.add(FSupChecked, "检查日期不能晚于今天")
	}
	return fe
}

// SupplyLabel names a supply in the log and the recycle bin: 灭火器（10具）.
func SupplyLabel(s *Supply) string {
	return fmt.Sprintf("%s（%d%s）", s.Name, s.Quantity, s.Unit)
}

// Supply flags (SupplyFlags), in the order they are listed.
const (
	SupplyExpired  = "已过期"    // 有效期 before the day
	SupplyMissing  = "缺失"     // 数量 0
	SupplyStale    = "超一年未检查" // 检查日期 more than a year before the day
	SupplyExpiring = "30天内到期" // 有效期 within SupplyExpiringDays of the day
)

// SupplyExpiringDays is how soon an expiry is flagged ahead.
const SupplyExpiringDays = 30

// SupplyFlags are what is wrong with s on day d. Missing means 数量 0, and a supply whose last
// check (检查日期) is more than a year old is flagged too, since nobody knows whether it is still
// there; one never checked is not (many lists carry no check dates). Expired, missing and stale
// are faults (SupplyFault); expiring is a warning.
func SupplyFlags(s *Supply, d Date) []string {
	var out []string
	if !s.Expires.IsZero() && s.Expires.Before(d) {
		out = append(out, SupplyExpired)
	}
	if s.Quantity == 0 {
		out = append(out, SupplyMissing)
	}
	if !s.Checked.IsZero() && s.Checked.Before(d.AddYears(-1)) {
		out = append(out, SupplyStale)
	}
	if !s.Expires.IsZero() && !s.Expires.Before(d) && !s.Expires.After(d.AddDays(SupplyExpiringDays)) {
		out = append(out, SupplyExpiring)
	}
	return out
}

// SupplyFault is whether s is expired, missing or stale on day d (not in good order).
func SupplyFault(s *Supply, d Date) bool {
	return slices.ContainsFunc(SupplyFlags(s, d), func(f string) bool { return f != SupplyExpiring })
}

// Preset filters of the supplies list (Todo.View).
const (
	ViewSupplyFault    = "过期或缺失"
	ViewSupplyExpiring = "30天内到期"
)

// SupplyInView is whether s belongs in the preset view on day d ("" = every supply).
func SupplyInView(s *Supply, view string, d Date) bool {
	switch view {
	case ViewSupplyFault:
		return SupplyFault(s, d)
	case ViewSupplyExpiring:
		return slices.Contains(SupplyFlags(s, d), SupplyExpiring)
	}
	return true
}

// EmergencyStore keeps the emergency records and the supplies.
type EmergencyStore interface {
	// Emergencies lists records by date then id, with the members' names and the findings count.
	Emergencies(ctx context.Context, f EmergencyFilter) ([]Emergency, error)
	Emergency(ctx context.Context, id int64) (Emergency, error)
	// SaveEmergency creates (ID 0) or updates a record after Normalize and ValidateEmergency; the
	// members must be of the branch (FieldErrors).
	SaveEmergency(ctx context.Context, e *Emergency) error
	// DeleteEmergency moves a record to the recycle bin; its findings stay, unlinked until restored.
	DeleteEmergency(ctx context.Context, id int64) error
	// Supplies lists the supplies by name then id.
	Supplies(ctx context.Context) ([]Supply, error)
	Supply(ctx context.Context, id int64) (Supply, error)
	SaveSupply(ctx context.Context, s *Supply) error
	DeleteSupply(ctx context.Context, id int64) error
}

// supplyTodos: the supplies expired or missing today (red), and those expiring within 30 days.
func supplyTodos(ctx context.Context, st Store, today Date) ([]Todo, error) {
	ss, err := st.Supplies(ctx)
	if err != nil {
		return nil, err
	}
	fault, expiring := 0, 0
	for i := range ss {
		if SupplyInView(&ss[i], ViewSupplyFault, today) {
			fault++
		}
		if SupplyInView(&ss[i], ViewSupplyExpiring, today) {
			expiring++
		}
	}
	return []Todo{
		{Entity: EntSupply, View: ViewSupplyFault, What: "过期或缺失的应急物资", Count: fault, Overdue: true},
		{Entity: EntSupply, View: ViewSupplyExpiring, What: "30天内到期的应急物资", Count: expiring},
	}, nil
}
