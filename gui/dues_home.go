package gui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// duesHome is this month's 党费 collection on 工作台.
type duesHome struct {
	month  data.Month
	state  string
	totals data.DuesSheetTotals
	noBase int // members on the roll without a base: their 应缴 is unknown
}

// loadDuesHome reads this month's collection.
func loadDuesHome(ctx context.Context, st data.Store, today data.Date) (duesHome, error) {
	m := data.MonthOf(today)
	v, err := data.LoadDues(ctx, st, m, m)
	if err != nil {
		return duesHome{}, err
	}
	rows := v.Sheet(m)
	d := duesHome{month: m, state: v.State(m).State, totals: data.Totals(rows)}
	for i := range rows {
		if rows[i].Base == nil {
			d.noBase++
		}
	}
	return d, nil
}

// cardDues is 党费: 收齐 N/M this month and who still owes; a tap opens the month sheet.
func cardDues(st *homeStats) fyne.CanvasObject {
	d := &st.dues
	sheet := st.goTo(Destination{Module: moduleDues, Tab: tabDuesMonth})
	t := d.totals
	tiles := statTiles(
		stat{caption: "本月收齐", value: fmt.Sprintf("%d/%d", t.Done, t.Owing), onTap: sheet},
		stat{caption: "未缴", value: fmt.Sprint(len(t.Behind)), alert: len(t.Behind) > 0, onTap: sheet},
		stat{caption: "实缴(元)", value: data.FormatYuan(t.Paid), onTap: sheet},
		stat{caption: "未定基数", value: fmt.Sprint(d.noBase), alert: d.noBase > 0,
			onTap: st.goTo(Destination{Module: moduleDues, Tab: tabDuesProfiles})},
	)
	behind := "本月应缴党员已全部缴纳。"
	if len(t.Behind) > 0 {
		behind = "未缴：" + clip(strings.Join(t.Behind, "、"), 80)
	}
	if t.Owing == 0 {
		behind = "还没有党员的计算基数。可在“党费”→“党费档案”中填写或导入工资表。"
	}
	l := widgets.Note(behind)
	return card("党费", container.NewVBox(tiles, l),
		fmt.Sprintf("%s收缴（%s）。点击数字打开月度收缴表。", d.month.Chinese(), d.state))
}
