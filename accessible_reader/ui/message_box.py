"""Message boxes (confirmations, results, a notice in full) that fit the screen.

Qt's QMessageBox sizes itself: at most ~800 px wide on a 1280 px screen, but as tall
as its text, at the window's text size, with Yes/No buttons. Every message box of the
window is made here instead:

- its text is at the 界面大小 the user chose (a box is brief and modal: it does not
  compete with the article, so it is not stepped down with the chrome);
- the text wraps, and scrolls when it is longer than the screen allows, so the
  buttons are always on the screen; the box never exceeds the available screen;
- the buttons say what they do (删除 / 取消), large, 取消 the default and Escape;
- QMessageBox raises the accessibility alert screen readers read; when our own voice
  gives the feedback (操作提示), `speak` says the box as it opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QScrollArea, QTextEdit, QWidget

from accessible_reader.ui import theme
from accessible_reader.ui.dialog_fit import available_size, largest

SPOKEN_LIST = "、"
"""Between the buttons our voice names (a short pause; never shown)."""
SPOKEN_STOP = "。"
"""After the title and each text our voice says, unless it already ends a sentence."""
SPOKEN_ENDS = "。？！：.?!:"
TEXT_WIDTH_FRACTION = 0.6
"""The text wraps at this share of the screen's width (a line the eye can follow)."""
TEXT_HEIGHT_FRACTION = 0.55
"""The text takes at most this share of the screen's height; more of it scrolls."""
DETAIL_HEIGHT_FRACTION = 0.3
"""The details (显示详情) list: Qt makes it 100 px, two lines of large text."""

Speak = Callable[[str], None]


class _TextScroll(QScrollArea):
    """The box's text label in a scroll area that is as tall as the wrapped text,
    up to a share of the screen (Qt's layout asks it height-for-width)."""

    def __init__(self, box: QMessageBox) -> None:
        super().__init__(box)
        self.setObjectName("messageText")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the buttons
        self._box = box

    def _label(self) -> QLabel:
        label = self.widget()
        assert isinstance(label, QLabel)
        return label

    def _max_width(self) -> int:
        return round(available_size(self._box).width() * TEXT_WIDTH_FRACTION)

    def _max_height(self) -> int:
        return round(available_size(self._box).height() * TEXT_HEIGHT_FRACTION)

    def minimumSizeHint(self) -> QSize:
        label = self._label()
        metrics = label.fontMetrics()
        lines = label.text().split("\n")
        natural = max((metrics.horizontalAdvance(line) for line in lines), default=0)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(min(natural + bar + 4, self._max_width()), metrics.height())

    def sizeHint(self) -> QSize:
        width = self.minimumSizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        label = self._label()
        inner = width - self.verticalScrollBar().sizeHint().width()
        wanted = label.heightForWidth(inner)
        if wanted < 0:
            wanted = label.sizeHint().height()
        return min(wanted, self._max_height())


class FittedMessageBox(QMessageBox):
    """A QMessageBox that keeps inside the screen at the chosen 界面大小."""

    def __init__(self, parent: QWidget | None, ui_size: str, speak: Speak | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBox")
        chrome_px = theme.chrome_pixels(ui_size)
        self.setStyleSheet(theme.message_box_stylesheet(chrome_px))
        self.setTextFormat(Qt.TextFormat.PlainText)  # a title with "<" is not markup
        self._speak = speak
        self._scroll: _TextScroll | None = None
        self._bounding = False
        self._centred_for: QSize | None = None
        self.accept_button: QAbstractButton | None = None
        """The button that says yes (confirmations)."""

    @property
    def text_area(self) -> QScrollArea | None:
        """The scroll area the text is in (once the box was shown)."""
        return self._scroll

    def _wrap_text(self) -> None:
        """Put Qt's text label in the scroll area (once, at the first show: by then
        the box's own layout is complete)."""
        for details in self.findChildren(QTextEdit):
            details.setFixedHeight(
                round(available_size(self).height() * DETAIL_HEIGHT_FRACTION)
            )
        label = self.findChild(QLabel, "qt_msgbox_label")
        layout = self.layout()
        if label is None or layout is None or self._scroll is not None:
            return
        scroll = _TextScroll(self)
        layout.replaceWidget(label, scroll)
        label.setWordWrap(True)
        scroll.setWidget(label)
        self._scroll = scroll

    def showEvent(self, event: QShowEvent) -> None:
        self._wrap_text()
        super().showEvent(event)  # Qt sizes the box and raises the accessibility alert
        self._bound()
        if self._speak is not None:
            self._speak(self.spoken())

    def event(self, event: QEvent) -> bool:
        result = super().event(event)
        if event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.Resize,  # 显示详情 grows the box without a layout request
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
        ) and self.isVisible():
            self._bound()  # Qt has just sized the box again
        return result

    def _bound(self) -> None:
        """No larger than the screen allows and wholly on it, over the middle of the
        window (Qt places it before it has its final size, which comes a moment
        after the show; 显示详情 changes it again)."""
        if self._bounding:
            return
        self._bounding = True
        try:
            limit = largest(self)
            size = self.size().boundedTo(limit)
            if size != self.size():
                self.setFixedSize(size)
            geometry = self.frameGeometry()
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is None:
                return
            centre = self._centred_for != self.size()
            if centre:
                self._centred_for = self.size()
                parent = self.parentWidget()
                middle = parent.window().frameGeometry().center() if parent else screen.center()
                geometry.moveCenter(middle)
            if centre or not screen.contains(geometry):
                x = max(screen.x(), min(geometry.x(), screen.right() + 1 - geometry.width()))
                y = max(screen.y(), min(geometry.y(), screen.bottom() + 1 - geometry.height()))
                self.move(x, y)
        finally:
            self._bounding = False

    def spoken(self) -> str:
        """What our voice says as the box opens: title, text, the buttons."""
        buttons = SPOKEN_LIST.join(button.text().replace("&", "") for button in self.buttons())
        parts = [self.windowTitle(), self.text(), self.informativeText(), buttons]
        spoken = ""
        for part in filter(None, parts):
            if spoken and spoken[-1] not in SPOKEN_ENDS:
                spoken += SPOKEN_STOP
            spoken += part
        return spoken


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    ui_size: str,
    informative: str = "",
    detail: str = "",
    speak: Speak | None = None,
) -> FittedMessageBox:
    """A box with a 确定 button (texts already in the interface's script)."""
    box = FittedMessageBox(parent, ui_size, speak)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detail:
        box.setDetailedText(detail)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    return box


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    accept: str,
    reject: str,
    ui_size: str,
    speak: Speak | None = None,
) -> bool:
    """Ask, and wait: True when `accept` was pressed. `reject` is the default and
    Escape (a slip of Enter deletes nothing)."""
    box = confirmation(
        parent, title, text, accept=accept, reject=reject, ui_size=ui_size, speak=speak
    )
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return clicked is not None and clicked is box.accept_button


def confirmation(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    accept: str,
    reject: str,
    ui_size: str,
    speak: Speak | None = None,
) -> FittedMessageBox:
    """The box `confirm` shows (made separately so tests can look at it)."""
    box = message_box(parent, title, text, ui_size=ui_size, speak=speak)
    yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(reject, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.accept_button = yes
    return box
