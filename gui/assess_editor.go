package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// assessItemEditor is the item-row editing the A1 and A3 screens share: score typing, the reason
// check, row errors, the live total and 等次, the status line and saving with the store's
// FieldErrors placed on their rows. Each screen embeds it and builds its own rows.
type assessItemEditor struct {
	a       data.Assessment
	rows    []*assessRow
	width   float32
	dirty   bool
	loading bool

	total, grade, status *widget.Label
	rowsBox              *fyne.Container

	// The screen's own part, which makes the editor its Screen (Content, Reload, Save): its
	// content, and how it shows its period's assessment as stored and saves it.
	content fyne.CanvasObject
	onLoad  func()
	onSave  func() bool
}

// assessRow is the widgets of one item.
type assessRow struct {
	score, reason, done *widgets.Entry
	mark                *widget.Label
	veto                *widget.Check
	msg                 *widget.Label
	evidence            *widget.Button
	bad                 bool // the score text is not a number
}

// initEditor makes the summary, status and rows widgets; bottom is the summary bar under the rows.
// load shows the screen's assessment as stored, save saves it.
func (e *assessItemEditor) initEditor(load func(), save func() bool) (bottom fyne.CanvasObject) {
	e.onLoad, e.onSave = load, save
	e.total, e.grade = widget.NewLabel(""), widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.status = widgets.Note("")
	e.status.Hide()
	e.rowsBox = container.NewVBox()
	return container.NewVBox(widget.NewSeparator(), container.NewHBox(e.total, e.grade), e.status)
}

// Content implements Screen.
func (e *assessItemEditor) Content() fyne.CanvasObject { return e.content }

// Reload shows the assessment again from the store, unless the user has unsaved edits.
func (e *assessItemEditor) Reload() {
	if e.dirty {
		return
	}
	e.onLoad()
}

// Save is 保存 (Ctrl+S).
func (e *assessItemEditor) Save() { e.onSave() }

// showSaved says in the status line that the assessment of what is saved, with its total and 等次.
func (e *assessItemEditor) showSaved(what string) {
	sc := data.ScoreAssessment(&e.a)
	e.setStatus(fmt.Sprintf("已保存%s考核：总分 %s，%s（%s）", what, data.FormatScore(sc.Total), sc.Grade,
		time.Now().Format("15:04:05")), false)
}

// itemGroup is a run of rows: the items' indices, under a heading when head is not nil.
type itemGroup struct {
	head  fyne.CanvasObject
	items []int
}

// layRows shows the rows of groups, in their order, under the titles row: newRow makes item i's
// row (filling e.rows[i]), a separator follows each. Filling the rows is no edit.
func (e *assessItemEditor) layRows(newRow func(i int) fyne.CanvasObject, groups ...itemGroup) {
	e.loading = true
	defer func() { e.loading = false }()
	objs := []fyne.CanvasObject{e.headRow()}
	e.rows = make([]*assessRow, len(e.a.Items))
	for _, g := range groups {
		if g.head != nil {
			objs = append(objs, g.head)
		}
		for _, i := range g.items {
			objs = append(objs, newRow(i), widget.NewSeparator())
		}
	}
	e.rowsBox.Objects = objs
	e.rowsBox.Refresh()
}

// Column titles of the rows (itemRowLayout: 序号, text, 分值, 得分, mark, 扣分原因, 依据).
var assessItemTitles = []string{"序号", "考核项目、评分标准及完成情况", "分值", "得分", "否决/调整", "扣分原因", ""}

// headRow is the titles row over the items.
func (e *assessItemEditor) headRow() fyne.CanvasObject {
	head := make([]fyne.CanvasObject, len(assessItemTitles))
	for i, t := range assessItemTitles {
		head[i] = widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	return container.New(&itemRowLayout{width: &e.width}, head...)
}

// itemText is an item's 项目 (bold) over its 评分标准 (small), both wrapping.
func itemText(name, standard string) *fyne.Container {
	title := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	std := widgets.Note(standard)
	std.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(title, std)
}

// doneEntry is the 完成情况 entry of hand-scored item i: what is typed goes into the assessment.
func (e *assessItemEditor) doneEntry(i int) *widgets.Entry {
	done := widgets.NewEntry()
	done.SetPlaceHolder(data.FDone + "（可不填）")
	done.SetText(e.a.Items[i].Done)
	done.OnChanged = func(v string) {
		if !e.loading {
			e.a.Items[i].Done = v
			e.changed()
		}
	}
	return done
}

// newRowMsg is a row's error label, hidden until there is a message.
func newRowMsg() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// readScore takes the typed score of a hand-scored item i into the assessment and says what is
// wrong with it on the row.
func (e *assessItemEditor) readScore(i int) {
	it, r := &e.a.Items[i], e.rows[i]
	v, ok := parseScore(r.score.Text)
	r.bad = !ok
	switch {
	case !ok:
		e.setRowError(i, fmt.Sprintf("得分应为数字，如 %s 或 7.5", data.FormatScore(it.Points)))
	case v < 0 || v > it.Points:
		it.Score = v
		e.setRowError(i, fmt.Sprintf("得分应在0到%s分之间", data.FormatScore(it.Points)))
	default:
		it.Score = v
		e.setRowError(i, "")
	}
}

// updateHint asks for the reason in the empty reason entry of an item below full.
func (e *assessItemEditor) updateHint(i int) {
	is, r := data.ScoreItem(e.a.Scheme, &e.a.Items[i]), e.rows[i]
	if !r.bad && is.Score < is.Full {
		r.reason.SetPlaceHolder(fmt.Sprintf("扣%s分，请填写原因", data.FormatScore(is.Full-is.Score)))
	} else {
		r.reason.SetPlaceHolder("")
	}
}

// checkReason says at once, when the user leaves an empty reason of an item below full, that it is
// needed.
func (e *assessItemEditor) checkReason(i int) {
	is, r := data.ScoreItem(e.a.Scheme, &e.a.Items[i]), e.rows[i]
	if !r.bad && is.Score < is.Full && strings.TrimSpace(r.reason.Text) == "" {
		e.setRowError(i, fmt.Sprintf("扣了%s分，请填写扣分原因", data.FormatScore(is.Full-is.Score)))
	}
}

func (e *assessItemEditor) setRowError(i int, msg string) {
	r := e.rows[i]
	r.msg.SetText(msg)
	r.msg.Hidden = msg == ""
	r.msg.Refresh()
	e.rowsBox.Refresh()
}

// RowError is the message shown on item i ("" when none).
func (e *assessItemEditor) RowError(i int) string {
	if i >= len(e.rows) || !e.rows[i].msg.Visible() {
		return ""
	}
	return e.rows[i].msg.Text
}

// Score is the live scoring as typed; ok is false while a score is not a number.
func (e *assessItemEditor) Score() (data.AssessScore, bool) {
	for _, r := range e.rows {
		if r.bad {
			return data.AssessScore{}, false
		}
	}
	return data.ScoreAssessment(&e.a), true
}

// showTotal puts the live total and 等次 under the rows.
func (e *assessItemEditor) showTotal(sc data.AssessScore, ok bool) {
	if !ok {
		e.total.SetText("总分 —（有得分不是数字）")
		e.grade.SetText("")
		return
	}
	text := fmt.Sprintf("满分 %s　总分 %s", data.FormatScore(sc.Full), data.FormatScore(sc.Total))
	if sc.Vetoed {
		text += "　一票否决：" + strings.Join(sc.Vetoes, "、")
	}
	e.total.SetText(text)
	e.grade.SetText(data.FGrade + " " + sc.Grade)
	e.grade.Importance = gradeImportance(sc.Grade)
	e.grade.Refresh()
}

// gradeImportance is the colour of a 等次: 优秀 and 合格 green, 基本合格 orange (a warning, not a
// pass to be pleased with), 不合格 red.
func gradeImportance(grade string) widget.Importance {
	switch grade {
	case data.GradeBasicPass:
		return widget.WarningImportance
	case data.GradeFail:
		return widget.DangerImportance
	}
	return widget.SuccessImportance
}

// SummaryText is the live total and grade as one line (tests).
func (e *assessItemEditor) SummaryText() string { return e.total.Text + " " + e.grade.Text }

// store saves the assessment as edited; on a refusal it puts the messages on their rows and the
// status line and returns false.
func (e *assessItemEditor) store(env *Env) bool {
	for i, r := range e.rows {
		if r.bad {
			e.setStatus(fmt.Sprintf("第%d项的得分不是数字，没有保存。", i+1), true)
			return false
		}
	}
	a := e.a
	err := env.Store.SaveAssessment(context.Background(), &a)
	var fe data.FieldErrors
	switch {
	case errors.As(err, &fe):
		var rest []string
		msgs := make([][]string, len(e.rows))
		for _, f := range fe {
			if i, _, ok := itemFieldIndex(f); ok && i < len(e.rows) {
				msgs[i] = append(msgs[i], f.Message)
			} else {
				rest = append(rest, f.Label()+"："+f.Message)
			}
		}
		for i := range e.rows {
			e.setRowError(i, strings.Join(msgs[i], "；"))
		}
		e.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明，没有保存。%s", len(fe), strings.Join(rest, "；")), true)
		return false
	case err != nil:
		ShowError(env.Win, err)
		return false
	}
	e.a.ID, e.a.CreatedAt, e.a.UpdatedAt = a.ID, a.CreatedAt, a.UpdatedAt
	e.dirty = false
	return true
}

func (e *assessItemEditor) changed() {
	if !e.loading {
		e.dirty = true
	}
}

func (e *assessItemEditor) setStatus(msg string, bad bool) { setStatusLine(e.status, msg, bad) }

// Status is the status line ("" when hidden).
func (e *assessItemEditor) Status() string { return statusLineText(e.status) }

// setStatusLine shows msg on a status line, red when bad; an empty msg hides the line.
func setStatusLine(l *widget.Label, msg string, bad bool) { widgets.SetStatusLine(l, msg, bad) }

// statusLineText is a status line's text, "" when it is hidden.
func statusLineText(l *widget.Label) string {
	if !l.Visible() {
		return ""
	}
	return l.Text
}
