package gui

import (
	"fmt"
	"slices"
	"strings"
)

// sortedByName returns a copy of list ordered as people count: 第二党小组 before 第十党小组, 采煤二班
// before 采煤三班 (plain string order puts 三 before 二, and 十 before 二).
func sortedByName[T any](list []T, name func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return strings.Compare(nameKey(name(a)), nameKey(name(b))) })
	return out
}

var chineseDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// nameKey is the sort key of a name: Chinese characters by their pinyin, and each number, in Arabic
// or Chinese numerals up to 99 (一, 十, 十二, 二十三), by its value padded to 4 digits.
func nameKey(s string) string {
	keys := newPinyinKeys()
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		n, j := readNumber(rs, i)
		if j == i {
			b.WriteString(keys.syllable(rs[i]))
			i++
			continue
		}
		fmt.Fprintf(&b, "%04d", n)
		i = j
	}
	return b.String()
}

// readNumber reads a number at rs[i:], returning its value and the index after it (i when none).
func readNumber(rs []rune, i int) (int, int) {
	j, n := i, 0
	for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		n = n*10 + int(rs[j]-'0')
		j++
	}
	if j > i {
		return n, j
	}
	// Chinese: [d]十[d] or a single digit.
	tens, units := 0, 0
	if d, ok := chineseDigits[rs[j]]; ok {
		units, j = d, j+1
	}
	if j < len(rs) && rs[j] == '十' {
		tens, units, j = max(units, 1), 0, j+1
		if j < len(rs) {
			if d, ok := chineseDigits[rs[j]]; ok {
				units, j = d, j+1
			}
		}
	}
	return tens*10 + units, j
}
