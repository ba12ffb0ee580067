// Command benchreport writes BENCHMARKS.md from the output of `go test -bench` (make bench): a
// row per benchmark with its budget, the measured figure, the machine and the date, so that the
// figures the README points to are never typed by hand. A budget is a constant beside its
// benchmark in the same _test.go file, found by parsing the files:
//
//	const budgetBenchmarkConsolidate300 = 5 * time.Second // time per op
//	const peakMiBBenchmarkConsolidate300 = 250             // peak memory, against a peak-MiB metric
//
// It ends with one line per benchmark over its budget.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"
)

func main() {
	in := flag.String("in", "-", "the output of go test -bench (- for standard input)")
	out := flag.String("out", "BENCHMARKS.md", "the file to write")
	root := flag.String("root", ".", "the module's root, whose _test.go files hold the budgets")
	flag.Parse()
	if err := run(*in, *out, *root, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func run(in, out, root string, stdout io.Writer) error {
	r := io.Reader(os.Stdin)
	if in != "-" {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	run, err := parseOutput(r)
	if err != nil {
		return err
	}
	module, err := modulePath(root)
	if err != nil {
		return err
	}
	budgets, err := findBudgets(root, module)
	if err != nil {
		return err
	}
	rows := join(module, budgets, run.results)
	m := thisMachine(run.cpu)
	if err := writeFile(out, func(w io.Writer) error { return render(w, rows, m, time.Now()) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "benchreport: wrote %s: %d benchmarks on %s\n", out, len(rows), m)
	for _, f := range run.failures {
		fmt.Fprintln(stdout, "failed:", f)
	}
	over := 0
	for _, r := range rows {
		for _, line := range r.overBudget() {
			fmt.Fprintln(stdout, line)
			over++
		}
	}
	if len(run.failures) > 0 {
		return fmt.Errorf("%d packages failed", len(run.failures))
	}
	if over == 0 {
		fmt.Fprintln(stdout, "every budget met")
	}
	return nil
}

// writeFile writes path through a temporary file, so a failure leaves the old one.
func writeFile(path string, write func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// machine is what the figures were measured on.
type machine struct {
	cpu    string
	cores  int
	ramGiB float64
	osArch string
}

func (m machine) String() string {
	s := fmt.Sprintf("%s, %d cores", m.cpu, m.cores)
	if m.ramGiB > 0 {
		s += fmt.Sprintf(", %.0f GiB RAM", m.ramGiB)
	}
	return s + ", " + m.osArch
}

// thisMachine describes the machine running the report, which is the one that ran the benchmarks
// (make bench runs both); cpu is the model go test printed, if any.
func thisMachine(cpu string) machine {
	m := machine{cpu: cpu, cores: runtime.NumCPU(), osArch: runtime.GOOS + "/" + runtime.GOARCH}
	if m.cpu == "" {
		m.cpu = procField("/proc/cpuinfo", "model name")
	}
	if m.cpu == "" {
		m.cpu = "unknown CPU"
	}
	var kib float64
	if _, err := fmt.Sscanf(procField("/proc/meminfo", "MemTotal"), "%g kB", &kib); err == nil {
		m.ramGiB = kib / (1 << 20)
	}
	return m
}
