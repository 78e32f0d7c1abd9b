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
- packaging/windows/accessible-reader.ico (16–256, PNG-compressed entries, Vista and later).
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
    if not image.save(buffer, b"PNG"):
        raise SystemExit("render_icons: PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG per size (the format allows PNG entries since Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries = b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(pngs[size] for size in sizes)


def hicolor_png(size: int) -> Path:
    return HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    rendered = {size: png_bytes(render(size)) for size in {*HICOLOR_SIZES, *ICO_SIZES}}
    for size in HICOLOR_SIZES:
        target = hicolor_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rendered[size])
    ICO.parent.mkdir(parents=True, exist_ok=True)
    ICO.write_bytes(ico_bytes({size: rendered[size] for size in ICO_SIZES}))
    del app
    print(f"render_icons: {len(HICOLOR_SIZES)} hicolor PNGs and {ICO.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
