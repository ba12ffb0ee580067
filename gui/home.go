package gui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
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

// homeCards are the cards of 工作台, in order. A new card is one more line: a function from the
// figures to a widget (use card, statTiles and countList).
var homeCards = []func(st *homeStats) fyne.CanvasObject{
	cardMembers,
	cardSpecial,
	cardByGroup,
	cardByTeam,
}

func cardMembers(st *homeStats) fyne.CanvasObject {
	note := ""
	if st.overdue > 0 {
		note = fmt.Sprintf("另有 %d 名预备党员预备期已满，尚未讨论转正", st.overdue)
	}
	return card("党员人数", statTiles(
		stat{"合计", len(st.members)},
		stat{"正式党员", st.full},
		stat{"预备党员", st.probation},
		stat{"本月预备期满", st.dueThisMonth},
	), note)
}

func cardSpecial(st *homeStats) fyne.CanvasObject {
	tiles := []stat{{"重点岗位", st.keyPost}, {"督查队伍", st.supervisors}, {"失联党员", st.lost}, {"流动党员", st.floating}}
	note := ""
	if st.suspended > 0 {
		note = fmt.Sprintf("停止党籍 %d 人", st.suspended)
	}
	return card("岗位与特殊情况", statTiles(tiles...), note)
}

func cardByGroup(st *homeStats) fyne.CanvasObject {
	var rows []countRow
	for _, g := range st.groups {
		rows = append(rows, countRow{g.Name, st.byGroup[g.ID]})
	}
	if n := st.byGroup[0]; n > 0 {
		rows = append(rows, countRow{"（未分党小组）", n})
	}
	return card("按党小组", countList(rows, len(st.members)), "")
}

func cardByTeam(st *homeStats) fyne.CanvasObject {
	var rows []countRow
	for _, t := range st.teams {
		rows = append(rows, countRow{t.Name, st.byTeam[t.ID]})
	}
	if n := st.byTeam[0]; n > 0 {
		rows = append(rows, countRow{"（未分班组）", n})
	}
	return card("按班组", countList(rows, len(st.members)), "")
}

// HomeScreen is 工作台: the branch at a glance.
type HomeScreen struct {
	env     *Env
	title   *widget.Label
	cards   *fyne.Container
	content fyne.CanvasObject
}

// NewHomeScreen builds 工作台 and loads its figures.
func NewHomeScreen(env *Env) *HomeScreen {
	h := &HomeScreen{env: env}
	h.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.cards = container.NewGridWithColumns(2)
	h.content = container.NewVScroll(container.NewPadded(container.NewVBox(h.title, h.cards)))
	h.Reload()
	return h
}

// Content implements Screen.
func (h *HomeScreen) Content() fyne.CanvasObject { return h.content }

// Reload recomputes the figures.
func (h *HomeScreen) Reload() {
	ctx := context.Background()
	b, err := h.env.Store.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		ShowError(h.env.Win, err)
		return
	}
	ms, err := h.env.Store.Members(ctx, data.MemberFilter{})
	var groups []data.Group
	var teams []data.Team
	if err == nil {
		groups, err = h.env.Store.Groups(ctx)
	}
	if err == nil {
		teams, err = h.env.Store.Teams(ctx)
	}
	if err != nil {
		ShowError(h.env.Win, err)
		return
	}
	today := h.env.Today()
	st := computeHomeStats(b, ms, groups, teams, today)
	name := b.Name
	if name == "" {
		name = "本支部"
	}
	h.title.SetText(fmt.Sprintf("%s · %s %s", name, today.Chinese(), weekdayNames[today.Time().Weekday()]))
	// Two columns filled alternately, each as tall as its own cards.
	cols := []*fyne.Container{container.NewVBox(), container.NewVBox()}
	for i, c := range homeCards {
		cols[i%2].Add(c(st))
	}
	h.cards.Objects = []fyne.CanvasObject{cols[0], cols[1]}
	h.cards.Refresh()
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// card is a titled box of 工作台 with an optional note under its content.
func card(title string, content fyne.CanvasObject, note string) fyne.CanvasObject {
	objs := []fyne.CanvasObject{
		widget.NewRichText(&widget.TextSegment{Text: title, Style: widget.RichTextStyle{
			SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}}),
		content,
	}
	if note != "" {
		l := widget.NewLabel(note)
		l.Importance = widget.LowImportance
		l.Wrapping = fyne.TextWrapWord
		objs = append(objs, l)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameSelectionRadius) * 2
	return container.NewPadded(container.NewStack(bg, container.NewPadded(container.NewVBox(objs...))))
}

type stat struct {
	caption string
	value   int
}

// statTiles shows figures as big red numbers over their captions, side by side.
func statTiles(stats ...stat) fyne.CanvasObject {
	tiles := make([]fyne.CanvasObject, len(stats))
	for i, s := range stats {
		num := canvas.NewText(strconv.Itoa(s.value), theme.Color(theme.ColorNamePrimary))
		num.TextSize = theme.TextHeadingSize() * 1.4
		num.TextStyle.Bold = true
		num.Alignment = fyne.TextAlignCenter
		tiles[i] = container.NewVBox(num, widget.NewLabelWithStyle(s.caption, fyne.TextAlignCenter, fyne.TextStyle{}))
	}
	return container.NewGridWithColumns(len(tiles), tiles...)
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
		objs = append(objs, orderedBorder(nil, nil, nil, n, container.NewGridWithColumns(2, name, shareBar(share))))
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
