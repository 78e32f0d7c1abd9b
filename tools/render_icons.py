"""Render the application icon's PNGs (and the Windows .ico) from the SVG sources.

Run after changing packaging/icons/*.svg: ``QT_QPA_PLATFORM=offscreen .venv/bin/python
tools/render_icons.py``. Qt's own SVG renderer (QtSvg, in PySide6-Essentials) is used, so no
system tool is needed and the output is the same wherever the pinned PySide6 is; a test
re-renders and compares. Sizes of 32 px and below use the simpler ``-small`` drawing.

Output:
- accessible_reader/resources/icons/hicolor/<n>x<n>/apps/io.github.accessible_reader.png
  (16–512), laid out as the freedesktop icon theme wants them: the program sets them as its
  window icon (Windows title bar and taskbar, X11 without an installed theme icon), and the
  Linux bundle's install.sh copies the same files, with the SVGs, into share/icons/hicolor;
- packaging/windows/accessible-reader.ico (16–256: DIB entries, and PNG at 256 px).
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "packaging" / "icons"
APP_ID = "io.github.accessible_reader"
SOURCE = ICONS / f"{APP_ID}.svg"
SMALL_SOURCE = ICONS / f"{APP_ID}-small.svg"
SYMBOLIC_SOURCE = ICONS / f"{APP_ID}-symbolic.svg"
HICOLOR = ROOT / "accessible_reader" / "resources" / "icons" / "hicolor"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SMALL_MAX = 32
ICO = ROOT / "packaging" / "windows" / "accessible-reader.ico"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def source_for(size: int) -> Path:
    """The drawing for a pixel size: the simpler one at 32 px and below."""
    return SMALL_SOURCE if size <= SMALL_MAX else SOURCE


def render(size: int) -> QImage:
    """The icon at `size`×`size` pixels, transparent outside the tile."""
    renderer = QSvgRenderer(str(source_for(size)))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {source_for(size)}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # str works, bytes not
        raise SystemExit("render_icons: PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An icon entry as a classic DIB: 32-bit BGRA rows bottom-up, then the 1-bit AND mask.
    Every Windows tool reads these; PNG entries are kept for 256 px, as Windows' own are."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        pixels = [argb.pixel(x, y) for x in range(size)]
        rows.append(b"".join(struct.pack("<I", pixel) for pixel in pixels))  # B, G, R, A
        bits = bytearray(mask_stride)
        for x, pixel in enumerate(pixels):
            if pixel >> 24 == 0:  # fully transparent: masked out
                bits[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(bits))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows .ico: DIB entries up to 128 px, a PNG entry at 256 px (Vista and later)."""
    sizes = sorted(images)
    entries_data = [png_bytes(images[s]) if s >= 256 else dib_bytes(images[s]) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size, data in zip(sizes, entries_data, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(entries_data)


def hicolor_png(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(size) for size in {*HICOLOR_SIZES, *ICO_SIZES}}
    for size in HICOLOR_SIZES:
        target = hicolor_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png_bytes(images[size]))
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    del app
    print(f"render_icons: {len(HICOLOR_SIZES)} hicolor PNGs and {ICO.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
