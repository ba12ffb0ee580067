package data

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file holds the 党费 ledger of SPEC §13: the rate table, each member's base history, reductions
// and exemptions, the monthly payments, voluntary payments and the months' collection states. Every
// amount is in fen (分) and every computation is integer arithmetic, so that a sum of a year's dues
// is exact and the rounding is the one the rule names (half up to the fen).

// Dues categories (缴费类别).
const (
	DuesWorking    = "在职"
	DuesRetired    = "离退休"
	DuesFarmer     = "农民"
	DuesStudent    = "学生"
	DuesUnemployed = "下岗失业"
	DuesLowIncome  = "低保"
	DuesFixed      = "其他固定额"
)

// DuesCategories in the order selects show them.
var DuesCategories = []string{DuesWorking, DuesRetired, DuesFarmer, DuesStudent, DuesUnemployed, DuesLowIncome, DuesFixed}

// DuesByRate says whether a category's dues are a share of the base (在职, 离退休) rather than a fixed
// amount.
func DuesByRate(category string) bool { return category == DuesWorking || category == DuesRetired }

// Month is a calendar month, the unit of dues.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf is the month of d.
func MonthOf(d Date) Month { return Month{d.Year, d.Month} }

// String is 2026-01 ("" for the zero month).
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// Chinese is 2026年1月.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year, int(m.Month)) }

func (m Month) IsZero() bool { return m == Month{} }

// Index counts months from year 0, so that months compare and subtract as integers.
func (m Month) Index() int { return m.Year*12 + int(m.Month) - 1 }

// MonthAt is the month of Index i.
func MonthAt(i int) Month { return Month{i / 12, time.Month(i%12 + 1)} }

// Add is the month n months later (earlier for n < 0).
func (m Month) Add(n int) Month { return MonthAt(m.Index() + n) }

// First and Last are the month's first and last days.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }
func (m Month) Last() Date  { return m.Add(1).First().AddDays(-1) }

var reMonthText = regexp.MustCompile(`^(\d{4})\s*(?:[-./年])\s*(\d{1,2})\s*月?$|^(\d{4})(\d{2})$`)

// ParseMonth reads 2026-01, 2026.1, 2026/01, 2026年1月 or 202601.
func ParseMonth(s string) (Month, error) {
	t := strings.TrimSpace(narrowDigits(s))
	if p := reMonthText.FindStringSubmatch(t); p != nil {
		y, mo := p[1], p[2]
		if y == "" {
			y, mo = p[3], p[4]
		}
		yi, _ := strconv.Atoi(y)
		mi, _ := strconv.Atoi(mo)
		if mi >= 1 && mi <= 12 && yi >= 1900 {
			return Month{yi, time.Month(mi)}, nil
		}
	}
	return Month{}, Errorf(EInvalid, fmt.Sprintf("月份「%s」无法识别，请写成 2026-01 或 2026年1月", strings.TrimSpace(s)))
}

// FormatYuan shows fen as 元 with two decimals: 4523.50, -0.20.
func FormatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return fmt.Sprintf("%s%d.%02d", sign, fen/100, fen%100)
}

// Yuan is fen as a number of 元 for a spreadsheet cell (exact to the fen when shown with two decimals).
func Yuan(fen int64) float64 { return float64(fen) / 100 }

// ParseYuan reads an amount of 元 as payroll sheets and forms hold it: 4523.5, "4,523.50", "４５２３",
// "4523.50元", "¥4523"; the result is in fen, rounded half up. A negative or non-numeric amount is
// an error whose Chinese message says what to write.
func ParseYuan(s string) (int64, error) {
	t := strings.TrimSpace(narrowDigits(s))
	t = strings.NewReplacer(",", "", "，", "", " ", "", "'", "", "¥", "", "￥", "", "RMB", "", "人民币", "").Replace(t)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "整"), "元")
	bad := func(why string) (int64, error) {
		return 0, Errorf(EInvalid, fmt.Sprintf("金额「%s」%s", strings.TrimSpace(s), why))
	}
	if t == "" {
		return bad("为空，请填写以元为单位的数字，如 4523.50")
	}
	if strings.HasPrefix(t, "-") {
		return bad("为负数，金额不能小于0")
	}
	t = strings.TrimPrefix(t, "+")
	// Excel may hand a number in exponent form (4.5235E+3); read it as a float only then.
	if strings.ContainsAny(t, "eE") {
		f, err := strconv.ParseFloat(t, 64)
		if err != nil || f < 0 || f > 1e12 {
			return bad("无法识别，请填写以元为单位的数字，如 4523.50")
		}
		t = strconv.FormatFloat(f, 'f', -1, 64)
	}
	whole, frac, _ := strings.Cut(t, ".")
	if whole == "" {
		whole = "0"
	}
	if !allDigits(whole) || !allDigits(frac) || len(whole) > 12 {
		return bad("无法识别，请填写以元为单位的数字，如 4523.50")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	fen := w * 100
	frac += "000"
	f2, _ := strconv.ParseInt(frac[:2], 10, 64)
	fen += f2
	if frac[2] >= '5' { // half up to the fen
		fen++
	}
	return fen, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// DuesBand is one row of the rate table: for a category by rate, bases up to UpTo (fen, inclusive;
// 0 = no upper bound, the last band) pay Rate ten-thousandths; for a fixed category, Fixed fen a
// month (FixedMax > Fixed: the member's amount may be chosen between them, as for 农民).
type DuesBand struct {
	Category string
	UpTo     int64 // fen, inclusive; 0 = above the previous band
	Rate     int64 // in 万分之 (basis points): 0.5% = 50
	Fixed    int64 // fen
	FixedMax int64 // fen; 0 = exactly Fixed
}

// DuesRates is the rate table: the bands of each category by rate in ascending order, one row per
// fixed category (其他固定额 has none: each member's amount is their own).
type DuesRates []DuesBand

// DefaultDuesRates are the rates of 中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》(2008).
func DefaultDuesRates() DuesRates {
	return DuesRates{
		{Category: DuesWorking, UpTo: 300000, Rate: 50},
		{Category: DuesWorking, UpTo: 500000, Rate: 100},
		{Category: DuesWorking, UpTo: 1000000, Rate: 150},
		{Category: DuesWorking, Rate: 200},
		{Category: DuesRetired, UpTo: 500000, Rate: 50},
		{Category: DuesRetired, Rate: 100},
		{Category: DuesFarmer, Fixed: 20, FixedMax: 100},
		{Category: DuesStudent, Fixed: 20},
		{Category: DuesUnemployed, Fixed: 20},
		{Category: DuesLowIncome, Fixed: 20},
	}
}

// Rate labels and field names.
const (
	FDuesCategory  = "缴费类别"
	FDuesBase      = "计算基数"
	FDuesRate      = "比例"
	FDuesDue       = "月应缴"
	FDuesFrom      = "起始月份"
	FDuesFixed     = "固定金额"
	FDuesUpTo      = "上限(元)"
	FDuesMonth     = "月份"
	FDuesPaid      = "实缴"
	FDuesPaidDate  = "缴纳日期"
	FDuesMethod    = "方式"
	FDuesLate      = "补缴原因"
	FDuesReliefTo  = "截止月份"
	FDuesKind      = "减免类型"
	FDuesAmount    = "减交后月应缴"
	FDuesApply     = "申请日期"
	FDuesCommittee = "支委会同意日期"
	FDuesApproval  = "上级批准文号"
	FDuesExtra     = "金额"
	FDuesReason    = "原因"
)

// RateText shows a rate of 万分之 as a percentage: 50 → 0.5%, 150 → 1.5%.
func RateText(bp int64) string {
	s := strconv.FormatFloat(float64(bp)/100, 'f', -1, 64)
	return s + "%"
}

// Bands is the category's rows in table order.
func (r DuesRates) Bands(category string) []DuesBand {
	var out []DuesBand
	for _, b := range r {
		if b.Category == category {
			out = append(out, b)
		}
	}
	return out
}

// ValidateDuesRates checks an edited rate table: each category by rate has bands whose upper
// bounds rise, the last without one; rates between 0 and 100%; a fixed category has one row with a
// positive amount. Rows are counted from 1 in table order.
func ValidateDuesRates(r DuesRates) FieldErrors {
	var fe FieldErrors
	const list = "档"
	for i, b := range r {
		if !slices.Contains(DuesCategories, b.Category) || b.Category == DuesFixed {
			fe.addRow(list, i, FDuesCategory, fmt.Sprintf("缴费类别「%s」无法识别，应为：%s", b.Category,
				strings.Join(DuesCategories[:len(DuesCategories)-1], "、")))
		}
	}
	for _, c := range DuesCategories[:len(DuesCategories)-1] {
		var idx []int
		for i, b := range r {
			if b.Category == c {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			fe.add(FDuesCategory, "比例表缺少「"+c+"」，请补上")
			continue
		}
		if !DuesByRate(c) {
			b := r[idx[0]]
			switch {
			case len(idx) > 1:
				fe.addRow(list, idx[1], FDuesCategory, "「"+c+"」是固定金额，只能有一行")
			case b.Fixed <= 0:
				fe.addRow(list, idx[0], FDuesFixed, "「"+c+"」的固定金额应大于0")
			case b.FixedMax != 0 && b.FixedMax < b.Fixed:
				fe.addRow(list, idx[0], FDuesFixed, "「"+c+"」的最高金额不能低于最低金额")
			}
			continue
		}
		var prev int64
		for k, i := range idx {
			b := r[i]
			last := k == len(idx)-1
			switch {
			case b.Rate <= 0 || b.Rate > 10000:
				fe.addRow(list, i, FDuesRate, "比例应大于0%，不超过100%")
			case last && b.UpTo != 0:
				fe.addRow(list, i, FDuesUpTo, "「"+c+"」最后一档不设上限（留空），以免高收入党员没有比例")
			case !last && b.UpTo <= prev:
				fe.addRow(list, i, FDuesUpTo, "「"+c+"」各档上限应从低到高排列")
			}
			prev = b.UpTo
		}
	}
	return fe
}

// DuesBase is one entry of a member's base history: from month From on (until a later entry), the
// member pays as Category with base Base (fen, monthly income after tax) or, for 农民 and
// 其他固定额, the fixed amount Fixed.
type DuesBase struct {
	ID         int64
	BranchID   int64
	MemberID   int64
	MemberName string // filled by the store when read
	From       Month
	Category   string
	Base       int64 // fen; categories by rate only
	Fixed      int64 // fen; 农民 (within the table's range) and 其他固定额
	Remark     string
}

// ValidateDuesBase checks a base entry against the rate table.
func ValidateDuesBase(b *DuesBase, r DuesRates) FieldErrors {
	var fe FieldErrors
	if b.MemberID == 0 {
		fe.add(FName, "请选择党员")
	}
	if b.From.IsZero() {
		fe.add(FDuesFrom, "请填写起始月份，如 2026-01")
	}
	switch {
	case !slices.Contains(DuesCategories, b.Category):
		fe.add(FDuesCategory, "请选择缴费类别："+strings.Join(DuesCategories, "、"))
	case DuesByRate(b.Category) && b.Base <= 0:
		fe.add(FDuesBase, "请填写计算基数（每月税后收入，元），应大于0")
	case b.Category == DuesFixed && b.Fixed <= 0:
		fe.add(FDuesFixed, "其他固定额须填写每月金额，应大于0")
	case b.Category == DuesFarmer:
		if bs := r.Bands(DuesFarmer); len(bs) > 0 && b.Fixed != 0 && (b.Fixed < bs[0].Fixed || b.Fixed > max(bs[0].Fixed, bs[0].FixedMax)) {
			fe.add(FDuesFixed, fmt.Sprintf("农民党员每月交纳 %s 至 %s 元", FormatYuan(bs[0].Fixed), FormatYuan(max(bs[0].Fixed, bs[0].FixedMax))))
		}
	}
	if b.Base < 0 || b.Base > 100000000000 {
		fe.add(FDuesBase, "计算基数应在0到10亿元之间")
	}
	checkText(&fe, FRemark, b.Remark, 200, false)
	return fe
}

// Due is what base b owes a month under rates r: the rate in 万分之 (0 for a fixed amount) and the
// amount in fen, rounded half up. Upper bounds are inclusive: 3000.00 元 is in the first band.
func (r DuesRates) Due(b *DuesBase) (rate, fen int64) {
	switch {
	case b.Category == DuesFixed:
		return 0, b.Fixed
	case !DuesByRate(b.Category):
		bs := r.Bands(b.Category)
		if len(bs) == 0 {
			return 0, b.Fixed
		}
		if b.Fixed != 0 && bs[0].FixedMax > 0 {
			return 0, b.Fixed // a 农民 member's own amount within the table's range
		}
		return 0, bs[0].Fixed
	}
	for _, band := range r.Bands(b.Category) {
		if band.UpTo == 0 || b.Base <= band.UpTo {
			return band.Rate, (b.Base*band.Rate + 5000) / 10000
		}
	}
	return 0, 0
}

// BaseAt is the entry of a member's history (any order) that applies in month m: the latest one
// starting on or before m; nil when none has started yet.
func BaseAt(history []DuesBase, m Month) *DuesBase {
	var at *DuesBase
	for i := range history {
		b := &history[i]
		if b.From.Index() <= m.Index() && (at == nil || b.From.Index() > at.From.Index()) {
			at = b
		}
	}
	return at
}

// Reduction kinds.
const (
	ReliefReduce = "减交"
	ReliefExempt = "免交"
)

// DuesRelief is an approved reduction or exemption of a member's dues for months From … To.
type DuesRelief struct {
	ID            int64
	BranchID      int64
	MemberID      int64
	MemberName    string
	Kind          string // ReliefReduce or ReliefExempt
	From, To      Month
	Amount        int64 // fen a month after the reduction (减交 only)
	ApplyDate     Date  // 申请日期*
	CommitteeDate Date  // 支委会同意日期*
	ApprovalNo    string
	Reason        string
}

// ValidateDuesRelief checks a reduction or exemption: the three approval fields are required.
func ValidateDuesRelief(r *DuesRelief) FieldErrors {
	var fe FieldErrors
	if r.MemberID == 0 {
		fe.add(FName, "请选择党员")
	}
	if r.Kind != ReliefReduce && r.Kind != ReliefExempt {
		fe.add(FDuesKind, "请选择减免类型：减交或免交")
	}
	if r.From.IsZero() {
		fe.add(FDuesFrom, "请填写起始月份")
	}
	if r.To.IsZero() {
		fe.add(FDuesReliefTo, "请填写截止月份")
	} else if r.To.Index() < r.From.Index() {
		fe.add(FDuesReliefTo, "截止月份不能早于起始月份")
	}
	if r.Kind == ReliefReduce && r.Amount <= 0 {
		fe.add(FDuesAmount, "减交须填写减交后每月应缴金额（大于0；全免请选免交）")
	}
	if r.ApplyDate.IsZero() {
		fe.add(FDuesApply, "减免须填写党员的申请日期")
	}
	if r.CommitteeDate.IsZero() {
		fe.add(FDuesCommittee, "减免须经支部委员会研究同意，请填写同意日期")
	} else if !r.ApplyDate.IsZero() && r.CommitteeDate.Before(r.ApplyDate) {
		fe.add(FDuesCommittee, "支委会同意日期不能早于申请日期")
	}
	r.ApprovalNo = NormalizeText(r.ApprovalNo)
	checkText(&fe, FDuesApproval, r.ApprovalNo, 50, false)
	if r.ApprovalNo == "" {
		fe.add(FDuesApproval, "减免须报上级党委批准，请填写批准文号")
	}
	checkText(&fe, FDuesReason, r.Reason, 200, false)
	return fe
}

// Payment methods.
var DuesMethods = []string{"现金", "转账", "其他"}

// DuesPayment is what a member paid for one month.
type DuesPayment struct {
	ID         int64
	BranchID   int64
	MemberID   int64
	MemberName string
	Month      Month
	Due        int64 // 应缴 when it was paid, fen
	Paid       int64 // 实缴, fen
	Date       Date  // 缴纳日期
	Method     string
	LateReason string // 补缴原因: required when paid more than DuesLateLimit months after the month
	Remark     string
}

// DuesLateLimit is how many months after its month a month's dues may be paid without a reason.
const DuesLateLimit = 6

// MonthsLate is how many months after month m a payment made on day d comes (0 in the month itself
// or before).
func MonthsLate(m Month, d Date) int { return max(0, MonthOf(d).Index()-m.Index()) }

// DuesPay is a payment of one or several months at once.
type DuesPay struct {
	MemberID   int64
	Months     []Month
	Amount     int64 // fen for a single month; 0 = each month's 应缴
	Date       Date
	Method     string
	LateReason string
	Remark     string
}

// ValidateDuesPay checks a payment before the store works out each month's amount.
func ValidateDuesPay(p *DuesPay, today Date) FieldErrors {
	var fe FieldErrors
	if p.MemberID == 0 {
		fe.add(FName, "请选择党员")
	}
	if len(p.Months) == 0 {
		fe.add(FDuesMonth, "请选择要缴纳的月份")
	}
	if p.Amount < 0 {
		fe.add(FDuesPaid, "实缴金额不能小于0")
	}
	if p.Amount > 0 && len(p.Months) > 1 {
		fe.add(FDuesPaid, "一次缴纳多个月时按各月应缴金额收取，不能另填金额")
	}
	checkPastDate(&fe, FDuesPaidDate, p.Date, today, "请填写缴纳日期")
	if !slices.Contains(DuesMethods, p.Method) {
		fe.add(FDuesMethod, "请选择缴纳方式："+strings.Join(DuesMethods, "、"))
	}
	p.LateReason = strings.TrimSpace(p.LateReason)
	var late []string
	for _, m := range p.Months {
		if MonthsLate(m, p.Date) > DuesLateLimit {
			late = append(late, m.Chinese())
		}
	}
	if len(late) > 0 && p.LateReason == "" {
		fe.add(FDuesLate, fmt.Sprintf("%s 的党费超过%d个月补缴，须写明补缴原因", strings.Join(late, "、"), DuesLateLimit))
	}
	checkText(&fe, FDuesLate, p.LateReason, 200, false)
	checkText(&fe, FRemark, p.Remark, 200, false)
	return fe
}

// DuesExtra is a voluntary one-off payment (自愿多交), kept apart from the monthly dues.
type DuesExtra struct {
	ID         int64
	BranchID   int64
	MemberID   int64
	MemberName string
	Date       Date
	Amount     int64 // fen
	Method     string
	Remark     string
}

// ValidateDuesExtra checks a voluntary payment.
func ValidateDuesExtra(e *DuesExtra, today Date) FieldErrors {
	var fe FieldErrors
	if e.MemberID == 0 {
		fe.add(FName, "请选择党员")
	}
	if e.Amount <= 0 {
		fe.add(FDuesExtra, "金额应大于0")
	}
	if e.Date.IsZero() || e.Date.After(today) {
		fe.add(FDuesPaidDate, "请填写缴纳日期（不晚于今天）")
	}
	if !slices.Contains(DuesMethods, e.Method) {
		fe.add(FDuesMethod, "请选择缴纳方式："+strings.Join(DuesMethods, "、"))
	}
	checkText(&fe, FRemark, e.Remark, 200, false)
	return fe
}

// Month states of the collection.
const (
	DuesUncollected = "未收"
	DuesCollecting  = "收缴中"
	DuesSettled     = "已结算"
)

// DuesMonthState is a month of the collection: 已结算 when settled, else 收缴中 once anything was paid,
// else 未收. Reason is the reason of the last reopening.
type DuesMonthState struct {
	Month   Month
	State   string
	Reason  string
	Settled bool
}

// DuesLabel names a member's month in the log: 张三 2026-01.
func DuesLabel(name string, m Month) string { return name + " " + m.String() }

// DuesBaseFields is a base entry as the log keeps it.
func DuesBaseFields(b *DuesBase) Fields {
	return fieldsOf(FName, b.MemberName, FDuesFrom, b.From.String(), FDuesCategory, b.Category,
		FDuesBase, FormatYuan(b.Base), FDuesFixed, FormatYuan(b.Fixed), FRemark, b.Remark)
}

// DuesReliefFields is a reduction or exemption as the log keeps it.
func DuesReliefFields(r *DuesRelief) Fields {
	return fieldsOf(FName, r.MemberName, FDuesKind, r.Kind, FDuesFrom, r.From.String(), FDuesReliefTo, r.To.String(),
		FDuesAmount, FormatYuan(r.Amount), FDuesApply, r.ApplyDate.String(), FDuesCommittee, r.CommitteeDate.String(),
		FDuesApproval, r.ApprovalNo, FDuesReason, r.Reason)
}

// DuesPaymentFields is a month's payment as the log keeps it.
func DuesPaymentFields(p *DuesPayment) Fields {
	return fieldsOf(FName, p.MemberName, FDuesMonth, p.Month.String(), "应缴", FormatYuan(p.Due), FDuesPaid, FormatYuan(p.Paid),
		FDuesPaidDate, p.Date.String(), FDuesMethod, p.Method, FDuesLate, p.LateReason, FRemark, p.Remark)
}

// DuesExtraFields is a voluntary payment as the log keeps it.
func DuesExtraFields(e *DuesExtra) Fields {
	return fieldsOf(FName, e.MemberName, FDuesPaidDate, e.Date.String(), FDuesExtra, FormatYuan(e.Amount),
		FDuesMethod, e.Method, FRemark, e.Remark)
}

// DuesRatesFields is the rate table as the log keeps it: one field a category.
func DuesRatesFields(r DuesRates) Fields {
	var pairs []string
	for _, c := range DuesCategories[:len(DuesCategories)-1] {
		var parts []string
		for _, b := range r.Bands(c) {
			switch {
			case !DuesByRate(c) && b.FixedMax > b.Fixed:
				parts = append(parts, FormatYuan(b.Fixed)+"至"+FormatYuan(b.FixedMax)+"元")
			case !DuesByRate(c):
				parts = append(parts, FormatYuan(b.Fixed)+"元")
			case b.UpTo == 0:
				parts = append(parts, "以上"+RateText(b.Rate))
			default:
				parts = append(parts, "≤"+FormatYuan(b.UpTo)+" "+RateText(b.Rate))
			}
		}
		pairs = append(pairs, c, strings.Join(parts, "；"))
	}
	return fieldsOf(pairs...)
}

// DuesStore keeps the 党费 ledger.
type DuesStore interface {
	// DuesRates is the branch's rate table (DefaultDuesRates until edited); SetDuesRates replaces it
	// after ValidateDuesRates.
	DuesRates(ctx context.Context) (DuesRates, error)
	SetDuesRates(ctx context.Context, r DuesRates) error

	// DuesBases lists the base history of one member (0 = every member) by member, then month.
	DuesBases(ctx context.Context, memberID int64) ([]DuesBase, error)
	// SaveDuesBase creates (ID 0) or updates a base entry after ValidateDuesBase; a member has one
	// entry per month (a second one for the same month replaces the first's values).
	SaveDuesBase(ctx context.Context, b *DuesBase) error
	DeleteDuesBase(ctx context.Context, id int64) error
	// ImportDuesBases saves checked entries in one transaction (each replacing the member's entry of
	// the same month), all or nothing.
	ImportDuesBases(ctx context.Context, bs []DuesBase, progress func(done, total int)) (ImportResult, error)

	DuesReliefs(ctx context.Context, memberID int64) ([]DuesRelief, error)
	SaveDuesRelief(ctx context.Context, r *DuesRelief) error
	DeleteDuesRelief(ctx context.Context, id int64) error

	// DuesPayments lists the payments of months from … to (inclusive) by month, then member.
	DuesPayments(ctx context.Context, from, to Month) ([]DuesPayment, error)
	// PayDues records a payment of one or several months (ValidateDuesPay; each month's 应缴 from the
	// member's base, reliefs and the rate table). A month already paid gets the new payment in place
	// of the old; a settled month is refused (EConflict) until reopened.
	PayDues(ctx context.Context, p DuesPay) ([]DuesPayment, error)
	DeleteDuesPayment(ctx context.Context, id int64) error

	DuesExtras(ctx context.Context, year int) ([]DuesExtra, error)
	SaveDuesExtra(ctx context.Context, e *DuesExtra) error
	DeleteDuesExtra(ctx context.Context, id int64) error

	// DuesMonths is the state of every month of year.
	DuesMonths(ctx context.Context, year int) ([]DuesMonthState, error)
	// SettleDuesMonth closes a month's collection; ReopenDuesMonth opens it again, with a reason
	// (FieldErrors on 原因 without one). Both are logged.
	SettleDuesMonth(ctx context.Context, m Month) error
	ReopenDuesMonth(ctx context.Context, m Month, reason string) error
}

// verifyDuesBases re-checks the base entries against the branch's rate table, as saving does.
func verifyDuesBases(ctx context.Context, s Store, _ Date) ([]recordError, error) {
	r, err := s.DuesRates(ctx)
	if err != nil {
		return nil, err
	}
	bs, err := s.DuesBases(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []recordError
	for i := range bs {
		for _, fe := range ValidateDuesBase(&bs[i], r) {
			out = append(out, recordError{quoted(bs[i].MemberName + " " + bs[i].From.String()), fe})
		}
	}
	return out, nil
}
