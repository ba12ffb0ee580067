package data

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mozillazg/go-pinyin"
)

// Collation: the order in which names are listed everywhere (lists, pickers, exported rosters).
// Chinese characters go by pinyin, as people look names up; in the names of groups and teams,
// numbers go by value, as people count: 第二党小组 before 第十党小组, 采煤二班 before 采煤三班
// (code-point order puts 三 before 二 and 十 before 二).

// pinyinArgs: plain syllables without tones (ü spelt v), every reading of a character, the most
// common first.
var pinyinArgs = pinyin.Args{Style: pinyin.Normal, Heteronym: true}

var readingCache sync.Map // rune → []string

// hanReadings returns the pinyin readings of a Chinese character, most common first, each reading
// with a v (lv) followed by its spelling with u (lu), since pinyin keyboards take either; nil for
// any other rune. Sorting uses the first reading, searching all of them. Cached per rune (names
// share few characters) and safe for concurrent use; callers must not modify the result.
func hanReadings(r rune) []string {
	if v, ok := readingCache.Load(r); ok {
		return v.([]string)
	}
	var out []string
	for _, p := range pinyin.SinglePinyin(r, pinyinArgs) {
		out = appendUnique(out, p)
		if strings.Contains(p, "v") {
			out = appendUnique(out, strings.ReplaceAll(p, "v", "u"))
		}
	}
	v, _ := readingCache.LoadOrStore(r, out)
	return v.([]string)
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// NameKey is the sort key of the name of a group, a team or any other label: each Chinese
// character by its (first) pinyin, other characters lower-cased, and each number — in Arabic
// numerals, or Chinese ones up to 99 (一, 十, 十二, 二十三) — by its value, before any letter.
// Names with equal keys (采煤2班, 采煤二班) are told apart by CompareNames.
func NameKey(s string) string { return collationKey(s, true) }

// PersonNameKey is the sort key of a person's name: like NameKey, but numbers are not read, since
// a numeral in a name is just a character (王一鸣 is wang yi ming, between 王艾 and 王宇).
func PersonNameKey(name string) string { return collationKey(name, false) }

// CompareNames orders names of groups and teams by NameKey, then by the names themselves, so that
// the order never depends on the input's.
func CompareNames(a, b string) int {
	return cmp.Or(strings.Compare(NameKey(a), NameKey(b)), strings.Compare(a, b))
}

// ComparePersonNames orders people's names by PersonNameKey, then by the names themselves (so
// homophones such as 张三 and 张叁 keep a fixed order).
func ComparePersonNames(a, b string) int {
	return cmp.Or(strings.Compare(PersonNameKey(a), PersonNameKey(b)), strings.Compare(a, b))
}

func collationKey(s string, numbers bool) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if numbers {
			if digits, j := readNumber(rs, i); j > i {
				// A length byte below every printable character, then the digits: shorter numbers
				// first, and numbers before letters.
				b.WriteByte(byte(min(len(digits), 31)))
				b.WriteString(digits)
				i = j
				continue
			}
		}
		if p := hanReadings(rs[i]); p != nil {
			b.WriteString(p[0])
			b.WriteByte(' ') // li before lin: the space ends the syllable
		} else {
			b.WriteString(strings.ToLower(string(rs[i])))
		}
		i++
	}
	return b.String()
}

var chineseDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// readNumber reads a number at rs[i:] — Arabic digits, or a Chinese numeral up to 99 ([d]十[d] or a
// single digit) — and returns its decimal digits without leading zeros and the index after it
// (i when there is none).
func readNumber(rs []rune, i int) (string, int) {
	j := i
	for j < len(rs) && rs[j] >= '0' && rs[j] <= '9' {
		j++
	}
	if j > i {
		digits := strings.TrimLeft(string(rs[i:j]), "0")
		if digits == "" {
			digits = "0"
		}
		return digits, j
	}
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
	if j == i {
		return "", i
	}
	return strconv.Itoa(tens*10 + units), j
}

// SortByName sorts list in place by CompareNames of name(x), keeping the order of equal names.
// Keys are computed once per element.
func SortByName[T any](list []T, name func(T) string) {
	sortByKey(list, func(x *T) string { return NameKey(name(*x)) }, func(a, b *T) int { return strings.Compare(name(*a), name(*b)) })
}

// SortGroups orders groups by name (CompareNames), then by ID.
func SortGroups(gs []Group) {
	sortByKey(gs, func(g *Group) string { return NameKey(g.Name) },
		func(a, b *Group) int { return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
}

// SortTeams orders teams by name (CompareNames), then by ID.
func SortTeams(ts []Team) {
	sortByKey(ts, func(t *Team) string { return NameKey(t.Name) },
		func(a, b *Team) int { return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
}

// SortMembersByName orders members by name (ComparePersonNames), then by ID.
func SortMembersByName(ms []Member) {
	sortByKey(ms, func(m *Member) string { return PersonNameKey(m.Name) }, compareMemberNameID)
}

// SortMembers orders members as a roster is read: by 党小组, then 班组, then name. Groups and
// teams go in SortGroups/SortTeams order of the given lists; members with no group (or one not in
// groups) come after every group, and likewise for teams within a group. Names go by
// ComparePersonNames, equal names by ID.
func SortMembers(ms []Member, groups []Group, teams []Team) {
	groupRank := rankByName(groups, SortGroups, func(g Group) int64 { return g.ID })
	teamRank := rankByName(teams, SortTeams, func(t Team) int64 { return t.ID })
	rank := func(ranks map[int64]int, id int64) int {
		if r, ok := ranks[id]; ok {
			return r
		}
		return len(ranks)
	}
	type keyed struct {
		group, team int
		name        string
		m           *Member
	}
	ks := make([]keyed, len(ms))
	for i := range ms {
		m := &ms[i]
		ks[i] = keyed{rank(groupRank, m.GroupID), rank(teamRank, m.TeamID), PersonNameKey(m.Name), m}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.team, b.team), strings.Compare(a.name, b.name),
			compareMemberNameID(a.m, b.m))
	})
	permute(ms, ks, func(k keyed) *Member { return k.m })
}

func compareMemberNameID(a, b *Member) int {
	return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

// rankByName maps each ID of list to its position in sort order; list itself is left alone.
func rankByName[T any](list []T, sort func([]T), id func(T) int64) map[int64]int {
	sorted := slices.Clone(list)
	sort(sorted)
	ranks := make(map[int64]int, len(sorted))
	for i, x := range sorted {
		ranks[id(x)] = i
	}
	return ranks
}

// sortByKey sorts list stably by key, computed once per element, then by tie.
func sortByKey[T any](list []T, key func(*T) string, tie func(a, b *T) int) {
	type keyed struct {
		key string
		x   *T
	}
	ks := make([]keyed, len(list))
	for i := range list {
		ks[i] = keyed{key(&list[i]), &list[i]}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return cmp.Or(strings.Compare(a.key, b.key), tie(a.x, b.x)) })
	permute(list, ks, func(k keyed) *T { return k.x })
}

// permute rearranges list into the order of ks, whose elements point into list.
func permute[T, K any](list []T, ks []K, elem func(K) *T) {
	out := make([]T, len(list))
	for i, k := range ks {
		out[i] = *elem(k)
	}
	copy(list, out)
}
