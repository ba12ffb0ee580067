package gui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// talksStats are the figures of 谈心谈话 and 换届 on 工作台.
type talksStats struct {
	keyPostOwed   int                 // key-post members not yet talked with this quarter
	committeeOwed int                 // committee coverage still owed this year
	term          *data.CommitteeTerm // the current term, nil when none is recorded
}

// addTalks adds the figures of 谈心谈话 (the rules counted this quarter, yearly rules over the year
// so far) and the current committee term (terms latest first, as the store lists them).
func (st *homeStats) addTalks(rules []data.TalkRule, talks []data.Talk, terms []data.CommitteeTerm) {
	t := &st.talks
	for _, o := range data.TalksOwed(rules, st.members, talks, data.TalkPeriodOf(data.TalkPerQuarter, st.today), st.today) {
		if o.Rule == data.TalkRuleKeyPost {
			t.keyPostOwed++
		} else {
			t.committeeOwed++
		}
	}
	if len(terms) > 0 {
		t.term = &terms[0]
	}
}

// cardTalks shows who is still owed a talk and the committee's term, with the reminders 6 and 3
// months before it ends.
func cardTalks(st *homeStats) fyne.CanvasObject {
	t := st.talks
	owed := st.goTo(Destination{Module: moduleOrgLife, Tab: tabTalksOwed})
	tiles := statTiles(
		stat{caption: "重点岗位待谈话", value: strconv.Itoa(t.keyPostOwed), alert: t.keyPostOwed > 0, onTap: owed},
		stat{caption: "支委谈话待完成", value: strconv.Itoa(t.committeeOwed), onTap: owed},
	)
	line := widgets.Note("")
	switch {
	case t.term == nil:
		line.SetText("还没有登记支部委员会届次（组织生活 → 换届）。")
	default:
		level, msg := data.TermReminder(t.term, st.today)
		if level == data.TermOK {
			msg = fmt.Sprintf("%s任期至%s届满。", data.TermLabel(t.term), t.term.End().Chinese())
		} else {
			line.Importance = widget.DangerImportance
		}
		line.SetText(msg)
	}
	return card("谈心谈话与换届", container.NewVBox(tiles, line), "重点岗位党员每季度至少谈话一次；书记与支委、支委与党员每年至少谈话一次（规则可在“谈话提醒”中修改）。")
}
