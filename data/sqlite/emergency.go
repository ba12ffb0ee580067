package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"branchledger/data"
)

// This file keeps 应急防控 (data.EmergencyStore): the records with their members, and the supplies.

func errNoEmergency(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的应急防控记录，可能已被删除，请刷新后再试", id))
}

func errNoSupply(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的应急物资，可能已被删除，请刷新后再试", id))
}

func loadEmergencies(ctx context.Context, q querier, where string, args ...any) ([]data.Emergency, error) {
	return loadWithChildren(ctx, q, `SELECT e.id, e.branch_id, e.kind, e.date, e.subject, e.place, e.lead, e.result,
			(SELECT count(*) FROM finding f WHERE f.emergency_id = e.id), e.created_at, e.updated_at
		FROM emergency e WHERE `+where+` ORDER BY e.date, e.id`, args,
		func(rows *sql.Rows) (data.Emergency, error) {
			var e data.Emergency
			var date, created, updated string
			err := rows.Scan(&e.ID, &e.BranchID, &e.Kind, &date, &e.Subject, &e.Place, &e.Lead, &e.Result, &e.Findings, &created, &updated)
			return e, finishRow(err, created, updated, &e.CreatedAt, &e.UpdatedAt, dateCol{date, &e.Date})
		}, func(e *data.Emergency) int64 { return e.ID },
		membersOf("emergency_member", "emergency_id", "commando"),
		func(rows *sql.Rows) (int64, data.EmergencyMember, error) {
			var id int64
			var m data.EmergencyMember
			err := rows.Scan(&id, &m.MemberID, &m.Name, &m.Commando)
			return id, m, err
		}, func(e *data.Emergency, m data.EmergencyMember) { e.Members = append(e.Members, m) })
}

func getEmergency(ctx context.Context, q querier, id int64) (data.Emergency, error) {
	es, err := loadEmergencies(ctx, q, `e.id = ?`, id)
	return first(es, err, errNoEmergency(id))
}

// emergencyKind is how the store reads back, names, logs and deletes these records.
var emergencyKind = recordKind[data.Emergency]{entity: data.EntEmergency, table: "emergency", get: getEmergency, label: data.EmergencyLabel, fields: data.EmergencyFields}

// Emergencies lists the current branch's records matching f by date then id.
func (db *DB) Emergencies(ctx context.Context, f data.EmergencyFilter) ([]data.Emergency, error) {
	w := branchFilter(`e.`)
	w.dated(`e.date`, f.From, f.To)
	if f.Kind != "" {
		w.add(`e.kind = ?`, f.Kind)
	}
	if f.MemberID != 0 {
		w.add(`EXISTS (SELECT 1 FROM emergency_member p WHERE p.emergency_id = e.id AND p.member_id = ?)`, f.MemberID)
	}
	return loadEmergencies(ctx, db.db, w.sql(), w.args...)
}

// Emergency returns the record with id, its members and findings count.
func (db *DB) Emergency(ctx context.Context, id int64) (data.Emergency, error) {
	return getEmergency(ctx, db.db, id)
}

// SaveEmergency creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// record with its members after Normalize and ValidateEmergency with the store's day. On success e
// holds what was saved.
func (db *DB) SaveEmergency(ctx context.Context, e *data.Emergency) error {
	e.Normalize()
	if fe := data.ValidateEmergency(e, db.today()); fe != nil {
		return fe
	}
	var saved data.Emergency
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, "emergency", e.ID, e.BranchID, errNoEmergency(e.ID))
		if err != nil {
			return err
		}
		ids := make([]int64, len(e.Members))
		for i, m := range e.Members {
			ids[i] = m.MemberID
		}
		if err := membersInBranch(ctx, tx, branch, data.FEmMembers, ids); err != nil {
			return err
		}
		if e.ID != 0 {
			// A finding raised from the record cannot predate it.
			var early string
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(min(found_date), '') FROM finding WHERE emergency_id = ?`, e.ID).Scan(&early); err != nil {
				return err
			}
			if early != "" && e.Date.String() > early {
				return data.FieldErrors{{Field: data.FEmDate, Message: fmt.Sprintf("日期不能晚于由本记录发现的问题的发现日期（%s）", early)}}
			}
		}
		id, before, err := emergencyKind.upsert(ctx, db, tx, e.ID, branch, []string{"kind", "date", "subject", "place", "lead", "result"},
			[]any{e.Kind, e.Date.String(), e.Subject, e.Place, e.Lead, e.Result})
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM emergency_member WHERE emergency_id = ?`, id); err != nil {
			return err
		}
		for i, m := range e.Members {
			if _, err := tx.ExecContext(ctx, `INSERT INTO emergency_member (emergency_id, member_id, commando, sort) VALUES (?, ?, ?, ?)`,
				id, m.MemberID, m.Commando, i+1); err != nil {
				return err
			}
		}
		saved, err = emergencyKind.logSaved(ctx, db, tx, id, before)
		return err
	})
	if err == nil {
		*e = saved
	}
	return err
}

// DeleteEmergency moves a record with its members to the recycle bin; the findings raised from it
// stay in 问题整改, unlinked until the record is restored.
func (db *DB) DeleteEmergency(ctx context.Context, id int64) error {
	return emergencyKind.delete(ctx, db, id)
}

// emergencyOfFinding adds to fe what is wrong with the record a finding names: not of the
// finding's branch, or later than the finding.
func emergencyOfFinding(ctx context.Context, q querier, f *data.Finding, fe *data.FieldErrors) error {
	var date string
	err := q.QueryRowContext(ctx, `SELECT date FROM emergency WHERE id = ? AND branch_id = ?`, f.EmergencyID, f.BranchID).Scan(&date)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		*fe = append(*fe, data.FieldError{Field: "来源", Message: "该问题所属的应急防控记录不存在（可能已被删除），请刷新后再试"})
	case err != nil:
		return err
	case f.FoundDate.String() < date:
		*fe = append(*fe, data.FieldError{Field: data.FFoundDate, Message: fmt.Sprintf("发现日期不能早于应急防控记录的日期（%s）", date)})
	}
	return nil
}

const selectSupply = `SELECT id, branch_id, name, quantity, unit, place, checked, expires, created_at, updated_at FROM supply`

func scanSupply(row interface{ Scan(...any) error }) (data.Supply, error) {
	var s data.Supply
	var checked, expires, created, updated string
	err := row.Scan(&s.ID, &s.BranchID, &s.Name, &s.Quantity, &s.Unit, &s.Place, &checked, &expires, &created, &updated)
	return s, finishRow(err, created, updated, &s.CreatedAt, &s.UpdatedAt, dateCol{checked, &s.Checked}, dateCol{expires, &s.Expires})
}

func getSupply(ctx context.Context, q querier, id int64) (data.Supply, error) {
	return oneRow(scanSupply(q.QueryRowContext(ctx, selectSupply+` WHERE id = ?`, id)))(errNoSupply(id))
}

// supplyKind is how the store reads back, names, logs and deletes these records.
var supplyKind = recordKind[data.Supply]{entity: data.EntSupply, table: "supply", get: getSupply, label: data.SupplyLabel, fields: data.SupplyFields}

// Supplies lists the current branch's supplies by name then id.
func (db *DB) Supplies(ctx context.Context) ([]data.Supply, error) {
	return scanAll(ctx, db.db, selectSupply+` WHERE branch_id = (SELECT min(id) FROM branch) ORDER BY name, id`, nil,
		func(rows *sql.Rows) (data.Supply, error) { return scanSupply(rows) })
}

// Supply returns the supply with id.
func (db *DB) Supply(ctx context.Context, id int64) (data.Supply, error) {
	return getSupply(ctx, db.db, id)
}

// SaveSupply creates (ID 0) or updates a supply after Normalize and ValidateSupply with the store's
// day. On success s holds what was saved.
func (db *DB) SaveSupply(ctx context.Context, s *data.Supply) error {
	s.Normalize()
	if fe := data.ValidateSupply(s, db.today()); fe != nil {
		return fe
	}
	var saved data.Supply
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, "supply", s.ID, s.BranchID, errNoSupply(s.ID))
		if err != nil {
			return err
		}
		saved, err = supplyKind.save(ctx, db, tx, s.ID, branch, []string{"name", "quantity", "unit", "place", "checked", "expires"},
			[]any{s.Name, s.Quantity, s.Unit, s.Place, s.Checked.String(), s.Expires.String()})
		return err
	})
	if err == nil {
		*s = saved
	}
	return err
}

// DeleteSupply moves a supply to the recycle bin.
func (db *DB) DeleteSupply(ctx context.Context, id int64) error {
	return supplyKind.delete(ctx, db, id)
}

// emergencyEvidence fills ev.Emergency for period p (a month) and the records behind AutoEmergency:
// the month's records, the quarter's drills up to ev.AsOf, and the supplies in fault on ev.AsOf.
func emergencyEvidence(ctx context.Context, q querier, branch int64, p data.Period, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	quarter := data.TalkPeriodOf(data.TalkPerQuarter, p.From)
	end := quarter.To
	if ev.AsOf.Before(end) {
		end = ev.AsOf
	}
	es, err := loadEmergencies(ctx, q, `e.branch_id = ? AND e.date >= ? AND e.date <= ?`, branch, quarter.From.String(), end.String())
	if err != nil {
		return err
	}
	em := data.A1EmergencyEvidence{Quarter: quarter.Label, QuarterEnded: !ev.AsOf.Before(quarter.To)}
	for i := range es {
		e := &es[i]
		inMonth := p.Contains(e.Date)
		if e.Kind == data.EmergencyDrill {
			em.Drills++
		}
		if inMonth {
			em.Records++
			em.ByKind[slices.Index(data.EmergencyKinds, e.Kind)]++
			em.Members += len(e.Members)
			em.Commandos += e.Commandos()
		}
		if inMonth || e.Kind == data.EmergencyDrill {
			refs[data.AutoEmergency] = append(refs[data.AutoEmergency], data.EvidenceRef{Kind: data.EntEmergency, ID: e.ID, Label: data.EmergencyLabel(e)})
		}
	}
	ss, err := scanAll(ctx, q, selectSupply+` WHERE branch_id = ? ORDER BY name, id`, []any{branch},
		func(rows *sql.Rows) (data.Supply, error) { return scanSupply(rows) })
	if err != nil {
		return err
	}
	em.Supplies = len(ss)
	for i := range ss {
		if data.SupplyFault(&ss[i], ev.AsOf) {
			em.Faults++
			refs[data.AutoEmergency] = append(refs[data.AutoEmergency], data.EvidenceRef{Kind: data.EntSupply, ID: ss[i].ID, Label: data.SupplyLabel(&ss[i])})
		}
	}
	ev.Emergency = em
	return nil
}
