"""Colours and sizes: AAA contrast everywhere, presets large enough for elderly readers."""

from __future__ import annotations

import re

import pytest

from accessible_reader.config import FONT_PRESETS, SCHEMES
from accessible_reader.ui import theme


def test_theme_and_settings_list_the_same_schemes_and_presets() -> None:
    assert tuple(theme.SCHEME_TABLE) == SCHEMES
    assert tuple(theme.FONT_PIXELS) == FONT_PRESETS


@pytest.mark.parametrize("name", SCHEMES)
def test_every_text_pair_reaches_7_to_1(name: str) -> None:
    scheme = theme.SCHEME_TABLE[name]
    for what, foreground, background in scheme.text_pairs():
        ratio = theme.contrast_ratio(foreground, background)
        assert ratio >= 7.0, f"{name}: {what} {foreground} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("name", SCHEMES)
def test_focus_colour_stands_out_from_the_background(name: str) -> None:
    scheme = theme.SCHEME_TABLE[name]
    assert theme.contrast_ratio(scheme.focus, scheme.background) >= 3.0
    assert theme.contrast_ratio(scheme.focus, scheme.chrome_background) >= 3.0


def test_colours_are_hex() -> None:
    for scheme in theme.SCHEME_TABLE.values():
        for field in theme.scheme_field_names():
            assert re.fullmatch(r"#[0-9a-f]{6}", getattr(scheme, field)), (scheme.name, field)


def test_contrast_formula_matches_known_values() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is just above 4.5:1.
    assert theme.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_font_presets_meet_the_elderly_minimums() -> None:
    assert theme.FONT_PIXELS["medium"] >= 18
    assert theme.FONT_PIXELS["xlarge"] >= 30
    assert theme.FONT_PIXELS["xlarge"] / theme.FONT_PIXELS["small"] >= 1.8
    assert theme.LINE_HEIGHT_PERCENT >= 150
    assert theme.PARAGRAPH_SPACING_LINES >= 1.3


def test_zoom_scales_the_body_size() -> None:
    assert theme.body_pixels("medium", 100) == theme.FONT_PIXELS["medium"]
    assert theme.body_pixels("medium", 300) == 3 * theme.FONT_PIXELS["medium"]


def test_every_toolbar_glyph_exists_in_the_icon_font(qapp: object) -> None:
    from PySide6.QtGui import QFontMetrics

    from accessible_reader.ui.actions import ACTIONS
    from accessible_reader.ui.icons import icon_font

    metrics = QFontMetrics(icon_font(32))
    for spec in ACTIONS:
        for character in spec.glyph:
            assert metrics.inFontUcs4(ord(character)), f"{spec.id}: {character!r} would be a box"


def test_toolbar_actions_all_have_glyphs() -> None:
    from accessible_reader.ui.actions import ACTIONS

    assert all(spec.glyph for spec in ACTIONS if spec.toolbar)


def test_default_scheme_follows_the_system_high_contrast_setting() -> None:
    assert theme.effective_scheme("default", system_high_contrast=False, system_dark=True).name == (
        "default"
    )
    on_dark = theme.effective_scheme("default", system_high_contrast=True, system_dark=True)
    on_light = theme.effective_scheme("default", system_high_contrast=True, system_dark=False)
    assert (on_dark.name, on_light.name) == ("black-white", "white-black")
    # A scheme the user chose is kept.
    chosen = theme.effective_scheme("blue-yellow", system_high_contrast=True, system_dark=False)
    assert chosen.name == "blue-yellow"
