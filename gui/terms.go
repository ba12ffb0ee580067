package gui

import (
	"context"
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

var termColumns = widgets.Columns{{"届次", 0, "第10届"}, {"选举日期", 0, "2026-11-23"}, {"任期届满", 0, "2026-11-23"}, {"提醒", 1, ""}}

// TermsScreen is 换届: the committee's terms with their members and posts, and how near the
// current one is to its end.
type TermsScreen struct {
	recordScreen[data.CommitteeTerm] // all: latest first

	people   *memberChoices
	roll     []data.Member
	number   *widgets.Entry
	elected  *widgets.DateEntry
	years    *widgets.Entry
	remark   *widgets.Entry
	reminder *widget.Label
	rowsBox  *fyne.Container
	rows     []*termRow
}

// termRow is one member of the committee in the form.
type termRow struct {
	member *widgets.SuggestEntry
	post   *widget.Select
	box    fyne.CanvasObject
}

// NewTermsScreen builds the screen and loads the terms.
func NewTermsScreen(env *Env) *TermsScreen {
	s := &TermsScreen{people: newMemberChoices(nil, nil)}
	s.initRecord(env, recordSpec[data.CommitteeTerm]{
		Columns: termColumns,
		Cells: func(t *data.CommitteeTerm) ([]string, map[int]widget.Importance) {
			level, msg := data.TermReminder(t, env.Today())
			imp := map[int]widget.Importance{}
			if level >= data.TermDue {
				imp[3] = widget.DangerImportance
			} else if level == data.TermSoon {
				imp[3] = widget.WarningImportance
			}
			if t.ID != s.all[0].ID {
				msg, imp = "", nil // only the current term is reminded of
			}
			return []string{fmt.Sprintf("第%d届", t.Number), t.ElectedDate.String(), t.End().String(), msg}, imp
		},
		ID:    func(t *data.CommitteeTerm) int64 { return t.ID },
		Load:  s.load,
		Count: "共 %d 届", NewLabel: "登记换届", What: "这一届",
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.term,
		Title:    data.TermLabel,
		NewTitle: "新一届支部委员会",
		Focus:    func() { focus(s.number) },
		Save:     env.Store.SaveTerm,
		Saved:    func(t *data.CommitteeTerm) string { return "已保存" + data.TermLabel(t) },
		Delete:   env.Store.DeleteTerm,
		Question: func(t *data.CommitteeTerm) string {
			return fmt.Sprintf("确定要删除%s的记录吗？", data.TermLabel(t))
		},
		Entity:  data.EntTerm,
		Deleted: func(*data.CommitteeTerm) string { return "已删除" },
	})
	fs := &s.fields
	s.number = s.newEntry(data.FTermNumber, "如 第3届 填 3")
	s.elected = s.newDate(data.FTermElected, env.Today)
	s.years = s.newEntry(data.FTermYears, "")
	s.remark = s.newEntry(data.FRemark, "")
	s.reminder = widgets.Note("")
	s.rowsBox = container.NewVBox()
	add := widget.NewButtonWithIcon("添加委员", theme.ContentAddIcon(), func() { s.addRow(data.TermMember{}); s.changed(data.FTermMember) })
	fromRoster := widget.NewButtonWithIcon("按党员名单的党内职务填入", theme.ViewRefreshIcon(), s.fromRoster)
	fRemark := fs.Add(data.FRemark, false, s.remark)
	fRemark.Wide = true
	form := widgets.NewSections(2).
		Add("届次", fs.Add(data.FTermNumber, true, s.number), fs.Add(data.FTermElected, true, s.elected),
			fs.Add(data.FTermYears, false, s.years), fRemark).Content()
	body := container.NewVBox(form, s.reminder, widget.NewSeparator(), widgets.Heading("委员及职务"),
		hint("从党员名单中选择委员，再选择职务（书记只能有一名）。"), s.rowsBox, container.NewHBox(add, fromRoster))
	s.buildFrame(nil, body, 0.4)
	return s
}

func (s *TermsScreen) blank() data.CommitteeTerm {
	t := data.CommitteeTerm{ElectedDate: s.env.Today(), Years: data.DefaultTermYears, Number: 1}
	if len(s.all) > 0 {
		t.Number = s.all[0].Number + 1
	}
	return t
}

func (s *TermsScreen) load(ctx context.Context) ([]data.CommitteeTerm, error) {
	all, err := s.env.Store.Terms(ctx)
	var members []data.Member
	if err == nil {
		s.people, members, err = loadPeople(ctx, s.env.Store)
	}
	s.roll = slices.DeleteFunc(members, func(m data.Member) bool { return m.RollStatus != data.RollIn })
	return all, err
}

func (s *TermsScreen) toForm(t data.CommitteeTerm) {
	s.number.SetText(strconv.Itoa(t.Number))
	s.elected.SetDate(t.ElectedDate)
	s.years.SetText(strconv.Itoa(t.Years))
	s.remark.SetText(t.Remark)
	s.rows = nil
	s.rowsBox.RemoveAll()
	for _, m := range t.Members {
		s.addRow(m)
	}
	s.relayout()
	s.reminder.SetText("")
	if t.ID != 0 {
		level, msg := data.TermReminder(&t, s.env.Today())
		if msg == "" {
			msg = fmt.Sprintf("任期至%s届满。", t.End().Chinese())
		}
		s.reminder.Importance = widget.MediumImportance
		if level >= data.TermSoon {
			s.reminder.Importance = widget.DangerImportance
		}
		s.reminder.SetText(msg)
	}
}

// addRow adds a member row to the form.
func (s *TermsScreen) addRow(m data.TermMember) {
	r := &termRow{}
	r.member = widgets.NewSuggestEntry(func(q string) []string { return s.people.Suggest(q, 12, false, nil) })
	r.member.SetPlaceHolder("姓名或拼音首字母")
	r.member.SetText(cmpOr(s.people.Label(m.MemberID), m.Name))
	r.member.OnChanged = func(string) { r.member.Filter(); s.changed(data.FTermMember) }
	r.post = widgets.NewSelect(data.TermPosts, func(string) { s.changed(data.FTermPost) })
	r.post.SetSelected(m.Post)
	remove := widgets.NewIconButton(theme.DeleteIcon(), func() {
		s.rows = slices.DeleteFunc(s.rows, func(x *termRow) bool { return x == r })
		s.rowsBox.Remove(r.box)
		s.relayout()
		s.changed(data.FTermMember)
	})
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(130, r.post.MinSize().Height), r.post), remove), r.member.Content())
	s.rows = append(s.rows, r)
	s.rowsBox.Add(r.box)
	s.relayout()
}

// relayout fits the form to rows added or removed.
func (s *TermsScreen) relayout() {
	if s.frame != nil {
		s.frame.Scroll.Refresh()
	}
}

// fromRoster fills the members from the roster's 党内职务 (书记 … 纪检委员).
func (s *TermsScreen) fromRoster() {
	s.rows = nil
	s.rowsBox.RemoveAll()
	for _, post := range data.TermPosts {
		for _, m := range s.roll {
			if m.PartyRole == post {
				s.addRow(data.TermMember{MemberID: m.ID, Name: m.Name, Post: post})
			}
		}
	}
	s.changed(data.FTermMember)
}

// term reads the form over the term loaded.
func (s *TermsScreen) term() (data.CommitteeTerm, error) {
	t := s.loaded
	var fe data.FieldErrors
	t.Number = readInt(&fe, data.FTermNumber, s.number.Text, "届次应为整数，如 3")
	t.ElectedDate = readDate(&fe, data.FTermElected, s.elected)
	t.Years = readInt(&fe, data.FTermYears, s.years.Text, "任期应为整数（年），如 3")
	t.Remark = s.remark.Text
	t.Members = nil
	for i, r := range s.rows {
		var rowFE data.FieldErrors
		id := readMember(&rowFE, data.FTermMember, s.people, r.member.Text)
		for _, e := range rowFE {
			fe = append(fe, data.FieldError{Field: e.Field, Row: i + 1, List: data.RowMember, Message: e.Message})
		}
		t.Members = append(t.Members, data.TermMember{MemberID: id, Name: r.member.Text, Post: r.post.Selected})
	}
	return formRecord(t, fe, data.ValidateCommitteeTerm, s.env.Today())
}

// readInt parses a whole number field ("" is 0), adding msg to fe when it is not one.
func readInt(fe *data.FieldErrors, label, text, msg string) int {
	t := strings.TrimSpace(data.NormalizeText(text))
	if t == "" {
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		*fe = append(*fe, data.FieldError{Field: label, Message: msg})
	}
	return n
}
