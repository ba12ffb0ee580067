package data

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// This file holds 换届 (SPEC §12.1): the branch committee's terms, with their members and posts,
// and the reminders before a term ends.

// Committee posts (职务) of a term.
var TermPosts = []string{"书记", "副书记", "组织委员", "宣传委员", "纪检委员", "委员"}

// DefaultTermYears is a branch committee's term (任期) unless set otherwise.
const DefaultTermYears = 3

// CommitteeTerm is one elected branch committee (第N届).
type CommitteeTerm struct {
	ID       int64
	BranchID int64

	Number      int  // 届次*: 第N届
	ElectedDate Date // 选举日期*
	Years       int  // 任期 in years (DefaultTermYears when 0)
	Members     []TermMember
	Remark      string // 备注

	CreatedAt time.Time
	UpdatedAt time.Time
}

// TermMember is one member of a committee and the post held.
type TermMember struct {
	MemberID int64
	Name     string // filled by the store when read
	Post     string // 职务*: one of TermPosts
}

// Term field labels.
const (
	FTermNumber  = "届次"
	FTermElected = "选举日期"
	FTermYears   = "任期(年)"
	FTermMember  = "委员"
	FTermPost    = "职务"
	FTermEnd     = "任期届满"
)

// End is the day the term ends: its election's anniversary after Years years.
func (t *CommitteeTerm) End() Date { return t.ElectedDate.AddYears(t.Years) }

// Normalize fills the term length.
func (t *CommitteeTerm) Normalize() {
	if t.Years == 0 {
		t.Years = DefaultTermYears
	}
	t.Remark = strings.TrimSpace(t.Remark)
	for i := range t.Members {
		t.Members[i].Post = NormalizeText(t.Members[i].Post)
	}
}

// ValidateCommitteeTerm checks a normalised term; today bounds the election date.
func ValidateCommitteeTerm(t *CommitteeTerm, today Date) FieldErrors {
	var fe FieldErrors
	if t.Number < 1 || t.Number > 100 {
		fe.add(FTermNumber, "届次应为1到100之间的整数，如 第3届 填 3")
	}
	checkPastDate(&fe, FTermElected, t.ElectedDate, today, "请填写选举日期")
	if t.Years < 1 || t.Years > 10 {
		fe.add(FTermYears, "任期应为1到10年")
	}
	checkText(&fe, FRemark, t.Remark, 500, false)
	seen := map[int64]bool{}
	secretaries := 0
	for i, m := range t.Members {
		if msg := memberProblem(seen, m.MemberID, "请选择党员", fmt.Sprintf("「%s」列了两次，请删去重复的一行", m.Name)); msg != "" {
			fe.addRow(RowMember, i, FTermMember, msg)
		}
		if !slices.Contains(TermPosts, m.Post) {
			fe.addRow(RowMember, i, FTermPost, "请选择职务："+strings.Join(TermPosts, "、"))
		}
		if m.Post == TermPosts[0] {
			secretaries++
		}
	}
	if secretaries > 1 {
		fe.add(FTermPost, fmt.Sprintf("一届支委会只能有一名书记，现在有 %d 名", secretaries))
	}
	return fe
}

// TermLabel names a term: 第3届支部委员会.
func TermLabel(t *CommitteeTerm) string { return fmt.Sprintf("第%d届支部委员会", t.Number) }

// Levels of a term reminder.
const (
	TermOK      = iota // more than six months left
	TermSoon           // six months or less
	TermDue            // three months or less
	TermExpired        // ended
)

// TermReminder says on day today how near term t is to its end: six and three months before, and
// after it (then the branch is overdue for its election). msg is "" at TermOK.
func TermReminder(t *CommitteeTerm, today Date) (level int, msg string) {
	end := t.End()
	left := int(end.Time().Sub(today.Time()).Hours() / 24)
	switch {
	case !today.Before(end):
		return TermExpired, fmt.Sprintf("%s任期已于%s届满，请及时换届", TermLabel(t), end.Chinese())
	case !today.Before(DateOf(end.Time().AddDate(0, -3, 0))):
		return TermDue, fmt.Sprintf("%s任期将于%s届满（还有%d天），请着手换届选举", TermLabel(t), end.Chinese(), left)
	case !today.Before(DateOf(end.Time().AddDate(0, -6, 0))):
		return TermSoon, fmt.Sprintf("%s任期将于%s届满（还有%d天），请准备换届", TermLabel(t), end.Chinese(), left)
	}
	return TermOK, ""
}

// TermStore keeps the committee's terms.
type TermStore interface {
	// Terms lists the terms, latest election first, with their members.
	Terms(ctx context.Context) ([]CommitteeTerm, error)
	// SaveTerm creates (ID 0) or updates a term after Normalize and ValidateCommitteeTerm; the
	// members must be of the branch and a 届次 is used once.
	SaveTerm(ctx context.Context, t *CommitteeTerm) error
	DeleteTerm(ctx context.Context, id int64) error
}
