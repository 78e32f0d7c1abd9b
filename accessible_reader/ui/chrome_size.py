"""界面大小 fitted to the window: the article keeps at least 55% of the height.

字号 and zoom enlarge the article and the captions only; the chrome (menus,
toolbars, status bar, notice, dialogs) has its own size, 标准 / 大 / 特大. On a small
screen even that may leave too little article, so the fit tries the chosen size,
then smaller steps, then icon-only toolbar buttons (names stay in tooltips and for
screen readers), until the article keeps MIN_READING_FRACTION of the window. The
toolbar rows reflow with the width (ToolbarRows), so no button is ever hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDockWidget,
    QMainWindow,
    QMenuBar,
    QStatusBar,
    QWidget,
)

from accessible_reader.host_parts import HasInterface, HasSettings, IsKiosk
from accessible_reader.ui import theme
from accessible_reader.ui.host_parts import CaptionDock, HasNotice, HasToolbars
from accessible_reader.ui.notice_bar import NoticeBar
from accessible_reader.ui.toolbar_rows import ToolbarRows

SEPARATOR_PX = 6
"""Dock separator and the toolbar area's own margins, added to the estimate."""

MENU_NOTICE_GAP_PX = 24
"""Between the last menu title and a notice moved into the menu bar's row."""


class ChromeWindow(
    HasSettings, HasToolbars, IsKiosk, HasInterface, HasNotice, CaptionDock, Protocol
):
    """What the fit needs from the main window."""

    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def height(self) -> int: ...
    def width(self) -> int: ...
    def isVisible(self) -> bool: ...
    def paint_chrome(self, chrome_px: int) -> None: ...


@dataclass(frozen=True)
class Fit:
    """The chrome size in use and what it leaves for the article."""

    chrome_px: int
    icon_only: bool
    chrome_height: int
    caption_height: int
    window_height: int
    notice_one_line: bool = False
    """The notice was cut to one line (in the menu bar's row when there is one)."""
    tight: bool = False
    """Smaller buttons (theme.TIGHT_TOOL_BUTTON_MIN_PX): the very last resort."""

    @property
    def reading_fraction(self) -> float:
        """Estimated share of the window height left for the article."""
        if self.window_height <= 0:
            return 1.0
        left = self.window_height - self.chrome_height - self.caption_height
        return left / self.window_height


def candidates(wanted_px: int) -> list[tuple[int, bool]]:
    """(chrome px, icon only) to try, largest first."""
    floor = theme.CHROME_PIXELS["standard"]
    sizes = [*range(wanted_px, floor, -theme.CHROME_FIT_STEP_PX), floor]
    return [(px, False) for px in sizes] + [(floor, True)]


COMPACT = (theme.CHROME_PIXELS["standard"], True)
"""Nearly the last resort: icon-only buttons and no status bar (its messages are also
spoken and a notice shows them in the window). The very last: the notice on one line,
in the menu bar's row (or, without a menu bar, in its own thinner row)."""


class ChromeFit(QObject):
    """Refits the chrome when the window's size, the settings, the notice or the
    captions change."""

    def __init__(self, window: ChromeWindow) -> None:
        assert isinstance(window, QMainWindow)
        super().__init__(window)
        self._window = window
        self.rows = ToolbarRows(window, window.toolbars)
        self.fit: Fit | None = None
        self._key: tuple[object, ...] | None = None
        self._busy = False
        self._notice_home: tuple[QBoxLayout, int] | None = None
        """Where the notice sits in the window's layout (while it is in the menu bar)."""
        window.installEventFilter(self)
        window.notice.installEventFilter(self)
        window.notice.changed.connect(self._notice_changed)
        window.notice.expand_requested.connect(self._show_whole_notice)

    @property
    def chrome_px(self) -> int:
        """The chrome text size now on screen."""
        return (
            self.fit.chrome_px if self.fit else theme.chrome_pixels(self._window.settings.ui_size)
        )

    def watch_caption_dock(self, dock: QDockWidget) -> None:
        dock.installEventFilter(self)
        view = dock.widget()
        wanted = getattr(view, "height_wanted", None)
        if wanted is not None:
            wanted.connect(lambda: self.refit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        window: object = self._window
        if self._busy or not shiboken6.isValid(window):
            return False  # busy fitting, or the window is being destroyed
        if watched is window:
            if kind in (QEvent.Type.Resize, QEvent.Type.Show):
                self.refit()
        elif kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self.refit()
        return False

    def refit(self, *, force: bool = False) -> Fit | None:
        """Choose and apply the largest chrome that leaves the article its share."""
        window = self._window
        dock = window.caption_dock()
        captions = dock is not None and not dock.isHidden()
        settings = window.settings
        key = (
            window.width(),
            window.height(),
            not window.notice.isHidden(),
            window.notice.text(),
            captions,
            settings.ui_size,
            settings.caption_size,
            settings.caption_pinyin,
            settings.font_preset,
            settings.zoom_percent,
            _caption_line(dock) if captions and dock is not None else 0,
        )
        if self._busy or (key == self._key and not force):
            return self.fit
        if force:
            self.fit = None  # colours may have changed: paint again even at the same size
        if not window.isVisible():
            # Not on screen yet: paint once at the chosen size; the fit proper runs when
            # the window shows (its first resize), so start-up styles the window once.
            self._busy = True
            try:
                self.fit = self._try(
                    theme.chrome_pixels(settings.ui_size), False, None, window.height()
                )
            finally:
                self._busy = False
            self._key = None
            return self.fit
        self._busy = True
        try:
            self.fit = self._choose(dock if captions else None)
            self._key = key
        finally:
            self._busy = False
        return self.fit

    def _choose(self, dock: QDockWidget | None) -> Fit:
        window = self._window
        height = window.height()
        aim = theme.MIN_READING_FRACTION + theme.FIT_SAFETY_FRACTION
        fit: Fit | None = None
        window.statusBar().setVisible(True)
        for chrome_px, icon_only in candidates(theme.chrome_pixels(window.settings.ui_size)):
            fit = self._try(chrome_px, icon_only, dock, height)
            if fit.reading_fraction >= aim:
                break
        assert fit is not None
        if fit.reading_fraction < aim:
            window.statusBar().setVisible(False)
            fit = self._try(*COMPACT, dock, height)
        one_line = fit.reading_fraction < aim and _showing(window.notice)
        if one_line:
            fit = self._try(*COMPACT, dock, height, notice_one_line=True)
        if fit.reading_fraction < aim and not window.kiosk:
            fit = self._try(*COMPACT, dock, height, notice_one_line=one_line, tight=True)
        if dock is not None:
            _size_dock(window, dock, fit.caption_height)
        return fit

    def _try(
        self,
        chrome_px: int,
        icon_only: bool,
        dock: QDockWidget | None,
        height: int,
        *,
        notice_one_line: bool = False,
        tight: bool = False,
    ) -> Fit:
        window = self._window
        current = self.fit
        if (
            current is None
            or current.chrome_px != chrome_px
            or current.icon_only != icon_only
            or current.tight != tight
        ):
            style = (
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if icon_only
                else Qt.ToolButtonStyle.ToolButtonTextUnderIcon
            )
            for toolbar in window.toolbars:
                toolbar.setToolButtonStyle(style)
                toolbar.setProperty("iconOnly", icon_only)  # narrower buttons (theme)
                toolbar.setProperty("tight", tight)
            window.paint_chrome(chrome_px)
        self.rows.reflow(window.width())
        self._place_notice(notice_one_line)
        chrome = self._chrome_height()
        caption = 0
        if dock is not None:
            budget = round(height * (1 - theme.MIN_READING_FRACTION - theme.FIT_SAFETY_FRACTION))
            caption = _caption_height(dock, max(0, budget - chrome))
        fit = Fit(chrome_px, icon_only, chrome, caption, height, notice_one_line, tight)
        self.fit = fit
        return fit

    def _chrome_height(self) -> int:
        """Height of everything above and below the article, from the size hints."""
        window = self._window
        total = SEPARATOR_PX
        menu = window.menuBar()
        if not menu.isHidden():
            total += menu.sizeHint().height()
        row_height = 0
        for index, toolbar in enumerate(window.toolbars):
            if not self.rows.beside(index):
                total += row_height
                row_height = 0
            row_height = max(row_height, toolbar.sizeHint().height())
        total += row_height
        status = window.statusBar()
        if not status.isHidden():
            total += status.sizeHint().height()
        notice = window.notice
        if _showing(notice) and notice.parentWidget() is not menu:
            notice.ensurePolished()
            if notice.one_line:
                total += notice.sizeHint().height()
            else:
                total += notice.heightForWidth(window.width())
        return total

    # -- the notice -------------------------------------------------------------------

    def _notice_changed(self) -> None:
        if _showing(self._window.notice):
            self.refit()  # a line more or less: measured again

    def _place_notice(self, one_line: bool) -> None:
        """The notice in full in its row, or on one line: in the menu bar's row when
        the window has a menu bar, else in its own row."""
        window = self._window
        notice = window.notice
        menu = window.menuBar()
        into_menu = one_line and not menu.isHidden()
        in_menu = menu.cornerWidget(Qt.Corner.TopRightCorner) is notice
        if into_menu != in_menu:
            shown = not notice.isHidden()
            if into_menu:
                self._notice_home = _home_of(notice)
                menu.setCornerWidget(notice, Qt.Corner.TopRightCorner)
            else:
                menu.setCornerWidget(None, Qt.Corner.TopRightCorner)  # type: ignore[arg-type]
                if self._notice_home is not None:
                    layout, index = self._notice_home
                    layout.insertWidget(index, notice)
            notice.setVisible(shown)
        width: int | None = None
        if into_menu:
            width = max(0, window.width() - _menu_titles_width(menu) - MENU_NOTICE_GAP_PX)
        elif one_line:
            width = window.width()
        notice.set_one_line(width)

    def _show_whole_notice(self) -> None:
        """A click or Enter on a cut notice: the whole of it in a message box."""
        from accessible_reader.ui.message_box import message_box

        window = self._window
        parent = window if isinstance(window, QWidget) else None
        box = message_box(
            parent, window.ui("提示"), window.notice.text(), ui_size=window.settings.ui_size
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _showing(notice: NoticeBar) -> bool:
    return not notice.isHidden() and bool(notice.text())


def _home_of(notice: NoticeBar) -> tuple[QBoxLayout, int] | None:
    parent = notice.parentWidget()
    layout = parent.layout() if parent is not None else None
    if isinstance(layout, QBoxLayout):
        return layout, layout.indexOf(notice)
    return None


def _menu_titles_width(menu: QMenuBar) -> int:
    """Where the last menu title ends (the rest of the row is free)."""
    ends = [menu.actionGeometry(action).right() for action in menu.actions() if action.isVisible()]
    return max([0, *ends])


def _caption_line(dock: QDockWidget) -> int:
    lines = getattr(dock.widget(), "line_height", None)
    return int(lines()) if callable(lines) else 0


def _caption_height(dock: QDockWidget, budget: int) -> int:
    """The caption dock's height: two lines if they fit the budget, else one (the
    caption then pages), never less than one line. Its title bar is at the side."""
    view = dock.widget()
    lines = getattr(view, "line_height", None)
    if not callable(lines):
        return min(budget, dock.sizeHint().height())
    line, padding = int(lines()), int(getattr(view, "padding", 0))
    count = max(1, min(2, (budget - 2 * padding - 2) // max(1, line)))
    return count * line + 2 * padding + 2  # whole lines: the rest goes to the article


def _size_dock(window: ChromeWindow, dock: QDockWidget, height: int) -> None:
    dock.setMinimumHeight(height)
    dock.setMaximumHeight(height)
    if isinstance(window, QMainWindow):
        window.resizeDocks([dock], [height], Qt.Orientation.Vertical)
