"""The real window on real screen sizes: the article keeps 55% of the height at every
combination of 界面大小, 字号, zoom and captions, with and without a notice showing, no
toolbar button is hidden, and the window stays inside the screen.

Each screen size runs in its own process (Qt fixes the screen when it starts), on the
offscreen platform with the screen's geometry set by a configuration file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from accessible_reader.ui import theme
from tests.conftest import PROJECT_ROOT

SCREENS = ((1280, 720), (1366, 768), (1280, 800), (1920, 1080))


def _start(
    tmp_path: Path, width: int, height: int, *flags: str, probe: str = "tests.ui.screen_probe"
) -> subprocess.Popen[str]:
    screen = {"name": "probe", "x": 0, "y": 0, "width": width, "height": height}
    screen.update({"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1})
    config = tmp_path / f"screen-{width}x{height}{''.join(flags)}{probe}.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "READER_CONFIG_DIR": str(tmp_path / "config"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", probe, *flags],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    """Every screen measured (the processes run side by side)."""
    tmp_path = tmp_path_factory.mktemp("screens")
    runs = {f"{w}x{h}": _start(tmp_path, w, h) for w, h in SCREENS}
    for width, height in ((1366, 768), (1280, 720)):
        runs[f"kiosk-{width}x{height}"] = _start(tmp_path, width, height, "--kiosk")
    results = {}
    for name, process in runs.items():
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, name
        results[name] = json.loads(output)
    return results


def _label(row: dict[str, object]) -> str:
    keys = (
        "ui_size",
        "font_preset",
        "zoom_percent",
        "captions",
        "caption_pinyin",
        "caption_size",
        "notice",
    )
    return " ".join(str(row[key]) for key in keys)


@pytest.mark.parametrize(
    "screen", [*(f"{w}x{h}" for w, h in SCREENS), "kiosk-1366x768", "kiosk-1280x720"]
)
def test_the_article_keeps_its_share_at_every_setting(
    measured: dict[str, list[dict[str, object]]], screen: str
) -> None:
    rows = measured[screen]
    assert len(rows) > 10
    for row in rows:
        label = _label(row)
        assert row["reading"] >= theme.MIN_READING_FRACTION, label  # type: ignore[operator]
        assert row["notice_inside"], label
        assert row["frame_inside_screen"], label
        assert row["hidden_buttons"] == [], label
        assert row["extension_buttons"] == [], label
        assert row["caption_lines_fit"], label


def test_the_chrome_keeps_the_chosen_size_where_it_fits(
    measured: dict[str, list[dict[str, object]]],
) -> None:
    """At 1920×1080 without captions, 界面大小 is what was chosen, whatever the 字号."""
    for row in measured["1920x1080"]:
        if not row["captions"] and not row["notice"]:
            wanted = theme.chrome_pixels(str(row["ui_size"]))
            assert row["chrome_px"] == wanted, _label(row)
            assert row["icon_only"] is False


def test_big_captions_are_never_smaller_than_the_body_text(
    measured: dict[str, list[dict[str, object]]],
) -> None:
    for screen, rows in measured.items():
        for row in rows:
            if row["captions"] and not row["notice"]:
                body = theme.body_pixels(str(row["font_preset"]), int(str(row["zoom_percent"])))
                caption = theme.caption_pixels(str(row["caption_size"]), body)
                assert row["caption_px"] == caption >= max(body, 48), (screen, _label(row))


BOX_SCREENS = ((1366, 768), (1280, 720))


@pytest.fixture(scope="module")
def message_boxes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """Every message box the window shows, at 特大 + 300% + 界面大小 特大, per screen."""
    tmp_path = tmp_path_factory.mktemp("boxes")
    probe = "tests.ui.message_box_probe"
    runs = {f"{w}x{h}": _start(tmp_path, w, h, probe=probe) for w, h in BOX_SCREENS}
    results = {}
    for name, process in runs.items():
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, name
        results[name] = json.loads(output)
    return results


@pytest.mark.parametrize("screen", [f"{w}x{h}" for w, h in BOX_SCREENS])
def test_every_message_box_fits_the_screen_at_the_chosen_size(
    message_boxes: dict[str, list[dict[str, Any]]], screen: str
) -> None:
    boxes = message_boxes[screen]
    wanted = {"delete", "delete-long", "import", "import-details", "notice"}
    assert {str(box["box"]) for box in boxes} == wanted
    chrome = theme.chrome_pixels("xlarge")
    for box in boxes:
        name = box["box"]
        assert box["fitted"], name
        assert box["inside_screen"], name
        assert box["centred"], name
        assert box["buttons_inside"], name
        assert box["buttons"], name
        assert min(box["button_heights"]) >= 60, name
        assert set(box["button_px"]) == {chrome}, name
        assert box["label_px"] == chrome, name
        assert box["label_wraps"] and box["label_width_inside"], name
        assert box["text_area_inside"], name
        assert all(px == chrome for px in box["detail_px"]), name
    by_name = {box["box"]: box for box in boxes}
    assert by_name["delete-long"]["text_scrolls"]  # a title longer than the screen scrolls
    assert not by_name["delete"]["text_scrolls"]
    for name in ("delete", "delete-long"):
        assert by_name[name]["buttons"] == ["删除", "取消"]
        assert by_name[name]["default"] == by_name[name]["escape"] == "取消"
    assert by_name["import-details"]["detail_px"] == [chrome]
