"""Colours and sizes: the one place they are defined.

Schemes follow the portals' 配色 (background first: 黑底黄字 is `black-yellow`); every
text/background pair reaches WCAG AAA (7:1), which a test computes. Font presets
follow the portals' 字号 and the MIIT ageing-friendly minimum (18 px body text in
elderly mode).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtGui import QColor, QPalette

from accessible_reader import config

FONT_PIXELS: dict[str, int] = {"small": 16, "medium": 20, "large": 26, "xlarge": 32}
"""Body text pixel size per 字号 preset at 100% zoom."""

FONT_PRESET_LABELS = config.FONT_PRESET_LABELS
"""字号 labels: declared with the settings (accessible_reader.config)."""

LINE_HEIGHT_PERCENT = 160
"""Line spacing as a percentage of the font size (WCAG 1.4.12 asks for at least 1.5)."""

PARAGRAPH_SPACING_LINES = 1.4
"""Space after a paragraph, in line heights (the issue asks for at least 1.3)."""

HEADING_SCALE: dict[int, float] = {1: 1.6, 2: 1.35, 3: 1.2}
"""Heading sizes relative to body text; levels 4–6 use the level-3 scale."""

TITLE_SCALE = 1.7
META_SCALE = 0.85
PAGE_MARGIN_EM = 1.5
MAX_LINE_EM = 40
"""Reading measure: lines longer than this many characters are hard to follow."""
TABLE_CELL_PADDING_EM = 0.4
"""Space inside each table cell, on every side."""
MIN_TABLE_CELL_EM = 4
"""A table whose columns would get less than this (in characters) is shown as named
lines instead of a grid (ui/table_fit.py)."""

TOOL_BUTTON_MIN_PX = 48
KIOSK_TOOL_BUTTON_MIN_PX = 60
TIGHT_TOOL_BUTTON_MIN_PX = 36
"""The last resort of the chrome fit (a window too short even for icon-only buttons:
1366×768 with the desktop at 300 % is 455×256): still above the 24 px of WCAG 2.5.8,
and on such a scaled desktop 108 physical pixels. Never in a kiosk (touch)."""
FOCUS_FRAME_PX = 3
SCREENSHOT_SIZE = (1280, 800)


@dataclass(frozen=True)
class Scheme:
    """A colour scheme: every colour used by the window, as #rrggbb."""

    name: str
    label_zh: str
    """A catalog msgid: translated where shown."""
    background: str
    text: str
    heading: str
    meta: str
    link: str
    highlight_background: str
    highlight_text: str
    selection_background: str
    selection_text: str
    focus: str
    chrome_background: str
    """Toolbar, menus, status bar, caption panel."""
    chrome_text: str
    border: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every pair a user reads."""
        return [
            ("text", self.text, self.background),
            ("heading", self.heading, self.background),
            ("meta", self.meta, self.background),
            ("link", self.link, self.background),
            ("highlight", self.highlight_text, self.highlight_background),
            ("selection", self.selection_text, self.selection_background),
            ("chrome", self.chrome_text, self.chrome_background),
        ]


def _scheme(name: str, bg: str, fg: str, **overrides: str) -> Scheme:
    """A scheme where everything not overridden is the plain text/background pair;
    its name as users see it is declared with the settings (config.SCHEME_LABELS)."""
    zh = config.SCHEME_LABELS[name]
    values = {
        "background": bg,
        "text": fg,
        "heading": fg,
        "meta": fg,
        "link": fg,
        "highlight_background": fg,
        "highlight_text": bg,
        "selection_background": fg,
        "selection_text": bg,
        "focus": fg,
        "chrome_background": bg,
        "chrome_text": fg,
        "border": fg,
    }
    values.update(overrides)
    return Scheme(name=name, label_zh=zh, **values)


SCHEME_TABLE: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        _scheme(
            "default",
            "#ffffff",
            "#1a1a1a",
            heading="#0b3d91",
            meta="#3d3d3d",
            link="#0b3d91",
            highlight_background="#ffe066",
            highlight_text="#000000",
            selection_background="#0b3d91",
            selection_text="#ffffff",
            focus="#c2410c",
            chrome_background="#eef2f7",
            chrome_text="#1a1a1a",
            border="#5a6b80",
        ),
        _scheme(
            "white-black",
            "#ffffff",
            "#000000",
            highlight_background="#ffe066",
            highlight_text="#000000",
        ),
        _scheme(
            "black-white",
            "#000000",
            "#ffffff",
            highlight_background="#ffff00",
            highlight_text="#000000",
        ),
        _scheme(
            "black-yellow",
            "#000000",
            "#ffff00",
            highlight_background="#ffffff",
            highlight_text="#000000",
        ),
        _scheme(
            "yellow-black",
            "#ffff00",
            "#000000",
            highlight_background="#000000",
            highlight_text="#ffff00",
        ),
        _scheme(
            "blue-yellow",
            "#002b80",
            "#ffff00",
            highlight_background="#ffff00",
            highlight_text="#002b80",
            selection_background="#ffffff",
            selection_text="#002b80",
        ),
    )
}


def effective_scheme(name: str, *, system_high_contrast: bool, system_dark: bool) -> Scheme:
    """The scheme to paint with: the chosen one, except that 默认 follows the system's
    high-contrast setting (white on black for a dark system, black on white otherwise)."""
    if name == "default" and system_high_contrast:
        return SCHEME_TABLE["black-white" if system_dark else "white-black"]
    return SCHEME_TABLE[name]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def body_pixels(preset: str, zoom_percent: int) -> int:
    """Body text size in pixels for a preset and zoom."""
    return max(8, round(FONT_PIXELS[preset] * zoom_percent / 100))


def palette(scheme: Scheme) -> QPalette:
    """A QPalette so native parts (dialogs, menus, scroll bars) follow the scheme."""
    result = QPalette()
    roles = {
        QPalette.ColorRole.Window: scheme.chrome_background,
        QPalette.ColorRole.WindowText: scheme.chrome_text,
        QPalette.ColorRole.Base: scheme.background,
        QPalette.ColorRole.AlternateBase: scheme.chrome_background,
        QPalette.ColorRole.Text: scheme.text,
        QPalette.ColorRole.Button: scheme.chrome_background,
        QPalette.ColorRole.ButtonText: scheme.chrome_text,
        QPalette.ColorRole.Highlight: scheme.selection_background,
        QPalette.ColorRole.HighlightedText: scheme.selection_text,
        QPalette.ColorRole.ToolTipBase: scheme.background,
        QPalette.ColorRole.ToolTipText: scheme.text,
        QPalette.ColorRole.Link: scheme.link,
        QPalette.ColorRole.PlaceholderText: scheme.meta,
        QPalette.ColorRole.BrightText: scheme.focus,
    }
    for role, colour in roles.items():
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            result.setColor(group, role, QColor(colour))
        # Disabled controls stay readable: same colours, the state is shown otherwise.
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return result


def stylesheet(scheme: Scheme, chrome_pixels: int, button_min_px: int, body_pixels: int) -> str:
    """Qt style sheet for the window chrome: sizes follow the font preset, the focus
    frame is visible in every scheme."""
    return f"""
QWidget {{ background-color: {scheme.chrome_background}; color: {scheme.chrome_text}; }}
QToolButton, QMenuBar, QMenu, QStatusBar, QLabel, QPushButton, QLineEdit, QComboBox,
QListWidget, QCheckBox, QSpinBox, QDoubleSpinBox, QTabBar, QDockWidget, QTableWidget,
QHeaderView, QKeySequenceEdit, QToolTip, QDialog QTextEdit {{
    font-size: {chrome_pixels}px;
}}
QToolBar {{ border: none; border-bottom: 1px solid {scheme.border}; spacing: 4px; padding: 2px; }}
QToolButton {{
    min-width: {button_min_px}px; min-height: {button_min_px}px;
    padding: 4px 8px; border: 2px solid transparent; border-radius: 6px;
}}
QToolButton:hover {{ border-color: {scheme.border}; }}
QToolButton:checked {{
    background-color: {scheme.selection_background}; color: {scheme.selection_text};
}}
QToolButton:focus, QPushButton:focus, QLineEdit:focus, QComboBox:focus, QCheckBox:focus,
QListWidget:focus, QSpinBox:focus {{
    border: {FOCUS_FRAME_PX}px solid {scheme.focus};
}}
QTextEdit {{
    background-color: {scheme.background}; color: {scheme.text};
    border: {FOCUS_FRAME_PX}px solid transparent;
    selection-background-color: {scheme.selection_background};
    selection-color: {scheme.selection_text};
}}
QTextEdit:focus {{ border: {FOCUS_FRAME_PX}px solid {scheme.focus}; }}
QMenuBar::item:selected, QMenu::item:selected {{
    background-color: {scheme.selection_background}; color: {scheme.selection_text};
}}
QMenu {{ border: 1px solid {scheme.border}; }}
QStatusBar {{ border-top: 1px solid {scheme.border}; }}
QLabel#notice {{
    background-color: {scheme.highlight_background}; color: {scheme.highlight_text};
    padding: 8px; border: 2px solid {scheme.border};
}}
QListWidget {{ background-color: {scheme.background}; color: {scheme.text}; }}
QListWidget::item {{ padding: 10px; border-bottom: 1px solid {scheme.border}; }}
QListWidget#articleTiles::item {{
    border: 2px solid {scheme.border}; border-radius: 8px; margin: 6px; padding: 12px;
}}
QListWidget::item:selected {{
    background-color: {scheme.selection_background}; color: {scheme.selection_text};
}}
QLineEdit {{
    background-color: {scheme.background}; color: {scheme.text};
    border: 2px solid {scheme.border}; padding: 6px;
}}
QPushButton {{
    min-height: {button_min_px}px; padding: 4px 16px;
    border: 2px solid {scheme.border}; border-radius: 6px;
}}
"""


def scheme_field_names() -> list[str]:
    """Names of the colour fields (for tests that check every colour is #rrggbb)."""
    return [f.name for f in fields(Scheme) if f.name not in ("name", "label_zh")]


# -- 界面大小: the chrome has its own size (字号 and zoom only enlarge the article) -------

CHROME_PIXELS: dict[str, int] = {"standard": 16, "large": 22, "xlarge": 28}
"""Menu, toolbar, status bar and dialog text per 界面大小 (标准 / 大 / 特大)."""

CHROME_FIT_STEP_PX = 3
"""When the chosen chrome size would leave too little article, it shrinks in these steps."""

MIN_READING_FRACTION = 0.55
"""Share of the window height the article always keeps, whatever the settings."""

FIT_SAFETY_FRACTION = 0.015
"""Estimates of the chrome height err by a few pixels; the fit aims this much higher."""

CAPTION_PIXELS: dict[str, int] = {"large": 56, "xlarge": 72, "huge": 96}
"""大字幕 characters per 字幕大小 (大 / 特大 / 超大); never below the body text."""

CAPTION_PINYIN_SCALE = 0.45
"""Pinyin relative to the caption characters (the issue asks for at least 40%)."""

NOTICE_ONE_LINE_STYLE = "QLabel#notice { padding: 2px 6px; border-width: 1px; }"
"""The notice cut to one line when the window is full (ui/notice_bar.py)."""

DIALOG_SCREEN_FRACTION = 0.92
"""A dialog never takes more of the screen than this (its buttons stay on it)."""

KIOSK_TILE_TITLE_PIXELS: dict[str, int] = {"standard": 32, "large": 36, "xlarge": 44}
"""Kiosk tile text per 界面大小: at least 32 px at every size."""

KIOSK_TILE_SIZE = (440, 240)
"""Kiosk tile grid cell: three lines of 44 px titles, far above 60×60 px."""

KIOSK_TOUCH_MIN_PX = 64
"""Kiosk search box, sort control and buttons: above the 60×60 px MIIT minimum."""


def message_box_stylesheet(chrome_px: int) -> str:
    """A message box's own rules: text and buttons at the chosen 界面大小 (colours come
    from the window's style sheet). Buttons as large as the toolbar's."""
    button = max(TOOL_BUTTON_MIN_PX, round(chrome_px * 2.4))
    return f"""
QMessageBox QLabel, QMessageBox QPushButton, QMessageBox QTextEdit {{
    font-size: {chrome_px}px;
}}
QMessageBox QPushButton {{
    min-height: {button}px; min-width: {2 * button}px; padding: 4px 16px;
}}
"""


def chrome_pixels(ui_size: str) -> int:
    """Chrome text size for a 界面大小 (unknown values: 标准)."""
    return CHROME_PIXELS.get(ui_size, CHROME_PIXELS["standard"])


def caption_pixels(caption_size: str, body_px: int) -> int:
    """大字幕 character size: the chosen size, never below the body text."""
    return max(body_px, CAPTION_PIXELS.get(caption_size, CAPTION_PIXELS["large"]))


def fit_stylesheet(scheme: Scheme, chrome_pixels: int, *, kiosk: bool, ui_size: str) -> str:
    """Rules added to `stylesheet`: check and radio marks drawn in the scheme's colours
    (the style's own marks vanish in 黑底黄字), item views (file dialogs) at the chrome
    size, and the kiosk's large tiles and touch targets."""
    mark = max(18, round(chrome_pixels * 1.1))
    icon_button = KIOSK_TOOL_BUTTON_MIN_PX if kiosk else TOOL_BUTTON_MIN_PX
    # A kiosk's icon-only buttons are already 60 px wide: without padding all of them
    # fit one row on a 1280 px screen (with it they took two, and the article < 55%).
    icon_padding = 0 if kiosk else 2
    rules = f"""
QAbstractItemView, QRadioButton, QGroupBox, QAbstractSpinBox, QMessageBox QLabel,
QFileDialog QWidget {{
    font-size: {chrome_pixels}px;
}}
QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator {{
    width: {mark}px; height: {mark}px;
    border: 3px solid {scheme.chrome_text}; background-color: {scheme.chrome_background};
}}
QRadioButton::indicator {{ border-radius: {mark // 2 + 3}px; }}
QCheckBox::indicator:checked, QRadioButton::indicator:checked,
QAbstractItemView::indicator:checked {{
    background-color: {scheme.chrome_text};
    border: 3px solid {scheme.chrome_text};
}}
QMenu::indicator {{
    width: {mark - 4}px; height: {mark - 4}px;
    border: 2px solid {scheme.chrome_text}; background-color: {scheme.chrome_background};
}}
QMenu::indicator:checked {{ background-color: {scheme.chrome_text}; }}
QMenu::item:selected QMenu::indicator {{ border-color: {scheme.selection_text}; }}
QAbstractItemView {{
    background-color: {scheme.background}; color: {scheme.text};
    selection-background-color: {scheme.selection_background};
    selection-color: {scheme.selection_text};
}}
QHeaderView::section {{
    background-color: {scheme.chrome_background}; color: {scheme.chrome_text};
    border: 1px solid {scheme.border}; padding: 4px;
}}
QScrollArea {{ border: none; }}
QToolBar[iconOnly="true"] QToolButton {{ padding: {icon_padding}px; min-width: {icon_button}px; }}
QFileDialog QToolButton {{ min-width: {TOOL_BUTTON_MIN_PX}px; min-height: {TOOL_BUTTON_MIN_PX}px; }}
QToolBar[tight="true"] QToolButton {{
    padding: 0px; min-width: {TIGHT_TOOL_BUTTON_MIN_PX}px; min-height: {TIGHT_TOOL_BUTTON_MIN_PX}px;
}}
"""
    if kiosk:
        title = KIOSK_TILE_TITLE_PIXELS.get(ui_size, KIOSK_TILE_TITLE_PIXELS["large"])
        rules += f"""
QListWidget#articleTiles {{ font-size: {title}px; }}
QLineEdit#librarySearch, QComboBox#librarySort, QLabel#libraryHeading {{
    font-size: {max(title, chrome_pixels)}px;
    min-height: {KIOSK_TOUCH_MIN_PX}px;
}}
QPushButton {{ min-height: {KIOSK_TOUCH_MIN_PX}px; min-width: {KIOSK_TOUCH_MIN_PX}px; }}
"""
    return rules
