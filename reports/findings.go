package reports

import (
	"fmt"

	"branchledger/data"
)

// FindingRow is one finding (问题) as R2, R3 and R4 print it, with its team's name resolved and its
// lateness worked out for one day (the as-of day).
type FindingRow struct {
	FoundDate   data.Date
	Source      string // 来源
	Team        string // 班组, "" when none or unknown
	Description string
	Category    string
	Level       string
	Responsible string
	Measures    string // 整改措施
	Deadline    data.Date
	Progress    string // 整改情况
	Acceptor    string // 验收人
	ClosedDate  data.Date
	State       string
	OverdueDays int // days past 整改期限 on the as-of day, 0 when not overdue
}

// Status is what the 状态 column shows: 逾期N天 for an overdue finding, else its state.
func (r FindingRow) Status() string {
	if r.OverdueDays > 0 {
		return fmt.Sprintf("逾期%d天", r.OverdueDays)
	}
	return r.State
}

// FindingRows maps findings to rows in the given order, lateness as of day asOf.
//
// Only the current state of a finding is stored, so for a past day a finding counts as open when
// it had not been closed (销号日期) by then: the definition of data.ComputeFindingStats, so that R4's
// list agrees with its counts. For asOf = today this is data.Finding.OverdueDays.
func FindingRows(fs []data.Finding, teams []data.Team, asOf data.Date) []FindingRow {
	names := teamNames(teams)
	rows := make([]FindingRow, len(fs))
	for i := range fs {
		f := &fs[i]
		rows[i] = FindingRow{
			FoundDate: f.FoundDate, Source: f.Source, Team: names[f.TeamID], Description: f.Description,
			Category: f.Category, Level: f.Level, Responsible: f.Responsible, Measures: f.Measures,
			Deadline: f.Deadline, Progress: f.Progress, Acceptor: f.Acceptor, ClosedDate: f.ClosedDate,
			State: f.State, OverdueDays: overdueOn(f, asOf),
		}
	}
	return rows
}

// openOn reports whether f was open on day d: found by then and not closed by then.
func openOn(f *data.Finding, d data.Date) bool {
	closed := f.State == data.StateClosed && !f.ClosedDate.IsZero() && !f.ClosedDate.After(d)
	return !f.FoundDate.After(d) && !closed
}

// overdueOn is how many days past its deadline f was on day d (0: not overdue).
func overdueOn(f *data.Finding, d data.Date) int {
	if !openOn(f, d) || f.Deadline.IsZero() || !f.Deadline.Before(d) {
		return 0
	}
	return int(d.Time().Sub(f.Deadline.Time()).Hours() / 24)
}

func teamNames(teams []data.Team) map[int64]string {
	m := make(map[int64]string, len(teams))
	for _, t := range teams {
		m[t.ID] = t.Name
	}
	return m
}

// asOfNote is the info line of the ledgers that print findings' current states.
func asOfNote(meta Meta) string {
	d := meta.AsOf()
	return "注：状态和逾期天数均截至" + d.Chinese() + "（填报日期）。"
}
