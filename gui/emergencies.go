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

// This file holds the 应急防控 screens (SPEC §12.4): the drills and events with the members who took
// part (党员突击队 marked) and the findings raised from them, and the supplies list with its flags.

// emergencyColumns are the records list's columns.
var emergencyColumns = widgets.Columns{{"日期", 0, "2026-11-23"}, {"类型", 0, "突发事件处置"}, {"事项", 2, ""}, {"参加党员", 1, ""}, {"问题", 0, "问题 99"}}

// EmergenciesScreen is 应急防控: the records, newest first, and the form of one.
type EmergenciesScreen struct {
	recordScreen[data.Emergency] // all: newest first

	kindSel *widget.Select

	people   *memberChoices
	kind     *widget.Select
	date     *widgets.DateEntry
	subject  *widgets.Entry
	place    *widgets.Entry
	members  *inspectorPicker // Lead marks the 突击队
	lead     *widgets.TextArea
	result   *widgets.TextArea
	findings *widget.Label
	raise    *widget.Button
	form     fyne.CanvasObject
}

// NewEmergenciesScreen builds the 应急防控 screen.
func NewEmergenciesScreen(env *Env) Screen { return newEmergenciesScreen(env) }

func newEmergenciesScreen(env *Env) *EmergenciesScreen {
	s := &EmergenciesScreen{people: newMemberChoices(nil, nil)}
	s.kindSel = s.filterSelect("全部类型", data.EmergencyKinds...)
	s.initRecord(env, recordSpec[data.Emergency]{
		Columns: emergencyColumns,
		Cells: func(e *data.Emergency) ([]string, map[int]widget.Importance) {
			found := ""
			if e.Findings > 0 {
				found = fmt.Sprintf("问题 %d", e.Findings)
			}
			return []string{e.Date.String(), e.Kind, e.Subject, e.MemberNames(), found}, nil
		},
		ID:     func(e *data.Emergency) int64 { return e.ID },
		Load:   s.load,
		Date:   func(e *data.Emergency) data.Date { return e.Date },
		Match:  s.match,
		Search: "搜索事项、地点或党员",
		Count:  "共 %d 次", NewLabel: "记录应急防控", What: "这条应急防控记录",
		Blank:    func() data.Emergency { return data.Emergency{Date: env.Today(), Kind: data.EmergencyKinds[0]} },
		ToForm:   s.toForm,
		FromForm: s.emergency,
		Title:    data.EmergencyLabel,
		NewTitle: "新应急防控记录",
		Focus:    func() { focus(s.subject) },
		Save:     env.Store.SaveEmergency,
		Delete:   env.Store.DeleteEmergency,
		Question: func(e *data.Emergency) string {
			q := fmt.Sprintf("确定要删除“%s”吗？", data.EmergencyLabel(e))
			if e.Findings > 0 {
				q += fmt.Sprintf("由它发现的 %d 个问题仍保留在问题整改中。", e.Findings)
			}
			return q
		},
		Entity: data.EntEmergency,
		Noun:   "应急防控记录",
	})

	fs := &s.fields
	s.kind = widgets.NewSelect(data.EmergencyKinds, func(string) { s.changed(data.FEmKind) })
	s.date = s.newDate(data.FEmDate, env.Today)
	s.subject = s.newEntry(data.FEmSubject, "如 井下避灾路线演练")
	s.place = s.newEntry(data.FEmPlace, "")
	s.members = newMarkPicker(data.FEmCommando, true, func() { s.changed(data.FEmMembers); s.relayout() })
	s.lead = s.newArea(data.FEmLead, 3, "")
	s.result = s.newArea(data.FEmResult, 3, "")
	s.findings = widgets.Note("")
	s.raise = widget.NewButtonWithIcon("发现问题…", theme.ContentAddIcon(), func() { s.raiseFinding() })
	fMembers, fLead, fResult := fs.Add(data.FEmMembers, false, s.members.Content()), fs.Add(data.FEmLead, false, s.lead), fs.Add(data.FEmResult, false, s.result)
	fMembers.Wide, fLead.Wide, fResult.Wide = true, true, true
	fFindings := fs.Add("问题", false, container.NewBorder(nil, nil, nil, s.raise, s.findings))
	fFindings.Wide = true
	s.form = widgets.NewSections(2).
		Add("应急防控", fs.Add(data.FEmKind, true, s.kind), fs.Add(data.FEmDate, true, s.date),
			fs.Add(data.FEmSubject, true, s.subject), fs.Add(data.FEmPlace, false, s.place), fMembers).
		Add("情况", fLead, fResult, fFindings).
		Content()
	s.buildFrame(s.periodRow(s.kindSel), s.form, 0.45)
	return s
}

// relayout lays the form out again after the members' rows changed its height (a container's
// layout does not follow a child's new size by itself).
func (s *EmergenciesScreen) relayout() {
	if s.form != nil {
		s.form.Refresh()
	}
}

// load reads the records, newest first, and the members the picker offers.
func (s *EmergenciesScreen) load(ctx context.Context) ([]data.Emergency, error) {
	all, err := s.env.Store.Emergencies(ctx, data.EmergencyFilter{})
	if err == nil {
		s.people, _, err = loadPeople(ctx, s.env.Store)
		s.members.setPeople(s.people)
	}
	slices.Reverse(all)
	return all, err
}

func (s *EmergenciesScreen) match(_ int, e *data.Emergency) bool {
	return lets(s.kindSel, e.Kind) &&
		s.searched(e.Subject, e.Place, e.MemberNames(), e.Lead, e.Result)
}

func (s *EmergenciesScreen) toForm(e data.Emergency) {
	selectOr(s.kind, e.Kind, data.EmergencyKinds[0])
	s.date.SetDate(e.Date)
	s.subject.SetText(e.Subject)
	s.place.SetText(e.Place)
	marked := make([]data.Inspector, len(e.Members))
	for i, m := range e.Members {
		marked[i] = data.Inspector{MemberID: m.MemberID, Name: m.Name, Lead: m.Commando}
	}
	s.members.Set(marked)
	s.relayout()
	s.lead.SetText(e.Lead)
	s.result.SetText(e.Result)
	s.showFindings(e)
}

// showFindings says how many findings the record raised; a new record must be saved first.
func (s *EmergenciesScreen) showFindings(e data.Emergency) {
	switch {
	case e.ID == 0:
		s.findings.SetText("保存记录后，可由本记录登记发现的问题")
		s.raise.Disable()
	case e.Findings == 0:
		s.findings.SetText("本记录未发现问题")
		s.raise.Enable()
	default:
		s.findings.SetText(fmt.Sprintf("由本记录发现问题 %d 个，在“督查整改 → 问题整改”中整改销号（来源：应急防控）", e.Findings))
		s.raise.Enable()
	}
}

// emergency reads the form over the record loaded.
func (s *EmergenciesScreen) emergency() (data.Emergency, error) {
	e := s.loaded
	var fe data.FieldErrors
	e.Kind = s.kind.Selected
	e.Date = readDate(&fe, data.FEmDate, s.date)
	e.Subject, e.Place, e.Lead, e.Result = s.subject.Text, s.place.Text, s.lead.Text, s.result.Text
	chosen := s.members.Inspectors()
	e.Members = make([]data.EmergencyMember, len(chosen))
	for i, c := range chosen {
		e.Members[i] = data.EmergencyMember{MemberID: c.MemberID, Name: c.Name, Commando: c.Lead}
	}
	return formRecord(e, fe, data.ValidateEmergency, s.env.Today())
}

// raiseFinding opens a finding prefilled from the saved record (unsaved edits are saved first);
// saved, it goes to 问题整改 with 来源 应急防控. It returns the form shown (nil: none).
func (s *EmergenciesScreen) raiseFinding() *FindingForm {
	if s.isDirty() && !s.save() {
		return nil
	}
	e := s.loaded
	if e.ID == 0 {
		return nil
	}
	f := data.Finding{Source: data.SourceEmergency, EmergencyID: e.ID, FoundDate: e.Date, Deadline: e.Date.AddDays(defaultDeadlineDays),
		Level: data.DefaultFindingLevels[0], State: data.StatePending, Category: "安全生产不实"}
	return showNewFinding(s.env, f, "由“"+data.EmergencyLabel(&e)+"”发现的问题：填写后保存，即进入问题整改销号流程。",
		func(ctx context.Context, nf *data.Finding) error { return s.env.Store.CreateFinding(ctx, nf) },
		func(nf data.Finding) error {
			s.Reload()
			s.frame.SetStatus("已登记问题："+clip(nf.Description, 40), false)
			return nil
		})
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *EmergenciesScreen) FocusSearch() { s.focusSearch() }

// supplyColumns are the supplies list's columns; 检查日期 is there because a check more than a
// year old is one of the red flags.
var supplyColumns = widgets.Columns{{"物资", 1, ""}, {"数量", 0, "99999 个"}, {"存放地点", 1, ""}, {"检查日期", 0, "2026-11-23"},
	{"有效期", 0, "2026-11-23"}, {"状态", 0, "超一年未检查"}}

// Columns of supplyColumns that are coloured.
const (
	supName, supQuantity, supChecked, supExpires, supFlags = 0, 1, 3, 4, 5
)

// Views of the supplies list (the filter's choices).
const allSupplies = "全部物资"

// SuppliesScreen is 应急物资: the supplies with their flags (red: expired, missing, stale).
type SuppliesScreen struct {
	recordScreen[data.Supply]

	viewSel *widget.Select

	name     *widgets.Entry
	quantity *widgets.Entry
	unit     *widgets.Entry
	place    *widgets.Entry
	checked  *widgets.DateEntry
	expires  *widgets.DateEntry
}

// NewSuppliesScreen builds the 应急物资 screen.
func NewSuppliesScreen(env *Env) Screen { return newSuppliesScreen(env) }

func newSuppliesScreen(env *Env) *SuppliesScreen {
	s := &SuppliesScreen{}
	s.viewSel = s.filterSelect(allSupplies, data.ViewSupplyFault, data.ViewSupplyExpiring)
	s.initRecord(env, recordSpec[data.Supply]{
		Columns: supplyColumns,
		Cells:   s.cells,
		ID:      func(x *data.Supply) int64 { return x.ID },
		Load:    func(ctx context.Context) ([]data.Supply, error) { return env.Store.Supplies(ctx) },
		Match:   s.match,
		Search:  "搜索物资或存放地点",
		Count:   "共 %d 项", NewLabel: "登记物资", What: "这项物资",
		Blank:    func() data.Supply { return data.Supply{Checked: env.Today()} },
		ToForm:   s.toForm,
		FromForm: s.supply,
		Title:    data.SupplyLabel,
		NewTitle: "新应急物资",
		Focus:    func() { focus(s.name) },
		Save:     env.Store.SaveSupply,
		Delete:   env.Store.DeleteSupply,
		Entity:   data.EntSupply,
		Noun:     "应急物资",
	})
	fs := &s.fields
	s.name = s.newEntry(data.FSupName, "如 灭火器")
	s.quantity = s.newEntry(data.FSupQuantity, "整数，缺失填0")
	s.unit = s.newEntry(data.FSupUnit, "如 具、台、套")
	s.place = s.newEntry(data.FSupPlace, "如 井口库房")
	s.checked = s.newDate(data.FSupChecked, env.Today)
	s.expires = s.newDate(data.FSupExpires, env.Today)
	s.expires.OnSubmitted = func(string) { s.Save() }
	form := widgets.NewSections(2).
		Add("物资储备", fs.Add(data.FSupName, true, s.name), fs.Add(data.FSupPlace, false, s.place),
			fs.Add(data.FSupQuantity, true, s.quantity), fs.Add(data.FSupUnit, false, s.unit),
			fs.Add(data.FSupChecked, false, s.checked), fs.Add(data.FSupExpires, false, s.expires)).
		Content()
	note := widgets.Note(fmt.Sprintf("有效期已过、数量为0或检查日期超过一年的标红；%d天内到期的另列。", data.SupplyExpiringDays))
	s.buildFrame([]fyne.CanvasObject{s.viewSel, note}, form, 0.5)
	return s
}

// cells is a supply's row: a fault red in the name, the 状态 and the cell that causes it (数量,
// 检查日期, 有效期), an expiry soon orange.
func (s *SuppliesScreen) cells(x *data.Supply) ([]string, map[int]widget.Importance) {
	flags := data.SupplyFlags(x, s.env.Today())
	imp := map[int]widget.Importance{}
	cause := map[string]int{data.SupplyExpired: supExpires, data.SupplyMissing: supQuantity, data.SupplyStale: supChecked}
	if data.SupplyFault(x, s.env.Today()) {
		imp[supName], imp[supFlags] = widget.DangerImportance, widget.DangerImportance
	} else if len(flags) > 0 {
		imp[supFlags] = widget.WarningImportance
	}
	for _, f := range flags {
		if col, ok := cause[f]; ok {
			imp[col] = widget.DangerImportance
		} else if f == data.SupplyExpiring {
			imp[supExpires] = widget.WarningImportance
		}
	}
	return []string{x.Name, fmt.Sprintf("%d %s", x.Quantity, x.Unit), x.Place, x.Checked.String(), x.Expires.String(), strings.Join(flags, "、")}, imp
}

func (s *SuppliesScreen) match(_ int, x *data.Supply) bool {
	q := s.query()
	view := ""
	if s.viewSel.SelectedIndex() > 0 {
		view = s.viewSel.Selected
	}
	return data.SupplyInView(x, view, s.env.Today()) && (q == "" || strings.Contains(strings.ToLower(x.Name+" "+x.Place), q))
}

// ShowView shows the supplies a 工作台 line counts (data.ViewSupplyFault, data.ViewSupplyExpiring):
// the search is cleared.
func (s *SuppliesScreen) ShowView(view string) {
	if s.search != nil {
		s.search.SetText("")
	}
	s.viewSel.SetSelected(view)
	if view == "" {
		s.viewSel.SetSelectedIndex(0)
	}
	s.refilter()
}

func (s *SuppliesScreen) toForm(x data.Supply) {
	s.name.SetText(x.Name)
	// A new supply's 数量 stays empty: 0 would already be the 缺失 flag.
	s.quantity.SetText("")
	if x.ID != 0 {
		s.quantity.SetText(strconv.Itoa(x.Quantity))
	}
	s.unit.SetText(x.Unit)
	s.place.SetText(x.Place)
	s.checked.SetDate(x.Checked)
	s.expires.SetDate(x.Expires)
}

// supply reads the form over the supply loaded; 数量 must be a whole number, 0 typed for one
// that is missing.
func (s *SuppliesScreen) supply() (data.Supply, error) {
	x := s.loaded
	var fe data.FieldErrors
	x.Name, x.Unit, x.Place = s.name.Text, s.unit.Text, s.place.Text
	x.Quantity = 0
	if t := strings.TrimSpace(data.NormalizeText(s.quantity.Text)); t == "" {
		fe = append(fe, data.FieldError{Field: data.FSupQuantity, Message: "请填写数量，如 10；物资缺失时填0"})
	} else {
		n, err := strconv.Atoi(t)
		if err != nil {
			fe = append(fe, data.FieldError{Field: data.FSupQuantity, Message: "数量应为整数，如 10（0表示缺失）"})
		}
		x.Quantity = n
	}
	x.Checked = readOptionalDate(&fe, data.FSupChecked, s.checked)
	x.Expires = readOptionalDate(&fe, data.FSupExpires, s.expires)
	return formRecord(x, fe, data.ValidateSupply, s.env.Today())
}

// readOptionalDate is readDate of a field that may stay empty (the zero date).
func readOptionalDate(fe *data.FieldErrors, label string, e *widgets.DateEntry) data.Date {
	if strings.TrimSpace(e.Text) == "" {
		return data.Date{}
	}
	return readDate(fe, label, e)
}

// FocusSearch puts the cursor into the search box (Ctrl+F).
func (s *SuppliesScreen) FocusSearch() { s.focusSearch() }
