package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

func TestSurveyRates(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := showNew(env, NewSurveysScreen(env))
	if len(s.rows) != len(data.DefaultSurveyQuestions) || s.rows[0].text.Text != data.DefaultSurveyQuestions[0] {
		t.Fatalf("a new canteen survey should start with the canteen questions, has %d rows", len(s.rows))
	}
	for _, tc := range []struct {
		row    int
		counts [5]string
		rate   string // of the row
		total  string
	}{
		{0, [5]string{"10", "20", "5", "3", "2"}, "75.0%", "40"},
		{1, [5]string{"", "10", "", "", ""}, "100.0%", "10"},
		{2, [5]string{"0", "0", "1", "0", "0"}, "0.0%", "1"},
	} {
		for a, v := range tc.counts {
			if v != "" {
				test.Type(s.rows[tc.row].counts[a], v)
			}
		}
		if got := s.rows[tc.row].rate.Text; got != tc.rate {
			t.Errorf("row %d 满意率 %q, want %q", tc.row, got, tc.rate)
		}
		if got := s.rows[tc.row].total.Text; got != tc.total {
			t.Errorf("row %d 合计 %q, want %q", tc.row, got, tc.total)
		}
	}
	// Overall: (10+20+10) of 51 answers.
	if got := s.OverallRate(); got != "78.4%" {
		t.Fatalf("overall 满意率 %q, want 78.4%%", got)
	}
	if s.rows[3].rate.Text != "—" {
		t.Errorf("a question nobody answered shows %q, want —", s.rows[3].rate.Text)
	}
	s.Save()
	ss, err := env.Store.Surveys(context.Background(), data.SurveyFilter{})
	if err != nil || len(ss) != 1 {
		t.Fatalf("Surveys = %v, %v", ss, err)
	}
	o := ss[0].Overall()
	if o.Total() != 51 || ss[0].Period.Label != "2026年11月" || ss[0].Category != data.FacilityCanteen {
		t.Fatalf("saved survey %+v", ss[0])
	}

	// A bad count is refused at 问题N, nothing else saved.
	test.Type(s.rows[1].counts[4], "x")
	s.Save()
	if s.frame.Status() == "" || s.frame.StatusLine.Importance != widget.DangerImportance {
		t.Fatalf("a count that is not a number should be refused, status %q", s.frame.Status())
	}
}
