package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"branchledger/data"
)

// This file keeps the satisfaction surveys with their questions (data.SurveyStore).

func errNoSurvey(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的满意度调查，可能已被删除，请刷新后再试", id))
}

func loadSurveys(ctx context.Context, q querier, where string, args ...any) ([]data.Survey, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, branch_id, period_from, period_to, period_label, category, created_at, updated_at
		FROM survey WHERE `+where+` ORDER BY period_from DESC, id DESC`, args...)
	if err != nil {
		return nil, err
	}
	var ss []data.Survey
	for rows.Next() {
		var s data.Survey
		var from, to, created, updated string
		err := rows.Scan(&s.ID, &s.BranchID, &from, &to, &s.Period.Label, &s.Category, &created, &updated)
		if err == nil {
			if s.Period.From, err = parseDate(from); err == nil {
				if s.Period.To, err = parseDate(to); err == nil {
					if s.CreatedAt, err = parseStamp(created); err == nil {
						s.UpdatedAt, err = parseStamp(updated)
					}
				}
			}
		}
		if err != nil {
			rows.Close()
			return nil, err
		}
		ss = append(ss, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ss) == 0 {
		return ss, err
	}
	pos := make(map[int64]int, len(ss))
	for i, s := range ss {
		pos[s.ID] = i
	}
	qs, err := q.QueryContext(ctx, `SELECT survey_id, text, very_satisfied, satisfied, neutral, dissatisfied, very_dissatisfied
		FROM survey_question WHERE survey_id IN (SELECT value FROM json_each(?)) ORDER BY survey_id, sort`, ids(ss, func(s *data.Survey) int64 { return s.ID }))
	if err != nil {
		return nil, err
	}
	defer qs.Close()
	for qs.Next() {
		var id int64
		var sq data.SurveyQuestion
		c := &sq.Counts
		if err := qs.Scan(&id, &sq.Text, &c[0], &c[1], &c[2], &c[3], &c[4]); err != nil {
			return nil, err
		}
		s := &ss[pos[id]]
		s.Questions = append(s.Questions, sq)
	}
	return ss, qs.Err()
}

func getSurvey(ctx context.Context, q querier, id int64) (data.Survey, error) {
	ss, err := loadSurveys(ctx, q, `id = ?`, id)
	return first(ss, err, errNoSurvey(id))
}

// surveyKind is how the store reads back, names, logs and deletes these records.
var surveyKind = recordKind[data.Survey]{entity: data.EntSurvey, table: "survey", get: getSurvey, label: data.SurveyLabel, fields: data.SurveyFields}

// Surveys lists the current branch's surveys matching f (with their questions, in order) by period
// start, newest first.
func (db *DB) Surveys(ctx context.Context, f data.SurveyFilter) ([]data.Survey, error) {
	w := branchFilter(``)
	w.overlapping(`period_from`, `period_to`, f.From, f.To)
	if f.Category != "" {
		w.add(`category = ?`, f.Category)
	}
	return loadSurveys(ctx, db.db, w.sql(), w.args...)
}

// Survey returns the survey with id and its questions.
func (db *DB) Survey(ctx context.Context, id int64) (data.Survey, error) {
	return getSurvey(ctx, db.db, id)
}

// SaveSurvey creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// survey with its questions after Normalize and ValidateSurvey. On success s holds what was saved.
func (db *DB) SaveSurvey(ctx context.Context, s *data.Survey) error {
	s.Normalize()
	if fe := data.ValidateSurvey(s); fe != nil {
		return fe
	}
	saved := *s
	saved.Questions = slices.Clone(s.Questions)
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "survey", saved.ID, saved.BranchID, errNoSurvey(saved.ID)); err != nil {
			return err
		}
		stamp := db.stamp()
		if saved.UpdatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
		var before data.Fields
		if saved.ID != 0 {
			stored, err := getSurvey(ctx, tx, saved.ID)
			if err != nil {
				return err
			}
			before, saved.CreatedAt = data.SurveyFields(&stored), stored.CreatedAt
		}
		p := saved.Period
		id, err := writeRow(ctx, tx, "survey", saved.ID, saved.BranchID, stamp, []string{"period_from", "period_to", "period_label", "category"},
			[]any{p.From.String(), p.To.String(), p.Label, saved.Category})
		if err != nil {
			return err
		}
		if saved.ID == 0 {
			saved.ID, saved.CreatedAt = id, saved.UpdatedAt
		} else {
			if _, err := tx.ExecContext(ctx, `DELETE FROM survey_question WHERE survey_id = ?`, saved.ID); err != nil {
				return err
			}
		}
		for i, q := range saved.Questions {
			c := q.Counts
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_question (survey_id, sort, text, very_satisfied, satisfied, neutral,
				dissatisfied, very_dissatisfied) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, saved.ID, i+1, q.Text, c[0], c[1], c[2], c[3], c[4]); err != nil {
				return err
			}
		}
		return db.logSave(ctx, tx, data.EntSurvey, saved.ID, data.SurveyLabel(&saved), before, data.SurveyFields(&saved))
	})
	if err == nil {
		*s = saved
	}
	return err
}

// DeleteSurvey moves a survey with its questions to the recycle bin.
func (db *DB) DeleteSurvey(ctx context.Context, id int64) error {
	return surveyKind.delete(ctx, db, id)
}

var (
	_ data.FacilityStore    = (*DB)(nil)
	_ data.CheckStore       = (*DB)(nil)
	_ data.WelfareItemStore = (*DB)(nil)
	_ data.SurveyStore      = (*DB)(nil)
)
