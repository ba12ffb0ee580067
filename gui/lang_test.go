package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestUseChineseWhateverTheLocale(t *testing.T) {
	for _, loc := range []string{"en_US.UTF-8", "de_DE.UTF-8", "pt_BR.UTF-8", "ja_JP.UTF-8", "zh_CN.UTF-8", "C"} {
		t.Run(loc, func(t *testing.T) {
			// go-locale reads these on every lookup; LANGUAGE and LC_* would win over LANG.
			t.Setenv("LANGUAGE", "")
			t.Setenv("LC_ALL", "")
			t.Setenv("LC_MESSAGES", "")
			t.Setenv("LANG", loc)
			if err := UseChinese(); err != nil {
				t.Fatal(err)
			}
			for en, zh := range map[string]string{"Cancel": "取消", "OK": "确定", "Open": "打开", "Save": "保存", "Yes": "是", "No": "否"} {
				if got := lang.L(en); got != zh {
					t.Errorf("lang.L(%q) = %q, want %q", en, got, zh)
				}
			}
		})
	}
}

func TestFileDialogIsChinese(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	test.NewTempApp(t)
	if err := UseChinese(); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(w.Canvas().Size().AddWidthHeight(900, 600))
	d := dialog.NewFileOpen(nil, w)
	d.Show()
	var texts []string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Button:
			texts = append(texts, o.Text)
		case *widget.Label:
			texts = append(texts, o.Text)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"打开 文件", "打开", "取消"} {
		if !strings.Contains("|"+all+"|", "|"+want+"|") {
			t.Errorf("the file dialog has no %q: %s", want, all)
		}
	}
	for _, english := range []string{"|Cancel|", "|Open|", "Open File"} {
		if strings.Contains("|"+all+"|", english) {
			t.Errorf("the file dialog still says %q: %s", english, all)
		}
	}
}
