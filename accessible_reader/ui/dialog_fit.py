"""Dialogs that fit the screen at every 界面大小: content scrolls, buttons stay visible.

`fit_dialog` is called once from a dialog's constructor. It wraps the pages of its
tabs in scroll areas (a tall form scrolls instead of pushing 确定/取消 off the
screen), sizes table rows and columns to their cell widgets when the dialog is shown
(a key name is never clipped: "Ctrl+Q" must not read "Ctrl+O"), and keeps the dialog
within the available screen.
"""

from __future__ import annotations

from PySide6.QtCore import QChildEvent, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QFileDialog,
    QHeaderView,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)

from accessible_reader.ui import theme

CELL_PADDING_PX = 10
"""Room around a table's cell widget (the focus frame, the grid line)."""


def available_size(widget: QWidget) -> QSize:
    """The available area of the screen the widget (or its parent) is on."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def largest(widget: QWidget) -> QSize:
    """The largest size a dialog may take on its screen."""
    area = available_size(widget)
    return QSize(
        round(area.width() * theme.DIALOG_SCREEN_FRACTION),
        round(area.height() * theme.DIALOG_SCREEN_FRACTION),
    )


def scrolling(page: QWidget) -> QScrollArea:
    """`page` inside a scroll area that only scrolls vertically when it must."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(page)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls inside
    area.setAccessibleName(page.accessibleName())
    return area


def wrap_tab_pages(tabs: QTabWidget) -> None:
    """Put every tab page that does not scroll by itself in a scroll area."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is None or isinstance(page, (QAbstractScrollArea, QAbstractItemView)):
            continue
        title = tabs.tabText(index)
        current = tabs.currentIndex()
        tabs.removeTab(index)
        tabs.insertTab(index, scrolling(page), title)
        tabs.setCurrentIndex(current)


def fit_table(table: QTableView) -> None:
    """Rows as tall as their cell widgets want, columns as wide: nothing clipped."""
    model = table.model()
    if model is None:
        return
    header = table.verticalHeader()
    text_height = table.fontMetrics().height() + 2 * CELL_PADDING_PX
    for row in range(model.rowCount()):
        height = max(header.sectionSizeFromContents(row).height(), text_height)
        for column in range(model.columnCount()):
            widget = table.indexWidget(model.index(row, column))
            if widget is not None:
                widget.ensurePolished()
                height = max(height, widget.sizeHint().height() + CELL_PADDING_PX)
        table.setRowHeight(row, height)
    horizontal = table.horizontalHeader()
    for column in range(model.columnCount()):
        width = table.sizeHintForColumn(column) + CELL_PADDING_PX
        for row in range(model.rowCount()):
            widget = table.indexWidget(model.index(row, column))
            if widget is not None:
                width = max(width, widget.sizeHint().width() + CELL_PADDING_PX)
        width = max(width, horizontal.sectionSizeFromContents(column).width())
        table.setColumnWidth(column, width)
    horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class _Fitter(QObject):
    def __init__(self, dialog: QDialog, wanted: QSize) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._wanted = wanted
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        dialog = getattr(self, "_dialog", None)  # None while still being made
        if dialog is not None and watched is dialog and event.type() == QEvent.Type.Show:
            self.fit()
        return False

    def fit(self) -> None:
        dialog = self._dialog
        for table in dialog.findChildren(QTableView):
            fit_table(table)
        limit = largest(dialog)
        dialog.setMaximumSize(limit)
        size = dialog.size().expandedTo(self._wanted).expandedTo(dialog.minimumSizeHint())
        size.setWidth(size.width() + _width_hidden_in_scroll_areas(dialog))
        dialog.resize(size.boundedTo(limit))


def _width_hidden_in_scroll_areas(dialog: QDialog) -> int:
    """How much wider the dialog must be for its scrolled pages to show whole: at
    特大 the settings page scrolled sideways, the combo boxes' arrows out of sight."""
    dialog.ensurePolished()
    hidden = 0
    for area in dialog.findChildren(QScrollArea):
        page = area.widget()
        if page is None:
            continue
        scroll_bar = area.verticalScrollBar().sizeHint().width()
        wanted = page.sizeHint().expandedTo(page.minimumSize()).width()
        hidden = max(hidden, wanted + scroll_bar - area.viewport().width())
    return max(0, hidden)


def fit_dialog(dialog: QDialog, wanted: QSize) -> None:
    """Make `dialog` fit its screen: scrolling tab pages, fitted tables, bounded size."""
    for tabs in dialog.findChildren(QTabWidget):
        wrap_tab_pages(tabs)
    # Held by the dialog's Python side too, so its event filter cannot lose its state.
    key = id(dialog)
    _FITTERS[key] = _Fitter(dialog, wanted)
    dialog.destroyed.connect(lambda _o=None: _FITTERS.pop(key, None))
    dialog.resize(wanted.boundedTo(largest(dialog)))


_FITTERS: dict[int, _Fitter] = {}


FILE_DIALOG_SHARE = 0.8
"""Qt's file dialog opens small; at large text its columns would read "F…r" and "1…B"."""


class _FileDialogSizer(QObject):
    """Gives every file dialog the window opens a size that fits its text, and file
    type names without their patterns."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # Polished, not Added: at ChildAdded the dialog is still being constructed.
        if kind == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            if isinstance(child, QFileDialog):
                child.removeEventFilter(self)
                child.installEventFilter(self)
        elif kind == QEvent.Type.Show and isinstance(watched, QFileDialog):
            # "网页、文本、附件和图片", not its twelve patterns: a screen reader read
            # "(*.html *.htm *.shtml …)" out on every visit to the file type box.
            watched.setOption(QFileDialog.Option.HideNameFilterDetails, True)
            area = available_size(watched)
            share = FILE_DIALOG_SHARE
            wanted = QSize(round(area.width() * share), round(area.height() * share))
            watched.setMaximumSize(largest(watched))
            watched.resize(watched.size().expandedTo(wanted).boundedTo(largest(watched)))
        return False


def watch_file_dialogs(window: QWidget) -> None:
    """Size the file dialogs (open, save, import) that `window` opens to its screen."""
    _FileDialogSizer(window)
