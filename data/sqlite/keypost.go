package sqlite

import (
	"context"
	"database/sql"

	"branchledger/data"
)

// keyPostMaxLen matches the length ValidateMember allows for a member's 重点岗位.
const keyPostMaxLen = 30

// KeyPosts is the configured list of 重点岗位, in the order set (DefaultKeyPosts in a new file).
func (db *DB) KeyPosts(ctx context.Context) ([]string, error) { return keyPosts(ctx, db.db) }

func keyPosts(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT name FROM key_post ORDER BY sort, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	posts := []string{}
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		posts = append(posts, p)
	}
	return posts, rows.Err()
}

// SetKeyPosts replaces the list with posts (normalised; empty or repeated names are FieldErrors on
// 重点岗位). Members keep the key post they hold even when it leaves the list.
func (db *DB) SetKeyPosts(ctx context.Context, posts []string) error {
	clean, fe := cleanNames(data.FKeyPost, "重点岗位", posts, keyPostMaxLen)
	if fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := keyPosts(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM key_post`); err != nil {
			return err
		}
		for i, p := range clean {
			if _, err := tx.ExecContext(ctx, `INSERT INTO key_post (name, sort) VALUES (?, ?)`, p, i+1); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntKeyPost, 0, data.FKeyPost, data.ListFields(data.FKeyPost, old), data.ListFields(data.FKeyPost, clean))
	})
}
