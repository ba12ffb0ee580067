package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"branchledger/data"
)

// This file keeps the organisational life records (data.ActivityStore): activities with their
// attendance exceptions and make-ups, the 班前教育60秒 and the rhythm rules.

func errNoActivity(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的组织生活记录，可能已被删除，请刷新后再试", id))
}

const selectActivity = `SELECT a.id, a.branch_id, a.kinds, a.date, a.start_time, a.end_time, a.place, a.topic,
	coalesce(a.host_id, 0), coalesce(h.name, ''), coalesce(a.recorder_id, 0), coalesce(r.name, ''),
	coalesce(a.lecturer_id, 0), coalesce(l.name, a.lecturer), a.scope, coalesce(a.scope_group, a.scope_team, 0),
	coalesce(g.name, t.name, ''), a.expected, a.guests, a.summary, a.resolutions, a.remark, a.created_at, a.updated_at
	FROM activity a LEFT JOIN member h ON h.id = a.host_id LEFT JOIN member r ON r.id = a.recorder_id
	LEFT JOIN member l ON l.id = a.lecturer_id LEFT JOIN party_group g ON g.id = a.scope_group
	LEFT JOIN team t ON t.id = a.scope_team`

func scanActivity(row *sql.Rows) (data.Activity, error) {
	var a data.Activity
	var kinds, date, created, updated string
	var expected sql.NullInt64
	err := row.Scan(&a.ID, &a.BranchID, &kinds, &date, &a.Start, &a.End, &a.Place, &a.Topic, &a.HostID, &a.Host,
		&a.RecorderID, &a.Recorder, &a.LecturerID, &a.Lecturer, &a.Scope, &a.ScopeID, &a.ScopeName, &expected,
		&a.Guests, &a.Summary, &a.Resolutions, &a.Remark, &created, &updated)
	if err != nil {
		return a, err
	}
	a.Kinds = strings.Split(kinds, "、")
	a.ExpectedSet, a.ExpectedTyped = expected.Valid, int(expected.Int64)
	if a.Date, err = parseDate(date); err != nil {
		return a, err
	}
	if a.CreatedAt, err = parseStamp(created); err != nil {
		return a, err
	}
	a.UpdatedAt, err = parseStamp(updated)
	return a, err
}

// scopeRoster is the current branch's roster with what ScopeMembers reads, leavers included.
func scopeRoster(ctx context.Context, q querier) ([]data.Member, error) {
	return scanAll(ctx, q, `SELECT id, name, coalesce(group_id, 0), coalesce(team_id, 0), party_role, join_date, roll_status,
		roll_date, party_status FROM member WHERE branch_id = (SELECT min(id) FROM branch) ORDER BY id`, nil,
		func(rows *sql.Rows) (data.Member, error) {
			var m data.Member
			var join, roll string
			err := rows.Scan(&m.ID, &m.Name, &m.GroupID, &m.TeamID, &m.PartyRole, &join, &m.RollStatus, &roll, &m.PartyStatus)
			if err == nil {
				if m.JoinDate, err = parseDate(join); err == nil {
					m.RollDate, err = parseDate(roll)
				}
			}
			return m, err
		})
}

// loadActivities lists the activities matching where/args with their children and InScope.
func loadActivities(ctx context.Context, q querier, where []string, args []any) ([]data.Activity, error) {
	where = append([]string{`a.branch_id = (SELECT min(id) FROM branch)`}, where...)
	acts, err := scanAll(ctx, q, selectActivity+` WHERE `+strings.Join(where, ` AND `)+` ORDER BY a.date, a.id`, args, scanActivity)
	if err != nil {
		return nil, err
	}
	err = attachChildren(ctx, q, acts, func(a *data.Activity) int64 { return a.ID },
		membersOf("activity_absence", "activity_id", "state", "reason"),
		func(rows *sql.Rows) (int64, data.Absence, error) {
			var id int64
			var x data.Absence
			err := rows.Scan(&id, &x.MemberID, &x.Name, &x.State, &x.Reason)
			return id, x, err
		}, func(a *data.Activity, x data.Absence) { a.Absences = append(a.Absences, x) })
	if err != nil {
		return nil, err
	}
	err = attachChildren(ctx, q, acts, func(a *data.Activity) int64 { return a.ID },
		`SELECT x.activity_id, x.member_id, m.name, x.date, x.way, coalesce(x.confirmer_id, 0), coalesce(c.name, '')
		FROM activity_makeup x JOIN member m ON m.id = x.member_id LEFT JOIN member c ON c.id = x.confirmer_id
		WHERE x.activity_id IN (SELECT value FROM json_each(?)) ORDER BY x.activity_id, x.date, m.name`,
		func(rows *sql.Rows) (int64, data.MakeUp, error) {
			var id int64
			var m data.MakeUp
			var date string
			err := rows.Scan(&id, &m.MemberID, &m.Name, &date, &m.Way, &m.ConfirmerID, &m.Confirmer)
			if err == nil {
				m.Date, err = parseDate(date)
			}
			return id, m, err
		}, func(a *data.Activity, m data.MakeUp) { a.MakeUps = append(a.MakeUps, m) })
	if err != nil || len(acts) == 0 {
		return acts, err
	}
	roster, err := scopeRoster(ctx, q)
	if err != nil {
		return nil, err
	}
	for i := range acts {
		acts[i].InScope = data.ScopeMembers(roster, &acts[i])
	}
	return acts, nil
}

// Activities lists the current branch's activities matching f by date, then id.
func (db *DB) Activities(ctx context.Context, f data.ActivityFilter) ([]data.Activity, error) {
	var w listFilter // loadActivities adds the branch
	w.dated(`a.date`, f.From, f.To)
	if f.Kind != "" {
		w.add(`'、' || a.kinds || '、' LIKE ?`, "%、"+f.Kind+"、%")
	}
	return loadActivities(ctx, db.db, w.where, w.args)
}

func getActivity(ctx context.Context, q querier, id int64) (data.Activity, error) {
	acts, err := loadActivities(ctx, q, []string{`a.id = ?`}, []any{id})
	return first(acts, err, errNoActivity(id))
}

// activityKind is how the store reads back, names, logs and deletes these records.
var activityKind = recordKind[data.Activity]{entity: data.EntActivity, table: "activity", get: getActivity, label: data.ActivityLabel, fields: data.ActivityFields}

// Activity returns the activity with id.
func (db *DB) Activity(ctx context.Context, id int64) (data.Activity, error) {
	return getActivity(ctx, db.db, id)
}

// SaveActivity creates (ID 0) or updates an activity after Normalize, ValidateActivity with the
// store's day and CheckActivityScope against the roster on its date; its exceptions and make-ups
// are replaced by a's. The members named must be of the branch (FieldErrors otherwise).
func (db *DB) SaveActivity(ctx context.Context, a *data.Activity) error {
	today := db.today()
	var saved data.Activity
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		saved, err = db.saveActivity(ctx, tx, a, today)
		return err
	})
	if err == nil {
		*a = saved
	}
	return err
}

// ImportActivities saves the activities of an import (new ones, already checked) in one
// transaction: all or none, each checked again as SaveActivity checks it. It returns how many.
func (db *DB) ImportActivities(ctx context.Context, acts []data.Activity) (int, error) {
	today := db.today()
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := refuseConsolidated(ctx, tx); err != nil {
			return err
		}
		for i := range acts {
			a := acts[i]
			a.ID = 0
			if _, err := db.saveActivity(ctx, tx, &a, today); err != nil {
				return fmt.Errorf("%s：%w", data.ActivityLabel(&a), err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(acts), nil
}

// saveActivity is SaveActivity inside tx; it returns what was saved.
func (db *DB) saveActivity(ctx context.Context, tx *sql.Tx, a *data.Activity, today data.Date) (data.Activity, error) {
	saved := *a
	err := func() error {
		saved.Absences = append([]data.Absence(nil), a.Absences...)
		saved.MakeUps = append([]data.MakeUp(nil), a.MakeUps...)
		var before data.Fields
		if saved.ID != 0 {
			s, err := getActivity(ctx, tx, saved.ID)
			if err != nil {
				return err
			}
			saved.BranchID, saved.CreatedAt = s.BranchID, s.CreatedAt
			before = data.ActivityFields(&s)
		}
		saved.Normalize()
		if fe := data.ValidateActivity(&saved, today); fe != nil {
			return fe
		}
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "activity", 0, saved.BranchID, nil); err != nil {
			return err
		}
		if err := fillActivityNames(ctx, tx, &saved); err != nil {
			return err
		}
		roster, err := scopeRoster(ctx, tx)
		if err != nil {
			return err
		}
		saved.InScope = data.ScopeMembers(roster, &saved)
		names := make(map[int64]string, len(roster))
		for _, m := range roster {
			names[m.ID] = m.Name
		}
		if fe := data.CheckActivityScope(&saved, names); fe != nil {
			return fe
		}
		stamp := db.stamp()
		if saved.UpdatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
		var group, team, expected any
		switch saved.Scope {
		case data.ScopeGroup:
			group = saved.ScopeID
		case data.ScopeTeam:
			team = saved.ScopeID
		}
		if saved.ExpectedSet {
			expected = saved.ExpectedTyped
		}
		lecturer := saved.Lecturer
		if saved.LecturerID != 0 {
			lecturer = ""
		}
		id, err := writeRow(ctx, tx, "activity", saved.ID, saved.BranchID, stamp, []string{"kinds", "date", "start_time", "end_time",
			"place", "topic", "host_id", "recorder_id", "lecturer_id", "lecturer", "scope", "scope_group", "scope_team", "expected",
			"guests", "summary", "resolutions", "remark"},
			[]any{saved.KindsText(), saved.Date.String(), saved.Start, saved.End, saved.Place, saved.Topic, nullID(saved.HostID),
				nullID(saved.RecorderID), nullID(saved.LecturerID), lecturer, saved.Scope, group, team, expected, saved.Guests,
				saved.Summary, saved.Resolutions, saved.Remark})
		if err != nil {
			return err
		}
		if before != nil {
			for _, t := range []string{"activity_absence", "activity_makeup"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE activity_id = ?`, saved.ID); err != nil {
					return err
				}
			}
		} else {
			saved.ID, saved.CreatedAt = id, saved.UpdatedAt
		}
		for i, x := range saved.Absences {
			if _, err := tx.ExecContext(ctx, `INSERT INTO activity_absence (activity_id, sort, member_id, state, reason) VALUES (?, ?, ?, ?, ?)`,
				saved.ID, i+1, x.MemberID, x.State, x.Reason); err != nil {
				return err
			}
		}
		for _, m := range saved.MakeUps {
			if _, err := tx.ExecContext(ctx, `INSERT INTO activity_makeup (activity_id, member_id, date, way, confirmer_id) VALUES (?, ?, ?, ?, ?)`,
				saved.ID, m.MemberID, m.Date.String(), m.Way, nullID(m.ConfirmerID)); err != nil {
				return err
			}
		}
		return db.logSave(ctx, tx, data.EntActivity, saved.ID, data.ActivityLabel(&saved), before, data.ActivityFields(&saved))
	}()
	return saved, err
}

// fillActivityNames checks that the members, group and team named by a are of its branch and fills
// their names; a missing one is a FieldErrors on its field (or row).
func fillActivityNames(ctx context.Context, tx *sql.Tx, a *data.Activity) error {
	member := func(id int64, fe data.FieldError) (string, error) {
		if id == 0 {
			return "", nil
		}
		if ok, err := inBranch(ctx, tx, "member", id, a.BranchID); err != nil {
			return "", err
		} else if !ok {
			fe.Message = "所选党员不在本支部党员名单中（可能已被删除），请重新选择"
			return "", data.FieldErrors{fe}
		}
		return nameOf(ctx, tx, "member", id)
	}
	var err error
	if a.Host, err = member(a.HostID, data.FieldError{Field: data.FActHost}); err != nil {
		return err
	}
	if a.Recorder, err = member(a.RecorderID, data.FieldError{Field: data.FActRecorder}); err != nil {
		return err
	}
	if a.LecturerID != 0 {
		if a.Lecturer, err = member(a.LecturerID, data.FieldError{Field: data.FActLecturer}); err != nil {
			return err
		}
	}
	for i := range a.Absences {
		if a.Absences[i].Name, err = member(a.Absences[i].MemberID, data.FieldError{Field: data.FAttendMember, Row: i + 1, List: data.RowAbsence}); err != nil {
			return err
		}
	}
	for i := range a.MakeUps {
		m := &a.MakeUps[i]
		if m.Name, err = member(m.MemberID, data.FieldError{Field: data.FAttendMember, Row: i + 1, List: data.RowMakeUp}); err != nil {
			return err
		}
		if m.Confirmer, err = member(m.ConfirmerID, data.FieldError{Field: data.FMakeUpBy, Row: i + 1, List: data.RowMakeUp}); err != nil {
			return err
		}
	}
	table := map[string]string{data.ScopeGroup: "party_group", data.ScopeTeam: "team"}[a.Scope]
	if table != "" {
		if ok, err := inBranch(ctx, tx, table, a.ScopeID, a.BranchID); err != nil {
			return err
		} else if !ok {
			return data.FieldErrors{{Field: data.FActScope, Message: "所选" + a.Scope + "不存在（可能已被删除），请重新选择"}}
		}
		if a.ScopeName, err = nameOf(ctx, tx, table, a.ScopeID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteActivity moves an activity, with its exceptions and make-ups, to the recycle bin.
func (db *DB) DeleteActivity(ctx context.Context, id int64) error {
	return activityKind.delete(ctx, db, id)
}

// Briefings lists the 班前教育60秒 records between from and to by date, then team name.
func (db *DB) Briefings(ctx context.Context, from, to data.Date) ([]data.Briefing, error) {
	w := branchFilter(`b.`)
	w.dated(`b.date`, from, to)
	return scanAll(ctx, db.db, `SELECT b.id, b.branch_id, b.team_id, t.name, b.date, b.topic, b.count FROM briefing b
		JOIN team t ON t.id = b.team_id WHERE `+w.sql()+` ORDER BY b.date, t.name, b.id`, w.args,
		func(rows *sql.Rows) (data.Briefing, error) {
			var b data.Briefing
			var date string
			err := rows.Scan(&b.ID, &b.BranchID, &b.TeamID, &b.Team, &date, &b.Topic, &b.Count)
			if err == nil {
				b.Date, err = parseDate(date)
			}
			return b, err
		})
}

// SaveBriefings saves a bulk entry in one transaction, one record a day with a topic; a day the team
// already has is replaced. It returns how many days were saved.
func (db *DB) SaveBriefings(ctx context.Context, batch *data.BriefingBatch) (int, error) {
	bs, fe := batch.Briefings(db.today())
	if fe != nil {
		return 0, fe
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := requireBranch(ctx, tx)
		if err != nil {
			return err
		}
		if ok, err := inBranch(ctx, tx, "team", batch.TeamID, branch); err != nil {
			return err
		} else if !ok {
			return data.FieldErrors{{Field: data.FBriefTeam, Message: "所选班组不存在（可能已被删除），请重新选择"}}
		}
		team, err := nameOf(ctx, tx, "team", batch.TeamID)
		if err != nil {
			return err
		}
		for i := range bs {
			b := &bs[i]
			b.BranchID, b.Team = branch, team
			res, err := tx.ExecContext(ctx, `INSERT INTO briefing (branch_id, team_id, date, topic, count) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (team_id, date) DO UPDATE SET topic = excluded.topic, count = excluded.count`,
				branch, b.TeamID, b.Date.String(), b.Topic, b.Count)
			if err != nil {
				return err
			}
			if b.ID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		first, last := bs[0], bs[len(bs)-1]
		return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntBriefing, Label: team,
			After:  data.BriefingFields(&first),
			Detail: fmt.Sprintf("批量录入%s %s至%s共%d天", team, first.Date, last.Date, len(bs))})
	})
	if err != nil {
		return 0, err
	}
	return len(bs), nil
}

// DeleteBriefing moves one day's 班前教育 to the recycle bin.
func (db *DB) DeleteBriefing(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var b data.Briefing
		var date string
		err := tx.QueryRowContext(ctx, `SELECT b.team_id, t.name, b.date, b.topic, b.count FROM briefing b JOIN team t ON t.id = b.team_id
			WHERE b.id = ?`, id).Scan(&b.TeamID, &b.Team, &date, &b.Topic, &b.Count)
		if err == sql.ErrNoRows {
			return data.Errorf(data.ENotFound, "未找到这条班前教育记录，可能已被删除，请刷新后再试")
		}
		if err != nil {
			return err
		}
		if b.Date, err = parseDate(date); err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: data.EntBriefing, Table: "briefing", ID: id,
			Label: b.Team + " " + b.Date.String(), Fields: data.BriefingFields(&b)})
	})
}

// OrgRules is the rhythm rule table in its order.
func (db *DB) OrgRules(ctx context.Context) ([]data.OrgRule, error) {
	return orgRules(ctx, db.db)
}

func orgRules(ctx context.Context, q querier) ([]data.OrgRule, error) {
	return scanAll(ctx, q, `SELECT id, kind, per, at_least, applies, remind_days FROM org_rule ORDER BY sort, id`, nil,
		func(rows *sql.Rows) (data.OrgRule, error) {
			var r data.OrgRule
			err := rows.Scan(&r.ID, &r.Kind, &r.Per, &r.AtLeast, &r.Applies, &r.RemindDays)
			return r, err
		})
}

// SetOrgRules replaces the rule table after Normalize and ValidateOrgRules, logging the change.
func (db *DB) SetOrgRules(ctx context.Context, rules []data.OrgRule) error {
	clean := make([]data.OrgRule, len(rules))
	for i, r := range rules {
		r.Normalize()
		clean[i] = r
	}
	if fe := data.ValidateOrgRules(clean); fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := orgRules(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM org_rule`); err != nil {
			return err
		}
		for i, r := range clean {
			if _, err := tx.ExecContext(ctx, `INSERT INTO org_rule (sort, kind, per, at_least, applies, remind_days) VALUES (?, ?, ?, ?, ?, ?)`,
				i+1, r.Kind, r.Per, r.AtLeast, r.Applies, r.RemindDays); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntOrgRule, 0, "组织生活规则", data.OrgRuleFields(old), data.OrgRuleFields(clean))
	})
}

// orgLifeEvidence fills the 组织生活 part of A1's evidence for period p (ev.AsOf set) on day today:
// the activities of p are the evidence of 政治理论学习靠前, those of a rule the evidence of
// 党建基础工作靠前.
func (db *DB) orgLifeEvidence(ctx context.Context, p data.Period, today data.Date, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	// The plan as it stands once p is over (the day after it), so that a period ending with p and
	// not kept is missed; on p's last day it could still be held.
	planDay := ev.AsOf
	if today.After(p.To) {
		planDay = p.To.AddDays(1)
	}
	rows, err := data.LoadOrgLifePlan(ctx, db, p.From.Year, planDay)
	if err != nil {
		return err
	}
	acts, err := db.Activities(ctx, data.ActivityFilter{From: p.From, To: p.To})
	if err != nil {
		return err
	}
	bs, err := db.Briefings(ctx, p.From, p.To)
	if err != nil {
		return err
	}
	roster, err := db.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	groups, err := db.Groups(ctx)
	if err != nil {
		return err
	}
	ev.OrgLife = data.OrgLifeMonthEvidence(p, ev.AsOf, rows, acts, bs, roster, groups)
	ruled := map[string]bool{}
	for _, r := range rows {
		ruled[r.Rule.Kind] = true
	}
	for i := range acts {
		ref := data.EvidenceRef{Kind: data.EntActivity, ID: acts[i].ID, Label: data.ActivityLabel(&acts[i])}
		refs[data.AutoStudy] = append(refs[data.AutoStudy], ref)
		if slices.ContainsFunc(acts[i].Kinds, func(k string) bool { return ruled[k] }) {
			refs[data.AutoOrgWork] = append(refs[data.AutoOrgWork], ref)
		}
	}
	return nil
}

// appendActivityPoints adds to want the point entries the activities of every branch call for
// (data.PointEntriesForActivity); RegeneratePointEntries keeps those dated in its year.
func appendActivityPoints(ctx context.Context, tx *sql.Tx, want []data.PointEntry) ([]data.PointEntry, error) {
	acts, err := scanAll(ctx, tx, `SELECT a.id, a.branch_id, a.date, a.topic, a.kinds, coalesce(a.lecturer_id, 0) FROM activity a
		WHERE a.lecturer_id IS NOT NULL OR EXISTS (SELECT 1 FROM activity_absence x WHERE x.activity_id = a.id AND x.state = ?)`,
		[]any{data.AttendAbsent}, func(rows *sql.Rows) (data.Activity, error) {
			var a data.Activity
			var date, kinds string
			err := rows.Scan(&a.ID, &a.BranchID, &date, &a.Topic, &kinds, &a.LecturerID)
			if err == nil {
				a.Kinds = strings.Split(kinds, "、")
				a.Date, err = parseDate(date)
			}
			return a, err
		})
	if err != nil {
		return nil, err
	}
	err = attachChildren(ctx, tx, acts, func(a *data.Activity) int64 { return a.ID },
		`SELECT activity_id, member_id, state FROM activity_absence WHERE activity_id IN (SELECT value FROM json_each(?))
		ORDER BY activity_id, sort`,
		func(rows *sql.Rows) (int64, data.Absence, error) {
			var id int64
			var x data.Absence
			err := rows.Scan(&id, &x.MemberID, &x.State)
			return id, x, err
		}, func(a *data.Activity, x data.Absence) { a.Absences = append(a.Absences, x) })
	if err != nil {
		return nil, err
	}
	for i := range acts {
		want = append(want, data.PointEntriesForActivity(&acts[i])...)
	}
	return want, nil
}
