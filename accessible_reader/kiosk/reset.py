"""Between visitors: put back everything one visitor could change, keep what the admin set.

Settings are split three ways, and a test checks that every field of
accessible_reader.config.Settings is in exactly one set, so a new setting cannot be
forgotten by the reset:

- VISITOR_FIELDS: changed from the kiosk's toolbar or keys (font, zoom, scheme,
  简/繁, rate, volume, sound, captions, pointer, reading guide, text-only, 指读);
  put back to the kiosk's baseline (its config's [reading] table);
- HISTORY_FIELDS: traces of use (recently opened files); emptied;
- ADMIN_FIELDS: only the settings dialog changes them, and a kiosk hides that
  dialog (engine, voice, key overrides, which 繁體 the 简/繁 key uses); kept.

The rest of a reset is the shell's (widgets) and the library's (history); see
SHELL_STEPS and VisitorReset, which runs every step even when one fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, Protocol

from accessible_reader.config import Settings

VISITOR_FIELDS: frozenset[str] = frozenset(
    {
        "font_preset",
        "zoom_percent",
        "scheme",
        "variant",
        "sound",
        "rate",
        "volume",
        "captions",
        "caption_pinyin",
        "cursor_scale",
        "cursor_colour",
        "reading_guide",
        "text_only",
        "point_reading",
    }
)
HISTORY_FIELDS: frozenset[str] = frozenset({"recent_files"})
ADMIN_FIELDS: frozenset[str] = frozenset(
    {"engine", "voice", "shortcuts", "traditional_variant", "taiwan_phrases", "feedback"}
    | {"ui_size", "caption_size", "window_geometry"}
    | {"recognise_pictures"}
    | {"interface_language"}
)

_log = logging.getLogger(__name__)


def unclassified_fields() -> set[str]:
    """Settings fields in none of the three sets (a test keeps this empty)."""
    names = {spec.name for spec in fields(Settings)}
    return names - VISITOR_FIELDS - HISTORY_FIELDS - ADMIN_FIELDS


def visitor_reset_settings(settings: Settings, baseline: Settings | None = None) -> Settings:
    """`settings` with every visitor-changeable field back at `baseline` (default: the
    defaults), history emptied, and the administrator's fields left as they are."""
    base = baseline if baseline is not None else Settings()
    changes: dict[str, Any] = {name: getattr(base, name) for name in VISITOR_FIELDS}
    defaults = Settings()
    changes.update({name: getattr(defaults, name) for name in HISTORY_FIELDS})
    return replace(settings, **changes)


SHELL_STEPS: tuple[tuple[str, str], ...] = (
    ("停止朗读", "stop speech (narrator.stop(); the player forgets its clip)"),
    ("关闭对话框、帮助和提示", "close every dialog, the help overlay and notices"),
    ("清空搜索框和搜索结果", "clear the search text, its results and its undo history"),
    ("清除选中的文字和剪贴板", "clear the selection and the clipboard"),
    ("回到开始页并滚到最上面", "show the start screen (article tiles), scrolled to the top"),
    ("恢复默认设置", "apply visitor_reset_settings(); set the player's volume and rate too"),
    ("清除阅读记录", "library.forget_history(): reading positions and opened times"),
)
"""What a reset does, in order, as (Chinese, English). The shell registers one
VisitorReset step per line; the last is built in when a library is given.
Nothing is saved to the user's settings file in kiosk mode."""


class ForgetsHistory(Protocol):
    """The part of accessible_reader.library.Library a reset needs."""

    def forget_history(self) -> int: ...


@dataclass
class ResetReport:
    """Which steps of one reset failed (the rest ran anyway)."""

    failed: list[tuple[str, str]] = field(default_factory=list)
    """(step name, error) of every step that raised."""

    @property
    def ok(self) -> bool:
        """Whether every step ran cleanly."""
        return not self.failed


class VisitorReset:
    """The reset as a list of steps that all run, in order, whatever one of them raises.

    A failing step (say, clearing a widget that was already deleted) is logged and
    reported, and the next step still runs: stopping speech must not be skipped
    because the search box misbehaved.
    """

    def __init__(self, library: ForgetsHistory | None = None) -> None:
        self._steps: list[tuple[str, Callable[[], object]]] = []
        self._library = library

    def add_step(self, name: str, step: Callable[[], object]) -> None:
        """Run `step` on every reset, after the steps added before it."""
        self._steps.append((name, step))

    @property
    def step_names(self) -> list[str]:
        """The steps in the order they run (the library's last)."""
        names = [name for name, _ in self._steps]
        return [*names, "forget-history"] if self._library is not None else names

    def run(self) -> ResetReport:
        """Run every step; never raises (except KeyboardInterrupt and SystemExit)."""
        report = ResetReport()
        steps = list(self._steps)
        library = self._library
        if library is not None:
            steps.append(("forget-history", library.forget_history))
        for name, step in steps:
            try:
                step()
            except Exception as error:
                _log.exception("kiosk reset step %s failed", name)
                report.failed.append((name, f"{type(error).__name__}: {error}"))
        return report
