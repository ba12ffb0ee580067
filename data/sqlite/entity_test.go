package sqlite

import (
	"slices"
	"testing"

	"branchledger/data"
)

// Every table of a freshly migrated file is declared in the entity registry with a Chinese noun,
// so that no message (recycle bin, file check, consolidation) ever shows a table name; and the
// registry declares no table the schema lacks.
func TestEntityRegistryCoversSchema(t *testing.T) {
	db := openTemp(t)
	tables, err := queryStrings(ctx, db.db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name`)
	if err != nil || len(tables) == 0 {
		t.Fatalf("tables %v: %v", tables, err)
	}
	for _, table := range tables {
		e, ok := data.EntityOf(table)
		if !ok || e.Noun == "" || e.Measure == "" || e.Scope == "" {
			t.Errorf("table %s: no Chinese noun, measure word and scope in data.Entities (%+v)", table, e)
		}
	}
	for _, e := range data.Entities {
		if !slices.Contains(tables, e.Table) {
			t.Errorf("data.Entities declares %s, which the schema lacks", e.Table)
		}
	}
}

// The tables consolidation carries (found from the schema's references) are those the registry
// calls a branch's records.
func TestEntityRegistryBranchScope(t *testing.T) {
	db := openTemp(t)
	infos, err := branchTables(ctx, db.db, "main")
	if err != nil {
		t.Fatal(err)
	}
	var carried, declared []string
	for _, ti := range infos {
		carried = append(carried, ti.name)
	}
	for _, e := range data.Entities {
		if e.Scope == data.ScopeBranch {
			declared = append(declared, e.Table)
		}
	}
	slices.Sort(carried)
	slices.Sort(declared)
	if !slices.Equal(carried, declared) {
		t.Errorf("packages carry %v, the registry declares %v as a branch's records", carried, declared)
	}
}

// Every kind the store logs or bins is a choice of the log's filter, and each is declared once.
func TestEntityRegistryLogKinds(t *testing.T) {
	for _, kind := range []string{data.EntMember, data.EntAssessTemplate, data.EntAssessment, data.EntPointEntry,
		data.EntCheck, data.EntGrades, data.EntDataFile, data.EntPackage, data.EntBin} {
		if !slices.Contains(data.OpEntities, kind) {
			t.Errorf("log filter lacks %s: %v", kind, data.OpEntities)
		}
	}
	seen := map[string]string{}
	for _, e := range data.Entities {
		if e.Log == "" {
			continue
		}
		if other, ok := seen[e.Log]; ok {
			t.Errorf("log kind %s declared by %s and %s", e.Log, other, e.Table)
		}
		seen[e.Log] = e.Table
	}
}
