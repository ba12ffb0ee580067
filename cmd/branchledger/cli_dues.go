package main

import (
	"fmt"

	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// importDuesBase is `import dues-base 工资表.xlsx --db F --from 2026-01`: the payroll's incomes become
// the members' 党费 bases from that month, rows with problems skipped and reported as a roster
// import does.
func (c *cli) importDuesBase(a args) error {
	if !a.has("from") {
		return usageErr("请用 --from 写明计算基数从哪个月起执行，如 --from 2026-01")
	}
	from, err := data.ParseMonth(a.get("from"))
	if err != nil {
		return err
	}
	return c.importRows(a, func(db *sqlite.DB) (rowsImport, error) {
		basis, err := data.LoadDuesImportBasis(c.ctx, db)
		if err != nil {
			return rowsImport{}, err
		}
		_, parse, err := reports.ReadDuesBases(a.positional[1], from, basis)
		if err != nil {
			return rowsImport{}, err
		}
		plan := data.PlanDuesImport(&parse)
		return rowsImport{plan.Problems, plan.Report(), plan.ErrorRows, func() (string, error) {
			res, err := db.ImportDuesBases(c.ctx, plan.Bases, nil)
			return fmt.Sprintf("%s（计算基数自 %s 起执行）", plan.Summary(res), from.Chinese()), err
		}}, nil
	})
}
