"""Our Python translator steps aside while Qt loads a plugin on the GUI thread."""

from __future__ import annotations

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
