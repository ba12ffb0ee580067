package gui

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPrintFailure(t *testing.T) {
	path := filepath.Join("D:", "报表", "党员花名册.xlsx")
	tests := []struct {
		code uintptr
		want string
	}{
		{seErrNoAssoc, msgNoPrintProgram}, // no program prints .xlsx (wine, a PC without Office)
		{seErrAssocIncomplete, msgNoPrintProgram},
		{seErrNotFound, "找不到“" + path + "”"},
		{seErrPathNotFound, "找不到“" + path + "”"},
		{seErrAccess, "没有权限打印"},
		{0, msgNoPrintProgram + "（错误代码 0）"},
		{32, msgNoPrintProgram + "（错误代码 32）"},
	}
	for _, tc := range tests {
		if got := printFailure(tc.code, path); !strings.HasPrefix(got, tc.want) {
			t.Errorf("code %d: %q, want %q", tc.code, got, tc.want)
		}
	}
	if msgNoPrintProgram != "没有找到能打印该文件的程序，请安装 Excel 或 WPS，或打开文件后打印" {
		t.Errorf("the message of issue 15 changed: %q", msgNoPrintProgram)
	}
}

// TestNoPrintOutsideWindows: after an export the dialog offers 打开文件 and 打开所在文件夹, and
// 打印 only on Windows.
func TestNoPrintOutsideWindows(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("打印 is offered on Windows")
	}
	env, _ := newOrgTestEnv(t)
	path := filepath.Join(t.TempDir(), "党员花名册.xlsx")
	if b := offerOpen(env, "党员花名册已导出", path); b != nil {
		t.Errorf("offerOpen returned a 打印 button outside Windows")
	}
	var buttons []string
	for _, o := range test.LaidOutObjects(env.Win.Canvas().Overlays().Top()) {
		if b, ok := o.(*widget.Button); ok {
			buttons = append(buttons, b.Text)
		}
	}
	if got := strings.Join(buttons, " "); got != "打开文件 打开所在文件夹 关闭" {
		t.Errorf("buttons %q, want 打开文件 打开所在文件夹 关闭", got)
	}
}
