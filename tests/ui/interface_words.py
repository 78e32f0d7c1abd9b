"""Collects every piece of text the window can show, to look for English in it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableWidget,
    QTabWidget,
    QTreeView,
    QWidget,
)

ALLOWED = frozenset(
    {
        # Key names as Qt writes them.
        *("Ctrl", "Alt", "Shift", "Meta", "Esc", "Space", "Up", "Down", "Left", "Right"),
        *("Home", "End", "PgUp", "PgDown", "Del", "Ins", "Tab", "Enter", "Return"),
        *("Backspace", "Backtab", "Print", "Pause", "Menu"),
        *(f"F{n}" for n in range(1, 13)),
        # File kinds and names users know in Latin letters.
        *("PDF", "WAV", "HTML", "PIN", "eSpeak", "NG", "MHTML", "Word", "Excel"),
        # Units Qt writes in file lists.
        *("KB", "MB", "GB", "KiB", "MiB", "GiB", "bytes"),
        # 界面语言 names each language in itself.
        "English",
    }
)
"""Latin words a Chinese interface may show."""

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_PATTERNS = re.compile(r"\*\.[A-Za-z0-9]+|\(&[A-Za-z]\)|&[A-Za-z]|<[^>]+>|&[a-z]+;")
"""File patterns (*.html), mnemonics (复制(&C)), markup: not words a reader reads."""


def latin_words(text: str) -> set[str]:
    """Latin words in `text` outside the whitelist (paths are skipped whole)."""
    words: set[str] = set()
    for part in _PATTERNS.sub(" ", text).split():
        if part.startswith(("/", "~")) or "://" in part:
            continue
        words.update(word for word in _LATIN_WORD.findall(part) if word not in ALLOWED)
    return words


def action_texts(actions: Iterable[QAction]) -> list[str]:
    texts = []
    for action in actions:
        if not action.isVisible():
            continue
        texts += [action.text(), action.toolTip(), action.statusTip()]
        menu = action.menu()
        if isinstance(menu, QMenu):
            texts += [menu.title(), *action_texts(menu.actions())]
    return texts


def widget_texts(root: QWidget) -> list[str]:
    """Visible text of `root` and every widget in it."""
    texts = [root.windowTitle(), root.toolTip()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts.append(widget.toolTip())
        texts.append(widget.statusTip())
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append(header.text() if header is not None else "")
            for row in range(widget.rowCount()):
                for column in range(widget.columnCount()):
                    item = widget.item(row, column)
                    texts.append(item.text() if item is not None else "")
        if isinstance(widget, QTreeView) and widget.model() is not None:
            model = widget.model()
            root_index = widget.rootIndex()
            for column in range(model.columnCount(root_index)):
                texts.append(str(model.headerData(column, widget.header().orientation()) or ""))
                if column == 0:
                    continue  # file names are the user's, not the interface's
                for row in range(min(50, model.rowCount(root_index))):
                    value = model.index(row, column, root_index).data()
                    texts.append(str(value) if value is not None else "")
        if isinstance(widget, QMenu):
            texts += [widget.title(), *action_texts(widget.actions())]
        texts += action_texts(widget.actions())
    return [text for text in texts if text]


def english_in(texts: Iterable[str]) -> dict[str, set[str]]:
    """text → the Latin words in it that are not allowed (empty: all Chinese)."""
    found = {}
    for text in texts:
        words = latin_words(text)
        if words:
            found[text] = words
    return found
