"""Idle reset: after a quiet spell, ask "还在使用吗？" and, unless answered, start over.

A state machine with no Qt and no threads. Time comes from two injected things,
the same pair the narrator uses: a Scheduler (`call_later(delay_ms, callback)`;
QtScheduler in the app, accessible_reader.speech.narrator.ManualClock in tests) and a
millisecond clock (`now_ms()`; time.monotonic in the app, `lambda: clock.now` in
tests). Every call must come from one thread (the GUI thread).

States::

    RESTING ──activity──► ACTIVE ──idle_seconds quiet──► WARNING ──countdown ends──► RESTING
                            ▲  ▲                           │         (on_reset called)
                            │  └──────────activity─────────┘ (on_cancelled called)
                            └──resume── PAUSED ◄──pause── (any state)

RESTING is the clean start screen after a reset (and at start-up): nothing of a
visitor is left, so no timer runs and the warning is not shown to an empty hall
every two minutes. `activity()` is cheap enough for every mouse move: it only
stores the time; the single idle timer checks it when it fires and sleeps again
for whatever is left.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import Enum

from accessible_reader.speech.narrator import Scheduler, Timer

DEFAULT_IDLE_SECONDS = 120
DEFAULT_WARNING_SECONDS = 15


def monotonic_ms() -> int:
    """The app's clock for IdleMonitor: monotonic milliseconds (immune to clock changes)."""
    return int(time.monotonic() * 1000)


class IdleState(str, Enum):
    """Where the idle monitor is."""

    RESTING = "resting"
    """Start screen after a reset: clean, nothing to time."""
    ACTIVE = "active"
    """Someone is using the kiosk; the idle timer runs."""
    WARNING = "warning"
    """"还在使用吗？" is counting down."""
    PAUSED = "paused"
    """An administrator dialog is open: no warning, no reset."""


def _noop(*_: object) -> None:
    """Default callback."""


class IdleMonitor:
    """Times visitor inactivity and drives the warning and the reset.

    Callbacks (all on the caller's thread):
    - `on_warning(seconds_left)`: the countdown started (seconds_left =
      warning_seconds) or moved on (…, 2, 1); show or update "还在使用吗？（N）";
    - `on_cancelled()`: a touch or key ended the countdown; hide the dialog;
    - `on_reset()`: the countdown ran out; clear everything (accessible_reader.kiosk.reset).
    """

    def __init__(
        self,
        scheduler: Scheduler,
        *,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        warning_seconds: int = DEFAULT_WARNING_SECONDS,
        now_ms: Callable[[], int] = monotonic_ms,
        on_warning: Callable[[int], None] = _noop,
        on_cancelled: Callable[[], None] = _noop,
        on_reset: Callable[[], None] = _noop,
    ) -> None:
        if idle_seconds <= 0 or warning_seconds < 1:
            raise ValueError("idle_seconds must be > 0 and warning_seconds >= 1")
        self._scheduler = scheduler
        self._now = now_ms
        self.idle_ms = int(idle_seconds * 1000)
        self.warning_seconds = int(warning_seconds)
        self.on_warning = on_warning
        self.on_cancelled = on_cancelled
        self.on_reset = on_reset
        self._state = IdleState.RESTING
        self._last_activity = now_ms()
        self._warning_ends = 0
        self._timer: Timer | None = None
        self.resets = 0
        """Resets done so far (for the admin status line and the soak test)."""

    # --- What the shell calls ---------------------------------------------------

    @property
    def state(self) -> IdleState:
        """The current state."""
        return self._state

    def seconds_left(self) -> int:
        """While WARNING: whole seconds of the countdown left; else 0."""
        if self._state is not IdleState.WARNING:
            return 0
        return max(0, math.ceil((self._warning_ends - self._now()) / 1000))

    def activity(self) -> None:
        """A touch, click, key or wheel: the visitor is here. Cancels a countdown."""
        self._last_activity = self._now()
        if self._state is IdleState.RESTING:
            self._state = IdleState.ACTIVE
            self._arm(self.idle_ms)
        elif self._state is IdleState.WARNING:
            self._state = IdleState.ACTIVE
            self._arm(self.idle_ms)
            self.on_cancelled()
        # ACTIVE: the running timer sees the new time when it fires. PAUSED: nothing.

    def pause(self) -> None:
        """An administrator dialog opened: no countdown or reset until `resume`."""
        if self._state is IdleState.PAUSED:
            return
        was_warning = self._state is IdleState.WARNING
        self._state = IdleState.PAUSED
        self._cancel_timer()
        if was_warning:
            self.on_cancelled()

    def resume(self) -> None:
        """The administrator dialog closed: a full idle period starts now."""
        if self._state is not IdleState.PAUSED:
            return
        self._last_activity = self._now()
        self._state = IdleState.ACTIVE
        self._arm(self.idle_ms)

    def reset_now(self) -> None:
        """Reset at once (a "结束使用" button, or the soak test): as if the countdown ran out."""
        if self._state is IdleState.PAUSED:
            return
        was_warning = self._state is IdleState.WARNING
        self._cancel_timer()
        if was_warning:
            self.on_cancelled()
        self._do_reset()

    def close(self) -> None:
        """Stop all timing (the shell is closing)."""
        self._cancel_timer()
        self._state = IdleState.PAUSED

    # --- Timing -----------------------------------------------------------------

    def _arm(self, delay_ms: int) -> None:
        self._cancel_timer()
        self._timer = self._scheduler.call_later(max(0, delay_ms), self._fire)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _fire(self) -> None:
        self._timer = None
        now = self._now()
        if self._state is IdleState.ACTIVE:
            quiet = now - self._last_activity
            if quiet < self.idle_ms:
                self._arm(self.idle_ms - quiet)
                return
            self._state = IdleState.WARNING
            self._warning_ends = now + self.warning_seconds * 1000
            self._arm(1000)
            self.on_warning(self.warning_seconds)
        elif self._state is IdleState.WARNING:
            left_ms = self._warning_ends - now
            if left_ms <= 0:
                self._do_reset()
                return
            # Wake on the next whole second of the countdown, so a late timer never
            # skips a number on screen for long and the reset lands on time.
            self._arm(left_ms % 1000 or 1000)
            self.on_warning(math.ceil(left_ms / 1000))

    def _do_reset(self) -> None:
        self._state = IdleState.RESTING
        self.resets += 1
        self.on_reset()
