"""The application icon: every hicolor size is there, rendered from the SVG sources as they
are now, and it stays readable at 16 px and in high contrast."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import render_icons

pytestmark = pytest.mark.gui


def pixels(path: Path) -> list[tuple[int, int, int, int]]:
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(path))
    return [
        QColor.fromRgba(image.pixel(x, y)).getRgb()  # type: ignore[misc]
        for y in range(image.height())
        for x in range(image.width())
    ]


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_size_from_16_to_512_is_there(qapp: object) -> None:
    from PySide6.QtGui import QImage

    for size in render_icons.HICOLOR_SIZES:
        image = QImage(str(render_icons.hicolor_png(size)))
        assert (image.width(), image.height()) == (size, size)
    assert min(render_icons.HICOLOR_SIZES) == 16 and max(render_icons.HICOLOR_SIZES) == 512


def test_the_pngs_are_rendered_from_the_svgs_as_they_are(qapp: object) -> None:
    from PySide6.QtGui import QImage

    def far(a: int, b: int) -> bool:
        # Another Qt release may round anti-aliased edges a little differently.
        return any(abs(((a >> s) & 255) - ((b >> s) & 255)) > 24 for s in (0, 8, 16, 24))

    for size in render_icons.HICOLOR_SIZES:
        fresh = render_icons.render(size)
        saved = QImage(str(render_icons.hicolor_png(size))).convertToFormat(fresh.format())
        differing = sum(
            far(fresh.pixel(x, y), saved.pixel(x, y)) for y in range(size) for x in range(size)
        )
        assert differing <= size * size // 100, (
            f"{size} px differs from the SVG: run tools/render_icons.py"
        )


def test_at_16_px_the_drawing_has_contrast_and_is_not_a_smudge(qapp: object) -> None:
    opaque = [p[:3] for p in pixels(render_icons.hicolor_png(16)) if p[3] == 255]
    dark = [p for p in opaque if luminance(p) < 0.05]
    light = [p for p in opaque if luminance(p) > 0.6]
    # Black on the portals' yellow: a contrast ratio far above WCAG AAA's 7:1.
    assert (max(map(luminance, light)) + 0.05) / (min(map(luminance, dark)) + 0.05) > 14
    # Both colours cover a real share of the tile: the book and the rim are not lost.
    assert len(dark) >= 60 and len(light) >= 30
    # Small sizes use the simpler drawing.
    assert render_icons.source_for(16) == render_icons.SMALL_SOURCE
    assert render_icons.source_for(48) == render_icons.SOURCE


def test_the_windows_icon_holds_every_size_up_to_256(qapp: object) -> None:
    from PySide6.QtGui import QImage

    data = render_icons.ICO.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        side = width or 256
        assert width == height and planes == 1 and bits == 32
        assert offset + length <= len(data)
        entry = data[offset : offset + length]
        if side == 256:
            assert entry[:8] == b"\x89PNG\r\n\x1a\n"
        else:  # BITMAPINFOHEADER, twice the height (colour rows, then the AND mask)
            size, dib_width, dib_height, _, dib_bits = struct.unpack("<IiiHH", entry[:16])
            assert (size, dib_width, dib_height, dib_bits) == (40, side, 2 * side, 32)
            mask_stride = ((side + 31) // 32) * 4
            assert length == 40 + side * side * 4 + side * mask_stride
            # The centre is opaque and coloured as in the PNG; the AND mask hides exactly
            # the fully transparent pixels (checked on the bottom-left corner).
            png = QImage(str(render_icons.hicolor_png(side)))
            centre = 40 + ((side // 2) * side + side // 2) * 4
            _blue, green, red, alpha = entry[centre : centre + 4]
            expected = png.pixelColor(side // 2, side - 1 - side // 2)
            assert alpha == 255 == expected.alpha()
            assert abs(red - expected.red()) <= 1 and abs(green - expected.green()) <= 1
            corner_alpha, corner_mask = entry[40 + 3], entry[40 + side * side * 4] & 0x80
            assert (corner_alpha == 0) == bool(corner_mask)
        sizes.append(side)
    assert sorted(sizes) == list(render_icons.ICO_SIZES)


def test_the_window_uses_the_same_files(qapp: object) -> None:
    from accessible_reader.ui import app_identity

    files = app_identity.icon_files()
    assert files == [render_icons.hicolor_png(size) for size in render_icons.HICOLOR_SIZES]
    icon = app_identity.app_icon()
    assert not icon.isNull()
    assert [s.width() for s in icon.availableSizes()] == list(render_icons.HICOLOR_SIZES)
