package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// optNotRated is the 评定等次 of a member not rated yet.
const optNotRated = "（未评定）"

// appraisalYears is how many years back the 年度 choice goes.
const appraisalYears = 10

// AppraisalScreen is 民主评议: one year's appraisal, one row per member with the ballots of each
// grade, the grade given, and the 帮扶措施 of a 基本合格 or 不合格. The one-third cap on 优秀 is
// counted as grades are chosen and enforced when saving.
type AppraisalScreen struct {
	env *Env
	formState

	year    *widget.Select
	date    *widgets.DateEntry
	counter *widget.Label // 参评 N 人，优秀 M 人（最多 K 人）, red over the cap
	status  *widget.Label
	rowsBox *fyne.Container
	scroll  *container.Scroll
	rows    []*appraisalRow
	loaded  data.Appraisal
	members []data.Member // on the roll, in roster order
	groups  map[int64]string
	shown   string // the year loaded, to go back to when a change of year is cancelled
	content fyne.CanvasObject
}

// appraisalRow is the inputs of one member's row.
type appraisalRow struct {
	row      data.AppraisalRow
	votes    [4]*widgets.Entry
	grade    *widget.Select
	followUp *widgets.Entry
	self     *widgets.Entry
	box      fyne.CanvasObject
}

// appraisalHeader are the rows' column titles.
var appraisalHeader = []string{"姓名", "党小组", data.VoteLabel(0), data.VoteLabel(1), data.VoteLabel(2), data.VoteLabel(3), "评定等次", "帮扶措施", "自评", ""}

// NewAppraisalScreen builds the screen on the latest appraisal of this year or the last, else on
// this year's.
func NewAppraisalScreen(env *Env) *AppraisalScreen {
	s := &AppraisalScreen{env: env}
	today := env.Today()
	var years []string
	for y := today.Year; y > today.Year-appraisalYears; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = widgets.NewSelect(years, func(string) { s.yearChanged() })
	s.date = s.newDate(data.FAppraisalDate, env.Today)
	s.counter = widgets.Note("")
	s.status = widgets.Note("")
	s.rowsBox = container.NewVBox()
	add := widget.NewButtonWithIcon("列入在册党员", theme.ContentAddIcon(), s.addMembers)
	save := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	save.Importance = widget.HighImportance
	header := container.NewGridWithColumns(len(appraisalHeader))
	for _, h := range appraisalHeader {
		header.Add(widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	top := container.NewVBox(
		container.NewHBox(widget.NewLabel("年度"), s.year, widget.NewLabel("评议日期"), container.NewGridWrap(fyne.NewSize(160, s.date.MinSize().Height), s.date), add),
		hint("评为优秀的人数不超过参评人数的三分之一；评为基本合格、不合格的须填写帮扶措施。"),
		s.counter, header)
	bottom := container.NewVBox(s.status, container.NewBorder(nil, nil, nil, save))
	s.scroll = container.NewVScroll(s.rowsBox)
	s.content = container.NewBorder(top, bottom, nil, nil, s.scroll)
	// The latest appraisal when it is of this year or the last (appraisals are held around the
	// turn of the year), else this year's.
	year := today.Year
	if as, err := env.Store.Appraisals(context.Background()); err == nil && len(as) > 0 && as[0].Year >= today.Year-1 {
		year = as[0].Year
	}
	s.year.SetSelected(strconv.Itoa(year))
	return s
}

// Content implements Screen.
func (s *AppraisalScreen) Content() fyne.CanvasObject { return s.content }

// selectedYear is the year chosen.
func (s *AppraisalScreen) selectedYear() int {
	y, _ := strconv.Atoi(s.year.Selected)
	return y
}

// yearChanged loads the year chosen, asking first about unsaved edits.
func (s *AppraisalScreen) yearChanged() {
	if s.loading || s.year.Selected == s.shown {
		return
	}
	if !s.dirty {
		s.Reload()
		return
	}
	want := s.year.Selected
	askUnsaved(s.env, fmt.Sprintf("%s年度民主评议", s.shown), s.save, func() {
		s.dirty = false
		s.year.SetSelected(want)
		s.Reload()
	}, func() {
		s.loading = true
		s.year.SetSelected(s.shown)
		s.loading = false
	})
}

// Reload reads the year's appraisal and the roster.
func (s *AppraisalScreen) Reload() {
	if s.dirty {
		return // the edits stay until saved or dropped
	}
	ctx := context.Background()
	year := s.selectedYear()
	a, err := s.env.Store.AppraisalOf(ctx, year)
	if data.ErrorCode(err) == data.ENotFound {
		a, err = data.Appraisal{Year: year}, nil
	}
	var groups []data.Group
	if err == nil {
		s.members, err = s.env.Store.Members(ctx, data.MemberFilter{})
	}
	if err == nil {
		groups, err = s.env.Store.Groups(ctx)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.groups = map[int64]string{}
	for _, g := range groups {
		s.groups[g.ID] = g.Name
	}
	s.show(a)
}

// show puts a into the form.
func (s *AppraisalScreen) show(a data.Appraisal) {
	s.loading = true
	defer func() { s.loading, s.dirty = false, false }()
	s.loaded, s.shown = a, strconv.Itoa(a.Year)
	s.date.SetDate(a.Date)
	s.rows = nil
	s.rowsBox.RemoveAll()
	for _, r := range a.Rows {
		s.addRow(r)
	}
	s.status.SetText("")
	if a.ID == 0 {
		s.status.SetText(fmt.Sprintf("%d年度还没有民主评议记录。点“列入在册党员”列出党员，再填写票数和评定等次。", a.Year))
	}
	s.count()
}

// addMembers adds a row for every member on the roll not listed yet.
func (s *AppraisalScreen) addMembers() {
	n := 0
	for _, m := range s.members {
		if slices.ContainsFunc(s.rows, func(r *appraisalRow) bool { return r.row.MemberID == m.ID }) {
			continue
		}
		s.addRow(data.AppraisalRow{MemberID: m.ID, Name: m.Name, Group: s.groups[m.GroupID]})
		n++
	}
	if n > 0 {
		s.changed(data.FAppraisalRows)
	}
	s.status.SetText(fmt.Sprintf("列入了 %d 名在册党员", n))
	s.count()
}

// addRow adds the inputs of one member's row.
func (s *AppraisalScreen) addRow(r data.AppraisalRow) {
	ar := &appraisalRow{row: r}
	grid := container.NewGridWithColumns(len(appraisalHeader), widget.NewLabel(r.Name), widget.NewLabel(r.Group))
	for i := range ar.votes {
		e := widgets.NewEntry()
		e.SetText(strconv.Itoa(r.Votes[i]))
		e.OnChanged = func(string) { s.changed(data.VoteLabel(i)) }
		ar.votes[i] = e
		grid.Add(e)
	}
	ar.grade = widgets.NewSelect(append([]string{optNotRated}, data.AppraisalGrades[:]...), func(string) {
		s.changed(data.FAppraisalGrade)
		s.count()
	})
	selectOr(ar.grade, r.Grade, optNotRated)
	ar.followUp = widgets.NewEntry()
	ar.followUp.SetText(r.FollowUp)
	ar.followUp.OnChanged = func(string) { s.changed(data.FAppraisalFollowUp) }
	ar.self = widgets.NewEntry()
	ar.self.SetText(r.SelfReview)
	ar.self.OnChanged = func(string) { s.changed(data.FAppraisalSelf) }
	remove := widgets.NewIconButton(theme.DeleteIcon(), func() {
		s.rows = slices.DeleteFunc(s.rows, func(x *appraisalRow) bool { return x == ar })
		s.rowsBox.Remove(ar.box)
		s.changed(data.FAppraisalRows)
		s.count()
	})
	grid.Add(ar.grade)
	grid.Add(ar.followUp)
	grid.Add(ar.self)
	grid.Add(container.NewHBox(remove))
	ar.box = grid
	s.rows = append(s.rows, ar)
	s.rowsBox.Add(grid)
}

// count shows how many are rated and 优秀, in red with the refusal over the cap.
func (s *AppraisalScreen) count() {
	rated, excellent := 0, 0
	for _, r := range s.rows {
		if r.grade.Selected != optNotRated && r.grade.Selected != "" {
			rated++
		}
		if r.grade.Selected == data.AppraisalExcellent {
			excellent++
		}
	}
	text := fmt.Sprintf("共 %d 名党员，参评 %d 人，评为优秀 %d 人（最多 %d 人）", len(s.rows), rated, excellent, data.ExcellentCap(rated))
	s.counter.Importance = widget.MediumImportance
	if msg := data.CheckExcellentCap(rated, excellent); msg != "" {
		text, s.counter.Importance = msg, widget.DangerImportance
	}
	s.counter.SetText(text)
	s.scroll.Refresh() // rows added or removed
}

// appraisal reads the form over the appraisal loaded.
func (s *AppraisalScreen) appraisal() (data.Appraisal, error) {
	a := s.loaded
	a.Year = s.selectedYear()
	var fe data.FieldErrors
	a.Date = readDate(&fe, data.FAppraisalDate, s.date)
	a.Rows = make([]data.AppraisalRow, len(s.rows))
	for i, ar := range s.rows {
		r := ar.row
		for g, e := range ar.votes {
			t := strings.TrimSpace(data.NormalizeText(e.Text))
			n, err := strconv.Atoi(t)
			if t == "" {
				n, err = 0, nil
			}
			if err != nil {
				fe = append(fe, data.FieldError{Field: data.VoteLabel(g), Row: i + 1, List: data.RowMember,
					Message: fmt.Sprintf("%s的%s应为整数", r.Name, data.VoteLabel(g))})
			}
			r.Votes[g] = n
		}
		r.Grade = selectedOr(ar.grade, optNotRated)
		r.FollowUp, r.SelfReview = ar.followUp.Text, ar.self.Text
		a.Rows[i] = r
	}
	if fe != nil {
		return a, fe
	}
	return a, nil
}

// Save saves the appraisal (Ctrl+S).
func (s *AppraisalScreen) Save() { s.save() }

func (s *AppraisalScreen) save() bool {
	a, err := s.appraisal()
	if err == nil {
		err = s.env.Store.SaveAppraisal(context.Background(), &a)
	}
	if err != nil {
		s.status.Importance = widget.DangerImportance
		s.status.SetText("没有保存：" + s.named(err))
		return false
	}
	s.dirty = false
	s.show(a)
	s.status.Importance = widget.MediumImportance
	s.status.SetText(fmt.Sprintf("已保存%d年度民主评议", a.Year))
	notify(s.env)
	return true
}

// named is err's message with 第N行 replaced by the member's name.
func (s *AppraisalScreen) named(err error) string {
	var fe data.FieldErrors
	if !errors.As(err, &fe) {
		return data.ErrorMessage(err)
	}
	parts := make([]string, len(fe))
	for i, e := range fe {
		label := e.Label()
		if e.Row > 0 && e.Row <= len(s.rows) {
			label = s.rows[e.Row-1].row.Name + "：" + e.Field
		}
		parts[i] = label + "：" + e.Message
	}
	return strings.Join(parts, "；")
}

// ConfirmLeave asks about unsaved edits before the screen is left.
func (s *AppraisalScreen) ConfirmLeave(next, back func()) {
	if !s.dirty {
		next()
		return
	}
	askUnsaved(s.env, fmt.Sprintf("%s年度民主评议", s.shown), s.save, func() {
		s.dirty = false
		s.Reload()
		next()
	}, back)
}
