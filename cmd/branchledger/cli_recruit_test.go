package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"branchledger/data/sqlite"
)

// `export recruitment` and `export recruitment-record --person` on a demo file; --person is
// required by the one and refused by the other.
func TestExportRecruitment(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if code, _, errOut := run(t, "demo", "--db", db, "--members", "20", "--months", "1"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := st.Recruits(context.Background())
	st.Close()
	if err != nil || len(rs) == 0 {
		t.Fatalf("demo people: %d %v", len(rs), err)
	}
	out := filepath.Join(dir, "r23.xlsx")
	if code, stdout, errOut := run(t, "export", "recruitment", "--db", db, "--out", out); code != 0 || !strings.Contains(stdout, "名入党申请人的发展党员工作台账") {
		t.Errorf("export recruitment: %d %s %s", code, stdout, errOut)
	}
	out = filepath.Join(dir, "r24.xlsx")
	if code, stdout, errOut := run(t, "export", "recruitment-record", "--db", db, "--out", out, "--person", rs[0].IDNumber); code != 0 || !strings.Contains(stdout, rs[0].Name+"的发展党员纪实表") {
		t.Errorf("export recruitment-record: %d %s %s", code, stdout, errOut)
	}
	if code, _, errOut := run(t, "export", "recruitment-record", "--db", db, "--out", out); code != 1 || !strings.Contains(errOut, "请指定入党申请人") || !strings.Contains(errOut, rs[0].Name) {
		t.Errorf("without --person: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "export", "recruitment", "--db", db, "--out", out, "--person", "1"); code != 1 || !strings.Contains(errOut, "不能使用 --person") {
		t.Errorf("--person on R23: %d %s", code, errOut)
	}
}
