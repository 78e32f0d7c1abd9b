"""The main window: reading view, toolbar and menus from the action registry, settings."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
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
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from accessible_reader import config
from accessible_reader.article.model import Article
from accessible_reader.config import CHOICE_LABELS, CURSOR_SCALES, FONT_PRESETS, SCHEMES, Settings
from accessible_reader.errors import LibraryError, ReaderError
from accessible_reader.speech.rates import RATE_STEPS, rate_label, step_rate
from accessible_reader.speech.states import State
from accessible_reader.text.convert import convert_article, converter_for
from accessible_reader.ui import theme
from accessible_reader.ui.actions import ACTIONS, MENUS, ActionSpec, bound_keys, effective_shortcuts
from accessible_reader.ui.first_paint import AfterPaint
from accessible_reader.ui.icons import glyph_icon
from accessible_reader.ui.reading_view import ReadingView, ViewStyle
from accessible_reader.ui.translations import follow_variant

if TYPE_CHECKING:
    from accessible_reader.library import Library
    from accessible_reader.speech.select import Selection
    from accessible_reader.ui.background import BackgroundJob
    from accessible_reader.ui.caption_panel import CaptionPanel
    from accessible_reader.ui.help_dialog import HelpDialog
    from accessible_reader.ui.library_view import LibraryView
    from accessible_reader.ui.recognition import PictureText
    from accessible_reader.ui.screen_reader_support import ScreenReaderSupport
    from accessible_reader.ui.speech import SpeechController

# Start-up imports only what the first paint needs; the speech controller, captions,
# library page, dialogs and text tools are imported when first used.

MAX_RECENT_FILES = 10
SECOND_ROW_FROM = "font-larger"
"""Toolbar actions from this one on go to the second row (display functions)."""
OPEN_FILTER = (
    "网页、文本、附件和图片 (*.html *.htm *.shtml *.mhtml *.mht *.txt"
    " *.pdf *.docx *.xlsx *.png *.jpg *.jpeg);;所有文件 (*)"
)

ArticleLoader = Callable[[str], Article]
_T = TypeVar("_T")


PREPARE_MAX_CHARS = 300_000
"""Longer articles are not prepared in the other script in advance: converting and
laying out millions of characters would hold the window for seconds (#19.4)."""


def _longer_than(article: Article, limit: int) -> bool:
    total = 0
    for block in article.blocks:
        total += len(block.text)
        if total > limit:
            return True
    return False


def announce_to_screen_readers(widget: QWidget, text: str) -> None:
    """Have a screen reader say `text` now (a notice does not take the focus)."""
    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


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
        self._open_library = library
        self._library: Library | None = None
        self._library_failed = False
        self.article_id: int | None = None
        """The library id of the article on screen (None when not from the library)."""
        """Public terminal: only kiosk-safe actions, no menus, cannot be closed."""
        self._exit_allowed = not kiosk
        self.settings: Settings = settings
        self.source_article: Article | None = None
        self._converted_from: Article | None = None
        self._converted: dict[tuple[str, bool], Article] = {}
        """The article as loaded; what is shown is this in the chosen script."""
        self.ui: Callable[[str], str] = str
        """Interface text (written in 简体) in the chosen script."""
        self._menus: dict[str, tuple[QMenu, str]] = {}
        self._settings_path = settings_path
        self._load_source = load_source
        self._load_welcome = load_welcome
        self.setWindowTitle("无障碍阅读器")
        self.setAccessibleName("无障碍阅读器")  # Accessible Reader
        self.setAcceptDrops(not kiosk)  # a kiosk's library is the administrator's
        self.background_jobs: list[BackgroundJob] = []
        """Exports and imports running on worker threads."""
        # No sliding docks and toolbars: motion distracts, and each animation lingers.
        self.setAnimated(False)

        self.view = ReadingView(self)
        self.after_paint = AfterPaint(self.view.viewport())
        """Start-up work that waits until the article is on screen."""
        # An application-wide filter sees every event of every object; before the
        # first paint (when no key can come yet) it would only slow the start.
        self.after_paint.after_first(self._install_control_keys)
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("提示")  # Notice
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.notice.hide()
        self._notice_text = ""
        """The notice as written (简体), so it can follow a change of script."""
        self._help: HelpDialog | None = None
        self._library_view: LibraryView | None = None
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
        self._source_key: str | None = None
        self._presented_key: str | None = None
        self._engine_factory = engine_factory
        self._speech: SpeechController | None = None
        self._picture_text: PictureText | None = None
        self.qactions: dict[str, QAction] = {}
        self.toolbar = QToolBar("工具条", self)  # Toolbar
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setAccessibleName("无障碍工具条")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        # Two rows rather than an overflow menu (whose » button a keyboard cannot
        # reach): reading and speech on the first, display on the second.
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        second = QToolBar("显示工具条", self)
        second.setObjectName("displayToolbar")
        second.setAccessibleName("显示工具条")
        second.setMovable(False)
        second.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, second)
        self.toolbars = [self.toolbar, second]
        self._build_actions()
        self._recent_menu: QMenu | None = None
        self._build_menus()
        if kiosk:
            self.menuBar().hide()
        self.statusBar().setAccessibleName("状态栏")
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
                self, engine_factory=self._engine_factory or default_engine_factory
            )
            if self.view.article is not None:
                self._speech.set_article(self.view.article, self._source_key)
        return self._speech

    @property
    def captions(self) -> CaptionPanel:
        """大字幕: the caption dock, made when first shown or asked for."""
        if self._captions is None:
            from accessible_reader.ui.caption_panel import CaptionPanel

            panel = CaptionPanel(self)
            panel.hide()
            panel.setWindowTitle(self.ui("大字幕"))
            panel.view.set_style(self.scheme(), self._body_px(), self.settings.caption_size)
            self.chrome_fit.watch_caption_dock(panel)
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, panel)
            panel.closed.connect(lambda: self.update_settings(captions=False))
            self._captions = panel
        return self._captions

    @property
    def library_view(self) -> LibraryView:
        """文章库 page, made when first opened."""
        if self._library_view is None:
            from accessible_reader.ui.library_view import LibraryView

            page = LibraryView(lambda: self.library, tiles=self.kiosk, parent=self)
            page.open_requested.connect(self.open_library_article)
            page.close_requested.connect(self.show_reading)
            page.list.delete_requested.connect(self.delete_selected_article)
            page.export_requested.connect(self.export_article)
            page.announcement.connect(self.announce)
            page.retranslate(self.ui)
            self.pages.addWidget(page)
            self._library_view = page
        return self._library_view

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
        for path, title, _english in MENUS:
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
        self._recent_menu = QMenu("最近打开", self)
        self._menus["file/recent"] = (self._recent_menu, "最近打开")
        menus["file"].insertMenu(self.qactions["welcome"], self._recent_menu)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        menu = self._recent_menu
        if menu is None:
            return
        menu.clear()
        library = self._library
        if library is not None:
            # Recently read articles, reopened where they were left.
            try:
                recent = library.recent(MAX_RECENT_FILES)
            except ReaderError:
                recent = []
            for summary in recent:
                action = menu.addAction(summary.title)
                action.setToolTip(summary.origin or summary.url or summary.title)
                action.triggered.connect(
                    lambda _checked=False, i=summary.id: self.open_library_article(i)
                )
            menu.setEnabled(bool(menu.actions()))
            return
        for source in self.settings.recent_files:
            action = menu.addAction(Path(source).name if "://" not in source else source)
            action.setToolTip(source)
            action.triggered.connect(lambda _checked=False, s=source: self.open_source(s))
        menu.setEnabled(bool(self.settings.recent_files))

    # -- settings -----------------------------------------------------------------

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
                self.show_notice(f"无法保存设置：{error}")
        self.apply_settings(previous)

    def apply_settings(self, previous: Settings | None = None) -> None:
        """Apply the settings to the whole window; with `previous`, only what changed
        is redone, so each toggle stays fast on long articles."""

        def changed(*names: str) -> bool:
            return previous is None or any(
                getattr(previous, name) != getattr(self.settings, name) for name in names
            )

        script = changed("variant", "taiwan_phrases")
        looks = changed("scheme", "font_preset", "zoom_percent", "ui_size", "caption_size")
        if script:
            self.ui = converter_for(
                self.settings.variant,
                source="zh-Hans",
                taiwan_phrases=self.settings.taiwan_phrases,
            )
            follow_variant(self.settings.variant)  # Qt's own words (是/否, 复制) too
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
        if self.source_article is not None and (script or looks or changed("text_only")):
            self._show(self.source_article)
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

    def set_font_preset(self, preset: str) -> None:
        self.update_settings(font_preset=preset)
        self.announce(f"字号：{theme.FONT_PRESET_LABELS[preset][0]}")

    def step_font_preset(self, step: int) -> None:
        index = FONT_PRESETS.index(self.settings.font_preset) + step
        self.set_font_preset(FONT_PRESETS[max(0, min(len(FONT_PRESETS) - 1, index))])

    def set_zoom(self, percent: int) -> None:
        self.update_settings(zoom_percent=max(50, min(300, percent)))
        self.announce(f"缩放：{self.settings.zoom_percent}%")

    def step_zoom(self, step: int) -> None:
        self.set_zoom(self.settings.zoom_percent + step)

    def set_scheme(self, name: str) -> None:
        # Said first: repainting every control in the new colours takes a while.
        self.announce(f"配色：{theme.SCHEME_TABLE[name].label_zh}")
        self.update_settings(scheme=name)

    def step_scheme(self, step: int) -> None:
        index = (SCHEMES.index(self.settings.scheme) + step) % len(SCHEMES)
        self.set_scheme(SCHEMES[index])

    def toggle_text_only(self) -> None:
        self.update_settings(text_only=not self.settings.text_only)
        self.announce("纯文本：开" if self.settings.text_only else "纯文本：关")

    def cycle_cursor_scale(self) -> None:
        scales = CURSOR_SCALES
        self.set_cursor_scale(scales[(scales.index(self.settings.cursor_scale) + 1) % len(scales)])

    def set_cursor_scale(self, scale: int) -> None:
        self.update_settings(cursor_scale=scale)
        self.announce("大鼠标：关" if scale == 1 else f"大鼠标：{scale}倍")

    def set_cursor_colour(self, colour: str) -> None:
        self.update_settings(cursor_colour=colour)

    def toggle_reading_guide(self, mode: str) -> None:
        """Turn the crosshair or ruler on, or off if it is already on."""
        new_mode = "off" if self.settings.reading_guide == mode else mode
        self.update_settings(reading_guide=new_mode)
        labels = {"off": "阅读辅助：关", "crosshair": "十字线：开", "ruler": "阅读标尺：开"}
        self.announce(labels[new_mode])

    def toggle_captions(self) -> None:
        self.update_settings(captions=not self.settings.captions)
        self.announce("大字幕：开" if self.settings.captions else "大字幕：关")

    def toggle_caption_pinyin(self) -> None:
        self.update_settings(caption_pinyin=not self.settings.caption_pinyin)
        self.announce("字幕拼音：开" if self.settings.caption_pinyin else "字幕拼音：关")

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

    # -- articles -----------------------------------------------------------------

    def show_article(self, article: Article) -> None:
        self.save_reading_position()
        if self._speech is not None:
            self._speech.stop()
        self.article_id = None
        self.hide_notice()
        self.pages.setCurrentWidget(self.view)
        self.source_article = article
        self._source_key = article.origin or article.url or article.title
        self._show(article)
        self.view.setFocus()
        if article.notes:  # undecodable bytes, parts cut by a size cap
            self.show_notice(" ".join(article.notes))
        self.picture_text.article_shown(article)

    def replace_source_article(self, article: Article, remap: Callable[[int], int]) -> None:
        """The article on screen with blocks added (text found in its pictures, its
        attachments): shown again in the chosen script; caret and place are kept,
        reading positions move with their blocks."""
        caret = self.view.caret_position()
        scroll = self.view.verticalScrollBar().value()
        if self._speech is not None:
            self._speech.remap_positions(remap)
        self.source_article = article
        self._show(article)
        if caret is not None:
            self.view.move_caret_to(remap(caret[0]), caret[1])
        self.view.verticalScrollBar().setValue(scroll)

    def _show(self, article: Article) -> None:
        """Lay out `article` in the chosen script (each script converted once)."""
        key = (self.settings.variant, self.settings.taiwan_phrases)
        if self._converted_from is not article:
            self._converted = {}
            self._converted_from = article
            self.after_paint.after_first(lambda: self._prepare_other_script(article))
        shown = self._converted.get(key)
        if shown is None and article.language == key[0]:
            # Most likely nothing to convert: show it now, confirm once painted (the
            # detection loads OpenCC, which would delay the first paint).
            self.after_paint.after_first(lambda: self._confirm_script(article))
            shown = article
        elif shown is None:
            shown = self._convert(article, key)
        self._present(shown)

    def _present(self, shown: Article) -> None:
        same_source = self.view.article is not None and self._presented_key == self._source_key
        caret = self.view.caret_position() if same_source else None
        scroll = self.view.verticalScrollBar().value()
        self.view.show_article(shown, self.view_style())
        self._presented_key = self._source_key
        if caret is not None and self.view.move_caret_to(*caret):
            # 简/繁 and 纯文本 lay the page out again: the reader keeps their place.
            self.view.verticalScrollBar().setValue(scroll)
        if self._speech is not None:
            self._speech.set_article(shown, self._source_key)
            self._speech.rehighlight()
        self.a11y.article_shown(shown.title)

    def _convert(self, article: Article, key: tuple[str, bool]) -> Article:
        try:
            shown = convert_article(article, key[0], taiwan_phrases=key[1])
        except ReaderError as error:
            shown = article
            self.show_notice(error.user_message())
        self._converted[key] = shown
        return shown

    def _confirm_script(self, article: Article) -> None:
        """Re-show the article if detection finds it was not in the chosen script."""
        key = (self.settings.variant, self.settings.taiwan_phrases)
        if article is not self.source_article or key in self._converted:
            return
        converted = self._convert(article, key)
        if converted is not article:
            self._present(converted)

    def _prepare_other_script(self, article: Article) -> None:
        """Prepare a newly opened article in the script 简/繁 would switch to, once it
        is on screen: converted and built (~40 + ~50 ms for 100,000 characters), so
        the first press only shows the page."""
        if article is not self.source_article or _longer_than(article, PREPARE_MAX_CHARS):
            return  # a book-length page is converted only if 简/繁 is pressed
        other = (
            self.settings.traditional_variant if self.settings.variant == "zh-Hans" else "zh-Hans"
        )
        key = (other, self.settings.taiwan_phrases)
        if key in self._converted:
            return
        # A failure is said when the reader asks for the conversion (if it fails again).
        with contextlib.suppress(ReaderError):
            converted = convert_article(article, other, taiwan_phrases=key[1])
            self._converted[key] = converted
            # And its page, laid out in the current style: the first press shows it.
            interface = converter_for(other, source="zh-Hans", taiwan_phrases=key[1])
            self.view.prepare_page(converted, replace(self.view_style(), interface=interface))

    def toggle_variant(self) -> None:
        """简/繁: between 简体 and the chosen 繁體 form, article and interface alike."""
        target = (
            self.settings.traditional_variant if self.settings.variant == "zh-Hans" else "zh-Hans"
        )
        self.update_settings(variant=target)
        self.announce(CHOICE_LABELS[target][0])

    def _retranslate(self) -> None:
        for spec in ACTIONS:
            action = self.qactions[spec.id]
            action.setText(self.ui(spec.label_zh))
            action.setStatusTip(self.ui(spec.description_zh))
            button = self.button_for(spec.id)
            if isinstance(button, QToolButton):
                button.setAccessibleName(self.ui(spec.label_zh))
                button.setAccessibleDescription(self.ui(spec.description_zh))
        for menu, title in self._menus.values():
            menu.setTitle(self.ui(title))
            menu.setAccessibleName(self.ui(title))
        self.toolbar.setWindowTitle(self.ui("工具条"))
        self.toolbar.setAccessibleName(self.ui("无障碍工具条"))
        self.statusBar().setAccessibleName(self.ui("状态栏"))
        if self._notice_text:
            self.notice.setText(self.ui(self._notice_text))  # a notice on screen follows 简/繁
            self.notice.setAccessibleDescription(self.notice.text())
        if self._captions is not None:
            self._captions.setWindowTitle(self.ui("大字幕"))
        if self._library_view is not None:
            self._library_view.retranslate(self.ui)

    # -- the library ----------------------------------------------------------------

    @property
    def library(self) -> Library | None:
        """The saved-articles database, opened on first use (None if unavailable)."""
        if self._library is None and self._open_library is not None and not self._library_failed:
            try:
                self._library = self._open_library()
            except ReaderError as error:
                self._library_failed = True
                self.show_notice(error.user_message())
                return None
            if self._library.notice_zh:
                self.show_notice(self._library.notice_zh)
        return self._library

    def open_library_now(self) -> None:
        """Open the library after the first paint: 最近打开 lists recent reading, and
        the start screen offers to continue the last article read."""
        library = self.library
        if library is None:
            return
        self._refresh_recent_menu()
        try:
            recent = [s for s in library.recent(1) if s.opened_at is not None]
        except ReaderError:
            return
        if recent and self.article_id is None and not self.notice.isVisible():
            self.show_notice(
                f"最近阅读：《{recent[0].title}》。按 Ctrl+L 打开文章库，从上次读到的地方继续。"
            )

    def show_library(self) -> None:
        """文章库 page: the saved articles, newest first, with search."""
        self.save_reading_position()
        self.library_view.refresh()
        self.pages.setCurrentWidget(self.library_view)
        self.library_view.search.setFocus()
        self.status("文章库")

    def show_reading(self) -> None:
        self.pages.setCurrentWidget(self.view)
        self.view.setFocus()

    def toggle_library(self) -> None:
        if self._library_view is not None and self.pages.currentWidget() is self._library_view:
            self.show_reading()
        else:
            self.show_library()

    def open_library_article(self, article_id: int) -> bool:
        """Open a saved article where the reader left it (从上次位置继续)."""
        library = self.library
        if library is None:
            return False
        try:
            article = library.get(article_id)
            position = library.mark_opened(article_id)
        except ReaderError as error:
            self.show_notice(error.user_message())
            return False
        self.show_article(article)
        self.article_id = article_id
        self.show_reading()
        self._refresh_recent_menu()
        # Space reads from the caret, so putting the caret there is the resume.
        if position is not None and self.view.move_caret_to(position.block, position.offset):
            self.show_notice(
                "从上次位置继续：光标已在上次读到的地方，按空格键接着读；按 Ctrl+Home 回到开头。"
            )
        return True

    def save_reading_position(self) -> None:
        """Remember where this article was left, for the next time it is opened."""
        library, article_id = self._library, self.article_id
        saved = self._speech.saved_position() if self._speech is not None else None
        position = saved or self.view.caret_position()
        if library is None or article_id is None or position is None:
            return
        # A position is a convenience: never disturb reading for it.
        with contextlib.suppress(ReaderError):
            library.set_position(article_id, *position)

    def delete_selected_article(self) -> None:
        """Delete (outside kiosks): the selected article leaves the library."""
        article_id = self.library_view.selected_id()
        library = self.library
        if self.kiosk or library is None or article_id is None:
            return
        try:
            title = library.summary(article_id).title
        except ReaderError as error:  # removed meanwhile (by the CLI, say)
            self.show_notice(error.user_message())
            self.library_view.refresh()
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, self.ui("从文章库删除"), self.ui(f"确定从文章库删除《{title}》吗？")
        )
        if answer == QMessageBox.StandardButton.Yes:
            with contextlib.suppress(ReaderError):
                library.remove([article_id])
            if self.article_id == article_id:
                self.article_id = None
            self.library_view.refresh()
            self.status(f"已删除：{title}")

    def export_article(self, article_id: int) -> None:
        """导出原网页: the saved page written back to a file, to share or archive."""
        library = self.library
        if self.kiosk or library is None:
            return
        try:
            summary = library.summary(article_id)
        except ReaderError as error:
            self.show_notice(error.user_message())
            return
        start = str(Path.home() / f"{summary.title[:40] or 'article'}.html")
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self, self.ui("导出原网页"), start, "HTML (*.html *.htm);;所有文件 (*)"
        )
        if not path:
            return
        try:
            written = library.export_source(article_id, path)
        except ReaderError as error:
            self.show_notice(error.user_message())
            return
        self.status(f"已导出：{written}")

    def import_folder(self) -> None:
        """导入文件夹: every saved page under a folder, with progress and cancel."""
        library = self.library
        if library is None:
            return
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, self.ui("导入文件夹"))
        if folder:
            from accessible_reader.ui.library_import import LibraryImport

            LibraryImport(self, library, [folder]).start()

    def open_source(self, source: str) -> bool:
        """Load and show a file or URL; on failure keep the current article and say why.
        With a library, the article is saved there too (and reopens where it was left)."""
        library = self.library
        if library is not None:
            from accessible_reader.article.load import is_url, read_source

            try:
                raw = self._off_gui(lambda: read_source(source, allow_network=is_url(source)))
            except ReaderError as error:
                self.show_notice(error.user_message())
                return False
            try:
                result = self._off_gui(lambda: library.add_source(raw))
            except LibraryError as error:
                # Reading does not need the library: open it anyway, say it was not kept.
                return self._open_without_library(source, error)
            except ReaderError as error:
                self.show_notice(error.user_message())
                return False
            opened = self.open_library_article(result.article_id)
        else:
            try:
                article = self._off_gui(lambda: self._load_source(source))
            except ReaderError as error:
                self.show_notice(error.user_message())
                return False
            self.show_article(article)
            opened = True
        if not opened:
            return False
        recent = (source, *(s for s in self.settings.recent_files if s != source))
        self.update_settings(recent_files=recent[:MAX_RECENT_FILES])
        self._refresh_recent_menu()
        return True

    def _off_gui(self, work: Callable[[], _T]) -> _T:
        """Reading and extracting on a worker; the window stays responsive, with a
        progress dialog that can cancel (accessible_reader/ui/article_loader.py)."""
        from accessible_reader.ui.article_loader import load_off_gui_thread

        return load_off_gui_thread(self, work, "正在打开文章…")

    def _open_without_library(self, source: str, problem: ReaderError) -> bool:
        try:
            article = self._off_gui(lambda: self._load_source(source))
        except ReaderError as error:
            self.show_notice(error.user_message())
            return False
        self.show_article(article)
        self.show_notice(f"{problem.user_message()}（文章已打开，但没有保存到文章库）")
        return True

    def open_welcome(self) -> None:
        self.show_article(self._load_welcome())

    def open_file_dialog(self) -> None:
        start = (
            str(Path(self.settings.recent_files[0]).parent) if self.settings.recent_files else ""
        )
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, "打开文章", start, OPEN_FILTER)
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
        """A message in the window (not a dialog that steals focus), read by screen readers."""
        self._notice_text = text
        text = self.ui(text)
        self.notice.setText(text)
        self.notice.setAccessibleDescription(text)
        announce_to_screen_readers(self.notice, text)
        self.notice.show()
        self.status(text)

    def add_notice(self, text: str) -> None:
        """Like show_notice, but a notice already on screen stays above the new one: at
        start-up a repaired settings file and a missing sound device must both be seen."""
        if not (self._notice_text and self.notice.isVisible()):
            self.show_notice(text)
            return
        if text in self._notice_text.split("\n"):
            return  # on screen already
        self._notice_text = f"{self._notice_text}\n{text}"
        shown = self.ui(self._notice_text)
        self.notice.setText(shown)
        self.notice.setAccessibleDescription(shown)
        announce_to_screen_readers(self.notice, self.ui(text))  # only what is new
        self.status(text)

    def hide_notice(self) -> None:
        self._notice_text = ""
        self.notice.hide()
        self.notice.clear()

    def announce(self, text: str) -> None:
        """An action's result: status bar, screen reader and/or our voice (操作提示)."""
        self.a11y.announce(text)

    def speech_state_changed(self, state: State) -> None:
        """Narrator state → the play button, the arrow keys, the highlight."""
        self._speaking = state is not State.STOPPED
        self.speaking_changed.emit(state is State.PLAYING)
        play = self.qactions["play"]
        play_label = self.ui("暂停" if state is State.PLAYING else "朗读")
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

    def toggle_point_reading(self) -> None:
        self.update_settings(point_reading=not self.settings.point_reading)
        self.announce("指读：开" if self.settings.point_reading else "指读：关")

    def cycle_rate(self) -> None:
        """语速: the portal toolbar's five steps, round and round."""
        steps = [value for _label, _english, value in RATE_STEPS]
        above = [value for value in steps if value > self.settings.rate + 1e-6]
        self.update_settings(rate=above[0] if above else steps[0])
        self.announce(f"语速：{rate_label(self.settings.rate)}")

    def step_rate(self, *, faster: bool) -> None:
        self.update_settings(rate=step_rate(self.settings.rate, faster, fine=True))
        self.announce(f"语速：{rate_label(self.settings.rate)}")

    def step_volume(self, step: float) -> None:
        volume = round(min(1.0, max(0.0, self.settings.volume + step)), 2)
        self.update_settings(volume=volume)
        self.announce(f"音量：{round(volume * 100)}%")

    def toggle_sound(self) -> None:
        self.update_settings(sound=not self.settings.sound)
        self.announce("声音：开" if self.settings.sound else "声音：关")

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

    def status(self, text: str) -> None:
        self.statusBar().showMessage(self.ui(text), 5000)

    def show_settings(self) -> None:
        from accessible_reader.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self, self.settings, voices=self._voices(), interface=self.ui)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.replace_settings(dialog.chosen_settings())
            self.announce("设置已保存")
        dialog.deleteLater()

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
    return f"{spec.label_zh}（{key}）：{spec.description_zh}" if key else spec.description_zh
