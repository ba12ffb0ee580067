package catalog

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// demoPerson is the ID number of the demo's person furthest along.
func demoPerson(t *testing.T, db data.Store) string {
	t.Helper()
	rs, err := db.Recruits(context.Background())
	if err != nil || len(rs) == 0 {
		t.Fatalf("demo people: %d %v", len(rs), err)
	}
	best := rs[0]
	for _, r := range rs {
		if r.Stage() > best.Stage() {
			best = r
		}
	}
	return best.IDNumber
}

// One person walked from step 1 to 24, saved at each step, is in R1 (the roster) with 加入党组织日期
// the day of step 15 and 转为正式党员日期 the end of the 预备期; R23 and R24 show the steps.
func TestRecruitWalkIntoRosterReport(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "walk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	today := data.Today()
	if err := db.SaveBranch(ctx, &data.Branch{ID: 1, Name: "综采一队党支部", Committee: "某某煤矿党委"}); err != nil {
		t.Fatal(err)
	}
	var full []int64
	for i, name := range []string{"王建国", "李卫东", "赵志强"} {
		m := data.Member{Name: name, IDNumber: data.IDNumberWithCheck("13020319800101" + []string{"011", "013", "015"}[i]),
			Ethnicity: "汉族", Category: data.CategoryFull, JoinDate: data.NewDate(2005, 7, 1), FullDate: data.NewDate(2006, 7, 1)}
		if err := db.CreateMember(ctx, &m); err != nil {
			t.Fatal(err)
		}
		full = append(full, m.ID)
	}
	start := data.PlanStart(today, data.StepApproveFull, 3)
	r := data.Recruit{Name: "孙小磊", IDNumber: data.IDNumberWithCheck("13020320000308011"), Job: "采煤机司机"}
	for upto := 1; upto <= data.StepApproveFull; upto++ {
		data.PlanRecruit(&r, start, upto, today, data.PlanPeople{Talker: full[2], Contact: full[0], Intro1: full[0], Intro2: full[1], Entitled: 3})
		if err := db.SaveRecruit(ctx, &r); err != nil {
			t.Fatalf("step %d: %v", upto, err)
		}
	}
	res, err := ByID("R1").Load(ctx, db, Input{Meta: reports.Meta{Branch: "综采一队党支部", Date: today}})
	if err != nil {
		t.Fatal(err)
	}
	headers, rows := res.Table()
	col := func(h string) int { return slices.Index(headers, h) }
	i := slices.IndexFunc(rows, func(row []any) bool { return row[col(data.FName)] == "孙小磊" })
	if i < 0 {
		t.Fatalf("孙小磊 not in R1: %v", rows)
	}
	row := rows[i]
	admit := r.Date(data.StepAdmit)
	if row[col(data.FCategory)] != data.CategoryFull || row[col(data.FJoinDate)] != admit ||
		row[col(data.FFullDate)] != admit.AddYears(1) || row[col(data.FIDNumber)] != r.IDNumber {
		t.Errorf("R1 row %v; step 15 on %s", row, admit)
	}

	// R23 lists the person with the dates; R24 is found by ID number, and an unknown one is refused
	// with the people listed.
	r23, err := ByID("R23").Load(ctx, db, Input{Meta: reports.Meta{Date: today}})
	if err != nil {
		t.Fatal(err)
	}
	h23, rows23 := r23.Table()
	if len(rows23) != 1 || rows23[0][slices.Index(h23, "接收预备党员日期")] != admit || rows23[0][slices.Index(h23, "转正日期")] != admit.AddYears(1) {
		t.Errorf("R23 %v", rows23)
	}
	r24, err := ByID("R24").Load(ctx, db, Input{Meta: reports.Meta{Date: today}, Person: strings.ToLower(r.IDNumber)})
	if err != nil || !strings.Contains(r24.Summary, "孙小磊的发展党员纪实表（正式党员）") {
		t.Errorf("R24: %v %q", err, r24.Summary)
	}
	_, err = ByID("R24").Load(ctx, db, Input{Meta: reports.Meta{Date: today}, Person: "999"})
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "没有找到入党申请人「999」；可选的有（编号 姓名）：1 孙小磊") {
		t.Errorf("unknown person: %q", msg)
	}
}
