"""文章库: saved articles as a large list (or touch tiles in a kiosk), with search.

The list shows what a reader needs to recognise an article — title, date, source and
column — newest first. Typing searches title and text in 简 and 繁 alike (the
library's FTS5 index); Enter or a tap opens the article where it was left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import i18n
from accessible_reader.errors import ReaderError
from accessible_reader.i18n import N_
from accessible_reader.ui import theme

SORT_LABELS: tuple[tuple[str, str], ...] = (
    ("published", N_("按发布日期")),
    ("opened", N_("最近阅读在前")),
    ("title", N_("按标题")),
)
"""The orders offered: kiosks show the newest news first; readers their recent reading."""

if TYPE_CHECKING:
    from accessible_reader.library import ArticleSummary, Library

LIST_LIMIT = 500
"""Articles listed without a search (newest first); search finds the rest."""
ANNOUNCE_AFTER_TYPING_MS = 400
TILE_SIZE = QSize(*theme.KIOSK_TILE_SIZE)
"""Kiosk tiles: far above the 60×60 px minimum touch target."""


def summary_line(summary: ArticleSummary) -> str:
    """The second line of an entry: 日期 · 来源 · 栏目."""
    parts = [
        (summary.published or "").replace("T", " "),
        summary.source or summary.site or "",
        summary.column or "",
    ]
    return " · ".join(part for part in parts if part)


class ArticleList(QListWidget):
    """The entries; Enter opens, Delete asks to remove (outside kiosks)."""

    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.itemActivated.emit(self.currentItem())
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class LibraryView(QWidget):
    """Search box, list of articles and the commands that act on them."""

    open_requested = Signal(int)
    """An article id to open."""
    close_requested = Signal()
    export_requested = Signal(int)
    """An article id whose original page should be saved elsewhere."""
    announcement = Signal(str)
    """What a screen reader should say: result counts, 没有找到 (in 简体; the window
    converts and routes it)."""

    def __init__(
        self,
        library: Callable[[], Library | None],
        *,
        tiles: bool,
        interface: i18n.Translate = i18n.SOURCE_TEXT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._ui = interface
        self.tiles = tiles
        self.setAccessibleName(N_("文章库"))  # in the interface's words: retranslate()
        self.heading = QLabel(self)
        self.heading.setObjectName("libraryHeading")
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")  # kiosk: large touch target (theme)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.list = ArticleList(self)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._clicked)
        self.list.setObjectName("articleTiles" if tiles else "articleList")
        if tiles:
            self.list.setViewMode(QListView.ViewMode.IconMode)
            self.list.setGridSize(TILE_SIZE)
            self.list.setResizeMode(QListView.ResizeMode.Adjust)
            self.list.setMovement(QListView.Movement.Static)
            self.list.setSpacing(12)
        self.sort = QComboBox(self)
        self.sort.setObjectName("librarySort")
        for key, label in SORT_LABELS:
            self.sort.addItem(label, key)
        self.sort.setCurrentIndex(0 if tiles else 1)
        self.sort.currentIndexChanged.connect(self._sort_changed)
        self.export = QPushButton(self)
        self.export.clicked.connect(self._export)
        self.export.setVisible(not tiles)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.back = QPushButton(self)
        self.back.clicked.connect(self.close_requested.emit)
        self.sort_label = QLabel(self)
        self.sort_label.setBuddy(self.sort)
        self._pending_announcement = ""
        self._announce_timer = QTimer(self)
        self._announce_timer.setSingleShot(True)
        # While typing, the count is said once the typing pauses, not after each key.
        self._announce_timer.setInterval(ANNOUNCE_AFTER_TYPING_MS)
        self._announce_timer.timeout.connect(self._announce_pending)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.sort_label)
        top.addWidget(self.sort)
        top.addWidget(self.export)
        top.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        for control in (self.search, self.list, self.sort, self.export, self.back):
            control.installEventFilter(self)  # Escape returns to the article
        self.retranslate(interface)

    def retranslate(self, interface: i18n.Translate) -> None:
        self._ui = interface
        self.setAccessibleName(interface("文章库"))
        self.heading.setText(interface("文章库"))
        self.search.setPlaceholderText(interface("输入标题或正文中的字词搜索（简体、繁体都可以）"))
        self.search.setAccessibleName(interface("搜索文章"))
        self.list.setAccessibleName(interface("文章列表"))
        self.back.setText(interface("返回阅读"))
        self.back.setAccessibleName(interface("返回阅读"))
        self.export.setText(interface("导出原网页…"))
        self.export.setAccessibleName(interface("导出选中文章的原网页"))
        self.sort.setAccessibleName(interface("排列顺序"))
        self.sort_label.setText(interface("排列顺序："))
        for index, (_key, label) in enumerate(SORT_LABELS):
            self.sort.setItemText(index, interface(label))

    def _sort_changed(self) -> None:
        """Changed by the user (on the combo box), the new order is said before the
        count: our announcement is what a screen reader speaks on the focused combo
        box (Orca 43 then drops the box's own value change as redundant, so "按标题"
        was never heard). A reset (kiosk) just lists."""
        self.refresh(order_changed=self.sort.hasFocus())

    def refresh(self, *, order_changed: bool = False) -> None:
        """List the newest articles, or the search results for the typed text."""
        library = self._library()
        self.list.clear()
        if library is None:
            self._show_empty("文章库无法打开。")
            return
        text = self.search.text().strip()
        try:
            if text:
                entries = [(hit.article, hit.snippet) for hit in library.search(text)]
            else:
                order = str(self.sort.currentData() or "published")
                entries = [(s, "") for s in library.list_articles(order, limit=LIST_LIMIT)]
        except ReaderError as error:
            self._show_empty(error.user_message())
            return
        for summary, snippet in entries:
            lines = [summary.title or self._ui("（无标题）"), summary_line(summary)]
            if snippet and not self.tiles:
                lines.append(snippet)
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._ui("，").join(lines))
            if self.tiles:
                item.setSizeHint(TILE_SIZE - QSize(16, 16))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.list.addItem(item)
        if self.list.count():
            self.empty.hide()
            self.list.setCurrentRow(0)
        elif text:
            self._show_empty(self._ui("没有找到包含“{text}”的文章。", text=text))
        else:
            self._show_empty("文章库是空的。打开的文章会自动保存在这里。")
        result = self._result_text(text)
        if order_changed:
            result = self._ui("排列顺序：") + self.sort.currentText() + self._ui("，") + result
        self._queue_announcement(result, typing=bool(text) and not order_changed)

    def _result_text(self, text: str) -> str:
        count = self.list.count()
        if not count:
            return self.empty.text()
        if text:
            return self._ui("找到 {count} 篇文章", count=count)
        return self._ui("文章库：{count} 篇文章", count=count)

    def _queue_announcement(self, text: str, *, typing: bool) -> None:
        self._pending_announcement = text
        if typing:
            self._announce_timer.start()
        else:
            self._announce_timer.stop()
            self._announce_pending()

    def _announce_pending(self) -> None:
        text, self._pending_announcement = self._pending_announcement, ""
        if text:
            self.announcement.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape on any control of the page goes back to the article."""
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # not the window's 停止 key
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.close_requested.emit()
                return True
        return False

    def _show_empty(self, text: str) -> None:
        self.empty.setText(self._ui(text))
        self.empty.show()

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, int) else None

    def _export(self) -> None:
        selected = self.selected_id()
        if selected is not None:
            self.export_requested.emit(selected)

    def _activated(self, item: QListWidgetItem) -> None:
        value = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(value, int):
            self.open_requested.emit(value)

    def _clicked(self, item: QListWidgetItem) -> None:
        """A tap on a kiosk tile opens it at once (no double tap on touch screens)."""
        if self.tiles:
            self._activated(item)
