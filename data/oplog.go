package data

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Op is one entry of the operation log (操作日志, SPEC §8): what was done to which record, when,
// with the record before and after. The store writes it in the transaction of the change itself.
type Op struct {
	ID       int64
	At       time.Time // local time (stored in UTC)
	Action   string    // one of the Act… constants
	Entity   string    // one of the Ent… constants, or another record kind in Chinese
	EntityID int64     // the record's id, 0 when the entry is about no single record (imports, …)
	Label    string    // the record's readable name: 张三, 综采一队, 2026-11-20 综采一队 四不两直督查
	Before   Fields    // the record before the change (nil for a creation)
	After    Fields    // the record after the change (nil for a deletion)
	// Detail is the readable change: for an update the diff of Before and After ("手机号：13800000000
	// → 13900000000"), for an import its counts, for other events what the caller said.
	Detail string
}

// Actions of the operation log.
const (
	ActCreate      = "新增"
	ActUpdate      = "修改"
	ActDelete      = "删除"
	ActState       = "状态变更"
	ActImport      = "导入"
	ActRestore     = "恢复"
	ActPurge       = "彻底删除"
	ActEmptyBin    = "清空回收站"
	ActRestoreFile = "还原备份"
	ActConsolidate = "汇总"
)

// Record kinds of the operation log and the recycle bin.
const (
	EntBranch     = "支部"
	EntGroup      = "党小组"
	EntTeam       = "班组"
	EntMember     = "党员"
	EntInspection = "督查记录"
	EntFinding    = "问题"
	EntOption     = "选项"
	EntKeyPost    = "重点岗位"
	EntFacility   = "设施"
	EntChecklist  = "评分表"
	EntCheck      = "两堂一舍检查"
	EntWelfare    = "办实事事项"
	EntSurvey     = "满意度调查"
	EntGrades     = "等次分数线"
	EntDataFile   = "数据文件"
)

// OpActions and OpEntities are the choices of the log's filters, in the order shown.
var (
	OpActions  = []string{ActCreate, ActUpdate, ActDelete, ActState, ActImport, ActRestore, ActPurge, ActEmptyBin, ActRestoreFile, ActConsolidate}
	OpEntities = []string{EntMember, EntGroup, EntTeam, EntBranch, EntInspection, EntFinding, EntOption, EntKeyPost,
		EntFacility, EntChecklist, EntCheck, EntWelfare, EntSurvey, EntGrades, EntDataFile}
)

// Object is how the log names the record: 党员「张三」, or just the kind when there is no label.
func (o *Op) Object() string {
	switch {
	case o.Label == "":
		return o.Entity
	case o.Entity == "":
		return o.Label
	}
	return o.Entity + "「" + o.Label + "」"
}

// Summary is the entry's change as one line: the Detail, or for a creation or deletion the record's
// first fields.
func (o *Op) Summary() string {
	if o.Detail != "" {
		return o.Detail
	}
	switch {
	case o.After != nil && o.Before == nil:
		return o.After.Brief()
	case o.Before != nil && o.After == nil:
		return o.Before.Brief()
	}
	return ""
}

// OpFilter narrows the log. Zero fields do not filter.
type OpFilter struct {
	From, To Date   // local calendar days, both included
	Entity   string // exact
	Action   string // exact
	Text     string // found in the label or the change
}

// OpLogStore reads the log and lets work outside the store's own write paths (restoring a backup,
// consolidating packages) record itself.
type OpLogStore interface {
	// OpLog lists the entries matching f, newest first.
	OpLog(ctx context.Context, f OpFilter) ([]Op, error)
	// LogEvent records one entry with no record before or after, e.g.
	// LogEvent(ctx, ActRestoreFile, EntDataFile, "ledger-20261123.db", "从备份还原").
	LogEvent(ctx context.Context, action, entity, label, detail string) error
}

// Field is one field of a record as the log shows it: its Chinese label and its value as text.
type Field struct {
	Label string
	Value string
}

// Fields is a record as the log keeps it: its fields in form order. Its JSON is an object keyed by
// the labels, in that order ({"姓名":"张三","手机号":"13800000000"}).
type Fields []Field

// MarshalJSON writes the fields as one object, keeping their order.
func (fs Fields) MarshalJSON() ([]byte, error) {
	if fs == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.Label)
		v, _ := json.Marshal(f.Value)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads an object of MarshalJSON back in its order.
func (fs *Fields) UnmarshalJSON(p []byte) error {
	dec := json.NewDecoder(bytes.NewReader(p))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		*fs = nil
		return nil
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("fields: want an object, got %v", tok)
	}
	out := Fields{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return err
		}
		var v string
		if err := dec.Decode(&v); err != nil {
			return err
		}
		out = append(out, Field{Label: k.(string), Value: v})
	}
	*fs = out
	return nil
}

// Get is the value of the field with label ("" when there is none).
func (fs Fields) Get(label string) string {
	for _, f := range fs {
		if f.Label == label {
			return f.Value
		}
	}
	return ""
}

// Brief is the record's first filled fields on one line (姓名：张三；公民身份证号：…).
func (fs Fields) Brief() string {
	var parts []string
	for _, f := range fs {
		if f.Value != "" && len(parts) < 3 {
			parts = append(parts, f.Label+"："+clip(f.Value))
		}
	}
	return strings.Join(parts, "；")
}

// diffValueMax is how many characters of a long value a diff shows.
const diffValueMax = 40

// Diff is the readable change from before to after: one "label：old → new" for every field that
// differs, in after's order (fields only in before come last), "；" between them; "" when equal.
func Diff(before, after Fields) string {
	var parts []string
	seen := make(map[string]bool, len(after))
	for _, f := range after {
		seen[f.Label] = true
		if old := before.Get(f.Label); old != f.Value {
			parts = append(parts, f.Label+"："+shown(old)+" → "+shown(f.Value))
		}
	}
	for _, f := range before {
		if !seen[f.Label] && f.Value != "" {
			parts = append(parts, f.Label+"："+shown(f.Value)+" → "+shown(""))
		}
	}
	return strings.Join(parts, "；")
}

func shown(v string) string {
	if v == "" {
		return "（空）"
	}
	return clip(v)
}

func clip(v string) string {
	if utf8.RuneCountInString(v) <= diffValueMax {
		return v
	}
	r := []rune(v)
	return string(r[:diffValueMax]) + "…"
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// MemberFields is a member as the log keeps it, its group and team by name.
func MemberFields(m *Member, group, team string) Fields {
	return Fields{
		{FName, m.Name}, {FSex, m.Sex}, {FEthnicity, m.Ethnicity}, {FIDNumber, m.IDNumber},
		{FBirthDate, m.BirthDate.String()}, {FEducation, m.Education}, {FCategory, m.Category},
		{FJoinDate, m.JoinDate.String()}, {FFullDate, m.FullDate.String()}, {FJob, m.Job}, {FMobile, m.Mobile},
		{FLandline, m.Landline}, {FAddress, m.Address}, {FPartyStatus, m.PartyStatus},
		{FLostContact, yesNo(m.LostContact)}, {FLostDate, m.LostDate.String()}, {FFloating, yesNo(m.Floating)},
		{FFloatingTo, m.FloatingTo}, {FRemark, m.Remark}, {FGroup, group}, {FTeam, team},
		{FPartyRole, m.PartyRole}, {FKeyPost, m.KeyPost}, {FSupervisor, yesNo(m.Supervisor)},
		{FWorkDate, m.WorkDate.String()}, {FRollStatus, m.RollStatus}, {FRollDate, m.RollDate.String()},
	}
}

// BranchFields is the branch as the log keeps it.
func BranchFields(b *Branch) Fields {
	return Fields{
		{"名称", b.Name}, {"所属党委", b.Committee}, {"所在单位", b.Unit}, {"书记", b.Secretary},
		{"副书记", b.Deputy}, {"组织委员", b.Organisation}, {"宣传委员", b.Propaganda}, {"纪检委员", b.Discipline},
		{"联系电话", b.Phone}, {"支部代码", b.Code},
	}
}

// GroupFields is a Party group as the log keeps it, its leader by name.
func GroupFields(g *Group, leader string) Fields {
	return Fields{{"名称", g.Name}, {"组长", leader}, {"责任区说明", g.Area}}
}

// TeamFields is a team as the log keeps it, its group by name.
func TeamFields(t *Team, group string) Fields {
	return Fields{{"名称", t.Name}, {"类别", t.Category}, {"所属党小组", group}}
}

// InspectionFields is an inspection as the log keeps it (inspector names filled in), with its
// findings (问题1, 问题2, …: their own fields in one line each).
func InspectionFields(in *Inspection) Fields {
	names := make([]string, len(in.Inspectors))
	for i, p := range in.Inspectors {
		names[i] = p.Name
		if p.Lead {
			names[i] += "（牵头）"
		}
	}
	fs := Fields{
		{FInspDate, in.Date.String()}, {FInspKind, in.Kind}, {FShift, in.Shift}, {FInspUnit, in.Unit},
		{FPlace, in.Place}, {FInspContent, in.Content}, {FInspectors, strings.Join(names, "、")},
		{"问题数", fmt.Sprint(len(in.Findings))},
	}
	// Each finding in a line, its description last: a diff clips long values at the end.
	for i, f := range in.Findings {
		fs = append(fs, Field{fmt.Sprintf("问题%d", i+1), fmt.Sprintf("%s｜%s｜责任人 %s｜期限 %s｜%s",
			f.Category, f.Level, f.Responsible, f.Deadline, f.Description)})
	}
	return fs
}

// InspectionLabel names an inspection in the log and the recycle bin.
func InspectionLabel(in *Inspection) string {
	return strings.TrimSpace(in.Date.String() + " " + in.Unit + " " + in.Kind)
}

// FindingFields is a finding as the log keeps it, its team and member by name.
func FindingFields(f *Finding, team, member string) Fields {
	return Fields{
		{"来源", f.Source}, {FFoundDate, f.FoundDate.String()}, {FCategoryF, f.Category}, {FLevel, f.Level},
		{FDescription, f.Description}, {FTeam, team}, {FMember, member}, {FResponsible, f.Responsible},
		{FMeasures, f.Measures}, {FDeadline, f.Deadline.String()}, {FProgress, f.Progress},
		{FAcceptor, f.Acceptor}, {FClosedDate, f.ClosedDate.String()}, {FState, f.State},
	}
}

// FindingLabel names a finding in the log and the recycle bin: the start of its description.
func FindingLabel(f *Finding) string {
	const n = 20
	if r := []rune(f.Description); len(r) > n {
		return string(r[:n]) + "…"
	}
	return f.Description
}

// ListFields is a configured list (问题类别, 重点岗位, …) as the log keeps it: one field, the values
// joined by 、.
func ListFields(list string, values []string) Fields {
	return Fields{{list, strings.Join(values, "、")}}
}

// Summary is the import's counts in words: 新增 3 人，更新 2 人，跳过 1 人.
func (r ImportResult) Summary() string {
	return fmt.Sprintf("新增 %d 人，更新 %d 人，跳过 %d 人", r.Added, r.Updated, r.Skipped)
}
