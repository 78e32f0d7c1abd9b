"""What the library hands out: plain, immutable records the window can keep and pass on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from accessible_reader.i18n import Message

Progress = Callable[[int, int, str], bool]
"""`progress(done, total, current_name) -> bool`: return False to cancel.

Called from the thread doing the work (for the window: a worker thread; hand the
values to the GUI thread with a queued signal). `total` is 0 while it is not yet
known (a sync before the list page is read); the same (done, total) may be reported
more than once (a sync calls it while waiting between requests, so a cancel is
noticed within a fraction of a second).
"""


@dataclass(frozen=True)
class ReadingPosition:
    """Where the reader stopped: a block index and a UTF-16 offset inside its text.

    UTF-16 because that is what Qt counts (the reading view's segments map
    (block, UTF-16 offset) to document positions).
    """

    block: int
    offset: int
    updated_at: float
    """Unix time of the last update."""


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library list: enough to show, sort and open an article."""

    id: int
    title: str
    published: str | None
    site: str | None
    column: str | None
    source: str | None
    url: str | None
    origin: str | None
    language: str
    added_at: float
    opened_at: float | None
    position: ReadingPosition | None


class AddStatus(str, Enum):
    """What happened to one source handed to the library."""

    ADDED = "added"
    DUPLICATE_URL = "duplicate_url"
    """An article with one of the same addresses is already saved."""
    DUPLICATE_CONTENT = "duplicate_content"
    """An article from the same bytes (sha256) is already saved."""


@dataclass(frozen=True)
class AddResult:
    """The outcome of adding one article: its id (new or the existing duplicate)."""

    status: AddStatus
    article_id: int
    title: str

    @property
    def added(self) -> bool:
        """True when a new article was stored."""
        return self.status is AddStatus.ADDED

    @property
    def reason(self) -> Message | None:
        """Why it was skipped, shown in the interface language (None when it was added)."""
        if self.status is AddStatus.DUPLICATE_URL:
            return Message("文章库里已有这篇文章（网址相同，编号 {id}）", id=self.article_id)
        if self.status is AddStatus.DUPLICATE_CONTENT:
            return Message("文章库里已有这篇文章（内容相同，编号 {id}）", id=self.article_id)
        return None


@dataclass(frozen=True)
class SearchHit:
    """One article found by a search, with a snippet to show and where to jump."""

    article: ArticleSummary
    snippet: str
    """About 60 characters of the body around the first match, "…" where cut."""
    highlights: tuple[tuple[int, int], ...]
    """(start, end) of every match inside `snippet`, in code points (Python indices)."""
    title_highlights: tuple[tuple[int, int], ...]
    """(start, end) of every match inside `article.title`, in code points."""
    block: int | None
    """Block of the first match in the body (None when only the title matched)."""
    offset: int
    """UTF-16 offset of the first match inside that block, like ReadingPosition.offset."""


@dataclass(frozen=True)
class ColumnRecord:
    """A portal column (list page) that has been synced."""

    url: str
    title: str | None
    last_synced_at: float | None
    last_added: int


@dataclass
class Failure:
    """A source that could not be added, and why (shown in the interface language)."""

    source: str
    reason: Message

    def as_pair(self) -> tuple[str, Message]:
        """(source, reason), the shape the window lists."""
        return (self.source, self.reason)


@dataclass
class BatchReport:
    """What an import or a sync did: added, skipped as duplicates, failed, cancelled."""

    total: int = 0
    added: list[AddResult] = field(default_factory=list)
    duplicates: list[tuple[str, AddResult]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[tuple[str, Message]]:
        """(source, reason) of every failure."""
        return [failure.as_pair() for failure in self.failures]
