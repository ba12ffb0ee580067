package data

import "testing"

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
