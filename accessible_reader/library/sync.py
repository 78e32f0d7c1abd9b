"""Portal sync: keep offline copies of a column's new articles.

Given a column (list page) URL, the sync reads the site's robots.txt, fetches the
list page, finds its article links (accessible_reader.library.links) and fetches the ones not
yet saved — politely: one request at a time, a pause between requests (1 s by
default, longer when robots.txt asks for a Crawl-delay), a timeout and a size cap
on each, at most `max_articles` per run. It only runs when the user or the kiosk's
schedule asks for it. A link that fails is listed with the reason and tried again
next time; a page that holds no article is remembered and not fetched again.
Nothing already saved is changed or removed, whatever fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from accessible_reader.article.decode import decode_detailed
from accessible_reader.article.load import SourceData, fetch_url, is_url
from accessible_reader.errors import (
    ExtractionError,
    FetchError,
    LibraryError,
    ReaderError,
    SourceError,
)
from accessible_reader.i18n import Message
from accessible_reader.library.links import find_article_links, page_title
from accessible_reader.library.records import BatchReport, Failure, Progress
from accessible_reader.library.robots import RobotsCache
from accessible_reader.library.store import Library

DEFAULT_DELAY = 1.0
"""Seconds between two requests to a portal."""

DEFAULT_MAX_ARTICLES = 30
"""New articles fetched per sync at most; the rest wait for the next one."""

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
"""A portal article page is 20 KB–2 MB; a 5 MiB cap leaves room and stops runaways."""

_WAIT_SLICE = 0.2


@dataclass
class SyncReport(BatchReport):
    """A BatchReport with what the list page offered."""

    list_url: str = ""
    title: str | None = None
    """The list page's title (the column's name)."""
    found: int = 0
    """Article links on the list page."""
    known: int = 0
    """Of those, already saved (or known to hold no article): not fetched."""
    disallowed: list[str] = field(default_factory=list)
    """Links robots.txt does not let the reader fetch."""
    remaining: int = 0
    """New links left for the next sync because of `max_articles`."""


def _wait(
    seconds: float,
    sleep: Callable[[float], None],
    progress: Progress | None,
    state: tuple[int, int, str],
) -> bool:
    """Pause between requests, asking `progress` often so a cancel is quick."""
    remaining = seconds
    while remaining > 0:
        step = min(_WAIT_SLICE, remaining)
        sleep(step)
        remaining -= step
        if progress is not None and not progress(*state):
            return False
    return True


def sync_column(
    library: Library,
    list_url: str,
    *,
    max_articles: int = DEFAULT_MAX_ARTICLES,
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncReport:
    """Fetch the column's new articles into the library (goes online: call only when asked).

    Raises FetchError when the list page cannot be read — robots.txt unreadable or
    forbidding it, timeout, HTTP error, too large — and ExtractionError when it holds
    no article links; nothing is changed then. Per-article failures are listed in
    the report. `progress(done, total, url)`: total is 0 until the list page is read;
    returning False cancels (before the next request or during a pause).
    """
    list_url = list_url.strip()
    if not is_url(list_url):
        raise FetchError(
            "栏目同步需要一个 http 或 https 网址。",
            detail=list_url,
        )
    report = SyncReport(list_url=list_url)
    if progress is not None and not progress(0, 0, list_url):
        report.cancelled = True
        return report
    robots = RobotsCache(timeout)
    rules = robots.rules_for(list_url)
    if not rules.allowed(list_url):
        raise FetchError(
            "网站的 robots.txt 不允许程序读取这个栏目页，没有同步。",
            detail=list_url,
        )
    pause = max(delay, rules.crawl_delay())
    page = fetch_url(list_url, timeout=timeout, max_bytes=max_bytes)
    html = decode_detailed(page.data, page.content_type).text
    links = find_article_links(html, page.final_url)
    report.title = page_title(html)
    report.found = len(links)
    if not links:
        raise ExtractionError(
            "栏目页里没有找到文章链接。它可能不是栏目列表页，或者列表由网页脚本生成。",
            detail=list_url,
        )
    todo: list[str] = []
    for link in links:
        if library.article_id_for_url(link.url) is not None or library.rejected(link.url):
            report.known += 1
            continue
        try:
            site_rules = robots.rules_for(link.url)
        except FetchError:
            site_rules = None
        if site_rules is None or not site_rules.allowed(link.url):
            report.disallowed.append(link.url)
            continue
        todo.append(link.url)
    report.remaining = max(0, len(todo) - max_articles)
    todo = todo[:max_articles]
    report.total = len(todo)
    for done, url in enumerate(todo):
        state = (done, len(todo), url)
        if not _wait(pause, sleep, progress, state) or (
            progress is not None and not progress(*state)
        ):
            report.cancelled = True
            break
        _fetch_one(library, url, timeout=timeout, max_bytes=max_bytes, report=report)
    library.record_column(list_url, report.title, len(report.added))
    if progress is not None and not report.cancelled:
        progress(len(todo), len(todo), "")
    return report


def _fetch_one(
    library: Library, url: str, *, timeout: float, max_bytes: int, report: SyncReport
) -> None:
    """Fetch and store one article, recording the outcome in `report`."""
    try:
        page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
        raw = SourceData(page.data, page.content_type, page.final_url, page.final_url)
        result = library.add_source(raw, urls=[url])
    except LibraryError:
        raise
    except FetchError as error:  # network trouble: try again next time
        report.failures.append(Failure(url, error.reason()))
        return
    except (SourceError, ExtractionError) as error:  # no article there: remember it
        report.failures.append(Failure(url, error.reason()))
        library.reject(url, error.reason())
        return
    except ReaderError as error:
        report.failures.append(Failure(url, error.reason()))
        return
    except Exception as error:  # an extractor bug must not end the sync
        kind = type(error).__name__
        report.failures.append(Failure(url, Message("整理这个网页时出错（{kind}）", kind=kind)))
        return
    if result.added:
        report.added.append(result)
    else:
        report.duplicates.append((url, result))
