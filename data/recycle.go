package data

import (
	"context"
	"time"
)

// BinEntry is one deleted record in the recycle bin (回收站, SPEC §8): the record with everything
// deleted with it (an inspection's findings and their history, …), restorable as a whole.
type BinEntry struct {
	ID        int64
	DeletedAt time.Time // local time (stored in UTC)
	Entity    string    // one of the Ent… constants
	EntityID  int64     // the record's id when deleted
	Label     string    // its readable name, as in the operation log
	// Detail says what was deleted with it, e.g. "连同 3 个问题、5 条办理记录"; "" when nothing.
	Detail string
}

// Object names the entry like Op.Object: 党员「张三」. A kind whose name reads badly in a sentence
// gets its short name: "已恢复办实事事项「…」" stutters 事事.
func (e *BinEntry) Object() string {
	op := Op{Entity: e.Entity, Label: e.Label}
	if short, ok := binNouns[e.Entity]; ok {
		op.Entity = short
	}
	return op.Object()
}

// binNouns are the short names the recycle bin's messages use for some kinds.
var binNouns = map[string]string{EntWelfare: "办实事"}

// RecycleStore keeps deleted records. Deleting moves a record to the bin (its rows leave the live
// tables, so no list, count or report sees it); restoring puts it back whole.
type RecycleStore interface {
	// RecycleBin lists the bin, most recently deleted first.
	RecycleBin(ctx context.Context) ([]BinEntry, error)
	// RestoreFromBin puts the entry's records back with their ids, and the references its deletion
	// cleared (a group's leader, members' group) back where the record they pointed at still exists.
	// It refuses with a Chinese reason (EConflict) when the record would clash with saved data, e.g.
	// its ID number now belongs to another member.
	RestoreFromBin(ctx context.Context, id int64) error
	// PurgeBin deletes entries for good; EmptyBin deletes them all.
	PurgeBin(ctx context.Context, ids ...int64) error
	EmptyBin(ctx context.Context) error
}
