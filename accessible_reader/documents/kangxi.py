"""Kangxi radicals and radical supplements in extracted text → the ordinary characters.

Many Chinese PDFs (Word's and WPS's exports with certain fonts) map glyphs to the
Kangxi Radicals block, so their text layer says ⽣ (U+2F63) where the page shows 生
(U+751F). They look the same but are other code points: a search for 生 misses them,
OpenCC leaves them alone and a speech engine reads them as radical names or skips
them. Each Kangxi radical has a compatibility decomposition to its ideograph (NFKC
of that one character); the simplified radical supplements that stand for a whole
character (⻓ 长, ⻔ 门, ⻅ 见…) are mapped here by hand. Nothing else is touched:
NFKC of the whole text would also turn full-width punctuation into ASCII.
"""

from __future__ import annotations

import unicodedata

_SUPPLEMENT = {
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ec4": "西",
    "\u2ed8": "青",
    "\u2edd": "食",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec8": "讠",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ed0": "钅",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed9": "韦",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2ee0": "饣",
    "\u2ee2": "马",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee7": "卤",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eea": "黾",
    "\u2eec": "齐",
    "\u2eee": "齿",
    "\u2ef0": "龙",
    "\u2ef3": "龟",
}

_TABLE: dict[int, str] = {
    code: unicodedata.normalize("NFKC", chr(code)) for code in range(0x2F00, 0x2FD6)
}
_TABLE.update({ord(radical): char for radical, char in _SUPPLEMENT.items()})


def has_radicals(text: str) -> bool:
    """Whether the text has any code point this module would change."""
    return any(ord(char) in _TABLE for char in text)


def normalise_radicals(text: str) -> str:
    """The text with Kangxi radicals and whole-character supplements replaced."""
    return text.translate(_TABLE)
