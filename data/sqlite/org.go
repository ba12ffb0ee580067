package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"branchledger/data"
)

// Branch returns the current branch (the lowest id). A new file has an empty one.
func (db *DB) Branch(ctx context.Context) (data.Branch, error) {
	return getBranch(ctx, db.db, `ORDER BY id LIMIT 1`)
}

// getBranch reads the first branch row of the tail (WHERE …, ORDER BY …).
func getBranch(ctx context.Context, q querier, tail string, args ...any) (data.Branch, error) {
	var b data.Branch
	err := q.QueryRowContext(ctx, `
		SELECT id, name, committee, unit, secretary, deputy, organisation, propaganda, discipline, phone, code
		FROM branch `+tail, args...).Scan(
		&b.ID, &b.Name, &b.Committee, &b.Unit, &b.Secretary, &b.Deputy, &b.Organisation, &b.Propaganda,
		&b.Discipline, &b.Phone, &b.Code)
	if errors.Is(err, sql.ErrNoRows) {
		return b, errNoBranch
	}
	return b, err
}

// SaveBranch normalises and validates b, then updates the branch with b.ID. ID 0 means the current
// branch (inserted when the file has none), since a file holds one branch and always has its row.
func (db *DB) SaveBranch(ctx context.Context, b *data.Branch) error {
	b.Normalize()
	if fe := data.ValidateBranch(b); fe != nil {
		return fe
	}
	id := b.ID
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if id == 0 {
			id, err = currentBranchID(ctx, tx)
		} else if ok, e := exists(ctx, tx, "branch", id); e != nil || !ok {
			err = cmp.Or(e, errNoBranch)
		}
		if err != nil {
			return err
		}
		if b.Code != "" {
			var other string
			err := tx.QueryRowContext(ctx, `SELECT name FROM branch WHERE code = ? AND id <> ?`, b.Code, id).Scan(&other)
			if err == nil {
				return data.FieldErrors{{Field: "支部代码", Message: fmt.Sprintf("支部代码「%s」已被党支部「%s」使用，请换一个", b.Code, other)}}
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		args := []any{b.Name, b.Committee, b.Unit, b.Secretary, b.Deputy, b.Organisation, b.Propaganda, b.Discipline, b.Phone, b.Code}
		after := data.BranchFields(b)
		if id == 0 {
			res, err := tx.ExecContext(ctx, `
				INSERT INTO branch (name, committee, unit, secretary, deputy, organisation, propaganda, discipline, phone, code)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
			return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntBranch, EntityID: id, Label: b.Name, After: after})
		}
		old, err := getBranch(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			UPDATE branch SET (name, committee, unit, secretary, deputy, organisation, propaganda, discipline, phone, code)
			= (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, append(args, id)...)
		if err := mustAffect(res, err, errNoBranch); err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntBranch, id, b.Name, data.BranchFields(&old), after)
	})
	if err == nil {
		b.ID = id
	}
	return err
}

var (
	errNoGroup error = data.Errorf(data.ENotFound, "未找到该党小组，可能已被删除，请刷新后再试")
	errNoTeam  error = data.Errorf(data.ENotFound, "未找到该班组，可能已被删除，请刷新后再试")
)

// Groups lists the current branch's Party groups in name order (data.SortGroups: pinyin, numbers by
// value), which SQL cannot do.
func (db *DB) Groups(ctx context.Context) ([]data.Group, error) {
	id, err := currentBranchID(ctx, db.db)
	if err != nil {
		return nil, err
	}
	return db.BranchGroups(ctx, id)
}

// SaveGroup creates (ID 0, in the current branch unless BranchID says otherwise) or updates a group.
// A name used by another group of the branch, or a leader who is not a member, is a FieldErrors.
func (db *DB) SaveGroup(ctx context.Context, g *data.Group) error {
	if fe := data.ValidateGroup(g); fe != nil {
		return fe
	}
	var id, branch int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if branch, err = ownerBranch(ctx, tx, "party_group", g.ID, g.BranchID, errNoGroup); err != nil {
			return err
		}
		var fe data.FieldErrors
		if taken, err := nameTaken(ctx, tx, "party_group", g.Name, g.ID, branch); err != nil {
			return err
		} else if taken {
			fe = append(fe, data.FieldError{Field: "名称", Message: fmt.Sprintf("党小组「%s」已存在，请换一个名称", g.Name)})
		}
		if ok, err := inBranch(ctx, tx, "member", g.LeaderID, branch); err != nil {
			return err
		} else if !ok {
			fe = append(fe, data.FieldError{Field: "组长", Message: "所选组长不在本支部党员名单中（可能已被删除），请重新选择"})
		}
		if fe != nil {
			return fe
		}
		args := []any{g.Name, nullID(g.LeaderID), g.Area}
		after, err := groupLog(ctx, tx, g)
		if err != nil {
			return err
		}
		if g.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO party_group (branch_id, name, leader_id, area) VALUES (?, ?, ?, ?)`,
				append([]any{branch}, args...)...)
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
			return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntGroup, EntityID: id, Label: g.Name, After: after})
		}
		id = g.ID
		old, err := getGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		before, err := groupLog(ctx, tx, &old)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE party_group SET (name, leader_id, area) = (?, ?, ?) WHERE id = ?`, append(args, id)...)
		if err := mustAffect(res, err, errNoGroup); err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntGroup, id, g.Name, before, after)
	})
	if err == nil {
		g.ID, g.BranchID = id, branch
	}
	return err
}

// DeleteGroup moves a group to the recycle bin; its teams and members stay, with no group (ON
// DELETE SET NULL) until it is restored.
func (db *DB) DeleteGroup(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		g, err := getGroup(ctx, tx, id)
		if err != nil {
			return err
		}
		fields, err := groupLog(ctx, tx, &g)
		if err != nil {
			return err
		}
		err = db.deleteToBin(ctx, tx, binItem{Entity: data.EntGroup, Table: "party_group", ID: id, Label: g.Name, Fields: fields})
		return inUse(err, "该党小组已被其他记录引用，不能删除")
	})
}

func getGroup(ctx context.Context, q querier, id int64) (data.Group, error) {
	g := data.Group{ID: id}
	var leader sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT branch_id, name, leader_id, area FROM party_group WHERE id = ?`, id).
		Scan(&g.BranchID, &g.Name, &leader, &g.Area)
	if errors.Is(err, sql.ErrNoRows) {
		return g, errNoGroup
	}
	g.LeaderID = leader.Int64
	return g, err
}

// groupLog is g as the log keeps it, its leader by name.
func groupLog(ctx context.Context, q querier, g *data.Group) (data.Fields, error) {
	leader, err := nameOf(ctx, q, "member", g.LeaderID)
	return data.GroupFields(g, leader), err
}

func getTeam(ctx context.Context, q querier, id int64) (data.Team, error) {
	t := data.Team{ID: id}
	var group sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT branch_id, name, category, group_id FROM team WHERE id = ?`, id).
		Scan(&t.BranchID, &t.Name, &t.Category, &group)
	if errors.Is(err, sql.ErrNoRows) {
		return t, errNoTeam
	}
	t.GroupID = group.Int64
	return t, err
}

// teamLog is t as the log keeps it, its group by name.
func teamLog(ctx context.Context, q querier, t *data.Team) (data.Fields, error) {
	group, err := nameOf(ctx, q, "party_group", t.GroupID)
	return data.TeamFields(t, group), err
}

// Teams lists the current branch's work teams in name order (data.SortTeams).
func (db *DB) Teams(ctx context.Context) ([]data.Team, error) {
	id, err := currentBranchID(ctx, db.db)
	if err != nil {
		return nil, err
	}
	return db.BranchTeams(ctx, id)
}

// SaveTeam creates (ID 0) or updates a team, like SaveGroup.
func (db *DB) SaveTeam(ctx context.Context, t *data.Team) error {
	if fe := data.ValidateTeam(t); fe != nil {
		return fe
	}
	var id, branch int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if branch, err = ownerBranch(ctx, tx, "team", t.ID, t.BranchID, errNoTeam); err != nil {
			return err
		}
		var fe data.FieldErrors
		if taken, err := nameTaken(ctx, tx, "team", t.Name, t.ID, branch); err != nil {
			return err
		} else if taken {
			fe = append(fe, data.FieldError{Field: "名称", Message: fmt.Sprintf("班组「%s」已存在，请换一个名称", t.Name)})
		}
		if ok, err := inBranch(ctx, tx, "party_group", t.GroupID, branch); err != nil {
			return err
		} else if !ok {
			fe = append(fe, data.FieldError{Field: "所属党小组", Message: "所选党小组不存在（可能已被删除），请重新选择"})
		}
		if fe != nil {
			return fe
		}
		args := []any{t.Name, t.Category, nullID(t.GroupID)}
		after, err := teamLog(ctx, tx, t)
		if err != nil {
			return err
		}
		if t.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO team (branch_id, name, category, group_id) VALUES (?, ?, ?, ?)`,
				append([]any{branch}, args...)...)
			if err != nil {
				return err
			}
			if id, err = res.LastInsertId(); err != nil {
				return err
			}
			return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntTeam, EntityID: id, Label: t.Name, After: after})
		}
		id = t.ID
		old, err := getTeam(ctx, tx, id)
		if err != nil {
			return err
		}
		before, err := teamLog(ctx, tx, &old)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE team SET (name, category, group_id) = (?, ?, ?) WHERE id = ?`, append(args, id)...)
		if err = mustAffect(res, err, errNoTeam); err != nil {
			return err
		}
		// Inspections print the team's name, which they keep once the team is deleted.
		if _, err = tx.ExecContext(ctx, `UPDATE inspection SET unit = ? WHERE team_id = ?`, t.Name, id); err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntTeam, id, t.Name, before, after)
	})
	if err == nil {
		t.ID, t.BranchID = id, branch
	}
	return err
}

// DeleteTeam moves a team to the recycle bin; its members, inspections and findings stay, with no
// team (ON DELETE SET NULL) until it is restored.
func (db *DB) DeleteTeam(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		t, err := getTeam(ctx, tx, id)
		if err != nil {
			return err
		}
		fields, err := teamLog(ctx, tx, &t)
		if err != nil {
			return err
		}
		err = db.deleteToBin(ctx, tx, binItem{Entity: data.EntTeam, Table: "team", ID: id, Label: t.Name, Fields: fields})
		return inUse(err, "该班组已被其他记录引用，不能删除")
	})
}

// ownerBranch is the branch a saved record belongs to: that of the row with id when updating
// (notFound when there is none), else the given branch or the current one.
func ownerBranch(ctx context.Context, q querier, table string, id, branch int64, notFound error) (int64, error) {
	if id != 0 {
		err := q.QueryRowContext(ctx, `SELECT branch_id FROM `+table+` WHERE id = ?`, id).Scan(&branch)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, notFound
		}
		return branch, err
	}
	if branch != 0 {
		return branch, nil
	}
	return requireBranch(ctx, q)
}

// exists reports whether table has a row with id.
func exists(ctx context.Context, q querier, table string, id int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// nameTaken reports whether another row of table in the branch has this name.
func nameTaken(ctx context.Context, q querier, table, name string, id, branch int64) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE branch_id = ? AND name = ? AND id <> ?`,
		branch, name, id).Scan(&n)
	return n > 0, err
}

// inBranch reports whether the reference id (0 = none, always fine) is a row of table in the branch.
func inBranch(ctx context.Context, q querier, table string, id, branch int64) (bool, error) {
	if id == 0 {
		return true, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE id = ? AND branch_id = ?`, id, branch).Scan(&n)
	return n > 0, err
}

// mustAffect turns an UPDATE or DELETE that touched no row into notFound.
func mustAffect(res sql.Result, err error, notFound error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		return notFound
	}
	return err
}

// inUse turns a foreign key refusal (records of later modules pointing at the row) into EConflict.
func inUse(err error, msg string) error {
	if isForeignKey(err) {
		return data.Errorf(data.EConflict, msg)
	}
	return err
}
