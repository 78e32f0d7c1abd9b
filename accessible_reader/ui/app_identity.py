"""What makes the application itself to the desktop: its id and its icon.

- The desktop file name (the reverse-DNS id) lets Wayland compositors and GNOME match the
  window to the installed io.github.accessible_reader.desktop, its name and icon.
- The window icon comes from the program's own files, so the Windows title bar and taskbar,
  and an X11 desktop without the installed theme icon, show it too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QGuiApplication, QIcon

APP_ID = "io.github.accessible_reader"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons" / "hicolor"


def icon_files() -> list[Path]:
    """The rendered icon sizes, smallest first (tools/render_icons.py makes them)."""
    return sorted(ICONS.glob(f"*/apps/{APP_ID}.png"), key=lambda p: int(p.parts[-3].split("x")[0]))


def app_icon() -> QIcon:
    """The application icon at every rendered size."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


def apply(app: QGuiApplication) -> None:
    """Give the application its desktop id and icon (Qt's own strings in Chinese are
    ui.translations', which follows 简/繁)."""
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
