"""语速: the portal toolbar's five rate steps and the rate keys' stepping.

Apart from the narrator so the window can show and step the rate without loading it.
"""

from __future__ import annotations

from accessible_reader.i18n import tr
from accessible_reader.speech.engine import RATE_MIN, clamp_rate

RATE_STEPS: tuple[tuple[str, float], ...] = (
    ("慢", 0.6),
    ("较慢", 0.8),
    ("正常", 1.0),
    ("较快", 1.3),
    ("快", 1.6),
)
"""The portal toolbar's five 语速 steps. Rate 1.0 is broadcast pace, 4.5 syllables a
second (engine.NORMAL_SYLLABLES_PER_SECOND); the espeak engine gives rate r as r times
that, measured: 慢 2.7, 较慢 3.6, 正常 4.5, 较快 5.8, 快 7.2 syllables a second (慢 a
pace for elderly listeners, 快 where experienced screen-reader users begin). Above 快
the rate keys go on in COARSE_STEP, and fine steps in FINE_STEP (0.45 syllables a
second each), up to RATE_MAX (4×, 18 syllables a second, time-stretched above 11)."""

COARSE_STEP = 0.2
"""Rate change per key press above the top preset."""

FINE_STEP = 0.1
"""Rate change per key press in fine mode, anywhere in RATE_MIN..RATE_MAX."""


def step_rate(rate: float, faster: bool, fine: bool = False) -> float:
    """The rate one key press faster or slower (presets first, then COARSE_STEP)."""
    rate = clamp_rate(rate)
    if fine:
        stepped = rate + FINE_STEP if faster else rate - FINE_STEP
        return clamp_rate(round(stepped, 2))
    presets = [value for _, value in RATE_STEPS]
    if faster:
        above = [value for value in presets if value > rate + 1e-6]
        stepped = above[0] if above else rate + COARSE_STEP
    else:
        if rate > presets[-1] + 1e-6:
            stepped = max(presets[-1], rate - COARSE_STEP)
        else:
            below = [value for value in presets if value < rate - 1e-6]
            stepped = below[-1] if below else RATE_MIN
    return clamp_rate(round(stepped, 2))


def rate_label(rate: float) -> str:
    """The Chinese name of a preset rate, else the multiple: 正常, 快, 2.2倍."""
    for label, value in RATE_STEPS:
        if abs(value - rate) < 1e-6:
            return label
    return tr("{scale}倍", scale=f"{rate:g}")
