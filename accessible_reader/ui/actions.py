"""The action registry: every command of the window declared once.

Each action has an id, a label (its 简体中文 text, translated through the
catalogs), a default key, an accessible description, its handler, and whether a
public kiosk may offer it. The toolbar, the menus, the help overlay and the key
bindings are all generated from this list, so a key shown in help is always the key that works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accessible_reader.config import CHOICE_LABELS, CURSOR_COLOURS, FONT_PRESETS, SCHEMES, ZOOM_MAX
from accessible_reader.ui import theme

if TYPE_CHECKING:
    from accessible_reader.ui.main_window import ReaderWindow

Handler = Callable[["ReaderWindow"], None]
Checked = Callable[["ReaderWindow"], bool]


@dataclass(frozen=True)
class ActionSpec:
    """One command of the window."""

    id: str
    label_zh: str
    """The label in 简体中文, a catalog msgid: other languages are its translations."""
    shortcut: str
    """Default key in QKeySequence portable text ("Alt+Up"); empty for none."""
    description_zh: str
    """What a screen reader says about the control, and the help overlay's text."""
    handler: Handler
    menu: str
    """Which menu holds it (a MENUS path); empty for keyboard-only actions."""
    kiosk_safe: bool = True
    toolbar: bool = False
    checked: Checked | None = None
    """For toggles and choices: whether the action is currently on."""
    group: str = ""
    """Actions sharing a group are mutually exclusive choices (radio items)."""
    glyph: str = ""
    """Drawn as the toolbar icon; must exist in the CJK fonts we ask for (a test checks)."""
    while_speaking: bool = False
    """Enabled only while reading aloud, so its key (an arrow) moves the caret otherwise."""
    alternates: tuple[str, ...] = ()
    """More default keys for the same action (Ctrl+= beside Ctrl++: no Shift needed)."""

    @property
    def checkable(self) -> bool:
        return self.checked is not None


def _set(name: str, value: object) -> Handler:
    """A handler setting one setting (accessible_reader.setting_commands)."""
    return lambda window: window.commands.set(name, value)


def _step(name: str, steps: int) -> Handler:
    return lambda window: window.commands.step(name, steps)


def _cycle(name: str) -> Handler:
    return lambda window: window.commands.cycle(name)


def _toggle(name: str, value: object = None) -> Handler:
    return lambda window: window.commands.toggle(name, value)


def _toggle_variant(window: ReaderWindow) -> None:
    """简/繁: between 简体 and the chosen 繁體 form, article and interface alike."""
    settings = window.settings
    simplified = settings.variant == "zh-Hans"
    window.commands.set("variant", settings.traditional_variant if simplified else "zh-Hans")


_ZOOM_IN_DESCRIPTION = f"在当前字号上再放大10%，最大{ZOOM_MAX}%"
"""zoom-in's description, with the bound (a catalog entry as composed, like every
registry label: tools/catalogs.py reads the registry)."""


def _font_action(preset: str) -> ActionSpec:
    zh = theme.FONT_PRESET_LABELS[preset]
    return ActionSpec(
        id=f"font-{preset}",
        label_zh=f"字号：{zh}",
        shortcut="",
        description_zh=f"把字号设为“{zh}”",
        handler=_set("font_preset", preset),
        menu="view/font",
        checked=lambda window: window.settings.font_preset == preset,
        group="font",
    )


def _scheme_action(name: str) -> ActionSpec:
    scheme = theme.SCHEME_TABLE[name]
    return ActionSpec(
        id=f"scheme-{name}",
        label_zh=scheme.label_zh,
        shortcut="",
        description_zh=f"配色改为{scheme.label_zh}",
        handler=_set("scheme", name),
        menu="view/scheme",
        checked=lambda window: window.settings.scheme == name,
        group="scheme",
    )


def _cursor_colour_action(colour: str) -> ActionSpec:
    zh = CHOICE_LABELS[colour]
    return ActionSpec(
        id=f"cursor-{colour}",
        label_zh=f"{zh}鼠标",
        shortcut="",
        description_zh=f"大鼠标用{zh}",
        handler=_set("cursor_colour", colour),
        menu="view/cursor",
        checked=lambda window: window.settings.cursor_colour == colour,
        group="cursor-colour",
    )


def _moving(kind: str, *, forward: bool, level: int = 0) -> Handler:
    def run(window: ReaderWindow) -> None:
        window.a11y.navigation.move(kind, forward=forward, level=level)

    return run


def _to_cell(rows: int, columns: int) -> Handler:
    def run(window: ReaderWindow) -> None:
        window.a11y.navigation.cell(rows, columns)

    return run


def _navigate(kind: str, label_zh: str, key: str, forward: bool) -> ActionSpec:
    """Structural navigation (keys as in NVDA's browse mode): the caret moves to the
    next/previous heading, table, image or list, and what it reached is announced."""
    direction = "下一个" if forward else "上一个"
    return ActionSpec(
        id=f"{'next' if forward else 'previous'}-{kind}",
        label_zh=f"{direction}{label_zh}",
        shortcut=key,
        description_zh=f"光标跳到{direction}{label_zh}，并说出它的内容",
        handler=_moving(kind, forward=forward),
        menu="navigate",
    )


def _heading_level_action(level: int) -> ActionSpec:
    return ActionSpec(
        id=f"heading-{level}",
        label_zh=f"下一个{level}级标题",
        shortcut=str(level),
        description_zh=f"光标跳到下一个{level}级标题",
        handler=_moving("heading", forward=True, level=level),
        menu="navigate",
    )


def _cell_action(direction: str, label_zh: str, key: str, rows: int, columns: int) -> ActionSpec:
    """Ctrl+Alt+arrows, as in NVDA and JAWS, and Alt+Shift+arrows (Orca's table keys):
    GNOME, KDE and openbox switch workspaces on Ctrl+Alt+arrows, and some Windows
    graphics drivers turn the screen, so those never reach the window there."""
    return ActionSpec(
        id=f"cell-{direction}",
        label_zh=f"表格：{label_zh}",
        shortcut=key,
        description_zh=f"在表格里移到{label_zh}，说出列标题和单元格内容",
        handler=_to_cell(rows, columns),
        menu="navigate",
        alternates=(key.replace("Ctrl+Alt+", "Alt+Shift+"),),
    )


def _navigation_actions() -> tuple[ActionSpec, ...]:
    return (
        _navigate("heading", "标题", "H", True),
        _navigate("heading", "标题", "Shift+H", False),
        *(_heading_level_action(level) for level in range(1, 7)),
        _navigate("table", "表格", "T", True),
        _navigate("table", "表格", "Shift+T", False),
        _navigate("image", "图片", "G", True),
        _navigate("image", "图片", "Shift+G", False),
        _navigate("list", "列表", "L", True),
        _navigate("list", "列表", "Shift+L", False),
        _cell_action("right", "右边的单元格", "Ctrl+Alt+Right", 0, 1),
        _cell_action("left", "左边的单元格", "Ctrl+Alt+Left", 0, -1),
        _cell_action("down", "下面的单元格", "Ctrl+Alt+Down", 1, 0),
        _cell_action("up", "上面的单元格", "Ctrl+Alt+Up", -1, 0),
    )


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "open",
        "打开…",
        "Ctrl+O",
        "打开保存的网页或文本文件",
        lambda window: window.open_file_dialog(),
        "file",
        kiosk_safe=False,
        toolbar=True,
        glyph="▤",
    ),
    ActionSpec(
        "library",
        "文章库",
        "Ctrl+L",
        "打开文章库：保存过的文章，可以搜索，从上次读到的地方继续",
        lambda window: window.toggle_library(),
        "file",
        toolbar=True,
        glyph="▦",
    ),
    ActionSpec(
        "import-folder",
        "导入文件夹…",
        "Ctrl+Shift+O",
        "把一个文件夹里保存的网页全部导入文章库",
        lambda window: window.import_folder(),
        "file",
        kiosk_safe=False,
    ),
    ActionSpec(
        "open-attachment",
        "打开附件",
        "Return",
        "光标在文章末尾的附件上时，按回车键打开这个附件（PDF、Word、Excel 或图片）",
        lambda window: window.picture_text.open_attachment(),
        "file",
        kiosk_safe=False,
        alternates=("Enter",),
        # Enabled only while the caret is on an attachment line (ui/recognition.py):
        # the rest of the time Enter belongs to the view and the focused control.
    ),
    ActionSpec(
        "welcome",
        "欢迎文章",
        "",
        "重新打开欢迎文章和使用说明",
        lambda window: window.open_welcome(),
        "file",
    ),
    ActionSpec(
        "settings",
        "设置…",
        "Ctrl+,",
        "修改字号、配色、语速、快捷键等所有设置",
        lambda window: window.show_settings(),
        "file",
        kiosk_safe=False,
    ),
    ActionSpec(
        "menu-bar",
        "菜单栏",
        "F10",
        "把键盘焦点移到菜单栏",
        lambda window: window.focus_menu_bar(),
        "",
        kiosk_safe=False,
    ),
    ActionSpec(
        "quit",
        "退出",
        "Ctrl+Q",
        "关闭阅读器",
        lambda window: window.quit(),
        "file",
        kiosk_safe=False,
    ),
    ActionSpec(
        "play",
        "朗读",
        "Space",
        "连读：从光标处开始朗读；朗读时按一下暂停，再按一下继续",
        lambda window: window.speech.toggle(),
        "speech",
        toolbar=True,
        glyph="▶",
    ),
    ActionSpec(
        "stop",
        "停止",
        "Esc",
        "停止朗读",
        lambda window: window.speech.stop(),
        "speech",
        toolbar=True,
        glyph="■",
    ),
    ActionSpec(
        "next-sentence",
        "下一句",
        "Right",
        "朗读时跳到下一句（不朗读时方向键移动光标）",
        lambda window: window.speech.next_sentence(),
        "speech",
        while_speaking=True,
    ),
    ActionSpec(
        "previous-sentence",
        "上一句",
        "Left",
        "朗读时回到上一句",
        lambda window: window.speech.previous_sentence(),
        "speech",
        while_speaking=True,
    ),
    ActionSpec(
        "next-paragraph",
        "下一段",
        "Ctrl+Down",
        "光标移到下一段开头；朗读时从下一段读起",
        lambda window: window.a11y.paragraph(forward=True),
        "speech",
    ),
    ActionSpec(
        "previous-paragraph",
        "上一段",
        "Ctrl+Up",
        "光标移到上一段开头；朗读时从上一段读起",
        lambda window: window.a11y.paragraph(forward=False),
        "speech",
    ),
    ActionSpec(
        "point-reading",
        "指读",
        "Alt+P",
        "指读模式：鼠标停在哪一段、点哪一段或光标移到哪一段，就读哪一段",
        _toggle("point_reading"),
        "speech",
        toolbar=True,
        checked=lambda window: window.settings.point_reading,
        glyph="☝",
    ),
    ActionSpec(
        "rate",
        "语速",
        "Alt+S",
        "语速在慢、较慢、正常、较快、快之间切换",
        _cycle("rate"),
        "speech",
        toolbar=True,
        glyph="≫",
    ),
    ActionSpec(
        "faster",
        "加快",
        "Alt+]",
        "语速加快一点（最快4倍）",
        _step("rate", 1),
        "speech",
    ),
    ActionSpec(
        "slower",
        "放慢",
        "Alt+[",
        "语速放慢一点",
        _step("rate", -1),
        "speech",
    ),
    ActionSpec(
        "louder",
        "音量加大",
        "Alt+=",
        "音量加大",
        _step("volume", 1),
        "speech",
    ),
    ActionSpec(
        "quieter",
        "音量减小",
        "Alt+-",
        "音量减小",
        _step("volume", -1),
        "speech",
    ),
    ActionSpec(
        "sound",
        "声音",
        "Alt+V",
        "打开或关闭声音（朗读和操作提示音）",
        _toggle("sound"),
        "speech",
        toolbar=True,
        checked=lambda window: window.settings.sound,
        glyph="♪",
    ),
    ActionSpec(
        "save-audio",
        "保存为音频…",
        "Ctrl+Shift+S",
        "把整篇文章朗读成 WAV 音频文件保存",
        lambda window: window.save_audio(),
        "speech",
        kiosk_safe=False,
    ),
    ActionSpec(
        "font-larger",
        "放大",
        "Alt+Up",
        "字号放大一档",
        _step("font_preset", 1),
        "view",
        toolbar=True,
        glyph="A+",
    ),
    ActionSpec(
        "font-smaller",
        "缩小",
        "Alt+Down",
        "字号缩小一档",
        _step("font_preset", -1),
        "view",
        toolbar=True,
        glyph="A−",
    ),
    *(_font_action(preset) for preset in FONT_PRESETS),
    ActionSpec(
        "zoom-in",
        "放大10%",
        "Ctrl++",
        _ZOOM_IN_DESCRIPTION,
        _step("zoom_percent", 1),
        "view",
        alternates=("Ctrl+=",),
    ),
    ActionSpec(
        "zoom-out",
        "缩小10%",
        "Ctrl+-",
        "在当前字号上缩小10%",
        _step("zoom_percent", -1),
        "view",
    ),
    ActionSpec(
        "zoom-reset",
        "原始大小",
        "Ctrl+0",
        "取消额外缩放，回到字号本身的大小",
        _set("zoom_percent", 100),
        "view",
    ),
    ActionSpec(
        "scheme-next",
        "配色",
        "Alt+H",
        "依次切换配色：默认、白底黑字、黑底白字、黑底黄字、黄底黑字、蓝底黄字",
        _cycle("scheme"),
        "view",
        toolbar=True,
        glyph="◐",
    ),
    *(_scheme_action(name) for name in SCHEMES),
    ActionSpec(
        "variant",
        "简/繁",
        "Alt+F",
        "文章和界面在简体与繁体之间切换",
        _toggle_variant,
        "view",
        toolbar=True,
        checked=lambda window: window.settings.variant != "zh-Hans",
        glyph="繁",
    ),
    ActionSpec(
        "captions",
        "大字幕",
        "Alt+B",
        "在窗口底部用特大字显示正在朗读或光标所在的句子",
        _toggle("captions"),
        "view",
        toolbar=True,
        checked=lambda window: window.settings.captions,
        glyph="字",
    ),
    ActionSpec(
        "caption-pinyin",
        "字幕拼音",
        "Alt+Y",
        "在大字幕的汉字上方显示拼音",
        _toggle("caption_pinyin"),
        "view",
        checked=lambda window: window.settings.caption_pinyin,
    ),
    ActionSpec(
        "text-only",
        "纯文本",
        "Alt+T",
        "隐藏图片和表格版式：图片显示为文字说明，表格按行显示",
        _toggle("text_only"),
        "view",
        toolbar=True,
        checked=lambda window: window.settings.text_only,
        glyph="¶",
    ),
    ActionSpec(
        "big-cursor",
        "大鼠标",
        "Alt+M",
        "鼠标指针在正常、2倍、3倍之间切换",
        _cycle("cursor_scale"),
        "view",
        toolbar=True,
        checked=lambda window: window.settings.cursor_scale > 1,
        glyph="↖",
    ),
    *(_cursor_colour_action(colour) for colour in CURSOR_COLOURS),
    ActionSpec(
        "crosshair",
        "十字线",
        "Alt+C",
        "显示或隐藏跟随鼠标的十字线",
        _toggle("reading_guide", "crosshair"),
        "view",
        toolbar=True,
        checked=lambda window: window.settings.reading_guide == "crosshair",
        glyph="✛",
    ),
    ActionSpec(
        "ruler",
        "阅读标尺",
        "Alt+L",
        "突出显示当前行，其余内容变暗",
        _toggle("reading_guide", "ruler"),
        "view",
        toolbar=True,
        checked=lambda window: window.settings.reading_guide == "ruler",
        glyph="☰",
    ),
    ActionSpec(
        "reset",
        "重置",
        "Alt+R",
        "所有显示设置恢复默认",
        lambda window: window.reset_settings(),
        "view",
        toolbar=True,
        glyph="↺",
    ),
    *_navigation_actions(),
    ActionSpec(
        "help",
        "帮助",
        "F1",
        "列出所有功能和快捷键",
        lambda window: window.show_help(),
        "help",
        toolbar=True,
        glyph="?",
    ),
)

ACTIONS_BY_ID: dict[str, ActionSpec] = {action.id: action for action in ACTIONS}

MENUS: tuple[tuple[str, str], ...] = (
    ("file", "文件"),
    ("speech", "朗读"),
    ("view", "显示"),
    ("view/font", "字号"),
    ("view/scheme", "配色"),
    ("view/cursor", "鼠标颜色"),
    ("navigate", "跳转"),
    ("help", "帮助"),
)
"""Menu paths with their titles (catalog msgids), in menu-bar order. No mnemonics:
Alt+letter keys belong to the portal-style actions (F10 reaches the menu bar)."""


def effective_shortcuts(overrides: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Action id → key, defaults with the user's overrides applied ("" = no key).

    Overrides win over defaults, so keys can be swapped (stop → S, play → Esc).
    Overrides naming unknown actions are ignored; a key that would then be bound
    twice stays only with the override that asked for it, so a hand-edited settings
    file cannot break the keys.
    """
    keys = {action.id: action.shortcut for action in ACTIONS}
    chosen = {action_id: key for action_id, key in overrides if action_id in keys}
    keys.update(chosen)
    owner: dict[str, str] = {}
    for action_id, key in chosen.items():
        if key:
            owner.setdefault(key.lower(), action_id)
    for action_id, key in keys.items():
        claimed = owner.get(key.lower()) if key else None
        if claimed is not None and claimed != action_id:
            keys[action_id] = ""  # the key went to an override
    for duplicate in shortcut_conflicts(keys):
        keys[duplicate[2]] = ""
    return keys


def shortcut_conflicts(keys: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(key, first id, second id) for every key bound twice; must be empty."""
    keys = keys if keys is not None else effective_shortcuts(())
    seen: dict[str, str] = {}
    conflicts = []
    for action_id, shortcut in keys.items():
        key = shortcut.lower()
        if not key:
            continue
        if key in seen:
            conflicts.append((shortcut, seen[key], action_id))
        else:
            seen[key] = action_id
    return conflicts


def bound_keys(spec: ActionSpec, keys: dict[str, str]) -> list[str]:
    """Every key an action answers to: its (possibly overridden) key, plus its
    alternates while the user has not changed its key and no other action uses them."""
    primary = keys.get(spec.id, "")
    bound = [primary] if primary else []
    if primary != spec.shortcut:
        return bound
    taken = {key.lower() for action_id, key in keys.items() if key and action_id != spec.id}
    return bound + [key for key in spec.alternates if key.lower() not in taken]
