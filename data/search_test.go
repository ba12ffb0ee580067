package data

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"branchledger/internal/benchkit"
)

func TestMemberIndexSearch(t *testing.T) {
	ms := []Member{
		{Name: "张三", IDNumber: idZhang, Mobile: "13812345678"},    // 0
		{Name: "张三丰", IDNumber: idWang, Landline: "0319-2345678"}, // 1
		{Name: "单田芳"},      // 2: 单 shan/dan/chan
		{Name: "曾国藩"},      // 3: 曾 zeng/ceng
		{Name: "解放"},       // 4: 解 jie/xie
		{Name: "仇小明"},      // 5: 仇 qiu/chou
		{Name: "吕布"},       // 6: lü
		{Name: "阿依古丽·买买提"}, // 7
		{Name: "李四", IDNumber: testIDWithX(t), Mobile: "15912345678", Landline: "0351-7654321"}, // 8
	}
	ix := NewMemberIndex(ms)
	all := []int{0, 1, 2, 3, 4, 5, 6, 7, 8}
	cases := []struct {
		query string
		want  []int
	}{
		{"", all},
		{"  ", all},
		// Pinyin: any non-empty prefix of each syllable, from any character on.
		{"zs", []int{0, 1}},
		{"zhangs", []int{0, 1}},
		{"zhsan", []int{0, 1}},
		{"zhangsan", []int{0, 1}},
		{"san", []int{0, 1}},
		{"ZS", []int{0, 1}},
		{"z s", []int{0, 1}},
		{"ｚｓ", []int{0, 1}},
		{"zsf", []int{1}},
		{"sanfeng", []int{1}},
		{"sz", nil},
		{"zhangsanx", nil},
		{"zhangzs", nil},
		{"zz", nil},
		{"zha", []int{0, 1}},
		// Heteronyms: either reading of the surname.
		{"shantf", []int{2}},
		{"dtf", []int{2}},
		{"stf", []int{2}},
		{"zgf", []int{3}},
		{"cgf", []int{3}},
		{"jief", []int{4}},
		{"xief", []int{4}},
		{"qxm", []int{5}},
		{"chouxm", []int{5}},
		{"lvb", []int{6}},
		{"lub", []int{6}},
		{"x", []int{4, 5}}, // 解 xie, 小 xiao
		// Minority names: the middle dot is no character to match.
		{"ayi", []int{7}},
		{"glmm", []int{7}},
		{"买买提", []int{7}},
		// Name substrings.
		{"三", []int{0, 1}},
		{"张三丰", []int{1}},
		{"张s", nil},
		// ID fragments (x either case) and phone numbers.
		{idZhang[8:], []int{0}},
		{"130406", []int{1}},
		{testIDWithX(t)[13:17] + "x", []int{8}},
		{"1381234", []int{0}},
		{"5912345678", []int{8}},
		{"0319-234", []int{1}},
		{"03192345678", []int{1}},
		{"7654321", []int{8}},
		{"99999", nil},
		{"zs1", nil},
	}
	for _, c := range cases {
		if got := ix.Search(c.query); !slices.Equal(got, c.want) && !(len(got) == 0 && len(c.want) == 0) {
			t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
		}
	}
	if ix.Len() != len(ms) {
		t.Errorf("Len = %d, want %d", ix.Len(), len(ms))
	}
}

// TestMemberIndexSearchRanking: surname-initial matches first, then other name-start matches, then
// the rest, each group in roster order (issue 10 #17: zh listed 白子豪, 曾海军 before 张/赵/周).
func TestMemberIndexSearchRanking(t *testing.T) {
	ms := []Member{
		{Name: "白子豪"}, // 0: zi hao, inside the name
		{Name: "曾海军"}, // 1: zeng hai, from the start but 曾's initial is z
		{Name: "张伟"},  // 2
		{Name: "李张"},  // 3: 张 inside the name
		{Name: "赵敏"},  // 4
		{Name: "周杰"},  // 5
		{Name: "王志华"}, // 6: zhi, inside the name
		{Name: "张三"},  // 7
	}
	ix := NewMemberIndex(ms)
	cases := []struct {
		query string
		want  []int
	}{
		{"zh", []int{2, 4, 5, 7, 1, 0, 3, 6}},
		{"z", []int{1, 2, 4, 5, 7, 0, 3, 6}},
		{"zs", []int{7}},
		{"zhang", []int{2, 7, 3}},
		{"张", []int{2, 7, 3}},
		{"zw", []int{2}},
	}
	for _, c := range cases {
		if got := ix.Search(c.query); !slices.Equal(got, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
		}
	}
}

// benchMembers builds n members with realistic names (so that pinyin matching has work to do), ID
// numbers and mobiles.
func benchMembers(n int) []Member {
	r := rand.New(rand.NewPCG(1, 2))
	surnames := []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎杜单解仇")
	given := []rune("建国军强志海涛永明伟磊勇杰斌鹏超刚辉亮波宁浩宇晓东文华立新卫红兵振春生保平虎宝山丽娜静敏艳芳秀英梅燕兰")
	ms := make([]Member, n)
	for i := range ms {
		name := []rune{surnames[r.IntN(len(surnames))], given[r.IntN(len(given))]}
		if r.IntN(3) > 0 {
			name = append(name, given[r.IntN(len(given))])
		}
		ms[i] = Member{
			Name:     string(name),
			IDNumber: IDNumberWithCheck(fmt.Sprintf("130502%04d%02d%02d%03d", 1966+r.IntN(37), 1+r.IntN(12), 1+r.IntN(28), r.IntN(1000))),
			Mobile:   fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1e9)),
		}
	}
	return ms
}

const budgetBenchmarkMemberIndexSearch = 20 * time.Millisecond

// BenchmarkMemberIndexSearch is one keystroke in the search box over 10,000 members (target < 20 ms).
func BenchmarkMemberIndexSearch(b *testing.B) {
	ix := NewMemberIndex(benchMembers(10000))
	for _, q := range []string{"z", "zhangs", "zjg", "张", "1385"} {
		b.Run(q, func(b *testing.B) {
			defer benchkit.Budget(b, budgetBenchmarkMemberIndexSearch, 0)
			for b.Loop() {
				ix.Search(q)
			}
		})
	}
}

func BenchmarkNewMemberIndex(b *testing.B) {
	ms := benchMembers(10000)
	for b.Loop() {
		NewMemberIndex(ms)
	}
}
