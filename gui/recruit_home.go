package gui

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// homeRecruitRows is how many due items the 发展党员 card lists.
const homeRecruitRows = 8

// addRecruits adds what of the people in the pipeline falls due within 30 days (or is overdue):
// a step's last day, a 考察 record owed, the end of a 预备期.
func (st *homeStats) addRecruits(rs []data.Recruit) {
	st.recruitDue = nil
	for i := range rs {
		st.recruitDue = append(st.recruitDue, data.RecruitDue(&rs[i], st.today, recruitDueDays)...)
	}
	slices.SortStableFunc(st.recruitDue, func(a, b data.Due) int { return a.Date.Compare(b.Date) })
}

// cardRecruits is 发展党员: what falls due within 30 days, overdue first and in red; a tap opens
// the person.
func cardRecruits(st *homeStats) fyne.CanvasObject {
	overdue := 0
	for _, d := range st.recruitDue {
		if d.Overdue(st.today) {
			overdue++
		}
	}
	list := st.goTo(Destination{Module: moduleMembers, Tab: tabRecruitment})
	tiles := statTiles(
		stat{caption: fmt.Sprintf("%d天内到期", recruitDueDays), value: strconv.Itoa(len(st.recruitDue) - overdue), onTap: list},
		stat{caption: "已逾期", value: strconv.Itoa(overdue), alert: overdue > 0, onTap: list},
	)
	rows := []fyne.CanvasObject{tiles, widget.NewSeparator()}
	for i, d := range st.recruitDue {
		if i == homeRecruitRows {
			rows = append(rows, hint(fmt.Sprintf("另有 %d 项，请到“党员 → 发展党员”中勾选“只看%d天内到期和逾期的”查看。", len(st.recruitDue)-i, recruitDueDays)))
			break
		}
		what := widgets.Note(d.What)
		if d.Overdue(st.today) {
			what.Importance = widget.DangerImportance
		}
		open := st.goTo(Destination{Module: moduleMembers, Tab: tabRecruitment, RecordID: d.RecruitID})
		name := widget.NewButton(d.Name, open)
		name.Importance = widget.LowImportance
		rows = append(rows, widgets.OrderedBorder(nil, nil, name, widget.NewLabel(d.Date.String()), what))
	}
	if len(st.recruitDue) == 0 {
		rows = append(rows, hint(fmt.Sprintf("%d天内没有到期的发展党员工作。", recruitDueDays)))
	}
	return card("发展党员", container.NewVBox(rows...), "按《中国共产党发展党员工作细则》的时间要求：谈话、考察记录、上级党委审批、预备期满等。")
}
