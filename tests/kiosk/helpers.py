"""Shared pieces of the kiosk tests: a fast PIN hash and a seconds clock driven by hand."""

from __future__ import annotations

from accessible_reader.kiosk.pin import MIN_ITERATIONS, hash_pin

PIN = "2468"
FAST_HASH = hash_pin(PIN, iterations=MIN_ITERATIONS, salt=bytes(range(16)))
"""A valid stored hash that takes microseconds to check (the default takes ~0.3 s)."""


class Seconds:
    """A monotonic-seconds clock that moves only when told (for PinGate and the refresher)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
