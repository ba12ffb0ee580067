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

// Filter and option texts of the decisions screen.
const (
	allDecisions     = "全部事项"
	decisionsFlagged = "不符合决策规定"
	optNoActivity    = "（不关联）"
)

// decisionViews are the list's presets after 全部事项, the states after them.
var decisionViews = []string{data.ViewOverdue, data.ViewDue, decisionsFlagged}

// decisionColumns are the decisions list's columns: 议题 takes the width the others leave, so
// 会议 is shown short and a broken rule goes into 状态 (the form names them in full).
var decisionColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"会议", 0, "党员大会"}, {"议题", 1, ""},
	{"事项类别", 0, "重要人事任免"}, {"状态", 0, "人数不足等·逾期10天"}}

// meetingShort names a meeting in the list's narrow 会议 column.
var meetingShort = map[string]string{data.MeetingCommittee: "支委会", data.MeetingJoint: "联席会", data.MeetingGeneral: "党员大会"}

// flagShort names a broken rule in the list's 状态 column.
var flagShort = map[string]string{data.FlagQuorum: "人数不足", data.FlagLargeFund: "大额资金违规"}

// DecisionsScreen is "三重一大": the decisions, newest first, flagged where they break the rules
// of collective decision, and the form of one with its execution.
type DecisionsScreen struct {
	recordScreen[data.Decision] // all: newest first

	today  data.Date
	rules  data.DecisionRules // the 三重一大 settings the flags are judged by
	acts   []data.Activity    // every activity, for the link to the meeting's record
	actIDs []int64            // the activity select's options after optNoActivity

	viewSel *widget.Select
	fundBtn *widget.Button

	people     *memberChoices
	meeting    *widget.Select
	date       *widgets.DateEntry
	activity   *widget.Select
	topic      *widgets.Entry
	category   *widget.Select
	content    *widgets.TextArea
	amount     *widgets.Entry
	entitled   *widgets.Entry
	present    *widgets.Entry
	votesFor   *widgets.Entry
	against    *widgets.Entry
	abstain    *widgets.Entry
	resolution *widgets.TextArea
	publicity  *widget.Select
	reason     *widgets.Entry
	executor   *widgets.SuggestEntry
	deadline   *widgets.DateEntry
	state      *widget.Select
	execution  *widgets.TextArea
	flags      *widget.Label
}

// NewDecisionsScreen builds the screen and loads the decisions.
func NewDecisionsScreen(env *Env) Screen { return newDecisionsScreen(env) }

func newDecisionsScreen(env *Env) *DecisionsScreen {
	s := &DecisionsScreen{people: newMemberChoices(nil, nil), rules: data.DefaultDecisionRules()}
	s.viewSel = s.filterSelect(allDecisions, append(slices.Clone(decisionViews), data.DecisionStates...)...)
	s.fundBtn = widget.NewButtonWithIcon("", theme.SettingsIcon(), s.editRules)
	s.initRecord(env, recordSpec[data.Decision]{
		Columns: decisionColumns,
		Cells:   s.cells,
		ID:      func(d *data.Decision) int64 { return d.ID },
		Load:    s.load,
		Date:    func(d *data.Decision) data.Date { return d.Date },
		Match:   s.match,
		Search:  "搜索议题、内容、决定事项或责任人",
		Unhide: func(int64) {
			s.clearFilters(s.viewSel)
			s.refilter()
		},
		Count: "共 %d 项", NewLabel: "记录决策", What: "这项决策",
		Tools: []fyne.CanvasObject{s.fundBtn},
		Blank: func() data.Decision {
			return data.Decision{Meeting: data.MeetingCommittee, Date: env.Today(), State: data.DecisionDecided}
		},
		ToForm:   s.toForm,
		FromForm: s.decision,
		Title:    func(d *data.Decision) string { return clip(data.DecisionLabel(d), 40) },
		NewTitle: "新决策事项",
		Focus:    func() { focus(s.topic) },
		Save:     env.Store.SaveDecision,
		Delete:   env.Store.DeleteDecision,
		Question: func(d *data.Decision) string {
			return fmt.Sprintf("确定要删除决策事项“%s”吗？", clip(d.Topic, 30))
		},
		Entity: data.EntDecision,
		Noun:   "决策事项",
	})

	fs := &s.fields
	s.meeting = widgets.NewSelect(data.DecisionMeetings, func(string) { s.changed(data.FDecisionMeeting); s.offerActivities() })
	s.date = widgets.NewDateEntry()
	s.date.Today = env.Today
	s.date.OnChanged = func(string) { s.changed(data.FDecisionDate); s.offerActivities() }
	s.activity = widgets.NewSelect([]string{optNoActivity}, func(string) { s.changed(data.FDecisionActivity) })
	s.topic = s.newEntry(data.FDecisionTopic, "如 综采一队工资二次分配方案")
	s.category = widgets.NewSelect(data.DecisionCategories, func(string) { s.changed(data.FDecisionCategory) })
	s.content = s.newArea(data.FDecisionContent, 3, "如 "+strings.Join(data.DecisionContentExamples[:4], "、"))
	s.amount = s.newEntry(data.FDecisionAmount, "元，不涉及资金可不填")
	s.entitled = s.newEntry(data.FDecisionEntitled, "有表决权的人数")
	s.present = s.newEntry(data.FDecisionPresent, "人数")
	s.votesFor = s.newEntry(data.FDecisionFor, "票数")
	s.against = s.newEntry(data.FDecisionAgainst, "票数")
	s.abstain = s.newEntry(data.FDecisionAbstain, "票数")
	s.resolution = s.newArea(data.FDecisionResolution, 3, "")
	s.publicity = widgets.NewSelect(append([]string{optNone}, data.DecisionPublicity...), func(string) {
		s.changed(data.FDecisionPublicity)
		s.showReason()
	})
	s.reason = s.newEntry(data.FDecisionReason, "不公开时填写")
	s.executor = s.newMemberEntry(data.FDecisionExecutor, "姓名或拼音首字母", &s.people)
	s.deadline = s.newDate(data.FDecisionDeadline, env.Today)
	s.state = widgets.NewSelect(data.DecisionStates, func(string) { s.changed(data.FDecisionState) })
	s.execution = s.newArea(data.FDecisionExecution, 3, "")
	s.flags = widgets.Note("")
	s.flags.Importance = widget.DangerImportance

	wide := func(f *widgets.Field) *widgets.Field { f.Wide = true; return f }
	form := widgets.NewSections(2).
		Add("会议", fs.Add(data.FDecisionMeeting, true, s.meeting), fs.Add(data.FDecisionDate, true, s.date),
			wide(fs.Add(data.FDecisionActivity, false, s.activity)), wide(fs.Add(data.FDecisionTopic, true, s.topic)),
			fs.Add(data.FDecisionCategory, true, s.category), fs.Add(data.FDecisionAmount, false, s.amount),
			wide(fs.Add(data.FDecisionContent, false, s.content))).
		Add("表决", fs.Add(data.FDecisionEntitled, true, s.entitled), fs.Add(data.FDecisionPresent, true, s.present),
			fs.Add(data.FDecisionFor, false, s.votesFor), fs.Add(data.FDecisionAgainst, false, s.against),
			fs.Add(data.FDecisionAbstain, false, s.abstain),
			wide(fs.Add(data.FDecisionResolution, true, s.resolution)),
			fs.Add(data.FDecisionPublicity, false, s.publicity), fs.Add(data.FDecisionReason, false, s.reason)).
		Add("执行", fs.Add(data.FDecisionExecutor, false, s.executor.Content()), fs.Add(data.FDecisionDeadline, false, s.deadline),
			fs.Add(data.FDecisionState, false, s.state), wide(fs.Add(data.FDecisionExecution, false, s.execution))).
		Content()
	body := container.NewVBox(s.flags, form)
	s.buildFrame(s.periodRow(s.viewSel), body, 0.5)
	return s
}

// load reads the decisions (newest first), the 大额资金 amount, the activities a decision may
// link to and the members 执行责任人 is chosen from.
func (s *DecisionsScreen) load(ctx context.Context) ([]data.Decision, error) {
	st := s.env.Store
	all, err := st.Decisions(ctx, data.DecisionFilter{})
	if err == nil {
		s.rules, err = st.DecisionRules(ctx)
	}
	if err == nil {
		s.acts, err = st.Activities(ctx, data.ActivityFilter{})
	}
	if err == nil {
		s.people, _, err = loadPeople(ctx, st)
	}
	if err != nil {
		return nil, err
	}
	slices.Reverse(all)
	s.today = s.env.Today()
	s.fundBtn.SetText("决策规则：" + s.rulesText())
	return all, nil
}

func (s *DecisionsScreen) match(_ int, d *data.Decision) bool {
	view := s.viewSel.Selected
	switch {
	case view == data.ViewOverdue && d.OverdueDays(s.today) == 0:
	case view == data.ViewDue && !d.DueBy(s.today, data.MonthPeriod(s.today.Year, s.today.Month).To):
	case view == decisionsFlagged && len(d.Flags(s.rules)) == 0:
	case slices.Contains(data.DecisionStates, view) && d.State != view:
	case !s.searched(d.Topic, d.Content, d.Resolution, d.Executor, d.Category):
	default:
		return true
	}
	return false
}

// cells: 提示 names the broken rule (the first, 等 when there are more; red); 状态 says how late an
// execution is (red).
func (s *DecisionsScreen) cells(d *data.Decision) ([]string, map[int]widget.Importance) {
	imp := map[int]widget.Importance{}
	flags := d.Flags(s.rules)
	switch {
	case len(flags) > 0 || d.OverdueDays(s.today) > 0:
		imp[4] = widget.DangerImportance
	case d.State == data.DecisionDone:
		imp[4] = widget.SuccessImportance
	}
	state := d.State
	if n := d.OverdueDays(s.today); n > 0 { // as 问题整改 and 办实事 show it
		state = fmt.Sprintf("逾期%d天", n)
	}
	if len(flags) > 0 {
		hint := flags[0].Rule
		if short, ok := flagShort[hint]; ok {
			hint = short
		}
		if len(flags) > 1 {
			hint += "等"
		}
		state = hint + "·" + state
	}
	meeting := d.Meeting
	if short, ok := meetingShort[meeting]; ok {
		meeting = short
	}
	return []string{d.Date.String(), meeting, d.Topic, d.Category, state}, imp
}

// ShowView shows the decisions a 工作台 line counts (data.ViewOverdue, data.ViewDue): every other
// filter is cleared.
func (s *DecisionsScreen) ShowView(view string) {
	s.clearFilters(s.viewSel)
	selectOr(s.viewSel, view, allDecisions)
	s.refilter()
}

// offerActivities lists the activities the decision may be linked to: those held on the form's
// date, of the meeting's kind (any kind for a 党政联席会, which has none of its own), keeping the
// choice when it is still offered.
func (s *DecisionsScreen) offerActivities() {
	if s.activity == nil {
		return
	}
	was := s.selectedActivity()
	d := data.Decision{Meeting: s.meeting.Selected}
	d.Date, _ = s.date.Date()
	opts, ids := []string{optNoActivity}, []int64(nil)
	for i := range s.acts {
		a := &s.acts[i]
		if a.ID == s.loaded.ActivityID || !d.Date.IsZero() && data.DecisionActivityFits(&d, a) == "" {
			opts, ids = append(opts, data.ActivityLabel(a)), append(ids, a.ID)
		}
	}
	if s.loaded.ActivityID != 0 && !slices.Contains(ids, s.loaded.ActivityID) {
		opts, ids = append(opts, s.loaded.Activity), append(ids, s.loaded.ActivityID) // listed when saved
	}
	loading := s.loading
	s.loading = true // choosing again is not an edit
	s.activity.SetOptions(opts)
	s.actIDs = ids
	s.activity.SetSelectedIndex(0)
	if i := slices.Index(ids, was); i >= 0 {
		s.activity.SetSelectedIndex(i + 1)
	}
	s.loading = loading
}

// selectedActivity is the activity chosen (0: none).
func (s *DecisionsScreen) selectedActivity() int64 {
	if i := s.activity.SelectedIndex(); i > 0 && i <= len(s.actIDs) {
		return s.actIDs[i-1]
	}
	return 0
}

// showReason enables 不公开原因 only for 不公开.
func (s *DecisionsScreen) showReason() {
	if s.publicity.Selected == data.PublicityNone {
		s.reason.Enable()
	} else {
		s.reason.Disable()
	}
}

func countText(n int) string { return strconv.Itoa(n) }

func (s *DecisionsScreen) toForm(d data.Decision) {
	selectOr(s.meeting, d.Meeting, data.MeetingCommittee)
	s.date.SetDate(d.Date)
	s.actIDs = nil
	s.offerActivities()
	if i := slices.Index(s.actIDs, d.ActivityID); i >= 0 {
		s.activity.SetSelectedIndex(i + 1)
	}
	s.topic.SetText(d.Topic)
	selectOr(s.category, d.Category, "")
	s.content.SetText(d.Content)
	s.amount.SetText("")
	if d.Amount != 0 {
		s.amount.SetText(strconv.FormatFloat(d.Amount, 'f', -1, 64))
	}
	s.entitled.SetText("")
	s.present.SetText("")
	if d.ID != 0 {
		s.entitled.SetText(countText(d.Entitled))
		s.present.SetText(countText(d.Present))
	}
	for _, v := range []struct {
		e *widgets.Entry
		n int
	}{{s.votesFor, d.For}, {s.against, d.Against}, {s.abstain, d.Abstain}} {
		v.e.SetText("")
		if d.ID != 0 {
			v.e.SetText(countText(v.n))
		}
	}
	s.resolution.SetText(d.Resolution)
	selectOr(s.publicity, d.Publicity, optNone)
	s.reason.SetText(d.Reason)
	s.showReason()
	s.executor.SetText(s.people.Label(d.ExecutorID))
	if s.executor.Text == "" && d.ExecutorID != 0 {
		s.executor.SetText(d.Executor) // no longer on the roll
	}
	s.deadline.SetDate(d.Deadline)
	selectOr(s.state, d.State, data.DecisionDecided)
	s.execution.SetText(d.Execution)
	s.showFlags(d)
}

// showFlags says above the form what the saved decision breaks and how late its execution is.
func (s *DecisionsScreen) showFlags(d data.Decision) {
	var lines []string
	if d.ID != 0 {
		for _, f := range d.Flags(s.rules) {
			lines = append(lines, f.Rule+"："+f.Text)
		}
		if n := d.OverdueDays(s.env.Today()); n > 0 {
			lines = append(lines, fmt.Sprintf("执行逾期%d天（完成期限 %s）", n, d.Deadline))
		}
	}
	s.flags.SetText(strings.Join(lines, "\n"))
	s.flags.Hidden = len(lines) == 0
	s.flags.Refresh()
}

// decision reads the form over the decision loaded.
func (s *DecisionsScreen) decision() (data.Decision, error) {
	d := s.loaded
	var fe data.FieldErrors
	d.Meeting, d.Date = s.meeting.Selected, readDate(&fe, data.FDecisionDate, s.date)
	d.ActivityID = s.selectedActivity()
	d.Topic, d.Category, d.Content = s.topic.Text, s.category.Selected, s.content.Text
	d.Amount = 0
	if t := strings.TrimSpace(data.NormalizeText(s.amount.Text)); t != "" {
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.ReplaceAll(t, ",", ""), "元"), 64)
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FDecisionAmount, Message: "金额应为数字（元），如 86000"})
		}
		d.Amount = v
	}
	count := func(label string, e *widgets.Entry) int {
		return readInt(&fe, label, e.Text, label+"应为整数，如 7")
	}
	d.Entitled, d.Present = count(data.FDecisionEntitled, s.entitled), count(data.FDecisionPresent, s.present)
	d.For, d.Against, d.Abstain = count(data.FDecisionFor, s.votesFor), count(data.FDecisionAgainst, s.against), count(data.FDecisionAbstain, s.abstain)
	d.Resolution, d.Publicity, d.Reason = s.resolution.Text, selectedOr(s.publicity, optNone), s.reason.Text
	d.ExecutorID = readMember(&fe, data.FDecisionExecutor, s.people, s.executor.Text)
	if d.ExecutorID == 0 && s.loaded.ExecutorID != 0 && s.executor.Text == s.loaded.Executor {
		d.ExecutorID = s.loaded.ExecutorID // an executor who has left the roll since
		fe = slices.DeleteFunc(fe, func(e data.FieldError) bool { return e.Field == data.FDecisionExecutor })
	}
	if strings.TrimSpace(s.deadline.Text) == "" {
		d.Deadline = data.Date{}
	} else {
		d.Deadline = readDate(&fe, data.FDecisionDeadline, s.deadline)
	}
	d.State, d.Execution = s.state.Selected, s.execution.Text
	return formRecord(d, fe, data.ValidateDecision, s.env.Today())
}

// editRules asks for the 三重一大 settings — 大额资金 amount, quorum and majority — and saves them
// (logged); the list's flags follow.
func (s *DecisionsScreen) editRules() {
	amount := widgets.NewEntry()
	amount.SetText(data.FormatScore(s.rules.LargeFund))
	shares := func(list []data.Share, now data.Share, prefix string) *widget.Select {
		var opts []string
		for _, sh := range list {
			opts = append(opts, prefix+sh.Text())
		}
		sel := widget.NewSelect(opts, nil)
		sel.SetSelected(prefix + now.Text())
		return sel
	}
	quorum := shares(data.QuorumShares, s.rules.Quorum, "实到不少于应到的")
	majority := shares(data.MajorityShares, s.rules.Majority, "同意超过实到的")
	fd := newFlowDialog(s.env, "决策规则", "不足法定人数、同意未超过通过比例的决策，以及金额超过大额资金标准却未列为“大额资金使用”或未经集体研究（达到法定人数）决定的事项，在台账中标红。", "保存",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FQuorum, true, quorum), fs.Add(data.FMajority, true, majority),
				fs.Add(data.FLargeFund, true, amount))
		},
		func() error {
			v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(data.NormalizeText(amount.Text)), ",", ""), 64)
			if err != nil {
				return data.FieldErrors{{Field: data.FLargeFund, Message: "请填写金额（元），如 50000"}}
			}
			r := data.DecisionRules{LargeFund: v, Quorum: data.QuorumShares[max(quorum.SelectedIndex(), 0)],
				Majority: data.MajorityShares[max(majority.SelectedIndex(), 0)]}
			if err := s.env.Store.SetDecisionRules(context.Background(), r); err != nil {
				return err
			}
			s.Reload()
			s.showFlags(s.loaded)
			s.frame.SetStatus("决策规则已保存："+s.rulesText(), false)
			notify(s.env)
			return nil
		})
	amount.OnSubmitted = func(string) { fd.confirm() }
	fd.show(amount)
}

// rulesText is the settings in a few words, for the button and the status.
func (s *DecisionsScreen) rulesText() string {
	return fmt.Sprintf("法定人数%s，大额资金%s元", s.rules.Quorum.Text(), data.FormatScore(s.rules.LargeFund))
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *DecisionsScreen) FocusSearch() { s.focusSearch() }
