package reports

import (
	"fmt"
	"io"
	"slices"

	"branchledger/data"
)

// rosterField is one R1 column: its print layout and its value for a member.
type rosterField struct {
	width float64
	kind  Kind
	align Align
	value func(m *data.Member, meta *Meta) any
}

// rosterFields maps every header of data.RosterHeaders (the national form, and the import
// format) to its column. Widths add up to what a landscape A4 page shows at 77 %, so that the body
// prints at 8 pt (SPEC §6): long texts (branch, address) wrap rather than shrink the page.
var rosterFields = map[string]rosterField{
	"序号":              {4, Int, AlignAuto, nil}, // filled by the writer
	data.FName:        {6.75, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Name }},
	data.FBranch:      {9, Text, AlignAuto, func(_ *data.Member, meta *Meta) any { return meta.Branch }},
	data.FIDNumber:    {19, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.IDNumber }},
	data.FSex:         {4, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Sex }},
	data.FEthnicity:   {5, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Ethnicity }},
	data.FBirthDate:   {11, Date, AlignAuto, func(m *data.Member, _ *Meta) any { return m.BirthDate }},
	data.FEducation:   {7, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Education }},
	data.FCategory:    {7, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Category }},
	data.FJoinDate:    {11, Date, AlignAuto, func(m *data.Member, _ *Meta) any { return m.JoinDate }},
	data.FFullDate:    {11, Date, AlignAuto, func(m *data.Member, _ *Meta) any { return m.FullDate }},
	data.FJob:         {8, Text, AlignAuto, func(m *data.Member, _ *Meta) any { return m.Job }},
	data.FMobile:      {11.5, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Mobile }},
	data.FLandline:    {10, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.Landline }},
	data.FAddress:     {14, Text, AlignAuto, func(m *data.Member, _ *Meta) any { return m.Address }},
	data.FPartyStatus: {5, Text, AlignCenter, func(m *data.Member, _ *Meta) any { return m.PartyStatus }},
	data.FLostContact: {4.5, Bool, AlignAuto, func(m *data.Member, _ *Meta) any { return m.LostContact }},
	data.FLostDate:    {9, Date, AlignAuto, func(m *data.Member, _ *Meta) any { return m.LostDate }},
	data.FFloating:    {4.5, Bool, AlignAuto, func(m *data.Member, _ *Meta) any { return m.Floating }},
	data.FFloatingTo:  {5, Text, AlignAuto, func(m *data.Member, _ *Meta) any { return m.FloatingTo }},
	data.FRemark:      {5, Text, AlignAuto, func(m *data.Member, _ *Meta) any { return m.Remark }},
}

// WriteRoster writes R1 党员花名册: one row per member, in the given order, with exactly the
// columns of data.RosterHeaders (so the file can be imported again).
func WriteRoster(w io.Writer, meta Meta, ms []data.Member) error {
	return writeRoster(w, meta, []BranchRoster{{Branch: meta.Branch, Members: ms}})
}

// BranchRoster is one branch's members of a roster; Branch fills the 所在党支部 column.
type BranchRoster struct {
	Branch  string
	Members []data.Member
}

// writeRoster writes R1 for the branches in order, numbering 序号 throughout.
func writeRoster(w io.Writer, meta Meta, branches []BranchRoster) error {
	cols := make([]Column, len(data.RosterHeaders))
	for i, h := range data.RosterHeaders {
		f, ok := rosterFields[h]
		if !ok {
			return fmt.Errorf("reports: no R1 layout for column %q", h)
		}
		cols[i] = Column{Header: h, Width: f.width, Kind: f.kind, Align: f.align}
	}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "党员花名册", Title: meta.Branch + "党员花名册", Columns: cols})
	if err != nil {
		return err
	}
	n := 0
	for _, br := range branches {
		bm := meta
		bm.Branch = br.Branch
		for j := range br.Members {
			n++
			if err := s.Rows(Row{Cells: rosterRow(n, &br.Members[j], &bm)}); err != nil {
				return err
			}
		}
	}
	return b.Write(w)
}

// RosterTable is R1's table as WriteRoster prints it: the headers (data.RosterHeaders) and one
// row of cell values per member, 序号 from 1 and 所在党支部 meta.Branch. It is also what a group
// template is filled with (TemplateData.Columns, Rows).
func RosterTable(meta Meta, ms []data.Member) (headers []string, rows [][]any) {
	rows = make([][]any, len(ms))
	for i := range ms {
		rows[i] = rosterRow(i+1, &ms[i], &meta)
	}
	return slices.Clone(data.RosterHeaders), rows
}

// rosterRow is member m's R1 row, numbered seq, by data.RosterHeaders (a column without a
// layout, which writeRoster refuses, is empty).
func rosterRow(seq int, m *data.Member, meta *Meta) []any {
	cells := make([]any, len(data.RosterHeaders))
	for i, h := range data.RosterHeaders {
		switch f, ok := rosterFields[h]; {
		case !ok:
		case f.value == nil:
			cells[i] = seq
		default:
			cells[i] = f.value(m, meta)
		}
	}
	return cells
}

// DistributionRow is one member of R1b 党员分布表, with placement ids already turned into names.
type DistributionRow struct {
	Name       string
	Sex        string
	Group      string // 党小组
	Team       string // 班组
	Job        string // 岗位
	PartyRole  string // 党内职务
	KeyPost    string // 重点岗位, "" when none
	Supervisor bool   // 督查队伍
	Category   string // 人员类别
	JoinDate   data.Date
	Mobile     string
}

// DistributionRows maps members to R1b rows, in the members' order; an unknown or zero group or
// team id gives an empty name.
func DistributionRows(ms []data.Member, groups []data.Group, teams []data.Team) []DistributionRow {
	groupName := make(map[int64]string, len(groups))
	for _, g := range groups {
		groupName[g.ID] = g.Name
	}
	teamName := teamNames(teams)
	rows := make([]DistributionRow, len(ms))
	for i, m := range ms {
		rows[i] = DistributionRow{
			Name: m.Name, Sex: m.Sex, Group: groupName[m.GroupID], Team: teamName[m.TeamID],
			Job: m.Job, PartyRole: m.PartyRole, KeyPost: m.KeyPost, Supervisor: m.Supervisor,
			Category: m.Category, JoinDate: m.JoinDate, Mobile: m.Mobile,
		}
	}
	return rows
}

var distributionColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: data.FName, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FSex, Width: 5, Kind: Text, Align: AlignCenter},
	{Header: data.FGroup, Width: 13, Kind: Text},
	{Header: data.FTeam, Width: 13, Kind: Text},
	{Header: "岗位", Width: 16, Kind: Text}, // 刮板输送机司机 on one line, in Excel as in LibreOffice
	{Header: data.FPartyRole, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: data.FKeyPost, Width: 19, Kind: Text}, // 班组长以上管理人员 on one line
	{Header: data.FSupervisor, Width: 9, Kind: Bool},
	{Header: data.FCategory, Width: 9, Kind: Text, Align: AlignCenter},
	{Header: "入党日期", Width: 11, Kind: Date},
	{Header: data.FMobile, Width: 12.5, Kind: Text, Align: AlignCenter},
}

// WriteDistribution writes R1b 党员分布表.
func WriteDistribution(w io.Writer, meta Meta, rows []DistributionRow) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "党员分布表", Title: meta.Branch + "党员分布表", Columns: distributionColumns})
	if err != nil {
		return err
	}
	for i, r := range rows {
		err := s.Rows(Row{Cells: []any{i + 1, r.Name, r.Sex, r.Group, r.Team, r.Job, r.PartyRole,
			r.KeyPost, r.Supervisor, r.Category, r.JoinDate, r.Mobile}})
		if err != nil {
			return err
		}
	}
	return b.Write(w)
}

var problemColumns = []Column{
	{Header: "序号", Width: 5, Kind: Int},
	{Header: "行号", Width: 6, Kind: Int},
	{Header: "字段", Width: 14, Kind: Text},
	{Header: "内容", Width: 26, Kind: Text},
	{Header: "原因", Width: 40, Kind: Text},
}

// WriteImportProblems writes the 导入问题清单 of a roster import: one row per problem, with the
// Excel row number so that the user can find and fix the row in the original file.
func WriteImportProblems(w io.Writer, meta Meta, problems []data.RowProblem) error {
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{Name: "导入问题清单", Title: "导入问题清单", Columns: problemColumns})
	if err != nil {
		return err
	}
	for i, p := range problems {
		field := p.Field
		if field == "" {
			field = "（整行）"
		}
		if err := s.Rows(Row{Cells: []any{i + 1, p.Row, field, p.Value, p.Reason}}); err != nil {
			return err
		}
	}
	return b.Write(w)
}
