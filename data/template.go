package data

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// ItemTemplate is what the two kinds of template share, 评分表 (Checklist) and 考核表
// (AssessTemplate): a named list of items in order, owned by a branch. Each kind embeds it and adds
// its own fields and rules; records made with a template keep their own copy of its items.
type ItemTemplate[I any] struct {
	ID       int64
	BranchID int64

	Name  string // 名称*, unique in the branch (checked by the store)
	Items []I    // in order; Normalize numbers them 1, 2, …

	CreatedAt time.Time
	UpdatedAt time.Time
}

// orderedItem is an item of an ItemTemplate: its 序号, name and standard, which every template
// numbers, cleans and checks the same way.
type orderedItem[I any] interface {
	*I
	line() (seq *int, name, standard *string)
}

func (it *ChecklistItem) line() (*int, *string, *string) { return &it.Seq, &it.Name, &it.Standard }
func (it *AssessItem) line() (*int, *string, *string)    { return &it.Seq, &it.Name, &it.Standard }

// templateWords are the words a kind of template's messages use.
type templateWords struct {
	noun      string // 评分表
	nameField string // field label of the name
	itemField string // field label of an item's name (also the items as a whole)
	maxItems  int
}

var (
	checklistWords = templateWords{noun: "评分表", nameField: FChecklistName, itemField: FItemName, maxItems: maxItems}
	assessWords    = templateWords{noun: "考核表", nameField: FAssessName, itemField: FAssessItem, maxItems: maxAssessItems}
)

// normalizeTemplate cleans the name and, for every item, numbers it and cleans its name and standard.
func normalizeTemplate[I any, P orderedItem[I]](t *ItemTemplate[I]) {
	t.Name = NormalizeText(t.Name)
	for i := range t.Items {
		seq, name, standard := P(&t.Items[i]).line()
		*seq, *name, *standard = i+1, NormalizeText(*name), strings.TrimSpace(*standard)
	}
}

// copyTemplate is the shared half of Copy: a new template (ID 0, no timestamps, same branch) with
// its own copy of the items, under name, or the original name plus （副本） when name is empty.
// Each kind keeps all its own fields and clones its own slices.
func copyTemplate[I any](t *ItemTemplate[I], name string) ItemTemplate[I] {
	if name = NormalizeText(name); name == "" {
		name = t.Name + "（副本）"
	}
	return ItemTemplate[I]{BranchID: t.BranchID, Name: name, Items: slices.Clone(t.Items)}
}

// checkTemplateName checks the name: required, 50 characters at most.
func checkTemplateName[I any](fe *FieldErrors, t *ItemTemplate[I], w templateWords) {
	checkText(fe, w.nameField, t.Name, 50, true)
}

// checkTemplateItems checks the items: at least one, at most w.maxItems, each one (by item, into
// ie), then its numbering and that no name repeats. An item's problems carry its row
// (FieldError.Row, RowItem).
func checkTemplateItems[I any, P orderedItem[I]](fe *FieldErrors, t *ItemTemplate[I], w templateWords, item func(ie *FieldErrors, i int, it *I)) {
	switch {
	case len(t.Items) == 0:
		fe.add(w.itemField, fmt.Sprintf("%s至少要有一个%s", w.noun, w.itemField))
	case len(t.Items) > w.maxItems:
		fe.add(w.itemField, fmt.Sprintf("%s最多%d个%s", w.noun, w.maxItems, w.itemField))
	}
	seen := map[string]bool{}
	for i := range t.Items {
		var ie FieldErrors
		item(&ie, i, &t.Items[i])
		seq, name, _ := P(&t.Items[i]).line()
		if *seq != i+1 {
			ie.add(FItemSeq, fmt.Sprintf("序号应从1起依次编号，这一项应为%d", i+1))
		}
		if *name != "" && seen[*name] {
			ie.add(w.itemField, fmt.Sprintf("%s「%s」重复了", w.itemField, *name))
		}
		seen[*name] = true
		*fe = append(*fe, ie.InRow(RowItem, i)...)
	}
}

// Shared is the shared part, for code that handles both kinds of template alike (the store).
func (t *ItemTemplate[I]) Shared() *ItemTemplate[I] { return t }
