package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"branchledger/data"
)

// role is the part of the sheet a cell belongs to; with the column and the cell's options it
// decides the cell's style.
type role uint8

const (
	roleBody role = iota
	roleHeader
	roleTitle
	roleMeta
	roleCaption
	roleSign
)

// styleKey is everything a cell style depends on; each key becomes one excelize style, made once
// (SetCellStyle-style replacement would otherwise multiply styles).
type styleKey struct {
	role      role
	align     Align
	format    string
	bold, red bool
}

const (
	headerFill = "D9D9D9"
	red        = "FF0000"
)

func (b *Book) style(k styleKey) (int, error) {
	if id, ok := b.styles[k]; ok {
		return id, nil
	}
	fonts := b.meta.Fonts
	font := &excelize.Font{Family: fonts.Body, Size: bodyPt, Bold: k.bold}
	st := &excelize.Style{
		Font:      font,
		Alignment: &excelize.Alignment{Horizontal: alignName(k.align), Vertical: "center", WrapText: true},
	}
	switch k.role {
	case roleTitle:
		font.Family, font.Size, font.Bold = fonts.Title, titlePt, true
	case roleHeader:
		font.Family, font.Bold = fonts.Header, true
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}}
	case roleCaption:
		font.Bold = true
	}
	if k.role == roleHeader || k.role == roleBody {
		for _, side := range []string{"left", "right", "top", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if k.red {
		font.Color = red
	}
	setNumFmt(st, k.format)
	id, err := b.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	b.styles[k] = id
	return id, nil
}

// setNumFmt uses the built-in format ids where they exist, so that every office reads them alike.
func setNumFmt(st *excelize.Style, format string) {
	switch format {
	case "", "General": // General: 10 and 7.5 as typed, no trailing zeros
	case "0":
		st.NumFmt = 1
	case "0.00":
		st.NumFmt = 2
	case "0%":
		st.NumFmt = 9
	case "0.00%":
		st.NumFmt = 10
	case "@":
		st.NumFmt = 49
	default:
		st.CustomNumFmt = ptr(format)
	}
}

func alignName(a Align) string {
	switch a {
	case AlignLeft:
		return "left"
	case AlignRight:
		return "right"
	}
	return "center"
}

// columnAlign and columnFormat give a body cell's defaults from its column.
func columnAlign(c Column) Align {
	if c.Align != AlignAuto {
		return c.Align
	}
	switch c.Kind {
	case Text:
		return AlignLeft
	case Number:
		return AlignRight
	}
	return AlignCenter
}

func columnFormat(c Column) string {
	switch c.Kind {
	case Int:
		if c.Format != "" {
			return c.Format
		}
		return "0"
	case Number:
		if c.Format != "" {
			return c.Format
		}
		return "0.00"
	case Date:
		return "yyyy-mm-dd"
	}
	// text: typed-over ID numbers and phones stay text in Excel
	return "@"
}

func (s *Sheet) styleOf(r role, col int, c Cell) (int, error) {
	k := styleKey{role: r, align: c.Align, bold: c.Bold, red: c.Red}
	switch r {
	case roleBody:
		if k.align == AlignAuto {
			k.align = columnAlign(s.cols[col])
		}
		k.format = columnFormat(s.cols[col])
		if c.Format != "" {
			k.format = c.Format
		}
	case roleHeader, roleTitle:
		if k.align == AlignAuto {
			k.align = AlignCenter
		}
	default:
		if k.align == AlignAuto {
			k.align = AlignLeft
		}
	}
	return s.b.style(k)
}

func asCell(v any) Cell {
	switch c := v.(type) {
	case Cell:
		return c
	case *Cell:
		if c != nil {
			return *c
		}
		return Cell{}
	}
	return Cell{Value: v}
}

// cellValue converts a row value to what the stream writer stores and to the text it shows
// (for fitting the row height).
func cellValue(v any) (any, string) {
	switch x := v.(type) {
	case nil:
		return nil, ""
	case string:
		if x == "" {
			return nil, "" // an empty cell, not an empty text
		}
		return x, x
	case bool:
		s := yesNo(x)
		return s, s
	case data.Date:
		if x.IsZero() {
			return nil, ""
		}
		return x.Time(), x.String()
	case int:
		return x, strconv.Itoa(x)
	case int64:
		return x, strconv.FormatInt(x, 10)
	case float64:
		return x, strconv.FormatFloat(x, 'f', 2, 64)
	}
	s := fmt.Sprint(v)
	return s, s
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// tallCell is a cell merged over several rows: its text must fit their summed height.
type tallCell struct {
	first, last int
	lines       int
}

// writeBlock writes rows of one role, resolving merges, styles and fitted heights.
func (s *Sheet) writeBlock(r role, rows []Row) error {
	if s.sw == nil {
		return errClosed
	}
	if len(rows) == 0 {
		return nil
	}
	n := len(s.cols)
	pt := bodyPt
	if r == roleTitle {
		pt = titlePt
	}
	// coverStyle[i][c] > 0 marks a cell covered by a merge; covered cells repeat the merge's
	// style so that its borders are drawn all round.
	coverStyle := make([][]int, len(rows))
	for i := range coverStyle {
		coverStyle[i] = make([]int, n)
	}
	out := make([][]any, len(rows))
	heights := make([]float64, len(rows))
	reach := make([]int, len(rows)) // the last row a merge starting in row i covers
	var tall []tallCell
	var merges [][2]string
	for i, row := range rows {
		if len(row.Cells) > n {
			return fmt.Errorf("reports: row has %d cells, sheet %q has %d columns", len(row.Cells), s.name, n)
		}
		vals := make([]any, n)
		reach[i] = i
		lines := 1
		for c := 0; c < n; c++ {
			if id := coverStyle[i][c]; id > 0 {
				if c < len(row.Cells) && row.Cells[c] != nil {
					return fmt.Errorf("reports: value in a cell covered by a merge at row %d column %d", s.next+i, c+1)
				}
				vals[c] = excelize.Cell{StyleID: id}
				continue
			}
			var cell Cell
			if c < len(row.Cells) {
				cell = asCell(row.Cells[c])
			}
			cell.Bold = cell.Bold || row.Bold
			cell.Red = cell.Red || row.Red
			if cell.Across < 0 || cell.Down < 0 || c+cell.Across >= n || i+cell.Down >= len(rows) {
				return fmt.Errorf("reports: merge at row %d column %d leaves the block", s.next+i, c+1)
			}
			id, err := s.styleOf(r, c, cell)
			if err != nil {
				return err
			}
			v, text := cellValue(cell.Value)
			vals[c] = excelize.Cell{StyleID: id, Value: v}
			width := 0.0
			for cc := c; cc <= c+cell.Across; cc++ {
				width += s.cols[cc].Width
			}
			l := lineCount(text, width, pt)
			if cell.Across == 0 && cell.Down == 0 {
				lines = max(lines, l)
				continue
			}
			for rr := i; rr <= i+cell.Down; rr++ {
				for cc := c; cc <= c+cell.Across; cc++ {
					if rr == i && cc == c {
						continue
					}
					if coverStyle[rr][cc] > 0 {
						return fmt.Errorf("reports: overlapping merges at row %d column %d", s.next+rr, cc+1)
					}
					coverStyle[rr][cc] = id
				}
			}
			merges = append(merges, [2]string{cellName(c+1, s.next+i), cellName(c+1+cell.Across, s.next+i+cell.Down)})
			reach[i] = max(reach[i], i+cell.Down)
			if cell.Down == 0 {
				lines = max(lines, l)
			} else {
				tall = append(tall, tallCell{i, i + cell.Down, l})
			}
		}
		out[i] = vals
		heights[i] = row.Height
		if heights[i] == 0 {
			heights[i] = lineHeight(lines, pt)
			if r == roleTitle {
				heights[i] = max(heights[i], titleMinHeight)
			}
		}
	}
	// A merged cell spanning rows gets the height it lacks on its last row.
	for _, t := range tall {
		have := 0.0
		for i := t.first; i <= t.last; i++ {
			have += heights[i]
		}
		if need := lineHeight(t.lines, pt); need > have {
			heights[t.last] += need - have
		}
	}
	for i := range rows {
		heights[i] = roundUp(heights[i])
		if err := s.sw.SetRow(cellName(1, s.next+i), out[i], excelize.RowOpts{Height: heights[i]}); err != nil {
			return err
		}
	}
	// Rows tied by a merge going down go on one page together.
	for i := 0; i < len(rows); {
		end := i
		for j := i; j <= end; j++ {
			end = max(end, reach[j])
		}
		h := 0.0
		for j := i; j <= end; j++ {
			h += heights[j]
		}
		s.pages.add(unit{first: s.next + i, rows: end - i + 1, height: h, data: r == roleBody})
		i = end + 1
	}
	for _, m := range merges {
		if err := s.sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	s.next += len(rows)
	return nil
}

// Row heights (SPEC §6, NOTES): Excel does not fit wrapped text itself, so the layer counts the
// lines as Excel draws them. A column of width w is 7w+5 px wide, of which about 7w+1 px hold text
// (cell padding); at 10.5 pt a CJK character is 14 px (2 units of 7 px) and an ASCII one 7 px
// (宋体's half width). Counting with less room than that sizes rows for two lines whose text
// prints on one (issue 10 #12).

// lineCount estimates the printed lines of text in a cell of the given width at pt points.
func lineCount(text string, width, pt float64) int {
	usable := max(width, 1)
	n := 0
	for para := range strings.SplitSeq(text, "\n") {
		w := textUnits(para) * pt / unitPt
		if w <= usable+1e-9 {
			n++ // fits: one line, as printed
			continue
		}
		// Wrapped text breaks before the edge (whole characters; no line begins with ，、；), so a
		// wrapped line holds less than the full width: count with wrapFill of it.
		n += int(math.Ceil(w / (usable * wrapFill)))
	}
	return n
}

// wrapFill is the share of a column's width a wrapped line fills on average.
const wrapFill = 0.85

// joinWrapped joins parts with sep, starting a new line (after sep) where the next part would not
// fit a cell of the given width at pt points, so that a list of names breaks between names rather
// than inside one (an office breaks Chinese text anywhere).
func joinWrapped(parts []string, sep string, width, pt float64) string {
	usable := max(width, 1)
	var b strings.Builder
	line := 0.0
	for i, p := range parts {
		w := textUnits(p) * pt / unitPt
		if i < len(parts)-1 {
			w += textUnits(sep) * pt / unitPt
		}
		if i > 0 && line+w > usable+1e-9 {
			b.WriteByte('\n')
			line = 0
		}
		b.WriteString(p)
		if i < len(parts)-1 {
			b.WriteString(sep)
		}
		line += w
	}
	return b.String()
}

// unitPt is the font size at which textUnits is the printed width: a CJK character is 14 px, two
// units of 7 px, at 10.5 pt.
const unitPt = 10.5

// textUnits is the width of s in Excel character units (7 px) at unitPt.
func textUnits(s string) float64 {
	u := 0
	for _, r := range s {
		switch {
		case r < 0x250, r >= 0xFF61 && r <= 0xFFDC: // Latin, half-width forms
			u++
		default: // CJK, full-width forms and punctuation
			u += 2
		}
	}
	return float64(u)
}

func lineHeight(lines int, pt float64) float64 { return float64(lines)*pt*1.3 + 4 }

// roundUp keeps heights on quarter points, as Excel does.
func roundUp(h float64) float64 { return math.Ceil(h*4) / 4 }
