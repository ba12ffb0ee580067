package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"branchledger/data"
)

// This file keeps the 思想疏导 records (data.ConcernStore) and reads their A1 evidence.

func errNoConcern(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的思想疏导记录，可能已被删除，请刷新后再试", id))
}

const selectConcern = `SELECT c.id, c.branch_id, c.date, c.worker, c.team, c.channel, c.category, c.situation, c.counselor_id,
	coalesce(m.name, ''), c.measures, c.result, c.visit_date, c.visit, coalesce(c.welfare_id, 0), coalesce(w.title, ''),
	c.created_at, c.updated_at
	FROM concern c LEFT JOIN member m ON m.id = c.counselor_id LEFT JOIN welfare_item w ON w.id = c.welfare_id`

func scanConcern(row interface{ Scan(...any) error }) (data.Concern, error) {
	var c data.Concern
	var date, visit, created, updated string
	err := row.Scan(&c.ID, &c.BranchID, &date, &c.Worker, &c.Team, &c.Channel, &c.Category, &c.Situation, &c.CounselorID,
		&c.Counselor, &c.Measures, &c.Result, &visit, &c.Visit, &c.WelfareID, &c.Welfare, &created, &updated)
	return c, finishRow(err, created, updated, &c.CreatedAt, &c.UpdatedAt, dateCol{date, &c.Date}, dateCol{visit, &c.VisitDate})
}

func getConcern(ctx context.Context, q querier, id int64) (data.Concern, error) {
	return oneRow(scanConcern(q.QueryRowContext(ctx, selectConcern+` WHERE c.id = ?`, id)))(errNoConcern(id))
}

// concernKind is how the store reads back, names, logs and deletes these records.
var concernKind = recordKind[data.Concern]{entity: data.EntConcern, table: "concern", get: getConcern, label: data.ConcernLabel, fields: data.ConcernFields}

func loadConcerns(ctx context.Context, q querier, where string, args ...any) ([]data.Concern, error) {
	return scanAll(ctx, q, selectConcern+` WHERE `+where+` ORDER BY c.date, c.id`, args,
		func(rows *sql.Rows) (data.Concern, error) { return scanConcern(rows) })
}

// Concerns lists the current branch's concerns matching f by date then id, with the counsellor's
// name and the linked welfare item's 事项.
func (db *DB) Concerns(ctx context.Context, f data.ConcernFilter) ([]data.Concern, error) {
	w := branchFilter(`c.`)
	w.dated(`c.date`, f.From, f.To)
	if !f.VisitOverdueOn.IsZero() {
		w.add(`c.visit = '' AND c.visit_date <> '' AND c.visit_date < ?`, f.VisitOverdueOn.String())
	}
	if f.WelfareID != 0 {
		w.add(`c.welfare_id = ?`, f.WelfareID)
	}
	return loadConcerns(ctx, db.db, w.sql(), w.args...)
}

// Concern returns the concern with id, with the counsellor's name and the welfare item's 事项.
func (db *DB) Concern(ctx context.Context, id int64) (data.Concern, error) {
	return getConcern(ctx, db.db, id)
}

// SaveConcern creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// concern after Normalize and ValidateConcern with the store's day. A result of 转办实事 without a
// linked welfare item creates one (data.ConcernWelfareItem) and links it, in the same transaction:
// the item is saved and logged as SaveWelfareItem does, then the concern. The link itself is the
// store's: a concern's WelfareID as given is ignored. On success c holds what was saved.
func (db *DB) SaveConcern(ctx context.Context, c *data.Concern) error {
	today := db.today()
	var saved data.Concern
	err := db.write(ctx, func(tx *sql.Tx) error {
		in := *c
		in.WelfareID = 0
		var before data.Fields
		if in.ID != 0 {
			stored, err := getConcern(ctx, tx, in.ID)
			if err != nil {
				return err
			}
			before = data.ConcernFields(&stored)
			in.WelfareID = stored.WelfareID
		}
		in.Normalize()
		if fe := data.ValidateConcern(&in, today); fe != nil {
			return fe
		}
		branch, err := ownerBranch(ctx, tx, "concern", in.ID, in.BranchID, errNoConcern(in.ID))
		if err != nil {
			return err
		}
		in.BranchID = branch
		if ok, err := inBranch(ctx, tx, "member", in.CounselorID, branch); err != nil {
			return err
		} else if !ok {
			return data.FieldErrors{{Field: data.FCounselor, Message: "所选疏导人不在本支部党员名单中（可能已被删除），请重新选择"}}
		}
		if in.Result == data.ConcernTransferred && in.WelfareID == 0 {
			w, err := db.saveWelfareItem(ctx, tx, data.ConcernWelfareItem(&in, today), today)
			if err != nil {
				return transferError(err)
			}
			in.WelfareID = w.ID
		}
		id, err := writeRow(ctx, tx, "concern", in.ID, branch, db.stamp(), []string{"date", "worker", "team", "channel", "category",
			"situation", "counselor_id", "measures", "result", "visit_date", "visit", "welfare_id"},
			[]any{in.Date.String(), in.Worker, in.Team, in.Channel, in.Category, in.Situation, in.CounselorID, in.Measures,
				in.Result, in.VisitDate.String(), in.Visit, nullID(in.WelfareID)})
		if err != nil {
			return err
		}
		saved, err = concernKind.logSaved(ctx, db, tx, id, before)
		return err
	})
	if err == nil {
		*c = saved
	}
	return err
}

// transferError is a refusal of the welfare item 转办实事 makes, said about the concern: its
// fields are the welfare item's, so the message names them under 结果.
func transferError(err error) error {
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	msgs := make([]string, len(fe))
	for i, e := range fe {
		msgs[i] = e.Label() + "：" + e.Message
	}
	return data.FieldErrors{{Field: data.FConcernResult, Message: "无法转办为办实事事项（" + strings.Join(msgs, "；") + "）"}}
}

// DeleteConcern moves a concern to the recycle bin. The welfare item it was handed on to stays.
func (db *DB) DeleteConcern(ctx context.Context, id int64) error {
	return concernKind.delete(ctx, db, id)
}

// concernEvidence fills the A1 evidence of 人文关怀疏导靠前 for period p (ev.AsOf set): the concerns
// recorded in p, the return visits done in p (回访情况 written, 回访日期 in p), those still due in p
// and those open and overdue on AsOf; refs lists the month's concerns, then the overdue ones of
// earlier months. A visit made late counts on the day it was made (its 回访日期 is then that day).
func concernEvidence(ctx context.Context, q querier, branch int64, p data.Period, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	asOf := ev.AsOf
	cs, err := loadConcerns(ctx, q, `c.branch_id = ? AND c.date <= ? AND (c.date >= ? OR c.visit_date >= ? OR c.visit = '' AND c.visit_date <> '')`,
		branch, p.To.String(), p.From.String(), p.From.String())
	if err != nil {
		return err
	}
	ce := data.A1ConcernEvidence{AsOf: asOf}
	var overdue []data.EvidenceRef
	for i := range cs {
		c := &cs[i]
		ref := data.EvidenceRef{Kind: data.EntConcern, ID: c.ID, Label: data.ConcernLabel(c)}
		if p.Contains(c.Date) {
			ce.Handled++
			if c.Result == data.ConcernTransferred {
				ce.Transferred++
			}
			refs[data.AutoConcern] = append(refs[data.AutoConcern], ref)
		}
		switch {
		case c.Visit != "" && p.Contains(c.VisitDate):
			ce.VisitsDone++
		case c.VisitOverdueDays(asOf) > 0:
			ce.VisitsOverdue++
			if !p.Contains(c.Date) {
				overdue = append(overdue, ref)
			}
		case c.VisitDueBy(asOf, p.To):
			ce.VisitsPending++
		}
	}
	refs[data.AutoConcern] = append(refs[data.AutoConcern], overdue...)
	ev.Concern = ce
	return nil
}
