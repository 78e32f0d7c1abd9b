"""Addresses taken from pages, parsed without raising.

urllib refuses some addresses with ValueError (an unclosed "[" of an IPv6 host, a host
with characters that NFKC turns into separators, "发布日期：news.example.cn"), and what a
page holds is anyone's: a bad address is no address, never a traceback.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit


def split_url(value: str) -> SplitResult | None:
    """The parts of an address, or None when urllib cannot read it."""
    try:
        return urlsplit(value)
    except ValueError:
        return None


def url_scheme(value: str) -> str:
    """The address's scheme in lower case ("" when it has none or cannot be read)."""
    parts = split_url(value)
    return parts.scheme.lower() if parts is not None else ""


def join_url(base: str, value: str) -> str | None:
    """The address resolved against base, or None when either cannot be read."""
    try:
        return urljoin(base, value)
    except ValueError:
        return None
