"""`accessible-reader library …`: the saved-articles library from the command line.

- ``add SOURCE…``: files, folders (recursively) and URLs; duplicates are skipped
  and failures listed with the reason;
- ``list``, ``search TEXT``, ``show ID``, ``export ID FILE``, ``remove ID…``;
- ``forget``: clear every reading position and opened time (kiosks);
- ``sync URL``: fetch a portal column's new articles (online, politely).

The database is library.sqlite3 in the platform's data folder; ``--db FILE`` or
READER_DATA_DIR choose another. Exit codes: 0 done, 1 some sources failed (the
others were added), 2 an error (ReaderError) stopped the command.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from accessible_reader import i18n
from accessible_reader.article.spoken import article_text
from accessible_reader.errors import UsageError
from accessible_reader.i18n import tr
from accessible_reader.library.importer import import_sources
from accessible_reader.library.records import ArticleSummary, BatchReport, SearchHit
from accessible_reader.library.store import SORTS, Library
from accessible_reader.library.sync import (
    DEFAULT_DELAY,
    DEFAULT_MAX_ARTICLES,
    DEFAULT_TIMEOUT,
    SyncReport,
    sync_column,
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `library` and its own subcommands."""
    parser = subparsers.add_parser(
        "library",
        help=tr("文章库：添加、列出、搜索、同步栏目"),
        description=tr(
            "文章库：保存的文章、全文搜索（简繁通用）、阅读位置、栏目离线同步。"
            "退出码：0 完成，1 部分来源失败，2 出错。"
        ),
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="FILE", help=tr("文章库文件，默认在用户数据文件夹"))
    actions = parser.add_subparsers(dest="library_command", required=True)

    add = actions.add_parser(
        "add",
        parents=[common],
        help=tr("添加文件、文件夹或网址"),
        description=tr(
            "把网页文件、文件夹（含子文件夹）或网址加入文章库；重复的跳过，失败的列出原因。"
        ),
    )
    add.add_argument("sources", nargs="+", metavar="SOURCE", help=tr("文件、文件夹或网址"))
    add.add_argument("--no-recursive", action="store_true", help=tr("不进入子文件夹"))
    add.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=tr("网址的等待时间"),
    )
    add.add_argument(
        "--ocr",
        action="store_true",
        help=tr("识别新文章图片里的文字，以便搜索"),
    )
    add.set_defaults(run=run_add)

    listing = actions.add_parser(
        "list",
        parents=[common],
        help=tr("列出文章"),
        description=tr("列出文章库中的文章。"),
    )
    listing.add_argument(
        "--sort",
        choices=SORTS,
        default="published",
        help=tr("排序：发布日期、添加时间、打开时间或标题"),
    )
    listing.add_argument("--limit", type=int, metavar="N", help=tr("最多列出 N 篇"))
    listing.add_argument("--json", action="store_true", help=tr("输出 JSON"))
    listing.set_defaults(run=run_list)

    search = actions.add_parser(
        "search",
        parents=[common],
        help=tr("全文搜索，简繁通用"),
        description=tr(
            "在标题和正文中搜索，简体和繁体互相匹配（搜“发展”也找到“發展”）。"
            "多个词用空格分开，文章须包含全部词。"
        ),
    )
    search.add_argument("text", nargs="+", help=tr("要找的文字"))
    search.add_argument("--limit", type=int, default=20, metavar="N", help=tr("最多 N 条结果"))
    search.add_argument("--json", action="store_true", help=tr("输出 JSON"))
    search.set_defaults(run=run_search)

    show = actions.add_parser(
        "show", parents=[common], help=tr("显示一篇文章"), description=tr("显示文章。")
    )
    show.add_argument("id", type=int, help=tr("文章编号（见 list）"))
    show.add_argument("--json", action="store_true", help=tr("输出 JSON"))
    show.set_defaults(run=run_show)

    export = actions.add_parser(
        "export",
        parents=[common],
        help=tr("导出原始网页"),
        description=tr("把文章的原始网页写到文件，不用文章库也能打开。"),
    )
    export.add_argument("id", type=int, help=tr("文章编号"))
    export.add_argument("file", help=tr("写入的文件"))
    export.set_defaults(run=run_export)

    remove = actions.add_parser(
        "remove",
        parents=[common],
        help=tr("删除文章"),
        description=tr("从文章库删除文章及其阅读记录。"),
    )
    remove.add_argument("ids", nargs="+", type=int, metavar="ID", help=tr("文章编号"))
    remove.set_defaults(run=run_remove)

    forget = actions.add_parser(
        "forget",
        parents=[common],
        help=tr("清除阅读记录"),
        description=tr("清除所有阅读位置和打开记录（信息亭每位读者离开后使用），文章保留。"),
    )
    forget.set_defaults(run=run_forget)

    reextract = actions.add_parser(
        "reextract",
        parents=[common],
        help=tr("用当前版本重新整理所有文章"),
        description=tr("阅读器升级后，用保存的原文重新整理每篇文章；已识别的图片文字保留。"),
    )
    reextract.set_defaults(run=run_reextract)

    sync = actions.add_parser(
        "sync",
        parents=[common],
        help=tr("同步栏目的新文章"),
        description=tr(
            "联网读取栏目列表页，下载尚未保存的文章供离线阅读："
            "遵守 robots.txt，一次一个请求，请求之间有间隔。"
        ),
    )
    sync.add_argument("url", help=tr("栏目列表页网址"))
    sync.add_argument(
        "--max",
        type=int,
        default=DEFAULT_MAX_ARTICLES,
        dest="max_articles",
        metavar="N",
        help=tr("最多下载 N 篇新文章，默认 {count}", count=DEFAULT_MAX_ARTICLES),
    )
    sync.add_argument(
        "--delay",
        type=float,
        default=DEFAULT_DELAY,
        metavar="SECONDS",
        help=tr("两次请求之间的间隔，默认 {seconds} 秒", seconds=f"{DEFAULT_DELAY:g}"),
    )
    sync.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=tr("每个请求的等待时间，默认 {seconds} 秒", seconds=f"{DEFAULT_TIMEOUT:g}"),
    )
    sync.set_defaults(run=run_sync)


# --- Output --------------------------------------------------------------------------


def _write(text: str, stream: Any = None) -> None:
    """Write even where the stream's encoding cannot show every character."""
    stream = stream or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
    stream.flush()


def _open(args: argparse.Namespace) -> Library:
    library = Library(Path(args.db) if getattr(args, "db", None) else None)
    if library.notice is not None:
        _write(f"accessible-reader: {library.notice.text(i18n.current())}\n", sys.stderr)
    return library


def _date(summary: ArticleSummary) -> str:
    return (summary.published or "")[:10] or "—"


def _summary_json(summary: ArticleSummary) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": summary.id,
        "title": summary.title,
        "published": summary.published,
        "site": summary.site,
        "column": summary.column,
        "source": summary.source,
        "url": summary.url,
        "origin": summary.origin,
        "language": summary.language,
        "added_at": summary.added_at,
        "opened_at": summary.opened_at,
        "position": None,
    }
    if summary.position is not None:
        data["position"] = {"block": summary.position.block, "offset": summary.position.offset}
    return data


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with every highlighted span in 【】."""
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], "【", text[start:end], "】"]
        last = end
    out.append(text[last:])
    return "".join(out)


def _print_report(report: BatchReport) -> None:
    for result in report.added:
        _write(tr("已添加 [{id}] {title}", id=result.article_id, title=result.title) + "\n")
    for source, result in report.duplicates:
        _write(tr("跳过：{source}：{reason}", source=source, reason=result.reason) + "\n")
    for failure in report.failures:
        _write(tr("失败：{source}：{reason}", source=failure.source, reason=failure.reason) + "\n")


def _positive(value: float | int, option: str) -> None:
    if value <= 0:
        raise UsageError("{option} 必须大于 0。", option=option)


# --- Subcommands ---------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    """Import files, folders and URLs; 1 when some failed."""
    _positive(args.timeout, "--timeout")
    with _open(args) as library:
        report = import_sources(
            library,
            args.sources,
            recursive=not args.no_recursive,
            allow_network=True,
            timeout=args.timeout,
        )
        if args.ocr and report.added:
            from accessible_reader.kiosk.refresh import recognise_new_articles

            since = min(library.summary(r.article_id).added_at for r in report.added)
            changed = recognise_new_articles(library, since, lambda: False)
            sys.stderr.write(tr("识别了 {count} 篇文章的图片文字", count=changed) + "\n")
    _print_report(report)
    summary = tr(
        "共 {total} 项：新增 {added} 篇，跳过 {skipped} 篇（已在文章库中），失败 {failed} 项。",
        total=report.total,
        added=len(report.added),
        skipped=len(report.duplicates),
        failed=len(report.failures),
    )
    _write(summary + "\n")
    return 1 if report.failures else 0


def run_list(args: argparse.Namespace) -> int:
    """List articles, newest first."""
    with _open(args) as library:
        summaries = library.list_articles(args.sort, limit=args.limit)
    if args.json:
        _write(json.dumps([_summary_json(s) for s in summaries], ensure_ascii=False, indent=2))
        _write("\n")
        return 0
    if not summaries:
        _write(
            tr("文章库是空的。用 `accessible-reader library add 文件或文件夹` 添加文章。") + "\n"
        )
        return 0
    for summary in summaries:
        read = tr("（读过）") if summary.opened_at else ""
        _write(f"{summary.id:>5}  {_date(summary):<10}  {summary.title}{read}\n")
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Search titles and bodies, 简 and 繁 alike."""
    text = " ".join(word.strip() for word in args.text)  # see cli._dash_words_as_text
    with _open(args) as library:
        hits = library.search(text, limit=args.limit)
    if args.json:
        _write(json.dumps([_hit_json(hit) for hit in hits], ensure_ascii=False, indent=2) + "\n")
        return 0
    if not hits:
        _write(tr("没有找到包含“{text}”的文章。", text=text) + "\n")
        return 0
    for hit in hits:
        title = _marked(hit.article.title, hit.title_highlights)
        _write(f"{hit.article.id:>5}  {_date(hit.article):<10}  {title}\n")
        if hit.snippet:  # an article that is its title alone has no body to quote
            _write(f"       {_marked(hit.snippet, hit.highlights)}\n")
    return 0


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        **_summary_json(hit.article),
        "snippet": hit.snippet,
        "highlights": [list(span) for span in hit.highlights],
        "title_highlights": [list(span) for span in hit.title_highlights],
        "block": hit.block,
        "offset": hit.offset,
    }


def run_show(args: argparse.Namespace) -> int:
    """Print one saved article as text or JSON."""
    with _open(args) as library:
        article = library.get(args.id)
    if args.json:
        _write(json.dumps(article.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        _write(article_text(article))
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write an article's original page to a file."""
    with _open(args) as library:
        path = library.export_source(args.id, args.file)
    _write(tr("已导出到：{path}", path=str(path)) + "\n")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """Delete articles."""
    with _open(args) as library:
        removed = library.remove(args.ids)
    _write(tr("已删除 {count} 篇文章。", count=removed) + "\n")
    return 0


def run_forget(args: argparse.Namespace) -> int:
    """Clear reading positions and history."""
    with _open(args) as library:
        library.forget_history()
    _write(tr("已清除所有阅读位置和打开记录。") + "\n")
    return 0


def run_reextract(args: argparse.Namespace) -> int:
    """Extract every stored article again; 1 when some failed (they keep their text)."""
    with _open(args) as library:
        total = library.count()
        failures = library.reextract()
    for article_id, reason in failures:
        _write(tr("失败：编号 {id}：{reason}", id=article_id, reason=reason) + "\n", sys.stderr)
    done = total - len(failures)
    line = tr("重新整理了 {done} 篇文章，失败 {failed} 篇。", done=done, failed=len(failures))
    _write(line + "\n")
    return 1 if failures else 0


def run_sync(args: argparse.Namespace) -> int:
    """Fetch a column's new articles; 1 when some failed."""
    _positive(args.timeout, "--timeout")
    _positive(args.max_articles, "--max")
    if args.delay < 0:
        raise UsageError("--delay 不能小于 0。")
    shown = -1

    def progress(done: int, total: int, name: str) -> bool:
        nonlocal shown
        if name and total and done != shown:
            shown = done
            line = tr("正在下载（{done}/{total}）：{name}", done=done + 1, total=total, name=name)
            _write(line + "\n", sys.stderr)
        return True

    started = time.monotonic()
    with _open(args) as library:
        report = sync_column(
            library,
            args.url,
            max_articles=args.max_articles,
            delay=args.delay,
            timeout=args.timeout,
            progress=progress,
        )
    _print_sync(report, time.monotonic() - started)
    return 1 if report.failures else 0


def _print_sync(report: SyncReport, seconds: float) -> None:
    _print_report(report)
    for url in report.disallowed:
        _write(tr("未下载（robots.txt 不允许）：{url}", url=url) + "\n")
    column = f"“{report.title}”" if report.title else report.list_url
    counts = {
        "column": column,
        "found": report.found,
        "known": report.known,
        "added": len(report.added),
        "failed": len(report.failures),
        "seconds": f"{seconds:.1f}",
    }
    if report.remaining:
        line = tr(
            "栏目{column}：找到 {found} 篇文章链接，已有 {known} 篇，新增 {added} 篇，"
            "失败 {failed} 篇，还有 {remaining} 篇留待下次同步（用时 {seconds} 秒）。",
            remaining=report.remaining,
            **counts,
        )
    else:
        line = tr(
            "栏目{column}：找到 {found} 篇文章链接，已有 {known} 篇，新增 {added} 篇，"
            "失败 {failed} 篇（用时 {seconds} 秒）。",
            **counts,
        )
    _write(line + "\n")
