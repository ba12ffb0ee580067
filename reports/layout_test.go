package reports

import (
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"branchledger/data"
)

// TestGoldenLayout exercises what later reports need from the shared layer: a period in row 2,
// info lines, a two-level header, merges across rows and columns in the body, red and bold cells
// and rows, number formats, custom fonts, and a second sheet holding two tables.
func TestGoldenLayout(t *testing.T) {
	path := writeFile(t, "layout.xlsx", func(f *os.File) error { return writeLayoutSample(f) })
	checkGolden(t, path, "layout")
}

func writeLayoutSample(w io.Writer) error {
	meta := Meta{Branch: "掘进二队党支部", Period: "2026年11月", Date: data.NewDate(2026, time.December, 1),
		Fonts: Fonts{Title: "方正小标宋简体", Body: "仿宋_GB2312"}}
	b := NewBook(meta)
	s, err := b.AddSheet(SheetSpec{
		Name: "督查台账", Title: "党员督查检查台账",
		Info: []string{"说明：一次督查发现多个问题时，督查信息合并显示。"},
		Columns: []Column{
			{Header: "序号", Width: 5, Kind: Int},
			{Header: "督查日期", Width: 11, Kind: Date},
			{Header: "督查组成员", Width: 10, Kind: Text},
			{Header: "发现问题", Width: 24, Kind: Text},
			{Header: "整改期限", Width: 11, Kind: Date},
			{Header: "标化分", Width: 8, Kind: Number, Format: "0.0"},
			{Header: "满意率", Width: 8, Kind: Number, Format: "0.0%"},
		},
		Header: []Row{
			{Cells: []any{Cell{Value: "序号", Down: 1}, Cell{Value: "督查", Across: 1}, nil, Cell{Value: "问题", Across: 1}, nil,
				Cell{Value: "评分", Across: 1}}},
			{Cells: []any{nil, "督查日期", "督查组成员", "发现问题", "整改期限", "标化分", "满意率"}},
		},
	})
	if err != nil {
		return err
	}
	err = s.Rows(
		Row{Cells: []any{Cell{Value: 1, Down: 2}, Cell{Value: data.NewDate(2026, 11, 3), Down: 2},
			Cell{Value: "张三、李四、王五、赵六、孙七、周八、吴九", Down: 2}, "皮带机头防护罩缺失", data.NewDate(2026, 11, 10), 92.5, 0.875}},
		Row{Cells: []any{nil, nil, nil, Cell{Value: "逾期未整改：巷道积水", Red: true}, Cell{Value: data.NewDate(2026, 11, 5), Red: true}, 60.0, 0.5}},
		Row{Cells: []any{nil, nil, nil, "未发现问题"}},
	)
	if err != nil {
		return err
	}
	if err := s.Rows(Row{Cells: []any{Cell{Value: "合计", Across: 4, Align: AlignCenter}, nil, nil, nil, nil, 76.25, 0.6875}, Bold: true}); err != nil {
		return err
	}
	if err := s.Rows(Row{Cells: []any{2, data.Date{}, "钱十", "不合格项：食品留样", nil, 70.0}, Red: true}); err != nil {
		return err
	}

	s2, err := b.AddSheet(SheetSpec{
		Name: "月度讲评", Title: "月度讲评表", NoHeader: true,
		Columns: []Column{{Width: 6, Kind: Int}, {Width: 20, Kind: Text}, {Width: 10, Kind: Int}, {Width: 10, Kind: Int}},
	})
	if err != nil {
		return err
	}
	steps := []func() error{
		func() error { return s2.Caption("一、按问题类别") },
		func() error { return s2.HeaderRows(Row{Cells: []any{"序号", "问题类别", "发现", "已销号"}}) },
		func() error {
			return s2.Rows(Row{Cells: []any{1, "安全生产不实", 4, 3}}, Row{Cells: []any{2, "作风纪律", 1, 1}})
		},
		func() error { return s2.Skip(1) },
		func() error { return s2.Caption("二、按班组") },
		func() error { return s2.HeaderRows(Row{Cells: []any{"序号", "班组", "发现", "已销号"}}) },
		func() error { return s2.Rows(Row{Cells: []any{1, "掘进一班", 5, 4}}) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return b.Write(w)
}

func TestBlockErrors(t *testing.T) {
	cols := []Column{{Header: "甲", Width: 8}, {Header: "乙", Width: 8}, {Header: "丙", Width: 8}}
	tests := []struct {
		name string
		rows []Row
		want string
	}{
		{"too many cells", []Row{{Cells: []any{1, 2, 3, 4}}}, "4 cells"},
		{"across beyond the last column", []Row{{Cells: []any{nil, Cell{Value: "x", Across: 2}}}}, "leaves the block"},
		{"down beyond the block", []Row{{Cells: []any{Cell{Value: "x", Down: 1}}}}, "leaves the block"},
		{"overlapping merges", []Row{{Cells: []any{nil, Cell{Value: "y", Down: 1}}},
			{Cells: []any{Cell{Value: "z", Across: 1}}}}, "overlapping"},
		{"value in a covered cell", []Row{{Cells: []any{Cell{Value: "x", Across: 1}, "hidden"}}}, "covered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBook(testMeta)
			s, err := b.AddSheet(SheetSpec{Name: "表", Title: "表", Columns: cols})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Rows(tt.rows...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestBookMisuse(t *testing.T) {
	if err := NewBook(testMeta).Write(io.Discard); err == nil {
		t.Error("a workbook without sheets was written")
	}
	if _, err := NewBook(testMeta).AddSheet(SheetSpec{Name: "表", Title: "表"}); err == nil {
		t.Error("a sheet without columns was accepted")
	}
	b := NewBook(testMeta)
	s, err := b.AddSheet(SheetSpec{Name: "表", Title: "表", Columns: []Column{{Header: "甲", Width: 8}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddSheet(SheetSpec{Name: "表二", Title: "表二", Columns: []Column{{Header: "乙", Width: 8}}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Rows(Row{Cells: []any{"晚了"}}); err == nil {
		t.Error("rows were added to a finished sheet")
	}
	if err := b.Write(io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := b.Write(io.Discard); err == nil {
		t.Error("a workbook was written twice")
	}
}

func TestLineCount(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		pt    float64
		want  int
	}{
		{"", 10, 11, 1},
		{"张三", 10, 11, 1},
		{"一二三四五六七八九十", 11, 11, 3},             // 21 units wrapped in lines of 85 % of 11
		{"一二三四五六七八九十", 21, 11, 1},             // 20 units in 20 usable
		{"一二三四五六七八九十", 21, 10.5, 1},           // smaller font, still one line
		{"130502198503120011", 19.5, 10.5, 1}, // an ID number fits the R1 column
		{"第一行\n第二行", 20, 11, 2},               // explicit line breaks
		{"abc", 0.5, 10.5, 4},                 // narrow column: at least one unit a column
		// As Excel prints them (issue 10 #12): six characters fill a column of 12 (84 of 85 px) and
		// take one line; seven take two.
		{"董子豪、易帅", 12, 10.5, 1},
		{"江世杰、叶国庆", 12, 10.5, 2},
		{"2026-12-04", 11, 10.5, 1}, // a date in a date column
		{"党员花名册党员花名册", 11, 16, 4},   // title font is wider
	}
	for _, tt := range tests {
		if got := lineCount(tt.text, tt.width, tt.pt); got != tt.want {
			t.Errorf("lineCount(%q, %g, %g) = %d, want %d", tt.text, tt.width, tt.pt, got, tt.want)
		}
	}
}

func TestTextUnits(t *testing.T) {
	tests := []struct {
		s    string
		want float64
	}{
		{"abc123", 6}, {"张三", 4}, {"（签字）", 8}, {"0319-1234567", 12}, {"ｱｲ", 2}, {"é", 1},
	}
	for _, tt := range tests {
		if got := textUnits(tt.s); got != tt.want {
			t.Errorf("textUnits(%q) = %g, want %g", tt.s, got, tt.want)
		}
	}
}

func TestSplitColumns(t *testing.T) {
	w := func(ws ...float64) []Column {
		cols := make([]Column, len(ws))
		for i, x := range ws {
			cols[i].Width = x
		}
		return cols
	}
	short := []string{"甲", "乙", "丙"}
	tests := []struct {
		name  string
		cols  []Column
		texts []string
		want  []int
	}{
		{"halves", w(10, 10, 10, 10), short[:2], []int{2, 4}},
		{"thirds", w(10, 10, 10, 10, 10, 10), short, []int{2, 4, 6}},
		{"every part keeps a column", w(40, 5, 5), short, []int{1, 2, 3}},
		{"closest to equal widths", w(5, 6, 14, 26, 40), short[:2], []int{4, 5}},
		{"long text gets the room it needs", w(6, 20, 10, 10), []string{"单位：掘进二队党支部", "期间", "日期"}, []int{2, 3, 4}},
	}
	for _, tt := range tests {
		if got := splitColumns(tt.cols, tt.texts, bodyPt); !slices.Equal(got, tt.want) {
			t.Errorf("%s: splitColumns = %v, want %v", tt.name, got, tt.want)
		}
	}
}
