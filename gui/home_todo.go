package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// cardTodos is 本月待办: what every ledger still owes this month (data.TodoSources), one line a
// count; a tap opens the list of those records.
func cardTodos(st *homeStats) fyne.CanvasObject {
	if len(st.todos) == 0 {
		return card("本月待办", widget.NewLabel("本月没有待办事项。"), "")
	}
	// Two columns, each ledger's lines kept together (逾期 above 本月到期), split at the ledger
	// boundary nearest the middle.
	split := len(st.todos)
	for i := (len(st.todos) + 1) / 2; i < len(st.todos); i++ {
		if st.todos[i].Entity != st.todos[i-1].Entity {
			split = i
			break
		}
	}
	cols := []*fyne.Container{container.NewVBox(), container.NewVBox()}
	for i, t := range st.todos {
		to := entityPlaces[t.Entity]
		to.View = t.View
		b := widget.NewButton(t.Text(), st.goTo(to))
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if t.Overdue {
			b.Importance = widget.DangerImportance
		}
		col := 0
		if i >= split {
			col = 1
		}
		cols[col].Add(b)
	}
	return card("本月待办", container.NewGridWithColumns(2, cols[0], cols[1]), "各台账本月还须办理的事项（红色为已逾期）。点击一项可打开对应的清单。")
}
