package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"branchledger/data"
)

// findingFields are the finding columns written by inserts and updates, in findingValues' order.
const findingFields = `source, inspection_id, check_id, team_id, found_date, category, level, description,
	member_id, responsible, measures, deadline, progress, acceptor, closed_date, state, emergency_id`

func findingValues(f *data.Finding) []any {
	return []any{f.Source, nullID(f.InspectionID), nullID(f.CheckID), nullID(f.TeamID), f.FoundDate.String(),
		f.Category, f.Level, f.Description, nullID(f.MemberID), f.Responsible, f.Measures, f.Deadline.String(),
		f.Progress, f.Acceptor, f.ClosedDate.String(), f.State, nullID(f.EmergencyID)}
}

const selectFinding = `SELECT id, branch_id, ` + findingFields + `, created_at, updated_at FROM finding`

var (
	insertFindingSQL = `INSERT INTO finding (branch_id, created_at, updated_at, ` + findingFields + `) VALUES (?, ?, ?, ` +
		strings.TrimSuffix(strings.Repeat("?, ", strings.Count(findingFields, ",")+1), ", ") + `)`
	// Updates leave the state and the close-out alone: only ChangeState moves them.
	updateFindingSQL = `UPDATE finding SET updated_at = ?, (source, team_id, found_date, category, level, description,
		member_id, responsible, measures, deadline) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`
)

func scanFinding(rows interface{ Scan(...any) error }) (data.Finding, error) {
	var f data.Finding
	var inspection, check, team, member, emergency sql.NullInt64
	var found, deadline, closed, created, updated string
	err := rows.Scan(&f.ID, &f.BranchID, &f.Source, &inspection, &check, &team, &found, &f.Category, &f.Level,
		&f.Description, &member, &f.Responsible, &f.Measures, &deadline, &f.Progress, &f.Acceptor, &closed,
		&f.State, &emergency, &created, &updated)
	if err != nil {
		return f, err
	}
	f.InspectionID, f.CheckID, f.TeamID, f.MemberID = inspection.Int64, check.Int64, team.Int64, member.Int64
	f.EmergencyID = emergency.Int64
	if f.FoundDate, err = parseDate(found); err != nil {
		return f, err
	}
	if f.Deadline, err = parseDate(deadline); err != nil {
		return f, err
	}
	if f.ClosedDate, err = parseDate(closed); err != nil {
		return f, err
	}
	if f.CreatedAt, err = parseStamp(created); err != nil {
		return f, err
	}
	f.UpdatedAt, err = parseStamp(updated)
	return f, err
}

// queryFindings runs selectFinding with a WHERE … ORDER BY tail.
func queryFindings(ctx context.Context, q querier, tail string, args ...any) ([]data.Finding, error) {
	rows, err := q.QueryContext(ctx, selectFinding+` `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// Rows are gathered in blocks and copied once at the end: growing one slice of these large
	// structs by doubling costs a third of the time of listing 100,000 findings.
	const block = 1024
	var blocks [][]data.Finding
	cur, n := make([]data.Finding, 0, 64), 0
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, err
		}
		if len(cur) == cap(cur) && cap(cur) >= block {
			blocks, cur = append(blocks, cur), make([]data.Finding, 0, block)
		}
		cur, n = append(cur, f), n+1
	}
	if err := rows.Err(); err != nil || n == 0 {
		return nil, err
	}
	if blocks == nil {
		return cur, nil
	}
	fs := make([]data.Finding, 0, n)
	for _, b := range append(blocks, cur) {
		fs = append(fs, b...)
	}
	return fs, nil
}

func errNoFinding(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的问题，可能已被删除，请刷新后再试", id))
}

func getFinding(ctx context.Context, q querier, id int64) (data.Finding, error) {
	return oneRow(scanFinding(q.QueryRowContext(ctx, selectFinding+` WHERE id = ?`, id)))(errNoFinding(id))
}

// today is the store's calendar day, against which input is validated.
func (db *DB) today() data.Date { return data.DateOf(db.now()) }

// Findings lists the current branch's findings matching f by 发现日期, then id. Overdue and due
// filters are worked out from the deadline and state. A negative TeamID keeps findings of no team.
func (db *DB) Findings(ctx context.Context, f data.FindingFilter) ([]data.Finding, error) {
	w := branchFilter(``)
	w.dated(`found_date`, f.From, f.To)
	if len(f.States) > 0 {
		w.add(`state IN (`+strings.TrimSuffix(strings.Repeat("?, ", len(f.States)), ", ")+`)`, anys(f.States)...)
	}
	if f.Category != "" {
		w.add(`category = ?`, f.Category)
	}
	switch {
	case f.TeamID > 0:
		w.add(`team_id = ?`, f.TeamID)
	case f.TeamID < 0:
		w.add(`team_id IS NULL`)
	}
	if f.Source != "" {
		w.add(`source = ?`, f.Source)
	}
	if f.InspectionID != 0 {
		w.add(`inspection_id = ?`, f.InspectionID)
	}
	if f.EmergencyID != 0 {
		w.add(`emergency_id = ?`, f.EmergencyID)
	}
	if f.Responsible != "" {
		w.add(`responsible = ?`, data.NormalizeName(f.Responsible))
	}
	if !f.OverdueOn.IsZero() {
		w.add(`state <> '`+data.StateClosed+`' AND deadline < ?`, f.OverdueOn.String())
	}
	if !f.DueBy.IsZero() {
		w.add(`state <> '`+data.StateClosed+`' AND deadline <= ?`, f.DueBy.String())
	}
	return queryFindings(ctx, db.db, `WHERE `+w.sql()+` ORDER BY found_date, id`, w.args...)
}

// Finding returns the finding with id.
func (db *DB) Finding(ctx context.Context, id int64) (data.Finding, error) {
	return getFinding(ctx, db.db, id)
}

// CreateFinding normalises and validates f and saves it in the current branch (unless f.BranchID
// says otherwise) with the creation in its history. A finding of an inspection or a welfare check
// gets that source when none is given. On success f holds what was saved.
func (db *DB) CreateFinding(ctx context.Context, f *data.Finding) error {
	sourceOfRecord(f)
	f.Normalize()
	today := db.today()
	if fe := data.ValidateFinding(f, today); fe != nil {
		return fe
	}
	saved := *f
	err := db.write(ctx, func(tx *sql.Tx) error { return db.createFinding(ctx, tx, &saved) })
	if err == nil {
		*f = saved
	}
	return err
}

// createFinding is CreateFinding's work inside a transaction: f is normalised and validated already.
func (db *DB) createFinding(ctx context.Context, tx *sql.Tx, f *data.Finding) error {
	if f.BranchID == 0 {
		var err error
		if f.BranchID, err = requireBranch(ctx, tx); err != nil {
			return err
		}
	}
	rules, err := loadFindingRules(ctx, tx)
	if err != nil {
		return err
	}
	if err := rules.checkAlone(ctx, tx, f, nil); err != nil {
		return err
	}
	if err := db.insertFinding(ctx, tx, f); err != nil {
		return err
	}
	after, err := findingLog(ctx, tx, f)
	if err != nil {
		return err
	}
	return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntFinding, EntityID: f.ID,
		Label: data.FindingLabel(f), After: after})
}

// CreateCheckFinding creates a finding from a check's deduction and links the item to it, in one
// transaction.
func (db *DB) CreateCheckFinding(ctx context.Context, f *data.Finding, item int) error {
	if f.CheckID == 0 {
		return data.Errorf(data.EInvalid, "请先保存检查，再从扣分项生成问题")
	}
	sourceOfRecord(f)
	f.Normalize()
	if fe := data.ValidateFinding(f, db.today()); fe != nil {
		return fe
	}
	saved := *f
	err := db.write(ctx, func(tx *sql.Tx) error {
		var linked sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT finding_id FROM check_item WHERE check_id = ? AND sort = ?`, saved.CheckID, item+1).Scan(&linked)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return data.Errorf(data.ENotFound, "该检查项目不存在（检查可能已被修改或删除），请刷新后再试")
		case err != nil:
			return err
		case linked.Valid:
			return data.Errorf(data.EConflict, "该扣分项已经生成过问题，请在“问题整改”中查看")
		}
		if err := db.createFinding(ctx, tx, &saved); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE check_item SET finding_id = ? WHERE check_id = ? AND sort = ?`, saved.ID, saved.CheckID, item+1)
		return err
	})
	if err == nil {
		*f = saved
	}
	return err
}

// sourceOfRecord gives a finding that names the record that found it that record's source, when
// it has none.
func sourceOfRecord(f *data.Finding) {
	switch {
	case f.Source != "":
	case f.InspectionID != 0:
		f.Source = data.SourceInspection
	case f.CheckID != 0:
		f.Source = data.SourceWelfare
	case f.EmergencyID != 0:
		f.Source = data.SourceEmergency
	}
}

// UpdateFinding normalises, validates and saves f over the finding with f.ID. The state and the
// close-out (整改情况, 验收人, 销号日期) are only changed by ChangeState, and a finding stays with
// the record that found it and in its branch: those fields are kept as saved, and f gets them back.
func (db *DB) UpdateFinding(ctx context.Context, f *data.Finding) error {
	today := db.today()
	var saved data.Finding
	err := db.write(ctx, func(tx *sql.Tx) error {
		stored, err := getFinding(ctx, tx, f.ID)
		if err != nil {
			return err
		}
		saved = keepFlow(*f, stored)
		sourceOfRecord(&saved)
		saved.Normalize()
		if fe := data.ValidateFinding(&saved, today); fe != nil {
			return fe
		}
		rules, err := loadFindingRules(ctx, tx)
		if err != nil {
			return err
		}
		if err := rules.checkAlone(ctx, tx, &saved, &stored); err != nil {
			return err
		}
		before, err := findingLog(ctx, tx, &stored)
		if err != nil {
			return err
		}
		if err := db.updateFinding(ctx, tx, &saved); err != nil {
			return err
		}
		after, err := findingLog(ctx, tx, &saved)
		if err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntFinding, saved.ID, data.FindingLabel(&saved), before, after)
	})
	if err == nil {
		*f = saved
	}
	return err
}

// keepFlow is f with what an edit does not change taken from the saved version: its branch, the
// record that found it, the state with the close-out, and the creation time.
func keepFlow(f, stored data.Finding) data.Finding {
	f.BranchID, f.InspectionID, f.CheckID, f.CreatedAt = stored.BranchID, stored.InspectionID, stored.CheckID, stored.CreatedAt
	f.EmergencyID = stored.EmergencyID
	f.State, f.Progress, f.Acceptor, f.ClosedDate = stored.State, stored.Progress, stored.Acceptor, stored.ClosedDate
	return f
}

// insertFinding saves a new, checked finding with its creation in the history; f gets its id and
// timestamps.
func (db *DB) insertFinding(ctx context.Context, tx *sql.Tx, f *data.Finding) error {
	stamp := db.stamp()
	res, err := tx.ExecContext(ctx, insertFindingSQL, append([]any{f.BranchID, stamp, stamp}, findingValues(f)...)...)
	if err != nil {
		return err
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if f.CreatedAt, err = parseStamp(stamp); err != nil {
		return err
	}
	f.UpdatedAt = f.CreatedAt
	return addHistory(ctx, tx, f, "", "", stamp)
}

// updateFinding saves a checked finding's editable fields; f gets the new update time.
func (db *DB) updateFinding(ctx context.Context, tx *sql.Tx, f *data.Finding) error {
	stamp := db.stamp()
	res, err := tx.ExecContext(ctx, updateFindingSQL, stamp, f.Source, nullID(f.TeamID), f.FoundDate.String(), f.Category,
		f.Level, f.Description, nullID(f.MemberID), f.Responsible, f.Measures, f.Deadline.String(), f.ID)
	if err = mustAffect(res, err, errNoFinding(f.ID)); err != nil {
		return err
	}
	f.UpdatedAt, err = parseStamp(stamp)
	return err
}

// addHistory records that f (as it is now) came from state `from`, with the close-out when closed.
func addHistory(ctx context.Context, tx *sql.Tx, f *data.Finding, from, reason, stamp string) error {
	var co data.CloseOut
	if f.State == data.StateClosed {
		co = data.CloseOut{Progress: f.Progress, Acceptor: f.Acceptor, ClosedDate: f.ClosedDate}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO finding_history (finding_id, at, from_state, to_state, reason, progress, acceptor, closed_date)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		f.ID, stamp, from, f.State, reason, co.Progress, co.Acceptor, co.ClosedDate.String())
	return err
}

// findingRules are the configured lists a finding's category and level must come from.
type findingRules struct{ categories, levels []string }

func loadFindingRules(ctx context.Context, q querier) (findingRules, error) {
	var r findingRules
	var err error
	if r.categories, err = options(ctx, q, data.ListFindingCategories); err != nil {
		return r, err
	}
	r.levels, err = options(ctx, q, data.ListFindingLevels)
	return r, err
}

// check enforces what needs the data file (errors of the finding itself: an inspection moves them
// to the finding's row): a category and level from the configured lists (or
// unchanged from stored, the saved version: findings keep a value that left its list), and a team
// and member of the finding's branch.
func (r findingRules) check(ctx context.Context, q querier, f *data.Finding, stored *data.Finding) (data.FieldErrors, error) {
	var fe data.FieldErrors
	if !slices.Contains(r.categories, f.Category) && (stored == nil || stored.Category != f.Category) {
		fe = append(fe, data.FieldError{Field: data.FCategoryF,
			Message: fmt.Sprintf("问题类别「%s」不在问题类别列表中，请从列表中选择（列表可在“数据与设置”中修改）", f.Category)})
	}
	if !slices.Contains(r.levels, f.Level) && (stored == nil || stored.Level != f.Level) {
		fe = append(fe, data.FieldError{Field: data.FLevel,
			Message: fmt.Sprintf("等级「%s」不在问题等级列表中，请从列表中选择（列表可在“数据与设置”中修改）", f.Level)})
	}
	if ok, err := inBranch(ctx, q, "team", f.TeamID, f.BranchID); err != nil {
		return nil, err
	} else if !ok {
		fe = append(fe, data.FieldError{Field: data.FTeam, Message: "所选班组不存在（可能已被删除），请重新选择"})
	}
	if ok, err := inBranch(ctx, q, "member", f.MemberID, f.BranchID); err != nil {
		return nil, err
	} else if !ok {
		fe = append(fe, data.FieldError{Field: data.FMember, Message: "所选涉及党员不在本支部党员名单中（可能已被删除），请重新选择"})
	}
	return fe, nil
}

// checkAlone is check for a finding saved on its own, which must also agree with the record that
// found it: the source of that record, and for an inspection one of the branch, held before the
// finding was found.
func (r findingRules) checkAlone(ctx context.Context, q querier, f *data.Finding, stored *data.Finding) error {
	fe, err := r.check(ctx, q, f, stored)
	if err != nil {
		return err
	}
	const source = "来源"
	switch {
	case f.InspectionID != 0 && f.Source != data.SourceInspection:
		fe = append(fe, data.FieldError{Field: source, Message: "该问题是督查发现的，来源应为“督查”"})
	case f.CheckID != 0 && f.Source != data.SourceWelfare:
		fe = append(fe, data.FieldError{Field: source, Message: "该问题是两堂一舍检查发现的，来源应为“两堂一舍检查”"})
	case f.EmergencyID != 0 && f.Source != data.SourceEmergency:
		fe = append(fe, data.FieldError{Field: source, Message: "该问题是应急防控中发现的，来源应为“应急防控”"})
	}
	if f.EmergencyID != 0 {
		if err := emergencyOfFinding(ctx, q, f, &fe); err != nil {
			return err
		}
	}
	if f.CheckID != 0 {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM facility_check WHERE id = ? AND branch_id = ?`, f.CheckID, f.BranchID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			fe = append(fe, data.FieldError{Field: source, Message: "该问题所属的两堂一舍检查不存在（可能已被删除），请刷新后再试"})
		}
	}
	if f.InspectionID != 0 {
		var date string
		err := q.QueryRowContext(ctx, `SELECT date FROM inspection WHERE id = ? AND branch_id = ?`, f.InspectionID, f.BranchID).Scan(&date)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fe = append(fe, data.FieldError{Field: source, Message: "该问题所属的督查记录不存在（可能已被删除），请刷新后再试"})
		case err != nil:
			return err
		case f.FoundDate.String() < date:
			fe = append(fe, data.FieldError{Field: data.FFoundDate, Message: fmt.Sprintf("发现日期不能早于督查日期（%s）", date)})
		}
	}
	if fe != nil {
		return fe
	}
	return nil
}

// DeleteFinding moves a finding typed by mistake to the recycle bin, with its history.
func (db *DB) DeleteFinding(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		f, err := getFinding(ctx, tx, id)
		if err != nil {
			return err
		}
		it, err := findingBinItem(ctx, tx, &f)
		if err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, it)
	})
}

// findingBinItem is f as the recycle bin keeps it.
func findingBinItem(ctx context.Context, q querier, f *data.Finding) (binItem, error) {
	fields, err := findingLog(ctx, q, f)
	return binItem{Entity: data.EntFinding, Table: "finding", ID: f.ID, Label: data.FindingLabel(f), Fields: fields}, err
}

// ChangeState moves the finding with id to state `to` on the store's day (data.ApplyTransition) and
// records the move, its reason and any close-out in the history, in one transaction. A refused
// move returns ApplyTransition's error and changes nothing.
func (db *DB) ChangeState(ctx context.Context, id int64, to, reason string, co *data.CloseOut) (data.Finding, error) {
	today := db.today()
	var f data.Finding
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if f, err = getFinding(ctx, tx, id); err != nil {
			return err
		}
		from := f.State
		before, err := findingLog(ctx, tx, &f)
		if err != nil {
			return err
		}
		if err := data.ApplyTransition(&f, to, reason, co, today); err != nil {
			return err
		}
		stamp := db.stamp()
		res, err := tx.ExecContext(ctx, `
			UPDATE finding SET (state, progress, acceptor, closed_date, updated_at) = (?, ?, ?, ?, ?) WHERE id = ?`,
			f.State, f.Progress, f.Acceptor, f.ClosedDate.String(), stamp, id)
		if err = mustAffect(res, err, errNoFinding(id)); err != nil {
			return err
		}
		if f.UpdatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
		if err := addHistory(ctx, tx, &f, from, data.NormalizeText(reason), stamp); err != nil {
			return err
		}
		after, err := findingLog(ctx, tx, &f)
		if err != nil {
			return err
		}
		detail := data.Diff(before, after)
		if r := data.NormalizeText(reason); r != "" {
			detail += "；原因：" + r
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActState, Entity: data.EntFinding, EntityID: f.ID,
			Label: data.FindingLabel(&f), Before: before, After: after, Detail: detail})
	})
	if err != nil {
		return data.Finding{}, err
	}
	return f, nil
}

// History lists the finding's changes of state, oldest first.
func (db *DB) History(ctx context.Context, findingID int64) ([]data.StateChange, error) {
	if ok, err := exists(ctx, db.db, "finding", findingID); err != nil {
		return nil, err
	} else if !ok {
		return nil, errNoFinding(findingID)
	}
	return scanAll(ctx, db.db, `
		SELECT id, finding_id, at, from_state, to_state, reason, progress, acceptor, closed_date
		FROM finding_history WHERE finding_id = ? ORDER BY id`, []any{findingID},
		func(rows *sql.Rows) (data.StateChange, error) {
			var h data.StateChange
			var at, closed string
			var co data.CloseOut
			if err := rows.Scan(&h.ID, &h.FindingID, &at, &h.From, &h.To, &h.Reason, &co.Progress, &co.Acceptor, &closed); err != nil {
				return h, err
			}
			var err error
			if h.At, err = parseStamp(at); err != nil || h.To != data.StateClosed {
				return h, err
			}
			co.ClosedDate, err = parseDate(closed)
			h.CloseOut = &co
			return h, err
		})
}
