package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Reading the payroll's Excel for the dues bases (SPEC §13): 姓名, 公民身份证号, 月工资收入 (or 计算基数
// and their synonyms), optionally 缴费类别, matched to the roster by ID number. The sheet machinery
// is the roster import's (findHeaderBy, eachDataRow, idRows), so both read real files alike.

// duesFieldNames maps every accepted header text (after cleanHeader) to its field.
var duesFieldNames = func() map[string]string {
	m := map[string]string{}
	for field, names := range map[string][]string{
		FName:     {FName, "党员姓名", "名字", "职工姓名", "员工姓名"},
		FIDNumber: {FIDNumber, "身份证号", "身份证号码", "公民身份证号码", "身份证", "身份证件号码", "证件号码"},
		FDuesBase: {FDuesBase, "月工资收入", "工资", "月收入", "月工资", "工资收入", "税后工资", "税后收入", "月税后收入",
			"实发工资", "实发金额", "党费计算基数", "缴费基数", "收入"},
		FDuesCategory: {FDuesCategory, "缴费类型", "党费类别"},
	} {
		for _, n := range names {
			m[n] = field
		}
	}
	return m
}()

// DuesBaseRow is one data row of a payroll sheet, parsed and checked.
type DuesBaseRow struct {
	Row      int
	Name     string // as in the sheet
	IDNumber string
	Base     DuesBase // MemberID 0 when the ID number matched no member
	Problems []RowProblem
	Same     bool // the member's entry for the month already says this
}

// DuesBaseParse is the preview of a payroll import.
type DuesBaseParse struct {
	HeaderRow int
	Columns   map[string]int
	Ignored   []string
	Rows      []DuesBaseRow
}

// DuesImportBasis is what a payroll import is checked against: every member (those who left too),
// the saved history of bases, and the rates.
type DuesImportBasis struct {
	Members []Member
	Bases   []DuesBase
	Rates   DuesRates
}

// LoadDuesImportBasis reads the DuesImportBasis from st.
func LoadDuesImportBasis(ctx context.Context, st Store) (DuesImportBasis, error) {
	var b DuesImportBasis
	var err error
	if b.Members, err = st.Members(ctx, MemberFilter{IncludeLeft: true}); err != nil {
		return b, err
	}
	if b.Bases, err = st.DuesBases(ctx, 0); err != nil {
		return b, err
	}
	b.Rates, err = st.DuesRates(ctx)
	return b, err
}

// ParseDuesBases reads the rows of a payroll sheet (raw cell values) into entries of the base
// history starting in month from. members are the saved members (those who left included, so that
// the reason can say so); bases the saved history, which gives a row without 缴费类别 the member's
// category in effect (else 在职) and tells rows that change nothing. Row problems: an ID number that
// is not in the roster, a name that disagrees with the roster, an amount that is not a number or is
// negative, an unknown category, a repeated ID number, and every ValidateDuesBase rule.
func ParseDuesBases(rows [][]string, from Month, members []Member, bases []DuesBase, rates DuesRates) (DuesBaseParse, error) {
	hi, cols, ignored := findHeaderBy(rows, duesFieldNames, FName, FIDNumber)
	var missing []string
	for _, f := range []string{FName, FIDNumber, FDuesBase} {
		if _, ok := cols[f]; !ok {
			missing = append(missing, "“"+f+"”")
		}
	}
	if len(missing) > 0 {
		return DuesBaseParse{}, Errorf(EInvalid, fmt.Sprintf("没有找到工资表的表头：缺少%s列。表头须在前%d行内，并有“姓名”“公民身份证号”和“月工资收入”（或“计算基数”“工资”）三列，请检查所选的工作表和表头文字",
			strings.Join(missing, "、"), headerScanRows))
	}
	if from.IsZero() {
		return DuesBaseParse{}, Errorf(EInvalid, "请指定计算基数从哪个月起执行，如 2026-01")
	}
	byID := make(map[string]*Member, len(members))
	for i := range members {
		byID[members[i].IDNumber] = &members[i]
	}
	history := map[int64][]DuesBase{}
	for _, b := range bases {
		history[b.MemberID] = append(history[b.MemberID], b)
	}
	p := DuesBaseParse{HeaderRow: hi + 1, Columns: cols, Ignored: ignored}
	seen := idRows{}
	eachDataRow(rows, hi, cols, func(row int, cells []string) {
		r := DuesBaseRow{Row: row, Name: NormalizeName(cellAt(cells, cols, FName)), IDNumber: NormalizeIDNumber(cellAt(cells, cols, FIDNumber))}
		problem := func(field, value, reason string) {
			r.Problems = append(r.Problems, RowProblem{Row: row, Field: field, Value: value, Reason: reason})
		}
		switch reason := numericIDProblem(r.IDNumber); {
		case r.IDNumber == "":
			problem(FIDNumber, "", "缺少身份证号：工资表按身份证号对应党员，请补上")
		case reason != "":
			problem(FIDNumber, r.IDNumber, reason)
		}
		seen.check(r.IDNumber, row, &r.Problems)
		b := &r.Base
		b.From = from
		if m := byID[r.IDNumber]; m != nil && !hasProblem(r.Problems, FIDNumber) {
			b.MemberID, b.MemberName, b.BranchID = m.ID, m.Name, m.BranchID
			switch {
			case r.Name != "" && r.Name != m.Name:
				problem(FName, r.Name, fmt.Sprintf("姓名与台账不符：台账中身份证号 %s 的党员是「%s」，请核对是否填错了人", r.IDNumber, m.Name))
			case m.RollStatus != "" && m.RollStatus != RollIn:
				problem(FIDNumber, r.IDNumber, fmt.Sprintf("「%s」已%s，不再在本支部缴纳党费", m.Name, m.RollStatus))
			}
		} else if !hasProblem(r.Problems, FIDNumber) {
			problem(FIDNumber, r.IDNumber, "台账中没有这个身份证号的党员：请核对身份证号，或先在党员名单中添加该党员")
		}
		b.Category = strings.ReplaceAll(cellAt(cells, cols, FDuesCategory), " ", "")
		switch {
		case b.Category == "":
			b.Category = DuesWorking
			if prev := BaseAt(history[b.MemberID], from); prev != nil {
				b.Category = prev.Category
			}
		case b.Category == "退休" || b.Category == "离休":
			b.Category = DuesRetired
		case !slices.Contains(DuesCategories, b.Category):
			problem(FDuesCategory, b.Category, "缴费类别无法识别，应为："+strings.Join(DuesCategories, "、"))
		}
		text := cellAt(cells, cols, FDuesBase)
		amount, err := ParseYuan(text)
		switch {
		case err != nil:
			problem(FDuesBase, text, ErrorMessage(err))
		case DuesByRate(b.Category):
			b.Base = amount
		case b.Category == DuesFarmer || b.Category == DuesFixed:
			b.Fixed = amount
		}
		if len(r.Problems) == 0 {
			for _, fe := range ValidateDuesBase(b, rates) {
				problem(fe.Field, text, fe.Message)
			}
		}
		if prev := BaseAt(history[b.MemberID], from); prev != nil && prev.From == from {
			same := *prev
			r.Same = same.Category == b.Category && same.Base == b.Base && same.Fixed == b.Fixed
		}
		p.Rows = append(p.Rows, r)
	})
	return p, nil
}

// PlanDuesImport is what a payroll import saves: the rows without problems (Bases in the plan,
// with their Excel rows); rows with problems are errors. A strict import saves nothing when
// ErrorRows > 0.
func PlanDuesImport(p *DuesBaseParse) ImportPlan {
	pl := ImportPlan{Mode: ImportUpdate}
	for _, r := range p.Rows {
		if len(r.Problems) > 0 {
			pl.Problems = append(pl.Problems, r.Problems...)
			pl.ErrorRows++
			continue
		}
		pl.Bases = append(pl.Bases, r.Base)
		pl.Rows = append(pl.Rows, r.Row)
	}
	return pl
}
