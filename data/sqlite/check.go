package sqlite

import (
	"context"
	"fmt"

	"branchledger/data"
)

// Check runs SQLite's full integrity check and the program's own rules (members, inspections,
// findings) over the saved data, and returns one Chinese line per problem found (none: the file is
// sound). An error means the check itself could not run.
func (db *DB) Check(ctx context.Context, today data.Date) ([]string, error) {
	var problems []string
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		if s != "ok" {
			problems = append(problems, "数据文件结构损坏："+s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		// Rows cannot be trusted in a damaged file: the rules below would only add noise.
		return problems, nil
	}

	fk, err := db.db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	for fk.Next() {
		var table, parent string
		var rowid, id any
		if err := fk.Scan(&table, &rowid, &parent, &id); err != nil {
			fk.Close()
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("表 %s 的第 %v 条记录引用了表 %s 中不存在的记录", table, rowid, parent))
	}
	fk.Close()
	if err := fk.Err(); err != nil {
		return nil, err
	}

	ms, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, err
	}
	for i := range ms {
		m := ms[i]
		for _, fe := range data.ValidateMember(&m, today) {
			problems = append(problems, fmt.Sprintf("党员「%s」（身份证号 %s）：%s：%s", m.Name, m.IDNumber, fe.Field, fe.Message))
		}
	}

	ins, err := db.Inspections(ctx, data.InspectionFilter{})
	if err != nil {
		return nil, err
	}
	for i := range ins {
		for _, fe := range data.ValidateInspection(&ins[i], today) {
			problems = append(problems, fmt.Sprintf("督查记录（%s %s）：%s：%s", ins[i].Date, ins[i].Unit, fe.Field, fe.Message))
		}
	}
	fs, err := db.Findings(ctx, data.FindingFilter{})
	if err != nil {
		return nil, err
	}
	for i := range fs {
		if fs[i].InspectionID != 0 {
			continue // checked with its inspection
		}
		for _, fe := range data.ValidateFinding(&fs[i], today) {
			problems = append(problems, fmt.Sprintf("问题（%s 发现，编号 %d）：%s：%s", fs[i].FoundDate, fs[i].ID, fe.Field, fe.Message))
		}
	}
	return problems, nil
}
