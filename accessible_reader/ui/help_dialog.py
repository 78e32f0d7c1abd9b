"""帮助 (F1): every action with its key, generated from the registry so it never lies."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from accessible_reader.ui.actions import ACTIONS
from accessible_reader.ui.dialog_fit import fit_dialog


def help_rows(actions: dict[str, QAction]) -> list[tuple[str, str, str]]:
    """(label, key, description) for each action, with the key actually bound."""
    rows = []
    for spec in ACTIONS:
        action = actions.get(spec.id)
        sequence = action.shortcut() if action is not None else QKeySequence(spec.shortcut)
        key = sequence.toString(QKeySequence.SequenceFormat.NativeText) or "—"
        rows.append((spec.label_zh, key, spec.description_zh))
    return rows


class HelpDialog(QDialog):
    """A readable table of functions and keys; Esc or Enter closes it."""

    def __init__(
        self,
        parent: QWidget | None,
        actions: dict[str, QAction],
        interface: Callable[[str], str] = str,
    ) -> None:
        super().__init__(parent)
        self.resize(900, 640)
        self.text = QTextBrowser(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self._close = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.refresh(actions, interface)
        fit_dialog(self, QSize(900, 640))  # never taller than the screen

    def refresh(self, actions: dict[str, QAction], interface: Callable[[str], str]) -> None:
        """Show the keys as bound now, in the interface's script (the window keeps
        one dialog and refreshes it for each F1)."""
        self.setWindowTitle(interface("帮助 — 功能和快捷键"))
        self.setAccessibleName(interface("帮助"))
        self.text.setAccessibleName(interface("功能和快捷键列表"))
        body = "".join(
            f"<tr><td>{escape(label)}</td><td><b>{escape(key)}</b></td><td>{escape(desc)}</td></tr>"
            for label, key, desc in help_rows(actions)
        )
        self.text.setHtml(
            interface(
                "<h2>功能和快捷键</h2>"
                "<p>所有功能都可以只用键盘完成。Tab 键在工具条按钮之间移动，方向键移动光标。</p>"
                "<table border='1' cellpadding='6' cellspacing='0'>"
                "<tr><th>功能</th><th>按键</th><th>说明</th></tr>"
                f"{body}</table>"
            )
        )
        self._close.setText(interface("关闭"))
        self._close.setAccessibleName(interface("关闭帮助"))
        self.text.setFocus()
