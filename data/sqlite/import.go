package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"branchledger/data"
)

// progressEvery is how many rows pass between progress reports of ImportMembers.
const progressEvery = 200

// ImportMembers saves ms into the current branch in one transaction: all or nothing. Each member is
// normalised and validated again (the store never holds an invalid member); a member whose ID
// number is already saved (or earlier in ms) is handled by mode:
//   - ImportSkip (also ""): left as saved, counted Skipped;
//   - ImportUpdate: its roster (R1) fields are overwritten and its placement (group, team, role, key
//     post, supervisor, work date, roll status) kept; a row that changes nothing counts Skipped;
//   - ImportAdd: the whole import fails with EConflict naming the ID number.
//
// progress, when not nil, is called on the calling goroutine every progressEvery rows and at the end.
func (db *DB) ImportMembers(ctx context.Context, ms []data.Member, mode data.ImportMode, progress func(done, total int)) (data.ImportResult, error) {
	mode, err := data.ParseImportMode(string(mode))
	if err != nil {
		return data.ImportResult{}, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	today := data.DateOf(db.now())
	var res data.ImportResult
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := refuseConsolidated(ctx, tx); err != nil {
			return err
		}
		branch, err := requireBranch(ctx, tx)
		if err != nil {
			return err
		}
		saved, err := membersByIDNumber(ctx, tx, branch)
		if err != nil {
			return err
		}
		groups, err := idSet(ctx, tx, "party_group", branch)
		if err != nil {
			return err
		}
		teams, err := idSet(ctx, tx, "team", branch)
		if err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, insertMemberSQL)
		if err != nil {
			return err
		}
		defer ins.Close()
		upd, err := tx.PrepareContext(ctx, updateMemberSQL)
		if err != nil {
			return err
		}
		defer upd.Close()
		stamp := db.stamp()
		imported := make(map[string]bool) // ID numbers saved by this import, to word a repeat in ms

		for i := range ms {
			if i%progressEvery == 0 {
				progress(i, len(ms))
			}
			m := ms[i]
			m.Normalize()
			old, exists := saved[m.IDNumber]
			switch {
			case exists && mode == data.ImportSkip:
				res.Skipped++
				continue
			case exists && mode == data.ImportAdd && imported[m.IDNumber]:
				return data.Errorf(data.EConflict, fmt.Sprintf(
					"身份证号 %s 在导入的名单中出现了不止一次（「%s」和「%s」），请删除重复的行。导入已取消，没有保存任何数据", m.IDNumber, old.Name, m.Name))
			case exists && mode == data.ImportAdd:
				return data.Errorf(data.EConflict, fmt.Sprintf(
					"身份证号 %s 已登记为党员「%s」，不能作为新党员导入。导入已取消，没有保存任何数据", m.IDNumber, old.Name))
			case exists:
				merged := old
				copyRoster(&merged, &m)
				if merged == old {
					res.Skipped++
					continue
				}
				m = merged
			default:
				m.ID, m.BranchID = 0, branch
				// Placement refers to rows of this file; the importer's ids must exist here.
				if m.GroupID != 0 && !groups[m.GroupID] || m.TeamID != 0 && !teams[m.TeamID] {
					return data.Errorf(data.EInvalid, fmt.Sprintf(
						"党员「%s」（身份证号 %s）的党小组或班组不存在。导入已取消，没有保存任何数据", m.Name, m.IDNumber))
				}
			}
			if fe := data.ValidateMember(&m, today); fe != nil {
				return data.Errorf(data.EInvalid, fmt.Sprintf(
					"党员「%s」（身份证号 %s）的数据有误：%s。导入已取消，没有保存任何数据", m.Name, m.IDNumber, fe.Error()))
			}
			if exists {
				if _, err := upd.ExecContext(ctx, append(append([]any{stamp}, memberValues(&m)...), m.ID)...); err != nil {
					return err
				}
				res.Updated++
			} else {
				r, err := ins.ExecContext(ctx, append([]any{branch, stamp, stamp}, memberValues(&m)...)...)
				if err != nil {
					return err
				}
				if m.ID, err = r.LastInsertId(); err != nil {
					return err
				}
				res.Added++
			}
			saved[m.IDNumber], imported[m.IDNumber] = m, true // a repeat later in ms meets this row
		}
		progress(len(ms), len(ms))
		// One entry for the whole import: its counts, not a row per member.
		return db.logOp(ctx, tx, data.Op{Action: data.ActImport, Entity: data.EntMember,
			Label: fmt.Sprintf("党员名单 %d 行", len(ms)), Detail: res.Summary()})
	})
	if err != nil {
		return data.ImportResult{}, err
	}
	return res, nil
}

// copyRoster copies the R1 roster fields (data.RosterHeaders) from src to dst.
func copyRoster(dst, src *data.Member) {
	dst.Name, dst.IDNumber, dst.Sex, dst.Ethnicity, dst.BirthDate = src.Name, src.IDNumber, src.Sex, src.Ethnicity, src.BirthDate
	dst.Education, dst.Category, dst.JoinDate, dst.FullDate = src.Education, src.Category, src.JoinDate, src.FullDate
	dst.Job, dst.Mobile, dst.Landline, dst.Address = src.Job, src.Mobile, src.Landline, src.Address
	dst.PartyStatus, dst.LostContact, dst.LostDate = src.PartyStatus, src.LostContact, src.LostDate
	dst.Floating, dst.FloatingTo, dst.Remark = src.Floating, src.FloatingTo, src.Remark
}

// membersByIDNumber loads the branch's members keyed by ID number.
func membersByIDNumber(ctx context.Context, q querier, branch int64) (map[string]data.Member, error) {
	rows, err := q.QueryContext(ctx, selectMember+` WHERE branch_id = ?`, branch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[string]data.Member)
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		byID[m.IDNumber] = m
	}
	return byID, rows.Err()
}

// idSet loads the ids of table's rows in the branch.
func idSet(ctx context.Context, q querier, table string, branch int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM `+table+` WHERE branch_id = ?`, branch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	set := make(map[int64]bool)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		set[id] = true
	}
	return set, rows.Err()
}
