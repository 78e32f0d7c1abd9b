"""What a screen reader is told: names, roles and states of the controls."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QToolButton

from accessible_reader.config import Settings
from accessible_reader.ui.actions import ACTIONS
from accessible_reader.ui.main_window import ReaderWindow
from accessible_reader.ui.screen_reader_support import VALUE_IN_NAME, current_value

from .conftest import SAMPLE

WindowFactory = Callable[..., ReaderWindow]


def test_reading_view_is_a_named_text_area(make_window: WindowFactory) -> None:
    window = make_window()
    interface = QAccessible.queryAccessibleInterface(window.view)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == "文章正文"
    # Read-only text, not StaticText (which Qt gives a QTextBrowser): Orca calls
    # that a label and reads no line when the focus comes back.
    assert interface.role() == QAccessible.Role.EditableText
    assert interface.state().readOnly and interface.state().focusable
    # The text interface is how a screen reader reads by character, word and line.
    text = interface.textInterface()
    assert text is not None
    assert text.text(0, text.characterCount()).startswith(SAMPLE.title)
    doc_range = window.view.document_range(2, 4, 5)
    assert doc_range is not None
    cursor = window.view.textCursor()
    cursor.setPosition(doc_range[0])
    window.view.setTextCursor(cursor)
    assert text.cursorPosition() == doc_range[0]


def test_toolbar_buttons_say_their_name_and_state(make_window: WindowFactory) -> None:
    window = make_window(Settings(captions=True))
    for spec in (s for s in ACTIONS if s.toolbar):
        button = window.button_for(spec.id)
        assert isinstance(button, QToolButton)
        interface = QAccessible.queryAccessibleInterface(button)
        assert interface is not None
        # Cycling buttons say their current value ("配色：默认"), the others their label.
        value = current_value(spec.id, window.settings)
        expected = (
            f"{VALUE_IN_NAME[spec.id]}：{value}" if spec.id in VALUE_IN_NAME else spec.label_zh
        )
        assert interface.text(QAccessible.Text.Name) == expected
        assert interface.role() in (QAccessible.Role.Button, QAccessible.Role.CheckBox)
        if spec.checked is not None:
            assert interface.state().checkable
            assert bool(interface.state().checked) == spec.checked(window)


def test_notice_is_announced_by_name(make_window: WindowFactory) -> None:
    window = make_window()
    window.open_source("/tmp/bad.html")
    interface = QAccessible.queryAccessibleInterface(window.notice)
    assert interface is not None
    assert "文件是空的" in (
        interface.text(QAccessible.Text.Name) + interface.text(QAccessible.Text.Description)
    )
