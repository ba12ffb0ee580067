package data

import (
	"context"
	"strings"
	"testing"
)

func TestValidateConcern(t *testing.T) {
	today := NewDate(2026, 3, 20)
	valid := func() Concern {
		return Concern{Date: NewDate(2026, 3, 5), Worker: "陈小军", Team: "综采一队", Channel: "线下", Category: "家庭困难",
			Situation: "家中老人住院，夜班难以照顾", CounselorID: 1, Result: ConcernWatching, VisitDate: NewDate(2026, 3, 25)}
	}
	checkValidation(t, valid, (*Concern).Normalize, func(c *Concern) FieldErrors { return ValidateConcern(c, today) }, []validationCase[Concern]{
		{"valid, visit planned ahead", func(*Concern) {}, ""},
		{"a worker's name with spaces", func(c *Concern) { c.Worker = " 陈　小军 " }, ""},
		{"only the required fields", func(c *Concern) {
			*c = Concern{Date: c.Date, Worker: "马东", Situation: "工作压力大", CounselorID: 2}
		}, ""},
		{"no date", func(c *Concern) { c.Date = Date{} }, FConcernDate},
		{"a future date", func(c *Concern) { c.Date = NewDate(2026, 3, 21) }, FConcernDate},
		{"no worker", func(c *Concern) { c.Worker = " " }, FConcernWorker},
		{"a worker's name too long", func(c *Concern) { c.Worker = strings.Repeat("名", 21) }, FConcernWorker},
		{"unknown channel", func(c *Concern) { c.Channel = "电话" }, FConcernChannel},
		{"unknown category", func(c *Concern) { c.Category = "情绪" }, FConcernCategory},
		{"no situation", func(c *Concern) { c.Situation = "" }, FConcernSituation},
		{"no counsellor", func(c *Concern) { c.CounselorID = 0 }, FCounselor},
		{"unknown result", func(c *Concern) { c.Result = "已解决" }, FConcernResult},
		{"linked to a welfare item but not 转办实事", func(c *Concern) { c.WelfareID = 7 }, FConcernResult},
		{"linked and 转办实事", func(c *Concern) { c.WelfareID, c.Result = 7, ConcernTransferred }, ""},
		{"visit before the concern", func(c *Concern) { c.VisitDate = NewDate(2026, 3, 4) }, FVisitDate},
		{"visit written without its date", func(c *Concern) { c.VisitDate, c.Visit = Date{}, "情绪稳定" }, FVisitDate},
		{"visit written for a day ahead", func(c *Concern) { c.Visit = "情绪稳定" }, FVisitDate},
		{"visit written, done today", func(c *Concern) { c.VisitDate, c.Visit = today, "情绪稳定" }, ""},
	})
}

func TestConcernVisits(t *testing.T) {
	today := NewDate(2026, 3, 20)
	monthEnd := NewDate(2026, 3, 31)
	cases := []struct {
		name    string
		visit   Date
		done    string
		overdue int
		due     bool
	}{
		{"no visit planned", Date{}, "", 0, false},
		{"planned yesterday", NewDate(2026, 3, 19), "", 1, false},
		{"planned ten days ago", NewDate(2026, 3, 10), "", 10, false},
		{"planned yesterday, done", NewDate(2026, 3, 19), "已回访", 0, false},
		{"due today", today, "", 0, true},
		{"due at the month's end", monthEnd, "", 0, true},
		{"due next month", NewDate(2026, 4, 1), "", 0, false},
		{"due this month, done early", NewDate(2026, 3, 25), "已回访", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k := Concern{Date: NewDate(2026, 3, 1), VisitDate: c.visit, Visit: c.done}
			if got := k.VisitOverdueDays(today); got != c.overdue {
				t.Errorf("overdue %d days, want %d", got, c.overdue)
			}
			if got := k.VisitDueBy(today, monthEnd); got != c.due {
				t.Errorf("due %v, want %v", got, c.due)
			}
		})
	}
}

func TestConcernWelfareItem(t *testing.T) {
	c := Concern{BranchID: 3, Date: NewDate(2026, 3, 5), Worker: "陈小军", Team: "综采一队", CounselorID: 9,
		Situation: "宿舍热水器坏了一周，夜班回来洗不上热水澡", Result: ConcernTransferred}
	w := ConcernWelfareItem(&c, NewDate(2026, 3, 5))
	if w.Title != c.Situation || w.Source != "职工反映" || w.Proposer != "陈小军（综采一队）" || w.HandlerID != 9 || w.BranchID != 3 ||
		w.ProposedDate != c.Date || w.PlannedDate != NewDate(2026, 4, 4) || w.State != WelfareRegistered {
		t.Errorf("welfare item %+v", w)
	}
	if fe := ValidateWelfareItem(&w, NewDate(2026, 3, 5)); fe != nil {
		t.Errorf("the item made is refused: %v", fe)
	}
	// Handed on later: 30 days from the day of the hand-over; a long situation is cut to fit 事项.
	c.Situation = strings.Repeat("长", 150)
	w = ConcernWelfareItem(&c, NewDate(2026, 5, 10))
	if w.PlannedDate != NewDate(2026, 6, 9) || w.ProposedDate != c.Date {
		t.Errorf("planned %s, proposed %s", w.PlannedDate, w.ProposedDate)
	}
	w.Normalize()
	if fe := ValidateWelfareItem(&w, NewDate(2026, 5, 10)); fe != nil {
		t.Errorf("the item of a long situation is refused: %v", fe)
	}
}

func TestA1ConcernRule(t *testing.T) {
	asOf := NewDate(2026, 3, 31)
	cases := []struct {
		name     string
		ev       A1ConcernEvidence
		deducted float64
		done     string
	}{
		{"nothing recorded", A1ConcernEvidence{AsOf: asOf}, 2,
			"当月未记录思想疏导；回访完成0次，逾期未回访0次（截至3月31日）"},
		{"nothing recorded, two visits overdue", A1ConcernEvidence{VisitsOverdue: 2, AsOf: asOf}, 6,
			"当月未记录思想疏导；回访完成0次，逾期未回访2次（截至3月31日）"},
		{"all well", A1ConcernEvidence{Handled: 4, Transferred: 1, VisitsDone: 3, VisitsPending: 1, AsOf: asOf}, 0,
			"当月思想疏导4人次（转办实事1件）；回访完成3次，待回访1次，逾期未回访0次（截至3月31日）"},
		{"one overdue", A1ConcernEvidence{Handled: 2, VisitsDone: 1, VisitsOverdue: 1, AsOf: asOf}, 2,
			"当月思想疏导2人次；回访完成1次，逾期未回访1次（截至3月31日）"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tallies, done, ok := A1Rule(AutoConcern, A1Evidence{Concern: c.ev})
			if !ok {
				t.Fatal("AutoConcern is not a rule")
			}
			var sum float64
			for _, ta := range tallies {
				sum += float64(ta.Count) * ta.Per
			}
			if sum != c.deducted || done != c.done {
				t.Errorf("deducted %v (%+v), done %q; want %v, %q", sum, tallies, done, c.deducted, c.done)
			}
		})
	}
	// In the seeded template the item deducts from its 10 points, 扣完为止.
	a1 := DefaultA1Template()
	for _, it := range a1.Items {
		if it.Auto == AutoConcern && (it.Name != "人文关怀疏导靠前" || it.Method != MethodDeduct || it.Standard != A1ConcernStandard || it.Points != 10) {
			t.Errorf("A1 item %+v", it)
		}
	}
}

// concernsOnly is a Store whose only records are concerns (the other methods are never called).
type concernsOnly struct {
	Store
	cs []Concern
}

func (s concernsOnly) Concerns(context.Context, ConcernFilter) ([]Concern, error) { return s.cs, nil }

func TestConcernTodos(t *testing.T) {
	today := NewDate(2026, 3, 20)
	st := concernsOnly{cs: []Concern{
		{ID: 1, VisitDate: NewDate(2026, 3, 2)},               // overdue
		{ID: 2, VisitDate: NewDate(2026, 2, 10)},              // overdue
		{ID: 3, VisitDate: NewDate(2026, 3, 2), Visit: "已回访"}, // done
		{ID: 4, VisitDate: NewDate(2026, 3, 31)},              // due this month
		{ID: 5, VisitDate: NewDate(2026, 4, 2)},               // due next month
		{ID: 6},                                               // no visit planned
	}}
	ts, err := concernTodos(context.Background(), st, today)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Count != 2 || !ts[0].Overdue || ts[0].View != ViewOverdue || ts[0].Entity != EntConcern ||
		ts[1].Count != 1 || ts[1].Overdue || ts[1].View != ViewDue {
		t.Errorf("todos %+v", ts)
	}
	if ts[0].Text() != "逾期未回访的思想疏导：2" {
		t.Errorf("line %q", ts[0].Text())
	}
}
