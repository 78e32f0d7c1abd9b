"""Keys that belong to the focused control, not to the window's reading shortcuts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
)

CONTROL_KEYS = frozenset(
    {Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down}
)
"""Keys that reading shortcuts use but that buttons, lists and combo boxes need."""

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
"""With one of these held, an arrow or Space is a command (字号, paragraphs), not the
control's own key."""

ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
"""Enter opens the attachment at the reading view's caret (actions.py), but a focused
button, list, combo box or text field keeps it (the library list opens its article)."""


class ControlKeys(QObject):
    """Space on a focused button presses it; arrows in a list move in the list.

    The reading shortcuts (Space = read, ←/→ = sentences) are window-wide; without
    this, they would take those keys away from the control that has the focus.
    Installed on the application, so it sees every event: the window installs it
    once the article is painted (no key can come before).
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            focus = QApplication.focusWidget()
            controls = (QAbstractButton, QComboBox, QAbstractItemView)
            # Alt+↑ is 放大 on a button, but opens a combo box's list (Qt's own key).
            bare = not event.modifiers() & _COMMAND_MODIFIERS or isinstance(focus, QComboBox)
            if bare and event.key() in CONTROL_KEYS and isinstance(focus, controls):
                event.accept()  # the key goes to the control, not to a shortcut
            elif event.key() in ENTER_KEYS and isinstance(focus, (*controls, QLineEdit)):
                event.accept()
        return False
