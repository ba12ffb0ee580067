package data

import (
	"fmt"
	"strings"
)

// The R1 roster (党员花名册) layout is both the standard export and the import format (SPEC §6, §7).

// RosterHeaders are the R1 column headers, in order. reports.WriteRoster prints exactly these, and
// ParseRoster recognises them (and their synonyms) when reading a workbook back.
var RosterHeaders = []string{
	"序号", FName, FBranch, FIDNumber, FSex, FEthnicity, FBirthDate, FEducation, FCategory,
	FJoinDate, FFullDate, FJob, FMobile, FLandline, FAddress, FPartyStatus, FLostContact,
	FLostDate, FFloating, FFloatingTo, FRemark,
}

// RowProblem is one reason why a row of an imported workbook cannot be imported as it is.
type RowProblem struct {
	Row    int    // the row number as Excel shows it (1-based)
	Field  string // the field's Chinese label, "" for a problem of the whole row
	Value  string // the cell's text as read
	Reason string // Chinese: what is wrong and what to fix
}

// Text is the problem without its row: 出生日期「1990-13-01」：…, or the reason alone for a
// problem of the whole row.
func (p RowProblem) Text() string {
	field := p.Field
	if p.Value != "" {
		field += "「" + p.Value + "」"
	}
	if field == "" {
		return p.Reason
	}
	return field + "：" + p.Reason
}

// ProblemsText is a row's problems in one line, as the import previews show them: 字段「值」：原因；…
func ProblemsText(ps []RowProblem) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Text()
	}
	return strings.Join(parts, "；")
}

// String is the problem on one line: 第3行 出生日期「1990-13-01」：…, or 第4行：… for the whole row.
func (p RowProblem) String() string {
	if p.Field == "" && p.Value == "" {
		return fmt.Sprintf("第%d行：%s", p.Row, p.Reason)
	}
	return fmt.Sprintf("第%d行 %s", p.Row, p.Text())
}

// RosterRow is one data row of an imported roster, parsed and checked.
type RosterRow struct {
	Row      int    // Excel row number
	Member   Member // the parsed member (only the R1 fields are set)
	Problems []RowProblem
	// Exists is set by MarkExisting when a member with the same ID number is already saved.
	Exists bool
}

// RosterParse is the result of reading a roster sheet: the preview the user decides on.
type RosterParse struct {
	HeaderRow int            // Excel row number of the header row
	Columns   map[string]int // field label → 0-based column index
	Ignored   []string       // header cells that match no field (shown to the user, not an error)
	Rows      []RosterRow    // non-empty data rows, in file order
}
