package data

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Period is a span of days that a report or a statistic covers, with the label printed as 期间.
type Period struct {
	From, To Date // inclusive
	Label    string
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// MonthPeriod is a calendar month: 2026年11月.
func MonthPeriod(y int, m time.Month) Period {
	from := Date{y, m, 1}
	return Period{from, DateOf(from.Time().AddDate(0, 1, -1)), fmt.Sprintf("%d年%d月", y, int(m))}
}

// QuarterPeriod is a quarter 1–4: 2026年第四季度.
func QuarterPeriod(y, q int) Period {
	from := Date{y, time.Month(3*(q-1) + 1), 1}
	return Period{from, DateOf(from.Time().AddDate(0, 3, -1)), fmt.Sprintf("%d年第%s季度", y, []string{"一", "二", "三", "四"}[q-1])}
}

// YearPeriod is a calendar year: 2026年.
func YearPeriod(y int) Period {
	return Period{Date{y, time.January, 1}, Date{y, time.December, 31}, fmt.Sprintf("%d年", y)}
}

// RangePeriod is any span of days: 2026-11-01至2026-11-15.
func RangePeriod(from, to Date) (Period, error) {
	if from.IsZero() || to.IsZero() {
		return Period{}, Errorf(EInvalid, "请填写期间的开始和结束日期")
	}
	if to.Before(from) {
		return Period{}, Errorf(EInvalid, fmt.Sprintf("期间的结束日期（%s）不能早于开始日期（%s）", to, from))
	}
	return Period{from, to, from.String() + "至" + to.String()}, nil
}

// WeekOf is the week (Monday to Sunday) holding d, as 周分析 counts weeks.
func WeekOf(d Date) Period {
	wd := (int(d.Time().Weekday()) + 6) % 7 // Monday = 0
	from := d.AddDays(-wd)
	to := from.AddDays(6)
	_, week := from.Time().ISOWeek()
	return Period{from, to, fmt.Sprintf("%s至%s（第%d周）", from.Chinese(), to.Chinese(), week)}
}

var (
	reMonth   = regexp.MustCompile(`^(\d{4})[-./年](\d{1,2})月?$`)
	reYear    = regexp.MustCompile(`^(\d{4})年?$`)
	reQuarter = regexp.MustCompile(`^(\d{4})[-年]?(?:Q|q|第)([1-4一二三四])(?:季度)?$`)
	reRange   = regexp.MustCompile(`^(.+?)(?:~|至|到|--|—)(.+)$`)
)

// ParsePeriod reads a period as typed on the command line or in a form: 2026-11 (a month), 2026
// (a year), 2026-Q4 / 2026年第四季度 (a quarter), or 2026-11-01~2026-11-15 (a range).
func ParsePeriod(s string) (Period, error) {
	t := strings.ReplaceAll(NormalizeText(s), " ", "")
	if p := reQuarter.FindStringSubmatch(t); p != nil {
		q := strings.Index("1234", p[2]) + 1
		if q == 0 {
			q = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4}[p[2]]
		}
		return QuarterPeriod(atoi(p[1]), q), nil
	}
	if p := reMonth.FindStringSubmatch(t); p != nil {
		if m := atoi(p[2]); m >= 1 && m <= 12 {
			return MonthPeriod(atoi(p[1]), time.Month(m)), nil
		}
	}
	if p := reYear.FindStringSubmatch(t); p != nil {
		return YearPeriod(atoi(p[1])), nil
	}
	if p := reRange.FindStringSubmatch(t); p != nil {
		from, err1 := ParseDate(p[1])
		to, err2 := ParseDate(p[2])
		if err1 == nil && err2 == nil {
			return RangePeriod(from, to)
		}
	}
	return Period{}, Errorf(EInvalid, fmt.Sprintf("期间「%s」无法识别：月份写 2026-11，季度写 2026-Q4，年写 2026，一段日期写 2026-11-01~2026-11-15", strings.TrimSpace(s)))
}
