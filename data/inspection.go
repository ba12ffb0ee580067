package data

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Inspection (督查记录) is one supervision visit of the Party members' supervision team (SPEC §3),
// typically done the 四不两直 way, with the problems it found.
type Inspection struct {
	ID       int64
	BranchID int64

	Date       Date        // 督查日期*
	Kind       string      // 督查类型*: one of InspectionKinds
	Shift      string      // 班次: one of Shifts or ""
	Inspectors []Inspector // 督查组成员*: at least one, exactly one Lead
	TeamID     int64       // 被查班组 (one of the branch's teams), 0 when Unit names a unit instead
	Unit       string      // 被查单位: the name printed; set from the team's name when TeamID is set
	Place      string      // 地点/岗位
	Content    string      // 督查内容

	// Findings are saved with the inspection in one transaction (InspectionStore.SaveInspection).
	Findings []Finding

	CreatedAt time.Time
	UpdatedAt time.Time
}

// Inspector is one member of an inspection's supervision team.
type Inspector struct {
	MemberID int64
	Name     string // the member's name, filled by the store when read
	Lead     bool   // 牵头人
}

// Inspection field labels.
const (
	FInspDate    = "督查日期"
	FInspKind    = "督查类型"
	FShift       = "班次"
	FInspectors  = "督查组成员"
	FInspUnit    = "被查单位/班组"
	FPlace       = "地点/岗位"
	FInspContent = "督查内容"
)

var (
	InspectionKinds = []string{"四不两直督查", "专项督查", "日常检查", "安全检查"}
	Shifts          = []string{"早班", "中班", "夜班"}
)

// Normalize cleans the text fields and its findings, which take source, date and team from the
// inspection.
func (in *Inspection) Normalize() {
	in.Kind, in.Shift, in.Unit = NormalizeText(in.Kind), NormalizeText(in.Shift), NormalizeText(in.Unit)
	in.Place, in.Content = NormalizeText(in.Place), NormalizeText(in.Content)
	for i := range in.Findings {
		f := &in.Findings[i]
		f.Source, f.InspectionID = SourceInspection, in.ID
		if f.FoundDate.IsZero() {
			f.FoundDate = in.Date
		}
		if f.TeamID == 0 {
			f.TeamID = in.TeamID
		}
		f.Normalize()
	}
}

// ValidateInspection checks an inspection and each of its findings; a finding's problems are
// reported on its row (RowFinding) so the form can point at it.
func ValidateInspection(in *Inspection, today Date) FieldErrors {
	var fe FieldErrors
	checkPastDate(&fe, FInspDate, in.Date, today, "请填写督查日期")
	switch {
	case in.Kind == "":
		fe.add(FInspKind, "请选择督查类型")
	case !slices.Contains(InspectionKinds, in.Kind):
		fe.add(FInspKind, fmt.Sprintf("督查类型「%s」无法识别", in.Kind))
	}
	if in.Shift != "" && !slices.Contains(Shifts, in.Shift) {
		fe.add(FShift, "班次应为早班、中班或夜班")
	}
	leads, seen := 0, map[int64]bool{}
	for _, p := range in.Inspectors {
		if p.Lead {
			leads++
		}
		if seen[p.MemberID] {
			fe.add(FInspectors, "督查组成员中有重复的人，请删去重复的一行")
			break
		}
		seen[p.MemberID] = true
	}
	switch {
	case len(in.Inspectors) == 0:
		fe.add(FInspectors, "请至少选择一名督查组成员")
	case leads != 1:
		fe.add(FInspectors, "请在督查组成员中指定一名牵头人")
	}
	if in.TeamID == 0 && in.Unit == "" {
		fe.add(FInspUnit, "请选择被查班组，或填写被查单位")
	}
	checkText(&fe, FInspUnit, in.Unit, 50, false)
	checkText(&fe, FPlace, in.Place, 50, false)
	checkText(&fe, FInspContent, in.Content, 1000, false)
	for i := range in.Findings {
		fe = append(fe, ValidateFinding(&in.Findings[i], today).InRow(RowFinding, i)...)
		if f := in.Findings[i]; !f.FoundDate.IsZero() && !in.Date.IsZero() && f.FoundDate.Before(in.Date) {
			fe.addRow(RowFinding, i, FFoundDate, "发现日期不能早于督查日期")
		}
	}
	return fe
}

// Lead returns the 牵头人 (zero Inspector when none).
func (in *Inspection) Lead() Inspector {
	for _, p := range in.Inspectors {
		if p.Lead {
			return p
		}
	}
	return Inspector{}
}

// InspectionFilter narrows an inspections list. Zero fields do not filter.
type InspectionFilter struct {
	From, To Date // 督查日期 within [From, To]
	Kind     string
	TeamID   int64 // -1: inspections of no team (a unit typed by hand)
	// OpenFindings keeps only inspections with at least one finding not yet 已销号.
	OpenFindings bool
}

// InspectionStore keeps inspections with their inspectors and findings.
type InspectionStore interface {
	// Inspections lists inspections (newest first) with their inspectors and findings.
	Inspections(ctx context.Context, f InspectionFilter) ([]Inspection, error)
	Inspection(ctx context.Context, id int64) (Inspection, error)
	// SaveInspection creates (ID 0) or updates an inspection with its findings in one transaction,
	// after Normalize and ValidateInspection: findings with ID 0 are created (state 待整改, history
	// recorded), findings no longer listed are deleted, the others are updated but keep their state.
	SaveInspection(ctx context.Context, in *Inspection) error
	// DeleteInspection removes an inspection with its findings.
	DeleteInspection(ctx context.Context, id int64) error
}
