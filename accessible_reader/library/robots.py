"""robots.txt for portal sync: fetched once per site, with the same timeout and a size cap.

Policy (RFC 9309, read strictly for a program that runs unattended on kiosks):

- 2xx: the rules apply (user-agent token ``AccessibleReader``, else ``*``), and a
  ``Crawl-delay`` lengthens the pause between requests;
- 404 or 410: the site has no rules; everything may be fetched;
- anything else — 401/403, a server error, a timeout, no connection, an oversized
  file — the site's wishes are unknown, so nothing is fetched and the user is told
  why (FetchError with a Chinese message).
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from accessible_reader import __version__
from accessible_reader.errors import FetchError
from accessible_reader.i18n import N_

AGENT_TOKEN = "AccessibleReader"
"""The product token robots.txt rules are matched against."""

USER_AGENT = f"{AGENT_TOKEN}/{__version__} (offline accessible reader; library sync)"

MAX_ROBOTS_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB; the rest is ignored."""


@dataclass
class RobotsRules:
    """The rules of one site; `parser` None means no robots.txt (everything allowed)."""

    robots_url: str
    parser: urllib.robotparser.RobotFileParser | None

    def allowed(self, url: str) -> bool:
        """Whether the rules let the reader fetch `url`."""
        return self.parser is None or self.parser.can_fetch(AGENT_TOKEN, url)

    def crawl_delay(self) -> float:
        """Seconds the site asks crawlers to wait between requests (0 when it says nothing)."""
        if self.parser is None:
            return 0.0
        delay = self.parser.crawl_delay(AGENT_TOKEN)
        rate = self.parser.request_rate(AGENT_TOKEN)
        from_rate = rate.seconds / rate.requests if rate and rate.requests else 0.0
        return max(float(delay or 0), float(from_rate))


def robots_url_for(url: str) -> str:
    """The robots.txt address of the site `url` is on."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def _refused(robots_url: str, why: str) -> FetchError:
    return FetchError(
        "无法读取网站的 robots.txt（{why}），不知道网站是否允许下载，这次没有同步。",
        why=why,
        detail=robots_url,
    )


def fetch_robots(url: str, *, timeout: float) -> RobotsRules:
    """The robots.txt rules of `url`'s site; FetchError when they cannot be known."""
    robots_url = robots_url_for(url)
    request = urllib.request.Request(robots_url, headers={"User-Agent": USER_AGENT})
    deadline = time.monotonic() + timeout * 4
    chunks: list[bytes] = []
    size = 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            while size <= MAX_ROBOTS_BYTES:
                chunk = response.read1(64 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise _refused(robots_url, N_("网站回应太慢"))
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in (404, 410):
            return RobotsRules(robots_url, None)
        raise _refused(robots_url, f"HTTP {error.code}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        reason = error.reason if isinstance(error, urllib.error.URLError) else error
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise _refused(robots_url, N_("连接超时")) from None
        raise _refused(robots_url, N_("无法连接网站")) from None
    text = b"".join(chunks)[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
    parser = urllib.robotparser.RobotFileParser(robots_url)
    parser.parse(text.splitlines())
    return RobotsRules(robots_url, parser)


@dataclass
class RobotsCache:
    """robots.txt rules per site, each fetched once per sync."""

    timeout: float
    _rules: dict[str, RobotsRules] = field(default_factory=dict)

    def rules_for(self, url: str) -> RobotsRules:
        """The rules of `url`'s site (fetched on first use); FetchError when unknown."""
        robots_url = robots_url_for(url)
        if robots_url not in self._rules:
            self._rules[robots_url] = fetch_robots(url, timeout=self.timeout)
        return self._rules[robots_url]
