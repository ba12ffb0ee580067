package data

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Reading an existing meeting ledger in the R12 layout (SPEC §12.6): the same machinery as the
// roster import (header found by names within the first rows, note lines skipped, every §7 date
// form), with names matched to the roster: a name the roster does not hold, or holds twice, is a
// problem of its row, never a guess.

// Extra R12 headers the import reads (the R12 export prints them).
const (
	FActAbsences = "缺席人员"
	FActMakeUps  = "补学情况"
)

var activityFieldNames = func() map[string]string {
	m := map[string]string{}
	for field, synonyms := range map[string][]string{
		FActDate:     {"日期", "时间", "会议时间", "会议日期", "活动日期", "活动时间", "召开时间", "召开日期", "学习时间", "学习日期"},
		FActKinds:    {"类别", "会议类别", "活动类别", "类型", "会议类型", "活动类型", "形式", "活动形式", "会议名称"},
		FActTopic:    {"主题", "会议主题", "活动主题", "学习主题", "议题", "内容", "学习内容", "主要内容"},
		FActHost:     {"主持人", "主持"},
		FActRecorder: {"记录人", "记录"},
		FActScope:    {"参加范围", "范围", "参加人员范围", "参会范围"},
		FActExpected: {"应到", "应到人数", "应参加人数"},
		FActPresent:  {"实到", "实到人数", "参加人数"},
		FActAbsences: {"缺席人员", "缺席人员及原因", "缺勤人员", "请假人员", "缺席情况", "未参加人员"},
		FActMakeUps:  {"补学情况", "补学", "补学记录"},
		FActPlace:    {"地点", "会议地点", "活动地点"},
	} {
		for _, s := range synonyms {
			m[s] = field
		}
	}
	return m
}()

// ActivityRow is one data row of an imported meeting ledger, parsed and checked.
type ActivityRow struct {
	Row      int
	Activity Activity
	Problems []RowProblem
	// Exists: an activity of the same date and topic is saved already (the row is skipped).
	Exists bool
}

// ActivityParse is the preview of an imported meeting ledger.
type ActivityParse struct {
	HeaderRow int
	Columns   map[string]int
	Ignored   []string
	Rows      []ActivityRow
}

// ImportContext is what the rows are checked against: the day, the configured kinds, the roster
// (leavers included), the groups and teams, and the activities saved already.
type ImportContext struct {
	Today  Date
	Kinds  []string
	Roster []Member
	Groups []Group
	Teams  []Team
	Saved  []Activity
}

var (
	reKindSep   = regexp.MustCompile(`[、，,/／;；\s]+`)
	reListSep   = regexp.MustCompile(`[、，,;；]+`)
	reAbsence   = regexp.MustCompile(`^(.+?)[(（](.*)[)）]$`)
	reMakeUp    = regexp.MustCompile(`^(\S+)\s+(\S+)(?:\s+(\S+?))?(?:[(（](.+?)确认[)）])?$`)
	reMakeUpSep = regexp.MustCompile(`[;；\n]+`)
)

// ParseActivities reads the rows of an R12-layout sheet (raw cell values) into a preview. The header
// must name 日期 and 主题. Each row becomes an activity: 类别 split on 、，,/ and spaces (each one of
// the configured kinds); 参加范围 全体党员 (when empty), 支委, a group or a team (by name, with or
// without 党小组：/班组：); 主持人 and 记录人 and the names in 缺席人员 (张三（请假：出差）、李四（缺席）;
// a bare name is 缺席, a reason alone is 请假) and 补学情况 (张三 2026-03-05 自学（李四确认）) matched
// to the roster. 应到 is kept as typed only where it differs from what the roster gives; 实到 is
// derived and not read. A row with an activity of the same date and topic already saved is marked
// Exists.
func ParseActivities(rows [][]string, ic *ImportContext) (ActivityParse, error) {
	hi, cols, ignored := findHeaderBy(rows, activityFieldNames, FActDate, FActTopic)
	var missing []string
	for _, f := range []string{FActDate, FActTopic} {
		if _, ok := cols[f]; !ok {
			missing = append(missing, "“"+f+"”")
		}
	}
	if len(missing) > 0 {
		return ActivityParse{}, Errorf(EInvalid, fmt.Sprintf("没有找到组织生活记录台账的表头：缺少%s列。表头须在前%d行内，并至少有“日期”和“主题”两列，请检查所选的工作表和表头文字",
			strings.Join(missing, "、"), headerScanRows))
	}
	p := ActivityParse{HeaderRow: hi + 1, Columns: cols, Ignored: ignored}
	saved := map[string]bool{}
	for _, a := range ic.Saved {
		saved[a.Date.String()+"|"+a.Topic] = true
	}
	for i := hi + 1; i < len(rows); i++ {
		cells, empty := normalizedCells(rows[i])
		if empty || isNoteRowBy(cells, cols, FActTopic) {
			continue
		}
		r := parseActivityRow(i+1, cells, cols, ic)
		r.Exists = saved[r.Activity.Date.String()+"|"+r.Activity.Topic]
		p.Rows = append(p.Rows, r)
	}
	return p, nil
}

// memberByName finds the one roster member of a name; the problem says why there is none.
func memberByName(roster []Member, name string) (int64, string) {
	name = NormalizeName(name)
	var found []int64
	for i := range roster {
		if roster[i].Name == name {
			found = append(found, roster[i].ID)
		}
	}
	switch len(found) {
	case 0:
		return 0, fmt.Sprintf("党员名册中没有「%s」：请先在党员名册中录入，或改正姓名", name)
	case 1:
		return found[0], ""
	}
	return 0, fmt.Sprintf("党员名册中有%d名「%s」，无法确定是哪一位：请导入后在程序中选择", len(found), name)
}

func parseActivityRow(row int, cells []string, cols map[string]int, ic *ImportContext) ActivityRow {
	r := ActivityRow{Row: row}
	cell := func(field string) string { return cellAt(cells, cols, field) }
	problem := func(field, value, reason string) {
		r.Problems = append(r.Problems, RowProblem{Row: row, Field: field, Value: value, Reason: reason})
	}
	a := &r.Activity
	if v := cell(FActDate); v != "" {
		d, err := ParseDateCell(v)
		if err != nil {
			problem(FActDate, v, ErrorMessage(err))
		}
		a.Date = d
	}
	for _, k := range reKindSep.Split(cell(FActKinds), -1) {
		if k == "" {
			continue
		}
		if !slices.Contains(ic.Kinds, k) {
			problem(FActKinds, k, fmt.Sprintf("类别「%s」不在组织生活类别中，应为：%s（可在“数据与设置”中增加类别）", k, strings.Join(ic.Kinds, "、")))
			continue
		}
		a.Kinds = append(a.Kinds, k)
	}
	a.Topic, a.Place = cell(FActTopic), cell(FActPlace)
	member := func(field, name string) int64 {
		if name == "" {
			return 0
		}
		id, why := memberByName(ic.Roster, name)
		if why != "" {
			problem(field, name, why)
		}
		return id
	}
	a.HostID, a.Host = member(FActHost, cell(FActHost)), NormalizeName(cell(FActHost))
	a.RecorderID, a.Recorder = member(FActRecorder, cell(FActRecorder)), NormalizeName(cell(FActRecorder))
	parseScope(a, cell(FActScope), ic, problem)

	for _, item := range reListSep.Split(cell(FActAbsences), -1) {
		item = strings.TrimSpace(item)
		if item == "" || item == "无" {
			continue
		}
		x := Absence{State: AttendAbsent, Name: item}
		if m := reAbsence.FindStringSubmatch(item); m != nil {
			x.Name = strings.TrimSpace(m[1])
			note := strings.TrimSpace(m[2])
			switch {
			case note == AttendAbsent:
			case strings.HasPrefix(note, AttendAbsent):
				x.Reason = strings.TrimLeft(strings.TrimPrefix(note, AttendAbsent), ":：")
			case strings.HasPrefix(note, AttendLeave):
				x.State, x.Reason = AttendLeave, strings.TrimLeft(strings.TrimPrefix(note, AttendLeave), ":：")
			default:
				x.State, x.Reason = AttendLeave, note
			}
		}
		if x.MemberID = member(FActAbsences, x.Name); x.MemberID != 0 {
			x.Name = NormalizeName(x.Name)
			a.Absences = append(a.Absences, x)
		}
	}
	for _, item := range reMakeUpSep.Split(cell(FActMakeUps), -1) {
		if item = strings.TrimSpace(item); item == "" || item == "无" {
			continue
		}
		m := reMakeUp.FindStringSubmatch(item)
		if m == nil {
			problem(FActMakeUps, item, "补学情况无法识别，请写成：姓名 补学日期 方式（确认人确认），如 张三 2026-03-05 自学（李四确认）")
			continue
		}
		mu := MakeUp{Name: m[1], Way: m[3]}
		d, err := ParseDateCell(m[2])
		if err != nil {
			problem(FActMakeUps, item, "补学日期："+ErrorMessage(err))
			continue
		}
		mu.Date = d
		if mu.MemberID = member(FActMakeUps, m[1]); mu.MemberID == 0 {
			continue
		}
		if m[4] != "" {
			mu.ConfirmerID, mu.Confirmer = member(FActMakeUps, m[4]), m[4]
		}
		a.MakeUps = append(a.MakeUps, mu)
	}

	a.Normalize()
	a.InScope = ScopeMembers(ic.Roster, a)
	if v := cell(FActExpected); v != "" {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil:
			problem(FActExpected, v, "应到应为人数（整数）")
		case n != len(a.InScope):
			a.ExpectedSet, a.ExpectedTyped = true, n
		}
	}
	if len(r.Problems) > 0 {
		return r
	}
	names := map[int64]string{}
	for _, m := range ic.Roster {
		names[m.ID] = m.Name
	}
	fe := append(ValidateActivity(a, ic.Today), CheckActivityScope(a, names)...)
	for _, e := range fe {
		r.Problems = append(r.Problems, RowProblem{Row: row, Field: e.Label(), Reason: e.Message})
	}
	return r
}

// parseScope reads 参加范围: 全体党员 (or empty), 支委/支部委员, or a group or team by name.
func parseScope(a *Activity, v string, ic *ImportContext, problem func(field, value, reason string)) {
	v = strings.ReplaceAll(v, " ", "")
	name := v
	for _, prefix := range []string{ScopeGroup + "：", ScopeGroup + ":", ScopeTeam + "：", ScopeTeam + ":"} {
		name = strings.TrimPrefix(name, prefix)
	}
	switch {
	case v == "" || v == ScopeAll || v == "全体" || v == "全体党员大会":
		a.Scope = ScopeAll
		return
	case v == ScopeCommittee || v == "支部委员" || v == "支委会" || v == "支委委员":
		a.Scope = ScopeCommittee
		return
	}
	for _, g := range ic.Groups {
		if g.Name == name {
			a.Scope, a.ScopeID, a.ScopeName = ScopeGroup, g.ID, g.Name
			return
		}
	}
	for _, t := range ic.Teams {
		if t.Name == name {
			a.Scope, a.ScopeID, a.ScopeName = ScopeTeam, t.ID, t.Name
			return
		}
	}
	problem(FActScope, v, "参加范围应为 全体党员、支委，或一个党小组、班组的名称（须已在“数据与设置”中建立）")
	a.Scope = ScopeAll
}

// ActivityPlan is what an import does with a parsed ledger: valid new rows are imported; rows with
// problems are not (their problems are errors); rows saved already are skipped (notices).
type ActivityPlan struct {
	Activities []Activity
	Rows       []int
	Problems   []RowProblem
	ErrorRows  int
	Skipped    []RowProblem
}

// PlanActivities splits a parse.
func PlanActivities(p *ActivityParse) ActivityPlan {
	var pl ActivityPlan
	for _, r := range p.Rows {
		switch {
		case len(r.Problems) > 0:
			pl.Problems = append(pl.Problems, r.Problems...)
			pl.ErrorRows++
		case r.Exists:
			pl.Skipped = append(pl.Skipped, RowProblem{Row: r.Row, Field: FActTopic, Value: r.Activity.Topic, Reason: "同一天同一主题的记录已存在，跳过"})
		default:
			pl.Activities = append(pl.Activities, r.Activity)
			pl.Rows = append(pl.Rows, r.Row)
		}
	}
	return pl
}

// Report is the problem list of the import: errors and skipped rows in file order.
func (pl ActivityPlan) Report() []RowProblem {
	all := append(slices.Clone(pl.Problems), pl.Skipped...)
	slices.SortStableFunc(all, func(a, b RowProblem) int { return a.Row - b.Row })
	return all
}

// Summary is the one-line result: 导入 12 条，跳过 3 条，4 行有错误未导入.
func (pl ActivityPlan) Summary(imported int) string {
	s := fmt.Sprintf("导入 %d 条组织生活记录，跳过 %d 条", imported, len(pl.Skipped))
	if pl.ErrorRows > 0 {
		s += fmt.Sprintf("，%d 行有错误未导入", pl.ErrorRows)
	}
	return s
}

// LoadImportContext reads from st what an import of activities is checked against on day today.
func LoadImportContext(ctx context.Context, st Store, today Date) (*ImportContext, error) {
	ic := &ImportContext{Today: today}
	var err error
	if ic.Kinds, err = st.Options(ctx, ListActivityKinds); err != nil {
		return nil, err
	}
	if ic.Roster, err = st.Members(ctx, MemberFilter{IncludeLeft: true}); err != nil {
		return nil, err
	}
	if ic.Groups, err = st.Groups(ctx); err != nil {
		return nil, err
	}
	if ic.Teams, err = st.Teams(ctx); err != nil {
		return nil, err
	}
	if ic.Saved, err = st.Activities(ctx, ActivityFilter{}); err != nil {
		return nil, err
	}
	return ic, nil
}
