package main

import (
	"branchledger/data"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

// importActivities imports an existing meeting ledger in the R12 layout (`import activities`), with
// the roster import's rules: rows with problems are skipped and listed (--report writes them all),
// --strict imports nothing when any row has one, and the rest goes in one transaction.
func (c *cli) importActivities(a args) error {
	if a.has("mode") {
		return usageErr("导入组织生活记录时不能使用 --mode：已有的记录（同一天同一主题）总是跳过")
	}
	return c.importRows(a, func(db *sqlite.DB) (rowsImport, error) {
		ic, err := data.LoadImportContext(c.ctx, db, c.today)
		if err != nil {
			return rowsImport{}, err
		}
		_, parse, err := reports.ReadActivities(a.positional[1], ic)
		if err != nil {
			return rowsImport{}, err
		}
		plan := data.PlanActivities(&parse)
		return rowsImport{plan.Problems, plan.Report(), plan.ErrorRows, func() (string, error) {
			n, err := db.ImportActivities(c.ctx, plan.Activities)
			return plan.Summary(n), err
		}}, nil
	})
}
