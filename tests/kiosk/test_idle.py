"""Idle → "还在使用吗？" → reset, on the narrator's ManualClock: no waiting, no sleeps."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from accessible_reader.kiosk.idle import IdleMonitor, IdleState
from accessible_reader.speech.narrator import ManualClock


@dataclass
class Shell:
    """Records what the monitor asks the shell to do."""

    events: list[str] = field(default_factory=list)

    def warning(self, seconds: int) -> None:
        self.events.append(f"warn {seconds}")

    def cancelled(self) -> None:
        self.events.append("cancelled")

    def reset(self) -> None:
        self.events.append("reset")


def state(monitor: IdleMonitor) -> IdleState:
    """The state, read through a call so the type checker does not pin it between steps."""
    return monitor.state


def make(idle: float = 120, warning: int = 15) -> tuple[ManualClock, IdleMonitor, Shell]:
    clock = ManualClock()
    shell = Shell()
    monitor = IdleMonitor(
        clock,
        idle_seconds=idle,
        warning_seconds=warning,
        now_ms=lambda: clock.now,
        on_warning=shell.warning,
        on_cancelled=shell.cancelled,
        on_reset=shell.reset,
    )
    return clock, monitor, shell


def test_starts_resting_with_nothing_scheduled() -> None:
    clock, monitor, shell = make()
    assert state(monitor) is IdleState.RESTING
    clock.advance(3_600_000)
    assert shell.events == []
    assert clock.pending == 0


def test_idle_then_countdown_each_second_then_reset() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    assert state(monitor) is IdleState.ACTIVE
    clock.advance(119_999)
    assert shell.events == []
    clock.advance(1)
    assert state(monitor) is IdleState.WARNING
    assert shell.events == ["warn 15"]
    assert monitor.seconds_left() == 15
    clock.advance(14_000)
    assert shell.events == [f"warn {n}" for n in range(15, 0, -1)]
    assert monitor.seconds_left() == 1
    clock.advance(999)
    assert "reset" not in shell.events
    clock.advance(1)
    assert shell.events[-1] == "reset"
    assert state(monitor) is IdleState.RESTING
    assert monitor.resets == 1


def test_after_a_reset_the_empty_kiosk_is_left_alone() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    clock.advance(135_000)
    assert shell.events.count("reset") == 1
    clock.advance(24 * 3_600_000)
    assert shell.events.count("reset") == 1
    assert shell.events.count("warn 15") == 1
    assert clock.pending == 0


def test_activity_keeps_the_kiosk_active() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    for _ in range(100):  # a visitor touching every minute for 100 minutes
        clock.advance(60_000)
        monitor.activity()
    assert shell.events == []
    clock.advance(120_000)
    assert shell.events == ["warn 15"]


def test_many_activities_do_not_pile_up_timers() -> None:
    clock, monitor, _ = make()
    for _ in range(10_000):  # mouse moves
        monitor.activity()
        clock.advance(1)
    assert clock.pending == 1


def test_a_touch_during_the_countdown_cancels_it() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    clock.advance(125_000)
    assert shell.events[-1] == "warn 10"
    monitor.activity()
    assert shell.events[-1] == "cancelled"
    assert state(monitor) is IdleState.ACTIVE
    assert monitor.seconds_left() == 0
    clock.advance(119_999)
    assert "reset" not in shell.events
    assert shell.events.count("warn 15") == 1
    clock.advance(1)
    assert shell.events[-1] == "warn 15"  # a full idle period from the touch


def test_admin_dialog_pauses_everything() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    clock.advance(60_000)
    monitor.pause()
    assert state(monitor) is IdleState.PAUSED
    monitor.activity()  # typing the PIN is not a visitor
    clock.advance(3_600_000)
    assert shell.events == []
    monitor.resume()
    assert state(monitor) is IdleState.ACTIVE
    clock.advance(119_000)
    assert shell.events == []
    clock.advance(1_000)
    assert shell.events == ["warn 15"]


def test_pause_during_the_countdown_hides_it() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    clock.advance(121_000)
    monitor.pause()
    assert shell.events[-1] == "cancelled"
    clock.advance(60_000)
    assert "reset" not in shell.events
    monitor.resume()
    monitor.resume()  # twice is harmless
    clock.advance(135_000)
    assert shell.events[-1] == "reset"


def test_late_timers_still_reset_on_time_and_count_down() -> None:
    """A real event loop fires late: the countdown follows the clock, not the tick count."""
    clock, monitor, shell = make(warning=5)
    monitor.activity()
    clock.advance(120_000)
    # Jump past several ticks at once, as a busy event loop would.
    clock.advance(2_500)
    assert monitor.seconds_left() == 3
    clock.advance(2_500)
    assert shell.events[-1] == "reset"


def test_reset_now_for_an_end_of_visit_button() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    clock.advance(121_000)
    monitor.reset_now()
    assert shell.events[-2:] == ["cancelled", "reset"]
    assert state(monitor) is IdleState.RESTING
    assert clock.pending == 0
    clock.advance(600_000)
    assert shell.events.count("reset") == 1


def test_close_stops_all_timing() -> None:
    clock, monitor, shell = make()
    monitor.activity()
    monitor.close()
    clock.advance(3_600_000)
    assert shell.events == []
    assert clock.pending == 0


def test_a_visitor_after_a_reset_starts_a_new_cycle() -> None:
    clock, monitor, shell = make(idle=20, warning=5)
    for visitor in range(3):
        monitor.activity()
        clock.advance(25_000)
        assert monitor.resets == visitor + 1
    assert shell.events.count("reset") == 3


@pytest.mark.parametrize(("idle", "warning"), [(0, 15), (120, 0)])
def test_nonsense_durations_are_refused(idle: float, warning: int) -> None:
    with pytest.raises(ValueError):
        make(idle=idle, warning=warning)
