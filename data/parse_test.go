package data

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	jul1 := Date{2001, time.July, 1}
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{"", Date{}, ""},
		{"   ", Date{}, ""},
		{"2001-07-01", jul1, ""},
		{"2001/7/1", jul1, ""},
		{"2001.07.01", jul1, ""},
		{"2001年7月1日", jul1, ""},
		{"2001年07月01号", jul1, ""},
		{"2001 年 7 月 1 日", jul1, ""},
		{"20010701", jul1, ""},
		{"２００１－０７－０１", jul1, ""},
		{"2001.07", jul1, ""},
		{"2001-07", jul1, ""},
		{"2001年7月", jul1, ""},
		{"2001-07-01 00:00:00", jul1, ""},
		{"2001/7/1 8:30", jul1, ""},
		{"2026.11.23", Date{2026, time.November, 23}, ""},
		{"2001-02-29", Date{}, "日历上存在"},
		{"2000-02-29", Date{2000, time.February, 29}, ""},
		{"2001-13-01", Date{}, "日历上存在"},
		{"1850-01-01", Date{}, "年份不合理"},
		{"01/07/2001", Date{}, "2001-07-01 的格式"},
		{"七月一日", Date{}, "不是可识别的日期"},
		{"2001", Date{}, "不是可识别的日期"},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDate(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateCell(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{"37073", Date{2001, time.July, 1}, ""},   // Excel serial of 2001-07-01
		{"37073.5", Date{2001, time.July, 1}, ""}, // with a time of day
		{"46349", Date{2026, time.November, 23}, ""},
		{"61", Date{1900, time.March, 1}, ""},
		{"2001.07", Date{2001, time.July, 1}, ""},
		{"2001.1", Date{2001, time.January, 1}, ""},
		{"20010701", Date{2001, time.July, 1}, ""},
		{"2001-07-01", Date{2001, time.July, 1}, ""},
		{"2001", Date{}, "只有年份"},
		{"12", Date{}, "不是可识别的日期"},
		{"99999", Date{}, "不是可识别的日期"},
	}
	for _, tt := range tests {
		got, err := ParseDateCell(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDateCell(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDateCell(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2001-07-01", "20010701", "2001年7月1日", "2001.07", "37073", "37073.5", "", "2001/2/30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (Date, error){ParseDate, ParseDateCell} {
			d, err := parse(s)
			if err != nil {
				if ErrorCode(err) != EInvalid || ErrorMessage(err) == "" {
					t.Fatalf("bad error for %q: %v", s, err)
				}
				continue
			}
			if d.IsZero() {
				continue
			}
			// Every accepted date is a real day in range and reads back from its own text.
			if !d.Valid() || d.Year < 1900 || d.Year > 2100 {
				t.Fatalf("%q parsed to impossible %v", s, d)
			}
			if back, err := ParseDate(d.String()); err != nil || back != d {
				t.Fatalf("%v does not round-trip: %v %v", d, back, err)
			}
		}
	})
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"是": true, " 是 ": true, "Y": true, "1": true, "√": true, "否": false, "": false, "N": false, "0": false} {
		got, err := ParseBool(in)
		if err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseBool("也许"); err == nil || !strings.Contains(err.Error(), "是”或“否") {
		t.Errorf("ParseBool(也许) error = %v", err)
	}
}

func TestPhones(t *testing.T) {
	mobiles := map[string]string{
		"13812345678":       "",
		"+86 138-1234-5678": "",
		"8613812345678":     "",
		"１３８１２３４５６７８":       "",
		"12812345678":       "以1开头的11位数字",
		"1381234567":        "以1开头的11位数字",
		"":                  "",
	}
	for in, wantErr := range mobiles {
		err := CheckMobile(NormalizeMobile(in))
		if (wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), wantErr)) {
			t.Errorf("mobile %q: %v, want %q", in, err, wantErr)
		}
	}
	landlines := map[string]string{
		"0319-1234567":     "0319-1234567",
		"0319 1234567":     "0319-1234567",
		"（0319）1234567":    "0319-1234567",
		"010-12345678-123": "010-12345678-123",
		"1234567":          "",
		"0319-12345":       "",
	}
	for in, want := range landlines {
		n := NormalizeLandline(in)
		err := CheckLandline(n)
		if want == "" {
			if err == nil || !strings.Contains(err.Error(), "区号-号码") {
				t.Errorf("landline %q (%q) accepted", in, n)
			}
		} else if err != nil || n != want {
			t.Errorf("landline %q = %q, %v; want %q", in, n, err, want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := map[string]string{
		"  综采一队\u3000 ": "综采一队",
		"河北省  唐山市\t路南区": "河北省 唐山市 路南区",
		"１２３号，二单元":      "123号，二单元",
		"ＡＢｃ":           "ABc",
	}
	checkMapping(t, "NormalizeText", NormalizeText, tests)
	names := map[string]string{"张 三": "张三", "\u3000李四 ": "李四", "阿依古丽・买买提": "阿依古丽·买买提", "John  Smith": "John Smith"}
	checkMapping(t, "NormalizeName", NormalizeName, names)
}

// checkMapping checks that f (named name) turns every key of tests into its value: the table test of
// each normalizer.
func checkMapping(t *testing.T, name string, f func(string) string, tests map[string]string) {
	t.Helper()
	for in, want := range tests {
		if got := f(in); got != want {
			t.Errorf("%s(%q) = %q, want %q", name, in, got, want)
		}
	}
}
