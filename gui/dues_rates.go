package gui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// DuesRatesScreen is 比例表: the rate table of the 党费 rule (2008), editable band by band: the upper
// bound of each band (inclusive; the last has none), its rate, and the fixed amounts.
type DuesRatesScreen struct {
	env     *Env
	rates   data.DuesRates
	rows    []duesRateRow
	grid    *fyne.Container
	status  *widget.Label
	content fyne.CanvasObject
}

// duesRateRow is one band's entries.
type duesRateRow struct {
	upTo, rate, fixed, fixedMax *widgets.Entry
}

// NewDuesRatesScreen builds the screen and loads the table.
func NewDuesRatesScreen(env *Env) *DuesRatesScreen {
	s := &DuesRatesScreen{env: env}
	s.grid = container.NewGridWithColumns(6)
	s.status = widgets.Note("")
	save := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	save.Importance = widget.HighImportance
	defaults := widget.NewButton("恢复规定的比例", func() {
		s.show(data.DefaultDuesRates())
		s.status.SetText("已填入规定的比例，保存后生效。")
	})
	note := widgets.Note("按中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》（2008）：在职党员每月工资收入（税后）3000元以下（含）交纳0.5%，" +
		"3000至5000元（含）1%，5000至10000元（含）1.5%，10000元以上2%；离退休党员5000元以下（含）0.5%，以上1%；农民党员每月0.2至1元；" +
		"学生、下岗失业、低保党员每月0.2元。上限含本数；最后一档不设上限。修改后，尚未缴纳的月份按新比例计算，已缴的保留当时的应缴。")
	s.content = container.NewVScroll(container.NewPadded(container.NewVBox(widgets.Heading("党费比例表"), note, s.grid, s.status,
		container.NewHBox(defaults, save))))
	s.Reload()
	return s
}

func (s *DuesRatesScreen) Content() fyne.CanvasObject { return s.content }

// Reload shows the saved table.
func (s *DuesRatesScreen) Reload() {
	r, err := s.env.Store.DuesRates(context.Background())
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.show(r)
}

func (s *DuesRatesScreen) show(r data.DuesRates) {
	s.rates = r
	s.rows = make([]duesRateRow, len(r))
	objs := []fyne.CanvasObject{}
	for _, h := range []string{"档", "缴费类别", "上限(元，含)", "比例(%)", "固定金额(元)", "最高金额(元)"} {
		objs = append(objs, widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	entry := func(text, hint string, on bool) *widgets.Entry {
		e := widgets.NewEntry()
		e.SetText(text)
		e.SetPlaceHolder(hint)
		if !on {
			e.Disable()
		}
		return e
	}
	for i, b := range r {
		byRate := data.DuesByRate(b.Category)
		last := byRate && (i+1 == len(r) || r[i+1].Category != b.Category)
		upTo := yuanText(b.UpTo)
		rate := ""
		if byRate {
			rate = strconv.FormatFloat(float64(b.Rate)/100, 'f', -1, 64)
		}
		row := duesRateRow{
			upTo:     entry(upTo, map[bool]string{true: "不设上限", false: ""}[last], byRate && !last),
			rate:     entry(rate, "", byRate),
			fixed:    entry(yuanText(b.Fixed), "", !byRate),
			fixedMax: entry(yuanText(b.FixedMax), "", !byRate),
		}
		s.rows[i] = row
		objs = append(objs, widget.NewLabel(strconv.Itoa(i+1)), widget.NewLabel(b.Category), row.upTo, row.rate, row.fixed, row.fixedMax)
	}
	s.grid.Objects = objs
	s.grid.Refresh()
}

// table reads the entries into a rate table; a value that is not a number is an error naming the
// band.
func (s *DuesRatesScreen) table() (data.DuesRates, error) {
	out := make(data.DuesRates, len(s.rates))
	var bad []string
	for i, b := range s.rates {
		row := s.rows[i]
		amount := func(e *widgets.Entry, what string) int64 {
			if strings.TrimSpace(e.Text) == "" || e.Disabled() {
				return 0
			}
			fen, err := data.ParseYuan(e.Text)
			if err != nil {
				bad = append(bad, fmt.Sprintf("第%d档%s：%s", i+1, what, data.ErrorMessage(err)))
			}
			return fen
		}
		b.UpTo, b.Fixed, b.FixedMax = amount(row.upTo, "上限"), amount(row.fixed, "固定金额"), amount(row.fixedMax, "最高金额")
		if data.DuesByRate(b.Category) {
			// A rate is a percentage with up to two decimals: read it as 元 gives hundredths exactly.
			v, err := data.ParseYuan(strings.TrimSuffix(strings.TrimSpace(row.rate.Text), "%"))
			if err != nil {
				bad = append(bad, fmt.Sprintf("第%d档比例：请填写百分数，如 1.5", i+1))
			}
			b.Rate = v
		}
		out[i] = b
	}
	if len(bad) > 0 {
		return nil, data.Errorf(data.EInvalid, strings.Join(bad, "；"))
	}
	return out, nil
}

// Save saves the table (Ctrl+S).
func (s *DuesRatesScreen) Save() {
	r, err := s.table()
	if err == nil {
		err = s.env.Store.SetDuesRates(context.Background(), r)
	}
	if err != nil {
		s.status.SetText("没有保存：" + data.ErrorMessage(err))
		s.status.Importance = widget.DangerImportance
		s.status.Refresh()
		return
	}
	s.status.SetText("已保存比例表。")
	s.status.Importance = widget.SuccessImportance
	s.status.Refresh()
	s.Reload()
	if s.env.Changed != nil {
		s.env.Changed()
	}
}
