"""What the eye sees: rendered colours match each scheme, presets really grow the glyphs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.config import SCHEMES
from accessible_reader.ui import theme
from accessible_reader.ui.reading_view import ReadingView, ViewStyle

ONE_LINE = Article(title="", blocks=(Block(BlockKind.PARAGRAPH, "阅读器" * 3),))


def render(qtbot: QtBot, scheme: theme.Scheme, body_px: int) -> QImage:
    view = ReadingView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show_article(ONE_LINE, ViewStyle(body_px=body_px, scheme=scheme))
    view.show()
    qtbot.waitExposed(view)
    view.clearFocus()
    return view.viewport().grab().toImage()


def colour_counts(image: QImage) -> dict[str, int]:
    counts: dict[str, int] = {}
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            name = QColor(image.pixel(x, y)).name()
            counts[name] = counts.get(name, 0) + 1
    return counts


def ink_height(image: QImage, ink: str) -> int:
    rows = [
        y
        for y in range(image.height())
        if any(QColor(image.pixel(x, y)).name() == ink for x in range(0, image.width(), 1))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize("name", SCHEMES)
def test_rendered_colours_are_the_schemes(qtbot: QtBot, name: str) -> None:
    scheme = theme.SCHEME_TABLE[name]
    counts = colour_counts(render(qtbot, scheme, 32))
    background = max(counts, key=lambda colour: counts[colour])
    assert background == scheme.background
    assert counts.get(scheme.text, 0) > 20, f"no {scheme.text} text pixels in {name}"


def test_largest_preset_glyphs_are_at_least_1_8_times_the_smallest(qtbot: QtBot) -> None:
    scheme = theme.SCHEME_TABLE["white-black"]
    small = ink_height(render(qtbot, scheme, theme.FONT_PIXELS["small"]), scheme.text)
    large = ink_height(render(qtbot, scheme, theme.FONT_PIXELS["xlarge"]), scheme.text)
    assert small > 0
    assert large / small >= 1.8, (small, large)
