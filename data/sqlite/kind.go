package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"branchledger/data"
)

// recordKind is how the store reads back, names and logs one kind of record (as the entity
// registry and logfields.go declare it), so that what every ledger's store did alike is written
// once: the insert or update of its row (upsert), the read-back and log that end a save (logSaved;
// save is both) and the whole of a plain delete to the recycle bin (delete).
type recordKind[T any] struct {
	entity string // data.Ent…
	table  string // its table, with an INTEGER PRIMARY KEY id
	get    func(context.Context, querier, int64) (T, error)
	label  func(*T) string
	fields func(*T) data.Fields
}

// logSaved reads record id back as saved and logs its creation (before nil) or change.
func (k *recordKind[T]) logSaved(ctx context.Context, db *DB, tx *sql.Tx, id int64, before data.Fields) (T, error) {
	saved, err := k.get(ctx, tx, id)
	if err != nil {
		return saved, err
	}
	return saved, db.logSave(ctx, tx, k.entity, id, k.label(&saved), before, k.fields(&saved))
}

// upsert inserts a row of k's table in branch (id 0) or updates the row with id, setting cols to
// vals and the timestamps; it returns the row's id and, for an update, the record before it as
// the log keeps it.
func (k *recordKind[T]) upsert(ctx context.Context, db *DB, tx *sql.Tx, id, branch int64, cols []string, vals []any) (int64, data.Fields, error) {
	var before data.Fields
	if id != 0 {
		stored, err := k.get(ctx, tx, id)
		if err != nil {
			return 0, nil, err
		}
		before = k.fields(&stored)
	}
	id, err := writeRow(ctx, tx, k.table, id, branch, db.stamp(), cols, vals)
	return id, before, err
}

// writeRow is upsert for a store that has read the stored record itself: the INSERT (id 0, in
// branch) or UPDATE of the row of table (with an INTEGER PRIMARY KEY id, branch_id and the
// timestamps, set to stamp). An update of a row that is not there is data.ENotFound.
func writeRow(ctx context.Context, tx *sql.Tx, table string, id, branch int64, stamp string, cols []string, vals []any) (int64, error) {
	marks := strings.Repeat(", ?", len(cols))
	if id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (branch_id, created_at, updated_at, `+strings.Join(cols, ", ")+`)
			VALUES (?, ?, ?`+marks+`)`, append([]any{branch, stamp, stamp}, vals...)...)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET (updated_at, `+strings.Join(cols, ", ")+`) = (?`+marks+`) WHERE id = ?`,
		append(append([]any{stamp}, vals...), id)...)
	return id, mustAffect(res, err, data.Errorf(data.ENotFound, "要保存的记录已不存在（可能已被删除），请刷新后重试"))
}

// save is the row of a record without rows of its own: upsert, then logSaved; it returns the
// record as saved.
func (k *recordKind[T]) save(ctx context.Context, db *DB, tx *sql.Tx, id, branch int64, cols []string, vals []any) (T, error) {
	id, before, err := k.upsert(ctx, db, tx, id, branch, cols, vals)
	if err != nil {
		var zero T
		return zero, err
	}
	return k.logSaved(ctx, db, tx, id, before)
}

// delete moves record id (and what its deletion cascades to) to the recycle bin in one transaction.
func (k *recordKind[T]) delete(ctx context.Context, db *DB, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		rec, err := k.get(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: k.entity, Table: k.table, ID: id, Label: k.label(&rec), Fields: k.fields(&rec)})
	})
}
