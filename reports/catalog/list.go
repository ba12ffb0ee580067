package catalog

import (
	"fmt"
	"io"
	"strings"

	"branchledger/reports"
)

// Lines is the catalogue a line a report, as `export --list` and the help print it: command-line
// name, id, title, then its period and options.
func Lines() []string {
	var lines []string
	for _, r := range reportList {
		line := fmt.Sprintf("%-18s %-4s %s", r.CLI, r.ID, r.Title)
		var notes []string
		switch r.Period {
		case ThisMonth:
			notes = append(notes, "按期间，默认本月")
		case ThisYear:
			notes = append(notes, "按期间，默认本年")
		}
		for _, o := range r.Options {
			notes = append(notes, "--"+string(o))
		}
		if r.Fills {
			notes = append(notes, "可用 --template")
		}
		if r.Scope == Consolidated {
			notes = append(notes, "仅汇总库")
		}
		if len(notes) > 0 {
			line += "（" + strings.Join(notes, "；") + "）"
		}
		lines = append(lines, line)
	}
	return lines
}

// Names lists the reports by command-line name and title, for a message that says which exist.
func Names() string {
	var names []string
	for _, r := range reportList {
		names = append(names, r.CLI+"（"+r.Title+"）")
	}
	return strings.Join(names, "、")
}

// FillTemplate fills the group's template at path with the report's table and heading (SPEC §6)
// and writes the workbook to w.
func (res Result) FillTemplate(path string, w io.Writer) error { return res.fill(path, true, w) }

// CheckTemplate fills the template at path with the report's columns only, a dry run that finds
// the placeholders the report cannot fill.
func (res Result) CheckTemplate(path string) error { return res.fill(path, false, io.Discard) }

func (res Result) fill(path string, rows bool, w io.Writer) error {
	f, err := reports.OpenInput(path, "模板文件")
	if err != nil {
		return err
	}
	defer f.Close()
	columns, table := res.Table()
	if !rows {
		table = nil
	}
	_, err = reports.FillTemplate(f, w, reports.TemplateData{Meta: res.Meta, Columns: columns, Rows: table})
	return err
}
