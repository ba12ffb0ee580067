package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"branchledger/data"
)

// This file keeps the 党费 ledger (data.DuesStore): the rate table, base history, reliefs, monthly
// payments, voluntary payments and the months' states. Amounts are INTEGER fen.

const currentBranch = `(SELECT min(id) FROM branch)`

func errNoDues(noun string, id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的%s，可能已被删除，请刷新后再试", id, noun))
}

// parseMonthCol reads a stored month, 'YYYY-MM' (the schema checks the form), by hand: a year's
// payments of a large branch are thousands of rows.
func parseMonthCol(s string) (data.Month, error) {
	if s == "" {
		return data.Month{}, nil
	}
	if len(s) == 7 && s[4] == '-' {
		y, m := 0, 0
		for _, c := range s[:4] {
			y = y*10 + int(c-'0')
		}
		m = int(s[5]-'0')*10 + int(s[6]-'0')
		if m >= 1 && m <= 12 {
			return data.Month{Year: y, Month: time.Month(m)}, nil
		}
	}
	return data.Month{}, fmt.Errorf("stored month %q is not YYYY-MM", s)
}

// duesMember is the member a dues record is for; a missing one is the form's error on 姓名.
func duesMember(ctx context.Context, q querier, id int64) (data.Member, error) {
	m, err := getMember(ctx, q, id)
	if data.ErrorCode(err) == data.ENotFound {
		err = data.FieldErrors{{Field: data.FName, Message: "所选党员不存在（可能已被删除），请重新选择"}}
	}
	return m, err
}

// memberRow says how a member's dues record (relief, voluntary payment) is saved: its columns
// with their values (the first is the member's id; updated_at is added), its kind, and the fields
// the save fills in: the record's id and its member's branch and name.
type memberRow[T any] struct {
	cols   string
	values []any
	kind   *recordKind[T]
	filled func(*T) (id, branch *int64, name *string)
}

// duesKind is the recordKind of a member's dues rows of table, read back by load with alias's id
// (a missing one is errNoDues(noun)).
func duesKind[T any](entity, table, noun, alias string, load func(context.Context, querier, string, ...any) ([]T, error),
	label func(*T) string, fields func(*T) data.Fields) recordKind[T] {
	return recordKind[T]{entity: entity, table: table, label: label, fields: fields,
		get: func(ctx context.Context, q querier, id int64) (T, error) {
			list, err := load(ctx, q, alias+`.id = ?`, id)
			return first(list, err, errNoDues(noun, id))
		}}
}

// The dues rows a member has, each deleted to the recycle bin on its own.
var (
	duesBaseKind = duesKind(data.EntDuesBase, "dues_base", "党费计算基数", "b", loadDuesBases,
		func(b *data.DuesBase) string { return data.DuesLabel(b.MemberName, b.From) }, data.DuesBaseFields)
	duesReliefKind = duesKind(data.EntDuesRelief, "dues_relief", "党费减免", "r", loadDuesReliefs,
		func(r *data.DuesRelief) string { return data.DuesLabel(r.MemberName, r.From) + r.Kind }, data.DuesReliefFields)
	duesExtraKind = duesKind(data.EntDuesExtra, "dues_extra", "自愿多交党费", "e", loadDuesExtras, extraLabel, data.DuesExtraFields)
)

// saveMemberRow saves rec, checked, in one transaction: its member must exist (and gives it its
// branch and name), then its row is inserted (id 0, setting the id) or updated and the creation or
// change logged. On success *out is the record saved.
func saveMemberRow[T any](ctx context.Context, db *DB, out *T, rec T, r memberRow[T]) error {
	id, branch, name := r.filled(&rec)
	err := db.write(ctx, func(tx *sql.Tx) error {
		m, err := duesMember(ctx, tx, r.values[0].(int64))
		if err != nil {
			return err
		}
		*branch, *name = m.BranchID, m.Name
		return writeMemberRow(ctx, db, tx, id, &rec, r)
	})
	if err == nil {
		*out = rec
	}
	return err
}

// writeMemberRow inserts (id 0, setting id) or updates rec's row and logs the creation or change.
func writeMemberRow[T any](ctx context.Context, db *DB, tx *sql.Tx, id *int64, rec *T, r memberRow[T]) error {
	values := append(r.values, db.stamp())
	marks := strings.Repeat("?, ", len(values)-1) + "?"
	cols := r.cols + ", updated_at"
	if *id == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO `+r.kind.table+` (branch_id, `+cols+`) SELECT branch_id, `+marks+` FROM member WHERE id = ?`,
			append(values, r.values[0])...)
		if err != nil {
			return err
		}
		if *id, err = res.LastInsertId(); err != nil {
			return err
		}
		return db.logSave(ctx, tx, r.kind.entity, *id, r.kind.label(rec), nil, r.kind.fields(rec))
	}
	stored, err := r.kind.get(ctx, tx, *id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE `+r.kind.table+` SET (`+cols+`) = (`+marks+`) WHERE id = ?`, append(values, *id)...); err != nil {
		return err
	}
	return db.logSave(ctx, tx, r.kind.entity, *id, r.kind.label(rec), r.kind.fields(&stored), r.kind.fields(rec))
}

func extraLabel(e *data.DuesExtra) string {
	return e.MemberName + " " + e.Date.String() + " 自愿多交"
}

// ---- Rate table ----

// DuesRates is the current branch's rate table, DefaultDuesRates until edited.
func (db *DB) DuesRates(ctx context.Context) (data.DuesRates, error) { return duesRates(ctx, db.db) }

func duesRates(ctx context.Context, q querier) (data.DuesRates, error) {
	r, err := scanAll(ctx, q, `SELECT category, up_to_fen, rate_bp, fixed_fen, fixed_max_fen FROM dues_rate
		WHERE branch_id = `+currentBranch+` ORDER BY seq`, nil, func(rows *sql.Rows) (data.DuesBand, error) {
		var b data.DuesBand
		err := rows.Scan(&b.Category, &b.UpTo, &b.Rate, &b.Fixed, &b.FixedMax)
		return b, err
	})
	if err == nil && len(r) == 0 {
		return data.DefaultDuesRates(), nil
	}
	return r, err
}

// SetDuesRates replaces the current branch's rate table after ValidateDuesRates. Saved payments
// keep the 应缴 they were paid against; months not yet paid follow the new table.
func (db *DB) SetDuesRates(ctx context.Context, r data.DuesRates) error {
	if fe := data.ValidateDuesRates(r); fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		branch, err := requireBranch(ctx, tx)
		if err != nil {
			return err
		}
		before, err := duesRates(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM dues_rate WHERE branch_id = ?`, branch); err != nil {
			return err
		}
		for i, b := range r {
			if _, err := tx.ExecContext(ctx, `INSERT INTO dues_rate (branch_id, seq, category, up_to_fen, rate_bp, fixed_fen, fixed_max_fen)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, branch, i+1, b.Category, b.UpTo, b.Rate, b.Fixed, b.FixedMax); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntDuesRates, 0, "党费比例表", data.DuesRatesFields(before), data.DuesRatesFields(r))
	})
}

// ---- Base history ----

const selectDuesBase = `SELECT b.id, b.branch_id, b.member_id, coalesce(m.name, ''), b.from_month, b.category, b.base_fen,
	b.fixed_fen, b.remark FROM dues_base b LEFT JOIN member m ON m.id = b.member_id`

func scanDuesBase(rows *sql.Rows) (data.DuesBase, error) {
	var b data.DuesBase
	var from string
	err := rows.Scan(&b.ID, &b.BranchID, &b.MemberID, &b.MemberName, &from, &b.Category, &b.Base, &b.Fixed, &b.Remark)
	if err == nil {
		b.From, err = parseMonthCol(from)
	}
	return b, err
}

func loadDuesBases(ctx context.Context, q querier, where string, args ...any) ([]data.DuesBase, error) {
	return scanAll(ctx, q, selectDuesBase+` WHERE `+where+` ORDER BY b.member_id, b.from_month`, args, scanDuesBase)
}

// DuesBases lists the base history of a member (0 = every member of the current branch).
func (db *DB) DuesBases(ctx context.Context, memberID int64) ([]data.DuesBase, error) {
	if memberID != 0 {
		return loadDuesBases(ctx, db.db, `b.member_id = ?`, memberID)
	}
	return loadDuesBases(ctx, db.db, `b.branch_id = `+currentBranch)
}

// SaveDuesBase creates or updates a base entry; an entry for a month the member already has one
// for takes its place (the history holds one entry a month).
func (db *DB) SaveDuesBase(ctx context.Context, b *data.DuesBase) error {
	var saved data.DuesBase
	err := db.write(ctx, func(tx *sql.Tx) error {
		rates, err := duesRates(ctx, tx)
		if err != nil {
			return err
		}
		saved = *b
		_, err = db.writeDuesBase(ctx, tx, &saved, rates, true)
		return err
	})
	if err == nil {
		*b = saved
	}
	return err
}

// writeDuesBase validates and saves b, logging it when log; changed is false when an entry with
// the same values was saved already.
func (db *DB) writeDuesBase(ctx context.Context, tx *sql.Tx, b *data.DuesBase, rates data.DuesRates, log bool) (changed bool, err error) {
	b.Remark = strings.TrimSpace(b.Remark)
	if !data.DuesByRate(b.Category) {
		b.Base = 0
	}
	if b.Category != data.DuesFarmer && b.Category != data.DuesFixed {
		b.Fixed = 0
	}
	if fe := data.ValidateDuesBase(b, rates); fe != nil {
		return false, fe
	}
	m, err := duesMember(ctx, tx, b.MemberID)
	if err != nil {
		return false, err
	}
	b.BranchID, b.MemberName = m.BranchID, m.Name
	var stored *data.DuesBase
	where, args := `b.member_id = ? AND b.from_month = ?`, []any{b.MemberID, b.From.String()}
	if b.ID != 0 {
		where, args = `b.id = ?`, []any{b.ID}
	}
	found, err := loadDuesBases(ctx, tx, where, args...)
	if err != nil {
		return false, err
	}
	if len(found) > 0 {
		stored = &found[0]
	} else if b.ID != 0 {
		return false, errNoDues("党费计算基数", b.ID)
	}
	stamp := db.stamp()
	label := duesBaseKind.label(b)
	if stored == nil {
		res, err := tx.ExecContext(ctx, `INSERT INTO dues_base (branch_id, member_id, from_month, category, base_fen, fixed_fen, remark,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.BranchID, b.MemberID, b.From.String(), b.Category, b.Base,
			b.Fixed, b.Remark, stamp, stamp)
		if err != nil {
			return false, err
		}
		if b.ID, err = res.LastInsertId(); err != nil {
			return false, err
		}
		if log {
			return true, db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntDuesBase, EntityID: b.ID, Label: label,
				After: data.DuesBaseFields(b)})
		}
		return true, nil
	}
	b.ID = stored.ID
	if stored.MemberID != b.MemberID {
		return false, data.FieldErrors{{Field: data.FName, Message: "计算基数不能改给另一名党员，请为该党员另行新增"}}
	}
	if *stored == *b {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE dues_base SET (from_month, category, base_fen, fixed_fen, remark, updated_at) = (?, ?, ?, ?, ?, ?)
		WHERE id = ?`, b.From.String(), b.Category, b.Base, b.Fixed, b.Remark, stamp, b.ID); err != nil {
		if isUnique(err) {
			return false, data.FieldErrors{{Field: data.FDuesFrom, Message: "该党员在这个月份已有计算基数，请直接修改那一条"}}
		}
		return false, err
	}
	if log {
		return true, db.logChange(ctx, tx, data.EntDuesBase, b.ID, label, data.DuesBaseFields(stored), data.DuesBaseFields(b))
	}
	return true, nil
}

func isUnique(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// DeleteDuesBase moves a base entry typed by mistake to the recycle bin.
func (db *DB) DeleteDuesBase(ctx context.Context, id int64) error {
	return duesBaseKind.delete(ctx, db, id)
}

// ImportDuesBases saves checked entries in one transaction, all or nothing: an entry for a month
// the member has one for replaces it (Updated; Skipped when nothing changed), others are Added.
// One log entry counts them.
func (db *DB) ImportDuesBases(ctx context.Context, bs []data.DuesBase, progress func(done, total int)) (data.ImportResult, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	var res data.ImportResult
	err := db.write(ctx, func(tx *sql.Tx) error {
		res = data.ImportResult{}
		if err := refuseConsolidated(ctx, tx); err != nil {
			return err
		}
		rates, err := duesRates(ctx, tx)
		if err != nil {
			return err
		}
		for i := range bs {
			if i%progressEvery == 0 {
				progress(i, len(bs))
			}
			b := bs[i]
			had, err := loadDuesBases(ctx, tx, `b.member_id = ? AND b.from_month = ?`, b.MemberID, b.From.String())
			if err != nil {
				return err
			}
			b.ID = 0
			changed, err := db.writeDuesBase(ctx, tx, &b, rates, false)
			switch {
			case err != nil:
				return fmt.Errorf("第 %d 条（%s）：%w", i+1, b.MemberName, err)
			case !changed:
				res.Skipped++
			case len(had) > 0:
				res.Updated++
			default:
				res.Added++
			}
		}
		progress(len(bs), len(bs))
		return db.logOp(ctx, tx, data.Op{Action: data.ActImport, Entity: data.EntDuesBase,
			Label: fmt.Sprintf("党费计算基数 %d 条", len(bs)), Detail: res.Summary()})
	})
	return res, err
}

// ---- Reliefs ----

const selectDuesRelief = `SELECT r.id, r.branch_id, r.member_id, coalesce(m.name, ''), r.kind, r.from_month, r.to_month, r.amount_fen,
	r.apply_date, r.committee_date, r.approval_no, r.reason FROM dues_relief r LEFT JOIN member m ON m.id = r.member_id`

func loadDuesReliefs(ctx context.Context, q querier, where string, args ...any) ([]data.DuesRelief, error) {
	return scanAll(ctx, q, selectDuesRelief+` WHERE `+where+` ORDER BY r.member_id, r.from_month, r.id`, args,
		func(rows *sql.Rows) (data.DuesRelief, error) {
			var r data.DuesRelief
			var from, to, apply, committee string
			err := rows.Scan(&r.ID, &r.BranchID, &r.MemberID, &r.MemberName, &r.Kind, &from, &to, &r.Amount, &apply, &committee,
				&r.ApprovalNo, &r.Reason)
			if err == nil {
				r.From, err = parseMonthCol(from)
			}
			if err == nil {
				r.To, err = parseMonthCol(to)
			}
			if err == nil {
				r.ApplyDate, err = parseDate(apply)
			}
			if err == nil {
				r.CommitteeDate, err = parseDate(committee)
			}
			return r, err
		})
}

// DuesReliefs lists the reductions and exemptions of a member (0 = every member of the branch).
func (db *DB) DuesReliefs(ctx context.Context, memberID int64) ([]data.DuesRelief, error) {
	if memberID != 0 {
		return loadDuesReliefs(ctx, db.db, `r.member_id = ?`, memberID)
	}
	return loadDuesReliefs(ctx, db.db, `r.branch_id = `+currentBranch)
}

// SaveDuesRelief creates or updates a reduction or exemption after ValidateDuesRelief.
func (db *DB) SaveDuesRelief(ctx context.Context, r *data.DuesRelief) error {
	saved := *r
	saved.Reason = strings.TrimSpace(saved.Reason)
	if saved.Kind == data.ReliefExempt {
		saved.Amount = 0
	}
	if fe := data.ValidateDuesRelief(&saved); fe != nil {
		return fe
	}
	return saveMemberRow(ctx, db, r, saved, memberRow[data.DuesRelief]{kind: &duesReliefKind,
		cols: `member_id, kind, from_month, to_month, amount_fen, apply_date, committee_date, approval_no, reason`,
		values: []any{saved.MemberID, saved.Kind, saved.From.String(), saved.To.String(), saved.Amount, saved.ApplyDate.String(),
			saved.CommitteeDate.String(), saved.ApprovalNo, saved.Reason},
		filled: func(r *data.DuesRelief) (*int64, *int64, *string) { return &r.ID, &r.BranchID, &r.MemberName }})
}

// DeleteDuesRelief moves a relief to the recycle bin.
func (db *DB) DeleteDuesRelief(ctx context.Context, id int64) error {
	return duesReliefKind.delete(ctx, db, id)
}

// ---- Payments ----

const selectDuesPayment = `SELECT p.id, p.branch_id, p.member_id, coalesce(m.name, ''), p.month, p.due_fen, p.paid_fen, p.paid_date,
	p.method, p.late_reason, p.remark FROM dues_payment p LEFT JOIN member m ON m.id = p.member_id`

func loadDuesPayments(ctx context.Context, q querier, where string, args ...any) ([]data.DuesPayment, error) {
	return scanAll(ctx, q, selectDuesPayment+` WHERE `+where+` ORDER BY p.month, p.member_id`, args,
		func(rows *sql.Rows) (data.DuesPayment, error) {
			var p data.DuesPayment
			var month, date string
			err := rows.Scan(&p.ID, &p.BranchID, &p.MemberID, &p.MemberName, &month, &p.Due, &p.Paid, &date, &p.Method,
				&p.LateReason, &p.Remark)
			if err == nil {
				p.Month, err = parseMonthCol(month)
			}
			if err == nil {
				p.Date, err = parseDate(date)
			}
			return p, err
		})
}

// DuesPayments lists the current branch's payments of months from … to.
func (db *DB) DuesPayments(ctx context.Context, from, to data.Month) ([]data.DuesPayment, error) {
	return loadDuesPayments(ctx, db.db, `p.branch_id = `+currentBranch+` AND p.month >= ? AND p.month <= ?`, from.String(), to.String())
}

// settledMonth refuses a change of a settled month.
func settledMonth(ctx context.Context, q querier, branch int64, m data.Month) error {
	var settled bool
	err := q.QueryRowContext(ctx, `SELECT settled FROM dues_month WHERE branch_id = ? AND month = ?`, branch, m.String()).Scan(&settled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err == nil && settled {
		err = data.Errorf(data.EConflict, m.Chinese()+"的党费已结算，不能再修改；如确需更正，请先重新打开该月（须写明原因）")
	}
	return err
}

// PayDues records a payment of one or several months in one transaction.
func (db *DB) PayDues(ctx context.Context, p data.DuesPay) ([]data.DuesPayment, error) {
	today := db.today()
	if fe := data.ValidateDuesPay(&p, today); fe != nil {
		return nil, fe
	}
	p.Remark = strings.TrimSpace(p.Remark)
	var out []data.DuesPayment
	err := db.write(ctx, func(tx *sql.Tx) error {
		out = nil
		m, err := duesMember(ctx, tx, p.MemberID)
		if err != nil {
			return err
		}
		v, err := memberDuesView(ctx, tx, &m)
		if err != nil {
			return err
		}
		stamp := db.stamp()
		for _, month := range p.Months {
			if err := settledMonth(ctx, tx, m.BranchID, month); err != nil {
				return err
			}
			d := v.DueOf(m.ID, month)
			if d.Base == nil && p.Amount == 0 {
				return data.FieldErrors{{Field: data.FDuesMonth, Message: fmt.Sprintf("%s在%s还没有计算基数，无法算出应缴，请先在党费档案中填写计算基数",
					m.Name, month.Chinese())}}
			}
			paid := d.Due
			if p.Amount > 0 {
				paid = p.Amount
			}
			late := ""
			if data.MonthsLate(month, p.Date) > data.DuesLateLimit {
				late = p.LateReason
			}
			pay := data.DuesPayment{BranchID: m.BranchID, MemberID: m.ID, MemberName: m.Name, Month: month, Due: d.Due, Paid: paid,
				Date: p.Date, Method: p.Method, LateReason: late, Remark: p.Remark}
			had, err := loadDuesPayments(ctx, tx, `p.member_id = ? AND p.month = ?`, m.ID, month.String())
			if err != nil {
				return err
			}
			values := []any{pay.Due, pay.Paid, pay.Date.String(), pay.Method, pay.LateReason, pay.Remark, stamp}
			label := data.DuesLabel(m.Name, month)
			if len(had) > 0 {
				pay.ID = had[0].ID
				if _, err := tx.ExecContext(ctx, `UPDATE dues_payment SET (due_fen, paid_fen, paid_date, method, late_reason, remark, updated_at)
					= (?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, append(values, pay.ID)...); err != nil {
					return err
				}
				if err := db.logChange(ctx, tx, data.EntDues, pay.ID, label, data.DuesPaymentFields(&had[0]), data.DuesPaymentFields(&pay)); err != nil {
					return err
				}
			} else {
				res, err := tx.ExecContext(ctx, `INSERT INTO dues_payment (branch_id, member_id, month, due_fen, paid_fen, paid_date, method,
					late_reason, remark, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					append(append([]any{pay.BranchID, pay.MemberID, month.String()}, values...), stamp)...)
				if err != nil {
					return err
				}
				if pay.ID, err = res.LastInsertId(); err != nil {
					return err
				}
				if err := db.logOp(ctx, tx, data.Op{Action: data.ActCreate, Entity: data.EntDues, EntityID: pay.ID, Label: label,
					After: data.DuesPaymentFields(&pay)}); err != nil {
					return err
				}
			}
			out = append(out, pay)
		}
		return nil
	})
	return out, err
}

// memberDuesView is the ledger of one member as working out their 应缴 needs: rates, bases, reliefs.
func memberDuesView(ctx context.Context, q querier, m *data.Member) (*data.DuesView, error) {
	rates, err := duesRates(ctx, q)
	if err != nil {
		return nil, err
	}
	bases, err := loadDuesBases(ctx, q, `b.member_id = ?`, m.ID)
	if err != nil {
		return nil, err
	}
	reliefs, err := loadDuesReliefs(ctx, q, `r.member_id = ?`, m.ID)
	if err != nil {
		return nil, err
	}
	return data.NewDuesView(data.Month{}, data.Month{}, rates, []data.Member{*m}, nil, bases, reliefs, nil, nil), nil
}

// loadDuesView is the ledger of months from … to of every member in the file, in no particular
// member order, as the A2 regeneration reads it inside its transaction.
func loadDuesView(ctx context.Context, q querier, from, to data.Month) (*data.DuesView, error) {
	rates, err := duesRates(ctx, q)
	if err != nil {
		return nil, err
	}
	members, err := scanAll(ctx, q, selectMember, nil, func(rows *sql.Rows) (data.Member, error) { return scanMember(rows) })
	if err != nil {
		return nil, err
	}
	bases, err := loadDuesBases(ctx, q, `1`)
	if err != nil {
		return nil, err
	}
	reliefs, err := loadDuesReliefs(ctx, q, `1`)
	if err != nil {
		return nil, err
	}
	pays, err := loadDuesPayments(ctx, q, `p.month >= ? AND p.month <= ?`, from.String(), to.String())
	if err != nil {
		return nil, err
	}
	return data.NewDuesView(from, to, rates, members, nil, bases, reliefs, pays, nil), nil
}

// DeleteDuesPayment moves a payment recorded by mistake to the recycle bin (not in a settled month).
func (db *DB) DeleteDuesPayment(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		ps, err := loadDuesPayments(ctx, tx, `p.id = ?`, id)
		p, err := first(ps, err, errNoDues("党费缴纳记录", id))
		if err != nil {
			return err
		}
		if err := settledMonth(ctx, tx, p.BranchID, p.Month); err != nil {
			return err
		}
		return db.deleteToBin(ctx, tx, binItem{Entity: data.EntDues, Table: "dues_payment", ID: id,
			Label: data.DuesLabel(p.MemberName, p.Month), Fields: data.DuesPaymentFields(&p)})
	})
}

// ---- Voluntary payments ----

const selectDuesExtra = `SELECT e.id, e.branch_id, e.member_id, coalesce(m.name, ''), e.date, e.amount_fen, e.method, e.remark
	FROM dues_extra e LEFT JOIN member m ON m.id = e.member_id`

func loadDuesExtras(ctx context.Context, q querier, where string, args ...any) ([]data.DuesExtra, error) {
	return scanAll(ctx, q, selectDuesExtra+` WHERE `+where+` ORDER BY e.date, e.id`, args, func(rows *sql.Rows) (data.DuesExtra, error) {
		var e data.DuesExtra
		var date string
		err := rows.Scan(&e.ID, &e.BranchID, &e.MemberID, &e.MemberName, &date, &e.Amount, &e.Method, &e.Remark)
		if err == nil {
			e.Date, err = parseDate(date)
		}
		return e, err
	})
}

// DuesExtras lists the voluntary payments of year (0 = every year) by date.
func (db *DB) DuesExtras(ctx context.Context, year int) ([]data.DuesExtra, error) {
	if year == 0 {
		return loadDuesExtras(ctx, db.db, `e.branch_id = `+currentBranch)
	}
	p := data.YearPeriod(year)
	return loadDuesExtras(ctx, db.db, `e.branch_id = `+currentBranch+` AND e.date >= ? AND e.date <= ?`, p.From.String(), p.To.String())
}

// SaveDuesExtra creates or updates a voluntary payment after ValidateDuesExtra.
func (db *DB) SaveDuesExtra(ctx context.Context, e *data.DuesExtra) error {
	saved := *e
	saved.Remark = strings.TrimSpace(saved.Remark)
	if fe := data.ValidateDuesExtra(&saved, db.today()); fe != nil {
		return fe
	}
	return saveMemberRow(ctx, db, e, saved, memberRow[data.DuesExtra]{kind: &duesExtraKind,
		cols: `member_id, date, amount_fen, method, remark`, values: []any{saved.MemberID, saved.Date.String(), saved.Amount, saved.Method, saved.Remark},
		filled: func(e *data.DuesExtra) (*int64, *int64, *string) { return &e.ID, &e.BranchID, &e.MemberName }})
}

// DeleteDuesExtra moves a voluntary payment to the recycle bin.
func (db *DB) DeleteDuesExtra(ctx context.Context, id int64) error {
	return duesExtraKind.delete(ctx, db, id)
}

// ---- Month states ----

// DuesMonths is the state of each month of year in the current branch.
func (db *DB) DuesMonths(ctx context.Context, year int) ([]data.DuesMonthState, error) {
	out := make([]data.DuesMonthState, 12)
	for i := range out {
		out[i] = data.DuesMonthState{Month: data.Month{Year: year, Month: data.MonthAt(i).Month}, State: data.DuesUncollected}
	}
	from, to := fmt.Sprintf("%04d-01", year), fmt.Sprintf("%04d-12", year)
	// One probe of the month index per month: DISTINCT over the year's payments reads every row.
	months := make([]string, 12)
	for i := range months {
		months[i] = fmt.Sprintf("%04d-%02d", year, i+1)
	}
	paid, err := scanAll(ctx, db.db, `SELECT m.value FROM json_each(?) m WHERE EXISTS (
		SELECT 1 FROM dues_payment p WHERE p.month = m.value AND p.branch_id = `+currentBranch+`)`,
		[]any{jsonText(months)}, func(rows *sql.Rows) (string, error) {
			var s string
			return s, rows.Scan(&s)
		})
	if err != nil {
		return nil, err
	}
	for _, s := range paid {
		if m, err := parseMonthCol(s); err == nil {
			out[m.Month-1].State = data.DuesCollecting
		}
	}
	rows, err := db.db.QueryContext(ctx, `SELECT month, settled, reason FROM dues_month WHERE branch_id = `+currentBranch+` AND month BETWEEN ? AND ?`, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s, reason string
		var settled bool
		if err := rows.Scan(&s, &settled, &reason); err != nil {
			return nil, err
		}
		m, err := parseMonthCol(s)
		if err != nil {
			return nil, err
		}
		st := &out[m.Month-1]
		st.Reason, st.Settled = reason, settled
		if settled {
			st.State = data.DuesSettled
		}
	}
	return out, rows.Err()
}

// SettleDuesMonth marks month m settled (已结算): its payments change only after reopening.
func (db *DB) SettleDuesMonth(ctx context.Context, m data.Month) error {
	return db.setDuesMonth(ctx, m, true, "")
}

// ReopenDuesMonth opens a settled month again; the reason is required and logged.
func (db *DB) ReopenDuesMonth(ctx context.Context, m data.Month, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.FieldErrors{{Field: data.FDuesReason, Message: "重新打开已结算的月份须写明原因"}}
	}
	return db.setDuesMonth(ctx, m, false, reason)
}

func (db *DB) setDuesMonth(ctx context.Context, m data.Month, settle bool, reason string) error {
	if m.IsZero() {
		return data.FieldErrors{{Field: data.FDuesMonth, Message: "请选择月份"}}
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		branch, err := requireBranch(ctx, tx)
		if err != nil {
			return err
		}
		var settled bool
		err = tx.QueryRowContext(ctx, `SELECT settled FROM dues_month WHERE branch_id = ? AND month = ?`, branch, m.String()).Scan(&settled)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		switch {
		case settle && settled:
			return data.Errorf(data.EConflict, m.Chinese()+"已经结算")
		case !settle && !settled:
			return data.Errorf(data.EConflict, m.Chinese()+"尚未结算，无需重新打开")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO dues_month (branch_id, month, settled, reason) VALUES (?, ?, ?, ?)
			ON CONFLICT (branch_id, month) DO UPDATE SET settled = excluded.settled, reason = excluded.reason`,
			branch, m.String(), bit(settle), reason); err != nil {
			return err
		}
		detail := "结算"
		if !settle {
			detail = "重新打开，原因：" + reason
		}
		return db.logOp(ctx, tx, data.Op{Action: data.ActState, Entity: data.EntDuesMonth, Label: m.Chinese() + "党费", Detail: detail})
	})
}
