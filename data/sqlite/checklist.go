package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"branchledger/data"
)

// This file keeps the 两堂一舍 checklist templates, the checks made with them and the grade
// thresholds (data.CheckStore). A check holds its own copy of the items it was scored on, so that
// editing or deleting a template never changes a check.

// Setting keys of the grade thresholds, seeded by migration 0004.
const (
	settingExcellent = "check.grade.excellent"
	settingPass      = "check.grade.pass"
)

func errNoChecklist(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的评分表，可能已被删除，请刷新后再试", id))
}

func errNoCheck(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的检查记录，可能已被删除，请刷新后再试", id))
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ids is the JSON array of ids, for "IN (SELECT value FROM json_each(?))".
func ids[T any](list []T, id func(*T) int64) string {
	out := make([]int64, len(list))
	for i := range list {
		out[i] = id(&list[i])
	}
	b, _ := json.Marshal(out)
	return string(b)
}

// ---- Templates ----

// Checklists lists the current branch's checklists of one category ("" = all) with their items, by
// category (data.FacilityCategories order) then name.
func (db *DB) Checklists(ctx context.Context, category string) ([]data.Checklist, error) {
	ts, err := checklists.load(ctx, db.db, `branch_id = (SELECT min(id) FROM branch) AND (? = '' OR category = ?)`, category, category)
	if err != nil {
		return nil, err
	}
	rank := func(c string) int {
		if i := slices.Index(data.FacilityCategories, c); i >= 0 {
			return i
		}
		return len(data.FacilityCategories)
	}
	slices.SortStableFunc(ts, func(a, b data.Checklist) int {
		return cmp.Or(cmp.Compare(rank(a.Category), rank(b.Category)), data.CompareNames(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return ts, nil
}

// Checklist returns the checklist with id and its items.
func (db *DB) Checklist(ctx context.Context, id int64) (data.Checklist, error) {
	return checklists.get(ctx, db.db, id)
}

// checklists is how the 评分表 are stored (tables template and template_item).
var checklists = templateKind[data.Checklist, data.ChecklistItem, *data.Checklist]{
	table: "template", itemTable: "template_item", entity: data.EntChecklist, noun: "评分表", nameField: data.FChecklistName,
	columns:     []string{"category", "total"},
	own:         func(t *data.Checklist) []any { return []any{&t.Category, &t.Total} },
	itemColumns: []string{"seq", "name", "standard", "points", "key_item", "optional"},
	item: func(it *data.ChecklistItem) []any {
		return []any{&it.Seq, &it.Name, &it.Standard, &it.Points, &it.Key, &it.Optional}
	},
	notFound: errNoChecklist, fields: data.ChecklistFields, validate: data.ValidateChecklist,
}

// SaveChecklist creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// checklist with its items after Normalize and ValidateChecklist; a name used by another checklist of
// the branch is a FieldErrors on 评分表名称. Checks made with it keep their own items. On success t
// holds what was saved.
func (db *DB) SaveChecklist(ctx context.Context, t *data.Checklist) error {
	return checklists.save(ctx, db, t)
}

// CopyChecklist saves Checklist.Copy(name) of checklist id (a name already used is a FieldErrors on
// 评分表名称) and returns it.
func (db *DB) CopyChecklist(ctx context.Context, id int64, name string) (data.Checklist, error) {
	return checklists.copy(ctx, db, id, name)
}

// DeleteChecklist moves a checklist to the recycle bin; checks made with it keep their items and its
// name.
func (db *DB) DeleteChecklist(ctx context.Context, id int64) error {
	return checklists.delete(ctx, db, id)
}

// ---- Checks ----

const selectCheck = `SELECT c.id, c.branch_id, c.facility_id, f.name, f.category, c.template_id, c.template_name, c.date,
	c.checker, c.created_at, c.updated_at FROM facility_check c JOIN facility f ON f.id = c.facility_id`

func loadChecks(ctx context.Context, q querier, where string, args ...any) ([]data.Check, error) {
	return loadWithChildren(ctx, q, selectCheck+` WHERE `+where+` ORDER BY c.date, c.id`, args,
		func(rows *sql.Rows) (data.Check, error) {
			var c data.Check
			var template sql.NullInt64
			var date, created, updated string
			err := rows.Scan(&c.ID, &c.BranchID, &c.FacilityID, &c.FacilityName, &c.FacilityCategory, &template, &c.ChecklistName,
				&date, &c.Checker, &created, &updated)
			if err == nil {
				c.ChecklistID = template.Int64
				if c.Date, err = parseDate(date); err == nil {
					if c.CreatedAt, err = parseStamp(created); err == nil {
						c.UpdatedAt, err = parseStamp(updated)
					}
				}
			}
			return c, err
		},
		func(c *data.Check) int64 { return c.ID },
		`SELECT check_id, seq, name, standard, points, key_item, optional, score, na, reason, finding_id
		FROM check_item WHERE check_id IN (SELECT value FROM json_each(?)) ORDER BY check_id, sort`,
		func(rows *sql.Rows) (int64, data.CheckItem, error) {
			var id int64
			var it data.CheckItem
			var finding sql.NullInt64
			err := rows.Scan(&id, &it.Seq, &it.Name, &it.Standard, &it.Points, &it.Key, &it.Optional, &it.Score, &it.NA,
				&it.Reason, &finding)
			it.FindingID = finding.Int64
			return id, it, err
		},
		func(c *data.Check, it data.CheckItem) { c.Items = append(c.Items, it) })
}

func getCheck(ctx context.Context, q querier, id int64) (data.Check, error) {
	cs, err := loadChecks(ctx, q, `c.id = ?`, id)
	return first(cs, err, errNoCheck(id))
}

// checkKind is how the store reads back, names, logs and deletes these records.
var checkKind = recordKind[data.Check]{entity: data.EntCheck, table: "facility_check", get: getCheck, label: data.CheckLabel, fields: data.CheckFields}

// Checks lists the current branch's checks matching f with their items and facility names, by
// 检查日期 then id.
func (db *DB) Checks(ctx context.Context, f data.CheckFilter) ([]data.Check, error) {
	w := branchFilter(`c.`)
	w.dated(`c.date`, f.From, f.To)
	if f.FacilityID != 0 {
		w.add(`c.facility_id = ?`, f.FacilityID)
	}
	if f.Category != "" {
		w.add(`f.category = ?`, f.Category)
	}
	return loadChecks(ctx, db.db, w.sql(), w.args...)
}

// Check returns the check with id, its items and its facility's name.
func (db *DB) Check(ctx context.Context, id int64) (data.Check, error) {
	return getCheck(ctx, db.db, id)
}

// SaveCheck creates (ID 0, in the current branch unless BranchID says otherwise) or updates a check
// with all its items, after Normalize and ValidateCheck with the store's day. The items are saved
// as given: they are the check's own copy of the template. The facility must be one of the branch
// (FieldErrors on 设施). A template or a finding deleted meanwhile is no error: the check keeps the
// template's name and its items, and loses only the link. On success c holds what was saved, with
// the facility's name and category.
func (db *DB) SaveCheck(ctx context.Context, c *data.Check) error {
	c.Normalize()
	if fe := data.ValidateCheck(c, db.today()); fe != nil {
		return fe
	}
	saved := *c
	saved.Items = slices.Clone(c.Items)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "facility_check", saved.ID, saved.BranchID, errNoCheck(saved.ID)); err != nil {
			return err
		}
		f, err := getFacility(ctx, tx, saved.FacilityID)
		if data.ErrorCode(err) == data.ENotFound || err == nil && f.BranchID != saved.BranchID {
			return data.FieldErrors{{Field: data.FCheckFacility, Message: "所选设施不存在（可能已被删除），请重新选择"}}
		} else if err != nil {
			return err
		}
		saved.FacilityName, saved.FacilityCategory = f.Name, f.Category
		if ok, err := inBranch(ctx, tx, "template", saved.ChecklistID, saved.BranchID); err != nil {
			return err
		} else if !ok {
			saved.ChecklistID = 0
		}
		for i := range saved.Items {
			it := &saved.Items[i]
			if ok, err := inBranch(ctx, tx, "finding", it.FindingID, saved.BranchID); err != nil {
				return err
			} else if !ok {
				it.FindingID = 0
			}
		}
		return db.writeCheck(ctx, tx, &saved)
	})
	if err == nil {
		*c = saved
	}
	return err
}

// writeCheck saves a checked check and its items, and logs it.
func (db *DB) writeCheck(ctx context.Context, tx *sql.Tx, c *data.Check) error {
	stamp := db.stamp()
	var before data.Fields
	if c.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO facility_check (branch_id, facility_id, template_id, template_name, date, checker, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.BranchID, c.FacilityID, nullID(c.ChecklistID), c.ChecklistName, c.Date.String(), c.Checker, stamp, stamp)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		if c.CreatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
	} else {
		stored, err := getCheck(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		before, c.CreatedAt = data.CheckFields(&stored), stored.CreatedAt
		if _, err := tx.ExecContext(ctx, `UPDATE facility_check SET (facility_id, template_id, template_name, date, checker, updated_at)
			= (?, ?, ?, ?, ?, ?) WHERE id = ?`, c.FacilityID, nullID(c.ChecklistID), c.ChecklistName, c.Date.String(), c.Checker, stamp, c.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM check_item WHERE check_id = ? AND sort > ?`, c.ID, len(c.Items)); err != nil {
			return err
		}
	}
	var err error
	if c.UpdatedAt, err = parseStamp(stamp); err != nil {
		return err
	}
	// Items are updated in place (same row ids), so what refers to an item — a binned finding's
	// link — still finds it after the check is edited.
	for i, it := range c.Items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_item (check_id, sort, seq, name, standard, points, key_item, optional, score, na, reason, finding_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (check_id, sort) DO UPDATE SET (seq, name, standard, points, key_item, optional, score, na, reason, finding_id) =
			(excluded.seq, excluded.name, excluded.standard, excluded.points, excluded.key_item, excluded.optional, excluded.score, excluded.na, excluded.reason, excluded.finding_id)`,
			c.ID, i+1, it.Seq, it.Name, it.Standard, it.Points, bit(it.Key), bit(it.Optional),
			it.Score, bit(it.NA), it.Reason, nullID(it.FindingID)); err != nil {
			return err
		}
	}
	return db.logSave(ctx, tx, data.EntCheck, c.ID, data.CheckLabel(c), before, data.CheckFields(c))
}

// DeleteCheck moves a check with its items to the recycle bin; findings created from it stay,
// without the link (the schema clears finding.check_id).
func (db *DB) DeleteCheck(ctx context.Context, id int64) error {
	return checkKind.delete(ctx, db, id)
}

// ---- Grade thresholds ----

// GradeThresholds returns the configured thresholds (data.DefaultGradeThresholds for one not set).
func (db *DB) GradeThresholds(ctx context.Context) (data.GradeThresholds, error) {
	return gradeThresholds(ctx, db.db)
}

func gradeThresholds(ctx context.Context, q querier) (data.GradeThresholds, error) {
	th := data.DefaultGradeThresholds
	for _, s := range []struct {
		key string
		v   *float64
	}{{settingExcellent, &th.Excellent}, {settingPass, &th.Pass}} {
		var text string
		err := q.QueryRowContext(ctx, `SELECT value FROM setting WHERE key = ?`, s.key).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return th, err
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return th, fmt.Errorf("bad setting %s = %q in data file", s.key, text)
		}
		*s.v = v
	}
	return th, nil
}

// SetGradeThresholds saves thresholds after ValidateGradeThresholds.
func (db *DB) SetGradeThresholds(ctx context.Context, th data.GradeThresholds) error {
	if fe := data.ValidateGradeThresholds(th); fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := gradeThresholds(ctx, tx)
		if err != nil {
			return err
		}
		for key, v := range map[string]float64{settingExcellent: th.Excellent, settingPass: th.Pass} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
				key, data.FormatScore(v)); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntGrades, 0, "两堂一舍检查等次", data.GradeThresholdFields(old), data.GradeThresholdFields(th))
	})
}
