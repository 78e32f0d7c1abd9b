"""The application's desktop id and icon; Qt's own strings in Chinese from the files
that the wheel and the frozen build carry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from accessible_reader.ui import app_identity, translations

pytestmark = pytest.mark.gui


@pytest.fixture
def no_translators(qapp: QApplication) -> Iterator[QApplication]:
    """Starts and ends with none of our translators installed."""

    def clear() -> None:
        while translations._installed:
            QCoreApplication.removeTranslator(translations._installed.pop())
        translations._locale = None

    clear()
    yield qapp
    clear()


def test_standard_buttons_speak_chinese(no_translators: QApplication) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert translations.follow_variant("zh-Hans")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"


def test_english_keeps_qt_in_english(
    no_translators: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_LANG", "en")
    assert not translations.follow_variant("zh-Hans")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_catalogue_is_found_in_the_wheel_layout() -> None:
    folders = translations.translation_folders()
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in folders)


def test_apply_sets_the_desktop_id_and_the_icon(no_translators: QApplication) -> None:
    app_identity.apply(no_translators)
    assert QGuiApplication.desktopFileName() == "io.github.accessible_reader"
    assert not no_translators.windowIcon().isNull()
    assert 16 in [size.width() for size in no_translators.windowIcon().availableSizes()]
