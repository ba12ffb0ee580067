package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"branchledger/data"
)

// This file keeps 信访维稳 (data.PetitionStore): the screenings with their 排查人 and the cases with
// their 包保责任人, each saved with its member rows in one transaction (saveWithRows).

func errNoPetition(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的信访事项，可能已被删除，请刷新后再试", id))
}

func errNoScreening(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的矛盾排查记录，可能已被删除，请刷新后再试", id))
}

// scanPetitionMember reads one member row (parent id, member id, name) of a screening or case.
func scanPetitionMember(rows *sql.Rows) (int64, data.PetitionMember, error) {
	var id int64
	var m data.PetitionMember
	err := rows.Scan(&id, &m.MemberID, &m.Name)
	return id, m, err
}

// membersOf is the child query of a parent's member rows in table (its parent column fk), in their
// order: the parent's id, the member's id and name, then the rows' own cols.
func membersOf(table, fk string, cols ...string) string {
	own := ""
	for _, c := range cols {
		own += `, c.` + c
	}
	return `SELECT c.` + fk + `, c.member_id, m.name` + own + ` FROM ` + table + ` c JOIN member m ON m.id = c.member_id
		WHERE c.` + fk + ` IN (SELECT value FROM json_each(?)) ORDER BY c.` + fk + `, c.sort`
}

// memberRows are the member ids and child rows (member_id) of a screening's or case's members.
func memberRows(ms []data.PetitionMember) (ids []int64, rows [][]any) {
	for _, m := range ms {
		ids, rows = append(ids, m.MemberID), append(rows, []any{m.MemberID})
	}
	return ids, rows
}

func loadPetitions(ctx context.Context, q querier, where string, args ...any) ([]data.Petition, error) {
	return loadWithChildren(ctx, q, `SELECT id, branch_id, date, petitioner, team, category, content, risk, measures, deadline, state,
		resolved_date, result, escalated, created_at, updated_at FROM petition WHERE `+where+` ORDER BY date, id`, args,
		func(rows *sql.Rows) (data.Petition, error) {
			var p data.Petition
			var date, deadline, resolved, created, updated string
			err := rows.Scan(&p.ID, &p.BranchID, &date, &p.Petitioner, &p.Team, &p.Category, &p.Content, &p.Risk, &p.Measures, &deadline,
				&p.State, &resolved, &p.Result, &p.Escalated, &created, &updated)
			return p, finishRow(err, created, updated, &p.CreatedAt, &p.UpdatedAt,
				dateCol{date, &p.Date}, dateCol{deadline, &p.Deadline}, dateCol{resolved, &p.Resolved})
		}, func(p *data.Petition) int64 { return p.ID },
		membersOf("petition_keeper", "petition_id"), scanPetitionMember,
		func(p *data.Petition, m data.PetitionMember) { p.Keepers = append(p.Keepers, m) })
}

func loadScreenings(ctx context.Context, q querier, where string, args ...any) ([]data.Screening, error) {
	return loadWithChildren(ctx, q, `SELECT id, branch_id, date, teams, factors, factor_text, created_at, updated_at
		FROM screening WHERE `+where+` ORDER BY date, id`, args,
		func(rows *sql.Rows) (data.Screening, error) {
			var s data.Screening
			var date, teams, created, updated string
			err := rows.Scan(&s.ID, &s.BranchID, &date, &teams, &s.Factors, &s.FactorText, &created, &updated)
			if err == nil && teams != "" {
				s.Teams = strings.Split(teams, "、")
			}
			return s, finishRow(err, created, updated, &s.CreatedAt, &s.UpdatedAt, dateCol{date, &s.Date})
		}, func(s *data.Screening) int64 { return s.ID },
		membersOf("screening_member", "screening_id"), scanPetitionMember,
		func(s *data.Screening, m data.PetitionMember) { s.Screeners = append(s.Screeners, m) })
}

// periodWhere is the current branch's records dated within f.
func periodWhere(f data.PetitionFilter) (string, []any) {
	w := branchFilter(``)
	w.dated(`date`, f.From, f.To)
	return w.sql(), w.args
}

func getPetition(ctx context.Context, q querier, id int64) (data.Petition, error) {
	ps, err := loadPetitions(ctx, q, `id = ?`, id)
	return first(ps, err, errNoPetition(id))
}

// petitionKind is how the store reads back, names, logs and deletes these records.
var petitionKind = recordKind[data.Petition]{entity: data.EntPetition, table: "petition", get: getPetition, label: data.PetitionLabel, fields: data.PetitionFields}

func getScreening(ctx context.Context, q querier, id int64) (data.Screening, error) {
	ss, err := loadScreenings(ctx, q, `id = ?`, id)
	return first(ss, err, errNoScreening(id))
}

// screeningKind is how the store reads back, names, logs and deletes these records.
var screeningKind = recordKind[data.Screening]{entity: data.EntScreening, table: "screening", get: getScreening, label: data.ScreeningLabel, fields: data.ScreeningFields}

// Petitions lists the current branch's cases registered within f, by 登记日期 then id.
func (db *DB) Petitions(ctx context.Context, f data.PetitionFilter) ([]data.Petition, error) {
	where, args := periodWhere(f)
	return loadPetitions(ctx, db.db, where, args...)
}

// Petition returns the case with id and its 包保责任人.
func (db *DB) Petition(ctx context.Context, id int64) (data.Petition, error) {
	return getPetition(ctx, db.db, id)
}

// SavePetition creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// case with its 包保责任人 after Normalize and ValidatePetition with the store's day. On success p
// holds what was saved. Its 党员积分 follow on the next RegeneratePointEntries.
func (db *DB) SavePetition(ctx context.Context, p *data.Petition) error {
	p.Normalize()
	if fe := data.ValidatePetition(p, db.today()); fe != nil {
		return fe
	}
	rs := rowsSave[data.Petition]{childTable: "petition_keeper", childFK: "petition_id", id: p.ID, branch: p.BranchID,
		notFound: errNoPetition(p.ID), memberField: data.FKeepers,
		cols: []string{"date", "petitioner", "team", "category", "content", "risk", "measures", "deadline", "state", "resolved_date", "result", "escalated"},
		vals: []any{p.Date.String(), p.Petitioner, p.Team, p.Category, p.Content, p.Risk, p.Measures, p.Deadline.String(), p.State,
			p.Resolved.String(), p.Result, bit(p.Escalated)},
		childCols: "member_id", kind: &petitionKind}
	rs.memberIDs, rs.rows = memberRows(p.Keepers)
	return saveWithRows(ctx, db, &rs, p)
}

// DeletePetition moves a case with its 包保责任人 (and the points it earned) to the recycle bin.
func (db *DB) DeletePetition(ctx context.Context, id int64) error {
	return petitionKind.delete(ctx, db, id)
}

// Screenings lists the current branch's screenings within f, by date then id.
func (db *DB) Screenings(ctx context.Context, f data.PetitionFilter) ([]data.Screening, error) {
	where, args := periodWhere(f)
	return loadScreenings(ctx, db.db, where, args...)
}

// Screening returns the screening with id and its 排查人.
func (db *DB) Screening(ctx context.Context, id int64) (data.Screening, error) {
	return getScreening(ctx, db.db, id)
}

// SaveScreening creates (ID 0) or updates a screening with its 排查人 after Normalize and
// ValidateScreening with the store's day. On success s holds what was saved.
func (db *DB) SaveScreening(ctx context.Context, s *data.Screening) error {
	s.Normalize()
	if fe := data.ValidateScreening(s, db.today()); fe != nil {
		return fe
	}
	rs := rowsSave[data.Screening]{childTable: "screening_member", childFK: "screening_id", id: s.ID, branch: s.BranchID,
		notFound: errNoScreening(s.ID), memberField: data.FScreeners,
		cols: []string{"date", "teams", "factors", "factor_text"}, vals: []any{s.Date.String(), strings.Join(s.Teams, "、"), s.Factors, s.FactorText},
		childCols: "member_id", kind: &screeningKind}
	rs.memberIDs, rs.rows = memberRows(s.Screeners)
	return saveWithRows(ctx, db, &rs, s)
}

// DeleteScreening moves a screening with its 排查人 to the recycle bin.
func (db *DB) DeleteScreening(ctx context.Context, id int64) error {
	return screeningKind.delete(ctx, db, id)
}

var _ data.PetitionStore = (*DB)(nil)

// appendPetitionPoints adds to want the point entries the cases of every branch call for
// (data.PointEntriesForPetition); RegeneratePointEntries keeps those dated in its year.
func appendPetitionPoints(ctx context.Context, tx *sql.Tx, want []data.PointEntry) ([]data.PointEntry, error) {
	ps, err := loadPetitions(ctx, tx, `resolved_date <> ''`)
	if err != nil {
		return nil, err
	}
	for i := range ps {
		want = append(want, data.PointEntriesForPetition(&ps[i])...)
	}
	return want, nil
}

// petitionEvidence fills ev.Petitions for A1's 信访维稳排查靠前 in period p (a month): the screenings
// held in it, the cases registered, closed (on time) and with 越级上访 in it, and those open past
// their 办理期限 on ev.AsOf; the screenings, the overdue cases and the 越级上访 go into
// refs[data.AutoPetition].
func petitionEvidence(ctx context.Context, q querier, branch int64, p data.Period, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	from, to, asOf := p.From.String(), p.To.String(), ev.AsOf.String()
	ss, err := loadScreenings(ctx, q, `branch_id = ? AND date >= ? AND date <= ?`, branch, from, to)
	if err != nil {
		return err
	}
	e := &ev.Petitions
	e.Screenings = len(ss)
	for i := range ss {
		e.Factors += ss[i].Factors
		refs[data.AutoPetition] = append(refs[data.AutoPetition], data.EvidenceRef{Kind: data.EntScreening, ID: ss[i].ID, Label: data.ScreeningLabel(&ss[i])})
	}
	ps, err := loadPetitions(ctx, q, `branch_id = ? AND date <= ? AND (date >= ? OR resolved_date >= ? OR deadline < ? AND (resolved_date = '' OR resolved_date > ?))`,
		branch, to, from, from, asOf, asOf)
	if err != nil {
		return err
	}
	for i := range ps {
		c := &ps[i]
		overdue := c.OverdueDays(ev.AsOf) > 0
		if p.Contains(c.Date) {
			e.Registered++
			if c.Escalated {
				e.Escalated++
			}
		}
		if data.PetitionClosed(c.State) && p.Contains(c.Resolved) {
			e.Closed++
			if c.ClosedOnTime() {
				e.ClosedOnTime++
			}
		}
		if overdue {
			e.Overdue++
		}
		if overdue || c.Escalated && p.Contains(c.Date) {
			refs[data.AutoPetition] = append(refs[data.AutoPetition], data.EvidenceRef{Kind: data.EntPetition, ID: c.ID, Label: data.PetitionLabel(c)})
		}
	}
	return nil
}
