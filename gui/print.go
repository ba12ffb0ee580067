package gui

// 打印 after an export, on Windows: the file goes to the default printer through the program
// registered to print it (Excel or WPS for .xlsx), as Explorer's 打印 does (ShellExecute with the
// "print" verb, files_windows.go). Elsewhere there is no 打印 button (files_other.go).

import "fmt"

// What ShellExecute returns when it fails (≤ 32; shellapi.h / winerror.h).
const (
	seErrNotFound        = 2  // ERROR_FILE_NOT_FOUND
	seErrPathNotFound    = 3  // ERROR_PATH_NOT_FOUND
	seErrAccess          = 5  // SE_ERR_ACCESSDENIED
	seErrAssocIncomplete = 27 // SE_ERR_ASSOCINCOMPLETE
	seErrNoAssoc         = 31 // SE_ERR_NOASSOC: no program for this verb and file type
)

// msgNoPrintProgram is said when no program can print the file (no Excel or WPS, as under wine).
const msgNoPrintProgram = "没有找到能打印该文件的程序，请安装 Excel 或 WPS，或打开文件后打印"

// printFailure is the message for ShellExecute's "print" failing with code (≤ 32). Any failure
// but a missing or forbidden file means the program registered for the file cannot print it.
func printFailure(code uintptr, path string) string {
	switch code {
	case seErrNotFound, seErrPathNotFound:
		return "找不到“" + path + "”：它可能已被移动或删除"
	case seErrAccess:
		return "没有权限打印“" + path + "”"
	case seErrNoAssoc, seErrAssocIncomplete:
		return msgNoPrintProgram
	}
	return fmt.Sprintf("%s（错误代码 %d）", msgNoPrintProgram, code)
}
