"""Portal sync against a portal served on 127.0.0.1 by the test (tests/library/portal.py).

No other address is used. Per-article failures (timeout, HTTP 500, size cap, no
article) are listed and the rest still saved; robots.txt is obeyed; a second sync
fetches only what is new.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accessible_reader.errors import ExtractionError, FetchError
from accessible_reader.library import Library, SyncReport, sync_column
from accessible_reader.library.robots import AGENT_TOKEN

from .helpers import CORPUS
from .portal import (
    DATED,
    EMPTY,
    FAILING,
    FIRST_LINKS,
    GOOD_A,
    GOOD_B,
    HUGE,
    LIST_PATH,
    MAX_BYTES,
    NEW,
    PRIVATE,
    SLOW,
    TIMEOUT,
    TITLES,
    Portal,
    _Handler,
)


def _sync(
    library: Library, portal: Portal, *, max_articles: int = 30, max_bytes: int = MAX_BYTES
) -> SyncReport:
    return sync_column(
        library,
        portal.base + LIST_PATH,
        delay=0,
        timeout=TIMEOUT,
        max_bytes=max_bytes,
        max_articles=max_articles,
    )


def test_first_sync(library: Library, portal: Portal) -> None:
    report = sync_column(
        library, portal.base + LIST_PATH, delay=0, timeout=TIMEOUT, max_bytes=MAX_BYTES
    )
    assert report.title == "通知公告_示范市人民政府"
    assert report.found == len(FIRST_LINKS)
    assert report.known == 0
    assert [result.title for result in report.added] == [
        TITLES[GOOD_A],
        TITLES[GOOD_B],
        TITLES[DATED],
    ]
    failed = {url.removeprefix(portal.base): str(reason) for url, reason in report.failed}
    assert set(failed) == {SLOW, FAILING, HUGE, EMPTY}
    assert "超时" in failed[SLOW]
    assert "HTTP 500" in failed[FAILING]
    assert "太大" in failed[HUGE]
    assert "没有找到文章正文" in failed[EMPTY]
    assert report.disallowed == [portal.base + PRIVATE]
    # Polite: robots.txt first and once, never the disallowed page, one request at a time.
    assert portal.requests[:2] == ["/robots.txt", LIST_PATH]
    assert portal.requests.count("/robots.txt") == 1
    assert PRIVATE not in portal.requests
    assert portal.most_active == 1
    assert all(agent.startswith(AGENT_TOKEN + "/") for agent in portal.agents)
    # Stored for offline reading, with the address it came from.
    assert library.count() == 3
    article_id = library.article_id_for_url(portal.base + GOOD_A)
    assert article_id is not None
    article = library.get(article_id)
    assert article.title == TITLES[GOOD_A]
    assert article.url == portal.base + GOOD_A
    assert library.source_bytes(article_id)
    # The 繁體 page is found by a 简体 search.
    assert [hit.article.title for hit in library.search("冬季供暖")] == [TITLES[DATED]]
    columns = library.columns()
    assert [(c.url, c.title, c.last_added) for c in columns] == [
        (portal.base + LIST_PATH, "通知公告_示范市人民政府", 3)
    ]


def test_second_sync_fetches_only_new_links(library: Library, portal: Portal) -> None:
    _sync(library, portal)
    portal.links.insert(0, NEW)
    portal.release.set()  # the slow page answers now
    portal.requests.clear()
    report = _sync(library, portal)
    assert report.found == len(FIRST_LINKS) + 1
    assert report.known == 4  # three saved, one without an article
    assert [result.title for result in report.added] == [TITLES[NEW], TITLES[SLOW]]
    requested = set(portal.requests)
    assert requested == {"/robots.txt", LIST_PATH, NEW, SLOW, FAILING, HUGE}
    assert library.count() == 5


def test_failures_keep_earlier_articles(library: Library, portal: Portal) -> None:
    portal.links = [GOOD_A, GOOD_B]
    _sync(library, portal)
    before = {summary.id for summary in library.list_articles()}
    portal.list_status = 500
    with pytest.raises(FetchError) as caught:
        _sync(library, portal)
    assert "HTTP 500" in caught.value.message_zh
    assert {summary.id for summary in library.list_articles()} == before


def test_max_articles_and_remaining(library: Library, portal: Portal) -> None:
    portal.links = [GOOD_A, GOOD_B, DATED]
    report = _sync(library, portal, max_articles=2)
    assert len(report.added) == 2
    assert report.remaining == 1
    assert DATED not in portal.requests
    report = _sync(library, portal, max_articles=2)
    assert [r.title for r in report.added] == [TITLES[DATED]]


def test_cancel_between_articles(library: Library, portal: Portal) -> None:
    portal.links = [GOOD_A, GOOD_B, DATED]
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, name: str) -> bool:
        seen.append((done, total, name))
        return done < 1

    report = sync_column(library, portal.base + LIST_PATH, delay=0, progress=progress)
    assert report.cancelled
    assert [r.title for r in report.added] == [TITLES[GOOD_A]]
    assert seen[0] == (0, 0, portal.base + LIST_PATH)  # total unknown before the list page
    assert seen[1] == (0, 3, portal.base + GOOD_A)
    assert GOOD_B not in portal.requests


def test_pause_between_requests_honours_crawl_delay(library: Library, portal: Portal) -> None:
    portal.links = [GOOD_A, GOOD_B, DATED]
    portal.robots = (200, "User-agent: *\nCrawl-delay: 3\n")
    slept: list[float] = []
    report = sync_column(
        library, portal.base + LIST_PATH, delay=0.5, progress=None, sleep=slept.append
    )
    assert len(report.added) == 3
    assert sum(slept) == pytest.approx(3 * 3)  # before each of the three article requests
    slept.clear()
    portal.links.insert(0, NEW)
    sync_column(library, portal.base + LIST_PATH, delay=5, sleep=slept.append)
    assert sum(slept) == pytest.approx(5)  # our own delay when it is the longer one


def test_cancel_during_a_pause(library: Library, portal: Portal) -> None:
    portal.links = [GOOD_A, GOOD_B]
    calls = 0

    def progress(done: int, total: int, name: str) -> bool:
        nonlocal calls
        calls += 1
        return calls < 4  # start, then three checks during the first pause

    slept: list[float] = []
    report = sync_column(
        library, portal.base + LIST_PATH, delay=10, progress=progress, sleep=slept.append
    )
    assert report.cancelled and report.added == []
    assert sum(slept) < 10
    assert GOOD_A not in portal.requests


@pytest.mark.parametrize(("status", "words"), [(500, "HTTP 500"), (403, "HTTP 403")])
def test_unreadable_robots_means_no_sync(
    library: Library, portal: Portal, status: int, words: str
) -> None:
    portal.robots = (status, "")
    with pytest.raises(FetchError) as caught:
        _sync(library, portal)
    assert "robots.txt" in caught.value.message_zh and words in caught.value.message_zh
    assert portal.requests == ["/robots.txt"]
    assert library.count() == 0


def test_missing_robots_allows_everything(library: Library, portal: Portal) -> None:
    portal.robots = (404, "not found")
    portal.links = [GOOD_A, PRIVATE]
    report = _sync(library, portal)
    assert len(report.added) == 2
    assert PRIVATE in portal.requests


def test_disallowed_list_page(library: Library, portal: Portal) -> None:
    portal.robots = (
        200,
        "User-agent: AccessibleReader\nDisallow: /col/\n\nUser-agent: *\nAllow: /\n",
    )
    with pytest.raises(FetchError) as caught:
        _sync(library, portal)
    assert "robots.txt 不允许" in caught.value.message_zh
    assert LIST_PATH not in portal.requests


def test_page_without_links(library: Library, portal: Portal) -> None:
    portal.links = []
    with pytest.raises(ExtractionError) as caught:
        _sync(library, portal)
    assert "没有找到文章链接" in caught.value.message_zh


def test_not_a_web_address(library: Library) -> None:
    with pytest.raises(FetchError):
        sync_column(library, "/home/user/list.html")


def test_corpus_page_through_sync(library: Library, portal: Portal, tmp_path: Path) -> None:
    page = CORPUS / "pages" / "zj_fgw_hanweb_1.html"
    if not page.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS} (only present beside a checkout)")
    # The real Hanweb page, served under an article address of the test portal.
    original = _Handler._answer

    def answer(handler: _Handler, portal: Portal) -> None:
        if handler.path == GOOD_B:
            data = page.read_bytes()
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            handler.wfile.write(data)
        else:
            original(handler, portal)

    portal.links = [GOOD_B]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_Handler, "_answer", answer)
        report = _sync(library, portal, max_bytes=5_000_000)
    assert [r.title for r in report.added] == ["1-10月德清县固定资产投资结构趋稳趋优"]
    # The page states its own address; both it and the link followed are known.
    article_id = report.added[0].article_id
    assert library.article_id_for_url(portal.base + GOOD_B) == article_id
    assert (
        library.article_id_for_url("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html")
        == article_id
    )
