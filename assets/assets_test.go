package assets

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"strings"
	"testing"
)

// Fyne takes a theme font only as a single face: an OpenType file starts with "OTTO" (CFF) or
// 0x00010000 (TrueType); a collection starts with "ttcf" and fails to load.
func TestFontsAreSingleFaces(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"FontRegular", FontRegular},
		{"FontBold", FontBold},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) < 12 {
				t.Fatalf("%d bytes, not a font", len(tc.data))
			}
			magic := string(tc.data[:4])
			if magic != "OTTO" && magic != "\x00\x01\x00\x00" {
				t.Fatalf("starts with %q, want a single OpenType face", magic)
			}
			// The table directory must list the tables a renderer needs.
			n := int(binary.BigEndian.Uint16(tc.data[4:6]))
			tables := map[string]bool{}
			for i := range n {
				off := 12 + 16*i
				tables[string(tc.data[off:off+4])] = true
			}
			for _, tag := range []string{"cmap", "head", "hmtx", "name", "OS/2", "CFF "} {
				if !tables[tag] {
					t.Errorf("no %q table", tag)
				}
			}
		})
	}
	if bytes.Equal(FontRegular, FontBold) {
		t.Error("FontRegular and FontBold are the same file")
	}
}

func TestFontLicence(t *testing.T) {
	for _, want := range []string{"SIL OPEN FONT LICENSE Version 1.1", "Adobe", "Noto Sans CJK SC"} {
		if !strings.Contains(FontLicence, want) {
			t.Errorf("licence text lacks %q", want)
		}
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Errorf("icon is %dx%d, want 512x512", b.Dx(), b.Dy())
	}
}
