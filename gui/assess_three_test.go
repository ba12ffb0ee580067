package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

func TestIsThreeInOneSubject(t *testing.T) {
	for _, c := range []struct {
		name          string
		keyPost, role string
		want          bool
	}{
		{"重点岗位", data.DefaultKeyPosts[0], data.RoleNone, true},
		{"党内职务", "", "组织委员", true},
		{"both", data.DefaultKeyPosts[1], "书记", true},
		{"neither", "", data.RoleNone, false},
		{"role unset", "", "", false},
	} {
		m := data.Member{KeyPost: c.keyPost, PartyRole: c.role}
		if got := isThreeInOneSubject(&m); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// threeLabels is every visible label text under the screen.
func threeLabels(s *ThreeInOneScreen) []string {
	var out []string
	for _, o := range test.LaidOutObjects(s.content) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

// A3: the managers and key-post members are listed; a deduction without a reason is refused inline
// and saves nothing; with a reason it saves, the subtotals and total being data.ScoreAssessment's;
// the list shows the saved total and R10 has the member with their post.
func TestThreeInOneScoredAndExported(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	dir := useFolder(t, env)
	ctx := context.Background()
	zhang := addPostedMember(t, env, "张班长", 1, data.DefaultKeyPosts[0], data.RoleNone, "综采队队长")
	li := addPostedMember(t, env, "李委员", 2, "", "组织委员", "技术员")
	wang := addPostedMember(t, env, "王普通", 3, "", data.RoleNone, "采煤工")

	s := NewThreeInOneScreen(env)
	show(env, s)
	ids := listed(&s.listPane, func(x *threeSubject) int64 { return x.ID })
	if !slices.Contains(ids, zhang.ID) || !slices.Contains(ids, li.ID) || slices.Contains(ids, wang.ID) {
		t.Fatalf("listed %v; want 张 %d and 李 %d, not 王 %d", ids, zhang.ID, li.ID, wang.ID)
	}
	if got, ok := s.ListedTotal(zhang.ID); !ok || got != "" || !slices.Contains(threeLabels(s), "未考核") {
		t.Fatalf("before scoring 张 lists %q (%v); labels %v", got, ok, threeLabels(s))
	}

	s.Select(zhang.ID)
	a := s.a
	if a.SubjectID != zhang.ID || a.Kind != data.AssessThreeInOne || a.Period != data.YearPeriod(orgTestToday.Year) {
		t.Fatalf("form shows %+v", a)
	}
	cost := slices.IndexFunc(a.Items, func(it data.AssessmentItem) bool { return it.Part == data.PartProduction })
	if cost < 0 {
		t.Fatal("the A3 form has no 生产经营 item")
	}
	full := a.Items[cost].Points
	s.rows[cost].score.SetText(data.FormatScore(full - 3))

	// The subtotals and total follow the typing and are data.ScoreAssessment's.
	live := s.a
	want := data.ScoreAssessment(&live)
	if len(want.Parts) != 3 {
		t.Fatalf("parts %+v", want.Parts)
	}
	for _, p := range want.Parts {
		if !strings.Contains(s.PartText(p.Part), "小计 "+data.FormatScore(p.Score)) {
			t.Errorf("板块 %s shows %q, want 小计 %s", p.Part, s.PartText(p.Part), data.FormatScore(p.Score))
		}
		if p.Part == data.PartProduction && p.Score != p.Full-3 {
			t.Errorf("生产经营 subtotal %v of %v after −3", p.Score, p.Full)
		}
	}
	if got, _ := s.Score(); got.Total != want.Full-3 || !strings.Contains(s.SummaryText(), "总分 "+data.FormatScore(want.Total)) {
		t.Fatalf("total %v (full %v), summary %q", got.Total, want.Full, s.SummaryText())
	}

	// Without a reason: an inline error and nothing saved.
	if s.save() || s.RowError(cost) == "" || !strings.Contains(s.Status(), "没有保存") {
		t.Fatalf("saved without a reason: row error %q, status %q", s.RowError(cost), s.Status())
	}
	if saved, err := env.Store.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne}); err != nil || len(saved) != 0 {
		t.Fatalf("%d assessments saved after a refused save (%v)", len(saved), err)
	}
	s.rows[cost].reason.SetText("材料费超预算")
	if s.RowError(cost) != "" {
		t.Error("the row error stays after a reason was typed")
	}
	if !s.save() {
		t.Fatalf("save refused: %s", s.Status())
	}
	saved, err := env.Store.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessThreeInOne})
	if err != nil || len(saved) != 1 || saved[0].SubjectID != zhang.ID {
		t.Fatalf("saved %+v (%v)", saved, err)
	}
	total := data.FormatScore(data.ScoreAssessment(&saved[0]).Total)
	if total != data.FormatScore(want.Total) {
		t.Errorf("saved total %s, want %s", total, data.FormatScore(want.Total))
	}

	// The list shows the saved total, also on a screen built afresh, which shows the saved form.
	if got, _ := s.ListedTotal(zhang.ID); got != total || !slices.Contains(threeLabels(s), total) {
		t.Errorf("list shows %q for 张, want %s", got, total)
	}
	s2 := NewThreeInOneScreen(env)
	show(env, s2)
	s2.Select(zhang.ID)
	if got, _ := s2.ListedTotal(zhang.ID); got != total || s2.a.ID != saved[0].ID || s2.rows[cost].score.Text != data.FormatScore(full-3) {
		t.Fatalf("new screen lists %q, shows assessment %d with score %q", got, s2.a.ID, s2.rows[cost].score.Text)
	}

	// R10 has the member with their 工作岗位 and total.
	test.Tap(s2.exportBtn)
	tapDialogButton(t, env.Win, "保存")
	path := filepath.Join(dir, catalog.ByID("R10").FileName(reportInput(ctx, env, catalog.Input{Period: data.YearPeriod(2026)})))
	// The export's last step shows 已保存到 from its goroutine: wait for it, so that nothing of the
	// export still draws while the test goes on.
	waitFor(t, "the R10 export", func() bool { return strings.Contains(dialogTexts(env.Win), "已保存到") })
	sheets, err := reports.ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range sheets[0].Rows {
		if slices.Contains(r, zhang.Name) {
			found = true
			if !slices.Contains(r, zhang.Job) || !slices.Contains(r, total) {
				t.Errorf("R10 row %q lacks post %s or total %s", r, zhang.Job, total)
			}
		}
		if slices.Contains(r, li.Name) {
			t.Errorf("R10 lists 李, who was not assessed: %q", r)
		}
	}
	if !found {
		t.Errorf("R10 has no row of %s: %v", zhang.Name, sheets[0].Rows)
	}
}
