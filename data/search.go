package data

import (
	"slices"
	"strings"
	"unicode"
)

// MemberIndex answers the member search box (SPEC §2): by name, by pinyin (zs, zhangs, zhsan,
// zhangsan, san all find 张三), by a fragment of the ID number and by phone number. It is built once
// from a member list and is read-only afterwards, so it is safe for concurrent use; rebuild it when
// the list changes (building 10,000 members takes a few milliseconds).
type MemberIndex struct {
	keys []memberKey
}

type memberKey struct {
	name      string     // lower-case name
	syllables [][]string // per character of the name, every reading (heteronyms), lower-case
	id        string     // ID number, canonical (upper-case X)
	phones    []string   // mobile, landline, and the landline without its dash
}

// NewMemberIndex precomputes the search keys of ms; Search returns indices into ms.
func NewMemberIndex(ms []Member) *MemberIndex {
	ix := &MemberIndex{keys: make([]memberKey, len(ms))}
	for i := range ms {
		m := &ms[i]
		k := memberKey{name: strings.ToLower(m.Name), id: strings.ToUpper(m.IDNumber)}
		for _, r := range k.name {
			if syl := runeSyllables(r); syl != nil {
				k.syllables = append(k.syllables, syl)
			}
		}
		if m.Mobile != "" {
			k.phones = append(k.phones, m.Mobile)
		}
		if m.Landline != "" {
			k.phones = append(k.phones, m.Landline)
			if bare := strings.ReplaceAll(m.Landline, "-", ""); bare != m.Landline {
				k.phones = append(k.phones, bare)
			}
		}
		ix.keys[i] = k
	}
	return ix
}

// runeSyllables returns the syllables a query may use for one character of a name: the pinyin
// readings of a Chinese character (see hanReadings), the character itself for a letter or digit,
// nil for punctuation such as the middle dot of minority names.
func runeSyllables(r rune) []string {
	if pys := hanReadings(r); pys != nil {
		return pys
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return []string{string(r)}
	}
	return nil
}

// Len is the number of members indexed.
func (ix *MemberIndex) Len() int { return len(ix.keys) }

// Search returns the indices of the members matching query, best first (#17): members whose
// surname's pinyin initial is the query's leading initial and who match from the surname on (zh finds
// 张, 赵, 周 before 曾海军), then the other name-start matches (by characters or pinyin), then the rest;
// each group in the original order. The query is normalised (full-width characters, case, spaces); an
// empty query matches everyone. A member matches when the query is a substring of the name, or spells
// the name in pinyin from any character on (see matchPinyin), or — for a query of digits (and X) — is
// a substring of the ID number or of a phone number.
func (ix *MemberIndex) Search(query string) []int {
	q := strings.ToLower(strings.ReplaceAll(NormalizeText(query), " ", ""))
	n := len(ix.keys)
	out := make([]int, 0, n)
	if q == "" {
		for i := range ix.keys {
			out = append(out, i)
		}
		return out
	}
	letters, digits := queryKind(q)
	idQuery := strings.ToUpper(q)
	qi := pinyinInitial(q)
	// One pass without a per-member buffer: the surname group fills out from the front, the rest
	// fills its spare capacity from the back (reversed), and only the name-start group — small, as it
	// must match from the first character — gets a slice of its own.
	buf := out[:n]
	var nameStart []int
	rest := 0
	for i := range ix.keys {
		k := &ix.keys[i]
		switch {
		case letters && matchSurnameInitial(q, qi, k.syllables):
			out = append(out, i)
		case strings.HasPrefix(k.name, q) || letters && matchFrom(q, k.syllables):
			nameStart = append(nameStart, i)
		case strings.Contains(k.name, q),
			// From the second character on: the first was tried just above.
			letters && len(k.syllables) > 1 && matchPinyin(q, k.syllables[1:]),
			digits && (strings.Contains(k.id, idQuery) || containsAny(k.phones, q)):
			rest++
			buf[n-rest] = i
		}
	}
	out = append(out, nameStart...)
	tail := buf[n-rest:]
	slices.Reverse(tail)
	return append(out, tail...)
}

// pinyinInitial is the initial (声母) a pinyin string starts with: zh, ch or sh, else its first
// letter (y, w and a bare vowel count as initials, as people type them).
func pinyinInitial(s string) string {
	if s == "" {
		return ""
	}
	if len(s) >= 2 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's') {
		return s[:2]
	}
	return s[:1]
}

// matchSurnameInitial reports whether q spells the name from its first character on with a reading
// of the surname whose initial begins with the query's initial qi: zh and zs match 张三 (zhang), z
// matches both 张 and 曾 (zeng), but zh does not match 曾海军 (zeng, initial z).
func matchSurnameInitial(q, qi string, syl [][]string) bool {
	if len(syl) == 0 {
		return false
	}
	for _, s := range syl[0] {
		if !strings.HasPrefix(pinyinInitial(s), qi) {
			continue
		}
		for n := commonPrefix(q, s); n > 0; n-- {
			if matchFrom(q[n:], syl[1:]) {
				return true
			}
		}
	}
	return false
}

// queryKind tells whether q can be pinyin (only a–z) and whether it can be part of an ID or phone
// number (digits, a dash, an X, with at least one digit).
func queryKind(q string) (letters, digits bool) {
	letters, digits = true, true
	hasDigit := false
	for _, r := range q {
		switch {
		case r >= 'a' && r <= 'z':
			digits = digits && r == 'x'
		case r >= '0' && r <= '9':
			letters, hasDigit = false, true
		case r == '-':
			letters = false
		default:
			return false, false
		}
	}
	return letters, digits && hasDigit
}

func containsAny(list []string, q string) bool {
	for _, s := range list {
		if strings.Contains(s, q) {
			return true
		}
	}
	return false
}

// matchPinyin reports whether q can be cut into pieces, each a non-empty prefix of one reading of
// consecutive characters of the name, starting at any character: zs, zhangs, zhsan, zhangsan and san
// all match 张三 (zhang san), zsf matches 张三丰, but sz and zhangsanx do not match 张三.
func matchPinyin(q string, syl [][]string) bool {
	for start := range syl {
		if matchFrom(q, syl[start:]) {
			return true
		}
	}
	return false
}

func matchFrom(q string, syl [][]string) bool {
	if q == "" {
		return true
	}
	if len(syl) == 0 {
		return false
	}
	for _, s := range syl[0] {
		// Try the longest piece first: full syllables are what people type most.
		for n := commonPrefix(q, s); n > 0; n-- {
			if matchFrom(q[n:], syl[1:]) {
				return true
			}
		}
	}
	return false
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}
