package gui

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
	"branchledger/reports/catalog"
)

// Texts of the 发展党员 screen.
const (
	allStages       = "全部阶段"
	recruitDueDays  = 30
	fContact2       = data.RoleContact + "2"
	fIntroducer2    = data.RoleIntroducer + "2"
	fTrainDays      = "培训天数"
	fTrainHours     = "培训学时"
	fReviews6       = "培养教育考察记录"
	fReviews21      = "继续教育考察记录"
	fExtendMonths   = "延长预备期（月）"
	recruitStageAll = "入党申请人,入党积极分子,发展对象,预备党员,正式党员"
)

// recruitColumns are the list's columns.
var recruitColumns = widgets.Columns{{"姓名", 0, "欧阳建国"}, {"阶段", 0, "入党积极分子"}, {"下一步", 1, ""}, {"期限", 0, "2026-11-23"}}

// stepLabel is the label of step n's date field: 15 支部党员大会讨论.
func stepLabel(n int) string { return fmt.Sprintf("%d %s", n, data.RecruitStepNames[n-1]) }

// noteLabel is the label of step n's note field.
func noteLabel(n int) string { return fmt.Sprintf("第%d步记录", n) }

// voteLabel is the label of the vote field of step n (15 or 23).
func voteLabel(n int) string { return fmt.Sprintf("表决（第%d步）", n) }

// RecruitsScreen is 发展党员: the people in the pipeline on the left; on the right one person's
// identity and 25 steps, each date checked against the rules of the 细则 as it is typed, with the
// next step and its dates.
type RecruitsScreen struct {
	recordScreen[data.Recruit]

	today    data.Date
	people   *memberChoices
	teams    []data.Team
	groups   []data.Group
	stageSel *widget.Select
	dueOnly  *widget.Check

	name, idNumber, job, mobile *widgets.Entry
	derived                     *widget.Label
	ethnicity                   *ethnicityEntry
	education, team, group      *widget.Select
	remark                      *widgets.TextArea

	dates                 [data.RecruitSteps]*widgets.DateEntry
	notes                 [data.RecruitSteps]*widgets.Entry
	talker                *widgets.SuggestEntry
	contacts, intros      [2]*widgets.SuggestEntry
	reviews6, reviews21   *widgets.TextArea
	trainDays, trainHours *widgets.Entry
	vote15, vote23        *widgets.Entry
	extMonths             *widgets.Entry
	extDate               *widgets.DateEntry
	next                  *widget.Label

	read  data.Recruit      // the record last read from the form, for placing its errors
	index *data.MemberIndex // the people, searched as members are
	hits  map[int]bool      // the people the search finds (nil: no search)
}

// NewRecruitsScreen builds the screen and loads the people.
func NewRecruitsScreen(env *Env) *RecruitsScreen {
	s := &RecruitsScreen{people: newMemberChoices(nil, nil)}
	s.stageSel = s.filterSelect(allStages, strings.Split(recruitStageAll, ",")...)
	s.dueOnly = widget.NewCheck(fmt.Sprintf("只看%d天内到期和逾期的", recruitDueDays), func(bool) { s.refilter() })
	s.initRecord(env, recordSpec[data.Recruit]{
		Columns: recruitColumns,
		Cells:   s.cells,
		ID:      func(r *data.Recruit) int64 { return r.ID },
		Load:    s.load,
		Match:   s.match,
		Prepare: s.prepare,
		Search:  "搜索姓名、拼音首字母或身份证号",
		Count:   "共 %d 名", NewLabel: "登记入党申请人", What: "这名入党申请人",
		Blank:    func() data.Recruit { return data.Recruit{Ethnicity: data.Ethnicities[0]} },
		ToForm:   s.toForm,
		FromForm: s.recruit,
		Title:    func(r *data.Recruit) string { return r.Name + "（" + r.StageName() + "）" },
		NewTitle: "新入党申请人",
		Focus:    func() { focus(s.name) },
		Save: func(ctx context.Context, r *data.Recruit) error {
			return env.Store.SaveRecruit(ctx, r)
		},
		Saved:      s.savedMessage,
		ShowErrors: s.showErrors,
		Delete:     env.Store.DeleteRecruit,
		Question: func(r *data.Recruit) string {
			return fmt.Sprintf("确定要删除入党申请人“%s”及其发展步骤记录吗？", r.Name)
		},
		Entity:  data.EntRecruit,
		Deleted: func(r *data.Recruit) string { return "已删除" + r.Name },
		Export: func() {
			if s.loaded.ID == 0 {
				ShowError(env.Win, data.Errorf(data.EInvalid, "请先保存，再导出纪实表"))
				return
			}
			exportReport(env, catalog.ByID("R24"), catalog.Input{PersonID: s.loaded.ID, Label: s.loaded.Name})
		},
		ExportLabel: "导出纪实表",
	})

	fs := &s.fields
	s.name = s.newEntry(data.FName, "")
	s.idNumber = s.newEntry(data.FIDNumber, "18位，可含末位 X")
	s.idNumber.OnChanged = func(string) { s.changed(data.FIDNumber); s.showDerived() }
	s.derived = widget.NewLabel("")
	s.ethnicity = newEthnicityEntry()
	s.ethnicity.OnChanged = func(string) { s.ethnicity.filter(); s.changed(data.FEthnicity) }
	s.education = widgets.NewSelect(append([]string{optNone}, data.Educations...), func(string) { s.changed(data.FEducation) })
	s.team = widgets.NewSelect(nil, func(string) { s.changed(data.FTeam) })
	s.group = widgets.NewSelect(nil, func(string) { s.changed(data.FRecruitGroup) })
	s.job = s.newEntry(data.FJob, "如 采煤机司机")
	s.mobile = s.newEntry(data.FMobile, "11位手机号")
	s.remark = s.newArea(data.FRemark, 2, "")
	fRemark := fs.Add(data.FRemark, false, s.remark)
	fRemark.Wide = true
	form := widgets.NewSections(2).Add("基本情况",
		fs.Add(data.FName, true, s.name), fs.Add(data.FIDNumber, true, s.idNumber),
		fs.Add("性别、出生日期", false, s.derived), fs.Add(data.FEthnicity, true, s.ethnicity),
		fs.Add(data.FEducation, false, s.education), fs.Add(data.FTeam, false, s.team),
		fs.Add(data.FJob, false, s.job), fs.Add(data.FMobile, false, s.mobile), fRemark)

	member := func(label string) *widgets.SuggestEntry {
		return s.newMemberEntry(label, "姓名或拼音首字母", &s.people)
	}
	reviews := func(label string) *widgets.TextArea {
		return s.newArea(label, 3, "每行一次考察：日期 情况，如 2026-03-10 表现良好，按时参加学习")
	}
	s.talker = member(data.RoleTalker)
	s.contacts = [2]*widgets.SuggestEntry{member(data.RoleContact), member(fContact2)}
	s.intros = [2]*widgets.SuggestEntry{member(data.RoleIntroducer), member(fIntroducer2)}
	s.reviews6, s.reviews21 = reviews(fReviews6), reviews(fReviews21)
	s.trainDays, s.trainHours = s.newEntry(fTrainDays, "天"), s.newEntry(fTrainHours, "学时")
	s.vote15 = s.newEntry(voteLabel(data.StepAdmit), "应到/赞成/反对/弃权，如 23/20/2/1")
	s.vote23 = s.newEntry(voteLabel(data.StepDiscussFull), "应到/赞成/反对/弃权，如 23/20/2/1")
	s.extMonths = s.newEntry(fExtendMonths, "6–12，未延长的不填")
	s.extDate = s.newDate(data.FExtensionDate, env.Today)
	// Each step takes a line (date, note); what it needs besides takes lines of its own after it,
	// a single field the whole line, so that the steps stay in one column.
	wide := func(f *widgets.Field) *widgets.Field { f.Wide = true; return f }
	extras := map[int][]*widgets.Field{
		data.StepTalk:        {wide(fs.Add(data.RoleTalker, false, s.talker.Content()))},
		data.StepContacts:    {fs.Add(data.RoleContact, false, s.contacts[0].Content()), fs.Add(fContact2, false, s.contacts[1].Content())},
		data.StepEducation:   {wide(fs.Add(fReviews6, false, s.reviews6))},
		data.StepIntroducers: {fs.Add(data.RoleIntroducer, false, s.intros[0].Content()), fs.Add(fIntroducer2, false, s.intros[1].Content())},
		data.StepTraining:    {fs.Add(fTrainDays, false, s.trainDays), fs.Add(fTrainHours, false, s.trainHours)},
		data.StepAdmit:       {wide(fs.Add(voteLabel(data.StepAdmit), false, s.vote15))},
		data.StepPlace:       {wide(fs.Add(data.FRecruitGroup, false, s.group))},
		data.StepContinue:    {wide(fs.Add(fReviews21, false, s.reviews21))},
		data.StepDiscussFull: {wide(fs.Add(voteLabel(data.StepDiscussFull), false, s.vote23)),
			fs.Add(fExtendMonths, false, s.extMonths), fs.Add(data.FExtensionDate, false, s.extDate)},
	}
	var steps []*widgets.Field
	for n := 1; n <= data.RecruitSteps; n++ {
		date := widgets.NewDateEntry()
		date.Today = env.Today
		label := stepLabel(n)
		date.OnChanged = func(text string) {
			s.changed(label)
			if _, err := data.ParseDate(text); err == nil {
				s.checkSteps() // a whole date (or none): its rules at once
			}
		}
		s.dates[n-1] = date
		s.notes[n-1] = s.newEntry(noteLabel(n), "")
		steps = append(steps, fs.Add(label, false, date), fs.Add(noteLabel(n), false, s.notes[n-1]))
		steps = append(steps, extras[n]...)
	}
	form.Add("发展步骤（按《中国共产党发展党员工作细则》，日期按顺序填写）", steps...)
	s.next = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.next.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(s.next, form.Content())
	s.buildFrame([]fyne.CanvasObject{s.stageSel, s.dueOnly}, body, 0.36)
	return s
}

// load reads the people and what their fields choose from.
func (s *RecruitsScreen) load(ctx context.Context) ([]data.Recruit, error) {
	all, err := s.env.Store.Recruits(ctx)
	var members []data.Member
	if err == nil {
		members, err = s.env.Store.Members(ctx, data.MemberFilter{IncludeLeft: true})
	}
	if err == nil {
		s.teams, err = s.env.Store.Teams(ctx)
	}
	if err == nil {
		s.groups, err = s.env.Store.Groups(ctx)
	}
	if err != nil {
		return nil, err
	}
	s.today = s.env.Today()
	s.people = newMemberChoices(members, s.teams)
	persons := make([]data.Member, len(all))
	for i, r := range all {
		persons[i] = data.Member{Name: r.Name, IDNumber: r.IDNumber, Mobile: r.Mobile}
	}
	s.index = data.NewMemberIndex(persons)
	s.team.Options = append([]string{optNone}, names(s.teams, func(t *data.Team) string { return t.Name })...)
	s.group.Options = append([]string{optNone}, names(s.groups, func(g *data.Group) string { return g.Name })...)
	return all, nil
}

func names[T any](list []T, name func(*T) string) []string {
	out := make([]string, len(list))
	for i := range list {
		out[i] = name(&list[i])
	}
	return out
}

// prepare runs the search over the people (by name, pinyin, ID number or phone, as members are
// searched).
func (s *RecruitsScreen) prepare() {
	s.hits = nil
	q := s.query()
	if q == "" || s.index == nil {
		return
	}
	s.hits = map[int]bool{}
	for _, i := range s.index.Search(q) {
		s.hits[i] = true
	}
}

func (s *RecruitsScreen) match(i int, r *data.Recruit) bool {
	switch {
	case !lets(s.stageSel, r.StageName()):
	case s.dueOnly.Checked && len(data.RecruitDue(r, s.today, recruitDueDays)) == 0:
	case s.hits != nil && !s.hits[i]:
	default:
		return true
	}
	return false
}

func (s *RecruitsScreen) cells(r *data.Recruit) ([]string, map[int]widget.Importance) {
	next := data.NextStep(r)
	when := next.Latest
	if when.IsZero() {
		when = next.Earliest
	}
	imp := map[int]widget.Importance{}
	for _, d := range data.RecruitDue(r, s.today, recruitDueDays) {
		imp[3] = widget.WarningImportance
		if d.Overdue(s.today) {
			imp[3], imp[2] = widget.DangerImportance, widget.DangerImportance
			break
		}
	}
	step := "已完成"
	if next.Step > 0 {
		step = fmt.Sprintf("%d %s", next.Step, data.RecruitStepNames[next.Step-1])
	}
	return []string{r.Name, r.StageName(), step, when.String()}, imp
}

// memberSlots are the member fields of a role, in order.
func (s *RecruitsScreen) memberSlots() []struct {
	role, label string
	e           *widgets.SuggestEntry
} {
	return []struct {
		role, label string
		e           *widgets.SuggestEntry
	}{
		{data.RoleTalker, data.RoleTalker, s.talker},
		{data.RoleContact, data.RoleContact, s.contacts[0]}, {data.RoleContact, fContact2, s.contacts[1]},
		{data.RoleIntroducer, data.RoleIntroducer, s.intros[0]}, {data.RoleIntroducer, fIntroducer2, s.intros[1]},
	}
}

func (s *RecruitsScreen) toForm(r data.Recruit) {
	s.name.SetText(r.Name)
	s.idNumber.SetText(r.IDNumber)
	s.ethnicity.SetText(r.Ethnicity)
	s.ethnicity.filter()
	selectOr(s.education, r.Education, optNone)
	selectOr(s.team, s.nameOfTeam(r.TeamID), optNone)
	selectOr(s.group, s.nameOfGroup(r.GroupID), optNone)
	s.job.SetText(r.Job)
	s.mobile.SetText(r.Mobile)
	s.remark.SetText(r.Remark)
	for n := 1; n <= data.RecruitSteps; n++ {
		s.dates[n-1].SetDate(r.Date(n))
		s.notes[n-1].SetText(r.Step(n).Note)
	}
	used := map[string]int{}
	for _, slot := range s.memberSlots() {
		text := ""
		if ps := r.PeopleIn(slot.role); used[slot.role] < len(ps) {
			p := ps[used[slot.role]]
			if text = s.people.Label(p.MemberID); text == "" {
				text = p.Name // no longer on the roll
			}
		}
		used[slot.role]++
		slot.e.SetText(text)
	}
	s.reviews6.SetText(reviewLines(r.Reviews, data.StepEducation))
	s.reviews21.SetText(reviewLines(r.Reviews, data.StepContinue))
	s.trainDays.SetText(intText(r.TrainDays))
	s.trainHours.SetText(intText(r.TrainHours))
	s.vote15.SetText(voteText(r.Vote15))
	s.vote23.SetText(voteText(r.Vote23))
	s.extMonths.SetText(intText(r.ExtendMonths))
	s.extDate.SetDate(r.ExtendDate)
	s.showDerived()
	s.showNext(&r)
}

func (s *RecruitsScreen) nameOfTeam(id int64) string {
	if i := slices.IndexFunc(s.teams, func(t data.Team) bool { return t.ID == id }); i >= 0 {
		return s.teams[i].Name
	}
	return ""
}

func (s *RecruitsScreen) nameOfGroup(id int64) string {
	if i := slices.IndexFunc(s.groups, func(g data.Group) bool { return g.ID == id }); i >= 0 {
		return s.groups[i].Name
	}
	return ""
}

func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func voteText(v data.Vote) string {
	if v == (data.Vote{}) {
		return ""
	}
	return fmt.Sprintf("%d/%d/%d/%d", v.Entitled, v.For, v.Against, v.Abstain)
}

func reviewLines(rs []data.RecruitReview, step int) string {
	var lines []string
	for _, v := range rs {
		if v.Step == step {
			lines = append(lines, strings.TrimSpace(v.Date.String()+" "+v.Note))
		}
	}
	return strings.Join(lines, "\n")
}

// showDerived shows 性别 and 出生日期 from a valid ID number.
func (s *RecruitsScreen) showDerived() {
	info, err := data.ParseIDNumber(data.NormalizeIDNumber(s.idNumber.Text))
	if err != nil {
		s.derived.SetText("（填好身份证号后自动得出）")
		return
	}
	s.derived.SetText(info.Sex + "，" + info.BirthDate.String())
}

// showNext shows the next step of r with its dates, and the rules bent.
func (s *RecruitsScreen) showNext(r *data.Recruit) {
	text := "下一步：" + data.NextStep(r).String()
	if r.Stage() == 0 {
		text = "下一步：第1步“递交入党申请书”（年满18周岁）"
	}
	if w := data.RecruitWarnings(r); len(w) > 0 {
		text += "\n注意：" + strings.Join(w, "；")
	}
	s.next.SetText(text)
	s.next.Importance = widget.MediumImportance
	for _, d := range data.RecruitDue(r, s.env.Today(), 0) {
		if d.Overdue(s.env.Today()) {
			s.next.Importance = widget.DangerImportance
		}
	}
	s.next.Refresh()
}

// checkSteps checks the dates typed so far against the rules and shows each broken rule under its
// step's date (dates that are not whole dates yet count as not filled in), and the next step.
func (s *RecruitsScreen) checkSteps() {
	if s.loading {
		return
	}
	s.recruit() // its errors are shown on saving; s.read is the record, normalised
	r := s.read
	fe := data.CheckRecruitSteps(&r, s.env.Today())
	for n := 1; n <= data.RecruitSteps; n++ {
		f := s.fields.Get(stepLabel(n))
		if _, err := s.dates[n-1].Date(); err != nil {
			continue // its own message says what is wrong with the date
		}
		f.SetError(fe.At(n, data.FStepDate))
	}
	s.showNext(&r)
}

var reNumber = regexp.MustCompile(`\d+`)

// readVote reads a vote typed as 应到/赞成/反对/弃权.
func readVote(fe *data.FieldErrors, label, text string) data.Vote {
	text = strings.TrimSpace(data.NormalizeText(text))
	if text == "" {
		return data.Vote{}
	}
	nums := reNumber.FindAllString(text, -1)
	if len(nums) < 2 || len(nums) > 4 {
		*fe = append(*fe, data.FieldError{Field: label, Message: "表决情况请按“应到/赞成/反对/弃权”填写人数，如 23/20/2/1"})
		return data.Vote{}
	}
	n := make([]int, 4)
	for i, s := range nums {
		n[i], _ = strconv.Atoi(s)
	}
	return data.Vote{Entitled: n[0], For: n[1], Against: n[2], Abstain: n[3]}
}

// readReviews reads the 考察 records of step typed one a line: date, then what was found.
func readReviews(fe *data.FieldErrors, label, text string, step int) []data.RecruitReview {
	var out []data.RecruitReview
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		day, note, _ := strings.Cut(strings.Join(strings.Fields(line), " "), " ")
		d, err := data.ParseDate(day)
		if err != nil || d.IsZero() {
			*fe = append(*fe, data.FieldError{Field: label, Message: fmt.Sprintf("第%d行应以考察日期开头，如 2026-03-10 表现良好", i+1)})
			continue
		}
		out = append(out, data.RecruitReview{Step: step, Date: d, Note: note})
	}
	return out
}

// recruit reads the form over the person loaded; what cannot be read is returned as FieldErrors
// on its field, with the rules' errors of the rest.
func (s *RecruitsScreen) recruit() (data.Recruit, error) {
	r := s.loaded
	var fe data.FieldErrors
	r.Name, r.IDNumber, r.Ethnicity = s.name.Text, s.idNumber.Text, s.ethnicity.Text
	r.Sex, r.BirthDate = "", data.Date{} // derived from the ID number by Normalize
	r.Education = selectedOr(s.education, optNone)
	r.TeamID, r.GroupID = 0, 0
	if i := s.team.SelectedIndex(); i > 0 {
		r.TeamID = s.teams[i-1].ID
	}
	if i := s.group.SelectedIndex(); i > 0 {
		r.GroupID = s.groups[i-1].ID
	}
	r.Job, r.Mobile, r.Remark = s.job.Text, s.mobile.Text, s.remark.Text
	for n := 1; n <= data.RecruitSteps; n++ {
		r.Steps[n-1] = data.RecruitStep{Date: readDate(&fe, stepLabel(n), s.dates[n-1]), Note: s.notes[n-1].Text}
	}
	r.People = nil
	before := map[string][]data.RecruitPerson{}
	for _, p := range s.loaded.People {
		before[p.Role] = append(before[p.Role], p)
	}
	for _, slot := range s.memberSlots() {
		id := readMember(&fe, slot.label, s.people, slot.e.Text)
		if id == 0 && strings.TrimSpace(slot.e.Text) != "" {
			// Someone picked before who has left the roll since keeps the place.
			if i := slices.IndexFunc(before[slot.role], func(p data.RecruitPerson) bool { return p.Name == strings.TrimSpace(slot.e.Text) }); i >= 0 {
				id = before[slot.role][i].MemberID
				fe = slices.DeleteFunc(fe, func(e data.FieldError) bool { return e.Field == slot.label })
			}
		}
		if id != 0 {
			r.People = append(r.People, data.RecruitPerson{Role: slot.role, MemberID: id, Name: strings.TrimSpace(slot.e.Text)})
		}
	}
	r.Reviews = append(readReviews(&fe, fReviews6, s.reviews6.Text, data.StepEducation),
		readReviews(&fe, fReviews21, s.reviews21.Text, data.StepContinue)...)
	r.TrainDays, r.TrainHours = readInt(&fe, fTrainDays, s.trainDays.Text, fTrainDays+"应为整数"), readInt(&fe, fTrainHours, s.trainHours.Text, fTrainHours+"应为整数")
	r.Vote15 = readVote(&fe, voteLabel(data.StepAdmit), s.vote15.Text)
	r.Vote23 = readVote(&fe, voteLabel(data.StepDiscussFull), s.vote23.Text)
	r.ExtendMonths = readInt(&fe, fExtendMonths, s.extMonths.Text, fExtendMonths+"应为整数")
	r.ExtendDate = readDate(&fe, data.FExtensionDate, s.extDate)
	s.read = r
	s.read.Normalize()
	if fe == nil {
		return r, nil
	}
	v := s.read
	return r, mergeErrors(fe, data.ValidateRecruit(&v, s.env.Today()))
}

// showErrors places the errors of a person at the form's fields: a step's at its date, note,
// people, vote or training; a 考察 record's at its step's list.
func (s *RecruitsScreen) showErrors(fe data.FieldErrors) []string {
	msgs := make([]widgets.Message, len(fe))
	for i, e := range fe {
		field, text := e.Label(), e.Message
		switch e.List {
		case data.RowStep:
			switch e.Field {
			case data.FStepDate:
				field = stepLabel(e.Row)
			case data.FStepNote:
				field = noteLabel(e.Row)
			case data.FVote:
				field = voteLabel(e.Row)
			case data.FTraining:
				field = fTrainDays
			default: // a role
				field = e.Field
			}
		case data.RowReview:
			field = fReviews6
			if e.Row <= len(s.read.Reviews) {
				v := s.read.Reviews[e.Row-1]
				if v.Step == data.StepContinue {
					field = fReviews21
				}
				text = v.Date.String() + " 的考察：" + text
			}
		}
		if e.Field == data.FExtension {
			field = fExtendMonths
		}
		msgs[i] = widgets.Message{Field: field, Text: text}
	}
	return s.fields.ShowMessages(msgs)
}

// savedMessage is the status after saving r: what happened in the roster, and the rules bent.
func (s *RecruitsScreen) savedMessage(r *data.Recruit) string {
	msg := "已保存"
	switch {
	case r.MemberID != 0 && s.loaded.MemberID == 0:
		msg += "：已接收为预备党员，加入党员名单"
	case r.MemberID == 0 && s.loaded.MemberID != 0:
		msg += "：已撤销第15步，从党员名单中移除"
	case r.Stage() >= data.StepApproveFull && s.loaded.Stage() < data.StepApproveFull:
		msg += "：已转为正式党员"
	}
	if w := data.RecruitWarnings(r); len(w) > 0 {
		msg += "。注意：" + strings.Join(w, "；")
	}
	return msg
}
