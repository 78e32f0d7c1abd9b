"""Our Python translator steps aside while Qt loads a plugin on the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from accessible_reader.ui import translations


def test_the_python_translator_is_paused_and_comes_back(qapp: QApplication) -> None:
    assert translations.follow_variant("zh-Hans")
    gap = translations.GAPS["zh_CN"][("QFileDialog", "&Look in:")]
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == gap
    with translations.python_translators_paused():
        assert QCoreApplication.translate("QFileDialog", "&Look in:") != gap
        assert QCoreApplication.translate("QFileDialog", "Open") == "打开"  # C++ catalogue
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == gap


LOAD_MULTIMEDIA = r"""
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from accessible_reader.ui import translations

app = QApplication([])
calls = []
original = translations._Gaps.translate
def spying(self, context, source, disambiguation=None, n=-1):
    calls.append(context)
    return original(self, context, source, disambiguation, n)
translations._Gaps.translate = spying
translations.follow_variant("zh-Hans")
assert QCoreApplication.translate("QFileDialog", "&Look in:") and "QFileDialog" in calls
calls.clear()
assert "PySide6.QtMultimedia" not in sys.modules
import accessible_reader.ui.audio_sink  # loads libQt6Multimedia (its initialisers translate)
print(" ".join(calls) or "-")
"""


def test_loading_qt_multimedia_never_calls_into_python_translators(tmp_path: Path) -> None:
    """libQt6Multimedia translates from its static initialisers inside dlopen, with the
    loader's lock held; a Python translator there needs the GIL, which a worker thread
    importing an extension module holds while waiting for that lock: a deadlock seen
    in the real window (the page given on the command line never opened). The import
    runs in a fresh interpreter, where QtMultimedia is not loaded yet."""
    script = tmp_path / "load_multimedia.py"
    script.write_text(LOAD_MULTIMEDIA, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    # QLibrary's message is what the library's initialisers ask for inside dlopen
    # (reinstalling the translator afterwards asks QGuiApplication's direction: fine).
    asked = result.stdout.split()
    assert asked, result.stdout
    assert "QLibrary" not in asked, "a Python translator ran inside the dlopen"
