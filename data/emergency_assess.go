package data

import (
	"fmt"
	"strings"
)

// This file holds the A1 evidence rule of 应急防控冲锋靠前 (SPEC §12.6: drills held, supplies in
// date). Drills are counted by quarter, as emergency plans usually ask (每季度至少1次应急演练): a
// month without one is no fault, a quarter is, and it is deducted at the quarter's end only.

// A1MinDrills is the drills a quarter needs.
const A1MinDrills = 1

// A1EmergencyStandard is the seeded 评分标准 of 应急防控冲锋靠前.
const A1EmergencyStandard = "每季度至少开展1次应急演练，季度末未开展的扣2分；应急物资过期、缺失或超一年未检查的每项扣1分；应急处置中响应不及时的人工扣分；扣完为止"

// A1EmergencyEvidence is what the 应急防控 ledger shows for a month.
type A1EmergencyEvidence struct {
	Records      int    // records of the month
	ByKind       [5]int // of those, per kind (in EmergencyKinds order)
	Members      int    // members taking part, counted per record (人次)
	Commandos    int    // of those, 突击队
	Quarter      string // the quarter holding the month: 2026年第四季度
	Drills       int    // 应急演练 held in the quarter up to AsOf
	QuarterEnded bool   // AsOf is the quarter's last day: only then is a missing drill deducted
	Supplies     int    // supplies listed
	Faults       int    // of those, expired, missing or stale on AsOf (SupplyFault)
}

// A1EmergencyRule is the tallies and 完成情况 of 应急防控冲锋靠前 (see A1EmergencyStandard).
func A1EmergencyRule(ev A1EmergencyEvidence) (tallies []Tally, done string) {
	if ev.Records == 0 {
		done = "当月未开展应急演练或应急处置"
	} else {
		var kinds []string
		for i, k := range EmergencyKinds {
			if n := ev.ByKind[i]; n > 0 {
				kinds = append(kinds, fmt.Sprintf("%s%d次", k, n))
			}
		}
		done = fmt.Sprintf("当月应急防控%d次（%s），党员参加%d人次，其中突击队%d人次", ev.Records, strings.Join(kinds, "、"), ev.Members, ev.Commandos)
	}
	done += fmt.Sprintf("；%s应急演练%d次", ev.Quarter, ev.Drills)
	if short := A1MinDrills - ev.Drills; short > 0 {
		if ev.QuarterEnded {
			done += "，季度末未达要求"
			tallies = append(tallies, Tally{What: fmt.Sprintf("%s未开展应急演练", ev.Quarter), Count: short, Per: 2})
		} else {
			done += "（季度末考核）"
		}
	}
	if ev.Supplies == 0 {
		done += "；未登记应急物资"
	} else {
		done += fmt.Sprintf("；应急物资%d项，过期、缺失或超一年未检查%d项", ev.Supplies, ev.Faults)
	}
	if ev.Faults > 0 {
		tallies = append(tallies, Tally{What: fmt.Sprintf("应急物资过期、缺失或超一年未检查%d项", ev.Faults), Count: ev.Faults, Per: 1})
	}
	return tallies, done
}
