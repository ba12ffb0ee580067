package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"branchledger/data"
)

// scanAll runs query and scans every row with scan. The rows are closed before it returns, so a
// caller inside a transaction (one connection) can query again at once.
func scanAll[T any](ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) (T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// attachChildren loads the ordered children of parents with query, whose one parameter is the
// JSON array of the parents' ids; scan returns a child with its parent's id, add appends it.
func attachChildren[P, C any](ctx context.Context, q querier, parents []P, id func(*P) int64, query string,
	scan func(*sql.Rows) (int64, C, error), add func(*P, C)) error {
	if len(parents) == 0 {
		return nil
	}
	pos := make(map[int64]int, len(parents))
	for i := range parents {
		pos[id(&parents[i])] = i
	}
	rows, err := q.QueryContext(ctx, query, ids(parents, id))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		parent, child, err := scan(rows)
		if err != nil {
			return err
		}
		add(&parents[pos[parent]], child)
	}
	return rows.Err()
}

// loadWithChildren is scanAll of the parents then attachChildren; nil on any error.
func loadWithChildren[P, C any](ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) (P, error),
	id func(*P) int64, childQuery string, scanChild func(*sql.Rows) (int64, C, error), add func(*P, C)) ([]P, error) {
	ps, err := scanAll(ctx, q, query, args, scan)
	if err == nil {
		err = attachChildren(ctx, q, ps, id, childQuery, scanChild, add)
	}
	if err != nil {
		return nil, err
	}
	return ps, nil
}

// first is the one record a get… load found, or notFound when it found none.
func first[T any](list []T, err error, notFound error) (T, error) {
	if err == nil && len(list) == 0 {
		err = notFound
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return list[0], nil
}

// oneRow adapts the scan of a query of one record to a get: oneRow(scan(row))(notFound) is
// notFound when there is no row.
func oneRow[T any](v T, err error) func(error) (T, error) {
	return func(notFound error) (T, error) {
		if errors.Is(err, sql.ErrNoRows) {
			return v, notFound
		}
		return v, err
	}
}

// nameFree is a FieldErrors on field when another row of table in the branch has this name;
// noun says what the row is (考核表, 评分表).
func nameFree(ctx context.Context, q querier, table, name string, id, branch int64, field, noun string) error {
	if taken, err := nameTaken(ctx, q, table, name, id, branch); err != nil {
		return err
	} else if taken {
		return data.FieldErrors{{Field: field, Message: fmt.Sprintf("已有名为「%s」的%s，请换一个名称", name, noun)}}
	}
	return nil
}

// logSave logs a save: a creation when there was no record before, else the change.
func (db *DB) logSave(ctx context.Context, tx *sql.Tx, entity string, id int64, label string, before, after data.Fields) error {
	if before == nil {
		return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: entity, EntityID: id, Label: label, After: after})
	}
	return db.logChange(ctx, tx, entity, id, label, before, after)
}
