"""The application's desktop id, icon and Qt's own strings in Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from accessible_reader.ui import app_identity

pytestmark = pytest.mark.gui


@pytest.fixture
def no_translators(qapp: QApplication) -> object:
    yield qapp
    while app_identity._installed:
        QCoreApplication.removeTranslator(app_identity._installed.pop())


def test_standard_buttons_speak_chinese(no_translators: QApplication) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert app_identity.install_qt_translations(no_translators, "zh")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "关闭"


def test_english_keeps_qt_in_english(no_translators: QApplication) -> None:
    assert not app_identity.install_qt_translations(no_translators, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_catalogue_is_found_in_the_wheel_layout() -> None:
    folders = app_identity.translation_folders()
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in folders)


def test_apply_sets_the_desktop_id_and_the_icon(no_translators: QApplication) -> None:
    app_identity.apply(no_translators)
    assert QGuiApplication.desktopFileName() == "io.github.accessible_reader"
    assert not no_translators.windowIcon().isNull()
    assert 16 in [size.width() for size in no_translators.windowIcon().availableSizes()]
