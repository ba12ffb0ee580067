package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"branchledger/data"
	"branchledger/data/demo"
	"branchledger/data/sqlite"
	"branchledger/reports"
	"branchledger/reports/catalog"
)

// usage is the help: the commands' own lines (commands) and what they share.
const usage = `支部台账 命令行用法：
  branchledger                                   打开图形界面（默认数据文件）
  branchledger --db 文件                          用指定的数据文件打开图形界面
%COMMANDS%
写入数据文件的命令（demo、import、restore、consolidate）在图形界面打开着同一数据文件时不会执行。
每个命令后加 --help 显示该命令的用法。
导出的报表（export --list 列出每张报表的编号、期间和选项）：
%REPORTS%
--template：用集团下发的 Excel 模板（含 {{支部名称}}、{{期间}}、{{填报日期}} 和一行 {{列:表头}}）代替标准格式。
期间：--period 2026-11（月），也可写 2026-Q4（季度）、2026（年）或 2026-11-01~2026-11-15；
  或 --year 2026；或 --from 2026-11-01 --to 2026-11-30。不写期间时按上表导出本月或本年。
  台账中的状态和逾期天数按导出当天计算。
在汇总库上，export members 导出各支部的党员花名册；标有“仅汇总库”的报表只能在汇总库上导出。
退出码：0 成功；1 输入有误（原因见提示）；2 程序内部错误。`

// command is one sub-command: its lines of the help, the options it reads and what it does.
type command struct {
	name     string
	usage    string   // "  branchledger demo --db 文件 …  说明", one or more lines
	opts     []string // options with a value (--db 文件)
	switches []string // options without one (--strict)
	run      func(c *cli, a args) error
	hidden   bool // left out of the help (the developers' self-tests)
}

// commands are the sub-commands, in the order of the help.
var commands = []command{
	{name: "demo", usage: `  branchledger demo --db 文件 [--members N] [--months M]  在新数据文件中生成演示数据（M 个月的督查，默认 12）
      [--branch 支部名称 --code 支部代码]              演示另一个党支部（试用汇总时，每个支部用一个数据文件）`,
		opts: []string{"db", "members", "months", "seed", "branch", "code"}, run: (*cli).demo},
	{name: "import", usage: `  branchledger import members 花名册.xlsx --db 文件 [--mode skip|update|add] [--report 问题清单.xlsx] [--strict]
      导入方式 --mode：skip 跳过已有身份证号（默认），update 按身份证号更新，add 只新增（已有的算错误）；
      --strict：任何一行有错误就什么也不导入。
  branchledger import dues-base 工资表.xlsx --db 文件 --from 2026-01 [--report 问题清单.xlsx] [--strict]
      按身份证号导入党员的党费计算基数（月工资收入），从 --from 所写的月份起执行。
  branchledger import activities 组织生活记录台账.xlsx --db 文件 [--report 问题清单.xlsx] [--strict]
      导入按组织生活记录台账（R12）格式的会议记录；姓名须与党员名册一致。`,
		opts: []string{"db", "mode", "report", "from"}, switches: []string{"strict"}, run: (*cli).importCmd},
	{name: "export", usage: `  branchledger export 报表 --db 文件 --out 输出.xlsx [期间] [--team 班组] [--category 问题类别] [--check 编号] [--person 编号或身份证号] [--activity 编号] [--template 模板.xlsx]
  branchledger export --list                      列出可以导出的全部报表`,
		opts:     exportOptions(),
		switches: []string{"list"}, run: (*cli).export},
	{name: "check", usage: "  branchledger check --db 文件                    检查数据文件（结构完整性和数据间的一致性）",
		opts: []string{"db"}, run: (*cli).check},
	{name: "backup", usage: "  branchledger backup --db 文件 --out 备份.db      把数据文件备份到指定位置",
		opts: []string{"db", "out"}, run: (*cli).backup},
	{name: "restore", usage: "  branchledger restore --db 文件 --from 备份.db    用备份替换数据文件（原文件保存在数据文件旁的“备份”文件夹）",
		opts: []string{"db", "from"}, run: (*cli).restore},
	{name: "package", usage: "  branchledger package --db 文件 [--out 上报数据包.zip]   导出上报数据包（默认名：支部代码-支部名称-上报-日期.zip）",
		opts: []string{"db", "out"}, run: (*cli).packageCmd},
	{name: "consolidate", usage: "  branchledger consolidate --db 汇总库.db 数据包.zip…     把各支部的上报数据包汇总到汇总库（新的同一支部数据包替换旧的）",
		opts: []string{"db"}, run: (*cli).consolidate},
	{name: "selftest-ime", usage: "  branchledger selftest-ime    检查 Windows 输入法窗口是否跟随光标（开发用）",
		run: (*cli).selftestIME, hidden: true},
	{name: "selftest-print", usage: "  branchledger selftest-print [--wait 秒]   导出一张报表后按“打印”（开发用）",
		opts: []string{"wait"}, run: (*cli).selftestPrint, hidden: true},
}

// usageText is the help: the commands' lines and the catalogue's reports as export --list prints them.
func usageText() string {
	var lines []string
	for _, cmd := range commands {
		if !cmd.hidden {
			lines = append(lines, cmd.usage)
		}
	}
	return strings.NewReplacer("%COMMANDS%", strings.Join(lines, "\n"),
		"%REPORTS%", "  "+strings.Join(catalog.Lines(), "\n  ")).Replace(usage)
}

// isHelp is any of the ways to ask for help.
func isHelp(s string) bool { return slices.Contains([]string{"help", "-h", "--help", "/?"}, s) }

// isCommand says whether argv is for the command line: help, or a word that is not an option or
// a data file to open (so a mistyped command is answered on the command line, not by a window).
func isCommand(argv []string) bool {
	return len(argv) > 0 && (isHelp(argv[0]) ||
		!strings.HasPrefix(argv[0], "-") && !strings.EqualFold(filepath.Ext(argv[0]), sqlite.DataFileExt))
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
	if isHelp(argv[0]) {
		fmt.Fprintln(out, usageText())
		return 0
	}
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == argv[0] })
	if i < 0 {
		fmt.Fprintf(errOut, "错误：不认识的命令「%s」。用法见：branchledger help\n", argv[0])
		return 1
	}
	cmd := commands[i]
	if slices.ContainsFunc(argv[1:], isHelp) {
		fmt.Fprintln(out, "用法：\n"+cmd.usage)
		return 0
	}
	a, err := parseArgs(argv[1:], cmd.opts, cmd.switches)
	if err == nil {
		err = cmd.run(c, a)
	}
	return c.exitCode(err, cmd)
}

// exitCode says what went wrong with cmd (nothing for nil) and returns the exit code of SPEC §10.
func (c *cli) exitCode(err error, cmd command) int {
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(c.errOut, "错误：%s\n用法：\n%s\n", ue.msg, cmd.usage)
		return 1
	}
	fmt.Fprintln(c.errOut, "错误："+data.ErrorMessage(err))
	if data.ErrorCode(err) == data.EInternal {
		return 2
	}
	return 1
}

func (c *cli) demo(a args) error {
	n, err := intOpt(a, "members", 60, 1, 100000)
	if err != nil {
		return err
	}
	seed, err := intOpt(a, "seed", int(demo.SeedFor(a.get("code"))), 0, 1<<62)
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
	ds := demo.GenerateMonths(int64(seed), n, months, c.today)
	ds.Rename(a.get("branch"), a.get("code"))
	if err := demo.Load(c.ctx, db, ds); err != nil {
		return err
	}
	// The roster also holds the 预备党员 that the demo's recruitment made.
	members, err := db.Members(c.ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	recruited := ""
	if n := len(members) - len(ds.Members); n > 0 {
		recruited = fmt.Sprintf("（另有发展党员工作中接收的 %d 名党员）", n)
	}
	fmt.Fprintf(c.out, "已在「%s」生成演示数据：%s，%d 个党小组，%d 个班组，%d 名党员%s，近 %d 个月的 %d 次督查\n",
		db.Path(), ds.Branch.Name, len(ds.Groups), len(ds.Teams), len(ds.Members), recruited, months, len(ds.Inspections))
	return nil
}

func (c *cli) importCmd(a args) error {
	if len(a.positional) == 2 && a.positional[0] == "dues-base" {
		return c.importDuesBase(a)
	}
	if len(a.positional) == 2 && a.positional[0] == "activities" {
		return c.importActivities(a)
	}
	if len(a.positional) != 2 || a.positional[0] != "members" {
		return usageErr("请写成：branchledger import members 花名册.xlsx --db 数据文件")
	}
	mode, err := data.ParseImportMode(a.get("mode"))
	if err != nil {
		return usageErr("%s", data.ErrorMessage(err))
	}
	_, parse, err := reports.ReadRoster(a.positional[1], c.today)
	if err != nil {
		return err
	}
	return c.importRows(a, func(db *sqlite.DB) (rowsImport, error) {
		saved, err := db.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
		if err != nil {
			return rowsImport{}, err
		}
		data.MarkExisting(&parse, saved)
		plan := data.PlanImport(&parse, mode)
		return rowsImport{plan.Problems, plan.Report(), plan.ErrorRows, func() (string, error) {
			res, err := db.ImportMembers(c.ctx, plan.Members, mode, nil)
			return plan.Summary(res), err
		}}, nil
	})
}

// rowsImport is an import planned from a file: its problems, the list --report writes, how many
// rows have errors, and apply, which imports the rest and says what it did.
type rowsImport struct {
	problems, report []data.RowProblem
	errorRows        int
	apply            func() (string, error)
}

// importRows runs an import command: it opens the data file, plans the import, prints its errors
// and writes its problem list with --report, refuses the whole import with --strict when a row has
// errors, and applies it.
func (c *cli) importRows(a args, plan func(db *sqlite.DB) (rowsImport, error)) error {
	db, done, err := c.openForWrite(a, false)
	if err != nil {
		return err
	}
	defer done()
	if err := db.CheckImportable(c.ctx); err != nil {
		return err
	}
	p, err := plan(db)
	if err != nil {
		return err
	}
	c.printProblems(p.problems)
	if a.has("report") {
		if err := c.writeProblemReport(db, a.get("report"), p.report); err != nil {
			return err
		}
	}
	if a.has("strict") && p.errorRows > 0 {
		return data.Errorf(data.EInvalid, fmt.Sprintf("有 %d 行有错误，按 --strict 要求没有导入任何数据；请改正后重新导入", p.errorRows))
	}
	line, err := p.apply()
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out, line)
	return nil
}

// printProblems lists the first problems on errOut; the --report file holds them all.
func (c *cli) printProblems(ps []data.RowProblem) {
	const shown = 20
	for i, p := range ps {
		if i == shown {
			fmt.Fprintf(c.errOut, "……共 %d 个问题，完整清单请用 --report 导出\n", len(ps))
			break
		}
		fmt.Fprintln(c.errOut, p)
	}
}

func (c *cli) writeProblemReport(db *sqlite.DB, path string, all []data.RowProblem) error {
	meta, err := catalog.Heading(c.ctx, db, c.today)
	if err != nil {
		return err
	}
	if err := reports.SaveFile(path, func(w io.Writer) error { return reports.WriteImportProblems(w, meta, all) }); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "问题清单已写入「%s」（%d 条）\n", path, len(all))
	return nil
}

// exportOptions are the options of export: the file's and those the catalogue reads.
func exportOptions() []string { return append([]string{"db", "out"}, catalog.ArgNames()...) }

// export writes one report of the catalogue (reports/catalog); `export --list` lists them.
func (c *cli) export(a args) error {
	if a.has("list") {
		fmt.Fprintln(c.out, strings.Join(catalog.Lines(), "\n"))
		return nil
	}
	if len(a.positional) != 1 {
		return usageErr("请写成：branchledger export 报表 --db 数据文件 --out 输出.xlsx（报表：%s）", catalog.Names())
	}
	r, ok := catalog.ByCLI(a.positional[0])
	if !ok {
		return usageErr("报表「%s」还没有提供；现在可以导出：%s", a.positional[0], catalog.Names())
	}
	in, err := r.ReadArgs(a.get, c.today)
	if err != nil {
		return usageErr("%s", data.ErrorMessage(err))
	}
	out := a.get("out")
	if out == "" {
		return usageErr("请用 --out 指定输出的 .xlsx 文件")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usageErr("输出文件应以 .xlsx 结尾：%s", out)
	}
	db, closeDB, err := c.openForRead(a)
	if err != nil {
		return err
	}
	defer closeDB()
	if in.Meta, err = catalog.Heading(c.ctx, db, c.today); err != nil {
		return err
	}
	in.Writable = !db.ReadOnly()
	res, err := r.Load(c.ctx, db, in)
	if err != nil {
		return err
	}
	if res.Notice != "" {
		fmt.Fprintln(c.out, res.Notice)
	}
	write := res.Write
	if a.has("template") {
		write = func(w io.Writer) error { return res.FillTemplate(a.get("template"), w) }
	}
	if err := reports.SaveFile(out, write); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已导出%s到「%s」\n", res.Summary, out)
	return nil
}

func (c *cli) check(a args) error {
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
