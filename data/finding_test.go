package data

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func openFinding() Finding {
	f := Finding{
		Source: SourceOther, FoundDate: Date{2026, time.November, 2}, Category: "安全生产不实",
		Description: "综采工作面支架初撑力不足", Responsible: "李四", Deadline: Date{2026, time.November, 9},
	}
	f.Normalize()
	return f
}

// The close-out flow of SPEC §3, written out as a matrix so that a change of the table in
// finding.go shows up here: every pair of states is either allowed (with or without a reason) or refused.
func TestTransitionMatrix(t *testing.T) {
	co := &CloseOut{Progress: "已补液，初撑力达标", Acceptor: "王五", ClosedDate: Date{2026, time.November, 10}}
	transitionMatrix[Finding]{
		states: FindingStates,
		want: map[[2]string]transitionRule{
			{StatePending, StateFixing}: allowed,
			{StateFixing, StateReview}:  allowed,
			{StateReview, StateClosed}:  allowed,
			{StateReview, StateFixing}:  needsReason,
			{StateClosed, StateFixing}:  needsReason,
		},
		fresh: func(from string) Finding {
			f := openFinding()
			f.State = from
			if from == StateClosed {
				f.Progress, f.Acceptor, f.ClosedDate = "已整改", "王五", Date{2026, time.November, 8}
			}
			return f
		},
		state:  func(f *Finding) string { return f.State },
		apply:  func(f *Finding, to, reason string) error { return ApplyTransition(f, to, reason, co, testToday) },
		reason: "整改不到位",
	}.check(t)
}

func TestCloseOutNeedsDetails(t *testing.T) {
	f := openFinding()
	f.State = StateReview
	err := ApplyTransition(&f, StateClosed, "", &CloseOut{ClosedDate: Date{2026, time.November, 1}}, testToday)
	fe, ok := err.(FieldErrors)
	if !ok || fe.For(FProgress) == "" || fe.For(FAcceptor) == "" || !strings.Contains(fe.For(FClosedDate), "不能早于发现日期") {
		t.Fatalf("close-out without details: %v", err)
	}
	if f.State != StateReview {
		t.Fatal("refused close-out changed the state")
	}
	if err := ApplyTransition(&f, StateClosed, "", &CloseOut{Progress: "x", Acceptor: "王五", ClosedDate: Date{2026, time.November, 24}}, testToday); err == nil {
		t.Fatal("closing in the future accepted")
	}
	// Closing on the day it was found is allowed; reopening clears the close date.
	if err := ApplyTransition(&f, StateClosed, "", &CloseOut{Progress: "当场整改", Acceptor: "王五", ClosedDate: f.FoundDate}, testToday); err != nil {
		t.Fatal(err)
	}
	if err := ApplyTransition(&f, StateFixing, "复查发现反弹", nil, testToday); err != nil || !f.ClosedDate.IsZero() || f.Progress != "当场整改" {
		t.Fatalf("reopen: %v %+v", err, f)
	}
}

func TestOverdueDays(t *testing.T) {
	tests := []struct {
		deadline, today Date
		state           string
		want            int
	}{
		{Date{2026, 11, 9}, Date{2026, 11, 9}, StatePending, 0}, // due today is not overdue
		{Date{2026, 11, 9}, Date{2026, 11, 10}, StateFixing, 1},
		{Date{2026, 10, 31}, Date{2026, 11, 1}, StateReview, 1},   // across a month end
		{Date{2025, 12, 31}, Date{2026, 1, 1}, StatePending, 1},   // across a year end
		{Date{2024, 2, 28}, Date{2024, 3, 1}, StatePending, 2},    // leap year
		{Date{2025, 12, 20}, Date{2026, 1, 19}, StatePending, 30}, // a month
		{Date{2026, 11, 1}, Date{2026, 11, 23}, StateClosed, 0},   // closed is never overdue
		{Date{}, Date{2026, 11, 23}, StatePending, 0},
	}
	for _, tt := range tests {
		f := Finding{Deadline: tt.deadline, State: tt.state}
		if got := f.OverdueDays(tt.today); got != tt.want {
			t.Errorf("deadline %v on %v (%s): %d days, want %d", tt.deadline, tt.today, tt.state, got, tt.want)
		}
	}
}

func TestDueBy(t *testing.T) {
	today, sunday := Date{2026, 11, 23}, Date{2026, 11, 29} // a Monday and its week's end
	tests := []struct {
		deadline Date
		state    string
		want     bool
	}{
		{Date{2026, 11, 23}, StatePending, true}, // due today is not overdue
		{Date{2026, 11, 27}, StateFixing, true},
		{Date{2026, 11, 29}, StateReview, true},   // the week's last day
		{Date{2026, 11, 22}, StatePending, false}, // overdue: counted as 逾期 only
		{Date{2026, 11, 10}, StateReview, false},
		{Date{2026, 11, 30}, StatePending, false}, // next week
		{Date{2026, 11, 27}, StateClosed, false},
		{Date{}, StatePending, false},
	}
	for _, tt := range tests {
		f := Finding{Deadline: tt.deadline, State: tt.state}
		if got := f.DueBy(today, sunday); got != tt.want {
			t.Errorf("deadline %v (%s): DueBy = %v, want %v", tt.deadline, tt.state, got, tt.want)
		}
	}
}

func TestValidateFinding(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *Finding)
		field  string
		msg    string
	}{
		{"found missing", func(f *Finding) { f.FoundDate = Date{} }, FFoundDate, "请填写"},
		{"found future", func(f *Finding) { f.FoundDate = Date{2026, 11, 24}; f.Deadline = Date{2026, 12, 1} }, FFoundDate, "不能晚于今天"},
		{"category", func(f *Finding) { f.Category = "" }, FCategoryF, "请填写"},
		{"description", func(f *Finding) { f.Description = "" }, FDescription, "请填写"},
		{"description is category", func(f *Finding) { f.Description = f.Category }, FDescription, "请具体描述"},
		{"responsible", func(f *Finding) { f.Responsible = "" }, FResponsible, "请填写"},
		{"deadline missing", func(f *Finding) { f.Deadline = Date{} }, FDeadline, "请填写"},
		{"deadline early", func(f *Finding) { f.Deadline = Date{2026, 11, 1} }, FDeadline, "不能早于发现日期"},
		{"state", func(f *Finding) { f.State = "搁置" }, FState, "无法识别"},
		{"closed without details", func(f *Finding) { f.State = StateClosed }, FProgress, "须填写整改情况"},
		{"open with close date", func(f *Finding) { f.ClosedDate = Date{2026, 11, 5} }, FClosedDate, "尚未销号"},
		{"source", func(f *Finding) { f.Source = "上级" }, "来源", "无法识别"},
	}
	for _, tt := range tests {
		f := openFinding()
		tt.change(&f)
		fe := ValidateFinding(&f, testToday)
		if fe.For(tt.field) == "" || !strings.Contains(fe.For(tt.field), tt.msg) {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
	}
	f := openFinding()
	if fe := ValidateFinding(&f, testToday); fe != nil {
		t.Fatalf("valid finding rejected: %v", fe)
	}
}

func TestValidateInspection(t *testing.T) {
	in := Inspection{
		Date: Date{2026, 11, 20}, Kind: "四不两直督查", Shift: "夜班", TeamID: 3,
		Inspectors: []Inspector{{MemberID: 1, Lead: true}, {MemberID: 2}},
		Findings:   []Finding{{Category: "安全生产不实", Description: "未按规定佩戴自救器", Responsible: "赵六", Deadline: Date{2026, 11, 22}}},
	}
	in.Normalize()
	if fe := ValidateInspection(&in, testToday); fe != nil {
		t.Fatalf("valid inspection rejected: %v", fe)
	}
	if f := in.Findings[0]; f.Source != SourceInspection || f.FoundDate != in.Date || f.TeamID != 3 || f.State != StatePending {
		t.Fatalf("finding did not inherit from its inspection: %+v", f)
	}
	bad := Inspection{Kind: "抽查", Shift: "白班", Inspectors: []Inspector{{MemberID: 1}, {MemberID: 1}},
		Findings: []Finding{{Description: "x"}}}
	bad.Normalize()
	fe := ValidateInspection(&bad, testToday)
	for _, field := range []string{FInspDate, FInspKind, FShift, FInspectors, FInspUnit, "问题1：" + FResponsible} {
		if fe.ForLabel(field) == "" {
			t.Errorf("no problem on %s: %v", field, fe)
		}
	}
	// The finding's problem is on its row as data, and reads as 问题1：责任人 in text.
	if i := slices.IndexFunc(fe, func(e FieldError) bool { return e.Field == FResponsible }); i < 0 ||
		fe[i].Row != 1 || fe[i].List != RowFinding || fe[i].Label() != "问题1："+FResponsible || fe.For(FResponsible) != "" {
		t.Errorf("finding's problem not on its row: %+v", fe)
	}
	noLead := in
	noLead.Inspectors = []Inspector{{MemberID: 1}}
	if fe := ValidateInspection(&noLead, testToday); !strings.Contains(fe.For(FInspectors), "牵头人") {
		t.Errorf("inspection without a lead: %v", fe)
	}
}
