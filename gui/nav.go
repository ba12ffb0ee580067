package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"branchledger/data"
)

// ModuleID names an entry of the main window's navigation; TabID a tab of one. Screens link to
// each other by these ids (Destination), never by their Chinese titles, which live only in the
// navigation registry below.
type (
	ModuleID int
	TabID    int
)

// The modules, in the order of the navigation.
const (
	moduleHome ModuleID = iota + 1
	moduleMembers
	moduleInspections
	moduleWelfare
	moduleOrgLife
	moduleAssess
	moduleReports
	moduleSettings
	moduleDues
	moduleFronts
)

// The tabs of the modules that have them.
const (
	tabMembers TabID = iota + 1
	tabGroups
	tabTeams
	tabInspections
	tabFindings
	tabDaily
	tabWeekly
	tabChecks
	tabFacilities
	tabChecklists
	tabWelfareItems
	tabSurveys
	tabActivities
	tabOrgYear
	tabOrgRules
	tabBranchAssess
	tabPoints
	tabThreeInOne
	tabAssessTemplates
	tabBranchSettings
	tabBackup
	tabOpLog
	tabRecycle
	tabExchange
	tabRecruitment
	tabDuesMonth
	tabDuesProfiles
	tabDuesRates
	tabTalks
	tabTalksOwed
	tabAppraisal
	tabTerm
	tabDecisions
	tabConcerns
	tabEmergencies
	tabSupplies
	tabPetitions
	tabScreenings
)

// navModule is one navigation entry: its title, icon and tabs (none for a single screen).
type navModule struct {
	id    ModuleID
	title string
	icon  func() fyne.Resource // a theme icon, looked up when drawn: the theme is set after start-up
	tabs  []navTab
	// committee: shown on a 汇总库 too. The branch's own ledgers are not: a 汇总库 holds the
	// branches' packages, read through 工作台 and 报表, and has no branch of its own to keep.
	committee bool
}

type navTab struct {
	id    TabID
	title string
}

// navigation is the one registry of modules and tabs: titles, icons and order.
var navigation = []navModule{
	{id: moduleHome, title: "工作台", icon: theme.HomeIcon, committee: true},
	{id: moduleMembers, title: "党员", icon: theme.AccountIcon, tabs: []navTab{
		{tabMembers, "党员名单"}, {tabGroups, "党小组"}, {tabTeams, "班组"},
		{tabRecruitment, "发展党员"}}},
	{id: moduleInspections, title: "督查整改", icon: theme.DocumentIcon, tabs: []navTab{
		{tabInspections, "督查记录"}, {tabFindings, "问题整改"}, {tabDaily, "日清"}, {tabWeekly, "周分析"}}},
	{id: moduleWelfare, title: "两堂一舍", icon: theme.ListIcon, tabs: []navTab{
		{tabChecks, "检查评分"}, {tabFacilities, "设施"}, {tabChecklists, "评分表"}, {tabWelfareItems, "办实事"},
		{tabSurveys, "满意度调查"}}},
	{id: moduleOrgLife, title: "组织生活", icon: theme.CalendarIcon, tabs: []navTab{
		{tabActivities, "活动记录"}, {tabOrgYear, "年度落实"}, {tabOrgRules, "组织生活规则"},
		{tabTalks, "谈心谈话"}, {tabTalksOwed, "谈话提醒"}, {tabAppraisal, "民主评议"}, {tabTerm, "换届"}}},
	// The fronts of SPEC §12.2–12.5: "三重一大" decisions, workers' concerns, emergencies, petitions.
	{id: moduleFronts, title: "重点工作", icon: theme.FolderOpenIcon, tabs: []navTab{
		{tabDecisions, "三重一大"}, {tabConcerns, "思想疏导"}, {tabEmergencies, "应急防控"}, {tabSupplies, "应急物资"},
		{tabPetitions, "信访事项"}, {tabScreenings, "矛盾排查"}}},
	{id: moduleAssess, title: "考核", icon: theme.GridIcon, tabs: []navTab{
		{tabBranchAssess, "支部月度考核"}, {tabPoints, "党员积分"}, {tabThreeInOne, "三位一体考核"},
		{tabAssessTemplates, "考核表设置"}}},
	{id: moduleDues, title: "党费", icon: theme.StorageIcon, tabs: []navTab{
		{tabDuesMonth, "月度收缴"}, {tabDuesProfiles, "党费档案"}, {tabDuesRates, "比例表"}}},
	{id: moduleReports, title: "报表", icon: theme.DocumentPrintIcon, committee: true},
	{id: moduleSettings, title: "数据与设置", icon: theme.SettingsIcon, tabs: []navTab{
		{tabBranchSettings, "支部与设置"}, {tabBackup, "备份与恢复"}, {tabOpLog, "操作日志"}, {tabRecycle, "回收站"},
		{tabExchange, "上报与汇总"}}, committee: true},
}

// entityPlaces is the screen that lists each kind of record (data.Ent…): where 查看依据 opens a
// counted record and the 工作台 card 本月待办 opens what it counts. A new ledger adds its line.
var entityPlaces = map[string]Destination{
	data.EntInspection: {Module: moduleInspections, Tab: tabInspections},
	data.EntFinding:    {Module: moduleInspections, Tab: tabFindings},
	data.EntCheck:      {Module: moduleWelfare, Tab: tabChecks},
	data.EntWelfare:    {Module: moduleWelfare, Tab: tabWelfareItems},
	data.EntSurvey:     {Module: moduleWelfare, Tab: tabSurveys},
	data.EntTalk:       {Module: moduleOrgLife, Tab: tabTalks},
	data.EntTalkRule:   {Module: moduleOrgLife, Tab: tabTalksOwed},
	data.EntActivity:   {Module: moduleOrgLife, Tab: tabActivities},
	data.EntOrgRule:    {Module: moduleOrgLife, Tab: tabOrgYear},
	data.EntRecruit:    {Module: moduleMembers, Tab: tabRecruitment},
	data.EntEmergency:  {Module: moduleFronts, Tab: tabEmergencies},
	data.EntSupply:     {Module: moduleFronts, Tab: tabSupplies},
	data.EntPetition:   {Module: moduleFronts, Tab: tabPetitions},
	data.EntScreening:  {Module: moduleFronts, Tab: tabScreenings},
	data.EntConcern:    {Module: moduleFronts, Tab: tabConcerns},
	data.EntDecision:   {Module: moduleFronts, Tab: tabDecisions},
}

// navModuleOf is the registry entry of module id.
func navModuleOf(id ModuleID) (navModule, bool) {
	for _, m := range navigation {
		if m.id == id {
			return m, true
		}
	}
	return navModule{}, false
}

// tabTitle is tab id's title on its module's tab bar.
func tabTitle(id TabID) string {
	for _, m := range navigation {
		for _, t := range m.tabs {
			if t.id == id {
				return t.title
			}
		}
	}
	return ""
}

// checkDestination says what is wrong with to: a module not in the registry, or a tab that is
// not one of its module's.
func checkDestination(to Destination) error {
	m, ok := navModuleOf(to.Module)
	if !ok {
		return fmt.Errorf("gui: navigation to unknown module %d", to.Module)
	}
	if to.Tab == 0 {
		return nil
	}
	for _, t := range m.tabs {
		if t.id == to.Tab {
			return nil
		}
	}
	return fmt.Errorf("gui: navigation to tab %d, which module %s does not have", to.Tab, m.title)
}

// navigationFailed is called with a link to nowhere: a programming error, logged (the user sees
// the window stay where it was). Tests make it fail the test.
var navigationFailed = func(err error) { fyne.LogError("", err) }

// moduleTabs builds the tabsScreen of module id from the registry's tabs, each built by its entry in
// builds; a tab of the registry without a builder is a programming error.
func moduleTabs(id ModuleID, builds map[TabID]func() Screen) *tabsScreen {
	m, _ := navModuleOf(id)
	var tabs []tab
	for _, t := range m.tabs {
		build, ok := builds[t.id]
		if !ok {
			navigationFailed(fmt.Errorf("gui: tab %s of module %s has no screen", t.title, m.title))
			continue
		}
		tabs = append(tabs, tab{t.title, build})
	}
	if len(tabs) != len(builds) {
		navigationFailed(fmt.Errorf("gui: module %s builds tabs the registry does not list", m.title))
	}
	return newTabsScreen(tabs...)
}
