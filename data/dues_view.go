package data

import (
	"context"
	"fmt"
	"strings"
)

// DuesView is the 党费 ledger of a span of months as every dues screen, report and the A2 points
// read it: who owes what each month (base history, reliefs, rate table) and what was paid.
type DuesView struct {
	From, To Month
	Rates    DuesRates
	Members  []Member         // on the roll, or with a payment in the span; roster order
	Groups   map[int64]string // member id → 党小组 name
	Bases    map[int64][]DuesBase
	Reliefs  map[int64][]DuesRelief
	Paid     map[int64]map[int]DuesPayment // member id → Month.Index → payment
	States   map[int]DuesMonthState        // Month.Index → state (months of the span's years)
	// left is the month a member who left the roll (with a date) left in: later months owe nothing.
	left map[int64]Month
}

// NewDuesView indexes the ledger's records for months from … to. members are in roster order;
// those off the roll are kept only when they paid in the span.
func NewDuesView(from, to Month, rates DuesRates, members []Member, groups []Group, bases []DuesBase,
	reliefs []DuesRelief, payments []DuesPayment, states []DuesMonthState) *DuesView {
	v := &DuesView{From: from, To: to, Rates: rates, Groups: map[int64]string{}, Bases: map[int64][]DuesBase{},
		Reliefs: map[int64][]DuesRelief{}, Paid: map[int64]map[int]DuesPayment{}, States: map[int]DuesMonthState{}, left: map[int64]Month{}}
	for _, p := range payments {
		if p.Month.Index() < from.Index() || p.Month.Index() > to.Index() {
			continue
		}
		if v.Paid[p.MemberID] == nil {
			v.Paid[p.MemberID] = map[int]DuesPayment{}
		}
		v.Paid[p.MemberID][p.Month.Index()] = p
	}
	name := map[int64]string{}
	for _, g := range groups {
		name[g.ID] = g.Name
	}
	for _, m := range members {
		if m.RollStatus != "" && m.RollStatus != RollIn {
			if !m.RollDate.IsZero() {
				v.left[m.ID] = MonthOf(m.RollDate)
			}
			if len(v.Paid[m.ID]) == 0 {
				continue
			}
		}
		v.Members = append(v.Members, m)
		v.Groups[m.ID] = name[m.GroupID]
	}
	for _, b := range bases {
		v.Bases[b.MemberID] = append(v.Bases[b.MemberID], b)
	}
	for _, r := range reliefs {
		v.Reliefs[r.MemberID] = append(v.Reliefs[r.MemberID], r)
	}
	for _, s := range states {
		v.States[s.Month.Index()] = s
	}
	return v
}

// LoadDues reads the ledger of months from … to from st.
func LoadDues(ctx context.Context, st Store, from, to Month) (*DuesView, error) {
	rates, err := st.DuesRates(ctx)
	if err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, err
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return nil, err
	}
	bases, err := st.DuesBases(ctx, 0)
	if err != nil {
		return nil, err
	}
	reliefs, err := st.DuesReliefs(ctx, 0)
	if err != nil {
		return nil, err
	}
	pays, err := st.DuesPayments(ctx, from, to)
	if err != nil {
		return nil, err
	}
	var states []DuesMonthState
	for y := from.Year; y <= to.Year; y++ {
		s, err := st.DuesMonths(ctx, y)
		if err != nil {
			return nil, err
		}
		states = append(states, s...)
	}
	return NewDuesView(from, to, rates, members, groups, bases, reliefs, pays, states), nil
}

// MonthDue is what a member owes for month m: the base entry that applies (nil: none yet, so
// nothing is owed), its rate (万分之; 0 for a fixed amount), the amount after any relief, and the
// relief applied.
type MonthDue struct {
	Base   *DuesBase
	Rate   int64
	Full   int64 // before relief
	Due    int64
	Relief *DuesRelief
}

// DueOf works out a member's 应缴 for month m (nothing after the month they left the roll in).
func (v *DuesView) DueOf(memberID int64, m Month) MonthDue {
	var d MonthDue
	if l, ok := v.left[memberID]; ok && m.Index() > l.Index() {
		return d // off the roll since an earlier month
	}
	if d.Base = BaseAt(v.Bases[memberID], m); d.Base == nil {
		return d
	}
	d.Rate, d.Full = v.Rates.Due(d.Base)
	d.Due = d.Full
	for i := range v.Reliefs[memberID] {
		r := &v.Reliefs[memberID][i]
		if m.Index() < r.From.Index() || m.Index() > r.To.Index() {
			continue
		}
		d.Relief = r
		if r.Kind == ReliefExempt {
			d.Due = 0
		} else {
			d.Due = min(d.Due, r.Amount)
		}
	}
	return d
}

// PaidOf is the payment of a member's month (zero when none).
func (v *DuesView) PaidOf(memberID int64, m Month) (DuesPayment, bool) {
	p, ok := v.Paid[memberID][m.Index()]
	return p, ok
}

// Owes says whether the member still owes for month m.
func (v *DuesView) Owes(memberID int64, m Month) bool {
	d := v.DueOf(memberID, m)
	p, _ := v.PaidOf(memberID, m)
	return d.Due > 0 && p.Paid < d.Due
}

// State is month m's collection state.
func (v *DuesView) State(m Month) DuesMonthState {
	if s, ok := v.States[m.Index()]; ok {
		return s
	}
	return DuesMonthState{Month: m, State: DuesUncollected}
}

// DuesSheetRow is a member's line of a month's collection sheet.
type DuesSheetRow struct {
	Member Member
	Group  string
	MonthDue
	Payment DuesPayment // zero when nothing was paid
	Paid    bool
}

// Owes says whether the row's member still owes for the month.
func (r *DuesSheetRow) Owes() bool { return r.Due > 0 && r.Payment.Paid < r.Due }

// Sheet is month m's collection sheet: every member in roster order.
func (v *DuesView) Sheet(m Month) []DuesSheetRow {
	out := make([]DuesSheetRow, len(v.Members))
	for i, mem := range v.Members {
		p, ok := v.PaidOf(mem.ID, m)
		out[i] = DuesSheetRow{Member: mem, Group: v.Groups[mem.ID], MonthDue: v.DueOf(mem.ID, m), Payment: p, Paid: ok}
	}
	return out
}

// DuesSheetTotals counts a month's sheet: members who owe anything (应缴人数), those fully paid
// (收齐), and those still owing.
type DuesSheetTotals struct {
	Owing, Done int
	Due, Paid   int64
	Behind      []string // names of members still owing
}

// Totals counts the sheet's rows.
func Totals(rows []DuesSheetRow) DuesSheetTotals {
	var t DuesSheetTotals
	for i := range rows {
		r := &rows[i]
		t.Paid += r.Payment.Paid
		if r.Due <= 0 {
			continue
		}
		t.Owing++
		t.Due += r.Due
		if r.Owes() {
			t.Behind = append(t.Behind, r.Member.Name)
		} else {
			t.Done++
		}
	}
	return t
}

// DuesYearRow is a member's line of R21.
type DuesYearRow struct {
	Member   Member
	Group    string
	Category string
	Base     int64 // of the year's last month with a base
	Rate     int64
	Monthly  int64 // 月应缴 of that month
	HasBase  bool
	Paid     [12]int64
	PaidAny  [12]bool
	Total    int64
	Behind   int // 欠缴月数: months ended before asOf with 应缴 not fully paid (arrears, as A2 counts them)
}

// YearRows are R21's rows for year (the view must span it), counting as arrears the months that
// ended before asOf unpaid: the month under way is still being collected.
func (v *DuesView) YearRows(year int, asOf Date) []DuesYearRow {
	out := make([]DuesYearRow, 0, len(v.Members))
	for _, mem := range v.Members {
		r := DuesYearRow{Member: mem, Group: v.Groups[mem.ID]}
		for mo := 1; mo <= 12; mo++ {
			m := Month{year, monthOf(mo)}
			d := v.DueOf(mem.ID, m)
			if d.Base != nil {
				r.HasBase, r.Category, r.Base, r.Rate, r.Monthly = true, d.Base.Category, d.Base.Base, d.Rate, d.Due
			}
			if p, ok := v.PaidOf(mem.ID, m); ok {
				r.Paid[mo-1], r.PaidAny[mo-1] = p.Paid, true
				r.Total += p.Paid
			}
			if m.Last().Before(asOf) && v.Owes(mem.ID, m) {
				r.Behind++
			}
		}
		out = append(out, r)
	}
	return out
}

// DuesSummaryRow is one line of R22: a 党小组 or the total.
type DuesSummaryRow struct {
	Group                  string
	DueCount, PaidCount    int
	BehindCount            int
	DueSum, PaidSum, Owing int64
}

// Summary is R22 for months from … to (inside the view), counting months started by asOf: one row
// per 党小组 in the order of groups (members of no group under 未分组), then the total. A member is
// counted once in each count however many months they owe or paid.
func (v *DuesView) Summary(from, to Month, asOf Date, groups []Group) []DuesSummaryRow {
	idx := map[string]int{}
	var rows []DuesSummaryRow
	for _, g := range groups {
		idx[g.Name] = len(rows)
		rows = append(rows, DuesSummaryRow{Group: g.Name})
	}
	total := DuesSummaryRow{Group: "合计"}
	for _, mem := range v.Members {
		var r DuesSummaryRow
		var due, paid, behind bool
		for i := from.Index(); i <= to.Index(); i++ {
			m := MonthAt(i)
			if m.First().After(asOf) {
				break
			}
			d := v.DueOf(mem.ID, m)
			p, _ := v.PaidOf(mem.ID, m)
			r.DueSum += d.Due
			r.PaidSum += p.Paid
			due = due || d.Due > 0
			paid = paid || p.Paid > 0
			if d.Due > p.Paid {
				r.Owing += d.Due - p.Paid
				behind = true
			}
		}
		r.DueCount, r.PaidCount, r.BehindCount = b2i(due), b2i(paid), b2i(behind)
		g := v.Groups[mem.ID]
		if g == "" {
			g = "未分组"
		}
		i, ok := idx[g]
		if !ok {
			i = len(rows)
			idx[g] = i
			rows = append(rows, DuesSummaryRow{Group: g})
		}
		rows[i].add(r)
		total.add(r)
	}
	return append(rows, total)
}

func (s *DuesSummaryRow) add(r DuesSummaryRow) {
	s.DueCount += r.DueCount
	s.PaidCount += r.PaidCount
	s.BehindCount += r.BehindCount
	s.DueSum += r.DueSum
	s.PaidSum += r.PaidSum
	s.Owing += r.Owing
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// DuesBehindLimit is how many months behind earn 未按期缴纳党费 in the A2 points.
const DuesBehindLimit = 3

// PointEntriesForDues are the A2 entries the dues ledger calls for in year on day today: for each
// member with DuesBehindLimit or more months of the year that ended unpaid, one 未按期缴纳党费 (−2)
// dated the day after the third such month ended (within the year). The record of the entry is the
// year (RecordKind EntDues, RecordID the year), so a member gets at most one a year.
func PointEntriesForDues(v *DuesView, year int, today Date) []PointEntry {
	var out []PointEntry
	for _, mem := range v.Members {
		var owed []string
		var third Month
		for mo := 1; mo <= 12; mo++ {
			m := Month{year, monthOf(mo)}
			if !m.Last().Before(today) {
				break
			}
			if v.Owes(mem.ID, m) {
				owed = append(owed, fmt.Sprintf("%d月", mo))
				if len(owed) == DuesBehindLimit {
					third = m
				}
			}
		}
		if len(owed) < DuesBehindLimit {
			continue
		}
		date := third.Last().AddDays(1)
		if date.Year != year {
			date = third.Last()
		}
		out = append(out, PointEntry{BranchID: mem.BranchID, MemberID: mem.ID, Date: date, Item: PointDues, Points: -2,
			Reason:     fmt.Sprintf("未按期缴纳党费：%d年欠缴%d个月（%s）", year, len(owed), strings.Join(owed, "、")),
			RecordKind: EntDues, RecordID: int64(year), Generated: true})
	}
	return out
}
