package data

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IDInfo is what a valid 公民身份证号 (GB 11643-1999) tells about its holder.
type IDInfo struct {
	BirthDate Date
	Sex       string
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// Province-level codes that can open an ID number (GB/T 2260, plus 71 台湾, 81 香港, 82 澳门, 83 for
// residence permits of 港澳台 residents).
var idProvinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// NormalizeIDNumber turns what people type or paste into the canonical form: half-width digits, an
// upper-case X, no spaces and no leading apostrophe (Excel's text marker).
func NormalizeIDNumber(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(narrowDigits(s)), "'")
	s = strings.Map(func(r rune) rune {
		switch {
		case isSpace(r):
			return -1
		case r == 'x' || r == 'Ｘ' || r == 'ｘ' || r == '×':
			return 'X'
		}
		return r
	}, s)
	return s
}

// IDCheckChar returns the GB 11643 check character for 17 digits.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// IDNumberWithCheck appends the check character to 17 digits (for demo data and tests).
func IDNumberWithCheck(first17 string) string { return first17 + string(IDCheckChar(first17)) }

// ParseIDNumber checks an (already normalised) ID number and derives birth date and sex from it.
func ParseIDNumber(s string) (IDInfo, error) {
	invalid := func(format string, a ...any) (IDInfo, error) {
		return IDInfo{}, Errorf(EInvalid, fmt.Sprintf(format, a...))
	}
	if s == "" {
		return invalid("请填写公民身份证号")
	}
	if strings.ContainsAny(s, "Ee") && strings.Contains(s, "+") {
		return invalid("身份证号被 Excel 存成了数字（%s），后几位已经丢失：请把该列设为“文本”格式后重新录入完整的18位号码", s)
	}
	if n := utf8.RuneCountInString(s); n != 18 {
		return invalid("公民身份证号应为18位，现在是%d位", n)
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return invalid("公民身份证号前17位只能是数字，第18位是数字或 X")
		}
	}
	if last := s[17]; (last < '0' || last > '9') && last != 'X' {
		return invalid("公民身份证号前17位只能是数字，第18位是数字或 X")
	}
	if !idProvinces[s[:2]] {
		return invalid("公民身份证号前两位「%s」不是有效的省级行政区代码", s[:2])
	}
	birth := Date{atoi(s[6:10]), monthOf(atoi(s[10:12])), atoi(s[12:14])}
	if !birth.Valid() || birth.Year < 1900 {
		return invalid("公民身份证号第7至14位「%s」不是有效的出生日期", s[6:14])
	}
	if c := IDCheckChar(s); c != s[17] {
		return invalid("公民身份证号校验位不对：按前17位计算，第18位应为「%c」，请逐位核对", c)
	}
	sex := SexFemale
	if (s[16]-'0')%2 == 1 {
		sex = SexMale
	}
	return IDInfo{BirthDate: birth, Sex: sex}, nil
}

// atoi converts a string of ASCII digits (already checked) to an int.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
