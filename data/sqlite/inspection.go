package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"branchledger/data"
)

// selectInspection reads inspections. Their unit is the team's name when they name a team:
// SaveInspection and SaveTeam keep it so.
const selectInspection = `
	SELECT i.id, i.branch_id, i.date, i.kind, i.shift, i.team_id, i.unit, i.place, i.content, i.created_at, i.updated_at
	FROM inspection i`

func errNoInspection(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的督查记录，可能已被删除，请刷新后再试", id))
}

// loadInspections reads the inspections matching where (on alias i) newest first, then their
// inspectors and findings with one query each, whatever their number.
func loadInspections(ctx context.Context, q querier, where string, args ...any) ([]data.Inspection, error) {
	rows, err := q.QueryContext(ctx, selectInspection+` WHERE `+where+` ORDER BY i.date DESC, i.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ins []data.Inspection
	index := map[int64]int{}
	for rows.Next() {
		var in data.Inspection
		var team sql.NullInt64
		var date, created, updated string
		if err := rows.Scan(&in.ID, &in.BranchID, &date, &in.Kind, &in.Shift, &team, &in.Unit, &in.Place, &in.Content,
			&created, &updated); err != nil {
			return nil, err
		}
		in.TeamID = team.Int64
		if in.Date, err = parseDate(date); err != nil {
			return nil, err
		}
		if in.CreatedAt, err = parseStamp(created); err != nil {
			return nil, err
		}
		if in.UpdatedAt, err = parseStamp(updated); err != nil {
			return nil, err
		}
		index[in.ID] = len(ins)
		ins = append(ins, in)
	}
	if err := rows.Err(); err != nil || len(ins) == 0 {
		return ins, err
	}
	rows.Close()

	// The ids go in as one JSON array: one statement for any number of inspections.
	ids := make([]int64, len(ins))
	for i := range ins {
		ids[i] = ins[i].ID
	}
	idList, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	const inList = ` IN (SELECT value FROM json_each(?))`
	people, err := q.QueryContext(ctx, `
		SELECT p.inspection_id, p.member_id, m.name, p.lead FROM inspector p JOIN member m ON m.id = p.member_id
		WHERE p.inspection_id`+inList+` ORDER BY p.inspection_id, p.sort`, string(idList))
	if err != nil {
		return nil, err
	}
	defer people.Close()
	for people.Next() {
		var id int64
		var p data.Inspector
		if err := people.Scan(&id, &p.MemberID, &p.Name, &p.Lead); err != nil {
			return nil, err
		}
		in := &ins[index[id]]
		in.Inspectors = append(in.Inspectors, p)
	}
	if err := people.Err(); err != nil {
		return nil, err
	}
	people.Close()
	fs, err := queryFindings(ctx, q, `WHERE inspection_id`+inList+` ORDER BY id`, string(idList))
	if err != nil {
		return nil, err
	}
	for _, f := range fs {
		in := &ins[index[f.InspectionID]]
		in.Findings = append(in.Findings, f)
	}
	return ins, nil
}

// Inspections lists the current branch's inspections matching f, newest first, with their
// inspectors (names filled in) and findings. A negative TeamID keeps inspections of no team.
func (db *DB) Inspections(ctx context.Context, f data.InspectionFilter) ([]data.Inspection, error) {
	w := branchFilter(`i.`)
	w.dated(`i.date`, f.From, f.To)
	if f.Kind != "" {
		w.add(`i.kind = ?`, f.Kind)
	}
	switch {
	case f.TeamID > 0:
		w.add(`i.team_id = ?`, f.TeamID)
	case f.TeamID < 0:
		w.add(`i.team_id IS NULL`)
	}
	if f.OpenFindings {
		w.add(`EXISTS (SELECT 1 FROM finding f WHERE f.inspection_id = i.id AND f.state <> '` + data.StateClosed + `')`)
	}
	return loadInspections(ctx, db.db, w.sql(), w.args...)
}

// Inspection returns the inspection with id, with its inspectors and findings.
func (db *DB) Inspection(ctx context.Context, id int64) (data.Inspection, error) {
	return getInspection(ctx, db.db, id)
}

func getInspection(ctx context.Context, q querier, id int64) (data.Inspection, error) {
	ins, err := loadInspections(ctx, q, `i.id = ?`, id)
	if err != nil {
		return data.Inspection{}, err
	}
	if len(ins) == 0 {
		return data.Inspection{}, errNoInspection(id)
	}
	return ins[0], nil
}

// inspectionKind is how the store reads back, names, logs and deletes these records.
var inspectionKind = recordKind[data.Inspection]{entity: data.EntInspection, table: "inspection", get: getInspection, label: data.InspectionLabel, fields: data.InspectionFields}

// SaveInspection creates (ID 0, in the current branch unless BranchID says otherwise) or updates an
// inspection with its inspectors and findings, in one transaction. After Normalize, the findings
// already saved keep their state and close-out as saved (only ChangeState moves them) and new ones
// start 待整改 with no close-out; then ValidateInspection and the checks needing the file run
// together: the team, the inspectors and each finding's team and member belong to the branch, and
// each finding's category and level are in the configured lists. Saved findings of the inspection
// no longer listed are deleted with their history. On success in holds what was saved, as
// Inspection returns it.
func (db *DB) SaveInspection(ctx context.Context, in *data.Inspection) error {
	work := *in
	work.Inspectors = slices.Clone(in.Inspectors)
	work.Findings = slices.Clone(in.Findings)
	work.Normalize()
	today := db.today()
	var saved data.Inspection
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, "inspection", work.ID, work.BranchID, errNoInspection(work.ID))
		if err != nil {
			return err
		}
		work.BranchID = branch
		var stored []data.Finding
		if work.ID != 0 {
			if stored, err = queryFindings(ctx, tx, `WHERE inspection_id = ?`, work.ID); err != nil {
				return err
			}
		}
		old := make([]*data.Finding, len(work.Findings)) // the saved version of each, nil for a new one
		for i := range work.Findings {
			f := &work.Findings[i]
			f.BranchID = branch
			if f.ID == 0 {
				f.State, f.Progress, f.Acceptor, f.ClosedDate = data.StatePending, "", "", data.Date{}
				continue
			}
			k := slices.IndexFunc(stored, func(s data.Finding) bool { return s.ID == f.ID })
			if k < 0 || slices.ContainsFunc(work.Findings[:i], func(o data.Finding) bool { return o.ID == f.ID }) {
				return data.Errorf(data.ENotFound, fmt.Sprintf("问题%d已被删除、不属于这次督查或重复列出，请刷新后再试", i+1))
			}
			old[i] = &stored[k]
			*f = keepFlow(*f, stored[k])
		}

		fe := data.ValidateInspection(&work, today)
		more, err := checkInspection(ctx, tx, &work, old)
		if err != nil {
			return err
		}
		if fe = append(fe, more...); fe != nil {
			return fe
		}
		var before data.Fields
		if work.ID != 0 {
			old, err := getInspection(ctx, tx, work.ID)
			if err != nil {
				return err
			}
			before = data.InspectionFields(&old)
		}
		if err := db.writeInspection(ctx, tx, &work, stored); err != nil {
			return err
		}
		saved, err = inspectionKind.logSaved(ctx, db, tx, work.ID, before)
		return err
	})
	if err == nil {
		*in = saved
	}
	return err
}

// checkInspection enforces what needs the data file (see SaveInspection) and sets in.Unit to the
// team's name when a team is given. old holds the saved version of each finding (nil: new).
func checkInspection(ctx context.Context, q querier, in *data.Inspection, old []*data.Finding) (data.FieldErrors, error) {
	var fe data.FieldErrors
	if in.TeamID != 0 {
		err := q.QueryRowContext(ctx, `SELECT name FROM team WHERE id = ? AND branch_id = ?`, in.TeamID, in.BranchID).Scan(&in.Unit)
		if errors.Is(err, sql.ErrNoRows) {
			fe = append(fe, data.FieldError{Field: data.FInspUnit, Message: "所选被查班组不存在（可能已被删除），请重新选择"})
		} else if err != nil {
			return nil, err
		}
	}
	for _, p := range in.Inspectors {
		if ok, err := inBranch(ctx, q, "member", p.MemberID, in.BranchID); err != nil {
			return nil, err
		} else if !ok || p.MemberID == 0 {
			fe = append(fe, data.FieldError{Field: data.FInspectors, Message: "督查组成员中有人不在本支部党员名单中（可能已被删除），请重新选择"})
			break
		}
	}
	rules, err := loadFindingRules(ctx, q)
	if err != nil {
		return nil, err
	}
	for i := range in.Findings {
		more, err := rules.check(ctx, q, &in.Findings[i], old[i])
		if err != nil {
			return nil, err
		}
		fe = append(fe, more.InRow(data.RowFinding, i)...)
	}
	return fe, nil
}

// writeInspection saves a checked inspection: its row, its inspectors (replaced), and its findings
// (new ones inserted with their history, listed ones updated, stored ones not listed deleted).
func (db *DB) writeInspection(ctx context.Context, tx *sql.Tx, in *data.Inspection, stored []data.Finding) error {
	id, err := writeRow(ctx, tx, "inspection", in.ID, in.BranchID, db.stamp(), []string{"date", "kind", "shift", "team_id", "unit",
		"place", "content"}, []any{in.Date.String(), in.Kind, in.Shift, nullID(in.TeamID), in.Unit, in.Place, in.Content})
	if err != nil {
		return err
	}
	if in.ID == 0 {
		in.ID = id
	} else if _, err := tx.ExecContext(ctx, `DELETE FROM inspector WHERE inspection_id = ?`, in.ID); err != nil {
		return err
	}
	for i, p := range in.Inspectors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspector (inspection_id, member_id, lead, sort) VALUES (?, ?, ?, ?)`,
			in.ID, p.MemberID, p.Lead, i+1); err != nil {
			return err
		}
	}
	// Findings taken off the inspection go to the recycle bin; the inspection's log entry says so
	// through its count of findings.
	for _, s := range stored {
		if !slices.ContainsFunc(in.Findings, func(f data.Finding) bool { return f.ID == s.ID }) {
			it, err := findingBinItem(ctx, tx, &s)
			if err != nil {
				return err
			}
			if err := db.moveToBin(ctx, tx, it); err != nil {
				return err
			}
		}
	}
	for i := range in.Findings {
		f := &in.Findings[i]
		f.InspectionID = in.ID
		var err error
		if f.ID == 0 {
			err = db.insertFinding(ctx, tx, f)
		} else {
			err = db.updateFinding(ctx, tx, f)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteInspection moves an inspection to the recycle bin with its inspectors, findings and their
// history.
func (db *DB) DeleteInspection(ctx context.Context, id int64) error {
	return inspectionKind.delete(ctx, db, id)
}
