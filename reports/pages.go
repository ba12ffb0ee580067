package reports

import "math"

// Page breaks (SPEC §6): the layer knows every row's height, so it places the page breaks itself
// rather than leaving them to the office: a record of several rows (an inspection with its
// findings, merged down) is never cut, and the last page holds at least three rows of data with
// the signatures, or all of them, rather than the signatures alone or one lonely row.

// Print geometry for page breaks, in points.
const (
	a4Long, a4Short = 29.7 / 2.54 * 72, 21.0 / 2.54 * 72
	// pageSafety leaves room for the difference between our estimate of the printed scale and an
	// office's: a page is filled to this share of what it holds, so its own break never comes first.
	pageSafety = 0.93
	// blankRowHeight is the height of the row left empty before the signatures (the default).
	blankRowHeight = 15.0
	// minLastRows is how many rows of data the last page keeps with the signatures.
	minLastRows = 3
)

// printScale is the fit-to-width scale an office prints cols at on A4 (NOTES: a column of width w
// prints about 7w+5 px, at 0.75 pt a px).
func printScale(cols []Column, landscape bool) float64 {
	total := 0.0
	for _, c := range cols {
		total += (7*c.Width + 5) * 0.75
	}
	width := a4Short
	if landscape {
		width = a4Long
	}
	return math.Min(1, (width-2*marginLR*72)/total)
}

// pageHeight is the height of sheet rows one printed page holds at scale, with the safety margin.
func pageHeight(landscape bool, scale float64) float64 {
	height := a4Long
	if landscape {
		height = a4Short
	}
	return (height - 2*marginTB*72) / scale * pageSafety
}

// unit is rows that go on one page together: a row, or rows tied by a merge going down.
type unit struct {
	first, rows int // first row (1-based) and how many
	height      float64
	data        bool // rows of the body, not a title, caption or header
}

// pager follows the rows of a sheet as they are written and decides where pages break.
type pager struct {
	capacity float64 // what a page holds; 0 places no breaks (a one-page form)
	repeat   float64 // the header rows printed again at the top of every page after the first
	used     float64 // height used on the current page
	units    []unit
	starts   []int // index in units of the first unit of each page after the first
}

// page is the index in units of the first unit of the current page.
func (p *pager) page() int {
	if len(p.starts) == 0 {
		return 0
	}
	return p.starts[len(p.starts)-1]
}

// add places the next unit: on the current page when it fits or the page holds no data yet, else
// at the top of a new one.
func (p *pager) add(u unit) {
	if p.capacity > 0 && p.used+u.height > p.capacity && p.dataRows(p.page(), len(p.units)) > 0 {
		p.starts = append(p.starts, len(p.units))
		p.used = p.repeat
	}
	p.units = append(p.units, u)
	p.used += u.height
}

// dataRows counts the rows of data of units[from:to].
func (p *pager) dataRows(from, to int) int {
	n := 0
	for _, u := range p.units[from:to] {
		if u.data {
			n += u.rows
		}
	}
	return n
}

// height sums the heights of units[from:to].
func (p *pager) height(from, to int) float64 {
	h := 0.0
	for _, u := range p.units[from:to] {
		h += u.height
	}
	return h
}

// finish places the signatures (sign high) after the last unit, keeping rows of data with them
// (minLastRows where the page before can spare them), and returns the rows that begin a page.
func (p *pager) finish(sign float64) []int {
	if p.capacity == 0 {
		return nil
	}
	n, page := len(p.units), p.page()
	switch {
	case p.used+sign > p.capacity:
		// The signatures do not fit: rows of this page go with them to a new one.
		if k, ok := p.pull(page, n, sign); ok {
			p.starts = append(p.starts, k)
		} else if n > 0 {
			p.starts = append(p.starts, n) // unavoidable: nothing can go with them
		}
	case len(p.starts) > 0 && p.dataRows(page, n) < minLastRows:
		// A short last page: the page before gives it rows where it can spare them.
		prev := 0
		if len(p.starts) > 1 {
			prev = p.starts[len(p.starts)-2]
		}
		if k, ok := p.pull(prev, n, sign); ok && k < page {
			p.starts[len(p.starts)-1] = k
		}
	}
	breaks := make([]int, 0, len(p.starts))
	for _, k := range p.starts {
		if k < n {
			breaks = append(breaks, p.units[k].first)
		} else {
			last := p.units[n-1]
			breaks = append(breaks, last.first+last.rows)
		}
	}
	return breaks
}

// pull finds where, among units[from:to], a new last page should begin so that it holds the units
// from there to the end with the signatures (sign high): at least minLastRows rows of data if the
// page before keeps some data and all fits, else as many as can go; false when none can.
func (p *pager) pull(from, to int, sign float64) (int, bool) {
	best, found := 0, false
	for k := to - 1; k > from; k-- {
		if p.repeat+p.height(k, len(p.units))+sign > p.capacity || p.dataRows(from, k) == 0 {
			break
		}
		if p.dataRows(k, len(p.units)) == 0 {
			continue
		}
		best, found = k, true
		if p.dataRows(k, len(p.units)) >= minLastRows {
			break
		}
	}
	return best, found
}
