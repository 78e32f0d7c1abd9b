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
    "accessible_reader.article.extract",  # the extractor, lxml and bs4: only for opening files
    "accessible_reader.article.load",
    "lxml",
    "http.client",
    "accessible_reader.commands.extract",
    "accessible_reader.speech.narrator",  # speech starts after the first paint
    "accessible_reader.ui.speech",
    "accessible_reader.ui.caption_panel",  # made when captions are first shown
    "accessible_reader.ui.library_view",  # made when the library is first opened
    "accessible_reader.ui.settings_dialog",
    "accessible_reader.ui.help_dialog",
    "accessible_reader.text.pinyin",
    "pypinyin",
    "opencc",
    "tomlkit",  # only `kiosk set-pin` writes the kiosk file
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
        "from accessible_reader.cli import _window_parser\n"
        "_window_parser().parse_args([])\n"
        "from accessible_reader.kiosk.config import resolve_kiosk\n"
        "from accessible_reader.article.welcome import load_welcome\n"
        "from accessible_reader.config import Settings\n"
        "from accessible_reader.ui.main_window import ReaderWindow\n"
        "window = ReaderWindow(Settings(), settings_path=None,\n"
        "    load_source=lambda s: load_welcome(), load_welcome=load_welcome)\n"
        "window.open_welcome()\n"
    )
    assert "accessible_reader.ui.main_window" in loaded  # the probe did build the window
    assert sorted(loaded & set(DEFERRED)) == []


def test_the_deferred_parts_load_when_asked_for() -> None:
    loaded = modules_after(
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from accessible_reader.article.welcome import load_welcome\n"
        "from accessible_reader.config import Settings\n"
        "from accessible_reader.ui.main_window import ReaderWindow\n"
        "window = ReaderWindow(Settings(captions=True), settings_path=None,\n"
        "    load_source=lambda s: load_welcome(), load_welcome=load_welcome)\n"
        "window.open_welcome()\n"
        "window.speech\n"
        "window.library_view\n"
    )
    assert {
        "accessible_reader.ui.speech",
        "accessible_reader.ui.caption_panel",
        "accessible_reader.ui.library_view",
    } <= loaded
