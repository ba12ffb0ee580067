package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"branchledger/data"
)

// The assessments of the demo year (SPEC §5), made after everything else is saved, through the
// store, so that A1's automatic items and the generated point entries are the store's own:
//   - A1 支部月度考核 for every month of the year before today's, evidence from the ledgers and the
//     manual items scored with plausible marks and reasons;
//   - a few manual A2 point entries (合理化建议, 表彰, 三违), then the generated ones;
//   - A3 "三位一体" for the members on key posts, for the year.
//
// The marks come from a generator seeded with the day, so the same data gives the same marks.

// a1Shortfalls are plausible 扣分原因 of the manual A1 items, by item name.
var a1Shortfalls = map[string][]string{
	"政治理论学习靠前":   {"当月集中学习缺1次", "部分党员学习记录不全"},
	"党建基础工作靠前":   {"党员信息台账更新不及时", "党费收缴登记不完整"},
	"“三重一大”决策靠前": {"会议纪要未及时整理归档"},
	"作风纪律建设靠前":   {"1名党员因迟到早退被通报批评"},
	"人文关怀疏导靠前":   {"困难职工走访记录不全", "应谈心谈话1人次未开展"},
	"应急防控冲锋靠前":   {"应急演练组织不及时"},
	"信访维稳排查靠前":   {"矛盾纠纷排查记录不完整"},
}

// a3Shortfalls are plausible 扣分原因 of A3 items, by 板块.
var a3Shortfalls = map[string][]string{
	data.PartParty:      {"集中学习缺勤1次", "学习笔记不完整", "主题党日活动缺席1次"},
	data.PartSafety:     {"分管范围发生轻微“三违”1人次", "隐患整改超期1条"},
	data.PartProduction: {"月度任务完成率未达100%", "材料费用超预算", "合理化建议未按期提交"},
}

// demoPoints are the manual A2 entries: catalogue item and reason.
var demoPoints = []struct{ item, reason string }{
	{data.PointSuggestion, "提出《液压支架乳化液回收利用》合理化建议"},
	{data.PointAdopted, "《转载机托辊更换方法》合理化建议被采纳"},
	{data.PointHonour, "被评为集团公司优秀共产党员"},
	{data.PointSuggestion, "提出《班前会安全确认流程优化》合理化建议"},
	{data.PointMinorViolation, "所在班组1人未按规定佩戴自救器"},
	{data.PointViolation, "所在班组1人违章跨越运行中的刮板输送机"},
}

// loadAssessments saves the demo year's assessments up to today (nothing when today is zero), for
// the months of the `months` up to today that hold records.
func loadAssessments(ctx context.Context, st data.Store, today data.Date, months int) error {
	if today.IsZero() {
		return nil
	}
	rnd := rand.New(rand.NewPCG(uint64(today.Year), uint64(today.Month)<<8|uint64(today.Day)))
	first := func(kind string) (data.AssessTemplate, error) {
		ts, err := st.AssessTemplates(ctx, kind)
		if err == nil && len(ts) == 0 {
			err = fmt.Errorf("demo: no %s template", kind)
		}
		if err != nil {
			return data.AssessTemplate{}, err
		}
		return ts[0], nil
	}
	a1, err := first(data.AssessBranchMonthly)
	if err != nil {
		return err
	}
	a2, err := first(data.AssessMemberPoints)
	if err != nil {
		return err
	}
	a3, err := first(data.AssessThreeInOne)
	if err != nil {
		return err
	}
	b, err := st.Branch(ctx)
	if err != nil {
		return err
	}
	// shortfall takes 1 or 2 points (in half steps, never below 0) off some manual items.
	shortfall := func(it *data.AssessmentItem, reasons []string, chance float64) {
		if it.Method != data.MethodManual || it.Veto || len(reasons) == 0 || rnd.Float64() >= chance {
			return
		}
		it.Score = max(it.Points-float64(2+rnd.IntN(3))/2, 0)
		it.Reason = reasons[rnd.IntN(len(reasons))]
	}

	// The first month with records: today's month counts as one of the `months`.
	start := data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, 1-max(months, 1), 0)
	for m := 1; m < int(today.Month); m++ {
		if data.NewDate(today.Year, time.Month(m), 1).Time().Before(start) {
			continue
		}
		p := data.MonthPeriod(today.Year, time.Month(m))
		a := data.NewAssessment(&a1, b.ID, b.Name, p)
		ev, refs, err := st.A1Evidence(ctx, p, today)
		if err != nil {
			return err
		}
		a.ApplyA1Evidence(ev, refs)
		for i := range a.Items {
			shortfall(&a.Items[i], a1Shortfalls[a.Items[i].Name], 0.3)
		}
		if err := st.SaveAssessment(ctx, &a); err != nil {
			return err
		}
	}

	ms, err := st.Members(ctx, data.MemberFilter{})
	if err != nil {
		return err
	}
	for i, dp := range demoPoints {
		if len(ms) == 0 {
			break
		}
		j := slices.IndexFunc(a2.Items, func(it data.AssessItem) bool { return it.Name == dp.item })
		if j < 0 {
			continue // the catalogue was edited
		}
		day := data.NewDate(today.Year, time.Month(1+rnd.IntN(int(today.Month))), 1+rnd.IntN(28))
		if day.After(today) {
			day = today
		}
		e := data.NewPointEntry(ms[(i*7+3)%len(ms)].ID, day, a2.Items[j], dp.reason)
		if err := st.SavePointEntry(ctx, &e); err != nil {
			return err
		}
	}
	if err := st.RegeneratePointEntries(ctx, today.Year); err != nil {
		return err
	}

	key, err := st.Members(ctx, data.MemberFilter{KeyPostOnly: true})
	if err != nil {
		return err
	}
	for _, m := range key {
		a := data.NewAssessment(&a3, m.ID, m.Name, data.YearPeriod(today.Year))
		for i := range a.Items {
			shortfall(&a.Items[i], a3Shortfalls[a.Items[i].Part], 0.25)
		}
		if err := st.SaveAssessment(ctx, &a); err != nil {
			return err
		}
	}
	return nil
}
