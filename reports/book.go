package reports

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// Creator is written into every workbook's document properties.
const Creator = "支部台账"

// Fonts names the fonts of a report; offices lack some fonts (仿宋_GB2312, 方正小标宋), so they are
// configurable. Empty names fall back to DefaultFonts.
type Fonts struct {
	Title  string // row 1
	Header string // header rows
	Body   string // everything else
}

// DefaultFonts are present on every Chinese Windows.
var DefaultFonts = Fonts{Title: "黑体", Header: "宋体", Body: "宋体"}

func (f Fonts) withDefaults() Fonts {
	if f.Title == "" {
		f.Title = DefaultFonts.Title
	}
	if f.Header == "" {
		f.Header = DefaultFonts.Header
	}
	if f.Body == "" {
		f.Body = DefaultFonts.Body
	}
	return f
}

// Meta is what a report prints around its table and what the caller knows about the branch.
type Meta struct {
	Branch string    // branch name: 单位：<Branch> in row 2, prefix of titles
	Period string    // 期间 printed centred in row 2; "" when the report has none
	Date   data.Date // 填报日期; zero means today
	Fonts  Fonts
	// Committee: the sheet is issued by the Party committee (a consolidated sheet of many branches),
	// so the committee's secretary signs and its seal goes on it, not a branch secretary's.
	Committee bool
}

// AsOf is the day the sheet's figures are as of: the 填报日期, today when not given.
func (m Meta) AsOf() data.Date {
	if m.Date.IsZero() {
		return data.Today()
	}
	return m.Date
}

// Kind is what a column holds; it chooses the default alignment and the number format.
// The cell type itself follows each value's Go type (see Row).
type Kind int

const (
	Text   Kind = iota // text cells, left; ID numbers, phones and codes belong here
	Int                // whole numbers, centred (序号, counts)
	Number             // decimals, right; Column.Format, default 0.00
	Date               // data.Date shown yyyy-mm-dd, centred
	Bool               // bool printed 是/否, centred
)

// Align overrides a column's horizontal alignment.
type Align int

const (
	AlignAuto Align = iota // by Kind
	AlignLeft
	AlignCenter
	AlignRight
)

// Column describes one column of a sheet.
type Column struct {
	Header string
	Width  float64 // Excel character units
	Kind   Kind
	Align  Align
	Format string // number format for Int/Number columns, e.g. "0.0" or "0.0%"; "" for the default
}

// Cell is a value with options; a plain value in Row.Cells is a Cell with only Value set.
type Cell struct {
	Value any
	Bold  bool  // e.g. totals
	Red   bool  // e.g. overdue or failed
	Align Align // AlignAuto: the column's alignment
	// Format overrides the column's number format for this body cell (e.g. "0.0%" for a rate in a
	// column of counts).
	Format string
	// Across and Down merge the cell with that many columns to its right and rows below. Rows below
	// must be passed in the same Sheet.Rows call; the cells they cover must be nil.
	Across, Down int
}

// Row is one printed row. Cells[i] belongs to column i; missing trailing cells are empty.
// Values: string → text cell ("" → empty), int/int64/float64 → number, data.Date → date cell (zero → empty),
// bool → 是/否, nil → empty; anything else is printed with fmt.Sprint.
type Row struct {
	Cells  []any
	Bold   bool    // every cell bold (totals rows)
	Red    bool    // every cell red (overdue, failed)
	Height float64 // points; 0 fits the wrapped text
}

// SheetSpec describes one sheet of a report.
type SheetSpec struct {
	Name    string // sheet tab, in Chinese (≤ 31 characters, none of []:*?/\)
	Title   string // row 1
	Columns []Column
	// Info lines are printed, one per row and across all columns, between row 2 and the header
	// (e.g. 设施、检查日期、检查人 of a single check).
	Info []string
	// Header rows, repeated on every printed page; nil means one row of the columns' headers.
	// Cells may merge (Cell.Across/Down) for two-level headers.
	Header []Row
	// NoHeader leaves the header out (sheets made of several tables: see Sheet.Caption/HeaderRows).
	NoHeader bool
	// OnePage shrinks the sheet to one printed page (a form that is signed, such as R5), where the
	// default fits one page wide and runs over as many pages as needed.
	OnePage bool
	// Signature replaces the common signature row (填表人 / 支部书记) after the table, for forms
	// signed by others; "" keeps the common one.
	Signature string
}

// Print geometry of SPEC §6. excelize takes margins in inches.
const (
	paperA4        = 9
	portraitMaxCol = 9
	marginLR       = 1.5 / 2.54
	marginTB       = 2.0 / 2.54
	marginHF       = 0.8 / 2.54 // header/footer distance from the paper edge
	footer         = "&C第 &P 页 共 &N 页"
	signature      = "填表人：________  支部书记（签字）：________  日期：________"
	// committeeSignature signs the sheets the committee issues (Meta.Committee).
	committeeSignature = "填表人：________  党委书记（签字）：________  党委（盖章）  日期：________"

	titlePt = 16.0
	bodyPt  = 10.5
	// titleMinHeight gives the title some air above the table.
	titleMinHeight = 30.0
)

// Book is a workbook being written. Sheets are streamed one after the other: AddSheet finishes
// the previous sheet, Write finishes the last one and writes the file.
type Book struct {
	f      *excelize.File
	meta   Meta
	styles map[styleKey]int
	sheets int
	title  string
	cur    *Sheet
	done   bool
	// dims maps each sheet's placeholder dimension to its used range (see fixDimensions).
	dims map[string]string
}

// NewBook starts a workbook for meta's branch.
func NewBook(meta Meta) *Book {
	meta.Fonts = meta.Fonts.withDefaults()
	meta.Date = meta.AsOf()
	return &Book{f: excelize.NewFile(), meta: meta, styles: map[styleKey]int{}, dims: map[string]string{}}
}

// Sheet is the sheet being written: title, row 2 and header are written by AddSheet, the caller
// adds rows, the signature row is added when the sheet is finished.
type Sheet struct {
	b     *Book
	name  string
	cols  []Column
	sw    *excelize.StreamWriter
	next  int    // next row number to write (1-based)
	sign  string // the signature row
	dim   string // the placeholder dimension written for the sheet
	pages pager  // where the printed pages break
}

var errClosed = errors.New("reports: sheet already finished")

// AddSheet finishes the current sheet and starts a new one with the common page setup, title,
// 单位/期间/填报日期 row, info lines and header.
func (b *Book) AddSheet(spec SheetSpec) (*Sheet, error) {
	if b.done {
		return nil, errClosed
	}
	if len(spec.Columns) == 0 {
		return nil, fmt.Errorf("reports: sheet %q has no columns", spec.Name)
	}
	if err := b.finishSheet(); err != nil {
		return nil, err
	}
	name := spec.Name
	var err error
	if b.sheets == 0 {
		err = b.f.SetSheetName(b.f.GetSheetName(0), name)
		b.title = spec.Title
	} else {
		_, err = b.f.NewSheet(name)
	}
	if err != nil {
		return nil, err
	}
	b.sheets++

	header := spec.Header
	switch {
	case spec.NoHeader:
		header = nil
	case header == nil:
		cells := make([]any, len(spec.Columns))
		for i, c := range spec.Columns {
			cells[i] = c.Header
		}
		header = []Row{{Cells: cells}}
	}
	firstHeader := 3 + len(spec.Info)
	lastHeader := firstHeader + len(header) - 1

	if err := b.pageSetup(name, len(spec.Columns), spec.OnePage, firstHeader, lastHeader); err != nil {
		return nil, err
	}
	// The stream writer writes the dimension when it starts, before the rows are known: a
	// placeholder, unique to the sheet, is replaced by the used range when the file is written.
	dim := dimensionPlaceholder(b.sheets)
	if err := b.f.SetSheetDimension(name, dim); err != nil {
		return nil, err
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s := &Sheet{b: b, name: name, cols: spec.Columns, sw: sw, next: 1, sign: cmp.Or(spec.Signature, b.signature()), dim: dim}
	if !spec.OnePage {
		landscape := len(spec.Columns) > portraitMaxCol
		s.pages.capacity = pageHeight(landscape, printScale(spec.Columns, landscape))
	}
	b.cur = s
	for i, c := range spec.Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return nil, err
		}
	}
	if len(header) > 0 {
		top := cellName(1, lastHeader+1)
		err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: lastHeader, TopLeftCell: top, ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
		})
		if err != nil {
			return nil, err
		}
	}

	if err := s.line(roleTitle, spec.Title); err != nil {
		return nil, err
	}
	if err := s.writeBlock(roleMeta, []Row{s.metaRow()}); err != nil {
		return nil, err
	}
	for _, text := range spec.Info {
		if err := s.line(roleMeta, text); err != nil {
			return nil, err
		}
	}
	above := s.pages.used
	if err := s.HeaderRows(header...); err != nil {
		return nil, err
	}
	s.pages.repeat = s.pages.used - above // printed again on every page (print titles)
	return s, nil
}

// pageSetup applies the print rules. Sheet properties must be set before the stream writer is
// created (it writes sheetPr at once); the rest survives until Flush.
func (b *Book) pageSetup(sheet string, ncols int, onePage bool, firstHeader, lastHeader int) error {
	orientation := "portrait"
	if ncols > portraitMaxCol {
		orientation = "landscape"
	}
	tall := 0 // as many pages tall as needed
	if onePage {
		tall = 1
	}
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(paperA4), Orientation: &orientation, FitToWidth: ptr(1), FitToHeight: ptr(tall),
	}); err != nil {
		return err
	}
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(marginLR), Right: ptr(marginLR), Top: ptr(marginTB), Bottom: ptr(marginTB),
		Header: ptr(marginHF), Footer: ptr(marginHF), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	if err := b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
		return err
	}
	if lastHeader < firstHeader {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), firstHeader, lastHeader),
		Scope:    sheet,
	})
}

// signature is the common signature row of the level that issues the sheets (SPEC §6).
func (b *Book) signature() string {
	if b.meta.Committee {
		return committeeSignature
	}
	return signature
}

// metaRow is row 2: 单位 left, 期间 centre (when there is one), 填报日期 right, each merged over a
// run of columns (see splitColumns).
func (s *Sheet) metaRow() Row {
	m := s.b.meta
	parts := []string{"单位：" + m.Branch}
	aligns := []Align{AlignLeft}
	if m.Period != "" {
		parts = append(parts, "期间："+m.Period)
		aligns = append(aligns, AlignCenter)
	}
	parts = append(parts, "填报日期："+m.Date.Chinese())
	aligns = append(aligns, AlignRight)
	n := len(s.cols)
	if n < len(parts) {
		return Row{Cells: []any{Cell{Value: strings.Join(parts, "  "), Across: n - 1, Align: AlignLeft}}}
	}
	cells := make([]any, n)
	start := 0
	for i, end := range splitColumns(s.cols, parts, bodyPt) {
		cells[start] = Cell{Value: parts[i], Across: end - start - 1, Align: aligns[i]}
		start = end
	}
	return Row{Cells: cells}
}

// splitColumns divides the columns into one run per text and returns the end (exclusive) of each
// run: the split whose longest text needs the fewest lines, and among those the one closest to
// runs of equal width (so that the centre text sits near the page's centre).
func splitColumns(cols []Column, texts []string, pt float64) []int {
	k, n := len(texts), len(cols)
	prefix := make([]float64, n+1) // prefix[i]: width of cols[:i]
	for i, c := range cols {
		prefix[i+1] = prefix[i] + c.Width
	}
	share := prefix[n] / float64(k)
	var best []int
	bestLines, bestDev := 0, 0.0
	bounds := make([]int, k)
	var try func(part, start int)
	try = func(part, start int) {
		if part == k-1 {
			bounds[part] = n
			lines, dev, from := 0, 0.0, 0
			for i, end := range bounds {
				w := prefix[end] - prefix[from]
				lines = max(lines, lineCount(texts[i], w, pt))
				dev += math.Abs(w - share)
				from = end
			}
			if best == nil || lines < bestLines || lines == bestLines && dev < bestDev-1e-9 {
				best, bestLines, bestDev = slices.Clone(bounds), lines, dev
			}
			return
		}
		for end := start + 1; end <= n-(k-1-part); end++ {
			bounds[part] = end
			try(part+1, end)
		}
	}
	try(0, 0)
	return best
}

// Rows writes body rows. Merges going down (Cell.Down) must end within the rows of one call.
func (s *Sheet) Rows(rows ...Row) error { return s.writeBlock(roleBody, rows) }

// HeaderRows writes header-styled rows. AddSheet writes the sheet's own header; call this for the
// header of a second table on the same sheet (it is not repeated on printed pages).
func (s *Sheet) HeaderRows(rows ...Row) error { return s.writeBlock(roleHeader, rows) }

// SetColumns changes how the body rows that follow are formatted — each column's kind, alignment
// and number format — for another table on a sheet made of several (SheetSpec.NoHeader). cols must
// have one entry per column of the sheet; their widths and headers are ignored: the stream writer
// sets widths before the first row, so the sheet keeps those of AddSheet.
func (s *Sheet) SetColumns(cols []Column) error {
	if s.sw == nil {
		return errClosed
	}
	if len(cols) != len(s.cols) {
		return fmt.Errorf("reports: %d columns given, sheet %q has %d", len(cols), s.name, len(s.cols))
	}
	next := slices.Clone(cols)
	for i := range next {
		next[i].Width = s.cols[i].Width
	}
	s.cols = next
	return nil
}

// Caption writes a bold line across all columns without borders: a table's heading on a sheet
// with several tables.
func (s *Sheet) Caption(text string) error { return s.line(roleCaption, text) }

// line writes text in one row merged across all columns.
func (s *Sheet) line(r role, text string) error {
	return s.writeBlock(r, []Row{{Cells: []any{Cell{Value: text, Across: len(s.cols) - 1}}}})
}

// Skip leaves n empty rows (space between tables).
func (s *Sheet) Skip(n int) error {
	if s.sw == nil {
		return errClosed
	}
	s.pages.add(unit{first: s.next, rows: n, height: float64(n) * blankRowHeight})
	s.next += n
	return nil
}

// finish writes the signature row and flushes the sheet.
func (s *Sheet) finish() error {
	if s.sw == nil {
		return nil
	}
	width := 0.0
	for _, c := range s.cols {
		width += c.Width
	}
	breaks := s.pages.finish(blankRowHeight + roundUp(lineHeight(lineCount(s.sign, width, bodyPt), bodyPt)))
	s.pages.capacity = 0 // placed
	s.next++             // one empty row between the table and the signatures
	err := s.line(roleSign, s.sign)
	for _, row := range breaks {
		if err == nil {
			err = s.b.f.InsertPageBreak(s.name, cellName(1, row))
		}
	}
	if err == nil {
		s.b.dims[s.dim] = "A1:" + cellName(len(s.cols), s.next-1)
		err = s.sw.Flush()
	}
	s.sw = nil
	return err
}

func (b *Book) finishSheet() error {
	if b.cur == nil {
		return nil
	}
	err := b.cur.finish()
	b.cur = nil
	return err
}

// Write finishes the last sheet, sets the document properties and writes the workbook to w.
// The Book cannot be used afterwards.
func (b *Book) Write(w io.Writer) error {
	if b.done {
		return errClosed
	}
	b.done = true
	defer b.f.Close() // removes the stream writers' temporary files
	if b.sheets == 0 {
		return errors.New("reports: workbook has no sheet")
	}
	if err := b.finishSheet(); err != nil {
		return err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{
		Title: b.title, Subject: b.meta.Branch, Creator: Creator, LastModifiedBy: Creator,
		Created: now, Modified: now,
	}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := b.f.Write(&buf); err != nil {
		return err
	}
	return fixDimensions(buf.Bytes(), b.dims, w)
}

// dimensionPlaceholder is the dimension written for the i-th sheet until its rows are known: a
// range no report reaches, distinct for each sheet.
func dimensionPlaceholder(i int) string { return fmt.Sprintf("A1:XFD%d", excelize.TotalRows-i) }

// fixDimensions copies the workbook xlsx to w with each worksheet's placeholder dimension replaced
// by its used range (dims), so that readers that trust <dimension> (openpyxl's read-only mode,
// pandas) see every column and row (SPEC §6). Parts other than worksheets are copied as they are,
// without recompressing.
func fixDimensions(xlsx []byte, dims map[string]string, w io.Writer) error {
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			if err := zw.Copy(f); err != nil {
				return err
			}
			continue
		}
		if err := copyFixingDimension(zw, f, dims); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyFixingDimension copies worksheet part f into zw, replacing its placeholder dimension, which
// stands near the start of the part.
func copyFixingDimension(zw *zip.Writer, f *zip.File, dims map[string]string) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	head := make([]byte, 8<<10)
	n, err := io.ReadFull(rc, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return err
	}
	head = head[:n]
	for placeholder, used := range dims {
		old := []byte(`<dimension ref="` + placeholder + `"`)
		if bytes.Contains(head, old) {
			head = bytes.Replace(head, old, []byte(`<dimension ref="`+used+`"`), 1)
			break
		}
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	if _, err := out.Write(head); err != nil {
		return err
	}
	_, err = io.Copy(out, rc)
	return err
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func ptr[T any](v T) *T { return &v }

// noneRow is the one row of a ledger with nothing to list, so that an empty printout is not
// mistaken for a failed one.
func noneRow(s *Sheet, text string) error {
	return s.Rows(Row{Cells: []any{Cell{Value: text, Across: len(s.cols) - 1, Align: AlignCenter}}})
}

// writeNone writes the book of a sheet with nothing to list: s with only its noneRow.
func writeNone(w io.Writer, b *Book, s *Sheet, text string) error {
	if err := noneRow(s, text); err != nil {
		return err
	}
	return b.Write(w)
}
