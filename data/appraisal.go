package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds 民主评议党员 (SPEC §12.1): the branch's yearly appraisal of its members, with the
// ballots of each grade, the grade the branch gives, and the one-third cap on 优秀.

// Appraisal grades (评定等次), best first: the ballot columns of R15 and the indexes of
// AppraisalRow.Votes.
const (
	AppraisalExcellent = "优秀"
	AppraisalQualified = "合格"
	AppraisalBasic     = "基本合格"
	AppraisalFailed    = "不合格"
)

// AppraisalGrades in index order.
var AppraisalGrades = [4]string{AppraisalExcellent, AppraisalQualified, AppraisalBasic, AppraisalFailed}

// Appraisal is one year's 民主评议党员 of the branch: one row per member rated.
type Appraisal struct {
	ID       int64
	BranchID int64

	Year int // 年度*
	Date Date
	Rows []AppraisalRow

	CreatedAt time.Time
	UpdatedAt time.Time
}

// AppraisalRow is one member's appraisal.
type AppraisalRow struct {
	MemberID   int64
	Name       string // the member's name, filled by the store when read
	Group      string // the member's 党小组, filled by the store when read
	SelfReview string // 自评
	Votes      [4]int // ballots per grade, indexed like AppraisalGrades
	Grade      string // 评定等次: one of AppraisalGrades, "" = not rated yet
	FollowUp   string // 帮扶措施: required for 基本合格/不合格
}

// Appraisal field labels (the R15 header and the form).
const (
	FAppraisalYear     = "年度"
	FAppraisalDate     = "评议日期"
	FAppraisalMember   = "姓名"
	FAppraisalSelf     = "自评"
	FAppraisalGrade    = "评定等次"
	FAppraisalFollowUp = "帮扶措施"
	FAppraisalRows     = "参评党员"
)

// RowMember is the list of an appraisal's member rows in messages: 第3行：评定等次.
const RowMember = "行"

// VoteLabel is the R15 header of a grade's ballots: 优秀票.
func VoteLabel(i int) string { return AppraisalGrades[i] + "票" }

// Normalize cleans the texts.
func (a *Appraisal) Normalize() {
	for i := range a.Rows {
		r := &a.Rows[i]
		r.SelfReview, r.FollowUp = strings.TrimSpace(r.SelfReview), strings.TrimSpace(r.FollowUp)
		r.Grade = NormalizeText(r.Grade)
	}
}

// ExcellentCap is the most members who may be rated 优秀 when rated are rated: one third, rounded
// down.
func ExcellentCap(rated int) int { return rated / 3 }

// Counts is how many rows have a grade (参评) and how many of them are 优秀.
func (a *Appraisal) Counts() (rated, excellent int) {
	for _, r := range a.Rows {
		if r.Grade != "" {
			rated++
		}
		if r.Grade == AppraisalExcellent {
			excellent++
		}
	}
	return rated, excellent
}

// CheckExcellentCap is the refusal of more 优秀 than one third of those rated, with the counts ("" when
// the grades keep the cap).
func CheckExcellentCap(rated, excellent int) string {
	if max := ExcellentCap(rated); excellent > max {
		return fmt.Sprintf("评为优秀的 %d 人，超过参评 %d 人的三分之一（最多 %d 人）", excellent, rated, max)
	}
	return ""
}

// ValidateAppraisal checks a normalised appraisal; today bounds the year and the date. A row's
// problems name the row (its position in Rows, from 1). That each member is of the branch is
// checked by the store.
func ValidateAppraisal(a *Appraisal, today Date) FieldErrors {
	var fe FieldErrors
	switch {
	case a.Year == 0:
		fe.add(FAppraisalYear, "请填写评议年度")
	case a.Year < 1950 || a.Year > today.Year:
		fe.add(FAppraisalYear, fmt.Sprintf("评议年度应在1950年到%d年之间", today.Year))
	}
	if !a.Date.IsZero() && a.Date.After(today) {
		fe.add(FAppraisalDate, "评议日期不能晚于今天")
	}
	if len(a.Rows) == 0 {
		fe.add(FAppraisalRows, "请至少列出一名参评党员")
	}
	seen := map[int64]bool{}
	for row, r := range a.Rows {
		if msg := memberProblem(seen, r.MemberID, "请选择党员", fmt.Sprintf("党员「%s」列了两次，请删去重复的一行", r.Name)); msg != "" {
			fe.addRow(RowMember, row, FAppraisalMember, msg)
		}
		if n := len([]rune(r.SelfReview)); n > 2000 {
			fe.addRow(RowMember, row, FAppraisalSelf, fmt.Sprintf("自评最多2000个字，现在是%d个字", n))
		}
		for g, v := range r.Votes {
			if v < 0 || v > 100000 {
				fe.addRow(RowMember, row, VoteLabel(g), fmt.Sprintf("%s应在0到100000之间", VoteLabel(g)))
			}
		}
		switch {
		case r.Grade != "" && !slices.Contains(AppraisalGrades[:], r.Grade):
			fe.addRow(RowMember, row, FAppraisalGrade, fmt.Sprintf("评定等次「%s」无法识别，应为：%s", r.Grade, strings.Join(AppraisalGrades[:], "、")))
		case (r.Grade == AppraisalBasic || r.Grade == AppraisalFailed) && r.FollowUp == "":
			fe.addRow(RowMember, row, FAppraisalFollowUp, "评为"+r.Grade+"的党员须填写帮扶措施")
		}
		if n := len([]rune(r.FollowUp)); n > 500 {
			fe.addRow(RowMember, row, FAppraisalFollowUp, fmt.Sprintf("帮扶措施最多500个字，现在是%d个字", n))
		}
	}
	if msg := CheckExcellentCap(a.Counts()); msg != "" {
		fe.add(FAppraisalGrade, msg+"，请调整评定等次")
	}
	return fe
}

// AppraisalLabel names an appraisal in the log and the recycle bin: 2025年度民主评议党员.
func AppraisalLabel(a *Appraisal) string { return fmt.Sprintf("%d年度民主评议党员", a.Year) }

// AppraisalStore keeps the yearly appraisals.
type AppraisalStore interface {
	// Appraisals lists the appraisals, newest year first, with their rows in roster order.
	Appraisals(ctx context.Context) ([]Appraisal, error)
	// AppraisalOf is the appraisal of a year; ENotFound when there is none.
	AppraisalOf(ctx context.Context, year int) (Appraisal, error)
	// SaveAppraisal creates (ID 0) or updates an appraisal with its rows after Normalize and
	// ValidateAppraisal; a second appraisal of the same year is refused (FieldErrors on 年度).
	SaveAppraisal(ctx context.Context, a *Appraisal) error
	DeleteAppraisal(ctx context.Context, id int64) error
}
