package sqlite

import (
	"strings"
	"testing"

	"branchledger/data"
)

func TestImportAdd(t *testing.T) {
	db := openTemp(t)
	rows := manyMembers(3)
	res, err := db.ImportMembers(ctx, rows, data.ImportAdd, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res != (data.ImportResult{Added: 3}) {
		t.Errorf("result = %+v", res)
	}
	for _, r := range rows {
		m, err := db.MemberByIDNumber(ctx, r.IDNumber)
		if err != nil {
			t.Fatal(err)
		}
		if m.Name != r.Name || m.Mobile != r.Mobile || m.Sex == "" || m.RollStatus != data.RollIn {
			t.Errorf("imported %+v from %+v", m, r)
		}
	}

	// An ID number already saved aborts the whole import.
	more := manyMembers(5)[2:]
	_, err = db.ImportMembers(ctx, more, data.ImportAdd, nil)
	wantCode(t, err, data.EConflict)
	if !strings.Contains(err.Error(), more[0].IDNumber) {
		t.Errorf("message does not name the ID number: %v", err)
	}
	if n := countMembers(t, db); n != 3 {
		t.Errorf("members after the failed import = %d, want 3", n)
	}

	// So does an ID number twice in the list.
	twice := manyMembers(5)[3:]
	twice = append(twice, twice[0])
	_, err = db.ImportMembers(ctx, twice, data.ImportAdd, nil)
	wantCode(t, err, data.EConflict)
	if n := countMembers(t, db); n != 3 {
		t.Errorf("members after the failed import = %d, want 3", n)
	}
}

func TestImportSkip(t *testing.T) {
	db := openTemp(t)
	rows := manyMembers(4)
	if _, err := db.ImportMembers(ctx, rows[:2], data.ImportSkip, nil); err != nil {
		t.Fatal(err)
	}
	before, _ := db.MemberByIDNumber(ctx, rows[0].IDNumber)

	rows[0].Name, rows[0].Mobile = "改过的名字", "13900000000"
	rows = append(rows, rows[3]) // a repeat within the list is skipped too
	res, err := db.ImportMembers(ctx, rows, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if res != (data.ImportResult{Added: 2, Skipped: 3}) {
		t.Errorf("result = %+v, want 2 added, 3 skipped", res)
	}
	if after, _ := db.MemberByIDNumber(ctx, rows[0].IDNumber); after != before {
		t.Errorf("a skipped member changed: %+v", after)
	}
	if n := countMembers(t, db); n != 4 {
		t.Errorf("members = %d, want 4", n)
	}
}

func TestImportUpdate(t *testing.T) {
	db := openTemp(t)
	g, tm := groupAndTeam(t, db)
	rows := manyMembers(3)
	if _, err := db.ImportMembers(ctx, rows, data.ImportAdd, nil); err != nil {
		t.Fatal(err)
	}
	// The secretary places a member in the program.
	placed, _ := db.MemberByIDNumber(ctx, rows[0].IDNumber)
	placed.GroupID, placed.TeamID, placed.PartyRole, placed.KeyPost = g.ID, tm.ID, "党小组长", "材料员"
	placed.Supervisor, placed.WorkDate = true, data.NewDate(1996, 9, 1)
	placed.RollStatus, placed.RollDate = data.RollOut, data.NewDate(2026, 3, 1)
	if err := db.UpdateMember(ctx, &placed); err != nil {
		t.Fatal(err)
	}

	// Importing the same roster again changes nothing: every row is skipped.
	res, err := db.ImportMembers(ctx, rows, data.ImportUpdate, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res != (data.ImportResult{Skipped: 3}) {
		t.Errorf("re-import of an unchanged roster = %+v, want 3 skipped", res)
	}
	if got, _ := db.Member(ctx, placed.ID); got != placed {
		t.Errorf("an unchanged row touched the member:\n%+v\nwant\n%+v", got, placed)
	}

	// A changed roster row overwrites the roster fields and keeps the placement, whatever the row says.
	changed := rows[0]
	changed.Name, changed.Mobile, changed.Education, changed.Remark = "张　改名", "13900000000", "研究生", "新备注"
	changed.GroupID, changed.PartyRole, changed.RollStatus = 0, "", ""
	newcomer := manyMembers(4)[3]
	res, err = db.ImportMembers(ctx, []data.Member{changed, rows[1], newcomer}, data.ImportUpdate, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res != (data.ImportResult{Added: 1, Updated: 1, Skipped: 1}) {
		t.Errorf("result = %+v, want 1 added, 1 updated, 1 skipped", res)
	}
	got, _ := db.Member(ctx, placed.ID)
	if got.Name != "张改名" || got.Mobile != "13900000000" || got.Education != "研究生" || got.Remark != "新备注" {
		t.Errorf("roster fields not updated: %+v", got)
	}
	want := placed
	want.Name, want.Mobile, want.Education, want.Remark, want.UpdatedAt = got.Name, got.Mobile, got.Education, got.Remark, got.UpdatedAt
	if got != want {
		t.Errorf("placement not kept:\n%+v\nwant\n%+v", got, want)
	}
}

func TestImportRollsBackOnError(t *testing.T) {
	db := openTemp(t)
	rows := manyMembers(6)
	if _, err := db.ImportMembers(ctx, rows[:2], data.ImportAdd, nil); err != nil {
		t.Fatal(err)
	}
	saved, err := db.Members(ctx, data.MemberFilter{})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		mode   data.ImportMode
		breaks func(ms []data.Member)
		code   string
	}{
		{"invalid new member", data.ImportSkip, func(ms []data.Member) { ms[4].Category = "积极分子" }, data.EInvalid},
		{"invalid update", data.ImportUpdate, func(ms []data.Member) { ms[1].JoinDate = data.NewDate(2099, 1, 1) }, data.EInvalid},
		{"unknown group", data.ImportAdd, func(ms []data.Member) { ms[3].GroupID = 9999 }, data.EInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := manyMembers(6)
			if tt.mode != data.ImportAdd {
				ms[0].Mobile = "13700000000" // an update before the failing row
			} else {
				ms = ms[2:]
			}
			tt.breaks(ms)
			res, err := db.ImportMembers(ctx, ms, tt.mode, nil)
			wantCode(t, err, tt.code)
			if res != (data.ImportResult{}) {
				t.Errorf("a failed import reports %+v", res)
			}
			if !strings.Contains(data.ErrorMessage(err), "没有保存任何数据") {
				t.Errorf("message = %q", data.ErrorMessage(err))
			}
			after, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(saved) || after[0] != saved[0] || after[1] != saved[1] {
				t.Errorf("the failed import left changes: %d members", len(after))
			}
		})
	}
}

func TestImportProgress(t *testing.T) {
	db := openTemp(t)
	var calls [][2]int
	if _, err := db.ImportMembers(ctx, manyMembers(450), data.ImportAdd, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}); err != nil {
		t.Fatal(err)
	}
	if len(calls) < 3 || calls[len(calls)-1] != [2]int{450, 450} {
		t.Fatalf("progress calls = %v, want several ending with 450/450", calls)
	}
	for i, c := range calls {
		if c[1] != 450 || i > 0 && c[0] < calls[i-1][0] || i > 0 && c[0]-calls[i-1][0] > progressEvery {
			t.Errorf("progress calls = %v: not steady", calls)
			break
		}
	}
}
