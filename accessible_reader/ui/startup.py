"""The first article at start-up: the window on screen first, then the page.

A page named on the command line can take seconds to open. The window is shown at
once with a 正在打开… page (its title says so in the title bar and to the screen
reader), and the page is opened after the first paint, so a slow open's progress
dialog comes up over the visible window it belongs to. Before, that dialog came up
before the main window was shown, and on a loaded machine the window then sometimes
never reached the AT-SPI registry: a blind user whose page was slow to open could
get a window their screen reader could not see (#12, #19).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QTimer

from accessible_reader.article.model import Article, Block, BlockKind
from accessible_reader.host_parts import AddsNotices, HasInterface, HasSettings, ShowsNotices
from accessible_reader.i18n import N_, Interface
from accessible_reader.ui.host_parts import (
    HasAfterPaint,
    HasNotice,
    OpensSources,
    OpensWelcome,
    ShowsArticles,
)


class OpeningWindow(
    HasAfterPaint,
    HasNotice,
    HasSettings,
    HasInterface,
    ShowsArticles,
    OpensSources,
    OpensWelcome,
    ShowsNotices,
    AddsNotices,
    Protocol,
):
    """What opening the first article uses of the window."""

OPENING_TITLE = N_("正在打开…")
"""The title of the page shown while the first article opens."""


def opening_article(source: str, ui: Interface, language: str) -> Article:
    """The page on screen while `source` opens: what is being opened, in the
    interface's script (so it needs no conversion before the first paint)."""
    name = source if "://" in source else Path(source).name or source
    return Article(
        title=ui(OPENING_TITLE),
        blocks=(Block(BlockKind.PARAGRAPH, ui("正在打开：{name}。请稍候。", name=name)),),
        language=language,
        interface_page=True,
    )


def open_after_first_paint(
    window: OpeningWindow,
    source: str,
    *,
    notices: Sequence[str] = (),
    then: Callable[[], None] = lambda: None,
) -> None:
    """Show the 正在打开… page now and open `source` once the window has painted;
    if it cannot be opened, the welcome article with the reason. `notices` (a repaired
    settings file, say) are shown after the article, which would otherwise hide them;
    `then` runs once the article is open (or has failed)."""
    window.show_article(opening_article(source, window.ui, window.settings.variant))

    def open_now() -> None:
        if not window.open_source(source):
            failure = window.notice.text()
            window.open_welcome()
            if failure:
                window.show_notice(failure)
        for notice in notices:
            window.add_notice(notice)
        then()

    # After the rest of the first-paint work (key filter, speech engine), on its own
    # turn of the event loop: the open waits in a local loop of its own.
    window.after_paint.after_first(lambda: QTimer.singleShot(0, window.after_paint, open_now))
