"""PIN hashes and the PIN pad's rate limiter, on a hand-driven clock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from accessible_reader.errors import UsageError
from accessible_reader.i18n import Interface
from accessible_reader.kiosk.pin import (
    ALGORITHM,
    DEFAULT_ITERATIONS,
    MIN_ITERATIONS,
    AttemptsFile,
    PinGate,
    check_pin_format,
    hash_pin,
    parse_hash,
    verify_pin,
)

from .helpers import FAST_HASH, PIN, Seconds


def test_hash_has_the_documented_format_and_a_fresh_salt() -> None:
    first = hash_pin("1234", iterations=MIN_ITERATIONS)
    second = hash_pin("1234", iterations=MIN_ITERATIONS)
    algorithm, iterations, salt, digest = first.split("$")
    assert algorithm == ALGORITHM == "pbkdf2_sha256"
    assert int(iterations) == MIN_ITERATIONS
    assert len(bytes.fromhex(salt)) == 16 and len(bytes.fromhex(digest)) == 32
    assert first != second  # salted: the same PIN never gives the same line
    assert "1234" not in first


def test_default_iterations_are_strong() -> None:
    assert DEFAULT_ITERATIONS >= 600_000


def test_verify_accepts_the_pin_and_refuses_others() -> None:
    assert verify_pin(PIN, FAST_HASH)
    assert not verify_pin("2469", FAST_HASH)
    assert not verify_pin("", FAST_HASH)
    assert not verify_pin(PIN + "0", FAST_HASH)


def test_full_width_digits_from_an_input_method_count() -> None:
    assert verify_pin("２４６８", FAST_HASH)
    assert verify_pin(" 2468 ", FAST_HASH)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "2468",
        "md5$1000$00$00",
        "pbkdf2_sha256$abc$00$00",
        "pbkdf2_sha256$10$" + "00" * 16 + "$" + "00" * 32,  # too few iterations
        "pbkdf2_sha256$1000$zz$" + "00" * 32,
        "pbkdf2_sha256$1000$" + "00" * 16 + "$" + "00" * 8,  # short digest
    ],
)
def test_malformed_hashes_verify_nothing(stored: str) -> None:
    assert parse_hash(stored) is None
    assert not verify_pin(PIN, stored)


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", "12 34", "一二三四"])
def test_pin_format_is_four_to_twelve_digits(pin: str) -> None:
    with pytest.raises(UsageError) as raised:
        check_pin_format(pin)
    assert "4–12 位数字" in raised.value.message_zh


def test_gate_counts_wrong_entries_then_locks_for_30_seconds() -> None:
    clock = Seconds()
    gate = PinGate(FAST_HASH, clock=clock)
    first = gate.attempt("0000")
    assert not first.accepted and first.attempts_left == 2 and first.locked_for == 0
    assert "还可以再试 2 次" in str(first.message)
    assert gate.attempt("0000").attempts_left == 1
    third = gate.attempt("0000")
    assert third.locked_for == 30
    assert "请 30 秒后再试" in str(third.message)
    assert third.message.text(Interface("en")) == "Wrong PIN. Please try again in 30 seconds."
    assert third.message.text(Interface("zh_TW")) == "密碼不對。請 30 秒後再試。"
    assert gate.locked_for() == 30


def test_locked_gate_refuses_even_the_right_pin_without_checking_it() -> None:
    clock = Seconds()
    checked: list[str] = []

    def verify(pin: str, stored: str) -> bool:
        checked.append(pin)
        return pin == PIN

    gate = PinGate(FAST_HASH, clock=clock, verify=verify)
    for _ in range(3):
        gate.attempt("0000")
    clock.advance(10)
    refused = gate.attempt(PIN)
    assert not refused.accepted
    assert refused.locked_for == 20
    assert "请 20 秒后再试" in str(refused.message)
    assert refused.message.text(Interface("en")).startswith("Too many attempts. ")
    assert checked == ["0000"] * 3  # the PIN typed while locked was never looked at
    assert gate.locked_for() == 20  # and did not lengthen the lockout
    clock.advance(20)
    assert gate.locked_for() == 0
    assert gate.attempt(PIN).accepted


def test_lockout_doubles_and_is_capped() -> None:
    clock = Seconds()
    gate = PinGate(FAST_HASH, clock=clock, first_lockout=30, max_lockout=200)
    lockouts = []
    for _ in range(2):
        gate.attempt("0000")
    for _ in range(5):
        attempt = gate.attempt("0000")
        lockouts.append(attempt.locked_for)
        clock.advance(attempt.locked_for)
    assert lockouts == [30, 60, 120, 200, 200]


def test_remaining_seconds_round_up() -> None:
    clock = Seconds()
    gate = PinGate(FAST_HASH, clock=clock)
    for _ in range(3):
        gate.attempt("0000")
    clock.advance(29.2)
    assert gate.locked_for() == 1
    clock.advance(0.8)
    assert gate.locked_for() == 0


def test_right_pin_clears_the_count() -> None:
    clock = Seconds()
    gate = PinGate(FAST_HASH, clock=clock)
    gate.attempt("0000")
    gate.attempt("0000")
    assert gate.attempt(PIN).accepted
    assert gate.failures == 0
    assert gate.attempt("0000").attempts_left == 2


def test_old_wrong_entries_are_forgotten() -> None:
    clock = Seconds()
    gate = PinGate(FAST_HASH, clock=clock, forget_after=3600)
    gate.attempt("0000")
    gate.attempt("0000")
    clock.advance(3600)
    assert gate.attempt("0000").attempts_left == 2  # a fresh start, not a lockout


def test_gate_rejects_nonsense_limits() -> None:
    with pytest.raises(ValueError):
        PinGate(FAST_HASH, free_attempts=0)
    with pytest.raises(ValueError):
        PinGate(FAST_HASH, first_lockout=60, max_lockout=30)


# --- The count on disk (issue 19.7: a restart must not clear a lockout) ------------------


def restarted(path: Path, wall: Seconds, monotonic: Seconds | None = None) -> PinGate:
    """A gate as a freshly started kiosk makes it (a new monotonic clock each time)."""
    return PinGate(
        FAST_HASH, clock=monotonic or Seconds(5.0), saved=AttemptsFile(path, wall_clock=wall)
    )


def test_a_restart_keeps_the_lockout_and_the_count(tmp_path: Path) -> None:
    path, wall = tmp_path / "attempts.json", Seconds(1_700_000_000.0)
    gate = restarted(path, wall)
    for _ in range(3):
        gate.attempt("0000")
    assert gate.locked_for() == 30
    wall.advance(2)  # systemd restarts the kiosk within two seconds
    again = restarted(path, wall)
    assert again.locked_for() == 28
    assert not again.attempt(PIN).accepted  # not even looked at while locked
    wall.advance(28)
    later = restarted(path, wall)
    assert later.locked_for() == 0
    # The count survived too: the next wrong entry doubles the lockout at once.
    assert later.attempt("0000").locked_for == 60


def test_the_time_spent_down_counts_and_a_clock_set_back_does_not_lengthen(
    tmp_path: Path,
) -> None:
    path, wall = tmp_path / "attempts.json", Seconds(1_700_000_000.0)
    gate = restarted(path, wall)
    for _ in range(3):
        gate.attempt("0000")
    wall.advance(-10_000)  # the clock was set back while the kiosk was down
    assert restarted(path, wall).locked_for() == 30
    wall.advance(10_000 + 3600)  # an hour down: the lockout is over, the count forgotten
    assert restarted(path, wall).attempt("0000").attempts_left == 2


def test_the_right_pin_clears_the_file(tmp_path: Path) -> None:
    path, wall = tmp_path / "attempts.json", Seconds(1_700_000_000.0)
    gate = restarted(path, wall)
    gate.attempt("0000")
    gate.attempt("0000")
    assert restarted(path, wall).failures == 2
    assert restarted(path, wall).attempt(PIN).accepted
    assert restarted(path, wall).failures == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"[]", b'{"failures": "x"}', b'{"failures": 1e999}', b"[" * 100_000],
)
def test_a_damaged_file_means_a_clear_count(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "attempts.json"
    path.write_bytes(content)
    gate = restarted(path, Seconds())
    assert gate.failures == 0 and gate.locked_for() == 0


def test_an_absurd_count_is_capped_not_computed(tmp_path: Path) -> None:
    path = tmp_path / "attempts.json"
    path.write_text(
        '{"failures": 10000000000000, "locked_until": 0, "last_failure": 999, "saved_at": 1000}',
        encoding="utf-8",
    )
    gate = restarted(path, Seconds(1000.0))
    assert gate.attempt("0000").locked_for == 900  # the maximum, at once


def test_an_unwritable_file_never_stops_the_pad(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    gate = restarted(blocker / "attempts.json", Seconds())  # a folder that is a file
    assert gate.attempt("0000").attempts_left == 2
    assert gate.attempt(PIN).accepted


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_as_the_attempts_file_is_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "attempts.json"
    os.mkfifo(path)
    assert AttemptsFile(path).load() is None
