"""Bytes to text for pages from Chinese portals, whatever they claim to be.

Portals declare ``gb2312`` and use characters outside it, declare ``gb2312`` and are
really UTF-8, or declare nothing at all. The order below is the one browsers follow,
made stricter so that a wrong declaration cannot produce mojibake:

1. a byte-order mark;
2. the charset of the transport header (HTTP Content-Type, MHTML part header);
3. the charset declared in the page (``<meta charset>``, ``http-equiv``, XML
   declaration) — each of 2 and 3 only if a strict decode succeeds, and a legacy
   declaration loses to UTF-8 when the bytes are valid UTF-8 with non-ASCII in them
   (GBK text is practically never valid UTF-8, the reverse happens on real pages);
4. strict UTF-8, 5. GB18030, 6. Big5-HKSCS — except that undeclared bytes valid in
   both GB18030 and Big5 (Big5's byte ranges lie inside GBK's) go to whichever reading
   gives more of the most common Chinese characters: mojibake is made of rare ones;
7. when no strict decode succeeds (a stray byte, a page cut in the middle of a
   character), a browser's reading: the encoding that decodes the bulk of the bytes,
   U+FFFD for the rest, counted in ``Decoded.replaced`` so the reader can say so;
8. charset-normalizer's guess, only when no candidate reads even the bulk of the
   bytes (another language's code page), because it is slow and can be wrong.

A declared GB label does not settle GB against Big5 either: Big5's byte ranges lie
inside GBK's, so a strict GB18030 decode of Big5 bytes always succeeds; whichever
reading has more of the most common Chinese characters wins (mojibake is made of
rare ones). GB2312 and GBK labels are read as GB18030 (a superset), Big5 labels as
Big5-HKSCS.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from accessible_reader.errors import DecodeError
from accessible_reader.i18n import Message

_PRESCAN_BYTES = 8192
"""How far into the page to look for a declared charset (browsers use 1024; some
portal heads are long, with dozens of meta tags before the charset)."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "gb_2312-80": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "csbig5": "big5hkscs",
    "cp950": "big5hkscs",
    "ms950": "big5hkscs",
    "unicode": "utf-16",
    "utf8": "utf-8",
}

# Single-byte Western labels: a strict decode never fails with them, so on a
# Chinese reader they are the weakest evidence and come after UTF-8 and GB18030.
_WEAK = {"ascii", "latin-1", "iso8859-1", "cp1252", "us-ascii"}

_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]{1,40})""")
_HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.I)


class Decoded(NamedTuple):
    """Decoded text and the codec (Python name) that produced it."""

    text: str
    encoding: str
    reason: str
    """Which rule decided: bom, header, declared, utf-8, gb18030, big5, detector."""
    replaced: int = 0
    """How many undecodable byte sequences were shown as U+FFFD (0: a clean decode)."""


def codec_name(label: str) -> str | None:
    """The Python codec for a charset label, with the portal aliases; None if unknown."""
    key = label.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name
    except (LookupError, ValueError):
        return None
    if name in ("gb2312", "gbk"):
        return "gb18030"
    if name == "big5":
        return "big5hkscs"
    return name


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET_RE.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta tag or XML declaration)."""
    head = data[:_PRESCAN_BYTES]
    match = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if not match:
        return None
    return match.group(1).decode("ascii", "replace")


# The most frequent characters of Chinese prose, simplified and traditional forms.
_COMMON = frozenset(
    "的一是不了人我在有他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心本前开但因只从想实日者意无力与长把机十民第公此已工使情明性知全三又关点正"
    "业外将两高间由问很最重并物手应向头文体政美相见被利什二等产或新己制身果加月话合回特代"
    "内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系"
    "气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山"
    "金指许统区保至队形社便空决治展马科司五基书非则听白界达光放强即像难且权思王完设式色路"
    "记南品住告类求据程北边死张该交规万取格望觉术领共确传师观清今切院让识候带导争运改收根"
    "造言联持组每济车亲极服快办议往元证近失转令准布始存未远单影具爱击流备连调深商算质团集"
    "百需价花党华城级整府离况请技际约示复病息究线官断精满支视消越器容照须九增研写称企八功"
    "包片史委查易早曾除农找装广显历首医局专费号另周较注语仅考落随选列红响虽推势参构房半节"
    "土投案维划致律足态护兴派验责营星够章音跟志底站严例防族供效续施留讲型料终答紧黄绝察母"
    "京段依批群项故按河围江织害双境客纪采举父苏密低朝友诉止细愿千值仍男钱网热助育属坐限职"
    "速刻乐否状率普创假久错承印晚试股益阳若继送急血药适初喜卫源食险待述陆习置居劳财环排福"
    "這個們來為國對發會說時後還過點從現當動開實與長機學經種問將應無裡見電麼體頭語東業關總"
    "議認報條邊處變黨區員門並歲萬傳產務聯準際團導臺灣華區縣鎮鄉場資於們"
)


_CJK_RE = re.compile("[\u4e00-\u9fff\u3040-\u30ff]")
_SAMPLE_CJK = 20_000
"""Enough characters to tell prose from mojibake; more only costs time on big pages."""


def _common_share(text: str) -> float:
    """The share of CJK characters in text that are among the most common ones."""
    cjk: list[str] = []
    for match in _CJK_RE.finditer(text):
        cjk.append(match.group())
        if len(cjk) >= _SAMPLE_CJK:
            break
    if not cjk:
        return 0.0
    return sum(ch in _COMMON for ch in cjk) / len(cjk)


def _gb_or_big5(data: bytes, reason: str | None = None) -> Decoded | None:
    """Strict GB18030, unless the same bytes read better as Big5; or Big5 alone.

    `reason` is the declaration that asked for one of the two (else the codec's own
    name is the reason): a declaration picks the family, the characters pick the codec.
    """
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5hkscs")
    if gb is not None and big5 is not None and _common_share(big5) > _common_share(gb):
        return Decoded(_clean(big5), "big5hkscs", reason or "big5")
    if gb is not None:
        return Decoded(_clean(gb), "gb18030", reason or "gb18030")
    if big5 is not None:
        return Decoded(_clean(big5), "big5hkscs", reason or "big5")
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf8_wins(data: bytes) -> str | None:
    """The text if the bytes are valid UTF-8 and not plain ASCII."""
    if data.isascii():
        return None
    return _strict(data, "utf-8")


def _clean(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def _reading(data: bytes, encoding: str) -> tuple[str, int]:
    """The text with U+FFFD for each undecodable sequence, and how many there were."""
    text = data.decode(encoding, "replace")
    if "\ufffd" not in text:
        return text, 0
    return text, len(text) - len(data.decode(encoding, "ignore"))


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a stray byte or a cut last character: still UTF-8, whatever the label.

    GBK or Big5 prose read as UTF-8 fails on nearly every character, so a reading in
    which errors are rarer than one per fifty non-ASCII characters is UTF-8.
    """
    text, errors = _reading(data, "utf-8")
    if errors == 0:
        return None  # valid UTF-8 is _utf8_wins's case
    sample = text[:_SAMPLE_BYTES]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    sample_errors = sample.count("\ufffd")
    if non_ascii - sample_errors < 50 * max(sample_errors, 1):
        return None
    return Decoded(_clean(text), "utf-8", "utf-8", errors)


_SAMPLE_BYTES = 1_000_000
_ASCII_BYTES = bytes(range(0x80))


def _label_name(label: str | None) -> str | None:
    """The codec for a declared label if it is known and strong enough to try."""
    if not label:
        return None
    name = codec_name(label)
    if name is None or name in _WEAK or name.startswith(("utf-16", "utf-32")):
        # A page cannot declare UTF-16/32 in its own ASCII-compatible bytes; only a BOM can.
        return None
    return name


def _try_label(data: bytes, name: str, reason: str) -> Decoded | None:
    """A strict decode by a declared codec, verified against UTF-8 and (GB/Big5)
    against the other family member."""
    if name not in ("utf-8", "utf-8-sig"):
        text = _utf8_wins(data)
        if text is not None:
            return Decoded(_clean(text), "utf-8", "utf-8")
        nearly = _nearly_utf8(data)
        if nearly is not None:
            return nearly
    if name in ("gb18030", "big5hkscs"):
        return _gb_or_big5(data, reason)
    text = _strict(data, name)
    if text is None:
        return None
    return Decoded(_clean(text), name, reason)


_FALLBACKS = ("utf-8", "gb18030", "big5hkscs")
_FALLBACK_REASONS = {"utf-8": "utf-8", "gb18030": "gb18030", "big5hkscs": "big5"}


def _tolerant(data: bytes, declared: list[tuple[str, str]]) -> Decoded | None:
    """A browser's reading when nothing decodes strictly: the candidate with the fewest
    undecodable sequences (near-ties go to the one with more common characters,
    exact ties to the declaration), provided it reads all but one byte in a hundred."""
    reasons = dict(declared[::-1])  # the first declaration of a codec names it
    names = list(dict.fromkeys([name for name, _ in declared] + list(_FALLBACKS)))
    readings = []
    for name in names:
        try:
            text, errors = _reading(data, name)
        except LookupError:  # pragma: no cover - names come from codecs.lookup
            continue
        readings.append((name, text, errors))
    if not readings:
        return None
    best = min(errors for _, _, errors in readings)
    close = [r for r in readings if r[2] <= best + max(2, best // 10)]
    name, text, errors = max(close, key=lambda r: _common_share(r[1]))
    if errors * 100 > len(data):
        return None
    reason = reasons.get(name) or _FALLBACK_REASONS.get(name, name)
    return Decoded(_clean(text), name, reason, errors)


def _bulk(data: bytes) -> Decoded | None:
    """The fallback reading with the fewest errors if it reads most non-ASCII bytes."""
    readings = [(name, *_reading(data, name)) for name in _FALLBACKS]
    name, text, errors = min(readings, key=lambda r: r[2])
    non_ascii = len(data) - len(data.translate(None, _ASCII_BYTES))
    if errors * 4 > max(non_ascii, 1):
        return None
    return Decoded(_clean(text), name, _FALLBACK_REASONS[name], errors)


def _detect(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess, imported lazily because it is slow to load."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data).best()
    except (ValueError, LookupError, RuntimeError):  # pragma: no cover - defensive
        return None
    if best is None:
        return None
    name = codec_name(str(best.encoding)) or str(best.encoding)
    return Decoded(_clean(str(best)), name, "detector")


def decode_detailed(data: bytes, content_type: str | None = None) -> Decoded:
    """Decode page bytes, saying which encoding and which rule were used.

    Raises DecodeError when no rule gives text (in practice: binary data).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            text, errors = _reading(data[len(bom) :], name)
            return Decoded(text, name, "bom", errors)
    declared: list[tuple[str, str]] = []
    for label, reason in (
        (header_charset(content_type), "header"),
        (declared_charset(data), "declared"),
    ):
        known = _label_name(label)
        if known is not None:
            declared.append((known, reason))
    for known, reason in declared:
        found = _try_label(data, known, reason)
        if found is not None:
            return found
    strict = _strict(data, "utf-8")
    if strict is not None:
        return Decoded(_clean(strict), "utf-8", "utf-8")
    found = _gb_or_big5(data) or _tolerant(data, declared) or _detect(data) or _bulk(data)
    if found is not None:
        return found
    raise DecodeError(
        "无法识别文件的文字编码，它可能不是网页或文本文件。",
    )


def replacement_note(decoded: Decoded) -> Message | None:
    """What to tell the reader when some bytes could not be decoded, else None."""
    if not decoded.replaced:
        return None
    return Message(
        "这个网页有 {count} 处文字无法识别（文件可能不完整或有损坏），"
        "已显示为“\ufffd”，其余内容照常显示。",
        count=decoded.replaced,
    )


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode page bytes to text (see the module docstring for the order of rules)."""
    return decode_detailed(data, content_type).text
