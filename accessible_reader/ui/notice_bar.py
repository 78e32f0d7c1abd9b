"""The notice row under the toolbar (a decoding note, a cap, "no audio device" …).

Normally it wraps and shows every line. When the window is so full that even the
smallest chrome leaves the article less than its share (特大 + 300% + captions with
pinyin on 1280×720), the chrome fit (chrome_size) asks for one line: the lines are
joined and cut with "…" at the width given, the whole text stays in the tooltip and
for screen readers (the window sets it as the accessible description), and a click or
Enter shows it in full. `changed` tells the fit when the text changes, so a notice
that grows a line is counted too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from accessible_reader.ui import theme

QWIDGETSIZE_MAX = 16777215

LINE_JOINER = "　"
"""Between the lines of a notice shown on one line (an ideographic space)."""


class NoticeBar(QLabel):
    """A QLabel whose text() is always the whole notice, whatever is painted."""

    changed = Signal()
    """The text changed (the chrome fit measures it again)."""
    expand_requested = Signal()
    """A click or Enter on a notice cut to one line: show the whole of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._line_width: int | None = None
        self._own_focus: Qt.FocusPolicy | None = None
        self.setWordWrap(True)

    # Python callers (the window, tests) see the whole notice.
    def setText(self, text: str) -> None:
        self._full = text
        self._paint_text()
        self.changed.emit()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    @property
    def one_line(self) -> bool:
        """Shown on one line (cut to fit), not wrapped in full."""
        return self._line_width is not None

    @property
    def cut(self) -> bool:
        """Part of the notice is not painted (shown on one line and too long)."""
        return self.one_line and super().text() != self._joined()

    def set_one_line(self, width: int | None) -> None:
        """One line at most `width` px wide (the frame included), or None: wrapped."""
        if width == self._line_width:
            return
        self._line_width = width
        self.setWordWrap(width is None)
        # Less padding on one line; colours still come from the window's style sheet.
        self.setStyleSheet(theme.NOTICE_ONE_LINE_STYLE if width is not None else "")
        self.setMaximumWidth(width if width is not None else QWIDGETSIZE_MAX)
        self._paint_text()
        # Cut, it is in the Tab order, so Enter can show the whole of it.
        if width is not None:
            if self._own_focus is None:
                self._own_focus = self.focusPolicy()
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif self._own_focus is not None:
            self.setFocusPolicy(self._own_focus)

    def _joined(self) -> str:
        return LINE_JOINER.join(line for line in self._full.split("\n") if line.strip())

    def _paint_text(self) -> None:
        if self._line_width is None:
            super().setText(self._full)
            self.setToolTip("")
            return
        self.ensurePolished()
        margins = self.contentsMargins()  # the style sheet's padding and border
        room = max(0, self._line_width - margins.left() - margins.right() - 2)
        line = self._joined()
        shown = self.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        self.setToolTip(self._full if shown != line else "")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.cut and event.button() == Qt.MouseButton.LeftButton:
            self.expand_requested.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.cut and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.expand_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
