package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"branchledger/data"
)

// This file keeps the assessments of SPEC §5 (data.AssessmentStore): the assessment templates
// (考核表), the assessments made with them, each with its own copy of the template, and the members'
// point entries (积分明细), manual or generated from the inspections and welfare items.

func errNoAssessTemplate(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的考核表，可能已被删除，请刷新后再试", id))
}

func errNoAssessment(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的考核记录，可能已被删除，请刷新后再试", id))
}

func errNoPointEntry(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的积分明细，可能已被删除，请刷新后再试", id))
}

var errGeneratedEntry error = data.Errorf(data.EInvalid,
	"这条积分由督查记录或办实事事项自动生成，随原记录变化，不能手工修改或删除；请修改原记录")

// jsonText is v as stored in a JSON column ("[]" for an empty list).
func jsonText[T any](v []T) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v) // plain structs of strings and numbers
	return string(b)
}

func parseJSON[T any](s string) ([]T, error) {
	var v []T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, fmt.Errorf("bad JSON %q in data file: %w", s, err)
	}
	if len(v) == 0 {
		return nil, nil // as saved from a nil list
	}
	return v, nil
}

// ---- Templates ----

// AssessTemplates lists the current branch's templates of one kind ("" = all) with their items, by
// kind (data.AssessKinds order) then name.
func (db *DB) AssessTemplates(ctx context.Context, kind string) ([]data.AssessTemplate, error) {
	ts, err := assessTemplates.load(ctx, db.db, `branch_id = (SELECT min(id) FROM branch) AND (? = '' OR kind = ?)`, kind, kind)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(ts, func(a, b data.AssessTemplate) int {
		return cmp.Or(cmp.Compare(slices.Index(data.AssessKinds, a.Kind), slices.Index(data.AssessKinds, b.Kind)),
			data.CompareNames(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return ts, nil
}

// AssessTemplate returns the template with id and its items.
func (db *DB) AssessTemplate(ctx context.Context, id int64) (data.AssessTemplate, error) {
	return assessTemplates.get(ctx, db.db, id)
}

// assessTemplates is how the 考核表 are stored (tables assess_template and assess_template_item).
var assessTemplates = templateKind[data.AssessTemplate, data.AssessItem, *data.AssessTemplate]{
	table: "assess_template", itemTable: "assess_template_item", entity: data.EntAssessTemplate, noun: "考核表", nameField: data.FAssessName,
	columns: []string{"kind", "subject", "period_kind", "scheme", "base", "bonus_cap", "grades"},
	own: func(t *data.AssessTemplate) []any {
		return []any{&t.Kind, &t.Subject, &t.PeriodKind, &t.Scheme, &t.Base, &t.BonusCap, jsonColumn[data.GradeLine]{&t.Grades}}
	},
	itemColumns: []string{"seq", "name", "standard", "points", "method", "per", "cap", "veto", "auto", "part"},
	item: func(it *data.AssessItem) []any {
		return []any{&it.Seq, &it.Name, &it.Standard, &it.Points, &it.Method, &it.Per, &it.Cap, &it.Veto, &it.Auto, &it.Part}
	},
	notFound: errNoAssessTemplate, fields: data.AssessTemplateFields, validate: data.ValidateAssessTemplate,
}

// SaveAssessTemplate creates (ID 0, in the current branch unless BranchID says otherwise) or updates
// a template with its items after Normalize and ValidateAssessTemplate; a name used by another
// template of the branch is a FieldErrors on 考核表名称. Assessments made with it keep their own copy.
// On success t holds what was saved.
func (db *DB) SaveAssessTemplate(ctx context.Context, t *data.AssessTemplate) error {
	return assessTemplates.save(ctx, db, t)
}

// CopyAssessTemplate saves AssessTemplate.Copy(name) of template id (a name already used is a
// FieldErrors on 考核表名称) and returns it.
func (db *DB) CopyAssessTemplate(ctx context.Context, id int64, name string) (data.AssessTemplate, error) {
	return assessTemplates.copy(ctx, db, id, name)
}

// DeleteAssessTemplate moves a template to the recycle bin; assessments made with it keep their
// copy and its name.
func (db *DB) DeleteAssessTemplate(ctx context.Context, id int64) error {
	return assessTemplates.delete(ctx, db, id)
}

// a2Template is the catalogue point entries are checked against: the branch's first 党员积分
// template.
func a2Template(ctx context.Context, q querier, branch int64) (data.AssessTemplate, error) {
	ts, err := assessTemplates.load(ctx, q, `id = (SELECT min(id) FROM assess_template WHERE branch_id = ? AND kind = ?)`, branch, data.AssessMemberPoints)
	return first(ts, err, data.Errorf(data.EInvalid, "没有党员积分考核表，无法登记积分。请先在“考核表”中添加一张考核类别为“党员积分”的考核表"))
}

// ---- Assessments ----

const selectAssessment = `SELECT a.id, a.branch_id, a.template_id, a.template_name, a.kind, a.scheme, a.base, a.bonus_cap, a.grades,
	a.subject, coalesce(a.member_id, a.branch_id),
	CASE WHEN a.member_id IS NULL THEN coalesce(b.name, a.subject_name) ELSE coalesce(m.name, a.subject_name) END,
	a.period_from, a.period_to, a.period_label, a.created_at, a.updated_at
	FROM assessment a LEFT JOIN member m ON m.id = a.member_id LEFT JOIN branch b ON b.id = a.branch_id`

func loadAssessments(ctx context.Context, q querier, where string, args ...any) ([]data.Assessment, error) {
	return loadWithChildren(ctx, q, selectAssessment+` WHERE `+where, args,
		func(rows *sql.Rows) (data.Assessment, error) {
			var a data.Assessment
			var template sql.NullInt64
			var grades, from, to, created, updated string
			err := rows.Scan(&a.ID, &a.BranchID, &template, &a.TemplateName, &a.Kind, &a.Scheme, &a.Base, &a.BonusCap, &grades,
				&a.Subject, &a.SubjectID, &a.SubjectName, &from, &to, &a.Period.Label, &created, &updated)
			a.TemplateID = template.Int64
			for _, step := range []func() error{
				func() (err error) { a.Grades, err = parseJSON[data.GradeLine](grades); return },
				func() (err error) { a.Period.From, err = parseDate(from); return },
				func() (err error) { a.Period.To, err = parseDate(to); return },
				func() (err error) { a.CreatedAt, err = parseStamp(created); return },
				func() (err error) { a.UpdatedAt, err = parseStamp(updated); return },
			} {
				if err == nil {
					err = step()
				}
			}
			return a, err
		},
		func(a *data.Assessment) int64 { return a.ID },
		`SELECT assessment_id, seq, name, standard, points, method, per, cap, veto, auto, part,
		tallies, evidence, done, score, vetoed, override_score, override_by, override_why, override_at, reason
		FROM assessment_item WHERE assessment_id IN (SELECT value FROM json_each(?)) ORDER BY assessment_id, sort`,
		scanAssessmentItem,
		func(a *data.Assessment, it data.AssessmentItem) { a.Items = append(a.Items, it) })
}

func scanAssessmentItem(rows *sql.Rows) (int64, data.AssessmentItem, error) {
	var id int64
	var it data.AssessmentItem
	var tallies, evidence, by, why, at string
	var override sql.NullFloat64
	err := rows.Scan(&id, &it.Seq, &it.Name, &it.Standard, &it.Points, &it.Method, &it.Per, &it.Cap, &it.Veto, &it.Auto, &it.Part,
		&tallies, &evidence, &it.Done, &it.Score, &it.Vetoed, &override, &by, &why, &at, &it.Reason)
	if err != nil {
		return 0, it, err
	}
	if it.Tallies, err = parseJSON[data.Tally](tallies); err != nil {
		return 0, it, err
	}
	if it.Evidence, err = parseJSON[data.EvidenceRef](evidence); err != nil {
		return 0, it, err
	}
	if override.Valid {
		it.Override = &data.Override{Score: override.Float64, By: by, Why: why}
		if it.Override.At, err = parseStamp(at); err != nil {
			return 0, it, err
		}
	}
	return id, it, nil
}

func getAssessment(ctx context.Context, q querier, id int64) (data.Assessment, error) {
	as, err := loadAssessments(ctx, q, `a.id = ?`, id)
	return first(as, err, errNoAssessment(id))
}

// Assessments lists the current branch's assessments matching f with their items and subject
// names, by period then subject name. SubjectID matches the member, or the branch for branch
// assessments.
func (db *DB) Assessments(ctx context.Context, f data.AssessmentFilter) ([]data.Assessment, error) {
	w := branchFilter(`a.`)
	if f.Kind != "" {
		w.add(`a.kind = ?`, f.Kind)
	}
	if f.SubjectID != 0 {
		w.add(`coalesce(a.member_id, a.branch_id) = ?`, f.SubjectID)
	}
	w.overlapping(`a.period_from`, `a.period_to`, f.From, f.To)
	as, err := loadAssessments(ctx, db.db, w.sql(), w.args...)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(as, func(a, b data.Assessment) int {
		return cmp.Or(cmp.Compare(a.Period.From.String(), b.Period.From.String()), cmp.Compare(a.Period.To.String(), b.Period.To.String()),
			data.CompareNames(a.SubjectName, b.SubjectName), cmp.Compare(a.ID, b.ID))
	})
	return as, nil
}

// Assessment returns the assessment with id, its items and its subject's name.
func (db *DB) Assessment(ctx context.Context, id int64) (data.Assessment, error) {
	return getAssessment(ctx, db.db, id)
}

// SaveAssessment creates (ID 0, in the current branch unless BranchID says otherwise) or updates an
// assessment with its items in one transaction, after Normalize and ValidateAssessment. The items
// are saved as given: they are the assessment's own copy of the template. The subject must be the
// branch itself or one of its members (FieldErrors on 考核对象); a second assessment of the same
// template, subject and period is refused (EConflict). A new or changed override is stamped with the
// store's time and logged (人工调整) with its who and why; an unchanged one keeps its time. On
// success a holds what was saved, with the subject's name.
func (db *DB) SaveAssessment(ctx context.Context, a *data.Assessment) error {
	a.Normalize()
	fe := data.ValidateAssessment(a)
	if !slices.Contains(data.AssessKinds, a.Kind) {
		fe = append(fe, data.FieldError{Field: data.FAssessKind, Message: "请选择考核类别：" + strings.Join(data.AssessKinds, "、")})
	}
	if fe != nil {
		return fe
	}
	saved := *a
	saved.Grades = slices.Clone(a.Grades)
	saved.Items = slices.Clone(a.Items)
	for i := range saved.Items {
		if o := saved.Items[i].Override; o != nil {
			cp := *o
			saved.Items[i].Override = &cp
		}
	}
	err := db.write(ctx, func(tx *sql.Tx) error { return db.writeAssessment(ctx, tx, &saved) })
	if err == nil {
		*a = saved
	}
	return err
}

func (db *DB) writeAssessment(ctx context.Context, tx *sql.Tx, a *data.Assessment) error {
	var err error
	if a.BranchID, err = ownerBranch(ctx, tx, "assessment", a.ID, a.BranchID, errNoAssessment(a.ID)); err != nil {
		return err
	}
	var member any      // the subject's member_id, NULL for the branch
	var memberKey int64 // the same, 0 for the branch, as the uniqueness index reads it
	switch a.Subject {
	case data.SubjectMember:
		m, err := getMember(ctx, tx, a.SubjectID)
		if data.ErrorCode(err) == data.ENotFound || err == nil && m.BranchID != a.BranchID {
			return data.FieldErrors{{Field: data.FSubject, Message: "所选党员不存在（可能已被删除），请重新选择考核对象"}}
		} else if err != nil {
			return err
		}
		a.SubjectName, member, memberKey = m.Name, m.ID, m.ID
	default:
		if a.SubjectID != a.BranchID {
			return data.FieldErrors{{Field: data.FSubject, Message: "支部考核的考核对象应为本支部，请重新选择"}}
		}
		if a.SubjectName, err = nameOf(ctx, tx, "branch", a.BranchID); err != nil {
			return err
		}
	}
	if ok, err := inBranch(ctx, tx, "assess_template", a.TemplateID, a.BranchID); err != nil {
		return err
	} else if !ok {
		a.TemplateID = 0
	}
	if a.TemplateID != 0 {
		var other int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM assessment WHERE template_id = ? AND branch_id = ? AND coalesce(member_id, 0) = ?
			AND period_from = ? AND period_to = ? AND id <> ?`, a.TemplateID, a.BranchID, memberKey,
			a.Period.From.String(), a.Period.To.String(), a.ID).Scan(&other)
		if err == nil {
			return data.Errorf(data.EConflict, fmt.Sprintf("%s已有%s的「%s」考核，请打开已有的考核修改", a.SubjectName, a.Period.Label, a.TemplateName))
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	stamp := db.stamp()
	now, err := parseStamp(stamp)
	if err != nil {
		return err
	}
	var stored *data.Assessment
	if a.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO assessment (branch_id, template_id, template_name, kind, scheme, base, bonus_cap, grades,
			subject, member_id, subject_name, period_from, period_to, period_label, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.BranchID, nullID(a.TemplateID), a.TemplateName, a.Kind, a.Scheme, a.Base, a.BonusCap, jsonText(a.Grades),
			a.Subject, member, a.SubjectName, a.Period.From.String(), a.Period.To.String(), a.Period.Label, stamp, stamp)
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		a.CreatedAt = now
	} else {
		s, err := getAssessment(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		stored, a.CreatedAt = &s, s.CreatedAt
		if _, err := tx.ExecContext(ctx, `UPDATE assessment SET (template_id, template_name, kind, scheme, base, bonus_cap, grades, subject,
			member_id, subject_name, period_from, period_to, period_label, updated_at) = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`,
			nullID(a.TemplateID), a.TemplateName, a.Kind, a.Scheme, a.Base, a.BonusCap, jsonText(a.Grades), a.Subject,
			member, a.SubjectName, a.Period.From.String(), a.Period.To.String(), a.Period.Label, stamp, a.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM assessment_item WHERE assessment_id = ?`, a.ID); err != nil {
			return err
		}
	}
	a.UpdatedAt = now
	var overridden []int // items whose override is new or changed
	for i := range a.Items {
		it := &a.Items[i]
		if o := it.Override; o != nil {
			if old := storedOverride(stored, i, it.Name); old != nil && old.Score == o.Score && old.By == o.By && old.Why == o.Why {
				o.At = old.At
			} else {
				o.At = now
				overridden = append(overridden, i)
			}
		}
		var score, by, why, at any = nil, "", "", ""
		if o := it.Override; o != nil {
			score, by, why, at = o.Score, o.By, o.Why, o.At.UTC().Format(timestamp)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO assessment_item (assessment_id, sort, seq, name, standard, points, method, per, cap,
			veto, auto, part, tallies, evidence, done, score, vetoed, override_score, override_by, override_why, override_at, reason)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, i+1, it.Seq, it.Name, it.Standard, it.Points, it.Method, it.Per, it.Cap, bit(it.Veto), it.Auto, it.Part,
			jsonText(it.Tallies), jsonText(it.Evidence), it.Done, it.Score, bit(it.Vetoed), score, by, why, at, it.Reason); err != nil {
			return err
		}
	}
	label := data.AssessmentLabel(a)
	if stored == nil {
		err = db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntAssessment, EntityID: a.ID, Label: label, After: data.AssessmentFields(a)})
	} else {
		err = db.logChange(ctx, tx, data.EntAssessment, a.ID, label, data.AssessmentFields(stored), data.AssessmentFields(a))
	}
	if err != nil {
		return err
	}
	for _, i := range overridden {
		it := a.Items[i]
		computed := it
		computed.Override = nil
		o := it.Override
		detail := fmt.Sprintf("「%s」得分由%s分调整为%s分；%s：%s；%s：%s", it.Name,
			data.FormatScore(data.ScoreItem(a.Scheme, &computed).Score), data.FormatScore(o.Score), data.FOverrideBy, o.By, data.FOverrideWhy, o.Why)
		if err := db.logOp(ctx, tx, data.Op{Action: data.ActOverride, Entity: data.EntAssessment, EntityID: a.ID, Label: label, Detail: detail,
			After: data.OverrideFields(it.Name, o)}); err != nil {
			return err
		}
	}
	return nil
}

// storedOverride is the saved override of item i when the saved assessment has it under that name.
func storedOverride(stored *data.Assessment, i int, name string) *data.Override {
	if stored == nil || i >= len(stored.Items) || stored.Items[i].Name != name {
		return nil
	}
	return stored.Items[i].Override
}

// assessmentKind is how data.Assessment records are read back, named and logged.
var assessmentKind = recordKind[data.Assessment]{entity: data.EntAssessment, table: "assessment", get: getAssessment,
	label: data.AssessmentLabel, fields: data.AssessmentFields}

// DeleteAssessment moves an assessment with its items to the recycle bin.
func (db *DB) DeleteAssessment(ctx context.Context, id int64) error {
	return assessmentKind.delete(ctx, db, id)
}

// ---- Point entries ----

const selectPointEntry = `SELECT p.id, p.branch_id, p.member_id, coalesce(m.name, ''), p.date, p.item, p.points, p.reason,
	p.inspection_id, p.finding_id, p.welfare_id, p.activity_id, p.dues_year, p.petition_id, p.generated, p.created_at, p.updated_at
	FROM point_entry p LEFT JOIN member m ON m.id = p.member_id`

func loadPointEntries(ctx context.Context, q querier, where string, args ...any) ([]data.PointEntry, error) {
	rows, err := q.QueryContext(ctx, selectPointEntry+` WHERE `+where+` ORDER BY p.date, p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []data.PointEntry
	for rows.Next() {
		var e data.PointEntry
		var date, created, updated string
		var refs [6]sql.NullInt64
		err := rows.Scan(&e.ID, &e.BranchID, &e.MemberID, &e.MemberName, &date, &e.Item, &e.Points, &e.Reason,
			&refs[0], &refs[1], &refs[2], &refs[3], &refs[4], &refs[5], &e.Generated, &created, &updated)
		if err == nil {
			for i, kind := range recordKinds {
				if refs[i].Valid {
					e.RecordKind, e.RecordID = kind, refs[i].Int64
				}
			}
			if e.Date, err = parseDate(date); err == nil {
				if e.CreatedAt, err = parseStamp(created); err == nil {
					e.UpdatedAt, err = parseStamp(updated)
				}
			}
		}
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	return es, rows.Err()
}

// recordKinds are the kinds of record an entry may come from, in the order of their columns
// (inspection_id, finding_id, welfare_id, activity_id, dues_year, petition_id).
var recordKinds = []string{data.EntInspection, data.EntFinding, data.EntWelfare, data.EntActivity, data.EntDues, data.EntPetition}

// recordColumns are the values of the record columns for an entry (NULL but one).
func recordColumns(e *data.PointEntry) [6]any {
	var cols [6]any
	if i := slices.Index(recordKinds, e.RecordKind); i >= 0 {
		cols[i] = nullID(e.RecordID)
	}
	return cols
}

func getPointEntry(ctx context.Context, q querier, id int64) (data.PointEntry, error) {
	es, err := loadPointEntries(ctx, q, `p.id = ?`, id)
	return first(es, err, errNoPointEntry(id))
}

// PointEntries lists the current branch's entries matching f by date then id, with member names.
func (db *DB) PointEntries(ctx context.Context, f data.PointFilter) ([]data.PointEntry, error) {
	w := branchFilter(`p.`)
	if f.MemberID != 0 {
		w.add(`p.member_id = ?`, f.MemberID)
	}
	w.dated(`p.date`, f.From, f.To)
	if f.Item != "" {
		w.add(`p.item = ?`, f.Item)
	}
	return loadPointEntries(ctx, db.db, w.sql(), w.args...)
}

// SavePointEntry creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// manual entry after Normalize and ValidatePointEntry against the branch's 党员积分 template with
// the store's day. The member must be one of the branch's (FieldErrors on 姓名). Generated entries
// are refused (EInvalid): they follow their record. A manual entry links no record (its 事由 names
// it). On success e holds what was saved, with the member's name.
func (db *DB) SavePointEntry(ctx context.Context, e *data.PointEntry) error {
	if e.Generated {
		return errGeneratedEntry
	}
	e.Normalize()
	saved := *e
	saved.RecordKind, saved.RecordID = "", 0
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if saved.BranchID, err = ownerBranch(ctx, tx, "point_entry", saved.ID, saved.BranchID, errNoPointEntry(saved.ID)); err != nil {
			return err
		}
		t, err := a2Template(ctx, tx, saved.BranchID)
		if err != nil {
			return err
		}
		if fe := data.ValidatePointEntry(&saved, &t, db.today()); fe != nil {
			return fe
		}
		m, err := getMember(ctx, tx, saved.MemberID)
		if data.ErrorCode(err) == data.ENotFound || err == nil && m.BranchID != saved.BranchID {
			return data.FieldErrors{{Field: data.FName, Message: "所选党员不存在（可能已被删除），请重新选择"}}
		} else if err != nil {
			return err
		}
		saved.MemberName = m.Name
		stamp := db.stamp()
		now, err := parseStamp(stamp)
		if err != nil {
			return err
		}
		if saved.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO point_entry (branch_id, member_id, date, item, points, reason, generated, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`, saved.BranchID, saved.MemberID, saved.Date.String(), saved.Item, saved.Points, saved.Reason, stamp, stamp)
			if err != nil {
				return err
			}
			if saved.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			saved.CreatedAt, saved.UpdatedAt = now, now
			return db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntPointEntry, EntityID: saved.ID, Label: data.PointEntryLabel(&saved),
				After: data.PointEntryFields(&saved)})
		}
		stored, err := getPointEntry(ctx, tx, saved.ID)
		if err != nil {
			return err
		}
		if stored.Generated {
			return errGeneratedEntry
		}
		if _, err := tx.ExecContext(ctx, `UPDATE point_entry SET (member_id, date, item, points, reason, inspection_id, finding_id, welfare_id,
			activity_id, dues_year, petition_id, updated_at) = (?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, ?) WHERE id = ?`,
			saved.MemberID, saved.Date.String(), saved.Item, saved.Points, saved.Reason, stamp, saved.ID); err != nil {
			return err
		}
		saved.CreatedAt, saved.UpdatedAt = stored.CreatedAt, now
		return db.logChange(ctx, tx, data.EntPointEntry, saved.ID, data.PointEntryLabel(&saved), data.PointEntryFields(&stored), data.PointEntryFields(&saved))
	})
	if err == nil {
		*e = saved
	}
	return err
}

// DeletePointEntry moves a manual entry to the recycle bin; generated entries are refused
// (EInvalid): they go with their record.
func (db *DB) DeletePointEntry(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		e, err := getPointEntry(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.Generated {
			return errGeneratedEntry
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: data.EntPointEntry, Table: "point_entry", ID: id, Label: data.PointEntryLabel(&e), Fields: data.PointEntryFields(&e)})
	})
}

// RegeneratePointEntries brings the generated entries dated in year into step with the records, in
// one transaction: what the year's inspections (data.PointEntriesForInspection) and the welfare
// items (data.PointEntriesForWelfare, on the store's day) call for, dated in the year, against the
// generated entries saved for the year or for those records (data.ReconcilePointEntries), so an
// entry whose record moved to another year follows it rather than being duplicated. Entries no
// longer called for are deleted outright (they are derived, so not binned); one log entry says what
// changed, none when nothing did. Records of every branch in the file are covered. The save paths of
// inspections and welfare items, and a daily run for the overdue entries, call it.
func (db *DB) RegeneratePointEntries(ctx context.Context, year int) error {
	p := data.YearPeriod(year)
	return db.write(ctx, func(tx *sql.Tx) error {
		ins, err := loadInspections(ctx, tx, `i.date >= ? AND i.date <= ?`, p.From.String(), p.To.String())
		if err != nil {
			return err
		}
		var want []data.PointEntry
		for i := range ins {
			want = append(want, data.PointEntriesForInspection(&ins[i])...)
		}
		ws, err := tx.QueryContext(ctx, selectWelfare+` WHERE w.handler_id IS NOT NULL`)
		if err != nil {
			return err
		}
		today := db.today()
		for ws.Next() {
			w, err := scanWelfare(ws)
			if err != nil {
				ws.Close()
				return err
			}
			want = append(want, data.PointEntriesForWelfare(&w, today)...)
		}
		ws.Close()
		if err := ws.Err(); err != nil {
			return err
		}
		if want, err = appendActivityPoints(ctx, tx, want); err != nil {
			return err
		}
		want = slices.DeleteFunc(want, func(e data.PointEntry) bool { return !p.Contains(e.Date) })
		dues, err := loadDuesView(ctx, tx, data.Month{Year: year, Month: 1}, data.Month{Year: year, Month: 12})
		if err != nil {
			return err
		}
		want = append(want, data.PointEntriesForDues(dues, year, today)...)
		if want, err = appendPetitionPoints(ctx, tx, want); err != nil {
			return err
		}
		var records [6][]int64
		for i := range want {
			if k := slices.Index(recordKinds, want[i].RecordKind); k >= 0 {
				records[k] = append(records[k], want[i].RecordID)
			}
		}
		have, err := loadPointEntries(ctx, tx, `p.generated = 1 AND (p.date >= ? AND p.date <= ?
			OR p.inspection_id IN (SELECT value FROM json_each(?)) OR p.finding_id IN (SELECT value FROM json_each(?))
			OR p.welfare_id IN (SELECT value FROM json_each(?)) OR p.activity_id IN (SELECT value FROM json_each(?)) OR p.dues_year IN (SELECT value FROM json_each(?))
			OR p.petition_id IN (SELECT value FROM json_each(?)))`,
			p.From.String(), p.To.String(), idList(records[0]), idList(records[1]), idList(records[2]), idList(records[3]), idList(records[4]), idList(records[5]))
		if err != nil {
			return err
		}
		create, update, remove := data.ReconcilePointEntries(have, want)
		if len(create)+len(update)+len(remove) == 0 {
			return nil
		}
		stamp := db.stamp()
		// Removals first: an entry that moved to another member or item frees nothing the others
		// need, but a removed duplicate must be gone before its key is written again.
		for _, id := range remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM point_entry WHERE id = ?`, id); err != nil {
				return err
			}
		}
		for _, e := range update {
			if _, err := tx.ExecContext(ctx, `UPDATE point_entry SET (date, points, reason, updated_at) = (?, ?, ?, ?) WHERE id = ?`,
				e.Date.String(), e.Points, e.Reason, stamp, e.ID); err != nil {
				return err
			}
		}
		for i := range create {
			e := &create[i]
			cols := recordColumns(e)
			if _, err := tx.ExecContext(ctx, `INSERT INTO point_entry (branch_id, member_id, date, item, points, reason, inspection_id,
				finding_id, welfare_id, activity_id, dues_year, petition_id, generated, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
				e.BranchID, e.MemberID, e.Date.String(), e.Item, e.Points, e.Reason, cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], stamp, stamp); err != nil {
				return err
			}
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActUpdate, Entity: data.EntPointEntry, Label: p.Label + "自动生成的积分",
			Detail: fmt.Sprintf("按督查记录、办实事事项、组织生活记录、党费台账和信访事项重新生成：新增 %d 条，修改 %d 条，删除 %d 条", len(create), len(update), len(remove))})
	})
}

// ---- A1 evidence ----

// A1Evidence reads the current branch's figures for A1 over period p (normally a month) and the
// records behind each Auto… key:
//   - 督查台账: the inspections held in p; the findings (of any source) found in p, closed in p on or
//     before their deadline, and open past their deadline at p's end (closed after it counts as
//     open then); the evidence is the inspections and the overdue findings;
//   - 两堂一舍台账: the checks made in p and the mean of their 标化分; the welfare items finished in
//     p; the surveys whose period overlaps p, the latest (by period start) of each facility category, their answers
//     added up into one 满意率; the evidence is those checks, items and surveys;
//   - 自主完成: the items finished in p done in-house.
func (db *DB) A1Evidence(ctx context.Context, p data.Period, today data.Date) (data.A1Evidence, map[string][]data.EvidenceRef, error) {
	// 逾期 is as of the period's end, or today for a period under way: a deadline still to come is
	// not overdue.
	ev := data.A1Evidence{AsOf: p.To}
	if today.Before(p.To) {
		ev.AsOf = today
	}
	asOf := ev.AsOf.String()
	refs := map[string][]data.EvidenceRef{}
	from, to := p.From.String(), p.To.String()
	q := db.db
	branch, err := requireBranch(ctx, q)
	if err != nil {
		return ev, nil, err
	}
	ins, err := loadInspections(ctx, q, `i.branch_id = ? AND i.date >= ? AND i.date <= ?`, branch, from, to)
	if err != nil {
		return ev, nil, err
	}
	slices.Reverse(ins) // oldest first, as the form lists them
	ev.Inspections = len(ins)
	for i := range ins {
		refs[data.AutoInspection] = append(refs[data.AutoInspection], data.EvidenceRef{Kind: data.EntInspection, ID: ins[i].ID, Label: data.InspectionLabel(&ins[i])})
	}
	if err := q.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE found_date >= ?1),
			count(*) FILTER (WHERE closed_date >= ?1 AND closed_date <= ?2 AND closed_date <= deadline)
		FROM finding WHERE branch_id = ?3 AND found_date <= ?2`, from, to, branch).Scan(&ev.Findings, &ev.ClosedOnTime); err != nil {
		return ev, nil, err
	}
	overdue, err := queryFindings(ctx, q, `WHERE branch_id = ? AND found_date <= ? AND deadline < ? AND (closed_date = '' OR closed_date > ?)
		ORDER BY deadline, id`, branch, asOf, asOf, asOf)
	if err != nil {
		return ev, nil, err
	}
	ev.Overdue = len(overdue)
	for i := range overdue {
		refs[data.AutoInspection] = append(refs[data.AutoInspection], data.EvidenceRef{Kind: data.EntFinding, ID: overdue[i].ID, Label: data.FindingLabel(&overdue[i])})
	}

	th, err := gradeThresholds(ctx, q)
	if err != nil {
		return ev, nil, err
	}
	checks, err := loadChecks(ctx, q, `c.branch_id = ? AND c.date >= ? AND c.date <= ?`, branch, from, to)
	if err != nil {
		return ev, nil, err
	}
	var sum float64
	for i := range checks {
		sum += checks[i].Score(th).Standard
		refs[data.AutoWelfare] = append(refs[data.AutoWelfare], data.EvidenceRef{Kind: data.EntCheck, ID: checks[i].ID, Label: data.CheckLabel(&checks[i])})
	}
	if ev.Checks = len(checks); ev.Checks > 0 {
		ev.AvgCheckScore = sum / float64(ev.Checks)
	}

	rows, err := q.QueryContext(ctx, selectWelfare+` WHERE w.branch_id = ? AND w.state = ? AND w.done_date >= ? AND w.done_date <= ?
		ORDER BY w.done_date, w.id`, branch, data.WelfareDone, from, to)
	if err != nil {
		return ev, nil, err
	}
	for rows.Next() {
		w, err := scanWelfare(rows)
		if err != nil {
			rows.Close()
			return ev, nil, err
		}
		ref := data.EvidenceRef{Kind: data.EntWelfare, ID: w.ID, Label: w.Title}
		ev.WelfareDone++
		refs[data.AutoWelfare] = append(refs[data.AutoWelfare], ref)
		if w.InHouse {
			ev.InHouse++
			refs[data.AutoInHouse] = append(refs[data.AutoInHouse], ref)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ev, nil, err
	}

	surveys, err := loadSurveys(ctx, q, `branch_id = ? AND period_from <= ? AND period_to >= ?`, branch, to, from)
	if err != nil {
		return ev, nil, err
	}
	// loadSurveys lists the latest (by period start, then id) first.
	seen := map[string]bool{}
	satisfied := 0
	for i := range surveys {
		s := &surveys[i]
		if seen[s.Category] {
			continue
		}
		seen[s.Category] = true
		all := s.Overall()
		ev.Answers += all.Total()
		satisfied += all.Counts[data.AnswerVerySatisfied] + all.Counts[data.AnswerSatisfied]
		refs[data.AutoWelfare] = append(refs[data.AutoWelfare], data.EvidenceRef{Kind: data.EntSurvey, ID: s.ID, Label: data.SurveyLabel(s)})
	}
	if ev.Answers > 0 {
		ev.Satisfaction = float64(satisfied) / float64(ev.Answers)
	}
	if err := disciplineEvidence(ctx, q, branch, p, &ev, refs); err != nil {
		return ev, nil, err
	}

	if err := db.orgLifeEvidence(ctx, p, today, &ev, refs); err != nil {
		return ev, nil, err
	}
	if err := emergencyEvidence(ctx, q, branch, p, &ev, refs); err != nil {
		return ev, nil, err
	}
	if err := petitionEvidence(ctx, q, branch, p, &ev, refs); err != nil {
		return ev, nil, err
	}
	if err := concernEvidence(ctx, q, branch, p, &ev, refs); err != nil {
		return ev, nil, err
	}
	if err := decisionEvidence(ctx, q, branch, p, &ev, refs); err != nil {
		return ev, nil, err
	}
	return ev, refs, nil
}
