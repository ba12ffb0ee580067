package data

import (
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

// Search returns, in the original order, the indices of the members matching query. The query is
// normalised (full-width characters, case, spaces); an empty query matches everyone. A member
// matches when the query is a substring of the name, or spells the name in pinyin from any character
// on (see matchPinyin), or — for a query of digits (and X) — is a substring of the ID number or of a
// phone number.
func (ix *MemberIndex) Search(query string) []int {
	q := strings.ToLower(strings.ReplaceAll(NormalizeText(query), " ", ""))
	out := make([]int, 0, len(ix.keys))
	if q == "" {
		for i := range ix.keys {
			out = append(out, i)
		}
		return out
	}
	letters, digits := queryKind(q)
	idQuery := strings.ToUpper(q)
	for i := range ix.keys {
		k := &ix.keys[i]
		switch {
		case strings.Contains(k.name, q):
		case letters && matchPinyin(q, k.syllables):
		case digits && (strings.Contains(k.id, idQuery) || containsAny(k.phones, q)):
		default:
			continue
		}
		out = append(out, i)
	}
	return out
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
