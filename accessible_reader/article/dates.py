"""Dates as portals write them, normalised to ISO 8601.

Portals write the same instant as ``2019-09-18 06:23``, ``2019年06月15日08:18``,
``2007-08-20-23:59:59`` (gov.cn), ``2019/9/18`` or ``2019-09-18T06:23:00+08:00``.
The reader shows and speaks one form: ``YYYY-MM-DD``, with ``THH:MM[:SS]`` when the
page gives a real time. CMSs fill a missing time with midnight or 23:59:59, so those
placeholder times are dropped rather than read aloud as if they meant something.
"""

from __future__ import annotations

import datetime as _dt
import re

_YEAR_MIN = 1949
_YEAR_MAX = 2100

# One date, optionally followed by a time. Separators are the ones portals use;
# the date part needs a year of four digits so that counts like "1-10月" never match.
_DATE_RE = re.compile(
    # A digit may come before the year only as the end of a time a copy glued on
    # ("19:042023/08/25": 中時's time and date spans run together).
    r"(?:(?<![0-9])|(?<=[:：][0-9]{2}))"
    r"(?P<year>(?:19|20|21)[0-9]{2})\s*(?P<sep>[-/.年])\s*(?P<month>[0-9]{1,2})"
    r"\s*[-/.月]\s*(?P<day>[0-9]{1,2})(?![0-9])\s*日?"
    r"(?:\s*[-T]?\s*(?P<hour>[0-9]{1,2})\s*[:：时]\s*(?P<minute>[0-9]{2})"
    r"(?:(?![0-9])|(?=[0-9]{1,3}[\u3400-\u9fff]))"  # "08:3721世纪经济报道": a name glued on
    r"(?:\s*[:：分]\s*(?P<second>[0-9]{2})(?![0-9]))?)?"
)

_SPLIT_DATE_RE = re.compile(
    r"(?<![0-9])(?P<year>(?:19|20|21)[0-9]{2})\s*(?P<month>[0-9]{2}|(?<=\s)[0-9])\s*/\s*(?P<day>[0-9]{1,2})"
    r"(?![0-9])(?:\s+(?P<hour>[0-9]{1,2})\s*:\s*(?P<minute>[0-9]{2})(?![0-9])"
    r"(?:\s*:\s*(?P<second>[0-9]{2})(?![0-9]))?)?"
)
"""The year and the month/day in separate spans of a header ("2023 11/ 17 20:52:15"),
or run together when a copy joins the spans ("202303/24 15:15:51")."""

_COMPACT_RE = re.compile(r"^(?P<year>(?:19|20|21)[0-9]{2})(?P<month>[0-9]{2})(?P<day>[0-9]{2})$")

_PLACEHOLDER_TIMES = {(0, 0, 0), (23, 59, 59)}


def _build(
    year: int, month: int, day: int, hour: int | None, minute: int | None, second: int | None
) -> str | None:
    """The ISO string for the parts, or None when they are not a real date."""
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return None
    try:
        date = _dt.date(year, month, day)
    except ValueError:
        return None
    text = date.isoformat()
    if hour is None or minute is None:
        return text
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return text
    if (hour, minute, second or 0) in _PLACEHOLDER_TIMES:
        return text
    if second:
        return f"{text}T{hour:02d}:{minute:02d}:{second:02d}"
    return f"{text}T{hour:02d}:{minute:02d}"


def _from_match(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    hour = int(parts["hour"]) if parts["hour"] else None
    minute = int(parts["minute"]) if parts["minute"] else None
    second = int(parts["second"]) if parts["second"] else None
    return _build(int(parts["year"]), int(parts["month"]), int(parts["day"]), hour, minute, second)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTHS.update(
    (f"{name}月", number)
    for number, name in enumerate(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), start=1
    )
)
"""The month's Chinese name too, as the Chinese locale of blog software writes an English
date ("十一月 6th, 2009")."""
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
_EN_DATE_RE = re.compile(
    rf"(?<![a-z一二三四五六七八九十])(?:(?P<month1>{_MONTH})\s+(?P<day1>[0-9]{{1,2}})(?:st|nd|rd|th)?,?"
    rf"(?:\s+{_WEEKDAY})?\s+(?P<year1>(?:19|20)[0-9]{{2}})"
    rf"|(?P<day2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH}),?\s+(?P<year2>(?:19|20)[0-9]{{2}}))"
    r"(?![0-9])",
    re.I,
)
"""English dates: "Dec 28 Sat 2013", "December 28, 2013", "28 Dec 2013"."""


def _english_date(text: str) -> str | None:
    for match in _EN_DATE_RE.finditer(text):
        month = (match["month1"] or match["month2"]).lower().rstrip(".")
        day = match["day1"] or match["day2"]
        year = match["year1"] or match["year2"]
        value = _build(int(year), _MONTHS[month], int(day), None, None, None)
        if value:
            return value
    return None


_YEAR_LAST_RE = re.compile(
    r"(?<![0-9/.-])(?P<first>[0-9]{1,2})\s*/\s*(?P<second>[0-9]{1,2})\s*/\s*"
    r"(?P<year>(?:19|20)[0-9]{2})(?![0-9/])"
)
"""The year last ("10/26/2024"), as sites abroad write it: month first as in the
United States, unless the first number cannot be a month ("26/10/2024")."""


def _year_last_date(text: str) -> str | None:
    for match in _YEAR_LAST_RE.finditer(text):
        first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
        month, day = (second, first) if first > 12 else (first, second)
        value = _build(year, month, day, None, None, None)
        if value:
            return value
    return None


_MINGUO_RE = re.compile(
    r"(?:中華民國|中华民国|民國|民国)\s*(?P<year>[0-9]{2,3})\s*年\s*(?P<month>[0-9]{1,2})\s*月"
    r"\s*(?P<day>[0-9]{1,2})\s*日"
)
"""A date in the Republic of China's years, as Taiwanese offices write it ("中華民國107年
3月13日" is 2018-03-13); only with 民國 before it, so a bare "107年" is never taken."""
_MINGUO_OFFSET = 1911


def _minguo_date(text: str) -> str | None:
    for match in _MINGUO_RE.finditer(text):
        year = int(match["year"]) + _MINGUO_OFFSET
        value = _build(year, int(match["month"]), int(match["day"]), None, None, None)
        if value:
            return value
    return None


def find_date(text: str) -> str | None:
    """The first real date (with its time, if any) in free text, as ISO."""
    if "民" in text and (minguo := _minguo_date(text)):
        return minguo
    for match in _DATE_RE.finditer(text):
        value = _from_match(match)
        if value:
            return value
    for match in _SPLIT_DATE_RE.finditer(text):
        value = _from_match(match)
        if value:
            return value
    return _english_date(text) or _year_last_date(text) or _short_year_date(text)


_SHORT_YEAR_RE = re.compile(
    r"(?<![0-9:/.-])(?P<year>[0-9]{2})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})\s+"
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?![0-9:])"
)
"""A template's ``yy-MM-dd HH:mm`` ("10-01-06 15:01", Enorth's cur_date): three pairs
of digits and a time, which nothing but a date is written as."""


def _short_year_date(text: str) -> str | None:
    match = _SHORT_YEAR_RE.search(text)
    if match is None:
        return None
    short = int(match["year"])
    year = 2000 + short if short <= _dt.date.today().year % 100 else 1900 + short
    hour, minute = int(match["hour"]), int(match["minute"])
    return _build(year, int(match["month"]), int(match["day"]), hour, minute, None)


def normalize_date(value: str) -> str | None:
    """A metadata value (meta tag, JSON-LD, info line) as an ISO date, or None.

    Accepts everything find_date does plus the compact ``20190918`` form that some
    meta tags use; a value with no date in it gives None, never an exception.
    """
    value = value.strip()
    if not value:
        return None
    compact = _COMPACT_RE.match(value)
    if compact:
        return _build(
            int(compact["year"]), int(compact["month"]), int(compact["day"]), None, None, None
        )
    return find_date(value)
