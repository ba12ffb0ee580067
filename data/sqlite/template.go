package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"

	"branchledger/data"
)

// This file holds what the stores of the two kinds of item template, 评分表 (data.Checklist) and
// 考核表 (data.AssessTemplate), share: saving a template with its ordered items and logging it,
// copying it under a new name, and moving it to the recycle bin.

// storedTemplate is a kind of item template as the store handles it.
type storedTemplate[T, I any] interface {
	*T
	Normalize()
	Copy(name string) T
	Shared() *data.ItemTemplate[I]
}

// templateKind says how one kind of template is stored: its tables (the items' table has
// template_id and seq), its own columns, its log entity and its rules.
type templateKind[T, I any, P storedTemplate[T, I]] struct {
	table, itemTable string
	entity           string // data.Ent…
	noun, nameField  string // for the name check: 评分表, 评分表名称
	// columns are the template's own columns (after id, branch_id and name); own points to their
	// fields, in that order, to scan them on loading and write them on saving.
	columns []string
	own     func(t *T) []any
	// itemColumns are an item's columns (after template_id, with seq); item points to its fields.
	itemColumns []string
	item        func(it *I) []any

	notFound func(id int64) error
	fields   func(t *T) data.Fields // the template as the log shows it
	validate func(t *T) data.FieldErrors
}

// load reads the templates that where selects, with their items in order, by id.
func (k *templateKind[T, I, P]) load(ctx context.Context, q querier, where string, args ...any) ([]T, error) {
	return loadWithChildren(ctx, q, `SELECT id, branch_id, name, `+strings.Join(k.columns, ", ")+`, created_at, updated_at FROM `+
		k.table+` WHERE `+where+` ORDER BY id`, args,
		func(rows *sql.Rows) (T, error) {
			var t T
			h := P(&t).Shared()
			var created, updated string
			err := rows.Scan(append(append([]any{&h.ID, &h.BranchID, &h.Name}, k.own(&t)...), &created, &updated)...)
			if err == nil {
				if h.CreatedAt, err = parseStamp(created); err == nil {
					h.UpdatedAt, err = parseStamp(updated)
				}
			}
			return t, err
		},
		func(t *T) int64 { return P(t).Shared().ID },
		`SELECT template_id, `+strings.Join(k.itemColumns, ", ")+` FROM `+k.itemTable+`
		WHERE template_id IN (SELECT value FROM json_each(?)) ORDER BY template_id, seq`,
		func(rows *sql.Rows) (int64, I, error) {
			var id int64
			var it I
			err := rows.Scan(append([]any{&id}, k.item(&it)...)...)
			return id, it, err
		},
		func(t *T, it I) { h := P(t).Shared(); h.Items = append(h.Items, it) })
}

// get reads template id with its items.
func (k *templateKind[T, I, P]) get(ctx context.Context, q querier, id int64) (T, error) {
	ts, err := k.load(ctx, q, `id = ?`, id)
	return first(ts, err, k.notFound(id))
}

// jsonColumn is a list kept in a JSON column, scanned and written through its pointer.
type jsonColumn[E any] struct{ list *[]E }

func (j jsonColumn[E]) Value() (driver.Value, error) { return jsonText(*j.list), nil }

func (j jsonColumn[E]) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("JSON column holds %T", src)
	}
	l, err := parseJSON[E](s)
	*j.list = l
	return err
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// save creates (ID 0, in the current branch unless BranchID says otherwise) or updates a template
// with its items after Normalize and validate; a name used by another template of the branch is a
// FieldErrors on nameField. On success t holds what was saved.
func (k *templateKind[T, I, P]) save(ctx context.Context, db *DB, t *T) error {
	P(t).Normalize()
	if fe := k.validate(t); fe != nil {
		return fe
	}
	saved := *t
	err := db.write(ctx, func(tx *sql.Tx) error { return k.write(ctx, db, tx, &saved) })
	if err == nil {
		*t = saved
	}
	return err
}

// write saves a normalised, valid template: its row, then its items rewritten in order, then the log.
func (k *templateKind[T, I, P]) write(ctx context.Context, db *DB, tx *sql.Tx, t *T) error {
	h := P(t).Shared()
	var err error
	if h.BranchID, err = ownerBranch(ctx, tx, k.table, h.ID, h.BranchID, k.notFound(h.ID)); err != nil {
		return err
	}
	if err := nameFree(ctx, tx, k.table, h.Name, h.ID, h.BranchID, k.nameField, k.noun); err != nil {
		return err
	}
	stamp := db.stamp()
	own := k.own(t)
	var before data.Fields
	if h.ID == 0 {
		cols := append(append([]string{"branch_id", "name"}, k.columns...), "created_at", "updated_at")
		args := append(append([]any{h.BranchID, h.Name}, own...), stamp, stamp)
		res, err := tx.ExecContext(ctx, `INSERT INTO `+k.table+` (`+strings.Join(cols, ", ")+`) VALUES (`+placeholders(len(cols))+`)`, args...)
		if err != nil {
			return err
		}
		if h.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if h.CreatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
	} else {
		stored, err := k.get(ctx, tx, h.ID)
		if err != nil {
			return err
		}
		before, h.CreatedAt = k.fields(&stored), P(&stored).Shared().CreatedAt
		cols := append(append([]string{"name"}, k.columns...), "updated_at")
		args := append(append([]any{h.Name}, own...), stamp, h.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE `+k.table+` SET (`+strings.Join(cols, ", ")+`) = (`+placeholders(len(cols))+`) WHERE id = ?`, args...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+k.itemTable+` WHERE template_id = ?`, h.ID); err != nil {
			return err
		}
	}
	if h.UpdatedAt, err = parseStamp(stamp); err != nil {
		return err
	}
	insertItem := `INSERT INTO ` + k.itemTable + ` (template_id, ` + strings.Join(k.itemColumns, ", ") + `) VALUES (` + placeholders(len(k.itemColumns)+1) + `)`
	for i := range h.Items {
		if _, err := tx.ExecContext(ctx, insertItem, append([]any{h.ID}, k.item(&h.Items[i])...)...); err != nil {
			return err
		}
	}
	return db.logSave(ctx, tx, k.entity, h.ID, h.Name, before, k.fields(t))
}

// copy saves Copy(name) of template id (a name already used is a FieldErrors on nameField) and
// returns it.
func (k *templateKind[T, I, P]) copy(ctx context.Context, db *DB, id int64, name string) (T, error) {
	var cp T
	err := db.write(ctx, func(tx *sql.Tx) error {
		t, err := k.get(ctx, tx, id)
		if err != nil {
			return err
		}
		cp = P(&t).Copy(name)
		P(&cp).Normalize()
		if fe := k.validate(&cp); fe != nil {
			return fe
		}
		return k.write(ctx, db, tx, &cp)
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return cp, nil
}

// delete moves template id to the recycle bin; records made with it keep their own items.
func (k *templateKind[T, I, P]) delete(ctx context.Context, db *DB, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		t, err := k.get(ctx, tx, id)
		if err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: k.entity, Table: k.table, ID: id, Label: P(&t).Shared().Name, Fields: k.fields(&t)})
	})
}
