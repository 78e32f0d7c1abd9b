"""Speech normalisation: each rule with its expected spoken form, and the offset map."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessible_reader.text.normalize import Spoken, cardinal, normalize

CASES: list[tuple[str, str]] = [
    # dates and years
    ("2024-10-18", "二〇二四年十月十八日"),
    ("2024/10/18", "二〇二四年十月十八日"),
    ("发布日期：2024-10-18 09:30", "发布日期：二〇二四年十月十八日 九点三十分"),
    ("2024年10月18日", "二〇二四年十月十八日"),
    ("10月11日", "十月十一日"),
    ("2024年", "二〇二四年"),
    ("2000年", "二〇〇〇年"),
    ("2020-2024年", "二〇二〇至二〇二四年"),
    ("2024年05月", "二〇二四年五月"),
    ("５０００年历史", "五千年历史"),
    ("2024海峡两岸青年创新创业大赛", "二〇二四海峡两岸青年创新创业大赛"),
    ("2024元", "两千零二十四元"),
    ("2024家企业", "两千零二十四家企业"),
    # amounts
    ("57.7亿元", "五十七点七亿元"),
    ("74.37亿元", "七十四点三七亿元"),
    ("200万立方米", "二百万立方米"),
    ("3000人", "三千人"),
    ("10005人", "一万零五人"),
    ("100000元", "十万元"),
    ("1,234.5万", "一千二百三十四点五万"),
    ("0.5倍", "零点五倍"),
    ("20余家", "二十余家"),
    ("超50家", "超五十家"),
    ("2个", "两个"),
    ("2万人", "两万人"),
    ("第2个", "第二个"),
    ("2月", "二月"),
    # percentages
    ("12.5%", "百分之十二点五"),
    ("增长30％以上", "增长百分之三十以上"),
    ("10%-20%", "百分之十至百分之二十"),
    ("10-20%", "百分之十至百分之二十"),
    ("5‰", "千分之五"),
    # ranges
    ("1—9月", "一至九月"),
    ("1-10月", "一至十月"),
    ("3~5天", "三至五天"),
    # ratios and fractions
    ("1.1:50.3:48.6", "一点一比五十点三比四十八点六"),
    ("3:1", "三比一"),
    ("1/3", "三分之一"),
    # times
    ("9:30", "九点三十分"),
    ("14:05", "十四点零五分"),
    ("9:00", "九点"),
    ("9:30:15", "九点三十分十五秒"),
    ("10:30-11:30", "十点三十分至十一点三十分"),
    ("９：３０", "九点三十分"),
    # ordinals and numbered names
    ("5号线", "五号线"),
    ("第10届", "第十届"),
    ("No.5", "第五"),
    # phone numbers and codes, digit by digit with 幺
    ("12345热线", "幺二三四五热线"),
    ("12345政务服务热线", "幺二三四五政务服务热线"),
    ("邮编213159", "邮编二幺三幺五九"),
    ("0519-86310000", "零五幺九 八六三幺零零零零"),
    ("电话：0519-86310000", "电话：零五幺九 八六三幺零零零零"),
    ("400-820-8820", "四零零 八二零 八八二零"),
    ("13912345678", "幺三九幺二三四五六七八"),
    ("苏ICP备05012345号", "苏I C P备零五零幺二三四五号"),
    # units and Latin abbreviations
    ("5公里", "五公里"),
    ("10km", "十千米"),
    ("5 km", "五千米"),
    ("60km/h", "六十千米每小时"),
    ("2kg", "两千克"),
    ("1.5m²", "一点五平方米"),
    ("-5℃", "负五摄氏度"),
    ("GDP", "G D P"),
    ("GDP增长5.2%", "G D P增长百分之五点二"),
    ("5G", "五G"),
    ("PM2.5", "P M二点五"),
    ("iPhone", "iPhone"),
    ("３Ｄ打印", "三D打印"),
    ("www.gov.cn", "W W W 点gov 点cn "),
    # full-width digits
    ("２０２４年", "二〇二四年"),
    ("５７．７亿元", "五十七点七亿元"),
    # symbols and table cells
    ("地区\t投资额", "地区，投资额"),
    ("元/吨", "元每吨"),
    ("和/或", "和、或"),
    ("A+B", "A加B"),
    ("x≥5", "x大于等于五"),
    # left alone
    (
        "今年以来，“两湖”创新区核心区重点项目加快推进。",
        "今年以来，“两湖”创新区核心区重点项目加快推进。",
    ),
    ("", ""),
]


def _check_offsets(display: str, spoken: Spoken) -> None:
    offsets = spoken.offsets
    assert len(offsets) == len(spoken.text) + 1
    assert offsets[-1] == len(display)
    assert all(0 <= a <= b for a, b in pairwise(offsets))
    assert all(0 <= offset <= len(display) for offset in offsets)


@pytest.mark.parametrize(("display", "expected"), CASES)
def test_spoken_form(display: str, expected: str) -> None:
    spoken = normalize(display)
    assert spoken.text == expected
    _check_offsets(display, spoken)


def test_offsets_map_readings_back_to_their_tokens() -> None:
    display = "投资57.7亿元，2024年"
    spoken = normalize(display)
    assert spoken.text == "投资五十七点七亿元，二〇二四年"
    # 五十七 comes from "57", 点 from ".", 七 from "7", each year digit from its digit.
    assert spoken.display_range(2, 5) == (2, 4)
    assert spoken.display_range(5, 6) == (4, 5)
    assert spoken.display_range(6, 7) == (5, 6)
    assert spoken.display_range(10, 15) == (9, 14)
    assert display[slice(*spoken.display_range(7, 9))] == "亿元"


def test_display_range_is_never_empty_for_spoken_text() -> None:
    spoken = normalize("5G")  # 五 from "5"
    assert spoken.display_range(0, 1) == (0, 1)
    spoken = normalize("GDP")
    for index in range(len(spoken.text)):
        start, end = spoken.display_range(index, index + 1)
        assert end > start


@pytest.mark.parametrize(
    ("digits", "words"),
    [
        ("0", "零"),
        ("10", "十"),
        ("15", "十五"),
        ("110", "一百一十"),
        ("1005", "一千零五"),
        ("10500", "一万零五百"),
        ("100010000", "一亿零一万"),
        ("120000000", "一亿二千万"),
        ("3000", "三千"),
    ],
)
def test_cardinal(digits: str, words: str) -> None:
    assert cardinal(digits) == words


_ALPHABET = st.sampled_from(
    list("0123456789０１９.．,:：-—–~～/%％‰℃°年月日号第热线邮编电话ICPGDkmhsLW元人")
    + list(" \t\n，。、“”（）𠮷😀abzAZ+=<>≥×#@*")
)


@given(st.text(_ALPHABET, max_size=120))
def test_normalize_never_raises_and_offsets_are_valid(display: str) -> None:
    _check_offsets(display, normalize(display))


@given(st.text(max_size=80))
def test_normalize_any_text(display: str) -> None:
    _check_offsets(display, normalize(display))


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("18:28:48", "十八點二十八分四十八秒"),
        ("投資57.7億元", "投資五十七點七億元"),
        ("增長12.5%", "增長百分之十二點五"),
        ("氣溫-3℃", "氣溫負三攝氏度"),
        ("2000人", "兩千人"),
    ],
)
def test_traditional_text_hears_traditional_words(display: str, expected: str) -> None:
    spoken = normalize(display, traditional=True)
    assert spoken.text == expected
    _check_offsets(display, spoken)
