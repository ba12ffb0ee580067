package gui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// headerRow returns the first row of the file's first sheet that starts with 序号, and all rows.
func headerRow(t *testing.T, path string) (header []string, rows [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	defer f.Close()
	rows, err = f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == "序号" {
			return r, rows
		}
	}
	t.Fatalf("no header row in %v", rows)
	return nil, nil
}

func TestReportsExport(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	ctx := context.Background()
	if err := env.Store.SaveBranch(ctx, &data.Branch{Name: "综采一队党支部", Committee: "某矿党委"}); err != nil {
		t.Fatal(err)
	}
	g := data.Group{Name: "第一党小组"}
	if err := env.Store.SaveGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	addTestMember(t, env, "张三", 1, g.ID, 0)
	addTestMember(t, env, "李四", 2, 0, 0)
	s := NewReportsScreen(env)
	show(env, s)
	if s.warning.Visible() {
		t.Error("the missing-branch warning shows although the branch has a name")
	}

	tests := []struct {
		id     string
		header []string
	}{
		{"R1", data.RosterHeaders},
		{"R1b", []string{"序号", "姓名", "性别", "党小组", "班组", "岗位", "党内职务", "重点岗位", "督查队伍", "人员类别", "入党日期", "手机号"}},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			i := slices.IndexFunc(s.kinds, func(k reportKind) bool { return k.ID == tc.id })
			if i < 0 {
				t.Fatalf("the screen does not offer %s", tc.id)
			}
			k := s.kinds[i]
			name := s.defaultFileName(k)
			if want := "综采一队党支部-" + k.Name + "-20261123.xlsx"; name != want {
				t.Errorf("default file name = %q, want %q", name, want)
			}
			path := filepath.Join(dir, name)
			if err := s.export(ctx, k, path); err != nil {
				t.Fatal(err)
			}
			header, rows := headerRow(t, path)
			if !slices.Equal(header, tc.header) {
				t.Errorf("header = %v\nwant     %v", header, tc.header)
			}
			all := ""
			for _, r := range rows {
				all += strings.Join(r, "|") + "\n"
			}
			for _, want := range []string{"张三", "李四", "综采一队党支部"} {
				if !strings.Contains(all, want) {
					t.Errorf("the file lacks %q", want)
				}
			}
		})
	}
	// Only the two files: no temporary file is left beside them.
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(tests) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files in the folder: %v", names)
	}
}

func TestReportsWarnWithoutBranchName(t *testing.T) {
	env, _ := newOrgTestEnv(t)
	s := NewReportsScreen(env)
	if !s.warning.Visible() {
		t.Error("no warning although the branch has no name")
	}
	if name := s.defaultFileName(s.kinds[0]); name != "党员花名册-20261123.xlsx" {
		t.Errorf("default file name without a branch = %q", name)
	}
}
