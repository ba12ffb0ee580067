package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// checkSortsTo shuffles want several times and checks that sort always restores it.
func checkSortsTo[T any](t *testing.T, want []T, sort func([]T), name func(T) string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	names := func(list []T) string {
		var s []string
		for _, x := range list {
			s = append(s, name(x))
		}
		return strings.Join(s, " ")
	}
	for range 20 {
		got := slices.Clone(want)
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		sort(got)
		if names(got) != names(want) {
			t.Errorf("sorted to %s\nwant      %s", names(got), names(want))
			return
		}
	}
}

func TestCompareNamesCountsLikePeople(t *testing.T) {
	tests := []struct {
		name string
		want []string // in collation order
	}{
		{"Chinese numerals by value", []string{"第一党小组", "第二党小组", "第三党小组", "第九党小组", "第十党小组", "第十一党小组", "第十二党小组", "第二十党小组", "第二十三党小组"}},
		{"numbers inside names", []string{"采煤一班", "采煤二班", "采煤三班", "采煤十班"}},
		{"Arabic numerals by value", []string{"2号班", "10号班", "100号班", "00101号班"}},
		{"numbers before letters and characters", []string{"1班", "A班", "b班", "机电班"}},
		{"characters by pinyin", []string{"采煤班", "地面班", "后勤班", "机电班", "掘进班", "通风班", "运输班"}},
		{"a syllable before its longer spelling", []string{"李班", "林班"}},
		{"两 is two", []string{"一号", "两号", "三号"}},
		{"long numbers", []string{"9", "123456789012", "123456789013", "99999999999999999999999"}},
		{"same key: Arabic before Chinese numerals, by code point", []string{"采煤2班", "采煤二班"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 1; i < len(tt.want); i++ {
				a, b := tt.want[i-1], tt.want[i]
				if CompareNames(a, b) >= 0 || CompareNames(b, a) <= 0 {
					t.Errorf("CompareNames(%s, %s) = %d, reversed %d; want %s first", a, b, CompareNames(a, b), CompareNames(b, a), a)
				}
			}
			checkSortsTo(t, tt.want, func(s []string) { SortByName(s, func(x string) string { return x }) },
				func(x string) string { return x })
		})
	}
	if CompareNames("第二党小组", "第二党小组") != 0 {
		t.Error("a name does not compare equal to itself")
	}
}

func TestNameKeyReadsNumbers(t *testing.T) {
	tests := []struct{ a, b string }{ // pairs with the same key
		{"第十二党小组", "第12党小组"},
		{"第二十党小组", "第20党小组"},
		{"第二十三党小组", "第23党小组"},
		{"十班", "10班"},
		{"第〇组", "第0组"},
		{"第007组", "第7组"},
		{"两班", "2班"},
		{"一百班", "1百班"}, // 百 is not read: numbers up to 99
		{"ABC", "abc"},
	}
	for _, tt := range tests {
		if ka, kb := NameKey(tt.a), NameKey(tt.b); ka != kb {
			t.Errorf("NameKey(%s) = %q, NameKey(%s) = %q; want equal", tt.a, ka, tt.b, kb)
		}
	}
	if NameKey("第二党小组") == NameKey("第三党小组") {
		t.Error("different numbers share a key")
	}
}

func TestComparePersonNames(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"by pinyin, not code point", []string{"李四", "刘备", "王五", "张三"}},
		{"numerals in names are syllables", []string{"王艾", "王一鸣", "王宇"}},
		{"homophones by code point", []string{"张三", "张叁"}}, // 三 U+4E09 < 叁 U+53C1
		{"lu before lv", []string{"卢布", "吕布"}},
		{"shorter syllable first", []string{"李明", "林明"}},
		{"minority names", []string{"阿依古丽·买买提", "艾力"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 1; i < len(tt.want); i++ {
				if a, b := tt.want[i-1], tt.want[i]; ComparePersonNames(a, b) >= 0 || ComparePersonNames(b, a) <= 0 {
					t.Errorf("%s does not come before %s", a, b)
				}
			}
			ms := make([]Member, len(tt.want))
			for i, n := range tt.want {
				ms[i] = Member{ID: int64(len(tt.want) - i), Name: n}
			}
			checkSortsTo(t, ms, SortMembersByName, func(m Member) string { return m.Name })
		})
	}
}

func TestSortGroupsAndTeams(t *testing.T) {
	groups := []Group{{ID: 7, Name: "第二党小组"}, {ID: 3, Name: "第三党小组"}, {ID: 1, Name: "第十党小组"}, {ID: 2, Name: "机关党小组"}}
	checkSortsTo(t, groups, SortGroups, func(g Group) string { return g.Name })
	teams := []Team{{ID: 9, Name: "采煤一班"}, {ID: 4, Name: "采煤二班"}, {ID: 1, Name: "采煤三班"}, {ID: 3, Name: "掘进班"}}
	checkSortsTo(t, teams, SortTeams, func(t Team) string { return t.Name })
}

func TestSortMembers(t *testing.T) {
	groups := []Group{{ID: 1, Name: "第十党小组"}, {ID: 2, Name: "第二党小组"}}
	teams := []Team{{ID: 1, Name: "机电班"}, {ID: 2, Name: "采煤三班"}, {ID: 3, Name: "采煤二班"}}
	m := func(id, group, team int64, name string) Member {
		return Member{ID: id, GroupID: group, TeamID: team, Name: name}
	}
	want := []Member{ // as a roster is read
		m(1, 2, 3, "张三"), // 第二党小组 · 采煤二班
		m(2, 2, 2, "李四"), // 第二党小组 · 采煤三班
		m(3, 2, 2, "王五"),
		m(4, 2, 0, "刘备"), // 第二党小组, no team
		m(5, 1, 3, "赵六"), // 第十党小组 · 采煤二班
		m(6, 1, 1, "孙七"), // 第十党小组 · 机电班
		m(7, 1, 1, "周八"), // same name: by ID
		m(11, 1, 1, "周八"),
		m(8, 0, 3, "吴九"),   // no group: after every group
		m(10, 99, 0, "钱一"), // a group not in the list counts as none: qian before zheng
		m(9, 0, 0, "郑十"),
	}
	checkSortsTo(t, want, func(ms []Member) { SortMembers(ms, groups, teams) },
		func(m Member) string { return fmt.Sprint(m.Name, "#", m.ID) })
	if groups[0].Name != "第十党小组" || teams[0].Name != "机电班" {
		t.Error("SortMembers reordered the groups or teams it was given")
	}
	SortMembers(nil, nil, nil) // nothing to do, no panic
}

func TestCollationConcurrent(t *testing.T) {
	names := []string{"第二十三党小组", "采煤二班", "单田芳", "曾国藩", "吕布", "阿依古丽·买买提", "鑫", "犇"}
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = NameKey(n)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i, n := range names {
				if got := NameKey(n); got != want[i] {
					t.Errorf("NameKey(%s) = %q concurrently, %q before", n, got, want[i])
				}
				NewMemberIndex([]Member{{Name: n}}).Search("d")
			}
		})
	}
	wg.Wait()
}
