package data

import "context"

// PointsView is what every 党员积分 view and report of a period needs.
type PointsView struct {
	Template AssessTemplate   // the file's first 党员积分 form, else the default
	Members  []Member         // on the roll and joined by the period's end, in roster order
	Groups   map[int64]string // member id → 党小组 name
	Entries  []PointEntry     // the period's entries, every member
	Rows     []MemberPoints   // ScoreMembers: scored and ranked
}

// LoadPoints reads and scores the period's 党员积分 from st. With regenerate, the generated entries of
// the period's years are first brought into step with the ledgers (a read-only file cannot be).
func LoadPoints(ctx context.Context, st Store, p Period, regenerate bool) (PointsView, error) {
	var v PointsView
	if regenerate {
		for y := p.From.Year; y <= p.To.Year; y++ {
			if err := st.RegeneratePointEntries(ctx, y); err != nil {
				return v, err
			}
		}
	}
	ts, err := st.AssessTemplates(ctx, AssessMemberPoints)
	if err != nil {
		return v, err
	}
	v.Template = DefaultA2Template()
	if len(ts) > 0 {
		v.Template = ts[0]
	}
	all, err := st.Members(ctx, MemberFilter{})
	if err != nil {
		return v, err
	}
	// A period counts only the members who had joined by its end: a member who joined later is
	// not scored (nor ranked) for it.
	for _, m := range all {
		if m.JoinDate.IsZero() || !m.JoinDate.After(p.To) {
			v.Members = append(v.Members, m)
		}
	}
	groups, err := st.Groups(ctx)
	if err != nil {
		return v, err
	}
	name := make(map[int64]string, len(groups))
	for _, g := range groups {
		name[g.ID] = g.Name
	}
	v.Groups = make(map[int64]string, len(v.Members))
	for _, m := range v.Members {
		v.Groups[m.ID] = name[m.GroupID]
	}
	if v.Entries, err = st.PointEntries(ctx, PointFilter{From: p.From, To: p.To}); err != nil {
		return v, err
	}
	v.Rows = ScoreMembers(&v.Template, v.Members, p, v.Entries)
	return v, nil
}
