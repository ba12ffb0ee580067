#!/usr/bin/python3
"""Remakes the bundled Chinese fonts: Noto Sans CJK SC Regular and Bold, subset to GB 2312, ASCII,
CJK punctuation and the symbols a ledger needs, each written as a single OpenType (.otf) face.

Why a subset: one SC face is about 16 MB; GB 2312 plus symbols is about 3.5 MB per weight.
Why single faces: Fyne refuses a .ttc collection as a theme font ("collections not allowed").

Needs Debian's fonts-noto-cjk and python3-fonttools (run with /usr/bin/python3, which sees them):
    apt-get install fonts-noto-cjk python3-fonttools
    assets/fonts/make-fonts.py
Writes NotoSansCJKsc-{Regular,Bold}-subset.otf and OFL.txt next to this script; the output is
byte-for-byte reproducible from the same source fonts and fontTools version.
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

SRC_DIR = "/usr/share/fonts/opentype/noto"
COPYRIGHT_FILE = "/usr/share/doc/fonts-noto-cjk/copyright"
FAMILY = "Noto Sans CJK SC"  # the Simplified Chinese face inside the collections
WEIGHTS = ("Regular", "Bold")
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

# Symbols beyond GB 2312 that ledgers and Chinese forms use, as inclusive code point ranges.
# Code points the source font lacks are skipped (and listed), the rest of the set must be present.
EXTRA_RANGES = [
    (0x00A0, 0x00FF),  # Latin-1: · (U+00B7, names of ethnic minorities), ×, ÷, °, ±, §, ¥
    (0x2010, 0x2027),  # dashes — and ―, quotes ‘’“”, ‥ …
    (0x2030, 0x203B),  # ‰, ′ ″, ※
    (0x2103, 0x2103),  # ℃
    (0x2109, 0x2109),  # ℉
    (0x2116, 0x2116),  # №
    (0x2121, 0x2121),  # ℡
    (0x2160, 0x217F),  # Roman numerals Ⅰ–Ⅻ, ⅰ–ⅻ
    (0x2190, 0x2199),  # arrows
    (0x2211, 0x2211),  # ∑
    (0x2212, 0x2212),  # minus sign
    (0x221A, 0x221A),  # √ (ticks in forms)
    (0x2460, 0x249B),  # ①–⑳, ⑴–⒇, ⒈–⒛
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25CF),  # ■ □ ▲ △ ◆ ◇ ○ ◎ ●
    (0x2605, 0x2606),  # ★ ☆
    (0x2610, 0x2612),  # ☐ ☑ ☒
    (0x2713, 0x2718),  # ✓ ✔ ✕ ✖ ✗ ✘
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〃《》「」『』【】〔〕〖〗〇
    (0x3220, 0x3229),  # ㈠–㈩
    (0x3280, 0x3289),  # ㊀–㊉
    (0x338E, 0x33A1),  # ㎎ ㎏ ㎜ ㎝ ㎞ ㎡
    (0x33C4, 0x33CE),  # ㏄ ㏎
    (0xFE30, 0xFE4F),  # CJK compatibility forms (︰ ﹏ …)
    (0xFF01, 0xFF65),  # full-width ASCII and half-width CJK punctuation
    (0xFFE0, 0xFFE6),  # ￠ ￡ ￢ ￣ ￤ ￥
]

# Characters common in given names but outside GB 2312 (镕, 喆, 堃, 玥 …): without them a member's
# name would fall back to a system font, or to boxes on a Windows without Chinese fonts.
NAME_CHARS = (
    "喆垚堃堉彧旸旻昇晞暐沄洢淏渟湉澂焜燚犇玙玥玹珅珣珺琇琍瑀瑄璟璠祎祐禛羴翀芃赟鋆镕闿飏骉"
)

# Must render: the check at the end fails loudly when any is missing.
MUST_HAVE = (
    "支部台账党员花名册督查销号澡堂宿舍"
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "·—…‘’“”、。，；：？！《》「」『』【】（）￥×÷※№℃①⑩⑪⑳㈠ⅫⅠ√○●□■☆★〇"
    "ＡＺ０９镕喆"
)


def gb2312_chars():
    """Every character of GB 2312, taken from Python's codec over the whole code space."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for col in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, col]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars


def wanted_codepoints(cmap):
    """The code points to keep, and the optional ones the source font lacks."""
    required = {ord(c) for c in gb2312_chars()}
    required |= set(range(0x20, 0x7F))  # printable ASCII
    required |= {ord(c) for c in NAME_CHARS + MUST_HAVE}
    optional = set()
    for lo, hi in EXTRA_RANGES:
        optional |= set(range(lo, hi + 1))
    missing_required = sorted(cp for cp in required if cp not in cmap)
    if missing_required:
        sys.exit("source font lacks required characters: " + "".join(map(chr, missing_required)))
    skipped = sorted(cp for cp in optional - required if cp not in cmap)
    keep = required | {cp for cp in optional if cp in cmap}
    return keep, skipped


def load_face(weight):
    """The SC face of the weight's collection (found by name, so a reordered .ttc still works)."""
    path = os.path.join(SRC_DIR, "NotoSansCJK-%s.ttc" % weight)
    for font in TTCollection(path).fonts:
        if font["name"].getDebugName(1) == FAMILY:
            return font
    sys.exit("%s has no %s face" % (path, FAMILY))


def make(weight):
    font = load_face(weight)
    keep, skipped = wanted_codepoints(font.getBestCmap())
    opts = subset.Options()
    opts.hinting = False  # Fyne rasterises outlines unhinted; CFF hints only cost space
    opts.name_languages = ["*"]  # keep the Chinese family name too
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=keep)
    sub.subset(font)
    font.recalcTimestamp = False  # reproducible bytes
    out = os.path.join(OUT_DIR, "NotoSansCJKsc-%s-subset.otf" % weight)
    font.save(out)
    check(out)
    print("%s: %d code points, %d bytes" % (os.path.basename(out), len(keep), os.path.getsize(out)))
    if skipped:
        print("  not in the source font, skipped: %d code points" % len(skipped))
    return font


def check(path):
    """Reopens the written file and checks that every must-have character has a real glyph."""
    from fontTools.ttLib import TTFont

    font = TTFont(path)
    cmap = font.getBestCmap()
    missing = [c for c in MUST_HAVE if ord(c) not in cmap]
    if missing:
        sys.exit("%s lacks %s" % (path, "".join(missing)))
    glyphs = font.getGlyphSet()
    blank = [c for c in MUST_HAVE if not c.isspace() and _is_empty(glyphs[cmap[ord(c)]])]
    if blank:
        sys.exit("%s has empty glyphs for %s" % (path, "".join(blank)))


def _is_empty(glyph):
    from fontTools.pens.boundsPen import BoundsPen

    pen = BoundsPen(None)
    glyph.draw(pen)
    return pen.bounds is None


def write_licence(font):
    """OFL.txt: the font's copyright notice and the SIL OFL 1.1 text from the Debian package."""
    with open(COPYRIGHT_FILE, encoding="utf-8") as f:
        lines = f.read().splitlines()
    # The licence stanza is the "License: SIL-1.1" line followed by indented text.
    start = next(i for i, line in enumerate(lines[:-1])
                 if line == "License: SIL-1.1" and lines[i + 1].startswith(" "))
    text = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        line = line[1:]
        text.append("" if line == "." else line)
    name = font["name"]
    head = [
        "Noto Sans CJK SC (Regular, Bold), subset by make-fonts.py; " + name.getDebugName(5),
        name.getDebugName(0),
        "Reserved Font Name: 'Source'.",
        "",
    ]
    with open(os.path.join(OUT_DIR, "OFL.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(head + text).rstrip("\n") + "\n")


def main():
    last = None
    for weight in WEIGHTS:
        last = make(weight)
    write_licence(last)


if __name__ == "__main__":
    main()
