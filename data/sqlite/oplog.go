package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"branchledger/data"
)

// logOp records op in the operation log within tx, the transaction of the change itself, so that a
// failed save logs nothing. Every write path calls it once. The time is the store's clock; an update
// with no Detail gets the diff of Before and After. Writers of later modules call it the same way:
//
//	db.logOp(ctx, tx, data.Op{Action: data.ActUpdate, Entity: "两堂一舍检查", EntityID: c.ID,
//		Label: label, Before: oldFields, After: newFields})
func (db *DB) logOp(ctx context.Context, tx *sql.Tx, op data.Op) error {
	if op.Detail == "" && op.Before != nil && op.After != nil {
		op.Detail = data.Diff(op.Before, op.After)
	}
	before, err := fieldsJSON(op.Before)
	if err != nil {
		return err
	}
	after, err := fieldsJSON(op.After)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO op_log (at, action, entity, entity_id, label, before_json, after_json, detail)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		db.stamp(), op.Action, op.Entity, op.EntityID, op.Label, before, after, op.Detail)
	return err
}

// logChange logs an update of a record unless it changed nothing the log shows (a save of an
// unchanged form is no operation).
func (db *DB) logChange(ctx context.Context, tx *sql.Tx, entity string, id int64, label string, before, after data.Fields) error {
	diff := data.Diff(before, after)
	if diff == "" {
		return nil
	}
	return db.logOp(ctx, tx, data.Op{Action: data.ActUpdate, Entity: entity, EntityID: id, Label: label,
		Before: before, After: after, Detail: diff})
}

func fieldsJSON(fs data.Fields) (string, error) {
	if fs == nil {
		return "", nil
	}
	b, err := json.Marshal(fs)
	return string(b), err
}

func parseFields(s string) (data.Fields, error) {
	if s == "" {
		return nil, nil
	}
	var fs data.Fields
	err := json.Unmarshal([]byte(s), &fs)
	return fs, err
}

// LogEvent records an entry for work done outside the store's write paths (a backup restored,
// packages consolidated), in a transaction of its own.
func (db *DB) LogEvent(ctx context.Context, action, entity, label, detail string) error {
	if strings.TrimSpace(action) == "" {
		return errors.New("LogEvent: empty action")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		return db.logOp(ctx, tx, data.Op{Action: action, Entity: entity, Label: label, Detail: detail})
	})
}

// OpLog lists the log entries matching f, newest first. From and To are local calendar days.
func (db *DB) OpLog(ctx context.Context, f data.OpFilter) ([]data.Op, error) {
	var where []string
	var args []any
	add := func(cond string, arg ...any) { where, args = append(where, cond), append(args, arg...) }
	if !f.From.IsZero() {
		add(`at >= ?`, localDayStart(f.From))
	}
	if !f.To.IsZero() {
		add(`at < ?`, localDayStart(f.To.AddDays(1)))
	}
	if f.Entity != "" {
		add(`entity = ?`, f.Entity)
	}
	if f.Action != "" {
		add(`action = ?`, f.Action)
	}
	if t := data.NormalizeText(f.Text); t != "" {
		add(`(instr(label, ?) > 0 OR instr(detail, ?) > 0 OR instr(before_json, ?) > 0 OR instr(after_json, ?) > 0)`, t, t, t, t)
	}
	q := `SELECT id, at, action, entity, entity_id, label, before_json, after_json, detail FROM op_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	rows, err := db.db.QueryContext(ctx, q+` ORDER BY at DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ops []data.Op
	for rows.Next() {
		var op data.Op
		var at, before, after string
		if err := rows.Scan(&op.ID, &at, &op.Action, &op.Entity, &op.EntityID, &op.Label, &before, &after, &op.Detail); err != nil {
			return nil, err
		}
		if op.At, err = parseStamp(at); err != nil {
			return nil, err
		}
		if op.Before, err = parseFields(before); err != nil {
			return nil, err
		}
		if op.After, err = parseFields(after); err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
	return ops, rows.Err()
}

// localDayStart is the stored (UTC) form of the first moment of local day d.
func localDayStart(d data.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.Local).UTC().Format(timestamp)
}

// nameOf is the name of the row of table with id ("" for none or a missing row), for the log.
func nameOf(ctx context.Context, q querier, table string, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM `+table+` WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// memberLog is m as the log keeps it, its group and team by name.
func memberLog(ctx context.Context, q querier, m *data.Member) (data.Fields, error) {
	group, err := nameOf(ctx, q, "party_group", m.GroupID)
	if err != nil {
		return nil, err
	}
	team, err := nameOf(ctx, q, "team", m.TeamID)
	if err != nil {
		return nil, err
	}
	return data.MemberFields(m, group, team), nil
}

// findingLog is f as the log keeps it, its team and member by name.
func findingLog(ctx context.Context, q querier, f *data.Finding) (data.Fields, error) {
	team, err := nameOf(ctx, q, "team", f.TeamID)
	if err != nil {
		return nil, err
	}
	member, err := nameOf(ctx, q, "member", f.MemberID)
	if err != nil {
		return nil, err
	}
	return data.FindingFields(f, team, member), nil
}
