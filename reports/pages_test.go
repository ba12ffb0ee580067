package reports

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// pageOf lays units of the given heights (rows per unit in rows) on pages of capacity 100 with a
// repeated header of 10, after a first-page heading of 20, and returns the rows beginning a page.
func pageOf(t *testing.T, heights []float64, rows []int, sign float64) []int {
	t.Helper()
	p := pager{capacity: 100, repeat: 10}
	p.add(unit{first: 1, rows: 1, height: 20}) // title and header
	next := 2
	for i, h := range heights {
		p.add(unit{first: next, rows: rows[i], height: h, data: true})
		next += rows[i]
	}
	return p.finish(sign)
}

func TestPager(t *testing.T) {
	ones := func(n int) []int {
		r := make([]int, n)
		for i := range r {
			r[i] = 1
		}
		return r
	}
	tests := []struct {
		name    string
		heights []float64
		rows    []int
		sign    float64
		want    []int
	}{
		// 20 + 8×10 = 100 fill page 1; the signatures need their own room: 3 rows go with them.
		{"signatures take three rows along", []float64{10, 10, 10, 10, 10, 10, 10, 10}, ones(8), 15, []int{7}},
		// A record of 3 rows (30 high) that does not fit goes whole to the next page.
		{"a record is never cut", []float64{10, 10, 10, 10, 10, 10, 30, 10}, []int{1, 1, 1, 1, 1, 1, 3, 1}, 5, []int{8}},
		// Page 2 would hold one row and the signatures: the break moves two rows earlier.
		{"no lonely last row", []float64{10, 10, 10, 10, 10, 10, 10, 10, 10}, ones(9), 5, []int{8}},
		// Everything fits one page: no break.
		{"one page", []float64{10, 10, 10}, ones(3), 15, nil},
		// A single record taller than the page stays where it is (nothing better can be done).
		{"a record taller than a page", []float64{10, 150}, []int{1, 12}, 5, []int{3, 15}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pageOf(t, tc.heights, tc.rows, tc.sign); !slices.Equal(got, tc.want) {
				t.Errorf("breaks before rows %v, want %v", got, tc.want)
			}
		})
	}
}

// rowBreaks reads the rows that begin a printed page from the first worksheet of path.
func rowBreaks(t *testing.T, path string) []int {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	rc, err := z.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	xml, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllSubmatch(xml, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		rows = append(rows, n+1) // a break after row n: row n+1 begins the page
	}
	return rows
}

// TestInspectionsNeverCutAtAPageBreak writes a year of inspections with one to four findings each
// (merged down) and finds every page break between two inspections, and at least three rows on the
// last page with the signatures.
func TestInspectionsNeverCutAtAPageBreak(t *testing.T) {
	var rows []InspectionRow
	for i := range 120 {
		r := InspectionRow{Date: day(1, 1).AddDays(i), Kind: "四不两直督查", Shift: "早班",
			Inspectors: "张三（牵头）、\n李四、王五", Unit: "综采一班", Place: "2201工作面"}
		for k := range i%4 + 1 {
			r.Findings = append(r.Findings, FindingRow{FoundDate: r.Date, Description: fmt.Sprintf("第%d次督查发现的第%d个问题，现场未整改到位需要跟踪", i+1, k+1),
				Category: "安全生产不实", Responsible: "赵六", Deadline: r.Date.AddDays(7), State: "整改中"})
		}
		rows = append(rows, r)
	}
	path := writeFile(t, "r2.xlsx", func(f *os.File) error { return WriteInspections(f, monthMeta, rows) })
	breaks := rowBreaks(t, path)
	if len(breaks) < 5 {
		t.Fatalf("%d page breaks for 300 findings", len(breaks))
	}
	f := openTest(t, path)
	sheet := f.GetSheetName(0)
	merges, err := f.GetMergeCells(sheet, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range breaks {
		for _, m := range merges {
			_, r0, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
			_, r1, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
			if r0 < b && b <= r1 {
				t.Errorf("the page break before row %d cuts the merged %s:%s", b, m.GetStartAxis(), m.GetEndAxis())
			}
		}
	}
	all := sheetRows(t, f, sheet)
	// The last rows are a blank row and the signatures.
	if last := len(all) - 2 - breaks[len(breaks)-1] + 1; last < minLastRows {
		t.Errorf("the last page holds %d rows of data", last)
	}
}
