package main

import (
	"fmt"
	"os"
	"path/filepath"

	"branchledger/data"
)

// Reporting upward and consolidation (SPEC §9) on the command line.

// packageCmd: branchledger package --db FILE [--out PKG]. Without --out the package goes into the
// current folder under its default name.
func (c *cli) packageCmd(a args) error {
	if len(a.positional) > 0 {
		return usageErr("请写成：branchledger package --db 数据文件 --out 上报数据包.zip")
	}
	db, closeDB, err := c.openForRead(a)
	if err != nil {
		return err
	}
	defer closeDB()
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
func (c *cli) consolidate(a args) error {
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
		}
		fmt.Fprintln(c.out, res.ResultLine(err))
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
