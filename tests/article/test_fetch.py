"""Fetching URLs, against a server on 127.0.0.1 started by the test (no other address).

It serves a GBK page whose charset is only in the HTTP header, a redirect, a slow
page, a trickling page, 404 and 500, an image, an oversized page (by Content-Length
and by stream), a gzip page, a text dump and an MHTML archive.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from accessible_reader.article.load import FetchedPage, fetch_url, load_article, save_fetched
from accessible_reader.errors import FetchError, SourceError

from .helpers import FIXTURES, source_file

PAGE = (
    "<html><head><title>城市供水管网改造公告_通知公告_示范市水务局</title></head><body>"
    "<div class='nav'><a href='/'>首页</a></div>"
    "<div class='TRS_Editor'><p>　　为提升供水安全保障能力，"
    "市水务局将于下周对老城区供水管网进行改造，"
    "施工期间部分区域可能出现水压偏低的情况，请居民提前储水。</p></div></body></html>"
)
TITLE = "城市供水管网改造公告"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for an access log."""

    def _send(self, body: bytes, content_type: str, status: int = 200, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/page.html":
            self._send(PAGE.encode("gbk"), "text/html; charset=GBK")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path in ("/loop-a", "/loop-b"):  # each sends the reader to the other
            self.send_response(302)
            self.send_header("Location", "/loop-b" if path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/slow":
            time.sleep(1.5)
            self._send(PAGE.encode("utf-8"), "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(30):
                try:
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        elif path == "/404":
            self.send_error(404)
        elif path == "/500":
            self.send_error(500)
        elif path == "/image.png":
            self._send(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(500 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"<html>")
        elif path == "/stream":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(50):
                    self.wfile.write(b"<p>" + b"a" * 4000 + b"</p>")
            except OSError:
                return
        elif path == "/gzip":
            self._send(
                gzip.compress(PAGE.encode("utf-8")),
                "text/html; charset=utf-8",
                Content_Encoding="gzip",
            )
        elif path == "/dump.txt":
            data = source_file(FIXTURES / "text_dump").read_bytes()
            self._send(data, "text/plain; charset=utf-8")
        elif path == "/archive":
            data = source_file(FIXTURES / "mhtml_chrome").read_bytes()
            self._send(data, "multipart/related")
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_with_header_charset(server: str) -> None:
    page = fetch_url(f"{server}/page.html", timeout=5)
    assert page.status == 200
    assert page.content_type == "text/html; charset=GBK"
    article = load_article(f"{server}/page.html", allow_network=True, timeout=5)
    assert article.title == TITLE
    assert article.origin == f"{server}/page.html"
    assert article.url == f"{server}/page.html"


def test_a_redirect_loop_is_named_as_such(server: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetch_url(f"{server}/loop-a", timeout=5)
    assert raised.value.message_zh == "网址不断重定向（可能形成了循环），无法打开这个网页。"
    assert "HTTP 302" not in raised.value.message_zh


def test_redirect_final_url(server: str) -> None:
    page = fetch_url(f"{server}/redirect", timeout=5)
    assert page.final_url == f"{server}/page.html"
    assert load_article(f"{server}/redirect", allow_network=True).origin == f"{server}/page.html"


def test_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}/slow", timeout=0.3)
    assert "超时" in caught.value.message_zh
    assert time.monotonic() - started < 1.4


def test_trickle_hits_overall_deadline(server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}/trickle", timeout=0.2)
    assert "超时" in caught.value.message_zh


@pytest.mark.parametrize(("path", "words"), [("/404", "不存在"), ("/500", "服务器出错")])
def test_http_errors(server: str, path: str, words: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}{path}", timeout=5)
    assert words in caught.value.message_zh
    assert path[1:] in caught.value.message_en


def test_not_html(server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}/image.png", timeout=5)
    assert "不是网页" in caught.value.message_zh
    assert "image/png" in caught.value.message_zh


def test_oversized_by_content_length(server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}/big", timeout=5)
    assert "太大" in caught.value.message_zh


def test_oversized_stream(server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(f"{server}/stream", timeout=5, max_bytes=50_000)
    assert "太大" in caught.value.message_zh


def test_gzip_body(server: str) -> None:
    assert PAGE.encode("utf-8") == fetch_url(f"{server}/gzip", timeout=5).data


def test_text_and_mhtml_responses(server: str) -> None:
    dump = load_article(f"{server}/dump.txt", allow_network=True, timeout=5)
    assert dump.title == "社区食堂开进老小区 老人吃饭不再难"
    archive = load_article(f"{server}/archive", allow_network=True, timeout=5)
    assert archive.title == "公交线路优化调整公告"


def test_connection_refused() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    with pytest.raises(FetchError) as caught:
        fetch_url(f"http://127.0.0.1:{port}/", timeout=2)
    assert caught.value.message_zh and caught.value.message_en


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "http://", "https:///nohost"])
def test_bad_addresses(url: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(url, timeout=1)


def test_save_fetched_reads_back_offline(server: str, tmp_path: Path) -> None:
    page = fetch_url(f"{server}/page.html", timeout=5)
    saved = save_fetched(page, tmp_path / "saved" / "page.html")
    assert saved.read_bytes() == page.data  # undeclared GBK is recognised without the header
    assert load_article(saved).title == TITLE


def test_save_fetched_when_only_the_header_knows_the_charset(tmp_path: Path) -> None:
    html = (
        "<html><head><title>お知らせ</title></head>"
        "<body><p>市役所からのお知らせです。</p></body></html>"
    )
    page = FetchedPage(
        url="http://127.0.0.1/x",
        final_url="http://127.0.0.1/x",
        status=200,
        content_type="text/html; charset=Shift_JIS",
        data=html.encode("shift_jis"),
    )
    saved = save_fetched(page, tmp_path / "page.html")
    assert saved.read_bytes() == b"\xef\xbb\xbf" + html.encode("utf-8")


def test_save_fetched_keeps_self_describing_bytes(server: str, tmp_path: Path) -> None:
    page = fetch_url(f"{server}/archive", timeout=5)
    saved = save_fetched(page, tmp_path / "page.mhtml")
    assert saved.read_bytes() == page.data


def test_save_into_unwritable_place(server: str, tmp_path: Path) -> None:
    page = fetch_url(f"{server}/page.html", timeout=5)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SourceError):
        save_fetched(page, blocker / "page.html")
