"""Normalised forms the library matches on: search text and URL keys.

Search text: 简 and 繁 must find each other (发展 finds 發展), so titles, bodies and
queries are all passed through the same function — OpenCC t2s (traditional →
simplified; simplified text goes through unchanged), full-width ASCII to
half-width, ASCII to lower case. The same function on both sides means a query
matches whatever it would match in the text as written, in either script. Every
step maps one character to one character (t2s changes the length only for a
handful of phrases), so offsets found in the normalised text are, almost always,
offsets in the original: search snippets rely on that and check it.

URL keys: one article reached by http and https, with a default port or a
fragment, is still one article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from accessible_reader.errors import ConversionError

_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20  # ideographic space
_LOWER_TABLE = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_TABLE = {k: _LOWER_TABLE.get(v, v) for k, v in _WIDTH_TABLE.items()} | _LOWER_TABLE
_NEEDS_TABLE = re.compile("[A-Z\u3000\uff01-\uff5e]")


@cache
def _to_simplified() -> tuple[str, Callable[[str], str]]:
    """(name, function): OpenCC t2s, or the identity when OpenCC is missing."""
    try:
        from accessible_reader.text.convert import backend, converter_for

        return f"t2s/{backend()}", converter_for("zh-Hans", source="zh-Hant")
    except (ConversionError, ImportError):
        return "identity", str


def normaliser_name() -> str:
    """Which normaliser built the search text; a change means the index is rebuilt."""
    return f"{_to_simplified()[0]}+width+lower/pad2"


def search_form(text: str) -> str:
    """`text` as the search index stores it: 简体, half-width, ASCII lower case."""
    if not text:
        return text
    text = _to_simplified()[1](text)
    # translate() walks every character; most Chinese text has nothing to change.
    return text.translate(_TABLE) if _NEEDS_TABLE.search(text) else text


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def url_key(url: str | None) -> str | None:
    """The form of an address compared for duplicates, or None when it names no page.

    Scheme, fragment and default port are dropped and the host is lower-cased. A
    site's root (a path of "" or "/") names no particular article, so it is never
    a key: some pages state their portal's home page as their own address.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.path in ("", "/") and not parts.query:
        return None
    host = parts.hostname.lower()
    if port is not None and str(port) != _DEFAULT_PORTS[parts.scheme.lower()]:
        host = f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"//{host}{parts.path}{query}"
