"""Set, cycle, step or toggle any setting by name, with the announcement users hear.

Every keyboard command that changes one setting (字号, 缩放, 配色, 语速, 音量, 大鼠标, …)
goes through here instead of one window method per option: the new value comes from
the field's declaration in accessible_reader.config.Settings (choices, bounds, step),
and the announcement "<label>：<value label>" from the same declaration (metadata
``spoken``, ``value_labels``, ``unit``, ``shown_scale``; booleans are 开/关). Qt-free,
so it is tested without a window.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from accessible_reader.config import Settings
from accessible_reader.host_parts import Announces, HasSettings, ReplacesSettings
from accessible_reader.i18n import tr

BOOL_LABELS: dict[bool, str] = {True: "开", False: "关"}
"""How a boolean setting is said."""


@dataclass(frozen=True)
class FieldInfo:
    """What a command needs to know about one settings field."""

    name: str
    default: Any
    spoken: str
    choices: tuple[Any, ...] | None
    bounds: tuple[float, float] | None
    step: float | None
    value_labels: Mapping[Any, str]
    unit: str
    shown_scale: float


@functools.cache
def _fields() -> dict[str, FieldInfo]:
    infos: dict[str, FieldInfo] = {}
    for spec in dataclasses.fields(Settings):
        metadata = spec.metadata
        infos[spec.name] = FieldInfo(
            name=spec.name,
            default=spec.default,
            spoken=metadata.get("spoken", metadata.get("label", spec.name)),
            choices=metadata.get("choices"),
            bounds=metadata.get("range"),
            step=metadata.get("step"),
            value_labels=metadata.get("value_labels", {}),
            unit=metadata.get("unit", ""),
            shown_scale=metadata.get("shown_scale", 1),
        )
    return infos


def field_info(name: str) -> FieldInfo:
    """The declaration of setting `name`; KeyError for a name Settings does not have."""
    try:
        return _fields()[name]
    except KeyError:
        raise KeyError(f"no setting called {name!r}") from None


def value_label(name: str, value: Any) -> str:
    """A value as users hear it: 黑底黄字, 正常, 2倍, 120%, 开."""
    info = field_info(name)
    if isinstance(value, bool):
        return BOOL_LABELS[value]
    for known, label in info.value_labels.items():
        if known == value or (
            isinstance(value, float) and isinstance(known, (int, float)) and _close(known, value)
        ):
            return label
    if isinstance(value, (int, float)):
        shown = value * info.shown_scale
        number = round(shown) if info.shown_scale != 1 else shown
        return f"{number:g}{tr(info.unit) if info.unit else ''}"
    return str(value)


def announcement(name: str, value: Any) -> str:
    """ "<label>：<value label>" (字号：特大), or the value alone for an unlabelled field."""
    info = field_info(name)
    label = value_label(name, value)
    if not info.spoken:
        return tr(label)
    return tr("{label}：{value}", label=info.spoken, value=label)


def toggle_announcement(name: str, value: Any, on: bool) -> str:
    """A choice turned on or off by its own key: 十字线：开, then 阅读辅助：关."""
    if on:
        return tr("{label}：{value}", label=value_label(name, value), value=BOOL_LABELS[True])
    return announcement(name, field_info(name).default)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=1e-6)


def _decimals(step: float) -> int:
    text = f"{step:g}"
    return len(text.split(".")[1]) if "." in text else 0


def bounded(name: str, value: Any) -> Any:
    """`value` kept within the field's bounds (and to its step's precision)."""
    info = field_info(name)
    if info.bounds is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    low, high = info.bounds
    if isinstance(value, float) and math.isnan(value):
        value = info.default
    kept = min(high, max(low, value))
    if isinstance(info.default, int):
        return round(kept)
    return round(float(kept), _decimals(info.step or 0.01) + 1)


def stepped(settings: Settings, name: str, steps: int) -> Any:
    """The value `steps` steps on, stopping at the ends: the next 字号 preset (a list of
    choices), or the value plus steps × the declared step within the bounds."""
    info = field_info(name)
    current = getattr(settings, name)
    if info.choices is not None:
        index = info.choices.index(current) + steps
        return info.choices[max(0, min(len(info.choices) - 1, index))]
    if info.step is None:
        raise ValueError(f"setting {name!r} declares no step")
    return bounded(name, round(current + steps * info.step, _decimals(info.step) + 1))


def cycled(settings: Settings, name: str, steps: int = 1) -> Any:
    """The value `steps` places on, round and round: the next choice, the other
    boolean, or for a number the next named value (语速 慢 … 快)."""
    info = field_info(name)
    current = getattr(settings, name)
    if isinstance(info.default, bool):
        return not current if steps % 2 else current
    if info.choices is not None:
        return info.choices[(info.choices.index(current) + steps) % len(info.choices)]
    stops = sorted(info.value_labels)
    if not stops:
        raise ValueError(f"setting {name!r} has nothing to cycle through")
    if steps >= 0:
        above = [value for value in stops if value > current + 1e-6]
        return above[0] if above else stops[0]
    below = [value for value in stops if value < current - 1e-6]
    return below[-1] if below else stops[-1]


def toggled(settings: Settings, name: str, value: Any = None) -> Any:
    """A boolean flipped; or a choice `value` turned on, or back to the default when it
    is already on (十字线 on, then off)."""
    current = getattr(settings, name)
    if value is None:
        return not current
    return field_info(name).default if current == value else value


class SettingsHost(HasSettings, ReplacesSettings, Announces, Protocol):
    """What the commands need from the window."""


ANNOUNCED_FIRST = frozenset({"scheme", "font_preset", "zoom_percent", "variant"})
"""Said before the change is applied: the page is laid out again (字号, 缩放, 简/繁: 100+
ms on a long page) or every control repainted (配色), and the announcement must not
wait behind it (issue 12: key → screen reader under 50 ms). 简/繁 is said in the script
switched to."""


class SettingCommands:
    """The window's setting commands: change one setting, save, redraw, announce."""

    def __init__(self, host: SettingsHost) -> None:
        self._host = host

    def _apply(self, name: str, value: Any, text: str | None = None) -> None:
        value = bounded(name, value)
        text = announcement(name, value) if text is None else text
        host = self._host
        if name in ANNOUNCED_FIRST:
            host.announce(text, value if name == "variant" else None)
        host.replace_settings(replace(host.settings, **{name: value}))
        if name not in ANNOUNCED_FIRST:
            host.announce(text)

    def set(self, name: str, value: Any) -> None:
        """Setting `name` to `value` (numbers kept within their bounds)."""
        self._apply(name, value)

    def step(self, name: str, steps: int) -> None:
        """`steps` steps up or down, stopping at the ends (放大, 缩小, 加快, 音量)."""
        self._apply(name, stepped(self._host.settings, name, steps))

    def cycle(self, name: str, steps: int = 1) -> None:
        """On to the next value, round and round (配色, 语速, 大鼠标)."""
        self._apply(name, cycled(self._host.settings, name, steps))

    def toggle(self, name: str, value: Any = None) -> None:
        """A switch on or off (纯文本, 大字幕); with `value`, that choice on or off
        (十字线, 阅读标尺)."""
        new = toggled(self._host.settings, name, value)
        text = None if value is None else toggle_announcement(name, value, new == value)
        self._apply(name, new, text)
