"""`accessible-reader convert --to zh-Hant`: 简/繁 conversion of standard input.

Reads UTF-8 text from stdin and writes it converted to stdout, the way the reader
converts articles (OpenCC, source variant detected once for the whole input).
"""

from __future__ import annotations

import argparse
import sys

from accessible_reader.config import VARIANTS
from accessible_reader.errors import DecodeError
from accessible_reader.i18n import tr
from accessible_reader.text.convert import convert_text


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `convert`."""
    parser = subparsers.add_parser(
        "convert",
        help=tr("简繁转换：读标准输入，写标准输出"),
        description=tr("简繁转换（OpenCC）：从标准输入读 UTF-8 文本，转换后写到标准输出。"),
    )
    parser.add_argument("--to", required=True, choices=VARIANTS, dest="target", help=tr("目标字形"))
    parser.add_argument(
        "--from",
        choices=VARIANTS,
        dest="source",
        help=tr("源字形，省略时自动识别简/繁"),
    )
    parser.add_argument(
        "--taiwan-phrases",
        action="store_true",
        help=tr("台湾用语（软件→軟體）"),
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Convert stdin to stdout; a ReaderError reaches the CLI for non-UTF-8 input."""
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DecodeError(
            "标准输入不是 UTF-8 文本（第 {value} 个字节无法解码）。",
            value=error.start + 1,
        ) from error
    result = convert_text(text, args.target, taiwan_phrases=args.taiwan_phrases, source=args.source)
    sys.stdout.buffer.write(result.encode("utf-8"))
    sys.stdout.buffer.flush()
    return 0
