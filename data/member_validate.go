package data

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Normalize cleans what was typed or imported, derives 性别 and 出生日期 from a valid ID number, and
// fills the defaults of fields whose absence means the usual case. It never throws input away except
// the details of a flag that is off (失去联系日期 without 失联, 外出流向 without 流动).
func (m *Member) Normalize() {
	normalizeIdentity(&m.Name, &m.IDNumber, &m.Sex, &m.Ethnicity, &m.Education, &m.BirthDate)
	m.Category = NormalizeText(m.Category)
	m.Job = NormalizeText(m.Job)
	m.Mobile = NormalizeMobile(m.Mobile)
	m.Landline = NormalizeLandline(m.Landline)
	m.Address = NormalizeText(m.Address)
	m.PartyStatus = NormalizeText(m.PartyStatus)
	m.FloatingTo = NormalizeText(m.FloatingTo)
	m.Remark = strings.TrimSpace(m.Remark)
	m.PartyRole = NormalizeText(m.PartyRole)
	m.KeyPost = NormalizeText(m.KeyPost)
	m.RollStatus = NormalizeText(m.RollStatus)
	if m.PartyStatus == "" {
		m.PartyStatus = PartyStatusNormal
	}
	if m.PartyRole == "" {
		m.PartyRole = RoleNone
	}
	if m.RollStatus == "" {
		m.RollStatus = RollIn
	}
	if !m.LostContact {
		m.LostDate = Date{}
	}
	if !m.Floating {
		m.FloatingTo = ""
	}
	if m.RollStatus == RollIn {
		m.RollDate = Date{}
	}
}

// ValidateMember checks every rule of SPEC §2 on a normalised member; today bounds the dates.
// Uniqueness of the ID number needs the data file and is checked by the store.
func ValidateMember(m *Member, today Date) FieldErrors {
	var fe FieldErrors
	checkIdentity(&fe, m.Name, m.IDNumber, m.Sex, m.BirthDate, m.Ethnicity, m.Education, today)
	switch {
	case m.Category == "":
		fe.add(FCategory, "请选择人员类别：正式党员或预备党员")
	case !slices.Contains(Categories, m.Category):
		fe.add(FCategory, fmt.Sprintf("人员类别只能是“正式党员”或“预备党员”，不能是「%s」", m.Category))
	}

	switch {
	case m.JoinDate.IsZero():
		fe.add(FJoinDate, "请填写加入党组织日期")
	case m.JoinDate.After(today):
		fe.add(FJoinDate, "加入党组织日期不能晚于今天")
	case !m.BirthDate.IsZero() && m.JoinDate.Before(m.BirthDate.AddYears(18)):
		fe.add(FJoinDate, fmt.Sprintf("入党时应年满18周岁：出生日期为 %s，加入党组织日期最早为 %s", m.BirthDate, m.BirthDate.AddYears(18)))
	}
	switch {
	case m.Category == CategoryFull && m.FullDate.IsZero():
		fe.add(FFullDate, "正式党员须填写转为正式党员日期")
	case m.Category == CategoryProbation && !m.FullDate.IsZero():
		fe.add(FFullDate, "预备党员不应填写转为正式党员日期；如已转正，请把人员类别改为正式党员")
	case m.FullDate.IsZero():
	case m.FullDate.After(today):
		fe.add(FFullDate, "转为正式党员日期不能晚于今天")
	case !m.JoinDate.IsZero() && !m.FullDate.After(m.JoinDate):
		fe.add(FFullDate, fmt.Sprintf("转为正式党员日期应晚于加入党组织日期（%s）", m.JoinDate))
	}

	checkText(&fe, FJob, m.Job, 50, false)
	if err := CheckMobile(m.Mobile); err != nil {
		fe.add(FMobile, ErrorMessage(err))
	}
	if err := CheckLandline(m.Landline); err != nil {
		fe.add(FLandline, ErrorMessage(err))
	}
	checkText(&fe, FAddress, m.Address, 100, false)
	if !slices.Contains(PartyStates, m.PartyStatus) {
		fe.add(FPartyStatus, fmt.Sprintf("党籍状态只能是“正常”或“停止党籍”，不能是「%s」", m.PartyStatus))
	}
	if m.LostContact {
		checkPastDate(&fe, FLostDate, m.LostDate, today, "标记为失联党员时须填写失去联系日期")
	}
	if m.Floating {
		if m.FloatingTo == "" {
			fe.add(FFloatingTo, "标记为流动党员时须填写外出流向")
		}
		checkText(&fe, FFloatingTo, m.FloatingTo, 100, false)
	}
	checkText(&fe, FRemark, m.Remark, 500, false)

	if !slices.Contains(PartyRoles, m.PartyRole) {
		fe.add(FPartyRole, fmt.Sprintf("党内职务「%s」无法识别，应为：%s", m.PartyRole, strings.Join(PartyRoles, "、")))
	}
	checkText(&fe, FKeyPost, m.KeyPost, 30, false)
	if !m.WorkDate.IsZero() {
		switch {
		case m.WorkDate.After(today):
			fe.add(FWorkDate, "参加工作日期不能晚于今天")
		case !m.BirthDate.IsZero() && m.WorkDate.Before(m.BirthDate.AddYears(16)):
			fe.add(FWorkDate, fmt.Sprintf("参加工作日期应在年满16周岁（%s）之后", m.BirthDate.AddYears(16)))
		}
	}
	switch {
	case !slices.Contains(RollStates, m.RollStatus):
		fe.add(FRollStatus, fmt.Sprintf("在册状态「%s」无法识别，应为：%s", m.RollStatus, strings.Join(RollStates, "、")))
	case m.RollStatus != RollIn:
		checkPastDate(&fe, FRollDate, m.RollDate, today, "在册状态为"+m.RollStatus+"时须填写变动日期")
	}
	return fe
}

// normalizeIdentity cleans the identity fields that members and people in the recruitment
// pipeline share, and derives 性别 and 出生日期 from a valid ID number.
func normalizeIdentity(name, idNumber, sex, ethnicity, education *string, birth *Date) {
	*name = NormalizeName(*name)
	*idNumber = NormalizeIDNumber(*idNumber)
	*sex = NormalizeText(*sex)
	*ethnicity = NormalizeText(*ethnicity)
	if *ethnicity != "" && !strings.HasSuffix(*ethnicity, "族") && slices.Contains(Ethnicities, *ethnicity+"族") {
		*ethnicity += "族"
	}
	*education = NormalizeText(*education)
	if info, err := ParseIDNumber(*idNumber); err == nil {
		if *sex == "" {
			*sex = info.Sex
		}
		if birth.IsZero() {
			*birth = info.BirthDate
		}
	}
}

// checkIdentity checks the identity fields of SPEC §2 (姓名, 公民身份证号, 性别, 出生日期, 民族, 学历)
// that members and people in the recruitment pipeline share.
func checkIdentity(fe *FieldErrors, name, idNumber, sex string, birth Date, ethnicity, education string, today Date) {
	checkText(fe, FName, name, 20, true)
	info, idErr := ParseIDNumber(idNumber)
	if idErr != nil {
		fe.add(FIDNumber, ErrorMessage(idErr))
	}
	switch {
	case sex == "":
		fe.add(FSex, "请填写性别（填好身份证号后会自动得出）")
	case !slices.Contains(Sexes, sex):
		fe.add(FSex, fmt.Sprintf("性别只能是“男”或“女”，不能是「%s」", sex))
	case idErr == nil && sex != info.Sex:
		fe.add(FSex, fmt.Sprintf("性别与身份证号不符：按身份证号第17位应为“%s”", info.Sex))
	}
	switch {
	case birth.IsZero():
		fe.add(FBirthDate, "请填写出生日期（填好身份证号后会自动得出）")
	case idErr == nil && birth != info.BirthDate:
		fe.add(FBirthDate, fmt.Sprintf("出生日期与身份证号不符：按身份证号应为 %s", info.BirthDate))
	case birth.After(today):
		fe.add(FBirthDate, "出生日期不能晚于今天")
	}
	switch {
	case ethnicity == "":
		fe.add(FEthnicity, "请选择民族")
	case !slices.Contains(Ethnicities, ethnicity):
		fe.add(FEthnicity, fmt.Sprintf("「%s」不是56个民族之一，请从列表中选择", ethnicity))
	}
	if education != "" && !slices.Contains(Educations, education) {
		fe.add(FEducation, fmt.Sprintf("学历「%s」无法识别，应为：%s", education, strings.Join(Educations, "、")))
	}
}

func checkPastDate(fe *FieldErrors, field string, d, today Date, missing string) {
	switch {
	case d.IsZero():
		fe.add(field, missing)
	case d.After(today):
		fe.add(field, field+"不能晚于今天")
	}
}

// checkText enforces required-ness and a length in characters (not bytes: Chinese counts as one).
func checkText(fe *FieldErrors, field, s string, max int, required bool) {
	switch n := utf8.RuneCountInString(s); {
	case required && n == 0:
		fe.add(field, "请填写"+field)
	case n > max:
		fe.add(field, fmt.Sprintf("%s最多%d个字，现在是%d个字", field, max, n))
	}
}

var reBranchCode = regexp.MustCompile(`^[A-Za-z0-9-]{1,20}$`)

// Normalize cleans the branch's text fields.
func (b *Branch) Normalize() {
	for _, p := range []*string{&b.Name, &b.Committee, &b.Unit, &b.Phone, &b.Code} {
		*p = NormalizeText(*p)
	}
	for _, p := range []*string{&b.Secretary, &b.Deputy, &b.Organisation, &b.Propaganda, &b.Discipline} {
		*p = NormalizeName(*p)
	}
	b.Code = strings.ToUpper(b.Code)
}

// ValidateBranch checks the 党支部 details (SPEC §1).
func ValidateBranch(b *Branch) FieldErrors {
	var fe FieldErrors
	checkText(&fe, "名称", b.Name, 50, true)
	checkText(&fe, "所属党委", b.Committee, 50, true)
	checkText(&fe, "所在单位", b.Unit, 50, false)
	for _, f := range []struct {
		label, v string
	}{{"书记", b.Secretary}, {"副书记", b.Deputy}, {"组织委员", b.Organisation}, {"宣传委员", b.Propaganda}, {"纪检委员", b.Discipline}} {
		checkText(&fe, f.label, f.v, 20, false)
	}
	if b.Phone != "" && CheckMobile(b.Phone) != nil && CheckLandline(b.Phone) != nil {
		fe.add("联系电话", "联系电话应为手机号（如 13812345678）或“区号-号码”（如 0319-1234567）")
	}
	if b.Code != "" && !reBranchCode.MatchString(b.Code) {
		fe.add("支部代码", "支部代码只能由字母、数字和“-”组成，最多20位")
	}
	return fe
}

// ValidateGroup checks a 党小组.
func ValidateGroup(g *Group) FieldErrors {
	g.Name, g.Area = NormalizeText(g.Name), strings.TrimSpace(g.Area)
	var fe FieldErrors
	checkText(&fe, "名称", g.Name, 30, true)
	checkText(&fe, "责任区说明", g.Area, 500, false)
	return fe
}

// ValidateTeam checks a 班组.
func ValidateTeam(t *Team) FieldErrors {
	t.Name, t.Category = NormalizeText(t.Name), NormalizeText(t.Category)
	var fe FieldErrors
	checkText(&fe, "名称", t.Name, 30, true)
	if t.Category != "" && !slices.Contains(TeamCategories, t.Category) {
		fe.add("类别", fmt.Sprintf("班组类别应为：%s", strings.Join(TeamCategories, "、")))
	}
	return fe
}
