"""Settings: every option declared once, with type, default, valid values and meaning.

The `Settings` dataclass is the schema: each field's annotation and metadata (see
`_setting`) are what accessible_reader.schema checks a saved file against, with msgspec,
value by value. Saved atomically as JSON in the platform's config folder, with a
schema version and migrations. A file that cannot be read as JSON is renamed aside
and defaults are used; a file with some wrong values keeps every valid one, the rest
go back to their defaults, a copy of the original is kept and the file is repaired,
so the caller's notice is shown once.
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import platformdirs

from accessible_reader import atomic, i18n, schema
from accessible_reader.i18n import Joined, Message
from accessible_reader.speech import engine as speech_engine
from accessible_reader.speech.rates import RATE_STEPS

APP_NAME = "accessible-reader"
SCHEMA_VERSION = 1

FONT_PRESETS = ("small", "medium", "large", "xlarge")
"""字号 presets 小 / 中 / 大 / 特大; pixel sizes live in accessible_reader.ui.theme."""

SCHEMES = ("default", "white-black", "black-white", "black-yellow", "yellow-black", "blue-yellow")
"""配色 names, background first (黑底黄字 = black-yellow); colours live in ui.theme."""

VARIANTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")
"""简体, 繁體, 繁體·台灣, 繁體·香港."""

TRADITIONAL_VARIANTS = VARIANTS[1:]
READING_GUIDES = ("off", "crosshair", "ruler")
CURSOR_SCALES = (1, 2, 3)
CURSOR_COLOURS = ("black", "white", "yellow")
ZOOM_MIN, ZOOM_MAX = 50, 300
"""缩放 bounds (%), declared once: the schema checks them, the zoom keys stop at them."""
RATE_MIN, RATE_MAX = speech_engine.RATE_MIN, speech_engine.RATE_MAX


MAX_RECENT = 100
"""Recent files kept in the file (the menu shows fewer); a longer list is cut."""
MAX_SHORTCUTS = 500
"""Key overrides kept (there are fewer actions); a longer list is cut."""

UI_SIZES = ("standard", "large", "xlarge")
"""界面大小 标准 / 大 / 特大: menus, toolbars, dialogs; pixel sizes live in ui.theme."""

CAPTION_SIZES = ("large", "xlarge", "huge")
"""字幕大小 大 / 特大 / 超大 of the big captions; pixel sizes live in ui.theme."""

FEEDBACK_MODES = ("auto", "screen-reader", "own-voice", "off")
"""操作提示: where action results are spoken (auto = the screen reader when one runs)."""

ENGINES = ("auto", "espeak", "pyttsx3", "silent", "speechd", "onecore")
"""Speech engines; auto tries espeak, then pyttsx3, then the silent engine. speechd
(speech-dispatcher's voices, Linux) and onecore (Windows OneCore voices) are chosen by
name and fall back to espeak."""

FONT_PRESET_LABELS: dict[str, str] = {
    "small": "小",
    "medium": "中",
    "large": "大",
    "xlarge": "特大",
}
"""字号 presets as users see them (catalog msgids: translated where shown)."""

SCHEME_LABELS: dict[str, str] = {
    "default": "默认",
    "white-black": "白底黑字",
    "black-white": "黑底白字",
    "black-yellow": "黑底黄字",
    "yellow-black": "黄底黑字",
    "blue-yellow": "蓝底黄字",
}
"""配色 names as users see them (catalog msgids); the colours live in ui.theme."""

CHOICE_LABELS: dict[str, str] = {
    # value: its label as users see it (a catalog msgid)
    "zh-Hans": "简体中文",
    "zh-Hant": "繁體中文",
    "zh-TW": "繁體中文（台灣）",
    "zh-HK": "繁體中文（香港）",
    "off": "关",
    "crosshair": "十字线",
    "ruler": "阅读标尺",
    "black": "黑色",
    "white": "白色",
    "yellow": "黄色",
    "auto": "自动选择",
    "espeak": "eSpeak NG",
    "pyttsx3": "系统语音",
    "silent": "静音（只显示）",
    "standard": "标准",
    "large": "大",
    "xlarge": "特大",
    "huge": "超大",
    "screen-reader": "读屏软件",
    "own-voice": "本程序语音",
    "speechd": "语音调度器中的系统语音",
    "onecore": "微软系统语音（慧慧、瑶瑶、康康）",
}
"""Labels of the other choice values (schemes and presets are named above)."""


def _zh(labels: dict[str, str], names: tuple[str, ...]) -> dict[Any, str]:
    return {name: labels[name] for name in names}


def _choice(
    default: str,
    label_zh: str,
    doc: str,
    choices: tuple[str, ...],
    *,
    labels: dict[str, str] = CHOICE_LABELS,
    spoken: str | None = None,
) -> Any:
    """A setting that is one of `choices`, each said and shown by its label in `labels`."""
    return _setting(
        default, label_zh, doc, choices=choices, spoken=spoken, value_labels=_zh(labels, choices)
    )


def _setting(
    default: Any,
    label_zh: str,
    doc: str,
    *,
    choices: tuple[Any, ...] | None = None,
    bounds: tuple[float, float] | None = None,
    step: float | None = None,
    user_visible: bool = True,
    max_items: int | None = None,
    parts: tuple[str, ...] | None = None,
    spoken: str | None = None,
    value_labels: dict[Any, str] | None = None,
    unit: str = "",
    shown_scale: float = 1,
) -> Any:
    """A settings field; the metadata is what validation and the settings dialog use.

    `choices` or `bounds` limit the value; for a list, `max_items` caps its length
    (the first items are kept) and `parts` names the parts of each entry in messages.
    Announcements of a change say "<spoken>：<value label>" (accessible_reader.
    setting_commands): `spoken` defaults to the label ("" = the value alone);
    `value_labels` names values, others are shown times `shown_scale` with `unit`.
    """
    metadata: dict[str, Any] = {"label": label_zh, "doc": doc, "user_visible": user_visible}
    if choices is not None:
        metadata["choices"] = choices
    if bounds is not None:
        metadata["range"] = bounds
        metadata["step"] = step
    if max_items is not None:
        metadata["max_items"] = max_items
    if parts is not None:
        metadata["parts"] = parts
    metadata["spoken"] = label_zh if spoken is None else spoken
    if value_labels is not None:
        metadata["value_labels"] = value_labels
    metadata["unit"] = unit
    metadata["shown_scale"] = shown_scale
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """The user's settings. Field metadata holds the valid values and the meaning."""

    font_preset: str = _choice(
        "medium",
        "字号",
        "font size preset",
        FONT_PRESETS,
        labels=FONT_PRESET_LABELS,
    )
    zoom_percent: int = _setting(
        100,
        "缩放（%）",
        "zoom on top of the preset",
        bounds=(ZOOM_MIN, ZOOM_MAX),
        step=10,
        spoken="缩放",
        unit="%",
    )
    scheme: str = _choice("default", "配色", "colour scheme", SCHEMES, labels=SCHEME_LABELS)
    variant: str = _choice("zh-Hans", "文字", "script shown", VARIANTS, spoken="")
    traditional_variant: str = _choice(
        "zh-Hant",
        "繁体按钮切换到",
        "the Traditional form the variant key switches to",
        TRADITIONAL_VARIANTS,
    )
    taiwan_phrases: bool = _setting(False, "台湾用语（软件→軟體）", "zh-TW also converts phrases")
    sound: bool = _setting(True, "声音", "speech and spoken feedback on")
    rate: float = _setting(
        1.0,
        "语速（倍）",
        "speech rate, 1.0 = normal",
        bounds=(RATE_MIN, RATE_MAX),
        step=0.1,
        spoken="语速",
        value_labels={value: zh for zh, value in RATE_STEPS},
        unit="倍",
    )
    volume: float = _setting(
        1.0, "音量", "speech volume", bounds=(0.0, 1.0), step=0.1, unit="%", shown_scale=100
    )
    engine: str = _choice("auto", "语音引擎", "speech engine", ENGINES)
    voice: str = _setting("", "语音", "voice id; empty = the engine's best Mandarin voice")
    captions: bool = _setting(False, "大字幕", "caption panel shown")
    caption_pinyin: bool = _setting(
        False, "字幕显示拼音", "pinyin above caption characters", spoken="字幕拼音"
    )
    cursor_scale: int = _setting(
        1,
        "大鼠标（倍）",
        "pointer scale",
        choices=CURSOR_SCALES,
        spoken="大鼠标",
        value_labels={1: "关"},
        unit="倍",
    )
    cursor_colour: str = _choice("black", "鼠标颜色", "pointer colour", CURSOR_COLOURS)
    reading_guide: str = _choice("off", "阅读辅助", "crosshair or reading ruler", READING_GUIDES)
    text_only: bool = _setting(False, "纯文本", "images as alt text, tables as lines")
    point_reading: bool = _setting(False, "指读", "point-reading mode")
    recognise_pictures: bool = _setting(
        True, "识别图片文字", "read the text in pictures offline (OCR) after the page is shown"
    )
    feedback: str = _choice("auto", "操作提示", "who speaks action results", FEEDBACK_MODES)
    recent_files: tuple[str, ...] = _setting(
        (), "最近打开", "recently opened sources", user_visible=False, max_items=MAX_RECENT
    )
    shortcuts: tuple[tuple[str, str], ...] = _setting(
        (),
        "快捷键",
        "action id → key sequence overrides",
        user_visible=False,
        max_items=MAX_SHORTCUTS,
        parts=("动作编号", "按键文字"),
    )
    ui_size: str = _choice(
        "standard",
        "界面大小",
        "menus, toolbars, dialogs (font_preset enlarges the article)",
        UI_SIZES,
    )
    caption_size: str = _choice(
        "large",
        "字幕大小",
        "big-caption characters (never below the body text)",
        CAPTION_SIZES,
    )
    window_geometry: tuple[int, ...] = _setting(
        (),
        "窗口位置",
        "x, y, width, height, maximised (1/0); empty = maximised",
        user_visible=False,
    )
    interface_language: str = _setting(
        i18n.FOLLOW_SYSTEM,
        "界面语言",
        "menus, messages, help; READER_LANG overrides; the variant converts the article",
        choices=i18n.CHOICES,
        value_labels=dict(i18n.LANGUAGE_NAMES),
    )

    def validated(self) -> Settings:
        """A copy with every out-of-range or wrongly typed value reset to its default
        (and every bad item of a list dropped)."""
        copy: Settings = schema.valid_copy(self)
        return copy


def check_dict(data: dict[str, Any]) -> tuple[Settings, list[schema.Problem]]:
    """Settings from a saved dict, and what was wrong in it; unknown keys are ignored."""
    checked = schema.check_mapping(Settings, data)
    return Settings(**checked.values), checked.problems


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Settings from a saved dict: unknown keys ignored, invalid values defaulted."""
    return check_dict(data)[0]


# Version N → N+1 rewrites of the saved dict. Add one whenever a key is renamed
# or its meaning changes, and raise SCHEMA_VERSION.
Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (unversioned drafts) called the font preset `font_size`."""
    if "font_size" in data and "font_preset" not in data:
        data["font_preset"] = data.pop("font_size")
    return data


MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a saved dict up to SCHEMA_VERSION, one step at a time."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        version = 0
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](dict(data))
        version += 1
    data["schema_version"] = version
    return data


def default_path() -> Path:
    """settings.json in the platform's config folder (READER_CONFIG_DIR overrides)."""
    # appauthor=False: on Windows %LOCALAPPDATA%\accessible-reader (see library.store).
    folder = os.environ.get("READER_CONFIG_DIR") or platformdirs.user_config_dir(
        APP_NAME, appauthor=False
    )
    return Path(folder) / "settings.json"


@dataclass(frozen=True)
class LoadResult:
    """Loaded settings, and a message to show the user once if the file was bad."""

    settings: Settings
    notice: Message | None = None
    """Translated when shown (i18n): the window's language may not be chosen yet."""


MAX_FILE_BYTES = 32 * 1024 * 1024
"""A settings file is a few kilobytes; a bigger one than this is not read."""
UTF8_BOM = b"\xef\xbb\xbf"
LISTED_PROBLEMS = 3
"""How many problems a notice names (the rest are counted)."""
LEGACY_TEMPORARIES = (".settings-*.json",)
"""What save() called its temporary files before accessible_reader.atomic."""


def load(path: Path | None = None) -> LoadResult:
    """Read settings; never fails. See the module docstring for bad files."""
    path = path or default_path()
    atomic.remove_stale_temporaries(path, legacy_patterns=LEGACY_TEMPORARIES)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO would block the start for ever
            return _set_aside(path, "not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            return _set_aside(path, f"larger than {MAX_FILE_BYTES} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings())
    except OSError as error:
        return _set_aside(path, str(error))
    if raw.startswith(UTF8_BOM):  # Windows Notepad writes one
        raw = raw[len(UTF8_BOM) :]
    try:
        data = msgspec.json.decode(raw)
    except (msgspec.MsgspecError, RecursionError) as error:
        return _set_aside(path, str(error))
    if not isinstance(data, dict):
        return _set_aside(path, "top level is not an object")
    version = data.get("schema_version", 0)
    if isinstance(version, int) and version > SCHEMA_VERSION:
        # Written by a newer release: read what we understand, keep the file as is.
        return LoadResult(settings_from_dict(data))
    settings, problems = check_dict(migrate(data))
    if problems:
        return _repaired(path, raw, settings, problems)
    return LoadResult(settings)


def _aside_path(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while aside.exists():
        count += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    return aside


def _set_aside(path: Path, reason: str) -> LoadResult:
    aside = _aside_path(path)
    try:
        path.replace(aside)
        kept = str(aside)
    except OSError:
        kept = str(path)
    return LoadResult(
        Settings(),
        notice=Message(
            "设置文件已损坏（{reason}），已改用默认设置。原文件保存在：{kept}",
            reason=reason,
            kept=kept,
        ),
    )


def _repaired(
    path: Path, raw: bytes, settings: Settings, problems: list[schema.Problem]
) -> LoadResult:
    """Some values were wrong: keep a copy of the file, write it back without them."""
    aside = _aside_path(path)
    try:
        atomic.write_bytes(aside, raw)
        save(settings, path)
        kept = Message("原文件保存在：{path}", path=str(aside))
    except OSError:
        kept = Message("（设置文件无法改写）")
    listed: list[Message] = [problem.message for problem in problems[:LISTED_PROBLEMS]]
    more = len(problems) - len(listed)
    if more:
        listed.append(Message("另有 {count} 处", count=more))
    return LoadResult(
        settings,
        notice=Message(
            "设置文件有 {count} 处无效，已改用默认值，其余设置照旧：{problems}。{kept}",
            count=len(problems),
            problems=Joined(listed),
            kept=kept,
        ),
    )


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact."""
    path = path or default_path()
    data = {"schema_version": SCHEMA_VERSION, **asdict(settings)}
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    atomic.write_text(path, text + "\n")
