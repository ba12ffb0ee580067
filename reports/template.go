package reports

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// The single values every template may use (SPEC §6, custom templates).
const (
	TplBranch = "支部名称" // Meta.Branch
	TplPeriod = "期间"   // Meta.Period
	TplDate   = "填报日期" // Meta.Date (zero: today)
	// TplSeq numbers the records 1, 2, … in a {{列:序号}} cell, unless the data has its own 序号.
	TplSeq = "序号"
)

// TemplateData is what fills a group template: the single values ({{支部名称}}, {{期间}},
// {{填报日期}} and any in Values) and the records of the repeating row ({{列:字段}}).
type TemplateData struct {
	Meta Meta
	// Values are further single values by name (e.g. "党委名称"); they win over the Meta ones.
	Values map[string]any
	// Columns name the fields of the chosen data, as their report headers (data.RosterHeaders
	// for members, the R3 headers for findings, R7 for welfare items, R9 for member points).
	Columns []string
	// Rows holds one record per printed row: Rows[i][j] is the value of Columns[j]; missing
	// trailing values are empty. Types as in Row.Cells: string → text (ID numbers stay text),
	// int/int64/float64 → number, data.Date → date cell, bool → 是/否, nil → empty.
	Rows [][]any
}

// TemplateInfo describes a template: its repeating row and the placeholders it uses.
type TemplateInfo struct {
	Sheet  string   // sheet of the repeating row; "" when the template has none
	Row    int      // the repeating row's number in the template (1-based); 0 when none
	Values []string // single-value names, in order of first appearance (sheets, then page headers/footers)
	Fields []string // {{列:…}} field names of the repeating row, left to right
}

// placeholderRE matches {{name}} and {{列:name}}; names hold no braces.
var placeholderRE = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// placeholder is one parsed {{…}}.
type placeholder struct {
	name   string
	column bool // {{列:name}}
}

func parsePlaceholder(inner string) placeholder {
	s := strings.TrimSpace(inner)
	for _, p := range []string{"列:", "列："} { // a full-width colon is easily typed in Chinese input
		if rest, ok := strings.CutPrefix(s, p); ok {
			return placeholder{strings.TrimSpace(rest), true}
		}
	}
	return placeholder{s, false}
}

func (p placeholder) String() string {
	if p.column {
		return "{{列:" + p.name + "}}"
	}
	return "{{" + p.name + "}}"
}

// tplCell is a template cell that holds at least one placeholder, a formula, or (in the
// repeating row) anything at all.
type tplCell struct {
	col     int
	text    string
	formula string
	number  bool // a constant number (repeating row only)
	style   int
}

// tplSheet holds one sheet's placeholder cells outside the repeating row, by row.
type tplSheet struct {
	name  string
	cells map[int][]tplCell
	hf    *excelize.HeaderFooterOptions // page header/footer when it holds a placeholder
}

// template is a scanned template workbook.
type template struct {
	f      *excelize.File
	sheets []tplSheet
	repeat []tplCell // the repeating row's cells (every column up to the sheet's width)
	info   TemplateInfo
}

// InspectTemplate reads a template and tells which placeholders it uses, e.g. to check a
// template when it is saved in the program. Errors are *data.Error with a Chinese message.
func InspectTemplate(tpl io.Reader) (TemplateInfo, error) {
	t, err := openTemplate(tpl)
	if err != nil {
		return TemplateInfo{}, err
	}
	defer t.f.Close()
	return t.info, nil
}

// FillTemplate fills a group template with d and writes the workbook to w. Everything else of
// the template stays as it was: styles, merges, column widths, row heights, page setup and
// print titles. The repeating row is printed once per record (with its styles, height and
// merges), rows below it move down, and print areas and titles follow. With no records the
// repeating row is left empty. A placeholder that names neither a value nor a field of d is an
// error naming it, as is a template with more than one repeating row.
func FillTemplate(tpl io.Reader, w io.Writer, d TemplateData) (TemplateInfo, error) {
	t, err := openTemplate(tpl)
	if err != nil {
		return TemplateInfo{}, err
	}
	defer t.f.Close()
	values := templateValues(d)
	fields := make(map[string]int, len(d.Columns))
	for j, c := range d.Columns {
		fields[c] = j
	}
	if err := t.checkNames(values, fields, d.Columns); err != nil {
		return t.info, err
	}
	fl := filler{f: t.f, dateStyles: map[int]int{}}
	if props, err := t.f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		fl.date1904 = *props.Date1904
	}
	for _, s := range t.sheets {
		if err := fl.fillSingles(s, values); err != nil {
			return t.info, err
		}
	}
	if t.info.Sheet != "" {
		if err := fl.fillRepeat(t, values, fields, d.Rows); err != nil {
			return t.info, err
		}
	}
	if err := t.f.Write(w); err != nil {
		return t.info, data.Errorf(data.EInternal, "写入报表失败："+err.Error())
	}
	return t.info, nil
}

// templateValues maps every single-value name to its value.
func templateValues(d TemplateData) map[string]any {
	date := d.Meta.AsOf()
	v := map[string]any{TplBranch: d.Meta.Branch, TplPeriod: d.Meta.Period, TplDate: date}
	for k, x := range d.Values {
		v[k] = x
	}
	return v
}

// checkNames reports every placeholder that names nothing of the data, by name, with what may
// be used instead.
func (t *template) checkNames(values map[string]any, fields map[string]int, columns []string) error {
	var unknown []string
	add := func(p placeholder) {
		if s := p.String(); !slices.Contains(unknown, s) {
			unknown = append(unknown, s)
		}
	}
	for _, name := range t.info.Values {
		if _, ok := values[name]; !ok {
			add(placeholder{name: name})
		}
	}
	for _, name := range t.info.Fields {
		if _, ok := fields[name]; !ok && name != TplSeq {
			add(placeholder{name: name, column: true})
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	known := []string{"{{" + TplBranch + "}}", "{{" + TplPeriod + "}}", "{{" + TplDate + "}}"}
	for k := range values {
		if k != TplBranch && k != TplPeriod && k != TplDate {
			known = append(known, "{{"+k+"}}")
		}
	}
	slices.Sort(known[3:])
	cols := []string{}
	if _, ok := fields[TplSeq]; !ok {
		cols = append(cols, "{{列:"+TplSeq+"}}")
	}
	for _, c := range columns {
		cols = append(cols, "{{列:"+c+"}}")
	}
	return data.Errorf(data.EInvalid, "模板中有无法识别的占位符："+strings.Join(unknown, "、")+
		"。可用的单项占位符："+strings.Join(known, "、")+"；所选数据可用的列："+strings.Join(cols, "、")+
		"。请在模板中改正占位符名称（或选择相应的数据）后重试")
}

// openTemplate opens and scans a template.
func openTemplate(r io.Reader) (*template, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, data.Errorf(data.EInvalid, "读取模板失败："+err.Error())
	}
	if bytes.HasPrefix(b, oleMagic) {
		return nil, data.Errorf(data.EInvalid, "模板不是 .xlsx 格式（或设有打开密码）：请在 Excel 或 WPS 中取消密码、另存为 .xlsx 后再使用")
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, openError(err, "")
	}
	t := &template{f: f}
	if err := t.scan(); err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// scan finds the placeholders of every sheet and the one repeating row.
func (t *template) scan() error {
	addValue := func(p placeholder) {
		if !slices.Contains(t.info.Values, p.name) {
			t.info.Values = append(t.info.Values, p.name)
		}
	}
	for _, name := range t.f.GetSheetList() {
		rows, err := t.f.GetRows(name)
		if err != nil {
			return damaged("", err)
		}
		s := tplSheet{name: name, cells: map[int][]tplCell{}}
		for i, row := range rows {
			r := i + 1
			var cells []tplCell
			repeat := false
			for j, v := range row {
				ps := placeholdersIn(v)
				if len(ps) == 0 {
					continue
				}
				cells = append(cells, tplCell{col: j + 1, text: v})
				for _, p := range ps {
					if p.column {
						repeat = true
					} else {
						addValue(p)
					}
				}
			}
			if !repeat {
				if cells != nil {
					s.cells[r] = cells
				}
				continue
			}
			if t.info.Sheet != "" {
				return data.Errorf(data.EInvalid, fmt.Sprintf("模板中有两行重复行：工作表“%s”第%d行和工作表“%s”第%d行都含有{{列:…}}占位符。一个模板只能有一行按记录重复的{{列:字段}}，请把它们合并到一行后重试",
					t.info.Sheet, t.info.Row, name, r))
			}
			t.info.Sheet, t.info.Row = name, r
			for _, c := range cells {
				for _, p := range placeholdersIn(c.text) {
					if p.column && !slices.Contains(t.info.Fields, p.name) {
						t.info.Fields = append(t.info.Fields, p.name)
					}
				}
			}
			if err := t.readRepeat(name, r, len(row)); err != nil {
				return damaged("", err)
			}
		}
		hf, err := t.f.GetHeaderFooter(name)
		if err == nil && hf != nil {
			found := false
			for _, v := range headerFooterTexts(hf) {
				for _, p := range placeholdersIn(*v) {
					found = true
					addValue(placeholder{name: p.name}) // a page header has no records
				}
			}
			if found {
				s.hf = hf
			}
		}
		t.sheets = append(t.sheets, s)
	}
	return nil
}

// readRepeat caches every cell of the repeating row: text, formula, style. width is the
// rightmost cell GetRows saw; styled empty cells beyond it count too (borders).
func (t *template) readRepeat(sheet string, r, width int) error {
	if dim, err := t.f.GetSheetDimension(sheet); err == nil {
		if _, last, ok := strings.Cut(dim, ":"); ok {
			if c, _, err := excelize.CellNameToCoordinates(last); err == nil {
				width = max(width, c)
			}
		}
	}
	for c := 1; c <= width; c++ {
		cell := cellName(c, r)
		v, err := t.f.GetCellValue(sheet, cell)
		if err != nil {
			return err
		}
		formula, err := t.f.GetCellFormula(sheet, cell)
		if err != nil {
			return err
		}
		style, err := t.f.GetCellStyle(sheet, cell)
		if err != nil {
			return err
		}
		typ, err := t.f.GetCellType(sheet, cell)
		if err != nil {
			return err
		}
		t.repeat = append(t.repeat, tplCell{col: c, text: v, formula: formula, style: style,
			number: typ == excelize.CellTypeNumber || (typ == excelize.CellTypeUnset && v != "" && isNumber(v))})
	}
	return nil
}

func isNumber(s string) bool { _, err := strconv.ParseFloat(s, 64); return err == nil }

func placeholdersIn(s string) []placeholder {
	if !strings.Contains(s, "{{") {
		return nil
	}
	var ps []placeholder
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		ps = append(ps, parsePlaceholder(m[1]))
	}
	return ps
}

func headerFooterTexts(hf *excelize.HeaderFooterOptions) []*string {
	return []*string{&hf.OddHeader, &hf.OddFooter, &hf.EvenHeader, &hf.EvenFooter, &hf.FirstHeader, &hf.FirstFooter}
}

// filler writes values into the template workbook.
type filler struct {
	f          *excelize.File
	date1904   bool
	dateStyles map[int]int // template style ID → the same style showing a date
}

// fillSingles replaces the single-value placeholders of a sheet (outside the repeating row).
func (fl *filler) fillSingles(s tplSheet, values map[string]any) error {
	for r, cells := range s.cells {
		for _, c := range cells {
			if err := fl.setTemplated(s.name, c.col, r, c.text, values, nil, nil, 0); err != nil {
				return err
			}
		}
	}
	if s.hf != nil {
		for _, v := range headerFooterTexts(s.hf) {
			// & starts a header/footer code, so a value's & is doubled.
			*v = substitute(*v, func(p placeholder) string { return strings.ReplaceAll(textOf(values[p.name]), "&", "&&") })
		}
		if err := fl.f.SetHeaderFooter(s.name, s.hf); err != nil {
			return data.Errorf(data.EInvalid, "模板工作表“"+s.name+"”的页眉页脚填入后过长（"+err.Error()+"）：请缩短页眉页脚中的文字")
		}
	}
	return nil
}

// setTemplated fills one cell from its template text: a cell that is exactly one placeholder
// takes the value with its type, other text gets the values' text in place of the placeholders.
func (fl *filler) setTemplated(sheet string, col, row int, text string, values map[string]any, fields map[string]int, rec []any, seq int) error {
	value := func(p placeholder) any {
		if !p.column {
			return values[p.name]
		}
		if j, ok := fields[p.name]; ok {
			if j < len(rec) {
				return rec[j]
			}
			return nil
		}
		return seq // TplSeq, the only other field checkNames lets through
	}
	if m := placeholderRE.FindStringSubmatchIndex(text); m != nil && m[0] == 0 && m[1] == len(text) {
		return fl.setValue(sheet, col, row, value(parsePlaceholder(text[m[2]:m[3]])))
	}
	return fl.setValue(sheet, col, row, substitute(text, func(p placeholder) string { return textOf(value(p)) }))
}

func substitute(text string, val func(placeholder) string) string {
	return placeholderRE.ReplaceAllStringFunc(text, func(m string) string {
		return val(parsePlaceholder(m[2 : len(m)-2]))
	})
}

// setValue writes a value keeping the cell's style; a date gets a date format when the cell's
// style has none.
func (fl *filler) setValue(sheet string, col, row int, v any) error {
	cell := cellName(col, row)
	var err error
	switch x := v.(type) {
	case nil:
		err = fl.f.SetCellValue(sheet, cell, nil)
	case string:
		if x == "" {
			err = fl.f.SetCellValue(sheet, cell, nil)
		} else {
			err = fl.f.SetCellStr(sheet, cell, x)
		}
	case bool:
		err = fl.f.SetCellStr(sheet, cell, yesNo(x))
	case int, int64, float64:
		err = fl.f.SetCellValue(sheet, cell, x)
	case data.Date:
		if x.IsZero() {
			return fl.f.SetCellValue(sheet, cell, nil)
		}
		return fl.setDate(sheet, cell, x.Time())
	case time.Time:
		return fl.setDate(sheet, cell, x)
	default:
		err = fl.f.SetCellStr(sheet, cell, fmt.Sprint(v))
	}
	return err
}

// setDate writes the day's serial number itself: excelize's SetCellValue(time.Time) would
// replace the template's date format with its own.
func (fl *filler) setDate(sheet, cell string, t time.Time) error {
	y, m, d := t.Date()
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC) // right for every day from 1900-03-01
	if fl.date1904 {
		epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	serial := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(epoch).Hours() / 24
	if err := fl.f.SetCellFloat(sheet, cell, serial, -1, 64); err != nil {
		return err
	}
	style, err := fl.f.GetCellStyle(sheet, cell)
	if err != nil {
		return err
	}
	ds, ok := fl.dateStyles[style]
	if !ok {
		if ds, err = fl.dateStyle(style); err != nil {
			return err
		}
		fl.dateStyles[style] = ds
	}
	if ds == style {
		return nil
	}
	return fl.f.SetCellStyle(sheet, cell, cell, ds)
}

// dateStyle returns style itself when it shows dates, else a copy of it showing yyyy-mm-dd.
func (fl *filler) dateStyle(style int) (int, error) {
	st, err := fl.f.GetStyle(style)
	if err != nil {
		return 0, err
	}
	if isDateFormat(st) {
		return style, nil
	}
	st.NumFmt = 0
	st.CustomNumFmt = ptr("yyyy-mm-dd")
	return fl.f.NewStyle(st)
}

// isDateFormat tells a date number format: Excel's built-in date formats or a custom one with
// a year or day code outside quotes and brackets.
func isDateFormat(st *excelize.Style) bool {
	if st.CustomNumFmt == nil {
		n := st.NumFmt
		return (n >= 14 && n <= 17) || n == 22 || (n >= 27 && n <= 36) || (n >= 50 && n <= 58)
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(*st.CustomNumFmt) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case !bracket && (r == 'y' || r == 'd' || r == 'e'):
			return true
		}
	}
	return false
}

// textOf is a value as printed inside longer text.
func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return yesNo(x)
	case data.Date:
		return x.Chinese()
	case time.Time:
		return data.DateOf(x).Chinese()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// fillRepeat prints the repeating row once per record. The rows are made with one InsertRows
// and styled a column at a time from the template row's style IDs (excelize's DuplicateRowTo
// is quadratic), then the template row's height and single-row merges are repeated.
func (fl *filler) fillRepeat(t *template, values map[string]any, fields map[string]int, recs [][]any) error {
	sheet, r, n := t.info.Sheet, t.info.Row, len(recs)
	if n == 0 {
		for _, c := range t.repeat {
			if placeholdersIn(c.text) != nil {
				if err := fl.f.SetCellValue(sheet, cellName(c.col, r), nil); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if n > excelize.TotalRows-r {
		return data.Errorf(data.EInvalid, fmt.Sprintf("记录太多（%d 条）：超出 Excel 工作表的最大行数，请缩小范围后分批导出", n))
	}
	last := r + n - 1
	var merges [][2]int
	if n > 1 {
		var err error
		if merges, err = fl.growRows(sheet, r, n-1); err != nil {
			return err
		}
	}
	for _, c := range t.repeat {
		if c.style != 0 && n > 1 {
			if err := fl.f.SetCellStyle(sheet, cellName(c.col, r+1), cellName(c.col, last), c.style); err != nil {
				return err
			}
		}
		if c.formula != "" && n > 1 {
			// A shared formula over the column lets Excel move its relative references row by row.
			ref := cellName(c.col, r) + ":" + cellName(c.col, last)
			if err := fl.f.SetCellFormula(sheet, cellName(c.col, r), c.formula,
				excelize.FormulaOpts{Type: ptr(excelize.STCellFormulaTypeShared), Ref: &ref}); err != nil {
				return err
			}
		}
	}
	for i, rec := range recs {
		row := r + i
		for _, c := range t.repeat {
			switch {
			case c.formula != "" || c.text == "":
			case placeholdersIn(c.text) != nil:
				if err := fl.setTemplated(sheet, c.col, row, c.text, values, fields, rec, i+1); err != nil {
					return err
				}
			case i == 0: // constants stay in the template row
			case c.number:
				x, _ := strconv.ParseFloat(c.text, 64)
				if err := fl.f.SetCellFloat(sheet, cellName(c.col, row), x, -1, 64); err != nil {
					return err
				}
			default:
				if err := fl.f.SetCellStr(sheet, cellName(c.col, row), c.text); err != nil {
					return err
				}
			}
		}
	}
	// Merges come last: excelize checks every merge each time a cell is set.
	for row := r + 1; row <= last; row++ {
		for _, m := range merges {
			if err := fl.f.MergeCell(sheet, cellName(m[0], row), cellName(m[1], row)); err != nil {
				return err
			}
		}
	}
	return nil
}

// growRows inserts k rows below the template row r with its height, and returns the column
// spans of the merges within it, for the new rows; print areas and titles that reach the
// template row grow with it.
func (fl *filler) growRows(sheet string, r, k int) ([][2]int, error) {
	names := fl.f.GetDefinedName()
	merges, err := fl.f.GetMergeCells(sheet)
	if err != nil {
		return nil, err
	}
	var inRow [][2]int
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 == nil && err2 == nil && r0 == r && r1 == r {
			inRow = append(inRow, [2]int{c0, c1})
		}
	}
	if err := fl.f.InsertRows(sheet, r+1, k); err != nil {
		return nil, err
	}
	if err := fl.adjustPrintNames(names, sheet, r, k); err != nil {
		return nil, err
	}
	ht, err := fl.f.GetRowHeight(sheet, r)
	if err != nil {
		return nil, err
	}
	if ht != rowHeightDefault(fl.f, sheet) {
		for row := r + 1; row <= r+k; row++ {
			if err := fl.f.SetRowHeight(sheet, row, ht); err != nil {
				return nil, err
			}
		}
	}
	return inRow, nil
}

// rowHeightDefault is the height GetRowHeight reports for a row without its own.
func rowHeightDefault(f *excelize.File, sheet string) float64 {
	ht, _ := f.GetRowHeight(sheet, excelize.TotalRows)
	return ht
}

// adjustPrintNames rewrites the print area and print titles of sheet, from their values
// before k rows were inserted below row r: rows after r move down by k, and a range that ends
// on or below r grows by k. excelize's own adjustment is not relied upon.
func (fl *filler) adjustPrintNames(before []excelize.DefinedName, sheet string, r, k int) error {
	for _, dn := range before {
		if dn.Name != "_xlnm.Print_Area" && dn.Name != "_xlnm.Print_Titles" {
			continue
		}
		refers, changed := shiftAreas(dn.RefersTo, sheet, r, k)
		if !changed {
			continue
		}
		_ = fl.f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope})
		dn.RefersTo = refers
		if err := fl.f.SetDefinedName(&dn); err != nil {
			return err
		}
	}
	return nil
}

// areaPartRE is one end of an area reference: $A$1, A1, $3 (a whole row) or $A (a whole column).
var areaPartRE = regexp.MustCompile(`^(\$?[A-Za-z]*)(\$?)([0-9]*)$`)

// shiftAreas applies an insertion of k rows below row r to a list of areas such as
// 'Sheet'!$A$1:$H$20,'Sheet'!$A:$A; areas of other sheets are left alone.
func shiftAreas(refers, sheet string, r, k int) (string, bool) {
	areas := splitAreas(strings.TrimPrefix(refers, "="))
	changed := false
	for i, a := range areas {
		bang := strings.LastIndex(a, "!")
		if bang < 0 || unquoteSheet(a[:bang]) != sheet {
			continue
		}
		parts := strings.Split(a[bang+1:], ":")
		for j, p := range parts {
			m := areaPartRE.FindStringSubmatch(p)
			if m == nil || m[3] == "" {
				continue
			}
			row, _ := strconv.Atoi(m[3])
			isEnd := j == len(parts)-1 && len(parts) > 1
			if row > r || (isEnd && row == r) {
				parts[j] = m[1] + m[2] + strconv.Itoa(row+k)
				changed = true
			}
		}
		areas[i] = a[:bang+1] + strings.Join(parts, ":")
	}
	prefix := ""
	if strings.HasPrefix(refers, "=") {
		prefix = "="
	}
	return prefix + strings.Join(areas, ","), changed
}

// splitAreas splits at the commas outside quoted sheet names.
func splitAreas(s string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			quoted = !quoted // '' inside a name toggles twice
		case ',':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func unquoteSheet(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}
