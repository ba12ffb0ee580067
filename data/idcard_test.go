package data

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseIDNumber(t *testing.T) {
	// 11010519491231002X is the example printed in GB 11643-1999.
	tests := []struct {
		in      string
		birth   Date
		sex     string
		wantErr string // a fragment of the Chinese message
	}{
		{in: "11010519491231002X", birth: Date{1949, time.December, 31}, sex: SexFemale},
		{in: IDNumberWithCheck("13020319850512003"), birth: Date{1985, time.May, 12}, sex: SexMale},
		{in: IDNumberWithCheck("14010920000229002"), birth: Date{2000, time.February, 29}, sex: SexFemale},
		{in: "", wantErr: "请填写"},
		{in: "1101051949123100", wantErr: "应为18位，现在是16位"},
		{in: "11010519491231002X1", wantErr: "现在是19位"},
		{in: "1101051949123100XX", wantErr: "前17位只能是数字"},
		{in: "11010519491231002Y", wantErr: "第18位是数字或 X"},
		{in: "1.30502198505E+17", wantErr: "Excel 存成了数字"},
		{in: IDNumberWithCheck("99010519491231002"), wantErr: "「99」不是有效的省级"},
		{in: IDNumberWithCheck("13020319850230003"), wantErr: "「19850230」不是有效的出生日期"},
		{in: IDNumberWithCheck("13020318850512003"), wantErr: "不是有效的出生日期"},
		{in: "110105194912310021", wantErr: "第18位应为「X」"},
	}
	for _, tt := range tests {
		got, err := ParseIDNumber(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseIDNumber(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
			}
			if ErrorCode(err) != EInvalid {
				t.Errorf("ParseIDNumber(%q) code = %q, want invalid", tt.in, ErrorCode(err))
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseIDNumber(%q) unexpected error %v", tt.in, err)
			continue
		}
		if got.BirthDate != tt.birth || got.Sex != tt.sex {
			t.Errorf("ParseIDNumber(%q) = %v %s, want %v %s", tt.in, got.BirthDate, got.Sex, tt.birth, tt.sex)
		}
	}
}

func TestIDCheckCharMatchesEveryRemainder(t *testing.T) {
	// Changing the last of the 17 digits walks the weighted sum through remainders; every result must
	// validate, and every other check character must not.
	for d := byte('0'); d <= '9'; d++ {
		first17 := "1302031985051200" + string(d)
		id := IDNumberWithCheck(first17)
		if _, err := ParseIDNumber(id); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		for _, c := range "0123456789X" {
			if byte(c) == id[17] {
				continue
			}
			if _, err := ParseIDNumber(first17 + string(c)); err == nil {
				t.Fatalf("%s%c accepted with a wrong check character", first17, c)
			}
		}
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	tests := map[string]string{
		" １１０１０５１９４９１２３１００２ｘ ": "11010519491231002X",
		"'11010519491231002x":            "11010519491231002X",
		"110105 19491231 002X":           "11010519491231002X",
		"11010519491231002×":             "11010519491231002X",
		"\u200b11010519491231002X\u3000": "11010519491231002X",
	}
	checkMapping(t, "NormalizeIDNumber", NormalizeIDNumber, tests)
}

func FuzzParseIDNumber(f *testing.F) {
	for _, s := range []string{"11010519491231002X", "", "1.30502198505E+17", "99999999999999999X", "１１０１"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeIDNumber(s)
		info, err := ParseIDNumber(n)
		if err != nil {
			if msg := ErrorMessage(err); msg == "" || ErrorCode(err) != EInvalid || !utf8.ValidString(msg) {
				t.Fatalf("bad error for %q: %v", s, err)
			}
			return
		}
		// Whatever is accepted is canonical and self-consistent.
		if len(n) != 18 || IDCheckChar(n) != n[17] || !info.BirthDate.Valid() {
			t.Fatalf("accepted %q (%q) inconsistently: %+v", s, n, info)
		}
		if NormalizeIDNumber(n) != n {
			t.Fatalf("normalisation not idempotent for %q", n)
		}
	})
}
