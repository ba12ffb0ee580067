package data

import (
	"strings"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in       string
		from, to Date
		label    string
	}{
		{"2026-11", Date{2026, 11, 1}, Date{2026, 11, 30}, "2026年11月"},
		{"2026年2月", Date{2026, 2, 1}, Date{2026, 2, 28}, "2026年2月"},
		{"2024.02", Date{2024, 2, 1}, Date{2024, 2, 29}, "2024年2月"},
		{"2026-12", Date{2026, 12, 1}, Date{2026, 12, 31}, "2026年12月"},
		{"2026", Date{2026, 1, 1}, Date{2026, 12, 31}, "2026年"},
		{"2026-Q4", Date{2026, 10, 1}, Date{2026, 12, 31}, "2026年第四季度"},
		{"2026年第一季度", Date{2026, 1, 1}, Date{2026, 3, 31}, "2026年第一季度"},
		{"2026-11-01~2026-11-15", Date{2026, 11, 1}, Date{2026, 11, 15}, "2026-11-01至2026-11-15"},
		{"2026.11.1至2026.11.15", Date{2026, 11, 1}, Date{2026, 11, 15}, "2026-11-01至2026-11-15"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil || p.From != tt.from || p.To != tt.to || p.Label != tt.label {
			t.Errorf("ParsePeriod(%q) = %+v, %v", tt.in, p, err)
		}
	}
	for _, bad := range []string{"", "2026-13", "十一月", "2026-11-15~2026-11-01"} {
		if _, err := ParsePeriod(bad); err == nil || ErrorCode(err) != EInvalid {
			t.Errorf("ParsePeriod(%q) accepted: %v", bad, err)
		}
	}
	if _, err := ParsePeriod("2026-11-15~2026-11-01"); !strings.Contains(err.Error(), "不能早于") {
		t.Errorf("reversed range: %v", err)
	}
}

func TestWeekOf(t *testing.T) {
	for _, d := range []Date{{2026, 11, 23}, {2026, 11, 26}, {2026, 11, 29}} {
		w := WeekOf(d)
		if w.From != (Date{2026, 11, 23}) || w.To != (Date{2026, 11, 29}) || !strings.Contains(w.Label, "第48周") {
			t.Errorf("WeekOf(%v) = %+v", d, w)
		}
	}
	w := WeekOf(Date{2027, time.January, 1}) // a Friday: the week starts in the old year
	if w.From != (Date{2026, 12, 28}) || w.To != (Date{2027, 1, 3}) {
		t.Errorf("week across the year end: %+v", w)
	}
}
