package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"branchledger/data"
)

// This file keeps the "三重一大" decisions (data.DecisionStore) and their A1 evidence.

// The 三重一大 settings (data.DecisionRules); absent: data.DefaultDecisionRules.
const (
	settingLargeFund = "decision.large_fund" // 元
	settingQuorum    = "decision.quorum"     // "2/3"
	settingMajority  = "decision.majority"   // "1/2"
)

func errNoDecision(id int64) error {
	return data.Errorf(data.ENotFound, fmt.Sprintf("未找到编号为 %d 的“三重一大”决策事项，可能已被删除，请刷新后再试", id))
}

const selectDecision = `SELECT d.id, d.branch_id, d.meeting, coalesce(d.activity_id, 0), coalesce(a.date, ''), coalesce(a.kinds, ''),
	coalesce(a.topic, ''), d.date, d.topic, d.category, d.content, d.amount, d.entitled, d.present, d.votes_for, d.against, d.abstain,
	d.resolution, d.publicity, d.reason, coalesce(d.executor_id, 0), coalesce(m.name, ''), d.deadline, d.execution, d.state,
	d.created_at, d.updated_at
	FROM decision d LEFT JOIN activity a ON a.id = d.activity_id LEFT JOIN member m ON m.id = d.executor_id`

func scanDecision(row interface{ Scan(...any) error }) (data.Decision, error) {
	var d data.Decision
	var actDate, actKinds, actTopic, date, deadline, created, updated string
	err := row.Scan(&d.ID, &d.BranchID, &d.Meeting, &d.ActivityID, &actDate, &actKinds, &actTopic, &date, &d.Topic, &d.Category,
		&d.Content, &d.Amount, &d.Entitled, &d.Present, &d.For, &d.Against, &d.Abstain, &d.Resolution, &d.Publicity, &d.Reason,
		&d.ExecutorID, &d.Executor, &deadline, &d.Execution, &d.State, &created, &updated)
	if err != nil {
		return d, err
	}
	if d.ActivityID != 0 {
		a := data.Activity{Kinds: strings.Split(actKinds, "、"), Topic: actTopic}
		if a.Date, err = parseDate(actDate); err != nil {
			return d, err
		}
		d.Activity = data.ActivityLabel(&a)
	}
	return d, finishRow(nil, created, updated, &d.CreatedAt, &d.UpdatedAt, dateCol{date, &d.Date}, dateCol{deadline, &d.Deadline})
}

func getDecision(ctx context.Context, q querier, id int64) (data.Decision, error) {
	return oneRow(scanDecision(q.QueryRowContext(ctx, selectDecision+` WHERE d.id = ?`, id)))(errNoDecision(id))
}

// decisionKind is how the store reads back, names, logs and deletes these records.
var decisionKind = recordKind[data.Decision]{entity: data.EntDecision, table: "decision", get: getDecision, label: data.DecisionLabel, fields: data.DecisionFields}

func loadDecisions(ctx context.Context, q querier, where string, args ...any) ([]data.Decision, error) {
	return scanAll(ctx, q, selectDecision+` WHERE `+where+` ORDER BY d.date, d.id`, args,
		func(rows *sql.Rows) (data.Decision, error) { return scanDecision(rows) })
}

// Decisions lists the current branch's decisions matching f by date then id.
func (db *DB) Decisions(ctx context.Context, f data.DecisionFilter) ([]data.Decision, error) {
	w := branchFilter(`d.`)
	w.dated(`d.date`, f.From, f.To)
	return loadDecisions(ctx, db.db, w.sql(), w.args...)
}

// Decision returns the decision with id.
func (db *DB) Decision(ctx context.Context, id int64) (data.Decision, error) {
	return getDecision(ctx, db.db, id)
}

// checkDecisionRefs refuses an executor not of the branch and an activity not of it or not fitting
// the decision (data.DecisionActivityFits).
func checkDecisionRefs(ctx context.Context, tx *sql.Tx, d *data.Decision, branch int64) error {
	if d.ExecutorID != 0 {
		if ok, err := inBranch(ctx, tx, "member", d.ExecutorID, branch); err != nil {
			return err
		} else if !ok {
			return data.FieldErrors{{Field: data.FDecisionExecutor, Message: "所选党员不在本支部党员名单中（可能已被删除），请重新选择"}}
		}
	}
	if d.ActivityID == 0 {
		return nil
	}
	a, err := getActivity(ctx, tx, d.ActivityID)
	if data.ErrorCode(err) == data.ENotFound || err == nil && a.BranchID != branch {
		return data.FieldErrors{{Field: data.FDecisionActivity, Message: "所选会议记录不在本支部组织生活记录中（可能已被删除），请重新选择"}}
	} else if err != nil {
		return err
	}
	if msg := data.DecisionActivityFits(d, &a); msg != "" {
		return data.FieldErrors{{Field: data.FDecisionActivity, Message: msg + "，请重新选择"}}
	}
	return nil
}

// SaveDecision creates (ID 0, in the current branch unless BranchID says otherwise) or updates a
// decision after Normalize and ValidateDecision with the store's day. On success d holds what was
// saved.
func (db *DB) SaveDecision(ctx context.Context, d *data.Decision) error {
	d.Normalize()
	if fe := data.ValidateDecision(d, db.today()); fe != nil {
		return fe
	}
	var saved data.Decision
	err := db.write(ctx, func(tx *sql.Tx) error {
		branch, err := ownerBranch(ctx, tx, "decision", d.ID, d.BranchID, errNoDecision(d.ID))
		if err != nil {
			return err
		}
		if err := checkDecisionRefs(ctx, tx, d, branch); err != nil {
			return err
		}
		saved, err = decisionKind.save(ctx, db, tx, d.ID, branch,
			[]string{"meeting", "activity_id", "date", "topic", "category", "content", "amount", "entitled", "present", "votes_for",
				"against", "abstain", "resolution", "publicity", "reason", "executor_id", "deadline", "execution", "state"},
			[]any{d.Meeting, nullID(d.ActivityID), d.Date.String(), d.Topic, d.Category, d.Content, d.Amount, d.Entitled, d.Present,
				d.For, d.Against, d.Abstain, d.Resolution, d.Publicity, d.Reason, nullID(d.ExecutorID), d.Deadline.String(), d.Execution, d.State})
		return err
	})
	if err == nil {
		*d = saved
	}
	return err
}

// DeleteDecision moves a decision to the recycle bin.
func (db *DB) DeleteDecision(ctx context.Context, id int64) error {
	return decisionKind.delete(ctx, db, id)
}

func decisionRules(ctx context.Context, q querier) (data.DecisionRules, error) {
	r := data.DefaultDecisionRules()
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM setting WHERE key IN (?, ?, ?)`, settingLargeFund, settingQuorum, settingMajority)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var key, text string
		if err := rows.Scan(&key, &text); err != nil {
			return r, err
		}
		var bad error
		switch key {
		case settingLargeFund:
			r.LargeFund, bad = strconv.ParseFloat(text, 64)
		case settingQuorum:
			_, bad = fmt.Sscanf(text, "%d/%d", &r.Quorum.Num, &r.Quorum.Den)
		case settingMajority:
			_, bad = fmt.Sscanf(text, "%d/%d", &r.Majority.Num, &r.Majority.Den)
		}
		if bad != nil {
			return r, fmt.Errorf("bad setting %s = %q in data file", key, text)
		}
	}
	if err := rows.Err(); err != nil {
		return r, err
	}
	if fe := data.ValidateDecisionRules(r); fe != nil {
		return r, fmt.Errorf("bad 三重一大 settings in data file: %v", fe)
	}
	return r, nil
}

// DecisionRules are the settings the flags are judged by: data.DefaultDecisionRules until set.
func (db *DB) DecisionRules(ctx context.Context) (data.DecisionRules, error) {
	return decisionRules(ctx, db.db)
}

// SetDecisionRules saves the settings after data.ValidateDecisionRules, logged.
func (db *DB) SetDecisionRules(ctx context.Context, r data.DecisionRules) error {
	if fe := data.ValidateDecisionRules(r); fe != nil {
		return fe
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		old, err := decisionRules(ctx, tx)
		if err != nil {
			return err
		}
		for _, kv := range [][2]string{
			{settingLargeFund, data.FormatScore(r.LargeFund)},
			{settingQuorum, fmt.Sprintf("%d/%d", r.Quorum.Num, r.Quorum.Den)},
			{settingMajority, fmt.Sprintf("%d/%d", r.Majority.Num, r.Majority.Den)},
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
				kv[0], kv[1]); err != nil {
				return err
			}
		}
		return db.logChange(ctx, tx, data.EntDecision, 0, "三重一大决策规则", data.DecisionRulesFields(old), data.DecisionRulesFields(r))
	})
}

var _ data.DecisionStore = (*DB)(nil)

// decisionEvidence fills ev.Decisions for A1's “三重一大”决策靠前 in period p: the decisions dated in
// it, those with an execution due in it, and those overdue on ev.AsOf, flagged against the branch's
// 大额资金 amount; those records go into refs[data.AutoDecision].
func decisionEvidence(ctx context.Context, q querier, branch int64, p data.Period, ev *data.A1Evidence, refs map[string][]data.EvidenceRef) error {
	rules, err := decisionRules(ctx, q)
	if err != nil {
		return err
	}
	asOf := ev.AsOf.String()
	ds, err := loadDecisions(ctx, q, `d.branch_id = ? AND (d.date >= ? AND d.date <= ? OR d.deadline >= ? AND d.deadline <= ?
		OR d.date <= ? AND d.deadline <> '' AND d.deadline < ? AND d.state <> ?)`,
		branch, p.From.String(), asOf, p.From.String(), p.To.String(), asOf, asOf, data.DecisionDone)
	if err != nil {
		return err
	}
	ev.Decisions = data.CountDecisions(ds, p, ev.AsOf, rules)
	for i := range ds {
		refs[data.AutoDecision] = append(refs[data.AutoDecision], data.EvidenceRef{Kind: data.EntDecision, ID: ds[i].ID, Label: data.DecisionLabel(&ds[i])})
	}
	return nil
}
