package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
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
	f, err := OpenInput(path, "文件")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readWorkbook(f, name)
}

// OpenInput opens a file the user chose to read (what: 文件, 模板文件), saying in Chinese why it
// cannot be opened, by the file's name.
func OpenInput(path, what string) (*os.File, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	switch {
	case err == nil:
		return f, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, data.Errorf(data.EInvalid, "找不到"+what+"“"+name+"”：请确认文件还在原来的位置")
	case errors.Is(err, fs.ErrPermission):
		return nil, data.Errorf(data.EInvalid, "没有权限读取"+what+"“"+name+"”：请把它复制到桌面或“文档”中再试")
	}
	return nil, data.Errorf(data.EInvalid, "无法打开"+what+"“"+name+"”：文件可能正被 Excel 或 WPS 使用，请关闭后重试（"+err.Error()+"）")
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
	parts := sheetParts(f)
	var out []SheetRows
	for _, sheet := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(sheet); !visible {
			continue
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			return nil, damaged(name, err)
		}
		merges, err := mergedRanges(f, sheet, parts[sheet])
		if err != nil {
			return nil, damaged(name, err)
		}
		out = append(out, SheetRows{Name: sheet, Rows: fillMerged(rows, merges)})
	}
	return out, nil
}

// mergedRanges returns the merged ranges ("A1:E1") of a sheet. excelize's GetMergeCells unmarshals
// the whole worksheet into structs to find them, which costs more than reading the rows, so the
// <mergeCells> element is decoded alone from the worksheet part excelize holds in memory. A part
// it does not hold (a worksheet over Options.UnzipXMLSizeLimit, 16 MiB by default, is kept in a
// temporary file) is left to GetMergeCells.
func mergedRanges(f *excelize.File, sheet, part string) ([]string, error) {
	if raw := pkgPart(f, part); raw != nil {
		return mergeRefs(raw)
	}
	mcs, err := f.GetMergeCells(sheet, true)
	refs := make([]string, len(mcs))
	for i, mc := range mcs {
		refs[i] = mc[0]
	}
	return refs, err
}

// pkgPart returns a part of the package as excelize read it from the file, nil when it holds none.
func pkgPart(f *excelize.File, name string) []byte {
	v, _ := f.Pkg.Load(name)
	b, _ := v.([]byte)
	return b
}

// xmlRels is a relationships part (_rels/.rels, xl/_rels/workbook.xml.rels).
type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// sheetParts maps each sheet's name to its worksheet part, resolved as Excel does: _rels/.rels
// names the workbook part, the workbook gives each sheet's relationship ID and the workbook's
// relationships give the part. Part names need not follow the sheet order (sheet3.xml may be the
// first sheet after sheets were deleted or moved). Sheets it cannot resolve are left out.
func sheetParts(f *excelize.File) map[string]string {
	var root, rels xmlRels
	_ = xml.Unmarshal(pkgPart(f, "_rels/.rels"), &root)
	book := "xl/workbook.xml"
	for _, r := range root.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			book = partName("", r.Target)
			break
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"` // r:id
		} `xml:"sheets>sheet"`
	}
	_ = xml.Unmarshal(pkgPart(f, book), &wb)
	dir := path.Dir(book)
	_ = xml.Unmarshal(pkgPart(f, path.Join(dir, "_rels", path.Base(book)+".rels")), &rels)
	target := make(map[string]string, len(rels.Rels))
	for _, r := range rels.Rels {
		target[r.ID] = r.Target
	}
	parts := make(map[string]string, len(wb.Sheets))
	for _, s := range wb.Sheets {
		if t, ok := target[s.RID]; ok {
			parts[s.Name] = partName(dir, t)
		}
	}
	return parts
}

// partName resolves a relationship target against the directory of the part that holds it; a
// target starting with / is from the package root.
func partName(dir, target string) string {
	target = strings.ReplaceAll(target, "\\", "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return path.Join(dir, target)
}

// mergeRefs returns the ranges of a worksheet part's <mergeCells>, which follows <sheetData>:
// bytes.Index finds it (a literal < only starts a tag in XML) and only that element is decoded.
// Elements carry the prefix of the root element, if any (<x:worksheet> from the Open XML SDK).
func mergeRefs(sheet []byte) ([]string, error) {
	prefix := ""
	if root, ok := firstElement(sheet); ok && root.Space != "" {
		prefix = root.Space + ":"
	}
	start := bytes.Index(sheet, []byte("<"+prefix+"mergeCells"))
	if start < 0 {
		return nil, nil
	}
	var mc struct {
		Cells []struct {
			Ref string `xml:"ref,attr"`
		} `xml:"mergeCell"`
	}
	if err := xml.NewDecoder(bytes.NewReader(sheet[start:])).Decode(&mc); err != nil {
		return nil, err
	}
	refs := make([]string, len(mc.Cells))
	for i, c := range mc.Cells {
		refs[i] = c.Ref
	}
	return refs, nil
}

// firstElement returns the raw name (prefix in Space) of the document's root element.
func firstElement(doc []byte) (xml.Name, bool) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.RawToken()
		if err != nil {
			return xml.Name{}, false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name, true
		}
	}
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
func fillMerged(rows [][]string, merges []string) [][]string {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, ref := range merges {
		from, to, _ := strings.Cut(ref, ":")
		c0, r0, err1 := excelize.CellNameToCoordinates(from)
		c1, r1, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil {
			continue // a single cell or a broken reference: nothing to fill
		}
		c0, c1, r0, r1 = min(c0, c1), max(c0, c1), min(r0, r1), max(r0, r1) // as written: B2:A1
		if r0 > len(rows) {
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

// ReadRoster reads the first sheet of the workbook at path that has a roster header (SPEC §7),
// naming the sheet. A workbook with no such sheet, or whose roster has no rows under its header,
// is refused with a Chinese reason that names the sheet.
func ReadRoster(path string, today data.Date) (sheet string, p data.RosterParse, err error) {
	return readFirstSheet(path, "党员数据", func(rows [][]string) (data.RosterParse, int, int, error) {
		p, err := data.ParseRoster(rows, today)
		return p, p.HeaderRow, len(p.Rows), err
	})
}

// ReadDuesBases reads the first sheet of the payroll workbook at path that has a payroll header
// (data.ParseDuesBases against basis), as ReadRoster does for a roster.
func ReadDuesBases(path string, from data.Month, basis data.DuesImportBasis) (string, data.DuesBaseParse, error) {
	return readFirstSheet(path, "工资数据", func(rows [][]string) (data.DuesBaseParse, int, int, error) {
		p, err := data.ParseDuesBases(rows, from, basis.Members, basis.Bases, basis.Rates)
		return p, p.HeaderRow, len(p.Rows), err
	})
}

// readFirstSheet parses the sheets of the workbook at path in order with parse (which returns the
// header row and the number of data rows) and returns the first that has a header; what (党员数据)
// names the rows in the refusal of a sheet with none under its header.
func readFirstSheet[T any](path, what string, parse func(rows [][]string) (T, int, int, error)) (string, T, error) {
	var zero T
	sheets, err := ReadWorkbook(path) // explains an .xls file itself
	if err != nil {
		return "", zero, err
	}
	var first error
	for _, s := range sheets {
		p, header, n, err := parse(s.Rows)
		if err != nil {
			if first == nil {
				first = data.Errorf(data.ErrorCode(err), "工作表「"+s.Name+"」："+data.ErrorMessage(err))
			}
			continue
		}
		if n == 0 {
			return s.Name, p, data.Errorf(data.EInvalid, fmt.Sprintf("工作表「%s」的表头（第 %d 行）下面没有%s", s.Name, header, what))
		}
		return s.Name, p, nil
	}
	if first == nil {
		first = data.Errorf(data.EInvalid, "「"+path+"」里没有可读取的工作表")
	}
	return "", zero, first
}

// ReadActivities reads the first sheet of the workbook at path that has an R12 header (组织生活记录
// 台账, SPEC §12.6), checked against ic, naming the sheet; refused like ReadRoster.
func ReadActivities(path string, ic *data.ImportContext) (sheet string, p data.ActivityParse, err error) {
	sheets, err := ReadWorkbook(path)
	if err != nil {
		return "", p, err
	}
	var first error
	for _, s := range sheets {
		p, err := data.ParseActivities(s.Rows, ic)
		if err != nil {
			if first == nil {
				first = data.Errorf(data.ErrorCode(err), "工作表「"+s.Name+"」："+data.ErrorMessage(err))
			}
			continue
		}
		if len(p.Rows) == 0 {
			return s.Name, p, data.Errorf(data.EInvalid, fmt.Sprintf("工作表「%s」的表头（第 %d 行）下面没有组织生活记录", s.Name, p.HeaderRow))
		}
		return s.Name, p, nil
	}
	if first == nil {
		first = data.Errorf(data.EInvalid, "「"+path+"」里没有可读取的工作表")
	}
	return "", p, first
}
