package gui

// newFrontsModule is 重点工作: the ledgers of SPEC §12.2–12.5, the fronts of the "十个靠前" that are
// neither 组织生活 nor 督查 nor 两堂一舍 — "三重一大" decisions, workers' concerns (思想疏导), drills
// and emergencies with the supplies kept for them, petitions with the screening rounds.
func (w *MainWindow) newFrontsModule() Screen {
	ts := moduleTabs(moduleFronts, map[TabID]func() Screen{
		tabDecisions:   func() Screen { return NewDecisionsScreen(w.env) },
		tabConcerns:    func() Screen { return NewConcernsScreen(w.env) },
		tabEmergencies: func() Screen { return NewEmergenciesScreen(w.env) },
		tabSupplies:    func() Screen { return NewSuppliesScreen(w.env) },
		tabPetitions:   func() Screen { return NewPetitionsScreen(w.env) },
		tabScreenings:  func() Screen { return NewScreeningsScreen(w.env) },
	})
	ts.onSelected = w.updateMenu
	return ts
}
