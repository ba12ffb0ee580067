package data

import (
	"reflect"
	"testing"
)

func TestA1DisciplineRule(t *testing.T) {
	cases := []struct {
		name    string
		ev      A1DisciplineEvidence
		tallies []Tally
		done    string
	}{
		{"all kept", A1DisciplineEvidence{KeyPosts: 7, Quarter: "2026年第四季度", QuarterEnded: true}, nil,
			"2026年第四季度重点岗位党员7人，已谈心谈话7人；作风纪律问题发现0条，销号0条，逾期未销号0条"},
		{"owed in the quarter's first month: shown, not deducted",
			A1DisciplineEvidence{KeyPosts: 7, KeyPostOwed: 5, Quarter: "2026年第四季度"}, nil,
			"2026年第四季度重点岗位党员7人，已谈心谈话2人，尚有5人待谈（季度末考核）；作风纪律问题发现0条，销号0条，逾期未销号0条"},
		{"owed at the quarter's end, findings found and overdue",
			A1DisciplineEvidence{KeyPosts: 7, KeyPostOwed: 2, Quarter: "2026年第四季度", QuarterEnded: true, Found: 3, Closed: 1, Overdue: 1},
			[]Tally{{What: "重点岗位党员2人本季度未谈心谈话", Count: 2}, {What: "发现作风纪律问题3条", Count: 3}, {What: "作风纪律问题逾期未销号1条", Count: 1}},
			"2026年第四季度重点岗位党员7人，已谈心谈话5人，季度末仍有2人未谈；作风纪律问题发现3条，销号1条，逾期未销号1条"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tallies, done, ok := A1Rule(AutoDiscipline, A1Evidence{Discipline: c.ev})
			if !ok || !reflect.DeepEqual(tallies, c.tallies) || done != c.done {
				t.Errorf("got %+v %q\nwant %+v %q", tallies, done, c.tallies, c.done)
			}
		})
	}
	// On the seeded form the item loses 1 point a tally, down to 0.
	a1 := DefaultA1Template()
	a := NewAssessment(&a1, 0, "", MonthPeriod(2026, 12))
	a.ApplyA1Evidence(A1Evidence{Discipline: A1DisciplineEvidence{KeyPosts: 20, KeyPostOwed: 12, QuarterEnded: true}}, nil)
	for _, it := range a.Items {
		if it.Auto == AutoDiscipline {
			if got := ScoreItem(a.Scheme, &it).Score; got != 0 {
				t.Errorf("作风纪律建设靠前 scores %v with 12 owed, want 0", got)
			}
		}
	}
}
