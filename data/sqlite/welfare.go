package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"

	"branchledger/data"
)

// This file keeps the welfare items (办实事/职工诉求, data.WelfareItemStore) and the history of their
// states.

func errNoWelfareItem(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的办实事事项，可能已被删除，请刷新后再试", id))
}

// The cost is stored in fen (分), so that sums are exact.
func toFen(yuan float64) int64 { return int64(math.Round(yuan * 100)) }
func toYuan(fen int64) float64 { return float64(fen) / 100 }

const selectWelfare = `SELECT w.id, w.branch_id, w.title, w.category, w.source, w.proposer, w.proposed_date, w.handler_id,
	coalesce(m.name, ''), w.planned_date, w.state, w.reason, w.done_date, w.rating, w.cost_fen, w.in_house, w.created_at,
	w.updated_at FROM welfare_item w LEFT JOIN member m ON m.id = w.handler_id`

func scanWelfare(row interface{ Scan(...any) error }) (data.WelfareItem, error) {
	var w data.WelfareItem
	var proposed, planned, done, created, updated string
	var fen int64
	err := row.Scan(&w.ID, &w.BranchID, &w.Title, &w.Category, &w.Source, &w.Proposer, &proposed, &w.HandlerID, &w.Handler,
		&planned, &w.State, &w.Reason, &done, &w.Rating, &fen, &w.InHouse, &created, &updated)
	if err != nil {
		return w, err
	}
	w.Cost = toYuan(fen)
	for _, d := range []struct {
		s  string
		to *data.Date
	}{{proposed, &w.ProposedDate}, {planned, &w.PlannedDate}, {done, &w.DoneDate}} {
		if *d.to, err = parseDate(d.s); err != nil {
			return w, err
		}
	}
	if w.CreatedAt, err = parseStamp(created); err != nil {
		return w, err
	}
	w.UpdatedAt, err = parseStamp(updated)
	return w, err
}

func getWelfareItem(ctx context.Context, q querier, id int64) (data.WelfareItem, error) {
	return oneRow(scanWelfare(q.QueryRowContext(ctx, selectWelfare+` WHERE w.id = ?`, id)))(errNoWelfareItem(id))
}

// WelfareItems lists the current branch's items matching f by 提出日期 then id, with the handler's
// name.
func (db *DB) WelfareItems(ctx context.Context, f data.WelfareFilter) ([]data.WelfareItem, error) {
	w := branchFilter(`w.`)
	w.dated(`w.proposed_date`, f.From, f.To)
	if len(f.States) > 0 {
		w.add(`w.state IN (SELECT value FROM json_each(?))`, jsonList(f.States))
	}
	if f.Category != "" {
		w.add(`w.category = ?`, f.Category)
	}
	if f.HandlerID != 0 {
		w.add(`w.handler_id = ?`, f.HandlerID)
	}
	if !f.OverdueOn.IsZero() {
		w.add(`w.state IN (?, ?) AND w.planned_date < ?`, data.WelfareRegistered, data.WelfareHandling, f.OverdueOn.String())
	}
	rows, err := db.db.QueryContext(ctx, selectWelfare+` WHERE `+w.sql()+` ORDER BY w.proposed_date, w.id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ws []data.WelfareItem
	for rows.Next() {
		w, err := scanWelfare(rows)
		if err != nil {
			return nil, err
		}
		ws = append(ws, w)
	}
	return ws, rows.Err()
}

// WelfareItem returns the item with id and its handler's name.
func (db *DB) WelfareItem(ctx context.Context, id int64) (data.WelfareItem, error) {
	return getWelfareItem(ctx, db.db, id)
}

// SaveWelfareItem creates (ID 0, in the current branch unless BranchID says otherwise; state 已登记
// unless given) or updates an item after Normalize and ValidateWelfareItem with the store's day.
// An update keeps the saved 状态, 原因 and 办结日期, which only ChangeWelfareState changes. The
// handler must be a member of the branch (FieldErrors on 承办人). A creation is the first entry of
// the item's history. On success w holds what was saved, with the handler's name.
func (db *DB) SaveWelfareItem(ctx context.Context, w *data.WelfareItem) error {
	today := db.today()
	var saved data.WelfareItem
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		saved, err = db.saveWelfareItem(ctx, tx, *w, today)
		return err
	})
	if err == nil {
		*w = saved
	}
	return err
}

// saveWelfareItem is SaveWelfareItem within tx: it returns what was saved. 转办实事 of a concern
// (concern.go) creates its welfare item with it in the concern's transaction.
func (db *DB) saveWelfareItem(ctx context.Context, tx *sql.Tx, saved data.WelfareItem, today data.Date) (data.WelfareItem, error) {
	var stored *data.WelfareItem
	if saved.ID != 0 {
		s, err := getWelfareItem(ctx, tx, saved.ID)
		if err != nil {
			return saved, err
		}
		stored = &s
		saved.BranchID, saved.CreatedAt = s.BranchID, s.CreatedAt
		saved.State, saved.Reason, saved.DoneDate = s.State, s.Reason, s.DoneDate
	}
	saved.Normalize()
	if fe := data.ValidateWelfareItem(&saved, today); fe != nil {
		return saved, fe
	}
	var err error
	if saved.BranchID, err = ownerBranch(ctx, tx, "welfare_item", 0, saved.BranchID, nil); err != nil {
		return saved, err
	}
	if ok, err := inBranch(ctx, tx, "member", saved.HandlerID, saved.BranchID); err != nil {
		return saved, err
	} else if !ok {
		return saved, data.FieldErrors{{Field: data.FHandler, Message: "所选承办人不在本支部党员名单中（可能已被删除），请重新选择"}}
	}
	if saved.Handler, err = nameOf(ctx, tx, "member", saved.HandlerID); err != nil {
		return saved, err
	}
	stamp := db.stamp()
	if saved.UpdatedAt, err = parseStamp(stamp); err != nil {
		return saved, err
	}
	id, err := writeRow(ctx, tx, "welfare_item", saved.ID, saved.BranchID, stamp, []string{"title", "category", "source", "proposer",
		"proposed_date", "handler_id", "planned_date", "state", "reason", "done_date", "rating", "cost_fen", "in_house"},
		[]any{saved.Title, saved.Category, saved.Source, saved.Proposer, saved.ProposedDate.String(), saved.HandlerID,
			saved.PlannedDate.String(), saved.State, saved.Reason, saved.DoneDate.String(), saved.Rating, toFen(saved.Cost),
			bit(saved.InHouse)})
	if err != nil {
		return saved, err
	}
	var before data.Fields
	if stored != nil {
		before = data.WelfareFields(stored)
	} else {
		saved.ID, saved.CreatedAt = id, saved.UpdatedAt
		if err := addWelfareHistory(ctx, tx, &saved, "", stamp); err != nil {
			return saved, err
		}
	}
	return saved, db.logSave(ctx, tx, data.EntWelfare, saved.ID, saved.Title, before, data.WelfareFields(&saved))
}

// addWelfareHistory records that w (as it is now) came from state `from`, with its reason and
// 办结日期.
func addWelfareHistory(ctx context.Context, tx *sql.Tx, w *data.WelfareItem, from, stamp string) error {
	reason := w.Reason
	if from == "" && w.State != data.WelfareRejected {
		reason = ""
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO welfare_history (item_id, at, from_state, to_state, reason, done_date) VALUES (?, ?, ?, ?, ?, ?)`,
		w.ID, stamp, from, w.State, reason, w.DoneDate.String())
	return err
}

// ChangeWelfareState moves the item with id to state `to` on the store's day
// (data.ApplyWelfareTransition, done being the 办结日期 when finishing) and records the move in the
// item's history and the operation log, in one transaction. A refused move returns
// ApplyWelfareTransition's error and changes nothing.
func (db *DB) ChangeWelfareState(ctx context.Context, id int64, to, reason string, done data.Date) (data.WelfareItem, error) {
	today := db.today()
	var w data.WelfareItem
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if w, err = getWelfareItem(ctx, tx, id); err != nil {
			return err
		}
		before, from := data.WelfareFields(&w), w.State
		if err := data.ApplyWelfareTransition(&w, to, reason, done, today); err != nil {
			return err
		}
		stamp := db.stamp()
		res, err := tx.ExecContext(ctx, `UPDATE welfare_item SET (state, reason, done_date, rating, updated_at) = (?, ?, ?, ?, ?) WHERE id = ?`,
			w.State, w.Reason, w.DoneDate.String(), w.Rating, stamp, id)
		if err = mustAffect(res, err, errNoWelfareItem(id)); err != nil {
			return err
		}
		if w.UpdatedAt, err = parseStamp(stamp); err != nil {
			return err
		}
		// The history keeps this move's reason only: a move that needs none leaves the item's last one.
		h := w
		if !needsReason(from, to) {
			h.Reason = ""
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO welfare_history (item_id, at, from_state, to_state, reason, done_date) VALUES (?, ?, ?, ?, ?, ?)`,
			h.ID, stamp, from, h.State, h.Reason, h.DoneDate.String()); err != nil {
			return err
		}
		detail := from + " → " + w.State
		if h.Reason != "" {
			detail += "，原因：" + h.Reason
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActState, Entity: data.EntWelfare, EntityID: id, Label: w.Title,
			Before: before, After: data.WelfareFields(&w), Detail: detail})
	})
	if err != nil {
		return data.WelfareItem{}, err
	}
	return w, nil
}

func needsReason(from, to string) bool {
	for _, t := range data.WelfareTransitions {
		if t.From == from && t.To == to {
			return t.NeedsReason
		}
	}
	return false
}

// WelfareHistory lists the item's changes of state, oldest first; the creation comes first with
// From "". StateChange.FindingID holds the item's id and CloseOut is nil (an item's 办结日期 is in
// the item).
func (db *DB) WelfareHistory(ctx context.Context, itemID int64) ([]data.StateChange, error) {
	if ok, err := exists(ctx, db.db, "welfare_item", itemID); err != nil {
		return nil, err
	} else if !ok {
		return nil, errNoWelfareItem(itemID)
	}
	return scanAll(ctx, db.db, `SELECT id, item_id, at, from_state, to_state, reason FROM welfare_history WHERE item_id = ? ORDER BY id`,
		[]any{itemID}, func(rows *sql.Rows) (data.StateChange, error) {
			var h data.StateChange
			var at string
			err := rows.Scan(&h.ID, &h.FindingID, &at, &h.From, &h.To, &h.Reason)
			if err == nil {
				h.At, err = parseStamp(at)
			}
			return h, err
		})
}

// welfareKind is how data.WelfareItem records are read back, named (by their title) and logged.
var welfareKind = recordKind[data.WelfareItem]{entity: data.EntWelfare, table: "welfare_item", get: getWelfareItem,
	label: func(w *data.WelfareItem) string { return w.Title }, fields: data.WelfareFields}

// DeleteWelfareItem moves an item typed by mistake, with its history, to the recycle bin.
func (db *DB) DeleteWelfareItem(ctx context.Context, id int64) error {
	return welfareKind.delete(ctx, db, id)
}

// welfareHandlerInUse says why a member who handles welfare items cannot be deleted ("" when they
// handle none); memberInUse (member.go) calls it, so that the refusal names the items.
func welfareHandlerInUse(ctx context.Context, q querier, memberID int64) (string, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM welfare_item WHERE handler_id = ?`, memberID).Scan(&n); err != nil {
		return "", err
	}
	if n == 0 {
		return "", nil
	}
	return fmt.Sprintf("该党员是 %d 件办实事事项的承办人，不能删除；请先把这些事项改由其他党员承办", n), nil
}

// jsonList is the JSON array of values, for "IN (SELECT value FROM json_each(?))".
func jsonList(values []string) string {
	b, _ := json.Marshal(values)
	return string(b)
}
