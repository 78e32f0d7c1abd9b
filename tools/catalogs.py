"""The interface catalogs: extract the messages, update the .po files, compile the .mo.

    python tools/catalogs.py update    # after changing messages: new entries drafted
    python tools/catalogs.py compile   # after editing a .po file by hand

Messages are found with Babel in the code (the arguments of the interface callables,
of error constructors and N_) and in the declared tables (actions, menus, schemes,
settings labels, choice labels), which hold their text as data. `update` drafts new
entries: 繁 ones with OpenCC (s2twp for 台灣, s2hk for 香港, then the regional words
below), English from nothing (left empty: tests/test_catalogs.py fails until someone
writes it). After that the .po files are the truth, edited by people.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accessible_reader import i18n  # noqa: E402

PACKAGE = ROOT / "accessible_reader"
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
"""Chinese characters and punctuation: a message with none is no interface text."""

KEYWORDS: dict[str, None] = {
    name: None
    for name in (
        # the interface callables and the window's message funnels, which translate
        "ui",
        "interface",
        "_t",
        "_ui",
        "tr",
        "N_",
        "Message",
        "announce",
        "show_notice",
        "add_notice",
        "status",
        "_say",
        "_show_empty",
        # errors (their first argument is the msgid)
        "ReaderError",
        "UsageError",
        "SourceError",
        "DecodeError",
        "FetchError",
        "ExtractionError",
        "ConversionError",
        "SpeechError",
        "LibraryError",
        "KioskConfigError",
        "PictureSkipped",
    )
}
"""Babel's spec: None is "the first argument is the message"."""

SHARED_WORDS: dict[str, str] = {
    "默認": "預設",
    "缺省": "預設",
    "設置": "設定",
    "文件夾": "資料夾",
    "鼠標": "滑鼠",
    "光標": "游標",
    "菜單": "選單",
    "窗口": "視窗",
    "快捷鍵": "快速鍵",
    "工具條": "工具列",
    "狀態欄": "狀態列",
    "數據庫": "資料庫",
    "保存": "儲存",
    "搜索": "搜尋",
    "導入": "匯入",
    "導出": "匯出",
    "鏈接": "連結",
    "音頻": "音訊",
    "支持": "支援",
}
"""Mainland words both Taiwan and Hong Kong say otherwise (after OpenCC's characters)."""

LAST_WORDS: dict[str, str] = {"選單欄": "選單列", "配置檔案": "設定檔"}
"""Applied after the others: they fix words the others produce (菜單欄 → 選單欄,
配置文件 → 配置檔案)."""

TAIWAN_WORDS: dict[str, str] = {
    "視訊": "影片",
    **SHARED_WORDS,
    "屏幕": "螢幕",
    "網址": "網址",
    "質量": "品質",
    # and where s2twp itself goes wrong or too far
    "釋出": "發布",
    "網頁尾本": "網頁腳本",
    "二進位制": "二進位",
    "許可權": "權限",
    "型別": "類型",
    "臺灣": "台灣",
    "平臺": "平台",
    "迴圈": "循環",
    "當前": "目前",
    "文本檔案": "文字檔",
    "純文本": "純文字",
    "單元格": "儲存格",
    **LAST_WORDS,
}
"""Words OpenCC's s2twp leaves as mainland usage (it already does 程序→程式,
文件→檔案, 軟件→軟體, 信息→資訊)."""

HONG_KONG_WORDS: dict[str, str] = {
    "程序": "程式",
    **SHARED_WORDS,
    "文件": "檔案",  # after 文件夾
    "信息": "資訊",
    "視頻": "影片",
    "網絡": "網絡",
    "質量": "質素",
    **LAST_WORDS,
}
"""Hong Kong usage over s2hk's character conversion (s2hk changes no words): 程式, 檔案,
設定, 滑鼠, 資料夾 as in Taiwan, but 軟件, 網絡, 質素, 屏幕 stay Hong Kong's."""

DRAFTS = {"zh_TW": ("s2twp", TAIWAN_WORDS), "zh_HK": ("s2hk", HONG_KONG_WORDS)}


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}{suffix}"


def template_path() -> Path:
    return i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"


def _from_code() -> Iterator[tuple[str, str]]:
    found = extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, _comments, _context in found:
        if isinstance(message, str):
            yield message, f"accessible_reader/{filename}:{lineno}"


def _from_tables() -> Iterator[tuple[str, str]]:
    """Messages declared as data: the registries' Chinese labels."""
    from accessible_reader.config import CHOICE_LABELS, Settings
    from accessible_reader.setting_commands import BOOL_LABELS
    from accessible_reader.speech.rates import RATE_STEPS
    from accessible_reader.ui import theme
    from accessible_reader.ui.actions import ACTIONS, MENUS

    for spec in ACTIONS:
        yield spec.label_zh, "actions"
        yield spec.description_zh, "actions"
    for _path, title in MENUS:
        yield title, "menus"
    for scheme in theme.SCHEME_TABLE.values():
        yield scheme.label_zh, "theme"
    for zh in theme.FONT_PRESET_LABELS.values():
        yield zh, "theme"
    for zh in CHOICE_LABELS.values():
        yield zh, "config"
    for zh, _rate in RATE_STEPS:
        yield zh, "rates"
    for setting in fields(Settings):
        metadata = setting.metadata
        if metadata.get("user_visible", True):
            yield metadata["label"], "settings"
        yield metadata.get("spoken", ""), "settings"
        yield metadata.get("unit", ""), "settings"
        if setting.name != "interface_language":  # languages are named in themselves
            for label in metadata.get("value_labels", {}).values():
                yield label, "settings"
        for part in metadata.get("parts", ()):
            yield part, "settings"
    from accessible_reader.kiosk.config import KioskConfig

    for option in fields(KioskConfig):
        yield option.metadata.get("label", ""), "kiosk"
    for label in BOOL_LABELS.values():
        yield label, "setting_commands"
    yield i18n.LANGUAGE_NAMES[i18n.FOLLOW_SYSTEM], "i18n"


def messages() -> dict[str, list[str]]:
    """Every message for users (with Chinese in it), with where it comes from."""
    found: dict[str, list[str]] = {}
    for source in (_from_code(), _from_tables()):
        for message, where in source:
            if message and HAN.search(message):
                found.setdefault(message, []).append(where)
    return found


def template() -> Catalog:
    pot = Catalog(project="accessible-reader", domain=i18n.DOMAIN, locale=None)
    pot.language_team = ""
    for message, places in sorted(messages().items()):
        locations = [
            (place.rsplit(":", 1)[0], int(place.rsplit(":", 1)[1])) if ":" in place else (place, 0)
            for place in places
        ]
        pot.add(message, locations=locations)
    return pot


def read(language: str) -> Catalog:
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=i18n.DOMAIN, project="accessible-reader")
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=i18n.DOMAIN)


def _draft(language: str, message: str) -> str:
    if language not in DRAFTS:
        return ""
    import opencc

    config, words = DRAFTS[language]
    text: str = opencc.OpenCC(f"{config}.json" if config != "s2twp" else config).convert(message)
    for word, regional in words.items():
        text = text.replace(word, regional)
    return text


def _write(catalog: Catalog, path: Path, *, mo: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    if mo:
        write_mo(buffer, catalog)
    else:
        write_po(buffer, catalog, width=0, omit_header=False, sort_output=True)
    path.write_bytes(buffer.getvalue())


def update(seeds: dict[str, dict[str, str]] | None = None) -> None:
    """The template from the code, each catalog brought up to it, new entries drafted."""
    pot = template()
    _write(pot, template_path())
    for language in i18n.TRANSLATED:
        catalog = read(language)
        catalog.update(template(), no_fuzzy_matching=True)  # a fresh one: update shares it
        catalog.obsolete.clear()
        for entry in catalog:
            if entry.id and not entry.string:
                seeded = (seeds or {}).get(language, {}).get(str(entry.id), "")
                entry.string = seeded or _draft(language, str(entry.id))
        _write(catalog, catalog_path(language))
    compile_all()


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(language))
    return buffer.getvalue()


def compile_all() -> None:
    for language in i18n.TRANSLATED:
        catalog_path(language, ".mo").write_bytes(compiled(language))


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
