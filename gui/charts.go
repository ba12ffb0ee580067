package gui

// Small figures and charts drawn with Fyne's canvas objects (no images, no web view), shared by
// 工作台 and 周分析:
//
//	statTiles  figures as big numbers over their captions, side by side; a tile may be tappable
//	BarChart   bars with their numbers: horizontal (a line per name, one bar per series) or columns
//	           (weeks side by side)

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// Chart colours: blue for what was found, green for what was closed. Party red is the theme's
// primary colour and means "needs action" (逾期) elsewhere, so bars do not use it.
var (
	colorFound  = color.NRGBA{R: 0x3b, G: 0x6e, B: 0xb5, A: 0xff}
	colorClosed = color.NRGBA{R: 0x3a, G: 0x9a, B: 0x5b, A: 0xff}
)

// muted is c faded towards white, for the bars around a highlighted one.
func muted(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	fade := func(v uint32) uint8 { return uint8((v>>8)*45/100 + 255*55/100) }
	return color.NRGBA{R: fade(r), G: fade(g), B: fade(b), A: 0xff}
}

// stat is one figure of a row of tiles.
type stat struct {
	caption string
	value   string
	// alert draws the number in the error colour (overdue problems when there are any).
	alert bool
	// onTap, when set, makes the tile a button (e.g. open the list it counts).
	onTap func()
}

// statTiles shows figures as big numbers over their captions, side by side.
func statTiles(stats ...stat) fyne.CanvasObject {
	tiles := make([]fyne.CanvasObject, len(stats))
	for i, s := range stats {
		c := theme.Color(theme.ColorNamePrimary)
		if s.alert {
			c = theme.Color(theme.ColorNameError)
		}
		num := canvas.NewText(s.value, c)
		num.TextSize = theme.TextHeadingSize() * 1.4
		num.TextStyle.Bold = true
		num.Alignment = fyne.TextAlignCenter
		body := container.NewVBox(num, widget.NewLabelWithStyle(s.caption, fyne.TextAlignCenter, fyne.TextStyle{}))
		if s.onTap != nil {
			tiles[i] = newTapTile(body, s.onTap)
		} else {
			tiles[i] = body
		}
	}
	return container.NewGridWithColumns(len(tiles), tiles...)
}

// tapTile is a tile that acts as a button: the pointer becomes a hand over it, it is shaded while
// hovered or focused, and a tap (or Enter or Space when focused: Tab reaches it) runs onTap.
type tapTile struct {
	widget.BaseWidget
	content          fyne.CanvasObject
	bg               *canvas.Rectangle
	onTap            func()
	hovered, focused bool
}

func newTapTile(content fyne.CanvasObject, onTap func()) *tapTile {
	t := &tapTile{content: content, onTap: onTap, bg: canvas.NewRectangle(color.Transparent)}
	t.bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius)
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapTile) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *tapTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *tapTile) MouseIn(*desktop.MouseEvent)    { t.hovered = true; t.shade() }
func (t *tapTile) MouseMoved(*desktop.MouseEvent) {}
func (t *tapTile) MouseOut()                      { t.hovered = false; t.shade() }

func (t *tapTile) FocusGained() { t.focused = true; t.shade() }
func (t *tapTile) FocusLost()   { t.focused = false; t.shade() }
func (t *tapTile) TypedRune(r rune) {
	if r == ' ' {
		t.onTap()
	}
}

func (t *tapTile) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.onTap()
	}
}

func (t *tapTile) shade() {
	switch {
	case t.focused:
		t.bg.FillColor = theme.Color(theme.ColorNameSelection)
	case t.hovered:
		t.bg.FillColor = theme.Color(theme.ColorNameHover)
	default:
		t.bg.FillColor = color.Transparent
	}
	t.bg.Refresh()
}

func (t *tapTile) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.bg, t.content))
}

// chartSeries is one kind of bar of a chart (新发现, 已销号), named in the legend.
type chartSeries struct {
	name  string
	color color.Color
}

// chartRow is one name of a chart with one value per series, and what each bar says ("12",
// "75%"); an empty text shows the value as a whole number.
type chartRow struct {
	label  string
	values []float64
	texts  []string
}

// text is what bar i of the row says.
func (r chartRow) text(i int) string {
	if i < len(r.texts) && r.texts[i] != "" {
		return r.texts[i]
	}
	return formatCount(r.values[i])
}

func formatCount(v float64) string { return strconv.Itoa(int(math.Round(v))) }

// BarChart is a small chart drawn with canvas rectangles and texts, every bar labelled with its
// number. Horizontal (the default): a line per row, its name on the left and one bar per series
// under each other. Columns: the rows side by side as columns, the number above, the name below.
type BarChart struct {
	widget.BaseWidget
	series  []chartSeries
	rows    []chartRow
	columns bool
	// full is the value of a full-length bar (1 for rates); 0 scales to the largest value.
	full float64
	// highlight is the row drawn in full colour while the others are muted (the week shown), -1 for
	// none.
	highlight int
	empty     string // said when there are no rows
}

// newBarChart makes an empty chart with its series (a legend is drawn when there are several);
// empty is what it says while it has no rows.
func newBarChart(columns bool, empty string, series ...chartSeries) *BarChart {
	c := &BarChart{series: series, columns: columns, highlight: -1, empty: empty}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows replaces what the chart shows.
func (c *BarChart) SetRows(rows []chartRow) {
	c.rows = rows
	c.Refresh()
}

func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.Refresh()
	return r
}

// scale is the value of a full-length bar.
func (c *BarChart) scale() float64 {
	if c.full > 0 {
		return c.full
	}
	m := 0.0
	for _, r := range c.rows {
		for _, v := range r.values {
			m = max(m, v)
		}
	}
	return max(m, 1)
}

type barChartRenderer struct {
	c       *BarChart
	swatch  []*canvas.Rectangle // legend
	legend  []*canvas.Text
	labels  []*canvas.Text // per row
	bars    [][]*canvas.Rectangle
	values  [][]*canvas.Text
	axis    *canvas.Rectangle
	none    *canvas.Text
	objects []fyne.CanvasObject
}

func chartText(s string, bold bool) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.TextSize() * 0.9
	t.TextStyle.Bold = bold
	return t
}

// Refresh rebuilds the objects from the chart's rows: a chart has a few dozen at most.
func (r *barChartRenderer) Refresh() {
	c := r.c
	r.objects = nil
	r.swatch, r.legend = nil, nil
	if len(c.series) > 1 && len(c.rows) > 0 {
		for _, s := range c.series {
			sw := canvas.NewRectangle(s.color)
			r.swatch = append(r.swatch, sw)
			r.legend = append(r.legend, chartText(s.name, false))
			r.objects = append(r.objects, sw, r.legend[len(r.legend)-1])
		}
	}
	r.axis = canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	r.objects = append(r.objects, r.axis)
	r.labels, r.bars, r.values = make([]*canvas.Text, len(c.rows)), make([][]*canvas.Rectangle, len(c.rows)), make([][]*canvas.Text, len(c.rows))
	for i, row := range c.rows {
		r.labels[i] = chartText(row.label, i == c.highlight)
		r.objects = append(r.objects, r.labels[i])
		for j, s := range c.series {
			col := s.color
			if c.highlight >= 0 && i != c.highlight {
				col = muted(col)
			}
			bar := canvas.NewRectangle(col)
			bar.CornerRadius = 2
			val := chartText(row.text(j), i == c.highlight)
			r.bars[i] = append(r.bars[i], bar)
			r.values[i] = append(r.values[i], val)
			r.objects = append(r.objects, bar, val)
		}
	}
	r.none = nil
	if len(c.rows) == 0 {
		r.none = chartText(c.empty, false)
		r.none.Color = theme.Color(theme.ColorNameDisabled)
		r.objects = append(r.objects, r.none)
	}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// lineHeight is the height of one line of chart text.
func lineHeight() float32 {
	return fyne.MeasureText("国", theme.TextSize()*0.9, fyne.TextStyle{}).Height
}

func (r *barChartRenderer) legendHeight() float32 {
	if len(r.legend) == 0 {
		return 0
	}
	return lineHeight() + theme.Padding()
}

func (r *barChartRenderer) layoutLegend() {
	x, h, pad := theme.InnerPadding(), lineHeight(), theme.Padding()
	for i, t := range r.legend {
		r.swatch[i].Resize(fyne.NewSize(h*0.6, h*0.6))
		r.swatch[i].Move(fyne.NewPos(x, h*0.2))
		x += h*0.6 + pad
		t.Resize(t.MinSize())
		t.Move(fyne.NewPos(x, 0))
		x += t.MinSize().Width + 3*pad
	}
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	r.layoutLegend()
	if r.none != nil {
		r.none.Resize(r.none.MinSize())
		r.none.Move(fyne.NewPos(theme.InnerPadding(), 0))
		r.axis.Resize(fyne.Size{})
		return
	}
	if r.c.columns {
		r.layoutColumns(size)
	} else {
		r.layoutBars(size)
	}
}

// Horizontal bars: bar thickness and the gap between the bars of one row.
const (
	barThickness = 10
	barGap       = 4
)

func (r *barChartRenderer) rowHeight() float32 {
	n := float32(len(r.c.series))
	return max(lineHeight(), n*barThickness+(n-1)*barGap) + 2*theme.Padding()
}

// labelWidth is the width of the name column of horizontal bars, at most 40 % of width.
func (r *barChartRenderer) labelWidth(width float32) float32 {
	w := float32(0)
	for _, l := range r.labels {
		w = max(w, l.MinSize().Width)
	}
	if width > 0 {
		w = min(w, width*0.4)
	}
	return w + 2*theme.Padding()
}

func (r *barChartRenderer) valueWidth() float32 {
	w := float32(0)
	for _, vs := range r.values {
		for _, v := range vs {
			w = max(w, v.MinSize().Width)
		}
	}
	return w + theme.Padding()
}

func (r *barChartRenderer) layoutBars(size fyne.Size) {
	pad, in := theme.Padding(), theme.InnerPadding()
	top := r.legendHeight()
	labelW, valueW, rowH := r.labelWidth(size.Width-2*in), r.valueWidth(), r.rowHeight()
	area := max(size.Width-2*in-labelW-valueW-pad, 0)
	scale := float32(r.c.scale())
	n := float32(len(r.c.series))
	for i, l := range r.labels {
		y := top + float32(i)*rowH
		ls := l.MinSize()
		l.Resize(fyne.NewSize(labelW-pad, ls.Height))
		l.Move(fyne.NewPos(in, y+(rowH-ls.Height)/2))
		barsTop := y + (rowH-(n*barThickness+(n-1)*barGap))/2
		for j, bar := range r.bars[i] {
			length := area * min(float32(r.c.rows[i].values[j])/scale, 1)
			by := barsTop + float32(j)*(barThickness+barGap)
			bar.Resize(fyne.NewSize(length, barThickness))
			bar.Move(fyne.NewPos(in+labelW, by))
			v := r.values[i][j]
			vs := v.MinSize()
			v.Resize(vs)
			v.Move(fyne.NewPos(in+labelW+length+pad, by+(barThickness-vs.Height)/2))
		}
	}
	r.axis.Resize(fyne.NewSize(1, float32(len(r.labels))*rowH))
	r.axis.Move(fyne.NewPos(in+labelW-1, top))
}

// Columns: the height of the plot area at the minimum size.
const columnPlotHeight = 110

func (r *barChartRenderer) layoutColumns(size fyne.Size) {
	pad, lh := theme.Padding(), lineHeight()
	top := r.legendHeight() + lh + pad // room for the number above a full column
	base := max(size.Height-lh-pad, top)
	plot := base - top
	n := float32(len(r.labels))
	slot := size.Width / n
	ns := float32(len(r.c.series))
	barW := min(slot*0.6/ns, 48)
	scale := float32(r.c.scale())
	for i, l := range r.labels {
		cx := slot*float32(i) + slot/2
		ls := l.MinSize()
		l.Resize(ls)
		l.Move(fyne.NewPos(cx-ls.Width/2, base+pad))
		x0 := cx - barW*ns/2
		for j, bar := range r.bars[i] {
			h := plot * min(float32(r.c.rows[i].values[j])/scale, 1)
			x := x0 + float32(j)*barW
			bar.Resize(fyne.NewSize(barW-1, h))
			bar.Move(fyne.NewPos(x, base-h))
			v := r.values[i][j]
			vs := v.MinSize()
			v.Resize(vs)
			v.Move(fyne.NewPos(x+(barW-vs.Width)/2, base-h-vs.Height))
		}
	}
	r.axis.Resize(fyne.NewSize(size.Width, 1))
	r.axis.Move(fyne.NewPos(0, base))
}

func (r *barChartRenderer) MinSize() fyne.Size {
	lh := lineHeight()
	if r.none != nil {
		return fyne.NewSize(r.none.MinSize().Width, 2*lh).AddWidthHeight(0, r.legendHeight())
	}
	if r.c.columns {
		w := float32(0)
		for i, l := range r.labels {
			w = max(w, l.MinSize().Width)
			for _, v := range r.values[i] {
				w = max(w, v.MinSize().Width*float32(len(r.c.series)))
			}
		}
		return fyne.NewSize(float32(len(r.labels))*(w+2*theme.Padding()), r.legendHeight()+2*lh+2*theme.Padding()+columnPlotHeight)
	}
	return fyne.NewSize(2*theme.InnerPadding()+r.labelWidth(0)+r.valueWidth()+80, r.legendHeight()+float32(len(r.labels))*r.rowHeight())
}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *barChartRenderer) Destroy() {}

// The series of the finding charts.
var (
	seriesFound  = chartSeries{"新发现", colorFound}
	seriesClosed = chartSeries{"已销号", colorClosed}
)

// statChartRows are the rows of a 新发现/已销号 chart from a breakdown of data.ComputeFindingStats:
// the names with findings found in the period, and of those the ones closed (NewClosed, as R4
// counts 已销号).
func statChartRows(rows []data.StatRow) []chartRow {
	var out []chartRow
	for _, r := range rows {
		if r.New == 0 {
			continue
		}
		out = append(out, chartRow{label: r.Name, values: []float64{float64(r.New), float64(r.NewClosed)}})
	}
	return out
}
