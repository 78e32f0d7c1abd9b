"""`accessible-reader extract SOURCE [--json] [--variant V]`: the article of a page.

Prints what the reader would show and speak — title, 发布日期 / 来源 and the body
without menus, footers or share bars — as plain text or as JSON for scripts and
tests. A URL given here is fetched (that is the user asking for the network); with
``--save FILE`` the downloaded page is also kept for offline reading.
"""

from __future__ import annotations

import argparse
import json
import sys

from accessible_reader.article.load import (
    DEFAULT_TIMEOUT,
    SourceData,
    article_from_source,
    fetch_url,
    is_url,
    load_article,
    save_fetched,
)
from accessible_reader.article.model import Article
from accessible_reader.article.spoken import article_text
from accessible_reader.config import VARIANTS
from accessible_reader.errors import ConversionError, UsageError
from accessible_reader.i18n import current, tr


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the `extract` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help=tr("整理并输出文章"),
        description=tr("整理网页文章：标题、发布日期、来源和正文，去掉导航、页脚和分享栏。"),
    )
    parser.add_argument("source", help=tr("网页文件、MHTML、文本文件或网址"))
    parser.add_argument("--json", action="store_true", help=tr("输出 JSON"))
    parser.add_argument("--variant", choices=list(VARIANTS), help=tr("转换为简体或繁体"))
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=tr("网址的等待时间，默认 {seconds} 秒", seconds=f"{DEFAULT_TIMEOUT:g}"),
    )
    parser.add_argument(
        "--save",
        metavar="FILE",
        help=tr("下载网址时把网页保存到文件，以便离线阅读"),
    )
    parser.add_argument(
        "--ocr",
        action="store_true",
        help=tr("识别图片和扫描页里的文字（离线）"),
    )
    parser.set_defaults(run=run)


def _convert(article: Article, variant: str) -> Article:
    try:
        from accessible_reader.text.convert import convert_article
    except ImportError:
        raise ConversionError("简繁转换暂不可用。") from None
    converted: Article = convert_article(article, variant)
    return converted


def run(args: argparse.Namespace) -> int:
    """Extract and print; ReaderErrors go to the CLI, which prints them and exits 2."""
    if args.timeout <= 0:
        raise UsageError("--timeout 必须大于 0。")
    if args.save and not is_url(args.source):
        raise UsageError("--save 只用于网址。")
    if args.save:
        page = fetch_url(args.source, timeout=args.timeout)
        save_fetched(page, args.save)
        article = article_from_source(
            SourceData(page.data, page.content_type, page.final_url, page.final_url)
        )
    else:
        article = load_article(args.source, allow_network=True, timeout=args.timeout)
    if args.ocr:
        article = _recognise(article)
    if args.variant:
        article = _convert(article, args.variant)
    if args.json:
        text = json.dumps(article.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = article_text(article)
    _write(text)
    for note in article.notes:  # what the reader must know about this copy
        print(tr("提示：{note}", note=note), file=sys.stderr)
    return 0


def _recognise(article: Article) -> Article:
    """The article with the text of its pictures (progress and notes on stderr)."""
    from accessible_reader.documents.cache import OcrCache
    from accessible_reader.documents.ocr import default_recogniser
    from accessible_reader.documents.recognise import recognise_article, summary

    def progress(done: int, total: int) -> None:
        if done < total:
            line = tr(
                "正在识别图片文字：第 {number} 张，共 {total} 张", number=done + 1, total=total
            )
            sys.stderr.write(line + "\n")

    result = recognise_article(article, default_recogniser(), OcrCache(), progress=progress)
    said = summary(result)
    if said is not None:
        sys.stderr.write(said.text(current()) + "\n")
    return result.article


def _write(text: str) -> None:
    """Write to stdout even where its encoding cannot show every character."""
    stream = sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
    stream.flush()
