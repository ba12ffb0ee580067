package data

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Reading an existing roster workbook (SPEC §7). The reports package turns the .xlsx into rows of raw
// cell values (dates as Excel serial numbers, merged cells filled); everything after that is here, as
// pure functions, so that the CLI and the GUI preview the same rows with the same problems.

// headerScanRows is how far down the sheet the header row is looked for.
const headerScanRows = 10

// rosterFieldNames maps every accepted header text (after cleanHeader) to its R1 field.
var rosterFieldNames = func() map[string]string {
	m := map[string]string{}
	for _, h := range RosterHeaders {
		m[h] = h
	}
	for field, synonyms := range map[string][]string{
		FName:        {"党员姓名", "名字"},
		FBranch:      {"党支部", "所在支部", "支部名称", "所在党组织"},
		FIDNumber:    {"身份证号", "身份证号码", "公民身份证号码", "身份证", "身份证件号码", "证件号码"},
		FBirthDate:   {"出生年月", "出生时间", "出生年月日"},
		FEducation:   {"文化程度", "最高学历"},
		FCategory:    {"党员类别", "类别", "人员类型", "党员类型"},
		FJoinDate:    {"入党时间", "入党日期", "加入党组织时间", "入党年月"},
		FFullDate:    {"转正时间", "转正日期", "转为正式党员时间", "转正年月"},
		FJob:         {"岗位", "职务", "工作单位及职务", "工作岗位及职务", "现任职务"},
		FMobile:      {"手机", "手机号码", "联系电话", "联系方式", "电话", "移动电话"},
		FLandline:    {"座机", "固话", "办公电话", "家庭电话"},
		FAddress:     {"住址", "家庭地址", "现住址", "现居住地", "居住地址"},
		FPartyStatus: {"党籍"},
		FLostContact: {"失联党员", "是否失联", "是否失联党员"},
		FLostDate:    {"失联日期", "失联时间", "失去联系时间"},
		FFloating:    {"流动党员", "是否流动", "是否流动党员"},
		FFloatingTo:  {"流向", "外出流向地", "流动去向", "外出地点"},
	} {
		for _, s := range synonyms {
			m[s] = field
		}
	}
	return m
}()

// reHeaderNote matches a parenthesised note in a header, e.g. 手机号（11位） or 入党时间(年月日).
var reHeaderNote = regexp.MustCompile(`\([^)]*\)`)

// cleanHeader reduces a header cell to the bare name: no spaces, line breaks, asterisks (required
// marks), parenthesised notes or trailing colon.
func cleanHeader(s string) string {
	s = strings.NewReplacer("（", "(", "）", ")", "＊", "", "*", "", "：", "", ":", "").Replace(NormalizeText(s))
	s = reHeaderNote.ReplaceAllString(s, "")
	return strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
}

// educationSynonyms maps the ways rosters write 学历 to the standard values.
var educationSynonyms = map[string]string{
	"研究生": "研究生", "硕士": "研究生", "博士": "研究生", "硕士研究生": "研究生", "博士研究生": "研究生",
	"本科": "大学本科", "大学": "大学本科", "大本": "大学本科",
	"大专": "大学专科", "专科": "大学专科", "高职": "大学专科",
	"中专": "中等专科", "中技": "中等专科", "技校": "中等专科", "中等专业学校": "中等专科",
	"高中": "高中", "职高": "高中",
	"初中": "初中及以下", "小学": "初中及以下", "初中以下": "初中及以下",
}

// noteRowPrefixes open the lines written under a roster: signatures, notes and totals.
var noteRowPrefixes = []string{"填表人", "制表人", "填报人", "审核人", "负责人", "联系人", "说明", "注:", "备注:",
	"合计", "总计", "小计", "支部书记(签字)", "日期:"}

// ParseRoster reads the rows of a roster sheet (raw cell values) into a preview.
//
// The header is the row among the first 10 that names the most known columns (R1 headers and their
// synonyms, in any order); it must name 姓名 and 公民身份证号, otherwise the error (EInvalid) says
// which are missing. Below it, empty rows and the note lines under a table (填表人…, 合计…, a text
// merged across the row) are skipped; every other row becomes a RosterRow, whose Member is kept even
// when the row has problems, so the preview can show it. Problems are: cells that cannot be read
// (dates, yes/no, sex, an ID number Excel stored as a number), every ValidateMember rule, and an ID
// number that an earlier row of the file already has. A 联系电话 column holding a landline fills
// 固定电话 when that is empty. 出生日期 must agree with the ID number; a month alone (1985.05) agrees
// with any day of that month.
func ParseRoster(rows [][]string, today Date) (RosterParse, error) {
	hi, cols, ignored := findHeader(rows)
	_, hasName := cols[FName]
	_, hasID := cols[FIDNumber]
	if !hasName || !hasID {
		return RosterParse{}, missingHeaderError(cols)
	}
	p := RosterParse{HeaderRow: hi + 1, Columns: cols, Ignored: ignored}
	seen := idRows{}
	eachDataRow(rows, hi, cols, func(row int, cells []string) {
		r := parseRosterRow(row, cells, cols, today)
		seen.check(r.Member.IDNumber, row, &r.Problems)
		p.Rows = append(p.Rows, r)
	})
	return p, nil
}

// eachDataRow calls fn with each data row under the header row hi (0-based) as its Excel row
// number and normalised cells, skipping empty rows and the note lines under a table.
func eachDataRow(rows [][]string, hi int, cols map[string]int, fn func(row int, cells []string)) {
	for i := hi + 1; i < len(rows); i++ {
		cells, empty := normalizedCells(rows[i])
		if empty || isNoteRow(cells, cols) {
			continue
		}
		fn(i+1, cells)
	}
}

// idRows remembers the first row of each ID number of a sheet.
type idRows map[string]int

// check adds a problem to ps when row repeats an earlier row's ID number (unless the ID number has
// a problem already).
func (seen idRows) check(id string, row int, ps *[]RowProblem) {
	if id == "" || hasProblem(*ps, FIDNumber) {
		return
	}
	if first, dup := seen[id]; dup {
		*ps = append(*ps, RowProblem{Row: row, Field: FIDNumber, Value: id,
			Reason: fmt.Sprintf("身份证号与第 %d 行重复：同一人只能导入一次，请删除或改正重复的行", first)})
		return
	}
	seen[id] = row
}

// normalizedCells is a row's cells after NormalizeText; empty when none holds anything.
func normalizedCells(row []string) (cells []string, empty bool) {
	cells, empty = make([]string, len(row)), true
	for j, c := range row {
		cells[j] = NormalizeText(c)
		empty = empty && cells[j] == ""
	}
	return cells, empty
}

// findHeader returns the 0-based index of the header row (-1 when no row names a column), its
// columns, and the header texts that name no field.
func findHeader(rows [][]string) (int, map[string]int, []string) {
	return findHeaderBy(rows, rosterFieldNames, FName, FIDNumber)
}

// findHeaderBy is findHeader for a sheet whose header texts names maps to fields, a row naming
// every required field beating a longer title row.
func findHeaderBy(rows [][]string, names map[string]string, required ...string) (int, map[string]int, []string) {
	best, bestScore := -1, 0
	var bestCols map[string]int
	var bestIgnored []string
	for i := 0; i < len(rows) && i < headerScanRows; i++ {
		cols, ignored := headerColumns(rows[i], names)
		score := len(cols)
		if !slices.ContainsFunc(required, func(f string) bool { _, ok := cols[f]; return !ok }) {
			score += 100
		}
		if score > bestScore {
			best, bestScore, bestCols, bestIgnored = i, score, cols, ignored
		}
	}
	if bestCols == nil {
		bestCols = map[string]int{}
	}
	return best, bestCols, bestIgnored
}

func headerColumns(row []string, names map[string]string) (map[string]int, []string) {
	cols := map[string]int{}
	var ignored []string
	for j, cell := range row {
		h := cleanHeader(cell)
		if h == "" {
			continue
		}
		field, known := names[h]
		switch _, seen := cols[field]; {
		case !known:
			ignored = append(ignored, NormalizeText(cell))
		case seen:
			// A merged header cell filled across, or two columns for one field: the first one counts.
			ignored = append(ignored, NormalizeText(cell)+"（重复的列，已忽略）")
		default:
			cols[field] = j
		}
	}
	return cols, ignored
}

func missingHeaderError(cols map[string]int) error {
	var missing []string
	for _, f := range []string{FName, FIDNumber} {
		if _, ok := cols[f]; !ok {
			missing = append(missing, "“"+f+"”")
		}
	}
	return Errorf(EInvalid, fmt.Sprintf("没有找到花名册的表头：缺少%s列。表头须在前%d行内，并至少有“姓名”和“公民身份证号”（或“身份证号”）两列，请检查所选的工作表和表头文字",
		strings.Join(missing, "、"), headerScanRows))
}

// isNoteRow tells the lines under a table from member rows: a text merged across the row, or a
// first cell such as 填表人：… or 合计 with no name of its own.
func isNoteRow(cells []string, cols map[string]int) bool { return isNoteRowBy(cells, cols, FName) }

// isNoteRowBy is isNoteRow for a sheet whose rows are named by the field nameField.
func isNoteRowBy(cells []string, cols map[string]int, nameField string) bool {
	var first string
	filled, same := 0, true
	for _, c := range cells {
		if c == "" {
			continue
		}
		if filled == 0 {
			first = c
		} else if c != first {
			same = false
		}
		filled++
	}
	if same && filled >= 3 {
		return true
	}
	if filled >= 3 && isColumnNumbering(cells) {
		return true
	}
	name := cellAt(cells, cols, nameField)
	if name != "" && name != first {
		return false
	}
	note := strings.ReplaceAll(strings.NewReplacer("（", "(", "）", ")", "：", ":").Replace(first), " ", "")
	for _, p := range noteRowPrefixes {
		if strings.HasPrefix(note, p) {
			return true
		}
	}
	return false
}

// isColumnNumbering recognises the row of column numbers (1, 2, 3, …) some forms put under the header.
func isColumnNumbering(cells []string) bool {
	for j, c := range cells {
		if c != "" && c != strconv.Itoa(j+1) {
			return false
		}
	}
	return true
}

func cellAt(cells []string, cols map[string]int, field string) string {
	if j, ok := cols[field]; ok && j < len(cells) {
		return cells[j]
	}
	return ""
}

func hasProblem(ps []RowProblem, field string) bool {
	return slices.ContainsFunc(ps, func(p RowProblem) bool { return p.Field == field })
}

// parseRosterRow reads one data row of normalised cells.
func parseRosterRow(row int, cells []string, cols map[string]int, today Date) RosterRow {
	r := RosterRow{Row: row}
	cell := func(field string) string { return cellAt(cells, cols, field) }
	problem := func(field, reason string) {
		r.Problems = append(r.Problems, RowProblem{Row: row, Field: field, Value: cell(field), Reason: reason})
	}
	date := func(field string) Date {
		d, err := ParseDateCell(cell(field))
		if err != nil {
			problem(field, ErrorMessage(err))
		}
		return d
	}
	flag := func(field string) bool {
		b, err := ParseBool(cell(field))
		if err != nil {
			problem(field, ErrorMessage(err))
		}
		return b
	}

	m := &r.Member
	m.Name = cell(FName)
	m.IDNumber = NormalizeIDNumber(cell(FIDNumber))
	if reason := numericIDProblem(m.IDNumber); reason != "" {
		problem(FIDNumber, reason)
	}
	switch s := strings.ReplaceAll(cell(FSex), " ", ""); s {
	case "男", "男性":
		m.Sex = SexMale
	case "女", "女性":
		m.Sex = SexFemale
	default:
		m.Sex = s // "" is derived from the ID number by Normalize; anything else is reported
	}
	m.Ethnicity = cell(FEthnicity)
	m.Education = cleanEducation(cell(FEducation))
	m.Category = cleanCategory(cell(FCategory))
	birth := date(FBirthDate)
	m.JoinDate = date(FJoinDate)
	m.FullDate = date(FFullDate)
	m.Job = cell(FJob)
	m.Mobile = cell(FMobile)
	m.Landline = cell(FLandline)
	m.Address = cell(FAddress)
	m.PartyStatus = cell(FPartyStatus)
	m.LostContact = flag(FLostContact)
	m.LostDate = date(FLostDate)
	m.Floating = flag(FFloating)
	m.FloatingTo = cell(FFloatingTo)
	m.Remark = cell(FRemark)

	m.Normalize()
	// 联系电话 columns often hold an office landline.
	if m.Landline == "" && CheckMobile(m.Mobile) != nil {
		if l := NormalizeLandline(cell(FMobile)); CheckLandline(l) == nil {
			m.Mobile, m.Landline = "", l
		}
	}
	if info, err := ParseIDNumber(m.IDNumber); err == nil {
		// The ID number is authoritative; an empty cell or a month alone (出生年月 1985.05 reads as
		// 1985-05-01) agrees with it, anything else is kept so that validation reports the mismatch.
		sameMonth := birth.Day == 1 && birth.Year == info.BirthDate.Year && birth.Month == info.BirthDate.Month
		if birth.IsZero() || sameMonth {
			birth = info.BirthDate
		}
	}
	m.BirthDate = birth

	for _, fe := range ValidateMember(m, today) {
		if !hasProblem(r.Problems, fe.Field) { // one problem per field: the reading error says more
			problem(fe.Field, fe.Message)
		}
	}
	return r
}

// What Excel leaves of an ID number stored as a number: a decimal part, or 18
// digits whose last ones became zeros (Excel keeps 15 significant digits).
var (
	reIDDecimal    = regexp.MustCompile(`^\d+\.\d*$`)
	reIDZeroed     = regexp.MustCompile(`^\d{15}0{3}$`)
	reIDFifteenOld = regexp.MustCompile(`^\d{15}$`)
)

// numericIDProblem explains an ID number that cannot be right because Excel stored it as a number;
// "" when the normal rules are to check it (ParseIDNumber itself explains the 1.30502E+17 form).
func numericIDProblem(id string) string {
	const retype = "请把该列单元格格式设为“文本”，再重新输入完整的18位身份证号"
	switch {
	case reIDDecimal.MatchString(id):
		return fmt.Sprintf("身份证号被 Excel 当成了数字（%s），后几位数字可能已经丢失。%s", id, retype)
	case reIDZeroed.MatchString(id) && IDCheckChar(id) != id[17]:
		return fmt.Sprintf("身份证号末三位是 000 且校验位不对：很可能是 Excel 把它当成数字，只保留了前15位。%s", retype)
	case reIDFifteenOld.MatchString(id):
		return "身份证号只有15位：如果是旧的15位身份证号，请换成18位号码；如果是 Excel 当成数字截掉了，" + retype
	}
	return ""
}

func cleanEducation(s string) string {
	s = reHeaderNote.ReplaceAllString(strings.NewReplacer("（", "(", "）", ")", " ", "").Replace(s), "")
	if std, ok := educationSynonyms[s]; ok {
		return std
	}
	return s
}

func cleanCategory(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	switch {
	case strings.Contains(s, "预备"):
		return CategoryProbation
	case s == "正式" || s == "党员" || s == "中共党员" || s == "正式党员" || s == "中共正式党员":
		return CategoryFull
	}
	return s
}

// MarkExisting sets Exists on every row whose ID number belongs to a saved member. Pass every saved
// member, those who left the roll included (MemberFilter{IncludeLeft: true}): ID numbers stay unique
// in the data file.
func MarkExisting(p *RosterParse, saved []Member) {
	ids := make(map[string]bool, len(saved))
	for i := range saved {
		ids[saved[i].IDNumber] = true
	}
	for i := range p.Rows {
		p.Rows[i].Exists = ids[p.Rows[i].Member.IDNumber]
	}
}

// ImportPlan is what an import does with a parsed roster in one ImportMode.
type ImportPlan struct {
	Mode    ImportMode
	Members []Member   // to hand to MemberStore.ImportMembers with Mode
	Bases   []DuesBase // a payroll import's entries, for DuesStore.ImportDuesBases (PlanDuesImport)
	Rows    []int      // the Excel row of each of Members
	// Problems are the errors: rows with any of them are not imported. Each row may have several.
	Problems []RowProblem
	// ErrorRows is the number of rows with at least one problem.
	ErrorRows int
	// Skipped are notices, not errors: in ImportSkip mode, rows whose member is saved already.
	Skipped []RowProblem
}

// Report is what the problem list (问题清单) of an import lists: the errors and the rows skipped,
// in the order of the file's rows.
func (p ImportPlan) Report() []RowProblem {
	all := append(slices.Clone(p.Problems), p.Skipped...)
	slices.SortStableFunc(all, func(a, b RowProblem) int { return a.Row - b.Row })
	return all
}

// PlanImport splits a parse (after MarkExisting) for mode:
//   - a row with problems is never imported; its problems are errors;
//   - a valid new row is imported in every mode;
//   - a valid row whose ID number is saved already is, in ImportSkip (and an empty mode), not
//     imported and reported in Skipped as “已存在，跳过”; in ImportAdd an error; in ImportUpdate
//     imported (the store updates the saved member's roster fields).
//
// A strict import (CLI --strict) imports nothing when ErrorRows > 0.
func PlanImport(p *RosterParse, mode ImportMode) ImportPlan {
	if mode == "" {
		mode = ImportSkip
	}
	pl := ImportPlan{Mode: mode}
	for _, r := range p.Rows {
		problems := r.Problems
		if len(problems) == 0 && r.Exists {
			switch mode {
			case ImportSkip:
				pl.Skipped = append(pl.Skipped, RowProblem{Row: r.Row, Field: FIDNumber, Value: r.Member.IDNumber, Reason: "已存在，跳过"})
				continue
			case ImportAdd:
				problems = []RowProblem{{Row: r.Row, Field: FIDNumber, Value: r.Member.IDNumber,
					Reason: "该身份证号的党员已在台账中：“只新增”方式不导入已有党员；如要用表中内容更新，请选择“按身份证号更新”"}}
			}
		}
		if len(problems) > 0 {
			pl.Problems = append(pl.Problems, problems...)
			pl.ErrorRows++
			continue
		}
		pl.Members = append(pl.Members, r.Member)
		pl.Rows = append(pl.Rows, r.Row)
	}
	return pl
}

// Summary is the one-line Chinese result shown after the import ran, e.g.
// “导入 12 条（新增 10 条，更新 2 条），跳过 3 条，4 行有错误未导入”.
func (pl ImportPlan) Summary(res ImportResult) string {
	s := fmt.Sprintf("导入 %d 条（新增 %d 条，更新 %d 条），跳过 %d 条", res.Added+res.Updated, res.Added, res.Updated,
		len(pl.Skipped)+res.Skipped)
	if pl.ErrorRows > 0 {
		s += fmt.Sprintf("，%d 行有错误未导入", pl.ErrorRows)
	}
	return s
}
