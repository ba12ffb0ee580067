package gui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Periods of the 谈话提醒 view.
const (
	owedThisQuarter = "本季度"
	owedLastQuarter = "上季度"
	owedThisYear    = "本年度"
	owedLastYear    = "上年度"
)

var owedColumns = widgets.Columns{{"规则", 0, "重点岗位党员谈话"}, {"期间", 0, "2026年第四季度"}, {"党员", 0, "欧阳建国"},
	{"重点岗位", 1, ""}, {"应由", 0, "欧阳建国"}, {"已谈/应谈", 0, "已谈/应谈"}}

// TalksOwedScreen is 谈话提醒: who is still owed a talk in a period under the branch's rules
// (data.TalksOwed), and the rules themselves, editable.
type TalksOwedScreen struct {
	env     *Env
	period  *widget.Select
	summary *widget.Label
	list    *widget.List
	owed    []data.OwedTalk

	rules   []data.TalkRule
	pers    []*widget.Select
	counts  []*widgets.Entry
	status  *widget.Label
	content fyne.CanvasObject
}

// NewTalksOwedScreen builds the view and computes it.
func NewTalksOwedScreen(env *Env) *TalksOwedScreen {
	s := &TalksOwedScreen{env: env}
	s.period = widgets.NewSelect([]string{owedThisQuarter, owedLastQuarter, owedThisYear, owedLastYear}, nil)
	s.period.SetSelectedIndex(0)
	s.period.OnChanged = func(string) { s.Reload() }
	s.summary = widgets.Note("")
	s.list = widget.NewList(func() int { return len(s.owed) }, func() fyne.CanvasObject { return owedColumns.Row(false) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			ow := s.owed[i]
			talker := ow.Talker
			if talker == "" {
				talker = "支委"
				if ow.Rule == data.TalkRuleKeyPost {
					talker = "任一党员"
				}
			}
			owedColumns.Set(o, []string{ow.Rule, ow.Period.Label, ow.Member, ow.KeyPost, talker, fmt.Sprintf("%d/%d", ow.Held, ow.Need)},
				map[int]widget.Importance{5: widget.DangerImportance})
		})

	grid := container.NewGridWithColumns(3)
	for _, r := range data.DefaultTalkRules {
		per := widgets.NewSelect(data.TalkPers, nil)
		n := widgets.NewEntry()
		n.SetPlaceHolder("0 为不检查")
		s.pers, s.counts = append(s.pers, per), append(s.counts, n)
		grid.Add(widget.NewLabel(r.Rule))
		grid.Add(container.NewBorder(nil, nil, widget.NewLabel("每"), nil, per))
		grid.Add(container.NewBorder(nil, nil, widget.NewLabel("至少"), widget.NewLabel("次"), n))
	}
	s.status = widgets.Note("")
	save := widget.NewButtonWithIcon("保存规则", theme.DocumentSaveIcon(), s.saveRules)
	rules := container.NewVBox(widgets.Heading("谈话规则"),
		hint("书记与支委谈话：书记与每名支委；支委与党员谈话：每名党员（支委以外）至少由一名支委谈话；重点岗位党员谈话：重点岗位上的每名党员。"),
		grid, container.NewHBox(save), s.status)
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("期间"), nil, s.period), s.summary, owedColumns.Row(true))
	s.content = container.NewBorder(top, rules, nil, nil, s.list)
	s.Reload()
	return s
}

// Content implements Screen.
func (s *TalksOwedScreen) Content() fyne.CanvasObject { return s.content }

// span is the chosen period.
func (s *TalksOwedScreen) span() data.Period {
	today := s.env.Today()
	q := data.TalkPeriodOf(data.TalkPerQuarter, today)
	switch s.period.Selected {
	case owedLastQuarter:
		return data.TalkPeriodOf(data.TalkPerQuarter, q.From.AddDays(-1))
	case owedThisYear:
		return data.YearPeriod(today.Year)
	case owedLastYear:
		return data.YearPeriod(today.Year - 1)
	}
	return q
}

// Reload reads the rules, members and talks and lists who is still owed a talk.
func (s *TalksOwedScreen) Reload() {
	ctx := context.Background()
	p := s.span()
	rules, err := s.env.Store.TalkRules(ctx)
	var members []data.Member
	var talks []data.Talk
	if err == nil {
		members, err = s.env.Store.Members(ctx, data.MemberFilter{IncludeLeft: true})
	}
	if err == nil {
		// A yearly rule counted in a quarter looks at the whole year so far.
		talks, err = s.env.Store.Talks(ctx, data.TalkFilter{From: data.YearPeriod(p.From.Year).From, To: p.To})
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.rules = rules
	for i, r := range rules {
		s.pers[i].SetSelected(r.Per)
		s.counts[i].SetText(strconv.Itoa(r.AtLeast))
	}
	s.owed = data.TalksOwed(rules, members, talks, p, s.env.Today())
	s.summary.SetText(owedSummary(s.owed, p, s.env.Today()))
	s.summary.Importance = widget.MediumImportance
	if len(s.owed) > 0 {
		s.summary.Importance = widget.WarningImportance
	}
	s.summary.Refresh()
	s.list.Refresh()
}

// owedSummary says what the list shows: how many talks are owed under each rule.
func owedSummary(owed []data.OwedTalk, p data.Period, today data.Date) string {
	asOf := p.To
	if today.Before(asOf) {
		asOf = today
	}
	if len(owed) == 0 {
		return fmt.Sprintf("%s（截至%s）：各项谈话规则都已落实。", p.Label, asOf.Chinese())
	}
	n := map[string]int{}
	for _, o := range owed {
		n[o.Rule]++
	}
	var parts []string
	for _, r := range data.DefaultTalkRules {
		if n[r.Rule] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d 人次", r.Rule, n[r.Rule]))
		}
	}
	return fmt.Sprintf("%s（截至%s）尚未谈话：%s。", p.Label, asOf.Chinese(), strings.Join(parts, "，"))
}

// saveRules saves the rules as edited.
func (s *TalksOwedScreen) saveRules() {
	rules := make([]data.TalkRule, len(s.rules))
	for i, r := range s.rules {
		n, err := strconv.Atoi(strings.TrimSpace(data.NormalizeText(s.counts[i].Text)))
		if err != nil {
			s.status.Importance = widget.DangerImportance
			s.status.SetText(r.Rule + "：至少次数应为0到99的整数，没有保存。")
			return
		}
		rules[i] = data.TalkRule{Rule: r.Rule, Per: s.pers[i].Selected, AtLeast: n}
	}
	if err := s.env.Store.SetTalkRules(context.Background(), rules); err != nil {
		s.status.Importance = widget.DangerImportance
		s.status.SetText(data.ErrorMessage(err) + "。没有保存。")
		return
	}
	s.status.Importance = widget.MediumImportance
	s.status.SetText("已保存谈话规则")
	s.Reload()
	notify(s.env)
}
