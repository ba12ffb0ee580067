package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/reports"
)

const usage = `支部台账 命令行用法：
  branchledger                                   打开图形界面（默认数据文件）
  branchledger --db 文件                          用指定的数据文件打开图形界面
  branchledger demo --db 文件 [--members N] [--months M]  在新数据文件中生成演示数据（M 个月的督查，默认 12）
      [--branch 支部名称 --code 支部代码]              演示另一个党支部（试用汇总时，每个支部用一个数据文件）
  branchledger import members 花名册.xlsx --db 文件 [--mode skip|update|add] [--report 问题清单.xlsx] [--strict]
  branchledger export members|distribution --db 文件 --out 输出.xlsx
  branchledger export inspections|rectifications|monthly-review --db 文件 --out 输出.xlsx [期间]
  branchledger export rectifications --db 文件 --out 输出.xlsx [期间] [--team 班组] [--category 问题类别]
  branchledger export welfare-check --db 文件 --out 输出.xlsx --check 检查记录编号
  branchledger export welfare-summary|welfare-items|satisfaction --db 文件 --out 输出.xlsx [期间]
  branchledger export branch-assessment --db 文件 --out 输出.xlsx --period 2026-11
  branchledger export member-points --db 文件 --out 输出.xlsx --year 2026
  branchledger export three-in-one --db 文件 --out 输出.xlsx [期间]
  branchledger export members|rectifications|welfare-items|member-points … --template 集团模板.xlsx
  branchledger check --db 文件                    检查数据文件（结构完整性和数据间的一致性）
  branchledger backup --db 文件 --out 备份.db      把数据文件备份到指定位置
  branchledger restore --db 文件 --from 备份.db    用备份替换数据文件（原文件保存在数据文件旁的“备份”文件夹）
写入数据文件的命令（demo、import、restore）在图形界面打开着同一数据文件时不会执行。
导入方式 --mode：skip 跳过已有身份证号（默认），update 按身份证号更新，add 只新增（已有的算错误）。
--strict：任何一行有错误就什么也不导入。
导出的报表：members 党员花名册，distribution 党员分布表，inspections 党员督查检查台账，
  rectifications 问题整改销号台账，monthly-review 月度讲评表，welfare-check 两堂一舍检查评分表，
  welfare-summary 两堂一舍检查汇总表，welfare-items 办实事（福利事项）台账，satisfaction 满意度调查统计表，
  branch-assessment 支部月度考核表（该月没有保存的考核时导出按台账生成的草稿），member-points 党员积分考核汇总表，
  three-in-one “三位一体”考核表。
--template：用集团下发的 Excel 模板（含 {{支部名称}}、{{期间}}、{{填报日期}} 和一行 {{列:表头}}）代替标准格式。
期间：--period 2026-11（月），也可写 2026-Q4（季度）、2026（年）或 2026-11-01~2026-11-15；
  或 --year 2026；或 --from 2026-11-01 --to 2026-11-30。不写期间时，督查检查台账、月度讲评表和
  两堂一舍检查汇总表和支部月度考核表导出本月，问题整改销号台账、办实事台账、满意度调查统计表、
  党员积分考核汇总表和“三位一体”考核表导出本年。台账中的状态和逾期天数按导出当天计算。
上报与汇总：
  branchledger package --db 文件 [--out 上报数据包.zip]   导出上报数据包（默认名：支部代码-支部名称-上报-日期.zip）
  branchledger consolidate --db 汇总库.db 数据包.zip…     把各支部的上报数据包汇总到汇总库（新的同一支部数据包替换旧的）
  在汇总库上：export members 导出各支部的党员花名册，export branch-stats [期间] 导出各党支部督查整改统计表，
    export branch-ranking [期间] 导出各党支部考核排名表（按期间内支部月度考核的平均得分排名，不写期间为本年）。
退出码：0 成功；1 输入有误（原因见提示）；2 程序内部错误。`

// commands are the sub-commands the program answers on the command line.
var commands = map[string]func(c *cli, argv []string) error{
	"demo":        (*cli).demo,
	"import":      (*cli).importCmd,
	"export":      (*cli).export,
	"check":       (*cli).check,
	"backup":      (*cli).backup,
	"restore":     (*cli).restore,
	"package":     (*cli).packageCmd,
	"consolidate": (*cli).consolidate,
}

func isCommand(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	switch argv[0] {
	case "help", "-h", "--help", "/?":
		return true
	}
	_, ok := commands[argv[0]]
	return ok
}

// cli runs one sub-command; its output goes to out (results) and errOut (problems).
type cli struct {
	out, errOut io.Writer
	today       data.Date
	ctx         context.Context
}

// runCLI runs argv and returns the exit code of SPEC §10: 0 success, 1 bad input, 2 internal error.
func runCLI(argv []string, out, errOut io.Writer) int {
	c := &cli{out: out, errOut: errOut, today: data.Today(), ctx: context.Background()}
	if argv[0] == "help" || argv[0] == "-h" || argv[0] == "--help" || argv[0] == "/?" {
		fmt.Fprintln(out, usage)
		return 0
	}
	err := commands[argv[0]](c, argv[1:])
	if err == nil {
		return 0
	}
	fmt.Fprintln(errOut, "错误："+data.ErrorMessage(err))
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(errOut, "用法见：branchledger help")
		return 1
	}
	if data.ErrorCode(err) == data.EInternal {
		return 2
	}
	return 1
}

// open opens the data file; mustExist refuses to create a new empty file by mistake (a typo in
// --db must not look like an empty ledger).
func (c *cli) open(a args, mustExist bool) (*sqlite.DB, error) {
	path := a.get("db")
	if path == "" {
		var err error
		if path, err = defaultDataFile(); err != nil {
			return nil, err
		}
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」不存在，请检查 --db 后的路径", path))
		}
	}
	// A damaged file is bad input with a way out, not an internal error; and it is never written to.
	if err := sqlite.CheckFile(c.ctx, path); errors.Is(err, sqlite.ErrDamaged) {
		msg := data.ErrorMessage(err)
		if b, berr := sqlite.NewestGoodBackup(path); berr == nil {
			msg += fmt.Sprintf("。可以用最近的完好备份（%s）恢复：branchledger restore --db \"%s\" --from \"%s\"",
				b.Time.Format("2006-01-02 15:04"), path, b.Path)
		} else {
			msg += "。没有找到完好的备份：请先复制一份该文件交技术人员处理，不要继续往里写数据"
		}
		return nil, data.Errorf(data.EInvalid, msg)
	}
	return sqlite.Open(path)
}

func (c *cli) demo(argv []string) error {
	a, err := parseArgs(argv, []string{"db", "members", "months", "seed", "branch", "code"}, nil)
	if err != nil {
		return err
	}
	n, err := intOpt(a, "members", 60, 1, 100000)
	if err != nil {
		return err
	}
	seed, err := intOpt(a, "seed", demoSeed(a.get("code")), 0, 1<<62)
	if err != nil {
		return err
	}
	months, err := intOpt(a, "months", demo.DefaultMonths, 1, 120)
	if err != nil {
		return err
	}
	db, done, err := c.openForWrite(a, false)
	if err != nil {
		return err
	}
	defer done()
	existing, err := db.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」里已有 %d 名党员，演示数据只能写入新的或空的数据文件", db.Path(), len(existing)))
	}
	ds := demo.GenerateMonths(int64(seed), n, months, c.today)
	ds.Rename(a.get("branch"), a.get("code"))
	if err := demo.Load(c.ctx, db, ds); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已在「%s」生成演示数据：%s，%d 个党小组，%d 个班组，%d 名党员，近 %d 个月的 %d 次督查\n",
		db.Path(), ds.Branch.Name, len(ds.Groups), len(ds.Teams), len(ds.Members), months, len(ds.Inspections))
	return nil
}

func (c *cli) importCmd(argv []string) error {
	a, err := parseArgs(argv, []string{"db", "mode", "report"}, []string{"strict"})
	if err != nil {
		return err
	}
	if len(a.positional) != 2 || a.positional[0] != "members" {
		return usageErr("请写成：branchledger import members 花名册.xlsx --db 数据文件")
	}
	mode := data.ImportMode(a.get("mode"))
	switch mode {
	case "":
		mode = data.ImportSkip
	case data.ImportSkip, data.ImportUpdate, data.ImportAdd:
	default:
		return usageErr("--mode 只能是 skip、update 或 add，不能是 %s", mode)
	}
	parse, err := readRoster(a.positional[1], c.today)
	if err != nil {
		return err
	}
	db, done, err := c.openForWrite(a, false)
	if err != nil {
		return err
	}
	defer done()
	saved, err := db.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	data.MarkExisting(&parse, saved)
	plan := data.PlanImport(&parse, mode)
	c.printProblems(plan.Problems)
	if a.has("report") {
		if err := c.writeProblemReport(db, a.get("report"), plan); err != nil {
			return err
		}
	}
	if a.has("strict") && plan.ErrorRows > 0 {
		return data.Errorf(data.EInvalid, fmt.Sprintf("有 %d 行有错误，按 --strict 要求没有导入任何数据；请改正后重新导入", plan.ErrorRows))
	}
	res, err := db.ImportMembers(c.ctx, plan.Members, mode, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out, plan.Summary(res))
	return nil
}

// readRoster reads the first sheet of path that has a roster header.
func readRoster(path string, today data.Date) (data.RosterParse, error) {
	sheets, err := reports.ReadWorkbook(path)
	if err != nil {
		return data.RosterParse{}, err
	}
	var first error
	for _, s := range sheets {
		p, err := data.ParseRoster(s.Rows, today)
		if err == nil {
			return p, nil
		}
		if first == nil {
			first = data.Errorf(data.ErrorCode(err), "工作表「"+s.Name+"」："+data.ErrorMessage(err))
		}
	}
	if first == nil {
		first = data.Errorf(data.EInvalid, "「"+path+"」里没有工作表")
	}
	return data.RosterParse{}, first
}

// printProblems lists the first problems on errOut; the --report file holds them all.
func (c *cli) printProblems(ps []data.RowProblem) {
	const shown = 20
	for i, p := range ps {
		if i == shown {
			fmt.Fprintf(c.errOut, "……共 %d 个问题，完整清单请用 --report 导出\n", len(ps))
			break
		}
		field := p.Field
		if p.Value != "" {
			field += "「" + p.Value + "」"
		}
		fmt.Fprintf(c.errOut, "第%d行 %s：%s\n", p.Row, field, p.Reason)
	}
}

func (c *cli) writeProblemReport(db *sqlite.DB, path string, plan data.ImportPlan) error {
	all := append(append([]data.RowProblem{}, plan.Problems...), plan.Skipped...)
	sort.SliceStable(all, func(i, j int) bool { return all[i].Row < all[j].Row })
	meta, err := c.meta(db)
	if err != nil {
		return err
	}
	if err := reports.SaveFile(path, func(w io.Writer) error { return reports.WriteImportProblems(w, meta, all) }); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "问题清单已写入「%s」（%d 条）\n", path, len(all))
	return nil
}

func (c *cli) meta(db *sqlite.DB) (reports.Meta, error) {
	b, err := db.Branch(c.ctx)
	if err != nil && data.ErrorCode(err) != data.ENotFound {
		return reports.Meta{}, err
	}
	return reports.Meta{Branch: b.Name, Date: c.today}, nil
}

// exportSpec is one report of `export`: its name, its default period ("" when it has none) and
// the options it takes besides --db and --out.
type exportSpec struct {
	name   string
	period string // "month" or "year": the period used when none is given; "" = not by period
	extra  []string
	// build loads what the report needs and returns its writer and the line printed when done.
	build func(c *cli, db *sqlite.DB, x exportInput) (write func(io.Writer) error, done string, err error)
}

// exportInput is what an export is made from.
type exportInput struct {
	a      args
	period data.Period // zero for reports without one
	meta   reports.Meta
}

var (
	exports = map[string]exportSpec{
		"members":           {name: "党员花名册", extra: []string{"template"}, build: (*cli).exportMembers},
		"distribution":      {name: "党员分布表", build: (*cli).exportDistribution},
		"inspections":       {name: "党员督查检查台账", period: "month", build: (*cli).exportInspections},
		"rectifications":    {name: "问题整改销号台账", period: "year", extra: []string{"team", "category", "template"}, build: (*cli).exportRectifications},
		"monthly-review":    {name: "月度讲评表", period: "month", build: (*cli).exportReview},
		"branch-stats":      {name: "各党支部督查整改统计表", period: "month", build: (*cli).exportBranchStats},
		"branch-ranking":    {name: "各党支部考核排名表", period: "year", build: (*cli).exportBranchRanking},
		"welfare-check":     {name: "两堂一舍检查评分表", extra: []string{"check"}, build: (*cli).exportWelfareCheck},
		"welfare-summary":   {name: "两堂一舍检查汇总表", period: "month", build: (*cli).exportWelfareSummary},
		"welfare-items":     {name: "办实事(福利事项)台账", period: "year", extra: []string{"template"}, build: (*cli).exportWelfareItems},
		"satisfaction":      {name: "满意度调查统计表", period: "year", build: (*cli).exportSatisfaction},
		"branch-assessment": {name: "支部月度考核表", period: "month", build: (*cli).exportBranchAssessment},
		"member-points":     {name: "党员积分考核汇总表", period: "year", extra: []string{"template"}, build: (*cli).exportMemberPoints},
		"three-in-one":      {name: "“三位一体”考核表", period: "year", build: (*cli).exportThreeInOne},
	}
	exportOrder = []string{"members", "distribution", "inspections", "rectifications", "monthly-review", "branch-stats", "branch-ranking",
		"welfare-check", "welfare-summary", "welfare-items", "satisfaction", "branch-assessment", "member-points", "three-in-one"}
	periodOptions = []string{"period", "year", "from", "to"}
)

func (c *cli) export(argv []string) error {
	// Options only some reports take; the period options are checked by exportSpec.period.
	optional := []string{"team", "category", "template", "check"}
	a, err := parseArgs(argv, slices.Concat([]string{"db", "out"}, optional, periodOptions), nil)
	if err != nil {
		return err
	}
	if len(a.positional) != 1 {
		return usageErr("请写成：branchledger export 报表 --db 数据文件 --out 输出.xlsx（报表：%s）", exportList())
	}
	report := a.positional[0]
	spec, ok := exports[report]
	if !ok {
		return usageErr("报表「%s」还没有提供；现在可以导出：%s", report, exportList())
	}
	for _, o := range optional {
		if a.has(o) && !slices.Contains(spec.extra, o) {
			return usageErr("导出 %s（%s）时不能使用 --%s", report, spec.name, o)
		}
	}
	out := a.get("out")
	if out == "" {
		return usageErr("请用 --out 指定输出的 .xlsx 文件")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usageErr("输出文件应以 .xlsx 结尾：%s", out)
	}
	x := exportInput{a: a}
	if spec.period == "" {
		for _, o := range periodOptions {
			if a.has(o) {
				return usageErr("%s 不按期间导出，请去掉 --%s", spec.name, o)
			}
		}
	} else if x.period, err = c.period(a, spec.period); err != nil {
		return err
	}
	db, closeDB, err := c.openForRead(a)
	if err != nil {
		return err
	}
	defer closeDB()
	if x.meta, err = c.meta(db); err != nil {
		return err
	}
	x.meta.Period = x.period.Label
	write, done, err := spec.build(c, db, x)
	if err != nil {
		return err
	}
	if err := reports.SaveFile(out, write); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已导出%s到「%s」\n", done, out)
	return nil
}

func exportList() string {
	names := make([]string, len(exportOrder))
	for i, r := range exportOrder {
		names[i] = r + "（" + exports[r].name + "）"
	}
	return strings.Join(names, "、")
}

// period reads the period of a report from --period, --year or --from/--to (one of them); without
// any, def chooses the current month or year.
func (c *cli) period(a args, def string) (data.Period, error) {
	given := 0
	for _, o := range []string{"period", "year"} {
		if a.has(o) {
			given++
		}
	}
	if a.has("from") || a.has("to") {
		given++
	}
	if given > 1 {
		return data.Period{}, usageErr("--period、--year 和 --from/--to 只能选用一种来指定期间")
	}
	var p data.Period
	var err error
	switch {
	case a.has("period"):
		p, err = data.ParsePeriod(a.get("period"))
	case a.has("year"):
		y, convErr := strconv.Atoi(a.get("year"))
		if convErr != nil || y < 1900 || y > 9999 {
			return p, usageErr("--year 应为四位的年份，例如 --year 2026")
		}
		p = data.YearPeriod(y)
	case a.has("from") || a.has("to"):
		if !a.has("from") || !a.has("to") {
			return p, usageErr("--from 和 --to 要一起使用，例如 --from 2026-11-01 --to 2026-11-30")
		}
		var from, to data.Date
		if from, err = dateOpt(a, "from"); err == nil {
			if to, err = dateOpt(a, "to"); err == nil {
				p, err = data.RangePeriod(from, to)
			}
		}
	case def == "year":
		p = data.YearPeriod(c.today.Year)
	default:
		p = data.MonthPeriod(c.today.Year, c.today.Month)
	}
	if err != nil {
		return p, err
	}
	if p.From.After(c.today) {
		return p, data.Errorf(data.EInvalid, fmt.Sprintf("期间「%s」还没有开始，请换一个期间", p.Label))
	}
	return p, nil
}

func dateOpt(a args, name string) (data.Date, error) {
	d, err := data.ParseDate(a.get(name))
	if err != nil {
		return d, data.Errorf(data.EInvalid, fmt.Sprintf("--%s「%s」：%s", name, a.get(name), data.ErrorMessage(err)))
	}
	return d, nil
}

// pickName checks a name typed on the command line against the valid ones, listing them when it
// is not one of them.
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

func (c *cli) exportMembers(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	if cons, err := db.IsConsolidated(c.ctx); err != nil || cons {
		if err != nil {
			return nil, "", err
		}
		if x.a.has("template") {
			return nil, "", usageErr("汇总库导出花名册时不能使用 --template")
		}
		return c.exportConsolidatedMembers(db, x)
	}
	ms, err := db.Members(c.ctx, data.MemberFilter{})
	if err != nil {
		return nil, "", err
	}
	write := func(w io.Writer) error { return reports.WriteRoster(w, x.meta, ms) }
	return c.orTemplate(x, write, func() ([]string, [][]any) { return reports.RosterTable(x.meta, ms) }), fmt.Sprintf(" %d 名党员", len(ms)), nil
}

func (c *cli) exportDistribution(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	ms, err := db.Members(c.ctx, data.MemberFilter{})
	if err != nil {
		return nil, "", err
	}
	groups, err := db.Groups(c.ctx)
	if err != nil {
		return nil, "", err
	}
	teams, err := db.Teams(c.ctx)
	if err != nil {
		return nil, "", err
	}
	rows := reports.DistributionRows(ms, groups, teams)
	return func(w io.Writer) error { return reports.WriteDistribution(w, x.meta, rows) }, fmt.Sprintf(" %d 名党员", len(ms)), nil
}

func (c *cli) exportInspections(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	ins, err := db.Inspections(c.ctx, data.InspectionFilter{From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	teams, err := db.Teams(c.ctx)
	if err != nil {
		return nil, "", err
	}
	rows := reports.InspectionRows(ins, teams, c.today)
	findings := 0
	for _, in := range ins {
		findings += len(in.Findings)
	}
	return func(w io.Writer) error { return reports.WriteInspections(w, x.meta, rows) },
		fmt.Sprintf("%s的党员督查检查台账（%d 次督查，发现问题 %d 个）", x.period.Label, len(ins), findings), nil
}

// exportRectifications lists the findings found in the period, narrowed by --team and --category;
// states and lateness are today's (the only ones stored), as the sheet says.
func (c *cli) exportRectifications(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	teams, err := db.Teams(c.ctx)
	if err != nil {
		return nil, "", err
	}
	filter := data.FindingFilter{From: x.period.From, To: x.period.To}
	var printed reports.RectificationFilter
	if x.a.has("team") {
		names := make([]string, len(teams))
		for i, t := range teams {
			names[i] = t.Name
		}
		if printed.Team, err = pickName("班组", x.a.get("team"), names); err != nil {
			return nil, "", err
		}
		filter.TeamID = teams[slices.Index(names, printed.Team)].ID
	}
	if x.a.has("category") {
		cats, err := c.categories(db)
		if err != nil {
			return nil, "", err
		}
		if printed.Category, err = pickName("问题类别", x.a.get("category"), cats); err != nil {
			return nil, "", err
		}
		filter.Category = printed.Category
	}
	fs, err := db.Findings(c.ctx, filter)
	if err != nil {
		return nil, "", err
	}
	rows := reports.FindingRows(fs, teams, c.today)
	overdue := 0
	for _, r := range rows {
		if r.OverdueDays > 0 {
			overdue++
		}
	}
	write := func(w io.Writer) error { return reports.WriteRectifications(w, x.meta, printed, rows) }
	return c.orTemplate(x, write, func() ([]string, [][]any) { return reports.RectificationsTable(rows) }),
		fmt.Sprintf("%s的问题整改销号台账（%d 个问题，其中逾期 %d 个）", x.period.Label, len(rows), overdue), nil
}

// exportReview works out the period's figures from its inspections and every finding found by its
// end (those found earlier and still open count as 未销号).
func (c *cli) exportReview(db *sqlite.DB, x exportInput) (func(io.Writer) error, string, error) {
	ins, err := db.Inspections(c.ctx, data.InspectionFilter{From: x.period.From, To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	fs, err := db.Findings(c.ctx, data.FindingFilter{To: x.period.To})
	if err != nil {
		return nil, "", err
	}
	teams, err := db.Teams(c.ctx)
	if err != nil {
		return nil, "", err
	}
	cats, err := c.categories(db)
	if err != nil {
		return nil, "", err
	}
	st := data.ComputeFindingStats(x.period, c.today, ins, fs, cats, teams)
	open := reports.OpenFindingRows(fs, teams, st.AsOf)
	return func(w io.Writer) error { return reports.WriteMonthlyReview(w, x.meta, st, open) },
		fmt.Sprintf("%s的月度讲评表（督查 %d 次，发现问题 %d 个，未销号 %d 个，逾期 %d 个）", x.period.Label, st.Inspections, st.New, st.Open, st.Overdue), nil
}

// categories is the configured list of 问题类别 (the defaults when the list was never set).
func (c *cli) categories(db *sqlite.DB) ([]string, error) {
	cats, err := db.Options(c.ctx, data.ListFindingCategories)
	if len(cats) == 0 && err == nil {
		cats = data.DefaultFindingCategories
	}
	return cats, err
}

func (c *cli) check(argv []string) error {
	a, err := parseArgs(argv, []string{"db"}, nil)
	if err != nil {
		return err
	}
	db, closeDB, err := c.openForRead(a)
	if err != nil {
		return err
	}
	defer closeDB()
	problems, err := db.Verify(c.ctx, c.today)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(c.out, "数据文件「%s」检查通过，未发现问题\n", db.Path())
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(c.out, p)
	}
	return data.Errorf(data.EInvalid, fmt.Sprintf("数据文件检查发现 %d 个问题（见上）", len(problems)))
}

func intOpt(a args, name string, def, min, max int) (int, error) {
	if !a.has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(a.get(name))
	if err != nil || n < min || n > max {
		return 0, usageErr("--%s 应为 %d 到 %d 之间的整数", name, min, max)
	}
	return n, nil
}
