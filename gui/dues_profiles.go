package gui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// duesBaseColumns are the base history list's columns.
var duesBaseColumns = widgets.Columns{{"姓名", 1, ""}, {"起始月份", 0, "2026-11"}, {"缴费类别", 0, "其他固定额"},
	{"计算基数", 0, "12345.67"}, {"比例", 0, "1.5%"}, {"月应缴", 0, "123.45"}}

// DuesProfilesScreen is 党费档案: every member's base history (a new base applies from its month;
// earlier months keep the old one), its form, the reductions and exemptions, and the payroll import.
type DuesProfilesScreen struct {
	recordScreen[data.DuesBase] // by member (roster order), newest base first
	rates                       data.DuesRates
	reliefs                     map[int64][]data.DuesRelief
	index                       *data.MemberIndex // the members, for the search
	indexIDs                    []int64
	hits                        map[int64]bool // members the search finds; nil: no search

	member   *memberPicker
	from     *widgets.Entry
	category *widget.Select
	base     *widgets.Entry
	fixed    *widgets.Entry
	remark   *widgets.Entry
	due      *widget.Label
	history  *widget.Label
}

// NewDuesProfilesScreen builds the screen and loads the base history.
func NewDuesProfilesScreen(env *Env) *DuesProfilesScreen {
	s := &DuesProfilesScreen{}
	importBtn := widget.NewButton("导入工资表", func() { ShowDuesImportDialog(env, s.Reload) })
	reliefBtn := widget.NewButton("登记减免", s.showRelief)
	s.initRecord(env, recordSpec[data.DuesBase]{
		Columns: duesBaseColumns,
		Cells:   s.cells,
		ID:      func(b *data.DuesBase) int64 { return b.ID },
		Load:    s.load,
		Search:  "按姓名或拼音首字母查找",
		Match:   func(_ int, b *data.DuesBase) bool { return s.hits == nil || s.hits[b.MemberID] },
		Prepare: s.prepare,
		Count:   "共 %d 条", NewLabel: "新增计算基数", What: "这条计算基数",
		Tools:    []fyne.CanvasObject{importBtn, reliefBtn},
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.read,
		Title:    func(b *data.DuesBase) string { return data.DuesLabel(b.MemberName, b.From) },
		NewTitle: "新计算基数",
		Focus:    func() { focus(s.member.entry) },
		Save:     env.Store.SaveDuesBase,
		Saved: func(b *data.DuesBase) string {
			return "已保存" + b.MemberName + "自" + b.From.Chinese() + "起的计算基数"
		},
		Delete: env.Store.DeleteDuesBase,
		Question: func(b *data.DuesBase) string {
			return fmt.Sprintf("确定要删除%s自%s起的计算基数吗？\n之后各月按此前的计算基数计算应缴。", b.MemberName, b.From.Chinese())
		},
		Entity:  data.EntDuesBase,
		Deleted: func(*data.DuesBase) string { return "已删除计算基数" },
	})
	fs := &s.fields
	s.member = newMemberPicker(env)
	s.member.OnChanged = func() { s.changed(data.FName) }
	s.from = s.entry(data.FDuesFrom, "如 2026-01：从该月起按此计算")
	s.category = widgets.NewSelect(data.DuesCategories, func(string) { s.changed(data.FDuesCategory); s.showDue() })
	s.base = s.entry(data.FDuesBase, "每月税后收入（元），如 6523.50")
	s.fixed = s.entry(data.FDuesFixed, "农民党员0.2至1元；其他固定额填每月金额")
	s.remark = s.entry(data.FRemark, "")
	s.due = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.history = widgets.Note("")
	form := container.NewVBox(
		widgets.Section("计算基数", 1, fs.Add(data.FName, true, s.member.Content()), fs.Add(data.FDuesFrom, true, s.from),
			fs.Add(data.FDuesCategory, true, s.category), fs.Add(data.FDuesBase, false, s.base),
			fs.Add(data.FDuesFixed, false, s.fixed), fs.Add(data.FRemark, false, s.remark)),
		s.due, widget.NewSeparator(), widgets.Heading("该党员的党费档案"), s.history)
	s.buildFrame(nil, form, 0.5)
	return s
}

func (s *DuesProfilesScreen) entry(label, placeholder string) *widgets.Entry {
	e := widgets.NewEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { s.changed(label); s.showDue() }
	e.OnSubmitted = func(string) { s.Save() }
	return e
}

// load reads the history (by member in roster order, newest first), the rates, the reliefs and the
// members to choose from.
func (s *DuesProfilesScreen) load(ctx context.Context) ([]data.DuesBase, error) {
	st := s.env.Store
	bases, err := st.DuesBases(ctx, 0)
	if err != nil {
		return nil, err
	}
	members, err := st.Members(ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return nil, err
	}
	if s.rates, err = st.DuesRates(ctx); err != nil {
		return nil, err
	}
	reliefs, err := st.DuesReliefs(ctx, 0)
	if err != nil {
		return nil, err
	}
	s.reliefs = map[int64][]data.DuesRelief{}
	for _, r := range reliefs {
		s.reliefs[r.MemberID] = append(s.reliefs[r.MemberID], r)
	}
	s.member.SetMembers(members)
	s.index, s.indexIDs = data.NewMemberIndex(members), make([]int64, len(members))
	for i, m := range members {
		s.indexIDs[i] = m.ID
	}
	pos := map[int64]int{}
	for i, m := range members {
		pos[m.ID] = i
	}
	sortByRoster(bases, pos)
	return bases, nil
}

// sortByRoster orders base entries by their member's place in the roster, newest month first.
func sortByRoster(bs []data.DuesBase, pos map[int64]int) {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && lessBase(&bs[j], &bs[j-1], pos); j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
}

func lessBase(a, b *data.DuesBase, pos map[int64]int) bool {
	if pa, pb := pos[a.MemberID], pos[b.MemberID]; pa != pb {
		return pa < pb
	}
	return a.From.Index() > b.From.Index()
}

// prepare reads the search into the members it finds.
func (s *DuesProfilesScreen) prepare() {
	s.hits = nil
	if q := strings.TrimSpace(s.search.Text); q != "" && s.index != nil {
		s.hits = map[int64]bool{}
		for _, i := range s.index.Search(q) {
			s.hits[s.indexIDs[i]] = true
		}
	}
}

func (s *DuesProfilesScreen) cells(b *data.DuesBase) ([]string, map[int]widget.Importance) {
	rate, due := s.rates.Due(b)
	base, rateText := "", ""
	if data.DuesByRate(b.Category) {
		base, rateText = data.FormatYuan(b.Base), data.RateText(rate)
	}
	return []string{b.MemberName, b.From.String(), b.Category, base, rateText, data.FormatYuan(due)}, nil
}

func (s *DuesProfilesScreen) blank() data.DuesBase {
	return data.DuesBase{From: data.MonthOf(s.env.Today()), Category: data.DuesWorking}
}

func (s *DuesProfilesScreen) toForm(b data.DuesBase) {
	s.member.SetSelected(b.MemberID)
	s.from.SetText(b.From.String())
	s.category.SetSelected(b.Category)
	s.base.SetText(yuanText(b.Base))
	s.fixed.SetText(yuanText(b.Fixed))
	s.remark.SetText(b.Remark)
	s.showDue()
	s.showHistory(b.MemberID)
}

// yuanText is fen as typed in a form ("" for 0).
func yuanText(fen int64) string {
	if fen == 0 {
		return ""
	}
	return data.FormatYuan(fen)
}

// read reads the form over the entry loaded.
func (s *DuesProfilesScreen) read() (data.DuesBase, error) {
	b := s.loaded
	var fe data.FieldErrors
	b.MemberID = s.member.Selected()
	b.Category, b.Remark = s.category.Selected, s.remark.Text
	m, err := data.ParseMonth(s.from.Text)
	if err != nil {
		fe = append(fe, data.FieldError{Field: data.FDuesFrom, Message: data.ErrorMessage(err)})
	}
	b.From = m
	amount := func(label string, e *widgets.Entry) int64 {
		if strings.TrimSpace(e.Text) == "" {
			return 0
		}
		fen, err := data.ParseYuan(e.Text)
		if err != nil {
			fe = append(fe, data.FieldError{Field: label, Message: data.ErrorMessage(err)})
		}
		return fen
	}
	b.Base, b.Fixed = amount(data.FDuesBase, s.base), amount(data.FDuesFixed, s.fixed)
	if fe != nil {
		return b, mergeErrors(fe, data.ValidateDuesBase(&b, s.rates))
	}
	return b, nil
}

// showDue shows the rate and 月应缴 of what the form says.
func (s *DuesProfilesScreen) showDue() {
	if s.due == nil {
		return
	}
	b, err := s.read()
	if err != nil || b.Category == "" {
		s.due.SetText("")
		return
	}
	rate, due := s.rates.Due(&b)
	text := "月应缴 " + data.FormatYuan(due) + " 元"
	if data.DuesByRate(b.Category) {
		text = fmt.Sprintf("比例 %s，%s", data.RateText(rate), text)
	}
	s.due.SetText(text)
}

// showHistory lists the member's bases and reliefs under the form.
func (s *DuesProfilesScreen) showHistory(memberID int64) {
	var lines []string
	for _, b := range s.all {
		if b.MemberID == memberID && memberID != 0 {
			_, due := s.rates.Due(&b)
			lines = append(lines, fmt.Sprintf("自%s起：%s，计算基数 %s 元，月应缴 %s 元", b.From.Chinese(), b.Category, data.FormatYuan(b.Base), data.FormatYuan(due)))
		}
	}
	for _, r := range s.reliefs[memberID] {
		lines = append(lines, fmt.Sprintf("%s：%s至%s（%s，支委会%s同意，%s）", r.Kind, r.From.Chinese(), r.To.Chinese(), r.Reason,
			r.CommitteeDate, r.ApprovalNo))
	}
	if len(lines) == 0 {
		lines = []string{"还没有计算基数。新党员或工资变动时在此新增，也可从工资表导入。"}
	}
	s.history.SetText(strings.Join(lines, "\n"))
}

// showRelief records a reduction or exemption for the member in the form.
func (s *DuesProfilesScreen) showRelief() {
	picker := newMemberPicker(s.env)
	ms, err := s.env.Store.Members(context.Background(), data.MemberFilter{})
	if err != nil {
		ShowError(s.env.Win, err)
		return
	}
	picker.SetMembers(ms)
	picker.SetSelected(s.loaded.MemberID)
	kind := widgets.NewSelect([]string{data.ReliefReduce, data.ReliefExempt}, nil)
	kind.SetSelected(data.ReliefExempt)
	from, to, amount, approval, reason := widgets.NewEntry(), widgets.NewEntry(), widgets.NewEntry(), widgets.NewEntry(), widgets.NewEntry()
	this := data.MonthOf(s.env.Today())
	from.SetText(this.String())
	to.SetText(this.Add(2).String())
	amount.SetPlaceHolder("减交时填写减交后每月金额（元）")
	approval.SetPlaceHolder("如 矿党委组字〔2026〕8号")
	apply, committee := widgets.NewDateEntry(), widgets.NewDateEntry()
	apply.Today, committee.Today = s.env.Today, s.env.Today
	fd := newFlowDialog(s.env, "登记党费减免", "党员因生活困难等原因申请少交或免交党费，须经支部委员会研究同意，并报上级党委批准。", "登记",
		func(fs *widgets.Fields) fyne.CanvasObject {
			return widgets.Section("", 1, fs.Add(data.FName, true, picker.Content()), fs.Add(data.FDuesKind, true, kind),
				fs.Add(data.FDuesFrom, true, from), fs.Add(data.FDuesReliefTo, true, to), fs.Add(data.FDuesAmount, false, amount),
				fs.Add(data.FDuesApply, true, apply), fs.Add(data.FDuesCommittee, true, committee),
				fs.Add(data.FDuesApproval, true, approval), fs.Add(data.FDuesReason, false, reason))
		}, func() error {
			r := data.DuesRelief{MemberID: picker.Selected(), Kind: kind.Selected, ApprovalNo: approval.Text, Reason: reason.Text}
			var fe data.FieldErrors
			month := func(label string, e *widgets.Entry) data.Month {
				m, err := data.ParseMonth(e.Text)
				if err != nil {
					fe = append(fe, data.FieldError{Field: label, Message: data.ErrorMessage(err)})
				}
				return m
			}
			r.From, r.To = month(data.FDuesFrom, from), month(data.FDuesReliefTo, to)
			if strings.TrimSpace(amount.Text) != "" {
				fen, err := data.ParseYuan(amount.Text)
				if err != nil {
					fe = append(fe, data.FieldError{Field: data.FDuesAmount, Message: data.ErrorMessage(err)})
				}
				r.Amount = fen
			}
			r.ApplyDate = readDate(&fe, data.FDuesApply, apply)
			r.CommitteeDate = readDate(&fe, data.FDuesCommittee, committee)
			if fe != nil {
				return mergeErrors(fe, data.ValidateDuesRelief(&r))
			}
			if err := s.env.Store.SaveDuesRelief(context.Background(), &r); err != nil {
				return err
			}
			s.Reload()
			if s.env.Changed != nil {
				s.env.Changed()
			}
			return nil
		})
	fd.show(approval)
}
