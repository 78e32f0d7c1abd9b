"""MHTML single-file archives (``.mhtml`` / ``.mht``) as Chrome, Edge and IE save them.

An MHTML file is a MIME ``multipart/related`` message: the page's HTML is one part,
every image and stylesheet another, each named by its ``Content-Location`` (and
sometimes a ``Content-ID``). The stdlib ``email`` package reads it; the HTML part's
transfer encoding (quoted-printable or base64) is undone here and its charset is
handed to the decoder as a transport header.
"""

from __future__ import annotations

import email
import email.message
import email.policy
from dataclasses import dataclass, field

from accessible_reader.errors import SourceError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_PARTS = 5000
"""Parts beyond this are ignored; a saved page rarely has more than a few hundred."""


@dataclass(frozen=True)
class MhtmlPage:
    """The page inside an archive: its HTML bytes and where it was saved from."""

    html: bytes
    content_type: str | None
    """The HTML part's Content-Type header (with its charset), for the decoder."""
    url: str | None
    """The page's address (Snapshot-Content-Location or the part's Content-Location)."""
    resources: dict[str, bytes] = field(default_factory=dict)
    """Other parts by Content-Location (and ``cid:`` Content-ID), for showing images."""


def looks_like_mhtml(data: bytes) -> bool:
    """Whether bytes start like a MIME archive rather than HTML or text."""
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<", b"\xef\xbb\xbf<")):
        return False
    return b"multipart/related" in head and (
        b"mime-version" in head or b"from:" in head or b"content-type" in head
    )


def _not_mhtml(detail: str | None = None) -> SourceError:
    return SourceError(
        "无法读取这个 MHTML 网页存档：文件已损坏，或不是浏览器保存的单个文件网页。",
        detail=detail,
    )


def _parse(data: bytes) -> email.message.Message:
    try:
        return email.message_from_bytes(data, policy=email.policy.compat32)
    except (ValueError, TypeError, LookupError, IndexError, AttributeError) as error:
        raise _not_mhtml(type(error).__name__) from None


def _payload(part: email.message.Message) -> bytes:
    """The part's body with its transfer encoding undone (never raises on bad data)."""
    try:
        payload = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, AssertionError):
        return b""
    return payload if isinstance(payload, bytes) else b""


def _parts(message: email.message.Message) -> list[email.message.Message]:
    parts: list[email.message.Message] = []
    try:
        for part in message.walk():
            if len(parts) >= _MAX_PARTS:
                break
            if not part.is_multipart():
                parts.append(part)
    except (TypeError, AttributeError, RecursionError) as error:
        raise _not_mhtml(type(error).__name__) from None
    return parts


def _header(part: email.message.Message, name: str) -> str | None:
    try:
        value = part.get(name)
    except (TypeError, ValueError, LookupError):
        return None
    if value is None:
        return None
    return str(value).strip() or None


def read_mhtml(data: bytes) -> MhtmlPage:
    """The HTML page and its resources from an MHTML archive.

    Raises SourceError when the archive has no HTML part.
    """
    message = _parse(data)
    snapshot = _header(message, "Snapshot-Content-Location")
    parts = _parts(message)
    html_part: email.message.Message | None = None
    resources: dict[str, bytes] = {}
    for part in parts:
        kind = part.get_content_type().lower()
        location = _header(part, "Content-Location")
        is_page = snapshot is None or location is None or location == snapshot
        if kind in _HTML_TYPES and html_part is None and is_page:
            html_part = part
            continue
        body_key = location
        content_id = _header(part, "Content-ID")
        payload: bytes | None = None
        if body_key:
            payload = _payload(part)
            resources.setdefault(body_key, payload)
        if content_id:
            payload = _payload(part) if payload is None else payload
            resources.setdefault(f"cid:{content_id.strip('<>')}", payload)
    if html_part is None:
        html_part = next((p for p in parts if p.get_content_type().lower() in _HTML_TYPES), None)
    if html_part is None:
        raise _not_mhtml("no text/html part")
    html = _payload(html_part)
    if not html.strip():
        raise _not_mhtml("empty text/html part")
    try:
        charset = html_part.get_content_charset()
    except (LookupError, ValueError, TypeError):
        charset = None
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    url = snapshot or _header(html_part, "Content-Location")
    return MhtmlPage(html=html, content_type=content_type, url=url, resources=resources)


def mhtml_resources(data: bytes) -> dict[str, bytes]:
    """Every non-HTML part of an archive by its Content-Location (for the image view)."""
    return read_mhtml(data).resources
