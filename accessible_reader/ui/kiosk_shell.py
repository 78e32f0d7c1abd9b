"""Kiosk mode around the reading window: full screen, idle reset between visitors,
the administrator's PIN exit, and scheduled content refresh.

The logic lives in accessible_reader.kiosk (Qt-free, tested with a fake clock); this module
connects it to widgets: an application-wide event filter reports visitor activity,
an overlay asks "还在使用吗？", a number pad takes the PIN.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import i18n
from accessible_reader.host_parts import HasInterface, HasSettings, ReplacesSettings
from accessible_reader.kiosk import ADMIN_EXIT_CODE
from accessible_reader.kiosk.config import KioskConfig
from accessible_reader.kiosk.idle import IdleMonitor, monotonic_ms
from accessible_reader.kiosk.pin import (
    TOO_MANY,
    AttemptsFile,
    PinGate,
    default_attempts_path,
    lockout_message,
)
from accessible_reader.kiosk.refresh import ContentRefresher, RefreshResult, recognise_new_articles
from accessible_reader.kiosk.reset import VisitorReset, visitor_reset_settings
from accessible_reader.library import Library
from accessible_reader.speech.narrator import Scheduler
from accessible_reader.ui.audio import MainThreadDelivery, QtScheduler
from accessible_reader.ui.host_parts import (
    HasFrame,
    HasPages,
    HasSpeech,
    HasToolbars,
    HasView,
    OpensWelcome,
    SpeakingSignal,
)

if TYPE_CHECKING:

    from accessible_reader.ui.library_view import LibraryView

CORNER_PX = 90
"""The top-right square where a long press asks for the administrator's PIN."""
REFRESH_POLL_MS = 60_000
COUNTDOWN_TICK_MS = 1000
"""The locked PIN pad's countdown is updated this often."""
RESTORE_DELAY_MS = 200
"""After the window lost the front or full screen: look again this much later (the
window manager's and Qt's state settle first), then bring it back."""
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
        QEvent.Type.MouseMove,
    }
)


FRONT_EVENTS = frozenset(
    {
        QEvent.Type.WindowStateChange,
        QEvent.Type.WindowDeactivate,
        QEvent.Type.ApplicationStateChange,
        QEvent.Type.ApplicationDeactivate,
        QEvent.Type.Hide,
    }
)
"""Events after which the kiosk may have lost the front or full screen."""


class StillThere(QFrame):
    """ "还在使用吗？": a large overlay with the countdown and a 继续使用 button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stillThere")
        self.setFrameShape(QFrame.Shape.Box)
        self.setAccessibleName(i18n.N_("还在使用吗？"))  # in the interface's words when shown
        self.question = QLabel(i18n.N_("还在使用吗？"), self)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(self)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setWordWrap(True)
        self.button = QPushButton(i18n.N_("继续使用"), self)
        self.button.setMinimumSize(240, 90)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.countdown)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "#stillThere { border: 4px solid palette(highlight); }"
            "QLabel { font-size: 40px; } QPushButton { font-size: 36px; }"
        )
        self.hide()

    def show_seconds(self, seconds: int, interface: i18n.Translate) -> None:
        self.setAccessibleName(interface("还在使用吗？"))
        self.question.setText(interface("还在使用吗？"))
        self.countdown.setText(
            interface(
                "{seconds} 秒后将回到首页，并清除您的所有设置。点一下屏幕继续使用。",
                seconds=seconds,
            )
        )
        self.button.setText(interface("继续使用"))
        parent = self.parentWidget()
        if parent is not None:
            width, height = min(900, parent.width() - 40), 360
            self.setGeometry(
                (parent.width() - width) // 2, (parent.height() - height) // 2, width, height
            )
        self.show()
        self.raise_()


class PinDialog(QDialog):
    """The administrator's exit: a number pad (kiosks have no keyboard) and the gate.

    While the gate is locked (also when the pad is opened locked) the pad shows the
    seconds left, counting down, and Enter does nothing: the key that caused the
    lockout must not close the pad before its message was seen (and heard).
    """

    def __init__(self, parent: QWidget, gate: PinGate, interface: i18n.Translate) -> None:
        super().__init__(parent)
        self.gate = gate
        self.setWindowTitle(interface("管理员退出"))
        self.setAccessibleName(interface("管理员退出"))
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(interface("管理员密码"))
        self.pin.setMaxLength(12)
        self.message = QLabel(interface("请输入管理员密码（PIN）"), self)
        self.message.setWordWrap(True)
        pad = QGridLayout()
        self.keys: list[QPushButton] = []
        for index, label in enumerate("123456789"):
            self._key(pad, label, index // 3, index % 3, lambda _c=False, d=label: self._digit(d))
        self._key(pad, interface("删除"), 3, 0, lambda _c=False: self.pin.backspace())
        self._key(pad, "0", 3, 1, lambda _c=False: self._digit("0"))
        self._key(pad, interface("确定"), 3, 2, lambda _c=False: self.submit())
        self.cancel = QPushButton(interface("取消"), self)
        self.cancel.setMinimumSize(120, 70)
        self.cancel.setAutoDefault(False)  # Enter never presses it (see the class docstring)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.pin)
        layout.addLayout(pad)
        layout.addWidget(self.cancel)
        self.setStyleSheet("QPushButton, QLineEdit, QLabel { font-size: 28px; }")
        self.pin.returnPressed.connect(self.submit)
        self._countdown = QTimer(self)
        self._countdown.setInterval(COUNTDOWN_TICK_MS)
        self._countdown.timeout.connect(self._tick)
        self._interface = interface
        self._lead = ""
        if gate.locked_for():
            self._lock(TOO_MANY)
        from accessible_reader.ui.dialog_fit import fit_dialog

        fit_dialog(self, QSize(420, 620))  # the pad stays on the screen

    @property
    def locked(self) -> bool:
        """Whether the pad is waiting out a lockout."""
        return self._countdown.isActive()

    def _key(self, pad: QGridLayout, label: str, row: int, column: int, slot: object) -> None:
        button = QPushButton(label, self)
        button.setMinimumSize(90, 70)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        pad.addWidget(button, row, column)
        self.keys.append(button)

    def _digit(self, digit: str) -> None:
        self.pin.insert(digit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QDialog would press a button on Enter; the PIN field submits by itself.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        if self.locked:
            return
        attempt = self.gate.attempt(self.pin.text())
        self.pin.clear()
        if attempt.accepted:
            self.accept()
            return
        if attempt.locked_for:
            self._lock(attempt.lead)
        else:
            self._say(attempt.message.message, **attempt.message.fields)

    def _say(self, text: str, **fields: Any) -> None:
        shown = self._interface(text, **fields)
        self.message.setText(shown)
        self.message.setAccessibleDescription(shown)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.message, shown))

    def _lock(self, lead: str) -> None:
        """Disable the pad and count the lockout down; `lead` is a msgid whose {wait}
        is 请 N 秒后再试."""
        self._lead = lead
        for key in [*self.keys, self.pin]:
            key.setEnabled(False)
        self.cancel.setFocus()
        self._countdown.start()
        self._show_wait(announce=True)

    def _show_wait(self, *, announce: bool) -> None:
        wait = lockout_message(self.gate.locked_for())
        text = self._interface(self._lead, wait=self._interface(wait.message, **wait.fields))
        self.message.setText(text)
        self.message.setAccessibleDescription(text)
        self.cancel.setAccessibleDescription(text)  # the focus is there while locked
        if announce and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.message, text))

    def _tick(self) -> None:
        if self.gate.locked_for() > 0:
            self._show_wait(announce=False)
        else:
            self._unlock()

    def _unlock(self) -> None:
        self._countdown.stop()
        for key in [*self.keys, self.pin]:
            key.setEnabled(True)
        self.cancel.setAccessibleDescription("")
        self.pin.setFocus()
        self._say("请输入管理员密码（PIN）")


class KioskWindow(
    HasSettings,
    ReplacesSettings,
    HasInterface,
    HasView,
    HasPages,
    HasToolbars,
    HasSpeech,
    SpeakingSignal,
    HasFrame,
    OpensWelcome,
    Protocol,
):
    """What the kiosk shell uses of the reading window (kept full screen and in front
    through its `frame()`, the parent of the shell's dialogs)."""

    @property
    def library(self) -> Library | None: ...

    @property
    def library_view(self) -> LibraryView: ...

    def show_library(self) -> None: ...

    def show_reading(self) -> None: ...

    def hide_notice(self) -> None: ...

    def allow_exit(self) -> None: ...


class KioskShell(QObject):
    """Runs a reading window as a public terminal."""

    def __init__(
        self,
        window: KioskWindow,
        config: KioskConfig,
        *,
        scheduler: Scheduler | None = None,
        now_ms: Callable[[], int] = monotonic_ms,
        clock: Callable[[], float] = time.monotonic,
        quit_app: Callable[[int], None] = QApplication.exit,
        attempts: AttemptsFile | None = None,
    ) -> None:
        frame = window.frame()
        super().__init__(frame)
        self._quit_app = quit_app
        self.window = window
        self.frame = frame
        self.config = config
        self._clock = clock
        self.still_there = StillThere(frame)
        self.idle = IdleMonitor(
            scheduler or QtScheduler(self),
            idle_seconds=config.idle_seconds,
            warning_seconds=config.warning_seconds,
            now_ms=now_ms,
            on_warning=lambda seconds: self.still_there.show_seconds(seconds, window.ui),
            on_cancelled=self.still_there.hide,
            on_reset=self.reset_for_next_visitor,
        )
        # Kept on disk: a restart (systemd's, within seconds) must not clear a lockout.
        self.gate = PinGate(
            config.admin_pin_hash,
            clock=clock,
            saved=attempts or AttemptsFile(default_attempts_path()),
        )
        self.reset = VisitorReset(window.library)
        self._add_reset_steps()
        self._delivery = MainThreadDelivery(self)
        self.refresher = self._make_refresher()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.timeout.connect(self._poll_refresh)
        self._press = QTimer(self)
        self._press.setSingleShot(True)
        self._press.timeout.connect(self.ask_pin)
        self.exit_chord = QShortcut(
            QKeySequence(config.exit_chord, QKeySequence.SequenceFormat.PortableText), frame
        )
        self.exit_chord.setContext(Qt.ShortcutContext.ApplicationShortcut)
        self.exit_chord.activated.connect(self.ask_pin)
        self.exited = False
        self._full_screen = False
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(RESTORE_DELAY_MS)
        self._restore.timeout.connect(self._restore_front)
        self.restored = 0
        """How often the window was brought back to the front (for tests and logs)."""
        # A visitor listening to an article is still here: no countdown while it reads.
        window.speaking_changed.connect(self._speaking_changed)

    # -- start ------------------------------------------------------------------------

    def start(self, *, full_screen: bool = True) -> None:
        """Show the start screen; watch for visitors; refresh content on schedule."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window = self.frame
        if full_screen:
            window.setWindowFlags(
                window.windowFlags()
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )
            window.showFullScreen()
            self._fill_screen()
            self._full_screen = True
        self.show_start_screen()
        if self.refresher.enabled:
            self._refresh_timer.start(REFRESH_POLL_MS)

    def show_start_screen(self) -> None:
        """The articles as tiles, or the welcome article when the library is empty."""
        library = self.window.library
        if library is not None and library.count() > 0:
            self.window.open_welcome()
            self.window.show_library()
        else:
            self.window.open_welcome()
            self.window.show_reading()
        self.window.view.verticalScrollBar().setValue(0)

    # -- visitors -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in FRONT_EVENTS and self._full_screen and not self.exited:
            self._restore.start()  # looked at once things settle; restarts on each event
        if kind in ACTIVITY_EVENTS and event.spontaneous():
            self.idle.activity()
            if kind == QEvent.Type.MouseButtonPress:
                self._maybe_start_corner_press(event)
            elif kind == QEvent.Type.MouseButtonRelease:
                self._press.stop()
        return False

    def lost_the_front(self) -> bool:
        """Whether the kiosk is minimised, out of full screen, or behind another program
        (no window of ours is active: our own dialogs, such as the PIN pad, are fine)."""
        window = self.frame
        return (
            window.isMinimized()
            or not window.isFullScreen()
            or not window.isVisible()
            or QApplication.activeWindow() is None
        )

    def _restore_front(self) -> None:
        """Back to the front and full screen: Alt+Space → Iconify (or any minimise,
        another program's window) must not hide the kiosk past its idle reset."""
        if not self._full_screen or self.exited or not self.lost_the_front():
            return
        window = self.frame
        window.setWindowState(
            (window.windowState() & ~Qt.WindowState.WindowMinimized)
            | Qt.WindowState.WindowFullScreen
            | Qt.WindowState.WindowActive
        )
        window.showFullScreen()
        self._fill_screen()
        window.raise_()
        window.activateWindow()
        self.restored += 1

    def _fill_screen(self) -> None:
        """Full screen is a request to the window manager; without one (the kiosk
        session README recommends) the window is given the whole screen itself."""
        screen = self.frame.screen()
        if screen is not None and self.frame.geometry() != screen.geometry():
            self.frame.setGeometry(screen.geometry())

    def _maybe_start_corner_press(self, event: QEvent) -> None:
        position = getattr(event, "globalPosition", None)
        if position is None:
            return
        point: QPoint = self.frame.mapFromGlobal(position().toPoint())
        if point.x() >= self.frame.width() - CORNER_PX and 0 <= point.y() <= CORNER_PX:
            self._press.start(int(self.config.admin_press_seconds * 1000))

    def _speaking_changed(self, speaking: bool) -> None:
        if speaking:
            self.idle.pause()
        else:
            self.idle.resume()

    def reset_for_next_visitor(self) -> None:
        """The countdown ran out: nothing of the last visitor remains."""
        self.still_there.hide()
        self.reset.run()

    def _add_reset_steps(self) -> None:
        """The steps of kiosk.reset.SHELL_STEPS, named for the log (as forget-history)."""
        window = self.window
        self.reset.add_step("stop-speech", lambda: window.speech.stop())
        self.reset.add_step("forget-positions", lambda: window.speech.forget_positions())
        self.reset.add_step("close-dialogs", self._close_dialogs)
        self.reset.add_step("clear-search", self._clear_search)
        self.reset.add_step("clear-selection", self._clear_selection)
        self.reset.add_step(
            "reset-settings",
            lambda: window.replace_settings(
                visitor_reset_settings(window.settings, self.config.baseline_settings())
            ),
        )
        self.reset.add_step("restore-layout", self._restore_layout)
        self.reset.add_step("start-screen", self.show_start_screen)

    def _close_dialogs(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.window.hide_notice()

    def _clear_search(self) -> None:
        # setText, not clear(): clear() can be undone (Ctrl+Z would bring it back).
        self.window.library_view.search.setText("")

    def _restore_layout(self) -> None:
        for toolbar in self.window.toolbars:
            toolbar.show()
        sort = self.window.library_view.sort
        sort.setCurrentIndex(0)

    def _clear_selection(self) -> None:
        cursor = self.window.view.textCursor()
        cursor.clearSelection()
        self.window.view.setTextCursor(cursor)
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()

    # -- administrator ------------------------------------------------------------------

    def ask_pin(self) -> bool:
        """The PIN dialog; the right PIN ends the kiosk (exit code ADMIN_EXIT_CODE)."""
        self._press.stop()
        # The idle monitor keeps running: a PIN pad left open by a visitor is closed
        # by the next reset like any other dialog (the administrator's taps count).
        dialog = PinDialog(self.frame, self.gate, self.window.ui)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.exited = True
            self._restore.stop()
            self.idle.close()
            self.refresher.close()
            self.window.allow_exit()
            self.frame.close()
            self._quit_app(ADMIN_EXIT_CODE)
            return True
        return False

    # -- content refresh ------------------------------------------------------------------

    def _make_refresher(self) -> ContentRefresher:
        config = self.config

        def open_library() -> Library:
            return Library(config.library_file(), check="quick")

        return ContentRefresher(
            config.column_sources(),
            config.folder_sources(),
            open_library=open_library,
            interval_seconds=config.refresh_minutes * 60,
            created_at=self._clock(),
            on_finished=lambda result: self._delivery.deliver(lambda: self._refreshed(result)),
            recognise=recognise_new_articles if self.window.settings.recognise_pictures else None,
        )

    def _poll_refresh(self) -> None:
        self.refresher.poll(self._clock())

    def _refreshed(self, result: RefreshResult) -> None:
        """New articles appear on the start screen only between visitors."""
        on_start_screen = self.window.pages.currentWidget() is self.window.library_view
        if result.added and on_start_screen and not self.window.library_view.search.text():
            self.window.library_view.refresh()
