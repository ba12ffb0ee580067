package gui

import "fyne.io/fyne/v2/widget"

// Placeholder until the ledger is built (replaced by its screen).
func NewEmergenciesScreen(env *Env) Screen { return placeholder{widget.NewLabel("尚未建成")} }
func NewSuppliesScreen(env *Env) Screen    { return placeholder{widget.NewLabel("尚未建成")} }
