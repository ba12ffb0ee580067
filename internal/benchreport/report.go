package main

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Prefixes of the budget constants: budgetBenchmarkX is the time per op of BenchmarkX,
// peakMiBBenchmarkX its peak memory (its peak-MiB metric).
const (
	prefixTime = "budget"
	prefixPeak = "peakMiB"
	peakMetric = "peak-MiB"
)

// key names a benchmark: its package's import path and its name.
type key struct{ pkg, name string }

// budget is what a benchmark may take; zero fields are not budgeted.
type budget struct {
	time    time.Duration
	peakMiB float64
}

// result is one benchmark's line of go test output.
type result struct {
	key
	nsPerOp float64
	metrics map[string]float64 // by unit: peak-MiB, B/op, …
}

// goTestRun is what the output of go test -bench says.
type goTestRun struct {
	results  []result
	cpu      string   // the cpu: line
	failures []string // packages that failed, and the first line of each failure
}

var (
	benchLine  = regexp.MustCompile(`^(Benchmark\S*?)(?:-\d+)?\s+(\d+)\s+(.*)$`)
	procSuffix = regexp.MustCompile(`-\d+$`) // GOMAXPROCS after a benchmark's name
)

// parseOutput reads the output of go test -bench over one or more packages.
func parseOutput(r io.Reader) (goTestRun, error) {
	var run goTestRun
	pkg, pending := "", ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "pkg: "):
			pkg = strings.TrimSpace(strings.TrimPrefix(line, "pkg: "))
		case strings.HasPrefix(line, "cpu: "):
			run.cpu = strings.TrimSpace(strings.TrimPrefix(line, "cpu: "))
		case strings.HasPrefix(line, "--- FAIL"), strings.HasPrefix(line, "FAIL\t"), strings.HasPrefix(line, "panic: "):
			run.failures = append(run.failures, strings.TrimSpace(line))
		case strings.HasPrefix(line, "Benchmark"):
			// A benchmark that logs prints its name, the log, then its figures on a line of their own.
			m := benchLine.FindStringSubmatch(line)
			if m == nil {
				pending = strings.Fields(line)[0]
				continue
			}
			if res, ok := parseFigures(pkg, m[1], m[3]); ok {
				run.results = append(run.results, res)
			}
			pending = ""
		case pending != "":
			f := strings.Fields(line)
			if len(f) > 1 && isNumber(f[0]) && strings.Contains(line, "ns/op") {
				if res, ok := parseFigures(pkg, procSuffix.ReplaceAllString(pending, ""), strings.Join(f[1:], " ")); ok {
					run.results = append(run.results, res)
				}
				pending = ""
			}
		}
	}
	return run, sc.Err()
}

func isNumber(s string) bool { _, err := strconv.ParseFloat(s, 64); return err == nil }

// parseFigures reads "123 ns/op  45 B/op  6.5 peak-MiB" into a result.
func parseFigures(pkg, name, figures string) (result, bool) {
	r := result{key: key{pkg, name}, metrics: map[string]float64{}}
	f := strings.Fields(figures)
	for i := 0; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return r, false
		}
		r.metrics[f[i+1]] = v
	}
	ns, ok := r.metrics["ns/op"]
	r.nsPerOp = ns
	return r, ok
}

// modulePath is the module line of root's go.mod.
func modulePath(root string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", errors.New("go.mod names no module")
}

// findBudgets parses every _test.go file under root (module's root) for budget constants.
func findBudgets(root, module string) (map[key]budget, error) {
	out := map[key]budget{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "dist") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := path.Join(module, filepath.ToSlash(rel))
		return fileBudgets(fset, f, pkg, out)
	})
	return out, err
}

// fileBudgets adds the budget constants of f (a file of package pkg) to out.
func fileBudgets(fset *token.FileSet, f *ast.File, pkg string, out map[key]budget) error {
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, id := range vs.Names {
				var prefix string
				switch {
				case strings.HasPrefix(id.Name, prefixTime+"Benchmark"):
					prefix = prefixTime
				case strings.HasPrefix(id.Name, prefixPeak+"Benchmark"):
					prefix = prefixPeak
				default:
					continue
				}
				if i >= len(vs.Values) {
					return fmt.Errorf("%s: %s has no value of its own", fset.Position(id.Pos()), id.Name)
				}
				v, err := eval(vs.Values[i])
				if err != nil {
					return fmt.Errorf("%s: %s: %w", fset.Position(id.Pos()), id.Name, err)
				}
				k := key{pkg, strings.TrimPrefix(id.Name, prefix)}
				b := out[k]
				if prefix == prefixTime {
					b.time = time.Duration(v)
				} else {
					b.peakMiB = v
				}
				out[k] = b
			}
		}
	}
	return nil
}

// units are the time constants a budget may use.
var units = map[string]time.Duration{"Nanosecond": time.Nanosecond, "Microsecond": time.Microsecond,
	"Millisecond": time.Millisecond, "Second": time.Second, "Minute": time.Minute, "Hour": time.Hour}

// eval computes a constant expression of numbers, time units and + - * /.
func eval(e ast.Expr) (float64, error) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.INT && e.Kind != token.FLOAT {
			return 0, fmt.Errorf("not a number: %s", e.Value)
		}
		return strconv.ParseFloat(strings.ReplaceAll(e.Value, "_", ""), 64)
	case *ast.ParenExpr:
		return eval(e.X)
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok && x.Name == "time" {
			if u, ok := units[e.Sel.Name]; ok {
				return float64(u), nil
			}
		}
		return 0, fmt.Errorf("unknown constant %s", e.Sel.Name)
	case *ast.BinaryExpr:
		x, err := eval(e.X)
		if err != nil {
			return 0, err
		}
		y, err := eval(e.Y)
		if err != nil {
			return 0, err
		}
		switch e.Op {
		case token.MUL:
			return x * y, nil
		case token.QUO:
			return x / y, nil
		case token.ADD:
			return x + y, nil
		case token.SUB:
			return x - y, nil
		}
		return 0, fmt.Errorf("operator %s", e.Op)
	}
	return 0, fmt.Errorf("not a constant of numbers and time units")
}

// row is one benchmark of the report: its budget, its result (nil: not run).
type row struct {
	key
	short  string // the package within the module
	budget budget
	result *result
}

// join pairs budgets and results: every benchmark run, and every budget whose benchmark was not.
func join(module string, budgets map[key]budget, results []result) []row {
	var rows []row
	seen := map[key]bool{}
	for i := range results {
		r := &results[i]
		// A sub-benchmark (BenchmarkX/case) has the budget of its benchmark.
		top := key{r.pkg, strings.Split(r.name, "/")[0]}
		seen[r.key], seen[top] = true, true
		b, ok := budgets[r.key]
		if !ok {
			b = budgets[top]
		}
		rows = append(rows, row{key: r.key, budget: b, result: r})
	}
	for k, b := range budgets {
		if !seen[k] {
			rows = append(rows, row{key: k, budget: b})
		}
	}
	for i := range rows {
		rows[i].short = strings.TrimPrefix(strings.TrimPrefix(rows[i].pkg, module), "/")
		if rows[i].short == "" {
			rows[i].short = "."
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.name, b.name)) })
	return rows
}

// overBudget is a line per budget the row's result exceeds.
func (r row) overBudget() []string {
	if r.result == nil {
		return nil
	}
	var out []string
	if t := time.Duration(r.result.nsPerOp); r.budget.time > 0 && t > r.budget.time {
		out = append(out, fmt.Sprintf("over budget: %s (%s): %s per op, budget %s", r.name, r.short, showTime(t), showTime(r.budget.time)))
	}
	if p, ok := r.result.metrics[peakMetric]; ok && r.budget.peakMiB > 0 && p > r.budget.peakMiB {
		out = append(out, fmt.Sprintf("over budget: %s (%s): peak %.0f MiB, budget %.0f MiB", r.name, r.short, p, r.budget.peakMiB))
	}
	return out
}

// render writes the report.
func render(w io.Writer, rows []row, m machine, now time.Time) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Benchmarks")
	fmt.Fprintln(bw)
	fmt.Fprintln(bw, "Generated by `make bench` (`internal/benchreport`); do not edit: run `make bench` again. A budget is")
	fmt.Fprintln(bw, "the constant `budget<Benchmark>` (time per op) or `peakMiB<Benchmark>` (peak resident memory) beside")
	fmt.Fprintln(bw, "the benchmark in its `_test.go` file.")
	fmt.Fprintln(bw)
	fmt.Fprintf(bw, "Measured on %s, %s.\n\n", m, now.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintln(bw, "| benchmark | package | budget | measured | peak MiB (budget) | |")
	fmt.Fprintln(bw, "|---|---|---|---|---|---|")
	for _, r := range rows {
		budgetText, measured, peak, verdict := "—", "not run", "", "not run"
		if r.budget.time > 0 {
			budgetText = "< " + showTime(r.budget.time)
		}
		if r.result != nil {
			measured = showTime(time.Duration(r.result.nsPerOp))
			switch {
			case len(r.overBudget()) > 0:
				verdict = "**over budget**"
			case r.budget == budget{}:
				verdict = "no budget"
			default:
				verdict = "ok"
			}
		}
		if r.result != nil {
			if p, ok := r.result.metrics[peakMetric]; ok {
				peak = fmt.Sprintf("%.0f", p)
			}
		}
		if r.budget.peakMiB > 0 {
			peak = strings.TrimSpace(fmt.Sprintf("%s (< %.0f)", peak, r.budget.peakMiB))
		}
		fmt.Fprintf(bw, "| %s | %s | %s | %s | %s | %s |\n", r.name, r.short, budgetText, measured, peak, verdict)
	}
	return bw.Flush()
}

// showTime is a duration with three significant digits: 4.83 s, 356 ms, 12.3 µs.
func showTime(d time.Duration) string {
	v, unit := float64(d), "ns"
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{time.Second, "s"}, {time.Millisecond, "ms"}, {time.Microsecond, "µs"}} {
		if d >= u.d {
			v, unit = float64(d)/float64(u.d), u.name
			break
		}
	}
	return strconv.FormatFloat(v, 'f', max(0, 2-digitsBefore(v)), 64) + " " + unit
}

func digitsBefore(v float64) int {
	n := 0
	for ; v >= 10; v /= 10 {
		n++
	}
	return n
}

// procField is the value of the first "name : value" line of a /proc file; "" when there is none.
func procField(file, name string) string {
	raw, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
