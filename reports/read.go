package reports

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// SheetRows is the content of one visible sheet: Rows[i] is Excel row i+1, Rows[i][j] column j+1.
type SheetRows struct {
	Name string
	Rows [][]string
}

var (
	errXLS = data.Errorf(data.EInvalid, "不能读取 .xls 文件：请在 Excel 或 WPS 中将它另存为 .xlsx 格式后再导入")
	// oleMagic starts every .xls (and every password-protected .xlsx: both are OLE containers).
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// ReadWorkbook reads every visible sheet of an .xlsx file with raw cell values: date cells come
// back as serial numbers ("37073") and numbers unformatted ("1.30502198505E+17" stays so), for
// data.ParseDateCell and the ID check to judge. Every cell of a merged range holds the range's
// top-left value; trailing empty cells are trimmed. Errors are *data.Error with a Chinese message.
func ReadWorkbook(path string) ([]SheetRows, error) {
	name := filepath.Base(path)
	if strings.EqualFold(filepath.Ext(path), ".xls") {
		return nil, errXLS
	}
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, data.Errorf(data.EInvalid, "找不到文件“"+name+"”：请确认文件还在原来的位置")
		case errors.Is(err, fs.ErrPermission):
			return nil, data.Errorf(data.EInvalid, "没有权限读取文件“"+name+"”：请把它复制到桌面或“文档”中再导入")
		}
		return nil, data.Errorf(data.EInvalid, "无法打开文件“"+name+"”：文件可能正被 Excel 或 WPS 使用，请关闭后重试（"+err.Error()+"）")
	}
	defer f.Close()
	return readWorkbook(f, name)
}

// ReadWorkbookFrom is ReadWorkbook for a workbook held in a reader (e.g. a file chosen in a dialog).
func ReadWorkbookFrom(r io.Reader) ([]SheetRows, error) { return readWorkbook(r, "") }

func readWorkbook(r io.Reader, name string) ([]SheetRows, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, data.Errorf(data.EInvalid, "读取文件"+quoted(name)+"失败："+err.Error())
	}
	if bytes.HasPrefix(b, oleMagic) {
		if strings.EqualFold(filepath.Ext(name), ".xlsx") {
			return nil, data.Errorf(data.EInvalid, "文件"+quoted(name)+"设有打开密码：请在 Excel 或 WPS 中取消密码并保存后再导入")
		}
		return nil, errXLS
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, openError(err, name)
	}
	defer f.Close()
	var out []SheetRows
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			continue
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, damaged(name, err)
		}
		merges, err := f.GetMergeCells(sheet, true)
		if err != nil {
			return nil, damaged(name, err)
		}
		out = append(out, SheetRows{Name: sheet, Rows: fillMerged(rows, merges)})
	}
	return out, nil
}

func openError(err error, name string) error {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return errXLS
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm):
		return data.Errorf(data.EInvalid, "文件"+quoted(name)+"不是有效的 .xlsx 工作簿（可能已损坏，或是改了扩展名的其他文件）：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入")
	}
	return damaged(name, err)
}

func damaged(name string, err error) error {
	return data.Errorf(data.EInvalid, "无法读取工作簿"+quoted(name)+"（"+err.Error()+"）：请在 Excel 或 WPS 中打开它，另存为 .xlsx 后再导入")
}

func quoted(name string) string {
	if name == "" {
		return ""
	}
	return "“" + name + "”"
}

// fillMerged copies each merged range's top-left value into its other cells, within the rows and
// columns that hold data (a range reaching to the sheet's end would otherwise fill a million
// rows), then trims the trailing empty cells again.
func fillMerged(rows [][]string, merges []excelize.MergeCell) [][]string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r0 > len(rows) {
			continue
		}
		top := rows[r0-1]
		if c0 > len(top) || top[c0-1] == "" {
			continue
		}
		v := top[c0-1]
		r1, c1 = min(r1, len(rows)), min(c1, width)
		for r := r0; r <= r1; r++ {
			row := rows[r-1]
			if len(row) < c1 {
				row = append(row, make([]string, c1-len(row))...)
			}
			for c := c0; c <= c1; c++ {
				row[c-1] = v
			}
			rows[r-1] = row
		}
	}
	for i, row := range rows {
		n := len(row)
		for n > 0 && row[n-1] == "" {
			n--
		}
		rows[i] = row[:n]
	}
	return rows
}
