"""简/繁 conversion with OpenCC: the whole Article, or a piece of text.

Two bindings install the import name `opencc`, and either may be the one present:
the official wheel (C++ core, every config, passes all of OpenCC's own test cases)
and opencc-python-reimplemented (pure Python, 14–23 times slower on portal
text, passes 226 of the 484 test cases of the configs it has, lacks tw2t and
hk2t). Both build a converter from a config name and offer `.convert(text) -> str`;
this module hides which one it got.
Building a converter loads dictionaries (tens of milliseconds), so each config is
built once and cached.

Routes between the four variants (source → target):

- to zh-Hans: zh-Hant t2s, zh-TW tw2s (tw2sp with `taiwan_phrases`), zh-HK hk2s;
- from zh-Hans: zh-Hant s2t, zh-TW s2tw (s2twp with `taiwan_phrases`), zh-HK s2hk;
- between traditional variants the character forms are mapped directly (t2tw, t2hk,
  tw2t, hk2t, and tw2t+t2hk, hk2t+t2tw between Taiwan and Hong Kong), never
  through simplified, which would lose distinctions such as 乾/幹/干. Taiwan
  phrases (软件→軟體) are applied only from simplified: OpenCC has them only in
  s2twp, and a round trip t2s+s2twp rewrites text that is already Taiwanese
  (喫茶→吃茶), so traditional text keeps its wording.
- When the binding lacks a config (the reimplementation has no tw2t or hk2t), the
  route goes through simplified instead (tw2s+s2t).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any, NamedTuple, Protocol

from accessible_reader.article.model import Article
from accessible_reader.config import TRADITIONAL_VARIANTS, VARIANTS
from accessible_reader.errors import ConversionError

__all__ = [
    "VARIANTS",
    "VariantScores",
    "backend",
    "convert_article",
    "convert_text",
    "converter_for",
    "detect_variant",
    "variant_scores",
]

DETECT_SAMPLE_CHARS = 4_000
"""Detection looks at most at this many characters, in eight slices spread over the text.

Measured on the corpus pages (benchmarks/text.py): in simplified pages 31–51 % of
the Chinese characters are simplified-only and at most 0.1 % traditional-only;
after s2t, s2tw or s2hk at least 31 % are traditional-only and at most 2.2 %
simplified-only. A few hundred characters decide, and the sample keeps detection
near half a millisecond for any article size.
"""

_SAMPLE_SLICES = 8

TRADITIONAL_WEIGHT = 5
"""A traditional-only character counts as this many simplified-only ones.

The evidence is lopsided: traditional text keeps many characters that s2t would
change (干擾, 皇后, 台灣: up to 2.2 % of the characters of the corpus conversions),
while simplified text rarely holds a traditional-only form (at most 0.1 %; 乾 in
乾隆 is one). On the corpus the ratio is at least 14 for traditional text and 310
for simplified text; 5 sits between them (about their geometric mean). On OpenCC's
own cases it decides short traditional strings such as 去干擾 right, and misreads
a few simplified lists of rare names written with traditional forms (乾安县, 毕昇).
"""


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_ROUTES: dict[tuple[str, str, bool], tuple[tuple[str, ...], ...]] = {
    # (source, target, taiwan_phrases) → routes, preferred first.
    ("zh-Hant", "zh-Hans", False): (("t2s",),),
    ("zh-TW", "zh-Hans", False): (("tw2s",),),
    ("zh-TW", "zh-Hans", True): (("tw2sp",), ("tw2s",)),
    ("zh-HK", "zh-Hans", False): (("hk2s",),),
    ("zh-Hans", "zh-Hant", False): (("s2t",),),
    ("zh-Hans", "zh-TW", False): (("s2tw",),),
    ("zh-Hans", "zh-TW", True): (("s2twp",),),
    ("zh-Hans", "zh-HK", False): (("s2hk",),),
    ("zh-TW", "zh-Hant", False): (("tw2t",), ("tw2s", "s2t")),
    ("zh-HK", "zh-Hant", False): (("hk2t",), ("hk2s", "s2t")),
    ("zh-Hant", "zh-TW", False): (("t2tw",),),
    ("zh-Hant", "zh-HK", False): (("t2hk",),),
    ("zh-HK", "zh-TW", False): (("hk2t", "t2tw"), ("hk2s", "s2tw")),
    ("zh-TW", "zh-HK", False): (("tw2t", "t2hk"), ("tw2s", "s2hk")),
}


def _routes(source: str, target: str, taiwan_phrases: bool) -> tuple[tuple[str, ...], ...]:
    phrases = taiwan_phrases and "zh-TW" in (source, target)
    return _ROUTES.get((source, target, phrases)) or _ROUTES[(source, target, False)]


def _missing_opencc() -> ConversionError:
    return ConversionError(
        "简繁转换不可用：没有安装 OpenCC（请安装 opencc 软件包）。",
    )


@cache
def _factory() -> tuple[str, Callable[[str], _Converter]]:
    """Which binding is installed, and how to build a converter for a config name.

    The reimplementation's OpenCC class has `set_conversion`; the official one is
    a subclass of the C++ `_OpenCC` and takes a config file name.
    """
    try:
        import opencc
    except ImportError as error:
        raise _missing_opencc() from error
    opencc_class: Any = getattr(opencc, "OpenCC", None)
    if opencc_class is None:
        raise _missing_opencc()
    reimplemented = hasattr(opencc_class, "set_conversion")
    suffix = "" if reimplemented else ".json"

    def make(config: str) -> _Converter:
        converter: _Converter = opencc_class(config + suffix)
        return converter

    return ("opencc-python-reimplemented" if reimplemented else "opencc"), make


def backend() -> str:
    """The OpenCC binding in use: "opencc" (official) or "opencc-python-reimplemented"."""
    return _factory()[0]


_lock = threading.Lock()
_converters: dict[str, _Converter | None] = {}


def _converter(config: str) -> _Converter | None:
    """The cached converter for `config`, or None when the binding lacks that config."""
    try:
        return _converters[config]
    except KeyError:
        pass
    make = _factory()[1]
    with _lock:
        if config not in _converters:
            try:
                _converters[config] = make(config)
            except Exception:  # each binding fails in its own way on a missing config
                _converters[config] = None
        return _converters[config]


def _chain(source: str, target: str, taiwan_phrases: bool) -> list[_Converter]:
    for route in _routes(source, target, taiwan_phrases):
        converters = [_converter(config) for config in route]
        if all(converters):
            return [c for c in converters if c is not None]
    raise ConversionError(
        "当前的 OpenCC 无法从 {source} 转换为 {target}（缺少转换配置）。",
        source=source,
        target=target,
        detail=backend(),
    )


def _check(variant: str) -> None:
    if variant not in VARIANTS:
        raise ValueError(f"unknown script variant {variant!r}; expected one of {VARIANTS}")


def converter_for(
    target: str, *, source: str, taiwan_phrases: bool = False
) -> Callable[[str], str]:
    """A function converting text from `source` to `target`, the route chosen once.

    For callers converting many pieces of text of one known variant (Article.map_text).
    """
    _check(source)
    _check(target)
    if source == target:
        return _identity
    chain = _chain(source, target, taiwan_phrases)
    if len(chain) == 1:
        return chain[0].convert

    def convert(text: str) -> str:
        for step in chain:
            text = step.convert(text)
        return text

    return convert


def _identity(text: str) -> str:
    return text


def convert_text(
    text: str, target: str, *, taiwan_phrases: bool = False, source: str | None = None
) -> str:
    """`text` in the script variant `target`; the source variant is detected when None.

    Text already in the target variant comes back unchanged. Detection only tells
    simplified from traditional, so traditional text is taken as generic zh-Hant
    unless `source` says zh-TW or zh-HK.
    """
    _check(target)
    if not text:
        return text
    if source is None:
        source = detect_variant(text)
    return converter_for(target, source=source, taiwan_phrases=taiwan_phrases)(text)


def _sample(text: str) -> str:
    if len(text) <= DETECT_SAMPLE_CHARS:
        return text
    size = DETECT_SAMPLE_CHARS // _SAMPLE_SLICES
    step = (len(text) - size) // (_SAMPLE_SLICES - 1)
    return "".join(text[i * step : i * step + size] for i in range(_SAMPLE_SLICES))


def _is_han(char: str) -> bool:
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\U00020000" <= char <= "\U0003134f"
    )


class VariantScores(NamedTuple):
    """Character counts in the sample detection looked at."""

    simplified: int
    """Characters s2t changes (simplified-only forms)."""
    traditional: int
    """Characters t2s changes (traditional-only forms)."""
    han: int
    """All Chinese characters."""


def variant_scores(text: str) -> VariantScores:
    """How many characters of a sample of `text` are simplified-only and traditional-only.

    Each distinct character is converted once, on its own (one per line, so no
    phrase spans two), and weighted by its count.
    """
    counts = Counter(_sample(text))
    chars = [char for char in counts if _is_han(char)]
    if not chars:
        return VariantScores(0, 0, 0)
    joined = "\n".join(chars)
    to_traditional = _chain("zh-Hans", "zh-Hant", False)[0].convert(joined).split("\n")
    to_simplified = _chain("zh-Hant", "zh-Hans", False)[0].convert(joined).split("\n")
    return VariantScores(
        simplified=sum(counts[c] for c, t in zip(chars, to_traditional, strict=True) if t != c),
        traditional=sum(counts[c] for c, s in zip(chars, to_simplified, strict=True) if s != c),
        han=sum(counts[c] for c in chars),
    )


def detect_variant(text: str) -> str:
    """Which forms dominate `text`: "zh-Hant" or "zh-Hans" (see TRADITIONAL_WEIGHT).

    Text without distinguishing characters counts as zh-Hans, so it is left alone
    when the target is simplified.
    """
    scores = variant_scores(text)
    return "zh-Hant" if scores.traditional * TRADITIONAL_WEIGHT > scores.simplified else "zh-Hans"


def article_variant(article: Article) -> str:
    """The variant an article is written in: detected from its text, refined by `language`.

    Detection tells simplified from traditional; when it says traditional and the
    article already claims zh-TW or zh-HK (set by an earlier conversion), that claim
    is kept.
    """
    detected = detect_variant("\n".join(article.iter_text()))
    if detected == "zh-Hant" and article.language in TRADITIONAL_VARIANTS:
        return article.language
    return detected


def convert_article(article: Article, target: str, *, taiwan_phrases: bool = False) -> Article:
    """The article with title, metadata, blocks, table cells and alt texts in `target`.

    The source variant is detected once from the whole article, then every piece of
    text goes through the same converter.
    """
    _check(target)
    source = article_variant(article)
    convert = converter_for(target, source=source, taiwan_phrases=taiwan_phrases)
    converted = article if convert is _identity else article.map_text(convert)
    return converted if converted.language == target else replace(converted, language=target)
