"""Is the user's own screen reader running? Decides who speaks (one voice at a time).

Linux: the AT-SPI bus's `org.a11y.Status.ScreenReaderEnabled` (Orca sets it while it
runs). Windows: `SPI_GETSCREENREADER` (NVDA, JAWS, Narrator, 争渡 and 永德 set it).
Elsewhere: whether an assistive technology uses the accessibility API at all. Each
probe is cheap but not free, so the answer is kept for a moment.
"""

from __future__ import annotations

import ctypes
import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

SPI_GETSCREENREADER = 0x0046
BUS_TIMEOUT_MS = 500
"""Never hold the window up longer for a slow bus (the previous answer stays)."""
CACHE_SECONDS = 1.0
"""A screen reader started a moment ago is noticed within this time."""


class SystemParametersInfo(Protocol):
    """The shape of user32.SystemParametersInfoW, so tests can pass a fake."""

    def __call__(self, action: int, param: int, value: object, winini: int) -> int: ...


def windows_screen_reader(spi: SystemParametersInfo | None = None) -> bool | None:
    """SPI_GETSCREENREADER as a bool; None if the call fails or is unavailable."""
    if spi is None:
        windll = getattr(ctypes, "windll", None)
        if windll is None:
            return None
        spi = windll.user32.SystemParametersInfoW
    flag = ctypes.c_int(0)
    try:
        ok = spi(SPI_GETSCREENREADER, 0, ctypes.byref(flag), 0)
    except OSError:
        return None
    return bool(flag.value) if ok else None


def orca_serves_this_session(
    proc: Path = Path("/proc"), environ: Mapping[str, str] = os.environ
) -> bool:
    """Whether an Orca process runs on our D-Bus session (so on our AT-SPI bus).

    Orca started by hand, from a desktop's autostart or by a test harness does not
    set ScreenReaderEnabled (seen with Orca 43 on Debian 12: the flag stayed false
    while it read our window); only a desktop that starts it from its own setting
    does. Orca's process is named "orca" and inherits the session's bus address.
    Another user's processes cannot be read and are passed over."""
    ours = bus_identity(environ.get("DBUS_SESSION_BUS_ADDRESS", ""))
    if not ours:
        return False
    prefix = b"DBUS_SESSION_BUS_ADDRESS="
    try:
        entries = list(proc.iterdir())
    except OSError:
        return False
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_bytes().strip() != b"orca":
                continue
            for variable in (entry / "environ").read_bytes().split(b"\0"):
                if variable.startswith(prefix):
                    address = variable[len(prefix) :].decode(errors="replace")
                    if bus_identity(address) == ours:
                        return True
        except OSError:
            continue  # gone, or not ours to read
    return False


def bus_identity(address: str) -> frozenset[str]:
    """A D-Bus address's first transport without its guid: "unix:path=/run/user/1000/bus"
    and "unix:path=/run/user/1000/bus,guid=…" name the same bus."""
    first = address.split(";")[0].strip()
    if ":" not in first:
        return frozenset()
    transport, _, keys = first.partition(":")
    parts = {part for part in keys.split(",") if part and not part.startswith("guid=")}
    return frozenset({f"transport={transport}", *parts}) if parts else frozenset()


def atspi_screen_reader() -> bool | None:
    """org.a11y.Status.ScreenReaderEnabled on the session bus, or Orca running on
    the session (see orca_serves_this_session); None without a bus.

    A plain method call (a QDBusInterface would introspect the service first)."""
    flag = _screen_reader_enabled_flag()
    if flag:
        return True
    if orca_serves_this_session():
        return True
    return flag


def _screen_reader_enabled_flag() -> bool | None:
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    call = QDBusMessage.createMethodCall(
        "org.a11y.Bus", "/org/a11y/bus", "org.freedesktop.DBus.Properties", "Get"
    )
    call.setArguments(["org.a11y.Status", "ScreenReaderEnabled"])
    reply = bus.call(call, timeout=BUS_TIMEOUT_MS)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
        return None
    value = reply.arguments()[0]
    inner = value.variant() if hasattr(value, "variant") else value
    return bool(inner) if isinstance(inner, bool) else None


def qt_accessibility_active() -> bool:
    from PySide6.QtGui import QAccessible

    return bool(QAccessible.isActive())


def default_probe() -> bool | None:
    """The platform's own answer (None when it cannot tell)."""
    if sys.platform == "win32":
        return windows_screen_reader()
    if sys.platform.startswith("linux"):
        return atspi_screen_reader()
    return qt_accessibility_active()


class ScreenReaderDetector:
    """Answers `active()` from a probe, asking it again at most once a second.

    With `defer`, a stale answer is given at once and the probe runs later (`defer`
    schedules it, e.g. on the next turn of the event loop): the probe is a bus round
    trip (10+ ms on a loaded machine, up to BUS_TIMEOUT_MS), and the key press that
    asked must not wait for it before its announcement goes out (issue 12). Only the
    very first answer is waited for.
    """

    def __init__(
        self,
        probe: Callable[[], bool | None] = default_probe,
        clock: Callable[[], float] = time.monotonic,
        defer: Callable[[Callable[[], None]], None] | None = None,
    ) -> None:
        self._probe = probe
        self._clock = clock
        self._defer = defer
        self._answer = False
        self._asked_at: float | None = None
        self._refresh_pending = False

    def active(self) -> bool:
        now = self._clock()
        if self._asked_at is None or (self._defer is None and self._stale(now)):
            self._ask(now)
        elif self._stale(now) and not self._refresh_pending:
            assert self._defer is not None
            self._refresh_pending = True
            self._defer(self._refresh)
        return self._answer

    def _stale(self, now: float) -> bool:
        return self._asked_at is None or now - self._asked_at >= CACHE_SECONDS

    def _refresh(self) -> None:
        self._refresh_pending = False
        self._ask(self._clock())

    def _ask(self, now: float) -> None:
        try:
            answer = self._probe()
        except Exception:  # a broken bus must not break feedback: assume none
            answer = False
        if answer is not None:  # no answer (a timeout): the last one stands
            self._answer = answer
        self._asked_at = now
