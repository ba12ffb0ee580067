package gui

import (
	_ "embed"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// zhHans is Fyne's own Chinese translation of its built-in texts (确定, 取消, 打开 文件, …), copied from
// Fyne 2.7.1 with a few wordings changed; see translations/LICENSE-fyne.txt.
//
//go:embed translations/base.zh_Hans.json
var zhHans []byte

// fyneLocales are the languages Fyne 2.7.1 ships translations for. Fyne's matcher can only pick one
// of these (or "en", its fallback) for the OS locale, so registering Chinese under all of them makes
// every pick Chinese.
var fyneLocales = []fyne.Locale{
	"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans",
}

// UseChinese makes Fyne's built-in texts (dialog buttons, file dialogs, menus) Chinese whatever the
// OS locale is: an English Windows in a mine office must still say 确定 and 取消. Call it once at start,
// before any window is shown.
func UseChinese() error {
	locales := append(fyneLocales[:len(fyneLocales):len(fyneLocales)], lang.SystemLocale())
	for _, l := range locales {
		if err := lang.AddTranslationsForLocale(zhHans, l); err != nil {
			return err
		}
	}
	return nil
}
