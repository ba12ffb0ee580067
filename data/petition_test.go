package data

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func testPetition() Petition {
	return Petition{Date: NewDate(2026, 3, 2), Petitioner: "王五", Team: "综采一队", Category: "工资待遇", Content: "反映加班工资未足额发放",
		Keepers: []PetitionMember{{MemberID: 1, Name: "张三"}, {MemberID: 2, Name: "李四"}}, Deadline: NewDate(2026, 3, 31)}
}

func TestValidatePetition(t *testing.T) {
	today := NewDate(2026, 4, 10)
	tests := []struct {
		name  string
		edit  func(p *Petition)
		field string // "" = valid
	}{
		{"valid, one keeper", func(p *Petition) { p.Keepers = p.Keepers[:1] }, ""},
		{"valid, several keepers", func(p *Petition) {}, ""},
		{"no date", func(p *Petition) { p.Date = Date{} }, FPetitionDate},
		{"future date", func(p *Petition) { p.Date = NewDate(2026, 5, 1); p.Deadline = NewDate(2026, 6, 1) }, FPetitionDate},
		{"no petitioner", func(p *Petition) { p.Petitioner = "" }, FPetitioner},
		{"no content", func(p *Petition) { p.Content = " " }, FPetitionContent},
		{"unknown category", func(p *Petition) { p.Category = "物业" }, FPetitionCategory},
		{"unknown risk", func(p *Petition) { p.Risk = "特大" }, FPetitionRisk},
		{"no keeper", func(p *Petition) { p.Keepers = nil }, FKeepers},
		{"keeper twice", func(p *Petition) { p.Keepers[1] = p.Keepers[0] }, FKeepers},
		{"no deadline", func(p *Petition) { p.Deadline = Date{} }, FPetitionDeadline},
		{"deadline before registration", func(p *Petition) { p.Deadline = NewDate(2026, 3, 1) }, FPetitionDeadline},
		{"unknown state", func(p *Petition) { p.State = "已办结" }, FPetitionState},
		{"resolved without date", func(p *Petition) { p.State, p.Result = PetitionResolved, "已补发" }, FResolvedDate},
		{"resolved before registration", func(p *Petition) { p.State, p.Result, p.Resolved = PetitionResolved, "已补发", NewDate(2026, 3, 1) }, FResolvedDate},
		{"resolved in the future", func(p *Petition) { p.State, p.Result, p.Resolved = PetitionSettled, "息诉", NewDate(2026, 4, 11) }, FResolvedDate},
		{"resolved without result", func(p *Petition) { p.State, p.Resolved = PetitionResolved, NewDate(2026, 3, 20) }, FPetitionResult},
		{"resolved", func(p *Petition) { p.State, p.Result, p.Resolved = PetitionResolved, "已补发", NewDate(2026, 3, 20) }, ""},
	}
	for _, tt := range tests {
		p := testPetition()
		tt.edit(&p)
		p.Normalize()
		fe := ValidatePetition(&p, today)
		switch {
		case tt.field == "" && fe != nil:
			t.Errorf("%s: refused: %v", tt.name, fe)
		case tt.field != "" && fe.For(tt.field) == "":
			t.Errorf("%s: want an error on %s, got %v", tt.name, tt.field, fe)
		}
	}
	p := testPetition()
	p.State, p.Resolved = PetitionHandling, NewDate(2026, 3, 20)
	p.Normalize()
	if !p.Resolved.IsZero() || p.Risk != "一般" {
		t.Errorf("normalised open case keeps 化解日期 %s, risk %q", p.Resolved, p.Risk)
	}
}

func TestValidateScreening(t *testing.T) {
	today := NewDate(2026, 4, 10)
	tests := []struct {
		name  string
		s     Screening
		field string
	}{
		{"whole branch", Screening{Date: NewDate(2026, 4, 1)}, ""},
		{"two teams and screeners", Screening{Date: NewDate(2026, 4, 1), Teams: []string{"综采一队", "掘进二队"},
			Screeners: []PetitionMember{{MemberID: 1}, {MemberID: 2}}, Factors: 2, FactorText: "两名职工因工资有怨言"}, ""},
		{"no date", Screening{}, FScreeningDate},
		{"future", Screening{Date: NewDate(2026, 4, 11)}, FScreeningDate},
		{"count without text", Screening{Date: NewDate(2026, 4, 1), Factors: 1}, FFactorText},
		{"text without count", Screening{Date: NewDate(2026, 4, 1), FactorText: "有"}, FFactors},
		{"negative count", Screening{Date: NewDate(2026, 4, 1), Factors: -1}, FFactors},
		{"screener twice", Screening{Date: NewDate(2026, 4, 1), Screeners: []PetitionMember{{MemberID: 1}, {MemberID: 1}}}, FScreeners},
	}
	for _, tt := range tests {
		tt.s.Normalize()
		fe := ValidateScreening(&tt.s, today)
		switch {
		case tt.field == "" && fe != nil:
			t.Errorf("%s: refused: %v", tt.name, fe)
		case tt.field != "" && fe.For(tt.field) == "":
			t.Errorf("%s: want an error on %s, got %v", tt.name, tt.field, fe)
		}
	}
	s := Screening{Teams: []string{" 综采一队", "全支部", "综采一队"}}
	s.Normalize()
	if s.ScopeText() != ScopeWholeBranch || len(s.Teams) != 0 {
		t.Errorf("全支部 among teams: %v", s.Teams)
	}
	s = Screening{Teams: []string{"综采一队", "综采一队 ", "掘进二队"}}
	s.Normalize()
	if s.ScopeText() != "综采一队、掘进二队" {
		t.Errorf("scope %q", s.ScopeText())
	}
}

func TestPetitionOverdue(t *testing.T) {
	p := testPetition() // due 2026-03-31
	tests := []struct {
		name     string
		state    string
		resolved Date
		asOf     Date
		overdue  int
		due      bool
	}{
		{"open before the deadline", PetitionHandling, Date{}, NewDate(2026, 3, 15), 0, true},
		{"open on the deadline", PetitionRegistered, Date{}, NewDate(2026, 3, 31), 0, true},
		{"open the day after", PetitionHandling, Date{}, NewDate(2026, 4, 1), 1, false},
		{"open long after", PetitionHandling, Date{}, NewDate(2026, 4, 30), 30, false},
		{"resolved on time", PetitionResolved, NewDate(2026, 3, 20), NewDate(2026, 4, 30), 0, false},
		{"settled late, asked after", PetitionSettled, NewDate(2026, 4, 10), NewDate(2026, 4, 30), 0, false},
		{"settled late, asked before it was", PetitionSettled, NewDate(2026, 4, 10), NewDate(2026, 4, 5), 5, false},
		{"not registered yet", PetitionRegistered, Date{}, NewDate(2026, 3, 1), 0, true},
	}
	for _, tt := range tests {
		p.State, p.Resolved = tt.state, tt.resolved
		if got := p.OverdueDays(tt.asOf); got != tt.overdue {
			t.Errorf("%s: overdue %d days, want %d", tt.name, got, tt.overdue)
		}
		if got := p.DueIn(tt.asOf); got != tt.due {
			t.Errorf("%s: due this month %v, want %v", tt.name, got, tt.due)
		}
	}
	p.State, p.Resolved = PetitionResolved, NewDate(2026, 3, 31)
	if !p.ClosedOnTime() {
		t.Error("closed on the deadline is on time")
	}
	p.Resolved = NewDate(2026, 4, 1)
	if p.ClosedOnTime() {
		t.Error("closed the day after is late")
	}
}

func TestPointEntriesForPetition(t *testing.T) {
	p := testPetition()
	p.ID = 9
	if es := PointEntriesForPetition(&p); es != nil {
		t.Errorf("open case earns %+v", es)
	}
	p.State, p.Resolved, p.Result = PetitionSettled, NewDate(2026, 3, 25), "息诉"
	es := PointEntriesForPetition(&p)
	if len(es) != 2 || es[0].MemberID != 1 || es[1].MemberID != 2 || es[0].Points != 2 || es[0].Item != PointPetition ||
		es[0].Date != p.Resolved || es[1].RecordKind != EntPetition || es[1].RecordID != 9 || !es[1].Generated {
		t.Errorf("entries %+v", es)
	}
	a2 := DefaultA2Template()
	for i := range es {
		e := es[i]
		e.Generated = false
		if fe := ValidatePointEntry(&e, &a2, NewDate(2026, 4, 1)); fe != nil {
			t.Errorf("entry refused by the A2 catalogue: %v", fe)
		}
	}
}

func TestA1PetitionRule(t *testing.T) {
	tests := []struct {
		name    string
		ev      A1PetitionEvidence
		score   float64
		total   float64 // of an A1 form whose other items are full (manual) and scored with no other evidence
		grade   string
		vetoed  bool
		done    string
		reasons string
	}{
		{"screened, nothing open", A1PetitionEvidence{Screenings: 2, Factors: 1, Registered: 1, Closed: 1, ClosedOnTime: 1}, 10, 100, GradeExcellent, false,
			"矛盾排查2次，发现不稳定因素1个；信访事项登记1件，化解1件（按期1件），逾期未化解0件（截至11月30日）；未发生越级上访", ""},
		{"no screening", A1PetitionEvidence{}, 7, 97, GradeExcellent, false,
			"当月未开展矛盾排查；信访事项登记0件，化解0件（按期0件），逾期未化解0件（截至11月30日）；未发生越级上访", "当月未开展矛盾排查，扣3分"},
		{"overdue cases", A1PetitionEvidence{Screenings: 1, Overdue: 2}, 6, 96, GradeExcellent, false, "", "逾期未化解信访事项2件，扣4分"},
		{"deductions capped", A1PetitionEvidence{Overdue: 9}, 0, 90, GradeExcellent, false, "", ""},
		{"one 越级上访 vetoes", A1PetitionEvidence{Screenings: 1, Escalated: 1}, 5, 0, GradeFail, true, "", "发生越级上访1起，扣5分"},
	}
	tpl := DefaultA1Template()
	for i := range tpl.Items {
		if tpl.Items[i].Auto != AutoPetition {
			tpl.Items[i].Auto, tpl.Items[i].Method, tpl.Items[i].Per = "", MethodManual, 0 // only the rule under test counts
		}
	}
	for _, tt := range tests {
		a := NewAssessment(&tpl, 1, "支部", MonthPeriod(2026, time.November))
		a.ApplyA1Evidence(A1Evidence{AsOf: NewDate(2026, 11, 30), Petitions: tt.ev}, map[string][]EvidenceRef{AutoPetition: {{Kind: EntPetition, ID: 1}}})
		i := slices.IndexFunc(a.Items, func(it AssessmentItem) bool { return it.Auto == AutoPetition })
		s := ScoreAssessment(&a)
		if s.Items[i].Score != tt.score || s.Total != tt.total || s.Grade != tt.grade || s.Vetoed != tt.vetoed {
			t.Errorf("%s: item %v total %v %s vetoed %v, want %v %v %s %v", tt.name, s.Items[i].Score, s.Total, s.Grade, s.Vetoed, tt.score, tt.total, tt.grade, tt.vetoed)
		}
		if tt.vetoed && !slices.Equal(s.Vetoes, []string{"信访维稳排查靠前"}) {
			t.Errorf("%s: vetoes %v", tt.name, s.Vetoes)
		}
		if tt.done != "" && a.Items[i].Done != tt.done {
			t.Errorf("%s: 完成情况 %q", tt.name, a.Items[i].Done)
		}
		if tt.reasons != "" && !strings.Contains(a.Items[i].Reason, tt.reasons) {
			t.Errorf("%s: 扣分原因 %q, want %q", tt.name, a.Items[i].Reason, tt.reasons)
		}
		if len(a.Items[i].Evidence) != 1 {
			t.Errorf("%s: evidence %v", tt.name, a.Items[i].Evidence)
		}
		for _, e := range ValidateAssessment(&a) {
			t.Errorf("%s: %s：%s", tt.name, e.Field, e.Message)
		}
	}

	// The user switches the veto off: a 越级上访 deducts its 5 points, nothing more.
	tpl.Items[9].Veto = false
	if fe := ValidateAssessTemplate(&tpl); fe != nil {
		t.Fatalf("template without the veto refused: %v", fe)
	}
	a := NewAssessment(&tpl, 1, "支部", MonthPeriod(2026, time.November))
	a.ApplyA1Evidence(A1Evidence{Petitions: A1PetitionEvidence{Screenings: 1, Escalated: 1}}, nil)
	if s := ScoreAssessment(&a); s.Vetoed || s.Total != 95 || s.Grade != GradeExcellent {
		t.Errorf("veto off: total %v %s vetoed %v", s.Total, s.Grade, s.Vetoed)
	}
}

func TestNoVetoTallies(t *testing.T) {
	it := AssessmentItem{AssessItem: AssessItem{Name: "否决项", Points: 10, Method: MethodDeduct, Per: 1, Veto: true},
		Tallies: []Tally{{What: "扣分", Count: 3, NoVeto: true}}}
	if s := ScoreItem(SchemeSum, &it); s.Vetoed || s.Score != 7 {
		t.Errorf("NoVeto tally: %+v", s)
	}
	it.Tallies = append(it.Tallies, Tally{What: "否决", Count: 1})
	if s := ScoreItem(SchemeSum, &it); !s.Vetoed {
		t.Errorf("veto tally: %+v", s)
	}
}

type todoStore struct {
	Store
	ps []Petition
	ss []Screening
}

func (s todoStore) Petitions(context.Context, PetitionFilter) ([]Petition, error) { return s.ps, nil }
func (s todoStore) Screenings(_ context.Context, f PetitionFilter) ([]Screening, error) {
	var out []Screening
	for _, v := range s.ss {
		if !v.Date.Before(f.From) && !v.Date.After(f.To) {
			out = append(out, v)
		}
	}
	return out, nil
}

func TestPetitionTodos(t *testing.T) {
	today := NewDate(2026, 4, 10)
	late, due, later, done := testPetition(), testPetition(), testPetition(), testPetition()
	due.Deadline, later.Deadline = NewDate(2026, 4, 30), NewDate(2026, 5, 3)
	done.State, done.Resolved = PetitionResolved, NewDate(2026, 3, 30)
	st := todoStore{ps: []Petition{late, due, later, done}, ss: []Screening{{Date: NewDate(2026, 3, 28)}}}
	ts, err := petitionTodos(context.Background(), st, today)
	if err != nil || len(ts) != 3 || ts[0].Count != 1 || !ts[0].Overdue || ts[0].View != ViewOverdue || ts[1].Count != 1 || ts[1].View != ViewDue ||
		ts[2].Count != 1 || ts[2].Entity != EntScreening {
		t.Errorf("todos %+v, %v", ts, err)
	}
	st.ss = append(st.ss, Screening{Date: NewDate(2026, 4, 2)})
	if ts, _ := petitionTodos(context.Background(), st, today); ts[2].Count != 0 {
		t.Errorf("screened this month: %+v", ts[2])
	}
}

func TestPetitionLabel(t *testing.T) {
	for _, tc := range []struct{ category, want string }{
		{"工资待遇", "2026-03-05 张三反映工资待遇问题"},
		{"其他", "2026-03-05 张三反映诉求"},
		{"", "2026-03-05 张三反映诉求"},
	} {
		p := Petition{Date: NewDate(2026, 3, 5), Petitioner: "张三", Category: tc.category}
		if got := PetitionLabel(&p); got != tc.want {
			t.Errorf("PetitionLabel(category %q) = %q, want %q", tc.category, got, tc.want)
		}
	}
}
