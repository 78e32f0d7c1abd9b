"""文章库 in the window: opening sources into it, its page, its dialogs, reading positions.

Separate from the window's chrome: it sees the window through `LibraryHost` (what it
shows, where dialogs go, how work leaves the GUI thread), so library operations can
change without touching toolbars and menus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtWidgets import QMenu

from accessible_reader import i18n
from accessible_reader.article.model import Article
from accessible_reader.errors import LibraryError, ReaderError
from accessible_reader.host_parts import (
    Announces,
    HasInterface,
    HasSettings,
    IsKiosk,
    ShowsNotices,
    ShowsStatus,
)
from accessible_reader.i18n import tr
from accessible_reader.ui.host_parts import (
    HasFrame,
    HasPages,
    HasView,
    ShowsArticles,
    StartedSpeech,
    VoiceOnly,
)

if TYPE_CHECKING:
    from accessible_reader.library import Library
    from accessible_reader.ui.library_view import LibraryView

MAX_RECENT_FILES = 10
"""Entries in 最近打开."""

ArticleLoader = Callable[[str], Article]
_T = TypeVar("_T")


class LibraryHost(
    HasSettings,
    IsKiosk,
    HasInterface,
    HasFrame,
    HasView,
    HasPages,
    VoiceOnly,
    ShowsArticles,
    ShowsNotices,
    ShowsStatus,
    Announces,
    StartedSpeech,
    Protocol,
):
    """What the library controller uses of the window (dialogs go on its `frame()`)."""

    @property
    def notice_shown(self) -> bool: ...

    def update_settings(self, **changes: object) -> None: ...

    def off_gui(self, work: Callable[[], _T]) -> _T:
        """work() on a worker, with progress and cancel (article_loader)."""
        ...

    def start_import(self, library: Library, folders: list[str]) -> None: ...

    def recent_changed(self) -> None:
        """最近打开 needs refreshing."""
        ...


class LibraryController:
    """Library operations of the window; the library is opened on first use."""

    def __init__(
        self,
        host: LibraryHost,
        *,
        open_library: Callable[[], Library] | None,
        load_source: ArticleLoader,
    ) -> None:
        self._host = host
        self._open_library = open_library
        self._load_source = load_source
        self._library: Library | None = None
        self._failed = False
        self._view: LibraryView | None = None
        self.article_id: int | None = None
        """The library id of the article on screen (None when not from the library)."""

    @property
    def opened(self) -> Library | None:
        """The library if it is open already (never opens it)."""
        return self._library

    @property
    def library(self) -> Library | None:
        """The saved-articles database, opened on first use (None if unavailable)."""
        if self._library is None and self._open_library is not None and not self._failed:
            try:
                self._library = self._open_library()
            except ReaderError as error:
                self._failed = True
                self._host.show_notice(error.user_message())
                return None
            if self._library.notice is not None:
                self._host.show_notice(self._library.notice.text(i18n.current()))
        return self._library

    @property
    def made_view(self) -> LibraryView | None:
        """The 文章库 page if it was ever made."""
        return self._view

    @property
    def view(self) -> LibraryView:
        """文章库 page, made when first opened."""
        if self._view is None:
            from accessible_reader.ui.library_view import LibraryView

            host = self._host
            page = LibraryView(lambda: self.library, tiles=host.kiosk, parent=host.frame())
            page.open_requested.connect(self.open_article)
            page.close_requested.connect(self.show_reading)
            page.list.delete_requested.connect(self.delete_selected)
            page.export_requested.connect(self.export_article)
            page.announcement.connect(host.announce)
            page.retranslate(host.ui)
            host.pages.addWidget(page)
            self._view = page
        return self._view

    def fill_recent_menu(self, menu: QMenu) -> None:
        """最近打开: recently read library articles (reopened where they were left), or
        recently opened files without a library."""
        menu.clear()
        library = self._library
        if library is not None:
            try:
                recent = library.recent(MAX_RECENT_FILES)
            except ReaderError:
                recent = []
            for summary in recent:
                action = menu.addAction(summary.title)
                action.setToolTip(summary.origin or summary.url or summary.title)
                action.triggered.connect(lambda _checked=False, i=summary.id: self.open_article(i))
            menu.setEnabled(bool(menu.actions()))
            return
        sources = self._host.settings.recent_files
        for source in sources:
            action = menu.addAction(Path(source).name if "://" not in source else source)
            action.setToolTip(source)
            action.triggered.connect(lambda _checked=False, s=source: self.open_source(s))
        menu.setEnabled(bool(sources))

    def open_now(self) -> None:
        """Open the library after the first paint: 最近打开 lists recent reading, and
        the start screen offers to continue the last article read."""
        library = self.library
        if library is None:
            return
        self._host.recent_changed()
        try:
            recent = [s for s in library.recent(1) if s.opened_at is not None]
        except ReaderError:
            return
        if recent and self.article_id is None and not self._host.notice_shown:
            self._host.show_notice(
                tr(
                    "最近阅读：《{title}》。按 Ctrl+L 打开文章库，从上次读到的地方继续。",
                    title=recent[0].title,
                )
            )

    def show(self) -> None:
        """文章库 page: the saved articles, newest first, with search."""
        self.save_position()
        self.view.refresh()
        self._host.pages.setCurrentWidget(self.view)
        self.view.search.setFocus()
        self._host.status("文章库")

    def refresh_if_shown(self) -> None:
        """Articles were added (an import): the page shows them if it is in front."""
        if self._view is not None and self._host.pages.currentWidget() is self._view:
            self._view.refresh()

    def show_reading(self) -> None:
        host = self._host
        host.pages.setCurrentWidget(host.view)
        host.view.setFocus()

    def toggle(self) -> None:
        if self._view is not None and self._host.pages.currentWidget() is self._view:
            self.show_reading()
        else:
            self.show()

    def open_article(self, article_id: int) -> bool:
        """Open a saved article where the reader left it (从上次位置继续)."""
        library = self.library
        if library is None:
            return False
        host = self._host
        try:
            article = library.get(article_id)
            position = library.mark_opened(article_id)
        except ReaderError as error:
            host.show_notice(error.user_message())
            return False
        host.show_article(article)
        self.article_id = article_id
        self.show_reading()
        host.recent_changed()
        # Space reads from the caret, so putting the caret there is the resume.
        if position is not None and host.view.move_caret_to(position.block, position.offset):
            host.show_notice(
                "从上次位置继续：光标已在上次读到的地方，按空格键接着读；按 Ctrl+Home 回到开头。"
            )
        return True

    def save_position(self) -> None:
        """Remember where this article was left, for the next time it is opened."""
        library, article_id = self._library, self.article_id
        speech = self._host.started_speech()
        saved = speech.saved_position() if speech is not None else None
        position = saved or self._host.view.caret_position()
        if library is None or article_id is None or position is None:
            return
        # A position is a convenience: never disturb reading for it.
        with contextlib.suppress(ReaderError):
            library.set_position(article_id, *position)

    def delete_selected(self) -> None:
        """Delete (outside kiosks): the selected article leaves the library."""
        host = self._host
        article_id = self.view.selected_id()
        library = self.library
        if host.kiosk or library is None or article_id is None:
            return
        try:
            title = library.summary(article_id).title
        except ReaderError as error:  # removed meanwhile (by the CLI, say)
            host.show_notice(error.user_message())
            self.view.refresh()
            return
        from accessible_reader.ui.message_box import confirm

        if confirm(
            host.frame(),
            host.ui("从文章库删除"),
            host.ui("确定从文章库删除《{title}》吗？", title=title),
            accept=host.ui("删除"),
            reject=host.ui("取消"),
            ui_size=host.settings.ui_size,
            speak=host.voice_only,
        ):
            with contextlib.suppress(ReaderError):
                library.remove([article_id])
            if self.article_id == article_id:
                self.article_id = None
            self.view.refresh()
            host.status(tr("已删除：{title}", title=title))

    def export_article(self, article_id: int) -> None:
        """导出原网页: the saved page written back to a file, to share or archive."""
        host = self._host
        library = self.library
        if host.kiosk or library is None:
            return
        try:
            summary = library.summary(article_id)
        except ReaderError as error:
            host.show_notice(error.user_message())
            return
        start = str(Path.home() / f"{summary.title[:40] or 'article'}.html")
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            host.frame(),
            host.ui("导出原网页"),
            start,
            host.ui("HTML (*.html *.htm);;所有文件 (*)"),
        )
        if not path:
            return
        try:
            written = library.export_source(article_id, path)
        except ReaderError as error:
            host.show_notice(error.user_message())
            return
        host.status(tr("已导出：{path}", path=written))

    def import_folder(self) -> None:
        """导入文件夹: every saved page under a folder, with progress and cancel."""
        library = self.library
        if library is None:
            return
        from PySide6.QtWidgets import QFileDialog

        host = self._host
        folder = QFileDialog.getExistingDirectory(host.frame(), host.ui("导入文件夹"))
        if folder:
            host.start_import(library, [folder])

    def open_source(self, source: str) -> bool:
        """Load and show a file or URL; on failure keep the current article and say why.
        With a library, the article is saved there too (and reopens where it was left)."""
        host = self._host
        library = self.library
        if library is not None:
            from accessible_reader.article.load import is_url, read_source

            try:
                raw = host.off_gui(lambda: read_source(source, allow_network=is_url(source)))
            except ReaderError as error:
                host.show_notice(error.user_message())
                return False
            try:
                result = host.off_gui(lambda: library.add_source(raw))
            except LibraryError as error:
                # Reading does not need the library: open it anyway, say it was not kept.
                return self._open_without_library(source, error)
            except ReaderError as error:
                host.show_notice(error.user_message())
                return False
            opened = self.open_article(result.article_id)
        else:
            opened = self._load_and_show(source)
        if not opened:
            return False
        recent = (source, *(s for s in host.settings.recent_files if s != source))
        host.update_settings(recent_files=recent[:MAX_RECENT_FILES])
        host.recent_changed()
        return True

    def _load_and_show(self, source: str) -> bool:
        """The source read by the loader alone (not into the library) and shown; on
        failure the article on screen stays and the notice says why."""
        host = self._host
        try:
            article = host.off_gui(lambda: self._load_source(source))
        except ReaderError as error:
            host.show_notice(error.user_message())
            return False
        host.show_article(article)
        return True

    def _open_without_library(self, source: str, problem: ReaderError) -> bool:
        host = self._host
        if not self._load_and_show(source):
            return False
        host.show_notice(
            tr("{error}（文章已打开，但没有保存到文章库）", error=problem.user_message())
        )
        return True
