"""Speech normalisation: what a sentence sounds like, with a map back to what is shown.

The voice (espeak-ng's cmn) reads Chinese characters well but not what portal
articles are full of: it says "2024-10-18" as three bare numbers, ％ and / in
English, full-width digits not at all, and 12345热线 as a quantity (十二千三百四十五).
normalize() rewrites a
displayed sentence into the words a newsreader would say: dates and years
(二〇二四年十月十八日), amounts (五十七点七亿元, 两万人), percentages (百分之十二点五),
ranges (一至九月), ratios (一点一比五十点三), times (九点三十分), phone numbers,
post codes and registration numbers digit by digit with 幺 for 1, units after a
number (十千米), capital abbreviations letter by letter (G D P), a few symbols
(+ = ≥ /…) and the table cell separator (tab → ，).

Rules are written here rather than taken from a text-normalisation package: the
well-kept WeTextProcessing was measured at 0.4 s to load and 143 ms per paragraph
and rewrites full-width punctuation, which is far too slow for the per-sentence
path on the GUI thread and loses the mapping to the displayed text. These rules
are one precompiled regex pass plus a little Python per number.

Every spoken character keeps the index of the displayed character it came from
(Spoken.offsets), so the narrator can highlight what is being said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Spoken:
    """The text to speak and, per spoken character, where it came from in the display.

    `offsets[i]` is the code-point index in the displayed string of the character
    spoken character i was read from; there is one more entry than characters,
    equal to len(displayed), so a spoken range [a, b) maps to the displayed range
    [offsets[a], offsets[b]). The offsets never decrease. When one displayed token
    is read as several characters (57.7 → 五十七点七), its spoken characters are
    spread evenly over the token, so a part of the reading maps to about the part
    of the token it reads.
    """

    text: str
    offsets: tuple[int, ...]

    def display_range(self, start: int, end: int) -> tuple[int, int]:
        """The displayed range [a, b) of spoken range [start, end), never empty if that is not.

        A spoken range inside one token can map to an empty displayed range (several
        spoken characters from one digit); it is widened to that displayed character.
        """
        a, b = self.offsets[start], self.offsets[end]
        if b <= a and end > start:
            b = min(a + 1, self.offsets[-1])
        return a, b


_DIGITS = "零一二三四五六七八九"
_YEAR_DIGITS = "〇一二三四五六七八九"
_CODE_DIGITS = "零幺二三四五六七八九"
_GROUP_UNITS = ("", "万", "亿", "万亿")
_SECTION_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))

# Full-width digits, letters and the symbols numbers use, folded to ASCII one for
# one so that indices in the folded text are indices in the displayed text.
_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "．": ".",
        "－": "-",
        "：": ":",
        "／": "/",
        "～": "~",
        "＋": "+",
        "＝": "=",
        "＜": "<",
        "＞": ">",
        "＆": "&",
        "＠": "@",
        "＃": "#",
        "＊": "*",
        "﹪": "%",
        "\u2212": "-",
    }
)

_UNITS = {
    "km²": "平方千米",
    "km2": "平方千米",
    "m²": "平方米",
    "m2": "平方米",
    "㎡": "平方米",
    "m³": "立方米",
    "m3": "立方米",
    "km/h": "千米每小时",
    "km": "千米",
    "cm": "厘米",
    "mm": "毫米",
    "m": "米",
    "kg": "千克",
    "mg": "毫克",
    "g": "克",
    "t": "吨",
    "kWh": "千瓦时",
    "kW·h": "千瓦时",
    "kW": "千瓦",
    "MW": "兆瓦",
    "GW": "吉瓦",
    "kV": "千伏",
    "V": "伏",
    "W": "瓦",
    "Hz": "赫兹",
    "ml": "毫升",
    "mL": "毫升",
    "L": "升",
    "h": "小时",
    "min": "分钟",
    "s": "秒",
    "℃": "摄氏度",
    "°C": "摄氏度",
    "°": "度",
    "㎞": "千米",
    "㎢": "平方千米",
    "㎥": "立方米",
    "㎏": "千克",
    "㎎": "毫克",
    "㎜": "毫米",
    "㎝": "厘米",
    "㎖": "毫升",
}
_UNIT_PATTERN = "|".join(re.escape(unit) for unit in sorted(_UNITS, key=len, reverse=True))

_NUMBER = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?[%‰]?"
_SEPARATOR = r"(?:——|~-|[-—–~:/])"
_UNIT_SYMBOLS = r"km²|km2|m²|m³|㎡|㎞|㎢|㎥|㎏|㎎|㎜|㎝|㎖"
"""Units that mean a unit even without a number before them: （㎡）, 单位：km²."""
_ROAD_CONTEXT = r"[\u4e00-\u9fff]{0,6}?(?:高速|国道|省道|县道|公路|快速路|绕城|线)"
_TOKEN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+
        |[A-Za-z0-9._%+\-]{{1,64}}@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{{2,}})
    |(?P<index>(?<![A-Za-z0-9/])[0-9A-Z]{{5,24}}/(?:19|20)[0-9]{{2}}-[0-9]{{3,6}}(?![0-9]))
    |(?P<date>(?<![0-9.])[0-9]{{4}}(?P<datesep>[-/.])[0-9]{{1,2}}(?P=datesep)[0-9]{{1,2}}(?![0-9]))
    |(?P<no>No\.\ ?)(?=[0-9])
    |(?P<code>(?<![A-Za-z0-9])(?=[A-Z]*[0-9])(?=[0-9]*[A-Z])[A-Z0-9]{{6,}}(?![A-Za-z0-9]))
    |(?P<road>(?<![A-Za-z0-9])(?:[GSXYZ][0-9]{{3}}(?![0-9A-Za-z.])
        |[GS][0-9]{{1,4}}(?![0-9A-Za-z.])(?={_ROAD_CONTEXT})))
    |(?P<mask>(?<![A-Za-z0-9])(?:KN|KF|FFP|N)[0-9]{{1,3}}(?![0-9.]))
    |(?P<docyear>(?<=[〔［\[【（(])[0-9]{{4}}(?=[〕］\]】）)]))
    |(?P<rangejoin>(?<=[0-9][年月日号时点分秒天周])(?:——|[-—–~])(?=[0-9]))
    |(?P<minus>(?<![0-9A-Za-z.)）])-)(?=[0-9])
    |(?P<num>{_NUMBER}(?:{_SEPARATOR}{_NUMBER})*)
        (?:\ ?(?P<mult>[万亿])?\ ?(?P<unit>{_UNIT_PATTERN})(?![A-Za-z]))?
    |(?P<unitsym>(?<![A-Za-z])(?:{_UNIT_SYMBOLS})(?![A-Za-z0-9]))
    |(?P<latin>[A-Za-z]+)
    |(?P<symbol>[\t\n\r%‰~+&@#*/=<>≤≥×÷±℃])
    """,
    re.VERBOSE,
)
_PART = re.compile(_NUMBER)
_URL_PIECE = re.compile(r"[A-Za-z]+|[0-9]+|.", re.DOTALL)
_DATE_SEPARATOR = re.compile(r"[-/.]")
_RANGE_SEPARATOR = re.compile(r"——|~-|[-—–~]")

_SYMBOLS = {
    "\t": "，",
    "\n": "，",
    "\r": "，",
    "%": "百分号",
    "‰": "千分号",
    "~": "",
    "+": "加",
    "&": "和",
    "@": "艾特",
    "#": "",
    "*": "",
    "=": "等于",
    "<": "小于",
    ">": "大于",
    "≤": "小于等于",
    "≥": "大于等于",
    "×": "乘",
    "÷": "除以",
    "±": "正负",
    "℃": "摄氏度",
}
_URL_SYMBOLS = {".": "点", "/": "斜杠", ":": "冒号", "@": "艾特", "-": "杠", "_": "下划线"}
_SPELLED_URL_WORDS = frozenset({"http", "https", "www", "ftp"})

_CODE_BEFORE = (
    "邮编",
    "邮政编码",
    "电话",
    "热线",
    "拨打",
    "致电",
    "传真",
    "手机",
    "号码",
    "编号",
    "代码",
    "备案号",
    "ICP备",
    "ICP证",
    "证号",
    "QQ",
    "工号",
    "账号",
    "帐号",
    "身份证",
    "信用代码",
    "识别码",
    "标识码",
    "短信",
)
_SERVICE_NUMBERS = frozenset(
    f"123{suffix:02d}"
    for suffix in (
        *(1, 5, 6, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 27, 28),
        *(29, 30, 31, 33, 36, 38, 39, 45, 48, 49, 50, 51, 55, 56, 58, 59, 60, 61, 65, 66),
        *(68, 69, 70, 71, 80, 81, 85, 86, 88, 90, 93, 95, 98),
    )
)
_SERVICE_NUMBERS |= frozenset({"12110", "12119", "12122", "12121", "96110"})
"""Public service numbers (the 123xx plan, 12122 highway rescue, 96110 anti-fraud):
always read digit by digit, like 12345."""
_SHORT_SERVICE_NUMBERS = frozenset({"110", "112", "114", "119", "120", "121", "122", "999"})
"""Emergency and directory numbers: digit by digit (幺幺九) when the context says so."""
_SERVICE_CONTEXT = re.compile(
    "火警|急救|报警|匪警|交警|交通|拨打|电话|热线|求助|呼叫|致电|救护|专线|短号|号码|举报|投诉|咨询"
    "|指挥|查号"
)
_YEARS_AGO = re.compile("年(?:前|后|以前|之前|以后|之后|以来|来|间|历史|左右)")
_QUANTITY_BEFORE = ("距今", "约", "近", "逾", "超", "超过", "上下", "长达", "历经", "经过")
_CODE_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}热线")
_YEAR_AFTER = ("年", "学年", "财年")
_SERIAL_AFTER = frozenset("号號")
"""After a long number these make it a serial number: a case or document is read by its
digits, not as an amount."""
_MEASURES = frozenset(
    "个位名人家项次件条种台辆所座栋批只天周倍份本套户类场届年万亿千级层代轮期起宗例"
)
_AMOUNT_AFTER = _MEASURES | frozenset("元角米吨亩斤克升度余多平立公百")
"""After a number these make it an amount, never a year used as a name."""
_ZERO_PADDED_UNITS = frozenset("月日号时点分秒")
_PER_UNIT = re.compile(
    r"(?:平方|立方)?(?:千米|公里|米|吨|千克|公斤|斤|亩|人|次|户|天|日|月|年|周|小时|时|分钟|秒"
    r"|辆|件|个|台|套|股|张|元|升|[kK]g|km|h|m|t|L)"
)


def _section(value: int) -> str:
    """A number below 10 000 in words, zeros inside it read once (1005 → 一千零五)."""
    out: list[str] = []
    zero = False
    for unit_value, unit in _SECTION_UNITS:
        digit = value // unit_value % 10
        if digit == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


def cardinal(digits: str) -> str:
    """An integer written in ASCII digits, in words (10 → 十, 10005 → 一万零五).

    Numbers of more than 16 digits are read digit by digit.
    """
    value = int(digits)
    if value == 0:
        return "零"
    if len(digits.lstrip("0")) > 16:
        return digit_by_digit(digits, _DIGITS)
    groups: list[int] = []
    while value:
        groups.append(value % 10000)
        value //= 10000
    out: list[str] = []
    pending_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or group < 1000):
            out.append("零")
        out.append(_section(group) + _GROUP_UNITS[index])
        pending_zero = False
    words = "".join(out)
    return words[1:] if words.startswith("一十") else words


def digit_by_digit(digits: str, table: str = _CODE_DIGITS) -> str:
    """Each ASCII digit as a word from `table` (幺 for 1 in codes, 〇 for 0 in years)."""
    return "".join(table[ord(char) - 48] for char in digits if "0" <= char <= "9")


_TRADITIONAL_WORDS = str.maketrans("点两万亿负杠划线号时钟吨摄于", "點兩萬億負槓劃線號時鐘噸攝於")
"""The characters of the words this module says (五十七点七, 两万, 九点三十分, 摄氏度,
小于, 斜杠…) that Traditional text writes otherwise; the rest are shared. Mapped by hand
because the words are few and fixed, and character-wise OpenCC would map 钟 to 鍾."""


class _Builder:
    """Collects spoken pieces with their displayed spans, in display order."""

    __slots__ = ("offsets", "parts", "words")

    def __init__(self, traditional: bool) -> None:
        self.parts: list[str] = []
        self.offsets: list[int] = []
        self.words = _TRADITIONAL_WORDS if traditional else None

    def copy(self, display: str, start: int, end: int) -> None:
        self.parts.append(display[start:end])
        self.offsets.extend(range(start, end))

    def say(self, spoken: str, start: int, end: int) -> None:
        """`spoken` read from display[start:end], its characters spread over that span."""
        count = len(spoken)
        if not count:
            return
        if self.words is not None:
            spoken = spoken.translate(self.words)
        self.parts.append(spoken)
        width = end - start
        self.offsets.extend(start + (i * width) // count for i in range(count))

    def digits(self, folded: str, start: int, end: int, table: str) -> None:
        """Each digit of folded[start:end] read on its own, mapped to itself."""
        for index in range(start, end):
            char = folded[index]
            if "0" <= char <= "9":
                self.say(table[ord(char) - 48], index, index + 1)


def normalize(display: str, *, traditional: bool = False) -> Spoken:
    """The spoken form of a displayed sentence, with the offset map back to it.

    With `traditional`, the words said for numbers, times and signs are written in
    Traditional characters (九點三十分), as the sentence around them is: a zh-TW or
    zh-HK voice reads its own script best, and a printed script is not mixed.
    """
    folded = display.translate(_FOLD)
    out = _Builder(traditional)
    position = 0
    for match in _TOKEN.finditer(folded):
        start, end = match.span()
        if start > position:
            out.copy(display, position, start)
        kind = match.lastgroup
        if kind in ("num", "unit"):
            _number_cluster(out, folded, match)
        elif kind in ("date", "datesep"):
            _date(out, folded, start, end)
        elif kind == "latin":
            _latin(out, folded, start, end)
        elif kind == "symbol":
            _symbol(out, folded, start)
        elif kind == "url":
            _url(out, folded, start, end)
        elif kind == "no":
            out.say("第", start, end)
        elif kind == "index":
            _index_number(out, folded, start, end)
        elif kind in ("code", "road"):
            _characters(out, folded, start, end, _CODE_DIGITS)
        elif kind == "mask":
            _characters(out, folded, start, end, _DIGITS)
        elif kind == "docyear":
            out.digits(folded, start, end, _YEAR_DIGITS)
        elif kind == "rangejoin":
            out.say("至", start, end)
        elif kind == "unitsym":
            out.say(_UNITS[folded[start:end]], start, end)
        elif _is_minus(folded, start):
            out.say("负", start, end)
        else:  # a hyphen that is no sign (标题-12): as before, left to the voice
            out.copy(display, start, end)
        position = end
    if position < len(display):
        out.copy(display, position, len(display))
    out.offsets.append(len(display))
    return Spoken("".join(out.parts), tuple(out.offsets))


def _date(out: _Builder, folded: str, start: int, end: int) -> None:
    _year, month, day = _DATE_SEPARATOR.split(folded[start:end])
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        _number_parts(out, folded, start, end)
        return
    out.digits(folded, start, start + 4, _YEAR_DIGITS)
    out.say("年", start + 4, start + 5)
    month_end = start + 5 + len(month)
    out.say(cardinal(month) + "月", start + 5, month_end + 1)
    out.say(cardinal(day) + "日", month_end + 1, end)


def _number_parts(out: _Builder, folded: str, start: int, end: int) -> None:
    """Fallback: every number in folded[start:end] read as a quantity, the rest as is."""
    position = start
    for match in _PART.finditer(folded, start, end):
        if match.start() > position:
            out.copy(folded, position, match.start())
        _quantity(out, folded, match.start(), match.end())
        position = match.end()
    if position < end:
        out.copy(folded, position, end)


def _number_cluster(out: _Builder, folded: str, match: re.Match[str]) -> None:
    """Numbers joined by - — ~ : / : a range, time, ratio, fraction, phone number or one number."""
    start, end = match.span("num")
    text = folded[start:end]
    unit = match.group("unit")
    parts = [(m.start() + start, m.end() + start) for m in _PART.finditer(text)]
    separators = [folded[a_end:b_start] for (_, a_end), (b_start, _) in pairwise(parts)]
    if len(parts) == 1:
        _single(out, folded, start, end, unit is not None)
    elif _is_phone(separators, [folded[a:b] for a, b in parts]):
        _phone(out, folded, start, end)
    else:
        groups = _range_groups(parts, separators)
        years = (
            len(groups) > 1
            and _followed_by_year(folded, end)
            and all(
                len(group) == 1 and _looks_like_year(folded[group[0][0] : group[0][1]])
                for group in groups
            )
        )
        percent = folded[parts[-1][1] - 1] in "%‰"
        for index, group in enumerate(groups):
            group_start, group_end = group[0][0], group[-1][1]
            if index:
                joint = folded[groups[index - 1][-1][1] : group_start]
                out.say("至负" if joint == "~-" else "至", groups[index - 1][-1][1], group_start)
            if years:
                out.digits(folded, group_start, group_end, _YEAR_DIGITS)
            elif len(group) == 1:
                last = index == len(groups) - 1
                measure = last and (unit is not None or _measure_follows(folded, end))
                if percent and not last and folded[group_end - 1] not in "%‰":
                    _percent(out, folded, group_start, group_end, folded[parts[-1][1] - 1])
                else:
                    _single(out, folded, group_start, group_end, measure, in_range=True)
            else:
                _colon_or_slash(out, folded, group, group_start, group_end)
    if unit is not None:
        unit_start = match.start("unit")
        if match.group("mult"):
            out.say(match.group("mult"), end, unit_start)
            end = match.end("mult")
        out.say(_UNITS[unit], end, match.end("unit"))


def _range_groups(
    parts: list[tuple[int, int]], separators: list[str]
) -> list[list[tuple[int, int]]]:
    """Parts grouped between range separators: 10:30-11:30 → [[10, 30], [11, 30]]."""
    groups: list[list[tuple[int, int]]] = [[parts[0]]]
    for part, separator in zip(parts[1:], separators, strict=True):
        if _RANGE_SEPARATOR.fullmatch(separator):
            groups.append([part])
        else:
            groups[-1].append(part)
    return groups


def _is_phone(separators: list[str], numbers: list[str]) -> bool:
    """0519-86310000, 400-820-8820: hyphenated integers that are not a range."""
    if any(separator != "-" for separator in separators):
        return False
    if not all(number.isdigit() for number in numbers):
        return False
    first = numbers[0]
    return (
        (first.startswith("0") and len(first) >= 3)
        or len(numbers) >= 3
        or max(len(number) for number in numbers) >= 7
    )


def _phone(out: _Builder, folded: str, start: int, end: int) -> None:
    for index in range(start, end):
        char = folded[index]
        if char == "-":
            out.say(" ", index, index + 1)
        else:
            out.say(_CODE_DIGITS[ord(char) - 48], index, index + 1)


def _colon_or_slash(
    out: _Builder, folded: str, group: list[tuple[int, int]], start: int, end: int
) -> None:
    """A group of numbers joined by : or /: a time, a ratio or a fraction."""
    numbers = [folded[a:b] for a, b in group]
    separators = {folded[a_end] for (_, a_end) in group[:-1]}
    if separators == {":"} and _is_time(numbers):
        words = [cardinal(numbers[0]) + "点"]
        minutes = int(numbers[1])
        if minutes or len(numbers) > 2:
            words.append(("零" if minutes < 10 else "") + cardinal(numbers[1]) + "分")
        if len(numbers) > 2:
            words.append(cardinal(numbers[2]) + "秒")
        for index, word in enumerate(words):
            word_end = group[index + 1][0] if index + 1 < len(words) else end
            out.say(word, group[index][0], word_end)
        return
    if (
        separators == {"/"}
        and len(numbers) == 2
        and all(n.isdigit() and len(n) <= 3 for n in numbers)
        and int(numbers[1])
    ):
        out.say(cardinal(numbers[1]) + "分之" + cardinal(numbers[0]), start, end)
        return
    if separators == {":"}:
        for index, (a, b) in enumerate(group):
            if index:
                out.say("比", group[index - 1][1], a)
            _quantity(out, folded, a, b)
        return
    _number_parts(out, folded, start, end)


def _is_time(numbers: list[str]) -> bool:
    if len(numbers) > 3 or not all(number.isdigit() for number in numbers):
        return False
    hours, *rest = numbers
    return (
        len(hours) <= 2
        and int(hours) <= 24
        and all(len(number) == 2 and int(number) < 60 for number in rest)
    )


def _looks_like_year(number: str) -> bool:
    return len(number) == 4 and number.isdigit() and "1500" <= number <= "2199"


def _reads_as_year(folded: str, number: str, end: int, amount: bool) -> bool:
    """2024年, and 2024海峡两岸…大赛 (a recent year before a name), but not 2024元 or 2024家,
    nor 1500年前 (fifteen hundred years ago) or 距今2000年."""
    if not _looks_like_year(number):
        return False
    if _followed_by_year(folded, end):
        start = end - len(number)
        if folded[max(0, start - 4) : start].endswith(_QUANTITY_BEFORE):
            return False
        if number < "1900" and _YEARS_AGO.match(folded, end):
            return False
        return not amount
    following = folded[end : end + 1]
    return (
        not amount
        and "1900" <= number <= "2099"
        and "\u4e00" <= following <= "\u9fff"
        and following not in _AMOUNT_AFTER
    )


def _followed_by_year(folded: str, end: int) -> bool:
    return folded.startswith(_YEAR_AFTER, end)


def _measure_follows(folded: str, end: int) -> bool:
    return end < len(folded) and folded[end] in _MEASURES


def _is_code(folded: str, start: int, end: int) -> bool:
    """A number read digit by digit: after 邮编/电话/ICP备…, before 热线, 11+ digits, a
    serial number of 5+ digits before 号 (司執字第70394號), or a service number (12345;
    110, 119, 120… next to 火警/急救/拨打…)."""
    before = folded[max(0, start - 8) : start].rstrip(" :#")
    number = folded[start:end]
    if number in _SERVICE_NUMBERS or (
        number in _SHORT_SERVICE_NUMBERS
        and (
            _SERVICE_CONTEXT.search(folded, max(0, start - 6), start)
            or _SERVICE_CONTEXT.match(folded, end)
        )
    ):
        return not _measure_follows(folded, end) and folded[end : end + 1] not in _AMOUNT_AFTER
    return (
        before.endswith(_CODE_BEFORE)
        or _CODE_AFTER.match(folded, end) is not None
        or end - start >= 11
        or (end - start >= 5 and folded[end : end + 1] in _SERIAL_AFTER)
    )


def _single(
    out: _Builder, folded: str, start: int, end: int, measure: bool, in_range: bool = False
) -> None:
    """One number with its context: a year, a code, a percentage or a quantity."""
    number = folded[start:end]
    if number[-1] in "%‰":
        _percent(out, folded, start, end, number[-1])
        return
    if number.isdigit():
        if _reads_as_year(folded, number, end, in_range or measure):
            out.digits(folded, start, end, _YEAR_DIGITS)
            return
        if _is_code(folded, start, end):
            out.digits(folded, start, end, _CODE_DIGITS)
            return
        if len(number) > 1 and number.startswith("0"):
            if end < len(folded) and folded[end] in _ZERO_PADDED_UNITS:
                out.say(cardinal(number), start, end)
            else:
                out.digits(folded, start, end, _CODE_DIGITS)
            return
        if _is_height_centimetres(folded, start, end):
            out.digits(folded, start, end, _DIGITS)  # 1米80 → 一米八零, as heights are said
            return
        measure = measure or _measure_follows(folded, end)
        if measure and number == "2" and not folded.endswith("第", 0, start):
            out.say("两", start, end)
            return
    _quantity(out, folded, start, end, two_as_liang=True)


_LENGTH_AFTER = _MEASURES | _AMOUNT_AFTER | frozenset("厘分毫")
"""After "1米20" these make 20 an amount of its own ("1米20厘米")."""


def _is_height_centimetres(folded: str, start: int, end: int) -> bool:
    """The centimetres of a height written "1米80" (one digit, 米, two digits, no unit after):
    said digit by digit, not as eighty."""
    return (
        end - start == 2
        and start >= 2
        and folded[start - 1] == "米"
        and folded[start - 2] in "123"
        and (start < 3 or not folded[start - 3].isdigit())
        and not (end < len(folded) and (folded[end].isdigit() or folded[end] in _LENGTH_AFTER))
    )


def _quantity(out: _Builder, folded: str, start: int, end: int, two_as_liang: bool = False) -> None:
    """A number as an amount: 57.7 → 五十七点七, 1,234 → 一千二百三十四, 2000 → 两千."""
    number = folded[start:end].rstrip("%‰")
    integer, _, fraction = number.partition(".")
    words = cardinal(integer.replace(",", ""))
    if two_as_liang and words.startswith(("二千", "二万", "二亿")):
        words = "两" + words[1:]
    integer_end = start + len(integer)
    out.say(words, start, integer_end)
    if fraction:
        out.say("点", integer_end, integer_end + 1)
        out.digits(folded, integer_end + 1, integer_end + 1 + len(fraction), _DIGITS)


def _percent(out: _Builder, folded: str, start: int, end: int, sign: str) -> None:
    """12.5% → 百分之十二点五; the whole reading is spread over the number and the sign."""
    inner = _Builder(traditional=False)  # out.say translates the whole reading
    number_end = end - 1 if folded[end - 1] == sign else end
    _quantity(inner, folded, start, number_end)
    out.say(("百分之" if sign == "%" else "千分之") + "".join(inner.parts), start, end)


_MINUS_AFTER = re.compile(r"[-+][0-9]+(?:\.[0-9]+)?\ ?(?:℃|°|%|‰|~|至|到)")
_SIGN_CONTEXT = frozenset(" \t（(，,：:、;；=~至到为是达约温度值率长降低减幅差比零下")


def _is_minus(folded: str, start: int) -> bool:
    """A hyphen before a number is a minus sign at the start, after 为/至/：/气温…, or
    when a temperature, percentage or range follows (-3℃, -2.5%, -3~5)."""
    if _MINUS_AFTER.match(folded, start):
        return True
    before = folded[:start].rstrip(" ")
    return not before or before[-1] in _SIGN_CONTEXT


def _index_number(out: _Builder, folded: str, start: int, end: int) -> None:
    """A 政务公开 index number (索引号 "002482082/2024-00332": the office's code, the year,
    the serial) sign by sign, its slash and hyphen said, never as amounts and a range."""
    slash = folded.index("/", start, end)
    hyphen = folded.index("-", slash, end)
    _characters(out, folded, start, slash, _CODE_DIGITS)
    out.say("斜杠", slash, slash + 1)
    out.digits(folded, slash + 1, hyphen, _YEAR_DIGITS)
    out.say("杠", hyphen, hyphen + 1)
    out.digits(folded, hyphen + 1, end, _CODE_DIGITS)


def _characters(out: _Builder, folded: str, start: int, end: int, table: str) -> None:
    """A code (G312, N95, 9132…0L) read sign by sign: letters as letters, digits from `table`."""
    for index in range(start, end):
        char = folded[index]
        if "0" <= char <= "9":
            out.say(table[ord(char) - 48], index, index + 1)
        else:
            spaced = " " if index + 1 < end and not "0" <= folded[index + 1] <= "9" else ""
            out.say(char + spaced, index, index + 1)


def _latin(out: _Builder, folded: str, start: int, end: int) -> None:
    """Capital abbreviations (GDP, ICP) letter by letter; words and single letters as they are."""
    word = folded[start:end]
    if 2 <= len(word) <= 6 and word.isupper():
        for index in range(start, end):
            out.say(folded[index] + (" " if index + 1 < end else ""), index, index + 1)
    else:
        out.say(word, start, end)


def _symbol(out: _Builder, folded: str, start: int) -> None:
    char = folded[start]
    sign = char == "+" and folded[start + 1 : start + 2].isdigit()
    if sign and not folded.startswith("+86", start) and _is_minus(folded, start):
        out.say("正", start, start + 1)  # +3℃ is a sign, as a minus would be
        return
    if char == "/":
        spoken = "每" if _PER_UNIT.match(folded, start + 1) else "、"
    else:
        spoken = _SYMBOLS[char]
    out.say(spoken, start, start + 1)


def _url(out: _Builder, folded: str, start: int, end: int) -> None:
    """An address read out: letters as words (www, http spelled), 点 斜杠 冒号 for the marks."""
    for match in _URL_PIECE.finditer(folded, start, end):
        a, b = match.span()
        piece = match.group()
        if piece.isdigit():
            out.digits(folded, a, b, _CODE_DIGITS)
        elif piece.isalpha():
            if piece.lower() in _SPELLED_URL_WORDS:
                out.say(" ".join(piece.upper()) + " ", a, b)
            else:
                out.say(piece + " ", a, b)
        else:
            out.say(_URL_SYMBOLS.get(piece, ""), a, b)
