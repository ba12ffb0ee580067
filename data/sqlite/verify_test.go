package sqlite

import (
	"fmt"
	"strings"
	"testing"

	"branchledger/data"
)

func TestVerify(t *testing.T) {
	db := openTemp(t)
	today := data.Today()
	m := newMember("张三", 3)
	if err := db.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	problems, err := db.Verify(ctx, today)
	if err != nil || len(problems) != 0 {
		t.Fatalf("sound file: %v %v", problems, err)
	}
	// A rule the schema cannot hold (转正 before joining) broken behind the program's back.
	if _, err := db.db.Exec("UPDATE member SET full_date = '2001-01-01' WHERE id = ?", m.ID); err != nil {
		t.Fatal(err)
	}
	problems, err = db.Verify(ctx, today)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "党员「张三」") || !strings.Contains(problems[0], data.FFullDate) {
		t.Fatalf("broken rule: %v %v", problems, err)
	}
}

// The rules between records: each break made behind the program's back is reported once, in Chinese.
func TestVerifyConsistency(t *testing.T) {
	db := demoFile(t, 30)
	today := data.NewDate(2026, 11, 23)
	if problems, err := db.Verify(ctx, today); err != nil || len(problems) != 0 {
		t.Fatalf("demo file: %v %v", problems, err)
	}
	var insID, findingID int64
	db.db.QueryRow(`SELECT min(inspection_id) FROM inspector`).Scan(&insID)
	db.db.QueryRow(`SELECT min(id) FROM finding WHERE inspection_id IS NULL`).Scan(&findingID)
	tests := []struct {
		name, sql, want string
	}{
		{"no lead", fmt.Sprintf(`UPDATE inspector SET lead = 0 WHERE inspection_id = %d`, insID), "没有牵头人"},
		{"no history", fmt.Sprintf(`DELETE FROM finding_history WHERE finding_id = %d`, findingID), "没有整改记录"},
		{"state differs from history", fmt.Sprintf(`UPDATE finding SET state = CASE state WHEN '待整改' THEN '整改中' ELSE '待整改' END, closed_date = '' WHERE id = %d`, findingID), "不一致"},
		{"missing member", `PRAGMA foreign_keys = OFF; UPDATE finding SET member_id = 999999 WHERE id = ` + fmt.Sprint(findingID), "引用的党员不存在"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fx := demoFile(t, 30)
			conn, err := fx.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.ExecContext(ctx, tc.sql); err != nil {
				t.Fatal(err)
			}
			conn.Close()
			problems, err := fx.Verify(ctx, today)
			hits := 0
			for _, p := range problems {
				if strings.Contains(p, tc.want) {
					hits++
				}
			}
			if err != nil || hits == 0 {
				t.Errorf("%s: %v %v", tc.want, problems, err)
			}
		})
	}
}

// Every registered entity's validator runs over its saved rows: a row of another record than a
// member, inspection or finding broken behind the program's back is reported, naming the record in
// Chinese (设施「…」：负责人：…) and never a table.
func TestVerifyEveryEntity(t *testing.T) {
	today := data.NewDate(2026, 11, 23)
	long := strings.Repeat("长", 600)
	tests := []struct {
		name, table, sql, want string // want: %s is the record's name or title
	}{
		{"facility", "facility", `UPDATE facility SET manager = '` + long + `' WHERE id = (SELECT min(id) FROM facility)`,
			"设施「%s」：" + data.FManager + "："},
		{"welfare item", "welfare_item", `UPDATE welfare_item SET reason = '` + long + `' WHERE id = (SELECT min(id) FROM welfare_item)`,
			"办实事事项「%s」：" + data.FReason + "："},
		{"checklist item", "template", `UPDATE template_item SET standard = '` + long + `' WHERE seq = 1 AND template_id = (SELECT min(id) FROM template)`,
			"评分表「%s」：第1项：" + data.FItemStandard + "："},
		{"assessment template", "assess_template", `UPDATE assess_template_item SET part = '` + long + `' WHERE seq = 1 AND template_id = (SELECT min(id) FROM assess_template)`,
			"考核表「%s」：第1项：" + data.FPart + "："},
		{"assessment item", "", `UPDATE assessment_item SET done = '` + long + `' WHERE sort = 1 AND assessment_id = (SELECT min(id) FROM assessment)`,
			"考核「%s」：第1项：" + data.FDone + "："},
		{"manual point entry", "", `UPDATE point_entry SET reason = '` + long + `' WHERE id = (SELECT min(id) FROM point_entry WHERE generated = 0)`,
			"积分明细「%s」：" + data.FPointReason + "："},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fx := demoFile(t, 30)
			noun, want := tc.want[:strings.Index(tc.want, "「")], tc.want
			if tc.table == "" { // named by its label: check the rest of the message
				want = strings.SplitN(want, "%s", 2)[1]
			} else {
				var name string
				col := map[string]string{"welfare_item": "title"}[tc.table]
				if col == "" {
					col = "name"
				}
				if err := fx.db.QueryRow(`SELECT ` + col + ` FROM ` + tc.table + ` ORDER BY id LIMIT 1`).Scan(&name); err != nil {
					t.Fatalf("demo file has no %s: %v", tc.table, err)
				}
				want = fmt.Sprintf(want, name)
			}
			if problems, err := fx.Verify(ctx, today); err != nil || len(problems) != 0 {
				t.Fatalf("demo file: %v %v", problems, err)
			}
			if res, err := fx.db.Exec(tc.sql); err != nil {
				t.Fatal(err)
			} else if n, _ := res.RowsAffected(); n != 1 {
				t.Fatalf("%d rows broken, want 1", n)
			}
			problems, err := fx.Verify(ctx, today)
			if err != nil || len(problems) != 1 || !strings.HasPrefix(problems[0], noun) || !strings.Contains(problems[0], want) ||
				strings.Contains(problems[0], "_") {
				t.Errorf("got %q (%v), want one problem on a %s with %q", problems, err, noun, want)
			}
		})
	}
}
