// Package catalog is the one list of the reports the program prints (SPEC §6): for each, its id,
// command-line name, Chinese title, period, options, and the loading of what its builder prints.
// The 报表 screen, the screens' own 导出 buttons, the command line's `export` (and `export --list`)
// and the filling of the group's own templates all go through it, so a report is loaded one way.
// A new report is one more entry in reports (entries.go).
package catalog

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"branchledger/data"
	"branchledger/reports"
)

// PeriodKind says whether a report is for a period, and which one it takes when none is chosen.
type PeriodKind int

const (
	NoPeriod  PeriodKind = iota // the report is as of today (R1, R1b, R5)
	ThisMonth                   // by period; the current month by default
	ThisYear                    // by period; the current year by default
)

// Option is a choice a report takes besides its period.
type Option string

const (
	OptTeam     Option = "team"     // a 班组 (R3)
	OptCategory Option = "category" // a 问题类别 (R3)
	OptCheck    Option = "check"    // one 两堂一舍 check (R5)
	OptPerson   Option = "person"   // one person of the 发展党员 pipeline (R24)
	OptActivity Option = "activity" // one 组织生活 activity (R12a)
)

// Options are every Option a report can take.
var Options = []Option{OptTeam, OptCategory, OptCheck, OptPerson, OptActivity}

// Set reads option o as the command line gives it (--team 综采一班, --check 12) into in: a name,
// or the number of a record, which must be a positive whole number.
func (in *Input) Set(o Option, value string) error {
	id := func(what string) (int64, error) {
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil || n <= 0 {
			return 0, data.Errorf(data.EInvalid, fmt.Sprintf("--%s 应为%s的编号（正整数），不能是「%s」", o, what, value))
		}
		return n, nil
	}
	var err error
	switch o {
	case OptTeam:
		in.Team = value
	case OptCategory:
		in.Category = value
	case OptPerson:
		in.Person = value
	case OptCheck:
		in.CheckID, err = id("检查记录")
	case OptActivity:
		in.ActivityID, err = id("组织生活记录")
	default:
		// An option added to Options and not read here would be dropped without a word.
		err = data.Errorf(data.EInternal, fmt.Sprintf("不认识的报表选项 --%s", o))
	}
	return err
}

// Scope is the kind of data file a report is printed from.
type Scope int

const (
	AnyFile      Scope = iota // a branch's file, and (where the report knows how) a 汇总库
	BranchFile                // a branch's own file only
	Consolidated              // a 汇总库 only: the report compares branches
)

// Report is one entry of the catalogue.
type Report struct {
	ID          string // R1, R1b, … as in SPEC §6
	CLI         string // the name after `export` on the command line
	Title       string // Chinese title: the middle of the file name too
	Description string // one or two sentences for the 报表 screen
	Period      PeriodKind
	// MonthOnly: the report is by month (R8); a longer period is refused.
	MonthOnly bool
	Options   []Option
	Scope     Scope
	// Fills: the report prints one table, so it can fill a group's own template (Result.Table).
	Fills bool
	// load reads what the report prints. in.Meta.Period is already the period's label.
	load func(ctx context.Context, st data.Store, in *Input) (Result, error)
}

// Input is what a report is made from: the heading, the period and the options chosen.
type Input struct {
	Meta   reports.Meta // branch name and 填报日期 (today); Period is set from Period
	Period data.Period  // zero for a report without one
	// R3's filters. TeamID 0 with Team "" is every team; TeamID -1 findings of no team; a Team name
	// without its id (the command line) is looked up, and an unknown one is refused listing the
	// valid names. Category "" is every category.
	TeamID   int64
	Team     string
	Category string
	CheckID  int64 // R5
	// R24's person: PersonID, or (the command line) Person, the 公民身份证号 or the number of the
	// person, looked up.
	PersonID int64
	Person   string
	// ActivityID is the activity of R12a.
	ActivityID int64
	// Label names what a report of one record is of (一号职工食堂_2026-11-20): the end of its file
	// name, in place of the date.
	Label string
	// Writable lets a report bring derived records into step first (党员积分's generated entries);
	// false on a file opened read-only beside a window, which keeps them in step itself.
	Writable bool
}

// Result is a loaded report.
type Result struct {
	Write func(w io.Writer) error
	// Table is the report's table as printed (headers and rows) for filling a group's own template;
	// nil when the report has no single table.
	Table func() (columns []string, rows [][]any)
	// Summary says what was exported, after "已导出": "2026年11月的月度讲评表（督查 …）".
	Summary string
	// Notice, when set, is said before the export: the sheet is a draft, …
	Notice string
	// Meta is the heading the sheet is printed with (a template is filled with it too).
	Meta reports.Meta
}

// All is the catalogue in the order the 报表 screen and `export --list` show it.
func All() []*Report { return reportList }

// ByCLI is the report named name on the command line.
func ByCLI(name string) (*Report, bool) {
	i := slices.IndexFunc(reportList, func(r *Report) bool { return r.CLI == name })
	if i < 0 {
		return nil, false
	}
	return reportList[i], true
}

// ByID is report id (R1, …); it panics for an id not in the catalogue: ids are written in code.
func ByID(id string) *Report {
	i := slices.IndexFunc(reportList, func(r *Report) bool { return r.ID == id })
	if i < 0 {
		panic("catalog: no report " + id)
	}
	return reportList[i]
}

// Takes reports whether the report takes option o.
func (r *Report) Takes(o Option) bool { return slices.Contains(r.Options, o) }

// DefaultPeriod is the period used when none is chosen: the current month or year.
func (r *Report) DefaultPeriod(today data.Date) data.Period {
	if r.Period == ThisYear {
		return data.YearPeriod(today.Year)
	}
	return data.MonthPeriod(today.Year, today.Month)
}

// FileName is the name offered for the file: “<支部名称>-<报表>-<期间>.xlsx”, the date in place
// of the period for a report without one.
func (r *Report) FileName(in Input) string {
	suffix := in.Period.Label
	switch {
	case in.Label != "":
		suffix = in.Label
	case r.Period == NoPeriod || suffix == "":
		suffix = strings.ReplaceAll(in.Meta.Date.String(), "-", "")
	}
	name := r.Title
	if in.Meta.Branch != "" {
		name = in.Meta.Branch + "-" + name
	}
	return SafeFileName(name + "-" + suffix + ".xlsx")
}

// BadNameChars are the characters Windows refuses in file names.
const BadNameChars = `\/:*?"<>|`

// SafeFileName replaces the characters Windows refuses in file names, so that a name made from the
// data (a branch or facility name) can be saved.
func SafeFileName(name string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(BadNameChars, r) || r < 32 {
			return '_'
		}
		return r
	}, name)
}

// Load checks the input against the report and reads what it prints from st.
func (r *Report) Load(ctx context.Context, st data.Store, in Input) (Result, error) {
	if r.Period == NoPeriod {
		in.Period = data.Period{}
		in.Meta.Period = ""
	} else {
		if in.Period == (data.Period{}) {
			in.Period = r.DefaultPeriod(in.Meta.Date)
		}
		if r.MonthOnly && in.Period != data.MonthPeriod(in.Period.From.Year, in.Period.From.Month) {
			return Result{}, data.Errorf(data.EInvalid, r.Title+"按月导出，请选择一个月份，例如 2026-11")
		}
		in.Meta.Period = in.Period.Label
	}
	if r.Scope != AnyFile {
		cons, err := data.IsConsolidated(ctx, st)
		if err != nil {
			return Result{}, err
		}
		switch {
		case r.Scope == Consolidated && !cons:
			return Result{}, data.Errorf(data.EInvalid, r.Title+"只能从汇总库导出（汇总库由“上报与汇总”或 consolidate 命令生成）")
		case r.Scope == BranchFile && cons:
			return Result{}, data.Errorf(data.EInvalid, r.Title+"只能从支部自己的数据文件导出，不能从汇总库导出")
		}
	}
	res, err := r.load(ctx, st, &in)
	if res.Meta == (reports.Meta{}) {
		res.Meta = in.Meta
	}
	return res, err
}

// exchange is st as a store of many branches; the report's Scope has made sure it is one.
func exchange(st data.Store) data.ExchangeStore { return st.(data.ExchangeStore) }

// committeeMeta heads a consolidated sheet with CommitteeName.
func committeeMeta(in *Input, committee string) reports.Meta {
	m := in.Meta
	m.Branch = CommitteeName(m.Branch, committee)
	return m
}

// CommitteeName is what a 汇总库 is called, on its sheets and its 工作台: its own name when one was
// given (数据与设置), else the 所属党委 of its branches' packages.
func CommitteeName(own, committee string) string { return cmp.Or(own, committee) }

// CommitteeOf is the CommitteeName of st, a 汇总库, read from it: the window's title and its
// 工作台 go by it, as its sheets do.
func CommitteeOf(ctx context.Context, st data.Store) (string, error) {
	own, err := st.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return "", err
	}
	branches, err := exchange(st).Branches(ctx)
	if err != nil {
		return "", err
	}
	committee := ""
	for _, b := range branches {
		committee = cmp.Or(committee, b.Committee)
	}
	return CommitteeName(own.Name, committee), nil
}

// yearOf is the year of a report printed by year (R15, R21): p must lie within one calendar year,
// else refusal (which says how to choose one).
func yearOf(p data.Period, refusal string) (int, error) {
	if p.To.Year != p.From.Year {
		return 0, data.Errorf(data.EInvalid, refusal)
	}
	return p.From.Year, nil
}

// pickName checks a name typed by the user against the valid ones, listing them when it is not
// one of them.
func pickName(what, name string, valid []string) (string, error) {
	n := data.NormalizeText(name)
	if slices.Contains(valid, n) {
		return n, nil
	}
	if len(valid) == 0 {
		return "", data.Errorf(data.EInvalid, fmt.Sprintf("%s「%s」不存在：数据文件中还没有%s", what, name, what))
	}
	return "", data.Errorf(data.EInvalid, fmt.Sprintf("%s「%s」不存在；可选的%s有：%s", what, name, what, strings.Join(valid, "、")))
}

// Categories is the configured list of 问题类别 (the defaults when the list was never set).
func Categories(ctx context.Context, st data.OptionStore) ([]string, error) {
	cats, err := st.Options(ctx, data.ListFindingCategories)
	if len(cats) == 0 && err == nil {
		cats = data.DefaultFindingCategories
	}
	return cats, err
}

// periodArgs are the command line's ways to give a period (PeriodArgs).
var periodArgs = []string{"period", "year", "from", "to"}

// ArgNames are the options ReadArgs reads: the period's, the catalogue's Options and "template".
func ArgNames() []string {
	names := append([]string{"template"}, periodArgs...)
	for _, o := range Options {
		names = append(names, string(o))
	}
	return names
}

// ReadArgs is the input of report r as the command line gives it: get returns the value typed
// after --name ("" when not typed) for the period's options, the catalogue's Options and
// "template". A Chinese reason (EInvalid) refuses an option r does not take, a bad value, a period
// for a report without one, and a template file that cannot be opened (named as typed: the fill
// itself names only the file).
func (r *Report) ReadArgs(get func(name string) string, today data.Date) (Input, error) {
	var in Input
	notTaken := func(name string) error {
		return data.Errorf(data.EInvalid, fmt.Sprintf("导出 %s（%s）时不能使用 --%s", r.CLI, r.Title, name))
	}
	for _, o := range Options {
		if get(string(o)) == "" {
			continue
		}
		if !r.Takes(o) {
			return in, notTaken(string(o))
		}
		if err := in.Set(o, get(string(o))); err != nil {
			return in, err
		}
	}
	if tpl := get("template"); tpl != "" {
		if !r.Fills {
			return in, notTaken("template")
		}
		f, err := reports.OpenInput(tpl, "模板文件")
		if err != nil {
			return in, data.Errorf(data.EInvalid, data.ErrorMessage(err)+"。请检查 --template 后的路径："+tpl)
		}
		f.Close()
	}
	a := PeriodArgs{Period: get("period"), Year: get("year"), From: get("from"), To: get("to")}
	if r.Period != NoPeriod {
		var err error
		in.Period, err = r.ChoosePeriod(a, today)
		return in, err
	}
	for _, o := range periodArgs {
		if get(o) != "" {
			return in, data.Errorf(data.EInvalid, fmt.Sprintf("%s 不按期间导出，请去掉 --%s", r.Title, o))
		}
	}
	return in, nil
}

// PeriodArgs is a period as typed on the command line: one of Period (2026-11, 2026-Q4, 2026,
// 2026-11-01~2026-11-15), Year (2026), or From and To (dates); none for the report's default.
type PeriodArgs struct{ Period, Year, From, To string }

// ChoosePeriod is the period a typed to print report r; a Chinese reason (EInvalid) when it is not
// one, when more than one way was used, or when the period has not begun by today.
func (r *Report) ChoosePeriod(a PeriodArgs, today data.Date) (data.Period, error) {
	given := 0
	for _, s := range []string{a.Period, a.Year, a.From + a.To} {
		if s != "" {
			given++
		}
	}
	if given > 1 {
		return data.Period{}, data.Errorf(data.EInvalid, "--period、--year 和 --from/--to 只能选用一种来指定期间")
	}
	var p data.Period
	var err error
	switch {
	case a.Period != "":
		p, err = data.ParsePeriod(a.Period)
	case a.Year != "":
		y, convErr := strconv.Atoi(a.Year)
		if convErr != nil || y < 1900 || y > 9999 {
			return p, data.Errorf(data.EInvalid, "--year 应为四位的年份，例如 --year 2026")
		}
		p = data.YearPeriod(y)
	case a.From == "" || a.To == "":
		if a.From+a.To != "" {
			return p, data.Errorf(data.EInvalid, "--from 和 --to 要一起使用，例如 --from 2026-11-01 --to 2026-11-30")
		}
		p = r.DefaultPeriod(today)
	default:
		var from, to data.Date
		if from, err = typedDate("from", a.From); err == nil {
			if to, err = typedDate("to", a.To); err == nil {
				p, err = data.RangePeriod(from, to)
			}
		}
	}
	if err != nil {
		return p, err
	}
	if p.From.After(today) {
		return p, data.Errorf(data.EInvalid, fmt.Sprintf("期间「%s」还没有开始，请换一个期间", p.Label))
	}
	return p, nil
}

// typedDate reads the date typed after --name.
func typedDate(name, s string) (data.Date, error) {
	d, err := data.ParseDate(s)
	if err != nil {
		return d, data.Errorf(data.EInvalid, fmt.Sprintf("--%s「%s」：%s", name, s, data.ErrorMessage(err)))
	}
	return d, nil
}

// Heading is the heading of a report printed from st on day today: the branch's name (none yet on
// a new file) and the 填报日期.
func Heading(ctx context.Context, st data.OrgStore, today data.Date) (reports.Meta, error) {
	b, err := st.Branch(ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return reports.Meta{}, err
	}
	return reports.Meta{Branch: b.Name, Date: today}, nil
}
