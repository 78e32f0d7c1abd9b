"""The main window's chrome: toolbars, menus and status from the action registry,
applying settings to them, and the parts made on first use.

What it shows is the article presenter's (ui/article_presenter.py); the library's
operations and dialogs are the library controller's (ui/library_controller.py);
setting commands are accessible_reader/setting_commands.py; messages go through
ui/announcer.py. The window keeps thin entry points with the old names for its
collaborators (open_source, show_article, library, …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import config, i18n
from accessible_reader.article.model import Article
from accessible_reader.config import Settings
from accessible_reader.errors import ReaderError
from accessible_reader.i18n import N_, tr
from accessible_reader.setting_commands import SettingCommands
from accessible_reader.speech.states import State
from accessible_reader.ui import theme
from accessible_reader.ui.actions import ACTIONS, MENUS, ActionSpec, bound_keys, effective_shortcuts
from accessible_reader.ui.announcer import Notice, set_own_description
from accessible_reader.ui.article_presenter import ArticlePresenter
from accessible_reader.ui.first_paint import AfterPaint
from accessible_reader.ui.icons import glyph_icon
from accessible_reader.ui.library_controller import MAX_RECENT_FILES, LibraryController
from accessible_reader.ui.reading_view import ReadingView, ViewStyle
from accessible_reader.ui.translations import follow_language

if TYPE_CHECKING:
    from accessible_reader.library import Library
    from accessible_reader.speech.select import Selection
    from accessible_reader.ui.background import BackgroundJob
    from accessible_reader.ui.caption_panel import CaptionPanel
    from accessible_reader.ui.help_dialog import HelpDialog
    from accessible_reader.ui.library_view import LibraryView
    from accessible_reader.ui.recognition import PictureText
    from accessible_reader.ui.screen_reader_support import ScreenReaderSupport
    from accessible_reader.ui.settings_dialog import SettingsDialog
    from accessible_reader.ui.speech import SpeechController

# Start-up imports only what the first paint needs; the speech controller, captions,
# library page, dialogs and text tools are imported when first used.

__all__ = ["MAX_RECENT_FILES", "ReaderWindow"]
SECOND_ROW_FROM = "font-larger"
"""Toolbar actions from this one on go to the second row (display functions)."""
OPEN_FILTER = N_(
    "网页、文本、附件和图片 (*.html *.htm *.shtml *.mhtml *.mht *.txt"
    " *.pdf *.docx *.xlsx *.png *.jpg *.jpeg);;所有文件 (*)"
)

ArticleLoader = Callable[[str], Article]
_T = TypeVar("_T")


class ReaderWindow(QMainWindow):
    """One article on screen, with every display function one key away."""

    speaking_changed = Signal(bool)
    """Reading aloud started (True) or stopped/paused (False)."""

    def __init__(
        self,
        settings: Settings,
        *,
        settings_path: Path | None,
        load_source: ArticleLoader,
        load_welcome: Callable[[], Article],
        engine_factory: Callable[[str], Selection] | None = None,
        kiosk: bool = False,
        library: Callable[[], Library] | None = None,
    ) -> None:
        super().__init__()
        self.kiosk = kiosk
        """Public terminal: only kiosk-safe actions, no menus, cannot be closed."""
        self._exit_allowed = not kiosk
        self.settings: Settings = settings
        self.ui: i18n.Interface = i18n.current()
        """Interface text (written in 简体) in the chosen script."""
        self.commands = SettingCommands(self)
        """Set / step / cycle / toggle a setting by name, announced (the actions' handlers)."""
        self.presenter = ArticlePresenter(self)
        """The article on screen, its 简/繁 conversions and kept pages."""
        self.library_control = LibraryController(
            self, open_library=library, load_source=load_source
        )
        """文章库: opening sources into it, its page and dialogs, reading positions."""
        self._menus: dict[str, tuple[QMenu, str]] = {}
        self._settings_path = settings_path
        self._load_welcome = load_welcome
        self.setWindowTitle(N_("无障碍阅读器"))  # the article's title and ours, once shown
        self.setAccessibleName(N_("无障碍阅读器"))  # Accessible Reader
        self.setAcceptDrops(not kiosk)  # a kiosk's library is the administrator's
        self.background_jobs: list[BackgroundJob[Any]] = []
        """Exports and imports running on worker threads."""
        # No sliding docks and toolbars: motion distracts, and each animation lingers.
        self.setAnimated(False)

        self.view: ReadingView = ReadingView(self)
        self.after_paint: AfterPaint = AfterPaint(self.view.viewport())
        """Start-up work that waits until the article is on screen."""
        # An application-wide filter sees every event of every object; before the
        # first paint (when no key can come yet) it would only slow the start.
        self.after_paint.after_first(self._install_control_keys)
        self.notice = Notice(self, interface=lambda: self.ui, status=self.status)
        self._help: HelpDialog | None = None
        self._settings_dialog: SettingsDialog | None = None
        self._settings_dialog_for: tuple[object, ...] = ()
        from accessible_reader.ui import chrome_accessibility

        chrome_accessibility.install()  # before any of the chrome is asked for
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.view)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._cursor_overridden = False
        self._captions: CaptionPanel | None = None
        self.view.cursorPositionChanged.connect(self._caption_caret_sentence)
        self._speaking = False
        self._engine_factory = engine_factory
        self._speech: SpeechController | None = None
        self._picture_text: PictureText | None = None
        self.qactions: dict[str, QAction] = {}
        self.toolbar = QToolBar(N_("工具条"), self)  # Toolbar
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setAccessibleName(N_("无障碍工具条"))  # each name: _retranslate()
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        # Two rows rather than an overflow menu (whose » button a keyboard cannot
        # reach): reading and speech on the first, display on the second.
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        second = QToolBar(N_("显示工具条"), self)
        second.setObjectName("displayToolbar")
        second.setAccessibleName(N_("显示工具条"))
        second.setMovable(False)
        second.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, second)
        self.toolbars = [self.toolbar, second]
        self._build_actions()
        self._recent_menu: QMenu | None = None
        self._build_menus()
        if kiosk:
            self.menuBar().hide()
        self.statusBar().setAccessibleName(N_("状态栏"))
        from accessible_reader.ui.chrome_size import ChromeFit

        self.chrome_fit = ChromeFit(self)
        """界面大小 fitted so the article keeps its share of the window."""
        from accessible_reader.ui.dialog_fit import watch_file_dialogs

        watch_file_dialogs(self)
        from accessible_reader.ui.screen_reader_support import ScreenReaderSupport

        self.a11y: ScreenReaderSupport = ScreenReaderSupport(self)
        """Announcements, exposed status, document tree, button values (issue 12)."""
        self._follow_system_colours()
        self.apply_settings()
        self.speech_state_changed(State.STOPPED)

    def _install_control_keys(self) -> None:
        from accessible_reader.ui.control_keys import ControlKeys

        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(ControlKeys(self))

    # -- parts made on first use ------------------------------------------------------

    @property
    def speech(self) -> SpeechController:
        """Read-aloud: made on first use (after the first paint at the latest)."""
        if self._speech is None:
            from accessible_reader.ui.speech import SpeechController, default_engine_factory

            self._speech = SpeechController(
                self, engine_factory=self._engine_factory or default_engine_factory, parent=self
            )
            if self.view.article is not None:
                self._speech.set_article(self.view.article, self.presenter.source_key)
        return self._speech

    @property
    def captions(self) -> CaptionPanel:
        """大字幕: the caption dock, made when first shown or asked for."""
        if self._captions is None:
            from accessible_reader.ui.caption_panel import CaptionPanel

            panel = CaptionPanel(self)
            panel.hide()
            panel.retranslate(self.ui)
            panel.view.set_style(self.scheme(), self._body_px(), self.settings.caption_size)
            self.chrome_fit.watch_caption_dock(panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
            panel.closed.connect(lambda: self.update_settings(captions=False))
            self._captions = panel
        return self._captions

    @property
    def picture_text(self) -> PictureText:
        """Text in pictures and saved attachments, found after each article is painted."""
        if self._picture_text is None:
            from accessible_reader.ui.recognition import PictureText

            self._picture_text = PictureText(self)
        return self._picture_text

    def shutdown_speech(self) -> None:
        """On the way out: stop the speech worker, if speech was ever started."""
        if self._speech is not None:
            self._speech.shutdown()

    def _body_px(self) -> int:
        return theme.body_pixels(self.settings.font_preset, self.settings.zoom_percent)

    # -- actions and menus ----------------------------------------------------------

    def _build_actions(self) -> None:
        groups: dict[str, QActionGroup] = {}
        row = self.toolbar
        for spec in ACTIONS:
            action = QAction(spec.label_zh, self)
            action.setObjectName(f"action-{spec.id}")
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setStatusTip(spec.description_zh)
            action.setWhatsThis(spec.description_zh)
            action.setCheckable(spec.checkable)
            if spec.group:
                groups.setdefault(spec.group, QActionGroup(self)).addAction(action)
            action.triggered.connect(self._trigger(spec))
            if self.kiosk and not spec.kiosk_safe:
                # Not offered at all: no button, no menu, no key.
                action.setEnabled(False)
                action.setVisible(False)
                self.qactions[spec.id] = action
                continue
            self.addAction(action)  # keys work even when the menu bar is hidden
            self.qactions[spec.id] = action
            if spec.toolbar:
                if spec.id == SECOND_ROW_FROM:
                    row = self.toolbars[-1]
                row.addAction(action)
                button = row.widgetForAction(action)
                if isinstance(button, QToolButton):
                    button.setAccessibleName(spec.label_zh)
                    button.setAccessibleDescription(spec.description_zh)
                    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def button_for(self, action_id: str) -> QToolButton | None:
        """The toolbar button of an action (whichever toolbar row holds it)."""
        for toolbar in self.toolbars:
            button = toolbar.widgetForAction(self.qactions[action_id])
            if isinstance(button, QToolButton):
                return button
        return None

    def _trigger(self, spec: ActionSpec) -> Callable[[], None]:
        def run() -> None:
            spec.handler(self)

        return run

    def _build_menus(self) -> None:
        menus: dict[str, QMenu] = {}
        bar = self.menuBar()
        for path, title in MENUS:
            parent_path, _, _ = path.rpartition("/")
            menu = QMenu(title, self)
            menu.setAccessibleName(title)
            self._menus[path] = (menu, title)
            if parent_path:
                menus[parent_path].addMenu(menu)
            else:
                bar.addMenu(menu)
            menus[path] = menu
        for spec in ACTIONS:
            if spec.menu:
                menus[spec.menu].addAction(self.qactions[spec.id])
        self._recent_menu = QMenu(N_("最近打开"), self)
        self._menus["file/recent"] = (self._recent_menu, N_("最近打开"))
        menus["file"].insertMenu(self.qactions["welcome"], self._recent_menu)
        self._refresh_recent_menu()

    def update_settings(self, **changes: object) -> None:
        """Change settings, save them, and redraw what they affect."""
        self.replace_settings(replace(self.settings, **changes))  # type: ignore[arg-type]

    def replace_settings(self, settings: Settings) -> None:
        """Use `settings` from now on: validate, save, redraw what changed."""
        previous = self.settings
        self.settings = settings.validated()
        if self._settings_path is not None:
            try:
                config.save(self.settings, self._settings_path)
            except OSError as error:
                self.show_notice(self.ui("无法保存设置：{error}", error=str(error)))
        self.apply_settings(previous)

    def apply_settings(self, previous: Settings | None = None) -> None:
        """Apply the settings to the whole window; with `previous`, only what changed
        is redone, so each toggle stays fast on long articles."""

        def changed(*names: str) -> bool:
            return previous is None or any(
                getattr(previous, name) != getattr(self.settings, name) for name in names
            )

        script = changed("variant", "taiwan_phrases", "interface_language")
        looks = changed("scheme", "font_preset", "zoom_percent", "ui_size", "caption_size")
        if script:
            # The interface language: READER_LANG, else 界面语言, else the system's
            # (following 简/繁 for Chinese); errors and Qt's own words (是/否) follow it.
            language = i18n.resolve(self.settings.interface_language, self.settings.variant)
            self.ui = i18n.set_language(language)
            follow_language(language)
            self._retranslate()
        scheme = self.scheme()
        body_px = self._body_px()
        if looks:
            self._apply_chrome(scheme, body_px)
        if script or changed("shortcuts"):
            keys = effective_shortcuts(self.settings.shortcuts)
            for spec in ACTIONS:
                action = self.qactions[spec.id]
                action.setShortcuts([QKeySequence(key) for key in bound_keys(spec, keys)])
                action.setToolTip(self.ui(_tooltip(spec, keys[spec.id])))
        for spec in ACTIONS:
            if spec.checked is not None:
                self.qactions[spec.id].setChecked(spec.checked(self))
        if changed("cursor_scale", "cursor_colour"):
            self._apply_cursor()
        if script or looks or changed("text_only"):
            self.presenter.reshow()
        if self.settings.point_reading:
            _ = self.speech  # 指读 listens to the pointer from now on
        if self._speech is not None and changed("rate", "volume", "sound", "voice"):
            self._speech.apply_settings()
        self.view.guide.set_mode(self.settings.reading_guide)
        captions = self._captions
        if self.settings.captions and captions is None:
            captions = self.captions  # made in the current style
        elif captions is not None and looks:
            captions.view.set_style(scheme, body_px, self.settings.caption_size)
        if captions is not None:
            captions.setVisible(self.settings.captions)
        if script or changed("captions", "caption_pinyin"):
            self._caption_caret_sentence()
        self.chrome_fit.refit(force=looks)
        self.a11y.refresh_controls()

    def caption_dock(self) -> QDockWidget | None:
        """The caption dock, if it was ever made (for the chrome fit)."""
        return self._captions

    def _apply_chrome(self, scheme: theme.Scheme, body_px: int) -> None:
        """Colours and sizes of everything around the article: done by the chrome fit
        at the end of apply_settings (界面大小, fitted to the window)."""

    def paint_chrome(self, chrome_px: int) -> None:
        """Colours and sizes of everything around the article: palette, style, icons."""
        scheme = self.scheme()
        body_px = self._body_px()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(theme.palette(scheme))
        self.setPalette(theme.palette(scheme))
        button_px = self._button_min_px(chrome_px)
        self.setStyleSheet(
            theme.stylesheet(scheme, chrome_px, button_px, body_px)
            + theme.fit_stylesheet(
                scheme, chrome_px, kiosk=self.kiosk, ui_size=self.settings.ui_size
            )
        )
        icon_px = max(24, round(chrome_px * 1.4))
        for toolbar in self.toolbars:
            toolbar.setIconSize(QSize(icon_px, icon_px))
        for spec in ACTIONS:
            if spec.glyph:
                self.qactions[spec.id].setIcon(glyph_icon(spec.glyph, scheme, icon_px))

    def scheme(self) -> theme.Scheme:
        """The colours in use: the chosen scheme, or the system's high contrast for 默认."""
        hints = QGuiApplication.styleHints()
        accessibility = hints.accessibility() if hasattr(hints, "accessibility") else None
        high = accessibility is not None and (
            accessibility.contrastPreference() == Qt.ContrastPreference.HighContrast
        )
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        return theme.effective_scheme(
            self.settings.scheme, system_high_contrast=high, system_dark=dark
        )

    def _follow_system_colours(self) -> None:
        """Repaint when the system switches high contrast or dark mode on or off."""
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self.apply_settings())
        if hasattr(hints, "accessibility"):
            hints.accessibility().contrastPreferenceChanged.connect(
                lambda _preference: self.apply_settings()
            )

    def _button_min_px(self, chrome_px: int) -> int:
        floor = theme.KIOSK_TOOL_BUTTON_MIN_PX if self.kiosk else theme.TOOL_BUTTON_MIN_PX
        return max(floor, round(chrome_px * 2.4))

    def view_style(self) -> ViewStyle:
        return ViewStyle(
            body_px=self._body_px(),
            scheme=self.scheme(),
            text_only=self.settings.text_only,
            interface=self.ui,
        )

    def show_caption(self, text: str) -> None:
        """Put a sentence on the caption panel (with pinyin when that is on)."""
        if not self.settings.captions:
            return
        from accessible_reader.text.pinyin import pinyin_for

        pinyin = pinyin_for(text) if self.settings.caption_pinyin else None
        self.captions.view.set_sentence(text, pinyin)

    def _caption_caret_sentence(self) -> None:
        """While nothing is read aloud, the captions follow the caret's sentence."""
        if self._speaking or not self.settings.captions:
            return
        position = self.view.caret_position()
        text = self.view.block_text(position[0]) if position else None
        if position is None or text is None:
            return
        from accessible_reader.text.segment import split_text

        sentences = split_text(text, position[0])
        current = next((s for s in sentences if s.start <= position[1] < s.end), None)
        self.show_caption(current.text if current else (sentences[0].text if sentences else ""))

    def _apply_cursor(self) -> None:
        """The big pointer covers the whole application, dialogs included."""
        wanted = self.settings.cursor_scale > 1
        if self._cursor_overridden:
            QApplication.restoreOverrideCursor()
            self._cursor_overridden = False
        if wanted:
            from accessible_reader.ui.cursor import big_cursor

            QApplication.setOverrideCursor(
                big_cursor(self.settings.cursor_scale, self.settings.cursor_colour)
            )
            self._cursor_overridden = True

    def reset_settings(self) -> None:
        """重置: everything back to defaults; only recent files and custom keys stay."""
        self.replace_settings(
            Settings(recent_files=self.settings.recent_files, shortcuts=self.settings.shortcuts)
        )
        self.announce("已恢复默认设置")

    def _retranslate(self) -> None:
        for spec in ACTIONS:
            action = self.qactions[spec.id]
            action.setText(self.ui(spec.label_zh))
            action.setStatusTip(self.ui(spec.description_zh))
            action.setWhatsThis(self.ui(spec.description_zh))
            button = self.button_for(spec.id)
            if isinstance(button, QToolButton):
                button.setAccessibleName(self.ui(spec.label_zh))
                set_own_description(button, self.ui(spec.description_zh))
        for menu, title in self._menus.values():
            menu.setTitle(self.ui(title))
            menu.setAccessibleName(self.ui(title))
        self.chrome_fit.rows.retranslate()  # every row's name (工具条, 显示工具条, 续)
        self.toolbar.setAccessibleName(self.ui("无障碍工具条"))
        self.view.setAccessibleName(self.ui("文章正文"))
        if self._recent_menu is not None:
            self._recent_menu.setTitle(self.ui("最近打开"))
        self.statusBar().setAccessibleName(self.ui("状态栏"))
        self.notice.retranslate()
        if self._captions is not None:
            self._captions.retranslate(self.ui)
        library_view = self.library_control.made_view
        if library_view is not None:
            library_view.retranslate(self.ui)

    # -- articles and the library: the presenter's and the library controller's ------

    @property
    def source_article(self) -> Article | None:
        """The article as loaded (what is shown is this in the chosen script)."""
        return self.presenter.source

    def show_article(self, article: Article) -> None:
        """A new article on screen, reading view in front, in the chosen script."""
        self.save_reading_position()
        if self._speech is not None:
            self._speech.stop()
        self.library_control.article_id = None
        self.hide_notice()
        self.pages.setCurrentWidget(self.view)
        self.presenter.open(article)
        self.view.setFocus()
        if article.notes:  # undecodable bytes, parts cut by a size cap
            self.show_notice(" ".join(note.text(self.ui) for note in article.notes))
        self.picture_text.article_shown(article)

    def replace_source_article(self, article: Article, remap: Callable[[int], int]) -> None:
        self.presenter.replace_source(article, remap)

    @property
    def article_id(self) -> int | None:
        """The library id of the article on screen (None when not from the library)."""
        return self.library_control.article_id

    @article_id.setter
    def article_id(self, value: int | None) -> None:
        self.library_control.article_id = value

    @property
    def library(self) -> Library | None:
        """The saved-articles database, opened on first use (None if unavailable)."""
        return self.library_control.library

    @property
    def library_view(self) -> LibraryView:
        """文章库 page, made when first opened."""
        return self.library_control.view

    def open_source(self, source: str) -> bool:
        """Load and show a file or URL (see LibraryController.open_source)."""
        return self.library_control.open_source(source)

    def open_library_article(self, article_id: int) -> bool:
        return self.library_control.open_article(article_id)

    def open_library_now(self) -> None:
        self.library_control.open_now()

    def show_library(self) -> None:
        self.library_control.show()

    def show_reading(self) -> None:
        self.library_control.show_reading()

    def toggle_library(self) -> None:
        self.library_control.toggle()

    def import_folder(self) -> None:
        self.library_control.import_folder()

    def save_reading_position(self) -> None:
        self.library_control.save_position()

    def _refresh_recent_menu(self) -> None:
        if self._recent_menu is not None:
            self.library_control.fill_recent_menu(self._recent_menu)

    # -- what the presenter and the library controller ask of the window ------------

    def started_speech(self) -> SpeechController | None:
        return self._speech

    def screen_reader_in_charge(self) -> bool:
        return self.a11y.screen_reader_in_charge()

    def article_shown(self, title: str) -> None:
        self.a11y.article_shown(title)

    @property
    def notice_shown(self) -> bool:
        return self.notice.isVisible()

    def voice_only(self, text: str) -> None:
        """For a message box: our voice says it when it gives the feedback (操作提示);
        a screen reader reads the box's own alert."""
        self.a11y.announcer.voice_only(text)

    def frame(self) -> QMainWindow:
        """The window as a top-level widget (the kiosk shell keeps it full screen)."""
        return self

    def off_gui(self, work: Callable[[], _T]) -> _T:
        """Reading and extracting on a worker; the window stays responsive, with a
        progress dialog that can cancel (accessible_reader/ui/article_loader.py)."""
        from accessible_reader.ui.article_loader import load_off_gui_thread

        return load_off_gui_thread(self, work, N_("正在打开文章…"))

    def start_import(self, library: Library, folders: list[str]) -> None:
        from accessible_reader.ui.library_import import LibraryImport

        LibraryImport(self, library, folders).start()

    def recent_changed(self) -> None:
        self._refresh_recent_menu()

    def library_changed(self) -> None:
        self.library_control.refresh_if_shown()

    @property
    def opened_library(self) -> Library | None:
        return self.library_control.opened

    def open_welcome(self) -> None:
        self.show_article(self._load_welcome())

    def open_file_dialog(self) -> None:
        start = (
            str(Path(self.settings.recent_files[0]).parent) if self.settings.recent_files else ""
        )
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, self.ui("打开文章"), start, self.ui(OPEN_FILTER)
        )
        if path:
            self.open_source(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def createPopupMenu(self) -> QMenu | None:
        """No toolbar/dock menu in a kiosk: a visitor must not hide the toolbars."""
        return None if self.kiosk else super().createPopupMenu()

    def dropEvent(self, event: QDropEvent) -> None:
        if self.kiosk:
            return
        urls = event.mimeData().urls()
        if urls:
            url = urls[0]
            self.open_source(url.toLocalFile() if url.isLocalFile() else url.toString())
            event.acceptProposedAction()

    # -- messages -----------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        """A message in the window, read by screen readers (ui/announcer.Notice)."""
        self.notice.show_text(text)

    def add_notice(self, text: str) -> None:
        """A message below the notice on screen (ui/announcer.Notice)."""
        self.notice.add_text(text)

    def hide_notice(self) -> None:
        self.notice.dismiss()

    def announce(self, text: str, script: str | None = None) -> None:
        """An action's result: status bar, screen reader and/or our voice (操作提示);
        in `script` when given (the 简/繁 form about to be switched to)."""
        interface = None
        if script is not None:  # the interface language that script will bring
            interface = i18n.Interface(i18n.resolve(self.settings.interface_language, script))
        self.a11y.announce(text, interface)

    def speech_state_changed(self, state: State) -> None:
        """Narrator state → the play button, the arrow keys, the highlight."""
        self._speaking = state is not State.STOPPED
        self.speaking_changed.emit(state is State.PLAYING)
        play = self.qactions["play"]
        play_label = self.ui(N_("暂停") if state is State.PLAYING else N_("朗读"))
        play.setText(play_label)
        play_button = self.button_for("play")
        if play_button is not None:
            play_button.setAccessibleName(play_label)
        for spec in ACTIONS:
            if spec.while_speaking:
                self.qactions[spec.id].setEnabled(self._speaking)
        if state is not State.PLAYING:
            self.save_reading_position()
        if state is State.STOPPED:
            self.view.clear_highlight()
            self._caption_caret_sentence()

    def save_audio(self) -> None:
        """保存为音频: the whole article as a WAV file, with progress and cancel."""
        article = self.view.article
        if article is None:
            return
        start = str(Path.home() / f"{article.title[:40] or 'article'}.wav")
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self, self.ui("保存为音频"), start, "WAV (*.wav)"
        )
        if path:
            from accessible_reader.ui.speech_export import AudioExport

            AudioExport(self, article, Path(path)).start()

    def status(self, text: str, interface: Callable[[str], str] | None = None) -> None:
        self.statusBar().showMessage((interface or self.ui)(text), 5000)

    def show_settings(self) -> None:
        from accessible_reader.ui.settings_dialog import SettingsDialog

        # One dialog, made again only for another interface language or voice list:
        # making it sends a screen reader ~260 events (see SettingsDialog.load).
        voices = self._voices()
        made_for = (self.ui, tuple(voices))
        dialog = self._settings_dialog
        if dialog is None or self._settings_dialog_for != made_for:
            if dialog is not None:
                dialog.deleteLater()
            dialog = SettingsDialog(self, self.settings, voices=voices, interface=self.ui)
            self._settings_dialog, self._settings_dialog_for = dialog, made_for
        else:
            dialog.load(self.settings)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.replace_settings(dialog.chosen_settings())
            self.announce("设置已保存")

    def _voices(self) -> list[tuple[str, str]]:
        """(voice id, name) of the running engine, for the settings dialog."""
        engine = self.speech.engine
        if engine is None:
            return []
        try:
            return [(voice.id, voice.name) for voice in engine.voices()]
        except ReaderError:
            return []

    def focus_menu_bar(self) -> None:
        """F10: the menus, for keyboard users (menus have no Alt mnemonics)."""
        bar = self.menuBar()
        first = bar.actions()[0] if bar.actions() else None
        bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if first is not None:
            bar.setActiveAction(first)

    def show_help(self) -> None:
        from accessible_reader.ui.help_dialog import HelpDialog

        # One dialog, refreshed for each F1: a new one each time (a new top-level
        # window, at whatever text size is in use) let memory creep up in the kiosk soak.
        if self._help is None:
            self._help = HelpDialog(self, self.qactions, interface=self.ui)
        else:
            self._help.refresh(self.qactions, interface=self.ui)
        self._help.exec()

    def allow_exit(self) -> None:
        """The administrator has unlocked the kiosk: the next close is let through."""
        self._exit_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Give the pointer back to the system when the window goes; a kiosk refuses
        every close (Alt+F4, the window manager) until the administrator unlocks it."""
        if not self._exit_allowed:
            event.ignore()
            self.status("请联系工作人员")
            return
        for job in list(self.background_jobs):
            job.stop()
        if self._picture_text is not None:
            self._picture_text.stop()
        self.save_reading_position()
        if self._cursor_overridden:
            QApplication.restoreOverrideCursor()
            self._cursor_overridden = False
        super().closeEvent(event)

    def quit(self) -> None:
        """退出: close the window (the kiosk shell will refuse this without its PIN)."""
        self.close()


def _tooltip(spec: ActionSpec, shortcut: str) -> str:
    key = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    if not key:
        return spec.description_zh
    return tr(
        "{label}（{key}）：{description}",
        label=spec.label_zh,
        key=key,
        description=spec.description_zh,
    )
