package data

import (
	"testing"
	"time"
)

func TestCountsText(t *testing.T) {
	for _, c := range []struct {
		counts map[string]int
		want   string
	}{
		{map[string]int{}, "党员 0 名、督查 0 次、问题 0 个"},
		{map[string]int{CountMembers: 52, CountInspections: 230, CountFindings: 410, "activity": 48, "petition": 3},
			"党员 52 名、督查 230 次、问题 410 个、组织生活 48 次、信访事项 3 件"},
	} {
		if got := CountsText(c.counts); got != c.want {
			t.Errorf("CountsText(%v) = %q, want %q", c.counts, got, c.want)
		}
	}
}

func TestReportedSince(t *testing.T) {
	dec := NewDate(2026, time.December, 1)
	for _, c := range []struct {
		exported time.Time
		want     bool
	}{
		{time.Date(2026, time.December, 1, 0, 5, 0, 0, time.Local), true},
		{time.Date(2026, time.December, 4, 8, 0, 0, 0, time.Local), true},
		{time.Date(2026, time.November, 30, 23, 55, 0, 0, time.Local), false},
		{time.Time{}, false},
	} {
		b := ConsolidatedBranch{ExportedAt: c.exported}
		if got := b.ReportedSince(dec); got != c.want {
			t.Errorf("exported %v: ReportedSince(%s) = %v, want %v", c.exported, dec, got, c.want)
		}
	}
}
