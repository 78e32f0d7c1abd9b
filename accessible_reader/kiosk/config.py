"""The kiosk configuration: every option declared once, read from a TOML file, checked strictly.

Why TOML: administrators edit the file by hand and need comments (see
packaging/kiosk.example.toml); Python reads it with the standard library's
tomllib (3.11+) or the identical `tomli` on 3.10. The reader never rewrites the
file except for `accessible-reader kiosk set-pin`, which sets one value with tomlkit
and keeps the administrator's comments and layout.

The options are declared once, as `KioskConfig`'s fields; accessible_reader.schema
checks the file against them (types, ranges, the [reading] table as a nested
accessible_reader.config.Settings), and each option's extra rule (the exit chord, the
PIN hash, the sources) is a `check` in its metadata.

Where the file is looked for, first match wins:

1. ``--config PATH`` (for the window: only a path ending in ``.toml``; a ``.json``
   path is still the user's settings file);
2. the ``READER_KIOSK_CONFIG`` environment variable;
3. the system-wide file: ``/etc/accessible-reader/kiosk.toml`` on Linux,
   ``C:\\ProgramData\\accessible-reader\\kiosk.toml`` on Windows,
   ``/Library/Application Support/accessible-reader/kiosk.toml`` on macOS
   (platformdirs.site_config_dir).

Unlike the user's settings (accessible_reader.config), which fall back to defaults when the
file is damaged, a bad kiosk file is refused with a Chinese message listing every
problem: a public terminal must not start half-configured (say, without its idle
reset because of a typo). Kiosk mode also refuses to start without an
administrator PIN, and says how to set one.
"""

from __future__ import annotations

import importlib
import os
import stat
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from accessible_reader import atomic
from accessible_reader.config import APP_NAME, Settings
from accessible_reader.errors import ReaderError
from accessible_reader.i18n import N_, Joined, Message
from accessible_reader.kiosk.crashlog import DEFAULT_KEEP, default_log_dir
from accessible_reader.kiosk.pin import parse_hash
from accessible_reader.kiosk.reset import ADMIN_FIELDS, VISITOR_FIELDS
from accessible_reader.schema import Problem as SchemaProblem
from accessible_reader.schema import check_mapping, shown

if sys.version_info >= (3, 11):
    import tomllib

    _toml_loads: Callable[[str], dict[str, Any]] = tomllib.loads
else:  # the same parser, packaged as `tomli` (a dependency on Python 3.10 only)
    _toml_loads = importlib.import_module("tomli").loads

CONFIG_ENV = "READER_KIOSK_CONFIG"
CONFIG_NAME = "kiosk.toml"
CONFIG_SUFFIX = ".toml"
LINUX_SYSTEM_DIR = Path("/etc") / APP_NAME
# Forward slashes, which Windows takes too, keep .name and .parent right on any system.
WINDOWS_SYSTEM_FILE = f"C:/ProgramData/{APP_NAME}/{CONFIG_NAME}"
MACOS_SYSTEM_FILE = f"/Library/Application Support/{APP_NAME}/{CONFIG_NAME}"

MODIFIERS = ("ctrl", "alt", "shift", "meta")
NAMED_KEYS: frozenset[str] = frozenset(
    {
        *(f"f{number}" for number in range(1, 36)),
        *("esc", "tab", "backtab", "backspace", "return", "enter", "ins", "del", "pause"),
        *("print", "sysreq", "home", "end", "left", "up", "right", "down", "pgup"),
        *("pgdown", "capslock", "numlock", "scrolllock", "menu", "help", "space"),
    }
)
"""Key names as Qt's QKeySequence PortableText spells them (any case), besides single
characters; tests/ui checks each against Qt."""
MAX_SOURCES = 1000
READING_TABLE = "reading"
READING_KEYS: frozenset[str] = (VISITOR_FIELDS | ADMIN_FIELDS) - {
    "sound",
    "shortcuts",
    "window_geometry",  # a kiosk is always full screen
}
"""Settings a [reading] table may set: the kiosk's look and voice after every reset.
`sound` is the top-level option (does this terminal have sound at all)."""

MIN_REFRESH_MINUTES = 10
"""The shortest refresh interval besides 0 (off): portals are asked politely."""


class KioskConfigError(ReaderError):
    """The kiosk configuration is missing, unreadable, invalid, or lacks a PIN."""


Problem = Message
"""(Chinese, English) description of one problem in the file."""


def _option(
    default: Any,
    label_zh: str,
    doc: str,
    *,
    bounds: tuple[float, float] | None = None,
    path: bool = False,
    check: Callable[[Any], Message | None] | None = None,
    max_items: int | None = None,
) -> Any:
    """A kiosk option; the metadata drives validation and `kiosk check`'s listing.

    `check` is a further rule on a value of the right type (on each item of a list),
    returning the problem (a catalog message).
    """
    metadata: dict[str, Any] = {"label": label_zh, "doc": doc, "path": path}
    if bounds is not None:
        metadata["range"] = bounds
    if check is not None:
        metadata["check"] = check
    if max_items is not None:
        metadata["max_items"] = max_items
    if isinstance(default, tuple):
        return field(default_factory=lambda: default, metadata=metadata)
    return field(default=default, metadata=metadata)


def check_exit_chord(chord: str) -> Problem | None:
    """A problem when the chord is not modifiers + one key, with at least two modifiers.

    Two modifiers, so no single-hand shortcut of an ordinary visitor reaches it. The key
    must be one Qt knows (a single character, F1–F35 or a named key such as Home).
    """
    parts = [part.strip() for part in chord.split("+")]
    modifiers = [part.lower() for part in parts[:-1]]
    key = parts[-1] if parts else ""
    if (
        len(parts) < 3
        or not key
        or key.lower() in MODIFIERS
        or any(part not in MODIFIERS for part in modifiers)
        or len(set(modifiers)) != len(modifiers)
    ):
        return Message(
            "exit_chord “{chord}” 不是有效的组合键：需要至少两个修饰键加一个键，如 "
            "Ctrl+Alt+Shift+Q。",
            chord=chord,
        )
    if not _is_key_name(key):
        return Message(
            "exit_chord “{chord}” 里的“{key}”不是键名：请用一个字母、数字或符号，"
            "F1–F35，或 Home、End、Del、Ins、PgUp、PgDown、Esc、Tab、Space 等键名。",
            chord=chord,
            key=key,
        )
    return None


def _is_key_name(key: str) -> bool:
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    return key.lower() in NAMED_KEYS


def _check_pin_hash(value: str) -> Problem | None:
    if value and parse_hash(value) is None:
        return Message(
            "admin_pin_hash 的格式不对，请用 `accessible-reader kiosk set-pin` 重新设置。"
        )
    return None


def _check_refresh(value: int) -> Problem | None:
    if 0 < value < MIN_REFRESH_MINUTES:
        return Message(
            "refresh_minutes 应为 0（不更新）或至少 {minutes} 分钟。", minutes=MIN_REFRESH_MINUTES
        )
    return None


def _check_source(source: str) -> Problem | None:
    text = source.strip()
    if not text:
        return Message("sources 里有空的一项。")
    if "://" in text and not is_url(text):
        return Message("sources 只接受 http/https 网址或文件夹：{source}", source=shown(text))
    return None


@dataclass(frozen=True)
class KioskConfig:
    """A kiosk's configuration. Field metadata holds the label, meaning and valid range."""

    kiosk: bool = _option(False, "信息亭模式", "start as a locked-down public kiosk")
    idle_seconds: int = _option(
        120, "无人操作多久后提示（秒）", "quiet time before the warning", bounds=(20, 3600)
    )
    warning_seconds: int = _option(
        15, "“还在使用吗？”倒计时（秒）", "countdown before the reset", bounds=(5, 120)
    )
    admin_pin_hash: str = _option(
        "",
        "管理员密码（散列）",
        "written by `accessible-reader kiosk set-pin`",
        check=_check_pin_hash,
    )
    exit_chord: str = _option(
        "Ctrl+Alt+Shift+Q",
        "管理员退出组合键",
        "key chord that asks for the admin PIN",
        check=check_exit_chord,
    )
    admin_press_seconds: float = _option(
        5.0,
        "角落长按（秒）",
        "long press in the top-right corner that asks for the PIN",
        bounds=(2, 30),
    )
    refresh_minutes: int = _option(
        0,
        "内容更新间隔（分钟）",
        f"0 = off, else at least {MIN_REFRESH_MINUTES}",
        bounds=(0, 7 * 24 * 60),
        check=_check_refresh,
    )
    sources: tuple[str, ...] = _option(
        (),
        "内容来源",
        "portal column URLs to sync and folders to import",
        path=True,
        check=_check_source,
        max_items=MAX_SOURCES,
    )
    library_path: str = _option(
        "", "文章库文件", "library database; empty = the user's default", path=True
    )
    sound: bool = _option(True, "声音", "false for a terminal without headphones")
    log_dir: str = _option("", "日志文件夹", "crash logs; empty = the user's log folder", path=True)
    keep_crash_logs: int = _option(
        DEFAULT_KEEP, "保留崩溃日志数", "older crash logs are deleted", bounds=(1, 1000)
    )
    reading: Settings = field(
        default_factory=Settings,
        metadata={
            "label": "阅读设置（每位读者离开后恢复）",
            "doc": "[reading] table",
            "allowed": READING_KEYS,
        },
    )

    @property
    def has_pin(self) -> bool:
        """Whether an administrator PIN is set."""
        return bool(self.admin_pin_hash)

    def baseline_settings(self) -> Settings:
        """The reading settings a visitor starts with and every reset returns to."""
        return replace(self.reading, sound=self.sound)

    def library_file(self) -> Path | None:
        """The library database to use (None: accessible_reader.library's default)."""
        return Path(self.library_path) if self.library_path else None

    def log_folder(self) -> Path:
        """Where crash logs go."""
        return Path(self.log_dir) if self.log_dir else default_log_dir()

    def folder_sources(self) -> list[str]:
        """Sources that are folders or files (imported)."""
        return [source for source in self.sources if not is_url(source)]

    def column_sources(self) -> list[str]:
        """Sources that are portal column URLs (synced)."""
        return [source for source in self.sources if is_url(source)]


OPTION_NAMES: tuple[str, ...] = tuple(
    spec.name for spec in fields(KioskConfig) if spec.name != READING_TABLE
)


# ---------------------------------------------------------------------------
# Locating the file


def is_url(source: str) -> bool:
    """Whether a kiosk source is an address (the article loader says so; imported
    here only when a kiosk file is read, since every window start looks for one)."""
    from accessible_reader.article.load import is_url as loader_is_url

    return loader_is_url(source)


def system_config_path(platform: str | None = None) -> Path:
    """The system-wide kiosk file for this platform (see the module docstring)."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("linux") or platform.startswith(("freebsd", "openbsd")):
        return LINUX_SYSTEM_DIR / CONFIG_NAME
    if platform == sys.platform:
        return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME
    # Asked about another system (documentation, tests): what platformdirs gives there.
    return Path(WINDOWS_SYSTEM_FILE if platform.startswith("win") else MACOS_SYSTEM_FILE)


def is_kiosk_config_file(path: str | Path) -> bool:
    """Whether the window's --config names a kiosk file (.toml) rather than settings (.json)."""
    return Path(path).suffix.lower() == CONFIG_SUFFIX


@dataclass(frozen=True)
class Located:
    """A config file's path and what pointed to it (for messages)."""

    path: Path
    origin: str
    """"--config", "READER_KIOSK_CONFIG" or "system"."""


def locate_config(
    option: str | Path | None,
    *,
    environ: Mapping[str, str] | None = None,
    system_path: Path | None = None,
) -> Located | None:
    """The kiosk file to read, or None when there is none.

    A path from --config or the environment is returned even when missing (loading
    it then fails loudly); the system-wide file only when it exists.
    """
    environ = os.environ if environ is None else environ
    if option:
        return Located(Path(option).expanduser(), "--config")
    from_env = environ.get(CONFIG_ENV, "").strip()
    if from_env:
        return Located(Path(from_env).expanduser(), CONFIG_ENV)
    system = system_config_path() if system_path is None else system_path
    if system.is_file():
        return Located(system, "system")
    return None


def target_path(
    option: str | Path | None,
    *,
    environ: Mapping[str, str] | None = None,
    system_path: Path | None = None,
) -> Path:
    """Where `kiosk set-pin` writes: like locate_config, but the system file even if absent."""
    found = locate_config(option, environ=environ, system_path=system_path)
    if found is not None:
        return found.path
    return system_config_path() if system_path is None else system_path


# ---------------------------------------------------------------------------
# Reading and checking


def _resolve_path(value: str, base_dir: Path) -> str:
    """~ expanded; relative paths are relative to the config file's folder."""
    path = Path(value).expanduser()
    return str(path if path.is_absolute() else (base_dir / path))


def _described(problem: SchemaProblem) -> Problem:
    """A schema problem as the kiosk file's administrator reads it: the option's
    label, then the key as written in the file."""
    name = problem.name
    label = problem.label
    words = problem.type_words or problem.expected
    if problem.table is not None:
        table = f"[{problem.table}]"
        if problem.kind == "unknown":
            allowed = ", ".join(sorted(READING_KEYS))
            if name == "sound":
                return Message(
                    "{table} 里没有 {name} 这一项（声音请用顶层的 sound）。可用：{allowed}",
                    table=table,
                    name=name,
                    allowed=allowed,
                )
            return Message(
                "{table} 里没有 {name} 这一项。可用：{allowed}",
                table=table,
                name=name,
                allowed=allowed,
            )
        if problem.kind in ("choice", "range"):
            return Message(
                "{label}：{table} {name} = {value} 无效（{expected}）。",
                label=label,
                table=table,
                name=name,
                value=shown(problem.value),
                expected=problem.expected,
            )
        return Message(
            "{label}：{table} {name} 应为{type}。", label=label, table=table, name=name, type=words
        )
    if problem.kind == "unknown":
        return Message(
            "没有 {name} 这一项（拼写错误？）。可用：{allowed}",
            name=name,
            allowed=", ".join(OPTION_NAMES),
        )
    if name == READING_TABLE:
        return Message("[reading] 应为一个表。")
    if problem.kind == "check":
        return Message("{label}：{problem}", label=label, problem=problem.expected)
    if problem.kind == "range" and problem.item is None:
        spec = next(spec for spec in fields(KioskConfig) if spec.name == name)
        low, high = spec.metadata["range"]
        return Message(
            "{label}：{name} = {value} 超出范围（{low}–{high}）。",
            label=label,
            name=name,
            value=shown(problem.value),
            low=f"{low:g}",
            high=f"{high:g}",
        )
    if problem.kind == "too_many":
        return Message(
            "{label}：{name} {expected}。", label=label, name=name, expected=problem.expected
        )
    if problem.item is not None:
        return Message(
            "{label}：{name} 第{item}项 应为{type}。",
            label=label,
            name=name,
            item=problem.item,
            type=words,
        )
    return Message("{label}：{name} 应为{type}。", label=label, name=name, type=words)


def _resolved(values: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """Paths made absolute against the file's folder; sources deduplicated."""
    resolved = dict(values)
    for spec in fields(KioskConfig):
        value = resolved.get(spec.name)
        if not spec.metadata.get("path") or not value:
            continue
        if spec.name == "sources":
            kept: list[str] = []
            for source in value:
                text = source.strip()
                text = text if is_url(text) else _resolve_path(text, base_dir)
                if text not in kept:
                    kept.append(text)
            resolved[spec.name] = tuple(kept)
        else:
            resolved[spec.name] = _resolve_path(value, base_dir)
    return resolved


def _toml_error(name: str, detail: str) -> KioskConfigError:
    return KioskConfigError(
        "信息亭配置文件不是有效的 TOML：{name}", name=name,
        detail=detail,
    )


def parse_config(text: str, *, base_dir: Path, name: str = "kiosk.toml") -> KioskConfig:
    """A KioskConfig from TOML text; KioskConfigError lists every problem found."""
    try:
        data = _toml_loads(text)
    except ValueError as error:  # tomllib.TOMLDecodeError, with line and column
        raise _toml_error(name, str(error)) from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise _toml_error(name, "arrays or tables nested too deeply") from None
    checked = check_mapping(KioskConfig, data, report_unknown=True)
    problems = [_described(problem) for problem in checked.problems]
    if not problems:
        config = KioskConfig(**_resolved(checked.values, base_dir))
        if config.refresh_minutes and not config.sources:
            problems.append(
                Message("设置了 refresh_minutes，但 sources 是空的：没有可更新的内容。")
            )
        else:
            return config
    raise KioskConfigError(
        "信息亭配置文件有误（{name}）：\n{problems}",
        name=name,
        problems=Joined([Message("  - {problem}", problem=problem) for problem in problems], "\n"),
    )


def load_config(path: Path) -> KioskConfig:
    """Read and check a kiosk file; KioskConfigError when missing, unreadable or invalid."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block the start for ever
            raise IsADirectoryError(f"not a regular file: {path}")
        text = path.read_text(encoding="utf-8-sig")  # Notepad writes a BOM
    except FileNotFoundError:
        raise KioskConfigError(
            "找不到信息亭配置文件：{path}", path=path,
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise KioskConfigError(
            "无法读取信息亭配置文件：{path}", path=path,
            detail=str(error),
        ) from None
    return parse_config(text, base_dir=path.resolve().parent, name=str(path))


def missing_pin_error(path: Path) -> KioskConfigError:
    """The refusal to start a kiosk without an administrator PIN, saying how to set one."""
    command = f"accessible-reader kiosk set-pin --config {path}"
    return KioskConfigError(
        "信息亭模式需要管理员密码（PIN），否则没有人能退出或维护它，所以没有启动。"
        "请以管理员身份运行：{command}",
        command=command,
    )


def require_pin(config: KioskConfig, path: Path) -> KioskConfig:
    """`config` unchanged when it has a PIN; else the missing-PIN error."""
    if not config.has_pin:
        raise missing_pin_error(path)
    return config


@dataclass(frozen=True)
class KioskStart:
    """What the window runs in kiosk mode with."""

    config: KioskConfig
    path: Path
    origin: str


def resolve_kiosk(
    kiosk_flag: bool,
    config_option: str | None,
    *,
    environ: Mapping[str, str] | None = None,
    system_path: Path | None = None,
) -> KioskStart | None:
    """For the window: the kiosk to run, or None for the ordinary reader.

    Kiosk mode is on with `--kiosk` or `kiosk = true` in the file found (a .toml
    --config, READER_KIOSK_CONFIG, or the system-wide file). A bad file is refused
    even without --kiosk: it may be the one that was meant to lock the terminal.
    Raises KioskConfigError (exit 2) for a bad file and for a kiosk without a PIN.
    """
    option = config_option if config_option and is_kiosk_config_file(config_option) else None
    found = locate_config(option, environ=environ, system_path=system_path)
    config = load_config(found.path) if found is not None else None
    if not kiosk_flag and (config is None or not config.kiosk):
        return None
    path = found.path if found is not None else (system_path or system_config_path())
    config = replace(config or KioskConfig(), kiosk=True)
    require_pin(config, path)
    return KioskStart(config, path, found.origin if found is not None else "none")


# ---------------------------------------------------------------------------
# Showing


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return N_("（无）") if not value else ", ".join(str(item) for item in value)
    if value == "":
        return N_("（默认）")
    return str(value)


def describe_config(config: KioskConfig) -> list[tuple[str, str, str]]:
    """(option, label, value shown) for every option, the PIN as 已设置/未设置; labels
    and the words among the values are msgids (translated where printed)."""
    rows: list[tuple[str, str, str]] = []
    for spec in fields(KioskConfig):
        value = getattr(config, spec.name)
        if spec.name == READING_TABLE:
            baseline = config.baseline_settings()
            changed = [
                f"{key}={getattr(baseline, key)}"
                for key in sorted(READING_KEYS)
                if getattr(baseline, key) != getattr(Settings(), key)
            ]
            rows.append((spec.name, spec.metadata["label"], ", ".join(changed) or N_("（默认）")))
        elif spec.name == "admin_pin_hash":
            shown_pin = N_("已设置") if value else N_("未设置")
            rows.append((spec.name, N_("管理员密码"), shown_pin))
        elif spec.name == "log_dir":
            rows.append((spec.name, spec.metadata["label"], str(config.log_folder())))
        elif spec.name == "refresh_minutes" and value == 0:
            rows.append((spec.name, spec.metadata["label"], N_("0（不自动更新）")))
        else:
            rows.append((spec.name, spec.metadata["label"], _shown(value)))
    return rows


# ---------------------------------------------------------------------------
# Writing the PIN

def with_pin_hash(text: str, pin_hash: str) -> str:
    """The file's text with `admin_pin_hash` set, every other line (and comment) kept.

    tomlkit edits the document: an existing top-level value is replaced in place, a
    new one goes after the last top-level option, before the first table ([reading]).
    KioskConfigError if the text is not TOML.
    """
    import tomlkit  # only `kiosk set-pin` writes the file
    from tomlkit.exceptions import TOMLKitError

    if parse_hash(pin_hash) is None:
        raise ValueError("not a hash written by accessible_reader.kiosk.pin.hash_pin")
    try:
        _toml_loads(text)
        document = tomlkit.parse(text)
    except (ValueError, TOMLKitError, RecursionError) as error:
        raise KioskConfigError(
            "信息亭配置文件不是有效的 TOML，没有写入密码。请先修正文件。",
            detail=str(error),
        ) from None
    document["admin_pin_hash"] = pin_hash
    updated = tomlkit.dumps(document)
    try:
        written = _toml_loads(updated).get("admin_pin_hash")
    except ValueError:
        written = None
    if written != pin_hash:
        raise KioskConfigError(
            "无法在信息亭配置文件里找到写入密码的位置，"
            "请把 admin_pin_hash 一行放在文件开头（任何 [表] 之前）后再试。",
        )
    return updated


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Set the PIN hash in the file (created if absent), atomically, keeping its mode."""
    try:
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        raise KioskConfigError(
            "无法读取信息亭配置文件：{path}", path=path,
            detail=str(error),
        ) from None
    updated = with_pin_hash(text, pin_hash)
    atomic.remove_stale_temporaries(path)
    try:
        atomic.write_text(path, updated, mode=None if path.exists() else 0o644)
    except PermissionError as error:
        raise KioskConfigError(
            "没有权限写入信息亭配置文件：{path}。请以管理员身份（如 sudo）运行。", path=path,
            detail=str(error),
        ) from None
    except OSError as error:
        raise KioskConfigError(
            "无法写入信息亭配置文件：{path}", path=path,
            detail=str(error),
        ) from None
