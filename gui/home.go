package gui

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// homeStats are the figures of 工作台, computed in memory from the members on the roll.
type homeStats struct {
	branch  data.Branch
	today   data.Date
	members []data.Member // on the roll (在册)
	groups  []data.Group
	teams   []data.Team

	full, probation       int
	dueThisMonth, overdue int // 预备党员 whose year of probation ends this month / ended before it
	keyPost, supervisors  int
	lost, floating        int
	suspended             int
	byGroup, byTeam       map[int64]int // 0: none

	// Findings and inspections (督查整改), set by addFindings.
	overdueFindings int // open and past 整改期限
	dueThisWeek     int // open with 整改期限 from today to the end of this week (not overdue)
	toReview        int // 待验收
	inspections     int // inspections this month
	month           data.FindingStats
	// 两堂一舍, set by addWelfare.
	welfare welfareStats
	// 发展党员: what falls due within 30 days, set by addRecruits (recruit_home.go).
	recruitDue []data.Due
	// 党费: this month's collection (dues_home.go).
	dues duesHome
	// 谈心谈话 and 换届, set by addTalks.
	talks talksStats
	// 本月组织生活, set from loadOrgLifeDue.
	orgLife []data.DueItem
	// 本月待办 of every ledger (data.LoadTodos).
	todos []data.Todo
	// navigate opens another screen (a tapped figure opens its list); nil does nothing.
	navigate func(Destination)
}

func computeHomeStats(b data.Branch, ms []data.Member, groups []data.Group, teams []data.Team, today data.Date) *homeStats {
	st := &homeStats{branch: b, today: today, members: ms, groups: groups, teams: teams,
		byGroup: map[int64]int{}, byTeam: map[int64]int{}}
	monthStart := data.NewDate(today.Year, today.Month, 1)
	nextMonth := data.DateOf(monthStart.Time().AddDate(0, 1, 0))
	for i := range ms {
		m := &ms[i]
		switch m.Category {
		case data.CategoryFull:
			st.full++
		case data.CategoryProbation:
			st.probation++
			// 预备期 is one year from joining (党章第七条); the branch must discuss 转正 when it ends.
			switch due := m.JoinDate.AddYears(1); {
			case due.Before(monthStart):
				st.overdue++
			case due.Before(nextMonth):
				st.dueThisMonth++
			}
		}
		if m.KeyPost != "" {
			st.keyPost++
		}
		if m.Supervisor {
			st.supervisors++
		}
		if m.LostContact {
			st.lost++
		}
		if m.Floating {
			st.floating++
		}
		if m.PartyStatus == data.PartyStatusSuspended {
			st.suspended++
		}
		st.byGroup[m.GroupID]++
		st.byTeam[m.TeamID]++
	}
	return st
}

// addFindings adds the figures of 督查整改: open are the findings not yet closed, month the findings
// and inspections of this month.
func (st *homeStats) addFindings(open, month []data.Finding, inspections []data.Inspection, categories []string) {
	weekEnd := data.WeekOf(st.today).To
	for i := range open {
		f := &open[i]
		if f.OverdueDays(st.today) > 0 {
			st.overdueFindings++
		}
		// As the 问题整改 list's 本周到期 filter counts (findings.go): the overdue ones are 逾期 only.
		if f.DueBy(st.today, weekEnd) {
			st.dueThisWeek++
		}
		if f.State == data.StateReview {
			st.toReview++
		}
	}
	st.inspections = len(inspections)
	st.month = data.ComputeFindingStats(data.MonthPeriod(st.today.Year, st.today.Month), st.today, inspections, month, categories, st.teams)
}

// goTo is a tap handler that opens dest (when the screen can navigate).
func (st *homeStats) goTo(dest Destination) func() {
	return func() {
		if st.navigate != nil {
			st.navigate(dest)
		}
	}
}

// homeCards are the cards of 工作台, in order, filling two columns alternately. A new card is one
// more line: a function from the figures to a widget (use card, statTiles, countList, BarChart).
var homeCards = []func(st *homeStats) fyne.CanvasObject{
	cardFindings,
	cardWelfare,
	cardFindingsByCategory,
	cardWelfareScores,
	cardDues,
	cardMembers,
	cardSpecial,
	cardByGroup,
	cardByTeam,
	cardRecruits,
	cardTalks,
	cardOrgLife,
}

// cardFindings are the counts that need action; a tap opens the list they count.
func cardFindings(st *homeStats) fyne.CanvasObject {
	findings := func(v FindingView) Destination {
		return Destination{Module: moduleInspections, Tab: tabFindings, Findings: v}
	}
	return card("督查整改", statTiles(
		stat{caption: "逾期问题", value: strconv.Itoa(st.overdueFindings), alert: st.overdueFindings > 0, onTap: st.goTo(findings(FindingsOverdue))},
		stat{caption: "本周到期", value: strconv.Itoa(st.dueThisWeek), onTap: st.goTo(findings(FindingsDueThisWeek))},
		stat{caption: "待验收", value: strconv.Itoa(st.toReview), onTap: st.goTo(findings(FindingsToReview))},
		stat{caption: "本月督查", value: strconv.Itoa(st.inspections), onTap: st.goTo(Destination{Module: moduleInspections, Tab: tabInspections})},
	), "点击数字可打开对应的问题清单。本周到期：整改期限在今天至本周日之间（不含已逾期）尚未销号的问题。")
}

// welfareStats are the figures of 两堂一舍 on 工作台.
type welfareStats struct {
	facilities  []facilityMonth // every facility, in list order
	monthChecks int             // checks this month
	unchecked   int             // facilities not checked this month (SPEC §11 本月未完成的检查)
	open        int             // welfare items 已登记 or 办理中
	overdue     int             // of those, past their 计划完成日期
	survey      *data.Survey    // the latest satisfaction survey, nil when there is none
	span        data.Period     // the months of the 标化分 chart
	scores      []chartRow      // average 标化分 per facility checked during span
}

// facilityMonth is a facility with its checks of this month, by date.
type facilityMonth struct {
	facility data.Facility
	checks   []facilityCheck
}

type facilityCheck struct {
	date  data.Date
	score data.CheckScore
}

// welfareMonths is how many months (this one included) the 标化分 chart covers.
const welfareMonths = 6

// welfareSpan is the last welfareMonths calendar months up to the end of today's month.
func welfareSpan(today data.Date) data.Period {
	this := data.MonthPeriod(today.Year, today.Month)
	from := data.DateOf(this.From.Time().AddDate(0, 1-welfareMonths, 0))
	label := fmt.Sprintf("%d年%d月至%d年%d月", from.Year, from.Month, today.Year, today.Month)
	if from.Year == today.Year {
		label = fmt.Sprintf("%d年%d月至%d月", from.Year, from.Month, today.Month)
	}
	return data.Period{From: from, To: this.To, Label: label}
}

// addWelfare adds the figures of 两堂一舍: checks are those of welfareSpan (this month's among
// them), scored with th; open the welfare items not yet done or refused; surveys newest first (as
// the store lists them).
func (st *homeStats) addWelfare(facilities []data.Facility, checks []data.Check, th data.GradeThresholds,
	open []data.WelfareItem, surveys []data.Survey) {
	w := &st.welfare
	month := data.MonthPeriod(st.today.Year, st.today.Month)
	w.span = welfareSpan(st.today)
	type sum struct {
		total float64
		n     int
	}
	sums := map[int64]*sum{}
	thisMonth := map[int64][]facilityCheck{}
	for i := range checks {
		c := &checks[i]
		if !w.span.Contains(c.Date) {
			continue
		}
		sc := c.Score(th)
		if sc.Applicable > 0 {
			if sums[c.FacilityID] == nil {
				sums[c.FacilityID] = &sum{}
			}
			sums[c.FacilityID].total += sc.Standard
			sums[c.FacilityID].n++
		}
		if month.Contains(c.Date) {
			thisMonth[c.FacilityID] = append(thisMonth[c.FacilityID], facilityCheck{c.Date, sc})
			w.monthChecks++
		}
	}
	for _, f := range facilities {
		cs := thisMonth[f.ID]
		slices.SortStableFunc(cs, func(a, b facilityCheck) int { return a.date.Compare(b.date) })
		w.facilities = append(w.facilities, facilityMonth{facility: f, checks: cs})
		if len(cs) == 0 {
			w.unchecked++
		}
		if s := sums[f.ID]; s != nil {
			avg := math.Round(s.total/float64(s.n)*10) / 10
			w.scores = append(w.scores, chartRow{label: f.Name, values: []float64{avg},
				texts: []string{fmt.Sprintf("%.1f（%d次）", avg, s.n)}})
		}
	}
	w.open = len(open)
	for i := range open {
		if open[i].OverdueDays(st.today) > 0 {
			w.overdue++
		}
	}
	if len(surveys) > 0 {
		w.survey = &surveys[0]
	}
}

// cardWelfare is 两堂一舍: this month's checks by facility, the welfare items still open and the
// latest satisfaction rate.
func cardWelfare(st *homeStats) fyne.CanvasObject {
	w := &st.welfare
	checks := st.goTo(Destination{Module: moduleWelfare, Tab: tabChecks})
	items := st.goTo(Destination{Module: moduleWelfare, Tab: tabWelfareItems})
	tiles := statTiles(
		stat{caption: "本月检查", value: strconv.Itoa(w.monthChecks), onTap: checks},
		stat{caption: "未检查设施", value: strconv.Itoa(w.unchecked), onTap: checks},
		stat{caption: "在办实事", value: strconv.Itoa(w.open), onTap: items},
		stat{caption: "逾期实事", value: strconv.Itoa(w.overdue), alert: w.overdue > 0, onTap: items},
	)
	var rows []fyne.CanvasObject
	for _, fm := range w.facilities {
		name := widget.NewLabel(fm.facility.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		var results []fyne.CanvasObject
		for _, c := range fm.checks {
			l := widget.NewLabel(fmt.Sprintf("%d月%d日 %.1f分 %s", c.date.Month, c.date.Day, c.score.Standard, c.score.Grade))
			if c.score.Grade == data.GradeFail {
				l.Importance = widget.DangerImportance
			}
			results = append(results, l)
		}
		if len(results) == 0 {
			l := widget.NewLabel("本月未检查")
			l.Importance = widget.WarningImportance
			results = append(results, l)
		}
		rows = append(rows, widgets.OrderedBorder(nil, nil, nil, container.NewHBox(results...), name))
	}
	if len(rows) == 0 {
		rows = append(rows, hint("还没有登记设施。可在“两堂一舍”→“设施”中添加食堂、澡堂、宿舍等。"))
	}
	satisfaction := "还没有满意度调查。"
	if sv := w.survey; sv != nil {
		all := sv.Overall()
		satisfaction = fmt.Sprintf("最近满意率：%.1f%%（%s%s满意度调查，%d人次）", all.Rate()*100, sv.Period.Label, sv.Category, all.Total())
	}
	sat := widget.NewLabelWithStyle(satisfaction, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sat.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(append([]fyne.CanvasObject{tiles, widget.NewSeparator()}, append(rows, widget.NewSeparator(), sat)...)...)
	return card("两堂一舍", body, "本月各设施的检查结果（不合格标红）。点击数字可打开检查评分或办实事清单。")
}

// cardWelfareScores is the average 标化分 of each facility over the last months.
func cardWelfareScores(st *homeStats) fyne.CanvasObject {
	w := &st.welfare
	chart := newBarChart(false, fmt.Sprintf("%s没有检查记录。", w.span.Label), seriesScore)
	chart.full = 100
	chart.SetRows(w.scores)
	return card("设施标化分（近6个月）", chart,
		fmt.Sprintf("%s各设施检查的平均标化分（满分100），括号内为检查次数。", w.span.Label))
}

// seriesScore is the series of the 标化分 chart.
var seriesScore = chartSeries{"标化分", colorFound}

// cardFindingsByCategory is this month's findings by 问题类别, found and closed side by side.
func cardFindingsByCategory(st *homeStats) fyne.CanvasObject {
	chart := newBarChart(false, "本月还没有发现问题。", seriesFound, seriesClosed)
	chart.SetRows(statChartRows(st.month.ByCategory))
	m := st.month
	return card("本月问题（按类别）", chart,
		fmt.Sprintf("%s：发现 %d 项，其中已销号 %d 项。", m.Period.Label, m.New, m.NewClosed))
}

func cardMembers(st *homeStats) fyne.CanvasObject {
	note := ""
	if st.overdue > 0 {
		note = fmt.Sprintf("另有 %d 名预备党员预备期已满，尚未讨论转正", st.overdue)
	}
	return card("党员人数", statTiles(
		stat{caption: "合计", value: strconv.Itoa(len(st.members))},
		stat{caption: "正式党员", value: strconv.Itoa(st.full)},
		stat{caption: "预备党员", value: strconv.Itoa(st.probation)},
		stat{caption: "本月预备期满", value: strconv.Itoa(st.dueThisMonth)},
	), note)
}

func cardSpecial(st *homeStats) fyne.CanvasObject {
	tiles := []stat{
		{caption: "重点岗位", value: strconv.Itoa(st.keyPost)}, {caption: "督查队伍", value: strconv.Itoa(st.supervisors)},
		{caption: "失联党员", value: strconv.Itoa(st.lost)}, {caption: "流动党员", value: strconv.Itoa(st.floating)},
	}
	note := ""
	if st.suspended > 0 {
		note = fmt.Sprintf("停止党籍 %d 人", st.suspended)
	}
	return card("岗位与特殊情况", statTiles(tiles...), note)
}

func cardByGroup(st *homeStats) fyne.CanvasObject {
	return unitCountCard("按党小组", st, st.groups, func(g data.Group) (int64, string) { return g.ID, g.Name }, st.byGroup, "（未分党小组）")
}

func cardByTeam(st *homeStats) fyne.CanvasObject {
	return unitCountCard("按班组", st, st.teams, func(t data.Team) (int64, string) { return t.ID, t.Name }, st.byTeam, "（未分班组）")
}

// unitCountCard is a card of the members counted by unit (党小组 or 班组): a row a unit, in its
// order, then those in none (named none) when there are any.
func unitCountCard[U any](title string, st *homeStats, units []U, unit func(U) (int64, string), counts map[int64]int, none string) fyne.CanvasObject {
	var rows []countRow
	for _, u := range units {
		id, name := unit(u)
		rows = append(rows, countRow{name, counts[id]})
	}
	if n := counts[0]; n > 0 {
		rows = append(rows, countRow{none, n})
	}
	return card(title, countList(rows, len(st.members)), "")
}

// HomeScreen is 工作台: the branch at a glance.
type HomeScreen struct {
	env     *Env
	title   *widget.Label
	cards   *fyne.Container
	todos   *fyne.Container // 本月待办, over the cards
	content fyne.CanvasObject
}

// NewHomeScreen builds 工作台 and loads its figures.
func NewHomeScreen(env *Env) *HomeScreen {
	h := &HomeScreen{env: env}
	h.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.cards = container.NewGridWithColumns(2)
	h.todos = container.NewStack()
	h.content = container.NewVScroll(container.NewPadded(container.NewVBox(h.title, h.todos, h.cards)))
	h.Reload()
	return h
}

// Content implements Screen.
func (h *HomeScreen) Content() fyne.CanvasObject { return h.content }

// Reload recomputes the figures.
func (h *HomeScreen) Reload() {
	ctx := context.Background()
	today := h.env.Today()
	if isConsolidated(h.env.Store) {
		h.reloadCommittee(ctx, today)
		return
	}
	st := data.ReadOnce(h.env.Store) // the cards share the roster and the year's activities
	month := data.MonthPeriod(today.Year, today.Month)
	var (
		b                   data.Branch
		ms                  []data.Member
		groups              []data.Group
		teams               []data.Team
		open, monthFindings []data.Finding
		inspections         []data.Inspection
		categories          []string
		facilities          []data.Facility
		checks              []data.Check
		th                  data.GradeThresholds
		openItems           []data.WelfareItem
		surveys             []data.Survey
		recruits            []data.Recruit
		dues                duesHome
		talkRules           []data.TalkRule
		talks               []data.Talk
		terms               []data.CommitteeTerm
		orgDue              []data.DueItem
		todos               []data.Todo
	)
	span := welfareSpan(today)
	loads := []func() error{
		func() (err error) {
			if b, err = st.Branch(ctx); data.ErrorCode(err) == data.ENotFound {
				err = nil
			}
			return err
		},
		func() (err error) { ms, err = st.Members(ctx, data.MemberFilter{}); return err },
		func() (err error) { groups, err = st.Groups(ctx); return err },
		func() (err error) { teams, err = st.Teams(ctx); return err },
		func() (err error) {
			open, err = st.Findings(ctx, data.FindingFilter{States: []string{data.StatePending, data.StateFixing, data.StateReview}})
			return err
		},
		func() (err error) {
			monthFindings, err = st.Findings(ctx, data.FindingFilter{From: month.From, To: month.To})
			return err
		},
		func() (err error) {
			inspections, err = st.Inspections(ctx, data.InspectionFilter{From: month.From, To: month.To})
			return err
		},
		func() (err error) { categories, err = st.Options(ctx, data.ListFindingCategories); return err },
		func() (err error) { facilities, err = st.Facilities(ctx, ""); return err },
		func() (err error) {
			checks, err = st.Checks(ctx, data.CheckFilter{From: span.From, To: span.To})
			return err
		},
		func() (err error) { th, err = st.GradeThresholds(ctx); return err },
		func() (err error) {
			openItems, err = st.WelfareItems(ctx, data.WelfareFilter{States: []string{data.WelfareRegistered, data.WelfareHandling}})
			return err
		},
		func() (err error) { surveys, err = st.Surveys(ctx, data.SurveyFilter{}); return err },
		func() (err error) { recruits, err = st.Recruits(ctx); return err },
		func() (err error) { dues, err = loadDuesHome(ctx, st, today); return err },
		func() (err error) { talkRules, err = st.TalkRules(ctx); return err },
		func() (err error) {
			talks, err = st.Talks(ctx, data.TalkFilter{From: data.YearPeriod(today.Year).From, To: today})
			return err
		},
		func() (err error) { terms, err = st.Terms(ctx); return err },
		func() (err error) { orgDue, err = loadOrgLifeDue(ctx, st, today); return err },
		func() (err error) { todos, err = data.LoadTodos(ctx, st, today); return err },
	}
	for _, load := range loads {
		if err := load(); err != nil {
			ShowError(h.env.Win, err)
			return
		}
	}
	hs := computeHomeStats(b, ms, groups, teams, today)
	hs.addFindings(open, monthFindings, inspections, categories)
	hs.addWelfare(facilities, checks, th, openItems, surveys)
	hs.addRecruits(recruits)
	hs.dues = dues
	hs.addTalks(talkRules, talks, terms)
	hs.orgLife = orgDue
	hs.todos = todos
	hs.navigate = h.env.Navigate
	name := b.Name
	if name == "" {
		name = "本支部"
	}
	h.title.SetText(name + " · " + dayText(today))
	// Two columns filled alternately, each as tall as its own cards.
	cols := []*fyne.Container{container.NewVBox(), container.NewVBox()}
	for i, c := range homeCards {
		cols[i%2].Add(c(hs))
	}
	h.cards.Objects = []fyne.CanvasObject{cols[0], cols[1]}
	h.cards.Refresh()
	// 本月待办 spans both columns, over the cards: it is what the day's work starts from.
	h.todos.Objects = []fyne.CanvasObject{cardTodos(hs)}
	h.todos.Refresh()
}

// reloadCommittee shows the 工作台 of a 汇总库 (home_committee.go) in place of the branch's cards.
func (h *HomeScreen) reloadCommittee(ctx context.Context, today data.Date) {
	ch, err := loadCommitteeHome(ctx, h.env.Store, today)
	if err != nil {
		ShowError(h.env.Win, err)
		return
	}
	h.title.SetText(ch.title())
	h.todos.Objects = []fyne.CanvasObject{ch.cards(h.env.Navigate)}
	h.todos.Refresh()
	h.cards.Objects = nil
	h.cards.Refresh()
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// dayText is day as the 工作台 and 日清 head their pages: 2026年12月5日 星期六.
func dayText(day data.Date) string { return day.Chinese() + " " + weekdayNames[day.Time().Weekday()] }

// card is a titled box of 工作台 with an optional note under its content.
func card(title string, content fyne.CanvasObject, note string) fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
			SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}}),
		content,
	}
	if note != "" {
		objs = append(objs, hint(note))
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius) * 2
	return container.NewPadded(container.NewStack(bg, container.NewPadded(container.NewVBox(objs...))))
}

// hint is a wrapped line of secondary explanation: smaller text, but dark enough to read on a
// card's grey (LowImportance grey is not).
func hint(text string) *widget.Label {
	l := widgets.Note(text)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

type countRow struct {
	name  string
	count int
}

// countList shows names with their counts and a bar of their share of total.
func countList(rows []countRow, total int) fyne.CanvasObject {
	if len(rows) == 0 {
		l := widget.NewLabel("尚未设置。可在“党员”→“党小组”“班组”中添加。")
		l.Importance = widget.LowImportance
		return l
	}
	objs := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		share := float32(0)
		if total > 0 {
			share = float32(r.count) / float32(total)
		}
		name := widget.NewLabel(r.name)
		name.Truncation = fyne.TextTruncateClip
		n := widget.NewLabelWithStyle(fmt.Sprintf("%d 人", r.count), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		objs = append(objs, widgets.OrderedBorder(nil, nil, nil, n, container.NewGridWithColumns(2, name, shareBar(share))))
	}
	return container.NewVBox(objs...)
}

// shareBar is a thin horizontal bar filled to share (0–1).
func shareBar(share float32) fyne.CanvasObject {
	track := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	fill := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	track.CornerRadius, fill.CornerRadius = 3, 3
	return container.New(barLayout{share}, track, fill)
}

type barLayout struct{ share float32 }

func (b barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	const h = 8
	y := (size.Height - h) / 2
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[0].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(size.Width*b.share, h))
	objs[1].Move(fyne.NewPos(0, y))
}

func (barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 8) }
