package gui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
)

// Filter choices of the member list.
const (
	sortByPinyin    = "按姓名拼音"
	sortByGroup     = "按党小组、班组"
	allGroups       = "全部党小组"
	allTeams        = "全部班组"
	allCategories   = "全部类别"
	listColumnCount = 6
)

// memberColumns are the list's columns and their relative widths.
var memberColumns = []struct {
	title  string
	weight float32
}{{"姓名", 1.2}, {"性别", 0.7}, {"党小组", 1.5}, {"班组", 1.5}, {"人员类别", 1.1}, {"手机号", 1.55}}

// MembersScreen is 党员名单: the member list (search, filters, count) on the left and the member
// form on the right. Every member of the file is kept in memory, so searching and filtering 10,000
// members never waits for the data file.
type MembersScreen struct {
	env *Env
	// OnExport, when set, is called by the 导出花名册 button (the main window opens 报表).
	OnExport func()

	listPane[data.Member] // all: every member, also those who left, in pinyin order of names

	rows      [][listColumnCount]string
	groupRank []int // position of each member in 党小组/班组 order
	index     *data.MemberIndex
	groups    []data.Group
	teams     []data.Team

	search      *Entry
	groupSel    *widget.Select
	teamSel     *widget.Select
	categorySel *widget.Select
	keyPostOnly *widget.Check
	supOnly     *widget.Check
	includeLeft *widget.Check
	sortSel     *widget.Select
	count       *widget.Label

	form      *MemberForm
	right     *fyne.Container // the form with its title, status line and buttons
	formTitle *widget.Label
	status    *widget.Label
	deleteBtn *widget.Button
	exportBtn *widget.Button

	content fyne.CanvasObject
}

// NewMembersScreen builds the screen and loads the members.
func NewMembersScreen(env *Env) *MembersScreen {
	s := &MembersScreen{env: env}
	s.search = NewEntry()
	s.search.SetPlaceHolder("搜索：姓名、拼音首字母（如 zs）、身份证号或手机号")
	s.search.OnChanged = func(string) { s.refilter() }
	s.search.OnSubmitted = func(string) { // Enter opens the first match
		if len(s.visible) > 0 {
			s.list.Select(0)
		}
	}
	s.search.ActionItem = newIconButton(theme.SearchIcon(), func() { s.FocusSearch() })

	onFilter := func(string) { s.refilter() }
	s.groupSel = NewSelect(nil, onFilter)
	s.teamSel = NewSelect(nil, onFilter)
	s.categorySel = NewSelect(append([]string{allCategories}, data.Categories...), onFilter)
	s.categorySel.SetSelectedIndex(0)
	onCheck := func(bool) { s.refilter() }
	s.keyPostOnly = widget.NewCheck("重点岗位", onCheck)
	s.supOnly = widget.NewCheck("督查队伍", onCheck)
	s.includeLeft = widget.NewCheck("含已离册", onCheck)
	s.sortSel = NewSelect([]string{sortByPinyin, sortByGroup}, onFilter)
	s.sortSel.SetSelectedIndex(0)
	s.count = widget.NewLabel("")

	s.listPane.init(env, listSpec[data.Member]{
		ID:     func(m *data.Member) int64 { return m.ID },
		NewRow: func() fyne.CanvasObject { return newMemberRow(false) },
		SetRow: func(o fyne.CanvasObject, i int) { setMemberRow(o, &s.rows[i]) },
		Dirty:  func() bool { return s.form.Dirty() },
		What: func() string {
			who := strings.TrimSpace(s.form.name.Text)
			if who == "" {
				who = "新党员"
			}
			return "“" + who + "”"
		},
		Show:   func(m data.Member) { s.showForm(m, true) },
		Unhide: s.unhide,
	})

	s.form = NewMemberForm(env.Today)
	s.form.OnSubmit = s.Save
	s.form.OnChanged = func() { s.setStatus("", false) }
	s.formTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.formTitle.SizeName = theme.SizeNameSubHeadingText
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()

	newBtn := widget.NewButtonWithIcon("新建", theme.ContentAddIcon(), s.New)
	importBtn := widget.NewButtonWithIcon("导入花名册", theme.DownloadIcon(), s.importRoster)
	s.exportBtn = widget.NewButtonWithIcon("导出花名册", theme.UploadIcon(), func() {
		if s.OnExport != nil {
			s.OnExport()
			return
		}
		dialog.ShowInformation("导出花名册", "请在左侧“报表”中选择“党员花名册”导出。", s.env.Win)
	})
	saveBtn := widget.NewButtonWithIcon("保存", theme.DocumentSaveIcon(), s.Save)
	saveBtn.Importance = widget.HighImportance
	s.deleteBtn = widget.NewButtonWithIcon("删除", theme.DeleteIcon(), s.deleteMember)

	filters := container.NewVBox(
		orderedBorder(nil, nil, container.NewHBox(newBtn, importBtn, s.exportBtn), s.count, nil),
		s.search,
		container.NewGridWithColumns(3, s.groupSel, s.teamSel, s.categorySel),
		orderedBorder(nil, nil, container.NewHBox(s.keyPostOnly, s.supOnly, s.includeLeft),
			container.NewGridWrap(fyne.NewSize(170, s.sortSel.MinSize().Height), s.sortSel), nil),
		newMemberRow(true),
	)
	left := orderedBorder(filters, nil, nil, nil, s.list)

	formScroll := container.NewVScroll(container.NewPadded(s.form.Content()))
	buttons := orderedBorder(nil, nil, s.deleteBtn, saveBtn, nil)
	s.right = orderedBorder(container.NewVBox(s.formTitle, s.status), buttons, nil, nil, formScroll)

	split := container.NewHSplit(left, s.right)
	split.Offset = 0.47
	s.content = split
	s.showForm(data.Member{}, false)
	s.Reload()
	return s
}

// Content implements Screen.
func (s *MembersScreen) Content() fyne.CanvasObject { return s.content }

// Reload re-reads members, groups, teams and key posts; the form keeps what is being typed.
func (s *MembersScreen) Reload() {
	ctx := context.Background()
	all, err := s.env.Store.Members(ctx, data.MemberFilter{IncludeLeft: true})
	var groups []data.Group
	var teams []data.Team
	if err == nil {
		groups, err = s.env.Store.Groups(ctx)
	}
	if err == nil {
		teams, err = s.env.Store.Teams(ctx)
	}
	var posts []string
	if err == nil {
		posts, err = s.env.Store.KeyPosts(ctx)
	}
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	s.groups, s.teams = groups, teams // the store lists them in name order
	s.setMembers(all)
	s.form.SetOrg(s.groups, s.teams, posts)

	keepSel := func(sel *widget.Select, first, none string, names []string) {
		was := sel.Selected
		sel.OnChanged, sel.Options = nil, append([]string{first, none}, names...)
		if !slices.Contains(sel.Options, was) {
			was = first
		}
		sel.SetSelected(was)
		sel.OnChanged = func(string) { s.refilter() }
	}
	gnames := make([]string, len(s.groups))
	for i, g := range s.groups {
		gnames[i] = g.Name
	}
	tnames := make([]string, len(s.teams))
	for i, t := range s.teams {
		tnames[i] = t.Name
	}
	keepSel(s.groupSel, allGroups, optNoGroup, gnames)
	keepSel(s.teamSel, allTeams, optNoTeam, tnames)
	s.refilter()
}

// setMembers sorts the members by the pinyin of their names and precomputes the list's texts,
// the 党小组/班组 order and the search index.
func (s *MembersScreen) setMembers(all []data.Member) {
	gname := make(map[int64]string, len(s.groups))
	for _, g := range s.groups {
		gname[g.ID] = g.Name
	}
	tname := make(map[int64]string, len(s.teams))
	for _, t := range s.teams {
		tname[t.ID] = t.Name
	}
	s.all = slices.Clone(all)
	data.SortMembersByName(s.all)
	s.rows = make([][listColumnCount]string, len(s.all))
	for i, m := range s.all {
		name := m.Name
		if m.RollStatus != data.RollIn {
			name += "（" + m.RollStatus + "）"
		}
		s.rows[i] = [listColumnCount]string{name, m.Sex, gname[m.GroupID], tname[m.TeamID], m.Category, m.Mobile}
	}
	// 党小组/班组 order is the roster's: data.SortMembers, members without a group or team last.
	byGroup := slices.Clone(s.all)
	data.SortMembers(byGroup, s.groups, s.teams)
	rank := make(map[int64]int, len(byGroup))
	for i, m := range byGroup {
		rank[m.ID] = i
	}
	s.groupRank = make([]int, len(s.all))
	for i, m := range s.all {
		s.groupRank[i] = rank[m.ID]
	}
	s.index = data.NewMemberIndex(s.all)
}

// refilter recomputes the listed members from the search text, the filters and the order.
func (s *MembersScreen) refilter() {
	if s.index == nil {
		return
	}
	hits := s.index.Search(s.search.Text)
	gid := orgFilter(s.groupSel, len(s.groups), func(i int) int64 { return s.groups[i].ID })
	tid := orgFilter(s.teamSel, len(s.teams), func(i int) int64 { return s.teams[i].ID })
	cat := ""
	if s.categorySel.SelectedIndex() > 0 {
		cat = s.categorySel.Selected
	}
	vis := hits[:0]
	for _, i := range hits {
		m := &s.all[i]
		switch {
		case !s.includeLeft.Checked && m.RollStatus != data.RollIn:
		case gid > 0 && m.GroupID != gid, gid < 0 && m.GroupID != 0:
		case tid > 0 && m.TeamID != tid, tid < 0 && m.TeamID != 0:
		case cat != "" && m.Category != cat:
		case s.keyPostOnly.Checked && m.KeyPost == "":
		case s.supOnly.Checked && !m.Supervisor:
		default:
			vis = append(vis, i)
		}
	}
	if s.sortSel.Selected == sortByGroup {
		slices.SortFunc(vis, func(a, b int) int { return s.groupRank[a] - s.groupRank[b] })
	}
	s.count.SetText(fmt.Sprintf("共 %d 人", len(vis)))
	s.setVisible(vis)
	s.list.ScrollToTop() // a new search shows its best matches, not the member in the form
}

// orgFilter reads a 党小组/班组 filter: 0 any, -1 none, else the ID.
func orgFilter(sel *widget.Select, n int, id func(int) int64) int64 {
	switch i := sel.SelectedIndex(); {
	case i == 1:
		return -1
	case i >= 2 && i-2 < n:
		return id(i - 2)
	}
	return 0
}

// showForm puts m into the form (a zero m: a new member).
func (s *MembersScreen) showForm(m data.Member, saved bool) {
	if m.ID == 0 {
		s.form.Clear()
		s.formTitle.SetText("新党员")
	} else {
		s.form.Set(m)
		s.formTitle.SetText(m.Name)
	}
	s.selected = m.ID
	if s.deleteBtn != nil {
		if m.ID == 0 {
			s.deleteBtn.Disable()
		} else {
			s.deleteBtn.Enable()
		}
	}
	if !saved {
		s.setStatus("", false)
	}
	s.syncSelection()
}

// setStatus shows a line above the form: an error list in red or a short confirmation.
func (s *MembersScreen) setStatus(msg string, isErr bool) {
	if msg == s.status.Text && msg != "" == s.status.Visible() {
		return
	}
	s.status.Importance = widget.SuccessImportance
	if isErr {
		s.status.Importance = widget.DangerImportance
	}
	s.status.SetText(msg)
	if msg == "" {
		s.status.Hide()
	} else {
		s.status.Show()
	}
	if s.right != nil {
		s.right.Refresh() // the status line changes the height of the form's header
	}
}

// Select shows member id in the form and selects it in the list (clearing filters that hide it);
// unsaved changes are asked about first.
func (s *MembersScreen) Select(id int64) {
	s.open(id, func(m data.Member) {
		s.reveal(id)
		s.showForm(m, false)
	})
}

// New clears the form for a new member (Ctrl+N).
func (s *MembersScreen) New() {
	s.confirmDiscard(func() {
		s.showForm(data.Member{}, false)
		s.form.FocusFirst()
	}, nil)
}

// Save checks and saves the form (Ctrl+S, the 保存 button, Enter in 备注). Problems are shown under
// their fields and nothing is saved; after saving, the list shows and selects the member.
func (s *MembersScreen) Save() {
	m, fe, unplaced := s.form.Check()
	if len(fe) > 0 {
		s.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明。%s", len(fe), strings.Join(unplaced, "；")), true)
		return
	}
	ctx := context.Background()
	var err error
	if m.ID == 0 {
		err = s.env.Store.CreateMember(ctx, &m)
	} else {
		err = s.env.Store.UpdateMember(ctx, &m)
	}
	var ferr data.FieldErrors
	switch {
	case errors.As(err, &ferr):
		unplaced := s.form.ShowErrors(ferr)
		s.setStatus(fmt.Sprintf("有 %d 处需要修改，请看标红的说明。%s", len(ferr), strings.Join(unplaced, "；")), true)
		return
	case err != nil:
		ShowError(s.env.Win, err)
		return
	}
	if saved, err := s.env.Store.Member(ctx, m.ID); err == nil {
		m = saved
	}
	s.selected = m.ID
	s.Reload()
	s.reveal(m.ID)
	s.showForm(m, true)
	s.setStatus(fmt.Sprintf("已保存“%s”（%s）", m.Name, time.Now().Format("15:04:05")), false)
	if s.env.Changed != nil {
		s.env.Changed()
	}
}

// unhide clears the search and filters that hide member id (each change refilters).
func (s *MembersScreen) unhide(id int64) {
	s.search.SetText("")
	s.groupSel.SetSelectedIndex(0)
	s.teamSel.SetSelectedIndex(0)
	s.categorySel.SetSelectedIndex(0)
	s.keyPostOnly.SetChecked(false)
	s.supOnly.SetChecked(false)
	if m, ok := s.byID(id); ok && m.RollStatus != data.RollIn {
		s.includeLeft.SetChecked(true)
	}
}

// deleteMember removes the member shown, after a confirmation that explains 在册状态.
func (s *MembersScreen) deleteMember() {
	m := s.form.Loaded()
	if m.ID == 0 {
		return
	}
	msg := fmt.Sprintf("确定要删除党员“%s”（身份证号 %s）吗？\n\n"+
		"删除只用于纠正录错的记录。党员转出、去世或出党时，请不要删除，\n"+
		"而是把“在册状态”改为转出、去世或出党并填写日期：这样历史记录都会保留。\n\n删除的党员会移入“回收站”，可在“数据与设置”中恢复。", m.Name, m.IDNumber)
	ShowConfirm(s.env.Win, "删除党员", msg, "删除", func() {
		if err := s.env.Store.DeleteMember(context.Background(), m.ID); err != nil {
			ShowError(s.env.Win, err)
			return
		}
		s.showForm(data.Member{}, false)
		s.Reload()
		s.setStatus(fmt.Sprintf("已删除“%s”", m.Name), false)
		if s.env.Changed != nil {
			s.env.Changed()
		}
	})
}

func (s *MembersScreen) importRoster() {
	ShowImportDialog(s.env, s.Reload) // the dialog calls env.Changed itself
}

// FocusSearch puts the cursor into the search box with its text selected (Ctrl+F).
func (s *MembersScreen) FocusSearch() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.search); c != nil {
		c.Focus(s.search)
		s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// memberRow lays out the list's columns by their weights, so header and rows line up.
type memberRow struct{}

func (memberRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := float32(0)
	for _, c := range memberColumns {
		total += c.weight
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width * memberColumns[i].weight / total
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w
	}
}

func (memberRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objs))*36, h)
}

func newMemberRow(header bool) fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, listColumnCount)
	for i := range objs {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateClip // not Ellipsis: it shapes with a fresh HarfBuzz font each time, slow with a CJK font
		if header {
			l.SetText(memberColumns[i].title)
			l.TextStyle.Bold = true
		}
		objs[i] = l
	}
	return container.New(memberRow{}, objs...)
}

func setMemberRow(o fyne.CanvasObject, texts *[listColumnCount]string) {
	for i, obj := range o.(*fyne.Container).Objects {
		if l := obj.(*widget.Label); l.Text != texts[i] {
			l.SetText(texts[i])
		}
	}
}
