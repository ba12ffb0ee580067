package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
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
