"""Measures the real window on one screen size (run in its own process, because a
screen's size is fixed when Qt starts): every combination of 界面大小, 字号, zoom,
captions and notice, maximised as on first start. Prints JSON.

    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.ui.screen_probe
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from accessible_reader.config import CAPTION_SIZES, FONT_PRESETS, UI_SIZES, Settings
from accessible_reader.ui.caption_panel import CaptionPanel
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.window_geometry import show_remembered
from tests.ui.conftest import SAMPLE, silent_engine

ZOOMS = (100, 200, 300)
CAPTIONS = ("off", "on", "pinyin")


def measure(window: ReaderWindow) -> dict[str, object]:
    """Reading-area share, what the chrome got to, and whether every button is on screen."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()
    frame = window.rect()
    hidden = []
    for toolbar in window.toolbars:
        for action in toolbar.actions():
            button = toolbar.widgetForAction(action)
            if not action.isVisible():
                continue
            if not isinstance(button, QToolButton) or not button.isVisible():
                hidden.append(action.objectName())
                continue
            top_left = button.mapTo(window, button.rect().topLeft())
            bottom_right = button.mapTo(window, button.rect().bottomRight())
            if not (frame.contains(top_left) and frame.contains(bottom_right)):
                hidden.append(action.objectName())
    extensions = [
        button.objectName()
        for toolbar in window.toolbars
        for button in toolbar.findChildren(QToolButton, "qt_toolbar_ext_button")
        if button.isVisible()
    ]
    screen = window.screen().availableGeometry()
    fit = window.chrome_fit.fit
    dock = window.caption_dock()
    captions = dock if isinstance(dock, CaptionPanel) else None
    return {
        "reading": window.view.height() / window.height(),
        "window": [window.width(), window.height()],
        "frame_inside_screen": screen.contains(window.frameGeometry()),
        "chrome_px": fit.chrome_px if fit else None,
        "icon_only": fit.icon_only if fit else None,
        "rows": len({toolbar.y() for toolbar in window.toolbars}),
        "hidden_buttons": hidden,
        "extension_buttons": extensions,
        "caption_px": captions.view.fitted_px if captions and captions.isVisible() else None,
        "caption_height": captions.height() if captions and captions.isVisible() else 0,
        "notice_one_line": window.notice.one_line,
        "notice_inside": _inside(window.notice, window),
        "caption_lines_fit": (
            captions.view.height() >= captions.view.line_height()
            if captions and captions.isVisible()
            else True
        ),
    }


def _inside(widget: QWidget, window: ReaderWindow) -> bool:
    """Hidden, or wholly on the window."""
    if not widget.isVisible():
        return True
    return window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


SENTENCE = "为方便老年人阅读，全区政府网站于2024年10月18日起提供大字版。"
NOTICE = "最近阅读：《关于开展适老化改造工作的通知》。按 Ctrl+L 打开文章库。"
SECOND_NOTICE = "没有找到音频输出设备：朗读时只移动高亮，不发声。"


def combinations(full: bool) -> list[dict[str, object]]:
    """Settings to measure: all of them with --full, else the corners (each 界面大小
    with the smallest and the largest article and captions, and a middle case)."""
    product: Iterable[tuple[str, str, int, str, str]]
    if full:
        product = itertools.product(UI_SIZES, FONT_PRESETS, ZOOMS, CAPTIONS, CAPTION_SIZES)
    else:
        corners = [
            ("medium", 100, "off", "large"),
            ("xlarge", 300, "off", "large"),
            ("xlarge", 300, "pinyin", "huge"),
            ("large", 200, "on", "xlarge"),
        ]
        product = ((ui, *corner) for ui in UI_SIZES for corner in corners)
    chosen = []
    for ui_size, preset, zoom, captions, caption_size in product:
        if captions == "off" and caption_size != "large":
            continue
        chosen.append(
            {
                "ui_size": ui_size,
                "font_preset": preset,
                "zoom_percent": zoom,
                "captions": captions != "off",
                "caption_pinyin": captions == "pinyin",
                "caption_size": caption_size,
            }
        )
    return chosen


def main(argv: list[str]) -> int:
    kiosk = "--kiosk" in argv
    if QApplication.instance() is None:
        _app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        window = ReaderWindow(
            Settings(),
            settings_path=Path(folder) / "settings.json",
            load_source=lambda _source: SAMPLE,
            load_welcome=lambda: SAMPLE,
            engine_factory=silent_engine,
            kiosk=kiosk,
        )
        window.show_article(SAMPLE)
        show_remembered(window, ())
        results = []
        for settings in combinations("--full" in argv):
            window.update_settings(**settings)
            if settings["captions"]:
                window.show_caption(SENTENCE)
            results.append({**settings, "notice": False, **measure(window)})
            # A notice is not a setting, but it takes room too: each combination again
            # with the longest notice start-up can leave (two of them, one per line).
            window.show_notice(NOTICE)
            window.add_notice(SECOND_NOTICE)
            results.append({**settings, "notice": True, **measure(window)})
            window.hide_notice()
        window.allow_exit()
        window.close()
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
