"""Dates as portals write them, normalised to ISO."""

from __future__ import annotations

import pytest

from accessible_reader.article.dates import find_date, normalize_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-09-18 06:23", "2019-09-18T06:23"),
        ("2019-09-18", "2019-09-18"),
        ("2019年06月15日08:18", "2019-06-15T08:18"),
        ("2019年6月5日 9时05分", "2019-06-05T09:05"),
        ("2007-08-20-23:59:59", "2007-08-20"),
        ("2012-06-24 00:00:00", "2012-06-24"),
        ("2019-05-17 20:02:46", "2019-05-17T20:02:46"),
        ("2019/9/18", "2019-09-18"),
        ("2019.09.18", "2019-09-18"),
        ("2019-09-18T06:23:00+08:00", "2019-09-18T06:23"),
        ("20190918", "2019-09-18"),
        ("发布时间：2016年11月22日", "2016-11-22"),
        ("2019-02-30", None),
        ("1-10月", None),
        ("", None),
        ("浏览次数：1024", None),
        ("2019-09-18 25:61", "2019-09-18"),
    ],
)
def test_normalize_date(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_find_date_skips_impossible_dates() -> None:
    assert find_date("编号2019-13-45，发布于2020-01-02") == "2020-01-02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 28 Sat 2013", "2013-12-28"),
        ("Updated: December 28, 2013", "2013-12-28"),
        ("Sat, 28 Dec 2013 10:00 GMT", "2013-12-28"),
        ("Posted on Mar 3rd, 2020 by staff", "2020-03-03"),
        # A blog's Chinese locale names the month in Chinese, the rest in English.
        ("十一月 6th, 2009", "2009-11-06"),
        ("一月 6th, 2009 at 12:02 下午", "2009-01-06"),
        ("二十一月 3, 2009", None),
        ("Feb 30 2013", None),
        ("may 2013", None),
    ],
)
def test_english_dates(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


def test_year_and_month_day_in_separate_spans() -> None:
    """A header that sets the year apart from "11/ 17" (新华网) still gives the date;
    two unrelated numbers do not."""
    assert find_date("2023 11/ 17 20:52:15") == "2023-11-17T20:52:15"
    assert find_date("2024 3/5") == "2024-03-05"
    assert find_date("共 2023 人 11/17 日") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("日期：10/26/2024 来源：网络", "2024-10-26"),  # month first, as in the US
        ("日期：26/10/2024", "2024-10-26"),  # the first number cannot be a month
        ("3/4/2021", "2021-03-04"),
        ("13/13/2021", None),
        ("2024-10-26 与 10/27/2024", "2024-10-26"),  # a year-first date wins
        ("版本 1.2/3/2024", None),  # part of a longer number
    ],
)
def test_dates_with_the_year_last(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("發文日期：中華民國107年3月13日", "2018-03-13"),
        ("民国 98 年 12 月 1 日", "2009-12-01"),
        ("107年3月13日", None),  # no 民國: not taken for a year
        ("中華民國107年2月30日", None),
    ],
)
def test_republic_of_china_years(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("示范新闻网\u300010-01-06 15:01 【打印本页】", "2010-01-06T15:01"),
        ("98-12-31 08:30", "1998-12-31T08:30"),
        ("10-01-06", None),  # without a time, three pairs of digits may be anything
        ("电话 0471-48-11 12:30", None),  # a longer number before it
        ("10-13-06 15:01", None),  # no month 13
    ],
)
def test_two_digit_years_with_a_time(text: str, expected: str | None) -> None:
    """A template's yy-MM-dd HH:mm (Enorth's cur_date), the only date some pages show."""
    assert find_date(text) == expected


def test_the_year_run_into_month_and_day_by_a_copy() -> None:
    """A header's year, month/day and time spans joined with no space ("202303/24")."""
    assert find_date("202303/24 15:15:51") == "2023-03-24T15:15:51"
    assert find_date("20231/2") is None  # one digit after the year is no month
