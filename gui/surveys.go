package gui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"branchledger/data"
	"branchledger/gui/widgets"
)

// Period kinds of a survey.
const (
	surveyByMonth   = "按月"
	surveyByQuarter = "按季度"
	surveyCustom    = "自选日期"
)

// surveyColumns are the surveys list's columns; surveyQuestionColumns the question rows'.
var (
	surveyColumns         = widgets.Columns{{"期间", 1, ""}, {"设施类别", 0, "宿舍"}, {"人次", 0, "10000"}, {"满意率", 0, "100.0%"}}
	surveyQuestionColumns = widgets.Columns{{"问题", 2, ""}, {"非常满意", 1, ""}, {"满意", 1, ""}, {"一般", 1, ""}, {"不满意", 1, ""}, {"非常不满意", 1.1, ""}, {"合计", 0.8, ""}, {"满意率", 0.9, ""}, {"", 0.8, ""}}
)

// rateText prints a 满意率 fraction as 92.5%, "—" when nobody answered.
func rateText(q data.SurveyQuestion) string {
	if q.Total() == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", q.Rate()*100)
}

// SurveysScreen is 满意度调查: the surveys with their 满意率, and the form with one row of answer
// counts per question, whose 合计 and 满意率 follow the typing.
type SurveysScreen struct {
	recordScreen[data.Survey]
	catSel *widget.Select

	kind      *widget.Select
	month     *widget.Select
	quarter   *widget.Select
	from, to  *widgets.DateEntry
	custom    *fyne.Container
	months    []data.Period
	quarters  []data.Period
	category  *widget.Select
	rows      []*surveyRow
	rowsBox   *fyne.Container
	overall   *fyne.Container
	questions []data.SurveyQuestion // as edited
}

// surveyRow is the widgets of one question.
type surveyRow struct {
	text   *widgets.Entry
	counts [5]*widgets.Entry
	total  *widget.Label
	rate   *widget.Label
}

// NewSurveysScreen builds the screen and loads the surveys.
func NewSurveysScreen(env *Env) *SurveysScreen {
	s := &SurveysScreen{}
	s.catSel = s.filterSelect(allCategories, data.FacilityCategories...)
	s.initRecord(env, recordSpec[data.Survey]{
		Columns: surveyColumns,
		Cells: func(sv *data.Survey) ([]string, map[int]widget.Importance) {
			o := sv.Overall()
			return []string{sv.Period.Label, sv.Category, strconv.Itoa(o.Total()), rateText(o)}, nil
		},
		ID: func(sv *data.Survey) int64 { return sv.ID },
		Load: func(ctx context.Context) ([]data.Survey, error) {
			return env.Store.Surveys(ctx, data.SurveyFilter{})
		},
		Match: func(_ int, sv *data.Survey) bool { return lets(s.catSel, sv.Category) },
		Count: "共 %d 次调查", NewLabel: "新建调查", What: "这次调查",
		Blank:    s.blank,
		ToForm:   s.toForm,
		FromForm: s.survey,
		Title:    func(sv *data.Survey) string { return sv.Period.Label + " " + sv.Category + "满意度调查" },
		NewTitle: "新满意度调查",
		Save:     env.Store.SaveSurvey,
		Saved: func(sv *data.Survey) string {
			o := sv.Overall()
			return fmt.Sprintf("已保存调查：%d 人次，满意率 %s（%s）", o.Total(), rateText(o), time.Now().Format("15:04:05"))
		},
		Refused: func(int) string { return "请修改后再保存：" },
		Delete:  env.Store.DeleteSurvey,
		Question: func(sv *data.Survey) string {
			return fmt.Sprintf("确定要删除%s的%s满意度调查吗？", sv.Period.Label, sv.Category)
		},
		Entity:  data.EntSurvey,
		Deleted: func(*data.Survey) string { return "已删除调查" },
	})

	today := env.Today()
	var monthLabels, quarterLabels []string
	for i := 0; i < 24; i++ {
		d := data.DateOf(data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, -i, 0))
		p := data.MonthPeriod(d.Year, d.Month)
		s.months, monthLabels = append(s.months, p), append(monthLabels, p.Label)
	}
	for i := 0; i < 8; i++ {
		d := data.DateOf(data.NewDate(today.Year, today.Month, 1).Time().AddDate(0, -3*i, 0))
		p := data.QuarterPeriod(d.Year, (int(d.Month)-1)/3+1)
		s.quarters, quarterLabels = append(s.quarters, p), append(quarterLabels, p.Label)
	}
	s.month = widgets.NewSelect(monthLabels, func(string) { s.changed(data.FSurveyPeriod) })
	s.quarter = widgets.NewSelect(quarterLabels, func(string) { s.changed(data.FSurveyPeriod) })
	s.from, s.to = widgets.NewDateEntry(), widgets.NewDateEntry()
	s.from.SetPlaceHolder("开始日期")
	s.to.SetPlaceHolder("结束日期")
	for _, e := range []*widgets.DateEntry{s.from, s.to} {
		e.Today = env.Today
		e.OnChanged = func(string) { s.changed(data.FSurveyPeriod) }
	}
	s.custom = container.NewGridWithColumns(2, s.from, s.to)
	s.kind = widgets.NewSelect([]string{surveyByMonth, surveyByQuarter, surveyCustom}, func(string) {
		s.showKind()
		s.changed(data.FSurveyPeriod)
	})
	periodBox := container.NewBorder(nil, nil, s.kind, nil, container.NewStack(s.month, s.quarter, s.custom))
	s.category = widgets.NewSelect(data.FacilityCategories, func(string) { s.categoryChanged() })

	s.rowsBox = container.NewVBox()
	s.overall = surveyQuestionColumns.Row(true).(*fyne.Container)
	addBtn := widget.NewButtonWithIcon("添加问题", theme.ContentAddIcon(), func() {
		s.questions = append(s.questions, data.SurveyQuestion{})
		s.buildRows()
		s.changed("")
		focus(s.rows[len(s.rows)-1].text)
	})
	form := container.NewVBox(
		widgets.Section("调查", 1, s.fields.Add(data.FSurveyPeriod, true, periodBox), s.fields.Add(data.FSurveyCategory, true, s.category)),
		widgets.Heading("调查结果（人数）"),
		widgets.Note("满意率 =（非常满意 + 满意）÷ 合计。问题可以修改、增删。"),
		surveyQuestionColumns.Row(true), s.rowsBox, widget.NewSeparator(), s.overall,
		container.NewHBox(addBtn))

	s.buildFrame([]fyne.CanvasObject{s.catSel}, form, 0.3)
	return s
}

func (s *SurveysScreen) blank() data.Survey {
	return data.NewSurvey(data.FacilityCanteen, s.months[0])
}

func (s *SurveysScreen) toForm(sv data.Survey) {
	s.month.ClearSelected()
	s.quarter.ClearSelected()
	s.from.SetDate(sv.Period.From)
	s.to.SetDate(sv.Period.To)
	switch {
	case slices.Contains(s.month.Options, sv.Period.Label):
		s.kind.SetSelected(surveyByMonth)
		s.month.SetSelected(sv.Period.Label)
	case slices.Contains(s.quarter.Options, sv.Period.Label):
		s.kind.SetSelected(surveyByQuarter)
		s.quarter.SetSelected(sv.Period.Label)
	default:
		s.kind.SetSelected(surveyCustom)
	}
	s.showKind()
	s.category.SetSelected(sv.Category)
	s.questions = slices.Clone(sv.Questions)
	s.buildRows()
}

func (s *SurveysScreen) showKind() {
	s.month.Hidden = s.kind.Selected != surveyByMonth
	s.quarter.Hidden = s.kind.Selected != surveyByQuarter
	s.custom.Hidden = s.kind.Selected != surveyCustom
	s.month.Refresh()
	s.quarter.Refresh()
	s.custom.Refresh()
}

// categoryChanged gives a new survey whose counts are still empty the category's questions.
func (s *SurveysScreen) categoryChanged() {
	if s.loading {
		return
	}
	s.changed(data.FSurveyCategory)
	if s.loaded.ID != 0 || slices.ContainsFunc(s.questions, func(q data.SurveyQuestion) bool { return q.Total() > 0 }) {
		return
	}
	s.questions = data.NewSurvey(s.category.Selected, data.Period{}).Questions
	s.buildRows()
}

func (s *SurveysScreen) buildRows() {
	s.rows = make([]*surveyRow, len(s.questions))
	var objs []fyne.CanvasObject
	for i, q := range s.questions {
		r := &surveyRow{text: widgets.NewEntry(), total: widget.NewLabel(""), rate: widget.NewLabel("")}
		r.text.SetText(q.Text)
		r.text.SetPlaceHolder("问题")
		r.text.OnChanged = func(v string) { s.questions[i].Text = v; s.changed("") }
		cells := []fyne.CanvasObject{r.text}
		for a := range r.counts {
			e := widgets.NewEntry()
			if q.Counts[a] != 0 {
				e.SetText(strconv.Itoa(q.Counts[a]))
			}
			e.SetPlaceHolder("0")
			e.OnChanged = func(v string) {
				n, _ := strconv.Atoi(strings.TrimSpace(data.NormalizeText(v)))
				s.questions[i].Counts[a] = n
				s.updateFigures()
				s.changed("")
			}
			e.OnSubmitted = func(string) { s.Save() }
			r.counts[a] = e
			cells = append(cells, e)
		}
		del := widgets.NewChip("删除", theme.DeleteIcon(), func() {
			s.questions = slices.Delete(s.questions, i, i+1)
			s.buildRows()
			s.changed("")
		})
		cells = append(cells, r.total, r.rate, container.NewVBox(del))
		s.rows[i] = r
		objs = append(objs, container.New(surveyQuestionColumns, cells...))
	}
	s.rowsBox.Objects = objs
	s.rowsBox.Refresh()
	s.updateFigures()
}

// updateFigures shows each question's 合计 and 满意率 and the overall row.
func (s *SurveysScreen) updateFigures() {
	for i, r := range s.rows {
		q := s.questions[i]
		r.total.SetText(strconv.Itoa(q.Total()))
		r.rate.SetText(rateText(q))
	}
	sv := data.Survey{Questions: s.questions}
	o := sv.Overall()
	texts := []string{"总体"}
	for _, c := range o.Counts {
		texts = append(texts, strconv.Itoa(c))
	}
	texts = append(texts, strconv.Itoa(o.Total()), rateText(o), "")
	surveyQuestionColumns.Set(s.overall, texts, nil)
}

// OverallRate is the overall 满意率 as shown.
func (s *SurveysScreen) OverallRate() string {
	return s.overall.Objects[7].(*widget.Label).Text
}

// survey reads the form.
func (s *SurveysScreen) survey() (data.Survey, error) {
	sv := s.loaded
	var fe data.FieldErrors
	switch s.kind.Selected {
	case surveyByMonth:
		if i := s.month.SelectedIndex(); i >= 0 {
			sv.Period = s.months[i]
		}
	case surveyByQuarter:
		if i := s.quarter.SelectedIndex(); i >= 0 {
			sv.Period = s.quarters[i]
		}
	default:
		from := readDate(&fe, data.FSurveyPeriod, s.from)
		to := readDate(&fe, data.FSurveyPeriod, s.to)
		sv.Period = data.Period{From: from, To: to}
	}
	sv.Category = s.category.Selected
	sv.Questions = slices.Clone(s.questions)
	for i, r := range s.rows {
		for a, e := range r.counts {
			if t := strings.TrimSpace(data.NormalizeText(e.Text)); t != "" {
				if _, err := strconv.Atoi(t); err != nil {
					fe = append(fe, data.FieldError{Field: fmt.Sprintf("%s%d", data.FQuestion, i+1),
						Message: fmt.Sprintf("第%d个问题的“%s”人数应为整数", i+1, data.SurveyAnswers[a])})
				}
			}
		}
	}
	if fe == nil {
		return sv, nil // not a nil FieldErrors in a non-nil error
	}
	return sv, fe
}
