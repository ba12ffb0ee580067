package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// buildRoster writes a roster the way secretaries keep them: a merged title, a merged 备注 over
// two rows, a date cell, an ID number typed as text and one Excel turned into a number, a hidden
// sheet and an empty visible one.
func buildRoster(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sh = "花名册"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", sh))
	must(f.SetCellValue(sh, "A1", "某党支部党员花名册"))
	must(f.MergeCell(sh, "A1", "E1"))
	must(f.SetSheetRow(sh, "A2", &[]any{"序号", "姓名", "身份证号", "入党时间", "备注"}))
	must(f.SetSheetRow(sh, "A3", &[]any{1, "张三", data.IDNumberWithCheck("13050219850312001"), nil, "同一班组"}))
	must(f.MergeCell(sh, "E3", "E4"))
	must(f.SetCellValue(sh, "D3", time.Date(2001, 7, 1, 0, 0, 0, 0, time.UTC)))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	must(err)
	must(f.SetCellStyle(sh, "D3", "D3", dateStyle))
	must(f.SetSheetRow(sh, "A4", &[]any{2, "李四"}))
	must(f.SetCellDefault(sh, "C4", "1.30502198505E+17")) // what Excel stores for an ID typed as a number
	must(f.SetCellValue(sh, "D4", "2001.07"))
	must(f.SetCellValue(sh, "B6", "填表人："))

	_, err = f.NewSheet("隐藏")
	must(err)
	must(f.SetCellValue("隐藏", "A1", "下拉列表"))
	must(f.SetSheetVisible("隐藏", false))
	_, err = f.NewSheet("空表")
	must(err)

	path := filepath.Join(t.TempDir(), "roster.xlsx")
	must(f.SaveAs(path))
	return path
}

func TestReadWorkbook(t *testing.T) {
	path := buildRoster(t)
	sheets, err := ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range sheets {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"花名册", "空表"}) {
		t.Fatalf("sheets = %q, want the visible ones", names)
	}
	title := "某党支部党员花名册"
	id := data.IDNumberWithCheck("13050219850312001")
	want := [][]string{
		{title, title, title, title, title}, // merged title filled across
		{"序号", "姓名", "身份证号", "入党时间", "备注"},
		{"1", "张三", id, "37073", "同一班组"},                    // date cell as its serial
		{"2", "李四", "1.30502198505E+17", "2001.07", "同一班组"}, // raw number; merged 备注 filled down
		nil, // empty row kept, so that indexes stay Excel row numbers
		{"", "填表人："},
	}
	got := sheets[0].Rows
	if len(got) != len(want) {
		t.Fatalf("got %d rows: %q", len(got), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d = %q, want %q", i+1, got[i], want[i])
		}
	}
	if len(sheets[1].Rows) != 0 {
		t.Errorf("empty sheet rows = %q", sheets[1].Rows)
	}
	d, err := data.ParseDateCell(got[2][3])
	if err != nil || d != data.NewDate(2001, 7, 1) {
		t.Errorf("serial %q parses to %v, %v", got[2][3], d, err)
	}

	// The same through a reader.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fromReader, err := ReadWorkbookFrom(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if len(fromReader) != 2 || !slices.Equal(fromReader[0].Rows[3], want[3]) {
		t.Errorf("ReadWorkbookFrom = %q", fromReader)
	}
}

func TestReadWorkbookRefusals(t *testing.T) {
	dir := t.TempDir()
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	xlsx := buildRoster(t)
	tests := []struct {
		name string
		path string
		want string
	}{
		{".xls by extension", write("old.xls", []byte("anything")), "不能读取 .xls 文件"},
		{".xls by extension, upper case", write("OLD.XLS", ole), "不能读取 .xls 文件"},
		{"OLE file renamed", write("renamed.dat", ole), "不能读取 .xls 文件"},
		{"OLE file named .xlsx: encrypted", write("locked.xlsx", ole), "设有打开密码"},
		{"not a workbook", write("notes.xlsx", []byte("这不是工作簿")), "不是有效的 .xlsx 工作簿"},
		{"missing", filepath.Join(dir, "none.xlsx"), "找不到文件"},
		{"a directory", dir, "读取文件"},
		{"a valid workbook", xlsx, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWorkbook(tt.path)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if data.ErrorCode(err) != data.EInvalid || !strings.Contains(data.ErrorMessage(err), tt.want) {
				t.Errorf("err = %v (code %q), want EInvalid mentioning %q", err, data.ErrorCode(err), tt.want)
			}
		})
	}
	// The reader variant cannot see the name: an OLE file is taken for an .xls.
	if _, err := ReadWorkbookFrom(bytes.NewReader(ole)); err == nil || !strings.Contains(err.Error(), ".xls") {
		t.Errorf("ReadWorkbookFrom(OLE) = %v", err)
	}
}

func TestReadWorkbookExcelizeXLSError(t *testing.T) {
	// Whatever the bytes, excelize's own refusal must turn into the .xls message.
	if err := openError(excelize.ErrWorkbookFileFormat, "a.xlsx"); err != errXLS {
		t.Errorf("openError = %v", err)
	}
}

// Merged ranges belong to their own sheet, found through workbook.xml and its relationships: here
// the first sheet was deleted and the last moved to the front, so the sheets 丙, 甲, 乙 live in the
// parts sheet4.xml, sheet2.xml, sheet3.xml, and position-based guessing would fill the wrong cells.
func TestReadWorkbookMergesOnEverySheet(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sheets := []struct {
		name   string
		rows   [][]any
		merges [][2]string
	}{
		{"甲", [][]any{{"甲表"}, {"a", "b", "c"}}, [][2]string{{"A1", "C1"}}},
		{"乙", [][]any{{"x", "乙列"}, {"y"}, {"z"}}, [][2]string{{"B1", "B3"}}},
		{"丙", [][]any{{"1", "2"}, {"丙行"}}, [][2]string{{"A2", "B2"}}},
	}
	for _, sh := range sheets {
		_, err := f.NewSheet(sh.name)
		must(err)
		for i, row := range sh.rows {
			must(f.SetSheetRow(sh.name, "A"+strconv.Itoa(i+1), &row))
		}
		for _, m := range sh.merges {
			must(f.MergeCell(sh.name, m[0], m[1]))
		}
	}
	must(f.DeleteSheet("Sheet1"))
	must(f.MoveSheet("丙", "甲"))
	path := filepath.Join(t.TempDir(), "moved.xlsx")
	must(f.SaveAs(path))

	got, err := ReadWorkbook(path)
	must(err)
	want := []SheetRows{
		{"丙", [][]string{{"1", "2"}, {"丙行", "丙行"}}},
		{"甲", [][]string{{"甲表", "甲表", "甲表"}, {"a", "b", "c"}}},
		{"乙", [][]string{{"x", "乙列"}, {"y", "乙列"}, {"z", "乙列"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadWorkbook =\n%q\nwant\n%q", got, want)
	}
	// The test is only worth something if part names do not follow the sheet order.
	g, err := excelize.OpenFile(path)
	must(err)
	defer g.Close()
	if parts := sheetParts(g); parts["丙"] != "xl/worksheets/sheet4.xml" || parts["甲"] != "xl/worksheets/sheet2.xml" {
		t.Errorf("sheet parts = %v", parts)
	}
}

// writeZip writes a package part by part, for layouts excelize does not write itself.
func writeZip(t *testing.T, parts [][2]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "handmade.xlsx")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A workbook as other tools write them: the workbook part is not xl/workbook.xml, the sheet target
// is absolute, and every element has the x: prefix (the Open XML SDK's habit).
func TestReadWorkbookOtherWriters(t *testing.T) {
	const (
		ns  = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
		rel = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
	)
	cell := func(ref, v string) string {
		return `<x:c r="` + ref + `" t="inlineStr"><x:is><x:t>` + v + `</x:t></x:is></x:c>`
	}
	path := writeZip(t, [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/book.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="R1" Type="` + rel + `/officeDocument" Target="xl/book.xml"/></Relationships>`},
		{"xl/book.xml", `<?xml version="1.0" encoding="UTF-8"?><x:workbook ` + ns + ` xmlns:r="` + rel + `">` +
			`<x:sheets><x:sheet name="名单" sheetId="1" r:id="R7"/></x:sheets></x:workbook>`},
		{"xl/_rels/book.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="R7" Type="` + rel + `/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`},
		{"xl/worksheets/data.xml", `<?xml version="1.0" encoding="UTF-8"?><x:worksheet ` + ns + `><x:sheetData>` +
			`<x:row r="1">` + cell("A1", "花名册") + `</x:row>` +
			`<x:row r="2">` + cell("A2", "mergeCells") + cell("B2", "姓名") + `</x:row>` +
			`</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`},
	})
	got, err := ReadWorkbook(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []SheetRows{{"名单", [][]string{{"花名册", "花名册"}, {"mergeCells", "姓名"}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadWorkbook = %q, want %q", got, want)
	}
	// The merges came from the part, not from the GetMergeCells fallback.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if parts := sheetParts(f); parts["名单"] != "xl/worksheets/data.xml" {
		t.Errorf("sheet parts = %v", parts)
	}
}

func TestMergeRefs(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	tests := []struct {
		name  string
		sheet string
		want  []string
		err   bool
	}{
		{"none", head + `<worksheet><sheetData><row r="1"/></sheetData></worksheet>`, nil, false},
		{"empty sheet", head + `<worksheet><sheetData/><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, []string{"A1:B2"}, false},
		{"several, after other elements", head + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><sheetProtection/>` +
			`<mergeCells count="2"><mergeCell ref="A1:U1"/><mergeCell ref="E3:E4"/></mergeCells><pageMargins/></worksheet>`, []string{"A1:U1", "E3:E4"}, false},
		{"the word in text is no element", head + `<worksheet><sheetData><row><c><is><t>mergeCells &lt;mergeCells</t></is></c></row></sheetData></worksheet>`, nil, false},
		{"prefixed", head + `<!-- by a tool --><s:worksheet xmlns:s="urn:x"><s:sheetData/><s:mergeCells><s:mergeCell ref="C1:D1"/></s:mergeCells></s:worksheet>`, []string{"C1:D1"}, false},
		{"self-closing", `<worksheet><sheetData/><mergeCells count="0"/></worksheet>`, []string{}, false},
		{"broken", `<worksheet><sheetData/><mergeCells><mergeCell ref="A1:B1"></mergeCells></worksheet>`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mergeRefs([]byte(tt.sheet))
			if (err != nil) != tt.err || !slices.Equal(got, tt.want) {
				t.Errorf("mergeRefs = %q, %v; want %q (error %v)", got, err, tt.want, tt.err)
			}
		})
	}
}

// A worksheet above excelize's UnzipXMLSizeLimit stays in a temporary file, out of f.Pkg: its merges
// come from GetMergeCells, the same as from the part.
func TestMergedRangesFromTemporaryFile(t *testing.T) {
	path := buildRoster(t)
	ranges := func(opts excelize.Options) []string {
		f, err := excelize.OpenFile(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		parts := sheetParts(f)
		if inPkg := pkgPart(f, parts["花名册"]) != nil; inPkg != (opts.UnzipXMLSizeLimit == 0) {
			t.Fatalf("worksheet in memory: %v with %+v", inPkg, opts)
		}
		refs, err := mergedRanges(f, "花名册", parts["花名册"])
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(refs)
		return refs
	}
	fromPart, fromTemp := ranges(excelize.Options{}), ranges(excelize.Options{UnzipXMLSizeLimit: 1})
	if want := []string{"A1:E1", "E3:E4"}; !slices.Equal(fromPart, want) || !slices.Equal(fromTemp, want) {
		t.Errorf("merges from the part %q, from the temporary file %q; want %q", fromPart, fromTemp, want)
	}
}

func TestFillMerged(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]string
		merges []string
		want   [][]string
	}{
		{"across and down", [][]string{{"a", "", "x"}, {"", "", "y"}}, []string{"A1:B2"}, [][]string{{"a", "a", "x"}, {"a", "a", "y"}}},
		{"written backwards", [][]string{{"a", ""}, {"", ""}}, []string{"B2:A1"}, [][]string{{"a", "a"}, {"a", "a"}}},
		{"capped to the data", [][]string{{"t"}, {"1", "2"}}, []string{"A1:XFD1048576"}, [][]string{{"t", "t"}, {"t", "t"}}},
		{"empty top-left fills nothing", [][]string{{"", "b"}}, []string{"A1:B1"}, [][]string{{"", "b"}}},
		{"below the data", [][]string{{"a"}}, []string{"A5:B6"}, [][]string{{"a"}}},
		{"single cell and broken references", [][]string{{"a", ""}}, []string{"A1", "A1:?", ""}, [][]string{{"a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fillMerged(tt.rows, tt.merges); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("fillMerged = %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkReadWorkbook10k reads back an R1 of 10,000 members, the first step of an import.
func BenchmarkReadWorkbook10k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "r1.xlsx")
	if err := SaveFile(path, func(w io.Writer) error { return WriteRoster(w, testMeta, benchMembers(10000)) }); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sheets, err := ReadWorkbook(path)
		if err != nil || len(sheets) != 1 || len(sheets[0].Rows) < 10000 {
			b.Fatalf("read %d sheets: %v", len(sheets), err)
		}
	}
}
