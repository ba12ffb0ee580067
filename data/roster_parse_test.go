package data

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
)

var rosterToday = NewDate(2026, time.November, 23)

// testID builds a valid ID number from region, birth date (yyyymmdd) and a 3-digit sequence whose
// parity gives the sex (odd: male).
func testID(region, birth, seq string) string { return IDNumberWithCheck(region + birth + seq) }

// testIDWithX finds a valid ID number that ends in X, to test the case of the check character.
func testIDWithX(t testing.TB) string {
	for seq := 100; seq < 1000; seq++ {
		if id := testID("130502", "19850515", fmt.Sprint(seq)); strings.HasSuffix(id, "X") {
			return id
		}
	}
	t.Fatal("no ID number with check character X")
	return ""
}

var (
	idZhang = testID("130502", "19850515", "123") // male, born 1985-05-15
	idLi    = testID("140303", "19900203", "246") // female, born 1990-02-03
	idWang  = testID("130406", "19720910", "071") // male, born 1972-09-10
)

// validRow is a complete, valid R1 row of 张三.
func validRow() map[string]string {
	return map[string]string{
		"序号": "1", FName: "张三", FBranch: "综采一队党支部", FIDNumber: idZhang, FSex: "男", FEthnicity: "汉族",
		FBirthDate: "1985-05-15", FEducation: "大学本科", FCategory: "正式党员", FJoinDate: "2008-07-01",
		FFullDate: "2009-07-01", FJob: "采煤机司机", FMobile: "13812345678", FLandline: "",
		FAddress: "河北省邢台市信都区中兴西大街12号", FPartyStatus: "正常", FLostContact: "否", FLostDate: "",
		FFloating: "否", FFloatingTo: "", FRemark: "",
	}
}

// rowOf lays out values under header (missing keys are empty cells).
func rowOf(header []string, vals map[string]string) []string {
	row := make([]string, len(header))
	for i, h := range header {
		row[i] = vals[h]
	}
	return row
}

func with(base map[string]string, kv ...string) map[string]string {
	m := map[string]string{}
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func problemFields(ps []RowProblem) []string {
	var fs []string
	for _, p := range ps {
		fs = append(fs, p.Field)
	}
	slices.Sort(fs)
	return fs
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestParseRosterRow puts one row under the standard header and checks the problems reported (by
// field, exactly) and the values read.
func TestParseRosterRow(t *testing.T) {
	base := validRow()
	d := NewDate
	cases := []struct {
		name   string
		vals   map[string]string
		fields []string                  // fields with a problem, exactly
		reason string                    // a fragment of the (first) reason, when it matters
		check  func(m Member) (any, any) // (got, want) of a value read, when it matters
	}{
		{name: "valid", vals: base},
		// Dates in every form of §7.
		{name: "serial dates", vals: with(base, FJoinDate, "39630", FFullDate, "39995", FBirthDate, "31182"),
			check: func(m Member) (any, any) { return []Date{m.JoinDate, m.FullDate}, []Date{d(2008, 7, 1), d(2009, 7, 1)} }},
		{name: "serial with time", vals: with(base, FJoinDate, "39630.5"),
			check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "slashes", vals: with(base, FJoinDate, "2008/7/1"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "dots", vals: with(base, FJoinDate, "2008.07.01"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "chinese", vals: with(base, FJoinDate, "2008年7月1日"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "dense", vals: with(base, FJoinDate, "20080701"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "month dot", vals: with(base, FJoinDate, "2008.07"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "month dash", vals: with(base, FJoinDate, "2008-07", FFullDate, "2009年7月"),
			check: func(m Member) (any, any) { return []Date{m.JoinDate, m.FullDate}, []Date{d(2008, 7, 1), d(2009, 7, 1)} }},
		{name: "full-width date", vals: with(base, FJoinDate, "２００８－０７－０１"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "date with time text", vals: with(base, FJoinDate, "2008-07-01 00:00:00"), check: func(m Member) (any, any) { return m.JoinDate, d(2008, 7, 1) }},
		{name: "bad date", vals: with(base, FJoinDate, "2008-13-01"), fields: []string{FJoinDate}},
		{name: "garbage date", vals: with(base, FFullDate, "去年"), fields: []string{FFullDate}},
		// 出生日期 and the ID number.
		{name: "birth month only", vals: with(base, FBirthDate, "1985.05"), check: func(m Member) (any, any) { return m.BirthDate, d(1985, 5, 15) }},
		{name: "birth empty", vals: with(base, FBirthDate, ""), check: func(m Member) (any, any) { return m.BirthDate, d(1985, 5, 15) }},
		{name: "birth disagrees", vals: with(base, FBirthDate, "1986-05-15"), fields: []string{FBirthDate}, reason: "1985-05-15"},
		// 姓名.
		{name: "name spaces", vals: with(base, FName, " 张\u3000三 "), check: func(m Member) (any, any) { return m.Name, "张三" }},
		{name: "name empty", vals: with(base, FName, ""), fields: []string{FName}},
		{name: "name too long", vals: with(base, FName, strings.Repeat("张", 21)), fields: []string{FName}},
		// 公民身份证号.
		{name: "id lower x", vals: with(base, FIDNumber, strings.ToLower(testIDWithX(t)), FSex, ""),
			check: func(m Member) (any, any) { return m.IDNumber, testIDWithX(t) }},
		{name: "id spaces full-width", vals: with(base, FIDNumber, " "+strings.Map(func(r rune) rune { return r + 0xFEE0 }, idZhang[:6])+" "+idZhang[6:]),
			check: func(m Member) (any, any) { return m.IDNumber, idZhang }},
		{name: "id scientific", vals: with(base, FIDNumber, "1.30502198505151E+17"), fields: []string{FIDNumber}, reason: "文本"},
		{name: "id scientific lower", vals: with(base, FIDNumber, "1.30502198505151e+17"), fields: []string{FIDNumber}, reason: "文本"},
		{name: "id decimal", vals: with(base, FIDNumber, "130502198505151000.0"), fields: []string{FIDNumber}, reason: "文本"},
		{name: "id zeroed by excel", vals: with(base, FIDNumber, "130502198505151000"), fields: []string{FIDNumber}, reason: "文本"},
		{name: "id 15 digits", vals: with(base, FIDNumber, "130502850515123"), fields: []string{FIDNumber}, reason: "15位"},
		{name: "id check digit", vals: with(base, FIDNumber, idZhang[:17]+string("0123456789"[(int(idZhang[17]-'0')+1)%10])), fields: []string{FIDNumber}, reason: "校验"},
		{name: "id empty", vals: with(base, FIDNumber, ""), fields: []string{FIDNumber}},
		{name: "id province", vals: with(base, FIDNumber, testID("990502", "19850515", "123")), fields: []string{FIDNumber}, reason: "省级"},
		{name: "id birth date", vals: with(base, FIDNumber, testID("130502", "19851315", "123")), fields: []string{FIDNumber}, reason: "出生日期"},
		// 性别.
		{name: "sex derived", vals: with(base, FSex, ""), check: func(m Member) (any, any) { return m.Sex, SexMale }},
		{name: "sex long form", vals: with(base, FSex, "男性"), check: func(m Member) (any, any) { return m.Sex, SexMale }},
		{name: "sex disagrees", vals: with(base, FSex, "女"), fields: []string{FSex}},
		{name: "sex female id", vals: with(base, FIDNumber, idLi, FSex, "", FBirthDate, "", FJoinDate, "2010-07-01", FFullDate, "2011-07-01"),
			check: func(m Member) (any, any) { return m.Sex, SexFemale }},
		{name: "sex unknown", vals: with(base, FSex, "未知"), fields: []string{FSex}},
		// 民族.
		{name: "ethnicity without 族", vals: with(base, FEthnicity, "汉"), check: func(m Member) (any, any) { return m.Ethnicity, "汉族" }},
		{name: "ethnicity 蒙古", vals: with(base, FEthnicity, "蒙古"), check: func(m Member) (any, any) { return m.Ethnicity, "蒙古族" }},
		{name: "ethnicity unknown", vals: with(base, FEthnicity, "火星族"), fields: []string{FEthnicity}},
		{name: "ethnicity empty", vals: with(base, FEthnicity, ""), fields: []string{FEthnicity}},
		// 学历.
		{name: "education 本科", vals: with(base, FEducation, "本科"), check: func(m Member) (any, any) { return m.Education, "大学本科" }},
		{name: "education 大专", vals: with(base, FEducation, "大专"), check: func(m Member) (any, any) { return m.Education, "大学专科" }},
		{name: "education 中专", vals: with(base, FEducation, "中专"), check: func(m Member) (any, any) { return m.Education, "中等专科" }},
		{name: "education 初中", vals: with(base, FEducation, "初中"), check: func(m Member) (any, any) { return m.Education, "初中及以下" }},
		{name: "education 小学", vals: with(base, FEducation, "小学"), check: func(m Member) (any, any) { return m.Education, "初中及以下" }},
		{name: "education 硕士", vals: with(base, FEducation, "硕士"), check: func(m Member) (any, any) { return m.Education, "研究生" }},
		{name: "education 博士 note", vals: with(base, FEducation, "博士（在职）"), check: func(m Member) (any, any) { return m.Education, "研究生" }},
		{name: "education empty", vals: with(base, FEducation, ""), check: func(m Member) (any, any) { return m.Education, "" }},
		{name: "education unknown", vals: with(base, FEducation, "幼儿园"), fields: []string{FEducation}},
		// 人员类别 and the dates that depend on it.
		{name: "probation", vals: with(base, FCategory, "预备党员", FJoinDate, "2026-03-01", FFullDate, ""),
			check: func(m Member) (any, any) { return m.Category, CategoryProbation }},
		{name: "category short", vals: with(base, FCategory, "预备", FJoinDate, "46082", FFullDate, ""),
			check: func(m Member) (any, any) { return m.Category, CategoryProbation }},
		{name: "category 中共党员", vals: with(base, FCategory, "中共党员"), check: func(m Member) (any, any) { return m.Category, CategoryFull }},
		{name: "category unknown", vals: with(base, FCategory, "团员"), fields: []string{FCategory}},
		{name: "category empty", vals: with(base, FCategory, ""), fields: []string{FCategory}},
		{name: "join before 18", vals: with(base, FJoinDate, "2003-05-14", FFullDate, "2004-05-14"), fields: []string{FJoinDate}},
		{name: "join on 18th birthday", vals: with(base, FJoinDate, "2003-05-15", FFullDate, "2004-05-15")},
		{name: "join future", vals: with(base, FCategory, "预备党员", FJoinDate, "2026-12-01", FFullDate, ""), fields: []string{FJoinDate}},
		{name: "join empty", vals: with(base, FJoinDate, ""), fields: []string{FJoinDate}},
		{name: "full missing", vals: with(base, FFullDate, ""), fields: []string{FFullDate}},
		{name: "full for probation", vals: with(base, FCategory, "预备党员"), fields: []string{FFullDate}},
		{name: "full before join", vals: with(base, FFullDate, "2008-07-01"), fields: []string{FFullDate}},
		{name: "full future", vals: with(base, FFullDate, "2027-01-01"), fields: []string{FFullDate}},
		// Text fields.
		{name: "job too long", vals: with(base, FJob, strings.Repeat("岗", 51)), fields: []string{FJob}},
		{name: "address too long", vals: with(base, FAddress, strings.Repeat("址", 101)), fields: []string{FAddress}},
		{name: "remark too long", vals: with(base, FRemark, strings.Repeat("备", 501)), fields: []string{FRemark}},
		// Phones.
		{name: "mobile spaces", vals: with(base, FMobile, "138 1234 5678"), check: func(m Member) (any, any) { return m.Mobile, "13812345678" }},
		{name: "mobile full-width", vals: with(base, FMobile, "１３８１２３４５６７８"), check: func(m Member) (any, any) { return m.Mobile, "13812345678" }},
		{name: "mobile bad", vals: with(base, FMobile, "12345"), fields: []string{FMobile}},
		{name: "mobile second digit", vals: with(base, FMobile, "12812345678"), fields: []string{FMobile}},
		{name: "landline in mobile column", vals: with(base, FMobile, "0319-2345678"),
			check: func(m Member) (any, any) { return [2]string{m.Mobile, m.Landline}, [2]string{"", "0319-2345678"} }},
		{name: "landline spaced", vals: with(base, FLandline, "0319 2345678"), check: func(m Member) (any, any) { return m.Landline, "0319-2345678" }},
		{name: "landline bad", vals: with(base, FLandline, "2345678"), fields: []string{FLandline}},
		// 党籍状态 and the flags.
		{name: "party status default", vals: with(base, FPartyStatus, ""), check: func(m Member) (any, any) { return m.PartyStatus, PartyStatusNormal }},
		{name: "party status bad", vals: with(base, FPartyStatus, "暂停"), fields: []string{FPartyStatus}},
		{name: "lost with date", vals: with(base, FLostContact, "是", FLostDate, "2024-03-01"),
			check: func(m Member) (any, any) { return [2]any{m.LostContact, m.LostDate}, [2]any{true, d(2024, 3, 1)} }},
		{name: "lost without date", vals: with(base, FLostContact, "是"), fields: []string{FLostDate}},
		{name: "lost date future", vals: with(base, FLostContact, "√", FLostDate, "2027-01-01"), fields: []string{FLostDate}},
		{name: "lost flag unreadable", vals: with(base, FLostContact, "也许"), fields: []string{FLostContact}},
		{name: "floating", vals: with(base, FFloating, "是", FFloatingTo, "内蒙古鄂尔多斯市"),
			check: func(m Member) (any, any) {
				return [2]any{m.Floating, m.FloatingTo}, [2]any{true, "内蒙古鄂尔多斯市"}
			}},
		{name: "floating without place", vals: with(base, FFloating, "Y"), fields: []string{FFloatingTo}},
		{name: "floating place too long", vals: with(base, FFloating, "是", FFloatingTo, strings.Repeat("地", 101)), fields: []string{FFloatingTo}},
		// Several problems in one row: each field once.
		{name: "many", vals: with(base, FName, "", FIDNumber, "1.30502E+17", FJoinDate, "x", FMobile, "1"),
			fields: []string{FIDNumber, FJoinDate, FMobile, FName}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseRoster([][]string{RosterHeaders, rowOf(RosterHeaders, c.vals)}, rosterToday)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Rows) != 1 {
				t.Fatalf("rows = %d, want 1", len(p.Rows))
			}
			r := p.Rows[0]
			want := slices.Clone(c.fields)
			slices.Sort(want)
			if got := problemFields(r.Problems); !slices.Equal(got, want) {
				t.Fatalf("problem fields = %v, want %v; problems: %+v", got, want, r.Problems)
			}
			for _, pr := range r.Problems {
				if pr.Row != 2 || !hasHan(pr.Reason) {
					t.Errorf("problem %+v: want row 2 and a Chinese reason", pr)
				}
				if pr.Value != NormalizeText(c.vals[pr.Field]) {
					t.Errorf("problem %+v: value should be the cell %q", pr, c.vals[pr.Field])
				}
			}
			if c.reason != "" && (len(r.Problems) == 0 || !strings.Contains(r.Problems[0].Reason, c.reason)) {
				t.Errorf("reason should mention %q: %+v", c.reason, r.Problems)
			}
			if c.check != nil {
				if got, want := c.check(r.Member); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("read %v, want %v", got, want)
				}
			}
			if len(c.fields) == 0 && ValidateMember(&r.Member, rosterToday) != nil {
				t.Errorf("row without problems does not validate: %v", ValidateMember(&r.Member, rosterToday))
			}
		})
	}
}

func TestParseRosterHeader(t *testing.T) {
	title := slices.Repeat([]string{"某某党支部党员花名册"}, 8) // a merged title, filled across
	cases := []struct {
		name      string
		rows      [][]string
		headerRow int
		columns   map[string]int
		ignored   []string
		errWants  []string // fragments of the error message; nil = no error
	}{
		{name: "standard", rows: [][]string{RosterHeaders}, headerRow: 1,
			columns: map[string]int{FName: 1, FIDNumber: 3, FRemark: 20}},
		{name: "title rows, synonyms, shuffled, decorated",
			rows: [][]string{
				title,
				{"单位：综采一队党支部", "", "", "", "填报日期：2026年11月23日"},
				{},
				{"身份证号码\n（18位）", "*姓　名", "联系电话", "入党时间", "转正时间", "出生年月", "文化程度", "党员类别", "籍贯", "职务", "现住址", "是否失联", "流动党员", "流向"},
			},
			headerRow: 4,
			columns: map[string]int{FIDNumber: 0, FName: 1, FMobile: 2, FJoinDate: 3, FFullDate: 4, FBirthDate: 5,
				FEducation: 6, FCategory: 7, FJob: 9, FAddress: 10, FLostContact: 11, FFloating: 12, FFloatingTo: 13},
			ignored: []string{"籍贯"}},
		{name: "more synonyms", rows: [][]string{{"序号", "姓名", "公民身份证号码", "手机号码", "岗位", "住址", "失联党员", "外出流向地", "出生时间", "学历", "类别", "入党日期", "转正日期", "家庭地址", "身份证"}},
			headerRow: 1,
			columns: map[string]int{"序号": 0, FName: 1, FIDNumber: 2, FMobile: 3, FJob: 4, FAddress: 5, FLostContact: 6,
				FFloatingTo: 7, FBirthDate: 8, FEducation: 9, FCategory: 10, FJoinDate: 11, FFullDate: 12},
			ignored: []string{"家庭地址（重复的列，已忽略）", "身份证（重复的列，已忽略）"}},
		{name: "other synonyms", rows: [][]string{{"姓名", "身份证", "手机", "联系方式", "加入党组织时间", "工作单位及职务", "是否流动"}},
			headerRow: 1, columns: map[string]int{FName: 0, FIDNumber: 1, FMobile: 2, FJoinDate: 4, FJob: 5, FFloating: 6},
			ignored: []string{"联系方式（重复的列，已忽略）"}},
		{name: "header row 10", rows: append(slices.Repeat([][]string{title}, 9), []string{"姓名", "身份证号"}), headerRow: 10,
			columns: map[string]int{FName: 0, FIDNumber: 1}},
		{name: "header row 11", rows: append(slices.Repeat([][]string{title}, 10), []string{"姓名", "身份证号"}),
			errWants: []string{"“姓名”", "“公民身份证号”", "前10行"}},
		{name: "no ID column", rows: [][]string{{"姓名", "性别", "手机号"}}, errWants: []string{"缺少“公民身份证号”列"}},
		{name: "no name column", rows: [][]string{{"序号", "身份证号", "性别"}}, errWants: []string{"缺少“姓名”列"}},
		{name: "empty sheet", rows: nil, errWants: []string{"缺少“姓名”、“公民身份证号”列"}},
		{name: "two-row header, merged cells filled", rows: [][]string{
			{"姓名", "身份证号", "失联情况", "失联情况"},
			{"姓名", "身份证号", "是否失联", "失联日期"},
		}, headerRow: 2, columns: map[string]int{FName: 0, FIDNumber: 1, FLostContact: 2, FLostDate: 3}},
		{name: "best row wins", rows: [][]string{{"姓名", "备注"}, {"姓名", "身份证号", "性别"}}, headerRow: 2,
			columns: map[string]int{FName: 0, FIDNumber: 1, FSex: 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseRoster(c.rows, rosterToday)
			if c.errWants != nil {
				if err == nil || ErrorCode(err) != EInvalid {
					t.Fatalf("err = %v, want an EInvalid error", err)
				}
				for _, w := range c.errWants {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q should contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.HeaderRow != c.headerRow {
				t.Errorf("header row = %d, want %d", p.HeaderRow, c.headerRow)
			}
			for f, j := range c.columns {
				if got, ok := p.Columns[f]; !ok || got != j {
					t.Errorf("column of %s = %d (%v), want %d", f, got, ok, j)
				}
			}
			if len(p.Columns) != len(c.columns) && c.name != "standard" {
				t.Errorf("columns = %v, want %v", p.Columns, c.columns)
			}
			if c.name == "standard" && len(p.Columns) != len(RosterHeaders) {
				t.Errorf("standard header: %d columns recognised, want %d", len(p.Columns), len(RosterHeaders))
			}
			if !slices.Equal(p.Ignored, c.ignored) {
				t.Errorf("ignored = %q, want %q", p.Ignored, c.ignored)
			}
		})
	}
}

// realisticSheet is a roster as secretaries keep it: title rows, a header with synonyms in their own
// order, merged cells filled, a column-number row, empty rows, duplicates and the signature lines.
func realisticSheet() [][]string {
	header := []string{"序号", "姓 名", "身份证号码", "性别", "民族", "党支部", "出生年月", "文化程度", "入党时间", "转正时间", "党员类别", "联系电话", "家庭住址", "备注"}
	row := func(vals ...string) []string { return vals }
	br := "综采一队党支部" // a merged column, filled down by the reader
	return [][]string{
		slices.Repeat([]string{"综采一队党支部党员花名册"}, len(header)),                          // row 1
		{"单位：某某煤矿党委", "", "", "", "", "", "", "", "", "", "", "", "填报日期：2026年11月23日"}, // row 2
		header, // row 3
		row("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"),                                     // row 4: column numbers
		row("1", "张三", idZhang, "男", "汉", br, "1985.05", "本科", "39630", "2009年7月1日", "正式党员", "13812345678", "邢台市信都区", ""),  // row 5 ok
		row("2", "李  丽", idLi, "", "汉族", br, "31081", "大专", "2012.07.01", "20130701", "正式党员", "0319-2345678", "阳泉市矿区", ""), // row 6 ok (serial birth 1985-02-03 disagrees!)
		row("", "", "", "", "", "", "", "", "", "", "", "", "", ""),                                                        // row 7 empty
		nil, // row 8 empty
		row("3", "王五", "1.30406197209E+17", "男", "汉族", br, "1972.09", "初中", "1995-07-01", "1996-07-01", "正式党员", "13912345678", "", ""), // row 9 numeric ID
		row("4", "张三", idZhang, "男", "汉族", br, "", "本科", "2008-07-01", "2009-07-01", "正式党员", "", "", "重复录入"),                           // row 10 dup of 5
		row("5", "赵六", testID("141181", "20010301", "015"), "男", "汉族", br, "", "中专", "2026.03", "", "预备党员", "１５８１２３４５６７８", "", ""),     // row 11 ok
		row("6", "孙七", testID("140581", "19800101", "031"), "男", "汉族", br, "", "高中", "1997-06-01", "1998-06-01", "正式党员", "", "", ""),   // row 12 join before 18
		row("填表人：王书记", "", "", "", "", "", "", "", "支部书记（签字）：", "", "", "日期：", "", ""),                                                 // row 13 signature
	}
}

func TestParseRosterRealisticSheet(t *testing.T) {
	p, err := ParseRoster(realisticSheet(), rosterToday)
	if err != nil {
		t.Fatal(err)
	}
	if p.HeaderRow != 3 {
		t.Errorf("header row = %d, want 3", p.HeaderRow)
	}
	var rows []int
	got := map[int][]string{}
	for _, r := range p.Rows {
		rows = append(rows, r.Row)
		if len(r.Problems) > 0 {
			got[r.Row] = problemFields(r.Problems)
		}
	}
	if want := []int{5, 6, 9, 10, 11, 12}; !slices.Equal(rows, want) {
		t.Fatalf("data rows = %v, want %v", rows, want)
	}
	want := map[int][]string{
		6:  {FBirthDate}, // 31081 is 1985-02-03, the ID says 1990-02-03
		9:  {FIDNumber},  // stored as a number
		10: {FIDNumber},  // same ID as row 5
		12: {FJoinDate},  // joined at 17
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("problems = %v, want %v", got, want)
	}
	dup := p.Rows[3].Problems[0]
	if !strings.Contains(dup.Reason, "第 5 行") || dup.Value != idZhang {
		t.Errorf("duplicate problem = %+v, want one naming row 5", dup)
	}
	if m := p.Rows[1].Member; m.Name != "李丽" || m.Sex != SexFemale || m.Mobile != "" || m.Landline != "0319-2345678" {
		t.Errorf("row 6 read as %+v", m)
	}
	if m := p.Rows[4].Member; m.Mobile != "15812345678" || m.JoinDate != NewDate(2026, 3, 1) || m.Education != "中等专科" {
		t.Errorf("row 11 read as %+v", m)
	}
	if m := p.Rows[2].Member; m.Name != "王五" || m.JoinDate != NewDate(1995, 7, 1) {
		t.Errorf("row 9 (kept for the preview) read as %+v", m)
	}
}

func TestPlanImport(t *testing.T) {
	// Rows: 2 new and valid, 3 saved already and valid, 4 invalid, 5 duplicate of 2, 6 saved already
	// but invalid.
	rows := [][]string{RosterHeaders,
		rowOf(RosterHeaders, validRow()),
		rowOf(RosterHeaders, with(validRow(), FName, "李丽", FIDNumber, idLi, FSex, "女", FBirthDate, "", FJoinDate, "2010-07-01", FFullDate, "2011-07-01")),
		rowOf(RosterHeaders, with(validRow(), FName, "", FIDNumber, testID("130406", "19800101", "011"))),
		rowOf(RosterHeaders, validRow()),
		rowOf(RosterHeaders, with(validRow(), FName, "王五", FIDNumber, idWang, FBirthDate, "", FMobile, "123")),
	}
	p, err := ParseRoster(rows, rosterToday)
	if err != nil {
		t.Fatal(err)
	}
	MarkExisting(&p, []Member{{IDNumber: idLi}, {IDNumber: idWang, RollStatus: RollOut}, {IDNumber: testID("110101", "19700101", "001")}})
	if exists := []bool{p.Rows[0].Exists, p.Rows[1].Exists, p.Rows[2].Exists, p.Rows[3].Exists, p.Rows[4].Exists}; !slices.Equal(exists, []bool{false, true, false, false, true}) {
		t.Fatalf("Exists = %v", exists)
	}
	cases := []struct {
		mode                     ImportMode
		imported, errors, notice []int
		errorRows                int
		summary                  string
	}{
		{ImportSkip, []int{2}, []int{4, 5, 6}, []int{3}, 3, "导入 1 条（新增 1 条，更新 0 条），跳过 1 条，3 行有错误未导入"},
		{"", []int{2}, []int{4, 5, 6}, []int{3}, 3, "导入 1 条（新增 1 条，更新 0 条），跳过 1 条，3 行有错误未导入"},
		{ImportAdd, []int{2}, []int{3, 4, 5, 6}, nil, 4, "导入 1 条（新增 1 条，更新 0 条），跳过 0 条，4 行有错误未导入"},
		{ImportUpdate, []int{2, 3}, []int{4, 5, 6}, nil, 3, "导入 2 条（新增 1 条，更新 1 条），跳过 0 条，3 行有错误未导入"},
	}
	for _, c := range cases {
		t.Run(string(c.mode), func(t *testing.T) {
			pl := PlanImport(&p, c.mode)
			rowsOf := func(ps []RowProblem) []int {
				var rs []int
				for _, pr := range ps {
					if !slices.Contains(rs, pr.Row) {
						rs = append(rs, pr.Row)
					}
				}
				return rs
			}
			if !slices.Equal(pl.Rows, c.imported) || len(pl.Members) != len(pl.Rows) {
				t.Errorf("imported rows = %v (%d members), want %v", pl.Rows, len(pl.Members), c.imported)
			}
			if got := rowsOf(pl.Problems); !slices.Equal(got, c.errors) || pl.ErrorRows != c.errorRows {
				t.Errorf("error rows = %v (%d), want %v (%d)", got, pl.ErrorRows, c.errors, c.errorRows)
			}
			if got := rowsOf(pl.Skipped); !slices.Equal(got, c.notice) {
				t.Errorf("skipped rows = %v, want %v", got, c.notice)
			}
			for _, s := range pl.Skipped {
				if s.Reason != "已存在，跳过" {
					t.Errorf("skip notice = %q", s.Reason)
				}
			}
			for i, m := range pl.Members {
				if ValidateMember(&m, rosterToday) != nil {
					t.Errorf("row %d to import does not validate", pl.Rows[i])
				}
			}
			res := ImportResult{Added: 1}
			if c.mode == ImportUpdate {
				res.Updated = 1
			}
			if got := pl.Summary(res); got != c.summary {
				t.Errorf("summary = %q, want %q", got, c.summary)
			}
		})
	}
}

func FuzzParseRoster(f *testing.F) {
	f.Add(strings.Join(RosterHeaders, "\t") + "\n" + strings.Join(rowOf(RosterHeaders, validRow()), "\t"))
	for _, r := range realisticSheet() {
		f.Add(strings.Join(r, "\t"))
	}
	var sheet []string
	for _, r := range realisticSheet() {
		sheet = append(sheet, strings.Join(r, "\t"))
	}
	f.Add(strings.Join(sheet, "\n"))
	f.Add("姓名\t身份证号\t入党时间\t性别\n张三\t1.3E+17\t99999999\t男\n\t\t\t\n李四\t" + idLi + "\t2008.13\tX")
	f.Fuzz(func(t *testing.T, s string) {
		var rows [][]string
		for _, line := range strings.Split(s, "\n") {
			rows = append(rows, strings.Split(line, "\t"))
		}
		p, err := ParseRoster(rows, rosterToday)
		if err != nil {
			if ErrorCode(err) != EInvalid || !hasHan(err.Error()) {
				t.Fatalf("error %v: want a Chinese EInvalid error", err)
			}
			return
		}
		for _, r := range p.Rows {
			if r.Row <= p.HeaderRow || r.Row > len(rows) {
				t.Fatalf("row number %d outside the data rows", r.Row)
			}
			for _, pr := range r.Problems {
				if pr.Row != r.Row || !hasHan(pr.Reason) {
					t.Fatalf("problem %+v: want row %d and a Chinese reason", pr, r.Row)
				}
			}
		}
		PlanImport(&p, ImportAdd)
	})
}

// The problem list holds the errors and the skipped rows, by row.
func TestImportPlanReport(t *testing.T) {
	p := ImportPlan{
		Problems: []RowProblem{{Row: 7, Reason: "身份证号有误"}, {Row: 3, Reason: "姓名为空"}},
		Skipped:  []RowProblem{{Row: 5, Reason: "已有此人"}},
	}
	var rows []int
	for _, r := range p.Report() {
		rows = append(rows, r.Row)
	}
	if !slices.Equal(rows, []int{3, 5, 7}) {
		t.Errorf("report rows %v", rows)
	}
}

func TestParseImportMode(t *testing.T) {
	for in, want := range map[string]ImportMode{"": ImportSkip, "skip": ImportSkip, "update": ImportUpdate, "add": ImportAdd} {
		if got, err := ParseImportMode(in); got != want || err != nil {
			t.Errorf("ParseImportMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseImportMode("replace"); ErrorCode(err) != EInvalid || !strings.Contains(ErrorMessage(err), "不能是 replace") {
		t.Errorf("replace: %v, want a Chinese refusal naming it", err)
	}
}

func TestRowProblemString(t *testing.T) {
	cases := map[string]RowProblem{
		"第3行 出生日期「1990-13-01」：日期不对": {Row: 3, Field: FBirthDate, Value: "1990-13-01", Reason: "日期不对"},
		"第4行：整行为空":                  {Row: 4, Reason: "整行为空"},
	}
	for want, p := range cases {
		if got := p.String(); got != want {
			t.Errorf("%+v = %q, want %q", p, got, want)
		}
	}
}

func TestProblemsText(t *testing.T) {
	ps := []RowProblem{
		{Row: 3, Field: FBirthDate, Value: "1990-13-01", Reason: "日期不对"},
		{Row: 3, Field: FName, Reason: "必填"},
		{Row: 3, Reason: "与第2行重复"},
	}
	if got, want := ProblemsText(ps), "出生日期「1990-13-01」：日期不对；姓名：必填；与第2行重复"; got != want {
		t.Errorf("ProblemsText = %q, want %q", got, want)
	}
	if got := ProblemsText(nil); got != "" {
		t.Errorf("no problems: %q", got)
	}
}
