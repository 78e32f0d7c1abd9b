"""`accessible-reader kiosk …`: set up and check a public kiosk from the command line.

- ``set-pin``: ask for the administrator PIN twice (not echoed; ``--pin-stdin``
  reads one line, for scripts) and write its hash into the kiosk file, keeping
  the file's comments;
- ``check``: read the kiosk file as the kiosk would and print the settings in force;
- ``refresh``: sync the file's portal columns and import its folders now.

The file is the one the kiosk reads: ``--config FILE``, else READER_KIOSK_CONFIG,
else the system-wide file (/etc/accessible-reader/kiosk.toml on Linux). Exit codes:
0 done, 1 a refresh source failed or the file has problems after set-pin,
2 an error (ReaderError) stopped the command.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path
from typing import Any

from accessible_reader import i18n
from accessible_reader.errors import UsageError
from accessible_reader.i18n import N_, tr
from accessible_reader.kiosk.config import (
    CONFIG_ENV,
    KioskConfig,
    KioskConfigError,
    describe_config,
    load_config,
    locate_config,
    missing_pin_error,
    system_config_path,
    target_path,
    write_pin_hash,
)
from accessible_reader.kiosk.pin import PIN_MAX_LENGTH, PIN_MIN_LENGTH, check_pin_format, hash_pin
from accessible_reader.kiosk.refresh import ContentRefresher, RefreshResult, recognise_new_articles


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `kiosk` and its own subcommands."""
    parser = subparsers.add_parser(
        "kiosk",
        help=tr("信息亭：设置管理员密码、检查配置、更新内容"),
        description=tr(
            "公共信息亭的设置：管理员密码、检查配置文件、立即更新内容。"
            "退出码：0 完成，1 部分失败，2 出错。"
        ),
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--config",
        metavar="FILE",
        help=tr(
            "信息亭配置文件；默认 ${variable} 或 {path}",
            variable=CONFIG_ENV,
            path=str(system_config_path()),
        ),
    )
    actions = parser.add_subparsers(dest="kiosk_command", required=True)

    set_pin = actions.add_parser(
        "set-pin",
        parents=[common],
        help=tr("设置管理员密码"),
        description=tr(
            "设置管理员密码（{low}–{high} 位数字）："
            "输入两次，不显示；配置文件里只保存它的散列值。文件不存在时新建。",
            low=PIN_MIN_LENGTH,
            high=PIN_MAX_LENGTH,
        ),
    )
    set_pin.add_argument(
        "--pin-stdin",
        action="store_true",
        help=tr("从标准输入读一行作为密码（供脚本使用）"),
    )
    set_pin.set_defaults(run=run_set_pin)

    check = actions.add_parser(
        "check",
        parents=[common],
        help=tr("检查配置文件并列出生效的设置"),
        description=tr("像信息亭启动时一样读取配置文件，列出生效的设置；有错误时说明原因。"),
    )
    check.set_defaults(run=run_check)

    refresh = actions.add_parser(
        "refresh",
        parents=[common],
        help=tr("立即更新内容"),
        description=tr("按配置文件的 sources 立即同步栏目、导入文件夹；失败时原有文章保留。"),
    )
    refresh.add_argument(
        "--db", metavar="FILE", help=tr("文章库文件，默认用配置文件的 library_path")
    )
    refresh.set_defaults(run=run_refresh)


# --- Helpers -------------------------------------------------------------------------


def _write(text: str, stream: Any = None) -> None:
    """Write even where the stream's encoding cannot show every character."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
    stream.flush()


def _load(option: str | None) -> tuple[KioskConfig, Path, str]:
    found = locate_config(option)
    if found is None:
        system = system_config_path()
        raise KioskConfigError(
            "没有找到信息亭配置文件（查找了 --config、环境变量 {CONFIG_ENV} 和 {system}）。",
            CONFIG_ENV=CONFIG_ENV,
            system=system,
        )
    return load_config(found.path), found.path, found.origin


def _read_pin(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UsageError("标准输入里没有密码。")
        return check_pin_format(line.rstrip("\r\n"))
    first = check_pin_format(
        getpass.getpass(
            tr("新的管理员密码（{low}–{high} 位数字）：", low=PIN_MIN_LENGTH, high=PIN_MAX_LENGTH)
        )
    )
    second = getpass.getpass(tr("再输入一次："))
    if check_pin_format(second) != first:
        raise UsageError("两次输入的密码不一样，没有设置。")
    return first


# --- Subcommands ---------------------------------------------------------------------


def run_set_pin(args: argparse.Namespace) -> int:
    """Hash the PIN into the kiosk file; 1 when the file still has other problems."""
    path = target_path(args.config)
    pin = _read_pin(args.pin_stdin)
    write_pin_hash(path, hash_pin(pin))
    _write(tr("已设置管理员密码，写入：{path}", path=str(path)) + "\n")
    try:
        load_config(path)
    except KioskConfigError as error:
        problems = error.user_message()
        _write(tr("注意：配置文件还有问题，信息亭不会启动：") + f"\n{problems}\n", sys.stderr)
        return 1
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Print the settings in force; 2 when the file is bad or has no PIN."""
    config, path, origin = _load(args.config)
    _write(tr("配置文件：{path}（来自 {origin}）", path=str(path), origin=origin) + "\n")
    rows = describe_config(config)
    width = max(len(name) for name, _, _ in rows)
    for name, label, value in rows:
        _write(f"  {name:<{width}}  {tr(value)}    # {tr(label)}\n")
    for folder in config.folder_sources():
        if not Path(folder).exists():
            _write(
                tr("注意：文件夹不存在（更新时会报告失败）：{folder}", folder=folder) + "\n",
                sys.stderr,
            )
    if not config.has_pin:
        raise missing_pin_error(path)
    if config.kiosk:
        _write(tr("配置有效，信息亭可以启动。") + "\n")
    else:
        _write(tr("配置有效（kiosk = false：需加 --kiosk 启动信息亭）。") + "\n")
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    """Refresh every source now; 1 when some failed (earlier articles are kept)."""
    config, _, _ = _load(args.config)
    if not config.sources:
        raise UsageError(
            "配置文件的 sources 是空的，没有可更新的内容。",
        )
    from accessible_reader.library.store import Library

    database = Path(args.db) if args.db else config.library_file()

    def open_library() -> Library:
        library = Library(database)
        if library.notice is not None:
            _write(f"accessible-reader: {library.notice.text(i18n.current())}\n", sys.stderr)
        return library

    refresher = ContentRefresher(
        config.column_sources(),
        config.folder_sources(),
        open_library=open_library,
        interval_seconds=0,
        created_at=time.monotonic(),
        recognise=recognise_new_articles if config.baseline_settings().recognise_pictures else None,
    )
    _write(tr("正在更新 {count} 个来源…", count=len(config.sources)) + "\n", sys.stderr)
    result = refresher.run_once()
    _print_result(result)
    return 0 if result.ok else 1


def _print_result(result: RefreshResult) -> None:
    for outcome in result.outcomes:
        kind = N_("栏目") if outcome.kind == "column" else N_("文件夹")
        where = {"kind": kind, "source": outcome.source}
        if outcome.ok and outcome.failed_items:
            line = tr(
                "{kind} {source}：新增 {added} 篇，{failed} 篇失败（下次再试）",
                added=outcome.added,
                failed=outcome.failed_items,
                **where,
            )
        elif outcome.ok:
            line = tr("{kind} {source}：新增 {added} 篇", added=outcome.added, **where)
        else:
            line = tr("{kind} {source}：失败：{error}", error=outcome.error or "", **where)
        _write(line + "\n")
    _write(tr(result.summary().message, **result.summary().fields) + "\n")
