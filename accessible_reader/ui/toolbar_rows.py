"""Toolbar rows that reflow: at any text size every button stays on screen.

A QToolBar that is too narrow hides its last buttons behind a » button that the
keyboard cannot reach. Instead, each group of buttons (reading and speech; display)
is packed into as many rows as the window's width needs (a group's first buttons
beside the group before when they fit on its last row), and the rows are rebuilt
when the width or the button sizes change. Nothing is ever hidden.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from accessible_reader.i18n import tr

ROW_MARGIN_PX = 12
"""Toolbar frame, padding and layout margins around a row's buttons."""


def pack(widths: list[int], capacity: int, spacing: int) -> list[int]:
    """Greedy rows: the number of items on each row, every row within `capacity`
    (an item wider than a row gets a row of its own)."""
    rows: list[int] = []
    used = 0
    for width in widths:
        if rows and used + spacing + width <= capacity:
            rows[-1] += 1
            used += spacing + width
        else:
            rows.append(1)
            used = width
    return rows


class ToolbarRows:
    """Keeps `toolbars` (the window's list, changed in place) holding the groups of
    actions in rows that fit the window's width."""

    def __init__(self, window: QMainWindow, toolbars: list[QToolBar]) -> None:
        self._window = window
        self._toolbars = toolbars
        self._groups: list[list[QAction]] = [list(toolbar.actions()) for toolbar in toolbars]
        self._names = [(toolbar.objectName(), toolbar.windowTitle()) for toolbar in toolbars]
        self._spare: list[QToolBar] = []
        self._wanted_firsts: list[int] = []
        self._wanted_beside: list[bool] = []
        self._beside: list[bool] = [False] * len(self._groups)
        """Whether each row's toolbar sits beside the one before (no break)."""
        self._layout: list[list[QAction]] = [list(group) for group in self._groups]
        self._firsts: list[int] = list(range(len(self._groups)))
        """Index of each group's first row."""

    @staticmethod
    def _title(toolbar: QToolBar, title: str, *, first: bool) -> None:
        """`title` is a msgid (工具条), said in the interface language."""
        shown = tr(title)
        toolbar.setWindowTitle(shown)
        toolbar.setAccessibleName(shown if first else tr("{title}（续）", title=title))

    def retranslate(self) -> None:
        """The rows' names in the interface language now (after 界面语言 changed)."""
        for index, toolbar in enumerate(self._toolbars):
            title = self._names[_group_of(index, self._firsts)][1]
            self._title(toolbar, title, first=index in self._firsts)
        for toolbar in self._spare:  # rows not shown now keep a name too
            self._title(toolbar, self._names[0][1], first=False)

    @property
    def rows(self) -> list[list[QAction]]:
        """The actions on each toolbar, top to bottom (two toolbars may share a row:
        `beside`)."""
        return [list(row) for row in self._layout]

    def reflow(self, width: int) -> bool:
        """Rebuild the rows for a window `width`; True if anything moved."""
        wanted = self._wanted(width)
        if wanted == self._layout and self._wanted_beside == self._beside:
            return False
        self._rebuild(wanted)
        return True

    def _button_width(self, action: QAction) -> int:
        for toolbar in self._toolbars:
            button = toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.ensurePolished()
                return max(button.sizeHint().width(), button.minimumSizeHint().width())
        return 0

    def _wanted(self, width: int) -> list[list[QAction]]:
        layout = self._toolbars[0].layout() if self._toolbars else None
        spacing = max(0, layout.spacing()) if layout is not None else 4
        capacity = max(1, width - ROW_MARGIN_PX)
        everything = [action for group in self._groups for action in group]
        visible = [action for action in everything if action.isVisible()]
        widths = [self._button_width(action) for action in visible]
        if len(pack(widths, capacity, spacing)) <= 1:
            # All on one row when they fit (wide screens, icon-only buttons).
            self._wanted_firsts = [0]
            self._wanted_beside = [False]
            return [visible + [action for action in everything if not action.isVisible()]]
        rows: list[list[QAction]] = []
        self._wanted_firsts = []
        self._wanted_beside = []
        row_used = 0
        """Width taken on the last row (its toolbars' buttons, spacing and frames)."""
        for group in self._groups:
            visible = [action for action in group if action.isVisible()]
            hidden = [action for action in group if not action.isVisible()]
            widths = [self._button_width(action) for action in visible]
            # The group's first buttons go on the last row, beside the group before,
            # when they fit there: at 200 % on 1366×768 a row's height is 15 % of the
            # window (three rows left the article 40 %; two leave it more than half).
            room = width - row_used - ROW_MARGIN_PX
            beside, used = 0, -spacing
            while rows and beside < len(widths) and used + spacing + widths[beside] <= room:
                used += spacing + widths[beside]
                beside += 1
            self._wanted_firsts.append(len(rows))
            if beside:
                rows.append(visible[:beside])
                self._wanted_beside.append(True)
            start = beside
            for count in pack(widths[beside:], capacity, spacing) or ([] if beside else [0]):
                rows.append(visible[start : start + count])
                self._wanted_beside.append(False)
                start += count
            rows[-1].extend(hidden)  # kiosk-hidden actions stay where they were declared
            on_last_row = len(rows[-1]) - len(hidden)
            shown = widths[len(widths) - on_last_row :]
            cost = ROW_MARGIN_PX + sum(shown) + spacing * max(0, len(shown) - 1)
            row_used = row_used + cost if self._wanted_beside[-1] else cost
        return rows

    def _rebuild(self, wanted: list[list[QAction]]) -> None:
        window = self._window
        style = self._toolbars[0].toolButtonStyle()
        icon = QSize(self._toolbars[0].iconSize())
        pool = [*self._toolbars, *self._spare]
        for toolbar in self._toolbars:
            window.removeToolBar(toolbar)
        for toolbar in pool:
            for action in toolbar.actions():
                toolbar.removeAction(action)
        # The first toolbar of each group keeps its name (tests and users know it).
        firsts = list(self._wanted_firsts)
        rows: list[QToolBar] = []
        for index, actions in enumerate(wanted):
            toolbar = pool.pop(0) if pool else QToolBar(window)
            # A continuation row is named after its own group: "显示工具条（续）".
            name, title = self._names[_group_of(index, firsts)]
            if index not in firsts:
                name = f"toolbarRow{index}"
            toolbar.setObjectName(name)
            self._title(toolbar, title, first=index in firsts)
            toolbar.setMovable(False)
            toolbar.setToolButtonStyle(style)
            toolbar.setIconSize(icon)
            toolbar.addActions(actions)
            if rows and not self._wanted_beside[index]:
                window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
            window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
            toolbar.show()
            for action in actions:
                decorate(toolbar, action)
            rows.append(toolbar)
        self._spare = pool
        for toolbar in pool:
            toolbar.hide()
        self._toolbars[:] = rows
        self._layout = [list(row) for row in wanted]
        self._beside = list(self._wanted_beside)
        self._firsts = firsts

    def beside(self, index: int) -> bool:
        """Whether toolbar `index` sits on the same row as the one before it."""
        return 0 <= index < len(self._beside) and self._beside[index]


def _group_of(row: int, firsts: list[int]) -> int:
    """The group that toolbar `row` belongs to, given each group's first row."""
    return max(0, bisect_right(firsts, row) - 1)


def decorate(toolbar: QToolBar, action: QAction) -> None:
    """A new button for `action`: reachable by Tab, named for screen readers."""
    button = toolbar.widgetForAction(action)
    if isinstance(button, QToolButton):
        # What a screen reader should hear, when set (value and key: screen_reader_support).
        button.setAccessibleName(action.property("accessibleName") or action.text())
        button.setAccessibleDescription(
            action.property("accessibleDescription") or action.statusTip()
        )
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
