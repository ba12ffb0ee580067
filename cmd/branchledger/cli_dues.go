package main

import (
	"fmt"

	"branchledger/data"
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
	db, done, err := c.openForWrite(a, false)
	if err != nil {
		return err
	}
	defer done()
	members, err := db.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	bases, err := db.DuesBases(c.ctx, 0)
	if err != nil {
		return err
	}
	rates, err := db.DuesRates(c.ctx)
	if err != nil {
		return err
	}
	_, parse, err := reports.ReadDuesBases(a.positional[1], from, members, bases, rates)
	if err != nil {
		return err
	}
	plan := data.PlanDuesImport(&parse)
	if err := c.reportProblems(a, db, plan); err != nil {
		return err
	}
	res, err := db.ImportDuesBases(c.ctx, plan.Bases, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, "%s（计算基数自 %s 起执行）\n", plan.Summary(res), from.Chinese())
	return nil
}
