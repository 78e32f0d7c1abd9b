"""帮助 (F1): every action with its key, generated from the registry so it never lies."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextEdit, QVBoxLayout, QWidget

from accessible_reader import i18n
from accessible_reader.i18n import N_
from accessible_reader.ui.actions import ACTIONS, MENUS
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


def help_lines(
    actions: dict[str, QAction], interface: i18n.Translate = i18n.SOURCE_TEXT
) -> list[tuple[str, list[str]]]:
    """(menu title, lines) in menu order: one line per action, "朗读：按键 Space。连读：…",
    so that arrowing down reads one function with its key at a time."""
    ui = interface if isinstance(interface, i18n.Interface) else i18n.current()
    titles = dict(MENUS)
    groups: dict[str, list[str]] = {}
    for spec, (label, key, description) in zip(ACTIONS, help_rows(actions), strict=True):
        group = spec.menu.split("/")[0] if spec.menu else ""
        key_text = ui("按键 {key}", key=key) if key != "—" else ui("没有快捷键")
        line = ui(
            "{label}：{key}。{description}", label=label, key=key_text, description=description
        )
        groups.setdefault(group, []).append(line)
    titles[""] = N_("其他")
    order = [path for path, _title in MENUS if "/" not in path] + [""]
    return [(ui(titles[path]), groups[path]) for path in order if path in groups]


class HelpDialog(QDialog):
    """Functions and keys, one per line, with a keyboard caret to read them by line;
    Esc or Enter closes it."""

    def __init__(
        self,
        parent: QWidget | None,
        actions: dict[str, QAction],
        interface: i18n.Translate = i18n.SOURCE_TEXT,
    ) -> None:
        super().__init__(parent)
        self.resize(900, 640)
        # A read-only QTextEdit, not a QTextBrowser: Qt gives a browser the role
        # StaticText (a "label" to Orca, a UIA Text to NVDA, read as one block).
        self.text = QTextEdit(self)
        self.text.setReadOnly(True)
        # A caret, so a screen reader reads the help line by line with the arrows.
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self._close = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.refresh(actions, interface)
        fit_dialog(self, QSize(900, 640))  # never taller than the screen

    def refresh(self, actions: dict[str, QAction], interface: i18n.Translate) -> None:
        """Show the keys as bound now, in the interface's script (the window keeps
        one dialog and refreshes it for each F1)."""
        self.setWindowTitle(interface("帮助 — 功能和快捷键"))
        self.setAccessibleName(interface("帮助"))
        self.text.setAccessibleName(interface("功能和快捷键列表"))
        body = "".join(
            f"<h3>{escape(title)}</h3>" + "".join(f"<p>{escape(line)}</p>" for line in lines)
            for title, lines in help_lines(actions, interface)
        )
        heading = escape(interface("功能和快捷键"))
        intro = [
            interface("所有功能都可以只用键盘完成。用上下方向键逐行阅读本帮助，Esc 关闭。"),
            interface("Tab 键在工具条按钮之间移动，方向键移动光标。"),
        ]
        self.text.setHtml(
            f"<h2>{heading}</h2>" + "".join(f"<p>{escape(line)}</p>" for line in intro) + body
        )
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self._close.setText(interface("关闭"))
        self._close.setAccessibleName(interface("关闭帮助"))
        self.text.setFocus()
