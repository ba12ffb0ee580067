package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"branchledger/data"
)

// Record kinds of the 两堂一舍 module in the operation log and the recycle bin.

func errNoFacility(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的设施，可能已被删除，请刷新后再试", id))
}

const selectFacility = `SELECT id, branch_id, category, name, location, manager, remark, rooms FROM facility`

func scanFacility(row interface{ Scan(...any) error }) (data.Facility, error) {
	var f data.Facility
	err := row.Scan(&f.ID, &f.BranchID, &f.Category, &f.Name, &f.Location, &f.Manager, &f.Remark, &f.Rooms)
	return f, err
}

func getFacility(ctx context.Context, q querier, id int64) (data.Facility, error) {
	return oneRow(scanFacility(q.QueryRowContext(ctx, selectFacility+` WHERE id = ?`, id)))(errNoFacility(id))
}

// Facilities lists the current branch's facilities of one category ("" = all) in
// data.SortFacilities order.
func (db *DB) Facilities(ctx context.Context, category string) ([]data.Facility, error) {
	rows, err := db.db.QueryContext(ctx, selectFacility+` WHERE branch_id = (SELECT min(id) FROM branch)
		AND (? = '' OR category = ?)`, category, category)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []data.Facility
	for rows.Next() {
		f, err := scanFacility(rows)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	data.SortFacilities(fs)
	return fs, rows.Err()
}

// Facility returns the facility with id.
func (db *DB) Facility(ctx context.Context, id int64) (data.Facility, error) {
	return getFacility(ctx, db.db, id)
}

// SaveFacility creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// facility after Normalize and ValidateFacility; a name already used in the same category of the
// branch is a FieldErrors on 名称. On success f holds what was saved.
func (db *DB) SaveFacility(ctx context.Context, f *data.Facility) error {
	f.Normalize()
	if fe := data.ValidateFacility(f); fe != nil {
		return fe
	}
	saved := *f
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "facility", saved.ID, saved.BranchID, errNoFacility(saved.ID)); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM facility WHERE branch_id = ? AND category = ? AND name = ? AND id <> ?`,
			saved.BranchID, saved.Category, saved.Name, saved.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.FieldErrors{{Field: data.FFacilityName, Message: fmt.Sprintf("已有名为「%s」的%s，请换一个名称", saved.Name, saved.Category)}}
		}
		after := data.FacilityFields(&saved)
		if saved.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO facility (branch_id, category, name, location, manager, remark, rooms)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, saved.BranchID, saved.Category, saved.Name, saved.Location, saved.Manager, saved.Remark, saved.Rooms)
			if err != nil {
				return err
			}
			if saved.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntFacility, EntityID: saved.ID, Label: data.FacilityLabel(&saved), After: after})
		}
		stored, err := getFacility(ctx, tx, saved.ID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE facility SET (category, name, location, manager, remark, rooms) = (?, ?, ?, ?, ?, ?) WHERE id = ?`,
			saved.Category, saved.Name, saved.Location, saved.Manager, saved.Remark, saved.Rooms, saved.ID)
		if err := mustAffect(res, err, errNoFacility(saved.ID)); err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntFacility, saved.ID, data.FacilityLabel(&saved), data.FacilityFields(&stored), after)
	})
	if err == nil {
		*f = saved
	}
	return err
}

// DeleteFacility moves a facility typed by mistake to the recycle bin; one that has checks is
// refused (EConflict), so that no check loses the place it scored.
func (db *DB) DeleteFacility(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		f, err := getFacility(ctx, tx, id)
		if err != nil {
			return err
		}
		err = db.deleteToBin(ctx, tx, binItem{Entity: data.EntFacility, Table: "facility", ID: id, Label: data.FacilityLabel(&f), Fields: data.FacilityFields(&f)})
		if isForeignKey(err) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM facility_check WHERE facility_id = ?`, id).Scan(&n); err != nil {
				return err
			}
			return data.Errorf(data.EConflict, fmt.Sprintf("「%s」已有 %d 次检查记录，检查记录须保留，不能删除；如已停用，可在备注中注明", f.Name, n))
		}
		return err
	})
}
