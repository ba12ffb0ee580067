package gui

import (
	"context"
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
	"branchledger/gui/widgets"
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
var memberColumns = widgets.Columns{{"姓名", 1.2, ""}, {"性别", 0.7, ""}, {"党小组", 1.5, ""}, {"班组", 1.5, ""}, {"人员类别", 1.1, ""}, {"手机号", 1.55, ""}}

// MembersScreen is 党员名单: the member list (search, filters, count) on the left and the member
// form on the right. Every member of the file is kept in memory, so searching and filtering 10,000
// members never waits for the data file.
type MembersScreen struct {
	// OnExport, when set, is called by the 导出花名册 button (the main window opens 报表).
	OnExport func()

	recordScreen[data.Member] // all: every member, also those who left, in pinyin order of names

	rows      [][listColumnCount]string // the list's texts of all[i]
	rowIndex  map[int64]int             // index in all of each member ID
	groupRank []int                     // position of each member in 党小组/班组 order
	index     *data.MemberIndex
	groups    []data.Group
	teams     []data.Team

	groupSel    *widget.Select
	teamSel     *widget.Select
	categorySel *widget.Select
	keyPostOnly *widget.Check
	supOnly     *widget.Check
	includeLeft *widget.Check
	sortSel     *widget.Select

	form      *MemberForm
	exportBtn *widget.Button
}

// NewMembersScreen builds the screen and loads the members.
func NewMembersScreen(env *Env) *MembersScreen {
	s := &MembersScreen{}
	onFilter := func(string) { s.refilter() }
	s.groupSel = widgets.NewSelect(nil, onFilter)
	s.teamSel = widgets.NewSelect(nil, onFilter)
	s.categorySel = s.filterSelect(allCategories, data.Categories...)
	onCheck := func(bool) { s.refilter() }
	s.keyPostOnly = widget.NewCheck("重点岗位", onCheck)
	s.supOnly = widget.NewCheck("督查队伍", onCheck)
	s.includeLeft = widget.NewCheck("含已离册", onCheck)
	s.sortSel = widgets.NewSelect([]string{sortByPinyin, sortByGroup}, onFilter)
	s.sortSel.SetSelectedIndex(0)
	s.form = NewMemberForm(env.Today)
	s.form.OnSubmit = s.Save
	s.form.OnChanged = func() { s.frame.SetStatus("", false) }
	importBtn := widget.NewButtonWithIcon("导入花名册", theme.DownloadIcon(), s.importRoster)
	s.exportBtn = widget.NewButtonWithIcon("导出花名册", theme.UploadIcon(), func() {
		if s.OnExport != nil {
			s.OnExport()
			return
		}
		dialog.ShowInformation("导出花名册", "请在左侧“报表”中选择“党员花名册”导出。", s.env.Win)
	})
	s.initRecord(env, recordSpec[data.Member]{
		Columns: memberColumns,
		Cells: func(m *data.Member) ([]string, map[int]widget.Importance) {
			return s.rows[s.rowIndex[m.ID]][:], nil
		},
		ID:      func(m *data.Member) int64 { return m.ID },
		Load:    s.load,
		Visible: s.listed,
		Count:   "共 %d 人", NewLabel: "新建",
		Describe: func() string {
			who := strings.TrimSpace(s.form.name.Text)
			if who == "" {
				who = "新党员"
			}
			return "“" + who + "”"
		},
		Search: "搜索：姓名、拼音首字母（如 zs）、身份证号或手机号",
		Unhide: s.unhide,
		Tools:  []fyne.CanvasObject{importBtn, s.exportBtn},
		Blank:  func() data.Member { return data.Member{} },
		ToForm: func(m data.Member) {
			if m.ID == 0 {
				s.form.Clear()
			} else {
				s.form.Set(m)
			}
		},
		FromForm: func() (data.Member, error) {
			m, fe := s.form.check()
			if len(fe) > 0 {
				return m, fe
			}
			return m, nil
		},
		Title:    func(m *data.Member) string { return m.Name },
		NewTitle: "新党员",
		Focus:    s.form.FocusFirst,
		Save: func(ctx context.Context, m *data.Member) error {
			var err error
			if m.ID == 0 {
				err = env.Store.CreateMember(ctx, m)
			} else {
				err = env.Store.UpdateMember(ctx, m)
			}
			if err == nil {
				if saved, err := env.Store.Member(ctx, m.ID); err == nil {
					*m = saved
				}
			}
			return err
		},
		Saved: func(m *data.Member) string {
			return fmt.Sprintf("已保存“%s”（%s）", m.Name, time.Now().Format("15:04:05"))
		},
		Refused: func(n int) string { return fmt.Sprintf("有 %d 处需要修改，请看标红的说明。", n) },
		Delete:  env.Store.DeleteMember,
		Question: func(m *data.Member) string {
			return fmt.Sprintf("确定要删除党员“%s”（身份证号 %s）吗？\n\n"+
				"删除只用于纠正录错的记录。党员转出、去世或出党时，请不要删除，\n"+
				"而是把“在册状态”改为转出、去世或出党并填写日期：这样历史记录都会保留。\n\n删除的党员会移入“回收站”，可在“数据与设置”中恢复。", m.Name, m.IDNumber)
		},
		Entity:     data.EntMember,
		Deleted:    func(m *data.Member) string { return fmt.Sprintf("已删除“%s”", m.Name) },
		Dirty:      s.form.Dirty,
		ShowErrors: s.form.ShowErrors,
	})
	s.buildFrame([]fyne.CanvasObject{
		container.NewGridWithColumns(3, s.groupSel, s.teamSel, s.categorySel),
		widgets.OrderedBorder(nil, nil, container.NewHBox(s.keyPostOnly, s.supOnly, s.includeLeft),
			container.NewGridWrap(fyne.NewSize(170, s.sortSel.MinSize().Height), s.sortSel), nil),
	}, s.form.Content(), 0.47)
	return s
}

// load reads members, groups, teams and key posts; the form keeps what is being typed.
func (s *MembersScreen) load(ctx context.Context) ([]data.Member, error) {
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
		return nil, err
	}
	s.groups, s.teams = groups, teams // the store lists them in name order
	all = s.setMembers(all)
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
	return all, nil
}

// setMembers sorts the members by the pinyin of their names and precomputes the list's texts,
// the 党小组/班组 order and the search index; it returns them sorted.
func (s *MembersScreen) setMembers(all []data.Member) []data.Member {
	gname := make(map[int64]string, len(s.groups))
	for _, g := range s.groups {
		gname[g.ID] = g.Name
	}
	tname := make(map[int64]string, len(s.teams))
	for _, t := range s.teams {
		tname[t.ID] = t.Name
	}
	all = slices.Clone(all)
	data.SortMembersByName(all)
	s.rows = make([][listColumnCount]string, len(all))
	s.rowIndex = make(map[int64]int, len(all))
	for i, m := range all {
		s.rowIndex[m.ID] = i
		name := m.Name
		if m.RollStatus != data.RollIn {
			name += "（" + m.RollStatus + "）"
		}
		s.rows[i] = [listColumnCount]string{name, m.Sex, gname[m.GroupID], tname[m.TeamID], m.Category, m.Mobile}
	}
	// 党小组/班组 order is the roster's: data.SortMembers, members without a group or team last.
	byGroup := slices.Clone(all)
	data.SortMembers(byGroup, s.groups, s.teams)
	rank := make(map[int64]int, len(byGroup))
	for i, m := range byGroup {
		rank[m.ID] = i
	}
	s.groupRank = make([]int, len(all))
	for i, m := range all {
		s.groupRank[i] = rank[m.ID]
	}
	s.index = data.NewMemberIndex(all)
	return all
}

// listed are the members the search text and the filters list, in the order chosen.
func (s *MembersScreen) listed() []int {
	if s.index == nil {
		return nil
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
	return vis
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

func (s *MembersScreen) importRoster() {
	ShowImportDialog(s.env, s.Reload) // the dialog calls env.Changed itself
}

// FocusSearch puts the cursor into the search box with its text selected (Ctrl+F).
func (s *MembersScreen) FocusSearch() { s.focusSearch() }
