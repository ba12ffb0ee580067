// Command clifloor is the floor of `branchledger export members`: the same member rows read with
// go-sqlite3 and written with excelize's stream writer, nothing else (no layout, no validation, no
// program around it). Its peak memory is what the export is measured against (issue 17):
//
//	/usr/bin/time -v go run ./internal/clifloor --db 数据文件.db --out floor.xlsx
package main

import (
	"database/sql"
	"flag"
	"fmt"
	"os"

	_ "github.com/mattn/go-sqlite3"
	"github.com/xuri/excelize/v2"
)

func main() {
	db := flag.String("db", "", "the data file")
	out := flag.String("out", "floor.xlsx", "the workbook to write")
	flag.Parse()
	if err := run(*db, *out); err != nil {
		fmt.Fprintln(os.Stderr, "clifloor:", err)
		os.Exit(1)
	}
}

func run(dbPath, out string) error {
	db, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Query(`SELECT * FROM member ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	vals := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for r := 2; rows.Next(); r++ {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		cells := make([]any, len(cols))
		for i, v := range vals {
			cells[i] = v.String
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(out)
}
