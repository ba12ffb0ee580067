package data

import (
	"testing"
	"time"
)

// Copy behaves the same for both kinds of template: a new record (ID 0, no timestamps) in the same
// branch with every own field, its own items, and the name given or 原名（副本）.
func TestTemplateCopyIsTheSameForBothKinds(t *testing.T) {
	stamp := time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)
	saved := ItemTemplate[ChecklistItem]{ID: 7, BranchID: 2, CreatedAt: stamp, UpdatedAt: stamp}

	cl := DefaultChecklists()[1]
	saved.Name, saved.Items = cl.Name, cl.Items
	cl.ItemTemplate = saved
	c := cl.Copy("")
	c.Items[0].Name = "改过"
	if c.ID != 0 || c.BranchID != 2 || !c.CreatedAt.IsZero() || !c.UpdatedAt.IsZero() || c.Name != cl.Name+"（副本）" ||
		c.Category != cl.Category || c.Total != cl.Total || cl.Items[0].Name == "改过" {
		t.Errorf("checklist copy: %+v", c)
	}

	at := DefaultA3Template()
	at.ID, at.BranchID, at.CreatedAt, at.UpdatedAt = 9, 2, stamp, stamp
	a := at.Copy(" 新考核表 ")
	a.Items[0].Name = "改过"
	if a.ID != 0 || a.BranchID != 2 || !a.CreatedAt.IsZero() || !a.UpdatedAt.IsZero() || a.Name != "新考核表" ||
		a.Kind != at.Kind || a.Scheme != at.Scheme || len(a.Grades) != len(at.Grades) || at.Items[0].Name == "改过" {
		t.Errorf("assessment template copy: %+v", a)
	}
}

// Both kinds number their items and refuse a repeated item name the same way, in their own words.
func TestTemplateItemChecksSharedByBothKinds(t *testing.T) {
	cl := DefaultChecklists()[0]
	cl.Items[1].Name = cl.Items[0].Name
	cl.Items[2].Seq = 9
	fe := ValidateChecklist(&cl)
	if fe.ForLabel("第2项：检查项目") == "" || fe.ForLabel("第3项：序号") == "" {
		t.Errorf("checklist: %v", fe)
	}
	at := DefaultA1Template()
	at.Items[1].Name = at.Items[0].Name
	at.Items[2].Seq = 9
	fe = ValidateAssessTemplate(&at)
	if fe.ForLabel("第2项：考核项目") == "" || fe.ForLabel("第3项：序号") == "" {
		t.Errorf("assessment template: %v", fe)
	}
	at.Normalize()
	if at.Items[2].Seq != 3 {
		t.Errorf("Normalize left 序号 %d", at.Items[2].Seq)
	}
}
