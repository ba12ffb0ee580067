package reports

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// writeFile runs a report writer into a real file in t.TempDir and returns its path.
func writeFile(t *testing.T, name string, write func(f *os.File) error) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		f.Close()
		t.Fatalf("writing %s: %v", name, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// goldenCase is one report written and compared with its testdata/<name>.golden.
type goldenCase struct {
	name  string
	write func(w io.Writer) error
}

// runGolden writes each case to a file and checks the file's snapshot against its golden file.
func runGolden(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, tt.name+".xlsx", func(f *os.File) error { return tt.write(f) })
			checkGolden(t, path, tt.name)
		})
	}
}

// checkGolden compares a snapshot of the workbook at path with testdata/<name>.golden.
func checkGolden(t *testing.T, path, name string) {
	t.Helper()
	got := snapshot(t, path)
	golden := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./reports -update to create it)", err)
	}
	if got != string(want) {
		gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < max(len(gotLines), len(wantLines)); i++ {
			var g, w string
			if i < len(gotLines) {
				g = gotLines[i]
			}
			if i < len(wantLines) {
				w = wantLines[i]
			}
			if g != w {
				t.Fatalf("%s differs from %s at line %d:\n got: %s\nwant: %s\n(run go test ./reports -update if the change is intended)", path, golden, i+1, g, w)
			}
		}
	}
}

// snapshot describes a workbook as text: document properties, and per sheet the page setup,
// print titles, panes, column widths, merges, row heights and every cell with a value or a style
// (type, raw value, style); cells covered by a merge appear only if styled unlike the merge. Styles are named S1, S2, … in order of first use and described at the
// end as the font, fill, borders, alignment and number format an office would apply.
func snapshot(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	props, err := f.GetDocProps()
	must(err)
	fmt.Fprintf(&b, "properties: title=%q subject=%q creator=%q\n", props.Title, props.Subject, props.Creator)
	for _, dn := range f.GetDefinedName() {
		fmt.Fprintf(&b, "defined name: %s scope=%q refersTo=%s\n", dn.Name, dn.Scope, dn.RefersTo)
	}

	styleNames := map[int]string{}
	var styleOrder []int
	styleName := func(id int) string {
		if id == 0 {
			return "default"
		}
		if n, ok := styleNames[id]; ok {
			return n
		}
		n := "S" + strconv.Itoa(len(styleOrder)+1)
		styleNames[id] = n
		styleOrder = append(styleOrder, id)
		return n
	}

	for _, sheet := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(sheet)
		must(err)
		fmt.Fprintf(&b, "\nsheet %q visible=%v\n", sheet, visible)
		layout, err := f.GetPageLayout(sheet)
		must(err)
		props, err := f.GetSheetProps(sheet)
		must(err)
		fmt.Fprintf(&b, "page: paper=%s orientation=%s fitToPage=%s fitToWidth=%s fitToHeight=%s\n",
			deref(layout.Size), deref(layout.Orientation), deref(props.FitToPage), deref(layout.FitToWidth), deref(layout.FitToHeight))
		margins, err := f.GetPageMargins(sheet)
		must(err)
		fmt.Fprintf(&b, "margins (cm): left=%s right=%s top=%s bottom=%s header=%s footer=%s centredHorizontally=%s\n",
			cm(margins.Left), cm(margins.Right), cm(margins.Top), cm(margins.Bottom), cm(margins.Header), cm(margins.Footer), deref(margins.Horizontally))
		hf, err := f.GetHeaderFooter(sheet)
		must(err)
		fmt.Fprintf(&b, "footer: %q\n", hf.OddFooter)
		panes, err := f.GetPanes(sheet)
		must(err)
		fmt.Fprintf(&b, "panes: freeze=%v ySplit=%d xSplit=%d topLeft=%s\n", panes.Freeze, panes.YSplit, panes.XSplit, panes.TopLeftCell)

		rows, err := f.GetRows(sheet)
		must(err)
		merges, err := f.GetMergeCells(sheet, true)
		must(err)
		ncols := 0
		for _, r := range rows {
			ncols = max(ncols, len(r))
		}
		var refs []string
		covered := map[string]string{} // covered cell → top-left cell of its merge
		for _, m := range merges {
			refs = append(refs, m.GetStartAxis()+":"+m.GetEndAxis())
			c0, r0, err := excelize.CellNameToCoordinates(m.GetStartAxis())
			must(err)
			c1, r1, err := excelize.CellNameToCoordinates(m.GetEndAxis())
			must(err)
			ncols = max(ncols, c1)
			for r := r0; r <= r1; r++ {
				for c := c0; c <= c1; c++ {
					if r != r0 || c != c0 {
						ref, _ := excelize.CoordinatesToCellName(c, r)
						covered[ref] = m.GetStartAxis()
					}
				}
			}
		}
		fmt.Fprintf(&b, "merges: %s\n", strings.Join(refs, " "))
		var widths []string
		for c := 1; c <= ncols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			must(err)
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "column widths: %s\n", strings.Join(widths, " "))
		// The dimension must cover the used range: readers that trust it (openpyxl's read-only
		// mode, pandas) read nothing outside it.
		dim, err := f.GetSheetDimension(sheet)
		must(err)
		if used := "A1:" + cellRef(ncols, len(rows)); dim != used {
			t.Errorf("sheet %q: dimension %s, the used range is %s", sheet, dim, used)
		}
		fmt.Fprintf(&b, "dimension: %s\n", dim)
		// The body prints at 8 pt at least after fit-to-width scaling (SPEC §6): column width w
		// prints about 7w+5 px at 0.75 pt a px, within the paper less the margins.
		total := 0.0
		for c := 1; c <= ncols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			must(err)
			total += (7*w + 5) * 0.75
		}
		paper := 21.0
		if deref(layout.Orientation) == "landscape" {
			paper = 29.7
		}
		printable := (paper - 3) / 2.54 * 72
		if printed := bodyPt * min(1, printable/total); printed < 8-1e-9 {
			t.Errorf("sheet %q: the body prints at %.1f pt (scale %.2f), under 8 pt", sheet, printed, printable/total)
		}

		for r := 1; r <= len(rows); r++ {
			h, err := f.GetRowHeight(sheet, r)
			must(err)
			fmt.Fprintf(&b, "row %d height=%g\n", r, h)
			for c := 1; c <= ncols; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				style, err := f.GetCellStyle(sheet, ref)
				must(err)
				// Cells hidden by a merge are listed only when their style (borders) differs
				// from the merge's top-left cell.
				if top, ok := covered[ref]; ok {
					topStyle, err := f.GetCellStyle(sheet, top)
					must(err)
					if style != topStyle {
						fmt.Fprintf(&b, "  %s covered by %s %s\n", ref, top, styleName(style))
					}
					continue
				}
				value, err := f.GetCellValue(sheet, ref)
				must(err)
				if value == "" && style == 0 {
					continue
				}
				typ, err := f.GetCellType(sheet, ref)
				must(err)
				fmt.Fprintf(&b, "  %s %s %q %s\n", ref, cellTypeName(typ, value), value, styleName(style))
			}
		}
	}

	b.WriteString("\nstyles:\n")
	for _, id := range styleOrder {
		st, err := f.GetStyle(id)
		must(err)
		fmt.Fprintf(&b, "%s: %s\n", styleNames[id], describeStyle(st))
	}
	return b.String()
}

func cellRef(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

func describeStyle(st *excelize.Style) string {
	var parts []string
	if ft := st.Font; ft != nil {
		s := fmt.Sprintf("font %s %gpt", ft.Family, ft.Size)
		if ft.Bold {
			s += " bold"
		}
		if ft.Color != "" {
			s += " colour " + ft.Color
		}
		parts = append(parts, s)
	}
	if st.Fill.Pattern != 0 || len(st.Fill.Color) > 0 {
		parts = append(parts, fmt.Sprintf("fill %s/%d %v", st.Fill.Type, st.Fill.Pattern, st.Fill.Color))
	}
	var borders []string
	for _, bd := range st.Border {
		borders = append(borders, fmt.Sprintf("%s:%d:%s", bd.Type, bd.Style, bd.Color))
	}
	if len(borders) > 0 {
		parts = append(parts, "border "+strings.Join(borders, ","))
	}
	if a := st.Alignment; a != nil {
		parts = append(parts, fmt.Sprintf("align %s/%s wrap=%v", a.Horizontal, a.Vertical, a.WrapText))
	}
	switch {
	case st.CustomNumFmt != nil:
		parts = append(parts, fmt.Sprintf("numfmt %q", *st.CustomNumFmt))
	case st.NumFmt != 0:
		parts = append(parts, fmt.Sprintf("numfmt #%d", st.NumFmt))
	}
	return strings.Join(parts, "; ")
}

// cellTypeName names a cell's type; excelize reports numbers (no t attribute) as unset.
func cellTypeName(t excelize.CellType, value string) string {
	switch t {
	case excelize.CellTypeBool:
		return "bool"
	case excelize.CellTypeDate:
		return "date"
	case excelize.CellTypeError:
		return "error"
	case excelize.CellTypeFormula:
		return "formula"
	case excelize.CellTypeInlineString:
		return "text"
	case excelize.CellTypeSharedString:
		return "text(shared)"
	case excelize.CellTypeNumber:
		return "number"
	}
	if value != "" {
		return "number"
	}
	return "empty"
}

func deref[T any](p *T) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprint(*p)
}

func cm(inches *float64) string {
	if inches == nil {
		return "-"
	}
	return strconv.FormatFloat(*inches*2.54, 'f', 2, 64)
}

// openTest opens a workbook for a test and closes it at the end.
func openTest(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows is the text of sheet's rows in the open file f, as a reader of the printout sees them.
func sheetRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// cellWant is the text a cell of a sheet must read: its row and column in sheetRows' rows (from 0)
// and what it is, for the failure.
type cellWant struct {
	row, col   int
	want, what string
}

// checkCells checks the cells of rows (as sheetRows reads them) against wants.
func checkCells(t *testing.T, rows [][]string, wants []cellWant) {
	t.Helper()
	for _, c := range wants {
		got := ""
		if c.row < len(rows) && c.col < len(rows[c.row]) {
			got = rows[c.row][c.col]
		}
		if got != c.want {
			t.Errorf("%s (row %d, column %d) = %q, want %q", c.what, c.row+1, c.col+1, got, c.want)
		}
	}
}
