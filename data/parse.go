package data

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Parsers for what people type into forms and what real Excel rosters hold (SPEC §7). Each returns a
// Chinese error that says what to type instead.

func monthOf(n int) time.Month { return time.Month(n) }

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u200b' || r == '\ufeff'
}

// narrowDigits maps full-width digits, letters and a few signs to ASCII and the ideographic space to
// a plain one. Chinese punctuation (，。) is left alone, since it belongs in Chinese text.
func narrowDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			return r - 0xFEE0
		case r == '－' || r == '—' || r == '–':
			return '-'
		case r == '／':
			return '/'
		case r == '．':
			return '.'
		case r == '＋':
			return '+'
		case r == '\u3000':
			return ' '
		case r == '\u200b' || r == '\ufeff':
			return -1
		}
		return r
	}, s)
}

// NormalizeText cleans a free-text field: full-width digits and letters become half-width, the
// ideographic space a plain one, runs of spaces collapse, and the ends are trimmed.
func NormalizeText(s string) string {
	s = narrowDigits(s)
	var b strings.Builder
	space := false
	for _, r := range strings.TrimFunc(s, isSpace) {
		if r == ' ' || r == '\t' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NormalizeName cleans a person's name: spaces inside a Chinese name ("张 三") are removed, and the
// dots of minority names (阿依古丽·买买提) become the middle dot ·.
func NormalizeName(s string) string {
	s = NormalizeText(s)
	s = strings.NewReplacer("・", "·", "•", "·", "．", "·", "•", "·").Replace(s)
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return strings.ReplaceAll(s, " ", "")
		}
	}
	return s
}

var (
	reTimeSuffix = regexp.MustCompile(`\s+\d{1,2}:\d{2}(:\d{2})?$`)
	reDateYMD    = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$`)
	reDateDense  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reDateYM     = regexp.MustCompile(`^(\d{4})[-/.年](\d{1,2})月?$`)
	reSerial     = regexp.MustCompile(`^\d{1,5}(\.\d+)?$`)
)

// ParseDate reads a date typed as text: 2001-07-01, 2001/7/1, 2001.07.01, 2001年7月1日, 20010701, or
// a month alone (2001.07, 2001-07, 2001年7月), which means its first day. "" is the zero Date.
func ParseDate(s string) (Date, error) {
	// A text cell that once was a date-time reads "2001-07-01 00:00:00": drop the time.
	t := reTimeSuffix.ReplaceAllString(NormalizeText(s), "")
	t = strings.ReplaceAll(t, " ", "")
	if t == "" {
		return Date{}, nil
	}
	var y, m, d int
	switch {
	case reDateYMD.MatchString(t):
		p := reDateYMD.FindStringSubmatch(t)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reDateDense.MatchString(t):
		p := reDateDense.FindStringSubmatch(t)
		y, m, d = atoi(p[1]), atoi(p[2]), atoi(p[3])
	case reDateYM.MatchString(t):
		p := reDateYM.FindStringSubmatch(t)
		y, m, d = atoi(p[1]), atoi(p[2]), 1
	default:
		return Date{}, Errorf(EInvalid, fmt.Sprintf("「%s」不是可识别的日期，请按 2001-07-01 的格式填写", strings.TrimSpace(s)))
	}
	dt := Date{y, monthOf(m), d}
	if !dt.Valid() {
		return Date{}, Errorf(EInvalid, fmt.Sprintf("「%s」不是日历上存在的日期，请核对年月日", strings.TrimSpace(s)))
	}
	if y < 1900 || y > 2100 {
		return Date{}, Errorf(EInvalid, fmt.Sprintf("「%s」的年份不合理，请核对", strings.TrimSpace(s)))
	}
	return dt, nil
}

// excelEpoch is day 0 of Excel's 1900 date system as Excel counts after its fictitious 1900-02-29.
var excelEpoch = Date{1899, time.December, 30}

// ParseDateCell reads a date from a spreadsheet cell's raw value: everything ParseDate reads, and
// Excel serial day numbers ("37073", "37073.5" with a time part). Workbooks in the 1904 date system
// (old Mac Excel) are not told apart; they are rare in this setting.
func ParseDateCell(s string) (Date, error) {
	t := strings.TrimSpace(narrowDigits(s))
	if reSerial.MatchString(t) {
		whole := t
		if i := strings.IndexByte(t, '.'); i >= 0 {
			whole = t[:i]
		}
		n, _ := strconv.Atoi(whole)
		switch {
		case len(whole) == 4 && strings.Contains(t, "."):
			// 2001.07: a year and a month typed as a number.
			return ParseDate(t)
		case len(whole) == 4 && n >= 1900 && n <= 2100:
			return Date{}, Errorf(EInvalid, fmt.Sprintf("「%s」只有年份，请填写完整日期，例如 %s-07-01", t, t))
		case n > 60:
			d := excelEpoch.AddDays(n)
			if d.Year < 1900 || d.Year > 2100 {
				break
			}
			return d, nil
		}
		return Date{}, Errorf(EInvalid, fmt.Sprintf("「%s」不是可识别的日期，请按 2001-07-01 的格式填写", t))
	}
	return ParseDate(s)
}

// ParseBool reads a yes/no cell: 是/否, Y/N, 1/0, √/×, true/false; "" is 否.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(NormalizeText(s)) {
	case "是", "y", "yes", "1", "√", "true", "有":
		return true, nil
	case "", "否", "n", "no", "0", "×", "false", "无":
		return false, nil
	}
	return false, Errorf(EInvalid, fmt.Sprintf("「%s」应填“是”或“否”", strings.TrimSpace(s)))
}

var (
	reMobile   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	reLandline = regexp.MustCompile(`^0\d{2,3}-\d{7,8}(-\d{1,6})?$`)
)

// NormalizeMobile removes separators and a +86 prefix: "+86 138-1234-5678" → "13812345678".
func NormalizeMobile(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' || r == '(' || r == ')' {
			return -1
		}
		return r
	}, NormalizeText(s))
	if len(s) == 13 && strings.HasPrefix(s, "86") {
		s = s[2:]
	}
	return strings.TrimPrefix(s, "+86")
}

// NormalizeLandline writes "0319 1234567" and "(0319)1234567" as "0319-1234567".
func NormalizeLandline(s string) string {
	s = NormalizeText(s)
	s = strings.NewReplacer("（", "(", "）", ")").Replace(s)
	if strings.HasPrefix(s, "(") {
		if i := strings.IndexByte(s, ')'); i > 0 {
			s = s[1:i] + "-" + strings.TrimSpace(s[i+1:])
		}
	}
	if i := strings.IndexByte(s, ' '); i > 0 && !strings.Contains(s, "-") {
		s = s[:i] + "-" + strings.ReplaceAll(s[i+1:], " ", "")
	}
	return s
}

// CheckMobile accepts "" or 11 digits starting 1[3-9].
func CheckMobile(s string) error {
	if s == "" || reMobile.MatchString(s) {
		return nil
	}
	return Errorf(EInvalid, "手机号应为以1开头的11位数字（第二位是3至9），例如 13812345678")
}

// CheckLandline accepts "" or area code and number, e.g. 0319-1234567 (an extension may follow).
func CheckLandline(s string) error {
	if s == "" || reLandline.MatchString(s) {
		return nil
	}
	return Errorf(EInvalid, "固定电话应写成“区号-号码”，例如 0319-1234567")
}
