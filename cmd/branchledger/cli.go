package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
  branchledger demo --db 文件 [--members N]        在新数据文件中生成演示数据
  branchledger import members 花名册.xlsx --db 文件 [--mode skip|update|add] [--report 问题清单.xlsx] [--strict]
  branchledger export members|distribution --db 文件 --out 输出.xlsx
  branchledger check --db 文件                    检查数据文件
导入方式 --mode：skip 跳过已有身份证号（默认），update 按身份证号更新，add 只新增（已有的算错误）。
--strict：任何一行有错误就什么也不导入。
退出码：0 成功；1 输入有误（原因见提示）；2 程序内部错误。`

// commands are the sub-commands the program answers on the command line.
var commands = map[string]func(c *cli, argv []string) error{
	"demo":   (*cli).demo,
	"import": (*cli).importCmd,
	"export": (*cli).export,
	"check":  (*cli).check,
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
	return sqlite.Open(path)
}

func (c *cli) demo(argv []string) error {
	a, err := parseArgs(argv, []string{"db", "members", "months", "seed"}, nil)
	if err != nil {
		return err
	}
	n, err := intOpt(a, "members", 60, 1, 100000)
	if err != nil {
		return err
	}
	seed, err := intOpt(a, "seed", 1, 0, 1<<62)
	if err != nil {
		return err
	}
	if a.has("months") {
		if _, err := intOpt(a, "months", 12, 1, 120); err != nil {
			return err
		}
	}
	db, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer db.Close()
	existing, err := db.Members(c.ctx, data.MemberFilter{IncludeLeft: true})
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		return data.Errorf(data.EInvalid, fmt.Sprintf("数据文件「%s」里已有 %d 名党员，演示数据只能写入新的或空的数据文件", db.Path(), len(existing)))
	}
	ds := demo.Generate(int64(seed), n, c.today)
	if err := demo.Load(c.ctx, db, ds); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已在「%s」生成演示数据：%s，%d 个党小组，%d 个班组，%d 名党员\n",
		db.Path(), ds.Branch.Name, len(ds.Groups), len(ds.Teams), len(ds.Members))
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
	db, err := c.open(a, false)
	if err != nil {
		return err
	}
	defer db.Close()
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

func (c *cli) export(argv []string) error {
	a, err := parseArgs(argv, []string{"db", "out", "period", "year", "template", "from", "to", "check"}, nil)
	if err != nil {
		return err
	}
	if len(a.positional) != 1 {
		return usageErr("请写成：branchledger export members --db 数据文件 --out 输出.xlsx")
	}
	out := a.get("out")
	if out == "" {
		return usageErr("请用 --out 指定输出的 .xlsx 文件")
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usageErr("输出文件应以 .xlsx 结尾：%s", out)
	}
	report := a.positional[0]
	if report != "members" && report != "distribution" {
		return usageErr("报表「%s」还没有提供；现在可以导出：members（党员花名册）、distribution（党员分布表）", report)
	}
	db, err := c.open(a, true)
	if err != nil {
		return err
	}
	defer db.Close()
	meta, err := c.meta(db)
	if err != nil {
		return err
	}
	ms, err := db.Members(c.ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	var write func(io.Writer) error
	switch report {
	case "members":
		write = func(w io.Writer) error { return reports.WriteRoster(w, meta, ms) }
	case "distribution":
		groups, err := db.Groups(c.ctx)
		if err != nil {
			return err
		}
		teams, err := db.Teams(c.ctx)
		if err != nil {
			return err
		}
		rows := reports.DistributionRows(ms, groups, teams)
		write = func(w io.Writer) error { return reports.WriteDistribution(w, meta, rows) }
	}
	if err := reports.SaveFile(out, write); err != nil {
		return err
	}
	fmt.Fprintf(c.out, "已导出 %d 名党员到「%s」\n", len(ms), out)
	return nil
}

func (c *cli) check(argv []string) error {
	a, err := parseArgs(argv, []string{"db"}, nil)
	if err != nil {
		return err
	}
	db, err := c.open(a, true)
	if err != nil {
		return err
	}
	defer db.Close()
	problems, err := db.Check(c.ctx, c.today)
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
