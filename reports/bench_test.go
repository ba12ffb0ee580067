package reports

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"branchledger/data"
	"branchledger/internal/benchkit"
)

// benchMembers makes n members with every R1 field filled.
func benchMembers(n int) []data.Member {
	base := testMembers()
	ms := make([]data.Member, n)
	for i := range ms {
		m := base[i%len(base)]
		m.Name = fmt.Sprintf("%s%d", m.Name, i)
		m.IDNumber = data.IDNumberWithCheck(fmt.Sprintf("130502%s%03d", m.BirthDate.Time().Format("20060102"), i%1000))
		m.Mobile = fmt.Sprintf("139%08d", i)
		m.Address = fmt.Sprintf("邢台市信都区钢铁路%d号院%d栋", i%500, i%30)
		ms[i] = m
	}
	return ms
}

// benchWrite times write of a report to a file named name, from a fresh peak, and reports the
// peak resident size and the file's size: the loop of every export benchmark.
func benchWrite(b *testing.B, name string, write func(w io.Writer) error) {
	b.Helper()
	path := b.TempDir() + "/" + name
	runtime.GC()
	benchkit.ResetPeak()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := write(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if peak := benchkit.PeakMiB(); peak > 0 {
		b.ReportMetric(peak, "peak-MiB")
	}
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MiB")
	}
}

const (
	budgetBenchmarkWriteRoster10k  = 2 * time.Second
	peakMiBBenchmarkWriteRoster10k = 300
)

// BenchmarkWriteRoster10k exports an R1 of 10,000 members (targets: < 2 s, < 300 MiB peak).
// peak-MiB is the process's peak resident size (VmHWM), reset before the loop.
func BenchmarkWriteRoster10k(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkWriteRoster10k, peakMiBBenchmarkWriteRoster10k)
	ms := benchMembers(10000)
	benchWrite(b, "r1.xlsx", func(w io.Writer) error { return WriteRoster(w, testMeta, ms) })
}

const (
	budgetBenchmarkWriteRectifications100k  = 5 * time.Second
	peakMiBBenchmarkWriteRectifications100k = 300
)

// BenchmarkWriteRectifications100k exports an R3 of 100,000 findings (targets: < 5 s, < 300 MiB
// peak), every text column filled, one in three overdue.
func BenchmarkWriteRectifications100k(b *testing.B) {
	defer benchkit.Budget(b, budgetBenchmarkWriteRectifications100k, peakMiBBenchmarkWriteRectifications100k)
	base := testFindings()
	fs := make([]data.Finding, 100000)
	for i := range fs {
		f := base[i%len(base)]
		f.Description = fmt.Sprintf("%s（第%d项）", f.Description, i)
		f.Measures = fmt.Sprintf("落实责任人，%d日内整改到位", i%30+1)
		f.Progress = "已整改，待复查"
		f.Responsible = fmt.Sprintf("责任人%d", i%200)
		fs[i] = f
	}
	rows := FindingRows(fs, reviewTeam, asOf)
	benchWrite(b, "r3.xlsx", func(w io.Writer) error { return WriteRectifications(w, monthMeta, RectificationFilter{}, rows) })
}
