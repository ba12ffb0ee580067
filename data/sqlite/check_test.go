package sqlite

import (
	"strings"
	"testing"

	"branchledger/data"
)

func TestCheck(t *testing.T) {
	db := openTemp(t)
	today := data.Today()
	m := newMember("张三", 3)
	if err := db.CreateMember(ctx, &m); err != nil {
		t.Fatal(err)
	}
	problems, err := db.Check(ctx, today)
	if err != nil || len(problems) != 0 {
		t.Fatalf("sound file: %v %v", problems, err)
	}
	// A rule the schema cannot hold (转正 before joining) broken behind the program's back.
	if _, err := db.db.Exec("UPDATE member SET full_date = '2001-01-01' WHERE id = ?", m.ID); err != nil {
		t.Fatal(err)
	}
	problems, err = db.Check(ctx, today)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "党员「张三」") || !strings.Contains(problems[0], data.FFullDate) {
		t.Fatalf("broken rule: %v %v", problems, err)
	}
}
