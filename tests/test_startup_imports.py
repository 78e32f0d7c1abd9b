"""Opening the window imports only what its first paint needs.

Each module below once crept into start-up and cost tens of milliseconds before
the article appeared (benchmarks/ui.py measures the time itself).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

DEFERRED = (
    "reader.article.extract",  # the extractor, lxml and bs4: only for opening files
    "reader.article.load",
    "lxml",
    "http.client",
    "reader.commands.extract",
    "reader.speech.narrator",  # speech starts after the first paint
    "reader.ui.speech",
    "reader.ui.caption_panel",  # made when captions are first shown
    "reader.ui.library_view",  # made when the library is first opened
    "reader.ui.settings_dialog",
    "reader.ui.help_dialog",
    "reader.text.pinyin",
    "pypinyin",
    "opencc",
)


def modules_after(code: str) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    ).stdout
    return set(json.loads(output.strip().splitlines()[-1]))


def test_building_the_window_and_its_welcome_page_loads_no_deferred_module() -> None:
    loaded = modules_after(
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from reader.cli import _window_parser\n"
        "_window_parser().parse_args([])\n"
        "from reader.kiosk.config import resolve_kiosk\n"
        "from reader.article.welcome import load_welcome\n"
        "from reader.config import Settings\n"
        "from reader.ui.main_window import ReaderWindow\n"
        "window = ReaderWindow(Settings(), settings_path=None,\n"
        "    load_source=lambda s: load_welcome(), load_welcome=load_welcome)\n"
        "window.open_welcome()\n"
    )
    assert "reader.ui.main_window" in loaded  # the probe did build the window
    assert sorted(loaded & set(DEFERRED)) == []


def test_the_deferred_parts_load_when_asked_for() -> None:
    loaded = modules_after(
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from reader.article.welcome import load_welcome\n"
        "from reader.config import Settings\n"
        "from reader.ui.main_window import ReaderWindow\n"
        "window = ReaderWindow(Settings(captions=True), settings_path=None,\n"
        "    load_source=lambda s: load_welcome(), load_welcome=load_welcome)\n"
        "window.open_welcome()\n"
        "window.speech\n"
        "window.library_view\n"
    )
    assert {"reader.ui.speech", "reader.ui.caption_panel", "reader.ui.library_view"} <= loaded
