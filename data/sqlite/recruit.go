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

// This file keeps 发展党员 (data.RecruitStore): the people in the pipeline with their steps, people and
// 考察 records, and the roster members they become at steps 15 and 24.

func errNoRecruit(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的入党申请人，可能已被删除，请刷新后再试", id))
}

const selectRecruit = `SELECT r.id, r.branch_id, r.name, r.sex, r.ethnicity, r.id_number, r.birth_date, r.education,
	coalesce(r.team_id, 0), r.job, r.mobile, r.remark, r.vote15, r.vote23, r.train_days, r.train_hours,
	coalesce(r.group_id, 0), r.extend_months, r.extend_date, coalesce(r.member_id, 0), r.created_at, r.updated_at
	FROM recruit r`

// voteJSON is the stored form of a vote ("" for none).
type voteJSON struct {
	Entitled int `json:"entitled"`
	For      int `json:"for"`
	Against  int `json:"against"`
	Abstain  int `json:"abstain"`
}

func voteText(v data.Vote) string {
	if v == (data.Vote{}) {
		return ""
	}
	b, _ := json.Marshal(voteJSON(v))
	return string(b)
}

func parseVote(s string) (data.Vote, error) {
	var v voteJSON
	if s == "" {
		return data.Vote{}, nil
	}
	err := json.Unmarshal([]byte(s), &v)
	return data.Vote(v), err
}

func scanRecruit(row *sql.Rows) (data.Recruit, error) {
	var r data.Recruit
	var birth, v15, v23, ext, created, updated string
	err := row.Scan(&r.ID, &r.BranchID, &r.Name, &r.Sex, &r.Ethnicity, &r.IDNumber, &birth, &r.Education, &r.TeamID,
		&r.Job, &r.Mobile, &r.Remark, &v15, &v23, &r.TrainDays, &r.TrainHours, &r.GroupID, &r.ExtendMonths, &ext,
		&r.MemberID, &created, &updated)
	if err != nil {
		return r, err
	}
	if r.BirthDate, err = parseDate(birth); err != nil {
		return r, err
	}
	if r.ExtendDate, err = parseDate(ext); err != nil {
		return r, err
	}
	if r.Vote15, err = parseVote(v15); err != nil {
		return r, err
	}
	if r.Vote23, err = parseVote(v23); err != nil {
		return r, err
	}
	if r.CreatedAt, err = parseStamp(created); err != nil {
		return r, err
	}
	r.UpdatedAt, err = parseStamp(updated)
	return r, err
}

// loadRecruits lists the recruits matching where (on r) by the date of step 1, then name and id,
// with their steps, people (names filled) and 考察 records.
func loadRecruits(ctx context.Context, q querier, where string, args ...any) ([]data.Recruit, error) {
	id := func(r *data.Recruit) int64 { return r.ID }
	rs, err := loadWithChildren(ctx, q, selectRecruit+` WHERE `+where+` ORDER BY coalesce((SELECT date FROM recruit_step
		WHERE recruit_id = r.id AND step = 1), ''), r.name, r.id`, args, scanRecruit, id,
		`SELECT recruit_id, step, date, note FROM recruit_step WHERE recruit_id IN (SELECT value FROM json_each(?))`,
		func(rows *sql.Rows) (int64, recruitStepRow, error) {
			var p int64
			var s recruitStepRow
			var date string
			err := rows.Scan(&p, &s.n, &date, &s.Note)
			if err == nil {
				s.Date, err = parseDate(date)
			}
			return p, s, err
		}, func(r *data.Recruit, s recruitStepRow) { r.Steps[s.n-1] = s.RecruitStep })
	if err == nil {
		err = attachChildren(ctx, q, rs, id, `SELECT p.recruit_id, p.role, p.member_id, coalesce(m.name, '')
			FROM recruit_person p LEFT JOIN member m ON m.id = p.member_id
			WHERE p.recruit_id IN (SELECT value FROM json_each(?)) ORDER BY p.recruit_id, p.role, p.seq`,
			func(rows *sql.Rows) (int64, data.RecruitPerson, error) {
				var p int64
				var x data.RecruitPerson
				err := rows.Scan(&p, &x.Role, &x.MemberID, &x.Name)
				return p, x, err
			}, func(r *data.Recruit, x data.RecruitPerson) { r.People = append(r.People, x) })
	}
	if err == nil {
		err = attachChildren(ctx, q, rs, id, `SELECT recruit_id, step, date, note FROM recruit_review
			WHERE recruit_id IN (SELECT value FROM json_each(?)) ORDER BY recruit_id, seq`,
			func(rows *sql.Rows) (int64, data.RecruitReview, error) {
				var p int64
				var v data.RecruitReview
				var date string
				err := rows.Scan(&p, &v.Step, &date, &v.Note)
				if err == nil {
					v.Date, err = parseDate(date)
				}
				return p, v, err
			}, func(r *data.Recruit, v data.RecruitReview) { r.Reviews = append(r.Reviews, v) })
	}
	if err != nil {
		return nil, err
	}
	for i := range rs { // people in the order of the roles
		sortPeople(rs[i].People)
	}
	return rs, nil
}

type recruitStepRow struct {
	n int
	data.RecruitStep
}

// sortPeople puts people in the order of data.RecruitRoles, keeping their order within a role.
func sortPeople(ps []data.RecruitPerson) {
	rank := func(role string) int {
		for i, r := range data.RecruitRoles {
			if r.Role == role {
				return i
			}
		}
		return len(data.RecruitRoles)
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && rank(ps[j].Role) < rank(ps[j-1].Role); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func getRecruit(ctx context.Context, q querier, id int64) (data.Recruit, error) {
	rs, err := loadRecruits(ctx, q, `r.id = ?`, id)
	return first(rs, err, errNoRecruit(id))
}

// Recruits lists the current branch's people in the pipeline by the date of step 1, then name.
func (db *DB) Recruits(ctx context.Context) ([]data.Recruit, error) {
	return loadRecruits(ctx, db.db, `r.branch_id = (SELECT min(id) FROM branch)`)
}

// Recruit is the person with id.
func (db *DB) Recruit(ctx context.Context, id int64) (data.Recruit, error) {
	return getRecruit(ctx, db.db, id)
}

// RecruitOfMember is the person the member with memberID was recruited as.
func (db *DB) RecruitOfMember(ctx context.Context, memberID int64) (data.Recruit, error) {
	rs, err := loadRecruits(ctx, db.db, `r.member_id = ?`, memberID)
	return first(rs, err, data.Errorf(data.ENotFound, "该党员不是通过发展党员台账接收的"))
}

// SaveRecruit creates (ID 0) or updates a person after Normalize and ValidateRecruit with the store's
// day, and brings the roster into step (data.RecruitStore), all in one transaction with the log. On
// success r holds what was saved, with the people's names and the member's id.
func (db *DB) SaveRecruit(ctx context.Context, r *data.Recruit) error {
	today := db.today()
	var saved data.Recruit
	err := db.write(ctx, func(tx *sql.Tx) error {
		saved = *r
		var stored *data.Recruit
		if saved.ID != 0 {
			s, err := getRecruit(ctx, tx, saved.ID)
			if err != nil {
				return err
			}
			stored = &s
			saved.BranchID, saved.CreatedAt, saved.MemberID = s.BranchID, s.CreatedAt, s.MemberID
		}
		saved.Normalize()
		if fe := data.ValidateRecruit(&saved, today); fe != nil {
			return fe
		}
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "recruit", 0, saved.BranchID, nil); err != nil {
			return err
		}
		var picked []data.RecruitPerson
		if stored != nil {
			picked = stored.People
		}
		if err := checkRecruit(ctx, tx, &saved, picked); err != nil {
			return err
		}
		stamp := db.stamp()
		if saved.UpdatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
		// The link to the member is written by syncRoster, after the member exists.
		id, err := writeRow(ctx, tx, "recruit", saved.ID, saved.BranchID, stamp, []string{"name", "sex", "ethnicity", "id_number",
			"birth_date", "education", "team_id", "job", "mobile", "remark", "vote15", "vote23", "train_days", "train_hours",
			"group_id", "extend_months", "extend_date"},
			[]any{saved.Name, saved.Sex, saved.Ethnicity, saved.IDNumber, saved.BirthDate.String(), saved.Education,
				nullID(saved.TeamID), saved.Job, saved.Mobile, saved.Remark, voteText(saved.Vote15), voteText(saved.Vote23),
				saved.TrainDays, saved.TrainHours, nullID(saved.GroupID), saved.ExtendMonths, saved.ExtendDate.String()})
		if err != nil {
			return err
		}
		if stored != nil {
			for _, t := range []string{"recruit_step", "recruit_person", "recruit_review"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE recruit_id = ?`, saved.ID); err != nil {
					return err
				}
			}
		} else {
			saved.ID, saved.CreatedAt = id, saved.UpdatedAt
		}
		if err := insertRecruitChildren(ctx, tx, &saved); err != nil {
			return err
		}
		if err := db.syncRoster(ctx, tx, &saved, today); err != nil {
			return err
		}
		var before data.Fields
		if stored != nil {
			if before, err = recruitLog(ctx, tx, stored); err != nil {
				return err
			}
		}
		after, err := recruitLog(ctx, tx, &saved)
		if err != nil {
			return err
		}
		return db.logSave(ctx, tx, data.EntRecruit, saved.ID, data.RecruitLabel(&saved), before, after)
	})
	if err == nil {
		*r = saved
	}
	return err
}

// checkRecruit enforces what needs the data file: an ID number in neither the roster (but for the
// person's own member) nor the pipeline, a team and group of the branch, and people who are members
// of the branch (正式党员 where the role needs one), on the roll unless picked before (in before, as
// stored). It fills the people's names.
func checkRecruit(ctx context.Context, q querier, r *data.Recruit, before []data.RecruitPerson) error {
	var fe data.FieldErrors
	var other string
	err := q.QueryRowContext(ctx, `SELECT name FROM recruit WHERE branch_id = ? AND id_number = ? AND id <> ?`,
		r.BranchID, r.IDNumber, r.ID).Scan(&other)
	switch {
	case err == nil:
		fe = append(fe, data.FieldError{Field: data.FIDNumber, Message: fmt.Sprintf("该身份证号已在发展党员台账中（「%s」），不能重复录入", other)})
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	err = q.QueryRowContext(ctx, `SELECT name FROM member WHERE branch_id = ? AND id_number = ? AND id <> ?`,
		r.BranchID, r.IDNumber, r.MemberID).Scan(&other)
	switch {
	case err == nil:
		fe = append(fe, duplicateID(other))
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	for _, c := range []struct {
		table, field string
		id           int64
	}{{"team", data.FTeam, r.TeamID}, {"party_group", data.FRecruitGroup, r.GroupID}} {
		if ok, err := inBranch(ctx, q, c.table, c.id, r.BranchID); err != nil {
			return err
		} else if !ok {
			fe = append(fe, data.FieldError{Field: c.field, Message: "所选" + c.field + "不存在（可能已被删除），请重新选择"})
		}
	}
	for i := range r.People {
		p := &r.People[i]
		step, full := 0, false
		for _, role := range data.RecruitRoles {
			if role.Role == p.Role {
				step, full = role.Step, role.Full
			}
		}
		var category, roll string
		err := q.QueryRowContext(ctx, `SELECT name, category, roll_status FROM member WHERE id = ? AND branch_id = ?`,
			p.MemberID, r.BranchID).Scan(&p.Name, &category, &roll)
		bad := func(msg string) {
			fe = append(fe, data.FieldError{Field: p.Role, Row: step, List: data.RowStep, Message: msg})
		}
		switch {
		case errors.Is(err, sql.ErrNoRows):
			bad(fmt.Sprintf("所选%s不在本支部党员名单中（可能已被删除），请重新选择", p.Role))
		case err != nil:
			return err
		case p.MemberID == r.MemberID && r.MemberID != 0:
			bad(fmt.Sprintf("%s不能是本人", p.Role))
		case full && category != data.CategoryFull:
			bad(fmt.Sprintf("%s须为正式党员：「%s」是%s", p.Role, p.Name, category))
		case roll != data.RollIn && !slices.Contains(before, *p):
			bad(fmt.Sprintf("「%s」已%s，不能再选为%s", p.Name, roll, p.Role))
		}
	}
	if fe != nil {
		return fe
	}
	return nil
}

// insertRecruitChildren writes r's steps done, people and 考察 records.
func insertRecruitChildren(ctx context.Context, tx *sql.Tx, r *data.Recruit) error {
	for n := 1; n <= data.RecruitSteps; n++ {
		s := r.Step(n)
		if s.Date.IsZero() && s.Note == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO recruit_step (recruit_id, step, date, note) VALUES (?, ?, ?, ?)`,
			r.ID, n, s.Date.String(), s.Note); err != nil {
			return err
		}
	}
	seq := map[string]int{}
	for _, p := range r.People {
		seq[p.Role]++
		if _, err := tx.ExecContext(ctx, `INSERT INTO recruit_person (recruit_id, role, seq, member_id) VALUES (?, ?, ?, ?)`,
			r.ID, p.Role, seq[p.Role], p.MemberID); err != nil {
			return err
		}
	}
	for i, v := range r.Reviews {
		if _, err := tx.ExecContext(ctx, `INSERT INTO recruit_review (recruit_id, seq, step, date, note) VALUES (?, ?, ?, ?, ?)`,
			r.ID, i+1, v.Step, v.Date.String(), v.Note); err != nil {
			return err
		}
	}
	return nil
}

// syncRoster brings the roster into step with r: with step 15 dated r is a member (预备党员, joined
// that day, placed in the group of step 19 when known; 正式党员 from the end of the 预备期 once step 24
// is dated); with step 15 cleared the member made then is removed, unless it has other records.
func (db *DB) syncRoster(ctx context.Context, tx *sql.Tx, r *data.Recruit, today data.Date) error {
	admit := r.Date(data.StepAdmit)
	switch {
	case admit.IsZero() && r.MemberID == 0:
		return nil
	case admit.IsZero():
		return db.undoAdmission(ctx, tx, r)
	}
	var old data.Member
	m := data.Member{BranchID: r.BranchID, Name: r.Name, Sex: r.Sex, Ethnicity: r.Ethnicity, IDNumber: r.IDNumber,
		BirthDate: r.BirthDate, Education: r.Education, Job: r.Job, Mobile: r.Mobile, TeamID: r.TeamID, GroupID: r.GroupID}
	if r.MemberID != 0 {
		var err error
		if old, err = getMember(ctx, tx, r.MemberID); err != nil {
			return err
		}
		m = old // the roster keeps what was typed there; only the dates and the group follow the steps
		if m.GroupID == 0 {
			m.GroupID = r.GroupID
		}
	}
	m.JoinDate, m.Category, m.FullDate = admit, data.CategoryProbation, data.Date{}
	if full := r.FullDate(); !full.IsZero() {
		m.Category, m.FullDate = data.CategoryFull, full
	}
	m.Normalize()
	if fe := data.ValidateMember(&m, today); fe != nil {
		return data.FieldErrors{{Field: data.FStepDate, Row: data.StepAdmit, List: data.RowStep,
			Message: "接收为预备党员时党员信息不完整：" + fe.Error()}}
	}
	if r.MemberID == 0 {
		if err := db.insertMember(ctx, tx, &m, "发展党员第15步：接收为预备党员"); err != nil {
			return err
		}
		r.MemberID = m.ID
		_, err := tx.ExecContext(ctx, `UPDATE recruit SET member_id = ? WHERE id = ?`, m.ID, r.ID)
		return err
	}
	if m == old {
		return nil
	}
	return db.rewriteMember(ctx, tx, &old, &m)
}

// undoAdmission removes the member made at step 15 of r, whose step 15 was cleared; a member with
// other records (inspections, findings, points, roles in the pipeline, …) is refused.
func (db *DB) undoAdmission(ctx context.Context, tx *sql.Tx, r *data.Recruit) error {
	m, err := getMember(ctx, tx, r.MemberID)
	if err != nil {
		return err
	}
	refusal := func(what string) error {
		return data.FieldErrors{{Field: data.FStepDate, Row: data.StepAdmit, List: data.RowStep,
			Message: fmt.Sprintf("不能撤销第15步：「%s」已是党员名单中的党员，并已有%s；请先处理这些记录", m.Name, what)}}
	}
	fks, err := foreignKeys(ctx, tx)
	if err != nil {
		return err
	}
	for _, fk := range fks {
		if fk.Parent != "member" || fk.Table == "recruit" {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+fk.Table+` WHERE `+fk.Column+` = ?`, m.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			noun, measure := data.TableNoun(fk.Table)
			return refusal(fmt.Sprintf(" %d %s%s", n, measure, noun))
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE recruit SET member_id = NULL WHERE id = ?`, r.ID); err != nil {
		return err
	}
	fields, err := memberLog(ctx, tx, &m)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM member WHERE id = ?`, m.ID); err != nil {
		return err
	}
	r.MemberID = 0
	return db.logOp(ctx, tx, data.Op{Action: data.ActDelete, Entity: data.EntMember, EntityID: m.ID, Label: m.Name,
		Before: fields, Detail: "撤销发展党员第15步（接收预备党员）"})
}

// recruitLog is r as the log keeps it, its team and group by name.
func recruitLog(ctx context.Context, q querier, r *data.Recruit) (data.Fields, error) {
	team, err := nameOf(ctx, q, "team", r.TeamID)
	if err != nil {
		return nil, err
	}
	group, err := nameOf(ctx, q, "party_group", r.GroupID)
	if err != nil {
		return nil, err
	}
	return data.RecruitFields(r, team, group), nil
}

// DeleteRecruit moves a person typed by mistake, with the steps, to the recycle bin; one who is a
// member already is refused.
func (db *DB) DeleteRecruit(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		r, err := getRecruit(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.MemberID != 0 {
			return data.Errorf(data.EConflict, fmt.Sprintf("「%s」已接收为预备党员，在党员名单中，不能删除；如确属录入错误，请先清除第15步的日期", r.Name))
		}
		fields, err := recruitLog(ctx, tx, &r)
		if err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: data.EntRecruit, Table: "recruit", ID: id, Label: data.RecruitLabel(&r), Fields: fields})
	})
}

// recruitMemberInUse says why a member named in the recruitment pipeline cannot be deleted ("" when
// not named); memberInUse (member.go) calls it.
func recruitMemberInUse(ctx context.Context, q querier, memberID int64) (string, error) {
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM recruit WHERE member_id = ?`, memberID).Scan(&name)
	switch {
	case err == nil:
		return fmt.Sprintf("该党员由发展党员台账接收（「%s」），不能在党员名单中删除；如确属录入错误，请在发展党员中清除第15步的日期", name), nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", err
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(DISTINCT recruit_id) FROM recruit_person WHERE member_id = ?`, memberID).Scan(&n); err != nil {
		return "", err
	}
	if n > 0 {
		return fmt.Sprintf("该党员是 %d 名入党申请人的谈话人、培养联系人或入党介绍人，不能删除；如已离开本支部，请把在册状态改为转出", n), nil
	}
	return "", nil
}
