// Package assets holds the files built into the program: the Chinese fonts, their licence and the
// app icon. The fonts are made by fonts/make-fonts.py and the icon by make-icon.py; rerun those
// scripts rather than editing the files.
package assets

import _ "embed"

// FontRegular is Noto Sans CJK SC Regular, subset to GB 2312, ASCII, CJK punctuation and ledger
// symbols, as one OpenType face (Fyne cannot load a .ttc collection as a theme font).
//
//go:embed fonts/NotoSansCJKsc-Regular-subset.otf
var FontRegular []byte

// FontBold is the Bold face of the same subset; without it bold Chinese is drawn regular.
//
//go:embed fonts/NotoSansCJKsc-Bold-subset.otf
var FontBold []byte

// FontLicence is the SIL Open Font License 1.1 text with the fonts' copyright notice; the licence
// requires it to travel with the fonts (show it in the About dialog).
//
//go:embed fonts/OFL.txt
var FontLicence string

// Icon is the 512×512 PNG app icon (red square, white 台账).
//
//go:embed Icon.png
var Icon []byte
