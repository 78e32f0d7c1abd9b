"""Command line: `accessible-reader [SOURCE] [options]` opens the window; subcommands
(`extract`, `convert`, `speak`, …) work without a display.

Qt is imported only on the GUI branch, so the subcommands run on machines without
a display or without Qt's system libraries.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from accessible_reader import __version__, cli_words, commands
from accessible_reader.config import FONT_PRESETS, SCHEMES, VARIANTS
from accessible_reader.errors import ReaderError
from accessible_reader.i18n import tr


def _command_modules() -> list[ModuleType]:
    """Every subcommand module in accessible_reader.commands, in name order."""
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    return [importlib.import_module(f"accessible_reader.commands.{name}") for name in names]


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accessible-reader",
        description=tr("无障碍阅读器：离线阅读政府网站文章，大字、高对比、简繁转换、朗读。"),
        # Names only: importing the command modules (and the extractor, the library
        # and the network code they use) would add ~150 ms to opening the window.
        epilog=tr(
            "子命令：{names}；用 `accessible-reader 子命令 --help` 查看。",
            names=", ".join(sorted(_subcommand_names())),
        ),
    )
    parser.add_argument("source", nargs="?", help=tr("文章文件或网址；省略时打开欢迎文章"))
    parser.add_argument("--font-size", choices=list(FONT_PRESETS), help=tr("字号"))
    parser.add_argument("--scheme", choices=list(SCHEMES), help=tr("配色"))
    parser.add_argument("--variant", choices=list(VARIANTS), help=tr("简/繁"))
    parser.add_argument(
        "--caption",
        nargs="?",
        const="plain",
        choices=["plain", "pinyin"],
        help=tr("大字幕（pinyin：在汉字上方加拼音）"),
    )
    parser.add_argument("--ruler", action="store_true", help=tr("阅读标尺"))
    parser.add_argument("--kiosk", action="store_true", help=tr("信息亭模式"))
    parser.add_argument("--config", metavar="FILE", help=tr("要使用的设置文件"))
    parser.add_argument(
        "--screenshot",
        metavar="PNG",
        help=tr("离屏渲染 1280×800 窗口截图后退出"),
    )
    parser.add_argument("--version", action="version", version=f"accessible-reader {__version__}")
    return parser


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="accessible-reader")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules():
        module.add_parser(subparsers)
    return parser


def _subcommand_names() -> set[str]:
    return {info.name for info in pkgutil.iter_modules(commands.__path__)}


def _dash_words_as_text(args: list[str]) -> list[str]:
    """`library search -发展` searches for "-发展": every option is ASCII, so a word
    of other letters after a dash is text. argparse takes an argument holding a
    space as text, and the search splits on spaces, so one is appended."""
    if args[:2] != ["library", "search"]:
        return args
    return [
        f"{arg} " if len(arg) > 1 and arg[0] == "-" and not arg[1].isascii() else arg
        for arg in args
    ]


def _print_error(error: ReaderError) -> None:
    print(f"accessible-reader: {error.user_message()}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `accessible-reader` command; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    cli_words.install()
    try:
        if args_list and args_list[0] in _subcommand_names():
            args = _subcommand_parser().parse_args(_dash_words_as_text(args_list))
            result: int = args.run(args)
            return result
        args = _window_parser().parse_args(args_list)
        from accessible_reader.ui.app import run_window  # Qt only from here on

        return run_window(args)
    except ReaderError as error:
        _print_error(error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
