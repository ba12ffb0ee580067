package gui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// talkColumns are the talks list's columns.
var talkColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"谈话人", 0, "欧阳建国"}, {"谈话对象", 1, ""}, {"类型", 0, "谈心谈话"}, {"主要内容", 2, ""}}

// TalksScreen is 谈心谈话: the talks, newest first, and the form of one.
type TalksScreen struct {
	recordScreen[data.Talk] // all: newest first

	kindSel *widget.Select

	people   *memberChoices
	date     *widgets.DateEntry
	talker   *widgets.SuggestEntry
	subject  *widgets.SuggestEntry
	team     *widgets.Entry
	kind     *widget.Select
	place    *widgets.Entry
	content  *widgets.TextArea
	issues   *widgets.TextArea
	recorder *widgets.SuggestEntry
}

// NewTalksScreen builds the screen and loads the talks.
func NewTalksScreen(env *Env) *TalksScreen {
	s := &TalksScreen{people: newMemberChoices(nil, nil)}
	s.kindSel = s.filterSelect("全部类型", data.TalkKinds...)
	s.initRecord(env, recordSpec[data.Talk]{
		Columns: talkColumns,
		Cells: func(t *data.Talk) ([]string, map[int]widget.Importance) {
			return []string{t.Date.String(), t.Talker, talkSubjectText(t), t.Kind, t.Content}, nil
		},
		ID:     func(t *data.Talk) int64 { return t.ID },
		Load:   s.load,
		Date:   func(t *data.Talk) data.Date { return t.Date },
		Match:  s.match,
		Search: "搜索谈话人、对象或内容",
		Count:  "共 %d 次", NewLabel: "记录谈话", What: "这次谈话",
		Blank:    func() data.Talk { return data.Talk{Date: env.Today(), Kind: data.TalkKinds[0]} },
		ToForm:   s.toForm,
		FromForm: s.talk,
		Title:    data.TalkLabel,
		NewTitle: "新谈话记录",
		Focus:    func() { focus(s.talker) },
		Save:     env.Store.SaveTalk,
		Saved:    func(*data.Talk) string { return "已保存谈话记录" },
		Delete:   env.Store.DeleteTalk,
		Question: func(t *data.Talk) string {
			return fmt.Sprintf("确定要删除“%s”的记录吗？", data.TalkLabel(t))
		},
		Entity:  data.EntTalk,
		Deleted: func(*data.Talk) string { return "已删除谈话记录" },
	})

	fs := &s.fields
	s.date = s.newDate(data.FTalkDate, env.Today)
	s.talker = s.newMemberEntry(data.FTalker, "姓名或拼音首字母", &s.people)
	s.subject = s.newMemberEntry(data.FTalkSubject, "党员姓名，或职工姓名", &s.people)
	s.team = s.newEntry(data.FTalkTeam, "职工的班组，如 综采一队")
	s.kind = widgets.NewSelect(data.TalkKinds, func(string) { s.changed(data.FTalkKind) })
	s.place = s.newEntry(data.FTalkPlace, "")
	s.content = s.newArea(data.FTalkContent, 4, "")
	s.issues = s.newArea(data.FTalkIssues, 3, "")
	s.recorder = s.newMemberEntry(data.FTalkRecorder, "姓名", &s.people)
	fContent, fIssues := fs.Add(data.FTalkContent, true, s.content), fs.Add(data.FTalkIssues, false, s.issues)
	fContent.Wide, fIssues.Wide = true, true
	form := widgets.NewSections(2).
		Add("谈话", fs.Add(data.FTalkDate, true, s.date), fs.Add(data.FTalkKind, false, s.kind),
			fs.Add(data.FTalker, true, s.talker.Content()), fs.Add(data.FTalkSubject, true, s.subject.Content()),
			fs.Add(data.FTalkTeam, false, s.team), fs.Add(data.FTalkPlace, false, s.place)).
		Add("内容", fContent, fIssues, fs.Add(data.FTalkRecorder, false, s.recorder.Content())).
		Content()
	s.buildFrame(s.periodRow(s.kindSel), form, 0.45)
	return s
}

// talkSubjectText is the 谈话对象 as lists show it: a worker with the team.
func talkSubjectText(t *data.Talk) string {
	if t.SubjectID == 0 && t.SubjectTeam != "" {
		return t.Subject + "（" + t.SubjectTeam + "）"
	}
	return t.Subject
}

// load reads the talks, newest first, and the members the fields offer.
func (s *TalksScreen) load(ctx context.Context) ([]data.Talk, error) {
	all, err := s.env.Store.Talks(ctx, data.TalkFilter{})
	if err == nil {
		s.people, _, err = loadPeople(ctx, s.env.Store)
	}
	slices.Reverse(all)
	return all, err
}

// loadPeople reads every member (those who left too, named in old records) and the teams, and
// makes the choices of a member field.
func loadPeople(ctx context.Context, st data.Store) (*memberChoices, []data.Member, error) {
	members, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, nil, err
	}
	teams, err := st.Teams(ctx)
	if err != nil {
		return nil, nil, err
	}
	return newMemberChoices(members, teams), members, nil
}

func (s *TalksScreen) match(_ int, t *data.Talk) bool {
	return lets(s.kindSel, t.Kind) &&
		s.searched(t.Talker, t.Subject, t.SubjectTeam, t.Content, t.Issues)
}

// memberText is a member field's text for member id (its name as saved when no longer listed).
func (s *TalksScreen) memberText(id int64, saved string) string {
	if l := s.people.Label(id); l != "" {
		return l
	}
	return saved
}

func (s *TalksScreen) toForm(t data.Talk) {
	s.date.SetDate(t.Date)
	s.talker.SetText(s.memberText(t.TalkerID, t.Talker))
	if t.SubjectID != 0 {
		s.subject.SetText(s.memberText(t.SubjectID, t.Subject))
	} else {
		s.subject.SetText(t.Subject)
	}
	s.team.SetText(t.SubjectTeam)
	selectOr(s.kind, t.Kind, data.TalkKinds[0])
	s.place.SetText(t.Place)
	s.content.SetText(t.Content)
	s.issues.SetText(t.Issues)
	s.recorder.SetText(t.Recorder)
}

// talk reads the form over the talk loaded. 谈话对象 is a member when the text names one, else a
// worker (pinyin left as typed is refused, as for a 责任人).
func (s *TalksScreen) talk() (data.Talk, error) {
	t := s.loaded
	var fe data.FieldErrors
	t.Date = readDate(&fe, data.FTalkDate, s.date)
	t.TalkerID = readMember(&fe, data.FTalker, s.people, s.talker.Text)
	if t.TalkerID == 0 && s.loaded.TalkerID != 0 && s.talker.Text == s.loaded.Talker {
		t.TalkerID = s.loaded.TalkerID // a talker who has left the roll since
		fe = slices.DeleteFunc(fe, func(e data.FieldError) bool { return e.Field == data.FTalker })
	}
	subject := strings.TrimSpace(s.subject.Text)
	t.SubjectID, t.Subject = 0, subject
	if id, ok := s.people.IDOf(subject); ok {
		t.SubjectID = id
	} else if s.loaded.SubjectID != 0 && subject == s.loaded.Subject {
		t.SubjectID = s.loaded.SubjectID
	} else {
		t.Subject = readResponsible(&fe, data.FTalkSubject, s.people, subject)
	}
	t.SubjectTeam, t.Kind, t.Place = s.team.Text, s.kind.Selected, s.place.Text
	t.Content, t.Issues, t.Recorder = s.content.Text, s.issues.Text, s.recorder.Text
	return formRecord(t, fe, data.ValidateTalk, s.env.Today())
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *TalksScreen) FocusSearch() { s.focusSearch() }
