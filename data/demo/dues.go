package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"branchledger/data"
)

// This file makes the 党费 demo data (SPEC §13): a base for every member from the coal mine's
// payroll (face workers and team leaders earn most, surface and support staff least, a few
// retirees on their pension), a pay rise half a year in for some, and the twelve months of collection
// up to today: quarterly before the last three months, monthly since; a few members behind (one
// four months, which earns the A2 deduction, one two), one who paid three months late at once, an
// exemption for a retiree in hospital, two voluntary payments on 七一, and the months before the
// last two settled.

// duesIncome is a member's monthly income after tax in fen for their job: face and heading work pay
// most, surface and support work least.
func duesIncome(rnd *rand.Rand, job string) int64 {
	lo, span := 520000, 300000 // 5,200–8,200 元
	switch {
	case strings.Contains(job, "班长") || strings.Contains(job, "队长"):
		lo, span = 780000, 320000 // some above 10,000 元: the 2% band
	case strings.ContainsAny(job, "采掘") || strings.Contains(job, "支架") || strings.Contains(job, "放炮"):
		lo, span = 620000, 360000
	case strings.Contains(job, "电") || strings.Contains(job, "机"):
		lo, span = 560000, 260000
	case strings.Contains(job, "材料") || strings.Contains(job, "保管") || strings.Contains(job, "核算") || strings.Contains(job, "后勤"):
		lo, span = 380000, 180000 // around the 5,000 元 bound
	}
	return int64(lo + rnd.IntN(span))
}

// loadDues saves the 党费 part of the demo for the members with ids memberIDs (Members' order), as
// of today; entered(d) is the store writing at the time the records of day d are entered.
func loadDues(ctx context.Context, st data.Store, ds Dataset, memberIDs []int64, entered func(data.Date) data.Store) error {
	today := ds.Today
	if today.IsZero() || len(memberIDs) == 0 {
		return nil
	}
	rnd := rand.New(rand.NewPCG(uint64(len(memberIDs)), 0xd0e5))
	now := data.MonthOf(today)
	start := now.Add(-11)
	raise := start.Add(6) // the mid-year pay rise
	var bases []data.DuesBase
	retired := map[int64]bool{}
	for i, m := range ds.Members {
		id := memberIDs[i]
		b := data.DuesBase{MemberID: id, From: start, Category: data.DuesWorking, Base: duesIncome(rnd, m.Job)}
		if i%13 == 6 { // a few retirees who stay with the team's branch
			b.Category, b.Base = data.DuesRetired, int64(360000+rnd.IntN(220000))
			retired[id] = true
		}
		bases = append(bases, b)
		if !retired[id] && i%4 == 1 && raise.Index() > start.Index() {
			r := b
			r.From, r.Base, r.Remark = raise, b.Base*int64(103+rnd.IntN(6))/100, "调资"
			bases = append(bases, r)
		}
	}
	// The members made by recruitment pay from the month they were admitted.
	joined := map[int64]data.Month{}
	recruits, err := st.Recruits(ctx)
	if err != nil {
		return err
	}
	for _, r := range recruits {
		if r.MemberID == 0 {
			continue
		}
		from := data.MonthOf(r.Date(data.StepAdmit))
		if from.Index() < start.Index() {
			from = start
		}
		joined[r.MemberID] = from
		memberIDs = append(slices.Clip(memberIDs), r.MemberID)
		bases = append(bases, data.DuesBase{MemberID: r.MemberID, From: from, Category: data.DuesWorking, Base: duesIncome(rnd, r.Job)})
	}
	if _, err := st.ImportDuesBases(ctx, bases, nil); err != nil {
		return err
	}
	// An exemption for a retiree in hospital: three months ending last month.
	var exempt int64
	for i, id := range memberIDs {
		if retired[id] && now.Add(-3).Index() >= start.Index() {
			exempt = id
			r := data.DuesRelief{MemberID: id, Kind: data.ReliefExempt, From: now.Add(-3), To: now.Add(-1),
				ApplyDate: now.Add(-4).First().AddDays(9), CommitteeDate: now.Add(-4).First().AddDays(14),
				ApprovalNo: "矿党委组字〔" + strconv.Itoa(now.Add(-4).Year) + "〕" + strconv.Itoa(7+i%5) + "号", Reason: "住院治疗，生活困难"}
			if err := st.SaveDuesRelief(ctx, &r); err != nil {
				return err
			}
			break
		}
	}
	methods := []string{"现金", "转账", "转账"}
	pay := func(id int64, months []data.Month, d data.Date, late string) error {
		if len(months) == 0 {
			return nil
		}
		if d.After(today) {
			d = today
		}
		_, err := entered(d).PayDues(ctx, data.DuesPay{MemberID: id, Months: months, Date: d, Method: methods[rnd.IntN(len(methods))],
			LateReason: late})
		return err
	}
	for i, id := range memberIDs {
		// Who stopped paying: one member four months ago, one two months ago (counting this one).
		stop := now.Add(1)
		switch {
		case i == len(memberIDs)/3:
			stop = now.Add(-3)
		case i == len(memberIDs)*2/3:
			stop = now.Add(-1)
		}
		var batch []data.Month
		for k := start.Index(); k <= now.Index(); k++ {
			m := data.MonthAt(k)
			if m.Index() >= stop.Index() || m.Index() < joined[id].Index() || id == exempt && m.Index() >= now.Add(-3).Index() && m.Index() <= now.Add(-1).Index() {
				continue
			}
			if i == len(memberIDs)/2 && m.Index() >= now.Add(-5).Index() && m.Index() <= now.Add(-3).Index() {
				continue // paid late, below
			}
			recent := m.Index() >= now.Add(-2).Index()
			if m == now && i%3 == 0 {
				continue // this month's collection is under way
			}
			batch = append(batch, m)
			if recent || m.Month%3 == 0 || k == now.Index() {
				d := m.First().AddDays(9 + i%15)
				if err := pay(id, batch, d, ""); err != nil {
					return err
				}
				batch = nil
			}
		}
		if err := pay(id, batch, now.Add(-2).First().AddDays(20), ""); err != nil {
			return err
		}
		if i == len(memberIDs)/2 {
			late := []data.Month{now.Add(-5), now.Add(-4), now.Add(-3)}
			if err := pay(id, late, now.Add(-1).First().AddDays(4), "外出学习三个月，返矿后一次补缴"); err != nil {
				return err
			}
		}
	}
	julyFirst := data.NewDate(now.Year, 7, 1)
	if julyFirst.After(today) {
		julyFirst = julyFirst.AddYears(-1)
	}
	for k, i := range []int{0, len(memberIDs) / 4} {
		e := data.DuesExtra{MemberID: memberIDs[i], Date: julyFirst, Amount: int64(50000 * (k + 1)), Method: "转账", Remark: "庆祝建党节自愿多交党费"}
		if e.Date.Before(start.First()) {
			break
		}
		if err := st.SaveDuesExtra(ctx, &e); err != nil {
			return err
		}
	}
	for k := start.Index(); k < now.Add(-1).Index(); k++ {
		if err := entered(data.MonthAt(k+1).First().AddDays(27)).SettleDuesMonth(ctx, data.MonthAt(k)); err != nil {
			return err
		}
	}
	return nil
}
