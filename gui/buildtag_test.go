//go:build !migrated_fynedo

package gui

import "testing"

// Fyne's fyneDo migration (FyneApp.toml [Migrations]) is the build tag migrated_fynedo: without it
// this package builds other code than the program does, so its tests would test something else.
func TestBuiltWithFyneDoMigration(t *testing.T) {
	t.Fatal("build with -tags=migrated_fynedo (make test sets it; or GOFLAGS=-tags=migrated_fynedo go test ./...)")
}
