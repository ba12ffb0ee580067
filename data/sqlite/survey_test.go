package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"branchledger/data"
)

func TestSurveyRoundTrip(t *testing.T) {
	fx := newFixture(t)
	h1 := data.NewSurvey("食堂", data.Period{From: data.NewDate(2026, 1, 1), To: data.NewDate(2026, 6, 30), Label: "2026年上半年"})
	for i := range h1.Questions {
		h1.Questions[i].Counts = [5]int{20 + i, 30, 8, 2, i % 2}
	}
	q4 := data.NewSurvey("宿舍", data.QuarterPeriod(2026, 4))
	q4.Questions[0].Counts = [5]int{1, 2, 3, 4, 5}
	saveAll(t, fx.db.SaveSurvey, &h1, &q4)
	got, err := fx.db.Survey(ctx, h1.ID)
	if err != nil || !reflect.DeepEqual(got, h1) {
		t.Fatalf("Survey = %+v, %v\nwant %+v", got, err, h1)
	}
	if all, _ := fx.db.Surveys(ctx, data.SurveyFilter{}); len(all) != 2 || all[0].ID != q4.ID || !reflect.DeepEqual(all[1], h1) {
		t.Errorf("Surveys newest first: %+v", all)
	}
	filters := []struct {
		f    data.SurveyFilter
		want []int64
	}{
		{data.SurveyFilter{Category: "食堂"}, []int64{h1.ID}},
		{data.SurveyFilter{From: data.NewDate(2026, 6, 30), To: data.NewDate(2026, 10, 1)}, []int64{q4.ID, h1.ID}},
		{data.SurveyFilter{From: data.NewDate(2026, 7, 1), To: data.NewDate(2026, 9, 30)}, nil},
	}
	for _, c := range filters {
		ss, _ := fx.db.Surveys(ctx, c.f)
		var ids []int64
		for _, s := range ss {
			ids = append(ids, s.ID)
		}
		if !reflect.DeepEqual(ids, c.want) {
			t.Errorf("Surveys(%+v) = %v, want %v", c.f, ids, c.want)
		}
	}

	// An update replaces the questions.
	h1.Questions = h1.Questions[:2]
	h1.Questions[1].Text, h1.Questions[1].Counts[4] = "饭菜价格（含夜班餐）", 7
	if err := fx.db.SaveSurvey(ctx, &h1); err != nil {
		t.Fatal(err)
	}
	if got, _ := fx.db.Survey(ctx, h1.ID); !reflect.DeepEqual(got.Questions, h1.Questions) || got.Overall().Total() != h1.Overall().Total() {
		t.Errorf("updated questions %+v", got.Questions)
	}

	bad := h1
	bad.Questions = []data.SurveyQuestion{{Text: "菜品口味", Counts: [5]int{1, -1}}}
	if fe := fieldErrors(t, fx.db.SaveSurvey(ctx, &bad)); !strings.Contains(fe.For("问题1"), "人数应在0到1000000之间") {
		t.Errorf("negative count: %v", fe)
	}
	bad = data.Survey{Category: "食堂", Questions: h1.Questions}
	if fe := fieldErrors(t, fx.db.SaveSurvey(ctx, &bad)); fe.For(data.FSurveyPeriod) == "" {
		t.Errorf("no period: %v", fe)
	}

	if err := fx.db.DeleteSurvey(ctx, q4.ID); err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.Survey(ctx, q4.ID)
	wantCode(t, err, data.ENotFound)
	if n := rawCount(t, fx.db, `SELECT count(*) FROM survey_question WHERE survey_id = ?`, q4.ID); n != 0 {
		t.Errorf("%d questions left of a deleted survey", n)
	}
}

func rawCount(t *testing.T, db *DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
