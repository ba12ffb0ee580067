// Package reports writes the print-ready Excel reports of SPEC §6 and reads workbooks for the roster
// import of SPEC §7.
//
// Every report is a builder fed with plain structs that writes one .xlsx to an io.Writer. The shared
// layer (Book, Sheet) implements the common print rules once — A4, orientation by column count, fit
// to one page wide, margins, title row, 单位/期间/填报日期 row, grey repeated header, bordered and
// wrapped body with fitted row heights, frozen panes, page footer, signature row, text/date cell
// types, document properties — so that a report is only its columns and its rows:
//
//	b := NewBook(meta)
//	s, err := b.AddSheet(SheetSpec{Name: "党员花名册", Title: "…党员花名册", Columns: cols})
//	for _, m := range members { err = s.Rows(Row{Cells: []any{…}}) }
//	err = b.Write(w)
//
// Cell values keep their Go type: string → text cell (ID numbers and phones are never numbers),
// int/float → number, data.Date → date cell shown yyyy-mm-dd, bool → 是/否, nil → empty.
// Rows are streamed (excelize StreamWriter), so 10,000-row rosters stay fast.
//
// Layout choices: the 单位 / 期间 / 填报日期 row splits the columns into thirds by width (halves
// when there is no period); the signature row follows the table after one empty row; text cells
// carry the "@" number format so that an ID number retyped in Excel stays text.
package reports
