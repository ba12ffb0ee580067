package data

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Reporting upward and consolidation (上报与汇总, SPEC §9).
//
// A 上报数据包 is a zip file named <支部代码>-<支部名称>-上报-<yyyymmdd>.zip holding manifest.json (a
// Manifest) and data.db (a consistent copy of the branch's data file). Zip rather than a custom
// extension: mail gateways and office upload forms accept it, any archive tool can look inside,
// and the zip's own CRCs catch damage besides the manifest's SHA-256.

// PackageFormat marks a manifest as ours, so that any other zip is refused early.
const PackageFormat = "支部台账上报数据包"

// Names of the files inside a package.
const (
	PackageManifest = "manifest.json"
	PackageData     = "data.db"
	PackageExt      = ".zip"
)

// Manifest describes a package: which branch, when, from which schema, what it holds.
type Manifest struct {
	Format         string    `json:"format"` // PackageFormat
	BranchCode     string    `json:"branch_code"`
	BranchName     string    `json:"branch_name"`
	Committee      string    `json:"committee,omitempty"`
	ExportedAt     time.Time `json:"exported_at"` // UTC, whole seconds (RFC 3339)
	SchemaVersion  int       `json:"schema_version"`
	ProgramVersion string    `json:"program_version"`
	// Counts are the rows of each table of the branch's records (member, inspection, finding, …).
	Counts     map[string]int `json:"counts"`
	DataSHA256 string         `json:"data_sha256"` // hex SHA-256 of data.db
}

// Count kinds of Manifest.Counts shown to users.
const (
	CountMembers     = "member"
	CountInspections = "inspection"
	CountFindings    = "finding"
)

// CountsText says what a package holds, e.g. "党员 52 名、督查 230 次、问题 410 个、组织生活 48 次…":
// then each ledger of 各党支部工作统计表 (StatEntities) it has records of.
func CountsText(c map[string]int) string {
	parts := []string{fmt.Sprintf("党员 %d 名、督查 %d 次、问题 %d 个", c[CountMembers], c[CountInspections], c[CountFindings])}
	for _, e := range StatEntities() {
		if n := c[e.Table]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d %s", e.Stat, n, e.Measure))
		}
	}
	return strings.Join(parts, "、")
}

// PackageFileName is the default name of branch b's package exported on day d. Characters Windows
// forbids in file names become "_".
func PackageFileName(b Branch, d Date) string {
	clean := strings.NewReplacer(`\`, "_", "/", "_", ":", "_", "*", "_", "?", "_", `"`, "_", "<", "_", ">", "_", "|", "_")
	return clean.Replace(fmt.Sprintf("%s-%s-上报-%04d%02d%02d", b.Code, b.Name, d.Year, int(d.Month), d.Day)) + PackageExt
}

// ConsolidateResult is what importing one package did.
type ConsolidateResult struct {
	File     string // the package file's base name
	Manifest Manifest
	BranchID int64 // the branch's id in the consolidated file
	// Replaced is set when the package replaced older data of the same branch, exported at Previous.
	Replaced bool
	Previous time.Time
}

// Line is the result line shown for an applied package.
func (r ConsolidateResult) Line() string {
	s := fmt.Sprintf("%s：已汇总，%s", r.Manifest.BranchName, CountsText(r.Manifest.Counts))
	if r.Replaced {
		s += fmt.Sprintf("（替换了导出于 %s 的数据）", ShowTime(r.Previous))
	}
	return s
}

// ResultLine is the line said for the package of r once ConsolidateAll is done with it: Line, or
// RefusedLine when err refused it.
func (r ConsolidateResult) ResultLine(err error) string {
	if err != nil {
		return RefusedLine(r.File, err)
	}
	return r.Line()
}

// RefusedLine is the result line shown for a refused package file.
func RefusedLine(file string, err error) string {
	return fmt.Sprintf("文件「%s」：已拒绝，原因：%s", file, ErrorMessage(err))
}

// ConsolidatedBranch is one branch of a consolidated data file, with the package it came from.
type ConsolidatedBranch struct {
	Branch
	ExportedAt time.Time // when the branch exported the package
	ImportedAt time.Time // when it was consolidated
	File       string    // the package file's base name
	Counts     map[string]int
}

// ReportedSince says whether the branch's newest package was exported on or after day (local
// time): a branch that has not reported since the month began is shown as late.
func (b *ConsolidatedBranch) ReportedSince(day Date) bool {
	return !DateOf(b.ExportedAt.Local()).Before(day)
}

// IsConsolidated says whether st is a 汇总库; a store that cannot exchange is a branch's file.
func IsConsolidated(ctx context.Context, st Store) (bool, error) {
	if ex, ok := st.(ExchangeStore); ok {
		return ex.IsConsolidated(ctx)
	}
	return false, nil
}

// ShowTime prints a time for users: local, to the minute.
func ShowTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// ExchangeStore is what reporting upward and consolidation need of a data file, besides Store
// (implemented by sqlite.DB).
type ExchangeStore interface {
	// ExportPackage writes the branch's package to path; programVersion goes into the manifest.
	ExportPackage(ctx context.Context, path, programVersion string) (Manifest, error)
	// Consolidate imports one package; a refusal is an *Error (EInvalid) saying why.
	Consolidate(ctx context.Context, pkgPath string) (ConsolidateResult, error)
	// ConsolidateAll imports packages in order, a few to a transaction, each inside its own savepoint:
	// a refused package leaves nothing and the others go on; each reports every package's outcome
	// (err is the reason of a refusal). Cancelling stops before the next package and keeps the done ones.
	ConsolidateAll(ctx context.Context, paths []string, each func(i int, res ConsolidateResult, err error)) error
	IsConsolidated(ctx context.Context) (bool, error)
	// MakeConsolidated marks a new, empty data file as a 汇总库 before any package (the first
	// package would); a branch's own file is refused (EInvalid), a 汇总库 left as it is.
	MakeConsolidated(ctx context.Context) error
	Branches(ctx context.Context) ([]ConsolidatedBranch, error)
	// Reads of one branch of a consolidated file (the store's other lists keep to its own branch).
	BranchMembers(ctx context.Context, branchID int64) ([]Member, error)
	BranchInspections(ctx context.Context, branchID int64, from, to Date) ([]Inspection, error)
	BranchFindings(ctx context.Context, branchID int64, from, to Date) ([]Finding, error)
	// BranchCounts counts each branch's records of every StatEntities entry dated in p: counts[branch
	// id][i] is of StatEntities()[i].
	BranchCounts(ctx context.Context, p Period) (map[int64][]int, error)
	// BranchAssessments lists the assessments of one kind of every branch whose period lies in p,
	// with their items, by branch, then period.
	BranchAssessments(ctx context.Context, kind string, p Period) ([]Assessment, error)
}
