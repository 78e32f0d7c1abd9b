"""The shortcut table of 设置: every action and its key; a new key only when asked.

A table of plain text cells, filled into its model before the view sees it. The
first design gave each row a button and a hidden QKeySequenceEdit (68 rows): making
them sent about 600 AT-SPI events before the dialog was on screen, and Orca 43,
which asks the bus about each one, said nothing for 12 s after Ctrl+, (heard with
tools/orca_hear.sh). Arrowing through the table never records a key (a bare
QKeySequenceEdit made "Up" a key that way); Enter, F2 or a double click opens a
small dialog that records the next key pressed, Escape cancels it, and Delete or
Backspace on a row leaves the action without a key.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import i18n
from accessible_reader.i18n import N_
from accessible_reader.ui.dialog_fit import fit_dialog

NO_KEY = N_("无")
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
"""The action id, kept on each row's first cell."""


class KeyTable(QTableView):
    """Rows of (function, key); `key(action_id)` is the key as edited."""

    recorded = Signal(str)
    """The action id whose key was recorded or deleted (not on cancel)."""

    def __init__(
        self,
        rows: list[tuple[str, str, QKeySequence]],
        parent: QWidget | None = None,
        interface: i18n.Translate = i18n.SOURCE_TEXT,
    ) -> None:
        """`rows`: (action id, its label already in the interface's script, key)."""
        super().__init__(parent)
        self._t = interface
        self._keys: dict[str, QKeySequence] = {}
        self._rows: dict[str, int] = {}
        self._labels: dict[str, str] = {}
        model = QStandardItemModel(len(rows), 2)
        model.setHorizontalHeaderLabels([interface("功能"), interface("按键")])
        for row, (action_id, label, key) in enumerate(rows):
            self._keys[action_id] = QKeySequence(key)
            self._rows[action_id] = row
            self._labels[action_id] = label
            name = QStandardItem(label)
            name.setData(action_id, ACTION_ROLE)
            name.setEditable(False)
            model.setItem(row, 0, name)
            cell = QStandardItem()
            cell.setEditable(False)
            model.setItem(row, 1, cell)
            self._show(action_id, cell)
        self._model = model
        self.setModel(model)  # after filling: one model reset, not a signal per cell
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setAccessibleName(interface("快捷键列表"))
        self.setAccessibleDescription(
            interface("按回车键后按下新的按键；Esc 取消；Delete 删除按键")
        )
        self.doubleClicked.connect(lambda index: self.record(self.action_at(index.row())))
        if rows:
            self.setCurrentIndex(model.index(0, 1))

    # -- keys ---------------------------------------------------------------------

    def action_ids(self) -> list[str]:
        return list(self._keys)

    def key(self, action_id: str) -> QKeySequence:
        return QKeySequence(self._keys[action_id])

    def set_key(self, action_id: str, key: QKeySequence) -> None:
        self._keys[action_id] = QKeySequence(key)
        cell = self._model.item(self._rows[action_id], 1)
        if cell is not None:
            self._show(action_id, cell)

    def key_text(self, action_id: str) -> str:
        text = self._keys[action_id].toString(QKeySequence.SequenceFormat.NativeText)
        return text or self._t(NO_KEY)

    def spoken(self, action_id: str) -> str:
        """What a screen reader says on the key cell: "朗读：Space"."""
        return self._t(
            "{label}：{key}", label=self._labels[action_id], key=self.key_text(action_id)
        )

    def _show(self, action_id: str, cell: QStandardItem) -> None:
        cell.setText(self.key_text(action_id))
        cell.setData(self.spoken(action_id), Qt.ItemDataRole.AccessibleTextRole)

    def action_at(self, row: int) -> str:
        item = self._model.item(row, 0)
        value = item.data(ACTION_ROLE) if item is not None else None
        return str(value)

    def current_action(self) -> str | None:
        index: QModelIndex = self.currentIndex()
        return self.action_at(index.row()) if index.isValid() else None

    # -- recording ------------------------------------------------------------------

    def record(self, action_id: str) -> bool:
        """Ask for the next key pressed; True if one was recorded."""
        recorder = KeyRecorder(self._labels[action_id], self, self._t)
        try:
            if recorder.exec() != QDialog.DialogCode.Accepted or recorder.key().isEmpty():
                return False
            self.set_key(action_id, recorder.key())
        finally:
            recorder.deleteLater()
        self.recorded.emit(action_id)
        return True

    def clear_key(self, action_id: str) -> None:
        self.set_key(action_id, QKeySequence())
        self.recorded.emit(action_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action_id = self.current_action()
        if action_id is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.record(action_id)  # not the dialog's OK
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clear_key(action_id)
                return
        super().keyPressEvent(event)


class KeyRecorder(QDialog):
    """ "朗读：请按下新的按键，Esc 取消": the next key pressed is the result."""

    def __init__(self, label: str, parent: QWidget, interface: i18n.Translate) -> None:
        super().__init__(parent)
        prompt = interface("{label}：请按下新的按键，Esc 取消", label=label)
        self.setWindowTitle(interface("设置按键"))
        self.setAccessibleName(prompt)
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.edit = QKeySequenceEdit(self)
        self.edit.setMaximumSequenceLength(1)
        self.edit.setAccessibleName(prompt)
        self.edit.installEventFilter(self)
        self.prompt.setBuddy(self.edit)
        self.edit.editingFinished.connect(self._finished)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.edit)
        fit_dialog(self, QSize(560, 200))  # the prompt on one line where it fits
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def key(self) -> QKeySequence:
        return self.edit.keySequence()

    def _finished(self) -> None:
        if not self.edit.keySequence().isEmpty():
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A bare Escape cancels; the edit would record it as the new key."""
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
            self.reject()
            return True
        return False
