#!/usr/bin/python3
"""Remakes Icon.png, the 512×512 app icon: a deep red rounded square with a thin gold line and
white 台账 in the bundled bold font, so secretaries spot it on the desktop and the taskbar.

Needs python3-pil (Debian); run after fonts/make-fonts.py:  assets/make-icon.py
"""

import os

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = os.path.join(HERE, "fonts", "NotoSansCJKsc-Bold-subset.otf")
OUT = os.path.join(HERE, "Icon.png")

SIZE = 512
SCALE = 4  # drawn 4× larger, then scaled down: Pillow's shapes are not anti-aliased
RED = (200, 16, 46, 255)  # #C8102E
GOLD = (242, 201, 76, 255)  # #F2C94C
WHITE = (255, 255, 255, 255)
TEXT = "台账"


def main():
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    margin = 16 * SCALE  # transparent edge, as platform icons have
    radius = 96 * SCALE
    d.rounded_rectangle((margin, margin, s - margin, s - margin), radius=radius, fill=RED)
    inset = margin + 22 * SCALE
    d.rounded_rectangle((inset, inset, s - inset, s - inset), radius=radius - 22 * SCALE,
                        outline=GOLD, width=6 * SCALE)

    font = ImageFont.truetype(FONT, 190 * SCALE)
    # Centre on the ink box, not the advance box, so the pair sits visually in the middle.
    left, top, right, bottom = d.textbbox((0, 0), TEXT, font=font)
    x = (s - (right - left)) / 2 - left
    y = (s - (bottom - top)) / 2 - top
    d.text((x, y), TEXT, font=font, fill=WHITE)

    img = img.resize((SIZE, SIZE), Image.LANCZOS)
    img.save(OUT, optimize=True)
    print("%s: %d×%d, %d bytes" % (os.path.basename(OUT), SIZE, SIZE, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
