// Package benchkit serves the benchmarks: their budgets (see internal/benchreport, which make
// bench runs) and the process's own peak memory and CPU time, reported beside their time
// (peak-MiB, cpu-s/op): figures the Go runtime alone cannot give, since SQLite's and excelize's
// memory lives partly outside the Go heap.
package benchkit

import (
	"testing"
	"time"
)

// Budget is deferred first thing in a benchmark with the budget constants beside it
// (budgetBenchmarkX, and peakMiBBenchmarkX or 0): when the benchmark ends over its time per op,
// or the process's peak since the last ResetPeak is over peakMiB, it logs so, as make bench's
// report says it, for a benchmark run alone.
func Budget(b *testing.B, budget time.Duration, peakMiB float64) {
	if b.N == 0 {
		return
	}
	if per := b.Elapsed() / time.Duration(b.N); per > budget {
		b.Logf("over budget: %v per op, budget %v", per, budget)
	}
	if peak := PeakMiB(); peakMiB > 0 && peak > peakMiB {
		b.Logf("over budget: peak %.0f MiB, budget %.0f MiB", peak, peakMiB)
	}
}

// ResetPeak starts a new peak: the next PeakMiB reports the largest resident set since this call.
// It reports whether the system allows it (Linux does); elsewhere the peak is the process's.
func ResetPeak() bool { return resetPeak() }

// PeakMiB is the largest resident set of the process, in MiB, since the start or the last
// ResetPeak; 0 when the system does not tell.
func PeakMiB() float64 { return peakMiB() }

// CPUTime is the processor time (user and system) the process has used so far; 0 when the system
// does not tell.
func CPUTime() time.Duration { return cpuTime() }
