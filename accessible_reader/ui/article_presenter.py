"""The article on screen: showing it in the chosen script, keeping the reader's place.

Holds the article as loaded (`source`), its 简/繁 conversions (each script converted
once per article) and the page of the other script laid out in advance, so the
first press of 简/繁 only shows it. Apart from the window, which it sees through
`PresenterHost`, so the window's chrome and this cache change independently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from accessible_reader import i18n
from accessible_reader.article.model import Article
from accessible_reader.errors import ReaderError
from accessible_reader.host_parts import HasSettings, ShowsNotices
from accessible_reader.text.convert import convert_article
from accessible_reader.ui.host_parts import HasAfterPaint, HasView, StartedSpeech
from accessible_reader.ui.reading_view import longer_than

if TYPE_CHECKING:
    from accessible_reader.ui.reading_view import ViewStyle


PREPARE_MAX_CHARS = 300_000
"""Longer articles are not prepared in the other script in advance: converting and
laying out millions of characters would hold the window for seconds (#19.4)."""


class PresenterHost(HasSettings, HasView, HasAfterPaint, StartedSpeech, ShowsNotices, Protocol):
    """What the presenter uses of the window."""

    def view_style(self) -> ViewStyle: ...

    def article_shown(self, title: str) -> None:
        """A new page is on screen (title bar, document tree)."""
        ...


class ArticlePresenter:
    """Shows an article in the chosen script; keeps caret and scroll across re-layouts."""

    def __init__(self, host: PresenterHost) -> None:
        self._host = host
        self.source: Article | None = None
        """The article as loaded; what is shown is this in the chosen script."""
        self.source_key: str | None = None
        """Where the article came from (positions are remembered per key)."""
        self._presented_key: str | None = None
        self._converted_from: Article | None = None
        self._converted: dict[tuple[str, bool], Article] = {}

    def _key(self) -> tuple[str, bool]:
        settings = self._host.settings
        return (settings.variant, settings.taiwan_phrases)

    def open(self, article: Article) -> None:
        """A new article: shown in the chosen script."""
        self.source = article
        self.source_key = article.origin or article.url or article.title
        self.show(article)

    def replace_source(self, article: Article, remap: Callable[[int], int]) -> None:
        """The article on screen with blocks added (text found in its pictures, its
        attachments): shown again in the chosen script; caret and place are kept,
        reading positions move with their blocks."""
        view = self._host.view
        caret = view.caret_position()
        scroll = view.verticalScrollBar().value()
        speech = self._host.started_speech()
        if speech is not None:
            speech.remap_positions(remap)
        self.source = article
        self.show(article)
        if caret is not None:
            view.move_caret_to(remap(caret[0]), caret[1])
        view.verticalScrollBar().setValue(scroll)

    def reshow(self) -> None:
        """The source again, after a change of script, looks or 纯文本."""
        if self.source is not None:
            self.show(self.source)

    def show(self, article: Article) -> None:
        """Lay out `article` in the chosen script (each script converted once)."""
        if article.interface_page:  # the program's words: already in the interface's
            self._present(article)
            return
        key = self._key()
        after_paint = self._host.after_paint
        if self._converted_from is not article:
            self._converted = {}
            self._converted_from = article
            after_paint.after_first(lambda: self._prepare_other_script(article))
        shown = self._converted.get(key)
        if shown is None and article.language == key[0]:
            # Most likely nothing to convert: show it now, confirm once painted (the
            # detection loads OpenCC, which would delay the first paint).
            after_paint.after_first(lambda: self._confirm_script(article))
            shown = article
        elif shown is None:
            shown = self._convert(article, key)
        self._present(shown)

    def _present(self, shown: Article) -> None:
        view = self._host.view
        same_source = view.article is not None and self._presented_key == self.source_key
        caret = view.caret_position() if same_source else None
        scroll = view.verticalScrollBar().value()
        if not view.show_article(shown, self._host.view_style()):
            return  # a newer page was shown while this one was built (ui/reading_view.py)
        self._presented_key = self.source_key
        if caret is not None and view.move_caret_to(*caret):
            # 简/繁 and 纯文本 lay the page out again: the reader keeps their place.
            view.verticalScrollBar().setValue(scroll)
        speech = self._host.started_speech()
        if speech is not None:
            speech.set_article(shown, self.source_key)
            speech.rehighlight()
        self._host.article_shown(shown.title)

    def _convert(self, article: Article, key: tuple[str, bool]) -> Article:
        try:
            shown = convert_article(article, key[0], taiwan_phrases=key[1])
        except ReaderError as error:
            shown = article
            self._host.show_notice(error.user_message())
        self._converted[key] = shown
        return shown

    def _confirm_script(self, article: Article) -> None:
        """Re-show the article if detection finds it was not in the chosen script."""
        key = self._key()
        if article is not self.source or key in self._converted:
            return
        converted = self._convert(article, key)
        if converted is not article:
            self._present(converted)

    def _prepare_other_script(self, article: Article) -> None:
        """Prepare a newly opened article in the script 简/繁 would switch to, once it
        is on screen: converted and built (~40 + ~50 ms for 100,000 characters), so
        the first press only shows the page."""
        if article is not self.source or longer_than(article, PREPARE_MAX_CHARS):
            return  # a book-length page is converted only if 简/繁 is pressed
        settings = self._host.settings
        other = settings.traditional_variant if settings.variant == "zh-Hans" else "zh-Hans"
        key = (other, settings.taiwan_phrases)
        if key in self._converted:
            return
        # A failure is said when the reader asks for the conversion (if it fails again).
        with contextlib.suppress(ReaderError):
            converted = convert_article(article, other, taiwan_phrases=key[1])
            self._converted[key] = converted
            # And its page, laid out in the current style: the first press shows it.
            language = i18n.resolve(self._host.settings.interface_language, other)
            interface = i18n.Interface(language)
            style = replace(self._host.view_style(), interface=interface)
            self._host.view.prepare_page(converted, style)
