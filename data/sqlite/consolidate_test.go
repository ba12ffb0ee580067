package sqlite

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/data/demo"
)

// branchFile makes a data file at dir/<code>.db holding a demo branch (members, groups, teams,
// inspections and findings with their history).
func branchFile(t testing.TB, dir, name, code string, seed int64, members, months int) *DB {
	t.Helper()
	db, err := Open(filepath.Join(dir, code+".db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ds := demo.GenerateMonths(seed, members, months, data.Today())
	ds.Rename(name, code)
	if err := demo.Load(ctx, db, ds); err != nil {
		t.Fatal(err)
	}
	return db
}

// exportAt writes db's package as exported at the given time.
func exportAt(t testing.TB, db *DB, dir string, at time.Time) string {
	t.Helper()
	fixClock(db, at)
	defer func() { db.now = time.Now }()
	b, err := db.Branch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, data.PackageFileName(b, data.DateOf(at)))
	m, err := db.ExportPackage(ctx, path, "test")
	if err != nil {
		t.Fatal(err)
	}
	if !m.ExportedAt.Equal(at.UTC().Truncate(time.Second)) || m.BranchCode != b.Code {
		t.Fatalf("manifest %+v", m)
	}
	return path
}

// fingerprint is every row of every table of db, for comparing contents before and after.
func fingerprint(t testing.TB, db *DB) string {
	t.Helper()
	tables := dumpTables(t, db.db, `SELECT name FROM sqlite_master WHERE type = 'table'`,
		func(vals []any) string { return fmt.Sprint(vals...) })
	h := sha256.New()
	for _, table := range slices.Sorted(maps.Keys(tables)) {
		lines := tables[table]
		fmt.Fprintln(h, table, len(lines), strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inspectionKey describes an inspection with its people and findings by name, independent of ids.
func inspectionKeys(ins []data.Inspection, teams []data.Team) []string {
	teamName := map[int64]string{}
	for _, t := range teams {
		teamName[t.ID] = t.Name
	}
	var keys []string
	for _, in := range ins {
		k := fmt.Sprintf("%s %s %s %s|", in.Date, in.Kind, teamName[in.TeamID], in.Unit)
		for _, p := range in.Inspectors {
			k += fmt.Sprintf("%s/%v ", p.Name, p.Lead)
		}
		for _, f := range in.Findings {
			k += fmt.Sprintf("|%s %s %s %s %s", f.Description, f.State, teamName[f.TeamID], f.ClosedDate, f.Responsible)
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func memberKeys(ms []data.Member, groups []data.Group, teams []data.Team) []string {
	gn, tn := map[int64]string{}, map[int64]string{}
	for _, g := range groups {
		gn[g.ID] = g.Name
	}
	for _, t := range teams {
		tn[t.ID] = t.Name
	}
	keys := make([]string, len(ms))
	for i, m := range ms {
		keys[i] = fmt.Sprintf("%s %s %s %s %s", m.Name, m.IDNumber, gn[m.GroupID], tn[m.TeamID], m.KeyPost)
	}
	return keys
}

func TestConsolidateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	srcA := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 30, 3)
	srcB := branchFile(t, dir, "掘进二队党支部", "JJ02", 2, 25, 3)
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	pkgA, pkgB := exportAt(t, srcA, dir, at), exportAt(t, srcB, dir, at)
	if filepath.Base(pkgA) != "ZC01-综采一队党支部-上报-20261123.zip" {
		t.Errorf("package name %s", filepath.Base(pkgA))
	}

	target := openTemp(t)
	for _, p := range []string{pkgA, pkgB} {
		res, err := target.Consolidate(ctx, p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if res.Replaced || !strings.Contains(res.Line(), "已汇总") {
			t.Errorf("result %+v: %s", res, res.Line())
		}
	}
	if cons, err := target.IsConsolidated(ctx); err != nil || !cons {
		t.Fatalf("IsConsolidated = %v, %v", cons, err)
	}
	var violations int
	if err := target.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&violations); err != nil || violations != 0 {
		t.Fatalf("%d foreign key violations, %v", violations, err)
	}
	// The file's own branch stays the current one and empty.
	if own, err := target.Branch(ctx); err != nil || own.Name != "" || own.Code != "" {
		t.Errorf("current branch %+v, %v", own, err)
	}
	if ms, _ := target.Members(ctx, data.MemberFilter{}); len(ms) != 0 {
		t.Errorf("the consolidated file's own roster has %d members", len(ms))
	}

	branches, err := target.Branches(ctx)
	if err != nil || len(branches) != 2 {
		t.Fatalf("branches %+v, %v", branches, err)
	}
	for _, cb := range branches {
		src := map[string]*DB{"ZC01": srcA, "JJ02": srcB}[cb.Code]
		sb, _ := src.Branch(ctx)
		if cb.Name != sb.Name || cb.Secretary != sb.Secretary || !cb.ExportedAt.Equal(at) || cb.File != filepath.Base(map[string]string{"ZC01": pkgA, "JJ02": pkgB}[cb.Code]) {
			t.Errorf("branch %+v, source %+v", cb, sb)
		}
		// Members, with their groups and teams.
		wantMs, _ := src.Members(ctx, data.MemberFilter{})
		wantGs, _ := src.Groups(ctx)
		wantTs, _ := src.Teams(ctx)
		gotMs, err := target.BranchMembers(ctx, cb.ID)
		if err != nil {
			t.Fatal(err)
		}
		gotGs, _ := target.BranchGroups(ctx, cb.ID)
		gotTs, _ := target.BranchTeams(ctx, cb.ID)
		if !slices.Equal(memberKeys(gotMs, gotGs, gotTs), memberKeys(wantMs, wantGs, wantTs)) {
			t.Errorf("%s: members differ", cb.Name)
		}
		all, _ := src.Members(ctx, data.MemberFilter{IncludeLeft: true})
		if cb.Counts[data.CountMembers] != len(all) {
			t.Errorf("%s: counted %d members, source has %d", cb.Name, cb.Counts[data.CountMembers], len(all))
		}
		// Group leaders point at the same people.
		leader := func(gs []data.Group, ms []data.Member) []string {
			var out []string
			for _, g := range gs {
				i := slices.IndexFunc(ms, func(m data.Member) bool { return m.ID == g.LeaderID })
				if i >= 0 {
					out = append(out, g.Name+ms[i].IDNumber)
				}
			}
			return out
		}
		if l := leader(gotGs, gotMs); len(l) == 0 || !slices.Equal(l, leader(wantGs, wantMs)) {
			t.Errorf("%s: group leaders %v, want %v", cb.Name, l, leader(wantGs, wantMs))
		}
		// Inspections with inspectors and findings.
		wantIns, _ := src.Inspections(ctx, data.InspectionFilter{})
		gotIns, err := target.BranchInspections(ctx, cb.ID, data.Date{}, data.Date{})
		if err != nil || len(gotIns) == 0 || len(gotIns) != len(wantIns) {
			t.Fatalf("%s: %d inspections, want %d (%v)", cb.Name, len(gotIns), len(wantIns), err)
		}
		if !slices.Equal(inspectionKeys(gotIns, gotTs), inspectionKeys(wantIns, wantTs)) {
			t.Errorf("%s: inspections differ", cb.Name)
		}
		// Findings, their history, and their links stay within the branch.
		wantFs, _ := src.Findings(ctx, data.FindingFilter{})
		gotFs, _ := target.BranchFindings(ctx, cb.ID, data.Date{}, data.Date{})
		if len(gotFs) != len(wantFs) || cb.Counts[data.CountFindings] != len(wantFs) {
			t.Fatalf("%s: %d findings, want %d", cb.Name, len(gotFs), len(wantFs))
		}
		inBranch := map[int64]bool{}
		for _, in := range gotIns {
			inBranch[in.ID] = true
		}
		for i, f := range gotFs {
			if f.BranchID != cb.ID || f.InspectionID != 0 && !inBranch[f.InspectionID] || f.Description != wantFs[i].Description {
				t.Fatalf("%s: finding %+v, source %+v", cb.Name, f, wantFs[i])
			}
			gotH, _ := target.History(ctx, f.ID)
			wantH, _ := src.History(ctx, wantFs[i].ID)
			if len(gotH) == 0 || len(gotH) != len(wantH) || gotH[len(gotH)-1].To != wantH[len(wantH)-1].To {
				t.Fatalf("%s: history of %q: %d entries, want %d", cb.Name, f.Description, len(gotH), len(wantH))
			}
		}
	}

	// 各党支部工作统计表 counts each branch's records of the period as its own file holds them.
	p := data.YearPeriod(2026)
	counts, err := target.BranchCounts(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, cb := range branches {
		src := map[string]*DB{"ZC01": srcA, "JJ02": srcB}[cb.Code]
		for i, e := range data.StatEntities() {
			var want int
			if err := src.db.QueryRow(`SELECT count(*) FROM `+e.Table+` WHERE `+e.Dated+` BETWEEN ? AND ?`, p.From.String(), p.To.String()).Scan(&want); err != nil {
				t.Fatal(err)
			}
			if got := counts[cb.ID]; want == 0 || len(got) <= i || got[i] != want {
				t.Errorf("%s: %s counted %v, its file has %d", cb.Name, e.Stat, got, want)
			}
		}
	}
}

func TestConsolidateReplaceAndRefuseOlder(t *testing.T) {
	dir := t.TempDir()
	srcA := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 12, 1)
	srcB := branchFile(t, dir, "掘进二队党支部", "JJ02", 2, 10, 1)
	t1 := time.Date(2026, 10, 31, 9, 0, 0, 0, time.UTC)
	t2 := t1.Add(24 * time.Hour)
	old := exportAt(t, srcA, dir, t1)
	oldCopy := filepath.Join(dir, "old-copy.zip")
	copyFile(t, old, oldCopy)
	pkgB := exportAt(t, srcB, dir, t1)

	target := openTemp(t)
	for _, p := range []string{old, pkgB} {
		if _, err := target.Consolidate(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	branchOf := func(code string) data.ConsolidatedBranch {
		bs, err := target.Branches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(bs, func(b data.ConsolidatedBranch) bool { return b.Code == code })
		if i < 0 {
			t.Fatalf("no branch %s in %+v", code, bs)
		}
		return bs[i]
	}
	bBefore := branchOf("JJ02")
	bMembers, _ := target.BranchMembers(ctx, bBefore.ID)

	// The branch gains a member and exports again: the newer package replaces its data only.
	m := newMember("新党员", 901)
	mustCreate(t, srcA, m)
	newer := exportAt(t, srcA, dir, t2)
	res, err := target.Consolidate(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Replaced || !res.Previous.Equal(t1) || !strings.Contains(res.Line(), "替换了导出于") {
		t.Errorf("result %+v %s", res, res.Line())
	}
	a := branchOf("ZC01")
	ms, _ := target.BranchMembers(ctx, a.ID)
	srcMs, _ := srcA.Members(ctx, data.MemberFilter{})
	if len(ms) != len(srcMs) || !slices.ContainsFunc(ms, func(x data.Member) bool { return x.Name == "新党员" }) || !a.ExportedAt.Equal(t2) {
		t.Errorf("after replacement: %d members (source %d), exported %v", len(ms), len(srcMs), a.ExportedAt)
	}
	var branches, members int
	target.db.QueryRow(`SELECT count(*) FROM branch`).Scan(&branches)
	target.db.QueryRow(`SELECT count(*) FROM member`).Scan(&members)
	allA, _ := srcA.Members(ctx, data.MemberFilter{IncludeLeft: true})
	allB, _ := srcB.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if branches != 3 || members != len(allA)+len(allB) {
		t.Errorf("%d branches (want 3: own + 2), %d members (want %d): the old data was not replaced", branches, members, len(allA)+len(allB))
	}
	if again, _ := target.BranchMembers(ctx, bBefore.ID); !slices.Equal(memberKeys(again, nil, nil), memberKeys(bMembers, nil, nil)) {
		t.Error("replacing ZC01 changed JJ02")
	}

	// The older package, and the same one again, are refused and change nothing.
	before := fingerprint(t, target)
	for _, tt := range []struct{ path, want string }{
		{oldCopy, "已有综采一队党支部更新的数据（导出于"},
		{newer, "已汇总过"},
	} {
		_, err := target.Consolidate(ctx, tt.path)
		if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), tt.want) {
			t.Errorf("%s: %v, want %q", filepath.Base(tt.path), err, tt.want)
		}
		if fingerprint(t, target) != before {
			t.Errorf("%s: refused, yet the target changed", filepath.Base(tt.path))
		}
	}
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// rezip rewrites the package at src into dst, letting edit change each entry's content.
func rezip(t testing.TB, src, dst string, edit func(name string, b []byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if b = edit(f.Name, b); b == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editManifest(fn func(m map[string]any)) func(string, []byte) []byte {
	return func(name string, b []byte) []byte {
		if name != data.PackageManifest {
			return b
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		fn(m)
		out, _ := json.Marshal(m)
		return out
	}
}

func TestConsolidateRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	src := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 8, 1)
	good := exportAt(t, src, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	raw, _ := os.ReadFile(good)

	// Another program's SQLite file.
	foreignDB := filepath.Join(dir, "foreign.db")
	other, err := sql.Open("sqlite3", foreignDB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(`CREATE TABLE branch (id INTEGER PRIMARY KEY, code TEXT); INSERT INTO branch VALUES (1, 'ZC01')`); err != nil {
		t.Fatal(err)
	}
	other.Close()
	foreignRaw, _ := os.ReadFile(foreignDB)
	foreignSum := sha256.Sum256([]byte("not sqlite at all"))

	type mk func(path string)
	write := func(b []byte) mk { return func(p string) { os.WriteFile(p, b, 0o644) } }
	flipped := slices.Clone(raw)
	for i := len(flipped) / 3; i < len(flipped)/3+16; i++ {
		flipped[i] ^= 0xA5
	}
	randomZip := func(p string) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("readme.txt")
		w.Write([]byte("一个普通的压缩包"))
		zw.Close()
		os.WriteFile(p, buf.Bytes(), 0o644)
	}
	tests := []struct {
		name string
		make mk
		want string
	}{
		{"flipped bytes", write(flipped), "损坏"},
		{"truncated", write(raw[:len(raw)/2]), "不是有效的上报数据包"},
		{"empty", write(nil), "不是有效的上报数据包"},
		{"text", write([]byte("hello")), "不是有效的上报数据包"},
		{"random zip", randomZip, "缺少 manifest.json"},
		{"bad manifest", func(p string) {
			rezip(t, good, p, func(n string, b []byte) []byte {
				if n == data.PackageManifest {
					return []byte("{not json")
				}
				return b
			})
		}, "manifest.json 无法识别"},
		{"foreign manifest", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["format"] = "别的程序" }))
		}, "manifest.json 无法识别"},
		{"wrong checksum", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["data_sha256"] = strings.Repeat("0", 64) }))
		}, "校验值不符"},
		{"no code", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["branch_code"] = "" }))
		}, "没有支部代码"},
		{"other code", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["branch_code"] = "XX99" }))
		}, "清单与其中的数据不符"},
		{"wrong counts", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["counts"].(map[string]any)["member"] = 999 }))
		}, "清单与其中的数据不符"},
		{"newer schema", func(p string) {
			rezip(t, good, p, editManifest(func(m map[string]any) { m["schema_version"] = 999 }))
		}, "更新版本"},
		{"foreign database", func(p string) {
			sum := sha256.Sum256(foreignRaw)
			rezip(t, good, p, func(n string, b []byte) []byte {
				if n == data.PackageData {
					return foreignRaw
				}
				return editManifest(func(m map[string]any) { m["data_sha256"] = hex.EncodeToString(sum[:]) })(n, b)
			})
		}, "不是支部台账的数据文件"},
		{"not sqlite", func(p string) {
			rezip(t, good, p, func(n string, b []byte) []byte {
				if n == data.PackageData {
					return []byte("not sqlite at all")
				}
				return editManifest(func(m map[string]any) { m["data_sha256"] = hex.EncodeToString(foreignSum[:]) })(n, b)
			})
		}, "不是支部台账的数据文件"},
		{"missing", func(string) {}, "文件不存在"},
	}

	target := openTemp(t)
	// The target already holds a branch: a refusal must leave it as it was.
	seed := exportAt(t, branchFile(t, dir, "掘进二队党支部", "JJ02", 2, 6, 1), dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	if _, err := target.Consolidate(ctx, seed); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, target)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "包.zip")
			tt.make(p)
			_, err := target.Consolidate(ctx, p)
			if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), tt.want) {
				t.Errorf("error %v, want EInvalid with %q", err, tt.want)
			}
			if line := data.RefusedLine("包.zip", err); !strings.HasPrefix(line, "文件「包.zip」：已拒绝，原因：") {
				t.Errorf("line %q", line)
			}
			if fingerprint(t, target) != before {
				t.Error("the package was refused, yet the target changed")
			}
		})
	}
	// The good package still goes in afterwards.
	if _, err := target.Consolidate(ctx, good); err != nil {
		t.Fatal(err)
	}
}

func TestConsolidateTargetMustNotBeABranchFile(t *testing.T) {
	dir := t.TempDir()
	src := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 6, 1)
	other := branchFile(t, dir, "掘进二队党支部", "JJ02", 2, 6, 1)
	pkg := exportAt(t, other, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	before := fingerprint(t, src)
	_, err := src.Consolidate(ctx, pkg)
	if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), "不能作为汇总库") {
		t.Fatalf("error %v", err)
	}
	if fingerprint(t, src) != before {
		t.Error("a branch's file changed")
	}
	if cons, _ := src.IsConsolidated(ctx); cons {
		t.Error("a branch's file was marked consolidated")
	}
	// Nor by 用作汇总库; a new file is, before any package, and asking again changes nothing.
	if err := src.MakeConsolidated(ctx); data.ErrorCode(err) != data.EInvalid || fingerprint(t, src) != before {
		t.Errorf("MakeConsolidated on a branch's file: %v", err)
	}
	fresh := openTemp(t)
	for range 2 {
		if err := fresh.MakeConsolidated(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if cons, err := fresh.IsConsolidated(ctx); !cons || err != nil {
		t.Errorf("a new file after MakeConsolidated: consolidated %v, %v", cons, err)
	}
	// Marked once, logged once.
	if ops, err := fresh.OpLog(ctx, data.OpFilter{Entity: data.EntDataFile}); err != nil || len(ops) != 1 || ops[0].Detail != "设为汇总库" {
		t.Errorf("the log of 用作汇总库: %+v, %v", ops, err)
	}
	if _, err := fresh.Consolidate(ctx, pkg); err != nil {
		t.Errorf("the marked file refuses a package: %v", err)
	}
}

// TestImportRefusedByConsolidated: no import writes into a 汇总库, where it would land in whichever
// branch came first.
func TestImportRefusedByConsolidated(t *testing.T) {
	dir := t.TempDir()
	src := branchFile(t, dir, "综采一队党支部", "ZC01", 1, 6, 1)
	cons := openTemp(t)
	if _, err := cons.Consolidate(ctx, exportAt(t, src, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	before := fingerprint(t, cons)
	m := data.Member{Name: "张三", IDNumber: "110101199003070011", Category: data.CategoryFull}
	_, errMembers := cons.ImportMembers(ctx, []data.Member{m}, data.ImportSkip, nil)
	_, errDues := cons.ImportDuesBases(ctx, []data.DuesBase{{MemberID: 1, From: data.Month{Year: 2026, Month: 1}, Base: 5000}}, nil)
	_, errActs := cons.ImportActivities(ctx, []data.Activity{{Date: data.NewDate(2026, 11, 5), Kinds: []string{data.KindGeneral}, Scope: data.ScopeAll, Topic: "学习"}})
	for what, err := range map[string]error{"members": errMembers, "dues bases": errDues, "activities": errActs, "check": cons.CheckImportable(ctx)} {
		if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), "是汇总库") {
			t.Errorf("import of %s into a 汇总库: %v", what, err)
		}
	}
	if fingerprint(t, cons) != before {
		t.Error("a refused import changed the 汇总库")
	}
	if err := src.CheckImportable(ctx); err != nil {
		t.Errorf("a branch's file refuses imports: %v", err)
	}
}

func TestExportPackage(t *testing.T) {
	db := openTemp(t)
	out := filepath.Join(t.TempDir(), "x.zip")
	for _, b := range []data.Branch{
		{Name: "综采一队党支部", Committee: "某某煤矿党委"},
		{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: ""},
	} {
		if err := db.SaveBranch(ctx, &b); err != nil {
			t.Fatal(err)
		}
		_, err := db.ExportPackage(ctx, out, "test")
		if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), "支部信息") {
			t.Errorf("branch %+v: %v", b, err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a refused export wrote a file")
		}
	}
	b := data.Branch{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: "ZC01"}
	if err := db.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, db, newMember("张三", 1))
	m, err := db.ExportPackage(ctx, out, "9.9")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	var manifest data.Manifest
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case data.PackageManifest:
			if err := json.Unmarshal(b, &manifest); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(b, []byte(`"exported_at": "`+m.ExportedAt.Format(time.RFC3339)+`"`)) || !strings.HasSuffix(m.ExportedAt.Format(time.RFC3339), "Z") {
				t.Errorf("export time not UTC RFC 3339: %s", b)
			}
		case data.PackageData:
			sum := sha256.Sum256(b)
			if hex.EncodeToString(sum[:]) != m.DataSHA256 {
				t.Error("checksum does not match data.db")
			}
		}
	}
	ours, _ := schemaVersion()
	if !slices.Equal(names, []string{data.PackageManifest, data.PackageData}) || manifest.BranchCode != "ZC01" ||
		manifest.SchemaVersion != ours || manifest.ProgramVersion != "9.9" || manifest.Counts[data.CountMembers] != 1 || manifest.Counts["team"] != 0 {
		t.Errorf("entries %v, manifest %+v", names, manifest)
	}

	// A consolidated file exports nothing.
	target := openTemp(t)
	if _, err := target.Consolidate(ctx, out); err != nil {
		t.Fatal(err)
	}
	if _, err := target.ExportPackage(ctx, filepath.Join(t.TempDir(), "y.zip"), "test"); data.ErrorCode(err) != data.EInvalid {
		t.Errorf("export of a consolidated file: %v", err)
	}
}

// TestBranchTables guards the generic copy: every table of a branch's records is carried, and the
// program's own tables are not.
func TestBranchTables(t *testing.T) {
	db := openTemp(t)
	tables, err := branchTables(ctx, db.db, "main")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tb := range tables {
		names = append(names, tb.name)
	}
	for _, want := range []string{"branch", "finding", "finding_history", "inspection", "inspector", "member", "party_group", "team"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s is not copied by consolidation (copied: %v)", want, names)
		}
	}
	for _, not := range []string{"setting", "option_list", "key_post"} {
		if slices.Contains(names, not) {
			t.Errorf("%s is copied as branch records", not)
		}
	}
}

// FuzzConsolidate feeds arbitrary files to Consolidate: it never panics, and a refused file never
// changes the target.
// fuzzPackage is the package of a small hand-made branch, which keeps each fuzz worker's set-up short.
func fuzzPackage(f testing.TB) string {
	dir := f.TempDir()
	src := openTemp(f)
	b := data.Branch{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: "ZC01"}
	if err := src.SaveBranch(ctx, &b); err != nil {
		f.Fatal(err)
	}
	mustCreate(f, src, newMember("张三", 1))
	return exportAt(f, src, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
}

// consolidateFuzzed consolidates the package at p into target within 20 s, and checks the result:
// a clean import, or a refusal (EInvalid) that left the target as it was (before).
func consolidateFuzzed(t *testing.T, target *DB, p, before string) (after string) {
	var err error
	within(t, "consolidation", func() { _, err = target.Consolidate(ctx, p) })
	after = fingerprint(t, target)
	if err != nil {
		if data.ErrorCode(err) != data.EInvalid {
			t.Fatalf("not a refusal: %v", err)
		}
		if after != before {
			t.Fatalf("refused (%v), yet the target changed", err)
		}
	}
	return after
}

func FuzzConsolidate(f *testing.F) {
	good := fuzzPackage(f)
	raw, _ := os.ReadFile(good)
	f.Add(raw)
	f.Add(raw[:len(raw)-10])
	f.Add(raw[:200])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	target := openTemp(f)
	before := fingerprint(f, target)
	work := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(work, "fuzz.zip")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		before = consolidateFuzzed(t, target, p, before)
	})
}

// TestConsolidateMutatedData is FuzzConsolidateData's check over a fixed set of random mutations
// (a few bytes of the data file changed, the checksum recomputed), so that every test run tries them.
func TestConsolidateMutatedData(t *testing.T) {
	good := fuzzPackage(t)
	raw := packageData(t, good)
	target := openTemp(t)
	before := fingerprint(t, target)
	r := rand.New(rand.NewPCG(1, 2))
	for range 60 {
		m := slices.Clone(raw)
		for range 1 + r.IntN(8) {
			m[r.IntN(len(m))] = byte(r.IntN(256))
		}
		p := filepath.Join(t.TempDir(), "fuzz.zip")
		packageWithData(t, good, p, m)
		before = consolidateFuzzed(t, target, p, before)
	}
}

// TestConsolidateRefusesBrokenCheck: the copy does not evaluate CHECK constraints (copyUnchecked),
// so a package whose rows break one must be refused by its quick_check, leaving nothing, and the
// constraints must hold again on the connection afterwards.
func TestConsolidateRefusesBrokenCheck(t *testing.T) {
	good := fuzzPackage(t)
	p := filepath.Join(t.TempDir(), "bad.zip")
	packageWithData(t, good, p, craftedData(t, good, `PRAGMA ignore_check_constraints = ON; UPDATE member SET sex = '未知'`))
	target := openTemp(t)
	target.db.SetMaxOpenConns(1) // the connection that consolidated is the one checked below
	before := fingerprint(t, target)
	if _, err := target.Consolidate(ctx, p); data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), "损坏") {
		t.Fatalf("error %v, want a refusal of a damaged file", err)
	}
	if fingerprint(t, target) != before {
		t.Error("the package was refused, yet the target changed")
	}
	if _, err := target.Consolidate(ctx, good); err != nil {
		t.Fatal(err)
	}
	if _, err := target.db.ExecContext(ctx, `UPDATE member SET sex = '未知'`); err == nil {
		t.Error("CHECK constraints are still off after consolidation")
	}
}

// FuzzConsolidateData mutates the data file inside a package and recomputes the checksum, as an
// attacker would (issue 16): the package goes in cleanly or is refused, within seconds, leaving the
// target as it was.
func FuzzConsolidateData(f *testing.F) {
	good := fuzzPackage(f)
	f.Add(packageData(f, good))
	for _, c := range craftedSchemas {
		if c.stmt == "" {
			f.Add(notSQLite)
		} else {
			f.Add(craftedData(f, good, c.stmt))
		}
	}
	target := openTemp(f)
	before := fingerprint(f, target)
	work := f.TempDir()
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := filepath.Join(work, "fuzz.zip")
		packageWithData(t, good, p, raw)
		before = consolidateFuzzed(t, target, p, before)
	})
}

func TestConsolidateLogged(t *testing.T) {
	dir := t.TempDir()
	src := openTemp(t)
	b := data.Branch{Name: "综采一队党支部", Committee: "某某煤矿党委", Code: "ZC01"}
	if err := src.SaveBranch(ctx, &b); err != nil {
		t.Fatal(err)
	}
	pkg := exportAt(t, src, dir, time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))
	target := openTemp(t)
	if _, err := target.Consolidate(ctx, pkg); err != nil {
		t.Fatal(err)
	}
	target.Consolidate(ctx, pkg) // refused: not logged
	ops, err := target.OpLog(ctx, data.OpFilter{Action: data.ActConsolidate})
	if err != nil || len(ops) != 1 || ops[0].Label != "综采一队党支部" || !strings.Contains(ops[0].Detail, filepath.Base(pkg)+"：已汇总") {
		t.Fatalf("log %+v, %v", ops, err)
	}
}

// brokenPackage rewrites the package at src into dst with a member whose Party group does not
// exist: sound as a file (its checksum matches), refused only by the foreign key check at COMMIT.
func brokenPackage(t testing.TB, src, dst string) {
	t.Helper()
	craftPackage(t, src, dst, `UPDATE member SET group_id = 999999 WHERE id = (SELECT min(id) FROM member)`)
}

// craftPackage writes dst: the package src with stmt run on its data file (foreign keys off), and
// the manifest's checksum recomputed, as an attacker would.
func craftPackage(t testing.TB, src, dst, stmt string) {
	t.Helper()
	packageWithData(t, src, dst, craftedData(t, src, stmt))
}

// craftedData is the data file of the package src with stmt run on it (foreign keys off).
func craftedData(t testing.TB, src, stmt string) []byte {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "data.db")
	os.WriteFile(dbPath, packageData(t, src), 0o644)
	f, err := sql.Open("sqlite3", dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := f.Exec(stmt); err != nil {
		t.Fatal(err)
	} else if n, _ := res.RowsAffected(); n == 0 && strings.HasPrefix(stmt, "UPDATE") {
		t.Fatal("no row to break")
	}
	f.Close()
	raw, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// packageData is the data file inside the package at src.
func packageData(t testing.TB, src string) []byte {
	t.Helper()
	var raw []byte
	rezip(t, src, filepath.Join(t.TempDir(), "x.zip"), func(name string, b []byte) []byte {
		if name == data.PackageData {
			raw = b
		}
		return b
	})
	return raw
}

// packageWithData writes dst: the package src with raw as its data file and the manifest's
// checksum recomputed.
func packageWithData(t testing.TB, src, dst string, raw []byte) {
	t.Helper()
	sum := sha256.Sum256(raw)
	rezip(t, src, dst, func(name string, b []byte) []byte {
		if name == data.PackageData {
			return raw
		}
		return editManifest(func(m map[string]any) { m["data_sha256"] = hex.EncodeToString(sum[:]) })(name, b)
	})
}

// TestConsolidateAllKeepsOthers: refused packages in the middle of a batch (one damaged, one whose
// data breaks a foreign key, which only COMMIT sees) leave nothing, and the packages before and
// after them go in, with every result reported in order.
func TestConsolidateAllKeepsOthers(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	var pkgs []string
	for i, code := range []string{"ZC01", "JJ02", "JD03", "TF04"} {
		pkgs = append(pkgs, exportAt(t, branchFile(t, dir, fmt.Sprintf("第%d党支部", i+1), code, int64(i+1), 8, 2), dir, at))
	}
	broken := filepath.Join(dir, "broken.zip")
	brokenPackage(t, pkgs[1], broken)
	damaged := filepath.Join(dir, "damaged.zip")
	raw, _ := os.ReadFile(pkgs[3])
	os.WriteFile(damaged, raw[:len(raw)/2], 0o644)
	// The broken one comes before its branch's sound package, which must still go in.
	batch := []string{pkgs[0], broken, pkgs[2], damaged, pkgs[1], pkgs[3]}
	wantRefused := []string{"", "不符合规则", "", "不是有效的上报数据包", "", ""}

	for _, size := range []string{"one batch", "one by one"} {
		t.Run(size, func(t *testing.T) {
			target := openTemp(t)
			var got []int
			run := func(paths []string, first int) {
				err := target.ConsolidateAll(ctx, paths, func(i int, res data.ConsolidateResult, err error) {
					got = append(got, first+i)
					if want := wantRefused[first+i]; (want != "") != (err != nil) || err != nil &&
						(data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), want)) {
						t.Errorf("%s: %v (%s)", filepath.Base(batch[first+i]), err, res.Line())
					}
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			if size == "one batch" {
				run(batch, 0)
			} else {
				for i, p := range batch {
					run([]string{p}, i)
				}
			}
			if !slices.Equal(got, []int{0, 1, 2, 3, 4, 5}) {
				t.Errorf("results reported for %v", got)
			}
			bs, err := target.Branches(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, b := range bs {
				codes = append(codes, b.Code)
			}
			if !slices.Equal(codes, []string{"JD03", "JJ02", "TF04", "ZC01"}) {
				t.Errorf("branches %v", codes)
			}
			var branches, members, want int
			target.db.QueryRow(`SELECT count(*) FROM branch`).Scan(&branches)
			target.db.QueryRow(`SELECT count(*) FROM member`).Scan(&members)
			for _, b := range bs {
				want += b.Counts[data.CountMembers]
			}
			if branches != 5 || members != want {
				t.Errorf("%d branches (want own + 4), %d members (want %d): a refused package left rows", branches, members, want)
			}
			if problems, err := target.Verify(ctx, data.Today()); err != nil || len(problems) != 0 {
				t.Errorf("Verify: %v, %v", problems, err)
			}
			ops, _ := target.OpLog(ctx, data.OpFilter{Action: data.ActConsolidate})
			if len(ops) != 4 {
				t.Errorf("%d consolidations logged, want 4", len(ops))
			}
		})
	}
}

// TestConsolidateAllCancelled: a cancelled batch stops before the next package, keeps those done,
// and says it was cancelled.
func TestConsolidateAllCancelled(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	var pkgs []string
	for i := range attachLimit + 2 {
		pkgs = append(pkgs, exportAt(t, branchFile(t, dir, fmt.Sprintf("第%d党支部", i+1), fmt.Sprintf("B%02d", i), int64(i+1), 3, 1), dir, at))
	}
	target := openTemp(t)
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var reported []int
	err := target.ConsolidateAll(cctx, pkgs, func(i int, _ data.ConsolidateResult, err error) {
		reported = append(reported, i)
		if err != nil {
			t.Errorf("%d: %v", i, err)
		}
		cancel() // while the first transaction's results come in
	})
	if !errors.Is(err, context.Canceled) || len(reported) == 0 || len(reported) == len(pkgs) {
		t.Fatalf("cancelled: %v, reported %v", err, reported)
	}
	bs, _ := target.Branches(ctx)
	if len(bs) != len(reported) {
		t.Errorf("%d branches kept, %d reported done", len(bs), len(reported))
	}
	if problems, err := target.Verify(ctx, data.Today()); err != nil || len(problems) != 0 {
		t.Errorf("Verify: %v, %v", problems, err)
	}
}

// TestBranchAssessments reads the A1 assessments of every branch back from a consolidated file:
// each branch's own, no other kind, only those whose period lies in the one asked for.
func TestBranchAssessments(t *testing.T) {
	today := data.Today()
	if today.Month == time.January {
		t.Skip("the demo makes A1 assessments for the months of this year before today's")
	}
	dir := t.TempDir()
	// A year of records: the demo assesses every past month that has records.
	srcs := []*DB{branchFile(t, dir, "综采一队党支部", "ZC01", 1, 10, 12), branchFile(t, dir, "掘进二队党支部", "JJ02", 2, 10, 12)}
	target := openTemp(t)
	at := time.Now()
	for _, src := range srcs {
		if _, err := target.Consolidate(ctx, exportAt(t, src, dir, at)); err != nil {
			t.Fatal(err)
		}
	}
	branches, err := target.Branches(ctx)
	if err != nil || len(branches) != 2 {
		t.Fatalf("branches %v, %v", branches, err)
	}
	// key is what identifies an assessment across files: branch name, period and total.
	key := func(a data.Assessment) string {
		return a.SubjectName + " " + a.Period.Label + " " + data.FormatScore(a.Score().Total)
	}
	for _, p := range []data.Period{data.YearPeriod(today.Year), data.QuarterPeriod(today.Year, 1), data.MonthPeriod(today.Year, time.January),
		data.YearPeriod(today.Year - 1)} {
		var want []string
		for _, src := range srcs {
			as, err := src.Assessments(ctx, data.AssessmentFilter{Kind: data.AssessBranchMonthly, From: p.From, To: p.To})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				want = append(want, key(a))
			}
		}
		got, err := target.BranchAssessments(ctx, data.AssessBranchMonthly, p)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for i, a := range got {
			keys = append(keys, key(a))
			if a.Kind != data.AssessBranchMonthly || len(a.Items) == 0 || !p.Contains(a.Period.From) || !p.Contains(a.Period.To) {
				t.Errorf("%s: %+v", p.Label, a)
			}
			if i > 0 && (got[i-1].BranchID > a.BranchID || got[i-1].BranchID == a.BranchID && a.Period.From.Before(got[i-1].Period.From)) {
				t.Errorf("%s: not by branch, then period: %s after %s", p.Label, key(a), key(got[i-1]))
			}
		}
		if !slices.Equal(keys, want) {
			t.Errorf("%s: got %q, want %q", p.Label, keys, want)
		}
		if p.Label == data.YearPeriod(today.Year).Label && len(got) != 2*(int(today.Month)-1) {
			t.Errorf("%d A1 assessments in %s, want %d", len(got), p.Label, 2*(int(today.Month)-1))
		}
	}
	// A year's A3 assessments lie in the year, not in a quarter.
	if as, err := target.BranchAssessments(ctx, data.AssessThreeInOne, data.YearPeriod(today.Year)); err != nil || len(as) == 0 {
		t.Errorf("A3 in the year: %d, %v", len(as), err)
	}
	if as, err := target.BranchAssessments(ctx, data.AssessThreeInOne, data.QuarterPeriod(today.Year, 1)); err != nil || len(as) != 0 {
		t.Errorf("A3 in a quarter: %d, %v", len(as), err)
	}
}
