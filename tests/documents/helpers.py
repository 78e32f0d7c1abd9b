"""Pictures and documents made by the tests themselves: CJK text drawn with the
system's Noto fonts (tools/system-deps.sh installs fonts-noto-cjk)."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FILES = {
    "sans": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
}


@cache
def font_file(kind: str = "sans") -> str:
    """The Noto CJK collection for Hei (sans) or Song (serif) faces."""
    path = FONT_FILES[kind]
    if Path(path).is_file():
        return path
    family = "Noto Sans CJK SC" if kind == "sans" else "Noto Serif CJK SC"
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=False
    ).stdout.strip()
    return found


@cache
def font(size: int, kind: str = "sans") -> ImageFont.FreeTypeFont:
    """The Simplified Chinese face of the collection, at `size` pixels."""
    path = font_file(kind)
    for index in range(10):
        try:
            face = ImageFont.truetype(path, size, index=index)
        except OSError:
            break
        if "SC" in " ".join(str(part) for part in face.getname()):
            return face
    return ImageFont.truetype(path, size)


def draw_lines(
    lines: list[str],
    *,
    size: int = 28,
    width: int = 900,
    kind: str = "sans",
    margin: int = 30,
    spacing: float = 1.6,
) -> Image.Image:
    """Black text on white, one line per entry, like a screenshot of a notice."""
    height = int(margin * 2 + len(lines) * size * spacing)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    face = font(size, kind)
    y = float(margin)
    for line in lines:
        draw.text((margin, y), line, font=face, fill="black")
        y += size * spacing
    return image
