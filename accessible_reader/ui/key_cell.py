"""One cell of the shortcut table: shows a key, records a new one only when asked.

A bare QKeySequenceEdit records whatever is pressed while it has the focus, so a
keyboard user arrowing through the table silently made "Up" a key. Here the cell is
a button named like "朗读：Space"; Enter (or a click) starts recording, the next key
pressed is the new key, and Escape cancels recording (a second Escape, with nothing
being recorded, closes the dialog as everywhere else).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QKeySequenceEdit, QPushButton, QWidget

from accessible_reader import i18n
from accessible_reader.i18n import N_

NO_KEY = N_("无")


class KeyCell(QWidget):
    """A key shown on a button; `edit` holds the key and records a new one."""

    recorded = Signal()
    """A new key was recorded (not emitted on cancel)."""
    recording_changed = Signal(bool)

    def __init__(
        self,
        label: str,
        key: QKeySequence,
        parent: QWidget | None = None,
        interface: i18n.Translate = i18n.SOURCE_TEXT,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._t = interface
        self._before = QKeySequence(key)
        self._recording = False
        self.button = QPushButton(self)
        self.button.setAutoDefault(False)  # Enter starts recording, not OK
        self.button.clicked.connect(self.start_recording)
        self.button.installEventFilter(self)
        self.edit = QKeySequenceEdit(key, self)
        self.edit.setMaximumSequenceLength(1)
        self.edit.setClearButtonEnabled(True)
        self.edit.hide()
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._finish)
        self.edit.keySequenceChanged.connect(lambda _sequence: self._show_key())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.button)
        self._show_key()

    @property
    def recording(self) -> bool:
        return self._recording

    def key_text(self) -> str:
        text = self.edit.keySequence().toString(QKeySequence.SequenceFormat.NativeText)
        return text or self._t(NO_KEY)

    def _show_key(self) -> None:
        text = self.key_text()
        self.button.setText(text)
        self.button.setAccessibleName(self._t("{label}：{key}", label=self._label, key=text))
        self.button.setAccessibleDescription(
            self._t("按回车键后按下新的按键；Esc 取消；Delete 删除按键")
        )
        self.edit.setAccessibleName(self._t("{label}：请按下新的按键，Esc 取消", label=self._label))

    def start_recording(self) -> None:
        """Enter or a click: the next key pressed becomes this action's key."""
        self._before = QKeySequence(self.edit.keySequence())
        self._recording = True
        self.button.hide()
        self.edit.show()
        self.edit.clear()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.recording_changed.emit(True)

    def cancel_recording(self) -> None:
        """Escape while recording: the key stays what it was."""
        self.edit.setKeySequence(self._before)
        self._stop()

    def _finish(self) -> None:
        if not self._recording:
            return
        if self.edit.keySequence().isEmpty():
            self.edit.setKeySequence(self._before)  # focus left without a key
            self._stop()
            return
        self._stop()
        self.recorded.emit()

    def _stop(self) -> None:
        self._recording = False
        self.edit.hide()
        self.button.show()
        self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_key()
        self.recording_changed.emit(False)

    def clear_key(self) -> None:
        """Delete or Backspace on the cell: the action keeps no key."""
        self.edit.clear()
        self.recorded.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.button
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_key()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.start_recording()  # not the dialog's OK
                return True
        escape = (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        )
        if escape and event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if escape and event.type() == QEvent.Type.KeyPress:
            self.cancel_recording()
            return True
        return False
