package sqlite

import (
	"context"
	"fmt"

	"branchledger/data"
)

// Verify runs SQLite's full integrity check, the rules between records, and every registered
// entity's validator (data.Entities) over the saved data, and returns one Chinese line per problem
// found (none: the file is sound). An error means the check itself could not run.
func (db *DB) Verify(ctx context.Context, today data.Date) ([]string, error) {
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
		problems = append(problems, fmt.Sprintf("%s（编号 %v）引用的%s不存在", tableName(table), rowid, tableName(parent)))
	}
	fk.Close()
	if err := fk.Err(); err != nil {
		return nil, err
	}

	for _, r := range consistencyRules {
		found, err := queryStrings(ctx, db.db, r)
		if err != nil {
			return nil, err
		}
		problems = append(problems, found...)
	}

	for _, e := range data.Entities {
		found, err := e.Verify(ctx, db, today)
		if err != nil {
			return nil, err
		}
		problems = append(problems, found...)
	}
	return problems, nil
}

// tableName is the Chinese name of a table's rows in Verify's messages, from the entity registry.
func tableName(t string) string {
	noun, _ := data.TableNoun(t)
	return noun
}

// consistencyRules are queries over rules between records that neither the schema nor the
// validation of one record holds; each row is one problem, already worded in Chinese.
var consistencyRules = []string{
	`SELECT '督查记录（' || i.date || ' ' || i.unit || '）没有督查组成员'
		FROM inspection i WHERE NOT EXISTS (SELECT 1 FROM inspector p WHERE p.inspection_id = i.id)`,
	`SELECT '督查记录（' || i.date || ' ' || i.unit || '）没有牵头人'
		FROM inspection i WHERE EXISTS (SELECT 1 FROM inspector p WHERE p.inspection_id = i.id)
		AND NOT EXISTS (SELECT 1 FROM inspector p WHERE p.inspection_id = i.id AND p.lead = 1)`,
	`SELECT '问题（编号 ' || f.id || '）来源是督查，但没有对应的督查记录'
		FROM finding f WHERE f.source = '督查' AND f.inspection_id IS NULL`,
	`SELECT '问题（编号 ' || f.id || '）没有整改记录' FROM finding f
		WHERE NOT EXISTS (SELECT 1 FROM finding_history h WHERE h.finding_id = f.id)`,
	`SELECT '问题（编号 ' || f.id || '）的状态「' || f.state || '」与最后一条整改记录「' || h.to_state || '」不一致'
		FROM finding f JOIN finding_history h ON h.id = (SELECT max(id) FROM finding_history WHERE finding_id = f.id)
		WHERE h.to_state <> f.state`,
}

func queryStrings(ctx context.Context, q querier, query string) ([]string, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
