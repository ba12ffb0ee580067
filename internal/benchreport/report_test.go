package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sample is go test -bench output over two packages: plain figures, -benchmem, a custom metric,
// a benchmark that logs between its name and its figures, and a failed package.
const sample = `goos: linux
goarch: amd64
pkg: example.com/m/data/sqlite
cpu: Test CPU @ 2.0GHz
BenchmarkConsolidate300-2   	       1	6200000000 ns/op	        3.10 cpu-s/op	       120.5 peak-MiB	141704088 B/op	 2445194 allocs/op
BenchmarkFast-2             	 1000000	      1234 ns/op
BenchmarkSearch/张-2         	   10000	  30000000 ns/op
BenchmarkSearch/zjg-2        	   10000	    150000 ns/op
BenchmarkLogs-2             	
    x_test.go:12: warming up
       3	 400000000 ns/op
PASS
ok  	example.com/m/data/sqlite	41.074s
goos: linux
goarch: amd64
pkg: example.com/m/reports
cpu: Test CPU @ 2.0GHz
BenchmarkWriteRoster10k-2   	      10	 150000000 ns/op	       350.0 peak-MiB
--- FAIL: BenchmarkBroken
FAIL	example.com/m/reports	3.2s
`

// budgets is the _test.go file of each package, with the conventions' constants.
var budgets = map[string]string{
	"data/sqlite/x_test.go": `package sqlite

import "time"

const (
	budgetBenchmarkConsolidate300  = 5 * time.Second
	peakMiBBenchmarkConsolidate300 = 250
)

const budgetBenchmarkLogs = 1500 * time.Millisecond

const budgetBenchmarkSearch = 20 * time.Millisecond

const budgetBenchmarkNeverRun = (2 * time.Minute) / 4

var budgetBenchmarkNotAConstant = 1
`,
	"reports/y_test.go": `package reports

import "time"

const budgetBenchmarkWriteRoster10k, peakMiBBenchmarkWriteRoster10k = 2 * time.Second, 300
`,
}

func writeModule(t *testing.T) string {
	root := t.TempDir()
	files := map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n"}
	for name, text := range budgets {
		files[name] = text
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestParseOutput(t *testing.T) {
	run, err := parseOutput(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if run.cpu != "Test CPU @ 2.0GHz" {
		t.Errorf("cpu %q", run.cpu)
	}
	want := map[key]float64{
		{"example.com/m/data/sqlite", "BenchmarkConsolidate300"}: 6.2e9,
		{"example.com/m/data/sqlite", "BenchmarkFast"}:           1234,
		{"example.com/m/data/sqlite", "BenchmarkLogs"}:           4e8,
		{"example.com/m/data/sqlite", "BenchmarkSearch/张"}:       3e7,
		{"example.com/m/data/sqlite", "BenchmarkSearch/zjg"}:     1.5e5,
		{"example.com/m/reports", "BenchmarkWriteRoster10k"}:     1.5e8,
	}
	if len(run.results) != len(want) {
		t.Fatalf("results %+v", run.results)
	}
	for _, r := range run.results {
		if want[r.key] != r.nsPerOp {
			t.Errorf("%v: %v ns/op, want %v", r.key, r.nsPerOp, want[r.key])
		}
	}
	if p := run.results[0].metrics[peakMetric]; p != 120.5 {
		t.Errorf("peak %v", p)
	}
	if len(run.failures) != 2 {
		t.Errorf("failures %q", run.failures)
	}
}

func TestFindBudgets(t *testing.T) {
	root := writeModule(t)
	got, err := findBudgets(root, "example.com/m")
	if err != nil {
		t.Fatal(err)
	}
	want := map[key]budget{
		{"example.com/m/data/sqlite", "BenchmarkConsolidate300"}: {5 * time.Second, 250},
		{"example.com/m/data/sqlite", "BenchmarkLogs"}:           {1500 * time.Millisecond, 0},
		{"example.com/m/data/sqlite", "BenchmarkNeverRun"}:       {30 * time.Second, 0},
		{"example.com/m/data/sqlite", "BenchmarkSearch"}:         {20 * time.Millisecond, 0},
		{"example.com/m/reports", "BenchmarkWriteRoster10k"}:     {2 * time.Second, 300},
	}
	if len(got) != len(want) {
		t.Fatalf("budgets %+v", got)
	}
	for k, b := range want {
		if got[k] != b {
			t.Errorf("%v: %+v, want %+v", k, got[k], b)
		}
	}
}

// The report has a row per benchmark, run or budgeted, and the run ends with a line per budget
// exceeded (time and peak separately) after the failures.
func TestRun(t *testing.T) {
	root := writeModule(t)
	in := filepath.Join(root, "bench.txt")
	out := filepath.Join(root, "BENCHMARKS.md")
	os.WriteFile(in, []byte(sample), 0o644)
	var stdout strings.Builder
	err := run(in, out, root, &stdout)
	if err == nil || !strings.Contains(err.Error(), "failed") {
		t.Errorf("a failed package is an error: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	wantTail := []string{
		"over budget: BenchmarkConsolidate300 (data/sqlite): 6.20 s per op, budget 5.00 s",
		"over budget: BenchmarkSearch/张 (data/sqlite): 30.0 ms per op, budget 20.0 ms",
		"over budget: BenchmarkWriteRoster10k (reports): peak 350 MiB, budget 300 MiB",
	}
	if len(lines) < len(wantTail) || strings.Join(lines[len(lines)-len(wantTail):], "\n") != strings.Join(wantTail, "\n") {
		t.Errorf("output:\n%s", stdout.String())
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	report := string(raw)
	for _, want := range []string{
		"Test CPU @ 2.0GHz, ",
		"| BenchmarkConsolidate300 | data/sqlite | < 5.00 s | 6.20 s | 120 (< 250) | **over budget** |",
		"| BenchmarkFast | data/sqlite | — | 1.23 µs |  | no budget |",
		"| BenchmarkLogs | data/sqlite | < 1.50 s | 400 ms |  | ok |",
		"| BenchmarkNeverRun | data/sqlite | < 30.0 s | not run |  | not run |",
		"| BenchmarkSearch/zjg | data/sqlite | < 20.0 ms | 150 µs |  | ok |",
		"| BenchmarkWriteRoster10k | reports | < 2.00 s | 150 ms | 350 (< 300) | **over budget** |",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
}

func TestShowTime(t *testing.T) {
	for d, want := range map[time.Duration]string{
		4830 * time.Millisecond: "4.83 s", 356 * time.Millisecond: "356 ms", 12300 * time.Nanosecond: "12.3 µs",
		17 * time.Nanosecond: "17.0 ns", 20 * time.Second: "20.0 s",
	} {
		if got := showTime(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}
