"""A portal on 127.0.0.1 for the sync tests: robots.txt, a column list page, article pages.

It serves a list page in Hanweb (大汉) style and article pages — one in 繁體, one
behind a disallowed path, one that never answers in time, one that fails with HTTP
500, one far over the size cap and one without an article — and records what it was
asked for, with which User-Agent, and how many requests were in progress at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from accessible_reader.text.convert import convert_text

from .helpers import PARAGRAPHS, portal_page

LIST_PATH = "/col/col123/index.html"
GOOD_A = "/art/2024/10/18/art_123_1001.html"
GOOD_B = "/art/2024/10/17/art_123_1002.html"
PRIVATE = "/private/art/2024/10/16/art_123_1003.html"
SLOW = "/art/2024/10/15/art_123_1004.html"
FAILING = "/art/2024/10/14/art_123_1005.html"
HUGE = "/art/2024/10/13/art_123_1006.html"
DATED = "/news/notice-a.html"
EMPTY = "/art/2024/10/12/art_123_1007.html"
NEW = "/art/2024/10/19/art_123_1008.html"

TITLES = {
    GOOD_A: "关于开展营商环境提升行动的通知",
    GOOD_B: "城市供水管网改造公告",
    PRIVATE: "内部文件不应被下载",
    SLOW: "迟迟没有回应的文章",
    FAILING: "服务器出错的文章",
    HUGE: "非常大的文章",
    DATED: convert_text("冬季供暖工作安排的公告", "zh-Hant"),
    EMPTY: "没有正文的页面",
    NEW: "第二次同步才出现的新文章",
}
FIRST_LINKS = [GOOD_A, GOOD_B, PRIVATE, SLOW, FAILING, HUGE, DATED, EMPTY]
MAX_BYTES = 100_000
TIMEOUT = 1.0


@dataclass
class Portal:
    """What the test portal serves, and what it was asked for."""

    base: str = ""
    robots: tuple[int, str] = (200, "User-agent: *\nDisallow: /private/\n")
    links: list[str] = field(default_factory=lambda: list(FIRST_LINKS))
    list_status: int = 200
    requests: list[str] = field(default_factory=list)
    agents: set[str] = field(default_factory=set)
    active: int = 0
    most_active: int = 0
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def list_page(self) -> str:
        items = "\n".join(
            f'<li><a href="{path}" target="_blank">{TITLES[path]}</a>'
            f"<span>2024-10-{18 - n:02d}</span></li>"
            for n, path in enumerate(self.links)
        )
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>通知公告_示范市人民政府</title></head><body>
<div class="header"><ul class="nav"><li><a href="/index.html">首页</a></li>
<li><a href="/col/col124/index.html">政务公开</a></li></ul></div>
<div class="list"><ul>
{items}
</ul>
<div class="page"><a href="/col/col123/index_2.html">下一页</a></div></div>
<div class="footer">主办：示范市人民政府</div></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    counted: bool = False
    """Whether this request counts as in progress (see do_GET) and is not yet answered."""

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for an access log."""

    def _send(self, status: int, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self._finished()
        self.end_headers()
        self.wfile.write(data)

    def _finished(self) -> None:
        """The answer is decided: no longer a request in progress.

        Counted down before the bytes go out, because the client can only send its next
        request once it has them; counting down after the write raced that next request
        on a loaded machine (both seen in progress at once, though one at a time)."""
        if self.counted:
            self.counted = False
            with self.server.portal.lock:
                self.server.portal.active -= 1

    def do_GET(self) -> None:
        portal = self.server.portal
        # Pages the client abandons (the one that never answers, at its timeout; the
        # huge one, at the size cap) go on in this server thread after the client has
        # moved on, so they do not count as requests in progress.
        self.counted = self.path not in (SLOW, HUGE)
        with portal.lock:
            portal.requests.append(self.path)
            portal.agents.add(self.headers.get("User-Agent", ""))
            portal.active += self.counted
            portal.most_active = max(portal.most_active, portal.active)
        try:
            self._answer(portal)
        except OSError:
            pass  # the client gave up (timeout, size cap)
        finally:
            self._finished()

    def _answer(self, portal: Portal) -> None:
        path = self.path
        if path == "/robots.txt":
            status, text = portal.robots
            self._send(status, text, "text/plain; charset=utf-8")
        elif path == LIST_PATH:
            self._send(portal.list_status, portal.list_page())
        elif path == SLOW:
            portal.release.wait(30)
            self._send(200, portal_page(TITLES[SLOW], PARAGRAPHS))
        elif path == FAILING:
            self._finished()
            self.send_error(500)
        elif path == HUGE:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(portal_page(TITLES[HUGE], PARAGRAPHS).encode("utf-8")[:-20])
            for _ in range(100):
                self.wfile.write(("<p>" + "很长的正文。" * 300 + "</p>\n").encode("utf-8"))
        elif path == EMPTY:
            self._send(
                200, "<html><head><title>空页面</title></head><body><div>首页</div></body></html>"
            )
        elif path == DATED:
            text = portal_page(
                TITLES[DATED], [convert_text(p, "zh-Hant") for p in PARAGRAPHS], column="通知公告"
            )
            self._send(200, text)
        elif path in TITLES:
            self._send(200, portal_page(TITLES[path], [f"{TITLES[path]}。", *PARAGRAPHS]))
        else:
            self._finished()
            self.send_error(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    portal: Portal


@contextmanager
def serve_portal() -> Iterator[Portal]:
    """Run the portal on a free port of 127.0.0.1 until the block ends."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.portal = Portal(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield httpd.portal
    finally:
        httpd.portal.release.set()
        httpd.shutdown()
        httpd.server_close()
