package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"branchledger/data"
)

// This file keeps 民主评议党员 (data.AppraisalStore), 谈心谈话 with its rules (data.TalkStore) and the
// committee's terms (data.TermStore).

func errNoAppraisal(what string) error {
	return data.Errorf(data.ENotFound, "未找到"+what+"的民主评议党员记录，可能已被删除，请刷新后再试")
}

func errNoTalk(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的谈心谈话记录，可能已被删除，请刷新后再试", id))
}

func errNoTerm(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的支委会届次，可能已被删除，请刷新后再试", id))
}

// membersInBranch is a FieldErrors at each row (list RowMember, field) whose member is not of the
// branch, or nil.
func membersInBranch(ctx context.Context, q querier, branch int64, field string, memberIDs []int64) error {
	var fe data.FieldErrors
	for i, id := range memberIDs {
		if ok, err := inBranch(ctx, q, "member", id, branch); err != nil {
			return err
		} else if !ok {
			fe = append(fe, data.FieldError{Field: field, Row: i + 1, List: data.RowMember, Message: "所选党员不在本支部党员名单中（可能已被删除），请重新选择"})
		}
	}
	if fe != nil {
		return fe
	}
	return nil
}

func getAppraisal(ctx context.Context, q querier, id int64) (data.Appraisal, error) {
	as, err := loadAppraisals(ctx, q, `id = ?`, id)
	return first(as, err, errNoAppraisal("这次"))
}

// appraisalKind is how the store reads back, names, logs and deletes these records.
var appraisalKind = recordKind[data.Appraisal]{entity: data.EntAppraisal, table: "appraisal", get: getAppraisal, label: data.AppraisalLabel, fields: data.AppraisalFields}

func getTerm(ctx context.Context, q querier, id int64) (data.CommitteeTerm, error) {
	ts, err := loadTerms(ctx, q, `id = ?`, id)
	return first(ts, err, errNoTerm(id))
}

// termKind is how the store reads back, names, logs and deletes these records.
var termKind = recordKind[data.CommitteeTerm]{entity: data.EntTerm, table: "committee_term", get: getTerm, label: data.TermLabel, fields: data.TermFields}

func loadAppraisals(ctx context.Context, q querier, where string, args ...any) ([]data.Appraisal, error) {
	return loadWithChildren(ctx, q, `SELECT id, branch_id, year, date, created_at, updated_at FROM appraisal WHERE `+where+` ORDER BY year DESC, id DESC`, args,
		func(rows *sql.Rows) (data.Appraisal, error) {
			var a data.Appraisal
			var date, created, updated string
			err := rows.Scan(&a.ID, &a.BranchID, &a.Year, &date, &created, &updated)
			return a, finishRow(err, created, updated, &a.CreatedAt, &a.UpdatedAt, dateCol{date, &a.Date})
		}, func(a *data.Appraisal) int64 { return a.ID },
		`SELECT r.appraisal_id, r.member_id, m.name, coalesce(g.name, ''), r.self_review, r.excellent, r.qualified, r.basic, r.failed,
			r.grade, r.follow_up FROM appraisal_member r JOIN member m ON m.id = r.member_id LEFT JOIN party_group g ON g.id = m.group_id
			WHERE r.appraisal_id IN (SELECT value FROM json_each(?)) ORDER BY r.appraisal_id, r.sort`,
		func(rows *sql.Rows) (int64, data.AppraisalRow, error) {
			var id int64
			var r data.AppraisalRow
			v := &r.Votes
			err := rows.Scan(&id, &r.MemberID, &r.Name, &r.Group, &r.SelfReview, &v[0], &v[1], &v[2], &v[3], &r.Grade, &r.FollowUp)
			return id, r, err
		}, func(a *data.Appraisal, r data.AppraisalRow) { a.Rows = append(a.Rows, r) })
}

// Appraisals lists the current branch's appraisals, newest year first, with their rows in the
// order saved.
func (db *DB) Appraisals(ctx context.Context) ([]data.Appraisal, error) {
	return loadAppraisals(ctx, db.db, `branch_id = (SELECT min(id) FROM branch)`)
}

// AppraisalOf is the current branch's appraisal of year (ENotFound when there is none).
func (db *DB) AppraisalOf(ctx context.Context, year int) (data.Appraisal, error) {
	as, err := loadAppraisals(ctx, db.db, `branch_id = (SELECT min(id) FROM branch) AND year = ?`, year)
	return first(as, err, errNoAppraisal(fmt.Sprintf("%d年度", year)))
}

// SaveAppraisal creates (ID 0) or updates an appraisal with its rows after Normalize and
// ValidateAppraisal with the store's day; a year is appraised once. On success a holds what was
// saved, with the names.
func (db *DB) SaveAppraisal(ctx context.Context, a *data.Appraisal) error {
	a.Normalize()
	if fe := data.ValidateAppraisal(a, db.today()); fe != nil {
		return fe
	}
	rs := rowsSave[data.Appraisal]{childTable: "appraisal_member", childFK: "appraisal_id", id: a.ID, branch: a.BranchID,
		notFound: errNoAppraisal("这次"), unique: "year", uniqueVal: a.Year, uniqueField: data.FAppraisalYear,
		taken:       fmt.Sprintf("%d年度已有民主评议党员记录，请打开那一次修改", a.Year),
		memberField: data.FAppraisalMember, cols: []string{"year", "date"}, vals: []any{a.Year, a.Date.String()},
		childCols: "member_id, self_review, excellent, qualified, basic, failed, grade, follow_up", kind: &appraisalKind}
	for _, r := range a.Rows {
		v := r.Votes
		rs.memberIDs = append(rs.memberIDs, r.MemberID)
		rs.rows = append(rs.rows, []any{r.MemberID, r.SelfReview, v[0], v[1], v[2], v[3], r.Grade, r.FollowUp})
	}
	return saveWithRows(ctx, db, &rs, a)
}

// rowsSave is the save of a record whose member rows are replaced on each save (an appraisal, a
// committee term).
type rowsSave[T any] struct {
	childTable, childFK string
	id, branch          int64
	notFound            error
	// unique is the column whose value (uniqueVal) the branch uses once ("" = none); taken is the
	// refusal at uniqueField.
	unique, uniqueField, taken string
	uniqueVal                  any
	memberField                string  // the rows' member field, for a member not of the branch
	memberIDs                  []int64 // the rows' members
	cols                       []string
	vals                       []any
	childCols                  string  // the rows' columns after the parent's id and sort
	rows                       [][]any // their values
	kind                       *recordKind[T]
}

// saveWithRows checks and writes rs in one transaction, logs it, and sets *out to what was saved.
func saveWithRows[T any](ctx context.Context, db *DB, rs *rowsSave[T], out *T) error {
	var saved T
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, rs.kind.table, rs.id, rs.branch, rs.notFound)
		if err != nil {
			return err
		}
		var n int
		if rs.unique != "" {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+rs.kind.table+` WHERE branch_id = ? AND `+rs.unique+` = ? AND id <> ?`,
				branch, rs.uniqueVal, rs.id).Scan(&n); err != nil {
				return err
			}
		}
		if n > 0 {
			return data.FieldErrors{{Field: rs.uniqueField, Message: rs.taken}}
		}
		if err := membersInBranch(ctx, tx, branch, rs.memberField, rs.memberIDs); err != nil {
			return err
		}
		id, before, err := rs.kind.upsert(ctx, db, tx, rs.id, branch, rs.cols, rs.vals)
		if err != nil {
			return err
		}
		if rs.id != 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+rs.childTable+` WHERE `+rs.childFK+` = ?`, id); err != nil {
				return err
			}
		}
		for i, r := range rs.rows {
			if _, err := tx.ExecContext(ctx, `INSERT INTO `+rs.childTable+` (`+rs.childFK+`, sort, `+rs.childCols+`)
				VALUES (?, ?`+strings.Repeat(", ?", len(r))+`)`, append([]any{id, i + 1}, r...)...); err != nil {
				return err
			}
		}
		saved, err = rs.kind.logSaved(ctx, db, tx, id, before)
		return err
	})
	if err == nil {
		*out = saved
	}
	return err
}

// DeleteAppraisal moves an appraisal with its rows to the recycle bin.
func (db *DB) DeleteAppraisal(ctx context.Context, id int64) error {
	return appraisalKind.delete(ctx, db, id)
}

const selectTalk = `SELECT t.id, t.branch_id, t.date, t.talker_id, coalesce(a.name, ''), coalesce(t.subject_id, 0),
	coalesce(s.name, t.subject), t.subject_team, t.kind, t.place, t.content, t.issues, t.recorder, t.created_at, t.updated_at
	FROM talk t LEFT JOIN member a ON a.id = t.talker_id LEFT JOIN member s ON s.id = t.subject_id`

func scanTalk(row interface{ Scan(...any) error }) (data.Talk, error) {
	var t data.Talk
	var date, created, updated string
	err := row.Scan(&t.ID, &t.BranchID, &date, &t.TalkerID, &t.Talker, &t.SubjectID, &t.Subject, &t.SubjectTeam, &t.Kind, &t.Place,
		&t.Content, &t.Issues, &t.Recorder, &created, &updated)
	return t, finishRow(err, created, updated, &t.CreatedAt, &t.UpdatedAt, dateCol{date, &t.Date})
}

func getTalk(ctx context.Context, q querier, id int64) (data.Talk, error) {
	return oneRow(scanTalk(q.QueryRowContext(ctx, selectTalk+` WHERE t.id = ?`, id)))(errNoTalk(id))
}

// talkKind is how the store reads back, names, logs and deletes these records.
var talkKind = recordKind[data.Talk]{entity: data.EntTalk, table: "talk", get: getTalk, label: data.TalkLabel, fields: data.TalkFields}

// Talks lists the current branch's talks matching f by date then id, with the members' names.
func (db *DB) Talks(ctx context.Context, f data.TalkFilter) ([]data.Talk, error) {
	w := branchFilter(`t.`)
	w.dated(`t.date`, f.From, f.To)
	if f.MemberID != 0 {
		w.add(`(t.talker_id = ? OR t.subject_id = ?)`, f.MemberID, f.MemberID)
	}
	return scanAll(ctx, db.db, selectTalk+` WHERE `+w.sql()+` ORDER BY t.date, t.id`, w.args,
		func(rows *sql.Rows) (data.Talk, error) { return scanTalk(rows) })
}

// Talk returns the talk with id and the members' names.
func (db *DB) Talk(ctx context.Context, id int64) (data.Talk, error) { return getTalk(ctx, db.db, id) }

// SaveTalk creates (ID 0, in the current branch unless BranchID says otherwise) or updates a talk
// after Normalize and ValidateTalk with the store's day. On success t holds what was saved.
func (db *DB) SaveTalk(ctx context.Context, t *data.Talk) error {
	today := db.today()
	t.Normalize()
	if fe := data.ValidateTalk(t, today); fe != nil {
		return fe
	}
	var saved data.Talk
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, "talk", t.ID, t.BranchID, errNoTalk(t.ID))
		if err != nil {
			return err
		}
		for _, ref := range []struct {
			id    int64
			field string
		}{{t.TalkerID, data.FTalker}, {t.SubjectID, data.FTalkSubject}} {
			if ok, err := inBranch(ctx, tx, "member", ref.id, branch); err != nil {
				return err
			} else if !ok {
				return data.FieldErrors{{Field: ref.field, Message: "所选党员不在本支部党员名单中（可能已被删除），请重新选择"}}
			}
		}
		subject := t.Subject
		if t.SubjectID != 0 {
			subject = "" // the member's name is read from the roster
		}
		saved, err = talkKind.save(ctx, db, tx, t.ID, branch,
			[]string{"date", "talker_id", "subject_id", "subject", "subject_team", "kind", "place", "content", "issues", "recorder"},
			[]any{t.Date.String(), t.TalkerID, nullID(t.SubjectID), subject, t.SubjectTeam, t.Kind, t.Place, t.Content, t.Issues, t.Recorder})
		return err
	})
	if err == nil {
		*t = saved
	}
	return err
}

// DeleteTalk moves a talk to the recycle bin.
func (db *DB) DeleteTalk(ctx context.Context, id int64) error {
	return talkKind.delete(ctx, db, id)
}

func talkRules(ctx context.Context, q querier) ([]data.TalkRule, error) {
	stored, err := scanAll(ctx, q, `SELECT rule, per, at_least FROM talk_rule WHERE branch_id = (SELECT min(id) FROM branch)`, nil,
		func(rows *sql.Rows) (data.TalkRule, error) {
			var r data.TalkRule
			err := rows.Scan(&r.Rule, &r.Per, &r.AtLeast)
			return r, err
		})
	if err != nil {
		return nil, err
	}
	rules := slices.Clone(data.DefaultTalkRules)
	for i, d := range rules {
		if j := slices.IndexFunc(stored, func(r data.TalkRule) bool { return r.Rule == d.Rule }); j >= 0 {
			rules[i] = stored[j]
		}
	}
	return rules, nil
}

// TalkRules are the current branch's talk rules: data.DefaultTalkRules where it set none.
func (db *DB) TalkRules(ctx context.Context) ([]data.TalkRule, error) { return talkRules(ctx, db.db) }

// SetTalkRules replaces the current branch's talk rules after data.ValidateTalkRules.
func (db *DB) SetTalkRules(ctx context.Context, rules []data.TalkRule) error {
	if fe := data.ValidateTalkRules(rules); fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		branch, err := requireBranch(ctx, tx)
		if err != nil {
			return err
		}
		old, err := talkRules(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM talk_rule WHERE branch_id = ?`, branch); err != nil {
			return err
		}
		for _, r := range rules {
			if _, err := tx.ExecContext(ctx, `INSERT INTO talk_rule (branch_id, rule, per, at_least) VALUES (?, ?, ?, ?)`, branch, r.Rule, r.Per, r.AtLeast); err != nil {
				return err
			}
		}
		now, err := talkRules(ctx, tx)
		if err != nil {
			return err
		}
		return db.logChange(ctx, tx, data.EntTalkRule, 0, data.EntTalkRule, data.TalkRulesFields(old), data.TalkRulesFields(now))
	})
}

func loadTerms(ctx context.Context, q querier, where string, args ...any) ([]data.CommitteeTerm, error) {
	return loadWithChildren(ctx, q, `SELECT id, branch_id, number, elected_date, years, remark, created_at, updated_at FROM committee_term
		WHERE `+where+` ORDER BY elected_date DESC, number DESC`, args,
		func(rows *sql.Rows) (data.CommitteeTerm, error) {
			var t data.CommitteeTerm
			var elected, created, updated string
			err := rows.Scan(&t.ID, &t.BranchID, &t.Number, &elected, &t.Years, &t.Remark, &created, &updated)
			return t, finishRow(err, created, updated, &t.CreatedAt, &t.UpdatedAt, dateCol{elected, &t.ElectedDate})
		}, func(t *data.CommitteeTerm) int64 { return t.ID },
		membersOf("term_member", "term_id", "post"),
		func(rows *sql.Rows) (int64, data.TermMember, error) {
			var id int64
			var m data.TermMember
			err := rows.Scan(&id, &m.MemberID, &m.Name, &m.Post)
			return id, m, err
		}, func(t *data.CommitteeTerm, m data.TermMember) { t.Members = append(t.Members, m) })
}

// Terms lists the current branch's committee terms, latest election first, with their members.
func (db *DB) Terms(ctx context.Context) ([]data.CommitteeTerm, error) {
	return loadTerms(ctx, db.db, `branch_id = (SELECT min(id) FROM branch)`)
}

// SaveTerm creates (ID 0) or updates a term with its members after Normalize and
// ValidateCommitteeTerm with the store's day; a 届次 is used once. On success t holds what was saved.
func (db *DB) SaveTerm(ctx context.Context, t *data.CommitteeTerm) error {
	t.Normalize()
	if fe := data.ValidateCommitteeTerm(t, db.today()); fe != nil {
		return fe
	}
	rs := rowsSave[data.CommitteeTerm]{childTable: "term_member", childFK: "term_id", id: t.ID, branch: t.BranchID,
		notFound: errNoTerm(t.ID), unique: "number", uniqueVal: t.Number, uniqueField: data.FTermNumber,
		taken:       fmt.Sprintf("已有第%d届的记录，请打开那一届修改", t.Number),
		memberField: data.FTermMember, cols: []string{"number", "elected_date", "years", "remark"},
		vals:      []any{t.Number, t.ElectedDate.String(), t.Years, t.Remark},
		childCols: "member_id, post", kind: &termKind}
	for _, m := range t.Members {
		rs.memberIDs = append(rs.memberIDs, m.MemberID)
		rs.rows = append(rs.rows, []any{m.MemberID, m.Post})
	}
	return saveWithRows(ctx, db, &rs, t)
}

// DeleteTerm moves a term with its members to the recycle bin.
func (db *DB) DeleteTerm(ctx context.Context, id int64) error {
	return termKind.delete(ctx, db, id)
}

var (
	_ data.AppraisalStore = (*DB)(nil)
	_ data.TalkStore      = (*DB)(nil)
	_ data.TermStore      = (*DB)(nil)
)

// disciplineEvidence fills ev.Discipline for A1's 作风纪律建设靠前 in period p (a month): the
// key-post members' talks in the quarter holding ev.AsOf up to it (the branch's key-post rule
// period, data.TalksOwed), and the findings of category 作风纪律 found, closed and overdue; the
// talks and findings go into refs[data.AutoDiscipline].
func disciplineEvidence(ctx context.Context, q querier, branch int64, p data.Period, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	asOf := ev.AsOf
	rules, err := talkRules(ctx, q)
	if err != nil {
		return err
	}
	rule := data.TalkRule{Rule: data.TalkRuleKeyPost, Per: data.TalkPerQuarter, AtLeast: 1}
	for _, r := range rules {
		if r.Rule == data.TalkRuleKeyPost && r.AtLeast > 0 {
			rule = r
		}
	}
	span := data.TalkPeriodOf(rule.Per, asOf)
	d := &ev.Discipline
	d.Quarter, d.QuarterEnded = span.Label, asOf == span.To
	members, err := scanAll(ctx, q, `SELECT id, name, key_post, join_date, roll_status, roll_date, party_role FROM member WHERE branch_id = ? AND key_post <> ''`,
		[]any{branch}, func(rows *sql.Rows) (data.Member, error) {
			var m data.Member
			var join, left string
			err := rows.Scan(&m.ID, &m.Name, &m.KeyPost, &join, &m.RollStatus, &left, &m.PartyRole)
			if err == nil {
				if m.JoinDate, err = parseDate(join); err == nil {
					m.RollDate, err = parseDate(left)
				}
			}
			return m, err
		})
	if err != nil {
		return err
	}
	talks, err := scanAll(ctx, q, selectTalk+` WHERE t.branch_id = ? AND t.date >= ? AND t.date <= ? AND s.key_post <> '' ORDER BY t.date, t.id`,
		[]any{branch, span.From.String(), asOf.String()}, func(rows *sql.Rows) (data.Talk, error) { return scanTalk(rows) })
	if err != nil {
		return err
	}
	for i := range members {
		if data.OnRoll(&members[i], asOf) {
			d.KeyPosts++
		}
	}
	d.KeyPostOwed = len(data.TalksOwed([]data.TalkRule{rule}, members, talks, data.Period{From: span.From, To: asOf}, asOf))
	for i := range talks {
		refs[data.AutoDiscipline] = append(refs[data.AutoDiscipline], data.EvidenceRef{Kind: data.EntTalk, ID: talks[i].ID, Label: data.TalkLabel(&talks[i])})
	}
	from, to, at := p.From.String(), p.To.String(), asOf.String()
	fs, err := queryFindings(ctx, q, `WHERE branch_id = ? AND category = ? AND (found_date >= ? AND found_date <= ?
		OR closed_date >= ? AND closed_date <= ? OR found_date <= ? AND deadline < ? AND (closed_date = '' OR closed_date > ?)) ORDER BY found_date, id`,
		branch, data.FindingCategoryDiscipline, from, to, from, to, at, at, at)
	if err != nil {
		return err
	}
	for i := range fs {
		f := &fs[i]
		if p.Contains(f.FoundDate) {
			d.Found++
		}
		if !f.ClosedDate.IsZero() && p.Contains(f.ClosedDate) {
			d.Closed++
		}
		if f.Deadline.Before(asOf) && (f.ClosedDate.IsZero() || f.ClosedDate.After(asOf)) {
			d.Overdue++
		}
		refs[data.AutoDiscipline] = append(refs[data.AutoDiscipline], data.EvidenceRef{Kind: data.EntFinding, ID: f.ID, Label: data.FindingLabel(f)})
	}
	return nil
}
