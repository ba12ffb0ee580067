package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"branchledger/data"
)

// The recycle bin keeps a deleted record as a JSON snapshot of its rows: the record's own row, every
// row its deletion cascades to (an inspection's inspectors, findings and their history), and the
// references the deletion set to NULL (a group's leader, members' group). Which rows those are is read
// from the schema's foreign keys, so tables added later (两堂一舍) are covered by their declarations:
// ON DELETE CASCADE rows go to the bin with the record, ON DELETE SET NULL references are restored,
// and a reference without an action still refuses the deletion. The live rows are deleted, so every
// list, count and report ignores binned records without knowing about the bin.

// binItem is a record to move to the bin.
type binItem struct {
	Entity string      // data.Ent…
	Table  string      // its table, with an INTEGER PRIMARY KEY id
	ID     int64       // its id
	Label  string      // its readable name
	Fields data.Fields // the record as the log shows it
}

// binSnapshot is what the bin keeps of a deletion.
type binSnapshot struct {
	Tables []binTable `json:"tables"` // parents before children: the order of restoring
	Refs   []binRef   `json:"refs"`
}

// binTable holds rows of one table.
type binTable struct {
	Table   string       `json:"table"`
	Columns []string     `json:"columns"`
	Rows    [][]binValue `json:"rows"`
}

// binRef is a reference the deletion set to NULL: Table's row RowID had Column = Value, a row of Target.
type binRef struct {
	Table  string `json:"table"`
	Column string `json:"column"`
	RowID  int64  `json:"row"`
	Target string `json:"target"`
	Value  int64  `json:"value"`
}

// binValue is one SQLite value that survives JSON: null, an integer, a real, a text or a blob.
type binValue struct{ v any }

func (b binValue) MarshalJSON() ([]byte, error) {
	switch v := b.v.(type) {
	case []byte:
		return json.Marshal(map[string]string{"blob": base64.StdEncoding.EncodeToString(v)})
	case time.Time:
		return json.Marshal(v.UTC().Format(timestamp))
	}
	return json.Marshal(b.v)
}

func (b *binValue) UnmarshalJSON(p []byte) error {
	dec := json.NewDecoder(bytes.NewReader(p))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			b.v = i
		} else if b.v, err = x.Float64(); err != nil {
			return err
		}
	case map[string]any:
		s, _ := x["blob"].(string)
		raw, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return err
		}
		b.v = raw
	default:
		b.v = v
	}
	return nil
}

// foreignKey is one foreign key of Table: Column refers to Parent's ParentColumn.
type foreignKey struct {
	Table, Column, Parent, ParentColumn, OnDelete string
}

// foreignKeys lists the foreign keys of the schema, from the declarations themselves.
func foreignKeys(ctx context.Context, q querier) ([]foreignKey, error) {
	rows, err := q.QueryContext(ctx, `
		SELECT m.name, p."from", p."table", coalesce(p."to", 'id'), upper(p.on_delete)
		FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p
		WHERE m.type = 'table' ORDER BY m.name, p.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fks []foreignKey
	for rows.Next() {
		var fk foreignKey
		if err := rows.Scan(&fk.Table, &fk.Column, &fk.Parent, &fk.ParentColumn, &fk.OnDelete); err != nil {
			return nil, err
		}
		fks = append(fks, fk)
	}
	return fks, rows.Err()
}

func idList(ids []int64) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// scanValues reads the current row's n columns as SQLite stores them, whatever the table: for the
// bin's snapshots (and the tests' dumps of whole files).
func scanValues(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, rows.Scan(ptrs...)
}

// capture adds to snap the rows of table whose column is one of ids, then what deleting them would
// cascade to and the references it would set to NULL.
func capture(ctx context.Context, q querier, fks []foreignKey, snap *binSnapshot, table, column string, ids []int64, depth int) error {
	if depth > 8 {
		return fmt.Errorf("recycle bin: cascade from %s too deep", table)
	}
	rows, err := q.QueryContext(ctx, `SELECT * FROM `+table+` WHERE `+column+` IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return err
	}
	cols, err := rows.Columns()
	if err != nil {
		rows.Close()
		return err
	}
	bt := binTable{Table: table, Columns: cols}
	idCol := slices.Index(cols, "id")
	var own []int64
	for rows.Next() {
		vals, err := scanValues(rows, len(cols))
		if err != nil {
			rows.Close()
			return err
		}
		row := make([]binValue, len(vals))
		for i, v := range vals {
			row[i] = binValue{v}
		}
		bt.Rows = append(bt.Rows, row)
		if idCol >= 0 {
			if id, ok := vals[idCol].(int64); ok {
				own = append(own, id)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(bt.Rows) == 0 {
		return nil
	}
	snap.Tables = append(snap.Tables, bt)
	if len(own) == 0 {
		return nil
	}
	for _, fk := range fks {
		if fk.Parent != table || fk.ParentColumn != "id" {
			continue
		}
		switch fk.OnDelete {
		case "CASCADE":
			if err := capture(ctx, q, fks, snap, fk.Table, fk.Column, own, depth+1); err != nil {
				return err
			}
		case "SET NULL":
			refs, err := q.QueryContext(ctx, `SELECT id, `+fk.Column+` FROM `+fk.Table+
				` WHERE `+fk.Column+` IN (SELECT value FROM json_each(?))`, idList(own))
			if err != nil {
				return err
			}
			for refs.Next() {
				r := binRef{Table: fk.Table, Column: fk.Column, Target: table}
				if err := refs.Scan(&r.RowID, &r.Value); err != nil {
					refs.Close()
					return err
				}
				snap.Refs = append(snap.Refs, r)
			}
			refs.Close()
			if err := refs.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// moveToBin files it in the bin and deletes its row (the schema cascades the rest). A deletion the
// schema refuses returns the foreign key error unchanged (see isForeignKey), so callers can say why;
// a missing row returns sql.ErrNoRows. It does not log: deleteToBin does, and callers that delete as
// part of another change (findings dropped from an inspection) log that change instead.
func (db *DB) moveToBin(ctx context.Context, tx *sql.Tx, it binItem) error {
	fks, err := foreignKeys(ctx, tx)
	if err != nil {
		return err
	}
	var snap binSnapshot
	if err := capture(ctx, tx, fks, &snap, it.Table, "id", []int64{it.ID}, 0); err != nil {
		return err
	}
	if len(snap.Tables) == 0 {
		return sql.ErrNoRows
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM `+it.Table+` WHERE id = ?`, it.ID); err != nil {
		return err
	}
	js, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	fields, err := fieldsJSON(it.Fields)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO recycle_bin (deleted_at, entity, entity_id, label, detail, fields, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		db.stamp(), it.Entity, it.ID, it.Label, snap.detail(), fields, string(js))
	return err
}

// deleteToBin is the delete of a record: moveToBin, and the deletion in the operation log. Writers
// of later modules delete their records with it, e.g.
//
//	err := db.deleteToBin(ctx, tx, binItem{Entity: "两堂一舍检查", Table: "welfare_check", ID: id,
//		Label: label, Fields: fields})
//	if isForeignKey(err) { return data.Errorf(data.EConflict, "…不能删除") }
func (db *DB) deleteToBin(ctx context.Context, tx *sql.Tx, it binItem) error {
	if err := db.moveToBin(ctx, tx, it); err != nil {
		return err
	}
	return db.logOp(ctx, tx, data.Op{Action: data.ActDelete, Entity: it.Entity, EntityID: it.ID, Label: it.Label,
		Before: it.Fields, Detail: "已移入回收站"})
}

// tableNoun names the rows of table in the bin's details and refusals: noun and measure word, as
// the entity registry (data.Entities) declares them.
func tableNoun(table string) [2]string {
	noun, measure := data.TableNoun(table)
	return [2]string{noun, measure}
}

// detail says what went to the bin with the record: "连同 3 个问题、5 条办理记录".
func (s *binSnapshot) detail() string {
	var parts []string
	for _, t := range s.Tables[1:] {
		n := tableNoun(t.Table)
		parts = append(parts, fmt.Sprintf("%d %s%s", len(t.Rows), n[1], n[0]))
	}
	if len(parts) == 0 {
		return ""
	}
	return "连同 " + strings.Join(parts, "、")
}

var errNoBinEntry error = data.Errorf(data.ENotFound, "回收站中没有这一项，可能已被恢复或彻底删除，请刷新后再试")

// RecycleBin lists the bin, most recently deleted first.
func (db *DB) RecycleBin(ctx context.Context) ([]data.BinEntry, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT id, deleted_at, entity, entity_id, label, detail FROM recycle_bin ORDER BY deleted_at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []data.BinEntry
	for rows.Next() {
		var e data.BinEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.Entity, &e.EntityID, &e.Label, &e.Detail); err != nil {
			return nil, err
		}
		if e.DeletedAt, err = parseStamp(at); err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// RestoreFromBin puts the entry back in one transaction and logs it (恢复). Rows get their old ids
// (a row whose id was since given to a new record gets a new one, and the rows referring to it
// follow); references the deletion cleared are set again where they are still empty and their
// target exists; a reference of a restored row whose target is gone is cleared when the schema
// would have cleared it (ON DELETE SET NULL), and refuses the restore otherwise.
func (db *DB) RestoreFromBin(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var e data.BinEntry
		var fields, js string
		err := tx.QueryRowContext(ctx, `SELECT entity, entity_id, label, fields, snapshot FROM recycle_bin WHERE id = ?`, id).
			Scan(&e.Entity, &e.EntityID, &e.Label, &fields, &js)
		if errors.Is(err, sql.ErrNoRows) {
			return errNoBinEntry
		} else if err != nil {
			return err
		}
		var snap binSnapshot
		if err := json.Unmarshal([]byte(js), &snap); err != nil {
			return fmt.Errorf("recycle bin entry %d: %w", id, err)
		}
		newIDs, err := restoreSnapshot(ctx, tx, &snap, e.Object())
		if err != nil {
			return err
		}
		if len(snap.Tables) > 0 {
			if nid, ok := newIDs[snap.Tables[0].Table][e.EntityID]; ok {
				e.EntityID = nid
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM recycle_bin WHERE id = ?`, id); err != nil {
			return err
		}
		after, err := parseFields(fields)
		if err != nil {
			return err
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActRestore, Entity: e.Entity, EntityID: e.EntityID, Label: e.Label,
			After: after, Detail: "从回收站恢复"})
	})
}

// restoreSnapshot inserts the snapshot's rows and references (see RestoreFromBin); what names the
// record in refusals. It returns the rows that got new ids: table → old id → new id.
func restoreSnapshot(ctx context.Context, tx *sql.Tx, snap *binSnapshot, what string) (map[string]map[int64]int64, error) {
	fks, err := foreignKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	moved := map[string]map[int64]int64{}
	for _, t := range snap.Tables {
		idCol := slices.Index(t.Columns, "id")
		for _, row := range t.Rows {
			vals := make([]any, len(row))
			for i, v := range row {
				vals[i] = v.v
			}
			// References: follow moved rows; clear or refuse those whose target is gone.
			for _, fk := range fks {
				c := slices.Index(t.Columns, fk.Column)
				if fk.Table != t.Table || c < 0 || vals[c] == nil {
					continue
				}
				ref, ok := vals[c].(int64)
				if !ok {
					continue
				}
				if nid, ok := moved[fk.Parent][ref]; ok {
					ref, vals[c] = nid, nid
				}
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+fk.Parent+` WHERE `+fk.ParentColumn+` = ?`, ref).Scan(&n); err != nil {
					return nil, err
				}
				switch {
				case n > 0:
				case fk.OnDelete == "SET NULL":
					vals[c] = nil
				default:
					noun := tableNoun(fk.Parent)[0]
					return nil, data.Errorf(data.EConflict, fmt.Sprintf(
						"无法恢复%s：它所属或引用的%s（编号 %d）已不存在。如果它也在回收站中，请先恢复那个%s", what, noun, ref, noun))
				}
			}
			if err := restoreClash(ctx, tx, t.Table, t.Columns, vals, what); err != nil {
				return nil, err
			}
			cols := t.Columns
			var old int64
			if idCol >= 0 {
				old, _ = vals[idCol].(int64)
				if taken, err := exists(ctx, tx, t.Table, old); err != nil {
					return nil, err
				} else if taken {
					// The id went to a record made since: this row takes a new one.
					cols = slices.Delete(slices.Clone(cols), idCol, idCol+1)
					vals = slices.Delete(vals, idCol, idCol+1)
				}
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO `+t.Table+` (`+quoteColumns(cols)+`) VALUES (`+
				strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+`)`, vals...)
			if err != nil {
				return nil, fmt.Errorf("restoring %s: %w", t.Table, err)
			}
			if len(cols) < len(t.Columns) {
				nid, err := res.LastInsertId()
				if err != nil {
					return nil, err
				}
				if moved[t.Table] == nil {
					moved[t.Table] = map[int64]int64{}
				}
				moved[t.Table][old] = nid
			}
		}
	}
	for _, r := range snap.Refs {
		target := r.Value
		if nid, ok := moved[r.Target][target]; ok {
			target = nid
		}
		if _, err := tx.ExecContext(ctx, `UPDATE `+r.Table+` SET `+r.Column+` = ? WHERE id = ? AND `+r.Column+
			` IS NULL AND EXISTS (SELECT 1 FROM `+r.Target+` WHERE id = ?)`, target, r.RowID, target); err != nil {
			return nil, err
		}
	}
	return moved, nil
}

func quoteColumns(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = `"` + c + `"`
	}
	return strings.Join(q, ", ")
}

// restoreClash refuses, with the reason, a row that would break a uniqueness rule: a member's ID
// number or a group's or team's name now used by another record.
func restoreClash(ctx context.Context, tx *sql.Tx, table string, cols []string, vals []any, what string) error {
	get := func(col string) any {
		if i := slices.Index(cols, col); i >= 0 {
			return vals[i]
		}
		return nil
	}
	switch table {
	case "member":
		var other string
		err := tx.QueryRowContext(ctx, `SELECT name FROM member WHERE branch_id = ? AND id_number = ?`,
			get("branch_id"), get("id_number")).Scan(&other)
		if err == nil {
			return data.Errorf(data.EConflict, fmt.Sprintf(
				"无法恢复%s：身份证号 %v 现已登记为党员「%s」。如需恢复，请先修改或删除党员「%s」", what, get("id_number"), other, other))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	case "facility", "template":
		q := `SELECT count(*) FROM template WHERE branch_id = ? AND name = ?`
		args := []any{get("branch_id"), get("name")}
		if table == "facility" {
			q = `SELECT count(*) FROM facility WHERE branch_id = ? AND category = ? AND name = ?`
			args = []any{get("branch_id"), get("category"), get("name")}
		}
		var n int
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.EConflict, fmt.Sprintf(
				"无法恢复%s：现已有同名的%s「%v」。如需恢复，请先把现有的%s改名", what, tableNoun(table)[0], get("name"), tableNoun(table)[0]))
		}
	case "party_group", "team":
		if taken, err := nameTaken(ctx, tx, table, fmt.Sprint(get("name")), 0, asInt(get("branch_id"))); err != nil {
			return err
		} else if taken {
			return data.Errorf(data.EConflict, fmt.Sprintf(
				"无法恢复%s：现已有同名的%s「%v」。如需恢复，请先把现有的%s改名", what, tableNoun(table)[0], get("name"), tableNoun(table)[0]))
		}
	}
	return nil
}

func asInt(v any) int64 {
	i, _ := v.(int64)
	return i
}

// PurgeBin deletes the entries for good, logging each (彻底删除).
func (db *DB) PurgeBin(ctx context.Context, ids ...int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			var e data.BinEntry
			var fields string
			err := tx.QueryRowContext(ctx, `SELECT entity, entity_id, label, fields FROM recycle_bin WHERE id = ?`, id).
				Scan(&e.Entity, &e.EntityID, &e.Label, &fields)
			if errors.Is(err, sql.ErrNoRows) {
				return errNoBinEntry
			} else if err != nil {
				return err
			}
			before, err := parseFields(fields)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM recycle_bin WHERE id = ?`, id); err != nil {
				return err
			}
			if err := db.logOp(ctx, tx, data.Op{Action: data.ActPurge, Entity: e.Entity, EntityID: e.EntityID,
				Label: e.Label, Before: before, Detail: "已从回收站彻底删除"}); err != nil {
				return err
			}
		}
		return nil
	})
}

// EmptyBin deletes every entry for good, logged as one 清空回收站 with the count (nothing when empty).
func (db *DB) EmptyBin(ctx context.Context) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM recycle_bin`)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil || n == 0 {
			return err
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActEmptyBin, Entity: data.EntBin, Detail: fmt.Sprintf("彻底删除 %d 项", n)})
	})
}
