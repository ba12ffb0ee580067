package reports

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

const tplSheetName = "党员 名册" // a space forces quoting in defined names

// tplStyles are the style IDs the test template gave its repeating row, by column letter.
type tplStyles map[string]int

// writeTestTemplate builds a group template: a merged title, a 单位/期间/填报日期 row, a header
// row, the repeating row (a fill, bold with borders, a custom date format, a merge holding a
// number format, a formula, a constant), a footer row with a placeholder, a print area, print
// titles and a page setup. It returns the file and the repeating row's style IDs.
func writeTestTemplate(t testing.TB, dir string, repeat map[string]string) (string, tplStyles) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	s := tplSheetName
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", s))
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	newStyle := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		must(err)
		return id
	}
	title := newStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	styles := tplStyles{
		"A": newStyle(&excelize.Style{Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFFF00"}}}),
		"B": newStyle(&excelize.Style{Border: border, Font: &excelize.Font{Bold: true}}),
		"C": newStyle(&excelize.Style{Border: border, NumFmt: 49}), // @: text
		"D": newStyle(&excelize.Style{Border: border, CustomNumFmt: ptr("yyyy年m月d日")}),
		"E": newStyle(&excelize.Style{Border: border, CustomNumFmt: ptr("0.0")}),
		"F": newStyle(&excelize.Style{Border: border}),
		"G": newStyle(&excelize.Style{Border: border, NumFmt: 2}),
		"H": newStyle(&excelize.Style{Border: border, Font: &excelize.Font{Italic: true}}),
	}
	cells := map[string]any{
		"A1": "{{支部名称}}党员名册",
		"A2": "单位：{{支部名称}}", "D2": "{{期间}}", "G2": "{{填报日期}}",
		"A3": "序号", "B3": "姓名", "C3": "公民身份证号", "D3": "出生日期", "E3": "积分", "G3": "双倍", "H3": "单位",
		"A5": "填表日期：{{填报日期}}", "D5": "填表人：{{填表人}}",
	}
	for k, v := range repeat {
		cells[k] = v
	}
	for cell, v := range cells {
		must(f.SetCellValue(s, cell, v))
	}
	must(f.MergeCell(s, "A1", "H1"))
	must(f.SetCellStyle(s, "A1", "A1", title))
	must(f.MergeCell(s, "E3", "F3"))
	must(f.MergeCell(s, "E4", "F4"))
	must(f.SetCellFormula(s, "G4", "E4*2"))
	for col, id := range styles {
		must(f.SetCellStyle(s, col+"4", col+"4", id))
	}
	must(f.SetRowHeight(s, 4, 24))
	must(f.SetColWidth(s, "C", "C", 21))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: "'" + s + "'!$A$1:$H$5", Scope: s}))
	must(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + s + "'!$3:$3", Scope: s}))
	must(f.SetPageLayout(s, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}))
	must(f.SetHeaderFooter(s, &excelize.HeaderFooterOptions{OddHeader: "&C{{支部名称}}", OddFooter: "&C第 &P 页 共 &N 页"}))
	path := filepath.Join(dir, "template.xlsx")
	must(f.SaveAs(path))
	return path, styles
}

// repeatRow is the standard repeating row of the test template.
var repeatRow = map[string]string{
	"A4": "{{列:序号}}", "B4": "{{列:姓名}}", "C4": "{{列:公民身份证号}}", "D4": "{{列:出生日期}}",
	"E4": "{{ 列：积分 }}", "H4": "分",
}

var tplColumns = []string{"姓名", "公民身份证号", "出生日期", "积分"}

func tplRecords(n int) [][]any {
	rows := make([][]any, n)
	for i := range rows {
		birth := data.NewDate(1980+i%20, time.Month(1+i%12), 1+i%28)
		rows[i] = []any{fmt.Sprintf("党员%d", i+1), data.IDNumberWithCheck(fmt.Sprintf("13020319%02d%02d%02d%03d", 80+i%20, 1+i%12, 1+i%28, i%1000)), birth, float64(i%100) + 0.5}
	}
	return rows
}

func fillTestTemplate(t testing.TB, path string, d TemplateData) (*excelize.File, TemplateInfo, error) {
	t.Helper()
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	var out bytes.Buffer
	info, err := FillTemplate(in, &out, d)
	if err != nil {
		return nil, info, err
	}
	f, err := excelize.OpenReader(&out, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, info, nil
}

func TestFillTemplate(t *testing.T) {
	dir := t.TempDir()
	path, styles := writeTestTemplate(t, dir, repeatRow)
	meta := Meta{Branch: "综采一队党支部", Period: "2026年3月", Date: data.NewDate(2026, 3, 15)}
	for _, n := range []int{1, 3, 5000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			recs := tplRecords(n)
			f, info, err := fillTestTemplate(t, path, TemplateData{Meta: meta, Values: map[string]any{"填表人": "张三"}, Columns: tplColumns, Rows: recs})
			if err != nil {
				t.Fatal(err)
			}
			s := tplSheetName
			want := TemplateInfo{Sheet: s, Row: 4, Values: []string{"支部名称", "期间", "填报日期", "填表人"}, Fields: []string{"序号", "姓名", "公民身份证号", "出生日期", "积分"}}
			if fmt.Sprint(info) != fmt.Sprint(want) {
				t.Errorf("info = %+v, want %+v", info, want)
			}
			get := func(cell string) string {
				t.Helper()
				v, err := f.GetCellValue(s, cell)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			typeOf := func(cell string) excelize.CellType {
				t.Helper()
				ty, err := f.GetCellType(s, cell)
				if err != nil {
					t.Fatal(err)
				}
				return ty
			}
			// Single values, embedded and alone (a date cell in yyyy-mm-dd).
			for cell, want := range map[string]string{"A1": meta.Branch + "党员名册", "A2": "单位：" + meta.Branch, "D2": meta.Period} {
				if got := get(cell); got != want {
					t.Errorf("%s = %q, want %q", cell, got, want)
				}
			}
			checkDate(t, f, s, "G2", meta.Date, "yyyy-mm-dd")
			// The records, with their types and the template row's styles and height.
			last := 4 + n - 1
			for _, i := range []int{0, 1, n / 2, n - 1} {
				if i >= n {
					continue
				}
				row := 4 + i
				rec := recs[i]
				c := func(col string) string { return fmt.Sprintf("%s%d", col, row) }
				if get(c("A")) != fmt.Sprint(i+1) || typeOf(c("A")) == excelize.CellTypeSharedString {
					t.Errorf("%s = %q (%v), want the number %d", c("A"), get(c("A")), typeOf(c("A")), i+1)
				}
				if get(c("B")) != rec[0] || get(c("C")) != rec[1] || typeOf(c("C")) != excelize.CellTypeSharedString {
					t.Errorf("row %d: name %q, ID %q (%v), want %q, text %q", row, get(c("B")), get(c("C")), typeOf(c("C")), rec[0], rec[1])
				}
				checkDate(t, f, s, c("D"), rec[2].(data.Date), "yyyy年m月d日")
				if get(c("E")) != fmt.Sprint(rec[3]) || typeOf(c("E")) == excelize.CellTypeSharedString {
					t.Errorf("%s = %q, want the number %v", c("E"), get(c("E")), rec[3])
				}
				if got, _ := f.GetCellFormula(s, c("G")); got != fmt.Sprintf("E%d*2", row) {
					t.Errorf("%s formula = %q, want E%d*2", c("G"), got, row)
				}
				if get(c("H")) != "分" {
					t.Errorf("%s = %q, want the constant 分", c("H"), get(c("H")))
				}
				for col, id := range styles {
					if got, _ := f.GetCellStyle(s, c(col)); got != id && col != "D" {
						t.Errorf("style of %s = %d, want the template's %d", c(col), got, id)
					}
				}
				if ht, _ := f.GetRowHeight(s, row); ht != 24 {
					t.Errorf("height of row %d = %v, want 24", row, ht)
				}
			}
			// Merges: the title, the header, one per record, nothing else.
			merges, err := f.GetMergeCells(s)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, m := range merges {
				got[m.GetStartAxis()+":"+m.GetEndAxis()] = true
			}
			wantMerges := map[string]bool{"A1:H1": true, "E3:F3": true}
			for row := 4; row <= last; row++ {
				wantMerges[fmt.Sprintf("E%d:F%d", row, row)] = true
			}
			if len(got) != len(wantMerges) || len(merges) != len(wantMerges) {
				t.Errorf("%d merges, want %d", len(merges), len(wantMerges))
			}
			for m := range wantMerges {
				if !got[m] {
					t.Errorf("merge %s missing", m)
				}
			}
			// The footer row moved below the records.
			if got := get(fmt.Sprintf("A%d", last+1)); got != "填表日期：2026年3月15日" {
				t.Errorf("footer = %q", got)
			}
			if got := get(fmt.Sprintf("D%d", last+1)); got != "填表人：张三" {
				t.Errorf("footer D = %q", got)
			}
			// Print names follow; page setup and column widths stay.
			names := map[string]string{}
			for _, dn := range f.GetDefinedName() {
				names[dn.Name+"@"+dn.Scope] = dn.RefersTo
			}
			q := "'" + s + "'!"
			if got, want := names["_xlnm.Print_Area@"+s], fmt.Sprintf("%s$A$1:$H$%d", q, last+1); got != want {
				t.Errorf("print area = %q, want %q", got, want)
			}
			if got, want := names["_xlnm.Print_Titles@"+s], q+"$3:$3"; got != want {
				t.Errorf("print titles = %q, want %q", got, want)
			}
			pl, err := f.GetPageLayout(s)
			if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
				t.Errorf("page layout lost: %+v %v", pl, err)
			}
			if hf, err := f.GetHeaderFooter(s); err != nil || hf.OddHeader != "&C"+meta.Branch || hf.OddFooter != "&C第 &P 页 共 &N 页" {
				t.Errorf("header/footer = %+v %v", hf, err)
			}
			if w, _ := f.GetColWidth(s, "C"); w != 21 {
				t.Errorf("width of C = %v, want 21", w)
			}
		})
	}
}

// checkDate checks a date cell: a serial number shown with format.
func checkDate(t *testing.T, f *excelize.File, sheet, cell string, want data.Date, format string) {
	t.Helper()
	v, _ := f.GetCellValue(sheet, cell)
	var serial float64
	if _, err := fmt.Sscan(v, &serial); err != nil {
		t.Errorf("%s = %q, want a date serial number", cell, v)
		return
	}
	tm, err := excelize.ExcelDateToTime(serial, false)
	if err != nil || data.DateOf(tm) != want {
		t.Errorf("%s = %v (%v), want %v", cell, tm, err, want)
	}
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != format {
		t.Errorf("%s number format = %v, want %q", cell, st, format)
	}
}

func TestFillTemplateRefuses(t *testing.T) {
	tests := []struct {
		name   string
		repeat map[string]string
		values map[string]any
		want   []string // in the message
	}{
		{"unknown value and field", map[string]string{"B4": "{{列:姓名}}", "C4": "{{列:籍贯}}", "D4": "{{党委名称}}"}, map[string]any{"填表人": "张三"},
			[]string{"{{列:籍贯}}", "{{党委名称}}", "{{列:姓名}}"}},
		{"a value the caller left out", map[string]string{"B4": "{{列:姓名}}"}, nil, []string{"无法识别", "{{填表人}}"}},
		{"two repeating rows", map[string]string{"B4": "{{列:姓名}}", "B6": "{{列:姓名}}"}, map[string]any{"填表人": "张三"}, []string{"两行", "第4行", "第6行"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := writeTestTemplate(t, t.TempDir(), tc.repeat)
			_, _, err := fillTestTemplate(t, path, TemplateData{Values: tc.values, Columns: tplColumns, Rows: tplRecords(2)})
			if data.ErrorCode(err) != data.EInvalid {
				t.Fatalf("err = %v, want an EInvalid *data.Error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "无法识别的占位符：{{列:姓名}}") {
				t.Errorf("a known field reported as unknown: %q", err)
			}
		})
	}
}

func TestFillTemplateWithoutRecords(t *testing.T) {
	tests := []struct {
		name   string
		repeat map[string]string
		rows   [][]any
	}{
		{"no repeating row", map[string]string{"B4": "固定文字"}, tplRecords(3)},
		{"no records", repeatRow, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := writeTestTemplate(t, t.TempDir(), tc.repeat)
			f, _, err := fillTestTemplate(t, path, TemplateData{Meta: Meta{Branch: "掘进队党支部"}, Values: map[string]any{"填表人": "李四"}, Columns: tplColumns, Rows: tc.rows})
			if err != nil {
				t.Fatal(err)
			}
			rows := sheetRows(t, f, tplSheetName)
			if len(rows) != 5 {
				t.Fatalf("%d rows, want the template's 5", len(rows))
			}
			if rows[0][0] != "掘进队党支部党员名册" || !strings.HasPrefix(rows[4][0], "填表日期：") || rows[4][3] != "填表人：李四" {
				t.Errorf("singles not filled: %q", rows)
			}
			for _, v := range rows[3] {
				if strings.Contains(v, "{{") {
					t.Errorf("row 4 keeps a placeholder: %q", rows[3])
				}
			}
		})
	}
}

func TestShiftAreas(t *testing.T) {
	tests := []struct{ in, want string }{
		{"'党员 名册'!$A$1:$H$5", "'党员 名册'!$A$1:$H$105"},
		{"'党员 名册'!$A$1:$H$4", "'党员 名册'!$A$1:$H$104"}, // ends on the template row: grows
		{"'党员 名册'!$A$1:$H$3", "'党员 名册'!$A$1:$H$3"},   // above: unchanged
		{"'党员 名册'!$6:$7", "'党员 名册'!$106:$107"},       // below: moves
		{"'党员 名册'!$A:$B,'党员 名册'!$5:$5", "'党员 名册'!$A:$B,'党员 名册'!$105:$105"},
		{"'其他,表'!$A$1:$H$9", "'其他,表'!$A$1:$H$9"}, // another sheet
	}
	for _, tc := range tests {
		if got, _ := shiftAreas(tc.in, tplSheetName, 4, 100); got != tc.want {
			t.Errorf("shiftAreas(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkFillTemplate5000(b *testing.B) {
	path, _ := writeTestTemplate(b, b.TempDir(), repeatRow)
	tpl, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	d := TemplateData{Meta: Meta{Branch: "综采一队党支部"}, Values: map[string]any{"填表人": "张三"}, Columns: tplColumns, Rows: tplRecords(5000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FillTemplate(bytes.NewReader(tpl), io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
