"""Interface languages: gettext catalogs, the one place text for users is translated.

The source language is 简体中文: every message in the code is its Simplified Chinese
text (the msgid), so the code reads as the users see it. Catalogs for 繁體中文(台灣),
繁體中文(香港) and English live in accessible_reader/resources/locale as .po files
(the truth, edited by people) and compiled .mo files (read here with the standard
library's gettext: no Qt, so the CLI and the core use them too). tools/catalogs.py
extracts, updates and compiles them with Babel; tests/test_catalogs.py fails on a
message missing from a catalog, untranslated, or with different placeholders.

Which language: READER_LANG (zh_CN, zh_TW, zh_HK, en) overrides everything; else the
界面语言 setting; its 跟随系统 uses the system locale (English for en*, Chinese
otherwise) and, for Chinese, follows the article's 简/繁 (the script the 简/繁 button
shows), as the interface always has.
"""

from __future__ import annotations

import gettext
import locale
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

DOMAIN = "accessible_reader"
SOURCE = "zh_CN"
LANGUAGES: tuple[str, ...] = ("zh_CN", "zh_TW", "zh_HK", "en")
"""Interface languages; zh_CN is the source (no catalog: the msgids are its text)."""
TRANSLATED: tuple[str, ...] = LANGUAGES[1:]
FOLLOW_SYSTEM = "system"
CHOICES: tuple[str, ...] = (FOLLOW_SYSTEM, *LANGUAGES)
"""Values of the 界面语言 setting."""

LANGUAGE_NAMES: dict[str, str] = {
    FOLLOW_SYSTEM: "跟随系统",
    "zh_CN": "简体中文",
    "zh_TW": "繁體中文(台灣)",
    "zh_HK": "繁體中文(香港)",
    "en": "English",
}
"""Each language named in itself (a list of languages is read by people looking for
their own), except 跟随系统, which is translated like any message."""

VARIANT_LANGUAGES: dict[str, str] = {
    "zh-Hans": "zh_CN",
    "zh-Hant": "zh_TW",
    "zh-TW": "zh_TW",
    "zh-HK": "zh_HK",
}
"""The article's script → the Chinese interface that goes with it (跟随系统)."""

LOCALE_DIR = Path(__file__).resolve().parent / "resources" / "locale"


def N_(message: str) -> str:
    """Marks a message for extraction where it is translated later (tables, defaults)."""
    return message


class Message:
    """A message kept untranslated until shown (its language may change meanwhile)."""

    def __init__(self, message: str, /, **fields: Any) -> None:
        self.message = message
        self.fields = fields

    def text(self, interface: Interface) -> str:
        return interface(self.message, **self.fields)

    def __str__(self) -> str:
        """The message as written (简体中文), its fields filled in."""
        return self.text(SOURCE_TEXT)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.message, self.fields) == (
            other.message,
            other.fields,
        )

    def __hash__(self) -> int:
        return hash(self.message)

    def __repr__(self) -> str:
        return f"Message({self.message!r}, **{self.fields!r})"

    def to_json(self) -> dict[str, Any]:
        """The message as stored (a sync's rejected link, an OCR cache entry), so it is
        shown in the language of the day it is read: msgid and fields, messages in the
        fields stored the same way, other values as their text or number."""
        fields: dict[str, Any] = {}
        for name, value in self.fields.items():
            if isinstance(value, Message):
                fields[name] = value.to_json()
            elif isinstance(value, Shown):
                fields[name] = str(value)  # a Joined list: its 简体 text
            elif isinstance(value, str | int | float) or value is None:
                fields[name] = value
            else:
                fields[name] = str(value)
        return {"message": self.message, "fields": fields}

    @staticmethod
    def from_json(data: object) -> Message:
        """The inverse of `to_json`; text stored before messages were (the reason in
        简体中文) comes back as a message of its own, shown as it is."""
        if isinstance(data, str):
            return Message(data)
        if not isinstance(data, dict) or not isinstance(data.get("message"), str):
            return Message(str(data))
        raw = data.get("fields")
        fields = {
            str(name): Message.from_json(value) if isinstance(value, dict) else value
            for name, value in (raw.items() if isinstance(raw, dict) else ())
        }
        return Message(data["message"], **fields)


ENUMERATION = N_("、")
"""Between the names of a list (、 in Chinese, ", " in English): Joined(names, ENUMERATION)."""


class Joined:
    """Messages shown one after another (a list of problems): each is translated, and
    so is the separator (``；`` in Chinese, ``; `` in English)."""

    def __init__(self, parts: Sequence[Message | str], separator: str = N_("；")) -> None:
        self.parts = tuple(parts)
        self.separator = separator

    def text(self, interface: Interface) -> str:
        return interface(self.separator).join(str(interface.field(p)) for p in self.parts)

    def __str__(self) -> str:
        return self.text(SOURCE_TEXT)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (self.parts, self.separator) == (
            other.parts,
            other.separator,
        )

    def __hash__(self) -> int:
        return hash(self.parts)

    def __repr__(self) -> str:
        return f"Joined({list(self.parts)!r}, {self.separator!r})"


def normalise(code: str | None) -> str | None:
    """A language code as READER_LANG or a locale writes it → one of LANGUAGES.

    zh_CN, zh-Hans, zh_SG → zh_CN; zh_TW, zh-Hant → zh_TW; zh_HK, zh_MO → zh_HK;
    en, en_US.UTF-8 → en; "zh" alone → zh_CN; anything else → None.
    """
    if not code:
        return None
    text = code.split(".")[0].split("@")[0].replace("-", "_").lower()
    if text.startswith("en"):
        return "en"
    if not text.startswith("zh"):
        return None
    if text in ("zh_tw", "zh_hant", "zh_hant_tw"):
        return "zh_TW"
    if text in ("zh_hk", "zh_mo", "zh_hant_hk", "zh_hant_mo"):
        return "zh_HK"
    return "zh_CN"


def environment_language() -> str | None:
    """READER_LANG, if it names a language we have."""
    return normalise(os.environ.get("READER_LANG"))


def system_language() -> str | None:
    """The system's interface language: one of LANGUAGES, or None (a language we do
    not have, or the C locale), which means the source, 简体中文."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return normalise(value.split(":")[0])
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultUILanguage()
        return normalise(locale.windows_locale.get(lcid))
    return None


def resolve(setting: str = FOLLOW_SYSTEM, variant: str = "zh-Hans") -> str:
    """The interface language for the 界面语言 `setting` while the article is shown in
    `variant`: READER_LANG first, then the setting, then the system (see the module)."""
    chosen = environment_language()
    if chosen is not None:
        return chosen
    if setting in LANGUAGES:
        return setting
    system = system_language()
    if system == "en":
        return "en"
    if variant != "zh-Hans":
        return VARIANT_LANGUAGES.get(variant, "zh_TW")  # 繁 article, 繁 interface
    return system or SOURCE


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language` (the source language has none)."""
    if language == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[language], fallback=True)


class Interface:
    """Text for users in one language: ``ui("表格，{rows}行{columns}列", rows=3, columns=2)``.

    The argument is the Simplified Chinese msgid; named fields are filled after
    translation, so a message with values is still one catalog entry. Text that is no
    msgid (an article title, a message already translated) comes back unchanged.
    """

    def __init__(self, language: str = SOURCE) -> None:
        self.language = language if language in LANGUAGES else SOURCE
        self._catalog = catalog(self.language)

    def __call__(self, message: str, /, **fields: Any) -> str:
        text = self._catalog.gettext(message) if message else message
        if not fields:
            return text
        return text.format(**{name: self.field(value) for name, value in fields.items()})

    def field(self, value: Any) -> Any:
        """A field's value as shown: a message (a msgid string, a Message, Joined messages)
        is translated too; numbers and anything else keep their own formatting."""
        if isinstance(value, str):
            return self._catalog.gettext(value) if value else value
        if isinstance(value, Shown):
            return value.text(self)
        return value

    @property
    def english(self) -> bool:
        return self.language == "en"

    def __repr__(self) -> str:
        return f"Interface({self.language!r})"


@runtime_checkable
class Shown(Protocol):
    """A value translated when shown (Message, Joined, a field's name)."""

    def text(self, interface: Interface) -> str: ...


class Translate(Protocol):
    """What code given "the interface" calls: an Interface, or a stand-in in tests."""

    def __call__(self, message: str, /, **fields: Any) -> str: ...


SOURCE_TEXT = Interface(SOURCE)
"""The messages as written (简体中文): the default where no interface is given."""

_chosen: Interface | None = None


@cache
def _interface(language: str) -> Interface:
    return Interface(language)


def current() -> Interface:
    """The process's interface language: the one the window set (界面语言), else
    READER_LANG's or the system's as they are now (the CLI, the core)."""
    return _chosen if _chosen is not None else _interface(resolve())


def set_language(language: str | None) -> Interface:
    """Make `language` the process's interface language (the window does, as its
    settings change); None goes back to following READER_LANG and the system."""
    global _chosen
    _chosen = None if language is None else _interface(language)
    return current()


def tr(message: str, /, **fields: Any) -> str:
    """`message` in the current interface language, its fields filled in."""
    return current()(message, **fields)
