package gui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// itemList is the ordered items a template editor (评分表, 考核表) edits: added, removed and
// moved, the screen showing them again and marking the form changed after each.
type itemList[I any] struct {
	items   []I
	rebuild func() // shows the items again
	edited  func() // marks the form changed
}

func (l *itemList[I]) appendItem(it I) {
	l.items = append(l.items, it)
	l.rebuild()
	l.edited()
}

func (l *itemList[I]) removeItem(i int) {
	l.items = slices.Delete(l.items, i, i+1)
	l.rebuild()
	l.edited()
}

func (l *itemList[I]) moveItem(i, by int) {
	j := i + by
	if j < 0 || j >= len(l.items) {
		return
	}
	l.items[i], l.items[j] = l.items[j], l.items[i]
	l.rebuild()
	l.edited()
}

// rowTools are item i's 序号 and its 上移, 下移 and 删除 chips.
func (l *itemList[I]) rowTools(i int) (seq *widget.Label, tools []fyne.CanvasObject) {
	seq = widget.NewLabelWithStyle(fmt.Sprintf("%d.", i+1), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return seq, []fyne.CanvasObject{
		widgets.NewChip("上移", theme.MoveUpIcon(), func() { l.moveItem(i, -1) }),
		widgets.NewChip("下移", theme.MoveDownIcon(), func() { l.moveItem(i, 1) }),
		widgets.NewChip("删除", theme.DeleteIcon(), func() { l.removeItem(i) }),
	}
}

// rowErrors sorts the store's errors into those about item i of n (by row) and the rest.
func rowErrors(fe data.FieldErrors, n int) (rows [][]string, rest data.FieldErrors) {
	rows = make([][]string, n)
	for _, e := range fe {
		if i, _, ok := itemFieldIndex(e); ok && i < n {
			rows[i] = append(rows[i], e.Message)
		} else {
			rest = append(rest, e)
		}
	}
	return rows, rest
}

// confirmDeleteTemplate asks, deletes with del and then calls done (the screen shows what is left)
// and tells the other screens.
func confirmDeleteTemplate(env *Env, title, question string, del func(context.Context) error, done func()) {
	ShowConfirm(env.Win, title, question, "删除", func() {
		if err := del(context.Background()); err != nil {
			ShowError(env.Win, err)
			return
		}
		done()
		notify(env)
	})
}

// copyTemplateDialog asks for the copy's name (field label nameField, 原名（副本） to start) and
// runs copyAs with it; what names the kind of template (考核表, 评分表).
func copyTemplateDialog(env *Env, what, nameField, from string, copyAs func(ctx context.Context, name string) error) {
	name := widgets.NewEntry()
	name.SetText(from + "（副本）")
	fd := newFlowDialog(env, "复制"+what, "以“"+from+"”为底稿另存一张"+what+"，再按需要修改。", "复制",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(nameField, true, name))
		},
		func() error {
			if err := copyAs(context.Background(), name.Text); err != nil {
				return err
			}
			notify(env)
			return nil
		})
	name.OnSubmitted = func(string) { fd.confirm() }
	fd.show(name)
}
