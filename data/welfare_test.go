package data

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestValidateFacility(t *testing.T) {
	tests := []struct {
		name  string
		f     Facility
		field string
		msg   string
	}{
		{"category missing", Facility{Name: "一号职工食堂"}, FFacilityCategory, "请选择类别"},
		{"category unknown", Facility{Category: "车库", Name: "一号车库"}, FFacilityCategory, "无法识别"},
		{"name missing", Facility{Category: FacilityCanteen, Name: "　"}, FFacilityName, "请填写名称"},
		{"name too long", Facility{Category: FacilityCanteen, Name: strings.Repeat("食", 31)}, FFacilityName, "最多30个字"},
		{"rooms negative", Facility{Category: FacilityDormitory, Name: "单身宿舍1号楼", Rooms: -1}, FRooms, "0到10000"},
		{"manager too long", Facility{Category: FacilityGreen, Name: "矿区广场", Manager: strings.Repeat("王", 21)}, FManager, "最多20个字"},
	}
	for _, tt := range tests {
		f := tt.f
		f.Normalize()
		fe := ValidateFacility(&f)
		if !strings.Contains(fe.For(tt.field), tt.msg) || len(fe) != 1 {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
	}

	dorm := Facility{Category: " 宿舍 ", Name: " 单身宿舍１号楼 ", Location: "工业广场东侧", Manager: "王 师傅", Rooms: 120}
	dorm.Normalize()
	if fe := ValidateFacility(&dorm); fe != nil {
		t.Fatalf("valid facility rejected: %v", fe)
	}
	if dorm.Category != FacilityDormitory || dorm.Name != "单身宿舍1号楼" || dorm.Manager != "王师傅" || dorm.Rooms != 120 {
		t.Fatalf("Normalize: %+v", dorm)
	}
	// 房间数 belongs to dormitories only.
	canteen := Facility{Category: FacilityCanteen, Name: "井口食堂", Rooms: 5}
	canteen.Normalize()
	if canteen.Rooms != 0 {
		t.Fatalf("a canteen keeps 房间数 %d", canteen.Rooms)
	}
}

func TestSortFacilities(t *testing.T) {
	fs := []Facility{
		{ID: 1, Category: FacilityOther, Name: "活动室"},
		{ID: 2, Category: FacilityDormitory, Name: "单身宿舍10号楼"},
		{ID: 3, Category: FacilityCanteen, Name: "二号职工食堂"},
		{ID: 4, Category: FacilityDormitory, Name: "单身宿舍2号楼"},
		{ID: 5, Category: FacilityCanteen, Name: "井口食堂"},
		{ID: 6, Category: FacilityBathhouse, Name: "主井浴室"},
		{ID: 7, Category: "车库", Name: "车库"},
	}
	SortFacilities(fs)
	var got []int64
	for _, f := range fs {
		got = append(got, f.ID)
	}
	// 食堂 (二 èr before 井 jǐng), 澡堂, 宿舍 (2号 before 10号), 其他, unknown last.
	if want := []int64{3, 5, 6, 4, 2, 1, 7}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func openWelfare() WelfareItem {
	w := WelfareItem{
		Title: "更换职工浴室损坏喷头", Category: FacilityBathhouse, Source: "职工反映", Proposer: "综采一队职工",
		ProposedDate: Date{2026, time.November, 2}, HandlerID: 5, PlannedDate: Date{2026, time.November, 16},
		Cost: 360.5, InHouse: true,
	}
	w.Normalize()
	return w
}

// The welfare flow written out as a matrix, so that a change of WelfareTransitions shows up here.
func TestWelfareTransitionMatrix(t *testing.T) {
	done := Date{2026, time.November, 20}
	transitionMatrix[WelfareItem]{
		states: WelfareStates,
		want: map[[2]string]transitionRule{
			{WelfareRegistered, WelfareHandling}: allowed,
			{WelfareHandling, WelfareDone}:       allowed,
			{WelfareRegistered, WelfareRejected}: needsReason,
			{WelfareHandling, WelfareRejected}:   needsReason,
			{WelfareRejected, WelfareHandling}:   needsReason,
			{WelfareDone, WelfareHandling}:       needsReason,
		},
		fresh: func(from string) WelfareItem {
			w := openWelfare()
			w.State = from
			switch from {
			case WelfareDone:
				w.DoneDate, w.Rating = Date{2026, time.November, 10}, "满意"
			case WelfareRejected:
				w.Reason = "超出支部办理范围"
			}
			return w
		},
		state: func(w *WelfareItem) string { return w.State },
		apply: func(w *WelfareItem, to, reason string) error {
			return ApplyWelfareTransition(w, to, reason, done, testToday)
		},
		reason:     " 职工再次反映 ",
		withReason: func(w *WelfareItem) bool { return w.Reason == "职工再次反映" },
		after: func(t *testing.T, from, to string, w *WelfareItem) {
			if fe := ValidateWelfareItem(w, testToday); fe != nil {
				t.Errorf("%s → %s leaves an invalid item: %v", from, to, fe)
			}
		},
	}.check(t)
	if got := NextWelfareStates(WelfareHandling); len(got) != 2 || got[0].Action != "办结" || got[1].Action != "不予办理" {
		t.Errorf("NextWelfareStates(办理中) = %+v", got)
	}
}

func TestWelfareFinishAndReopen(t *testing.T) {
	w := openWelfare()
	w.State = WelfareHandling
	for _, tt := range []struct {
		done Date
		msg  string
	}{
		{Date{}, "请填写办结日期"},
		{Date{2026, time.November, 1}, "不能早于提出日期"},
		{testToday.AddDays(1), "不能晚于今天"},
	} {
		err := ApplyWelfareTransition(&w, WelfareDone, "", tt.done, testToday)
		fe, ok := err.(FieldErrors)
		if !ok || !strings.Contains(fe.For(FDoneDate), tt.msg) || w.State != WelfareHandling {
			t.Errorf("finishing on %v: %v, want %q", tt.done, err, tt.msg)
		}
	}
	// Finishing on the day it was raised is fine; a late one is not overdue any more.
	w.PlannedDate = Date{2026, time.November, 3}
	if w.OverdueDays(testToday) == 0 {
		t.Fatal("open item past its planned date not overdue")
	}
	if err := ApplyWelfareTransition(&w, WelfareDone, "", w.ProposedDate, testToday); err != nil || w.DoneDate != w.ProposedDate {
		t.Fatalf("finish: %v %+v", err, w)
	}
	if w.OverdueDays(testToday) != 0 {
		t.Fatal("finished item overdue")
	}
	w.Rating = "基本满意"
	if fe := ValidateWelfareItem(&w, testToday); fe != nil {
		t.Fatalf("finished item with a rating: %v", fe)
	}
	// Reopening forgets the old result: its 办结日期 and 职工评价.
	if err := ApplyWelfareTransition(&w, WelfareHandling, "喷头再次损坏", Date{}, testToday); err != nil ||
		!w.DoneDate.IsZero() || w.Rating != "" || w.Reason != "喷头再次损坏" {
		t.Fatalf("reopen: %v %+v", err, w)
	}
}

func TestWelfareOverdueDays(t *testing.T) {
	tests := []struct {
		planned, today Date
		state          string
		want           int
	}{
		{Date{2026, 11, 9}, Date{2026, 11, 9}, WelfareHandling, 0}, // due today is not overdue
		{Date{2026, 11, 9}, Date{2026, 11, 10}, WelfareRegistered, 1},
		{Date{2026, 10, 31}, Date{2026, 11, 2}, WelfareHandling, 2},
		{Date{2025, 12, 31}, Date{2026, 1, 1}, WelfareRegistered, 1},
		{Date{2026, 11, 1}, Date{2026, 11, 23}, WelfareDone, 0},
		{Date{2026, 11, 1}, Date{2026, 11, 23}, WelfareRejected, 0},
		{Date{}, Date{2026, 11, 23}, WelfareHandling, 0},
	}
	for _, tt := range tests {
		w := WelfareItem{PlannedDate: tt.planned, State: tt.state}
		if got := w.OverdueDays(tt.today); got != tt.want {
			t.Errorf("planned %v on %v (%s): %d, want %d", tt.planned, tt.today, tt.state, got, tt.want)
		}
	}
}

func TestValidateWelfareItem(t *testing.T) {
	tests := []struct {
		name   string
		change func(w *WelfareItem)
		field  string
		msg    string
	}{
		{"title", func(w *WelfareItem) { w.Title = "" }, FWelfareTitle, "请填写事项"},
		{"category", func(w *WelfareItem) { w.Category = "车间" }, FWelfareCategory, "无法识别"},
		{"source", func(w *WelfareItem) { w.Source = "上级交办" }, FWelfareSource, "无法识别"},
		{"proposed missing", func(w *WelfareItem) { w.ProposedDate = Date{} }, FProposedDate, "请填写提出日期"},
		{"proposed future", func(w *WelfareItem) { w.ProposedDate, w.PlannedDate = testToday.AddDays(1), testToday.AddDays(9) }, FProposedDate, "不能晚于今天"},
		{"handler", func(w *WelfareItem) { w.HandlerID = 0 }, FHandler, "请选择承办人"},
		{"planned missing", func(w *WelfareItem) { w.PlannedDate = Date{} }, FPlannedDate, "请填写"},
		{"planned early", func(w *WelfareItem) { w.PlannedDate = Date{2026, 11, 1} }, FPlannedDate, "不能早于提出日期"},
		{"state", func(w *WelfareItem) { w.State = "搁置" }, FState, "无法识别"},
		{"rejected without reason", func(w *WelfareItem) { w.State = WelfareRejected }, FReason, "须说明原因"},
		{"done without date", func(w *WelfareItem) { w.State = WelfareDone }, FDoneDate, "须填写办结日期"},
		{"done before proposed", func(w *WelfareItem) { w.State, w.DoneDate = WelfareDone, Date{2026, 11, 1} }, FDoneDate, "不能早于提出日期"},
		{"done in the future", func(w *WelfareItem) { w.State, w.DoneDate = WelfareDone, testToday.AddDays(1) }, FDoneDate, "不能晚于今天"},
		{"done date while open", func(w *WelfareItem) { w.DoneDate = Date{2026, 11, 5} }, FDoneDate, "尚未办结"},
		{"rating while open", func(w *WelfareItem) { w.Rating = "满意" }, FRating, "办结后才能"},
		{"rating unknown", func(w *WelfareItem) { w.State, w.DoneDate, w.Rating = WelfareDone, Date{2026, 11, 5}, "很好" }, FRating, "满意、基本满意、不满意"},
		{"cost negative", func(w *WelfareItem) { w.Cost = -1 }, FCost, "不能为负数"},
		{"cost NaN", func(w *WelfareItem) { w.Cost = math.NaN() }, FCost, "不能为负数"},
		{"cost three decimals", func(w *WelfareItem) { w.Cost = 12.345 }, FCost, "两位小数"},
		{"cost huge", func(w *WelfareItem) { w.Cost = 2e9 }, FCost, "过大"},
	}
	for _, tt := range tests {
		w := openWelfare()
		tt.change(&w)
		fe := ValidateWelfareItem(&w, testToday)
		if !strings.Contains(fe.For(tt.field), tt.msg) || len(fe) != 1 {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
	}
	valid := []func(w *WelfareItem){
		func(w *WelfareItem) {},
		func(w *WelfareItem) { w.Category, w.Source, w.Proposer, w.Cost = "", "", "", 0 },
		func(w *WelfareItem) { w.Cost = 0.1 + 0.2 }, // 0.30000000000000004 is 0.30 yuan
		func(w *WelfareItem) { w.Cost = 1234567.89 },
		func(w *WelfareItem) { w.PlannedDate = w.ProposedDate },
		func(w *WelfareItem) { w.State, w.Reason = WelfareRejected, "属上级单位统一改造项目" },
		func(w *WelfareItem) { w.State, w.DoneDate, w.Rating = WelfareDone, testToday, "不满意" },
	}
	for i, change := range valid {
		w := openWelfare()
		change(&w)
		if fe := ValidateWelfareItem(&w, testToday); fe != nil {
			t.Errorf("valid item %d rejected: %v", i, fe)
		}
	}
	var blank WelfareItem
	blank.Normalize()
	if blank.State != WelfareRegistered {
		t.Errorf("default state %q", blank.State)
	}
}

func TestSurveyRates(t *testing.T) {
	s := NewSurvey(FacilityCanteen, MonthPeriod(2026, time.November))
	if got := []string{s.Questions[0].Text, s.Questions[4].Text}; len(s.Questions) != 5 || got[0] != "菜品口味" || got[1] != "卫生状况" {
		t.Fatalf("canteen questions: %+v", s.Questions)
	}
	s.Questions[0].Counts = [5]int{10, 20, 5, 3, 2} // 30 of 40
	s.Questions[1].Counts = [5]int{0, 1, 0, 0, 0}   // 1 of 1
	s.Questions[2].Counts = [5]int{0, 0, 3, 4, 3}   // 0 of 10
	tests := []struct {
		q     SurveyQuestion
		total int
		rate  float64
	}{
		{s.Questions[0], 40, 0.75},
		{s.Questions[1], 1, 1},
		{s.Questions[2], 10, 0},
		{s.Questions[3], 0, 0}, // nobody answered: 0, not a division by zero
		// Overall is over all answers (31 of 51), not the mean of the rates (0.4375).
		{s.Overall(), 51, 31.0 / 51},
	}
	for i, tt := range tests {
		if got, rate := tt.q.Total(), tt.q.Rate(); got != tt.total || rate != tt.rate {
			t.Errorf("%d %s: 合计 %d 满意率 %v, want %d %v", i, tt.q.Text, got, rate, tt.total, tt.rate)
		}
	}
	if o := s.Overall(); o.Text != "合计" || o.Counts != [5]int{10, 21, 8, 7, 5} {
		t.Errorf("overall row %+v", o)
	}
	if fe := ValidateSurvey(&s); fe != nil {
		t.Fatalf("valid survey rejected: %v", fe)
	}
	if q := NewSurvey(FacilityBathhouse, YearPeriod(2026)).Questions; slices.ContainsFunc(q, func(q SurveyQuestion) bool { return q.Text == "菜品口味" }) {
		t.Errorf("a bathhouse survey asks about food: %+v", q)
	}
}

func TestValidateSurvey(t *testing.T) {
	month := MonthPeriod(2026, time.November)
	tests := []struct {
		name   string
		change func(s *Survey)
		field  string
		msg    string
	}{
		{"period missing", func(s *Survey) { s.Period = Period{} }, FSurveyPeriod, "请填写"},
		{"period reversed", func(s *Survey) { s.Period.From, s.Period.To = month.To, month.From }, FSurveyPeriod, "不能早于开始日期"},
		{"category", func(s *Survey) { s.Category = "" }, FSurveyCategory, "请选择设施类别"},
		{"no questions", func(s *Survey) { s.Questions = nil }, FQuestion, "至少列出一个"},
		{"question text", func(s *Survey) { s.Questions[1].Text, s.Questions[1].Counts[0] = "", 3 }, "问题2", "请填写"},
		{"question repeated", func(s *Survey) { s.Questions[2].Text = s.Questions[0].Text }, "问题3", "重复"},
		{"negative count", func(s *Survey) { s.Questions[0].Counts[AnswerDissatisfied] = -1 }, "问题1", "“不满意”人数"},
	}
	for _, tt := range tests {
		s := NewSurvey(FacilityCanteen, month)
		tt.change(&s)
		s.Normalize()
		fe := ValidateSurvey(&s)
		if !strings.Contains(fe.For(tt.field), tt.msg) || len(fe) != 1 {
			t.Errorf("%s: got %v, want %s containing %q", tt.name, fe, tt.field, tt.msg)
		}
	}

	// Normalize drops rows left wholly empty and names an unlabelled period.
	s := Survey{Category: FacilityDormitory, Period: Period{From: Date{2026, 10, 1}, To: Date{2026, 12, 31}},
		Questions: []SurveyQuestion{{Text: " 住宿条件 ", Counts: [5]int{1}}, {}, {Text: "设施维修"}}}
	s.Normalize()
	if len(s.Questions) != 2 || s.Questions[0].Text != "住宿条件" || s.Period.Label != "2026年第四季度" {
		t.Fatalf("Normalize: %+v", s)
	}
}

func TestPeriodLabel(t *testing.T) {
	tests := []struct {
		from, to Date
		want     string
	}{
		{Date{2026, 11, 1}, Date{2026, 11, 30}, "2026年11月"},
		{Date{2026, 2, 1}, Date{2026, 2, 28}, "2026年2月"},
		{Date{2026, 4, 1}, Date{2026, 6, 30}, "2026年第二季度"},
		{Date{2026, 1, 1}, Date{2026, 12, 31}, "2026年"},
		{Date{2026, 11, 1}, Date{2026, 11, 15}, "2026-11-01至2026-11-15"},
		{Date{2026, 11, 1}, Date{2027, 1, 31}, "2026-11-01至2027-01-31"},
	}
	for _, tt := range tests {
		if got := periodLabel(tt.from, tt.to); got != tt.want {
			t.Errorf("%v–%v: %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
