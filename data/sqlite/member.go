package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"branchledger/data"
)

// memberFields are the member columns written by inserts and updates, in memberValues' order.
const memberFields = `name, sex, ethnicity, id_number, birth_date, education, category, join_date, full_date,
	job, mobile, landline, address, party_status, lost_contact, lost_date, floating, floating_to, remark,
	group_id, team_id, party_role, key_post, supervisor, work_date, roll_status, roll_date`

var memberParams = strings.TrimSuffix(strings.Repeat("?, ", strings.Count(memberFields, ",")+1), ", ")

func memberValues(m *data.Member) []any {
	return []any{m.Name, m.Sex, m.Ethnicity, m.IDNumber, m.BirthDate.String(), m.Education, m.Category,
		m.JoinDate.String(), m.FullDate.String(), m.Job, m.Mobile, m.Landline, m.Address, m.PartyStatus,
		m.LostContact, m.LostDate.String(), m.Floating, m.FloatingTo, m.Remark,
		nullID(m.GroupID), nullID(m.TeamID), m.PartyRole, m.KeyPost, m.Supervisor, m.WorkDate.String(),
		m.RollStatus, m.RollDate.String()}
}

const (
	selectMember = `SELECT id, branch_id, ` + memberFields + `, created_at, updated_at FROM member`
	insertMember = `INSERT INTO member (branch_id, created_at, updated_at, ` + memberFields + `) VALUES (?, ?, ?, `
	updateMember = `UPDATE member SET updated_at = ?, (` + memberFields + `) = (`
)

var (
	insertMemberSQL = insertMember + memberParams + `)`
	updateMemberSQL = updateMember + memberParams + `) WHERE id = ?`
)

// scanMember reads one row of selectMember.
func scanMember(rows interface{ Scan(...any) error }) (data.Member, error) {
	var m data.Member
	var birth, join, full, lost, work, roll, created, updated string
	var group, team sql.NullInt64
	err := rows.Scan(&m.ID, &m.BranchID, &m.Name, &m.Sex, &m.Ethnicity, &m.IDNumber, &birth, &m.Education,
		&m.Category, &join, &full, &m.Job, &m.Mobile, &m.Landline, &m.Address, &m.PartyStatus,
		&m.LostContact, &lost, &m.Floating, &m.FloatingTo, &m.Remark, &group, &team, &m.PartyRole,
		&m.KeyPost, &m.Supervisor, &work, &m.RollStatus, &roll, &created, &updated)
	if err != nil {
		return m, err
	}
	m.GroupID, m.TeamID = group.Int64, team.Int64
	for _, d := range []struct {
		dst *data.Date
		s   string
	}{{&m.BirthDate, birth}, {&m.JoinDate, join}, {&m.FullDate, full}, {&m.LostDate, lost}, {&m.WorkDate, work}, {&m.RollDate, roll}} {
		if *d.dst, err = parseDate(d.s); err != nil {
			return m, err
		}
	}
	if m.CreatedAt, err = parseStamp(created); err != nil {
		return m, err
	}
	m.UpdatedAt, err = parseStamp(updated)
	return m, err
}

func errNoMember(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的党员，可能已被删除，请刷新后再试", id))
}

// Members lists the current branch's members matching f in roster order (data.SortMembers: by
// group, team and name, in pinyin order with numbers by value, members without a group or team
// last), which SQL cannot do.
func (db *DB) Members(ctx context.Context, f data.MemberFilter) ([]data.Member, error) {
	var where []string
	var args []any
	if !f.IncludeLeft {
		where, args = append(where, `roll_status = ?`), append(args, data.RollIn)
	}
	for _, ref := range []struct {
		column string
		id     int64
	}{{"group_id", f.GroupID}, {"team_id", f.TeamID}} {
		switch {
		case ref.id < 0:
			where = append(where, ref.column+` IS NULL`)
		case ref.id > 0:
			where, args = append(where, ref.column+` = ?`), append(args, ref.id)
		}
	}
	if f.Category != "" {
		where, args = append(where, `category = ?`), append(args, f.Category)
	}
	if f.KeyPostOnly {
		where = append(where, `key_post <> ''`)
	}
	if f.Supervisors {
		where = append(where, `supervisor = 1`)
	}
	branch, err := currentBranchID(ctx, db.db)
	if err != nil {
		return nil, err
	}
	return db.listMembers(ctx, branch, where, args)
}

// listMembers lists the members of a branch that match where (SQL conditions joined by AND, with
// their args), in roster order (data.SortMembers).
func (db *DB) listMembers(ctx context.Context, branch int64, where []string, args []any) ([]data.Member, error) {
	groups, err := db.BranchGroups(ctx, branch)
	if err != nil {
		return nil, err
	}
	teams, err := db.BranchTeams(ctx, branch)
	if err != nil {
		return nil, err
	}
	where, args = append([]string{`branch_id = ?`}, where...), append([]any{branch}, args...)
	rows, err := db.db.QueryContext(ctx, selectMember+` WHERE `+strings.Join(where, ` AND `), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ms []data.Member
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	data.SortMembers(ms, groups, teams)
	return ms, nil
}

// Member returns the member with id.
func (db *DB) Member(ctx context.Context, id int64) (data.Member, error) {
	return getMember(ctx, db.db, id)
}

func getMember(ctx context.Context, q querier, id int64) (data.Member, error) {
	return oneRow(scanMember(q.QueryRowContext(ctx, selectMember+` WHERE id = ?`, id)))(errNoMember(id))
}

// MemberByIDNumber finds a member of the current branch by ID number (normalised first, so a
// lower-case x or full-width digits still match).
func (db *DB) MemberByIDNumber(ctx context.Context, idNumber string) (data.Member, error) {
	idNumber = data.NormalizeIDNumber(idNumber)
	m, err := scanMember(db.db.QueryRowContext(ctx,
		selectMember+` WHERE branch_id = (SELECT min(id) FROM branch) AND id_number = ?`, idNumber))
	if errors.Is(err, sql.ErrNoRows) {
		return m, data.Errorf(data.ENotFound, fmt.Sprintf("未找到身份证号为 %s 的党员", idNumber))
	}
	return m, err
}

// CreateMember normalises and validates m, checks that its ID number is new in the branch and that
// its group and team exist, and saves it in the current branch (unless m.BranchID says otherwise).
// On success m holds what was saved, with ID and timestamps.
func (db *DB) CreateMember(ctx context.Context, m *data.Member) error {
	m.Normalize()
	if fe := data.ValidateMember(m, data.DateOf(db.now())); fe != nil {
		return fe
	}
	saved := *m
	err := db.write(ctx, func(tx *sql.Tx) error {
		if saved.BranchID == 0 {
			var err error
			if saved.BranchID, err = requireBranch(ctx, tx); err != nil {
				return err
			}
		}
		return db.insertMember(ctx, tx, &saved, "")
	})
	if err == nil {
		*m = saved
	}
	return err
}

// insertMember saves a normalised and validated member m of m.BranchID after checkMember, and logs
// it (detail says why, "" for a member typed in); m gets its ID and timestamps.
func (db *DB) insertMember(ctx context.Context, tx *sql.Tx, m *data.Member, detail string) error {
	if err := checkMember(ctx, tx, m); err != nil {
		return err
	}
	stamp := db.stamp()
	res, err := tx.ExecContext(ctx, insertMemberSQL, append([]any{m.BranchID, stamp, stamp}, memberValues(m)...)...)
	if err != nil {
		return err
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if m.CreatedAt, err = parseStamp(stamp); err != nil {
		return err
	}
	m.UpdatedAt = m.CreatedAt
	after, err := memberLog(ctx, tx, m)
	if err != nil {
		return err
	}
	return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntMember, EntityID: m.ID, Label: m.Name, After: after, Detail: detail})
}

// UpdateMember normalises, validates and saves m over the member with m.ID, with the checks of
// CreateMember. The member stays in its branch; m gets the saved BranchID and timestamps.
func (db *DB) UpdateMember(ctx context.Context, m *data.Member) error {
	m.Normalize()
	if fe := data.ValidateMember(m, data.DateOf(db.now())); fe != nil {
		return fe
	}
	saved := *m
	err := db.write(ctx, func(tx *sql.Tx) error {
		old, err := getMember(ctx, tx, saved.ID)
		if err != nil {
			return err
		}
		return db.rewriteMember(ctx, tx, &old, &saved)
	})
	if err == nil {
		*m = saved
	}
	return err
}

// rewriteMember saves a normalised and validated member m over old (as stored) after checkMember,
// and logs the change; m gets old's branch and its timestamps.
func (db *DB) rewriteMember(ctx context.Context, tx *sql.Tx, old, m *data.Member) error {
	m.BranchID = old.BranchID
	if err := checkMember(ctx, tx, m); err != nil {
		return err
	}
	before, err := memberLog(ctx, tx, old)
	if err != nil {
		return err
	}
	stamp := db.stamp()
	if _, err := tx.ExecContext(ctx, updateMemberSQL, append(append([]any{stamp}, memberValues(m)...), m.ID)...); err != nil {
		return err
	}
	m.CreatedAt = old.CreatedAt
	if m.UpdatedAt, err = parseStamp(stamp); err != nil {
		return err
	}
	after, err := memberLog(ctx, tx, m)
	if err != nil {
		return err
	}
	return db.logChange(ctx, tx, data.EntMember, m.ID, m.Name, before, after)
}

// checkMember enforces what needs the data file: a unique ID number in the branch, and a group and
// team of the branch.
func checkMember(ctx context.Context, q querier, m *data.Member) error {
	var fe data.FieldErrors
	var other string
	err := q.QueryRowContext(ctx, `SELECT name FROM member WHERE branch_id = ? AND id_number = ? AND id <> ?`,
		m.BranchID, m.IDNumber, m.ID).Scan(&other)
	switch {
	case err == nil:
		fe = append(fe, duplicateID(other))
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if ok, err := inBranch(ctx, q, "party_group", m.GroupID, m.BranchID); err != nil {
		return err
	} else if !ok {
		fe = append(fe, data.FieldError{Field: data.FGroup, Message: "所选党小组不存在（可能已被删除），请重新选择"})
	}
	if ok, err := inBranch(ctx, q, "team", m.TeamID, m.BranchID); err != nil {
		return err
	} else if !ok {
		fe = append(fe, data.FieldError{Field: data.FTeam, Message: "所选班组不存在（可能已被删除），请重新选择"})
	}
	if fe != nil {
		return fe
	}
	return nil
}

func duplicateID(holder string) data.FieldError {
	return data.FieldError{Field: data.FIDNumber, Message: fmt.Sprintf("该身份证号已登记为党员「%s」，不能重复录入", holder)}
}

// DeleteMember moves a member typed by mistake to the recycle bin; a group led by the member is
// left with no leader and findings naming the member as 涉及党员 name nobody (until it is restored).
// A member who inspected is refused (EConflict): the inspection must keep its team.
func (db *DB) DeleteMember(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		m, err := getMember(ctx, tx, id)
		if err != nil {
			return err
		}
		fields, err := memberLog(ctx, tx, &m)
		if err != nil {
			return err
		}
		err = db.deleteToBin(ctx, tx, binItem{Entity: data.EntMember, Table: "member", ID: id, Label: m.Name, Fields: fields})
		if isForeignKey(err) {
			return memberInUse(ctx, tx, id)
		}
		return err
	})
}

// memberInUse says why a member cannot be deleted: records that must keep naming them.
func memberInUse(ctx context.Context, q querier, id int64) error {
	const leave = "如已离开本支部，请把在册状态改为转出"
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM inspector WHERE member_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Errorf(data.EConflict, fmt.Sprintf("该党员是 %d 次督查的督查组成员，督查记录须保留，不能删除；%s", n, leave))
	}
	msg, err := welfareHandlerInUse(ctx, q, id)
	if err == nil && msg == "" {
		msg, err = recruitMemberInUse(ctx, q, id)
	}
	if err != nil {
		return err
	}
	if msg != "" {
		return data.Errorf(data.EConflict, msg)
	}
	return data.Errorf(data.EConflict, "该党员已有相关记录（如督查、积分），不能删除；"+leave)
}
