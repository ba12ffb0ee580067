package main

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// Reporting upward and consolidation (SPEC §9) on the command line.

// packageCmd: branchledger package --db FILE [--out PKG]. Without --out the package goes into the
// current folder under its default name.
func (c *cli) packageCmd(argv []string) error {
	a, err := parseArgs(argv, []string{"db", "out"}, nil)
	if err != nil {
		return err
	}
	if len(a.positional) > 0 {
		return usageErr("请写成：branchledger package --db 数据文件 --out 上报数据包.zip")
	}
	db, err := c.open(a, true)
	if err != nil {
		return err
	}
	defer db.Close()
	out := a.get("out")
	if out == "" {
		b, err := db.Branch(c.ctx)
		if err != nil {
			return err
		}
		out = data.PackageFileName(b, c.today)
	} else if st, err := os.Stat(out); err == nil && st.IsDir() {
		b, err := db.Branch(c.ctx)
		if err != nil {
			return err
		}
		out = filepath.Join(out, data.PackageFileName(b, c.today))
	}
	m, err := db.ExportPackage(c.ctx, out, version)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已导出%s的上报数据包到「%s」：%s\n", m.BranchName, out, data.CountsText(m.Counts))
	return nil
}

// consolidate: branchledger consolidate --db TARGET PKG... The packages go in as one batch, each on
// its own (a refused one leaves nothing); one result line each. Exit code 1 when any was refused
// (the others are still applied).
func (c *cli) consolidate(argv []string) error {
	a, err := parseArgs(argv, []string{"db"}, nil)
	if err != nil {
		return err
	}
	if !a.has("db") || len(a.positional) == 0 {
		return usageErr("请写成：branchledger consolidate --db 汇总库.db 数据包1.zip 数据包2.zip …")
	}
	db, done, err := c.openForWrite(a, false)
	if err != nil {
		return err
	}
	defer done()
	refused := 0
	err = db.ConsolidateAll(c.ctx, a.positional, func(i int, res data.ConsolidateResult, err error) {
		if err != nil {
			refused++
			fmt.Fprintln(c.out, data.RefusedLine(filepath.Base(a.positional[i]), err))
		} else {
			fmt.Fprintln(c.out, res.Line())
		}
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "共 %d 个数据包：已汇总 %d 个，已拒绝 %d 个。汇总库「%s」\n", len(a.positional), len(a.positional)-refused, refused, db.Path())
	if refused > 0 {
		return data.Errorf(data.EInvalid, fmt.Sprintf("有 %d 个数据包被拒绝（原因见上），其余的已汇总", refused))
	}
	return nil
}

// demoSeed gives every branch code its own people when no --seed is given.
func demoSeed(code string) int {
	if code == "" {
		return 1
	}
	h := fnv.New64a()
	h.Write([]byte(code))
	return int(h.Sum64() >> 2)
}

// The consolidated exports: on a file marked 汇总库 (sqlite.DB.IsConsolidated), `export members`
// writes every branch's roster, `export branch-stats` the figures by branch and `export
// branch-ranking` the ranking by A1 assessments; a branch's own file refuses the last two.

func (c *cli) exportConsolidatedMembers(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	rosters, committee, n, err := reports.LoadConsolidatedRoster(c.ctx, db)
	if err != nil {
		return nil, "", err
	}
	x.meta.Branch = cmp.Or(x.meta.Branch, committee)
	return func(w io.Writer) error { return reports.WriteConsolidatedRoster(w, x.meta, rosters) },
		fmt.Sprintf(" %d 个党支部的 %d 名党员（汇总）", len(rosters), n), nil
}

// needConsolidated refuses a report of the branches (named report) on a branch's own file.
func (c *cli) needConsolidated(db *sqlite.DB, report string) error {
	if cons, err := db.IsConsolidated(c.ctx); err != nil || !cons {
		return cmpErr(err, data.Errorf(data.EInvalid, report+"只能从汇总库导出；请用 --db 指定汇总库（由 consolidate 命令生成）"))
	}
	return nil
}

func (c *cli) exportBranchStats(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	if err := c.needConsolidated(db, "各党支部督查整改统计表"); err != nil {
		return nil, "", err
	}
	rows, asOf, committee, err := reports.LoadBranchStats(c.ctx, db, x.period, c.today)
	if err != nil {
		return nil, "", err
	}
	x.meta.Branch = cmp.Or(x.meta.Branch, committee)
	return func(w io.Writer) error { return reports.WriteBranchStats(w, x.meta, asOf, rows) },
		fmt.Sprintf("%s %d 个党支部的督查整改统计表", x.period.Label, len(rows)), nil
}

func (c *cli) exportBranchRanking(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	if err := c.needConsolidated(db, "各党支部考核排名表"); err != nil {
		return nil, "", err
	}
	rows, committee, err := reports.LoadBranchRanking(c.ctx, db, x.period)
	if err != nil {
		return nil, "", err
	}
	assessed := 0
	for _, r := range rows {
		if r.Months > 0 {
			assessed++
		}
	}
	x.meta.Branch = cmp.Or(x.meta.Branch, committee)
	return func(w io.Writer) error { return reports.WriteBranchRanking(w, x.meta, rows) },
		fmt.Sprintf("%s %d 个党支部的考核排名表（%d 个有考核）", x.period.Label, len(rows), assessed), nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
