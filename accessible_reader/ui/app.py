"""Starting the window: QApplication, settings, the first article, or a screenshot."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from accessible_reader import config, i18n
from accessible_reader.article.model import Article
from accessible_reader.errors import UsageError
from accessible_reader.ui.host_parts import HasSpeech
from accessible_reader.ui.startup import OpeningWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from accessible_reader.kiosk.config import KioskConfig
    from accessible_reader.library import Library


class StartingWindow(OpeningWindow, HasSpeech, Protocol):
    """What start-up uses of the window once it is made (see _open_first, _serve):
    what opening a page after the first paint needs (ui/startup.OpeningWindow), and
    read-aloud and the library started after it."""

    def open_library_now(self) -> None: ...

    def shutdown_speech(self) -> None: ...


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def _load_source(source: str) -> Article:
    from accessible_reader.article.load import load_article

    return load_article(source, allow_network="://" in source)


def _open_library() -> Library:
    from accessible_reader.library import Library

    return Library(check="quick")


def _load_welcome() -> Article:
    from accessible_reader.article.welcome import load_welcome

    return load_welcome()


def run_window(args: argparse.Namespace) -> int:
    """Open the window (or render it to a PNG with --screenshot); returns the exit code."""
    from accessible_reader.kiosk.config import is_kiosk_config_file, resolve_kiosk

    # Before Qt: a kiosk with a bad file or no PIN must not start half-configured.
    kiosk = resolve_kiosk(args.kiosk, args.config)
    screenshot = Path(args.screenshot) if args.screenshot else None
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _has_display():
        raise UsageError(
            "没有可用的显示器（DISPLAY 未设置），无法打开窗口；"
            "可以用 --screenshot 输出.png 把窗口渲染成图片。",
        )

    # Screenshots use defaults plus the command line (so docs images are reproducible),
    # unless a settings file is named with --config.
    settings_file = args.config if args.config and not is_kiosk_config_file(args.config) else None
    settings_path = Path(settings_file) if settings_file else config.default_path()
    reproducible = screenshot is not None and not settings_file
    if kiosk is not None:
        # A kiosk starts every visitor from its own baseline and never saves settings.
        loaded = config.LoadResult(kiosk.config.baseline_settings())
    elif reproducible:
        loaded = config.LoadResult(config.Settings())
    else:
        loaded = config.load(settings_path)
    settings = loaded.settings
    if args.font_size:
        settings = replace(settings, font_preset=args.font_size)
    if args.scheme:
        settings = replace(settings, scheme=args.scheme)
    if args.variant:
        settings = replace(settings, variant=args.variant)
    if args.caption:
        settings = replace(settings, captions=True, caption_pinyin=args.caption == "pinyin")
    if args.ruler:
        settings = replace(settings, reading_guide="ruler")

    first = _load_source(args.source) if screenshot and args.source else None

    from PySide6.QtWidgets import QApplication

    from accessible_reader.ui.main_window import ReaderWindow

    if screenshot is not None:
        quiet_offscreen_hints()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("accessible-reader")
    app.setApplicationDisplayName(i18n.tr("无障碍阅读器"))  # the window sets it per language
    from accessible_reader.ui import app_identity

    app_identity.apply(app)
    if kiosk is not None:
        return _run_kiosk(app, kiosk.config, settings, screenshot)
    window = ReaderWindow(
        settings,
        settings_path=None if screenshot else settings_path,
        load_source=_load_source,
        load_welcome=_load_welcome,
        # Screenshots leave the user's library alone.
        library=None if screenshot else _open_library,
    )
    # The window has set the interface language by now.
    notice = loaded.notice.text(i18n.current()) if loaded.notice is not None else None
    # A page to open is opened once the window is on screen (ui/startup.py).
    opening = _open_first(window, first, args.source, notice, defer=screenshot is None)

    if screenshot is not None:
        return _render(window, screenshot)
    from accessible_reader.ui.window_geometry import GeometryKeeper, show_remembered

    # Maximised on its screen the first time, then where the reader left it.
    GeometryKeeper(window, lambda saved: window.update_settings(window_geometry=saved))
    show_remembered(window, settings.window_geometry)
    # With a page opening, the library opens once it is open (no 最近阅读 hint needed).
    return _serve(app, window, library=not opening)


def _open_first(
    window: StartingWindow,
    first: Article | None,
    source: str | None,
    notice: str | None,
    *,
    defer: bool = False,
) -> bool:
    """The article asked for, or the welcome article with the reason it could not be
    opened; then the settings file's notice, if any. With `defer`, a source is opened
    after the window's first paint, the window showing 正在打开… meanwhile (True)."""
    if first is None and source and defer:
        from accessible_reader.ui.startup import open_after_first_paint

        notices = (notice,) if notice else ()
        open_after_first_paint(window, source, notices=notices, then=window.open_library_now)
        return True
    if first is not None:
        window.show_article(first)
    elif not source or not window.open_source(source):
        failure = window.notice.text()
        window.open_welcome()
        if failure:
            window.show_notice(failure)
    if notice:
        window.show_notice(notice)
    return False


def _serve(app: QApplication, window: StartingWindow, *, library: bool) -> int:
    """Run until the window closes. The speech engine loads on its worker once the
    window is on screen; the library opens then too (a kiosk's shell opens its own)."""
    window.after_paint.after_first(lambda: window.speech.start())
    if library:
        window.after_paint.after_first(window.open_library_now)
    exit_code = int(app.exec())
    window.shutdown_speech()
    return exit_code


def _run_kiosk(
    app: QApplication, kiosk: KioskConfig, settings: config.Settings, screenshot: Path | None
) -> int:
    """The public terminal: full screen, idle reset, PIN exit, crash log, refresh."""
    from PySide6.QtCore import qVersion

    from accessible_reader.kiosk import crashlog
    from accessible_reader.library import Library
    from accessible_reader.ui.kiosk_shell import KioskShell
    from accessible_reader.ui.main_window import ReaderWindow

    logger = crashlog.install(
        kiosk.log_folder(), keep=kiosk.keep_crash_logs, context=lambda: {"qt": qVersion()}
    )
    try:
        window = ReaderWindow(
            settings,
            settings_path=None,
            load_source=_load_source,
            load_welcome=_load_welcome,
            kiosk=True,
            library=lambda: Library(kiosk.library_file(), check="quick"),
        )
        shell = KioskShell(window, kiosk)
        if screenshot is not None:
            shell.show_start_screen()
            window.allow_exit()
            return _render(window, screenshot)
        shell.start()
        return _serve(app, window, library=False)
    finally:
        logger.uninstall()


def _render(window: QMainWindow, path: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from accessible_reader.ui import theme

    window.resize(*theme.SCREENSHOT_SIZE)
    window.show()
    QApplication.processEvents()
    image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise UsageError("无法写入截图：{path}", path=path)
    window.close()
    return 0


def quiet_offscreen_hints() -> None:
    """The offscreen platform warns that it cannot pass window-manager hints on; that
    is expected when rendering a screenshot, so only that line is dropped."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)
