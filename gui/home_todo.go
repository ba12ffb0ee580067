package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// cardTodos is 本月待办: what every ledger still owes this month (data.TodoSources), one line a
// count; a tap opens the list of those records.
func cardTodos(st *homeStats) fyne.CanvasObject {
	box := container.NewGridWithColumns(2)
	if len(st.todos) == 0 {
		box.Add(widget.NewLabel("本月没有待办事项。"))
	}
	for _, t := range st.todos {
		to := entityPlaces[t.Entity]
		to.View = t.View
		b := widget.NewButton(t.Text(), st.goTo(to))
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if t.Overdue {
			b.Importance = widget.DangerImportance
		}
		box.Add(b)
	}
	return card("本月待办", box, "各台账本月还须办理的事项（红色为已逾期）。点击一项可打开对应的清单。")
}
