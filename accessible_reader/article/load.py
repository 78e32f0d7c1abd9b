"""Loading an article from wherever it is: a saved page, an archive, a text dump, a URL.

Everything a user can hand the reader ends here as an Article or as one
ReaderError with a Chinese message: files are size-checked before they are read
(a 200 MB file is refused by its size, never read into memory), URLs are fetched
once with a timeout and a size cap and only when the caller allows the network —
library code never goes online by accident.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import stat
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from urllib.parse import urlsplit

from accessible_reader import __version__, atomic
from accessible_reader.article.decode import decode_detailed, replacement_note
from accessible_reader.article.extract import extract_article
from accessible_reader.article.frames import archived_frames, saved_frames
from accessible_reader.article.metadata import written_in_traditional
from accessible_reader.article.mhtml import looks_like_mhtml, read_mhtml
from accessible_reader.article.model import Article
from accessible_reader.article.parse import attribute_note, cap_markup
from accessible_reader.article.plaintext import parse_text_dump
from accessible_reader.errors import ExtractionError, FetchError, SourceError

MAX_SOURCE_BYTES = 20 * 1024 * 1024
"""The largest file or download read (20 MiB). Saved portal pages are 20 KB–2 MB and
MHTML archives with their images rarely exceed 10 MB; larger input is refused by its
size (file size or Content-Length) or as soon as the stream passes the cap."""

DEFAULT_TIMEOUT = 15.0
"""Seconds to wait for a server: per network operation, and four times this in all."""

_CHUNK = 64 * 1024
_HTML_SUFFIXES = frozenset(
    {".html", ".htm", ".shtml", ".shtm", ".xhtml", ".xht", ".jsp", ".asp", ".aspx", ".php"}
)
_MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/xml",
        "application/xml",
        "multipart/related",
        "message/rfc822",
        "application/x-mimearchive",
        "application/octet-stream",
    }
)
_USER_AGENT = f"AccessibleReader/{__version__} (offline accessible reader; +python-urllib)"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP / Office"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf", "7z"),
    (b"\xd0\xcf\x11\xe0", "Office 97"),
    (b"MZ", "EXE"),
    (b"\x7fELF", "ELF"),
    (b"RIFF", "RIFF"),
    (b"ID3", "MP3"),
    (b"OggS", "Ogg"),
)


class SourceKind(str, Enum):
    """What the bytes are, which decides how they become an Article."""

    HTML = "html"
    MHTML = "mhtml"
    TEXT = "text"


@dataclass(frozen=True)
class FetchedPage:
    """One HTTP response, kept whole so it can be read now and saved for later."""

    url: str
    """The address asked for."""
    final_url: str
    """The address after redirects: relative links resolve against it."""
    status: int
    content_type: str | None
    data: bytes


@dataclass(frozen=True)
class SourceData:
    """The bytes of a source and what is known about where they came from."""

    data: bytes
    content_type: str | None
    """The transport Content-Type (with charset), when the source had one."""
    final_url: str | None
    """The address the bytes came from, for URLs."""
    origin: str
    """A file's absolute path or the URL: what Article.origin is set to."""
    path: Path | None = None


# --- Files --------------------------------------------------------------------


def is_url(source: str | Path) -> bool:
    """Whether the source is an http(s) address rather than a file."""
    return isinstance(source, str) and source.strip().lower().startswith(("http://", "https://"))


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _too_large(size: int | None, max_bytes: int, url: str | None = None) -> SourceError:
    limit = _size_text(max_bytes)
    if url is not None:
        return FetchError(
            "网页太大，超过了 {limit} 的上限，阅读器没有下载它。",
            limit=limit,
            detail=url,
        )
    return SourceError(
        "文件太大，超过了 {limit} 的上限，阅读器不打开它。",
        limit=limit,
        detail=_size_text(size) if size is not None else None,
    )


def read_file(path: Path, max_bytes: int = MAX_SOURCE_BYTES) -> bytes:
    """A file's bytes, refusing a missing, unreadable, empty or oversized file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(
            "找不到这个文件，它可能已被移动或删除。",
            detail=str(path),
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    if path.is_dir():
        raise SourceError(
            "这是一个文件夹，不是文件。请选择一个网页或文本文件。",
            detail=str(path),
        )
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path)
    if info.st_size > max_bytes:
        raise _too_large(info.st_size, max_bytes)
    try:
        # Non-blocking: a FIFO swapped in after the check must not hang the open.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _not_regular(path)
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise _unreadable(path, error) from None
    if len(data) > max_bytes:
        raise _too_large(None, max_bytes)
    return data


def _not_regular(path: Path) -> SourceError:
    return SourceError(
        "这不是普通文件（可能是管道、设备或套接字），阅读器不读取它。",
        detail=str(path),
    )


def is_regular_file(path: Path) -> bool:
    """Whether `path` is a regular file (following links): the only kind ever read."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def _unreadable(path: Path, error: OSError) -> SourceError:
    if isinstance(error, PermissionError):
        return SourceError(
            "没有权限读取这个文件。",
            detail=str(path),
        )
    return SourceError(
        "无法读取这个文件。",
        detail=f"{path}: {error.strerror or type(error).__name__}",
    )


_STRAY_NULS = 8
"""NUL bytes tolerated in the first 8 KB: a stray one (a bad copy, a CMS bug) does not
make a page binary; a binary file has them everywhere."""


def check_content(data: bytes) -> None:
    """Refuse empty input and binary files (images, PDFs, archives, programs)."""
    bare = data.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")
    if not bare.strip(b" \t\r\n\x0b\x0c\x00"):
        raise SourceError("文件是空的，没有可以阅读的内容。")
    for magic, name in _MAGIC:
        if data.startswith(magic):
            raise SourceError(
                "这不是网页或文本文件，阅读器无法打开它。",
                detail=name,
            )
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text has NUL bytes of its own
    if head.count(b"\x00") > _STRAY_NULS:
        raise SourceError(
            "这是一个二进制文件，不是网页或文本文件，阅读器无法打开它。",
        )


# --- URLs -------------------------------------------------------------------------


def _network_refused(url: str) -> FetchError:
    return FetchError(
        "打开网址需要联网。阅读器只在您明确要求时才联网，请确认后再试。",
        detail=url,
    )


def _fetch_error(url: str, error: BaseException) -> FetchError:
    """One clear message per way a download fails."""
    if isinstance(error, urllib.error.HTTPError):
        code = error.code
        if code in (404, 410):
            return FetchError(
                "网页不存在（HTTP {code}），请检查网址是否正确。",
                code=code,
                detail=url,
            )
        if code in (401, 403):
            return FetchError(
                "网站拒绝访问这个网页（HTTP {code}）。",
                code=code,
                detail=url,
            )
        if 300 <= code < 400:
            # urllib gives up on a redirect loop (or more than ten redirects) this way.
            return FetchError(
                "网址不断重定向（可能形成了循环），无法打开这个网页。",
                detail=url,
            )
        if code >= 500:
            return FetchError(
                "网站的服务器出错了（HTTP {code}），请稍后再试。",
                code=code,
                detail=url,
            )
        return FetchError(
            "网站返回了错误（HTTP {code}）。",
            code=code,
            detail=url,
        )
    reason: object = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FetchError(
            "连接网站超时，网站没有及时回应。请检查网络后再试。",
            detail=url,
        )
    if isinstance(reason, socket.gaierror):
        return FetchError(
            "找不到这个网站：可能没有联网，或网址有误。",
            detail=url,
        )
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(
            "网站拒绝了连接，可能暂时无法访问。",
            detail=url,
        )
    if isinstance(reason, ssl.SSLError):
        return FetchError(
            "无法与网站建立安全连接。",
            detail=url,
        )
    if isinstance(reason, http.client.HTTPException):
        return FetchError(
            "网站的回应不完整，请稍后再试。",
            detail=url,
        )
    return FetchError(
        "无法连接网站，请检查网络后再试。",
        detail=f"{url}: {type(reason).__name__}",
    )


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _decompress(data: bytes, encoding: str, max_bytes: int, url: str) -> bytes:
    """A gzip/deflate body unpacked, without letting a small bomb grow past the cap."""
    wbits = 16 + zlib.MAX_WBITS if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise FetchError(
            "网站发来的压缩数据已损坏。",
            detail=url,
        ) from None
    if len(out) > max_bytes:
        raise _too_large(None, max_bytes, url)
    return out


def fetch_url(
    url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_SOURCE_BYTES
) -> FetchedPage:
    """Download a page once, with a timeout, a size cap and a content-type check.

    Raises FetchError with a clear message for a bad address, no network, timeouts,
    HTTP errors, a non-HTML response and oversized pages.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FetchError(
            "网址无效，只能打开 http 或 https 网址。",
            detail=url,
        )
    request = urllib.request.Request(
        url.strip(),
        headers={
            "User-Agent": _USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
            "Accept-Language": "zh-CN,zh;q=0.9",
        },
    )
    deadline = time.monotonic() + timeout * 4
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            final_url = response.geturl() or url
            if urlsplit(final_url).scheme.lower() not in ("http", "https"):
                raise FetchError(
                    "网址被转到了不支持的地址。",
                    detail=final_url,
                )
            content_type = response.headers.get("Content-Type")
            media = _media_type(content_type)
            if media and media not in _ACCEPTED_TYPES:
                raise FetchError(
                    "这个网址打开的不是网页（类型为 {media}），阅读器无法阅读。",
                    media=media,
                    detail=url,
                )
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise _too_large(int(length), max_bytes, url)
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = response.read1(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise _too_large(None, max_bytes, url)
                if time.monotonic() > deadline:
                    raise _fetch_error(url, TimeoutError())
                chunks.append(chunk)
            status = int(getattr(response, "status", 200) or 200)
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
    except SourceError:
        raise
    except urllib.error.HTTPError as error:
        error.close()
        raise _fetch_error(url, error) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        if isinstance(error, ValueError):
            raise FetchError("网址无效。", detail=url) from None
        raise _fetch_error(url, error) from None
    data = b"".join(chunks)
    if encoding in ("gzip", "x-gzip", "deflate"):
        data = _decompress(data, encoding, max_bytes, url)
    return FetchedPage(
        url=url, final_url=final_url, status=status, content_type=content_type, data=data
    )


def save_fetched(page: FetchedPage, path: str | Path) -> Path:
    """Keep a fetched page on disk for offline reading; returns the path written.

    The bytes are kept as they came, unless the server named a charset that the page
    itself does not state: then the text is stored as UTF-8 with a byte-order mark,
    so the saved file reads back the same without the HTTP header.
    """
    target = Path(path)
    data = page.data
    if _media_type(page.content_type) not in ("multipart/related", "message/rfc822"):
        try:
            with_header = decode_detailed(data, page.content_type).text
            if with_header != decode_detailed(data, None).text:
                data = b"\xef\xbb\xbf" + with_header.encode("utf-8")
        except SourceError:
            pass  # not text: kept as it came
    try:
        atomic.write_bytes(target, data)
    except OSError as error:
        raise SourceError(
            "无法保存网页文件。",
            detail=f"{target}: {error.strerror or error}",
        ) from None
    return target


# --- Sources -------------------------------------------------------------------


def read_source(
    source: str | Path,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> SourceData:
    """The bytes of a file path, ``file://`` address or (if allowed) http(s) URL."""
    if is_url(source):
        url = str(source).strip()
        if not allow_network:
            raise _network_refused(url)
        page = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
        return SourceData(page.data, page.content_type, page.final_url, page.final_url)
    text = str(source)
    if text.lower().startswith("file://"):
        text = urllib.request.url2pathname(urlsplit(text).path)
    if not text.strip():
        raise SourceError("没有指定要打开的文件。")
    path = Path(text).expanduser()
    with contextlib.suppress(OSError, RuntimeError):
        path = path.resolve()
    data = read_file(path, max_bytes)
    return SourceData(data, None, None, str(path), path)


def sniff_kind(data: bytes, name: str | None = None, content_type: str | None = None) -> SourceKind:
    """HTML, MHTML or text, by content first and by file name or media type after."""
    if looks_like_mhtml(data):
        return SourceKind.MHTML
    head = data[:4096].lower()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:8192].decode("utf-16", "ignore").lower().encode("utf-8", "ignore")
    markers = (
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
        b"<div",
        b"<p>",
    )
    if any(marker in head for marker in markers):
        return SourceKind.HTML
    media = _media_type(content_type)
    suffix = Path(name).suffix.lower() if name else ""
    if media in ("multipart/related", "message/rfc822", "application/x-mimearchive"):
        return SourceKind.MHTML
    if suffix in _MHTML_SUFFIXES:
        return SourceKind.MHTML
    if media in ("text/html", "application/xhtml+xml") or suffix in _HTML_SUFFIXES:
        return SourceKind.HTML
    if suffix in _TEXT_SUFFIXES or media == "text/plain":
        return SourceKind.TEXT
    return SourceKind.HTML if b"<" in head and b">" in head and b"</" in head else SourceKind.TEXT


def article_from_source(raw: SourceData) -> Article:
    """Bytes with their provenance to an Article (origin, url and language set)."""
    from accessible_reader.documents.dispatch import open_document

    document = open_document(raw)  # PDF, DOCX, XLSX, pictures; old formats refused
    if document is not None:
        return document
    check_content(raw.data)
    name = raw.path.name if raw.path is not None else urlsplit(raw.final_url or "").path
    kind = sniff_kind(raw.data, name, raw.content_type)
    html_bytes, content_type, page_url = raw.data, raw.content_type, raw.final_url
    frames = saved_frames(raw.path) if raw.path is not None else None
    if kind is SourceKind.MHTML:
        page = read_mhtml(raw.data)
        html_bytes, content_type, page_url = page.html, page.content_type, page.url or page_url
        kind = SourceKind.HTML
        frames = archived_frames(page.resources, page_url)
    decoded = decode_detailed(html_bytes, content_type)
    if kind is SourceKind.TEXT:
        article = parse_text_dump(decoded.text)
        if article.url is None and page_url:
            article = replace(article, url=page_url)
    else:
        capped = cap_markup(decoded.text)  # said here; parse_document caps on its own too
        article = extract_article(capped.text, url=page_url, frames=frames)
        cut_note = attribute_note(capped.tags_cut)
        if cut_note is not None:
            article = replace(article, notes=(*article.notes, cut_note))
    if article.language == "zh-Hans" and (
        decoded.encoding.startswith("big5")
        or decoded.encoding == "cp950"
        or written_in_traditional("\n".join([article.title, *(b.text for b in article.blocks)]))
    ):
        article = replace(article, language="zh-Hant")
    note = replacement_note(decoded)
    if note is not None:
        article = replace(article, notes=(note, *article.notes))
    return replace(article, origin=raw.origin)


def load_article(
    source: str | Path, *, allow_network: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> Article:
    """The article in a file (html/htm, mhtml/mht, txt) or, if allowed, at an http(s) URL.

    Raises SourceError (DecodeError, FetchError) or ExtractionError — each with a
    Chinese message for the user — and nothing else.
    """
    try:
        return article_from_source(
            read_source(source, allow_network=allow_network, timeout=timeout)
        )
    except (SourceError, ExtractionError):
        raise
    except (RecursionError, MemoryError) as error:
        raise ExtractionError(
            "网页结构过于复杂，无法整理。",
            detail=type(error).__name__,
        ) from None


def welcome_path() -> Path:
    """The bundled welcome article (accessible_reader/resources/welcome/welcome.html)."""
    from accessible_reader.article.welcome import welcome_path as path

    return path()


def load_welcome() -> Article:
    """The welcome article shown when the reader starts without a source."""
    from accessible_reader.article.welcome import load_welcome as load

    return load()
