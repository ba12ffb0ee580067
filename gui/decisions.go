package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Placeholder until the ledger is built (replaced by its screen).
func NewDecisionsScreen(env *Env) Screen { return placeholder{widget.NewLabel("尚未建成")} }

type placeholder struct{ *widget.Label }

func (p placeholder) Content() fyne.CanvasObject { return p.Label }
func (placeholder) Reload()                      {}
