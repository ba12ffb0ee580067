package data

import (
	"strings"
	"testing"
	"time"
)

var testToday = Date{2026, time.November, 23}

// validMember is a 正式党员 born 1985-05-12 who passes every rule.
func validMember() Member {
	return Member{
		Name: "张三", IDNumber: IDNumberWithCheck("13020319850512003"), Ethnicity: "汉族",
		Education: "大学专科", Category: CategoryFull,
		JoinDate: Date{2008, time.July, 1}, FullDate: Date{2009, time.July, 1},
		Job: "采煤机司机", Mobile: "13812345678", Landline: "0315-2345678", Address: "河北省唐山市",
	}
}

func TestValidMemberPasses(t *testing.T) {
	m := validMember()
	m.Normalize()
	if fe := ValidateMember(&m, testToday); fe != nil {
		t.Fatalf("valid member rejected: %v", fe)
	}
	if m.Sex != SexMale || m.BirthDate != (Date{1985, time.May, 12}) {
		t.Fatalf("sex/birth not derived: %s %v", m.Sex, m.BirthDate)
	}
	if m.PartyStatus != PartyStatusNormal || m.PartyRole != RoleNone || m.RollStatus != RollIn {
		t.Fatalf("defaults not filled: %+v", m)
	}
}

// Every rule of SPEC §2 broken once: exactly the named field reports, with a message that says what to do.
func TestValidateMemberRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(m *Member)
		field  string
		msg    string
	}{
		{"name missing", func(m *Member) { m.Name = NormalizeName(" \u3000 ") }, FName, "请填写姓名"},
		{"name too long", func(m *Member) { m.Name = strings.Repeat("张", 21) }, FName, "最多20个字"},
		{"id missing", func(m *Member) { m.IDNumber = ""; m.Sex = SexMale; m.BirthDate = Date{1985, 5, 12} }, FIDNumber, "请填写公民身份证号"},
		{"id check digit", func(m *Member) { m.IDNumber = "130203198505120030"; m.Sex = SexMale; m.BirthDate = Date{1985, 5, 12} }, FIDNumber, "校验位"},
		{"sex disagrees", func(m *Member) { m.Sex = SexFemale }, FSex, "应为“男”"},
		{"sex unknown", func(m *Member) { m.Sex = "未知" }, FSex, "只能是"},
		{"birth disagrees", func(m *Member) { m.BirthDate = Date{1985, 5, 13} }, FBirthDate, "应为 1985-05-12"},
		{"ethnicity missing", func(m *Member) { m.Ethnicity = "" }, FEthnicity, "请选择民族"},
		{"ethnicity unknown", func(m *Member) { m.Ethnicity = "火星族" }, FEthnicity, "不是56个民族之一"},
		{"education unknown", func(m *Member) { m.Education = "博士后" }, FEducation, "无法识别"},
		{"category missing", func(m *Member) { m.Category = "" }, FCategory, "请选择人员类别"},
		{"category unknown", func(m *Member) { m.Category = "积极分子" }, FCategory, "只能是"},
		{"join missing", func(m *Member) { m.JoinDate = Date{} }, FJoinDate, "请填写加入党组织日期"},
		{"join in future", func(m *Member) { m.JoinDate = Date{2026, 11, 24}; m.FullDate = Date{}; m.Category = CategoryProbation }, FJoinDate, "不能晚于今天"},
		{"join before 18", func(m *Member) { m.JoinDate = Date{2003, 5, 11} }, FJoinDate, "最早为 2003-05-12"},
		{"full missing", func(m *Member) { m.FullDate = Date{} }, FFullDate, "正式党员须填写"},
		{"full for probation", func(m *Member) { m.Category = CategoryProbation }, FFullDate, "预备党员不应填写"},
		{"full before join", func(m *Member) { m.FullDate = Date{2008, 7, 1} }, FFullDate, "应晚于加入党组织日期"},
		{"full in future", func(m *Member) { m.FullDate = Date{2027, 1, 1} }, FFullDate, "不能晚于今天"},
		{"job too long", func(m *Member) { m.Job = strings.Repeat("岗", 51) }, FJob, "最多50个字"},
		{"mobile", func(m *Member) { m.Mobile = "1234" }, FMobile, "11位数字"},
		{"landline", func(m *Member) { m.Landline = "2345678" }, FLandline, "区号-号码"},
		{"address too long", func(m *Member) { m.Address = strings.Repeat("路", 101) }, FAddress, "最多100个字"},
		{"party status", func(m *Member) { m.PartyStatus = "暂停" }, FPartyStatus, "只能是"},
		{"lost without date", func(m *Member) { m.LostContact = true }, FLostDate, "须填写失去联系日期"},
		{"lost in future", func(m *Member) { m.LostContact = true; m.LostDate = Date{2027, 1, 1} }, FLostDate, "不能晚于今天"},
		{"floating without destination", func(m *Member) { m.Floating = true }, FFloatingTo, "须填写外出流向"},
		{"remark too long", func(m *Member) { m.Remark = strings.Repeat("备", 501) }, FRemark, "最多500个字"},
		{"party role", func(m *Member) { m.PartyRole = "主任" }, FPartyRole, "无法识别"},
		{"work date future", func(m *Member) { m.WorkDate = Date{2027, 1, 1} }, FWorkDate, "不能晚于今天"},
		{"work date child", func(m *Member) { m.WorkDate = Date{1995, 1, 1} }, FWorkDate, "年满16周岁"},
		{"roll status", func(m *Member) { m.RollStatus = "退休" }, FRollStatus, "无法识别"},
		{"roll date missing", func(m *Member) { m.RollStatus = RollOut }, FRollDate, "须填写变动日期"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validMember()
			m.Normalize()
			tt.change(&m)
			fe := ValidateMember(&m, testToday)
			if len(fe) != 1 {
				t.Fatalf("want exactly one problem on %s, got %v", tt.field, fe)
			}
			if fe[0].Field != tt.field || !strings.Contains(fe[0].Message, tt.msg) {
				t.Fatalf("got %s: %s; want %s containing %q", fe[0].Field, fe[0].Message, tt.field, tt.msg)
			}
		})
	}
}

func TestValidateMemberEdges(t *testing.T) {
	m := validMember()
	m.Normalize()
	m.JoinDate = Date{2003, 5, 12} // the 18th birthday itself is allowed
	m.FullDate = Date{2004, 5, 12}
	if fe := ValidateMember(&m, testToday); fe != nil {
		t.Fatalf("join on the 18th birthday rejected: %v", fe)
	}
	p := validMember()
	p.Category, p.FullDate, p.JoinDate = CategoryProbation, Date{}, testToday // joined today
	p.Normalize()
	if fe := ValidateMember(&p, testToday); fe != nil {
		t.Fatalf("probationary member joined today rejected: %v", fe)
	}
	// Flags off clear their details instead of failing.
	q := validMember()
	q.LostDate, q.FloatingTo, q.Ethnicity = Date{2020, 1, 1}, "北京", "回"
	q.Normalize()
	if !q.LostDate.IsZero() || q.FloatingTo != "" || q.Ethnicity != "回族" {
		t.Fatalf("normalise: %+v", q)
	}
}

func TestValidateOrg(t *testing.T) {
	b := Branch{Name: " 综采一队党支部 ", Committee: "某某煤矿党委", Phone: "0315-1234567", Code: "zc-01"}
	b.Normalize()
	if fe := ValidateBranch(&b); fe != nil || b.Code != "ZC-01" || b.Name != "综采一队党支部" {
		t.Fatalf("branch: %v %+v", fe, b)
	}
	bad := Branch{Phone: "12", Code: "综采"}
	fe := ValidateBranch(&bad)
	for _, f := range []string{"名称", "所属党委", "联系电话", "支部代码"} {
		if fe.For(f) == "" {
			t.Errorf("branch: no problem reported on %s: %v", f, fe)
		}
	}
	if fe := ValidateGroup(&Group{Name: " "}); fe.For("名称") == "" {
		t.Errorf("group without name accepted")
	}
	if fe := ValidateTeam(&Team{Name: "综采一班", Category: "挖矿"}); fe.For("类别") == "" {
		t.Errorf("team with unknown category accepted")
	}
	if fe := ValidateTeam(&Team{Name: "综采一班", Category: "采煤"}); fe != nil {
		t.Errorf("valid team rejected: %v", fe)
	}
}
