"""The administrator's PIN: stored only as a salted PBKDF2 hash, guarded by a rate limiter.

A kiosk PIN is short (4–12 digits), so the hash mainly keeps it from being read off
the config file at a glance; what protects it against guessing at the screen is
`PinGate`, which locks the PIN pad for 30 s, 60 s, 120 s … after repeated wrong
entries; `AttemptsFile` keeps its count and lockout on disk, so restarting the kiosk
(the systemd unit does so within seconds) gives no fresh tries. The config file
itself should be writable only by the administrator.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import os
import secrets
import stat
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from accessible_reader import atomic
from accessible_reader.config import APP_NAME
from accessible_reader.errors import UsageError
from accessible_reader.i18n import N_, Message

_log = logging.getLogger(__name__)
ATTEMPTS_FILE = "kiosk-pin-attempts.json"
MAX_COUNTED = 64
"""Failures beyond this change nothing (the lockout is at its maximum long before)."""

ALGORITHM = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 600_000
"""OWASP's 2023 figure for PBKDF2-SHA256: about 0.3 s on a small kiosk PC, once per entry."""

MIN_ITERATIONS = 1_000
"""Below this a stored hash is refused as malformed (tests use small counts for speed)."""

SALT_BYTES = 16
PIN_MIN_LENGTH = 4
PIN_MAX_LENGTH = 12


def normalise_pin(pin: str) -> str:
    """Full-width digits from a Chinese input method (１２３４) count as 1234."""
    return unicodedata.normalize("NFKC", pin).strip()


def check_pin_format(pin: str) -> str:
    """The normalised PIN, or UsageError saying what a PIN must look like.

    Digits only, so it can be typed on the shell's on-screen number pad.
    """
    pin = normalise_pin(pin)
    if not (pin.isascii() and pin.isdigit()) or not (PIN_MIN_LENGTH <= len(pin) <= PIN_MAX_LENGTH):
        raise UsageError(
            "管理员密码（PIN）必须是 {PIN_MIN_LENGTH}–{PIN_MAX_LENGTH} 位数字。",
            PIN_MIN_LENGTH=PIN_MIN_LENGTH,
            PIN_MAX_LENGTH=PIN_MAX_LENGTH,
        )
    return pin


def hash_pin(pin: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """`pbkdf2_sha256$iterations$salt_hex$hash_hex` for a PIN (checked by check_pin_format)."""
    pin = check_pin_format(pin)
    if iterations < MIN_ITERATIONS:
        raise ValueError(f"iterations must be at least {MIN_ITERATIONS}")
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("ascii"), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


@dataclass(frozen=True)
class ParsedHash:
    """A stored hash taken apart."""

    iterations: int
    salt: bytes
    digest: bytes


def parse_hash(stored: str) -> ParsedHash | None:
    """The parts of a stored hash, or None when it is not one hash_pin could have written."""
    parts = stored.strip().split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM:
        return None
    try:
        iterations = int(parts[1])
        salt = bytes.fromhex(parts[2])
        digest = bytes.fromhex(parts[3])
    except ValueError:
        return None
    if iterations < MIN_ITERATIONS or len(salt) < 8 or len(digest) != 32:
        return None
    return ParsedHash(iterations, salt, digest)


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash; False for a malformed hash, never an error."""
    parsed = parse_hash(stored)
    if parsed is None:
        return False
    candidate = hashlib.pbkdf2_hmac(
        "sha256", normalise_pin(pin).encode("utf-8"), parsed.salt, parsed.iterations
    )
    return hmac.compare_digest(candidate, parsed.digest)


# ---------------------------------------------------------------------------
# Rate limiting


@dataclass(frozen=True)
class Attempt:
    """What one PIN entry came to, with the sentence the PIN dialog shows."""

    accepted: bool
    locked_for: int
    """Whole seconds (rounded up) before the next entry is looked at; 0 = may try now."""
    attempts_left: int
    """Wrong entries still allowed before the next lockout."""
    message: Message
    """The sentence the PIN dialog shows (translated there)."""
    lead: str = ""
    """For a lockout: the sentence's msgid, its {wait} the 请 N 秒后再试 that counts down."""


TOO_MANY = N_("尝试次数过多。{wait}")
"""What the PIN pad says while locked ({wait}: lockout_message)."""


def lockout_message(seconds: int) -> Message:
    """The "请 30 秒后再试" sentence."""
    return Message("请 {seconds} 秒后再试。", seconds=seconds)


@dataclass(frozen=True)
class SavedAttempts:
    """The gate's state as kept between runs, in seconds relative to when it was saved."""

    failures: int
    locked_for: float
    """Seconds of lockout still to run when saved (0 = open)."""
    since_failure: float
    """Seconds since the last wrong entry when saved (inf = none counted)."""


def default_attempts_path() -> Path:
    """Where a kiosk keeps its PIN attempts: the user's data folder (READER_DATA_DIR)."""
    folder = os.environ.get("READER_DATA_DIR") or platformdirs.user_data_dir(
        APP_NAME, appauthor=False
    )
    return Path(folder) / ATTEMPTS_FILE


class AttemptsFile:
    """PinGate's count and lockout on disk.

    Times are stored as wall-clock moments (a restart resets the monotonic clock); the
    time the kiosk was down counts towards the lockout. A clock set back never makes
    a lockout longer than it was. A missing or damaged file means no failures; a file
    that cannot be written is logged, never raised: the PIN pad must keep working.
    """

    def __init__(self, path: Path, *, wall_clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._wall_clock = wall_clock

    def load(self) -> SavedAttempts | None:
        """The saved state with the time since it was saved taken off, or None."""
        try:
            if not stat.S_ISREG(self.path.stat().st_mode):  # never block on a FIFO
                return None
            data = json.loads(self.path.read_bytes())
            failures = int(data["failures"])
            locked_until = float(data["locked_until"])
            last_failure = float(data["last_failure"])
            saved_at = float(data["saved_at"])
        except (OSError, ValueError, TypeError, KeyError, OverflowError, RecursionError):
            return None
        if failures <= 0:
            return None
        failures = min(failures, MAX_COUNTED)
        now = self._wall_clock()
        elapsed = max(0.0, now - saved_at)
        locked_for = max(0.0, locked_until - saved_at - elapsed)
        since = math.inf if math.isinf(last_failure) else saved_at - last_failure + elapsed
        return SavedAttempts(failures, locked_for, max(0.0, since))

    def save(self, failures: int, locked_for: float, since_failure: float) -> None:
        """Keep the state; `since_failure` may be inf (no failure counted)."""
        now = self._wall_clock()
        data = {
            "failures": failures,
            "locked_until": now + max(0.0, locked_for),
            "last_failure": -math.inf if math.isinf(since_failure) else now - since_failure,
            "saved_at": now,
        }
        try:
            atomic.write_text(self.path, json.dumps(data) + "\n")
        except OSError:
            _log.exception("could not keep the PIN attempts in %s", self.path)


class PinGate:
    """Checks PIN entries and rate-limits wrong ones.

    The first `free_attempts - 1` wrong entries only count; the next one locks
    the gate for `first_lockout` seconds, and every wrong entry after that doubles
    the lockout up to `max_lockout`. While locked, entries are refused without being
    checked (and do not lengthen the lockout). The right PIN clears the count; so
    does `forget_after` seconds without a wrong entry, so stray taps spread over
    weeks do not add up. Time comes from `clock` (monotonic seconds), so tests
    drive it by hand. With `saved`, the count and lockout survive a restart.
    """

    def __init__(
        self,
        stored_hash: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        free_attempts: int = 3,
        first_lockout: float = 30.0,
        max_lockout: float = 900.0,
        forget_after: float = 3600.0,
        verify: Callable[[str, str], bool] = verify_pin,
        saved: AttemptsFile | None = None,
    ) -> None:
        if free_attempts < 1 or first_lockout <= 0 or max_lockout < first_lockout:
            raise ValueError("free_attempts >= 1 and 0 < first_lockout <= max_lockout")
        self._stored = stored_hash
        self._clock = clock
        self._free = free_attempts
        self._first = first_lockout
        self._max = max_lockout
        self._forget_after = forget_after
        self._verify = verify
        self._saved = saved
        self._failures = 0
        self._last_failure = -math.inf
        self._locked_until = -math.inf
        state = saved.load() if saved is not None else None
        if state is not None:
            now = clock()
            self._failures = state.failures
            self._last_failure = now - state.since_failure
            if state.locked_for > 0:
                self._locked_until = now + min(state.locked_for, max_lockout)

    @property
    def failures(self) -> int:
        """Wrong entries counted so far."""
        return self._failures

    def locked_for(self) -> int:
        """Whole seconds (rounded up) until an entry will be checked again; 0 when open."""
        remaining = self._locked_until - self._clock()
        return math.ceil(remaining) if remaining > 0 else 0

    def _keep(self) -> None:
        if self._saved is None:
            return
        now = self._clock()
        self._saved.save(
            self._failures, max(0.0, self._locked_until - now), now - self._last_failure
        )

    def attempt(self, pin: str) -> Attempt:
        """Check one entry (unless locked) and say what to show."""
        now = self._clock()
        waiting = self.locked_for()
        if waiting > 0:
            lead = TOO_MANY
            return Attempt(False, waiting, 0, Message(lead, wait=lockout_message(waiting)), lead)
        if now - self._last_failure >= self._forget_after:
            self._failures = 0
        if self._verify(pin, self._stored):
            self._failures = 0
            self._last_failure = -math.inf
            self._locked_until = -math.inf
            self._keep()
            return Attempt(True, 0, self._free, Message("密码正确。"))
        self._failures += 1
        self._last_failure = now
        beyond = self._failures - self._free
        if beyond < 0:
            self._keep()
            left = -beyond
            return Attempt(
                False,
                0,
                left,
                Message("密码不对，还可以再试 {left} 次。", left=left),
            )
        lockout = min(self._max, self._first * (2 ** min(beyond, MAX_COUNTED)))
        self._locked_until = now + lockout
        self._keep()
        seconds = math.ceil(lockout)
        lead = N_("密码不对。{wait}")
        return Attempt(False, seconds, 0, Message(lead, wait=lockout_message(seconds)), lead)
