package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"unicode/utf8"

	"branchledger/data"
)

// optionMaxLen is the longest value of a list: what ValidateFinding allows for the field it fills
// (10 for a level, 20 for a category and any list added later).
func optionMaxLen(list string) int {
	if list == data.ListFindingLevels {
		return 10
	}
	return 20
}

// Options is the configured list named list (data.ListFindingCategories, …) in the order set; a
// list never set is empty.
func (db *DB) Options(ctx context.Context, list string) ([]string, error) {
	return options(ctx, db.db, list)
}

func options(ctx context.Context, q querier, list string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT value FROM option_list WHERE list = ? ORDER BY sort, value`, list)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	values := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		values = append(values, v)
	}
	return values, rows.Err()
}

// SetOptions replaces the list with values, normalised, in the order given. Empty, too long or
// repeated values, an empty list, and a level list without the default level 一般 (which
// Finding.Normalize fills in) are FieldErrors on the list's name. Findings keep a value that leaves
// the list.
func (db *DB) SetOptions(ctx context.Context, list string, values []string) error {
	list = data.NormalizeText(list)
	if list == "" {
		return data.Errorf(data.EInvalid, "选项列表的名称为空（程序错误）")
	}
	clean, fe := cleanNames(list, list, values, optionMaxLen(list))
	switch {
	case fe != nil:
		return fe
	case len(clean) == 0:
		return data.FieldErrors{{Field: list, Message: fmt.Sprintf("%s至少要保留一项", list)}}
	case list == data.ListFindingLevels && !slices.Contains(clean, data.DefaultFindingLevels[0]):
		return data.FieldErrors{{Field: list, Message: fmt.Sprintf("“%s”是未选等级时的默认等级，不能删除", data.DefaultFindingLevels[0])}}
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := options(ctx, tx, list)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM option_list WHERE list = ?`, list); err != nil {
			return err
		}
		for i, v := range clean {
			if _, err := tx.ExecContext(ctx, `INSERT INTO option_list (list, value, sort) VALUES (?, ?, ?)`, list, v, i+1); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntOption, 0, list, data.ListFields(list, old), data.ListFields(list, clean))
	})
}

// cleanNames normalises a configured list of names (noun says what one is, in messages), refusing
// empty, too long and repeated names with FieldErrors on field.
func cleanNames(field, noun string, names []string, maxLen int) ([]string, data.FieldErrors) {
	clean := make([]string, len(names))
	seen := make(map[string]bool, len(names))
	var fe data.FieldErrors
	for i, n := range names {
		n = data.NormalizeText(n)
		switch {
		case n == "":
			fe = append(fe, data.FieldError{Field: field, Message: fmt.Sprintf("第%d个%s为空，请填写或删除这一行", i+1, noun)})
		case utf8.RuneCountInString(n) > maxLen:
			fe = append(fe, data.FieldError{Field: field, Message: fmt.Sprintf("%s「%s」超过%d个字，请缩短", noun, n, maxLen)})
		case seen[n]:
			fe = append(fe, data.FieldError{Field: field, Message: fmt.Sprintf("%s「%s」重复，请删除多余的一行", noun, n)})
		}
		seen[n], clean[i] = true, n
	}
	return clean, fe
}
